"""The service's background worker: analyses the jobs stored in the database, one at a time.

A submission is committed to the ``jobs`` table before the client is answered; this worker claims the
oldest queued job from the database (atomically, so several workers or server processes can share one
database) with a lease, renews the lease while it analyses, and records the outcome.  A job whose worker
died is queued again: at once when the worker was a process of this host that no longer runs (a server
killed and restarted), otherwise when its lease runs out (a server on another host, or hung), which every
idle worker checks.  A job interrupted ``max_attempts`` times is failed instead.  Re-running a job is
harmless: the analysis is keyed by its inputs (``story_key``), and a story whose dossier is stored is not
analysed again nor stored twice.

An address submitted with a user name and password (``https://user:secret@host/``) is stored without them: the
worker of the process that accepted the job holds them in memory (:meth:`JobWorker.submit`) until the job ends, and
the queued job is reserved for it, a reservation it renews while it runs, so that another server process on the same
database leaves the job to it (and the job's page and JSON say what it waits for: :func:`reservation_wait`).  A job
claimed where they are not held (its server stopped or was restarted before it ran: the reservation lapsed, or was
released at once by a server of the same host that found that process gone) does not fetch that address, and lists it
among the inputs not analysed, saying why and to submit it again.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from ..errors import StorylensError
from ..models import Article, Skipped, without_userinfo
from ..parse.pipeline import model_id
from ..pipeline import Pipeline, story_key
from ..store import Job, Store, new_job_id
from .security import web_url_problem

logger = logging.getLogger(__name__)

#: the ids of this process's workers not stopped: a job held under this process's id by a worker not among them was
#: held by an earlier process that had the same pid (a container's server is pid 1 at every start)
_LIVE_WORKERS: set[str] = set()
_LIVE_WORKERS_LOCK = threading.Lock()


class JobWorker:
    def __init__(self, store: Store, pipeline: Pipeline, *, max_attempts: int = 5, poll_seconds: float = 1.0,
                 lease_seconds: float = 60.0) -> None:
        self.store = store
        self.pipeline = pipeline
        self.max_attempts = max_attempts
        self.poll_seconds = poll_seconds
        self.lease_seconds = lease_seconds
        self.id = f"{local_host()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        with _LIVE_WORKERS_LOCK:
            _LIVE_WORKERS.add(self.id)
        self._next_expiry_check = 0.0
        self._next_reservation_renewal = 0.0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        #: job id -> its addresses as submitted, for the jobs whose addresses carry a user name and password (which
        #: the job record does not keep): held until the job ends, in this process only
        self._credentials: dict[str, list[str]] = {}
        self._credentials_lock = threading.Lock()

    def submit(self, articles: Sequence[Article], urls: Sequence[str] = ()) -> str:
        """Commit a job (:meth:`Store.submit_job`) and return its id, holding in memory, for this worker, the addresses
        whose user name and password the job record leaves out.  They are held before the job is committed, so that
        this worker, claiming it at once, finds them."""
        job_id = new_job_id()
        if any(without_userinfo(url) != url for url in urls):
            with self._credentials_lock:
                self._credentials[job_id] = list(urls)
        try:
            return self.store.submit_job(articles, urls, job_id=job_id, reserve_for=self.id,
                                         reserve_seconds=self.lease_seconds)
        except BaseException:
            self._forget_credentials(job_id)
            raise

    def _forget_credentials(self, job_id: str) -> None:
        with self._credentials_lock:
            self._credentials.pop(job_id, None)

    def _addresses(self, job: Job) -> tuple[list[str], list[Skipped]]:
        """The job's addresses to fetch (with their user names and passwords where this process holds them), and
        those that cannot be: not a web address (checked again: never a path on this server's disk), or one whose
        credentials this process does not hold."""
        with self._credentials_lock:
            given = self._credentials.get(job.id)
        if given is not None and len(given) != len(job.urls):
            given = None
        fetch, refused = [], []
        for n, url in enumerate(job.urls):
            if (problem := web_url_problem(url)) is not None:
                refused.append(Skipped(source=url, stage="ingest", reason=problem))
            elif n in job.urls_with_credentials and given is None:
                refused.append(Skipped(source=url, stage="ingest", reason=(
                    "not fetched: this address was submitted with a user name and password, which are not stored, "
                    "only held in the memory of the server process that accepted the job, and that process stopped "
                    "before the job ran (a restart): submit the address again with its user name and password")))
            else:  # each URL as checked (stripped), so " http://x" is not a relative path
                fetch.append((given[n] if n in job.urls_with_credentials and given is not None else url).strip())
        return fetch, refused

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Recover interrupted jobs and start the worker thread (once; later calls do nothing)."""
        with self._start_lock:
            if self._thread is not None:
                return
            with _LIVE_WORKERS_LOCK:  # again, when started after a stop
                _LIVE_WORKERS.add(self.id)
            self.store.requeue_running(max_attempts=self.max_attempts, workers=dead_local_workers(
                self.store.running_holders()))
            # a job reserved for a process of this host that ended: its credentials went with it, not to wait for
            self.store.release_reservations(dead_local_workers(self.store.reservation_holders()))
            self._requeue_expired()
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="storylens-jobs", daemon=True)
            self._thread.start()

    def notify(self) -> None:
        """A job was queued: look now rather than at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the job in hand, then stop."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():  # still analysing: its job stays its own, not an earlier process's
                return
            self._thread = None
        with _LIVE_WORKERS_LOCK:
            _LIVE_WORKERS.discard(self.id)
        with self._credentials_lock:
            held = bool(self._credentials)
        if held:  # its queued jobs' credentials go with this worker: any other takes them now, saying so
            try:
                self.store.release_reservations([self.id])
            except StorylensError as exc:
                logger.error("cannot release the reservations of queued jobs: %s", exc)

    def _renew_reservations(self) -> None:
        """Keep the queued jobs whose credentials this worker holds reserved for it (every third of a lease)."""
        now = time.monotonic()
        if now < self._next_reservation_renewal:
            return
        self._next_reservation_renewal = now + self.lease_seconds / 3
        with self._credentials_lock:
            held = list(self._credentials)
        try:
            self.store.renew_reservations(self.id, held, self.lease_seconds)
        except StorylensError as exc:
            logger.error("cannot renew the reservations of queued jobs: %s", exc)

    def _load_model(self) -> None:
        try:
            _ = self.pipeline.nlp
        except StorylensError as exc:
            logger.error("cannot load the pipeline: %s (jobs will fail)", exc)

    def _loop(self) -> None:
        # load the model before claiming (a job is held only while it is analysed), renewing meanwhile the
        # reservations of the jobs submitted since the server started: a model slower to load than a lease let them
        # lapse, and another server ran them without their addresses' credentials
        loading = threading.Thread(target=self._load_model, name="storylens-model", daemon=True)
        loading.start()
        while loading.is_alive():
            self._renew_reservations()
            loading.join(min(self.poll_seconds, self.lease_seconds / 3))
        while not self._stop.is_set():
            self._renew_reservations()
            try:
                job = self.store.claim_job(self.id, lease_seconds=self.lease_seconds)
            except StorylensError as exc:
                logger.error("cannot claim a job: %s", exc)
                job = None
            if job is None:
                self._requeue_expired()
                self._wake.wait(self.poll_seconds)
                self._wake.clear()
                continue
            self.run(job)

    def _requeue_expired(self) -> None:
        """Queue again the jobs whose worker stopped renewing its lease (at most every half lease)."""
        now = time.monotonic()
        if now < self._next_expiry_check:
            return
        self._next_expiry_check = now + self.lease_seconds / 2
        try:
            self.store.requeue_running(max_attempts=self.max_attempts, expired=True)
            self._forget_ended()
        except StorylensError as exc:
            logger.error("cannot requeue expired jobs: %s", exc)

    def _forget_ended(self) -> None:
        """Forget the credentials held for jobs that ended elsewhere (another server process took them)."""
        with self._credentials_lock:
            held = list(self._credentials)
        for job_id in held:
            job = self.store.get_job(job_id)
            # (no such job yet: one being submitted, its credentials held before its commit, which :meth:`submit`
            # forgets if the commit fails)
            if job is not None and job.status in ("done", "failed"):
                self._forget_credentials(job_id)

    def _renew(self, job: Job, done: threading.Event) -> None:
        """Renew ``job``'s lease every third of it until ``done`` is set, and the reservations of the queued jobs
        whose credentials this worker holds.  A lease lost (another worker took the job) is no longer renewed, but the
        reservations still are, until the job ends here: they are not the lost job's, and lapsed they would let another
        server process run those jobs without their addresses' credentials."""
        holding = True
        while not done.wait(self.lease_seconds / 3):
            self._renew_reservations()
            if not holding:
                continue
            try:
                if not self.store.renew_lease(job.id, self.id, self.lease_seconds):
                    logger.warning("job %s: lease lost to another worker", job.id)
                    holding = False
            except StorylensError as exc:
                logger.error("job %s: cannot renew the lease: %s", job.id, exc)

    def run(self, job: Job) -> None:
        """Analyse one claimed job, holding its lease, and record how it ended."""
        done = threading.Event()
        heartbeat = threading.Thread(target=self._renew, args=(job, done), name=f"storylens-lease-{job.id}",
                                     daemon=True)
        heartbeat.start()
        try:
            self._analyse(job)
        finally:
            done.set()
            heartbeat.join()

    def _analyse(self, job: Job) -> None:
        logger.info("job %s: started (attempt %d)", job.id, job.attempts)
        skipped: list[dict] = []
        try:
            urls, refused = self._addresses(job)
            result = self.pipeline.ingest([*self.store.job_articles(job.id), *urls])
            result.skipped[:0] = refused
            skipped = [s.model_dump(mode="json") for s in result.skipped]
            if not result.articles:
                self._finish(job, "failed", error="nothing could be analysed", skipped=skipped)
                return
            dossier = self.pipeline.analyze_articles(result.articles, skipped=result.skipped, admitted=True)
            story_id = story_key(result.articles, *model_id(self.pipeline.nlp), self.pipeline.settings)
            self._finish(job, "done", story_id=story_id, skipped=skipped)
            logger.info("job %s: story %s, %d entities", job.id, story_id, len(dossier.entities))
        except StorylensError as exc:
            self._finish(job, "failed", error=str(exc), skipped=skipped)
        except Exception as exc:  # a job must end in a state the client can read
            logger.exception("job %s failed", job.id)
            self._finish(job, "failed", error=f"{type(exc).__name__}: {exc}", skipped=skipped)

    def _finish(self, job: Job, status: str, **outcome) -> None:
        try:
            if not self.store.finish_job(job.id, self.id, status, **outcome):
                logger.warning("job %s was taken over by another worker; its outcome here is dropped", job.id)
        except StorylensError as exc:  # left running: queued again, and run again with its credentials if here
            logger.error("cannot record the end of job %s: %s", job.id, exc)
            return
        if status in ("done", "failed"):
            self._forget_credentials(job.id)


def reservation_wait(job: Job, now: datetime | None = None) -> str | None:
    """What a queued job waits for while it is reserved (its addresses' credentials held by the server process that
    accepted it, which alone can fetch them), said to its reader with the reservation's end in UTC; None for a job
    not reserved, no longer queued, or whose reservation has ended (any worker may claim it)."""
    if job.status != "queued" or not job.reserved_for or not job.reserved_until:
        return None
    try:
        until = datetime.fromisoformat(job.reserved_until)
    except ValueError:
        return None
    until = until.astimezone(UTC) if until.tzinfo is not None else until.replace(tzinfo=UTC)
    if until <= (now or datetime.now(UTC)):
        return None
    return (f"Waiting for the server process that received this job's address with a user name and password, which "
            f"only that process holds: the job is reserved for it until {until:%Y-%m-%d %H:%M:%S} UTC, a reservation "
            "it renews while it runs; should it stop, any server runs the job, without that address.")


def local_host() -> str:
    """What a worker id names this process's host by: its host name, and on Linux its pid namespace
    (``name/4026531836``), whose processes alone its pids name and :func:`os.kill` can look for: two containers
    given one host name (``docker run --network host`` takes the host's, as a Kubernetes pod on the host network
    does) are two hosts, whose pids are each their own."""
    name = socket.gethostname()
    try:
        namespace = os.readlink("/proc/self/ns/pid")  # "pid:[4026531836]"
    except OSError:  # not Linux, or no /proc
        return name
    found = re.fullmatch(r"pid:\[(\d+)\]", namespace)
    return f"{name}/{found.group(1)}" if found else name


def dead_local_workers(holders: set[str]) -> list[str]:
    """The worker ids (``host:pid:nonce``) among ``holders`` that ran on this host in a process that no longer
    exists, or under this process's pid but not as one of its workers (an earlier server given the same pid, as
    when a server's process is restarted within one pid namespace).  Another host's workers (another pid
    namespace's, though their host name is this one's: :func:`local_host`; and one named by an id written before ids
    named the namespace, by its host name alone), and this process's own, are left to their leases."""
    host, dead = local_host(), []
    with _LIVE_WORKERS_LOCK:
        live = set(_LIVE_WORKERS)
    for holder in holders:
        host_and_pid = holder.rpartition(":")[0]
        worker_host, _, pid = host_and_pid.rpartition(":")
        if worker_host != host or not pid.isdigit():
            continue
        if int(pid) == os.getpid():
            if holder not in live:
                dead.append(holder)
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            dead.append(holder)
        except PermissionError:  # alive, another user's
            continue
    return dead
