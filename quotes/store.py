"""SQLite storage: articles, their quotes, canonical speakers and quote groups.

Writes happen in two steps. :func:`save_articles` stores what extraction found
in each article, one batch per transaction. :func:`refresh` then re-derives
everything that depends on the whole collection - who is who across articles,
and which quotes are the same statement reported by different outlets - redoing
only what the articles saved since reach, with the same result as redoing it all,
so the result never depends on the order articles arrived in.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from itertools import chain, groupby
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .canon import reach
from .canon.groups import Said, content_words, group_id, joined, probes, same_statements, terms
from .canon.roles import role_holder, role_index
from .canon.speakers import Mention, Speaker, cluster, distinguish, kind_of, name_kinds, slug, speaker_of
from .records import Article, QuoteRecord

BUSY_TIMEOUT_MS = 30_000


# The counts of each value of these columns over all quotes are kept in quote_facet_counts,
# current at every commit (triggers on quotes, see count_facets): a facet of the whole quotes
# table or quotes_view reads them instead of counting a million quotes on every page view
# (quotes.datasette.facets). These are the columns a reader may facet by; the others hold a
# value per quote (ids, offsets, the quote itself), where a facet tells nothing.
COUNTED_FACETS = (
    "speaker_id", "outlet_id", "type", "cue_lemma", "cue", "published", "speaker_kind", "role",
    "channel", "via", "via_speaker_id", "speaker_name", "speaker_mention", "group_id", "article_id",
)
# Counted too, under these names: what quotes_view shows as speaker_kind for a quote without
# a speaker (for the others it is the speaker's kind).
FACET_EXPRESSIONS = {
    **{column: f"{{row}}.[{column}]" for column in COUNTED_FACETS},
    "unattributed_kind": "CASE WHEN {row}.speaker_id IS NULL THEN {row}.speaker_kind END",
}
FACET_TRIGGERS = ("quote_facets_ai", "quote_facets_ad", "quote_facets_au")

# Lookups rather than joins: SQLite keeps joins inside count(*), which Datasette runs on
# every page, and a million quotes then cost seconds; quotes carry outlet and date already.
QUOTES_VIEW = """
SELECT q.id, q.quote, q.type, q.cue,
       (SELECT name FROM speakers WHERE id = q.speaker_id) AS speaker, q.speaker_id,
       coalesce((SELECT kind FROM speakers WHERE id = q.speaker_id), q.speaker_kind) AS speaker_kind,
       q.speaker_mention, q.role, q.channel, q.via,
       (SELECT name FROM outlets WHERE id = q.outlet_id) AS outlet,
       (SELECT title FROM articles WHERE id = q.article_id) AS article_title,
       (SELECT name FROM articles WHERE id = q.article_id) AS article,
       q.published,
       (SELECT url FROM articles WHERE id = q.article_id) AS url,
       q.group_id, q.start, q."end", q.article_id
FROM quotes q
""".strip()


# sqlite-utils re-indexes a quote on any update; refresh() rewrites the speaker
# and group ids of many quotes, and only the searched columns need re-indexing.
SEARCHED_COLUMNS_TRIGGER = (
    "DROP TRIGGER [quotes_au]",
    """CREATE TRIGGER [quotes_au] AFTER UPDATE OF [quote], [speaker_mention] ON [quotes] BEGIN
  INSERT INTO [quotes_fts] ([quotes_fts], rowid, [quote], [speaker_mention])
    VALUES('delete', old.rowid, old.[quote], old.[speaker_mention]);
  INSERT INTO [quotes_fts] (rowid, [quote], [speaker_mention])
    VALUES (new.rowid, new.[quote], new.[speaker_mention]);
END""",
)


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) a quotes database, ready for concurrent readers.

    WAL lets Datasette read while an ingest writes; the busy timeout makes a
    second writer wait instead of failing. A database that cannot be opened raises
    ValueError naming the path, and leaves no directory or file this call created.
    """
    path = Path(path)
    created = _make_directories(path)
    companions = [path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]
    existed = {file for file in companions if file.exists()}
    db = None
    try:
        db = Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        _migrate(db, path)
        return db
    except BaseException:
        if db is not None:
            db.close()
        for file in companions:
            if file not in existed:
                file.unlink(missing_ok=True)
        for directory in reversed(created):
            directory.rmdir()
        raise


def _make_directories(path: Path) -> list[Path]:
    """Create the missing directories above a database file; the ones created, outermost first."""
    missing = [parent for parent in path.parents if not parent.exists()][::-1]
    nearest = missing[0].parent if missing else path.parent
    if not nearest.is_dir():
        raise ValueError(f"{path}: cannot create the database: {nearest} is not a directory")
    created: list[Path] = []
    for directory in missing:
        try:
            directory.mkdir()
        except FileExistsError:
            continue
        except OSError as error:
            for done in reversed(created):
                done.rmdir()
            raise ValueError(f"{path}: cannot create directory {directory} ({error.strerror})") from None
        created.append(directory)
    return created


def check_writable(path: str | Path) -> None:
    """Raise ValueError, before SQLite creates anything, when the database at ``path`` (or its
    WAL files, or the directory they go in) cannot be written."""
    path = Path(path)
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if file.exists() and not os.access(file, os.W_OK):
            advice = "" if file == path else " (left by a run on a read-only database: remove it " \
                "if no other process has the database open)"
            raise ValueError(f"{file}: read-only, cannot write to the database{advice}")
    directory = path.parent
    if directory.is_dir() and not os.access(directory, os.W_OK | os.X_OK):
        raise ValueError(f"{path}: cannot write in {directory}, where the database and its WAL files go")


# Every change to the schema is one numbered step, applied once, in order, to every database
# (sqlite-utils records the steps applied in _sqlite_migrations). Never edit a step that has
# shipped: add the next one.
migrations = Migrations("quotes")
STEPS: list[str] = []


def step(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    STEPS.append(name)
    return migrations(name=name)


@step("001_tables")
def _tables(db: Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db.table("outlets").create({"id": str, "name": str}, pk="id", not_null={"name"}, if_not_exists=True)
    db.table("articles").create(
        {
            "id": str,
            "name": str,
            "title": str,
            "url": str,
            "outlet_id": str,
            "published": str,
            "author": str,
            "text": str,
            "text_hash": str,
            "extractor_version": str,
            "ingested_at": str,
        },
        pk="id",
        foreign_keys=[("outlet_id", "outlets", "id")],
        not_null={"name", "text", "text_hash"},
        if_not_exists=True,
    )
    db.table("speakers").create(
        {
            "id": str,
            "name": str,
            "kind": str,
            "roles": str,
            "first_seen": str,
            "last_seen": str,
            "quote_count": int,
        },
        pk="id",
        not_null={"name"},
        if_not_exists=True,
    )
    db.table("speaker_aliases").create(
        {"speaker_id": str, "alias": str},
        pk=("speaker_id", "alias"),
        foreign_keys=[("speaker_id", "speakers", "id")],
        if_not_exists=True,
    )
    db.table("quote_groups").create(
        {
            "id": str,
            "speaker_id": str,
            "quote_count": int,
            "outlet_count": int,
            "outlets": str,
            "first_published": str,
            "label": str,
        },
        pk="id",
        foreign_keys=[("speaker_id", "speakers", "id")],
        if_not_exists=True,
    )
    db.table("quotes").create(
        {
            "id": str,
            "article_id": str,
            "outlet_id": str,
            "published": str,
            "speaker_id": str,
            "speaker_mention": str,
            "speaker_name": str,
            "speaker_kind": str,
            "role": str,
            "quote": str,
            "type": str,
            "cue": str,
            "cue_lemma": str,
            "channel": str,
            "via_speaker_id": str,
            "via": str,
            "start": int,
            "end": int,
            "sentence_start": int,
            "sentence_end": int,
            "group_id": str,
        },
        pk="id",
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("outlet_id", "outlets", "id"),
            ("speaker_id", "speakers", "id"),
            ("via_speaker_id", "speakers", "id"),
            ("group_id", "quote_groups", "id"),
        ],
        not_null={"article_id", "quote", "type", "start", "end"},
        if_not_exists=True,
    )
    db.table("quote_facet_counts").create(
        {"facet": str, "value": str, "count": int}, pk=("facet", "value"), if_not_exists=True
    )
    indexes = {
        "articles": [["outlet_id"], ["published"], ["name"]],
        "speakers": [["name"], ["kind"]],
        "speaker_aliases": [["alias"]],
        "quote_groups": [["speaker_id"]],
        # The article's outlet and date are copied onto its quotes so that a million
        # quotes can be filtered and sorted by index, without a join; the trailing
        # columns let one speaker's or outlet's quotes be faceted from the index alone.
        "quotes": [
            ["article_id", "start"],
            ["speaker_id", "published", "outlet_id", "type", "cue_lemma"],
            ["outlet_id", "published", "speaker_id", "type", "cue_lemma"],
            ["published"],
            ["via_speaker_id"],
            ["group_id"],
            ["type"],
            ["cue_lemma"],
        ],
    }
    for table, columns in indexes.items():
        for cols in columns:
            db.table(table).create_index(cols, if_not_exists=True)
    if not db["quotes_fts"].exists():
        db.table("quotes").enable_fts(
            ["quote", "speaker_mention"], create_triggers=True, tokenize="porter"
        )
        for statement in SEARCHED_COLUMNS_TRIGGER:
            db.execute(statement)
    db.create_view("quotes_view", QUOTES_VIEW, replace=True)




@step("002_drop_narrow_indexes")
def _drop_narrow_indexes(db: Database) -> None:
    """Databases of the first releases had per-speaker and per-outlet date indexes that the
    wider covering indexes replaced."""
    for name in ("idx_quotes_speaker_id_published", "idx_quotes_outlet_id_published"):
        db.execute(f"DROP INDEX IF EXISTS [{name}]")


@step("003_no_schema_version")
def _no_schema_version(db: Database) -> None:
    """The schema version lives in _sqlite_migrations now."""
    db.execute("DELETE FROM meta WHERE key = 'schema_version'")


@step("004_incremental_refresh")
def _incremental_refresh(db: Database) -> None:
    """What refresh() needs to redo only what new or changed articles reach: the names and
    speakers those articles added or removed (refresh_queue), each name's match tokens
    (speaker_name_keys, see quotes.canon.reach), and indexes to find quotes by name or role."""
    db.table("refresh_queue").create({"kind": str, "value": str}, pk=("kind", "value"), if_not_exists=True)
    db.table("speaker_name_keys").create(
        {"name": str, "token": str, "words": int}, pk=("name", "token"), if_not_exists=True)
    db.table("speaker_name_keys").create_index(["token"], if_not_exists=True)
    db.table("quotes").create_index(["speaker_name"], if_not_exists=True)
    db.table("quotes").create_index(["via"], if_not_exists=True)
    db.execute("CREATE INDEX IF NOT EXISTS idx_quotes_unnamed_role ON quotes (role, speaker_id) "
               "WHERE speaker_name IS NULL")
    # Tokens are computed by the first full refresh.
    db.execute("DELETE FROM meta WHERE key = 'name_keys'")


@step("005_kept_facet_counts")
def _kept_facet_counts(db: Database) -> None:
    """The facet counts cover every column a reader may facet by and are kept current by
    triggers (see count_facets), in a table without rowids: each change of a count is then one
    b-tree write, not two. And indexes for the pages a facet leads to: the relayed quotes
    (3 % of them in the benchmark) by speaker, so that a speaker page lists who relayed them
    without reading all their quotes; type and cue_lemma with the date, in place of the two
    alone, so that the quotes of one type come in date order from the index instead of all
    being read and sorted."""
    db.execute("DROP TABLE IF EXISTS quote_facet_counts")
    db.execute("CREATE TABLE quote_facet_counts (facet TEXT NOT NULL, value TEXT NOT NULL, "
               "count INTEGER NOT NULL, PRIMARY KEY (facet, value)) WITHOUT ROWID")
    count_facets(db, full=True)
    db.execute("CREATE INDEX IF NOT EXISTS idx_quotes_relayed ON quotes (speaker_id, via_speaker_id, via) "
               "WHERE via_speaker_id IS NOT NULL OR via IS NOT NULL")
    for column in ("type", "cue_lemma"):
        db.execute(f"DROP INDEX IF EXISTS [idx_quotes_{column}]")
        db.table("quotes").create_index([column, "published"], if_not_exists=True)


@step("006_quote_words")
def _quote_words(db: Database) -> None:
    """Each quote's content words (quotes.canon.groups.content_words, space-separated), so
    that a refresh compares a new quote with a speaker's others without reading and splitting
    their text. The rowid is the quote's, and the row goes with it; the next refresh, which
    is full, fills the table."""
    db.execute("CREATE TABLE IF NOT EXISTS quote_words (rowid INTEGER PRIMARY KEY, words TEXT NOT NULL)")
    db.execute("CREATE TRIGGER IF NOT EXISTS quote_words_ad AFTER DELETE ON quotes "
               "BEGIN DELETE FROM quote_words WHERE rowid = old.rowid; END")
    db.execute("DELETE FROM meta WHERE key = 'name_keys'")


@step("007_name_indexes")
def _name_indexes(db: Database) -> None:
    """Indexes that hold all a refresh reads of the quotes of the names and speakers it
    reaches (mentions by name, with kind, role, wording and date; names by speaker), so that
    it reads them from the index alone: visiting each quote's row costs a random read per
    quote, a minute for the half a million quotes of a thousand articles' speakers."""
    db.execute("DROP INDEX IF EXISTS idx_quotes_speaker_name")
    db.execute("DROP INDEX IF EXISTS idx_quotes_via")
    for columns in (["speaker_name", "speaker_kind", "role", "speaker_mention", "published", "speaker_id"],
                    ["via", "published", "via_speaker_id"],
                    ["speaker_id", "speaker_name"],
                    ["via_speaker_id", "via"]):
        db.table("quotes").create_index(columns, if_not_exists=True)


@step("008_kept_mentions")
def _kept_mentions(db: Database) -> None:
    """What a refresh would otherwise count again over every quote of the names it reaches:
    each name's mentions (speaker_mentions: how many quotes say or relay it, by kind, role and
    wording, first and last date) and the speaker each name is given (speaker_names). A
    refresh recounts only the names of the articles stored since, and rewrites the quotes of
    only the names whose speaker changed."""
    db.execute("CREATE TABLE IF NOT EXISTS speaker_mentions (name TEXT NOT NULL, said INTEGER NOT NULL, "
               "kind TEXT, role TEXT, mention TEXT, count INTEGER NOT NULL, first TEXT, last TEXT)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_speaker_mentions_name ON speaker_mentions (name)")
    db.execute("CREATE TABLE IF NOT EXISTS speaker_names (name TEXT PRIMARY KEY, speaker_id TEXT NOT NULL)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_speaker_names_speaker_id ON speaker_names (speaker_id, name)")
    db.execute("DELETE FROM speaker_mentions")
    _count_mentions(db)
    # Every quote of a name points at the name's speaker after a refresh; quotes of names
    # queued since are looked at by the next one.
    db.execute("DELETE FROM speaker_names")
    db.execute(f"INSERT OR IGNORE INTO speaker_names {SPEAKER_OF_NAME}")


@step("009_quote_word_index")
def _quote_word_index(db: Database) -> None:
    """In place of quote_words, each speaker's word index: for each word (and term, see
    quotes.canon.groups.terms) the quotes (rowids, space-separated) of the speaker that
    hold it. A refresh finds what a new quote may join by looking up a few of its words,
    instead of reading every word its speaker said. A quote that leaves its speaker or the
    database stays in the lists it was in until the next full refresh, and is found only to
    be passed over. The next refresh, which is full, fills it and quote_word_counts."""
    db.execute("DROP TRIGGER IF EXISTS quote_words_ad")
    db.execute("DROP TABLE IF EXISTS quote_words")
    db.execute("CREATE TABLE IF NOT EXISTS quote_word_index (speaker_id TEXT NOT NULL, word TEXT NOT NULL, "
               "quotes TEXT NOT NULL, PRIMARY KEY (speaker_id, word)) WITHOUT ROWID")
    # In how many quotes with a speaker each content word is, to look up a new quote's
    # rarest words: a full refresh counts them, others add the quotes stored since.
    db.execute("CREATE TABLE IF NOT EXISTS quote_word_counts (word TEXT PRIMARY KEY, count INTEGER NOT NULL) "
               "WITHOUT ROWID")
    db.execute("DELETE FROM meta WHERE key = 'name_keys'")


@step("010_group_first_quote")
def _group_first_quote(db: Database) -> None:
    """Quotes by group and id, in place of by group alone: a group's id is the hash of its
    first quote's id (quotes.canon.groups.group_id), which a refresh that adds quotes to the
    group then reads from the index, not from every quote of the group."""
    db.execute("DROP INDEX IF EXISTS idx_quotes_group_id")
    db.table("quotes").create_index(["group_id", "id"], if_not_exists=True)


@step("011_recent_words")
def _recent_words(db: Database) -> None:
    """The word index entries of quotes that incremental refreshes added, one row each, until
    they are folded into quote_word_index (see FOLD_RECENT_WORDS): that table's lists are
    spread over all its pages, and appending to a few thousand of them rewrote most of it."""
    db.execute("CREATE TABLE IF NOT EXISTS quote_word_recent (speaker_id TEXT NOT NULL, word TEXT NOT NULL, "
               "quote INTEGER NOT NULL, PRIMARY KEY (speaker_id, word, quote)) WITHOUT ROWID")


SCHEMA_VERSION = STEPS[-1]


def _migrate(db: Database, path: Path) -> None:
    """Bring the database to this version's schema; refuse one a newer version wrote."""
    newer = [m.name for m in migrations.applied(db) if m.name not in STEPS]
    if newer:
        raise ValueError(f"{path}: database has schema version {newer[-1]}, made by a newer version of quotes; "
                         f"this one reads up to {SCHEMA_VERSION}")
    if db["meta"].exists():
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row and row[0] != "2":
            raise ValueError(f"{path}: database has schema version {row[0]}, this version of quotes "
                             f"reads version 2 or {SCHEMA_VERSION}")
    migrations.apply(db)


@contextmanager
def _writing(db: Database) -> Iterator[None]:
    """One write transaction: everything inside is committed together or not at all.

    BEGIN IMMEDIATE takes the write lock up front, so a concurrent writer
    waits (busy_timeout) rather than failing half way through.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


def article_state(db: Database, article_id: str) -> tuple[str, str] | None:
    """(text_hash, extractor_version) of a stored article: same pair, nothing to redo."""
    row = db.execute(
        "SELECT text_hash, extractor_version FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    return (row[0], row[1]) if row else None


def quote_id(article_id: str, start: int, end: int) -> str:
    """Stable id: re-extracting the same span of the same article gives the same id."""
    return hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def save_articles(
    db: Database, batch: list[tuple[Article, list[QuoteRecord]]], extractor_version: str
) -> None:
    """Store articles with their quotes, replacing what was stored for them before.

    The whole batch is one transaction: a crash or a bad record leaves the
    database exactly as it was. Records are checked before anything is written.
    """
    prepared = [(article, _quote_rows(article, records)) for article, records in batch]
    ingested_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with _writing(db):
        for article, rows in prepared:
            _write_article(db, article, rows, extractor_version, ingested_at)
        db.execute(
            "INSERT INTO meta (key, value) VALUES ('extractor_version', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [extractor_version],
        )
        db.execute("INSERT INTO meta (key, value) VALUES ('needs_refresh', '1') ON CONFLICT(key) DO NOTHING")


def _write_article(
    db: Database, article: Article, rows: list[dict], extractor_version: str, ingested_at: str
) -> None:
    outlet_id = None
    if article.outlet:
        outlet_id = slug(article.outlet)
        db.execute(
            "INSERT INTO outlets (id, name) VALUES (?, ?) ON CONFLICT(id) DO NOTHING",
            [outlet_id, article.outlet],
        )
    db.execute(
        """
        INSERT INTO articles (id, name, title, url, outlet_id, published, author, text,
                              text_hash, extractor_version, ingested_at)
        VALUES (:id, :name, :title, :url, :outlet_id, :published, :author, :text,
                :text_hash, :extractor_version, :ingested_at)
        ON CONFLICT(id) DO UPDATE SET
            name = excluded.name, title = excluded.title, url = excluded.url,
            outlet_id = excluded.outlet_id, published = excluded.published,
            author = excluded.author, text = excluded.text, text_hash = excluded.text_hash,
            extractor_version = excluded.extractor_version, ingested_at = excluded.ingested_at
        """,
        {
            "id": article.id,
            "name": article.name,
            "title": article.title,
            "url": article.url,
            "outlet_id": outlet_id,
            "published": article.published,
            "author": article.author,
            "text": article.text,
            "text_hash": article.text_hash,
            "extractor_version": extractor_version,
            "ingested_at": ingested_at,
        },
    )
    # The names and speakers the old version reached must be looked at again by refresh().
    db.execute(
        """INSERT INTO refresh_queue (kind, value)
        SELECT 'name', speaker_name FROM quotes WHERE article_id = :a AND speaker_name IS NOT NULL
        UNION SELECT 'name', via FROM quotes WHERE article_id = :a AND via IS NOT NULL
        UNION SELECT 'speaker', speaker_id FROM quotes WHERE article_id = :a AND speaker_id IS NOT NULL
        UNION SELECT 'speaker', via_speaker_id FROM quotes WHERE article_id = :a AND via_speaker_id IS NOT NULL
        UNION SELECT 'article', :a
        ON CONFLICT DO NOTHING""",
        {"a": article.id},
    )
    db.execute("DELETE FROM quotes WHERE article_id = ?", [article.id])
    for row in rows:
        row["outlet_id"], row["published"] = outlet_id, article.published
    # Until refresh() runs, a quote points at the speaker the last refresh gave its name or,
    # for a name new to the database, at a provisional speaker named as in its article, so
    # foreign keys hold at every commit. The refresh then rewrites only quotes whose
    # speaker changes.
    names = sorted({name for row in rows for name in (row["speaker_name"], row["via"]) if name})
    known = dict(_where_in(db, "SELECT name, speaker_id FROM speaker_names WHERE name IN", names))
    provisional: dict[str, tuple[str, str]] = {}
    for row in rows:
        for name, kind, column in (
            (row["speaker_name"], row["speaker_kind"], "speaker_id"),
            (row["via"], None, "via_speaker_id"),
        ):
            if name in known:
                row[column] = known[name]
            elif name:
                if name not in provisional:
                    provisional[name] = (slug(name), kind_of(name, kind))
                row[column] = provisional[name][0]
    db.conn.executemany(
        "INSERT INTO speakers (id, name, kind, roles, quote_count) VALUES (?, ?, ?, '[]', 0) "
        "ON CONFLICT(id) DO NOTHING",
        sorted((sid, name, kind) for name, (sid, kind) in provisional.items()),
    )
    db.conn.executemany(
        "INSERT INTO refresh_queue (kind, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [("name", name) for name in names] + [("speaker", sid) for sid, _ in provisional.values()],
    )
    if not rows:
        return
    columns = list(rows[0])
    db.conn.executemany(
        f"INSERT INTO quotes ({', '.join(f'[{c}]' for c in columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)})",
        rows,
    )


def _quote_rows(article: Article, records: list[QuoteRecord]) -> list[dict[str, Any]]:
    """Check extraction records and make quotes rows; errors name the article and quote."""
    rows: dict[str, dict[str, Any]] = {}
    article_id = article.id  # a property computed from the text: compute it once
    for number, record in enumerate(records, 1):
        problem = record.problem(len(article.text)) if isinstance(record, QuoteRecord) else \
            f"expected a QuoteRecord, got {type(record).__name__}"
        if problem:
            raise ValueError(f"{article.name}: quote {number}: {problem}")
        qid = quote_id(article_id, record.start, record.end)
        rows.setdefault(  # the same span twice is the same quote: keep the first
            qid,
            {
                "id": qid,
                "article_id": article_id,
                "speaker_id": None,
                "speaker_mention": _text(record.speaker_mention),
                "speaker_name": _text(record.speaker.name),
                "speaker_kind": record.speaker.kind,
                "role": _text(record.speaker.role),
                "quote": record.quote,
                "type": record.type,
                "cue": _text(record.cue),
                "cue_lemma": _text(record.cue_lemma),
                "channel": _text(record.channel),
                "via_speaker_id": None,
                "via": _text(record.via),
                "start": record.start,
                "end": record.end,
                "sentence_start": record.sentence_start,
                "sentence_end": record.sentence_end,
                "group_id": None,
            },
        )
    return list(rows.values())


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


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
    speakers. ``full`` recomputes everything, as the
    first refresh of a database, or one whose canonicalisation rules changed, always does.
    Both give the same result, whatever order articles were ingested in.
    """
    with _writing(db):
        # Speakers and groups are rebuilt while quotes still point at the old
        # ones; foreign keys are checked once, at commit.
        db.execute("PRAGMA defer_foreign_keys = ON")
        if full or _name_keys_stale(db):
            _refresh_speakers(db)
            _resolve_roles(db)
            _regroup_all(db)
            _rebuild_name_keys(db)
        else:
            _refresh_reached(db)
        db.execute("DELETE FROM refresh_queue")
        count_facets(db)
        db.execute("DELETE FROM meta WHERE key = 'needs_refresh'")


@lru_cache(maxsize=1)
def canon_fingerprint() -> str:
    """Changes whenever the code or the word lists that match names change."""
    here = Path(__file__).parent
    digest = hashlib.sha1()
    for path in sorted([*(here / "canon").glob("*.py"), here / "lexicon.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _name_keys_stale(db: Database) -> bool:
    row = db.execute("SELECT value FROM meta WHERE key = 'name_keys'").fetchone()
    return row is None or row[0] != canon_fingerprint()


def _rebuild_name_keys(db: Database) -> None:
    db.execute("DELETE FROM speaker_name_keys")
    names = db.execute("SELECT speaker_name FROM quotes WHERE speaker_name IS NOT NULL "
                       "UNION SELECT via FROM quotes WHERE via IS NOT NULL")
    _add_name_keys(db, (name for (name,) in names))
    db.execute("INSERT INTO meta (key, value) VALUES ('name_keys', ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [canon_fingerprint()])


def _add_name_keys(db: Database, names: Iterable[str]) -> None:
    db.conn.executemany(
        "INSERT INTO speaker_name_keys (name, token, words) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        ((name, token, words) for name in names for token, words in reach.tokens(name)),
    )


# The speaker of each name, as the quotes that say or relay it point at.
SPEAKER_OF_NAME = ("SELECT speaker_name, speaker_id FROM quotes WHERE speaker_name IS NOT NULL "
                   "AND speaker_id IS NOT NULL UNION ALL SELECT via, via_speaker_id FROM quotes "
                   "WHERE via IS NOT NULL AND via_speaker_id IS NOT NULL")


# cluster() sees the mentions in one order, however they were counted.
MENTION_ORDER = "said DESC, name, kind, role, mention"


def _count_mentions(db: Database, scope: str = "") -> None:
    """Add the mentions of every name (with ``scope``, an SQL list of names: of those) to
    speaker_mentions; the indexes on quotes by name hold all that is read."""
    where = f"AND {{}} IN {scope}" if scope else ""
    db.execute(
        "INSERT INTO speaker_mentions SELECT speaker_name, 1, speaker_kind, role, speaker_mention, count(*), "
        f"min(published), max(published) FROM quotes WHERE speaker_name IS NOT NULL {where.format('speaker_name')} "
        "GROUP BY speaker_name, speaker_kind, role, speaker_mention")
    db.execute(
        "INSERT INTO speaker_mentions SELECT via, 0, NULL, NULL, NULL, count(*), min(published), max(published) "
        f"FROM quotes WHERE via IS NOT NULL {where.format('via')} GROUP BY via")


def _refresh_speakers(db: Database, scoped: bool = False,
                      clustered: dict[str, Speaker] | None = None) -> tuple[set[str], set[str]]:
    """Cluster the names (those in temp.reach_names when ``scoped``) into speakers, replace
    the speakers they had (those in temp.reach_ids) and point their quotes at the new ones.
    Returns the ids of the speakers written, and of those some quote left or joined.

    The mentions come from speaker_mentions, which a full refresh counts again first; a
    scoped one rewrites the quotes stored since the last refresh and those of the names
    whose speaker changed, the other quotes of the names reached already point right.
    """
    if not scoped:
        db.execute("DELETE FROM speaker_mentions")
        _count_mentions(db)
    scope = "AND name IN (SELECT value FROM temp.reach_names)" if scoped else ""
    mentions = db.execute(f"SELECT name, said, kind, role, mention, count, first, last FROM speaker_mentions "
                          f"WHERE 1 {scope} ORDER BY {MENTION_ORDER}").fetchall()
    speakers = clustered if clustered is not None else cluster(_as_mentions(mentions))

    quote_count: Counter[str] = Counter()
    seen: dict[str, list[str]] = defaultdict(list)
    for name, said, _, _, _, n, first, last in mentions:
        if name.strip() in speakers:
            sid = speakers[name.strip()].id
            quote_count[sid] += n if said else 0
            seen[sid] += [d for d in (first, last) if d]
    if scoped:
        # Quotes that name only a role count for the person holding it; those that change
        # holder are counted again after _resolve_roles.
        quote_count.update(dict(db.execute(
            "SELECT speaker_id, count(*) FROM quotes WHERE speaker_name IS NULL AND speaker_id IS NOT NULL "
            "GROUP BY speaker_id")))

    unique = {s.id: s for s in speakers.values()}
    rows = {(s.id, s.name, s.kind, json.dumps(s.roles, ensure_ascii=False), min(seen[s.id], default=None),
             max(seen[s.id], default=None), quote_count[s.id]) for s in unique.values()}
    aliases = {(s.id, alias) for s in unique.values() for alias in s.aliases}
    if scoped:
        # Only rows that change are written: most speakers reached keep theirs.
        reached = "IN (SELECT value FROM temp.reach_ids)"
        had = set(db.execute(f"SELECT id, name, kind, roles, first_seen, last_seen, quote_count FROM speakers "
                             f"WHERE id {reached}"))
        had_aliases = set(db.execute(f"SELECT speaker_id, alias FROM speaker_aliases WHERE speaker_id {reached}"))
        db.conn.executemany("DELETE FROM speaker_aliases WHERE speaker_id = ? AND alias = ?", had_aliases - aliases)
        db.conn.executemany("DELETE FROM speakers WHERE id = ?", [row[:1] for row in had - rows])
        rows -= had
        aliases -= had_aliases
    else:
        db.execute("DELETE FROM quote_groups")
        db.execute("DELETE FROM speaker_aliases")
        db.execute("DELETE FROM speakers")
    db.conn.executemany("INSERT INTO speakers (id, name, kind, roles, first_seen, last_seen, quote_count) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", sorted(rows, key=repr))
    db.conn.executemany("INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)", sorted(aliases))
    mapped = {name: speakers[name.strip()].id for name in {row[0] for row in mentions} if name.strip() in speakers}
    db.execute("CREATE TEMP TABLE IF NOT EXISTS speaker_map (name TEXT PRIMARY KEY, speaker_id)")
    db.execute("DELETE FROM temp.speaker_map")
    db.conn.executemany("INSERT INTO temp.speaker_map VALUES (?, ?)", mapped.items())
    # Only rows whose value changes are written.
    said_by = "(SELECT speaker_id FROM temp.speaker_map WHERE name = quotes.speaker_name)"
    relayed_by = "(SELECT speaker_id FROM temp.speaker_map WHERE name = quotes.via)"
    changed: set[str] = set()
    if scoped:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS rewritten (value TEXT PRIMARY KEY)")
        db.execute("DELETE FROM temp.rewritten")
        db.execute("INSERT INTO temp.rewritten SELECT r.value FROM temp.reach_names r "
                   "LEFT JOIN speaker_names n ON n.name = r.value LEFT JOIN temp.speaker_map m ON m.name = r.value "
                   "WHERE n.speaker_id IS NOT m.speaker_id")
        stored = "article_id IN (SELECT value FROM refresh_queue WHERE kind = 'article')"
        for pair in db.execute(f"SELECT DISTINCT speaker_id, {said_by} FROM quotes WHERE (speaker_name IN "
                               f"(SELECT value FROM temp.rewritten) OR {stored}) AND speaker_id IS NOT {said_by}"):
            changed |= {sid for sid in pair if sid}
        db.execute(f"UPDATE quotes SET speaker_id = {said_by} WHERE (speaker_name IN "
                   f"(SELECT value FROM temp.rewritten) OR {stored}) AND speaker_id IS NOT {said_by}")
        db.execute(f"UPDATE quotes SET via_speaker_id = {relayed_by} WHERE (via IN "
                   f"(SELECT value FROM temp.rewritten) OR {stored}) AND via_speaker_id IS NOT {relayed_by}")
        db.execute("DELETE FROM speaker_names WHERE name IN (SELECT value FROM temp.rewritten)")
        db.execute("DROP TABLE temp.rewritten")
    else:
        db.execute(
            f"UPDATE quotes SET speaker_id = {said_by}, via_speaker_id = {relayed_by} "
            f"WHERE speaker_id IS NOT {said_by} OR via_speaker_id IS NOT {relayed_by}"
        )
        db.execute("DELETE FROM speaker_names")
    db.execute("INSERT OR IGNORE INTO speaker_names SELECT name, speaker_id FROM temp.speaker_map")
    db.execute("DROP TABLE temp.speaker_map")
    return set(unique), changed


def _as_mentions(rows: Iterable[tuple]) -> list[Mention]:
    """speaker_mentions rows as cluster() takes them."""
    return [Mention(name, kind, role, mention, n) if said else Mention(name, count=n)
            for name, said, kind, role, mention, n, *_ in rows]


def _refresh_reached(db: Database) -> None:
    """The incremental refresh: see :func:`refresh`."""
    queued = db.execute("SELECT kind, value FROM refresh_queue").fetchall()
    if not queued:
        return
    for table in ("reach_names", "reach_ids", "reach_front", "reach_new_ids"):
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} (value TEXT PRIMARY KEY)")
        db.execute(f"DELETE FROM temp.{table}")
    names = [value for kind, value in queued if kind == "name"]
    _add_name_keys(db, (n for n in names if not db.execute(
        "SELECT 1 FROM speaker_name_keys WHERE name = ?", [n]).fetchone()))
    queued_names = "(SELECT value FROM refresh_queue WHERE kind = 'name')"
    # The names of a speaker all have its kind.
    kinds_before = dict(db.execute(f"SELECT n.name, s.kind FROM speaker_names n JOIN speakers s "
                                   f"ON s.id = n.speaker_id WHERE n.name IN {queued_names}"))
    db.execute(f"DELETE FROM speaker_mentions WHERE name IN {queued_names}")
    _count_mentions(db, queued_names)
    kinds_after = _kinds_of(db, queued_names)
    # A name that came, went or changed kind may change which names go together: every name
    # a chain of relations leads to from it is clustered again, together. Any other name
    # queued keeps its speaker's names, which are clustered alone (see _cluster_alone).
    moved = {name for name in names if name != name.strip()
             or kinds_before.get(name) is None or kinds_before.get(name) != kinds_after.get(name)}
    alone = {value for kind, value in queued if kind == "speaker"}
    alone |= {sid for (sid,) in _where_in(db, "SELECT DISTINCT speaker_id FROM speaker_names WHERE name IN",
                                          sorted(set(names) - moved))}
    _reach(db, moved)
    # Clustered before _cluster_alone adds its names to the reach.
    fresh = cluster(_mentions_of(db), numbered=False)
    ids = alone | {sid for (sid,) in db.execute("SELECT value FROM temp.reach_ids")}
    fresh |= _cluster_alone(db, alone)
    clustered: dict[str, Speaker] = {}
    checked: set[str] = set()
    while fresh:
        clustered |= fresh
        # Speakers whose names slug alike number themselves in one order ("kim", "kim-2"):
        # all of them are reached, or none.
        bases = {slug(name) for (name,) in _where_in(db, "SELECT name FROM speakers WHERE id IN", sorted(ids))}
        bases = (bases | {slug(s.name) for s in fresh.values()}) - checked
        checked |= bases
        ids = {sid for base in sorted(bases) for (sid,) in db.execute(
            "SELECT id FROM speakers WHERE (id = :b OR (id > :b || '-' AND id < :b || '.')) "
            "AND id NOT IN (SELECT value FROM temp.reach_ids)", {"b": base})}
        fresh = _cluster_alone(db, ids)
    distinguish(list({id(s): s for s in clustered.values()}.values()))
    # Quotes that change speaker are new to the one they join (see _regroup_reached).
    db.execute("CREATE TEMP TABLE IF NOT EXISTS added (value INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.added")
    db.execute("CREATE TEMP TRIGGER IF NOT EXISTS quote_moved AFTER UPDATE OF speaker_id ON main.quotes "
               "WHEN old.speaker_id IS NOT new.speaker_id "
               "BEGIN INSERT OR IGNORE INTO added VALUES (new.rowid); END")
    _, changed = _refresh_speakers(db, scoped=True, clustered=clustered)
    moved = _resolve_roles(db, scoped=True)
    db.execute("DROP TRIGGER temp.quote_moved")
    db.execute("INSERT OR IGNORE INTO temp.added SELECT rowid FROM quotes WHERE article_id IN "
               "(SELECT value FROM refresh_queue WHERE kind = 'article')")
    # The speakers whose set of quotes changed (a quote joined or left them, or was stored,
    # replaced or removed since the last refresh) get their counts and groups brought up to
    # date. Any other speaker reached keeps its quotes, and so its groups.
    changed |= moved | {value for kind, value in queued if kind == "speaker"}
    changed |= {sid for (sid,) in db.execute(
        "SELECT DISTINCT speaker_id FROM quotes WHERE article_id IN "
        "(SELECT value FROM refresh_queue WHERE kind = 'article') AND speaker_id IS NOT NULL")}
    db.execute("CREATE TEMP TABLE IF NOT EXISTS affected (id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM temp.affected")
    db.conn.executemany("INSERT INTO temp.affected VALUES (?)", [(sid,) for sid in changed])
    db.execute("UPDATE speakers SET quote_count = (SELECT count(*) FROM quotes WHERE speaker_id = speakers.id) "
               "WHERE id IN (SELECT id FROM temp.affected)")
    _regroup_reached(db)
    # Names no quote uses any more lose their tokens.
    db.execute(
        "DELETE FROM speaker_name_keys WHERE name IN (SELECT value FROM temp.reach_names) "
        "AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_name = speaker_name_keys.name) "
        "AND NOT EXISTS (SELECT 1 FROM quotes WHERE via = speaker_name_keys.name)"
    )
    for table in ("reach_names", "reach_ids", "reach_front", "reach_new_ids", "affected", "added", "broken"):
        db.execute(f"DROP TABLE IF EXISTS temp.{table}")


def _kinds_of(db: Database, scope: str) -> dict[str, str]:
    """The kind (:func:`quotes.canon.speakers.name_kinds`) of each name of ``scope`` (an SQL
    list) that speaker_mentions holds, keyed by the name as stored."""
    rows = db.execute(f"SELECT name, said, kind, role, mention, count FROM speaker_mentions "
                      f"WHERE name IN {scope}").fetchall()
    found = name_kinds(_as_mentions(rows))
    return {row[0]: found[row[0].strip()] for row in rows if row[0].strip()}


def _cluster_alone(db: Database, ids: set[str]) -> dict[str, Speaker]:
    """The speaker (:func:`quotes.canon.speakers.speaker_of`) of the names of each speaker
    of ``ids`` not reached yet, which are added to the reach with their names.

    No name of these speakers came, went or changed kind since they were clustered, and
    those are all cluster() looks at to put names together: it puts them together again,
    and with no other name. Only their counts, roles and wordings may have changed, which
    shape each speaker's name, aliases and roles.
    """
    db.execute("DELETE FROM temp.reach_new_ids")
    db.conn.executemany("INSERT OR IGNORE INTO temp.reach_new_ids VALUES (?)", [(i,) for i in ids])
    db.execute("DELETE FROM temp.reach_new_ids WHERE value IN (SELECT value FROM temp.reach_ids)")
    db.execute("INSERT INTO temp.reach_ids SELECT value FROM temp.reach_new_ids")
    db.execute("INSERT INTO temp.reach_names SELECT name FROM speaker_names "
               "WHERE speaker_id IN (SELECT value FROM temp.reach_new_ids)")
    rows = db.execute(
        "SELECT * FROM (SELECT n.speaker_id AS speaker, m.name, said, kind, role, mention, count "
        "FROM temp.reach_new_ids i CROSS JOIN speaker_names n ON n.speaker_id = i.value "
        f"CROSS JOIN speaker_mentions m ON m.name = n.name) ORDER BY speaker, {MENTION_ORDER}")
    clustered: dict[str, Speaker] = {}
    for _, found in groupby(rows, key=lambda row: row[0]):
        mentions = _as_mentions(row[1:] for row in found)
        speaker = speaker_of(mentions)
        clustered.update((m.name.strip(), speaker) for m in mentions if m.name.strip())
    return clustered


def _mentions_of(db: Database) -> list[Mention]:
    """The mentions of the names in temp.reach_names (column ``value``)."""
    return _as_mentions(db.execute("SELECT name, said, kind, role, mention, count FROM speaker_mentions "
                                   f"WHERE name IN (SELECT value FROM temp.reach_names) ORDER BY {MENTION_ORDER}"))


# The token a name related through k1.token holds (quotes.canon.reach): s: and e: meet each
# other, as a: and x: do; every other token meets itself (institutions are matched by their
# counts of words).
PARTNER = ("CASE substr(k1.token, 1, 2) WHEN 's:' THEN 'e:' || substr(k1.token, 3) "
           "WHEN 'e:' THEN 's:' || substr(k1.token, 3) WHEN 'a:' THEN 'x:' || substr(k1.token, 3) "
           "WHEN 'x:' THEN 'a:' || substr(k1.token, 3) ELSE k1.token END")


def _reach(db: Database, front: set[str]) -> None:
    """Grow temp.reach_names and temp.reach_ids from the names ``front`` until closed: from a
    name to every name cluster() can relate it to (its tokens) and to the speaker it was
    given (speaker_names); from a speaker to every name given it."""
    while front:
        db.execute("DELETE FROM temp.reach_front")
        db.conn.executemany("INSERT OR IGNORE INTO temp.reach_front VALUES (?)", [(n,) for n in front])
        db.execute("DELETE FROM temp.reach_front WHERE value IN (SELECT value FROM temp.reach_names)")
        db.execute("INSERT INTO temp.reach_names SELECT value FROM temp.reach_front")
        db.execute("DELETE FROM temp.reach_new_ids")
        db.execute("INSERT OR IGNORE INTO temp.reach_new_ids SELECT speaker_id FROM speaker_names "
                   "WHERE name IN (SELECT value FROM temp.reach_front)")
        db.execute("DELETE FROM temp.reach_new_ids WHERE value IN (SELECT value FROM temp.reach_ids)")
        db.execute("INSERT INTO temp.reach_ids SELECT value FROM temp.reach_new_ids")
        found = {name for (name,) in db.execute(
            f"""SELECT name FROM speaker_names WHERE speaker_id IN (SELECT value FROM temp.reach_new_ids)
            UNION SELECT k2.name FROM temp.reach_front f
                CROSS JOIN speaker_name_keys k1 ON k1.name = f.value AND substr(k1.token, 1, 2) != 'i:'
                JOIN speaker_name_keys k2 ON k2.token = {PARTNER}
            UNION SELECT name FROM (
                SELECT k2.name, count(*) AS shared, max(k1.words) AS mine, max(k2.words) AS theirs
                FROM temp.reach_front f
                CROSS JOIN speaker_name_keys k1 ON k1.name = f.value AND substr(k1.token, 1, 2) = 'i:'
                JOIN speaker_name_keys k2 ON k2.token = k1.token
                GROUP BY f.value, k2.name)
            WHERE shared = mine OR shared = theirs""")}
        front = found - {name for (name,) in db.execute("SELECT value FROM temp.reach_names")}


def _resolve_roles(db: Database, scoped: bool = False) -> set[str]:
    """Give a quote whose article named only a role ("the chief of NATO") the one person the
    database knows in that role ("NATO Secretary-General Mark Rutte"); otherwise leave it
    unresolved with the role kept. Returns the speakers that gained or lost such quotes."""
    holders = {
        speaker: json.loads(roles)
        for speaker, roles in db.execute("SELECT id, roles FROM speakers WHERE kind = 'person' AND roles != '[]'")
    }
    index = role_index(holders)
    roles = [role for (role,) in db.execute(
        "SELECT DISTINCT role FROM quotes WHERE speaker_name IS NULL AND role IS NOT NULL")]
    moved: set[str] = set()
    for role in roles:
        holder = role_holder(role, index)
        before = {sid for (sid,) in db.execute(
            "SELECT DISTINCT speaker_id FROM quotes WHERE speaker_name IS NULL AND role = ? "
            "AND speaker_id IS NOT ?", [role, holder])}
        if not before and not db.execute(
                "SELECT 1 FROM quotes WHERE speaker_name IS NULL AND role = ? AND speaker_id IS NOT ? LIMIT 1",
                [role, holder]).fetchone():
            continue
        moved |= before | ({holder} if holder else set())
        db.execute(
            "UPDATE quotes SET speaker_id = ? WHERE speaker_name IS NULL AND role = ? AND speaker_id IS NOT ?",
            [holder, role, holder],
        )
    if not scoped:
        db.execute(
            "UPDATE speakers SET quote_count = (SELECT count(*) FROM quotes WHERE speaker_id = speakers.id) "
            "WHERE id IN (SELECT speaker_id FROM quotes WHERE speaker_name IS NULL AND speaker_id IS NOT NULL)"
        )
    return moved


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
        db.execute(statement)
    db.execute("DELETE FROM quote_facet_counts")
    for facet, expression in FACET_EXPRESSIONS.items():
        db.execute(
            "INSERT INTO quote_facet_counts (facet, value, count) "
            f"SELECT ?, value, count(*) FROM (SELECT {expression.format(row='quotes')} AS value FROM quotes) "
            "WHERE value IS NOT NULL GROUP BY value",
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


def _regroup_all(db: Database) -> None:
    """Group each speaker's quotes that report the same statement in different articles, and
    index every speaker's words for the incremental refresh (quote_word_index).

    One speaker's quotes are held in memory at a time, never article texts.
    """
    groups = _GroupWrites(_sources(db))
    db.execute("DELETE FROM quote_word_index")
    db.execute("DELETE FROM quote_word_recent")
    seen: Counter[str] = Counter()
    # A sequential scan and a sort is much faster than visiting quotes in index order;
    # the index is written in its own order, speaker by speaker.
    rows = db.execute(
        "SELECT rowid, speaker_id, id, article_id, type, quote FROM quotes NOT INDEXED ORDER BY speaker_id")
    for speaker_id, found in groupby(rows, key=lambda row: row[1]):
        if speaker_id is None:
            continue
        bucket = list(found)
        words = [content_words(row[5]) for row in bucket]
        for ws in words:
            seen.update(ws)
        _index_words(db, speaker_id, [row[0] for row in bucket], words, [row[4] for row in bucket])
        groups.add(speaker_id, same_statements([row[1:] for row in bucket], words))
    groups.write(db, everywhere=True)
    db.execute("DELETE FROM quote_word_counts")
    db.conn.executemany("INSERT INTO quote_word_counts VALUES (?, ?)", sorted(seen.items()))


def _index_words(db: Database, speaker_id: str, rowids: list[int], words: list[frozenset[str]],
                 kinds: list[str], recent: bool = False) -> None:
    """Add quotes of ``speaker_id`` to its word index, or (``recent``) to quote_word_recent."""
    holding: dict[str, list[int]] = defaultdict(list)
    for rowid, ws, kind in zip(rowids, words, kinds, strict=True):
        for term in terms(ws, kind):
            holding[term].append(rowid)
    if recent:
        db.conn.executemany("INSERT OR IGNORE INTO quote_word_recent VALUES (?, ?, ?)",
                            [(speaker_id, term, rowid) for term in sorted(holding) for rowid in holding[term]])
        return
    db.conn.executemany(
        "INSERT INTO quote_word_index VALUES (?, ?, ?)",
        [(speaker_id, term, " ".join(map(str, sorted(holding[term])))) for term in sorted(holding)])


# An incremental refresh adds the words of new quotes to quote_word_recent, a small table,
# and folds it into quote_word_index once it holds more entries than this share of the
# number of quotes (a quote has ten to twenty terms): each fold rewrites most of the index.
FOLD_RECENT_WORDS = 0.5


def _fold_recent_words(db: Database) -> None:
    """Fold quote_word_recent into quote_word_index when it has grown (FOLD_RECENT_WORDS)."""
    held = db.execute("SELECT count(*) FROM quote_word_recent").fetchone()[0]
    if not held or held <= FOLD_RECENT_WORDS * db.execute("SELECT coalesce(max(rowid), 0) FROM quotes").fetchone()[0]:
        return
    db.execute(
        "INSERT INTO quote_word_index SELECT speaker_id, word, group_concat(quote, ' ') "
        "FROM (SELECT * FROM quote_word_recent ORDER BY speaker_id, word, quote) GROUP BY speaker_id, word "
        "ON CONFLICT DO UPDATE SET quotes = quotes || ' ' || excluded.quotes")
    db.execute("DELETE FROM quote_word_recent")


def _regroup_reached(db: Database) -> None:
    """Bring the quote groups up to date after quotes were added to, moved between or removed
    from the speakers in temp.affected; temp.added holds the quotes (rowids) new to their
    speaker since the last refresh.

    Removing quotes can only split the groups they were in, so such a group is regrouped from
    what is left of it. Adding quotes can only join groups, so each new quote is compared
    only with the quotes of its speaker that share enough words with it to match it (found
    through the word index, quote_word_index and quote_word_recent, which the new quotes are
    added to; see :func:`quotes.canon.groups.probes`), and what it matches is joined. A
    speaker that gained more than a quarter of its quotes is regrouped whole. The result
    equals :func:`_regroup_all`'s.
    """
    # Groups lose quotes that move to another speaker, and those of the articles' old
    # versions, whose speakers are queued.
    db.execute("CREATE TEMP TABLE IF NOT EXISTS broken (id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM temp.broken")
    db.execute("INSERT OR IGNORE INTO temp.broken SELECT group_id FROM quotes "
               "WHERE rowid IN (SELECT value FROM temp.added) AND group_id IS NOT NULL")
    db.execute("INSERT OR IGNORE INTO temp.broken SELECT id FROM quote_groups "
               "WHERE speaker_id IN (SELECT value FROM refresh_queue WHERE kind = 'speaker')")
    db.execute("UPDATE quotes SET group_id = NULL WHERE rowid IN (SELECT value FROM temp.added) "
               "AND group_id IS NOT NULL")
    groups = _GroupWrites(lambda ids: _sources(db, ids))
    for group, speaker_id in db.execute(
            "SELECT id, speaker_id FROM quote_groups WHERE id IN (SELECT id FROM temp.broken) "
            "AND quote_count != (SELECT count(*) FROM quotes WHERE group_id = quote_groups.id)").fetchall():
        left = db.execute("SELECT speaker_id, id, article_id, type, quote FROM quotes WHERE group_id = ?",
                          [group]).fetchall()
        groups.replace([group], speaker_id, same_statements(left))
    groups.write(db)
    added = db.execute("SELECT speaker_id, rowid, id, article_id, type, quote FROM quotes "
                       "WHERE rowid IN (SELECT value FROM temp.added) AND speaker_id IS NOT NULL "
                       "ORDER BY speaker_id").fetchall()
    words = {row[1]: content_words(row[5]) for row in added}
    # The quotes stored since the last refresh are all in temp.added.
    stored = {article for (article,) in db.execute("SELECT value FROM refresh_queue WHERE kind = 'article'")}
    counted = Counter(word for row in added if row[3] in stored for word in words[row[1]])
    db.conn.executemany("INSERT INTO quote_word_counts VALUES (?, ?) ON CONFLICT DO UPDATE SET count = count + "
                        "excluded.count", counted.items())
    seen = dict(_where_in(db, "SELECT word, count FROM quote_word_counts WHERE word IN",
                          sorted(set().union(*words.values()))))
    for speaker_id, found in groupby(added, key=lambda row: row[0]):
        theirs = list(found)
        bucket = {row[1]: Said(row[3], row[4], words[row[1]]) for row in theirs}
        bucket_rows = {row[1]: row[2:] for row in theirs}
        _index_words(db, speaker_id, list(bucket), [said.words for said in bucket.values()],
                     [said.kind for said in bucket.values()], recent=True)
        quoted = db.execute("SELECT quote_count FROM speakers WHERE id = ?", [speaker_id]).fetchone()[0]
        if 4 * len(bucket) > quoted:
            old = [group for (group,) in db.execute("SELECT id FROM quote_groups WHERE speaker_id = ?",
                                                    [speaker_id])]
            everything = db.execute("SELECT speaker_id, id, article_id, type, quote FROM quotes "
                                    "WHERE speaker_id = ?", [speaker_id]).fetchall()
            groups.replace(old, speaker_id, same_statements(everything))
            continue
        near = _candidates(db, speaker_id, bucket, seen)
        sharing = sorted(set().union(*near.values()) - set(bucket))
        rows = {rowid: (quote_id, article_id, kind, quote, group) for rowid, quote_id, article_id, kind, quote, group
                in _where_in(db, "SELECT rowid, id, article_id, type, quote, group_id FROM quotes "
                                 "WHERE speaker_id = ? AND rowid IN", sharing, [speaker_id])}
        units = {rowid: f"g:{row[4]}" if row[4] else f"q:{rowid}" for rowid, row in rows.items()}
        units.update((rowid, f"q:{rowid}") for rowid in bucket)
        for members in joined(_Quotes(bucket, rows), units, near):
            lone = [(speaker_id, *(rows[rowid][:4] if rowid in rows else bucket_rows[rowid]))
                    for rowid in (int(unit[2:]) for unit in members if unit.startswith("q:"))]
            groups.join(speaker_id, [unit[2:] for unit in members if unit.startswith("g:")], lone)
    groups.write(db)
    _fold_recent_words(db)


class _Quotes(Mapping[int, Said]):
    """A speaker's new quotes (``new``) and the stored ones they may match (``rows``: id,
    article, type, text, group), by rowid: a stored quote's words are found when joined()
    first compares it, which it does not for most quotes of a group a new quote joined."""

    def __init__(self, new: dict[int, Said], rows: dict[int, tuple]) -> None:
        self.new, self.rows = new, rows
        self.found: dict[int, Said] = {}

    def __getitem__(self, rowid: int) -> Said:
        if rowid in self.new:
            return self.new[rowid]
        if rowid not in self.found:
            _, article, kind, text, _ = self.rows[rowid]
            self.found[rowid] = Said(article, kind, content_words(text))
        return self.found[rowid]

    def __contains__(self, rowid: object) -> bool:
        return rowid in self.new or rowid in self.rows

    def __iter__(self) -> Iterator[int]:
        return chain(self.new, self.rows)

    def __len__(self) -> int:
        return len(self.new) + len(self.rows)


def _candidates(db: Database, speaker_id: str, new: dict[int, Said], seen: Mapping[str, int]) -> dict[int, set[int]]:
    """For each of the ``new`` quotes of ``speaker_id``, the quotes (rowids) its
    :func:`quotes.canon.groups.probes` find in the speaker's word index (``seen``: how many
    quotes hold each word). Some may have left the speaker or the database since they were
    indexed: :func:`joined` decides."""
    asked = {(said.words, said.kind): probes(said.words, said.kind, seen) for said in new.values()}
    wanted = sorted({term for probe in asked.values() for term in (*probe.shared, *probe.contained)})
    lists: dict[str, list[int]] = defaultdict(list)
    for term, rowids in _where_in(
            db, "SELECT word, quotes FROM quote_word_index WHERE speaker_id = ? AND word IN", wanted, [speaker_id]):
        lists[term] += map(int, rowids.split())
    for term, rowid in _where_in(
            db, "SELECT word, quote FROM quote_word_recent WHERE speaker_id = ? AND word IN", wanted, [speaker_id]):
        lists[term].append(rowid)
    found = {key: probe.among(lists) for key, probe in asked.items()}
    return {rowid: found[said.words, said.kind] for rowid, said in new.items()}


def _where_in(db: Database, query: str, values: list, before: Sequence[Any] = ()) -> Iterator[tuple]:
    """The rows of ``query`` (ending in "IN", with ``before`` the values of its other
    parameters) for ``values``, a few hundred at a time: SQLite limits the number of
    parameters of a statement."""
    for chunk in range(0, len(values), 500):
        part = values[chunk:chunk + 500]
        yield from db.execute(f"{query} ({', '.join('?' * len(part))})", [*before, *part])


def _sources(db: Database, article_ids: Iterable[str] | None = None) -> dict[str, tuple[str | None, str | None]]:
    """(published, outlet name) of the articles given, or of all."""
    query = "SELECT a.id, a.published, o.name FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id"
    if article_ids is None:
        return {article_id: (published, outlet) for article_id, published, outlet in db.execute(query)}
    return {article_id: (published, outlet) for article_id, published, outlet in
            _where_in(db, f"{query} WHERE a.id IN", sorted(set(article_ids)))}


class _GroupWrites:
    """Quote groups to store, and the groups they replace: all written at once, so that the
    quotes they take from each other never point at a group that is gone."""

    def __init__(self, sources: dict[str, tuple[str | None, str | None]]
                 | Callable[[Iterable[str]], dict[str, tuple[str | None, str | None]]]):
        self.sources = sources
        self.groups: list[tuple[str, list[tuple]]] = []
        self.dropped: list[str] = []
        self.joins: list[tuple[str, list[str], list[tuple]]] = []

    def add(self, speaker_id: str, groups: list[list[tuple]]) -> None:
        """Groups of one speaker's quotes (rows: speaker, id, article, type, quote)."""
        self.groups += [(speaker_id, group) for group in groups if len(group) > 1]

    def replace(self, old: Iterable[str], speaker_id: str, groups: list[list[tuple]]) -> None:
        self.dropped += old
        self.add(speaker_id, groups)

    def join(self, speaker_id: str, groups: list[str], quotes: list[tuple]) -> None:
        """One group of ``groups`` (ids) and ``quotes`` (rows) that new quotes joined: it is
        made from the groups' records and the rows, without reading the groups' quotes."""
        self.joins.append((speaker_id, groups, quotes))

    def write(self, db: Database, everywhere: bool = False) -> None:
        """Store the groups; ``everywhere`` when they are all the groups there are."""
        sources = self.sources if isinstance(self.sources, dict) else self.sources(
            [row[2] for _, group in self.groups for row in group]
            + [row[2] for _, _, quotes in self.joins for row in quotes])
        for speaker_id, merged, quotes in self.joins:
            self._write_join(db, sources, speaker_id, merged, quotes)
        records, members = [], []
        for speaker_id, group in self.groups:
            ids = sorted(row[1] for row in group)
            key = group_id(ids)
            records.append(_group_record(key, speaker_id, group, sources))
            members += [(quote_id, key) for quote_id in ids]
        for table in ("old_groups", "group_members"):
            db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} (id TEXT PRIMARY KEY, group_id TEXT)")
            db.execute(f"DELETE FROM temp.{table}")
        db.conn.executemany("INSERT OR IGNORE INTO temp.old_groups (id) VALUES (?)", [(g,) for g in self.dropped])
        db.conn.executemany("INSERT INTO temp.group_members VALUES (?, ?)", members)
        db.execute("DELETE FROM quote_groups WHERE id IN (SELECT id FROM temp.old_groups)")
        db.conn.executemany(f"INSERT INTO quote_groups ({GROUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", records)
        grouped_as = "(SELECT group_id FROM temp.group_members WHERE id = quotes.id)"
        if everywhere:
            db.execute(f"UPDATE quotes SET group_id = {grouped_as} WHERE group_id IS NOT {grouped_as}")
        else:
            db.execute(f"UPDATE quotes SET group_id = {grouped_as} WHERE (group_id IN (SELECT id FROM temp.old_groups) "
                       f"OR id IN (SELECT id FROM temp.group_members)) AND group_id IS NOT {grouped_as}")
        db.execute("DROP TABLE temp.old_groups")
        db.execute("DROP TABLE temp.group_members")
        self.groups, self.dropped, self.joins = [], [], []

    @staticmethod
    def _write_join(db: Database, sources: dict[str, tuple[str | None, str | None]], speaker_id: str,
                    merged: list[str], quotes: list[tuple]) -> None:
        """The record of the joined group is that of :func:`_group_record` over all its
        quotes: its count, outlets and first date add up, its first quote and its label are
        the first of the groups' own and of the rows'. Only the quotes of groups whose id is
        not the new group's are pointed at it again."""
        record = _group_record("", speaker_id, quotes, sources)
        count, outlets, first = record[2], set(json.loads(record[4])), record[5]
        firsts, labels = [row[1] for row in quotes], [_label_key(row, sources) for row in quotes]
        their_labels: dict[str, str] = {}
        for group in merged:
            n, theirs, their_first, their_labels[group] = db.execute(
                "SELECT quote_count, outlets, first_published, label FROM quote_groups WHERE id = ?",
                [group]).fetchone()
            count += n
            outlets.update(json.loads(theirs))
            first = min(filter(None, [first, their_first]), default=None)
            firsts += db.execute("SELECT min(id) FROM quotes WHERE group_id = ?", [group]).fetchone()
        # A group's label is its longest quote. When the longest quotes of all have one
        # wording, that is the label; otherwise the groups among them look up which of
        # their quotes holds the label, to break the tie.
        size = max(len(wording) for wording in [*their_labels.values(), *(label[3] for label in labels)])
        tied = [group for group, wording in their_labels.items() if len(wording) == size]
        wordings = {their_labels[group] for group in tied} | {label[3] for label in labels if -label[0] == size}
        if len(wordings) > 1:
            labels += [db.execute(LABEL_OF_GROUP, [group]).fetchone() for group in tied]
        key = group_id(firsts)
        db.execute(f"DELETE FROM quote_groups WHERE id IN ({', '.join('?' * len(merged))})", merged)
        db.execute(f"INSERT INTO quote_groups ({GROUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [key, speaker_id, count, len(outlets), json.dumps(sorted(outlets), ensure_ascii=False), first,
                    wordings.pop() if len(wordings) == 1 else min(labels)[3]])
        for group in merged:
            if group != key:
                db.execute("UPDATE quotes SET group_id = ? WHERE group_id = ?", [key, group])
        db.conn.executemany("UPDATE quotes SET group_id = ? WHERE id = ?", [(key, row[1]) for row in quotes])


GROUP_COLUMNS = "id, speaker_id, quote_count, outlet_count, outlets, first_published, label"


def _label_key(row: tuple, sources: dict[str, tuple[str | None, str | None]]) -> tuple:
    """A group's label is the longest wording, then the earliest (row: speaker, id, article,
    type, quote): the first of these keys, whose last item is the wording."""
    return (-len(row[4]), sources[row[2]][0] or "\uffff", row[1], row[4])


# The first _label_key of a stored group's quotes, found by SQLite.
LABEL_OF_GROUP = ("SELECT -length(q.quote) AS size, coalesce(a.published, char(65535)) AS date, q.id, q.quote "
                  "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.group_id = ? "
                  "ORDER BY size, date, q.id LIMIT 1")


def _group_record(key: str, speaker_id: str, group: Sequence[tuple],
                  sources: dict[str, tuple[str | None, str | None]]) -> tuple:
    """A quote_groups row (GROUP_COLUMNS) for the group of ``group`` (rows: speaker, id,
    article, type, quote)."""
    outlets = sorted({outlet for row in group if (outlet := sources[row[2]][1])})
    dates = [date for row in group if (date := sources[row[2]][0])]
    label = min((_label_key(row, sources) for row in group), default=None)
    return (key, speaker_id, len(group), len(outlets), json.dumps(outlets, ensure_ascii=False),
            min(dates, default=None), label[3] if label else None)


def export_rows(db: Database) -> Iterator[dict[str, Any]]:
    """One flat dict per quote, for CSV/JSONL export and evaluation.

    Ordered by article name, then position in the article.
    """
    cursor = db.execute(
        """
        SELECT a.name AS article, q.quote, coalesce(s.name, q.role, '') AS speaker, q.speaker_mention,
               q.type, q.cue, o.name AS outlet, q.start, q."end", q.role, q.channel, q.via,
               a.published, a.url, q.group_id
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN outlets o ON o.id = a.outlet_id
        LEFT JOIN speakers s ON s.id = q.speaker_id
        ORDER BY a.name, a.id, q.start, q."end", q.id
        """
    )
    columns = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(columns, row, strict=True))
