"""Alembic's environment for the store.

Run from :func:`storylens.store.database.migrate`, which hands over an open connection inside a
transaction (``config.attributes["connection"]``), so the whole upgrade is one transaction and two
processes opening a new database at once do not both create it.  Run by hand (``alembic -c
src/storylens/store/alembic.ini upgrade head``) it connects to ``sqlalchemy.url`` or ``STORYLENS_DB_URL``.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from storylens.store.schema import metadata

config = context.config


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
elif context.is_offline_mode():
    context.configure(url=os.environ.get("STORYLENS_DB_URL") or config.get_main_option("sqlalchemy.url"),
                      target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    url = os.environ.get("STORYLENS_DB_URL") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
