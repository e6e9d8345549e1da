"""Articles, stories, dossiers and the service's jobs, on SQLite or PostgreSQL (SQLAlchemy Core).

Every write is one transaction.  On SQLite a write begins with ``BEGIN IMMEDIATE`` and, within one
process, writers also take a lock first, so they queue instead of spinning on the busy timeout.

Jobs: :meth:`Store.submit_job` commits a job and its articles (each text stored once, by content hash; a copy in
other case or spacing kept with its job, which analyses the text it was sent) before the caller answers;
:meth:`Store.claim_job` hands the oldest queued job to one worker (``BEGIN IMMEDIATE`` on SQLite,
``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL) with a lease, which its worker renews while it works
(:meth:`Store.renew_lease`); :meth:`Store.requeue_running` puts back in the queue the jobs of a killed process, or
those whose lease ran out.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Insert, Table, case, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from ..analyse.heading import story_heading
from ..errors import StoreError, UnreadableDossier
from ..models import SCHEMA_VERSION, Article, Dossier, as_seen, without_userinfo
from ..report.labels import count as counted
from ..settings import shown_database_url
from . import database
from .schema import articles as articles_t
from .schema import dossiers as dossiers_t
from .schema import job_articles as job_articles_t
from .schema import jobs as jobs_t
from .schema import stories as stories_t
from .schema import story_articles as story_articles_t

if TYPE_CHECKING:
    from ..settings import Settings

logger = logging.getLogger(__name__)

JOB_STATUSES = ("queued", "running", "done", "failed")


def dossier_problem(raw: str, schema_version: str | None = None) -> str | None:
    """Why a stored dossier's JSON cannot be read as a :class:`Dossier` by this version; None when it can."""
    try:
        Dossier.model_validate(json.loads(raw))
    except json.JSONDecodeError as exc:
        return f"its stored JSON is damaged: {exc}"
    except ValueError as exc:  # pydantic's ValidationError: another version's schema
        errors = getattr(exc, "errors", lambda: [])()
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ())) or "the dossier"
        what = f"{where}: {first.get('msg', exc)}"
        written = f"written with dossier schema {schema_version}, this version reads {SCHEMA_VERSION}" \
            if schema_version and schema_version != SCHEMA_VERSION else "it does not fit this version's dossier schema"
        return f"{written} ({what})"
    return None


def new_job_id() -> str:
    return uuid.uuid4().hex[:16]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _later(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat(timespec="microseconds")


@dataclass
class Job:
    """One submission to the service, as stored."""

    id: str
    status: str
    created: str
    updated: str
    attempts: int = 0
    claimed_by: str | None = None
    lease_until: str | None = None
    story_id: str | None = None
    error: str | None = None
    #: the submitted addresses, each without the user name and password it may have carried (``user:secret@``)
    urls: list[str] = field(default_factory=list)
    #: the positions in ``urls`` of the addresses submitted with a user name and password: only the memory of the
    #: server process that accepted the job holds them (:class:`storylens.serve.jobs.JobWorker`)
    urls_with_credentials: list[int] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    #: the worker holding those credentials, for which a queued job is reserved until ``reserved_until``
    reserved_for: str | None = None
    reserved_until: str | None = None

    @classmethod
    def from_row(cls, row: Any) -> Job:
        m = row._mapping
        return cls(id=m["id"], status=m["status"], created=m["created"], updated=m["updated"],
                   attempts=m["attempts"], claimed_by=m["claimed_by"], lease_until=m["lease_until"],
                   story_id=m["story_id"], error=m["error"], urls=json.loads(m["urls"] or "[]"),
                   urls_with_credentials=json.loads(m["urls_with_credentials"] or "[]"),
                   skipped=json.loads(m["skipped"] or "[]"), reserved_for=m["reserved_for"],
                   reserved_until=m["reserved_until"])


def _said(exc: BaseException) -> str:
    """A database error in a line: the driver's own message (``file is not a database``, ``database is locked``),
    without SQLAlchemy's statement, its parameters (an article's text) and its "Background on this error" link."""
    original = getattr(exc, "orig", None)
    message = str(original if original is not None else exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


class Store:
    """The database behind storylens.  ``Store(path)`` opens (and migrates) an SQLite file;
    ``Store("postgresql+psycopg://user@host/db")`` a database by URL; ``Store.open(settings)`` whichever
    the settings name (``db_url``, else ``db_path``)."""

    def __init__(self, target: str | Path) -> None:
        self.url = database.database_url(target)  # StoreError for a malformed URL (a port that is not a number...)
        self.path = Path(self.url.database) if self.url.get_backend_name() == "sqlite" and self.url.database else None
        self._where = shown_database_url(self.url)  # its password hidden, in the query too
        try:
            self.engine = database.create(target)
            database.migrate(self.engine)
        except (OSError, SQLAlchemyError, database.NewerSchema) as exc:
            raise StoreError(f"cannot open the database {self._where}: {_said(exc)} (settings db_path, db_url)") from exc
        except ImportError as exc:  # a URL of a database whose driver is not installed (mysql://...)
            raise StoreError(f"cannot open the database {self._where}: its driver is not installed ({exc}); storylens "
                             "stores to SQLite or PostgreSQL (postgresql+psycopg://...) (settings db_path, db_url)"
                             ) from exc
        self.dialect = self.engine.dialect.name
        # SQLite allows one writer: queue this process's writers on a lock rather than on the busy timeout
        self._write_lock = threading.Lock() if self.dialect == "sqlite" else None
        self._checked_dossiers: dict[tuple[str, str], str | None] = {}  # (story id, saved) -> why unreadable

    @classmethod
    def open(cls, settings: Settings) -> Store:
        return cls(settings.db_url or settings.db_path)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._where!r})"

    @property
    def name(self) -> str:
        """The database as a message names it: the SQLite file, else its URL (without the password)."""
        return str(self.path) if self.path is not None else self._where

    # -- transactions ---------------------------------------------------------------------------------

    @contextmanager
    def _write(self, what: str) -> Iterator[Connection]:
        lock = self._write_lock
        if lock is not None:
            lock.acquire()
        try:
            with self.engine.connect().execution_options(**database.WRITE) as conn, conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot {what} in {self._where}: {_said(exc)}") from exc
        finally:
            if lock is not None:
                lock.release()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read {self._where}: {_said(exc)}") from exc

    def _insert(self, table: Table) -> Insert:
        """``INSERT`` with the dialect's ``ON CONFLICT`` clauses (SQLite and PostgreSQL spell them alike)."""
        return (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)

    def _insert_articles(self, conn: Connection, items: Sequence[Article], now: str) -> None:
        rows = {}
        for a in items:
            rows.setdefault(a.content_hash, {
                "content_hash": a.content_hash, "id": a.id, "outlet": a.outlet, "url": a.url, "title": a.title,
                "author": a.author, "published": a.published.value if a.published else None,
                "published_precision": a.published.precision if a.published else None,
                "language": a.language, "source": a.source, "text": a.text, "added": now,
            })
        if rows:
            conn.execute(self._insert(articles_t).on_conflict_do_nothing(index_elements=["content_hash"]),
                         list(rows.values()))

    # -- stories and dossiers -------------------------------------------------------------------------

    def save_story(self, story_id: str, articles: Sequence[Article], dossier: Dossier) -> None:
        """Save (or replace) one story's articles and dossier; the texts already stored are kept as they are."""
        now = _now()
        title = story_heading(dossier)  # not one outlet's headline: the articles keep theirs
        with self._write(f"save story {story_id}") as conn:
            self._insert_articles(conn, articles, now)
            stmt = self._insert(stories_t).values(id=story_id, title=title, created=now)
            conn.execute(stmt.on_conflict_do_update(index_elements=["id"], set_={"title": stmt.excluded.title}))
            links = {a.content_hash: {"story_id": story_id, "content_hash": a.content_hash, "article_id": a.id}
                     for a in articles}
            if links:
                conn.execute(self._insert(story_articles_t).on_conflict_do_nothing(), list(links.values()))
            stmt = self._insert(dossiers_t).values(story_id=story_id, schema_version=dossier.schema_version,
                                                   json=dossier.to_json(indent=None), created=now)
            conn.execute(stmt.on_conflict_do_update(index_elements=["story_id"], set_={
                "schema_version": stmt.excluded.schema_version, "json": stmt.excluded.json,
                "created": stmt.excluded.created}))

    def load_dossier(self, story_id: str) -> Dossier | None:
        """The story's dossier; None when there is none, or none this version can read (analyse again)."""
        try:
            return self.read_dossier(story_id)
        except UnreadableDossier:
            return None

    def read_dossier(self, story_id: str) -> Dossier | None:
        """The story's dossier; None when there is none.  Raises :class:`UnreadableDossier`, saying why, when
        one is stored that this version cannot read (another version's schema, damaged JSON)."""
        if "\x00" in story_id:  # no id holds one, and PostgreSQL refuses a NUL in a query: an error, not "none"
            return None
        with self._read() as conn:
            row = conn.execute(select(dossiers_t.c.json, dossiers_t.c.schema_version)
                               .where(dossiers_t.c.story_id == story_id)).first()
        if row is None:
            return None
        try:
            return Dossier.model_validate(json.loads(row.json))
        except ValueError:
            raise UnreadableDossier(story_id, dossier_problem(row.json, row.schema_version) or "unknown") from None

    def article_text(self, content_hash: str) -> str | None:
        with self._read() as conn:
            return conn.execute(select(articles_t.c.text).where(articles_t.c.content_hash == content_hash)).scalar()

    def list_stories(self, query: str | None = None, limit: int = 100, *,
                     after: tuple[str, str] | None = None) -> list[dict]:
        """Stories newest first, with their article count; ``query`` filters titles and texts (any case).
        ``after`` is the ``(created, id)`` of the last story of a page read before: the stories listed after it (the
        same order, created descending and id ascending, so a page is never shifted by stories saved meanwhile).

        Each says whether its dossier can be read by this version (``readable``), and if not, why
        (``problem``): such a story is listed, to be analysed again, but cannot be shown."""
        query = query.replace("\x00", "") if query else query  # no text holds a NUL (PostgreSQL refuses one)
        # "Zoé" typed with a combining accent, or with a soft hyphen pasted in, as the texts are read (SQLite's lower())
        query = as_seen(query) if query else query
        s, sa, d = stories_t, story_articles_t, dossiers_t
        stmt = (
            select(s.c.id, s.c.title, s.c.created, func.count(sa.c.content_hash).label("articles"),
                   d.c.created.label("saved"))
            .join(sa, sa.c.story_id == s.c.id)
            .join(d, d.c.story_id == s.c.id)
            .group_by(s.c.id, s.c.title, s.c.created, d.c.created)
            .order_by(s.c.created.desc(), s.c.id)
            .limit(limit)
        )
        if query:
            matching = (
                select(story_articles_t.c.story_id)
                .join(articles_t, articles_t.c.content_hash == story_articles_t.c.content_hash)
                .where(articles_t.c.title.icontains(query, autoescape=True)
                       | articles_t.c.text.icontains(query, autoescape=True))
            )
            stmt = stmt.where(s.c.id.in_(matching))
        if after is not None:
            created, story_id = after
            stmt = stmt.where((s.c.created < created) | ((s.c.created == created) & (s.c.id > story_id)))
        with self._read() as conn:
            rows = conn.execute(stmt).all()
        problems = self._dossier_problems([(r.id, r.saved) for r in rows])
        superseded = self._superseded_by([r.id for r in rows])
        return [{"id": r.id, "title": r.title, "created": r.created, "articles": r.articles,
                 "readable": problems[r.id] is None, "problem": problems[r.id],
                 "superseded_by": superseded.get(r.id)} for r in rows]

    def _superseded_by(self, story_ids: list[str]) -> dict[str, str]:
        """For each of these stories that grew since (a later analysis of all its articles and more, with a
        dossier; not an earlier, larger one, of which this is a part analysed on its own), the newest such story's
        id: both stay stored and listed, and the listing says which replaces which."""
        if not story_ids:
            return {}
        sa = story_articles_t
        listed_hashes = select(sa.c.content_hash).where(sa.c.story_id.in_(story_ids))
        sharing = select(sa.c.story_id).where(sa.c.content_hash.in_(listed_hashes))
        with self._read() as conn:
            found = conn.execute(
                select(sa.c.story_id, sa.c.content_hash, stories_t.c.created)
                .join(stories_t, stories_t.c.id == sa.c.story_id)
                .join(dossiers_t, dossiers_t.c.story_id == sa.c.story_id)
                .where(sa.c.story_id.in_(sharing))
            ).all()
        hashes: dict[str, set[str]] = {}
        created: dict[str, str] = {}
        for r in found:
            hashes.setdefault(r.story_id, set()).add(r.content_hash)
            created[r.story_id] = r.created
        out: dict[str, str] = {}
        for story_id in story_ids:
            mine = hashes.get(story_id)
            if not mine:
                continue
            larger = [other for other, theirs in hashes.items() if mine < theirs and created[other] >= created[story_id]]
            if larger:
                out[story_id] = max(larger, key=lambda other: (created[other], other))
        return out

    def _dossier_problems(self, saved: list[tuple[str, str]]) -> dict[str, str | None]:
        """Why each of these dossiers (story id, when saved) cannot be read, or None.  Each saved dossier is
        checked once per process: a listing does not parse the same dossiers again on every request."""
        checked = self._checked_dossiers
        todo = [story_id for story_id, when in saved if (story_id, when) not in checked]
        if todo:
            with self._read() as conn:
                found = conn.execute(select(dossiers_t.c.story_id, dossiers_t.c.created, dossiers_t.c.json,
                                            dossiers_t.c.schema_version)
                                     .where(dossiers_t.c.story_id.in_(todo))).all()
            if len(checked) > 50_000:
                checked.clear()
            for r in found:
                checked[(r.story_id, r.created)] = dossier_problem(r.json, r.schema_version)
        return {story_id: checked.get((story_id, when)) for story_id, when in saved}

    def counts(self) -> dict[str, int]:
        with self._read() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (articles_t, stories_t, dossiers_t)}

    # -- jobs -----------------------------------------------------------------------------------------

    def submit_job(self, articles: Sequence[Article], urls: Sequence[str] = (), *, job_id: str | None = None,
                   reserve_for: str | None = None, reserve_seconds: float = 60.0) -> str:
        """Commit a queued job: its articles (each text once, by content hash) and URLs.  Returns its id (``job_id``
        when given, else a new one: :func:`new_job_id`).

        A text whose content hash the store holds already, in other case or spacing, is kept with the job too: the
        job analyses the text it was sent, not the first copy's.  An address is written without the user name and
        password it may carry (``https://user:secret@host/``), and its position in ``urls`` noted
        (:attr:`Job.urls_with_credentials`): the caller keeps the address as given, to fetch it.  Such a job is
        reserved for the worker ``reserve_for`` (the caller's, which holds them) for ``reserve_seconds``, which it
        renews (:meth:`renew_reservations`): no other worker claims it meanwhile."""
        job_id = job_id or new_job_id()
        now = _now()
        written = [without_userinfo(url) for url in urls]
        with_credentials = [n for n, (url, plain) in enumerate(zip(urls, written, strict=True)) if url != plain]
        reserved = {"reserved_for": reserve_for, "reserved_until": _later(reserve_seconds)} \
            if with_credentials and reserve_for else {}
        with self._write("save the submission") as conn:
            self._insert_articles(conn, articles, now)
            conn.execute(jobs_t.insert().values(id=job_id, status="queued", created=now, updated=now, attempts=0,
                                                urls=json.dumps(written), skipped="[]",
                                                urls_with_credentials=json.dumps(with_credentials), **reserved))
            if articles:
                stored = dict(conn.execute(select(articles_t.c.content_hash, articles_t.c.text).where(
                    articles_t.c.content_hash.in_(sorted({a.content_hash for a in articles})))).all())
                conn.execute(job_articles_t.insert(), [
                    {"job_id": job_id, "position": n, "content_hash": a.content_hash, "article_id": a.id,
                     "published": a.published.value if a.published else None, "outlet": a.outlet,
                     "title": a.title, "url": a.url, "source": a.source,
                     "text": a.text if stored.get(a.content_hash) != a.text else None, "author": a.author}
                    for n, a in enumerate(articles)
                ])
        return job_id

    def claim_job(self, worker: str, *, lease_seconds: float = 60.0) -> Job | None:
        """The oldest queued job, now ``running`` and held by ``worker`` for ``lease_seconds``; None when the
        queue is empty.

        Two workers never get the same job: on SQLite the transaction holds the write lock from its start
        (``BEGIN IMMEDIATE``); on PostgreSQL the row is locked and locked rows are skipped."""
        with self._write("claim a job") as conn:
            free = or_(jobs_t.c.reserved_for.is_(None), jobs_t.c.reserved_for == worker,
                       jobs_t.c.reserved_until.is_(None), jobs_t.c.reserved_until < _now())
            row = conn.execute(
                select(jobs_t.c.id).where(jobs_t.c.status == "queued", free)
                .order_by(jobs_t.c.created, jobs_t.c.id).limit(1)
                .with_for_update(skip_locked=True)  # rendered on PostgreSQL; SQLite is locked already
            ).first()
            if row is None:
                return None
            conn.execute(update(jobs_t).where(jobs_t.c.id == row.id).values(
                status="running", claimed_by=worker, attempts=jobs_t.c.attempts + 1, updated=_now(),
                lease_until=_later(lease_seconds)))
            return Job.from_row(conn.execute(select(jobs_t).where(jobs_t.c.id == row.id)).one())

    def renew_lease(self, job_id: str, worker: str, lease_seconds: float = 60.0) -> bool:
        """Hold a running job ``lease_seconds`` longer; False if ``worker`` no longer holds it."""
        with self._write(f"renew the lease of job {job_id}") as conn:
            result = conn.execute(
                update(jobs_t).where(jobs_t.c.id == job_id, jobs_t.c.status == "running", jobs_t.c.claimed_by == worker)
                .values(lease_until=_later(lease_seconds))
            )
            return result.rowcount == 1

    def running_holders(self) -> set[str]:
        """The workers holding running jobs."""
        with self._read() as conn:
            rows = conn.execute(select(jobs_t.c.claimed_by).where(jobs_t.c.status == "running").distinct()).all()
        return {r.claimed_by for r in rows if r.claimed_by is not None}

    def renew_reservations(self, worker: str, job_ids: Sequence[str], seconds: float = 60.0) -> None:
        """Keep ``worker``'s queued jobs among ``job_ids`` (those whose credentials it holds) reserved for it
        ``seconds`` longer."""
        if not job_ids:
            return
        with self._write("renew the reservations of jobs") as conn:
            conn.execute(update(jobs_t).where(jobs_t.c.id.in_(list(job_ids)), jobs_t.c.reserved_for == worker)
                         .values(reserved_until=_later(seconds)))

    def reservation_holders(self) -> set[str]:
        """The workers for which queued jobs are reserved."""
        with self._read() as conn:
            rows = conn.execute(select(jobs_t.c.reserved_for).where(
                jobs_t.c.status == "queued", jobs_t.c.reserved_for.is_not(None)).distinct()).all()
        return {r.reserved_for for r in rows}

    def release_reservations(self, workers: Sequence[str]) -> int:
        """End the reservations of the queued jobs reserved for ``workers`` (known to be dead: their credentials are
        gone), so that any worker runs them; returns how many."""
        if not workers:
            return 0
        with self._write("release the reservations of jobs") as conn:
            return conn.execute(update(jobs_t).where(jobs_t.c.status == "queued",
                                                     jobs_t.c.reserved_for.in_(list(workers)))
                                .values(reserved_for=None, reserved_until=None)).rowcount

    def job_articles(self, job_id: str) -> list[Article]:
        """The articles of a job as they were submitted: the text sent (the stored one, or the job's own where it
        differs in case or spacing) with the submission's metadata and its byline (a pasted page's), none when it gave
        none, whoever else submitted the text with one.  (A job stored before the submissions kept their bylines takes
        the one stored with the text only where this job stored the text: the same moment, written in one
        transaction.)"""
        ja, a, j = job_articles_t, articles_t, jobs_t
        own_copy = case((a.c.added == j.c.created, a.c.author), else_=None)
        with self._read() as conn:
            rows = conn.execute(
                select(ja.c.article_id, ja.c.published, ja.c.outlet, ja.c.title, ja.c.url, ja.c.source,
                       ja.c.content_hash, func.coalesce(ja.c.text, a.c.text).label("sent"),
                       func.coalesce(ja.c.author, own_copy).label("author"))
                .join(a, a.c.content_hash == ja.c.content_hash)
                .join(j, j.c.id == ja.c.job_id)
                .where(ja.c.job_id == job_id).order_by(ja.c.position)
            ).all()
        return [Article(id=r.article_id, text=r.sent, published=r.published, outlet=r.outlet, title=r.title,
                        url=r.url, author=r.author, source=r.source, content_hash=r.content_hash) for r in rows]

    def finish_job(self, job_id: str, worker: str, status: str, *, story_id: str | None = None,
                   error: str | None = None, skipped: Sequence[dict] = ()) -> bool:
        """Record the end of a running job held by ``worker``; False if the job is no longer its own."""
        if status not in ("done", "failed", "queued"):
            raise ValueError(f"not a final job status: {status}")
        with self._write(f"finish job {job_id}") as conn:
            result = conn.execute(
                update(jobs_t)
                .where(jobs_t.c.id == job_id, jobs_t.c.status == "running", jobs_t.c.claimed_by == worker)
                .values(status=status, story_id=story_id, error=error, skipped=json.dumps(list(skipped)),
                        updated=_now(), claimed_by=None if status == "queued" else worker, lease_until=None)
            )
            return result.rowcount == 1

    def get_job(self, job_id: str) -> Job | None:
        if "\x00" in job_id:  # as in load_dossier
            return None
        with self._read() as conn:
            row = conn.execute(select(jobs_t).where(jobs_t.c.id == job_id)).first()
        return Job.from_row(row) if row is not None else None

    def requeue_running(self, *, max_attempts: int | None = None, worker: str | None = None,
                        workers: Sequence[str] | None = None, expired: bool = False) -> tuple[int, int]:
        """Put jobs left ``running`` back in the queue: those of ``worker`` or ``workers`` only, if given (the
        holders known to be dead), and with ``expired`` only those whose lease ran out (their worker stopped
        renewing it).  A job already claimed ``max_attempts`` times is failed instead: an input that brings
        the server down every time must not bring it down forever.  Returns (requeued, failed)."""
        now = _now()
        running = [jobs_t.c.status == "running"]
        if worker is not None:
            running.append(jobs_t.c.claimed_by == worker)
        if workers is not None:
            if not workers:
                return 0, 0
            running.append(jobs_t.c.claimed_by.in_(list(workers)))
        if expired:
            running.append(or_(jobs_t.c.lease_until.is_(None), jobs_t.c.lease_until < now))
        with self._write("requeue interrupted jobs") as conn:
            failed = 0
            if max_attempts is not None:
                failed = conn.execute(
                    update(jobs_t).where(*running, jobs_t.c.attempts >= max_attempts).values(
                        status="failed", updated=now, claimed_by=None, lease_until=None,
                        error=f"abandoned: the analysis was interrupted {max_attempts} times")
                ).rowcount
            requeued = conn.execute(
                update(jobs_t).where(*running).values(status="queued", updated=now, claimed_by=None, lease_until=None)
            ).rowcount
        if requeued or failed:
            logger.warning("%s queued again, %d abandoned", counted(requeued, "interrupted job"), failed)
        return requeued, failed

    def job_counts(self) -> dict[str, int]:
        with self._read() as conn:
            rows = conn.execute(select(jobs_t.c.status, func.count()).group_by(jobs_t.c.status)).all()
        counts = dict.fromkeys(JOB_STATUSES, 0)
        counts.update({status: n for status, n in rows})
        return counts
