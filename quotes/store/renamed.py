"""Columns a schema step renamed, for the code that the steps before it run."""
from __future__ import annotations

import re

from sqlite_utils import Database

# The quotes column under its name since the step 015_name_in_article: the name before it.
RENAMED = {"name_in_article": "speaker_name"}


def as_named_in(db: Database, sql: str) -> str:
    """``sql`` with each renamed column of quotes under the name ``db`` has: the old one while a
    database goes through the steps before the rename (005 and 008 count facets and mentions
    with today's code)."""
    columns = db["quotes"].columns_dict
    for new, old in RENAMED.items():
        if new not in columns and old in columns:
            sql = re.sub(rf"\b{new}\b", old, sql)
    return sql
