"""Rows read from the database, as named records, and reading many rows by key."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from sqlite_utils import Database


class ArticleState(NamedTuple):
    """What a stored article was extracted from, and by which extractor: the same pair,
    nothing to redo."""

    text_hash: str
    extractor_version: str


class QuoteRow(NamedTuple):
    """A quote as quote groups are made of it (:func:`quotes.canon.groups.same_statements`)."""

    speaker_id: str
    id: str
    article_id: str
    type: str
    quote: str


class Source(NamedTuple):
    """When, and in which outlet, an article was published."""

    published: str | None
    outlet: str | None


class MentionRow(NamedTuple):
    """A row of speaker_mentions: how many ``quotes`` say (``said``) or relay one name, by
    kind, role and wording; ``first`` and ``last`` (dates) when read."""

    name: str
    said: int
    kind: str | None
    role: str | None
    mention: str | None
    quotes: int
    first: str | None = None
    last: str | None = None


class SpeakerRow(NamedTuple):
    """A row of speakers."""

    id: str
    name: str
    kind: str
    roles: str
    first_seen: str | None
    last_seen: str | None
    quote_count: int


def where_in(db: Database, query: str, values: list, before: Sequence[Any] = ()) -> Iterator[tuple]:
    """The rows of ``query`` (ending in "IN", with ``before`` the values of its other
    parameters) for ``values``, a few hundred at a time: SQLite limits the number of
    parameters of a statement."""
    for chunk in range(0, len(values), 500):
        part = values[chunk:chunk + 500]
        yield from db.execute(f"{query} ({', '.join('?' * len(part))})", [*before, *part])
