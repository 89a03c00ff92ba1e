"""The ingest job: interrupted runs, re-extraction, worker processes, input order, and input
built to hurt (huge, deep, degenerate or random), through the `quotes ingest` command."""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
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
from hypothesis import HealthCheck, given, settings, strategies as st

import quotes.ingest
import quotes.store
from quotes.canon.speakers import in_article
from quotes.extract import EXTRACTOR_VERSION, extract
from quotes.readers import ReadError, iter_articles
from quotes.readers.limits import MAX_BYTES
from quotes.records import QuoteRecord

DEV = ROOT / "tests" / "data" / "dev" / "articles"
HOSTILE_SECONDS = 60  # a whole `quotes ingest` run, model load included, on one hostile file
HOSTILE_BYTES = 1_500_000_000  # peak memory of that run

pytestmark = pytest.mark.usefixtures("pipeline_loaded_once")


def count(db: Path, table: str) -> int:
    return query(db, f"SELECT count(*) FROM {table}")[0][0]


def assert_no_duplicate_quotes(db: Path) -> None:
    assert query(db, "SELECT count(*) = count(DISTINCT id) FROM quotes") == [(1,)]
    assert query(db, 'SELECT article_id, start, "end" FROM quotes GROUP BY 1, 2, 3 HAVING count(*) > 1') == []


def export(db: Path) -> str:
    result = run("export", "--db", str(db))
    assert result.exit_code == 0
    return result.stdout


def derived_tables(db: Path) -> dict[str, list[tuple]]:
    """What refresh() derives from all the quotes together."""
    return {
        "speakers": query(db, "SELECT id, name, kind, roles, first_seen, last_seen, quote_count "
                              "FROM speakers ORDER BY id"),
        "speaker_aliases": query(db, "SELECT * FROM speaker_aliases ORDER BY 1, 2"),
        "quote_groups": query(db, "SELECT * FROM quote_groups ORDER BY id"),
        "quotes": query(db, 'SELECT id, speaker_id, via_speaker_id, group_id FROM quotes ORDER BY id'),
    }


@pytest.fixture(scope="module")
def seventeen(tmp_path_factory) -> list[Path]:
    """The 5 sample and 12 development articles in one directory: enough to start workers."""
    folder = tmp_path_factory.mktemp("seventeen")
    for source in [*SAMPLES.glob("*.txt"), *DEV.glob("*.txt")]:
        shutil.copy(source, folder)
    files = sorted(folder.glob("*.txt"))
    assert len(files) == 17
    return files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """120 short articles, each three reported-speech paragraphs of the samples recombined."""
    paragraphs = [p.strip() for f in sorted(SAMPLES.glob("*.txt")) for p in f.read_text().split("\n\n")]
    reported = [p for p in paragraphs if len(p.split()) >= 15 and p.endswith((".", '"', "”"))
                and re.search(r"\b(said|says|told|according to)\b", p)]
    assert len(reported) >= 20
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(120)
    for n in range(120):
        body = "\n\n".join(rng.sample(reported, 3))
        (folder / f"story_{n:03d}.txt").write_text(f"Report number {n}\n\n{body}\n", encoding="utf-8")
    return folder


# --- interrupted runs ------------------------------------------------------------------------

def wait_for_articles(db: Path, at_least: int, process: subprocess.Popen, timeout: float) -> int:
    """Poll the database, read-only, until it holds `at_least` articles; their number."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            if stored >= at_least:
                return stored
        except sqlite3.OperationalError:  # not created yet, or busy for a moment
            pass
        time.sleep(0.02)
    raise AssertionError(f"ingest ended or stalled before storing {at_least} articles "
                         f"(exit status {process.poll()})")


def stored_quotes(db: Path) -> dict[str, list[tuple]]:
    rows = query(db, 'SELECT a.name, q.start, q."end", q.quote, q.type, q.name_in_article '
                     "FROM articles a LEFT JOIN quotes q ON q.article_id = a.id ORDER BY a.name, q.start, q.\"end\"")
    found: dict[str, list[tuple]] = {}
    for name, *quote in rows:
        found.setdefault(name, [])
        if quote[0] is not None:
            found[name].append(tuple(quote))
    return found


def as_stored(found: list[QuoteRecord], article_id: str) -> list[tuple]:
    """Extracted quotes as the store keeps them: one per span, speaker name trimmed (and a
    description within its article)."""
    spans: dict[tuple[int, int], tuple] = {}
    for q in found:
        name = (q.speaker.name or "").strip() or None
        stored = name and in_article(name, article_id, q.speaker.kind)
        spans.setdefault((q.start, q.end), (q.start, q.end, q.quote, q.type, stored))
    return sorted(spans.values())


def test_sigkill_keeps_whole_batches_and_a_rerun_finishes_the_job(corpus, tmp_path, nlp):
    db = tmp_path / "quotes.db"
    command = [str(QUOTES), "ingest", str(corpus), "--db", str(db), "--batch-size", "10", "--processes", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_articles(db, 20, process, timeout=120)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.communicate()
    assert process.returncode == -signal.SIGKILL

    # Only committed batches are there, whole, each article with all of its quotes.
    assert_healthy(db)
    kept = stored_quotes(db)
    assert 20 <= len(kept) < 120, "the run was not interrupted"
    assert len(kept) % 10 == 0
    expected = {article.name: as_stored(found, article.id)
                for article, found in extract(nlp, iter_articles([corpus / name for name in kept]))}
    assert kept == expected

    # The same command picks up where the killed one stopped.
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "Traceback" not in rerun.stderr
    done = summary(rerun.stderr)
    assert (done["new"], done["updated"], done["unchanged"], done["failed"]) == (120 - len(kept), 0, len(kept), 0)
    assert count(db, "articles") == 120
    assert done["quotes"] == count(db, "quotes") - sum(map(len, kept.values()))
    assert_no_duplicate_quotes(db)
    assert query(db, "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                     "(SELECT 1 FROM quotes q WHERE q.article_id = a.id)") == [(0,)]
    assert stored_quotes(db).items() >= kept.items()
    assert_healthy(db)


# --- the final refresh -----------------------------------------------------------------------

def test_a_run_that_stores_nothing_leaves_speakers_and_groups_as_they_are(ingested_samples_db, monkeypatch):
    refreshed = []
    monkeypatch.setattr(quotes.store, "refresh", refreshed.append)
    assert ingest(ingested_samples_db, SAMPLES).exit_code == 0
    assert refreshed == []


def test_a_run_after_an_interrupted_one_refreshes_even_with_nothing_new(tmp_path, nlp):
    path = tmp_path / "story.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    db_path = tmp_path / "quotes.db"
    db = quotes.store.open_db(db_path)
    # What an ingest killed between its last batch and the refresh leaves behind.
    quotes.store.save_articles(db, list(extract(nlp, iter_articles([str(path)]))), EXTRACTOR_VERSION)
    db.close()
    assert query(db_path, "SELECT key FROM meta WHERE key = 'needs_refresh'") == [("needs_refresh",)]

    result = ingest(db_path, path)
    assert summary(result.stderr)["unchanged"] == 1
    assert query(db_path, "SELECT value, count FROM quote_facet_counts WHERE facet = 'type'") == [
        ("direct", 1)]
    assert query(db_path, "SELECT key FROM meta WHERE key = 'needs_refresh'") == []


# --- re-extraction ---------------------------------------------------------------------------

def test_reextract_redoes_articles_of_an_older_extractor(ingested_samples_copy):
    db = ingested_samples_copy
    before, quotes_before = export(db), count(db, "quotes")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET extractor_version = '0'")

    result = ingest(db, extra=("--reextract",))
    assert result.exit_code == 0
    assert summary(result.stderr) == {"new": 0, "updated": 5, "unchanged": 0, "failed": 0,
                                      "quotes": quotes_before}
    assert query(db, "SELECT DISTINCT extractor_version FROM articles") == [(EXTRACTOR_VERSION,)]
    assert count(db, "quotes") == quotes_before
    assert export(db) == before
    assert_no_duplicate_quotes(db)
    assert_healthy(db)

    again = ingest(db, extra=("--reextract",))  # nothing left to redo
    assert again.exit_code == 0
    assert summary(again.stderr) == {"new": 0, "updated": 0, "unchanged": 0, "failed": 0, "quotes": 0}


def test_reextract_fills_the_cue_offsets_of_quotes_stored_without_them(ingested_samples_copy):
    """Quotes stored before the cue's offsets were (null after the schema step 016) get them
    from --reextract, since the extractor's version changed with them; each points at the cue."""
    db = ingested_samples_copy
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE quotes SET cue_start = NULL, cue_end = NULL")
        conn.execute("UPDATE articles SET extractor_version = '0'")
    assert ingest(db, extra=("--reextract",)).exit_code == 0
    rows = query(db, "SELECT q.cue, substr(a.text, q.cue_start + 1, q.cue_end - q.cue_start) FROM quotes q "
                     "JOIN articles a ON a.id = q.article_id")
    assert any(cue is not None for cue, _ in rows)
    assert [cue for cue, _ in rows] == [found for _, found in rows]


def test_reextract_with_paths_redoes_only_older_articles(ingested_samples_copy):
    db = ingested_samples_copy
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET extractor_version = '0' WHERE name LIKE '000_%'")
    result = ingest(db, SAMPLES, extra=("--reextract",))
    assert result.exit_code == 0
    assert summary(result.stderr)["updated"] == 1 and summary(result.stderr)["unchanged"] == 4


# --- worker processes and input order --------------------------------------------------------

def test_results_do_not_depend_on_the_number_of_processes(seventeen, tmp_path, monkeypatch):
    pools: list[int] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, workers, *args, **kwargs):
            pools.append(workers)
            super().__init__(workers, *args, **kwargs)

    monkeypatch.setattr(quotes.ingest, "ProcessPoolExecutor", CountedPool)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert ingest(one, seventeen[0].parent, processes=1).exit_code == 0
    assert pools == []
    result = ingest(two, seventeen[0].parent, processes=2)
    assert result.exit_code == 0
    assert pools == [2], "no worker processes were started"
    assert summary(result.stderr)["new"] == 17
    assert export(two) == export(one)
    assert derived_tables(two) == derived_tables(one)
    assert_healthy(two)


def test_results_do_not_depend_on_the_order_of_the_input(seventeen, tmp_path):
    forward, backward = tmp_path / "forward.db", tmp_path / "backward.db"
    assert ingest(forward, *seventeen).exit_code == 0
    reverse = seventeen[::-1]
    assert ingest(backward, *reverse[:9]).exit_code == 0  # in two runs, the second adding to the first
    assert ingest(backward, *reverse[9:]).exit_code == 0
    assert count(forward, "articles") == count(backward, "articles") == 17
    assert derived_tables(backward) == derived_tables(forward)
    assert export(backward) == export(forward)


# --- hostile input ---------------------------------------------------------------------------

@dataclass
class Finished:
    status: int
    stderr: str
    seconds: float
    peak_bytes: int


def bounded(*args: str | Path, cwd: Path, seconds: float = HOSTILE_SECONDS) -> Finished:
    """`quotes ARGS...` in its own process, killed after `seconds`; its exit status and peak memory."""
    started = time.monotonic()
    with open(cwd / "stderr.txt", "w+b") as stderr:
        process = subprocess.Popen([str(QUOTES), *map(str, args)], cwd=cwd, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > seconds:
                process.kill()
                os.wait4(process.pid, 0)
                process.returncode = -signal.SIGKILL
                pytest.fail(f"quotes {' '.join(map(str, args))} did not finish in {seconds} s")
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        text = stderr.read().decode("utf-8", "replace")
    assert "Traceback" not in text
    return Finished(process.returncode, text, time.monotonic() - started, usage.ru_maxrss * 1024)


def ingest_bounded(tmp_path: Path, *paths: Path) -> Finished:
    finished = bounded("ingest", *paths, "--db", "quotes.db", "--processes", "1", cwd=tmp_path)
    assert finished.peak_bytes < HOSTILE_BYTES
    assert_healthy(tmp_path / "quotes.db")
    return finished


@pytest.fixture(scope="module")
def footprint(tmp_path_factory) -> int:
    """Peak memory of `quotes ingest` on one small article."""
    tmp = tmp_path_factory.mktemp("footprint")
    finished = ingest_bounded(tmp, good_file(tmp))
    assert finished.status == 0
    return finished.peak_bytes


def test_file_over_the_size_limit_is_refused_without_being_read(tmp_path, footprint):
    big = tmp_path / "huge.txt"
    chunk = ("All work and no play makes a dull story. " * 25_000).encode()  # 1 MB, no newline
    try:
        with open(big, "wb") as fh:
            for _ in range(200):
                fh.write(chunk)
        assert big.stat().st_size == 200 * len(chunk) > 4 * MAX_BYTES
        finished = ingest_bounded(tmp_path, big, good_file(tmp_path))
    finally:
        big.unlink()
    assert finished.status == 1
    assert errors(finished.stderr) == [f"error: {big}: file is bigger than {MAX_BYTES:,} bytes"]
    assert finished.peak_bytes - footprint < 100_000_000  # the 200 MB were never read in
    assert names(tmp_path / "quotes.db") == {"good.txt"}


def test_file_of_only_quotation_marks(tmp_path):
    marks = tmp_path / "marks.txt"
    marks.write_text('"' * 100_000 + "“”" * 50_000, encoding="utf-8")
    finished = ingest_bounded(tmp_path, marks, good_file(tmp_path))
    assert finished.status == 1
    assert "good.txt" in names(tmp_path / "quotes.db")
    [line] = errors(finished.stderr)  # refused, with one line naming the file
    assert line.startswith(f"error: {marks}: text has 200,000 characters without a space")


def test_long_article_is_extracted_in_bounded_time(tmp_path):
    prose = "\n\n".join(f.read_text(encoding="utf-8") for f in sorted(SAMPLES.glob("*.txt")))
    long = tmp_path / "long.txt"
    long.write_text((prose + "\n\n") * 12, encoding="utf-8")  # about 200,000 characters
    assert 190_000 < len(long.read_text(encoding="utf-8")) < 1_000_000
    finished = ingest_bounded(tmp_path, long)
    assert finished.status == 0
    assert count(tmp_path / "quotes.db", "quotes") > 0


def test_deeply_nested_html(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 20_000
                    + "<p>The minister said on Monday that the talks would resume next week in Geneva.</p>"
                    + "</div>" * 20_000 + "</body></html>", encoding="utf-8")
    finished = ingest_bounded(tmp_path, page, good_file(tmp_path))
    stored = names(tmp_path / "quotes.db")
    assert "good.txt" in stored
    if "deep.html" in stored:
        assert finished.status == 0
    else:  # refused, with one line that names it
        assert finished.status == 1
        [line] = errors(finished.stderr)
        assert line.startswith(f"error: {page}: ")


def test_jsonl_line_with_a_10_mb_text_is_refused_and_the_others_are_read(tmp_path):
    feed = tmp_path / "feed.jsonl"
    with open(feed, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "The minister said that the talks would resume next week."}) + "\n")
        fh.write(json.dumps({"text": "word " * 2_000_000}) + "\n")
        fh.write(json.dumps({"text": '"We will win the cup," the coach said on Sunday.'}) + "\n")
    finished = ingest_bounded(tmp_path, feed)
    assert finished.status == 1
    assert errors(finished.stderr) == [f'error: {feed}:2: "text": text is longer than 1,000,000 characters']
    assert names(tmp_path / "quotes.db") == {"feed.jsonl:1", "feed.jsonl:3"}
    assert summary(finished.stderr)["new"] == 2


def test_control_characters_are_blanked_and_offsets_stay_valid(tmp_path):
    texts = {
        "feed.jsonl:1": "The minister\x00 said that the talks\x07 would resume \x1bnext week.",
        "bell.txt": 'Bridge\x1b[31m repairs\n\n"We will\x07 rebuild the bridge," Mayor\x7f Anna Berg said.\n',
    }
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": texts["feed.jsonl:1"]}) + "\n", encoding="utf-8")
    (tmp_path / "bell.txt").write_text(texts["bell.txt"], encoding="utf-8")
    db = tmp_path / "quotes.db"
    result = ingest(db, tmp_path / "feed.jsonl", tmp_path / "bell.txt")
    assert result.exit_code == 0
    stored = dict(query(db, "SELECT name, text FROM articles"))
    assert stored.keys() == texts.keys()
    for name, text in texts.items():
        assert len(stored[name]) == len(text)
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", stored[name])
        assert stored[name] == re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", text)
    rows = query(db, 'SELECT a.text, q.quote, q.start, q."end" FROM quotes q JOIN articles a ON a.id = q.article_id')
    assert len(rows) == 2
    for text, quote, start, end in rows:
        assert re.search(r"\w+", quote).group() in text[start:end]
    assert_healthy(db)


# --- random input ----------------------------------------------------------------------------

FRAGMENTS = ['"', "“", "”", "‘", "’", "«", "»", "\n", "\n\n", " ", ", ", ". ", " said", " told reporters",
             " according to ", "Mayor Anna Berg", "the ministry", "He", "\t", "\ufeff", "\r\n",
             "We will rebuild the bridge by spring", "SEOUL (Yonhap) -- ", "(Reuters)"]
NEWSLIKE = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=60).map("".join)


def ingest_file_into_a_copy(ingested_samples_db: Path, data: bytes) -> None:
    """Ingest `data` as a .txt file into a copy of the samples database; nothing may break."""
    with tempfile.TemporaryDirectory() as tmp:
        db, path = Path(tmp) / "quotes.db", Path(tmp) / "random.txt"
        shutil.copy(ingested_samples_db, db)
        path.write_bytes(data)
        readable = not isinstance(next(iter_articles([str(path)])), ReadError)
        result = ingest(db, path)
        assert result.exit_code == (0 if readable else 1), result.output
        if result.exit_code == 1:
            [line] = errors(result.stderr)
            assert line.startswith(f"error: {path}: ")
        else:
            assert "random.txt" in names(db)
        assert count(db, "articles") == 5 + (result.exit_code == 0)
        assert_healthy(db)
        assert_no_duplicate_quotes(db)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), NEWSLIKE))
def test_random_text_never_breaks_ingest(ingested_samples_db, text):
    ingest_file_into_a_copy(ingested_samples_db, text.encode("utf-8"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096))
def test_random_bytes_never_break_ingest(ingested_samples_db, data):
    ingest_file_into_a_copy(ingested_samples_db, data)
