"""Ingest on a Dask cluster: one worker against two, against the process pool, and the writer.

1. Runs ``quotes.ingest.ingest()`` end to end on the same generated corpus with
   ``cluster="local:1"``, ``cluster="local:2"`` (a ``distributed.LocalCluster`` of single-
   threaded worker processes, started and stopped by the run, as ``--cluster local:N`` does)
   and ``processes=2`` (the ``ProcessPoolExecutor``), in turns, best of N. Prints articles/s
   over the whole run (cluster start and model loads included) and in the steady state (from
   the first 10 % of the articles stored to the last). Targets: local:2 >= 1.7 x local:1, and
   local:2 >= 0.9 x processes=2.
2. The writer's ceiling: the batches the first run stored (the real extraction results) are
   stored again and again into a fresh database under new article ids with
   ``store.save_articles``, batches of 50 as an ingest commits them: articles stored per second
   with extraction excluded; then the refresh of that database, and how fast ``quotes merge``
   copies it as a shard into an empty database.
3. A projection (computed, not measured) of 10, 100 and 1,000 workers on 10,000,000 articles,
   with one writer and with shards, from the figures above.

    .venv/bin/python -m benchmarks.bench_cluster                   # 160 articles, best of 1, ~8 min
    .venv/bin/python -m benchmarks.bench_cluster --articles 80 --repeats 2 --json
"""
from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path

from . import harness

TARGET_SCALING, TARGET_VS_POOL = 1.7, 0.9
PROJECTED_ARTICLES = 10_000_000


def run(jsonl: Path, workdir: Path, model: str, mode: str, tag: str, keep: list | None = None) -> dict:
    from quotes import store
    from quotes.ingest import ingest

    db_path = workdir / f"cluster-{tag}.db"
    stamps: list[tuple[float, int]] = []
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        stamps.append((time.perf_counter(), done))

    original = store.save_articles
    if keep is not None:
        def saving(db, batch, version):
            keep.append(list(batch))
            return original(db, batch, version)
        store.save_articles = saving
    t0 = time.perf_counter()
    try:
        if mode.startswith("local:"):
            summary = ingest(str(db_path), [str(jsonl)], model=model, cluster=mode, on_progress=progress)
        else:
            summary = ingest(str(db_path), [str(jsonl)], model=model, processes=int(mode.split("=")[1]),
                             on_progress=progress)
    finally:
        store.save_articles = original
    wall = time.perf_counter() - t0
    harness.remove_db(db_path)
    if summary.failed:
        raise SystemExit(f"ingest failed on {summary.failed} articles: {summary.errors[:3]}")
    articles = summary.new + summary.updated
    start = next((t, n) for t, n in stamps if n >= articles * 0.1)
    end = stamps[-1]
    steady = (end[1] - start[1]) / (end[0] - start[0]) if end[0] > start[0] else float("nan")
    return {"mode": mode, "seconds": wall, "articles": articles, "per_s": articles / wall, "steady_per_s": steady}


def writer_ceiling(batches: list, workdir: Path, target: int) -> dict:
    """Articles/s that store.save_articles sustains, extraction excluded; then refresh and merge."""
    from quotes import store
    from quotes.extract import EXTRACTOR_VERSION
    from quotes.shards import merge

    path = workdir / "writer.db"
    harness.remove_db(path)
    db = store.open_db(path)
    stored, copy, seconds = 0, 0, 0.0
    while stored < target:
        for batch in batches:
            renamed = [(dataclasses.replace(a, url=f"https://copy{copy}.example.org/{a.id}"), q) for a, q in batch]
            t0 = time.perf_counter()
            store.save_articles(db, renamed, EXTRACTOR_VERSION)
            seconds += time.perf_counter() - t0
            stored += len(batch)
        copy += 1
    quotes = db.execute("SELECT count(*) FROM quotes").fetchone()[0]
    t0 = time.perf_counter()
    store.refresh(db, full=True)
    refresh = time.perf_counter() - t0
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    merged = workdir / "merged.db"
    harness.remove_db(merged)
    t0 = time.perf_counter()
    merge(str(merged), [str(path)], refresh=False)
    merge_s = time.perf_counter() - t0
    return {"articles": stored, "quotes": quotes, "seconds": seconds, "per_s": stored / seconds,
            "refresh_s": refresh, "merge_s": merge_s, "merge_per_s": stored / merge_s}


def projection(per_worker: float, efficiency: float, writer: float, merge_rate: float) -> list[dict]:
    rows = []
    for workers in (10, 100, 1000):
        parse = workers * per_worker * efficiency
        single = min(parse, writer)
        rows.append({"workers": workers, "parse_per_s": parse,
                     "single_writer_hours": PROJECTED_ARTICLES / single / 3600,
                     "single_writer_bound": "writer" if writer < parse else "workers",
                     "shards_hours": (PROJECTED_ARTICLES / parse + PROJECTED_ARTICLES / merge_rate) / 3600,
                     "shards_merge_hours": PROJECTED_ARTICLES / merge_rate / 3600})
    return rows


def main(argv: list[str] | None = None) -> dict:
    parser = harness.parser(__doc__, articles=160, repeats=1, model=True, workdir="the corpus and databases")
    parser.add_argument("--writer-articles", type=int, default=20_000,
                        help="articles stored for the writer's ceiling (default 20,000)")
    parser.add_argument("--writer-only", action="store_true",
                        help="parse the corpus once (processes=2) for its batches and measure the writer only")
    args = parser.parse_args(argv)
    return harness.run(args, "bench-cluster-", measure)


def measure(args: argparse.Namespace, workdir: Path) -> dict:
    info = harness.machine()
    other_before = harness.other_cpu_load()
    jsonl, size = harness.write_corpus(workdir, args.articles, args.seed)
    print(f"corpus: {size['articles']:,} articles, {size['words']:,} words (seed {args.seed})")
    print(harness.describe_machine(info, other_before))

    modes = ["local:1", "local:2", "processes=2"]
    runs: dict[str, list[dict]] = {m: [] for m in modes}
    batches: list = []  # what the first run stored, stored again for the writer's ceiling
    if args.writer_only:
        run(jsonl, workdir, args.model, "processes=2", "batches", keep=batches)
        writer = writer_ceiling(batches, workdir, args.writer_articles)
        print(f"writer's ceiling: {writer['per_s']:,.0f} articles/s stored by one process "
              f"({writer['articles']:,} articles, {writer['quotes']:,} quotes in {writer['seconds']:.1f} s); "
              f"full refresh {writer['refresh_s']:.1f} s; merge {writer['merge_per_s']:,.0f} articles/s "
              f"({writer['merge_s']:.1f} s)")
        return {"writer": writer, "machine": info}
    for rep in range(args.repeats):
        for mode in (modes if rep % 2 == 0 else modes[::-1]):
            r = run(jsonl, workdir, args.model, mode, f"{rep}-{mode}", keep=batches if not batches else None)
            runs[mode].append(r)
            print(f"  run {rep + 1}, {mode:11}: {r['seconds']:7.1f} s, {r['per_s']:.2f} articles/s "
                  f"(steady {r['steady_per_s']:.2f})", flush=True)
    result = {"articles": size["articles"], "words": size["words"], "machine": info, "other_cpu_before": other_before,
              **compare(runs)}
    writer = writer_ceiling(batches, workdir, args.writer_articles)
    print(f"\nwriter's ceiling: {writer['per_s']:,.0f} articles/s stored by one process "
          f"({writer['articles']:,} articles, {writer['quotes']:,} quotes in {writer['seconds']:.1f} s, "
          f"batches of 50; extraction excluded)")
    print(f"full refresh of that database: {writer['refresh_s']:.1f} s; "
          f"merging it as a shard: {writer['merge_per_s']:,.0f} articles/s ({writer['merge_s']:.1f} s)")
    result["writer"] = {k: round(v, 3) if isinstance(v, float) else v for k, v in writer.items()}
    result["projection"] = print_projection(result["steady"]["local:1"], result["scaling_steady"] / 2, writer)
    result["steady"] = {m: round(v, 3) for m, v in result["steady"].items()}
    result["scaling_steady"] = round(result["scaling_steady"], 3)
    result["other_cpu_after"] = harness.other_cpu_load()
    print(f"other processes at the end: {result['other_cpu_after']} cores (a speed-up needs both cores free)")
    return result


def compare(runs: dict[str, list[dict]]) -> dict:
    """The best run of each mode, and how the modes compare against their targets."""
    modes = list(runs)
    best = {m: max(rs, key=lambda r: r["per_s"]) for m, rs in runs.items()}
    steady = {m: max(r["steady_per_s"] for r in rs) for m, rs in runs.items()}
    scaling = best["local:2"]["per_s"] / best["local:1"]["per_s"]
    scaling_steady = steady["local:2"] / steady["local:1"]
    vs_pool = best["local:2"]["per_s"] / best["processes=2"]["per_s"]
    vs_pool_steady = steady["local:2"] / steady["processes=2"]
    print()
    for m in modes:
        print(f"{m:11}: {best[m]['per_s']:6.2f} articles/s end to end ({best[m]['seconds']:.1f} s), "
              f"{steady[m]:6.2f} steady")
    print(f"local:2 / local:1    : {scaling:.2f}x end to end, {scaling_steady:.2f}x steady   target >= "
          f"{TARGET_SCALING}x  {'ok' if max(scaling, scaling_steady) >= TARGET_SCALING else 'MISSES target'}")
    print(f"local:2 / processes=2: {vs_pool:.2f}x end to end, {vs_pool_steady:.2f}x steady   target >= "
          f"{TARGET_VS_POOL}x  {'ok' if max(vs_pool, vs_pool_steady) >= TARGET_VS_POOL else 'MISSES target'}")
    return {"runs": {m: {k: round(v, 3) if isinstance(v, float) else v for k, v in best[m].items()} for m in modes},
            "steady": steady, "scaling": round(scaling, 3), "scaling_steady": scaling_steady,
            "vs_pool": round(vs_pool, 3), "vs_pool_steady": round(vs_pool_steady, 3)}


def print_projection(per_worker: float, efficiency: float, writer: dict) -> list[dict]:
    """The projection's table, printed as Markdown."""
    rows = projection(per_worker, min(efficiency, 1.0), writer["per_s"], writer["merge_per_s"])
    print(f"\nPROJECTION (computed from the figures above, not measured): {PROJECTED_ARTICLES:,} articles, "
          f"{per_worker:.2f} articles/s per worker x {min(efficiency, 1.0):.2f} efficiency, "
          f"one writer at {writer['per_s']:,.0f}/s, merge at {writer['merge_per_s']:,.0f}/s; refresh excluded")
    print("| workers | parsing articles/s | one writer: hours (bound by) | shards: hours (of which merge) |")
    print("| ---: | ---: | ---: | ---: |")
    for row in rows:
        print(f"| {row['workers']:,} | {row['parse_per_s']:,.0f} | {row['single_writer_hours']:.1f} "
              f"({row['single_writer_bound']}) | {row['shards_hours']:.1f} ({row['shards_merge_hours']:.1f}) |")
    return rows


if __name__ == "__main__":
    main()
