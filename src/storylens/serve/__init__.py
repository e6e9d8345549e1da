"""Serve: the HTTP API and the web page, thin layers over the pipeline and the store."""

from .app import create_app

__all__ = ["create_app"]
