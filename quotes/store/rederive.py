"""The refresh: re-derive what depends on the whole collection, all of it or only what the
articles stored since the last refresh reach."""
from __future__ import annotations

from sqlite_utils import Database

from ..canon.speakers import Speaker, cluster, distinguish, slug
from ..lexicon import Lexicon
from .connection import writing
from .facets import count_facets
from .groups import regroup_all, regroup_reached
from .lexicon import stored_lexicon
from .queue import QUEUED_ARTICLES, QUEUED_NAMES, Queued, empty_queue
from .reach import Reach
from .rows import where_in
from .speakers import (
    add_name_keys,
    cluster_alone,
    count_mentions,
    count_role_quotes,
    drop_unused_name_keys,
    kinds_of,
    name_keys_stale,
    reached_mentions,
    rebuild_name_keys,
    refresh_all_speakers,
    refresh_reached_speakers,
    resolve_roles,
)


def needs_refresh(db: Database) -> bool:
    """Whether articles were saved since the last refresh (or it never counted facets)."""
    keys = {key for (key,) in db.execute(
        "SELECT key FROM meta WHERE key IN ('needs_refresh', 'facet_counts')")}
    return "needs_refresh" in keys or "facet_counts" not in keys


def refresh(db: Database, full: bool = False) -> None:
    """Re-derive speakers, aliases and quote groups from the quotes, in one transaction.

    By default only what the articles saved since the last refresh reach is redone: the
    names they added, removed or changed the kind of, with every name
    :func:`quotes.canon.speakers.cluster` can put with those (:mod:`quotes.canon.reach`) and
    the speakers all those names had or get; the speakers whose names are only mentioned
    more or less often, each on its own; and the quote groups and role holders of those
    speakers. ``full`` recomputes everything, as the first refresh of a database, or one
    whose canonicalisation rules or word lists changed, always does. Both give the same
    result, whatever order articles were ingested in. Names are matched with the database's
    word lists (:func:`quotes.store.lexicon.stored_lexicon`).
    """
    with writing(db):
        # Speakers and groups are rebuilt while quotes still point at the old
        # ones; foreign keys are checked once, at commit.
        db.execute("PRAGMA defer_foreign_keys = ON")
        lex = stored_lexicon(db)
        if full or name_keys_stale(db, lex):
            refresh_all_speakers(db, lex)
            resolve_roles(db, lex)
            count_role_quotes(db)
            regroup_all(db)
            rebuild_name_keys(db, lex)
        else:
            _refresh_reached(db, lex)
        empty_queue(db)
        count_facets(db)
        db.execute("DELETE FROM meta WHERE key = 'needs_refresh'")


def _refresh_reached(db: Database, lex: Lexicon) -> None:
    """The incremental refresh: see :func:`refresh`."""
    queued = Queued.read(db)
    if not queued:
        return
    with Reach(db) as reach:
        clustered = _recluster(db, reach, queued, lex)
        distinguish(list({id(s): s for s in clustered.values()}.values()))
        with reach.moves_watched():
            changed = refresh_reached_speakers(db, clustered)
            changed |= resolve_roles(db, lex)
        reach.add_quotes_of(QUEUED_ARTICLES)
        # The speakers whose set of quotes changed (a quote joined or left them, or was stored,
        # replaced or removed since the last refresh) get their counts and groups brought up to
        # date. Any other speaker reached keeps its quotes, and so its groups.
        changed |= queued.speakers
        changed |= {sid for (sid,) in db.execute(
            f"SELECT DISTINCT speaker_id FROM quotes WHERE article_id IN {QUEUED_ARTICLES} AND speaker_id IS NOT NULL")}
        reach.affect(changed)
        db.execute("UPDATE speakers SET quote_count = (SELECT count(*) FROM quotes WHERE speaker_id = speakers.id) "
                   f"WHERE id IN {Reach.AFFECTED}")
        regroup_reached(db, reach)
        drop_unused_name_keys(db)


def _recluster(db: Database, reach: Reach, queued: Queued, lex: Lexicon) -> dict[str, Speaker]:
    """Count the queued names' mentions again and cluster the names they reach: the speaker
    of each name reached (stripped)."""
    names = queued.names
    add_name_keys(db, (n for n in names if not db.execute(
        "SELECT 1 FROM speaker_name_keys WHERE name = ?", [n]).fetchone()), lex)
    # The names of a speaker all have its kind.
    kinds_before = dict(db.execute(f"SELECT n.name, s.kind FROM speaker_names n JOIN speakers s "
                                   f"ON s.id = n.speaker_id WHERE n.name IN {QUEUED_NAMES}"))
    db.execute(f"DELETE FROM speaker_mentions WHERE name IN {QUEUED_NAMES}")
    count_mentions(db, QUEUED_NAMES)
    kinds_after = kinds_of(db, QUEUED_NAMES, lex)
    # A name that came, went or changed kind may change which names go together: every name
    # a chain of relations leads to from it is clustered again, together. Any other name
    # queued keeps its speaker's names, which are clustered alone (see cluster_alone).
    unsettled = {name for name in names if name != name.strip()
                 or kinds_before.get(name) is None or kinds_before.get(name) != kinds_after.get(name)}
    alone = set(queued.speakers)
    alone |= {sid for (sid,) in where_in(db, "SELECT DISTINCT speaker_id FROM speaker_names WHERE name IN",
                                         sorted(set(names) - unsettled))}
    reach.grow(unsettled)
    # Clustered before cluster_alone adds its names to the reach.
    fresh = cluster(reached_mentions(db), numbered=False, lex=lex)
    ids = alone | reach.ids()
    fresh |= cluster_alone(db, reach, alone, lex)
    return _with_slug_mates(db, reach, fresh, ids, lex)


def _with_slug_mates(db: Database, reach: Reach, fresh: dict[str, Speaker], ids: set[str],
                     lex: Lexicon) -> dict[str, Speaker]:
    """``fresh`` with the speakers whose names slug alike, which number themselves in one
    order ("kim", "kim-2"): all of them are reached, or none."""
    clustered: dict[str, Speaker] = {}
    checked: set[str] = set()
    while fresh:
        clustered |= fresh
        bases = {slug(name) for (name,) in where_in(db, "SELECT name FROM speakers WHERE id IN", sorted(ids))}
        bases = (bases | {slug(s.name) for s in fresh.values()}) - checked
        checked |= bases
        ids = {sid for base in sorted(bases) for (sid,) in db.execute(
            "SELECT id FROM speakers WHERE (id = :b OR (id > :b || '-' AND id < :b || '.')) "
            f"AND id NOT IN {Reach.IDS}", {"b": base})}
        fresh = cluster_alone(db, reach, ids, lex)
    return clustered
