"""Export: one flat row per quote."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

# Columns of the quotes table an older schema may lack: exported empty, as the export reads
# a database without bringing it to this version's schema.
LATER_COLUMNS = ("channel", "via", "group_id", "confidence", "speaker_rule", "antecedent_start", "antecedent_end",
                 "cue_start", "cue_end")


def export_rows(db: Database) -> Iterator[dict[str, Any]]:
    """One flat dict per quote, for CSV/JSONL export and evaluation.

    Ordered by article name, then position in the article.
    """
    present = set(db.table("quotes").columns_dict)
    later = {c: f"q.{c}" if c in present else f"NULL AS {c}" for c in LATER_COLUMNS}
    cursor = db.execute(
        f"""
        SELECT a.name AS article, q.quote, coalesce(s.name, q.role, '') AS speaker, q.speaker_mention,
               q.type, q.cue, o.name AS outlet, q.start, q."end", q.role, {later["channel"]}, {later["via"]},
               a.published, a.url, {later["group_id"]}, {later["confidence"]}, {later["speaker_rule"]},
               {later["antecedent_start"]}, {later["antecedent_end"]}, {later["cue_start"]}, {later["cue_end"]}
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
