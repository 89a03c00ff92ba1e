"""Opening a quotes database, checking it can be written, and write transactions."""
from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database

from .schema import SCHEMA_VERSION, STEPS, applied_steps, check_version, migrate

BUSY_TIMEOUT_MS = 30_000


def open_db(path: str | Path, create: bool = True) -> Database:
    """Open (creating if needed) a quotes database, ready for concurrent readers.

    WAL lets Datasette read while an ingest writes; the busy timeout makes a
    second writer wait instead of failing. A database that cannot be opened, or that
    holds another application's tables, raises ValueError naming the path, and leaves
    the file as it was and no directory or file this call created. The schema steps run
    in one write transaction that looks again at what is applied once it holds the lock:
    two first runs on a new file make the schema once. Without ``create``, a file that is
    not a quotes database yet is refused too.
    """
    path = Path(path)
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return _open(path, create)
        except sqlite3.OperationalError as error:
            # Turning a new file to WAL needs the file to itself, and SQLite reports a second
            # process doing the same as locked at once, without the busy timeout: wait here.
            if not _busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _open(path: Path, create: bool) -> Database:
    created = _make_directories(path)
    companions = [path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]
    existed = {file for file in companions if file.exists()}
    db = None
    try:
        db = Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Refuses another application's file before anything is written.
        if applied_steps(db, path) is None and not create:
            raise ValueError(f"{path}: no quotes database yet (run quotes ingest first)")
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        with writing(db):
            migrate(db, path)
        return db
    except BaseException as error:
        if db is not None:
            db.close()
        if isinstance(error, sqlite3.OperationalError) and _busy(error):
            raise  # another process has the file open: what is beside it is its too
        for file in companions:
            if file not in existed:
                file.unlink(missing_ok=True)
        for directory in reversed(created):
            directory.rmdir()
        raise


def _busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


def open_readonly(path: str | Path, current: bool = False) -> Database:
    """Open an existing quotes database to read it, never writing to it nor migrating it.

    Whether the file is a quotes database is looked at with the file opened immutable (or
    read-only, when a -wal and -shm show a writer may have it open), so that a file that is
    not creates nothing beside it. The database is then read through a connection that
    refuses writes; where neither the file nor its directory can be written, as it is on
    disk. An older schema is read as it is, or refused with ``current``.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such database (run quotes ingest first)")
    live = all(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))
    look = Database(_connect(path, "mode=ro" if live else "immutable=1"))
    try:
        steps = applied_steps(look, path)
    finally:
        look.close()
    if steps is None:
        raise ValueError(f"{path}: no quotes database yet (run quotes ingest first)")
    check_version(steps, path)
    if current and set(steps) != set(STEPS):  # made by an older version: pages would miss columns
        raise ValueError(f"{path}: database has schema version {steps[-1] if steps else 2}, older than this "
                         f"version's {SCHEMA_VERSION}: run quotes refresh --db {path} first")
    if not live and not _writable(path):
        return Database(_connect(path, "immutable=1"))
    db = Database(_connect(path, "mode=ro") if live else path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA query_only = ON")
    return db


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?{mode}", uri=True)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _make_directories(path: Path) -> list[Path]:
    """Create the missing directories above a database file; the ones created, outermost first."""
    missing = [parent for parent in path.parents if not parent.exists()][::-1]
    nearest = missing[0].parent if missing else path.parent
    if not nearest.is_dir():
        raise ValueError(f"{path}: cannot create the database: {nearest} is not a directory")
    created: list[Path] = []
    for directory in missing:
        try:
            directory.mkdir()
        except FileExistsError:
            continue
        except OSError as error:
            for done in reversed(created):
                done.rmdir()
            raise ValueError(f"{path}: cannot create directory {directory} ({error.strerror})") from None
        created.append(directory)
    return created


def check_writable(path: str | Path) -> None:
    """Raise ValueError, before SQLite creates anything, when the database at ``path`` (or its
    WAL files, or the directory they go in) cannot be written."""
    path = Path(path)
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if file.exists() and not os.access(file, os.W_OK):
            advice = "" if file == path else " (left by a run on a read-only database: remove it " \
                "if no other process has the database open)"
            raise ValueError(f"{file}: read-only, cannot write to the database{advice}")
    directory = path.parent
    if directory.is_dir() and not os.access(directory, os.W_OK | os.X_OK):
        raise ValueError(f"{path}: cannot write in {directory}, where the database and its WAL files go")


@contextmanager
def writing(db: Database) -> Iterator[None]:
    """One write transaction: everything inside is committed together or not at all.

    BEGIN IMMEDIATE takes the write lock up front, so a concurrent writer
    waits (busy_timeout) rather than failing half way through.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise
