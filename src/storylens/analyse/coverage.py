"""What each source reports and what it leaves out, and how many sources are independent.

Coverage: the story's facts (groups of figures, statements reported by several sources,
and timeline events) against its sources.  Independence: passages shared near-verbatim
by two articles (runs of at least ``min_words`` words in common, found through 8-word
shingles) mark copy or rewrite; articles linked by such passages covering at least
``min_share`` of the shorter one count once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..align.unionfind import UnionFind
from ..models import ArticleInfo, ClaimGroup, CoverageRow, Dossier, SharedPassage, Span

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

    for group in dossier.claim_groups:
        reported = {claims[i].article_id for i in group.claim_ids}
        rows.append(row("claim_group", group.id, _claims_text(group, claims), reported))
    for group in dossier.statement_groups:
        first = quotes[group.quote_ids[0]]
        rows.append(row("statement", group.id, f"{first.speaker.name}: {first.content.text[:120]}",
                        {quotes[i].article_id for i in group.quote_ids}))
    for entry in dossier.timeline:
        rows.append(row("event", entry.date, f"{entry.date}: {entry.event}", {s.article_id for s in entry.sources}))
    return rows


def _claims_text(group: ClaimGroup, claims: dict) -> str:
    return f"{group.relation}: " + "; ".join(f"{claims[i].span.text} ({claims[i].article_id})" for i in group.claim_ids)


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def shared_passages(articles: Sequence[ArticleInfo], *, min_words: int = 12) -> list[SharedPassage]:
    words = {a.id: _words(a.text) for a in articles}
    index: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    for article in articles:
        lowered = [t[0] for t in words[article.id]]
        # the shingle starting at each word i: (lowered[i], ..., lowered[i + SHINGLE - 1])
        for i, shingle in enumerate(zip(*(lowered[k:] for k in range(SHINGLE)), strict=False)):
            index.setdefault(shingle, []).append((article.id, i))
    hits: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for places in index.values():
        for n, (a, i) in enumerate(places):
            for b, j in places[n + 1:]:
                if a != b:
                    key, pair = ((a, b), (i, j)) if a < b else ((b, a), (j, i))
                    hits.setdefault(key, set()).add(pair)
    passages = []
    texts = {a.id: a.text for a in articles}
    for (a, b), pairs in hits.items():
        for i, j, length in _runs(sorted(pairs)):
            n_words = length + SHINGLE - 1
            if n_words < min_words:
                continue
            wa, wb = words[a], words[b]
            sa, ea = wa[i][1], wa[i + n_words - 1][2]
            sb, eb = wb[j][1], wb[j + n_words - 1][2]
            passages.append(SharedPassage(words=n_words, spans=[
                Span(article_id=a, start=sa, end=ea, text=texts[a][sa:ea]),
                Span(article_id=b, start=sb, end=eb, text=texts[b][sb:eb]),
            ]))
    return passages


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

    sizes = {a.id: max(1, len(_WORD.findall(a.text))) for a in articles}
    shared: dict[tuple[str, str], int] = {}
    for passage in passages:
        a, b = passage.spans[0].article_id, passage.spans[1].article_id
        shared[(a, b)] = shared.get((a, b), 0) + passage.words
    for (a, b), n in shared.items():
        if n >= min_share * min(sizes[a], sizes[b]):
            sets.union(a, b)
    return len({sets.find(a.id) for a in articles})
