"""The ``quotes`` command line, run as a user runs it: real files, a real SQLite database,
the real spaCy pipeline. Commands run in-process through click's CliRunner."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import (
    GOOD_TEXT,
    QUOTES,
    ROOT,
    SAMPLES,
    assert_healthy,
    errors,
    good_file,
    ingest,
    names,
    query,
    run,
    summary,
)

from quotes.cli import EXPORT_FIELDS

SAMPLE_NAMES = sorted(p.name for p in SAMPLES.glob("*.txt"))
TABLES = ["meta", "outlets", "articles", "speakers", "speaker_aliases", "quote_groups", "quotes",
          "quotes_fts"]

pytestmark = pytest.mark.usefixtures("pipeline_loaded_once")


def counts(db: Path) -> dict[str, int]:
    return {table: query(db, f"SELECT count(*) FROM {table}")[0][0] for table in TABLES}


# --- help ------------------------------------------------------------------------------------

COMMAND_OPTIONS = {
    "ingest": ["--db", "--model", "--processes", "--batch-size", "--reextract", "--outlet", "--published"],
    "export": ["--db", "--format", "--output"],
    "serve": ["--db", "--host", "--port", "--immutable", "--metadata", "--cors"],
    "evaluate": ["--model", "--show", "--json"],
}


def option_help(output: str) -> dict[str, str]:
    """Each option of a --help page with the text printed beside it (wrapped lines joined)."""
    options: dict[str, str] = {}
    names: list[str] = []
    for line in output.split("Options:", 1)[1].splitlines():
        if entry := re.match(r"  (-\S.*?)(?:\s{2,}(.*))?$", line):
            names = re.findall(r"--[\w-]+", entry.group(1))
            options.update({name: entry.group(2) or "" for name in names})
        elif line.startswith("    ") and names:
            options.update({name: options[name] + " " + line.strip() for name in names})
    return options


def described(text: str) -> str:
    """What an option's help says besides its default and range."""
    return re.sub(r"\[[^]]*\]", "", text).strip()


def test_help_lists_the_commands():
    result = run("--help")
    assert result.exit_code == 0
    assert "--version" in option_help(result.output)
    for command in COMMAND_OPTIONS:
        assert re.search(rf"^  {command}  +\w", result.output, re.M), command


@pytest.mark.parametrize("command", COMMAND_OPTIONS)
def test_every_command_lists_its_options_with_their_defaults(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Usage: ") and "[OPTIONS]" in result.output
    options = option_help(result.output)
    for option in COMMAND_OPTIONS[command]:
        assert option in options, f"{command} --help does not list {option}"
        assert options[option].strip(), f"{command} --help says nothing about {option}"
    for option in ("--db", "--model", "--batch-size", "--format", "--host", "--port"):
        if option in options:
            assert "[default: " in options[option], f"{command} {option} does not show its default"


def test_every_option_has_a_help_text():
    undescribed = [f"{command} {option}" for command, names in COMMAND_OPTIONS.items()
                   for option, text in option_help(run(command, "--help").output).items()
                   if option in names and not described(text)]
    assert undescribed == []


# --- ingest and export -----------------------------------------------------------------------

def test_ingest_reports_what_it_stored(tmp_path):
    db = tmp_path / "quotes.db"
    result = ingest(db, SAMPLES)
    assert result.exit_code == 0
    assert re.search(r"^This run: 5 new, 0 updated, 0 unchanged, 0 failed articles; \d+ quotes", result.stderr, re.M)
    stored = counts(db)
    assert summary(result.stderr)["quotes"] == stored["quotes"] > 0
    assert stored["articles"] == 5
    assert stored["quotes_fts"] == stored["quotes"]
    for table in ("outlets", "speakers", "speaker_aliases", "quote_groups"):
        assert stored[table] > 0, f"{table} is empty"
    assert [name for (name,) in query(db, "SELECT name FROM articles ORDER BY name")] == SAMPLE_NAMES
    assert_healthy(db)


def test_ingest_is_idempotent(ingested_samples_copy):
    def snapshot():
        return counts(ingested_samples_copy), query(
            ingested_samples_copy,
            'SELECT id, article_id, speaker_id, group_id, start, "end" FROM quotes ORDER BY id')

    before = snapshot()
    result = ingest(ingested_samples_copy, SAMPLES)
    assert result.exit_code == 0
    assert summary(result.stderr) == {"new": 0, "updated": 0, "unchanged": 5, "failed": 0, "quotes": 0}
    assert snapshot() == before
    # A run that added nothing still says what the database holds, so "0 quotes" is not read as empty.
    held = counts(ingested_samples_copy)
    assert f"now holds {held['articles']} articles, {held['quotes']} quotes" in result.stderr


def test_export_jsonl_has_one_quote_per_line_with_offsets_into_the_stored_text(ingested_samples_db):
    result = run("export", "--db", str(ingested_samples_db))
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == counts(ingested_samples_db)["quotes"]
    texts = dict(query(ingested_samples_db, "SELECT name, text FROM articles"))
    for row in rows:
        assert {"article", "quote", "speaker", "type", "cue", "outlet", "start", "end"} <= row.keys()
        assert row["article"] in SAMPLE_NAMES
        assert row["type"] in ("direct", "indirect", "mixed")
        first_word = re.search(r"\w+", row["quote"]).group()
        assert first_word in texts[row["article"]][row["start"]:row["end"]], row
    assert {row["article"] for row in rows} == set(SAMPLE_NAMES)


def test_export_to_a_file_and_as_csv(ingested_samples_db, tmp_path):
    jsonl = run("export", "--db", str(ingested_samples_db)).stdout
    assert run("export", "--db", str(ingested_samples_db), "-o", str(tmp_path / "q.jsonl")).exit_code == 0
    assert (tmp_path / "q.jsonl").read_text(encoding="utf-8") == jsonl

    result = run("export", "--db", str(ingested_samples_db), "--format", "csv")
    assert result.exit_code == 0
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert reader.fieldnames == EXPORT_FIELDS
    rows = list(reader)
    expected = [json.loads(line) for line in jsonl.splitlines()]
    assert len(rows) == len(expected)
    assert [(r["article"], r["quote"], int(r["start"])) for r in rows] == \
        [(r["article"], r["quote"], r["start"]) for r in expected]


def test_export_of_a_missing_database_is_a_clear_error(tmp_path):
    db = tmp_path / "nothing-here.db"
    result = run("export", "--db", str(db))
    assert result.exit_code != 0
    assert f"{db}: no such database" in result.stderr
    assert not db.exists()  # exporting never creates an empty database


def test_unknown_model_is_a_clear_error(tmp_path):
    db = tmp_path / "quotes.db"
    result = run("ingest", str(SAMPLES), "--db", str(db), "--model", "not_a_model")
    assert result.exit_code != 0
    assert "spaCy pipeline 'not_a_model' is not installed" in result.stderr
    assert not db.exists()


def test_ingest_without_paths_is_a_usage_error(tmp_path):
    result = run("ingest", "--db", str(tmp_path / "quotes.db"))
    assert result.exit_code == 2
    assert "give at least one PATH" in result.stderr


# --- bad input -------------------------------------------------------------------------------

def _jsonl(tmp: Path) -> Path:
    path = tmp / "feed.jsonl"
    path.write_text(
        json.dumps({"text": "The minister said that the talks would resume next week."}) + "\n"
        + '{"text": "unterminated\n'
        + json.dumps({"text": '"We will win the cup," the coach said on Sunday.'}) + "\n",
        encoding="utf-8")
    return path


BAD_INPUTS = {  # name: (writes the file and returns the path given, where, message, good articles in it)
    "empty": (lambda tmp: _write(tmp / "empty.txt", b""), "", "file is empty", 0),
    "binary": (lambda tmp: _write(tmp / "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" * 20), "",
               "binary file, not text (NUL bytes)", 0),
    "latin-1": (lambda tmp: _write(tmp / "latin.txt", "Café owner José said the rent had doubled.".encode("latin-1")),
                "", "not UTF-8 text (invalid byte 0xe9", 0),
    "malformed JSONL line": (_jsonl, ":2", "invalid JSON", 2),
    "HTML without article text": (
        lambda tmp: _write(tmp / "menu.html", b"<html><head><title>Menu</title></head><body><nav>"
                           b"<a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>"),
        "", "no article text found", 0),
    "unknown extension": (lambda tmp: _write(tmp / "report.pdf", b"%PDF-1.4 said the minister"), "",
                          "unsupported file type '.pdf'", 0),
    "missing path": (lambda tmp: tmp / "no-such-file.txt", "", "no such file or directory", 0),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_gets_one_line_and_the_rest_is_ingested(case, ingested_samples_copy, tmp_path):
    make, where, message, good_in_it = BAD_INPUTS[case]
    bad = make(tmp_path)
    good = good_file(tmp_path)
    before = counts(ingested_samples_copy)

    result = ingest(ingested_samples_copy, good, bad)

    assert result.exit_code == 1
    [line] = errors(result.stderr)
    assert line.startswith(f"error: {bad}{where}: {message}")
    assert [line] == [text for text in result.stderr.splitlines() if bad.name in text]
    assert summary(result.stderr)["new"] == 1 + good_in_it and summary(result.stderr)["failed"] == 1
    assert names(ingested_samples_copy) >= {*SAMPLE_NAMES, "good.txt"}
    after = counts(ingested_samples_copy)
    assert after["articles"] == before["articles"] + 1 + good_in_it
    assert after["quotes"] > before["quotes"]
    assert_healthy(ingested_samples_copy)


def test_all_bad_inputs_in_one_run(ingested_samples_copy, tmp_path):
    bad = [make(tmp_path) for make, *_ in BAD_INPUTS.values()]
    before = counts(ingested_samples_copy)
    result = ingest(ingested_samples_copy, *bad, good_file(tmp_path))
    assert result.exit_code == 1
    assert len(errors(result.stderr)) == len(bad)
    for path, (_, where, message, _) in zip(bad, BAD_INPUTS.values(), strict=True):
        assert any(line.startswith(f"error: {path}{where}: {message}") for line in errors(result.stderr)), path
    assert summary(result.stderr)["failed"] == len(bad) and summary(result.stderr)["new"] == 3
    assert counts(ingested_samples_copy)["articles"] == before["articles"] + 3
    assert_healthy(ingested_samples_copy)


def test_a_directory_skips_files_of_other_types(tmp_path):
    (tmp_path / "in").mkdir()
    _write(tmp_path / "in" / "good.txt", GOOD_TEXT.encode())
    _write(tmp_path / "in" / "photo.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF")
    result = ingest(tmp_path / "quotes.db", tmp_path / "in")
    assert result.exit_code == 0 and not errors(result.stderr)
    assert summary(result.stderr)["new"] == 1


# --- stdin -----------------------------------------------------------------------------------

def test_text_on_stdin_is_one_article_named_stdin(tmp_path):
    db = tmp_path / "quotes.db"
    result = ingest(db, "-", input=GOOD_TEXT)
    assert result.exit_code == 0
    assert query(db, "SELECT name, text FROM articles") == [("<stdin>", GOOD_TEXT)]
    assert query(db, "SELECT quote FROM quotes") == [("We will rebuild the bridge by spring,",)]


def test_jsonl_on_stdin_is_one_article_per_line(tmp_path):
    db = tmp_path / "quotes.db"
    lines = [{"text": "The minister said that the talks would resume next week."},
             {"text": '"We will win the cup," the coach said on Sunday.', "outlet": "Example News"}]
    result = ingest(db, "-", input="".join(json.dumps(line) + "\n" for line in lines))
    assert result.exit_code == 0
    assert query(db, "SELECT name FROM articles ORDER BY name") == [("<stdin>:1",), ("<stdin>:2",)]


# --- changed articles ------------------------------------------------------------------------

def _quotes_of(db: Path, name: str) -> list[str]:
    return [q for (q,) in query(db, "SELECT q.quote FROM quotes q JOIN articles a ON a.id = q.article_id "
                                    "WHERE a.name = ? ORDER BY q.start", [name])]


def test_edited_text_file_replaces_its_quotes(tmp_path):
    db, story = tmp_path / "quotes.db", tmp_path / "story.txt"
    story.write_text(GOOD_TEXT)
    assert ingest(db, story).exit_code == 0
    story.write_text('Bridge repairs\n\n"The bridge will stay closed until the autumn," Mayor Anna Berg '
                     "told reporters on Monday.\n")
    result = ingest(db, story)
    assert result.exit_code == 0
    assert summary(result.stderr) == {"new": 0, "updated": 1, "unchanged": 0, "failed": 0, "quotes": 1}
    assert counts(db)["articles"] == 1
    assert _quotes_of(db, "story.txt") == ["The bridge will stay closed until the autumn,"]
    assert counts(db)["quotes"] == 1


def test_changed_text_of_an_article_with_a_url_replaces_its_quotes(tmp_path):
    db, feed = tmp_path / "quotes.db", tmp_path / "feed.jsonl"

    def write(text: str) -> None:
        feed.write_text(json.dumps({"id": "bridge", "url": "https://example.com/bridge", "text": text}) + "\n")

    write(GOOD_TEXT)
    assert ingest(db, feed).exit_code == 0
    assert _quotes_of(db, "bridge") == ["We will rebuild the bridge by spring,"]
    write(GOOD_TEXT.replace("We will rebuild the bridge by spring", "The bridge will stay closed until the autumn"))
    result = ingest(db, feed)
    assert result.exit_code == 0
    assert summary(result.stderr) == {"new": 0, "updated": 1, "unchanged": 0, "failed": 0, "quotes": 1}
    assert _quotes_of(db, "bridge") == ["The bridge will stay closed until the autumn,"]
    assert counts(db)["articles"] == 1 and counts(db)["quotes"] == 1
    assert query(db, "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'rebuild'") == [(0,)]
    assert_healthy(db)


def test_two_files_with_the_same_text_are_two_articles(tmp_path):
    db = tmp_path / "quotes.db"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(GOOD_TEXT)
    result = ingest(db, tmp_path / "a.txt", tmp_path / "b.txt")
    assert result.exit_code == 0
    assert counts(db)["articles"] == 2
    assert summary(result.stderr)["new"] == 2
    assert summary(result.stderr)["quotes"] == counts(db)["quotes"] == 2


# --- evaluate --------------------------------------------------------------------------------

def test_evaluate_scores_the_samples_against_the_gold(gold_path):
    result = run("evaluate", str(gold_path), str(SAMPLES))
    assert result.exit_code == 0
    assert "-- missed" not in result.output
    match = re.search(r"end2end F1=(\d\.\d+)", result.output)
    assert match, result.output
    assert float(match.group(1)) >= 0.90


def test_evaluate_show_lists_misses_extras_and_wrong_speakers(gold_path):
    result = run("evaluate", str(gold_path), str(SAMPLES), "--show")
    assert result.exit_code == 0
    for section in ("-- missed", "-- extra", "-- wrong speaker"):
        assert re.search(rf"^{section}: \d+$", result.output, re.M), section
    assert "end2end F1=" in result.output.splitlines()[-1]


@pytest.mark.parametrize("command", [["ingest", str(SAMPLES / "000_7586c69c994ee961.txt")], ["export"]],
                         ids=["ingest", "export"])
def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path, command):
    db = tmp_path / "notes.db"
    db.write_text("not a database, just notes\n")
    result = run(*command, "--db", str(db))
    assert result.exit_code == 1
    assert f"{db}: file is not a database" in result.output
    assert "Traceback" not in result.output
    assert db.read_text() == "not a database, just notes\n"


def test_export_ends_quietly_when_the_reader_stops(tmp_path):
    import subprocess
    import sys

    from quotes import store
    from quotes.records import Article, QuoteRecord

    sentence = "The minister said the bridge would reopen in the spring of next year. "
    article = Article(name="long.txt", text=sentence * 4000)
    records = [QuoteRecord(quote=sentence.strip(), type="indirect", start=n * len(sentence),
                           end=(n + 1) * len(sentence) - 1) for n in range(4000)]
    db = store.open_db(tmp_path / "big.db")
    store.save_articles(db, [(article, records)], "1")
    db.close()  # an export of about a megabyte: more than a pipe holds
    script = "from quotes.cli import cli; cli()"
    export = subprocess.Popen([sys.executable, "-c", script, "export", "--db", str(tmp_path / "big.db")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert export.stdout is not None
    first = export.stdout.readline()
    export.stdout.close()  # what `quotes export | head -1` does once it has its line
    _, stderr = export.communicate(timeout=120)
    assert json.loads(first)["article"] == "long.txt"
    assert export.returncode == 0
    assert stderr == b""


# --- arguments that name nothing to read -----------------------------------------------------

@pytest.mark.parametrize("path, message", [
    ("no/such/path", "no/such/path: no such file or directory"),
    ("s3://bucket/news.jsonl", "s3://bucket/news.jsonl: a URL: only the workers of --cluster read URLs"),
    ("empty", "empty: no .txt, .html, .htm, .jsonl, .warc or .warc.gz file in this directory"),
])
def test_nothing_to_read_creates_nothing_and_names_the_path(tmp_path, monkeypatch, path, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF")
    result = ingest(Path("new.db"), path)
    assert result.exit_code == 1
    assert result.stderr == f"Error: nothing to read: {message}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_an_archive_url_beside_a_file_fails_on_its_own_line(tmp_path):
    result = ingest(tmp_path / "quotes.db", good_file(tmp_path), "s3://bucket/feed.jsonl")
    assert result.exit_code == 1
    assert errors(result.stderr) == [
        "error: s3://bucket/feed.jsonl: a URL: only the workers of --cluster read URLs"]
    assert summary(result.stderr)["new"] == 1


def test_serve_of_a_text_file_is_one_line(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_bytes((ROOT / "README.md").read_bytes())
    result = run("serve", "--db", str(readme), "--port", "0")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {readme}: file is not a database\n"


def test_serve_stopped_by_sigterm_removes_its_temporary_directory(ingested_samples_db, tmp_path):
    served = tmp_path / "site.db"  # not quotes.db: served through a link in a temporary directory
    shutil.copy(ingested_samples_db, served)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process, _ = _serving(served, scratch)
    assert list(scratch.glob("quotes-serve-*/quotes.db"))
    process.send_signal(signal.SIGTERM)
    assert process.wait(30) in (0, 128 + signal.SIGTERM)
    assert list(scratch.iterdir()) == []


def test_serve_cors_lets_other_sites_call_the_api(ingested_samples_db, tmp_path):
    process, port = _serving(ingested_samples_db, tmp_path, "--cors")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/quotes/speakers.json", timeout=30) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "*"
    finally:
        process.terminate()
        process.wait(30)


def _serving(db: Path, scratch: Path, *extra: str) -> tuple[subprocess.Popen[bytes], int]:
    """``quotes serve`` of ``db`` on a free port, its temporary files in ``scratch``, once it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([str(QUOTES), "serve", "--db", str(db), "--port", str(port), *extra],
                               env=dict(os.environ, TMPDIR=str(scratch)), stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not _listening(port):
        assert process.poll() is None and time.monotonic() < deadline, "quotes serve did not start"
        time.sleep(0.2)
    return process, port


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


# --- outlet and date for files that carry neither ---------------------------------------------

def _articles(db: Path) -> dict[str, tuple]:
    return {name: (outlet, published) for name, outlet, published in query(
        db, "SELECT a.name, o.name, a.published FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id")}


def test_outlet_and_published_fill_what_the_files_lack(tmp_path):
    db = tmp_path / "quotes.db"
    folder = tmp_path / "in"
    folder.mkdir()
    good_file(folder)
    (folder / "wire.txt").write_text('SEOUL (Reuters) - "We will rebuild the bridge by spring," Mayor Anna Berg '
                                     "told reporters.\nOctober 29, 2024\n", encoding="utf-8")
    result = ingest(db, folder, extra=("--outlet", "Wikinews", "--published", "June 3, 2019"))
    assert result.exit_code == 0, result.output
    assert _articles(db) == {"good.txt": ("Wikinews", "2019-06-03"), "wire.txt": ("Reuters", "2024-10-29")}
    assert query(db, "SELECT DISTINCT o.name, q.published FROM quotes q JOIN outlets o ON o.id = q.outlet_id "
                     "JOIN articles a ON a.id = q.article_id WHERE a.name = 'good.txt'") == [("Wikinews", "2019-06-03")]


def test_a_date_that_is_none_is_refused_before_anything_is_made(tmp_path):
    result = ingest(tmp_path / "quotes.db", good_file(tmp_path), extra=("--published", "soon"))
    assert result.exit_code == 2 and "'soon' is not a date" in result.output
    assert not (tmp_path / "quotes.db").exists()


def test_articles_csv_gives_each_file_its_outlet_url_and_date(tmp_path):
    db = tmp_path / "quotes.db"
    folder = tmp_path / "in"
    folder.mkdir()
    good_file(folder)
    (folder / "other.txt").write_text(GOOD_TEXT.replace("Anna Berg", "Ola Nordmann"), encoding="utf-8")
    (folder / "articles.csv").write_text(
        "file,outlet,url,published,title\n"
        "good.txt,The Local,https://example.org/bridge,2024-03-01,Bridge to be rebuilt\n", encoding="utf-8")
    result = ingest(db, folder, extra=("--outlet", "Wikinews"))
    assert result.exit_code == 0, result.output
    assert _articles(db) == {"good.txt": ("The Local", "2024-03-01"), "other.txt": ("Wikinews", None)}
    assert query(db, "SELECT url, title FROM articles WHERE name = 'good.txt'") == [
        ("https://example.org/bridge", "Bridge to be rebuilt")]


def test_a_bad_articles_csv_is_one_line_and_its_folder_is_still_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good_file(folder)
    (folder / "articles.csv").write_text("file,source\ngood.txt,AP\n", encoding="utf-8")
    result = ingest(tmp_path / "quotes.db", folder)
    assert result.exit_code == 1
    assert errors(result.stderr) == [f"error: {folder / 'articles.csv'}: needs a header of file and any of "
                                     "outlet, url, published, title, author (unknown: source)"]
    assert summary(result.stderr)["new"] == 1
