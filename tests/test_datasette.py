"""The published database: Datasette with our metadata.yml and plugin, through its test client
(the ``client`` fixture: one app serving ``sample_db`` for the session)."""

import json
import os
import stat
from pathlib import Path

import pytest
import sqlite_utils
import yaml
from click.testing import CliRunner
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

def test_full_text_search_finds_yoons_quote(client):
    found = rows(client, "/quotes/quotes.json?_search=risk+management&_shape=array")
    assert [row["quote"] for row in found] == [YOON_RISK]


def test_search_matches_speaker_mentions_too(client):
    found = rows(client, "/quotes/quotes.json?_search=Zakharova&_shape=array")
    assert [row["speaker_mention"] for row in found] == ["Zakharova"]


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


def test_canned_queries_with_a_blank_parameter_return_nothing(client):
    assert rows(client, "/quotes/quotes_by_speaker.json?speaker=&_shape=array") == []
    assert rows(client, "/quotes/speaker_timeline.json?speaker=&_shape=array") == []


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


def live_facet_counts(path: Path, where: str = "") -> dict[str, dict]:
    db = sqlite_utils.Database(path)
    found = {column: dict(db.execute(
        f"select {column}, count(*) from quotes where {column} is not null {where} group by 1").fetchall())
        for column in store.COUNTED_FACETS}
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


# ---- HTML rendering ----

def test_quote_is_highlighted_in_its_sentence(client):
    html = client.get("/quotes/quotes_view?speaker_id=yoon-suk-yeol").text
    assert f"“<mark>{YOON_RISK}</mark>” Yoon told the meeting." in html


def test_quotes_in_canned_queries_are_highlighted_too(client):
    html = client.get("/quotes/speaker_timeline?speaker=Yoon").text
    assert f"<mark>{YOON_RISK}</mark>" in html


def test_hostile_text_is_escaped(client):
    for path in ("/quotes/quotes?speaker_mention=The+hacker", "/quotes/quotes_view?article=hostile.txt",
                 "/quotes/search_quotes?q=script"):
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
                                          "metadata": str(own)})]
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
