"""From URLs to articles: fetch pages, feeds and sitemaps, and follow what they list.

Requests run in threads, one per host at a time (see :mod:`.fetch`); everything else -- the
fetches table, reading the pages -- happens in the calling thread, which owns the database.
"""
from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import groupby
from urllib.parse import urlsplit, urlunsplit

import courlan
from sqlite_utils import Database

from ..lexicon import NEWS_AGENCIES
from ..readers import ReadError
from ..readers.html import read_page
from ..records import Article
from ..store.fetches import last_fetch, record_fetch
from .feeds import Entry, entries, gunzipped, kind_of
from .fetch import HTML_TYPES, Fetcher, Options, Response

AGENCIES = frozenset(NEWS_AGENCIES.values())  # their stories name them, whichever site ran them
MAX_SITEMAP_DEPTH = 3  # a sitemap index of sitemap indexes of sitemaps, and no deeper


@dataclass
class Counts:
    """What the fetching of one run did, beside what ingest counts of the articles."""

    fetched: int = 0  # responses with a body
    not_modified: int = 0  # 304, or the same bytes as the last fetch
    failed: int = 0


def canonical(url: str) -> str:
    """The URL an article is known by: host lower-cased, tracking parameters and fragment dropped;
    a URL that cannot be parsed as it is."""
    try:
        parts = urlsplit(courlan.normalize_url(url.strip()))
        return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
    except ValueError:
        return url.strip()


def valid(url: str) -> bool:
    """An http(s) URL with a host, that can be fetched at all."""
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


@dataclass
class Crawl:
    """One run's fetching: sources in, articles (or why not) out, what was fetched kept in the database."""

    options: Options = field(default_factory=Options)
    since: str | None = None  # YYYY-MM-DD: feed and sitemap entries older than this are skipped
    counts: Counts = field(default_factory=Counts, compare=False)

    def __post_init__(self) -> None:
        self.db: Database | None = None
        self.seen: set[str] = set()  # URLs listed this run
        self.stored: set[str] = set()  # ids of the articles read this run
        self.outlets: dict[str, str] = {}  # host -> the outlet name its first page gave

    def articles(self, db: Database, sources: Iterable[str]) -> Iterator[Article | ReadError]:
        """Articles from the pages ``sources`` are or list (feeds, sitemaps, indexes).

        A feed or sitemap's fetch is recorded only once the pages it lists are done, so a run
        stopped half way reads it again next time; pages fetched before are then skipped."""
        self.db, self.fetcher = db, Fetcher(self.options)
        try:
            pages: list[Entry] = []
            lists: list[tuple[str, Response]] = []
            todo = [Entry(canonical(url)) for url in sources]
            yield from [self._fail(entry.url, "not a valid http(s) URL") for entry in todo if not valid(entry.url)]
            todo = [entry for entry in todo if valid(entry.url)]
            for depth in range(MAX_SITEMAP_DEPTH + 1):
                listed: list[Entry] = []
                for entry, response in self._fetch_all(todo):
                    yield from self._sort(entry, response, pages, listed, lists, depth == 0)
                todo = listed
            yield from self._pages(pages)
            for url, response in lists:
                self._record(url, response, None)
        finally:
            self.fetcher.close()

    def _sort(self, entry: Entry, response: Response, pages: list[Entry], listed: list[Entry],
              lists: list[tuple[str, Response]], top: bool) -> Iterator[Article | ReadError]:
        """A source's response: an article itself, or the pages and sitemaps it lists."""
        body = self._body(entry.url, response)
        if isinstance(body, ReadError) or body is None:
            yield from [body] if body else []
            return
        try:
            body = gunzipped(body, self.options.max_bytes)
        except ValueError as e:
            yield self._fail(entry.url, str(e))
            return
        kind = kind_of(body)
        if kind == "page":
            page = self._page(entry, response, body) if top else self._fail(entry.url, "not a sitemap")
            yield from [page] if page else []
            return
        try:
            found = [Entry(canonical(e.url), e.date) for e in entries(body)]
        except ValueError as e:
            yield self._fail(entry.url, str(e))
            return
        lists.append((entry.url, response))
        fresh = [e for e in found if not (self.since and e.date and e.date < self.since)]
        (listed if kind == "sitemap index" else pages).extend(e for e in fresh if valid(e.url) and self._unseen(e))

    def _unseen(self, entry: Entry) -> bool:
        """False for a page already read this run, or stored and not dated after its fetch."""
        if entry.url in self.seen:
            return False
        self.seen.add(entry.url)
        last = last_fetch(self._db, entry.url)
        stored = bool(last and last["article_id"] and self._stored(last))
        return not (stored and last and (entry.date or "") <= last["fetched_at"][:10])

    def _pages(self, pages: list[Entry]) -> Iterator[Article | ReadError]:
        for entry, response in self._fetch_all(pages):
            body = self._body(entry.url, response)
            found = self._page(entry, response, body) if isinstance(body, bytes) else body
            if found is not None:
                yield found

    def _body(self, url: str, response: Response) -> bytes | ReadError | None:
        """The new body of a response; None when unchanged (304 or the same bytes)."""
        if response.error:
            return self._fail(url, response.error)
        last = last_fetch(self._db, url)
        if response.body is None or (last and last["content_hash"] == _digest(response.body)
                                     and last["article_id"] and self._stored(last)):
            self.counts.not_modified += 1
            self._record(url, response, last["article_id"] if last else None)
            return None
        self.counts.fetched += 1
        return response.body

    def _record(self, url: str, response: Response, article_id: str | None) -> None:
        record_fetch(self._db, url, response.final_url, response.status, response.etag, response.last_modified,
                     _digest(response.body) if response.body is not None else None, article_id)

    def _fail(self, url: str, message: str) -> ReadError:
        self.counts.failed += 1
        return ReadError(url, None, message)

    def _page(self, entry: Entry, response: Response, body: bytes) -> Article | ReadError | None:
        """The article of an HTML page, known by its canonical URL, its outlet named once per host."""
        if response.content_type and response.content_type not in HTML_TYPES:
            return self._fail(entry.url, f"not an HTML page ({response.content_type})")
        article = read_page(entry.url, body)
        if isinstance(article, ReadError):
            self.counts.failed += 1
            return article
        stated = article.url and canonical(article.url)
        same_site = stated and courlan.extract_domain(stated) == courlan.extract_domain(entry.url)
        article.url = str(stated) if same_site else canonical(response.final_url or entry.url)
        article.published = article.published or entry.date
        article.outlet = self._outlet(article)
        self._record(entry.url, response, article.id)
        if article.id in self.stored:  # the same page under another URL (rel=canonical)
            self.counts.not_modified += 1
            return None
        self.stored.add(article.id)
        return article

    def _stored(self, last: dict) -> bool:
        """Whether what a fetch row saw is kept: a feed or sitemap's row is written once its pages
        are done, a page's article may not be (a run stopped before its batch was saved)."""
        article_id = last["article_id"]
        return article_id is None or bool(self._db.execute("SELECT 1 FROM articles WHERE id = ?",
                                                           [article_id]).fetchone())

    @property
    def _db(self) -> Database:
        assert self.db is not None, "articles() sets the database"
        return self.db

    def _outlet(self, article: Article) -> str:
        """An agency the story credits; else the name the host's first page gave (its site
        name), so one outlet has one name across its pages; else the host."""
        if article.outlet in AGENCIES:
            return article.outlet
        host = str(urlsplit(article.url or "").hostname or "").removeprefix("www.")
        return self.outlets.setdefault(host, article.outlet) if article.outlet else self.outlets.get(host, host)

    def _fetch_all(self, entries_: list[Entry]) -> Iterator[tuple[Entry, Response]]:
        """Fetch ``entries_``, hosts in parallel, each host's in order; responses as they come."""
        by_host = [list(group) for _, group in groupby(sorted(entries_, key=_host), key=_host)]
        validators = {}
        for entry in entries_:
            last = last_fetch(self._db, entry.url)
            if last and self._stored(last):
                validators[entry.url] = (last["etag"], last["last_modified"])
        results: queue.Queue[tuple[Entry, Response] | None] = queue.Queue()
        stop = threading.Event()

        def run(group: list[Entry]) -> None:
            try:
                for entry in group:
                    if stop.is_set():
                        break
                    results.put((entry, self.fetcher.fetch(entry.url, *validators.get(entry.url, (None, None)))))
            finally:  # whatever happens, the host is done: the reader below must not wait for ever
                results.put(None)

        pool = ThreadPoolExecutor(max(1, self.options.fetchers))
        try:
            for group in by_host:
                pool.submit(run, group)
            for _ in by_host:
                while (item := results.get()) is not None:
                    yield item
        finally:
            stop.set()
            pool.shutdown(wait=False, cancel_futures=True)


def _host(entry: Entry) -> str:
    return urlsplit(entry.url).netloc.lower()


def _digest(body: bytes) -> str:
    return hashlib.sha1(body).hexdigest()
