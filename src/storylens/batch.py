"""``storylens batch``: a whole corpus grouped into stories, each story analysed on Dask distributed.

The corpus is read on the driver by :func:`load_inputs` (JSONL, gzipped JSONL, Parquet, and every other
input it reads), grouped with :func:`group_stories`, and each story not yet analysed is sent to a Dask worker as one task.
A worker builds its own :class:`Pipeline` (no store: only the driver writes) and returns the dossier as
JSON.  The driver saves each finished dossier in the store (``settings.db_path``) and appends one row per
story to Parquet: one part file per finished batch, written to a temporary name and renamed, so a killed
run loses nothing it wrote.

Resume: a story whose story key (:func:`storylens.pipeline.story_key`) already has a dossier in the store
is not analysed again; if its row is missing from the Parquet files (a run killed between the store write
and the part file), the row is written from the stored dossier.  Nothing is duplicated.

One row per story: a story that gained, lost or shared articles since an earlier run has a new story key and
a new analysis; once its row is written, the rows of the earlier analyses of its articles (the same story id,
or an article in common: the same id with the same text, by content hash) are removed from their part files
(:func:`_drop_superseded`).  Rows of stories the corpus does not touch stay, so runs over separate corpora can
share one ``out_dir``, also when both number their records alike.

The same code runs on a ``LocalCluster`` (the default) and on a real cluster (``scheduler`` address).
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .errors import StorylensError
from .ingest.sources import load_inputs
from .models import Article, Dossier, Skipped, Story
from .report.labels import count as counted
from .settings import Settings

logger = logging.getLogger(__name__)

PARQUET_COLUMNS = ("story_id", "story_key", "article_ids", "n_entities", "n_quotes", "n_claims", "dossier_json",
                   "article_hashes")
PART_GLOB = "part-*.parquet"


class SchedulerError(StorylensError):
    """The Dask scheduler could not be reached, or the local cluster could not start."""


class OutDirBusy(StorylensError):
    """Another batch run is writing to the same output folder."""


LOCK_NAME = ".storylens-batch.lock"


@contextmanager
def _out_dir_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``out_dir`` for one run: two runs at once into one folder (the same corpus run twice) each analysed
    its stories and wrote its rows, leaving two rows per story, and could rewrite one part file together.  A run
    that finds the folder held is refused at once (:class:`OutDirBusy`), naming the holder.  The lock is the
    operating system's (``flock``) on a file in the folder, released when the run ends, however it ends (a killed
    run's too), so there is never a stale one."""
    import fcntl

    path = out_dir / LOCK_NAME
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise OutDirBusy(f"another storylens batch run ({holder}) is writing to {out_dir}: wait for it to end, "
                             "or give another --out") from None
        except OSError as exc:  # a file system without locks (some network mounts): the run goes on, said
            logger.warning("cannot hold %s for this run (%s): another run into it at the same time would write its "
                           "stories' rows too", out_dir, exc)
            yield
            return
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()} on {socket.gethostname()}, since {time.strftime('%Y-%m-%d %H:%M:%S')}")
            handle.flush()
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class BatchResult:
    """What one batch run did."""

    articles: int = 0  #: articles admitted from the corpus
    stories: int = 0  #: stories the articles were grouped into
    analysed: int = 0  #: stories analysed in this run
    skipped: int = 0  #: stories already analysed by an earlier run (found in the store)
    failed: int = 0  #: stories whose analysis raised
    replaced: int = 0  #: rows of earlier runs removed from the Parquet files: a newer row holds their story
    bad_records: list[Skipped] = field(default_factory=list)  #: inputs and records that could not be read
    failures: list[tuple[str, str]] = field(default_factory=list)  #: (story id, error) per failed story
    parts: list[Path] = field(default_factory=list)  #: Parquet part files written by this run
    db_path: Path | None = None  #: the SQLite file the dossiers were saved in (None: a PostgreSQL database)

    @property
    def paths(self) -> list[Path]:
        """Every file this run wrote to: its Parquet parts, then the store."""
        return [*self.parts, *([self.db_path] if self.db_path is not None else [])]


# ------------------------------------------------------------------------------------------------ reading


def read_corpus(inputs: Iterable[str | Path], settings: Settings) -> tuple[list[Article], list[Skipped]]:
    """Every article of ``inputs`` (JSONL, ``.jsonl.gz``, Parquet, or any input ``load_inputs`` reads).

    Records are admitted with the ingest rules (text length, duplicates, language, unique ids); the
    records and inputs that could not be used come back as :class:`Skipped`, never raised.
    """
    result = load_inputs(inputs, settings)
    return result.articles, result.skipped


# ------------------------------------------------------------------------------------------- the workers


def _worker_model_id(model: str) -> tuple[str, str]:
    """The (name, version) of the spaCy pipeline a worker loads for ``model``."""
    from .parse.pipeline import load_pipeline, model_id

    return model_id(load_pipeline(model))


def _analyse_story(articles: list[Article], settings: Settings, notes: Sequence[Skipped] = ()) -> str:
    """One task: the dossier of one story, as JSON, listing ``notes`` (what ingest said of its articles: an id made
    unique, a date not read) in its ``skipped``, as ``analyze`` does.  Runs in a worker; never writes to the store."""
    from .pipeline import Pipeline

    worker_settings = settings.model_copy(update={"use_store": False, "progress": False})
    with Pipeline(worker_settings) as pipeline:
        return pipeline.analyze_articles(articles, skipped=notes, admitted=True).to_json(indent=None)


def _notes_by_article(articles: Sequence[Article], skipped: Sequence[Skipped]) -> dict[str, list[Skipped]]:
    """The warnings ingest gave about admitted articles (listed under the article's source, or the id it was given),
    by the article's id: each goes into its own story's dossier."""
    ids_of: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        ids_of[article.source or article._note_source or article.id].append(article.id)
    notes: dict[str, list[Skipped]] = defaultdict(list)
    for item in skipped:
        if item.stage == "warning" and len(ids_of.get(item.source, ())) == 1:
            notes[ids_of[item.source][0]].append(item)
    return notes


# -------------------------------------------------------------------------------------------- the driver


@dataclass
class _PartRow:
    """The identifying columns of one row already in ``out_dir``."""

    story_id: str
    story_key: str
    articles: frozenset[str]  #: :func:`_article_key` of each (its id alone in a part file written before the hashes)


def _article_key(article_id: str, content_hash: str | None) -> str:
    """What identifies one article of a corpus across runs: its id and its text's hash, since two corpora run into
    one folder may number their records alike ("1", "2"...)."""
    return f"{article_id}\0{content_hash}" if content_hash else article_id


def _part_rows(part: Path, *, warn: bool = True) -> list[_PartRow] | None:
    """The rows of one part file (their ids only); None when it cannot be read."""
    import pyarrow.parquet as pq

    try:
        hashed = "article_hashes" in pq.read_schema(part).names  # not in part files of earlier versions
        table = pq.read_table(part, columns=["story_id", "story_key", "article_ids",
                                             *(["article_hashes"] if hashed else [])])
    except (OSError, ValueError, KeyError) as exc:
        if warn:
            logger.warning("cannot read %s (%s): its stories will be written again", part, exc)
        return None
    rows = []
    for r in table.to_pylist():
        ids = r["article_ids"] or []
        hashes = r.get("article_hashes") or [None] * len(ids)
        rows.append(_PartRow(r["story_id"], r["story_key"],
                             frozenset(_article_key(i, h) for i, h in zip(ids, hashes, strict=False))))
    return rows


def _existing_keys(out_dir: Path) -> set[str]:
    keys: set[str] = set()
    for part in sorted(out_dir.glob(PART_GLOB)):
        keys.update(row.story_key for row in _part_rows(part) or ())
    return keys


def _drop_superseded(out_dir: Path, stories: dict[str, tuple[str, frozenset[str]]], written: set[str]) -> int:
    """Remove from the part files of ``out_dir`` the rows that a newer analysis of this corpus replaces;
    returns how many were removed.

    ``stories`` holds this corpus's stories: story id -> (story key, :func:`_article_key` of each article);
    ``written`` the story keys whose rows are in ``out_dir``.  A row of a story key not in this corpus is
    replaced by the stories that have its story id (the story gained or lost articles) or share an article with
    it, the same id and text (stories merged or split; a row written before the hashes were, by id alone), once
    each of them has its row written: a row whose new analysis failed is kept until the next run
    writes it.  Rows of stories this corpus does not touch are kept.  Each changed part file is rewritten under
    a temporary name and renamed, so a reader never sees half of one.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    current_keys = {key for key, _ in stories.values()}
    story_of_article = {a: story for story, (_, articles) in stories.items() for a in articles}
    # a row written before the hashes names its articles by id alone
    story_of_article.update({a.partition("\0")[0]: story for story, (_, articles) in stories.items()
                             for a in articles})

    def replaced(row: _PartRow) -> bool:
        if row.story_key in current_keys:
            return False
        newer = {story_of_article[a] for a in row.articles if a in story_of_article}
        if row.story_id in stories:
            newer.add(row.story_id)
        return bool(newer) and all(stories[s][0] in written for s in newer)

    removed = 0
    for part in sorted(out_dir.glob(PART_GLOB)):
        rows = _part_rows(part, warn=False)  # said by _existing_keys
        if not rows:
            continue
        keep = [not replaced(row) for row in rows]
        if all(keep):
            continue
        removed += keep.count(False)
        if not any(keep):
            part.unlink()
            logger.info("removed %s: its %s have newer rows", part, counted(len(rows), "story"))
            continue
        table = pq.read_table(part).filter(pa.array(keep))
        tmp = part.with_name("." + part.name + ".tmp")
        pq.write_table(table, tmp)
        tmp.replace(part)
        logger.info("removed %s from %s: they have newer rows", counted(keep.count(False), "story"), part)
    return removed


def _row(story: Story, key: str, dossier: Dossier, dossier_json: str, articles: list[Article]) -> dict[str, Any]:
    hash_of = {article.id: article.content_hash for article in articles}
    return {
        "story_id": story.id,
        "story_key": key,
        "article_ids": list(story.article_ids),
        "article_hashes": [hash_of[article_id] for article_id in story.article_ids],
        "n_entities": len(dossier.entities),
        "n_quotes": len(dossier.quotes),
        "n_claims": len(dossier.claims),
        "dossier_json": dossier_json,
    }


def _write_part(out_dir: Path, rows: list[dict[str, Any]], run_id: str, number: int) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([
        ("story_id", pa.string()),
        ("story_key", pa.string()),
        ("article_ids", pa.list_(pa.string())),
        ("n_entities", pa.int64()),
        ("n_quotes", pa.int64()),
        ("n_claims", pa.int64()),
        ("dossier_json", pa.string()),
        ("article_hashes", pa.list_(pa.string())),
    ])
    table = pa.Table.from_pylist(rows, schema=schema)
    path = out_dir / f"part-{run_id}-{number:05d}.parquet"
    tmp = path.with_name("." + path.name + ".tmp")
    pq.write_table(table, tmp)
    tmp.replace(path)  # a reader never sees half a part
    logger.info("wrote %s to %s", counted(len(rows), "story"), path)
    return path


def _open_client(scheduler: str | None, workers: int, processes: bool):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        logger.info("connecting to the Dask scheduler at %s", scheduler)
        try:
            return Client(scheduler), None
        except (OSError, ValueError, TimeoutError) as exc:  # refused, timed out, or not an address
            raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    try:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=":0"
        )  # the dashboard on a free port: two runs on one machine do not collide
    except (OSError, RuntimeError, TimeoutError) as exc:
        raise SchedulerError(f"cannot start a local Dask cluster of {counted(workers, 'worker')}: {exc}") from exc
    logger.info("started a local Dask cluster of %s (processes=%s), dashboard %s",
                counted(workers, "worker"), processes, cluster.dashboard_link)
    return Client(cluster), cluster


def _retire_local_workers(client) -> None:
    """Close a local cluster's workers before its scheduler: a worker still running while the scheduler closes may
    fail its heartbeat and log a traceback on the user's terminal (a known race of distributed's shutdown, seen on a
    loaded machine), though the run went well."""
    try:
        workers = list(client.scheduler_info().get("workers", {}))
        if workers:
            client.retire_workers(workers=workers, close_workers=True)
    except Exception as exc:  # noqa: BLE001 - the run is over: a failure here costs only the orderly close
        logger.debug("the local Dask workers were not retired before the cluster closed: %s", exc)


def run_batch(
    inputs: Sequence[str | Path],
    out_dir: Path,
    settings: Settings,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    progress: bool = True,
    processes: bool = True,
    part_size: int = 64,
) -> BatchResult:
    """Group ``inputs`` into stories and analyse each on Dask; results go to the store and ``out_dir``.

    ``scheduler`` is the address of a running Dask scheduler; without it a ``LocalCluster`` of ``workers``
    single-threaded workers is started (worker processes, or threads when ``processes`` is False) and shut
    down at the end.  Every ``part_size`` finished stories are written as one Parquet part file.  One run at a time
    writes to ``out_dir``: another is refused (:class:`OutDirBusy`).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _out_dir_lock(out_dir):
        return _run_batch(inputs, out_dir, settings, scheduler=scheduler, workers=workers, progress=progress,
                          processes=processes, part_size=part_size)


def _run_batch(inputs: Sequence[str | Path], out_dir: Path, settings: Settings, *, scheduler: str | None,
               workers: int, progress: bool, processes: bool, part_size: int) -> BatchResult:
    from dask.distributed import as_completed

    from .align.stories import group_stories
    from .pipeline import story_key
    from .store import Store

    result = BatchResult(db_path=_store_file(settings))
    articles, result.bad_records = read_corpus(inputs, settings)
    result.articles = len(articles)
    stories = group_stories(articles) if articles else []
    result.stories = len(stories)
    logger.info("%s in %s (%s skipped)", counted(len(articles), "article"), counted(len(stories), "story"),
                counted(len(result.bad_records), "record"))
    if not stories:
        return result
    by_id = {a.id: a for a in articles}
    members = {s.id: [by_id[i] for i in s.article_ids] for s in stories}
    notes = _notes_by_article(articles, result.bad_records)

    run_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    store = Store.open(settings)
    client, cluster = _open_client(scheduler, workers, processes)
    pending_rows: list[dict[str, Any]] = []
    keys: dict[str, str] = {}  # story id -> story key
    written: set[str] = set()  # the story keys whose rows are in out_dir (once flushed)

    def flush() -> None:
        if pending_rows:
            result.parts.append(_write_part(out_dir, pending_rows, run_id, len(result.parts)))
            pending_rows.clear()

    try:
        model_name, model_version = client.submit(_worker_model_id, settings.model, pure=False).result()
        written.update(_existing_keys(out_dir))
        todo: list[tuple[Story, str]] = []
        for story in stories:
            key = story_key(members[story.id], model_name, model_version, settings)
            keys[story.id] = key
            stored = store.load_dossier(key)
            if stored is None:
                todo.append((story, key))
                continue
            result.skipped += 1
            if key not in written:  # the run that analysed it stopped before its part file
                pending_rows.append(_row(story, key, stored, stored.to_json(indent=None), members[story.id]))
                written.add(key)
        flush()
        logger.info("%s already analysed, %d to analyse", counted(result.skipped, "story"), len(todo))

        # the workers analyse and never open the store: they are not sent its URL, whose password Dask would carry to
        # each (other machines' with a scheduler) and write in its log of a task that failed (the settings' repr)
        settings_for_workers = settings.model_copy(update={"use_store": False, "progress": False, "db_url": None})
        queue = iter(todo)
        in_flight = max(1, workers) * 4
        task_of: dict[Any, tuple[Story, str]] = {}

        def submit_next(completed: Any) -> None:
            item = next(queue, None)
            if item is None:
                return
            story_notes = [n for a in members[item[0].id] for n in notes.get(a.id, ())]
            future = client.submit(_analyse_story, members[item[0].id], settings_for_workers, story_notes, pure=False)
            task_of[future] = item
            completed.add(future)

        with tqdm(total=len(stories), initial=result.skipped, desc="stories", unit="story",
                  disable=not progress) as bar:
            completed = as_completed()
            for _ in range(in_flight):
                submit_next(completed)
            for future in completed:
                story, key = task_of.pop(future)
                try:
                    dossier_json = future.result()
                    dossier = Dossier.model_validate_json(dossier_json)
                    store.save_story(key, members[story.id], dossier)
                except Exception as exc:  # one story's failure must not stop the batch
                    logger.error("story %s failed: %s: %s", story.id, type(exc).__name__, exc)
                    result.failed += 1
                    result.failures.append((story.id, f"{type(exc).__name__}: {exc}"))
                else:
                    result.analysed += 1
                    pending_rows.append(_row(story, key, dossier, dossier_json, members[story.id]))
                    written.add(key)
                    if len(pending_rows) >= part_size:
                        flush()
                finally:
                    future.release()
                bar.update(1)
                submit_next(completed)
    finally:
        flush()
        if cluster is not None:
            _retire_local_workers(client)
        client.close()
        if cluster is not None:
            cluster.close()
        store.close()
    # only after every row of this run is written: a story's old row goes once its new one is there
    result.replaced = _drop_superseded(
        out_dir, {s.id: (keys[s.id], frozenset(_article_key(a.id, a.content_hash) for a in members[s.id]))
                  for s in stories if s.id in keys}, written)
    logger.info(
        "batch done: %d analysed, %d already done, %d failed; %d part files in %s; %s replaced",
        result.analysed, result.skipped, result.failed, len(result.parts), out_dir,
        counted(result.replaced, "earlier row"),
    )
    return result


def _store_file(settings: Settings) -> Path | None:
    """The SQLite file the store writes to (``db_url``'s when it is set, else ``db_path``); None for a server."""
    if not settings.db_url:
        return Path(settings.db_path)
    from .store.database import database_url

    url = database_url(settings.db_url)
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
