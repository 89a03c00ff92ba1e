"""Extraction on a Dask cluster: the workers parse, this process stays the only writer.

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
  picks the ones that are new or changed, and further tasks parse those. Article text never
  passes through this process.

Results come back in the order tasks finish and are committed batch by batch by the caller
(:func:`quotes.ingest.ingest`), which skips unchanged articles, so an interrupted run is
resumed by running it again. A worker that dies takes its task with it; the scheduler runs
that task again on another worker, and only the result that arrives is stored.
"""
from __future__ import annotations

import logging
import os
import sys
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from spacy.language import Language

from .extract import Extractor, extract, load
from .readers import ReadError, extensions, reader_for
from .records import Article, QuoteRecord

Extracted = tuple[Article, list[QuoteRecord]]

# Articles per task: about two seconds of parsing on one core, long enough that the
# scheduler's overhead (milliseconds per task) is lost in it, short enough that a dead
# worker costs little, the progress line moves, and the workers finish the last tasks of a
# run at about the same time (with 16, two workers lost a tenth of a 240-article run).
TASK_ARTICLES = 8
# Tasks queued per worker: enough that none waits for the next batch, few enough that the
# articles held in memory stay bounded.
TASKS_PER_WORKER = 3

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


def extract_batch(model_name: str | Extractor, articles: list[Article], shard_dir: str | None = None) -> list[Any]:
    """A task: parse articles this process sent."""
    return _deliver(list(extract(model(model_name), articles)), shard_dir)


def _deliver(results: list[Extracted], shard_dir: str | None) -> list[Any]:
    """The results themselves, or with ``shard_dir`` what writing them into this worker's
    shard did: (article id, quotes stored, error or None) each."""
    if shard_dir is None:
        return results
    from .shards import write_shard

    return write_shard(shard_dir, results)


# A worker keeps the last files it read, so the tasks that parse one file's articles a
# batch at a time read it once.
_FILES: OrderedDict[str, list[Article | ReadError]] = OrderedDict()
_FILES_KEPT = 2


def _read(url: str) -> list[Article | ReadError]:
    if url in _FILES:
        _FILES.move_to_end(url)
        return _FILES[url]
    import fsspec

    reader = reader_for(url)
    found: list[Article | ReadError]
    if reader is None:
        found = [ReadError(url, None, "unsupported file type")]
    else:
        try:
            with fsspec.open(url, "rb") as fh:
                found = list(reader.read(url, fh))
        except OSError as error:
            found = [ReadError(url, None, f"cannot read file ({error.strerror or error})")]
    _FILES[url] = found
    while len(_FILES) > _FILES_KEPT:
        _FILES.popitem(last=False)
    return found


def scan_file(url: str) -> list[tuple[int, str, str] | str]:
    """A task: (position, id, text hash) of each article of a file the worker reads, or the
    error that replaced it."""
    return [str(item) if isinstance(item, ReadError) else (i, item.id, item.text_hash)
            for i, item in enumerate(_read(url))]


def extract_file(model_name: str | Extractor, url: str, positions: list[int],
                 shard_dir: str | None = None) -> list[Any]:
    """A task: parse the articles at ``positions`` of a file the worker reads."""
    items = _read(url)
    articles = [items[i] for i in positions]
    assert all(isinstance(a, Article) for a in articles)
    return _deliver(list(extract(model(model_name), articles)), shard_dir)  # type: ignore[arg-type]


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
                   model_name: str | Extractor, task_articles: int | None = None,
                   on_total: Callable[[int, bool], None] | None = None,
                   shard_dir: str | None = None) -> Iterator[Any]:
    """Extract ``articles`` (read here) and the articles of ``worker_paths`` (read by the
    workers) on the cluster ``spec``, yielding results as tasks finish.

    ``wanted(id, text_hash)`` says whether a worker-read article needs parsing (the caller
    has already filtered ``articles``); ``failed(message)`` reports a file that could not be
    read. At most a few tasks per worker are in flight, so memory stays bounded.
    """
    from distributed import as_completed

    task_articles = task_articles or TASK_ARTICLES
    with connect(spec) as client:
        client.register_plugin(_plugin_class()(model_name), name=f"quotes-model-{model_name}")
        workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        limit = TASKS_PER_WORKER * workers
        pending = as_completed()
        read = 0  # articles to extract, known so far
        scans: list[str] = []
        for path in worker_paths:
            try:
                files = list_files(path)
            except (OSError, ValueError) as error:
                failed(f"{path}: cannot list ({error})")
                continue
            if not files:
                failed(f"{path}: no such file or directory")
            scans += files
        queue: list[tuple[str, list[int]]] = []  # worker-read batches waiting for a slot
        client_done = False
        scanning = 0  # scan tasks in flight

        def top_up() -> None:
            nonlocal client_done, read, scanning
            while pending.count() < limit:
                if queue:
                    url, positions = queue.pop(0)
                    pending.add(client.submit(extract_file, model_name, url, positions, shard_dir, pure=False))
                elif scans:
                    url = scans.pop(0)
                    future = client.submit(scan_file, url, pure=False)
                    future.url = url
                    pending.add(future)
                    scanning += 1
                elif not client_done:
                    batch = list(islice(articles, task_articles))
                    read += len(batch)
                    if len(batch) < task_articles:
                        client_done = True
                    if batch:
                        pending.add(client.submit(extract_batch, model_name, batch, shard_dir, pure=False))
                    if on_total:
                        on_total(read, client_done and not scans and not scanning)
                else:
                    return

        top_up()
        while pending.count():
            future = next(pending)
            result = future.result()
            if future.key.startswith("scan_file"):
                scanning -= 1
                url = future.url
                positions = []
                for item in result:
                    if isinstance(item, str):
                        failed(item)
                    elif wanted(item[1], item[2]):
                        positions.append(item[0])
                read += len(positions)
                queue += [(url, positions[i:i + task_articles])
                          for i in range(0, len(positions), task_articles)]
                if on_total:
                    on_total(read, client_done and not scans and not scanning)
            else:
                yield from result
            future.release()
            top_up()
