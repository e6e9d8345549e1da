"""What each source reports and what it leaves out, and how many sources are independent.

Coverage: the story's facts (groups of agreeing or disputed figures, a figure set against another
of a different time or scope, statements reported by several sources, and timeline events) against its
sources.  Independence: passages shared near-verbatim
by two articles (runs of at least ``min_words`` words in common, found through 8-word
shingles) mark copy or rewrite; articles linked by such passages covering at least
``min_share`` of the shorter one count once.  Words inside quotation marks in both articles are
not counted: two outlets quoting the same press conference are not copying each other.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..align.unionfind import UnionFind
from ..extract.quotes import quotation_regions
from ..models import ArticleInfo, Claim, ClaimGroup, CoverageRow, Dossier, SharedPassage, Span

_WORD = re.compile(r"\w+(?:['’]\w+)?")
SHINGLE = 8


def coverage(dossier: Dossier) -> list[CoverageRow]:
    sources = [a.id for a in dossier.articles]
    claims = {c.id: c for c in dossier.claims}
    quotes = {q.id: q for q in dossier.quotes}
    rows = []

    def row(kind: str, ref: str, description: str, reported: set[str]) -> CoverageRow:
        return CoverageRow(kind=kind, ref=ref, description=description, reported_by=sorted(reported),
                           left_out_by=[s for s in sources if s not in reported])

    # one figure's groups (those agreeing, and the conflicts between them) are one fact: a source
    # that gives the figure, in agreement or not, has not left it out (figures of another time or
    # scope are other figures)
    linked = UnionFind(claims)
    for group in dossier.claim_groups:
        for other in group.claim_ids[1:] if group.relation in ("agree", "conflict") else ():
            linked.union(group.claim_ids[0], other)
    reporting: dict[str, set[str]] = {}
    for claim_id in claims:
        reporting.setdefault(linked.find(claim_id), set()).add(claims[claim_id].article_id)
    # a group of figures of another time or scope compares two facts: each figure (with those agreeing
    # with it or disputing it) is its own row, given once, unless a group of agreeing or disputed figures
    # already stands for it; a source reporting one of them has not reported the other
    one_fact = {linked.find(i) for g in dossier.claim_groups if g.relation in ("agree", "conflict")
                for i in g.claim_ids}
    for group in dossier.claim_groups:
        if group.relation in ("agree", "conflict"):
            reported = set().union(*(reporting[linked.find(i)] for i in group.claim_ids))
            rows.append(row("claim_group", group.id, _claims_text(group, claims), reported))
            continue
        for claim_id in group.claim_ids:
            root = linked.find(claim_id)
            if root not in one_fact:
                one_fact.add(root)
                rows.append(row("claim", claim_id, _claim_text(claims[claim_id]), reporting[root]))
    for group in dossier.statement_groups:
        first = quotes[group.quote_ids[0]]
        rows.append(row("statement", group.id, f"{first.speaker.name}: {first.said[:120]}",
                        {quotes[i].article_id for i in group.quote_ids}))
    for entry in dossier.timeline:
        rows.append(row("event", entry.date, f"{entry.when}: {entry.event}", {s.article_id for s in entry.sources}))
    return rows


def _claim_text(claim: Claim) -> str:
    counted = f" — {claim.counts}" if claim.counts else ""
    return f"{claim.span.text}{counted} ({claim.article_id})"


def _claims_text(group: ClaimGroup, claims: dict) -> str:
    return f"{group.relation}: " + "; ".join(f"{claims[i].span.text} ({claims[i].article_id})" for i in group.claim_ids)


@lru_cache(maxsize=64)
def _words(text: str) -> list[str]:
    """``text``'s words as written, read once for :func:`shared_passages` and :func:`independent_sources` (kept for
    the last texts only: a story's articles; the caller must not change the list)."""
    return _WORD.findall(text)


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def shared_passages(articles: Sequence[ArticleInfo], *, min_words: int = 12) -> list[SharedPassage]:
    # the words alone first; their offsets are read only for the articles that share a passage
    lowered_of = {a.id: [w.lower() for w in _words(a.text)] for a in articles}
    hits: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for places in _repeated_shingles([(a.id, lowered_of[a.id]) for a in articles]):
        # the places are in text order: after each place, those of its own text (a shingle repeated within one
        # article) come first and pair with nothing, so the pairing starts after them
        others = [len(places)] * len(places)
        for n in range(len(places) - 2, -1, -1):
            others[n] = n + 1 if places[n + 1][0] != places[n][0] else others[n + 1]
        for n, (a, i) in enumerate(places):
            for b, j in places[others[n]:]:
                if a != b:
                    key, pair = ((a, b), (i, j)) if a < b else ((b, a), (j, i))
                    hits.setdefault(key, set()).add(pair)
    passages = []
    texts = {a.id: a.text for a in articles}
    spans: dict[str, list[tuple[int, int]]] = {}
    for (a, b), pairs in hits.items():
        for i, j, length in _runs(sorted(pairs)):
            n_words = length + SHINGLE - 1
            if n_words < min_words:
                continue
            wa = spans.get(a) or spans.setdefault(a, _word_spans(texts[a]))
            wb = spans.get(b) or spans.setdefault(b, _word_spans(texts[b]))
            sa, ea = wa[i][0], wa[i + n_words - 1][1]
            sb, eb = wb[j][0], wb[j + n_words - 1][1]
            passages.append(SharedPassage(words=n_words, spans=[
                Span(article_id=a, start=sa, end=ea, text=texts[a][sa:ea]),
                Span(article_id=b, start=sb, end=eb, text=texts[b][sb:eb]),
            ]))
    return passages


def _repeated_shingles(texts: list[tuple[str, list[str]]]) -> list[list[tuple[str, int]]]:
    """The places (text id, index of its first word) of each shingle (``SHINGLE`` words in a row) found more
    than once, a list per shingle in the order of their first places, each list in text and word order.

    Most shingles occur once: the words become numbers, each shingle a 64-bit hash of them, and one sort of
    the hashes finds the shingles whose hash repeats; only those are then compared word by word."""
    vocab: dict[str, int] = {}
    ids = [(key, words, np.array([vocab.setdefault(w, len(vocab)) for w in words], dtype=np.uint64))
           for key, words in texts]
    rows = [(key, words, sliding_window_view(a, SHINGLE)) for key, words, a in ids if len(a) >= SHINGLE]
    if not rows:
        return []
    stacked = np.concatenate([r for _, _, r in rows])
    hashed = np.zeros(len(stacked), dtype=np.uint64)
    for k in range(SHINGLE):
        hashed = hashed * np.uint64(1_000_003) + stacked[:, k]  # wraps around modulo 2**64
    _, inverse, counts = np.unique(hashed, return_inverse=True, return_counts=True)
    maybe = counts[inverse.reshape(-1)] >= 2
    index: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    offset = 0
    for key, words, r in rows:
        for i in np.flatnonzero(maybe[offset:offset + len(r)]).tolist():
            index.setdefault(tuple(words[i:i + SHINGLE]), []).append((key, i))
        offset += len(r)
    return [places for places in index.values() if len(places) > 1]


def _runs(pairs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Consecutive shingle matches (i, j), (i+1, j+1)... as (i, j, length)."""
    runs = []
    remaining = set(pairs)
    for i, j in pairs:
        if (i, j) not in remaining or (i - 1, j - 1) in remaining:
            continue
        length = 0
        while (i + length, j + length) in remaining:
            remaining.discard((i + length, j + length))
            length += 1
        runs.append((i, j, length))
    return runs


def independent_sources(articles: Sequence[ArticleInfo], passages: Sequence[SharedPassage], *,
                        min_share: float = 0.3) -> int:
    sets = UnionFind(a.id for a in articles)

    sizes = {a.id: max(1, len(_words(a.text))) for a in articles}
    texts = {a.id: a.text for a in articles}
    regions: dict[str, list[tuple[int, int]]] = {}
    shared: dict[tuple[str, str], int] = {}
    for passage in passages:
        a, b = passage.spans[0].article_id, passage.spans[1].article_id
        quoted = [_quoted_words(span, regions.get(span.article_id) or regions.setdefault(
            span.article_id, quotation_regions(texts[span.article_id]))) for span in passage.spans]
        # a speaker's words in quotation marks in both reports are the speaker's, not copied from one another
        own = sum(1 for in_a, in_b in zip(*quoted, strict=False) if not (in_a and in_b))
        shared[(a, b)] = shared.get((a, b), 0) + own
    for (a, b), n in shared.items():
        if n >= min_share * min(sizes[a], sizes[b]):
            sets.union(a, b)
    return len({sets.find(a.id) for a in articles})


def _quoted_words(span: Span, regions: list[tuple[int, int]]) -> list[bool]:
    """For each word of ``span``, whether it stands inside one of the quotation ``regions`` of its article."""
    opens = [r0 for r0, _ in regions]  # sorted, and the regions do not overlap
    inside = []
    for m in _WORD.finditer(span.text):
        start = span.start + m.start()
        k = bisect.bisect_right(opens, start) - 1
        inside.append(k >= 0 and start < regions[k][1])
    return inside
