"""Every article in eight forms through the pipeline: none may raise.

Real text reaches the rules in shapes no test sentence has: shouted in capitals, lower-cased
by a feed, without its quotation marks, with straight marks for curly ones, on one line,
cut off mid-sentence, title-cased like a headline. Each article of the given folders (by
default the sample articles and every annotated set) is run through ``quotes.extract.load()``
as written and in the seven other forms; the script prints how many documents ran, how many
raised (with the file, the form and the error) and the time taken.

    .venv/bin/python -m benchmarks.bench_forms                       # ~2,000 documents, ~12 min
    .venv/bin/python -m benchmarks.bench_forms tests/data/dev/articles --json
"""
from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .harness import ROOT

FOLDERS = [ROOT / "examples" / "articles", *sorted((ROOT / "tests" / "data").glob("*/articles"))]
CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def forms(text: str, rng: random.Random) -> Iterator[tuple[str, str]]:
    """The article as written and in seven other shapes."""
    shapes: dict[str, Callable[[str], str]] = {
        "as written": lambda t: t,
        "upper case": str.upper,
        "lower case": str.lower,
        "title case": str.title,
        "without quotation marks": lambda t: re.sub("[\"“”]", "", t),
        "straight marks": lambda t: t.translate(CURLY),
        "one line": lambda t: t.replace("\n", " "),
        "cut short": lambda t: t[:rng.randrange(len(t))] if t else t,
    }
    for name, shape in shapes.items():
        yield name, shape(text)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=FOLDERS, help="folders of .txt articles")
    parser.add_argument("--seed", type=int, default=7, help="where articles are cut (default 7)")
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    args = parser.parse_args(argv)
    from quotes.extract import load

    nlp, rng = load(), random.Random(args.seed)
    files = [f for folder in args.folders for f in sorted(folder.glob("*.txt"))]
    ran, failures, start = 0, [], time.perf_counter()
    for path in files:
        for name, text in forms(path.read_text(encoding="utf-8"), rng):
            try:
                nlp(text)
            except Exception as error:  # noqa: BLE001 -- every failure is what this script counts
                failures.append({"file": str(path), "form": name, "error": f"{type(error).__name__}: {error}"})
            ran += 1
    seconds = time.perf_counter() - start
    for failure in failures:
        print(f"FAILED {failure['file']} ({failure['form']}): {failure['error']}")
    print(f"{len(files):,} articles, {ran:,} documents in {seconds:.0f} s: {len(failures)} raised")
    result = {"articles": len(files), "documents": ran, "failed": failures, "seconds": round(seconds, 1)}
    if args.json:
        print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
