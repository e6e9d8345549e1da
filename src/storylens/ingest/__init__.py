"""Ingest: anything a user has (files, folders, URLs, feeds, JSON records) to articles."""

from .fetch import Fetcher
from .sources import IngestResult, load_inputs

__all__ = ["Fetcher", "IngestResult", "load_inputs"]
