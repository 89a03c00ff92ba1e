"""The ``counted`` facet: column facets of the quotes table that read stored counts."""

from __future__ import annotations

import json
from typing import Any

from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args, sqlite3


class CountedFacet(ColumnFacet):
    """``{counted: column}`` in metadata.yml: a column facet of the quotes table that takes
    the counts over all quotes from ``quote_facet_counts``, which ``quotes.store.refresh``
    writes, instead of counting a million rows on every page view. A filtered or searched
    page is counted live as usual (the indexes cover one speaker's or outlet's quotes), and
    so is the whole table when it has changed since the counts were made."""

    type = "counted"

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        columns = [c["config"].get("column") or c["config"]["simple"] for c in self.get_configs()]
        if not await self._counts_are_current(columns):
            results, timed_out = await super().facet_results()
            return [{**result, "type": "column"} for result in results], timed_out
        db = self.ds.get_database(self.database)
        facet_size = self.get_facet_size()
        results = []
        for column in columns:
            rows = (
                await db.execute(
                    "select value, count from quote_facet_counts where facet = ? "
                    "order by count desc, value limit ?",
                    [column, facet_size + 1],
                )
            ).rows
            labels = await self.ds.expand_foreign_keys(
                self.database, self.table, column, [row["value"] for row in rows[:facet_size]]
            )
            results.append(
                {
                    "name": column,
                    "type": "column",  # shown as a plain column facet
                    "hideable": False,
                    "toggle_url": self.ds.urls.path(
                        path_with_removed_args(self.request, {"_facet_counted": column})
                    ),
                    "results": [
                        {
                            "value": row["value"],
                            "label": labels.get((column, row["value"]), row["value"]),
                            "count": row["count"],
                            "toggle_url": self.ds.absolute_url(
                                self.request,
                                self.ds.urls.path(path_with_added_args(self.request, {column: row["value"]})),
                            ),
                            "selected": False,
                        }
                        for row in rows[:facet_size]
                    ],
                    "truncated": len(rows) > facet_size,
                }
            )
        return results, []

    async def _counts_are_current(self, columns: list[str]) -> bool:
        """Whether this page shows the whole quotes table and the stored counts describe it."""
        # Datasette's SQL for a page without filters or search ends at the table name.
        if self.table != "quotes" or self.params or self.row_count is None:
            return False
        if not self.sql.rstrip().endswith(f" from {escape_sqlite(self.table)}"):
            return False
        try:
            rows = (
                await self.ds.get_database(self.database).execute(
                    "select value from meta where key = 'facet_counts'"
                )
            ).rows
        except sqlite3.OperationalError:  # a database made before the counts were kept
            return False
        if not rows:
            return False
        counted = json.loads(rows[0][0])
        return bool(counted["quotes"] == self.row_count and set(columns) <= set(counted["facets"]))
