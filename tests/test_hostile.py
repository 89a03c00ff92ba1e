"""`quotes ingest` against what can go wrong around it: its parent killed or stopped, strings
no encoder takes, files that are devices or pipes, articles that blow up the parser, and
databases it cannot write. Each test runs the command beside a good file that must be stored."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest
from conftest import GOOD_TEXT, QUOTES, ROOT, SAMPLES, assert_healthy, errors, good_file, names, query, run, summary

from benchmarks.corpus import one_sentence, prose

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # the subprocess runs this tree
PEAK_BYTES = 1_000_000_000  # any input the size limits accept, model included
CORPUS = 80

pytestmark = pytest.mark.usefixtures("pipeline_loaded_once")


def quotes_cmd(*args: str | Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([str(QUOTES), *map(str, args)], env=ENV, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kwargs)


def finish(process: subprocess.Popen, seconds: float) -> tuple[int, str, int]:
    """Exit status, stderr and the peak memory of the process and its children, or fail."""
    peak, started, tree = 0, time.monotonic(), psutil.Process(process.pid)
    while process.poll() is None:
        if time.monotonic() - started > seconds:
            process.kill()
            process.communicate()
            pytest.fail(f"{process.args} did not finish in {seconds} s")
        try:
            peak = max(peak, sum(p.memory_info().rss for p in [tree, *tree.children(recursive=True)]))
        except psutil.Error:
            pass
        time.sleep(0.1)
    stderr = process.stderr.read() if process.stderr else ""
    assert "Traceback" not in stderr, stderr
    return process.returncode, stderr, peak


# --- 1. the parent killed or stopped --------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """80 copies of the sample articles: a run of half a minute or more on two workers."""
    folder = tmp_path_factory.mktemp("corpus")
    sources = sorted(SAMPLES.glob("*.txt"))
    for n in range(CORPUS):
        text = sources[n % len(sources)].read_text(encoding="utf-8")
        (folder / f"story_{n:03d}.txt").write_text(f"Report number {n}\n\n{text}", encoding="utf-8")
    return folder


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def start_mid_run(corpus: Path, db: Path, at_least: int) -> tuple[subprocess.Popen, list[psutil.Process]]:
    """`quotes ingest` on two workers, once it has stored ``at_least`` articles; its workers."""
    process = quotes_cmd("ingest", corpus, "--db", db, "--processes", "2", "--batch-size", "5")
    deadline = time.monotonic() + 240
    while stored(db) < at_least:
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < deadline, "no batch stored in time"
        time.sleep(0.1)
    workers = psutil.Process(process.pid).children(recursive=True)
    assert len(workers) >= 2
    return process, workers


def test_workers_end_when_their_parent_is_killed(corpus, tmp_path):
    db = tmp_path / "quotes.db"
    process, workers = start_mid_run(corpus, db, 5)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    gone, alive = psutil.wait_procs(workers, timeout=5)
    for worker in alive:
        worker.kill()
    assert not alive, f"workers outlived their parent: {[w.pid for w in alive]}"
    assert stored(db) < CORPUS, "the run was not interrupted"
    assert_healthy(db)


def test_sigterm_stops_the_run_like_ctrl_c_and_keeps_finished_batches(corpus, tmp_path):
    db = tmp_path / "quotes.db"
    process, workers = start_mid_run(corpus, db, 10)
    process.send_signal(signal.SIGTERM)
    status, stderr, _ = finish(process, 60)
    assert status == 143  # 128 + SIGTERM; Ctrl-C gives 130
    assert "Interrupted: finished batches are saved" in stderr
    _, alive = psutil.wait_procs(workers, timeout=5)
    assert not alive
    kept = stored(db)
    assert 10 <= kept < CORPUS and kept % 5 == 0  # whole batches only
    assert_healthy(db)
    assert query(db, "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                     "(SELECT 1 FROM quotes q WHERE q.article_id = a.id)") == [(0,)]
    status, stderr, _ = finish(quotes_cmd("ingest", corpus, "--db", db, "--processes", "2"), 600)
    assert status == 0, stderr
    assert summary(stderr)["unchanged"] == kept
    assert stored(db) == CORPUS
    assert_healthy(db)


def test_a_worker_that_dies_is_replaced_and_its_articles_parsed_again(corpus, tmp_path):
    db = tmp_path / "quotes.db"
    process, workers = start_mid_run(corpus, db, 5)
    workers[0].kill()  # as the kernel's OOM killer would
    status, stderr, _ = finish(process, 600)
    assert status == 0, stderr
    assert summary(stderr)["failed"] == 0
    assert stored(db) == CORPUS
    assert_healthy(db)


# --- 2. strings no encoder takes ------------------------------------------------------------

def test_lone_surrogates_fail_their_line_alone(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"text": "The minister said that the talks would resume next week."},
        '{"text": "Bad \\ud800 text, the minister said on Monday."}',
        '{"url": "https://example.com/\\udfff", "text": "The mayor said the bridge would open."}',
        '{"title": "Bridge \\ud83d", "text": "The mayor said the bridge would open soon."}',
        '{"text": "A pair is fine \\ud83d\\ude00, the mayor said on Tuesday."}',
    ]
    feed.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
                    encoding="utf-8")
    db = tmp_path / "quotes.db"
    result = run("ingest", str(feed), str(good_file(tmp_path)), "--db", str(db), "--processes", "1")
    assert result.exit_code == 1
    assert errors(result.stderr) == [
        f'error: {feed}:2: "text": lone surrogate \\ud800 at offset 4 (not valid Unicode text)',
        f'error: {feed}:3: "url": lone surrogate \\udfff at offset 20 (not valid Unicode text)',
        f'error: {feed}:4: "title": lone surrogate \\ud83d at offset 7 (not valid Unicode text)',
    ]
    assert names(db) == {"feed.jsonl:1", "feed.jsonl:5", "good.txt"}
    assert_healthy(db)


# --- 3. files that are not regular files ----------------------------------------------------

def test_devices_and_pipes_are_refused_by_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "random.html").symlink_to("/dev/urandom")
    (folder / "feed.jsonl").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.txt")
    good_file(folder)
    db = tmp_path / "quotes.db"
    for args in ([folder], [folder / "pipe.txt", folder / "zero.txt", folder / "good.txt"]):
        status, stderr, peak = finish(quotes_cmd("ingest", *args, "--db", db, "--processes", "1"), 120)
        assert status == 1
        assert peak < PEAK_BYTES
        found = errors(stderr)
        assert f"error: {folder / 'zero.txt'}: not a regular file (a character device)" in found
        assert f"error: {folder / 'pipe.txt'}: not a regular file (a named pipe)" in found
        assert all("not a regular file" in line for line in found)
        assert names(db) == {"good.txt"}
    assert len(found) == 2 and len(errors(finish(quotes_cmd("ingest", folder, "--db", db), 120)[1])) == 4


# --- 4. articles that blow up the parser ----------------------------------------------------

def ingest_one(tmp_path: Path, name: str, text: str, *extra: str) -> tuple[int, str, int, Path]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "quotes.db"
    status, stderr, peak = finish(quotes_cmd("ingest", path, good_file(tmp_path), "--db", db,
                                             "--processes", "1", *extra, cwd=tmp_path), 600)
    assert "good.txt" in names(db)
    assert_healthy(db)
    return status, stderr, peak, db


def test_a_megabyte_of_spaced_quotation_marks_is_refused_by_name(tmp_path):
    status, stderr, peak, db = ingest_one(tmp_path, "marks.txt", '" ' * 500_000)
    assert status == 1
    assert errors(stderr) == [f"error: {tmp_path / 'marks.txt'}: text is not prose (only 0% of its characters "
                              "are letters)"]
    assert peak < PEAK_BYTES


def test_an_article_of_999_000_characters_is_parsed_in_pieces_with_exact_offsets(tmp_path):
    text = prose(999_000)
    status, stderr, peak, db = ingest_one(tmp_path, "long.txt", text)
    assert status == 0, stderr
    assert peak < PEAK_BYTES
    [(stored_text,)] = query(db, "SELECT text FROM articles WHERE name = 'long.txt'")
    assert stored_text == text
    rows = query(db, "SELECT q.quote, q.start, q.\"end\" FROM quotes q JOIN articles a ON a.id = q.article_id "
                     "WHERE a.name = 'long.txt'")
    assert len(rows) > 500
    for quote, start, end in rows:
        assert quote.split()[0].strip("\"“”‘’'") in text[start:end]


def test_one_sentence_of_50_000_words_is_stored_within_bounds(tmp_path):
    # benchmarks.bench_hostile runs 200,000 words: 590 MB, minutes on a busy machine
    status, stderr, peak, db = ingest_one(tmp_path, "sentence.txt", one_sentence(50_000))
    assert status == 0, stderr
    assert peak < PEAK_BYTES
    assert names(db) == {"good.txt", "sentence.txt"}


def test_an_article_over_the_memory_limit_fails_alone(tmp_path):
    # With no room to spare over the loaded model, 200,000 one-letter words do not fit.
    status, stderr, peak, db = ingest_one(tmp_path, "letters.txt", "a " * 200_000, "--memory-limit", "1")
    assert status == 1
    assert errors(stderr) == ["error: letters.txt: article too large to parse within the memory limit"]
    assert names(db) == {"good.txt"}


# --- 7. databases that cannot be written ----------------------------------------------------

def test_database_under_a_regular_file_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for db in (blocker / "quotes.db", blocker / "sub" / "dir" / "quotes.db"):
        result = run("ingest", str(good_file(tmp_path)), "--db", str(db), "--processes", "1")
        assert result.exit_code == 1
        assert result.stderr.strip() == f"Error: {db}: cannot create the database: {blocker} is not a directory"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "good.txt"]


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """``path`` made read-only for this user: by permissions, or, since root writes whatever
    they say, by the immutable attribute (``chattr +i``), which stops root too."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)],
                                                         capture_output=True).returncode != 0:
        pytest.skip("running as root, and this file system cannot make a file immutable")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_database_in_a_directory_that_cannot_be_written_is_one_line(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    db = locked / "missing" / "quotes.db"
    with unwritable(locked):
        result = run("ingest", str(good_file(tmp_path)), "--db", str(db), "--processes", "1")
        assert result.exit_code == 1
        assert re.fullmatch(rf"Error: {re.escape(str(db))}: cannot create directory {re.escape(str(db.parent))} "
                            r"\((Permission denied|Operation not permitted)\)\n", result.stderr)
    assert list(locked.iterdir()) == []


def test_a_read_only_database_leaves_nothing_that_stops_later_runs(tmp_path):
    db = tmp_path / "quotes.db"
    assert run("ingest", str(good_file(tmp_path)), "--db", str(db), "--processes", "1").exit_code == 0
    other = tmp_path / "other.txt"
    other.write_text(GOOD_TEXT.replace("Bridge", "Tunnel"), encoding="utf-8")
    with unwritable(db):
        result = run("ingest", str(other), "--db", str(db), "--processes", "1")
        assert result.exit_code == 1
        assert result.stderr == f"Error: {db}: read-only, cannot write to the database\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "other.txt", "quotes.db"]
    result = run("ingest", str(other), "--db", str(db), "--processes", "1")
    assert result.exit_code == 0, result.stderr
    assert names(db) == {"good.txt", "other.txt"}


def test_a_read_only_file_left_beside_the_database_is_named(tmp_path):
    db = tmp_path / "quotes.db"
    shm = tmp_path / "quotes.db-shm"
    shm.write_bytes(b"")
    with unwritable(shm):
        result = run("ingest", str(good_file(tmp_path)), "--db", str(db), "--processes", "1")
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {shm}: read-only, cannot write to the database (left by a run")
    assert not db.exists()
