"""The user names and passwords that records stored before addresses were written without them may still hold
(``https://user:secret@host/``), scrubbed from every place they were stored: the dossiers (an article's address and
the outlet taken from its host name, a skipped input's source and reason), the story index (an article's address,
which tells a later version of it), the jobs (a skipped input's source and reason, the error) and what the articles
and the submissions' articles say of where they were read from and their outlet (revisions 0005 and 0006 rewrote
the jobs' and the articles' own addresses).  A record that holds none is left as it is, byte for byte.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from urllib.parse import quote, unquote, urlsplit

import sqlalchemy as sa
from alembic import op

from storylens.store.migrations.frozen import without_userinfo as _without_userinfo

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: an address's user name and password within a text ("https://user:secret@host/": "user:secret@")
_URL_USERINFO = re.compile(r"(?<=://)[^/?#\s]*@")
#: an outlet named by a host name that kept its address's user name and password ("ed:secret@news.example")
_HOST_WITH_USERINFO = re.compile(r"[^\s/@:]*:[^\s/@]*@(?=[^\s/@]+$)")
#: rows read at a time: a dossier's JSON weighs up to megabytes, and a store may hold many thousands of them
BATCH_ROWS = 100


def upgrade() -> None:
    bind = op.get_bind()
    _scrub_dossiers(bind)
    _scrub_story_index(bind)
    _scrub_jobs(bind)
    for name, keys in (("articles", ("content_hash",)), ("job_articles", ("job_id", "position"))):
        table = sa.table(name, sa.column("source", sa.Text), sa.column("outlet", sa.Text),
                         *(sa.column(key) for key in keys))
        for *key, source, outlet in _batches(bind, table, keys, (table.c.source, table.c.outlet),
                                             table.c.source.contains("@") | table.c.outlet.contains("@")):
            hidden = _hider([source])
            written = {"source": hidden(source), "outlet": _outlet(outlet, hidden)}
            if written != {"source": source, "outlet": outlet}:
                bind.execute(sa.update(table).where(*(table.c[k] == v for k, v in zip(keys, key, strict=True)))
                             .values(**written))


def _scrub_dossiers(bind: sa.Connection) -> None:
    dossiers = sa.table("dossiers", sa.column("story_id", sa.Text), sa.column("json", sa.Text))
    for story_id, raw in _batches(bind, dossiers, ("story_id",), (dossiers.c.json,), dossiers.c.json.contains("@")):
        try:
            dossier = json.loads(raw)
        except (ValueError, RecursionError):  # a damaged one is listed as such, and left as it is
            continue
        if not isinstance(dossier, dict):
            continue
        articles = [a for a in _listed(dossier.get("articles")) if isinstance(a, dict)]
        hidden = _hider(a.get("url") for a in articles)
        changed = False
        for article in articles:
            written = {"url": _without_userinfo(article["url"]) if isinstance(article.get("url"), str) else None,
                       "outlet": _outlet(article.get("outlet"), hidden)}
            for field, value in written.items():
                if value != article.get(field) and field in article:
                    article[field], changed = value, True
        for skipped in _listed(dossier.get("skipped")):
            changed |= _scrub_fields(skipped, ("source", "reason", "duplicate_of"), hidden)
        if changed:
            bind.execute(sa.update(dossiers).where(dossiers.c.story_id == story_id).values(
                json=json.dumps(dossier, ensure_ascii=False, separators=(",", ":"))))


def _scrub_story_index(bind: sa.Connection) -> None:
    records = sa.table("story_index_articles", sa.column("content_hash", sa.Text), sa.column("record", sa.Text))
    for key, raw in _batches(bind, records, ("content_hash",), (records.c.record,), records.c.record.contains("@")):
        try:
            record = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        changed = False
        origins = record.get("origins") if isinstance(record, dict) else None
        for origin in origins.values() if isinstance(origins, dict) else ():
            if isinstance(origin, dict) and isinstance(origin.get("url"), str):
                written = _without_userinfo(origin["url"])
                if written != origin["url"]:
                    origin["url"], changed = written, True
        if changed:  # (as the index writes its records)
            bind.execute(sa.update(records).where(records.c.content_hash == key).values(
                record=json.dumps(record, sort_keys=True, separators=(",", ":"))))


def _scrub_jobs(bind: sa.Connection) -> None:
    jobs = sa.table("jobs", sa.column("id", sa.Text), sa.column("skipped", sa.Text), sa.column("error", sa.Text))
    hidden = _hider(())
    for job_id, raw, error in _batches(bind, jobs, ("id",), (jobs.c.skipped, jobs.c.error),
                                       jobs.c.skipped.contains("@") | jobs.c.error.contains("@")):
        try:
            skipped = json.loads(raw or "[]")
        except (ValueError, RecursionError):
            skipped = None
        changed = False
        for item in skipped if isinstance(skipped, list) else ():
            changed |= _scrub_fields(item, ("source", "reason", "duplicate_of"), hidden)
        written = {"skipped": json.dumps(skipped)} if changed else {}
        if error is not None and hidden(error) != error:
            written["error"] = hidden(error)
        if written:
            bind.execute(sa.update(jobs).where(jobs.c.id == job_id).values(**written))


def _batches(bind: sa.Connection, table: sa.TableClause, keys: Sequence[str], columns: Sequence[sa.ColumnElement],
             where: sa.ColumnElement) -> Iterator[sa.Row]:
    """The rows of ``table`` that ``where`` holds for (their ``keys``, then ``columns``), read :data:`BATCH_ROWS` at a
    time in the order of their keys, each batch after the last key of the one before: not every record of a large
    store in memory at once, and a row rewritten that still matches (an address in an article's text) not read
    again."""
    key_columns = [table.c[key] for key in keys]
    last = None
    while True:
        query = sa.select(*key_columns, *columns).where(where)
        if last is not None:
            query = query.where(sa.tuple_(*key_columns) > sa.tuple_(*last))
        rows = bind.execute(query.order_by(*key_columns).limit(BATCH_ROWS)).all()
        yield from rows
        if len(rows) < BATCH_ROWS:
            return
        last = tuple(rows[-1][:len(keys)])


def _listed(value: object) -> list:
    """``value`` when it is a list, else none (a damaged record, left as it is)."""
    return value if isinstance(value, list) else []


def _scrub_fields(item: object, fields: Iterable[str], hidden: Callable[[str], str]) -> bool:
    changed = False
    if isinstance(item, dict):
        for field in fields:
            value = item.get(field)
            if isinstance(value, str) and hidden(value) != value:
                item[field], changed = hidden(value), True
    return changed


def _hider(addresses: Iterable[object]) -> Callable[[str], str]:
    """A text without the user names and passwords of ``addresses`` (as given, percent-encoded or decoded, as an
    HTTP client writes them back) nor any other address's (``://user:secret@``)."""
    userinfos = set()
    for address in addresses:
        if isinstance(address, str) and (userinfo := _userinfo(address)):
            userinfos |= {userinfo, quote(unquote(userinfo), safe=":@"), unquote(userinfo)}
    ordered = sorted((u for u in userinfos if len(u) > 1), key=len, reverse=True)

    def hidden(text: str) -> str:
        if not text or "@" not in text:
            return text
        for userinfo in ordered:
            text = text.replace(userinfo, "")
        return _URL_USERINFO.sub("", text)

    return hidden


def _outlet(outlet: object, hidden: Callable[[str], str]) -> object:
    if not isinstance(outlet, str) or "@" not in outlet:
        return outlet
    return _HOST_WITH_USERINFO.sub("", hidden(outlet), count=1)


def _userinfo(url: str) -> str:
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        found = re.match(r"^[^/?#]*//([^/?#]*@)", url)
        return found.group(1) if found else ""
    return netloc.rpartition("@")[0] + "@" if "@" in netloc else ""


def downgrade() -> None:
    """Nothing to undo: the user names and passwords are not kept anywhere."""
