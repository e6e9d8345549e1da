"""Store: articles, stories, dossiers and the service's jobs, on SQLite or PostgreSQL.

``schema.py`` declares the tables, ``database.py`` makes engines and runs the Alembic migrations
(``migrations/``), ``store.py`` is the :class:`Store` the rest of storylens uses.
"""

from .database import head_revision, migrate
from .store import JOB_STATUSES, Job, Store, new_job_id

__all__ = ["JOB_STATUSES", "Job", "Store", "head_revision", "migrate", "new_job_id"]
