"""What one request may take of the server that publishes the database: memory, time, threads.

Anyone can send SQL to a public Datasette. Without limits one query such as
``select length(randomblob(1000000000))`` takes a gigabyte, and a handful of recursive
queries that run until the time limit occupy every SQL thread, so that the canned pages wait.

* Every connection caps the length of a string or blob (SQLite's SQLITE_LIMIT_LENGTH), and
  counts what a query hands back: a result over ``MAX_RESULT_BYTES`` is refused, before it is
  turned into a page.
* A response body over ``MAX_RESPONSE_BYTES`` is refused (a CSV streamed in pages is not one
  body, and passes).
* Arbitrary SQL (a ``sql`` or ``_where`` parameter) gets ``ARBITRARY_SQL_TIME_LIMIT_MS``
  rather than the ``sql_time_limit_ms`` of the canned queries and tables, and at most
  ``ARBITRARY_SQL_CONCURRENCY`` such requests run at once: with Datasette's
  ``num_sql_threads`` above that (serve.py), threads are always left for the other pages.
  A request that cannot start within ``ARBITRARY_SQL_WAIT_S`` gets 503.

The hooks look the limits up on this module when they run, so a test can lower one.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import weakref
from typing import Any
from urllib.parse import parse_qsl

from datasette import hookimpl

from .responses import ASGIApp, ResultTooLarge, error_response

# The longest article text is 1,000,000 characters (readers/limits.py): up to 4 MB of UTF-8.
MAX_VALUE_BYTES = 8_000_000
MAX_RESULT_BYTES = 10_000_000  # what one query returns, counted as characters and bytes
MAX_RESPONSE_BYTES = 30_000_000  # a JSON or HTML body; escaping can make it larger than the result

ARBITRARY_SQL_TIME_LIMIT_MS = 1000
ARBITRARY_SQL_CONCURRENCY = 2
ARBITRARY_SQL_WAIT_S = 10.0
ARBITRARY_SQL_PARAMETERS = frozenset({"sql", "_where"})

# The longest request target (path and query string) answered; longer gets 414, as from a web
# server in front (nginx's default is 8 KB). A query typed in the SQL box fits easily.
MAX_TARGET_BYTES = 16_384

# SQL functions that reach outside the database: fts3_tokenizer's two-argument form registers
# a tokenizer from a pointer, load_extension loads a shared library. Served SQL may not call them.
DENIED_FUNCTIONS = frozenset({"fts3_tokenizer", "load_extension"})


# Each of Datasette's connections reads the database through a memory map and keeps a page
# cache of its own: a page that reads 10,000 quotes by rowid then takes about half the time
# it takes through read() calls and SQLite's default 2 MB cache. The map is the operating
# system's page cache, shared by every connection; only the page caches add memory, at most
# CACHE_KIB per connection (Datasette opens num_sql_threads of them, serve.py).
MMAP_BYTES = 2**31
CACHE_KIB = 65_536


@hookimpl(specname="prepare_connection")
def limit_connection(conn: sqlite3.Connection) -> None:
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.set_authorizer(_authorize)
    conn.row_factory = _counted_row
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def _authorize(action: int, name: str | None, function: str | None, *_: Any) -> int:
    """Every statement is allowed but a call of a function in DENIED_FUNCTIONS."""
    if action == sqlite3.SQLITE_FUNCTION and (function or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


_fetching = threading.local()  # the cursor this thread is reading and what it has returned


def _counted_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> sqlite3.Row:
    """Datasette's row type (sqlite3.Row), after adding the row's size to its query's total."""
    if getattr(_fetching, "cursor", lambda: None)() is not cursor:
        _fetching.cursor, _fetching.size = weakref.ref(cursor), 0
    _fetching.size += sum(len(v) if isinstance(v, str | bytes) else 8 for v in row)
    if _fetching.size > MAX_RESULT_BYTES:
        raise ResultTooLarge(f"The result is over {MAX_RESULT_BYTES:,} bytes, the most this server "
                       "returns for one query: select fewer rows or columns")
    return sqlite3.Row(cursor, row)


@hookimpl(specname="asgi_wrapper")
def limit_requests(datasette: Any) -> Any:
    def wrap(app: ASGIApp) -> ASGIApp:
        arbitrary = asyncio.Semaphore(ARBITRARY_SQL_CONCURRENCY)

        async def limited(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            query = scope.get("query_string", b"")
            if len(scope.get("raw_path") or scope["path"].encode()) + len(query) > MAX_TARGET_BYTES:
                response = await error_response(
                    datasette, scope["path"][:200], 414, f"The URL is over {MAX_TARGET_BYTES:,} bytes, the "
                    "longest this server answers", title="URL too long")
                await response.asgi_send(send)
                return
            send = _capped(datasette, scope["path"], send)
            if not ARBITRARY_SQL_PARAMETERS & {key for key, _ in parse_qsl(query.decode("latin-1"))}:
                await app(scope, receive, send)
                return
            scope = dict(scope, query_string=_with_time_limit(query, ARBITRARY_SQL_TIME_LIMIT_MS))
            try:
                await asyncio.wait_for(arbitrary.acquire(), ARBITRARY_SQL_WAIT_S)
            except TimeoutError:
                response = await error_response(
                    datasette, scope["path"], 503, "Too many SQL queries are running: try again shortly",
                    headers={"Retry-After": "5"})
                await response.asgi_send(send)
                return
            try:
                await app(scope, receive, send)
            finally:
                arbitrary.release()

        return limited

    return wrap


def _with_time_limit(query: bytes, limit_ms: int) -> bytes:
    """The query string with ``_timelimit`` at most ``limit_ms``, the rest unchanged."""
    parts, limit = [], limit_ms
    for part in query.split(b"&"):
        key, _, value = part.partition(b"=")
        if key == b"_timelimit":
            if value.isdigit():
                limit = min(limit, int(value))
        elif part:
            parts.append(part)
    return b"&".join([*parts, b"_timelimit=%d" % limit])


def _capped(datasette: Any, path: str, send: Any) -> Any:
    """``send``, refusing a response whose body, sent whole, is over MAX_RESPONSE_BYTES."""
    held: dict[str, Any] = {}

    async def capped_send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            held.update(message)  # sent with the first part of the body
            return
        if message["type"] == "http.response.body" and held:
            start = dict(held)
            held.clear()
            if not message.get("more_body") and len(message.get("body", b"")) > MAX_RESPONSE_BYTES:
                response = await error_response(
                    datasette, path, 400, f"The response is over {MAX_RESPONSE_BYTES:,} bytes, the "
                    "most this server sends: select fewer rows or columns", title="Result too large")
                await response.asgi_send(send)
                return
            await send(start)
        await send(message)

    return capped_send
