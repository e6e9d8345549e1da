"""Helpers the numbered migrations share, frozen as those revisions wrote them.

A migration must do tomorrow what it did the day it was written, so it never calls the application's code, which
may change (:func:`storylens.models.without_userinfo` among it); what several revisions need is kept here instead,
and is never edited: a revision that needs other behaviour adds a function of its own.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit


def without_userinfo(url: str) -> str:
    """``url`` without ``user:password@`` (as :func:`storylens.models.without_userinfo` of revision 0005): an address
    urlsplit refuses (``http://ed:pw@[::1``, stored before addresses were checked at submission) loses them too,
    and does not stop the upgrade. Used by revisions 0005, 0006 and 0007."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"^([^/?#]*//)[^/?#]*@", r"\1", url, count=1)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2])) if "@" in parts.netloc else url
