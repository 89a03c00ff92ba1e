"""Would it pay to parse only the sentences that can hold a quote?

A sentence outside quotation marks with no reporting word ("said", "told", "according",
"statement"...) yields no quote of its own, so a pipeline could skip its parse. This script
measures what that would save and what it would cost, in one run:

  * the share of words in such sentences, in the generated corpus, the seed articles and
    the development articles (sentences split by a regular expression, before any parse);
  * (b) ``quotes.extract.extract()`` on the articles as they are, against (d) the same on
    copies whose other sentences are blanked out (spaces, so offsets hold), in turns;
  * the seed and development scores of (b) and (d): blanking also hides the names that
    pronouns, surnames and role mentions are resolved against.

``--context N`` keeps N sentences before each kept one as well, for those antecedents.

    .venv/bin/python -m benchmarks.bench_prefilter                  # 200 articles, ~4 min
    .venv/bin/python -m benchmarks.bench_prefilter --context 1 --json
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
import tempfile
from pathlib import Path

from . import corpus, harness
from .harness import DEV_DIR, DEV_GOLD, SEEDS_DIR, SEEDS_GOLD, Sum, timed_extract

SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+[\"”’)]*|$)")
WORD = re.compile(r"[A-Za-z]+")
# Past forms the suffix rules below cannot undo.
IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "spoke": "speak",
             "spoken": "speak", "swore": "swear", "sworn": "swear", "made": "make", "gave": "give",
             "given": "give", "taught": "teach"}
SUFFIXES = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
            ("ing", ""), ("ing", "e"))


def cue_words() -> frozenset[str]:
    from quotes import lexicon

    return (lexicon.REPORTING_VERBS | lexicon.REPORTING_NOUNS | lexicon.ATTITUDE_NOUNS
            | {"according"})


def lemmas(word: str) -> set[str]:
    """Candidate lemmas of a word, without a tagger: over-generating is harmless here."""
    word = word.lower()
    found = {word, IRREGULAR.get(word, word)}
    for suffix, replacement in SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)] + replacement
            found |= {base, base[:-1]} if base[-1:] == base[-2:-1] else {base}
    return found


def sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text) if text[m.start():m.end()].strip()]


def blank_unquotable(text: str, cues: frozenset[str], context: int) -> tuple[str, int, int]:
    """The text with every sentence that cannot hold a quote blanked; words kept, words in all."""
    from quotes.extract import blank_out
    from quotes.extract.marks import quoted_runs

    spans = sentences(text)
    quoted = [piece for run in quoted_runs(text, []) for piece in run]
    keep = [any(a < e and s < b for a, b in quoted)
            or any(lemmas(w) & cues for w in WORD.findall(text[s:e])) for s, e in spans]
    wanted = [any(keep[j] for j in range(i, min(len(spans), i + context + 1))) for i in range(len(spans))]
    dropped = [span for span, w in zip(spans, wanted, strict=True) if not w]
    kept_words = sum(len(text[s:e].split()) for (s, e), w in zip(spans, wanted, strict=True) if w)
    return blank_out(text, dropped), kept_words, len(text.split())


def blanked(articles: list, cues: frozenset[str], context: int) -> tuple[list, float]:
    out, kept, total = [], 0, 0
    for article in articles:
        text, k, t = blank_unquotable(article.text, cues, context)
        out.append(dataclasses.replace(article, text=text))
        kept, total = kept + k, total + t
    return out, kept / total if total else 1.0


def scores(nlp, gold_path: Path, folder: Path, cues: frozenset[str], context: int | None) -> dict:
    """Score extraction on a gold set; with ``context`` set, on blanked copies of the articles."""
    from quotes import store
    from quotes.evaluate import score
    from quotes.extract import EXTRACTOR_VERSION, extract
    from quotes.readers import iter_articles
    from quotes.records import Article

    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = {g["article"] for g in gold}
    articles = [a for a in iter_articles([str(folder)]) if isinstance(a, Article) and a.name in names]
    if context is not None:
        articles, _ = blanked(articles, cues, context)
    with tempfile.TemporaryDirectory() as tmp:
        db = store.open_db(Path(tmp) / "quotes.db")
        store.save_articles(db, list(extract(nlp, articles)), EXTRACTOR_VERSION)
        store.refresh(db)
        pred = list(store.export_rows(db))
        db.close()
    result = score(gold, pred)
    return {"end2end_f1": result["end2end"]["f1"], "quotes_f1": result["quotes"]["f1"],
            "speaker_accuracy": result["speaker_accuracy"]}


def main(argv: list[str] | None = None) -> dict:
    parser = harness.parser(__doc__, articles=200, model=True)
    parser.add_argument("--context", type=int, default=0,
                        help="also keep this many sentences before each kept one (default 0)")
    parser.add_argument("--chunks", type=int, default=8, help="(b) and (d) take turns on this many chunks")
    args = parser.parse_args(argv)
    result = measure(args)
    harness.summary(result, args)
    return result


def measure(args: argparse.Namespace) -> dict:
    from quotes.extract import load
    from quotes.readers import iter_articles
    from quotes.records import Article

    cues = cue_words()
    info = harness.machine()
    print(harness.describe_machine(info, harness.other_cpu_load()))
    with harness.scratch(None, "bench-prefilter-") as workdir:
        jsonl, _ = harness.write_corpus(workdir, args.articles, args.seed)
        articles = [a for a in iter_articles([str(jsonl)]) if isinstance(a, Article)]
    result: dict = {"articles": len(articles), "context": args.context, "machine": info, "kept": {}}
    print(f"sentences kept: those inside quotation marks or with a reporting word, "
          f"plus {args.context} before each")
    for name, group in (("corpus", articles),
                        ("seeds", [a for a in iter_articles([str(SEEDS_DIR)]) if isinstance(a, Article)]),
                        ("dev", [a for a in iter_articles([str(DEV_DIR)]) if isinstance(a, Article)])):
        _, share = blanked(group, cues, args.context)
        result["kept"][name] = round(share, 3)
        print(f"  {name:7} {share:6.1%} of the words are in kept sentences")

    nlp = load(args.model)
    short, _ = blanked(articles, cues, args.context)
    size = max(1, -(-len(articles) // args.chunks))
    sums = {"b": Sum(), "d": Sum()}
    for i in range(0, len(articles), size):
        turns = (("b", articles), ("d", short)) if (i // size) % 2 == 0 else (("d", short), ("b", articles))
        for which, texts in turns:
            t, _ = timed_extract(nlp, texts[i:i + size], 32)
            sums[which].add(t)
    words = sum(corpus.count_words(a.text) for a in articles)
    speedup = sums["b"].wall / sums["d"].wall
    result.update(b_words_per_s=round(words / sums["b"].wall, 1),
                  d_words_per_s=round(words / sums["d"].wall, 1), speedup=round(speedup, 3))
    print(f"(b) every sentence parsed:    {words / sums['b'].wall:8,.0f} words/s")
    print(f"(d) kept sentences only:      {words / sums['d'].wall:8,.0f} words/s (of the whole "
          f"text)  = {speedup:.2f} x (b)")

    result["quality"] = {}
    for name, gold, folder in (("seeds", SEEDS_GOLD, SEEDS_DIR), ("dev", DEV_GOLD, DEV_DIR)):
        if not gold.exists():
            continue
        full = scores(nlp, gold, folder, cues, None)
        part = scores(nlp, gold, folder, cues, args.context)
        result["quality"][name] = {"b": full, "d": part}
        print(f"{name:5} (b) end-to-end F1 {full['end2end_f1']:.3f}, quote F1 {full['quotes_f1']:.3f}, "
              f"speaker accuracy {full['speaker_accuracy']:.3f}")
        print(f"{'':5} (d) end-to-end F1 {part['end2end_f1']:.3f}, quote F1 {part['quotes_f1']:.3f}, "
              f"speaker accuracy {part['speaker_accuracy']:.3f}")
    return result


if __name__ == "__main__":
    main()
