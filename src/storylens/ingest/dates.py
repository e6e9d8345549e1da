"""Publication dates as people write them in records and manifests, to a :class:`PublishedDate`.

``YYYY-MM-DD``, ``YYYY-MM`` and ``YYYY`` (and an ISO timestamp) are read as they are, and so is ISO 8601's compact
form of a day, ``YYYYMMDD`` (``20100914``, as URLs, file names and feeds write it); an ISO-shaped date that is not a
real day (``2010-13-01``, ``20101301``) is refused rather than guessed at; a compact timestamp
(``20100914T101500Z``) is cut to its day, as an ISO one is, and one whose time is not written as one
(``20100914T1``, ``20100914T``) is refused saying so, with the forms of a compact timestamp.  Other forms with a
four-digit year are read by dateparser, in English: ``June 19, 2026``, ``19 June 2026``, ``June 2026`` (a month),
``13/03/2026``, ``31.12.2020``, ``Fri, 07 Nov 2025 10:00:00 GMT``.  A numeric date whose first two parts could
each be the day (``03/04/2026``) is read **day first** (3 April 2026), as most of the world's outlets write
it; one that can be read only one way (``06/19/2026``) is read that way.  A date without a year ("March 13"),
a relative one ("yesterday") or another bare number ("10", "201009") is not guessed: :func:`read_published` raises
``ValueError``, naming the forms it reads (:data:`READ_FORMS`), and the article is analysed without a date, with a
warning.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from ..errors import shown
from ..models import PublishedDate

_ISO_SHAPED = re.compile(r"\s*[+-]?\d{4}(-|$)")
#: ISO 8601's compact day, YYYYMMDD: eight digits, no separator; and its timestamp, cut to its day as an ISO one is
_COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})(T\d[\d:.,]*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?")

#: the forms a publication date is read in, as an error about one names them
READ_FORMS = ("dates are read as YYYY-MM-DD, YYYYMMDD, YYYY-MM or YYYY, or as people write them with a four-digit "
              "year (June 19, 2026; 19 June 2026; 19/06/2026, day first)")
#: how a compact timestamp is written, as an error about its time of day says
COMPACT_TIMESTAMP_FORMS = ("a compact timestamp is YYYYMMDDThhmmss, YYYYMMDDThhmm or YYYYMMDDThh, then Z or an "
                           "offset (+hhmm) if any, as 20100914T101500Z, and is read as its day")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
#: a compact day followed by what is not a time of day: "20100914T", "20100914X"
_COMPACT_DAY_AND_MORE = re.compile(r"(\d{4})(\d{2})(\d{2})(?!\d)\s*\S")


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
        return PublishedDate.parse(text)  # (its errors name the form)
    if compact := _COMPACT_DAY.fullmatch(text):
        try:
            day = date(*(int(part) for part in compact.groups()[:3]))
        except ValueError:
            raise ValueError(f"no such day in the calendar: {shown(raw)} (YYYYMMDD); {READ_FORMS}") from None
        if compact.group(4):  # a time of day: one no clock shows is refused, as in an ISO timestamp
            try:
                datetime.fromisoformat(text)
            except ValueError as exc:
                raise ValueError(_compact_time_error(raw, str(exc))) from None
        return PublishedDate(value=day.isoformat(), precision="day")
    if text.isdigit():  # "201009", "10": a number, which no reader could take for one date rather than another
        raise ValueError(f"a number, not a date: {shown(raw)}; {READ_FORMS}")
    if not _FOUR_DIGIT_YEAR.search(text) or len(text) > 100:
        if len(text) <= 100 and (compact := _COMPACT_DAY_AND_MORE.match(text)) and _is_day(*compact.groups()):
            # "20100914T": it has a four-digit year, in a day of a form read; what follows the day is not read
            raise ValueError(f"a day (YYYYMMDD) followed by what is not a time of day: {shown(raw)}; "
                             f"{COMPACT_TIMESTAMP_FORMS}; {READ_FORMS}")
        raise ValueError(f"not a date with a four-digit year: {shown(raw)}; {READ_FORMS}")
    try:
        data = _parser().get_date_data(text)
    except Exception as exc:  # noqa: BLE001 - dateparser raises many kinds of errors on odd input
        raise ValueError(f"not a readable date: {shown(raw)}; {READ_FORMS}") from exc
    when = data.date_obj if data is not None else None
    if when is None:
        raise ValueError(f"not a readable date: {shown(raw)}; {READ_FORMS}")
    if data.period == "year":
        return PublishedDate(value=f"{when.year:04d}", precision="year")
    if data.period == "month":
        return PublishedDate(value=f"{when.year:04d}-{when.month:02d}", precision="month")
    return PublishedDate(value=when.date().isoformat(), precision="day")


def _is_day(year: str, month: str, day: str) -> bool:
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _compact_time_error(raw: object, problem: str) -> str:
    """Why a compact timestamp's time of day (``problem``, :meth:`datetime.fromisoformat`'s error) is refused, with
    the forms read: a number out of its range ("20100914T250000Z") is no such time of day, an offset of a day or more
    no such offset, anything else ("20100914T1": one digit) not a time of day of a form read."""
    if "must be in" in problem:
        what = f"no such time of day: {shown(raw)} ({problem})"
    elif "offset" in problem:
        what = f"no such time zone offset: {shown(raw)} (an offset is less than 24 hours)"
    else:
        what = f"not a time of day after the T: {shown(raw)}"
    return f"{what}; {COMPACT_TIMESTAMP_FORMS}; {READ_FORMS}"
