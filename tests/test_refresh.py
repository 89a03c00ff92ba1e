"""The incremental refresh gives what a full recomputation gives, however the articles came in.

Every article is parsed once per test session; the property tests store the parsed articles
in random batches, with random edits, so each example costs database writes only.
"""
from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotes import store
from quotes.extract import EXTRACTOR_VERSION, extract
from quotes.readers import iter_articles
from quotes.records import Article

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "examples" / "articles"

SOURCES = [SAMPLES, ROOT / "tests/data/dev/articles", ROOT / "tests/data/dev2/articles",
           ROOT / "tests/data/dev3/articles", ROOT / "tests/data/wikinews"]


@pytest.fixture(scope="module")
def parsed(nlp) -> list[tuple[Article, list]]:
    articles = [a for a in iter_articles([str(p) for p in SOURCES if p.exists()]) if isinstance(a, Article)]
    return list(extract(nlp, articles))


def derived(path: Path) -> dict[str, list[tuple]]:
    """Everything refresh() writes."""
    with sqlite3.connect(path) as conn:
        return {
            "speakers": conn.execute("SELECT * FROM speakers ORDER BY id").fetchall(),
            "speaker_aliases": conn.execute("SELECT * FROM speaker_aliases ORDER BY 1, 2").fetchall(),
            "quote_groups": conn.execute("SELECT * FROM quote_groups ORDER BY id").fetchall(),
            "quotes": conn.execute(
                "SELECT id, speaker_id, via_speaker_id, group_id FROM quotes ORDER BY id").fetchall(),
            "facets": conn.execute("SELECT * FROM quote_facet_counts ORDER BY 1, 2").fetchall(),
        }


def edited(article: Article, quotes: list, keep: int) -> tuple[Article, list]:
    """The article with a changed text (same id) and only some of its quotes: names leave."""
    return dataclasses.replace(article, text=article.text + "\n"), quotes[:keep]


def run(path: Path, steps: list[list[tuple[Article, list]]], full: bool) -> None:
    db = store.open_db(path)
    for batch in steps:
        store.save_articles(db, batch, EXTRACTOR_VERSION)
        store.refresh(db, full=full)
    db.close()


def test_first_refresh_of_a_database_is_full(parsed, tmp_path):
    db = store.open_db(tmp_path / "q.db")
    store.save_articles(db, parsed[:5], EXTRACTOR_VERSION)
    store.refresh(db)
    assert db.execute("SELECT count(*) FROM speaker_name_keys").fetchone()[0] > 0
    assert db.execute("SELECT count(*) FROM refresh_queue").fetchone()[0] == 0


def test_incremental_refresh_touches_only_what_the_new_articles_reach(parsed, tmp_path):
    path = tmp_path / "q.db"
    run(path, [parsed[:-1]], full=True)
    db = store.open_db(path)
    before = {row[0]: row for row in db.execute("SELECT * FROM speakers")}
    db.execute("CREATE TEMP TABLE written (id)")
    db.execute("CREATE TEMP TRIGGER w AFTER INSERT ON speakers BEGIN INSERT INTO written VALUES (new.id); END")
    store.save_articles(db, parsed[-1:], EXTRACTOR_VERSION)
    store.refresh(db)
    rewritten = {sid for (sid,) in db.execute("SELECT id FROM temp.written")}
    assert rewritten and len(rewritten) < len(before) / 4
    db.close()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_incremental_refresh_equals_full_refresh(parsed, tmp_path_factory, data):
    order = data.draw(st.permutations(range(len(parsed))))
    cuts = sorted(data.draw(st.lists(st.integers(1, len(parsed) - 1), min_size=1, max_size=3, unique=True)))
    steps = [[parsed[i] for i in order[a:b]] for a, b in zip([0, *cuts], [*cuts, len(parsed)], strict=True)]
    # Later steps may also change articles stored earlier: fewer quotes, so names go away.
    for k in range(1, len(steps)):
        earlier = [item for step in steps[:k] for item in step]
        for article, quotes in data.draw(st.lists(st.sampled_from(earlier), max_size=3, unique_by=lambda x: x[0].id)):
            steps[k].append(edited(article, quotes, data.draw(st.integers(0, len(quotes)))))
    folder = tmp_path_factory.mktemp("refresh")
    run(folder / "incremental.db", steps, full=False)
    run(folder / "full.db", steps, full=True)
    assert derived(folder / "incremental.db") == derived(folder / "full.db")


def test_refresh_full_from_the_command_line(parsed, tmp_path):
    from click.testing import CliRunner

    from quotes.cli import cli

    path = tmp_path / "q.db"
    run(path, [parsed[:10], parsed[10:]], full=False)
    before = derived(path)
    result = CliRunner().invoke(cli, ["refresh", "--full", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert derived(path) == before
