"""A job's own text of an article, where it differs from the one stored under its content hash; and which of a
job's addresses carried a user name and password, which the job record does not keep.

``job_articles.text`` holds the text as the submission gave it when the text stored under its content hash (the
first copy the store saw) differs from it, in case or spacing (NULL otherwise: the stored text is the one sent);
``job_articles.author`` the byline the submission gave (a pasted page's), where it gave one.
``jobs.urls_with_credentials`` is a JSON list of the positions, in ``jobs.urls``, of the addresses submitted with
``user:password@``: ``jobs.urls`` holds them without it, and the server that accepted the job holds them in memory.
The jobs stored before keep their addresses so rewritten: a queued one skips such an address, saying why.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from storylens.store.migrations.frozen import without_userinfo as _without_userinfo

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("job_articles", sa.Column("text", sa.Text))
    op.add_column("job_articles", sa.Column("author", sa.Text))
    op.add_column("jobs", sa.Column("urls_with_credentials", sa.Text, nullable=False, server_default="[]"))
    jobs = sa.table("jobs", sa.column("id", sa.Text), sa.column("urls", sa.Text),
                    sa.column("urls_with_credentials", sa.Text))
    bind = op.get_bind()
    for job_id, urls in bind.execute(sa.select(jobs.c.id, jobs.c.urls).where(jobs.c.urls.contains("@"))).all():
        given = json.loads(urls or "[]")
        written = [_without_userinfo(url) for url in given]
        if written != given:
            bind.execute(sa.update(jobs).where(jobs.c.id == job_id).values(
                urls=json.dumps(written),
                urls_with_credentials=json.dumps([n for n, url in enumerate(given) if url != written[n]])))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("urls_with_credentials")
    with op.batch_alter_table("job_articles") as batch:
        batch.drop_column("author")
        batch.drop_column("text")
