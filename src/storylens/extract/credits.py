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
capitalised name, or says that someone "contributed to this report".  A place before a newsroom, desk or
bureau there ("Reporting by Ana Lopez, Madrid newsroom") is where the staff work, not a name; but a name the
tagger typed a person that ends in a word that is also a surname is that person ("Reporting by Tom Bureau").  A paragraph that
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


#: The words and marks of a credit phrase after its opening ("Haruto Sato and Li Wei in Tokyo; ...").
_CREDIT_TOKEN = re.compile(r"[^\s,;:()\[\]&]+|[,;:()\[\]&]")
#: Surname particles, written in lower case inside a name ("J. van Dam", "Ali bin Talal").
_PARTICLES = frozenset("van von de der den da di du del della la le bin ibn al el dos das ter ten".split())
#: What may join two credited names of one phrase ("Haruto Sato and Li Wei", "A, B and C").
_NAME_JOINERS = frozenset({",", "and", "&"})
#: Nouns that make a place before them the staff's location, not a name ("Ana Lopez, Madrid newsroom",
#: "London bureau", "Washington desk").
_STAFF_PLACES = frozenset({"newsroom", "newsrooms", "newsdesk", "desk", "desks", "bureau", "bureaus", "bureaux",
                           "office", "offices", "team", "staff"})
#: Those of them that end a capitalised place's name ("Madrid Newsroom", "London Bureau"); "Desk" or "Office"
#: may be a surname.
_STAFF_PLACE_NAMES = frozenset({"newsroom", "newsrooms", "newsdesk", "bureau", "bureaus", "bureaux"})
#: Those of them that are also surnames ("Tom Bureau"): a name the tagger typed a person is then that person.
_SURNAME_PLACES = frozenset({"bureau"})


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

    def names(self) -> list[tuple[int, int]]:
        """The character ranges of the names a credit phrase gives ("Reporting by [Ana Lopez]; Editing by [Mark
        Porter]", "Reporting by [Haruto Sato] and [Li Wei] in Tokyo", "Contributing: [Jane Doe], [John Roe]"),
        read off the line's own layout, so a name the entity tagger missed or typed as an organisation is still
        the outlet's staff.  A name is a run of capitalised words (surname particles inside it); names are
        joined by commas, "and" or "&"; anything else (a lower-case word such as "in", a semicolon, a bracket)
        ends the phrase's names."""
        found: list[tuple[int, int]] = []
        for line_start, line_end in self.ranges:
            line = self.text[line_start:line_end]
            openings = [m.end() for m in _CREDIT_PHRASE.finditer(line) if m.group(1).lower() in _CREDIT_OF_WORD]
            contributing = _CONTRIBUTING.match(line)
            for opening in openings:
                found.extend((line_start + a, line_start + b) for a, b in _names_after(line, opening))
            if contributing is not None:  # "Contributing: Jane Doe, USA TODAY; John Roe, The Arizona Republic"
                found.extend((line_start + a, line_start + b)
                             for a, b in _names_after(line, contributing.end(), affiliations=True))
        return sorted(set(found))

    def is_staff_place(self, start: int, end: int, *, person: bool = False) -> bool:
        """Whether the name at ``[start, end)`` of a credit line is where the staff work, not who they are: a place
        before a newsroom, desk or bureau ("Ana Lopez, [Madrid] newsroom", "[London Bureau]").  A name the tagger
        typed a person (``person``) whose last word is also a surname ("Reporting by Tom Bureau", not "Bangalore
        Newsroom") is that person: only a newsroom, desk or bureau after it makes it a place."""
        line = self._line(start, end)
        if line is None:
            return False
        last = re.findall(r"[\w.]+", self.text[start:end])
        after = re.match(r"\s+([a-z]+)\b", self.text[end:line[1]])
        end_word = last[-1].lower().rstrip(".") if last else ""
        return bool(end_word in _STAFF_PLACE_NAMES and not (person and end_word in _SURNAME_PLACES)
                    or after and after.group(1) in _STAFF_PLACES)

    def _line(self, start: int, end: int) -> tuple[int, int] | None:
        index = bisect_right(self._starts, start) - 1
        if index >= 0 and end <= self.ranges[index][1]:
            return self.ranges[index]
        return None


def _names_after(line: str, position: int, *, affiliations: bool = False) -> list[tuple[int, int]]:
    """The names that follow a credit phrase's opening at ``position`` of ``line`` (see :meth:`CreditLines.names`).

    With ``affiliations`` (a "Contributing:" list), a comma after a name opens that name's outlet, skipped up
    to the next semicolon, which starts the next name."""
    names: list[tuple[int, int]] = []
    words: list[re.Match[str]] = []  # the name being read
    skipping = False  # inside an affiliation
    went_on = False  # a name or a staff's location read: the list goes on after a joiner

    def close() -> None:
        while words and words[-1].group().lower() in _PARTICLES:  # "... de": not a name's end
            words.pop()
        if words and words[-1].group().lower().rstrip(".") in _STAFF_PLACE_NAMES:
            words.clear()  # "Madrid Newsroom": where the staff work, not a name
        if words and words[0].group().lower() not in _CREDIT_OF_WORD:
            end = words[-1].end()
            last = words[-1].group()
            if last.endswith(".") and len(last) > 2 and last[:-1].lower() not in ("jr", "sr"):
                end -= 1  # the line's full stop, not an initial's ("J.")
            names.append((words[0].start(), end))
        words.clear()

    for token in _CREDIT_TOKEN.finditer(line, position):
        text = token.group()
        if skipping:
            skipping = text != ";"
        elif affiliations and text == "," and words:
            close()
            skipping = True
        elif text[:1].isupper() or (words and text.lower() in _PARTICLES):
            words.append(token)
        elif words and text.lower().rstrip(".") in _STAFF_PLACES:
            words.clear()  # "Reporting by Ana Lopez, Madrid newsroom": a place and a newsroom, not a name
            went_on = True
        elif (text.lower() in _NAME_JOINERS or affiliations and text == ";") and (words or went_on):
            close()
            went_on = True  # "Ana Lopez, Madrid newsroom, and John Irish": a joiner may follow a joiner
        else:
            break
    close()
    return names
