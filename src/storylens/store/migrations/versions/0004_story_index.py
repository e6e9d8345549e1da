"""The incremental story index in the store's database (SQLite or PostgreSQL), not in an SQLite file beside it.

An SQLite file where an earlier storylens made these tables itself keeps them as they are: they have the
same columns.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "story_index_meta" not in existing:
        op.create_table(
            "story_index_meta",
            sa.Column("key", sa.Text, primary_key=True),
            sa.Column("value", sa.Text, nullable=False),
        )
    if "story_index_articles" not in existing:
        op.create_table(
            "story_index_articles",
            sa.Column("content_hash", sa.Text, primary_key=True),
            sa.Column("arrival", sa.Integer, nullable=False, unique=True),
            sa.Column("record", sa.Text, nullable=False),
        )
    if "story_index_postings" not in existing:
        op.create_table(
            "story_index_postings",
            sa.Column("feature", sa.Text, primary_key=True),
            sa.Column("keys", sa.Text, nullable=False),
        )
    if "story_index_assignments" not in existing:
        op.create_table(
            "story_index_assignments",
            sa.Column("content_hash", sa.Text, nullable=False),
            sa.Column("article_id", sa.Text, nullable=False),
            sa.Column("story_id", sa.Text, nullable=False),
            sa.PrimaryKeyConstraint("content_hash", "article_id"),
        )
        op.create_index("story_index_assignments_story", "story_index_assignments", ["story_id"])


def downgrade() -> None:
    op.drop_index("story_index_assignments_story", table_name="story_index_assignments")
    for table in ("story_index_assignments", "story_index_postings", "story_index_articles", "story_index_meta"):
        op.drop_table(table)
