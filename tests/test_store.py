"""The SQLite store: schema, atomic batches, speaker refresh, quote groups, export."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from quotes import store
from quotes.canon.speakers import slug
from quotes.records import Article, Attribution, QuoteRecord

SAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
META = {  # name: (outlet, published)
    "000_7586c69c994ee961.txt": ("Yonhap", "2024-10-29"),
    "001_9850cac4f2388300.txt": ("Reuters", "2024-10-29"),
    "002_614e8b809048a462.txt": (None, "2023-11-17"),
    "003_8c76175bb869eee0.txt": ("The Moscow Times", "2024-10-29"),
    "004_6101a84cd05339c5.txt": (None, "2024-11-01"),
}


def sample(name: str, text: str | None = None) -> Article:
    outlet, published = META[name]
    return Article(
        name=name,
        text=(SAMPLES / name).read_text() if text is None else text,
        url=f"https://example.com/{name}",
        outlet=outlet,
        published=published,
    )


def quote(article: Article, words: str, speaker: str | None, type: str = "indirect",
          kind: str | None = "person", mention: str | None = None, role: str | None = None,
          **fields) -> QuoteRecord:
    """A quote record as extraction makes it, with offsets located in the article's text."""
    start = article.text.index(words)
    end = start + len(words)
    paragraph_start = article.text.rfind("\n", 0, start) + 1
    paragraph_end = article.text.find("\n", end)
    return QuoteRecord(
        quote=words, start=start, end=end, type=type,
        cue=fields.pop("cue", "said"), cue_lemma=fields.pop("cue_lemma", "say"),
        speaker_mention=mention or speaker,
        speaker=Attribution(speaker, kind if speaker else None, role),
        sentence_start=paragraph_start,
        sentence_end=len(article.text) if paragraph_end < 0 else paragraph_end,
        **fields,
    )


@pytest.fixture
def batch() -> list[tuple[Article, list[QuoteRecord]]]:
    """The sample articles with hand-made quotes: Yoon under three names, one statement
    of the Russian embassy in two outlets, the Pentagon's troop count twice."""
    a0, a1, a2, a3, a4 = (sample(name) for name in META)
    return [
        (a0, [
            quote(a0, "the North sent about 10,000 soldiers to train in eastern Russia",
                  "United States", kind="organisation"),
            quote(a0, "Choe's visit is part of a \"strategic dialogue\" agreed upon by the leaders "
                      "of both countries", "Russian Embassy in North Korea", type="mixed",
                  kind="organisation", mention="The Russian Embassy in North Korea"),
        ]),
        (a1, [
            quote(a1, "I want everyone to be on alert about risk management,",
                  "Yoon", type="direct", cue="told", cue_lemma="tell", channel="told the meeting"),
            quote(a1, "North Korea had sent 10,000 troops to eastern Russia for training",
                  "Pentagon", kind="organisation", mention="It"),
        ]),
        (a2, [
            quote(a2, "Discussions are still underway through diplomatic channels. We will make "
                      "announcements as soon as the dates are set,", "Dmitry Peskov",
                  type="direct", mention="he", role="Kremlin spokesman", via="TASS",
                  cue="quoted", cue_lemma="quote"),
        ]),
        (a3, [
            quote(a3, "Choe's latest visit came after the two countries' leaders agreed to step up "
                      "“strategic dialogue” at their meeting in June", "Russian embassy in Pyongyang",
                  type="mixed", kind="organisation", mention="The Russian embassy in Pyongyang"),
        ]),
        (a4, [
            quote(a4, "North Korea has sent about 10,000 troops to Russia, who are expected to arrive "
                      "in battlefields in Ukraine within “the next several weeks.”", "Pentagon",
                  type="mixed", kind="organisation", mention="the Pentagon"),
            quote(a4, "North Korean troops could be deployed to battlefronts “more quickly than "
                      "anticipated.”", "South Korean President Yoon Suk Yeol", type="mixed",
                  role="South Korean President", cue="shared", cue_lemma="share"),
            quote(a4, "The illegal military collusion between Russia and North Korea poses a "
                      "significant security threat to the international community and a serious "
                      "matter that could potentially harm our security.", "President Yoon",
                  type="direct", mention="Yoon"),
        ]),
    ]


def counts(db) -> dict[str, int]:
    return {table: db[table].count for table in
            ("outlets", "articles", "speakers", "speaker_aliases", "quote_groups", "quotes")}


def dump(db) -> dict[str, list]:
    """Every table's rows, for comparing whole databases."""
    return {table: db.execute(f"select * from [{table}] order by 1, 2").fetchall()
            for table in ("outlets", "speakers", "speaker_aliases", "quote_groups", "quotes")}


def search(db, words: str) -> list[str]:
    return [row["quote"] for row in db.query(
        "select quote from quotes where rowid in "
        "(select rowid from quotes_fts where quotes_fts match ?) order by quote", [words])]


# Schema


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
    db.close()
    db = store.open_db(db_path)
    assert [m.name for m in store.migrations.applied(db)] == store.STEPS
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
                         "article", "published", "url", "group_id", "start", "end", "article_id"]
    assert (row["speaker"], row["speaker_kind"], row["via"], row["outlet"]) == (
        "Dmitry Peskov", "person", "TASS", None)


# Saving


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
    ids = {r["speaker_name"]: r["speaker_id"] for r in fresh_db["quotes"].rows}
    assert ids["President Yoon"] == "president-yoon"
    assert fresh_db["speakers"].get("president-yoon")["name"] == "President Yoon"


def test_a_name_known_to_the_database_points_at_its_speaker_before_refresh(fresh_db, batch):
    store.save_articles(fresh_db, batch[:4], "1")
    store.refresh(fresh_db)
    known = dict(fresh_db.execute("SELECT name, speaker_id FROM speaker_names"))
    store.save_articles(fresh_db, batch[4:], "1")
    new = fresh_db.execute("SELECT speaker_name, speaker_id FROM quotes "
                           "WHERE article_id = ? AND speaker_name IS NOT NULL", [batch[4][0].id]).fetchall()
    assert any(name in known for name, _ in new) and any(name not in known for name, _ in new)
    for name, speaker_id in new:
        assert speaker_id == known.get(name, slug(name))


# Refresh: speakers


def test_refresh_merges_one_speaker_named_three_ways(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    yoon = fresh_db["speakers"].get("yoon-suk-yeol")
    assert (yoon["name"], yoon["kind"], yoon["quote_count"]) == ("Yoon Suk Yeol", "person", 3)
    assert (yoon["first_seen"], yoon["last_seen"]) == ("2024-10-29", "2024-11-01")
    assert json.loads(yoon["roles"]) == ["South Korean President"]
    said = fresh_db.execute("select speaker_name from quotes where speaker_id = 'yoon-suk-yeol' "
                      "order by 1").fetchall()
    assert said == [("President Yoon",), ("South Korean President Yoon Suk Yeol",), ("Yoon",)]
    aliases = {r["alias"] for r in fresh_db["speaker_aliases"].rows_where("speaker_id = 'yoon-suk-yeol'")}
    assert {"Yoon", "President Yoon", "South Korean President Yoon Suk Yeol"} <= aliases
    assert not fresh_db["speakers"].count_where("id = 'president-yoon'")  # provisional row gone


def test_refresh_resolves_embassy_variants_and_relays(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    embassy = fresh_db.execute("select speaker_id, count(*) from quotes where speaker_name like "
                         "'Russian %mbassy%' group by 1").fetchall()
    assert embassy == [("russian-embassy-in-north-korea", 2)]
    tass = fresh_db["speakers"].get("tass")
    assert (tass["kind"], tass["quote_count"], tass["first_seen"]) == ("organisation", 0, "2023-11-17")
    peskov = fresh_db.execute("select speaker_id, via_speaker_id from quotes where via = 'TASS'").fetchall()
    assert peskov == [("dmitry-peskov", "tass")]
    aliases = {r["alias"] for r in fresh_db["speaker_aliases"].rows_where("speaker_id = 'dmitry-peskov'")}
    assert "he" not in aliases  # a pronoun is no name


def test_refresh_drops_speakers_nobody_quotes_any_more(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    article, records = batch[2]
    store.save_articles(fresh_db, [(article, [replace(records[0], via=None)])], "1")
    store.refresh(fresh_db)
    assert not fresh_db["speakers"].count_where("id = 'tass'")
    assert fresh_db.execute("pragma foreign_key_check").fetchall() == []


def test_refresh_does_not_depend_on_ingest_order(tmp_path, batch):
    forward = store.open_db(tmp_path / "forward.db")
    for item in batch:
        store.save_articles(forward, [item], "1")
        store.refresh(forward)
    backward = store.open_db(tmp_path / "backward.db")
    store.save_articles(backward, batch[::-1], "1")
    store.refresh(backward)
    store.refresh(backward)
    assert dump(forward) == dump(backward)


# Refresh: quote groups


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


# Refresh: facet counts


def live_counts(db, facet: str) -> dict:
    expression = store.FACET_EXPRESSIONS[facet].format(row="quotes")
    return dict(db.execute(f"select value, count(*) from (select {expression} as value from quotes) "
                           "where value is not null group by value").fetchall())


def stored_counts(db, facet: str) -> dict:
    return dict(db.execute("select value, count from quote_facet_counts where facet = ? and count > 0",
                           [facet]).fetchall())


def assert_counts_are_current(db) -> None:
    for facet in store.FACET_EXPRESSIONS:
        assert stored_counts(db, facet) == live_counts(db, facet), facet


def test_refresh_counts_the_facets_of_the_whole_quotes_table(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    assert_counts_are_current(fresh_db)
    assert stored_counts(fresh_db, "type") == {"direct": 3, "indirect": 2, "mixed": 4}
    assert json.loads(fresh_db["meta"].get("facet_counts")["value"]) == {
        "facets": list(store.FACET_EXPRESSIONS), "kept_current": True}


def test_facet_counts_are_current_after_every_write(fresh_db, batch):
    store.save_articles(fresh_db, batch[:3], "1")
    assert_counts_are_current(fresh_db)  # provisional speakers, before any refresh
    store.refresh(fresh_db)
    assert_counts_are_current(fresh_db)
    store.save_articles(fresh_db, batch[2:], "1")  # article 2 again, and new ones
    assert_counts_are_current(fresh_db)
    store.refresh(fresh_db)  # the incremental refresh
    assert_counts_are_current(fresh_db)
    store.refresh(fresh_db, full=True)
    assert_counts_are_current(fresh_db)
    assert not fresh_db.execute("select 1 from quote_facet_counts where count <= 0").fetchall()


def test_facet_counts_are_made_again_without_their_triggers(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    for name in store.FACET_TRIGGERS:
        fresh_db.execute(f"drop trigger [{name}]")
    fresh_db.execute("delete from quotes where type = 'mixed'")
    store.count_facets(fresh_db)
    assert_counts_are_current(fresh_db)
    fresh_db.execute("delete from quotes where type = 'direct'")  # the triggers are back
    assert_counts_are_current(fresh_db)


def test_saving_articles_marks_the_database_for_refresh(fresh_db, batch):
    store.save_articles(fresh_db, batch[:2], "1")
    assert store.needs_refresh(fresh_db)
    store.refresh(fresh_db)
    assert not store.needs_refresh(fresh_db)
    store.save_articles(fresh_db, batch[2:], "1")
    assert store.needs_refresh(fresh_db)


def test_facet_counts_follow_the_next_refresh(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    article, _ = batch[4]
    store.save_articles(fresh_db, [(article, [])], "1")
    store.refresh(fresh_db)
    assert stored_counts(fresh_db, "type") == {"direct": 2, "indirect": 2, "mixed": 2}
    assert_counts_are_current(fresh_db)


# Export


def test_export_rows_fields_and_order(fresh_db, batch):
    store.save_articles(fresh_db, batch[::-1], "1")
    store.refresh(fresh_db)
    rows = list(store.export_rows(fresh_db))
    assert len(rows) == 9
    assert list(rows[0]) == ["article", "quote", "speaker", "speaker_mention", "type", "cue",
                             "outlet", "start", "end", "role", "channel", "via", "published",
                             "url", "group_id"]
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


def test_a_role_only_mention_resolves_to_the_one_person_known_in_that_role(fresh_db):
    reuters = sample("001_9850cac4f2388300.txt")
    yonhap = sample("000_7586c69c994ee961.txt")
    rutte = quote(reuters, "the deepening military ties between Moscow and Pyongyang posed a threat",
                  "Mark Rutte", role="NATO Secretary-General")
    chief = quote(yonhap, "North Korean troops have been deployed to Russia's western front-line Kursk region",
                  None, mention="the chief of the North Atlantic Treaty Organization",
                  role="chief of the North Atlantic Treaty Organization")
    store.save_articles(fresh_db, [(reuters, [rutte]), (yonhap, [chief])], "1")
    store.refresh(fresh_db)
    speakers = {r["quote"][:5]: r["speaker"] for r in store.export_rows(fresh_db)}
    assert speakers == {"the d": "Mark Rutte", "North": "Mark Rutte"}
    assert fresh_db["speakers"].get("mark-rutte")["quote_count"] == 2


def test_an_unknown_office_holder_keeps_the_role_as_written(fresh_db):
    article = sample("002_614e8b809048a462.txt")
    record = quote(article, "discussions about Putin's visit to North Korea are ongoing", None,
                   mention="the Kremlin spokesman", role="Kremlin spokesman")
    store.save_articles(fresh_db, [(article, [record])], "1")
    store.refresh(fresh_db)
    (row,) = store.export_rows(fresh_db)
    assert row["speaker"] == "Kremlin spokesman"
    assert fresh_db.execute("SELECT speaker_id FROM quotes").fetchall() == [(None,)]


def test_quotes_carry_their_articles_outlet_and_date(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    assert fresh_db.execute(
        "SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.outlet_id IS NOT a.outlet_id OR q.published IS NOT a.published").fetchone() == (0,)
    assert fresh_db.execute("SELECT count(*) FROM quotes WHERE published IS NOT NULL").fetchone()[0] > 0
