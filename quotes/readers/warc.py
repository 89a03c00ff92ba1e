"""Web archives (.warc, .warc.gz, as Common Crawl's CC-NEWS ships them): one article per HTML response.

Records are read one at a time from the stream, so memory stays flat on files of any size.
Requests, metadata, images and PDFs are not articles and are passed over in silence; a page
in another language than the one asked for is skipped by name.

A .warc.gz holds one gzip member per record, so a range of its bytes can be read on its own:
its records are those that start in it, from the first member found at or after its start.
Several workers share one archive that way (:mod:`quotes.dask_ingest`).
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from functools import partial
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

from ..records import Article
from . import limits
from .article import iso_date
from .html import read_page
from .registry import Reader, ReadError

HTML_TYPES = ("text/html", "application/xhtml+xml")
LANGUAGE_SAMPLE = 600  # characters the language is told from: a paragraph is enough, and the cost is linear
LANGUAGES = {"language": "en"}  # the language kept (ISO 639-1), or "any"; quotes ingest --language sets it
GZIP_MEMBER = b"\x1f\x8b\x08"  # the first bytes of a gzip member: magic number, deflate
SEARCH_BYTES = 1 << 20  # read at a time when looking for the first record of a range
RECORD_HEAD_BYTES = 4096  # compressed bytes enough to decompress a record's first line


def read(path: str, fh: BinaryIO, start: int = 0, end: int | None = None,
         language: str | None = None) -> Iterator[Article | ReadError]:
    """The articles of a WARC file's HTML responses in ``language`` (default: the one
    ``LANGUAGES`` names), in file order; errors name the record by its position in the file
    (1 for the first).

    With ``end``, only the records of a .warc.gz that start at a byte offset in [``start``,
    ``end``), named by that offset (``path@offset``), their position being unknown: ranges
    that cover a file read each of its records once. A file that is not gzipped is read
    whole by the range that starts at 0."""
    if end is not None:
        if not _gzipped(fh):
            if start > 0:
                return
            end = None
        elif (found := _first_record(fh, start, end) if start else 0) is None:
            return
        else:
            fh.seek(found)
            start = found
    records, number, offset = ArchiveIterator(fh), 0, start  # offset: where the record being read starts
    try:
        for record in records:
            number += 1
            if end is not None and offset >= end:
                return  # the next range's
            if record.format != "warc":  # warcio reads any text as an old ARC record
                yield ReadError(*_where(path, number, offset, end), "not a WARC record")
                return
            body = _html_body(record)
            if body is not None:
                yield _article(*_where(path, number, offset, end), record, body, language or LANGUAGES["language"])
            offset = records.get_record_offset() + records.get_record_length()
    except Exception as e:  # warcio raises many kinds on a damaged record
        yield ReadError(*_where(path, number + 1, offset, end), f"not a readable WARC record ({type(e).__name__}: {e})")
        return
    if number == 0 and end is None:
        yield ReadError(path, None, "no WARC records found")


def _where(path: str, number: int, offset: int, end: int | None) -> tuple[str, int | None]:
    """How errors name a record: by its position in the file, or in a range by its offset."""
    return (path, number) if end is None else (f"{path}@{offset}", None)


def _html_body(record) -> bytes | None:
    """The body of an HTML page served whole (status 200), read up to one byte past the cap;
    None for any other record."""
    if record.rec_type != "response" or not record.http_headers:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in HTML_TYPES or record.http_headers.get_statuscode() != "200":
        return None
    return record.content_stream().read(limits.MAX_BYTES + 1)


def _gzipped(fh: BinaryIO) -> bool:
    """Whether the file starts as gzip does, read from its start again afterwards."""
    fh.seek(0)
    magic = fh.read(2)
    fh.seek(0)
    return magic == GZIP_MEMBER[:2]


def _first_record(fh: BinaryIO, start: int, end: int) -> int | None:
    """The offset of the first gzip member in [start, end) that holds a WARC record, or None.
    The magic number can occur inside compressed data, so a member counts only if it
    decompresses to a record's first line."""
    at = start
    while at < end:
        fh.seek(at)
        block = fh.read(SEARCH_BYTES)
        found = block.find(GZIP_MEMBER)
        while found != -1 and at + found < end:
            if _opens_record(fh, at + found):
                return at + found
            found = block.find(GZIP_MEMBER, found + 1)
        if len(block) < SEARCH_BYTES:
            return None
        at += len(block) - len(GZIP_MEMBER) + 1  # a member may start across the block's end
    return None


def _opens_record(fh: BinaryIO, offset: int) -> bool:
    fh.seek(offset)
    try:
        head = zlib.decompressobj(wbits=31).decompress(fh.read(RECORD_HEAD_BYTES), 16)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")


def _article(path: str, number: int | None, record, body: bytes, wanted: str) -> Article | ReadError:
    """The article of one response record in the language ``wanted``, or why it is not one."""
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    here = path if number is None else f"{path}:{number}"
    if len(body) > limits.MAX_BYTES:
        return ReadError(path, number, f"{url}: page is bigger than {limits.MAX_BYTES:,} bytes")
    article = read_page(here, body, name=url or here, fast=True,
                        unwanted=None if wanted == "any" else partial(_other_language, wanted))
    if isinstance(article, ReadError):  # a Skipped one stays so
        return type(article)(path, number, f"{url}: {article.message}")
    article.url = article.url or url or None
    article.published = article.published or iso_date((record.rec_headers.get_header("WARC-Date") or "")[:10])
    return article


def _other_language(wanted: str, text: str) -> str | None:
    """Why a page is not in the language ``wanted``, or None if it is."""
    found = language(text)
    return None if found == wanted else f"in another language ({found}), not {wanted}"


def language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is in, by py3langid's model (shipped in its package)."""
    import py3langid  # type: ignore[import-untyped]

    return str(py3langid.classify(text[:LANGUAGE_SAMPLE])[0])


READER = Reader("warc", (".warc", ".warc.gz"), read, streams=True)
