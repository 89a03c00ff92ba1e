"""A polite, bounded HTTP fetcher: robots.txt, one request at a time per host, retries.

Fetching is the only part of an ingest that reaches other people's servers, so it identifies
itself, keeps to what robots.txt allows, waits between requests to a host and never holds
more than a size cap of any response, however it is compressed.
"""
from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__

USER_AGENT = f"quotes/{__version__} (+https://pypi.org/project/quotes/)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Feeds and sitemaps are served under any of these (and sometimes as text/html or text/plain).
XML_TYPES = ("application/xml", "text/xml", "application/rss+xml", "application/atom+xml",
             "application/rdf+xml", "text/plain")
RETRIED = {429, 500, 502, 503, 504}


@dataclass
class Options:
    """How to fetch; the defaults are the polite ones, tests shorten the waits."""

    user_agent: str = USER_AGENT
    delay: float = 1.0  # seconds between two requests to one host
    fetchers: int = 4  # hosts fetched in parallel
    timeout: float = 20.0  # connect and read, seconds
    max_bytes: int = 10_000_000  # largest body held, after decompression
    max_redirects: int = 5
    retries: int = 3  # on 429 and 5xx
    max_wait: float = 120.0  # longest Retry-After honoured; a longer one fails the URL


@dataclass
class Response:
    """What one fetch got: a body (None for 304), or the error that ended it."""

    url: str
    final_url: str = ""
    status: int = 0
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    body: bytes | None = None
    error: str | None = None
    retry_after: str | None = None


@dataclass
class Fetcher:
    """Fetches URLs from any thread; requests to one host are serialised and spaced."""

    options: Options = field(default_factory=Options)

    def __post_init__(self) -> None:
        o = self.options
        self.client = httpx.Client(
            headers={"User-Agent": o.user_agent}, follow_redirects=True, max_redirects=o.max_redirects,
            timeout=httpx.Timeout(o.timeout), trust_env=False)
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._guard = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url`` (conditionally, given what the last fetch saw), retrying 429 and 5xx."""
        if urlsplit(url).scheme not in ("http", "https"):
            return Response(url, error="not an http(s) URL")
        if not self.allowed(url):
            return Response(url, error="disallowed by robots.txt")
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        for attempt in range(self.options.retries + 1):
            response = self._get(url, headers)
            if response.status not in RETRIED or attempt == self.options.retries:
                break
            wait = _retry_after(response.retry_after)
            wait = min(2.0 ** attempt * max(self.options.delay, 0.1), 60.0) if wait is None else wait
            if wait > self.options.max_wait:
                return Response(url, status=response.status, error=f"asked to wait {wait:.0f} s (Retry-After)")
            time.sleep(wait)
        if response.status in RETRIED and not response.error:
            response.error = f"HTTP {response.status} after {self.options.retries + 1} tries"
        return response

    def _get(self, url: str, headers: dict[str, str]) -> Response:
        """One request, in this host's turn."""
        with self._host_turn(url):
            try:
                with self.client.stream("GET", url, headers=headers) as reply:
                    return self._read(url, reply)
            except httpx.TooManyRedirects:
                return Response(url, error=f"more than {self.options.max_redirects} redirects")
            except httpx.TimeoutException:
                return Response(url, error=f"timed out after {self.options.timeout:g} s")
            except httpx.DecodingError as e:
                return Response(url, error=f"cannot decompress the response ({e})")
            except (httpx.HTTPError, ValueError) as e:
                return Response(url, error=f"cannot fetch ({type(e).__name__}: {e})")

    def _read(self, url: str, reply: httpx.Response) -> Response:
        """The body, up to the cap counted after decompression, so a bomb stops early."""
        got = Response(url, final_url=str(reply.url), status=reply.status_code,
                       content_type=reply.headers.get("content-type", "").split(";")[0].strip().lower(),
                       etag=reply.headers.get("etag"), last_modified=reply.headers.get("last-modified"))
        if reply.status_code in RETRIED:
            got.retry_after = reply.headers.get("retry-after")
            return got
        if reply.status_code == 304:
            return got
        if reply.status_code != 200:
            got.error = f"HTTP {reply.status_code}"
            return got
        declared = reply.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.options.max_bytes:
            got.error = f"response is bigger than {self.options.max_bytes:,} bytes"
            return got
        chunks, size = [], 0
        for chunk in reply.iter_bytes():
            size += len(chunk)
            if size > self.options.max_bytes:
                got.error = f"response is bigger than {self.options.max_bytes:,} bytes (after decompression)"
                return got
            chunks.append(chunk)
        got.body = b"".join(chunks)
        return got

    def _host_turn(self, url: str) -> _Turn:
        host = urlsplit(url).netloc.lower()
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        return _Turn(self, host, lock)

    def allowed(self, url: str) -> bool:
        """What the host's robots.txt says of ``url`` for our User-Agent, read once per host."""
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc.lower()}"
        if base not in self._robots:
            with self._host_turn(url):
                self._robots[base] = self._read_robots(base)
        robots = self._robots[base]
        return robots is None or robots.can_fetch(self.options.user_agent, url)

    def _read_robots(self, base: str) -> RobotFileParser | None:
        """The parsed robots.txt; None (everything allowed) when there is none to read."""
        try:
            reply = self.client.get(base + "/robots.txt")
        except httpx.HTTPError:
            return None
        if reply.status_code != 200 or len(reply.content) > self.options.max_bytes:
            return None
        parser = RobotFileParser()
        parser.parse(reply.text.splitlines())
        return parser


class _Turn:
    """Holds a host's lock and keeps ``delay`` between the end of one request and the next."""

    def __init__(self, fetcher: Fetcher, host: str, lock: threading.Lock) -> None:
        self.fetcher, self.host, self.lock = fetcher, host, lock

    def __enter__(self) -> None:
        self.lock.acquire()
        wait = self.fetcher._last.get(self.host, 0.0) + self.fetcher.options.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def __exit__(self, *exc: object) -> None:
        self.fetcher._last[self.host] = time.monotonic()
        self.lock.release()


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
