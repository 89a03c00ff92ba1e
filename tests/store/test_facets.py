"""Facet counts, kept current by triggers at every write."""
from __future__ import annotations

import json

from quotes import store


def live_counts(db, facet: str) -> dict:
    expression = store.FACET_EXPRESSIONS[facet].format(row="quotes")
    return dict(db.execute(f"select value, count(*) from (select {expression} as value from quotes) "
                           "where value is not null group by value").fetchall())


def stored_counts(db, facet: str) -> dict:
    return dict(db.execute("select value, count from quote_facet_counts where facet = ? and count > 0",
                           [facet]).fetchall())


def assert_counts_are_current(db) -> None:
    for facet in store.FACET_EXPRESSIONS:
        assert stored_counts(db, facet) == live_counts(db, facet), facet


def test_refresh_counts_the_facets_of_the_whole_quotes_table(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    assert_counts_are_current(fresh_db)
    assert stored_counts(fresh_db, "type") == {"direct": 3, "indirect": 2, "mixed": 4}
    assert json.loads(fresh_db["meta"].get("facet_counts")["value"]) == {
        "facets": list(store.FACET_EXPRESSIONS), "kept_current": True}


def test_facet_counts_are_current_after_every_write(fresh_db, batch):
    store.save_articles(fresh_db, batch[:3], "1")
    assert_counts_are_current(fresh_db)  # provisional speakers, before any refresh
    store.refresh(fresh_db)
    assert_counts_are_current(fresh_db)
    store.save_articles(fresh_db, batch[2:], "1")  # article 2 again, and new ones
    assert_counts_are_current(fresh_db)
    store.refresh(fresh_db)  # the incremental refresh
    assert_counts_are_current(fresh_db)
    store.refresh(fresh_db, full=True)
    assert_counts_are_current(fresh_db)
    assert not fresh_db.execute("select 1 from quote_facet_counts where count <= 0").fetchall()


def test_facet_counts_are_made_again_without_their_triggers(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    for name in store.FACET_TRIGGERS:
        fresh_db.execute(f"drop trigger [{name}]")
    fresh_db.execute("delete from quotes where type = 'mixed'")
    store.count_facets(fresh_db)
    assert_counts_are_current(fresh_db)
    fresh_db.execute("delete from quotes where type = 'direct'")  # the triggers are back
    assert_counts_are_current(fresh_db)


def test_facet_counts_follow_the_next_refresh(fresh_db, batch):
    store.save_articles(fresh_db, batch, "1")
    store.refresh(fresh_db)
    article, _ = batch[4]
    store.save_articles(fresh_db, [(article, [])], "1")
    store.refresh(fresh_db)
    assert stored_counts(fresh_db, "type") == {"direct": 2, "indirect": 2, "mixed": 2}
    assert_counts_are_current(fresh_db)
