"""Atom feeds of the newest quotes, so a reader can follow a speaker or a search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from datasette.utils.asgi import Response

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = "1970-01-01T00:00:00Z"


def _timestamp(date: str | None) -> str:
    """An RFC 3339 timestamp for a publication date (YYYY-MM-DD, or longer)."""
    if not date:
        return EPOCH
    if len(date) == 10:
        return f"{date}T00:00:00Z"
    return date if date.endswith("Z") or "+" in date[10:] else f"{date}Z"


def atom(base: str, feed_id: str, title: str, page: str, feed_url: str, quotes: Sequence[dict[str, Any]]) -> bytes:
    """An Atom document of ``quotes`` (newest first). ``base`` is the site's URL, e.g.
    ``http://127.0.0.1:8001``; ids are tag URIs that stay the same wherever it is served."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", f"tag:quotes,2024:{feed_id}")
    sub(feed, "title", title)
    sub(feed, "updated", max((updated(q) for q in quotes), default=EPOCH))
    sub(feed, "link", href=base + page)
    sub(feed, "link", rel="self", href=base + feed_url)
    sub(sub(feed, "author"), "name", "quotes")
    for quote in quotes:
        entry = sub(feed, "entry")
        sub(entry, "id", f"tag:quotes,2024:quote/{quote['id']}")
        speaker = quote.get("speaker") or quote.get("speaker_mention") or "Unknown speaker"
        sub(entry, "title", title_of(speaker, quote))
        sub(entry, "updated", updated(quote))
        if link := web_link(quote.get("url")):
            sub(entry, "link", href=link)
        else:
            sub(entry, "link", href=f"{base}/quotes/articles/{quote['article_id']}")
        byline = ", ".join(str(part) for part in (
            speaker, quote.get("role"), quote.get("outlet"), quote.get("published"), quote.get("article_title"),
        ) if part)
        # The content is HTML as text: ElementTree escapes it, so article text never becomes markup.
        sub(entry, "content", f"<p>{quote['in_context']}</p><p>{_escape(byline)}</p>", type="html")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode").encode("utf-8")


def updated(quote: dict[str, Any]) -> str:
    """When a quote was published, or else when its article was stored: a feed reader sorts
    by this, and an undated quote is not news of 1970."""
    return _timestamp(quote.get("published") or quote.get("stored_at"))


def title_of(speaker: str, quote: dict[str, Any]) -> str:
    """An entry's title. Only a direct quote is put in quotation marks: the words of an
    indirect or mixed one are the outlet's, not the speaker's."""
    if quote.get("type") == "direct":
        return f"{speaker}: “{quote['quote']}”"
    return f"{speaker} said {quote['quote']}"


def web_link(url: str | None) -> str | None:
    """``url`` if it may become a link: http(s) only, never ``javascript:``, ``data:`` or ``file:``."""
    url = (url or "").strip()
    return url if urlsplit(url).scheme.lower() in ("http", "https") and "//" in url[:8] else None


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def response(datasette: Any, request: Any, feed_id: str, title: str, page: str,
             quotes: Sequence[dict[str, Any]]) -> Response:
    base = f"{request.scheme}://{request.host}"
    feed_url = request.path + (f"?{request.query_string}" if request.query_string else "")
    return Response(atom(base, feed_id, title, page, feed_url, quotes),
                    content_type="application/atom+xml; charset=utf-8")
