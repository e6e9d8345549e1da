"""The store's tables (SQLAlchemy Core).  Alembic's migrations in ``migrations/versions`` create them.

Times are ISO 8601 strings in UTC (``2026-11-22T10:00:00.123456+00:00``): the same text on SQLite and
PostgreSQL, and they sort as they read.  Keys are text: content hashes, story keys and job ids.

``articles`` holds each text once, keyed by its content hash; what one submission said about an article
(its id, date, outlet...) is in ``job_articles``, so the same text submitted twice is stored once.  A copy that
differs from the stored text in case or spacing is kept with its submission (``job_articles.text``): a job
analyses the text it was sent.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, PrimaryKeyConstraint, Table, Text

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("content_hash", Text, primary_key=True),
    Column("id", Text, nullable=False),
    Column("outlet", Text),
    Column("url", Text),
    Column("title", Text),
    Column("author", Text),
    Column("published", Text),
    Column("published_precision", Text),
    Column("language", Text),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("added", Text, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text),
    Column("created", Text, nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("story_id", Text, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("content_hash", Text, ForeignKey("articles.content_hash"), nullable=False),
    Column("article_id", Text, nullable=False),
    PrimaryKeyConstraint("story_id", "content_hash"),
)

dossiers = Table(
    "dossiers",
    metadata,
    Column("story_id", Text, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("schema_version", Text, nullable=False),
    Column("json", Text, nullable=False),
    Column("created", Text, nullable=False),
)

#: One submission to the service.  ``status``: queued -> running -> done | failed.  ``claimed_by`` names the
#: worker that holds a running job; ``attempts`` counts its claims (a job claimed again after a crash).
jobs = Table(
    "jobs",
    metadata,
    Column("id", Text, primary_key=True),
    Column("status", Text, nullable=False),
    Column("created", Text, nullable=False),
    Column("updated", Text, nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("claimed_by", Text),
    Column("lease_until", Text),  # a running job's worker holds it until then (ISO time, UTC), renewing it
    Column("urls", Text, nullable=False, server_default="[]"),  # JSON list of the submitted URLs, without user:password@
    # JSON list of the positions in ``urls`` of those submitted with a user name and password, which only the memory
    # of the server that accepted the job holds
    Column("urls_with_credentials", Text, nullable=False, server_default="[]"),
    # a queued job with such addresses is left to the worker that holds them (its id) until then (ISO time, UTC),
    # which that worker renews while it runs: another server process on the database does not run it without them
    Column("reserved_for", Text),
    Column("reserved_until", Text),
    Column("story_id", Text),  # the story key of the analysis, once done
    Column("error", Text),
    Column("skipped", Text, nullable=False, server_default="[]"),  # JSON list of Skipped records
    Index("ix_jobs_status_created", "status", "created"),
)

#: The articles of one submission, in order: a reference to the stored text and the submission's metadata.
job_articles = Table(
    "job_articles",
    metadata,
    Column("job_id", Text, ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("content_hash", Text, ForeignKey("articles.content_hash"), nullable=False),
    Column("article_id", Text, nullable=False),
    Column("published", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    # the text as this submission gave it, where the one stored under its content hash (an earlier copy) differs from
    # it in case or spacing; NULL when the stored text is the one sent
    Column("text", Text),
    Column("author", Text),  # the byline this submission gave (a pasted page's); NULL when it gave none
    PrimaryKeyConstraint("job_id", "position"),
    Index("ix_job_articles_content_hash", "content_hash"),
)

# The incremental story index (:mod:`storylens.align.story_state`), touched by nothing else.

#: ``key``/``value``: the state version, the grouping settings (JSON) and a revision raised by every save.
story_index_meta = Table(
    "story_index_meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

#: One row per distinct text: its arrival number and its record (JSON).
story_index_articles = Table(
    "story_index_articles",
    metadata,
    Column("content_hash", Text, primary_key=True),
    Column("arrival", Integer, nullable=False, unique=True),
    Column("record", Text, nullable=False),
)

#: One row per indexed feature: the latest texts that have it (JSON list).
story_index_postings = Table(
    "story_index_postings",
    metadata,
    Column("feature", Text, primary_key=True),
    Column("keys", Text, nullable=False),
)

#: Which story each article (text and id) is in.
story_index_assignments = Table(
    "story_index_assignments",
    metadata,
    Column("content_hash", Text, nullable=False),
    Column("article_id", Text, nullable=False),
    Column("story_id", Text, nullable=False),
    PrimaryKeyConstraint("content_hash", "article_id"),
    Index("story_index_assignments_story", "story_id"),
)
