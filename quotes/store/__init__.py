"""SQLite storage: articles, their quotes, canonical speakers and quote groups.

Writes happen in two steps. :func:`save_articles` stores what extraction found
in each article, one batch per transaction. :func:`refresh` then re-derives
everything that depends on the whole collection - who is who across articles,
and which quotes are the same statement reported by different outlets - redoing
only what the articles saved since reach, with the same result as redoing it all,
so the result never depends on the order articles arrived in.

The modules, in the order data meets them: :mod:`.connection` (opening, write
transactions), :mod:`.schema` (numbered migration steps), :mod:`.lexicon` (the word lists
the database was ingested with), :mod:`.articles` (article writes), :mod:`.queue` (what the
next refresh looks at), :mod:`.rederive` (the refresh) with :mod:`.reach`, :mod:`.speakers`
and :mod:`.groups`, :mod:`.facets` (counts kept by triggers), :mod:`.export`.
"""
from .articles import article_state, quote_id, save_articles
from .connection import BUSY_TIMEOUT_MS, check_writable, open_db, open_readonly, writing
from .export import export_rows
from .facets import COUNTED_FACETS, FACET_EXPRESSIONS, FACET_TRIGGERS, count_facets
from .lexicon import stored_lexicon, use_lexicon
from .queue import queue_quotes
from .rederive import needs_refresh, refresh
from .rows import ArticleState
from .schema import SCHEMA_VERSION, STEPS, migrations
from .speakers import canon_fingerprint

__all__ = [
    "ArticleState", "BUSY_TIMEOUT_MS", "COUNTED_FACETS", "FACET_EXPRESSIONS", "FACET_TRIGGERS", "SCHEMA_VERSION",
    "STEPS", "article_state", "canon_fingerprint", "check_writable", "count_facets", "export_rows", "migrations",
    "needs_refresh", "open_db", "open_readonly", "queue_quotes", "quote_id", "refresh", "save_articles",
    "stored_lexicon", "use_lexicon", "writing",
]
