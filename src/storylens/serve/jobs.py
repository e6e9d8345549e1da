"""The service's background worker: analyses the jobs stored in the database, one at a time.

A submission is committed to the ``jobs`` table before the client is answered; this worker claims the
oldest queued job from the database (atomically, so several workers or server processes can share one
database), analyses it and records the outcome.  When it starts it puts back in the queue the jobs a
killed process left ``running``, so they are finished; a job interrupted ``max_attempts`` times is failed
instead.  Re-running a job is harmless: the analysis is keyed by its inputs (``story_key``), and a story
whose dossier is stored is not analysed again nor stored twice.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid

from ..errors import StorylensError
from ..parse.pipeline import model_id
from ..pipeline import Pipeline, story_key
from ..store import Job, Store

logger = logging.getLogger(__name__)


class JobWorker:
    def __init__(self, store: Store, pipeline: Pipeline, *, max_attempts: int = 5, poll_seconds: float = 1.0) -> None:
        self.store = store
        self.pipeline = pipeline
        self.max_attempts = max_attempts
        self.poll_seconds = poll_seconds
        self.id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Recover interrupted jobs and start the worker thread (once; later calls do nothing)."""
        with self._start_lock:
            if self._thread is not None:
                return
            self.store.requeue_running(max_attempts=self.max_attempts)
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
            self._thread = None

    def _loop(self) -> None:
        try:
            _ = self.pipeline.nlp  # load the model before claiming: a job is held only while it is analysed
        except StorylensError as exc:
            logger.error("cannot load the pipeline: %s (jobs will fail)", exc)
        while not self._stop.is_set():
            try:
                job = self.store.claim_job(self.id)
            except StorylensError as exc:
                logger.error("cannot claim a job: %s", exc)
                job = None
            if job is None:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()
                continue
            self.run(job)

    def run(self, job: Job) -> None:
        """Analyse one claimed job and record how it ended."""
        logger.info("job %s: started (attempt %d)", job.id, job.attempts)
        skipped: list[dict] = []
        try:
            result = self.pipeline.ingest([*self.store.job_articles(job.id), *job.urls])
            skipped = [s.model_dump(mode="json") for s in result.skipped]
            if not result.articles:
                self._finish(job, "failed", error="nothing could be analysed", skipped=skipped)
                return
            dossier = self.pipeline.analyze_articles(result.articles, skipped=result.skipped)
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
        except StorylensError as exc:  # left running: the next start-up queues it again
            logger.error("cannot record the end of job %s: %s", job.id, exc)
