"""The site in a real browser: ``quotes serve`` as a subprocess, Debian's Chromium driven by
Playwright. A reader opens the home page, searches for a speaker and for a person and a topic,
opens the speaker's page, a quote group's page and an article; each page is written to
docs/screenshots/.

Playwright's own browser download is never used: the test launches /usr/bin/chromium (or
$CHROMIUM). Without a browser it skips, except in CI (CI=true), where it fails."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTH, HEIGHT = 1280, 900


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def site(sample_db, tmp_path_factory) -> Iterator[str]:
    """``quotes serve`` on a free port of 127.0.0.1, serving a copy of the samples under
    another file name (it must still be published as /quotes)."""
    missing = _missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the browser test must run in CI: {missing}")
        pytest.skip(missing)
    db = tmp_path_factory.mktemp("browser") / "news.db"
    shutil.copy(sample_db, db)
    port = _free_port()
    quotes = Path(sys.executable).with_name("quotes")
    command = [str(quotes)] if quotes.exists() else [sys.executable, "-m", "quotes.cli"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    server = subprocess.Popen([*command, "serve", "--db", str(db), "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read() if server.stdout else ""
                    pytest.fail(f"quotes serve did not start:\n{output}")
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(f"request failed: {request.url}"))
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()


def check_reads_well(page, name: str, quote_marks: str = "blockquote mark") -> None:
    """The first quote is visible above the fold, nothing scrolls sideways at 1280 px, the
    console has no error, and the page is saved to docs/screenshots/NAME.png."""
    quote = page.locator(quote_marks).first
    quote.wait_for(state="visible", timeout=10_000)
    box = quote.bounding_box()
    assert box is not None and box["y"] < HEIGHT, f"{name}: the first quote is below the fold ({box})"
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= WIDTH, f"{name}: the page scrolls sideways ({width} px)"
    assert page.errors == [], f"{name}: console errors {page.errors}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_a_reader_searches_for_a_speaker_and_follows_them(site, page):
    page.goto(site + "/")
    assert page.locator("h1").inner_text() == "Quotes in the news"
    check_reads_well(page, "home")

    page.fill("input[name=q]", "Peskov")
    page.click("form.quotes-search input[type=submit]")
    page.wait_for_url("**/-/search?q=Peskov")
    assert page.locator("section.people a", has_text="Dmitry Peskov").is_visible()
    speakers = page.locator("article.quote-card .speaker").all_inner_texts()
    assert speakers and set(speakers) == {"Dmitry Peskov"}
    check_reads_well(page, "search")

    page.locator("section.people a", has_text="Dmitry Peskov").click()
    page.wait_for_url("**/-/speaker/dmitry-peskov")
    assert page.locator("h1").inner_text() == "Dmitry Peskov"
    assert page.locator("svg.timeline rect").count() >= 1
    assert page.locator("a", has_text="Atom feed").is_visible()
    check_reads_well(page, "speaker")


def test_a_reader_compares_one_statement_across_outlets(site, page):
    page.goto(site + "/quotes/quote_groups?_sort_desc=outlet_count")
    page.locator("table.rows-and-columns td.col-label a").first.click()
    page.wait_for_url("**/-/group/*")
    assert page.locator("section.wording").count() >= 2
    check_reads_well(page, "group")


def test_quotes_table_reads_as_quotes(site, page):
    page.goto(site + "/quotes/quotes_view")
    first = page.locator("article.quote-card").first
    assert first.locator("blockquote").is_visible()
    # Column descriptions fold away.
    assert page.locator("details.column-descriptions-fold").count() == 1
    assert not page.locator("dl.column-descriptions").is_visible()
    check_reads_well(page, "quotes")


def test_a_reader_searches_for_a_person_and_a_topic(site, page):
    page.goto(site + "/")
    page.fill("input[name=q]", "Yoon troops")
    page.click("form.quotes-search input[type=submit]")
    page.wait_for_url("**/-/search?q=Yoon+troops")
    speakers = page.locator("article.quote-card .speaker").all_inner_texts()
    assert speakers.count("Yoon Suk Yeol") >= 2
    check_reads_well(page, "search-person-topic")


def test_a_reader_checks_a_quote_in_its_article(site, page):
    page.goto(site + "/-/speaker/yoon-suk-yeol")
    page.locator("article.quote-card a.article").first.click()
    page.wait_for_url("**/quotes/articles/*#q-*")
    target = page.locator(".article-text mark:target")
    assert target.count() == 1 and target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < HEIGHT, "the page opens at the quote"
    marks = page.locator(".article-text mark.quote")
    assert marks.count() >= 2 and marks.first.is_visible()
    assert page.locator(".article-text .said-by").first.is_visible()
    assert page.locator(".who-is-quoted li").count() >= 2
    # About 70 characters a line: the paragraphs are no wider than 80 of the font's zeros.
    widest = page.evaluate("""() => {
        const p = document.querySelector('.article-text p');
        const probe = document.createElement('span');
        probe.textContent = '0'.repeat(80);
        probe.style.whiteSpace = 'nowrap';  // one line, however narrow the paragraph
        probe.style.display = 'inline-block';
        p.appendChild(probe);
        const eighty = probe.getBoundingClientRect().width;
        probe.remove();
        return p.getBoundingClientRect().width / eighty;
    }""")
    assert widest <= 1.0, f"lines of {widest * 80:.0f} characters"
    check_reads_well(page, "article", quote_marks=".article-text mark:target")
