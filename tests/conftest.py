"""Fixtures and helpers shared by the tests: one loaded pipeline, the sample articles and their
gold quotes, scratch databases, the ``quotes`` command run in this process and one Datasette
app serving the samples.

Everything the tests read is in the repository: a plain clone runs every test."""
from __future__ import annotations

import asyncio
import dataclasses
import functools
import json
import re
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "articles"
GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"  # the seed annotation of the sample articles
QUOTES = Path(sys.executable).parent / "quotes"  # the installed console script


# ---- Extraction ----

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


def only(quotes: list) -> Any:
    """The one quote of ``quotes``."""
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.fixture(scope="session")
def sample_quotes(nlp):
    """Quotes of every sample article, keyed by file name."""
    from quotes.extract import extract

    return {article.name: quotes for article, quotes in extract(nlp, _sample_articles())}


def _sample_articles() -> list:
    """The articles of examples/articles, read as ingest reads them."""
    from quotes.readers import ReadError, iter_articles

    articles = list(iter_articles([str(SAMPLES)]))
    assert not [a for a in articles if isinstance(a, ReadError)]
    return articles


@pytest.fixture(scope="session")
def gold_path() -> Path:
    """The hand-annotated quotes of the sample articles (JSON lines), for `quotes evaluate`."""
    return GOLD


@pytest.fixture(scope="session")
def gold(gold_path) -> list[dict]:
    return [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ---- The command line, run in this process ----

SUMMARY = re.compile(r"(\d+) new, (\d+) updated, (\d+) unchanged, (\d+) failed articles; (\d+) quotes")
GOOD_TEXT = ('Bridge repairs\n\n"We will rebuild the bridge by spring," Mayor Anna Berg told '
             "reporters on Monday.\n")


@pytest.fixture(scope="session")
def pipeline_loader(nlp):
    """The pipeline loader of ``quotes ingest``, loading each model once a session; the
    default model's pipeline is ``nlp``."""
    from quotes import DEFAULT_MODEL
    from quotes.extract import load as load_model

    @functools.cache
    def load(model: str = DEFAULT_MODEL):
        return nlp if model == DEFAULT_MODEL else load_model(model)

    return load


@pytest.fixture(scope="module")
def pipeline_loaded_once(pipeline_loader):
    """Every ingest loads the spaCy pipeline; for the tests of a module that asks for this
    (``pytestmark = pytest.mark.usefixtures("pipeline_loaded_once")``) one load is enough."""
    import quotes.ingest

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quotes.ingest, "load", pipeline_loader)
        yield


def run(*args: str, input: str | bytes | None = None) -> Result:
    """`quotes ARGS...` in this process; fails the test on a traceback, whatever the exit status."""
    from quotes.cli import cli

    result = CliRunner().invoke(cli, list(args), input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"quotes {' '.join(args)} raised:\n{result.output}") from result.exception
    assert "Traceback" not in result.output
    return result


def ingest(db: Path, *paths: str | Path, processes: int = 1, extra: tuple[str, ...] = (),
           input: str | None = None) -> Result:
    return run("ingest", *map(str, paths), "--db", str(db), "--processes", str(processes), *extra, input=input)


def summary(stderr: str) -> dict[str, int]:
    """The counts of the summary line ingest writes to stderr."""
    match = SUMMARY.search(stderr)
    assert match, f"no summary in: {stderr!r}"
    return dict(zip(["new", "updated", "unchanged", "failed", "quotes"], map(int, match.groups()), strict=True))


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def good_file(folder: Path) -> Path:
    """A text file of one article with one quote, in ``folder``."""
    path = folder / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ingested_samples_db(pipeline_loaded_once, tmp_path_factory) -> Path:
    """The sample articles ingested by `quotes ingest` (the extractor's quotes, unlike
    ``sample_db``), once a module; a test that changes it takes ``ingested_samples_copy``."""
    db = tmp_path_factory.mktemp("samples") / "quotes.db"
    assert ingest(db, SAMPLES).exit_code == 0
    return db


@pytest.fixture
def ingested_samples_copy(ingested_samples_db, tmp_path) -> Path:
    """A copy of ``ingested_samples_db`` that a test may change."""
    db = tmp_path / "quotes.db"
    shutil.copy(ingested_samples_db, db)
    return db


# ---- Databases, as sqlite-utils' tests have them ----

@pytest.fixture
def db_path(tmp_path) -> Path:
    """Where a test may create a database."""
    return tmp_path / "quotes.db"


@pytest.fixture
def fresh_db(db_path):
    """An empty quotes database, opened with the schema."""
    from quotes import store

    db = store.open_db(db_path)
    yield db
    db.close()


def query(db: Path, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def names(db: Path) -> set[str]:
    """The names of the articles stored."""
    return {name for (name,) in query(db, "SELECT name FROM articles")}


def assert_healthy(db: Path) -> None:
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "PRAGMA foreign_key_check") == []


# Publication dates of the sample articles, which their text files do not carry.
PUBLISHED = {
    "000_7586c69c994ee961.txt": "2024-10-29",
    "001_9850cac4f2388300.txt": "2024-10-29",
    "002_614e8b809048a462.txt": "2024-01-19",
    "003_8c76175bb869eee0.txt": "2024-10-29",
    "004_6101a84cd05339c5.txt": "2024-10-31",
}
SCRIPT = "<script>alert(1)</script>"  # quoted by an extra article, to check escaping


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around a quote: from the previous full stop or line break to the next."""
    before = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1)
    after = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    return before, min(after, default=len(text)) + 1


def _cue_offsets(text: str, gold: dict, sentence: tuple[int, int]) -> tuple[int | None, int | None]:
    """Where the gold cue is, as extraction stores it: its words in the quote's sentence
    nearest the quote, outside it (the annotation gives the cue's text only)."""
    cue, (low, high) = gold["cue"], sentence
    if not cue:
        return None, None
    found = [m.start() for m in re.finditer(re.escape(cue), text[:max(high, gold["end"])])
             if min(low, gold["start"]) <= m.start() and (m.end() <= gold["start"] or m.start() >= gold["end"])]
    if not found:
        return None, None
    start = min(found, key=lambda at: min(abs(at + len(cue) - gold["start"]), abs(at - gold["end"])))
    return start, start + len(cue)


def _quote_record(text: str, gold: dict) -> Any:
    from quotes.records import Attribution, QuoteRecord

    sentence_start, sentence_end = _sentence_bounds(text, gold["start"], gold["end"])
    cue_start, cue_end = _cue_offsets(text, gold, (sentence_start, sentence_end))
    return QuoteRecord(
        quote=gold["quote"], type=gold["type"], start=gold["start"], end=gold["end"],
        sentence_start=sentence_start, sentence_end=sentence_end, cue=gold["cue"],
        cue_start=cue_start, cue_end=cue_end,
        speaker_mention=gold["speaker_mention"], speaker=Attribution(name=gold["speaker"]),
    )


def _sample_batch(gold: list[dict]) -> list[tuple[Any, list[Any]]]:
    """The sample articles with their gold quotes, plus an article quoting hostile markup."""
    from quotes.records import Article, QuoteRecord

    batch = []
    for article in _sample_articles():
        article = dataclasses.replace(article, published=PUBLISHED[article.name])
        batch.append((article, [_quote_record(article.text, g) for g in gold if g["article"] == article.name]))
    text = f'The hacker wrote "{SCRIPT}" on the site, police said.'
    start = text.index(SCRIPT)
    hostile = Article(name="hostile.txt", text=text, title="Site defaced", outlet="Example Wire",
                      published="2024-11-01")
    batch.append((hostile, [QuoteRecord(
        quote=SCRIPT, type="direct", start=start, end=start + len(SCRIPT), sentence_start=0,
        sentence_end=len(text), cue="wrote", cue_lemma="write", cue_start=text.index("wrote"),
        cue_end=text.index("wrote") + len("wrote"), speaker_mention="The hacker",
    )]))
    return batch


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, gold) -> Path:
    """The sample articles stored as an ingest stores them, with their gold quotes instead of
    the extractor's (so the figures the Datasette tests expect do not move with the extractor),
    plus one article quoting hostile markup. Read-only: a test that writes takes a copy."""
    from quotes import store

    path = tmp_path_factory.mktemp("published") / "quotes.db"
    db = store.open_db(path)
    store.save_articles(db, _sample_batch(gold), extractor_version="test")
    store.refresh(db)
    db.close()
    return path


# ---- Datasette ----

class Client:
    """Datasette's own test client (``ds.client``, as Datasette's tests use it) of one app,
    for synchronous tests: the app starts once and answers on one event loop."""

    def __init__(self, ds) -> None:
        self.ds = ds
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(ds.invoke_startup())

    def get(self, path: str, **kwargs):
        return self.loop.run_until_complete(self.ds.client.get(path, **kwargs))

    def post(self, path: str, **kwargs):
        return self.loop.run_until_complete(self.ds.client.post(path, **kwargs))

    def close(self) -> None:
        self.loop.close()


@pytest.fixture(scope="session")
def client(sample_db) -> Iterator[Client]:
    """The one Datasette app of the session: ``sample_db`` served as ``quotes serve`` serves it."""
    from datasette.app import Datasette

    from quotes.datasette.serve import SETTINGS, load_metadata

    app = Client(Datasette([str(sample_db)], metadata=load_metadata(), settings=SETTINGS))
    yield app
    app.close()


@pytest.fixture
def client_for() -> Iterator:
    """Makes a client for a Datasette app of a test's own (another database or mode)."""
    made: list[Client] = []

    def make(ds) -> Client:
        made.append(Client(ds))
        return made[-1]

    yield make
    for app in made:
        app.close()
