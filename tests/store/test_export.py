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
                             "antecedent_end", "cue_start", "cue_end"]
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


def test_cue_offsets_are_stored_and_exported(fresh_db, batch):
    from dataclasses import replace

    article, records = batch[0]
    record = records[0]
    cue_start = article.text.index("said")
    stored = replace(record, cue="said", cue_start=cue_start, cue_end=cue_start + 4)
    store.save_articles(fresh_db, [(article, [stored, replace(records[1], cue=None)])], "1")
    store.refresh(fresh_db)
    assert fresh_db.execute("SELECT cue_start, cue_end FROM quotes ORDER BY start").fetchall() == [
        (cue_start, cue_start + 4), (None, None)]
    first, second = store.export_rows(fresh_db)
    assert (first["cue_start"], first["cue_end"], second["cue_start"]) == (cue_start, cue_start + 4, None)
    assert article.text[first["cue_start"]:first["cue_end"]] == "said"


def test_a_cue_offset_without_its_pair_is_refused(fresh_db, batch):
    from dataclasses import replace

    import pytest

    article, records = batch[0]
    with pytest.raises(ValueError, match="cue_start"):
        store.save_articles(fresh_db, [(article, [replace(records[0], cue_start=3)])], "1")
