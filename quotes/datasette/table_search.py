"""The quotes table page of a search for a word that many quotes hold.

Datasette filters a search with ``rowid in (select rowid from quotes_fts where quotes_fts
match ...)``, which SQLite plans as if it matched 25 quotes: it reads every match by rowid,
sorts them all by date for the first page, then reads them all again to count them. For a
word in 1 quote in 10 of a million that is 100,000 rows read twice, about 300 ms, before any
facet. When a search is the page's only filter and matches more than ``WALK_FROM`` quotes:

* the page count comes from the full-text index alone, which holds one row per quote (its
  triggers keep it so): exact, in a few milliseconds. The HTML page's own count is turned off,
  as ``_nocount=1`` would turn it off, without changing the URLs the page links to;
* where the page is not counted (that HTML page, ``_nocount=1``, ``_shape=array``) and its
  sort column leads an index (the date, by default), the filter is written ``+rowid in
  (...)``: SQLite cannot look rowids up through that, so it walks the index from the first
  row and keeps the matches, and the first 25 of 100,000 matches are found after about 250
  index entries;
* the facets are counted live up to ``facets.SEARCH_LIVE_LIMIT`` matches (facets.py).

A search with other filters, a search of one column (``_search_quote=``) and a search that
matches few quotes go Datasette's way. ``quotes_view``, one row per quote searched through the
same index, is walked the same way where it is not counted (``_shape=array``, ``_nocount=1``);
its HTML page is counted as Datasette counts it.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import await_me_maybe
from datasette.utils.asgi import Request

TABLE = "quotes"
FTS_TABLE = "quotes_fts"
# The tables whose ?_search= is quotes_fts, one row per quote (quotes_view carries the quote's
# rowid); the HTML page of a search with many matches is uncounted on the quotes table only.
SEARCHED = frozenset({TABLE, "quotes_view"})
# Matches from which walking the sort index, keeping the matches, beats reading every match and
# sorting them: here and on the search page (``search_box.py``).
WALK_FROM = 5_000

# Datasette's filter for ?_search= on the quotes table (both search modes), and ours.
SEARCH_CLAUSES = tuple(f"rowid in (select rowid from {FTS_TABLE} where {FTS_TABLE} match {match})"
                       for match in ("escape_fts(:search)", ":search"))
WALKED = "+"
SCOPE_KEY = "quotes.search_matches"
OTHER_FILTERS = frozenset({"_where", "_fts_table", "_fts_pk"})


def seekable(sql: str) -> str:
    """``sql`` with the search filter that looks rowids up, for a query over every match."""
    for clause in SEARCH_CLAUSES:
        sql = sql.replace(WALKED + clause, clause)
    return sql


def filters(request: Request, search: bool = True) -> list[str]:
    """The arguments of a table page that narrow its rows (``search``: ``_search`` included)."""
    return [key for key in request.args if not key.startswith("_") or "__" in key or key in OTHER_FILTERS
            or key.startswith("_search_") or (search and key == "_search")]


def only_a_search(request: Request) -> bool:
    """Whether ``?_search=`` is the only filter of the page."""
    return bool(request.args.get("_search")) and not filters(request, search=False)


def uncounted(request: Request) -> bool:
    """Whether Datasette does not count the page's rows."""
    return bool(request.args.get("_nocount")) or request.args.get("_shape") in ("array", "object")


async def search_matches(datasette: Any, request: Request, database: str, table: str = TABLE) -> int | None:
    """How many quotes the page's ``_search`` matches, read from the full-text index; None for
    a database without it or a search the index refuses (Datasette reports that itself)."""
    found = request.scope.get(SCOPE_KEY)
    if found is not None:
        return found[0]
    db = datasette.get_database(database)
    metadata = datasette.table_metadata(database, table)
    mode = request.args.get("_searchmode")
    raw = mode == "raw" or (metadata.get("searchmode") == "raw" and mode != "escaped")
    if (metadata.get("fts_table") or FTS_TABLE) != FTS_TABLE:
        count = None
    else:
        try:
            count = (await db.execute(
                f"select count(*) from {FTS_TABLE} where {FTS_TABLE} match "
                f"{':search' if raw else 'escape_fts(:search)'}", {"search": request.args["_search"]})).rows[0][0]
        except Exception:  # no such table, or a raw search FTS5 cannot parse
            count = None
    request.scope[SCOPE_KEY] = (count,)
    return count


async def sorted_by_an_index(datasette: Any, request: Request, database: str, table: str = TABLE) -> bool:
    """Whether the page is sorted by a column that leads an index of the quotes table (of
    quotes_view: the quote's column of that name), which SQLite can walk from the first row
    (another sort reads and sorts every row)."""
    metadata = datasette.table_metadata(database, table)
    column = (request.args.get("_sort") or request.args.get("_sort_desc")
              or metadata.get("sort") or metadata.get("sort_desc") or "id")
    rows = (await datasette.get_database(database).execute(
        f"select 1 from pragma_index_list('{TABLE}') as l, pragma_index_info(l.name) as i "
        "where i.seqno = 0 and i.name = :column limit 1", {"column": column})).rows
    return bool(rows)


async def many_matches(datasette: Any, request: Request, database: str, table: str) -> bool:
    if table not in SEARCHED or not only_a_search(request):
        return False
    count = await search_matches(datasette, request, database, table)
    return count is not None and count > WALK_FROM


# The value of the _nocount this module gives a page. The page's filter form repeats it as a
# hidden field, so the next page, whatever it is, gets it back: it is dropped from there.
UNCOUNTED = b"_nocount=index"


class _Uncounted(Request):
    """The request as the table view reads its arguments, with ``_nocount``. The URLs the
    page links to are made from the query string, which is left as it is."""

    @property
    def args(self) -> Any:
        args = super().args
        return type(args)({**args._data, "_nocount": [UNCOUNTED.decode().partition("=")[2]]})


async def quotes_table(datasette: Any, request: Request, send: Any) -> Any:
    """The table view of the quotes table (every format), uncounted for an HTML page of a
    search with many matches: its count comes from ``count_from_the_index``."""
    from datasette.views.table import TableView

    query = request.scope.get("query_string") or b""
    if UNCOUNTED in query.split(b"&"):
        query = b"&".join(part for part in query.split(b"&") if part != UNCOUNTED)
        request = Request(dict(request.scope, query_string=query), request.receive)
    if (request.url_vars.get("format") is None and not uncounted(request)
            and await many_matches(datasette, request, request.url_vars["database"], request.url_vars["table"])):
        request = _Uncounted(request.scope, request.receive)
    return await TableView.as_view(datasette)(request, send)


ROUTE = (r"^/(?P<database>[^\/\.]+)/(?P<table>" + TABLE + r")(\.(?P<format>\w+))?$", quotes_table)


@hookimpl(specname="filters_from_request")
def count_from_the_index(request: Request, database: str, table: str, datasette: Any) -> Any:
    """The count an uncounted HTML page of a search shows: the matches in the full-text index."""

    async def inner() -> FilterArguments | None:
        if table not in SEARCHED or not uncounted(request) or not only_a_search(request):
            return None
        count = await search_matches(datasette, request, database, table)
        if count is None:
            return None
        return FilterArguments([], extra_context={"filtered_table_rows_count": count})

    return inner


@hookimpl(hookwrapper=True, specname="filters_from_request")
def walk_the_sort_index(request: Request, database: str, table: str, datasette: Any) -> Any:
    """Datasette's search filter, written so that SQLite walks the sort index, on an
    uncounted page of a search with many matches."""
    outcome = yield
    if table not in SEARCHED:
        return

    def walked(result: Any) -> Any:
        async def inner() -> Any:
            arguments = await await_me_maybe(result)
            if arguments is None or not any(c in SEARCH_CLAUSES for c in arguments.where_clauses):
                return arguments
            if (uncounted(request) and await many_matches(datasette, request, database, table)
                    and await sorted_by_an_index(datasette, request, database, table)):
                arguments.where_clauses = [WALKED + c if c in SEARCH_CLAUSES else c
                                           for c in arguments.where_clauses]
            return arguments

        return inner

    outcome.force_result([walked(result) for result in outcome.get_result()])

