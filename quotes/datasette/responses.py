"""Error responses of the published database, shared by the hooks that answer a request
with an error (``errors.py``, ``budgets.py``) and kept apart from them so that neither
imports the other.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from datasette import Response
from datasette.utils import add_cors_headers

log = logging.getLogger("quotes.datasette")

ASGIApp = Callable[[dict[str, Any], Callable[..., Awaitable[Any]], Callable[..., Awaitable[Any]]],
                   Awaitable[None]]


class ResultTooLarge(sqlite3.DataError):
    """A query result over one of the limits in ``budgets.py``: a 400, not a server fault."""


async def error_response(datasette: Any, path: str, status: int, message: Any,
                         title: str | None = None, info: dict[str, Any] | None = None,
                         headers: dict[str, str] | None = None) -> Response:
    """An error as Datasette's default handler renders it: JSON for a .json path, else the
    error.html page."""
    info = {**(info or {}), "ok": False, "error": message, "status": status, "title": title}
    headers = dict(headers or {})
    if datasette.cors:
        add_cors_headers(headers)
    if path.endswith(".json"):
        return Response.json(info, status=status, headers=headers)
    try:
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        html = await template.render_async(dict(
            info, urls=datasette.urls, app_css_hash=datasette.app_css_hash(), menu_links=lambda: []))
    except Exception as error:  # never fail to answer: a template error gets the plain message
        log.error("error page for %s failed: %s", path, one_line(error))
        return Response.text(f"Error {status}: {message}", status=status, headers=headers)
    return Response.html(html, status=status, headers=headers)


def one_line(exception: BaseException, limit: int = 300) -> str:
    """``Type: message`` on one line, shortened to ``limit`` characters."""
    text = " ".join(f"{type(exception).__name__}: {exception}".split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
