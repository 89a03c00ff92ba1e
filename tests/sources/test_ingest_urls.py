"""quotes ingest URL...: pages, feeds and sitemaps from a local server, stored once, fetched again only when changed."""
from __future__ import annotations

import gzip

import pytest
from werkzeug import Response as WResponse

from tests.conftest import errors, ingest, query, summary

from .conftest import article, rss, sitemap

pytestmark = pytest.mark.usefixtures("pipeline_loaded_once")
FAST = ("--delay", "0", "--timeout", "2")


def etagged(html: str, tag: str):
    """A handler serving ``html`` with an ETag, and 304 to a request that already has it."""

    def handle(request):
        if request.headers.get("If-None-Match") == tag:
            return WResponse(status=304)
        return WResponse(html, content_type="text/html; charset=utf-8", headers={"ETag": tag})

    return handle


def news_site(server) -> None:
    """A feed of two articles and a news sitemap naming one of them again, with tracking tags."""
    for name in ("bridge", "tunnel", "ferry"):
        server.expect_request(f"/news/{name}").respond_with_handler(etagged(article(name), f'"{name}-1"'))
    base = server.url_for("/news")
    server.expect_request("/feed.xml").respond_with_data(
        rss((f"{base}/bridge?utm_source=rss", "Mon, 30 Nov 2026 10:00:00 GMT"),
            (f"{base}/tunnel", "Tue, 01 Dec 2026 10:00:00 GMT"),
            (f"{base}/ferry", "Mon, 02 Feb 2026 10:00:00 GMT"),
            (server.url_for("/private/secret"), "Tue, 01 Dec 2026 10:00:00 GMT")),
        content_type="application/rss+xml")
    server.expect_request("/sitemap.xml").respond_with_data(
        sitemap((f"{base}/bridge#top", "2026-11-30")), content_type="application/xml")
    server.expect_request("/sitemap_index.xml").respond_with_data(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f'<sitemap><loc>{server.url_for("/sitemap.xml")}</loc></sitemap></sitemapindex>',
        content_type="text/xml")


def bodies_served(server, path: str) -> int:
    return sum(request.path == path and response.status_code == 200 for request, response in server.log)


def test_feed_and_sitemap_index_store_each_article_once(server, db_path):
    news_site(server)
    result = ingest(db_path, server.url_for("/feed.xml"), server.url_for("/sitemap_index.xml"),
                    extra=(*FAST, "--since", "2026-11-01"))
    assert summary(result.stderr)["new"] == 2
    rows = query(db_path, "SELECT a.url, o.name, a.published FROM articles a JOIN outlets o ON o.id = a.outlet_id "
                          "ORDER BY a.url")
    base = server.url_for("/news")
    assert rows == [(f"{base}/bridge", "Harbour Gazette", "2026-11-30"),
                    (f"{base}/tunnel", "Harbour Gazette", "2026-12-01")]
    assert bodies_served(server, "/news/bridge") == 1 and bodies_served(server, "/news/ferry") == 0  # --since
    assert errors(result.stderr) == [f"error: {server.url_for('/private/secret')}: disallowed by robots.txt"]
    assert result.exit_code == 1
    assert query(db_path, "SELECT count(*) FROM quotes")[0][0] >= 2


def test_a_rerun_asks_conditionally_and_changes_nothing(server, db_path):
    news_site(server)
    page = server.url_for("/news/tunnel")
    assert ingest(db_path, page, extra=FAST).exit_code == 0
    stored = query(db_path, "SELECT id, text_hash FROM articles")
    again = ingest(db_path, page, server.url_for("/feed.xml"), extra=FAST)
    assert bodies_served(server, "/news/tunnel") == 1
    assert any(request.headers.get("If-None-Match") == '"tunnel-1"' for request, _ in server.log)
    assert query(db_path, "SELECT id, text_hash FROM articles WHERE id = ?", [stored[0][0]]) == stored
    fetch = query(db_path, "SELECT status, etag, content_hash IS NOT NULL FROM fetches WHERE url = ?", [page])
    assert fetch == [(304, '"tunnel-1"', 1)]
    assert summary(again.stderr)["updated"] == 0


def test_an_edited_article_replaces_its_quotes_under_the_same_id(server, db_path):
    versions = iter([article("bridge"), article("pier")])
    server.expect_request("/news/story").respond_with_handler(
        lambda request: WResponse(next(versions), content_type="text/html"))
    url = server.url_for("/news/story")
    ingest(db_path, url, extra=FAST)
    (first_id,) = query(db_path, "SELECT id FROM articles")[0]
    result = ingest(db_path, url, extra=FAST)
    assert summary(result.stderr)["updated"] == 1
    assert query(db_path, "SELECT id FROM articles") == [(first_id,)]
    assert all("pier" in quote or "bridge" not in quote for (quote,) in query(db_path, "SELECT quote FROM quotes"))


def test_rel_canonical_makes_two_urls_one_article(server, db_path):
    canonical = server.url_for("/news/bridge")
    page = article("bridge", f'<link rel="canonical" href="{canonical}">')
    server.expect_request("/news/bridge").respond_with_data(page, content_type="text/html")
    server.expect_request("/amp/bridge").respond_with_data(page, content_type="text/html")
    result = ingest(db_path, server.url_for("/amp/bridge"), canonical, extra=FAST)
    assert summary(result.stderr)["new"] == 1
    assert query(db_path, "SELECT url FROM articles") == [(canonical,)]


def test_each_bad_url_is_one_line_and_the_rest_is_stored(server, db_path, tmp_path):
    server.expect_request("/news/bridge").respond_with_data(article("bridge"), content_type="text/html")
    server.expect_request("/report.pdf").respond_with_data(b"%PDF-1.7 ...", content_type="application/pdf")
    server.expect_request("/bomb").respond_with_data(
        gzip.compress(b" " * 30_000_000), content_type="text/html", headers={"Content-Encoding": "gzip"})
    server.expect_request("/gone").respond_with_data("", status=404)
    listed = tmp_path / "sources.txt"
    listed.write_text(f"# outlets\n{server.url_for('/report.pdf')}\n{server.url_for('/bomb')}\n"
                      f"{server.url_for('/gone')}\n", encoding="utf-8")
    result = ingest(db_path, listed, server.url_for("/news/bridge"), "http://127.0.0.1:1/refused", "http://[::1",
                    extra=FAST)
    lines = errors(result.stderr)
    assert len(lines) == 5 and result.exit_code == 1
    assert "error: http://[::1: not a valid http(s) URL" in lines
    assert f"error: {server.url_for('/report.pdf')}: not an HTML page (application/pdf)" in lines
    assert f"error: {server.url_for('/gone')}: HTTP 404" in lines
    assert any(line.startswith(f"error: {server.url_for('/bomb')}: response is bigger") for line in lines)
    assert any(line.startswith("error: http://127.0.0.1:1/refused: cannot fetch") for line in lines)
    assert summary(result.stderr)["new"] == 1


def test_a_page_fetched_by_a_run_stopped_before_saving_it_is_fetched_in_full(server, db_path):
    from quotes import store
    from quotes.store.fetches import record_fetch

    server.expect_request("/news/tunnel").respond_with_handler(etagged(article("tunnel"), '"tunnel-1"'))
    url = server.url_for("/news/tunnel")
    db = store.open_db(db_path)  # what a run killed after the fetch, before its batch was committed, left
    record_fetch(db, url, url, 200, '"tunnel-1"', None, "0" * 40, "0123456789abcdef")
    db.close()
    result = ingest(db_path, url, extra=FAST)
    assert summary(result.stderr)["new"] == 1
    assert not any(request.headers.get("If-None-Match") for request, _ in server.log)


def test_a_host_keeps_one_outlet_name_and_a_wire_story_its_agency(server, db_path):
    server.expect_request("/news/bridge").respond_with_data(article("bridge"), content_type="text/html")
    bare = article("tunnel").replace('<meta property="og:site_name" content="Harbour Gazette">', "")
    server.expect_request("/news/tunnel").respond_with_data(bare, content_type="text/html")
    wire = article("ferry").replace("<p>\"We will", "<p>OSLO (Reuters) - \"We will")
    server.expect_request("/news/ferry").respond_with_data(wire, content_type="text/html")
    ingest(db_path, *(server.url_for(f"/news/{name}") for name in ("bridge", "tunnel", "ferry")), extra=FAST)
    rows = query(db_path, "SELECT a.url, o.name FROM articles a JOIN outlets o ON o.id = a.outlet_id ORDER BY a.url")
    base = server.url_for("/news")
    assert rows == [(f"{base}/bridge", "Harbour Gazette"), (f"{base}/ferry", "Reuters"),
                    (f"{base}/tunnel", "Harbour Gazette")]


def test_a_gzipped_sitemap_is_read_and_a_gzip_bomb_refused(server, db_path):
    """sitemap.xml.gz is a gzip file served as such, not a Content-Encoding the client undoes."""
    base = server.url_for("/news")
    for name in ("bridge", "tunnel"):
        server.expect_request(f"/news/{name}").respond_with_data(article(name), content_type="text/html")
    server.expect_request("/sitemap.xml.gz").respond_with_data(
        gzip.compress(sitemap((f"{base}/bridge", "2026-11-30"), (f"{base}/tunnel", "2026-12-01")).encode()),
        content_type="application/x-gzip")
    server.expect_request("/sitemap_index.xml").respond_with_data(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f'<sitemap><loc>{server.url_for("/sitemap.xml.gz")}</loc></sitemap></sitemapindex>', content_type="text/xml")
    server.expect_request("/huge.xml.gz").respond_with_data(gzip.compress(b" " * 30_000_000),
                                                            content_type="application/gzip")
    result = ingest(db_path, server.url_for("/sitemap_index.xml"), server.url_for("/huge.xml.gz"), extra=FAST)
    assert summary(result.stderr)["new"] == 2 and result.exit_code == 1
    huge = server.url_for("/huge.xml.gz")
    assert errors(result.stderr) == [f"error: {huge}: gzip file inflates past 10,000,000 bytes"]
    assert query(db_path, "SELECT url, published FROM articles ORDER BY url") == [
        (f"{base}/bridge", "2026-11-30"), (f"{base}/tunnel", "2026-12-01")]
