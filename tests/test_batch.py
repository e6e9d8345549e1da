"""``run_batch``: a small corpus grouped and analysed on a real Dask LocalCluster (threads, for speed)."""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from storylens.batch import read_corpus, run_batch
from storylens.settings import Settings
from storylens.store import Store

RECORDS = [
    {
        "id": "flood-1",
        "outlet": "Daily Ledger",
        "title": "Floods hit Porto Alegre",
        "published": "2024-05-06",
        "url": "https://example.org/flood-1",
        "text": (
            "Floods in Porto Alegre, Brazil, killed at least 78 people on Sunday, the Rio Grande do Sul civil "
            "defence agency said. Governor Eduardo Leite said the Guaiba river had reached a record level of "
            "5.3 metres. \"We are facing the worst disaster in the history of our state,\" Leite told reporters."
        ),
    },
    {
        "id": "flood-2",
        "outlet": "Morning Courier",
        "published": "2024-05-06",
        "text": (
            "The Guaiba river rose to a record 5.3 metres in Porto Alegre as floods across Rio Grande do Sul "
            "killed 78 people, according to the civil defence agency. Eduardo Leite, the governor, called the "
            "floods the worst disaster in the state's history and asked Brasilia for 19 billion reais."
        ),
    },
    {
        "id": "flood-3",
        "outlet": "Evening Post",
        "published": "2024-05-07",
        "text": (
            "Rescuers in Porto Alegre used boats on Monday to reach families cut off by the floods in Rio Grande "
            "do Sul. Governor Eduardo Leite said 115,000 people had left their homes as the Guaiba river stayed "
            "above 5 metres, the civil defence agency reported."
        ),
    },
    {
        "id": "transfer-1",
        "outlet": "Sports Wire",
        "title": "Odegaard joins Arsenal",
        "published": "2024-05-07",
        "text": (
            "Arsenal completed the signing of Norwegian midfielder Martin Odegaard from Real Madrid for a fee of "
            "30 million pounds, the London club announced. Mikel Arteta said Odegaard would captain the side at "
            "the Emirates Stadium. The midfielder signed a five-year contract."
        ),
    },
    {
        "id": "transfer-2",
        "outlet": "Goal Line",
        "published": "2024-05-08",
        "text": (
            "Martin Odegaard joins Arsenal from Real Madrid on a five-year contract, and Mikel Arteta hopes the "
            "Norwegian midfielder can lead the club at the Emirates Stadium after the 30 million pound transfer."
        ),
    },
]
EXPECTED_STORIES = {
    frozenset({"flood-1", "flood-2", "flood-3"}),
    frozenset({"transfer-1", "transfer-2"}),
}


def write_jsonl(path: Path, records: list[dict], extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r) for r in records]
    path.write_text("\n".join([*lines[:2], *extra_lines, *lines[2:]]) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "corpus.jsonl", RECORDS)


@pytest.fixture()
def batch_settings(tmp_path: Path) -> Settings:
    return Settings.load(db_path=tmp_path / "batch.sqlite3", progress=False)


def parquet_rows(out_dir: Path) -> list[dict]:
    parts = sorted(out_dir.glob("part-*.parquet"))
    return pq.read_table(parts).to_pylist() if parts else []  # type: ignore[arg-type]


def run(inputs: list[Path], out_dir: Path, settings: Settings, **kwargs):
    return run_batch([str(i) for i in inputs], out_dir, settings, workers=2, progress=False, processes=False, **kwargs)


def test_batch_analyses_every_story_then_resumes_without_duplicates(corpus, tmp_path, batch_settings, caplog):
    out = tmp_path / "out"
    caplog.set_level(logging.INFO, logger="storylens.batch")
    first = run([corpus], out, batch_settings, part_size=1)
    assert (first.articles, first.stories, first.analysed, first.skipped, first.failed) == (5, 2, 2, 0, 0)
    assert first.failures == []
    assert len(first.parts) == 2  # part_size=1: one part file per finished story
    assert all(p.exists() for p in first.paths)

    rows = parquet_rows(out)
    assert {frozenset(r["article_ids"]) for r in rows} == EXPECTED_STORIES
    for row in rows:
        dossier = json.loads(row["dossier_json"])
        assert {a["id"] for a in dossier["articles"]} == set(row["article_ids"])
        assert row["n_entities"] == len(dossier["entities"]) > 0
        assert row["n_quotes"] == len(dossier["quotes"])
        assert row["n_claims"] == len(dossier["claims"])
    flood = next(r for r in rows if "flood-1" in r["article_ids"])
    assert flood["n_quotes"] >= 1  # Leite's quote

    store = Store(batch_settings.db_path)
    try:
        assert store.counts() == {"articles": 5, "stories": 2, "dossiers": 2}
        for row in rows:
            stored = store.load_dossier(row["story_key"])
            assert stored is not None
            assert sorted(a.id for a in stored.articles) == sorted(row["article_ids"])
    finally:
        store.close()
    assert "5 articles in 2 stories (0 records skipped)" in caplog.messages

    second = run([corpus], out, batch_settings)
    assert (second.analysed, second.skipped, second.failed, second.stories) == (0, 2, 0, 2)
    assert second.parts == []
    again = parquet_rows(out)
    assert len(again) == 2
    assert sorted(r["story_key"] for r in again) == sorted(r["story_key"] for r in rows)
    store = Store(batch_settings.db_path)
    try:
        assert store.counts() == {"articles": 5, "stories": 2, "dossiers": 2}
    finally:
        store.close()


def test_resume_writes_rows_missing_from_parquet_without_analysing(corpus, tmp_path, batch_settings):
    """A run killed after saving to the store but before its part file: the row comes from the store."""
    out = tmp_path / "out"
    first = run([corpus], out, batch_settings, part_size=1)
    assert first.analysed == 2
    lost = first.parts[-1]
    lost_key = pq.read_table(lost).column("story_key").to_pylist()[0]
    lost.unlink()
    assert len(parquet_rows(out)) == 1

    second = run([corpus], out, batch_settings)
    assert (second.analysed, second.skipped) == (0, 2)
    rows = parquet_rows(out)
    assert len(rows) == 2
    assert lost_key in {r["story_key"] for r in rows}


def test_resume_analyses_only_the_new_story(tmp_path, batch_settings):
    out = tmp_path / "out"
    floods = write_jsonl(tmp_path / "floods.jsonl", RECORDS[:3])
    first = run([floods], out, batch_settings)
    assert (first.stories, first.analysed) == (1, 1)
    transfers = write_jsonl(tmp_path / "transfers.jsonl", RECORDS[3:])
    second = run([floods, transfers], out, batch_settings)
    assert (second.stories, second.analysed, second.skipped) == (2, 1, 1)
    rows = parquet_rows(out)
    assert {frozenset(r["article_ids"]) for r in rows} == EXPECTED_STORIES


def test_a_story_that_gains_an_article_keeps_one_row_the_latest(tmp_path, batch_settings):
    """docs/usage.md's "one row per story": the second run's row of the grown story replaces the first run's."""
    out = tmp_path / "out"
    first = run([write_jsonl(tmp_path / "first.jsonl", [*RECORDS[:2], *RECORDS[3:]])], out, batch_settings)
    assert (first.stories, first.analysed, first.replaced) == (2, 2, 0)
    before = {frozenset(r["article_ids"]): r for r in parquet_rows(out)}
    old_flood = before[frozenset({"flood-1", "flood-2"})]
    transfer = before[frozenset({"transfer-1", "transfer-2"})]

    second = run([write_jsonl(tmp_path / "grown.jsonl", RECORDS)], out, batch_settings)
    assert (second.stories, second.analysed, second.skipped, second.replaced) == (2, 1, 1, 1)
    rows = parquet_rows(out)
    assert len(rows) == 2
    assert {frozenset(r["article_ids"]) for r in rows} == EXPECTED_STORIES
    flood = next(r for r in rows if "flood-3" in r["article_ids"])
    assert flood["story_id"] == old_flood["story_id"] and flood["story_key"] != old_flood["story_key"]
    assert {a["id"] for a in json.loads(flood["dossier_json"])["articles"]} == {"flood-1", "flood-2", "flood-3"}
    assert transfer in rows  # the untouched story's row is kept as it was

    third = run([write_jsonl(tmp_path / "grown.jsonl", RECORDS)], out, batch_settings)
    assert (third.analysed, third.replaced, third.parts) == (0, 0, [])
    assert len(parquet_rows(out)) == 2


def test_another_corpus_reusing_article_ids_keeps_the_first_corpus_rows(tmp_path, batch_settings):
    """Two corpora numbering their records alike ("1", "2") run into one folder: the second's stories share ids,
    not articles, with the first's, so the first's row stays; a grown corpus still replaces its own row."""
    out = tmp_path / "out"
    numbered = [{**record, "id": str(n)} for n, record in enumerate(RECORDS[:2], 1)]
    first = run([write_jsonl(tmp_path / "floods.jsonl", numbered)], out, batch_settings)
    assert (first.stories, first.analysed) == (1, 1)
    others = [{**record, "id": str(n)} for n, record in enumerate(RECORDS[3:], 1)]
    second = run([write_jsonl(tmp_path / "transfers.jsonl", others)], out, batch_settings)
    assert (second.analysed, second.replaced) == (1, 0)
    rows = parquet_rows(out)
    assert len(rows) == 2
    assert {frozenset(r["article_ids"]) for r in rows} == {frozenset({"1", "2"})}
    assert {json.loads(r["dossier_json"])["articles"][0]["outlet"] for r in rows} == {"Daily Ledger", "Sports Wire"}
    # the first corpus grown by a third record: its row is replaced, the other corpus's kept; its row written by an
    # earlier version, without the texts' hashes, is matched by ids alone
    [flood_part] = [part for part in out.glob("part-*.parquet") if "Porto" in str(pq.read_table(part).to_pylist())]
    pq.write_table(pq.read_table(flood_part).drop_columns(["article_hashes"]), flood_part)
    grown = run([write_jsonl(tmp_path / "floods.jsonl", [*numbered, {**RECORDS[2], "id": "3"}])], out,
                batch_settings)
    assert (grown.analysed, grown.replaced) == (1, 1)
    assert sorted(len(r["article_ids"]) for r in parquet_rows(out)) == [2, 3]


def test_an_old_row_stays_until_the_new_analysis_is_written(tmp_path, batch_settings, monkeypatch):
    """A grown story whose new analysis fails keeps its earlier row (not none); the retry replaces it."""
    import storylens.batch as batch

    out = tmp_path / "out"
    run([write_jsonl(tmp_path / "first.jsonl", RECORDS[:2])], out, batch_settings)
    old_key = parquet_rows(out)[0]["story_key"]
    real = batch._analyse_story

    def failing(articles, settings, *notes):
        raise RuntimeError("worker lost")

    grown = write_jsonl(tmp_path / "grown.jsonl", RECORDS[:3])
    monkeypatch.setattr(batch, "_analyse_story", failing)
    failed = run([grown], out, batch_settings)
    assert (failed.failed, failed.replaced) == (1, 0)
    assert [r["story_key"] for r in parquet_rows(out)] == [old_key]
    monkeypatch.setattr(batch, "_analyse_story", real)
    retried = run([grown], out, batch_settings)
    assert (retried.analysed, retried.replaced) == (1, 1)
    rows = parquet_rows(out)
    assert len(rows) == 1 and rows[0]["story_key"] != old_key
    assert sorted(rows[0]["article_ids"]) == ["flood-1", "flood-2", "flood-3"]


def test_a_second_run_into_a_busy_out_folder_is_refused(corpus, tmp_path, batch_settings, monkeypatch):
    """Two runs of one corpus into one folder at once each analysed its stories and wrote its rows: two rows per
    story.  The second is refused at once, naming the first; the first ends as usual, one row per story."""
    import threading

    import storylens.batch as batch

    out = tmp_path / "out"
    real = batch._write_part
    started, release = threading.Event(), threading.Event()

    def held(*args, **kwargs):  # the first run, its stories analysed and stored, waits before writing its rows
        if not started.is_set():
            started.set()
            assert release.wait(120)
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "_write_part", held)
    outcome: dict[str, object] = {}
    first = threading.Thread(target=lambda: outcome.update(first=run([corpus], out, batch_settings)))
    first.start()
    try:
        assert started.wait(120)
        with pytest.raises(batch.OutDirBusy, match=f"pid {os.getpid()}.*is writing to {re.escape(str(out))}"):
            run([corpus], out, batch_settings)
    finally:
        release.set()
        first.join(300)
    assert outcome["first"].analysed == 2
    rows = parquet_rows(out)
    assert len(rows) == 2 and {frozenset(r["article_ids"]) for r in rows} == EXPECTED_STORIES
    assert run([corpus], out, batch_settings).skipped == 2  # the folder is free again once the run ended


def test_an_out_folder_that_cannot_be_locked_is_still_written(corpus, tmp_path, batch_settings, monkeypatch, caplog):
    # a file system without locks (some network mounts) must not stop the run: it goes on, saying so
    import errno
    import fcntl

    def no_locks(handle, operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    caplog.set_level(logging.WARNING, logger="storylens.batch")
    result = run([corpus], tmp_path / "out", batch_settings)
    assert result.analysed == 2 and len(parquet_rows(tmp_path / "out")) == 2
    assert any("cannot hold" in message for message in caplog.messages)


def test_the_workers_are_not_given_the_database_url_and_its_password(corpus, tmp_path, db_target, monkeypatch):
    """The workers analyse and never open the store, but were sent the settings whole: the database URL with its
    password went to every worker (on other machines with --scheduler), and a story that failed had Dask log its
    task, the settings' repr and the password in it, on stderr (batch's summary hides it)."""
    import storylens.batch as batch
    from storylens.store.database import database_url

    url = db_target if "://" in db_target else f"sqlite:///{db_target}"
    password = database_url(url).password

    def failing(articles, settings, *notes):  # (run on a copy of the task: it says what it was given)
        raise RuntimeError(f"worker lost; given a db_url: {settings.db_url is not None}, the store: {settings.use_store}")

    class Lines(logging.Handler):
        def __init__(self):
            super().__init__()
            self.lines = []

        def emit(self, record):
            self.lines.append(self.format(record))

    said = Lines()
    logging.getLogger("distributed").addHandler(said)
    monkeypatch.setattr(batch, "_analyse_story", failing)
    try:
        result = run([corpus], tmp_path / "out", Settings.load(db_url=url, progress=False))
    finally:
        logging.getLogger("distributed").removeHandler(said)
    assert [error for _, error in result.failures] == ["RuntimeError: worker lost; given a db_url: False, the store: False"] * 2
    assert any("Compute Failed" in line for line in said.lines)  # Dask said what failed, the settings with it
    assert not password or not any(password in line for line in said.lines)
    with Store.open(Settings.load(db_url=url)) as store:
        assert store.list_stories() == []  # the driver's store is the URL's still


def test_a_failed_story_is_counted_and_analysed_on_the_next_run(corpus, tmp_path, batch_settings, monkeypatch):
    import storylens.batch as batch

    real = batch._analyse_story

    def flaky(articles, settings, *notes):
        if any(a.id.startswith("transfer") for a in articles):
            raise RuntimeError("worker lost")
        return real(articles, settings, *notes)

    out = tmp_path / "out"
    monkeypatch.setattr(batch, "_analyse_story", flaky)
    first = run([corpus], out, batch_settings)
    assert (first.analysed, first.failed) == (1, 1)
    assert first.failures[0][1] == "RuntimeError: worker lost"
    assert len(parquet_rows(out)) == 1
    monkeypatch.setattr(batch, "_analyse_story", real)
    second = run([corpus], out, batch_settings)
    assert (second.analysed, second.skipped, second.failed) == (1, 1, 0)
    assert {frozenset(r["article_ids"]) for r in parquet_rows(out)} == EXPECTED_STORIES


def test_gzipped_jsonl_and_parquet_read_the_same_articles(corpus, tmp_path, batch_settings):
    gz = tmp_path / "corpus.jsonl.gz"
    gz.write_bytes(gzip.compress(corpus.read_bytes()))
    columns = ["id", "text", "published", "outlet", "title", "url"]
    table = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in RECORDS])
    parquet = tmp_path / "corpus.parquet"
    pq.write_table(table, parquet)

    def summary(path: Path) -> list[tuple]:
        articles, bad = read_corpus([str(path)], batch_settings)
        assert bad == []
        return [(a.id, a.content_hash, a.outlet, a.title, a.url, a.published) for a in articles]

    plain = summary(corpus)
    assert len(plain) == 5
    assert summary(gz) == plain
    assert summary(parquet) == plain


def test_parquet_dates_and_missing_text(tmp_path, batch_settings):
    import datetime as dt

    table = pa.table({
        "id": ["a", "b"],
        "text": [RECORDS[0]["text"], None],
        "published": [dt.date(2024, 5, 6), dt.date(2024, 5, 7)],
    })
    path = tmp_path / "dated.parquet"
    pq.write_table(table, path)
    articles, bad = read_corpus([str(path)], batch_settings)
    assert [(a.id, a.published.value if a.published else None) for a in articles] == [("a", "2024-05-06")]
    assert len(bad) == 1 and bad[0].source.endswith("dated.parquet:2") and "text" in bad[0].reason


def test_bad_records_are_reported_not_fatal(tmp_path, batch_settings):
    path = write_jsonl(
        tmp_path / "messy.jsonl", RECORDS, extra_lines=("{not json", json.dumps({"id": "no-text", "title": "x"}))
    )
    gz = tmp_path / "messy.jsonl.gz"
    gz.write_bytes(gzip.compress(path.read_bytes()))
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"this is not gzip")
    out = tmp_path / "out"
    result = run([gz, broken], out, batch_settings)
    assert result.articles == 5
    assert result.analysed == 2
    sources = {s.source: s.reason for s in result.bad_records}
    assert any(src.endswith("messy.jsonl.gz:3") and "not valid JSON" in why for src, why in sources.items())
    # a record with only a title is read as its title, here too short to analyse
    assert any(src.endswith("messy.jsonl.gz:4") and "too little text" in why for src, why in sources.items())
    assert any(src.endswith("broken.jsonl.gz") and "decompress" in why for src, why in sources.items())
    assert len(result.bad_records) == 3


def test_empty_corpus_starts_no_cluster(tmp_path, batch_settings):
    empty = tmp_path / "empty.jsonl"
    empty.write_text(json.dumps({"id": "x", "text": "too short"}) + "\n", encoding="utf-8")
    result = run([empty], tmp_path / "out", batch_settings)
    assert (result.articles, result.stories, result.analysed) == (0, 0, 0)
    assert len(result.bad_records) == 1
    assert result.parts == []


# ------------------------------------------------------------------------ the command, in a subprocess

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path, **env: str):
    import os
    import subprocess
    import sys

    full_env = {**os.environ, "STORYLENS_PROGRESS": "false", **env}
    return subprocess.run([sys.executable, "-m", "storylens", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=300)


def test_cli_batch_on_worker_processes_then_resume_does_nothing_twice(tmp_path):
    """The real command on a LocalCluster of two worker processes (the default), then the same run again."""
    corpus = write_jsonl(tmp_path / "corpus.jsonl", RECORDS, extra_lines=("{broken",))
    args = ("batch", str(corpus), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "db.sqlite3"),
            "--workers", "2")
    first = run_cli(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "5 articles in 2 stories: 2 analysed, 0 already done, 0 failed; 1 input skipped" in first.stdout
    assert "corpus.jsonl:3" in first.stderr and "Traceback" not in first.stderr
    rows = parquet_rows(tmp_path / "out")
    assert {frozenset(r["article_ids"]) for r in rows} == EXPECTED_STORIES
    assert all(json.loads(r["dossier_json"])["run"]["model"] for r in rows)
    parts = sorted(p.name for p in (tmp_path / "out").glob("part-*.parquet"))

    second = run_cli(*args, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "2 stories: 0 analysed, 2 already done, 0 failed" in second.stdout
    assert sorted(p.name for p in (tmp_path / "out").glob("part-*.parquet")) == parts  # nothing written again
    assert sorted(r["story_key"] for r in parquet_rows(tmp_path / "out")) == sorted(r["story_key"] for r in rows)
    store = Store(tmp_path / "db.sqlite3")
    try:
        assert store.counts() == {"articles": 5, "stories": 2, "dossiers": 2}
    finally:
        store.close()


def test_cli_batch_over_a_grown_corpus_says_it_replaced_the_earlier_row(tmp_path):
    """The command, twice over one corpus file that gains an article: one row per story, and the summary says so."""
    corpus = tmp_path / "corpus.jsonl"
    args = ("batch", str(corpus), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "db.sqlite3"),
            "--workers", "1")
    write_jsonl(corpus, [*RECORDS[:2], *RECORDS[3:]])
    first = run_cli(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "removed" not in first.stdout
    write_jsonl(corpus, RECORDS)
    second = run_cli(*args, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "5 articles in 2 stories: 1 analysed, 1 already done, 0 failed" in second.stdout
    assert "(and removed 1 earlier row of stories analysed again)" in second.stdout
    assert {frozenset(r["article_ids"]) for r in parquet_rows(tmp_path / "out")} == EXPECTED_STORIES
    assert len(parquet_rows(tmp_path / "out")) == 2


def test_cli_batch_nothing_readable_exits_4_without_a_cluster(tmp_path):
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    result = run_cli("batch", str(tmp_path / "bad.jsonl"), str(tmp_path / "missing.jsonl"), "--out",
                     str(tmp_path / "out"), "--db", str(tmp_path / "db.sqlite3"), cwd=tmp_path)
    assert result.returncode == 4
    assert "missing.jsonl" in result.stderr and "bad.jsonl:1" in result.stderr
    assert result.stderr.count("bad.jsonl:1") == 1  # said once, not logged as well
    assert "nothing could be read" in result.stderr and "Traceback" not in result.stderr
    assert list((tmp_path / "out").glob("part-*")) == []


def test_cli_batch_names_the_database_it_stored_to(tmp_path, example_dir):
    """With db_url set (STORYLENS_DB_URL), the dossiers go there, and the summary says so, not db_path's file."""
    url = f"sqlite:///{tmp_path / 'url.sqlite3'}"
    result = run_cli("batch", str(example_dir), "--out", str(tmp_path / "out"), "--workers", "1", "--no-progress",
                     cwd=tmp_path, STORYLENS_DB_URL=url, STORYLENS_DB_PATH=str(tmp_path / "path.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert f"dossiers in {url}" in result.stdout
    assert (tmp_path / "url.sqlite3").exists() and not (tmp_path / "path.sqlite3").exists()


def test_cli_batch_a_typed_db_beats_the_environments_db_url(tmp_path, example_dir):
    """A flag typed on the command line wins over the environment: --db names the file the dossiers go to."""
    url = f"sqlite:///{tmp_path / 'url.sqlite3'}"
    result = run_cli("batch", str(example_dir), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "path.sqlite3"),
                     "--workers", "1", "--no-progress", cwd=tmp_path, STORYLENS_DB_URL=url)
    assert result.returncode == 0, result.stderr
    assert f"dossiers in {tmp_path / 'path.sqlite3'}" in result.stdout
    assert (tmp_path / "path.sqlite3").exists() and not (tmp_path / "url.sqlite3").exists()


def test_cli_batch_a_typed_db_url_wins_and_is_named_with_its_password_hidden(tmp_path, example_dir, db_target):
    """`batch --db-url` (SQLite's URL, or a PostgreSQL server's where one is installed): the dossiers go there, over a
    typed --db and STORYLENS_DB_URL, and the summary names it with its password hidden; batch had no --db-url."""
    from storylens import Settings
    from storylens.store import Store
    from storylens.store.database import database_url

    url = db_target if "://" in db_target else f"sqlite:///{db_target}"
    result = run_cli("batch", str(example_dir), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "typed.sqlite3"),
                     "--db-url", url, "--workers", "1", "--no-progress", cwd=tmp_path,
                     STORYLENS_DB_URL=f"sqlite:///{tmp_path / 'env.sqlite3'}")
    assert result.returncode == 0, result.stderr
    hidden = database_url(url).render_as_string(hide_password=True)
    assert f"dossiers in {hidden}" in result.stdout
    password = database_url(url).password
    assert not password or password not in result.stdout + result.stderr
    assert not (tmp_path / "typed.sqlite3").exists() and not (tmp_path / "env.sqlite3").exists()
    with Store.open(Settings.load(db_url=url)) as store:
        assert sum(s["articles"] for s in store.list_stories()) == 3


def test_cli_batch_unreachable_scheduler_is_one_line_and_exit_1(corpus, tmp_path):
    result = run_cli("batch", str(corpus), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "db.sqlite3"),
                     "--scheduler", "tcp://127.0.0.1:1", cwd=tmp_path, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="1s")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [lines[-1]] and "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in lines[-1]


def test_cli_batch_summary_does_not_count_an_input_analysed_with_a_warning_as_skipped(tmp_path, monkeypatch):
    # "2 inputs skipped" was said of a corpus with one bad line and one record analysed under another id ('1-2'),
    # which was analysed, with a warning
    from click.testing import CliRunner

    import storylens.batch
    from storylens.batch import BatchResult
    from storylens.cli import main
    from storylens.models import Skipped

    def fake_run(inputs, out_dir, settings, **options):
        return BatchResult(articles=4, stories=2, analysed=2, bad_records=[
            Skipped(source="c.jsonl:5", stage="ingest", reason="not valid JSON"),
            Skipped(source="c.jsonl:3", stage="warning", reason="id '1' is another article's: this one is '1-2'")])

    monkeypatch.setattr(storylens.batch, "run_batch", fake_run)
    result = CliRunner().invoke(main, ["batch", "c.jsonl", "--out", str(tmp_path / "out"),
                                       "--db", str(tmp_path / "db.sqlite3")])
    assert result.exit_code == 0, result.output
    assert "4 articles in 2 stories: 2 analysed, 0 already done, 0 failed; 1 input skipped, 1 warning" in result.output


def test_batch_dossier_lists_what_ingest_said_of_its_articles(tmp_path, batch_settings):
    # analyze lists an article's warnings (an id made unique, a date it could not read) in the dossier's skipped; a
    # batch story's dossier (its Parquet row and the store) listed none of them: they went to stderr only
    records = [dict(RECORDS[0]), {**RECORDS[1], "published": "sometime in May"}, {**RECORDS[3], "id": "flood-1"},
               dict(RECORDS[4])]
    out = tmp_path / "out"
    result = run([write_jsonl(tmp_path / "c.jsonl", records)], out, batch_settings)
    assert result.analysed == 2
    by_story = {frozenset(r["article_ids"]): json.loads(r["dossier_json"]) for r in parquet_rows(out)}
    floods = by_story[frozenset({"flood-1", "flood-2"})]
    transfers = by_story[frozenset({"flood-1-2", "transfer-2"})]
    [undated] = [s for s in floods["skipped"] if s["stage"] == "warning"]
    assert undated["source"].endswith("c.jsonl:2") and "analysed without a date" in undated["reason"]
    [renamed] = [s for s in transfers["skipped"] if s["stage"] == "warning"]
    assert renamed["source"].endswith("c.jsonl:3") and "'flood-1-2'" in renamed["reason"]


def test_a_local_clusters_workers_are_retired_before_it_closes():
    """The run's end closes a local cluster's workers first, so none fails a heartbeat to a closing scheduler and
    logs a traceback on the user's terminal (a race of distributed's shutdown, met once on a loaded machine)."""
    from dask.distributed import Client, LocalCluster

    from storylens.batch import _retire_local_workers

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        _retire_local_workers(client)
        assert client.scheduler_info()["workers"] == {}
        _retire_local_workers(client)  # nothing left to retire: no error
