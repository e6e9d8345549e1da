"""HTML pages to articles, through trafilatura (main text, title, date, author, site name)."""

from __future__ import annotations

import logging

import trafilatura

from ..errors import MalformedInput

logger = logging.getLogger(__name__)


def extract_html(html: str, source: str, url: str | None = None) -> dict:
    """Return the page's main text and metadata as a dict of Article fields.

    Raises :class:`MalformedInput` when no article text can be found in the page.
    """
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises various lxml errors on broken pages
        raise MalformedInput(source, f"HTML could not be parsed: {exc}") from exc
    if doc is None or not (doc.text or "").strip():
        raise MalformedInput(source, "no article text found in the HTML page")
    return {
        "text": doc.text,
        "title": doc.title or None,
        "author": doc.author or None,
        "outlet": doc.sitename or doc.hostname or None,
        "published": doc.date or None,
        "url": doc.url or url,
    }

