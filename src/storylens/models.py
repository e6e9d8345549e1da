"""Typed records that flow through storylens, and the dossier contract.

Every item the dossier reports carries at least one :class:`Span`: a character range
into the text of one article, exactly as that article's text was given (a ``.txt``
file's content or the JSONL ``text`` field), so that ``text == article.text[start:end]``.

The JSON written by :meth:`Dossier.to_json` is a versioned contract
(``SCHEMA_VERSION``); ``schema/dossier.schema.json`` is generated from these models
(``storylens schema``) and a test keeps the two equal.  Minor versions only add fields.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from datetime import date, datetime
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from .errors import shown

SCHEMA_VERSION = "1.8.0"

Precision = Literal["day", "month", "year"]
EntityType = Literal[
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "MISC"
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Record):
    """A character range ``[start, end)`` in one article's text, with the text it covers."""

    article_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


def _time_of_day_error(timestamp: str) -> str | None:
    """Why an ISO timestamp's time of day is one no clock shows ("2026-01-01T25:00:00", "T23:61"), else None; a time
    written in another way ("T10:00:00 GMT") is not read, and its day stands."""
    try:
        datetime.fromisoformat(timestamp)
    except ValueError as exc:
        if "must be in" in str(exc):  # the form of a time, a number out of its range
            return f"no such time of day: {shown(timestamp)} ({exc})"
    return None


class PublishedDate(_Record):
    """A publication date known to a day, a month or a year."""

    value: str = Field(description="YYYY-MM-DD, YYYY-MM or YYYY")
    precision: Precision

    @classmethod
    def parse(cls, raw: str | None) -> PublishedDate | None:
        """Read ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (an ISO timestamp is cut to its day)."""
        if raw is None or str(raw).strip() == "":
            return None
        text = str(raw).strip()
        parts = text[:10].split("-")
        time_error = None
        try:
            if len(parts) >= 3 and len(text) >= 10:
                day = date.fromisoformat(text[:10])
                if len(text) > 10 and text[10] in "T ":
                    time_error = _time_of_day_error(text)
                if time_error is None:
                    return cls(value=day.isoformat(), precision="day")
            if len(parts) == 2:
                year, month = int(parts[0]), int(parts[1])
                date(year, month, 1)
                return cls(value=f"{year:04d}-{month:02d}", precision="month")
            if len(parts) == 1 and len(parts[0]) == 4:
                year = int(parts[0])
                date(year, 1, 1)
                return cls(value=f"{year:04d}", precision="year")
        except ValueError:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text[:10]) and len(parts) >= 3:  # the form, and no such day
                raise ValueError(f"no such day in the calendar: {shown(raw)} (YYYY-MM-DD)") from None
            if re.fullmatch(r"\d{4}-\d{2}", text):
                raise ValueError(f"no such month: {shown(raw)} (YYYY-MM)") from None
        if time_error:
            raise ValueError(time_error)
        raise ValueError(f"not a date of the form YYYY-MM-DD, YYYY-MM or YYYY: {shown(raw)}")

    def anchor(self) -> date:
        """The first day the date can mean (used to order articles)."""
        parts = [int(p) for p in self.value.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])


#: characters a reader does not see, which copies of one text carry or not: a soft hyphen, a zero-width space, a
#: word joiner, a byte-order mark inside the text
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def as_seen(text: str) -> str:
    """``text`` as a reader sees it, so that copies a reader cannot tell apart are one string: its accented letters
    in one encoding (Unicode NFC: "é" as one character, not "e" and a combining accent) and without invisible
    characters (soft hyphens, zero-width spaces, word joiners, a byte-order mark).  The content hash, the store's
    search and SQLite's ``lower()`` read texts so."""
    return text if text.isascii() else _INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def content_hash(text: str) -> str:
    """A stable hash of an article's text, blind to whitespace runs and case, to how its accented letters are
    encoded (Unicode NFC: "é" as one character or as "e" and an accent) and to invisible characters (soft
    hyphens, zero-width spaces): copies a reader cannot tell apart are one text (:func:`as_seen`)."""
    text = as_seen(text)
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


#: no-break spaces (U+00A0, figure space U+2007, narrow U+202F), read as spaces in an article's text
_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " "})
#: C0 control characters but tab, line feed, form feed and carriage return
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
#: a terminal's control sequence pasted with a text (ECMA-48: "\x1b[31m" colours a terminal's text red, "\x1b]0;...\x07"
#: names its window): a control sequence introducer (ESC "[" or the 8-bit CSI) with its parameters and final byte, an
#: operating system command to its terminator on its line, or ESC and one more character; a lone ESC at the text's end
TERMINAL_SEQUENCES = re.compile(r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)|\x1b[ -~]?")
#: a UTF-16 surrogate standing alone (JSON's "\\ud800" unpaired): not a character, and no UTF-8 encodes it
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(value: str) -> str:
    """``value`` with each unpaired surrogate replaced by U+FFFD, one character for one (offsets unchanged): such a
    string cannot be written as UTF-8, to a database, a file or an answer."""
    return _LONE_SURROGATE.sub("\ufffd", value) if _LONE_SURROGATE.search(value) else value


#: a submitted article's ``source``: its number in the submission, then its title or its address when it gives one
_SUBMISSION_SOURCE = re.compile(r'article \d+(?: ".*"| <[^<>]*>)?', re.DOTALL)
#: the longest part of a title a submitted article's ``source`` quotes
_SOURCE_TITLE_CHARS = 80


def submission_source(number: int, title: str | None = None, address: str | None = None) -> str:
    """How an article submitted to the service is named where it is listed (a skipped input, a warning, on the job's
    page and in its JSON): ``article 2``, as an error at submission numbers it, with its title (``article 2 "Pier
    reopens"``, cut to 80 characters), else its address (``article 2 <https://...>``; give it without user name and
    password), so that a user knows it (it had been ``request[2]``)."""
    title = " ".join((title or "").split())
    if title:
        cut = title if len(title) <= _SOURCE_TITLE_CHARS else title[:_SOURCE_TITLE_CHARS - 1].rstrip() + "…"
        return f'article {number} "{cut}"'
    address = (address or "").strip()
    if address and not any(c in address for c in "<>") and not any(c.isspace() for c in address):
        return f"article {number} <{address}>"
    return f"article {number}"


def is_submission_source(source: str | None) -> bool:
    """Whether ``source`` names an article submitted to the service (:func:`submission_source`), which has no file;
    ``request[N]`` as well, as earlier versions named one."""
    return bool(source) and (source.startswith("request[") or _SUBMISSION_SOURCE.fullmatch(source) is not None)


#: the user name and password of an address that urlsplit refuses: what is before the last "@" of its authority
_USERINFO_OF_UNREADABLE = re.compile(r"^([^/?#]*//)[^/?#]*@")


def without_userinfo(url: str) -> str:
    """``url`` without the user name and password it may carry (``https://user:secret@host/`` gives
    ``https://host/``), as a log line names it and an article keeps it; also from an address urlsplit cannot read
    (``http://user:secret@[::1/`` gives ``http://[::1/``), as the authority before its first ``/``, ``?`` or ``#``."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL ("http://[::1" unclosed), its user name and password left out all the same
        return _USERINFO_OF_UNREADABLE.sub(r"\1", url, count=1)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2])) if "@" in parts.netloc else url


class Article(_Record):
    """One news report, as ingested."""

    id: str
    text: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: PublishedDate | None = None
    language: str | None = None
    source: str | None = Field(default=None, description="where it was read from (a path or URL)")
    content_hash: str = ""
    #: what ingest noted about the article while reading it (a date it could not read...); listed in the
    #: dossier's ``skipped`` as warnings once the article is admitted.  Not part of the article's data.
    _ingest_notes: list[str] = PrivateAttr(default_factory=list)
    #: what the notes are listed under when the article has no ``source`` (an ``Article`` given in Python): the id
    #: the caller gave it, when ingest made it unique (``x`` -> ``x-2``), as the caller knows it by that id
    _note_source: str | None = PrivateAttr(default=None)
    #: a feed entry's identity across feeds (its id when that is a URI, else its link) and when it was last updated:
    #: the same entry in two feeds is one article, read in its latest version
    _entry_key: str | None = PrivateAttr(default=None)
    _entry_moment: datetime | None = PrivateAttr(default=None)

    @field_validator("id", "outlet", "url", "title", "author", "source")
    @classmethod
    def _drop_control_characters(cls, value: str | None) -> str | None:
        """A one-line field holds no control character (a NUL, an escape...): they are dropped, as no reader can
        see them, and PostgreSQL cannot store a NUL at all.  Tabs and line breaks are kept.  An unpaired surrogate
        becomes U+FFFD."""
        if value is not None and _CONTROL_CHARS.search(value):
            value = _CONTROL_CHARS.sub("", value)
        return replace_lone_surrogates(value) if value is not None else value

    @field_validator("url")
    @classmethod
    def _without_userinfo(cls, value: str | None) -> str | None:
        """An address's user name and password are written nowhere (the dossier, its reports, the store): an
        article given with ``https://user:secret@host/page`` as its address keeps ``https://host/page``."""
        return without_userinfo(value) if value is not None and "@" in value else value

    @field_validator("text")
    @classmethod
    def _replace_lone_surrogates(cls, value: str) -> str:
        """An unpaired surrogate becomes U+FFFD, and a no-break space (U+00A0, U+2007, U+202F) a plain space: spaCy
        makes a no-break space a token of its own, which cut a name in two ("Kenneth McKenzie" two people), as an
        HTML page's ``&nbsp;`` already became a space.  A terminal's control sequence pasted with the text ("\\x1b[31m",
        which colours what follows red) becomes as many spaces (since 2026-12-07: its letters and digits had been read
        as a name, "\\x1b[31mERROR\\x1b[0" an organisation).  One character for one, so offsets into the given text
        hold."""
        if not value.isascii():
            value = value.translate(_NO_BREAK_SPACES)
        if "\x1b" in value or "\x9b" in value:
            value = TERMINAL_SEQUENCES.sub(lambda m: " " * len(m.group()), value)
        return replace_lone_surrogates(value)

    @field_validator("published", mode="before")
    @classmethod
    def _parse_published(cls, value: object) -> object:
        """Accept a PublishedDate, or a string: "YYYY-MM-DD", "YYYY-MM", "YYYY", or a date as people write it with
        a four-digit year ("June 19, 2026", "19/06/2026", day first), read as files, records and the service read
        it (:func:`storylens.ingest.dates.read_published`); a string it cannot read is refused, saying so.  A
        ``datetime.date`` or ``datetime.datetime`` is its day (a datetime's own, in its own time zone)."""
        if isinstance(value, date):  # a datetime is a date too: its day as it gives it, not converted to UTC
            return PublishedDate.parse(f"{value.year:04d}-{value.month:02d}-{value.day:02d}")
        if isinstance(value, str):
            from .ingest.dates import read_published  # ingest imports this module

            return read_published(value)
        return value

    def model_post_init(self, __context: object) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)


class Skipped(_Record):
    """An input that could not be analysed, and why: kept, reported, never silently dropped.  With the stage
    ``warning`` (1.4.0), an input that was analysed, with something the reader should know (a date that could
    not be read, so the article is undated)."""

    source: str
    stage: Literal["ingest", "language", "duplicate", "parse", "extract", "warning"] = Field(
        description="where it was stopped; 'warning' (1.4.0): analysed, with the note in 'reason'")
    reason: str
    duplicate_of: str | None = None

    @field_validator("source", "reason", "duplicate_of")
    @classmethod
    def _replace_lone_surrogates(cls, value: str | None) -> str | None:
        """A file name that is not UTF-8 reaches Python with its bad bytes as lone surrogates: U+FFFD here, so the
        dossier can be written as UTF-8."""
        return replace_lone_surrogates(value) if value is not None else value


class Mention(_Record):
    """One place an entity is named or described in one article."""

    span: Span
    label: EntityType
    kind: Literal["name", "title", "acronym"] = "name"


class Role(_Record):
    """A title or function the text gives an entity, in one article (and so at its date)."""

    title: str
    organisation: str | None = None
    article_id: str
    date: str | None = Field(default=None, description="publication date of the article that says so")
    span: Span


class Entity(_Record):
    """A person, organisation, place or group, merged across the story's articles."""

    id: str
    name: str
    type: EntityType
    roles: list[Role] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    quote_ids: list[str] = Field(default_factory=list, description="ids of the statements attributed to it")


class Speaker(_Record):
    """Who a statement is attributed to: an entity of the story, or a description kept as such."""

    name: str | None = None
    entity_id: str | None = None
    span: Span | None = None
    kind: Literal["person", "institution", "group", "anonymous", "document", "unresolved"] | None = Field(
        default=None,
        description="person or institution (an entity of the story), group (e.g. 'critics', 'ministers'), "
        "anonymous ('sources', 'one Roma'), document ('a report', 'the resolution'), or unresolved",
    )
    resolved_from: str | None = Field(
        default=None, description="the words that were resolved to the entity, when a pronoun or a title"
    )


class Quote(_Record):
    id: str
    article_id: str
    speaker: Speaker
    cue: Span | None = None
    content: Span
    kind: Literal["direct", "indirect", "mixed"]
    content_parts: list[Span] = Field(
        default_factory=list,
        description="added in 1.2.0: the pieces of a content that its cue clause interrupts ('[I thought about "
        "it], Kouchner told RTL radio. [What would it have achieved?]'); the content span covers them and the "
        "clause; empty when the content is one piece",
    )
    co_speakers: list[Speaker] = Field(
        default_factory=list,
        description="added in 1.6.0: the other speakers when the source names several joined by 'and' ('Manchin "
        "and Murkowski said'): each an entity of the story, with the span of the words that name it; the statement "
        "is theirs as much as the speaker's (``speaker`` is the last one named); empty when the source names one",
    )

    @property
    def speakers(self) -> list[Speaker]:
        """The speaker, then the co-speakers ("Manchin and Murkowski said": both)."""
        return [self.speaker, *self.co_speakers]

    @property
    def said(self) -> str:
        """What was said, for display: without the cue clause that interrupts it (its pieces joined by an
        ellipsis), and a piece wholly inside one pair of quotation marks without them and without the comma
        that hands over to the cue ('"It is a pattern,"' -> 'It is a pattern'); the spans keep both."""
        pieces = self.content_parts or [self.content]
        return " … ".join(_unquoted(p.text) for p in pieces)


#: Opening quotation marks and the closing mark each pairs with.
_QUOTE_PAIRS = {'"': '"', "“": "”", "‘": "’", "'": "'"}


def _unquoted(text: str) -> str:
    """``text`` without the one pair of quotation marks around all of it, and a comma left before the closer."""
    closer = _QUOTE_PAIRS.get(text[:1])
    if closer is None or len(text) < 3 or text[-1] != closer:
        return text
    inner = text[1:-1]
    if text[0] in inner or closer in inner:
        return text  # '"a" and "b"': two quotations, not one wrapping the whole
    return inner.rstrip(",").rstrip()


class StatementGroup(_Record):
    """One statement as several articles report it, and how their reports differ."""

    id: str
    quote_ids: list[str]
    speakers: list[str] = Field(description="entity ids, or the speaker's own words when not an entity")
    differences: list[str] = Field(default_factory=list)


class Period(_Record):
    start: str | None = None
    end: str | None = None


class Claim(_Record):
    id: str
    article_id: str
    span: Span
    value: float | None = None
    value_max: float | None = None
    approx: Literal["exact", "about", "over", "under", "at_least", "at_most", "range", "vague"]
    unit: str | None = None
    kind: Literal["count", "money", "percent", "fraction", "measure", "other"]
    counts: str | None = None
    period: Period | None = None
    attributed_to: str | None = None


class ClaimGroup(_Record):
    id: str
    claim_ids: list[str]
    relation: Literal["agree", "conflict", "different-scope", "different-time"]
    reason: str


class TimeExpression(_Record):
    article_id: str
    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str


class TimelineEntry(_Record):
    """One event on the story's timeline, with every source sentence that dates it."""

    date: str = Field(description="TIMEX3 value: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-SP|SU|FA|WI, YYYY-Qn, "
                                  "YYYY-Hn or YYYY")
    precision: Literal["day", "week", "month", "season", "quarter", "half", "year"] = Field(
        description="1.3.0: season, quarter and half added")
    event: str = Field(description="the verb and its arguments, in the text's words")
    sources: list[Span]
    other_dates: list[str] = Field(default_factory=list, description="dates other sources give the same event")
    anchors: list[Span] = Field(
        default_factory=list,
        description="the event's head word (one token: its verb, or the noun a date is set on) in each source "
                    "that dates it"
    )
    until: str | None = Field(
        default=None,
        description="added in 1.7.0: where the event ran over a span of time, the span's end, as 'date' is written "
                    "('Between 1991 and 1998': date 1991, until 1998); null for an event of one date"
    )

    @property
    def when(self) -> str:
        """The entry's date as the reports write it: "1991 to 1998" for a span of time, else its date."""
        return f"{self.date} to {self.until}" if self.until else self.date


class SummarySentence(_Record):
    text: str
    citations: list[Span]


class VoiceShare(_Record):
    """How much one outlet lets one category of speaker talk."""

    article_id: str
    category: str
    statements: int
    words: int
    share_of_words: float = Field(description="this category's words of attributed content / all such words in the article")
    speakers: list[str] = Field(default_factory=list)


class LabelRow(_Record):
    """How each outlet names one entity or group: its words, with a span for each."""

    entity_id: str
    name: str
    by_article: dict[str, list[str]] = Field(description="article id -> the phrases that article uses")
    spans: list[Span] = Field(default_factory=list)


class LoadedTerm(_Record):
    """A loaded or stigmatising word in context, with the guidance that names it."""

    term: str
    category: str
    note: str
    source: str
    span: Span
    quoted: bool = Field(description="whether it stands in someone else's words: inside quotation marks, a statement "
                                     "given as direct speech, or the quoted fragment of a mixed one (1.3.0: an "
                                     "indirect statement's wording is the outlet's own)")


class ToneRow(_Record):
    """The tone of one article toward one entity, from the clauses that mention it (a lexicon score)."""

    entity_id: str
    name: str
    article_id: str
    score: float = Field(description="mean VADER compound score of the clauses naming the entity, -1 to 1")
    label: Literal["positive", "neutral", "negative"]
    clauses: int = Field(description="how many clauses were scored")
    own_words_score: float | None = Field(default=None, description="the same, over clauses in the outlet's own words")
    quoted_score: float | None = Field(default=None, description="the same, over clauses inside attributed statements")
    most_negative: Span | None = None
    most_positive: Span | None = None


class CoverageRow(_Record):
    """One fact of the story and the sources that report it."""

    kind: Literal["claim_group", "claim", "statement", "event"]
    ref: str = Field(description="id of the claim group (figures agreeing or disputed: one fact), of the claim "
                     "(added in 1.8.0: a figure that a group compares with one of a different time or scope, "
                     "which is a fact of its own), or of the statement group, or the timeline date")
    description: str
    reported_by: list[str]
    left_out_by: list[str]


class SharedPassage(_Record):
    """Text shared near-verbatim by two articles (wire copy, rewrites)."""

    spans: list[Span]
    words: int


class ArticleInfo(_Record):
    """The article metadata the dossier lists (texts stay in the store and the report)."""

    id: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_precision: Precision | None = None
    url: str | None = None
    author: str | None = Field(default=None, description="the byline, as the page or record gives it (1.5.0)")
    language: str | None = None
    content_hash: str | None = None
    text: str = Field(default="", description="the article's text: every span's offsets index into it")
    sentences: list[tuple[int, int]] = Field(
        default_factory=list, description="character ranges [start, end) of the article's sentences"
    )

    @classmethod
    def of(cls, article: Article, sentences: list[tuple[int, int]] | None = None) -> ArticleInfo:
        return cls(
            id=article.id,
            outlet=article.outlet,
            title=article.title,
            published=article.published.value if article.published else None,
            published_precision=article.published.precision if article.published else None,
            url=article.url,
            author=article.author,
            language=article.language,
            content_hash=article.content_hash,
            text=article.text,
            sentences=sentences or [],
        )


class RunInfo(_Record):
    """How the dossier was made: enough to reproduce it."""

    storylens_version: str
    model: str
    model_version: str
    created: str


class Dossier(_Record):
    """Everything storylens says about one story, each item with its source spans."""

    schema_version: str = SCHEMA_VERSION
    articles: list[ArticleInfo] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    statement_groups: list[StatementGroup] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    claim_groups: list[ClaimGroup] = Field(default_factory=list)
    time_expressions: list[TimeExpression] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    summary: list[SummarySentence] = Field(default_factory=list)
    voices: list[VoiceShare] = Field(default_factory=list)
    labels: list[LabelRow] = Field(default_factory=list)
    loaded_terms: list[LoadedTerm] = Field(default_factory=list)
    tone: list[ToneRow] = Field(default_factory=list, description="added in 1.1.0")
    coverage: list[CoverageRow] = Field(default_factory=list)
    shared_passages: list[SharedPassage] = Field(default_factory=list)
    independent_sources: int | None = Field(
        default=None, description="articles counted once per group that shares substantial text"
    )
    skipped: list[Skipped] = Field(default_factory=list)
    run: RunInfo | None = None
    #: each article's sentence starts, in order, for :meth:`sentence_of` (not part of the dossier's data)
    _sentence_starts: dict[str, tuple[list, list[int]]] = PrivateAttr(default_factory=dict)

    def article(self, article_id: str) -> ArticleInfo:
        for info in self.articles:
            if info.id == article_id:
                return info
        raise KeyError(article_id)

    def sentence_of(self, span: Span) -> tuple[int, int] | None:
        """The sentence (character range) of its article that contains ``span``'s start: found by bisection among
        the sentences' starts (a report asks it for each of its links: a scan of every sentence for each made a long
        article's report quadratic), else, when the sentences are not in order, by a scan."""
        sentences = self.article(span.article_id).sentences
        known, starts = self._sentence_starts.get(span.article_id, (None, []))
        if known is not sentences or len(starts) != len(sentences):  # the first call, or a list given since
            starts = [start for start, _ in sentences]
            self._sentence_starts[span.article_id] = (sentences, starts)
        index = bisect.bisect_right(starts, span.start) - 1
        if index >= 0 and sentences[index][0] <= span.start < sentences[index][1]:
            return sentences[index][0], sentences[index][1]
        for start, end in sentences:
            if start <= span.start < end:
                return start, end
        return None

    def spans(self):
        """Every span the dossier holds, with a path to where it is (for checks)."""
        def walk(value, path):
            if isinstance(value, Span):
                yield path, value
            elif isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    yield from walk(getattr(value, name), f"{path}.{name}")
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    yield from walk(item, f"{path}[{index}]")
        yield from walk(self, "dossier")

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def json_schema(cls) -> dict:
        schema = cls.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"storylens dossier {SCHEMA_VERSION}"
        return schema


class Story(_Record):
    """A set of articles about one event, and its dossier once analysed."""

    id: str
    article_ids: list[str]
    title: str | None = None
