"""Engines and migrations: SQLite (the default, a file) or any database SQLAlchemy reaches by URL.

SQLite connections run in WAL mode with foreign keys on and a busy timeout.  The driver's own
transaction handling is switched off and every transaction is begun explicitly: reads with ``BEGIN``,
writes with ``BEGIN IMMEDIATE`` (``write_options``), which takes the database's write lock at once, so
two writers never deadlock half-way through; one writer at a time, the others wait (busy timeout).

The schema belongs to Alembic (``migrations/versions``); :func:`migrate` brings a database to the
newest revision when a store opens it.  A database made by storylens 0.1's sqlite3 store (its tables
and no ``alembic_version``) is stamped with the baseline revision first, so nothing is re-created.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from ..models import as_seen
from ..settings import read_database_url

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  #: the revision of the schema storylens 0.1 created in code
BASELINE_TABLES = {"articles", "stories", "story_articles", "dossiers"}
BUSY_TIMEOUT_MS = 30_000
#: execution options for a write transaction (``BEGIN IMMEDIATE`` on SQLite; ignored elsewhere)
WRITE = {"storylens_begin": "IMMEDIATE"}
_MIGRATION_LOCK = 7_406_110  # the key of PostgreSQL's advisory lock held while migrating


def database_url(target: str | Path) -> URL:
    """A URL from a URL string or a file path; ``postgresql://`` means the psycopg (3) driver.  StoreError, saying
    why and quoting none of the URL (its password), for one that cannot be read."""
    if isinstance(target, Path) or "://" not in str(target):
        return URL.create("sqlite", database=str(target))
    try:  # a password holding an unencoded "@" read whole, as URL parsers read it
        url = read_database_url(str(target))
    except ValueError as exc:
        raise StoreError(f"cannot open the database: not a valid database URL ({exc}) (settings db_path, db_url)"
                         ) from exc
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def create(target: str | Path) -> Engine:
    """An engine for ``target`` (a path or a URL), with the SQLite settings above."""
    url = database_url(target)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    memory = url.database in (None, "", ":memory:")
    if not memory:
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        # one connection for an in-memory database (each new one would be another, empty database)
        **({"poolclass": StaticPool} if memory else {"pool_size": 10, "max_overflow": 40}),
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # no implicit BEGIN by the driver: we begin ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not memory:
            _set_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        # SQLite's own lower() folds ASCII letters only, so a search for "ünal" missed "Ünal" (icontains lowers both
        # sides); Python's folds every script's
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("storylens_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def _lower(value: object) -> object:
    """SQL ``lower()`` for SQLite: any text in lower case, as Python lowers it, its accents in one encoding (NFC) and
    without the invisible characters an article's content hash ignores (soft hyphens, zero-width spaces), so a search
    for "Zoé" finds a text that writes it "Zoe" and a combining accent, or "Zo\u00ad\u00e9"; other values as they
    are."""
    if not isinstance(value, str):
        return value
    return as_seen(value).lower()


def _when_unlocked(action, locked_error: type[Exception]) -> None:
    """Run ``action``, again for up to the busy timeout while it fails with ``locked_error`` saying the database
    is locked: SQLite may refuse a lock at once, without waiting for the busy timeout, while several
    connections open one new file together (switching it to WAL, writing its first schema)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            action()
            return
        except locked_error as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            logger.debug("database locked; trying again")
            time.sleep(0.05)


def _set_wal(cursor) -> None:
    _when_unlocked(lambda: cursor.execute("PRAGMA journal_mode=WAL"), sqlite3.OperationalError)


def alembic_config() -> Config:
    """Alembic's configuration, built in code: no alembic.ini is needed at run time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` in one transaction (stamping an old sqlite3-store database first).

    Several connections opening one new SQLite file together take turns (:func:`_when_unlocked`)."""
    if engine.dialect.name == "sqlite":
        _when_unlocked(lambda: _migrate_once(engine, revision), OperationalError)
    else:
        _migrate_once(engine, revision)


def _migrate_once(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.connect().execution_options(**WRITE) as conn, conn.begin():
        if conn.dialect.name == "postgresql":  # concurrent openers of a new database wait for the first
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        tables = set(inspect(conn).get_table_names())
        config.attributes["connection"] = conn
        if "alembic_version" not in tables and BASELINE_TABLES <= tables:
            logger.info("stamping a database made by storylens 0.1 with the baseline revision %s", BASELINE)
            command.stamp(config, BASELINE)
        elif "alembic_version" in tables:
            _check_known(conn, config)
        command.upgrade(config, revision)


def _check_known(conn: Connection, config: Config) -> None:
    """Refuse a database at a revision this version does not have (made or upgraded by a newer storylens), saying
    so, rather than with Alembic's "Can't locate revision" and a traceback."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(config)
    known = {script.revision for script in scripts.walk_revisions()}
    found = [row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))]
    unknown = [revision for revision in found if revision not in known]
    if unknown:
        raise NewerSchema(f"its schema is at revision {', '.join(unknown)}, which this storylens does not have (its "
                          f"newest is {scripts.get_current_head()}): it was made or upgraded by a newer storylens; "
                          "open it with that version, or give another database")


class NewerSchema(Exception):
    """The database's schema revision is not one of this version's migrations."""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if "alembic_version" not in inspect(conn).get_table_names():
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
