"""Tone toward each entity, per outlet, from the clauses that mention it.

A lexicon scorer (VADER, whose lexicon ships in its package) reads the *clause* around
each mention rather than its whole sentence: in "Critics attacked the plan, but Besson
praised the officers" the clause of "Besson" is "Besson praised the officers", so one
sentence can say different things of the entities it names.  The clause is the subtree
of the nearest verb above the mention (the sentence root, a complement, an adverbial,
relative or coordinated clause), less the clauses under it that do not hold the mention.

Scores are kept apart by voice: a clause inside an attributed statement is someone
else's words (``quoted_score``), the rest is the outlet's own (``own_words_score``).
Each row cites the most negative and the most positive clause, so a reader can check it.

This is a rough instrument, and ``eval/tone.py`` measures how rough on BASIL: lexicon
tone knows words, not events ("police expelled 300 Roma" carries no loaded word).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, IDX, IS_SPACE, LENGTH, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Token

from ..models import Entity, Quote, Span, ToneRow
from ..parse.pipeline import doc_columns, doc_text, ids_in

_TONE_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "acl", "csubj", "pcomp"})
#: compound scores at or beyond these are positive or negative (VADER's own cut-offs)
POSITIVE, NEGATIVE = 0.05, -0.05


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=4096)
def polarity(text: str) -> float:
    """VADER's compound score of ``text``, from -1 (negative) to 1 (positive).  Cached: the mentions of one
    clause ("Besson said France ...") share its text."""
    return float(_analyzer().polarity_scores(text)["compound"]) if text.strip() else 0.0


def label_of(score: float) -> str:
    return "positive" if score >= POSITIVE else "negative" if score <= NEGATIVE else "neutral"


def _is_clause_head(token: Token) -> bool:
    return token.dep_ in _CLAUSE_DEPS and token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT"


def mention_score(doc: Doc, start: int, end: int) -> tuple[int, int, float] | None:
    """The tone of the mention at ``[start, end)``: its clause's score, with the clause's character range.

    (Backing off to the whole sentence when the clause holds no lexicon word was tried and measured: on
    BASIL's author feelings it lowered macro F1 from 0.327 to 0.269, so the clause alone is scored.)"""
    found = clause_of(doc, start, end)
    if found is None:
        return None
    c_start, c_end, text = found
    return c_start, c_end, polarity(text)


def clause_of(doc: Doc, start: int, end: int) -> tuple[int, int, str] | None:
    """The clause around the characters ``[start, end)``: its character range and its text.

    The text leaves out the clauses nested in it that do not hold the mention, so the
    range may cover more than the text.  None when the characters hold no token.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    head = span.root
    clause = head
    while not _is_clause_head(clause) and clause.head is not clause:
        clause = clause.head
    trees = _trees(doc)
    inside = range(span.start, span.end)
    left_out: set[int] = set()
    opens = trees.opens(doc)
    for i in trees.subtree(doc, clause.i):
        if i == clause.i or i in left_out:
            continue
        if opens[i]:
            sub = trees.subtree_set(doc, i)
            if sub.isdisjoint(inside):
                left_out |= sub
    starts, lengths, spaces = trees.offsets(doc)
    kept = [i for i in trees.subtree(doc, clause.i) if i not in left_out]
    while kept and spaces[kept[-1]]:
        kept.pop()
    while kept and spaces[kept[0]]:
        kept.pop(0)
    if not kept:
        return None
    # each token's text with its trailing space is the doc's text from its start to the next token's
    full = doc_text(doc)
    text = "".join(full[starts[i]:starts[i + 1]] for i in kept).strip()
    return starts[kept[0]], starts[kept[-1]] + lengths[kept[-1]], text


_TREES_KEY = "storylens.tone.trees"


class _Trees:
    """Per doc, what :func:`clause_of` reads of each token, built once: subtrees (in ``Token.subtree``
    order), and whether a token opens a nested clause (no reference to the doc: no cycle)."""

    def __init__(self) -> None:
        self._subtrees: dict[int, list[int]] = {}
        self._sets: dict[int, frozenset[int]] = {}
        self._opens: list[bool] | None = None
        self._offsets: tuple[list[int], list[int], list[bool]] | None = None

    def offsets(self, doc: Doc) -> tuple[list[int], list[int], list[bool]]:
        """Each token's start (and, last, the text's length), length and whether it is white space, read
        from spaCy's arrays (no token objects)."""
        if self._offsets is None:
            table = doc_columns(doc, [IDX, LENGTH, IS_SPACE])
            starts = table[:, 0].tolist() + [len(doc_text(doc))]
            self._offsets = (starts, table[:, 1].tolist(), (table[:, 2] != 0).tolist())
        return self._offsets

    def subtree(self, doc: Doc, i: int) -> list[int]:
        found = self._subtrees.get(i)
        if found is None:
            found = self._subtrees[i] = [t.i for t in doc[i].subtree]
        return found

    def subtree_set(self, doc: Doc, i: int) -> frozenset[int]:
        found = self._sets.get(i)
        if found is None:
            found = self._sets[i] = frozenset(self.subtree(doc, i))
        return found

    def opens(self, doc: Doc) -> list[bool]:
        """Per token, whether it opens a nested clause: :func:`_is_clause_head` and not a root (from the doc's
        arrays of dependencies and parts of speech)."""
        if self._opens is None:
            strings = doc.vocab.strings
            table = doc_columns(doc, [DEP, POS])
            deps, pos = table[:, 0], table[:, 1]
            clause = ids_in(deps, np.array([strings.add(d) for d in _CLAUSE_DEPS - {"ROOT"}], dtype=np.uint64))
            self._opens = (clause & ((pos == VERB) | (pos == AUX))).tolist()
        return self._opens


def _trees(doc: Doc) -> _Trees:
    trees = doc.user_data.get(_TREES_KEY)
    if trees is None:
        trees = doc.user_data[_TREES_KEY] = _Trees()
    return trees


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def tone(
    entities: Sequence[Entity],
    quotes: Sequence[Quote],
    docs: dict[str, Doc],
    *,
    min_mentions: int = 2,
) -> list[ToneRow]:
    """One row per (entity, article) for the people, organisations, places and groups the story
    names at least ``min_mentions`` times; each clause is scored once however often it names the entity."""
    contents: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for quote in quotes:
        contents[quote.article_id].append((quote.content.start, quote.content.end))
    longest = {}
    for article_id, ranges in contents.items():
        ranges.sort()  # a content holding a mention starts at most the longest content's length before its end
        longest[article_id] = max(b - a for a, b in ranges)
    rows: list[ToneRow] = []
    for entity in entities:
        if entity.type not in _TONE_TYPES or len(entity.mentions) < min_mentions:
            continue
        by_article: dict[str, list[Span]] = defaultdict(list)
        for mention in entity.mentions:
            by_article[mention.article_id].append(mention)
        for article_id, mentions in sorted(by_article.items()):
            doc = docs.get(article_id)
            if doc is None:
                continue
            scored: dict[tuple[int, int], tuple[float, bool]] = {}
            for mention in mentions:
                found = mention_score(doc, mention.start, mention.end)
                if found is None:
                    continue
                start, end, value = found
                if (start, end) in scored:
                    continue
                ranges = contents[article_id]
                near = ranges[bisect_left(ranges, (mention.end - longest.get(article_id, 0),)):
                              bisect_right(ranges, (mention.start, float("inf")))] if ranges else ()
                quoted = any(a <= mention.start and mention.end <= b for a, b in near)
                scored[(start, end)] = (value, quoted)
            if not scored:
                continue
            values = [s for s, _ in scored.values()]
            score = _mean(values) or 0.0
            low = min(scored, key=lambda k: scored[k][0])
            high = max(scored, key=lambda k: scored[k][0])

            text = doc_text(doc)

            def cite(key: tuple[int, int], text: str = text, article_id: str = article_id) -> Span:
                return Span(article_id=article_id, start=key[0], end=key[1], text=text[key[0]:key[1]])

            rows.append(ToneRow(
                entity_id=entity.id,
                name=entity.name,
                article_id=article_id,
                score=score,
                label=label_of(score),
                clauses=len(scored),
                own_words_score=_mean([s for s, q in scored.values() if not q]),
                quoted_score=_mean([s for s, q in scored.values() if q]),
                most_negative=cite(low) if scored[low][0] <= NEGATIVE else None,
                most_positive=cite(high) if scored[high][0] >= POSITIVE else None,
            ))
    return rows
