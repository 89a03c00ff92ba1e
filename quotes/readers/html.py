"""Web pages: the main text and metadata by trafilatura, which also honours the declared charset."""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement  # type: ignore[import-untyped]
from trafilatura import metadata as trafilatura_metadata
from trafilatura.settings import Document, Extractor
from trafilatura.utils import load_html

from ..records import Article
from .article import make_article
from .boilerplate import classify
from .registry import Reader, ReadError, Skipped
from .text import clean, text_problem


def read(path: str, fh: BinaryIO) -> Iterator[Article | ReadError]:
    yield read_page(path, fh.read(), os.path.basename(path))


def read_page(path: str, data: bytes, name: str | None = None, fast: bool = False,
              unwanted: Callable[[str], str | None] | None = None) -> Article | ReadError:
    """The article of a page read from ``path`` (a file or a URL), called ``name`` (default: ``path``).

    ``fast`` skips trafilatura's second opinion (jusText, readability), which costs as much
    again: for archives of millions of pages, where reading must keep up with many parsers.
    ``unwanted(text)`` says why a page is left out (a web archive's pages in other languages),
    or None: it is asked before the metadata are looked for, which costs as much as the text."""
    if not data.strip():
        return ReadError(path, None, "file is empty")
    if b"\0" in data[:8192]:
        return ReadError(path, None, "binary file, not text (NUL bytes)")
    options = Extractor(output_format="python", fast=fast, comments=False)
    try:
        tree = load_html(data, options.max_file_size)  # parsed once, for the text and the metadata
        doc = trafilatura.bare_extraction(tree, options=options) if tree is not None else None  # on a copy
    except Exception as e:  # lxml and trafilatura raise many kinds on hostile markup
        return ReadError(path, None, f"cannot parse HTML ({type(e).__name__}: {e})")
    if not isinstance(doc, Document):  # None when nothing was found; a dict only if asked for
        doc = Document()
    paragraphs = [p.strip() for p in (doc.text or "").split("\n") if p.strip()]
    text = clean("\n\n".join(paragraphs))  # blank-line paragraphs, like the .txt files
    problem = text_problem(text)
    if problem:
        return ReadError(path, None, problem)
    if unwanted and text and (why := unwanted(text)):
        return Skipped(path, None, why)
    try:
        meta = page_metadata(tree, options.date_params) if tree is not None else Document()
    except Exception as e:
        return ReadError(path, None, f"cannot parse HTML ({type(e).__name__}: {e})")
    article = make_article(name or path, text, title=meta.title, url=meta.url,
                           published=meta.date, author=meta.author)
    if all(skipped for _, _, line, skipped in classify(text, article.title) if line):
        return ReadError(path, None, "no article text found")  # nothing but menus and captions
    if not article.outlet and meta.sitename and not re.fullmatch(r"[\w.-]+\.\w+", meta.sitename):
        article.outlet = meta.sitename  # og:site_name, unless it is just the host name
    return article


def page_metadata(tree: HtmlElement, date_params: dict[str, Any]) -> Document:
    """The title, author, url, date and site name trafilatura's ``extract_metadata`` finds, in
    the same steps, less the categories, tags and licence it looks for too: no article keeps
    them, and on a news page they take a sixth of the whole reading."""
    meta = trafilatura_metadata.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a user name, not a person's
    try:
        meta = trafilatura_metadata.extract_meta_json(tree, meta)
    except Exception:  # noqa: S110 (trafilatura's own reading ignores a broken JSON-LD block too)
        pass
    meta.title = meta.title or trafilatura_metadata.extract_title(tree)
    meta.author = meta.author or trafilatura_metadata.extract_author(tree)
    meta.url = meta.url or trafilatura_metadata.extract_url(tree)
    meta.date = find_date(tree, **{**date_params, "url": meta.url})
    meta.sitename = meta.sitename or trafilatura_metadata.extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")  # a Twitter handle
        if "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (host := trafilatura_metadata.META_URL.match(meta.url)):
        meta.sitename = host[1]
    meta.clean_and_trim()
    return meta


READER = Reader("html", (".html", ".htm"), read)
