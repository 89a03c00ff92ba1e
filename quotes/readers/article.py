"""An `Article` from a reader's text and metadata, with the fields derived the same for every format."""
from __future__ import annotations

from datetime import datetime

from dateutil import parser as dateparser

from ..records import Article
from .boilerplate import headline, skip_ranges
from .outlets import detect_outlet


def make_article(name: str, text: str, title: str | None = None, url: str | None = None,
                 outlet: str | None = None, published: str | None = None,
                 author: str | None = None) -> Article:
    """An Article with the derived fields filled in: title, outlet, ISO date and skip ranges."""
    title = (title or "").strip() or headline(text)
    return Article(
        name=name, text=text, title=title, url=(url or "").strip() or None,
        outlet=outlet or detect_outlet(text, url), published=iso_date(published),
        author=(author or "").strip() or None, skip=skip_ranges(text, title),
    )


def iso_date(value: str | None) -> str | None:
    """"YYYY-MM-DD", or None when the value is not a full date (a bare year is not)."""
    value = (value or "").strip()
    if not value or len(value) > 100:
        return None
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    try:  # parse twice with different defaults: if they disagree, part of the date was missing
        first = dateparser.parse(value, default=datetime(2000, 1, 1))
        second = dateparser.parse(value, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    return first.date().isoformat() if first.date() == second.date() else None
