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

import contextlib
import json
import logging
import secrets
from contextlib import asynccontextmanager
from typing import Annotated
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ..errors import IngestError, StoreError, UnreadableDossier, shown
from ..ingest import Fetcher
from ..ingest.dates import read_published
from ..ingest.decode import check_text
from ..ingest.html import MAX_NAME_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS
from ..ingest.sources import check_languages, looks_like_html, page_limit, read_page
from ..models import Article, Dossier, replace_lone_surrogates, submission_source, without_userinfo
from ..pipeline import Pipeline
from ..report import render_html
from ..settings import Settings
from ..store import Store
from .cursor import NotACursor, read_cursor, story_cursor
from .jobs import JobWorker, reservation_wait
from .pages import FORM_NUMBERS, MAX_QUERY_CHARS, render_error
from .security import is_loopback_host, is_page, web_url_problem
from .web import install_web

logger = logging.getLogger(__name__)


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field ("date", "source") is refused, not lost

    # the one-line fields are bounded: an article's id is written in every span of the dossier and every sentence's
    # anchor of the report, its outlet by every marker; a 100,000-character id had made a dossier of 1.3 GB of a
    # text of 4 KB, in the worker's memory
    id: str | None = Field(default=None, max_length=256,
                           description="the article's id in the dossier; none: a1, a2... in the order given")
    text: str = Field(description="the article's text; an HTML page (<html>, <body> or a doctype at its head) is "
                                  "read as a page file is: its article's text, title, site name, byline and date")
    published: str | None = Field(default=None, max_length=100,
                                  description="its date: 2010-08-30, 2010-08, 2010, or as people write it with a "
                                              "four-digit year (30 August 2010; 30/08/2010, day first)")
    outlet: str | None = Field(default=None, max_length=MAX_NAME_CHARS,  # as a page's site name is cut
                               description="who published it")
    title: str | None = Field(default=None, max_length=MAX_TITLE_CHARS,  # as a page's title is cut
                              description="its headline")
    author: str | None = Field(default=None, max_length=MAX_NAME_CHARS,  # as a page's byline is cut
                               description="who wrote it (its byline), as a record or a manifest entry gives it; a "
                                           "page pasted as the text gives its own where this is none")
    url: str | None = Field(default=None, max_length=MAX_URL_CHARS,
                            description="its address, shown and linked in the report; not fetched (give it in urls "
                                        "to have it fetched)")

    @field_validator("id", "text", "published", "outlet", "title", "author", "url", mode="before")
    @classmethod
    def _replace_lone_surrogates(cls, value: object) -> object:
        """JSON's unpaired "\\ud800" is no character: U+FFFD, as a decoder does (it cannot be stored or measured in
        UTF-8 bytes; before the fields' length is checked, which cannot measure it either)."""
        return replace_lone_surrogates(value) if isinstance(value, str) else value


class StoryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(default_factory=list, max_length=200,
                                      description="the reports of one story (at most 200)")
    urls: list[Annotated[str, Field(max_length=MAX_URL_CHARS)]] = Field(
        default_factory=list, max_length=50,
        description="http(s) addresses of more reports, pages or feeds, fetched by the job (at most 50; "
                    "private and loopback addresses are refused)")


class Issue(BaseModel):
    loc: list[str | int] = Field(description="where: body, articles, the article's index, the field")
    msg: str = Field(description="what is wrong")


class Problem(BaseModel):
    """Every error answer: its detail says what is wrong in a line (a string), or, for a request whose body or
    parameters do not fit the models, where and what (a list; nothing of the request is echoed back)."""
    # (no reStructuredText marks here: the docstring is the schema's description, shown as it is on /docs)

    detail: str | list[Issue]


#: the most stories one page of ``GET /api/stories`` lists (its ``limit``)
MAX_LIST_LIMIT = 500
#: what ``limit`` may be, said when it is something else
LIMIT_RANGE = f"must be a whole number from 1 to {MAX_LIST_LIMIT} (the stories a page lists)"

#: the stages of a dossier's ``skipped`` that concern the story's own articles (the others name inputs a submission
#: left out, listed with its job)
STORY_SKIPPED_STAGES = ("warning", "parse", "extract")


def _errors(*codes: int) -> dict[int | str, dict]:
    """The ``responses=`` of a route that can answer these error codes."""
    said = {
        401: "a token is configured and the request does not carry it (Authorization: Bearer ...)",
        403: "no token is configured and the write does not come from this machine, or a browser write comes "
             "from another origin",
        404: "no such job or story",
        410: "the story's stored analysis cannot be read by this version (another version's schema, or damaged): "
             "the detail says why; analyse its articles again",
        413: "the request is over 5 MB, or an article's text (a pasted page's article) over max_article_bytes or "
             "max_article_chars, or a pasted page over fetch_max_bytes",
        422: "the body or a parameter does not fit (detail: a list of {loc, msg}), or a value is refused "
             "(detail: a string: an empty article, an unreadable date, a URL that is not http(s))",
        429: "over the client's rate limit; Retry-After says in how many seconds to try again",
        503: "the database is unavailable (down, or locked past its timeout); Retry-After says when to try again",
    }
    out: dict[int | str, dict] = {}
    for code in codes:
        out[code] = {"model": Problem, "description": said[code]}
        if code in (429, 503):
            out[code]["headers"] = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}
    return out


def _message(error: dict) -> str:
    """pydantic's message, naming the field when it is one the model does not have, and the range of the story list's
    ``limit`` whatever is wrong with the one given."""
    if error.get("type") == "extra_forbidden" and error.get("loc"):
        return f"unknown field {str(error['loc'][-1])!r}: not one of the documented fields"
    if tuple(error.get("loc", ())) == ("query", "limit"):  # out of range or not a number: the range, said alike
        return LIMIT_RANGE
    return error.get("msg", "")


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
    check_languages(settings)  # a language no article can be in fails every job: said at start instead
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

    # no Swagger UI or ReDoc: FastAPI's load their scripts from a CDN; /docs is the service's own page, built from
    # the OpenAPI schema (serve/pages.py), and /openapi.json the schema itself
    app = FastAPI(title="storylens", version="1", description=__doc__, lifespan=lifespan, docs_url=None,
                  redoc_url=None)
    app.state.worker = worker
    app.state.store = db
    app.state.close = close

    @app.middleware("http")
    async def limit_size(request: Request, call_next):
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > max_request_bytes):
            detail = f"request larger than {max_request_bytes} bytes"
            if is_page(request.url.path):
                return HTMLResponse(render_error(413, detail), status_code=413)
            return JSONResponse({"detail": detail}, status_code=413)
        return await call_next(request)

    def write_refusal(authorization: str | None, client_host: str | None) -> tuple[int, str] | None:
        if token:
            given = authorization or ""
            if not secrets.compare_digest(given.encode("utf-8"), f"Bearer {token}".encode()):  # bytes: any header
                return 401, "a valid bearer token is needed to write"
        elif not is_loopback_host(client_host):
            return 403, "no token is configured: writes are accepted from loopback only"
        return None

    def authorise(request: Request) -> None:
        refused = write_refusal(request.headers.get("authorization"), request.client.host if request.client else None)
        if refused is not None:
            raise HTTPException(status_code=refused[0], detail=refused[1],
                                headers={"WWW-Authenticate": "Bearer"} if refused[0] == 401 else None)

    @app.get("/api/health")  # never rate limited (ratelimit.RateLimitMiddleware exempts it)
    def health() -> dict:
        return {"status": "ok"}

    # the token is checked before the body is read (security.WriteAuth, a middleware), so a caller without it
    # learns nothing of what a valid request looks like, not even that its JSON is malformed; and again here, for
    # the web form's calls
    @app.post("/api/stories", status_code=202, responses=_errors(401, 403, 413, 422, 429, 503))
    def submit(body: StoryIn, request: Request) -> dict:
        authorise(request)
        if not body.articles and not body.urls:
            raise HTTPException(status_code=422, detail="give at least one article or URL")
        bad_urls = [f"{shown(url)}: {problem}" for url in body.urls if (problem := web_url_problem(url))]
        if bad_urls:  # never a local path: the server reads nothing of its own disk for a client
            raise HTTPException(status_code=422, detail="; ".join(bad_urls[:5]))
        urls = [url.strip() for url in body.urls]  # as checked: " http://..." is that URL, not a relative path
        # each article's number as its submitter knows it: its place in the request, or the form's fieldset
        numbers = request.scope.get(FORM_NUMBERS)
        if not isinstance(numbers, list) or len(numbers) != len(body.articles):
            numbers = list(range(1, len(body.articles) + 1))
        articles = []
        # an article given no id is a1, a2...: padded to one width (a01...a12), since the dossier lists the articles of
        # a date by id, and a10 sorted before a2
        width = len(str(len(body.articles)))
        for n, item in enumerate(body.articles, 1):
            page = looks_like_html(item.text)  # a page pasted as the text: its article, as a page file is read
            # a page's markup is held to a page file's limit (fetch_max_bytes: its scripts and styles are not its
            # article); the text analysed, a page's article or the text as given, to ingest's length_problem limits,
            # refused now rather than skipped later by the job
            if page and len(item.text.encode("utf-8")) > page_limit(settings):
                raise HTTPException(status_code=413, detail=f"article {n}: a page of over {page_limit(settings)} "
                                    "bytes (setting fetch_max_bytes)")
            try:
                check_text(item.text, f"article {n}", min_chars=1 if page else settings.min_article_chars)
                try:  # the dates files and feeds accept ("June 19, 2026", "19/06/2026"), refused when unreadable
                    published = read_published(item.published)
                except ValueError as exc:
                    raise HTTPException(status_code=422, detail=f"article {n}: published: {exc}") from exc
                fields = {"text": item.text}
                if page:
                    extracted = read_page(item.text, f"article {n}", url=item.url)
                    fields = {"text": extracted["text"], "title": extracted.get("title"),
                              "outlet": extracted.get("outlet"), "author": extracted.get("author")}
                    if published is None and extracted.get("published"):
                        with contextlib.suppress(ValueError):  # the page's own date, when it gives one
                            published = read_published(extracted["published"])
                if len(fields["text"].encode("utf-8")) > settings.max_article_bytes:
                    raise HTTPException(status_code=413, detail=f"article {n} is over {settings.max_article_bytes} "
                                        "bytes" + (" of text (its page's article)" if page else ""))
                if len(fields["text"]) > settings.max_article_chars:
                    raise HTTPException(status_code=413, detail=f"article {n} is over {settings.max_article_chars} "
                                        "characters" + (" of text (its page's article)" if page else ""))
                if page:
                    try:
                        check_text(fields["text"], f"article {n}", min_chars=settings.min_article_chars)
                    except IngestError as exc:
                        raise HTTPException(status_code=422, detail=f"article {n}: the article of its page: "
                                            f"{exc.reason}") from exc
                articles.append(Article(id=item.id or f"a{n:0{width}d}", text=fields["text"], published=published,
                                        outlet=item.outlet or fields.get("outlet"), title=item.title or fields.get("title"),
                                        author=item.author or fields.get("author"), url=item.url,
                                        source=submission_source(numbers[n - 1], item.title or fields.get("title"),
                                                                 without_userinfo(item.url) if item.url else None)))
            except IngestError as exc:
                raise HTTPException(status_code=422, detail=f"article {n}: {exc.reason}") from exc
            except ValidationError as exc:
                raise HTTPException(status_code=422, detail=f"article {n}: {validation_summary(exc)}") from exc
        job_id = worker.submit(articles, urls)  # committed before the reply (an address's credentials held in memory)
        worker.start()
        worker.notify()
        return {"job_id": job_id, "status_url": f"/api/jobs/{job_id}"}

    @app.get("/api/jobs/{job_id}", responses=_errors(404, 429, 503))
    def job_status(job_id: str) -> dict:
        job = db.get_job(job_id)
        if job is None:
            raise HTTPException(status_code=404, detail="no such job")
        # a queued job reserved for the server process holding its addresses' credentials: what it waits for, and
        # until when (the reservation's end, renewed while that process runs); both null otherwise
        waiting = reservation_wait(job)
        return {"id": job.id, "status": job.status, "story_id": job.story_id, "error": job.error,
                "skipped": job.skipped, "created": job.created, "updated": job.updated, "attempts": job.attempts,
                "waiting": waiting, "reserved_until": job.reserved_until if waiting else None}

    def stories_page(q: str | None, limit: int, cursor: str | None = None) -> tuple[list[dict], str | None]:
        """A page of the story list, as the API and the web page list it: the newest ``limit`` stories (1 to
        :data:`MAX_LIST_LIMIT`, as the API's parameter is checked) that hold ``q``, after the story ``cursor`` names
        (none: from the newest), and the cursor of the next page (None on the last).  NotACursor, saying so, for a
        cursor that is not one; the store is asked for one story more than the page shows, to know whether there is
        a next page (a limit of 500 had asked for 501 and got 500: no next page)."""
        after = read_cursor(cursor) if cursor is not None else None
        stories = db.list_stories(q, limit + 1, after=after)
        if len(stories) <= limit:
            return stories, None
        stories = stories[:limit]
        return stories, story_cursor(stories[-1]["created"], stories[-1]["id"])

    @app.get("/api/stories", responses={
        200: {"description": "the stories, newest first; when there are more, a Link header gives the next page's "
                             "address (rel=\"next\", this list's q and limit with the cursor of its last story); "
                             "none on the last page",
              "headers": {"Link": {"description": "<ADDRESS>; rel=\"next\": the next page, when there is one",
                                   "schema": {"type": "string"}}}},
        **_errors(422, 429, 503)})
    def stories_list(
        response: Response,
        q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS,
                                       description="words that a story's article titles or texts hold (any case), "
                                                   f"up to {MAX_QUERY_CHARS} characters, as the web page's search")]
        = None,
        # a limit out of range or not a whole number is refused (422, the range said), not clamped
        limit: Annotated[int, Query(ge=1, le=MAX_LIST_LIMIT,
                                    description=f"the newest stories listed, 1 to {MAX_LIST_LIMIT} (another value is "
                                                "refused: 422)")] = 50,
        cursor: Annotated[str | None, Query(max_length=1000,
                                            description="where the page starts: the cursor of the Link header's next "
                                                        "address (none: the newest stories)")] = None,
    ) -> list[dict]:
        try:
            stories, next_cursor = stories_page(q, limit, cursor)
        except NotACursor as exc:
            raise HTTPException(status_code=422, detail=f"cursor: {exc}") from exc
        if next_cursor is not None:  # there is a next page, from the last story of this one
            query = urlencode({**({"q": q} if q is not None else {}), "limit": limit, "cursor": next_cursor})
            response.headers["Link"] = f'</api/stories?{query}>; rel="next"'
        return stories

    def load(story_id: str) -> Dossier:
        """The story's dossier, or the error to answer: 404 when there is none, 410 (saying why) when the one
        stored cannot be read by this version."""
        try:
            dossier = db.read_dossier(story_id)
        except UnreadableDossier as exc:
            raise HTTPException(status_code=410, detail=str(exc)) from exc
        if dossier is None:
            raise HTTPException(status_code=404, detail="no such story")
        # one story is submitted by many jobs, each with inputs of its own left out: those are the job's (GET
        # /api/jobs/ID), and the story's dossier keeps what concerns its articles (warnings, parse and extract
        # problems), not the inputs that the submission which first stored it left out
        dossier.skipped = [s for s in dossier.skipped if s.stage in STORY_SKIPPED_STAGES]
        return dossier

    @app.get("/api/stories/{story_id}", response_class=JSONResponse,
             responses={200: {"model": Dossier, "description": "the story's dossier"},
                        **_errors(404, 410, 429, 503)})
    def story(story_id: str) -> JSONResponse:
        return JSONResponse(load(story_id).model_dump(mode="json"))

    @app.get("/stories/{story_id}", response_class=HTMLResponse,
             responses={404: {"description": "no such story (an HTML page)", "content": {"text/html": {}}},
                        410: {"description": "the story's stored analysis cannot be read by this version (an HTML "
                                             "page saying why)", "content": {"text/html": {}}},
                        429: {**_errors(429)[429], "model": None, "content": {"text/html": {}},
                              "description": "over the client's rate limit (an HTML page); Retry-After says in how "
                                             "many seconds to try again"}})
    def story_page(story_id: str) -> HTMLResponse:
        try:
            dossier = load(story_id)
        except HTTPException as exc:  # a page, so an HTML answer
            return HTMLResponse(render_error(exc.status_code, str(exc.detail)), status_code=exc.status_code)
        return HTMLResponse(render_html(dossier))

    @app.exception_handler(StoreError)
    async def store_failed(request: Request, exc: StoreError) -> Response:
        # the database is down, locked past its timeout, out of space: said as the other errors are ({"detail"}, or
        # a page), without the driver's message, which can hold the request's values and the database's address
        logger.error("%s %s: %s", request.method, request.url.path, exc)
        detail = "the database is unavailable; try again later"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=503, headers={"Retry-After": "30"})
        return HTMLResponse(render_error(503, detail), status_code=503, headers={"Retry-After": "30"})

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        # a bug: {"detail"} (or a page) as every other error, nothing of it shown; the server logs the traceback
        detail = "internal error: the server could not answer this request"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=500)
        return HTMLResponse(render_error(500, detail), status_code=500)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # the router's own answers (an unknown address, a method a route does not take) as the routes' errors are:
        # a page to a browser on a page's address, {"detail"} to the API
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # every method the address takes: Starlette names the first route's only
            methods = {method for route in app.router.routes if route.matches(request.scope)[0] != Match.NONE
                       for method in (getattr(route, "methods", None) or ())}
            if methods:  # HEAD with every GET (serve/web.py answers it)
                headers["Allow"] = ", ".join(sorted(methods | ({"HEAD"} if "GET" in methods else set())))
        if is_page(request.url.path):
            detail = {404: "no such page", 405: f"this page does not answer {request.method}"}.get(
                exc.status_code, str(exc.detail))
            return HTMLResponse(render_error(exc.status_code, detail), status_code=exc.status_code, headers=headers)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # where and what only: the default answer echoes the request's values back, up to megabytes of them
        sent_as = request.headers.get("content-type", "").split(";")[0].strip().lower()
        issues = [{"loc": list(e.get("loc", ())), "msg": _message(e)} for e in exc.errors()[:20]]
        if request.method == "POST" and not (sent_as == "application/json" or sent_as.endswith("+json")) and any(
                issue["loc"] == ["body"] for issue in issues):
            # a JSON body sent as text/plain (curl -d without -H) is not read as JSON: "Input should be a valid
            # dictionary" said of a body that is one
            issues = [{"loc": ["body"], "msg": "the body is read as JSON only when sent with Content-Type: "
                                               f"application/json (it came as {sent_as or 'no content type'})"}]
        return JSONResponse({"detail": issues}, status_code=422)

    fastapi_openapi = app.openapi

    def openapi() -> dict:
        """FastAPI's schema, without the 422 it adds to every route with a parameter: a route whose only
        parameters are path strings cannot answer it (the others declare theirs, as a Problem)."""
        if app.openapi_schema is None:
            schema = fastapi_openapi()
            for item in schema["paths"].values():
                for operation in item.values():
                    if "HTTPValidationError" in json.dumps(operation.get("responses", {}).get("422", {})):
                        del operation["responses"]["422"]
            if "HTTPValidationError" not in json.dumps(schema["paths"]):
                for name in ("HTTPValidationError", "ValidationError"):
                    schema.get("components", {}).get("schemas", {}).pop(name, None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi

    # the web page (/, /submit, /jobs/ID) and the guards: rate limits, body size, browser origin, CSP (serve/web.py)
    install_web(app, settings, token_configured=bool(token), max_request_bytes=max_request_bytes, submit=submit,
                job_status=job_status, stories_page=stories_page, story_model=StoryIn,
                write_refusal=write_refusal, openapi=app.openapi)

    return app
