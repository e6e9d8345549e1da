"""Fetching articles by URL, with a time limit, a size limit and an address guard.

The guard (``allow_private=False``, what the server uses) refuses loopback, private,
link-local, multicast, reserved and cloud-metadata addresses.  It checks every address
the host name resolves to, and does so again on every redirect, which is followed by
hand for that reason.  The connection then goes to an address that was checked: the
guard's transport pins each checked host to its checked addresses and never resolves the
name again (no DNS-rebinding window between the check and the connection), and it takes
no proxy from the environment (a proxy would resolve the name itself).  TLS still
verifies the certificate against the host name.  ``timeout`` bounds the whole fetch,
redirects and a slow body included, not just each read.  Tests swap the network for an
``httpx.MockTransport``.

URLs known ahead (the inputs of one run, the links of a feed's entries) are fetched ``concurrency`` at a
time in the background (:meth:`Fetcher.prefetch`) while the caller reads the earlier ones: a run given ten
URLs waits about as long as its slowest few, not the sum of them.  Each background fetch goes through the
same guard and limits as :meth:`Fetcher.fetch`.
"""

from __future__ import annotations

import html
import ipaddress
import logging
import math
import re
import socket
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ..errors import FetchError, TooLarge
from ..models import without_userinfo

logger = logging.getLogger(__name__)

USER_AGENT = "storylens (+https://pypi.org/project/storylens/)"
MAX_REDIRECTS = 5

Resolver = Callable[[str], list[str]]


def resolve_host(host: str) -> list[str]:
    """All addresses ``host`` resolves to (the system resolver)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise OSError(f"cannot resolve host {host!r}: {exc.strerror}") from exc
    return sorted({info[4][0] for info in infos})


def is_public_address(address: str) -> bool:
    """Whether ``address`` is a public one.  An IPv6 address that carries an IPv4 one (IPv4-mapped ``::ffff:a.b.c.d``,
    6to4 ``2002:AABB:CCDD::``, which a 6to4 relay delivers to that IPv4 address) is judged by it (Python 3.13's
    ``ipaddress`` calls every 6to4 address private, 3.11's none: the address it carries decides, on both); site-local
    ``fec0::/10`` (deprecated, still routed inside some networks) is not public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.is_site_local:
            return False
        elif ip.sixtofour is not None:
            return is_public_address(str(ip.sixtofour))
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"))
    )


class AddressPins:
    """Host name -> the addresses the guard checked for it (the most recent few hundred hosts)."""

    def __init__(self, size: int = 256) -> None:
        self._pins: OrderedDict[str, list[str]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def pin(self, host: str, addresses: list[str]) -> None:
        names = {host.lower()}
        try:
            names.add(host.encode("idna").decode("ascii").lower())  # the form the connection names it by
        except UnicodeError:
            pass
        with self._lock:
            for name in names:
                self._pins.pop(name, None)
                self._pins[name] = list(addresses)
            while len(self._pins) > self._size:
                self._pins.popitem(last=False)

    def get(self, host: str) -> list[str] | None:
        with self._lock:
            return self._pins.get(host.lower().strip("[]"))


class PinnedBackend(httpcore.NetworkBackend):
    """Connects to a checked address of the host instead of resolving its name again."""

    def __init__(self, pins: AddressPins, backend: httpcore.NetworkBackend | None = None) -> None:
        self.pins = pins
        self.backend = backend or httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = self.pins.get(host)
        if not addresses:
            raise httpcore.ConnectError(f"refused: {host} was not checked by the address guard")
        error: Exception | None = None
        for address in addresses:
            try:
                return self.backend.connect_tcp(address.split("%", 1)[0], port, timeout=timeout,
                                                local_address=local_address, socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("refused: no Unix sockets")

    def sleep(self, seconds: float) -> None:
        self.backend.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """``httpx`` transport whose connections go to the pinned addresses only, never through a proxy."""

    def __init__(self, pins: AddressPins, backend: httpcore.NetworkBackend | None = None) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=PinnedBackend(pins, backend),
        )


class _RequestLogWithoutUserinfo(logging.Filter):
    """httpx's log line of each request ("HTTP Request: GET https://user:secret@host/ ...", at INFO) with the
    address's user name and password left out: sent to fetch the page, they are written nowhere else."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) and a.userinfo for a in record.args):
            record.args = tuple(a.copy_with(userinfo=b"") if isinstance(a, httpx.URL) and a.userinfo else a
                                for a in record.args)
        return True


logging.getLogger("httpx").addFilter(_RequestLogWithoutUserinfo())


@dataclass
class Fetched:
    url: str
    content: bytes
    content_type: str
    #: where a ``Refresh`` header sends the browser later than a redirect would (not followed), to name in a reason
    refresh: str | None = None
    #: after how many seconds that ``Refresh`` header sends the browser on
    refresh_delay: float | None = None


class Fetcher:
    """Fetches URLs, ``concurrency`` at a time when told of them ahead (:meth:`prefetch`).  ``transport`` lets
    tests answer without a network."""

    def __init__(
        self,
        *,
        timeout: float = 15.0,
        max_bytes: int = 5_000_000,
        allow_private: bool = True,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = resolve_host,
        network_backend: httpcore.NetworkBackend | None = None,
        concurrency: int = 4,
    ) -> None:
        self.timeout = timeout
        self.concurrency = max(1, concurrency)
        self._ahead: deque[str] = deque()  # URLs told of by prefetch, not yet started
        self._started: dict[str, Future[Fetched]] = {}  # started in the background, not yet taken by fetch
        self._pool: ThreadPoolExecutor | None = None
        self._queue_lock = threading.Lock()
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.resolver = resolver
        self.pins = AddressPins()
        if transport is None and not allow_private:
            transport = PinnedTransport(self.pins, network_backend)
        self._transport = transport
        # made at the first fetch: most runs fetch nothing, and a client loads the system's certificates (~40 ms)
        self._client: httpx.Client | None = None
        self._client_lock = threading.Lock()

    def _http(self) -> httpx.Client:
        with self._client_lock:
            if self._client is None:
                self._client = httpx.Client(
                    transport=self._transport,
                    timeout=httpx.Timeout(self.timeout),
                    follow_redirects=False,
                    headers={"User-Agent": USER_AGENT},
                )
            return self._client

    def close(self) -> None:
        with self._queue_lock:
            pool, self._pool = self._pool, None
        self.forget_prefetched()
        if pool is not None:  # a fetch still running ends at its own time limit; its answer is not wanted
            pool.shutdown(wait=False, cancel_futures=True)
        with self._client_lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    def forget_prefetched(self) -> None:
        """Drop the URLs queued by :meth:`prefetch` and the answers not taken (a run that stopped early): a
        long-lived fetcher (the server's) keeps neither into the next run."""
        with self._queue_lock:
            self._ahead.clear()
            for future in self._started.values():
                future.cancel()
            self._started.clear()

    def prefetch(self, urls: Iterable[str]) -> None:
        """Say which URLs :meth:`fetch` will be asked for, in that order: up to ``concurrency`` of them are
        fetched in the background, the next one started as each answer is taken, so no more than
        ``concurrency`` answers wait in memory.  A URL never asked for only holds its place; one asked for
        before its turn is fetched at once, as without prefetching."""
        if self.concurrency < 2:
            return
        with self._queue_lock:
            self._ahead.extend(urls)
            self._start_next()

    def _start_next(self) -> None:
        """Start queued fetches while fewer than ``concurrency`` answers are pending (``_queue_lock`` held)."""
        while self._ahead and len(self._started) < self.concurrency:
            url = self._ahead.popleft()
            if url in self._started:
                continue
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.concurrency, thread_name_prefix="storylens-fetch")
            self._started[url] = self._pool.submit(self._fetch_now, url)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_url(self, url: str) -> None:
        """Raise :class:`FetchError` if ``url`` may not be fetched."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}")
        host = parts.hostname
        if not host:
            raise FetchError(url, "the URL has no host")
        if self.allow_private:
            return
        try:
            addresses = [host] if _is_ip_literal(host) else self.resolver(host)
        except OSError as exc:
            raise FetchError(url, f"unreachable: {exc}") from exc
        if not addresses:
            raise FetchError(url, f"unreachable: {host} has no address")
        for address in addresses:
            if not is_public_address(address):
                raise FetchError(url, f"refused: {host} resolves to a non-public address ({address})")
        self.pins.pin(host, addresses)

    def fetch(self, url: str) -> Fetched:
        """``url``'s answer, taken from the background fetch when :meth:`prefetch` started one; raises
        :class:`FetchError` (or :class:`TooLarge`) as the fetch did."""
        with self._queue_lock:
            started = self._started.pop(url, None)
            if started is None and url in self._ahead:
                self._ahead.remove(url)  # asked for before its turn: fetched here, not twice
            self._start_next()
        if started is not None:
            return started.result()
        return self._fetch_now(url)

    def _fetch_now(self, url: str) -> Fetched:
        current = url
        deadline = time.monotonic() + self.timeout
        for _ in range(MAX_REDIRECTS + 1):
            try:
                self.check_url(current)
            except FetchError as exc:
                if current == url:
                    raise
                raise FetchError(url, f"redirected to {current}, which is {exc.reason}") from exc
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise FetchError(url, f"unreachable: no complete answer within {self.timeout:g} s")
            try:
                with self._http().stream("GET", current, timeout=httpx.Timeout(remaining)) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(url, f"unreachable: HTTP {response.status_code} without a location (no "
                                             f"page to read) from {current}")
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(url, f"unreachable: HTTP {response.status_code} from {current}")
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > self.max_bytes:
                        raise TooLarge(url, f"response of {int(declared):,} bytes is over the limit of {self.max_bytes:,}")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > self.max_bytes:
                            raise TooLarge(url, f"response is over the limit of {self.max_bytes:,} bytes")
                        if time.monotonic() > deadline:
                            logger.info("fetch of %s stopped at the time limit after %d bytes", without_userinfo(url), len(body))
                            raise FetchError(url, f"unreachable: no complete answer within {self.timeout:g} s")
                    content_type = response.headers.get("content-type", "")
                    refresh = (refresh_header_target(response.headers.get("refresh", ""))
                               or meta_refresh_target(bytes(body), content_type))
                    if refresh is not None and urljoin(current, refresh) != current:
                        # a page that sends the browser on at once (<meta http-equiv="refresh" content="0; url=...">,
                        # or a Refresh header) is a redirect: followed as one, through the same guard, limit and deadline
                        current = urljoin(current, refresh)
                        continue
                    late = refresh_header_target(response.headers.get("refresh", ""), math.inf)
                    late = urljoin(current, late) if late and urljoin(current, late) != current else None
                    return Fetched(url=str(response.url), content=bytes(body), content_type=content_type,
                                   refresh=late, refresh_delay=refresh_delay(response.headers.get("refresh", ""))
                                   if late else None)
            except httpx.DecodingError as exc:
                raise FetchError(url, f"the answer from {current} could not be decoded (its Content-Encoding, "
                                 f"gzip or another, does not fit its body): {exc}") from exc
            except httpx.TimeoutException as exc:
                raise FetchError(url, f"unreachable: no answer within {self.timeout:g} s") from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"unreachable: {exc}") from exc
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")


#: a refresh later than this is a page reloading itself now and then (a news front page), not a redirect
META_REFRESH_MAX_DELAY = 5.0
_META_TAG = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_NOSCRIPT = re.compile(rb"<noscript\b.*?(?:</noscript\s*>|\Z)", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.DOTALL)
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta)\b",
                         re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_REFRESH = re.compile(r"""\s*(\d+(?:\.\d*)?)\s*(?:[;,]\s*(?:url\s*=\s*)?(['"]?)(.*?)\2\s*)?\Z""",
                      re.IGNORECASE | re.DOTALL)


def meta_refresh_target(content: bytes, content_type: str, max_delay: float = META_REFRESH_MAX_DELAY) -> str | None:
    """The address an HTML page's ``<meta http-equiv="refresh" content="0; url=...">`` sends the browser to within
    ``max_delay`` seconds, as written (relative or not), or None.  One inside ``<noscript>`` (a browser running
    scripts ignores it) or a comment is not read, nor one of a body that is not HTML."""
    head = content[:65_536]
    if b"refresh" not in head.lower():
        return None
    kind = content_type.split(";")[0].strip().lower()
    # a page by its type, or one served as text, as bytes or untyped that opens as a page; never a feed or JSON
    # (whose entries may carry a page's markup)
    if "html" not in kind and not (kind in ("", "text/plain", "application/octet-stream")
                                   and _HTML_START.match(head[:1024])):
        return None
    head = _NOSCRIPT.sub(b"", _COMMENT.sub(b"", head))
    for tag in _META_TAG.findall(head):
        attributes = {}
        for name, double, single, bare in _ATTRIBUTE.findall(tag.decode("latin-1")):
            attributes.setdefault(name.lower(), double or single or bare)
        if attributes.get("http-equiv", "").strip().lower() != "refresh":
            continue
        target = refresh_header_target(html.unescape(attributes.get("content", "")), max_delay)
        if target is not None:
            # the bytes were read as Latin-1: an address in UTF-8 is made whole again
            return target.encode("latin-1").decode("utf-8", errors="replace")
    return None


def refresh_header_target(value: str, max_delay: float = META_REFRESH_MAX_DELAY) -> str | None:
    """The address a refresh's value (``0; url=...``, a ``Refresh`` header's or a meta tag's) sends the browser to
    within ``max_delay`` seconds, or None (a later one, or one that reloads the page)."""
    refresh = _REFRESH.match(value)
    if refresh is None or not refresh.group(3) or float(refresh.group(1)) > max_delay:
        return None
    return refresh.group(3).strip() or None


def refresh_delay(value: str) -> float | None:
    """After how many seconds a refresh's value (``10; url=...``) sends the browser on, or None when it is no refresh."""
    refresh = _REFRESH.match(value)
    return float(refresh.group(1)) if refresh is not None else None


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
