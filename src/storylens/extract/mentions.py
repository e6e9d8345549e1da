"""Entity mentions of one article: names from NER, the titles around them, and title-only mentions.

A pure function of ``(Article, Doc)``.  What it returns is per article; the story-level
view (one entity across sources, types corrected from the whole story) is
:mod:`storylens.align.entities`.

What it does beyond spaCy's NER:

- trims determiners and possessives off names ("the European Union" -> "European Union");
- drops portfolio words tagged as organisations inside titles ("Interior" in
  "Interior Minister Brice Hortefeux");
- splits a name at a bracket inside it ("Sinti (Travellers" -> "Sinti" + "Travellers");
- splits a name that swallowed a person named in full elsewhere in the article
  ("the European Parliament Jean Lambert" -> "European Parliament" + "Jean Lambert");
- runs a person's name the tagger ended on a surname particle on over the next word
  ("Ursula von der" + "Leyen" -> "Ursula von der Leyen");
- reads roles before names ("France's Interior Minister Claude Gueant"), in appositions
  ("Eric Besson, France's immigration minister") and affiliations ("Mark Lattimer from
  Minority Rights Group International");
- finds title-only mentions ("France's Immigration Minister said", "the minister") for
  the story level to resolve;
- records the context that tells a group or a place from a person (``evidence``), and a
  personal title next to a name ("Prime Minister Haruto Sato");
- types a person a name written as a person's with a title right before it or a personal title next to
  it, whatever the tagger typed it ("Norvik chief executive Helena Marsh", "Union organiser Eva Huber"),
  so that the title is its role, and an organisation a newspaper's name typed a law or a work ("Evening
  Post");
- gives a person named in a credit line the credit as role ("(Editing by Michael Roddy)":
  editing credit) and leaves out the other names there (see :mod:`storylens.extract.credits`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, IDX, IS_LOWER, LENGTH, LOWER, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..align.names import SURNAME_PARTICLES, is_body_word, person_name_parts, singular, written_as_a_person
from ..models import Article
from ..parse.dateline import datelines, datelines_within
from ..parse.pipeline import column_list, doc_columns, doc_ents, doc_text, ids_in, noun_chunk_bounds, sentence_of
from ..resources import lexicon
from .credits import CreditLines
from .quantities import lexicon as quantity_lexicon
from .quotes import SPEECH_FORMS, inverted_cue_verbs
from .timex import MONTHS, TIME_ZONES

#: spaCy labels that name entities (numbers, dates and times are other extractors' work).
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
_LOCATIVE_PREPS = frozenset(
    {"in", "from", "to", "near", "at", "across", "outside", "throughout", "into", "towards", "toward", "around"}
)
_AFFILIATION_PREPS = frozenset({"from", "of", "at", "with"})
_TITLE_GLUE = frozenset({"of", "for", "the", "and", "&"})
#: prepositions a title-case headline or a sentence may open with before a name ("Beneath Clinton's wins", "Despite
#: Trump"): a person's name never begins with one
_PREPOSITIONS = frozenset({"about", "above", "across", "after", "against", "amid", "amidst", "among", "around",
                           "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond",
                           "despite", "during", "except", "inside", "into", "near", "outside", "since", "through",
                           "throughout", "toward", "towards", "under", "unlike", "until", "upon", "within",
                           "without", "from", "with", "at", "for", "in", "on", "to", "by", "of", "as"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})


@dataclass
class RoleCandidate:
    title: str | None
    organisation: str | None
    start: int  # character span of the whole role phrase
    end: int


@dataclass
class MentionCandidate:
    """One mention in one article, before story-level merging."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    kind: str = "name"  # "name" | "title"
    roles: list[RoleCandidate] = field(default_factory=list)
    evidence: set[str] = field(default_factory=set)
    title_key: str | None = None  # normalised title of a title-only mention
    title_head: str | None = None
    organisation: str | None = None  # the possessor or country of a title-only mention
    #: whether that organisation is named after the title ("the spokeswoman for Norvel"), not before it
    organisation_after: bool = False
    #: the common noun of a thing a title-only mention is of ("house" of "the owner of the burned house"), no body's
    title_of: str | None = None
    tokens: tuple[int, int] = (0, 0)


def extract_mentions(article: Article, doc: Doc, *,
                     words: tuple[frozenset[str], ...] = (frozenset(), frozenset())) -> list[MentionCandidate]:
    """Every entity mention of ``article`` (names and title-only mentions), in text order.  ``words``: the base
    forms the pipeline knows as verbs and as nouns, and its adverbs and adjectives if a third and fourth set are given
    (:func:`~storylens.parse.pipeline.word_classes`), which tell a verb or an adverb from a name in a headline
    written in title case."""
    lex = lexicon()
    spans = _Spans(_entity_spans(doc, lex, words))
    mentions: list[MentionCandidate] = []
    taken: set[int] = set()
    places = _TaggedTokens([s for s, label in spans if label in ("GPE", "LOC")])
    people = _TaggedTokens([s for s, label in spans if label == "PERSON"])
    bodies = _TaggedTokens([s for s, label in spans if label == "ORG"])
    nouns: set[str] | None = None  # the article's common nouns in lower case, read when a one-word person needs it
    headlines: dict[tuple[int, int], bool] = {}  # a sentence's line -> whether it is written in title case
    for span, label in spans:
        mention = MentionCandidate(
            article_id=article.id,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            label=label,
            tokens=(span.start, span.end),
        )
        if label in _NOT_PUBLICATION_TYPES and len(span) >= 2 and span[-1].lower_ in _PUBLICATION_WORDS \
                and span[-1].text[:1].isupper():
            label = mention.label = "ORG"  # "the Evening Post" typed a law or a work: a newspaper, an organisation
        mention.evidence = _evidence(span, places, lex, people, bodies)
        if label == "PERSON" and len(span) >= 2 and _on_title_case_line(span, headlines):
            mention.evidence.add("title_case_line")  # (counted by the story's typing, no context of the name)
        if label == "PERSON" and len(span) == 1:
            if nouns is None:
                nouns = _lower_case_nouns(doc)
            if span.text.lower() in nouns:
                mention.evidence.add("common_noun")  # "Measles: vaccination rate down" beside "against measles"
        if label != "PERSON" and _titled_person(span, doc, spans, mention.evidence, lex):
            label = mention.label = "PERSON"
            mention.evidence.add("personal_title")
        if label == "PERSON":
            mention.roles = _roles(span, doc, spans, lex, taken, words)
        taken.update(range(span.start, span.end))
        mentions.append(mention)
    mentions.extend(_title_mentions(article, doc, taken, lex))
    credits = CreditLines(article.text)
    if credits:
        staff = credits.names()
        mentions = [m for m in mentions if _credited(m, credits, staff)]
        mentions.extend(_staff_mentions(article, doc, credits, staff, mentions))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


#: last words of newspapers' names ("Evening Post", "New York Times", "Harwick Gazette")
_PUBLICATION_WORDS = frozenset(
    {"post", "times", "herald", "journal", "tribune", "gazette", "courier", "chronicle", "telegraph", "dispatch",
     "inquirer", "examiner", "ledger"}
)
#: the tagger's types a newspaper's name is corrected from
_NOT_PUBLICATION_TYPES = frozenset({"LAW", "WORK_OF_ART", "PRODUCT", "EVENT", "FAC"})


def _lower_case_nouns(doc: Doc) -> set[str]:
    """The common nouns (NN, NNS) ``doc`` writes in lower case, read off its arrays (no Token per token)."""
    strings = doc.vocab.strings
    rows = doc_columns(doc, [TAG, IS_LOWER, LOWER])
    if not len(rows):
        return set()
    mask = ((rows[:, 0] == strings["NN"]) | (rows[:, 0] == strings["NNS"])) & (rows[:, 1] == 1)
    return {strings[int(h)] for h in set(rows[mask, 2].tolist())}


def _credited(mention: MentionCandidate, credits: CreditLines, staff: list[tuple[int, int]]) -> bool:
    """Whether to keep ``mention``, given the credit lines of its article.  A person named in a credit line
    ("(Editing by Michael Roddy)") is the outlet's staff: kept, with that credit as the only role, so the
    story's "who is who" says so; other names there (the reporter's city, the agency) are not the story's.
    A name the line's layout gives as credited (``staff``: "Reporting by [Haruto Sato]") is a person whatever
    the tagger typed it."""
    credit = credits.credit_at(mention.start, mention.end)
    if credit is None:
        return True
    if mention.kind != "name" or credits.is_staff_place(mention.start, mention.end,
                                                        person=mention.label == "PERSON"):
        return False  # "Ana Lopez, [Madrid] newsroom": where the staff work
    if mention.label != "PERSON":
        if (mention.start, mention.end) not in staff:
            return False
        mention.label = "PERSON"
    title, start, end = credit
    mention.roles = [RoleCandidate(title=title, organisation=None, start=start, end=end)]
    return True


def _staff_mentions(article: Article, doc: Doc, credits: CreditLines, staff: list[tuple[int, int]],
                    kept: list[MentionCandidate]) -> list[MentionCandidate]:
    """The credited names the tagger did not find ("Reporting by Ana Lopez" with "Ana Lopez" untagged), as
    person mentions with their credit."""
    found = []
    for start, end in staff:
        if any(m.start < end and start < m.end for m in kept):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        credit = credits.credit_at(start, end)
        if span is None or credit is None:
            continue
        title, role_start, role_end = credit
        found.append(MentionCandidate(
            article_id=article.id, start=start, end=end, text=article.text[start:end], label="PERSON",
            roles=[RoleCandidate(title=title, organisation=None, start=role_start, end=role_end)],
            tokens=(span.start, span.end),
        ))
    return found


# --- names -------------------------------------------------------------------------------


def _entity_spans(doc: Doc, lex, words: tuple[frozenset[str], ...] = (frozenset(), frozenset())
                  ) -> list[tuple[Span, str]]:
    """NER spans, trimmed, with portfolio words dropped and swallowed names split."""
    trimmed: list[tuple[Span, str]] = []
    extended: list[Span] = []
    headlines: dict[tuple[int, int], bool] = {}  # a sentence's line -> whether it is written in title case
    cased = None  # whether the text writes capital letters at all (a text all in lower case names no one by case)
    cue_verbs: frozenset[int] | None = None  # the verbs of inverted cues, read once a name may start with one
    for ent in doc_ents(doc):
        if ent.label_ not in ENTITY_LABELS:
            continue
        if not any(ch.isalpha() for ch in ent.text) and (
                ent.label_ not in _NUMBERED_NAME_TYPES or ent.text[:1] in ".+-−" or "%" in ent.text):
            continue  # "ACME, +0.54%" typed a place, ".500" (a record) a product: no letter, no name ("9/11", "747")
        if _CONTROL_CHARACTER.search(ent.text):
            continue  # a terminal's escape ("\x1b[31mERROR") or another control character: no name is written so
        if ent.start > 0 and doc[ent.start - 1].text == "#" and not doc[ent.start - 1].whitespace_:
            continue  # "#saveHarwick", "#MeToo": a hashtag, a label of posts, no name of the story
        if len(ent) <= 2 and ent[0].lower_ in _SHORT_WEEKDAYS and (len(ent) == 1 or ent[1].text == ".") \
                and (len(ent) == 2 or ent[0].text.endswith(".") or ent.end < len(doc) and doc[ent.end].text == "."
                     or _date_follows(doc, ent.end)):
            # "Checks Into Rehab Fri., May 3" typed an organisation: a weekday written short, with its full stop or
            # before a date ("Fri, May 3"); "Fri" alone is a name ("Fri Lund" called "Fri")
            continue
        if len(ent) <= 2 and ent[0].lower_.rstrip(".") in lex.title_abbreviations and ent[0].text[:1].isupper() \
                and (len(ent) == 1 or ent[1].text == "."):
            continue  # "Deputy Sgt. Hoyt Teasley" gave a person "Sgt": a title written short is no one's name
        if len(ent) == 1 and ent.label_ not in _NUMBERED_NAME_TYPES and _currency_word(ent[0]):
            continue  # "The Euro fell" typed an organisation, "Yen" a person: a currency's name, no one's nor a body's
        if len(ent) == 1 and ent[0].lower_ in _STORM_WORDS:
            continue  # "Hurricane Carter spent years in prison" gave a place "Hurricane": a storm's word alone names none
        if len(ent) == 1 and _INITIAL.fullmatch(ent.text):
            continue  # "Sen. Mara Quill (D., Calif.)": a party's initial, no name of its own
        if len(ent) == 1 and ent.text in _TIME_ZONES and _after_a_clock(doc, ent.start):
            continue  # "down 2.62% at 16:08 UTC", "( 1052 GMT )" typed an organisation: a clock's zone, no name
        if _in_lower_case(ent):
            if cased is None:
                cased = any(ch.isupper() for ch in doc_text(doc))
            if cased:
                continue  # "meth overdose" typed an organisation, "crystal meth" a place: common nouns, no names
        if len(ent) >= 2 and ent[0].is_title and ent[0].lower_ in SPEECH_FORMS:
            if cue_verbs is None:
                cue_verbs = inverted_cue_verbs(doc)
            if ent.start in cue_verbs:
                # 'Said Holt, "..."', 'Said Ann Holt, the mayor: ...' typed the person "Said Holt": the verb of an
                # inverted cue (extract.quotes) is no word of the name
                ent = Span(doc, ent.start + 1, ent.end, label=ent.label)
        if words[0] and ent.label_ in ("PERSON", "ORG") and len(ent) >= 2:
            ent = _before_headline_verb(ent, headlines, words)
            if ent is None:
                continue
        if ent.label_ == "PERSON" and len(ent) >= 2:
            ent = _before_inner_possessive(_without_leading_verb(ent, headlines, words))
            ent = _without_leading_imperative(ent, headlines, words, lex)
            ent = _without_trailing_words(ent, headlines, words)
            ent = _after_inner_title(ent, lex)
        label = "PERSON" if _titled_name_typed_a_body(ent, lex, words) else ent.label_
        pieces = [side for piece in _split_at_brackets(ent) for side in _split_alternatives(piece, label, lex)]
        for piece in pieces:
            span = _trim(piece, label, lex)
            if span is None or len(pieces) > 1 and not any(t.text[:1].isupper() for t in span):
                continue
            if _is_title_word(span, lex):
                continue
            if label == "PRODUCT" and piece[0].lower_ in _DETERMINERS and span[0].is_lower and span[0].is_alpha:
                span = _name_after_common_noun(span)  # "The fire in Eastwick" typed a product: no product's name
                if span is None:
                    continue
            if label == "ORG":
                span = _headline_name_before_of(span, headlines)
                longer = _extend_name_of(span, headlines)
                if longer is not span:
                    extended.append(longer)
                span = longer
            span = _without_trailing_preposition(span)
            street = _with_street_noun(span, label)
            if street is not None:
                span, label = street, "FAC"
            trimmed.append((span, label))
    if extended:
        # "Carvale Families" + "for Choice": the name the tagger gave the words an organisation's name ran on over
        # ("Choice") is part of it, no name of its own
        trimmed = [(s, label) for s, label in trimmed
                   if any(s == e for e in extended) or not any(e.start <= s.start and s.end <= e.end for e in extended)]
    trimmed.extend(_media_names(doc))
    trimmed.extend(_brand_names(doc))
    trimmed = _abbreviated_bodies(doc, trimmed)
    trimmed = _complete_particle_names(doc, trimmed)
    trimmed = _complete_plural_possessive_names(doc, trimmed)
    person_names = {s.text for s, label in trimmed if label == "PERSON" and len(s) >= 2}
    person_starts = {s.start for s, label in trimmed if label == "PERSON"}
    result: list[tuple[Span, str]] = []
    for span, label in trimmed:
        if label != "PERSON" and span.end in person_starts:
            span = _before_title(span, lex, words)
            if span is None:
                continue
        elif label != "PERSON" and (end := _title_run_to_person(span, person_starts, lex)) is not None:
            # "Department of Justice Inspector" + "General" + a name: the tagger's span ends inside the title
            cut = _before_title(doc[span.start:end], lex, words)
            if cut is None:
                continue
            if cut.end < span.end:
                span = cut
        if label != "PERSON" and len(span) >= 3:
            split = _split_swallowed_person(span, person_names) or _split_titled_person(span, lex)
            if split is not None:
                for part, part_label in split:
                    result.append((part, part_label or label))
                continue
        result.append((span, label))
    return _within_dateline_parts(doc, result, lex)


#: currency words that are also people's or bodies' names ("Ayn Rand", "Ezra Pound", "Sterling"), or words ("won")
_NAMING_CURRENCY_WORDS = frozenset({"rand", "won", "pound", "pounds", "sterling", "cent", "cents", "pence", "kn"})


@lru_cache(maxsize=1)
def _currency_words() -> frozenset[str]:
    """The one-word names of currencies of ``data/quantities.toml`` ("euro", "yen", "rupees"), but those that name
    people, bodies or other things as well."""
    return frozenset(w for w in quantity_lexicon().currency_words if w.isalpha()) - _NAMING_CURRENCY_WORDS


def _currency_word(token: Token) -> bool:
    """Whether a name of one word is a currency's ("Euro", "Yen", "Rupees"), not the first word of a place's or
    body's name of its own ("Euro zone", "Euro area") nor a word of the name of a person the tagger found in full in
    the article ("Dana Yen ... Yen said", "Yuan Meng ... Yuan said", a surname written first): no name of a person,
    body or place."""
    if token.lower_ not in _currency_words():
        return False
    doc = token.doc
    if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("zone", "area", "-"):
        return False
    return not any(e.label_ == "PERSON" and len(e) >= 2 and any(t.lower_ == token.lower_ for t in e)
                   for e in doc_ents(doc))


#: the control characters but tab, line feed, form feed and carriage return, and the C1 controls
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: the types of names that may be written in digits alone: an event ("9/11"), a product ("747"), a work ("1984"), a law
_NUMBERED_NAME_TYPES = frozenset({"EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
_TIME_ZONES = frozenset(TIME_ZONES)
#: the words a clock time ends on but its digits: "9 a.m.", "noon"
_CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "noon", "midnight", "midday"})


def _after_a_clock(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows a clock time ("16:08", "1052", "9 a.m."), as a time zone's abbreviation does:
    "GST" (a tax), "CAT" (a company's ticker) or "IST" elsewhere may be a name."""
    if i == 0:
        return False
    before = doc[i - 1]
    return any(ch.isdigit() for ch in before.text) or before.lower_ in _CLOCK_WORDS


#: one capital letter with a full stop: an initial alone ("D." of "(D., Calif.)"), which names no one
_INITIAL = re.compile(r"[A-Z]\.")


def _in_lower_case(ent: Span) -> bool:
    """Whether a tagged name has letters and none of them a capital ("meth overdose", "healthcare"): in a text
    that writes capitals, a name is written with one ("iPhone", "de Gaulle"); a figure alone ("9/11") is kept."""
    text = ent.text
    return text.lower() == text and any(ch.isalpha() for ch in text)


def _title_case(words: list[str]) -> bool:
    """Whether words (the tokens' texts) are written in title case, as many headlines are ("Officer Shoots Man in
    Park"): three words of four letters or more at least, and each capitalised."""
    long = [w for w in words if len(w) >= 4 and w.isalpha()]  # (a token's ``is_alpha`` is its text's isalpha())
    return len(long) >= 3 and all(w[:1].isupper() for w in long)


def _on_title_case_line(ent: Span, headlines: dict[tuple[int, int], bool]) -> bool:
    """Whether the sentence's words on the name's line are in title case (a headline without a full stop may run
    into its text's sentence); ``headlines`` caches the answer by sentence and line."""
    doc = ent.doc
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    first, last = sentence_of(doc, ent.start)  # ent.sent's, without a Span made for it
    key = (first, line_start)
    found = headlines.get(key)
    if found is None:
        line_end = text.find("\n", ent.start_char) % (len(text) + 1)
        # the sentence's tokens on the line (their starts are in order), read from the doc's arrays
        starts, lengths = column_list(doc, IDX), column_list(doc, LENGTH)
        lo = bisect_left(starts, line_start, first, last)
        hi = bisect_left(starts, line_end, lo, last)
        found = headlines[key] = _title_case([text[starts[k]:starts[k] + lengths[k]] for k in range(lo, hi)])
    return found


def _before_headline_verb(ent: Span, headlines: dict[tuple[int, int], bool], words: tuple[frozenset[str], ...]
                          ) -> Span | None:
    """A person's or organisation's name in a headline written in title case, up to the verb the tagger took
    for a word of it ("[Barr] Declares NYC", "[Trump] Freezes Funds"; "Shoots Black Man" is none) or an adverb in
    "-ly" before it ("[Tom Hale] Powerfully Rebukes"): a word that
    is a verb's third person ("-s") and no noun's plural, or a noun's plural too but not the name's last word
    nor before a word that joins names ("New York Times", "Doctors Without Borders" stay whole) unless the
    article writes the words before it alone elsewhere ("[Greta Lund] Needs To Go", "[Tamsin Holt] Calls for
    Change" beside "Greta Lund", "Tamsin Holt" in its text), and no word
    inside quotation marks ("'Hunger Games' Sequel") nor one the article writes with the name's words before it
    elsewhere too ("Black Lives Matter").  None when
    no word is left."""
    if not _on_title_case_line(ent, headlines):
        return ent
    text = doc_text(ent.doc)
    verbs, nouns, *more = words
    adverbs = more[0] if more else frozenset()
    for k, token in enumerate(ent):
        lower = token.lower_
        if not token.is_alpha or len(lower) < 4 or token.text.isupper():
            continue
        # "[Greta Lund] Forcefully Reminds ...": an adverb in "-ly" (no noun) is no word of a name either
        adverb = k > 0 and lower.endswith("ly") and lower in adverbs and lower not in nouns
        if not adverb:
            if not lower.endswith("s"):
                continue
            bases = {lower[:-1], lower[:-2] if lower.endswith("es") else "",
                     lower[:-3] + "y" if lower.endswith("ies") else ""}
            bases.discard("")
            if not bases & verbs:
                continue
            if bases & nouns and (k == len(ent) - 1 or ent[k + 1].lower_ in _JOINING_WORDS) \
                    and not (k and _written_alone(ent.doc[ent.start:ent.start + k], text)) \
                    and not _opens_an_infinitive(ent, k, verbs):
                continue
        if sum(t.is_quote for t in ent[:k]) % 2:
            continue  # a quoted title's word ("'Hunger Games' Sequel")
        named = ent.doc[ent.start:ent.start + k + 1]
        if text.find(named.text, named.end_char) != -1 or text.rfind(named.text, 0, named.start_char) != -1:
            continue  # the article writes the words so elsewhere: a name's ("Black Lives Matter")
        return Span(ent.doc, ent.start, ent.start + k, label=ent.label) if k else None
    return ent


def _opens_an_infinitive(ent: Span, k: int, verbs: frozenset[str]) -> bool:
    """Whether the name's word ``k``, a verb's third person, is followed by "To" and a verb's base form, in the name
    or after it ("Vows To Fight ...", "Plans To Close ...", "[Corvale Hopes] To Host Games"): a headline's verb and
    its object, not a name joined by "to"."""
    doc, i = ent.doc, ent.start + k
    return i + 2 < len(doc) and doc[i + 1].lower_ == "to" and doc[i + 2].lower_ in verbs \
        and doc[i + 2].text[:1].isupper()


#: the words a storm's name opens with, no name alone ("Hurricane" tagged a place before a surname)
_STORM_WORDS = frozenset({"hurricane", "typhoon", "cyclone", "superstorm"})


def _date_follows(doc: Doc, i: int) -> bool:
    """Whether a date is written from token ``i`` on, after a comma perhaps: a number or a month's name ("Fri, May 3",
    "Fri 3 May")."""
    if i < len(doc) and doc[i].text == ",":
        i += 1
    return i < len(doc) and (doc[i].like_num or doc[i].lower_.rstrip(".") in MONTHS)


#: weekdays written short ("Fri., May 3"; not "Sun", a newspaper's name, nor "Sat")
_SHORT_WEEKDAYS = frozenset({"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "mon.", "tue.", "tues.",
                             "wed.", "thu.", "thur.", "thurs.", "fri."})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _without_leading_verb(ent: Span, headlines: dict[tuple[int, int], bool], words: tuple[frozenset[str], ...]
                          ) -> Span:
    """A person's name without a headline's verb the tagger ran into it before it ("Experts [Condemn] Donald Trump's
    Plan", "Voters [Reject] Ann Holt"): in a headline written in title case, a first word that is a verb's base form
    and no noun, before two words or more of a name, is no word of it."""
    verbs, nouns = words[0], words[1]
    first = ent[0]
    if len(ent) < 3 or not verbs or not first.is_alpha or first.text.isupper() or not first.text[:1].isupper():
        return ent
    lower = first.lower_
    if lower not in verbs or lower in nouns or not _on_title_case_line(ent, headlines):
        return ent
    return Span(ent.doc, ent.start + 1, ent.end, label=ent.label)


def _without_leading_imperative(ent: Span, headlines: dict[tuple[int, int], bool], words: tuple[frozenset[str], ...],
                                lex) -> Span:
    """A surname without a verb the tagger ran into it as a given name ("[Sack] Lindqvist, Fans Demand", "[Fire]
    Lindqvist" beside "Coach Petra Lindqvist"): in a line written in title case, a name of two words whose first is a
    verb's base form and no given name of ``data/given_names.toml``, written nowhere else in the article, while the
    article names someone else of that surname ("Petra Lindqvist"), is the surname alone."""
    if len(ent) != 2 or not words or not words[0]:
        return ent
    first, last = ent[0], ent[1]
    if not first.is_alpha or first.text.isupper() or not first.text[:1].isupper() or first.lower_ not in words[0] \
            or first.lower_ in lex.given_names or not last.is_alpha or not _on_title_case_line(ent, headlines):
        return ent
    if ent.end < len(ent.doc) and _headline_verb_after(ent.doc[ent.end], words[0]):
        return ent  # "Mark Lindqvist Joins Rival Club": the name is the subject of the line's verb, no imperative's object
    text = doc_text(ent.doc)
    if text.count(ent.text) != 1:
        return ent
    others = re.finditer(rf"\b([A-Z][\w'’.-]*) {re.escape(last.text)}\b", text)
    if not any(m.group(1) != first.text and m.start() != ent.start_char for m in others):
        return ent
    return Span(ent.doc, ent.start + 1, ent.end, label=ent.label)


def _headline_verb_after(token: Token, verbs: frozenset[str]) -> bool:
    """Whether a word after a name on a title-case line is a verb the name is the subject of ("Joins", "Wins",
    "Joined", "To Join") or the possessive's ending ("[Mark Lindqvist]'s Goal"): the name is someone's, whole."""
    lower = token.lower_
    if lower in ("'s", "’s", "to") or token.tag_ in ("VBZ", "VBD"):
        return True
    return token.is_alpha and lower.endswith("s") and (lower[:-1] in verbs or lower.endswith("es") and lower[:-2] in verbs)


def _before_inner_possessive(ent: Span) -> Span:
    """A person's name up to a possessive inside what the tagger typed one ("Donald Trump's WHO": "Donald Trump"):
    no one's name holds a possessive; what follows it is what the person has."""
    for token in ent[1:-1]:
        if token.tag_ == "POS":
            return Span(ent.doc, ent.start, token.i, label=ent.label)
    return ent


def _without_trailing_words(ent: Span, headlines: dict[tuple[int, int], bool], words: tuple[frozenset[str], ...]
                            ) -> Span:
    """A person's name without the words the tagger ran it into after it: a weekday ("President Trump Thursday
    said"), and in a headline written in title case a verb's participle or an adverb ("Kennedy Retiring", "Kanye
    West Just Delivered"): words no one's name ends on (a participle or adverb that is a noun too stays)."""
    end = ent.end
    doc = ent.doc
    headline = None
    verbs, nouns, *more = words
    adverbs = more[0] if more else frozenset()
    while end - ent.start >= 2:
        token = doc[end - 1]
        lower = token.lower_
        if lower in _WEEKDAYS:
            end -= 1
            continue
        if headline is None:
            headline = bool(verbs) and _on_title_case_line(ent, headlines)
        if not headline or not token.is_alpha or lower in nouns:
            break
        if lower.endswith("ing"):
            bases = {lower[:-3], lower[:-3] + "e", lower[:-4]}
        elif lower.endswith("ed"):
            bases = {lower[:-2], lower[:-1], lower[:-3], lower[:-3] + "y"}
        else:
            bases = set()
        if bases & verbs or lower in adverbs:
            end -= 1
            continue
        break
    return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label)


def _written_alone(name: Span, text: str) -> bool:
    """Whether the article writes a name's words elsewhere with no capitalised word after them: "Nancy Pelosi"
    in its text beside "[Nancy Pelosi] Needs To Go" (a headline verb that is a noun's plural too)."""
    for found in re.finditer(r"(?<!\w)" + re.escape(name.text) + r"(?!\w)(?![ \t]+[A-Z])", text):
        if found.start() != name.start_char:
            return True
    return False


#: the words inside names that join two of its parts ("Doctors Without Borders", "Friends of the Earth")
_JOINING_WORDS = frozenset({"of", "for", "without", "and", "&", "the", "on", "in", "at", "to", "against", "de"})


def _within_dateline_parts(doc: Doc, spans: list[tuple[Span, str]], lex) -> list[tuple[Span, str]]:
    """A name in a dateline stays within its part: "THE HAGUE, Nov 7 (Reuters) -" holds the place "HAGUE", not
    "HAGUE, Nov 7"; a name starting on its punctuation is none, nor is the agency in its brackets (the
    publisher, as a credit line's names are not the story's)."""
    text = doc_text(doc)
    if not datelines(text):
        return spans
    kept: list[tuple[Span, str]] = []
    for span, label in spans:
        line = next(iter(datelines_within(text, span.start_char, span.end_char)), None)
        part = line.part_at(span.start_char) if line is not None else None
        if part is not None and part == line.source:
            continue  # the agency that filed the report ("(Reuters)") publishes the story; it is not in it
        if part is not None and part == line.place and label not in ("GPE", "LOC", "FAC"):
            label = "GPE"  # "DUNMORE, June 12 -" typed an organisation, "HARLOW, March 4 -" a group: where it was filed
        if line is None or part is not None and span.end_char <= part[1]:
            kept.append((span, label))
            continue
        cut = doc.char_span(span.start_char, part[1], alignment_mode="contract") if part is not None else None
        cut = _trim(cut, label, lex) if cut is not None and len(cut) else None
        if cut is not None:
            kept.append((cut, label))
    return kept


def _with_extended(spans: list[tuple[Span, str]], extended: dict[int, Span]) -> list[tuple[Span, str]]:
    """``spans`` with the ``k``-th span replaced by ``extended[k]``, and every other span inside an extended one
    dropped (the name the tagger gave the words a name now runs over)."""
    if not extended:
        return spans
    result = []
    for k, (span, label) in enumerate(spans):
        if k in extended:
            result.append((extended[k], label))
        elif not any(e.start <= span.start and span.end <= e.end for e in extended.values()):
            result.append((span, label))
    return result


def _complete_particle_names(doc: Doc, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """ "Ursula von der" + "Leyen": a person's name does not end on a surname particle
    (:data:`~storylens.align.names.SURNAME_PARTICLES`); it runs on over the capitalised word that follows
    (with its hyphenated parts), and a name the tagger gave that word is dropped.  Not when that other name
    runs on further ("von der Leyen Commission")."""
    extended: dict[int, Span] = {}
    for k, (span, label) in enumerate(spans):
        if label != "PERSON" or span[-1].lower_ not in SURNAME_PARTICLES or len(span) < 2:
            continue
        end = span.end
        if end >= len(doc) or doc[end].is_sent_start or not doc[end].is_alpha or not doc[end].text[:1].isupper():
            continue
        end += 1
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                and doc[end + 1].is_alpha:
            end += 2
        if any(s.start < end and span.end <= s.end and s.end > end for s, _label in spans):
            continue
        extended[k] = doc[span.start:end]
    return _with_extended(spans, extended)


_APOSTROPHES = frozenset({"'", "’"})


def _complete_plural_possessive_names(doc: Doc, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """ "the Harlow Workers' Pension Fund" typed "the Harlow Workers'" and "Pension Fund", two organisations: an
    organisation's name ending on a plural's apostrophe runs on over the capitalised words after it that the tagger
    typed nothing or an organisation (not "the Rangers' Tuesday game", nor a person's name after it), and a name the
    tagger gave those words is dropped."""
    extended: dict[int, Span] = {}
    for k, (span, label) in enumerate(spans):
        end = span.end
        if (label != "ORG" or end + 1 >= len(doc) or doc[end].text not in _APOSTROPHES
                or not span[-1].lower_.endswith("s") or doc[end - 1].whitespace_):
            continue
        stop = end + 1
        while (stop < len(doc) and doc[stop].is_alpha and doc[stop].text[:1].isupper()
               and not doc[stop].is_sent_start and doc[stop].ent_type_ in ("", "ORG")):
            stop += 1
        if stop == end + 1:
            continue
        if any(s.start < stop and s.end > end and (other != "ORG" or s.end > stop) for s, other in spans):
            continue  # another kind of name there, or an organisation's that runs on further
        extended[k] = doc[span.start:stop]
    return _with_extended(spans, extended)


def _split_at_brackets(span: Span) -> list[Span]:
    """A name does not run across a bracket: "Sinti (Travellers" is two names."""
    cuts = [t.i for t in span if t.text in ("(", ")", "[", "]")]
    if not cuts:
        return [span]
    doc, pieces, begin = span.doc, [], span.start
    for cut in [*cuts, span.end]:
        if cut > begin:
            pieces.append(doc[begin:cut])
        begin = cut + 1
    return pieces


#: the tagger's types of a name that two names joined by "or" or "and" in one span are split from
_ALTERNATIVE_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})


def _split_alternatives(span: Span, label: str, lex) -> list[Span]:
    """ "Smith or Jones will chair" typed one organisation: two names joined by "or" or "nor" in lower case (not
    "Either Or Books", one firm's name) in one span of a person, a body or a place, each side capitalised words and
    no word of a title, are two names.  Joined by "and" or "&", which bodies' names hold ("Marrow and Finch",
    "Bosnia and Herzegovina"), only when each side is a name on its own: a person's name of two words or more
    ("Ann Hale and Tom Brandt"), or a name the tagger also found alone in the article ("Vorn and Kessel" with "Kessel
    said" after it; not "Fish" of "Tarn Fish").  Else the span as it is."""
    if label not in _ALTERNATIVE_TYPES or len(span) < 3:
        return [span]
    joints = [t.i for t in span[1:-1] if t.text in ("or", "nor", "and", "&")]
    if len(joints) != 1:
        return [span]
    doc, cut = span.doc, joints[0]
    start = span.start
    while start < cut and doc[start].lower_ in _DETERMINERS:
        start += 1
    left, right = doc[start:cut], doc[cut + 1:span.end]
    if " ".join(doc[start:span.end].text.lower().split()) in lex.countries:
        return [span]  # "Trinidad and Tobago", "Bosnia and Herzegovina": one country's name
    if not len(left) or not all(t.text[:1].isupper() and any(c.isalpha() for c in t.text) and t.lower_ not in lex.title_heads
                                for side in (left, right) for t in side) or left.text == right.text:
        return [span]
    if doc[cut].lower_ in ("and", "&"):
        people = label == "PERSON" and all(len(side) >= 2 and written_as_a_person(side.text) for side in (left, right))
        if not people:
            alone = {e.text for e in doc_ents(doc) if e.end <= span.start or e.start >= span.end}
            if left.text not in alone or right.text not in alone:
                return [span]
    return [doc[span.start:cut], right]


_MEDIA_NOUNS = frozenset({"radio", "television", "tv", "newspaper", "daily", "weekly", "channel", "network",
                          "broadcaster", "agency", "magazine", "website"})


def _media_names(doc: Doc) -> list[tuple[Span, str]]:
    """Outlets the tagger missed: an untagged capitalised word or two naming a medium ("told RTL radio",
    "Europe 1 radio" is tagged; "RTL" often is not)."""
    found = []
    for i in _indices_of_words(doc, _MEDIA_NOUNS):
        token = doc[i]
        if token.i == 0:
            continue
        start = token.i
        while start > 0 and start > token.i - 3:
            prev = doc[start - 1]
            if prev.ent_type_ or not prev.is_alpha or not prev.text[:1].isupper() or prev.is_sent_start:
                break
            if prev.pos_ not in ("PROPN", "NOUN", "X"):
                break
            start -= 1
        if start == token.i:
            continue
        name = doc[start:token.i]
        if not any(t.is_stop for t in name) and (name.text.isupper() or all(t.pos_ == "PROPN" for t in name)):
            found.append((name, "ORG"))
    return found


#: a brand's shape: a small letter or a few, then a capitalised word or two capitals ("iOS", "macOS", "iPadOS", "eBay"),
#: not initials ("mRNA") nor a word in an address, nor a hashtag ("#saveHarwick")
_BRAND_WORD = re.compile(r"(?<![\w.@#/-])[a-z]{1,5}(?:[A-Z][a-z]+|[A-Z]{2}(?![A-Z]))(?:[A-Z][a-z]*)*(?![\w@/-])")


def _brand_names(doc: Doc) -> list[tuple[Span, str]]:
    """Brands the tagger missed: an untagged word of a brand's shape ("update to iOS", "users of macOS"), a proper
    noun in one of its uses in the article at least (not a unit after a number, "60 kWh"), each use a product."""
    text = doc_text(doc)
    uses: dict[str, list[Span]] = {}
    proper: set[str] = set()
    for match in _BRAND_WORD.finditer(text):
        span = doc.char_span(match.start(), match.end())
        if span is None or len(span) != 1 or span[0].ent_type_:
            continue
        token = span[0]
        if token.i > 0 and doc[token.i - 1].like_num:
            continue
        if token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i and token.head.pos_ == "NOUN":
            continue  # "eZora prices", "the iOS update": the thing named after the brand, not the brand
        uses.setdefault(token.text, []).append(span)
        if token.tag_ == "NNP":
            proper.add(token.text)
    found = []
    for word in proper:
        for span in uses[word]:
            after = span.end
            if after < len(doc) and doc[after].is_digit and len(doc[after]) <= 2 and doc[after].ent_type_ not in (
                    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY") and doc[after].idx == span.end_char + 1 \
                    and (doc[after].whitespace_ or after + 1 == len(doc) or doc[after + 1].is_punct):
                span = doc[span.start:after + 1]  # "iZen 4", "iOS 17": the model or the version is the name's
            found.append((span, "PRODUCT"))
    return found


def _abbreviated_bodies(doc: Doc, spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """A department named with its abbreviation ("State Dept. revokes", "Justice Dept says"), which the tagger
    often misses or takes for a person: the capitalised word or two before "Dept" and it are an organisation, in
    place of any other name over those words (its key reads "Dept" as "Department")."""
    for i in _indices_of_words(doc, frozenset({"dept", "dept."})):
        start = i
        while start > max(0, i - 2):
            prev = doc[start - 1]
            if not prev.is_alpha or not prev.text[:1].isupper() or prev.is_stop or prev.pos_ not in ("PROPN", "NOUN"):
                break
            start -= 1
        if start == i or any(label == "ORG" and s.start <= start and i < s.end for s, label in spans):
            continue
        body = doc[start:i + 1]
        spans = [(s, label) for s, label in spans if s.end <= start or i < s.start] + [(body, "ORG")]
    return spans


def _indices_of_words(doc: Doc, words: frozenset[str]) -> list[int]:
    """The indices, in order, of the tokens whose lower-case text is one of ``words`` (lower case), read from
    the doc's array of lower-case ids rather than one token object per token."""
    lowered = doc_columns(doc, [LOWER])
    return np.flatnonzero(ids_in(lowered, _word_ids(words))).tolist()


@lru_cache(maxsize=16)
def _word_ids(words: frozenset[str]) -> np.ndarray:
    return np.array([get_string_id(w) for w in words], dtype=np.uint64)


def _after_inner_title(ent: Span, lex) -> Span:
    """ "Harwick Mayor Ann Ford" typed one person: capitalised words, then a title's words (a head of
    ``data/titles.toml`` and the title and portfolio words after it), then two or three words written as a person's
    name to the span's end, is that name, the words before it left to the person's role ("Mayor", at Harwick); a span
    whose title opens it is trimmed as before ("Mayor Ann Ford")."""
    if len(ent) < 4:
        return ent
    doc = ent.doc
    for k in range(ent.start + 1, ent.end - 2):
        token = doc[k]
        if token.lower_ not in lex.title_heads or not token.text[:1].isupper():
            continue
        if not all(t.is_alpha and t.text[:1].isupper() and t.pos_ == "PROPN" for t in doc[ent.start:k]):
            return ent
        end = k + 1
        while end < ent.end and (doc[end].lower_ in lex.title_heads or doc[end].lower_ in lex.portfolios):
            end += 1
        name = doc[end:ent.end]
        if 2 <= len(name) <= 3 and all(t.text[:1].isupper() for t in name) and written_as_a_person(name.text):
            return name
        return ent
    return ent


@lru_cache(maxsize=8)
def _known_words(words: tuple[frozenset[str], ...], with_adjectives: bool = False) -> frozenset[str]:
    """The words of the language of ``words`` (:func:`~storylens.parse.pipeline.word_classes`) in one set: its
    verbs, nouns and adverbs, and its adjectives if asked (made once for the pipeline's tables, not per name)."""
    return frozenset().union(*(words if with_adjectives else words[:3]))


def _titled_name_typed_a_body(ent: Span, lex, words: tuple[frozenset[str], ...] = ()) -> bool:
    """ "Spokeswoman Sandy Angers said", "Professor Lindqvist said": a name typed an organisation that opens with a
    title only a person holds (``data/titles.toml``'s ``person_only_heads``) and goes on with one to three words
    written as a person's name (:func:`~storylens.align.names.written_as_a_person`: no word of an organisation's
    name, as "Sheriff Tiraspol Football Club", "Senator Lines Ltd" or "Detective Comics Inc" have) is that person's;
    a single word is no plural and no word the language knows (``words``: "Senator Lines", "Detective Comics")."""
    if ent.label_ != "ORG" or not 2 <= len(ent) <= 4 or ent[0].lower_ not in lex.person_only_heads:
        return False
    if len(ent) == 2:
        known = _known_words(words)
        if not words or ent[1].tag_ == "NNPS" or ent[1].lower_ in known or ent[1].lemma_.lower() in known \
                or singular(ent[1].lower_) in known:
            return False
    return all(t.is_alpha and t.text[:1].isupper() and t.text[1:].islower() and t.lower_ not in lex.organisation_kinds
               and t.pos_ == "PROPN" for t in ent[1:]) and written_as_a_person(ent[1:].text)


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr.", "sir", "dame", "lord", "lady"})


#: words of a title written after its head ("Professor Emeritus")
_AFTER_TITLE = frozenset({"emeritus", "emerita"})


def _trim(span: Span, label: str | None = None, lex=None) -> Span | None:
    """Drop determiners, possessives and punctuation at the edges (and a common noun's possessive before a name:
    "the department's [Bureau of Labor Statistics]"); cut at line breaks; for people, leading titles and
    honorifics ("Spokeswoman Sandy Angers")."""
    doc = span.doc
    # a line break is a token of its own (spaCy's whitespace after a token is one space): none in the span's
    # characters, none among its tokens
    has_break = doc_text(doc).find("\n", span.start_char, span.end_char) != -1
    breaks = [t.i for t in span if "\n" in t.text] if has_break else []
    if breaks:
        pieces, begin = [], span.start
        for b in [*breaks, span.end]:
            if b > begin:
                pieces.append((begin, b))
            begin = b + 1
        if not pieces:
            return None
        root = span.root.i
        start, end = next(((a, b) for a, b in pieces if a <= root < b), pieces[-1])
    else:
        start, end = span.start, span.end
    # (each edge token read once per step: a Token object is made on each ``doc[i]``)
    quoted = False
    while start < end and (((t := doc[start]).lower_ in _DETERMINERS or t.text == "another") and not quoted
                           or t.is_punct or t.is_space or t.is_quote):
        # "the\u00a0Food and Drug Administration": a no-break space is a token of its own; "the `` Harbor Lane ''":
        # the two backquotes that open a quotation in some texts are no punctuation to spaCy ("`" is a symbol), and
        # a quoted name keeps its article ("`` The Harbor Show ''"); "another" in lower case ("another X-Men film"),
        # not a title's "Another" ("Another Round")
        quoted = quoted or t.is_quote
        start += 1
    while start + 2 < end and doc[start].is_lower and doc[start].is_alpha and doc[start + 1].tag_ == "POS":
        start += 2  # "the department's Bureau of Labor Statistics": a common noun's possessive is no part of the name
    if start + 2 < end and doc[start].lower_ == "ex" and doc[start + 1].text in ("-", "–"):
        start += 2  # "ex-FBI Director Comey": the body is the FBI; "ex-" says he left it
    if label == "PERSON" and lex is not None:
        while end - start > 1 and (
            (lower := doc[start].lower_) in lex.title_heads or lower in lex.portfolios or lower in _HONORIFICS
            or lower in lex.person_only_heads  # "Comedian Ann Ford", "Actress Tia Holm"
            or lower in _PREPOSITIONS  # "Beneath Clinton's wins, signs of trouble": no one's name
            or lower in _AFTER_TITLE and start > span.start and doc[start - 1].lower_ in lex.title_heads
        ):
            start += 1  # ("Professor Emeritus Ann Ford": a word of the title after its head)
        if end - start == 1 and start > span.start and doc[start].lower_ in _AFTER_TITLE:
            return None  # "Professor Emeritus said": a title, no one's name
    while end > start and ((t := doc[end - 1]).tag_ == "POS" or t.is_punct or t.is_space or t.is_quote
                           or t.lower_ in ("'s", "’s")):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end)  # doc[start:end] (within the doc: no slice to normalise)


def _name_after_common_noun(span: Span) -> Span | None:
    """The capitalised words after the last word in lower case of a span that opens on one after its determiner
    ("fire in Eastwick" of "The fire in Eastwick", typed a product: a common noun's phrase, whose name is
    "Eastwick"), or None when no capitalised word follows it."""
    last = max(t.i for t in span if t.is_lower)
    rest = span.doc[last + 1:span.end]
    return rest if len(rest) and rest[0].text[:1].isupper() else None


#: nouns of a street, a square or a bridge that a name before them, in lower case, names ("Stadion street")
_STREET_NOUNS = frozenset({"street", "square", "avenue", "boulevard", "road", "lane", "bridge", "plaza"})
#: the tagger's types a name before such a noun is corrected from (a place, "the Harwick road", is the town's)
_NOT_STREET_TYPES = frozenset({"PERSON", "ORG", "PRODUCT", "NORP", "WORK_OF_ART", "EVENT", "LAW"})


def _with_street_noun(span: Span, label: str) -> Span | None:
    """ "clashes at the end of Lykou street", "protesters left Plateia square": a one-word name the tagger typed a
    person, a body or a thing that modifies a noun of a street or a square in lower case right after it is that
    street's or square's name with its noun, a building or structure (``FAC``, as OntoNotes types streets); else None."""
    if len(span) != 1 or label not in _NOT_STREET_TYPES or span.end >= len(span.doc):
        return None
    noun = span.doc[span.end]
    if noun.lower_ not in _STREET_NOUNS or not noun.is_lower or span[0].head.i != noun.i \
            or span[0].dep_ not in ("compound", "nmod", "amod"):
        return None
    return Span(span.doc, span.start, span.end + 1)


def _without_trailing_preposition(span: Span) -> Span:
    """ "the Harwick Correctional Complex at Harwick" tagged up to "at": a name of two words or more ends on no
    preposition in lower case (read after an organisation's name is run on over "of", which such a span is not)."""
    end = span.end
    while end - span.start >= 3 and (t := span.doc[end - 1]).is_lower and t.pos_ == "ADP" \
            and t.lower_ not in SURNAME_PARTICLES:
        end -= 1
    return span if end == span.end else Span(span.doc, span.start, end)


def _headline_name_before_of(span: Span, headlines: dict[tuple[int, int], bool]) -> Span:
    """An organisation's name the tagger ran on over "of" or "for" in a headline in title case, cut before that
    word when the text writes the words before it elsewhere and never the whole ("Reminds the U.N. General
    Assembly of U.S. Strength" with "the U.N. General Assembly" in the article: a headline's capitals name
    nothing)."""
    cut = next((k for k, t in enumerate(span) if k > 0 and t.lower_ in ("of", "for")), None)
    if cut is None or not _on_title_case_line(span, headlines):
        return span
    text = doc_text(span.doc)
    lower = text.lower()  # "University Of Chicago" in the headline is "University of Chicago"
    if any(start != span.start_char for start in _word_occurrences(lower, span.text.lower())):
        return span
    head = span[:cut]
    # the head written alone elsewhere, with its capitals: not as the start of a longer name ("University" of
    # "University of Chicago"), nor as a common noun ("an investigation")
    if any(not span.start_char <= start < span.end_char
           and lower[start + len(head.text):start + len(head.text) + 5] not in (" of ", " for")
           for start in _word_occurrences(text, head.text)):
        return head
    return span


def _word_occurrences(text: str, words: str) -> Iterator[int]:
    """Where ``words`` occur in ``text`` as whole words."""
    start = text.find(words)
    while start != -1:
        end = start + len(words)
        if not (start and text[start - 1].isalnum()) and not (end < len(text) and text[end].isalnum()):
            yield start
        start = text.find(words, start + 1)


def _extend_name_of(span: Span, headlines: dict[tuple[int, int], bool]) -> Span:
    """ "U.N. Committee" + "for the Elimination of Racial Discrimination": the tagger stopped early."""
    doc = span.doc
    i = span.end
    if i >= len(doc) or doc[i].lower_ not in ("for", "of", "on") or not span[-1].text[:1].isupper():
        return span
    if _on_title_case_line(span, headlines):
        return span  # "Reminds the U.N. General Assembly of U.S. Strength": a headline's capitals name nothing
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    last = None
    while j < len(doc) and doc[j].sent == span.sent:
        token = doc[j]
        if token.ent_type_ in ("PERSON", "GPE", "DATE", "CARDINAL") and token.ent_iob_ == "B":
            break
        if token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ"):
            last = j
        elif token.lower_ in ("of", "and", "for", "the", "on") and last is not None:
            pass
        else:
            break
        j += 1
    if last is None:
        return span
    return doc[span.start:last + 1]


def _is_title_word(span: Span, lex) -> bool:
    """A portfolio word inside a title, such as "Interior" in "Interior Minister X", or "State" in "Secretary of
    State Antony Blinken" and "a former secretary of state" (after a title and "of")."""
    if not all(t.lower_ in lex.portfolios for t in span):
        return False
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in lex.title_heads:
        return True
    return nxt is not None and (nxt.lower_ in lex.title_heads or nxt.lower_ in lex.portfolios)


def _split_swallowed_person(span: Span, person_names: set[str]) -> list[tuple[Span, str | None]] | None:
    """ "the European Parliament Jean Lambert" -> "European Parliament" + "Jean Lambert", a person named in full
    elsewhere in the article.  A surname alone is not split off: "Pieter van Dam" tagged ORG where "van Dam" is
    a person, or "Ngozi Okonjo-Iweala" where "Okonjo-Iweala" is, names that person in full."""
    text = span.text
    for name in sorted(person_names, key=len, reverse=True):
        if text.endswith(" " + name) and person_name_parts(name)[0]:
            doc = span.doc
            cut = span.end - len(name.split())
            if doc[cut:span.end].text != name:
                continue
            head = _trim(doc[span.start:cut])
            parts: list[tuple[Span, str | None]] = []
            if head is not None and any(t.text[:1].isupper() for t in head):
                parts.append((head, None))
            parts.append((doc[cut:span.end], "PERSON"))
            return parts
    return None


#: words that open a title of several words before its head ("Vice President", "Acting Director")
_TITLE_MODIFIERS = frozenset({"vice", "prime", "acting", "interim", "senior", "assistant", "associate", "managing",
                             "deputy", "executive", "chief", "general"})


def _title_start(doc: Doc, first: int, start: int, lex) -> int:
    """Where a title ending on the title's head ``doc[first]`` begins, not before token ``start`` of a body's name:
    "Lehman Brothers Chief Executive", "United States Attorney General" (not a word of the body's name after a joining
    word: "Department of Justice Inspector General")."""
    while first - 1 > start and (doc[first - 1].lower_ in lex.title_heads or doc[first - 1].lower_ in _TITLE_MODIFIERS) \
            and doc[first - 2].lower_ not in _JOINING_WORDS:
        first -= 1
    return first


def _title_run_to_person(span: Span, person_starts: set[int], lex) -> int | None:
    """Where a title ends that a body's name runs into and a person's name follows ("Department of Justice Inspector"
    tagged a body, then "General" and a name): the end of up to three capitalised title words after a span that ends
    on one itself, right before a person's name; else None."""
    doc = span.doc
    last = doc[span.end - 1]
    if not last.text[:1].isupper() or last.lower_ not in lex.title_heads and last.lower_ not in _TITLE_MODIFIERS:
        return None
    end = span.end
    while end < len(doc) and end - span.end < 3 and end not in person_starts and doc[end].text[:1].isupper() \
            and not doc[end].ent_type_ and (doc[end].lower_ in lex.title_heads or doc[end].lower_ in _TITLE_MODIFIERS):
        end += 1
    return end if end > span.end and end in person_starts else None


def _before_title(span: Span, lex, words: tuple[frozenset[str], ...] = ()) -> Span | None:
    """A body's name the tagger ran on over the title of the person named right after it ("Team Tarvia Captain" +
    "Lena Hart", "Norvik Chief Executive" + "Dana Reyes"): the body's name alone, the title left to the person's role
    (None when no capitalised word of a name is left); the span as it is when one word is left before the title and
    it is a word of the language (``words``: the pipeline's verbs, nouns and adverbs), a title's own ("Rear
    Admiral") as likely as a body's."""
    doc = span.doc
    last = span.end - 1
    if last <= span.start or doc[last].lower_ not in lex.title_heads or not doc[last].text[:1].isupper():
        return span
    head = _trim(doc[span.start:_title_start(doc, last, span.start, lex)])
    if head is None or not any(t.text[:1].isupper() for t in head):
        return None
    known = _known_words(words)
    if len(head) == 1 and (head[0].lower_ in known or head[0].lemma_.lower() in known):
        return span
    return head


def _split_titled_person(span: Span, lex) -> list[tuple[Span, str | None]] | None:
    """ "Harbour Recovery Team Coordinator Lena Marsh", "Acme CEO Dana Reyes" typed one organisation: a title's
    head inside the span, then two or three words written as a person's name to its end, is that person, titled
    by the words before it (the body's name before the title stays the body's, the title is left out, as a role)."""
    doc = span.doc
    for cut in range(span.end - 3, span.end - 1):
        title = doc[cut - 1]
        if cut - 1 <= span.start or title.lower_ not in lex.title_heads:
            continue
        name = doc[cut:span.end]
        if all(t.is_alpha and t.text[:1].isupper() and t.text[1:].islower() and t.pos_ == "PROPN"
               and t.lower_ not in lex.organisation_kinds for t in name) and written_as_a_person(name.text):
            parts: list[tuple[Span, str | None]] = []
            # the whole title ("Lehman Brothers Chief Executive")
            head = _trim(doc[span.start:_title_start(doc, cut - 1, span.start, lex)])
            if head is not None and any(t.text[:1].isupper() for t in head):
                parts.append((head, None))
            parts.append((name, "PERSON"))
            return parts
    return None


class _TaggedTokens:
    """The article's spans of some types (its places, its people), by token: whether a token is in such a span
    other than a given span."""

    def __init__(self, spans: list[Span]) -> None:
        self.covering: dict[int, list[Span]] = {}
        for s in spans:
            for i in range(s.start, s.end):
                self.covering.setdefault(i, []).append(s)

    def holds(self, i: int, span: Span) -> bool:
        """Whether token ``i`` is in one of the spans other than ``span``."""
        return any(s != span for s in self.covering.get(i, ()))

    def listed_with(self, span: Span, joined: list[int] | None = None) -> bool:
        """Whether ``span`` is joined by a conjunction to one of the spans ("Paris and Lyon", "Ann Holt, Mia Lund and
        Eva Berg"), before it or after it; ``joined``: :func:`_joined_by_conjunction` of its root, when the caller
        has it."""
        if joined is None:
            joined = _joined_by_conjunction(span.root)
        return any(self.holds(i, span) for i in joined)


def _joined_by_conjunction(root: Token) -> list[int]:
    """The tokens a conjunction joins ``root`` to: its head when it is a conjunct, then its conjuncts."""
    joined = [root.head.i] if root.dep_ == "conj" else []
    joined.extend(child.i for child in root.children if child.dep_ == "conj")
    return joined


def _alternative_one_words(span: Span, joined: list[int], people: _TaggedTokens) -> bool:
    """Whether a one-word name is joined by "or" (no "and") only to other one-word names of ``people``: "doses from
    Pfizer or Moderna"."""
    root = span.root
    first = root.head if root.dep_ == "conj" else root
    ccs = {c.lower_ for c in first.children if c.dep_ == "cc"}
    if not ccs or not ccs <= {"or", "nor"}:
        return False
    others = [s for i in joined for s in people.covering.get(i, ()) if s != span]
    return bool(others) and all(len(s) == 1 for s in others)


class _Spans(list):
    """The article's ``(span, label)`` pairs, in order, with look-ups by token index that do not scan the list."""

    def __init__(self, items) -> None:
        super().__init__(items)
        self.first: dict[int, int] = {}  # token index -> the first pair (by position in the list) holding it
        for n, (s, _) in enumerate(self):
            for i in range(s.start, s.end):
                self.first.setdefault(i, n)
        self.order = sorted(range(len(self)), key=lambda n: self[n][0].start)
        self.starts = [self[n][0].start for n in self.order]

    def at(self, i: int) -> tuple[Span, str] | None:
        n = self.first.get(i)
        return None if n is None else self[n]

    def within(self, start: int, end: int) -> list[tuple[Span, str]]:
        """The pairs whose span lies in tokens ``[start, end)``, in list order."""
        found = self.order[bisect_left(self.starts, start):bisect_right(self.starts, end)]
        return [self[n] for n in sorted(found) if start <= self[n][0].start and self[n][0].end <= end]


#: nouns of an illness: a name that ends with one ("Guillain-Barré Syndrome") or modifies one ("the COVID-19
#: pandemic", "the Zika virus") names an illness
ILLNESS_HEADS = frozenset(
    {"syndrome", "disease", "disorder", "virus", "fever", "flu", "influenza", "infection", "infections", "pandemic",
     "epidemic", "outbreak", "outbreaks", "variant", "variants", "symptoms", "pneumonia"}
)
#: nouns of an illness's course or of what fights it, whose complement is the illness ("the spread of [COVID]",
#: "cases of [Ebola]", "a vaccine against [Zika]"), and the words before the illness a person has or dies of
_ILLNESS_OF = frozenset(
    {"spread", "transmission", "contraction", "case", "cases", "symptom", "symptoms", "outbreak", "outbreaks",
     "infection", "infections", "strain", "strains", "variant", "variants", "vaccine", "vaccines", "vaccination",
     "immunity", "epidemic", "pandemic"}
)
#: nouns of an illness's toll that a name before them may be the illness of ("COVID-19 cases", "Ebola patients", "COVID-19
#: deaths"), or a body's or a people's ("NHS patients", "Tarvian deaths"): the story level weighs them
ILLNESS_TOLL = frozenset({"cases", "patients", "deaths", "hospitalizations", "hospitalisations", "admissions"})
_ILLNESS_PREPS = frozenset({"of", "against", "for", "with", "from"})
_ILLNESS_VERBS = {("infect", "with"), ("diagnose", "with"), ("die", "of"), ("die", "from"), ("sicken", "with"),
                  ("test", "for"), ("hospitalize", "with"), ("hospitalise", "with"), ("ill", "with"), ("sick", "with")}


def _illness(span: Span) -> str | None:
    """Whether the words around a name say it is an illness: "illness" when its last word or the noun it is the
    complement of says so ("Guillain-Barré Syndrome", "the spread of COVID", "infected with Ebola"),
    "illness_modifier" when it modifies a noun of an illness ("the COVID-19 pandemic": a place may too, "the Wuhan
    outbreak")."""
    last = span[-1].lower_
    if len(span) >= 2 and last in ILLNESS_HEADS:
        return "illness"
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in _ILLNESS_PREPS and head.head.i != head.i:
        over = head.head
        if over.pos_ == "NOUN" and over.lower_ in _ILLNESS_OF and head.lower_ in ("of", "against") \
                or (over.lemma_.lower(), head.lower_) in _ILLNESS_VERBS:
            return "illness"
    if root.dep_ in ("compound", "amod", "nmod") and head.i >= span.end and head.pos_ == "NOUN" \
            and head.lower_ in ILLNESS_HEADS:
        return "illness_modifier"
    if root.dep_ in ("compound", "amod", "nmod") and head.i == span.end and head.lower_ in ILLNESS_TOLL:
        return "illness_toll"
    return None


#: what a person heads or runs, named after them ("the Biden administration", "the Trump campaign"): a name
#: before one of these is no "modifier of a thing" that says it is not a person
_LED_BY_A_PERSON = frozenset({"administration", "campaign", "presidency", "government", "cabinet", "camp", "regime"})


def _evidence(span: Span, places: _TaggedTokens, lex, people: _TaggedTokens | None = None,
              bodies: _TaggedTokens | None = None) -> set[str]:
    """Context that tells groups and places from people, for the story-level vote; ``places``: the article's GPE
    and LOC spans, ``people`` its PERSON spans ("conj_person": a name listed with people's, "Ann Holt, Mia Lund and
    Eva Berg"), ``bodies`` its ORG spans ("conj_organisation": "Sberbank, VTB Group and Gazprombank")."""
    found: set[str] = set()
    root = span.root
    head = root.head
    dep = root.dep_
    illness = _illness(span)
    if illness is not None:
        found.add(illness)
    if dep in ("compound", "amod", "nmod") and head.i >= span.end:
        if head.lemma_.lower() in lex.people_nouns or head.lower_ in lex.people_nouns:
            found.add("people_modifier")
        elif head.pos_ == "NOUN" and head.lower_ not in lex.title_heads and head.lower_ not in _LED_BY_A_PERSON:
            found.add("modifier_of_thing")
    if dep == "pobj" and head.lower_ in _LOCATIVE_PREPS:
        found.add("locative")
        found.add(f"locative:{head.lower_}")
    joined = _joined_by_conjunction(root)  # (read once for the three tests below)
    if places.listed_with(span, joined):
        found.add("conj_place")
    if people is not None and people.listed_with(span, joined):
        found.add("conj_person")
        if len(span) == 1 and _alternative_one_words(span, joined, people):
            found.add("or_one_word_person")  # "doses from Pfizer or Moderna", both typed a person
    if bodies is not None and bodies.listed_with(span, joined):
        found.add("conj_organisation")  # "challenged by Northwind and Sikorsky", "Sberbank, VTB and Gazprombank"
    # the span's text ends with its last token's: no need to join the span's text
    if root.tag_ in ("NNPS", "NNS") or span[-1].text.endswith("s") and root.morph.get("Number") == ["Plur"]:
        found.add("plural")
    if _next_to_personal_title(span, lex):
        found.add("personal_title")
    if _said_of_a_person(span):
        found.add("person_context")
    if _said_of_an_organisation(span, lex):
        found.add("organisation_context")
    if _named_as_a_settlement(span):
        found.add("settlement")
    if dep == "pobj" and head.lower_ == "in" and head.head.i < head.i and head.head.pos_ == "NOUN" \
            and head.head.lemma_.lower() in _SCENE_NOUNS \
            and not any(t.lower_ in ("a", "an") for t in span.doc[head.i + 1:span.start]):
        # "the fire in Eastwick": where a fire, a flood or a shooting happened; not "a fire in a Voltra" (a car)
        found.add("scene")
    if _titled_as_a_work(span):
        found.add("work_title")
    if _named_as_a_vessel(span):
        found.add("vessel")
    return found


#: nouns of a ship or boat right before its name or in apposition with it ("the cruise ship Costa Allegra", "the
#: tanker Nordic Star", "Nordic Star, a tanker")
_VESSEL_NOUNS = frozenset({"ship", "liner", "vessel", "tanker", "freighter", "ferry", "yacht", "trawler", "frigate",
                           "destroyer", "cruiser", "submarine", "warship", "steamer", "schooner", "barge", "tug",
                           "icebreaker", "boat", "dredger"})


#: nouns of a place people live in, before "of" and a name or in apposition with it ("the town of Eastwick", "Eastwick,
#: a village"), and of those who live in it or run it ("residents of Eastwick", "the mayor of Eastwick")
_SETTLEMENT_NOUNS = frozenset({"town", "city", "village", "hamlet", "borough", "township", "suburb", "municipality",
                               "county", "parish", "province", "district"})
_RESIDENT_NOUNS = frozenset({"resident", "inhabitant", "mayor", "townspeople", "villager"})


#: nouns of what happens at a place, which "in" and a name after them place ("the fire in Eastwick", "flooding in
#: Tarnfield"); no program's or device's troubles ("a bug in Android"), nor a market's ("a crash in ...", "a rally
#: in ...", said of a product's price as well)
_SCENE_NOUNS = frozenset({"fire", "blaze", "wildfire", "flood", "flooding", "explosion", "blast", "shooting",
                          "earthquake", "quake", "storm", "riot", "protest", "attack", "bombing", "raid", "clash",
                          "fighting", "violence", "accident", "collision", "derailment", "stabbing", "murder",
                          "killing", "landslide", "avalanche", "evacuation", "march"})


def _named_as_a_settlement(span: Span) -> bool:
    """Whether a name is a town's by the words around it: "the town of Eastwick", "residents of Eastwick", "the mayor
    of Eastwick", "Eastwick, a village ...", "Eastwick residents"."""
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.i < head.i:
        noun = head.head
        if noun.pos_ == "NOUN" and (noun.lemma_.lower() in _SETTLEMENT_NOUNS or noun.lemma_.lower() in _RESIDENT_NOUNS):
            return True
    if root.dep_ == "compound" and head.i == span.end and head.pos_ == "NOUN" and head.lemma_.lower() in _RESIDENT_NOUNS:
        return True
    return any(child.dep_ == "appos" and child.i > span.end and child.lemma_.lower() in _SETTLEMENT_NOUNS
               for child in root.children)


def _named_as_a_vessel(span: Span) -> bool:
    """Whether a name is a ship's: right after a noun of a ship ("the cruise ship Costa Allegra", "the liner Marina
    Vale") or with one in apposition ("Costa Allegra, a cruise ship")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in _VESSEL_NOUNS and before.pos_ == "NOUN" \
            and not _subject_of_a_clause_on(span, before):
        return True
    root = span.root
    return any(c.dep_ == "appos" and c.i >= span.end and c.lower_ in _VESSEL_NOUNS for c in root.children)


#: nouns of a kind of work right before its title ("the sitcom Harbor Lane", "TV show Harbor Lane")
_WORK_NOUNS = frozenset({"show", "series", "sitcom", "film", "movie", "drama", "comedy", "album", "song", "novel",
                         "book", "musical", "documentary", "programme", "program", "soap", "miniseries", "telenovela",
                         "opera", "play", "single", "memoir", "franchise"})
#: quotation marks that open and close a title ("`` Harbor Lane ''" in text split into tokens)
_TITLE_OPENINGS = ('"', "“", "``", "‘")
_TITLE_CLOSINGS = ('"', "”", "''", "’")
#: nouns after a quoted name that make it a publication's or a broadcaster's name, no work's ("`` People '' magazine")
_OUTLET_NOUNS = frozenset({"magazine", "newspaper", "paper", "website", "site", "channel", "network", "station",
                           "agency", "blog", "daily", "weekly"})


def _titled_as_a_work(span: Span) -> bool:
    """Whether a name is written as a work's title: in quotation marks of its own ("on `` Harbor Lane , ''", "the
    show "Harbor Lane"") or right after a noun of a kind of work ("television sitcom Harbor Lane"); news writes no
    person's or body's name so (but a publication's, "`` People '' magazine", which is not counted)."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in _WORK_NOUNS and doc[span.start - 1].pos_ == "NOUN" \
            and not _subject_of_a_clause_on(span, doc[span.start - 1]):
        return True
    text = doc_text(doc)
    before = text[max(0, span.start_char - 4):span.start_char].rstrip()
    if not before.endswith(_TITLE_OPENINGS):
        return False
    after = text[span.end_char:span.end_char + 6].lstrip()
    stop = after[:1] in ",."
    after = after[1:].lstrip() if stop else after
    if not after.startswith(_TITLE_CLOSINGS):
        return False
    if stop and _opens_a_quotation(span):
        return False  # '"Greece," he said, "cannot pay."': a quotation that opens on the name, no title
    return not (span.end < len(doc) - 2 and any(t.lower_ in _OUTLET_NOUNS for t in doc[span.end:span.end + 4]))


def _subject_of_a_clause_on(span: Span, noun) -> bool:
    """Whether a name after a noun is the subject of a clause that modifies the noun ("the film [Spielberg]
    directed", "the warship [Russia] sent"): the noun is no kind of the name's. (Not where that clause would be
    the sentence's only verb: "The sitcom Nightjar ended." is parsed so at times.)"""
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ in ("relcl", "acl") and root.head.head.i == noun.i \
        and noun.dep_ != "ROOT"


def _opens_a_quotation(span: Span) -> bool:
    """Whether the quotation mark before a name opens a quotation that starts a sentence or follows a colon or a
    comma ('"Greece," he said', 'he said: "Greece."'), as a speaker's words do."""
    doc = span.doc
    at = span.start - 1
    while at >= 0 and doc[at].is_quote:
        at -= 1
    return at < 0 or doc[at].text in (":", ",", ".", "!", "?") or doc[at].is_space or doc[at + 1].is_sent_start


def _said_of_an_organisation(span: Span, lex) -> bool:
    """Whether the words around a name say it is an organisation's (``data/organisations.toml``): a noun for a kind
    of organisation in apposition with it or right before it as its modifier ("Norvik, the airline", "low-cost
    airline, Norvik", "German carmaker Norvik Motors"), or a noun only an organisation has that the name modifies or
    owns ("Norvik CEO", "Norvik executives", "Norvik's shareholders")."""
    root = span.root
    head = root.head
    kinds, belongings = lex.organisation_kinds, lex.organisation_belongings
    if any(c.dep_ == "appos" and c.i >= span.end and c.lower_ in kinds for c in root.children):
        return True
    if root.dep_ in ("appos", "npadvmod", "nmod", "compound") and head.i < span.start and head.lower_ in kinds:
        return True  # "Irish low-cost airline, Norvik, said ..." (the parse may hang it as a modifier)
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in kinds and before.pos_ in ("NOUN", "PROPN") and (
            before.head.i == root.i and before.dep_ in ("compound", "nmod", "appos")
            or head.i == before.i and root.dep_ == "appos"):
        return True
    return root.dep_ in ("compound", "nmod", "poss") and head.i >= span.end and head.pos_ in ("NOUN", "PROPN") \
        and head.lower_ in belongings


#: nouns in apposition with a name that say it is a person's ("Lena Hart, a woman known for ...")
_PERSON_APPOSITIONS = frozenset({"woman", "man", "girl", "boy"})


def _said_of_a_person(span: Span) -> bool:
    """Whether the words around a name say only a person can bear it: a relative clause opened by "who"
    ("Lena Hart, who ..."; a company is "which" or "that"), a person noun in apposition ("a woman, Lena Hart"),
    or being born, dying or marrying ("Lena Hart was born in 1931", "Lena Hart died on Friday"), or, since
    2026-12-07, the subject of a verb whose object is "his" or "her" something ("Lena Hart lost her home")."""
    root = span.root
    for child in root.children:
        if child.i < span.end:
            continue
        if child.dep_ == "relcl" and any(g.lower_ in ("who", "whom") and g.i < child.i for g in child.children):
            return True
        if child.dep_ == "appos" and child.lower_ in _PERSON_APPOSITIONS:
            return True
    head = root.head
    if root.dep_ == "appos" and head.lower_ in _PERSON_APPOSITIONS and head.i < span.start:
        return True
    lemma = head.lemma_.lower()
    if root.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX") and any(
            obj.dep_ == "dobj" and any(g.dep_ == "poss" and g.lower_ in ("his", "her") for g in obj.children)
            for obj in head.children):
        return True  # "Katrina Holt lost her home": the subject's own, a person's
    return root.dep_ == "nsubj" and lemma in ("die", "marry") or root.dep_ == "nsubjpass" and lemma == "bear" \
        and head.lower_ == "born"


#: title words an organisation or a place may be given as well as a person ("Apple, the market leader", "the host
#: Qatar", "a member of NATO"): next to a name they do not tell that it is a person's
_SHARED_TITLES = frozenset(
    {"leader", "member", "head", "host", "chief", "executive", "manager", "general", "major", "principal", "police",
     "justice", "counsel", "advocate", "representative", "delegate", "candidate", "nominee", "official", "officer",
     "deputy", "auditor", "registrar"}
)


def _titled_person(span: Span, doc: Doc, spans: _Spans, evidence: set[str], lex) -> bool:
    """Whether a name the tagger typed otherwise is a person's by its title, so that it gets that title as its
    role: a personal title next to it (``evidence``: "Prosecutor [Fitch]", "The prime minister, [Haruto Sato],"),
    or any title head of ``data/titles.toml`` right before a name of two words or more, with no comma between
    ("Norvik chief executive [Helena Marsh]", "Union organiser [Eva Huber]": a one-word name may be an
    organisation's or a place's given a shared title, "the host Qatar").  The word before is a noun outside any
    other name; the name is no plural and is written as a person's
    (:func:`~storylens.align.names.written_as_a_person`)."""
    if "plural" in evidence:
        return False
    if "personal_title" not in evidence:
        before = span.start - 1
        if len(span) < 2 or before < 0 or doc[span.start].is_sent_start:
            return False
        token = doc[before]
        if token.lower_ not in lex.title_heads or token.pos_ not in ("NOUN", "PROPN") or spans.at(before) is not None:
            return False
    return written_as_a_person(span.text)


def _next_to_personal_title(span: Span, lex) -> bool:
    """Whether a personal title (a title head of ``data/titles.toml``) stands right before the name ("Prime
    Minister Haruto Sato"), or in apposition, after a comma, before or after it ("The prime minister, Haruto
    Sato, said", "Haruto Sato, the prime minister, said").  A title before a comma has its determiner or
    possessor ("Port au Prince, Haiti" is no title); a bracket is no apposition ("the President (CREEP)")."""
    doc = span.doc

    def personal(token: Token) -> bool:
        head = _title_head(token, lex)
        return head is not None and head not in _SHARED_TITLES and token.pos_ in ("NOUN", "PROPN")

    before = span.start - 1
    # the word before is in the name's sentence when the name does not open it (read off the sentence starts:
    # ``span.sent`` walks back to the sentence's start for every name)
    if before < 0 or doc[span.start].is_sent_start:
        pass
    elif personal(doc[before]):
        return True
    elif before - 1 >= 0 and not doc[before].is_sent_start and doc[before].text == "," and personal(
        doc[before - 1]
    ) and any(child.dep_ in ("det", "poss") for child in doc[before - 1].children):
        return True
    if span.end < len(doc) and doc[span.end].text == ",":
        return any(child.dep_ == "appos" and child.i > span.end and personal(child) for child in span.root.children)
    return False


# --- roles -------------------------------------------------------------------------------


def _roles(span: Span, doc: Doc, spans: list[tuple[Span, str]], lex, taken: set[int],
           words: tuple[frozenset[str], ...] = ()) -> list[RoleCandidate]:
    roles = []
    pre = _pre_title(span, doc, spans, lex, words)
    if pre is not None:
        roles.append(pre)
    roles.extend(_appositive_roles(span, doc, spans, lex))
    roles.extend(_appointed_roles(span, doc, spans, lex))
    roles.extend(_affiliations(span, doc, spans))
    return roles


def _label_at(i: int, spans: _Spans) -> tuple[Span, str] | None:
    return spans.at(i)


def _pre_title(span: Span, doc: Doc, spans: list[tuple[Span, str]], lex, words: tuple[frozenset[str], ...] = ()
               ) -> RoleCandidate | None:
    """The title written right before a name: "France's Interior Minister Claude Gueant", or set off by a comma
    before a name in apposition: "The prime minister, Haruto Sato, said" (a title head with its determiner or
    possessor, the name closed by a comma or the sentence's end).  A place or body named at the title's left edge
    is the one the title is held at, no word of the title: "France's", "French", a name tagged so, or, before the
    title of an office held over a place, capitalised words no tagger's name holds and the language does not
    know (``words``: "Eastwick Mayor Ann Ford" is the mayor of Eastwick)."""
    sent_start = sentence_of(doc, span.start)[0]  # span.sent.start
    anchor = span.start  # the title ends right before it
    if (anchor - 2 >= sent_start and doc[anchor - 1].text == "," and _title_before_comma(doc[anchor - 2], lex)
            and (span.end >= len(doc) or doc[span.end].text in (",", ".", ";") or doc[span.end].is_sent_start)):
        anchor -= 1
    i = anchor - 1
    first = anchor
    while i >= sent_start:
        tok = doc[i]
        ent = _label_at(i, spans)
        if ent is not None and ent[1] == "PERSON" and (
            not _modifies_title(ent[0], anchor) or doc[ent[0].end].pos_ == "CCONJ"
        ):
            break  # not "Governor Ruth Achebe and Lieutenant Governor" of the next name: a name joined by "and"

        if tok.is_punct and tok.text not in ("-",):
            break
        if tok.ent_type_ in ("DATE", "TIME"):  # "on Friday of Iran's top general": no date in a title
            break
        if tok.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PRON", "NUM") and tok.lower_ not in _TITLE_GLUE:
            break
        if tok.lower_ in _DETERMINERS and tok.lower_ != "the":
            break
        if tok.tag_ == "NNS" and tok.lemma_.lower() in lex.title_heads:
            break  # "Lawyers for former mayor Greta Lund": others who hold a title, not hers
        ok = (
            tok.tag_ == "POS"
            or tok.text[:1].isupper()
            or tok.lower_ in lex.title_heads
            or tok.lower_ in lex.portfolios
            or tok.lower_ in _TITLE_GLUE
            or (tok.pos_ in ("NOUN", "ADJ") and tok.dep_ in ("compound", "amod"))
        )
        if not ok:
            break
        first = i
        i -= 1
    while first < anchor and doc[first].lower_ in _TITLE_GLUE and doc[first].lower_ != "the":
        first += 1  # "Trump and Vice President Mike Pence": the role is written from "Vice"
    before_name = anchor
    while before_name > first and doc[before_name - 1].lower_ in _HONORIFICS:
        before_name -= 1  # "a spokesman for Mrs. [Clinton]": the honorific is the name's
    if first < before_name and doc[before_name - 1].lower_ in ("of", "for"):
        return None  # "Judge Postpones Sentencing of [Michael Flynn]", "Lawyer for [X]": another's, or no title
    tokens = list(Span(doc, first, anchor))  # doc[first:anchor] (first <= anchor, within the doc)
    while tokens and (tokens[0].lower_ in _TITLE_GLUE or tokens[0].tag_ == "POS"):  # "Lohan['s] lawyer, X"
        tokens.pop(0)
    while tokens and tokens[-1].tag_ == "POS":  # "President's Nicolas Sarkozy"
        tokens.pop()
    of = next((k for k, t in enumerate(tokens) if t.lower_ == "of"), None)
    if of and all(t.is_lower and _title_head(t, lex) is None for t in tokens[:of]):
        # "the health of President Hal Brenner": words in lower case before "of", no title among them, name what
        # is the titled person's, no part of the title ("Secretary of State" keeps its head before "of")
        tokens = tokens[of + 1:]
        first = tokens[0].i if tokens else anchor
    if not tokens or not any(_title_head(t, lex) for t in tokens):
        return None
    organisation = None
    # a possessor or a nationality at the left edge: "France's", "French", "British"
    lead = _label_at(tokens[0].i, spans)
    if lead is not None and lead[1] in ("GPE", "NORP", "ORG") and lead[0].start == tokens[0].i:
        organisation = lead[0].text
        tokens = [t for t in tokens if t.i >= lead[0].end]
        while tokens and tokens[0].tag_ == "POS":
            tokens.pop(0)
    elif lead is None and words:
        place = _jurisdiction_before_title(tokens, spans, lex, words)
        if place:
            organisation = "".join(t.text_with_ws for t in tokens[:place]).strip()
            tokens = tokens[place:]
    if not tokens or not any(_title_head(t, lex) for t in tokens):
        return None
    inner = [s for s, label in spans.within(tokens[0].i, tokens[-1].i + 1)
             if label == "ORG" or label in ("GPE", "LOC") and s.start > 0 and doc[s.start - 1].lower_ == "of"]
    if inner:
        organisation = inner[0].text
    tokens = _title_words(tokens)
    if not tokens:
        return None
    title = "".join(_written_out(t, lex) + t.whitespace_ for t in doc[tokens[0].i:tokens[-1].i + 1]).strip()
    role_start = doc[first].idx
    return RoleCandidate(title=title, organisation=organisation, start=role_start, end=span.end_char)


#: heads of titles of an office held over a place, which a place's name before them is the place of ("Eastwick
#: Mayor", "Carvale County Sheriff"), and the word of a place's police ("Eastwick Police Chief")
_JURISDICTION_HEADS = frozenset({"mayor", "governor", "sheriff", "premier", "councillor", "councilor", "councilman",
                                 "councilwoman", "alderman", "prefect", "police"})


def _jurisdiction_before_title(tokens: list[Token], spans: _Spans, lex, words: tuple[frozenset[str], ...]) -> int:
    """How many words at the left edge of a title name the place it is held at, when no tagger's name does: the
    capitalised words before the title's first word ("Eastwick" of "Eastwick Mayor"), of a title whose words hold a
    head of an office held over a place (:data:`_JURISDICTION_HEADS`), none a title's, portfolio's or honorific's
    word nor a word the language knows, an adjective included (``words``: "Fire Chief", "Lord Mayor" are titles,
    "Outgoing Mayor", "Popular Mayor" a mayor described); 0 when there are none."""
    known = _known_words(words, with_adjectives=True)
    k = 0
    while k < len(tokens) - 1 and (t := tokens[k]).is_alpha and t.text[:1].isupper() and t.pos_ == "PROPN" \
            and spans.at(t.i) is None and _title_head(t, lex) is None and t.lower_ not in lex.portfolios \
            and t.lower_ not in _TITLE_MODIFIERS and t.lower_ not in _HONORIFICS and t.lower_ not in _TITLE_GLUE \
            and t.lower_ not in known and t.lemma_.lower() not in known:
        k += 1
    if not k or tokens[k].lower_ not in lex.title_heads and tokens[k].lower_ not in lex.portfolios \
            and tokens[k].lower_ not in _TITLE_MODIFIERS:
        return 0
    return k if any(_title_head(t, lex) in _JURISDICTION_HEADS for t in tokens[k:]) else 0


def _title_head(token: Token, lex) -> str | None:
    """The title head a word is (``data/titles.toml``), also written short with a full stop: "Gov." is "governor",
    "Sen." "senator", "Lt." "lieutenant" (the ``abbreviations`` whose long form ends on a head); else None."""
    if token.lower_ in lex.title_heads:
        return token.lower_
    if token.text.endswith(".") and len(token.text) > 2:
        long = lex.title_abbreviations.get(token.lower_[:-1])
        if long and long.split()[-1] in lex.title_heads:
            return long.split()[-1]
    return None


def _written_out(token: Token, lex) -> str:
    """A title's word, its short form written out ("Gov." -> "Governor", "Sen." -> "Senator")."""
    if token.text.endswith(".") and _title_head(token, lex) and token.lower_ not in lex.title_heads:
        long = lex.title_abbreviations[token.lower_[:-1]]
        return long[:1].upper() + long[1:] if token.text[:1].isupper() else long
    return token.text


def _title_before_comma(last: Token, lex) -> bool:
    """Whether ``last``, the word before a comma and a name, ends a title with its determiner or possessor: "The
    prime minister, Haruto Sato", also with the place or body it is of: "The former mayor of Harwick, Daniel
    Okafor"."""
    head = last
    if last.dep_ == "pobj" and last.head.lower_ in ("of", "for") and last.head.head.i < last.i:
        head = last.head.head
        if not all(t.text[:1].isupper() or t.lower_ == "the" for t in last.doc[last.head.i + 1:last.i + 1]):
            return False  # "the head of a small firm": no named body
    return head.lower_ in lex.title_heads and any(c.dep_ in ("det", "poss") for c in head.children)


def _modifies_title(name: Span, anchor: int) -> bool:
    """Whether a name typed a person stands inside the title before another name, as a modifier of a word of it:
    "Former [Harwick] mayor Daniel Okafor" (a place the tagger took for a person), "[Obama] adviser David
    Axelrod"; the title ends before token ``anchor``.  Not a possessor: "Lindsay Lohan's lawyer Mark Heller" has
    the title "lawyer"."""
    root = name.root
    doc = name.doc
    if name.end < len(doc) and doc[name.end].tag_ == "POS":
        return False
    return root.dep_ in ("compound", "nmod", "amod") and name.end <= root.head.i < anchor


_OPENING, _CLOSING = "([{", ")]}"
#: parts of speech a title does not end on: "teacher in" (Ishinomaki), "head of the" (World Trade Organization)
_DANGLING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "PUNCT", "SYM"})


def _closes(token: Token) -> bool:
    return token.text in _CLOSING


def _open_brackets(tokens: list[Token]) -> bool:
    """Whether ``tokens`` leave a bracket open."""
    depth = 0
    for t in tokens:
        depth += (t.text in _OPENING) - (t.text in _CLOSING)
    return depth > 0


def _title_words(tokens: list[Token]) -> list[Token]:
    """The words of a title (an entity named in it taken out), without a dangling end: cut before a bracket left
    open ("head of the World Trade Organization (" once "WTO" is out), then no punctuation, glue word or
    preposition at either end ("teacher in" once "Ishinomaki" is out is "teacher")."""
    tokens = list(tokens)
    for k, token in enumerate(tokens):
        if token.text in _OPENING and _open_brackets(tokens[k:]):
            tokens = tokens[:k]
            break
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in _TITLE_GLUE or tokens[-1].pos_ in _DANGLING_POS):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in _TITLE_GLUE):
        tokens.pop(0)
    return tokens


def _appositives(span: Span, spans: _Spans) -> list[Token]:
    """The nouns in apposition to a person's name: those the parse hangs on it, and those it hangs on a name before
    it; a singular one belongs to the person named last before it ("Sen. Ann Lee of Ohio and Rep. Tom Hale of Utah,
    the chair of the committee": Hale's, though the parse hangs it on Lee), a plural one to each."""
    doc = span.doc
    hung = [c for c in span.root.children if c.dep_ == "appos"]
    # the rest of the name's sentence, up to 40 tokens: to the next sentence start from the name's end
    end = span.end
    if end < len(doc):
        first, last = sentence_of(doc, end)
        end = min(end if first == end else last, span.end + 40)
    # hung on a name before, set off by a comma after this name: "..., the chair of"; not a noun this name is part of
    # ("an Oscar nomination"), nor one without a comma ("Al Gore protagonist")
    deps, appos = column_list(doc, DEP), _APPOS_ID
    hung += [t for t in (doc[k] for k in range(span.end, end) if deps[k] == appos)
             if t.head.i < span.start and _person_at(t.head.i, spans)
             and t.left_edge.i > span.end and doc[t.left_edge.i - 1].text == ","]
    # a plural one hung on a name joined to this one ("Ann Lee and Tom Hale, the new producers": Lee's too)
    hung += [c for conj in span.root.children if conj.dep_ == "conj" and _person_at(conj.i, spans)
             for c in conj.children if c.dep_ == "appos" and c.tag_ == "NNS"]
    found = []
    for child in hung:
        if child.i < span.end or child.pos_ not in ("NOUN",):
            continue
        # a plural noun is in apposition to every name before it ("Ann Lee and Tom Hale, the new producers")
        between = spans.within(span.end, child.left_edge.i)
        if child.tag_ == "NNS" or not any(label == "PERSON" for _, label in between):
            found.append(child)
    return found


_APPOS_ID = get_string_id("appos")


def _person_at(i: int, spans: _Spans) -> bool:
    found = spans.at(i)
    return found is not None and found[1] == "PERSON"


def _appositive_roles(span: Span, doc: Doc, spans: list[tuple[Span, str]], lex) -> list[RoleCandidate]:
    """ "Eric Besson, France's immigration minister, said" """
    roles = []
    for child in _appositives(span, spans):
        sub = list(child.subtree)
        sub = [t for t in sub if t.i >= span.end and not (t.dep_ == "relcl" or any(a.dep_ == "relcl" for a in t.ancestors if a.i > child.i))]
        sub = [t for t in sub if t.i <= max(x.i for x in child.subtree)]
        while sub and (sub[0].is_punct or sub[0].lower_ in _DETERMINERS):
            sub.pop(0)
        while sub and sub[-1].is_punct and not (_closes(sub[-1]) and _open_brackets(sub[:-1])):
            sub.pop()
        if not sub:
            continue
        organisation = None
        ents = [s for s, label in spans.within(sub[0].i, sub[-1].i + 1) if label in ("GPE", "ORG", "NORP")]
        if ents:
            organisation = ents[0].text
        title_tokens = [t for t in sub if not any(e.start <= t.i < e.end for e in ents) and t.tag_ != "POS"]
        # keep the title from the first title word or noun: drop evaluative adjectives ("staunch")
        while (
            title_tokens
            and title_tokens[0].pos_ == "ADJ"
            and title_tokens[0].head.i == child.i
            and title_tokens[0].lower_ not in lex.portfolios
        ):
            title_tokens.pop(0)
        title_tokens = _title_words(title_tokens)
        if not title_tokens:
            continue
        if ents and ents[0].start == sub[0].i and sub[0].i > 0 and doc[sub[0].i - 1].text == "," \
                and not (ents[0].end < len(doc) and doc[ents[0].end].tag_ == "POS") \
                and not any(t.lower_ in lex.title_heads or t.lower_ in lex.person_only_heads for t in title_tokens) \
                and any(t.tag_.startswith("VB") or len(t.text) > 4 and t.lower_.endswith("ing") for t in title_tokens):
            # "Graham, Booker writing bill": a name opening the apposition with no possessive is a body's only
            # before a title ("Tim Cook, Apple CEO") or a noun ("Bob Reed, Chelsea striker"); before a clause's
            # words (a verb's form, or a word in "-ing" the parse may take for a noun: "writing bill") it is another
            # name of a list, and the words no role
            continue
        title = doc[title_tokens[0].i:title_tokens[-1].i + 1].text
        if len(title_tokens) > 8:
            continue
        roles.append(RoleCandidate(title=title, organisation=organisation, start=span.start_char, end=_token_end(doc[sub[-1].i])))
    return roles


#: verbs that give the person they name a post "as" a title ("named Mary Lund as its chief executive")
_APPOINTING = frozenset({"name", "appoint", "elect", "re-elect", "reelect", "hire", "choose", "select", "pick", "tap",
                         "nominate", "install", "promote", "confirm", "designate", "swear", "recruit"})


def _appointed_roles(span: Span, doc: Doc, spans: list[tuple[Span, str]], lex) -> list[RoleCandidate]:
    """ "The board named Mary Lund as its new chief executive", "Tom Hale was elected as mayor of Harwick": the post
    a verb of appointing gives the name it takes ("as" and a title), without the words that date it ("new")."""
    root = span.root
    verb = root.head
    if root.dep_ not in ("dobj", "nsubjpass", "oprd") or verb.i == root.i or verb.lemma_.lower() not in _APPOINTING:
        return []
    as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > root.i), None)
    if as_prep is None and span.end < len(doc) and doc[span.end].lower_ == "as" and doc[span.end].dep_ == "prep":
        as_prep = doc[span.end]  # "as" right after the name, which the parse hung elsewhere
    title = next((c for c in as_prep.children if c.dep_ == "pobj"), None) if as_prep is not None else None
    if title is None or title.lower_ not in lex.title_heads or title.tag_ not in ("NN", "NNP"):
        return []
    sub = [t for t in title.subtree if not any(a.dep_ == "relcl" for a in [t, *t.ancestors] if a.i > title.i)
           and t.i <= title.right_edge.i]
    named = [(e, label) for e, label in spans.within(sub[0].i, sub[-1].i + 1) if label in ("GPE", "ORG", "NORP")]
    ents = [e for e, _ in named]
    # the body the post is of ("president of the Harwick Academy"), before a nationality in the title ("the first
    # African American president of ...")
    after = [e for e, label in named if e.start > title.i and label != "NORP"]
    organisation = after[0].text if after else ents[0].text if ents else None
    words = [t for t in sub if t.lower_ not in _DETERMINERS and t.dep_ != "poss" and t.tag_ != "POS"
             and not any(e.start <= t.i < e.end for e in ents)]
    while words and words[0].lower_ in _DATING_WORDS:
        words.pop(0)
    words = _title_words(words)
    if not words or len(words) > 8:
        return []
    return [RoleCandidate(title=doc[words[0].i:words[-1].i + 1].text, organisation=organisation,
                          start=span.start_char, end=_token_end(doc[sub[-1].i]))]


#: words that date a post rather than name it ("its new chief executive")
_DATING_WORDS = frozenset({"new", "next", "incoming", "permanent"})
#: words that make a title-only phrase a post someone may come to hold ("a would-be president", "the eventual
#: nominee"), not a person of the story (with a lower-case ordinal: "the first female president"; "the First
#: Minister" is a title); not "next" nor "future": "the nation's next president" is often the president-elect the
#: story names
_POSSIBLE_POST_WORDS = frozenset({"would-be", "prospective", "potential", "possible", "eventual"})


def _token_end(token: Token) -> int:
    return token.idx + len(token)


def _affiliations(span: Span, doc: Doc, spans: list[tuple[Span, str]]) -> list[RoleCandidate]:
    """ "Mark Lattimer from the London-based Minority Rights Group International" """
    roles = []
    for child in span.root.children:
        if child.dep_ != "prep" or child.lower_ not in _AFFILIATION_PREPS or child.i != span.end:
            continue
        for obj in child.children:
            if obj.dep_ != "pobj":
                continue
            ent = _label_at(obj.i, spans)
            if ent is not None and ent[1] == "ORG":
                roles.append(RoleCandidate(title=None, organisation=ent[0].text, start=span.start_char, end=ent[0].end_char))
    return roles


# --- title-only mentions ---------------------------------------------------------------


def _title_mentions(article: Article, doc: Doc, taken: set[int], lex) -> list[MentionCandidate]:
    """Noun phrases headed by a singular title ("France's Immigration Minister", "the minister")."""
    found = []
    heads = [i for i in _indices_of_words(doc, lex.title_heads) if doc[i].tag_ in ("NN", "NNP")]
    if doc.has_annotation("DEP") and not heads:
        return found  # no noun chunk can have a title for its root: spaCy's chunk walk is not needed
    for start, end in noun_chunk_bounds(doc):
        k = bisect_left(heads, start)
        if k == len(heads) or heads[k] >= end:
            continue  # no title noun in the chunk, so none for its root: no Span made
        chunk = doc[start:end]
        root = chunk.root
        if root.lower_ not in lex.title_heads or root.tag_ not in ("NN", "NNP"):
            continue
        if root.i in taken or any(t.i in taken and t.ent_type_ not in ("GPE", "NORP", "ORG") for t in chunk):
            continue
        if root.dep_ in ("compound", "appos") or root.dep_ == "attr":
            continue
        if _governs_name(root, taken):
            continue
        tokens = list(chunk)
        determiner = tokens[0].lower_ if tokens and tokens[0].lower_ in _DETERMINERS else None
        if determiner not in (None, "the"):
            continue
        if any(t.i < root.i and t.text.islower() and (t.ent_type_ == "ORDINAL" or t.lower_ in _POSSIBLE_POST_WORDS)
               for t in tokens):
            continue  # "the first female president", "a potential nominee": a post, not the story's holder of it
        core = [t for t in tokens if t.lower_ not in _DETERMINERS]
        organisation = after = None
        poss = [t for t in core if t.dep_ == "poss" and t.head.i == root.i]
        if poss:
            organisation = doc[poss[0].left_edge.i:poss[0].i + 1].text
            core = [t for t in core if t.i > poss[0].i and t.tag_ != "POS"]
        elif core and core[0].ent_type_ in ("NORP", "GPE") and core[0].i != root.i:
            organisation = core[0].text
            core = core[1:]
        else:
            organisation = after = _body_after_title(root)
        title_of = _thing_after_title(root, lex) if organisation is None else None
        core = [t for t in core if t.pos_ != "ADJ" or t.lower_ in lex.portfolios or t.text[:1].isupper()]
        if not core:
            continue
        capitalised = any(t.text[:1].isupper() for t in core if t.i != chunk.sent.start)
        if not (capitalised or determiner == "the" or organisation and after is None):
            # "as host of the Harwick Awards": a bare title with a body after it is a post said of someone, no one spoken of
            continue
        title_key = " ".join(t.lower_ for t in core)
        start_tok = chunk.start if determiner else (poss[0].left_edge.i if poss else core[0].i)
        start = doc[start_tok].idx
        end = chunk.end_char
        found.append(
            MentionCandidate(
                article_id=article.id,
                start=start,
                end=end,
                text=doc_text(doc)[start:end],
                label="PERSON",
                kind="title",
                title_key=title_key,
                title_head=root.lower_,
                organisation=organisation,
                organisation_after=after is not None,
                title_of=title_of,
                tokens=(start_tok, chunk.end),
            )
        )
    return found


def _body_after_title(root: Token) -> str | None:
    """The organisation a title-only mention's holder is that of, named after it ("the spokeswoman for Norvel", "the
    chairman of Brightco"): the name of an organisation the title's "for", "of" or "at" takes."""
    for prep in root.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "at"):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.ent_type_ == "ORG":
                tokens = [t for t in obj.subtree if t.ent_type_ == "ORG" and t.ent_iob_ in ("B", "I")]
                if tokens:
                    return root.doc[tokens[0].i:tokens[-1].i + 1].text
    return None


def _thing_after_title(root: Token, lex) -> str | None:
    """The common noun of a thing a title is of, named after it ("house" of "the owner of the burned house", "car" of
    "the owner of the car"): an object of "of" or "for" that is a common noun and no name, nor a noun of a body, a
    place or a portfolio ("the owner of the club", "the mayor of the city", "the minister for health" are posts the
    story's holder may hold); None otherwise."""
    for prep in root.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if obj.pos_ != "NOUN" or obj.ent_type_ or any(t.pos_ == "PROPN" or t.ent_type_ for t in obj.subtree):
                return None
            lemma = obj.lemma_.lower()
            if lemma in lex.organisation_kinds or lemma in lex.portfolios or obj.lower_ in lex.portfolios \
                    or is_body_word(lemma) or lemma in lex.people_nouns or lemma in lex.title_heads:
                return None
            return lemma
    return None


def _governs_name(root: Token, taken: set[int]) -> bool:
    """Whether a title noun has a name attached ("Minister ... Besson" parsed the other way)."""
    return any(child.i in taken and child.dep_ in ("compound", "appos", "flat") for child in root.children)
