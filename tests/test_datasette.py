"""The published database: Datasette with our metadata.yml and plugin, through its test client
(the ``client`` fixture: one app serving ``sample_db`` for the session)."""

import json
import os
import re
import stat
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner
from conftest import ingest
from datasette.app import Datasette

import quotes.datasette.serve as serving
from quotes import store
from quotes.cli import cli
from quotes.datasette.serve import SETTINGS, inspect_file_for, load_metadata, metadata_for, metadata_path, serve_args

ROOT = Path(__file__).resolve().parent.parent
YOON_RISK = "I want everyone to be on alert about risk management,"
SCRIPT = "<script>alert(1)</script>"


def rows(client, path: str) -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return response.json()


# ---- Searching and querying ----

@pytest.mark.parametrize("search, column, found", [
    ("risk+management", "quote", YOON_RISK),
    ("Zakharova", "speaker_mention", "Zakharova"),  # the mention is in the index too
])
def test_full_text_search_finds_the_one_quote(client, search, column, found):
    matches = rows(client, f"/quotes/quotes.json?_search={search}&_shape=array")
    assert [row[column] for row in matches] == [found]


def test_search_quotes_ranks_matches_with_speaker_and_outlet(client):
    found = rows(client, "/quotes/search_quotes.json?q=risk+management&_shape=array")
    assert [(r["quote"], r["speaker"], r["outlet"]) for r in found] == [
        (YOON_RISK, "Yoon Suk Yeol", "Reuters")
    ]
    assert found[0]["article_title"].startswith("North Korea’s Foreign Minister Leaves")


def test_search_quotes_takes_words_and_phrases_not_fts_syntax(client):
    assert rows(client, '/quotes/search_quotes.json?q="risk+management"&_shape=array')
    assert rows(client, "/quotes/search_quotes.json?q=managing+risks&_shape=array")
    assert rows(client, "/quotes/search_quotes.json?q=risk+AND+NEAR(&_shape=array") == []


def test_quotes_by_speaker_matches_any_alias_case_insensitively(client):
    by_name = rows(client, "/quotes/quotes_by_speaker.json?speaker=Yoon&_shape=array")
    by_alias = rows(client, "/quotes/quotes_by_speaker.json?speaker=korea’s+PRESIDENT&_shape=array")
    assert {r["speaker"] for r in by_name} == {"Yoon Suk Yeol", "Yoon Suk Yeol's office"}
    assert YOON_RISK in {r["quote"] for r in by_name}
    assert [r["speaker"] for r in by_name].count("Yoon Suk Yeol") == 6
    assert {r["speaker"] for r in by_alias} == {"Yoon Suk Yeol"}


@pytest.mark.parametrize("query", ["quotes_by_speaker", "speaker_timeline"])
def test_canned_queries_with_a_blank_parameter_return_nothing(client, query):
    assert rows(client, f"/quotes/{query}.json?speaker=&_shape=array") == []


def test_top_speakers_counts_quotes_and_outlets(client):
    top = rows(client, "/quotes/top_speakers.json?_shape=array")
    # Two articles, but only Reuters is a known outlet: unknown outlets are not counted.
    assert (top[0]["speaker"], top[0]["quotes"], top[0]["articles"], top[0]["outlets"]) == (
        "Yoon Suk Yeol", 6, 2, 1)
    assert [r["quotes"] for r in top] == sorted((r["quotes"] for r in top), reverse=True)


def test_same_quote_across_outlets_lists_each_outlets_wording(client):
    found = rows(client, "/quotes/same_quote_across_outlets.json?_shape=array")
    assert {r["outlet"] for r in found} == {"Yonhap", "The Moscow Times"}
    assert {r["speaker"] for r in found} == {"Russian Embassy in North Korea"}
    assert all("strategic dialogue" in r["quote"] for r in found)


def test_who_quotes_whom_counts_per_outlet_and_speaker(client):
    table = rows(client, "/quotes/who_quotes_whom.json?_shape=array")
    reuters_yoon = [r for r in table if (r["outlet"], r["speaker"]) == ("Reuters", "Yoon Suk Yeol")]
    assert [(r["quotes"], r["direct"], r["indirect"], r["mixed"]) for r in reuters_yoon] == [(3, 1, 1, 1)]


def test_speaker_timeline_is_in_date_order_with_outlets(client):
    timeline = rows(client, "/quotes/speaker_timeline.json?speaker=yoon+suk+yeol&_shape=array")
    assert [(r["published"], r["outlet"]) for r in timeline] == [
        ("2024-10-29", "Reuters")] * 3 + [("2024-10-31", None)] * 3
    assert rows(client, "/quotes/speaker_timeline.json?speaker=yoon-suk-yeol&_shape=array") == timeline


def test_speaker_timeline_goes_on_from_a_date(client):
    later = rows(client, "/quotes/speaker_timeline.json?speaker=Yoon&since=2024-10-30&_shape=array")
    assert [r["published"] for r in later] == ["2024-10-31"] * 3


def test_json_api_rows_have_the_view_columns(client):
    found = rows(client, "/quotes/quotes_view.json?_shape=array&speaker_id=maria-zakharova")
    assert len(found) == 2
    assert set(found[0]) >= {"id", "quote", "type", "cue", "speaker", "speaker_id", "outlet",
                             "article_title", "published", "url", "start", "end", "article_id"}


# ---- Metadata ----

def test_metadata_title_and_license_on_the_index_page(client):
    html = client.get("/").text
    assert "Quotes in the news" in html
    assert "Attributions are machine-made" in html
    assert "article texts remain the property of their publishers" in html


def test_every_visible_table_and_column_is_described(sample_db):
    tables = load_metadata()["databases"]["quotes"]["tables"]
    db = sqlite_utils.Database(sample_db)
    visible = [t for t in db.table_names() + db.view_names() if not tables.get(t, {}).get("hidden")]
    assert sorted(visible) == sorted(["quotes", "speakers", "speaker_aliases", "articles",
                                      "outlets", "quote_groups", "quotes_view"])
    for name in visible:
        assert tables[name]["description"]
        assert set(tables[name]["columns"]) == set(db[name].columns_dict), name


def test_descriptions_show_on_the_pages(client):
    assert "People, organisations and groups that are quoted" in client.get("/quotes/speakers").text
    html = client.get("/quotes/quotes").text
    assert "Dictionary form of the cue" in html


def test_shadow_tables_are_hidden(client):
    listed = {t["name"] for t in client.get("/quotes.json").json()["tables"]
              if not t["hidden"]}
    assert "meta" not in listed and not any(t.startswith("quotes_fts") for t in listed)


def test_quotes_table_shows_speaker_names_not_ids(client):
    html = client.get("/quotes/quotes?speaker_id=yoon-suk-yeol").text
    assert ">Yoon Suk Yeol</a>" in html
    labelled = rows(client, "/quotes/quotes.json?_shape=array&_labels=on&speaker_id=dmitry-peskov")
    assert labelled[0]["speaker_id"] == {"value": "dmitry-peskov", "label": "Dmitry Peskov"}


def test_default_facets(client):
    quotes = client.get("/quotes/quotes.json").json()["facet_results"]
    assert set(quotes) == {"speaker_id", "outlet_id", "type", "cue_lemma"}
    assert {facet["type"] for facet in quotes.values()} == {"column"}
    assert {f["value"] for f in quotes["type"]["results"]} == {"direct", "indirect", "mixed"}
    assert "Yoon Suk Yeol" in {f["label"] for f in quotes["speaker_id"]["results"]}
    assert all(f["toggle_url"].endswith(f"/quotes/quotes.json?type={f['value']}")
               for f in quotes["type"]["results"])
    by_date = client.get("/quotes/quotes.json?_facet_date=published").json()["facet_results"]
    assert by_date["published"]["type"] == "date"
    assert set(client.get("/quotes/speakers.json").json()["facet_results"]) == {"kind"}


def facet_counts(client, path: str) -> dict[str, dict]:
    results = client.get(path).json()["facet_results"]
    return {name: {f["value"]: f["count"] for f in facet["results"]} for name, facet in results.items()}


DEFAULT_FACETS = ("speaker_id", "outlet_id", "type", "cue_lemma")  # metadata.yml's, of the quotes table


def live_facet_counts(path: Path, where: str = "", columns=DEFAULT_FACETS, table: str = "quotes") -> dict[str, dict]:
    """What a GROUP BY over the table gives for each column."""
    db = sqlite_utils.Database(path)
    found = {column: dict(db.execute(
        f"select [{column}], count(*) from [{table}] where [{column}] is not null {where} group by 1").fetchall())
        for column in columns}
    db.close()
    return found


@pytest.fixture
def copied_db(sample_db, tmp_path) -> Path:
    """A copy of the published database that a test may change."""
    path = tmp_path / "quotes.db"
    path.write_bytes(sample_db.read_bytes())
    return path


def test_whole_table_facets_give_the_same_counts_as_counting(client, sample_db):
    assert facet_counts(client, "/quotes/quotes.json") == live_facet_counts(sample_db)


def test_whole_table_facets_read_the_counts_made_at_refresh(copied_db, client_for):
    db = sqlite_utils.Database(copied_db)
    db.execute("update quote_facet_counts set count = 999 where facet = 'type' and value = 'mixed'")
    db.conn.commit()
    ds = client_for(Datasette([str(copied_db)], metadata=load_metadata(), settings=SETTINGS))
    assert facet_counts(ds, "/quotes/quotes.json")["type"]["mixed"] == 999


def test_filtered_and_searched_pages_count_their_facets_live(client, sample_db):
    assert facet_counts(client, "/quotes/quotes.json?type=direct") == live_facet_counts(
        sample_db, "and type = 'direct'")
    searched = facet_counts(client, "/quotes/quotes.json?_search=troops")
    assert sum(searched["type"].values()) == len(rows(client, "/quotes/quotes.json?_search=troops&_shape=array"))


def test_facets_are_counted_live_when_quotes_changed_after_the_counts(copied_db, client_for):
    db = sqlite_utils.Database(copied_db)
    db.execute("delete from quotes where type = 'mixed'")
    db.conn.commit()
    ds = client_for(Datasette([str(copied_db)], metadata=load_metadata(), settings=SETTINGS))
    assert facet_counts(ds, "/quotes/quotes.json") == live_facet_counts(copied_db)
    assert "mixed" not in facet_counts(ds, "/quotes/quotes.json")["type"]


def test_facets_are_counted_live_on_a_database_without_stored_counts(copied_db, client_for):
    db = sqlite_utils.Database(copied_db)
    db["quote_facet_counts"].drop()
    db.execute("delete from meta where key = 'facet_counts'")
    db.conn.commit()
    ds = client_for(Datasette([str(copied_db)], metadata=load_metadata(), settings=SETTINGS))
    assert facet_counts(ds, "/quotes/quotes.json") == live_facet_counts(copied_db)


VIEW_FACETS = ("speaker", "outlet", "type", "speaker_kind", "cue", "role", "published", "speaker_id")


def served(path: Path, client_for, immutable: bool = False):
    """A Datasette app of its own for the database at ``path``."""
    files = {"immutables": [str(path)]} if immutable else {"files": [str(path)]}
    return client_for(Datasette(**files, metadata=load_metadata(), settings=SETTINGS))


def facets_of(client, path: str, columns) -> dict[str, dict]:
    query = "&".join(f"_facet={column}" for column in columns)
    return facet_counts(client, f"{path}{'&' if '?' in path else '?'}{query}&_facet_size=max")


def test_a_facet_of_any_counted_column_of_the_whole_table_gives_the_same_counts_as_counting(client, sample_db):
    columns = [c for c in store.COUNTED_FACETS if c not in DEFAULT_FACETS]
    assert facets_of(client, "/quotes/quotes.json", columns) == {
        **live_facet_counts(sample_db), **live_facet_counts(sample_db, columns=columns)}


def test_later_pages_of_the_whole_table_show_the_facets_of_the_whole_table(client, sample_db):
    later = re.sub(r"^https?://[^/]+", "", client.get("/quotes/quotes.json?_size=5").json()["next_url"])
    assert "_next=" in later
    assert facet_counts(client, later) == live_facet_counts(sample_db)


def test_quotes_view_facets_of_the_whole_view_give_the_same_counts_as_counting(client, sample_db):
    assert facets_of(client, "/quotes/quotes_view.json", VIEW_FACETS) == live_facet_counts(
        sample_db, columns=VIEW_FACETS, table="quotes_view")


def test_whole_table_and_view_facets_read_the_stored_counts(copied_db, client_for):
    db = sqlite_utils.Database(copied_db)
    db.execute("update quote_facet_counts set count = 999 where facet = 'speaker_id' and value = 'yoon-suk-yeol'")
    db.execute("update quote_facet_counts set count = 998 where facet = 'cue' and value = 'said'")
    db.conn.commit()
    ds = served(copied_db, client_for)
    assert facets_of(ds, "/quotes/quotes.json", ["cue"])["cue"]["said"] == 998
    view = facets_of(ds, "/quotes/quotes_view.json", ["speaker", "cue", "speaker_kind"])
    assert view["speaker"]["Yoon Suk Yeol"] == 999
    assert view["cue"]["said"] == 998
    assert view["speaker_kind"]["person"] == live_facet_counts(
        copied_db, columns=["speaker_kind"], table="quotes_view")["speaker_kind"]["person"] + 999 - 6


def test_facets_of_the_whole_table_and_view_follow_an_ingest_and_each_refresh(copied_db, client_for):
    """Stored counts must never be stale: after new articles, a changed article (fewer
    quotes), the incremental refresh and a full one, every whole-table and whole-view facet
    equals a GROUP BY."""
    from quotes.records import Article, Attribution, QuoteRecord

    def article(name: str, speakers: list[str]) -> tuple[Article, list[QuoteRecord]]:
        sentences = [f'"We will sign the accord number {i} today," {who} said.' for i, who in enumerate(speakers)]
        text = " ".join(sentences)
        records, at = [], 0
        for sentence, who in zip(sentences, speakers, strict=True):
            start = text.index('"', at) + 1
            end = text.index(',"', start) + 1
            records.append(QuoteRecord(
                quote=text[start:end], type="direct", start=start, end=end, sentence_start=at,
                sentence_end=at + len(sentence), cue="said", cue_lemma="say", speaker_mention=who,
                speaker=Attribution(name=who)))
            at += len(sentence) + 1
        return Article(name=name, text=text, title=name, outlet="Wire Of Tests", published="2025-01-02"), records

    def check(ds) -> None:
        columns = [c for c in store.COUNTED_FACETS if c not in DEFAULT_FACETS]
        assert facets_of(ds, "/quotes/quotes.json", columns) == {
            **live_facet_counts(copied_db), **live_facet_counts(copied_db, columns=columns)}
        assert facets_of(ds, "/quotes/quotes_view.json", VIEW_FACETS) == live_facet_counts(
            copied_db, columns=VIEW_FACETS, table="quotes_view")

    ds = served(copied_db, client_for)
    db = store.open_db(copied_db)
    first = article("accord.txt", ["Maria Zakharova", "Ada Newcomer", "Ada Newcomer"])
    store.save_articles(db, [first, article("other.txt", ["Yoon Suk Yeol"])], "test")
    check(ds)  # before any refresh: provisional speakers
    store.refresh(db)
    check(ds)
    assert "Ada Newcomer" in facets_of(ds, "/quotes/quotes_view.json", ["speaker"])["speaker"]
    store.save_articles(db, [(first[0], first[1][:1])], "test")  # the article again, one quote left
    check(ds)
    store.refresh(db)  # incremental
    check(ds)
    assert "Ada Newcomer" not in facets_of(ds, "/quotes/quotes_view.json", ["speaker"])["speaker"]
    store.refresh(db, full=True)
    check(ds)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # an immutable database is read without its WAL
    db.close()
    check(served(copied_db, client_for, immutable=True))


def test_date_facets_of_the_whole_table_and_view_come_from_the_stored_counts(copied_db, client_for):
    def dates(where: str = "") -> dict:
        db = sqlite_utils.Database(copied_db)
        found = dict(db.execute(f"select date(published), count(*) from quotes where date(published) is not null "
                                f"{where} group by 1").fetchall())
        db.close()
        return found

    ds = served(copied_db, client_for)
    for table in ("quotes", "quotes_view"):
        assert facet_counts(ds, f"/quotes/{table}.json?_facet_date=published")["published"] == dates()
    assert facet_counts(ds, "/quotes/quotes.json?type=direct&_facet_date=published")["published"] == dates(
        "and type = 'direct'")
    expected = dates()
    db = sqlite_utils.Database(copied_db)
    db.execute("update quote_facet_counts set count = count + 100 where facet = 'published' and value = '2024-10-29'")
    db.conn.commit()
    expected["2024-10-29"] += 100
    assert facet_counts(ds, "/quotes/quotes_view.json?_facet_date=published")["published"] == expected


def test_a_narrowed_page_counts_every_facet_live(client, sample_db):
    columns = ["cue", "role", "speaker_kind"]
    assert facets_of(client, "/quotes/quotes.json?type=direct", columns) == {
        **live_facet_counts(sample_db, "and type = 'direct'"),
        **live_facet_counts(sample_db, "and type = 'direct'", columns=columns)}
    assert facets_of(client, "/quotes/quotes_view.json?outlet=Reuters", ["speaker", "type"]) == live_facet_counts(
        sample_db, "and outlet = 'Reuters'", columns=["speaker", "type"], table="quotes_view")


def test_a_facet_without_stored_counts_is_counted_live_on_a_small_table(client, sample_db):
    assert facets_of(client, "/quotes/quotes_view.json", ["article_title"]) == live_facet_counts(
        sample_db, columns=["article_title"], table="quotes_view")


def test_facets_of_a_page_over_the_live_limit_are_not_counted_and_the_page_says_so(client, sample_db, monkeypatch):
    from quotes.datasette import facets

    def not_counted(path: str) -> str:
        found = re.search(r'<p class="facets-not-counted">Not counted on this page: ([^.]*)\.', client.get(path).text)
        return found.group(1) if found else ""

    monkeypatch.setattr(facets, "LIVE_LIMIT", 3)
    assert client.get("/quotes/quotes.json?type=direct&_facet=cue").json()["facet_results"] == {}
    assert not_counted("/quotes/quotes?type=direct&_facet=cue") == "cue, speaker_id, outlet_id, type, cue_lemma"
    # The whole table still shows the stored counts; a column without them is not counted.
    whole = client.get("/quotes/quotes_view.json?_facet=speaker&_facet=article_title").json()
    assert set(whole["facet_results"]) == {"speaker"}
    assert not_counted("/quotes/quotes_view?_facet=speaker&_facet=article_title") == "article_title"
    monkeypatch.setattr(facets, "SEARCH_LIVE_LIMIT", 3)
    assert client.get("/quotes/quotes.json?_search=troops").json()["facet_results"] == {}
    assert not_counted("/quotes/quotes?_search=troops") == "speaker_id, outlet_id, type, cue_lemma"
    assert not_counted("/quotes/quotes?speaker_id=pentagon") == ""  # 3 quotes


# ---- A search that matches many quotes (quotes.datasette.table_search) ----

@pytest.fixture
def many_matches(monkeypatch):
    """Every search is treated as one with many matches (the sample has 56 quotes)."""
    from quotes.datasette import table_search

    monkeypatch.setattr(table_search, "WALK_FROM", 0)


def matching(path: Path, word: str, where: str = "", order: str = "published desc, id") -> list[tuple]:
    """(id, published) of the quotes a search matches, in ``order``."""
    db = sqlite_utils.Database(path)
    found = db.execute(
        "select id, published from quotes where rowid in (select rowid from quotes_fts where quotes_fts match ?) "
        f"{where} order by {order}", [word]).fetchall()
    db.close()
    return found


def pages_of(client, path: str) -> list[str]:
    """Ids of every row of a table page and the pages after it."""
    found = []
    while path:
        page = client.get(path).json()
        columns = page["columns"]
        found += [row[columns.index("id")] for row in page["rows"]]
        path = page["next_url"] and re.sub(r"^https?://[^/]+", "", page["next_url"])
    return found


def test_a_search_with_many_matches_finds_every_match_in_order(client, sample_db, many_matches):
    expected = matching(sample_db, "the")
    assert len(expected) > 25
    # Newest first (Datasette leaves the order of quotes of the same date open on a first page).
    found = rows(client, "/quotes/quotes.json?_search=the&_shape=array&_size=max")
    assert sorted((row["id"], row["published"]) for row in found) == sorted(expected)
    assert [row["published"] for row in found] == [published for _, published in expected]
    # Page after page, in an order without ties.
    by_id = [quote_id for quote_id, _ in matching(sample_db, "the", order="id")]
    assert pages_of(client, "/quotes/quotes.json?_search=the&_size=7&_nocount=1&_sort=id") == by_id
    whole = rows(client, "/quotes/quotes.json?_search=the&_shape=array&_sort=id&_size=max")
    assert [row["id"] for row in whole] == by_id


def test_the_page_of_a_search_with_many_matches_counts_them_from_the_index(client, sample_db, many_matches):
    expected = matching(sample_db, "the")
    html = client.get("/quotes/quotes?_search=the").text
    assert re.search(rf"<h3>\s*{len(expected)} rows\s*where search matches", html)
    assert len(re.findall(r'<article class="quote-card[^"]*">', html)) == 25
    # The facets are counted over the matches; the page's links are as without the change.
    counts = facet_counts(client, "/quotes/quotes.json?_search=the")
    assert counts == live_facet_counts(
        sample_db, "and rowid in (select rowid from quotes_fts where quotes_fts match 'the')")
    assert "_nocount" not in " ".join(re.findall(r'href="([^"]*)"', html))
    # The filter form repeats the page's _nocount; the next page goes without it and is counted.
    assert '<input type="hidden" name="_nocount" value="index">' in html
    direct = matching(sample_db, "the", "and type = 'direct'")
    html = client.get("/quotes/quotes?_search=the&type=direct&_nocount=index").text
    assert re.search(rf"<h3>\s*{len(direct)} rows\s*where search matches", html)
    assert client.get("/quotes/quotes.json?_search=the").json()["filtered_table_rows_count"] == len(expected)


def test_a_search_with_many_matches_walks_the_index_of_its_sort_column_only(client, sample_db, many_matches):
    def sql(path: str) -> str:
        return client.get(path).json()["query"]["sql"]

    walked = "+rowid in (select rowid from quotes_fts"
    assert walked in sql("/quotes/quotes.json?_search=the&_nocount=1")  # by date, the default
    assert walked in sql("/quotes/quotes.json?_search=the&_nocount=1&_sort=speaker_id")
    assert walked not in sql("/quotes/quotes.json?_search=the&_nocount=1&_sort=quote")  # no index
    assert walked not in sql("/quotes/quotes.json?_search=the")  # counted: every match is read anyway
    assert walked not in sql("/quotes/quotes.json?_search=the&_nocount=1&type=direct")  # another filter
    matched = "and rowid in (select rowid from quotes_fts where quotes_fts match 'the')"
    assert facet_counts(client, "/quotes/quotes.json?_search=the&_nocount=1") == live_facet_counts(sample_db, matched)
    dates = facet_counts(client, "/quotes/quotes.json?_search=the&_nocount=1&_facet_date=published")["published"]
    assert dates == live_facet_counts(sample_db, matched, ["published"])["published"]  # dates have no time
    found = rows(client, "/quotes/quotes.json?_search=the&_shape=array&_size=max&_sort=quote")
    assert [row["quote"] for row in found] == sorted(row["quote"] for row in found)
    assert sorted(row["id"] for row in found) == sorted(quote_id for quote_id, _ in matching(sample_db, "the"))


def test_a_search_of_quotes_view_with_many_matches_walks_the_date_index(client, sample_db, many_matches):
    walked = "+rowid in (select rowid from quotes_fts"
    assert walked in client.get("/quotes/quotes_view.json?_search=the&_nocount=1").json()["query"]["sql"]
    assert walked not in client.get("/quotes/quotes_view.json?_search=the").json()["query"]["sql"]  # counted
    found = rows(client, "/quotes/quotes_view.json?_search=the&_shape=array&_size=max")
    expected = matching(sample_db, "the")
    assert sorted((row["id"], row["published"]) for row in found) == sorted(expected)
    assert [row["published"] for row in found] == [published for _, published in expected]


def test_a_search_the_index_refuses_is_reported_as_before(client, many_matches):
    assert client.get("/quotes/quotes.json?_search=NEAR(&_searchmode=raw").status_code == 400


# ---- HTML rendering ----

@pytest.mark.parametrize("path, highlighted", [
    ("/quotes/quotes_view?speaker_id=yoon-suk-yeol", f"“<mark>{YOON_RISK}</mark>” Yoon told the meeting."),
    ("/quotes/speaker_timeline?speaker=Yoon", f"<mark>{YOON_RISK}</mark>"),  # a canned query
])
def test_quote_is_highlighted_in_its_sentence(client, path, highlighted):
    assert highlighted in client.get(path).text


@pytest.mark.parametrize("path", ["/quotes/quotes?speaker_mention=The+hacker",
                                  "/quotes/quotes_view?article=hostile.txt", "/quotes/search_quotes?q=script"])
def test_hostile_text_is_escaped(client, path):
    html = client.get(path).text
    assert SCRIPT not in html
    assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in html


def test_speaker_names_link_to_their_page(client):
    html = client.get("/quotes/quotes_view?speaker_id=maria-zakharova").text
    assert '<a href="/-/speaker/maria-zakharova">Maria Zakharova</a>' in html


def test_speaker_page_links_to_all_their_quotes(client):
    html = client.get("/quotes/speakers/yoon-suk-yeol").text
    assert '<a href="/quotes/quotes?speaker_id=yoon-suk-yeol">' in html
    assert '<a href="/quotes/speaker_timeline?speaker=yoon-suk-yeol">6</a>' in html


# ---- Read-only ----

def test_writes_are_refused(client, sample_db):
    before = sqlite_utils.Database(sample_db)["quotes"].count
    attempts = [
        client.get("/quotes.json?sql=delete+from+quotes"),
        client.get("/quotes.json?sql=with+x+as+(select+1)+delete+from+quotes"),
        client.post("/quotes/quotes_by_speaker?speaker=Yoon"),
    ]
    assert [r.status_code >= 400 for r in attempts] == [True, True, True]
    assert "readonly database" in attempts[1].json()["error"]
    assert sqlite_utils.Database(sample_db)["quotes"].count == before


def test_no_canned_query_writes():
    queries = load_metadata()["databases"]["quotes"]["queries"]
    assert len(queries) == 6
    assert not any(q.get("write") for q in queries.values())
    assert all(q["sql"].lstrip().lower().startswith(("select", "with")) for q in queries.values())


# ---- Serving ----

def test_serve_args_bind_localhost_with_metadata_and_time_limit(tmp_path):
    args = serve_args(tmp_path / "quotes.db")
    assert args[:2] == ["serve", str(tmp_path / "quotes.db")]
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert args[args.index("--metadata") + 1] == str(metadata_path())
    assert "--setting sql_time_limit_ms 3000" in " ".join(args)


def test_serve_args_immutable_and_public(tmp_path):
    args = serve_args(tmp_path / "quotes.db", host="0.0.0.0", port=9000, immutable=True)
    assert args[:3] == ["serve", "-i", str(tmp_path / "quotes.db")]
    assert args[args.index("--host") + 1] == "0.0.0.0"
    assert args[args.index("--port") + 1] == "9000"


def test_immutable_serving_takes_row_counts_from_an_inspect_file(sample_db, tmp_path, client_for):
    inspect_file = inspect_file_for(sample_db, tmp_path)
    assert inspect_file.parent == tmp_path
    counts = json.loads(inspect_file.read_text())["quotes"]["tables"]
    db = sqlite_utils.Database(sample_db)
    assert counts["quotes"]["count"] == db["quotes"].count
    assert counts["speakers"]["count"] == db["speakers"].count
    db.close()
    args = serve_args(sample_db, immutable=True, inspect_file=inspect_file)
    assert args[args.index("--inspect-file") + 1] == str(inspect_file)
    assert "--inspect-file" not in serve_args(sample_db, inspect_file=inspect_file)  # writable: no cache
    ds = client_for(Datasette(immutables=[str(sample_db)], metadata=load_metadata(), settings=SETTINGS,
                              inspect_data=json.loads(inspect_file.read_text())))
    page = ds.get("/quotes/quotes.json").json()
    assert page["filtered_table_rows_count"] == counts["quotes"]["count"]
    assert facet_counts(ds, "/quotes/quotes.json") == live_facet_counts(sample_db)


def test_metadata_for_a_database_of_any_file_name_describes_that_name(tmp_path):
    path = metadata_for(tmp_path / "news.db", None, tmp_path)
    assert path.parent == tmp_path
    metadata = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(metadata["databases"]) == ["news"]
    assert "quotes_by_speaker" in metadata["databases"]["news"]["queries"]
    assert metadata["source_url"] == "/news/articles"
    assert metadata["title"] == load_metadata()["title"]
    assert metadata_for(tmp_path / "quotes.db", None, tmp_path) == metadata_path()


def test_metadata_for_serves_a_users_own_file(tmp_path):
    own = tmp_path / "mine.yml"
    edited = load_metadata()
    edited["title"] = "Our newsroom's quotes"
    own.write_text(yaml.safe_dump(edited), encoding="utf-8")
    assert metadata_for(tmp_path / "quotes.db", own, tmp_path) == own
    renamed = metadata_for(tmp_path / "news.db", own, tmp_path)
    assert yaml.safe_load(renamed.read_text(encoding="utf-8"))["title"] == "Our newsroom's quotes"
    args = serve_args(tmp_path / "quotes.db", metadata_file=own)
    assert args[args.index("--metadata") + 1] == str(own)


def test_serve_uses_a_private_directory_it_removes_afterwards(sample_db, tmp_path, monkeypatch):
    """The files ``quotes serve`` writes for Datasette go to a fresh directory only this user
    can enter, not to predictable names in /tmp that another user could plant a link at."""
    from datasette.cli import cli as datasette_cli

    news = tmp_path / "news.db"
    news.write_bytes(sample_db.read_bytes())
    real_main, served = datasette_cli.main, {}

    def main(args, **kwargs):
        if args[0] != "serve":
            return real_main(args=args, **kwargs)  # inspect
        metadata, inspect = (Path(args[args.index(flag) + 1]) for flag in ("--metadata", "--inspect-file"))
        served.update(directory=inspect.parent, mode=stat.S_IMODE(os.stat(inspect.parent).st_mode),
                      metadata=yaml.safe_load(metadata.read_text(encoding="utf-8")),
                      counts=json.loads(inspect.read_text())["quotes"]["tables"]["quotes"]["count"],
                      served=Path(args[args.index("-i") + 1]))

    monkeypatch.setattr(datasette_cli, "main", main)
    serving.serve(news, immutable=True)
    assert served["mode"] == 0o700
    # Published as "quotes" whatever the file is called, through a link in that directory.
    assert list(served["metadata"]["databases"]) == ["quotes"]
    assert served["served"].parent == served["directory"] and served["served"].name == "quotes.db"
    assert served["counts"] == sqlite_utils.Database(news)["quotes"].count
    assert not served["directory"].exists()


def test_quotes_serve_takes_a_metadata_file(sample_db, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(serving, "serve", lambda *args, **kwargs: calls.append((args, kwargs)))
    own = tmp_path / "mine.yml"
    own.write_text("title: Ours\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["serve", "--db", str(sample_db), "--metadata", str(own)])
    assert result.exit_code == 0, result.output
    assert calls == [((str(sample_db),), {"host": "127.0.0.1", "port": 8001, "immutable": False,
                                          "metadata": str(own), "cors": False})]
    result = CliRunner().invoke(cli, ["serve", "--db", str(sample_db), "--metadata", str(tmp_path / "no.yml")])
    assert result.exit_code == 2 and "does not exist" in result.output
    for text in ("title: [unclosed\n", "just a line\n"):
        own.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(cli, ["serve", "--db", str(sample_db), "--metadata", str(own)])
        assert result.exit_code == 2 and f"{own}: not " in result.output, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert len(calls) == 1


def test_the_packaged_metadata_is_the_repositorys_top_level_file():
    """One copy in git: quotes/datasette/metadata.yml links to the file users edit."""
    link = ROOT / "quotes" / "datasette" / "metadata.yml"
    assert link.is_symlink() and os.readlink(link) == "../../metadata.yml"
    assert metadata_path() == ROOT / "metadata.yml"


# ---- ?_search= on quotes_view and speakers filters, never returns every row ----

def test_quotes_view_search_matches_the_quotes_tables(client):
    view = client.get("/quotes/quotes_view.json?_search=troops&_shape=array&_size=max").json()
    table = client.get("/quotes/quotes.json?_search=troops&_shape=array&_size=max").json()
    every = client.get("/quotes/quotes_view.json?_shape=array&_size=max").json()
    assert 0 < len(view) < len(every)
    assert sorted(row["id"] for row in view) == sorted(row["id"] for row in table)
    assert all("troop" in (row["quote"] + (row["speaker_mention"] or "")).lower() for row in view)
    page = client.get("/quotes/quotes_view?_search=troops")
    assert page.status_code == 200 and f"{len(view)} rows" in page.text


def test_speakers_search_matches_names_and_aliases(client):
    def found(words: str) -> list[str]:
        return [row["id"] for row in client.get(f"/quotes/speakers.json?_search={words}&_shape=array").json()]

    assert found("Peskov") == ["dmitry-peskov"]
    assert found("Kremlin spokesman") == ["dmitry-peskov"]  # an alias, not the name
    assert "kcna" in found("Korean Central News Agency")
    assert found("nosuchname") == []


def test_speakers_search_index_follows_refreshes(ingested_samples_copy):
    from quotes import store

    def indexed_and_stored(db) -> tuple[dict, dict]:
        def by_rowid(sql: str) -> dict:
            return {rowid: (name, set((aliases or "").split(" | "))) for rowid, name, aliases in db.execute(sql)}
        return (by_rowid("SELECT rowid, name, aliases FROM speakers_fts"),
                by_rowid("SELECT s.rowid, s.name, (SELECT group_concat(alias, ' | ') FROM speaker_aliases "
                         "WHERE speaker_id = s.id) FROM speakers s"))

    db = store.open_db(ingested_samples_copy)
    indexed, stored = indexed_and_stored(db)
    assert indexed == stored and len(indexed) > 20
    store.refresh(db, full=True)  # every speaker and alias deleted and written again
    indexed, stored = indexed_and_stored(db)
    assert indexed == stored and len(indexed) > 20
    db.close()
    # An incremental refresh: a new name of a known speaker, and a new speaker.
    article = ingested_samples_copy.parent / "more.txt"
    article.write_text('"Talks go on," presidential press secretary Dmitry Peskov told reporters. '
                       '"We will rebuild the bridge by spring," Mayor Anna Berg said.\n', encoding="utf-8")
    assert ingest(ingested_samples_copy, article).exit_code == 0
    db = store.open_db(ingested_samples_copy)
    indexed, stored = indexed_and_stored(db)
    assert indexed == stored and any("Anna Berg" in name for name, _ in indexed.values())
    assert any(len(aliases) > 2 for name, aliases in indexed.values() if name == "Dmitry Peskov")
    db.close()


def test_the_old_name_of_name_in_article_is_redirected(client):
    response = client.get("/quotes/quotes.json?speaker_name__contains=Peskov&_facet=speaker_name&_shape=array")
    assert response.status_code == 301
    assert response.headers["location"] == (
        "/quotes/quotes.json?name_in_article__contains=Peskov&_facet=name_in_article&_shape=array")
    followed = client.get(response.headers["location"])
    assert followed.status_code == 200 and followed.json()
    assert all("Peskov" in row["name_in_article"] for row in followed.json())
    assert client.get("/quotes/quotes?speaker_name=X").headers["location"] == "/quotes/quotes?name_in_article=X"
    assert client.get("/quotes/quotes_view.json?speaker=X").status_code == 200
