"""Shared fixtures: the real English pipeline and the example story, loaded once."""

from __future__ import annotations

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
