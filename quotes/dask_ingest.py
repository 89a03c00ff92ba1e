"""Extraction on a Dask cluster: the workers parse, a sink the caller gives stores the results.

``quotes ingest PATH... --cluster tcp://scheduler:8786`` (or ``--cluster local:N`` for a
``distributed.LocalCluster`` of N worker processes on this machine) sends the parsing to the
workers of a Dask scheduler. Each worker process loads the spaCy pipeline once, when it
starts (:class:`ModelPlugin`), and keeps it for every task it runs.

Two kinds of input:

* what this process reads (files, directories, JSON lines, stdin) goes to the workers in
  batches of articles, a few seconds of parsing each;
* what the workers can read themselves (fsspec URLs such as ``s3://bucket/news/*.jsonl`` or
  ``file:///shared/news``, or plain paths on a filesystem every worker mounts) is read on the
  workers: a first task per file lists the ids and text hashes of its articles, this process
  picks the ones that are new or changed, and further tasks parse those, on the worker that
  read the file when it is free. Article text never passes through this process. A .warc.gz
  over :data:`RANGE_BYTES` is shared out in ranges of that many bytes, each read by its own
  tasks (a gzipped archive is one gzip member per record, so a worker can start at any).

What a task parsed goes to a :class:`Sink` the caller gives: a first part runs on the worker
(it may send the articles back, or store them itself), and what it returns reaches the
second part here, in the order tasks finish. The caller skips unchanged articles, so an
interrupted run is resumed by running it again. A worker that dies takes its task with it;
the scheduler runs that task again on another worker, and only the result that arrives is kept.
"""
from __future__ import annotations

import logging
import os
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, Generic, NamedTuple, TypeVar

from spacy.language import Language

from .extract import Extractor, extract, load
from .readers import ReadError, Skipped, extensions, reader_for, warc
from .records import Article, Parsed
from .summary import SKIPPED

R = TypeVar("R")

# Articles per task: about two seconds of parsing on one core, long enough that the
# scheduler's overhead (milliseconds per task) is lost in it, short enough that a dead
# worker costs little, the progress line moves, and the workers finish the last tasks of a
# run at about the same time (with 16, two workers lost a tenth of a 240-article run).
TASK_ARTICLES = 8
# Tasks queued per worker: enough that none waits for the next batch, few enough that the
# articles held in memory stay bounded.
TASKS_PER_WORKER = 3
# Bytes of a .warc.gz one task reads: about 2,000 CC-NEWS pages, a minute or two of reading
# on one core, so that a month of archives of a gigabyte each keeps a large cluster busy and a
# worker holds only a range's articles at a time.
RANGE_BYTES = 64 * 2**20

log = logging.getLogger(__name__)

# Dask settings for worker processes that run one pure-Python task at a time. Each timer
# wakes the worker's event loop, which then takes the GIL from the parsing thread: the
# profiler samples the task's stack every 10 ms, the tick monitor runs every 20 ms and the
# memory and system monitors every 100-500 ms. Quieter, a task ran about 7 % faster on two
# cores. Glibc's default trim threshold spares the allocator work for the parser's many
# short-lived objects. A memory limit is still enforced, a few seconds later. On Linux the
# workers are forked from this process, as the process pool's are, rather than started
# afresh: they start faster and, two on two cores, parsed about 8 % faster (CPU time of the
# same batches, timed inside the task).
QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "5s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 128 * 1024 * 1024,
    "distributed.worker.multiprocessing-method": "fork" if sys.platform == "linux" else "spawn",
}


# --- on the workers -----------------------------------------------------------------------

_MODELS: dict[str | Extractor, Language] = {}


def model(name: str | Extractor) -> Language:
    """The pipeline ``name``, loaded once per process."""
    if name not in _MODELS:
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        _MODELS[name] = load(name)
    return _MODELS[name]


def _plugin_class() -> type:
    from distributed.diagnostics.plugin import WorkerPlugin

    class ModelPlugin(WorkerPlugin):
        """Loads the pipeline when a worker starts (or joins later), not on its first task."""

        def __init__(self, name: str | Extractor):
            self.name = name

        def setup(self, worker: Any) -> None:
            model(self.name)

    return ModelPlugin


@dataclass(frozen=True)
class Sink(Generic[R]):
    """Where the articles a task parsed go: ``on_worker`` runs in the worker process that
    parsed them, and must pickle (a module-level function, or a partial of one); what it
    returns comes back to this process, to ``on_client``."""

    on_worker: Callable[[list[Parsed]], R]
    on_client: Callable[[R], None]


def send_back(parsed: list[Parsed]) -> list[Parsed]:
    """The ``on_worker`` of a sink that stores in this process: the parsed articles themselves."""
    return parsed


def extract_batch(model_name: str | Extractor, articles: list[Article], on_worker: Callable[[list[Parsed]], R]) -> R:
    """A task: parse articles this process sent."""
    return on_worker(list(extract(model(model_name), articles)))


class Part(NamedTuple):
    """What the workers read as one: a file, or (with ``end``) the records of a .warc.gz that
    start at a byte offset in [``start``, ``end``); the pages of web archives kept are those in
    ``language``, which the task carries as a worker started elsewhere knows only its default."""

    url: str
    start: int = 0
    end: int | None = None
    language: str = "en"


# A worker keeps the last parts it read, so the tasks that parse one part's articles a
# batch at a time read it once.
_FILES: OrderedDict[Part, list[Article | ReadError]] = OrderedDict()
_FILES_KEPT = 2


def _read(part: Part) -> list[Article | ReadError]:
    if part in _FILES:
        _FILES.move_to_end(part)
        return _FILES[part]
    import fsspec

    url = part.url
    reader = reader_for(url)
    found: list[Article | ReadError]
    if reader is None:
        found = [ReadError(url, None, "unsupported file type")]
    else:
        try:
            with fsspec.open(url, "rb") as fh:
                found = list(warc.read(url, fh, part.start, part.end, part.language) if reader is warc.READER
                             else reader.read(url, fh))
        except OSError as error:
            found = [ReadError(url, None, f"cannot read file ({error.strerror or error})")]
    _FILES[part] = found
    while len(_FILES) > _FILES_KEPT:
        _FILES.popitem(last=False)
    return found


def scan_part(part: Part) -> tuple[str, list[tuple[int, str, str] | str]]:
    """A task: the worker that ran it, and (position, id, text hash) of each article of a part
    it reads, or the error that replaced it (a page skipped on purpose: marked as such)."""
    from distributed import get_worker

    return get_worker().address, [
        (SKIPPED + str(item) if isinstance(item, Skipped) else str(item)) if isinstance(item, ReadError)
        else (i, item.id, item.text_hash) for i, item in enumerate(_read(part))]


def extract_part(model_name: str | Extractor, part: Part, positions: list[int],
                 on_worker: Callable[[list[Parsed]], R]) -> R:
    """A task: parse the articles at ``positions`` of a part the worker reads."""
    items = _read(part)
    articles = [items[i] for i in positions]
    assert all(isinstance(a, Article) for a in articles)
    return on_worker(list(extract(model(model_name), articles)))  # type: ignore[arg-type]


# --- on the client ------------------------------------------------------------------------

@contextmanager
def connect(spec: str) -> Iterator[Any]:
    """A Dask client for ``spec``: a scheduler address, or "local:N" for a LocalCluster of N
    single-threaded worker processes that ends with the block."""
    from distributed import Client, LocalCluster

    if spec.startswith("local:"):
        try:
            workers = int(spec.removeprefix("local:"))
        except ValueError:
            workers = 0
        if workers < 1:
            raise ValueError(f"--cluster {spec}: expected local:N with N >= 1 workers")
        import dask

        with dask.config.set(QUIET_WORKERS), \
                LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                             dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            yield client
    else:
        with Client(spec, timeout="30s") as client:
            yield client


def parts_of(url: str, size: int | None, language: str = "en") -> list[Part]:
    """The parts a file of ``size`` bytes is read in: ranges of :data:`RANGE_BYTES` for a
    large .warc.gz, else the whole file."""
    if size is None or size <= RANGE_BYTES or not url.lower().endswith(".warc.gz"):
        return [Part(url, language=language)]
    return [Part(url, start, min(start + RANGE_BYTES, size), language) for start in range(0, size, RANGE_BYTES)]


def list_files(path: str) -> list[str]:
    """The files a worker-read path names, as URLs: a file, a directory (recursively, the
    formats the readers know), or a glob."""
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(path)
    if fs.isdir(root):
        found = sorted(p for p in fs.find(root) if p.lower().endswith(extensions())
                       and not any(part.startswith(".") for part in p[len(root):].split("/")))
    elif any(c in root for c in "*?["):
        found = sorted(fs.glob(root))
    else:
        found = [root]
    return [fs.unstrip_protocol(p) for p in found]


def run_on_cluster(spec: str, articles: Iterator[Article], worker_paths: list[str],
                   wanted: Callable[[str, str], bool], failed: Callable[[str], None],
                   model_name: str | Extractor, sink: Sink[Any], task_articles: int | None = None,
                   on_total: Callable[[int, bool], None] | None = None) -> None:
    """Extract ``articles`` (read here) and the articles of ``worker_paths`` (read by the
    workers) on the cluster ``spec``, into ``sink`` as tasks finish.

    ``wanted(id, text_hash)`` says whether a worker-read article needs parsing (the caller
    has already filtered ``articles``); ``failed(message)`` reports a file that could not be
    read. At most a few tasks per worker are in flight, so memory stays bounded.
    """
    from distributed import as_completed

    with connect(spec) as client:
        client.register_plugin(_plugin_class()(model_name), name=f"quotes-model-{model_name}")
        workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        limit = TASKS_PER_WORKER * workers
        tasks = _Tasks(client, as_completed(), model_name, sink.on_worker, articles,
                       _files_to_scan(worker_paths, failed), task_articles or TASK_ARTICLES, on_total)
        tasks.top_up(limit)
        while tasks.pending.count():
            future = next(tasks.pending)
            result = future.result()
            if future.key.startswith("scan_part"):
                worker, found = result
                tasks.scanned(future.part, worker, found, wanted, failed)
            else:
                sink.on_client(result)
            future.release()
            tasks.top_up(limit)


def _files_to_scan(worker_paths: list[str], failed: Callable[[str], None]) -> list[Part]:
    """The parts of the files of ``worker_paths``; ``failed`` hears of a path that names none."""
    scans: list[Part] = []
    for path in worker_paths:
        try:
            files = list_files(path)
            scans += [part for url in files for part in parts_of(url, _size(url), warc.LANGUAGES["language"])]
        except (OSError, ValueError) as error:
            failed(f"{path}: cannot list ({error})")
            continue
        if not files:
            failed(f"{path}: no such file or directory")
    return scans


def _size(url: str) -> int | None:
    """The size of a .warc.gz, which may be read in ranges; None for other files or if unknown."""
    if not url.lower().endswith(".warc.gz"):
        return None
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(url)
    try:
        return fs.size(path)
    except FileNotFoundError:
        return None  # reported by the task that reads it


class _Tasks:
    """The tasks of a run: those in flight (``pending``) and what is left to send, the
    batches of worker-read parts already scanned first (each on the worker that scanned it,
    which holds it, unless that worker is gone), then the parts to scan, then the articles
    read here."""

    def __init__(self, client: Any, pending: Any, model_name: str | Extractor, on_worker: Callable[[list[Parsed]], Any],
                 articles: Iterator[Article], scans: list[Part], task_articles: int,
                 on_total: Callable[[int, bool], None] | None) -> None:
        self.client, self.pending, self.model_name, self.on_worker = client, pending, model_name, on_worker
        self.articles, self.scans, self.task_articles, self.on_total = articles, scans, task_articles, on_total
        self.read = 0  # articles to extract, known so far
        self.queue: list[tuple[Part, str, list[int]]] = []  # worker-read batches waiting for a slot, and where
        self.client_done = False
        self.scanning = 0  # scan tasks in flight

    def top_up(self, limit: int) -> None:
        """Send tasks until ``limit`` are in flight, or none is left."""
        submit = self.client.submit
        while self.pending.count() < limit:
            if self.queue:
                part, worker, positions = self.queue.pop(0)
                self.pending.add(submit(extract_part, self.model_name, part, positions, self.on_worker, pure=False,
                                        workers=[worker], allow_other_workers=True))
            elif self.scans:
                part = self.scans.pop(0)
                future = submit(scan_part, part, pure=False)
                future.part = part
                self.pending.add(future)
                self.scanning += 1
            elif not self.client_done:
                batch = list(islice(self.articles, self.task_articles))
                self.read += len(batch)
                if len(batch) < self.task_articles:
                    self.client_done = True
                if batch:
                    self.pending.add(submit(extract_batch, self.model_name, batch, self.on_worker, pure=False))
                self._report()
            else:
                return

    def scanned(self, part: Part, worker: str, found: list[tuple[int, str, str] | str],
                wanted: Callable[[str, str], bool], failed: Callable[[str], None]) -> None:
        """Queue the articles of a scanned part that ``wanted`` picks, in batches, for ``worker``."""
        self.scanning -= 1
        positions = []
        for item in found:
            if isinstance(item, str):
                failed(item)
            elif wanted(item[1], item[2]):
                positions.append(item[0])
        self.read += len(positions)
        self.queue += [(part, worker, positions[i:i + self.task_articles])
                       for i in range(0, len(positions), self.task_articles)]
        self._report()

    def _report(self) -> None:
        if self.on_total:
            self.on_total(self.read, self.client_done and not self.scans and not self.scanning)
