"""JSON Lines: one article per line, as an object with "text" and optional metadata.

The file is streamed, so only one line need fit in memory, and a bad line is reported while
the rest are still read.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import BinaryIO

from ..records import Article
from . import limits
from .article import make_article
from .registry import Reader, ReadError
from .text import clean, not_unicode, not_utf8, text_problem


def sniff(data: bytes) -> bool:
    """Stdin is JSONL when every non-empty line is an object; one other line makes it prose."""
    lines = [line.strip() for line in data.splitlines() if line.strip()]
    return bool(lines) and all(line.removeprefix(b"\xef\xbb\xbf").startswith(b"{") for line in lines)


def read(path: str, fh: BinaryIO) -> Iterator[Article | ReadError]:
    head = fh.read(8192)
    if b"\0" in head:
        yield ReadError(path, None, "binary file, not text (NUL bytes)")
        return
    fh.seek(0)
    base, offset, lineno, records = os.path.basename(path), 0, 0, 0
    while raw := fh.readline(limits.MAX_BYTES + 1):
        lineno += 1
        start, offset = offset, offset + len(raw)
        if len(raw) > limits.MAX_BYTES and not raw.endswith(b"\n"):
            while (chunk := fh.readline(1 << 20)) and not chunk.endswith(b"\n"):
                offset += len(chunk)
            offset += len(chunk)
            yield ReadError(path, lineno, f"line is longer than {limits.MAX_BYTES:,} bytes")
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw, start = raw[3:], 3
        if not raw.strip():
            continue
        records += 1
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield ReadError(path, lineno, not_utf8(e, start))
            continue
        yield _parse_record(path, lineno, f"{base}:{lineno}", line)
    if not records:
        yield ReadError(path, None, "file is empty")


def _parse_record(path: str, lineno: int, name: str, line: str) -> Article | ReadError:
    def error(message: str) -> ReadError:
        return ReadError(path, lineno, message)

    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return error(f"invalid JSON ({e.msg})")
    except RecursionError:
        return error("invalid JSON (nested too deeply)")
    except ValueError:  # Python's limit on integer digits
        return error("invalid JSON (number too long)")
    if not isinstance(record, dict):
        return error(f"expected a JSON object, got {_json_type(record)}")
    for key in ("text", "title", "url", "outlet", "published", "author"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return error(f'"{key}" must be a string, got {_json_type(record[key])}')
    for key in ("id", "name"):
        value = record.get(key)
        if value is not None and (not isinstance(value, (str, int)) or isinstance(value, bool)):
            return error(f'"{key}" must be a string or integer, got {_json_type(value)}')
    for key in ("text", "title", "url", "outlet", "published", "author", "id", "name"):
        if isinstance(record.get(key), str) and (problem := not_unicode(record[key])):
            return error(f'"{key}": {problem}')
    for key in ("title", "url", "outlet", "published", "author", "id", "name"):
        limit = limits.MAX_FIELD_CHARS["id" if key == "name" else key]
        if len(value := str(record.get(key) or "")) > limit:
            return error(f'"{key}" is longer than {limit:,} characters ({len(value):,})')
    if "text" not in record:
        return error('missing "text"')
    text = clean(record["text"] or "")
    if not text.strip():
        return error('"text" is empty')
    problem = text_problem(text)
    if problem:
        return error(f'"text": {problem}')
    given = next((record[k] for k in ("id", "name") if record.get(k) not in (None, "")), None)
    return make_article(
        name if given is None else str(given),
        text,
        title=record.get("title") or None,
        url=record.get("url") or None,
        outlet=(record.get("outlet") or "").strip() or None,
        published=record.get("published"),
        author=record.get("author") or None,
    )


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


READER = Reader("jsonl", (".jsonl",), read, sniff=sniff, streams=True)
