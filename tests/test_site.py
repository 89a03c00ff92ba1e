"""The reader pages of the site (quotes.datasette.pages), through Datasette's test client:
quote-first rows, the search for people and words, speaker and group pages, Atom feeds."""

from __future__ import annotations

import re
import shutil
import sqlite3
from urllib.parse import urlencode

import pytest
import sqlite_utils
from lxml import etree, html as lxml_html

SCRIPT = "<script>alert(1)</script>"
ATOM = "{http://www.w3.org/2005/Atom}"


def page(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, response.text
    return lxml_html.fromstring(response.text), response.text


def texts(tree, xpath: str) -> list[str]:
    return [" ".join(element.text_content().split()) for element in tree.xpath(xpath)]


# ---- Quote-first pages ----

@pytest.mark.parametrize("path", ["/quotes/quotes", "/quotes/quotes_view"])
def test_table_rows_read_as_quotes_first(client, path):
    tree, _ = page(client, path)
    cards = tree.xpath("//article[contains(@class, 'quote-card')]")
    assert len(cards) == 25  # the page size
    for card in cards:
        first = card.xpath("./*")[0]
        assert first.tag == "blockquote" and first.xpath(".//mark"), "the quote, highlighted, comes first"
    meta = texts(tree, "//article[contains(@class, 'quote-card')]/p[@class='quote-meta']")
    assert all(re.search(r"\d{4}-\d\d-\d\d", line) for line in meta), meta[:3]
    # Machine columns are not shown as columns; the JSON still has them.
    assert not tree.xpath("//th[@data-column='sentence_start']")
    row = client.get(path + ".json?_shape=array&_size=1").json()[0]
    assert {"id", "start", "end"} <= set(row)


@pytest.mark.parametrize("query", ["search_quotes?q=Peskov", "quotes_by_speaker?speaker=Yoon",
                                   "speaker_timeline?speaker=Yoon", "same_quote_across_outlets"])
def test_canned_queries_put_the_quote_first_and_hide_their_sql(client, query):
    tree, text = page(client, f"/quotes/{query}")
    assert texts(tree, "//table[@class='rows-and-columns']//th")[0] == "quote"
    assert "<textarea" not in text  # hide_sql
    assert tree.xpath("//td[@class='col-quote']//mark")


def test_a_megabyte_title_stored_before_the_limits_leaves_the_pages_small(sample_db, tmp_path, client_for):
    import shutil
    import sqlite3

    from datasette.app import Datasette

    from quotes.datasette.serve import SETTINGS, load_metadata

    copy = tmp_path / "quotes.db"
    shutil.copy(sample_db, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("update articles set title = ?, url = ?", ("T" * 1_000_000, "https://x.org/" + "u" * 100_000))
    ds = client_for(Datasette([str(copy)], metadata=load_metadata(), settings=SETTINGS))
    for path in ("/", "/-/speaker/dmitry-peskov", "/-/search?q=Peskov"):
        response = ds.get(path)
        assert response.status_code == 200 and len(response.content) < 300_000, (path, len(response.content))
        assert lxml_html.fromstring(response.text).xpath("//article[contains(@class, 'quote-card')]"), path


def test_home_page_leads_with_search_and_quotes(client):
    tree, _ = page(client, "/")
    assert tree.xpath("//form[@action='/-/search']//input[@name='q']")
    assert tree.xpath("//article[contains(@class, 'quote-card')]//mark")
    links = [a.get("href") for a in tree.xpath("//a")]
    assert "/quotes/quotes_view" in links
    tables = [a.text for a in tree.xpath("//h2[a[@href='/quotes']]/following-sibling::p[1]/a")]
    assert tables[0] == "quotes_view" and tables[-1] == "all tables and queries"


# ---- Search ----

@pytest.mark.parametrize("text, query", [
    ('risk "strategic dialogue" Pesk*', '"risk" "strategic dialogue" "Pesk"*'),
    ("risk AND NEAR(", '"risk" "AND" "NEAR"'),
    ('  "" * ', None),
])
def test_fts_query_keeps_phrases_and_prefixes_and_drops_syntax(text, query):
    from quotes.datasette import search_box

    assert search_box.fts_query(text) == query


def test_search_by_canonical_name_finds_quotes_whose_mention_is_a_pronoun(client):
    tree, _ = page(client, "/-/search?q=Peskov")
    assert texts(tree, "//section[@class='people']//li/a") == ["Dmitry Peskov"]
    cards = tree.xpath("//article[contains(@class, 'quote-card')]")
    speakers = texts(tree, "//article[contains(@class, 'quote-card')]//*[@class='speaker']")
    assert speakers and set(speakers) == {"Dmitry Peskov"}
    # The canned query does the same, for JSON and CSV.
    found = client.get("/quotes/search_quotes.json?q=peskov&_shape=array").json()
    assert "he" in {row["speaker_mention"] for row in found}
    assert len(found) == len(cards)


def test_search_by_alias_and_by_words(client):
    tree, _ = page(client, "/-/search?q=Kremlin+spokesman")
    assert "Dmitry Peskov" in texts(tree, "//section[@class='people']//li/a")
    tree, _ = page(client, "/-/search?q=%22risk+management%22")
    assert [m.text_content() for m in tree.xpath("//blockquote//mark")] == [
        "I want everyone to be on alert about risk management,"]


def test_search_takes_prefixes(client):
    tree, _ = page(client, "/-/search?q=countermeas*")
    marks = [m.text_content() for m in tree.xpath("//blockquote//mark")]
    assert marks and all("countermeasure" in m for m in marks)


@pytest.mark.parametrize("path", [
    "/-/search", "/-/search?q=", "/-/search?q=+", "/quotes/search_quotes?q=",
    # Nothing left once the FTS syntax is dropped: the empty search, not every quote.
    "/-/search?q=*", "/-/search?q=%22", "/-/search?q=%22%22+*",
])
def test_empty_search_shows_the_form(client, path):
    tree, _ = page(client, path)
    assert tree.xpath("//form//input[@name='q']")
    assert not tree.xpath("//article[contains(@class, 'quote-card')]")


@pytest.mark.parametrize("q", ["*", "%22"])
def test_a_feed_of_the_empty_search_has_no_entries(client, q):
    feed = etree.fromstring(client.get(f"/-/search.atom?q={q}").content)
    assert feed.findall(f"{ATOM}entry") == []


@pytest.mark.parametrize("q", ['"unclosed', "NEAR(", "*", "a OR", "-x", "%_"])
def test_search_syntax_is_never_an_error(client, q):
    page(client, "/-/search?" + f"q={q}")
    assert client.get("/quotes/search_quotes.json?_shape=array&q=" + q).status_code == 200


# ---- Speaker pages ----

def test_speaker_page_lists_roles_aliases_outlets_chart_and_quotes(client):
    tree, text = page(client, "/-/speaker/dmitry-peskov")
    assert texts(tree, "//h1") == ["Dmitry Peskov"]
    summary = texts(tree, "//p[@class='speaker-summary']")[0]
    assert "person" in summary and "[" not in summary
    assert "Kremlin spokesman Dmitry Peskov" in texts(tree, "//span[@class='alias']")
    assert tree.xpath("//svg[@class='timeline']/rect")
    quotes = tree.xpath("//article[contains(@class, 'quote-card')]")
    assert quotes and all(q.xpath(".//mark") for q in quotes)
    assert 'type="application/atom+xml"' in text


def test_roles_read_as_text(client):
    from quotes.datasette.pages import roles_text

    assert roles_text('["Kremlin spokesman", "deputy"]') == ["Kremlin spokesman", "deputy"]
    assert roles_text(None) == [] and roles_text("not json") == ["not json"]


def test_yoon_page_has_first_and_last_seen_and_counts_by_outlet(client):
    tree, _ = page(client, "/-/speaker/yoon-suk-yeol")
    facts = dict(zip(texts(tree, "//dl[@class='speaker-facts']/dt"),
                     texts(tree, "//dl[@class='speaker-facts']/dd"), strict=True))
    assert facts["First seen"] == "2024-10-29"
    assert "Reuters (" in facts["Outlets"]
    assert facts["Quotes"].startswith("6")


def test_a_speakers_counts_come_from_one_tally_by_outlet_and_month(client, sample_db):
    """The outlet counts, the chart's months and the total of a speaker page are added up
    from one count of their quotes by outlet and month, and agree with counting each."""
    from quotes.datasette.pages import tally

    outlets, months, shown = tally([("reuters", "Reuters", "2024-10", 2), (None, "unknown outlet", None, 3),
                                    ("reuters", "Reuters", "2024-09", 1), ("yonhap", "Yonhap", "2024-10", 3)])
    assert outlets == [{"outlet": "Reuters", "quotes": 3}, {"outlet": "Yonhap", "quotes": 3},
                       {"outlet": "unknown outlet", "quotes": 3}]
    assert (months, shown) == ([("2024-09", 1), ("2024-10", 5)], 9)
    data = client.get("/-/speaker/yoon-suk-yeol.json").json()
    db = sqlite_utils.Database(sample_db)
    assert data["shown"] == db.execute("select count(*) from quotes where speaker_id = 'yoon-suk-yeol'").fetchone()[0]
    assert {o["outlet"]: o["quotes"] for o in data["outlets"]} == dict(db.execute(
        "select coalesce(o.name, 'unknown outlet'), count(*) from quotes q left join outlets o on o.id = q.outlet_id "
        "where q.speaker_id = 'yoon-suk-yeol' group by q.outlet_id").fetchall())


def newest_first(path, where: str = "1", limit: int = 100) -> list[str]:
    """The quotes matching ``where``, as the reader pages order them: by date, newest first,
    the undated last, the latest stored first among equals."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    found = [row[0] for row in db.execute(
        f"select quote from quotes where {where} order by published is null, published desc, rowid desc "
        f"limit {limit}").fetchall()]
    db.close()
    return found


def marks(tree) -> list[str]:
    return [m.text_content() for m in tree.xpath("//article[contains(@class, 'quote-card')]//blockquote//mark")]


def test_home_and_speaker_pages_show_the_newest_quotes_first(client, client_for, sample_db, tmp_path):
    import sqlite_utils

    assert marks(page(client, "/")[0]) == newest_first(sample_db, limit=10)
    assert marks(page(client, "/-/speaker/yoon-suk-yeol")[0]) == newest_first(sample_db, "speaker_id = 'yoon-suk-yeol'")
    # Undated quotes come after the dated ones.
    copied = tmp_path / "quotes.db"
    copied.write_bytes(sample_db.read_bytes())
    db = sqlite_utils.Database(copied)
    db.execute("update quotes set published = null where rowid in (select rowid from quotes "
               "where speaker_id = 'yoon-suk-yeol' order by rowid limit 2)")
    db.conn.commit()
    db.close()
    from datasette.app import Datasette

    from quotes.datasette.serve import SETTINGS, load_metadata

    other = client_for(Datasette([str(copied)], metadata=load_metadata(), settings=SETTINGS))
    assert marks(page(other, "/-/speaker/yoon-suk-yeol")[0]) == newest_first(copied, "speaker_id = 'yoon-suk-yeol'")


@pytest.mark.parametrize("q", ["the", "Yoon", "Russia troops"])
def test_a_search_with_many_matches_shows_the_same_quotes(client, monkeypatch, q):
    from quotes.datasette import table_search

    few = marks(page(client, f"/-/search?q={q}")[0])
    monkeypatch.setattr(table_search, "WALK_FROM", 0)  # every search read as one with many matches
    assert marks(page(client, f"/-/search?q={q}")[0]) == few
    assert few


def test_a_speaker_page_says_who_relayed_their_quotes(sample_db, tmp_path, client_for):
    import sqlite_utils
    from datasette.app import Datasette

    from quotes.datasette.serve import SETTINGS, load_metadata

    copied = tmp_path / "quotes.db"
    copied.write_bytes(sample_db.read_bytes())
    db = sqlite_utils.Database(copied)
    db.execute("update quotes set via = 'TASS' where rowid in (select rowid from quotes "
               "where speaker_id = 'dmitry-peskov' limit 1)")
    db.execute("update quotes set via_speaker_id = 'kcna', via = 'KCNA' where speaker_id = 'yoon-suk-yeol'")
    db.conn.commit()
    db.close()
    other = client_for(Datasette([str(copied)], metadata=load_metadata(), settings=SETTINGS))
    assert "TASS (1)" in texts(page(other, "/-/speaker/dmitry-peskov")[0], "//dl[@class='speaker-facts']/dd")
    assert "KCNA (6)" in texts(page(other, "/-/speaker/yoon-suk-yeol")[0], "//dl[@class='speaker-facts']/dd")
    assert "Yoon Suk Yeol (6)" in texts(page(other, "/-/speaker/kcna")[0], "//dl[@class='speaker-facts']/dd")


def test_unknown_speaker_is_a_404_page(client):
    response = client.get("/-/speaker/nobody-at-all")
    assert response.status_code == 404
    assert "No speaker" in response.text


# ---- Groups ----

def test_group_page_marks_the_differences_between_outlets(client, sample_db):
    import sqlite_utils

    db = sqlite_utils.Database(sample_db)
    group_id = db.execute(
        "select g.id from quote_groups g where g.quote_count > 1 and exists ("
        " select 1 from quotes a join quotes b on a.group_id = b.group_id and a.quote != b.quote"
        " where a.group_id = g.id) order by g.outlet_count desc limit 1").fetchone()[0]
    tree, _ = page(client, f"/-/group/{group_id}")
    wordings = tree.xpath("//section[@class='wording']")
    assert len(wordings) >= 2
    assert tree.xpath("//p[@class='diff-text']//ins[@class='diff'] | //p[@class='diff-text']//del[@class='diff']")


def test_marked_differences_are_word_level(client):
    from quotes.datasette.pages import marked_differences

    marked = str(marked_differences("the talks will resume soon", "the talks would resume"))
    assert '<del class="diff">would</del> <ins class="diff">will</ins>' in marked
    assert '<ins class="diff">soon</ins>' in marked
    assert '<ins class="diff">&lt;b&gt;</ins>' in str(marked_differences("<b>", "x"))
    assert str(marked_differences("Talks, he said", "talks he said")) == "Talks, he said"


# ---- Feeds ----

@pytest.mark.parametrize("path", ["/-/speaker/dmitry-peskov.atom", "/-/search.atom?q=Peskov"])
def test_feeds_are_atom(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{tag}").text
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{tag}").text, tag
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.find(f"{ATOM}updated").text)
    assert any("Peskov" in e.find(f"{ATOM}title").text for e in entries)


@pytest.mark.parametrize("url, link", [
    ("https://example.com/a", "https://example.com/a"),
    ("HTTP://example.com/a", "HTTP://example.com/a"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("file:///etc/passwd", None),
    ("http:alert(1)", None),
    (None, None),
])
def test_only_web_urls_become_feed_links(url, link):
    from quotes.datasette import feeds

    quote = {"id": "q1", "quote": "We won.", "in_context": "We won.", "article_id": "a1", "url": url}
    feed = etree.fromstring(feeds.atom("http://127.0.0.1:8001", "test", "Test", "/", "/feed.atom", [quote]))
    href = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert href == (link or "http://127.0.0.1:8001/quotes/articles/a1")


# ---- Escaping ----

@pytest.mark.parametrize("path", [
    "/", "/quotes/quotes", "/quotes/quotes_view", "/-/search?q=hacker", "/-/search?q=script",
    "/quotes/search_quotes?q=hacker", "/-/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
])
def test_article_text_is_escaped_everywhere(client, path):
    text = client.get(path).text
    assert SCRIPT not in text
    assert "alert(1)" not in text.replace("&lt;script&gt;alert(1)&lt;/script&gt;", "")


def test_feed_escapes_article_text(client):
    content = client.get("/-/search.atom?q=hacker").content
    feed = etree.fromstring(content)
    html = feed.find(f"{ATOM}entry/{ATOM}content").text
    assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in html
    assert SCRIPT.encode() not in content



# ---- quotes serve ----

def test_serve_names_a_busy_port_and_a_free_one(sample_db):
    import socket

    from click.testing import CliRunner

    from quotes.cli import cli

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", str(sample_db), "--port", str(port)])
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is busy" in result.output
    assert re.search(r"try --port \d+", result.output)
    assert "Traceback" not in result.output


def test_serve_publishes_any_file_as_quotes(tmp_path):
    from quotes.datasette.serve import published_path

    news = tmp_path / "news.db"
    news.write_bytes(b"")
    private = tmp_path / "run"
    private.mkdir()
    served = published_path(news, private)
    assert served.name == "quotes.db" and served.resolve() == news.resolve()
    assert published_path(tmp_path / "quotes.db", private) == tmp_path / "quotes.db"


def test_a_missing_page_is_a_404_without_a_traceback(client, capsys):
    response = client.get("/no-such-database/table")
    assert response.status_code == 404
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "│" not in out + err  # the access log has its one line


# ---- What the site trusts: the confidence threshold and the evidence ----

@pytest.fixture
def trusted(sample_db, tmp_path, client_for):
    """The sample with confidences: Yoon Suk Yeol's quotes all uncertain (0.3), every other
    quote sure (0.95), and Dmitry Peskov's pronoun quote resolved to his name earlier on."""
    import shutil
    import sqlite3

    from datasette.app import Datasette

    from quotes.datasette.serve import SETTINGS, load_metadata

    copy = tmp_path / "quotes.db"
    shutil.copy(sample_db, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("update quotes set confidence = case when speaker_id = 'yoon-suk-yeol' then 0.3 else 0.95 end")
        quote_id, text, start = conn.execute(
            "select q.id, a.text, q.start from quotes q join articles a on a.id = q.article_id "
            "where q.speaker_id = 'dmitry-peskov' and q.speaker_mention = 'he'").fetchone()
        named = text.rfind("Dmitry Peskov", 0, start)
        conn.execute("update quotes set speaker_rule = 'pronoun', antecedent_start = ?, antecedent_end = ? "
                     "where id = ?", (named, named + len("Dmitry Peskov"), quote_id))
    metadata = load_metadata()
    assert metadata["plugins"]["quotes"]["min_confidence"] == 0.85
    return client_for(Datasette([str(copy)], metadata=metadata, settings=SETTINGS))


def speakers_on(tree) -> list[str]:
    return texts(tree, "//article[contains(@class, 'quote-card')]//a[@class='speaker']")


def test_the_home_page_and_feeds_show_only_what_the_site_trusts(trusted):
    tree, text = page(trusted, "/")
    assert speakers_on(tree) and "Yoon Suk Yeol" not in speakers_on(tree)
    assert "confidence of at least 0.85" in text and "confidence__lt=0.85" in text
    feed = etree.fromstring(trusted.get("/-/search.atom?q=Yoon").content)
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert titles and not [t for t in titles if t.startswith("Yoon Suk Yeol:")]


def test_a_speaker_page_counts_what_it_shows_and_links_to_the_rest(trusted):
    tree, text = page(trusted, "/-/speaker/yoon-suk-yeol")
    assert not tree.xpath("//article[contains(@class, 'quote-card')]")
    facts = texts(tree, "//dl[@class='speaker-facts']/dd")[0]
    assert "0 likely right" in facts and "uncertain" in facts
    assert "speaker_id=yoon-suk-yeol&amp;confidence__lt=0.85" in text


def test_search_and_tables_show_the_uncertain_marked(trusted):
    tree, text = page(trusted, "/-/search?q=Yoon")
    uncertain = tree.xpath("//article[contains(@class, 'uncertain')]")
    assert uncertain and all(card.xpath(".//span[@class='uncertain-label']") for card in uncertain)
    assert "marked “speaker uncertain”" in text
    for path in ("/quotes/quotes_view?speaker_id=yoon-suk-yeol", "/quotes/quotes?speaker_id=yoon-suk-yeol"):
        tree, _ = page(trusted, path)
        cards = tree.xpath("//article[contains(@class, 'quote-card')]")
        assert cards and all("uncertain" in card.get("class") for card in cards)
    tree, _ = page(trusted, "/quotes/quotes_view?speaker_id=dmitry-peskov")
    assert not tree.xpath("//article[contains(@class, 'uncertain')]")


def test_confidence_filters_the_json_api(trusted):
    rows = trusted.get("/quotes/quotes_view.json?_shape=array&confidence__gte=0.85&_size=max").json()
    assert rows and all(r["confidence"] >= 0.85 for r in rows)
    assert "yoon-suk-yeol" not in {r["speaker_id"] for r in rows}


def test_a_quote_card_shows_how_its_speaker_was_found(trusted):
    tree, _ = page(trusted, "/-/speaker/dmitry-peskov")
    (evidence,) = tree.xpath("//details[@class='evidence']")
    summary = texts(evidence, "./summary")[0]
    assert summary.startswith("“he” → Dmitry Peskov, named") and "a pronoun" in summary
    assert evidence.xpath(".//mark")[0].text == "Dmitry Peskov"


def test_every_rule_that_finds_a_speaker_has_its_reader_wording():
    from quotes.datasette.pages import FOUND_BY
    from quotes.extract.component import FLOAT_RULES
    from quotes.extract.resolve import RULES

    assert {rule.__name__ for rule in RULES} | set(FLOAT_RULES) <= set(FOUND_BY)
    assert all(wording and wording != "the mention" for wording in FOUND_BY.values())


@pytest.mark.parametrize("rule, wording", [("nationality_epithet", "a nationality"), ("partitive", "a part of a group"),
                                           ("party_epithet", "a party and state, as tagged on a politician"),
                                           ("introduced", "the paragraph before, which introduces them")])
def test_a_quote_card_says_how_a_newer_rule_found_its_speaker(trusted, tmp_path, rule, wording):
    with sqlite3.connect(tmp_path / "quotes.db") as conn:  # the copy that trusted serves
        conn.execute("update quotes set speaker_rule = ? where speaker_rule = 'pronoun'", (rule,))
    tree, _ = page(trusted, "/-/speaker/dmitry-peskov")
    (summary,) = texts(tree, "//details[@class='evidence']/summary")
    assert summary.endswith(f"(found by {wording})")


# ---- Speakers described rather than named: one per article, told apart by it ----

@pytest.fixture
def two_polices(tmp_path, client_for):
    """Two articles in which "police" speak (two speakers, one per article), one of them
    untitled, and Ana Ruiz, named, in both."""
    from datasette.app import Datasette

    from quotes import store
    from quotes.datasette.serve import SETTINGS, load_metadata
    from quotes.records import Article, Attribution, QuoteRecord

    def said(text: str, words: str, mention: str, name: str, kind: str) -> QuoteRecord:
        start = text.index(words)
        return QuoteRecord(quote=words, type="direct", start=start, end=start + len(words), sentence_start=0,
                           sentence_end=len(text), cue="said", speaker_mention=mention,
                           speaker=Attribution(name, kind))

    batch = []
    for name, title, outlet in (("north.txt", "Robbery on North Street", "Harbour Times"),
                                ("south.txt", None, "Valley Gazette")):
        text = (f'"The robbery was at night," police said of {name}. '
                f'"We will help the shop," said mayor Ana Ruiz of {name}.')
        article = Article(name=name, text=text, title=title, outlet=outlet, published="2024-05-0" + str(len(batch) + 1))
        batch.append((article, [said(text, "The robbery was at night,", "police", "police", "organisation"),
                                said(text, "We will help the shop,", "mayor Ana Ruiz", "Ana Ruiz", "person")]))
    path = tmp_path / "quotes.db"
    db = store.open_db(path)
    store.save_articles(db, batch, extractor_version="test")
    store.refresh(db)
    db.close()
    client = client_for(Datasette([str(path)], metadata=load_metadata(), settings=SETTINGS))
    articles = dict(sqlite_utils.Database(path).execute("select name, id from articles").fetchall())
    return client, articles


def beside(tree, xpath: str) -> list[tuple[str, str | None]]:
    """Each speaker link's name and the article linked beside it, if any."""
    found = []
    for link in tree.xpath(xpath):
        note = link.getnext()
        article = note.xpath("./a")[0].get("href") if note is not None and note.get("class") == "from-article" else None
        found.append((link.text_content(), article))
    return sorted(found, key=lambda pair: (pair[0], pair[1] or ""))


def test_described_speakers_are_listed_with_the_article_they_come_from(two_polices):
    client, articles = two_polices
    north, south = (f"/quotes/articles/{articles[n]}" for n in ("north.txt", "south.txt"))
    expected = [("Ana Ruiz", None), *sorted([("police", north), ("police", south)])]
    tree, _ = page(client, "/-/search?q=police")
    assert beside(tree, "//section[@class='people']//li/a[1]") == expected[1:]
    assert sorted(texts(tree, "//section[@class='people']//span[@class='from-article']")) == [
        "in Robbery on North Street", "in Valley Gazette, 2024-05-02"]
    for path in ("/quotes/speakers", "/quotes/top_speakers"):
        tree, _ = page(client, path)
        assert beside(tree, "//td[contains(@class, 'col-name') or contains(@class, 'col-speaker')]/a") == expected
    # A search for a person and a topic lists the speakers it names.
    tree, _ = page(client, "/-/search?q=police night")
    assert beside(tree, "//section[@class='people']//li/a[1]") == expected[1:]
    speakers = client.get("/-/search.json?q=police").json()["speakers"]
    assert sorted(s["article"]["id"] for s in speakers) == sorted(articles.values())
    # Each has a page of its own that says which article it is.
    police = next(s for s in speakers if s["article"]["id"] == articles["north.txt"])
    tree, _ = page(client, f"/-/speaker/{police['id']}")
    assert texts(tree, "//p[@class='speaker-summary']/span[@class='from-article']") == ["in Robbery on North Street"]
    assert client.get(f"/-/speaker/{police['id']}.json").json()["speaker"]["article"]["id"] == articles["north.txt"]
    assert client.get("/-/speaker/ana-ruiz.json").json()["speaker"]["article"] is None
    # A source that relays them lists them apart too.
    with sqlite3.connect(client.ds.get_database("quotes").path) as conn:
        conn.execute("update quotes set via = 'Ana Ruiz', via_speaker_id = 'ana-ruiz' where speaker_id != 'ana-ruiz'")
    tree, _ = page(client, "/-/speaker/ana-ruiz")
    assert beside(tree, "//dl[@class='speaker-facts']/dd/a[text() = 'police']") == expected[1:]


def test_a_quote_card_says_who_relayed_the_words_by_name_alone(sample_db, tmp_path, client_for):
    from datasette.app import Datasette

    from quotes.datasette.serve import SETTINGS, load_metadata

    copied = tmp_path / "quotes.db"
    copied.write_bytes(sample_db.read_bytes())
    db = sqlite_utils.Database(copied)
    relayed = db.execute(
        "select id, role from quotes where speaker_id = 'dmitry-peskov' order by id limit 2").fetchall()
    db.execute("update quotes set via = 'TASS', via_speaker_id = 'tass' where id = ?", [relayed[0][0]])
    db.execute("update quotes set via = 'police (article 3f2a9c0144aa12bd)' where id = ?", [relayed[1][0]])
    db.conn.commit()
    db.close()
    client = client_for(Datasette([str(copied)], metadata=load_metadata(), settings=SETTINGS))
    tree, _ = page(client, "/-/search?q=Peskov")
    who = {card.xpath(".//a[@class='article']")[0].get("href").split("#q-")[1]:
           " ".join(card.xpath(".//span[@class='who']")[0].text_content().split())
           for card in tree.xpath("//article[contains(@class, 'quote-card')]")}
    roles = [f"{role}, " if role else "" for _, role in relayed]
    assert who[relayed[0][0]] == f"Dmitry Peskov, {roles[0]}via TASS"
    assert who[relayed[1][0]] == f"Dmitry Peskov, {roles[1]}via police"
    assert tree.xpath("//span[@class='via']/a")[0].get("href") == "/-/speaker/tass"
    # On the speaker's own page the name is left out, and the rest reads the same.
    tree, _ = page(client, "/-/speaker/dmitry-peskov")
    assert f"{roles[1]}via police" in texts(tree, "//span[@class='who']")
    relayed_by = texts(tree, "//dl[@class='speaker-facts']/dd")
    assert any("police (1)" in line for line in relayed_by) and "(article" not in " ".join(relayed_by)


# ---- Small things: roles, group headings, empty facets, charts, honest feeds ----

def test_the_speakers_table_shows_roles_as_text(client):
    tree, _ = page(client, "/quotes/speakers?_size=max")
    roles = texts(tree, "//td[contains(@class, 'col-roles')]")
    assert roles and not [r for r in roles if "[" in r]


def test_group_headings_say_how_each_outlet_reported(client, sample_db):
    import sqlite_utils

    group_id = sqlite_utils.Database(sample_db).execute(
        "select group_id from quotes where group_id is not null group by group_id "
        "order by count(*) desc limit 1").fetchone()[0]
    tree, _ = page(client, f"/-/group/{group_id}")
    headings = texts(tree, "//section[@class='wording']/h2")
    assert headings and all(re.search(r": (quoted directly|reported speech)", h) for h in headings), headings


def test_a_column_without_values_gets_no_facet_box(sample_db, tmp_path, client_for):
    import shutil
    import sqlite3

    from datasette.app import Datasette

    from quotes.datasette.serve import SETTINGS, load_metadata

    copy = tmp_path / "quotes.db"
    shutil.copy(sample_db, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("update quotes set outlet_id = null")
    app = client_for(Datasette([str(copy)], metadata=load_metadata(), settings=SETTINGS))
    assert page(app, "/quotes/quotes")[0].xpath("//div[@data-column='type']")
    for path in ("/quotes/quotes", "/quotes/quotes_view?_facet=outlet", "/quotes/quotes?type=direct"):
        tree, _ = page(app, path)
        assert not tree.xpath("//div[@data-column='outlet_id' or @data-column='outlet']"), path


def test_the_chart_has_a_time_axis_with_empty_months():
    from quotes.datasette.pages import time_axis, timeline_svg

    assert time_axis([("2018-12", 2), ("2019-03", 1)]) == [
        ("2018-12", 2), ("2019-01", 0), ("2019-02", 0), ("2019-03", 1)]
    assert time_axis([("2000-01", 1), ("2019-09", 2), ("unknown", 5)])[0] == ("2000", 1)
    assert len(time_axis([("2000-01", 1), ("2019-09", 2)])) == 20  # by year over a long span
    svg = str(timeline_svg([("2019-01", 3), ("2019-09", 1)]))
    assert svg.count("<rect") == 9 and "2019-05: 0 quotes" in svg


def test_feed_titles_quote_only_direct_quotes():
    from quotes.datasette import feeds

    def title(kind: str) -> str:
        quote = {"id": "q", "quote": "talks are ongoing", "type": kind, "in_context": "x", "article_id": "a",
                 "speaker": "Dmitry Peskov"}
        feed = etree.fromstring(feeds.atom("http://h", "t", "T", "/", "/f.atom", [quote]))
        return feed.find(f"{ATOM}entry/{ATOM}title").text

    assert title("direct") == "Dmitry Peskov: “talks are ongoing”"
    assert title("indirect") == title("mixed") == "Dmitry Peskov said talks are ongoing"


def test_undated_quotes_in_feeds_carry_the_date_their_article_was_stored(sample_db, tmp_path, client_for):
    import shutil
    import sqlite3

    from datasette.app import Datasette

    from quotes.datasette.serve import SETTINGS, load_metadata

    copy = tmp_path / "quotes.db"
    shutil.copy(sample_db, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("update quotes set published = null")
        conn.execute("update articles set published = null, ingested_at = '2025-03-04T05:06:07+00:00'")
    app = client_for(Datasette([str(copy)], metadata=load_metadata(), settings=SETTINGS))
    feed = etree.fromstring(app.get("/-/speaker/dmitry-peskov.atom").content)
    dates = [e.find(f"{ATOM}updated").text for e in feed.findall(f"{ATOM}entry")]
    assert dates and set(dates) == {"2025-03-04T05:06:07+00:00"}
    assert feed.find(f"{ATOM}updated").text == "2025-03-04T05:06:07+00:00"


# ---- The article page ----

def article_with_most_quotes(db_path) -> str:
    return sqlite_utils.Database(db_path).execute(
        "select article_id from quotes group by article_id order by count(*) desc limit 1").fetchone()[0]


def test_an_article_reads_as_an_article_with_its_quotes_marked(client, sample_db):
    article_id = article_with_most_quotes(sample_db)
    db = sqlite_utils.Database(sample_db)
    quotes = db.execute("select id, quote, speaker_id from quotes where article_id = ?", [article_id]).fetchall()
    title = db.execute("select title from articles where id = ?", [article_id]).fetchone()[0]
    tree, text = page(client, f"/quotes/articles/{article_id}")
    assert texts(tree, "//h1") == [" ".join(title.split())]
    assert tree.xpath("//p[@class='article-facts']/span[@class='outlet']")
    paragraphs = tree.xpath("//div[@class='article-text']/p")
    assert len(paragraphs) > 3
    marks = tree.xpath("//div[@class='article-text']//mark[contains(@class, 'quote')]")
    anchored = {m.get("id") for m in marks if m.get("id")}
    assert anchored == {f"q-{quote_id}" for quote_id, _, _ in quotes}
    for mark in marks:
        assert any(c.startswith("speaker-") for c in mark.get("class").split())
    assert tree.xpath("//span[contains(@class, 'said-by')]/a[starts-with(@href, '/-/speaker/')]")
    assert tree.xpath("//div[@class='article-text']//span[@class='cue']")
    people = texts(tree, "//section[@class='who-is-quoted']/ul/li")
    assert len(people) == len({speaker for _, _, speaker in quotes})
    # No database columns: the row table of Datasette is not shown.
    assert not tree.xpath("//table[contains(@class, 'rows-and-columns')]")
    assert "text_hash" not in text


def test_the_article_json_stays_the_row_json(client, sample_db):
    article_id = article_with_most_quotes(sample_db)
    (row,) = client.get(f"/quotes/articles/{article_id}.json?_shape=array").json()
    assert row["id"] == article_id and "text" in row and "text_hash" in row


def test_the_article_page_escapes_the_text(client, sample_db):
    article_id = sqlite_utils.Database(sample_db).execute(
        "select id from articles where name = 'hostile.txt'").fetchone()[0]
    tree, text = page(client, f"/quotes/articles/{article_id}")
    assert SCRIPT not in text
    assert tree.xpath("//div[@class='article-text']//mark")[0].text == SCRIPT


@pytest.mark.parametrize("url, linked", [("https://example.com/story", True), ("javascript:alert(1)", False)])
def test_only_web_urls_link_to_the_original(sample_db, tmp_path, client_for, url, linked):
    from datasette.app import Datasette

    from quotes.datasette.serve import SETTINGS, load_metadata

    copy = tmp_path / "quotes.db"
    shutil.copy(sample_db, copy)
    article_id = article_with_most_quotes(copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("update articles set url = ?, author = 'Ann Writer' where id = ?", (url, article_id))
    app = client_for(Datasette([str(copy)], metadata=load_metadata(), settings=SETTINGS))
    tree, text = page(app, f"/quotes/articles/{article_id}")
    assert bool(tree.xpath(f"//a[@class='original'][@href='{url}']")) is linked
    assert "javascript:" not in text.replace("javascript:alert(1)</span>", "") or not linked
    assert "by Ann Writer" in texts(tree, "//p[@class='article-facts']")[0]
    for path in ("/quotes/quotes_view?_size=max", "/quotes/articles", "/-/search?q=Peskov",
                 "/-/speaker/dmitry-peskov.atom", f"/quotes/quotes_view?article_id={article_id}"):
        body = app.get(path).text
        assert 'href="javascript:' not in body and "href='javascript:" not in body, path


def test_uncertain_quotes_and_resolved_names_are_marked(trusted, sample_db):
    quote_id, article_id = sqlite_utils.Database(sample_db).execute(
        "select id, article_id from quotes where speaker_id = 'dmitry-peskov' and speaker_mention = 'he'").fetchone()
    tree, _ = page(trusted, f"/quotes/articles/{article_id}")
    (antecedent,) = tree.xpath("//div[@class='article-text']//span[contains(@class, 'antecedent')]")
    assert antecedent.text == "Dmitry Peskov"
    sure = tree.xpath(f"//mark[@id='q-{quote_id}']")[0]
    assert "uncertain" not in sure.get("class")
    yoon = sqlite_utils.Database(sample_db).execute(
        "select id, article_id from quotes where speaker_id = 'yoon-suk-yeol' limit 1").fetchone()
    tree, _ = page(trusted, f"/quotes/articles/{yoon[1]}")
    mark = tree.xpath(f"//mark[@id='q-{yoon[0]}']")[0]
    assert "uncertain" in mark.get("class")
    assert "speaker uncertain" in mark.getnext().text_content()
    # The quote card's evidence leads to the quote in its article.
    tree, _ = page(trusted, "/-/speaker/dmitry-peskov")
    link = tree.xpath("//details[@class='evidence']//a[@class='in-article']")[0]
    assert link.get("href") == f"/quotes/articles/{article_id}#q-{quote_id}"


# ---- Search by person and topic ----

@pytest.mark.parametrize("q", ["Yoon troops", "yoon suk yeol troops", "troops Yoon Suk Yeol"])
def test_a_search_for_a_person_and_a_topic_finds_their_quotes_on_it(client, sample_db, q):
    expected = sqlite_utils.Database(sample_db).execute(
        "select count(*) from quotes where speaker_id = 'yoon-suk-yeol' and quote like '%troops%'").fetchone()[0]
    assert expected >= 2
    tree, _ = page(client, "/-/search?" + urlencode({"q": q}))
    speakers = texts(tree, "//article[contains(@class, 'quote-card')]//a[@class='speaker']")
    assert speakers.count("Yoon Suk Yeol") == expected
    assert texts(tree, "//section[@class='people']//li/a")[0] == "Yoon Suk Yeol"


def test_a_person_named_by_surname_is_searched_whatever_the_mention(client, sample_db):
    quote, mention = sqlite_utils.Database(sample_db).execute(
        "select quote, speaker_mention from quotes where speaker_id = 'dmitry-peskov' and speaker_mention = 'he'"
    ).fetchone()
    word = max(re.findall(r"[A-Za-z]{5,}", quote), key=len)
    tree, _ = page(client, "/-/search?" + urlencode({"q": f"Peskov {word}"}))
    cards = texts(tree, "//article[contains(@class, 'quote-card')]/blockquote")
    assert any(quote in card for card in cards)
    tree, _ = page(client, "/-/search?" + urlencode({"q": f'Peskov "{word}" nosuchword*'}))
    assert not tree.xpath("//article[contains(@class, 'quote-card')]")


def test_a_topic_without_a_name_searches_every_quote(client):
    from quotes.datasette import search_box

    assert search_box.pick_named("Brexit deal", []) is None
    named = search_box.pick_named("Boris Johnson Brexit", [("boris-johnson", "Boris Johnson"), ("x", "Johnson")])
    assert named is not None and named.speaker_ids == ("boris-johnson",) and named.topic == '"Brexit"'
    assert search_box.pick_named("Boris Johnson", [("boris-johnson", "Boris Johnson")]) is None
    tree, _ = page(client, "/-/search?q=troops")
    assert len(tree.xpath("//article[contains(@class, 'quote-card')]")) >= 2


# ---- The reader pages as JSON ----

@pytest.mark.parametrize("path", ["/-/search?q=Yoon+troops", "/-/search?q=Peskov", "/-/speaker/yoon-suk-yeol"])
def test_a_reader_page_as_json_gives_what_the_page_shows(client, path):
    tree, text = page(client, path)
    (alternate,) = tree.xpath("//link[@rel='alternate'][@type='application/json']")
    json_url = alternate.get("href")
    assert json_url.startswith(path.split("?")[0] + ".json")
    data = client.get(json_url).json()
    quotes = data.get("quotes", data.get("latest"))
    shown = texts(tree, "//article[contains(@class, 'quote-card')]//blockquote//mark")
    assert [q["quote"] for q in quotes] == shown and shown
    assert all(q["article_url"] == f"/quotes/articles/{q['article_id']}#q-{q['id']}" for q in quotes)


def test_the_json_of_a_speaker_and_a_group(client, sample_db):
    data = client.get("/-/speaker/dmitry-peskov.json").json()
    assert data["speaker"]["name"] == "Dmitry Peskov" and isinstance(data["speaker"]["roles"], list)
    assert "Kremlin spokesman Dmitry Peskov" in data["aliases"] and data["links"]["feed"].endswith(".atom")
    group_id = sqlite_utils.Database(sample_db).execute(
        "select group_id from quotes where group_id is not null group by group_id order by count(*) desc").fetchone()[0]
    tree, _ = page(client, f"/-/group/{group_id}")
    assert tree.xpath(f"//link[@rel='alternate'][@href='/-/group/{group_id}.json']")
    group = client.get(f"/-/group/{group_id}.json").json()
    assert group["group"]["id"] == group_id
    assert len(group["quotes"]) == len(tree.xpath("//section[@class='wording']"))
    for path in ("/-/speaker/nobody.json", "/-/group/nothing.json"):
        response = client.get(path)
        assert response.status_code == 404 and "error" in response.json()


def test_the_search_json_is_filtered_as_the_page(trusted):
    data = trusted.get("/-/search.json?q=Yoon").json()
    assert data["min_confidence"] == 0.85 and data["uncertain"] == len(
        [q for q in data["quotes"] if q["uncertain"]]) > 0
    assert trusted.get("/-/search.json?q=").json()["quotes"] == []
    assert trusted.get("/-/search.json?q=%22").status_code == 200


@pytest.mark.parametrize("path, size, key", [("/-/search?q=Korea", "SEARCH_LIMIT", "quotes"),
                                             ("/-/speaker/yoon-suk-yeol", "LATEST", "latest")])
def test_pages_of_quotes_turn_alike_as_html_and_json(client, monkeypatch, path, size, key):
    from quotes.datasette import pages

    monkeypatch.setattr(pages, size, 2)
    seen: list[str] = []
    url: str | None = path
    while url:
        tree, _ = page(client, url)
        shown = texts(tree, "//article[contains(@class, 'quote-card')]//blockquote//mark")
        json_url = tree.xpath("//link[@type='application/json']")[0].get("href")
        data = client.get(json_url).json()
        assert [q["quote"] for q in data[key]] == shown and 0 < len(shown) <= 2
        seen += [q["id"] for q in data[key]]
        nexts = tree.xpath("//nav[@class='turn-pages']/a[@rel='next']")
        url = nexts[0].get("href") if nexts else None
        assert (data["next"] is None) == (url is None)
        if url:
            assert data["next"] == url.replace(url.split("?")[0], url.split("?")[0] + ".json")
    assert len(seen) == len(set(seen)) > 2
    assert client.get(path + ("&" if "?" in path else "?") + "page=oops").status_code == 200


def test_home_page_says_undated_and_hides_empty_sections(client, client_for, sample_db, tmp_path):
    """With no date anywhere the quotes are not "newest"; with no statement carried by several
    outlets there is no link to that empty list."""
    import sqlite_utils
    from datasette.app import Datasette

    from quotes.datasette.serve import SETTINGS, load_metadata

    tree, _ = page(client, "/")
    assert tree.xpath("//h2[.='Newest quotes']")
    shared = "//nav[@class='browse']/a[.='Same statement, several outlets']"
    has_groups = sqlite_utils.Database(sample_db).execute(
        "select count(*) from quote_groups where outlet_count > 1").fetchone()[0]
    assert bool(tree.xpath(shared)) == bool(has_groups)

    copied = tmp_path / "quotes.db"
    copied.write_bytes(sample_db.read_bytes())
    db = sqlite_utils.Database(copied)
    db.execute("update quotes set published = null")
    db.execute("update speakers set first_seen = null, last_seen = null")
    db.execute("update quote_groups set outlet_count = 1")
    db.conn.commit()
    db.close()
    other = client_for(Datasette([str(copied)], metadata=load_metadata(), settings=SETTINGS))
    tree, text = page(other, "/")
    assert tree.xpath("//h2[.='Quotes (undated)']") and "newest" not in text.lower()
    assert not tree.xpath(shared) and tree.xpath("//nav[@class='browse']/a[.='Speakers']")
    speaker, _ = page(other, "/-/speaker/yoon-suk-yeol")
    assert speaker.xpath("//h2[.='Quotes (undated)']")


def test_the_cue_is_marked_at_its_stored_offsets_and_not_guessed(sample_db, tmp_path, client_for):
    from datasette.app import Datasette

    from quotes.datasette.serve import SETTINGS, load_metadata

    copy = tmp_path / "quotes.db"
    shutil.copy(sample_db, copy)
    article_id = article_with_most_quotes(copy)
    with sqlite3.connect(copy) as conn:
        text = conn.execute("select text from articles where id = ?", [article_id]).fetchone()[0]
        quotes = conn.execute("select id, start, cue_start, cue_end from quotes where article_id = ? "
                              "order by start", [article_id]).fetchall()
        # The first quote's cue moved to a word of the text before it: marked there, wherever
        # its cue's text is; the others stored without offsets, as before extraction gave them.
        first_id, first_start, cue_start, cue_end = quotes[0]
        assert text[cue_start:cue_end] and cue_start != 0
        word = re.search(r"\w{4,}", text[:first_start]).span()
        conn.execute("update quotes set cue_start = ?, cue_end = ? where id = ?", (*word, first_id))
        conn.execute("update quotes set cue_start = null, cue_end = null where article_id = ? and id != ?",
                     (article_id, first_id))
    app = client_for(Datasette([str(copy)], metadata=load_metadata(), settings=SETTINGS))
    tree, _ = page(app, f"/quotes/articles/{article_id}")
    cues = tree.xpath("//div[@class='article-text']//span[@class='cue']")
    assert [c.text for c in cues] == [text[word[0]:word[1]]]
    # Nothing is marked before it in its line: the text up to the mark is the article's up to the offset.
    assert (cues[0].getparent().text or "") == text[text.rfind("\n", 0, word[0]) + 1:word[0]]
