"""The HTTP service: submit articles, follow analyses, read dossiers and reports.

Writes (``POST``) need the configured token (``Authorization: Bearer ...``); with no token
configured, writes are accepted from the loopback address only.  URLs are fetched with
the address guard on (no loopback, private, link-local or metadata addresses, checked
after DNS resolution and on every redirect) and with the time and size limits of the
settings.  Requests larger than ``max_request_bytes`` are refused before they are read.
All text reaches pages through the escaping report renderer.

Analyses run one at a time on a background worker; each submission gets a job id.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html import escape

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from ..errors import NothingToAnalyse, StorylensError
from ..ingest import Fetcher
from ..models import Article
from ..parse.pipeline import model_id
from ..pipeline import Pipeline, story_key
from ..report import render_html
from ..settings import Settings
from ..store import Store

logger = logging.getLogger(__name__)


class ArticleIn(BaseModel):
    id: str | None = None
    text: str
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None


class StoryIn(BaseModel):
    articles: list[ArticleIn] = Field(default_factory=list, max_length=200)
    urls: list[str] = Field(default_factory=list, max_length=50)


@dataclass
class Job:
    id: str
    status: str = "queued"  # queued | running | done | failed
    story_id: str | None = None
    error: str | None = None
    skipped: list[dict] = field(default_factory=list)


def _is_loopback(host: str | None) -> bool:
    if host in (None, ""):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def create_app(
    settings: Settings | None = None,
    *,
    token: str | None = None,
    max_request_bytes: int = 5_000_000,
    fetcher: Fetcher | None = None,
) -> FastAPI:
    """The service over ``settings``' store.  ``fetcher`` lets tests answer URLs without a network."""
    settings = (settings or Settings.load()).model_copy(update={"fetch_allow_private": False, "progress": False})
    jobs: dict[str, Job] = {}
    lock = threading.Lock()
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storylens-analysis")
    pipeline = Pipeline(settings, fetcher=fetcher or Fetcher(
        timeout=settings.fetch_timeout, max_bytes=settings.fetch_max_bytes, allow_private=False))

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        worker.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(title="storylens", version="1", description=__doc__, lifespan=lifespan)
    app.state.worker = worker
    app.state.jobs = jobs

    def store() -> Store:
        return Store(settings.db_path)

    @app.middleware("http")
    async def limit_size(request: Request, call_next):
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > max_request_bytes):
            return JSONResponse({"detail": f"request larger than {max_request_bytes} bytes"}, status_code=413)
        return await call_next(request)

    def authorise(request: Request) -> None:
        if token:
            given = request.headers.get("authorization", "")
            if not secrets.compare_digest(given, f"Bearer {token}"):
                raise HTTPException(status_code=401, detail="a valid bearer token is needed to write")
        elif not _is_loopback(request.client.host if request.client else None):
            raise HTTPException(status_code=403, detail="no token is configured: writes are accepted from loopback only")

    def run(job: Job, articles: list[Article], urls: list[str]) -> None:
        job.status = "running"
        try:
            result = pipeline.ingest([*articles, *urls])
            job.skipped = [s.model_dump() for s in result.skipped]
            if not result.articles:
                raise NothingToAnalyse("nothing could be analysed")
            dossier = pipeline.analyze_articles(result.articles, skipped=result.skipped)
            job.story_id = story_key(result.articles, *model_id(pipeline.nlp))
            job.status = "done"
            logger.info("job %s: story %s, %d entities", job.id, job.story_id, len(dossier.entities))
        except StorylensError as exc:
            job.status, job.error = "failed", str(exc)
        except Exception as exc:  # a job must end in a state the client can read
            logger.exception("job %s failed", job.id)
            job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"

    @app.get("/api/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.post("/api/stories", status_code=202)
    def submit(body: StoryIn, request: Request) -> dict:
        authorise(request)
        if not body.articles and not body.urls:
            raise HTTPException(status_code=422, detail="give at least one article or URL")
        articles = []
        for n, item in enumerate(body.articles, 1):
            if len(item.text.encode("utf-8")) > settings.max_article_bytes:
                raise HTTPException(status_code=413, detail=f"article {n} is over {settings.max_article_bytes} bytes")
            try:
                articles.append(Article(id=item.id or f"a{n}", text=item.text, published=item.published,
                                        outlet=item.outlet, title=item.title, url=item.url, source=f"request[{n}]"))
            except ValueError as exc:
                raise HTTPException(status_code=422, detail=f"article {n}: {exc}") from exc
        job = Job(id=uuid.uuid4().hex[:16])
        with lock:
            jobs[job.id] = job
        worker.submit(run, job, articles, list(body.urls))
        return {"job_id": job.id, "status_url": f"/api/jobs/{job.id}"}

    @app.get("/api/jobs/{job_id}")
    def job_status(job_id: str) -> dict:
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(status_code=404, detail="no such job")
        return {"id": job.id, "status": job.status, "story_id": job.story_id, "error": job.error,
                "skipped": job.skipped}

    @app.get("/api/stories")
    def list_stories(q: str | None = None, limit: int = 50) -> list[dict]:
        s = store()
        try:
            return s.list_stories(q, min(max(limit, 1), 500))
        finally:
            s.close()

    def load(story_id: str):
        s = store()
        try:
            dossier = s.load_dossier(story_id)
        finally:
            s.close()
        if dossier is None:
            raise HTTPException(status_code=404, detail="no such story")
        return dossier

    @app.get("/api/stories/{story_id}")
    def story(story_id: str) -> JSONResponse:
        return JSONResponse(load(story_id).model_dump(mode="json"))

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str) -> str:
        return render_html(load(story_id))

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        s = store()
        try:
            stories = s.list_stories(None, 200)
        finally:
            s.close()
        items = "".join(
            f'<li><a href="/stories/{escape(st["id"], quote=True)}">{escape(st["title"] or st["id"])}</a> '
            f'({st["articles"]} sources, {escape(st["created"])})</li>'
            for st in stories
        )
        return (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>storylens</title></head><body>'
            f"<main><h1>storylens</h1><h2>Stories</h2><ul>{items or '<li>none yet</li>'}</ul>"
            '<p>Submit articles with <code>POST /api/stories</code>; the API is described at <a href="/docs">/docs</a>.</p>'
            "</main></body></html>"
        )

    return app
