"""The command line, run for real in a subprocess, on the example story and on bad input."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schema" / "dossier.schema.json").read_text(encoding="utf-8"))


def run_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "STORYLENS_PROGRESS": "false", **env}
    return subprocess.run([sys.executable, "-m", "storylens", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    result = run_cli("analyze", str(ROOT / "examples" / "roma-2010"), "--json", str(out / "d.json"),
                     "--md", str(out / "d.md"), "--html", str(out / "d.html"), "--db", str(out / "db.sqlite3"), cwd=out)
    return result, out


def test_cli_example_end_to_end(example_run):
    result, out = example_run
    assert result.returncode == 0, result.stderr
    assert "3 sources analysed" in result.stdout
    assert "Eric Besson" in result.stdout
    for name in ("d.json", "d.md", "d.html"):
        assert (out / name).stat().st_size > 1000
    assert " 1 mentions " not in result.stdout and " 1 sources" not in result.stdout


def test_cli_serve_takes_a_database_url():
    result = run_cli("serve", "--help", cwd=ROOT)
    assert result.returncode == 0 and "--db-url" in result.stdout


def test_cli_analyze_saves_to_the_database_of_a_typed_db_url(tmp_path, example_dir, db_target):
    """`analyze --db-url` (SQLite's URL, or a PostgreSQL server's where one is installed): the dossier is saved there,
    a typed --db-url winning over a typed --db and over STORYLENS_DB_URL, as `stories` and `serve` take it; analyze
    had no --db-url, and a store on PostgreSQL needed the config file or the environment.  A database that cannot
    be opened is said with its password hidden."""
    from storylens import Settings
    from storylens.store import Store

    url = db_target if "://" in db_target else f"sqlite:///{db_target}"
    result = run_cli("analyze", str(example_dir), "--db", str(tmp_path / "typed.sqlite3"), "--db-url", url, "-q",
                     cwd=tmp_path, STORYLENS_DB_URL=f"sqlite:///{tmp_path / 'env.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "typed.sqlite3").exists() and not (tmp_path / "env.sqlite3").exists()
    with Store.open(Settings.load(db_url=url)) as store:
        [story] = store.list_stories()
    assert story["articles"] == 3 and story["readable"]
    unreachable = run_cli("analyze", str(example_dir), "--db-url", "postgresql+psycopg://bob:hunter2@127.0.0.1:1/news",
                          "-q", cwd=tmp_path)
    assert unreachable.returncode == 1 and "Traceback" not in unreachable.stderr
    assert "postgresql+psycopg://bob:***@127.0.0.1:1/news" in unreachable.stderr
    assert "hunter2" not in unreachable.stderr + unreachable.stdout
    helped = run_cli("batch", "--help", cwd=tmp_path)
    assert helped.returncode == 0 and "--db-url" in helped.stdout


def test_cli_json_valid_against_schema(example_run):
    _, out = example_run
    data = json.loads((out / "d.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"].startswith("1.")
    for key in ("articles", "entities", "quotes", "claims", "claim_groups", "time_expressions", "timeline", "summary"):
        assert isinstance(data[key], list)


def test_cli_json_spans_index_article_text(example_run, example_dir):
    _, out = example_run
    data = json.loads((out / "d.json").read_text(encoding="utf-8"))
    files = {e["id"]: e["file"] for e in json.loads((example_dir / "articles.json").read_text(encoding="utf-8"))}
    texts = {i: (example_dir / f).read_text(encoding="utf-8") for i, f in files.items()}
    spans = 0
    for entity in data["entities"]:
        for span in entity["mentions"] + [r["span"] for r in entity["roles"]]:
            assert texts[span["article_id"]][span["start"]:span["end"]] == span["text"]
            spans += 1
    assert spans > 100


def test_cli_committed_schema_is_current(tmp_path):
    result = run_cli("schema", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout) == SCHEMA, "run: storylens schema --out schema/dossier.schema.json"


def test_cli_bad_inputs_reported_rest_analysed(tmp_path, example_dir):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    good = next(example_dir.glob("000_*.txt"))
    result = run_cli("analyze", str(tmp_path / "empty.txt"), str(tmp_path / "blob.txt"), str(good),
                     str(tmp_path / "missing.txt"), "--no-store", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 source analysed, 3 skipped" in result.stdout
    for name in ("empty.txt", "blob.txt", "missing.txt"):
        assert result.stderr.count(name) == 1, result.stderr  # said once, not logged and echoed


def test_cli_nothing_analysable_exits_4(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    result = run_cli("analyze", str(tmp_path / "empty.txt"), "--no-store", cwd=tmp_path)
    assert result.returncode == 4
    assert "empty.txt" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


def test_cli_usage_error_and_nothing_analysable_have_different_statuses(tmp_path):
    """click's usage errors exit with 2; "nothing could be analysed" (4) must not look like one to a script."""
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    usage = run_cli("analyze", str(tmp_path / "empty.txt"), "--no-such-option", cwd=tmp_path)
    nothing = run_cli("analyze", str(tmp_path / "empty.txt"), "--no-store", cwd=tmp_path)
    assert usage.returncode == 2 and "No such option" in usage.stderr
    assert nothing.returncode == 4 and "nothing could be analysed" in nothing.stderr


def test_cli_options_that_contradict_each_other_are_usage_errors(tmp_path):
    """--no-store with --db, and -q with -v, each ignored one of them silently; now refused before anything is read."""
    text = tmp_path / "a.txt"
    text.write_text("The council of Kelloway voted on Monday to rebuild the old pier, its chair Ann Holt said.",
                    encoding="utf-8")
    db = tmp_path / "store.sqlite3"
    no_store = run_cli("analyze", str(text), "--no-store", "--db", str(db), cwd=tmp_path)
    assert no_store.returncode == 2 and "--no-store uses no database, so --db would be ignored" in no_store.stderr
    assert not db.exists()
    typed_url = run_cli("analyze", str(text), "--no-store", "--db-url", f"sqlite:///{db}", cwd=tmp_path)
    assert typed_url.returncode == 2 and "--db-url would be ignored" in typed_url.stderr
    both = run_cli("analyze", str(text), "--no-store", "-q", "-v", cwd=tmp_path)
    assert both.returncode == 2 and "-q/--quiet and -v/--verbose" in both.stderr
    # the environment's URL is a default, not a request: --no-store still runs without it
    env_url = run_cli("analyze", str(text), "--no-store", "-q", cwd=tmp_path, STORYLENS_DB_URL=f"sqlite:///{db}")
    assert env_url.returncode == 0, env_url.stderr
    assert not db.exists()


def test_cli_stories_nothing_readable_exits_4(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run_cli("stories", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), cwd=tmp_path)
    assert result.returncode == 4, result.stderr
    assert "nothing could be read" in result.stderr and "Traceback" not in result.stderr


def test_cli_output_that_cannot_be_written_is_one_line_and_exit_1(tmp_path, example_dir):
    good = next(example_dir.glob("002_*.txt"))
    (tmp_path / "file").write_text("x", encoding="utf-8")
    # its folder cannot be made (a file stands in the way): refused before the analysis, no traceback
    early = run_cli("analyze", str(good), "--no-store", "--json", str(tmp_path / "file" / "d.json"), cwd=tmp_path)
    assert early.returncode == 1
    assert early.stderr.strip().splitlines() == [line for line in early.stderr.strip().splitlines()
                                                 if line.startswith("storylens: cannot write")], early.stderr
    assert "analysed" not in early.stdout
    # a write that fails after the analysis (a full device) is said in a line too
    full = run_cli("analyze", str(good), "--no-store", "-q", "--md", "/dev/full", cwd=tmp_path)
    assert full.returncode == 1 and "Traceback" not in full.stderr
    assert "storylens: cannot write /dev/full: No space left on device" in full.stderr
    schema = run_cli("schema", "--out", str(tmp_path / "file" / "s.json"), cwd=tmp_path)
    assert schema.returncode == 1 and "Traceback" not in schema.stderr and "cannot write" in schema.stderr
    stories = run_cli("stories", str(good), "-q", "--json", "/dev/full", cwd=tmp_path)
    assert stories.returncode == 1 and "Traceback" not in stories.stderr and "cannot write /dev/full" in stories.stderr


def test_cli_stories_json_to_stdout_and_the_database_named_as_used(tmp_path, example_dir):
    """`stories --json -` writes the stories to the standard output (as `analyze --json -` does), not to a file named
    "-", the summary then on stderr; --incremental names the database it wrote to: --db-url's, not db_path."""
    result = run_cli("stories", str(example_dir), "--json", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    stories = json.loads(result.stdout)["stories"]
    assert sorted(i for story in stories for i in story["article_ids"]) == ["000", "001", "002"]
    assert "3 articles in" in result.stderr and not (tmp_path / "-").exists()
    url = f"sqlite:///{tmp_path / 'index.sqlite3'}"
    added = run_cli("stories", str(example_dir), "--incremental", "--db-url", url, "--json", str(tmp_path / "s.json"),
                    cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert f"written to {url}" in added.stdout
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["db"] == url


def test_cli_file_names_and_records_that_are_not_unicode_are_written_out(tmp_path, example_dir):
    """A folder's file whose name is not UTF-8 (its bytes reach Python as lone surrogates) and a JSON record's unpaired
    "\\ud800": the dossier and reports are written (U+FFFD in their place), not a traceback."""
    text = next(example_dir.glob("002_*.txt")).read_bytes()
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"report\xff.txt"), "wb") as handle:
        handle.write(text)
    with open(os.path.join(os.fsencode(folder), b"logo\xfe.png"), "wb") as handle:
        handle.write(b"png")
    records = tmp_path / "r.json"
    other = next(example_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    records.write_text(json.dumps([{"id": "r", "text": other + " \\ud800", "title": "T \\udc00"}]).replace("\\\\u", "\\u"),
                       encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("analyze", str(folder), str(records), "--no-store", "--json", str(out / "d.json"), "--md",
                     str(out / "d.md"), "--html", str(out / "d.html"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    dossier = json.loads((out / "d.json").read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in dossier["articles"]) == ["r", "report\ufffd"]
    assert dossier["skipped"][0]["source"].endswith("logo\ufffd.png")
    assert dossier["articles"][[a["id"] for a in dossier["articles"]].index("r")]["title"] == "T \ufffd"


@pytest.mark.parametrize("args", [
    ["info"], ["schema"], ["--help"], ["stories", "{example}", "--json", "-"],
    ["analyze", "{example}", "--no-store", "--md", "-"], ["analyze", "{example}", "--no-store"],
])
def test_cli_output_to_a_closed_pipe_ends_quietly_with_the_status_of_sigpipe(args, tmp_path, example_dir):
    """`storylens info | head -1`: a reader that closes the pipe (here, before anything is written) had ended the
    command with status 1, that of an error such as a bad setting; it ends quietly with 141, as `cat` does there (a
    shell's status of a command ended by SIGPIPE), nothing on stderr, no traceback, on every command that prints."""
    args = [arg.format(example=example_dir) for arg in args]
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the command writes
    try:
        result = subprocess.run([sys.executable, "-m", "storylens", *args], cwd=tmp_path, stdout=write_end,
                                stderr=subprocess.PIPE, text=True, timeout=300,
                                env={**os.environ, "STORYLENS_PROGRESS": "false"})
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (141, "")


def test_cli_info_shows_the_settings_of_a_config_file(tmp_path):
    """`info` shows the settings in force, those of the --config file every other command takes too."""
    config = tmp_path / "s.toml"
    config.write_text("summary_sentences = 5\n", encoding="utf-8")
    result = run_cli("info", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "summary_sentences = 5" in result.stdout and "spaCy pipeline loaded" in result.stdout


def test_cli_unknown_model_falls_back_and_says_so(tmp_path, example_dir):
    good = next(example_dir.glob("002_*.txt"))
    result = run_cli("analyze", str(good), "--no-store", "--model", "no_such_pipeline_xyz", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no_such_pipeline_xyz" in result.stderr  # the fallback is logged
    assert "spaCy pipeline en_core_web_sm" in result.stdout


def test_cli_stories_groups_every_article_once(tmp_path):
    lines = []
    for n, (topic, words) in enumerate([("quake", "earthquake Chile Valparaiso magnitude tsunami warning coast"),
                                        ("quake", "earthquake Chile Valparaiso magnitude tsunami alert residents"),
                                        ("vote", "parliament budget vote Helsinki coalition finance minister"),
                                        ("vote", "parliament budget vote Helsinki coalition opposition minister")]):
        text = f"The {words} news report number {n}. " + " ".join([words] * 6)
        lines.append(json.dumps({"id": f"{topic}{n}", "text": text, "published": "2021-03-0" + str(n + 1)}))
    (tmp_path / "in.jsonl").write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("stories", str(tmp_path / "in.jsonl"), "--json", str(tmp_path / "s.json"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    stories = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["stories"]
    members = sorted(sorted(s["article_ids"]) for s in stories)
    assert members == [["quake0", "quake1"], ["vote2", "vote3"]]


def test_cli_stories_says_what_became_of_a_text_given_twice(tmp_path):
    """``stories`` said a duplicate was "analysed once": it analyses nothing, and the copy was left out, the first
    standing for both; what it says is true of every command that reads inputs."""
    words = "The ferry from Skerrow ran aground on a sandbank on Friday, and its forty passengers waded ashore. " * 3
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps({"id": name, "text": words}) for name in ("first", "again")),
                                        encoding="utf-8")
    result = run_cli("stories", str(tmp_path / "in.jsonl"), "--json", str(tmp_path / "s.json"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert [s["article_ids"] for s in written["stories"]] == [["first"]]
    [skipped] = written["skipped"]
    assert (skipped["stage"], skipped["duplicate_of"]) == ("duplicate", "first")
    assert "analysed" not in skipped["reason"] and "analysed" not in result.stderr
    assert "this copy is left out, article first standing for both" in skipped["reason"]


def test_cli_stories_warns_of_a_manifest_entrys_unread_field_also_when_its_file_is_a_duplicate(tmp_path):
    """A manifest entry's field storylens does not read ('auther') is warned about; when the entry's file held the
    text of another listed file, the copy left out had lost that warning (its title, read, was taken from it)."""
    fire = "City officials said on Tuesday that 1,200 residents were evacuated after a fire at the chemical plant."
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(fire, encoding="utf-8")
    (folder / "b.txt").write_text(fire, encoding="utf-8")
    (folder / "c.txt").write_text("The ferry to Kelloway island sailed forty minutes late on a grey morning.",
                                  encoding="utf-8")
    (folder / "articles.json").write_text(json.dumps([
        {"id": "a", "file": "a.txt", "outlet": "Wirepost"},
        {"id": "b", "file": "b.txt", "auther": "Ann Reed", "title": "Plant fire"},
        {"id": "c", "file": "c.txt", "publised": "2026-03-03"}]), encoding="utf-8")
    result = run_cli("stories", str(folder), "--json", str(tmp_path / "s.json"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    skipped = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["skipped"]
    said = {(Path(s["source"]).name, s["stage"]): s["reason"] for s in skipped}
    assert "same text as article a" in said[("b.txt", "duplicate")]
    assert "'publised' (did you mean 'published'?)" in said[("c.txt", "warning")]  # an article read: warned before
    assert "fields of its articles.json entry not read: 'auther' (did you mean 'author'?)" in said[("b.txt", "warning")]
    assert f"storylens: warning {folder / 'b.txt'}: fields of its articles.json entry not read" in result.stderr


def test_cli_stories_summary_says_how_many_stories_it_does_not_list(tmp_path):
    # the summary lists 20 stories; with 23 it had shown 20 lines and said nothing of the other 3
    words = [f"{chr(97 + n % 26)}{chr(97 + n // 26)}q{n}zeta" for n in range(23 * 4)]
    lines = [json.dumps({"id": f"r{n}", "text": f"The {' '.join(words[4 * n:4 * n + 4])} report. " * 8})
             for n in range(23)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("stories", str(tmp_path / "in.jsonl"), "--articles", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "23 articles in 23 stories" in result.stdout
    assert sum(line.startswith("  story-") for line in result.stdout.splitlines()) == 20
    assert "and 3 more stories (--json FILE lists them all)" in result.stdout, result.stdout


def test_cli_stories_reads_gzipped_jsonl_and_parquet_as_batch_does(tmp_path):
    import gzip

    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [{"id": f"r{n}", "text": f"The {words} news report number {n}. " + " ".join([words] * 6)}
               for n, words in enumerate(["earthquake Chile Valparaiso magnitude tsunami warning coast",
                                          "earthquake Chile Valparaiso magnitude tsunami alert residents"])]
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "b.parquet")
    for name in ("a.jsonl.gz", "b.parquet"):
        result = run_cli("stories", str(tmp_path / name), "--json", str(tmp_path / "s.json"), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "binary data" not in result.stderr
        stories = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["stories"]
        assert [sorted(s["article_ids"]) for s in stories] == [["r0", "r1"]]


def test_cli_quiet_keeps_trafilatura_logs_off_stderr(tmp_path, example_dir):
    fragment = tmp_path / "fragment.html"
    fragment.write_text("<p>" + " ".join(["The council voted on Tuesday to build a new bridge."] * 5) + "</p>",
                        encoding="utf-8")
    result = run_cli("analyze", str(fragment), str(example_dir), "-q", "--no-store", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "trafilatura" not in result.stderr and "parsed tree length" not in result.stderr
    assert "no article text" not in result.stderr


def test_cli_stories_of_short_headlines_keeps_every_one_and_picks_headline_settings(tmp_path):
    # titles only, some under 40 characters and one py3langid is unsure of: none may be lost
    titles = [("kerry-1", "Trump slams Kerry over Iran"), ("kerry-2", "Kerry's Iran diplomacy angers Trump"),
              ("kerry-3", "Trump castigates Kerry over Iran deal"), ("fed-1", "Fed raises interest rates"),
              ("fed-2", "Fed chair Powell: rates will rise again"), ("fed-3", "Powell says Fed will raise rates"),
              ("odd-1", "Trump Defends Family-Separation Policy.")]
    (tmp_path / "titles.jsonl").write_text("\n".join(json.dumps({"id": i, "title": t}) for i, t in titles),
                                           encoding="utf-8")
    result = run_cli("stories", str(tmp_path / "titles.jsonl"), "--json", str(tmp_path / "s.json"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    payload = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert payload["skipped"] == []
    grouped = sorted(i for story in payload["stories"] for i in story["article_ids"])
    assert grouped == sorted(i for i, _ in titles)
    story_of = {i: n for n, story in enumerate(payload["stories"]) for i in story["article_ids"]}
    assert story_of["kerry-1"] == story_of["kerry-3"] and story_of["fed-1"] == story_of["fed-3"]
    assert story_of["kerry-1"] != story_of["fed-1"]


def test_cli_stories_incremental_on_a_folder_being_filled(tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir()
    topics = {"quake": "earthquake Chile Valparaiso magnitude tsunami warning coast Boric rescue",
              "vote": "parliament budget vote Helsinki coalition finance minister Orpo opposition"}

    def write(name: str, topic: str, n: int) -> None:
        words = topics[topic].split()
        text = f"Report {n} on the {topic}. " + " ".join(words[n % 3:] + words[: n % 3]) + ". " + topics[topic] * 3
        (feed / f"{name}.txt").write_text(text, encoding="utf-8")

    write("quake-a", "quake", 0)
    write("quake-b", "quake", 1)
    write("vote-a", "vote", 2)
    db = str(tmp_path / "db.sqlite3")
    args = ("stories", str(feed), "--incremental", "--db", db, "--json", str(tmp_path / "s.json"))
    first = run_cli(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "3 articles read: 3 new, 0 already in the story index; 2 stories in the index" in first.stdout
    before = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))

    again = run_cli(*args, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "3 articles read: 0 new, 3 already in the story index; 2 stories in the index, 0 created, changed " \
           "or merged away by this run; 0 rows written" in again.stdout
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["stories"] == before["stories"]

    write("vote-b", "vote", 3)
    write("quake-c", "quake", 4)
    grown = run_cli(*args, cwd=tmp_path)
    assert grown.returncode == 0, grown.stderr
    assert "5 articles read: 2 new, 3 already in the story index; 2 stories in the index, 2 created, changed or " \
           "merged away" in grown.stdout
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert sorted(data["new"]) == ["quake-c", "vote-b"]
    members = sorted(sorted(s["article_ids"]) for s in data["stories"])
    assert members == [["quake-a", "quake-b", "quake-c"], ["vote-a", "vote-b"]]
    old_ids = {s["id"] for s in before["stories"]}
    assert {s["id"] for s in data["stories"]} == old_ids  # the new articles joined the stories already kept


def test_cli_stories_incremental_an_updated_file_replaces_its_earlier_version(tmp_path):
    # a file of the folder rewritten between runs (the article updated): its id names the new text, listed once, and
    # the run says so; before, the story listed 'tram' and 'tram-2', both versions
    feed = tmp_path / "feed"
    feed.mkdir()
    tram = "The new tram line to the airport opened on Saturday, the transport authority said. " * 2
    (feed / "tram.txt").write_text(tram, encoding="utf-8")
    db = str(tmp_path / "db.sqlite3")
    args = ("stories", str(feed), "--incremental", "--db", db, "--json", str(tmp_path / "s.json"))
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    (feed / "tram.txt").write_text(tram + "Ten thousand people rode the new tram line on its first day, the "
                                   "transport authority said.", encoding="utf-8")
    updated = run_cli(*args, cwd=tmp_path)
    assert updated.returncode == 0, updated.stderr
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert [s["article_ids"] for s in data["stories"]] == [["tram"]]
    assert "a later version of the article the story index held under id 'tram'" in updated.stderr
    [warning] = [s for s in data["skipped"] if s["stage"] == "warning"]
    assert warning["source"].endswith("tram.txt")


def test_cli_stories_incremental_a_file_rewritten_into_another_story_replaces_its_earlier_version(tmp_path):
    # the same file rewritten with a text of another story is still its article: listed once, in the new story, the
    # earlier version's story gone; before, it was added as 'desk-2' and the earlier version kept its story
    feed = tmp_path / "feed"
    feed.mkdir()
    tram = "The new tram line to the airport opened on Saturday, the transport authority said. " * 2
    choir = "The cathedral choir will tour four Baltic cities in June, its director announced on Wednesday. " * 2
    (feed / "desk.txt").write_text(tram, encoding="utf-8")
    (feed / "choir.txt").write_text(choir, encoding="utf-8")
    db = str(tmp_path / "db.sqlite3")
    args = ("stories", str(feed), "--incremental", "--db", db, "--json", str(tmp_path / "s.json"))
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    (feed / "desk.txt").write_text(choir + "Tickets go on sale on Monday.", encoding="utf-8")
    updated = run_cli(*args, cwd=tmp_path)
    assert updated.returncode == 0, updated.stderr
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert sorted(sorted(s["article_ids"]) for s in data["stories"]) == [["choir", "desk"]]
    assert "a later version of the article the story index held under id 'desk'" in updated.stderr


def test_cli_summary_line_of_an_untitled_article_is_one_line():
    from storylens.cli import summary_text
    from storylens.models import Article, ArticleInfo, Dossier

    text = "HOUSTON, March 13\n\n(Reuters) -\tAn explosion at a chemical plant near Port Arthur, Texas, killed three workers."
    dossier = Dossier(articles=[ArticleInfo.of(Article(id="a", text=text), []),
                                ArticleInfo.of(Article(id="b", text=text, title="Blast\nkills three"), [])])
    lines = summary_text(dossier, []).splitlines()
    untitled = next(line for line in lines if line.startswith("  [a]"))
    assert untitled.endswith(": HOUSTON, March 13 (Reuters) - An explosion at a chemical pla…")
    assert any(line.endswith(": Blast kills three") for line in lines)
    assert len(lines) == 4  # the count, two articles, the entities


def test_cli_summary_counts_warnings_apart_from_skipped_inputs():
    from storylens.cli import skip_line, summary_text
    from storylens.models import Article, ArticleInfo, Dossier, Skipped

    warning = Skipped(source="r.jsonl:1", stage="warning", reason="analysed without a date: ...")
    skipped = Skipped(source="empty.txt", stage="ingest", reason="empty input")
    dossier = Dossier(articles=[ArticleInfo.of(Article(id="a", text="The council met on Tuesday."), [])],
                      skipped=[warning, skipped])
    assert summary_text(dossier, []).splitlines()[0] == "storylens: 1 source analysed, 1 skipped, 1 warning"
    assert skip_line(warning) == "storylens: warning r.jsonl:1: analysed without a date: ..."
    assert skip_line(skipped) == "storylens: skipped empty.txt: empty input"


def test_cli_counts_are_singular_for_one():
    from storylens.cli import summary_text
    from storylens.models import Article, ArticleInfo, Dossier, Entity

    dossier = Dossier(articles=[ArticleInfo.of(Article(id="a", text="The council met on Tuesday."), [])],
                      entities=[Entity(id="e1", name="Jane Doe", type="PERSON")])
    lines = summary_text(dossier, []).splitlines()
    assert lines[0].startswith("storylens: 1 source analysed, 0 skipped")
    assert lines[2] == "1 entity: 1 person, 0 organisations, places and groups"
    assert lines[3].startswith("  Jane Doe: 0 mentions in 0 sources")


def test_cli_serve_fails_fast_on_a_port_in_use(tmp_path):
    import socket

    from storylens.cli import port_problem

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert "in use" in port_problem("127.0.0.1", port)
        result = run_cli("serve", "--port", str(port), "--db", str(tmp_path / "db.sqlite3"), cwd=tmp_path)
    assert result.returncode == 3
    assert f"cannot listen on 127.0.0.1:{port}: the port is in use" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "db.sqlite3").exists()  # nothing opened
    assert port_problem("127.0.0.1", 0) is None


def test_cli_invalid_setting_is_one_readable_line(tmp_path):
    config = tmp_path / "s.toml"
    config.write_text('max_article_bytes = "lots"\n', encoding="utf-8")
    result = run_cli("serve", "--config", str(config), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"storylens: invalid settings: max_article_bytes = 'lots' (in {config}): "
                                     "input should be a valid integer, unable to parse string as an integer")


def test_cli_reads_a_page_on_stdin_in_the_charset_it_declares(tmp_path):
    """`curl -s URL | storylens analyze -`: a windows-1252 page is read by its <meta charset>, as a page file is."""
    text = next(p for p in sorted((ROOT / "examples" / "roma-2010").iterdir()) if p.suffix == ".txt").read_text()
    text = text.replace("France", "Fran\u00e7e")
    page = ('<html><head><meta charset="windows-1252"><title>Expulsions</title></head><body><article>'
            + "".join(f"<p>{para}</p>" for para in text.split("\n") if para.strip()) + "</article></body></html>")
    env = {**os.environ, "STORYLENS_PROGRESS": "false"}
    result = subprocess.run([sys.executable, "-m", "storylens", "analyze", "-", "--json", "-", "--no-store"],
                            cwd=tmp_path, env=env, input=page.encode("cp1252"), capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    [article] = json.loads(result.stdout)["articles"]
    assert "Fran\u00e7e" in article["text"] and article["title"] == "Expulsions"


def test_cli_reads_an_article_on_stdin_and_writes_the_dossier_to_stdout(tmp_path):
    text = next(p for p in sorted((ROOT / "examples" / "roma-2010").iterdir()) if p.suffix == ".txt").read_text()
    env = {**os.environ, "STORYLENS_PROGRESS": "false"}
    result = subprocess.run([sys.executable, "-m", "storylens", "analyze", "-", "--json", "-", "--no-store"],
                            cwd=tmp_path, env=env, input=text, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    dossier = json.loads(result.stdout)  # the dossier alone on stdout: the summary went to stderr
    assert [a["id"] for a in dossier["articles"]] == ["stdin"] and dossier["articles"][0]["text"] == text
    assert "1 source analysed" in result.stderr and not (tmp_path / "-").exists()
    both = run_cli("analyze", "-", "--json", "-", "--md", "-", cwd=tmp_path)
    assert both.returncode == 2 and "only one of --json, --md and --html" in both.stderr
    # '-' twice: the second had been read as an empty input ("empty input: no text to analyse")
    twice = subprocess.run([sys.executable, "-m", "storylens", "analyze", "-", "-", "--json", "-", "--no-store"],
                           cwd=tmp_path, env=env, input=text, capture_output=True, text=True, timeout=300)
    assert twice.returncode == 0, twice.stderr
    [skipped] = json.loads(twice.stdout)["skipped"]
    assert skipped["reason"] == "'-' given again: the standard input is one article, read once", skipped


def test_cli_refuses_an_output_that_would_overwrite_an_input_or_another_output(tmp_path):
    # --md a.txt had replaced the article a.txt with the report, --json x --md x the dossier with the Markdown,
    # --json FOLDER/articles.json the folder's manifest, and stories --json corpus.jsonl the corpus
    text = "The mayor of Springfield said on Monday that the old bridge will close for two weeks, officials said.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "b.txt").write_text(text, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c", "text": text}) + "\n", encoding="utf-8")
    for args, said in ((("analyze", "a.txt", "--md", "a.txt"), "--md a.txt is an input"),
                       (("analyze", "a.txt", "--json", "out.x", "--md", "./out.x"), "--json and --md name one file"),
                       (("analyze", "story", "--html", "story/b.txt"), "a file of the input folder story"),
                       (("stories", "c.jsonl", "--json", "c.jsonl"), "--json c.jsonl is an input")):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 2 and said in result.stderr, (args, result.stderr)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == text and not (tmp_path / "out.x").exists()
    assert (folder / "b.txt").read_text(encoding="utf-8") == text
    assert json.loads((tmp_path / "c.jsonl").read_text(encoding="utf-8"))["id"] == "c"
    fresh = run_cli("analyze", "story", "--md", "story/report.md", "--no-store", cwd=tmp_path)  # a new file: written
    assert fresh.returncode == 0 and (folder / "report.md").exists(), fresh.stderr
    quiet = run_cli("analyze", "a.txt", "--json", os.devnull, "--md", os.devnull, "--no-store", cwd=tmp_path)
    assert quiet.returncode == 0, quiet.stderr  # a device holds nothing to overwrite: twice is fine


def test_cli_stories_incremental_says_a_grouping_flag_does_not_change_a_saved_index(tmp_path):
    # the index keeps the settings it was made with; --articles on a headline index had been ignored unsaid
    (tmp_path / "one.jsonl").write_text("\n".join(json.dumps(r) for r in (
        {"id": "1", "title": "Trump signs order on trade tariffs"},
        {"id": "2", "title": "Earthquake hits the coast of Chile"})), encoding="utf-8")
    (tmp_path / "two.jsonl").write_text(json.dumps({"id": "3", "title": "President signs trade tariff order"}),
                                        encoding="utf-8")
    db = str(tmp_path / "db.sqlite3")
    made = run_cli("stories", "one.jsonl", "--incremental", "--db", db, "--headlines", cwd=tmp_path)
    assert made.returncode == 0 and "warning" not in made.stderr, made.stderr
    same = run_cli("stories", "two.jsonl", "--incremental", "--db", db, "--headlines", cwd=tmp_path)
    assert same.returncode == 0 and "warning" not in same.stderr, same.stderr
    other = run_cli("stories", "two.jsonl", "--incremental", "--db", db, "--articles", cwd=tmp_path)
    assert other.returncode == 0
    assert "keeps the grouping settings it was made with; --articles applies to a new index only" in other.stderr


def test_cli_help_texts_say_what_the_commands_do():
    # stories and serve did not say their exit statuses (4 when nothing could be read; 3 for a port in use), and
    # analyze's --max-bytes said "largest input accepted", though a page file's markup and a file of many articles
    # may be larger: it bounds one article
    from click.testing import CliRunner

    from storylens.cli import main

    def help_of(command: str) -> str:
        result = CliRunner().invoke(main, [command, "--help"], terminal_width=200)
        assert result.exit_code == 0
        return " ".join(result.output.split())

    assert "Exit status: 0 when something was grouped, 4 when nothing could be read" in help_of("stories")
    assert "Exit status: 3 when it cannot listen on --host/--port" in help_of("serve")
    analyze = help_of("analyze")
    assert "largest article accepted, in bytes (default 2,000,000;" in analyze and "fetch_max_bytes" in analyze


def test_cli_info_hides_the_database_password():
    # `info` printed db_url whole, password included, where every other message names the database with it hidden
    from click.testing import CliRunner

    from storylens.cli import main

    result = CliRunner().invoke(main, ["info"], env={"STORYLENS_DB_URL": "postgresql+psycopg://bob:hunter2@db.example/news"})
    assert "db_url = postgresql+psycopg://bob:***@db.example/news" in result.output
    assert "hunter2" not in result.output


def test_cli_summary_shows_no_escape_sequence_of_an_article():
    # an article's text (or title, or a file name in a skipped input's line) with an escape sequence was printed to the
    # terminal as it was: "\x1b]0;...\x07" set the terminal's title, "\x1b[31m" its colour; a bidi override turned
    # the rest of the line around
    from storylens.cli import skip_line, summary_text
    from storylens.models import Article, ArticleInfo, Dossier, Skipped

    text = "\x1b]0;owned\x07\x1b[31mThe harbour board met on Tuesday to agree on the repairs."
    dossier = Dossier(articles=[ArticleInfo.of(Article(id="a", text=text), []),
                                ArticleInfo.of(Article(id="b", text=text, title="Pier \u202erepairs"), [])])
    shown = summary_text(dossier, []) + skip_line(Skipped(source="x\x1b[2J.txt", stage="ingest", reason="bad \x9b1m"))
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", shown), repr(shown)
    assert "The harbour board met" in shown and "Pier repairs" in shown and "x[2J.txt" in shown


def test_cli_json_to_stdout_escapes_c1_and_bidi_controls_of_an_article(tmp_path):
    # `stories --json -` and `analyze --json -` printed an article's C1 controls (U+009B starts an escape sequence
    # to many terminals) and bidi overrides as they were, while the summary and skipped lines drop them: the JSON
    # now writes them as \u escapes, so that the data read back is the same, every character kept
    title = "Quay \x9b2J notice \u202eof Eastham\x85"
    text = "The quay committee of Eastham gathered on Friday \x9b1m and voted to dredge the old channel next spring."
    records = tmp_path / "quay.jsonl"
    records.write_text(json.dumps({"id": "q1", "title": title, "text": text}) + "\n", encoding="utf-8")
    for args in (("stories", str(records)), ("analyze", str(records), "--no-store")):
        result = run_cli(*args, "--json", "-", "-q", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert not re.search("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", result.stdout), args
        data = json.loads(result.stdout)
        listed = data["stories"] if "stories" in data else data["articles"]
        assert listed[0]["title"] == title, args
        assert "\\u009b2J" in result.stdout and "\\u202e" in result.stdout


@contextlib.contextmanager
def _plain_log_lines(name: str, line_format: str):
    """The logger ``name`` and the lines it writes (in ``line_format``) through the CLI's filter, PlainLogLines."""
    from storylens.cli import PlainLogLines

    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(logging.Formatter(line_format).format(record))
    handler.addFilter(PlainLogLines())
    log = logging.getLogger(name)
    log.addHandler(handler)
    try:
        yield log, lines
    finally:
        log.removeHandler(handler)


def test_cli_log_line_filter_never_raises_and_escapes_a_message_object():
    # the filter called str() on every argument: an object whose str() raises made the logging call itself raise
    # (logging reports its own formatting errors and goes on); and a message that is no string (an exception logged
    # alone) kept its line break, a forged line
    class Unprintable:
        def __str__(self) -> str:
            raise RuntimeError("no text")

        def __repr__(self) -> str:
            return "<unprintable>"

    with _plain_log_lines("storylens.test_plain_objects", "%(message)s") as (log, lines):
        log.warning("object %r", Unprintable())  # must not raise
        log.warning(ValueError("quay\nWARNING forged"))
    assert lines == ["object <unprintable>", "quay\\nWARNING forged"]


def test_cli_log_line_filter_escapes_the_messages_of_a_traceback():
    # an exception's traceback went out raw: its message, quoting an article's title or an address with a line
    # break, wrote a forged log line, and an escape sequence ran in the terminal; the traceback's own lines stay
    def fail() -> None:
        try:
            raise KeyError("lock\nERROR storylens: forged cause")
        except KeyError as exc:
            raise ValueError("title 'pier\nINFO storylens: job done' \x1b[2J") from exc

    with _plain_log_lines("storylens.test_plain_traceback", "%(levelname)s %(message)s") as (log, lines):
        try:
            fail()
        except ValueError:
            log.exception("job %s failed", "j1")
    logged = lines[0].splitlines()
    assert logged[0] == "ERROR job j1 failed"
    assert logged[1] == "Traceback (most recent call last):"
    assert "ValueError: title 'pier\\nINFO storylens: job done' \\x1b[2J" in logged
    assert "KeyError: 'lock\\nERROR storylens: forged cause'" in logged
    assert not any(line.startswith(("INFO storylens", "ERROR storylens")) for line in logged)
    assert "\x1b" not in lines[0]
    assert any(line.startswith('  File "') for line in logged)  # the frames are kept, one line each


def test_cli_log_line_filter_escapes_the_notes_of_a_traceback_and_takes_any_exc_info():
    # a traceback writes an exception's note line by line, each line a piece of its own: a note quoting a title with
    # a line break (of the exception, of its cause or of a group's member) still wrote a forged log line; and a
    # record whose exc_info was True, not a (type, value, traceback), made the filter raise out of the logging call
    def fail() -> None:
        try:
            error = KeyError("lock")
            error.add_note("while reading 'quay\nERROR storylens: forged note'")
            raise error
        except KeyError as exc:
            member = ValueError("bad date")
            member.add_note("article 'pier\nINFO storylens: job done' \x1b[2J")
            raise ExceptionGroup("two articles", [member]) from exc

    with _plain_log_lines("storylens.test_plain_notes", "%(levelname)s %(message)s") as (log, lines):
        try:
            fail()
        except ExceptionGroup as exc:
            member, notes = exc.exceptions[0], list(exc.exceptions[0].__notes__)
            log.exception("job %s failed", "j2")
    logged = lines[0].splitlines()
    assert not any(line.lstrip(" |").startswith(("INFO storylens", "ERROR storylens")) for line in logged), logged
    assert any("while reading 'quay\\nERROR storylens: forged note'" in line for line in logged)
    assert any("article 'pier\\nINFO storylens: job done' \\x1b[2J" in line for line in logged)
    assert "\x1b" not in lines[0]
    assert notes == ["article 'pier\nINFO storylens: job done' \x1b[2J"]  # the exception's own notes untouched
    assert member.__notes__ == notes
    from storylens.cli import PlainLogLines

    odd = logging.makeLogRecord({"msg": "odd %s", "args": ("x\ny",), "exc_info": True})
    assert PlainLogLines().filter(odd) is True and odd.getMessage() == "odd x\\ny"


def test_cli_log_lines_escape_the_control_characters_of_what_they_quote(tmp_path, server_is_up):
    # the server's log carried a request's values as they were: an Origin header's C1 controls (U+009B starts an
    # escape sequence) or an article id's line break (a forged log line) were written raw
    import socket

    import httpx

    from storylens.cli import uvicorn_log_config

    with _plain_log_lines("storylens.test_plain_lines", "%(levelname)s %(message)s") as (log, lines):
        log.warning("skipped %s: %s (%d)", "pier\nWARNING forged line", "bad \x1b[2J\x9b1m \u202eid", 3)
        log.warning("whole \x1b[31m message\r")
        log.warning("%(title)s of %(count)d", {"title": "Pier\nnews", "count": 2})  # one mapping argument
        log.warning("could not read %r", "pier\nnews")  # repr escapes it already: escaped once, not twice
    assert lines == ["WARNING skipped pier\\nWARNING forged line: bad \\x1b[2J\\x9b1m \\u202eid (3)",
                     "WARNING whole \\x1b[31m message\\r", "WARNING Pier\\nnews of 2",
                     "WARNING could not read 'pier\\nnews'"]
    assert all("plain" in h["filters"] for h in uvicorn_log_config()["handlers"].values())

    with socket.socket() as probe:  # the real server: its own lines and uvicorn's
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYLENS_")}
    server = subprocess.Popen([sys.executable, "-m", "storylens", "serve", "--port", str(port),
                               "--db", str(tmp_path / "db.sqlite3")], cwd=tmp_path, env={**env, "STORYLENS_PROGRESS": "false"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        assert server_is_up(base, server), "the server did not start"
        refused = httpx.post(f"{base}/api/stories", json={"articles": []},
                             headers={"Origin": b"http://quay\x9b2J.example\x85"})
        assert refused.status_code == 403
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert "origin http://quay\\x9b2J.example\\x85 refused" in err, err
    assert not re.search("[\x7f-\x9f]", out + err)


def test_cli_error_lines_show_no_escape_sequence_of_a_file_name(tmp_path):
    # the skipped lines drop an input's control characters, but the error line of a run that read nothing printed
    # them: a file name holding "\x1b]0;owned\x07" set the terminal's title
    name = "quay\x1b]0;owned\x07\x9b2J.txt"
    for command in ("analyze", "stories"):
        result = run_cli(command, name, *(["--no-store"] if command == "analyze" else []), cwd=tmp_path)
        assert result.returncode == 4, result.stderr
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", result.stderr), repr(result.stderr)
        assert "quay]0;owned2J.txt: no such file or folder" in result.stderr
