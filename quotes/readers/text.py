"""Bytes to article text, and the checks every format's text must pass, whatever its source."""
from __future__ import annotations

import re

from . import limits
from .registry import ReadError


def decode(path: str, data: bytes) -> str | ReadError:
    """Text from a whole file's bytes, or why it is not a readable text file."""
    if b"\0" in data[:8192]:
        return ReadError(path, None, "binary file, not text (NUL bytes)")
    try:
        text = clean(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        return ReadError(path, None, not_utf8(e, 0))
    return text if text.strip() else ReadError(path, None, "file is empty")


def not_utf8(e: UnicodeDecodeError, offset: int) -> str:
    return f"not UTF-8 text (invalid byte 0x{e.object[e.start]:02x} at offset {offset + e.start})"


SURROGATE = re.compile("[\ud800-\udfff]")


def not_unicode(value: str) -> str | None:
    """Why a decoded string is not text, or None: JSON's "\\ud800" escapes decode to lone
    surrogates, which no UTF-8 encoder (hashing, the tokenizer, SQLite) accepts."""
    found = SURROGATE.search(value)
    if found is None:
        return None
    return f"lone surrogate \\u{ord(found.group()):04x} at offset {found.start()} (not valid Unicode text)"


def clean(text: str) -> str:
    """Strip a BOM, normalise newlines, and blank out control characters.

    Control characters (other than newline and tab) break terminals, JSON consumers and the
    tokenizer; each becomes a single space so the text keeps its length and offsets into it
    stay valid for anyone comparing against the stored text.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", text)


PROSE_CHECK_CHARS = 10_000  # a text this long is checked for letters: a page of marks is no article
MIN_LETTERS = 0.3  # news prose is about 80% letters, a table of figures 40%


def text_problem(text: str) -> str | None:
    """Why a text cannot be an article's, or None: bounded size keeps parsing bounded."""
    if len(text) > limits.MAX_TEXT_CHARS:
        return f"text is longer than {limits.MAX_TEXT_CHARS:,} characters"
    run = re.search(rf"\S{{{limits.MAX_WORD_CHARS + 1},}}", text)
    if run:
        return (f"text has {run.end() - run.start():,} characters without a space at offset "
                f"{run.start()}: not prose")
    if len(text) > PROSE_CHECK_CHARS:
        visible = len(text) - sum(map(len, re.findall(r"\s+", text)))
        letters = sum(map(len, re.findall(r"[^\W\d_]+", text)))
        if letters < MIN_LETTERS * visible:
            return f"text is not prose (only {letters / max(visible, 1):.0%} of its characters are letters)"
    return None
