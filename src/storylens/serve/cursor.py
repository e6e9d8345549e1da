"""The story list's cursors: where a page of ``GET /api/stories`` and of the web page's list starts (after the
story a cursor names, by its ``created`` and ``id``), opaque to a client, which takes it from the Link header's or
the "Older stories" link's next address."""

from __future__ import annotations

import base64
import json
from datetime import datetime


class NotACursor(ValueError):
    """A story list's ``cursor`` that is none of the list's (hand-made, garbled, cut): the API answers 422, the page
    an error page, each saying so."""


def story_cursor(created: str, story_id: str) -> str:
    """The cursor of the story list's page that starts after this story (its ``created`` and ``id``): opaque to a
    client, which takes it from the Link header's next address."""
    return base64.urlsafe_b64encode(json.dumps([created, story_id]).encode("utf-8")).decode("ascii").rstrip("=")


def read_cursor(cursor: str) -> tuple[str, str]:
    """The ``(created, id)`` a cursor of :func:`story_cursor` holds; NotACursor (a ValueError), saying so, for any
    other text."""
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:  # binascii.Error is a ValueError
        raise NotACursor("not a cursor of this list: give the one of a Link header's next address") from exc
    # (a NUL or an unpaired surrogate is in no story's id or time, and PostgreSQL cannot be asked for one; a time that
    # is none, ["a", "b"], would list the stories before it in text order: all of them, or none)
    if not (isinstance(value, list) and len(value) == 2 and all(_utf8(part) for part in value)
            and _a_time(value[0])):
        raise NotACursor("not a cursor of this list: give the one of a Link header's next address")
    return value[0], value[1]


def _a_time(text: str) -> bool:
    """Whether ``text`` is an ISO 8601 time, as a story's ``created`` is."""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _utf8(text: object) -> bool:
    """Whether ``text`` is a string without a NUL that UTF-8 can write (no unpaired surrogate)."""
    if not isinstance(text, str) or "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
