"""Throughput of the quote pipeline against a bare spaCy parse of the same texts.

Three measurements on one generated corpus, in one process, best of N repetitions:

  (a) bare parse: ``spacy.load(model)`` and ``nlp.pipe(texts)`` -- the model's own
      components only (the same ones ``quotes.extract.load`` keeps), same batch size;
  (b) our pipeline: ``quotes.extract.load(model)`` through ``quotes.extract.extract()``
      -- the parse plus the ``quote_paragraphs`` and ``quotes`` components;
  (c) the full ingest: ``quotes.ingest.ingest()`` with processes=1 from the generated
      JSON Lines file into a fresh SQLite database -- reading, model load, extraction,
      storage and the final refresh.

(a) and (b) take turns chunk by chunk (10 chunks by default, the order alternating), so that
other work on the machine slows both alike; (c) follows as one whole ingest in each
repetition. Words are whitespace-separated pieces of the article text. Wall-clock and CPU
time of this process are both reported. Target: (b) and (c) >= 0.85 x (a).

It also scores the pipeline on the hand-annotated seed articles (and the development set)
with ``quotes.evaluate.evaluate``, so speed and quality of the same configuration show up in
one output.

    .venv/bin/python -m benchmarks.bench_ingest                 # 300 articles, best of 2
    .venv/bin/python -m benchmarks.bench_ingest --articles 100 --repeats 2 --json
"""
from __future__ import annotations

import argparse
from pathlib import Path

from . import corpus, harness
from .harness import DEV_DIR, DEV_GOLD, SEEDS_DIR, SEEDS_GOLD, Sum, Timer, timed_extract

TARGET = 0.85


def run_bare(nlp, texts: list[str], batch_size: int) -> tuple[Timer, int]:
    tokens = 0
    with Timer() as t:
        for doc in nlp.pipe(texts, batch_size=batch_size):
            tokens += len(doc)
    return t, tokens


def run_ingest(jsonl: Path, workdir: Path, model: str, rep: int) -> tuple[Timer, int]:
    from quotes.ingest import ingest

    db_path = workdir / f"ingest-{rep}.db"
    with Timer() as t:
        summary = ingest(str(db_path), [str(jsonl)], model=model, processes=1)
    harness.remove_db(db_path)
    if summary.failed:
        raise SystemExit(f"ingest failed on {summary.failed} articles: {summary.errors[:3]}")
    return t, summary.quotes


def breakdown(jsonl: Path, workdir: Path, extracted: list, model: str) -> dict:
    """Seconds spent by the non-parsing steps of an ingest, each timed on its own."""
    from quotes import store
    from quotes.extract import EXTRACTOR_VERSION, load
    from quotes.readers import iter_articles

    parts = {}
    with Timer() as t:
        for _ in iter_articles([str(jsonl)]):
            pass
    parts["read"] = t.wall
    with Timer() as t:
        load(model)
    parts["model_load"] = t.wall
    db_path = workdir / "breakdown.db"
    db = store.open_db(db_path)
    with Timer() as t:
        for i in range(0, len(extracted), 50):  # ingest's default batch
            store.save_articles(db, extracted[i:i + 50], EXTRACTOR_VERSION)
    parts["save"] = t.wall
    with Timer() as t:
        store.refresh(db)
    parts["refresh"] = t.wall
    db.close()
    return {k: round(v, 3) for k, v in parts.items()}


def quality(model: str) -> dict:
    from quotes.evaluate import evaluate

    found = {}
    for name, gold, folder in (("seeds", SEEDS_GOLD, SEEDS_DIR), ("dev", DEV_GOLD, DEV_DIR)):
        if not gold.exists():
            continue
        result = evaluate(str(gold), str(folder), model=model)
        found[name] = {"end2end_f1": result["end2end"]["f1"], "quotes_f1": result["quotes"]["f1"],
                       "speaker_accuracy": result["speaker_accuracy"], "gold": result["gold"],
                       "predicted": result["predicted"], "articles": result["articles"]}
    return found


def main(argv: list[str] | None = None) -> dict:
    parser = harness.parser(__doc__, articles=300, repeats=2, model=True, workdir="the corpus and databases")
    parser.add_argument("--chunks", type=int, default=10,
                        help="(a) and (b) take turns on this many chunks of the corpus (default 10)")
    parser.add_argument("--batch-size", type=int, default=32,
                        help="nlp.pipe batch size for (a) and (b) (default 32, as extract())")
    parser.add_argument("--no-eval", action="store_true", help="skip the quality scores")
    args = parser.parse_args(argv)
    return harness.run(args, "bench-ingest-", measure)


def measure(args: argparse.Namespace, workdir: Path) -> dict:
    from quotes.readers import iter_articles
    from quotes.records import Article

    info = harness.machine()
    other_before = harness.other_cpu_load()
    jsonl, size = harness.write_corpus(workdir, args.articles, args.seed)
    # The articles exactly as ingest reads them (title, skip ranges...), for (a) and (b).
    articles = [a for a in iter_articles([str(jsonl)]) if isinstance(a, Article)]
    words = sum(corpus.count_words(a.text) for a in articles)
    print(f"corpus: {len(articles):,} articles, {words:,} words (seed {args.seed}), "
          f"{size['bytes']:,} bytes of JSONL")
    print(harness.describe_machine(info, other_before))
    runs, counts, extracted = take_turns(args, articles, jsonl, workdir)
    result = {"articles": len(articles), "words": words, "tokens": counts["tokens"],
              "quotes": counts["quotes_b"], "seed": args.seed, "repeats": args.repeats,
              "batch_size": args.batch_size, "model": args.model, "machine": info,
              "other_cpu_before": other_before}
    report(result, runs, counts, breakdown(jsonl, workdir, extracted, args.model))
    if not args.no_eval:
        with Timer() as t:
            scores = quality(args.model)
        result["quality"] = scores
        for name, s in scores.items():
            print(f"quality on {name} ({s['articles']} articles, {s['gold']} gold quotes): "
                  f"end-to-end F1 {s['end2end_f1']:.3f}, quote F1 {s['quotes_f1']:.3f}, "
                  f"speaker accuracy {s['speaker_accuracy']:.3f}  [{args.model}]")
        print(f"(scored in {t.wall:.1f} s)")
    result["other_cpu_after"] = harness.other_cpu_load()
    print(f"other processes at the end: {result['other_cpu_after']} cores")
    return result


def take_turns(args: argparse.Namespace, articles: list, jsonl: Path, workdir: Path) -> tuple[dict, dict, list]:
    """(a) and (b) in turns chunk by chunk, then (c), in each repetition: the timings of each,
    the tokens and quotes counted, and the quotes (b) found in the first repetition."""
    import spacy

    from quotes.extract import load
    from quotes.extract.pipeline import NEEDED_PIPES

    texts = [a.text for a in articles]
    bare = spacy.load(args.model)
    for name in bare.pipe_names:
        if name not in NEEDED_PIPES:
            bare.disable_pipe(name)
    ours = load(args.model)
    print(f"model {args.model}: bare {bare.pipe_names}; ours {ours.pipe_names}")
    for nlp in (bare, ours):  # warm-up: first calls allocate
        for _ in nlp.pipe(texts[:4]):
            pass

    # (a) and (b) take turns chunk by chunk, so both see the same machine: other work on
    # the machine slows whatever runs at the time, and a turn of a few seconds each keeps
    # that even. (c) is one whole ingest per repetition, right after.
    size_chunk = max(1, -(-len(articles) // args.chunks))
    chunks = [articles[i:i + size_chunk] for i in range(0, len(articles), size_chunk)]
    runs: dict[str, list] = {"a": [], "b": [], "c": []}
    counts = {"tokens": 0, "quotes_b": 0}
    extracted: list = []
    for rep in range(args.repeats):
        sums = {"a": Sum(), "b": Sum()}
        tokens = found = 0
        for i, chunk in enumerate(chunks):
            for which in ("a", "b") if (i + rep) % 2 == 0 else ("b", "a"):
                if which == "a":
                    t, n = run_bare(bare, [x.text for x in chunk], args.batch_size)
                    tokens += n
                else:
                    t, n = timed_extract(ours, chunk, args.batch_size, extracted if rep == 0 else None)
                    found += n
                sums[which].add(t)
        counts["tokens"], counts["quotes_b"] = tokens, found
        t, counts["quotes_c"] = run_ingest(jsonl, workdir, args.model, rep)
        for which, timing in (("a", sums["a"]), ("b", sums["b"]), ("c", t)):
            runs[which].append(timing)
        print(f"  repetition {rep + 1}: (a) {sums['a'].wall:6.1f} s, (b) {sums['b'].wall:6.1f} s "
              f"[{len(chunks)} chunks each, in turns], (c) {t.wall:6.1f} s wall; "
              f"(b)/(a) {sums['a'].wall / sums['b'].wall:.3f}, (c)/(a) {sums['a'].wall / t.wall:.3f}",
              flush=True)
    return runs, counts, extracted


def report(result: dict, runs: dict, counts: dict, parts: dict) -> None:
    """The best words/s of (a), (b) and (c) and their ratios, printed and added to ``result``."""
    words = result["words"]

    def best(which: str, attr: str) -> float:
        return min(getattr(t, attr) for t in runs[which])

    labels = {"a": "(a) bare nlp.pipe", "b": "(b) extract.load + extract()",
              "c": "(c) full ingest, processes=1"}
    print()
    for which in "abc":
        wall, cpu = best(which, "wall"), best(which, "cpu")
        result[which] = {"seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
                         "words_per_s": round(words / wall, 1),
                         "words_per_cpu_s": round(words / cpu, 1),
                         "all_seconds": [round(t.wall, 3) for t in runs[which]],
                         "all_cpu_seconds": [round(t.cpu, 3) for t in runs[which]]}
        print(f"{labels[which]:32} {words / wall:8,.0f} words/s wall ({wall:6.2f} s)   "
              f"{words / cpu:8,.0f} words/CPU-s ({cpu:6.2f} s)")
    load_s = parts["model_load"]
    c_excl = best("c", "wall") - load_s
    result["c"]["words_per_s_excluding_model_load"] = round(words / c_excl, 1)
    print(f"{'(c) without one model load':32} {words / c_excl:8,.0f} words/s wall "
          f"(model load {load_s:.2f} s)")
    print(f"quotes found: (b) {counts['quotes_b']:,}, (c) {counts['quotes_c']:,}")
    print()
    for num in "bc":
        for attr, unit in (("wall", "wall"), ("cpu", "CPU")):
            ratio = best("a", attr) / best(num, attr)
            result[f"ratio_{num}_a_{attr}"] = round(ratio, 3)
            verdict = "ok" if ratio >= TARGET else "MISSES target"
            print(f"ratio ({num})/(a), {unit:4}: {ratio:.3f}   target >= {TARGET}  {verdict}")
    result["target"] = TARGET
    result["breakdown_seconds"] = parts
    print("outside the parse, timed on their own: " +
          ", ".join(f"{k} {v:.2f} s" for k, v in parts.items()))


if __name__ == "__main__":
    main()
