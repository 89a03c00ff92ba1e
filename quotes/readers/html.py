"""Web pages: the main text and metadata by trafilatura, which also honours the declared charset."""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import BinaryIO

import trafilatura
from trafilatura.settings import Document

from ..records import Article
from .article import make_article
from .boilerplate import classify
from .registry import Reader, ReadError
from .text import clean, text_problem


def read(path: str, fh: BinaryIO) -> Iterator[Article | ReadError]:
    yield read_page(path, fh.read(), os.path.basename(path))


def read_page(path: str, data: bytes, name: str | None = None, fast: bool = False) -> Article | ReadError:
    """The article of a page read from ``path`` (a file or a URL), called ``name`` (default: ``path``).

    ``fast`` skips trafilatura's second opinion (jusText, readability), which costs as much
    again: for archives of millions of pages, where reading must keep up with many parsers."""
    if not data.strip():
        return ReadError(path, None, "file is empty")
    if b"\0" in data[:8192]:
        return ReadError(path, None, "binary file, not text (NUL bytes)")
    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, fast=fast)
    except Exception as e:  # lxml and trafilatura raise many kinds on hostile markup
        return ReadError(path, None, f"cannot parse HTML ({type(e).__name__}: {e})")
    if not isinstance(doc, Document):  # None when nothing was found; a dict only if asked for
        doc = Document()
    paragraphs = [p.strip() for p in (doc.text or "").split("\n") if p.strip()]
    text = clean("\n\n".join(paragraphs))  # blank-line paragraphs, like the .txt files
    problem = text_problem(text)
    if problem:
        return ReadError(path, None, problem)
    article = make_article(name or path, text, title=doc.title, url=doc.url,
                           published=doc.date, author=doc.author)
    if all(skipped for _, _, line, skipped in classify(text, article.title) if line):
        return ReadError(path, None, "no article text found")  # nothing but menus and captions
    if not article.outlet and doc.sitename and not re.fullmatch(r"[\w.-]+\.\w+", doc.sitename):
        article.outlet = doc.sitename  # og:site_name, unless it is just the host name
    return article


READER = Reader("html", (".html", ".htm"), read)
