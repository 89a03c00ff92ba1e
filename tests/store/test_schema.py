"""The schema: tables, indexes, triggers, the view, and the numbered steps that make them."""
from __future__ import annotations

import pytest

from quotes import store


def test_open_db_creates_the_schema(tmp_path):
    db = store.open_db(tmp_path / "new" / "dir" / "quotes.db")
    assert (tmp_path / "new" / "dir" / "quotes.db").exists()
    assert {"meta", "outlets", "articles", "speakers", "speaker_aliases", "quote_groups",
            "quotes", "quotes_fts"} <= set(db.table_names())
    assert db["quotes"].pks == ["id"]
    assert db["speaker_aliases"].pks == ["speaker_id", "alias"]
    assert {(fk.column, fk.other_table) for fk in db["quotes"].foreign_keys} == {
        ("article_id", "articles"), ("outlet_id", "outlets"), ("speaker_id", "speakers"),
        ("via_speaker_id", "speakers"), ("group_id", "quote_groups")}
    assert [(fk.column, fk.other_table) for fk in db["articles"].foreign_keys] == [
        ("outlet_id", "outlets")]
    indexed = {tuple(index.columns) for index in db["quotes"].indexes}
    assert {("speaker_id", "published", "outlet_id", "type", "cue_lemma"),
            ("outlet_id", "published", "speaker_id", "type", "cue_lemma"),
            ("group_id", "id"), ("type", "published"), ("cue_lemma", "published"), ("article_id", "start")} <= indexed
    assert ("type",) not in indexed and ("group_id",) not in indexed  # the wider indexes replaced them
    assert ("alias",) in {tuple(index.columns) for index in db["speaker_aliases"].indexes}
    assert {"quotes_ai", "quotes_ad", "quotes_au"} <= {t.name for t in db["quotes"].triggers}
    assert db["quotes"].detect_fts() == "quotes_fts"
    assert "quotes_view" in db.view_names()
    assert db.journal_mode == "wal"
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1
    assert [m.name for m in store.migrations.applied(db)] == store.STEPS
    db.close()


def test_open_db_twice_keeps_data(db_path, batch):
    db = store.open_db(db_path)
    store.save_articles(db, batch, "1")
    db.close()
    again = store.open_db(db_path)
    assert again["quotes"].count == 9
    again.close()


@pytest.mark.parametrize("column", ["speaker_id", "outlet_id"])
def test_one_speakers_or_outlets_quotes_are_faceted_from_an_index(fresh_db, column):
    for facet in ("speaker_id", "outlet_id", "type", "cue_lemma"):
        plan = fresh_db.execute(
            f"explain query plan select {facet}, count(*) from quotes where {column} = ? "
            f"group by {facet}", ["x"]).fetchall()
        assert "COVERING INDEX" in plan[0][-1], plan


def test_open_db_refuses_a_database_of_a_newer_version(db_path):
    db = store.open_db(db_path)
    db["_sqlite_migrations"].insert({"migration_set": "quotes", "name": "999_future",
                                     "applied_at": "2030-01-01"})
    db.close()
    with pytest.raises(ValueError, match="schema version 999_future, made by a newer version"):
        store.open_db(db_path)


def test_open_db_upgrades_a_database_of_the_first_releases(db_path):
    db = store.open_db(db_path)
    db["_sqlite_migrations"].drop()
    db["meta"].insert({"key": "schema_version", "value": "2"})
    db["quotes"].create_index(["speaker_id", "published"], index_name="idx_quotes_speaker_id_published")
    db.execute("ALTER TABLE quotes RENAME COLUMN name_in_article TO speaker_name")  # as those releases named it
    db.close()
    db = store.open_db(db_path)
    assert [m.name for m in store.migrations.applied(db)] == store.STEPS
    assert "name_in_article" in db["quotes"].columns_dict and "speaker_name" not in db["quotes"].columns_dict
    assert "idx_quotes_speaker_id_published" not in {i.name for i in db["quotes"].indexes}
    assert not db["meta"].count_where("key = 'schema_version'")


def test_view_has_one_readable_row_per_quote(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    rows = list(fresh_db["quotes_view"].rows_where("article = ?", ["002_614e8b809048a462.txt"]))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == ["id", "quote", "type", "cue", "speaker", "speaker_id", "speaker_kind",
                         "speaker_mention", "role", "channel", "via", "outlet", "article_title",
                         "article", "published", "url", "group_id", "start", "end", "article_id",
                         "confidence", "speaker_rule", "rowid"]
    assert (row["speaker"], row["speaker_kind"], row["via"], row["outlet"]) == (
        "Dmitry Peskov", "person", "TASS", None)


def test_a_database_with_speaker_name_is_upgraded_to_name_in_article(db_path, batch):
    """The step 014 renames the column of the name in one article; facet counts, indexes and
    refreshes follow it, and nothing is left under the old name."""
    db = store.open_db(db_path)
    store.save_articles(db, batch, "1")
    store.refresh(db)
    names = db.execute("SELECT id, name_in_article FROM quotes ORDER BY id").fetchall()
    speakers = db.execute("SELECT * FROM speakers ORDER BY id").fetchall()
    # As the version before it left the database.
    db.execute("ALTER TABLE quotes RENAME COLUMN name_in_article TO speaker_name")
    db.execute("UPDATE quote_facet_counts SET facet = 'speaker_name' WHERE facet = 'name_in_article'")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '015_name_in_article'")
    db.conn.commit()
    db.close()

    db = store.open_db(db_path)
    assert db.execute("SELECT id, name_in_article FROM quotes ORDER BY id").fetchall() == names
    counted = dict(db.execute("SELECT value, count FROM quote_facet_counts WHERE facet = 'name_in_article'"))
    assert counted == dict(db.execute("SELECT name_in_article, count(*) FROM quotes "
                                      "WHERE name_in_article IS NOT NULL GROUP BY 1"))
    assert not db.execute("SELECT 1 FROM quote_facet_counts WHERE facet = 'speaker_name'").fetchall()
    assert not [sql for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE sql LIKE '%speaker_name]%' "
                                              "OR sql LIKE '%speaker_name %' OR sql LIKE '%speaker_name,%'")]
    store.refresh(db, full=True)
    assert db.execute("SELECT * FROM speakers ORDER BY id").fetchall() == speakers
    db.close()


def test_a_database_without_cue_offsets_gains_them_empty(db_path, batch):
    """The step 016 adds the cue's offsets to the quotes of an older database: empty until
    the articles are extracted again."""
    db = store.open_db(db_path)
    store.save_articles(db, batch, "1")
    db.execute("ALTER TABLE quotes DROP COLUMN cue_start")
    db.execute("ALTER TABLE quotes DROP COLUMN cue_end")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '016_cue_offsets'")
    db.conn.commit()
    db.close()

    db = store.open_db(db_path)
    assert "016_cue_offsets" in {m.name for m in store.migrations.applied(db)}
    assert db.execute("SELECT count(*), count(cue_start), count(cue_end) FROM quotes").fetchone() == (9, 0, 0)
    db.close()
