"""Words shared by the reports."""

import re

from ..models import ArticleInfo, Role

TYPE_NAMES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place (country, state, city)",  # a US state or a province is one too
    "LOC": "place",
    "NORP": "group or nationality",
    "FAC": "building or site",
    "EVENT": "event",
    "LAW": "law",
    "PRODUCT": "product",
    "WORK_OF_ART": "work",
    "MISC": "other name",
}


#: what a report says in a section the story gives nothing for, rather than leaving the section out (a reader who
#: does not find a section cannot tell "none found" from "not looked for")
NONE_FOUND = {
    "summary": "No summary: no sentence of the reports could be picked for one.",
    "entities": "No people, organisations, places or groups were found in the reports.",
    "quotes": "No statements (quoted or reported, with a speaker) were found in the reports.",
    "numbers": "No figures (counts, money, percentages, amounts) were found in the reports.",
    "timeline": "No dated events were found in the reports.",
}
#: the numbers section of a story whose figures are each given by one source only
NO_FIGURE_GROUPS = "No figure is given by more than one source, so none is lined up across them."


#: the explicit bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069); the marks U+200E and U+200F
#: change no other character's direction and are kept
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def drop_bidi_controls(text: str) -> str:
    """``text`` without explicit bidi embeddings, overrides and isolates, for a report: an unclosed U+202E in an
    article's text, title or id turns every character after it around up to the end of its line or cell, the
    report's own words included ("[a1, b]" shown as "[a]b ,1"), and can show a statement's words in another order
    than the article's (as "Trojan Source" does to code).  Right-to-left text is shown in its own direction without
    them.  Only what a report shows: the dossier's texts and spans keep every character."""
    return text.translate(_BIDI_CONTROLS)


#: control characters (C0, DEL, C1): shown by no renderer, and run by a terminal a line is printed to (an escape
#: sequence sets its title, its colours, moves the cursor)
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


#: what a JSON text written with ``ensure_ascii=False`` leaves as it is and a terminal runs or turns around: DEL, the
#: C1 controls (U+009B is an escape sequence's start, CSI, to many terminals) and the explicit bidi controls (JSON
#: escapes only the C0 controls)
_UNSHOWN_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_for_terminal(text: str) -> str:
    """A JSON text (``json.dumps(..., ensure_ascii=False)``) as it may be printed: DEL, each C1 control and each
    bidi control written as its ``\\uXXXX`` escape, so that the data read back is the same, every character kept,
    and a terminal shows the line rather than running or reversing it.  (Outside its strings JSON is ASCII, so
    only strings are touched.)"""
    return _UNSHOWN_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


#: what a log line must not carry as it is: the C0 controls but tab (a line break starts a forged line, an escape
#: sequence is run by the terminal that shows the log), DEL, the C1 controls, the bidi controls and the line and
#: paragraph separators
_UNSAFE_IN_LOG = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` (from a request, an article, a file name) as a log line may carry it: each control character, bidi
    control and line separator written as its Python escape (``\\n``, ``\\x1b``, ``\\u202e``), every other
    character as it is, so that the line shows what was given and cannot start another line or run in a terminal."""
    if not _UNSAFE_IN_LOG.search(text):
        return text
    return _UNSAFE_IN_LOG.sub(lambda found: repr(found.group())[1:-1], text)


def one_line(text: object) -> str:
    """``text`` (from an article, its metadata or a file name) as one line of a terminal or of a Markdown report
    shows it: its whitespace runs one space, without control characters or bidi controls
    (:func:`drop_bidi_controls`)."""
    return drop_bidi_controls(_CONTROLS.sub("", " ".join(str(text).split())))


def source_label(info: ArticleInfo) -> str:
    parts = [info.outlet or f"article {info.id}"]
    if info.author:
        parts.append(f"by {info.author}")
    if info.published:
        parts.append(info.published)
    return ", ".join(parts)


def role_text(role: Role) -> str:
    title = role.title or "of"
    if role.organisation and role.title:
        return f"{title} ({role.organisation})"
    if role.organisation:
        return f"{title} {role.organisation}"
    return title



def count(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and ``word``, singular for 1: "1 source", "3 sources", "2 entities"."""
    if n == 1:
        return f"{n} {word}"
    if plural is None:
        plural = word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"
    return f"{n} {plural}"
