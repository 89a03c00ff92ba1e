"""Publish the quotes database with Datasette.

``metadata.yml`` (at the repository root) describes the tables, facets and
canned queries. This module is also a Datasette plugin: it shows every quote
inside its sentence with the quoted words highlighted, and links speakers and
articles, because a machine-made attribution is only useful if a reader can
check it against the article it came from.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml
from datasette import hookimpl
from datasette.database import Database
from datasette.facets import ColumnFacet
from datasette.utils import (
    escape_sqlite,
    path_with_added_args,
    path_with_removed_args,
    sqlite3,
    tilde_encode,
)
from markupsafe import Markup

# Datasette names a database after its file, and metadata.yml describes "quotes".
DATABASE = "quotes"

SETTINGS: dict[str, int] = {
    "sql_time_limit_ms": 3000,
    "default_page_size": 50,
    "facet_time_limit_ms": 1000,
    "max_returned_rows": 1000,
    # Suggesting facets runs a query per column over the whole table: seconds on a
    # million quotes. The useful facets are set in metadata.yml instead.
    "suggest_facets": False,
}

# Where render_cell finds the quote id: table rows carry it as "id", canned and
# custom SQL queries opt in by selecting it as "quote_id".
QUOTE_ID_COLUMN = {"quotes": "id", "quotes_view": "id", None: "quote_id"}

# The sentence around a quote, widened to the quote if it runs past the
# sentence, with the quote's offsets relative to that window.
CONTEXT_SQL = """
select
  substr(articles.text, q.window_start + 1, q.window_end - q.window_start) as context,
  q.start - q.window_start as quote_start,
  q."end" - q.window_start as quote_end
from (
  select
    article_id, start, "end",
    min(sentence_start, start) as window_start,
    max(sentence_end, "end") as window_end
  from quotes
  where id = :id
) as q
join articles on articles.id = q.article_id
"""


def metadata_path() -> Path:
    """Locate metadata.yml: the repository's copy, else one shipped in the package."""
    path = Path(__file__).resolve().parent.parent / "metadata.yml"
    if path.is_file():
        return path
    packaged = importlib.resources.files("quotes") / "metadata.yml"
    if packaged.is_file():
        return Path(str(packaged))
    raise FileNotFoundError(f"metadata.yml not found at {path} nor in the quotes package")


def load_metadata() -> dict[str, Any]:
    """The Datasette metadata as a dict, for ``Datasette(metadata=...)``."""
    with metadata_path().open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def metadata_for(db_path: Path) -> Path:
    """metadata.yml describes a database named "quotes", as Datasette names db/quotes.db;
    for a file of another name, a copy describing that name is written beside the tables'
    temporary files."""
    if db_path.stem == DATABASE:
        return metadata_path()
    metadata = load_metadata()
    metadata["databases"] = {db_path.stem: metadata["databases"][DATABASE]}
    target = Path(tempfile.gettempdir()) / f"quotes-metadata-{db_path.stem}.yml"
    target.write_text(yaml.safe_dump(metadata, sort_keys=False), encoding="utf-8")
    return target


def inspect_file_for(db_path: Path) -> Path:
    """Write what ``datasette inspect`` reports of a finished database (its tables' row
    counts) to a temporary file: served with it, an immutable database's pages take their
    counts from the file instead of counting a million quotes on every view."""
    from datasette.cli import cli  # see serve()

    key = hashlib.sha1(str(db_path.resolve()).encode()).hexdigest()[:8]
    target = Path(tempfile.gettempdir()) / f"quotes-inspect-{db_path.stem}-{key}.json"
    cli.main(args=["inspect", str(db_path), "--inspect-file", str(target)],
             prog_name="datasette", standalone_mode=False)
    return target


def serve_args(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    immutable: bool = False,
    inspect_file: Path | None = None,
) -> list[str]:
    """Arguments for ``datasette`` that serve the database read-only with our metadata.

    Use ``immutable`` only for a finished database: Datasette then caches row
    counts (from ``inspect_file``, if given) and never sees later writes. A
    database an ingest is still writing to must be served in the normal mode.
    """
    db_path = Path(db_path)
    args = ["serve", *(["-i", str(db_path)] if immutable else [str(db_path)])]
    args += ["--metadata", str(metadata_for(db_path)), "--host", host, "--port", str(port)]
    if immutable and inspect_file is not None:
        args += ["--inspect-file", str(inspect_file)]
    for name, value in SETTINGS.items():
        args += ["--setting", name, str(value)]
    return args


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    immutable: bool = False,
) -> None:
    """Run Datasette in the foreground until interrupted."""
    # Imported here: datasette.cli imports the plugin machinery that imports us.
    from datasette.cli import cli

    inspect_file = inspect_file_for(Path(db_path)) if immutable else None
    cli.main(
        args=serve_args(db_path, host, port, immutable, inspect_file),
        prog_name="datasette",
        standalone_mode=False,
    )


class CountedFacet(ColumnFacet):
    """``{counted: column}`` in metadata.yml: a column facet of the quotes table that takes
    the counts over all quotes from ``quote_facet_counts``, which ``quotes.store.refresh``
    writes, instead of counting a million rows on every page view. A filtered or searched
    page is counted live as usual (the indexes cover one speaker's or outlet's quotes), and
    so is the whole table when it has changed since the counts were made."""

    type = "counted"

    async def facet_results(self) -> tuple[list[dict], list[str]]:
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
        return counted["quotes"] == self.row_count and set(columns) <= set(counted["facets"])


@hookimpl
def register_facet_classes():
    return [CountedFacet]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Show quotes in context and turn speaker and article names into links."""
    if value in (None, ""):
        return None
    if column == "quote" and table in QUOTE_ID_COLUMN:
        quote_id = _field(row, QUOTE_ID_COLUMN[table])
        if quote_id is not None:
            return _quote_in_context(datasette.get_database(database), quote_id, value)
    if column == "speaker":
        speaker_id = _field(row, "speaker_id")
        if speaker_id is not None:
            return _link(datasette.urls.row(database, "speakers", tilde_encode(speaker_id)), value)
    if column == "article_title":
        article_id = _field(row, "article_id")
        if article_id is not None:
            return _link(datasette.urls.row(database, "articles", tilde_encode(article_id)), value)
    if table == "speakers" and column == "quote_count":
        speaker_id = _field(row, "id")
        if speaker_id is not None:
            timeline = datasette.urls.query(database, "speaker_timeline")
            return _link(f"{timeline}?{urlencode({'speaker': speaker_id})}", value)
    return None


async def _quote_in_context(db: Database, quote_id: str, quote: str) -> Markup | None:
    try:
        rows = (await db.execute(CONTEXT_SQL, {"id": quote_id})).rows
    except Exception:  # a database without our schema: leave the cell as it is
        return None
    if not rows or rows[0]["context"] is None:
        return None
    context, start, end = rows[0]
    if context[start:end] != quote:
        # The article text no longer matches the offsets: show the quote as stored.
        return None
    return Markup("{}<mark>{}</mark>{}").format(context[:start], quote, context[end:])


def _link(url: str, text: Any) -> Markup:
    return Markup('<a href="{}">{}</a>').format(url, text)


def _field(row, key: str) -> Any:
    """A column of a result row, or None; expanded foreign keys give their value."""
    try:
        value = row[key]
    except (KeyError, IndexError):
        return None
    return value["value"] if isinstance(value, dict) else value
