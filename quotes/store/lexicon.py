"""The word lists of a database: those of its last ingest, which every refresh matches
speakers with.

They are kept in the ``meta`` table under ``lexicon``, as the lexicon's ``config()`` in JSON
(``{"extra_words": {}, "words": {}}`` for the default lists); a database without the row
is taken to hold the default lists.
"""
from __future__ import annotations

import json
from functools import lru_cache

from sqlite_utils import Database

from ..lexicon import DEFAULT, Lexicon
from .connection import writing


def stored_lexicon(db: Database) -> Lexicon:
    """The word lists the database was last ingested with."""
    row = db.execute("SELECT value FROM meta WHERE key = 'lexicon'").fetchone()
    return _parsed(row[0]) if row else DEFAULT


@lru_cache(maxsize=8)
def _parsed(value: str) -> Lexicon:
    """One lexicon per stored value, so that the canonicalisation caches keyed by it hold."""
    try:
        return Lexicon.from_config(**json.loads(value))
    except (ValueError, TypeError) as error:
        raise ValueError(f"the word lists stored in the database cannot be read: {error}") from None


def use_lexicon(db: Database, lex: Lexicon) -> bool:
    """Make ``lex`` the database's word lists, as an ingest with them does; returns whether
    they changed. Changed lists queue a refresh, and it is full: they change the name keys'
    fingerprint (:func:`quotes.store.speakers.canon_fingerprint`)."""
    with writing(db):
        row = db.execute("SELECT value FROM meta WHERE key = 'lexicon'").fetchone()
        changed = (_parsed(row[0]) if row else DEFAULT).fingerprint != lex.fingerprint
        if row is None or changed:
            db.execute("INSERT INTO meta (key, value) VALUES ('lexicon', ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       [json.dumps(lex.config(), sort_keys=True)])
        if changed:
            db.execute("INSERT INTO meta (key, value) VALUES ('needs_refresh', '1') ON CONFLICT(key) DO NOTHING")
    return changed
