"""Ingest on a Dask cluster: same database as a local ingest, whatever happens to a worker.

One LocalCluster of two single-threaded worker processes serves the whole module; each
worker loads the pipeline once, when it starts.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from quotes import dask_ingest  # noqa: E402
from quotes.ingest import ingest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [ROOT / "examples" / "articles", ROOT / "tests" / "data" / "dev" / "articles"]
ARTICLES = sum(1 for d in INPUTS for p in d.iterdir() if p.suffix == ".txt")


@pytest.fixture(scope="module")
def scheduler():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as lc, \
            Client(lc) as client:
        yield lc.scheduler_address, client


@pytest.fixture(scope="module")
def local_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("local") / "quotes.db"
    ingest(str(path), [str(p) for p in INPUTS], processes=1)
    return path


def contents(path: Path) -> dict[str, list[tuple]]:
    """Every table but the full-text indexes (the speakers' by speaker id), without ingest
    timestamps, in a fixed order; the quotes in each speaker's word index by their ids (rowids
    follow the order quotes and speakers were stored in)."""
    with sqlite3.connect(path) as conn:
        tables = [t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'quotes_fts%' "
            "AND name NOT LIKE 'speakers_fts%' "
            "AND name NOT LIKE 'sqlite_%' "
            "AND name NOT IN ('_sqlite_migrations', 'quote_word_index', 'quote_word_recent')")]
        ids = dict(conn.execute("SELECT rowid, id FROM quotes"))
        found = {"quote_word_index": sorted(
            (speaker, word, sorted(ids[int(rowid)] for rowid in rowids.split()))
            for speaker, word, rowids in conn.execute("SELECT * FROM quote_word_index")),
            "quote_word_recent": sorted((speaker, word, ids[rowid]) for speaker, word, rowid in
                                        conn.execute("SELECT * FROM quote_word_recent")),
                 # by speaker id: rowids follow the order speakers were stored in
                 "speakers_fts": sorted(conn.execute("SELECT s.id, f.name, f.aliases FROM speakers_fts f "
                                                     "JOIN speakers s ON s.rowid = f.rowid"))}
        for table in tables:
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info([{table}])") if c[1] != "ingested_at"]
            found[table] = sorted(conn.execute(
                f"SELECT {', '.join(f'[{c}]' for c in columns)} FROM [{table}]").fetchall(), key=repr)
        return found


def test_cluster_ingest_equals_a_local_ingest(scheduler, local_db, tmp_path):
    address, _ = scheduler
    path = tmp_path / "quotes.db"
    summary = ingest(str(path), [str(p) for p in INPUTS], cluster=address)
    assert (summary.new, summary.failed) == (ARTICLES, 0)
    assert contents(path) == contents(local_db)
    # A second run finds everything stored and parses nothing.
    again = ingest(str(path), [str(p) for p in INPUTS], cluster=address)
    assert (again.new, again.updated, again.unchanged) == (0, 0, ARTICLES)
    assert contents(path) == contents(local_db)


def test_a_worker_killed_mid_task_costs_a_retry_not_the_run(scheduler, local_db, tmp_path, monkeypatch):
    address, client = scheduler
    monkeypatch.setattr(dask_ingest, "TASK_ARTICLES", 2)
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            busy = [worker for worker, tasks in client.processing().items()
                    if any(str(t).startswith("extract_batch") for t in tasks)]
            if busy:
                time.sleep(0.5)  # well inside the task: it parses for seconds
                pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    path = tmp_path / "quotes.db"
    summary = ingest(str(path), [str(p) for p in INPUTS], cluster=address)
    killer.join()
    assert killed, "no worker was busy to kill"
    assert (summary.new, summary.failed) == (ARTICLES, 0)
    assert contents(path) == contents(local_db)
    client.wait_for_workers(2, timeout=120)


def test_files_the_workers_read_never_pass_through_the_client(scheduler, local_db, tmp_path, monkeypatch):
    import quotes.readers

    def refuse(path):
        raise AssertionError(f"the client read {path}")

    monkeypatch.setattr(quotes.readers, "_read_file", refuse)
    address, _ = scheduler
    path = tmp_path / "quotes.db"
    urls = [p.as_uri() for p in INPUTS]  # file:///...: read with fsspec on the workers
    summary = ingest(str(path), [], cluster=address, worker_paths=urls)
    assert (summary.new, summary.failed) == (ARTICLES, 0)
    assert contents(path) == contents(local_db)
    # Resumed: the workers list what the files hold; nothing is parsed again.
    again = ingest(str(path), [], cluster=address, worker_paths=urls)
    assert (again.new, again.unchanged) == (0, ARTICLES)


def test_worker_read_errors_are_reported_per_file(scheduler, tmp_path):
    address, _ = scheduler
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe\x00 not text \x00\x00")
    (tmp_path / "in" / "good.txt").write_text((ROOT / "examples/articles").glob("*.txt").__next__().read_text())
    errors: list[str] = []
    summary = ingest(str(tmp_path / "q.db"), [], cluster=address,
                     worker_paths=[(tmp_path / "in").as_uri(), (tmp_path / "missing").as_uri()],
                     on_error=errors.append)
    assert summary.new == 1 and summary.failed == 2
    assert any("bad.txt" in e for e in errors) and any("missing" in e for e in errors)


def test_shards_merged_equal_a_direct_ingest(scheduler, local_db, tmp_path):
    from quotes.shards import ingest_shards, merge

    address, _ = scheduler
    shards = tmp_path / "shards"
    summary = ingest_shards(str(shards), [str(INPUTS[0])], [INPUTS[1].as_uri()], cluster=address)
    assert (summary.new, summary.failed) == (ARTICLES, 0)
    files = sorted(shards.glob("*.db"))
    assert files
    path = tmp_path / "quotes.db"
    merged = merge(str(path), [str(f) for f in files])
    assert merged.new == ARTICLES
    assert contents(path) == contents(local_db)
    # Merging again, or resuming the sharded ingest, changes nothing.
    assert merge(str(path), [str(f) for f in files]).new == 0
    assert contents(path) == contents(local_db)
    assert ingest_shards(str(shards), [str(p) for p in INPUTS], [], cluster=address).unchanged == ARTICLES


def test_local_spec_is_checked():
    with pytest.raises(ValueError, match="local:N"):
        with dask_ingest.connect("local:none"):
            pass


def test_merge_and_cluster_errors_from_the_command_line(scheduler, local_db, tmp_path):
    from click.testing import CliRunner

    from quotes.cli import cli

    address, _ = scheduler
    runner = CliRunner()
    shards = tmp_path / "shards"
    result = runner.invoke(cli, ["ingest", str(INPUTS[0]), "--worker-paths", str(INPUTS[1]),
                                 "--cluster", address, "--shards", str(shards)])
    assert result.exit_code == 0, result.output
    db = tmp_path / "quotes.db"
    result = runner.invoke(cli, ["merge", *map(str, sorted(shards.glob("*.db"))), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{ARTICLES} new" in result.output
    assert contents(db) == contents(local_db)
    result = runner.invoke(cli, ["ingest", str(INPUTS[0]), "--db", str(tmp_path / "x.db"),
                                 "--cluster", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1 and "cannot reach the scheduler" in result.output
    result = runner.invoke(cli, ["ingest", str(INPUTS[0]), "--shards", str(shards)])
    assert result.exit_code == 2 and "need --cluster" in result.output


def test_a_large_archive_is_shared_out_in_ranges_each_record_stored_once(scheduler, tmp_path, monkeypatch):
    """Three ranges, cut inside records: the workers store what reading the file whole stores."""
    from tests.sources.test_warc import many_pages

    warc = many_pages(tmp_path / "CC-NEWS-20261130.warc.gz")
    whole = tmp_path / "whole.db"
    assert (ingest(str(whole), [str(warc)]).new, ingest(str(whole), [str(warc)]).unchanged) == (8, 8)
    monkeypatch.setattr(dask_ingest, "RANGE_BYTES", warc.stat().st_size // 3 + 1)
    assert len(dask_ingest.parts_of(warc.as_uri(), warc.stat().st_size)) == 3
    address, _ = scheduler
    path = tmp_path / "quotes.db"
    summary = ingest(str(path), [], cluster=address, worker_paths=[warc.as_uri()])
    assert (summary.new, summary.unchanged, summary.skipped, summary.failed) == (8, 0, 1, 0)
    assert contents(path) == contents(whole)
    again = ingest(str(path), [], cluster=address, worker_paths=[warc.as_uri()])
    assert (again.new, again.unchanged) == (0, 8)


def test_the_language_asked_for_reaches_workers_started_elsewhere(scheduler, tmp_path, monkeypatch):
    """The module's workers started before --language was read: the tasks carry it."""
    from click.testing import CliRunner

    from quotes.cli import cli
    from quotes.readers import warc
    from tests.sources.test_warc import many_pages

    monkeypatch.setitem(warc.LANGUAGES, "language", "en")  # restored after the command sets it
    address, _ = scheduler
    archive = many_pages(tmp_path / "news.warc.gz")
    result = CliRunner().invoke(cli, ["ingest", archive.as_uri(), "--db", str(tmp_path / "q.db"),
                                      "--cluster", address, "--language", "any"])
    assert result.exit_code == 0, result.output
    assert "9 new" in result.output and "skipped" not in result.output
