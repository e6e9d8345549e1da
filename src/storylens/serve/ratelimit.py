"""Rate limits per client: a token bucket per client address, one set for writes, one for reads.

A bucket holds up to ``burst`` tokens and refills at ``per_minute / 60`` tokens a second;
each request takes one token, and a request that finds the bucket empty is answered 429
with ``Retry-After`` (whole seconds until a token is back).  Buckets live in memory, one
per client address: a bucket left alone until it is full again is dropped (a new one
behaves the same), and at most ``max_clients`` are kept (the least recently used goes
first), so memory stays bounded whatever the number of clients.  One lock guards the
table, so the limiter is safe from the event loop and from worker threads alike.

The client address is the connection's peer address; ``X-Forwarded-For`` is not trusted
(behind a reverse proxy, have the proxy limit, or run uvicorn with ``--proxy-headers``
and ``--forwarded-allow-ips`` so that the peer address is the real client's).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from .security import _send_refusal

logger = logging.getLogger(__name__)

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class RateLimiter:
    """Token buckets keyed by client.  ``acquire(key)`` is 0.0 when allowed, else the seconds to wait."""

    def __init__(
        self,
        per_minute: float,
        burst: int,
        *,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if per_minute <= 0 or burst < 1:
            raise ValueError("a rate limiter needs per_minute > 0 and burst >= 1")
        self.rate = per_minute / 60.0  # tokens a second
        self.burst = float(burst)
        self.max_clients = max_clients
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, updated)
        self._lock = threading.Lock()
        #: seconds after which an untouched bucket is full again, so it can be forgotten
        self.idle_after = self.burst / self.rate

    def acquire(self, key: str) -> float:
        now = self.clock()
        with self._lock:
            tokens, updated = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - updated) * self.rate)
            if tokens >= 1.0:
                tokens -= 1.0
                wait = 0.0
            else:
                wait = (1.0 - tokens) / self.rate
            self._buckets[key] = (tokens, now)  # most recently used last
            self._evict(now)
            return wait

    def _evict(self, now: float) -> None:
        buckets = self._buckets
        while buckets:
            key, (_, updated) = next(iter(buckets.items()))
            if now - updated >= self.idle_after:
                del buckets[key]
            elif len(buckets) > self.max_clients:
                del buckets[key]
                logger.warning("rate limiter: more than %d clients at once; forgot the least recent", self.max_clients)
            else:
                break

    def __len__(self) -> int:
        return len(self._buckets)


class RateLimitMiddleware:
    """ASGI middleware: ``writes`` limits POST/PUT/PATCH/DELETE, ``reads`` everything else.

    Either limiter may be ``None`` (no limit).  Paths in ``exempt`` (the health check) are
    never limited.
    """

    def __init__(
        self,
        app,
        *,
        writes: RateLimiter | None,
        reads: RateLimiter | None,
        exempt: Iterable[str] = ("/api/health",),
    ) -> None:
        self.app = app
        self.writes = writes
        self.reads = reads
        self.exempt = frozenset(exempt)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("path") in self.exempt:
            await self.app(scope, receive, send)
            return
        write = scope.get("method", "GET").upper() in WRITE_METHODS
        limiter = self.writes if write else self.reads
        if limiter is not None:
            client = scope.get("client")
            key = client[0] if client else "unknown"
            wait = limiter.acquire(key)
            if wait > 0:
                retry_after = max(1, math.ceil(wait))
                logger.info("rate limit: %s %s from %s refused, retry after %d s",
                            scope.get("method"), scope.get("path"), key, retry_after)
                # said as the other refusals are: {"detail"} to the API, a page to a browser on a page (the story
                # list, a report, the form had been answered with raw JSON)
                await _send_refusal(scope, send, 429, f"too many {'writes' if write else 'requests'} from this "
                                    f"client; retry after {retry_after} s",
                                    [(b"retry-after", str(retry_after).encode())])
                return
        await self.app(scope, receive, send)


def limiters_from_settings(settings) -> tuple[RateLimiter | None, RateLimiter | None]:
    """The (writes, reads) limiters that ``settings`` ask for; a rate of 0 is no limiter."""
    writes = (RateLimiter(settings.rate_limit_writes_per_minute, settings.rate_limit_burst)
              if settings.rate_limit_writes_per_minute > 0 else None)
    reads = (RateLimiter(settings.rate_limit_reads_per_minute, settings.rate_limit_read_burst)
             if settings.rate_limit_reads_per_minute > 0 else None)
    return writes, reads
