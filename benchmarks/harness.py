"""What the benchmark scripts share: their common options, a scratch directory, the generated
corpus on disk, timers, the machine they ran on, and the JSON summary they end with.

Every figure depends on having the cores to itself, so every script says what else the
machine was doing; and every script can end with one line of JSON, for comparing runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import corpus

ROOT = corpus.ROOT
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"
SEEDS_DIR = ROOT / "examples" / "articles"
DEV_GOLD = ROOT / "tests" / "data" / "dev" / "gold.jsonl"
DEV_DIR = ROOT / "tests" / "data" / "dev" / "articles"


# -- options ---------------------------------------------------------------------------------

def parser(doc: str, *, articles: int | None = None, seed: bool = True, repeats: int | None = None,
           model: bool = False, workdir: str | None = None) -> argparse.ArgumentParser:
    """A parser described by the first paragraph of ``doc``, with the options the scripts share:
    ``--articles`` (default ``articles``), ``--seed``, ``--repeats`` (default ``repeats``),
    ``--model``, ``--workdir`` (helped by ``workdir``: what goes in it) and ``--json``."""
    found = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    if articles is not None:
        found.add_argument("--articles", type=int, default=articles, help=f"generated articles (default {articles:,})")
    if seed:
        found.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    if repeats is not None:
        found.add_argument("--repeats", type=int, default=repeats, help=f"best of N runs of each (default {repeats})")
    if model:
        from quotes import DEFAULT_MODEL

        found.add_argument("--model", default=DEFAULT_MODEL, help=f"spaCy model (default {DEFAULT_MODEL})")
    if workdir is not None:
        found.add_argument("--workdir", help=f"directory for {workdir} (default: a temporary one)")
    found.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    return found


def summary(result: dict | list, args: argparse.Namespace) -> None:
    """The JSON summary, as the last line of the output, when ``--json`` asked for it."""
    if args.json:
        print(json.dumps(result))


# -- files -----------------------------------------------------------------------------------

@contextmanager
def scratch(path: str | None, prefix: str, keep: bool = False) -> Iterator[Path]:
    """``path`` (made if missing), else a temporary directory, removed afterwards unless ``keep``."""
    if path or keep:
        folder = Path(path) if path else Path(tempfile.mkdtemp(prefix=prefix))
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        yield Path(tmp)


def run(args: argparse.Namespace, prefix: str, measure: Callable[[argparse.Namespace, Path], dict]) -> dict:
    """``measure(args, folder)`` in ``--workdir`` (or a temporary folder named ``prefix``...),
    its JSON summary printed last when ``--json`` asked for it."""
    with scratch(args.workdir, prefix) as folder:
        result = measure(args, folder)
    summary(result, args)
    return result


def write_corpus(folder: Path, articles: int, seed: int) -> tuple[Path, dict]:
    """The generated corpus of ``articles`` articles as a JSON Lines file in ``folder``, and its size."""
    path = folder / f"corpus-{articles}-{seed}.jsonl"
    return path, corpus.write_jsonl(path, articles, seed)


def remove_db(path: Path) -> None:
    """A SQLite database and its write-ahead log, so that the next run starts afresh."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# -- timing ----------------------------------------------------------------------------------

class Timer:
    """Wall-clock and process CPU seconds of a ``with`` block."""

    def __enter__(self) -> Timer:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0


class Sum:
    """Wall and CPU seconds added up over the chunks of one repetition."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def add(self, t: Timer) -> None:
        self.wall += t.wall
        self.cpu += t.cpu


def timed_extract(nlp, articles: list, batch_size: int, keep: list | None = None) -> tuple[Timer, int]:
    """``quotes.extract.extract()`` over ``articles``, timed; the quotes found (kept in ``keep``)."""
    from quotes.extract import extract

    found = 0
    with Timer() as t:
        for article, quotes in extract(nlp, articles, batch_size=batch_size):
            found += len(quotes)
            if keep is not None:
                keep.append((article, quotes))
    return t, found


# -- the machine -----------------------------------------------------------------------------

def other_cpu_load(seconds: float = 1.0) -> float | None:
    """Cores' worth of CPU that processes outside this one's tree used over ``seconds``.

    The benchmarks measure on a machine that may be doing other work; this figure, printed
    with the results, says how much of the 2 cores they actually had.
    """
    try:
        import psutil
    except ImportError:
        return None
    me = psutil.Process()
    mine = {me.pid, *(c.pid for c in me.children(recursive=True))}
    procs = [p for p in psutil.process_iter() if p.pid not in mine]
    before = {}
    for p in procs:
        try:
            t = p.cpu_times()
            before[p.pid] = (p, t.user + t.system)
        except psutil.Error:
            pass
    time.sleep(seconds)
    used = 0.0
    for p, start in before.values():
        try:
            t = p.cpu_times()
            used += max(0.0, t.user + t.system - start)
        except psutil.Error:
            pass
    return round(used / seconds, 2)


def machine() -> dict:
    """Cores, memory and load average, for the header of every benchmark's output."""
    info = {"cores": os.cpu_count(), "python": platform.python_version(),
            "loadavg_1min": round(os.getloadavg()[0], 2)}
    try:
        import psutil
        info["memory_gb"] = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    return info


def describe_machine(info: dict, other: float | None) -> str:
    busy = "" if other is None else f"; other processes were using {other:.2f} cores"
    return (f"machine: {info['cores']} cores, {info.get('memory_gb', '?')} GB, "
            f"Python {info['python']}, load average {info['loadavg_1min']}{busy}")
