"""The incremental refresh gives what a full recomputation gives, however the articles came in.

Every article is parsed once per test session; the property tests store the parsed articles
in random batches, with random edits, so each example costs database writes only.
"""
from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path
from unittest import mock

import pytest
from conftest import ingest, run as quotes_command, summary
from hypothesis import HealthCheck, given, settings, strategies as st

from quotes import store
from quotes.extract import EXTRACTOR_VERSION, extract
from quotes.lexicon import DEFAULT, Lexicon
from quotes.readers import iter_articles, make_article
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
    """Everything refresh() writes, but for the word index (see word_index)."""
    with sqlite3.connect(path) as conn:
        tables = {
            "speakers": conn.execute("SELECT * FROM speakers ORDER BY id").fetchall(),
            "speaker_aliases": conn.execute("SELECT * FROM speaker_aliases ORDER BY 1, 2").fetchall(),
            "quote_groups": conn.execute("SELECT * FROM quote_groups ORDER BY id").fetchall(),
            "quotes": conn.execute(
                "SELECT id, speaker_id, via_speaker_id, group_id FROM quotes ORDER BY id").fetchall(),
            "facets": conn.execute("SELECT * FROM quote_facet_counts ORDER BY 1, 2").fetchall(),
            "speaker_names": conn.execute("SELECT * FROM speaker_names ORDER BY 1").fetchall(),
            "speaker_mentions": conn.execute("SELECT * FROM speaker_mentions ORDER BY 1, 2, 3, 4, 5").fetchall(),
            "speaker_name_keys": conn.execute("SELECT * FROM speaker_name_keys ORDER BY 1, 2").fetchall(),
            "refresh_queue": conn.execute("SELECT * FROM refresh_queue").fetchall(),
        }
    conn.close()
    return tables


def word_index(path: Path) -> tuple[set[tuple[str, str, int]], set[tuple[str, str, int]]]:
    """The entries (speaker, term, quote rowid) of the word index (quote_word_index and
    quote_word_recent), and those it must hold: every term of every quote with a speaker,
    under that speaker."""
    from quotes.canon.groups import content_words, terms

    with sqlite3.connect(path) as conn:
        held = {(speaker, word, int(rowid)) for speaker, word, rowids in conn.execute("SELECT * FROM quote_word_index")
                for rowid in rowids.split()}
        held |= set(conn.execute("SELECT speaker_id, word, quote FROM quote_word_recent"))
        wanted = {(speaker, term, rowid) for rowid, speaker, kind, quote in conn.execute(
                  "SELECT rowid, speaker_id, type, quote FROM quotes WHERE speaker_id IS NOT NULL")
                  for term in terms(content_words(quote), kind)}
    conn.close()
    return held, wanted


def assert_word_index_holds_every_quote(path: Path, full: bool) -> None:
    """The word index is a cache: a quote that left its speaker or the database stays in the
    lists it was in until the next full refresh (to be passed over when found), so an
    incremental refresh may hold more than a full one; never less."""
    held, wanted = word_index(path)
    assert held == wanted if full else held >= wanted, sorted(wanted - held)[:5]


def edited(article: Article, quotes: list, keep: int) -> tuple[Article, list]:
    """The article with a changed text (same id) and only some of its quotes: names leave."""
    return dataclasses.replace(article, text=article.text + "\n"), quotes[:keep]


def run(path: Path, steps: list[list[tuple[Article, list]]], full: bool, lex: Lexicon = DEFAULT) -> None:
    db = store.open_db(path)
    store.use_lexicon(db, lex)
    for batch in steps:
        store.save_articles(db, batch, EXTRACTOR_VERSION)
        store.refresh(db, full=full)
    db.close()


def test_first_refresh_of_a_database_is_full(parsed, fresh_db):
    store.save_articles(fresh_db, parsed[:5], EXTRACTOR_VERSION)
    store.refresh(fresh_db)
    assert fresh_db.execute("SELECT count(*) FROM speaker_name_keys").fetchone()[0] > 0
    assert fresh_db.execute("SELECT count(*) FROM refresh_queue").fetchone()[0] == 0


def test_incremental_refresh_touches_only_what_the_new_articles_reach(parsed, db_path):
    run(db_path, [parsed[:-1]], full=True)
    db = store.open_db(db_path)
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
    assert_word_index_holds_every_quote(folder / "incremental.db", full=False)
    assert_word_index_holds_every_quote(folder / "full.db", full=True)


def test_refresh_full_from_the_command_line(parsed, db_path):
    from click.testing import CliRunner

    from quotes.cli import cli

    run(db_path, [parsed[:10], parsed[10:]], full=False)
    before = derived(db_path)
    result = CliRunner().invoke(cli, ["refresh", "--full", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert derived(db_path) == before


# Quote groups are kept up to date quote by quote: a speaker who already has many quotes is
# not regrouped whole when a few are added. Synthetic articles (no parse) make speakers with
# many quotes, in few words, so that groups form, join and split.

WORDS = ["sanctions", "troops", "border", "talks", "missile", "alliance", "nuclear", "peace", "the"]
NAMES = [("Anna Berg", "person"), ("Berg", "person"), ("Tom Ruiz", "person"), ("the Kremlin", "organisation"),
         ("Berg", "organisation")]
SAID = st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
                 st.sampled_from(["direct", "indirect", "mixed"]), st.sampled_from(range(len(NAMES))))


def synthetic(number: int, said: list[tuple[str, str, int]], outlet: str = "Daily") -> tuple[Article, list]:
    from quotes.readers import make_article
    from quotes.records import Attribution, QuoteRecord

    text, records = f"Story {number}\n\n", []
    for words, kind, who in said:
        name, speaker_kind = NAMES[who]
        records.append(QuoteRecord(quote=words, type=kind, start=len(text) + 1, end=len(text) + 1 + len(words),
                                   cue="said", cue_lemma="say", speaker_mention=name,
                                   speaker=Attribution(name, speaker_kind)))
        text += f"“{words},” {name} said.\n\n"
    return make_article(f"story-{number}", text, outlet=outlet, published=f"2024-01-{number % 28 + 1:02d}"), records


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_groups_kept_up_to_date_equal_groups_recomputed(tmp_path_factory, data):
    first = data.draw(st.lists(st.lists(SAID, min_size=2, max_size=6), min_size=8, max_size=14))
    steps = [[synthetic(n, said) for n, said in enumerate(first)]]
    stored = list(steps[0])
    for n in range(len(first), len(first) + data.draw(st.integers(1, 6))):
        step = [synthetic(n, data.draw(st.lists(SAID, min_size=1, max_size=2)), outlet="Post")]
        # Sometimes a stored article changes: its quotes leave their groups.
        if data.draw(st.booleans()):
            article, records = data.draw(st.sampled_from(stored))
            step.append(edited(article, records, data.draw(st.integers(0, len(records)))))
        stored += step
        steps.append(step)
    folder = tmp_path_factory.mktemp("groups")
    # New quotes' words are folded into the word index at once, or looked up where they were added.
    with mock.patch.object(store.groups, "FOLD_RECENT_WORDS", data.draw(st.sampled_from([0.0, 100.0]))):
        run(folder / "incremental.db", steps, full=False)
    run(folder / "full.db", steps, full=True)
    assert derived(folder / "incremental.db") == derived(folder / "full.db")
    assert_word_index_holds_every_quote(folder / "incremental.db", full=False)
    assert_word_index_holds_every_quote(folder / "full.db", full=True)


def test_a_speaker_with_many_quotes_is_not_regrouped_whole(db_path):
    many = [synthetic(n, [("sanctions troops border talks", "direct", 0), (WORDS[n % 8], "direct", 0)])
            for n in range(12)]
    run(db_path, [many], full=True)
    db = store.open_db(db_path)
    before = set(db.execute("SELECT * FROM quote_groups"))
    assert max(row[2] for row in before) == 12
    db.execute("CREATE TEMP TABLE looked_up (rowid)")
    db.execute("CREATE TEMP TRIGGER seen AFTER INSERT ON quote_groups BEGIN INSERT INTO looked_up VALUES (1); END")
    store.save_articles(db, [synthetic(12, [("sanctions troops border", "indirect", 0)])], EXTRACTOR_VERSION)
    store.refresh(db)
    # One group is written (the old one with the new quote); the others are left as they were.
    after = set(db.execute("SELECT * FROM quote_groups"))
    assert db.execute("SELECT count(*) FROM temp.looked_up").fetchone()[0] == 1
    assert [row[2] for row in after - before] == [13]
    assert len(before - after) == 1
    db.close()


def test_a_long_new_quote_joins_the_short_rendering_it_contains(tmp_path, db_path):
    # Three words of eight in common: not alike, but the earlier indirect rendering is
    # contained in the new direct quote, so they report one statement.
    filler = [synthetic(n, [(WORDS[n % 8], "direct", 0)]) for n in range(1, 9)]
    earlier = synthetic(0, [("sanctions troops border", "indirect", 0)])
    run(db_path, [[earlier, *filler]], full=False)
    db = store.open_db(db_path)
    assert db.execute("SELECT count(*) FROM quotes WHERE group_id IS NOT NULL AND type = 'indirect'").fetchone() == (0,)
    later = synthetic(9, [(" ".join(WORDS), "direct", 0)], outlet="Post")
    store.save_articles(db, [later], EXTRACTOR_VERSION)
    store.refresh(db)
    grouped = db.execute("SELECT group_concat(type) FROM quotes WHERE group_id IS NOT NULL "
                         "GROUP BY group_id HAVING count(*) = 2").fetchall()
    db.close()
    assert sorted(grouped[0][0].split(",")) == ["direct", "indirect"]
    full = tmp_path / "full.db"
    run(full, [[earlier, *filler], [later]], full=True)
    assert derived(db_path) == derived(full)


def test_a_name_that_changes_kind_changes_which_names_go_together(tmp_path, db_path):
    # "Berg" named as a person is Anna Berg; once most of its quotes name an organisation,
    # it is an organisation of its own, and Anna Berg loses it.
    person = [synthetic(n, [("peace", "direct", 0), ("talks", "direct", 1)]) for n in range(2)]
    organisation = [synthetic(n, [("border", "direct", 4)]) for n in range(2, 5)]
    run(db_path, [person], full=False)
    db = store.open_db(db_path)
    said_by = ("SELECT DISTINCT s.id, s.kind FROM quotes q JOIN speakers s ON s.id = q.speaker_id "
               "WHERE q.name_in_article = ?")
    assert db.execute(said_by, ["Berg"]).fetchall() == db.execute(said_by, ["Anna Berg"]).fetchall()
    store.save_articles(db, organisation, EXTRACTOR_VERSION)
    store.refresh(db)
    assert db.execute(said_by, ["Berg"]).fetchall() == [("berg", "organisation")]
    assert db.execute(said_by, ["Anna Berg"]).fetchall() == [("anna-berg", "person")]
    db.close()
    full = tmp_path / "full.db"
    run(full, [person, organisation], full=True)
    assert derived(db_path) == derived(full)


@pytest.mark.parametrize("fold", [0.0, 100.0])  # every refresh folds its words in, or none does
def test_the_word_index_kept_up_to_date_holds_every_quote_as_the_rebuilt_one_does(parsed, tmp_path, monkeypatch, fold):
    monkeypatch.setattr(store.groups, "FOLD_RECENT_WORDS", fold)
    steps = [parsed[:20], parsed[20:30], parsed[30:]]
    run(tmp_path / "incremental.db", steps, full=False)
    run(tmp_path / "full.db", steps, full=True)
    with sqlite3.connect(tmp_path / "incremental.db") as conn:
        recent = conn.execute("SELECT count(*) FROM quote_word_recent").fetchone()[0]
    assert (recent == 0) == (fold == 0.0)
    assert_word_index_holds_every_quote(tmp_path / "incremental.db", full=False)
    assert_word_index_holds_every_quote(tmp_path / "full.db", full=True)


# The word lists of `quotes ingest --lexicon` are the database's: every refresh matches
# speakers with them, the one ending the ingest and any later one.

NEWS = {
    "strike.txt": "Dockworkers walk out\n\nDockworkers walked out on Tuesday. Harbour Collective said "
                  "the strike would go on until wages rose.\n",
    "palace.txt": "Palace to open\n\nJafar Marwan, the Grand Vizier of Agrabah, said on Monday that the "
                  "palace would open its gates to visitors.\n",
    "harvest.txt": "A good harvest\n\nAgrabah's vizier told reporters that the harvest had been good.\n",
}
WORD_LISTS = {"extra_words": {"org_nouns": ["collective"], "role_nouns": ["vizier"]}, "words": {}}


def matched(path: Path) -> tuple[str, str | None]:
    """The kind of the collective's speaker, and who the vizier named only by office is."""
    with sqlite3.connect(path) as conn:
        (kind,) = conn.execute("SELECT kind FROM speakers WHERE name = 'Harbour Collective'").fetchone()
        (vizier,) = conn.execute("SELECT speaker_id FROM quotes WHERE name_in_article IS NULL").fetchone()
    return kind, vizier


@pytest.fixture
def news(tmp_path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in NEWS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "words.json").write_text(json.dumps(WORD_LISTS), encoding="utf-8")
    return folder


def test_the_word_lists_of_an_ingest_reach_every_refresh(pipeline_loaded_once, news, db_path):
    # The extractor reads the lists too (a name ending in an organisation noun is no person's)
    # and leaves the vizier unnamed: the role noun changes what the refresh makes of him.
    assert ingest(db_path, news, extra=("--lexicon", str(news.parent / "words.json"))).exit_code == 0
    assert matched(db_path) == ("organisation", "jafar-marwan")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'lexicon'").fetchone() == (
            json.dumps(WORD_LISTS, sort_keys=True),)
        assert conn.execute("SELECT speaker_kind FROM quotes WHERE name_in_article = 'Harbour Collective'"
                            ).fetchone() == ("organisation",)
    before = derived(db_path)
    for full in [], ["--full"]:
        assert quotes_command("refresh", "--db", str(db_path), *full).exit_code == 0
        assert derived(db_path) == before


def test_other_word_lists_make_the_next_refresh_full(pipeline_loaded_once, news, db_path):
    assert ingest(db_path, news, extra=("--lexicon", str(news.parent / "words.json"))).exit_code == 0
    # Ingesting the same articles with the default lists re-extracts none of them, but the
    # database takes those lists, and its speakers are all derived again with them.
    with mock.patch.object(store.rederive, "refresh_all_speakers", wraps=store.rederive.refresh_all_speakers) as full:
        result = ingest(db_path, news)
    assert summary(result.stderr)["unchanged"] == len(NEWS) and full.called
    # the quotes keep what extraction made of them; the vizier's office has no holder any more
    assert matched(db_path) == ("organisation", None)
    db = store.open_db(db_path)
    assert store.stored_lexicon(db) is DEFAULT
    assert db.execute("SELECT value FROM meta WHERE key = 'name_keys'").fetchone() == (store.canon_fingerprint(),)
    db.close()
    assert store.canon_fingerprint() != store.canon_fingerprint(Lexicon.from_config(**WORD_LISTS))


def test_merged_shards_are_refreshed_with_the_database_word_lists(nlp, news, db_path, tmp_path):
    shard = store.open_db(tmp_path / "shard.db")  # as a worker writes it, with the default lists
    articles = [make_article(name, text) for name, text in NEWS.items()]
    store.save_articles(shard, list(extract(nlp, articles)), EXTRACTOR_VERSION)
    shard.close()
    db = store.open_db(db_path)
    store.use_lexicon(db, Lexicon.from_config(**WORD_LISTS))
    db.close()
    assert quotes_command("merge", str(tmp_path / "shard.db"), "--db", str(db_path)).exit_code == 0
    assert matched(db_path) == ("organisation", None)  # the default extractor found no role


def test_incremental_refresh_equals_full_refresh_with_other_word_lists(parsed, tmp_path):
    lex = Lexicon.from_config(extra_words={"org_nouns": ["pictures", "holdings", "nemzet"],
                                           "title_words": ["pastor", "kc", "longtime"], "role_nouns": ["pastor"]})
    steps = [parsed[:20], parsed[20:30] + [edited(*parsed[3], 1)], parsed[30:] + [edited(*parsed[25], 0)]]
    run(tmp_path / "incremental.db", steps, full=False, lex=lex)
    run(tmp_path / "full.db", steps, full=True, lex=lex)
    run(tmp_path / "default.db", steps, full=True)
    assert derived(tmp_path / "incremental.db") == derived(tmp_path / "full.db") != derived(tmp_path / "default.db")


def test_quotes_that_leave_their_speaker_stay_in_the_word_index_until_a_full_refresh(db_path):
    # Tom Ruiz's only quote goes when its article changes, and Anna Berg's quote in it loses her:
    # the incremental refresh leaves both in the lists they were in; a full refresh drops them.
    first = synthetic(0, [("sanctions troops border", "direct", 2), ("peace talks alliance", "direct", 0)])
    others = [synthetic(n, [(WORDS[n % 8], "direct", 0)]) for n in range(1, 4)]
    article, records = first
    steps = [[first], others, [edited(article, records, 0)]]
    run(db_path, steps, full=False)
    held, wanted = word_index(db_path)
    stale = held - wanted
    assert {speaker for speaker, _, _ in stale} == {"tom-ruiz", "anna-berg"}
    assert_word_index_holds_every_quote(db_path, full=False)
    from click.testing import CliRunner

    from quotes.cli import cli

    assert CliRunner().invoke(cli, ["refresh", "--full", "--db", str(db_path)]).exit_code == 0
    assert_word_index_holds_every_quote(db_path, full=True)
