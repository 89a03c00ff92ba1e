"""Ingest throughput with one worker process against two.

Runs ``quotes.ingest.ingest()`` end to end (reading the generated JSON Lines file, model
loads, extraction, storage, refresh) into a fresh SQLite database, alternately with
processes=1 and processes=2, on the same corpus in the same run, best of N. Prints
articles/s, words/s, the speed-up (target >= 1.7x on 2 cores) and where the CPU time went:
the main process (reading, handing out work, writing the database) and the worker processes
(model load and parsing).

    .venv/bin/python -m benchmarks.bench_parallel                  # 400 articles, best of 2
    .venv/bin/python -m benchmarks.bench_parallel --articles 200 --processes 1 2 --json
"""
from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from . import harness

TARGET = 1.7


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run(jsonl: Path, workdir: Path, model: str, processes: int, batch_size: int, tag: str) -> dict:
    from quotes.ingest import ingest

    db_path = workdir / f"parallel-{tag}.db"
    wall0 = time.perf_counter()
    main0, children0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    summary = ingest(str(db_path), [str(jsonl)], model=model, processes=processes,
                     batch_size=batch_size)
    wall = time.perf_counter() - wall0
    # Worker processes are reaped when the pool shuts down, so their CPU time is counted here.
    main_cpu = _cpu(resource.RUSAGE_SELF) - main0
    workers_cpu = _cpu(resource.RUSAGE_CHILDREN) - children0
    harness.remove_db(db_path)
    if summary.failed:
        raise SystemExit(f"ingest failed on {summary.failed} articles: {summary.errors[:3]}")
    return {"processes": processes, "seconds": wall, "main_cpu": main_cpu,
            "workers_cpu": workers_cpu, "articles": summary.new + summary.updated,
            "quotes": summary.quotes}


def main(argv: list[str] | None = None) -> dict:
    parser = harness.parser(__doc__, articles=400, repeats=2, model=True, workdir="the corpus and databases")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2],
                        help="process counts to compare; the first is the baseline (default 1 2)")
    parser.add_argument("--batch-size", type=int, default=50, help="ingest batch size (default 50)")
    args = parser.parse_args(argv)
    return harness.run(args, "bench-parallel-", measure)


def measure(args: argparse.Namespace, workdir: Path) -> dict:
    info = harness.machine()
    other_before = harness.other_cpu_load()
    jsonl, size = harness.write_corpus(workdir, args.articles, args.seed)
    words = size["words"]
    print(f"corpus: {size['articles']:,} articles, {words:,} words (seed {args.seed})")
    print(harness.describe_machine(info, other_before))

    runs: dict[int, list[dict]] = {p: [] for p in args.processes}
    for rep in range(args.repeats):
        order = args.processes if rep % 2 == 0 else args.processes[::-1]  # alternate who goes first
        for p in order:
            r = run(jsonl, workdir, args.model, p, args.batch_size, f"{rep}-{p}")
            runs[p].append(r)
            print(f"  run {rep + 1}, processes={p}: {r['seconds']:7.2f} s "
                  f"({r['articles'] / r['seconds']:.2f} articles/s; CPU: main {r['main_cpu']:.1f} s, "
                  f"workers {r['workers_cpu']:.1f} s)", flush=True)

    result = {"articles": size["articles"], "words": words, "seed": args.seed,
              "repeats": args.repeats, "model": args.model, "machine": info,
              "other_cpu_before": other_before, "target": TARGET, "runs": {}}
    print()
    for p in args.processes:
        best = min(runs[p], key=lambda r: r["seconds"])
        result["runs"][str(p)] = {
            "seconds": round(best["seconds"], 3),
            "articles_per_s": round(best["articles"] / best["seconds"], 3),
            "words_per_s": round(words / best["seconds"], 1),
            "main_cpu_seconds": round(best["main_cpu"], 2),
            "workers_cpu_seconds": round(best["workers_cpu"], 2),
            "all_seconds": [round(r["seconds"], 3) for r in runs[p]],
        }
        print(f"processes={p}: {best['articles'] / best['seconds']:6.2f} articles/s, "
              f"{words / best['seconds']:8,.0f} words/s ({best['seconds']:.2f} s; "
              f"CPU main {best['main_cpu']:.1f} s + workers {best['workers_cpu']:.1f} s)")
    base = min(r["seconds"] for r in runs[args.processes[0]])
    for p in args.processes[1:]:
        speedup = base / min(r["seconds"] for r in runs[p])
        result[f"speedup_{p}"] = round(speedup, 3)
        verdict = "ok" if speedup >= TARGET or p != 2 else "MISSES target"
        print(f"speed-up processes={p} vs {args.processes[0]}: {speedup:.2f}x   "
              f"target >= {TARGET}x on 2 cores  {verdict}")
    result["other_cpu_after"] = harness.other_cpu_load()
    print(f"other processes at the end: {result['other_cpu_after']} cores "
          "(a speed-up needs both cores free)")
    return result


if __name__ == "__main__":
    main()
