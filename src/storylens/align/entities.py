"""One entity per person, organisation, place or group, across all of a story's articles.

Two steps over the mentions every article gave (:mod:`storylens.extract.mentions`):

1. **Types from the whole story.**  The small model tags a name differently from one
   sentence to the next; the story decides.  A surname of a person named in full
   anywhere in the story is a person ("Gueant" tagged ORG, "Cole" tagged PRODUCT, unless the
   story places it: "in Cole"); a known group or a demonym of
   a place in the story is a group ("Roma", "Romanians"); a one-word "person" listed
   with places is a place ("Paris and Lyon"); a national capital tagged an organisation is a
   place ("Bucharest officials"); a one-word "person" that only ever
   modifies a thing is not a person ("the Schengen database"), nor is one with no title, role or
   full name that its article also writes as a common noun ("Measles: ..." with "against measles"); a one-word
   "organisation" found "in" a text and a place elsewhere is a place ("outbreak in Carvale", "Carvale
   county"); a name the words around it show to be an illness ("the spread of COVID", "Guillain-Barré
   Syndrome", "the COVID-19 pandemic"), and its initials, are MISC, and so is a one-word "person" written in
   lower case ("the pill, called molnupiravir"); a name that is one of the story's outlets is an organisation ("Politico reported" tagged a
   person); a name written as a person's
   with a personal title next to it ("Prime Minister Haruto Sato" tagged ORG), or tagged a
   person as often as an organisation or a place, or listed with people's names with its first word no word of the
   language ("Gymnasts Ann Holt, Mia Lund and Kaya Marrow", the last tagged ORG), is a person; a "person" the words
   around show to be an organisation ("Irish low-cost airline, Ryanair,", "German airline Air Berlin", "Ryanair
   CEO", "Boeing's shareholders": the kinds and belongings of ``data/organisations.toml``, none a word a person
   also is or has), or the first word of an organisation of the story named by names ("Northrop" beside "Northrop
   Grumman"), no one named in full in the story bearing it, is an organisation.  Otherwise the majority.  Before the vote, the headline words a full name of the story runs into
   are left out ("Jair Bolsonaro Wins", "Paul Manafort Guilty Plea").
2. **Merging.**  Same name; surname to the one full name that has it (the same article
   first; "van Dam", "von der Leyen" and "Okonjo-Iweala" are surnames), also where the tagger
   left the surname untagged ("Marsh said" after "Helena Marsh"); a one-word organisation to the
   one longer one that starts or ends with it ("Ford", "Ford Motor Co."), not a place's name ("Carvale
   Families for Choice" and the town "Carvale") nor a word after a preposition ("Choice"); acronym to long
   form ("EU", "European Union"); known aliases ("U.S.", "United States"; a US state's abbreviation, "Ky.", "Kentucky", named by the state); demonym to its
   place ("French", "France"); an organisation's one-word other name in brackets that the story never names as a
   person ("Johnson & Johnson (Janssen)"); a name given another name in brackets or with "known as" right after it ("the Sinti (Travellers)", "the Sami, also known
   as Lapps"); a title-only mention
   to the one person who holds that title in the story, the same article first
   ("France's Interior Minister" -> Claude Gueant in 2012, not Brice Hortefeux in 2010),
   and "the minister" to the last such person named before it in the article; persons' names of the same letters
   apart from spaces, hyphens and full stops ("Kim Jong Un" / "Kim Jong-un"); one person's name spelt two ways by
   two articles ("Karolos" / "Carolos Papoulias", "Andrew Wetzler" / "Welzler"; "Betty" / "Bettie" even in one
   article), and a name going by its second given name ("H. Dale Hall" / "Dale Hall").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

from ..extract.mentions import ILLNESS_HEADS, MentionCandidate
from ..extract.regex_gates import gated
from ..models import Article, Entity, Role, Span
from ..resources import lexicon
from .names import (
    GENERATION_SUFFIXES,
    GENERIC_FIRST_WORDS,
    SURNAME_PARTICLES,
    DemonymIndex,
    acronym_of,
    alias_key,
    as_acronym,
    demonym_place,
    fold,
    is_body_word,
    is_group_word,
    is_thing_head,
    known_place_names,
    name_tokens,
    normal_name,
    outlet_keys,
    person_name_parts,
    same_body,
    singular,
    without_legal_suffix,
    written_as_a_person,
)
from .unionfind import UnionFind

_TYPE_ORDER = {"PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 3, "NORP": 4, "FAC": 5, "EVENT": 6, "LAW": 7}


@dataclass
class _Item:
    index: int
    article: Article
    mention: MentionCandidate
    key: str
    label: str
    #: the surname a given name alone shares with the full name it is joined to ("Charles" of "Charles and David
    #: Koch"): the person's name is the given name with it
    shared_surname: str | None = None


@lru_cache(maxsize=1)
def _lexicon_places() -> frozenset[str]:
    """The places of the shipped demonym list, folded (read once)."""
    return frozenset(fold(p) for p in lexicon().demonyms)


def story_types(items: Sequence[_Item], lowered: set[str] | frozenset[str] = frozenset(),
                words: tuple[frozenset[str], ...] = ()) -> dict[str, str]:
    """The type of each name key, decided over the whole story (see the module docstring); ``lowered`` and ``words``
    tell the words of the language (:func:`_common_word`)."""
    lex = lexicon()
    votes: dict[str, Counter] = defaultdict(Counter)
    evidence: dict[str, set[str]] = defaultdict(set)
    has_roles: set[str] = set()
    texts: dict[str, set[str]] = defaultdict(set)  # the forms of each key
    plural_mentions: Counter = Counter()  # the mentions of each key written as a plural ("the Hawks")
    work_mentions: Counter = Counter()  # the mentions of each key written as a work's title ("`` Harbor Lane ''")
    headline_mentions: Counter = Counter()  # the mentions of each key on a line written in title case (a headline)
    alternative_mentions: Counter = Counter()  # the mentions of each key joined by "or" to one-word people's names
    nicknamed: set[str] = set()  # the keys written as a nickname in a mention ("known as Hurricane Brennan")
    after_the: set[str] = set()  # the keys with a mention right after "the" ("the Harwick Heat"), no person's
    for item in items:
        texts[item.key].add(item.mention.text)
        votes[item.key][item.mention.label] += 1
        plural_mentions[item.key] += "plural" in item.mention.evidence
        work_mentions[item.key] += "work_title" in item.mention.evidence
        headline_mentions[item.key] += "title_case_line" in item.mention.evidence
        alternative_mentions[item.key] += "or_one_word_person" in item.mention.evidence
        if _NICKNAME_BEFORE.search(item.article.text, max(0, item.mention.start - 40), item.mention.start):
            nicknamed.add(item.key)
        if _THE_BEFORE.search(item.article.text, max(0, item.mention.start - 8), item.mention.start):
            after_the.add(item.key)
        evidence[item.key] |= item.mention.evidence - {"title_case_line"}
        if item.mention.roles:
            has_roles.add(item.key)
    full_person_tokens: set[str] = set()
    full_person_surnames: set[str] = set()  # "von der leyen", "de jong"
    last_names: set[str] = set()  # every full person's surname, one word or several
    people_surnames: set[str] = set()  # those of names that open on no storm's word ("Hurricane ...")
    for key, counter in votes.items():
        # a person's name of several words, each capitalised (a headline's words tagged a person, "Hawks top Owls
        # to make playoffs", lend no word a person's name)
        if counter["PERSON"] and len(key.split()) >= 2 and not is_group_word(key) and not _has_digit(key) \
                and any(_capitalised_words(text) for text in texts[key]):
            full_person_tokens.update(key.split())
            given, surname = person_name_parts(key)
            if given and " " in surname:
                full_person_surnames.add(surname)
            if given:
                last_names.add(surname)
                if not _STORM_OPENING.match(key):
                    people_surnames.add(surname)
    places = [key for key, counter in votes.items() if counter["GPE"] + counter["LOC"] > 0]
    place_first_words = {key.split()[0] for key in places if " " in key}
    place_names = set(places) | _lexicon_places()
    demonyms = DemonymIndex(place_names)
    known_places = _lexicon_places() | lex.capitals

    organisation_initials = {a for key, counter in votes.items() if counter.most_common(1)[0][0] == "ORG"
                             for a in map(acronym_of, texts[key]) if a}
    # the first words of the story's organisations of several words ("ford" of "Ford Motor Company")
    organisation_first_words = {key.split()[0] for key, counter in votes.items()
                                if " " in key and counter.most_common(1)[0][0] == "ORG" and is_body_word(key.split()[-1])}
    # the first words of every organisation of several words ("northrop" of "Northrop Grumman")
    # (a name of words no language has, but for a body's noun at its end: "Obama Helped Fund" is a headline's words)
    organisation_openings = {key.split()[0] for key, counter in votes.items()
                             if " " in key and counter.most_common(1)[0][0] == "ORG"
                             and _names_only(key.split()[1:], lowered, words)} - GENERIC_FIRST_WORDS
    organisation_first_words |= organisation_openings
    # the names of storms ("Typhoon Mangkhut", "Hurricane Ida") and the name alone ("Mangkhut")
    # (not a person's nickname: "Hurricane Brennan" beside "Dale Brennan", a storm's word before a surname of the story)
    storms = {key for key in votes if _STORM_OPENING.match(key) and key not in has_roles
              and not (key in nicknamed and _nickname(key, people_surnames))}
    storm_names = {key.split()[-1] for key in storms}
    decided: dict[str, str] = {}
    illnesses: set[str] = set()  # the initials of the names found to be illnesses
    for key, counter in votes.items():
        top = counter.most_common(1)[0][0]
        single = len(key.split()) == 1
        ev = evidence[key]
        if is_group_word(key) and key not in full_person_tokens:
            decided[key] = "NORP"
        elif key in nicknamed and _nickname(key, people_surnames) and key not in has_roles:
            # "Dale Brennan, known as Hurricane Brennan": a storm's word before the surname of a person named in full
            # in the story, written as a nickname once at least, is that person's nickname, no storm ("Hurricane Holt
            # hit the coast" beside "Mira Holt, a forecaster" stays a storm)
            decided[key] = "PERSON"
        elif key in storms or key in storm_names and key not in full_person_tokens and key not in has_roles \
                and not ev & {"personal_title", "person_context"}:
            # "Typhoon Mangkhut" tagged a person, "Mangkhut" alone too: a named storm, an event (as OntoNotes types
            # named hurricanes), no one
            decided[key] = "EVENT"
        elif "vessel" in ev and key not in has_roles and not ev & {"personal_title", "person_context"} \
                and key not in full_person_tokens and key not in last_names:
            # "the cruise ship Costa Allegra" typed a person, a people or a place: a ship (a vehicle, as OntoNotes
            # types them, a product)
            decided[key] = "PRODUCT"
        elif 2 * work_mentions[key] >= sum(counter.values()) and key not in has_roles \
                and not ev & {"personal_title", "person_context"} and key not in full_person_surnames \
                and not (single and key in full_person_tokens):
            # "a recurring role on `` Harbor Lane ''", "the television sitcom Harbor Lane" (typed an organisation,
            # "`` Van Wilder ''" a person): a name written as a work's title in half its mentions is a work's
            decided[key] = "WORK_OF_ART"
        elif top != "GPE" and top != "LOC" and bool(demonyms.places_of(key) - {key}):
            decided[key] = "NORP"
        elif (single and key in full_person_tokens or key in full_person_surnames) and top in ("PERSON", "ORG", "NORP", "GPE") \
                and not (top == "GPE" and counter["PERSON"] == 0 and ev & {"locative", "conj_place"}
                         and not ("person_context" in ev and ev.isdisjoint(_PLACE_ONLY_EVIDENCE))) \
                and not (top == "GPE" and counter["PERSON"] == 0 and "person_context" not in ev
                         and key not in last_names and key not in full_person_surnames) \
                and not (top in ("ORG", "NORP") and counter[top] >= max(3, 2 * counter["PERSON"])
                         and "person_context" not in ev and key not in last_names
                         and key not in full_person_surnames) \
                and not (top == "ORG" and key in organisation_first_words and counter["ORG"] > counter["PERSON"]):
            # not a place the story places ("George Washington" and "in Washington"; but "Jordan, who ..." beside
            # "Eddie Jordan" with "spoke to Jordan" is the person: "to" also takes people), nor a company the story names
            # in full ("Ford" tagged an organisation, with "Ford Motor Company" beside "William Clay Ford Jr."); but a
            # word the tagger takes for the person as often as for a body is the person ("Trump" beside "Trump
            # University": the company reading must outnumber the person's); nor a place that is only a person's
            # given name ("Dallas" beside "Dallas Clark": a person is seldom named by the given name alone), nor a
            # word the tagger types an organisation three times or more and twice as often as a person that is no
            # one's surname ("Colts" beside "Colts QB Andrew Luck")
            decided[key] = "PERSON"
        elif key in last_names and top in _SURNAME_TYPES and not ev & {"locative", "conj_place", "plural"}:
            # "Cole" typed a product or a law, with "Miriam Cole" in the story: her surname, not a thing
            decided[key] = "PERSON"
        elif top == "PERSON" and single and ("conj_organisation" in ev or "modifier_of_thing" in ev and counter["ORG"]) \
                and key not in has_roles and not ev & {"personal_title", "person_context", "conj_person"} \
                and key not in full_person_tokens and key not in last_names:
            # "challenged by Lockheed and Sikorsky", "Sberbank, VTB Group and Gazprombank": a one-word "person" listed
            # with organisations, and never with people nor named in full, is one of them; so is one the tagger also
            # types an organisation that names a thing's maker ("Pfizer booster shots", "the Pfizer vaccine")
            decided[key] = "ORG"
        elif top == "PERSON" and single and alternative_mentions[key] == sum(counter.values()) and key not in has_roles \
                and not ev & {"personal_title", "person_context"} and key not in full_person_tokens \
                and key not in last_names and fold(key) not in lex.given_names \
                and not any(text.isupper() or not text[:1].isupper() for text in texts[key]):
            # "doses from Pfizer or Moderna", both typed a person: one-word names offered as alternatives, each only
            # ever so, none a person's of the story (named in full, titled, said of a person) nor a given name, are
            # bodies (since 2026-12-07; "Lennon and McCartney", joined by "and", stay people)
            decided[key] = "ORG"
        elif top == "PERSON" and single and 2 * plural_mentions[key] > sum(counter.values()) and key not in has_roles \
                and not ev & {"personal_title", "conj_person"} and key not in full_person_tokens \
                and last_names.isdisjoint({singular(key), key.removesuffix("es")}) \
                and all(text[:1].isupper() for text in texts[key]):
            # "the Hawks", "the Owls" tagged a person, most mentions a plural: a team's or a band's name, no one's
            # ("the Carters" beside "Rosalynn Carter", "the Joneses" beside "Ann Jones" stay the family)
            decided[key] = "ORG"
        elif top == "PERSON" and single and "personal_title" not in ev and key not in full_person_tokens \
                and any(text.isalpha() and text.islower() for text in texts[key]):
            # "the pill, called molnupiravir": a one-word "person" the text writes in lower case is no one's name
            decided[key] = "MISC"
        elif key not in has_roles and "personal_title" not in ev and top in _ILLNESS_TYPES and (
            "illness" in ev or "illness_modifier" in ev and top != "GPE"
        ):
            # "the spread of COVID" (tagged a person), "Guillain-Barré Syndrome" (an organisation), "the COVID-19
            # pandemic": an illness, not a person, a body or a place
            decided[key] = "MISC"
            illnesses |= {a for a in map(acronym_of, texts[key]) if a}
        elif single and "illness_toll" in ev and top in _TOLL_TYPES and _has_digit(key) and key not in has_roles \
                and not ev & {"personal_title", "person_context", "organisation_context"} \
                and key not in full_person_tokens and key not in last_names \
                and not any(as_acronym(text) in organisation_initials for text in texts[key]):
            # "40 new COVID-19 patients", "COVID-19 deaths" (typed an organisation): a one-word name of an illness's
            # toll, written with a digit as a new illness's code is, that is no one's name nor the initials of a body
            # the story names ("NHS patients" beside "National Health Service"; a people, "Tarvian deaths", or a
            # place, "Harwick cases", keeps its type; so does a company, "Brightco admissions", "Norvik cases": a
            # name of letters alone before those nouns was a company more often than an illness)
            decided[key] = "MISC"
        elif top != "PERSON" and "plural" not in ev and (
            "personal_title" in ev and top in _NAMED_TYPES
            or counter["PERSON"] == counter[top] and not single and top in _TIED_TYPES
        ) and all(written_as_a_person(text, known_places) for text in texts[key]):
            # "Prime Minister Haruto Sato" / "The prime minister, Haruto Sato," tagged ORG; a tie of PERSON and ORG
            decided[key] = "PERSON"
        elif top != "PERSON" and not single and "person_context" in ev and "plural" not in ev and top in _NAMED_TYPES \
                and (counter["PERSON"] or "organisation_context" not in ev and key not in has_roles
                     and not (key.endswith("s") and _common_word(key.split()[-1][:-1], lowered, words))
                     and key not in after_the
                     and all(_written_as_a_person_named(text, known_places, lowered, words, top) for text in texts[key])) \
                and any(_written_as_a_person_named(text, known_places, lowered, words, top) for text in texts[key]):
            # "Mabel Kerrigan" tagged an organisation in most mentions, a person in some, and "Mabel Kerrigan, who
            # ...", "Mabel Kerrigan died": the tagger's person reading, which only a person's name fits; so too, since
            # 2026-12-07, a name written as a person's in every mention that the tagger never typed a person ("Katrina
            # Holt, who lost her home", typed an organisation), with no organisation's context nor role, whose last word
            # is no plural of a word of the language (a team's: "the Harwick Hawks, who had the money"), and that is
            # never written right after "the" ("the Miami Heat, who won": a team's in the singular); a given name
            # that is a place's ("Sofia Farrow, who ...") is a person's too, in a name the tagger did not type a place
            # (:func:`_written_as_a_person_named`)
            decided[key] = "PERSON"
        elif top != "PERSON" and not single and "conj_person" in ev and top in _NAMED_TYPES \
                and not ev & {"plural", "organisation_context"} and key not in has_roles \
                and not _common_word(key.split()[0], lowered, words) \
                and all(written_as_a_person(text, known_places) for text in texts[key]):
            # "Gymnasts Ann Holt, Mia Lund and Kaya Marrow" with the last tagged an organisation: a name written as a
            # person's, its first word no word of the language, listed with people's
            decided[key] = "PERSON"
        elif top == "PERSON" and key not in has_roles and not ev & {"person_context", "personal_title"} \
                and key not in full_person_tokens and (
                    "organisation_context" in ev and key not in last_names
                    or single and key in organisation_openings
                ):
            # a "person" no one named in full in the story bears, which is what only an organisation is or has
            # ("Irish low-cost airline, Norvik", "Norvik CEO", "German airline Air Norvik"), or an organisation's
            # short name ("Northrop" beside "Northrop Grumman")
            decided[key] = "ORG"
        elif top == "PERSON" and single and key not in has_roles and (
            "conj_place" in ev or ev & {"locative:in", "locative:near", "locative:across", "locative:throughout"}
        ):
            decided[key] = "GPE"
        elif top == "PERSON" and single and key not in has_roles and ev == {"modifier_of_thing"}:
            decided[key] = "MISC"
        elif top == "PERSON" and single and key not in has_roles and "personal_title" not in ev and "common_noun" in ev:
            # "Measles: vaccination rate down" with "against measles" in the text: a noun, not a person's surname
            decided[key] = "MISC"
        elif top == "ORG" and single and key not in has_roles and "locative:in" in ev and (
            counter["GPE"] + counter["LOC"] or key in place_first_words
        ):
            decided[key] = "GPE"  # "outbreak in Carvale" typed ORG, "Carvale" or "Carvale county" a place elsewhere
        elif top in ("PRODUCT", "FAC") and single and key not in has_roles and not _has_digit(key) \
                and not any(_BRAND_SHAPE.match(text) for text in texts[key]) \
                and not ev & {"personal_title", "person_context", "organisation_context", "work_title"} \
                and ("settlement" in ev or top == "PRODUCT" and ("conj_place" in ev or "scene" in ev or ev & _NEAR_EVIDENCE)):
            # "residents of Eastwick", "the town of Eastwick", "near Eastwick", "Tarnfield and Eastwick" (the town typed a
            # product): a one-word "product" the words around place as a town, or listed with places, is a place, and so
            # is a "building" said to be a town (since 2026-12-07; not after "in" alone: "a bug in Android", "new in
            # Excel"), and a "product" where a fire, a flood or a shooting happened ("the fire in Eastwick")
            decided[key] = "GPE"
        elif top == "ORG" and key in lex.capitals and key not in has_roles:
            decided[key] = "GPE"  # "Bucharest officials": a capital named for its government is a place
        elif single and "people_modifier" in ev and top in ("ORG", "PERSON", "GPE"):
            # "Fillon supporters", "Bucharest officials"; but "NRA leaders" with "National Rifle Association" in
            # the story: an organisation's initials are its name, whoever is named after it and whatever the tagger
            # typed them
            initials = any(as_acronym(text) in organisation_initials for text in texts[key])
            decided[key] = "ORG" if initials else "NORP"
        else:
            decided[key] = top
        if key in lex.platforms and decided[key] not in ("ORG", "PRODUCT") and key not in has_roles \
                and key not in full_person_tokens:
            decided[key] = "ORG"  # "said on Twitter" tagged a person, "posted to Reddit" a place: a platform
        if decided[key] == "PERSON" and len(key.split()) >= 2 and is_thing_head(key.split()[-1]) \
                and key not in has_roles and "personal_title" not in ev:
            # "App Store", "Tony Award" tagged a person: a name that ends on a noun of a body, place or thing names
            # no one; the tagger's next type, else an organisation
            decided[key] = next((label for label, _ in counter.most_common() if label != "PERSON"), "ORG")
        if decided[key] == "PERSON" and len(key.split()) >= 2 and key not in has_roles \
                and headline_mentions[key] == sum(counter.values()) and not ev & {"personal_title", "person_context"} \
                and all((w in lowered or w + "s" in lowered or w.endswith("s") and w[:-1] in lowered)
                        and fold(w) not in lex.given_names for w in key.split()):
            # "Senate Standoff Over Grain Tariff", "Mayor Rules Out Parking Permit" (a headline's words tagged a person): a name
            # of words the story also writes in lower case ("the grain tariff", "parking permits"), none a given
            # name, only ever on a headline's line, no one titled or said to act as a person, is no one's
            decided[key] = next((label for label, _ in counter.most_common() if label != "PERSON"), "MISC")
        if decided[key] in _NOT_BRAND_TYPES and key not in has_roles \
                and all(_BRAND_SHAPE.match(text) for text in texts[key]) \
                and not (decided[key] == "PERSON" and (len(key.split()) >= 2 and not _has_digit(key)
                                                       or key in full_person_tokens or key in last_names)):
            # "iTunes" typed a people, "iPod" a people or a place: a brand's name (a small letter, then a capital)
            # names a company or its product, no people, person nor place (but a person's name of several words
            # opening on a particle run into the surname, "deGrasse Tyson", or a word of a full person's name, is
            # the person's)
            decided[key] = "ORG" if counter["ORG"] else "PRODUCT"
        if decided[key] == "PERSON" and _has_digit(key):
            # "House passes Biden COVID-19 bill": no one's name has a digit; the tagger's next type, else a thing
            decided[key] = next((label for label, _ in counter.most_common() if label != "PERSON"), "MISC")
    for key, counter in votes.items():
        words = key.split()
        if decided[key] == "ORG" and len(words) >= 2 and counter["PERSON"] and decided.get(words[-1]) == "PERSON" \
                and key not in has_roles and not evidence[key] & {"plural", "organisation_context"} \
                and all(written_as_a_person(text, known_places) for text in texts[key]):
            # "Stephenie Meyer" typed an organisation in most mentions, a person in some, while "Meyer" alone is
            # decided a person's surname: the full name is that person's (both named alike, one entity), and so is
            # its first word alone, which was an organisation's only as the first word of this "organisation"
            decided[key] = "PERSON"
            first = words[0]
            if decided.get(first) == "ORG" and first not in has_roles and "organisation_context" not in evidence[first] \
                    and not any(o != key and " " in o and o.split()[0] == first and decided[o] == "ORG" for o in decided):
                decided[first] = "PERSON"
    laws: set[str] = set()  # the initials of the names found to be laws or agreements
    for key, kind in decided.items():
        words = key.split()
        if len(words) >= 2 and words[-1] in _NATURE_HEADS and kind in _NOT_PLACE_TYPES and key not in has_roles:
            decided[key] = kind = "LOC"  # "Great Bitter Lake" tagged an event: a lake is a place
        if len(words) >= 2 and words[-1] in _LAW_HEADS and kind in _NAMED_TYPES and kind != "LAW" \
                and key not in has_roles:
            # "United States-Mexico-Canada Agreement" tagged a place, "American Rescue Plan Act" an organisation
            decided[key] = "LAW"
            laws |= {a for a in map(acronym_of, texts[key]) if a}
    for key, kind in decided.items():
        if illnesses and kind in ("ORG", "PERSON") and key not in has_roles \
                and any(as_acronym(text) in illnesses for text in texts[key]):
            decided[key] = "MISC"  # "GBS" beside "Guillain-Barré Syndrome": the illness's initials
        elif laws and kind in ("ORG", "PERSON", "GPE") and key not in has_roles \
                and any(as_acronym(text) in laws for text in texts[key]):
            decided[key] = "LAW"  # "NAFTA" beside "North American Free Trade Agreement": the agreement's initials
    return decided


#: a brand's name: up to five small letters, then a capitalised word or two capitals ("iPod", "eBay", "iTunes",
#: "macOS"; not initials, "mRNA")
_BRAND_SHAPE = re.compile(r"[a-z]{1,5}(?:[A-Z][a-z]|[A-Z]{2}(?![A-Z]))")
#: the tagger's types a brand's name is corrected from
_NOT_BRAND_TYPES = frozenset({"NORP", "PERSON", "GPE", "LOC", "FAC", "EVENT"})
#: the words a storm's name opens with ("Typhoon Mangkhut", "Hurricane Ida", "Tropical Storm Lee"), a key's
_STORM_OPENING = re.compile(r"(?:super typhoon|typhoon|hurricane|cyclone|tropical cyclone|tropical storm|"
                            r"tropical depression|superstorm) \S")
#: last words of the names of places of nature ("Great Bitter Lake", "Yellow River"), and the types that such a
#: name is not (a person's name may end on "Lake" or "Rivers"; a place may be a GPE)
_NATURE_HEADS = frozenset({"lake", "river", "sea", "ocean", "gulf", "strait", "canal", "peninsula", "desert",
                           "mountains", "glacier", "creek", "lagoon", "archipelago"})
_NOT_PLACE_TYPES = frozenset({"EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "ORG", "MISC"})

#: last words of the names of laws and agreements
_LAW_HEADS = frozenset({"act", "agreement", "treaty", "accord", "accords", "pact", "protocol", "amendment"})


def _capitalised_words(text: str) -> bool:
    """Whether every word of a name is capitalised but a surname particle ("Pieter van Dam"), and none is a word of
    grammar such as "to" or "the" (but a particle): not a headline's words the tagger ran into a name ("Hawks top
    Owls to make playoffs", "Hawks Top Owls To Make Playoffs")."""
    return all(fold(word) in SURNAME_PARTICLES or word[:1].isupper() and fold(word) not in _GRAMMAR_WORDS
               for word in text.split())


#: words of grammar no person's name holds, but as a surname particle ("de", "van"): "To", "The" of a headline in
#: capitals ("Theresa May", "Will Smith": a word of grammar that is also a name is not listed)
_GRAMMAR_WORDS = frozenset({"to", "the", "an", "of", "for", "in", "on", "at", "and", "or", "with", "from", "by",
                            "as", "into", "over", "after", "is", "are", "was", "were"})


#: the words that give a nickname right before it ("known as Hurricane Brennan", 'nicknamed "Hurricane Brennan"')
_NICKNAME_BEFORE = re.compile(r"\b(?:known as|nicknamed|dubbed|a\.?k\.?a\.?|alias)\s*[\"'“‘]?\s*\Z", re.I)


def _nickname(key: str, surnames: set[str]) -> bool:
    """Whether a name key is a storm's word and a surname of a person named in full in the story ("hurricane
    brennan" beside "dale brennan"): a person's nickname, no storm ("Hurricane Ada Holt", a storm named in full after
    someone, is not one)."""
    words = key.split()
    return len(words) == 2 and _STORM_OPENING.match(key) is not None and words[1] in surnames


def _has_digit(key: str) -> bool:
    return any(ch.isdigit() for ch in key)


#: the types a name of an illness's toll ("COVID-19 cases") may be given in error (a people or a place has a toll too)
_TOLL_TYPES = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "LAW", "FAC", "EVENT"})
#: the tagger's types a name the story shows to be an illness is corrected from (a place only when the words
#: around it are of an illness: "the Wuhan outbreak" stays a place)
_ILLNESS_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LAW", "FAC"})
#: the tagger's other types a full person's surname alone is corrected from (a place is one only where nothing
#: says it is one: "in Cole" or "Cole and Paris" keep it a place)
#: the ways of naming a place that no person's name takes ("in Jordan", "near Chad", "Jordan and Syria"); "to", "at"
#: or "from" a name may be a person's ("spoke to Jordan")
_PLACE_ONLY_EVIDENCE = frozenset({"conj_place", "locative:in", "locative:near", "locative:across", "locative:throughout",
                                  "locative:outside", "locative:into", "locative:towards", "locative:toward"})
#: the places a name is put after a preposition that software is not in ("near Eastwick", not "in Excel")
_NEAR_EVIDENCE = frozenset({"locative:near", "locative:outside", "locative:across", "locative:throughout",
                            "locative:around"})
#: "the" right before a name: a body's, a team's or a thing's ("the Harwick Heat"), seldom a person's
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_SURNAME_TYPES = frozenset({"LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
#: the tagger's types a name with a personal title next to it is corrected from
_NAMED_TYPES = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
#: the tagger's types a tie with PERSON is decided from for a name written as a person's (not the titles of works:
#: "Slumdog Millionaire", "Sexiest Man Alive")
_TIED_TYPES = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC"})
def merge_entities(articles: Sequence[Article], mentions_by_article: Sequence[Sequence[MentionCandidate]], *,
                   words: tuple[frozenset[str], ...] = ()) -> list[Entity]:
    """Merge the mentions of a story's articles into entities (see the module docstring).  ``words``: the base forms
    the pipeline knows as verbs, nouns and adverbs (:func:`~storylens.parse.pipeline.word_classes`), which tell a
    headline's word run into a name from a name's word."""
    items: list[_Item] = []
    titles: list[tuple[Article, MentionCandidate]] = []
    for article, mentions in zip(articles, mentions_by_article, strict=True):
        for mention in mentions:
            if mention.kind == "title":
                titles.append((article, mention))
                continue
            key = normal_name(mention.text)
            if not key:
                continue
            items.append(_Item(len(items), article, mention, key, mention.label))
    lowered = _lower_case_words(articles)
    _trim_headline_words(items, lowered, words)
    types = story_types(items, lowered, words)
    outlets = outlet_keys(a.outlet for a in articles)
    for item in items:
        item.label = types[item.key]
        if item.key in outlets and item.label != "ORG":
            item.label = "ORG"  # "Politico reported on Wednesday": an outlet of the story, whatever the tagger said
    items.extend(_propagate_names(articles, items, titles, lowered))
    _share_surnames(items)

    uf = UnionFind(range(len(items)))
    by_key: dict[tuple[str, str], list[_Item]] = defaultdict(list)
    for item in items:
        key = singular(item.key) if item.label == "NORP" else item.key
        by_key[(_type_group(item.label), key)].append(item)
    for group in by_key.values():
        for other in group[1:]:
            uf.union(group[0].index, other.index)

    _merge_given_name_forms(items, uf, lowered)
    _merge_written_alike(items, uf)
    _merge_spelling_variants(items, uf)
    _merge_surnames(items, uf)
    _merge_given_names(items, uf, lowered)
    _merge_organisation_forms(items, uf)
    _merge_acronyms_and_aliases(items, uf)
    _merge_demonyms(items, uf)
    _merge_renamings(items, uf)
    _merge_illness_names(items, uf)

    clusters: dict[int, list[_Item]] = defaultdict(list)
    for item in items:
        clusters[uf.find(item.index)].append(item)

    attached = _resolve_titles(titles, clusters)
    return _build_entities(clusters, attached, lowered)


def _trim_headline_words(items: list[_Item], lowered: set[str] | frozenset[str], words: tuple[frozenset[str], ...] = ()
                         ) -> None:
    """A person's full name of the story that the tagger ran into the headline words after it ("Jair Bolsonaro Wins",
    "Esther Williams Dead", "Paul Manafort Guilty Plea", "Andrew McCabe's Bid"), typed a person, is that name (or
    a name of its first given name and surname: "Kamala Harris Lead" beside "Kamala D. Harris"): each of the one to
    three words after it is a word of the language (:func:`_common_word`), no noun of a body, place or thing ("Bill
    Clinton Foundation" is the foundation's) nor a generation's ("Jr"), and no word of another name of the story
    (not "King" of "Martin Luther King", with "King" alone in the text)."""
    persons = [i for i in items if i.label == "PERSON" and len(i.key.split()) >= 2]
    full_names = {i.key for i in persons}
    # (first given name, surname) of each full name: "Kamala Harris" is "Kamala D. Harris"
    first_and_surnames = {(g[0], s) for g, s in map(person_name_parts, (i.mention.text for i in persons)) if g}
    runs = [i for i in persons if len(i.key.split()) >= 3]
    run_keys = {i.key for i in runs}
    other_words = {w for i in items if i.key not in run_keys for w in i.key.split()}
    for item in runs:
        text = item.mention.text
        pieces = text.split(" ")
        for cut in range(len(pieces) - 1, max(len(pieces) - 4, 1), -1):
            name, tail = " ".join(pieces[:cut]).rstrip(), pieces[cut:]
            owner = _POSSESSIVE_END.search(name)
            if owner:
                name = name[:owner.start()]  # "Andrew McCabe's Bid"
            key = normal_name(name)
            given, surname = person_name_parts(name)
            if key not in full_names and not (given and (given[0], surname) in first_and_surnames):
                continue
            if all(w.isalpha() and w[:1].isupper() and not is_body_word(w) and fold(w) not in other_words
                   and fold(w) not in GENERATION_SUFFIXES and _common_word(w.lower(), lowered, words) for w in tail):
                mention = item.mention
                mention.end = mention.start + len(name)
                mention.text = name
                if mention.tokens[1] > mention.tokens[0]:  # a word a token, and the possessive's "'s" one more
                    left_out = len(tail) + (1 if owner else 0)
                    mention.tokens = (mention.tokens[0], max(mention.tokens[0] + 1, mention.tokens[1] - left_out))
                item.key = key
            break


def _written_as_a_person_named(text: str, known_places: frozenset[str], lowered: set[str] | frozenset[str],
                               words: tuple[frozenset[str], ...], label: str) -> bool:
    """Whether a name said of a person ("who", "died") is written as a person's
    (:func:`~storylens.align.names.written_as_a_person`), or would be but for a first word that is a known place's
    name, as a given name may be ("Sofia Farrow", "Florence Hale"), the rest a person's name of one or two words whose
    last is no word of the language ("Orlando Magic" is a team's), in a name the tagger typed ``label`` no place
    ("Paris Saint-Germain, who won", typed a building, is a club named for its places)."""
    if written_as_a_person(text, known_places):
        return True
    parts = text.split()
    return label not in ("GPE", "LOC", "FAC") and 2 <= len(parts) <= 3 and fold(parts[0]) in known_places \
        and written_as_a_person(" ".join(parts[1:]), known_places) \
        and not _common_word(fold(parts[-1]), lowered, words)


def _names_only(rest: list[str], lowered: set[str] | frozenset[str], words: tuple[frozenset[str], ...]) -> bool:
    """Whether the words after an organisation's first word are names, not words of the language, but for a body's
    noun at the end ("Grumman", "Egnatia Bank"; not "Helped Fund", "Administration Reach Agreement")."""
    if rest and is_body_word(rest[-1]):
        rest = rest[:-1]
    return all(not _common_word(w, lowered, words) for w in rest)


#: a possessive ending a name ("McCabe's", "McCabe’s")
_POSSESSIVE_END = re.compile(r"['’]s?$")


def _common_word(word: str, lowered: set[str] | frozenset[str], words: tuple[frozenset[str], ...]) -> bool:
    """Whether a word is one of the language's, not a name's: the story writes it in lower case ("dead"), it is a
    stop word ("will", "during", "did"), or its base form (less "-s", "-es", "-ed", "-d", "-ing") is a verb, noun
    or adverb the pipeline knows, or a word the story writes in lower case ("wins", "shops", "plea", "used")."""
    if word in lowered or word in STOP_WORDS:
        return True
    bases = {word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith(("es", "ed")) else "",
             word[:-3] if word.endswith("ing") else "", word[:-1] if word.endswith("d") else ""} - {""}
    return any(base in known for known in (lowered, *words[:3]) for base in bases)  # (not the adjectives)


_JOINED_BY_AND = re.compile(r"[ \t]+(?:and|&)[ \t]+")


def _share_surnames(items: list[_Item]) -> None:
    """ "Charles and David Koch", "Sam and Rachel Kerrigan": a given name alone (of ``data/given_names.toml``, and
    no surname of a person the story names in full: not "Obama and Joe Biden") joined by "and" to a full name right
    after it shares its surname (two people of one family named once), so it is named with it."""
    given_names = lexicon().given_names
    surnames = {person_name_parts(item.key)[1] for item in items if item.label == "PERSON" and " " in item.key}
    by_article: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        by_article[item.article.id].append(item)
    for group in by_article.values():
        group.sort(key=lambda item: item.mention.start)
        for first, full in pairwise(group):
            words = full.mention.text.split()
            if first.label != "PERSON" or full.label != "PERSON" or " " in first.key or len(words) < 2 \
                    or first.key not in given_names or first.key in surnames \
                    or not first.mention.text[:1].isupper() or fold(words[0]) == first.key:
                continue
            if _JOINED_BY_AND.fullmatch(first.article.text, first.mention.end, full.mention.start) is None:
                continue
            given, surname = person_name_parts(full.key)
            if given and surname:
                first.shared_surname = " ".join(words[-len(surname.split()):])


_WORD_CHAR = re.compile(r"\w")


def _glued(char: str) -> bool:
    """Whether ``char`` would join a name next to it into a longer token (a word character or "$")."""
    return char.isalnum() or char in "_$"


_WORD_RUN = re.compile(r"\w+")


def _first_word(form: str) -> str | None:
    """The run of word characters ``form`` starts with (None when it starts with another character).  Where
    :func:`_whole_occurrences` finds ``form``, the text has no word character before it, and the run ends in the
    text where it ends in ``form`` (at a character of ``form`` that is none, or at the end of ``form``, where the
    text has no word character either): the run is one of the text's whole runs of word characters."""
    m = _WORD_RUN.match(form)
    return m.group() if m else None


def _whole_occurrences(text: str, form: str) -> Iterator[tuple[int, int]]:
    """Where ``form`` stands in ``text`` with no word character or "$" on either side, left to right, not
    overlapping: the matches of ``(?<![\\w$])form(?![\\w$])``, found with ``str.find`` (a story has a
    thousand forms; compiling a pattern for each would also flush the ``re`` module's cache)."""
    n, size = len(form), len(text)
    pos = text.find(form)
    while pos != -1:
        end = pos + n
        if (pos == 0 or not _glued(text[pos - 1])) and (end == size or not _glued(text[end])):
            yield pos, end
            pos = text.find(form, end)
        else:
            pos = text.find(form, pos + 1)


def _propagate_names(
    articles: Sequence[Article], items: list[_Item], titles: list[tuple[Article, MentionCandidate]],
    lowered: frozenset[str] | set[str] | None = None,
) -> list[_Item]:
    """Occurrences of the story's names that the tagger missed in some sentences.

    A surface form tagged as a name somewhere in the story (or a listed group word) is a
    mention wherever else it stands as a whole, capitalised word sequence, outside other
    mentions: "Roma" tagged in one sentence and not in the next is still "Roma".
    """
    lex = lexicon()
    forms: dict[str, tuple[str, str]] = {}
    for item in items:
        text = item.mention.text
        if item.label == "MISC" or len(text) < 2 or not text[:1].isupper():
            continue
        if normal_name(text) in lex.portfolios or normal_name(text) in lex.title_heads:
            continue
        forms.setdefault(text, (item.key, item.label))
    surnames = _surname_forms(items, forms, _lower_case_words(articles) if lowered is None else lowered)
    added: list[_Item] = []
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for item in items:
        taken[item.article.id].append((item.mention.start, item.mention.end))
    for article, mention in titles:
        taken[article.id].append((mention.start, mention.end))
    group_pattern = _group_pattern(lex.groups)
    ordered = [(form, _first_word(form), key, label)
               for form, (key, label) in sorted(forms.items(), key=lambda f: -len(f[0]))]
    surname_words = [(form, _first_word(form), key) for form, key in surnames]
    for article in articles:
        spans = taken[article.id]
        words = set(_WORD_RUN.findall(article.text))  # a form whose first word is not among them stands nowhere
        # the characters the spans cover: a span overlaps one of them iff it holds a covered character (one
        # bytearray search instead of a test against every span); empty spans cover none, so are tested apart
        covered = bytearray(max([len(article.text), *(e for _s, e in spans)]))
        empty = []
        for s, e in spans:
            if s < e:
                covered[s:e] = b"\x01" * (e - s)
            else:
                empty.append((s, e))
        found: list[tuple[int, int, str, str]] = []
        for form, first, key, label in ordered:
            if first is not None and first not in words:
                continue
            for start, end in _whole_occurrences(article.text, form):
                found.append((start, end, key, label))
        for match in group_pattern.finditer(article.text):
            found.append((match.start(), match.end(), normal_name(match.group(0)), "NORP"))
        for form, first, key in surname_words:
            if first is not None and first not in words:
                continue
            for start, end in _whole_occurrences(article.text, form):
                if not _capitalised_word_next(article.text, start, end):
                    found.append((start, end, key, "PERSON"))
        for start, end, key, label in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
            if covered.find(1, start, end) != -1 or any(start < e and s < end for s, e in empty):
                continue
            covered[start:end] = b"\x01" * (end - start)
            spans.append((start, end))
            mention = MentionCandidate(article_id=article.id, start=start, end=end, text=article.text[start:end], label=label)
            added.append(_Item(len(items) + len(added), article, mention, key, label))
    return added


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")


def _lower_case_words(articles: Sequence[Article]) -> set[str]:
    """The words the articles write in lower case ("measles", "young")."""
    return {w for a in articles for w in _LOWER_WORD.findall(a.text)}


def _surname_forms(items: list[_Item], forms: dict[str, tuple[str, str]], lowered: set[str] | frozenset[str]) -> list[tuple[str, str]]:
    """The surnames of the story's people named in full that the tagger never found alone ("Marsh" after
    "Norvik chief executive Helena Marsh", untagged in "Marsh said ..."), as written, with their keys: each a
    mention wherever it stands alone (:func:`_propagate_names`).  Not a surname written as a word of the story in
    lower case too ("Young", "May", "Rice" with "young", "may", "rice"), nor one not written as a person's
    name."""
    found: dict[str, str] = {}
    for item in items:
        if item.label != "PERSON" or item.mention.kind != "name":
            continue
        given, surname = person_name_parts(item.mention.text)
        words = item.mention.text.split()
        if not given or not surname or len(words) < 2:
            continue
        form = " ".join(words[-len(surname.split()):])
        if form in forms or len(form) < 3 or not form[:1].isupper() or not written_as_a_person(form):
            continue
        found.setdefault(form, normal_name(form))
    return sorted((form, key) for form, key in found.items() if form.lower() not in lowered)


_WORD_AFTER = re.compile(r"[ \t]+[^\W\d_a-z]")
#: the word before a name, and what stands before that word: the start of the text or of a sentence, or more
_WORD_BEFORE = re.compile(r"(?:(?P<opening>\A|[.!?:;\"“”(\n])\s*|\s)(?P<word>[^\W\d_][\w'’.-]*)[ \t]+\Z")
_SURNAME_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr."})


def _capitalised_word_next(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a longer capitalised name: a capitalised word right after it
    ("Marsh Street"), or right before it other than an honorific or a sentence's first word ("John Marsh", not
    "Ms Marsh" or "Later Marsh said")."""
    if _WORD_AFTER.match(text, end, min(len(text), end + 3)):
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None or not before.group("word")[:1].isupper():
        return False
    return before.group("opening") is None and before.group("word").lower() not in _SURNAME_HONORIFICS


@lru_cache(maxsize=4)
def _group_pattern(groups: frozenset[str]) -> re.Pattern[str]:
    """The listed group words, capitalised, as whole words; gated on their first letters
    (:func:`~storylens.extract.regex_gates.gated`: the same matches, found faster)."""
    return gated(re.compile(r"\b(" + "|".join(sorted((re.escape(g.capitalize()) for g in groups), key=len, reverse=True))
                            + r")\b"))


def _type_group(label: str) -> str:
    return "PLACE" if label in ("GPE", "LOC") else label


def _merge_given_name_forms(items: list[_Item], uf: UnionFind, lowered: set[str] | frozenset[str] = frozenset()
                            ) -> None:
    """A full name whose first given name is a short form ("Chris Coons") joins the one full name of the same
    surname whose first given name that short form stands for ("Christopher Coons", "Christopher A. Coons";
    `data/given_names.toml`); none joins when the story has two such ("Christopher Coons", "Christine Coons").
    A full name after a word the story writes in lower case, no listed given name, joins that full name alone
    ("Comedian Ellen DeGeneres" / "Ellen DeGeneres", with "the comedian" in the text)."""
    short_forms = lexicon().short_forms
    persons = [i for i in items if i.label == "PERSON"]
    by_key: dict[str, int] = {}
    for item in persons:
        by_key.setdefault(item.key, item.index)
    for item in persons:
        first, _, rest = item.key.partition(" ")
        if len(rest.split()) >= 2 and rest in by_key and _describes(first, lowered):
            uf.union(by_key[rest], item.index)
    parts = {i.index: person_name_parts(i.mention.text) for i in persons}
    by_name: dict[tuple[str, str], set[int]] = defaultdict(set)  # (first given name, surname) -> roots
    for item in persons:
        given, surname = parts[item.index]
        if given and surname:
            by_name[(given[0], surname)].add(item.index)
    _merge_middle_names(by_name, parts, uf)
    for (first, surname), members in list(by_name.items()):
        formal = short_forms.get(first)
        if not formal:
            continue
        targets = {uf.find(i) for name in formal for i in by_name.get((name, surname), ())}
        if len(targets) == 1:
            target = next(iter(targets))
            for index in members:
                uf.union(target, index)


def _merge_middle_names(by_name: dict[tuple[str, str], set[int]], parts: dict[int, tuple[tuple[str, ...], str]],
                        uf: UnionFind) -> None:
    """A full name without a middle name joins the full names of that first given name and surname that add one
    ("Dana Orwell" / "Dana K. Orwell" / "Dana Kay Orwell"): the middle names of these agree, word for word or
    as an initial of the word.  None joins when they do not ("George W. Bush" and "George H. W. Bush": the
    plain "George Bush" is either)."""
    for (first, surname), members in by_name.items():
        middles = {parts[i][0][1:] for i in members}
        written = [tuple(w.rstrip(".") for w in m) for m in middles if m]
        if not written or len(middles) < 2:
            continue
        if any(not w.isalpha() or w in (first, surname) for m in written for w in m):
            continue  # "Esther Williams - Esther Williams" (a page's title run together): no middle name
        if all(len(a) == len(b) and all(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
                                        for x, y in zip(a, b, strict=True))
               for a in written for b in written):
            kept, *rest = sorted(members)
            for index in rest:
                uf.union(kept, index)


def _merge_written_alike(items: list[_Item], uf: UnionFind) -> None:
    """Persons' names of the same letters, apart from the spaces, hyphens and full stops between them, are one name
    ("Kim Jong Un" / "Kim Jong-un", "H.R. McMaster" / "H. R. McMaster"); so are bodies' and things' names of
    kinds that fit (:func:`_kinds_fit`: "G-7" a product, "G7" a body; not "A-1" a road, "A1" a sauce)."""
    by_letters: dict[str, int] = {}
    others: dict[tuple[str, str], int] = {}
    written_whole: list[_Item] = []  # bodies' and things' names with no space, hyphen or full stop in them
    for item in items:
        if item.label == "PERSON":
            if len(item.key.split()) >= 2:
                letters = _BETWEEN_LETTERS.sub("", item.key)
                uf.union(by_letters.setdefault(letters, item.index), item.index)
        elif _BETWEEN_LETTERS.search(item.key):
            # "G-7" / "G7", "Vel-Mart" / "VelMart": a body's or a thing's name written with and without a hyphen
            # or a space
            letters = _BETWEEN_LETTERS.sub("", item.key)
            if len(letters) >= 3 or _has_digit(letters):  # not "U.S." / "US": its aliases join it
                others.setdefault((letters, _KIND_OF_TYPE.get(item.label, "thing")), item.index)
        else:
            written_whole.append(item)
    for item in written_whole:
        kind = _KIND_OF_TYPE.get(item.label, "thing")
        for other in ("body", "place", "thing"):
            if (item.key, other) in others and _kinds_fit(kind, other):
                uf.union(others[(item.key, other)], item.index)


#: the kind of thing each of the tagger's types names, for names written alike ("G-7" / "G7")
_KIND_OF_TYPE = {"PERSON": "person", "ORG": "body", "NORP": "body", "GPE": "place", "LOC": "place", "FAC": "place"}


def _kinds_fit(a: str, b: str) -> bool:
    """Whether two names of these kinds may name one thing: of one kind, or a body and a place (a country's group,
    "G-7" typed a place) or a body and a thing (a group typed a product), never a place and a thing (a road "A-1",
    a sauce "A1") nor a person and another."""
    return a == b or "body" in (a, b) and "person" not in (a, b)


_BETWEEN_LETTERS = re.compile(r"[\s.\-‐–]+")


def _merge_spelling_variants(items: list[_Item], uf: UnionFind) -> None:
    """One person's full name spelt two ways by two outlets joins: the same surname and first given names that are
    one name spelt two ways ("Karolos" / "Carolos", "Qasem" / "Qassem", "Betty" / "Bettie": :func:`_spelt_alike`),
    or the same given names and surnames spelt two ways ("Andrew Wetzler" / "Andrew Welzler"); and a name whose
    first given name is an initial joins the name it goes by ("H. Dale Hall" / "Dale Hall").  Only where no
    article writes both (an article that names "Mark Holt" and "Mary Holt" names two people; but "Bettie Page, born
    Betty Mae Page" is one), the middle names do not differ, and each of the two forms has no other such match in
    the story."""
    persons = [i for i in items if i.label == "PERSON"]
    parts = {i.index: person_name_parts(i.mention.text) for i in persons}
    forms: dict[tuple[str, str], set[int]] = defaultdict(set)  # (called given name, surname) -> items
    middles: dict[tuple[str, str], set[tuple[str, ...]]] = defaultdict(set)
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in persons:
        given, surname = parts[item.index]
        if not given or not surname or " " in surname or not surname.isalpha():
            continue
        called, rest = given[0], given[1:]
        if _initial(called) and rest and not _initial(rest[0]):
            called, rest = rest[0], rest[1:]  # "H. Dale Hall" goes by Dale
        if not called.isalpha():
            continue
        key = (called, surname)
        forms[key].add(item.index)
        middles[key].add(tuple(w.rstrip(".") for w in rest))
        articles[key].add(item.article.id)
    by_index = {i.index: i for i in persons}
    for key, members in forms.items():
        # the written forms of one name ("H. Dale Hall", "Dale Hall"), unless one article writes both
        initialled = {by_index[i].article.id for i in members if _initial(parts[i][0][0])}
        plain = {by_index[i].article.id for i in members if not _initial(parts[i][0][0])}
        if initialled and not initialled & plain and _same_middles(middles[key], set()):
            first, *others = sorted(members)
            for index in others:
                uf.union(first, index)
    keys = sorted(forms)
    pairs = [(a, b) for n, a in enumerate(keys) for b in keys[n + 1:]
             if (a[1] == b[1] and _spelt_alike(a[0], b[0]) or a[0] == b[0] and _spelt_alike(a[1], b[1], surname=True))
             and (not articles[a] & articles[b] or a[1] == b[1] and _y_or_ie(a[0], b[0]))
             and _same_middles(middles[a], middles[b])]
    matches = Counter(key for pair in pairs for key in pair)
    for a, b in pairs:
        if matches[a] == 1 and matches[b] == 1:
            uf.union(min(forms[a]), min(forms[b]))


def _initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def _same_middles(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> bool:
    """Whether the middle names written with two forms of a name agree: none on one side, or the same."""
    written = {m for m in a | b if m}
    return len(written) <= 1


def _spelt_alike(a: str, b: str, surname: bool = False) -> bool:
    """Whether two given names (or, with ``surname``, two surnames) are one name spelt two ways: one ending on "y"
    where the other ends on "ie" ("Betty" / "Bettie"), or one letter added, left out or changed in a name of four
    letters or more (five for a surname: "Wetzler" / "Welzler"), or two letters side by side swapped; a first
    letter changed but never added or left out ("Karolos" / "Carolos", not "Elisa" / "Lisa"); not where the two
    are different listed given names or short forms ("Mary" / "Mark" is listed)."""
    if a == b:
        return False
    if _y_or_ie(a, b):
        return True
    if min(len(a), len(b)) < (5 if surname else 4) or a[0] != b[0] and len(a) != len(b):
        return False
    known = lexicon().given_names
    if not surname and a in known and b in known:
        return False
    return _one_edit(a, b)


def _y_or_ie(a: str, b: str) -> bool:
    """Whether two given names are one written with "y" and with "ie" at its end ("Betty" / "Bettie"): one name,
    even in one article ("Bettie Page, born Betty Mae Page")."""
    return a.endswith("y") and b == a[:-1] + "ie" or b.endswith("y") and a == b[:-1] + "ie"


def _one_edit(a: str, b: str) -> bool:
    """One letter added, left out or changed, or two neighbours swapped, turns ``a`` into ``b``."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    start = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) == len(b):
        if a[start + 1:] == b[start + 1:]:
            return True
        return a[start + 2:] == b[start + 2:] and a[start:start + 2] == b[start:start + 2][::-1]
    return a[start:] == b[start + 1:]


def _describes(word: str, lowered: set[str] | frozenset[str]) -> bool:
    """Whether a word before a full name is a description glued to it ("Comedian" of "Comedian Ellen DeGeneres"):
    the story writes it in lower case too ("the comedian"), and it is no listed given name."""
    return word.lower() in lowered and fold(word) not in lexicon().given_names


def _merge_surnames(items: list[_Item], uf: UnionFind) -> None:
    """A surname alone joins the one full name that has it, the same article first.  Surnames as
    :func:`~storylens.align.names.person_name_parts` reads them: "De Jong" / "Eelco de Jong", "von der Leyen" /
    "Ursula von der Leyen", "Okonjo-Iweala" / "Ngozi Okonjo-Iweala"; a surname's last word alone ("Leyen")
    joins when no full name has it as its whole surname."""
    persons = [i for i in items if i.label == "PERSON"]
    parts = {i.index: person_name_parts(i.mention.text) for i in persons}
    full = defaultdict(set)  # surname -> roots of full-name clusters
    full_by_article = defaultdict(set)
    last_word = defaultdict(set)  # the last word of a surname of several ("leyen") -> roots
    last_word_by_article = defaultdict(set)
    for item in persons:
        given, surname = parts[item.index]
        if given and surname and not _STORM_OPENING.match(fold(item.mention.text)):
            # (a nickname, "Hurricane Brennan", is no other full name of that surname)
            root = uf.find(item.index)
            full[surname].add(root)
            full_by_article[(surname, item.article.id)].add(root)
            if " " in surname:
                last_word[surname.split()[-1]].add(root)
                last_word_by_article[(surname.split()[-1], item.article.id)].add(root)
    for item in persons:
        given, surname = parts[item.index]
        if given or not surname:
            continue
        target: set[int] = set()
        for by_article, anywhere in ((full_by_article, full), (last_word_by_article, last_word)):
            local = {uf.find(r) for r in by_article.get((surname, item.article.id), set())}
            every = {uf.find(r) for r in anywhere.get(surname, set())}
            target = local if len(local) == 1 else every if len(every) == 1 else set()
            if target or every:
                break
        if target:
            uf.union(next(iter(target)), item.index)


def _merge_given_names(items: list[_Item], uf: UnionFind, lowered: set[str] | frozenset[str]) -> None:
    """A first name alone ("Hillary", "Bernie" in a quotation, "'little' Marco") joins the one full name that
    begins with it in its article, when every article that writes the first name alone writes that same full name
    and no other that begins with it ("Oscar", the award the tagger took for a person, does not join "Oscar
    Maximillian" of one article; "Steve" beside "Steve Jobs" and "Steve Ballmer" joins neither), it is no full
    name's surname, the story never writes it in lower case ("Bill", "Hope") and nothing but one-word names are in
    its cluster."""
    persons = [i for i in items if i.label == "PERSON"]
    parts = {i.index: person_name_parts(i.mention.text) for i in persons}
    surnames: set[str] = set()
    starting_by_article: dict[tuple[str, str], set[int]] = defaultdict(set)  # (first given name, article) -> roots
    for item in persons:
        given, surname = parts[item.index]
        if given and surname:
            surnames.add(surname)
            starting_by_article[(given[0], item.article.id)].add(uf.find(item.index))
    if not starting_by_article:
        return
    with_full_names = {uf.find(i.index) for i in persons if parts[i.index][0]}
    clusters: dict[int, list[_Item]] = defaultdict(list)  # the clusters of one-word names alone
    for item in persons:
        if not parts[item.index][0] and uf.find(item.index) not in with_full_names:
            clusters[uf.find(item.index)].append(item)
    for members in clusters.values():
        words = {parts[m.index][1] for m in members}
        word = next(iter(words))
        if len(words) != 1 or not word or " " in word or word in surnames or word in lowered:
            continue
        targets = {frozenset(uf.find(r) for r in starting_by_article.get((word, m.article.id), ())) for m in members}
        if len(targets) == 1 and len(target := next(iter(targets))) == 1:
            uf.union(next(iter(target)), members[0].index)


def _merge_organisation_forms(items: list[_Item], uf: UnionFind) -> None:
    """ "Ford Motor Company" / "Ford Motor Co." / "Ford"; "Indianapolis Colts" / "Colts"; "U.S. Food and Drug
    Administration" / "Food and Drug Administration"; "Department of Justice" / "Justice Department".

    Legal suffixes are ignored, and so is the order of a department's or ministry's head and portfolio, and a
    portfolio of two words named alone ("Homeland Security") is the one body of the story with it; a country before a name of two words or more is too, when the story puts no other
    country before that name; a one-word name joins the one longer organisation name of the story that starts or
    ends with it (not a generic first word such as "United").
    """
    orgs = [i for i in items if i.label == "ORG"]
    by_base: dict[str, int] = {}
    for item in orgs:
        base = without_legal_suffix(item.key)
        if base in by_base:
            uf.union(by_base[base], item.index)
        else:
            by_base[base] = item.index
    # "Department of Justice" and "Justice Department", "Ministry of Defence" and "Defence Ministry"
    reordered: dict[str, int] = {}
    portfolios: dict[str, set[int]] = defaultdict(set)  # "homeland security" -> the bodies of that portfolio
    for base, idx in by_base.items():
        turned = _BODY_OF.sub(lambda m: f"{m.group(2)} {m.group(1)}", base)
        if turned in reordered:
            uf.union(reordered[turned], idx)
        else:
            reordered[turned] = idx
        body = _BODY_OF.match(base)
        if body is not None:
            portfolios[body.group(2)].add(idx)
    # "Homeland Security" (of "Homeland Security Secretary Alejandro Mayorkas") and "Department of Homeland
    # Security": a portfolio of two words named alone is the story's one body of that portfolio
    for portfolio, bodies in portfolios.items():
        if " " in portfolio and portfolio in by_base and len({uf.find(i) for i in bodies}) == 1:
            uf.union(next(iter(bodies)), by_base[portfolio])
    # "U.S. Food and Drug Administration", "US Food and Drug Administration" and "Food and Drug Administration":
    # a country before a name of two words or more, when the story puts only that country before it
    countries: dict[str, set[str]] = defaultdict(set)
    prefixed: dict[str, list[int]] = defaultdict(list)
    known = known_place_names()
    for base, idx in by_base.items():
        first, _, rest = base.partition(" ")
        country = alias_key(first) or (fold(first) if fold(first) in known else None)
        if country and len(rest.split()) >= 2:
            # in either order of a body's head and portfolio: "US Department of Defense" / "Defense Department"
            rest = _BODY_OF.sub(lambda m: f"{m.group(2)} {m.group(1)}", rest)
            countries[rest].add(country)
            prefixed[rest].append(idx)
    for rest, members in prefixed.items():
        if len(countries[rest]) == 1 and (len(members) > 1 or rest in reordered):
            for idx in [*members[1:], *([reordered[rest]] if rest in reordered else [])]:
                uf.union(members[0], idx)
    multi = {base: idx for base, idx in by_base.items() if len(base.split()) >= 2}
    # the story's places, and the first words of its places of several words ("Carvale" of "Carvale county")
    places = {i.key for i in items if i.label in ("GPE", "LOC")}
    places |= {key.split()[0] for key in places if " " in key}
    for base, idx in list(by_base.items()):
        if len(base.split()) != 1 or base in GENERIC_FIRST_WORDS or as_acronym(base.upper()) and len(base) <= 3:
            continue
        # a place's name does not join the organisation named after it ("in Carvale" / "Carvale Families for
        # Choice"), nor does the word after a preposition ("Choice", "America" of "Bank of America")
        # nor does a body join a committee or office of its own ("Senate" / "Senate Environment Committee", "House
        # Select Committee on Energy")
        firsts = {uf.find(i) for b, i in multi.items() if b.split()[0] == base and base not in places
                  and not set(b.split()) & _PART_HEADS}
        lasts = {uf.find(i) for b, i in multi.items() if b.split()[-1] == base and b.split()[-2] not in _NAME_GLUE}
        # a chamber's word is that chamber ("the House voted", "House Speaker Ann Lee"), not a building or office
        # named with it ("White House"), whether or not the story names Congress or the Senate; "U.S. House" is it
        if base in _CHAMBERS:
            lasts = {c for c in lasts if any(set(b.split()) & _LEGISLATURES or _place_before(b, places)
                                             for b, i in multi.items() if uf.find(i) == c)}
        candidates = firsts | lasts
        if len(candidates) == 1:
            uf.union(next(iter(candidates)), idx)


#: "department of justice": a body's head noun before "of" and its one- or two-word portfolio, which may be written
#: before it as well ("justice department")
_BODY_OF = re.compile(r"^(department|ministry|office|secretariat) of (?:the )?([a-z]+(?: [a-z]+)?)$")

#: the head nouns of a part of a body named after the body ("Senate Environment Committee", "House Judiciary
#: Subcommittee"; not "department": "Interior" / "Interior Department" is one body), or of another body named after
#: it ("Capitol Police" guards the Capitol, the "Ford Foundation" is not Ford)
_PART_HEADS = frozenset({"committee", "subcommittee", "caucus", "panel", "police", "foundation"})

def _place_before(name: str, places: set[str]) -> bool:
    """Whether the words of a name before its last are a place's ("U.S. House", "Texas Senate")."""
    words = name.split()[:-1]
    before = " ".join(words)
    return bool(words) and (alias_key(before) is not None or before in places or before in known_place_names())


#: one-word names of a legislature's chamber ("the House", "the Assembly")
_CHAMBERS = frozenset({"house", "senate", "assembly", "chamber", "commons", "lords"})

#: words that name a legislature or one of its chambers ("Congress", "House of Representatives", "Senate")
_LEGISLATURES = frozenset({"congress", "senate", "representatives", "parliament", "legislature", "commons", "lords",
                           "assembly"})

#: a body's head noun after its portfolio ("Justice Department", "Defence Ministry")
_BODY_HEADS = frozenset({"department", "ministry", "office", "secretariat"})

#: words inside organisations' names before a last word that is not their head ("Bank of America")
_NAME_GLUE = frozenset({"of", "for", "on", "in", "and", "&", "the", "de", "du", "des", "la", "le", "to", "against"})


def _merge_acronyms_and_aliases(items: list[_Item], uf: UnionFind) -> None:
    long_forms: dict[tuple[str, str], set[int]] = defaultdict(set)
    # "United Nations General Assembly" under ("ORG", "un", "general assembly"): a name whose first words' initials
    # and rest an acronym-led name ("U.N. General Assembly") writes
    led_forms: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    aliases: dict[tuple[str, str], int] = {}
    for item in items:
        group = _type_group(item.label)
        if group not in ("ORG", "PLACE", "FAC", "EVENT", "LAW", "MISC"):
            continue
        # "Justice Department's Office of Legal Counsel" is "OLC" as well: the initials of the name after a possessive
        owned = re.split(r"['’]s\s+", item.mention.text, maxsplit=1)
        for form in {item.mention.text, owned[-1]}:
            initials = acronym_of(form)
            if initials:
                long_forms[(group, initials)].add(uf.find(item.index))
        words = item.mention.text.split()
        for cut in range(2, len(words)):
            initials = acronym_of(" ".join(words[:cut]))
            if initials and as_acronym(words[0]) is None:
                led_forms[(group, initials, normal_name(" ".join(words[cut:])))].add(uf.find(item.index))
        alias = alias_key(item.mention.text)
        if alias:
            if (group, alias) in aliases:
                uf.union(aliases[(group, alias)], item.index)
            else:
                aliases[(group, alias)] = item.index
    for item in items:
        group = _type_group(item.label)
        short = as_acronym(item.mention.text)
        words = item.mention.text.split()
        if not short and len(words) > 1 and (led := as_acronym(words[0])):
            # "U.N. General Assembly" is the one "United Nations General Assembly" of the story
            roots = {uf.find(r) for r in led_forms.get((group, led, normal_name(" ".join(words[1:]))), set())}
            if len(roots) == 1:
                uf.union(next(iter(roots)), item.index)
        if not short:
            continue
        roots = {uf.find(r) for r in long_forms.get((group, short), set())}
        if len(roots) == 1:
            uf.union(next(iter(roots)), item.index)


def _merge_demonyms(items: list[_Item], uf: UnionFind) -> None:
    places: dict[str, int] = {}
    for item in items:
        if item.label in ("GPE", "LOC"):
            places.setdefault(item.key, item.index)
    aliased = {alias_key(key) or key: idx for key, idx in places.items()}
    for item in items:
        if item.label != "NORP" or is_group_word(item.key):
            continue
        matches = {uf.find(idx) for key, idx in places.items() if demonym_place(item.key, key)}
        alias = alias_key(item.key)
        if not matches and alias and alias in aliased:
            matches = {uf.find(aliased[alias])}  # "U.S. citizens" tagged a group: the place "United States"
        if len(matches) == 1:
            uf.union(next(iter(matches)), item.index)


_HEDGE = r"(?:also|popularly|commonly|often|better|widely|locally|sometimes)"
_KNOWN_AS = rf"(?:{_HEDGE}\s+)?(?:known|referred\s+to)\s+as|{_HEDGE}\s+called"  # not a bare "called" ("Obama called Putin")
_OPEN, _CLOSE = r"[\"“‘']?", r"[\"”’']?"
#: what may stand between a name and its other name: a bracket, "known as" (in brackets or after a comma), quotes
_RENAMING_BETWEEN = re.compile(
    rf"\s*(?:\(\s*(?P<bracket>(?:{_KNOWN_AS}|called)\s+(?:the\s+)?)?|,\s+(?:{_KNOWN_AS})\s+(?:the\s+)?){_OPEN}\Z"
)
_RENAMING_AFTER = re.compile(rf"{_CLOSE}\s*\)")


def _merge_renamings(items: list[_Item], uf: UnionFind) -> None:
    """ "the Sinti (Travellers)", "Roma (popularly known as 'Gypsies')", "the Sami, also known as Lapps".

    A name followed by another name of the same type, in brackets or after "known as", is one entity.  A bare
    bracket renames groups only: "Paris (France)", "Ford (Reuters)" locate or credit instead.
    """
    by_article: dict[str, list[_Item]] = defaultdict(list)
    person_keys: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        by_article[item.article.id].append(item)
        if item.label == "PERSON":
            person_keys[item.key].append(item)
    for members in by_article.values():
        members.sort(key=lambda i: i.mention.start)
        for first, second in zip(members, members[1:], strict=False):
            if first.label == "ORG" and second.label == "PERSON" and _bare_name(second, person_keys):
                # "Johnson & Johnson (Janssen)": a one-word "person" that the story names nowhere as a person (no
                # role, no title, no full name), in brackets right after an organisation, is its other name
                if re.fullmatch(r"\s*\(\s*", first.article.text[first.mention.end:second.mention.start]) \
                        and _RENAMING_AFTER.match(first.article.text, second.mention.end):
                    uf.union(first.index, second.index)
                continue
            if _type_group(first.label) != _type_group(second.label) or first.label == "MISC":
                continue
            text = first.article.text
            between = _RENAMING_BETWEEN.match(text, first.mention.end, second.mention.start)
            if between is None or second.mention.start - first.mention.end > 40:
                continue
            known_as = "(" not in between.group(0) or between.group("bracket")
            if "(" in between.group(0) and not _RENAMING_AFTER.match(text, second.mention.end):
                continue
            if known_as and _type_group(first.label) != "PLACE" or first.label == "NORP":
                uf.union(first.index, second.index)


def _merge_illness_names(items: list[_Item], uf: UnionFind) -> None:
    """ "Guillain-Barré" (of "Guillain-Barré syndrome", the tagger leaving out the lower-case noun) and
    "Guillain-Barré Syndrome": an illness's name without its last word, a noun of an illness, is the same
    illness, when the story has one such name."""
    longer: dict[str, set[int]] = defaultdict(set)
    for item in items:
        words = item.key.split()
        if item.label == "MISC" and len(words) >= 2 and words[-1] in ILLNESS_HEADS:
            longer[" ".join(words[:-1])].add(uf.find(item.index))
        elif item.label == "MISC" and (bare := _NUMBERED.sub("", item.key)) != item.key and bare:
            longer[bare].add(uf.find(item.index))  # "COVID" of "COVID-19": the name without its year or number
    for item in items:
        roots = longer.get(item.key)
        if item.label == "MISC" and roots is not None and len({uf.find(r) for r in roots}) == 1:
            uf.union(next(iter(roots)), item.index)


#: a number ending an illness's name ("COVID-19", "H5N1-2024")
_NUMBERED = re.compile(r"-\d+$")


def _bare_name(item: _Item, person_keys: dict[str, list[_Item]]) -> bool:
    """Whether a one-word name typed a person is never given a role, a personal title or a first name in the
    story."""
    if " " in item.key:
        return False
    if any(m.mention.roles or "personal_title" in m.mention.evidence for m in person_keys[item.key]):
        return False
    return not any(k != item.key and k.split()[-1] == item.key for k in person_keys)


def _resolve_titles(
    titles: list[tuple[Article, MentionCandidate]], clusters: dict[int, list[_Item]]
) -> dict[int, list[tuple[Article, MentionCandidate]]]:
    """Attach title-only mentions to the person clusters they refer to (unresolved ones are dropped)."""
    holders: dict[str, set[int]] = defaultdict(set)  # folded title -> person clusters
    holders_by_article: dict[tuple[str, str], set[int]] = defaultdict(set)
    heads: dict[int, set[str]] = defaultdict(set)
    affiliations: dict[int, set[str]] = defaultdict(set)  # the organisations or places of a person's roles
    qualified: dict[int, set[str]] = defaultdict(set)  # the heads of titles with words before them ("Team owner")
    for root, members in clusters.items():
        if members[0].label != "PERSON" and not any(m.label == "PERSON" for m in members):
            continue
        for member in members:
            for role in member.mention.roles:
                if not role.title:
                    continue
                title = _title_key(role.title)
                holders[title].add(root)
                holders_by_article[(title, member.article.id)].add(root)
                if not set(title.split()[:-1]) & _OTHER_POST_WORDS:
                    heads[root].add(title.split()[-1])  # not "vice president": "the president" is someone else
                if role.organisation:
                    affiliations[root].add(role.organisation)
                if len(title.split()) > 1:
                    qualified[root].add(title.split()[-1])
    # the names of each body of the story, to its cluster: "Brightco" and "Brightco Inc." name one body
    bodies: dict[str, set[int]] = defaultdict(set)
    for root, members in clusters.items():
        if members[0].label != "PERSON":
            for member in members:
                bodies[normal_name(member.mention.text)].add(root)

    def one_body(qualifier: str, organisation: str) -> bool:
        return same_body(qualifier, organisation) or bool(bodies.get(normal_name(qualifier), set())
                                                          & bodies.get(normal_name(organisation), set()))

    attached: dict[int, list[tuple[Article, MentionCandidate]]] = defaultdict(list)
    person_positions = sorted(
        ((m.article.id, m.mention.start, root) for root, members in clusters.items() for m in members if m.label == "PERSON"),
    )
    for article, mention in titles:
        key = _title_key(mention.title_key or "")
        target: int | None = None
        qualifier = _proper_qualifier(mention.organisation)

        def fits(roots: set[int], qualifier: str | None = qualifier, after: bool = mention.organisation_after,
                 thing: str | None = mention.title_of, head: str | None = mention.title_head) -> set[int]:
            # "the Ukrainian president", "the Democratic leader": a title qualified by a name belongs only to a
            # holder one of whose roles names that body or place, never to a president or leader of another
            if thing is not None:
                # "the owner of the burned house", "the owner of the car": a title of a thing is no post of a body, so
                # not the title of a holder whose roles name a body or qualify that title ("Team owner Ray Dunn",
                # "Ray Dunn, the owner of Brightco"), only of one who holds the bare title ("the host of the show"
                # of a host named as such, whatever else she is: "an Emmy winner")
                return {r for r in roots if not affiliations.get(r) and head not in qualified.get(r, ())}
            if qualifier is None:
                return roots
            if after:
                # "the spokeswoman for Norvel", "the host of the Harwick Film Awards": a holder whose roles name no body,
                # or that one, not the spokeswoman of another body
                # (a body named in a shorter form, "the spokeswoman for Brightco" of "Brightco Inc.", is that body)
                return {r for r in roots if not affiliations.get(r)
                        or any(one_body(qualifier, o) for o in affiliations[r])}
            return {r for r in roots if any(same_body(qualifier, o) for o in affiliations.get(r, ()))}

        if key and key != mention.title_head:
            local = fits(holders_by_article.get((key, article.id), set()))
            anywhere = fits(holders.get(key, set()))
            chosen = local if len(local) == 1 else anywhere if len(anywhere) == 1 else set()
            if chosen:
                target = next(iter(chosen))
        if target is None and mention.title_head:
            before = [
                root for art, start, root in person_positions
                if art == article.id and start < mention.start and mention.title_head in heads.get(root, set())
                and fits({root})
            ]
            if before and key == mention.title_head:
                target = before[-1]
        if target is not None:
            attached[target].append((article, mention))
    return attached


#: words before a title's head that make it another post than the head's ("vice president", "deputy minister",
#: "former president"): the bare title ("the president") never stands for its holder
_OTHER_POST_WORDS = frozenset({"vice", "deputy", "assistant", "associate", "lieutenant", "former", "ex", "co",
                               "under", "sub"})


def _proper_qualifier(organisation: str | None) -> str | None:
    """The name that qualifies a title-only mention ("Ukrainian" of "the Ukrainian president", "France" of
    "France's Interior Minister"), or None when there is none or it is a common noun ("the company's")."""
    if not organisation:
        return None
    words = organisation.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) if words and words[0][:1].isupper() else None


def _title_key(title: str) -> str:
    return " ".join(w for w in fold(title).replace("-", " ").split() if w not in ("the", "a", "an"))


def _build_entities(
    clusters: dict[int, list[_Item]], attached: dict[int, list[tuple[Article, MentionCandidate]]],
    lowered: set[str] | frozenset[str] = frozenset(),
) -> list[Entity]:
    entities: list[Entity] = []
    # "French Prime Minister": a role's country is given as its place ("France"), as the story names it
    places: dict[str, str] = {}
    for members in clusters.values():
        label = _cluster_type(members)
        if label in ("GPE", "LOC"):
            name = _canonical_name(members, label, lowered)
            places.update({fold(m.mention.text): name for m in members})
            places.update({fold(d): name for d in lexicon().demonyms.get(name, ())})
    place_names = sorted(set(places.values()))

    def as_place(organisation: str | None) -> str | None:
        if not organisation:
            return organisation
        key = fold(organisation)
        found = places.get(key) or next((p for p in place_names if demonym_place(organisation, p)), None)
        return found or organisation

    for root, members in clusters.items():
        label = _cluster_type(members)
        name = _canonical_name(members, label, lowered)
        spans: dict[tuple[str, int, int], Span] = {}
        for member in members:
            spans[(member.article.id, member.mention.start, member.mention.end)] = _span(member.article, member.mention.start, member.mention.end)
        for article, mention in attached.get(root, []):
            spans[(article.id, mention.start, mention.end)] = _span(article, mention.start, mention.end)
        roles: dict[tuple, Role] = {}
        for member in members:
            for role in member.mention.roles:
                organisation = as_place(role.organisation)
                key = (fold(role.title or ""), fold(organisation or ""), member.article.id)
                if key in roles:
                    continue
                roles[key] = Role(
                    title=role.title or "",
                    organisation=organisation,
                    article_id=member.article.id,
                    date=member.article.published.value if member.article.published else None,
                    span=_span(member.article, role.start, role.end),
                )
        ordered = sorted(spans.values(), key=lambda s: (s.article_id, s.start))
        aliases = sorted({s.text for s in ordered} - {name})
        articles = sorted({s.article_id for s in ordered})
        entities.append(
            Entity(
                id="",
                name=name,
                type=label,
                roles=sorted(roles.values(), key=lambda r: (r.date or "", r.article_id, r.span.start)),
                mentions=ordered,
                aliases=aliases,
                articles=articles,
            )
        )
    entities.sort(key=lambda e: (_TYPE_ORDER.get(e.type, 9), -len(e.articles), -len(e.mentions), e.name))
    used: set[str] = set()
    for entity in entities:
        base = re.sub(r"[^a-z0-9]+", "-", fold(entity.name)).strip("-") or "entity"
        ident, n = base, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        entity.id = ident
    return entities


def _cluster_type(members: list[_Item]) -> str:
    labels: dict[str, int] = {}  # counted by hand: a Counter per cluster cost more than the counting
    for m in members:
        labels[m.label] = labels.get(m.label, 0) + 1
    places, areas = labels.get("GPE", 0), labels.get("LOC", 0)
    if places or areas:
        # a place keeps its place type even when demonyms ("French") joined it
        return "GPE" if places >= areas else "LOC"
    return max(labels, key=labels.__getitem__)  # the most frequent, the first met on a tie (as most_common)


def _canonical_name(members: list[_Item], label: str, lowered: set[str] | frozenset[str] = frozenset()) -> str:
    names = [m.mention.text for m in members if not (label in ("GPE", "LOC") and m.label == "NORP")]
    names = names or [m.mention.text for m in members]
    if label in ("GPE", "LOC"):
        # "Kentucky", not "Ky." (a state's abbreviation, "R-Ky."), however often the abbreviation is met
        states = lexicon().state_abbreviations
        names = [n for n in names if normal_name(n) not in states] or names
    counts = Counter(names)
    if label == "PERSON":
        # "Comedian Ellen DeGeneres" beside "Ellen DeGeneres", with "the comedian" in the text: a word the story
        # writes in lower case before a full name of the person is a description, no part of the name
        names = [n for n in counts
                 if not ((rest := n.split(" ", 1)[1:]) and rest[0] in counts and len(rest[0].split()) >= 2
                         and _describes(n.split()[0], lowered))] or list(counts)
        # "Dale Brennan", not his nickname "Hurricane Brennan" (a storm's word before his surname)
        names = [n for n in names if not _STORM_OPENING.match(fold(n))] or names
        name = max(names, key=lambda n: (len(name_tokens(n)), counts[n], len(n)))
        shared = next((m.shared_surname for m in members if m.shared_surname), None)
        if shared and len(name_tokens(name)) == 1:
            return f"{name} {shared}"  # "Charles" of "Charles and David Koch" is Charles Koch
        return name
    if label == "FAC":
        # "Harwick Street", not "Harwick street" (a street's noun in lower case taken into its name, "Main street"): of
        # forms alike but for their letters' case, the one not in capitals alone ("MAIN STREET") with the most
        # capitalised words, its small words in lower case ("Harwick Center for Arts")
        cased: dict[str, str] = {}
        for n in counts:
            best = cased.setdefault(n.lower(), n)
            if _casing_rank(n) > _casing_rank(best):
                cased[n.lower()] = n
        if len(cased) < len(counts):
            counts = Counter({form: sum(c for n, c in counts.items() if n.lower() == low) for low, form in cased.items()})
    non_acronyms = [n for n in counts if as_acronym(n) is None] or list(counts)
    # "Department of Justice", not "Justice Dept" (an abbreviation of headlines), however often that is met
    non_acronyms = [n for n in non_acronyms if not re.search(r"\bDept\b", n, re.I)] or non_acronyms
    top = max(non_acronyms, key=lambda n: (counts[n], len(n)))
    if label == "ORG":
        # "Homeland Security" (of "Homeland Security Secretary ...") most often, "Department of Homeland Security"
        # once: the body is named by its head and portfolio, in either order, not by its portfolio alone
        portfolio = normal_name(top)
        bodies = [n for n in non_acronyms if (m := _BODY_OF.match(normal_name(n))) is not None and m.group(2) == portfolio
                  or normal_name(n).startswith(portfolio + " ") and normal_name(n).split()[-1] in _BODY_HEADS
                  and len(normal_name(n).split()) == len(portfolio.split()) + 1]
        if bodies:
            return max(bodies, key=lambda n: (counts[n], len(n)))
    if label in ("ORG", "FAC"):
        # "Los Angeles Superior Court" once, "Superior Court" most often: the body by its fullest form, the most
        # frequent name with the capitalised words that qualify it before it
        fuller = [n for n in non_acronyms if n.endswith(" " + top) and _QUALIFIER.match(n[:-len(top) - 1])]
        if fuller:
            return max(fuller, key=lambda n: (counts[n], len(n)))
    return top


def _casing_rank(name: str) -> tuple[bool, int, int]:
    """How well a name's letters are cased, the higher the better: not in capitals alone, then how many of its words
    but its small ones (:data:`STOP_WORDS`: "of", "for") are capitalised, then how few of its small ones are."""
    words = name.split()
    small = [w[:1].isupper() for w in words if w.lower() in STOP_WORDS]
    return not name.isupper(), sum(w[:1].isupper() for w in words) - sum(small), -sum(small)


#: capitalised words before a name ("Los Angeles", "U.S."), no punctuation nor quotation marks between them
_QUALIFIER = re.compile(r"[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*)*\Z")


def _span(article: Article, start: int, end: int) -> Span:
    return Span(article_id=article.id, start=start, end=end, text=article.text[start:end])
