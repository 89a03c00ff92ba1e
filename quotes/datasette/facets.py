"""Facets of the quotes table and quotes_view that stay fast on millions of quotes.

Datasette counts a column facet with a GROUP BY over every row of the page: over a million
quotes that is 100-150 ms a facet on an index and seconds through quotes_view's lookups.

* The whole quotes table or quotes_view: the counts come from ``quote_facet_counts``, which
  triggers keep current at every commit (``quotes.store.count_facets``), for every column a
  reader may facet by; quotes_view's speaker, outlet and speaker_kind are added up from the
  counts by id. This serves ``_facet=`` (Datasette's column facet, replaced here by
  :class:`QuotesColumnFacet`) as well as the ``counted`` facets of metadata.yml.
* A page narrowed by filters or a search: counted live when it has at most ``LIVE_LIMIT``
  rows (``SEARCH_LIVE_LIMIT`` matches of a search, which are read once for all the facets).
  A larger page, or a column without stored counts on the whole table, is not counted:
  Datasette lists such a facet under "facets_timed_out", and the page says why.

Datasette's column and date facets are replaced by these (a wrapper of the
``register_facet_classes`` hook); on other tables they are Datasette's own.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet, DateFacet, Facet
from datasette.utils import (
    escape_sqlite,
    path_with_added_args,
    path_with_removed_args,
    sqlite3,
    sqlite_timelimit,
)

from .table_search import TABLE, filters, only_a_search, search_matches, seekable

# Rows a page may have for its facets to be counted live. The four facets of the 28,719
# quotes of the most quoted speaker, read from an index that holds every facet column, take
# about 50 ms here; a search's matches are read by rowid, about 6 us each, once for all its
# facets: 60 ms for 10,000.
LIVE_LIMIT = 50_000
SEARCH_LIVE_LIMIT = 10_000

# quotes_view's columns that are the quotes table's own, counted under the same name.
VIEW_COLUMNS = frozenset({"type", "cue", "speaker_id", "speaker_mention", "role", "channel", "via",
                          "published", "group_id", "article_id"})
# quotes_view's names of speakers and outlets, added up from the counts of their ids. A
# name shared by two ids is one value, as the view's own GROUP BY makes it.
BY_NAME = """
select t.{label} as value, sum(c.count) as count
from quote_facet_counts c join {table} t on t.id = c.value
where c.facet = :facet and c.count > 0
group by t.{label} order by count desc, value limit :limit
"""
VIEW_SQL = {
    "speaker": BY_NAME.format(table="speakers", label="name"),
    "outlet": BY_NAME.format(table="outlets", label="name"),
    # A quote's kind is its speaker's, or the one the article gave for a quote without a
    # speaker (valid while every speaker has a kind: QuotesColumnFacet._stored_sql checks).
    "speaker_kind": """
        select value, sum(count) as count from (
          select s.kind as value, c.count from quote_facet_counts c join speakers s on s.id = c.value
          where c.facet = 'speaker_id' and c.count > 0
          union all
          select value, count from quote_facet_counts where facet = 'unattributed_kind' and count > 0
        ) group by value order by count desc, value limit :limit
    """,
}
VIEW_FACETS = {"speaker": "speaker_id", "outlet": "outlet_id", "speaker_kind": "speaker_id"}
STORED_SQL = ("select value, count from quote_facet_counts where facet = :facet and count > 0 "
              "order by count desc, value limit :limit")


class QuotesColumnFacet(ColumnFacet):
    """Datasette's column facet (``_facet=``), with stored counts for the whole quotes table
    and quotes_view and one live pass for a narrowed page; other tables as Datasette has it."""

    parameter = "_facet"

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        configs = [(c["config"].get("column") or c["config"]["simple"], c["source"]) for c in self.get_configs()]
        if not configs:
            return [], []
        if self.table not in ("quotes", "quotes_view"):
            return await super().facet_results()
        db = self.ds.get_database(self.database)
        facet_size = self.get_facet_size()
        found: dict[str, list[Any]] = {}
        if whole_page(self):
            for column, _ in configs:
                sql = await self._stored_sql(db, column)
                if sql is not None:
                    found[column] = (await db.execute(sql, {"facet": sql_facet(self.table, column),
                                                            "limit": facet_size + 1})).rows
        live = [column for column, _ in configs if column not in found]
        timed_out: list[str] = []
        if live:
            searched = any(key.startswith("_search") for key in self.request.args)
            if await rows_at_most(self, db, SEARCH_LIVE_LIMIT if searched else LIVE_LIMIT):
                counted, timed_out = await self._count_live(db, live, facet_size + 1)
                found.update(counted)
            else:
                timed_out = live
        results = []
        for column, source in configs:
            if column in found:
                results.append(await self._result(column, source, found[column], facet_size))
        return results, timed_out

    async def _stored_sql(self, db: Any, column: str) -> str | None:
        """The query reading the stored counts of ``column`` over every row, if there are any."""
        if not hasattr(self, "_kept"):
            self._kept = await kept_facets(db, self.table, self.row_count)
        counted = self._kept
        facet = sql_facet(self.table, column)
        if facet is None or facet not in counted:
            return None
        if self.table == "quotes" or column in VIEW_COLUMNS:
            return STORED_SQL
        if column == "speaker_kind" and "unattributed_kind" not in counted:
            return None
        if column == "speaker_kind" and (await db.execute(
                "select 1 from speakers where kind is null limit 1")).rows:
            return None
        return VIEW_SQL[column]

    async def _count_live(self, db: Any, columns: list[str], limit: int) -> tuple[dict[str, list[Any]], list[str]]:
        """The counts of each column over the page's rows, and the columns that timed out.

        A search's matches are read by rowid: one pass reads the columns of them all and
        they are counted here (four GROUP BYs would read every match four times). Other pages
        are counted as Datasette counts them, a GROUP BY a column, which an index holding the
        filter's column and the facet's answers without reading a quote."""
        time_limit = self.ds.setting("facet_time_limit_ms")
        found: dict[str, list[Any]] = {}
        if any(key.startswith("_search") for key in self.request.args):
            sql = f"select {', '.join(escape_sqlite(c) for c in columns)} from ({seekable(self.sql)})"

            def count(conn: sqlite3.Connection) -> list[Counter[Any]]:
                # Plain tuples, counted column by column: Datasette's rows would take longer.
                cursor = conn.cursor()
                cursor.row_factory = None
                with sqlite_timelimit(conn, time_limit):
                    rows = cursor.execute(sql, self.params).fetchall()
                counters = [Counter(values) for values in zip(*rows, strict=True)] or [Counter() for _ in columns]
                for counter in counters:
                    counter.pop(None, None)
                return counters

            try:
                counters = await db.execute_fn(count)
            except sqlite3.OperationalError:  # interrupted: over facet_time_limit_ms
                return {}, columns
            for column, counts in zip(columns, counters, strict=True):
                ranked = sorted(counts.items(), key=lambda item: (-item[1], sqlite_order(item[0])))
                found[column] = [{"value": value, "count": count} for value, count in ranked[:limit]]
            return found, []
        timed_out = []
        for column in columns:
            sql = (f"select {escape_sqlite(column)} as value, count(*) as count from ({self.sql}) "
                   f"where {escape_sqlite(column)} is not null group by {escape_sqlite(column)} "
                   f"order by count desc, value limit {limit}")
            try:
                found[column] = (await db.execute(sql, self.params, truncate=False,
                                                  custom_time_limit=time_limit)).rows
            except QueryInterrupted:
                timed_out.append(column)
        return found, timed_out

    async def _result(self, column: str, source: str, rows: list[Any], facet_size: int) -> dict[str, Any]:
        """One facet as Datasette's column facet gives it."""
        qs_pairs = self.get_querystring_pairs()
        shown = rows[:facet_size]
        labels = await self.ds.expand_foreign_keys(self.database, self.table, column, [r["value"] for r in shown])
        column_qs = f"{column}__exact" if column.startswith("_") else column
        values = []
        for row in shown:
            selected = (column_qs, str(row["value"])) in qs_pairs
            toggle = (path_with_removed_args(self.request, {column_qs: str(row["value"])}) if selected
                      else path_with_added_args(self.request, {column_qs: row["value"]}))
            values.append({
                "value": row["value"],
                "label": labels.get((column, row["value"]), row["value"]),
                "count": row["count"],
                "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                "selected": selected,
            })
        return {
            "name": column,
            "type": "column",  # shown as a plain column facet
            "hideable": source != "metadata",
            "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {self.parameter: column})),
            "results": values,
            "truncated": len(rows) > facet_size,
        }


class QuotesDateFacet(DateFacet):
    """Datasette's date facet (``_facet_date=``): the dates of the whole quotes table or
    quotes_view are added up from the stored counts of ``published``; a narrowed page is
    counted as Datasette counts it, up to the same limits as the column facets."""

    sql: str  # Datasette's SQL of the page, set by Facet.__init__

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        configs = [(c["config"].get("column") or c["config"]["simple"], c["source"]) for c in self.get_configs()]
        if not configs or self.table not in ("quotes", "quotes_view"):
            return await super().facet_results()
        db = self.ds.get_database(self.database)
        stored: list[tuple[str, str]] = []
        if whole_page(self):
            kept = await kept_facets(db, self.table, self.row_count)
            stored = [(column, source) for column, source in configs if column == "published" and column in kept]
        live = [column for column, source in configs if (column, source) not in stored]
        if live:
            searched = any(key.startswith("_search") for key in self.request.args)
            limit = SEARCH_LIVE_LIMIT if searched else LIVE_LIMIT
            if await rows_at_most(self, db, limit):
                self.sql = seekable(self.sql)  # every match is read: by rowid
                return await super().facet_results()
        facet_size = self.get_facet_size()
        results = []
        for column, source in stored:
            rows = (await db.execute(
                "select date(value) as value, sum(count) as count from quote_facet_counts "
                "where facet = :facet and count > 0 and date(value) is not null "
                "group by date(value) order by count desc, value limit :limit",
                {"facet": column, "limit": facet_size + 1})).rows
            results.append({
                "name": column,
                "type": self.type,
                "results": [{
                    "value": row["value"],
                    "label": row["value"],
                    "count": row["count"],
                    "toggle_url": self.ds.absolute_url(
                        self.request, path_with_added_args(self.request, {f"{column}__date": row["value"]})),
                    "selected": False,
                } for row in rows[:facet_size]],
                "hideable": source != "metadata",
                "toggle_url": path_with_removed_args(self.request, {"_facet_date": column}),
                "truncated": len(rows) > facet_size,
            })
        return results, live


class CountedFacet(QuotesColumnFacet):
    """``{counted: column}`` in metadata.yml: the default facets of the quotes table. They
    are column facets (see QuotesColumnFacet); the type of their own keeps the URLs that turn
    them on and off, ``_facet_counted=``."""

    type = "counted"
    parameter = "_facet_counted"


def whole_page(facet: Facet) -> bool:
    """Whether the facet's page shows every row: Datasette's SQL then ends at the table's name.
    A later page of the whole table is one too: Datasette adds its cursor (``_next``) to the
    SQL, but the facets describe the table, the same on every page."""
    if not facet.params and facet.sql.rstrip().endswith(f" from {escape_sqlite(facet.table)}"):
        return True
    return "_next" in facet.request.args and not filters(facet.request)


async def rows_at_most(facet: Facet, db: Any, limit: int) -> bool:
    """Whether the facet's page has at most ``limit`` rows."""
    if facet.row_count is not None:
        return bool(facet.row_count <= limit)
    if facet.table == TABLE and only_a_search(facet.request):  # an uncounted search: see table_search.py
        matches = await search_matches(facet.ds, facet.request, facet.database)
        if matches is not None:
            return matches <= limit
    try:
        rows = await db.execute(f"select count(*) from (select 1 from ({seekable(facet.sql)}) limit {limit + 1})",
                                facet.params, custom_time_limit=facet.ds.setting("facet_time_limit_ms"))
    except QueryInterrupted:
        return False
    return bool(rows.rows[0][0] <= limit)


def sqlite_order(value: Any) -> tuple[int, Any]:
    """A sort key that orders values as SQLite does: numbers, then text, then blobs."""
    if isinstance(value, int | float):
        return (0, value)
    return (1, value) if isinstance(value, str) else (2, value)


def sql_facet(table: str, column: str) -> str | None:
    """The name a column of ``table`` is counted under in quote_facet_counts."""
    if table == "quotes":
        return column
    if column in VIEW_COLUMNS:
        return column
    if column == "speaker_kind":
        return "speaker_id"  # with unattributed_kind
    return VIEW_FACETS.get(column)


async def kept_facets(db: Any, table: str, row_count: int | None) -> set[str]:
    """The facets quote_facet_counts holds current counts of, for the whole table."""
    try:
        rows = (await db.execute("select value from meta where key = 'facet_counts'")).rows
    except sqlite3.OperationalError:  # not a quotes database, or one made before the counts
        return set()
    if not rows:
        return set()
    counted = json.loads(rows[0][0])
    if counted.get("kept_current"):
        return set(counted.get("facets") or [])
    # Counts made at the last refresh (a database of an earlier version, not opened by this one
    # since): current while the quotes table has as many rows as were counted.
    if table == "quotes" and row_count is not None and counted.get("quotes") == row_count:
        return set(counted.get("facets") or [])
    return set()


REPLACED = {ColumnFacet: QuotesColumnFacet, DateFacet: QuotesDateFacet}


@hookimpl(hookwrapper=True, specname="register_facet_classes")
def replace_column_facet() -> Any:
    """Datasette's column and date facets are replaced by QuotesColumnFacet and
    QuotesDateFacet, which are the same on other tables."""
    outcome = yield
    outcome.force_result([[REPLACED.get(klass, klass) for klass in classes] for classes in outcome.get_result()])
