"""Read news articles from .txt, .html/.htm and .jsonl files (or stdin) into `Article` objects.

Reading never raises on bad input: every problem becomes a `ReadError` naming the file and
line, yielded in place of the article, so one broken file does not stop a batch.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO
from urllib.parse import parse_qsl, urlencode, urlsplit

import trafilatura
from dateutil import parser as dateparser

MAX_BYTES = 50_000_000  # largest file read whole; also the longest JSONL line
MAX_TEXT_CHARS = 1_000_000  # longest article text: spaCy's own limit on one document
EXTENSIONS = (".txt", ".html", ".htm", ".jsonl")
MAX_WORD_CHARS = 5_000  # longest run without a space: prose never has one, and the tokenizer slows
POSITIONAL_NAME = re.compile(r"\.jsonl:\d+$")  # "feed.jsonl:12": a line number, not an identity


@dataclass
class Article:
    """One news story. Quote offsets elsewhere are offsets into `text`, exactly as stored."""

    name: str  # file basename; "feed.jsonl:12" (or the record's id/name); "<stdin>"
    text: str  # verbatim, except control characters blanked (see _clean)
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
            key = _normalise_url(self.url)
        elif self.name != "<stdin>" and not POSITIONAL_NAME.search(self.name):
            key = f"name:{self.name}"
        else:
            key = " ".join(self.text.split())
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def text_hash(self) -> str:
        """Tells when the text behind an unchanged id has changed."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()


class ReadError(Exception):
    """Why a file, or one line of a JSONL file, could not be read."""

    def __init__(self, path: str, line: int | None, message: str):
        super().__init__(message)
        self.path, self.line, self.message = path, line, message

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


def iter_articles(paths: Iterable[str]) -> Iterator[Article | ReadError]:
    """Articles from files, directories (recursively, sorted) and "-" for stdin, in order."""
    for path in paths:
        path = str(path)
        if path == "-":
            yield from _read_stdin()
        elif os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [os.path.join(root, f) for f in files if f.lower().endswith(EXTENSIONS)]
            for file in sorted(found):
                yield from _read_file(file)
        elif not os.path.exists(path):
            yield ReadError(path, None, "no such file or directory")
        else:
            yield from _read_file(path)


def _read_file(path: str) -> Iterator[Article | ReadError]:
    ext = os.path.splitext(path)[1].lower()
    if ext not in EXTENSIONS:
        expected = "expected .txt, .html, .htm or .jsonl"
        yield ReadError(path, None, f"unsupported file type {ext or '(none)'!r} ({expected})")
        return
    try:
        if ext == ".jsonl":
            with open(path, "rb") as fh:
                yield from _read_jsonl(path, fh)
            return
        if os.path.getsize(path) > MAX_BYTES:
            yield ReadError(path, None, f"file is bigger than {MAX_BYTES:,} bytes")
            return
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        yield ReadError(path, None, f"cannot read file ({e.strerror})")
        return
    name = os.path.basename(path)
    yield _read_html(path, name, data) if ext in (".html", ".htm") else _read_txt(path, name, data)


def _read_stdin() -> Iterator[Article | ReadError]:
    """Stdin is JSONL when every non-empty line is an object, else one plain-text article."""
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(MAX_BYTES + 1) if stream else sys.stdin.read(MAX_BYTES + 1).encode("utf-8")
    if len(data) > MAX_BYTES:
        yield ReadError("<stdin>", None, f"input is bigger than {MAX_BYTES:,} bytes")
        return
    lines = [line.strip() for line in data.splitlines() if line.strip()]
    if lines and all(line.removeprefix(b"\xef\xbb\xbf").startswith(b"{") for line in lines):
        yield from _read_jsonl("<stdin>", io.BytesIO(data))
    else:
        yield _read_txt("<stdin>", "<stdin>", data)


def _decode(path: str, data: bytes) -> str | ReadError:
    """Text from a whole file's bytes, or why it is not a readable text file."""
    if b"\0" in data[:8192]:
        return ReadError(path, None, "binary file, not text (NUL bytes)")
    try:
        text = _clean(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        return ReadError(path, None, _not_utf8(e, 0))
    return text if text.strip() else ReadError(path, None, "file is empty")


def _not_utf8(e: UnicodeDecodeError, offset: int) -> str:
    return f"not UTF-8 text (invalid byte 0x{e.object[e.start]:02x} at offset {offset + e.start})"


def _clean(text: str) -> str:
    """Strip a BOM, normalise newlines, and blank out control characters.

    Control characters (other than newline and tab) break terminals, JSON consumers and the
    tokenizer; each becomes a single space so the text keeps its length and offsets into it
    stay valid for anyone comparing against the stored text.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", text)


def _read_txt(path: str, name: str, data: bytes) -> Article | ReadError:
    text = _decode(path, data)
    if isinstance(text, ReadError):
        return text
    problem = _text_problem(text)
    if problem:
        return ReadError(path, None, problem)
    return make_article(name, text)


def _read_html(path: str, name: str, data: bytes) -> Article | ReadError:
    """Main text and metadata by trafilatura, which also honours the page's declared charset."""
    if not data.strip():
        return ReadError(path, None, "file is empty")
    if b"\0" in data[:8192]:
        return ReadError(path, None, "binary file, not text (NUL bytes)")
    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    except Exception as e:  # lxml and trafilatura raise many kinds on hostile markup
        return ReadError(path, None, f"cannot parse HTML ({type(e).__name__}: {e})")
    paragraphs = [p.strip() for p in (doc.text or "").split("\n") if p.strip()] if doc else []
    text = _clean("\n\n".join(paragraphs))  # blank-line paragraphs, like the .txt files
    problem = _text_problem(text)
    if problem:
        return ReadError(path, None, problem)
    article = make_article(name, text, title=doc and doc.title, url=doc and doc.url,
                           published=doc and doc.date, author=doc and doc.author)
    if all(skipped for _, _, line, skipped in _classify(text, article.title) if line):
        return ReadError(path, None, "no article text found")  # nothing but menus and captions
    if not article.outlet and doc.sitename and not re.fullmatch(r"[\w.-]+\.\w+", doc.sitename):
        article.outlet = doc.sitename  # og:site_name, unless it is just the host name
    return article


def _read_jsonl(path: str, fh: BinaryIO) -> Iterator[Article | ReadError]:
    """One article per line, streamed; a bad line is reported and the rest still read."""
    head = fh.read(8192)
    if b"\0" in head:
        yield ReadError(path, None, "binary file, not text (NUL bytes)")
        return
    fh.seek(0)
    base, offset, lineno, records = os.path.basename(path), 0, 0, 0
    while raw := fh.readline(MAX_BYTES + 1):
        lineno += 1
        start, offset = offset, offset + len(raw)
        if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
            while (chunk := fh.readline(1 << 20)) and not chunk.endswith(b"\n"):
                offset += len(chunk)
            offset += len(chunk)
            yield ReadError(path, lineno, f"line is longer than {MAX_BYTES:,} bytes")
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw, start = raw[3:], 3
        if not raw.strip():
            continue
        records += 1
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield ReadError(path, lineno, _not_utf8(e, start))
            continue
        yield _parse_record(path, lineno, f"{base}:{lineno}", line)
    if not records:
        yield ReadError(path, None, "file is empty")


def _parse_record(path: str, lineno: int, name: str, line: str) -> Article | ReadError:
    def error(message: str) -> ReadError:
        return ReadError(path, lineno, message)

    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return error(f"invalid JSON ({e.msg})")
    except RecursionError:
        return error("invalid JSON (nested too deeply)")
    except ValueError:  # Python's limit on integer digits
        return error("invalid JSON (number too long)")
    if not isinstance(record, dict):
        return error(f"expected a JSON object, got {_json_type(record)}")
    for key in ("text", "title", "url", "outlet", "published", "author"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return error(f'"{key}" must be a string, got {_json_type(record[key])}')
    for key in ("id", "name"):
        value = record.get(key)
        if value is not None and (not isinstance(value, (str, int)) or isinstance(value, bool)):
            return error(f'"{key}" must be a string or integer, got {_json_type(value)}')
    if "text" not in record:
        return error('missing "text"')
    text = _clean(record["text"] or "")
    if not text.strip():
        return error('"text" is empty')
    problem = _text_problem(text)
    if problem:
        return error(f'"text": {problem}')
    given = next((record[k] for k in ("id", "name") if record.get(k) not in (None, "")), None)
    return make_article(
        name if given is None else str(given),
        text,
        title=record.get("title") or None,
        url=record.get("url") or None,
        outlet=(record.get("outlet") or "").strip() or None,
        published=record.get("published"),
        author=record.get("author") or None,
    )


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _text_problem(text: str) -> str | None:
    """Why a text cannot be an article's, or None: bounded size keeps parsing bounded."""
    if len(text) > MAX_TEXT_CHARS:
        return f"text is longer than {MAX_TEXT_CHARS:,} characters"
    run = re.search(r"\S{%d,}" % (MAX_WORD_CHARS + 1), text)
    if run:
        return (f"text has {run.end() - run.start():,} characters without a space at offset "
                f"{run.start()}: not prose")
    return None


def make_article(name: str, text: str, title: str | None = None, url: str | None = None,
                 outlet: str | None = None, published: str | None = None,
                 author: str | None = None) -> Article:
    """An Article with the derived fields filled in: title, outlet, ISO date and skip ranges."""
    title = (title or "").strip() or _headline(text)
    return Article(
        name=name, text=text, title=title, url=(url or "").strip() or None,
        outlet=outlet or detect_outlet(text, url), published=_iso_date(published),
        author=(author or "").strip() or None, skip=skip_ranges(text, title),
    )


def _iso_date(value: str | None) -> str | None:
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


def _normalise_url(url: str) -> str:
    """Same page, same key: ignores scheme, "www.", fragment, trailing slash and utm_ tags."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_")))
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


# --- outlets -------------------------------------------------------------------------------

AGENCIES = {
    "Reuters": "Reuters", "AP": "Associated Press", "AFP": "Agence France-Presse",
    "Yonhap": "Yonhap", "Xinhua": "Xinhua", "Kyodo": "Kyodo", "UPI": "United Press International",
    "TASS": "TASS", "Tass": "TASS", "Interfax": "Interfax", "RIA": "RIA Novosti",
    "RIA Novosti": "RIA Novosti", "dpa": "Deutsche Presse-Agentur", "DPA": "Deutsche Presse-Agentur",
    "ANSA": "ANSA", "EFE": "EFE", "PTI": "Press Trust of India", "ANI": "ANI", "IANS": "IANS",
    "Bernama": "Bernama", "Anadolu": "Anadolu Agency", "AAP": "Australian Associated Press",
    "CP": "The Canadian Press", "Jiji": "Jiji Press", "KCNA": "KCNA", "Ukrinform": "Ukrinform",
    "Bloomberg": "Bloomberg", "CNN": "CNN", "Sputnik": "Sputnik",
}
DOMAINS = {
    "reuters.com": "Reuters", "apnews.com": "Associated Press", "afp.com": "Agence France-Presse",
    "yna.co.kr": "Yonhap", "yonhapnews.co.kr": "Yonhap", "themoscowtimes.com": "The Moscow Times",
    "koreaherald.com": "The Korea Herald", "koreatimes.co.kr": "The Korea Times",
    "koreajoongangdaily.joins.com": "Korea JoongAng Daily", "nknews.org": "NK News",
    "dailynk.com": "Daily NK", "bbc.co.uk": "BBC", "bbc.com": "BBC", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "theguardian.com": "The Guardian",
    "aljazeera.com": "Al Jazeera", "cnn.com": "CNN", "france24.com": "France 24", "dw.com": "DW",
    "tass.com": "TASS", "tass.ru": "TASS", "ria.ru": "RIA Novosti", "interfax.ru": "Interfax",
    "kyivindependent.com": "The Kyiv Independent", "kyivpost.com": "Kyiv Post",
    "bloomberg.com": "Bloomberg", "wsj.com": "The Wall Street Journal", "ft.com": "Financial Times",
    "npr.org": "NPR", "cbsnews.com": "CBS News", "nbcnews.com": "NBC News", "foxnews.com": "Fox News",
    "politico.com": "Politico", "politico.eu": "Politico", "axios.com": "Axios",
    "xinhuanet.com": "Xinhua", "news.cn": "Xinhua", "globaltimes.cn": "Global Times",
    "scmp.com": "South China Morning Post", "japantimes.co.jp": "The Japan Times",
    "kyodonews.net": "Kyodo", "rferl.org": "Radio Free Europe/Radio Liberty",
    "voanews.com": "Voice of America", "euronews.com": "Euronews", "meduza.io": "Meduza",
    "upi.com": "United Press International", "independent.co.uk": "The Independent",
    "latimes.com": "Los Angeles Times", "rt.com": "RT", "kcna.kp": "KCNA",
}
_KNOWN = {re.sub(r"^the ", "", name.lower()): name for name in [*AGENCIES.values(), *DOMAINS.values()]}

_AGENCY = "|".join(sorted(map(re.escape, AGENCIES), key=len, reverse=True))
# "SEOUL (Reuters) –", "KYIV, Ukraine (AP) —", "SEOUL, Oct. 29 (Yonhap) --", "(AFP) -"
DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z.'’ -]+(?:,[\w.'’ ]{{0,40}})?\s)?\(({_AGENCY})\)\s*(?:[-–—]{{1,2}}|:)\s")
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
    lines = [(line, skipped) for _, _, line, skipped in _classify(text, None) if line]
    body = [line for line, skipped in lines if not skipped]
    for line in body[:10]:
        if m := DATELINE.match(line):
            return AGENCIES[m.group(1)]
    for line in body:
        if m := CREDIT_MARKER.search(line):
            return AGENCIES[m.group(1)]
    host = (urlsplit(url.strip()).hostname or "") if url else ""
    for domain, name in DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return name
    for line in (line for line, skipped in lines if skipped):  # "Support The Moscow Times!"
        if (m := MASTHEAD.search(line)) and (name := m.group(1) or m.group(2)):
            if found := _KNOWN.get(re.sub(r"^the ", "", name.strip().lower())):
                return found
    return None


# --- boilerplate ---------------------------------------------------------------------------

CHROME_PHRASES = [
    r"back to top", r"scroll to top", r"most (?:popular|read)", r"latest news", r"read (?:more|next)",
    r"related(?: articles| stories)?", r"previous post", r"next post", r"previous post next post",
    r"subscribe(?: now)?", r"sign (?:up|in)", r"log in", r"share(?: this(?: article)?)?",
    r"advertisement", r"skip to (?:main )?content", r"follow us.*", r"continue", r"once", r"monthly",
    r"annual", r"donate(?: now)?", r"not ready to support today\?", r"remind me later",
    r"subscribers agree to the privacy policy", r"sign up for (?:our|the) .*newsletter",
    r"(?:©|copyright\b).{0,150}", r"(?:support|donate to|subscribe to) [^.?]{1,60}!?",
]
CHROME = re.compile(r"^(?:%s)[.!]?$" % "|".join(CHROME_PHRASES), re.I)
NEWSLETTER = re.compile(
    r"\bnewsletter\b.*\b(?:sign up|subscribe|inbox|mailbox)|\b(?:sign up|subscribe)\b.*\bnewsletter\b", re.I)
CREDIT = re.compile(  # photo credits: "Sputnik/Pool via REUTERS/File Photo", "Name / POOL / kremlin.ru"
    r"/\s*POOL\s*/|\bvia REUTERS\b|\bREUTERS/|\bAFP/|/AFP\b|\bEPA(?:-EFE)?/"
    r"|(?i:\bfile photo\b|\bAP Photo\b|\bGetty Images\b|\bshutterstock\b|\bphoto by\b"
    r"|\bphotograph:|^photo:|\(photo:|\bphoto (?:provided|released) by\b"
    r"|\bin this (?:file |handout )?(?:photo|picture|image)\b)")
APPEAL_START = re.compile(r"^(?:a message from .+:|dear readers,?)$", re.I)
APPEAL = re.compile(r"support us|donat|contribution|subscri", re.I)
CLOSED = re.compile(r"[.!?:\"”’](?:\s*\([^()]*\))?$")  # sentence end, maybe before a "(Yonhap)" credit
SHORT_WORDS = 6  # lines this short without closing punctuation are menus, buttons and labels
DECK_WORDS = 40


def skip_ranges(text: str, title: str | None) -> list[tuple[int, int]]:
    """Character ranges that are not article body: headline, site chrome, photo captions, appeals.

    Neighbouring skipped lines merge into one range.
    """
    ranges: list[tuple[int, int]] = []
    for start, end, line, skipped in _classify(text, title):
        if not (skipped and line):
            continue
        if ranges and not text[ranges[-1][1]:start].strip():
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


def _classify(text: str, title: str | None) -> list[tuple[int, int, str, bool]]:
    """(start, end, stripped line, is boilerplate) for every line of text.

    Decided by general signs (chrome phrases, photo-credit patterns, short unpunctuated
    lines, verbatim repeats), so a body paragraph is only dropped when it carries such a sign.
    """
    lines = list(_lines(text))
    credit = [_is_credit(line) for _, _, line in lines]
    skip = credit.copy()
    title_key = _key(title) if title else None
    previous = None
    for i, (_, _, line) in enumerate(lines):
        if line:
            # The line after the headline, unpunctuated, is its deck ("Provost says ...;
            # vote set for March 12").
            deck = previous is not None and _key(previous) == title_key \
                and len(line.split()) <= DECK_WORDS and not CLOSED.search(line)
            skip[i] |= (_key(line) == title_key or _is_chrome(line) or line == previous or deck
                        or (len(line.split()) <= SHORT_WORDS and not CLOSED.search(line)))
            previous = line
    block: list[int] = []
    for i, (_, _, line) in enumerate([*lines, (0, 0, "")]):  # a caption shares a block with its credit
        if line:
            block.append(i)
        elif block:
            if len(block) <= 3 and any(credit[j] for j in block):
                for j in block:
                    skip[j] |= len(lines[j][2]) <= 300
            block = []
    last_appeal = max((m.start() for m in APPEAL.finditer(text)), default=-1)
    for i, (start, _, line) in enumerate(lines):  # a donation appeal runs to the end of the page
        if len(text) // 3 < start < last_appeal and APPEAL_START.match(line):
            skip[i:] = [True] * (len(lines) - i)
            break
    return [(start, end, line, skipped) for (start, end, line), skipped in zip(lines, skip)]


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, stripped content) for each line; blank lines give an empty string."""
    start = 0
    for raw in text.split("\n"):
        yield start, start + len(raw), raw.strip()
        start += len(raw) + 1


def _key(line: str) -> str:
    return " ".join(line.replace("’", "'").casefold().split())


def _is_chrome(line: str) -> bool:
    return bool(CHROME.match(line) or (len(line) <= 400 and NEWSLETTER.search(line)))


def _is_credit(line: str) -> bool:
    return 0 < len(line) <= 400 and bool(CREDIT.search(line))


def _headline(text: str) -> str | None:
    """The first line that is not chrome, if it reads like a headline rather than a sentence."""
    for _, _, line in _lines(text):
        if line and not _is_chrome(line) and not _is_credit(line):
            return line if len(line.split()) <= 30 and not line.endswith(".") else None
    return None
