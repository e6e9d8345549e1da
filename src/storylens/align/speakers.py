"""Speakers of a story's statements, linked to its entities.

A statement's source span (from :mod:`storylens.extract.quotes`) becomes a speaker:

- a name or title of an entity that ends the source phrase ("Interior Minister Brice
  Hortefeux", "France's Immigration Minister", "the European Commission") is that entity:
  a person, or an institution for organisations and places;
- "he"/"she" is the person named last before it in the article; "they" and "we" the
  organisation or group named last;
- a relative pronoun ("Mark Sherman, who said ...") is the noun phrase it stands for, which the
  extractor gives as the speaker's name: the entity named at its end, or that description;
- anything else is kept with its own words and a kind: a document ("reports", "a
  resolution"), anonymous ("sources", "One Roma", "a spokesman"), a group ("ministers",
  "critics", "over 300 European Union MPs").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence

from ..extract.quotes import cue_lexicon
from ..models import Entity, Quote, Span

_PERSONAL = {"he", "she", "him", "her"}
_COLLECTIVE = {"they", "we"}
_RELATIVE = {"who", "which", "that", "whom"}
_RELATIVE_REACH = 300  # characters between a relative pronoun and the noun it stands for, at most
_ANONYMOUS_HEADS = {"source", "sources", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
                    "aide", "aides", "insider", "insiders", "diplomat", "diplomats", "witness", "witnesses",
                    "someone", "person", "people", "observer", "observers"}
_INSTITUTION_HEADS = {"government", "ministry", "police", "court", "committee", "commission", "administration",
                      "parliament", "army", "military", "company", "party", "union", "council", "agency",
                      "department", "office", "embassy", "campaign", "white house", "kremlin", "cabinet",
                      "prosecutors", "authorities", "regime", "board", "bank", "organisation", "organization"}
_INDEFINITE = {"a", "an", "one", "some", "several", "another", "many", "two", "three", "other", "others"}


def link_speakers(quotes: Sequence[Quote], entities: Sequence[Entity]) -> None:
    """Fill each quote's ``speaker`` (entity, name, kind) and each entity's ``quote_ids``, in place."""
    found: dict[str, list[tuple[Span, Entity]]] = defaultdict(list)
    for entity in entities:
        for span in entity.mentions:
            found[span.article_id].append((span, entity))
    mentions: dict[str, _Mentions] = defaultdict(lambda: _Mentions([]))
    for article_id, spans in found.items():
        mentions[article_id] = _Mentions(sorted(spans, key=lambda item: (item[0].start, item[0].end)))
    by_id = {e.id: e for e in entities}
    for quote in quotes:
        speaker = quote.speaker
        if speaker.span is None:
            speaker.kind = "unresolved"
            continue
        entity = _entity_of_phrase(speaker.span, mentions[quote.article_id])
        described = speaker.span.text
        words = re.findall(r"[\w'’.-]+", described.lower())
        if entity is None and len(words) == 1 and words[0] in _RELATIVE and speaker.name \
                and speaker.name.lower() != words[0]:
            # "Sherman, who reported ...": the extractor named the noun phrase the pronoun stands for
            described = speaker.name
            words = re.findall(r"[\w'’.-]+", described.lower())
            entity = _entity_before(speaker.span, described, mentions[quote.article_id])
            if entity is not None:
                speaker.resolved_from = speaker.span.text
        if entity is None and len(words) == 1 and words[0] in _PERSONAL | _COLLECTIVE:
            entity = _antecedent(speaker.span, words[0], mentions[quote.article_id])
            if entity is not None:
                speaker.resolved_from = speaker.span.text
        if entity is not None and entity.type == "NORP" and words and words[0] in _INDEFINITE:
            entity = None  # "One Roma told BBC": an anonymous member of the group, not the group
        if entity is not None:
            speaker.entity_id = entity.id
            speaker.name = entity.name
            speaker.kind = "person" if entity.type == "PERSON" else "group" if entity.type == "NORP" else "institution"
            if entity.type == "PERSON" and speaker.resolved_from is None and speaker.span.text != entity.name:
                speaker.resolved_from = speaker.span.text
            by_id[entity.id].quote_ids.append(quote.id)
        else:
            speaker.name = described
            speaker.kind = _kind_of_description(words)


class _Mentions(list):
    """One article's ``(mention, entity)`` pairs sorted by start and end, with their starts, so that a look-up near a
    position bisects instead of scanning the article's mentions."""

    def __init__(self, items: list[tuple[Span, Entity]]) -> None:
        super().__init__(items)
        self.starts = [m.start for m, _ in self]
        self.longest = max((m.end - m.start for m, _ in self), default=0)
        self._typed: dict[frozenset[str], _Mentions] = {}

    def starting_in(self, low: int, high: int) -> list[tuple[Span, Entity]]:
        """The pairs whose mention starts in ``[low, high]``, in order."""
        return self[bisect_left(self.starts, low):bisect_right(self.starts, high)]

    def of_types(self, types: frozenset[str]) -> _Mentions:
        """The pairs whose entity is of one of ``types``, in order (kept)."""
        if types not in self._typed:
            self._typed[types] = _Mentions([(m, e) for m, e in self if e.type in types])
        return self._typed[types]


def _entity_of_phrase(span: Span, mentions: _Mentions) -> Entity | None:
    """The entity named at the end of the phrase (English noun phrases end with their head)."""
    inside = [(m, e) for m, e in mentions.starting_in(span.start, span.end)
              if span.start <= m.start and m.end <= span.end]
    if not inside:
        return None
    tail = span.text.rstrip(" .,'’s")
    phrase_end = span.start + len(tail)
    text = span.text
    final = [
        (m, e) for m, e in inside
        if m.end >= phrase_end or re.match(r"\s+(of|for|on|in)\s", text[m.end - span.start:])
    ]
    if final:
        return max(final, key=lambda item: (item[1].type == "PERSON", item[0].end - item[0].start))[1]
    return None


def _entity_before(pronoun: Span, phrase: str, mentions: _Mentions) -> Entity | None:
    """The entity named at the end of ``phrase``, the noun phrase a relative pronoun stands for: the phrase is
    placed at the nearest mention before the pronoun that it contains."""
    # a mention ending within reach before the pronoun starts at most the longest mention's length earlier
    for m, _ in reversed(mentions.starting_in(pronoun.start - _RELATIVE_REACH - mentions.longest, pronoun.start)):
        if m.end > pronoun.start or pronoun.start - m.end > _RELATIVE_REACH:
            continue
        at = phrase.rfind(m.text)
        if at != -1:
            start = m.start - at
            return _entity_of_phrase(Span(article_id=pronoun.article_id, start=start, end=start + len(phrase),
                                          text=phrase), mentions)
    return None


def _antecedent(span: Span, pronoun: str, mentions: _Mentions) -> Entity | None:
    """The entity of the last mention (in order of start) of a wanted type that ends before ``span``."""
    wanted = mentions.of_types(_PERSON if pronoun in _PERSONAL else _GROUPS)
    for m, e in reversed(wanted.starting_in(-1, span.start)):  # one ending before the span starts before it too
        if m.end <= span.start:
            return e
    return None


_PERSON = frozenset({"PERSON"})
_GROUPS = frozenset({"ORG", "NORP", "GPE"})


def _kind_of_description(words: list[str]) -> str:
    if not words:
        return "unresolved"
    head = words[-1]
    documents = cue_lexicon().document_nouns
    if head in documents or head.rstrip("s") in documents:
        return "document"
    if head in _ANONYMOUS_HEADS or words[0] in _INDEFINITE:
        return "anonymous"
    if head in _INSTITUTION_HEADS:
        return "institution"
    if head in _PERSONAL | _COLLECTIVE | {"it", "i", "you"}:
        return "unresolved"
    if head.endswith("s"):
        return "group"
    return "unresolved"
