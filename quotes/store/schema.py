"""The schema: tables, indexes, triggers and views, made and changed by numbered steps."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .facets import count_facets
from .speakers import SPEAKER_FTS_ROW, count_mentions

# Lookups rather than joins: SQLite keeps joins inside count(*), which Datasette runs on
# every page, and a million quotes then cost seconds; quotes carry outlet and date already.
# (The view as the first step made it; 012_confidence made the one below.)
FIRST_QUOTES_VIEW = """
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

QUOTES_VIEW = FIRST_QUOTES_VIEW.replace(
    'q.group_id, q.start, q."end", q.article_id',
    'q.group_id, q.start, q."end", q.article_id, q.confidence, q.speaker_rule')


# The speaker of each name, as the quotes that say or relay it point at, for the step 008; the
# quotes table named the name in the article speaker_name until the step 015.
SPEAKER_OF_NAME = ("SELECT speaker_name, speaker_id FROM quotes WHERE speaker_name IS NOT NULL "
                   "AND speaker_id IS NOT NULL UNION ALL SELECT via, via_speaker_id FROM quotes "
                   "WHERE via IS NOT NULL AND via_speaker_id IS NOT NULL")

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
    """The tables and their indexes, the quotes' search index and quotes_view."""
    db.table("meta").create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db.table("outlets").create({"id": str, "name": str}, pk="id", not_null={"name"}, if_not_exists=True)
    db.table("articles").create(
        {"id": str, "name": str, "title": str, "url": str, "outlet_id": str, "published": str, "author": str,
         "text": str, "text_hash": str, "extractor_version": str, "ingested_at": str},
        pk="id",
        foreign_keys=[("outlet_id", "outlets", "id")],
        not_null={"name", "text", "text_hash"},
        if_not_exists=True,
    )
    _speaker_tables(db)
    _quote_tables(db)
    for table, columns in FIRST_INDEXES.items():
        for cols in columns:
            db.table(table).create_index(cols, if_not_exists=True)
    if not db["quotes_fts"].exists():
        db.table("quotes").enable_fts(
            ["quote", "speaker_mention"], create_triggers=True, tokenize="porter"
        )
        for statement in SEARCHED_COLUMNS_TRIGGER:
            db.execute(statement)
    db.create_view("quotes_view", FIRST_QUOTES_VIEW, replace=True)


def _speaker_tables(db: Database) -> None:
    db.table("speakers").create(
        {"id": str, "name": str, "kind": str, "roles": str, "first_seen": str, "last_seen": str,
         "quote_count": int},
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


def _quote_tables(db: Database) -> None:
    db.table("quote_groups").create(
        {"id": str, "speaker_id": str, "quote_count": int, "outlet_count": int, "outlets": str,
         "first_published": str, "label": str},
        pk="id",
        foreign_keys=[("speaker_id", "speakers", "id")],
        if_not_exists=True,
    )
    db.table("quotes").create(
        {"id": str, "article_id": str, "outlet_id": str, "published": str, "speaker_id": str,
         "speaker_mention": str, "speaker_name": str, "speaker_kind": str, "role": str, "quote": str,
         "type": str, "cue": str, "cue_lemma": str, "channel": str, "via_speaker_id": str, "via": str,
         "start": int, "end": int, "sentence_start": int, "sentence_end": int, "group_id": str},
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


# The indexes of the first step; later steps replace some.
FIRST_INDEXES = {
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
    count_mentions(db)
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


@step("012_confidence")
def _confidence(db: Database) -> None:
    """How sure extraction is of each quote and its speaker, and how the speaker was found:
    the rule, and the offsets of the mention it was resolved to. Quotes stored before have
    none (``quotes ingest --reextract`` adds them)."""
    quotes = db.table("quotes")
    for column, kind in (("confidence", float), ("speaker_rule", str), ("antecedent_start", int),
                         ("antecedent_end", int)):
        if column not in quotes.columns_dict:
            quotes.add_column(column, kind)
    db.create_view("quotes_view", QUOTES_VIEW, replace=True)


@step("013_fetches")
def _fetches(db: Database) -> None:
    """What the last fetch of each URL got, so that a re-run asks only for what changed
    (If-None-Match, If-Modified-Since) and a page whose bytes did not change is not read again."""
    db.table("fetches").create(
        {"url": str, "final_url": str, "status": int, "etag": str, "last_modified": str,
         "content_hash": str, "article_id": str, "fetched_at": str},
        pk="url", if_not_exists=True)


# The view's rowid is the quote's, the rowid quotes_fts is keyed by: metadata.yml gives the view
# that search index, so that quotes_view?_search= filters as the quotes table's does.
SEARCHABLE_QUOTES_VIEW = QUOTES_VIEW.replace("q.confidence, q.speaker_rule", "q.confidence, q.speaker_rule, q.rowid")

# A speaker's row follows the speaker; its aliases are written again by the refresh that
# changes them (index_speakers), once a speaker rather than once an alias.
SPEAKER_FTS_TRIGGERS = (
    f"CREATE TRIGGER IF NOT EXISTS speakers_fts_ai AFTER INSERT ON speakers BEGIN "
    f"INSERT INTO speakers_fts (rowid, name, aliases) {SPEAKER_FTS_ROW} WHERE s.rowid = new.rowid; END",
    "CREATE TRIGGER IF NOT EXISTS speakers_fts_ad AFTER DELETE ON speakers BEGIN "
    "DELETE FROM speakers_fts WHERE rowid = old.rowid; END",
    f"CREATE TRIGGER IF NOT EXISTS speakers_fts_au AFTER UPDATE OF name ON speakers BEGIN "
    f"DELETE FROM speakers_fts WHERE rowid = old.rowid; "
    f"INSERT INTO speakers_fts (rowid, name, aliases) {SPEAKER_FTS_ROW} WHERE s.rowid = new.rowid; END",
)


@step("014_searchable_view_and_speakers")
def _searchable_view_and_speakers(db: Database) -> None:
    """``?_search=`` on quotes_view and on speakers searched nothing and returned every row:
    the view carries the quote's rowid for quotes_fts, and speakers get a search index of
    their name and aliases (speakers_fts), kept as refreshes rewrite them."""
    db.create_view("quotes_view", SEARCHABLE_QUOTES_VIEW, replace=True)
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS speakers_fts USING fts5 (name, aliases, tokenize='unicode61')")
    db.execute("DELETE FROM speakers_fts")
    db.execute(f"INSERT INTO speakers_fts (rowid, name, aliases) {SPEAKER_FTS_ROW}")
    for trigger in SPEAKER_FTS_TRIGGERS:
        db.execute(trigger)


@step("015_name_in_article")
def _name_in_article(db: Database) -> None:
    """The quotes column holding the speaker's name as one article resolved it was named
    speaker_name, beside quotes_view's speaker, the name merged across articles: it is
    name_in_article now. Indexes and triggers follow the rename; the facet counted under the
    old name is counted again under the new one."""
    if "speaker_name" in db["quotes"].columns_dict:
        db.execute("ALTER TABLE quotes RENAME COLUMN speaker_name TO name_in_article")
    count_facets(db, full=True)


@step("016_cue_offsets")
def _cue_offsets(db: Database) -> None:
    """Where each quote's cue words are in the article, as start and end are for the quote, so
    that the article page marks them without searching the sentence for the cue's text. Quotes
    stored before have none (``quotes ingest --reextract`` adds them)."""
    quotes = db.table("quotes")
    for column in ("cue_start", "cue_end"):
        if column not in quotes.columns_dict:
            quotes.add_column(column, int)


SCHEMA_VERSION = STEPS[-1]


def applied_steps(db: Database, path: Path) -> list[str] | None:
    """The schema steps applied to the database at ``path``, read without writing: None for a
    file that holds no table yet, which an ingest may make a quotes database. A file holding
    other tables is another application's: ValueError, and quotes leaves it as it is."""
    tables = [name for name in db.table_names() if not name.startswith("sqlite_")]
    if not [name for name in tables if name != migrations.migrations_table]:
        return None  # empty, or left with the migrations table alone by a run stopped before the first step
    steps = [m.name for m in migrations.applied(db)] if _has(db, migrations.migrations_table, "migration_set") else []
    if steps or _first_release(db):
        return steps
    shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
    raise ValueError(f"{path}: not a quotes database (it holds {shown}); left as it is")


def _has(db: Database, table: str, *columns: str) -> bool:
    return db[table].exists() and set(columns) <= set(db.table(table).columns_dict)


def _first_release(db: Database) -> bool:
    """A database of the releases before numbered steps: meta records its schema version."""
    return _has(db, "meta", "key", "value") and bool(
        db.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone())


def check_version(steps: list[str], path: Path) -> None:
    """Refuse a database a newer version of quotes wrote."""
    newer = [name for name in steps if name not in STEPS]
    if newer:
        raise ValueError(f"{path}: database has schema version {newer[-1]}, made by a newer version of quotes; "
                         f"this one reads up to {SCHEMA_VERSION}")


def migrate(db: Database, path: Path) -> None:
    """Bring the database to this version's schema; refuse one a newer version wrote. Run
    inside a write transaction, so that a concurrent first run finds the steps applied."""
    check_version(applied_steps(db, path) or [], path)
    if db["meta"].exists():
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row and row[0] != "2":
            raise ValueError(f"{path}: database has schema version {row[0]}, this version of quotes "
                             f"reads version 2 or {SCHEMA_VERSION}")
    migrations.apply(db)
