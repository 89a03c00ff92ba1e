"""The refresh of speakers: names clustered across articles, relays, roles."""
from __future__ import annotations

import json
from dataclasses import replace

from quotes import store
from quotes.records import Article

from .conftest import dump, quote, sample


def test_refresh_merges_one_speaker_named_three_ways(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    yoon = fresh_db["speakers"].get("yoon-suk-yeol")
    assert (yoon["name"], yoon["kind"], yoon["quote_count"]) == ("Yoon Suk Yeol", "person", 3)
    assert (yoon["first_seen"], yoon["last_seen"]) == ("2024-10-29", "2024-11-01")
    assert json.loads(yoon["roles"]) == ["South Korean President"]
    said = fresh_db.execute("select name_in_article from quotes where speaker_id = 'yoon-suk-yeol' "
                      "order by 1").fetchall()
    assert said == [("President Yoon",), ("South Korean President Yoon Suk Yeol",), ("Yoon",)]
    aliases = {r["alias"] for r in fresh_db["speaker_aliases"].rows_where("speaker_id = 'yoon-suk-yeol'")}
    assert {"Yoon", "President Yoon", "South Korean President Yoon Suk Yeol"} <= aliases
    assert not fresh_db["speakers"].count_where("id = 'president-yoon'")  # provisional row gone


def test_refresh_resolves_embassy_variants_and_relays(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    embassy = fresh_db.execute("select speaker_id, count(*) from quotes where name_in_article like "
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


def test_police_in_three_cities_are_three_speakers(fresh_db):
    articles = [Article(name=f"{city}.txt", text=f"A man was arrested in {city} on Monday. Police said he "
                        "had been charged. The police said the road was open.", url=f"https://example.com/{city}")
                for city in ("London", "Auckland", "Delhi")]
    store.save_articles(fresh_db, [(a, [quote(a, "he had been charged", "police", kind="group", mention="Police"),
                                        quote(a, "the road was open", "police", kind="group",
                                              mention="The police")]) for a in articles], "1")
    store.refresh(fresh_db)
    by_article = fresh_db.execute("select article_id, count(distinct speaker_id) from quotes group by 1").fetchall()
    assert [count for _, count in by_article] == [1, 1, 1]
    police = fresh_db.execute("select name, quote_count from speakers").fetchall()
    assert police == [("police", 2)] * 3


def test_an_anonymous_official_in_two_articles_is_two_speakers(fresh_db):
    articles = [Article(name=f"{n}.txt", text="A senior US official said the talks had failed.",
                        url=f"https://example.com/{n}") for n in (1, 2)]
    store.save_articles(fresh_db, [(a, [quote(a, "the talks had failed", "senior US official",
                                              mention="A senior US official")]) for a in articles], "1")
    store.refresh(fresh_db)
    assert fresh_db.execute("select name from speakers").fetchall() == [("senior US official",)] * 2
