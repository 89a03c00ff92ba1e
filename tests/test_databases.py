"""Databases `quotes` did not make, cannot read or may not write: another application's
SQLite file, random bytes, a truncated quotes database, one on a read-only file system. Each
is refused in one line and left as it was, with nothing created beside it."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, names, run
from sqlite_utils import Database
from test_hostile import unwritable

from quotes import store

ARTICLE = str(SAMPLES / "000_7586c69c994ee961.txt")
COMMANDS = {"ingest": ["ingest", ARTICLE, "--processes", "1"], "export": ["export"], "refresh": ["refresh"],
            "serve": ["serve", "--port", "0"]}


def other_application(path: Path, sql: str) -> Path:
    with sqlite3.connect(path) as conn:
        conn.executescript(sql)
    conn.close()
    return path


FOREIGN = {
    "users": "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO users VALUES (1, 'a@b.c');",
    "articles": "CREATE TABLE articles (slug TEXT PRIMARY KEY, body TEXT); INSERT INTO articles VALUES ('x', 'y');",
    "meta": "CREATE TABLE meta (name TEXT); CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, "
            "migration_set TEXT, name TEXT, applied_at TEXT); "
            "INSERT INTO _sqlite_migrations VALUES (1, 'blog', '001_posts', '2020');",
}


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("tables", FOREIGN)
def test_another_applications_database_is_refused_and_left_byte_identical(tmp_path, command, tables):
    db = other_application(tmp_path / "other.db", FOREIGN[tables])
    before = files(tmp_path)
    result = run(*COMMANDS[command], "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {db}: not a quotes database (it holds ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert files(tmp_path) == before


@pytest.mark.parametrize("command", ["export", "refresh", "serve"])
def test_an_empty_file_is_no_quotes_database_yet(tmp_path, command):
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    result = run(*COMMANDS[command], "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {db}: no quotes database yet (run quotes ingest first)\n"
    assert files(tmp_path) == {"empty.db": b""}


def test_an_empty_file_becomes_a_quotes_database_on_ingest(tmp_path, pipeline_loaded_once):
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    assert run(*COMMANDS["ingest"], "--db", str(db)).exit_code == 0
    assert names(db) == {Path(ARTICLE).name}


@pytest.fixture
def quotes_db(tmp_path, pipeline_loaded_once) -> Path:
    db = tmp_path / "quotes.db"
    assert run(*COMMANDS["ingest"], "--db", str(db)).exit_code == 0
    return db


def truncated(db: Path) -> Path:
    data = db.read_bytes()
    target = db.with_name("truncated.db")
    target.write_bytes(data[: len(data) // 2])
    return target


@pytest.mark.parametrize("command", ["export", "refresh", "serve", "ingest"])
@pytest.mark.parametrize("damage", ["random", "truncated", "text"])
def test_a_file_that_is_no_database_is_one_line_and_nothing_is_created(quotes_db, command, damage):
    folder = quotes_db.parent
    if damage == "truncated":
        db = truncated(quotes_db)
    else:
        db = folder / f"{damage}.db"
        db.write_bytes(os.urandom(100_000) if damage == "random" else b"not a database, just notes\n" * 10)
    before = files(folder)
    result = run(*COMMANDS[command], "--db", str(db))
    assert result.exit_code == 1
    message = "database disk image is malformed" if damage == "truncated" else "file is not a database"
    assert result.stderr == f"Error: {db}: {message}\n"
    assert files(folder) == before


def test_export_and_serve_do_not_write_an_older_quotes_database(quotes_db):
    with sqlite3.connect(quotes_db) as conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [store.SCHEMA_VERSION])
        conn.execute("DROP VIEW quotes_view")
        conn.execute("ALTER TABLE quotes DROP COLUMN speaker_rule")
    conn.close()
    before = files(quotes_db.parent)
    exported = run("export", "--db", str(quotes_db))
    assert exported.exit_code == 0 and exported.stdout.count("\n") > 0
    assert all('"speaker_rule": null' in line for line in exported.stdout.splitlines())
    served = run(*COMMANDS["serve"], "--db", str(quotes_db))
    assert served.exit_code == 1
    assert served.stderr == (f"Error: {quotes_db}: database has schema version {store.STEPS[-2]}, older than "
                             f"this version's {store.SCHEMA_VERSION}: run quotes refresh --db {quotes_db} "
                             "first\n")
    assert files(quotes_db.parent) == before
    assert run("refresh", "--db", str(quotes_db)).exit_code == 0
    assert [m.name for m in store.migrations.applied(store.open_db(quotes_db))] == store.STEPS


@pytest.mark.parametrize("command", ["export", "refresh"])
def test_a_database_on_a_read_only_file_system_is_one_line(quotes_db, command):
    folder = quotes_db.parent
    before = files(folder)
    with unwritable(quotes_db), unwritable(folder):
        result = run(*COMMANDS[command], "--db", str(quotes_db))
        if command == "export":
            assert result.exit_code == 0, result.stderr
            assert result.stdout.count("\n") == run("export", "--db", str(quotes_db)).stdout.count("\n") > 0
        else:
            assert result.exit_code == 1
            assert result.stderr == f"Error: {quotes_db}: read-only, cannot write to the database\n"
        assert files(folder) == before


def test_reading_opens_an_unwritable_database_immutable(quotes_db, monkeypatch):
    """Where the file or its directory cannot be written, no -wal or -shm can be made: the
    database is read as it is on disk."""
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    db = store.open_readonly(quotes_db)
    assert db.execute("select count(*) from quotes").fetchone()[0] > 0
    assert sorted(p.name for p in quotes_db.parent.iterdir()) == ["quotes.db"]
    db.close()


FIRST_INGEST = """
import sys
from quotes.cli import cli
cli.main(["ingest", sys.argv[1], "--db", sys.argv[2], "--processes", "1"], standalone_mode=True)
"""


def test_two_first_ingests_of_a_new_database_both_succeed(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for attempt in range(4):
        db = tmp_path / f"new{attempt}.db"
        racers = [subprocess.Popen([sys.executable, "-c", FIRST_INGEST, ARTICLE, str(db)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outcomes = [(racer.wait(timeout=600), racer.stderr.read()) for racer in racers if racer.stderr]
        assert [status for status, _ in outcomes] == [0, 0], outcomes
        assert names(db) == {Path(ARTICLE).name}
        assert [m.name for m in store.migrations.applied(store.open_readonly(db))] == store.STEPS


def test_a_new_file_another_process_is_turning_to_wal_is_waited_for(tmp_path, monkeypatch):
    """SQLite reports a second process turning a new file to WAL as locked at once, without
    the busy timeout: the opening waits and tries again, and leaves the WAL files of the
    process that won where they are."""
    path = tmp_path / "new.db"
    enable_wal = Database.enable_wal
    attempts: list[Database] = []
    winners: list[Database] = []

    def raced(db):
        attempts.append(db)
        if len(attempts) == 1:  # the other process opens the new file first
            winners.append(store.open_db(path))
            raise sqlite3.OperationalError("database is locked")
        enable_wal(db)

    monkeypatch.setattr(Database, "enable_wal", raced)
    db = store.open_db(path)
    assert len(attempts) == 3
    assert Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    with store.writing(winners[0]):
        winners[0].execute("insert into outlets (name) values ('Wire')")
    assert db.execute("select name from outlets").fetchall() == [("Wire",)]
    assert [m.name for m in store.migrations.applied(db)] == store.STEPS
