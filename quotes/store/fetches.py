"""The fetches table: what the last request for each URL got, for conditional re-fetches."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from .connection import writing


def last_fetch(db: Database, url: str) -> dict | None:
    """The row of ``url``'s last successful fetch, or None if it was never fetched."""
    return next(db.query("SELECT * FROM fetches WHERE url = ?", [url]), None)


def record_fetch(db: Database, url: str, final_url: str, status: int, etag: str | None,
                 last_modified: str | None, content_hash: str | None, article_id: str | None = None) -> None:
    """Keep what a fetch got; a 304 keeps the validators and hash of the fetch before it."""
    row = {"url": url, "final_url": final_url, "status": status, "etag": etag, "last_modified": last_modified,
           "content_hash": content_hash, "article_id": article_id,
           "fetched_at": datetime.now(UTC).isoformat(timespec="seconds")}
    with writing(db):
        db.table("fetches").upsert({k: v for k, v in row.items() if v is not None or status != 304}, pk="url")
