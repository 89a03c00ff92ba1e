"""Opening a quotes database, checking it can be written, and write transactions."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from .schema import migrate

BUSY_TIMEOUT_MS = 30_000


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) a quotes database, ready for concurrent readers.

    WAL lets Datasette read while an ingest writes; the busy timeout makes a
    second writer wait instead of failing. A database that cannot be opened raises
    ValueError naming the path, and leaves no directory or file this call created.
    """
    path = Path(path)
    created = _make_directories(path)
    companions = [path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]
    existed = {file for file in companions if file.exists()}
    db = None
    try:
        db = Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db, path)
        return db
    except BaseException:
        if db is not None:
            db.close()
        for file in companions:
            if file not in existed:
                file.unlink(missing_ok=True)
        for directory in reversed(created):
            directory.rmdir()
        raise


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
