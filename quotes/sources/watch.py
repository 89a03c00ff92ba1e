"""Follow feeds and sitemaps: one ingest of them every interval, until stopped.

Each round is an ordinary incremental ingest, so a watch stopped at any point (Ctrl-C,
SIGTERM, kill -9) goes on where it was when started again: what was stored is not fetched
again unless its server says it changed.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace

from ..extract import Extractor
from .crawl import Counts, Crawl

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def seconds(every: str) -> float:
    """"15m", "1h", "90s" or a bare number of seconds, as seconds; ValueError otherwise."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", every.lower())
    if not found:
        raise ValueError(f"{every!r} is not an interval like 90s, 15m or 1h")
    return float(found[1]) * UNITS[found[2] or "s"]


def watch(db_path: str, urls: list[str], every: float, crawl: Crawl, model: str | Extractor,
          say: Callable[[str], None], on_error: Callable[[str], None], rounds: int | None = None) -> None:
    """Ingest ``urls`` every ``every`` seconds, saying one line per round; ``rounds`` bounds them."""
    from ..ingest import ingest

    done = 0
    while rounds is None or done < rounds:
        started = time.monotonic()
        this = replace(crawl, counts=Counts())  # fresh counts and seen pages every round
        summary = ingest(db_path, [], model=model, processes=1, urls=urls, crawl=this, on_error=on_error)
        done += 1
        say(f"{time.strftime('%Y-%m-%d %H:%M:%S')} round {done}: fetched {this.counts.fetched}, "
            f"unchanged {this.counts.not_modified + summary.unchanged}, new {summary.new}, "
            f"updated {summary.updated}, failed {summary.failed}")
        if rounds is not None and done >= rounds:
            break
        time.sleep(max(0.0, every - (time.monotonic() - started)))
