"""The published database: Datasette with our metadata.yml and plugin, through its test client."""

import asyncio
import dataclasses
import json
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette

from quotes import store
from quotes.articles import Article, iter_articles
from quotes.publish import SETTINGS, inspect_file_for, load_metadata, metadata_path, serve_args

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "articles"

# Publication dates of the sample articles, which their text files do not carry.
PUBLISHED = {
    "000_7586c69c994ee961.txt": "2024-10-29",
    "001_9850cac4f2388300.txt": "2024-10-29",
    "002_614e8b809048a462.txt": "2024-01-19",
    "003_8c76175bb869eee0.txt": "2024-10-29",
    "004_6101a84cd05339c5.txt": "2024-10-31",
}
YOON_RISK = "I want everyone to be on alert about risk management,"
SCRIPT = "<script>alert(1)</script>"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around a quote: from the previous full stop or line break to the next."""
    before = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    after = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    return before, min(after, default=len(text)) + 1


def quote_record(text: str, gold: dict) -> dict:
    sentence_start, sentence_end = sentence_bounds(text, gold["start"], gold["end"])
    return {
        "quote": gold["quote"], "start": gold["start"], "end": gold["end"],
        "type": gold["type"], "cue": gold["cue"], "cue_lemma": None,
        "speaker_mention": gold["speaker_mention"], "speaker": gold["speaker"],
        "speaker_kind": None,
        "role": None, "channel": None, "via": None,
        "sentence_start": sentence_start, "sentence_end": sentence_end,
    }


def sample_batch(gold: list[dict]) -> list[tuple[Article, list[dict]]]:
    """The sample articles with their gold quotes, plus an article quoting hostile markup."""
    batch = []
    for article in iter_articles([str(SAMPLES)]):
        article = dataclasses.replace(article, published=PUBLISHED[article.name])
        batch.append((article, [quote_record(article.text, g) for g in gold
                                if g["article"] == article.name]))
    text = f'The hacker wrote "{SCRIPT}" on the site, police said.'
    start = text.index(SCRIPT)
    hostile = Article(name="hostile.txt", text=text, title="Site defaced", outlet="Example Wire",
                      published="2024-11-01")
    batch.append((hostile, [{
        "quote": SCRIPT, "start": start, "end": start + len(SCRIPT), "type": "direct",
        "cue": "wrote", "cue_lemma": "write", "speaker_mention": "The hacker", "speaker": None,
        "speaker_kind": None, "role": None, "channel": None, "via": None,
        "sentence_start": 0, "sentence_end": len(text),
    }]))
    return batch


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, gold) -> Path:
    path = tmp_path_factory.mktemp("db") / "quotes.db"
    db = store.open_db(path)
    store.save_articles(db, sample_batch(gold), extractor_version="test")
    store.refresh(db)
    db.close()
    return path


@pytest.fixture(scope="module")
def datasette(db_path) -> Datasette:
    return Datasette([str(db_path)], metadata=load_metadata(), settings=SETTINGS)


def request(datasette: Datasette, path: str, method: str = "get", **kwargs):
    async def send():
        await datasette.invoke_startup()
        return await getattr(datasette.client, method)(path, **kwargs)

    return asyncio.run(send())


def rows(datasette: Datasette, path: str) -> list[dict]:
    response = request(datasette, path)
    assert response.status_code == 200, response.text
    return response.json()


# ---- Searching and querying ----

def test_full_text_search_finds_yoons_quote(datasette):
    found = rows(datasette, "/quotes/quotes.json?_search=risk+management&_shape=array")
    assert [row["quote"] for row in found] == [YOON_RISK]


def test_search_matches_speaker_mentions_too(datasette):
    found = rows(datasette, "/quotes/quotes.json?_search=Zakharova&_shape=array")
    assert [row["speaker_mention"] for row in found] == ["Zakharova"]


def test_search_quotes_ranks_matches_with_speaker_and_outlet(datasette):
    found = rows(datasette, "/quotes/search_quotes.json?q=risk+management&_shape=array")
    assert [(r["quote"], r["speaker"], r["outlet"]) for r in found] == [
        (YOON_RISK, "Yoon Suk Yeol", "Reuters")
    ]
    assert found[0]["article_title"].startswith("North Korea’s Foreign Minister Leaves")


def test_search_quotes_takes_words_and_phrases_not_fts_syntax(datasette):
    assert rows(datasette, '/quotes/search_quotes.json?q="risk+management"&_shape=array')
    assert rows(datasette, "/quotes/search_quotes.json?q=managing+risks&_shape=array")
    assert rows(datasette, "/quotes/search_quotes.json?q=risk+AND+NEAR(&_shape=array") == []


def test_quotes_by_speaker_matches_any_alias_case_insensitively(datasette):
    by_name = rows(datasette, "/quotes/quotes_by_speaker.json?speaker=Yoon&_shape=array")
    by_alias = rows(datasette, "/quotes/quotes_by_speaker.json?speaker=korea’s+PRESIDENT&_shape=array")
    assert {r["speaker"] for r in by_name} == {"Yoon Suk Yeol", "Yoon Suk Yeol's office"}
    assert YOON_RISK in {r["quote"] for r in by_name}
    assert [r["speaker"] for r in by_name].count("Yoon Suk Yeol") == 6
    assert {r["speaker"] for r in by_alias} == {"Yoon Suk Yeol"}


def test_canned_queries_with_a_blank_parameter_return_nothing(datasette):
    assert rows(datasette, "/quotes/quotes_by_speaker.json?speaker=&_shape=array") == []
    assert rows(datasette, "/quotes/speaker_timeline.json?speaker=&_shape=array") == []


def test_top_speakers_counts_quotes_and_outlets(datasette):
    top = rows(datasette, "/quotes/top_speakers.json?_shape=array")
    # Two articles, but only Reuters is a known outlet: unknown outlets are not counted.
    assert (top[0]["speaker"], top[0]["quotes"], top[0]["articles"], top[0]["outlets"]) == (
        "Yoon Suk Yeol", 6, 2, 1)
    assert [r["quotes"] for r in top] == sorted((r["quotes"] for r in top), reverse=True)


def test_same_quote_across_outlets_lists_each_outlets_wording(datasette):
    found = rows(datasette, "/quotes/same_quote_across_outlets.json?_shape=array")
    assert {r["outlet"] for r in found} == {"Yonhap", "The Moscow Times"}
    assert {r["speaker"] for r in found} == {"Russian Embassy in North Korea"}
    assert all("strategic dialogue" in r["quote"] for r in found)


def test_who_quotes_whom_counts_per_outlet_and_speaker(datasette):
    table = rows(datasette, "/quotes/who_quotes_whom.json?_shape=array")
    reuters_yoon = [r for r in table if (r["outlet"], r["speaker"]) == ("Reuters", "Yoon Suk Yeol")]
    assert [(r["quotes"], r["direct"], r["indirect"], r["mixed"]) for r in reuters_yoon] == [(3, 1, 1, 1)]


def test_speaker_timeline_is_in_date_order_with_outlets(datasette):
    timeline = rows(datasette, "/quotes/speaker_timeline.json?speaker=yoon+suk+yeol&_shape=array")
    assert [(r["published"], r["outlet"]) for r in timeline] == [
        ("2024-10-29", "Reuters")] * 3 + [("2024-10-31", None)] * 3
    assert rows(datasette, "/quotes/speaker_timeline.json?speaker=yoon-suk-yeol&_shape=array") == timeline


def test_speaker_timeline_goes_on_from_a_date(datasette):
    later = rows(datasette, "/quotes/speaker_timeline.json?speaker=Yoon&since=2024-10-30&_shape=array")
    assert [r["published"] for r in later] == ["2024-10-31"] * 3


def test_json_api_rows_have_the_view_columns(datasette):
    found = rows(datasette, "/quotes/quotes_view.json?_shape=array&speaker_id=maria-zakharova")
    assert len(found) == 2
    assert set(found[0]) >= {"id", "quote", "type", "cue", "speaker", "speaker_id", "outlet",
                             "article_title", "published", "url", "start", "end", "article_id"}


# ---- Metadata ----

def test_metadata_title_and_license_on_the_index_page(datasette):
    html = request(datasette, "/").text
    assert "Quotes in the news" in html
    assert "Attributions are machine-made" in html
    assert "article texts remain the property of their publishers" in html


def test_every_visible_table_and_column_is_described(db_path):
    tables = load_metadata()["databases"]["quotes"]["tables"]
    db = sqlite_utils.Database(db_path)
    visible = [t for t in db.table_names() + db.view_names() if not tables.get(t, {}).get("hidden")]
    assert sorted(visible) == sorted(["quotes", "speakers", "speaker_aliases", "articles",
                                      "outlets", "quote_groups", "quotes_view"])
    for name in visible:
        assert tables[name]["description"]
        assert set(tables[name]["columns"]) == set(db[name].columns_dict), name


def test_descriptions_show_on_the_pages(datasette):
    assert "People, organisations and groups that are quoted" in request(datasette, "/quotes/speakers").text
    html = request(datasette, "/quotes/quotes").text
    assert "Dictionary form of the cue" in html


def test_shadow_tables_are_hidden(datasette):
    listed = {t["name"] for t in request(datasette, "/quotes.json").json()["tables"]
              if not t["hidden"]}
    assert "meta" not in listed and not any(t.startswith("quotes_fts") for t in listed)


def test_quotes_table_shows_speaker_names_not_ids(datasette):
    html = request(datasette, "/quotes/quotes?speaker_id=yoon-suk-yeol").text
    assert ">Yoon Suk Yeol</a>" in html
    labelled = rows(datasette, "/quotes/quotes.json?_shape=array&_labels=on&speaker_id=dmitry-peskov")
    assert labelled[0]["speaker_id"] == {"value": "dmitry-peskov", "label": "Dmitry Peskov"}


def test_default_facets(datasette):
    quotes = request(datasette, "/quotes/quotes.json").json()["facet_results"]
    assert set(quotes) == {"speaker_id", "outlet_id", "type", "cue_lemma"}
    assert {facet["type"] for facet in quotes.values()} == {"column"}
    assert {f["value"] for f in quotes["type"]["results"]} == {"direct", "indirect", "mixed"}
    assert "Yoon Suk Yeol" in {f["label"] for f in quotes["speaker_id"]["results"]}
    assert all(f["toggle_url"].endswith(f"/quotes/quotes.json?type={f['value']}")
               for f in quotes["type"]["results"])
    by_date = request(datasette, "/quotes/quotes.json?_facet_date=published").json()["facet_results"]
    assert by_date["published"]["type"] == "date"
    assert set(request(datasette, "/quotes/speakers.json").json()["facet_results"]) == {"kind"}


def facet_counts(datasette: Datasette, path: str) -> dict[str, dict]:
    results = request(datasette, path).json()["facet_results"]
    return {name: {f["value"]: f["count"] for f in facet["results"]} for name, facet in results.items()}


def live_facet_counts(db_path: Path, where: str = "") -> dict[str, dict]:
    db = sqlite_utils.Database(db_path)
    found = {column: dict(db.execute(
        f"select {column}, count(*) from quotes where {column} is not null {where} group by 1").fetchall())
        for column in store.COUNTED_FACETS}
    db.close()
    return found


@pytest.fixture
def copied_db(db_path, tmp_path) -> Path:
    """A copy of the published database that a test may change."""
    path = tmp_path / "quotes.db"
    path.write_bytes(db_path.read_bytes())
    return path


def test_whole_table_facets_give_the_same_counts_as_counting(datasette, db_path):
    assert facet_counts(datasette, "/quotes/quotes.json") == live_facet_counts(db_path)


def test_whole_table_facets_read_the_counts_made_at_refresh(copied_db):
    db = sqlite_utils.Database(copied_db)
    db.execute("update quote_facet_counts set count = 999 where facet = 'type' and value = 'mixed'")
    db.conn.commit()
    ds = Datasette([str(copied_db)], metadata=load_metadata(), settings=SETTINGS)
    assert facet_counts(ds, "/quotes/quotes.json")["type"]["mixed"] == 999


def test_filtered_and_searched_pages_count_their_facets_live(datasette, db_path):
    assert facet_counts(datasette, "/quotes/quotes.json?type=direct") == live_facet_counts(
        db_path, "and type = 'direct'")
    searched = facet_counts(datasette, "/quotes/quotes.json?_search=troops")
    assert sum(searched["type"].values()) == len(rows(datasette, "/quotes/quotes.json?_search=troops&_shape=array"))


def test_facets_are_counted_live_when_quotes_changed_after_the_counts(copied_db):
    db = sqlite_utils.Database(copied_db)
    db.execute("delete from quotes where type = 'mixed'")
    db.conn.commit()
    ds = Datasette([str(copied_db)], metadata=load_metadata(), settings=SETTINGS)
    assert facet_counts(ds, "/quotes/quotes.json") == live_facet_counts(copied_db)
    assert "mixed" not in facet_counts(ds, "/quotes/quotes.json")["type"]


def test_facets_are_counted_live_on_a_database_without_stored_counts(copied_db):
    db = sqlite_utils.Database(copied_db)
    db["quote_facet_counts"].drop()
    db.execute("delete from meta where key = 'facet_counts'")
    db.conn.commit()
    ds = Datasette([str(copied_db)], metadata=load_metadata(), settings=SETTINGS)
    assert facet_counts(ds, "/quotes/quotes.json") == live_facet_counts(copied_db)


# ---- HTML rendering ----

def test_quote_is_highlighted_in_its_sentence(datasette):
    html = request(datasette, "/quotes/quotes_view?speaker_id=yoon-suk-yeol").text
    assert f"“<mark>{YOON_RISK}</mark>” Yoon told the meeting." in html


def test_quotes_in_canned_queries_are_highlighted_too(datasette):
    html = request(datasette, "/quotes/speaker_timeline?speaker=Yoon").text
    assert f"<mark>{YOON_RISK}</mark>" in html


def test_hostile_text_is_escaped(datasette):
    for path in ("/quotes/quotes?speaker_mention=The+hacker", "/quotes/quotes_view?article=hostile.txt",
                 "/quotes/search_quotes?q=script"):
        html = request(datasette, path).text
        assert SCRIPT not in html
        assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in html


def test_speaker_names_link_to_their_page(datasette):
    html = request(datasette, "/quotes/quotes_view?speaker_id=maria-zakharova").text
    assert '<a href="/quotes/speakers/maria-zakharova">Maria Zakharova</a>' in html


def test_speaker_page_links_to_all_their_quotes(datasette):
    html = request(datasette, "/quotes/speakers/yoon-suk-yeol").text
    assert '<a href="/quotes/quotes?speaker_id=yoon-suk-yeol">' in html
    assert '<a href="/quotes/speaker_timeline?speaker=yoon-suk-yeol">6</a>' in html


# ---- Read-only ----

def test_writes_are_refused(datasette, db_path):
    before = sqlite_utils.Database(db_path)["quotes"].count
    attempts = [
        request(datasette, "/quotes.json?sql=delete+from+quotes"),
        request(datasette, "/quotes.json?sql=with+x+as+(select+1)+delete+from+quotes"),
        request(datasette, "/quotes/quotes_by_speaker?speaker=Yoon", method="post"),
    ]
    assert [r.status_code >= 400 for r in attempts] == [True, True, True]
    assert "readonly database" in attempts[1].json()["error"]
    assert sqlite_utils.Database(db_path)["quotes"].count == before


def test_no_canned_query_writes():
    queries = load_metadata()["databases"]["quotes"]["queries"]
    assert len(queries) == 6
    assert not any(q.get("write") for q in queries.values())
    assert all(q["sql"].lstrip().lower().startswith("select") for q in queries.values())


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


def test_immutable_serving_takes_row_counts_from_an_inspect_file(db_path):
    inspect_file = inspect_file_for(db_path)
    counts = json.loads(inspect_file.read_text())["quotes"]["tables"]
    db = sqlite_utils.Database(db_path)
    assert counts["quotes"]["count"] == db["quotes"].count
    assert counts["speakers"]["count"] == db["speakers"].count
    db.close()
    args = serve_args(db_path, immutable=True, inspect_file=inspect_file)
    assert args[args.index("--inspect-file") + 1] == str(inspect_file)
    assert "--inspect-file" not in serve_args(db_path, inspect_file=inspect_file)  # writable: no cache
    ds = Datasette(immutables=[str(db_path)], metadata=load_metadata(), settings=SETTINGS,
                   inspect_data=json.loads(inspect_file.read_text()))
    page = request(ds, "/quotes/quotes.json").json()
    assert page["filtered_table_rows_count"] == counts["quotes"]["count"]
    assert facet_counts(ds, "/quotes/quotes.json") == live_facet_counts(db_path)


def test_serve_args_describe_a_database_of_any_file_name(tmp_path):
    args = serve_args(tmp_path / "news.db")
    metadata = yaml.safe_load(Path(args[args.index("--metadata") + 1]).read_text(encoding="utf-8"))
    assert list(metadata["databases"]) == ["news"]
    assert "quotes_by_speaker" in metadata["databases"]["news"]["queries"]


def test_metadata_file_is_at_the_repository_root():
    assert metadata_path() == ROOT / "metadata.yml"
