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

    .venv/bin/python benchmarks/bench_memory.py --articles 2000
    .venv/bin/python benchmarks/bench_memory.py                      # 50,000 articles
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus  # noqa: E402

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


def stored_articles(db_path: Path) -> int | None:
    """Rows in the articles table, or None while the database is not there yet or busy."""
    if not db_path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=0.2)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=50_000, help="generated articles (default 50,000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                        help="ingest --processes (default: all cores, as quotes ingest)")
    parser.add_argument("--interval", type=float, default=0.5, help="sampling interval in s (default 0.5)")
    parser.add_argument("--time-limit", type=float, default=180,
                        help="minutes after which the ingest is interrupted and the figures "
                             "reported for what was stored (default 180)")
    parser.add_argument("--workdir", help="directory for the corpus and database (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and database")
    parser.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    args = parser.parse_args(argv)

    tmp = None
    if args.workdir:
        workdir = Path(args.workdir)
    elif args.keep:
        workdir = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    else:
        tmp = tempfile.TemporaryDirectory(prefix="bench-memory-")
        workdir = Path(tmp.name)
    workdir.mkdir(parents=True, exist_ok=True)
    info = corpus.machine()
    print(corpus.describe_machine(info, corpus.other_cpu_load()))
    jsonl = workdir / f"corpus-{args.articles}-{args.seed}.jsonl"
    t0 = time.perf_counter()
    size = corpus.write_jsonl(jsonl, args.articles, args.seed)
    print(f"corpus: {size['articles']:,} articles, {size['words']:,} words, "
          f"{size['bytes'] / MB:,.0f} MB of JSONL (written in {time.perf_counter() - t0:.1f} s)")
    db_path = workdir / "quotes.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)

    cmd = [*quotes_command(), "ingest", str(jsonl), "--db", str(db_path),
           "--processes", str(args.processes)]
    print("running: " + " ".join(cmd), flush=True)
    log = open(workdir / "ingest.log", "w+", encoding="utf-8")
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    proc = psutil.Process(child.pid)

    total = size["articles"]
    samples: list[tuple[float, int | None, int, int | None, int]] = []  # (t, rows, rss, pss, main)
    marks: dict[int, dict] = {}
    peak = {"rss": 0, "pss": 0, "main_rss": 0, "processes": 0, "worker_rss": 0}
    window = {"rss": 0, "pss": 0, "worker": 0}
    first_row_at = rows_done_at = None
    last_report, interrupted, rows = start, False, None
    deadline = start + args.time_limit * 60
    while child.poll() is None:
        now = time.perf_counter()
        rss, pss, main_rss, alive, worker = tree_memory(proc)
        rows = stored_articles(db_path) if rows_done_at is None else total
        if rows is None and samples:
            rows = samples[-1][1]
        samples.append((now - start, rows, rss, pss, main_rss))
        peak["rss"] = max(peak["rss"], rss)
        peak["pss"] = max(peak["pss"], pss or 0)
        peak["main_rss"] = max(peak["main_rss"], main_rss)
        peak["processes"] = max(peak["processes"], alive)
        peak["worker_rss"] = max(peak["worker_rss"], worker)
        if rows and first_row_at is None:
            first_row_at = (now, rows)
        window["rss"] = max(window["rss"], rss)
        window["pss"] = max(window["pss"], pss or 0)
        window["worker"] = max(window["worker"], worker)
        for pct in MILESTONES:
            if pct not in marks and rows is not None and rows >= total * pct / 100:
                # The workers exit before the last batch is written: at 100% the tree is the
                # main process alone, so the peak since the previous mark tells more.
                marks[pct] = {"seconds": round(now - start, 1), "articles": rows, "rss": rss,
                              "pss": pss, "window_peak_rss": window["rss"],
                              "window_peak_pss": window["pss"] or None,
                              "window_peak_worker_rss": window["worker"] or None,
                              "peak_so_far": peak["rss"]}
                print(f"  {pct:3d}% ({rows:,} articles) at {fmt_duration(now - start):>12}: "
                      f"RSS {fmt_mb(rss)} (PSS {fmt_mb(pss)}), peak since the last mark "
                      f"{fmt_mb(window['rss'])}, peak so far {fmt_mb(peak['rss'])}", flush=True)
                window = {"rss": 0, "pss": 0, "worker": 0}
        if rows is not None and rows >= total and rows_done_at is None:
            rows_done_at = now
            print("  all articles stored; the final refresh runs now", flush=True)
        if now - last_report >= 60 and rows_done_at is None and first_row_at and rows:
            last_report = now
            if rows - first_row_at[1] >= 100:  # from the first stored batch: no model loads
                rate = (rows - first_row_at[1]) / (now - first_row_at[0])
            else:
                rate = rows / (now - start)
            eta = (total - rows) / rate if rate > 0 else float("inf")
            print(f"  ... {rows:,}/{total:,} articles after {fmt_duration(now - start)} "
                  f"({rate:.2f} articles/s), RSS {fmt_mb(rss)}; ETA for the articles "
                  f"{fmt_duration(eta) if eta != float('inf') else '?'} (plus the final refresh)",
                  flush=True)
        if now > deadline and not interrupted:
            print(f"  time limit of {args.time_limit:g} min reached: interrupting the ingest",
                  flush=True)
            child.send_signal(signal.SIGINT)  # the CLI keeps finished batches, then refreshes
            interrupted = True
        time.sleep(args.interval)
    elapsed = time.perf_counter() - start
    log.seek(0)
    tail = log.read()[-2000:]
    log.close()

    final_rows = stored_articles(db_path) or 0
    ingest_end = rows_done_at or (start + elapsed)
    ingest_samples = [s for s in samples if s[0] <= ingest_end - start]
    refresh_samples = [s for s in samples if s[0] > ingest_end - start]
    refresh_peak = max((s[2] for s in refresh_samples), default=None)
    rate = final_rows / ((ingest_end - first_row_at[0]) if first_row_at else elapsed) \
        if final_rows else 0.0
    db_bytes = sum(Path(f"{db_path}{s}").stat().st_size for s in ("", "-wal")
                   if Path(f"{db_path}{s}").exists())
    quotes = None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        conn.close()
    except sqlite3.Error:
        pass

    print()
    print(f"exit status {child.returncode} after {fmt_duration(elapsed)}; {final_rows:,} of "
          f"{total:,} articles stored, {'?' if quotes is None else f'{quotes:,}'} quotes, "
          f"database {db_bytes / MB:,.0f} MB")
    if child.returncode not in (0, 130) or (child.returncode and not interrupted):
        print("ingest output (tail):\n" + tail)
    print(f"ingest rate: {rate:.2f} articles/s, {rate * size['words'] / total:,.0f} words/s "
          f"with --processes {args.processes}")
    if refresh_samples:
        print(f"final refresh: {refresh_samples[-1][0] - refresh_samples[0][0] + args.interval:.1f} s, "
              f"peak RSS during it {fmt_mb(refresh_peak)}")
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
    if total != 50_000 and rate:
        big = 50_000 / rate
        print(f"estimate for 50,000 articles at this rate: {fmt_duration(big)} of ingest "
              "(plus the final refresh, which grows with the database)")

    result = {
        "articles": total, "stored": final_rows, "quotes": quotes, "words": size["words"],
        "processes": args.processes, "seconds": round(elapsed, 1), "exit_status": child.returncode,
        "interrupted": interrupted, "articles_per_s": round(rate, 3), "db_bytes": db_bytes,
        "peak_rss_bytes": peak["rss"], "peak_pss_bytes": peak["pss"] or None,
        "peak_main_rss_bytes": peak["main_rss"], "peak_worker_rss_bytes": peak["worker_rss"] or None,
        "max_processes": peak["processes"],
        "refresh_seconds": round(refresh_samples[-1][0] - refresh_samples[0][0] + args.interval, 1)
        if refresh_samples else None,
        "refresh_peak_rss_bytes": refresh_peak,
        "milestones": {str(k): v for k, v in marks.items()},
        "growth_peak_10_25_to_75_100_bytes": growth, "target_bytes": int(TARGET_BYTES),
        "machine": info, "samples": len(samples), "ingest_samples": len(ingest_samples),
    }
    if args.json:
        print(json.dumps(result))
    if args.keep:
        print(f"kept: {workdir}")
    if tmp is not None:
        tmp.cleanup()
    return result


if __name__ == "__main__":
    main()
