"""Fixtures shared by the tests: one loaded pipeline, the sample articles, scratch databases."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "articles"
GOLD = ROOT.parent / "shared" / "eval" / "seeds.gold.jsonl"


@pytest.fixture(scope="session")
def nlp():
    from quotes.extract import load

    return load()


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Quote records of a text, the whole text treated as article body."""

    def run(text: str) -> list:
        return [q.record() for q in nlp(text)._.quotes]

    return run


@pytest.fixture(scope="session")
def sample_quotes(nlp):
    """Quotes of every sample article, keyed by file name."""
    from quotes.readers import iter_articles
    from quotes.extract import extract

    return {article.name: quotes for article, quotes in extract(nlp, iter_articles([str(SAMPLES)]))}


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """A database holding the ingested sample articles."""
    from quotes.ingest import ingest

    path = tmp_path_factory.mktemp("samples") / "quotes.db"
    ingest(str(path), [str(SAMPLES)], processes=1)
    return path


@pytest.fixture(scope="session")
def gold():
    if not GOLD.exists():
        pytest.skip("the shared gold annotation is not beside the repository")
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
