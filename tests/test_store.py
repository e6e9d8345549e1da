"""The store on SQLite and PostgreSQL: saving, reusing an analysis, migrations, jobs."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import update

from storylens import Pipeline, Settings
from storylens.analyse.heading import story_heading
from storylens.errors import StoreError
from storylens.models import Article
from storylens.store import Store, head_revision
from storylens.store.database import current_revision


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


def test_store_a_reused_dossier_lists_the_articles_as_a_fresh_one_does_whatever_the_order_given(settings):
    """The same articles given in another order are the same story (the key is blind to their order) and its stored
    dossier is served: it lists them as a fresh analysis of either order does, by date, then id, as docs/dossier.md says."""
    texts = {"quay": "The harbour board of Lindholm said on Tuesday that the east quay would close for repairs in May.",
             "pier": "Lindholm's east quay will shut in May for repairs, the harbour board announced on Tuesday.",
             "dock": "Repairs will close the east quay at Lindholm from May, its harbour board said on Tuesday."}
    dates = {"quay": "2021-03-02", "pier": "2021-03-01", "dock": "2021-03-02"}

    def given(order):
        return [Article(id=name, text=texts[name], published=dates[name], outlet=f"The {name.title()} Post")
                for name in order]

    fresh = Pipeline(settings.model_copy(update={"use_store": False}))
    expected = ["pier", "dock", "quay"]  # by date, then id
    assert [a.id for a in fresh.analyze_articles(given(["quay", "dock", "pier"])).articles] == expected
    with Pipeline(settings) as pipeline:
        first = pipeline.analyze_articles(given(["quay", "dock", "pier"]))
        again = pipeline.analyze_articles(given(["dock", "pier", "quay"]))
    assert again.run.created == first.run.created  # the stored analysis, reused
    assert [a.id for a in first.articles] == [a.id for a in again.articles] == expected


def test_story_key_changes_with_the_summary_length_and_the_code(settings, monkeypatch):
    from storylens import pipeline as pipeline_module

    articles = [Article(id="a", text="Ministers met on Monday."), Article(id="b", text="They met again.")]
    key = pipeline_module.story_key(articles, "m", "1", settings)
    assert pipeline_module.story_key(list(reversed(articles)), "m", "1", settings) == key
    longer = settings.model_copy(update={"summary_sentences": settings.summary_sentences + 2})
    assert pipeline_module.story_key(articles, "m", "1", longer) != key  # a stored summary of another length
    reranked = settings.model_copy(update={"summary_embeddings": 8})
    assert pipeline_module.story_key(articles, "m", "1", reranked) != key  # a summary re-ranked by embeddings
    monkeypatch.setattr(pipeline_module, "code_fingerprint", lambda: "other code")
    assert pipeline_module.story_key(articles, "m", "1", settings) != key  # an upgrade is not served old results


def test_pipeline_extractor_failure_reported_not_fatal(settings, example_dir, monkeypatch):
    import storylens.pipeline as pipeline_module

    def broken(article, doc):
        if article.id == "001":
            raise RuntimeError("boom")
        return []

    monkeypatch.setattr(pipeline_module, "extract_quotes", broken)
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze([example_dir])
    assert len(dossier.articles) == 3 and dossier.entities
    [problem] = [s for s in dossier.skipped if s.stage == "extract"]
    assert "broken failed" in problem.reason and "boom" in problem.reason
    with Pipeline(settings) as pipeline:  # the stored analysis reused: it still lacks 001's quotes, and says so
        again = pipeline.analyze([example_dir])
    assert again.run.created == dossier.run.created
    assert [s for s in again.skipped if s.stage == "extract"] == [problem]


# -- the store on SQLite and PostgreSQL -----------------------------------------------------------------

OLD_SCHEMA = """
CREATE TABLE articles (
    content_hash TEXT PRIMARY KEY, id TEXT NOT NULL, outlet TEXT, url TEXT, title TEXT, author TEXT,
    published TEXT, published_precision TEXT, language TEXT, source TEXT, text TEXT NOT NULL, added TEXT NOT NULL);
CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT, created TEXT NOT NULL);
CREATE TABLE story_articles (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL REFERENCES articles(content_hash), article_id TEXT NOT NULL,
    PRIMARY KEY (story_id, content_hash));
CREATE TABLE dossiers (
    story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE, schema_version TEXT NOT NULL,
    json TEXT NOT NULL, created TEXT NOT NULL);
PRAGMA user_version = 1;
"""  # storylens 0.1's sqlite3 store, migration 1, verbatim


def _articles(*texts, **meta):
    return [Article(id=f"a{n}", text=t, published="2010-08-30", source=f"request[{n}]", **meta)
            for n, t in enumerate(texts, 1)]


TEXT_A = "The French government said on Monday it had sent 51 Roma back to Romania, officials said in Paris."
TEXT_B = "Romania's foreign minister said France was right to worry, but warned against 100% xenophobia."


@pytest.fixture()
def store(db_target):
    s = Store(db_target)
    yield s
    s.close()


def test_store_round_trip_on_both_backends(store, roma_dossier):
    articles = _articles(TEXT_A, TEXT_B, title="Roma_sent 100% back")
    store.save_story("story1", articles, roma_dossier)
    store.save_story("story1", articles, roma_dossier)  # saved again: replaced, not duplicated
    assert store.counts() == {"articles": 2, "stories": 1, "dossiers": 1}
    loaded = store.load_dossier("story1")
    assert loaded is not None and loaded.model_dump() == roma_dossier.model_dump()
    assert store.load_dossier("nope") is None
    assert store.article_text(articles[1].content_hash) == TEXT_B
    assert store.article_text("0" * 64) is None
    [listed] = store.list_stories()
    assert listed["id"] == "story1" and listed["articles"] == 2
    # the story's heading names what it is about, not one outlet's headline (which its articles keep)
    assert listed["title"] == story_heading(roma_dossier) and "Roma_sent" not in listed["title"]
    assert [s["id"] for s in store.list_stories("ROMANIA")] == ["story1"]  # any case, on both backends
    assert store.list_stories("xenophobia")[0]["id"] == "story1"
    assert store.list_stories("100% back") and not store.list_stories("1000% back")
    assert not store.list_stories("Roma%back") and not store.list_stories("Rom_sent")  # % and _ are literal


def test_store_search_is_blind_to_case_beyond_ascii_on_sqlite(tmp_path, roma_dossier):
    # SQLite's lower() folds only A-Z: "ünal" missed "Ünal" and "ärger" missed "Ärger"
    store = Store(tmp_path / "store.sqlite3")
    try:
        store.save_story("story1", _articles("Ünal Çelik, the mayor of Ørsted, said on Monday the bridge will close "
                                             "for two weeks.", title="Ärger um die Brücke"), roma_dossier)
        for query in ("ünal", "ÜNAL", "çelik", "ärger", "ÄRGER", "ørsted", "brücke", "BRÜCKE"):
            assert [s["id"] for s in store.list_stories(query)] == ["story1"], query
        assert not store.list_stories("unal")  # no accent folding: a different word
    finally:
        store.close()


def test_store_search_is_blind_to_how_accents_are_encoded_and_to_invisible_characters(tmp_path, roma_dossier):
    # a text that writes "é" as "e" and a combining accent (as text copied from some systems does), or with a soft
    # hyphen or a zero-width space inside a word, was not found by the same word typed plainly, nor the other way round
    store = Store(tmp_path / "store.sqlite3")
    try:
        store.save_story("story1", _articles("Mayor Zoe\u0301 Marchetti said the Dun\u00adkirk ferry will run on "
                                             "Mon\u200bday.", title="Ferry plans"), roma_dossier)
        for query in ("Zoé", "zoé marchetti", "Dunkirk", "monday", "Zoe\u0301", "Dun\u00adkirk"):
            assert [s["id"] for s in store.list_stories(query)] == ["story1"], query
        assert not store.list_stories("Zoe Marchetti")  # no accent folding: a different word
    finally:
        store.close()


def test_store_new_database_is_at_the_head_revision(tmp_path):
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    assert current_revision(store.engine) == head_revision()
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "stories", "story_articles", "dossiers", "jobs", "job_articles", "alembic_version"} <= tables
    conn.close()
    Store(path).close()  # reopening an up-to-date database migrates nothing
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1


def test_store_sqlite_connections_have_foreign_keys_and_busy_timeout(tmp_path):
    store = Store(tmp_path / "s.sqlite3")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    with pytest.raises(StoreError):  # a link to a story that does not exist is refused
        with store._write("test") as conn:
            conn.exec_driver_sql("INSERT INTO dossiers VALUES ('no-story', '1', '{}', 'now')")
    store.close()


def test_store_upgrades_a_database_of_the_old_sqlite3_store_in_place(tmp_path, roma_dossier):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    [article] = _articles(TEXT_A)
    conn.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                 (article.content_hash, "a1", "BBC", None, "Roma", None, "2010-08-30", "day", "en", "x", TEXT_A,
                  "2010-09-01T00:00:00+00:00"))
    conn.execute("INSERT INTO stories VALUES ('old-story', 'Roma', '2010-09-01T00:00:00+00:00')")
    conn.execute("INSERT INTO story_articles VALUES ('old-story', ?, 'a1')", (article.content_hash,))
    conn.execute("INSERT INTO dossiers VALUES ('old-story', ?, ?, '2010-09-01T00:00:00+00:00')",
                 (roma_dossier.schema_version, roma_dossier.to_json(indent=None)))
    conn.commit()
    conn.close()

    store = Store(path)
    assert current_revision(store.engine) == head_revision()
    assert store.counts() == {"articles": 1, "stories": 1, "dossiers": 1}
    assert store.article_text(article.content_hash) == TEXT_A
    assert store.load_dossier("old-story").model_dump() == roma_dossier.model_dump()
    assert [s["id"] for s in store.list_stories()] == ["old-story"]
    job_id = store.submit_job(_articles(TEXT_A, TEXT_B))  # the new tables work, and link to the old rows
    assert store.counts()["articles"] == 2 and store.get_job(job_id).status == "queued"
    store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_store_same_article_submitted_twice_is_stored_once(store):
    first = store.submit_job(_articles(TEXT_A, TEXT_B, outlet="BBC"))
    # the same text again, with other whitespace, case and metadata, and twice in one submission
    again = [Article(id="z", text="  " + TEXT_A.upper().replace(" ", "\n "), outlet="Le Monde", published="2010-09")]
    second = store.submit_job([*again, *_articles(TEXT_A)])
    assert first != second
    assert store.counts()["articles"] == 2
    assert store.job_counts()["queued"] == 2
    [a, b] = store.job_articles(first)
    assert (a.id, a.outlet, a.text, b.text) == ("a1", "BBC", TEXT_A, TEXT_B)
    z, a1 = store.job_articles(second)
    # the text is stored once (one row), and each job has the text it was sent (this one's case and spacing)
    assert (z.id, z.outlet, str(z.published.value), z.text) == ("z", "Le Monde", "2010-09", again[0].text)
    assert z.content_hash == a.content_hash
    assert a1.id == "a1" and a1.content_hash == a.content_hash and a1.text == TEXT_A


def test_store_claims_each_job_once_oldest_first(store):
    ids = [store.submit_job(_articles(f"{TEXT_A} Number {n}."), urls=[f"https://example.org/{n}"]) for n in range(3)]
    job = store.claim_job("w1")
    assert job.id == ids[0] and job.status == "running" and job.attempts == 1 and job.claimed_by == "w1"
    assert job.urls == ["https://example.org/0"]
    assert store.claim_job("w2").id == ids[1]
    assert store.finish_job(ids[0], "w1", "done", story_id="s0", skipped=[{"source": "x", "reason": "y"}])
    assert not store.finish_job(ids[1], "w1", "done")  # not w1's job
    assert not store.finish_job(ids[0], "w1", "failed")  # no longer running
    done = store.get_job(ids[0])
    assert (done.status, done.story_id, done.skipped) == ("done", "s0", [{"source": "x", "reason": "y"}])
    assert store.get_job(ids[1]).status == "running"
    assert store.get_job("nope") is None


def test_store_concurrent_workers_never_claim_a_job_twice(store):
    ids = {store.submit_job(_articles(f"{TEXT_B} Item {n}.")) for n in range(40)}
    claimed: list[tuple[str, str]] = []
    lock = threading.Lock()

    def work(name):
        while (job := store.claim_job(name)) is not None:
            with lock:
                claimed.append((job.id, name))
            assert store.finish_job(job.id, name, "done")

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(i for i, _ in claimed) == sorted(ids)  # every job, each once
    assert store.job_counts() == {"queued": 0, "running": 0, "done": 40, "failed": 0}


def test_store_requeues_jobs_left_running_by_a_crash(store, caplog):
    crashed = store.submit_job(_articles(TEXT_A))
    store.submit_job(_articles(TEXT_B))
    assert store.claim_job("dead-worker").id == crashed  # ... and the process is killed here
    assert store.requeue_running(worker="another-worker") == (0, 0)
    caplog.set_level(logging.WARNING, logger="storylens.store.store")
    assert store.requeue_running(max_attempts=5) == (1, 0)  # what a starting server does
    assert "1 interrupted job queued again, 0 abandoned" in caplog.messages  # one job, not "1 ... jobs"
    job = store.get_job(crashed)
    assert (job.status, job.claimed_by, job.attempts) == ("queued", None, 1)
    again = store.claim_job("new-worker")
    assert (again.id, again.attempts) == (crashed, 2)  # still the oldest: it is finished first


def test_store_requeues_only_jobs_whose_lease_ran_out(store):
    held = store.submit_job(_articles(TEXT_A))
    lapsed = store.submit_job(_articles(TEXT_B))
    assert store.claim_job("alive", lease_seconds=3600).id == held
    assert store.claim_job("hung", lease_seconds=0.01).id == lapsed
    time.sleep(0.05)
    assert store.renew_lease(held, "alive", 3600)
    assert not store.renew_lease(held, "hung")  # not its job
    assert store.requeue_running(max_attempts=5, expired=True) == (1, 0)
    assert (store.get_job(held).status, store.get_job(lapsed).status) == ("running", "queued")
    assert not store.renew_lease(lapsed, "hung")  # taken back: its worker must not record an outcome
    assert store.running_holders() == {"alive"}
    assert store.requeue_running(workers=[]) == (0, 0)
    assert store.requeue_running(workers=["alive"]) == (1, 0)
    assert store.get_job(held).lease_until is None


def test_store_fails_a_job_interrupted_max_attempts_times(store):
    poison = store.submit_job(_articles(TEXT_A))
    for attempt in (1, 2, 3):
        assert store.claim_job("w").attempts == attempt
        assert store.requeue_running(max_attempts=3) == ((1, 0) if attempt < 3 else (0, 1))
    job = store.get_job(poison)
    assert job.status == "failed" and "interrupted 3 times" in job.error
    assert store.claim_job("w") is None


def test_store_open_uses_db_url_over_db_path(tmp_path):
    settings = Settings.load(db_path=tmp_path / "path.sqlite3", db_url=f"sqlite:///{tmp_path / 'url.sqlite3'}")
    Store.open(settings).close()
    assert (tmp_path / "url.sqlite3").exists() and not (tmp_path / "path.sqlite3").exists()
    with pytest.raises(StoreError, match="cannot open the database"):
        Store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


@pytest.mark.parametrize(("url", "said"), [
    ("mysql://nobody@127.0.0.1/none", "driver is not installed"),  # MySQLdb is not a dependency
    ("postgresql://nobody@127.0.0.1:port/none", "not a valid database URL"),
])
def test_store_url_of_a_missing_driver_or_malformed_is_a_store_error(url, said):
    """A StoreError (one line from the command line, exit 1), not an ImportError or ValueError traceback."""
    with pytest.raises(StoreError, match=said):
        Store(url)


def test_store_database_of_a_newer_version_is_refused_saying_so(tmp_path):
    # a database a newer storylens upgraded past this version's migrations: a StoreError that says so (the CLI's
    # one line, exit 1), not Alembic's "Can't locate revision" with a traceback; the database is left as it was
    path = tmp_path / "newer.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="revision 9999, which this storylens does not have .*newer storylens"):
        Store(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("9999",)]


def test_store_file_that_is_not_a_database_is_refused_in_one_line(tmp_path):
    # a text file given as the database: the driver's reason in one line, without SQLAlchemy's "Background on this
    # error at: https://sqlalche.me/..." on a second; the file is left as it was
    path = tmp_path / "notes.sqlite3"
    path.write_text("The harbour board meets on Tuesdays at the old custom house.\n" * 20, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        Store(path)
    assert "file is not a database" in str(info.value)
    assert "\n" not in str(info.value) and "sqlalche.me" not in str(info.value)
    assert path.read_bytes() == before


def test_store_concurrent_first_opens_migrate_once(db_target):
    errors, stores = [], []

    def open_store():
        try:
            stores.append(Store(db_target))
        except Exception as exc:  # collected: the assertion below shows them
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and len(stores) == 4
    assert all(current_revision(s.engine) == head_revision() for s in stores)
    for s in stores:
        s.close()


def test_store_listing_says_which_later_story_supersedes_one_that_grew(store, roma_dossier):
    """A story analysed again with more articles is a new story; both stay listed, and the earlier one names the
    later in ``superseded_by`` (the newest, when it grew twice).  A later story of only some of another's articles
    supersedes nothing, nor is it superseded by the earlier, larger one."""
    third = "The harbour board of a small town voted to rebuild its old quay wall before the storms of winter."
    first, second, third_article = _articles(TEXT_A, TEXT_B, third)
    store.save_story("small", [first], roma_dossier)
    store.save_story("grown", [first, second], roma_dossier)
    store.save_story("grown-again", [first, second, third_article], roma_dossier)
    store.save_story("part", [second], roma_dossier)
    listed = {s["id"]: s["superseded_by"] for s in store.list_stories()}
    assert listed == {"small": "grown-again", "grown": "grown-again", "grown-again": None, "part": None}
    # the search lists the same field, also when the superseding story is not among the results
    assert {s["id"]: s["superseded_by"] for s in store.list_stories(limit=1)} == {"part": None}
    assert [s["superseded_by"] for s in store.list_stories("xenophobia") if s["id"] == "grown"] == ["grown-again"]


def test_story_list_page_links_a_superseded_story_to_the_one_that_replaces_it():
    from storylens.serve.pages import render_index

    page = render_index([
        {"id": "grown/2", "title": "Quay wall", "created": "2026-03-02T10:00:00+00:00", "articles": 3,
         "readable": True, "problem": None, "superseded_by": None},
        {"id": "small", "title": "Quay wall", "created": "2026-03-01T10:00:00+00:00", "articles": 1,
         "readable": True, "problem": None, "superseded_by": "grown/2"},
    ], None)
    assert page.count("superseded by") == 1
    assert '(superseded by <a href="/stories/grown%2F2">a later analysis with more reports</a>)' in page


def test_story_list_and_job_pages_drop_bidi_overrides_from_articles_words():
    # a story title or a skipped input's name with an unclosed right-to-left override (U+202E) turned the rest of its
    # list item around on the story list and the job page ("— 2 sources, date" shown reversed), as in the reports
    from storylens.serve.pages import render_index, render_job

    page = render_index([{"id": "s1", "title": "Dam \u202eholds", "created": "2026-03-02T10:00:00+00:00",
                          "articles": 2, "readable": True, "problem": None, "superseded_by": None}], None)
    assert "Dam holds</a>" in page and "\u202e" not in page
    job = render_job({"id": "j1", "status": "done", "story_id": "s1", "skipped": [
        {"source": "notes\u202etxt.exe", "stage": "ingest", "reason": "not a supported file type (\u202e.exe)"}]})
    assert "notestxt.exe" in job and "\u202e" not in job


def test_store_a_text_in_other_case_or_spacing_is_analysed_again(settings):
    # one content hash (blind to case and whitespace), two texts: the second is not served the first's dossier,
    # whose spans index into the first text
    first = Article(id="a", text="The harbour master said the port would reopen on Monday after the storm passed.")
    second = Article(id="a", text="The  Harbour Master said the port would reopen on Monday after the storm passed.")
    with Pipeline(settings) as pipeline:
        pipeline.analyze([first])
    with Pipeline(settings) as pipeline:
        dossier = pipeline.analyze([second])
    [article] = dossier.articles
    assert article.text == second.text
    for quote in dossier.quotes:
        assert article.text[quote.content.start:quote.content.end] == quote.content.text


def test_store_upgrade_writes_the_stored_jobs_addresses_without_their_credentials(db_target):
    # a job record made before revision 0005 kept a submitted address's password; the upgrade leaves it out, and
    # notes which address had one (a queued job skips it, saying why: the password is nowhere to be had).  An
    # address urlsplit refuses ("[::1" unclosed), as a job stored before addresses were checked at submission could
    # hold, stopped the upgrade with a ValueError, and so the server's start
    import json

    from sqlalchemy import create_engine, text

    from storylens.store import migrate

    engine = create_engine(db_target if "://" in db_target else f"sqlite:///{db_target}")
    migrate(engine, "0004")
    stored = {"j1": ["https://news.example/a", "https://ed:hunter2@news.example/b"],
              "j2": ["http://ed:hunter2@[::1/pier", "https://news.example/quay@night"]}
    with engine.begin() as conn:
        for job_id, urls in stored.items():
            conn.execute(text("INSERT INTO jobs (id, status, created, updated, urls, skipped) VALUES "
                              "(:id, 'queued', '2026-12-01', '2026-12-01', :urls, '[]')"),
                         {"id": job_id, "urls": json.dumps(urls)})
        # an article's own address, as a submission gave it (not fetched), was stored with its password too
        conn.execute(text("INSERT INTO articles (content_hash, id, url, text, added) VALUES "
                          "('h1', 'p', 'https://ed:hunter2@news.example/pier', 'The pier reopened.', '2026-12-01'), "
                          "('h2', 'q', 'https://news.example/@ed/quay', 'The quay closed.', '2026-12-01')"))
        conn.execute(text("INSERT INTO job_articles (job_id, position, content_hash, article_id, url) VALUES "
                          "('j1', 0, 'h1', 'p', 'https://ed:hunter2@news.example/pier'), "
                          "('j1', 1, 'h2', 'q', 'https://news.example/@ed/quay')"))
    engine.dispose()
    with Store(db_target) as store:
        first, second = store.get_job("j1"), store.get_job("j2")
        with store._read() as conn:
            kept = conn.execute(text("SELECT url FROM articles UNION ALL SELECT url FROM job_articles")).scalars().all()
    assert sorted(kept) == ["https://news.example/@ed/quay"] * 2 + ["https://news.example/pier"] * 2
    assert (first.urls, first.urls_with_credentials) == (["https://news.example/a", "https://news.example/b"], [1])
    assert (second.urls, second.urls_with_credentials) == (["http://[::1/pier", "https://news.example/quay@night"],
                                                            [0])


@contextmanager
def _downgraded(db_target: str, revision: str):
    """A connection, in one transaction, to ``db_target`` taken back to ``revision`` by Alembic's downgrade (a
    database as a store of that revision left it), for writing records the way that revision did."""
    from alembic import command
    from sqlalchemy import create_engine

    from storylens.store.database import alembic_config

    engine = create_engine(db_target if "://" in db_target else f"sqlite:///{db_target}")
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
            yield conn
    finally:
        engine.dispose()


def test_store_upgrade_scrubs_credentials_from_every_stored_record(db_target):
    """Dossiers, story index records and job records stored before addresses were written without their user name
    and password kept them (a dossier's article address and the outlet taken from its host name, a skipped input's
    source and reason, the index's address of an article, a job's skipped inputs and error, where an article was
    read from): revision 0007 scrubs them, and every record stays readable; one without any is left byte for byte."""
    import json

    from sqlalchemy import text

    from storylens.align.stories import GroupingSettings
    from storylens.align.story_state import StoryState, add_articles
    from storylens.models import ArticleInfo, Dossier, RunInfo, Skipped

    body = "The pier at Osterby reopened on Friday, the port said. " * 3
    add_articles(db_target, [Article(id="url-1", text=body, url="https://news.example/pier")], GroupingSettings())
    run = RunInfo(storylens_version="0.1", model="m", model_version="1", created="2026-12-01T00:00:00+00:00")
    old = Dossier(articles=[ArticleInfo(id="url-1", outlet="ed:hunter2@news.example", text=body,
                                        url="https://ed:hunter2@news.example/pier")],
                  skipped=[Skipped(source="https://ed:p%5Ess@news.example/quay", stage="duplicate",
                                   reason="the same address given again (https://ed:p%5Ess@news.example/quay)"),
                           Skipped(source="https://ed:hunter2@news.example/pier", stage="warning",
                                   reason="analysed without a date")], run=run).to_json(indent=None)
    clean = Dossier(articles=[ArticleInfo(id="a", outlet="Port News", text=body, url="https://news.example/@ed/x")],
                    run=run).to_json(indent=None)
    with _downgraded(db_target, "0006") as conn:  # a database of revision 0006, whose index kept the address as given
        [(key, raw)] = conn.execute(text("SELECT content_hash, record FROM story_index_articles")).all()
        record = json.loads(raw)
        record["origins"]["url-1"]["url"] = "https://ed:hunter2@news.example/pier"
        conn.execute(text("UPDATE story_index_articles SET record = :r"), {"r": json.dumps(record, sort_keys=True)})
        conn.execute(text("INSERT INTO stories (id, title, created) VALUES ('s1', 'Pier', '2026-12-01'), "
                          "('s2', 'Pier', '2026-12-01')"))
        conn.execute(text("INSERT INTO dossiers (story_id, schema_version, json, created) VALUES "
                          "('s1', '1.7.0', :old, '2026-12-01'), ('s2', '1.7.0', :clean, '2026-12-01')"),
                     {"old": old, "clean": clean})
        conn.execute(text("INSERT INTO jobs (id, status, created, updated, urls, skipped, error) VALUES "
                          "('j1', 'failed', '2026-12-01', '2026-12-01', '[]', :skipped, :error)"),
                     {"skipped": json.dumps([{"source": "https://ed:hunter2@news.example/pier", "stage": "ingest",
                                              "reason": "unreachable: https://ed:hunter2@news.example/pier"}]),
                      "error": "nothing could be analysed (https://ed:hunter2@news.example/pier: unreachable)"})
        conn.execute(text("INSERT INTO articles (content_hash, id, outlet, url, source, text, added) VALUES "
                          "('h2', 'url-1', 'ed:hunter2@news.example', 'https://news.example/pier', "
                          "'https://ed:hunter2@news.example/pier', :body, '2026-12-01')"), {"body": body})
        conn.execute(text("INSERT INTO job_articles (job_id, position, content_hash, article_id, source) VALUES "
                          "('j1', 0, 'h2', 'p', 'article 1 <https://ed:hunter2@news.example/pier>')"))
    with Store(db_target) as store:
        with store._read() as conn:
            stored = {name: conn.execute(text(f"SELECT * FROM {name}")).all()
                      for name in ("dossiers", "story_index_articles", "jobs", "articles", "job_articles")}
            kept_clean = conn.execute(text("SELECT json FROM dossiers WHERE story_id = 's2'")).scalar()
        dossier = store.read_dossier("s1")
        job = store.get_job("j1")
    assert "hunter2" not in repr(stored) and "p%5Ess" not in repr(stored) and "ed:" not in repr(stored)
    assert kept_clean == clean
    assert (dossier.articles[0].url, dossier.articles[0].outlet) == ("https://news.example/pier", "news.example")
    assert [s.source for s in dossier.skipped] == ["https://news.example/quay", "https://news.example/pier"]
    assert dossier.articles[0].text == body
    assert job.skipped[0]["source"] == "https://news.example/pier"
    assert job.error == "nothing could be analysed (https://news.example/pier: unreachable)"
    assert json.loads(stored["story_index_articles"][0].record)["origins"] == {
        "url-1": {"url": "https://news.example/pier"}}
    with StoryState(db_target) as state:  # the index's state is read as before, and knows the article's address
        index = state.load()
    assert index._records[key].origins == {"url-1": {"url": "https://news.example/pier"}}


def test_store_upgrade_scrubs_credentials_a_batch_of_records_at_a_time(db_target):
    """Revision 0007 read every stored dossier holding an "@" (each up to megabytes) into memory at once: a large
    store's upgrade could run out of memory.  It reads them a batch at a time (a LIMIT on every read), and still
    scrubs them all, past the first batch, including those that keep an "@" in their text."""
    from sqlalchemy import event, text
    from sqlalchemy.engine import Engine


    Store(db_target).close()
    with _downgraded(db_target, "0006") as conn:
        conn.execute(text("INSERT INTO stories (id, title, created) VALUES (:id, 'Pier', '2026-12-01')"),
                     [{"id": f"s{n:03d}"} for n in range(250)])
        conn.execute(text("INSERT INTO dossiers (story_id, schema_version, json, created) VALUES "
                          "(:id, '1.7.0', :json, '2026-12-01')"),
                     [{"id": f"s{n:03d}", "json": json.dumps({"articles": [
                         {"id": "a", "url": f"https://ed:hunter2@news.example/{n}", "text": "mail ed@x.example"}]})}
                      for n in range(250)])
    reads = []

    def note(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "FROM dossiers" in statement:
            reads.append(statement)

    event.listen(Engine, "before_cursor_execute", note)
    try:
        with Store(db_target) as store, store._read() as conn:
            stored = conn.execute(text("SELECT json FROM dossiers")).scalars().all()
    finally:
        event.remove(Engine, "before_cursor_execute", note)
    migration_reads = [r for r in reads if "@" in r or "LIKE" in r.upper()]
    assert len(migration_reads) >= 3 and all("LIMIT" in r.upper() for r in migration_reads), migration_reads
    assert len(stored) == 250 and not any("hunter2" in j for j in stored)
    assert all("ed@x.example" in j for j in stored)


def test_store_upgrade_leaves_records_of_another_shape_as_they_are(db_target):
    """A stored record that is JSON of another shape than the store writes (a dossier whose ``articles`` or
    ``skipped`` is a number, an index record whose ``origins`` is a list, JSON nested too deep to read) stopped
    revision 0007 with a TypeError or an AttributeError, and with it every opening of the store: such a record is
    left as it is, as one that is not JSON is."""
    from sqlalchemy import text


    Store(db_target).close()
    odd = {"s1": json.dumps({"articles": 5, "skipped": 7, "note": "https://ed:pw@news.example/"}),
           "s2": json.dumps({"articles": {"url": "https://ed:pw@news.example/"}, "skipped": "https://ed:pw@x/"}),
           "s3": "[" * 100_000 + "]" * 100_000 + "@"}
    index = json.dumps({"origins": ["https://ed:pw@news.example/"]})
    with _downgraded(db_target, "0006") as conn:
        conn.execute(text("INSERT INTO stories (id, title, created) VALUES (:id, 'Pier', '2026-12-01')"),
                     [{"id": key} for key in odd])
        conn.execute(text("INSERT INTO dossiers (story_id, schema_version, json, created) VALUES "
                          "(:id, '1.7.0', :json, '2026-12-01')"), [{"id": k, "json": v} for k, v in odd.items()])
        conn.execute(text("INSERT INTO story_index_articles (content_hash, arrival, record) VALUES ('h', 1, :r)"),
                     {"r": index})
    with Store(db_target) as store, store._read() as conn:
        assert dict(conn.execute(text("SELECT story_id, json FROM dossiers")).all()) == odd
        assert conn.execute(text("SELECT record FROM story_index_articles")).scalar() == index
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()


def test_store_each_job_keeps_the_byline_it_was_given(store):
    # the byline of a job's article was the one stored with the text, the first submission's: a page pasted again
    # with its byline corrected was analysed with the old one
    text = "The ferry pier at Osterby was closed on Friday after the storm damaged its deck, the port said."
    first = store.submit_job([Article(id="p", text=text, author="Ann Berg")])
    again = store.submit_job([Article(id="p", text=text, author="Ola Sund")])
    # none given: none, as the text says (it took the first submission's, the byline stored with the text)
    plain = store.submit_job([Article(id="p", text=text)])
    assert [store.job_articles(j)[0].author for j in (first, again, plain)] == ["Ann Berg", "Ola Sund", None]
    assert store.counts()["articles"] == 1


def test_store_a_job_stored_before_bylines_were_kept_with_it_keeps_the_one_it_stored(store):
    """A job stored before revision 0005 has no byline of its own (job_articles.author NULL): it takes the one stored
    with the text where it stored that text itself, never another submission's."""
    from storylens.store.schema import job_articles

    text = "The ferry pier at Osterby was closed on Friday after the storm damaged its deck, the port said."
    first = store.submit_job([Article(id="p", text=text, author="Ann Berg")])
    later = store.submit_job([Article(id="p", text=text, author="Ola Sund")])
    with store._write("test") as conn:  # as revision 0005 left the jobs stored before it
        conn.execute(update(job_articles).values(author=None))
    assert [store.job_articles(j)[0].author for j in (first, later)] == ["Ann Berg", None]


def test_store_connects_to_postgresql_with_a_password_holding_at_signs_slashes_and_colons(pg_server):
    """A password with unencoded "@", "/", ":" and "?" (``a/b@c:d@host``) is the whole password the store connects
    with, the host the one after its last "@": SQLAlchemy's parser had ended it at the first "@" (and refused the
    address when a ":" followed), so such a role could not be used without encoding its password."""
    import uuid

    import psycopg

    from storylens.models import Dossier

    role, password = f"r_{uuid.uuid4().hex[:8]}", "ti/de@Q7:x?9@pier"
    with psycopg.connect(host="127.0.0.1", port=pg_server.port, user=pg_server.user, password=pg_server.password,
                         dbname="postgres", autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        conn.execute(f'CREATE DATABASE "{role}" OWNER {role}')
    url = f"postgresql://{role}:{password}@127.0.0.1:{pg_server.port}/{role}"
    with Store(url) as store:
        store.save_story("s1", [Article(id="a", text="The harbour master said the pier reopens in May.",
                                        source="request[1]")], Dossier())
        assert [story["id"] for story in store.list_stories()] == ["s1"]
        assert repr(store) == f"Store('postgresql+psycopg://{role}:***@127.0.0.1:{pg_server.port}/{role}')"
    # the password in the query, as libpq takes it: the same, and hidden too
    in_query = f"postgresql://{role}@127.0.0.1:{pg_server.port}/{role}?password={password}"
    with Store(in_query) as store:
        assert [story["id"] for story in store.list_stories()] == ["s1"]
        assert repr(store) == f"Store('postgresql+psycopg://{role}@127.0.0.1:{pg_server.port}/{role}?password=***')"
    with pytest.raises(StoreError) as refused:  # the wrong password: refused by the server, its text not shown
        Store(url.replace("Q7:x", "Q8:x"))
    assert "password authentication failed" in str(refused.value) and "Q8" not in str(refused.value)
