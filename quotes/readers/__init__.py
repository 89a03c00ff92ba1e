"""Read news articles from files, directories and stdin into `Article` objects.

Each input format is a `Reader` in a registry: the extensions a directory yields, the error
for any other file, how stdin is recognised and the CLI help all derive from it, so a new
format is one module defining its `Reader`, plus its place in BUILT_IN below.

Reading never raises on bad input: every problem becomes a `ReadError` naming the file and
line, yielded in place of the article, so one broken file does not stop a batch.
"""
from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterable, Iterator

from ..records import Article
from . import given, html, jsonl, limits, txt, warc
from .article import make_article
from .boilerplate import skip_ranges
from .outlets import detect_outlet
from .registry import (
    Reader,
    ReadError,
    Skipped,
    extensions,
    formats,
    listed_extensions,
    reader_for,
    readers,
    register,
    unregister,
    unsupported,
)

__all__ = ["BUILT_IN", "Reader", "ReadError", "Skipped", "detect_outlet", "extensions", "files_in", "formats",
           "iter_articles", "make_article", "reader_for", "readers", "register", "skip_ranges", "unregister"]

BUILT_IN = (txt.READER, html.READER, jsonl.READER, warc.READER)  # the order formats are listed, and sniffed, in
for reader in BUILT_IN:
    register(reader)


def iter_articles(paths: Iterable[str], defaults: dict[str, str] | None = None) -> Iterator[Article | ReadError]:
    """Articles from files, directories (recursively, sorted) and "-" for stdin, in order,
    with the metadata an ``articles.csv`` beside a file gives it (:mod:`.given`), and the
    ``defaults`` (outlet, published) where an article has none."""
    sidecars: dict[str, given.Sidecar | None] = {}
    for item in _read_paths(paths, sidecars):
        yield given.with_defaults(item, defaults) if defaults and isinstance(item, Article) else item


def _read_paths(paths: Iterable[str], sidecars: dict[str, given.Sidecar | None]) -> Iterator[Article | ReadError]:
    for path in paths:
        path = str(path)
        if path == "-":
            yield from _read_stdin()
        elif os.path.isdir(path):
            found = files_in(path)
            if not found:  # named on purpose, and nothing in it is read: say so
                yield ReadError(path, None, f"no {listed_extensions()} file in this directory")
            for file in found:
                yield from _read_described(file, sidecars)
        elif "://" in path:
            yield ReadError(path, None, "a URL: only the workers of --cluster read URLs")
        elif not os.path.exists(path):
            yield ReadError(path, None, "no such file or directory")
        else:
            yield from _read_described(path, sidecars)


def _read_described(path: str, sidecars: dict[str, given.Sidecar | None]) -> Iterator[Article | ReadError]:
    """The file's articles with what its folder's articles.csv gives it; a bad articles.csv is
    reported once and its folder read without it."""
    folder = os.path.dirname(path) or "."
    if folder not in sidecars:
        found = given.read_sidecar(folder)
        if isinstance(found, ReadError):
            yield found
            found = None
        sidecars[folder] = found
    row = (sidecars[folder] or {}).get(os.path.basename(path))
    reader = reader_for(path)
    articles = _read_file(path)
    yield from given.with_given(articles, row, bool(reader and reader.streams)) if row else articles


def files_in(directory: str) -> list[str]:
    """The files of a directory and its subdirectories (not hidden ones) a reader claims, sorted."""
    found, known = [], extensions()
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [os.path.join(root, f) for f in files if f.lower().endswith(known)]
    return sorted(found)


def _read_file(path: str) -> Iterator[Article | ReadError]:
    reader = reader_for(path)
    if reader is None:
        yield unsupported(path)
        return
    try:
        # Non-blocking, so that opening a FIFO does not wait for a writer; only a regular
        # file (after links) is read: a device has no end, and stat gives it no size.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        yield ReadError(path, None, f"cannot read file ({e.strerror})")
        return
    try:
        with os.fdopen(fd, "rb") as fh:
            status = os.fstat(fh.fileno())
            kind = _not_regular(status.st_mode)
            if kind:
                yield ReadError(path, None, f"not a regular file ({kind})")
                return
            if reader.streams:
                yield from reader.read(path, fh)
                return
            # Refused unread when stat says too big, and never more than the limit held
            # whatever it says: a file can grow while it is read.
            data = b"" if status.st_size > limits.MAX_BYTES else fh.read(limits.MAX_BYTES + 1)
            if status.st_size > limits.MAX_BYTES or len(data) > limits.MAX_BYTES:
                yield ReadError(path, None, f"file is bigger than {limits.MAX_BYTES:,} bytes")
                return
        yield from reader.read(path, io.BytesIO(data))
    except OSError as e:
        yield ReadError(path, None, f"cannot read file ({e.strerror})")


def _not_regular(mode: int) -> str | None:
    """What a file that is not a regular one is, for the error; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kinds = [(stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")]
    return next((name for test, name in kinds if test(mode)), "a special file")


def _read_stdin() -> Iterator[Article | ReadError]:
    """Stdin in the first format whose sniff claims it, else as one plain-text article."""
    stream = getattr(sys.stdin, "buffer", None)
    limit = limits.MAX_BYTES + 1
    data = stream.read(limit) if stream else sys.stdin.read(limit).encode("utf-8")
    if len(data) > limits.MAX_BYTES:
        yield ReadError("<stdin>", None, f"input is bigger than {limits.MAX_BYTES:,} bytes")
        return
    reader = next((r for r in readers() if r.sniff and r.sniff(data)), txt.READER)
    yield from reader.read("<stdin>", io.BytesIO(data))
