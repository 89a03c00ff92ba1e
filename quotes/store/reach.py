"""The reach of an incremental refresh, in temporary tables that one object creates, fills
and drops: the names and speakers it clusters again, the quotes new to their speakers, the
speakers whose quotes changed and the groups that lost quotes."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlite_utils import Database

# The token a name related through k1.token holds (quotes.canon.reach): s: and e: meet each
# other, as a: and x: do; every other token meets itself (institutions are matched by their
# counts of words).
PARTNER = ("CASE substr(k1.token, 1, 2) WHEN 's:' THEN 'e:' || substr(k1.token, 3) "
           "WHEN 'e:' THEN 's:' || substr(k1.token, 3) WHEN 'a:' THEN 'x:' || substr(k1.token, 3) "
           "WHEN 'x:' THEN 'a:' || substr(k1.token, 3) ELSE k1.token END")

# The names related to those of temp.reach_front, and those of the speakers new to the reach.
RELATED_NAMES = f"""SELECT name FROM speaker_names WHERE speaker_id IN (SELECT value FROM temp.reach_new_ids)
    UNION SELECT k2.name FROM temp.reach_front f
        CROSS JOIN speaker_name_keys k1 ON k1.name = f.value AND substr(k1.token, 1, 2) != 'i:'
        JOIN speaker_name_keys k2 ON k2.token = {PARTNER}
    UNION SELECT name FROM (
        SELECT k2.name, count(*) AS shared, max(k1.words) AS mine, max(k2.words) AS theirs
        FROM temp.reach_front f
        CROSS JOIN speaker_name_keys k1 ON k1.name = f.value AND substr(k1.token, 1, 2) = 'i:'
        JOIN speaker_name_keys k2 ON k2.token = k1.token
        GROUP BY f.value, k2.name)
    WHERE shared = mine OR shared = theirs"""


class Reach:
    """What an incremental refresh redoes, as temporary tables from ``with Reach(db)`` to the
    end of the block:

    * reach_names, reach_ids: the names clustered again, and the speakers they had (and
      reach_front, reach_new_ids: those a step of the growth adds);
    * added: the quotes (rowids) new to their speaker since the last refresh;
    * affected: the speakers whose quotes changed;
    * broken: the quote groups that lost quotes.
    """

    NAMES = "(SELECT value FROM temp.reach_names)"
    IDS = "(SELECT value FROM temp.reach_ids)"
    ADDED = "(SELECT value FROM temp.added)"
    AFFECTED = "(SELECT id FROM temp.affected)"
    BROKEN = "(SELECT id FROM temp.broken)"
    TABLES = {"reach_names": "value TEXT PRIMARY KEY", "reach_ids": "value TEXT PRIMARY KEY",
              "reach_front": "value TEXT PRIMARY KEY", "reach_new_ids": "value TEXT PRIMARY KEY",
              "added": "value INTEGER PRIMARY KEY", "affected": "id TEXT PRIMARY KEY",
              "broken": "id TEXT PRIMARY KEY"}

    def __init__(self, db: Database) -> None:
        self.db = db

    def __enter__(self) -> Reach:
        for table, columns in self.TABLES.items():
            self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns})")
            self.db.execute(f"DELETE FROM temp.{table}")
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        for table in self.TABLES:
            self.db.execute(f"DROP TABLE IF EXISTS temp.{table}")

    def grow(self, front: set[str]) -> None:
        """Grow the names and speakers reached from the names ``front`` until closed: from a
        name to every name cluster() can relate it to (its tokens) and to the speaker it was
        given (speaker_names); from a speaker to every name given it."""
        db = self.db
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
            found = {name for (name,) in db.execute(RELATED_NAMES)}
            front = found - {name for (name,) in db.execute("SELECT value FROM temp.reach_names")}

    def add_speakers(self, ids: Iterable[str]) -> None:
        """Add the speakers ``ids`` not reached yet, with their names; they are left in
        temp.reach_new_ids."""
        db = self.db
        db.execute("DELETE FROM temp.reach_new_ids")
        db.conn.executemany("INSERT OR IGNORE INTO temp.reach_new_ids VALUES (?)", [(i,) for i in ids])
        db.execute("DELETE FROM temp.reach_new_ids WHERE value IN (SELECT value FROM temp.reach_ids)")
        db.execute("INSERT INTO temp.reach_ids SELECT value FROM temp.reach_new_ids")
        db.execute("INSERT INTO temp.reach_names SELECT name FROM speaker_names "
                   "WHERE speaker_id IN (SELECT value FROM temp.reach_new_ids)")

    def ids(self) -> set[str]:
        return {sid for (sid,) in self.db.execute("SELECT value FROM temp.reach_ids")}

    @contextmanager
    def moves_watched(self) -> Iterator[None]:
        """Inside the block, quotes that change speaker are added (they are new to the one
        they join)."""
        self.db.execute("CREATE TEMP TRIGGER IF NOT EXISTS quote_moved AFTER UPDATE OF speaker_id ON main.quotes "
                        "WHEN old.speaker_id IS NOT new.speaker_id "
                        "BEGIN INSERT OR IGNORE INTO added VALUES (new.rowid); END")
        yield
        self.db.execute("DROP TRIGGER temp.quote_moved")

    def add_quotes_of(self, articles: str) -> None:
        """Add the quotes of ``articles`` (SQL list of article ids)."""
        self.db.execute(f"INSERT OR IGNORE INTO temp.added SELECT rowid FROM quotes WHERE article_id IN {articles}")

    def mark_broken_groups(self, speakers: str) -> None:
        """The groups that lose quotes: those of the quotes added (they left them), and those
        of ``speakers`` (SQL list: the speakers of the articles' old versions)."""
        self.db.execute("INSERT OR IGNORE INTO temp.broken SELECT group_id FROM quotes "
                        f"WHERE rowid IN {self.ADDED} AND group_id IS NOT NULL")
        self.db.execute(f"INSERT OR IGNORE INTO temp.broken SELECT id FROM quote_groups WHERE speaker_id IN {speakers}")

    def affect(self, ids: Iterable[str]) -> None:
        self.db.conn.executemany("INSERT INTO temp.affected VALUES (?)", [(sid,) for sid in ids])
