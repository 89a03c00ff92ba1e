"""Quote groups (the quotes of one speaker that report the same statement in different
articles) and each speaker's word index, which finds what a new quote may join."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain, groupby
from typing import NamedTuple, cast

from sqlite_utils import Database

from ..canon.groups import Said, content_words, group_id, joined, probes, same_statements, terms
from .queue import QUEUED_ARTICLES, QUEUED_SPEAKERS
from .reach import Reach
from .rows import QuoteRow, Source, where_in

# An incremental refresh adds the words of new quotes to quote_word_recent, a small table,
# and folds it into quote_word_index once it holds more entries than this share of the
# number of quotes (a quote has ten to twenty terms): each fold rewrites most of the index.
FOLD_RECENT_WORDS = 0.5

# A speaker that gained more than this share of its quotes is regrouped whole: comparing
# the new quotes with the others one by one would cost more.
REGROUP_WHOLE = 0.25

GROUP_COLUMNS = "id, speaker_id, quote_count, outlet_count, outlets, first_published, label"

# The first _label_key of a stored group's quotes, found by SQLite.
LABEL_OF_GROUP = ("SELECT -length(q.quote) AS size, coalesce(a.published, char(65535)) AS date, q.id, q.quote "
                  "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.group_id = ? "
                  "ORDER BY size, date, q.id LIMIT 1")

Sources = dict[str, Source]


class GroupRecord(NamedTuple):
    """A row of quote_groups (GROUP_COLUMNS)."""

    id: str
    speaker_id: str
    quote_count: int
    outlet_count: int
    outlets: str
    first_published: str | None
    label: str | None


class LabelKey(NamedTuple):
    """A group's label is its longest wording, then the earliest: the first of these keys."""

    shortest: int  # minus the length
    published: str  # "\uffff" when unknown: last
    quote_id: str
    wording: str


class AddedQuote(NamedTuple):
    """A quote new to its speaker since the last refresh."""

    speaker_id: str
    rowid: int
    id: str
    article_id: str
    type: str
    quote: str

    def row(self) -> QuoteRow:
        return QuoteRow(self.speaker_id, self.id, self.article_id, self.type, self.quote)


class StoredQuote(NamedTuple):
    """A quote of the speaker a new quote may join."""

    rowid: int
    id: str
    article_id: str
    type: str
    quote: str
    group_id: str | None

    def row(self, speaker_id: str) -> QuoteRow:
        return QuoteRow(speaker_id, self.id, self.article_id, self.type, self.quote)


def regroup_all(db: Database) -> None:
    """Group each speaker's quotes that report the same statement in different articles, and
    index every speaker's words for the incremental refresh (quote_word_index).

    One speaker's quotes are held in memory at a time, never article texts.
    """
    groups = GroupWrites(sources(db))
    db.execute("DELETE FROM quote_word_index")
    db.execute("DELETE FROM quote_word_recent")
    seen: Counter[str] = Counter()
    # A sequential scan and a sort is much faster than visiting quotes in index order;
    # the index is written in its own order, speaker by speaker.
    rows = db.execute(
        "SELECT rowid, speaker_id, id, article_id, type, quote FROM quotes NOT INDEXED ORDER BY speaker_id")
    for speaker_id, found in groupby(rows, key=lambda row: row[1]):
        if speaker_id is None:
            continue
        held = list(found)
        bucket = [QuoteRow(*row[1:]) for row in held]
        words = [content_words(row.quote) for row in bucket]
        for ws in words:
            seen.update(ws)
        index_words(db, speaker_id, [row[0] for row in held], words, [row.type for row in bucket])
        groups.add(speaker_id, _same_statements(bucket, words))
    groups.write(db, everywhere=True)
    db.execute("DELETE FROM quote_word_counts")
    db.conn.executemany("INSERT INTO quote_word_counts VALUES (?, ?)", sorted(seen.items()))


def _same_statements(rows: list[QuoteRow], words: list[frozenset[str]] | None = None) -> list[list[QuoteRow]]:
    """:func:`quotes.canon.groups.same_statements`, which groups the rows it is given."""
    return cast(list[list[QuoteRow]], same_statements(rows, words))


def index_words(db: Database, speaker_id: str, rowids: list[int], words: list[frozenset[str]],
                kinds: list[str], recent: bool = False) -> None:
    """Add quotes of ``speaker_id`` to its word index, or (``recent``) to quote_word_recent."""
    holding: dict[str, list[int]] = defaultdict(list)
    for rowid, ws, kind in zip(rowids, words, kinds, strict=True):
        for term in terms(ws, kind):
            holding[term].append(rowid)
    if recent:
        db.conn.executemany("INSERT OR IGNORE INTO quote_word_recent VALUES (?, ?, ?)",
                            [(speaker_id, term, rowid) for term in sorted(holding) for rowid in holding[term]])
        return
    db.conn.executemany(
        "INSERT INTO quote_word_index VALUES (?, ?, ?)",
        [(speaker_id, term, " ".join(map(str, sorted(holding[term])))) for term in sorted(holding)])


def fold_recent_words(db: Database) -> None:
    """Fold quote_word_recent into quote_word_index when it has grown (FOLD_RECENT_WORDS)."""
    held = db.execute("SELECT count(*) FROM quote_word_recent").fetchone()[0]
    if not held or held <= FOLD_RECENT_WORDS * db.execute("SELECT coalesce(max(rowid), 0) FROM quotes").fetchone()[0]:
        return
    db.execute(
        "INSERT INTO quote_word_index SELECT speaker_id, word, group_concat(quote, ' ') "
        "FROM (SELECT * FROM quote_word_recent ORDER BY speaker_id, word, quote) GROUP BY speaker_id, word "
        "ON CONFLICT DO UPDATE SET quotes = quotes || ' ' || excluded.quotes")
    db.execute("DELETE FROM quote_word_recent")


def regroup_reached(db: Database, reach: Reach) -> None:
    """Bring the quote groups up to date after quotes were added to, moved between or removed
    from the speakers ``reach`` affected; its temp.added holds the quotes (rowids) new to
    their speaker since the last refresh.

    Removing quotes can only split the groups they were in, so such a group is regrouped from
    what is left of it. Adding quotes can only join groups, so each new quote is compared
    only with the quotes of its speaker that share enough words with it to match it (found
    through the word index, quote_word_index and quote_word_recent, which the new quotes are
    added to; see :func:`quotes.canon.groups.probes`), and what it matches is joined. A
    speaker that gained more than REGROUP_WHOLE of its quotes is regrouped whole. The result
    equals :func:`regroup_all`'s.
    """
    groups = GroupWrites(lambda ids: sources(db, ids))
    _split_broken(db, reach, groups)
    groups.write(db)
    added = [AddedQuote(*row) for row in db.execute(
        f"SELECT speaker_id, rowid, id, article_id, type, quote FROM quotes WHERE rowid IN {Reach.ADDED} "
        "AND speaker_id IS NOT NULL ORDER BY speaker_id")]
    words = {row.rowid: content_words(row.quote) for row in added}
    seen = _count_words(db, added, words)
    for speaker_id, found in groupby(added, key=lambda row: row.speaker_id):
        _join_new(db, groups, speaker_id, list(found), words, seen)
    groups.write(db)
    fold_recent_words(db)


def _split_broken(db: Database, reach: Reach, groups: GroupWrites) -> None:
    """Regroup what is left of the groups that lost quotes: those that moved to another
    speaker, and those of the articles' old versions, whose speakers are queued."""
    reach.mark_broken_groups(QUEUED_SPEAKERS)
    db.execute(f"UPDATE quotes SET group_id = NULL WHERE rowid IN {Reach.ADDED} AND group_id IS NOT NULL")
    for group, speaker_id in db.execute(
            f"SELECT id, speaker_id FROM quote_groups WHERE id IN {Reach.BROKEN} "
            "AND quote_count != (SELECT count(*) FROM quotes WHERE group_id = quote_groups.id)").fetchall():
        left = [QuoteRow(*row) for row in db.execute(
            "SELECT speaker_id, id, article_id, type, quote FROM quotes WHERE group_id = ?", [group])]
        groups.replace([group], speaker_id, _same_statements(left))


def _count_words(db: Database, added: list[AddedQuote], words: dict[int, frozenset[str]]) -> dict[str, int]:
    """Add the words of the quotes stored since the last refresh (all in ``added``) to
    quote_word_counts; returns the counts of all the words of ``added``."""
    stored = {article for (article,) in db.execute(f"SELECT * FROM {QUEUED_ARTICLES}")}
    counted = Counter(word for row in added if row.article_id in stored for word in words[row.rowid])
    db.conn.executemany("INSERT INTO quote_word_counts VALUES (?, ?) ON CONFLICT DO UPDATE SET count = count + "
                        "excluded.count", counted.items())
    return dict(where_in(db, "SELECT word, count FROM quote_word_counts WHERE word IN",
                         sorted(set().union(*words.values()))))


def _join_new(db: Database, groups: GroupWrites, speaker_id: str, theirs: list[AddedQuote],
              words: dict[int, frozenset[str]], seen: Mapping[str, int]) -> None:
    """Join the new quotes ``theirs`` of ``speaker_id`` to what they match, or regroup the
    speaker whole."""
    bucket = {row.rowid: Said(row.article_id, row.type, words[row.rowid]) for row in theirs}
    new_rows = {row.rowid: row.row() for row in theirs}
    index_words(db, speaker_id, list(bucket), [said.words for said in bucket.values()],
                [said.kind for said in bucket.values()], recent=True)
    quoted = db.execute("SELECT quote_count FROM speakers WHERE id = ?", [speaker_id]).fetchone()[0]
    if len(bucket) > REGROUP_WHOLE * quoted:
        old = [group for (group,) in db.execute("SELECT id FROM quote_groups WHERE speaker_id = ?", [speaker_id])]
        everything = [QuoteRow(*row) for row in db.execute(
            "SELECT speaker_id, id, article_id, type, quote FROM quotes WHERE speaker_id = ?", [speaker_id])]
        groups.replace(old, speaker_id, _same_statements(everything))
        return
    near = _candidates(db, speaker_id, bucket, seen)
    sharing = sorted(set().union(*near.values()) - set(bucket))
    stored = {row.rowid: row for row in (StoredQuote(*found) for found in where_in(
        db, "SELECT rowid, id, article_id, type, quote, group_id FROM quotes WHERE speaker_id = ? AND rowid IN",
        sharing, [speaker_id]))}
    # joined() puts units together: a stored group ("g:" and its id) or a lone quote ("q:"
    # and its rowid).
    units = {rowid: f"g:{row.group_id}" if row.group_id else f"q:{rowid}" for rowid, row in stored.items()}
    units.update((rowid, f"q:{rowid}") for rowid in bucket)
    for members in joined(_Quotes(bucket, stored), units, near):
        lone = [int(unit.removeprefix("q:")) for unit in members if unit.startswith("q:")]
        groups.join(speaker_id, [unit.removeprefix("g:") for unit in members if unit.startswith("g:")],
                    [stored[rowid].row(speaker_id) if rowid in stored else new_rows[rowid] for rowid in lone])


class _Quotes(Mapping[int, Said]):
    """A speaker's new quotes (``new``) and the stored ones they may match (``stored``), by
    rowid: a stored quote's words are found when joined() first compares it, which it does
    not for most quotes of a group a new quote joined."""

    def __init__(self, new: dict[int, Said], stored: dict[int, StoredQuote]) -> None:
        self.new, self.stored = new, stored
        self.found: dict[int, Said] = {}

    def __getitem__(self, rowid: int) -> Said:
        if rowid in self.new:
            return self.new[rowid]
        if rowid not in self.found:
            row = self.stored[rowid]
            self.found[rowid] = Said(row.article_id, row.type, content_words(row.quote))
        return self.found[rowid]

    def __contains__(self, rowid: object) -> bool:
        return rowid in self.new or rowid in self.stored

    def __iter__(self) -> Iterator[int]:
        return chain(self.new, self.stored)

    def __len__(self) -> int:
        return len(self.new) + len(self.stored)


def _candidates(db: Database, speaker_id: str, new: dict[int, Said], seen: Mapping[str, int]) -> dict[int, set[int]]:
    """For each of the ``new`` quotes of ``speaker_id``, the quotes (rowids) its
    :func:`quotes.canon.groups.probes` find in the speaker's word index (``seen``: how many
    quotes hold each word). Some may have left the speaker or the database since they were
    indexed: :func:`joined` decides."""
    asked = {(said.words, said.kind): probes(said.words, said.kind, seen) for said in new.values()}
    wanted = sorted({term for probe in asked.values() for term in (*probe.shared, *probe.contained)})
    lists: dict[str, list[int]] = defaultdict(list)
    for term, rowids in where_in(
            db, "SELECT word, quotes FROM quote_word_index WHERE speaker_id = ? AND word IN", wanted, [speaker_id]):
        lists[term] += map(int, rowids.split())
    for term, rowid in where_in(
            db, "SELECT word, quote FROM quote_word_recent WHERE speaker_id = ? AND word IN", wanted, [speaker_id]):
        lists[term].append(rowid)
    found = {key: probe.among(lists) for key, probe in asked.items()}
    return {rowid: found[said.words, said.kind] for rowid, said in new.items()}


def sources(db: Database, article_ids: Iterable[str] | None = None) -> Sources:
    """The sources of the articles given, or of all."""
    query = "SELECT a.id, a.published, o.name FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id"
    if article_ids is None:
        return {article_id: Source(published, outlet) for article_id, published, outlet in db.execute(query)}
    return {article_id: Source(published, outlet) for article_id, published, outlet in
            where_in(db, f"{query} WHERE a.id IN", sorted(set(article_ids)))}


class GroupWrites:
    """Quote groups to store, and the groups they replace: all written at once, so that the
    quotes they take from each other never point at a group that is gone."""

    def __init__(self, sources: Sources | Callable[[Iterable[str]], Sources]):
        self.sources = sources
        self.groups: list[tuple[str, list[QuoteRow]]] = []
        self.dropped: list[str] = []
        self.joins: list[tuple[str, list[str], list[QuoteRow]]] = []

    def add(self, speaker_id: str, groups: list[list[QuoteRow]]) -> None:
        """Groups of one speaker's quotes."""
        self.groups += [(speaker_id, group) for group in groups if len(group) > 1]

    def replace(self, old: Iterable[str], speaker_id: str, groups: list[list[QuoteRow]]) -> None:
        self.dropped += old
        self.add(speaker_id, groups)

    def join(self, speaker_id: str, groups: list[str], quotes: list[QuoteRow]) -> None:
        """One group of ``groups`` (ids) and ``quotes`` that new quotes joined: it is made
        from the groups' records and the quotes, without reading the groups' quotes."""
        self.joins.append((speaker_id, groups, quotes))

    def write(self, db: Database, everywhere: bool = False) -> None:
        """Store the groups; ``everywhere`` when they are all the groups there are."""
        sources = self.sources if isinstance(self.sources, dict) else self.sources(
            [row.article_id for _, group in self.groups for row in group]
            + [row.article_id for _, _, quotes in self.joins for row in quotes])
        for speaker_id, merged, quotes in self.joins:
            self._write_join(db, sources, speaker_id, merged, quotes)
        records, members = [], []
        for speaker_id, group in self.groups:
            ids = sorted(row.id for row in group)
            key = group_id(ids)
            records.append(_group_record(key, speaker_id, group, sources))
            members += [(quote_id, key) for quote_id in ids]
        for table in ("old_groups", "group_members"):
            db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} (id TEXT PRIMARY KEY, group_id TEXT)")
            db.execute(f"DELETE FROM temp.{table}")
        db.conn.executemany("INSERT OR IGNORE INTO temp.old_groups (id) VALUES (?)", [(g,) for g in self.dropped])
        db.conn.executemany("INSERT INTO temp.group_members VALUES (?, ?)", members)
        db.execute("DELETE FROM quote_groups WHERE id IN (SELECT id FROM temp.old_groups)")
        db.conn.executemany(f"INSERT INTO quote_groups ({GROUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", records)
        grouped_as = "(SELECT group_id FROM temp.group_members WHERE id = quotes.id)"
        if everywhere:
            db.execute(f"UPDATE quotes SET group_id = {grouped_as} WHERE group_id IS NOT {grouped_as}")
        else:
            db.execute(f"UPDATE quotes SET group_id = {grouped_as} WHERE (group_id IN (SELECT id FROM temp.old_groups) "
                       f"OR id IN (SELECT id FROM temp.group_members)) AND group_id IS NOT {grouped_as}")
        db.execute("DROP TABLE temp.old_groups")
        db.execute("DROP TABLE temp.group_members")
        self.groups, self.dropped, self.joins = [], [], []

    @staticmethod
    def _write_join(db: Database, sources: Sources, speaker_id: str, merged: list[str],
                    quotes: list[QuoteRow]) -> None:
        """The record of the joined group is that of :func:`_group_record` over all its
        quotes: its count, outlets and first date add up, its first quote and its label are
        the first of the groups' own and of the rows'. Only the quotes of groups whose id is
        not the new group's are pointed at it again."""
        record = _group_record("", speaker_id, quotes, sources)
        count, outlets, first = record.quote_count, set(json.loads(record.outlets)), record.first_published
        firsts, labels = [row.id for row in quotes], [_label_key(row, sources) for row in quotes]
        their_labels: dict[str, str] = {}
        for group in merged:
            n, theirs, their_first, their_labels[group] = db.execute(
                "SELECT quote_count, outlets, first_published, label FROM quote_groups WHERE id = ?",
                [group]).fetchone()
            count += n
            outlets.update(json.loads(theirs))
            first = min(filter(None, [first, their_first]), default=None)
            firsts += db.execute("SELECT min(id) FROM quotes WHERE group_id = ?", [group]).fetchone()
        # A group's label is its longest quote. When the longest quotes of all have one
        # wording, that is the label; otherwise the groups among them look up which of
        # their quotes holds the label, to break the tie.
        size = max(len(wording) for wording in [*their_labels.values(), *(label.wording for label in labels)])
        tied = [group for group, wording in their_labels.items() if len(wording) == size]
        wordings = {their_labels[group] for group in tied} | {
            label.wording for label in labels if -label.shortest == size}
        if len(wordings) > 1:
            labels += [LabelKey(*db.execute(LABEL_OF_GROUP, [group]).fetchone()) for group in tied]
        key = group_id(firsts)
        db.execute(f"DELETE FROM quote_groups WHERE id IN ({', '.join('?' * len(merged))})", merged)
        db.execute(f"INSERT INTO quote_groups ({GROUP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   GroupRecord(key, speaker_id, count, len(outlets), json.dumps(sorted(outlets), ensure_ascii=False),
                               first, wordings.pop() if len(wordings) == 1 else min(labels).wording))
        for group in merged:
            if group != key:
                db.execute("UPDATE quotes SET group_id = ? WHERE group_id = ?", [key, group])
        db.conn.executemany("UPDATE quotes SET group_id = ? WHERE id = ?", [(key, row.id) for row in quotes])


def _label_key(row: QuoteRow, sources: Sources) -> LabelKey:
    return LabelKey(-len(row.quote), sources[row.article_id].published or "\uffff", row.id, row.quote)


def _group_record(key: str, speaker_id: str, group: Sequence[QuoteRow], sources: Sources) -> GroupRecord:
    """The record of the group of quotes ``group``."""
    outlets = sorted({outlet for row in group if (outlet := sources[row.article_id].outlet)})
    dates = [date for row in group if (date := sources[row.article_id].published)]
    label = min((_label_key(row, sources) for row in group), default=None)
    return GroupRecord(key, speaker_id, len(group), len(outlets), json.dumps(outlets, ensure_ascii=False),
                       min(dates, default=None), label.wording if label else None)
