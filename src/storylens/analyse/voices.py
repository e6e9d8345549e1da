"""Whose voices each outlet carries: attributed statements by speaker category, in count and words.

A speaker's category comes from the rules in ``data/voices.toml``, read against what the story knows of the
speaker: its role titles and organisations, its name, and the words the article used for it ("critics",
"One Roma", "reports").  In this order:

1. a speaker from a group of the story (a NORP entity, or "One Roma") is an affected person; one of the story's
   outlets ("Politico reported", in a story with a Politico article) is media; a country, a national capital or a
   US state ("Iran said", "the United States warned", "Moscow denied it") speaks by its government;
2. a spokesperson ("a spokeswoman for the Crown Prosecution Service", "a council spokesman", "Mark Delaney,
   spokesman for Carvale Families for Choice") speaks for a body and takes the body's category, the body read
   with the words the story uses for it elsewhere ("Parents' group Carvale Families for Choice"); a body that
   fits no category is "other", and an unnamed spokesperson of a body not said ("a spokesman said") anonymous;
3. an unnamed speaker (kind ``anonymous``, no entity: "a senior health official", "an analyst", "officials")
   is anonymous, whatever the role words say: the row shows how much an outlet relies on unnamed sources, and
   its ``speakers`` keep each description; a document of no entity ("the council's own audit") is a document;
4. a title any body has ("president", "secretary general": ``[offices]``) with the organisation of the role takes
   that organisation's category ("secretary general of the Norwegian Refugee Council": NGOs and experts);
   else the head noun of a role or description decides before its modifiers ("the study's lead *author*" is an
   expert, not a document); a noun that names a body of any kind ("council", "committee", "commission") takes
   its kind from its modifiers and complement (``[bodies]`` in the data file): "city council" and "Council of
   Ministers" are government, "the Norwegian Refugee Council" and "Council on Foreign Relations" NGOs;
5. else the first category in the file's order with a word in the speaker's words, a longer phrase winning over
   a word inside it ("news agency" over "agency").

A statement of several speakers ("Manchin and Murkowski said": the quote's ``co_speakers``) counts for each of
them, once in each category they fall in; an article's shares of words then add up to more than one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from ..align.body_kinds import _matches, categories, category_of
from ..align.names import fold, known_place_names, normal_name, outlet_keys
from ..models import Entity, Quote, Role, VoiceShare
from ..resources import _load, lexicon

AFFECTED = "affected people"
ANONYMOUS = "anonymous"
DOCUMENTS = "media and documents"
GOVERNMENT = "government and officials"
OTHER = "other"

#: The words for one who speaks for a body.
_SPOKESPERSON = re.compile(r"(?i)\bspokes(?:man|woman|person|people|men|women)\b")
#: Where a role's or description's head noun ends: before a preposition, a comma, "who" or a bracket.
_HEAD_END = re.compile(r"(?i)\s*(?:,|\(|\b(?:of|for|at|in|from|with|on|by|to|who|which|that)\b)")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _head_category(phrase: str) -> str | None:
    """The category of the head noun of a role title or a description, its last word before a preposition, comma
    or clause ("author" in "the study's lead author"), with the longest category phrase that ends there ("news
    agency" in "the Reuters news agency"); None when no category has it."""
    cut = _HEAD_END.search(phrase)
    head = (phrase[:cut.start()] if cut else phrase).rstrip(" .,;:'’\"”)")
    order = {name: n for n, (name, _) in enumerate(categories())}
    everywhere = _matches(phrase)
    found = []
    for name, start, end in everywhere:
        if end != len(head):
            continue
        # a longer phrase of a category that holds the head ("Council of Europe") names the body
        longer = [(e - s, other) for other, s, e in everywhere if s <= start and end < e]
        if longer:
            name = max(longer)[1]
        found.append((end - start, -order.get(name, len(order)), name))
    return max(found)[2] if found else None


@lru_cache(maxsize=1)
def _offices() -> frozenset[str]:
    return frozenset(w.lower() for w in _load("voices.toml")["offices"]["words"])


def _is_office(title: str) -> bool:
    """Whether a role's title is one any kind of body has ("president", "secretary general", "the chair")."""
    words = re.sub(r"(?i)^(?:the|a|an)\s+", "", title.strip()).lower()
    last = words.split()[-1] if words else ""
    return words in _offices() or last in _offices()  # "senior director"


#: words that make a role one the speaker no longer holds ("former travel reporter", "ex-minister", "the late
#: senator"): it does not say whom they speak for now
_PAST_ROLE = re.compile(r"(?i)^(?:the\s+|a\s+|an\s+)?(?:former|ex-|onetime|one-time|retired|late)\b")


def _current_roles(entity: Entity) -> list[Role]:
    """The entity's roles less those it no longer holds ("Tara Reid, a former travel reporter" speaks as no
    reporter)."""
    return [r for r in entity.roles if not (r.title and _PAST_ROLE.match(r.title))]


def _bodies(quote: Quote, entity: Entity | None) -> list[str]:
    """The words for the body a spokesperson speaks for: the organisation of a spokesperson's role, the rest of a
    description with the word for spokesperson ("a council spokesman": "a council"; "a spokeswoman for the
    Crown Prosecution Service") and the organisation the statement is attributed to; empty when the speaker is
    no spokesperson."""
    bodies: list[str] = []
    spoke = False
    for text in (quote.speaker.span.text if quote.speaker.span else None, quote.speaker.name):
        if text and _SPOKESPERSON.search(text):
            spoke = True
            rest = _SPOKESPERSON.sub(" ", text)
            if entity is not None and entity.type == "PERSON":
                rest = rest.replace(entity.name, " ")
            if _WORD.search(rest):
                bodies.append(rest)
    if entity is not None:
        for role in _current_roles(entity):
            if _SPOKESPERSON.search(role.title):
                spoke = True
                bodies += [t for t in (role.organisation, _SPOKESPERSON.sub(" ", role.title)) if t and _WORD.search(t)]
        if spoke and entity.type != "PERSON":
            bodies.append(entity.name)
    return bodies if spoke else []


def speaker_category(quote: Quote, entities: dict[str, Entity],
                     described: Mapping[str, Sequence[str]] | None = None, outlets: frozenset[str] = frozenset()) -> str:
    """``quote``'s speaker's category (see the module's docstring).  ``described`` maps an entity's id to the words
    the story uses for it as a speaker (read for the body a spokesperson speaks for); ``outlets`` holds the name
    keys of the story's outlets, a speaker that is one of them being media ("Politico reported")."""
    entity = entities.get(quote.speaker.entity_id or "")
    if entity is not None and entity.type == "NORP":
        return AFFECTED
    if entity is not None and outlets and normal_name(entity.name) in outlets:
        return DOCUMENTS
    description = quote.speaker.span.text if quote.speaker.span else None
    words_for = " ".join(filter(None, [description, quote.speaker.name]))
    if quote.speaker.kind == "anonymous" and entity is None:
        words = words_for.lower().split()
        if len(words) >= 2 and words[0] in ("one", "a", "an") and words[-1][:1].isalpha():
            if any(e.type == "NORP" and e.name.lower() == words[-1] for e in entities.values()):
                return AFFECTED
    bodies = _bodies(quote, entity)
    if not bodies and entity is not None and entity.type == "GPE" and _governed_place(entity.name):
        return GOVERNMENT  # "Iran said", "the United States warned", "Moscow denied it": a state speaks by its government
    if bodies:
        found = category_of(" | ".join(bodies))
        if found is None:  # the body as the story describes it elsewhere ("Parents' group Carvale Families ...")
            named = [e for e in entities.values() if e.type != "PERSON" and any(e.name in b for b in bodies)]
            more = [w for e in named for w in [*(described or {}).get(e.id, ()), *(f"{r.title} {r.organisation or ''}"
                                                                                for r in e.roles)]]
            found = category_of(" | ".join(more)) if more else None
        if found is not None:
            return found
        return ANONYMOUS if quote.speaker.kind == "anonymous" and entity is None else OTHER
    if entity is None and quote.speaker.kind in ("anonymous", "document"):
        return ANONYMOUS if quote.speaker.kind == "anonymous" else DOCUMENTS
    if entity is not None:
        # "secretary general of the Norwegian Refugee Council": a title any body has, its body decides
        for role in _current_roles(entity):
            if role.organisation and _is_office(role.title):
                found = category_of(role.organisation)
                if found is not None:
                    return found
    phrases = [description or quote.speaker.name or ""]
    if entity is not None:
        phrases += [r.title for r in _current_roles(entity) if r.title]
    for phrase in phrases:
        found = _head_category(phrase)
        if found is not None:
            return found
    evidence = [words_for]
    if entity is not None:
        evidence += [f"{r.title} {r.organisation or ''}" for r in _current_roles(entity)]
        evidence.append(entity.name)
    found = category_of(" | ".join(evidence))
    if found is not None:
        return found
    if quote.speaker.kind == "anonymous":
        return ANONYMOUS
    return OTHER


def _governed_place(name: str) -> bool:
    """Whether a place's name is a country's, a national capital's or a US state's (``data/places.toml``), written
    in full or by a listed alias of a country or a US state ("U.S.", "N.Y."): one that speaks by its government, unlike a name the tagger
    took for a place ("Bloomberg") or a union of states typed a place ("the EU": an international body)."""
    return fold(re.sub(r"(?i)^the\s+", "", name.strip())) in _governed_place_names()


@lru_cache(maxsize=1)
def _governed_place_names() -> frozenset[str]:
    """The folded names of :func:`_governed_place`'s places, with the listed aliases of the countries and the US
    states ("U.S.", "N.Y."; not "EU", "U.N.") (read once)."""
    lex = lexicon()
    aliases = {fold(form) for canonical, forms in lex.aliases.items()
               if fold(canonical) in lex.countries or any(normal_name(f) in lex.state_abbreviations for f in forms)
               for form in (canonical, *forms)}
    return lex.countries | lex.capitals | known_place_names() | aliases


def _words(quote: Quote) -> int:
    """The words of what was said, without a cue clause that interrupts it."""
    return sum(len(part.text.split()) for part in quote.content_parts or [quote.content])


def voices(quotes: Sequence[Quote], entities: Sequence[Entity], outlets: Sequence[str] = ()) -> list[VoiceShare]:
    """Each article's statements by speaker category; ``outlets`` are the story's outlets ("CNN (Online News)"), a
    speaker that is one of them being media."""
    by_id = {e.id: e for e in entities}
    outlets_named = outlet_keys(outlets)
    described: dict[str, list[str]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker.entity_id and quote.speaker.span and quote.speaker.span.text:
            described[quote.speaker.entity_id].append(quote.speaker.span.text)
    counts: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for quote in quotes:
        # "Manchin and Murkowski said": the statement counts for each speaker's category, once in each
        for speaker in quote.speakers:
            one = quote if speaker is quote.speaker else quote.model_copy(update={"speaker": speaker})
            key = (quote.article_id, speaker_category(one, by_id, described, outlets_named))
            if not counts[key] or counts[key][-1] is not quote:
                counts[key].append(quote)
            names[key].add(speaker.name or "?")
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
            speakers=sorted(names[(article_id, category)]),
        ))
    return rows
