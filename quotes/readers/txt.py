"""Plain-text articles: one per file, the text kept as it is; a first line that reads like one is the headline."""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO

from ..records import Article
from .article import make_article
from .registry import Reader, ReadError
from .text import decode, text_problem


def read(path: str, fh: BinaryIO) -> Iterator[Article | ReadError]:
    text = decode(path, fh.read())
    if isinstance(text, ReadError):
        yield text
    elif problem := text_problem(text):
        yield ReadError(path, None, problem)
    else:
        yield make_article(os.path.basename(path), text)


READER = Reader("txt", (".txt",), read)
