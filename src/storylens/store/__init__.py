"""Store: articles, stories and dossiers in SQLite."""

from .sqlite import Store

__all__ = ["Store"]
