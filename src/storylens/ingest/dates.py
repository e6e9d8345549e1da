"""Publication dates as people write them in records and manifests, to a :class:`PublishedDate`.

``YYYY-MM-DD``, ``YYYY-MM`` and ``YYYY`` (and an ISO timestamp) are read as they are, and an ISO-shaped date that
is not a real day (``2010-13-01``) is refused rather than guessed at.  Other forms with a four-digit year are
read by dateparser, in English: ``June 19, 2026``, ``19 June 2026``, ``June 2026`` (a month),
``13/03/2026``, ``31.12.2020``, ``Fri, 07 Nov 2025 10:00:00 GMT``.  A numeric date whose first two parts could
each be the day (``03/04/2026``) is read **day first** (3 April 2026), as most of the world's outlets write
it; one that can be read only one way (``06/19/2026``) is read that way.  A date without a year ("March 13"),
a relative one ("yesterday") or a bare number ("10", "20100914") is not guessed: :func:`read_published` raises
``ValueError`` and the article is analysed without a date, with a warning.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import shown
from ..models import PublishedDate

_ISO_SHAPED = re.compile(r"\s*[+-]?\d{4}(-|$)")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "DATE_ORDER": "DMY",
        "REQUIRE_PARTS": ["year"],
        "PARSERS": ["custom-formats", "absolute-time"],  # no relative dates, no bare timestamps
        "RETURN_TIME_AS_PERIOD": False,
    })


def read_published(raw: object) -> PublishedDate | None:
    """The date ``raw`` names, at the precision it gives; None for no date; ``ValueError`` when it cannot be read."""
    if raw is None or str(raw).strip() == "":
        return None
    text = str(raw).strip()
    if _ISO_SHAPED.match(text):
        return PublishedDate.parse(text)
    if not _FOUR_DIGIT_YEAR.search(text) or len(text) > 100:
        raise ValueError(f"not a date with a year: {shown(raw)}")
    try:
        data = _parser().get_date_data(text)
    except Exception as exc:  # noqa: BLE001 - dateparser raises many kinds of errors on odd input
        raise ValueError(f"not a readable date: {shown(raw)}") from exc
    when = data.date_obj if data is not None else None
    if when is None:
        raise ValueError(f"not a readable date: {shown(raw)}")
    if data.period == "year":
        return PublishedDate(value=f"{when.year:04d}", precision="year")
    if data.period == "month":
        return PublishedDate(value=f"{when.year:04d}-{when.month:02d}", precision="month")
    return PublishedDate(value=when.date().isoformat(), precision="day")
