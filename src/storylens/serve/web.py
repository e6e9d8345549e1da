"""Wiring of the web page and the request guards into the service (called once by ``create_app``).

Middleware order, outermost first: security headers (on every answer, the guards' refusals too), rate limit
(cheapest refusal), the API writes' token check (before any body is read), body size limit, the browser write
guard, HEAD answered as GET, then the application.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from ..report.html import script_hashes as report_script_hashes
from ..settings import Settings
from .pages import add_pages
from .pages import script_hashes as page_script_hashes
from .ratelimit import RateLimitMiddleware, limiters_from_settings
from .security import BodySizeLimit, BrowserWriteGuard, SecurityHeaders, WriteAuth


class HeadAsGet:
    """ASGI middleware: a HEAD request is answered as its GET, without the body (RFC 9110, 9.3.2: a resource
    that answers GET answers HEAD).  FastAPI's routes declared with ``@app.get`` answer 405 to HEAD otherwise.
    The headers (status, Content-Type, Content-Length) are the GET's; a path that has no GET still answers 405."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: dict) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the body's chunks are dropped; the last one ends the answer, empty
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


def install_web(
    app: FastAPI,
    settings: Settings,
    *,
    token_configured: bool,
    max_request_bytes: int,
    submit: Callable,
    job_status: Callable,
    stories_page: Callable,
    story_model: type,
    write_refusal: Callable[[str | None, str | None], tuple[int, str] | None],
    openapi: Callable[[], dict],
) -> None:
    add_pages(app, submit=submit, job_status=job_status, stories_page=stories_page, story_model=story_model,
              token_configured=token_configured, openapi=openapi)
    # add_middleware puts each new one outside the ones before it
    app.add_middleware(HeadAsGet)
    app.add_middleware(BrowserWriteGuard, token_configured=token_configured)
    app.add_middleware(BodySizeLimit, max_bytes=max_request_bytes)
    app.add_middleware(WriteAuth, refusal=write_refusal)
    writes, reads = limiters_from_settings(settings)
    app.add_middleware(RateLimitMiddleware, writes=writes, reads=reads)
    app.add_middleware(SecurityHeaders, script_hashes=[*report_script_hashes(), *page_script_hashes()])
    app.state.rate_limiters = {"writes": writes, "reads": reads}
