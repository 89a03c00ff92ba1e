"""Saving articles: atomic batches, stable quote ids, provisional speakers, the refresh queue."""
from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from quotes import store
from quotes.canon.speakers import slug

from .conftest import counts, dump, quote, sample, search


def test_search_index_follows_inserts_and_deletes(fresh_db, batch):
    store.save_articles(fresh_db, batch[:1], "1")
    assert search(fresh_db, "soldiers") == [batch[0][1][0].quote]
    assert search(fresh_db, "embassy") == [batch[0][1][1].quote]  # speaker_mention is indexed too
    article, records = batch[0]
    store.save_articles(fresh_db, [(article, records[1:])], "1")
    assert search(fresh_db, "soldiers") == []
    assert search(fresh_db, "dialogue") == [records[1].quote]
    assert search(fresh_db, "agree") == [records[1].quote]  # porter stemming: agreed ~ agree


def test_search_index_follows_updates_of_searched_columns(fresh_db, batch):
    store.save_articles(fresh_db, batch[:1], "1")
    quote_id = fresh_db.execute("select id from quotes where quote like '%soldiers%'").fetchone()[0]
    fresh_db.execute("update quotes set quote = 'about 10,000 troops', speaker_id = NULL where id = ?",
                [quote_id])
    assert search(fresh_db, "soldiers") == []
    assert search(fresh_db, "troops") == ["about 10,000 troops"]


def test_saving_twice_changes_nothing(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    first = counts(fresh_db)
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    assert counts(fresh_db) == first
    assert first["articles"] == 5 and first["quotes"] == 9 and first["outlets"] == 3


def test_article_state_tells_what_is_stored(fresh_db, batch):
    article = batch[0][0]
    assert store.article_state(fresh_db, article.id) is None
    store.save_articles(fresh_db, batch[:1], "0.3")
    assert store.article_state(fresh_db, article.id) == (article.text_hash, "0.3")
    assert fresh_db["meta"].get("extractor_version")["value"] == "0.3"


def test_changed_text_replaces_the_articles_quotes(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    old, _ = batch[1]
    new = sample(old.name, old.text.replace("Yoon told the meeting", "Yoon told ministers"))
    assert new.id == old.id and new.text_hash != old.text_hash
    store.save_articles(fresh_db, [(new, [quote(new, "Yoon told ministers", None)])], "1")
    rows = list(fresh_db["quotes"].rows_where("article_id = ?", [new.id]))
    assert [r["quote"] for r in rows] == ["Yoon told ministers"]
    assert fresh_db["articles"].get(new.id)["text"] == new.text
    assert store.article_state(fresh_db, new.id).text_hash == new.text_hash
    assert fresh_db["quotes"].count == 8


def test_quote_ids_are_stable_across_databases_and_differ_by_span(tmp_path, batch):
    ids = []
    for name in ("one.db", "two.db"):
        db = store.open_db(tmp_path / name)
        store.save_articles(db, batch, "1")
        ids.append({r["quote"]: r["id"] for r in db["quotes"].rows})
        db.close()
    assert ids[0] == ids[1]
    assert len(set(ids[0].values())) == len(ids[0]) == 9
    assert all(len(i) == 16 and int(i, 16) >= 0 for i in ids[0].values())


@pytest.mark.parametrize("change, message", [
    ({"start": 10**6}, "'start' 1000000 is outside the text"),
    ({"type": "paraphrase"}, "'type' must be one of direct, indirect, mixed"),
    ({"end": "12"}, "'end' must be an integer"),
    ({"quote": " "}, "'quote' must be non-empty text"),
])
def test_a_bad_record_leaves_the_database_as_it_was(fresh_db, batch, change, message):
    store.save_articles(fresh_db, batch[:2], "1")
    before = dump(fresh_db)
    bad = replace(batch[3][1][0], **change)
    with pytest.raises(ValueError, match=f"003_8c76175bb869eee0.txt: quote 1: {message}"):
        store.save_articles(fresh_db, [batch[2], (batch[3][0], [bad])], "1")
    assert dump(fresh_db) == before


def test_a_failure_in_the_middle_of_a_batch_rolls_back_the_whole_batch(fresh_db, batch, monkeypatch):
    store.save_articles(fresh_db, batch[:2], "1")
    before = dump(fresh_db)
    write = store.articles._write_article
    written = []

    def fail_on_second(fresh_db, article, *args):
        if written:
            raise sqlite3.OperationalError("disk I/O error")
        written.append(article.name)
        write(fresh_db, article, *args)

    monkeypatch.setattr(store.articles, "_write_article", fail_on_second)
    changed = sample(batch[0][0].name, batch[0][0].text + "\nCorrection appended.")
    with pytest.raises(sqlite3.OperationalError):
        store.save_articles(fresh_db, [(changed, []), batch[2]], "1")
    assert written == [changed.name]  # the first article was written, then rolled back
    assert dump(fresh_db) == before
    assert not fresh_db.conn.in_transaction
    monkeypatch.undo()
    store.save_articles(fresh_db, batch[2:3], "1")  # the connection is still usable
    assert fresh_db["articles"].count == 3


def test_quotes_point_at_provisional_speakers_until_refresh(fresh_db, batch):
    store.save_articles(fresh_db, batch[4:], "1")
    ids = {r["name_in_article"]: r["speaker_id"] for r in fresh_db["quotes"].rows}
    assert ids["President Yoon"] == "president-yoon"
    assert fresh_db["speakers"].get("president-yoon")["name"] == "President Yoon"


def test_a_name_known_to_the_database_points_at_its_speaker_before_refresh(fresh_db, batch):
    store.save_articles(fresh_db, batch[:4], "1")
    store.refresh(fresh_db)
    known = dict(fresh_db.execute("SELECT name, speaker_id FROM speaker_names"))
    store.save_articles(fresh_db, batch[4:], "1")
    new = fresh_db.execute("SELECT name_in_article, speaker_id FROM quotes "
                           "WHERE article_id = ? AND name_in_article IS NOT NULL", [batch[4][0].id]).fetchall()
    assert any(name in known for name, _ in new) and any(name not in known for name, _ in new)
    for name, speaker_id in new:
        assert speaker_id == known.get(name, slug(name))


def test_quotes_carry_their_articles_outlet_and_date(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    assert fresh_db.execute(
        "SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.outlet_id IS NOT a.outlet_id OR q.published IS NOT a.published").fetchone() == (0,)
    assert fresh_db.execute("SELECT count(*) FROM quotes WHERE published IS NOT NULL").fetchone()[0] > 0


def test_saving_articles_marks_the_database_for_refresh(fresh_db, batch):
    store.save_articles(fresh_db, batch[:2], "1")
    assert store.needs_refresh(fresh_db)
    store.refresh(fresh_db)
    assert not store.needs_refresh(fresh_db)
    store.save_articles(fresh_db, batch[2:], "1")
    assert store.needs_refresh(fresh_db)
