"""Storing articles and their quotes, as extraction found them."""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from ..canon.speakers import in_article, kind_of, slug
from ..lexicon import Lexicon
from ..records import Article, QuoteRecord
from .connection import writing
from .lexicon import stored_lexicon
from .queue import queue_quotes, queue_values
from .rows import ArticleState, where_in


def article_state(db: Database, article_id: str) -> ArticleState | None:
    """The state of a stored article."""
    row = db.execute(
        "SELECT text_hash, extractor_version FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    return ArticleState(*row) if row else None


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
    ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
    with writing(db):
        lex = stored_lexicon(db)
        for article, rows in prepared:
            _write_article(db, article, rows, extractor_version, ingested_at, lex)
        db.execute(
            "INSERT INTO meta (key, value) VALUES ('extractor_version', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [extractor_version],
        )
        db.execute("INSERT INTO meta (key, value) VALUES ('needs_refresh', '1') ON CONFLICT(key) DO NOTHING")


def _write_article(
    db: Database, article: Article, rows: list[dict], extractor_version: str, ingested_at: str, lex: Lexicon
) -> None:
    outlet_id = None
    if article.outlet:
        outlet_id = slug(article.outlet)
        db.execute(
            "INSERT INTO outlets (id, name) VALUES (?, ?) ON CONFLICT(id) DO NOTHING",
            [outlet_id, article.outlet],
        )
    _upsert_article(db, article, outlet_id, extractor_version, ingested_at)
    # The names and speakers the old version reached must be looked at again by refresh().
    queue_quotes(db, "SELECT * FROM quotes WHERE article_id = :a", {"a": article.id}, articles="SELECT :a AS id")
    db.execute("DELETE FROM quotes WHERE article_id = ?", [article.id])
    for row in rows:
        row["outlet_id"], row["published"] = outlet_id, article.published
    _point_at_speakers(db, rows, lex)
    if not rows:
        return
    columns = list(rows[0])
    db.conn.executemany(
        f"INSERT INTO quotes ({', '.join(f'[{c}]' for c in columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)})",
        rows,
    )


def _upsert_article(db: Database, article: Article, outlet_id: str | None, extractor_version: str,
                    ingested_at: str) -> None:
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


def _point_at_speakers(db: Database, rows: list[dict], lex: Lexicon) -> None:
    """Until refresh() runs, a quote points at the speaker the last refresh gave its name or,
    for a name new to the database, at a provisional speaker named as in its article, so
    foreign keys hold at every commit. The refresh then rewrites only quotes whose
    speaker changes."""
    names = sorted({name for row in rows for name in (row["name_in_article"], row["via"]) if name})
    known = dict(where_in(db, "SELECT name, speaker_id FROM speaker_names WHERE name IN", names))
    provisional: dict[str, tuple[str, str]] = {}
    for row in rows:
        for name, kind, column in (
            (row["name_in_article"], row["speaker_kind"], "speaker_id"),
            (row["via"], None, "via_speaker_id"),
        ):
            if name in known:
                row[column] = known[name]
            elif name:
                if name not in provisional:
                    provisional[name] = (slug(name), kind_of(name, kind, lex))
                row[column] = provisional[name][0]
    db.conn.executemany(
        "INSERT INTO speakers (id, name, kind, roles, quote_count) VALUES (?, ?, ?, '[]', 0) "
        "ON CONFLICT(id) DO NOTHING",
        sorted((sid, name, kind) for name, (sid, kind) in provisional.items()),
    )
    queue_values(db, [("name", name) for name in names] + [("speaker", sid) for sid, _ in provisional.values()])


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
                "name_in_article": _name_in(record.speaker.name, record.speaker.kind, article_id),
                "speaker_kind": record.speaker.kind,
                "role": _text(record.speaker.role),
                "quote": record.quote,
                "type": record.type,
                "cue": _text(record.cue),
                "cue_lemma": _text(record.cue_lemma),
                "cue_start": record.cue_start,
                "cue_end": record.cue_end,
                "channel": _text(record.channel),
                "via_speaker_id": None,
                "via": _text(record.via),
                "start": record.start,
                "end": record.end,
                "sentence_start": record.sentence_start,
                "sentence_end": record.sentence_end,
                "group_id": None,
                "confidence": record.confidence,
                "speaker_rule": record.speaker_rule,
                "antecedent_start": record.antecedent[0] if record.antecedent else None,
                "antecedent_end": record.antecedent[1] if record.antecedent else None,
            },
        )
    return list(rows.values())


def _name_in(name: str | None, kind: str | None, article_id: str) -> str | None:
    """The speaker's name as the article gives it; a description ("police") with the
    article, which makes it a speaker of its own (:func:`quotes.canon.speakers.in_article`)."""
    text = _text(name)
    return in_article(text, article_id, kind) if text else None


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None
