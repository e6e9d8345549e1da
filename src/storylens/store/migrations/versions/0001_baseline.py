"""Baseline: articles, stories, story_articles, dossiers (the schema of storylens 0.1's sqlite3 store).

A database made by that store (``PRAGMA user_version`` 1) is stamped with this revision, not re-created.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("content_hash", sa.Text, primary_key=True),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("published_precision", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("added", sa.Text, nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("created", sa.Text, nullable=False),
    )
    op.create_table(
        "story_articles",
        sa.Column("story_id", sa.Text, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("content_hash", sa.Text, sa.ForeignKey("articles.content_hash"), nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("story_id", "content_hash"),
    )
    op.create_table(
        "dossiers",
        sa.Column("story_id", sa.Text, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("schema_version", sa.Text, nullable=False),
        sa.Column("json", sa.Text, nullable=False),
        sa.Column("created", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("dossiers", "story_articles", "stories", "articles"):
        op.drop_table(table)
