"""A deterministic synthetic news corpus for the benchmarks.

Articles are made by recombining the body paragraphs and sentences of the sample articles
(``examples/articles``) and of the development articles (``tests/data/dev/articles``): each
generated article has a headline line, then 8-25 paragraphs drawn from random source
articles (most of them whole paragraphs, some rebuilt from 1-3 random sentences), an outlet
and a publication date spread over two years. The same ``seed`` always gives the same
corpus, so two runs (or two machines) measure the same texts.

``prose()`` and ``one_sentence()`` make the long texts of the hostile inputs, for the tests as
for ``bench_hostile``.

Used as a module by the benchmark scripts and the tests (``from benchmarks import corpus``,
from the repository root) or on its own to write a JSON Lines file that ``quotes ingest``
reads::

    .venv/bin/python -m benchmarks.corpus /tmp/corpus.jsonl --articles 1000 --seed 1
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "articles"
SOURCE_DIRS = (SAMPLES, ROOT / "tests" / "data" / "dev" / "articles")
OUTLETS = (
    "Reuters", "Associated Press", "Yonhap", "Agence France-Presse", "The Moscow Times",
    "The Korea Herald", "BBC", "The Guardian", "Kyodo", "NK News", "Al Jazeera", "Politico",
)
START_DATE = dt.date(2023, 1, 1)
DAYS = 730  # publication dates spread over two years
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 8, 25
SENTENCE_SHARE = 0.25  # share of paragraphs rebuilt from random sentences
MIN_WORDS = 6  # shorter lines are bylines, menus and labels, not body paragraphs

# A sentence may end at . ? ! (maybe followed by a closing quotation mark) before a capital or
# an opening mark; it does end there if no quotation is left open. Good enough to recombine:
# the parser decides the real boundaries.
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])[”\"’]?(?=\s+[“\"‘A-Z])")


def source_files() -> list[Path]:
    files = sorted(p for d in SOURCE_DIRS for p in d.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no sample articles in {', '.join(map(str, SOURCE_DIRS))}")
    return files


def _body_paragraphs(text: str) -> list[str]:
    """The body paragraphs of one article: non-empty lines after the first one (the headline,
    or site chrome before it), without the lines the project itself treats as boilerplate
    (captions, menus, bylines, appeals)."""
    try:
        from quotes.readers import skip_ranges
        skip = skip_ranges(text, None)
    except ImportError:  # the package is not importable: keep every line
        skip = []
    paragraphs, offset, first = [], 0, True
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        if first:  # the headline (or the chrome line before it)
            first = False
            continue
        if any(s <= start < e for s, e in skip) or len(stripped.split()) < MIN_WORDS:
            continue
        paragraphs.append(stripped)
    return list(dict.fromkeys(paragraphs))  # captions are often repeated verbatim


@lru_cache(maxsize=1)
def sources() -> tuple[tuple[str, ...], ...]:
    """Body paragraphs of every source article, one tuple per article."""
    found = []
    for path in source_files():
        paragraphs = _body_paragraphs(path.read_text(encoding="utf-8"))
        if paragraphs:
            found.append(tuple(paragraphs))
    return tuple(found)


def split_sentences(paragraph: str) -> list[str]:
    sentences, start = [], 0
    for match in _SENTENCE_BREAK.finditer(paragraph):
        piece = paragraph[start:match.end()]
        if piece.count('"') % 2 == 0 and piece.count("“") == piece.count("”"):
            sentences.append(piece.strip())
            start = match.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


@lru_cache(maxsize=1)
def _sentences() -> tuple[str, ...]:
    return tuple(s for article in sources() for p in article for s in split_sentences(p))


def sentences() -> list[str]:
    """Every sentence of every source article body, in file order."""
    return list(_sentences())


def _headline(rng: random.Random) -> str:
    words = rng.choice(_sentences()).strip("“”\"'‘’").split()
    size = rng.randint(6, 12)
    start = rng.randrange(max(1, len(words) - size + 1))
    head = " ".join(words[start:start + size]).strip(" ,;:.“”\"'‘’—–-")
    return (head[:1].upper() + head[1:]) or "News in brief"


def _paragraph(rng: random.Random) -> str:
    if rng.random() < SENTENCE_SHARE:
        return " ".join(rng.choice(_sentences()) for _ in range(rng.randint(1, 3)))
    return rng.choice(rng.choice(sources()))  # a random source article, then a paragraph


def generate(n: int, seed: int = 0) -> Iterator[dict]:
    """``n`` article records (name, title, text, url, outlet, published), made lazily."""
    rng = random.Random(seed)
    for i in range(n):
        title = _headline(rng)
        paragraphs = [_paragraph(rng) for _ in range(rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS))]
        published = START_DATE + dt.timedelta(days=rng.randrange(DAYS))
        name = f"synthetic-{seed}-{i:06d}"
        yield {
            "name": name,
            "title": title,
            "text": title + "\n\n" + "\n\n".join(paragraphs) + "\n",
            # A url makes the article id unique even if two texts came out the same.
            "url": f"https://news.example.org/{seed}/{i:06d}",
            "outlet": rng.choice(OUTLETS),
            "published": published.isoformat(),
        }


def count_words(text: str) -> int:
    """Words as every benchmark counts them: whitespace-separated pieces of text."""
    return len(text.split())


def write_jsonl(path: str | Path, n: int, seed: int = 0) -> dict:
    """Write ``generate(n, seed)`` to ``path`` one record at a time; returns its size."""
    articles = words = 0
    with open(path, "w", encoding="utf-8") as fh:
        for record in generate(n, seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            articles += 1
            words += count_words(record["text"])
    return {"path": str(path), "articles": articles, "words": words,
            "bytes": Path(path).stat().st_size}


def prose(chars: int) -> str:
    """The sample articles' paragraphs, repeated, blank lines between: ``chars`` at most."""
    paragraphs = [p.strip() for f in sorted(SAMPLES.glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out, size = [], 0
    while size + len(paragraphs[len(out) % len(paragraphs)]) + 2 <= chars:
        out.append(paragraphs[len(out) % len(paragraphs)])
        size += len(out[-1]) + 2
    return "\n\n".join(out)


def one_sentence(words: int) -> str:
    """The sample articles' words of five letters or fewer, full stops dropped: one sentence."""
    pool = [w for w in re.sub(r"[.!?]", "", prose(100_000)).split() if len(w) <= 5]
    return " ".join(pool[n % len(pool)] for n in range(words))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", help="JSON Lines file to write")
    parser.add_argument("--articles", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary")
    args = parser.parse_args(argv)
    info = write_jsonl(args.output, args.articles, args.seed)
    info.update(sources=len(sources()), paragraphs=sum(map(len, sources())), sentences=len(_sentences()))
    if args.json:
        print(json.dumps(info))
    else:
        print(f"{info['articles']:,} articles, {info['words']:,} words, {info['bytes']:,} bytes "
              f"-> {info['path']} (from {info['sources']} source articles, "
              f"{info['paragraphs']} paragraphs, {info['sentences']} sentences)")


if __name__ == "__main__":
    main()
