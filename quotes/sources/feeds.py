"""What a fetched document is (page, feed or sitemap), and the article links a feed or sitemap lists.

The kind comes from the document's root element, not the URL or the Content-Type header:
sites serve feeds as text/html and sitemaps as text/plain often enough.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]

from ..readers.article import iso_date

ROOTS = {"rss": "feed", "feed": "feed", "RDF": "feed", "urlset": "sitemap", "sitemapindex": "sitemap index"}
GZIP_MAGIC = b"\x1f\x8b"
XML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*<(?:[\w-]+:)?(\w+)", re.S)


@dataclass(frozen=True)
class Entry:
    """A link a feed or sitemap lists, with the date it gives (YYYY-MM-DD) if any."""

    url: str
    date: str | None = None


def gunzipped(body: bytes, max_bytes: int) -> bytes:
    """``body`` inflated if it is a gzip file, as ``sitemap.xml.gz`` is served (a file, not a
    Content-Encoding the client undoes), else as it is.

    Raises ValueError on a damaged file, or one that inflates past ``max_bytes`` (a bomb
    stops there)."""
    if not body.startswith(GZIP_MAGIC):
        return body
    try:
        inflated = zlib.decompressobj(wbits=31).decompress(body, max_bytes + 1)
    except zlib.error as e:
        raise ValueError(f"cannot decompress the gzip file ({e})") from None
    if len(inflated) > max_bytes:
        raise ValueError(f"gzip file inflates past {max_bytes:,} bytes")
    return inflated


def kind_of(body: bytes) -> str:
    """"feed", "sitemap", "sitemap index" or "page", from the first element of ``body``."""
    found = XML_START.match(body[:4096])
    return ROOTS.get(found.group(1).decode("ascii", "replace"), "page") if found else "page"


def entries(body: bytes) -> list[Entry]:
    """The links of a feed (RSS 2.0, RSS 1.0, Atom) or a sitemap or sitemap index.

    Raises ValueError on XML that cannot be parsed."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as e:
        raise ValueError(f"cannot parse XML ({e})") from None
    if root is None:
        raise ValueError("cannot parse XML")
    found = []
    for item in root.iter("{*}item", "{*}entry", "{*}url", "{*}sitemap"):
        url = _link(item)
        if url:
            found.append(Entry(url, _date(item)))
    return found


def _link(item: etree._Element) -> str | None:
    """An item's link: <link>text</link> (RSS), <link href> (Atom, the alternate one), <loc>."""
    for child in item:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name == "loc" or (name == "link" and (child.text or "").strip()):
            return (child.text or "").strip() or None
        if name == "link" and child.get("href") and child.get("rel", "alternate") == "alternate":
            return child.get("href", "").strip() or None
    about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    return about.strip() if about else None


DATE_FIELDS = ("publication_date", "pubDate", "published", "date", "updated", "lastmod", "modified")


def _date(item: etree._Element) -> str | None:
    """The entry's date: its publication date (news sitemaps too) before any update date."""
    dates: dict[str, str] = {}
    for child in item.iter():
        if isinstance(child.tag, str) and child is not item:
            dates.setdefault(etree.QName(child).localname, (child.text or "").strip())
    return next((d for f in DATE_FIELDS if (d := iso_date(dates.get(f)))), None)
