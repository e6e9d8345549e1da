"""Turn what a user gives (files, folders, URLs, feeds, JSON records, gzipped JSONL and Parquet corpora) into
articles.

Each input that cannot be read becomes a :class:`~storylens.models.Skipped` record
with a one-line reason; the others go on.  The same text twice (by content hash) is
kept once and the second reported as a duplicate (the kept copy takes the metadata it
lacks from it).  Language is detected here, and articles in a language not in
``settings.languages`` are skipped with a reason.  An article admitted with a note (a
date that could not be read, so it is undated) gets a ``Skipped`` of stage ``warning``.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import io
import json
import logging
import math
import os
import re
import sys
import unicodedata
import xml.sax
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from ..errors import BinaryInput, ConfigError, EmptyInput, IngestError, MalformedInput, TooLarge, shown
from ..models import Article, PublishedDate, Skipped, content_hash
from ..settings import Settings
from .dates import read_published
from .decode import check_text, declared_encoding, decode_text
from .fetch import META_REFRESH_MAX_DELAY, Fetcher, meta_refresh_target, without_userinfo
from .html import MAX_NAME_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS, NO_VISIBLE_TEXT, bounded, extract_html
from .language import detect_language, language_shares, unknown_languages

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
READ_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
MANIFEST_NAME = "articles.json"
RECORD_FIELDS = {"id", "text", "published", "outlet", "title", "url", "author", "published_precision"}
#: a record's or a manifest entry's remarks for people (roma-2010's manifest says why each date is assumed):
#: not read, and not warned about
COMMENT_FIELDS = {"note", "notes", "comment", "comments"}


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def is_url(value: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value))


def load_inputs(
    inputs: Iterable[str | Path | Article],
    settings: Settings | None = None,
    *,
    fetcher: Fetcher | None = None,
) -> IngestResult:
    """Read every input; never raises for one bad input (see :class:`IngestResult`).  One input given alone (a
    path, a URL, an :class:`Article`) is read as that input, not as the characters of its name."""
    if isinstance(inputs, (str, Path, Article)):
        inputs = [inputs]
    settings = settings or Settings.load()
    check_languages(settings)
    result = IngestResult()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(
        timeout=settings.fetch_timeout,
        max_bytes=settings.fetch_max_bytes,
        allow_private=settings.fetch_allow_private,
        concurrency=settings.fetch_concurrency,
    )
    seen_hashes: dict[str, Article] = {}
    used_ids: set[str] = set()
    entries: dict[str, Article] = {}  # a feed entry's identity -> the version of it admitted (see _other_version)
    warned: set[tuple[str, str]] = set()  # the (source, reason) of each warning an input's reader gave
    inputs = list(inputs)
    try:
        urls = [str(item) for item in inputs if not isinstance(item, Article) and is_url(str(item))]
        fetcher.prefetch(dict.fromkeys(urls))
        stdin_read = False
        urls_read: set[str] = set()
        for item in inputs:
            again = isinstance(item, str) and item == STDIN and stdin_read  # it holds nothing more: said so
            stdin_read = stdin_read or (isinstance(item, str) and item == STDIN)
            url = str(item) if not isinstance(item, Article) and is_url(str(item)) else None
            if again:
                outcomes = [Skipped(source="<stdin>", stage="ingest", reason="'-' given again: the standard input "
                                    "is one article, read once")]
            elif url is not None and url in urls_read:  # fetched once: what it gave is in the story already
                outcomes = [Skipped(source=without_userinfo(url), stage="duplicate",
                                    reason="the same address given again: read once")]
            else:
                outcomes = _read_one(item, settings, fetcher)
            if url is not None:
                urls_read.add(url)
            for outcome in outcomes:
                if isinstance(outcome, Skipped):
                    if outcome.stage == "warning":
                        if (outcome.source, outcome.reason) in warned:
                            continue  # a folder given twice: its manifest's mistakes are said once
                        warned.add((outcome.source, outcome.reason))
                    said = "warning" if outcome.stage == "warning" else "skipped"
                    logger.warning("%s %s: %s", said, outcome.source, outcome.reason)
                    result.skipped.append(outcome)
                    continue
                article = outcome
                skipped = _admit(article, settings, seen_hashes)
                if skipped is None and _in_another_feed(article, entries):
                    skipped = _other_version(entries, article, result, seen_hashes)
                if skipped is not None:
                    logger.warning("skipped %s: %s", skipped.source, skipped.reason)
                    result.skipped.append(skipped)
                    continue
                if article._entry_key is not None:
                    entries.setdefault(article._entry_key, article)
                given = article.id
                article.id = _unique_id(given, used_ids)
                if given and article.id != given:  # said, not silent: a reader looking for "x" finds "x-2" here
                    article._ingest_notes.append(f"id {given!r} is another article's: this one is {article.id!r}")
                    # an Article given in Python has no source: its note is listed under the id the caller gave it
                    article._note_source = article.source or given
                seen_hashes[article.content_hash] = article
                result.articles.append(article)
    finally:
        if own_fetcher:
            fetcher.close()
        else:
            fetcher.forget_prefetched()
    for article in result.articles:  # admitted, with something to say about it (once every copy was read)
        source = article.source or article._note_source or article.id
        for note in article._ingest_notes:
            logger.warning("%s: %s", source, note)
            result.skipped.append(Skipped(source=source, stage="warning", reason=note))
    return result


def check_languages(settings: Settings) -> None:
    """Raise :class:`ConfigError` when ``settings.languages`` holds a code the language detector never gives (``xx``):
    every article would be skipped as not in it, one by one, for a mistake in a setting."""
    unknown = unknown_languages(settings.languages) if settings.languages != ["en"] else []
    if unknown:
        raise ConfigError(f"languages = {settings.languages}: {', '.join(repr(c) for c in unknown)} is no language the "
                          "detector knows (ISO 639-1 codes it gives: en, fr, de, es, zh...); no article could be in it")


def _admit(article: Article, settings: Settings, seen_hashes: dict[str, Article]) -> Skipped | None:
    source = article.source or article.id
    try:
        check_text(article.text, source, min_chars=settings.min_article_chars)
    except IngestError as exc:
        return Skipped(source=source, stage="ingest", reason=exc.reason)
    too_long = length_problem(article, settings)
    if too_long is not None:
        return too_long
    if article.content_hash in seen_hashes:
        first = seen_hashes[article.content_hash]
        taken = _merge_metadata(first, article)
        note = f" (its {', '.join(taken)} taken from this copy)" if taken else ""
        # (said alike by analyze, stories, batch and the service: this copy is neither analysed nor grouped on its own)
        return Skipped(
            source=source,
            stage="duplicate",
            reason=f"same text as article {first.id}: this copy is left out, article {first.id} standing for both"
                   f"{note}",
            duplicate_of=first.id,
        )
    detected = article.language is None
    if detected:
        language, probability = detect_language(article.text)
        article.language = language
    else:
        probability = 1.0
    if settings.languages and article.language not in settings.languages and _unsure_guess(article, probability):
        logger.debug("%s: language guessed %r at p=%.2f only; read as %r", source, article.language,
                     probability, settings.languages[0])
        article.language = settings.languages[0]
    if settings.languages and article.language not in settings.languages:
        share = ""
        if detected:
            guessed = article.language
            shares = language_shares(article.text, [guessed, *settings.languages])
            main = max(settings.languages, key=lambda code: shares.get(code, 0.0))
            if shares.get(main, 0.0) > 0.5:
                logger.info("%s: language guessed %r on the whole text, but %.0f%% of it, judged sentence by "
                            "sentence, is in %r (a quotation in another language); read as %r", source, guessed,
                            100 * shares[main], main, main)
                article.language = main
                return None
            if shares:
                share = f"; {100 * shares[guessed]:.0f}% of its text, judged sentence by sentence"
        return Skipped(
            source=source,
            stage="language",
            reason=f"written in {article.language!r} (p={probability:.2f}{share}), not in the analysed languages "
            f"{settings.languages} (setting languages)",
        )
    return None


def _in_another_feed(article: Article, entries: dict[str, Article]) -> bool:
    """Whether ``article``, a feed entry, was admitted already from another feed (or another copy of its feed): two
    entries of one feed with distinct ids are two entries, whatever their links."""
    kept = entries.get(article._entry_key) if article._entry_key is not None else None
    return kept is not None and (kept.source or "").rpartition("#")[0] != (article.source or "").rpartition("#")[0]


def _other_version(entries: dict[str, Article], other: Article, result: IngestResult,
                   seen_hashes: dict[str, Article]) -> Skipped:
    """``other`` is a feed entry admitted already, read from another feed with another text (a feed carrying its
    summary, another its full text; a feed read before the entry was updated): one article, read in one version
    (:func:`_later_version`).  When ``other`` is that version it takes the first version's place (and id) in
    ``result``, ``entries`` and ``seen_hashes``.  Returns the duplicate record of the version not read."""
    kept = entries[other._entry_key]
    read, dropped = (other, kept) if _later_version(kept, other) else (kept, other)
    kind, _, key = kept._entry_key.partition(" ")
    if read._entry_moment is not None and read._entry_moment != dropped._entry_moment:
        which = f"the version of {read._entry_moment:%Y-%m-%d %H:%M} UTC, updated last, is read"
    elif len(read.text.strip()) != len(dropped.text.strip()):
        which = "the longer text is read"
    else:
        which = "the version read first is read"
    if read is other:
        other.id = kept.id
        result.articles[result.articles.index(kept)] = other
        entries[other._entry_key] = other
        for text_key, article in list(seen_hashes.items()):
            if article is kept:
                seen_hashes[text_key] = other
        seen_hashes[other.content_hash] = other
    return Skipped(source=dropped.source or dropped.id, stage="duplicate", duplicate_of=read.id,
                   reason=f"another version of the feed entry {read.source} (the same {kind}, {key}), from another "
                   f"feed: {which}")


UNDATED = "analysed without a date"  # the start of the warning for an article whose date could not be read
_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


def _merge_metadata(kept: Article, copy: Article) -> list[str]:
    """Fill what ``kept`` lacks from ``copy``, a second copy of its text (a file given alone and again through
    its folder's manifest): its outlet, title, URL, author, and its date when ``kept`` has none or a coarser one
    that the copy's falls within.  What ``kept`` already says is kept.  Returns the fields taken."""
    taken = []
    for name in ("outlet", "title", "url", "author"):
        if getattr(kept, name) is None and getattr(copy, name) is not None:
            setattr(kept, name, getattr(copy, name))
            taken.append(name)
    if copy.published is not None and (
        kept.published is None
        or (_PRECISION_RANK[copy.published.precision] > _PRECISION_RANK[kept.published.precision]
            and copy.published.value.startswith(kept.published.value))
    ):
        kept.published = copy.published
        kept._ingest_notes[:] = [n for n in kept._ingest_notes if not n.startswith(UNDATED)]
        taken.append("date")
    return taken


def length_problem(article: Article, settings: Settings) -> Skipped | None:
    """A :class:`Skipped` record when ``article``'s text is over ``max_article_chars`` or ``max_article_bytes``.

    Checked when an article is admitted, whatever it came from (a file, a record, a feed, a URL, an
    :class:`Article` given to the Python API), so no text reaches the parser over the limit."""
    source = article.source or article.id
    if len(article.text) > settings.max_article_chars:
        return Skipped(
            source=source,
            stage="ingest",
            reason=f"text of {len(article.text):,} characters is over the limit of {settings.max_article_chars:,} "
            "(setting max_article_chars)",
        )
    if len(article.text.encode("utf-8")) > settings.max_article_bytes:
        return Skipped(
            source=source,
            stage="ingest",
            reason=f"text is over the limit of {settings.max_article_bytes:,} bytes (setting max_article_bytes)",
        )
    return None


SHORT_TEXT_WORDS = 50  # below this, language identification is often wrong ("Trump Defends Policy." -> 'pcm')
SURE_LANGUAGE = 0.9
#: a guess this unsure is no evidence at any length: on a prose text of a few hundred words py3langid is sure
#: (0.99 and more); a text it doubts that much is a table, a list of names, or languages mixed
UNSURE_LANGUAGE = 0.5


def _unsure_guess(article: Article, probability: float) -> bool:
    """A headline or a short text whose language was guessed without confidence is kept, not skipped: on a
    few words py3langid calls many English headlines Nigerian Pidgin or Latin at probabilities of 0.1-0.6.
    So is a longer text guessed at under :data:`UNSURE_LANGUAGE` (a tab-separated English table called
    Afrikaans at 0.02): skipping it would lose it on no evidence.

    Only for a text mostly in the Latin script, and counted in words: a text mostly in another script (Han,
    Cyrillic, Arabic...) is not English whatever the detector's confidence, and 100 Chinese characters are a
    paragraph, not a headline."""
    if not mostly_latin(article.text):
        return False
    if probability < UNSURE_LANGUAGE:
        return True
    return len(article.text.split()) < SHORT_TEXT_WORDS and probability < SURE_LANGUAGE


def mostly_latin(text: str) -> bool:
    """Whether most of the letters of ``text`` (its first 5,000 characters) are in the Latin script."""
    letters = [c for c in text[:5000] if c.isalpha()]
    if not letters:
        return True
    latin = sum(1 for c in letters if c.isascii() or _is_latin_letter(c))
    return latin * 2 > len(letters)


@lru_cache(maxsize=4096)
def _is_latin_letter(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN ")


def _unique_id(candidate: str, used: set[str]) -> str:
    base = candidate or "article"
    ident, n = base, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    used.add(ident)
    return ident


def _read_one(item: str | Path | Article, settings: Settings, fetcher: Fetcher) -> Iterator[Article | Skipped]:
    if isinstance(item, Article):
        try:
            yield _given_article(item, settings)
        except IngestError as exc:
            yield Skipped(source=exc.source, stage="ingest", reason=exc.reason)
        return
    text_item = str(item)
    try:
        if text_item == STDIN:
            yield from _read_stdin(settings)
            return
        if is_url(text_item):
            yield from _read_url(text_item, settings, fetcher)
            return
        path = Path(text_item)
        if path.is_dir():
            yield from _read_folder(path, settings, fetcher)
            return
        if path.name == MANIFEST_NAME and path.is_file():  # a folder's manifest names its articles: read the folder
            yield from _read_folder(path.parent, settings, fetcher)
            return
        if not path.exists():
            raise IngestError(text_item, "no such file or folder")
        urls = _url_list(path)
        if urls:  # a text file of URLs only: the pages it names are the inputs
            fetcher.prefetch(urls)
            for url in urls:  # one URL that fails is skipped, not the rest of the list with it
                try:
                    yield from _read_url(url, settings, fetcher)
                except IngestError as exc:
                    yield Skipped(source=exc.source, stage="ingest", reason=exc.reason)
            return
        yield from _read_file(path, settings, manifest_entry=None)
    except IngestError as exc:
        yield Skipped(source=exc.source, stage="ingest", reason=exc.reason)


def _given_article(article: Article, settings: Settings) -> Article:
    """An :class:`Article` given in Python, as ingest admits it: a copy (ingest sets its language and may make its id
    unique; the caller's object is not changed), its content hash of its text as it is now, and a ``text`` that is
    an HTML page read as a record's is (its article's text, and the page's title, site name, author and date where
    the article gives none), rather than analysed tags and all."""
    problems = [problem for key in _BOUNDED_FIELDS if (problem := _length_problem(key, getattr(article, key)))]
    if problems:  # as a record's: a Python caller's article is bounded as a file's or the service's
        source = article.source or article.id
        raise MalformedInput(source if len(source) <= 80 else source[:79] + "…", "; ".join(problems))
    if not looks_like_html(article.text):
        copy = article.model_copy(deep=True)
        copy.content_hash = content_hash(copy.text)
        return copy
    source = article.source or article.id
    if len(article.text.encode("utf-8")) > page_limit(settings):
        raise TooLarge(source, f"a page of over {page_limit(settings)} bytes (setting fetch_max_bytes)")
    page = read_page(article.text, source, url=article.url)
    fields = article.model_dump(exclude={"text", "content_hash", "published"})
    fields.update(text=page["text"], published=article.published)
    for name in ("title", "outlet", "author"):
        if fields.get(name) is None and page.get(name):
            fields[name] = str(page[name])
    notes = [*article._ingest_notes, *(page.get("notes") or [])]
    if fields["published"] is None and page.get("published"):
        try:
            fields["published"] = read_published(page["published"])
        except ValueError as exc:
            notes.append(f"{UNDATED}: the page's date could not be read ({exc})")
    copy = Article(**fields)
    copy._ingest_notes.extend(notes)
    copy._note_source = article._note_source
    copy._entry_key, copy._entry_moment = article._entry_key, article._entry_moment
    return copy


def _url_list(path: Path, limit: int = 100_000) -> list[str] | None:
    """The URLs of a small text file (``.txt``, ``.text``) that holds nothing else: one per line, blank lines and
    ``#`` comments aside; None for any other file."""
    if path.suffix.lower() not in (".txt", ".text") or not path.is_file():
        return None
    try:
        if path.stat().st_size > limit:
            return None
        lines = path.read_bytes().decode("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None  # read as an article, which says what is wrong with it
    urls = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    if not urls or not all(is_url(u) and not any(c.isspace() for c in u) for u in urls):
        return None
    return urls


#: The input that stands for the standard input (``storylens analyze -``).
STDIN = "-"


def _read_stdin(settings: Settings) -> Iterator[Article | Skipped]:
    """One article from the standard input: an HTML page when it looks like one, else plain text (id "stdin"); or
    a feed's entries, when a feed is piped in (``curl .../rss |``), read as a feed file's are."""
    source = "<stdin>"
    limit = _container_limit(settings)  # a feed piped in holds many articles; a page or a text is held to one's
    data = sys.stdin.buffer.read(limit + 1)  # one byte over the limit is enough to refuse it
    text = decode_text(data, source, max_bytes=limit, min_chars=settings.min_article_chars,
                       encoding=declared_encoding("", data),  # a page piped in (curl ... |): its <meta charset>
                       limit_named=_CONTAINER_LIMIT_NAMED)
    if looks_like_feed(text):
        yield from _read_feed(text, source, settings=settings)
        return
    page = looks_like_html(text)
    _check_one_article_size(data, source, settings, page=page)
    yield _text_article(text, {"id": "stdin", "source": source}, source, page=page)


_CONTAINER_LIMIT_NAMED = "50 x setting max_article_bytes, for a file of many articles"


def _container_limit(settings: Settings) -> int:
    """The most bytes a file of many articles (a feed, JSON records) may have: 50 articles' worth."""
    return max(settings.max_article_bytes * 50, settings.max_article_bytes)


_PAGE_LIMIT_NAMED = "setting fetch_max_bytes, a page's"


def page_limit(settings: Settings) -> int:
    """The most bytes an HTML page given as a file (or piped in) may have: as many as a page fetched by URL
    (``fetch_max_bytes``), since a saved page's scripts and styles, left out of its article, often weigh megabytes;
    its article's text is held to ``max_article_bytes`` and ``max_article_chars`` when admitted."""
    return max(settings.fetch_max_bytes, settings.max_article_bytes)


def _check_one_article_size(data: bytes, source: str, settings: Settings, *, page: bool) -> None:
    """Refuse ``data`` read under a container's limit when it turned out to be one article: a page over
    :func:`page_limit`, a text over ``max_article_bytes``."""
    limit, setting = ((page_limit(settings), _PAGE_LIMIT_NAMED) if page
                      else (settings.max_article_bytes, "setting max_article_bytes"))
    if len(data) > limit:
        raise TooLarge(source, f"{len(data):,} bytes is over the limit of {limit:,} ({setting})")


def _text_article(text: str, fields: dict[str, Any], source: str, *, page: bool,
                  manifest_entry: dict | None = None) -> Article:
    """The article of a file's (or the standard input's) decoded ``text``: a page's article and metadata
    (undated, with a warning, when it gives no date) or the text as given; ``fields`` (id, source) and a
    manifest entry's metadata added."""
    if page:
        fields.update(read_page(text, source))
    else:
        fields["text"] = text
    if manifest_entry:
        fields.update({k: v for k, v in manifest_entry.items() if k in RECORD_FIELDS and v is not None})
    return _article_from_fields(fields, source, undated=PAGE_UNDATED if page else None)


#: a page given (not fetched) that sends the browser on at once with less text than this is a redirect notice ("If
#: you are not redirected, follow this link"), not an article
REDIRECT_NOTICE_CHARS = 200
#: a page that sends the browser to another address within this many seconds is a notice when, its sentences about
#: being sent on (:data:`_NOTICE_SENTENCE`) aside, less than REDIRECT_NOTICE_CHARS of text is left ("This story has
#: moved ... you will be taken there in 10 seconds ... please update your bookmarks", however many words it says it
#: in); a page that sends the browser on later (a front page reloading itself, an article sending an idle reader to
#: the home page after minutes) is read
NOTICE_REFRESH_MAX_DELAY = 60.0
_NOTICE_SENTENCE = re.compile(
    r"\b(?:redirect\w*|moved|(?:be|being|get|getting) (?:taken|sent|forwarded|transferred)|forward\w*|"
    r"new (?:address|site|location|home|page|url)|bookmarks?|click|link|"
    r"(?:\d+|one|two|three|five|ten|fifteen|twenty|thirty|a few) seconds?)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _text_besides_notice(text: str) -> int:
    """How many characters of ``text`` are left once its sentences about being sent on elsewhere are set aside."""
    return sum(len(part.strip()) for part in _SENTENCE_END.split(text) if not _NOTICE_SENTENCE.search(part))


def read_page(text: str, source: str, *, url: str | None = None, fetched: bool = False,
              refresh: str | None = None, refresh_delay: float | None = None) -> dict[str, Any]:
    """A page's article and metadata (:func:`extract_html`), ``url`` its address (for its links and date).

    A page that only sends the browser on (a meta refresh) is skipped with a reason that names that address, to be
    given as an input: a page given as a file, piped in or pasted (not ``fetched``: its refresh is not followed)
    with no text, or with less than :data:`REDIRECT_NOTICE_CHARS` (a saved redirect page's notice, "If you are not
    redirected..."), when it sends the browser on at once; a page fetched by URL with no text or as little, whose
    refresh (its meta refresh, else ``refresh``, the address of its ``Refresh`` header, sent after ``refresh_delay``
    seconds) comes too late to be followed as a redirect (a front page reloading itself, which has text), saying so;
    and, fetched or given, a page that sends the browser to another address within
    :data:`NOTICE_REFRESH_MAX_DELAY` and has, its sentences about being sent on set aside (:func:`_text_besides_notice`),
    less than :data:`REDIRECT_NOTICE_CHARS` of text (a notice of more words: "This story has moved ... you will be
    taken there in 15 seconds ... update your bookmarks")."""
    head = text[:65_536].encode("utf-8", errors="replace")
    try:
        fields = extract_html(text, source, url=url)
    except (EmptyInput, MalformedInput) as exc:
        soon = meta_refresh_target(head, "text/html")
        target = soon or meta_refresh_target(head, "text/html", max_delay=math.inf) or (refresh if fetched else None)
        if target is None or not is_url(urljoin(url or "", target)):
            raise
        how = (f"by a meta refresh of more than {META_REFRESH_MAX_DELAY:g} s, which is not followed (a later "
               "refresh is taken for a page reloading itself, not for a redirect)") if soon is None and fetched \
            else "(a meta refresh)"
        raise type(exc)(source, f"{exc.reason}: the page only sends the browser on to "
                                f"{shown(urljoin(url or '', target))} {how}; give that address as an input to analyse "
                                "its page") from exc
    length = len(fields["text"].strip())
    target = None
    if length < REDIRECT_NOTICE_CHARS:
        # fetched, a refresh within 5 s was followed already: what is left sends the browser on later, and with so
        # little text of its own the page is a notice ("you will be taken there in 10 seconds"), not an article
        target = (meta_refresh_target(head, "text/html", max_delay=math.inf) or refresh if fetched
                  else meta_refresh_target(head, "text/html"))
    if not _sends_elsewhere(target, url) and _text_besides_notice(fields["text"]) < REDIRECT_NOTICE_CHARS:
        # sent on before a reader could read it, with nothing to read besides the notice: a notice of more words
        target = meta_refresh_target(head, "text/html", max_delay=NOTICE_REFRESH_MAX_DELAY) or (
            refresh if fetched and refresh_delay is not None and refresh_delay <= NOTICE_REFRESH_MAX_DELAY else None)
    if _sends_elsewhere(target, url):
        if fetched:
            when = f"after more than {META_REFRESH_MAX_DELAY:g} s, a refresh not followed"
        elif meta_refresh_target(head, "text/html") is not None:
            when = "at once"
        else:
            when = f"within {NOTICE_REFRESH_MAX_DELAY:g} s"
        raise EmptyInput(source, f"a redirect page ({length} characters of text): it sends the browser on {when} "
                                 f"to {shown(urljoin(url or '', target))} (a meta refresh); give that address as an "
                                 "input to analyse its page")
    return fields


def _sends_elsewhere(target: str | None, url: str | None) -> bool:
    """Whether a refresh to ``target`` sends the browser on from the page at ``url`` to another address."""
    return target is not None and is_url(urljoin(url or "", target)) and urljoin(url or "", target) != url


def _is_corpus_file(path: Path) -> bool:
    """A corpus file ``storylens batch`` reads: gzipped JSONL or Parquet."""
    name = path.name.lower()
    return name.endswith((".jsonl.gz", ".ndjson.gz", ".parquet"))


def _read_gzip_jsonl(path: Path, settings: Settings) -> Iterator[Article | Skipped]:
    """The records of a gzipped JSONL corpus, up to ``max_article_bytes`` × 50 decompressed."""
    source = str(path)
    limit = settings.max_article_bytes * 50
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except (OSError, EOFError) as exc:
        raise IngestError(source, f"cannot decompress: {exc}") from exc
    if len(data) > limit:
        raise IngestError(source, f"decompressed corpus is over {limit:,} bytes: split it into several files")
    text = decode_text(data, source, max_bytes=limit)
    yield from _read_records(text, source, jsonl=True)


def _parquet_value(name: str, value: Any) -> Any:
    """A Parquet cell as a record's field: a date or timestamp as ISO, an integer id column's value as text (a
    column is typed as a whole: an integer id there is an id, not a mistake)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if name == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _read_parquet(path: Path) -> Iterator[Article | Skipped]:
    """The rows of a Parquet corpus (its columns named as a record's fields, :data:`RECORD_FIELDS`), read a batch
    at a time; its other columns are named in one warning for the file, as a JSONL file's other fields are (a
    remark for people, ``note``..., aside)."""
    import pyarrow.parquet as pq

    source = str(path)
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise IngestError(source, f"not a readable Parquet file: {exc}") from exc
    names = parquet.schema_arrow.names
    columns = sorted(RECORD_FIELDS.intersection(names))
    others = [c for c in names if c not in RECORD_FIELDS | COMMENT_FIELDS]
    if "text" not in columns:
        hint = f"; columns not read: {_name_fields(others, RECORD_FIELDS)}" if others else ""
        raise IngestError(source, f"Parquet corpus has no 'text' column{hint}")
    row = 0
    unknown: Counter[str] = Counter()  # stays empty: only the columns read are read
    for batch in parquet.iter_batches(columns=columns, batch_size=1024):
        for record in batch.to_pylist():
            row += 1
            record = {k: _parquet_value(k, v) for k, v in record.items() if v is not None}
            yield _record_or_skip(record, f"{source}:{row}", unknown=unknown)
    if others:  # a column named otherwise ("date", "body") was lost without a word, its rows read without it
        yield Skipped(source=source, stage="warning", reason=(
            f"columns not read (not record fields): {_name_fields(others, RECORD_FIELDS)}; the columns read "
            f"are {', '.join(sorted(RECORD_FIELDS))}"))


def _read_bytes(path: Path, settings: Settings) -> bytes:
    """The file's bytes, up to one over the largest a file may have (a corpus file may hold many articles, but
    not without bound): never more, whatever its size says (a pipe, a device such as /dev/zero, a growing file)."""
    limit = settings.max_article_bytes * 50
    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestError(str(path), f"file of {size:,} bytes is too large to read")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise IngestError(str(path), f"cannot read: {exc.strerror}") from exc
    if len(data) > limit:
        raise IngestError(str(path), f"file of over {limit:,} bytes is too large to read")
    return data


def _read_file(path: Path, settings: Settings, manifest_entry: dict | None) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    source = str(path)
    if _is_corpus_file(path):
        yield from (_read_parquet(path) if suffix == ".parquet" else _read_gzip_jsonl(path, settings))
        return
    if suffix in JSONL_SUFFIXES or suffix in JSON_SUFFIXES:
        data = _read_bytes(path, settings)
        text = decode_text(data, source, max_bytes=_container_limit(settings), limit_named=_CONTAINER_LIMIT_NAMED)
        feed = None if suffix in JSONL_SUFFIXES else _json_feed(text)
        if feed is not None:  # a JSON Feed saved to a file: its items, as a feed file's entries
            yield from _feed_entries(feed, source, fetcher=None, settings=settings)
            return
        yield from _read_records(text, source, jsonl=suffix in JSONL_SUFFIXES)
        return
    data = _read_bytes(path, settings)
    # a page or a feed saved from the web says its encoding in its markup (<meta charset>, <?xml encoding?>)
    declared = declared_encoding("", data) if suffix in HTML_SUFFIXES or suffix in FEED_SUFFIXES else None
    # a feed holds many articles, as a JSON file does: its own limit is theirs (each entry is held to
    # max_article_bytes when admitted); a page is held to what a URL's page may be, a text to one article's
    limit, named = (
        (_container_limit(settings), _CONTAINER_LIMIT_NAMED) if suffix in FEED_SUFFIXES
        else (page_limit(settings), _PAGE_LIMIT_NAMED) if suffix in HTML_SUFFIXES
        else (settings.max_article_bytes, "setting max_article_bytes"))
    text = decode_text(data, source, max_bytes=limit, min_chars=settings.min_article_chars, encoding=declared,
                       limit_named=named)
    if suffix in FEED_SUFFIXES and _is_html_document(text):
        _check_one_article_size(data, source, settings, page=True)
    fields: dict[str, Any] = {"id": path.stem, "source": source}
    if suffix in FEED_SUFFIXES and not _is_html_document(text):
        try:
            yield from _read_feed(text, source, settings=settings)
        except MalformedInput as exc:
            if exc.reason.startswith("not a feed"):  # well-formed XML, but neither a feed nor an HTML page
                raise MalformedInput(source, f"neither a feed (RSS or Atom) nor an HTML page: an {suffix} file is "
                                     "read as a feed, or as a page when it is one (<html>)") from exc
            raise
        return
    page = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(text))
    yield _text_article(text, fields, source, page=page, manifest_entry=manifest_entry)


def _is_html_document(text: str) -> bool:
    """Whether ``text`` is an HTML (or XHTML) document: its root is ``<html>``."""
    head = text[:4096].lower()
    return "<html" in head or "<!doctype html" in head


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page rather than prose (an ``<html>`` or ``<body>`` tag, or a doctype, in its head)."""
    head = text[:4096].lower()
    return "<html" in head or "<body" in head or head.lstrip().startswith("<!doctype html")


def _read_folder(folder: Path, settings: Settings, fetcher: Fetcher) -> Iterator[Article | Skipped]:
    """A folder's articles: the files its ``articles.json`` lists, else every file of a type storylens reads.

    Nothing in it is dropped without a word: each file not read (of another type, not listed in the manifest)
    and each subfolder not read is listed as skipped, with the reason.  Hidden files (``.name``) are left out
    quietly.  Subfolders are not read (unless the manifest lists files in them)."""
    manifest_path = folder / MANIFEST_NAME
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            manifest = MalformedInput(str(manifest_path), f"manifest is not valid JSON: {exc}")
        if not isinstance(manifest, list | MalformedInput):
            manifest = MalformedInput(str(manifest_path), "manifest must be a JSON list of {id, file, ...} objects")
        if isinstance(manifest, MalformedInput):  # it chooses the folder's files: none is read, each is named
            yield Skipped(source=manifest.source, stage="ingest", reason=manifest.reason)
            for path in _entries(folder):
                yield Skipped(source=str(path), stage="ingest",
                              reason=f"not read: the folder's {MANIFEST_NAME}, which chooses the files analysed, "
                              "could not be read")
            return
        listed: set[Path] = set()
        for entry in manifest:
            if not isinstance(entry, dict) or not entry.get("file"):
                yield Skipped(source=str(manifest_path), stage="ingest", reason=f"manifest entry without 'file': {entry!r}")
                continue
            path = folder / str(entry["file"])
            try:
                if not _inside(folder, str(entry["file"])):
                    raise IngestError(str(path), "the manifest names a file outside its folder; only files in the "
                                      "folder (or its subfolders) are read")
                listed.add(Path(os.path.normpath(path)))
                if not path.exists():
                    raise IngestError(str(path), "listed in the manifest but missing")
                if not path.is_file():  # a pipe would block the run until something writes to it; a folder...
                    raise IngestError(str(path), "listed in the manifest but not a regular file")
                problem = _type_problem(entry)
                if problem is not None:
                    raise MalformedInput(str(path), f"its {MANIFEST_NAME} entry cannot be read: {problem}")
                others = [k for k in entry if k not in RECORD_FIELDS | COMMENT_FIELDS | {"file"}]
                if others:  # one mistake of the entry, said once for its file, whatever becomes of the articles it
                    # holds (each of a file of records, one left out as a copy of another's text)
                    yield Skipped(source=str(path), stage="warning", reason=f"fields of its {MANIFEST_NAME} entry "
                                  f"not read: {_name_fields(others, RECORD_FIELDS)}")
                yield from _read_file(path, settings, manifest_entry=entry)
            except IngestError as exc:
                yield Skipped(source=exc.source, stage="ingest", reason=exc.reason)
        yield from _unlisted(folder, listed)
        return
    readable = False
    for path in _entries(folder):
        if path.is_dir():
            yield Skipped(source=str(path), stage="ingest",
                          reason="a subfolder: folders are not read recursively; give it as an input of its own "
                          "to analyse its files")
        elif not path.is_file():
            yield Skipped(source=str(path), stage="ingest", reason="not a regular file")
        elif not _readable_type(path):
            yield Skipped(source=str(path), stage="ingest", reason=f"not a supported file type ({_type_of(path)}); "
                          f"a folder's {READ_TYPES} files are read")
        else:
            readable = True
            try:
                yield from _read_file(path, settings, manifest_entry=None)
            except IngestError as exc:
                yield Skipped(source=str(exc.source), stage="ingest", reason=exc.reason)
    if not readable:
        raise IngestError(str(folder), f"folder holds no {READ_TYPES} files")


#: the file types a folder's files are read as, said in messages and docs/usage.md
#: every suffix a folder's file is read by (the message named .txt, .md, .html, .json and .jsonl alone, as if a folder's
#: .text, .htm, .xhtml or .ndjson files were not read)
READ_TYPES = (".txt, .text, .md, .html, .htm, .xhtml, .json, .jsonl, .ndjson, .jsonl.gz, .parquet or feed (.rss, .atom, "
              ".xml)")


def _entries(folder: Path) -> list[Path]:
    """What ``folder`` holds, sorted by name: its hidden entries (``.name``) and its manifest left out."""
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.name != MANIFEST_NAME)
    except OSError as exc:
        raise IngestError(str(folder), f"cannot read the folder: {exc.strerror}") from exc


def _type_of(path: Path) -> str:
    return "".join(path.suffixes[-2:]).lower() if _is_corpus_file(path) else (path.suffix.lower() or "no suffix")


def _readable_type(path: Path) -> bool:
    return path.suffix.lower() in READ_SUFFIXES or _is_corpus_file(path)


def _unlisted(folder: Path, listed: set[Path]) -> Iterator[Skipped]:
    """Each file of ``folder`` (and of its subfolders that hold a listed file) that the manifest does not list;
    a subfolder none of whose files it lists, as one."""
    for path in _entries(folder):
        normal = Path(os.path.normpath(path))
        if path.is_dir():
            if any(normal in p.parents for p in listed):
                yield from _unlisted(path, listed)
            else:
                yield Skipped(source=str(path), stage="ingest",
                              reason=f"a subfolder none of whose files the folder's {MANIFEST_NAME} lists: not read")
        elif normal not in listed:
            yield Skipped(source=str(path), stage="ingest",
                          reason=f"not listed in the folder's {MANIFEST_NAME}, which names the files analysed; "
                          "add an entry for it to analyse it")


def _inside(folder: Path, name: str) -> bool:
    """Whether the manifest's file ``name`` stays inside ``folder``: relative, and no ``..`` out of it.

    Judged on the written path, not by following symbolic links: a link the folder's owner put in the folder
    is theirs to make."""
    if not name or os.path.isabs(name) or Path(name).drive:
        return False
    normal = os.path.normpath(name)
    return normal != ".." and not normal.startswith(".." + os.sep) and normal != "."


def _json_feed(text: str) -> SimpleNamespace | None:
    """A JSON Feed (https://jsonfeed.org: an object whose ``version`` names jsonfeed.org, with ``items``) in the
    shape feedparser gives a feed (``feed.title``, ``entries`` with ``link``, ``id``, ``title``, ``content`` or
    ``summary``, ``published``/``updated``), or None for any other JSON."""
    if "jsonfeed.org/version" not in text[:4096]:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not (isinstance(data, dict) and str(data.get("version", "")).startswith("https://jsonfeed.org/version/")
            and isinstance(data.get("items"), list)):
        return None

    def string(value: Any) -> str | None:
        return value if isinstance(value, str) and value.strip() else None

    entries = []
    for item in data["items"]:
        item = item if isinstance(item, dict) else {}
        entry = {key: value for key, value in (
            ("id", string(item.get("id")) or (str(item["id"]) if isinstance(item.get("id"), int) else None)),
            ("link", string(item.get("url")) or string(item.get("external_url"))),
            ("title", string(item.get("title"))),
            ("summary", string(item.get("content_text")) or string(item.get("summary")) or ""),
            ("published", string(item.get("date_published"))),
            ("updated", string(item.get("date_modified"))),
        ) if value is not None}
        if string(item.get("content_html")) and not string(item.get("content_text")):
            entry["content"] = [{"value": item["content_html"]}]
        entries.append(entry)
    return SimpleNamespace(feed={"title": string(data.get("title"))}, entries=entries)


def _read_records(text: str, source: str, *, jsonl: bool) -> Iterator[Article | Skipped]:
    """The records of a .json or .jsonl file; the fields they hold that are not read are named once, in one
    warning for the file (a corpus's records often share an extra field: one line, not one per record)."""
    unknown: Counter[str] = Counter()
    if jsonl:
        # split on newlines only: JSON strings may hold U+2028, U+2029 or U+0085 unescaped
        lines = [(n, line.rstrip("\r")) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
        for number, line in lines:
            where = f"{source}:{number}"
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield Skipped(source=where, stage="ingest", reason=f"not valid JSON: {exc}")
                continue
            yield _record_or_skip(record, where, unknown=unknown)
        yield from _unknown_fields_warning(unknown, source)
        return
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise MalformedInput(source, f"not valid JSON: {exc}") from exc
    if isinstance(data, dict) and _is_dossier(data):  # a dossier written by storylens: its articles, analysed again
        for index, info in enumerate(data["articles"]):
            record = {k: v for k, v in info.items() if k not in _DOSSIER_ARTICLE_FIELDS} if isinstance(info, dict) \
                else info
            yield _record_or_skip(record, f"{source}[articles][{index}]", unknown=unknown)
        yield from _unknown_fields_warning(unknown, source)
        return
    if isinstance(data, dict) and _is_request_body(data):
        yield from _read_request_body(data, source, unknown)
        yield from _unknown_fields_warning(unknown, source)
        return
    if not isinstance(data, list | dict):
        raise MalformedInput(source, f"not a record: {JSON_SHAPES}")
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        outcome = _record_or_skip(record, f"{source}[{index}]", unknown=unknown)
        if isinstance(outcome, Skipped) and isinstance(data, dict) and outcome.stage == "ingest":
            outcome.reason = f"{outcome.reason}; {JSON_SHAPES}"
        yield outcome
    yield from _unknown_fields_warning(unknown, source)


#: what a .json file may hold, said when it holds something else
JSON_SHAPES = ('a .json file holds one record {"text": ..., "published": ..., ...}, a list of records, or the '
               'service\'s request body {"articles": [records], "urls": [...]}')


#: what a dossier says of each article besides its record's fields: derived from the text, not read back
_DOSSIER_ARTICLE_FIELDS = {"content_hash", "language", "sentences"}


def _is_dossier(data: dict) -> bool:
    """Whether ``data`` is a dossier storylens wrote (``--json``): a ``schema_version`` and a list of ``articles``.
    Its articles are read as records; the rest of it (entities, statements...) is what analysing them gives."""
    return "schema_version" in data and isinstance(data.get("articles"), list) and "text" not in data


def _is_request_body(data: dict) -> bool:
    """Whether ``data`` is the HTTP API's request body (``{"articles": [...], "urls": [...]}``), not a record: it
    has ``articles`` or ``urls`` (of any type: one that is not a list is said to be wrong as such) and no ``text``
    or ``title`` a record would be read by."""
    return "text" not in data and "title" not in data and ("articles" in data or "urls" in data)


#: what each key of a request body holds, said when it holds something else
_REQUEST_BODY_LISTS = {"articles": "a list of records", "urls": "a list of URLs"}


def _read_request_body(data: dict, source: str, unknown: Counter[str]) -> Iterator[Article | Skipped]:
    """The articles of an API request body saved in a file; its URLs are named, to be given as inputs (a file's
    contents do not make storylens fetch anything).  A key that is not a list is skipped, saying so."""
    lists = {}
    for key, shape in _REQUEST_BODY_LISTS.items():
        value = data.get(key)
        if value is None or isinstance(value, list):
            lists[key] = value or []
        else:
            lists[key] = []
            yield Skipped(source=f"{source}[{key}]", stage="ingest",
                          reason=f"the request body's {key!r} is {_json_type(value)} ({shown(value)}), not {shape}: "
                                 f'{{"articles": [{{"text": ..., "published": ...}}], "urls": [...]}}')
    for index, record in enumerate(lists["articles"]):
        yield _record_or_skip(record, f"{source}[articles][{index}]", unknown=unknown)
    for index, url in enumerate(lists["urls"]):
        yield Skipped(source=f"{source}[urls][{index}]", stage="ingest",
                      reason=f"a URL in a file is not fetched: give it ({url!r}) as an input to analyse it")
    others = sorted(set(data) - {"articles", "urls"})
    if others:
        yield Skipped(source=source, stage="warning",
                      reason=f"keys of the request body not read: {_name_fields(others, {'articles', 'urls'})}")


#: names people give a record's fields, and the field each is called here (suggested, not read: a record's
#: field names are its contract, and "source" or "date" may mean something else in someone's data)
FIELD_ALIASES = {
    "date": "published", "pubdate": "published", "pub_date": "published", "published_at": "published",
    "publication_date": "published", "date_published": "published", "datepublished": "published",
    "datetime": "published", "timestamp": "published", "time": "published", "created_at": "published",
    "source": "outlet", "publisher": "outlet", "site": "outlet", "sitename": "outlet", "site_name": "outlet",
    "newspaper": "outlet", "media": "outlet", "domain": "outlet", "feed": "outlet",
    "headline": "title", "heading": "title", "body": "text", "content": "text", "article": "text",
    "maintext": "text", "link": "url", "href": "url", "uri": "url", "byline": "author", "authors": "author",
    "writer": "author", "precision": "published_precision", "_id": "id", "uid": "id", "guid": "id",
}


RECORDS = "\0records"  # the key of an unknown-fields counter that counts the records holding one


def _name_fields(keys: Iterable[str], known: set[str]) -> str:
    """``keys`` quoted, each with the known field it may stand for: "'date' (did you mean 'published'?)"."""
    named = []
    for key in keys:
        guess = FIELD_ALIASES.get(key.lower().replace("-", "_"))
        if guess is None or guess not in known:
            close = difflib.get_close_matches(key.lower(), sorted(known), n=1, cutoff=0.75)
            guess = close[0] if close else None
        named.append(f"{key!r} (did you mean {guess!r}?)" if guess else repr(key))
    return ", ".join(named)


def _unknown_fields_warning(unknown: Counter[str], source: str) -> Iterator[Skipped]:
    """One warning for a file whose records hold fields not read (``unknown``: field -> records; its
    ``RECORDS`` key counts the records)."""
    records = unknown.pop(RECORDS, 0)
    if not unknown:
        return
    yield Skipped(source=source, stage="warning", reason=(
        f"fields not read (not record fields), in {records} record{'s' if records > 1 else ''}: "
        f"{_name_fields(sorted(unknown), RECORD_FIELDS)}; the fields read are {', '.join(sorted(RECORD_FIELDS))}"))


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return {dict: "an object", list: "a list", str: "a string"}.get(type(value), type(value).__name__)


def _type_problem(record: dict) -> str | None:
    """Why a record's or a manifest entry's known fields cannot be read as they are (a list for an outlet, a
    number for an id), or None.  Not guessed at: a list of outlets is not one outlet."""
    problems = []
    for key in sorted(RECORD_FIELDS & record.keys()):
        value = record[key]
        if value is None or key == "text":  # text: said with the record's other reason for having no text
            continue
        if key == "published_precision":
            if value not in ("day", "month", "year"):
                problems.append(f"field 'published_precision' must be \"day\", \"month\" or \"year\", not {value!r}")
        elif not isinstance(value, str):
            problems.append(f"field {key!r} must be a string (or null), not {_json_type(value)}: {shown(value)}")
        elif key in _BOUNDED_FIELDS:
            problems.extend(filter(None, [_length_problem(key, value)]))
    return "; ".join(problems) or None


#: the one-line fields of a record, a manifest entry or an ``Article`` given in Python, bounded, and why: the dossier
#: and its report repeat some (a 100,000-character id made a dossier of 1.3 GB of a text of 4 KB), and the service
#: refuses the others as long (``title``, ``url``)
_BOUNDED_FIELDS = {
    "id": (1_000, "an id is written in every span of the dossier"),
    "outlet": (1_000, "an outlet is written by every source marker of the report"),
    "title": (MAX_TITLE_CHARS, "a page's title is cut to as many, and the service refuses a longer one"),
    "url": (MAX_URL_CHARS, "the service refuses a longer address"),
}


def _length_problem(key: str, value: str | None) -> str | None:
    """Why ``value``, an article's field ``key``, is too long (:data:`_BOUNDED_FIELDS`), or None."""
    if key not in _BOUNDED_FIELDS or value is None or len(value) <= _BOUNDED_FIELDS[key][0]:
        return None
    limit, why = _BOUNDED_FIELDS[key]
    return f"field {key!r} is over {limit:,} characters ({len(value):,}): {why}"


def _record_or_skip(record: Any, where: str, *, unknown: Counter[str]) -> Article | Skipped:
    """A record (a JSON object, or a Parquet row of the columns read) as an article, or why not.  Its fields not read
    are counted in ``unknown``, said once for its file (:func:`_unknown_fields_warning`) whether its articles are
    analysed, left out as copies or skipped."""
    try:
        if not isinstance(record, dict):
            raise MalformedInput(where, "a record must be a JSON object with at least 'text'")
        others = [k for k in record if k not in RECORD_FIELDS | COMMENT_FIELDS]
        problem = _type_problem(record)
        if problem is not None:
            raise MalformedInput(where, problem)
        fields = {k: v for k, v in record.items() if k in RECORD_FIELDS}
        title = record.get("title")
        text = record.get("text")
        if not (isinstance(text, str) and text.strip()) and isinstance(title, str) and title.strip():
            fields["text"] = title  # a headline stream: the title is all there is to read
        elif not isinstance(text, str):
            what = "" if text is None else f" ('text' is {_json_type(text)})"
            hint = f"; fields not read: {_name_fields(others, RECORD_FIELDS)}" if others else ""
            raise MalformedInput(where, f"record has no 'text' string{what} (nor a 'title' to read instead){hint}")
        if fields.get("id") is None:
            fields["id"] = where.rsplit("/", 1)[-1]
        fields["source"] = where
        if looks_like_html(fields["text"]):  # a page saved as a record's text: read as the service reads one
            _fill_from_page(fields, read_page(fields["text"], where, url=fields.get("url")))
        article = _article_from_fields(fields, where)
        if others:
            unknown.update([*others, RECORDS])
        return article
    except IngestError as exc:
        return Skipped(source=exc.source, stage="ingest", reason=exc.reason)


def _fill_from_page(fields: dict[str, Any], page: dict[str, Any]) -> None:
    """A record's ``fields`` whose text is an HTML page: the text is the page's article, and its title, outlet,
    author and date are the page's where the record gives none, as the service reads a page pasted as a text."""
    fields["text"] = page["text"]
    for name in ("title", "outlet", "author", "published"):
        if fields.get(name) is None and page.get(name):
            fields[name] = page[name]
    if page.get("notes"):
        fields["notes"] = page["notes"]


PAGE_UNDATED = (f"{UNDATED}: the page gives no publication date in its metadata (meta tags, JSON-LD, <time>, "
                "its URL), and a date in its text is not taken for one; relative dates in it are not resolved")


def _article_from_fields(fields: dict[str, Any], source: str, *, undated: str | None = None) -> Article:
    """An article of ``fields``; ``undated`` is the warning it gets when it has no date (an HTML page: a
    text file or a record without a date is not warned about)."""
    fields = dict(fields)
    notes = fields.pop("notes", None) or []  # what reading a page found wrong with it
    precision = fields.pop("published_precision", None)
    raw_date = fields.pop("published", None)
    note = undated if raw_date is None or str(raw_date).strip() == "" else None
    try:
        published = read_published(raw_date)
    except ValueError as exc:
        published = None
        note = f"{UNDATED}: the published date could not be read ({exc})"
    if published is not None and precision in ("day", "month", "year") and precision != published.precision:
        cut = {"year": 4, "month": 7, "day": 10}[precision]
        published = PublishedDate.parse(published.value[:cut])
    for key in ("outlet", "title", "url", "author"):
        if fields.get(key) is not None:
            fields[key] = str(fields[key])
    article = Article(published=published, **fields)
    article._ingest_notes.extend(notes)
    if note is not None:
        article._ingest_notes.append(note)
    return article


# answers read as text: text/* (not code or style sheets), markup and records; an unnamed or generic type is sniffed
_TEXT_TYPE = re.compile(r"text/(?!css\b|javascript\b|ecmascript\b)[\w.+-]+|application/([\w.+-]*\+)?(xml|json)"
                        r"|application/(x-ndjson|ndjson|jsonl|x-jsonlines|json-seq|octet-stream)|binary/octet-stream")


def _not_text(content_type: str, content: bytes) -> str | None:
    """Why an answer of ``content_type`` is not an article to read (a PDF, an image, a script...), or None: a page
    or a feed is read whatever its type says.  An answer with no type or a generic one (``application/octet-stream``) is judged by its bytes: a PDF's are often
    ASCII, which the check for binary data lets through."""
    media = content_type.split(";", 1)[0].strip().lower()
    head = content[:4096].decode("utf-8", "replace")
    if media and not _TEXT_TYPE.fullmatch(media) and not (looks_like_html(head) or looks_like_feed(head)):
        # (a page or a feed under an odd type, application/x-httpd-php, is still read as what it is)
        return (f"the answer is {media}, not a page or text: pages (HTML), feeds, JSON records and plain text are read"
                + (" (convert a PDF to text first)" if media == "application/pdf" else ""))
    if content.lstrip()[:5] == b"%PDF-":
        return "the answer is a PDF document, not a page or text: convert it to text first"
    return None


def _read_url(url: str, settings: Settings, fetcher: Fetcher) -> Iterator[Article | Skipped]:
    """What an address gives.  Its user name and password (``https://user:secret@host/``), if any, are sent to fetch
    it and written nowhere else: not in an article's ``url``, ``source`` or outlet (a page's host name), nor in a
    skipped input's or an error's source and reason, all of which the dossier, its report and the logs show."""
    userinfo = _userinfo(url)
    if not userinfo:
        yield from _read_page_or_feed(url, settings, fetcher)
        return

    def hidden(text: str | None) -> str | None:
        # as given, and in any other form (the HTTP client gives the page's address back percent-encoded: "p^ss" is
        # "p%5Ess" in the url read from its answer)
        return _URL_USERINFO.sub("", text.replace(userinfo, "")) if text else text

    try:
        for outcome in _read_page_or_feed(url, settings, fetcher):
            if isinstance(outcome, Skipped):
                yield outcome.model_copy(update={"source": hidden(outcome.source), "reason": hidden(outcome.reason)})
                continue
            for name in ("id", "url", "source", "outlet"):
                setattr(outcome, name, hidden(getattr(outcome, name)))
            yield outcome
    except IngestError as exc:
        exc.source, exc.reason = hidden(exc.source), hidden(exc.reason)
        exc.args = (f"{exc.source}: {exc.reason}",)
        raise


#: the user name and password of an address within a text ("https://user:secret@host/": "user:secret@")
_URL_USERINFO = re.compile(r"(?<=://)[^/?#\s]*@")


def _userinfo(url: str) -> str:
    """An address's user name and password with the ``@`` after them (``"user:secret@"``), or ``""``."""
    netloc = urlsplit(url).netloc
    return netloc.rpartition("@")[0] + "@" if "@" in netloc else ""


def _read_page_or_feed(url: str, settings: Settings, fetcher: Fetcher) -> Iterator[Article | Skipped]:
    fetched = fetcher.fetch(url)
    problem = _not_text(fetched.content_type, fetched.content)
    if problem is not None:
        raise BinaryInput(url, problem)
    text = decode_text(fetched.content, url, max_bytes=settings.fetch_max_bytes,
                       encoding=declared_encoding(fetched.content_type, fetched.content))
    ctype = fetched.content_type.lower()
    if ("rss" in ctype or "atom" in ctype or (("xml" in ctype) and "<html" not in text[:4096].lower())
            or looks_like_feed(text)):  # a feed served as text/html, text/plain or with no type is still a feed
        yield from _read_feed(text, url, fetcher=fetcher, settings=settings, base=fetched.url)
        return
    feed = _json_feed(text) if "json" in ctype else None
    if feed is not None:  # a JSON Feed (application/feed+json): its items, as a feed's entries
        yield from _feed_entries(feed, url, fetcher=fetcher, settings=settings, base=fetched.url)
        return
    if "json" in ctype:  # records, as a .json or .jsonl file holds them (application/x-ndjson, jsonl: one a line)
        yield from _read_records(text, url, jsonl="nd" in ctype or "jsonl" in ctype or "lines" in ctype)
        return
    ident = "url-" + hashlib.sha1(url.replace(_userinfo(url), "", 1).encode("utf-8")).hexdigest()[:10]
    page = "html" in ctype or looks_like_html(text)
    # the answer's address without a user name and password, which the HTTP client writes percent-encoded: the
    # page's extractor names its outlet by its host and logs it
    address = without_userinfo(fetched.url)
    if page:
        fields = read_page(text, url, url=address, fetched=True, refresh=fetched.refresh,
                           refresh_delay=fetched.refresh_delay)
    else:
        fields = {"text": text, "url": address}
    fields.update({"id": ident, "source": url})
    fields["url"] = fields.get("url") or address
    yield _article_from_fields(fields, url, undated=PAGE_UNDATED if page else None)


def _read_feed(
    text: str, source: str, *, fetcher: Fetcher | None = None, settings: Settings | None = None,
    base: str | None = None,
) -> Iterator[Article | Skipped]:
    """A feed's entries: their full content when the feed carries it, else the linked page.

    A feed whose XML is broken (feedparser's ``bozo`` flag with an XML error) is reported as malformed when no
    entry with text could be read from it; when some could, they are kept and the others' reasons say the feed
    is malformed.  An entry without enough text is fetched from its link only when the feed came from a URL
    (``fetcher``); in a local feed file its reason says so."""
    # a stream, never a str or bytes: feedparser opens a str or bytes that looks like a path or a URL; the text is
    # decoded already and given as UTF-8, so its XML declaration says so (a UTF-16 feed's "UTF-16" had the XML
    # parser read the UTF-8 bytes as UTF-16: "not well-formed")
    parsed = feedparser.parse(io.BytesIO(_XML_ENCODING.sub(r"\1utf-8\2", text, count=1).encode("utf-8")))
    broken = _xml_error(parsed)
    if not parsed.entries and broken is None and looks_like_feed(text):
        raise EmptyInput(source, _NO_ENTRIES)
    if not parsed.entries:
        raise MalformedInput(source, broken or "not a feed with entries (RSS or Atom)")
    outcomes = list(_feed_entries(parsed, source, fetcher=fetcher, settings=settings, base=base or source))
    if broken is None:
        yield from outcomes
        return
    if not any(isinstance(o, Article) and o.text.strip() for o in outcomes):
        raise MalformedInput(source, f"{broken}: no entry with text could be read")
    for outcome in outcomes:
        if isinstance(outcome, Skipped):
            outcome.reason = f"{outcome.reason}; {broken}"
        yield outcome


# the encoding named in a leading XML declaration: <?xml version="1.0" encoding="UTF-16"?>
_XML_ENCODING = re.compile(r"""(\A\s*<\?xml[^>]*?\bencoding\s*=\s*["'])[^"']*(["'])""")


# a document whose root element is a feed's: RSS, Atom or RSS 1.0 (RDF), after an XML declaration, processing
# instructions (a style sheet), comments and a doctype
_FEED_ROOT = re.compile(r"\A\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)[\s>/]",
                        re.IGNORECASE | re.DOTALL)


def looks_like_feed(text: str) -> bool:
    """Whether ``text`` is an RSS or Atom feed by its root element, whatever it was served as."""
    return bool(_FEED_ROOT.match(text[:20_000]))


def _xml_error(parsed: Any) -> str | None:
    """The feed's XML error, said in a few words, or None (feedparser's other ``bozo`` reasons, such as a
    declared encoding it overrode, leave the feed readable)."""
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not isinstance(exc, xml.sax.SAXException):
        return None
    where = f", line {exc.getLineNumber()}" if isinstance(exc, xml.sax.SAXParseException) else ""
    return f"malformed feed XML ({exc.getMessage()}{where})"


def _entry_date(entry: Any) -> str | None:
    """An entry's date: its ``published``, else its ``updated`` (Atom entries often have only that), else
    ``created``; to the day, or to the month or year when that is all the feed gives.  A date feedparser could
    not read is returned as written, to be read (or reported as unreadable) like a record's."""
    unread = None
    for key in ("published", "updated", "created"):
        # dict.get: FeedParserDict.get maps a missing 'updated' to 'published' (with a DeprecationWarning)
        raw, when = dict.get(entry, key), dict.get(entry, f"{key}_parsed")
        if when:
            if isinstance(raw, str) and re.fullmatch(r"\d{4}(-\d{2})?", raw.strip()):
                return raw.strip()  # a year or a month: not the first day of it
            if isinstance(raw, str):  # the day as the feed writes it, in its own time zone: feedparser's is in UTC,
                try:  # a day late for an evening in the Americas ("Mon, 30 Aug 2010 23:30:00 -0500")
                    written = read_published(raw)
                except ValueError:
                    written = None
                if written is not None and written.precision == "day":
                    return written.value
            return "{:04d}-{:02d}-{:02d}".format(*when[:3])
        if unread is None and isinstance(raw, str) and raw.strip():
            unread = raw.strip()
    return unread


_NO_ENTRIES = "a feed with no entries: nothing to read"


def _feed_entries(
    parsed: Any, source: str, *, fetcher: Fetcher | None, settings: Settings | None, base: str | None = None
) -> Iterator[Article | Skipped]:
    if not parsed.entries:  # a JSON Feed's empty items: said, not passed over in silence
        raise EmptyInput(source, _NO_ENTRIES)
    outlet = bounded(parsed.feed.get("title"), MAX_NAME_CHARS)  # the outlet of every entry: the feed's to set
    base = base or source  # the feed's own address, after redirects
    if is_url(base):  # a link relative to the feed ("/story/1", "story.html") is the page it names there
        for entry in parsed.entries:
            if entry.get("link") and not is_url(entry["link"]):
                entry["link"] = urljoin(base, entry["link"])
    read = [_entry_text(entry, f"{source}#{index}") for index, entry in enumerate(parsed.entries)]
    follow = [
        isinstance(fields, dict) and bool(entry.get("link")) and fetcher is not None and settings is not None
        and len(fields["text"].strip()) < settings.min_article_chars * 5
        for entry, fields in zip(parsed.entries, read, strict=True)
    ]
    # the links past the first feed_max_links (distinct) are not fetched: a feed of thousands of entries would keep
    # a server's job fetching for hours; each is reported, naming the setting
    links = list(dict.fromkeys(entry["link"] for entry, go in zip(parsed.entries, follow, strict=True) if go))
    limit = settings.feed_max_links if settings is not None else len(links)
    beyond = set(links[limit:])
    if fetcher is not None:  # the entries' pages are fetched a few at a time while the earlier ones are read
        fetcher.prefetch(dict.fromkeys(links[:limit]))
    followed: dict[str, tuple[str, str | None]] = {}  # link -> the entry that followed it, the article it gave
    superseded = _superseded_versions(parsed.entries, read, follow, source)
    links = Counter(str(entry["link"]) for entry in parsed.entries if entry.get("link"))  # (see _entry_identity)
    for index, (entry, fields, go) in enumerate(zip(parsed.entries, read, follow, strict=True)):
        where = f"{source}#{index}"
        link = entry.get("link")
        try:
            if isinstance(fields, IngestError):
                raise fields
            if index in superseded:
                kept, reason = superseded[index]
                yield Skipped(source=where, stage="duplicate", duplicate_of=_entry_article_id(parsed.entries[kept],
                              f"{source}#{kept}"), reason=reason)
                continue
            if go and link in beyond:
                yield Skipped(source=where, stage="ingest", reason=(
                    f"not fetched: only the first {limit} links of a feed are followed (setting feed_max_links); "
                    f"give the link ({link}) as an input to analyse that page"))
                continue
            if go and link in followed:  # a feed listing one page twice: fetched and read once
                first, article_id = followed[link]
                yield Skipped(source=where, stage="duplicate", duplicate_of=article_id,
                              reason=f"the feed lists the same link as {first} ({link}): read once")
                continue
            if go:
                followed[link] = (where, None)
                for outcome in _read_url(link, settings, fetcher):
                    if isinstance(outcome, Article):
                        _fill_from_entry(outcome, entry, outlet)
                        followed[link] = (where, outcome.id)
                    yield outcome
                continue
            length = len(fields["text"].strip())
            markup_only = fields.pop("markup_only", False)
            if (fetcher is None and length < (settings.min_article_chars if settings else 1)) or length == 0:
                hint = (f"; its link is followed only when the feed itself is given by URL: give the link ({link}) "
                        "as an input to analyse that page") if link and fetcher is None else ""
                what = (" (markup only: images or embedded media, no words, and no title)" if markup_only
                        else f" ({length} characters)")
                named = f" {shown(str(entry['id']))}" if entry.get("id") else ""  # its guid: which entry
                raise EmptyInput(where, f"too little text in the feed entry{named}{what}{hint}")
            fields.update({
                "id": _entry_article_id(entry, where),
                "title": bounded(entry.get("title"), MAX_TITLE_CHARS),  # as a page's title is cut
                "url": link,
                "outlet": outlet,
                "published": _entry_date(entry),
                "source": where,
            })
            article = _article_from_fields(fields, where)
            article._entry_key = _entry_identity(entry, links)
            article._entry_moment = _entry_moment(entry)
            yield article
        except IngestError as exc:
            yield Skipped(source=exc.source, stage="ingest", reason=exc.reason)


def _entry_article_id(entry: Any, where: str) -> str:
    """The id of the article a feed entry with its own text gives: from its id, else its link, else its place."""
    key = entry.get("id") or entry.get("link") or where
    return "feed-" + hashlib.sha1(str(key).encode("utf-8")).hexdigest()[:10]


def _entry_identity(entry: Any, links: Counter[str]) -> str | None:
    """A feed entry's identity across feeds: its id when that is a URI (an Atom id, a permalink guid, a ``tag:`` or
    ``urn:``), else its link when its feed gives that link to no other entry (``links``: how many entries of the feed
    have each); None otherwise.  An id such as ``42`` is the entry's in its own feed only, and a link several entries
    share (a live page, a front page) names none of them."""
    ident = entry.get("id")
    if isinstance(ident, str) and re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:\S", ident.strip()):
        return "id " + ident.strip()
    link = entry.get("link")
    return "link " + str(link).strip() if link and links[str(link)] == 1 else None


def _later_version(kept: Article, other: Article) -> bool:
    """Whether ``other``, the same feed entry as ``kept`` read from another feed, is the version to read: the one
    updated last; at equal or unknown times, the longer text (a feed carrying an entry's summary, another its full
    text); else the one read first."""
    if kept._entry_moment is not None and other._entry_moment is not None and kept._entry_moment != other._entry_moment:
        return other._entry_moment > kept._entry_moment
    if (kept._entry_moment is None) != (other._entry_moment is None):
        return other._entry_moment is not None
    return len(other.text.strip()) > len(kept.text.strip())


def _superseded_versions(
    entries: list[Any], read: list[dict[str, Any] | IngestError], follow: list[bool], source: str
) -> dict[int, tuple[int, str]]:
    """The entries a feed lists again under the same id (else the same link) with text of their own: an entry
    updated, the feed keeping both versions.  The version updated last (its ``updated``, else ``published``) is
    read; with no dates to tell them apart, the one listed first (feeds list the newest first).  Returns each other
    version's index -> (the index of the one read, the reason).  Entries whose link is followed are left to the
    fetch, which reads a link once."""
    versions: dict[str, list[int]] = {}
    for index, (entry, fields, go) in enumerate(zip(entries, read, follow, strict=True)):
        key = entry.get("id") or entry.get("link")
        if key and not go and isinstance(fields, dict) and fields["text"].strip():
            versions.setdefault(str(key), []).append(index)
    superseded: dict[int, tuple[int, str]] = {}
    for key, indices in versions.items():
        if len(indices) < 2:
            continue
        moments = {index: _entry_moment(entries[index]) for index in indices}
        # the latest dated version; among undated ones, or equal dates, the first listed
        kept = min(indices, key=lambda index: (moments[index] is None,
                                               -(moments[index] or _EPOCH).timestamp(), index))
        kind = "id" if entries[kept].get("id") else "link"
        for index in indices:
            if index != kept:
                when = (f"the version of {moments[kept]:%Y-%m-%d %H:%M} UTC" if moments[kept] is not None
                        and moments[kept] != moments[index] else "the version listed first")
                superseded[index] = (kept, f"another version of the entry {source}#{kept} (the same {kind}, {key}): "
                                     f"{when} is read")
    return superseded


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _entry_moment(entry: Any) -> datetime | None:
    """When a feed entry was last updated (its ``updated``, else ``published``), in UTC, or None."""
    for key in ("updated", "published"):
        when = dict.get(entry, f"{key}_parsed") if isinstance(entry, dict) else None
        if when:
            return datetime(*when[:6], tzinfo=UTC)
        raw = dict.get(entry, key) if isinstance(entry, dict) else None
        if isinstance(raw, str) and raw.strip():
            try:
                moment = datetime.fromisoformat(raw.strip())
            except ValueError:
                continue
            return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return None


def _fill_from_entry(article: Article, entry: Any, outlet: str | None) -> None:
    """Fill what the page fetched from a feed entry's link does not say from the entry: its title, its date (a
    page without a date in its metadata is dated by the feed, or made finer by it as a second copy's date is)
    and the feed's title as the outlet (also over an outlet that is only the link's host name, trafilatura's
    guess when the page names no site).  What the page says is kept."""
    if outlet and article.outlet is not None and article.url:
        parts = urlsplit(article.url)
        hosts = {(parts.hostname or "").lower(), parts.netloc.lower().rpartition("@")[2]}  # with its port or not
        if article.outlet.lower() in hosts | {host.removeprefix("www.") for host in hosts}:
            article.outlet = None
    try:
        published = read_published(_entry_date(entry))
    except ValueError:
        published = None
    title = entry.get("title")
    said = Article(id=article.id, text=article.text, published=published,
                   title=bounded(str(title), MAX_TITLE_CHARS) if title else None, outlet=str(outlet) if outlet else None)
    _merge_metadata(article, said)


def _entry_text(entry: Any, where: str) -> dict[str, Any] | IngestError:
    """The text a feed entry carries (its content, else its summary, else its title: a feed of headlines, as a
    record with a title and no text is read), as fields, or why it cannot be read."""
    body = ""
    if entry.get("content"):
        body = entry["content"][0].get("value", "")
    body = body or entry.get("summary", "")
    if not body.strip() and isinstance(entry.get("title"), str) and entry["title"].strip():
        return {"text": entry["title"]}
    try:
        if body and _looks_like_markup(body):
            return extract_html(f"<html><body>{body}</body></html>", where, url=entry.get("link"))
        return {"text": body}
    except IngestError as exc:
        if exc.reason == NO_VISIBLE_TEXT:  # markup and no words (an image, an embedded video): its title, else none
            if isinstance(entry.get("title"), str) and entry["title"].strip():
                return {"text": entry["title"]}
            return {"text": "", "markup_only": True}
        return type(exc)(where, f"the feed entry's content: {exc.reason}")


def _looks_like_markup(text: str) -> bool:
    return bool(re.search(r"<(p|div|br|span|a)\b", text[:2000], re.I))
