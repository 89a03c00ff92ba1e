"""The refresh queue: what the next refresh must look at again.

Storing an article queues it, the names and speakers its old quotes held (they may lose
quotes) and those its new quotes hold (they may gain some); :func:`quotes.store.refresh`
redoes what they reach, then empties the queue.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlite_utils import Database

Kind = Literal["name", "speaker", "article"]

# The columns of quotes that hold a name or a speaker, and which it is.
REACHING = (("name", "name_in_article"), ("name", "via"), ("speaker", "speaker_id"), ("speaker", "via_speaker_id"))

QUEUED_ARTICLES = "(SELECT value FROM refresh_queue WHERE kind = 'article')"
QUEUED_NAMES = "(SELECT value FROM refresh_queue WHERE kind = 'name')"
QUEUED_SPEAKERS = "(SELECT value FROM refresh_queue WHERE kind = 'speaker')"


def queue_quotes(db: Database, quotes: str, parameters: Sequence[Any] | dict[str, Any] = (),
                 articles: str | None = None) -> None:
    """Queue the names and speakers of the quotes that ``quotes`` (SQL) selects, and with
    ``articles`` (SQL selecting an ``id`` column) those articles."""
    selects = [f"SELECT '{kind}', {column} FROM ({quotes}) WHERE {column} IS NOT NULL" for kind, column in REACHING]
    if articles:
        selects.append(f"SELECT 'article', id FROM ({articles}) WHERE true")
    db.execute(f"INSERT INTO refresh_queue (kind, value) {' UNION '.join(selects)} ON CONFLICT DO NOTHING",
               parameters)


def queue_values(db: Database, values: Iterable[tuple[Kind, str]]) -> None:
    """Queue (kind, value) pairs."""
    db.conn.executemany("INSERT INTO refresh_queue (kind, value) VALUES (?, ?) ON CONFLICT DO NOTHING", values)


@dataclass(frozen=True)
class Queued:
    """What the queue holds."""

    names: list[str]
    speakers: set[str]
    articles: int

    @classmethod
    def read(cls, db: Database) -> Queued:
        queued = db.execute("SELECT kind, value FROM refresh_queue").fetchall()
        return cls([value for kind, value in queued if kind == "name"],
                   {value for kind, value in queued if kind == "speaker"},
                   sum(kind == "article" for kind, _ in queued))

    def __bool__(self) -> bool:
        return bool(self.names or self.speakers or self.articles)


def empty_queue(db: Database) -> None:
    """Everything queued was looked at."""
    db.execute("DELETE FROM refresh_queue")
