"""HTML pages to articles, through trafilatura (main text, title, date, author, site name)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import trafilatura

from ..errors import MalformedInput

logger = logging.getLogger(__name__)


#: trafilatura's loggers, which warn on stderr about what this module reports itself ("discarding data: None"
#: when a page has no text: the input is then skipped with a reason)
_TRAFILATURA_LOGGERS = ("trafilatura", "trafilatura.core", "trafilatura.main_extractor", "trafilatura.htmlprocessing")
_quiet_lock = threading.Lock()
_quiet_depth = 0
_saved_levels: dict[str, int] = {}


@contextmanager
def _quiet_trafilatura() -> Iterator[None]:
    """trafilatura's loggers at ERROR while extracting (nested and concurrent uses restore them once, at the end)."""
    global _quiet_depth
    with _quiet_lock:
        if _quiet_depth == 0:
            for name in _TRAFILATURA_LOGGERS:
                lib_logger = logging.getLogger(name)
                _saved_levels[name] = lib_logger.level
                lib_logger.setLevel(max(lib_logger.level, logging.ERROR))
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                for name, level in _saved_levels.items():
                    logging.getLogger(name).setLevel(level)
                _saved_levels.clear()


def extract_html(html: str, source: str, url: str | None = None) -> dict:
    """Return the page's main text and metadata as a dict of Article fields.

    Raises :class:`MalformedInput` when no article text can be found in the page.
    """
    try:
        with _quiet_trafilatura():
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

