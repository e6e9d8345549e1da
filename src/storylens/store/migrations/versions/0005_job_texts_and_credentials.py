"""A job's own text of an article, where it differs from the one stored under its content hash; and which of a
job's addresses carried a user name and password, which the job record does not keep.

``job_articles.text`` holds the text as the submission gave it when the text stored under its content hash (the
first copy the store saw) differs from it, in case or spacing (NULL otherwise: the stored text is the one sent).
``jobs.urls_with_credentials`` is a JSON list of the positions, in ``jobs.urls``, of the addresses submitted with
``user:password@``: ``jobs.urls`` holds them without it, and the server that accepted the job holds them in memory.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("job_articles", sa.Column("text", sa.Text))
    op.add_column("jobs", sa.Column("urls_with_credentials", sa.Text, nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("urls_with_credentials")
    with op.batch_alter_table("job_articles") as batch:
        batch.drop_column("text")
