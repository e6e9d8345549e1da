"""The data files shipped in ``storylens/data`` (word lists, demonyms), read once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


def _load(name: str) -> dict:
    with resources.files("storylens.data").joinpath(name).open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True)
class Lexicon:
    title_heads: frozenset[str]
    title_abbreviations: dict[str, str]  # a title's short form ("ceo") -> its long form ("chief executive")
    portfolios: frozenset[str]
    groups: frozenset[str]
    people_nouns: frozenset[str]
    demonyms: dict[str, tuple[str, ...]]  # place name -> its demonyms
    aliases: dict[str, tuple[str, ...]]  # canonical name -> alternative names
    capitals: frozenset[str]  # national capitals, folded (lower case, no accents)
    #: the name keys of the US states' abbreviations ("ky" for "Ky."), which are among the aliases too
    state_abbreviations: frozenset[str] = frozenset()
    #: online platforms and services, folded: organisations, whatever the tagger typed them
    platforms: frozenset[str] = frozenset()
    #: a short form of a given name, folded ("chris") -> the given names it stands for ("christopher", ...)
    short_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: every given name of that list, formal or short, folded
    given_names: frozenset[str] = frozenset()
    #: nouns for kinds of organisation ("airline", "carmaker"), lower case
    organisation_kinds: frozenset[str] = frozenset()
    #: nouns only an organisation has ("shareholders", "ceo"), lower case
    organisation_belongings: frozenset[str] = frozenset()
    #: countries, in lower case with single spaces: a country that speaks speaks by its government
    countries: frozenset[str] = frozenset()
    #: heads of titles only a person holds, which open no organisation's name ("spokeswoman", "senator")
    person_only_heads: frozenset[str] = frozenset()
    #: plural nouns of people who act and speak together ("protesters", "farmers"), lower case
    speaking_people: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    titles = _load("titles.toml")
    groups = _load("groups.toml")
    places = _load("places.toml")
    given = _load("given_names.toml")["short_forms"]
    organisations = _load("organisations.toml")
    return Lexicon(
        title_heads=frozenset(w.lower() for w in titles["heads"]),
        title_abbreviations=dict(titles.get("abbreviations", {})),
        person_only_heads=frozenset(w.lower() for w in titles.get("person_only_heads", ())),
        portfolios=frozenset(w.lower() for w in titles["portfolios"]),
        groups=frozenset(w.lower() for w in groups["groups"]),
        people_nouns=frozenset(w.lower() for w in groups["people_nouns"]),
        speaking_people=frozenset(w.lower() for w in groups.get("speaking_people", ())),
        demonyms={k: tuple(v) for k, v in places["demonyms"].items()},
        aliases={k: tuple(v) for k, v in (places["aliases"] | places.get("us_states", {})).items()},
        capitals=frozenset(" ".join(name.lower().split()) for name in places["capitals"]["names"]),
        state_abbreviations=frozenset(_state_key(form) for forms in places.get("us_states", {}).values()
                                      for form in forms),
        platforms=frozenset(" ".join(w.lower().split()) for w in organisations["platforms"]),
        organisation_kinds=frozenset(w.lower() for w in organisations.get("kinds", ())),
        organisation_belongings=frozenset(w.lower() for w in organisations.get("belongings", ())),
        countries=frozenset(" ".join(name.lower().split()) for name in places.get("countries", {}).get("names", ())),
        short_forms=_short_forms(given),
        given_names=frozenset(name.lower() for formal, shorts in given.items() for name in (formal, *shorts)),
    )


def _short_forms(table: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    names: dict[str, set[str]] = {}
    for formal, shorts in table.items():
        for short in shorts:
            names.setdefault(short.lower(), set()).add(formal.lower())
    return {short: frozenset(formal) for short, formal in names.items()}


def _state_key(form: str) -> str:
    """A state abbreviation's name key ("Ky." -> "ky"), as ``align.names.normal_name`` makes it."""
    from .align.names import normal_name

    return normal_name(form)
