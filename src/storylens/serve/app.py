"""The HTTP service: submit articles, follow analyses, read dossiers and reports.

Writes (``POST``) need the configured token (``Authorization: Bearer ...``); with no token
configured, writes are accepted from the loopback address only.  URLs are fetched with
the address guard on (no loopback, private, link-local or metadata addresses, checked
after DNS resolution and on every redirect) and with the time and size limits of the
settings.  Requests larger than ``max_request_bytes`` are refused before they are read.
All text reaches pages through the escaping report renderer.

Each submission is committed to the database (a job, and its articles stored once by content hash)
before the reply; a background worker claims the jobs from the database and analyses them one at a
time, so a server killed mid-analysis finishes the work when it starts again (``serve/jobs.py``).
"""

from __future__ import annotations

import logging
import secrets
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field, ValidationError

from ..errors import IngestError
from ..ingest import Fetcher
from ..ingest.dates import read_published
from ..ingest.decode import check_text
from ..models import Article
from ..pipeline import Pipeline
from ..report import render_html
from ..settings import Settings
from ..store import Store
from .jobs import JobWorker
from .pages import render_error
from .security import is_loopback_host, web_url_problem
from .web import install_web

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


def validation_summary(exc: ValidationError) -> str:
    """A validation error as "field: message" parts, without pydantic's links and echoed values."""
    return "; ".join(f"{'.'.join(str(part) for part in e['loc']) or 'value'}: {e['msg']}" for e in exc.errors()[:5])


def create_app(
    settings: Settings | None = None,
    *,
    token: str | None = None,
    max_request_bytes: int = 5_000_000,
    fetcher: Fetcher | None = None,
    max_attempts: int = 5,
    lease_seconds: float = 60.0,
) -> FastAPI:
    """The service over ``settings``' store (``db_url``, else ``db_path``).  ``fetcher`` lets tests answer
    URLs without a network; a job interrupted by ``max_attempts`` crashes is failed, not tried again; a job
    whose worker stops renewing its ``lease_seconds`` lease is taken over by another.

    The job worker starts with the server (or with the first submission, when no lifespan runs) and
    stops with it; ``app.state.close()`` stops it and closes the store."""
    settings = (settings or Settings.load()).model_copy(update={"fetch_allow_private": False, "progress": False})
    db = Store.open(settings)
    pipeline = Pipeline(settings, store=db, fetcher=fetcher or Fetcher(
        timeout=settings.fetch_timeout, max_bytes=settings.fetch_max_bytes, allow_private=False,
        concurrency=settings.fetch_concurrency))
    worker = JobWorker(db, pipeline, max_attempts=max_attempts, lease_seconds=lease_seconds)

    def close() -> None:
        worker.stop()
        db.close()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        worker.start()  # interrupted jobs of an earlier run are finished without waiting for a submission
        yield
        close()

    app = FastAPI(title="storylens", version="1", description=__doc__, lifespan=lifespan)
    app.state.worker = worker
    app.state.store = db
    app.state.close = close

    @app.middleware("http")
    async def limit_size(request: Request, call_next):
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > max_request_bytes):
            return JSONResponse({"detail": f"request larger than {max_request_bytes} bytes"}, status_code=413)
        return await call_next(request)

    def authorise(request: Request) -> None:
        if token:
            given = request.headers.get("authorization", "")
            if not secrets.compare_digest(given.encode("utf-8"), f"Bearer {token}".encode()):  # bytes: any header
                raise HTTPException(status_code=401, detail="a valid bearer token is needed to write")
        elif not is_loopback_host(request.client.host if request.client else None):
            raise HTTPException(status_code=403, detail="no token is configured: writes are accepted from loopback only")

    @app.get("/api/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)  # no icon: browsers ask anyway

    # the token is checked before the body is read (a dependency runs before body validation), so a caller without
    # it learns nothing of what a valid request looks like; and again inside, for the web form's calls
    @app.post("/api/stories", status_code=202, dependencies=[Depends(authorise)])
    def submit(body: StoryIn, request: Request) -> dict:
        authorise(request)
        if not body.articles and not body.urls:
            raise HTTPException(status_code=422, detail="give at least one article or URL")
        bad_urls = [f"{url!r}: {problem}" for url in body.urls if (problem := web_url_problem(url))]
        if bad_urls:  # never a local path: the server reads nothing of its own disk for a client
            raise HTTPException(status_code=422, detail="; ".join(bad_urls[:5]))
        articles = []
        for n, item in enumerate(body.articles, 1):
            # the same limits as ingest's length_problem, refused now rather than skipped later by the job
            if len(item.text.encode("utf-8")) > settings.max_article_bytes:
                raise HTTPException(status_code=413, detail=f"article {n} is over {settings.max_article_bytes} bytes")
            if len(item.text) > settings.max_article_chars:
                raise HTTPException(status_code=413, detail=f"article {n} is over {settings.max_article_chars} characters")
            try:
                check_text(item.text, f"article {n}", min_chars=settings.min_article_chars)
                try:  # the dates files and feeds accept ("June 19, 2026", "19/06/2026"), refused when unreadable
                    published = read_published(item.published)
                except ValueError as exc:
                    raise HTTPException(status_code=422, detail=f"article {n}: published: {exc}") from exc
                articles.append(Article(id=item.id or f"a{n}", text=item.text, published=published,
                                        outlet=item.outlet, title=item.title, url=item.url, source=f"request[{n}]"))
            except IngestError as exc:
                raise HTTPException(status_code=422, detail=f"article {n}: {exc.reason}") from exc
            except ValidationError as exc:
                raise HTTPException(status_code=422, detail=f"article {n}: {validation_summary(exc)}") from exc
        job_id = db.submit_job(articles, list(body.urls))  # committed before the reply
        worker.start()
        worker.notify()
        return {"job_id": job_id, "status_url": f"/api/jobs/{job_id}"}

    @app.get("/api/jobs/{job_id}")
    def job_status(job_id: str) -> dict:
        job = db.get_job(job_id)
        if job is None:
            raise HTTPException(status_code=404, detail="no such job")
        return {"id": job.id, "status": job.status, "story_id": job.story_id, "error": job.error,
                "skipped": job.skipped, "created": job.created, "updated": job.updated, "attempts": job.attempts}

    @app.get("/api/stories")
    def list_stories(q: str | None = None, limit: int = 50) -> list[dict]:
        return db.list_stories(q, min(max(limit, 1), 500))

    def load(story_id: str):
        dossier = db.load_dossier(story_id)
        if dossier is None:
            raise HTTPException(status_code=404, detail="no such story")
        return dossier

    @app.get("/api/stories/{story_id}")
    def story(story_id: str) -> JSONResponse:
        return JSONResponse(load(story_id).model_dump(mode="json"))

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str) -> HTMLResponse:
        dossier = db.load_dossier(story_id)
        if dossier is None:  # a page, so an HTML answer
            return HTMLResponse(render_error(404, "no such story"), status_code=404)
        return HTMLResponse(render_html(dossier))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # where and what only: the default answer echoes the request's values back, up to megabytes of them
        return JSONResponse({"detail": [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")}
                                        for e in exc.errors()[:20]]}, status_code=422)

    # the web page (/, /submit, /jobs/ID) and the guards: rate limits, body size, browser origin, CSP (serve/web.py)
    install_web(app, settings, token_configured=bool(token), max_request_bytes=max_request_bytes, submit=submit,
                job_status=job_status, list_stories=list_stories, story_model=StoryIn)

    return app
