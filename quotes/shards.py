"""Shards: workers that write SQLite themselves, and the merge that combines their files.

One process writing SQLite stores a few thousand articles a second (benchmarks/README.md,
bench_cluster.py); a cluster parsing faster than that waits on its writer. With
``quotes ingest ... --cluster ADDRESS --shards DIR`` every worker process writes the
articles it parsed into a shard of its own, ``DIR/shard-HOST-PID.db`` (the partition is the
worker process: no two processes ever write one file, so DIR may be on a shared filesystem),
and the client only counts. ``quotes merge DIR/*.db --db quotes.db`` then copies the shards
into the database with ATTACH and INSERT ... SELECT, one transaction per shard, keeping one
version of each article as an ingest would, and refreshes it.

Shards use the database's own schema; they are never refreshed (their speakers are the
provisional ones an ingest writes before its refresh).
"""
from __future__ import annotations

import glob
import os
import socket
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import NamedTuple

from sqlite_utils import Database

from . import DEFAULT_MODEL, store
from .extract import EXTRACTOR_VERSION
from .readers import ReadError, iter_articles
from .records import Article, Parsed
from .summary import Summary

_SHARDS: dict[str, Database] = {}


def shard_path(shard_dir: str) -> str:
    return os.path.join(shard_dir, f"shard-{socket.gethostname()}-{os.getpid()}.db")


class Written(NamedTuple):
    """What writing one article into a shard did: the quotes stored, or why none were."""

    article_id: str
    quotes: int
    error: str | None


def write_shard(shard_dir: str, results: list[Parsed]) -> list[Written]:
    """On a worker: store ``results`` in this process's shard, one transaction; an article
    the store refuses is reported, not stored, and the others are."""
    path = shard_path(shard_dir)
    if path not in _SHARDS:
        os.makedirs(shard_dir, exist_ok=True)
        _SHARDS[path] = store.open_db(path)
    db = _SHARDS[path]
    try:
        store.save_articles(db, results, EXTRACTOR_VERSION)
        return [Written(article.id, len(quotes), None) for article, quotes in results]
    except ValueError:
        done: list[Written] = []
        for article, quotes in results:
            try:
                store.save_articles(db, [(article, quotes)], EXTRACTOR_VERSION)
                done.append(Written(article.id, len(quotes), None))
            except ValueError as error:
                done.append(Written(article.id, 0, str(error)))
        return done


def shard_states(shard_dir: str) -> dict[str, store.ArticleState]:
    """The state of every article the shards in ``shard_dir`` hold."""
    states: dict[str, store.ArticleState] = {}
    for path in sorted(glob.glob(os.path.join(shard_dir, "*.db"))):
        db = store.open_db(path)
        for article_id, text_hash, version in db.execute(
                "SELECT id, text_hash, extractor_version FROM articles ORDER BY ingested_at"):
            states[article_id] = store.ArticleState(text_hash, version)
        db.close()
    return states


def ingest_shards(shard_dir: str, paths: list[str], worker_paths: list[str], cluster: str,
                  model: str = DEFAULT_MODEL, reextract: bool = False,
                  on_error: Callable[[str], None] | None = None,
                  on_progress: Callable[[int], None] | None = None,
                  on_total: Callable[[int, bool], None] | None = None) -> Summary:
    """Parse on ``cluster`` and let the workers store into shards in ``shard_dir``.

    Articles the shards already hold unchanged are skipped, so a re-run resumes.
    """
    from .dask_ingest import Sink, run_on_cluster

    states = shard_states(shard_dir) if os.path.isdir(shard_dir) else {}
    summary = Summary(on_error=on_error, on_progress=on_progress)

    def wanted(article_id: str, text_hash: str) -> bool:
        return summary.admit(article_id, text_hash, states.get(article_id), reextract)

    def todo() -> Iterator[Article]:
        for item in iter_articles(paths):
            if isinstance(item, ReadError):
                summary.fail(str(item))
            elif wanted(item.id, item.text_hash):
                yield item

    def count(written: list[Written]) -> None:
        for article_id, quotes, error in written:
            if error:
                summary.fail(error)
            else:
                summary.count_saved(article_id, quotes)
            if on_progress:
                on_progress(1)

    run_on_cluster(cluster, todo(), worker_paths, wanted, summary.report, model,
                   Sink(partial(write_shard, os.path.abspath(shard_dir)), count), on_total=on_total)
    return summary


ARTICLE_COLUMNS = ("id", "name", "title", "url", "outlet_id", "published", "author", "text", "text_hash",
                   "extractor_version", "ingested_at")
QUOTE_COLUMNS = ("id", "article_id", "outlet_id", "published", "speaker_id", "speaker_mention", "name_in_article",
                 "speaker_kind", "role", "quote", "type", "cue", "cue_lemma", "channel", "via_speaker_id", "via",
                 "start", "end", "sentence_start", "sentence_end", "confidence", "speaker_rule", "antecedent_start",
                 "antecedent_end", "cue_start", "cue_end")


def merge(db_path: str, shards: Iterable[str], refresh: bool = True) -> Summary:
    """Copy the articles of ``shards`` into the database at ``db_path``, then refresh it.

    An article already stored with the same text and extractor, or in an earlier shard, is
    left as it is; a different version replaces the stored one when it was ingested later.
    """
    db = store.open_db(db_path)
    summary = Summary()
    try:
        # Shards carry no word lists: the database keeps its own (the default ones if it has
        # none yet), and its refresh matches speakers with them.
        store.use_lexicon(db, store.stored_lexicon(db))
        for shard in shards:
            store.open_db(shard).close()  # brings an older shard to this schema
            db.execute("ATTACH DATABASE ? AS shard", [os.path.abspath(shard)])
            try:
                _merge_one(db, summary)
            finally:
                db.execute("DETACH DATABASE shard")
        if refresh and store.needs_refresh(db):
            store.refresh(db)
    finally:
        db.close()
    return summary


def _merge_one(db: Database, summary: Summary) -> None:
    articles = ", ".join(f"[{c}]" for c in ARTICLE_COLUMNS)
    quotes = ", ".join(f"[{c}]" for c in QUOTE_COLUMNS)
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in ARTICLE_COLUMNS if c != "id")
    with store.writing(db):
        db.execute("DROP TABLE IF EXISTS temp.take")
        db.execute(
            """CREATE TEMP TABLE take AS
            SELECT s.id, m.id IS NOT NULL AS stored FROM shard.articles s LEFT JOIN main.articles m ON m.id = s.id
            WHERE m.id IS NULL OR ((m.text_hash != s.text_hash OR m.extractor_version IS NOT s.extractor_version)
                                   AND coalesce(s.ingested_at, '') >= coalesce(m.ingested_at, ''))""")
        total = db.execute("SELECT count(*) FROM shard.articles").fetchone()[0]
        new, updated = db.execute("SELECT count(*) - coalesce(sum(stored), 0), coalesce(sum(stored), 0) "
                                  "FROM temp.take").fetchone()
        summary.new, summary.updated = summary.new + new, summary.updated + updated
        summary.unchanged += total - new - updated
        if not new + updated:
            return
        # As store.save_articles does, one set at a time: the old quotes' names and speakers
        # are queued for the refresh, the quotes replaced, the new names queued.
        store.queue_quotes(db, "SELECT * FROM main.quotes WHERE article_id IN (SELECT id FROM temp.take)",
                           articles="SELECT id FROM temp.take")
        db.execute("DELETE FROM main.quotes WHERE article_id IN (SELECT id FROM temp.take)")
        db.execute("INSERT INTO main.outlets (id, name) SELECT id, name FROM shard.outlets WHERE id IN "
                   "(SELECT outlet_id FROM shard.articles WHERE id IN (SELECT id FROM temp.take)) "
                   "ON CONFLICT(id) DO NOTHING")
        db.execute(f"INSERT INTO main.articles ({articles}) SELECT {articles} FROM shard.articles "
                   f"WHERE id IN (SELECT id FROM temp.take) ON CONFLICT(id) DO UPDATE SET {updates}")
        taken_quotes = "SELECT {} FROM shard.quotes WHERE article_id IN (SELECT id FROM temp.take)"
        db.execute(
            f"""INSERT INTO main.speakers (id, name, kind, roles, quote_count)
            SELECT id, name, kind, '[]', 0 FROM shard.speakers
            WHERE id IN ({taken_quotes.format("speaker_id")} UNION {taken_quotes.format("via_speaker_id")})
            ON CONFLICT(id) DO NOTHING""")
        before = db.execute("SELECT count(*) FROM main.quotes").fetchone()[0]
        db.execute(f"INSERT INTO main.quotes ({quotes}) {taken_quotes.format(quotes)}")
        summary.quotes += db.execute("SELECT count(*) FROM main.quotes").fetchone()[0] - before
        store.queue_quotes(db, taken_quotes.format("*"))
        db.execute(
            "INSERT INTO meta (key, value) SELECT key, value FROM shard.meta WHERE key = 'extractor_version' "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        db.execute("INSERT INTO meta (key, value) VALUES ('needs_refresh', '1') ON CONFLICT(key) DO NOTHING")
        db.execute("DROP TABLE temp.take")
