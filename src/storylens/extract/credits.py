"""Credit lines: the lines of a report that name its own staff, not the story's people.

Wire copy ends with lines such as "(Reporting by John Irish; Editing by Michael Roddy)" or
"Associated Press writer Jane Doe contributed to this report."  The names in them are the
outlet's reporters and editors; read as entities they would join the story's "who is who"
and its voices.  :func:`credit_lines` finds those lines, as character ranges of the text,
so the extractors can leave their names out (the text itself is untouched: every offset
still indexes into it).

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
    """Membership test for character offsets in the credit lines of one text."""

    def __init__(self, text: str) -> None:
        self.ranges = credit_lines(text)
        self._starts = [s for s, _ in self.ranges]

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one credit line."""
        index = bisect_right(self._starts, start) - 1
        return index >= 0 and end <= self.ranges[index][1]
