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
from dataclasses import dataclass, field
from itertools import chain, islice

from spacy.language import Language

from . import DEFAULT_MODEL, guard, store
from .extract import EXTRACTOR_VERSION, Extractor, extract_or_fail, load
from .readers import ReadError, iter_articles, make_article
from .records import Article, QuoteRecord

Extracted = tuple[Article, list[QuoteRecord] | Exception]  # the quotes, or why that article failed


@dataclass
class Summary:
    """What a run did, counted as it goes; ``on_error`` and ``on_progress`` hear of it at once."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    quotes: int = 0
    errors: list[str] = field(default_factory=list)
    on_error: Callable[[str], None] | None = field(default=None, repr=False, compare=False)
    on_progress: Callable[[int], None] | None = field(default=None, repr=False, compare=False)
    kinds: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def fail(self, message: str) -> None:
        self.failed += 1
        self.errors.append(message)
        if self.on_error:
            self.on_error(message)

    def wanted(self, article_id: str, text_hash: str, stored: tuple[str, str] | None, reextract: bool,
               version: str = EXTRACTOR_VERSION) -> bool:
        """Whether an article needs extracting, given what is ``stored`` for it (its text hash
        and extractor version); one that does not counts as unchanged, one that does is
        remembered as new or updated until it is saved."""
        if stored is not None and stored[0] == text_hash and (not reextract or stored[1] == version):
            self.unchanged += 1
            if self.on_progress:
                self.on_progress(1)
            return False
        self.kinds[article_id] = "updated" if stored else "new"
        return True


def ingest(db_path: str, paths: Iterable[str], model: str | Extractor = DEFAULT_MODEL, processes: int = 1,
           batch_size: int = 50, reextract: bool = False,
           on_error: Callable[[str], None] | None = None,
           on_progress: Callable[[int], None] | None = None,
           cluster: str | None = None, worker_paths: Iterable[str] = (),
           on_total: Callable[[int, bool], None] | None = None,
           memory_limit: int = guard.DEFAULT_MEMORY_LIMIT_MB) -> Summary:
    """Ingest ``paths`` into the database at ``db_path``; see the module docstring.

    With ``cluster`` (a Dask scheduler address, or "local:N"), extraction runs on its workers
    (:mod:`quotes.cluster`); ``worker_paths`` (fsspec URLs, or paths on a filesystem the
    workers share) are read by the workers, never by this process. ``memory_limit`` (MB)
    bounds each local parsing process: an article that needs more fails alone.
    """
    store.check_writable(db_path)
    db = store.open_db(db_path)
    summary = Summary(on_error=on_error, on_progress=on_progress)
    version = Extractor.of(model).version

    def wanted(article_id: str, text_hash: str) -> bool:
        return summary.wanted(article_id, text_hash, store.article_state(db, article_id), reextract, version)

    def todo() -> Iterator[Article]:
        for item in iter_articles(paths) if paths or worker_paths else stored_articles(db, version):
            if isinstance(item, ReadError):
                summary.fail(str(item))
            elif wanted(item.id, item.text_hash):
                yield item

    batch: list[tuple[Article, list[QuoteRecord]]] = []

    def flush() -> None:
        try:
            store.save_articles(db, batch, version)
            saved = list(batch)
        except ValueError:
            # One bad record refused the whole batch: save the others one by one.
            saved = []
            for item in batch:
                try:
                    store.save_articles(db, [item], version)
                    saved.append(item)
                except ValueError as error:
                    summary.fail(str(error))
        for article, quotes in saved:
            kind = summary.kinds.pop(article.id, "new")
            setattr(summary, kind, getattr(summary, kind) + 1)
            summary.quotes += len(quotes)
        if on_progress:
            on_progress(len(batch))
        batch.clear()

    if cluster:
        from .cluster import run_on_cluster
        results = run_on_cluster(cluster, todo(), list(worker_paths), wanted, summary.fail, model,
                                 on_total=on_total)
    else:
        results = run_extraction(todo(), model, processes, memory_limit)
    try:
        for article, found in results:
            if isinstance(found, Exception):  # this article alone could not be parsed
                summary.kinds.pop(article.id, None)
                summary.fail(str(found))
                if on_progress:
                    on_progress(1)
                continue
            batch.append((article, found))
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
    finally:
        # An interrupted batch is dropped whole; finished ones are kept and made consistent.
        # Speakers and groups are derived from all quotes: a run that saved nothing, after a
        # run that finished, has nothing to redo.
        batch.clear()
        if store.needs_refresh(db):
            store.refresh(db)
        db.close()
    return summary


def stored_articles(db, version: str = EXTRACTOR_VERSION) -> Iterator[Article]:
    """Articles already in the database, for re-extraction after an upgrade."""
    for row in db.query(
            "select a.name, a.text, a.title, a.url, o.name as outlet, a.published, a.author "
            "from articles a left join outlets o on o.id = a.outlet_id "
            "where a.extractor_version is not ? order by a.name", [version]):
        yield make_article(row["name"], row["text"], title=row["title"], url=row["url"],
                           outlet=row["outlet"], published=row["published"], author=row["author"])


def run_extraction(articles: Iterator[Article], model: str | Extractor, processes: int,
                   memory_limit: int = guard.DEFAULT_MEMORY_LIMIT_MB) -> Iterator[Extracted]:
    """Extract quotes in this process, or in ``processes`` workers, keeping input order.

    Parsing has a memory ceiling of ``memory_limit`` MB (0: none), so that an article too
    large to parse fails alone; a worker also ends with this process, however it ends.
    """
    chunk = 8
    # Starting workers costs a model load each: not worth it for a handful of articles.
    first = list(islice(articles, chunk * processes))
    if processes <= 1 or len(first) < chunk * processes:
        nlp = load(model)
        with guard.memory_ceiling(memory_limit):
            yield from extract_or_fail(nlp, chain(first, articles))
        return
    pool = _pool(model, processes, memory_limit)
    try:
        window: deque[tuple[Future, list[Article]]] = deque()
        pending: list[Article] = []

        def oldest() -> list[Extracted]:
            nonlocal pool
            future, sent = window.popleft()
            try:
                return future.result()
            except BrokenProcessPool:  # a worker died (killed, or out of memory in C code)
                lost = [sent] + [s for _, s in window]
                window.clear()
                _stop(pool)
                pool = _pool(model, processes, memory_limit)
                done: list[Extracted] = []
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

        for article in chain(first, articles):
            pending.append(article)
            if len(pending) == chunk:
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


def _extract_alone(pool: ProcessPoolExecutor, article: Article) -> list[Extracted]:
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


def _extract_chunk(articles: list[Article]) -> list[Extracted]:
    assert _nlp is not None
    return list(extract_or_fail(_nlp, articles))
