"""An `Article` from a reader's text and metadata, with the fields derived the same for every format."""
from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateparser

from ..records import Article
from . import limits
from .boilerplate import headline, skip_ranges
from .outlets import detect_outlet


def make_article(name: str, text: str, title: str | None = None, url: str | None = None,
                 outlet: str | None = None, published: str | None = None,
                 author: str | None = None) -> Article:
    """An Article with the derived fields filled in: title, outlet, ISO date and skip ranges.

    With no date given, the date is the one the text states as its own (:func:`date_in_text`)."""
    title = (title or "").strip() or headline(text)
    url = (url or "").strip() or None
    if url and len(url) > limits.MAX_FIELD_CHARS["url"]:
        url = None  # cut, it would lead nowhere
    return Article(
        name=name, text=text, title=cut(title, "title"), url=url,
        outlet=cut(outlet or detect_outlet(text, url), "outlet"),
        published=iso_date(published) or date_in_text(text),
        author=cut((author or "").strip() or None, "author"), skip=skip_ranges(text, title),
    )


def cut(value: str | None, field: str) -> str | None:
    """``value`` within its field's limit, cut at a word where there is one, with an ellipsis."""
    limit = limits.MAX_FIELD_CHARS[field]
    if value is None or len(value) <= limit:
        return value
    head = value[:limit - 1]
    return (head.rsplit(None, 1)[0] if " " in head[limit // 2:] else head).rstrip() + "…"


def iso_date(value: str | None) -> str | None:
    """"YYYY-MM-DD", or None when the value is not a full date (a bare year is not)."""
    value = (value or "").strip()
    if not value or len(value) > 100:
        return None
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        pass
    # Parsed twice with different defaults: if they disagree, part of the date was missing.
    # The zone is ignored: the date is the one the page states, and dateutil warns at zone
    # names it does not know ("10:12 CDT").
    try:
        first = dateparser.parse(value, default=datetime(2000, 1, 1), ignoretz=True)
        second = dateparser.parse(value, default=datetime(2001, 2, 2), ignoretz=True)
    except (ValueError, OverflowError):
        return None
    return first.date().isoformat() if first.date() == second.date() else None


# A line that states when the story was published: "Published: October 29, 2024 10:12",
# "Updated Oct. 29, 2024", "Tuesday, September 17, 2019" (under a headline), "SEOUL, Oct. 29,
# 2024 (Yonhap) --" (a dateline with its year).
STAMP = re.compile(r"(?:(?:first |last )?(?:published|posted|updated)(?: on| at)?:?\s+)(?P<date>.{6,60}?)\.?", re.I)
DATE_ONLY = re.compile(r"(?P<date>(?:[A-Z][a-z]+day,?\s+)?[\w.,/ -]{6,40}?)\.?")
DATED_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]+,\s+(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})\b")
HEAD_LINES = 12  # a bare date counts only near the top, where pages put the story's date


def date_in_text(text: str) -> str | None:
    """The story's date as the text states it: a "Published ..." line anywhere, a line that
    is only a date near the top, or a dateline with a year; None rather than a guess (a date
    inside a sentence or a photo caption is about something else)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for number, line in enumerate(lines):
        if len(line) > 80:
            continue
        found = STAMP.fullmatch(line) or (DATE_ONLY.fullmatch(line) if number < HEAD_LINES else None)
        if found and any(ch.isdigit() for ch in found["date"]) and (date := iso_date(found["date"])):
            return date
    for line in lines[:HEAD_LINES]:
        if (found := DATED_DATELINE.match(line)) and (date := iso_date(found["date"])):
            return date
    return None
