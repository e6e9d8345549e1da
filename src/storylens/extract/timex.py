"""Time expressions of one article, typed and normalised as TIMEX3, against its publication date.

A pure function of ``(Article, Doc)``.  Expressions are found by rules over the text (dates,
weekdays, months, years, decades, quarters, seasons, relative phrases such as "last week" or
"three days ago", durations, sets, clock times, PAST_REF/PRESENT_REF/FUTURE_REF words) and
by spaCy's DATE/TIME entities for what the rules do not cover.  Extents follow TempEval-3:
leading prepositions and hedges are not part of an expression ("since August" -> "August",
"over the past 20 years" -> "the past 20 years", "about two weeks" -> "two weeks"), determiners
and modifiers are ("the end of July", "the past three months", "nearly two years"), except the
determiner of a hyphenated modifier, which belongs to its noun ("a third-quarter loss").

Values are resolved against the document creation time, the article's publication date, at
the precision it has: an article known only to its month resolves "Friday" or "last week"
no finer than that month, and one known only to its year no finer than that year.  Without a
publication date absolute values are kept ("August 27, 2010" -> 2010-08-27) and relative ones
take the TIMEX3 unknown forms (XXXX-XX-XX, XXXX-WXX, XXXX-XX, XXXX).

Direction of an underspecified date ("Friday", "August") comes from the wording ("next",
"last", "ago") and else from the tense of the verb it belongs to: a future auxiliary ("will",
"is going to", "is expected to") or a present-tense verb ("travels to Brussels on Tuesday")
looks ahead, anything else (reported past events) looks back.  A weekday equal to the
publication day is that day.  When the expression modifies a noun rather than the verb ("a
cutback in its supply in September", "Tuesday's declaration") the tense dates the report, not
the event: a weekday then looks back and a month or day takes its nearest occurrence.

"a year ago", "the year-earlier period", "the quarter" take the quarter last reported in the
article when there is one (earnings reports, not a quarter only forecast), as TimeBank annotates
them.

dateparser reads single candidate spans the rules cannot (never the whole text).
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from spacy.tokens import Doc

from ..models import Article, PublishedDate, TimeExpression
from ..parse.pipeline import doc_ents, doc_text
from .ranges import TakenRanges
from .regex_gates import (
    WindowScan,
    first_char_gate,
    may_match,
    needed_literals,
    prefilter_text,
    substring_bases,
)

logger = logging.getLogger(__name__)

# --- vocabulary ---------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}
_UNITS_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}
#: unit word -> (TIMEX3 letter, multiplier, is a time-of-day unit)
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "weekend": ("D", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False), "centurie": ("Y", 100, False),
}
#: prepositions that TempEval-3 leaves out of a time expression's extent
LEADING_PREPOSITIONS = frozenset(
    {"in", "on", "at", "since", "for", "during", "until", "till", "til", "through", "throughout", "by", "from",
     "to", "of", "before", "after", "as", "into", "between", "and", "or", "than", "per", "like", "about"}
)
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "’ll"})
#: verbs and adjectives whose infinitive looks ahead: "is scheduled to", "is likely to close in September", "is poised to"
_FUTURE_GOVERNORS = frozenset({"schedule", "expect", "plan", "set", "due", "intend", "hope", "aim", "prepare",
                               "likely", "unlikely", "poised", "bound", "certain", "sure"})
_REPORTING = frozenset({"say", "have", "tell", "report", "think", "believe", "know"})
#: verbs that move a deadline: "extended its deadline until Tuesday", "postponed until Friday" look ahead
_DEADLINE_VERBS = frozenset({"extend", "postpone", "delay", "give", "defer", "adjourn", "suspend", "recess", "push",
                             "grant", "allow"})

# --- regular expressions -------------------------------------------------------------------

#: an abbreviated month keeps its full stop, also where text split into tokens set it apart ("Dec . 7 , 2009")
_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
             r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?= \. \d) \.)?)")
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#: a month or a weekday also written in capitals ("MONDAY, MAY 23, 2005": a page's stamp or a headline), read so
#: only before or after a day's number, where "MAY" cannot be the verb
_MONTH_DAY_RE = (rf"(?:{_MONTH_RE}|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|"
                 r"DECEMBER)")
_WEEKDAY_DAY_RE = rf"(?:{_WEEKDAY_RE}|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
_WEEKDAY_ANY = r"(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday)s?"
_YEAR_RE = r"(?:1[5-9]\d\d|20\d\d)"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_SMALL_WORD = "|".join(sorted(_UNITS_SMALL, key=len, reverse=True))
_TENS_WORD = "|".join(_TENS)
_NUMBER_WORD = (rf"(?:(?:{_TENS_WORD})(?:[- ](?:{_SMALL_WORD}))?|{_SMALL_WORD}|"
                rf"(?:a|one|two|three|four|five|several) (?:hundred|thousand))")
_NUM_RE = (rf"(?:\d+(?:\.\d+)?(?: 1/2| and a half)?|{_NUMBER_WORD}(?: and a half)?|half an|half a|a half|"
           r"a couple of|a couple|couple of|a few|few|several|many|some|a|an|one|dozens of|hundreds of|a dozen)")
_UNIT_RE = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?|decades?|centur(?:y|ies))"
_UNIT_SING = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)"
_APPROX_RE = (r"(?:(?:nearly|almost|about|around|approximately|roughly|some|more than|less than|fewer than|"
              r"at least|at most|no more than|up to|over|under|just over|just under|only|another|an additional)\s+)")
_REL_RE = r"(?:the\s+)?(?:past|last|next|previous|coming|following|first|latest|final|remaining|recent|initial)\s+"
_PART_RE = r"(?:morning|afternoon|evening|night)"
#: time zones' abbreviations, in capitals as zones are written
TIME_ZONES = ("EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "ET", "PT", "GMT", "UTC",
              "BST", "IST", "WET", "WEST", "CET", "CEST", "EET", "EEST", "MSK", "SAST", "EAT", "WAT", "CAT", "GST", "PKT",
              "ICT", "WIB", "SGT", "HKT", "PHT", "JST", "KST", "AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT")
#: a time zone's abbreviation or "local time"
_ZONE_RE = rf"(?:{'|'.join(TIME_ZONES)}|local time)\b"
#: a clock's hour and minutes ("10:45"; "10 : 45" in text split token by token, the same space on both sides)
_CLOCK_RE = r"\d{1,2}(?::| : )\d\d"
#: not after "in", which takes a year and never a clock time ("In 2017 GST was introduced": a year before a tax's
#: letters, which are also a zone's; "by 1700 GMT", "until 0900 GMT" are clock times)
_NOT_AFTER_A_YEARS_PREPOSITION = r"(?<!\bIn )(?<!\bin )"
#: zones' letters that are as often another thing's (a tax, a trade, a company, a therapy, a compass point)
_AMBIGUOUS_ZONES = ("GST", "ICT", "CAT", "PT", "IST", "WEST")
#: a zone's letters of :data:`_AMBIGUOUS_ZONES` are a zone only where a zone's letters end a phrase: not before a
#: word in small letters that is not a preposition, a conjunction or a day's word ("By 2019 ICT spending had
#: doubled": 2019 is a year; "1530 IST on Monday", "0900 GST, officials said" are clock times)
_ZONE_LOOKAHEAD = (rf"(?:(?!{'|'.join(_AMBIGUOUS_ZONES)}\b){_ZONE_RE}|(?:{'|'.join(_AMBIGUOUS_ZONES)})\b"
                   r"(?!\s+(?!(?:on|in|at|and|or|to|from|by|for|with|when|as|after|before|until|till|today|tonight|"
                   r"tomorrow|yesterday|the)\b)[a-z]))")
#: a clock time: "9 p.m.", "4:12", "noon", or four digits of a 24-hour clock with a zone ("1530 GMT", "0800 local
#: time"; without the zone four digits are a year or a count)
_TIME_RE = (rf"(?:\d{{1,2}}(?:(?::| : )\d\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b|A\.M\.?|P\.M\.?)|{_CLOCK_RE}|"
            r"noon|midnight|midday|"
            rf"{_NOT_AFTER_A_YEARS_PREPOSITION}(?:[01]\d|2[0-3])[0-5]\d(?=\s+{_ZONE_LOOKAHEAD}))"
            rf"(?:\s+{_ZONE_RE})?")
_EDGE_RE = (r"(?i:(?:early|late|mid|the end of|the beginning of|the start of|the middle of|the rest of|"
            r"the first half of|the second half of|the last half of|the first part of|the latter part of|"
            r"the early part of|the close of|the turn of|the spring of|the summer of|the fall of|the winter of)"
            r"[\s-]+)")

_SPOKEN_YEAR = (r"(?:(?:nineteen|eighteen)(?:[\s-]+hundred)?[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                r"ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
                r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-]+(?:one|two|three|four|five|six|"
                r"seven|eight|nine))|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:one|two|three|four|five|six|seven|"
                r"eight|nine|ten))?)")
HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "new year's eve": (12, 31),
    "new year's day": (1, 1), "independence day": (7, 4), "the fourth of july": (7, 4), "july fourth": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26), "veterans day": (11, 11),
    "thanksgiving day": ("thanksgiving",), "thanksgiving": ("thanksgiving",), "election day": ("election",),
    "labor day": ("labor",), "memorial day": ("memorial",), "easter sunday": ("easter",), "easter": ("easter",),
    "good friday": ("goodfriday",), "easter week": ("easterweek",),
}
_HOLIDAY_RE = (r"(?:(?:last|next|this)\s+)?(?:" + "|".join(
    re.escape(h).replace("'", "['’]").replace(r"\ ", r"\s+") for h in sorted(HOLIDAYS, key=len, reverse=True))
    + r")")

_PATTERNS: list[tuple[str, str]] = [
    # clock times with an optional day
    ("time", rf"(?:(?i:around|about|approximately|shortly after|shortly before|just after|just before)\s+)?"
             rf"{_TIME_RE}(?:,?\s+(?:(?:on|this|last|next)\s+)?(?:{_WEEKDAY_RE}|today|yesterday|tomorrow|tonight|"
             rf"{_MONTH_DAY_RE}\s+{_DAY_RE}(?:(?: ?,)?\s+{_YEAR_RE})?))?"),
    ("time", rf"(?:(?i:last|next|this)\s+)?(?:{_WEEKDAY_RE}|(?i:today|yesterday|tomorrow))\s+(?:at\s+)?{_TIME_RE}"),
    ("time", r"\d{1,2} (?:o'clock|in the (?:morning|afternoon|evening))"),
    # weekdays with a date or a part of day
    ("date", rf"{_WEEKDAY_DAY_RE}(?: ?,)?\s+{_MONTH_DAY_RE}\s+{_DAY_RE}(?:(?: ?,)?\s+{_YEAR_RE})?"),
    ("date", rf"{_WEEKDAY_DAY_RE}(?: ?,)?\s+{_DAY_RE}\s+{_MONTH_DAY_RE}(?:(?: ?,)?\s+{_YEAR_RE})?"),
    ("part", rf"(?:(?:early|late|mid|later|earlier)[\s-]+)?(?:{_WEEKDAY_RE}|this|yesterday|tomorrow|today|last|"
             rf"the|that)\s+{_PART_RE}"),
    ("part", rf"(?:(?:early|late|mid|later|earlier)[\s-]+)?{_PART_RE}\s+(?:{_WEEKDAY_RE}|yesterday|today)"),
    ("part", r"(?:[Tt]onight|[Oo]vernight|(?:[Mm]id|[Ll]ate|[Ee]arly)[\s-]?(?:morning|afternoon|evening))"),
    # full dates
    ("date", rf"(?:{_EDGE_RE})?{_MONTH_DAY_RE}\s+{_DAY_RE}(?:(?: ?,)?\s+{_YEAR_RE}\b)?"),
    ("date", rf"(?:the\s+)?{_DAY_RE}(?:\s+of)?\s+{_MONTH_DAY_RE}(?:(?: ?,)?\s+{_YEAR_RE}\b)?"),
    ("date", r"\b\d{4}-\d{2}-\d{2}\b"),
    ("date", r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d{4}|\d{2})\b"),
    ("month", rf"(?:{_EDGE_RE})?(?:(?i:last|next|this|this past|past|coming)\s+)?{_MONTH_RE}(?:,?\s+(?:of\s+)?{_YEAR_RE}\b|"
              r"\s+(?:of\s+)?(?:this|last|next)\s+year)?"),
    ("month", rf"(?:{_EDGE_RE})?{_MONTH_RE}(?:,?\s+(?:of\s+)?)?{_SPOKEN_YEAR}"),
    ("year", rf"(?:{_EDGE_RE})?(?:the\s+year\s+)?{_SPOKEN_YEAR}(?![\s-]+{_UNIT_RE})"),
    ("holiday", _HOLIDAY_RE),
    ("anaphoric", r"(?:the\s+)?(?:following|previous|preceding|same)\s+(?:day|week|month|year|morning|night|"
                  r"evening)|the\s+next\s+(?:day|week|month|year|morning|night|"
                  r"evening)|(?:that|the\s+same)\s+(?:day|week|month|year|night|spring|summer|fall|autumn|winter)|that\s+time\b"),
    ("fiscalyear", r"(?:the|its)\s+(?:latest\s+|current\s+|previous\s+)?(?:fiscal\s+|financial\s+)?year(?=\s+"
                   r"(?:ended|ending|that ended|that ends|through|to)\b)"),
    ("fullyear", r"the\s+(?:full|entire|whole)\s+(?:fiscal\s+)?year"),
    ("weekday", rf"(?:(?i:last|next|this|this past|past|coming|early|late)\s+)?{_WEEKDAY_RE}"),
    # years, decades, centuries
    ("year", rf"(?:{_EDGE_RE})?(?:the\s+)?(?:fiscal(?:\s+year)?\s+|the\s+year\s+|calendar\s+){_YEAR_RE}\b"),
    ("year", rf"(?:{_EDGE_RE})?(?<![\d,.$])\b{_YEAR_RE}\b(?!\d|,\d|\.\d|\s*%|\s+percent)"),
    ("decade", rf"(?:(?:the\s+)?{_EDGE_RE})?(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?"
               rf"(?:\d{{3}}0's|\d{{3}}0s|'\d0s|’\d0s|\d0s|(?:{'|'.join(DECADE_WORDS)}))"),
    ("century", r"(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
                r"ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
                r"nineteenth|twentieth|twenty-first)[\s-]+century"),
    # quarters and halves
    ("quarter", rf"(?:(?:the|this year's|last year's|next year's|a|an)\s+)?(?:(?:latest|current|fiscal|same|"
                rf"comparable|calendar|{_YEAR_RE}|flat|year-ago|year-earlier|weak|strong)\s+)*"
                r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|previous|past|next|"
                r"coming|recent|year-ago|year-earlier|same)[\s-]+(?:fiscal[\s-]+)?quarters?"
                rf"(?:\s+of\s+(?:fiscal\s+)?{_YEAR_RE}|\s+of\s+(?:this|last|next)\s+year)?"),
    ("quarter", rf"(?:the|this|that)\s+(?:latest\s+|current\s+|recent\s+|comparable\s+|fiscal\s+)?"
                rf"(?:{_YEAR_RE}\s+)?(?:quarter|period)\b(?!\s+(?:of|century))"),
    ("quarter", rf"(?:the\s+)?(?:{_YEAR_RE}\s+)?(?:year-ago|year-earlier|corresponding|comparable|"
                r"same|prior-year|year-before)\s+(?:quarter|period)(?:\s+(?:last|a)\s+year)?"),
    ("half", rf"(?:the\s+)?(?:first|second|last|latter|1st|2nd)[\s-]+half(?:\s+of\s+(?:the\s+)?(?:{_YEAR_RE}|year|"
             r"this year|next year|last year))?"),
    ("yearago", r"(?:a|one)\s+year\s+(?:ago|earlier)|year-(?:ago|earlier)"),
    # seasons
    ("season", rf"(?:(?:last|next|this|this past|early|late|the|the early|the late|mid)\s+)+(?:spring|summer|fall|"
               rf"autumn|winter)(?:\s+of\s+{_YEAR_RE})?"),
    ("season", rf"(?:spring|summer|fall|autumn|winter)(?:\s+of)?\s+{_YEAR_RE}\b"),
    ("season", rf"(?:the\s+)?(?:early\s+|late\s+)?(?:spring|summer|fall|autumn|winter)(?:\s+of)?\s+{_SPOKEN_YEAR}"),
    # relative days, weeks, months, years
    ("deictic", r"(?:(?:early|late|later|earlier)\s+)?(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)\b"),
    ("relative", rf"(?:{_EDGE_RE}|(?:earlier|later|early|late|mid|the end of)\s+)?"
                 r"(?:this|last|next|this past|the past|the coming|the previous|the following|the current|the same)\s+"
                 r"(?:week|weekend|month|year|decade|century|fiscal year)\b(?!-|\s+of\b)"),
    ("relative", r"(?:the\s+)?(?:week|month|year)(?:[\s-]+|['’]s\s+)(?:end|ago|earlier)"),
    ("relative", r"the\s+(?:end|beginning|start|middle|rest)\s+of\s+the\s+(?:week|month|year|decade)"),
    ("relative", r"(?:the\s+)?(?:weekend|week|year)(?=\s+(?:before|after|earlier))"),
    ("relative", r"(?:the\s+)?weekend"),
    ("theweek", r"the\s+week\b(?!-|\s+(?:of|before|after|earlier|ended|ending|that|when|in\b))"),
    ("ago", rf"{_APPROX_RE}?{_NUM_RE}[\s-]+(?:more\s+)?{_UNIT_RE}(?:\s+or\s+so)?\s+(?:ago|earlier|from now|hence)"),
    ("ago", rf"(?:{_UNIT_SING}s)\s+(?:ago|earlier|later)"),
    # sets
    ("set", rf"(?i:every|each|per)\s+(?:other\s+)?(?:{_NUM_RE}\s+)?(?:{_UNIT_RE}|{_WEEKDAY_ANY}|{_PART_RE}|"
            r"spring|summer|fall|autumn|winter)"),
    ("set", r"\b(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|quarterly|semiannually)\b"),
    ("set", rf"(?:(?<=times\s)|(?<=twice\s)|(?<=once\s)|(?<=thrice\s))(?:a|an|per)\s+(?:{_UNIT_SING})"),
    ("set", rf"{_WEEKDAY_RE}s(?:\s+{_PART_RE}s?)?|{_WEEKDAY_RE}\s+{_PART_RE}s\b"),
    ("set", r"(?i:every|each)\s+(?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December)\b"),
    # durations
    ("duration", rf"(?:{_REL_RE}(?!{_APPROX_RE}))?{_APPROX_RE}?(?:the\s+)?(?:{_REL_RE})?{_NUM_RE}"
                 rf"(?:[\s-]+(?:to|or)[\s-]+{_NUM_RE})?"
                 rf"[\s-]+(?:more\s+|additional\s+|full\s+|straight\s+|consecutive\s+|trading\s+|business\s+|"
                 rf"fiscal\s+|calendar\s+)?{_UNIT_RE}(?:[\s-]+old)?(?:\s+and\s+a\s+half)?"),
    ("duration", r"(?:(?:the|these|those|recent|coming|past|next|last|many|several|few|the next few|the past few|"
                 r"the last few|the coming|the ensuing|the following|the previous|the first|the early)\s+)+"
                 r"(?:seconds|minutes|hours|days|weeks|months|years|decades|quarters)"),
    ("duration", r"(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bwithin\s))"
                 r"(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b"
                 r"(?!\s+(?:of|to come|past|ago|earlier|later|before|after)\b)"),
    ("duration", r"\ba\s+(?:long\s+|short\s+|little\s+)?while\b|\bsome\s+time\b(?!\s+(?:to|before|after|ago))|"
                 r"\ba\s+(?:fairly\s+|very\s+)?(?:long|lengthy|short|brief)\s+(?:time|period)\b"),
    ("duration", r"(?:decades|years|months|weeks)-long|\b(?:day|week|month|year|decade)-?long\b"),
    ("duration", r"\b(?:the|this|that)\s+(?:fiscal\s+)?year\b(?!\s+(?:ago|earlier|end|before|after|\d))"),
    # reference words
    ("ref", r"\b(?:[Nn]ow|[Cc]urrently|[Rr]ight now|[Nn]owadays|these days|at present|the present|[Pp]resently|"
            r"[Rr]ecently|the (?:near |distant )?future|a (?:later|future) date|"
            r"the (?:recent |distant )?past|[Ll]ately|the near term|the short term|the long term)\b"),
    ("ref", r"\b(?:then[\s-]+)?(?:[Cc]urrent|[Rr]ecent)\b(?!\s+(?:account|affairs|events|issue|members?|president|"
            r"chairman|director|owners?|wife|husband|CEO|chief|manager|law|rules?|system|form|version|model|"
            r"generations?|employees|holders|shareholders|executives?|officers?|officials?)\b)"),
]


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str]]]:
    compiled = []
    for kind, pattern in _PATTERNS:
        # case-insensitive except where capitals tell a name from a word (May, March, Sun ...)
        flags = 0 if kind in ("month", "weekday", "date", "time", "set") else re.IGNORECASE
        compiled.append((kind, re.compile(pattern, flags)))
    return compiled


# --- publication anchor ---------------------------------------------------------------------


@dataclass
class Anchor:
    """The document creation time and its precision (None = unknown)."""

    day: date | None
    precision: str | None  # day | month | year | None

    @classmethod
    def of(cls, published: PublishedDate | None) -> Anchor:
        if published is None:
            return cls(None, None)
        try:
            return cls(published.anchor(), published.precision)
        except (ValueError, TypeError):
            return cls(None, None)

    def finer(self, granularity: str) -> bool:
        """Whether a date of ``granularity`` relative to the anchor is finer than the anchor is known."""
        order = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4}
        known = {"day": 0, "month": 2, "year": 4}.get(self.precision or "", 9)
        return order.get(granularity, 0) < known

    def coarse(self) -> str:
        assert self.day is not None
        if self.precision == "year":
            return f"{self.day.year:04d}"
        if self.precision == "month":
            return f"{self.day.year:04d}-{self.day.month:02d}"
        return self.day.isoformat()


_UNKNOWN = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX",
            "season": "XXXX", "decade": "XXX", "time": "XXXX-XX-XX"}


@dataclass
class _Context:
    anchor: Anchor
    doc: Doc | None
    text: str
    last_quarter: tuple[int, int] | None = None  # (year, quarter) of the last quarter named
    last_date: tuple[int, int | None, int | None] | None = None  # the last explicit date named
    last_day: date | None = None  # the last day named, explicit or relative ("Thursday", "March 12")
    notes: list[str] = field(default_factory=list)


# --- small helpers --------------------------------------------------------------------------


def parse_number(text: str) -> float | None:
    """'three' -> 3, 'twenty-four' -> 24, '2 1/2' -> 2.5, 'a' -> 1; vague words -> None."""
    t = text.lower().strip().replace("-", " ")
    t = re.sub(r"\s+", " ", t)
    if t in ("a", "an", "one", "a single", "single"):
        return 1
    if t in ("half an", "half a", "a half"):
        return 0.5
    if t in ("a couple", "a couple of", "couple", "couple of"):
        return 2
    if t in ("a dozen", "dozen"):
        return 12
    half = 0.0
    for suffix in (" and a half", " 1/2"):
        if t.endswith(suffix):
            half, t = 0.5, t[: -len(suffix)].strip()
    if t in ("a", "an"):
        return 1 + half
    try:
        return float(t.replace(",", "")) + half
    except ValueError:
        pass
    m = re.fullmatch(r"(a|one|two|three|four|five|six|seven|eight|nine|several) (hundred|thousand)", t)
    if m:
        base = {"a": 1, "one": 1, "several": None}.get(m.group(1), _UNITS_SMALL.get(m.group(1)))
        return None if base is None else base * (100 if m.group(2) == "hundred" else 1000) + half
    total = 0
    for word in t.split():
        if word in _TENS:
            total += _TENS[word]
        elif word in _UNITS_SMALL:
            total += _UNITS_SMALL[word]
        else:
            return None
    return total + half


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(number: float | None, unit: str) -> str:
    """P3M, PT2H, P10Y, PXY ..."""
    unit = unit.lower().rstrip("s")
    if unit.endswith("ie"):
        unit = unit[:-2] + "y"
    letter, mult, is_time = UNITS.get(unit, ("D", 1, False))
    prefix = "PT" if is_time else "P"
    if number is None:
        return f"{prefix}X{letter}"
    n = number * mult
    if not float(n).is_integer():
        smaller = {"Y": ("M", 12), "M": ("D", 30) if not is_time else ("S", 60), "H": ("M", 60), "D": ("H", 24),
                   "W": ("D", 7)}
        if letter in smaller:
            small_letter, factor = smaller[letter]
            whole = int(n)
            rest = round((n - whole) * factor)
            if letter == "D":
                return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
            if is_time and whole:
                return f"PT{whole}{letter}{rest}{small_letter}"
            return f"{prefix}{whole}{letter}{rest}{small_letter}" if whole else f"{prefix}{rest}{small_letter}"
    return f"{prefix}{_fmt_num(n)}{letter}"


def _month_of(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip(". "))


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _week_value(day: date) -> str:
    """ISO week of a day."""
    iso = day.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


# --- direction ------------------------------------------------------------------------------


def direction(ctx: _Context, start: int, end: int) -> str:
    """'past' or 'future' for an underspecified date at ``[start, end)``: wording, then tense, else past."""
    return tense_direction(ctx, start, end) or "past"


def tense_direction(ctx: _Context, start: int, end: int) -> str | None:
    """'past', 'future', or None when neither the wording nor the tense says."""
    return _tense(ctx, start, end)[0]


def _tense(ctx: _Context, start: int, end: int) -> tuple[str | None, bool]:
    """:func:`tense_direction` and whether it is only a weak cue.

    A cue is weak when the expression modifies a noun rather than the verb ("a cutback in its supply in
    September", "Tuesday's declaration"): the verb's tense then dates the report, not the event the noun
    names.  A future auxiliary or a verb of planning ("scheduled a conference Thursday") is never weak.
    """
    words = ctx.text[start:end].lower()
    if re.search(r"\b(next|coming|following|from now|hence|later|upcoming|tomorrow)\b", words):
        return "future", False
    if re.search(r"\b(last|past|ago|earlier|previous|yesterday|recent)\b", words):
        return "past", False
    if re.search(r"\bas soon as\s+$", ctx.text[max(0, start - 12):start].lower()):
        return "future", False
    if _SINCE_BEFORE.search(ctx.text[max(0, start - 40):start].lower()):
        return "past", False  # "has sickened 214 people since August", "earlier in March": a time gone by
    if _RECORDED_CLOSE_AFTER.match(ctx.text, end):
        return "past", False  # "will pay a 28% premium over Monday's closing price": a close already recorded
    doc = ctx.doc
    if doc is None:
        return "past", False
    try:
        span = doc.char_span(start, end, alignment_mode="expand")
    except Exception:  # noqa: BLE001 - a Doc that does not fit the text
        span = None
    if span is None or len(span) == 0:
        return None, False
    before = span.start - 1
    if before >= 0 and doc[before].lower_ == "on":
        before -= 1
    if before >= 0 and doc[before].tag_ == "VBD" and doc[before].lower_ not in ("was", "were", "had", "did"):
        return "past", False  # "the company said Monday it would merge": the day of the verb just before
    token = span.root
    through_noun = False
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or token.tag_ == "MD":
            break
        if token.head is token:
            break
        if token.i not in range(span.start, span.end) and token.pos_ in ("NOUN", "PROPN"):
            through_noun = True
        token = token.head
    if span.end < len(doc) and doc[span.end].tag_ == "POS":
        through_noun = True  # "Tuesday's declaration"
    if _before_own_clause(token, span):
        return "past", False  # "told staff on Monday it would close", "said late on Monday it would": the saying's day
    if token.lemma_ in _DEADLINE_VERBS and re.search(r"\b(?:until|till)\s+(?:at\s+)?$",
                                                     ctx.text[max(0, start - 10):start].lower()):
        return "future", False
    way = _verb_direction(token)
    if _AS_OF_BEFORE.search(ctx.text[max(0, start - 30):start].lower()) and not _starts_at_the_date(token):
        return "past", False  # "as of February, the store accounts for 70%": a state measured at a date gone by
    if through_noun and way == "future" and (_has_future_aux(token) or token.lemma_ in _FUTURE_GOVERNORS):
        through_noun = False
    return way, through_noun


def _before_own_clause(verb, span) -> bool:
    """Whether ``span``, which the parse hung on ``verb``, stands between a past-tense verb that ``verb``'s clause
    is a complement of and that clause's own start (its subject, "that", "to" or auxiliary): "The company told staff
    [on Monday] it would close its factory", "said late [on Monday] it would" date the telling, wherever the parse
    put them; "said it would close [on Monday]" and "said that [on Monday] it would" are the clause's own."""
    if verb.dep_ not in ("ccomp", "advcl", "xcomp") or verb.head.i == verb.i:
        return False
    governor = verb.head
    if governor.tag_ != "VBD" or governor.lower_ in ("was", "were", "had", "did") or not governor.i < span.start:
        return False
    starts = [c.left_edge.i if c.dep_ in ("nsubj", "nsubjpass", "expl") else c.i for c in verb.children
              if c.dep_ in ("nsubj", "nsubjpass", "expl", "mark", "aux", "auxpass") and c.i > governor.i]
    return bool(starts) and span.end <= min(starts) and not any(doc_token.dep_ == "mark" and doc_token.i < span.start
                                                               for doc_token in verb.children)


#: words just before an expression that put it in the past, whatever the tense: what happened "since" a
#: date runs from it up to now, and "earlier" ("earlier in March", "earlier this month") looks back
_SINCE_BEFORE = re.compile(r"(?:\bsince|\bearlier\s+(?:in|on|this|that))\s+(?:(?:early|late|mid-?|the\s+(?:start|"
                           r"beginning|end|middle)\s+of)\s*)?$")


#: a day's closing price in the possessive just after an expression ("Monday's close", "Friday's closing price",
#: "Tuesday's closing level"): a price already recorded, so a day gone by whatever the sentence's tense ("will pay a
#: premium over Monday's closing price"); other possessives ("will attend Friday's march") keep the verb's tense
_RECORDED_CLOSE_AFTER = re.compile(r"\s*(?:'|’)s\s+(?:close|closing)\b", re.IGNORECASE)


#: "as of" just before an expression: what the clause says held at that date, a date gone by unless a future
#: auxiliary says it is to come ("as of July 1, the law will require ...")
_AS_OF_BEFORE = re.compile(r"\bas\s+of\s+(?:(?:early|late|mid-?|the\s+(?:start|beginning|end|middle)\s+of)\s*)?$")


#: verbs that say something starts or changes at a date: "as of January 1, the rule takes effect" looks ahead
_STARTING_VERBS = frozenset({"begin", "start", "become", "apply", "expire", "end", "open", "close", "rise", "increase",
                             "change"})
#: modals of what is due from a date on: "as of January 1, operators must carry rafts"
_DUE_MODALS = frozenset({"must", "can", "may", "should", "would", "could", "might"})


def _starts_at_the_date(verb) -> bool:
    """Whether a clause after "as of" a date says what will hold from that date, not a state measured at it: a
    future auxiliary ("will charge"), a modal ("must carry"), or a verb of a start or a change ("takes effect",
    "goes up", "goes into force", "begins", "rises")."""
    if _has_future_aux(verb) or any(c.dep_ == "aux" and c.lower_ in _DUE_MODALS for c in verb.children):
        return True
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "effect" for c in verb.children)
    if lemma in ("go", "come"):  # the parse may hang "up" on the figure after it ("goes up to $5")
        after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        return any(c.lower_ in ("up", "down", "into") for c in verb.children) or (
            after is not None and after.lower_ in ("up", "down", "into"))
    return lemma in _STARTING_VERBS


def _has_future_aux(verb) -> bool:
    lowers = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(lowers & _FUTURE_AUX) or ("going" in lowers and "to" in lowers)


def _verb_direction(verb) -> str | None:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {c.lower_ for c in aux}
    if lowers & _FUTURE_AUX:
        return "future"
    if any(c.lower_ == "going" for c in aux) and any(c.lower_ == "to" for c in aux):
        return "future"
    if any(c.tag_ == "MD" and c.lower_ in ("would", "could", "might", "may", "should", "must", "can") for c in aux):
        # "said it would meet Friday": news reports such plans ahead of time
        if verb.tag_ == "VBN" and any(c.lower_ == "be" for c in aux) and not any(c.lemma_ == "have" for c in aux) \
                and any(c.lower_ in ("would", "should") for c in aux):
            return "future"  # "would be held on April 24"
        return "future" if verb.tag_ in ("VB", "VBG") else "past"
    if verb.lemma_ in ("schedule", "plan") and verb.tag_ != "VBD":
        return "future"  # "has scheduled a news conference Thursday"
    if verb.tag_ == "VBG" and any(c.lemma_ == "be" for c in aux) and verb.head.i != verb.i \
            and verb.head.lemma_ in ("plan", "prepare"):
        return "future"
    if verb.tag_ in ("VB", "VBN") and any(c.lower_ == "to" for c in aux) and verb.dep_ not in ("csubj", "csubjpass"):
        head = verb.head
        if head.i != verb.i and (head.lemma_ in _FUTURE_GOVERNORS or head.lemma_ == "be"):
            if any(c.lemma_ == "have" and c.dep_ == "aux" for c in head.children):
                return "past"  # "had been due to expire Friday"
            return "future"
        if head is not None and head.i != verb.i:
            way = _verb_direction(head)
            # "has decided to admit them in early March": an infinitive's event follows its governor's, so a
            # past governor does not date it
            return None if way == "past" and verb.dep_ == "xcomp" else way
    if verb.tag_ == "VBP" and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children):
        return "past"  # "Weakness ... hurt the index": a singular subject, so the past form of "hurt", "cut", "set"
    if verb.tag_ in ("VBZ", "VBP"):
        if any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children):
            return "past"
        if verb.lemma_ in _REPORTING:
            return "past"
        return "future"
    if verb.tag_ == "VBN" and any(c.lower_ in ("is", "are", "am", "'s", "'re") for c in aux):
        return "future" if verb.lemma_ not in _REPORTING else "past"  # "when the case is heard in May"
    if verb.tag_ == "VBN" and not aux and verb.lemma_ in _FUTURE_GOVERNORS and verb.dep_ in ("acl", "amod") \
            and (verb.lemma_ != "set" or any(c.lower_ == "for" for c in verb.children)):
        return "future"  # "a summit set for April", "talks scheduled for Monday" (not "a high set on Aug. 6")
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    return None


# --- resolving --------------------------------------------------------------------------------


def _resolve_weekday(ctx: _Context, weekday: int, start: int, end: int, words: str) -> str:
    anchor = ctx.anchor
    if anchor.day is None:
        return "XXXX-XX-XX"
    if anchor.finer("day"):
        return anchor.coarse()
    today = anchor.day
    diff = weekday - today.weekday()
    if re.search(r"\bnext\b", words):
        delta = diff % 7 or 7
    elif re.search(r"\b(last|past)\b", words):
        delta = -((-diff) % 7 or 7)
    elif diff == 0:
        delta = 0
    elif _tense(ctx, start, end) == ("future", False):  # news mostly reports days gone: a weak cue looks back
        delta = diff % 7
    else:
        delta = -((-diff) % 7)
    return (today + timedelta(days=delta)).isoformat()


def _resolve_month(ctx: _Context, month: int, start: int, end: int, words: str) -> str:
    anchor = ctx.anchor
    if anchor.day is None:
        return f"XXXX-{month:02d}"
    year = anchor.day.year
    if anchor.precision == "year":
        return f"{year:04d}-{month:02d}"
    current = anchor.day.month
    if re.search(r"\bnext\b|\bcoming\b", words):
        year = year if month > current else year + 1
    elif re.search(r"\b(last|past)\b", words):
        year = year if month < current else year - 1
    elif re.search(r"\bthis\b", words):
        pass  # "this September": the article's year
    elif month != current:
        way, weak = _tense(ctx, start, end)
        if weak:
            way = None  # "a cutback in its supply in September": the tense dates the report, not the cutback
        if re.search(r"\b(?:by|until|till|through)\s+(?:early\s+|late\s+|mid-?)?$",
                     ctx.text[max(0, start - 16):start].lower()) and 0 < (month - current) % 12 <= 4:
            way = "future"  # deadlines: "by February", "until mid-November"
        if way is None:  # the nearest such month
            way = "future" if 0 < (month - current) % 12 <= 3 else "past"
        if way == "future" and month < current:
            year += 1
        elif way == "past" and month > current:
            year -= 1
    return f"{year:04d}-{month:02d}"


def _year_of_month_day(ctx: _Context, month: int, day: int, start: int, end: int) -> str:
    anchor = ctx.anchor
    if anchor.day is None:
        return "XXXX"
    year = anchor.day.year
    if anchor.precision == "year":
        return f"{year:04d}"
    current = anchor.day
    try:
        candidate = date(year, month, day)
    except ValueError:
        return f"{year:04d}"
    if candidate == current or abs((candidate - current).days) < 60:
        return f"{year:04d}"
    way, weak = _tense(ctx, start, end)
    if weak or re.search(r"\beffective\s+(?:on\s+)?$", ctx.text[max(0, start - 14):start].lower()):
        way = None  # "effective Feb. 1", "a pact ... on June 1": the verb's tense does not date it
    if way is None:
        way = "future" if 0 < (candidate - current).days % 365 <= 100 else "past"
    fut = way == "future"
    if candidate > current and not fut:
        return f"{year - 1:04d}"
    if candidate < current and fut:
        return f"{year + 1:04d}"
    return f"{year:04d}"


def _relative_day(ctx: _Context, delta: int) -> str:
    anchor = ctx.anchor
    if anchor.day is None:
        return "XXXX-XX-XX"
    if anchor.finer("day"):
        return anchor.coarse()
    return (anchor.day + timedelta(days=delta)).isoformat()


def _relative_unit(ctx: _Context, unit: str, delta: float, number_known: bool = True) -> str:
    """The date ``delta`` units from the anchor, at the unit's granularity."""
    anchor = ctx.anchor
    granularity = {"day": "day", "night": "day", "week": "week", "weekend": "week", "month": "month",
                   "quarter": "quarter", "year": "year", "decade": "year", "century": "year",
                   "hour": "day", "minute": "day", "second": "day"}.get(unit, "day")
    if anchor.day is None or not number_known:
        return _UNKNOWN.get(granularity, "XXXX-XX-XX")
    if anchor.finer(granularity):
        return anchor.coarse()
    today = anchor.day
    d = int(round(delta))
    if unit in ("day", "night", "hour", "minute", "second"):
        if unit != "day" and unit != "night":
            return today.isoformat()
        return (today + timedelta(days=d)).isoformat()
    if unit in ("week", "weekend"):
        return _week_value(today + timedelta(weeks=d))
    if unit == "month":
        y, m = _shift_months(today.year, today.month, d)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        q_index = today.year * 4 + _quarter_of(today) - 1 + d
        return f"{q_index // 4:04d}-Q{q_index % 4 + 1}"
    if unit == "decade":
        return f"{(today.year + 10 * d):04d}"
    if unit == "century":
        return f"{(today.year + 100 * d):04d}"
    return f"{today.year + d:04d}"


def _year_context(ctx: _Context, words: str) -> int | None:
    if ctx.anchor.day is None:
        return None
    year = ctx.anchor.day.year
    if re.search(r"\blast year\b|\bprevious year\b|\ba year (ago|earlier)\b|\bprior[- ]year\b", words):
        return year - 1
    if re.search(r"\bnext year\b", words):
        return year + 1
    return year


def _normalise(kind: str, m: re.Match[str], ctx: _Context) -> tuple[str, str] | None:
    """TIMEX3 (type, value) of one matched expression, or None when it is not one."""
    text = m.group(0)
    words = text.lower()
    start, end = m.start(), m.end()
    anchor = ctx.anchor
    handler = _HANDLERS.get(kind)
    if handler is None:
        return None
    return handler(text, words, start, end, ctx, anchor)


def _h_time(text, words, start, end, ctx, anchor):
    hour_minute = None
    m = re.search(r"(\d{1,2})(?:(?::| : )(\d\d))?\s*(a\.?m\.?|p\.?m\.?|am|pm)?", words)
    military = re.match(r"([01]\d|2[0-3])([0-5]\d)\b", words)
    if military:  # "1530 GMT"
        hour_minute = (int(military.group(1)), int(military.group(2)))
    elif "noon" in words or "midday" in words:
        hour_minute = (12, 0)
    elif "midnight" in words:
        hour_minute = (24, 0)
    elif m:
        hour = int(m.group(1))
        minute = int(m.group(2) or 0)
        suffix = (m.group(3) or "").replace(".", "")
        if suffix.startswith("p") or "afternoon" in words or "evening" in words:
            if hour < 12:
                hour += 12
        elif suffix.startswith("a") and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
        hour_minute = (hour, minute)
    if hour_minute is None:
        return None
    day = _day_part(text, words, start, end, ctx, anchor, clock=True)
    clock = f"T{hour_minute[0]:02d}:{hour_minute[1]:02d}"
    return "TIME", day + clock


def _day_part(text, words, start, end, ctx, anchor, clock: bool = False) -> str:
    """The day of a time or part-of-day expression.

    A clock time that names no day (``clock``: "the blast, which happened shortly after 9 p.m.") is on the
    day of the last day the article named before it, when that day lies on the side of the publication day
    its verb looks to (a report of events gone by never puts one after publication; "will arrive at 3 p.m."
    may take a day to come), else on the publication day."""
    md = re.search(_MONTH_DAY_RE + r"\s+(" + _DAY_RE + r")(?:,?\s+(" + _YEAR_RE + "))?", text)
    if md:
        month = _month_of(md.group(0).split()[0])
        day = int(re.sub(r"\D", "", md.group(1)))
        year = md.group(2) or _year_of_month_day(ctx, month, day, start, end)
        return f"{year}-{month:02d}-{day:02d}"
    wd = re.search(_WEEKDAY_RE, text)
    if wd:
        return _resolve_weekday(ctx, WEEKDAYS[wd.group(0).lower()], start, end, words)
    if "yesterday" in words or "last night" in words:
        return _relative_day(ctx, -1)
    if "tomorrow" in words:
        return _relative_day(ctx, 1)
    after = re.match(r"\s*\([^()]{1,25}\)\s*(?:on\s+)?(" + _WEEKDAY_RE + r")\b", ctx.text[end:end + 45])
    if after:  # "at 10:35 a.m. (0735 GMT) Friday": the day follows the time's other zone
        return _resolve_weekday(ctx, WEEKDAYS[after.group(1).lower()], start, end + after.end(), words)
    if clock and ctx.last_day is not None and (anchor.day is None or not anchor.finer("day")):
        way = tense_direction(ctx, start, end)
        if anchor.day is None or (ctx.last_day >= anchor.day if way == "future" else ctx.last_day <= anchor.day):
            return ctx.last_day.isoformat()
    return _relative_day(ctx, 0)


def _h_part(text, words, start, end, ctx, anchor):
    part = next((code for name, code in PARTS_OF_DAY.items() if name in words), "NI" if "tonight" in words else None)
    if part is None:
        return None
    if words.startswith(("the ", "that ")) and not re.search(_WEEKDAY_RE, text):
        day = _relative_day(ctx, 0) if anchor.day is not None else "XXXX-XX-XX"
    else:
        day = _day_part(text, words, start, end, ctx, anchor)
    if len(day) != 10 or words == "tonight" or (part == "NI" and re.search(_WEEKDAY_RE, text)):
        # a day known no finer than its month, "tonight", and a named day's night ("Friday night", which
        # runs into the next day) resolve to the day
        return "DATE", day
    return "TIME", f"{day}T{part}"  # "Friday morning" -> 1998-08-07TMO (TIMEX3 parts of day)


def _h_date(text, words, start, end, ctx, anchor):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return _valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", text)
    if m:
        year = int(m.group(3))
        year = year + (1900 if year > 30 else 2000) if year < 100 else year
        return _valid_date(year, int(m.group(1)), int(m.group(2)))
    month_match = re.search(_MONTH_DAY_RE, text)
    day_match = re.search(r"(?<![\d:])(" + _DAY_RE + r")(?!\d)", text)
    if month_match is None or day_match is None:
        return None
    month = _month_of(month_match.group(0))
    day = int(re.sub(r"\D", "", day_match.group(1)))
    year_match = re.search(r"\b(" + _YEAR_RE + r")\b", text)
    year = year_match.group(1) if year_match else _year_of_month_day(ctx, month, day, start, end)
    if month is None:
        return None
    if len(year) != 4 or not year.isdigit():
        return "DATE", f"{year}-{month:02d}-{day:02d}" if year == "XXXX" else year
    return _valid_date(int(year), month, day)


def _valid_date(year: int, month: int, day: int):
    try:
        return "DATE", date(year, month, day).isoformat()
    except ValueError:
        return None


def _h_month(text, words, start, end, ctx, anchor):
    month_match = re.search(_MONTH_RE, text)
    if month_match is None:
        return None
    name = month_match.group(0)
    month = _month_of(name)
    if month is None:
        return None
    year_match = re.search(r"\b(" + _YEAR_RE + r")\b", text)
    spoken = spoken_year(words)
    if spoken:
        return "DATE", f"{spoken:04d}-{month:02d}"
    relative_year = re.search(r"\b(this|last|next) year\b", words)
    if relative_year and anchor.day is not None:
        year = anchor.day.year + {"this": 0, "last": -1, "next": 1}[relative_year.group(1)]
        return "DATE", f"{year:04d}-{month:02d}"
    if name in ("May", "March") and year_match is None and words == name.lower():
        if not _month_context(ctx, start, end):
            return None
    if name.rstrip(".") in ("Mar", "Jan", "Jun", "Jul", "Sep", "Sept", "Oct", "Nov", "Dec", "Feb", "Apr", "Aug") \
            and year_match is None and words == name.lower():
        return None
    if year_match:
        return "DATE", f"{year_match.group(1)}-{month:02d}"
    return "DATE", _resolve_month(ctx, month, start, end, words)


def _month_context(ctx: _Context, start: int, end: int) -> bool:
    """'May'/'March' alone are months only after a temporal preposition or before a year or comma-date."""
    before = ctx.text[max(0, start - 12):start].lower()
    return bool(re.search(r"\b(in|since|until|till|by|early|late|mid|from|through|of|last|next|this|during|before|"
                          r"after|end|since)\s+$", before))


def _h_weekday(text, words, start, end, ctx, anchor):
    wd = re.search(_WEEKDAY_RE, text)
    if wd is None:
        return None
    return "DATE", _resolve_weekday(ctx, WEEKDAYS[wd.group(0).lower()], start, end, words)


def spoken_year(words: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand' -> 2000, 'nineteen oh five' -> 1905."""
    m = re.search(_SPOKEN_YEAR, words, re.IGNORECASE)
    if m is None:
        return None
    parts = re.sub(r"[\s-]+", " ", m.group(0).lower()).replace(" and ", " ").split()
    if parts[:2] == ["two", "thousand"]:
        rest = parse_number(" ".join(parts[2:])) if parts[2:] else 0
        return 2000 + int(rest or 0)
    century = _UNITS_SMALL.get(parts[0], 0) * 100
    rest = [w for w in parts[1:] if w not in ("hundred", "oh")]
    n = parse_number(" ".join(rest)) if rest else 0
    return century + int(n or 0)


def _h_year(text, words, start, end, ctx, anchor):
    m = re.search(r"\b(" + _YEAR_RE + r")\b", text)
    season = re.match(r"(?:the\s+)?(spring|summer|fall|autumn|winter)\s+of\b", words)
    if season:  # "the winter of 1994" -> 1994-WI
        year = int(m.group(1)) if m else spoken_year(words)
        return None if year is None else ("DATE", f"{year:04d}-{SEASONS[season.group(1)]}")
    half = re.match(r"(?:the\s+)?(first|second|last|latter)\s+half\s+of\b", words)
    if half and m:  # "the first half of 2013" -> 2013-H1
        return "DATE", f"{m.group(1)}-H{1 if half.group(1) == 'first' else 2}"
    if m is None:
        year = spoken_year(words)
        return None if year is None else ("DATE", f"{year:04d}")
    if re.fullmatch(_YEAR_RE, text) and not _bare_year_ok(ctx, start, end):
        return None
    return "DATE", m.group(1)


#: a street's name after a number: one to three capitalised words and a word for a street
_STREET_AFTER = re.compile(r"\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|"
                           r"Drive|Dr|Way|Place|Court|Ct|Terrace|Highway|Hwy|Parkway|Pkwy|Circle|Square)\b\.?")


@cache
def _label_words() -> frozenset[str]:
    """The words that make the number after them a name or a label (``[identifier_words]`` of
    ``data/quantities.toml``: "Flight", "Route", "Room"), and a union's branch ("Local 1520")."""
    from ..resources import _load

    return frozenset(w.lower() for w in _load("quantities.toml")["identifier_words"]["words"]) - _TIME_NAMES \
        | {"local"}


#: label words that name a time of a year, whose number is its year ("Boxing Day 2004", "Fashion Week 2011")
_TIME_NAMES = frozenset({"day", "week", "season"})


#: a capitalised word right before a number ("Local 1520", "Flight 2011")
_WORD_BEFORE = re.compile(r"\b([A-Z][A-Za-z]*)\s+$")


def _bare_year_ok(ctx: _Context, start: int, end: int) -> bool:
    """A bare four-digit number is a year after a temporal word, inside a spaCy DATE, or before ','/'.'/a name;
    not after a capitalised word that makes it a label ("Local 1520" of a union, "Flight 2011", "Route 1776")."""
    label = _WORD_BEFORE.search(ctx.text, max(0, start - 15), start)
    if label and label.group(1).lower() in _label_words():
        return False
    before = ctx.text[max(0, start - 15):start].lower()
    after = ctx.text[end:end + 12]
    if _STREET_AFTER.match(ctx.text, end) \
            and not re.search(r"(?:\b(?:in|since|until|till|by|before|after|during|the|its)|'s)\s*$", before):
        # "arrested at 2088 Philip Street", "1600 Pennsylvania Avenue": a house's number, no year; but not after a
        # preposition of time, nor after "the" or a possessive, which no house's number follows ("the 1989 Tiananmen
        # Square protests", "the 2009 Supreme Court ruling")
        return False
    if re.search(r"\b(in|since|until|till|by|before|after|from|to|through|during|of|early|late|mid|fiscal|year|"
                 r"between|and|spring|summer|fall|autumn|winter|circa|around|as of|the|its|'s)\s*$", before):
        if re.match(r"\s*(people|men|women|persons|troops|soldiers|jobs|units|shares|cars|homes|tons|dollars|"
                    r"euros|workers|employees|times|members|cases|feet|meters|miles|km|kilometers)\b", after):
            return False
        return True
    doc = ctx.doc
    if doc is not None:
        try:
            span = doc.char_span(start, end, alignment_mode="expand")
        except Exception:  # noqa: BLE001
            span = None
        if span is not None and any(t.ent_type_ == "DATE" for t in span):
            return True
    return bool(re.match(r"\s*[,.;)]", after)) and not re.match(r"\s*,\d", after)


def _h_decade(text, words, start, end, ctx, anchor):
    m = re.search(r"(\d{3})0'?s", words)
    if m:
        value = m.group(1)
    else:
        m2 = re.search(r"['’](\d)0s", words) or re.search(r"\b(\d)0s", words)
        if m2:
            century = "19"
            value = century + m2.group(1)
        else:
            word = next((w for w in DECADE_WORDS if w in words), None)
            if word is None:
                return None
            value = "19" + str(DECADE_WORDS[word])
    return "DATE", value


def _h_century(text, words, start, end, ctx, anchor):
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)", words)
    n = int(m.group(1)) if m else next((v for k, v in ORDINALS.items() if k in words.split()), None)
    if n is None:
        return None
    return "DATE", f"{n - 1:02d}"


def _h_quarter(text, words, start, end, ctx, anchor):
    plural = bool(re.search(r"quarters\b", words))
    ordinal = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarter", words)
    year_match = re.search(r"\b(" + _YEAR_RE + r")\b", text)
    if plural and not ordinal:
        n = None
        m = re.search(r"\b(" + _NUM_RE + r")\s+quarters", words)
        if m:
            n = parse_number(m.group(1))
        return "DURATION", f"P{_fmt_num(n * 3)}M" if n else "PXQ"
    if anchor.day is None and not year_match:
        return "DATE", "XXXX-QX" if not ordinal else f"XXXX-Q{ORDINALS[ordinal.group(1)]}"
    if ordinal:
        q = ORDINALS[ordinal.group(1)]
        owner = re.search(r"\b(" + _YEAR_RE + r")['’]s\s+$", ctx.text[max(0, start - 10):start])
        if year_match or owner:  # "the fourth quarter of 2012", "2012's fourth quarter"
            year = int((year_match or owner).group(1))
        else:
            year = _year_context(ctx, words) or anchor.day.year
            if not re.search(r"\b(this|next|last) year", words) and "year-ago" not in words and \
                    "year-earlier" not in words and anchor.precision != "year":
                current_q = _quarter_of(anchor.day)
                if q > current_q and direction(ctx, start, end) == "past":
                    year -= 1
            if "year-ago" in words or "year-earlier" in words:
                year -= 1
        if anchor.day is None or anchor.precision == "year" or (year, q) < (anchor.day.year, _quarter_of(anchor.day)) \
                or tense_direction(ctx, start, end) != "future":
            # the quarter a report is about, not one forecast ("will result in a fourth-quarter charge")
            ctx.last_quarter = (year, q)
        return "DATE", f"{year:04d}-Q{q}"
    # the quarter, the latest quarter, the year-ago quarter, the same period last year
    previous = "year-ago" in words or "year-earlier" in words or "last year" in words or "a year" in words \
        or "year-before" in words or "prior-year" in words or "corresponding" in words or "comparable" in words \
        or "same" in words
    if year_match and ctx.last_quarter is None and "period" in words:
        return "DATE", year_match.group(1)
    if ctx.last_quarter is not None and not (re.search(r"\bcurrent\b", words) and anchor.day is not None):
        year, q = ctx.last_quarter
        if year_match:
            year = int(year_match.group(1))
        elif previous:
            year -= 1
        return "DATE", f"{year:04d}-Q{q}"
    if "period" in words:
        return None
    if anchor.finer("quarter"):
        return "DATE", anchor.coarse()
    q_index = anchor.day.year * 4 + _quarter_of(anchor.day) - 1
    if re.search(r"\b(latest|last|previous|past|recent)\b", words) or "the quarter" == words:
        q_index -= 1
    if re.search(r"\b(next|coming)\b", words):
        q_index += 1
    if previous:
        q_index -= 4
    return "DATE", f"{q_index // 4:04d}-Q{q_index % 4 + 1}"


def _h_half(text, words, start, end, ctx, anchor):
    n = 1 if re.search(r"\b(first|1st)\b", words) else 2
    year_match = re.search(r"\b(" + _YEAR_RE + r")\b", text)
    if year_match:
        return "DATE", f"{year_match.group(1)}-H{n}"
    if anchor.day is None:
        return "DATE", f"XXXX-H{n}"
    year = _year_context(ctx, words)
    if anchor.precision != "year" and "this year" not in words and "next year" not in words \
            and "last year" not in words and n == 2 and anchor.day.month <= 6 and direction(ctx, start, end) == "past":
        year -= 1
    return "DATE", f"{year:04d}-H{n}"


def _h_yearago(text, words, start, end, ctx, anchor):
    if anchor.day is None:
        return "DATE", "XXXX"
    if ctx.last_quarter is not None:
        year, q = ctx.last_quarter
        return "DATE", f"{year - 1:04d}-Q{q}"
    return "DATE", f"{anchor.day.year - 1:04d}"


def _h_season(text, words, start, end, ctx, anchor):
    season = next((code for name, code in SEASONS.items() if re.search(rf"\b{name}\b", words)), None)
    if season is None:
        return None
    year_match = re.search(r"\b(" + _YEAR_RE + r")\b", text)
    if year_match:
        return "DATE", f"{year_match.group(1)}-{season}"
    if spoken_year(words):
        return "DATE", f"{spoken_year(words):04d}-{season}"
    if anchor.day is None:
        return "DATE", f"XXXX-{season}"
    year = anchor.day.year
    month = anchor.day.month if anchor.precision != "year" else 6
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    if re.search(r"\b(last|past)\b", words):
        if start_month >= month or (start_month == 12):
            year -= 1
    elif re.search(r"\b(next|coming)\b", words):
        if start_month <= month:
            year += 1
    elif not re.search(r"\bthis\b", words):
        if start_month > month + 1 and direction(ctx, start, end) == "past":
            year -= 1
    return "DATE", f"{year:04d}-{season}"


def _h_deictic(text, words, start, end, ctx, anchor):
    if "yesterday" in words:
        return "DATE", _relative_day(ctx, -1)
    if "tomorrow" in words:
        return "DATE", _relative_day(ctx, 1)
    return "DATE", _relative_day(ctx, 0)


def _h_relative(text, words, start, end, ctx, anchor):
    words = re.sub(r"\s+", " ", words)
    if re.fullmatch(r"(the )?weekend", words):
        delta = 1 if direction(ctx, start, end) == "future" else -1
        if anchor.day is None:
            return "DATE", "XXXX-WXX-WE"
        if anchor.finer("week"):
            return "DATE", anchor.coarse()
        day = anchor.day
        if day.weekday() >= 5:
            delta = 0
        return "DATE", _week_value(day + timedelta(weeks=delta if delta > 0 else 0, days=-7 if delta < 0 else 0)) + "-WE"
    if re.search(r"year(?:[\s-]+|['’]s\s+)end", words):
        if anchor.day is None:
            return "DATE", "XXXX-12-31"
        return "DATE", f"{anchor.day.year:04d}-12-31"
    if re.search(r"\b(week|month|year)[\s-]+(ago|earlier)", words):
        unit = re.search(r"(week|month|year)", words).group(1)
        if unit == "year":
            return _h_yearago(text, words, start, end, ctx, anchor)
        return "DATE", _relative_unit(ctx, unit, -1)
    if re.fullmatch(r"(the )?(weekend|week|year)", words):
        return None
    unit_match = re.search(r"(weekend|week|month|fiscal year|year|decade|century)\b", words)
    if unit_match is None:
        return None
    unit = unit_match.group(1).replace("fiscal ", "")
    if re.search(r"\b(last|past|previous)\b", words):
        delta = -1
    elif re.search(r"\b(next|coming|following)\b", words):
        delta = 1
    else:
        delta = 0
    if unit == "weekend":
        if anchor.day is None:
            return "DATE", "XXXX-WXX-WE"
        if anchor.finer("week"):
            return "DATE", anchor.coarse()
        return "DATE", _week_value(anchor.day + timedelta(weeks=delta)) + "-WE"
    if unit == "decade":
        if anchor.day is None:
            return "DATE", "XXX"
        if delta == 0:
            return "DATE", f"{anchor.day.year // 10:03d}"
        if "last" in words and "the past" not in words:
            return "DATE", f"{anchor.day.year // 10 + delta:03d}"
        return "DURATION", "P10Y"
    if unit == "century":
        if anchor.day is None:
            return "DATE", "XX"
        return "DATE", f"{anchor.day.year // 100 + delta:02d}"
    return "DATE", _relative_unit(ctx, unit, delta)


def _h_ago(text, words, start, end, ctx, anchor):
    words = re.sub(r"\s+", " ", words)
    m = re.search(r"(?:(" + _NUM_RE + r")[\s-]+)?(?:more\s+)?(" + _UNIT_RE + r")(?: or so)?\s+(ago|earlier|later|"
                  r"before|after|from now|hence|back)", words)
    if m is None:
        return None
    number = parse_number(m.group(1)) if m.group(1) else None
    unit = m.group(2).rstrip("s")
    if unit.endswith("ie"):
        unit = unit[:-2] + "y"
    sign = 1 if m.group(3) in ("later", "after", "from now", "hence") else -1
    if number is None:
        return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF"
    if m.group(3) in ("before", "after"):
        return "DURATION", duration_value(number, unit)
    if unit == "year" and number == 1 and ctx.last_quarter is not None and sign < 0:
        return _h_yearago(text, words, start, end, ctx, anchor)
    if unit in ("decade", "century"):
        unit, number = "year", number * (10 if unit == "decade" else 100)
    if unit == "quarter":
        return "DATE", _relative_unit(ctx, "quarter", sign * number)
    if unit in ("hour", "minute", "second"):
        return "DATE", _relative_day(ctx, 0)
    return "DATE", _relative_unit(ctx, unit, sign * number)


def _h_set(text, words, start, end, ctx, anchor):
    words = re.sub(r"\s+", " ", words)
    adverbs = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "quarterly": "P3M", "semiannually": "P6M"}
    if words in adverbs:
        return "SET", adverbs[words]
    month = re.search(r"\b(?:every|each) (\w+)$", words)
    if month and _month_of(month.group(1)):  # "each July" -> XXXX-07
        return "SET", f"XXXX-{_month_of(month.group(1)):02d}"
    wd = re.search(_WEEKDAY_ANY, text)
    if wd:
        n = WEEKDAYS[wd.group(0).lower().rstrip("s")] + 1
        part = next((code for name, code in PARTS_OF_DAY.items() if name in words), "")
        return "SET", f"XXXX-WXX-{n}" + (f"T{part}" if part else "")
    part = next((code for name, code in PARTS_OF_DAY.items() if re.search(rf"\b{name}", words)), None)
    unit_match = re.search(r"(" + _UNIT_RE + r")$", words)
    if part and not unit_match:
        return "SET", f"XXXX-XX-XXT{part}"
    season = next((code for name, code in SEASONS.items() if words.endswith(name)), None)
    if season:
        return "SET", f"XXXX-{season}"
    if unit_match is None:
        return None
    number = 1.0
    m = re.search(r"(?:every|each|per)\s+(?:other\s+)?(" + _NUM_RE + r")\s+" + _UNIT_RE, words)
    if m:
        number = parse_number(m.group(1)) or 1
    if "other" in words:
        number *= 2
    return "SET", duration_value(number, unit_match.group(1))


_DURATION_UNIT = re.compile(r"(" + _UNIT_RE + r")(?:[\s-]+old)?(?: and a half)?$")


@cache
def _duration_number(unit: str) -> re.Pattern[str]:
    """The count before ``unit`` in a duration, compiled once per unit (two copies of the long number pattern:
    compiled anew whenever ``re``'s own cache has dropped it)."""
    return re.compile(r"(?:^|[\s-])(" + _NUM_RE + r")(?:[\s-]+(?:to|or)[\s-]+(" + _NUM_RE + r"))?[\s-]+(?:"
                      r"more |additional |full |straight |consecutive |trading |business |fiscal |calendar )?"
                      + re.escape(unit))


def _h_duration(text, words, start, end, ctx, anchor):
    words = re.sub(r"\s+", " ", words)
    if words == "these days":
        return "DATE", "PRESENT_REF"
    if re.search(r"\bwhile\b|some time|long time", words):
        if re.fullmatch(r"(a|the|this|that) (while|long time)|(some time)|a (long|short|little) while", words):
            return "DURATION", "PXX"
        return None
    m = re.search(r"(?:decades|years|months|weeks)-long", words)
    if m:
        return "DURATION", duration_value(None, m.group(0).split("-")[0])
    m = re.fullmatch(r"(day|week|month|year|decade)-?long", words)
    if m:  # "a week-long festival", "the yearlong strike"
        return "DURATION", duration_value(1, m.group(1))
    m = re.search(r"(?:the|this|that) (?:fiscal )?year$", words)
    if m and not re.search(r"\d|\b(" + _NUMBER_WORD + r")\b", words.replace(m.group(0), "")):
        # "the year" names the current year in most news
        if anchor.day is None:
            return "DATE", "XXXX"
        return "DATE", f"{anchor.day.year:04d}"
    unit_match = _DURATION_UNIT.search(words)
    if unit_match is None:
        return None
    unit = unit_match.group(1)
    num_match = _duration_number(unit).search(words)
    number = None
    if num_match:
        raw = num_match.group(2) or num_match.group(1)
        number = parse_number(raw)
        if words.endswith("and a half") and number is not None:
            number += 0.5
    unit_base = unit.rstrip("s")
    if unit_base.endswith("ie"):
        unit_base = unit_base[:-2] + "y"
    if not num_match and re.fullmatch(r"(recent|the past few|the last few|recent) (years|months|weeks|days)", words):
        if words.endswith("years"):
            return "DATE", "PAST_REF"
    if number is not None and number > 10000:
        return None
    if unit_base == "quarter":
        return "DURATION", f"P{_fmt_num(number * 3)}M" if number else "PXQ"
    if unit_base == "weekend":
        return "DURATION", f"P{_fmt_num(2 * number)}D" if number else "PXD"
    return "DURATION", duration_value(number, unit_base)


def _h_ref(text, words, start, end, ctx, anchor):
    words = re.sub(r"\s+", " ", words)
    if re.search(r"future|soon|later|near term|long term|long run", words):
        return "DATE", "FUTURE_REF"
    if re.search(r"recent|previous|formerly|former|past|lately|\bthen\b", words):
        return "DATE", "PAST_REF"
    if re.search(r"short term|short run", words):
        return "DATE", "FUTURE_REF"
    return "DATE", "PRESENT_REF"


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (n < 0: from the end) ``weekday`` of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (date(year + (month == 12), month % 12 + 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    from dateutil.easter import easter

    return easter(year)


def _holiday_date(key, year: int) -> date:
    if isinstance(key[0], int):
        return date(year, key[0], key[1])
    name = key[0]
    if name == "thanksgiving":
        return _nth_weekday(year, 11, 3, 4)
    if name == "election":
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    if name == "labor":
        return _nth_weekday(year, 9, 0, 1)
    if name == "memorial":
        return _nth_weekday(year, 5, 0, -1)
    if name == "goodfriday":
        return _easter(year) - timedelta(days=2)
    return _easter(year)


def _h_holiday(text, words, start, end, ctx, anchor):
    name = re.sub(r"^(last|next|this)\s+", "", re.sub(r"\s+", " ", words)).replace("’", "'")
    key = HOLIDAYS.get(name)
    if key is None:
        return None
    if anchor.day is None:
        if isinstance(key[0], int):
            return "DATE", f"XXXX-{key[0]:02d}-{key[1]:02d}"
        return "DATE", "XXXX-XX-XX"
    today = anchor.day
    if key == ("easterweek",):
        return "DATE", _week_value(_easter(today.year) - timedelta(days=1))
    this_year = _holiday_date(key, today.year)
    if words.startswith("next"):
        fut = True
    elif words.startswith("last"):
        fut = False
    elif abs((this_year - today).days) <= 45:
        return "DATE", this_year.isoformat()
    else:
        fut = direction(ctx, start, end) == "future"
    if fut:
        value = this_year if this_year >= today else _holiday_date(key, today.year + 1)
    else:
        value = this_year if this_year <= today else _holiday_date(key, today.year - 1)
    if anchor.precision == "year":
        return "DATE", f"{value.year:04d}"
    return "DATE", value.isoformat()


def _h_anaphoric(text, words, start, end, ctx, anchor):
    """'the following year', 'that day': relative to the last date the article named, else to its date."""
    words = re.sub(r"\s+", " ", words)
    if words == "that time":  # "released a statement at that time": the last date named, as precise as it was
        if re.search(r"\b(?:during|for|over|throughout|in|since|by)\s*$", ctx.text[max(0, start - 12):start], re.I):
            return None  # "during that time": a stretch of time the text gave before, not a date
        if ctx.last_date is None:
            return "DATE", "PAST_REF"
        y, m, d = ctx.last_date
        return "DATE", f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else "")
    season = SEASONS.get(words.rsplit(" ", 1)[-1])
    if season is not None:  # "a clash in Brittany earlier that summer": the summer of the last year named
        if ctx.last_date is not None:
            return "DATE", f"{ctx.last_date[0]:04d}-{season}"
        return _h_season(text, words, start, end, ctx, anchor)
    unit = re.search(r"(day|week|month|year|morning|night|evening)$", words).group(1)
    delta = 1 if re.search(r"\b(following|next)\b", words) else -1 if re.search(r"previous|preceding", words) else 0
    base = ctx.last_date
    if base is None:
        if anchor.day is None:
            return "DATE", _UNKNOWN.get(unit, "XXXX-XX-XX")
        if delta == 0 and unit in ("week", "month", "year"):
            return "DATE", _relative_unit(ctx, unit, 0)
        if unit in ("week", "month", "year"):
            return "DATE", _relative_unit(ctx, unit, delta)
        return "DATE", _relative_day(ctx, delta)
    y, m, d = base
    if unit == "year":
        return "DATE", f"{y + delta:04d}"
    if unit == "month" and m is not None:
        y2, m2 = _shift_months(y, m, delta)
        return "DATE", f"{y2:04d}-{m2:02d}"
    if unit in ("day", "morning", "night", "evening") and m is not None and d is not None:
        value = (date(y, m, d) + timedelta(days=delta)).isoformat()
        part = {"morning": "TMO", "night": "TNI", "evening": "TEV"}.get(unit)
        return ("TIME", value + part) if part else ("DATE", value)
    if unit == "week" and m is not None and d is not None:
        return "DATE", _week_value(date(y, m, d) + timedelta(weeks=delta))
    return None


def _h_theweek(text, words, start, end, ctx, anchor):
    """'for the week': a week of the article's year, which one unsaid."""
    if anchor.day is None:
        return "DATE", "XXXX-WXX"
    return "DATE", f"{anchor.day.year:04d}-WXX"


def _h_fiscalyear(text, words, start, end, ctx, anchor):
    return "DURATION", "P1Y"


def _h_fullyear(text, words, start, end, ctx, anchor):
    if anchor.day is None:
        return "DATE", "XXXX"
    return "DATE", f"{anchor.day.year:04d}"


_HANDLERS = {
    "time": _h_time, "part": _h_part, "date": _h_date, "month": _h_month, "weekday": _h_weekday,
    "year": _h_year, "decade": _h_decade, "century": _h_century, "quarter": _h_quarter, "half": _h_half,
    "yearago": _h_yearago, "season": _h_season, "deictic": _h_deictic, "relative": _h_relative, "ago": _h_ago,
    "set": _h_set, "duration": _h_duration, "ref": _h_ref, "holiday": _h_holiday, "anaphoric": _h_anaphoric,
    "fiscalyear": _h_fiscalyear, "theweek": _h_theweek, "fullyear": _h_fullyear,
}


# --- candidates ---------------------------------------------------------------------------------


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    match: re.Match[str] | None
    source: str  # rule | spacy


@lru_cache(maxsize=1)
def _compiled_at_word_start() -> list[tuple[str, re.Pattern[str]]]:
    """The patterns, tried only where a word starts (not after a letter, digit, hyphen or apostrophe).

    :func:`_rule_candidates` drops every match that starts elsewhere; the lookbehind lets the regex engine
    skip those positions at once instead of trying each pattern's alternatives there (5-10 times faster).
    """
    # a lookahead on the characters a match can start with (:func:`~storylens.extract.regex_gates.first_char_gate`), which fails at once
    # where no alternative can start (the engine would try every alternative in turn), tested first as it
    # rejects most positions; then two one-character lookbehinds: the same test as (?<![^\W_]|[-'’]), twice
    # as fast in the regex engine
    return [(kind, re.compile(first_char_gate(pattern) + r"(?<![^\W_])(?<![-'’])(?:" + pattern.pattern + ")",
                              pattern.flags))
            for kind, pattern in _compiled()]


@lru_cache(maxsize=1)
def _prefilters() -> list[frozenset[str] | None]:
    """Per pattern, lower-case strings one of which the lower-cased text must hold for it to match."""
    return [needed_literals(pattern) for _kind, pattern in _compiled()]


@lru_cache(maxsize=1)
def _needed_bases() -> dict[str, tuple[str, int]]:
    """:func:`~storylens.extract.regex_gates.substring_bases` of the strings the window scans need: "days" is found
    where "day" is, "april" where "apr" is, without a search of the text of its own."""
    return substring_bases(word for scan in _window_scans() if scan.usable for word in scan.needed)


@lru_cache(maxsize=1)
def _window_scans() -> list[WindowScan]:
    """Per pattern of :func:`_compiled_at_word_start`, its :class:`~storylens.extract.regex_gates.WindowScan`, whose
    candidate starts are where the pattern's own gate and lookbehinds hold."""
    return [WindowScan(at_start, re.compile(first_char_gate(pattern) + r"(?<![^\W_])(?<![-'’])", pattern.flags))
            for (_kind, at_start), (_kind2, pattern) in zip(_compiled_at_word_start(), _compiled(), strict=True)]


_COUNTED = re.compile(rf"(?:\d|\b(?:{_NUMBER_WORD}|a|an|few|several|many|some))\s+$", re.IGNORECASE)


def _rule_candidates(text: str) -> list[_Candidate]:
    found = []
    lowered = prefilter_text(text)
    seen: dict[str, bool] = {}
    positions: dict[str, list[int]] = {}  # where each needed word stands in the text, found once for every pattern
    reverse = text[::-1]  # read backwards from each of those places by every pattern
    bases = _needed_bases()
    for (kind, _pattern), needed, scan in zip(_compiled_at_word_start(), _prefilters(), _window_scans(), strict=True):
        # pattern.finditer(text), tried only near the words it needs (none when no such word is in the text)
        if scan.usable:
            matches = scan.finditer(text, lowered, positions, reverse, bases)
        elif may_match(needed, lowered, seen):
            matches = scan.finditer(text, lowered)
        else:
            continue  # a word every match holds is not in the text
        for m in matches:
            if m.end() <= m.start():
                continue
            if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-'’"):
                if not (kind == "set" and text[m.start() - 1] == " "):
                    continue
            if m.end() < len(text) and text[m.end()].isalnum():
                continue
            if kind == "ago" and re.match(_UNIT_RE, m.group(0)) and _COUNTED.search(text, max(0, m.start() - 25),
                                                                                  m.start()):
                continue  # "two days later": the count's duration, not vague "days later"
            found.append(_Candidate(m.start(), m.end(), kind, m, "rule"))
    return found


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest first; drop those overlapping a kept one."""
    chosen: list[_Candidate] = []
    taken = TakenRanges()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if taken.overlaps(c.start, c.end):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    chosen.sort(key=lambda c: c.start)
    return chosen


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Leading prepositions off, and edge punctuation and space."""
    changed = True
    while changed and start < end:
        changed = False
        m = re.match(r"\s*(\S+)\s+", text[start:end])
        if m and m.group(1).lower() in LEADING_PREPOSITIONS:
            start += m.end()
            changed = True
    while start < end and not text[start].isalnum() and text[start] not in "'’":
        start += 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".":
        end -= 1
    if end > start and text[end - 1] == "." and not re.search(r"(?:[ap]\.m|\b[A-Z][a-z]{1,3})\.$", text[start:end]):
        end -= 1
    m = re.search(r"(?:'s|’s)$", text[start:end])
    if m:
        end -= len(m.group(0))
    return start, end


_HEDGE = re.compile(r"(?i)(?:(?:just|only|about)\s+)?(?:over\s+)?(?=\S)")


def _trim_extent(text: str, start: int, end: int, kind: str) -> int:
    """The start of an expression's extent without words TempEval-3 leaves out.

    Hedges ("about two weeks", "only six months", "over the past 20 years" -> "the past 20 years") stay out,
    as does the determiner of a hyphenated modifier of a noun ("the two-hour talks", "a third-quarter loss",
    "the year-ago results"): it belongs to the noun.
    """
    span = text[start:end]
    m = _HEDGE.match(span)
    if m and m.end() and re.search(r"\d|\b(?:the|a|an|these|those|this|that|its|several|many|few|" + _NUMBER_WORD
                                   + r")\b", span[m.end():], re.IGNORECASE):
        start += m.end()
        span = text[start:end]
    m = re.match(r"(?i)(?:the|a|an)\s+(?=\S+-\S+$)", span)
    if m and (kind == "DURATION" or re.match(r"\s+[A-Za-z]", text[end:end + 3])):
        start += m.end()
    return start


# --- dateparser fallback ---------------------------------------------------------------------


def _dateparser_value(text: str, anchor: Anchor, prefer: str) -> str | None:
    """Value of one span by dateparser (the days, months and years it reads), or None."""
    if anchor.day is None:
        return None
    try:
        parser = _date_data_parser(anchor.day, prefer)
        data = parser.get_date_data(text)
    except Exception:  # noqa: BLE001 - dateparser raises many kinds of errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj, data.period
    if period == "year":
        return f"{d.year:04d}"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if period == "week":
        return _week_value(d.date())
    if period == "time":
        return f"{d.date().isoformat()}T{d.hour:02d}:{d.minute:02d}"
    return d.date().isoformat()


@lru_cache(maxsize=64)
def _date_data_parser(day: date, prefer: str):
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": datetime(day.year, day.month, day.day), "PREFER_DATES_FROM": prefer,
                "RETURN_TIME_AS_PERIOD": True}
    return DateDataParser(languages=["en"], settings=settings)


_SPACY_JUNK = re.compile(
    r"^(?:the\s+)?(?:annual|quarterly|age|ages|aged|old|the day|day|days|a day|the time|time|times|once|"
    r"\d+(?:\.\d+)?|one|two|three|four|five|the years|years|months|weeks|overnight)$", re.IGNORECASE)


def _spacy_candidates(doc: Doc | None, text: str) -> list[_Candidate]:
    if doc is None:
        return []
    out = []
    for ent in doc_ents(doc):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start, end = ent.start_char, ent.end_char
        if end > len(text) or text[start:end] != ent.text:
            continue
        start, end = _trim_span(text, start, end)
        if end <= start or _SPACY_JUNK.match(text[start:end]):
            continue
        out.append(_Candidate(start, end, "spacy-" + ent.label_, None, "spacy"))
    return out


def _normalise_free(text: str, start: int, end: int, ctx: _Context) -> tuple[str, str] | None:
    """(type, value) of a span the rules did not find: the rules on its parts, then dateparser."""
    span_text = text[start:end]
    best = None
    for kind, pattern in _compiled():
        for m in pattern.finditer(text, start, end):
            if best is None or (m.end() - m.start()) > (best[1].end() - best[1].start()):
                best = (kind, m)
    if best is not None and (best[1].end() - best[1].start()) >= 0.5 * len(span_text):
        result = _normalise(best[0], best[1], ctx)
        if result is not None:
            return result
    prefer = "future" if direction(ctx, start, end) == "future" else "past"
    value = _dateparser_value(span_text, ctx.anchor, prefer)
    if value is None:
        return None
    if ctx.anchor.day is not None and ctx.anchor.precision != "day" and not re.search(r"\d{4}", span_text):
        value = value[: len(ctx.anchor.coarse())]
    return ("TIME" if "T" in value else "DATE"), value


_RATE_BEFORE = re.compile(r"(?:\d|million|billion|thousand|percent|%|cents?|dollars?|times|flights|seats|units|"
                         r"shares|miles|hours|rooms)\W{0,3}$", re.IGNORECASE)
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})


#: what puts a bare "the fall", "the spring" in time: a preposition of time just before it ("in the fall",
#: "until the spring"); without one, or with "of" after it and no year, the word is the noun ("the fall
#: was driven by ...", "the spring of the pump")
_SEASON_PREP_BEFORE = re.compile(r"\b(?:in|during|by|until|till|through|throughout|over|since|from|before|after|"
                                 r"for|into|to|until|this|that|each|every|of|end|start|beginning|middle)\s+$", re.I)


#: a determiner, maybe with an adjective, before "today", "tomorrow" or "yesterday" makes it a noun ("a better
#: tomorrow"), not a day
_DETERMINERS_OF_NOUNS = frozenset({"a", "an", "our", "your", "their", "my", "every"})
_DETERMINED_BEFORE = re.compile(r"\b(?:a|an|our|your|their|my|every)\s+(?:[a-z]+er\s+)?$", re.I)


def _day_word_as_noun(c: _Candidate, text: str, doc: Doc | None) -> bool:
    """Whether "today", "tomorrow" or "yesterday" is a noun after a determiner, maybe with an adjective between
    ("a tomorrow", "a better tomorrow", "our bright tomorrow"), not a day ("signed an order yesterday": the
    determiner is the order's)."""
    tokens = doc.char_span(c.start, c.end, alignment_mode="expand") if doc is not None else None
    if tokens is None or len(tokens) == 0:
        return bool(_DETERMINED_BEFORE.search(text[max(0, c.start - 25):c.start]))
    i = tokens.start
    if i >= 1 and doc[i - 1].lower_ in _DETERMINERS_OF_NOUNS:
        return True
    return i >= 2 and doc[i - 1].tag_ in ("JJ", "JJR", "JJS") and doc[i - 2].lower_ in _DETERMINERS_OF_NOUNS


# the patterns of :func:`_rejected`, compiled once (each candidate is tested against most of them)
_OLDS_END = re.compile(r"-olds?$|\bolds?$")
_OLDS_AFTER = re.compile(r"[\s-]+olds?\b")
_COMPARED_AFTER = re.compile(r"-(?:to|over|on)-")
_A_UNIT = re.compile(r"(?:a|an|per)\s+(?:day|night|week|month|year|hour|minute|second)")
_A_SECOND = re.compile(r"(?:a|one|the)\s+second")
_QUARTERS_END = re.compile(r"\b(?:one|two|three|four|\d+)-quarters?$")
_A_QUARTER_END = re.compile(r"(?:a|one|than a|about a|nearly a)\s+quarter$")
_OF_AFTER = re.compile(r"\s+of\b")
_ABOUT_A_QUARTER = re.compile(r"(?:more than|less than|about|nearly|almost|over|some|roughly)\s+(?:a|one)\s+quarter")
_NUMBER_TITLE = re.compile(r"\d+\s+[A-Z][a-z]+")
_THE_NIGHT = re.compile(r"(?:the|that)\s+night")
_SEASON = re.compile(r"(?:the\s+)?(?:fall|spring)")


def _rejected(c: _Candidate, text: str, doc: Doc | None, typed: tuple[str, str]) -> bool:
    """Words that look like time expressions but are not: ages, rates, adjectives, titles."""
    span = text[c.start:c.end]
    lower = span.lower()
    after = text[c.end:c.end + 12]
    before = text[max(0, c.start - 25):c.start]
    if _OLDS_END.search(lower) or _OLDS_AFTER.match(after):
        return True  # ages ("five-year-olds": people of an age)
    if lower in ("today", "tomorrow", "yesterday") and _day_word_as_noun(c, text, doc):
        return True  # "imagine a tomorrow where ...", "a better tomorrow", "our tomorrow": the noun, not a day
    if _COMPARED_AFTER.match(after):
        return True  # "quarter-to-quarter comparison", "year-over-year": comparisons, not times
    if _A_UNIT.fullmatch(lower) \
            and _RATE_BEFORE.search(before):
        return True  # rates: "$2 million a year", "24 hours a day"
    if _A_SECOND.fullmatch(lower) or _QUARTERS_END.search(lower) \
            or _A_QUARTER_END.search(lower) and _OF_AFTER.match(after):
        return True  # ordinals and fractions
    if _ABOUT_A_QUARTER.fullmatch(lower):
        return True
    if _NUMBER_TITLE.fullmatch(span) or _THE_NIGHT.fullmatch(lower):
        return True  # "60 Minutes"
    if _SEASON.fullmatch(lower) and (
            _OF_AFTER.match(after) or not _SEASON_PREP_BEFORE.search(before)):
        return True  # "the fall was driven by misinformation", "the fall of the wall": a noun, not a season
    if lower in ("quarterly", "annual") and doc is not None:
        tokens = doc.char_span(c.start, c.end, alignment_mode="expand")
        if tokens is not None and len(tokens) and tokens[-1].i + 1 < len(doc):
            nxt = doc[tokens[-1].i + 1]
            if nxt.tag_ in _NOUN_TAGS or nxt.pos_ in ("NOUN", "PROPN") or lower == "quarterly":
                return True  # adjectives: "quarterly dividend" (news annotation leaves them out)
    return False


# --- the extractor -------------------------------------------------------------------------------


def extract_time_expressions(article: Article, doc: Doc | None) -> list[TimeExpression]:
    """Every time expression of ``article``, typed and normalised as TIMEX3, in text order.

    Never raises on odd input: a candidate that cannot be normalised is skipped.
    """
    text = article.text or ""
    try:
        return _extract(article, doc, text)
    except Exception:  # noqa: BLE001 - an extractor must not fail a whole article
        logger.exception("time expressions of %s could not be extracted", article.id)
        return []


def _extract(article: Article, doc: Doc | None, text: str) -> list[TimeExpression]:
    if doc is not None and doc_text(doc) != text:
        doc = None
    ctx = _Context(anchor=Anchor.of(article.published), doc=doc, text=text)
    rule = _select(_rule_candidates(text))
    rule_spans = TakenRanges()
    for c in rule:
        rule_spans.append((c.start, c.end))
    extra = [c for c in _spacy_candidates(doc, text) if not rule_spans.overlaps(c.start, c.end)]
    candidates = sorted(rule + _select(extra), key=lambda c: c.start)
    result: list[TimeExpression] = []
    for c in candidates:
        try:
            if c.match is not None:
                typed = _normalise(c.kind, c.match, ctx)
            else:
                typed = _normalise_free(text, c.start, c.end, ctx)
        except Exception:  # noqa: BLE001 - one odd expression must not lose the others
            logger.debug("could not normalise %r", text[c.start:c.end], exc_info=True)
            typed = None
        if typed is None or _rejected(c, text, doc, typed):
            continue
        start, end = c.start, c.end
        kind, value = typed
        start = _trim_extent(text, start, end, kind)
        if c.kind in ("date", "month", "year", "holiday") and re.match(r"\d{4}", value):
            parts = [int(p) for p in re.findall(r"\d+", value)[:3]] + [None, None]
            if value[4:5] in ("", "-") and not value[5:6].isalpha() and (parts[1] is None or parts[1] <= 12):
                ctx.last_date = (parts[0], parts[1], parts[2])
        if re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", value):
            with contextlib.suppress(ValueError):
                ctx.last_day = date.fromisoformat(value[:10])
        result.append(TimeExpression(article_id=article.id, start=start, end=end, text=text[start:end],
                                     type=kind, value=value))
    return result


__all__ = ["extract_time_expressions", "duration_value", "parse_number", "direction"]
