"""Whose voices each outlet carries: attributed statements by speaker category, in count and words.

A speaker's category comes from the rules in ``data/voices.toml`` (first match wins),
read against what the story knows of the speaker: its role titles and organisations, its
name, and the words the article used for it ("critics", "One Roma", "reports").  A speaker
from a group of the story (a NORP entity, or "One Roma") is an affected person.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from ..models import Entity, Quote, VoiceShare
from ..resources import _load

AFFECTED = "affected people"
OTHER = "other"


@lru_cache(maxsize=1)
def categories() -> list[tuple[str, re.Pattern]]:
    """Each category and one pattern for its words: a lower-case word in any case, a word with a capital letter (an
    acronym) only as written; whole words, with a plural ending allowed ("group" finds "Environmental groups")."""
    rules = []
    for category in _load("voices.toml")["category"]:
        words = sorted(category["words"], key=len, reverse=True)
        alternatives = "|".join(re.escape(w) if w != w.lower() else f"(?i:{re.escape(w)})" for w in words)
        pattern = re.compile(r"(?<![\w.])(" + alternatives + r")(?:e?s)?(?![\w])")
        rules.append((category["name"], pattern))
    return rules


def speaker_category(quote: Quote, entities: dict[str, Entity]) -> str:
    entity = entities.get(quote.speaker.entity_id or "")
    if entity is not None and entity.type == "NORP":
        return AFFECTED
    described = " ".join(filter(None, [quote.speaker.span.text if quote.speaker.span else None, quote.speaker.name]))
    if quote.speaker.kind == "anonymous" and entity is None:
        words = described.lower().split()
        if len(words) >= 2 and words[0] in ("one", "a", "an") and words[-1][:1].isalpha():
            if any(e.type == "NORP" and e.name.lower() == words[-1] for e in entities.values()):
                return AFFECTED
    evidence = [described]
    if entity is not None:
        evidence += [f"{r.title} {r.organisation or ''}" for r in entity.roles]
        evidence.append(entity.name)
    text = " | ".join(evidence)
    for name, pattern in categories():
        if pattern.search(text):
            return name
    if quote.speaker.kind == "anonymous":
        return "anonymous"
    return OTHER


def _words(quote: Quote) -> int:
    """The words of what was said, without a cue clause that interrupts it."""
    return sum(len(part.text.split()) for part in quote.content_parts or [quote.content])


def voices(quotes: Sequence[Quote], entities: Sequence[Entity]) -> list[VoiceShare]:
    by_id = {e.id: e for e in entities}
    counts: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for quote in quotes:
        category = speaker_category(quote, by_id)
        counts[(quote.article_id, category)].append(quote)
        totals[quote.article_id] += _words(quote)
    rows = []
    for (article_id, category), items in sorted(counts.items()):
        words = sum(_words(q) for q in items)
        rows.append(VoiceShare(
            article_id=article_id,
            category=category,
            statements=len(items),
            words=words,
            share_of_words=round(words / totals[article_id], 3) if totals[article_id] else 0.0,
            speakers=sorted({q.speaker.name or "?" for q in items}),
        ))
    return rows
