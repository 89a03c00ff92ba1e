"""Peak memory of ``quotes ingest`` on a large generated corpus, and whether it grows.

Writes a generated corpus (default 50,000 articles) to a JSON Lines file, runs
``quotes ingest corpus.jsonl --db DIR/quotes.db --processes N`` as a child process and
samples, every 0.5 s, the resident memory of its whole process tree (the main process and
its worker processes, summed; PSS, which counts pages shared between them once, too).
Progress is the number of rows in the articles table, read from the database in read-only
mode while the ingest writes (WAL). Prints the memory at 10, 25, 50, 75 and 100% of the
articles, during the final refresh, the peak, and an ETA while it runs.

Target: peak < 1.5 GB, and flat: no growth from 25% to 100%.

The full 50,000 articles take a long time on 2 cores (the script prints an estimate after
the first articles); ``--articles 2000`` is a quick run, and ``--time-limit`` stops the
ingest (Ctrl-C, as a user would: finished batches are kept) and reports what it had.

    .venv/bin/python -m benchmarks.bench_memory --articles 2000
    .venv/bin/python -m benchmarks.bench_memory                      # 50,000 articles
"""
from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil

from . import harness

TARGET_BYTES = 1.5 * 2**30
MILESTONES = (10, 25, 50, 75, 100)
MB = 2**20


def quotes_command() -> list[str]:
    """The installed ``quotes`` script beside this Python, else ``python -m``-style call."""
    script = Path(sys.executable).with_name("quotes")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from quotes.cli import cli; cli()"]


def tree_memory(proc: psutil.Process) -> tuple[int, int | None, int, int, int]:
    """(RSS summed over the tree, PSS summed or None, RSS of the main process, processes,
    largest RSS of one worker)."""
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, None, 0, 0, 0
    rss, pss, main_rss, alive, worker = 0, 0, 0, 0, 0
    for p in procs:
        try:
            full = p.memory_full_info()
        except psutil.AccessDenied:
            full = None
        except psutil.Error:
            continue
        mem = full or p.memory_info()
        rss += mem.rss
        pss = None if pss is None or full is None or not hasattr(full, "pss") else pss + full.pss
        if p.pid == proc.pid:
            main_rss = mem.rss
        else:
            worker = max(worker, mem.rss)
        alive += 1
    return rss, pss, main_rss, alive, worker


def stored_rows(db_path: Path, table: str, timeout: float = 0.2) -> int | None:
    """Rows in ``table``, or None while the database is not there yet or busy."""
    if not db_path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=timeout)
        try:
            return conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def fmt_mb(value: int | None) -> str:
    return "n/a" if value is None else f"{value / MB:,.0f} MB"


def fmt_duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"


def main(argv: list[str] | None = None) -> dict:
    parser = harness.parser(__doc__, articles=50_000, workdir="the corpus and database")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                        help="ingest --processes (default: all cores, as quotes ingest)")
    parser.add_argument("--interval", type=float, default=0.5, help="sampling interval in s (default 0.5)")
    parser.add_argument("--time-limit", type=float, default=180,
                        help="minutes after which the ingest is interrupted and the figures "
                             "reported for what was stored (default 180)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and database")
    args = parser.parse_args(argv)
    with harness.scratch(args.workdir, "bench-memory-", keep=args.keep) as workdir:
        result = measure(args, workdir)
        if args.keep:
            print(f"kept: {workdir}")
    harness.summary(result, args)
    return result


def measure(args: argparse.Namespace, workdir: Path) -> dict:
    info = harness.machine()
    print(harness.describe_machine(info, harness.other_cpu_load()))
    t0 = time.perf_counter()
    jsonl, size = harness.write_corpus(workdir, args.articles, args.seed)
    print(f"corpus: {size['articles']:,} articles, {size['words']:,} words, "
          f"{size['bytes'] / MB:,.0f} MB of JSONL (written in {time.perf_counter() - t0:.1f} s)")
    db_path = workdir / "quotes.db"
    harness.remove_db(db_path)

    cmd = [*quotes_command(), "ingest", str(jsonl), "--db", str(db_path),
           "--processes", str(args.processes)]
    print("running: " + " ".join(cmd), flush=True)
    with open(workdir / "ingest.log", "w+", encoding="utf-8") as log:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        watch = Watch(psutil.Process(child.pid), db_path, size["articles"], start)
        deadline, interrupted = start + args.time_limit * 60, False
        while child.poll() is None:
            now = time.perf_counter()
            watch.sample(now)
            if now > deadline and not interrupted:
                print(f"  time limit of {args.time_limit:g} min reached: interrupting the ingest",
                      flush=True)
                child.send_signal(signal.SIGINT)  # the CLI keeps finished batches, then refreshes
                interrupted = True
            time.sleep(args.interval)
        elapsed = time.perf_counter() - start
        log.seek(0)
        tail = log.read()[-2000:]
    run = {"processes": args.processes, "seconds": round(elapsed, 1), "exit_status": child.returncode,
           "interrupted": interrupted}
    return {**report(watch, run, size, elapsed, args.interval, tail), "machine": info}


class Watch:
    """The samples of the memory of an ingest's process tree and of its progress: the marks at
    10, 25, 50, 75 and 100 % of the articles, the peaks, and when the articles were all stored."""

    def __init__(self, proc: psutil.Process, db_path: Path, total: int, start: float) -> None:
        self.proc, self.db_path, self.total, self.start = proc, db_path, total, start
        self.samples: list[tuple[float, int | None, int, int | None, int]] = []  # (t, rows, rss, pss, main)
        self.marks: dict[int, dict] = {}
        self.peak = {"rss": 0, "pss": 0, "main_rss": 0, "processes": 0, "worker_rss": 0}
        self.window = {"rss": 0, "pss": 0, "worker": 0}  # peaks since the last mark
        self.first_row_at: tuple[float, int] | None = None
        self.rows_done_at: float | None = None
        self.last_report = start

    def sample(self, now: float) -> None:
        rss, pss, main_rss, alive, worker = tree_memory(self.proc)
        rows = stored_rows(self.db_path, "articles") if self.rows_done_at is None else self.total
        if rows is None and self.samples:
            rows = self.samples[-1][1]
        self.samples.append((now - self.start, rows, rss, pss, main_rss))
        for key, value in (("rss", rss), ("pss", pss or 0), ("main_rss", main_rss), ("processes", alive),
                           ("worker_rss", worker)):
            self.peak[key] = max(self.peak[key], value)
        if rows and self.first_row_at is None:
            self.first_row_at = (now, rows)
        for key, value in (("rss", rss), ("pss", pss or 0), ("worker", worker)):
            self.window[key] = max(self.window[key], value)
        if rows is not None:
            self.mark(now, rows, rss, pss)
        if rows is not None and rows >= self.total and self.rows_done_at is None:
            self.rows_done_at = now
            print("  all articles stored; the final refresh runs now", flush=True)
        if now - self.last_report >= 60 and self.rows_done_at is None and self.first_row_at and rows:
            self.last_report = now
            self.eta(now, rows, rss)

    def mark(self, now: float, rows: int, rss: int, pss: int | None) -> None:
        for pct in MILESTONES:
            if pct not in self.marks and rows >= self.total * pct / 100:
                # The workers exit before the last batch is written: at 100% the tree is the
                # main process alone, so the peak since the previous mark tells more.
                window = self.window
                self.marks[pct] = {"seconds": round(now - self.start, 1), "articles": rows, "rss": rss,
                                   "pss": pss, "window_peak_rss": window["rss"],
                                   "window_peak_pss": window["pss"] or None,
                                   "window_peak_worker_rss": window["worker"] or None,
                                   "peak_so_far": self.peak["rss"]}
                print(f"  {pct:3d}% ({rows:,} articles) at {fmt_duration(now - self.start):>12}: "
                      f"RSS {fmt_mb(rss)} (PSS {fmt_mb(pss)}), peak since the last mark "
                      f"{fmt_mb(window['rss'])}, peak so far {fmt_mb(self.peak['rss'])}", flush=True)
                self.window = {"rss": 0, "pss": 0, "worker": 0}

    def eta(self, now: float, rows: int, rss: int) -> None:
        assert self.first_row_at is not None
        if rows - self.first_row_at[1] >= 100:  # from the first stored batch: no model loads
            rate = (rows - self.first_row_at[1]) / (now - self.first_row_at[0])
        else:
            rate = rows / (now - self.start)
        eta = (self.total - rows) / rate if rate > 0 else float("inf")
        print(f"  ... {rows:,}/{self.total:,} articles after {fmt_duration(now - self.start)} "
              f"({rate:.2f} articles/s), RSS {fmt_mb(rss)}; ETA for the articles "
              f"{fmt_duration(eta) if eta != float('inf') else '?'} (plus the final refresh)",
              flush=True)


def report(watch: Watch, run: dict, size: dict, elapsed: float, interval: float, tail: str) -> dict:
    """What was stored, at what rate, the final refresh: printed and returned."""
    db_path, total = watch.db_path, watch.total
    final_rows = stored_rows(db_path, "articles") or 0
    ingest_end = watch.rows_done_at or (watch.start + elapsed)
    ingest_samples = [s for s in watch.samples if s[0] <= ingest_end - watch.start]
    refresh_samples = [s for s in watch.samples if s[0] > ingest_end - watch.start]
    refresh_peak = max((s[2] for s in refresh_samples), default=None)
    # From the first stored batch (no model loads); from the start when everything came at once.
    span = ingest_end - watch.first_row_at[0] if watch.first_row_at else 0.0
    rate = final_rows / (span or elapsed) if final_rows else 0.0
    db_bytes = sum(Path(f"{db_path}{s}").stat().st_size for s in ("", "-wal")
                   if Path(f"{db_path}{s}").exists())
    quotes = stored_rows(db_path, "quotes", timeout=1)
    refresh_s = round(refresh_samples[-1][0] - refresh_samples[0][0] + interval, 1) if refresh_samples else None

    print()
    print(f"exit status {run['exit_status']} after {fmt_duration(elapsed)}; {final_rows:,} of "
          f"{total:,} articles stored, {'?' if quotes is None else f'{quotes:,}'} quotes, "
          f"database {db_bytes / MB:,.0f} MB")
    if run["exit_status"] not in (0, 130) or (run["exit_status"] and not run["interrupted"]):
        print("ingest output (tail):\n" + tail)
    print(f"ingest rate: {rate:.2f} articles/s, {rate * size['words'] / total:,.0f} words/s "
          f"with --processes {run['processes']}")
    if refresh_samples:
        print(f"final refresh: {refresh_s:.1f} s, peak RSS during it {fmt_mb(refresh_peak)}")
    growth = report_memory(watch)
    if total != 50_000 and rate:
        print(f"estimate for 50,000 articles at this rate: {fmt_duration(50_000 / rate)} of ingest "
              "(plus the final refresh, which grows with the database)")
    peak = watch.peak
    return {
        "articles": total, "stored": final_rows, "quotes": quotes, "words": size["words"], **run,
        "articles_per_s": round(rate, 3), "db_bytes": db_bytes,
        "peak_rss_bytes": peak["rss"], "peak_pss_bytes": peak["pss"] or None,
        "peak_main_rss_bytes": peak["main_rss"], "peak_worker_rss_bytes": peak["worker_rss"] or None,
        "max_processes": peak["processes"], "refresh_seconds": refresh_s, "refresh_peak_rss_bytes": refresh_peak,
        "milestones": {str(k): v for k, v in watch.marks.items()},
        "growth_peak_10_25_to_75_100_bytes": growth, "target_bytes": int(TARGET_BYTES),
        "samples": len(watch.samples), "ingest_samples": len(ingest_samples),
    }


def report_memory(watch: Watch) -> int | None:
    """The memory at each mark and the peaks, printed; the growth of the peak from the first
    quarter to the last."""
    marks, peak = watch.marks, watch.peak
    print("RSS of the process tree (main + workers) by progress: at the mark, and the peak "
          "since the previous mark")
    previous = 0
    for pct in MILESTONES:
        m = marks.get(pct)
        if m:
            print(f"  {pct:3d}%: {fmt_mb(m['rss']):>9} (PSS {fmt_mb(m['pss']):>9});  "
                  f"peak {previous:3d}-{pct:3d}%: {fmt_mb(m['window_peak_rss']):>9} "
                  f"(PSS {fmt_mb(m['window_peak_pss']):>9}; largest worker "
                  f"{fmt_mb(m['window_peak_worker_rss'])})")
            previous = pct
    growth = None
    if 25 in marks and 100 in marks:
        growth = marks[100]["window_peak_rss"] - marks[25]["window_peak_rss"]
        print(f"growth of the peak from 10-25% to 75-100%: {growth / MB:+,.0f} MB")
    verdict = "ok" if peak["rss"] < TARGET_BYTES else "MISSES target"
    print(f"peak RSS (tree sum) {fmt_mb(peak['rss'])}, peak PSS {fmt_mb(peak['pss'] or None)}, "
          f"peak RSS of the main process {fmt_mb(peak['main_rss'])}, of one worker "
          f"{fmt_mb(peak['worker_rss'] or None)}; "
          f"target < {TARGET_BYTES / 2**30:.1f} GB  {verdict}")
    return growth


if __name__ == "__main__":
    main()
