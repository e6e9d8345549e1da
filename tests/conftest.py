"""Shared fixtures: the real English pipeline and the example story, loaded once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from storylens import Pipeline, Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "roma-2010"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture()
def example_copy(tmp_path: Path) -> Path:
    target = tmp_path / "roma-2010"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture(scope="session")
def nlp():
    from storylens.parse import load_pipeline

    return load_pipeline(Settings.load().model)


@pytest.fixture(scope="session")
def roma_dossier():
    settings = Settings.load(use_store=False, progress=False)
    with Pipeline(settings) as pipeline:
        return pipeline.analyze([EXAMPLE])


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return Settings.load(db_path=tmp_path / "store.sqlite3", progress=False)


# -- databases: SQLite, and a real PostgreSQL server when one is installed ------------------------------


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server (tests/pg.py).  Skipped when PostgreSQL is not installed, except
    under CI (``CI=true``), where a missing server is a failure."""
    from pg import PostgresServer, find_binaries

    bindir = find_binaries()
    if bindir is None:
        message = ("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's postgresql "
                   "(apt-get install postgresql) to run the PostgreSQL tests")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " [CI=true: not skipping]")
        pytest.skip(message)
    server = PostgresServer(bindir)
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request, tmp_path: Path) -> str:
    """Where a test's store lives: an SQLite file, or a fresh database on the PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite3")
    return request.getfixturevalue("pg_server").create_database()


@pytest.fixture()
def db_settings(settings: Settings, db_target: str) -> Settings:
    """``settings`` pointing at ``db_target`` (``db_url`` for PostgreSQL, ``db_path`` for SQLite)."""
    if "://" in db_target:
        settings.db_url = db_target
    else:
        settings.db_path = Path(db_target)
    return settings


@pytest.fixture()
def make_app(db_settings: Settings):
    """``create_app`` on the test's database (SQLite or PostgreSQL); every app's worker stopped at the end."""
    from storylens.serve import create_app

    apps = []

    def make(**kwargs):
        app = create_app(db_settings, **kwargs)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.state.close()


@pytest.fixture(scope="session")
def server_is_up():
    """``server_is_up(base, process)``: whether a storylens server started by a test answers (:func:`_server_is_up`)."""
    return _server_is_up


def _server_is_up(base: str, process, timeout: float = 60.0) -> bool:
    """Whether the server ``process`` (a ``subprocess.Popen``) answers ``base``/api/health within ``timeout`` seconds
    (False as soon as it has exited)."""
    import time

    import httpx

    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False
