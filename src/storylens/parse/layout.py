"""A page's furniture left in an article's text: its stamp, a web address's path, a line opening with an address.

Pasted or saved pages keep lines a reader skips ("Updated 5 / 5 / 2010 1 : 41 PM", "www.example.com/news/...");
the summary never gives them as sentences, the timeline takes no date and puts none of their words in an event,
and no figure is read from an address line.
"""

from __future__ import annotations

import re

#: A page's stamp, not a sentence: a stamp verb, then only a date or time ("Updated 5 / 5 / 2010 1 : 41 PM",
#: "Published May 05, 2013", "Posted on Thu Jun 13, 2013 at 9:30 am EDT").
PAGE_STAMP = re.compile(
    r"(?:(?:Last|First|Originally)[ \t]+(?:[Uu]pdated|[Mm]odified|[Pp]ublished|[Pp]osted)|Posted|Published|Updated|"
    r"Uploaded|Modified)(?:[ \t]+(?:on|at))?"
    r"(?:[ \t]*(?:\d+(?:st|nd|rd|th)?|[A-Z][a-z]{2,8}\.?|[AaPp]\.?[ \t]?[Mm]\.?|[A-Z]{2,4}|on|at|[/:,.|-]))+")
#: A web address's path in a piece ("www.example.com/news/...", "example . com / article / 132929 / ...", a piece
#: opening with the path left of a split address): the page's furniture, never a sentence to give.
WEB_PATH = re.compile(r"https?[ \t]?:[ \t]?/|(?:^|\.[ \t]?)(?:com|org|net|gov|edu|info|uk)[ \t]?/[ \t]?[\w-]",
                      re.IGNORECASE)
#: A line that opens with a web address ("http://...", "www. ...", also split token by token: "http : / / www .").
ADDRESS_LINE = re.compile(r"[ \t]*(?:https?[ \t]?:[ \t]?/[ \t]?/|www[ \t]?\.[ \t]?\w)", re.IGNORECASE)


def address_line_holding(text: str, position: int) -> tuple[int, int] | None:
    """The ``(start, end)`` of the line of ``text`` holding ``position`` when that line opens with a web address
    (a saved page's source line), else None."""
    start = text.rfind("\n", 0, position) + 1
    if ADDRESS_LINE.match(text, start) is None:
        return None
    end = text.find("\n", position)
    return start, len(text) if end == -1 else end
