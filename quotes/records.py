"""The records that travel from reading to storage: an article, a quote, an attribution.

Each has one type from end to end, so every name means one thing: ``Attribution.name`` is
the speaker as one article names them; the canonical speaker across articles exists only
in the database.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal, get_args
from urllib.parse import parse_qsl, urlencode, urlsplit

QuoteType = Literal["direct", "indirect", "mixed"]
# A "document" is a poll, study or filing that speaks for itself.
SpeakerKind = Literal["person", "organisation", "group", "document"]
QUOTE_TYPES: tuple[QuoteType, ...] = get_args(QuoteType)
SPEAKER_KINDS: tuple[SpeakerKind, ...] = get_args(SpeakerKind)
POSITIONAL_NAME = re.compile(r"\.jsonl:\d+$")  # "feed.jsonl:12": a line number, not an identity


@dataclass
class Article:
    """One news story. Quote offsets elsewhere are offsets into `text`, exactly as stored."""

    name: str  # file basename; "feed.jsonl:12" (or the record's id/name); "<stdin>"
    text: str  # verbatim, except control characters blanked when read
    title: str | None = None
    url: str | None = None
    outlet: str | None = None  # "Reuters", "The Moscow Times"; None when unknown, never guessed
    published: str | None = None  # "YYYY-MM-DD"
    author: str | None = None
    skip: list[tuple[int, int]] = field(default_factory=list)  # headline/chrome/caption ranges

    @property
    def id(self) -> str:
        """Stable across re-runs, so an edited article replaces its old version: the page's
        url, else the file name or record id it came from, else (for stdin and JSONL lines
        without an id) its text, ignoring whitespace changes."""
        if self.url:
            key = normalise_url(self.url)
        elif self.name != "<stdin>" and not POSITIONAL_NAME.search(self.name):
            key = f"name:{self.name}"
        else:
            key = " ".join(self.text.split())
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def text_hash(self) -> str:
        """Tells when the text behind an unchanged id has changed."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


def normalise_url(url: str) -> str:
    """Same page, same key: ignores scheme, "www.", fragment, trailing slash and utm_ tags."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_")))
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Attribution:
    """Who said it, as one article names them: "Dmitry Peskov", a person, "Kremlin spokesman".

    ``name`` is None when the article does not say who (an office-holder it does not name
    keeps the ``role``); the same name across articles is resolved later, in the database.
    """

    name: str | None = None
    kind: SpeakerKind | None = None
    role: str | None = None


UNKNOWN = Attribution()


@dataclass(frozen=True)
class QuoteRecord:
    """One quote as extraction hands it to storage: plain values, offsets into the article."""

    quote: str  # the words quoted; a quote split by its attribution is joined back together
    type: QuoteType
    start: int
    end: int
    sentence_start: int | None = None  # the sentences holding the quote, for showing it in context
    sentence_end: int | None = None
    cue: str | None = None  # as written: "said", "according to"
    cue_start: int | None = None  # offsets of the cue words in the article, text[cue_start:cue_end] == cue
    cue_end: int | None = None
    cue_lemma: str | None = None  # "say", "accord to": for faceting
    speaker_mention: str | None = None  # as written: "he", "the Kremlin spokesman"
    speaker: Attribution = UNKNOWN
    channel: str | None = None  # "in a statement", "told reporters"
    via: str | None = None  # who relayed the words ("quoted by TASS")
    confidence: float | None = None  # estimated probability that quote and speaker are both right
    speaker_rule: str | None = None  # how the speaker was found ("pronoun", "named_person", "continued")
    antecedent: tuple[int, int] | None = None  # offsets of the mention the speaker was resolved to

    def problem(self, text_length: int) -> str | None:
        """Why this record cannot be stored for an article of ``text_length`` characters."""
        if not self.quote.strip():
            return "'quote' must be non-empty text"
        if self.type not in QUOTE_TYPES:
            return f"'type' must be one of {', '.join(QUOTE_TYPES)}, got {self.type!r}"
        if self.speaker.kind not in (None, *SPEAKER_KINDS):
            return f"'speaker_kind' must be one of {', '.join(SPEAKER_KINDS)} or null"
        for key in ("start", "end", "sentence_start", "sentence_end", "cue_start", "cue_end"):
            value = getattr(self, key)
            if value is None and key not in ("start", "end"):
                continue
            if not isinstance(value, int) or isinstance(value, bool):
                return f"{key!r} must be an integer, got {value!r}"
            if not 0 <= value <= text_length:
                return f"{key!r} {value} is outside the text (length {text_length})"
        if self.start >= self.end:
            return f"'start' {self.start} must come before 'end' {self.end}"
        if (self.cue_start is None) != (self.cue_end is None) or (
                self.cue_start is not None and self.cue_end is not None and self.cue_start >= self.cue_end):
            return f"'cue_start' {self.cue_start} and 'cue_end' {self.cue_end} must both be null or a span"
        return None


Parsed = tuple[Article, list[QuoteRecord]]  # an article and the quotes extraction found in it
