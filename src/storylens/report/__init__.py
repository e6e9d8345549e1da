"""Report: the dossier as JSON (the contract), Markdown and a self-contained HTML page."""

from .html import render_html
from .markdown import render_markdown

__all__ = ["render_html", "render_markdown"]
