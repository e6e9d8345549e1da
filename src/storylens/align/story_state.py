"""The incremental story index kept in SQLite, so articles can be grouped as they come, run after run.

The state of a :class:`~storylens.align.stories.StoryIndex` lives in its own tables, all named
``story_index_*``, in the same database file as the store (``settings.db_path``); they are created when
absent and touched by nothing else, so the store's own schema and migrations are independent of them:

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
article id not seen before for a known text is recorded against that text's story), and saves only the
rows that changed, in one transaction.  Running it twice on the same input changes nothing.  Two runs at
once do not lose each other's work: a save checks that the revision is still the one loaded, and if
another run saved in between, raises :class:`StoryStateConflict` (run again: the other run's articles are
then known).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import StorylensError
from ..models import Article, Story
from .stories import STATE_VERSION, GroupingSettings, StoryIndex

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS story_index_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_index_articles (
    content_hash TEXT PRIMARY KEY,
    arrival INTEGER NOT NULL UNIQUE,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS story_index_postings (feature TEXT PRIMARY KEY, keys TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_index_assignments (
    content_hash TEXT NOT NULL,
    article_id TEXT NOT NULL,
    story_id TEXT NOT NULL,
    PRIMARY KEY (content_hash, article_id)
);
CREATE INDEX IF NOT EXISTS story_index_assignments_story ON story_index_assignments (story_id);
"""


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


class StoryState:
    """The story index's tables in one SQLite file; ``load`` gives a :class:`StoryIndex`, ``save`` writes it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StoryStateError(f"cannot open the story index in {path}: {exc} (setting db_path)") from exc
        self._revision = 0
        self._saved: dict[str, dict[str, str]] = {"articles": {}, "postings": {}, "assignments": {}}

    def close(self) -> None:
        self.conn.close()

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
            meta = dict(self.conn.execute("SELECT key, value FROM story_index_meta"))
            articles = self.conn.execute(
                "SELECT content_hash, record FROM story_index_articles ORDER BY arrival"
            ).fetchall()
            postings = self.conn.execute("SELECT feature, keys FROM story_index_postings").fetchall()
            assignments = self.conn.execute(
                "SELECT content_hash, article_id, story_id FROM story_index_assignments"
            ).fetchall()
        except sqlite3.Error as exc:
            raise StoryStateError(f"cannot read the story index in {self.path}: {exc}") from exc
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
                f"the story index in {self.path} is of version {meta.get('version')}, this storylens reads "
                f"version {STATE_VERSION}: drop the story_index_* tables to start it again"
            )
        story_of = {h: s for h, _, s in assignments}
        stories: dict[str, list[str]] = {}
        entries = []
        for content_hash, record in articles:
            entry = json.loads(record)
            entry["content_hash"] = content_hash
            entries.append(entry)
            stories.setdefault(story_of[content_hash], []).append(content_hash)  # in arrival order
        data = {
            "version": STATE_VERSION,
            "settings": json.loads(meta["settings"]),
            "articles": entries,
            "stories": stories,
            "postings": {feature: json.loads(keys) for feature, keys in postings},
        }
        index = StoryIndex.from_dict(data)
        logger.info("story index loaded from %s: %d texts in %d stories", self.path, len(index), len(stories))
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
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute("SELECT value FROM story_index_meta WHERE key = 'revision'").fetchone()
            if int(row[0] if row else 0) != self._revision:
                conn.execute("ROLLBACK")
                raise StoryStateConflict(
                    f"another run changed the story index in {self.path} meanwhile: run again"
                )
            upserts, deletes = changes["articles"]
            conn.executemany("DELETE FROM story_index_articles WHERE content_hash = ?", [(k,) for k in deletes])
            conn.executemany(  # a text's arrival number never changes: only its record does
                "INSERT OR REPLACE INTO story_index_articles (content_hash, arrival, record) VALUES (?, ?, ?)",
                [(k, arrival[k], v) for k, v in upserts.items()],
            )
            upserts, deletes = changes["postings"]
            conn.executemany("DELETE FROM story_index_postings WHERE feature = ?", [(k,) for k in deletes])
            conn.executemany(
                "INSERT OR REPLACE INTO story_index_postings (feature, keys) VALUES (?, ?)", list(upserts.items())
            )
            upserts, deletes = changes["assignments"]
            conn.executemany(
                "DELETE FROM story_index_assignments WHERE content_hash = ? AND article_id = ?",
                [tuple(k.split("\0", 1)) for k in deletes],
            )
            conn.executemany(
                "INSERT OR REPLACE INTO story_index_assignments (content_hash, article_id, story_id) VALUES (?,?,?)",
                [(*k.split("\0", 1), v) for k, v in upserts.items()],
            )
            meta = {
                "version": str(STATE_VERSION),
                "settings": json.dumps(data["settings"], sort_keys=True),
                "revision": str(self._revision + 1),
            }
            conn.executemany("INSERT OR REPLACE INTO story_index_meta (key, value) VALUES (?, ?)", list(meta.items()))
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoryStateError(f"cannot save the story index in {self.path}: {exc}") from exc
        self._revision += 1
        self._saved = current
        logger.info("story index saved to %s: %d rows written", self.path, count)
        return count


def add_articles(
    path: str | Path, articles: Iterable[Article], settings: GroupingSettings | None = None
) -> IncrementalResult:
    """Add ``articles`` to the story index saved in ``path`` (created if absent) and save it.

    ``settings`` apply only to a new index; a saved one keeps its own.
    """
    result = IncrementalResult()
    with StoryState(path) as state:
        index = state.load(settings)
        changed: set[str] = set()
        text_of: dict[str, str] = {}
        articles = list(articles)
        vectors = index.vectors_for(articles)  # sentence embeddings of the new texts, in one batch (if used)
        for article in articles:
            (result.known if index.knows(article.content_hash) else result.new).append(article.id)
            index.add(article, vectors.get(article.content_hash))
            text_of[article.id] = article.content_hash
            changed.update(index.changed)
        result.rows_written = state.save(index)
        result.stories = index.stories()
        result.changed = sorted(changed)
        # read at the end: a later article of the same call may have merged an earlier one's story
        result.story_of = {article_id: index.story_of_text(h) for article_id, h in text_of.items()}
    return result
