"""Numbers in one article: counts, money, percentages, fractions and measures, with their approximators.

A pure function of ``(Article, Doc)``.  The numbers are found by a small rule set on the characters
(news writes "$1.762bn", "5-10W", "155mph", "HK$3.7 billion", which spaCy's tokens cut in odd places);
the parse and the named entities are used for what the characters cannot tell: whether a number is a
date, a time or an ordinal, whether "one" is a number or a pronoun, and what a count counts.

What one claim covers, left to right:

- an approximator ("around", "more than", "just over", "up to", "at least", "~": see ``[approximators]``
  in ``data/quantities.toml``), or "between"/"from" opening a range;
- a currency sign or code before the amount ("$", "€", "£", "¥", "US$", "HK$", "EUR", "Y="...);
- the number: digits ("979", "1,000", "246.68", ".534"), words ("Fifteen", "twenty-eight thousand six
  hundred forty-two", "a dozen") or a fraction ("a fifth" = 0.2, "two thirds");
- a scale ("10 million", "$1.8bn", "25k"; a glued "m"/"b" is a scale only after a currency);
- what follows: a currency word or code ("300 euros", "246.68 pounds", "100 USD"), a percent ("10 percent",
  "15%", "per cent"), a unit of measure ("30 yards", "155mph", "8.5 kW", "three months") or an age
  ("50 year-old");
- a second number joined by "-", "to", "or" (a larger one, no "respectively" later in the sentence: "four or five boats") or "and" (after "between"): a
  range, sharing the first one's unit and the second one's scale ("$10 to $15 billion", "four to five thousand");
- "or so", "or more", "+" after it; "a NOUN or" before a small number makes a loose amount of one or a few
  (``approx="vague"``: "a day or two", "a round or two"), no count.

Vague amounts ("dozens", "thousands", "tens of millions", "a majority") are claims with ``approx="vague"``;
``value``/``value_max`` are the order of magnitude the phrase names (``[vague]`` in the data file:
"thousands" = 1,000 to 10,000; "a majority" = 50 to 100 percent).

Not quantities: years ("in 2019", "the 1988 film"), days of the month, times ("5am", "10:45"), tallies, scores and
records ("a 55-45 vote", "passed 62 to 38", "an 18-30 start": a hyphenated pair that counts no plural noun), ordinals
("10th", spaCy's ORDINAL), decades ("1990s"), numbers joined by "-by-" ("a four-by-four car"), phone numbers, list
markers ("1." at a line's start), labels
("Section 427", "iPhone 11", "S&P 500", "Part 3") and numbers glued to letters ("S23", "XC40", "F-150").
A number inside a spaCy DATE or TIME entity is kept only when it is a duration ("three months",
"200 days") or an age ("50 year-old"), or when it opens the report after a dateline's filing date that the entity
ran over ("DUNMORE, June 12 - Five workers").

``unit`` is an ISO 4217 code for money, "percent" for percentages, the normalised unit name for measures
("mile per hour", "kilogram", "year of age"), the counted noun for counts ("Roma", "worker"), else None.
``counts`` says what the number counts: the noun it modifies with its modifiers ("300 Roma" -> "Roma",
"979 Roma had been repatriated" -> "Roma repatriated"); for money and measures the unit of reference when
one follows ("for an adult", "for each of their children", "per month").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Token

from ..models import Article, Claim, Span
from ..parse.dateline import datelines
from ..parse.layout import address_line_holding
from ..parse.pipeline import doc_columns, doc_ents, doc_text
from ..resources import _load
from .ranges import TakenRanges
from .regex_gates import gated, may_match, needed_literals, prefilter_text

logger = logging.getLogger(__name__)

_YEAR_MIN, _YEAR_MAX = 1000, 2100
_DATE_PREPS = frozenset({"in", "since", "until", "till", "by", "of", "from", "during", "before", "after", "year",
                         "years", "season", "circa", "early", "late", "mid", "through", "summer", "winter",
                         "spring", "autumn", "fall", "to", "and", "between"})
# "four-, five- and six-cylinder": a hyphen left hanging before a list goes on to the last item's noun
_SUSPENDED_HYPHEN = re.compile(r"-,?\s+(?:(?:and|or|to)\s+)?(?:[\w.]+-,?\s+(?:(?:and|or|to)\s+)?)*[\w.]+-[A-Za-z]")
# "the number of Roma expelled ... to 8,300": nouns whose "of" names what a figure after "to"/"at" counts
_TALLIES = frozenset({"number", "total", "tally", "toll", "count", "figure"})
# "a magnitude 6.8 earthquake", "measured the quake at magnitude 7.1": a scale named before its reading
_SCALES_BEFORE = re.compile(r"(?i)\b(magnitude|richter)[\s-]+$")
_SHARE_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"})
#: words after a share's whole that open its scope ('of delinquency [in Paris]')
SCOPE_PREPS = frozenset({"in", "across", "among", "within", "throughout", "from"})
#: adjectives of a counted noun that make its count a rate ("137,000 new daily cases", "2,000 weekly flights")
_RATE_ADJECTIVES = {"hourly": "hour", "daily": "day", "nightly": "night", "weekly": "week", "monthly": "month",
                    "annual": "year", "yearly": "year"}
_RATE = re.compile(r"\s*(?:per|a|an|each|every|/)\s*(second|minute|hour|day|night|week|month|year|game|match|season)\b"
                   r"(?!\s+(?:earlier|ago|later|before|after|on|from))", re.IGNORECASE)
#: a tally or a score: a whole number, a hyphen or dash (or " to "), and a smaller one ("a 55-45 vote", "won 3-1",
#: "passed 62 to 38"), neither part of a longer chain of numbers (a date) nor opened by "from"/"between" (a change)
#: (the dash written with a space on each side too, as in text split into tokens: "a 43 - 39 record")
_SCORE_AFTER = re.compile(r"(?:[-–—]| [-–—] | to )(\d+)(?!\d|[.,]\d|[-–—/]\d|\s*(?:%|percent|per cent))")
_SCORE_BEFORE = re.compile(r"(?<![\d.,/–—-])(?<!\d[-–—/])(\d+)(?:[-–—]| [-–—] | to )$")
#: a record of wins, losses and draws: three whole numbers joined by hyphens, the last of one digit ("45-7-2")
_RECORD_OF_THREE = re.compile(r"[-–—]\d{1,3}[-–—]\d(?!\d|[.,/-]\d)")
#: the dependencies by which a number reaches the noun it counts
_NUMBER_DEPS = ("nummod", "quantmod", "compound", "amod", "nmod")
_CONTRAST = re.compile(r"\b(?:while|whereas|but|compared (?:with|to)|against|versus|vs|than|from)\b", re.IGNORECASE)
# an age after the number: "50 year-old", "18-month-old", "60 years old", "five-year-olds", "45 years of age"
_AGE_AFTER = re.compile(r"(?:\s|-)?(year|month|week|day)s?(?:[\s-]olds?\b|\s+of\s+age\b)", re.IGNORECASE)
# an age named before the number ("aged 12", "ages 5 to 11", "the age of 67"), up to two words between
_AGE_BEFORE = re.compile(r"\b(?:aged|ages?(?:\s+of)?)\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE)
#: digits of one number; a thousands separator may stand alone between spaces where text split into tokens set it
#: apart ("20 , 000 people": one number, 20,000, not 20 and a "000" dropped as a code)
#: and so may a decimal point, where a currency sign before or a scale or percent after tells it from a sentence's
#: end ("$2 . 6 million", "£1 . 7m", "4 . 5 percent": 2.6, 1.7, 4.5; not "... in 2008 . 10 people")
_ATOM_DIGITS = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: , \d{3}(?!\d|\.\d|,\d))+"
                r"|(?<=[$£€¥])\d{1,3} \. \d{1,3}(?![\d.,])"
                r"|\d{1,3} \. \d{1,3}(?=\s?(?:-\s?)?(?:million|billion|trillion|mn?\b|bn\b|percent|per cent|%))"
                r"|\d+(?:\.\d+)?|\.\d+)")
#: :data:`_ATOM_DIGITS` tried only where a digit or a full stop starts (the same matches, found faster)
_ATOM_DIGITS_AT = gated(re.compile(_ATOM_DIGITS))
#: "-by-" joining two numbers of a kind of thing ("a four-by-four car", "four - by - four", "two-by-four planks")
_BY_AFTER = re.compile(r"\s*-\s*by\s*-\s*(?:\d|one|two|three|four|five|six|eight|ten|twelve)\b", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s*-\s*$", re.IGNORECASE)
#: "respectively" later in a sentence pairs the figures before it with things one by one: "A or B" there is no range
_RESPECTIVELY = re.compile(r"(?i)\brespectively\b")
# a label's colon ("Update 5: the road is open"), not a clock's ("5:30")
_HEADING_COLON = re.compile(r"\s?:(?!\d)")
# the tags of a word opening a tally, not a heading's label, before its number and a colon ("Killed 5:", "Dead 12:")
_TALLY_TAGS = frozenset({"VBN", "VBD", "VBG", "JJ", "JJR", "JJS"})
# what stands before a sentence's or a line's first word (the text's start, a line break, a full stop)
_OPENS_SENTENCE = re.compile(r"(?:\A|[\n.!?\"”]|^)[ \t]*$")
# the joiners of a range the first number of which a time unit after the second measures ("two or three weeks")
_RANGE_JOINER = re.compile(r"\s*(?:-|–|—|to|or|through)\s*|\s+and\s+")


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence holding ``start`` ends, roughly (the next full stop, question or exclamation mark followed
    by a space or the end, else the end of the text)."""
    found = re.compile(r"[.!?](?:\s|$)").search(text, start)
    return found.end() if found else len(text)


#: "a day or " before a number: with it, a loose amount ("a day or two", "a round or two"), not a count
_A_NOUN_OR = re.compile(r"(?i)\b(?:a|an)\s+[a-z]+\s+or\s+$")
#: a run of number words of :attr:`Lexicon.word_number` made of articles and "and" only (no number in it)
_ARTICLES_ONLY = re.compile(r"(?:a|an|and)(?:[\s-]+(?:a|an|and))*", re.IGNORECASE)


#: the days a count of new things may be dated to, making it that day's figure ("2,100 new cases on Sunday")
_ONE_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                       "today"})


#: verbs of a change of level, before "by X to Y" (a change and a level, not a range; "from X to Y" stays a range, as
#: NewsQuant annotates it)
_CHANGE_VERBS = (r"(?:rose|risen|rising|rises|fell|fallen|falling|falls|climbed|climbing|dropped|dropping|increased|"
                 r"increasing|decreased|decreasing|declined|declining|jumped|jumping|grew|grown|growing|shrank|shrunk|"
                 r"slipped|slid|plunged|plummeted|surged|soared|tumbled|sank|gained|lost|revised|raised|cut|reduced|"
                 r"lowered|slashed|boosted|went|moved|edged|ticked|up|down|higher|lower)")
_CHANGED_BY_BEFORE = re.compile(rf"\b{_CHANGE_VERBS}(?:\s+\w+ly)?\s+by\s+$", re.I)
#: verbs that move a figure, before "up to" or "down to" (a direction, not a bound): "revised up to 590,000"
_MOVED_BEFORE = re.compile(r"\b(?:revised|raised|marked|adjusted|bumped|ticked|moved|pushed|went|gone|going|"
                           r"rounded|scaled)\s+$", re.I)


def _averaged(head: Token) -> bool:
    """Whether the noun a number counts is averaged: "the 151,000 case average" (a compound of "average"), "an
    average of 151,000 cases", "averaging 151,000 cases"."""
    up = head.head
    if head.dep_ == "compound" and up.lemma_.lower() in ("average", "mean"):
        return True
    if head.dep_ == "pobj" and up.lower_ == "of" and up.head.lemma_.lower() in ("average", "mean"):
        return True
    return head.dep_ == "dobj" and up.lemma_.lower() == "average" and up.pos_ == "VERB"


def _of_one_day(head: Token) -> bool:
    """Whether the clause of a counted noun dates it to one day: its verb has a weekday, "yesterday" or "today"
    ("recorded 2,100 new cases Sunday", "on Sunday")."""
    verb = head
    while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    for child in verb.children:
        if child.lower_ in _ONE_DAYS and child.dep_ in ("npadvmod", "nmod", "advmod", "obl", "dobj"):
            return True
        if child.dep_ == "prep" and child.lower_ == "on" and any(g.lower_ in _ONE_DAYS for g in child.children):
            return True
    return False


@dataclass(frozen=True)
class _Lexicon:
    numbers: dict[str, float]
    scales: dict[str, float]
    glued_scales: dict[str, float]
    fractions: dict[str, float]
    approximators: dict[str, str]
    post_approximators: dict[str, str]
    currency_prefixes: dict[str, str]
    currency_words: dict[str, str]
    minor_units: frozenset[str]
    weight_cues: tuple[str, ...]
    percent: tuple[str, ...]
    units: dict[str, str]
    units_cs: dict[str, str]
    time_units: frozenset[str]
    vague: dict[str, tuple[float, float, str]]
    identifier_words: frozenset[str]
    months: frozenset[str]
    # compiled patterns
    word_number: re.Pattern = field(repr=False, default=None)  # type: ignore[assignment]
    #: ``word_number`` matching case as it is, for an ASCII text lowered (its words are all in lower case)
    word_number_lowered: re.Pattern = field(repr=False, default=None)  # type: ignore[assignment]
    prefix_re: re.Pattern = field(repr=False, default=None)  # type: ignore[assignment]
    approx_re: re.Pattern = field(repr=False, default=None)  # type: ignore[assignment]
    suffix_re: re.Pattern = field(repr=False, default=None)  # type: ignore[assignment]
    vague_re: re.Pattern = field(repr=False, default=None)  # type: ignore[assignment]


def _alternation(words, flags_sensitive: bool = False) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=32)
def _lexicon_alternation(name: str) -> str:
    """``_alternation`` of one word list of the (loaded once) lexicon, built once instead of per match."""
    return _alternation(getattr(lexicon(), name))


# The patterns the per-number tests read, compiled once: ``re.match(pattern, text[i:])`` became
# ``PATTERN.match(text, i)`` only for a pattern that opens with no lookbehind, word boundary or anchor, whose match
# is the same there (no copy of the rest of the text per test); the others read the same slices as before.
_AGE_UNIT = re.compile(r"\s?(year|month|week|day)s?\b", re.IGNORECASE)
_SPACE = re.compile(r"\s")
_PER_UNIT = re.compile(r"(?:\s?per\s|\s?a\s|-a-|/)(second|minute|hour|day|week|month|year|game)\b", re.IGNORECASE)
_GLUED_SCALE = re.compile(r"([kKmMbB])(?![\w])")
_WORD_BEFORE_HYPHEN = re.compile(r"([A-Za-z0-9]+)-$")
_SPACED_CLOCK_AFTER = re.compile(r"[ \t]:[ \t]\d{2}\b")
_SPACED_CLOCK_BEFORE = re.compile(r"\d[ \t]:[ \t]$")
_LETTERS_AT = re.compile(r"[A-Za-z]+")
_CLOCK_WORD_AFTER = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|BST|ET\b|EST|CET|UTC)")
_POINT_DIGIT = re.compile(r"\.\d")
_DIGITS_ONLY = re.compile(r"\d+")
_DECADE_S = re.compile(r"'?s\b")
_LIST_MARK = re.compile(r"[.)]\s")
_PHONE = re.compile(r"\d{3}[-. ]\d{3,4}[-. ]\d{3,4}|\(\d{3,4}\)\s?\d{3}|\+\d{1,3}[\s-]\d")
_PHONE_WORD_BEFORE = re.compile(r"\b(?:call|phone|tel|telephone|fax|dial|ring|hotline|number)\W{0,3}(?:\d[\d\s().-]*)?$",
                                re.IGNORECASE)
_DATE_PART_AFTER = re.compile(r"[-/.]\d{1,2}[-/.]\d{2,4}\b")
_DATE_PART_BEFORE = re.compile(r"(?:\d{4}|\d{1,4}[-/]\d{1,4})[-/]$|\d{1,4}/$")
_NUMBER_HYPHEN_BEFORE = re.compile(r"\d{1,4}-$")
_SECOND_NUMBER_AFTER = re.compile(r"[-/]\d")
_PERCENT_RANGE_AFTER = re.compile(r"-\d+(?:\.\d+)?\s*(?:%|percent|per cent)")
_SEASON_YEARS_AFTER = re.compile(r"\s*[-–/]\s*\d{2,4}\b")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_CLOSING_BRACKET = re.compile(r"\s*\)")
_MINUS_BEFORE = re.compile(r"minus[\s-]$", re.IGNORECASE)
_WORD_RUN = re.compile(r"[\w.&'’-]+")


@lru_cache(maxsize=32)
def _lexicon_pattern(before: str, name: str, after: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(before + "(" + _lexicon_alternation(name) + ")" + after, flags)``, compiled once (built per
    number before)."""
    return re.compile(f"{before}({_lexicon_alternation(name)}){after}", flags)


def _after_open_bracket(text: str, pos: int) -> bool:
    """Whether ``text[:pos]`` ends with "(" and white space only (``re.search(r"\\(\\s*$", text[:pos])``, without
    copying and searching the whole text before ``pos``)."""
    k = pos
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return k > 0 and text[k - 1] == "("


@lru_cache(maxsize=1)
def _fraction_pattern() -> tuple[re.Pattern[str], frozenset[str] | None]:
    """A number word and a fraction ("two thirds", "a quarter"), gated on its first characters, and the strings
    one of which every match holds (:mod:`~storylens.extract.regex_gates`)."""
    pattern = re.compile(rf"\b(a|an|one|{_lexicon_alternation('numbers')})[\s-]+({_lexicon_alternation('fractions')})\b",
                         re.IGNORECASE)
    return gated(pattern), needed_literals(pattern)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = _load("quantities.toml")
    numbers = {k.lower(): float(v) for k, v in data["numbers"].items()}
    scales = {k.lower(): float(v) for k, v in data["scales"].items()}
    lex = _Lexicon(
        numbers=numbers,
        scales=scales,
        glued_scales={k: float(v) for k, v in data["glued_scales"].items()},
        fractions={k.lower(): float(v) for k, v in data["fractions"].items()},
        approximators={k.lower(): v for k, v in data["approximators"].items()},
        post_approximators={k.lower(): v for k, v in data["post_approximators"].items()},
        currency_prefixes=dict(data["currency_prefixes"]),
        currency_words={k.lower(): v for k, v in data["currency_words"].items()},
        minor_units=frozenset(data["minor_units"]),
        weight_cues=tuple(data["weight_cues"]["words"]),
        percent=tuple(data["percent"]["words"]),
        units={k.lower(): v for k, v in data["units"].items()},
        units_cs=dict(data["units_case_sensitive"]),
        time_units=frozenset(data["time_units"]["words"]),
        vague={k.lower(): (float(v[0]), float(v[1]), str(v[2])) for k, v in data["vague"].items()},
        identifier_words=frozenset(w.lower() for w in data["identifier_words"]["words"]),
        months=frozenset(w.lower() for w in data["months"]["words"]),
    )
    word = _alternation(list(numbers) + list(scales) + ["a", "an", "and"])
    # a run of number words: "twenty-eight thousand six hundred forty-two", "a dozen", "Fifteen"
    object.__setattr__(
        lex, "word_number",
        gated(re.compile(rf"\b(?:{word})(?:(?:[\s-]+)(?:{word}))*\b", re.IGNORECASE)),
    )
    object.__setattr__(lex, "word_number_lowered", re.compile(lex.word_number.pattern, re.NOFLAG))
    object.__setattr__(
        lex, "prefix_re",
        re.compile(rf"(?:{_alternation(lex.currency_prefixes)})\s?$"),
    )
    object.__setattr__(
        lex, "approx_re",
        re.compile(rf"(?:^|(?<=[\s(\"'“]))({_alternation(lex.approximators)})\s*$", re.IGNORECASE),
    )
    vague = _alternation(lex.vague)
    object.__setattr__(lex, "vague_re", gated(re.compile(rf"\b(?:{vague})\b", re.IGNORECASE)))
    return lex


@dataclass
class _Number:
    start: int
    end: int
    value: float
    words: bool = False
    fraction: bool = False
    scaled: bool = False


@dataclass
class _Quantity:
    start: int
    end: int
    value: float | None
    value_max: float | None = None
    approx: str = "exact"
    unit: str | None = None
    kind: str = "count"
    counts: str | None = None
    number_end: int = 0  # end of the (last) number, for the parse
    number_start: int = 0
    has_suffix: bool = False
    tally: bool = False  # a record or score ("a 9-14 start"): no quantity, its numbers taken


def extract_quantities(article: Article, doc: Doc) -> list[Claim]:
    """Every quantity in ``article``; ids are ``{article.id}-n{k}`` in text order.  Never raises."""
    try:
        found = _Finder(article.text, doc).run()
    except Exception:  # noqa: BLE001 - an odd text must not stop the pipeline
        logger.exception("quantity extraction failed on article %s", article.id)
        return []
    # no figure of a saved page's address line ("... / heavyweight - belts / 11614 /"): an id, no quantity
    found = [q for q in found if address_line_holding(article.text, q.start) is None]
    claims = []
    for k, q in enumerate(sorted(found, key=lambda q: (q.start, q.end)), 1):
        text = article.text[q.start:q.end]
        claims.append(
            Claim(
                id=f"{article.id}-n{k}",
                article_id=article.id,
                span=Span(article_id=article.id, start=q.start, end=q.end, text=text),
                value=q.value,
                value_max=q.value_max,
                approx=q.approx,  # type: ignore[arg-type]
                unit=q.unit,
                kind=q.kind,  # type: ignore[arg-type]
                counts=q.counts,
            )
        )
    return claims


# --- finding numbers ---------------------------------------------------------------------------


class _Finder:
    def __init__(self, text: str, doc: Doc):
        self.text = text
        self.doc = doc
        self.lex = lexicon()
        self.char_token = [-1] * (len(text) + 1)
        if doc is not None and doc_text(doc) == text:
            if len(doc):
                # each character's token, from spaCy's arrays (no Token objects made)
                table = doc_columns(doc, [IDX, LENGTH]).astype(np.int64)
                starts, lengths = table[:, 0], table[:, 1]
                offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
                char_token = np.full(len(text) + 1, -1, dtype=np.int64)
                char_token[np.repeat(starts, lengths) + offsets] = np.repeat(np.arange(len(doc)), lengths)
                self.char_token = char_token.tolist()
        else:
            self.doc = None
        self.taken = TakenRanges()

    # .. helpers ..................................................................................

    def token_at(self, char: int) -> Token | None:
        if self.doc is None or not 0 <= char < len(self.text):
            return None
        i = self.char_token[char]
        return self.doc[i] if i >= 0 else None

    def ent_at(self, char: int) -> str:
        token = self.token_at(char)
        if token is None:
            return ""
        ent = token.ent_type_
        if ent in ("DATE", "TIME") and token.ent_iob_ == "I" and self.after_dateline(token):
            return ""  # "DUNMORE, June 12 - Five workers were killed": the filing date's entity run past its dash
        return ent

    def after_dateline(self, token: Token) -> bool:
        """Whether ``token`` starts the report or follows it while its entity starts in a dateline before it
        ("June 12 - Five" tagged one DATE): the entity's words after the dateline's dash are no date's."""
        found = datelines(self.text)
        if not found:
            return False
        first = token
        while first.i > 0 and first.ent_iob_ == "I":
            first = first.doc[first.i - 1]
        dateline = next((d for d in found if d.start <= first.idx < d.end), None)
        return dateline is not None and token.idx >= dateline.end

    def overlaps(self, start: int, end: int) -> bool:
        return self.taken.overlaps(start, end)

    def word_before(self, pos: int, n: int = 1) -> list[str]:
        words = _WORD_RUN.findall(self.text[max(0, pos - 60):pos])
        return [w.lower() for w in words[-n:]]

    def sentence_of(self, pos: int) -> str:
        token = self.token_at(pos)
        if token is not None:
            return token.sent.text
        return self.text[max(0, pos - 200):pos + 200]

    # .. main loop ..................................................................................

    def run(self) -> list[_Quantity]:
        atoms = self.atoms()
        out: list[_Quantity] = []
        i = 0
        while i < len(atoms):
            atom = atoms[i]
            if self.overlaps(atom.start, atom.end):
                i += 1
                continue
            q = self.build(atom, atoms, i)
            if q is not None:
                if not q.tally:
                    out.append(q)
                self.taken.append((q.start, q.end))
            i += 1
        out.extend(self.vague_amounts())
        self.share_suspended_units(out)
        self.share_elided_units(out)
        return out

    def share_elided_units(self, found: list[_Quantity]) -> None:
        """ "rose 2 percent but the Nasdaq fell by 1", "460 vehicles this year compared with 63": a bare number
        contrasted with an earlier figure of its sentence, of the same order of magnitude, has that figure's unit."""
        ordered = sorted(found, key=lambda q: q.start)
        for k, q in enumerate(ordered):
            if q.kind != "count" or q.unit is not None or q.counts is not None or q.value is None or q.approx == "vague":
                continue
            if q.value_max is not None or self.token_at(q.number_start) is None:
                continue
            sentence = self.token_at(q.number_start).sent
            for src in reversed(ordered[:k]):
                if src.start < sentence.start_char or src.unit is None or src.value is None or src.approx == "vague":
                    continue
                if not src.value or not 0.1 <= q.value / src.value <= 10:
                    continue
                if re.search(r"(?i)\b(?:cents?|pence|p)\s*$", self.text[src.start:src.end]):
                    break  # "84.75 cents ... 74.07": the value would change with the unit
                gap = self.text[src.end:q.start]
                if not _CONTRAST.search(gap) or re.search(r"\bto\s*$", gap):
                    break
                q.unit, q.kind, q.counts = src.unit, src.kind, src.counts
                break

    def share_suspended_units(self, found: list[_Quantity]) -> None:
        """ "four-, five- and six-cylinder engines": each number counts what the last one's compound names."""
        ordered = sorted(found, key=lambda q: q.start)
        for k in range(len(ordered) - 2, -1, -1):
            q, nxt = ordered[k], ordered[k + 1]
            m = _SUSPENDED_HYPHEN.match(self.text, q.end)
            if m and q.kind == "count" and nxt.start < q.end + m.end() and nxt.kind in ("count", "measure"):
                q.unit, q.kind, q.counts = nxt.unit, nxt.kind, nxt.counts

    def atoms(self) -> list[_Number]:
        lex = self.lex
        found: list[_Number] = []
        for m in _ATOM_DIGITS_AT.finditer(self.text):
            s, e = m.span()
            if s > 0 and (self.text[s - 1].isdigit() or self.text[s - 1] in ",."):
                if not (self.text[s - 1] == "." and m.group(0).startswith(".")):
                    continue
            if m.group(0).startswith(".") and s > 0 and self.text[s - 1].isalnum():
                continue
            try:
                value = float(m.group(0).replace(" , ", "").replace(",", "").replace(" . ", "."))
            except ValueError:
                continue
            found.append(_Number(s, e, value))
        # an ASCII text lowered is matched as it is (ASCII letters fold as they lower, and lowering moves no
        # character), which is faster than matching without regard to case; any other text is matched so
        text = self.text
        runs = lex.word_number_lowered.finditer(text.lower()) if text.isascii() else lex.word_number.finditer(text)
        for m in runs:
            written = text[m.start():m.end()]  # m.group(0) of the text as written
            if _ARTICLES_ONLY.fullmatch(written):
                continue  # "a", "an", "and" alone: :meth:`parse_words` trims every such word, leaving no number
            for start, phrase in self.split_word_run(m.start(), written):
                parsed = self.parse_words(start, phrase)
                if parsed is not None:
                    found.append(parsed)
        fraction, needed = _fraction_pattern()
        for m in fraction.finditer(self.text) if may_match(needed, prefilter_text(self.text)) else ():
            frac = self.parse_fraction(m)
            if frac is not None:
                found.append(frac)
        found.sort(key=lambda n: (n.start, -(n.end - n.start)))
        result: list[_Number] = []
        for n in found:
            if result and n.start < result[-1].end:
                continue
            result.append(n)
        return result

    def split_word_run(self, start: int, phrase: str) -> list[tuple[int, str]]:
        """A run of number words cut where "and" joins two numbers rather than continuing one: "and" goes
        on a number only after "hundred" or a scale ("two hundred and five", "a thousand and one"), so
        "five- and six-cylinder" and "two and three" are two numbers each."""
        scales = self.lex.scales
        words = list(re.finditer(r"[A-Za-z]+", phrase))
        pieces, begin = [], 0
        for k, w in enumerate(words):
            if w.group(0).lower() != "and" or k == 0:
                continue
            if words[k - 1].group(0).lower() not in scales:
                pieces.append((begin, w.start()))
                begin = w.end()
        pieces.append((begin, len(phrase)))
        out = []
        for a, b in pieces:
            piece = phrase[a:b]
            lead = len(piece) - len(piece.lstrip(" -"))
            piece = piece.strip(" -")
            if piece:
                out.append((start + a + lead, piece))
        return out

    def parse_words(self, start: int, phrase: str) -> _Number | None:
        """Value of a run of number words; leading "a"/"an"/"and" and trailing "and" are trimmed."""
        lex = self.lex
        parts = [(m.start(), m.end(), m.group(0).lower()) for m in re.finditer(r"[A-Za-z]+", phrase)]
        while parts and parts[-1][2] in ("and", "a", "an"):
            parts.pop()
        while parts and parts[0][2] == "and":
            parts.pop(0)
        if not parts:
            return None
        if parts[0][2] in ("a", "an"):
            if len(parts) < 2 or parts[1][2] not in ("hundred", "thousand", "million", "billion", "dozen", "trillion"):
                return None
            if len(parts) > 2 and parts[2][2] not in lex.numbers and parts[2][2] not in lex.scales:
                parts = parts[:2]
        if any(p[2] in ("a", "an") for p in parts[1:]):
            parts = parts[: next(i for i, p in enumerate(parts) if i > 0 and p[2] in ("a", "an"))]
        words = [p[2] for p in parts]
        if all(w in lex.scales or w in ("and",) for w in words):
            return None  # "million" alone is a scale, read with the number before it
        if words[0] in lex.scales or words[0] in ("mn", "bn", "tn", "trn", "mln"):
            return None
        total, current = 0.0, 0.0
        for w in words:
            if w in ("a", "an"):
                current = 1.0
            elif w == "and":
                continue
            elif w == "dozen":
                current = (current or 1.0) * 12
            elif w in lex.numbers:
                current += lex.numbers[w]
            elif w == "hundred":
                current = (current or 1.0) * 100
            elif w in lex.scales:
                total += (current or 1.0) * lex.scales[w]
                current = 0.0
        value = total + current
        s, e = start + parts[0][0], start + parts[-1][1]
        if len(words) == 1:
            token = self.token_at(s)
            if token is not None and token.pos_ not in ("NUM",) and not (token.text[:1].isupper() and
                                                                          token.pos_ in ("PROPN", "ADJ")):
                if not _SUSPENDED_HYPHEN.match(self.text, e):
                    return None
            if words[0] == "one" and self.one_is_pronoun(s, e):
                return None
        return _Number(s, e, value, words=True, scaled=any(w in lex.scales and w != "hundred" for w in words))

    def one_is_pronoun(self, s: int, e: int) -> bool:
        before = self.word_before(s, 1)
        after = re.match(r"\s*([\w']+)", self.text[e:])
        nxt = after.group(1).lower() if after else ""
        if before and before[0] in ("no", "the", "this", "that", "every", "any", "each", "which", "last", "only",
                                   "another", "someone", "anyone", "little", "big", "new", "old", "on"):
            return True
        if re.match(r"\s*\d", self.text[e:]):
            return True  # "just one 52,000 barrel-a-day refinery": an article, not a count
        if nxt == "or" and re.match(r"\s*or\s+(?:two|three|four|five|\d)", self.text[e:], re.IGNORECASE):
            return False  # "one or two people": a range of one to two
        return nxt in ("another", "day", "time", "way", "thing", "or")

    def parse_fraction(self, m: re.Match) -> _Number | None:
        lex = self.lex
        head, frac = m.group(1).lower(), m.group(2).lower()
        numerator = 1.0 if head in ("a", "an", "one") else lex.numbers.get(head, 0.0)
        if numerator <= 0:
            return None
        rest = self.text[m.end():]
        nxt = re.match(r"\s*([\w]+)?", rest)
        nxt_word = (nxt.group(1) or "").lower() if nxt else ""
        token = self.token_at(m.start(2))
        # "a third" as an ordinal adjective ("a third straight win", "a quarter of an hour" is fine)
        if nxt_word and nxt_word not in ("of", "and", "or", "to", "in", "the") and re.match(r"\s*\w", rest):
            if token is not None and token.pos_ in ("ADJ",) and frac not in ("half", "quarter"):
                return None
            if nxt_word not in ("of",) and frac not in ("half",):
                return None
        if rest.startswith("-"):
            return None  # "a third-party evaluation"
        if frac in ("quarter", "quarters") and nxt_word != "of":
            return None  # "the fourth quarter", "a quarter" of a year
        if frac == "half" and head in ("a", "an") and nxt_word not in ("of", ""):
            return None
        return _Number(m.start(), m.end(), numerator / lex.fractions[frac], words=True, fraction=True)

    # .. building one quantity ............................................................................

    def counts_plural(self, end: int) -> bool:
        """Whether the word after ``end`` (its modifiers passed) is a plural noun: what a range counts."""
        token = self.token_at(len(self.text) - len(self.text[end:].lstrip()))
        while token is not None and token.dep_ in ("amod", "compound", "nummod") and token.head.i > token.i:
            token = token.head
        return token is not None and token.tag_ in ("NNS", "NNPS")

    def build(self, atom: _Number, atoms: list[_Number], index: int) -> _Quantity | None:
        text, lex = self.text, self.lex
        if atom.fraction:
            return self.finish(_Quantity(atom.start, atom.end, round(atom.value, 6), kind="fraction",
                                         number_start=atom.start, number_end=atom.end), atom)
        if not atom.words and self.glued_to_letters(atom):
            return None
        start = atom.start
        currency = None
        sign = 1.0
        before = text[max(0, start - 8):start]
        pm = lex.prefix_re.search(before)
        if pm and not atom.words:
            prefix = pm.group(0).strip()
            pre_start = start - len(before) + pm.start()
            # a code or letters prefix must not be the end of a word ("ABCRM5")
            if not (prefix[:1].isalpha() and pre_start > 0 and text[pre_start - 1].isalnum()):
                currency = lex.currency_prefixes[prefix]
                start = pre_start
        if start > 0 and text[start - 1] in "-−–" and (start < 2 or text[start - 2] in " (\t\n") and not atom.words:
            sign, start = -1.0, start - 1
        minus = _MINUS_BEFORE.search(text[max(0, start - 6):start])
        if minus:
            sign = -1.0
            start = start - len(minus.group(0))
        value, end, scaled = self.read_scale(atom, currency)
        value *= sign
        q = _Quantity(start, end, value, number_start=atom.start, number_end=atom.end)
        # after the number: currency word, percent, unit, age
        end = self.read_suffix(q, end, currency)
        if q.unit is None and currency:
            q.unit, q.kind = currency, "money"
        q.end = end
        time_range = q.unit is None and self.time_range_after(q, atoms, index)
        if not self.is_quantity(q, atom, scaled, time_range):
            return None
        # approximators before
        self.read_approximator(q)
        # ranges
        self.read_range(q, atom, atoms, index)
        if time_range and q.approx != "range":
            return None  # the first of "two and three weeks", not read as a range: a bare number of a date
        # "a day or two", "a round or two": a loose amount of one or a few, no count
        loose = _A_NOUN_OR.search(text, max(0, q.start - 30), q.start)
        if loose and q.approx == "exact" and q.value is not None and q.value <= 3 and q.kind == "count" \
                and not self.counts_plural(atom.end):  # (not "a man or two women", "a fifth or 3 percent")
            q.approx, q.value, q.value_max = "vague", 1.0, q.value
            q.start = loose.start()
        # after: "or so", "+"
        pm2 = _lexicon_pattern(r"\s*", "post_approximators", r"(?!\w)", re.IGNORECASE).match(text, q.end)
        if pm2 and q.approx == "exact":
            q.approx = lex.post_approximators[pm2.group(1).lower()]
            q.end = pm2.end()  # (matched from ``q.end`` on)
        return self.finish(q, atom)

    def glued_to_letters(self, atom: _Number) -> bool:
        text = self.text
        s, e = atom.start, atom.end
        if s > 0 and (text[s - 1].isalpha() or text[s - 1] in "#@/:"):
            if not _lexicon_pattern("(?:", "currency_prefixes", ")$").search(text[max(0, s - 4):s]):
                return True
        hm = _WORD_BEFORE_HYPHEN.search(text[max(0, s - 20):s])
        if hm and not hm.group(1).isdigit() and (not hm.group(1).islower() or len(hm.group(1)) <= 2):
            return True  # "F-150", "TA-25", "COVID-19"; not "now-18", "minus-130"
        if e < len(text) and text[e] == ":" and e + 1 < len(text) and text[e + 1].isdigit():
            return True  # a time or a score "10:45"
        if s > 0 and text[s - 1] == ":" and s > 1 and text[s - 2].isdigit():
            return True
        if _SPACED_CLOCK_AFTER.match(text[e:e + 6]) or _SPACED_CLOCK_BEFORE.search(text[max(0, s - 4):s]):
            return True  # the same written token by token ("23 : 37", "1 : 41 PM")
        m = _LETTERS_AT.match(text, e)
        if m:
            glued = m.group(0)
            if glued.lower() in ("st", "nd", "rd", "th", "s", "am", "pm") or glued.lower().startswith(("am", "pm")):
                return True
        if _CLOCK_WORD_AFTER.match(text, e):
            return True
        if _POINT_DIGIT.match(text, e):  # "1.2.3", an IP or version
            return True
        return False

    def score_side(self, atom: _Number) -> bool:
        """Whether a whole number is one side of a tally or a score (:data:`_SCORE_AFTER`): the larger number
        before a smaller one, or the smaller after a larger."""
        text, value = self.text, atom.value
        if _RECORD_OF_THREE.match(text, atom.end) and not re.search(r"[\d/-]$", text[max(0, atom.start - 1):atom.start]):
            return True
        after = _SCORE_AFTER.match(text, atom.end)
        if after and int(after.group(1)) < value:
            first = atom.start
        else:
            before = _SCORE_BEFORE.search(text, max(0, atom.start - 12), atom.start)
            if not (before and int(before.group(1)) > value):
                return False
            first = before.start()
        return not re.search(r"\b(?:from|between)\s+$", text[max(0, first - 12):first], re.IGNORECASE)

    def read_scale(self, atom: _Number, currency: str | None) -> tuple[float, int, bool]:
        """A number's value, end and whether it is scaled, after a scale word or letter ("3 million", "$5bn", "20k")."""
        text, lex = self.text, self.lex
        value, end, scaled = atom.value, atom.end, atom.scaled
        if atom.words:
            return value, end, scaled
        # ("2.6-million", or "2 . 6 - million" in text split into tokens)
        sm = _lexicon_pattern(r"(\s?|-| - )", "scales", r"\b", re.IGNORECASE).match(text, end)
        if sm:
            return value * lex.scales[sm.group(2).lower()], sm.end(), True  # (matched from ``end`` on)
        gm = _GLUED_SCALE.match(text, end)
        if gm and (gm.group(1) in "kK" or currency):
            return value * lex.glued_scales[gm.group(1).lower()], end + 1, True
        return value, end, scaled

    def read_suffix(self, q: _Quantity, end: int, currency: str | None) -> int:
        text, lex = self.text, self.lex
        rest = text[end:end + 40]
        # age: "50 year-old", "18-month-old", "60 years old", "five-year-olds" (a noun: people of that age),
        # "45 years of age"; an age is not a duration ("a five-year plan" is)
        am = _AGE_AFTER.match(rest)
        if am:
            q.unit, q.kind, q.has_suffix = f"{am.group(1).lower()} of age", "measure", True
            return end + am.end()
        if self.age_before(q.start):
            # "aged 12", "aged between 5 and 11", "at the age of 67": years of age, or the unit said after it
            um = _AGE_UNIT.match(rest)
            q.unit, q.kind = f"{um.group(1).lower() if um else 'year'} of age", "measure"
            if um:
                q.has_suffix = True
                return end + um.end()
            return end
        # percent
        pm = _lexicon_pattern(r"\s?", "percent", r"(?![\w])", re.IGNORECASE).match(rest)
        if pm:
            q.unit, q.kind, q.has_suffix = "percent", "percent", True
            return end + pm.end()
        # currency word or code after the number
        cm = _lexicon_pattern(r"\s?", "currency_words", r"(?![\w-])", re.IGNORECASE).match(rest)
        if cm and not currency:
            word = cm.group(1)
            if len(word) == 3 and word.upper() == word or len(word) != 3 or word.lower() in ("yen", "won"):
                code = lex.currency_words[word.lower()]
                if word.lower().startswith("pound") and self.pounds_are_weight(q.start):
                    q.unit, q.kind, q.has_suffix = "pound-mass", "measure", True
                    return end + cm.end()
                if word.lower() == "won" and not _SPACE.match(rest):
                    code = None
                if word.lower() in ("rand", "won", "lira", "kn") and currency is None and not self.moneyish(q.start):
                    code = None
                if code:
                    if word.lower() in lex.minor_units and q.value is not None:
                        q.value = round(q.value / 100, 6)
                    q.unit, q.kind, q.has_suffix = code, "money", True
                    return end + cm.end()
        if currency:
            # "$1.25 sterling", "$ a month" handled by counts
            return end
        # unit of measure, glued or spaced or hyphenated ("155mph", "30 yards", "80-yard")
        um = _lexicon_pattern(r"(\s?|-)", "units_cs", r"(?![\w/])").match(rest)
        if um and not (um.group(1) == "" and um.group(2) in ("A", "V", "L", "l", "t") and False):
            name = lex.units_cs[um.group(2)]
            if not (um.group(2) in ("A", "l", "t", "m") and um.group(1) == " " and self.unit_word_is_word(end + um.start(2))):
                q.unit, q.kind, q.has_suffix = name, "measure", True
                return end + um.end()
        um = _lexicon_pattern(r"(\s?|-)", "units", r"(?![\w/])", re.IGNORECASE).match(rest)
        if um:
            name = lex.units[um.group(2).lower()]
            unit_start = end + um.start(2)
            if not self.unit_word_is_word(unit_start) or len(um.group(2)) > 3 or um.group(1) in ("", "-"):
                q.unit, q.kind, q.has_suffix = name, "measure", True
                new_end = end + um.end()
                per = _PER_UNIT.match(text, new_end)
                if per and " per " not in name:
                    q.unit = f"{name} per {per.group(1).lower()}"
                    new_end = per.end()  # (matched from ``new_end`` on)
                return new_end
        return end

    def age_before(self, start: int) -> bool:
        """Whether the number at ``start`` is an age named before it: "aged 12", "aged over 50", "ages 5 to 11",
        "at the age of 67" (an approximator or "between"/"from" may stand between)."""
        before = self.text[max(0, start - 40):start]
        m = _AGE_BEFORE.search(before)
        if not m:
            return False
        token = self.token_at(start)
        if token is not None and token.dep_ == "nummod" and token.head.pos_ == "NOUN" and \
                token.head.lemma_.lower() not in self.lex.time_units:
            return False  # "the vineyard ages 20 barrels": the number counts a noun
        between = before[m.end():].strip().lower()
        return between == "" or between in self.lex.approximators or between in ("between", "from")

    def unit_word_is_word(self, char: int) -> bool:
        """Whether a short unit-like word ("m", "g", "A") is an ordinary word or a name in the parse."""
        token = self.token_at(char)
        if token is None:
            return False
        return token.pos_ in ("DET", "PRON", "ADP", "CCONJ", "AUX", "VERB") or (
            len(token.text) > 3 and token.text.lower() not in self.lex.units)

    def pounds_are_weight(self, pos: int) -> bool:
        sentence = self.sentence_of(pos).lower()
        if re.search(r"[$€£¥]|\b(?:euros?|dollars?|sterling|usd|eur|gbp)\b", sentence):
            return False
        return any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in self.lex.weight_cues)

    def moneyish(self, pos: int) -> bool:
        sentence = self.sentence_of(pos).lower()
        return bool(re.search(r"\b(?:cost|price|pay|paid|worth|currency|exchange|budget|salary)\w*", sentence))

    def time_range_after(self, q: _Quantity, atoms: list[_Number], index: int) -> bool:
        """Whether a number of a range's joiner and a time unit follows ("two or three weeks", "2-3 days"): the
        first number then measures time too, though spaCy's DATE around both would make it a date's number."""
        nxt = next((n for n in atoms[index + 1:index + 3] if n.start >= q.end), None)
        if nxt is None or not (joiner := _RANGE_JOINER.fullmatch(self.text, q.end, nxt.start)):
            return False
        if joiner.group().strip() == "and" and not re.search(r"(?i)\bbetween\s+$", self.text[max(0, q.start - 12):q.start]):
            return False  # "scored 2 and 3 minutes later": "and" joins a range only after "between" (as :meth:`read_range`)
        second = self.build_simple(nxt)
        return second is not None and second.unit is not None and second.unit.split()[0] in self.lex.time_units

    def is_quantity(self, q: _Quantity, atom: _Number, scaled: bool, time_range: bool = False) -> bool:
        text = self.text
        value = atom.value
        plain_int = not atom.words and _DIGITS_ONLY.fullmatch(text, atom.start, atom.end) is not None
        has_unit = q.unit is not None
        ent = self.ent_at(atom.start)
        time_unit = time_range or (
            q.unit is not None and (q.unit.split()[0] in self.lex.time_units or q.unit.endswith("of age")))
        if ent == "ORDINAL" and not has_unit:
            return False
        if plain_int and q.kind not in ("money", "percent") and not scaled:
            digits = text[atom.start:atom.end]
            token = self.token_at(atom.start)
            counts_noun = token is not None and token.dep_ == "nummod" and token.head.pos_ == "NOUN"
            if len(digits) >= 2 and digits[0] == "0" or len(digits) >= 6 and not counts_noun:
                # "05", "000": a day, a month, a clock or a code; "1333220", "20130504": an identifier or a date
                # in digits (a count that large is written with separators or a scale word; "250000 voters" is
                # read, a lone "208622" is not)
                return False
        if plain_int and q.kind == "count" and self.score_side(atom):
            return False  # "a 55-45 vote": one side of a tally, no count of what the noun after it names
        if not has_unit and (_BY_AFTER.match(text, atom.end) or _BY_BEFORE.search(text, max(0, atom.start - 8),
                                                                                 atom.start)):
            return False  # "a four-by-four car", "two-by-four planks": a vehicle's or a board's kind, no count
        # decades "1990s", "the '90s"
        if _DECADE_S.match(text, atom.end) and plain_int and value % 10 == 0:
            return False
        # list marker: a number opening a line, followed by "." or ")"
        line_start = text.rfind("\n", 0, atom.start) + 1
        if text[line_start:atom.start].strip() in ("", "(") and _LIST_MARK.match(text, atom.end, atom.end + 2):
            if not has_unit:
                return False
        # phone numbers: 555-1234, (020) 7946 0000, +44 ...
        around = text[max(0, atom.start - 6):atom.end + 10]
        if _PHONE.search(around) and not has_unit:
            return False
        if _PHONE_WORD_BEFORE.search(text[max(0, atom.start - 25):atom.start]) and not has_unit:
            return False
        if _DATE_PART_AFTER.match(text, atom.end) or _DATE_PART_BEFORE.search(
                text[max(0, atom.start - 10):atom.start]) or (
                _NUMBER_HYPHEN_BEFORE.search(text[max(0, atom.start - 6):atom.start])
                and _SECOND_NUMBER_AFTER.match(text, atom.end)):
            # (a second number after one hyphen, no date: "10-15 people" is a range, "a 55-45 vote" a tally)
            if not has_unit and not _PERCENT_RANGE_AFTER.match(text, atom.end):
                return False  # 2010-08-30, 30/08/2010
        year_like = plain_int and _YEAR_MIN <= value <= _YEAR_MAX and not scaled
        if year_like:
            tok = self.token_at(atom.start)
            if tok is not None and tok.dep_ == "nummod" and tok.head.tag_ in ("NN", "NNP") and tok.head.i > tok.i:
                return False  # "Finalize 2020 Vote", "the 2020 race": a year before a singular noun, no count of it
        if year_like and not has_unit:
            prev = self.word_before(atom.start, 1)
            tok = self.token_at(atom.start)
            counts_noun = (tok is not None and tok.dep_ == "nummod" and tok.head.pos_ == "NOUN"
                           and tok.head.lemma_.lower() not in self.lex.time_units and ent not in ("DATE", "TIME"))
            if counts_noun:
                pass
            elif ent in ("DATE", "TIME", "EVENT", "LAW") or (prev and prev[0].rstrip(".") in _DATE_PREPS | self.lex.months):
                return False
            if not counts_noun and _SEASON_YEARS_AFTER.match(text, atom.end):
                return False  # 2019-20
            token = self.token_at(atom.start)
            if not counts_noun and token is not None and token.dep_ in ("pobj",) and token.head.lower_ in ("in", "since", "until", "by"):
                return False
        # a day of the month beside a month name
        prev = self.word_before(atom.start, 1)
        nxt = _NEXT_WORD.match(text, q.end)
        if not has_unit and plain_int and value <= 31:
            if (prev and prev[0].rstrip(".") in self.lex.months) or (
                    nxt and nxt.group(1).lower() in self.lex.months):
                return False
        if ent in ("DATE", "TIME") and not time_unit and q.kind not in ("money", "percent"):
            if (q.kind == "measure" or not has_unit) and (year_like or self.datelike_entity(atom.start)):
                return False
        if time_unit and year_like and q.unit != "year of age":
            return False
        if not has_unit and _after_open_bracket(text, q.start) and _CLOSING_BRACKET.match(text, q.end):
            return False  # "(4)": a reference, a shirt number
        # labels: "Section 427", "Part 3", "iPhone 11", "S&P 500"
        if not has_unit and self.is_label(atom):
            return False
        return True

    def datelike_entity(self, char: int) -> bool:
        """Whether the DATE/TIME entity around ``char`` has a calendar or clock word (spaCy also tags plain counts)."""
        token = self.token_at(char)
        if token is None:
            return True
        ent = next((e for e in doc_ents(token.doc) if e.start <= token.i < e.end), None)
        if ent is None:
            return False
        words = {t.lower_.rstrip(".") for t in ent} | {t.lemma_.lower() for t in ent}
        calendar = self.lex.months | self.lex.time_units | {
            "ago", "am", "pm", "a.m", "p.m", "noon", "midnight", "night", "morning", "evening", "afternoon",
            "o'clock", "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "season", "quarter", "age", "old", "since", "until", "last", "next", "this"}
        return bool(words & calendar) or bool(re.search(r"\d[:/]\d", ent.text))

    def is_label(self, atom: _Number) -> bool:
        text = self.text
        m = re.search(r"([\w&.'’-]+)\s+-?$", text[max(0, atom.start - 40):atom.start])
        if not m:
            return False
        prev = m.group(1)
        if prev.lower() in self.lex.identifier_words:
            return True
        prev_start = max(0, atom.start - 40) + m.start(1)
        if prev[:1].isupper() and not atom.words and _HEADING_COLON.match(text, atom.end) \
                and _OPENS_SENTENCE.search(text, max(0, prev_start - 4), prev_start) \
                and prev.lower() not in self.lex.approximators and prev.lower() not in self.lex.currency_words \
                and prev.lower() not in self.lex.units \
                and not ((word := self.token_at(prev_start)) is not None and word.tag_ in _TALLY_TAGS):
            # "Update 5: ...", "Day 3: ...": a heading's label opening a sentence, no count (but "Killed 5: ...",
            # "Dead 12: ...", a participle's or an adjective's tally, counts)
            return True
        token = self.token_at(atom.start)
        if token is None:
            return prev[:1].isupper() and not atom.words and prev.lower() not in self.lex.approximators
        if token.i == 0:
            return False
        before = token.doc[token.i - 1]
        if atom.words and token.text[:1].isupper() and token.i != token.sent.start and before.pos_ == "PROPN":
            return True  # "BBC One", "Formula One"
        if before.pos_ == "PROPN" and before.i != before.sent.start and not atom.words:
            # a name then a number: a label unless the number counts something after it
            nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if nxt is not None and nxt.pos_ in ("NOUN",) and token.head == nxt:
                return False
            return True
        if before.text in ("&",) or (before.text[:1].isupper() and before.pos_ == "PROPN" and not atom.words):
            return True
        word = before.lower_
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if before.tag_ == "NN" and not atom.words and token.text[:1].isdigit() and len(word) > 2 \
                and not word.endswith("ing") and not (after is not None and after.lower_ == "of") \
                and not _SCALES_BEFORE.search(text, max(0, atom.start - 20), atom.start) \
                and not (token.dep_ == "nummod" and token.head.i > token.i) \
                and word not in self.lex.currency_words and word not in self.lex.currency_prefixes \
                and word not in self.lex.units and word not in self.lex.units_cs and word not in self.lex.time_units \
                and word not in self.lex.months and word not in self.lex.minor_units:
            # a singular common noun right before a number in digits names one of a series ("update 17", "game 7",
            # "body 2"); a count stands before its noun ("17 updates"), "jail 10 years" counts the years after it, and
            # a currency or a unit before its amount is no such noun ("dollar 22.5 million", "rmb 40"), nor a gerund the
            # tagger took for one ("landing 178 of 369 punches")
            return True
        return False

    def read_approximator(self, q: _Quantity) -> None:
        before = self.text[max(0, q.start - 30):q.start]
        m = self.lex.approx_re.search(before)
        if not m:
            return
        word = m.group(1).lower()
        if word in ("over", "under", "some", "above", "below", "estimated", "about") and not self.approx_attaches(q, word):
            return
        if word in ("up to", "down to") and _MOVED_BEFORE.search(before[:m.start(1)]):
            return  # "the figure was revised up to 590,000": a direction and the new level, not a bound
        q.approx = self.lex.approximators[word]
        q.start = q.start - len(before) + m.start(1)

    def approx_attaches(self, q: _Quantity, word: str) -> bool:
        """'over'/'under'/'some' are approximators only when they modify the number, not a verb's object."""
        token = self.token_at(q.number_start)
        if token is None or token.i == 0:
            return True
        prev = token.doc[token.i - 1]
        while prev.i > 0 and prev.text in ("$", "€", "£", "¥", "US$"):
            prev = token.doc[prev.i - 1]
        if prev.lower_ != word.split()[-1]:
            return True
        if prev.dep_ in ("advmod", "quantmod", "amod"):
            return True
        if word in ("some",):
            return prev.dep_ != "det"
        if word in ("over", "under", "about", "above", "below"):
            # "rose over 4%" (advmod) vs "fell over the edge"; a preposition before a number is a bound
            return True
        return True

    def read_range(self, q: _Quantity, atom: _Number, atoms: list[_Number], index: int) -> None:
        text = self.text
        later = [n for n in atoms[index + 1:] if n.start >= q.end]
        if not later:
            return
        nxt = later[0]
        gap = text[q.end:nxt.start]
        before = text[max(0, q.start - 12):q.start].lower()
        opener = re.search(r"\b(between|from)\s+$", before)
        prefixes = _lexicon_alternation("currency_prefixes")
        cur_m = re.fullmatch(rf"\s*(-|–|—|to|up to|and|through|/|or)\s*(?:{prefixes})?\s?", gap)
        if not cur_m:
            return
        joiner = cur_m.group(1)
        if joiner == "or" and not (gap == " or " and atom.value < nxt.value):
            return  # "two or three weeks", "20 or 30 cars": a range; not "rose 5% or $10", nor "six or five"
        if joiner == "or" and _RESPECTIVELY.search(text, nxt.end, _sentence_end(text, nxt.end)):
            return  # "25k or 40k cheaper than its two rivals respectively": two figures, each of its own thing
        if joiner == "and" and not (opener and opener.group(1) == "between"):
            return
        if joiner == "to" and not opener and _CHANGED_BY_BEFORE.search(text[max(0, q.start - 40):q.start]):
            return  # "fell by 92,000 to 498,000": a change and the level it led to, not a range
        if joiner == "up to" and not opener:
            return
        if joiner == "/" and not (q.kind == "money" and gap.strip() != "/"):
            return
        if joiner in ("-", "–", "—"):
            if " " in gap and not (gap.startswith(" ") and gap.endswith(" ")):
                return
            if nxt.words != atom.words:
                return
        if nxt.fraction or atom.fraction:
            return
        second = _Quantity(nxt.start, nxt.end, None)
        sq = self.build_simple(nxt)  # (takes no range: only :meth:`run` and :meth:`vague_amounts` do)
        if sq is None:
            return
        second = sq
        if q.unit and q.unit.endswith(" of age") and not q.has_suffix and (
                second.unit is None or second.unit in self.lex.time_units):
            # "ages 5 to 11", "aged 5 to 11 years": the age named before holds for both
            second.unit, second.kind = f"{second.unit or q.unit.split()[0]} of age", q.kind
        if q.unit and second.unit and q.unit != second.unit:
            return
        if joiner in ("-", "–", "—") and gap.strip() == joiner and not opener and q.approx == "exact" and not (
                q.unit or second.unit or atom.words or nxt.words or self.counts_plural(second.end)):
            # "an 18-30 start", "a 35-47 record", "the 76ers opened 9-14": a record or a score, not a range (which
            # counts a plural noun or a unit: "10-15 people", "$10-15 million", "20-25 minutes")
            q.tally, q.end = True, second.end
            return
        if joiner in ("to", "through") and not opener and bool(q.unit) != bool(second.unit) and not (
                q.unit is None and second.unit.split()[0] in self.lex.time_units
                and q.value is not None and second.value is not None and q.value < second.value):
            # "rose 8.15% to 3.65": a change and a level, not a range; but "six to eight months", "2 through 4
            # days" (a bare number, then a larger one of a time unit) are one
            return
        if joiner in ("to",) and opener is None and not (q.unit or second.unit):
            # "rose to" is handled by the opener check; bare "2 to 3" is a range only between plain numbers
            if re.search(r"\b(?:rose|fell|climbed|dropped|increased|decreased|up|down)\s+$", before):
                return
        lo, hi = q.value, second.value
        if lo is None or hi is None:
            return
        # the second's scale applies to the first: "$10 to $15 billion", "four to five thousand"
        ratio = second.value / nxt.value if nxt.value else 1.0
        if nxt.words and nxt.scaled and not atom.scaled:
            ratio = 10 ** (len(str(int(abs(second.value)))) - 1) if second.value else 1.0
            ratio = max(r for r in (1_000.0, 1_000_000.0, 1e9, 1e12) if r <= max(ratio, 1_000.0))
        if ratio >= 1000 and abs(lo) < 1000 and q.value == atom.value * (-1 if q.value < 0 else 1):
            lo = lo * ratio
        if q.unit is None and second.unit:
            q.unit, q.kind = second.unit, second.kind
        q.value, q.value_max = lo, hi
        q.approx = "range"
        q.end = second.end
        q.number_end = nxt.end
        if opener:
            q.start = q.start - len(before) + opener.start()

    def build_simple(self, atom: _Number) -> _Quantity | None:
        """A range's second number with its own scale and unit (no approximator, no range)."""
        text, lex = self.text, self.lex
        currency = None
        pm = lex.prefix_re.search(text[max(0, atom.start - 5):atom.start])
        if pm:
            currency = lex.currency_prefixes[pm.group(0).strip()]
        value, end, scaled = self.read_scale(atom, currency)
        q = _Quantity(atom.start, end, value, number_start=atom.start, number_end=atom.end)
        q.end = self.read_suffix(q, end, currency)
        if q.unit is None and currency:
            q.unit, q.kind = currency, "money"
        if not self.is_quantity(q, atom, scaled):
            return None
        return q

    def finish(self, q: _Quantity, atom: _Number) -> _Quantity:
        if q.value is not None:
            q.value = round(q.value, 6)
        if q.value_max is not None:
            q.value_max = round(q.value_max, 6)
            if q.value is not None and q.value_max < q.value:
                q.value, q.value_max = q.value_max, q.value
        scale = _SCALES_BEFORE.search(self.text[max(0, q.start - 12):q.start]) if q.kind == "count" else None
        if scale and q.unit is None:
            q.unit, q.kind, q.counts = "magnitude", "measure", None  # a reading on a scale, not a count
        if q.kind == "count" and q.unit is None:
            noun, phrase = self.counted(q)
            q.unit, q.counts = noun, phrase
            if noun is not None and noun.startswith("unit:"):
                q.unit, q.kind, q.counts = noun[5:], "measure", None
            if noun is None and self.ent_at(q.number_start) == "MONEY":
                q.kind = "money"
        elif q.kind in ("money", "measure"):
            q.counts = self.reference(q)
        elif q.kind in ("percent", "fraction"):
            q.counts = self.share_of(q.end)
        if q.kind == "count" and q.unit is None and q.counts is None:
            q.kind = "count"
        return q

    # .. what a number counts ...................................................................

    def counted(self, q: _Quantity) -> tuple[str | None, str | None]:
        token = self.token_at(max(q.number_start, q.number_end - 1))
        if q.value_max is not None and token is not None and token.dep_ not in _NUMBER_DEPS:
            first = self.token_at(q.number_start)
            if first is not None and first.dep_ == "nummod":
                token = first  # "10-15 people": the parse hung the noun on the range's first number
        if token is None:
            return None, None
        # climb from the number to the noun it modifies
        head = token
        steps = 0
        while head.dep_ in _NUMBER_DEPS and head.head is not head and steps < 3:
            head = head.head
            steps += 1
            if head.pos_ in ("NOUN", "PROPN"):
                break
        if head.i < token.i and token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "NOUN" and any(
                d.start <= head.idx < d.end <= token.idx for d in datelines(self.text)):
            head = token.doc[token.i + 1]  # "DUNMORE, June 12 - Five workers": the parse hung the number on the date
        if head is token or head.pos_ not in ("NOUN", "PROPN"):
            # "one of the largest dinosaurs", "Two of Johnson's deputies"
            of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
            if of:
                objs = [c for c in of[0].children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
                if objs:
                    head = objs[0]
                else:
                    return None, None
            else:
                return self.tallied(q)
        if head.i < token.i and head.dep_ != "pobj":
            # "a day or two", "another pick or two": the number counts the noun it follows
            start = token.doc[head.i + 1].idx if head.i + 1 < len(token.doc) else token.idx
            if not (head.pos_ == "NOUN" and re.fullmatch(r"\s*or\s*", self.text[start:token.idx])):
                return None, None
            if head.lower_ in self.lex.units:
                return f"unit:{self.lex.units[head.lower_]}", None
            return head.lemma_.lower(), head.text
        head = self.measure_compound(token, head, q)
        if head.lower_ in self.lex.units and len(head.text) > 3:
            return f"unit:{self.lex.units[head.lower_]}", None
        if head.lower_ in self.lex.units or head.text in self.lex.units_cs or head.lower_ in self.lex.scales:
            return None, None
        if head.lower_ in ("old", "olds"):
            # "3 five-year-olds": people of an age, counted under the age's name
            age = re.search(r"([\w.]+)[\s-](year|month|week|day)s?[\s-]$", self.text[max(0, head.idx - 30):head.idx],
                            re.IGNORECASE)
            if age:
                noun = f"{age.group(1).lower()}-{age.group(2).lower()}-old"
                return noun, self.text[head.idx - len(age.group(0)):head.idx + len(head.text)]
        mods = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i and c.i > token.i
                and c.pos_ in ("ADJ", "NOUN", "PROPN")]
        words = [c.text for c in sorted(mods, key=lambda t: t.i)] + [head.text]
        noun = head.text if head.pos_ == "PROPN" or head.text[:1].isupper() else head.lemma_.lower()
        phrase = " ".join(words)
        if head.dep_ in ("nsubjpass", "nsubj") and head.head.pos_ == "VERB" and head.head.tag_ in ("VBN",):
            phrase = f"{phrase} {head.head.text}"
        rate = _RATE.match(self.text, head.idx + len(head.text))
        if rate and noun:
            noun = f"{noun} per {rate.group(1).lower()}"  # "3,000 tests per day", "two flights a week"
        elif noun and (every := next((_RATE_ADJECTIVES[t.lower_] for t in token.doc[token.i + 1:head.i]
                                      if t.lower_ in _RATE_ADJECTIVES), None)):
            noun = f"{noun} per {every}"  # "137,000 new daily cases": a rate, as "cases a day"
        elif noun and _averaged(head):
            noun = f"{noun} average"  # "the 151,000 case average", "an average of 90 admissions": no total
        elif noun and any(c.lower_ == "new" for c in mods) and _of_one_day(head):
            noun = f"{noun} per day"  # "reported 2,100 new cases on Sunday": that day's count, a daily figure
        return noun, phrase

    def tallied(self, q: _Quantity) -> tuple[str | None, str | None]:
        """ "brought the number of Roma expelled from France to more than 8,300", "the total of jobs lost
        stood at 1,200": a bare number reached "to" or "at" counts what the tally before it is "of"."""
        if self.word_before(q.start) not in (["to"], ["at"]):
            return None, None
        token = self.token_at(q.number_start)
        if token is None:
            return None, None
        prep = token.head if token.dep_ == "pobj" else None
        verb = prep.head if prep is not None and prep.dep_ == "prep" and prep.head.pos_ in ("VERB", "AUX") else None
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in _TALLIES] if verb else []
        if subjects and not any(c.dep_ == "prep" and c.lower_ == "of" for c in subjects[0].children):
            # "the death toll from the earthquake rose to 11": the tally, named by its compound, is the subject
            tally = subjects[0]
            mods = [c for c in tally.children if c.dep_ in ("compound", "amod") and c.i < tally.i]
            if mods:
                return mods[-1].lemma_.lower(), " ".join([m.text for m in mods] + [tally.text])
        for tally in reversed(token.doc[token.sent.start:token.i]):
            if tally.lemma_.lower() not in _TALLIES or tally.i < token.i - 12:
                continue
            of = [c for c in tally.children if c.dep_ == "prep" and c.lower_ == "of"]
            objs = [c for c in of[0].children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")] if of else []
            if not objs:
                return None, None
            head = objs[0]
            noun = head.text if head.pos_ == "PROPN" or head.text[:1].isupper() else head.lemma_.lower()
            mods = [c.text for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i]
            participle = [c.text for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"]
            return noun, " ".join(mods + [head.text] + participle[:1])
        return None, None

    def share_of(self, end: int) -> str | None:
        """What a share is of: "10 percent of all crime in France" -> "all crime in France", "a fifth of the
        vote" -> "vote"; None for a pronoun ("a fifth of them") or no "of"."""
        m = re.match(r"\s+of\s+", self.text[end:end + 8])
        token = self.token_at(end + m.end()) if m else None
        if token is None:
            return None
        head = token
        while head.pos_ not in ("NOUN", "PROPN") and head.dep_ in ("amod", "compound", "det", "nummod", "predet",
                                                                   "poss", "case") and head.head.i > head.i:
            head = head.head
        while head.dep_ in ("compound", "amod") and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head
        if head.pos_ not in ("NOUN", "PROPN") or head.i - token.i > 5:
            return None
        doc = head.doc
        first = token
        while first.i < head.i and first.lower_ in _SHARE_DETERMINERS:
            first = doc[first.i + 1]
        last = head
        # a place or group the share is of: "of delinquency in Paris", "of voters across the country"
        if head.i + 1 < len(doc) and doc[head.i + 1].lower_ in SCOPE_PREPS:
            for k in range(head.i + 2, min(head.i + 6, head.sent.end)):
                if doc[k].pos_ not in ("DET", "ADJ", "PROPN", "NOUN"):
                    break
                if doc[k].pos_ in ("PROPN", "NOUN") and not (k + 1 < len(doc) and doc[k + 1].dep_ == "compound"
                                                            and doc[k + 1].pos_ in ("PROPN", "NOUN")):
                    last = doc[k]
                    if doc[k].dep_ == "pobj":
                        break
        return self.text[first.idx:last.idx + len(last.text)]

    def measure_compound(self, token: Token, head: Token, q: _Quantity) -> Token:
        """ "a 12 page document", "a three-bedroom flat": a number above one before a singular noun phrase
        counts the compound noun right after it (pages, bedrooms), not the singular head (one document)."""
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.text == "-" and nxt.i + 1 < len(token.doc):
            nxt = nxt.nbor(1)
        if (nxt is None or nxt.i == head.i or q.value is None or q.value <= 1 or head.tag_ != "NN"
                or nxt.tag_ != "NN" or nxt.dep_ != "compound" or nxt.head.i != head.i):
            return head
        return nxt

    def reference(self, q: _Quantity) -> str | None:
        """The unit of reference after an amount: "for an adult", "for each of their children", "per month"."""
        end = q.end
        # "9 billion shekels ($2.4 billion) a year": past the conversion
        aside = re.match(r"\s*\([^()]{1,40}\)(?=\s*(?:per|a|an|each|for)\s)", self.text[end:end + 60])
        if aside:
            end += aside.end()
        rest = self.text[end:end + 80]
        m = re.match(r"\s*(?:per|a|an|/)\s+([a-z]+)\b(?!\s+(?:earlier|ago|later|before|after|on|from))", rest)
        if m:
            token = self.token_at(end + m.start(1))
            if token is not None and token.pos_ == "NOUN" and token.dep_ in ("npadvmod", "pobj", "nmod", "appos",
                                                                              "dobj", "attr", "conj", "compound"):
                return f"per {token.lemma_.lower()}"
            if token is None:
                return f"per {m.group(1)}"
        m = re.match(r"\s*each\b", rest)
        if m:
            return "each"
        m = re.match(r"\s*for\s+((?:each|every)\s+(?:of\s+)?(?:their|his|her|its|the|our|your)?\s*[\w-]+|"
                     r"(?:an?|each|every|one|per)\s+[\w-]+)", rest)
        if m:
            phrase = m.group(1)
            token = self.token_at(end + m.end(1) - 1)
            if token is None or token.pos_ in ("NOUN", "PROPN"):
                return "for " + " ".join(phrase.split())
        return None

    # .. vague amounts ..........................................................................

    def vague_amounts(self) -> list[_Quantity]:
        out = []
        for m in self.lex.vague_re.finditer(self.text):
            if self.overlaps(m.start(), m.end()):
                continue
            phrase = m.group(0).lower()
            low, high, kind = self.lex.vague[phrase]
            if kind == "count":
                nxt = re.match(r"\s+of\b", self.text[m.end():])
                token = self.token_at(m.start())
                if not nxt and (token is None or token.pos_ not in ("NOUN", "NUM")):
                    continue
                if re.search(r"\b(?:the|these|those|their|his|her|its)\s+$", self.text[max(0, m.start() - 8):m.start()]):
                    continue
            q = _Quantity(m.start(), m.end(), low, high, approx="vague", kind=kind,
                          unit="percent" if kind == "percent" else None, number_start=m.start(), number_end=m.end())
            if kind == "count":
                money = re.match(r"\s+of\s+(dollars|euros|pounds|yen)\b", self.text[m.end():], re.IGNORECASE)
                if money:
                    q.unit, q.kind = self.lex.currency_words[money.group(1).lower()], "money"
                    q.end = m.end() + money.end()
                else:
                    q.unit, q.counts = self.vague_counted(m.end())
            out.append(q)
            self.taken.append((q.start, q.end))
        return out

    def vague_counted(self, end: int) -> tuple[str | None, str | None]:
        m = re.match(r"\s+of\s+", self.text[end:])
        if not m:
            return None, None
        token = self.token_at(end + m.end())
        if token is None:
            return None, None
        head = token
        while head.pos_ not in ("NOUN", "PROPN") and head.dep_ in ("amod", "compound", "det", "nummod") and head.head is not head:
            head = head.head
        while head.dep_ in ("compound", "amod") and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head  # "dozens of makeshift camps" counts camps
        if head.pos_ not in ("NOUN", "PROPN"):
            return None, None
        mods = [c.text for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i]
        noun = head.text if head.pos_ == "PROPN" or head.text[:1].isupper() else head.lemma_.lower()
        return noun, " ".join(mods + [head.text])
