"""Settings: precedence, validation, and every setting documented."""

from __future__ import annotations

from pathlib import Path

import pytest

import storylens
from storylens.errors import ConfigError
from storylens.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_settings_precedence_file_env_arguments(tmp_path, monkeypatch):
    config = tmp_path / "s.toml"
    config.write_text('[storylens]\nbatch_size = 4\nmodel = "from_file"\nlanguages = ["en", "fr"]\n', encoding="utf-8")
    monkeypatch.setenv("STORYLENS_MODEL", "from_env")
    settings = Settings.load(config, batch_size=8)
    assert settings.batch_size == 8  # argument beats file
    assert settings.model == "from_env"  # environment beats file
    assert settings.languages == ["en", "fr"]


def test_settings_a_given_db_path_beats_a_db_url_from_the_file_or_environment(tmp_path, monkeypatch):
    config = tmp_path / "s.toml"
    config.write_text('db_url = "sqlite:///from_file.sqlite3"\n', encoding="utf-8")
    assert Settings.load(config).db_url == "sqlite:///from_file.sqlite3"
    given = Settings.load(config, db_path=tmp_path / "given.sqlite3")
    assert (given.db_url, given.db_path) == (None, tmp_path / "given.sqlite3")
    monkeypatch.setenv("STORYLENS_DB_URL", "sqlite:///from_env.sqlite3")
    assert Settings.load(db_path=tmp_path / "given.sqlite3").db_url is None
    both = Settings.load(db_path=tmp_path / "given.sqlite3", db_url="sqlite:///given.sqlite3")
    assert both.db_url == "sqlite:///given.sqlite3"  # both given: the URL is used, as documented


def test_settings_db_url_that_is_no_url_is_refused_not_made_a_local_file(tmp_path, monkeypatch):
    # "postgresql:/host/db" (a slash short) or a bare path had been taken for an SQLite file of that name: the run
    # went on on a local database made there, as if on the server's; refused now, naming the setting, the password
    # of such a value hidden as everywhere else
    monkeypatch.chdir(tmp_path)
    for typo in ("postgresql+psycopg:/ferry:tide42@harbour-db/stories", "harbour-db/stories", "stories.sqlite3"):
        with pytest.raises(ConfigError, match="db_url = .*not a database URL") as refused:
            Settings.load(db_url=typo)
        assert "tide42" not in str(refused.value)
    monkeypatch.setenv("STORYLENS_DB_URL", "harbour-db/stories")
    with pytest.raises(ConfigError, match=r"from STORYLENS_DB_URL\): not a database URL"):
        Settings.load()
    assert list(tmp_path.iterdir()) == []  # no file made
    monkeypatch.setenv("STORYLENS_DB_URL", "")  # set empty in an env file: no URL, db_path is used
    assert Settings.load().db_url is None
    assert Settings.load(db_url="sqlite:///harbour.sqlite3").db_url == "sqlite:///harbour.sqlite3"


def test_settings_file_reads_top_level_keys_beside_a_storylens_table(tmp_path):
    config = tmp_path / "s.toml"
    config.write_text('model = "top_model"\nbatch_size = 2\n[storylens]\nbatch_size = 4\n[other_tool]\nx = 1\n',
                      encoding="utf-8")
    settings = Settings.load(config)
    assert (settings.model, settings.batch_size) == ("top_model", 4)  # both read; the table's wins a tie
    config.write_text('summary_sentences = "many"\n[storylens]\nbatch_size = 4\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="summary_sentences"):  # a bad one is said, not dropped
        Settings.load(config)


def test_analyze_applies_overrides_over_given_settings(tmp_path, monkeypatch):
    """storylens.analyze(inputs, settings, use_store=False): the override is applied, not dropped because settings
    were given (it stored the analysis in settings' database before)."""
    text = "The city council voted on Tuesday to approve a new bridge across the river, officials said."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "store.sqlite3"
    mine = Settings.load(db_path=db, progress=False)
    dossier = storylens.analyze([tmp_path / "a.txt"], mine, use_store=False, summary_sentences=2)
    assert [a.id for a in dossier.articles] == ["a"]
    assert not db.exists()  # use_store=False was honoured
    assert mine.use_store is True  # the caller's settings are not changed
    assert mine.with_overrides(summary_sentences=2).db_path == db  # the rest is kept
    with pytest.raises(ConfigError, match="summary_sentences"):
        storylens.analyze([tmp_path / "a.txt"], mine, summary_sentences="many")


def test_settings_db_path_with_a_tilde_is_in_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    config = tmp_path / "s.toml"
    config.write_text('db_path = "~/stories.sqlite3"\n', encoding="utf-8")
    assert Settings.load(config).db_path == tmp_path / "stories.sqlite3"  # not ./~/stories.sqlite3
    monkeypatch.setenv("STORYLENS_DB_PATH", "~/env.sqlite3")
    assert Settings.load().db_path == tmp_path / "env.sqlite3"
    paths = Settings.load(model="~/pipelines/en_custom", embedding_model="~/models/minilm")
    assert (paths.model, paths.embedding_model) == (f"{tmp_path}/pipelines/en_custom", f"{tmp_path}/models/minilm")
    assert Settings.load(model="en_core_web_md").model == "en_core_web_md"


def test_settings_file_named_with_a_tilde_in_the_environment_is_in_the_home_folder(tmp_path, monkeypatch):
    # STORYLENS_CONFIG=~/storylens.toml in a service's env file, where no shell expands the ~: the file was looked
    # for in a folder named '~' and the run ended "cannot read settings file"
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "storylens.toml").write_text("summary_sentences = 3\n", encoding="utf-8")
    monkeypatch.setenv("STORYLENS_CONFIG", "~/storylens.toml")
    assert Settings.load().summary_sentences == 3
    assert Settings.load(Path("~/storylens.toml")).summary_sentences == 3


def test_settings_env_list_is_comma_separated(monkeypatch):
    monkeypatch.setenv("STORYLENS_LANGUAGES", "en, FR")
    assert Settings.load().languages == ["en", "fr"]


def test_settings_languages_are_codes_from_a_comma_list_or_a_json_list(monkeypatch):
    monkeypatch.setenv("STORYLENS_LANGUAGES", '["en", "FR"]')  # had been split at the comma: '["en"', '"fr"]'
    assert Settings.load().languages == ["en", "fr"]
    for wrong in ("english", "en-US", '["en"'):  # kept before, as languages no article is in: all skipped
        monkeypatch.setenv("STORYLENS_LANGUAGES", wrong)
        with pytest.raises(ConfigError, match="not a language code"):
            Settings.load()
    with pytest.raises(ConfigError, match="not a language code: 'french'"):
        Settings.load(languages=["en", "french"])


@pytest.mark.parametrize("overrides", [{"batch_size": 0}, {"max_article_bytes": -1}, {"no_such_setting": 1}])
def test_settings_invalid_values_raise_config_error(overrides):
    with pytest.raises(ConfigError):
        Settings.load(**overrides)


def test_settings_unreadable_file_raises_config_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = = not toml", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml"):
        Settings.load(bad)


def test_settings_every_setting_documented():
    table = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"| `{name}` |" in table, f"setting {name} is not in docs/settings.md's table"


def test_exports_all_is_sorted_public_api():
    assert sorted(storylens.__all__, key=str.lower) == sorted(storylens.__all__, key=str.lower)
    for name in storylens.__all__:
        assert hasattr(storylens, name)


def test_a_language_the_pipeline_does_not_read_is_warned_about_once(settings, caplog):
    import logging

    from storylens import Pipeline

    settings.languages = ["en", "fr"]
    with caplog.at_level(logging.WARNING, logger="storylens.pipeline"), Pipeline(settings) as pipeline:
        assert pipeline.nlp.lang == "en" and pipeline.nlp is pipeline.nlp
    warnings = [r.getMessage() for r in caplog.records if r.name == "storylens.pipeline"]
    assert len(warnings) == 1 and "articles in fr will be read by the en pipeline" in warnings[0]
    # the pipeline named is the one loaded, not the one asked for when a fallback was loaded instead
    from storylens.parse.pipeline import model_id

    assert f"pipeline {model_id(pipeline.nlp)[0]}:" in warnings[0]


def test_invalid_settings_are_said_readably(tmp_path, monkeypatch):
    config = tmp_path / "s.toml"
    config.write_text('max_article_bytes = "lots"\nno_such_setting = 1\n', encoding="utf-8")
    monkeypatch.setenv("STORYLENS_BATCH_SIZE", "abc")
    with pytest.raises(ConfigError) as caught:
        Settings.load(config)
    message = str(caught.value)
    assert f"max_article_bytes = 'lots' (in {config}): input should be a valid integer" in message
    assert "batch_size = 'abc' (from STORYLENS_BATCH_SIZE)" in message
    assert f"no_such_setting (in {config}): no such setting (the settings are: model, " in message
    assert "errors.pydantic.dev" not in message and "validation error for" not in message and "\n" not in message


def test_repr_hides_the_database_password():
    # repr(settings) reaches logs and tracebacks; the URL itself is kept for the store
    settings = Settings.load(db_url="postgresql+psycopg://bob:s3cret@db.example/stories")
    assert "s3cret" not in repr(settings) and "s3cret" not in str(settings)
    assert "bob:***@db.example/stories" in repr(settings)
    assert settings.db_url == "postgresql+psycopg://bob:s3cret@db.example/stories"


def test_a_database_password_holding_an_at_sign_is_hidden_whole_and_read_whole(tmp_path):
    """A password with an unencoded "@" (``ferry:tide@Q7x@harbour``) was hidden up to its first "@" only: repr,
    messages and ``info`` showed "ferry:***@Q7x@harbour", and the store took "Q7x@harbour" for the host (its driver's
    error naming it).  The host follows the LAST "@", as URL parsers read such an address."""
    from click.testing import CliRunner

    from storylens.cli import main
    from storylens.errors import StoreError
    from storylens.settings import read_database_url
    from storylens.store import Store

    for url, shown in (("postgresql://ferry:tide@Q7x@harbour-db/stories", "postgresql://ferry:***@harbour-db/stories"),
                       ("postgresql+psycopg://ferry:ti@de:Q7x@harbour-db:5433/stories?sslmode=require",
                        "postgresql+psycopg://ferry:***@harbour-db:5433/stories?sslmode=require"),
                       ("postgresql://ferry:ti/de@Q7x@harbour-db/stories", "postgresql://ferry:***@harbour-db/stories")):
        settings = Settings.load(db_url=url)
        assert shown in repr(settings) and "Q7x" not in repr(settings) and "tide" not in repr(settings)
        parsed = read_database_url(url)
        assert (parsed.host, parsed.database) == ("harbour-db", "stories")
        assert parsed.password == url.split("://ferry:")[1].rsplit("@", 1)[0]  # the whole password, to connect with
    with pytest.raises(ConfigError) as refused:  # a value that is no URL, said with its password hidden too
        Settings.load(db_url="postgresql:/ferry:tide@Q7x@harbour-db/stories")
    assert "tide" not in str(refused.value) and "Q7x" not in str(refused.value)
    assert "ferry:***@harbour-db/stories" in str(refused.value)
    info = CliRunner().invoke(main, ["info"], env={"STORYLENS_DB_URL": "postgresql://ferry:tide@Q7x@harbour-db/news"})
    assert "db_url = postgresql+psycopg://ferry:***@harbour-db/news" in info.output and "Q7x" not in info.output
    with pytest.raises(StoreError) as unreachable:  # nothing listens on port 1: the store's message names the database
        Store("postgresql+psycopg://ferry:tide@Q7x@127.0.0.1:1/news")
    assert "postgresql+psycopg://ferry:***@127.0.0.1:1/news" in str(unreachable.value)
    assert "tide" not in str(unreachable.value) and "Q7x@" not in str(unreachable.value)
    assert repr(Store(tmp_path / "a@b.sqlite3")).startswith("Store(")  # a file's "@" is no password's


def test_a_database_password_holding_a_slash_colon_and_at_sign_is_read_whole_and_never_quoted(tmp_path):
    """A password with "/" or "?" before an "@" and a ":" after it (``u:a/b@c:9d@host``) made SQLAlchemy's parser
    read "9d@host" as the port, and the store's message and batch's traceback quoted its ``int()`` error, a part of
    the password: it is read whole, the host after its last "@"; a URL that cannot be read (a port that is no number)
    is refused without a word of it, by the store, ``batch`` (no traceback) and ``info``."""
    from click.testing import CliRunner

    from storylens.cli import main
    from storylens.errors import StoreError
    from storylens.settings import read_database_url
    from storylens.store import Store

    for url, password, port in (("postgresql://ferry:ti/de@Q7:x9@harbour-db/stories", "ti/de@Q7:x9", None),
                                ("postgresql://ferry:ti@Q7:x/9?de@harbour-db/stories", "ti@Q7:x/9?de", None),
                                ("postgresql://ferry:ti?de@Q7:x9@harbour-db:5433/stories", "ti?de@Q7:x9", 5433),
                                ("postgresql://ferry:ti#de@Q7x@harbour-db/stories?sslmode=require&app=a@b",
                                 "ti#de@Q7x", None)):
        parsed = read_database_url(url)
        assert (parsed.password, parsed.host, parsed.port, parsed.database) == (password, "harbour-db", port, "stories")
        shown = repr(Settings.load(db_url=url))
        assert "ferry:***@harbour-db" in shown and "Q7" not in shown and "de@" not in shown
    assert read_database_url("postgresql://ferry:tide@harbour-db/stories?app=a@b").query == {"app": "a@b"}
    assert read_database_url("sqlite:////srv/a@b:c/news.sqlite3").database == "/srv/a@b:c/news.sqlite3"
    for unreadable in ("postgresql+psycopg://ferry:ti@Q7x@harbour-db:5x/stories",  # "5x" read as the port
                       "postgresql+psycopg://ferry:Q7x@harbour-db:Q7x/stories"):
        with pytest.raises(StoreError) as refused:
            Store(unreadable)
        assert str(refused.value) == ("cannot open the database: not a valid database URL (its port is not a "
                                      "number) (settings db_path, db_url)")
        corpus = tmp_path / "one.jsonl"
        corpus.write_text('{"text": "The harbour master said the east pier will reopen in May after repairs."}\n')
        batch = CliRunner().invoke(main, ["batch", str(corpus), "--out", str(tmp_path / "out"), "--db-url",
                                          unreadable, "--no-progress"])
        assert batch.exit_code != 0 and isinstance(batch.exception, SystemExit)  # a message, not a traceback
        assert "not a valid database URL (its port is not a number)" in batch.output and "Q7x" not in batch.output
        info = CliRunner().invoke(main, ["info"], env={"STORYLENS_DB_URL": unreadable})
        assert info.exit_code == 0 and "Q7x" not in info.output


def test_a_database_password_given_in_the_query_is_hidden_too():
    """libpq's ``?password=`` (and ``sslpassword``) is a password the driver takes as well as the user info's, but
    ``repr(settings)``, ``storylens info`` and the store's messages showed it as written; and with a "@" in it, the
    whole address up to it was taken for the user info (``user@host:5432/db?password=p@ss``: the host ``ss``)."""
    from click.testing import CliRunner

    from storylens.cli import main
    from storylens.errors import StoreError
    from storylens.settings import read_database_url, shown_database_url
    from storylens.store import Store

    url = "postgresql://ferry@127.0.0.1:1/news?sslmode=disable&password=ti@Q7x&sslpassword=Q8y"
    parsed = read_database_url(url)
    assert (parsed.username, parsed.host, parsed.port, parsed.database) == ("ferry", "127.0.0.1", 1, "news")
    assert dict(parsed.query) == {"sslmode": "disable", "password": "ti@Q7x", "sslpassword": "Q8y"}
    shown = "ferry@127.0.0.1:1/news?password=***&sslmode=disable&sslpassword=***"
    assert shown_database_url(url) == f"postgresql://{shown}"
    assert f"db_url='postgresql://{shown}'" in repr(Settings.load(db_url=url))
    info = CliRunner().invoke(main, ["info"], env={"STORYLENS_DB_URL": url})
    assert f"db_url = postgresql+psycopg://{shown}" in info.output and "Q7x" not in info.output
    with pytest.raises(StoreError) as unreachable:  # nothing listens on port 1
        Store(url)
    assert f"postgresql+psycopg://{shown}" in str(unreachable.value)
    assert "Q7x" not in str(unreachable.value) and "Q8y" not in str(unreachable.value)
    with pytest.raises(ConfigError) as refused:  # a value that is no URL, said with its password hidden too
        Settings.load(db_url="postgresql:/ferry@harbour-db/news?password=ti@Q7x&sslmode=disable")
    assert "?password=***&sslmode=disable" in str(refused.value) and "Q7x" not in str(refused.value)
