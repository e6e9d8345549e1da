"""Jobs of the service and the articles each submission refers to.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("created", sa.Text, nullable=False),
        sa.Column("updated", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("claimed_by", sa.Text),
        sa.Column("urls", sa.Text, nullable=False, server_default="[]"),
        sa.Column("story_id", sa.Text),
        sa.Column("error", sa.Text),
        sa.Column("skipped", sa.Text, nullable=False, server_default="[]"),
    )
    op.create_index("ix_jobs_status_created", "jobs", ["status", "created"])
    op.create_table(
        "job_articles",
        sa.Column("job_id", sa.Text, sa.ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.Text, sa.ForeignKey("articles.content_hash"), nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("published", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text),
        sa.PrimaryKeyConstraint("job_id", "position"),
    )
    op.create_index("ix_job_articles_content_hash", "job_articles", ["content_hash"])


def downgrade() -> None:
    op.drop_index("ix_job_articles_content_hash", table_name="job_articles")
    op.drop_table("job_articles")
    op.drop_index("ix_jobs_status_created", table_name="jobs")
    op.drop_table("jobs")
