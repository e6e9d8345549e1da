"""The incremental story index kept in the store's database, so articles can be grouped as they come.

The state of a :class:`~storylens.align.stories.StoryIndex` lives in its own tables, all named
``story_index_*``, in the store's database (``settings.db_url``, else the SQLite file ``settings.db_path``),
made by the store's migrations and touched by nothing else:

=============================  =======================================================================
``story_index_meta``           ``key``/``value``: the state version, the grouping settings (JSON) and a
                               revision number, raised by every save
``story_index_articles``       one row per distinct text (``content_hash``): arrival number, and the
                               record as JSON (article ids, title, dates, term counts, MinHash, salient
                               features, links to its best neighbours, and its sentence embedding
                               when the settings use one: base64 of its float32s)
``story_index_postings``       one row per indexed feature: the latest articles that have it (JSON list)
``story_index_assignments``    ``content_hash``, ``article_id``, ``story_id``: which story each article is
                               in (the table to read; one row per article id and text)
=============================  =======================================================================

:func:`add_articles` loads the state, adds the articles whose text is not in it yet (by content hash; an
article id not seen before for a known text is recorded against that text's story; a new text under an id the index
holds for another text replaces it, a later version of that article, when the two come from the same address, or,
without addresses, the same file, or else when the two texts are of one story, and is otherwise another article,
added as ``ID-2``: :meth:`StoryIndex.same_article`), and saves only the rows that changed, in one transaction.  Running it twice on the same input changes nothing.  Two runs at
once, in one process or several, on one host or several, do not lose each other's work: a save first moves
the revision from the one it loaded to the next (a compare-and-set in the save's transaction), and if
another run saved in between, raises :class:`StoryStateConflict` (run again: the other run's articles are
then known).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select, tuple_, update

from ..errors import StorylensError
from ..models import Article, Story
from ..store import Store
from ..store.schema import story_index_articles as articles_t
from ..store.schema import story_index_assignments as assignments_t
from ..store.schema import story_index_meta as meta_t
from ..store.schema import story_index_postings as postings_t
from .stories import STATE_VERSION, GroupingSettings, StoryIndex

logger = logging.getLogger(__name__)


class StoryStateError(StorylensError):
    """The story index in the database could not be read or written."""


class StoryStateConflict(StoryStateError):
    """Another run saved the story index between this run's load and save."""


@dataclass
class IncrementalResult:
    """What one :func:`add_articles` call did."""

    new: list[str] = field(default_factory=list)  #: ids of the articles whose text was new to the index
    known: list[str] = field(default_factory=list)  #: ids of the articles whose text was already in it
    changed: list[str] = field(default_factory=list)  #: stories created, changed or removed by this call
    story_of: dict[str, str] = field(default_factory=dict)  #: story id of every article given
    stories: list[Story] = field(default_factory=list)  #: every story in the index after the call
    rows_written: int = 0  #: rows inserted, updated or deleted
    settings: GroupingSettings | None = None  #: the grouping settings the index used (a saved index keeps its own)
    #: articles given an id the index holds for another text (an earlier run's article, or an earlier version of this
    #: one): (the id given, the id it was added under), so that no id names two texts in the stories
    renamed: list[tuple[str, str]] = field(default_factory=list)
    #: articles whose new text replaced the one the index held under their id (of the same address or file, or a text
    #: of the same story): a later version of the article (the earlier one stays in grouping, listed in no story)
    superseded: list[str] = field(default_factory=list)
    #: articles given with a text the index holds as an earlier version of them, replaced by a later one: not added
    earlier: list[str] = field(default_factory=list)


class StoryState:
    """The story index's tables in the store's database; ``load`` gives a :class:`StoryIndex`, ``save`` writes
    it.  ``target`` is an SQLite file, a database URL, or an open :class:`~storylens.store.Store`."""

    def __init__(self, target: str | Path | Store) -> None:
        self._own = not isinstance(target, Store)
        try:
            self.store = Store(target) if self._own else target
        except StorylensError as exc:
            raise StoryStateError(f"cannot open the story index: {exc}") from exc
        self._revision = 0
        self._saved: dict[str, dict[str, str]] = {"articles": {}, "postings": {}, "assignments": {}}

    def close(self) -> None:
        if self._own:
            self.store.close()

    def __enter__(self) -> StoryState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------------------------------- loading

    def load(self, settings: GroupingSettings | None = None) -> StoryIndex:
        """The saved index (an empty one, with ``settings``, when nothing is saved yet).

        A saved index keeps the settings it was built with: new articles are grouped by the same rules.
        """
        try:
            with self.store._read() as conn:
                meta = {key: value for key, value in conn.execute(select(meta_t.c["key"], meta_t.c["value"]))}
                articles = [tuple(r) for r in conn.execute(
                    select(articles_t.c.content_hash, articles_t.c.record).order_by(articles_t.c.arrival))]
                postings = [tuple(r) for r in conn.execute(select(postings_t.c.feature, postings_t.c["keys"]))]
                assignments = [tuple(r) for r in conn.execute(
                    select(assignments_t.c.content_hash, assignments_t.c.article_id, assignments_t.c.story_id))]
        except StorylensError as exc:
            raise StoryStateError(f"cannot read the story index: {exc}") from exc
        self._revision = int(meta.get("revision", 0))
        self._saved = {
            "articles": dict(articles),
            "postings": dict(postings),
            "assignments": {f"{h}\0{a}": s for h, a, s in assignments},
        }
        if not articles:
            return StoryIndex(settings)
        if int(meta.get("version", -1)) != STATE_VERSION:
            raise StoryStateError(
                f"the story index in {self.store.name} is of version {meta.get('version')}, this storylens reads "
                f"version {STATE_VERSION}: drop the story_index_* tables to start it again"
            )
        story_of = {h: s for h, _, s in assignments}
        stories: dict[str, list[str]] = {}
        entries = []
        for content_hash, record in articles:
            entry = json.loads(record)
            entry["content_hash"] = content_hash
            entries.append(entry)
            story = entry.pop("story", None) or story_of[content_hash]  # (an earlier version's is in its record)
            stories.setdefault(story, []).append(content_hash)  # in arrival order
        data = {
            "version": STATE_VERSION,
            "settings": json.loads(meta["settings"]),
            "articles": entries,
            "stories": stories,
            "postings": {feature: json.loads(keys) for feature, keys in postings},
        }
        index = StoryIndex.from_dict(data)
        logger.info("story index loaded from %s: %d texts in %d stories", self.store, len(index), len(stories))
        return index

    # ----------------------------------------------------------------------------------------- saving

    def save(self, index: StoryIndex) -> int:
        """Write the rows of ``index`` that differ from the loaded state; return how many were written."""
        data = index.to_dict()
        current = {
            "articles": {},
            "postings": {f: json.dumps(keys) for f, keys in data["postings"].items()},
            "assignments": {},
        }
        arrival: dict[str, int] = {}
        story_of = {h: story for story, hashes in data["stories"].items() for h in hashes}
        for number, entry in enumerate(data["articles"]):
            key = entry["content_hash"]
            arrival[key] = number
            record = {k: v for k, v in entry.items() if k != "content_hash"}
            if not entry["article_ids"]:  # an earlier version only: no assignment row says its story
                record["story"] = story_of[key]
            current["articles"][key] = json.dumps(record, sort_keys=True, separators=(",", ":"))
            for article_id in entry["article_ids"]:
                current["assignments"][f"{key}\0{article_id}"] = story_of[key]
        changes = {
            table: (
                {k: v for k, v in rows.items() if self._saved[table].get(k) != v},
                [k for k in self._saved[table] if k not in rows],
            )
            for table, rows in current.items()
        }
        count = sum(len(upserts) + len(deletes) for upserts, deletes in changes.values())
        if not count:
            return 0
        store = self.store
        revision = str(self._revision + 1)
        try:
            with store._write("save the story index") as conn:
                if self._revision:  # compare and set: the revision this run loaded, else another run saved
                    moved = conn.execute(update(meta_t).where(meta_t.c["key"] == "revision",
                                                              meta_t.c["value"] == str(self._revision))
                                         .values(value=revision)).rowcount
                else:
                    moved = len(conn.execute(store._insert(meta_t).values(key="revision", value=revision)
                                             .on_conflict_do_nothing().returning(meta_t.c["key"])).all())
                if moved != 1:
                    raise StoryStateConflict(f"another run changed the story index in {store.name} meanwhile: run again")
                upserts, deletes = changes["articles"]
                if deletes:
                    conn.execute(delete(articles_t).where(articles_t.c.content_hash.in_(deletes)))
                if upserts:  # a text's arrival number never changes: only its record does
                    stmt = store._insert(articles_t)
                    conn.execute(stmt.on_conflict_do_update(index_elements=["content_hash"],
                                                            set_={"record": stmt.excluded.record}),
                                 [{"content_hash": k, "arrival": arrival[k], "record": v} for k, v in upserts.items()])
                upserts, deletes = changes["postings"]
                if deletes:
                    conn.execute(delete(postings_t).where(postings_t.c.feature.in_(deletes)))
                if upserts:
                    stmt = store._insert(postings_t)
                    conn.execute(stmt.on_conflict_do_update(index_elements=["feature"], set_={"keys": stmt.excluded["keys"]}),
                                 [{"feature": k, "keys": v} for k, v in upserts.items()])
                upserts, deletes = changes["assignments"]
                if deletes:
                    conn.execute(delete(assignments_t).where(tuple_(assignments_t.c.content_hash, assignments_t.c.article_id)
                                                             .in_([tuple(k.split("\0", 1)) for k in deletes])))
                if upserts:
                    stmt = store._insert(assignments_t)
                    conn.execute(stmt.on_conflict_do_update(index_elements=["content_hash", "article_id"],
                                                            set_={"story_id": stmt.excluded.story_id}),
                                 [dict(zip(("content_hash", "article_id"), k.split("\0", 1), strict=True), story_id=v)
                                  for k, v in upserts.items()])
                stmt = store._insert(meta_t)
                conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}),
                             [{"key": "version", "value": str(STATE_VERSION)},
                              {"key": "settings", "value": json.dumps(data["settings"], sort_keys=True)}])
        except StoryStateConflict:
            raise
        except StorylensError as exc:
            raise StoryStateError(f"cannot save the story index: {exc}") from exc
        self._revision += 1
        self._saved = current
        logger.info("story index saved to %s: %d rows written", self.store, count)
        return count


def _free_id(index: StoryIndex, article_id: str, content_hash: str, taken: set[str]) -> str:
    """``article_id`` made unique (``ID-2``, ``-3``...) against ``taken`` and the ids the index holds for other texts,
    as a run makes a repeated id unique; the new id is added to ``taken``."""
    n = 2
    while f"{article_id}-{n}" in taken or index.text_of_article(f"{article_id}-{n}") not in (None, content_hash):
        n += 1
    taken.add(f"{article_id}-{n}")
    return f"{article_id}-{n}"


def add_articles(
    target: str | Path | Store, articles: Iterable[Article], settings: GroupingSettings | None = None
) -> IncrementalResult:
    """Add ``articles`` to the story index saved in ``target``'s database (an SQLite file, a database URL or a
    :class:`~storylens.store.Store`; created if absent) and save it.

    ``settings`` apply only to a new index; a saved one keeps its own.
    """
    result = IncrementalResult()
    with StoryState(target) as state:
        index = state.load(settings)
        result.settings = index.settings
        changed: set[str] = set()
        text_of: dict[str, str] = {}
        articles = list(articles)
        taken = {article.id for article in articles}
        vectors = index.vectors_for(articles)  # sentence embeddings of the new texts, in one batch (if used)
        for article in articles:
            held = index.text_of_article(article.id)
            if held == article.content_hash or held is None or index.replaced(article.content_hash, article.id):
                if index.replaced(article.content_hash, article.id):  # an earlier version, given again: not added
                    result.earlier.append(article.id)
                (result.known if index.knows(article.content_hash) else result.new).append(article.id)
                index.add(article, vectors.get(article.content_hash))
            elif index.knows(article.content_hash):  # a text the index holds under another id
                new_id = _free_id(index, article.id, article.content_hash, taken)
                result.renamed.append((article.id, new_id))
                article = article.model_copy(update={"id": new_id})
                result.known.append(article.id)
                index.add(article, vectors.get(article.content_hash))
            else:  # a new text under an id the index holds for another: a later version of it, or another article
                result.new.append(article.id)
                same = index.same_article(held, article)  # by where the two come from, before add records it
                index.add(article, vectors.get(article.content_hash))
                if same or (same is None and index.story_of_text(article.content_hash) == index.story_of_text(held)):
                    index.supersede(article.id, held, article.content_hash)
                    result.superseded.append(article.id)
                else:
                    new_id = _free_id(index, article.id, article.content_hash, taken)
                    index.rename(article.content_hash, article.id, new_id, held)
                    result.renamed.append((article.id, new_id))
                    result.new[-1] = new_id
                    article = article.model_copy(update={"id": new_id})
            text_of[article.id] = article.content_hash
            changed.update(index.changed)
        result.rows_written = state.save(index)
        result.stories = index.stories()
        result.changed = sorted(changed)
        # read at the end: a later article of the same call may have merged an earlier one's story
        result.story_of = {article_id: index.story_of_text(h) for article_id, h in text_of.items()}
    return result
