"""Export: one flat row per quote."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database


def export_rows(db: Database) -> Iterator[dict[str, Any]]:
    """One flat dict per quote, for CSV/JSONL export and evaluation.

    Ordered by article name, then position in the article.
    """
    cursor = db.execute(
        """
        SELECT a.name AS article, q.quote, coalesce(s.name, q.role, '') AS speaker, q.speaker_mention,
               q.type, q.cue, o.name AS outlet, q.start, q."end", q.role, q.channel, q.via,
               a.published, a.url, q.group_id, q.confidence, q.speaker_rule, q.antecedent_start,
               q.antecedent_end
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN outlets o ON o.id = a.outlet_id
        LEFT JOIN speakers s ON s.id = q.speaker_id
        ORDER BY a.name, a.id, q.start, q."end", q.id
        """
    )
    columns = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(columns, row, strict=True))
