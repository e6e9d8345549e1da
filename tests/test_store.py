"""The SQLite store: saving, reusing an analysis, migrations."""

from __future__ import annotations

import sqlite3

from storylens import Pipeline
from storylens.store import Store


def test_store_same_input_reuses_stored_dossier(settings, example_dir):
    with Pipeline(settings) as pipeline:
        first = pipeline.analyze([example_dir])
        counts = pipeline.store.counts()
    assert counts == {"articles": 3, "stories": 1, "dossiers": 1}
    with Pipeline(settings) as pipeline:
        second = pipeline.analyze([example_dir])
        assert pipeline.store.counts() == counts
    assert second.run.created == first.run.created  # not analysed again
    assert second.model_dump(exclude={"skipped"}) == first.model_dump(exclude={"skipped"})


def test_store_changed_metadata_is_a_new_analysis(settings, example_copy):
    with Pipeline(settings) as pipeline:
        pipeline.analyze([example_copy])
    manifest = example_copy / "articles.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"2012-03"', '"2012-04"'), encoding="utf-8")
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze([example_copy])
        counts = pipeline.store.counts()
    assert counts["stories"] == 2 and counts["articles"] == 3  # texts stored once
    assert any(a.published == "2012-04" for a in dossier.articles)


def test_store_schema_version_and_wal(tmp_path):
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    Store(path).close()  # reopening an up-to-date database migrates nothing


def test_pipeline_extractor_failure_reported_not_fatal(settings, example_dir, monkeypatch):
    import storylens.pipeline as pipeline_module

    def broken(article, doc):
        if article.id == "001":
            raise RuntimeError("boom")
        return []

    monkeypatch.setattr(pipeline_module, "extract_quotes", broken)
    settings.use_store = False
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze([example_dir])
    assert len(dossier.articles) == 3 and dossier.entities
    [problem] = [s for s in dossier.skipped if s.stage == "extract"]
    assert "broken failed" in problem.reason and "boom" in problem.reason
