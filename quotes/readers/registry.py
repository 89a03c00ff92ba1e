"""The input formats, one `Reader` each, and the error every reader reports problems with.

Everything that depends on the set of formats -- which files a directory yields, the error
for any other file, how stdin is recognised, the CLI help -- is derived from here, so a new
format is one `Reader` passed to `register`.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from ..records import Article

EXTENSION = re.compile(r"(?:\.[a-z0-9_-]+){1,2}")  # one or two lowercase suffixes: ".txt", ".warc.gz"


class ReadError(Exception):
    """Why a file, or one line of a JSONL file, could not be read."""

    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(message)
        self.path, self.line, self.message = path, line, message

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class Skipped(ReadError):
    """An item left out on purpose (a page in another language): reported, not a failure."""


@dataclass(frozen=True)
class Reader:
    """One input format: the extensions it claims and how to read one such file."""

    name: str  # "jsonl"
    extensions: tuple[str, ...]  # (".html", ".htm"): the first one names the format in help texts
    # (path to name in errors, the open file) -> its articles, or why each could not be read
    read: Callable[[str, BinaryIO], Iterable[Article | ReadError]]
    # True when stdin holds this format; stdin nothing claims is read as plain text
    sniff: Callable[[bytes], bool] | None = None
    # A streaming reader bounds what it holds itself; any other is refused files over MAX_BYTES
    streams: bool = False


_READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add a format. Formats are listed, and offered stdin, in the order they were registered."""
    if reader.name in _READERS:
        raise ValueError(f"a reader named {reader.name!r} is already registered")
    if not reader.extensions:
        raise ValueError(f"reader {reader.name!r} claims no extension")
    for ext in reader.extensions:
        if not EXTENSION.fullmatch(ext):
            raise ValueError(f"reader {reader.name!r}: {ext!r} is not a lowercase extension like '.txt'")
        if owner := _claiming(ext):
            raise ValueError(f"reader {reader.name!r}: {ext!r} is already read by {owner.name!r}")
    _READERS[reader.name] = reader
    return reader


def unregister(name: str) -> None:
    del _READERS[name]


def readers() -> tuple[Reader, ...]:
    return tuple(_READERS.values())


def reader_for(path: str) -> Reader | None:
    """The reader of a file, by its extension (".warc.gz" before ".gz"), in any case; None when
    no format claims it."""
    stem, ext = os.path.splitext(os.path.basename(path).lower())
    double = os.path.splitext(stem)[1] + ext
    return (_claiming(double) if double != ext else None) or _claiming(ext)


def _claiming(ext: str) -> Reader | None:
    return next((reader for reader in _READERS.values() if ext in reader.extensions), None)


def extensions() -> tuple[str, ...]:
    """Every extension claimed, in registration order: (".txt", ".html", ".htm", ".jsonl")."""
    return tuple(ext for reader in _READERS.values() for ext in reader.extensions)


def formats() -> str:
    """The formats by their first extension, for help texts: ".txt, .html, .jsonl"."""
    return ", ".join(reader.extensions[0] for reader in _READERS.values())


def unsupported(path: str) -> ReadError:
    """The error for a file no format claims, listing what would have been read."""
    ext = os.path.splitext(path)[1].lower()
    return ReadError(path, None, f"unsupported file type {ext or '(none)'!r} (expected {listed_extensions()})")


def listed_extensions() -> str:
    """The extensions read, for a message: ".txt, .html, .htm or .jsonl"."""
    known = extensions()
    return f"{', '.join(known[:-1])} or {known[-1]}" if len(known) > 1 else "".join(known)
