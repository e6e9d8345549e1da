"""What kind of body a name or a description names: the voice categories of ``data/voices.toml`` read in text.

Used where speakers are resolved (``align/speakers.py``: "the company" is the one organisation that can be a
company) and where each outlet's voices are counted (``analyse/voices.py``, which documents the rules' order).
A category's words are found as whole words; a body's head noun ("council", "committee") takes its kind from its
modifiers and complement (:func:`body_kind`); :func:`category_of` gives the first category of a text's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import _load, lexicon
from .names import singular


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


GOVERNMENT = "government and officials"
NGOS = "NGOs and experts"
BUSINESS = "business"
CRITICS = "opposition and critics"
MEDIA = "media and documents"
#: Words a body's name does not run on through, looking back from its head noun.
_NAME_STOPS = frozenset({"the", "a", "an", "and", "or", "of", "for", "on", "in", "at", "to", "by", "with", "from",
                         "its", "their", "his", "her", "our", "this", "that", "these", "those", "said", "says",
                         "told", "according"})


@dataclass(frozen=True)
class _BodyRules:
    heads: re.Pattern
    find: re.Pattern
    government: frozenset[str]
    government_of: tuple[str, ...]
    causes: frozenset[str]
    kinds: frozenset[str]


@lru_cache(maxsize=1)
def _body_rules() -> _BodyRules:
    data = _load("voices.toml")["bodies"]
    lex = lexicon()
    heads = "|".join(re.escape(w) for w in data["heads"])
    return _BodyRules(
        heads=re.compile(rf"(?i)^(?:{heads})(?:s)?$"),
        find=re.compile(rf"(?i)(?<![\w.])(?:{heads})(?:s)?(?!\w)"),
        government=frozenset(w.lower() for w in data["government"]),
        government_of=tuple(w.lower() for w in data["government_of"]),
        causes=frozenset(w.lower() for w in data["causes"]) | lex.groups | lex.people_nouns,
        kinds=frozenset(w.lower() for w in data["kinds"]),
    )


def body_kind(text: str, start: int, end: int) -> str | None:
    """The category of the body whose head noun ("council", "committee", "commission": ``[bodies]`` in the data
    file) is ``text[start:end]``: a word of the kind a voluntary body is (``kinds``: "voluntary", "charity",
    "organisations") among its modifiers or in its complement makes it an NGO ("National Council for Voluntary
    Organisations"); else from its modifiers read outwards from the head ("the Norwegian Refugee Council":
    "Refugee", a cause: NGOs and experts; "Carvale County Council": "County", government), then its complement
    ("Council of Ministers": government; "Council on Foreign Relations", a body about a matter: NGOs and experts);
    None when neither tells (the head's own category then holds)."""
    rules = _body_rules()
    if not rules.heads.match(text[start:end]):
        return None
    named = text[start:start + 1].isupper()
    modifiers = []
    for word in reversed(re.findall(r"[^\W\d_][\w'’-]*|[^\w\s]", text[max(0, start - 80):start])[-5:]):
        lower = re.sub(r"['’]s?$", "", word.lower())
        if not word[:1].isalpha() or lower in _NAME_STOPS or (named and not word[:1].isupper()):
            break
        modifiers.append(lower)
    complement = re.match(r"\s+(of|on|for)\s+(?:the\s+)?([^,;.()|]*)", text[end:end + 80], re.IGNORECASE)
    complement_words = re.findall(r"[a-z][a-z-]*", complement.group(2).lower())[:4] if complement else []
    if any(w in rules.kinds or singular(w) in rules.kinds for w in [*modifiers, *complement_words]):
        return NGOS  # "National Council for Voluntary Organisations": the body's kind before its level
    for lower in modifiers:
        if lower in rules.government:
            return GOVERNMENT
        if lower in rules.causes or singular(lower) in rules.causes:
            return NGOS
    if complement:
        rest = complement.group(2).lower()
        if complement.group(1).lower() == "of":
            if any(rest == w or rest.startswith(w + " ") for w in rules.government_of):
                return GOVERNMENT
            if any(w in rules.causes or singular(w) in rules.causes for w in re.findall(r"[a-z]+", rest)[:3]):
                return NGOS  # "the Council of Islamic Scholars"
        else:
            return NGOS
    return None


@lru_cache(maxsize=4096)
def _matches(text: str) -> tuple[tuple[str, int, int], ...]:
    """Every category word in ``text``, a body's head noun with the category its modifiers give it.  Cached: the
    words for one speaker are read for each of its statements."""
    found: list[tuple[str, int, int]] = []
    for name, pattern in categories():
        for m in pattern.finditer(text):
            found.append((body_kind(text, m.start(), m.end()) or name, m.start(), m.end()))
    for m in _body_rules().find.finditer(text):  # a head of no category of its own ("committee")
        if not any(s == m.start() and e == m.end() for _, s, e in found):
            kind = body_kind(text, m.start(), m.end())
            if kind is not None:
                found.append((kind, m.start(), m.end()))
    return tuple(found)


def category_of(text: str) -> str | None:
    """The category of ``text``'s words: the first category, in the file's order, with a match that lies inside no
    longer match of another category ("news agency" is media although "agency" is a government word)."""
    order = {name: n for n, (name, _) in enumerate(categories())}
    found = sorted(_matches(text), key=lambda f: order.get(f[0], len(order)))  # a body in its kind's place
    for name, start, end in found:
        if not any(s <= start and end <= e and (e - s) > (end - start) and other != name for other, s, e in found):
            return name
    return None
