"""Speakers of a story's statements, linked to its entities.

A statement's source span (from :mod:`storylens.extract.quotes`) becomes a speaker:

- a name or title of an entity that ends the source phrase ("Interior Minister Brice
  Hortefeux", "France's Immigration Minister", "the European Commission") is that entity:
  a person, or an institution for organisations and places; the head of the phrase wins over a
  name in a trailing phrase ("Bosma, of the Farmers Defence Alliance" is Bosma);
- a title set off by a name in apposition ("The minister, Pieter van Dam, said") is that name;
  a title alone ("The CEO said") is the person of the story with that title (a role the entities
  give, its short forms read as in ``titles.toml``), when only one has it;
- a capitalised word that spaCy left untagged but that is the last name of a person of the story
  ("Reinholt said") is that person;
- "he"/"she" is the person named last before it in the article; "they" and "we" the
  organisation or group named last;
- a relative pronoun ("Mark Sherman, who said ...") is the noun phrase it stands for, which the
  extractor gives as the speaker's name: the entity named at its end, the name it is in apposition
  to ("Rosa Whitfield, a community activist who ..."), or that description;
- anything else is kept with its own words and a kind: a document ("reports", "a
  resolution"), anonymous ("sources", "One Roma", "a spokesman"), a group ("ministers",
  "critics", "over 300 European Union MPs").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from ..extract.quotes import cue_lexicon
from ..models import Entity, Quote, Span
from ..resources import lexicon
from .names import fold

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


def link_speakers(quotes: Sequence[Quote], entities: Sequence[Entity], texts: Mapping[str, str] | None = None) -> None:
    """Fill each quote's ``speaker`` (entity, name, kind) and each entity's ``quote_ids``, in place.  ``texts``
    (article id to text) lets a name in apposition to the source phrase be read."""
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
        if entity is None and texts is not None and quote.article_id in texts:
            entity = _apposed(speaker.span, texts[quote.article_id], mentions[quote.article_id])
        if entity is None:
            entity = _surname(speaker.span, entities)
        if entity is None:
            entity = _title_holder(speaker.span, entities)
        if entity is None and len(words) == 1 and words[0] in _RELATIVE and speaker.name \
                and speaker.name.lower() != words[0]:
            # "Sherman, who reported ...": the extractor named the noun phrase the pronoun stands for
            described = speaker.name
            words = re.findall(r"[\w'’.-]+", described.lower())
            entity = _entity_before(speaker.span, described, mentions[quote.article_id])
            if entity is None and texts is not None and quote.article_id in texts:
                # "Rosa Whitfield, a community activist who has campaigned ...": the noun is in apposition to a name
                entity = _apposed_to(speaker.span, described, texts[quote.article_id], mentions[quote.article_id])
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
    final = []
    for m, e in inside:
        # "Minister Brice Hortefeux of France", "Bosma, of the Farmers Defence Alliance": the name before a trailing
        # phrase is the head, and wins over the name inside the phrase
        trailed = re.match(r",?\s+(of|for|on|in|from|at)\s", text[m.end - span.start:]) is not None
        if m.end >= phrase_end or trailed:
            final.append((m, e, trailed))
    if final:
        return max(final, key=lambda item: (item[1].type == "PERSON", item[2], item[0].end - item[0].start))[1]
    return None


def _apposed(span: Span, text: str, mentions: _Mentions) -> Entity | None:
    """The entity a name in apposition after the source phrase names: "The minister, [Pieter van Dam], has said"
    (the name set off by commas on both sides, or by a comma and the end of the sentence)."""
    if text[span.end:span.end + 1] != ",":
        return None
    after = span.end + 1 + len(text[span.end + 1:]) - len(text[span.end + 1:].lstrip())
    for m, e in mentions.starting_in(after, after):
        if m.start == after and e.type in ("PERSON", "ORG") and re.match(r"\s*([,;.]|$)", text[m.end:]):
            return e
    return None


def _apposed_to(pronoun: Span, phrase: str, text: str, mentions: _Mentions) -> Entity | None:
    """The entity named just before ``phrase`` (the noun a relative pronoun stands for), when the phrase is in
    apposition to it: "[Rosa Whitfield], a community activist who ..."."""
    at = text.rfind(phrase, max(0, pronoun.start - _RELATIVE_REACH), pronoun.start)
    if at == -1:
        return None
    # a mention ending a comma and spaces before the phrase starts at most the longest mention's length earlier
    for m, e in mentions.starting_in(at - mentions.longest - _RELATIVE_REACH, at):
        if m.end <= at and re.fullmatch(r",\s*", text[m.end:at]) and e.type in ("PERSON", "ORG"):
            return e
    return None


def _surname(span: Span, entities: Sequence[Entity]) -> Entity | None:
    """The person of the story whose last name is the source phrase: "Reinholt said", where spaCy did not tag
    the name (a title before it is allowed: "Chief Reinholt").  Only when one person has that last name."""
    last = span.text.strip(" .,").split()
    if not last or not all(w[:1].isupper() for w in last) or not last[-1].isalpha() \
            or last[0].lower() in ("the", "a", "an") or last[-1].lower() in _PERSONAL | _COLLECTIVE | _RELATIVE:
        return None  # not "Since the publication of Bettie Page": a name, with a title at most
    key = fold(last[-1])
    found = [e for e in entities if e.type == "PERSON" and len(e.name.split()) > 1 and fold(e.name.split()[-1]) == key]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each short form of a title (``titles.toml``), longest first, as a whole-word pattern and its long form."""
    short = lexicon().title_abbreviations
    return tuple((re.compile(rf"\b{re.escape(word)}\b"), long)
                 for word, long in sorted(short.items(), key=lambda item: -len(item[0])))


@lru_cache(maxsize=4096)
def _title_key(words: str) -> str:
    """A title as compared: folded, without hyphens and full stops, short forms written out ("CEO" -> "chief
    executive"); kept, as every role of the story is compared with each title-only source."""
    key = " ".join(fold(words).replace("-", " ").replace(".", "").split())
    for pattern, long in _abbreviations():
        key = pattern.sub(long, key)
    return key


def _title_holder(span: Span, entities: Sequence[Entity]) -> Entity | None:
    """The person the story gives the title the source phrase names alone: "The CEO said" is the story's chief
    executive.  The phrase is "the" or a possessive and a title; the person is the one holding it in the
    story, when only one person holds it (exactly, else as the end of a longer title)."""
    phrase = re.sub(r"^.*['’]s?\s+", "", span.text.strip())  # "The company's chief executive": the title
    if phrase == span.text.strip() and not re.match(r"(?i)the\s", phrase):
        return None
    phrase = re.sub(r"(?i)^the\s+", "", phrase)
    key = _title_key(phrase)
    heads = lexicon().title_heads
    if not key or key.split()[-1] not in heads or key.split()[-1] in _INSTITUTION_HEADS:
        return None

    people = [e for e in entities if e.type == "PERSON"]
    exact = [e for e in people if any(_title_key(r.title) == key for r in e.roles)]
    if exact:
        return exact[0] if len(exact) == 1 else None
    # "the judge" is the "county judge"; but "the minister" is no one when the story has two ministers
    wider = [e for e in people if any(_title_key(r.title).endswith(" " + key) for r in e.roles)]
    return wider[0] if len(wider) == 1 else None


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
