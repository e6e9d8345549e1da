"""HTML pages to articles, through trafilatura (main text, title, author, site name) and htmldate (the date).

The publication date is read from the page's metadata and markup only: the URL's path (``/2026/03/04/``), the
head's meta tags, JSON-LD, ``<time>`` and ``<abbr>`` elements, and short elements whose class, id or itemprop
names a date (``<span class="date">``).  Never from the article's text: a page that names no date in its
markup is undated (with a warning), not dated by the first date its story mentions ("which broke out on March
3, 2016").

When trafilatura finds no article in a page that has text (a one-paragraph fragment, a plain text saved as
``.html``), the page's visible text is read instead (its body without scripts, styles, navigation and
footers); a page with no visible text is refused.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import lxml.etree
import lxml.html
import trafilatura
from htmldate.core import examine_abbr_elements, examine_elements, examine_header, examine_time_elements
from htmldate.extractors import extract_url_date, json_search
from htmldate.utils import Extractor
from htmldate.validators import get_max_date, get_min_date

from ..errors import MalformedInput

logger = logging.getLogger(__name__)

#: how deep libxml2 builds a tree with its HUGE option (without it: 256, and a page of 400 paragraphs each opening
#: an unclosed <font> lost every paragraph after the 127th, unsaid); below it text is not read, with a warning
MAX_DEPTH = 2048
#: trafilatura's parser (its options as trafilatura sets them), with the HUGE option: the depth above
trafilatura.utils.HTML_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                                     remove_comments=True, remove_pis=True, huge_tree=True)
#: the warning of a page nested deeper than MAX_DEPTH
TOO_DEEP = (f"the page nests its elements over {MAX_DEPTH:,} deep (unclosed tags?): text below that depth is not "
            "read")


class _DemoteToDebug(logging.Filter):
    """While :func:`_quiet_trafilatura` is in force, trafilatura's and htmldate's records are DEBUG records:
    they say what this module reports itself ("parsed tree length: 0", "discarding data: None" when a page has
    no article: the page is then read another way, or skipped with a reason), and would reach stderr even
    under ``-q``.  They are shown with ``-vv``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _quiet_depth == 0:
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logger.isEnabledFor(logging.DEBUG)


_DEMOTE = _DemoteToDebug()
_quiet_lock = threading.Lock()
_quiet_depth = 0


#: the reason a page (or a feed entry's markup) with no words to read is refused for
NO_VISIBLE_TEXT = "no article text found in the HTML page, nor any other visible text"
#: what is said besides when the page opens a <title> and never closes it: the rest of the page is its title
UNCLOSED_TITLE = (": its <title> is never closed, so the rest of the page is read as the title, as a browser reads it "
                  "(close it with </title>)")
_UNCLOSED_TITLE = re.compile(r"<title[\s>]", re.IGNORECASE)
_TITLE_END = re.compile(r"</title\s*>", re.IGNORECASE)


def _library_loggers() -> list[logging.Logger]:
    """trafilatura's and htmldate's loggers (one per module: a filter on a parent does not see its children's
    records)."""
    names = [name for name in list(logging.root.manager.loggerDict)
             if name.split(".", 1)[0] in ("trafilatura", "htmldate", "courlan", "justext")]
    return [logging.getLogger(name) for name in ("trafilatura", "htmldate", *names)]


@contextmanager
def _quiet_trafilatura() -> Iterator[None]:
    """trafilatura's and htmldate's log records at DEBUG while extracting (nested and concurrent uses fine)."""
    global _quiet_depth
    with _quiet_lock:
        if _quiet_depth == 0:
            for lib_logger in _library_loggers():
                if _DEMOTE not in lib_logger.filters:
                    lib_logger.addFilter(_DEMOTE)
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1


def extract_html(html: str, source: str, url: str | None = None) -> dict:
    """Return the page's main text and metadata as a dict of Article fields, and ``notes``: what is wrong with the
    page that the article is read without (a page nested too deep to read all of).

    Raises :class:`MalformedInput` when the page has no text to read.
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
                # trafilatura's own date is not used (see page_date); its cheapest search
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
            tree, too_deep = _parse(html)
            text = (doc.text or "") if doc is not None else ""
            if not text.strip():
                text = _visible_text(tree) if tree is not None else ""
            published = page_date(tree, (doc.url if doc is not None else None) or url) if tree is not None else None
    except Exception as exc:  # trafilatura and lxml raise various errors on broken pages
        raise MalformedInput(source, f"HTML could not be parsed: {exc}") from exc
    if not text.strip():
        if not too_deep and _UNCLOSED_TITLE.search(html) and not _TITLE_END.search(html):
            raise MalformedInput(source, NO_VISIBLE_TEXT + UNCLOSED_TITLE)
        raise MalformedInput(source, TOO_DEEP if too_deep else NO_VISIBLE_TEXT)
    notes = [TOO_DEEP] if too_deep else []
    if doc is None:
        return {"text": text, "title": bounded(_title(tree), MAX_TITLE_CHARS), "author": None, "outlet": None,
                "published": published, "url": url, "notes": notes}
    return {
        "text": text,
        "title": bounded(doc.title, MAX_TITLE_CHARS),
        "author": bounded(doc.author, MAX_NAME_CHARS),
        "outlet": bounded(doc.sitename or doc.hostname, MAX_NAME_CHARS),
        "published": published,
        "url": doc.url or url,
        "notes": notes,
    }


#: the longest title, and site name or byline, a page's metadata gives an article: the outlet is written by every
#: source marker of a report, and a page's og:site_name of megabytes made a report of hundreds (the service's own
#: fields are bounded alike)
MAX_TITLE_CHARS = 1_000
MAX_NAME_CHARS = 256
#: the longest address an article may carry (the service's bound on its ``url`` and ``urls``)
MAX_URL_CHARS = 4_096


def bounded(value: str | None, limit: int) -> str | None:
    """``value`` (a page's title, site name or byline) cut to ``limit`` characters, or None."""
    if not value:
        return None
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def _parse(html: str) -> tuple[lxml.html.HtmlElement | None, bool]:
    """The page as an lxml tree (a fragment or a plain text too: lxml wraps it in html and body), or None; and
    whether the page nests deeper than MAX_DEPTH (text below is not in the tree)."""
    if not html.strip():
        return None, False
    parser = lxml.html.HTMLParser(huge_tree=True)  # one a call: its error log is this page's
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except ValueError:  # a str with an XML encoding declaration: parse its bytes
        try:
            tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
        except (ValueError, lxml.etree.ParserError):
            return None, False
    except lxml.etree.ParserError:
        return None, False
    return tree, any("Excessive depth" in error.message for error in parser.error_log)


#: elements that hold no text a reader of the article sees
_INVISIBLE = ("head", "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "iframe", "svg",
              "button", "select")
#: elements after which a reader sees a new line
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "article",
           "section", "header", "main", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "hr", "body"}


def _visible_text(tree: lxml.html.HtmlElement) -> str:
    """The text a browser shows of ``tree``: one line per block, spaces within a line collapsed."""
    # a copy: the caller's tree is left as it is (parsed as deep as the page was: MAX_DEPTH)
    tree = lxml.html.fromstring(lxml.html.tostring(tree), parser=lxml.html.HTMLParser(huge_tree=True))
    for element in list(tree.iter(*_INVISIBLE)):
        if element.getparent() is not None:
            element.drop_tree()
    for comment in list(tree.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        if comment.getparent() is not None:
            comment.drop_tree()
    pieces: list[str] = []
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            pieces.append("\n")
        if element.text and isinstance(element.tag, str):
            pieces.append(element.text)
        if element is not tree and element.tail:
            # a block's tail follows the block: a new line between them
            pieces.append(("\n" if isinstance(element.tag, str) and element.tag in _BLOCKS else "") + element.tail)
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _title(tree: lxml.html.HtmlElement | None) -> str | None:
    title = tree.findtext(".//title") if tree is not None else None
    return " ".join(title.split()) or None if title else None


#: a word of a class, id or itemprop that names its element a date, a time, a publication or a byline
_DATED = re.compile(r"(pub|entry|post|article)?(date|datum|time|datetime|timestamp)(published|modified)?|"
                    r"published|publish|posted|byline|dateline|updated|created")
_WORDS = re.compile(r"[\s_\-:.]+|(?<=[a-z])(?=[A-Z])")


def _names_a_date(element: lxml.html.HtmlElement) -> bool:
    """Whether a word of ``element``'s class, id or itemprop names a date ("post-date", "entryDate",
    "byline"), not only holds the letters ("candidate", "timeline")."""
    return any(_DATED.fullmatch(word.lower()) for name in ("class", "id", "itemprop")
               for word in _WORDS.split(element.get(name) or "") if word)
_DATED_TAGS = ("div", "p", "span", "li", "time", "small", "h2", "h3", "h4", "h5", "h6", "header", "address")
_DATED_MAX_CHARS = 120


def page_date(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    """The page's publication date (``YYYY-MM-DD``) from its URL and markup, or None: htmldate's steps that
    read metadata (URL path, head, JSON-LD, ``<abbr>``, ``<time>``, elements named a date), without its search
    of the page's text, which takes any date the article mentions."""
    options = Extractor(False, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")
    if url is None:
        canonical = tree.find('.//link[@rel="canonical"]')
        url = canonical.get("href") if canonical is not None else None
    dated = [
        element for element in tree.iter(*_DATED_TAGS)
        if _names_a_date(element) and len(element.text_content()) <= _DATED_MAX_CHARS
    ]
    return (
        extract_url_date(url, options)
        or examine_header(tree, options)
        or json_search(tree, options)
        or examine_abbr_elements(tree, options)
        or examine_time_elements(tree, options)
        or examine_elements(dated, options)
    )
