"""The refresh of speakers: each name's mentions, the names clustered into speakers, the
quotes pointed at them, the match tokens of names, and the holders of roles."""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from sqlite_utils import Database

from ..canon import reach as name_reach
from ..canon.roles import role_holder, role_index
from ..canon.speakers import Mention, Speaker, cluster, name_kinds, speaker_of
from ..lexicon import DEFAULT, Lexicon
from .queue import QUEUED_ARTICLES
from .reach import Reach
from .renamed import as_named_in
from .rows import MentionRow, SpeakerRow

# cluster() sees the mentions in one order, however they were counted.
MENTION_ORDER = "said DESC, name, kind, role, mention"

# A speaker's name and aliases in one row of speakers_fts (the search index of ?_search= on
# speakers), under the speaker's rowid.
SPEAKER_FTS_ROW = ("SELECT s.rowid, s.name, (SELECT group_concat(alias, ' | ') FROM speaker_aliases "
                   "WHERE speaker_id = s.id) FROM speakers s")

# The speaker temp.speaker_map gives a quote's name, and the name it relays.
SAID_BY = "(SELECT speaker_id FROM temp.speaker_map WHERE name = quotes.name_in_article)"
RELAYED_BY = "(SELECT speaker_id FROM temp.speaker_map WHERE name = quotes.via)"


def count_mentions(db: Database, scope: str = "") -> None:
    """Add the mentions of every name (with ``scope``, an SQL list of names: of those) to
    speaker_mentions; the indexes on quotes by name hold all that is read."""
    where = f"AND {{}} IN {scope}" if scope else ""
    db.execute(as_named_in(db,
        "INSERT INTO speaker_mentions SELECT name_in_article, 1, speaker_kind, role, speaker_mention, count(*), "
        "min(published), max(published) FROM quotes WHERE name_in_article IS NOT NULL "
        f"{where.format('name_in_article')} GROUP BY name_in_article, speaker_kind, role, speaker_mention"))
    db.execute(
        "INSERT INTO speaker_mentions SELECT via, 0, NULL, NULL, NULL, count(*), min(published), max(published) "
        f"FROM quotes WHERE via IS NOT NULL {where.format('via')} GROUP BY via")


def as_mentions(rows: Iterable[MentionRow]) -> list[Mention]:
    """speaker_mentions rows as cluster() takes them."""
    return [Mention(row.name, row.kind, row.role, row.mention, row.quotes) if row.said
            else Mention(row.name, count=row.quotes) for row in rows]


def _read_mentions(db: Database, scope: str = "") -> list[MentionRow]:
    return [MentionRow(*row) for row in db.execute(
        f"SELECT name, said, kind, role, mention, count, first, last FROM speaker_mentions "
        f"WHERE 1 {scope} ORDER BY {MENTION_ORDER}")]


def refresh_all_speakers(db: Database, lex: Lexicon) -> None:
    """Count every name's mentions again, cluster all names into speakers, replace every
    speaker and point every quote at its new one."""
    db.execute("DELETE FROM speaker_mentions")
    count_mentions(db)
    mentions = _read_mentions(db)
    speakers = cluster(as_mentions(mentions), lex=lex)
    rows, aliases = _speaker_rows(speakers, mentions, Counter())
    db.execute("DELETE FROM quote_groups")
    db.execute("DELETE FROM speaker_aliases")
    db.execute("DELETE FROM speakers")
    _insert_speakers(db, rows, aliases)
    db.execute("DELETE FROM speakers_fts")
    db.execute(f"INSERT INTO speakers_fts (rowid, name, aliases) {SPEAKER_FTS_ROW}")
    with _speaker_map(db, speakers, mentions):
        db.execute(
            f"UPDATE quotes SET speaker_id = {SAID_BY}, via_speaker_id = {RELAYED_BY} "
            f"WHERE speaker_id IS NOT {SAID_BY} OR via_speaker_id IS NOT {RELAYED_BY}"
        )
        db.execute("DELETE FROM speaker_names")
        db.execute("INSERT OR IGNORE INTO speaker_names SELECT name, speaker_id FROM temp.speaker_map")


def refresh_reached_speakers(db: Database, speakers: dict[str, Speaker]) -> set[str]:
    """Give the names reached (temp.reach_names) the ``speakers`` they were clustered into,
    in place of those they had (temp.reach_ids), and point their quotes at them; returns the
    speakers some quote left or joined.

    Only the rows that change are written: most speakers reached keep theirs. The quotes
    rewritten are those stored since the last refresh and those of the names whose speaker
    changed; the other quotes of the names reached already point right.
    """
    mentions = _read_mentions(db, f"AND name IN {Reach.NAMES}")
    # Quotes that name only a role count for the person holding it; those that change
    # holder are counted again after resolve_roles.
    by_role = Counter(dict(db.execute(
        "SELECT speaker_id, count(*) FROM quotes WHERE name_in_article IS NULL AND speaker_id IS NOT NULL "
        "GROUP BY speaker_id")))
    rows, aliases = _speaker_rows(speakers, mentions, by_role)
    had = {SpeakerRow(*row) for row in db.execute(
        f"SELECT id, name, kind, roles, first_seen, last_seen, quote_count FROM speakers WHERE id IN {Reach.IDS}")}
    had_aliases = set(db.execute(f"SELECT speaker_id, alias FROM speaker_aliases WHERE speaker_id IN {Reach.IDS}"))
    db.conn.executemany("DELETE FROM speaker_aliases WHERE speaker_id = ? AND alias = ?", had_aliases - aliases)
    db.conn.executemany("DELETE FROM speakers WHERE id = ?", [(row.id,) for row in had - rows])
    _insert_speakers(db, rows - had, aliases - had_aliases)
    index_speakers(db, {speaker for speaker, _ in had_aliases ^ aliases})
    with _speaker_map(db, speakers, mentions):
        return _repoint_reached(db)


def _speaker_rows(speakers: Mapping[str, Speaker], mentions: list[MentionRow],
                  quote_count: Counter[str]) -> tuple[set[SpeakerRow], set[tuple[str, str]]]:
    """The speakers rows and (speaker, alias) pairs of ``speakers``, counting the quotes of
    ``mentions`` on top of ``quote_count``."""
    seen: dict[str, list[str]] = defaultdict(list)
    for row in mentions:
        if row.name.strip() in speakers:
            sid = speakers[row.name.strip()].id
            quote_count[sid] += row.quotes if row.said else 0
            seen[sid] += [d for d in (row.first, row.last) if d]
    unique = {s.id: s for s in speakers.values()}
    rows = {SpeakerRow(s.id, s.name, s.kind, json.dumps(s.roles, ensure_ascii=False), min(seen[s.id], default=None),
                       max(seen[s.id], default=None), quote_count[s.id]) for s in unique.values()}
    return rows, {(s.id, alias) for s in unique.values() for alias in s.aliases}


def index_speakers(db: Database, ids: set[str]) -> None:
    """Write again the speakers_fts rows of the speakers ``ids``, whose aliases changed."""
    db.conn.executemany("DELETE FROM speakers_fts WHERE rowid = (SELECT rowid FROM speakers WHERE id = ?)",
                        [(i,) for i in sorted(ids)])
    db.conn.executemany(f"INSERT INTO speakers_fts (rowid, name, aliases) {SPEAKER_FTS_ROW} WHERE s.id = ?",
                        [(i,) for i in sorted(ids)])


def _insert_speakers(db: Database, rows: set[SpeakerRow], aliases: set[tuple[str, str]]) -> None:
    ordered = sorted(rows, key=_order)
    db.conn.executemany("INSERT INTO speakers (id, name, kind, roles, first_seen, last_seen, quote_count) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", ordered)
    db.conn.executemany("INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)", sorted(aliases))


def _order(row: SpeakerRow) -> str:
    """The order speakers rows are inserted in."""
    return repr(tuple(row))


@contextmanager
def _speaker_map(db: Database, speakers: Mapping[str, Speaker], mentions: list[MentionRow]) -> Iterator[None]:
    """temp.speaker_map, inside the block: the speaker of each name of ``mentions``."""
    mapped = {name: speakers[name.strip()].id for name in {row.name for row in mentions} if name.strip() in speakers}
    db.execute("CREATE TEMP TABLE IF NOT EXISTS speaker_map (name TEXT PRIMARY KEY, speaker_id)")
    db.execute("DELETE FROM temp.speaker_map")
    db.conn.executemany("INSERT INTO temp.speaker_map VALUES (?, ?)", mapped.items())
    yield
    db.execute("DROP TABLE temp.speaker_map")


def _repoint_reached(db: Database) -> set[str]:
    """Point the quotes of the names reached whose speaker changed, and those stored since
    the last refresh, at the speaker temp.speaker_map gives their names; returns the
    speakers they left or joined."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS rewritten (value TEXT PRIMARY KEY)")
    db.execute("DELETE FROM temp.rewritten")
    db.execute(f"INSERT INTO temp.rewritten SELECT r.value FROM {Reach.NAMES} r "
               "LEFT JOIN speaker_names n ON n.name = r.value LEFT JOIN temp.speaker_map m ON m.name = r.value "
               "WHERE n.speaker_id IS NOT m.speaker_id")
    stored = f"article_id IN {QUEUED_ARTICLES}"
    changed: set[str] = set()
    for pair in db.execute(f"SELECT DISTINCT speaker_id, {SAID_BY} FROM quotes WHERE (name_in_article IN "
                           f"(SELECT value FROM temp.rewritten) OR {stored}) AND speaker_id IS NOT {SAID_BY}"):
        changed |= {sid for sid in pair if sid}
    db.execute(f"UPDATE quotes SET speaker_id = {SAID_BY} WHERE (name_in_article IN "
               f"(SELECT value FROM temp.rewritten) OR {stored}) AND speaker_id IS NOT {SAID_BY}")
    db.execute(f"UPDATE quotes SET via_speaker_id = {RELAYED_BY} WHERE (via IN "
               f"(SELECT value FROM temp.rewritten) OR {stored}) AND via_speaker_id IS NOT {RELAYED_BY}")
    db.execute("DELETE FROM speaker_names WHERE name IN (SELECT value FROM temp.rewritten)")
    db.execute("DROP TABLE temp.rewritten")
    db.execute("INSERT OR IGNORE INTO speaker_names SELECT name, speaker_id FROM temp.speaker_map")
    return changed


def kinds_of(db: Database, scope: str, lex: Lexicon) -> dict[str, str]:
    """The kind (:func:`quotes.canon.speakers.name_kinds`) of each name of ``scope`` (an SQL
    list) that speaker_mentions holds, keyed by the name as stored."""
    rows = [MentionRow(*row) for row in db.execute(
        f"SELECT name, said, kind, role, mention, count FROM speaker_mentions WHERE name IN {scope}")]
    found = name_kinds(as_mentions(rows), lex)
    return {row.name: found[row.name.strip()] for row in rows if row.name.strip()}


def reached_mentions(db: Database) -> list[Mention]:
    """The mentions of the names reached."""
    return as_mentions(MentionRow(*row) for row in db.execute(
        "SELECT name, said, kind, role, mention, count FROM speaker_mentions "
        f"WHERE name IN {Reach.NAMES} ORDER BY {MENTION_ORDER}"))


def cluster_alone(db: Database, reach: Reach, ids: set[str], lex: Lexicon) -> dict[str, Speaker]:
    """The speaker (:func:`quotes.canon.speakers.speaker_of`) of the names of each speaker
    of ``ids`` not reached yet, which are added to the reach with their names.

    No name of these speakers came, went or changed kind since they were clustered, and
    those are all cluster() looks at to put names together: it puts them together again,
    and with no other name. Only their counts, roles and wordings may have changed, which
    shape each speaker's name, aliases and roles.
    """
    reach.add_speakers(ids)
    rows = db.execute(
        "SELECT * FROM (SELECT n.speaker_id AS speaker, m.name, said, kind, role, mention, count "
        "FROM temp.reach_new_ids i CROSS JOIN speaker_names n ON n.speaker_id = i.value "
        f"CROSS JOIN speaker_mentions m ON m.name = n.name) ORDER BY speaker, {MENTION_ORDER}")
    clustered: dict[str, Speaker] = {}
    for _, found in groupby(rows, key=lambda row: row[0]):
        mentions = as_mentions(MentionRow(*row[1:]) for row in found)
        speaker = speaker_of(mentions, lex)
        clustered.update((m.name.strip(), speaker) for m in mentions if m.name.strip())
    return clustered


def resolve_roles(db: Database, lex: Lexicon) -> set[str]:
    """Give a quote whose article named only a role ("the chief of NATO") the one person the
    database knows in that role ("NATO Secretary-General Mark Rutte"); otherwise leave it
    unresolved with the role kept. Returns the speakers that gained or lost such quotes."""
    holders = {
        speaker: json.loads(roles)
        for speaker, roles in db.execute("SELECT id, roles FROM speakers WHERE kind = 'person' AND roles != '[]'")
    }
    index = role_index(holders, lex)
    roles = [role for (role,) in db.execute(
        "SELECT DISTINCT role FROM quotes WHERE name_in_article IS NULL AND role IS NOT NULL")]
    moved: set[str] = set()
    for role in roles:
        holder = role_holder(role, index, lex)
        before = {sid for (sid,) in db.execute(
            "SELECT DISTINCT speaker_id FROM quotes WHERE name_in_article IS NULL AND role = ? "
            "AND speaker_id IS NOT ?", [role, holder])}
        if not before and not db.execute(
                "SELECT 1 FROM quotes WHERE name_in_article IS NULL AND role = ? AND speaker_id IS NOT ? LIMIT 1",
                [role, holder]).fetchone():
            continue
        moved |= before | ({holder} if holder else set())
        db.execute(
            "UPDATE quotes SET speaker_id = ? WHERE name_in_article IS NULL AND role = ? AND speaker_id IS NOT ?",
            [holder, role, holder],
        )
    return moved


def count_role_quotes(db: Database) -> None:
    """Count again the quotes of the speakers that hold quotes naming only a role."""
    db.execute(
        "UPDATE speakers SET quote_count = (SELECT count(*) FROM quotes WHERE speaker_id = speakers.id) "
        "WHERE id IN (SELECT speaker_id FROM quotes WHERE name_in_article IS NULL AND speaker_id IS NOT NULL)"
    )


# Names and their match tokens (speaker_name_keys, see quotes.canon.reach).

def canon_fingerprint(lex: Lexicon = DEFAULT) -> str:
    """Changes whenever the code that matches names, or the word lists it reads, change:
    name keys stored under another fingerprint are stale, and the refresh is full."""
    return hashlib.sha1(f"{_canon_code()}:{lex.fingerprint}".encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _canon_code() -> str:
    here = Path(__file__).parents[1]
    digest = hashlib.sha1()
    for path in sorted([*(here / "canon").glob("*.py"), here / "lexicon.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def name_keys_stale(db: Database, lex: Lexicon) -> bool:
    row = db.execute("SELECT value FROM meta WHERE key = 'name_keys'").fetchone()
    return row is None or row[0] != canon_fingerprint(lex)


def rebuild_name_keys(db: Database, lex: Lexicon) -> None:
    db.execute("DELETE FROM speaker_name_keys")
    names = db.execute("SELECT name_in_article FROM quotes WHERE name_in_article IS NOT NULL "
                       "UNION SELECT via FROM quotes WHERE via IS NOT NULL")
    add_name_keys(db, (name for (name,) in names), lex)
    db.execute("INSERT INTO meta (key, value) VALUES ('name_keys', ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [canon_fingerprint(lex)])


def add_name_keys(db: Database, names: Iterable[str], lex: Lexicon) -> None:
    db.conn.executemany(
        "INSERT INTO speaker_name_keys (name, token, words) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        ((name, token, words) for name in names for token, words in name_reach.tokens(name, lex)),
    )


def drop_unused_name_keys(db: Database) -> None:
    """Names reached that no quote uses any more lose their tokens."""
    db.execute(
        f"DELETE FROM speaker_name_keys WHERE name IN {Reach.NAMES} "
        "AND NOT EXISTS (SELECT 1 FROM quotes WHERE name_in_article = speaker_name_keys.name) "
        "AND NOT EXISTS (SELECT 1 FROM quotes WHERE via = speaker_name_keys.name)"
    )
