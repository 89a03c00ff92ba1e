"""Web archives (.warc, .warc.gz, as Common Crawl's CC-NEWS ships them): one article per HTML response.

Records are read one at a time from the stream, so memory stays flat on files of any size.
Requests, metadata, images and PDFs are not articles and are passed over in silence; a page
in another language than the one asked for is skipped by name.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

from ..records import Article
from . import limits
from .article import iso_date
from .html import read_page
from .registry import Reader, ReadError, Skipped

HTML_TYPES = ("text/html", "application/xhtml+xml")
LANGUAGE_SAMPLE = 600  # characters the language is told from: a paragraph is enough, and the cost is linear
LANGUAGES = {"language": "en"}  # the language kept (ISO 639-1), or "any"; quotes ingest --language sets it


def read(path: str, fh: BinaryIO) -> Iterator[Article | ReadError]:
    """The articles of a WARC file's HTML responses, in file order; errors name the record by
    its position in the file (1 for the first)."""
    number = 0
    try:
        for record in ArchiveIterator(fh):
            number += 1
            if record.format != "warc":  # warcio reads any text as an old ARC record
                yield ReadError(path, number, "not a WARC record")
                return
            if record.rec_type != "response" or not record.http_headers:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if content_type not in HTML_TYPES or record.http_headers.get_statuscode() != "200":
                continue
            body = record.content_stream().read(limits.MAX_BYTES + 1)
            yield _article(path, number, record, body)
    except Exception as e:  # warcio raises many kinds on a damaged record
        yield ReadError(path, number + 1, f"not a readable WARC record ({type(e).__name__}: {e})")
        return
    if number == 0:
        yield ReadError(path, None, "no WARC records found")


def _article(path: str, number: int, record, body: bytes) -> Article | ReadError:
    """The article of one response record, or why it is not one."""
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if len(body) > limits.MAX_BYTES:
        return ReadError(path, number, f"{url}: page is bigger than {limits.MAX_BYTES:,} bytes")
    article = read_page(f"{path}:{number}", body, name=url or f"{path}:{number}", fast=True)
    if isinstance(article, ReadError):
        return ReadError(path, number, f"{url}: {article.message}")
    article.url = article.url or url or None
    article.published = article.published or iso_date((record.rec_headers.get_header("WARC-Date") or "")[:10])
    wanted = LANGUAGES["language"]
    if wanted != "any" and (found := language(article.text)) != wanted:
        return Skipped(path, number, f"{url}: in another language ({found}), not {wanted}")
    return article


def language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is in, by py3langid's model (shipped in its package)."""
    import py3langid  # type: ignore[import-untyped]

    return str(py3langid.classify(text[:LANGUAGE_SAMPLE])[0])


READER = Reader("warc", (".warc", ".warc.gz"), read, streams=True)
