"""Export: one flat row per quote."""
from __future__ import annotations

from quotes import store

from .conftest import quote


def test_export_rows_fields_and_order(fresh_db, batch):
    store.save_articles(fresh_db, batch[::-1], "1")
    store.refresh(fresh_db)
    rows = list(store.export_rows(fresh_db))
    assert len(rows) == 9
    assert list(rows[0]) == ["article", "quote", "speaker", "speaker_mention", "type", "cue",
                             "outlet", "start", "end", "role", "channel", "via", "published",
                             "url", "group_id", "confidence", "speaker_rule", "antecedent_start",
                             "antecedent_end"]
    assert [(r["article"], r["start"]) for r in rows] == sorted((r["article"], r["start"])
                                                                for r in rows)
    first = rows[0]
    assert (first["article"], first["speaker"], first["outlet"], first["published"]) == (
        "000_7586c69c994ee961.txt", "United States", "Yonhap", "2024-10-29")
    assert {r["speaker"] for r in rows if r["article"].startswith("004")} == {
        "Pentagon", "Yoon Suk Yeol"}


def test_export_rows_gives_unknown_speakers_as_empty_text(fresh_db, batch):
    article, _ = batch[2]
    store.save_articles(fresh_db, [(article, [quote(article, "it is probable", None, type="direct")])], "1")
    store.refresh(fresh_db)
    assert [(r["speaker"], r["speaker_mention"]) for r in store.export_rows(fresh_db)] == [("", None)]


def test_confidence_and_evidence_are_stored_and_exported(fresh_db, batch):
    from dataclasses import replace

    article, records = batch[0]
    sure = replace(records[0], confidence=0.93, speaker_rule="pronoun", antecedent=(5, 18))
    store.save_articles(fresh_db, [(article, [sure])], "1")
    store.refresh(fresh_db)
    (row,) = store.export_rows(fresh_db)
    assert (row["confidence"], row["speaker_rule"], row["antecedent_start"], row["antecedent_end"]) == (
        0.93, "pronoun", 5, 18)
