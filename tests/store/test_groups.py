"""Quote groups: the same statement in different articles."""
from __future__ import annotations

import json

from quotes import store


def test_same_statement_in_two_outlets_is_one_group(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    group = fresh_db.execute("select * from quote_groups where speaker_id = "
                       "'russian-embassy-in-north-korea'").fetchall()
    assert len(group) == 1
    row = fresh_db["quote_groups"].get(group[0][0])
    assert (row["quote_count"], row["outlet_count"]) == (2, 2)
    assert json.loads(row["outlets"]) == ["The Moscow Times", "Yonhap"]
    assert row["first_published"] == "2024-10-29"
    assert row["label"].startswith("Choe's latest visit")  # the longest wording
    members = fresh_db.execute("select article_id from quotes where group_id = ?", [row["id"]]).fetchall()
    assert {m[0] for m in members} == {batch[0][0].id, batch[3][0].id}


def test_indirect_rendering_contained_in_a_longer_quote_is_grouped(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    row = fresh_db.execute("select * from quote_groups where speaker_id = 'pentagon'").fetchone()
    group = fresh_db["quote_groups"].get(row[0])
    assert group["quote_count"] == 2
    assert json.loads(group["outlets"]) == ["Reuters"]  # the other outlet is unknown


def test_unrelated_quotes_of_one_speaker_stay_ungrouped(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    assert fresh_db.execute("select group_id from quotes where speaker_id = 'yoon-suk-yeol'"
                      ).fetchall() == [(None,)] * 3
    assert fresh_db["quote_groups"].count == 2


def test_a_group_disappears_when_a_member_does(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    article, _ = batch[3]
    store.save_articles(fresh_db, [(article, [])], "1")
    store.refresh(fresh_db)
    assert not fresh_db["quote_groups"].count_where("speaker_id = 'russian-embassy-in-north-korea'")
    assert fresh_db["quotes"].count_where("group_id is not null") == 2
