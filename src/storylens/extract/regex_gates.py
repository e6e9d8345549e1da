"""Cheaper scans of a whole text by a regex, changing none of its matches.

Two necessary conditions of a match, read off the parsed pattern (the ``re`` compiler's own form):

- :func:`first_char_gate`: a lookahead on the characters a match can start with, put before the pattern, so
  the engine fails at once at a position where no alternative can start instead of trying each in turn;
- :func:`needed_literals`: lower-case strings one of which every match holds; a text whose lower-cased form
  (:func:`prefilter_text`) holds none of them is not searched at all (:func:`may_match`).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: characters that IGNORECASE matches to an ASCII letter of a pattern but that do not lower-case to it
#: (dotted and dotless i, long s): a text holding one is searched with every pattern
_ODD_CASE = re.compile("[\u0130\u0131\u017f]")


def gated(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with its :func:`first_char_gate` before it: the same matches, found faster."""
    gate = first_char_gate(pattern)
    return re.compile(gate + "(?:" + pattern.pattern + ")", pattern.flags) if gate else pattern


@lru_cache(maxsize=256)
def needed_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` holds (None: no such guarantee)."""
    from re import _parser as sre

    return _needed(sre.parse(pattern.pattern, pattern.flags))[1]


def prefilter_text(text: str) -> str | None:
    """The lower-cased text :func:`may_match` tests, or None when it holds a character that case-insensitive
    matching treats apart (then every pattern may match)."""
    return None if _ODD_CASE.search(text) else text.lower()


def may_match(needed: frozenset[str] | None, lowered: str | None, seen: dict[str, bool] | None = None) -> bool:
    """Whether a pattern with the :func:`needed_literals` ``needed`` can match the text lowered to ``lowered``
    (:func:`prefilter_text`); False only when none of the strings is in it.  ``seen``: whether each string is in
    ``lowered``, kept between the calls on one text (patterns share many of their strings)."""
    if needed is None or lowered is None:
        return True
    if seen is None:
        return any(word in lowered for word in needed)
    for word in needed:
        found = seen.get(word)
        if found is None:
            found = seen[word] = word in lowered
        if found:
            return True
    return False


def first_char_gate(pattern: re.Pattern[str]) -> str:
    """A lookahead on the characters a match of ``pattern`` can start with ("" when any may, or it can match
    empty).  The gate is a necessary condition of a match, each class under the case rule of the part of the
    pattern it comes from, so it changes no match: it only spares the engine a doomed attempt."""
    from re import _parser as sre

    found: list[tuple[bool, str]] = []
    empty = _first_chars(sre.parse(pattern.pattern, pattern.flags), bool(pattern.flags & re.IGNORECASE), found)
    if empty is None or empty:
        return ""
    parts = []
    for ignore_case in (False, True):
        classes = "".join(dict.fromkeys(c for i, c in found if i == ignore_case))
        if classes:
            parts.append(("(?i:[" if ignore_case else "(?-i:[") + classes + "])")
    return "(?=" + "|".join(parts) + ")"


def _first_chars(items, ignore_case: bool, found: list[tuple[bool, str]]) -> bool | None:
    """Adds to ``found`` (case rule, character class body) for every character a match of the parsed sequence
    ``items`` can start with; returns whether the sequence can match empty, None when any character may start
    it (or a construct is not understood)."""
    for op, av in items:
        empty = _first_chars_node(op, av, ignore_case, found)
        if not empty:
            return empty  # False: the first character is known; None: any may be
    return True


def _first_chars_node(op, av, ignore_case: bool, found: list[tuple[bool, str]]) -> bool | None:
    from re import _parser as sre

    if op is sre.LITERAL:
        found.append((ignore_case, _class_char(av)))
        return False
    if op is sre.IN:
        body = _class_parts(av, _CATEGORIES)
        if body is None:  # a negated class, an odd category: any character may come first
            return None
        found.append((ignore_case, "".join(body)))
        return False
    if op is sre.BRANCH:
        empty = False
        for branch in av[1]:
            e = _first_chars(branch, ignore_case, found)
            if e is None:
                return None
            empty = empty or e
        return empty
    if op is sre.SUBPATTERN:
        _group, add, remove, sub = av
        if add & re.IGNORECASE:
            ignore_case = True
        if remove & re.IGNORECASE:
            ignore_case = False
        return _first_chars(sub, ignore_case, found)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _high, sub = av
        e = _first_chars(sub, ignore_case, found)
        return None if e is None else (e or low == 0)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return True  # zero width: the next item gives the first character
    return None


def _class_char(code: int) -> str:
    return f"\\U{code:08x}"


def _class_parts(items, categories: dict) -> list[str] | None:
    """The pieces of a character-class body for a parsed class (``IN``) node's ``items``: its characters, ranges
    and the ``categories`` it uses; None for anything else (a negation, another category)."""
    from re import _parser as sre

    parts = []
    for o, a in items:
        if o is sre.LITERAL:
            parts.append(_class_char(a))
        elif o is sre.RANGE:
            parts.append(_class_char(a[0]) + "-" + _class_char(a[1]))
        elif o is sre.CATEGORY and a in categories:
            parts.append(categories[a])
        else:
            return None
    return parts


def _category_names() -> dict:
    from re import _constants as c

    return {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
            c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W"}


_CATEGORIES = _category_names()
#: the categories :func:`_consumed_class` can list (their negations would let any character in)
_CONSUMED_CATEGORIES = {code: name for code, name in _CATEGORIES.items() if name in (r"\d", r"\s", r"\w")}


_EXACT_CAP = 256  # most strings a run of fixed alternatives is spelt out to


def _needed(items) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(exact, needed) of a parsed regex sequence, lower-cased.

    ``exact``: every string the sequence can match, when few (else None).  ``needed``: strings of which every
    match holds at least one (None: no such guarantee)."""
    runs: list[frozenset[str]] = []  # needed sets found so far
    exact: frozenset[str] | None = frozenset({""})
    whole = True  # whether ``exact`` spells out the whole sequence so far
    for op, av in items:
        e, n = _needed_node(op, av)
        if e is not None and exact is not None and len(exact) * len(e) <= _EXACT_CAP:
            exact = frozenset(a + b for a in exact for b in e)
            continue
        whole = False
        if exact is not None and "" not in exact:
            runs.append(exact)
        exact = e
        if e is None and n is not None:
            runs.append(n)
    if exact is not None:
        if whole:
            return exact, (exact if "" not in exact else None)
        if "" not in exact:
            runs.append(exact)
    if not runs:
        return None, None
    return None, max(runs, key=lambda s: (min(map(len, s)), -len(s)))


def _needed_node(op, av) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    from re import _parser as sre  # the parsed form of the patterns (the compiler's own)

    if op is sre.LITERAL:
        return frozenset({chr(av).lower()}), None
    if op is sre.IN:
        if all(o is sre.LITERAL for o, _ in av):
            return frozenset(chr(a).lower() for _, a in av), None
        return None, None
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return frozenset({""}), None  # zero width: nothing of the match
    if op is sre.SUBPATTERN:
        return _needed(av[3])
    if op is sre.BRANCH:
        both = [_needed(branch) for branch in av[1]]
        if all(e is not None for e, _ in both):
            union = frozenset().union(*(e for e, _ in both))
            if len(union) <= _EXACT_CAP:
                return union, None
        needs = [e if e is not None and "" not in e else n for e, n in both]
        if any(n is None for n in needs):
            return None, None
        return None, frozenset().union(*needs)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, sub = av
        e, n = _needed(sub)
        if low == high == 1:
            return e, n
        if low == 0 and high == 1 and e is not None:
            return e | {""}, None
        if low >= 1:
            return None, (e if e is not None and "" not in e else n)
        return None, None
    return None, None


# --- scanning only near the needed strings ---------------------------------------------------------------------


class WindowScan:
    """``pattern.finditer(text)`` that tries the pattern only where a match can start: at a word start (the gate
    and lookbehinds in front of the pattern) no further back before an occurrence of one of its
    :func:`needed_literals` than the run of characters its matches can hold (:func:`_consumed_class`).

    Every match holds a needed string, and every character from its start to that string is one the pattern can
    consume, so a match starts within that run; each candidate start is tried with ``pattern.match``, whose match at
    a position is the one ``finditer`` would find there, left to right, going on after each match's end: the same
    matches.  Used only when the pattern cannot match empty; texts where the windows would cover much of the text
    (or that hold a character case-insensitive matching treats apart) are scanned whole."""

    def __init__(self, pattern: re.Pattern[str], starts: re.Pattern[str] | None = None) -> None:
        from re import _parser as sre

        self.pattern = pattern
        self.needed = needed_literals(pattern)
        parsed = sre.parse(pattern.pattern, pattern.flags)
        breaks = _consumed_class(parsed)
        self.breaks = re.compile("[^" + breaks + "]") if breaks is not None else None
        self.starts = starts
        self.usable = (self.needed is not None and self.breaks is not None and starts is not None
                       and parsed.getwidth()[0] > 0 and "" not in self.needed)

    def finditer(self, text: str, lowered: str | None, positions: dict[str, list[int]] | None = None,
                 reverse: str | None = None, bases: dict[str, tuple[str, int]] | None = None) -> list[re.Match[str]]:
        """The matches of ``pattern.finditer(text)``; ``lowered``: :func:`prefilter_text` of ``text``; ``positions``:
        each needed string's :func:`occurrences` in ``lowered``, kept between the scans of one text (patterns share
        many of their strings); ``reverse``: ``text[::-1]`` when the caller has it (made here otherwise); ``bases``:
        :func:`substring_bases` of the strings ``positions`` gathers (with ``positions`` only)."""
        if not self.usable or lowered is None or len(lowered) != len(text):
            return list(self.pattern.finditer(text))
        occurrences = []
        for word in self.needed:
            found = positions.get(word) if positions is not None else None
            if found is None:
                if bases is not None and positions is not None and word in bases:
                    found = occurrences_by_base(lowered, word, positions, bases)
                else:
                    found = occurrences_of(lowered, word)
                if positions is not None:
                    positions[word] = found
            occurrences.extend(found)
        if not occurrences:
            return []
        occurrences.sort()
        # the run of consumable characters before each occurrence starts after the last character before it that
        # the pattern cannot consume: the first such character searched in the reversed text from there
        if reverse is None:
            reverse = text[::-1]
        n = len(text)
        windows: list[list[int]] = []
        for at in occurrences:
            cut = self.breaks.search(reverse, n - at)
            first = n - cut.start() if cut is not None else 0
            if windows and first <= windows[-1][1] + 1:
                windows[-1][1] = max(windows[-1][1], at)
            else:
                windows.append([first, at])
        if sum(b - a + 1 for a, b in windows) * 4 > len(text):
            return list(self.pattern.finditer(text))  # most of the text: one scan is cheaper
        found = []
        pos = 0
        for a, b in windows:
            if b < pos:
                continue
            for start in self.starts.finditer(text, max(a, pos), b + 1):
                s = start.start()
                if s < pos:
                    continue
                m = self.pattern.match(text, s)
                if m is not None:
                    found.append(m)
                    pos = m.end()
        return found


def occurrences_of(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text``, overlapping occurrences too, in order."""
    found = []
    at = text.find(word)
    while at != -1:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def substring_bases(words) -> dict[str, tuple[str, int]]:
    """For each of ``words`` that holds another of them of two characters or more, the longest such (the first of
    them in sorted order) and where it first stands in the word: every occurrence of the word holds it there, so
    the word's occurrences are found among its occurrences (:func:`occurrences_by_base`) instead of by a search
    of the whole text."""
    words = sorted(set(words))
    bases = {}
    for word in words:
        inner = [other for other in words if other != word and len(other) >= 2 and other in word]
        if inner:
            base = max(inner, key=len)
            bases[word] = (base, word.find(base))
    return bases


def occurrences_by_base(text: str, word: str, positions: dict[str, list[int]], bases: dict[str, tuple[str, int]]
                        ) -> list[int]:
    """:func:`occurrences_of` ``word`` in ``text``, read off the occurrences of its base (:func:`substring_bases`),
    found first (and kept in ``positions``) if not yet: the places ``offset`` before one of them where the word
    starts.  The same list, in the same order."""
    base, offset = bases[word]
    found = positions.get(base)
    if found is None:
        found = positions[base] = (occurrences_by_base(text, base, positions, bases) if base in bases
                                   else occurrences_of(text, base))
    return [at - offset for at in found if at >= offset and text.startswith(word, at - offset)]


def _consumed_class(items) -> str | None:
    """The body of a character class holding every character the parsed pattern ``items`` can consume outside its
    lookarounds, word characters always among them (so letters in any case); None when any character may be."""
    parts: set[str] = {r"\w"}
    return "".join(sorted(parts)) if _consumed(items, parts) else None


def _consumed(items, parts: set[str]) -> bool:
    from re import _parser as sre

    for op, av in items:
        if op is sre.LITERAL:
            parts.add(_class_char(av))
        elif op is sre.IN:
            body = _class_parts(av, _CONSUMED_CATEGORIES)
            if body is None:  # a negated class, an odd category
                return False
            parts.update(body)
        elif op is sre.SUBPATTERN:
            if not _consumed(av[3], parts):
                return False
        elif op is sre.BRANCH:
            if not all(_consumed(branch, parts) for branch in av[1]):
                return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            if not _consumed(av[2], parts):
                return False
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: consumes nothing
        else:
            return False
    return True
