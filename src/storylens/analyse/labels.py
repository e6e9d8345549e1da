"""How each outlet names the story's entities and groups, and the loaded terms it uses.

Labels: for each entity, the phrases each article uses for it: its names, the titles and descriptions its
roles are written in ("Norvik chief executive" Helena Marsh, Helena Marsh, "Norvik's boss"), the titles that stand
for it alone ("The chief executive said"), and for a group the noun phrase around its name ("Roma beggars", "gangs
of Roma", "Roma children").
Loaded terms: the configurable lexicon ``data/loaded_terms.toml`` (each term with the
guidance that names it) flagged in context, marked when the word is inside someone's
attributed statement rather than the outlet's own voice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from ..extract.regex_gates import gated, may_match, needed_literals, prefilter_text
from ..models import ArticleInfo, Entity, LabelRow, LoadedTerm, Quote, Span
from ..parse.pipeline import doc_text
from ..resources import _load, lexicon

_LABEL_TYPES = frozenset({"NORP", "PERSON", "ORG", "GPE"})
#: dependencies of a clause's verb: a "noun" heading one is a verb the parser mistagged
_CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "xcomp", "pcomp", "csubj", "ROOT"})


def labels(entities: Sequence[Entity], docs: dict[str, Doc], *, min_mentions: int = 2,
           verb_only: frozenset[str] = frozenset()) -> list[LabelRow]:
    """Each entity's names per article; for a group, the noun phrase around its name.  ``verb_only``: base
    forms that are only verbs (:func:`~storylens.parse.pipeline.verb_only_words`), never a label's head."""
    rows = []
    for entity in entities:
        if entity.type not in _LABEL_TYPES or len(entity.mentions) < min_mentions or len(entity.articles) < 2:
            continue
        by_article: dict[str, list[str]] = defaultdict(list)
        spans: list[Span] = []
        phrases = []
        for mention in entity.mentions:
            doc = docs.get(mention.article_id)
            phrases.append(_label_phrase(mention, doc, verb_only) if doc is not None and entity.type == "NORP" else mention)
        phrases.extend(_role_phrases(entity))
        phrases.sort(key=lambda p: (p.article_id, p.start, -p.end))
        for k, phrase in enumerate(phrases):
            if any(o.article_id == phrase.article_id and o.start <= phrase.start and phrase.end <= o.end
                   for o in phrases[:k]):
                continue  # "The former mayor" inside the title "The former mayor of Harwick"
            if phrase.text not in by_article[phrase.article_id]:
                by_article[phrase.article_id].append(phrase.text)
                spans.append(phrase)
        rows.append(LabelRow(entity_id=entity.id, name=entity.name, by_article=dict(by_article), spans=spans))
    return rows


_EDGE = " \t\n,;:-–—()"


def _role_phrases(entity: Entity) -> list[Span]:
    """The words an article gives an entity around its name in a role: a title before it ("Norvik chief
    executive Helena Marsh", "The prime minister, Haruto Sato") or a description in apposition after it
    ("Helena Marsh, Norvik's boss").  A role whose title is not written in that phrase (a credit line's
    "reporting credit") gives none."""
    found = []
    for role in entity.roles:
        span = role.span
        names = [m for m in entity.mentions
                 if m.article_id == span.article_id and span.start <= m.start and m.end <= span.end]
        if not names or not role.title:
            continue
        ending = [m for m in names if m.end == span.end and m.start > span.start]
        if ending:
            name = min(ending, key=lambda m: m.start)
            start, end = span.start, name.start  # the title before the name
        else:
            name = max((m for m in names if m.start == span.start), key=lambda m: m.end, default=None)
            if name is None:
                continue
            start, end = name.end, span.end  # the description after it
        text = span.text[start - span.start:end - span.start]
        stripped = text.strip(_EDGE)
        if name.start > span.start and stripped[-2:] in ("'s", "’s"):
            stripped = stripped[:-2].rstrip(_EDGE)  # "President's Nicolas Sarkozy": the title is "President"
        if not stripped or role.title.lower() not in stripped.lower():
            continue
        start += len(text) - len(text.lstrip(_EDGE))
        found.append(Span(article_id=span.article_id, start=start, end=start + len(stripped), text=stripped))
    return found


def _label_phrase(mention: Span, doc: Doc, verb_only: frozenset[str] = frozenset()) -> Span:
    """ "Roma" in "Roma beggars" -> "Roma beggars"; in "gangs of Roma" -> "gangs of Roma"."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return mention
    root = span.root
    start, end = span.start, span.end
    if root.dep_ in ("compound", "amod") and root.head.pos_ == "NOUN" and root.head.i >= span.end \
            and root.head.dep_ not in _CLAUSE_DEPS and root.head.lemma_.lower() not in verb_only:
        # not "where Roma congregate", "help Roma integrate": verbs the parser took for nouns
        head = root.head
        while head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
            head = head.head  # "Roma staging posts", not "Roma staging"
        if not _names_people(head):
            return mention  # "the Republican nomination", "the Democratic race": a thing of theirs, no name for them
        end = head.i + 1
        conj = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
        if conj:
            end = conj[-1].i + 1
    elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN" \
            and _names_people(root.head.head):
        start = root.head.head.i
        while start > 0 and doc[start - 1].dep_ in ("amod", "compound") and doc[start - 1].head.i == root.head.head.i:
            start -= 1
    text = doc_text(doc)[doc[start].idx:doc[end - 1].idx + len(doc[end - 1])]
    return Span(article_id=mention.article_id, start=doc[start].idx, end=doc[start].idx + len(text), text=text)


def _names_people(noun) -> bool:
    """Whether a noun around a group's name can name its people: a plural ("Roma beggars and thieves", "gangs of
    Roma"), a noun for people (``data/groups.toml``: "community", "population") or a title ("the Republican
    candidate"); not a thing of theirs in the singular ("the Republican nomination", "the expulsion of Roma")."""
    lex = lexicon()
    lemma = noun.lemma_.lower()
    return noun.tag_ in ("NNS", "NNPS") or lemma in lex.people_nouns or noun.lower_ in lex.people_nouns \
        or lemma in lex.title_heads


@lru_cache(maxsize=4)
def loaded_lexicon(path: str | None = None) -> list[tuple[re.Pattern, dict]]:
    data = _load("loaded_terms.toml") if path is None else __import__("tomllib").loads(Path(path).read_text("utf-8"))
    return [
        (re.compile(r"(?<!\w)(" + term["pattern"] + r")(?!\w)", re.I), term)
        for term in data["term"]
    ]


@lru_cache(maxsize=4)
def _lexicon_scans(path: str | None = None) -> list[tuple[re.Pattern, frozenset[str] | None]]:
    """Per pattern of :func:`loaded_lexicon`, the same pattern gated on its first characters and the strings one
    of which every match holds (:mod:`~storylens.extract.regex_gates`; None where a string is not plain ASCII, whose
    case variants lower-casing may not give): the same matches, found faster."""
    out = []
    for pattern, _term in loaded_lexicon(path):
        needed = needed_literals(pattern)
        if needed is not None and not all(word.isascii() for word in needed):
            needed = None
        out.append((gated(pattern), needed))
    return out


_SINGLE_QUOTED = re.compile(r"(?<!\w)['‘][^'‘’\n]+?['’](?!\w)")  # 'political diktat', not Sarkozy's


def others_words(text: str, quotes: Sequence[Quote]) -> list[tuple[int, int]]:
    """Where an article gives someone else's words: its quotations (double marks), the contents of its
    statements given as direct speech, and the single-quoted fragments of mixed ones.  An indirect
    statement is the writer's paraphrase, so its wording is the outlet's own."""
    from ..extract.quotes import quotation_regions

    ranges = quotation_regions(text)
    for quote in quotes:
        start, end = quote.content.start, quote.content.end
        if quote.kind == "direct":
            ranges.append((start, end))
        elif quote.kind == "mixed":
            ranges.extend((start + m.start(), start + m.end()) for m in _SINGLE_QUOTED.finditer(text[start:end]))
    return ranges


def loaded_terms(articles: Sequence[ArticleInfo], quotes: Sequence[Quote], lexicon_path: str | None = None) -> list[LoadedTerm]:
    found = []
    by_article = defaultdict(list)
    for quote in quotes:
        by_article[quote.article_id].append(quote)
    lexicon = loaded_lexicon(lexicon_path)
    scans = _lexicon_scans(lexicon_path)
    for article in articles:
        quoted = others_words(article.text, by_article[article.id])
        lowered = prefilter_text(article.text)
        for (_pattern, term), (pattern, needed) in zip(lexicon, scans, strict=True):
            if not may_match(needed, lowered):
                continue  # no word every match holds is in the text
            for match in pattern.finditer(article.text):
                start, end = match.start(1), match.end(1)
                found.append(LoadedTerm(
                    term=match.group(1).lower(),
                    category=term["category"],
                    note=term["note"],
                    source=term["source"],
                    span=Span(article_id=article.id, start=start, end=end, text=article.text[start:end]),
                    quoted=any(a <= start and end <= b for a, b in quoted),
                ))
    found.sort(key=lambda t: (t.span.article_id, t.span.start))
    return found
