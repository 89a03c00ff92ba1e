"""What confidence and evidence cost, against the parse of the same articles.

Every quote the component finds gets the offsets of the mention its speaker was resolved to
and a confidence from the features of how it was found. This script parses the Wikinews
development articles once, then times ``find_quotes`` on the parsed documents with those two
steps and without them (best of ``--repeats``, CPU time), and prints the difference as a share
of the parse (target: under 5 %).

    .venv/bin/python -m benchmarks.bench_confidence
    .venv/bin/python -m benchmarks.bench_confidence --articles 40 --json
"""
from __future__ import annotations

import time
from collections.abc import Callable
from unittest import mock

from quotes.extract import component
from quotes.extract.pipeline import load, unparsed
from quotes.readers import ReadError, iter_articles

from . import harness

ARTICLES = sorted((harness.ROOT / "tests" / "data").glob("wikinews*/articles/*.txt"))


def cpu(run: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    args = harness.parser(__doc__, articles=len(ARTICLES), seed=False, repeats=3, model=True).parse_args()
    nlp = load(args.model)
    articles = [a for a in iter_articles([str(p) for p in ARTICLES[:args.articles]]) if not isinstance(a, ReadError)]
    made = [unparsed(nlp, a) for a in articles]
    start = time.process_time()
    with nlp.select_pipes(disable=["quotes"]):
        docs = list(nlp.pipe(made))
    parse = time.process_time() - start
    lexicon = nlp.get_pipe("quotes").lexicon

    def find() -> None:
        for doc in docs:
            component.find_quotes(doc, lexicon)

    full = cpu(find, args.repeats)
    with mock.patch.object(component, "features", lambda quote, names, text: {}), \
            mock.patch.object(component, "antecedent", lambda text, quote, history: None), \
            mock.patch.object(component, "MODEL", lambda found: None):
        bare = cpu(find, args.repeats)
    words = sum(len(a.text.split()) for a in articles)
    share = (full - bare) / parse
    print(f"{len(docs)} articles of tests/data/wikinews*, {words:,} words")
    print(f"parse {parse:.2f} CPU-s; find_quotes {full:.3f} CPU-s, of which confidence and evidence "
          f"{full - bare:.3f} CPU-s: {share:.2%} of the parse (target < 5 %: {'ok' if share < 0.05 else 'MISSES'})")
    harness.summary({"articles": len(docs), "words": words, "parse_s": round(parse, 3),
                     "find_quotes_s": round(full, 3), "confidence_evidence_s": round(full - bare, 3),
                     "share_of_parse": round(share, 4)}, args)


if __name__ == "__main__":
    main()
