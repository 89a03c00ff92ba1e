"""Articles from the web: pages, RSS and Atom feeds, sitemaps, fetched politely and incrementally.

:mod:`.fetch` makes the requests, :mod:`.feeds` reads feeds and sitemaps, :mod:`.crawl` turns
sources into articles, :mod:`.watch` follows them round after round.
"""
from __future__ import annotations

import os
from collections.abc import Iterable

from .crawl import Counts, Crawl, canonical
from .fetch import USER_AGENT, Options

__all__ = ["Counts", "Crawl", "Options", "USER_AGENT", "canonical", "is_url", "split_sources"]

MAX_LIST_BYTES = 1_000_000  # a list of URLs longer than this is an article, not a list


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def split_sources(sources: Iterable[str]) -> tuple[list[str], list[str]]:
    """(files and directories, URLs): a text file whose every line is a URL counts as its URLs."""
    paths, urls = [], []
    for source in sources:
        listed = url_list(source)
        if is_url(source):
            urls.append(source)
        elif listed is not None:
            urls += listed
        else:
            paths.append(source)
    return paths, urls


def url_list(path: str) -> list[str] | None:
    """The URLs a text file lists, one a line ("#" comments and blank lines allowed), or None."""
    if not path.lower().endswith((".txt", ".urls")) or not os.path.isfile(path):
        return None
    if os.path.getsize(path) > MAX_LIST_BYTES:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            lines = [line.strip() for line in fh if line.strip() and not line.lstrip().startswith("#")]
    except (OSError, UnicodeDecodeError):
        return None
    return lines if lines and all(is_url(line) and " " not in line for line in lines) else None
