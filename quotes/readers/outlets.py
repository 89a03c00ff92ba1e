"""Which outlet wrote a story, from its dateline, its credit lines or its url.

The agencies and sites it knows are word lists of :mod:`quotes.lexicon`.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..lexicon import DATELINE, NEWS_AGENCIES, NEWS_SITES
from .boilerplate import classify

_KNOWN = {re.sub(r"^the ", "", name.lower()): name for name in [*NEWS_AGENCIES.values(), *NEWS_SITES.values()]}

_AGENCY = "|".join(sorted(map(re.escape, NEWS_AGENCIES), key=len, reverse=True))
CREDIT_MARKER = re.compile(rf"[.!?\"”]\s*\(({_AGENCY})\)$")  # "...met with Putin. (Yonhap)"
MASTHEAD = re.compile(  # "Support The Moscow Times!", "Copyright 2024 The Associated Press."
    r"^(?:support|a message from)\s+(.+?)\s*[!:]?$"
    r"|(?:copyright|©)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+)?(?:by\s+)?([^.,]+)", re.I)


def detect_outlet(text: str, url: str | None = None) -> str | None:
    """The outlet that wrote the story, from its own credit lines or its url; None if unsure.

    An agency's dateline or end-of-story credit wins over the site's domain because it names
    who wrote the story when a site republishes wire copy. A sentence that merely cites an
    agency ("according to the Yonhap News Agency") is not evidence and is ignored, and so is a
    "(Yonhap)" closing a photo caption: the photo's source need not be the story's.
    """
    lines = [(line, skipped) for _, _, line, skipped in classify(text, None) if line]
    body = [line for line, skipped in lines if not skipped]
    for line in body[:10]:
        if (m := DATELINE.match(line)) and m["credit"] in NEWS_AGENCIES:
            return NEWS_AGENCIES[m["credit"]]
    for line in body:
        if m := CREDIT_MARKER.search(line):
            return NEWS_AGENCIES[m.group(1)]
    host = (urlsplit(url.strip()).hostname or "") if url else ""
    for domain, name in NEWS_SITES.items():
        if host == domain or host.endswith("." + domain):
            return name
    for line in (line for line, skipped in lines if skipped):  # "Support The Moscow Times!"
        if (m := MASTHEAD.search(line)) and (name := m.group(1) or m.group(2)):
            if found := _KNOWN.get(re.sub(r"^the ", "", name.strip().lower())):
                return found
    return None

