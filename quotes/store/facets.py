"""Facet counts: how many quotes hold each value of the columns a reader may facet by,
kept current by triggers on quotes."""
from __future__ import annotations

import json

from sqlite_utils import Database

from .renamed import as_named_in

# The counts of each value of these columns over all quotes are kept in quote_facet_counts,
# current at every commit (triggers on quotes, see count_facets): a facet of the whole quotes
# table or quotes_view reads them instead of counting a million quotes on every page view
# (quotes.datasette.facets). These are the columns a reader may facet by; the others hold a
# value per quote (ids, offsets, the quote itself), where a facet tells nothing.
COUNTED_FACETS = (
    "speaker_id", "outlet_id", "type", "cue_lemma", "cue", "published", "speaker_kind", "role",
    "channel", "via", "via_speaker_id", "name_in_article", "speaker_mention", "group_id", "article_id",
)
# Counted too, under these names: what quotes_view shows as speaker_kind for a quote without
# a speaker (for the others it is the speaker's kind).
FACET_EXPRESSIONS = {
    **{column: f"{{row}}.[{column}]" for column in COUNTED_FACETS},
    "unattributed_kind": "CASE WHEN {row}.speaker_id IS NULL THEN {row}.speaker_kind END",
}
FACET_TRIGGERS = ("quote_facets_ai", "quote_facets_ad", "quote_facets_au")


def count_facets(db: Database, full: bool = False) -> None:
    """Make sure quote_facet_counts holds the count of every value of FACET_EXPRESSIONS over
    all quotes, as the triggers on quotes keep it from then on.

    When the triggers are in place and the counts were made for the same facets, only the
    values no quote has any more are dropped (refresh() calls this after every refresh);
    otherwise, or with ``full``, the triggers are (re)made and everything is counted again.
    The meta key ``facet_counts`` says which facets are counted, for the readers."""
    if not full and _facet_counts_kept(db):
        db.execute("DELETE FROM quote_facet_counts WHERE count <= 0")
        return
    for statement in _facet_triggers():
        db.execute(as_named_in(db, statement))
    db.execute("DELETE FROM quote_facet_counts")
    for facet, expression in FACET_EXPRESSIONS.items():
        db.execute(as_named_in(db,
            "INSERT INTO quote_facet_counts (facet, value, count) "
            f"SELECT ?, value, count(*) FROM (SELECT {expression.format(row='quotes')} AS value FROM quotes) "
            "WHERE value IS NOT NULL GROUP BY value"),
            [facet],
        )
    counted = {"facets": list(FACET_EXPRESSIONS), "kept_current": True}
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('facet_counts', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [json.dumps(counted)],
    )


def _facet_counts_kept(db: Database) -> bool:
    """Whether the counts are there for FACET_EXPRESSIONS and the triggers keep them current."""
    row = db.execute("SELECT value FROM meta WHERE key = 'facet_counts'").fetchone()
    if not row:
        return False
    counted = json.loads(row[0])
    if not counted.get("kept_current") or counted.get("facets") != list(FACET_EXPRESSIONS):
        return False
    names = [row[0] for row in db.execute(
        f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'quotes' "
        f"AND name IN ({', '.join('?' for _ in FACET_TRIGGERS)})", FACET_TRIGGERS)]
    return len(names) == len(FACET_TRIGGERS)


def _facet_triggers() -> list[str]:
    """Triggers that add and take away from quote_facet_counts as quotes are stored,
    deleted and changed (a count that falls to 0 stays until count_facets drops it)."""

    def facets(row: str) -> str:
        return " UNION ALL ".join(f"SELECT '{facet}' AS facet, {expression.format(row=row)} AS value"
                                  for facet, expression in FACET_EXPRESSIONS.items())

    changed = " UNION ALL ".join(
        f"SELECT '{facet}' AS facet, {expression.format(row='old')} AS old, {expression.format(row='new')} AS new"
        for facet, expression in FACET_EXPRESSIONS.items())
    add = ("INSERT INTO quote_facet_counts (facet, value, count) SELECT facet, value, 1 FROM ({}) "
           "WHERE value IS NOT NULL ON CONFLICT (facet, value) DO UPDATE SET count = count + 1;")
    take = "UPDATE quote_facet_counts SET count = count - 1 WHERE (facet, value) IN (SELECT facet, value FROM ({}));"
    columns = ", ".join(f"[{column}]" for column in COUNTED_FACETS)
    return [
        *(f"DROP TRIGGER IF EXISTS [{name}]" for name in FACET_TRIGGERS),
        f"CREATE TRIGGER [quote_facets_ai] AFTER INSERT ON [quotes] BEGIN {add.format(facets('new'))} END",
        f"CREATE TRIGGER [quote_facets_ad] AFTER DELETE ON [quotes] BEGIN {take.format(facets('old'))} END",
        f"CREATE TRIGGER [quote_facets_au] AFTER UPDATE OF {columns} ON [quotes] BEGIN "
        + take.format(f"SELECT facet, old AS value FROM ({changed}) WHERE old IS NOT new")
        + " "
        + add.format(f"SELECT facet, new AS value FROM ({changed}) WHERE old IS NOT new")
        + " END",
    ]
