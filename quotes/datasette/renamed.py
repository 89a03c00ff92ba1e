"""Links that name a column by the name it had before a schema step renamed it keep working
for one release: a table page of the quotes table asked for with the old name is redirected
to the same page with the new one."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response

from ..store.renamed import RENAMED

OLD_NAMES = {old: new for new, old in RENAMED.items()}
QUOTES_TABLE = re.compile(r"^/[^/]+/quotes(?:\.json|\.csv)?$")
# Where a query string names a column: as a filter (name, name__op), or as the value of these.
NAMING_VALUES = frozenset({"_facet", "_sort", "_sort_desc", "_col", "_nocol", "_facet_array"})


def renamed(query: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The query with every old column name in its place of a filter or column argument renamed."""
    def new(name: str) -> str:
        column, _, op = name.partition("__")
        return OLD_NAMES.get(column, column) + (f"__{op}" if op else "")

    return [(key, OLD_NAMES.get(value, value)) if key in NAMING_VALUES else
            (key if key.startswith("_") else new(key), value) for key, value in query]


@hookimpl(specname="asgi_wrapper")
def redirect_old_column_names(datasette: Any) -> Any:
    """301 from ``/quotes/quotes?speaker_name=X`` to ``/quotes/quotes?name_in_article=X``."""

    def wrap(app: Any) -> Any:
        async def redirecting(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "http" and QUOTES_TABLE.match(scope["path"]):
                query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                if (new := renamed(query)) != query:
                    await Response.redirect(f"{scope['path']}?{urlencode(new)}", status=301).asgi_send(send)
                    return
            await app(scope, receive, send)

        return redirecting

    return wrap
