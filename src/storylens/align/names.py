"""Comparing names: normal forms, surnames, acronyms and demonyms."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..resources import lexicon

_LEADING = re.compile(r"^(the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(['’]s|['’])$")
_STOP_IN_NAMES = {"of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le", "&"}
_DEMONYM_ENDINGS = frozenset(
    {"ians", "ian", "ans", "an", "eans", "ean", "ese", "is", "i", "ish", "ic", "n", "ns", "s"}
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents, single spaces: ``"Guéant"`` and ``"Gueant"`` compare equal."""
    if text.isascii():  # nothing to decompose
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("’", "'").casefold().split())


@lru_cache(maxsize=65536)
def normal_name(text: str) -> str:
    """A name's key: folded, without a leading article or a trailing possessive.  Cached: a story's names are
    compared many times."""
    text = _LEADING.sub("", text.strip(" \"'`‘’“”«»"))
    text = _POSSESSIVE.sub("", text)
    key = fold(text).strip(" .,;:\"'`")
    return _DEPT.sub("department", key) if "dept" in key else key


#: the abbreviation of "department" ("State Dept.")
_DEPT = re.compile(r"\bdept\b\.?")


def outlet_keys(outlets: Iterable[str | None]) -> frozenset[str]:
    """The name keys of a story's outlets, each also without a bracketed note ("CNN (Online News)": "cnn") and a
    leading "The" ("The Hill": "hill"): a name in the text that is one of them names the outlet."""
    return frozenset(normal_name(form) for outlet in outlets if outlet
                     for form in (outlet, re.sub(r"\s*\([^()]*\)\s*$", "", outlet))) - {""}


def name_tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s\-]+", normal_name(text)) if t]


#: Lower-case words that begin a surname ("Ursula von der Leyen", "Pieter van Dam", "Eelco de Jong"): the surname
#: runs from the first of them to the end, and a name of these and one word ("Van Dam", "De Jong") is a surname
#: alone.  Words that are as often given names ("Al", "Ben", "Des") are not listed ("al-Assad" is one word).
SURNAME_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "di", "da", "du", "del", "della", "dei", "degli", "dos", "das", "le", "la",
     "ter", "ten", "zu", "vom", "zur", "bin", "ibn", "bint"}
)


#: Words after a surname that tell a generation ("Jr.", "III"), no part of the surname.
GENERATION_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


#: a hyphen the tokenizer set apart in a name ("Strauss - Kahn" of a page that wrote "Strauss-Kahn")
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_]) [-‐–] (?=[^\W\d_])")


def person_name_parts(text: str) -> tuple[tuple[str, ...], str]:
    """A person's name as (given names, surname), folded; words are split at spaces only, so a hyphenated
    surname stays whole ("Ngozi Okonjo-Iweala" -> (("ngozi",), "okonjo-iweala"), and so does one whose hyphen the
    text sets apart, "Strauss - Kahn").  The surname starts at the
    first particle after the given names that only particles follow up to the last word ("Ursula von der
    Leyen" -> "von der leyen"), else it is the last word.  No given name: the text is a surname alone
    ("Okonjo-Iweala", "Van Dam", "von der Leyen")."""
    words = _SPACED_HYPHEN.sub("-", normal_name(text)).split()
    while len(words) > 2 and words[-1].strip(",.") in GENERATION_SUFFIXES:
        words.pop()  # "Robert S. Mueller III", "Martin Luther King Jr.": the surname is before the suffix
        words[-1] = words[-1].rstrip(",")  # "Robert Downey, Jr."
    if not words:
        return (), ""
    start = len(words) - 1
    while start > 0 and words[start - 1] in SURNAME_PARTICLES:
        start -= 1
    return tuple(words[:start]), " ".join(words[start:])


_SPACES_OR_HYPHENS = re.compile(r"[\s\-]+")


def acronym_of(text: str) -> str | None:
    """The initials of a multi-word name ("European Union" -> "eu"), or None."""
    words = [w for w in _SPACES_OR_HYPHENS.split(_LEADING.sub("", text.strip())) if w]
    content = [w for w in words if w.lower() not in _STOP_IN_NAMES]
    if len(content) < 2 or not all(w[:1].isupper() for w in content):
        return None
    return "".join(fold(w)[0] for w in content)


def as_acronym(text: str) -> str | None:
    """``"EU"``, ``"U.N."``, ``"J&J"`` -> ``"eu"``, ``"un"``, ``"jj"`` (the initials of "Johnson & Johnson", whose
    "&" :func:`acronym_of` leaves out); None if the text is not written as one."""
    bare = _LEADING.sub("", text.strip())
    letters = bare.replace(".", "")
    if "&" in letters[1:-1]:
        letters = letters.replace("&", "")
    if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper():
        return letters.lower()
    return None


@lru_cache(maxsize=1)
def _listed_demonyms() -> dict[str, frozenset[str]]:
    """The listed demonyms, folded: place -> its demonyms (places that fold alike share their lists)."""
    table: dict[str, set[str]] = {}
    for name, forms in lexicon().demonyms.items():
        table.setdefault(fold(name), set()).update(fold(f) for f in forms)
    return {place: frozenset(forms) for place, forms in table.items()}


@lru_cache(maxsize=65536)
def demonym_place(word: str, place: str) -> bool:
    """Whether ``word`` ("Romanian", "French") is the demonym of ``place`` ("Romania", "France")."""
    w, p = fold(word), fold(place)
    if w in _listed_demonyms().get(p, ()):
        return True
    if " " in p or w == p or len(p) < 4:
        return False
    # regular forms: a shared stem and a demonym ending
    stem = p[:-1] if p.endswith(("a", "y", "e", "o")) else p
    if not w.startswith(stem[: max(4, len(stem) - 1)]):
        return False
    rest = w[len(stem):] if w.startswith(stem) else None
    if rest is None:
        return False
    return rest in _DEMONYM_ENDINGS


class DemonymIndex:
    """:func:`demonym_place` of one word against every place of a set at once: the places whose listed
    demonyms hold the word, and those whose regular stem the word is plus a demonym ending."""

    def __init__(self, places: Iterable[str]) -> None:
        listed = _listed_demonyms()
        self._listed: dict[str, set[str]] = {}
        self._stems: dict[str, set[tuple[str, str]]] = {}  # stem -> (place, folded place)
        for place in places:
            p = fold(place)
            for w in listed.get(p, ()):
                self._listed.setdefault(w, set()).add(place)
            if " " in p or len(p) < 4:
                continue
            stem = p[:-1] if p.endswith(("a", "y", "e", "o")) else p
            self._stems.setdefault(stem, set()).add((place, p))

    def places_of(self, word: str) -> set[str]:
        """The places ``p`` of the set with ``demonym_place(word, p)``."""
        w = fold(word)
        found = set(self._listed.get(w, ()))
        for ending in _DEMONYM_ENDINGS:
            if w.endswith(ending):
                for place, p in self._stems.get(w[: len(w) - len(ending)], ()):
                    if w != p:
                        found.add(place)
        return found


def alias_key(text: str) -> str | None:
    """The canonical name of a known alternative name ("U.S." -> "united states")."""
    return _alias_table(lexicon().aliases).get(normal_name(text))


_ALIAS_TABLES: dict[int, tuple[object, dict[str, str]]] = {}


def same_body(qualifier: str, organisation: str) -> bool:
    """Whether a title's qualifier and a role's organisation name one body or place: the same name, the same
    alias ("U.S." / "United States"), a demonym and its place ("French" / "France"), or one name ending the
    other ("Senate" / "U.S. Senate")."""
    q, o = normal_name(qualifier), normal_name(organisation)
    if not q or not o:
        return False
    if q == o or (alias_key(qualifier) or q) == (alias_key(organisation) or o):
        return True
    if demonym_place(qualifier, organisation) or demonym_place(organisation, qualifier):
        return True
    place = alias_key(organisation)
    if place and demonym_place(qualifier, place):
        return True  # "American" / "U.S."
    return o.endswith(" " + q) or q.endswith(" " + o)


def _alias_table(aliases) -> dict[str, str]:
    """Each key of a canonical name or of one of its forms -> the canonical name's key, built once per alias
    list; the first canonical name in the list's order that has the key wins (as a scan of the list would)."""
    kept = _ALIAS_TABLES.get(id(aliases))
    if kept is not None and kept[0] is aliases:
        return kept[1]
    table: dict[str, str] = {}
    for canonical, forms in aliases.items():
        target = normal_name(canonical)
        for form in (canonical, *forms):
            table.setdefault(normal_name(form), target)
    _ALIAS_TABLES.clear()
    _ALIAS_TABLES[id(aliases)] = (aliases, table)
    return table


def is_group_word(text: str) -> bool:
    return normal_name(text) in lexicon().groups


#: Words a company's name may end with that do not change what it names.
LEGAL_SUFFIXES = frozenset(
    {"inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "company", "plc", "ltd", "ltd.", "llc",
     "sa", "s.a.", "ag", "nv", "n.v.", "gmbh", "holdings", "group", "limited", "incorporated", "international"}
)
#: First words of many organisations' names: alone they name none of them.
GENERIC_FIRST_WORDS = frozenset(
    {"united", "national", "european", "american", "general", "international", "new", "first", "royal", "federal",
     "world", "global", "central", "british", "french", "german", "north", "south", "east", "west", "state",
     "democratic", "republican", "socialist", "liberal", "people", "peoples", "the", "association", "bank",
     "university", "institute", "ministry", "department", "committee", "council", "commission", "court"}
)


def without_legal_suffix(key: str) -> str:
    words = key.split()
    while len(words) > 1 and words[-1].strip(",") in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words).strip(" ,")


#: words of organisations' and places' names that a person's name does not have ("Tohoku Electric", "Snyder Avenue");
#: not those that are common surnames too ("Power", "Hall", "Law")
_NON_PERSON_WORDS = frozenset(
    {"party", "agency", "office", "service", "services", "union", "league", "club", "news", "times", "press",
     "foundation", "fund", "authority", "board", "government", "parliament", "assembly", "senate", "congress",
     "school", "college", "hospital", "airport", "station", "street", "road", "river",
     "city", "county", "republic", "kingdom", "island", "islands", "airlines", "airways", "motors", "energy",
     "electric", "capital", "partners", "media", "network", "systems", "technologies", "survey", "center", "centre",
     "army", "navy", "force", "forces", "guard", "front", "movement", "alliance", "coalition", "organization",
     "organisation", "federation", "society", "trust", "journal", "herald", "tribune", "daily", "radio",
     "television", "tv", "exchange", "market", "markets", "port", "hotel", "museum", "festival", "cup", "games",
     "championship", "award", "awards", "prize", "cabinet", "store", "stores", "shop", "police", "agreement", "treaty", "act",
     "avenue", "boulevard", "square", "bridge", "building", "plaza", "mall", "stadium", "arena",
     "palace", "castle", "mosque", "cathedral", "prison", "camp", "base", "valley", "bay",
     "beach", "mount", "mountain", "forest", "desert", "sea", "ocean", "gulf", "strait", "canal", "highway"}
)


#: Nouns of a body, a place or a thing that no one's surname is (not "Bay", "Camp", "Street", "Castle": Michael Bay)
_THING_HEADS = frozenset(
    {"store", "stores", "shop", "award", "awards", "prize", "center", "centre", "agency", "party", "office",
     "services", "union", "league", "club", "foundation", "authority", "board", "government", "parliament",
     "assembly", "senate", "congress", "school", "college", "university", "hospital", "airport", "station",
     "museum", "festival", "championship", "stadium", "arena", "airlines", "airways", "systems", "technologies",
     "organization", "organisation", "federation", "society", "coalition", "alliance", "network", "hotel",
     "mall", "plaza", "ministry", "department", "committee", "commission", "council", "institute", "court"}
)


def is_body_word(word: str) -> bool:
    """Whether a name's last word says it names a body, a place or a company ("Company", "Ltd", "Committee"), not a
    person ("Ford Motor Company", not "Thompson in" of a tagger's run-on)."""
    word = fold(word).strip(".,")
    return word in _NON_PERSON_WORDS or word in _THING_HEADS or word in LEGAL_SUFFIXES


def is_thing_head(word: str) -> bool:
    """Whether a name's last word is a noun of a body, a place or a thing that is no one's surname ("Store",
    "Award", "Center")."""
    return fold(word).strip(".") in _THING_HEADS


_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]+)*\.?\Z")


def written_as_a_person(text: str, known_places: set[str] | frozenset[str] | None = None) -> bool:
    """Whether a name is written as a person's: one to four words, each capitalised and not all capitals
    ("Haruto Sato", "Ngozi Okonjo-Iweala", "J. Smith"), or a surname particle before the last ("Pieter van Dam");
    none a listed group, title, portfolio, demonym or word of organisations' and places' names, the whole no
    known place or alias."""
    lex = lexicon()
    if known_places is None:
        known_places = known_place_names()
    words = text.split()
    if not 1 <= len(words) <= 4 or alias_key(text) or fold(text) in known_places:
        return False
    for k, word in enumerate(words):
        key = fold(word)
        if key in SURNAME_PARTICLES and k < len(words) - 1:
            continue
        if not _NAME_WORD.match(word) or not word[:1].isupper() or (len(word) > 1 and word.isupper()):
            return False
        bare = key.strip(".")
        if (bare in _NON_PERSON_WORDS or bare in GENERIC_FIRST_WORDS or bare in LEGAL_SUFFIXES
                or bare in lex.title_heads or bare in lex.portfolios or bare in lex.groups or bare in lex.people_nouns
                or bare in known_places or bare in _demonym_words()):
            return False
    return True


@lru_cache(maxsize=1)
def _demonym_words() -> frozenset[str]:
    return frozenset(fold(d) for forms in lexicon().demonyms.values() for d in forms)


@lru_cache(maxsize=1)
def known_place_names() -> frozenset[str]:
    """The listed places and capitals, folded."""
    lex = lexicon()
    return frozenset({fold(p) for p in lex.demonyms} | set(lex.capitals))


def singular(word: str) -> str:
    """A plural's regular singular ("gypsies" -> "gypsy", "romanians" -> "romanian"); a word that is none as it
    is ("business", "bus")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
