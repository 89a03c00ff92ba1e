"""SQLite storage: articles, their quotes, canonical speakers and quote groups.

Writes happen in two steps. :func:`save_articles` stores what extraction found
in each article, one batch per transaction. :func:`refresh` then re-derives
everything that depends on the whole collection - who is who across articles,
and which quotes are the same statement reported by different outlets - from
scratch, so the result never depends on the order articles arrived in.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import datetime, timezone
from itertools import chain, groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from sqlite_utils import Database

from quotes.speakers import KINDS, Mention, cluster, kind_of, role_holder, role_index, slug

if TYPE_CHECKING:
    from quotes.articles import Article

SCHEMA_VERSION = "2"
QUOTE_TYPES = ("direct", "indirect", "mixed")
BUSY_TIMEOUT_MS = 30_000
OPTIONAL_TEXT = ("cue", "cue_lemma", "speaker_mention", "speaker", "role", "channel", "via")

# An indirect rendering shorter than this is contained in too much to be evidence.
MIN_CONTAINED_WORDS = 3
STOPWORDS = frozenset(
    """
    a about after again against all also am an and any are as at be because been
    before being between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how i if in
    into is it its itself just me more most my no nor not now of off on once only
    or other our out over own s same she should so some such t than that the their
    them then there these they this those through to too under until up very was
    we were what when where which while who whom why will with would you your
    """.split()
)
_WORD = re.compile(r"\w+")

# The quotes table's facets over all its rows are counted once per refresh: counting a
# million quotes per page view takes longer than a page may (quotes.publish reads them).
COUNTED_FACETS = ("speaker_id", "outlet_id", "type", "cue_lemma")
# Indexes that later versions replaced with wider ones.
OBSOLETE_INDEXES = ("idx_quotes_speaker_id_published", "idx_quotes_outlet_id_published")

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
SEARCHED_COLUMNS_TRIGGER = """
DROP TRIGGER [quotes_au];
CREATE TRIGGER [quotes_au] AFTER UPDATE OF [quote], [speaker_mention] ON [quotes] BEGIN
  INSERT INTO [quotes_fts] ([quotes_fts], rowid, [quote], [speaker_mention])
    VALUES('delete', old.rowid, old.[quote], old.[speaker_mention]);
  INSERT INTO [quotes_fts] (rowid, [quote], [speaker_mention])
    VALUES (new.rowid, new.[quote], new.[speaker_mention]);
END;
"""


def open_db(path: str | Path) -> Database:
    """Open (creating if needed) a quotes database, ready for concurrent readers.

    WAL lets Datasette read while an ingest writes; the busy timeout makes a
    second writer wait instead of failing.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    _ensure_schema(db, path)
    return db


def _ensure_schema(db: Database, path: Path) -> None:
    if db["meta"].exists():
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row and row[0] != SCHEMA_VERSION:
            raise ValueError(
                f"{path}: database has schema version {row[0]}, "
                f"this version of quotes reads version {SCHEMA_VERSION}"
            )
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db["outlets"].create({"id": str, "name": str}, pk="id", not_null={"name"}, if_not_exists=True)
    db["articles"].create(
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
    db["speakers"].create(
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
    db["speaker_aliases"].create(
        {"speaker_id": str, "alias": str},
        pk=("speaker_id", "alias"),
        foreign_keys=[("speaker_id", "speakers", "id")],
        if_not_exists=True,
    )
    db["quote_groups"].create(
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
    db["quotes"].create(
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
    db["quote_facet_counts"].create(
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
    for name in OBSOLETE_INDEXES:
        db.execute(f"DROP INDEX IF EXISTS [{name}]")
    for table, columns in indexes.items():
        for cols in columns:
            db[table].create_index(cols, if_not_exists=True)
    if not db["quotes_fts"].exists():
        db["quotes"].enable_fts(
            ["quote", "speaker_mention"], create_triggers=True, tokenize="porter"
        )
        db.executescript(SEARCHED_COLUMNS_TRIGGER)
    db.create_view("quotes_view", QUOTES_VIEW, replace=True)
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO NOTHING",
        [SCHEMA_VERSION],
    )


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
    db: Database, batch: list[tuple[Article, list[dict]]], extractor_version: str
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
    db.execute("DELETE FROM quotes WHERE article_id = ?", [article.id])
    for row in rows:
        row["outlet_id"], row["published"] = outlet_id, article.published
    # Until refresh() runs, a quote points at a provisional speaker named as
    # in its article, so foreign keys hold at every commit.
    provisional: dict[str, tuple[str, str]] = {}
    for row in rows:
        for name, kind, column in (
            (row["speaker_name"], row["speaker_kind"], "speaker_id"),
            (row["via"], None, "via_speaker_id"),
        ):
            if name:
                if name not in provisional:
                    provisional[name] = (slug(name), kind_of(name, kind))
                row[column] = provisional[name][0]
    db.conn.executemany(
        "INSERT INTO speakers (id, name, kind, roles, quote_count) VALUES (?, ?, ?, '[]', 0) "
        "ON CONFLICT(id) DO NOTHING",
        sorted((sid, name, kind) for name, (sid, kind) in provisional.items()),
    )
    if not rows:
        return
    columns = list(rows[0])
    db.conn.executemany(
        f"INSERT INTO quotes ({', '.join(f'[{c}]' for c in columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)})",
        rows,
    )


def _quote_rows(article: Article, records: list[dict]) -> list[dict]:
    """Check extraction records and make quotes rows; errors name the article and quote."""
    rows: dict[str, dict] = {}
    article_id = article.id  # a property computed from the text: compute it once
    for number, record in enumerate(records, 1):

        def bad(problem: str) -> ValueError:
            return ValueError(f"{article.name}: quote {number}: {problem}")

        if not isinstance(record, dict):
            raise bad(f"expected a dict, got {type(record).__name__}")
        quote = record.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            raise bad("'quote' must be non-empty text")
        offsets = {}
        for key in ("start", "end", "sentence_start", "sentence_end"):
            value = record.get(key)
            if value is None and key.startswith("sentence"):
                offsets[key] = None
                continue
            if not isinstance(value, int) or isinstance(value, bool):
                raise bad(f"{key!r} must be an integer, got {value!r}")
            if not 0 <= value <= len(article.text):
                raise bad(f"{key!r} {value} is outside the text (length {len(article.text)})")
            offsets[key] = value
        if offsets["start"] >= offsets["end"]:
            raise bad(f"'start' {offsets['start']} must come before 'end' {offsets['end']}")
        if record.get("type") not in QUOTE_TYPES:
            raise bad(f"'type' must be one of {', '.join(QUOTE_TYPES)}, got {record.get('type')!r}")
        if record.get("speaker_kind") not in (None, *KINDS):
            raise bad(f"'speaker_kind' must be one of {', '.join(KINDS)} or null")
        text = {}
        for key in OPTIONAL_TEXT:
            value = record.get(key)
            if value is not None and not isinstance(value, str):
                raise bad(f"{key!r} must be text or null, got {value!r}")
            text[key] = (value or "").strip() or None
        qid = quote_id(article_id, offsets["start"], offsets["end"])
        rows.setdefault(  # the same span twice is the same quote: keep the first
            qid,
            {
                "id": qid,
                "article_id": article_id,
                "speaker_id": None,
                "speaker_mention": text["speaker_mention"],
                "speaker_name": text["speaker"],
                "speaker_kind": record.get("speaker_kind"),
                "role": text["role"],
                "quote": quote,
                "type": record["type"],
                "cue": text["cue"],
                "cue_lemma": text["cue_lemma"],
                "channel": text["channel"],
                "via_speaker_id": None,
                "via": text["via"],
                **offsets,
                "group_id": None,
            },
        )
    return list(rows.values())


def needs_refresh(db: Database) -> bool:
    """Whether articles were saved since the last refresh (or it never counted facets)."""
    keys = {key for (key,) in db.execute(
        "SELECT key FROM meta WHERE key IN ('needs_refresh', 'facet_counts')")}
    return "needs_refresh" in keys or "facet_counts" not in keys


def refresh(db: Database) -> None:
    """Re-derive speakers, aliases and quote groups across the whole database.

    Everything is recomputed from the quotes, in one transaction, so the result
    is the same whatever order articles were ingested in.
    """
    with _writing(db):
        # Speakers and groups are rebuilt while quotes still point at the old
        # ones; foreign keys are checked once, at commit.
        db.execute("PRAGMA defer_foreign_keys = ON")
        _refresh_speakers(db)
        _resolve_roles(db)
        _refresh_groups(db)
        count_facets(db)
        db.execute("DELETE FROM meta WHERE key = 'needs_refresh'")


def _refresh_speakers(db: Database) -> None:
    said = db.execute(
        """
        SELECT q.speaker_name, q.speaker_kind, q.role, q.speaker_mention,
               count(*), min(a.published), max(a.published)
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE q.speaker_name IS NOT NULL
        GROUP BY 1, 2, 3, 4
        """
    ).fetchall()
    relayed = db.execute(
        """
        SELECT q.via, count(*), min(a.published), max(a.published)
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE q.via IS NOT NULL
        GROUP BY 1
        """
    ).fetchall()
    mentions = [Mention(name, kind, role, mention, n) for name, kind, role, mention, n, *_ in said]
    mentions += [Mention(name, count=n) for name, n, _, _ in relayed]
    speakers = cluster(mentions)

    quote_count: Counter[str] = Counter()
    seen: dict[str, list[str]] = defaultdict(list)
    for name, _, _, _, n, first, last in said:
        if name.strip() in speakers:
            quote_count[speakers[name.strip()].id] += n
            seen[speakers[name.strip()].id] += [d for d in (first, last) if d]
    for name, _, first, last in relayed:
        if name.strip() in speakers:
            seen[speakers[name.strip()].id] += [d for d in (first, last) if d]

    unique = {s.id: s for s in speakers.values()}
    db.execute("DELETE FROM quote_groups")
    db.execute("DELETE FROM speaker_aliases")
    db.execute("DELETE FROM speakers")
    db.conn.executemany(
        "INSERT INTO speakers (id, name, kind, roles, first_seen, last_seen, quote_count) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                s.id,
                s.name,
                s.kind,
                json.dumps(s.roles, ensure_ascii=False),
                min(seen[s.id], default=None),
                max(seen[s.id], default=None),
                quote_count[s.id],
            )
            for s in unique.values()
        ],
    )
    db.conn.executemany(
        "INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)",
        [(s.id, alias) for s in unique.values() for alias in s.aliases],
    )
    db.execute("CREATE TEMP TABLE IF NOT EXISTS speaker_map (name TEXT PRIMARY KEY, speaker_id)")
    db.execute("DELETE FROM temp.speaker_map")
    names = {row[0] for row in said} | {row[0] for row in relayed}
    db.conn.executemany(
        "INSERT INTO temp.speaker_map VALUES (?, ?)",
        [(n, speakers[n.strip()].id) for n in names if n.strip() in speakers],
    )
    # Only rows whose value changes are written.
    said_by = "(SELECT speaker_id FROM temp.speaker_map WHERE name = quotes.speaker_name)"
    relayed_by = "(SELECT speaker_id FROM temp.speaker_map WHERE name = quotes.via)"
    db.execute(
        f"UPDATE quotes SET speaker_id = {said_by}, via_speaker_id = {relayed_by} "
        f"WHERE speaker_id IS NOT {said_by} OR via_speaker_id IS NOT {relayed_by}"
    )
    db.execute("DROP TABLE temp.speaker_map")


def _resolve_roles(db: Database) -> None:
    """Give a quote whose article named only a role ("the chief of NATO") the one person the
    database knows in that role ("NATO Secretary-General Mark Rutte"); otherwise leave it
    unresolved with the role kept."""
    holders = {
        speaker: json.loads(roles)
        for speaker, roles in db.execute("SELECT id, roles FROM speakers WHERE kind = 'person' AND roles != '[]'")
    }
    index = role_index(holders)
    roles = [role for (role,) in db.execute(
        "SELECT DISTINCT role FROM quotes WHERE speaker_name IS NULL AND role IS NOT NULL")]
    for role in roles:
        holder = role_holder(role, index)
        db.execute(
            "UPDATE quotes SET speaker_id = ? WHERE speaker_name IS NULL AND role = ? AND speaker_id IS NOT ?",
            [holder, role, holder],
        )
    db.execute(
        "UPDATE speakers SET quote_count = (SELECT count(*) FROM quotes WHERE speaker_id = speakers.id) "
        "WHERE id IN (SELECT speaker_id FROM quotes WHERE speaker_name IS NULL AND speaker_id IS NOT NULL)"
    )


def count_facets(db: Database) -> None:
    """Count the values of the quotes table's facets, and the quotes they were counted on
    (a reader of the counts checks that number against the table before trusting them)."""
    db.execute("DELETE FROM quote_facet_counts")
    for column in COUNTED_FACETS:
        db.execute(
            f"INSERT INTO quote_facet_counts (facet, value, count) "
            f"SELECT ?, [{column}], count(*) FROM quotes WHERE [{column}] IS NOT NULL GROUP BY [{column}]",
            [column],
        )
    counted = {"quotes": db.execute("SELECT count(*) FROM quotes").fetchone()[0], "facets": COUNTED_FACETS}
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('facet_counts', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [json.dumps(counted)],
    )


def _content_words(text: str) -> frozenset[str]:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return frozenset(_WORD.findall(text.lower())) - STOPWORDS


def _refresh_groups(db: Database) -> None:
    """Group each speaker's quotes that report the same statement in different articles.

    One speaker's quotes are held in memory at a time, never article texts.
    """
    db.execute("CREATE TEMP TABLE IF NOT EXISTS group_members (quote_id PRIMARY KEY, group_id)")
    db.execute("DELETE FROM temp.group_members")
    sources = {
        article_id: (published, outlet)
        for article_id, published, outlet in db.execute(
            "SELECT a.id, a.published, o.name "
            "FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id"
        )
    }
    # A sequential scan and a sort is much faster than visiting quotes in index order.
    rows = db.execute(
        "SELECT speaker_id, id, article_id, type, quote FROM quotes NOT INDEXED "
        "WHERE speaker_id IS NOT NULL ORDER BY speaker_id"
    )
    for speaker_id, bucket in groupby(rows, key=lambda row: row[0]):
        groups, members = [], []
        for group in _same_statements(list(bucket)):
            ids = sorted(row[1] for row in group)
            group_id = hashlib.sha1(",".join(ids).encode()).hexdigest()[:16]
            outlets = sorted({sources[row[2]][1] for row in group if sources[row[2]][1]})
            dates = [sources[row[2]][0] for row in group if sources[row[2]][0]]
            # The longest wording, then the earliest.
            label = min(group, key=lambda r: (-len(r[4]), sources[r[2]][0] or "\uffff", r[1]))
            groups.append(
                (
                    group_id,
                    speaker_id,
                    len(group),
                    len(outlets),
                    json.dumps(outlets, ensure_ascii=False),
                    min(dates, default=None),
                    label[4],
                )
            )
            members += [(quote_id, group_id) for quote_id in ids]
        db.conn.executemany(
            "INSERT INTO quote_groups (id, speaker_id, quote_count, outlet_count, outlets, "
            "first_published, label) VALUES (?, ?, ?, ?, ?, ?, ?)",
            groups,
        )
        db.conn.executemany("INSERT INTO temp.group_members VALUES (?, ?)", members)
    grouped_as = "(SELECT group_id FROM temp.group_members WHERE quote_id = quotes.id)"
    db.execute(f"UPDATE quotes SET group_id = {grouped_as} WHERE group_id IS NOT {grouped_as}")
    db.execute("DROP TABLE temp.group_members")


def _same_statements(bucket: list[tuple]) -> list[list[tuple]]:
    """Connected sets of one speaker's quotes that say the same thing in different articles.

    Two quotes match when their content words have Jaccard >= 0.5, or when an
    indirect/mixed rendering's words are >= 0.6 contained in a direct/mixed
    quote. Verbatim copies (the same words and type) are compared once, as one
    node holding every article they appear in: a statement that runs in
    thousands of articles would otherwise cost a comparison per pair of copies.
    Comparing every pair of nodes would be quadratic too, so only pairs that
    can match are compared (prefix filtering). Order each node's words rarest
    first: when a pair must share k of a node's n words, its two rarest shared
    words are among that node's first n - k + 2. For Jaccard this holds on both
    sides, so only those prefixes are indexed; for containment the rendering's
    prefix is looked up in all words of the direct quotes. A candidate must
    turn up twice before its words are compared.
    """
    if len({row[2] for row in bucket}) < 2:
        return []
    copies: dict[tuple[frozenset[str], str], list[tuple]] = defaultdict(list)
    for row in bucket:
        copies[(_content_words(row[4]), row[3])].append(row)
    nodes = list(copies)
    words = [ws for ws, _ in nodes]
    kinds = [kind for _, kind in nodes]
    articles = [frozenset(row[2] for row in copies[node]) for node in nodes]
    frequency = Counter(chain.from_iterable(words))
    rank = {w: r for r, w in enumerate(sorted(frequency, key=lambda w: (frequency[w], w)))}
    ranked = [sorted(ws, key=rank.__getitem__) for ws in words]
    sizes = [len(ws) for ws in words]
    similar: dict[str, list[int]] = defaultdict(list)
    containers: dict[str, list[int]] = defaultdict(list)
    for j, ws in enumerate(words):
        if kinds[j] != "indirect":
            for w in ws:
                containers[w].append(j)
    parent = list(range(len(nodes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def apart(i: int, j: int) -> bool:
        """Whether some copy of node i and some copy of node j are in different articles."""
        return len(articles[i]) > 1 or articles[i] != articles[j]

    def candidates(index: dict[str, list[int]], ranked_words: list[str], shared: int) -> set[int]:
        """Nodes in ``index`` that can share ``shared`` of ``ranked_words``."""
        size = len(ranked_words)
        if shared < 2:
            prefix = ranked_words[: size - shared + 1]
            return set(chain.from_iterable(index.get(w, ()) for w in prefix))
        once: set[int] = set()
        twice: set[int] = set()
        for w in ranked_words[: size - shared + 2]:
            found = index.get(w)
            if found:
                twice.update(once.intersection(found))
                once.update(found)
        return twice

    for i, ws in enumerate(ranked):
        size, mine = sizes[i], words[i]
        if not size:
            continue
        root = find(i)
        # shared / (size + theirs - shared) >= 0.5, i.e. 3 * shared >= size + theirs,
        # needs at least half of this node's words.
        for j in candidates(similar, ws, (size + 1) // 2):
            if apart(i, j) and (other := find(j)) != root:
                if 3 * len(mine & words[j]) >= size + sizes[j]:
                    parent[other] = root
        for w in ws[: size - (size + 1) // 2 + 2]:
            similar[w].append(i)
        if kinds[i] != "direct" and size >= MIN_CONTAINED_WORDS:
            # shared / size >= 0.6, i.e. 5 * shared >= 3 * size.
            for j in candidates(containers, ws, (3 * size + 4) // 5):
                if apart(i, j) and (other := find(j)) != root:
                    if 5 * len(mine & words[j]) >= 3 * size:
                        parent[other] = root

    sets: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        sets[find(i)].append(i)
    # A lone node is a group when its copies are in two articles or more.
    return [
        [row for i in members for row in copies[nodes[i]]]
        for members in sets.values()
        if len(members) > 1 or (sizes[members[0]] and len(articles[members[0]]) > 1)
    ]


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
        yield dict(zip(columns, row))
