"""The service's request guards, as ASGI middleware, and the same-origin checks of the web form.

- :class:`BodySizeLimit`: a request body over the limit is refused with 413, also when it
  comes without ``Content-Length`` (chunked), which a check of the header alone lets through.
- :class:`BrowserWriteGuard`: with no token configured, writes are accepted from loopback
  only; a *browser* on this machine could still be made to write by another site (a
  cross-site form or ``fetch``) or by a DNS-rebinding page.  Browsers say where a write
  comes from in ``Origin``: a write whose ``Origin`` is not a loopback origin, or not this
  server's own origin, is refused with 403.
- :class:`SecurityHeaders`: on the HTML pages, a Content-Security-Policy that allows no
  script but the pages' own inline scripts (by hash), no connection but to this server,
  no frame, no form target elsewhere; ``nosniff`` on everything.  Even an escaping mistake
  could then not run a script.

:func:`same_origin` is the check the form endpoint makes (with its CSRF token).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})


def is_loopback_host(host: str | None) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is this machine."""
    if not host:
        return False
    host = host.strip().lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def own_origin(scope) -> str:
    """``scheme://host[:port]`` of this server as the client addressed it (the ``Host`` header)."""
    headers = _headers(scope)
    host = headers.get("host")
    if not host:
        server = scope.get("server") or ("localhost", None)
        host = server[0] if not server[1] else f"{server[0]}:{server[1]}"
    scheme = scope.get("scheme", "http")
    return f"{scheme}://{_normal_netloc(host, scheme)}"


def _normal_netloc(netloc: str, scheme: str) -> str:
    netloc = netloc.strip().lower()
    default = {"http": ":80", "https": ":443"}.get(scheme)
    if default and netloc.endswith(default):
        netloc = netloc[: -len(default)]
    return netloc


def web_url_problem(url: str) -> str | None:
    """Why ``url`` is not an address the server may fetch for a client, or None: only ``http``/``https`` URLs
    with a host, never a local path, a ``file:`` URL or another scheme (the address guard then checks where the
    host resolves to, when it is fetched)."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return "not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        return "only http and https URLs are fetched"
    if any(ord(c) < 32 or ord(c) == 127 or 0xD800 <= ord(c) <= 0xDFFF for c in url.strip()):
        return "not a valid URL (a control character, or an unpaired surrogate, in it)"
    if not host:
        return "the URL has no host"
    if _BAD_HOST_CHARACTER.search(host):  # "exa mple.com": no name resolves, and the job failed on it later
        return "not a valid URL (its host holds a space or a character no host name has)"
    try:
        port = parts.port
    except ValueError:  # "example.com:99999", "example.com:80a"
        return "not a valid URL (its port is not a number from 1 to 65535)"
    if port == 0:
        return "not a valid URL (its port is not a number from 1 to 65535)"
    return None


#: what no host name or address of a URL holds: whitespace, and the characters a URL must escape ("%" too: an
#: escaped host is not read as its name)
_BAD_HOST_CHARACTER = re.compile(r'[\s<>"{}|\\^`%]')


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme.lower()}://{_normal_netloc(parts.netloc, parts.scheme.lower())}"


def same_origin(scope) -> tuple[bool, str]:
    """Whether a request comes from a page of this server: ``Origin`` (or, without it, ``Referer``)
    must be this server's origin, and ``Sec-Fetch-Site``, when sent, ``same-origin``.  Returns the
    verdict and the reason for a refusal."""
    headers = _headers(scope)
    mine = own_origin(scope)
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False, f"the request comes from another site (Sec-Fetch-Site: {site})"
    origin = headers.get("origin")
    if origin is not None:
        if origin == "null" or _origin_of(origin) != mine:
            return False, f"the request comes from another origin ({origin})"
        return True, ""
    referer = headers.get("referer")
    if referer is not None:
        if _origin_of(referer) != mine:
            return False, "the request comes from another origin (Referer)"
        return True, ""
    return False, "the request says neither its Origin nor its Referer"


async def _send_json(send, status: int, detail: str, extra: Iterable[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra]})
    await send({"type": "http.response.body", "body": body})


def is_page(path: str) -> bool:
    """Whether ``path`` is one of the web pages (the form, the lists, the reports), whose errors are pages: not
    the API (``/api/...``) or its schema."""
    return not path.startswith("/api/") and path != "/openapi.json"


async def _send_refusal(scope, send, status: int, detail: str, extra: Iterable[tuple[bytes, bytes]] = ()) -> None:
    """A refusal as the route would say it: ``{"detail"}`` to the API, a page to a browser on a page (a form of
    texts over the size limit had been answered with raw JSON)."""
    if not is_page(scope.get("path", "")):
        await _send_json(send, status, detail, extra)
        return
    from .pages import render_error  # here: the pages use this module's checks

    body = render_error(status, detail).encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode()), *extra]})
    await send({"type": "http.response.body", "body": body})


class BodySizeLimit:
    """Refuse request bodies over ``max_bytes`` (413), declared or streamed."""

    def __init__(self, app, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _headers(scope).get("content-length")
        if declared is not None:
            if not declared.strip().isdigit() or int(declared) > self.max_bytes:
                await _send_refusal(scope, send, 413, f"request larger than {self.max_bytes} bytes")
                return
            await self.app(scope, receive, send)  # the server holds the body to its declared length
            return
        if scope.get("method", "GET").upper() not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        # No declared length (chunked): read up to the limit before the application sees any of it.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                logger.info("request body over %d bytes refused (streamed without a length)", self.max_bytes)
                await _send_refusal(scope, send, 413, f"request larger than {self.max_bytes} bytes")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class WriteAuth:
    """Writes to the API (paths under ``prefix``) are authorised before anything reads their body: a request
    without the token is refused (401, or 403 with no token configured and a client not on loopback) whatever its
    body holds, a malformed one too, so a caller without the token learns nothing of what a valid request looks
    like.  ``refusal(authorization_header, client_host)`` gives ``(status, detail)``, or None to let it through."""

    def __init__(self, app, *, refusal: Callable[[str | None, str | None], tuple[int, str] | None],
                 prefix: str = "/api/") -> None:
        self.app = app
        self.refusal = refusal
        self.prefix = prefix

    async def __call__(self, scope, receive, send) -> None:
        if (scope["type"] == "http" and scope.get("method", "GET").upper() in WRITE_METHODS
                and scope.get("path", "").startswith(self.prefix)):
            client = scope.get("client")
            refused = self.refusal(_headers(scope).get("authorization"), client[0] if client else None)
            if refused is not None:
                status, detail = refused
                await _send_json(send, status, detail, [(b"www-authenticate", b"Bearer")] if status == 401 else [])
                return
        await self.app(scope, receive, send)


class BrowserWriteGuard:
    """With no token configured, refuse writes that a browser sends from another origin or a non-loopback one."""

    def __init__(self, app, *, token_configured: bool) -> None:
        self.app = app
        self.token_configured = token_configured

    async def __call__(self, scope, receive, send) -> None:
        if (scope["type"] == "http" and not self.token_configured
                and scope.get("method", "GET").upper() in WRITE_METHODS):
            origin = _headers(scope).get("origin")
            if origin is not None:
                parts = urlsplit(origin)
                if not is_loopback_host(parts.hostname) or _origin_of(origin) != own_origin(scope):
                    logger.warning("write from origin %s refused (no token configured)", origin)
                    await _send_refusal(scope, send, 403, "no token is configured: writes are accepted from this "
                                                          "machine's own pages and programs only")
                    return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """``nosniff`` and ``Referrer-Policy`` on every response; the CSP on HTML pages (the API's page ``/docs`` too:
    it is the service's own, with no script)."""

    def __init__(self, app, *, script_hashes: Iterable[str], skip_prefixes: Iterable[str] = ()) -> None:
        self.app = app
        self.skip = tuple(skip_prefixes)
        self.csp = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                    f"script-src {' '.join(script_hashes) or chr(39) + 'none' + chr(39)}; form-action 'self'; "
                    "base-uri 'none'; frame-ancestors 'none'").encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
                content_type = dict((k.lower(), v) for k, v in headers).get(b"content-type", b"")
                if content_type.startswith(b"text/html") and not path.startswith(self.skip):
                    extra += [(b"content-security-policy", self.csp), (b"x-frame-options", b"DENY")]
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
