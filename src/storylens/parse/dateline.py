"""Datelines: the place, filing date and agency that open a wire report ("THE HAGUE, Nov 7 (Reuters) - ").

One recogniser for every module that must tell a dateline from the report it opens: the summary leaves it
out of a sentence, the timeline neither dates an event by its filing date nor puts its words in an event, a
statement does not start with it, and an entity mention does not run from its place into its date.

A dateline opens a paragraph and ends with a dash before a capitalised sentence.  It is

- a place in capitals ("WASHINGTON", "THE HAGUE", "ST. LOUIS"), then any of: a region or a filing date
  after a comma ("PORT ARTHUR, Texas", "TOKYO, June 19", "HOUSTON, Texas, March 13"), a source in brackets
  ("(Reuters)", "(AP)");
- or a place in title case with a source in brackets ("Washington (AFP) –"; not "Sen. Ted Cruz
  (R-Texas) –", whose bracket holds no one-word source);
- or a source in brackets alone ("(Reuters) - ").

A place in capitals with neither a region, a date nor a source ("ALASKA - Shortly after ...") is a dateline only
when the next word has a small letter: "SKY - TV reports", "A FIRE - BOMB attack" are words in capitals.

Everything is character offsets into the text, which is never changed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
#: a filing date: "Nov 7", "March 13, 2026", "7 November"
_DATE = rf"(?:{_MONTH}[ \t]+{_DAY}|{_DAY}[ \t]+{_MONTH})(?:,?[ \t]+(?:19|20)\d\d)?"
#: a region or country after the place: "Texas", "S.C.", "Iran", "New York", "Netherlands"
_REGION = r"[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){0,2}"
_SOURCE = r"\((?P<source>[^()\n]{1,30})\)"
_DASH = r"[ \t]*(?:—|–|--?)[ \t]*"
#: where the report starts: a capital, a digit or an opening quotation mark or bracket before one
_REPORT = r"(?=[\"'“‘(]*[A-Z0-9])"

#: three characters or more, spaces only before a capital: "SENDAI", "THE HAGUE", "N.Y." (not "US - China")
_CAPS_PLACE = r"(?P<place>[A-Z](?:[A-Z.'’\-]|[ ](?=[A-Z]))+[A-Z.])"
_TITLE_PLACE = r"(?P<tplace>[A-Z][a-z]+(?:[ .'’\-]+[A-Z][a-z]*\.?){0,3})"
_HEAD = (
    rf"(?:{_CAPS_PLACE}(?P<quals>(?:,[ \t]*(?:{_DATE}|{_REGION})){{0,3}})(?:[ \t]*{_SOURCE})?"
    rf"|{_TITLE_PLACE}(?P<tquals>(?:,[ \t]*(?:{_DATE}|{_REGION})){{0,2}})[ \t]*\((?P<tsource>[A-Z][A-Za-z]{{1,14}})\)"
    rf"|{_SOURCE.replace('source', 'asource')})"
    rf"{_DASH}"
)
_DATELINE = re.compile(r"[ \t]*" + _HEAD + _REPORT)
_HAS_DASH = re.compile(r"[—–-]")
_DATELINE_ALONE = re.compile(r"[ \t]*" + _HEAD + r"\s*")
_DATE_RE = re.compile(_DATE)
#: the first word of a report after a bare place in capitals: one with a small letter ("ALASKA - Shortly after")
_LOWER_WORD = re.compile(r"[\"'“‘(]*[A-Z0-9][\w'’.\-]*[a-z]")
_QUAL = re.compile(rf",[ \t]*({_DATE}|{_REGION})")


@dataclass(frozen=True)
class Dateline:
    """One dateline: ``[start, end)`` runs from its first character to where the report starts (after the dash
    and its spaces); ``parts`` are the place, each region or date and the source, as ``(start, end)``."""

    start: int
    end: int
    place: tuple[int, int] | None
    date: tuple[int, int] | None
    source: tuple[int, int] | None
    parts: tuple[tuple[int, int], ...]

    def part_at(self, position: int) -> tuple[int, int] | None:
        """The part (place, region, date or source) holding ``position``, or None (a comma, bracket or dash)."""
        return next((p for p in self.parts if p[0] <= position < p[1]), None)


def _build(m: re.Match[str], text: str) -> Dateline:
    parts: list[tuple[int, int]] = []
    place = None
    for name in ("place", "tplace"):
        if m.group(name) is not None:
            s, e = m.span(name)
            while e > s and text[e - 1] == " ":
                e -= 1
            place = (s, e)
            parts.append(place)
    date = None
    for name in ("quals", "tquals"):
        if m.group(name):
            for q in _QUAL.finditer(text, m.start(name), m.end(name)):
                parts.append(q.span(1))
                if date is None and _DATE_RE.fullmatch(q.group(1)):
                    date = q.span(1)
    source = None
    for name in ("source", "tsource", "asource"):
        if m.group(name) is not None:
            source = m.span(name)
            parts.append(source)
    start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t"))
    return Dateline(start, m.end(), place, date, source, tuple(sorted(parts)))


def dateline_at(text: str, position: int = 0, end: int | None = None) -> Dateline | None:
    """The dateline that opens ``text`` at ``position`` (spaces and tabs before it allowed), followed by the
    start of the report, within ``end``; None when there is none.  The caller says where a paragraph starts."""
    m = _DATELINE.match(text, position, len(text) if end is None else end)
    if m is None:
        return None
    if m.group("place") is not None and not m.group("quals") and m.group("source") is None \
            and not _LOWER_WORD.match(text, m.end(), len(text) if end is None else end):
        return None  # a bare "SKY - TV reports", "A FIRE - BOMB attack": words in capitals, not a place and a report
    return _build(m, text)


def only_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a dateline and nothing else ("WASHINGTON (AP) —" cut off as a line)."""
    return _DATELINE_ALONE.fullmatch(text, start, end) is not None


@lru_cache(maxsize=16)
def datelines(text: str) -> tuple[Dateline, ...]:
    """Every dateline of ``text``: at the start of the text or of a line."""
    found = []
    position = 0
    while position < len(text):
        line_end = text.find("\n", position)
        line_end = len(text) if line_end == -1 else line_end
        # a dateline ends with a dash: a line without one is not read with the pattern
        if (text[position:position + 1].strip(" \t") or line_end > position) and _HAS_DASH.search(
                text, position, line_end):
            d = dateline_at(text, position, line_end)
            if d is not None:
                found.append(d)
        position = line_end + 1
    return tuple(found)


@lru_cache(maxsize=16)
def _starts(text: str) -> list[int]:
    return [d.start for d in datelines(text)]


def datelines_within(text: str, start: int, end: int) -> list[Dateline]:
    """The datelines of ``text`` that overlap ``[start, end)``, in text order."""
    found = datelines(text)
    i = bisect_right(_starts(text), start) - 1
    i = max(i, 0)
    out = []
    while i < len(found) and found[i].start < end:
        if found[i].end > start:
            out.append(found[i])
        i += 1
    return out


def dateline_holding(text: str, position: int) -> Dateline | None:
    """The dateline of ``text`` whose characters hold ``position``, or None."""
    found = datelines_within(text, position, position + 1)
    return found[0] if found else None


__all__ = ["Dateline", "dateline_at", "dateline_holding", "datelines", "datelines_within", "only_dateline"]

