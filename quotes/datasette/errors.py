"""Error pages and error logging of the published database.

Datasette's own exception handler prints every error, a 404 or a refused ``delete`` as much
as a real fault, as a traceback with the local variables of every frame: some 40 KB of log,
printed on the event loop, so that a burst of refused requests holds up every other page. It
is replaced by ``handle_exception`` below, which renders the same error pages (made in
``responses.py``) and logs one line for a server fault only; a refused request is the line of
the access log.

Datasette also answers some requests that are the client's mistake with 500 (an unknown
``_sort`` column, a POST to a canned query that does not write): these get 400 and 405.
"""

from __future__ import annotations

import logging
import pdb
import re
import sqlite3
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO
from urllib.parse import parse_qsl

from datasette import Response, hookimpl
from datasette.utils import tilde_decode
from datasette.utils.asgi import Base400
from datasette.views.base import DatasetteError
from markupsafe import Markup

from . import budgets
from .responses import ASGIApp, ResultTooLarge, error_response, log, one_line

DEFAULT_HANDLER = "datasette.handle_exception"  # the plugin name of Datasette's handler

# Datasette errors raised with the default status 500 that are a bad request.
CLIENT_ERRORS = re.compile(r"Cannot sort table by |Cannot use _sort and _sort_desc|Invalid _through")

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def classify(exception: BaseException) -> tuple[int, Any, str | None, dict[str, Any]]:
    """The status, message, title and extra JSON fields of the page for ``exception``."""
    if isinstance(exception, Base400):
        return exception.status, exception.args[0] if exception.args else "", None, {}
    if isinstance(exception, DatasetteError):
        status = exception.status
        if status == 500 and CLIENT_ERRORS.match(str(exception.message)):
            status = 400
        message = Markup(exception.message) if exception.message_is_html else exception.message
        return status, message, exception.title, dict(exception.error_dict)
    if isinstance(exception, ResultTooLarge):
        return 400, str(exception), "Result too large", {}
    if isinstance(exception, sqlite3.DataError) and "too big" in str(exception):
        return 400, (f"A value in the result is over {budgets.MAX_VALUE_BYTES:,} bytes, "
                     "the longest this server returns"), "Result too large", {}
    return 500, str(exception), None, {}


@hookimpl(specname="startup")
def replace_default_handler(datasette: Any) -> None:
    """Unregister Datasette's handler, which would print its traceback after ours answered.
    (At startup: importing datasette.plugins while this plugin loads would start the loading
    of plugins over again.)"""
    from datasette.plugins import pm

    pm.set_blocked(DEFAULT_HANDLER)


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: BaseException) -> Callable[[], Awaitable[Response]]:
    async def inner() -> Response:
        if datasette.pdb:
            pdb.post_mortem(exception.__traceback__)
        status, message, title, info = classify(exception)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.path, one_line(exception))
        return await error_response(datasette, request.path, status, message, title, info)

    return inner


@hookimpl(specname="asgi_wrapper")
def refuse_bad_requests(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    """405 for a POST (PUT, PATCH, DELETE) to a table, view or canned query that does not
    write, and 400 for a ``_timelimit`` that is not a number of milliseconds: Datasette
    answers both with 500."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def refusing(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                refusal = await _refusal(datasette, scope)
                if refusal is not None:
                    await refusal.asgi_send(send)
                    return
            await app(scope, receive, send)

        return refusing

    return wrap


async def _refusal(datasette: Any, scope: dict[str, Any]) -> Response | None:
    path = scope["path"]
    if scope["method"] not in READ_METHODS and not await _takes_post(datasette, path):
        return await error_response(datasette, path, 405, f"{scope['method']} is not allowed here: "
                                    "this database is read-only", headers={"Allow": "GET, HEAD"})
    facets = []
    for key, value in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True):
        if key == "_timelimit" and not (value.isascii() and value.isdigit()):
            return await error_response(datasette, path, 400,
                                        "_timelimit must be a whole number of milliseconds")
        if key in FACET_PARAMETERS:
            facets.append((key, value))
    if facets and (unknown := await _unknown_facet(datasette, path, facets)):
        return await error_response(datasette, path, 400, unknown, title="Invalid facet")
    return None


# Datasette makes the coroutine of every facet before running them one by one: the first that
# fails (a column that does not exist) leaves the others never awaited, a warning each in the
# log. A facet of no column is refused before Datasette gets there.
FACET_PARAMETERS = frozenset({"_facet", "_facet_date", "_facet_array"})


async def _unknown_facet(datasette: Any, path: str, facets: list[tuple[str, str]]) -> str | None:
    """Why a facet of the table or view at ``path`` names no column of it, or None."""
    page = _database_page(datasette, path)
    if page is None:
        return None
    database, name = page
    table = tilde_decode(name.rsplit(".", 1)[0] if name.endswith((".json", ".csv")) else name)
    if table not in await database.table_names() and table not in await database.view_names():
        return None
    columns = set(await database.table_columns(table))
    for key, column in facets:
        if column not in columns and not column.startswith("{"):  # "{...}": a facet's JSON config
            return f"{key}={column[:100]}: {table} has no such column"
    return None


async def _takes_post(datasette: Any, path: str) -> bool:
    """False for a table, view or canned query that does not write (``/database/name``):
    the only page under a database Datasette takes a POST at is a canned query that writes.
    Other paths are left to Datasette (an unknown database gets its 404)."""
    page = _database_page(datasette, path)
    if page is None:
        return True
    database, name = page
    query = await datasette.get_canned_query(database.name, tilde_decode(name.split(".")[0]), None)
    return bool(query and query.get("write"))


def _database_page(datasette: Any, path: str) -> tuple[Any, str] | None:
    """The database and the page name (still encoded, with any format suffix) of a path
    ``/database/name``; None for any other path, or a database not served."""
    parts = path.strip("/").split("/")
    if len(parts) != 2 or parts[0] == "-":
        return None
    try:
        return datasette.get_database(route=tilde_decode(parts[0])), parts[1]
    except KeyError:
        return None


class WithoutSqlErrorLines:
    """A stream (stderr) that drops the line Datasette writes for every SQL error, which
    repeats the statement, however long: the error goes back to the client in the response."""

    PREFIX = "ERROR: conn=<sqlite3.Connection"

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        if text.startswith(self.PREFIX):
            return len(text)
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class ShortRequestLines(logging.Filter):
    """Cuts the path of an access log line to ``LIMIT`` characters: a client that sends a URL
    of 100 KB gets one short line, not 100 KB of log."""

    LIMIT = 300

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) == 5:  # uvicorn's access line
            client, method, path, version, status = record.args
            if isinstance(path, str) and len(path) > self.LIMIT:
                record.args = (client, method, path[:self.LIMIT] + "…", version, status)
        return True


@contextmanager
def server_log() -> Iterator[None]:
    """While serving: server faults logged on stderr, one line each in the style of the access
    log, and without Datasette's own line for every SQL error."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:    %(message)s"))
    level, propagate, stderr = log.level, log.propagate, sys.stderr
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    sys.stderr = WithoutSqlErrorLines(stderr)
    access, short = logging.getLogger("uvicorn.access"), ShortRequestLines()
    access.addFilter(short)
    try:
        yield
    finally:
        access.removeFilter(short)
        sys.stderr = stderr
        log.removeHandler(handler)
        log.setLevel(level)
        log.propagate = propagate
