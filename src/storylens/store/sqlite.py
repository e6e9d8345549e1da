"""Articles, stories and dossiers kept in SQLite (WAL mode, one writer per transaction).

The schema is created and migrated in code: ``MIGRATIONS[n]`` takes the database from
``user_version`` n to n+1, so an older database file is brought up to date on open.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from ..errors import StoreError
from ..models import Article, Dossier

MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        content_hash TEXT PRIMARY KEY,
        id TEXT NOT NULL,
        outlet TEXT, url TEXT, title TEXT, author TEXT,
        published TEXT, published_precision TEXT, language TEXT, source TEXT,
        text TEXT NOT NULL,
        added TEXT NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        created TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        content_hash TEXT NOT NULL REFERENCES articles(content_hash),
        article_id TEXT NOT NULL,
        PRIMARY KEY (story_id, content_hash)
    );
    CREATE TABLE dossiers (
        story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        schema_version TEXT NOT NULL,
        json TEXT NOT NULL,
        created TEXT NOT NULL
    );
    """,
]


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the database {path}: {exc} (setting db_path)") from exc

    def close(self) -> None:
        self.conn.close()

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for number in range(version, len(MIGRATIONS)):
            try:
                self.conn.executescript(
                    f"BEGIN IMMEDIATE; {MIGRATIONS[number]}; PRAGMA user_version = {number + 1}; COMMIT;"
                )
            except sqlite3.Error:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def save_story(self, story_id: str, articles: Sequence[Article], dossier: Dossier) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        title = next((a.title for a in articles if a.title), None)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            for a in articles:
                self.conn.execute(
                    """INSERT OR IGNORE INTO articles (content_hash, id, outlet, url, title, author, published,
                       published_precision, language, source, text, added) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
                    (
                        a.content_hash, a.id, a.outlet, a.url, a.title, a.author,
                        a.published.value if a.published else None,
                        a.published.precision if a.published else None,
                        a.language, a.source, a.text, now,
                    ),
                )
            self.conn.execute("INSERT OR REPLACE INTO stories (id, title, created) VALUES (?,?,?)", (story_id, title, now))
            self.conn.executemany(
                "INSERT OR IGNORE INTO story_articles (story_id, content_hash, article_id) VALUES (?,?,?)",
                [(story_id, a.content_hash, a.id) for a in articles],
            )
            self.conn.execute(
                "INSERT OR REPLACE INTO dossiers (story_id, schema_version, json, created) VALUES (?,?,?,?)",
                (story_id, dossier.schema_version, dossier.to_json(indent=None), now),
            )
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(f"cannot save story {story_id} in {self.path}: {exc}") from exc

    def load_dossier(self, story_id: str) -> Dossier | None:
        row = self.conn.execute("SELECT json FROM dossiers WHERE story_id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        try:
            return Dossier.model_validate(json.loads(row[0]))
        except ValueError:
            return None  # written by an incompatible version: analyse again

    def article_text(self, content_hash: str) -> str | None:
        row = self.conn.execute("SELECT text FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def list_stories(self, query: str | None = None, limit: int = 100) -> list[dict]:
        """Stories newest first, with their article count; ``query`` filters titles and texts."""
        sql = """SELECT s.id, s.title, s.created, count(sa.content_hash) AS articles
                 FROM stories s JOIN story_articles sa ON sa.story_id = s.id
                 JOIN dossiers d ON d.story_id = s.id"""
        params: list = []
        if query:
            sql += """ WHERE s.id IN (SELECT sa2.story_id FROM story_articles sa2 JOIN articles a
                       ON a.content_hash = sa2.content_hash WHERE a.title LIKE ? OR a.text LIKE ?)"""
            params += [f"%{query}%", f"%{query}%"]
        sql += " GROUP BY s.id ORDER BY s.created DESC, s.id LIMIT ?"
        params.append(limit)
        rows = self.conn.execute(sql, params).fetchall()
        return [{"id": r[0], "title": r[1], "created": r[2], "articles": r[3]} for r in rows]

    def counts(self) -> dict[str, int]:
        return {
            table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "stories", "dossiers")
        }
