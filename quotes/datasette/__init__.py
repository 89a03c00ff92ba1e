"""Datasette plugin of the quotes database (the ``datasette`` entry point of the package).

It shows every quote inside its sentence with the quoted words highlighted, and links
speakers and articles, because a machine-made attribution is only useful if a reader can
check it against the article it came from. It also keeps the facets of the quotes table
and quotes_view fast on millions of quotes (``facets.py``), and a search for a common word
(``table_search.py``). Serving, settings and metadata are in ``serve.py``; error pages and
logging in ``errors.py`` (the responses themselves in ``responses.py``); what one request may
take of the server in ``budgets.py``.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.database import Database
from datasette.utils import tilde_encode
from markupsafe import Markup

from . import article_page, facets, pages, table_search
from .budgets import limit_connection, limit_requests  # noqa: F401 (hooks)
from .errors import handle_exception, refuse_bad_requests, replace_default_handler  # noqa: F401 (hooks)
from .facets import CountedFacet, replace_column_facet  # noqa: F401 (hooks)
from .renamed import redirect_old_column_names  # noqa: F401 (hooks)
from .table_search import count_from_the_index, walk_the_sort_index  # noqa: F401 (hooks)

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


@hookimpl
def register_facet_classes() -> list[type]:
    return [CountedFacet]


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [*pages.ROUTES, table_search.ROUTE]


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["from_article"] = pages.from_article


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.static_plugins("quotes", "quotes.css")]


@hookimpl
def extra_js_urls(datasette: Any) -> list[str]:
    return [datasette.urls.static_plugins("quotes", "quotes.js")]


@hookimpl
def extra_template_vars(view_name: str, table: str | None, database: str | None, request: Any,
                        datasette: Any) -> Any:
    if view_name == "row" and table == "articles" and database and request is not None:
        return lambda: article_page.row_vars(datasette, request, database)
    if view_name == "index":
        return lambda: pages.home_vars(datasette)
    if view_name == "table":
        return {"facet_limits": {"live": facets.LIVE_LIMIT, "search": facets.SEARCH_LIVE_LIMIT},
                "min_confidence": pages.min_confidence(datasette)}
    return {}


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Markup | Coroutine[Any, Any, Markup | None] | None:
    """Show quotes in context and turn speaker and article names into links."""
    if value in (None, ""):
        return None
    if column == "quote" and table in QUOTE_ID_COLUMN:
        quote_id = _field(row, QUOTE_ID_COLUMN[table])
        if quote_id is not None:
            return _quote_in_context(datasette.get_database(database), quote_id, value)
    if column == "speaker":
        speaker_id = _field(row, "speaker_id")
        if speaker_id is not None and _field(row, "article_id") is None:  # a list of speakers
            return _speaker_link(datasette.get_database(database), speaker_id, value, _field(row, "kind"))
        if speaker_id is not None:  # a quote's: its article is on the row
            return _link(pages.speaker_url(speaker_id), value)
    if table == "quotes" and column == "speaker_id" and isinstance(value, dict):
        return _link(pages.speaker_url(value["value"]), value.get("label") or value["value"])
    if table == "quotes" and column == "article_id" and isinstance(value, dict):
        return _link(datasette.urls.row(database, "articles", tilde_encode(value["value"])),
                     value.get("label") or "the article")
    if column == "article_title":
        article_id = _field(row, "article_id")
        if article_id is not None:
            return _link(datasette.urls.row(database, "articles", tilde_encode(article_id)), value)
    if column == "label" and table in ("quote_groups", None):
        group_id = _field(row, "id" if table else "group_id")
        if group_id is not None:
            return _link(pages.group_url(group_id), value)
    if table == "speakers" and column == "name":
        return _speaker_link(datasette.get_database(database), _field(row, "id"), value, _field(row, "kind"))
    if table == "speakers" and column == "roles":
        # Markup that is empty would be taken for no rendering at all, and "[]" shown.
        return Markup('<span class="roles">{}</span>').format("; ".join(pages.roles_text(value)))
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


async def _speaker_link(db: Database, speaker_id: str, name: Any, kind: str | None) -> Markup:
    """A speaker's name linked to their page; a described one's with its article beside it."""
    try:
        found = await pages.articles_of(db, [{"id": speaker_id, "name": str(name), "kind": kind}])
    except Exception:  # a database without our schema: the name alone
        found = {}
    return _link(pages.speaker_url(speaker_id), name) + pages.from_article(found.get(speaker_id))


def _link(url: str, text: Any) -> Markup:
    return Markup('<a href="{}">{}</a>').format(url, text)


def _field(row: Any, key: str) -> Any:
    """A column of a result row, or None; expanded foreign keys give their value."""
    try:
        value = row[key]
    except (KeyError, IndexError):
        return None
    return value["value"] if isinstance(value, dict) else value


def _register_whole() -> None:
    """Register this module's hooks even when it was imported before Datasette's plugins
    were loaded (``quotes serve`` imports it first): Datasette then loads the entry point
    while this module is half-imported and registers it without a single hook."""
    import sys

    from datasette.plugins import pm

    module = sys.modules[__name__]
    name = pm.get_name(module)
    if name is not None and not pm.get_hookcallers(module):
        pm.unregister(module)
        pm.register(module, name)


_register_whole()
