"""The command line: a thin layer over :mod:`storylens.pipeline`.

Exit status: 0 when something was analysed (inputs that could not be read are listed on
stderr), 4 when nothing could be analysed (or read, for ``stories`` and ``batch``), 1 on any other error (a bad
setting, no model, an output that cannot be written), 2 for a usage error (click's: an unknown option, a missing
argument), 3 when ``serve`` cannot listen, 141 when the output's reader closed its pipe (``storylens info | head -1``:
ended quietly, as a command ended by SIGPIPE).
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import sys
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path

import click

from . import __version__
from .errors import NothingToAnalyse, StorylensError
from .models import Dossier, Skipped
from .pipeline import Pipeline
from .report import render_html, render_markdown
from .report.labels import count as counted
from .report.labels import escape_controls, json_for_terminal, one_line
from .settings import Settings, shown_database_url

logger = logging.getLogger("storylens")

#: Exit status when no input could be analysed (``analyze``) or read (``stories``, ``batch``); click's usage errors
#: exit with 2, so that a script can tell a mistyped command from inputs that were all bad.
EXIT_NOTHING = 4


def _typed_db_url(db_url: str | None) -> str | None:
    """``--db-url`` when typed on the command line; None when click read it from STORYLENS_DB_URL, so that
    :meth:`Settings.load` ranks the environment's URL below a typed ``--db``."""
    source = click.get_current_context().get_parameter_source("db_url")
    return db_url if source is not click.core.ParameterSource.ENVIRONMENT else None


class PlainLogLines(logging.Filter):
    """A handler's filter that writes the control characters of what a log line says (its arguments: an article's
    id or title, a URL, a file name, a request's path or header) as escapes (:func:`escape_controls`): a title holding
    a line break and a forged "INFO ..." line, or a terminal's escape sequence, was written to the log as it was.
    The message's own format string is the program's, and is kept; a message given without arguments is escaped
    whole.  Numbers stay numbers (``%d``).  A traceback keeps its own lines, and the messages and notes of its
    exceptions, which can quote any of these, are escaped (:func:`plain_traceback`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        # (set over what another handler's formatter wrote; an exc_info that is no (type, value, traceback) is left
        # to logging, which reports it)
        exc = record.exc_info[1] if isinstance(record.exc_info, tuple) and len(record.exc_info) == 3 else None
        if isinstance(exc, BaseException):
            with contextlib.suppress(Exception):  # never raises: left to logging's own formatting then
                record.exc_text = plain_traceback(exc)
        if isinstance(record.args, Mapping):  # logging's one mapping argument ("%(name)s")
            record.args = {key: _plain_argument(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_plain_argument(value) for value in record.args)
        else:  # (a message that is no string, such as an exception logged alone, is written as its str())
            record.msg = _plain_argument(record.msg)
        return True


def _plain_argument(value: object) -> object:
    if value is None or isinstance(value, (int, float)):
        return value
    try:
        shown = str(value)
    except Exception:  # noqa: BLE001 - left to logging, which reports its own formatting errors and goes on
        return value
    plain = escape_controls(shown)
    return value if plain == shown else _PlainText(plain, value)


def plain_traceback(exc: BaseException) -> str:
    """``exc``'s traceback as logging writes it, each line of the exception's message and notes (and of those it was
    raised from or during, and of a group's) escaped as :func:`escape_controls` escapes an argument: a message
    quoting an article's title, an address or a file name with a line break wrote a forged log line, and one with
    an escape sequence ran in the terminal.  The traceback's frames are the program's own lines."""
    top = traceback.TracebackException.from_exception(exc)
    todo, seen = [top], set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        own = node.format_exception_only
        node.format_exception_only = lambda own=own, **options: (escape_controls(chunk.removesuffix("\n")) + "\n"
                                                                 for chunk in own(**options))
        # a note is written a line for each of its lines, each a chunk of its own: escaped whole first (a new list:
        # the exception's own notes are left as they are)
        if isinstance(node.__notes__, Sequence) and not isinstance(node.__notes__, str):
            node.__notes__ = [_escaped_note(note) for note in node.__notes__]
        todo.extend(n for n in (node.__cause__, node.__context__, *(node.exceptions or ())) if n is not None)
    return "".join(top.format()).removesuffix("\n")


def _escaped_note(note: object) -> object:
    """An exception's note with its control characters escaped; one whose ``str()`` fails is left to the traceback,
    which writes it so."""
    try:
        return escape_controls(str(note))
    except Exception:  # noqa: BLE001
        return note


class _PlainText(str):
    """An argument's text with its control characters escaped (``%s``), whose ``%r`` is the original's repr,
    escaped once: ``repr`` already writes a line break as ``\\n``, and the escaped text's repr doubled it."""

    def __new__(cls, plain: str, original: object) -> _PlainText:
        text = super().__new__(cls, plain)
        text.original = original
        return text

    def __repr__(self) -> str:
        return escape_controls(repr(self.original))


def _refuse_quiet_and_verbose(verbose: int, quiet: bool) -> None:
    """A usage error for ``-q`` with ``-v``: fewer and more messages at once, one of them silently ignored."""
    if quiet and verbose:
        raise click.UsageError("-q/--quiet and -v/--verbose ask for fewer and for more messages: give one of them")


def _setup_logging(verbose: int, quiet: bool, *, echoes_skips: bool = False) -> None:
    """Log to stderr at WARNING (ERROR with ``quiet``, INFO and DEBUG with ``verbose``), each line's control
    characters escaped (:class:`PlainLogLines`).  A command that prints each skipped input itself (``echoes_skips``)
    does not also log it, unless ``verbose``."""
    level = logging.ERROR if quiet else logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, PlainLogLines) for f in handler.filters):
            handler.addFilter(PlainLogLines())
    if echoes_skips and not verbose:
        logging.getLogger("storylens.ingest.sources").setLevel(logging.ERROR)


#: Exit status when the reader of the output went away (``storylens info | head -1``): a shell's status of a command
#: ended by SIGPIPE (128 + 13), as ``cat`` or ``grep`` end there.
EXIT_BROKEN_PIPE = 141


def _end_on_broken_pipe() -> None:
    """End at once, quietly, with :data:`EXIT_BROKEN_PIPE`: the standard output (or error) is a pipe whose reader
    closed it.  Both are pointed at /dev/null first, as the Python documentation's note on SIGPIPE does, so that what
    Python flushes at exit is not a second broken pipe ("Exception ignored ... BrokenPipeError").  SIGPIPE itself is
    left ignored: its default action would also end ``serve`` and a fetch when a socket's peer goes away."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, OSError, ValueError):  # replaced, or no file (a test's capture)
            os.dup2(devnull, stream.fileno())
    os.close(devnull)
    sys.exit(EXIT_BROKEN_PIPE)


class _Commands(click.Group):
    """The command group, ending quietly when the output's reader goes away (:func:`_end_on_broken_pipe`); click's
    own handling said nothing either, but exited with status 1, that of an error such as a bad setting."""

    def make_context(self, *args, **kwargs):  # the group's own --help and --version
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            _end_on_broken_pipe()

    def invoke(self, ctx):  # every command, its --help included
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _end_on_broken_pipe()


def _database_options(command):
    """The store's two options, ``--db`` and ``--db-url`` (a typed ``--db-url`` wins: see :func:`_typed_db_url`), of
    the commands that write to it."""
    command = click.option("--db-url", "db_url", envvar="STORYLENS_DB_URL", default=None,
                           help="SQLAlchemy database URL, e.g. postgresql+psycopg://user@host/db (env "
                                "STORYLENS_DB_URL); overrides --db")(command)
    return click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                        help="SQLite database file")(command)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storylens")
def main() -> None:
    """storylens: several news reports of one story, compared, every item cited."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="write the dossier (JSON contract) here (- : the standard output)")
@click.option("--md", "md_path", type=click.Path(dir_okay=False, path_type=Path),
              help="write a Markdown report here (- : the standard output)")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="write the HTML report here (- : the standard output)")
@click.option("--model", default=None, help="spaCy pipeline to load (default: en_core_web_sm, with fallbacks)")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="TOML settings file")
@_database_options
@click.option("--no-store", is_flag=True, help="neither reuse nor save analyses in the database")
@click.option("--max-bytes", "max_article_bytes", type=int, default=None,
              help="largest article accepted, in bytes (default 2,000,000; a page file's markup may be up to "
              "fetch_max_bytes, a file of many articles 50 times this)")
@click.option("--max-chars", "max_article_chars", type=int, default=None,
              help="longest article text accepted, in characters (default 200,000)")
@click.option("--language", "languages", multiple=True, help="language to analyse (repeatable; default en)")
@click.option("--no-progress", is_flag=True, help="no progress bars")
@click.option("-v", "--verbose", count=True, help="more log messages (-vv for debug)")
@click.option("-q", "--quiet", is_flag=True, help="only errors on stderr, no summary on stdout")
def analyze(inputs, json_path, md_path, html_path, model, config_file, db_path, db_url, no_store, max_article_bytes,
            max_article_chars, languages, no_progress, verbose, quiet) -> None:
    """Analyse INPUTS (files, folders, URLs, feeds, .json/.jsonl records; - : an article on the standard input) as
    one story.

    Exit status: 0 when something was analysed, 4 when nothing could be, 1 on other errors (a bad setting, an
    output that cannot be written), 2 on a usage error."""
    _refuse_quiet_and_verbose(verbose, quiet)
    if no_store and (db_path is not None or _typed_db_url(db_url) is not None):
        raise click.UsageError(f"--no-store uses no database, so {'--db' if db_path is not None else '--db-url'} "
                               "would be ignored: give one or the other")
    _setup_logging(verbose, quiet, echoes_skips=True)
    if [json_path, md_path, html_path].count(STDOUT) > 1:
        raise click.UsageError("only one of --json, --md and --html can be - (the standard output)")
    clash = _outputs_clash({"--json": json_path, "--md": md_path, "--html": html_path}, inputs)
    if clash is not None:
        raise click.UsageError(clash)
    for path in (json_path, md_path, html_path):  # before the analysis, which can take minutes
        problem = _output_problem(path)
        if problem is not None:
            click.echo(f"storylens: cannot write {for_terminal(path)}: {problem}", err=True)
            sys.exit(1)
    try:
        settings = Settings.load(
            config_file,
            model=model,
            db_path=db_path,
            db_url=_typed_db_url(db_url),
            use_store=False if no_store else None,
            max_article_bytes=max_article_bytes,
            max_article_chars=max_article_chars,
            languages=list(languages) or None,
            progress=False if (no_progress or quiet) else None,
        )
        with Pipeline(settings) as pipeline:
            dossier = pipeline.analyze(inputs)
    except NothingToAnalyse as exc:
        click.echo(f"storylens: {for_terminal(exc)}", err=True)
        sys.exit(EXIT_NOTHING)
    except StorylensError as exc:
        click.echo(f"storylens: {for_terminal(exc)}", err=True)
        sys.exit(1)
    for skipped in dossier.skipped:
        click.echo(skip_line(skipped), err=True)
    written = _write_outputs(dossier, json_path, md_path, html_path)
    if not quiet:  # on stderr when a report went to the standard output
        click.echo(summary_text(dossier, written), err=STDOUT in (json_path, md_path, html_path))


def for_terminal(text: object) -> str:
    """``text`` (from an article, its metadata or a file name) as a terminal line shows it: on one line, without
    control characters (an escape sequence would be run by the terminal rather than shown) or bidi overrides (which
    would turn the rest of the line around): :func:`~storylens.report.labels.one_line`."""
    return one_line(text)


def skip_line(skipped: Skipped) -> str:
    """The stderr line for an input skipped, or analysed with a warning (stage 'warning')."""
    said = "warning" if skipped.stage == "warning" else "skipped"
    return f"storylens: {said} {for_terminal(skipped.source)}: {for_terminal(skipped.reason)}"


#: The output path that stands for the standard output (``--json -``).
STDOUT = Path("-")


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve() or (one.exists() and other.exists() and os.path.samefile(one, other))
    except (OSError, RuntimeError):  # a symbolic link loop: not known to be one file
        return False


def _outputs_clash(outputs: dict[str, Path | None], inputs) -> str | None:
    """Why the outputs cannot be written as asked, or None: two options name one file (the second report would
    replace the first), or an output is an input, or a file already in an input folder, which writing it would
    destroy (``--md a.txt`` had replaced the article a.txt with the report)."""
    from .ingest.sources import STDIN, is_url

    # a device or a pipe (/dev/null, twice) holds nothing to overwrite
    named = [(option, path) for option, path in outputs.items()
             if path is not None and path != STDOUT and (path.is_file() or not path.exists())]
    read = [Path(item) for item in inputs if str(item) != STDIN and not is_url(str(item))]
    for n, (option, path) in enumerate(named):
        for other, other_path in named[n + 1:]:
            if _same_file(path, other_path):
                return f"{option} and {other} name one file, {path}: give each its own"
        for item in read:
            if _same_file(path, item):
                return f"{option} {path} is an input: writing it would overwrite what is read (give another file)"
            if item.is_dir() and path.exists() and _same_file(path.parent, item):
                return (f"{option} {path} is a file of the input folder {item}: writing it would overwrite it "
                        "(give another file)")
    return None


def _output_problem(path: Path | None) -> str | None:
    """Why an output file could not be written (its folder cannot be made, or is not writable), or None."""
    if path is None or path == STDOUT:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot make its folder {path.parent}: {exc.strerror or exc}"
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return "permission denied"
    return None


def _write_outputs(dossier: Dossier, json_path, md_path, html_path) -> list[Path]:
    written = []
    for path, render in ((json_path, Dossier.to_json), (md_path, render_markdown), (html_path, render_html)):
        if path is None:
            continue
        if path == STDOUT:  # a C1 control or a bidi override of an article escaped, as stories --json - does
            click.echo(json_for_terminal(render(dossier)) if render is Dossier.to_json else render(dossier))
            continue
        _write_file(path, render(dossier))
        written.append(path)
    return written


def _write_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (its folder made); a failure (a full disk, a folder that cannot be made) is said
    in a line on stderr, with exit status 1, not as a traceback."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        click.echo(f"storylens: cannot write {for_terminal(path)}: {for_terminal(exc.strerror or exc)}", err=True)
        sys.exit(1)


def summary_text(dossier: Dossier, written: list[Path]) -> str:
    warnings = sum(1 for s in dossier.skipped if s.stage == "warning")
    lines = [f"storylens: {counted(len(dossier.articles), 'source')} analysed, {len(dossier.skipped) - warnings} skipped"
             + (f", {counted(warnings, 'warning')}" if warnings else "")
             + (f" (spaCy pipeline {dossier.run.model} {dossier.run.model_version})" if dossier.run else "")]
    for info in dossier.articles:
        date = f"{info.published} ({info.published_precision})" if info.published else "date unknown"
        heading = for_terminal(info.title or info.text[:200])  # one line: no newline, tab or escape of the text
        if not info.title and len(heading) > 60:
            heading = heading[:60].rstrip() + "…"
        lines.append(f"  [{for_terminal(info.id)}] {for_terminal(info.outlet or 'outlet unknown')}, {date}: {heading}")
    people = [e for e in dossier.entities if e.type == "PERSON"]
    others = [e for e in dossier.entities if e.type != "PERSON"]
    lines.append(f"{counted(len(dossier.entities), 'entity')}: {counted(len(people), 'person', 'people')}, "
                 f"{len(others)} {'organisation, place or group' if len(others) == 1 else 'organisations, places and groups'}")
    for entity in people[:12]:
        roles = sorted({(r.title or r.organisation or "") + f" [{r.article_id}, {r.date or 'undated'}]" for r in entity.roles})
        sources = len(entity.articles)
        lines.append(f"  {for_terminal(entity.name)}: {counted(len(entity.mentions), 'mention')} in "
                     f"{counted(sources, 'source')}" + (f"; {for_terminal('; '.join(roles))}" if roles else ""))
    if others:
        top = sorted(others, key=lambda e: -len(e.mentions))[:10]
        lines.append("  also: " + for_terminal(", ".join(f"{e.name} ({e.type})" for e in top)))
    for path in written:
        lines.append(f"wrote {path}")
    return "\n".join(lines)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="write the stories here (- : the standard output)")
@click.option("--incremental", is_flag=True,
              help="add the articles not seen before to the story index kept in the database, and keep it there")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite database file (with --incremental)")
@click.option("--db-url", "db_url", envvar="STORYLENS_DB_URL", default=None,
              help="SQLAlchemy database URL (with --incremental; env STORYLENS_DB_URL); overrides --db")
@click.option("--headlines/--articles", "headlines", default=None,
              help="grouping settings for headlines and other short texts, or for whole articles (default: "
              "headlines when most texts are under 300 characters; with --incremental: for a new index)")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="TOML settings file")
@click.option("-q", "--quiet", is_flag=True, help="only errors on stderr")
def stories(inputs, json_path, incremental, db_path, db_url, headlines, config_file, quiet) -> None:
    """Group INPUTS (files, folders, .jsonl, URLs, feeds) into stories; each article in exactly one.

    A text of any length is grouped (a headline alone is enough), unless the setting min_article_chars is
    set.  With --incremental, the stories are kept in the database: each article whose text is new joins a
    story there or starts one; articles seen before are not grouped again, so a re-run changes nothing.

    Exit status: 0 when something was grouped, 4 when nothing could be read, 1 on other errors (a bad setting, a
    database that cannot be used, another run saving the index meanwhile), 2 on a usage error.
    """
    from .align.stories import GroupingSettings, group_stories, mostly_short
    from .ingest import load_inputs

    _setup_logging(0, quiet, echoes_skips=True)
    clash = _outputs_clash({"--json": json_path}, inputs)
    if clash is not None:
        raise click.UsageError(clash)
    try:
        settings = Settings.load(config_file, db_path=db_path, db_url=_typed_db_url(db_url), progress=False)
        if "min_article_chars" not in settings.model_fields_set:
            settings = settings.model_copy(update={"min_article_chars": 1})  # grouping needs no minimum
        result = load_inputs(inputs, settings)
    except StorylensError as exc:
        click.echo(f"storylens: {for_terminal(exc)}", err=True)
        sys.exit(1)
    for skipped in result.skipped:
        click.echo(skip_line(skipped), err=True)
    if not result.articles:
        click.echo("storylens: nothing could be read", err=True)
        sys.exit(EXIT_NOTHING)
    chosen = headlines is not None  # --headlines or --articles given
    if headlines is None:
        headlines = mostly_short(result.articles)
        if headlines:
            logger.info("most texts are short: grouping with the headline settings (--articles to override)")
    if headlines:
        grouping = GroupingSettings.for_headlines(embedding_model=settings.embedding_model)
    else:
        grouping = GroupingSettings()
    titles = {a.id: a.title for a in result.articles}
    added = None
    if incremental:
        from .align.story_state import add_articles

        try:
            added = add_articles(settings.db_url or settings.db_path, result.articles, grouping)
        except StorylensError as exc:
            click.echo(f"storylens: {for_terminal(exc)}", err=True)
            sys.exit(1)
        if chosen and added.settings != grouping:  # said, not ignored unsaid
            flag = "--headlines" if headlines else "--articles"
            click.echo(f"storylens: warning: the story index in {_database_name(settings)} keeps the grouping "
                       f"settings it was made with; {flag} applies to a new index only", err=True)
        groups = added.stories
        source_of = {a.id: a.source or a.id for a in result.articles}
        for given, made in added.renamed:  # said like a repeated id within one run
            renamed = Skipped(source=source_of.get(given, given), stage="warning",
                              reason=f"id {given!r} is held in the story index by another text, not an earlier "
                                     "version of this one (of another address, or of another story and another "
                                     f"file: another article), or this text is held under another id: this one is "
                                     f"{made!r}")
            result.skipped.append(renamed)
            click.echo(skip_line(renamed), err=True)
        for given in added.superseded:  # an updated article: its new text replaces the one held, said
            replaced = Skipped(source=source_of.get(given, given), stage="warning",
                               reason=f"a later version of the article the story index held under id {given!r} (of "
                                      "the same address or file, or a text of the same story): it replaces that "
                                      "version in the stories")
            result.skipped.append(replaced)
            click.echo(skip_line(replaced), err=True)
        for given in added.earlier:
            earlier = Skipped(source=source_of.get(given, given), stage="duplicate", duplicate_of=given,
                              reason=f"an earlier version of the article {given!r}, which a later one replaced in the "
                                     "story index: not added again")
            result.skipped.append(earlier)
            click.echo(skip_line(earlier), err=True)
    else:
        try:
            groups = group_stories(result.articles, grouping)
        except StorylensError as exc:  # e.g. the sentence-embedding model of --headlines is not installed
            click.echo(f"storylens: {for_terminal(exc)}", err=True)
            sys.exit(1)
    payload = {
        "stories": [
            {"id": story.id, "article_ids": story.article_ids,
             "title": story.title or next((titles[i] for i in story.article_ids if titles.get(i)), None)}
            for story in groups
        ],
        "skipped": [s.model_dump() for s in result.skipped],
    }
    if added is not None:
        payload.update(new=added.new, known=added.known, changed=added.changed, db=_database_name(settings))
    to_stdout = json_path == STDOUT
    if to_stdout:
        # a title's C1 control (U+009B starts an escape sequence) or bidi override, escaped: the data is the same
        click.echo(json_for_terminal(json.dumps(payload, indent=2, ensure_ascii=False)))
    elif json_path:
        _write_file(json_path, json.dumps(payload, indent=2, ensure_ascii=False))
    if quiet:
        return
    lines = []  # on stderr when the stories went to the standard output
    if added is None:
        lines.append(f"storylens: {counted(len(result.articles), 'article')} in {counted(len(groups), 'story')}")
        listed = payload["stories"]
        shown = listed[:20]
    else:
        lines.append(f"storylens: {counted(len(result.articles), 'article')} read: {len(added.new)} new, "
                     f"{len(added.known)} already in the story index; {counted(len(groups), 'story')} in the index, "
                     f"{len(added.changed)} created, changed or merged away by this run; "
                     f"{counted(added.rows_written, 'row')} written to {_database_name(settings)}")
        touched = set(added.changed)
        listed = [s for s in payload["stories"] if s["id"] in touched]
        shown = listed[:20]
    for story in shown:
        title = f"  {for_terminal(story['title'])}" if story["title"] else ""
        lines.append(f"  {story['id']}: {counted(len(story['article_ids']), 'article')}{title}")
    if len(listed) > len(shown):  # said, so a reader does not take the 20 lines for all the stories
        lines.append(f"  and {counted(len(listed) - len(shown), 'more story', 'more stories')}"
                     + ("" if json_path else " (--json FILE lists them all)"))
    click.echo("\n".join(lines), err=to_stdout)


def _database_name(settings: Settings) -> str:
    """The database in use, as a reader names it: ``db_url`` (its password hidden) when set, else ``db_path``."""
    if settings.db_url:
        from .store.database import database_url

        try:
            return shown_database_url(database_url(settings.db_url))
        except Exception:  # a URL the store would have refused already
            return "the database of db_url"
    return str(settings.db_path)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="folder for the Parquet part files (one row per story)")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="address of a running Dask scheduler (tcp://host:8786); default: a local cluster")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1),
              help="worker processes of the local cluster (ignored with --scheduler)")
@click.option("--model", default=None, help="spaCy pipeline the workers load (default: en_core_web_sm, with fallbacks)")
@_database_options
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="TOML settings file")
@click.option("--no-progress", is_flag=True, help="no progress bar")
@click.option("-v", "--verbose", count=True, help="more log messages (-vv for debug)")
@click.option("-q", "--quiet", is_flag=True, help="only errors on stderr, no summary on stdout")
def batch(inputs, out_dir, scheduler, workers, model, db_path, db_url, config_file, no_progress, verbose,
          quiet) -> None:
    """Group a corpus (JSONL, .jsonl.gz, Parquet, files, folders) into stories and analyse each on Dask.

    Dossiers go to the store (--db, or --db-url) and one row per story to Parquet files in --out.  A run stopped
    part-way resumes: stories already in the store are not analysed again.  Exit status: 0 when every
    story is analysed (now or before), 4 when nothing could be read, 1 on other errors (a story that
    failed, a bad setting, an unreachable scheduler).
    """
    from .batch import run_batch

    _refuse_quiet_and_verbose(verbose, quiet)
    _setup_logging(verbose, quiet, echoes_skips=True)  # each bad record is said once, below
    # Dask's own log level, read from the environment by the driver and by the worker processes it starts
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "info" if verbose > 1 else "error" if quiet else "warning")
    try:
        settings = Settings.load(config_file, model=model, db_path=db_path, db_url=_typed_db_url(db_url),
                                 progress=False if (no_progress or quiet) else None)
        result = run_batch(list(inputs), out_dir, settings, scheduler=scheduler, workers=workers,
                           progress=settings.progress)
    except StorylensError as exc:
        click.echo(f"storylens: {for_terminal(exc)}", err=True)
        sys.exit(1)
    except OSError as exc:  # the output folder or a part file could not be written
        click.echo(f"storylens: {for_terminal(exc)}", err=True)
        sys.exit(1)
    for skipped in result.bad_records:
        click.echo(skip_line(skipped), err=True)
    for story_id, error in result.failures:
        click.echo(f"storylens: story {story_id} failed: {for_terminal(error)}", err=True)
    if not result.articles:
        click.echo("storylens: nothing could be read", err=True)
        sys.exit(EXIT_NOTHING)
    if not quiet:
        # an input analysed with a warning (an id made unique, a date not read) is no input skipped
        warnings = sum(1 for s in result.bad_records if s.stage == "warning")
        click.echo(
            f"storylens: {counted(result.articles, 'article')} in {counted(result.stories, 'story')}: "
            f"{result.analysed} analysed, {result.skipped} already done, {result.failed} failed; "
            f"{counted(len(result.bad_records) - warnings, 'input')} skipped"
            + (f", {counted(warnings, 'warning')}" if warnings else "")
        )
        replaced = f" (and removed {counted(result.replaced, 'earlier row')} of stories analysed again)" \
            if result.replaced else ""
        click.echo(f"wrote {counted(len(result.parts), 'Parquet part file')} to {out_dir}{replaced}; dossiers in "
                   f"{_database_name(settings)}")
    if result.failed:
        click.echo(f"storylens: {result.failed} stories failed; run the same command again to retry them", err=True)
        sys.exit(1)


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="write the schema here instead of stdout")
def schema(out: Path | None) -> None:
    """Print the JSON Schema of the dossier contract."""
    text = json.dumps(Dossier.json_schema(), indent=2, sort_keys=True) + "\n"
    if out:
        _write_file(out, text)
    else:
        click.echo(text, nl=False)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", default=8000, show_default=True, type=int)
@_database_options
@click.option("--token", envvar="STORYLENS_TOKEN", default=None,
              help="bearer token for writes (env STORYLENS_TOKEN); none: writes from loopback only")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="TOML settings file")
def serve(
    host: str, port: int, db_path: Path | None, db_url: str | None, token: str | None, config_file: str | None
) -> None:
    """Run the HTTP API and the web page.

    Exit status: 3 when it cannot listen on --host/--port (the port in use), 1 on a bad setting or a database that
    cannot be used.
    """
    import uvicorn

    from .serve import create_app

    _setup_logging(1, False)
    try:
        settings = Settings.load(config_file, db_path=db_path, db_url=_typed_db_url(db_url))
    except StorylensError as exc:
        click.echo(f"storylens: {for_terminal(exc)}", err=True)
        sys.exit(1)
    problem = port_problem(host, port)  # before the store and the pipeline are loaded: fail fast
    if problem is not None:
        click.echo(f"storylens: cannot listen on {host}:{port}: {problem}", err=True)
        sys.exit(3)
    try:
        app = create_app(settings, token=token)
    except StorylensError as exc:
        click.echo(f"storylens: {for_terminal(exc)}", err=True)
        sys.exit(1)
    uvicorn.run(app, host=host, port=port, log_config=uvicorn_log_config())


def uvicorn_log_config() -> dict:
    """uvicorn's own logging configuration, its handlers filtered by :class:`PlainLogLines` (its access line carries
    the request's query string)."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["plain"] = {"()": PlainLogLines}
    for handler in config["handlers"].values():
        handler["filters"] = [*handler.get("filters", []), "plain"]
    return config


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port`` (the port taken, the address not this machine's), or
    None.  Bound as uvicorn binds (``SO_REUSEADDR``), then released at once."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host.strip("[]"), port))
    except OverflowError:
        return "the port must be 0-65535"
    except OSError as exc:
        return "the port is in use (another server?)" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
    return None


@main.command()
@click.option("--model", default=None, help="spaCy pipeline name to try first")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="TOML settings file")
def info(model: str | None, config_file: str | None) -> None:
    """Show the version, the settings in force (defaults, --config or STORYLENS_CONFIG, the environment) and which
    spaCy pipeline loads."""
    from .parse.pipeline import load_pipeline, model_id

    _setup_logging(0, False)
    try:
        settings = Settings.load(config_file, model=model)
    except StorylensError as exc:
        click.echo(f"storylens: {for_terminal(exc)}", err=True)
        sys.exit(1)
    click.echo(f"storylens {__version__}")
    for name, value in settings.model_dump().items():
        if name == "db_url" and value:  # its password hidden, as everywhere else the database is named
            value = _database_name(settings)
        click.echo(f"  {name} = {value}")
    try:
        name, version = model_id(load_pipeline(settings.model))
        click.echo(f"spaCy pipeline loaded: {name} {version}")
    except StorylensError as exc:
        click.echo(f"storylens: {for_terminal(exc)}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
