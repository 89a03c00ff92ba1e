"""A local web server (127.0.0.1 only) with news pages, feeds and sitemaps on it."""
from __future__ import annotations

import pytest

ARTICLE = """<!DOCTYPE html>
<html><head><title>{title}</title>
<meta property="og:site_name" content="Harbour Gazette">
{extra}</head><body><article><h1>{title}</h1>
<p>"We will rebuild the {thing} by spring," Mayor Anna Berg told reporters on Monday in the harbour town.</p>
<p>Council member Piet Vos said the repairs to the {thing} would cost more than the town had planned for.</p>
</article></body></html>
"""


def article(thing: str, extra: str = "") -> str:
    return ARTICLE.format(title=f"Repairs to the {thing}", thing=thing, extra=extra)


def rss(*items: tuple[str, str]) -> str:
    """An RSS 2.0 feed of (link, RFC 822 date) items."""
    body = "".join(f"<item><title>t</title><link>{link}</link><pubDate>{date}</pubDate></item>" for link, date in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{body}</channel></rss>'


def sitemap(*urls: tuple[str, str]) -> str:
    """A news sitemap of (loc, publication date) entries."""
    body = "".join(f"<url><loc>{loc}</loc><news:news><news:publication_date>{date}</news:publication_date>"
                   f"</news:news></url>" for loc, date in urls)
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</urlset>')


@pytest.fixture
def server(httpserver_ipv4):
    """The test server, on 127.0.0.1, emptied, with a robots.txt that keeps us out of /private."""
    httpserver_ipv4.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private\n", content_type="text/plain")
    return httpserver_ipv4
