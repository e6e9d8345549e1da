"""One timeline for the story: each dated statement's event, merged across sources.

For every resolved date (a TIMEX3 DATE value with digits: a day, a week, a month, a season,
a quarter, a half or a year), the event is the verb the expression modifies, with its subject, object and
particle, in text order ("Police put 300 Roma on planes"); the verb itself is kept as the
entry's anchor in each source (a one-token span).  A date set on a noun ("a clash earlier that
summer", "last year's flood") dates the noun's phrase, and the noun is the anchor.  Two entries are one event
when they carry the same date and share most of their content words (``min_overlap``), or, from two sources,
a figure ("sickened 214 people", "214 people have fallen ill") or their verb or noun and one more content
word; each keeps every source span.  The event phrase holds the verb's auxiliaries ("would be taken") and a
predicative adjective ("fallen ill"); a date the parser makes a clause's subject ("since August is ...")
dates the verb that clause hangs from.  Entries are in time order: by the first day of their period,
the longer period first when two start together.  One event dated differently by two sources (its words
shared, its dates not) is kept on each date, and each entry lists the other date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Token

from ..extract.timex import parse_number
from ..models import Span, TimeExpression, TimelineEntry
from ..parse.dateline import dateline_holding, datelines_within
from ..parse.layout import WEB_PATH, address_line_holding
from ..parse.pipeline import doc_text
from ..resources import lexicon

_KEEP_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "prt", "neg", "attr", "acomp", "dative", "agent", "oprd"})
_COMPACT_DEPS = frozenset({"compound", "amod", "nummod", "poss", "det", "case", "quantmod", "nmod"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM", "ADJ"})


@dataclass
class _Event:
    date: str
    precision: str
    text: str
    words: frozenset[str]
    sources: list[Span] = field(default_factory=list)
    anchors: list[Span] = field(default_factory=list)
    other_dates: set[str] = field(default_factory=set)
    heads: frozenset[str] = frozenset()  # the lemma of its verb or noun in each source
    verbs: frozenset[str] = frozenset()  # the lemma of its verb in each source that tells it with a verb
    #: what each source's verb says its subject is: the dependency and the subject's content words ("nsubj",
    #: {"sale", "bread"}); none for a source whose subject is unsaid or a pronoun
    subjects: tuple[tuple[str, frozenset[str]], ...] = ()
    figures: frozenset[str] = frozenset()  # the numbers of its phrase ("214"), as written in digits or words
    until: str | None = None  # the end of the span of time it ran over ("Between 1991 and 1998": "1998")
    #: the numbers of names in its phrase ("iPhone 4", "Apollo 11"): which one of a series of things it is told of
    named_numbers: frozenset[str] = frozenset()


_SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # the month each season starts (northern, as timex reads it)


def precision_of(value: str) -> str | None:
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value.replace("-", "").isdigit():
        return "day"
    if len(value) == 8 and value[4:6] == "-W" and value[:4].isdigit() and value[6:].isdigit():
        return "week"  # not "2023-WXX" ("over the week": a week of that year, which one unknown)
    if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
        return "month"
    if len(value) == 7 and value[:4].isdigit() and value[5:] in _SEASON_MONTHS:
        return "season"
    if len(value) == 7 and value[:4].isdigit() and value[5] == "Q" and value[6] in "1234":
        return "quarter"
    if len(value) == 7 and value[:4].isdigit() and value[5] == "H" and value[6] in "12":
        return "half"
    if len(value) == 4 and value.isdigit():
        return "year"
    return None


_PRECISION_DAYS = {"day": 1, "week": 7, "month": 30, "season": 91, "quarter": 91, "half": 182, "year": 365}


def period_start(value: str) -> date:
    """The first day of a dated period ("2010-W34" is Monday 23 August 2010, "2010-FA" 1 September 2010)."""
    precision = precision_of(value)
    year = int(value[:4])
    if precision == "day":
        return date.fromisoformat(value)
    if precision == "week":
        return date.fromisocalendar(year, int(value[6:]), 1)
    if precision == "month":
        return date(year, int(value[5:]), 1)
    if precision == "season":
        return date(year, _SEASON_MONTHS[value[5:]], 1)
    if precision == "quarter":
        return date(year, 3 * int(value[6]) - 2, 1)
    if precision == "half":
        return date(year, 6 * int(value[6]) - 5, 1)
    if precision == "year":
        return date(year, 1, 1)
    raise ValueError(f"not a dated period: {value!r}")


def _joined(tokens: Sequence[Token]) -> str:
    """The words of an event, spaced as the text spaces them where they follow each other ("France's", not
    "France 's"), and one space where words between them were left out (a line break's token among them)."""
    parts: list[str] = []
    for k, tok in enumerate(tokens):
        parts.append(tok.text)
        if k + 1 < len(tokens):
            parts.append(tok.whitespace_ if tokens[k + 1].i == tok.i + 1 else " ")
    return "".join(parts)


def chronological(value: str) -> tuple[date, int]:
    """Sort key: by the period's first day, and of periods starting on one day the longer first (a year before
    its first month), so weeks and seasons fall among the days they hold, not after them as text would."""
    return period_start(value), -_PRECISION_DAYS[precision_of(value) or "day"]


def _span_key(span: Span) -> tuple[str, int, int, str]:
    """A span as two equal spans are alike."""
    return span.article_id, span.start, span.end, span.text


def build_timeline(times: Sequence[TimeExpression], docs: dict[str, Doc], *, min_overlap: float = 0.4) -> list[TimelineEntry]:
    events: list[_Event] = []
    previous: dict[str, TimeExpression] = {}
    # each article's dates and times of the calendar, by where they stand: a phrase with another date in it dates
    # another event ("in service by 2011 and all by 2016": 2011's event is not "in service by 2016")
    calendar: dict[str, list[TimeExpression]] = defaultdict(list)
    for t in times:
        if t.type in ("DATE", "TIME") and t.value[:1].isdigit():
            calendar[t.article_id].append(t)
    ranges = _ranges(calendar, docs)
    ends = {id(end) for end in ranges.values()}
    # each article's dates and times in the order of their starts, to find those of one sentence without reading
    # them all for each date (quadratic in the dates of a long article: 3,259 in 200,000 characters)
    by_start = {article: sorted(found, key=lambda o: o.start) for article, found in calendar.items()}
    starts = {article: [o.start for o in found] for article, found in by_start.items()}
    for t in times:
        before, previous[t.article_id] = previous.get(t.article_id), t
        if id(t) in ends:
            continue  # "Between 1991 and 1998": the end of a range dates no event of its own, its start's entry ends then
        value = _dated_value(t, before, docs.get(t.article_id))
        if value is None:
            continue
        precision = precision_of(value)
        doc = docs.get(t.article_id)
        if precision is None or doc is None:
            continue
        text_of_doc = doc_text(doc)
        if dateline_holding(text_of_doc, t.start) is not None:
            continue  # "THE HAGUE, Nov 7 (Reuters) -": the day the report was filed, not the day of an event
        if address_line_holding(text_of_doc, t.start) is not None:
            continue  # ".com / 2010 / 05 / 05 / breaking - news": a saved page's address line dates nothing
        if _stamped(text_of_doc, t):
            continue  # "PUBLISHED : THURSDAY , MAY 2 , 2013": the time the page was put up, no event's
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        exclude = set(range(span.start, span.end))
        until = dash_end = count_after_dash = None
        if span.end + 1 < len(doc) and doc[span.end].text in ("-", "–", "—") and doc[span.end + 1].like_num:
            if _counts_after_dash(doc[span.end + 1]):
                count_after_dash = doc[span.end + 1]  # "In 2010 - 11 people died": the count of "people"
            elif doc[span.end].text != "—" or _full_year_after(value, doc[span.end + 1].text) \
                    and not _opens_a_clause(doc[span.end + 1]):
                # "the 2002-03 season": the range's end is the date's too; after an em dash only a later year in
                # full ("2010—2014", "2010 — 2014"), as a dash of a parenthesis may stand before any number, and
                # not one that opens a clause ("opened in 2010 — 2015 was its best year")
                exclude |= {span.end, span.end + 1}
                until = _year_after_dash(value, doc[span.end + 1].text)
                dash_end = doc[span.end + 1].idx if until is not None else None
        end = ranges.get(id(t))
        if end is not None and (end_span := doc.char_span(end.start, end.end, alignment_mode="expand")) is not None:
            exclude |= set(range(end_span.start, end_span.end))
            until = end.value
        role = _role_of_a_term(span, until)
        if role is not None and not _an_office(role):
            # "Ernest Vale, novelist (1899-1961)": no office's term; a long range there is when the person lived
            lifespan = until is not None and until.isdigit() and value[:4].isdigit() \
                and int(until) - int(value[:4]) >= _LIFESPAN_YEARS
            if lifespan:
                continue
            role = None
        if compared_since(span) or _comparison_base(span) or _in_a_name(span) or _describes_a_person(span) \
                or _model_year(span) or role is None and _lifespan_after_a_name(span, value, until):
            continue  # "the biggest job gain since August last year", "a 3% increase over the prior month"
        named = _named_by_year(span)
        if named is not None and sum(tok.pos_ in _CONTENT_POS and not tok.is_stop
                                     for tok in _noun_event_tokens(named, exclude)) < 2:
            named = None  # "drops out of the 2020 race": "the race" alone would tell a reader nothing
        noun = role or named or _dated_noun(span)
        if noun is not None and count_after_dash is not None and noun.i == count_after_dash.i + 1:
            noun = None  # "in 2010 - 8 ferries were lost", parsed "2010 ferries": the year dates no noun it counts
        verb = noun or _saying_before(span) or _clause_above_a_misparsed_date(span) or _governing_verb(span.root)
        if verb is not None and noun is None and verb.tag_ == "VBG" and verb.lower_ in _PREPOSITION_PARTICIPLES:
            # "following the 2002-03 season", "a plea deal stemming from her June 2012 case": a participle used as
            # a preposition names no event; its object does, else the verb above it ("took a turn starting in 1978")
            noun = _participle_object(verb, span)
            verb = noun or (_governing_verb(verb.head) if verb.head.i != verb.i else None)
        if verb is None or noun is None and (_noun_taken_for_a_verb(verb) or _says_nothing(verb, exclude)):
            continue  # "on the career assists list at that time": "list" is no verb; "It happened in 1959"
        sentence = span.sent
        firsts = starts.get(t.article_id, [])
        in_sentence = by_start.get(t.article_id, [])[bisect_left(firsts, sentence.start_char):
                                                     bisect_left(firsts, sentence.end_char)]
        others = {i for o in in_sentence if o.value[:10] != t.value[:10]
                  and (other := doc.char_span(o.start, o.end, alignment_mode="expand")) is not None
                  for i in range(other.start, other.end)} - exclude
        tokens = _noun_event_tokens(noun, exclude) if noun is not None else _event_tokens(verb, exclude, others)
        if role is not None:
            # "Tom Reilly, mayor of Ashby (1993-2014)": the person who held the office, with the office
            tokens = sorted([*_tokens(doc, _compact(role.head) - exclude), *tokens], key=lambda tok: tok.i)
        # no word of a clock time or of a page's stamp of the sentence ("9 : 36 AM" of a stamp run into the text)
        # (the sentence's bounds before the stamp: _stamped reads the line back to its start, and on a text of one
        # long line every date of the article was read so for each date, quadratic in its length)
        clocks = {i for o in in_sentence if o is not t
                  and (o.type == "TIME" or _stamped(text_of_doc, o))
                  and (other := doc.char_span(o.start, o.end, alignment_mode="expand")) is not None
                  for i in range(other.start, other.end)} - exclude
        tokens = [tok for tok in tokens if tok.i not in clocks]
        if count_after_dash is not None and any(tok.i == count_after_dash.i + 1 for tok in tokens) \
                and all(tok.i != count_after_dash.i for tok in tokens):
            # the parse hangs "11" of "In 2010 - 11 people died" on the year: the count is its noun's, the event's
            tokens = sorted([*tokens, count_after_dash], key=lambda tok: tok.i)
        if count_after_dash is not None:
            # nor is the year a word of the count's phrase ("floods in 2004 - 11 people died": not "2004 11 people"),
            # nor the dash between them
            tokens = [tok for tok in tokens if tok.i not in exclude and tok.i != count_after_dash.i - 1
                      or tok.i == verb.i]
        if until is not None:
            # no word of a range of dates the entry ends on, which a subject's or an object's phrase may hold ("by
            # 2010-11 production of the remainder will be carried out", "The 2008-09 season was": not "2010 11
            # production ...", "The 2008 09 season")
            tokens = [tok for tok in tokens if tok.i not in exclude or tok.i == verb.i]
        start = sentence.start_char
        inside = datelines_within(text_of_doc, start, sentence.end_char)
        if inside and not text_of_doc[start:inside[0].start].strip() and inside[0].end < sentence.end_char:
            start = inside[0].end  # the sentence without the dateline that opens it
        # no word of a dateline ("PORT ARTHUR A fiery explosion ..."), nor the possessive ending of the date
        # itself ("Friday's vote" is the event "vote", not "'s vote")
        tokens = [tok for tok in tokens if not any(d.start <= tok.idx < d.end for d in inside)]
        # nor of a saved page's address line the sentence splitter ran into the text ("html", "php" of
        # "... / 2194453 . html" before the headline): the page's furniture, no word of an event
        address = address_line_holding(text_of_doc, start)
        if address is not None:
            start = min(address[1] + 1, sentence.end_char)
        if address_line_holding(text_of_doc, verb.idx) is not None:
            continue
        tokens = [tok for tok in tokens if not (tok.tag_ == "POS" and tok.head.i in exclude) and not tok.is_space]
        tokens = _on_lines_of_prose(tokens, verb, text_of_doc)  # and no word of another line that is an address
        if not tokens or len(tokens) == 1 and tokens[0].lower_ in _STAMP_VERBS and tokens[0].text[:1].isupper():
            continue  # "Posted on Thu Jun 13, 2013", "Published May 03, 2013": a page's stamp, no event of the story
        if not any(tok.is_alpha and len(tok.text) >= 2 or tok.like_num for tok in tokens):
            continue  # "d" of "Wed May 5", which the tokenizer split as "We'd": no word nor figure, no event
        text = _joined(tokens)
        words = frozenset(tok.lemma_.lower() for tok in tokens if tok.pos_ in _CONTENT_POS and not tok.is_stop)
        source = Span(article_id=t.article_id, start=start, end=sentence.end_char,
                      text=text_of_doc[start:sentence.end_char])
        anchor = Span(article_id=t.article_id, start=verb.idx, end=verb.idx + len(verb.text), text=verb.text)
        figures = frozenset(_figure(tok) for tok in tokens if tok.like_num and tok.pos_ == "NUM") - {None}
        if dash_end is not None and end is None:
            # "during 1994 - 2001" read as two dates: the end is this entry's, as a range's end is (no entry of its own)
            ends.update(id(o) for o in calendar[t.article_id] if o.start == dash_end)
        events.append(_Event(value, precision, text, words, [source], [anchor], until=until,
                             heads=frozenset({verb.lemma_.lower()}), figures=figures,
                             verbs=frozenset({verb.lemma_.lower()}) if noun is None and verb.pos_ == "VERB" else frozenset(),
                             subjects=_subject_of(verb, tokens) if noun is None else (),
                             named_numbers=frozenset(tok.text for tok in tokens if tok.like_num and tok.i > 0
                                                     and tok.doc[tok.i - 1].pos_ == "PROPN"
                                                     and tok.doc[tok.i - 1].text[:1].isalpha())))

    merged: list[_Event] = []
    # the spans each merged event holds (its sources, its anchors), to add another's without reading its list again
    held: dict[int, tuple[set[tuple], set[tuple]]] = {}
    for event in events:
        # one event of one start told as a span by one source and as a day (a year...) by another, or as spans with
        # two ends, is one entry: its span the one a source gives, another source's other end among its other dates
        same = next((m for m in merged if m.date == event.date and (
            _same_event(m, event, min_overlap) if m.until == event.until else _same_span_told(m, event))), None)
        if same is None:
            merged.append(event)
            held[id(event)] = ({_span_key(s) for s in event.sources}, {_span_key(a) for a in event.anchors})
        else:
            if same.until is None:
                same.until = event.until
            elif event.until is not None and event.until != same.until:
                same.other_dates.add(f"{event.date} to {event.until}")
            sources, anchors = held[id(same)]
            for kept, spans, keys in ((same.sources, event.sources, sources), (same.anchors, event.anchors, anchors)):
                for span in spans:
                    if _span_key(span) not in keys:
                        keys.add(_span_key(span))
                        kept.append(span)
            same.words |= event.words
            same.heads |= event.heads
            same.verbs |= event.verbs
            same.subjects += event.subjects
            same.figures |= event.figures
            same.named_numbers |= event.named_numbers
    for a in merged:
        for b in merged:
            # one event told with other dates: its words shared, and its verb or noun ("Luciano founded the family"
            # in 1931 and "Luciano died" in 1962 share a name, not an event)
            # (not two things of a series, each its own launch or mission: "the iPhone 4" and "the iPhone 5")
            if a is not b and a.date != b.date and _same_act(a.heads, b.heads) \
                    and not (a.named_numbers and b.named_numbers and a.named_numbers.isdisjoint(b.named_numbers)) \
                    and len(shared := _acts_shared(a.words, b.words)) >= 3 \
                    and len(shared) / min(len(a.words), len(b.words)) >= 0.6:
                if {s.article_id for s in a.sources} != {s.article_id for s in b.sources}:
                    a.other_dates.add(b.date)
    merged.sort(key=lambda e: (chronological(e.date), e.text))
    return [
        TimelineEntry(date=e.date, precision=e.precision, event=e.text, sources=e.sources,
                      other_dates=sorted(e.other_dates), anchors=e.anchors, until=e.until)
        for e in merged
    ]


#: what joins the two ends of a range of dates, with the word the range must open with ("" for none)
_RANGE_JOINS = ((re.compile(r"\s*(?:and)\s*"), re.compile(r"(?i)\bbetween\s+$")),
                (re.compile(r"\s*(?:to|through|until|till)\s*"), re.compile(r"(?i)\bfrom\s+$")),
                (re.compile(r"\s*(?:-|–|—)\s*"), re.compile(r"(?i)(?:\bfrom|\bbetween|\()\s*$")))
#: verbs of moving a date: "from May to June" is then two dates, not a span ("postponed from May to June")
_MOVING = frozenset({"move", "postpone", "delay", "push", "shift", "reschedule", "bring", "change", "put", "advance",
                     "defer", "switch"})


def _ranges(calendar: dict[str, list[TimeExpression]], docs: dict[str, Doc]) -> dict[int, TimeExpression]:
    """The ranges of dates of each article, from the ``id`` of the start's expression to the end's: two dates of one
    precision joined as a span of time ("between 1991 and 1998", "from 2019 to 2021", "from March 3 until March 9",
    "(1994 - 96)" read by timex as two years); not a move from one date to another ("postponed from May to June")."""
    found: dict[int, TimeExpression] = {}
    for article_id, dates in calendar.items():
        doc = docs.get(article_id)
        if doc is None:
            continue
        text = doc_text(doc)
        ordered = sorted((t for t in dates if t.type == "DATE"), key=lambda t: t.start)
        for start, end in pairwise(ordered):
            if precision_of(start.value) is None or precision_of(start.value) != precision_of(end.value) \
                    or end.value <= start.value:
                continue
            gap = text[start.end:end.start]
            opening = next((opens for join, opens in _RANGE_JOINS if join.fullmatch(gap)), None)
            if opening is None or not opening.search(text, max(0, start.start - 12), start.start):
                continue
            span = doc.char_span(start.start, start.end, alignment_mode="expand")
            verb = _governing_verb(span.root) if span is not None else None
            if verb is not None and verb.lemma_.lower() in _MOVING:
                continue
            found[id(start)] = end
    return found


def _full_year_after(value: str, digits: str) -> bool:
    """Whether ``digits`` write in full a year after the year ``value`` ("2010—2014"), the end of a range of years."""
    return precision_of(value) == "year" and len(digits) == 4 and digits.isdigit() and digits > value


def _opens_a_clause(number: Token) -> bool:
    """Whether a year after a dash opens a clause of its own after a dash of a parenthesis, no range's end: a verb
    follows it, and the words before the dash have their verb ("The plant opened in 2010 — 2015 was its best year";
    not "The years 2010—2014 were hard", "Sales in 2010 — 2014 were flat", whose verb is the range's)."""
    doc = number.doc
    if number.i + 1 >= len(doc) or doc[number.i + 1].pos_ not in ("AUX", "VERB") or doc[number.i + 1].tag_ == "VBG":
        return False
    return any(t.pos_ in ("AUX", "VERB") for t in doc[number.sent.start:number.i - 1])


def _year_after_dash(value: str, digits: str) -> str | None:
    """The year a range of years written with a dash ends on ("1979-90": 1990, "2002-03": 2003, "1994-2001"), for a
    year's ``value``; None for anything else."""
    if precision_of(value) != "year" or not digits.isdigit():
        return None
    if len(digits) == 4:
        return digits if digits > value else None
    if len(digits) == 2:
        year = int(value[:2] + digits)
        year += 100 if year <= int(value) else 0
        return f"{year:04d}"
    return None


def _dated_value(t: TimeExpression, before: TimeExpression | None, doc: Doc | None) -> str | None:
    """The date an expression puts on the timeline: a DATE with digits that names a day of the calendar, or the
    day of a TIME ("at 1530 GMT on Thursday", "Thursday evening"), but not a clock time in brackets that gives
    the time before it in another zone ("at 4:12 a.m. local time (1912 GMT Thursday)"), whose day may be another."""
    value = _timeline_value(t, before, doc)
    if value is None:
        return None
    try:  # "last year" in an article dated 0001-01-01 (a database's placeholder) is year 0, before the calendar
        period_start(value)
    except ValueError:
        return None
    return value


def _timeline_value(t: TimeExpression, before: TimeExpression | None, doc: Doc | None) -> str | None:
    if not t.value[:1].isdigit():
        return None
    if t.type == "DATE":
        return t.value
    if t.type != "TIME" or precision_of(t.value[:10]) != "day":
        return None
    if before is not None and before.type == "TIME" and doc is not None:
        between = doc_text(doc)[before.end:t.start]
        if between.strip() == "(":
            return None
    return t.value[:10]


def _on_lines_of_prose(tokens: list[Token], verb: Token, text: str) -> list[Token]:
    """``tokens`` without those on another line than ``verb``'s that holds no verb (but a stamp's "Published",
    "Updated"), that opens with a web address or holds one's path: a page's stamp or address the parser read into the headline under it
    ("Published 4 : 59 PM EDT" | "Lohan has left the clinic") is no word of its event, while a sentence wrapped
    over two lines of prose keeps both."""
    def line_of(offset: int) -> tuple[int, int]:
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        return start, len(text) if end < 0 else end

    own = line_of(verb.idx)
    prose: dict[tuple[int, int], bool] = {own: True}
    kept = []
    for tok in tokens:
        line = line_of(tok.idx)
        if line not in prose:
            span = verb.doc.char_span(line[0], line[1], alignment_mode="expand")
            prose[line] = span is not None and address_line_holding(text, line[0]) is None \
                and not WEB_PATH.search(text, line[0], line[1]) \
                and any(t.pos_ in ("VERB", "AUX") and t.lower_ not in _STAMP_VERBS for t in span)
        if prose[line]:
            kept.append(tok)
    return kept


def _same_event(a: _Event, b: _Event, min_overlap: float) -> bool:
    """Whether two events of one date are one: most of their content words shared (``min_overlap``), or, told by
    two sources that share no article, a figure of both phrases ("sickened 214 people", "214 people have fallen
    ill"; a small one, "two", with one more content word: "two children died", "two people died", not "two
    ministers met") or one verb or noun and one more content word ("the council approved the budget", "the
    budget was approved"); not two phrases that each name who or what and share only their verb ("Sales of
    bread fell", "Output fell": half of the shorter one's words, but "fell" alone says no event is one)."""
    if _overlap(a.words, b.words) >= min_overlap and _share_more_than_the_verb(a, b):
        return True
    if {s.article_id for s in a.sources} & {s.article_id for s in b.sources}:
        return False  # within one source, two phrases of one date are two events unless their words say one
    shared = a.words & b.words
    figures = a.figures & b.figures
    if any(float(f) > 12 for f in figures):
        return True  # "214": a figure few events of one day share
    if figures and len(shared - figures) >= 1:
        return True  # "two children died", "two people died"; not "two ministers met"
    return bool(a.heads & b.heads) and len(shared - a.heads - b.heads) >= 1


def _same_span_told(a: _Event, b: _Event) -> bool:
    """Whether two events of one start, one told as a span and the other as a date (or as a span with another end),
    are one: most of all their words shared ("ran the ferry line from 1994 to 1999", "In 1994 ... ran the ferry
    line"), not a few of a shorter one's ("Cheeks was a draft choice of the 76ers in 1978" is not "Cheeks was one of
    the most popular 76ers from 1978 to 1989": a start and a span it opens, told of one man and one team)."""
    union = a.words | b.words
    return bool(union) and len(a.words & b.words) / len(union) >= 0.5 and _share_more_than_the_verb(a, b)


def _share_more_than_the_verb(a: _Event, b: _Event) -> bool:
    """Whether two events share a word besides the verb of both, or do not tell their verb of two subjects: "Sales of
    bread fell" and "Output fell" share "fell" alone, said of two things; "A movie was released" and "the studio
    released the film", or "She checked in" and "Lohan checked in" (a pronoun names no one), may be one event."""
    if (a.words & b.words) - (a.verbs & b.verbs):
        return True
    return not any(dep == other_dep and words.isdisjoint(other_words)
                   for dep, words in a.subjects for other_dep, other_words in b.subjects)


def _subject_of(verb: Token, tokens: Sequence[Token]) -> tuple[tuple[str, frozenset[str]], ...]:
    """The subject an event's verb is told of, as its dependency and the content words of the subject's phrase
    among the event's ``tokens``; none where the subject is a pronoun or not among them."""
    held = {tok.i for tok in tokens}
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i in held and child.pos_ != "PRON":
            words = frozenset(tok.lemma_.lower() for tok in child.subtree if tok.i in held
                              and tok.pos_ in _CONTENT_POS and not tok.is_stop)
            return ((child.dep_, words),) if words else ()
    return ()


#: Endings that make a noun of the act a verb names ("conviction" of "convict", "departure" of "depart"; "arrest" is
#: its own noun)
_ACT_NOUN_ENDINGS = ("ion", "ation", "ition", "ment", "al", "ure", "ing", "ance", "ence")


@lru_cache(maxsize=16_384)
def _act_forms(x: str) -> frozenset[str]:
    """``x`` and, for a word of four letters or more, the nouns of the act it would name as a verb ("convict":
    "conviction", "arrive": "arrival"; one final "e" left out, not two: "reference" is not "referee"'s).  Built once
    a word: every two entries of a story are compared (:func:`_same_act`)."""
    if len(x) < 4:
        return frozenset((x,))
    stem = x.removesuffix("e")
    return frozenset((x, *(x + end for end in _ACT_NOUN_ENDINGS), *(stem + end for end in _ACT_NOUN_ENDINGS)))


def _one_act(x: str, y: str) -> bool:
    """Whether two lemmas name one act: the same, or a verb and the noun of its act, either way round."""
    return y in _act_forms(x) or x in _act_forms(y)


def _same_act(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two entries' verbs or nouns name one act (:func:`_one_act`: "a 1998 conviction", "convicted in June
    1998"; "killing", "killed"), by sets, not word by word."""
    return any(not _act_forms(x).isdisjoint(b) for x in a) or any(not _act_forms(y).isdisjoint(a) for y in b)


def _acts_shared(a: frozenset[str], b: frozenset[str]) -> set[str]:
    """The words of ``a`` that ``b`` holds, or holds as a verb and the noun of its act (:func:`_one_act`)."""
    forms_of_b = frozenset().union(*map(_act_forms, b))
    return {x for x in a if x in forms_of_b or not _act_forms(x).isdisjoint(b)}


def _figure(token: Token) -> str | None:
    """A number of an event's phrase as a value ("214", "two" -> "2"), None for one, a year-like or an unreadable
    number."""
    value = parse_number(token.text.replace(",", ""))
    if value is None or value <= 1 or (1000 <= value <= 2100 and value == int(value)):
        return None  # "one" is too common to tell an event by
    return f"{value:g}"


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _saying_before(span) -> Token | None:
    """ "Besson said Friday France would help": a date right after a verb of saying dates the saying (news
    style), whatever the parse hangs it on."""
    from ..extract.quotes import cue_lexicon

    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ == "VERB" and before.lemma_.lower() in cue_lexicon().cue_verbs:
        return before
    return None


def _dated_noun(span) -> Token | None:
    """ "a violent clash ... earlier that summer", "last year's flood", "elections in 2012": a date set on a noun
    dates what the noun names, not the verb above it ("following a clash", "officials discussed the flood",
    "to boost his popularity before elections")."""
    root = span.root
    head = root.head
    if root.dep_ in ("npadvmod", "advmod", "poss") and head.i != root.i and head.pos_ == "NOUN" \
            and not (span.start <= head.i < span.end):
        return head
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _DATING_PREPS and head.head.pos_ == "NOUN" \
            and not (span.start <= head.head.i < span.end) \
            and not (head.lower_ != "of" and _between_subject_and_verb(head.head, span)):
        return head.head  # "before elections [in 2012]", "the flood [of 2010]"
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _DATING_PREPS and head.head.pos_ == "ADP":
        # "fell to 81% from 93% [in 2019]", "compared with 93 percent [in 2019]": the date hangs on the other
        # phrase, and dates its figure, not the verb of the main one
        objects = [c for c in head.head.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")
                   and not (span.start <= c.i < span.end)]
        if objects:
            return objects[0]
    return None


def _between_subject_and_verb(noun: Token, span) -> bool:
    """ "the jury on July 25, 1997, convicted him", "Police on Friday arrested ...": a date phrase between a clause's
    subject and its verb dates the verb, wherever the parse hangs it (not one after "of", which names the noun: "the
    class of 2020")."""
    verb = noun.head
    return noun.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX") and noun.i < span.start \
        and span.end <= verb.i


def _named_by_year(span) -> Token | None:
    """ "arrested a woman in the 1967 killings", "serving a sentence for a 1998 conviction": a year before a noun in
    a phrase of the clause says when what the noun names happened, not when the clause's verb did; the noun (the
    head of a name it is part of: "in 1999 movie American Pie").  Not a noun that is the clause's subject or
    object ("The 2008 telecast drew 32 million viewers", "hosting the 2007 ceremony"): what the clause says
    happened to it then."""
    root = span.root
    noun = root.head
    if len(span) != 1 or not (root.like_num and len(root.text) == 4) or root.dep_ not in ("nummod", "compound", "amod") \
            or noun.pos_ != "NOUN" or noun.i < span.end:
        return None
    text = doc_text(noun.doc)
    while noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i \
            and "\n" not in text[noun.idx:noun.head.idx]:  # no name runs over a line break
        noun = noun.head
    return None if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else noun


def _describes_a_person(span) -> bool:
    """A year before a noun that describes a person named beside it ("Biden, the 2020 Democratic frontrunner",
    "2020 presidential candidate Bernie Sanders", "the 1998 champion Lena Hart"): it says which race or season the
    person ran in, and dates no event of the sentence."""
    root = span.root
    noun = root.head
    if len(span) != 1 or not (root.like_num and len(root.text) == 4) or root.dep_ not in ("nummod", "compound", "amod") \
            or noun.i < span.end or noun.pos_ != "NOUN":
        return False
    if noun.dep_ in ("appos", "compound") and noun.head.ent_type_ == "PERSON":
        return True
    return any(c.dep_ in ("compound", "appos") and c.ent_type_ == "PERSON" and c.i > noun.i for c in noun.children)


def compared_since(span) -> bool:
    """Whether the date opens a "since" phrase after a superlative, "first" or a comparative with "any" in its clause
    ("the biggest job gain since August last year", "the highest level since 2008", "the first rise since May",
    "higher than any full-year total since at least 2005"): what happened is compared with that date, it did not
    happen then."""
    doc = span.doc
    at = span.start - 1
    while at > span.sent.start and doc[at].lower_ in ("at", "least"):
        at -= 1  # "since at least 2005"
    if at < 0 or doc[at].lower_ != "since":
        return False
    before = doc[max(span.sent.start, at - 8):at]
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ in ("first", "most", "least") for t in before) \
        or (any(t.tag_ in ("JJR", "RBR") for t in before) and any(t.lower_ == "any" for t in before))


def _counts_after_dash(number: Token) -> bool:
    """Whether the number after a year's dash counts the plural noun after it, no end of a range of years ("In 2010
    - 11 people died": eleven people, not 2010 to 2011; "the 2002-03 season", "1979-90 seasons", whose noun the
    tagger puts in the date, are ranges)."""
    doc = number.doc
    if number.i + 1 >= len(doc):
        return False
    if number.i >= 3 and doc[number.i - 3].tag_ in ("DT", "PRP$", "POS", "WP$"):
        return False  # "its 2010-11 budgets", "the 2010 - 11 seasons": the years of a noun phrase, a fiscal span
    noun = doc[number.i + 1]
    return noun.tag_ in ("NNS", "NNPS") and noun.ent_type_ != "DATE"


#: what may open a bracket of years after a name before the years: "(born 1955)", "(b. 1955)", "(d. 2011)"
_LIFE_WORDS = frozenset({"born", "b.", "b", "died", "d.", "d"})


#: the fewest years a range in brackets after a person's name spans to be a lifespan, not a tenure ("John Lucas
#: (1994-96)" under whom someone worked)
_LIFESPAN_YEARS = 20


def _lifespan_after_a_name(span, value: str, until: str | None) -> bool:
    """Whether a year is a lifespan in brackets after a name ("Anna Holt (1931-2004)", "( 1931 - 2004 )", "(born
    1931)", "(b. 1931)"; whatever the tagger typed the name): when the person lived (or the body was), no date of the
    sentence's event; a short range there is the time someone served ("worked under coach John Lucas (1994-96)")
    and still dates."""
    doc = span.doc
    at = span.start - 1
    born = at >= 0 and doc[at].lower_ in _LIFE_WORDS
    if born:
        at -= 1
    if at < 1 or doc[at].text != "(" or doc[at - 1].pos_ != "PROPN":
        return False
    end = span.end
    if end + 1 < len(doc) and doc[end].text in ("-", "–", "—") and doc[end + 1].like_num:
        end += 2  # "(1931-2004)": the year a lifespan ends
    if end >= len(doc) or doc[end].text != ")" or precision_of(value) != "year":
        return False
    return born or until is not None and until.isdigit() and int(until) - int(value) >= _LIFESPAN_YEARS


def _role_of_a_term(span, until: str | None) -> Token | None:
    """The office a range of years in brackets after a person's role gives the term of ("Tom Reilly, mayor of Ashby
    (1993-2014)", "Ann Holt, the former mayor (1993 - 2014)"): the role's noun, in apposition to the person's name;
    the years date that person's holding the office, not the sentence's event, and are no lifespan of the place."""
    doc = span.doc
    if until is None or span.start < 2 or doc[span.start - 1].text != "(":
        return None
    before = doc[span.start - 2]
    role = before
    if before.pos_ == "PROPN" and before.dep_ == "pobj" and before.head.lower_ == "of":
        role = before.head.head  # "mayor of Ashby (...)"
    if role.pos_ != "NOUN" or role.dep_ != "appos" or role.head.pos_ != "PROPN" or role.head.ent_type_ != "PERSON":
        return None
    return role


def _an_office(role: Token) -> bool:
    """Whether a role's noun is an office's or a title's ("mayor", "minister", "chairman"), whose holder serves a
    term; not a description ("novelist", "native")."""
    lex = lexicon()
    return role.lower_ in lex.title_heads or role.lower_ in lex.person_only_heads


def _in_a_name(span) -> bool:
    """Whether the date is part of a proper name after "of": "the Voting Rights Act [of 1965]", "the Class of
    2020"; it names the law or the group, it does not date the sentence's event ("was last reauthorized")."""
    root = span.root
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "PROPN" and prep.head.i < prep.i \
        and prep.head.text[:1].isupper()


def _model_year(span) -> bool:
    """Whether a year is a product's model year: a year inside a noun phrase (after "a", "his", "gray": not "in 2009
    General Motors filed", nor after "the": "the 2007 Oscars", "the 1978 NBA Draft", whatever the tagger typed them)
    right before a maker's or a product's name that ends the phrase ("a gray 2013 Toyota Camry", "his 2007 Ford
    Fusion"); the car was made for that year, nothing happened then.  Not before a common noun ("a 2012 Apple
    shareholder meeting" was held then) nor an event's name ("a 2008 Beijing Olympics medal")."""
    doc = span.doc
    if len(span) != 1 or not span.text.isdigit() or span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.lower_ in ("the", "this", "that", "these", "those"):
        return False  # "hosted the 2007 Oscars", "the 1978 NBA Draft": an event of that year, whatever its tag
    if before.tag_ not in ("DT", "PRP$", "JJ") \
            and not (before.dep_ in ("amod", "nmod", "compound") and before.head.i >= span.start):
        return False  # "a silver 2007 Ford Fusion": "silver" modifies the car
    end = span.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    name = {tok.ent_type_ for tok in doc[span.end:end]}
    return bool(name & {"ORG", "PRODUCT"}) and not name & _NOT_PRODUCT_NAMES \
        and doc[end - 1].lower_ not in _EVENT_NAME_HEADS \
        and (end == len(doc) or doc[end].pos_ not in ("NOUN", "NUM") and doc[end].tag_ != "POS")


#: last words of the names of events held in a year ("a 2010 Worldwide Developers Conference", "a 2012 Davis Cup")
_EVENT_NAME_HEADS = frozenset({"conference", "summit", "expo", "games", "olympics", "awards", "cup", "festival",
                               "show", "championship", "championships", "open", "series", "draft", "election",
                               "convention", "congress", "forum", "fair", "tour", "classic", "final", "finals"})


#: the types of names a year before them is the year of: "the 2008 Beijing Olympics", "the 2014 Oscars"
_NOT_PRODUCT_NAMES = frozenset({"EVENT", "GPE", "LOC", "FAC", "WORK_OF_ART", "LAW", "NORP", "PERSON"})


#: Nouns of a change that "over" a date compares with that date ("a 3% increase over the prior month").
_CHANGE_NOUNS = frozenset({"increase", "rise", "gain", "jump", "drop", "decline", "fall", "decrease", "growth",
                           "surge", "climb", "dip", "slump", "loss", "advance"})


def _comparison_base(span) -> bool:
    """Whether the date is what something is compared with: "a 3% increase [over the prior month]", "higher [than
    last year]", "compared with [last year]", "compared to the same month [a year ago]", "sales dropped 42% from [the
    previous year]", "up 82% from [nine months ago]"; the change or the comparison is not of that date."""
    root = span.root
    prep = root.head
    if root.dep_ in ("npadvmod", "advmod", "amod") and prep.pos_ == "NOUN" and prep.dep_ == "pobj" \
            and prep.i < span.start:
        root, prep = prep, prep.head  # "compared to the same month [a year ago]": the date says which month
    if root.dep_ not in ("pobj", "pcomp") or prep.dep_ != "prep" or prep.i == root.i:
        return False
    word, above = prep.lower_, prep.head
    if word in ("in", "on", "during") and above.lower_ == "than":
        return True  # "higher than [in 2019]"
    if word == "from" and _changes(above) and not _range_goes_on(prep):
        return True  # "sales dropped 42% from the previous year": the year is the base of the drop, not its time
    return (word == "than" or word == "over" and above.pos_ == "NOUN" and above.lemma_.lower() in _CHANGE_NOUNS
            or word in ("with", "to") and above.lower_ in ("compared", "comparison"))


#: Verbs of a change of a figure, whose "from" phrase gives what it changed from ("fell 9% from the previous month").
_CHANGE_VERBS = frozenset({"rise", "fall", "drop", "increase", "decrease", "decline", "climb", "jump", "gain", "grow",
                           "surge", "soar", "plunge", "plummet", "slide", "slip", "sink", "dip", "tumble", "slump",
                           "rebound", "edge", "shrink", "advance", "retreat", "go"})


def _changes(word: Token) -> bool:
    """Whether ``word`` says a figure changed: a verb or noun of change, or "up" / "down" ("were up 40%")."""
    lemma = word.lemma_.lower()
    if word.pos_ in ("VERB", "AUX") and lemma == "go":
        return any(c.lower_ in ("up", "down") for c in word.children)  # "went up 5% from May"
    return (word.pos_ in ("VERB", "AUX") and lemma in _CHANGE_VERBS or word.pos_ == "NOUN" and lemma in _CHANGE_NOUNS
            or word.lower_ in ("up", "down") and word.dep_ in ("advmod", "prt", "acomp"))


#: Prepositions that end a range a "from" phrase opens ("from 2019 to 2021", "from May until June")
_RANGE_ENDS = frozenset({"to", "through", "until", "till", "into"})
#: Entity types of a figure: a phrase of one after "from" gives what a figure changed to, no end of a range of time
_FIGURE_ENTS = frozenset({"MONEY", "PERCENT", "QUANTITY"})


def _range_goes_on(prep: Token) -> bool:
    """Whether a "from" phrase opens a range of time ("rose from 2019 to 2021"): a phrase after it with "to",
    "through", "until", "till" or "into", not one that gives the figure the change went to ("fell 42% from the
    previous year [to 1.2 million units]")."""
    ends = [c for c in prep.head.children if c.dep_ == "prep" and c.i > prep.i and c.lower_ in _RANGE_ENDS]
    ends += [c for c in prep.subtree if c.dep_ == "prep" and c.lower_ in _RANGE_ENDS]
    return any(not _of_a_figure(end) for end in ends)


def _of_a_figure(phrase: Token) -> bool:
    """Whether a preposition's phrase names a figure ("to $4 billion", "to 4,000 tickets") and no time (a date, or a
    year written as four digits: "to 2028")."""
    tokens = [t for t in phrase.subtree if t.i != phrase.i]
    years = [t for t in tokens if t.shape_ == "dddd" and 1000 <= int(t.text) <= 2100]
    return not years and not any(t.ent_type_ in ("DATE", "TIME") for t in tokens) and any(
        t.ent_type_ in _FIGURE_ENTS or t.like_num or t.tag_ == "$" for t in tokens)


#: Prepositions that set a date on the noun they hang from ("elections in 2012", "the vote on Tuesday").
_DATING_PREPS = frozenset({"in", "on", "of", "during"})


def _noun_event_tokens(noun: Token, exclude: set[int], limit: int = 14) -> list[Token]:
    """The noun with its modifiers, then as many of its prepositional phrases, whole, as fit ``limit`` words
    ("a violent clash between French police and Roma in the village of Saint Aignan")."""

    def words(head: Token) -> set[int]:  # the phrase without its clauses, the date and punctuation
        found, stack = set(), [head]
        while stack:
            token = stack.pop()
            if token.i not in exclude and (token.pos_ != "PUNCT" or token.tag_ == "HYPH"):
                found.add(token.i)
            # nor an appositive the parse hung on a name of the phrase ("a report in Ars Technica, an internal memo
            # at Apple showed": the memo is the next clause's subject)
            stack.extend(c for c in token.children if c.dep_ not in ("relcl", "acl", "appos"))
        return found

    keep = {noun.i} | set().union(*(words(c) for c in noun.children if c.dep_ in _COMPACT_DEPS)) - exclude
    for child in noun.children:
        if child.dep_ == "prep" and child.i > noun.i:
            phrase = words(child)
            if phrase == {child.i}:
                continue  # "elections in [2012]": the preposition of the date itself
            if len(keep) + len(phrase) > limit:
                break
            keep |= phrase
    tokens = _tokens(noun.doc, keep)
    if len(tokens) > 1 and tokens[0].lower_ in ("a", "an") and tokens[0].i + 1 in exclude:
        tokens = tokens[1:]  # "a 1955 image" without its date is "image", not "a image"
    return tokens


#: Words that open a date's phrase and that the parser may take for a clause's mark ("since August is ...").
_DATE_MARKS = frozenset({"since", "until", "till", "before", "after", "by", "from"})


def _clause_above_a_misparsed_date(span) -> Token | None:
    """ "An outbreak that has sickened 214 people since August is the result of a drop": the parser makes
    "since" a clause's mark and the date that clause's subject ("[since] August is the result"); a date is
    no subject, so the phrase dates the verb the clause hangs from ("sickened"), not "is"."""
    root = span.root
    verb = root.head
    if root.dep_ not in ("nsubj", "nsubjpass") or verb.i == root.i or verb.dep_ not in ("advcl", "ccomp"):
        return None
    if not any(c.dep_ == "mark" and c.lower_ in _DATE_MARKS and c.i == span.start - 1 for c in verb.children):
        return None
    above = verb.head
    return above if above.pos_ in ("VERB", "AUX") and above.i != verb.i else None


#: Participles that serve as prepositions ("following the vote", "including a 1955 image").
_PREPOSITION_PARTICIPLES = frozenset({"following", "including", "starting", "beginning", "stemming", "excluding",
                                      "concerning", "regarding", "pending", "preceding", "according"})
#: A page's stamp word opening the line of a date, right before it ("PUBLISHED : THURSDAY , MAY 2 , 2013", "Last
#: updated: 10 May", "Posted on May 3"): the date is the time the page was put up or changed, no event's ("the
#: report was published on May 3" in a sentence is one).
_PAGE_STAMP_BEFORE = re.compile(r"[ \t]*(?:(?:first|last)[ \t]+)?(?:published|updated|posted|uploaded|modified)"
                                r"[ \t]*(?::|on|at)?[ \t]*", re.IGNORECASE)


def _stamped(text: str, t: TimeExpression) -> bool:
    """Whether a date or time is a page's stamp: a stamp word opens its line, right before it; or a capitalised stamp
    word opens its line, followed by a stamp's words (:data:`_STAMP_LINE`), and the line ends with no sentence's end
    ("Posted 1 year, 160 days ago [downloaded on 2 October 2013]": a page's furniture, while "Published in 1998, the
    book sold well." is a sentence, and "Updated maps went on sale in 1998" a headline)."""
    line_start = text.rfind("\n", 0, t.start) + 1
    if _PAGE_STAMP_BEFORE.fullmatch(text, line_start, t.start) is not None:
        return True
    line_end = text.find("\n", t.start)
    line = text[line_start:len(text) if line_end < 0 else line_end].strip()
    return _STAMP_LINE.match(line) is not None and not line.endswith((".", "!", "?", '"', "”", "’", "'"))


#: A capitalised stamp word opening a line and followed by what follows a stamp: a sign, a number, "on", "at" or "by",
#: a weekday or a month ("Posted 1 year ago", "Updated : May 16", "Posted by", "Published Thursday"), the page's
#: furniture when the line is no sentence; not a word of a headline ("Updated maps went on sale in 1998")
_STAMP_LINE = re.compile(r"(?:(?:First|Last)\s+)?(?:Published|Updated|Posted|Uploaded|Modified|Downloaded)\b\s*"
                         r"(?:[^\w\s]|\d|(?i:on|at|by)\b|(?i:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|"
                         r"aug|sep|oct|nov|dec)[a-z]*\b)")


#: Verbs of a page's stamp: alone (no subject nor object) and capitalised, the time the page was put up, no event.
_STAMP_VERBS = frozenset({"posted", "published", "updated", "uploaded", "modified"})


def _participle_object(participle: Token, span) -> Token | None:
    """The noun a prepositional participle takes ("season" of "following the 2002-03 season", "case" of
    "stemming from her June 2012 case") when the date is inside its phrase and is not that noun itself."""
    node = span.root
    while node.head.i != participle.i:
        if node.head.i == node.i:
            return None
        node = node.head
    if node.dep_ == "prep":
        node = next((c for c in node.children if c.dep_ == "pobj"), None)
    if node is None or node.pos_ not in ("NOUN", "PROPN") or span.start <= node.i < span.end:
        return None
    return node


def _noun_taken_for_a_verb(verb: Token) -> bool:
    """Whether the parse made a verb of the last noun of a noun phrase ("fifth on the career assists [list] at that
    time", tagged a verb joined to the clause's first verb): a verb joined to another with no "and", comma or
    subject of its own, right after a noun of another phrase, is that phrase's noun, no event."""
    doc = verb.doc
    if verb.dep_ != "conj" or verb.i == 0 or verb.tag_ not in ("VBP", "VB", "VBZ"):
        return False
    before = doc[verb.i - 1]
    return before.pos_ in ("NOUN", "PROPN") and before.head.i != verb.i and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "cc") for c in verb.children)


#: Verbs that say nothing of what happened without a noun of it ("it happened", "as it did in 1992", "it took")
_EMPTY_VERBS = frozenset({"happen", "do", "occur", "take", "be", "have", "come", "go", "get", "make"})


def _says_nothing(verb: Token, date: set[int]) -> bool:
    """Whether a verb's event would hold no content word but the verb, the verb one that says nothing alone ("It
    happened in 1959", "when it works, as it did in 1992"): a pronoun and such a verb tell the reader nothing.
    ``date``: the tokens of the entry's date, whose phrase is no content of the event."""
    if verb.lemma_.lower() not in _EMPTY_VERBS:
        return False
    kept = [c for c in verb.children if (c.dep_ in _KEEP_DEPS or c.dep_ in ("prep", "xcomp", "ccomp", "advcl"))
            and c.i not in date and not (c.dep_ == "prep" and all(g.i in date for g in c.subtree if g.i != c.i))]
    return bool(kept) and all(c.pos_ == "PRON" and c.dep_ in _SUBJECT_DEPS for c in kept) \
        and verb.dep_ not in ("relcl", "acl")


def _governing_verb(token: Token) -> Token | None:
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "aux":
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _event_tokens(verb: Token, exclude: set[int], dated_elsewhere: set[int] | frozenset[int] = frozenset()
                  ) -> list[Token]:
    """The verb's words of an event: its subject, object, auxiliaries and phrases with a preposition, but not a
    phrase with the entry's own date (``exclude``) nor one whose words would show another date of the sentence
    (``dated_elsewhere``: "by 2016" does not describe what happens by 2011)."""
    keep = {verb.i}
    for child in verb.children:
        if child.i in exclude or child.dep_ == "advcl":
            continue
        if child.dep_ in _KEEP_DEPS:
            keep |= _compact(child)
        elif child.dep_ in ("aux", "auxpass") and child.tag_ != "TO":
            keep.add(child.i)  # "a decision would be taken", "214 people have fallen ill": a phrase, not a stem
        elif child.dep_ == "advmod" and child.pos_ == "ADJ" and child.i == verb.i + 1:
            keep.add(child.i)  # "fallen ill", "gone missing": the adjective completes the verb
        elif child.dep_ == "prep" and not any(g.i in exclude for g in child.subtree) and len(keep) < 10:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and not (phrase := {child.i} | _compact(objects[0])) & dated_elsewhere:
                keep |= phrase
    doc = verb.doc
    own_subject = any(c.dep_ in _SUBJECT_DEPS for c in verb.children)
    completed = verb
    while len(keep) < 10 and (completing := _completing(completed, exclude, dated_elsewhere)) is not None:
        # "Android phones managed [to outsell iPhones]", "urged France [to try to integrate members]": the verb
        # says what was managed or urged only with its complement
        keep |= {completing.i} | {c.i for c in completing.children if c.dep_ in ("aux", "neg")}
        for child in completing.children:
            if child.dep_ in ("dobj", "prt", "acomp", "attr", "oprd"):
                keep |= _compact(child)
        completed = completing
    governors = _governors(verb) if not own_subject and any(c.tag_ == "TO" for c in verb.children) else []
    if governors:
        # "Akerson plans to stand down on January 15", "a plan failed to pass the Senate this week", "it might be
        # able to repay its loans by 2017": a verb that completes another has that verb's subject; the event is
        # told with both ("Akerson plans to stand down"), not by the infinitive alone ("stand down")
        keep |= {c.i for c in verb.children if c.dep_ == "aux" and c.tag_ == "TO"}
        below = verb
        for governor in governors:
            keep |= {governor.i} | {c.i for c in governor.children if c.dep_ in ("aux", "auxpass", "neg")
                                    and c.i not in exclude}
            for child in governor.children:
                if child.dep_ == "dobj" and governor.i < child.i < below.i and child.i not in exclude:
                    keep |= _compact(child)  # "urging [them] to cancel the rule", "asked [Page] to pose"
            below = governor
        verb = governors[-1]
    relative = [i for i in keep if doc[i].tag_ in ("WDT", "WP") and doc[i].head.i == verb.i]
    if governors:
        # "the carmaker, which is seeking to cut 31,500 jobs": the antecedent, below
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in exclude]
        relative = _take_subject(subjects, keep, relative)
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "Luciano, who was deported to Italy and who died in 1962": the second of two clauses
    if clause is not verb and verb.pos_ in ("VERB", "AUX") and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        # "Comeaux pulls a gun on guards, escapes on foot": the second verb's subject is the first's
        subjects = [c for c in clause.children if c.dep_ in _SUBJECT_DEPS and c.i not in exclude
                    and c.pos_ in ("NOUN", "PROPN", "PRON")]
        if any(t.dep_ in _SUBJECT_DEPS for t in doc[clause.i + 1:verb.i]):
            subjects = []  # "Brown left, and Ayers was promoted and fired": another subject between, the parse's link
            # of the verbs is not to be trusted
        relative = _take_subject(subjects, keep, relative)  # "who was deported and died": the antecedent, below
    if relative and clause.dep_ == "relcl":
        # "Besson, who travels to Brussels": the event's subject is the antecedent, when it is the name or noun right
        # before the pronoun ("members - 62,000 at GM, which is seeking": the parse's antecedent "members" is not
        # what "which" stands for, and the event keeps no subject)
        keep -= set(relative)
        if _stands_right_before(clause.head, clause.left_edge.i):
            keep |= _compact(clause.head)
    elif verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i not in exclude:
        # "the number of Roma expelled from France this year": the participle's noun is what it happened to
        keep |= _compact(verb.head)
    return _tokens(doc, keep, 14)


def _take_subject(subjects: list[Token], keep: set[int], relative: list[int]) -> list[int]:
    """The event told with the first of ``subjects``: a relative pronoun ("which is seeking", "who died") is returned
    as the event's ``relative`` (its antecedent is the subject, found by the caller), else the subject's phrase is
    added to ``keep`` and ``relative`` returned as it was (as it is with no subject)."""
    if subjects and subjects[0].tag_ in ("WDT", "WP"):
        return [subjects[0].i]
    if subjects:
        keep |= _compact(subjects[0])
    return relative


#: the dependencies of a verb's subject
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _completing(verb: Token, exclude: set[int], dated_elsewhere: set[int] | frozenset[int]) -> Token | None:
    """The infinitive after ``verb`` that completes it ("managed [to outsell]", "urged France [to try]"), with no
    subject of its own and no word of the entry's date or of another date of the sentence."""
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
                 and any(g.tag_ == "TO" for g in c.children)
                 and not any(g.dep_ in _SUBJECT_DEPS for g in c.children)
                 and not any(g.i in exclude or g.i in dated_elsewhere for g in c.subtree)), None)


def _stands_right_before(antecedent: Token, pronoun: int) -> bool:
    """Whether the noun or name right before a relative pronoun (at ``pronoun``) is the antecedent the parse gives
    or part of its phrase by no preposition but "of" ("the smuggler Aldo Ferrante, who", "the mayor of Paris, who"),
    or no noun stands there; not when it is another phrase's ("members - 62,000 at GM, which": "GM")."""
    doc = antecedent.doc
    at = pronoun - 1
    while at > antecedent.i and doc[at].is_punct:
        at -= 1
    if at < 0:
        return True  # the clause opens the text (a parse that hangs it on a name after it): nothing stands before
    node = doc[at]
    if node.pos_ not in ("NOUN", "PROPN", "NUM"):
        return True
    for _ in range(8):
        if node.i == antecedent.i:
            return True
        if node.dep_ in ("pobj", "prep") and (node.head if node.dep_ == "pobj" else node).lower_ != "of" \
                or node.head.i == node.i:
            return False
        node = node.head
    return False


def _governors(verb: Token) -> list[Token]:
    """The verbs (and an adjective between: "able") that an infinitive with no subject of its own completes, up to
    the one with the subject ("might be [able] to repay": "able", "be"), or none when the chain reaches no subject."""
    chain: list[Token] = []
    node = verb
    while node.dep_ == "xcomp" and node.head.i != node.i and len(chain) < 4:
        head = node.head
        if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.i != head.i:
            chain.append(head)
            head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            return []
        chain.append(head)
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
            return chain
        node = head
    return []


def _tokens(doc: Doc, keep: set[int], limit: int | None = None) -> list[Token]:
    """The kept tokens in text order, without punctuation but for a hyphen inside a kept word ("five-year-olds");
    at most ``limit`` words, never ending on a word that needs one after it ("of the")."""
    words = {i for i in keep if not (doc[i].is_punct and doc[i].pos_ == "PUNCT")}  # "93%" keeps its "%"
    # (and a dash between two numbers: "its 2010-11 budgets", "a 55-45 vote", not "2010 11", "55 45")
    hyphens = {i + 1 for i in words if i + 2 in words and (doc[i + 1].tag_ == "HYPH" or doc[i + 1].text in ("-", "–")
                                                            and doc[i].like_num and doc[i + 2].like_num)}
    tokens = [doc[i] for i in sorted(words | hyphens)]
    if limit is not None and len(words) > limit:
        last = sorted(words)[limit - 1]
        tokens = [t for t in tokens if t.i <= last]
        # no word left waiting for what was cut: "both doses of the MMR [vaccine]" ends at "doses"
        while len(tokens) > 1 and (tokens[-1].pos_ in ("DET", "ADP", "CCONJ", "SCONJ", "PART")
                                   or tokens[-1].tag_ == "HYPH" or tokens[-1].head.i > last):
            tokens.pop()
    return tokens


def _compact(head: Token) -> set[int]:
    """A noun phrase without its clauses: "300 Roma", "a resolution", "European parliamentarians"; a passive's
    agent with its object: "by a United Nations body"."""
    keep = {head.i}
    for child in head.children:
        if child.dep_ == "pobj" and head.dep_ == "agent":
            keep |= _compact(child)
        elif child.dep_ in _COMPACT_DEPS:
            # a hyphen inside a word stays ("five-year-olds", not "five year olds")
            keep |= {t.i for t in child.subtree if t.dep_ not in ("relcl", "acl", "punct") or t.tag_ == "HYPH"}
        elif child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:  # with its own figures and modifiers: "savings of [180 million] euros"
                keep |= {child.i} | {t.i for c in objects[0].children if c.dep_ in _COMPACT_DEPS
                                     for t in c.subtree if t.dep_ not in ("relcl", "acl", "punct")
                                     or t.tag_ == "HYPH"} | {objects[0].i}
    return keep
