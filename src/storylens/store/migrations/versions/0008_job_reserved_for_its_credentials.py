"""A queued job whose addresses carry a user name and password is reserved for the worker that holds them.

The job record keeps its addresses without their user names and passwords (revision 0005), which the server process
that accepted the job holds in memory: ``jobs.reserved_for`` names that process's worker, and ``jobs.reserved_until``
the time until which no other worker claims the job (ISO time, UTC), renewed by that worker while it runs.  Another
server process on the same database leaves such a job to it rather than run it without those addresses; once the
reservation lapses (that process ended) any worker runs it, listing each such address as not fetched, to be
submitted again.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("reserved_for", sa.Text))
    op.add_column("jobs", sa.Column("reserved_until", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:  # SQLite drops a column by copying the table
        batch.drop_column("reserved_until")
        batch.drop_column("reserved_for")
