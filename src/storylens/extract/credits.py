"""Credit lines: the lines of a report that name its own staff, not the story's people.

Wire copy ends with lines such as "(Reporting by John Irish; Editing by Michael Roddy)" or
"Associated Press writer Jane Doe contributed to this report."  The names in them are the
outlet's reporters and editors, not people of the story.  :func:`credit_lines` finds those
lines, as character ranges of the text, and :meth:`CreditLines.credit_at` says which credit
covers a name ("editing credit" for "Editing by Michael Roddy"), so a person named there is
listed with that role rather than passed off as someone the story is about (the text itself
is untouched: every offset still indexes into it).

A line is a credit line when it is a line of its own (it starts the text or follows a line
break) and either opens, after an optional bracket, with a credit phrase ("Reporting by",
"Additional reporting by", "Editing by", "Writing by", "Compiled by", ...) followed by a
capitalised name, or says that someone "contributed to this report".  A paragraph that
opens "Reporting by the BBC showed ..." is prose, not a credit, and so is any line longer
than :data:`MAX_CREDIT_CHARS`.
"""

from __future__ import annotations

import re
from bisect import bisect_right

#: A credit line is short; a longer line is prose, whatever it starts with.
MAX_CREDIT_CHARS = 300

_CREDIT_OPENING = re.compile(
    r"""[\(\[]?\s*
        (?:(?:additional|further|extra)\s+)?
        (?:reporting|editing|edited|writing|written|compiled|compiling|produced|graphics?|photos?|
           photography|research|researched|translated|translation|fact[- ]checking|video)
        \s+by\s+(?-i:[A-Z])""",
    re.IGNORECASE | re.VERBOSE,
)
_CREDIT_CONTRIBUTED = re.compile(
    r"\bcontributed\s+(?:reporting\s+)?(?:to|for)\s+(?:this|the)\s+(?:report|story|article)\b",
    re.IGNORECASE,
)
_CONTRIBUTING = re.compile(r"[\(\[]?\s*contributing(?:\s+reporting)?\s*:", re.IGNORECASE)
#: One credit of a line: its phrase ("Editing by") up to the next credit, after a semicolon or a comma.
_CREDIT_PHRASE = re.compile(
    r"(?:(?:additional|further|extra)\s+)?([a-z]+(?:[- ]checking)?)\s+by\b", re.IGNORECASE
)
#: The credit a phrase's first word gives ("edited" and "editing" are both an editing credit).
_CREDIT_OF_WORD = {
    "reporting": "reporting", "editing": "editing", "edited": "editing", "writing": "writing",
    "written": "writing", "compiled": "compiling", "compiling": "compiling", "produced": "production",
    "graphic": "graphics", "graphics": "graphics", "photo": "photography", "photos": "photography",
    "photography": "photography", "research": "research", "researched": "research", "translated": "translation",
    "translation": "translation", "fact-checking": "fact-checking", "fact checking": "fact-checking",
    "video": "video",
}


def credit_lines(text: str) -> list[tuple[int, int]]:
    """The character ranges ``[start, end)`` of the credit lines of ``text``, in order."""
    ranges: list[tuple[int, int]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        start, end = position, position + len(line.rstrip("\r\n"))
        position += len(line)
        body = text[start:end].strip()
        if not body or len(body) > MAX_CREDIT_CHARS:
            continue
        if _CREDIT_OPENING.match(body) or _CONTRIBUTING.match(body) or _CREDIT_CONTRIBUTED.search(body):
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            ranges.append((start + lead, start + lead + len(body)))
    return ranges


class CreditLines:
    """The credit lines of one text, and the credit that covers a name in them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ranges = credit_lines(text)
        self._starts = [s for s, _ in self.ranges]

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def credit_at(self, start: int, end: int) -> tuple[str, int, int] | None:
        """The credit of the name at ``[start, end)`` in a credit line: its kind ("editing credit",
        "reporting credit", "contributor credit") and the character range of its phrase ("Editing by Michael
        Roddy"); None outside the credit lines."""
        line = self._line(start, end)
        if line is None:
            return None
        line_start, line_end = line
        phrase_start, kind = line_start, "contributor"
        for m in _CREDIT_PHRASE.finditer(self.text, line_start, start):
            word = m.group(1).lower()
            if word in _CREDIT_OF_WORD:
                phrase_start, kind = m.start(), _CREDIT_OF_WORD[word]
        phrase_end = line_end
        for stop in (";", ")", "]"):
            found = self.text.find(stop, end, line_end)
            if found != -1:
                phrase_end = min(phrase_end, found)
        following = _CREDIT_PHRASE.search(self.text, end, phrase_end)
        if following is not None:
            phrase_end = following.start()
        while phrase_end > phrase_start and self.text[phrase_end - 1] in " ,.;(":
            phrase_end -= 1
        while phrase_start < phrase_end and self.text[phrase_start] in " ([":
            phrase_start += 1
        return f"{kind} credit", phrase_start, phrase_end

    def _line(self, start: int, end: int) -> tuple[int, int] | None:
        index = bisect_right(self._starts, start) - 1
        if index >= 0 and end <= self.ranges[index][1]:
            return self.ranges[index]
        return None
