"""One timeline for the story: each dated statement's event, merged across sources.

For every resolved date (a TIMEX3 DATE value with digits: a day, a week, a month or a
year), the event is the verb the expression modifies, with its subject, object and
particle, in text order ("Police put 300 Roma on planes"); the verb itself is kept as the
entry's anchor in each source (a one-token span).  Two entries are one event
when they carry the same date and share most of their content words (``min_overlap``);
each keeps every source span.  One event dated differently by two sources (its words
shared, its dates not) is kept on each date, and each entry lists the other date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..models import Span, TimeExpression, TimelineEntry

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


def precision_of(value: str) -> str | None:
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return "day"
    if len(value) == 8 and "-W" in value:
        return "week"
    if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
        return "month"
    if len(value) == 4 and value.isdigit():
        return "year"
    return None


def build_timeline(times: Sequence[TimeExpression], docs: dict[str, Doc], *, min_overlap: float = 0.4) -> list[TimelineEntry]:
    events: list[_Event] = []
    for t in times:
        if t.type != "DATE" or not t.value[:1].isdigit():
            continue
        precision = precision_of(t.value)
        doc = docs.get(t.article_id)
        if precision is None or doc is None:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        verb = _saying_before(span) or _governing_verb(span.root)
        if verb is None:
            continue
        tokens = _event_tokens(verb, exclude=set(range(span.start, span.end)))
        text = " ".join(tok.text for tok in tokens)
        words = frozenset(tok.lemma_.lower() for tok in tokens if tok.pos_ in _CONTENT_POS and not tok.is_stop)
        sentence = span.sent
        source = Span(article_id=t.article_id, start=sentence.start_char, end=sentence.end_char,
                      text=sentence.text)  # the same characters; doc.text would join every token again
        anchor = Span(article_id=t.article_id, start=verb.idx, end=verb.idx + len(verb.text), text=verb.text)
        events.append(_Event(t.value, precision, text, words, [source], [anchor]))

    merged: list[_Event] = []
    for event in events:
        same = next((m for m in merged if m.date == event.date and _overlap(m.words, event.words) >= min_overlap), None)
        if same is None:
            merged.append(event)
        else:
            same.sources.extend(s for s in event.sources if s not in same.sources)
            same.anchors.extend(a for a in event.anchors if a not in same.anchors)
    for a in merged:
        for b in merged:
            if a is not b and a.date != b.date and _overlap(a.words, b.words) >= 0.6 and len(a.words & b.words) >= 3:
                if {s.article_id for s in a.sources} != {s.article_id for s in b.sources}:
                    a.other_dates.add(b.date)
    merged.sort(key=lambda e: (e.date, e.text))
    return [
        TimelineEntry(date=e.date, precision=e.precision, event=e.text, sources=e.sources,
                      other_dates=sorted(e.other_dates), anchors=e.anchors)
        for e in merged
    ]


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


def _governing_verb(token: Token) -> Token | None:
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "aux":
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _event_tokens(verb: Token, exclude: set[int]) -> list[Token]:
    keep = {verb.i}
    for child in verb.children:
        if child.i in exclude:
            continue
        if child.dep_ in _KEEP_DEPS:
            keep |= _compact(child)
        elif child.dep_ == "prep" and not any(g.i in exclude for g in child.subtree) and len(keep) < 10:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                keep |= {child.i} | _compact(objects[0])
    doc = verb.doc
    relative = [i for i in keep if doc[i].tag_ in ("WDT", "WP") and doc[i].head.i == verb.i]
    if relative and verb.dep_ == "relcl":
        # "Besson, who travels to Brussels": the event's subject is the antecedent
        keep = (keep - set(relative)) | _compact(verb.head)
    elif verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i not in exclude:
        # "the number of Roma expelled from France this year": the participle's noun is what it happened to
        keep |= _compact(verb.head)
    return [doc[i] for i in sorted(keep) if not doc[i].is_punct][:14]


def _compact(head: Token) -> set[int]:
    """A noun phrase without its clauses: "300 Roma", "a resolution", "European parliamentarians"; a passive's
    agent with its object: "by a United Nations body"."""
    keep = {head.i}
    for child in head.children:
        if child.dep_ == "pobj" and head.dep_ == "agent":
            keep |= _compact(child)
        elif child.dep_ in _COMPACT_DEPS:
            keep |= {t.i for t in child.subtree if t.dep_ not in ("relcl", "acl", "punct")}
        elif child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                keep |= {child.i, objects[0].i}
    return keep
