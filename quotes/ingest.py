"""The ingest job: read articles, find their quotes, store them in batches.

Work is committed one batch at a time, so an interrupted run keeps every finished batch and
a re-run skips what is already stored. Parsing runs in worker processes when asked; the
main process only reads files and writes the database, so memory stays bounded by the
number of articles in flight, not by the size of the corpus.
"""
from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from spacy.language import Language
from sqlite_utils import Database

from . import DEFAULT_MODEL, guard, store
from .extract import EXTRACTOR_VERSION, Extractor, extract_or_fail, load
from .readers import ReadError, Skipped, iter_articles, make_article
from .records import Article, Parsed, QuoteRecord
from .sources import Crawl
from .summary import Summary

Outcome = tuple[Article, list[QuoteRecord] | Exception]  # the quotes, or why that article failed

CHUNK = 8  # articles sent to a worker process at a time


def ingest(db_path: str, paths: Iterable[str], model: str | Extractor = DEFAULT_MODEL, processes: int = 1,
           batch_size: int = 50, reextract: bool = False,
           on_error: Callable[[str], None] | None = None,
           on_progress: Callable[[int], None] | None = None,
           cluster: str | None = None, worker_paths: Iterable[str] = (),
           on_total: Callable[[int, bool], None] | None = None,
           memory_limit: int = guard.DEFAULT_MEMORY_LIMIT_MB, defaults: dict[str, str] | None = None,
           urls: Iterable[str] = (), crawl: Crawl | None = None) -> Summary:
    """Ingest ``paths`` into the database at ``db_path``; see the module docstring.

    With ``cluster`` (a Dask scheduler address, or "local:N"), extraction runs on its workers
    (:mod:`quotes.dask_ingest`); ``worker_paths`` (fsspec URLs, or paths on a filesystem the
    workers share) are read by the workers, never by this process. ``memory_limit`` (MB)
    bounds each local parsing process: an article that needs more fails alone. ``defaults``
    (outlet, published) fill what an article read here has not. ``urls`` (pages, feeds,
    sitemaps) are fetched by ``crawl`` (:mod:`quotes.sources`).
    """
    urls = list(urls)
    store.check_writable(db_path)
    db = store.open_db(db_path)
    summary = Summary(on_error=on_error, on_progress=on_progress)
    version = Extractor.of(model).version
    # The database takes this run's word lists: other lists than its own make the refresh
    # at the end re-derive every speaker with these.
    store.use_lexicon(db, Extractor.of(model).lexicon)

    def wanted(article_id: str, text_hash: str) -> bool:
        return summary.admit(article_id, text_hash, store.article_state(db, article_id), reextract, version)

    def todo() -> Iterator[Article]:
        found = iter_articles(paths, defaults) if paths or worker_paths or urls else stored_articles(db, version)
        if urls:
            found = chain(found, (crawl or Crawl()).articles(db, urls))
        for item in found:
            if isinstance(item, Skipped):
                summary.skip(str(item))
            elif isinstance(item, ReadError):
                summary.fail(str(item))
            elif wanted(item.id, item.text_hash):
                yield item

    writer = BatchWriter(db, summary, batch_size, version)
    try:
        if cluster:
            from .dask_ingest import Sink, run_on_cluster, send_back

            run_on_cluster(cluster, todo(), list(worker_paths), wanted, summary.report, model,
                           Sink(send_back, writer.take_parsed), on_total=on_total)
        else:
            for article, found in run_extraction(todo(), model, processes, memory_limit):
                writer.take(article, found)
        writer.flush()
    finally:
        # An interrupted batch is dropped whole; finished ones are kept and made consistent.
        # Speakers and groups are derived from all quotes: a run that saved nothing, after a
        # run that finished, has nothing to redo.
        writer.batch.clear()
        if store.needs_refresh(db):
            store.refresh(db)
        db.close()
    return summary


class BatchWriter:
    """Saves parsed articles into ``db`` ``size`` at a time, one transaction each, and counts
    them in ``summary``."""

    def __init__(self, db: Database, summary: Summary, size: int, version: str = EXTRACTOR_VERSION) -> None:
        self.db, self.summary, self.size, self.version = db, summary, size, version
        self.batch: list[Parsed] = []

    def take(self, article: Article, found: list[QuoteRecord] | Exception) -> None:
        if isinstance(found, Exception):  # this article alone could not be parsed
            self.summary.kinds.pop(article.id, None)
            self.summary.fail(str(found))
            if self.summary.on_progress:
                self.summary.on_progress(1)
            return
        self.batch.append((article, found))
        if len(self.batch) >= self.size:
            self.flush()

    def take_parsed(self, parsed: list[Parsed]) -> None:
        for article, found in parsed:
            self.take(article, found)

    def flush(self) -> None:
        if not self.batch:
            return
        try:
            store.save_articles(self.db, self.batch, self.version)
            saved = list(self.batch)
        except ValueError:
            # One bad record refused the whole batch: save the others one by one.
            saved = []
            for item in self.batch:
                try:
                    store.save_articles(self.db, [item], self.version)
                    saved.append(item)
                except ValueError as error:
                    self.summary.fail(str(error))
        for article, quotes in saved:
            self.summary.count_saved(article.id, len(quotes))
        if self.summary.on_progress:
            self.summary.on_progress(len(self.batch))
        self.batch.clear()


def stored_articles(db: Database, version: str = EXTRACTOR_VERSION) -> Iterator[Article]:
    """Articles already in the database, for re-extraction after an upgrade."""
    for row in db.query(
            "select a.name, a.text, a.title, a.url, o.name as outlet, a.published, a.author "
            "from articles a left join outlets o on o.id = a.outlet_id "
            "where a.extractor_version is not ? order by a.name", [version]):
        yield make_article(row["name"], row["text"], title=row["title"], url=row["url"],
                           outlet=row["outlet"], published=row["published"], author=row["author"])


def run_extraction(articles: Iterator[Article], model: str | Extractor, processes: int,
                   memory_limit: int = guard.DEFAULT_MEMORY_LIMIT_MB) -> Iterator[Outcome]:
    """Extract quotes in this process, or in ``processes`` workers, keeping input order.

    Parsing has a memory ceiling of ``memory_limit`` MB (0: none), so that an article too
    large to parse fails alone; a worker also ends with this process, however it ends.
    """
    # Starting workers costs a model load each: not worth it for a handful of articles.
    first = list(islice(articles, CHUNK * processes))
    if processes <= 1 or len(first) < CHUNK * processes:
        nlp = load(model)
        with guard.memory_ceiling(memory_limit):
            yield from extract_or_fail(nlp, chain(first, articles))
        return
    yield from _extract_in_pool(chain(first, articles), model, processes, memory_limit)


def _extract_in_pool(articles: Iterator[Article], model: str | Extractor, processes: int,
                     memory_limit: int) -> Iterator[Outcome]:
    """:func:`run_extraction` in ``processes`` worker processes."""
    pool = _pool(model, processes, memory_limit)
    try:
        window: deque[tuple[Future, list[Article]]] = deque()
        pending: list[Article] = []

        def oldest() -> list[Outcome]:
            nonlocal pool
            future, sent = window.popleft()
            try:
                return future.result()
            except BrokenProcessPool:  # a worker died (killed, or out of memory in C code)
                lost = [sent] + [s for _, s in window]
                window.clear()
                _stop(pool)
                pool = _pool(model, processes, memory_limit)
                done: list[Outcome] = []
                for sent in lost:  # again one article at a time, to find the one that kills
                    for article in sent:
                        done += _extract_alone(pool, article)
                        if isinstance(done[-1][1], WorkerDied):
                            pool = _pool(model, processes, memory_limit)
                return done

        def submit(sent: list[Article]) -> None:
            try:
                future = pool.submit(_extract_chunk, sent)
            except BrokenProcessPool as broken:  # a worker died since the last result: the
                future = Future()  # chunk is redone with the others when its turn comes
                future.set_exception(broken)
            window.append((future, sent))

        for article in articles:
            pending.append(article)
            if len(pending) == CHUNK:
                submit(pending)
                pending = []
            # Bounded: never more than two chunks per worker in flight.
            while len(window) > 2 * processes:
                yield from oldest()
        if pending:
            submit(pending)
        while window:
            yield from oldest()
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM) or failed: stop the workers now rather than after
        # the chunks they were given.
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down without waiting, its workers killed: a broken pool's surviving worker
    otherwise blocks for ever writing a result nobody reads, and its exit with it."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


class WorkerDied(Exception):
    def __init__(self, name: str):
        super().__init__(f"{name}: the worker parsing this article died")


def _pool(model: str | Extractor, processes: int, memory_limit: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(processes, initializer=_init_worker, initargs=(model, memory_limit))


def _extract_alone(pool: ProcessPoolExecutor, article: Article) -> list[Outcome]:
    try:
        return pool.submit(_extract_chunk, [article]).result()
    except BrokenProcessPool:
        _stop(pool)
        return [(article, WorkerDied(article.name))]


_nlp: Language | None = None


def _init_worker(model: str | Extractor, memory_limit: int) -> None:
    global _nlp
    guard.die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers on Ctrl-C
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _nlp = load(model)
    guard.limit_memory(memory_limit)


def _extract_chunk(articles: list[Article]) -> list[Outcome]:
    assert _nlp is not None
    return list(extract_or_fail(_nlp, articles))
