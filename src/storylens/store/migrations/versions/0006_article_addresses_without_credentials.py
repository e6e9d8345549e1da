"""The addresses stored with articles (``articles.url``, ``job_articles.url``: an article's own address, as a
submission gave it) without the user name and password they may carry, as revision 0005 wrote the jobs' own
addresses (``jobs.urls``): since then an article keeps none (``Article.url``), and those stored before kept them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storylens.store.migrations.frozen import without_userinfo as _without_userinfo

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for name, keys in (("articles", ("content_hash",)), ("job_articles", ("job_id", "position"))):
        table = sa.table(name, sa.column("url", sa.Text), *(sa.column(key) for key in keys))
        rows = bind.execute(sa.select(table.c.url, *(table.c[key] for key in keys))
                            .where(table.c.url.contains("@"))).all()
        for url, *key in rows:
            written = _without_userinfo(url)
            if written != url:
                bind.execute(sa.update(table).where(*(table.c[k] == v for k, v in zip(keys, key, strict=True)))
                             .values(url=written))


def downgrade() -> None:
    """Nothing to undo: the user names and passwords are not kept anywhere."""
