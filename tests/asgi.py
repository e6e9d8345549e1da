"""Helpers for the in-process API tests: an httpx client on the ASGI app, and waiting for a job."""

from __future__ import annotations

import asyncio
import time

import httpx


def asgi_client(app, host: str = "127.0.0.1") -> httpx.AsyncClient:
    """A client that calls ``app`` in-process, as if from ``host``."""
    transport = httpx.ASGITransport(app=app, client=(host, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://storylens.test")


async def wait_for_job(client: httpx.AsyncClient, job_id: str, timeout: float = 120, poll: float = 0.1) -> dict:
    """The job's status once it is done or failed; AssertionError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = (await client.get(f"/api/jobs/{job_id}")).json()
        if job["status"] in ("done", "failed"):
            return job
        await asyncio.sleep(poll)
    raise AssertionError(f"job {job_id} did not finish")
