import io
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
from click.testing import CliRunner

from quotes.readers import (
    BUILT_IN,
    Reader,
    ReadError,
    detect_outlet,
    iter_articles,
    limits,
    make_article,
    reader_for,
    readers,
    register,
    skip_ranges,
    unregister,
)
from quotes.records import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "examples" / "articles"
DATA = ROOT / "tests" / "data"
GOLD_SETS = {  # hand-annotated quotes, and the articles they are in
    "seeds": (DATA / "seeds.gold.jsonl", SAMPLES),
    **{path.parent.name: (path, path.parent / "articles") for path in sorted(DATA.glob("dev*/gold.jsonl"))},
}

PAGE = """<!DOCTYPE html>
<html><head>
<title>Minister visits Moscow | Example News</title>
<meta property="og:title" content="Minister visits Moscow">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://www.example.com/world/minister-visits-moscow">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-10-29T08:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/login">Sign in</a></li></ul></nav>
<article>
<h1>Minister visits Moscow</h1>
<p>SEOUL (Reuters) - North Korea's foreign minister is on her way to Moscow, state media said on Tuesday, for her second trip to Russia in six weeks.</p>
<p>"I want everyone to be on alert about risk management," South Korean President Yoon Suk Yeol told a cabinet meeting.</p>
<p>The Pentagon said on Monday that Washington would not impose new limits on the use of American weapons.</p>
</article>
<footer><p>About us</p><p>Contact the newsroom</p></footer>
</body></html>
"""


def read(*paths) -> list:
    return list(iter_articles([str(p) for p in paths]))


def only(*paths):
    [result] = read(*paths)
    return result


def messages(results) -> list[str]:
    return [str(r) for r in results if isinstance(r, ReadError)]


def is_skipped(article: Article, snippet: str) -> bool:
    """True when every occurrence of snippet lies inside one skip range."""
    starts = [m.start() for m in re.finditer(re.escape(snippet), article.text)]
    assert starts, f"{snippet!r} not in {article.name}"
    return all(any(s <= i and i + len(snippet) <= e for s, e in article.skip) for i in starts)


@pytest.fixture(scope="module")
def samples() -> dict[str, Article]:
    return {a.name: a for a in read(SAMPLES)}


# --- formats ---------------------------------------------------------------------------------


def test_txt_keeps_text_verbatim_and_takes_first_line_as_title(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Minister leaves for Moscow\n\nThe minister left on Monday, officials said.\n", encoding="utf-8")
    article = only(path)
    assert article.name == "story.txt"
    assert article.text == path.read_text(encoding="utf-8")
    assert article.title == "Minister leaves for Moscow"
    assert article.skip == [(0, len("Minister leaves for Moscow"))]


def test_the_unpunctuated_line_after_the_headline_is_its_deck(tmp_path):
    deck = 'Provost says university has "no good options"; vote set for March 12'
    text = f"Hundreds march as regents weigh tuition hike\n\n{deck}\n\nThe march began at noon.\n"
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    start = text.index(deck)
    skip = only(path).skip
    assert any(s <= start and start + len(deck) <= e for s, e in skip)
    assert not any(s <= text.index("The march") < e for s, e in skip)


def test_txt_title_passes_over_site_chrome(samples):
    assert samples["000_7586c69c994ee961.txt"].title.startswith("N. Korean foreign minister departs")
    assert samples["003_8c76175bb869eee0.txt"].title == "North Korea’s Foreign Minister Arrives in Russia for Talks"


def test_txt_without_headline_has_no_title_so_first_paragraph_stays_in(tmp_path):
    (tmp_path / "body.txt").write_text("The minister left on Monday, officials said.\n")
    article = only(tmp_path / "body.txt")
    assert article.title is None and article.skip == []


def test_txt_bom_crlf_and_control_characters(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline here\r\n\r\nShe said\x07 \"yes\".\x0c\r\n")
    article = only(path)
    # control characters become spaces of the same length, so offsets stay valid
    assert article.text == 'Headline here\n\nShe said  "yes". \n'


def test_html_extracts_main_text_and_metadata(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    article = only(tmp_path / "page.html")
    assert article.name == "page.html"
    assert "I want everyone to be on alert about risk management" in article.text
    assert "Home" not in article.text and "Contact the newsroom" not in article.text
    assert article.title == "Minister visits Moscow"
    assert article.url == "https://www.example.com/world/minister-visits-moscow"
    assert article.published == "2024-10-29"
    assert article.author == "Jane Doe"
    assert article.outlet == "Reuters"  # the dateline names who wrote it
    assert is_skipped(article, "Minister visits Moscow")
    assert not is_skipped(article, "Yoon Suk Yeol told a cabinet meeting")


def test_html_outlet_falls_back_to_site_name(tmp_path):
    (tmp_path / "page.htm").write_text(PAGE.replace("SEOUL (Reuters) - ", ""), encoding="utf-8")
    assert only(tmp_path / "page.htm").outlet == "Example News"


BYLINES = [  # where pages put what trafilatura's metadata finds: meta tags, a byline, JSON-LD, the <title>
    PAGE,
    "<html><head><title>Fire at the port</title></head><body><h1>Fire at the port</h1>"
    "<span class='byline'>By Maria Lopez and Tom Ng</span><time datetime='2023-06-04'>June 4</time>"
    "<p>The fire started at noon, officials said.</p></body></html>",
    "<html><head><title>Fire at the port - news.example.org</title><script type='application/ld+json'>"
    '{"@type": "NewsArticle", "headline": "Fire at the port", "datePublished": "2024-05-10",'
    ' "author": {"@type": "Person", "name": "Ahmed Khan"}, "publisher": {"name": "Example News"}}'
    "</script></head><body><p>The fire started at noon, officials said.</p>"
    "<div class='footer'><a rel='license' href='https://creativecommons.org/licenses/by/4.0/'>CC</a></div></body></html>",
    "<html><head><meta property='og:site_name' content='@dailyexample'><link rel='canonical' href='https://x.org/a'>"
    "</head><body><div id='author'>Sam Reed</div><div class='post-meta'><a href='/category/world/'>World</a></div>"
    "<p>The fire started at noon, officials said.</p></body></html>",
]


@pytest.mark.parametrize("page", BYLINES)
def test_html_metadata_is_what_trafilatura_finds(page):
    """The reader looks for the fields an article keeps only, by trafilatura's own steps: any
    version of trafilatura that finds them otherwise is caught here."""
    import trafilatura
    from trafilatura.settings import Extractor
    from trafilatura.utils import load_html

    from quotes.readers.html import page_metadata

    fields = ("title", "author", "url", "date", "sitename")
    ours = page_metadata(load_html(page), Extractor().date_params)
    theirs = trafilatura.extract_metadata(load_html(page))
    assert [getattr(ours, f) for f in fields] == [getattr(theirs, f) for f in fields]
    assert any(getattr(ours, f) for f in fields)


def test_html_in_a_legacy_charset_is_decoded_as_declared(tmp_path):
    page = '<html><head><meta charset="windows-1251"></head><body><article><p>{}</p></article></body></html>'
    sentence = "Министр заявил, что переговоры прошли успешно. " * 3
    (tmp_path / "ru.html").write_bytes(page.format(sentence).encode("cp1251"))
    assert only(tmp_path / "ru.html").text == sentence.strip()


def test_html_without_article_text(tmp_path):
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert messages(read(tmp_path / "nav.html")) == [f"{tmp_path / 'nav.html'}: no article text found"]


def test_deeply_nested_html_is_refused_quickly(tmp_path):
    depth = 100_000
    (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * depth + "<p>Deep text here.</p>" + "</div>" * depth)
    started = time.monotonic()
    result = only(tmp_path / "deep.html")
    assert time.monotonic() - started < 30
    assert isinstance(result, ReadError) and result.path.endswith("deep.html")


def test_jsonl_reads_good_lines_and_reports_bad_ones(tmp_path):
    lines = [
        {"text": "Minister leaves\n\nThe minister left, officials said.", "published": "Tue, 29 Oct 2024 08:00:00 GMT"},
        {"id": "abc", "title": "Talks", "text": "Talks began.", "outlet": "Reuters", "url": "https://example.com/a"},
        '{"text": "unclosed" "x"}',
        "",
        '["not", "an", "object"]',
        {"title": "No text"},
        {"text": "   "},
        {"text": "Fine.", "title": 5},
        {"name": 7, "text": "Last one."},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    results = read(path)
    good = [r for r in results if isinstance(r, Article)]
    assert [a.name for a in good] == ["feed.jsonl:1", "abc", "7"]
    assert good[0].title == "Minister leaves" and good[0].published == "2024-10-29"
    assert good[1].title == "Talks" and good[1].outlet == "Reuters" and good[1].url == "https://example.com/a"
    assert messages(results) == [
        f"{path}:3: invalid JSON (Expecting ',' delimiter)",
        f"{path}:5: expected a JSON object, got array",
        f'{path}:6: missing "text"',
        f'{path}:7: "text" is empty',
        f'{path}:8: "title" must be a string, got number',
    ]


def test_jsonl_line_that_is_not_utf8(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "ok."}\n{"text": "caf\xe9"}\n')
    results = read(path)
    assert isinstance(results[0], Article)
    assert messages(results) == [f"{path}:2: not UTF-8 text (invalid byte 0xe9 at offset 29)"]


def test_jsonl_text_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 10)
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "short."}\n{"text": "far too long for the limit."}\n')
    results = read(path)
    assert isinstance(results[0], Article)
    assert messages(results) == [f'{path}:2: "text": text is longer than 10 characters']


def test_jsonl_hostile_lines_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_BYTES", 6000)
    path = tmp_path / "feed.jsonl"
    lines = [
        "[" * 5000,
        '{"text": ' + "1" * 5000 + "}",
        '{"text": "' + "x" * 7000 + '"}',
        '{"text": "Still read."}',
    ]
    path.write_text("\n".join(lines) + "\n")
    results = read(path)
    assert messages(results) == [
        f"{path}:1: invalid JSON (nested too deeply)",
        f"{path}:2: invalid JSON (number too long)",
        f"{path}:3: line is longer than 6,000 bytes",
    ]
    assert results[-1].text == "Still read."


@pytest.mark.parametrize("field", ["title", "url", "author", "outlet", "published", "id"])
def test_jsonl_metadata_over_its_limit_is_refused_by_name(tmp_path, field):
    limit = limits.MAX_FIELD_CHARS[field]
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "Said.", "title": "First"}) + "\n"
                    + json.dumps({"text": "Said.", field: "x" * (limit + 1)}) + "\n")
    results = read(path)
    assert isinstance(results[0], Article) and results[0].title == "First"
    assert messages(results) == [f'{path}:2: "{field}" is longer than {limit:,} characters ({limit + 1:,})']


def test_metadata_found_in_a_page_is_cut_to_its_limit(tmp_path):
    words = " ".join(["headline"] * 1000)
    path = tmp_path / "long.html"
    path.write_text(PAGE.replace('"Minister visits Moscow"', f'"{words}"')
                    .replace("www.example.com/world/minister-visits-moscow", "example.com/" + "a" * 3000))
    article = read(path)[0]
    assert len(article.title) <= limits.MAX_FIELD_CHARS["title"] and article.title.endswith("headline…")
    assert article.url is None  # a url cut short would lead nowhere


def test_published_dates_are_normalised_or_dropped(tmp_path):
    values = ["2024-10-29T23:30:00-05:00", "October 29, 2024", "2024", "Tuesday", "not a date"]
    path = tmp_path / "dates.jsonl"
    path.write_text("".join(json.dumps({"text": "Said.", "published": v}) + "\n" for v in values))
    assert [a.published for a in read(path)] == ["2024-10-29", "2024-10-29", None, None, None]


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Second story\n\nBody.")
    (tmp_path / "a.txt").write_text("First story\n\nBody.")
    (tmp_path / "b" / "notes.md").write_text("ignored")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "old.txt").write_text("Hidden\n\nBody.")
    assert [a.name for a in read(tmp_path)] == ["a.txt", "z.txt"]


def test_stdin_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Headline\n\nThe minister said it went well."))
    [article] = read("-")
    assert article.name == "<stdin>" and article.title == "Headline"


def test_stdin_jsonl(monkeypatch):
    data = '{"text": "One."}\n\n{"text": "Two."}\nnot json\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    assert isinstance(only("-"), Article)  # one line is not an object: read as a single text
    data = '{"text": "One."}\n\n{"text": "Two."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    assert [a.name for a in read("-")] == ["<stdin>:1", "<stdin>:3"]


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filename, content, message",
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n", "file is empty"),
        ("empty.jsonl", b"\n\n", "file is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text (NUL bytes)"),
        ("latin1.txt", b"Caf\xe9 society", "not UTF-8 text (invalid byte 0xe9 at offset 3)"),
        ("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf' (expected .txt, .html, .htm, .jsonl, .warc or .warc.gz)"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path, filename, content, message):
    path = tmp_path / filename
    path.write_bytes(content)
    assert messages(read(path)) == [f"{path}: {message}"]


def test_missing_file(tmp_path):
    assert messages(read(tmp_path / "nope.txt")) == [f"{tmp_path / 'nope.txt'}: no such file or directory"]


def test_oversize_file_is_refused_and_reading_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_BYTES", 20)
    (tmp_path / "a.txt").write_text("A headline that is long\n\nand a body.")
    (tmp_path / "b.txt").write_text("Short.")
    results = read(tmp_path)
    assert messages(results) == [f"{tmp_path / 'a.txt'}: file is bigger than 20 bytes"]
    assert [a.name for a in results if isinstance(a, Article)] == ["b.txt"]


def test_error_without_line_number():
    assert str(ReadError("empty.txt", None, "file is empty")) == "empty.txt: file is empty"


# --- outlets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, url, outlet",
    [
        ("Headline\n\nSEOUL (Reuters) – The minister left.", None, "Reuters"),
        ("WASHINGTON (AP) — Officials said.", None, "Associated Press"),
        ("KYIV, Ukraine (AP) — Officials said.", None, "Associated Press"),
        ("(AFP) - Officials said.", None, "Agence France-Presse"),
        ("SEOUL, Oct. 29 (Yonhap) -- Officials said.", None, "Yonhap"),
        ("Officials said so.\n\nShe met with Putin. (Yonhap)", None, "Yonhap"),
        ("Officials said so.", "https://en.yna.co.kr/view/AEN2024", "Yonhap"),
        ("Officials said so.", "https://www.theguardian.com/world/x", "The Guardian"),
        ("Support The Moscow Times!\n\nOfficials said so.", None, "The Moscow Times"),
        ("Officials said so.\n\nCopyright 2024 The Associated Press. All rights reserved.", None, "Associated Press"),
        ("According to the Yonhap News Agency, talks began.", None, None),
        ("The minister flew to Vladivostok, TASS state news agency reported.", None, None),
        ("Reuters reported (Reuters) that talks began.", None, None),
        ("Support Ukraine!\n\nOfficials said so.", None, None),
        ("Officials said so.", "https://example.org/story", None),
    ],
)
def test_detect_outlet(text, url, outlet):
    assert detect_outlet(text, url) == outlet


def test_photo_credit_is_not_the_outlet():
    text = "Headline\n\nThe minister in Moscow, in this photo provided by KCNA. (Yonhap)\n\nOfficials said so."
    assert detect_outlet(text) is None


def test_outlets_of_the_samples(samples):
    assert {name[:3]: a.outlet for name, a in samples.items()} == {
        "000": "Yonhap", "001": "Reuters", "002": None, "003": "The Moscow Times", "004": None,
    }


def test_given_outlet_is_kept(tmp_path):
    (tmp_path / "f.jsonl").write_text(json.dumps({"text": "SEOUL (Reuters) - Said.", "outlet": "NK News"}))
    assert only(tmp_path / "f.jsonl").outlet == "NK News"


# --- skip ranges -----------------------------------------------------------------------------

CHROME = {
    "000": ["Back To Top", "N. Korean foreign minister departs for Russia amid troop dispatch",
            "in this photo provided by the North's official Korean Central News Agency the next day. (Yonhap)",
            "MOST POPULAR", "LATEST NEWS", "subscribe"],
    "001": ["Sputnik/Artem Geodakyan/Pool via REUTERS/File Photo",
            "attends a meeting with Russian President Vladimir Putin in Moscow, Russia, January 16, 2024."],
    "002": ["scroll to top"],
    "003": ["Support The Moscow Times!",
            "North Korean Foreign Minister Choe Son Hui. Artem Geodakyan / POOL / kremlin.ru",
            "Sign up for our free weekly newsletter", "Our weekly newsletter contains",
            "Subscribers agree to the Privacy Policy", "A Message from The Moscow Times:", "Dear readers,",
            "please support us monthly", "Once\nMonthly\nAnnual\nContinue", "Remind me later.", "Read more"],
    "004": ["North Korean foreign minister arrives in Moscow for talks", "Previous Post Next Post"],
}


@pytest.mark.parametrize("prefix", sorted(CHROME))
def test_sample_chrome_is_skipped(samples, prefix):
    [article] = [a for name, a in samples.items() if name.startswith(prefix)]
    assert [s for s in CHROME[prefix] if not is_skipped(article, s)] == []


def test_agency_credit_ending_a_body_paragraph_is_body(samples):
    article = samples["000_7586c69c994ee961.txt"]
    assert not is_skipped(article, "She also traveled to Moscow in January, where she met with Putin. (Yonhap)")


@pytest.mark.parametrize("gold_set", sorted(GOLD_SETS))
def test_no_gold_quote_falls_in_a_skip_range(gold_set):
    gold_path, folder = GOLD_SETS[gold_set]
    articles = {a.name: a for a in read(folder)}
    gold = [json.loads(line) for line in gold_path.read_text().splitlines() if line.strip()]
    # optional quotes may sit in skipped text, e.g. one inside the donation appeal of sample 003
    overlaps = [
        (q["article"], q["quote"]) for q in gold if not q["optional"]
        for s, e in articles[q["article"]].skip if s < q["end"] and q["start"] < e
    ]
    assert len(gold) > 40 and overlaps == []


def test_duplicated_paragraph_and_short_labels():
    text = "A caption about a meeting\nA caption about a meeting\n\nThe minister said talks went well.\n\nShare"
    ranges = skip_ranges(text, None)
    assert [text[s:e] for s, e in ranges] == ["A caption about a meeting\nA caption about a meeting", "Share"]


def skipped_lines(text: str) -> list[str]:
    return [line for s, e in skip_ranges(text, None) for line in text[s:e].split("\n") if line.strip()]


INTRO = "The mayor spoke to the Herald about the flood, which she said cost the town its bridge."


@pytest.mark.parametrize("turns", [
    ["((Herald)) What did the council decide?", "((Ana Ruiz)) We told the engineers the bridge must reopen."],
    ["Q: What did the council decide?", "A: We told the engineers the bridge must reopen."],
    ["HERALD: What did the council decide?", "RUIZ: We told the engineers the bridge must reopen.",
     "HERALD: And the school?", "RUIZ: Officials said it is safe."],
])
def test_interview_transcript_turns_are_not_article_body(turns):
    text = INTRO + "\n\n" + "\n\n".join(turns) + "\n\nThe council said repairs would start in May."
    assert skipped_lines(text) == turns


def test_a_transcript_answer_runs_on_while_it_speaks_in_the_first_person():
    answer = ["((Ana Ruiz)) The water came at night.",
              "I went to the station. The officer told me that my street was closed.",
              'We waited until morning, and our neighbours said "the worst is over".']
    after = "Ruiz said the town would ask the province for help."
    text = INTRO + "\n\n" + "\n\n".join([*answer, after])
    assert skipped_lines(text) == answer


def test_a_dateline_or_a_single_label_is_not_a_transcript():
    text = ('NEW DELHI: The minister said talks went well.\n\nUPDATE: Officials said the vote is on Monday.\n\n'
            "I told him, the witness said, that the car was red.")
    assert skipped_lines(text) == []


def test_appeal_runs_to_the_end_only_when_it_asks_for_support():
    story = "Headline\n\n" + "The minister said talks went well, officials confirmed. " * 5
    letter = "\n\nDear readers,\n\nThe editor said the paper would change its format next year."
    text = story + letter
    assert [text[s:e] for s, e in skip_ranges(text, "Headline")] == ["Headline", "Dear readers,"]
    text = story + letter + "\n\nPlease support us today."
    assert [text[s:e] for s, e in skip_ranges(text, "Headline")][1:] == [text[len(story) + 2:]]


# --- ids -------------------------------------------------------------------------------------


def test_a_file_keeps_its_id_when_its_text_is_edited():
    text = "Headline\n\nThe minister said talks went well."
    same = Article("a.txt", text)
    assert len(same.id) == 16
    assert Article("a.txt", text + " More.").id == same.id
    assert Article("b.txt", text).id != same.id


def test_text_is_the_id_where_the_source_has_no_name():
    text = "Headline\n\nThe minister said talks went well."
    for name in ("<stdin>", "feed.jsonl:3"):
        same = Article(name, text)
        assert same.id == Article("feed.jsonl:9", text).id
        assert Article(name, "Headline  \n\n The minister said\ttalks went well.\n").id == same.id
        assert Article(name, text + " More.").id != same.id


def test_a_run_without_spaces_is_not_prose(tmp_path):
    path = tmp_path / "marks.txt"
    path.write_text('"' * 6000 + "\n\nThe minister said talks went well.\n")
    assert messages(read(path)) == [f"{path}: text has 6,000 characters without a space at offset 0: not prose"]


def test_url_wins_over_text_for_the_id():
    one = Article("a.txt", "First version.", url="https://www.example.com/story/#top")
    two = Article("a.txt", "Second version.", url="http://example.com/story?utm_source=x")
    assert one.id == two.id
    assert one.text_hash != two.text_hash


# --- the registry of formats -----------------------------------------------------------------


def test_each_built_in_reader_declares_its_extensions():
    assert [(r.name, r.extensions) for r in readers()] == [
        ("txt", (".txt",)), ("html", (".html", ".htm")), ("jsonl", (".jsonl",)), ("warc", (".warc", ".warc.gz")),
    ]
    assert readers() == BUILT_IN
    for reader in BUILT_IN:
        for ext in reader.extensions:
            assert reader_for(f"story{ext.upper()}") is reader
    assert reader_for("story.md") is None and reader_for("README") is None
    assert reader_for("news.tar.gz") is None and reader_for("CC-NEWS-2026.warc.gz").name == "warc"


def read_markdown(path: str, fh: BinaryIO) -> Iterator[Article | ReadError]:
    """A throwaway format: a Markdown file whose "# " line is the title."""
    text = fh.read().decode("utf-8")
    yield make_article(os.path.basename(path), text, title=text.partition("\n")[0].removeprefix("# "))


@pytest.fixture
def markdown() -> Iterator[Reader]:
    reader = Reader("markdown", (".md", ".markdown"), read_markdown, sniff=lambda data: data.startswith(b"# "))
    register(reader)
    yield reader
    unregister(reader.name)


def test_a_registered_format_is_read_from_directories(tmp_path, markdown):
    (tmp_path / "notes.md").write_text("# Minister visits Moscow\n\nThe minister said talks went well.\n")
    (tmp_path / "story.txt").write_text("Headline\n\nThe minister said talks went well.\n")
    (tmp_path / "old.markdown").write_text("# Older notes\n\nOfficials said so.\n")
    assert [(a.name, a.title) for a in read(tmp_path)] == [
        ("notes.md", "Minister visits Moscow"), ("old.markdown", "Older notes"), ("story.txt", "Headline"),
    ]


def test_a_registered_format_is_listed_in_the_unsupported_file_error(tmp_path, markdown):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    expected = ".txt, .html, .htm, .jsonl, .warc, .warc.gz, .md or .markdown"
    assert messages(read(tmp_path / "report.pdf")) == [
        f"{tmp_path / 'report.pdf'}: unsupported file type '.pdf' (expected {expected})"]


def test_a_registered_format_is_recognised_on_stdin(monkeypatch, markdown):
    monkeypatch.setattr(sys, "stdin", io.StringIO("# Talks begin\n\nThe minister said talks went well."))
    assert only("-").title == "Talks begin"  # read as plain text, the title would keep its "# "


def test_a_registered_format_is_listed_in_the_ingest_help(markdown):
    from quotes.cli import cli  # here, so that a broken CLI fails this test only

    result = CliRunner().invoke(cli, ["ingest", "--help"])
    assert result.exit_code == 0, result.output
    assert "Read articles from PATHS (.txt, .html, .jsonl, .warc, .md files or directories; - for stdin;" in " ".join(
        result.output.split())


def test_an_unregistered_format_is_no_longer_read(tmp_path):
    (tmp_path / "notes.md").write_text("# Notes\n\nOfficials said so.\n")
    reader = register(Reader("markdown", (".md",), read_markdown))
    unregister(reader.name)
    assert messages(read(tmp_path)) == [
        f"{tmp_path}: no .txt, .html, .htm, .jsonl, .warc or .warc.gz file in this directory"]
    assert messages(read(tmp_path / "notes.md")) == [
        f"{tmp_path / 'notes.md'}: unsupported file type '.md' (expected .txt, .html, .htm, .jsonl, .warc or .warc.gz)"]


@pytest.mark.parametrize("name, extensions, problem", [
    ("txt", (".text",), "a reader named 'txt' is already registered"),
    ("plain", (".TXT",), "reader 'plain': '.TXT' is not a lowercase extension like '.txt'"),
    ("plain", (".a.tar.gz",), "reader 'plain': '.a.tar.gz' is not a lowercase extension like '.txt'"),
    ("plain", (".txt",), "reader 'plain': '.txt' is already read by 'txt'"),
    ("plain", (), "reader 'plain' claims no extension"),
])
def test_a_reader_that_would_clash_is_refused(name, extensions, problem):
    with pytest.raises(ValueError, match=re.escape(problem)):
        register(Reader(name, extensions, read_markdown))
    assert readers() == BUILT_IN


# -- the story's date, from the text when the metadata has none ----------------------------------

@pytest.mark.parametrize("lines, date", [
    ("Headline\n\nTuesday, September 17, 2019\n\nOn Saturday the president said so.", "2019-09-17"),
    ("Headline\nPublished: 16:04, 20 January 2026\n\nBody.", "2026-01-20"),
    ("Headline\nPosted Oct 13, 2025 at 4:15 PM\n\nBody.", "2025-10-13"),
    ("Headline\n\nSEOUL, Oct. 29, 2024 (Yonhap) -- North Korea said on Tuesday ...", "2024-10-29"),
])
def test_an_article_without_a_date_takes_the_one_its_text_states(tmp_path, lines, date):
    path = tmp_path / "a.txt"
    path.write_text(lines)
    (article,) = iter_articles([str(path)])
    assert article.published == date


@pytest.mark.parametrize("lines", [
    "Headline\nPhoto: the minister in Moscow, Russia, January 16, 2024.\n\nBody.",  # a caption's date
    "Headline\n\nSEOUL, Oct. 29 (Yonhap) -- the year is not given.",
    "Headline\n\n2024\n\nBody.",
    "Headline\n\nThe court heard that on March 3, 2021 the defendant left the country.",
])
def test_a_date_the_text_does_not_state_as_its_own_is_not_taken(tmp_path, lines):
    path = tmp_path / "a.txt"
    path.write_text(lines)
    (article,) = iter_articles([str(path)])
    assert article.published is None


def test_a_date_in_the_metadata_wins_over_the_text(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "Headline\n\nTuesday, September 17, 2019\n\nBody.",
                                "published": "2019-09-18"}) + "\n")
    (article,) = iter_articles([str(path)])
    assert article.published == "2019-09-18"


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("stamp", ["October 29, 2024 10:12 CDT", "Oct. 29, 2024 10:12 p.m. CEST",
                                   "Tue, 29 Oct 2024 22:12:00 BST"])
def test_dates_with_zone_names_parse_without_warning(stamp: str) -> None:
    from quotes.readers.article import iso_date

    assert iso_date(stamp) == "2024-10-29"


@pytest.mark.parametrize("line", [
    "Related: Former Lakeview school to be sold, board confirms",
    "READ MORE: Council approves 'missing middle' rules",
    "See also: Mayor says budget will hold",
])
def test_a_labelled_link_to_another_story_is_skipped(line):
    text = f"The council met on Monday.\n\n{line}\n\nThe mayor said the vote would be held in May."
    start = text.index(line)
    assert (start, start + len(line)) in skip_ranges(text, None)
