"""Fetching articles by URL, with a time limit, a size limit and an address guard.

The guard (``allow_private=False``, what the server uses) refuses loopback, private,
link-local, multicast, reserved and cloud-metadata addresses.  It checks every address
the host name resolves to, and does so again on every redirect, which is followed by
hand for that reason.  Tests swap the network for an ``httpx.MockTransport``.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError, TooLarge

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
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"))
    )


@dataclass
class Fetched:
    url: str
    content: bytes
    content_type: str


class Fetcher:
    """Fetches one URL at a time.  ``transport`` lets tests answer without a network."""

    def __init__(
        self,
        *,
        timeout: float = 15.0,
        max_bytes: int = 5_000_000,
        allow_private: bool = True,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = resolve_host,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.resolver = resolver
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
        )

    def close(self) -> None:
        self._client.close()

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

    def fetch(self, url: str) -> Fetched:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            try:
                self.check_url(current)
            except FetchError as exc:
                if current == url:
                    raise
                raise FetchError(url, f"redirected to {current}, which is {exc.reason}") from exc
            try:
                with self._client.stream("GET", current) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(url, f"redirect without a location from {current}")
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
                    return Fetched(
                        url=str(response.url),
                        content=bytes(body),
                        content_type=response.headers.get("content-type", ""),
                    )
            except httpx.TimeoutException as exc:
                raise FetchError(url, f"unreachable: no answer within {self.timeout:g} s") from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, f"unreachable: {exc}") from exc
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
