"""Response times of the published Datasette pages on a database of a million quotes.

1. Builds (or reuses) a synthetic ``quotes.db`` with the project's own schema -- created by
   ``quotes.store.open_db`` -- without running spaCy: ~50 outlets, 100,000 short articles,
   20,000 speakers with aliases and 1,000,000 quotes whose words are recombined from the
   hand-annotated quotes (seed and development gold) and the sample articles, so the
   full-text index has a realistic vocabulary. Each article's text holds its quotes, with
   correct offsets, so quotes render in context as on a real database. Quotes go to
   speakers on a Zipf-like curve (a few speakers are quoted tens of thousands of times), and
   some are grouped across articles. Foreign keys, indexes, views and the FTS triggers are
   the ones ``open_db`` creates; the FTS index is rebuilt once after the bulk insert.
2. Serves it in-process with ``datasette.app.Datasette`` configured as ``quotes serve``
   does (``quotes.datasette.serve.serve_args``: metadata.yml, its ``SETTINGS``, and
   ``--immutable`` for the immutable mode; the ``quotes`` plugin renders cells) and times
   each page over N requests after 2 warm-ups: median and p95.

Pages: full-text search on the quotes table (JSON, several words from frequent to rare, and
the HTML page of three of them), the speakers row page (with its "links from other tables"
counts), quotes_view filtered by speaker, the speaker_timeline canned query, quotes_view with
the speaker/outlet/type facets and with its default facets from metadata.yml, the quotes
table with its default facets, filtered by speaker, with ``_facet=`` on other columns and
with ``_facet_date=published``, and the plugin's reader pages: the home page, /-/search for
the two most common words, /-/speaker/ID (most quoted and median speaker), /-/group/ID (the
largest group), the Atom feeds of a speaker and a search, the article page of the article with
most quotes, /-/search for a speaker's name and a word, and /-/search.json, /-/speaker/ID.json
and /-/group/ID.json, and Datasette's search of quotes_view and speakers
(quotes_view.json?_search=, speakers.json?_search=). Target: median < 200 ms for each.

For every table page the script also fetches its JSON once and says whether the row count
timed out, and notes the facets an HTML page says it did not count. ``--explain`` prints the
SQLite query plans of the slowest queries.

    .venv/bin/python -m benchmarks.bench_datasette                      # builds once, ~3 GB free
    .venv/bin/python -m benchmarks.bench_datasette --db /tmp/q/quotes.db --mode immutable
    .venv/bin/python -m benchmarks.bench_datasette --quotes 100000 --requests 10 --json
"""
from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import hashlib
import io
import itertools
import json
import random
import re
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import quote as urlquote, urlencode

from . import corpus, harness
from .harness import DEV_GOLD, SEEDS_GOLD
from .names import FIRST, INSTITUTIONS, LAST, PLACES, ROLES

TARGET_MS = 200
DEFAULT_DIR = Path(tempfile.gettempdir()) / "quotes-bench-datasette"
GOLD_FILES = (SEEDS_GOLD, DEV_GOLD)
BUILD_MARK = "benchmark_database"  # meta key written last: a half-built database is rebuilt

CUES = (("said", "say", 40), ("told", "tell", 8), ("added", "add", 6), ("according to",
        "according to", 6), ("warned", "warn", 4), ("stated", "state", 3), ("claimed", "claim", 3),
        ("announced", "announce", 3), ("wrote", "write", 2), ("insisted", "insist", 2),
        ("confirmed", "confirm", 2), ("noted", "note", 2), ("argued", "argue", 2),
        ("denied", "deny", 1), ("expressed concern", "express concern", 1))
CHANNELS = ("in a statement", "told reporters", "at a press briefing", "on social media",
            "in an interview", "at a news conference")
EXTRA_OUTLETS = ("Daily Ledger", "Morning Courier", "Evening Standard-Post", "Harbour Times",
                 "Valley Gazette", "Metro Wire", "Capital Observer", "Northern Echo-Herald",
                 "Coastal Tribune", "Republic Daily", "Frontier Journal", "Union Chronicle")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


# -- building the database -------------------------------------------------------------------

def gold_quotes() -> list[str]:
    found = []
    for path in GOLD_FILES:
        if path.exists():
            with open(path, encoding="utf-8") as fh:
                found += [json.loads(line)["quote"] for line in fh if line.strip()]
    if not found:  # no gold at hand: quoted-looking sentences of the sample articles
        found = [s for s in corpus.sentences() if '"' in s or "“" in s]
    return found


def vocabulary() -> list[str]:
    words = {w for text in [*gold_quotes(), *corpus.sentences()] for w in WORD.findall(text)}
    return sorted(words)


def make_names(rng: random.Random, n: int) -> list[tuple[str, str, list[str], list[str]]]:
    """``n`` distinct speakers: (name, kind, aliases, roles); about 1 in 8 an organisation."""
    from quotes.canon.speakers import slug

    seen, found = set(), []
    people = [f"{f} {last}" for f, last in itertools.product(FIRST, LAST)]
    rng.shuffle(people)
    orgs = [f"{p} {i}" for p, i in itertools.product(PLACES, INSTITUTIONS)]
    rng.shuffle(orgs)
    people_iter, org_iter = iter(people), iter(orgs)
    while len(found) < n:
        org = rng.random() < 0.12
        name = next(org_iter, None) if org else None
        if name is None:
            name, org = next(people_iter), False
        if slug(name) in seen:
            continue
        seen.add(slug(name))
        if org:
            aliases = [name, f"the {name}"]
            roles: list[str] = []
        else:
            role = rng.choice(ROLES)
            aliases = [name, name.split()[-1], f"{role} {name}"]
            roles = [role]
        found.append((name, "organisation" if org else "person", aliases, roles))
    return found


class Builder:
    """Makes the synthetic rows. Every random choice comes from one seeded generator."""

    def __init__(self, seed: int, n_speakers: int, n_outlets: int):
        from quotes.canon.speakers import slug

        self.rng = rng = random.Random(seed)
        self.pool = [q.split() for q in gold_quotes()]
        self.vocab = vocabulary()
        self.sentences = corpus.sentences()
        self.speakers = make_names(rng, n_speakers)
        self.speaker_ids = [slug(s[0]) for s in self.speakers]
        # Zipf-like: the k-th most quoted speaker has weight k ** -0.8.
        self.speaker_cum = list(itertools.accumulate((k + 1) ** -0.8 for k in range(n_speakers)))
        names = list(dict.fromkeys([*corpus.OUTLETS, *EXTRA_OUTLETS]))
        names += [f"{p} {kind}" for p, kind in itertools.product(
            PLACES, ("Post", "Times", "Herald", "News"))]
        self.outlets = [(slug(name), name) for name in names[:n_outlets]]
        self.outlet_cum = list(itertools.accumulate((k + 1) ** -1.0 for k in range(len(self.outlets))))
        self.cue_cum = list(itertools.accumulate(c[2] for c in CUES))
        self.orgs = [i for i, s in enumerate(self.speakers) if s[1] == "organisation"]
        self.open_group: dict[int, tuple[str, str]] = {}
        self.groups = 0

    def pick(self, cum: list[float]) -> int:
        return bisect.bisect(cum, self.rng.random() * cum[-1])

    def quote_text(self) -> str:
        rng = self.rng
        words: list[str] = []
        for _ in range(1 if rng.random() < 0.6 else 2):
            source = rng.choice(self.pool)
            size = rng.randint(6, 24)
            start = rng.randrange(max(1, len(source) - size + 1))
            words += source[start:start + size]
        for _ in range(rng.randint(1, 3)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(self.vocab))
        text = " ".join(words).strip(" \"“”‘’'")
        text = text.replace("“", "").replace("”", "").replace('"', "")
        return (text[:1].upper() + text[1:]) or "No comment"

    def article(self, number: int, n_quotes: int) -> tuple[dict, list[dict]]:
        rng = self.rng
        published = (corpus.START_DATE + corpus.dt.timedelta(days=rng.randrange(corpus.DAYS))).isoformat()
        url = f"https://news.example.org/bench/{number:07d}"
        article_id = hashlib.sha1(url.encode()).hexdigest()[:16]
        outlet_id = self.outlets[self.pick(self.outlet_cum)][0]
        title = " ".join(rng.choice(self.sentences).split()[:rng.randint(6, 11)]).strip(".,;:\"“”")
        parts, rows, offset = [title, "\n\n"], [], len(title) + 2
        for _ in range(n_quotes):
            if rng.random() < 0.3:  # a sentence of context between the quotes
                filler = rng.choice(self.sentences) + "\n\n"
                parts.append(filler)
                offset += len(filler)
            row, paragraph = self.quote_row(article_id, offset, published)
            parts.append(paragraph + "\n\n")
            offset += len(paragraph) + 2
            rows.append(row)
        text = "".join(parts)
        article = {"id": article_id, "name": f"bench-{number:07d}", "title": title, "url": url,
                   "outlet_id": outlet_id, "published": published,
                   "author": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "text": text,
                   "text_hash": hashlib.sha1(text.encode()).hexdigest(),
                   "extractor_version": "1", "ingested_at": "2025-01-01T00:00:00+00:00"}
        return article, rows

    def quote_row(self, article_id: str, offset: int, published: str) -> tuple[dict, str]:
        rng = self.rng
        cue, lemma, _ = CUES[self.pick(self.cue_cum)]
        kind_roll = rng.random()
        qtype = "direct" if kind_roll < 0.45 else "indirect" if kind_roll < 0.9 else "mixed"
        speaker = None if rng.random() < 0.08 else self.pick(self.speaker_cum)
        group_id = None
        text = self.quote_text()
        if speaker is not None:
            if speaker in self.open_group and rng.random() < 0.3:  # the same statement again
                group_id, text = self.open_group[speaker]
                words = text.split()
                words[rng.randrange(len(words))] = rng.choice(self.vocab)
                text = " ".join(words)
            elif rng.random() < 0.05:
                self.groups += 1
                group_id = hashlib.sha1(f"group-{self.groups}".encode()).hexdigest()[:16]
                self.open_group[speaker] = (group_id, text)
        if speaker is None:
            name = kind = role = None
            mention = rng.choice(("officials", "a source", "analysts", "people familiar with the matter"))
        else:
            name, kind, aliases, roles = self.speakers[speaker]
            mention = rng.choice(aliases + ["he" if rng.random() < 0.5 else "she"] * (kind == "person"))
            role = roles[0] if roles and rng.random() < 0.5 else None
        channel = rng.choice(CHANNELS) if rng.random() < 0.15 else None
        via = via_id = None
        if self.orgs and rng.random() < 0.03:
            relay = rng.choice(self.orgs)
            via, via_id = self.speakers[relay][0], self.speaker_ids[relay]
        if qtype == "direct":
            paragraph = f"“{text},” {mention} {cue}."
            start, cue_start = offset + 1, offset + len(f"“{text},” {mention} ")
        elif cue == "according to":
            paragraph = f"{text}, according to {mention}."
            start, cue_start = offset, offset + len(text) + 2
        else:
            lead = f"{mention[:1].upper()}{mention[1:]} {cue} "
            paragraph = f"{lead}{text}."
            start, cue_start = offset + len(lead), offset + len(mention) + 1
        end = start + len(text)
        row = {
            "id": hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16],
            "article_id": article_id,
            "speaker_id": None if speaker is None else self.speaker_ids[speaker],
            "speaker_mention": mention, "name_in_article": name, "speaker_kind": kind, "role": role,
            "quote": text, "type": qtype, "cue": cue, "cue_lemma": lemma, "cue_start": cue_start,
            "cue_end": cue_start + len(cue), "channel": channel,
            "via_speaker_id": via_id, "via": via, "start": start, "end": end,
            "sentence_start": offset, "sentence_end": offset + len(paragraph), "group_id": group_id,
        }
        return row, paragraph


def build(db_path: Path, n_quotes: int, n_articles: int, n_speakers: int, n_outlets: int,
          seed: int) -> dict:
    """Create the database with ``quotes.store.open_db`` and fill it; returns timings."""
    from sqlite_utils import Database

    from quotes import store

    timings = {}
    t0 = time.perf_counter()
    harness.remove_db(db_path)
    db = store.open_db(db_path)  # the project's schema: tables, indexes, FTS, triggers, view
    db.close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")  # a half-built database is rebuilt anyway
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'quotes'").fetchall()
    for name, _ in triggers:  # re-created after one FTS rebuild, which is much faster
        conn.execute(f"DROP TRIGGER [{name}]")

    conn.execute("BEGIN")
    insert_rows(conn, Builder(seed, n_speakers, n_outlets), n_quotes, n_articles, t0)
    timings["rows"] = time.perf_counter() - t0

    t = time.perf_counter()
    derive(conn)
    conn.execute("COMMIT")
    timings["derived"] = time.perf_counter() - t

    t = time.perf_counter()
    conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')")
    for _, sql in triggers:
        conn.execute(sql)
    timings["fts"] = time.perf_counter() - t
    t = time.perf_counter()
    conn.execute("BEGIN")  # the facet counts, as the triggers dropped above would have kept them
    store.count_facets(Database(conn), full=True)
    conn.execute("COMMIT")
    timings["facets"] = time.perf_counter() - t
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)",
                 [BUILD_MARK, json.dumps({"quotes": n_quotes, "articles": n_articles,
                                          "speakers": n_speakers, "seed": seed,
                                          "schema_version": store.SCHEMA_VERSION})])
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    conn.close()
    db = store.open_db(db_path)  # back to WAL, as the ingest leaves it
    db.close()
    timings["total"] = time.perf_counter() - t0
    if problems:
        raise SystemExit(f"generated rows break foreign keys: {problems[:5]}")
    return {k: round(v, 1) for k, v in timings.items()}


def insert_rows(conn: sqlite3.Connection, b: Builder, n_quotes: int, n_articles: int, t0: float) -> None:
    """The outlets, speakers, aliases, articles and quotes ``b`` makes."""
    conn.executemany("INSERT INTO outlets (id, name) VALUES (?, ?)", b.outlets)
    conn.executemany(
        "INSERT INTO speakers (id, name, kind, roles, quote_count) VALUES (?, ?, ?, ?, 0)",
        [(sid, name, kind, json.dumps(roles)) for sid, (name, kind, _, roles)
         in zip(b.speaker_ids, b.speakers, strict=True)])
    conn.executemany(
        "INSERT INTO speaker_aliases (speaker_id, alias) VALUES (?, ?)",
        [(sid, alias) for sid, (_, _, aliases, _) in zip(b.speaker_ids, b.speakers, strict=True)
         for alias in dict.fromkeys(aliases)])
    article_cols = ["id", "name", "title", "url", "outlet_id", "published", "author", "text",
                    "text_hash", "extractor_version", "ingested_at"]
    # Columns the schema copies from the article onto its quotes (outlet, date), if any.
    quote_columns = {row[1] for row in conn.execute("PRAGMA table_info(quotes)")}
    copied = [c for c in ("outlet_id", "published") if c in quote_columns]
    quote_cols = None
    made = 0
    per_article = n_quotes / n_articles
    for number in range(n_articles):
        # Spread the quotes evenly: article k ends at round((k + 1) * per_article).
        count = round((number + 1) * per_article) - made
        article, rows = b.article(number, count)
        made += count
        conn.execute(f"INSERT INTO articles ({', '.join(article_cols)}) VALUES "
                     f"({', '.join(':' + c for c in article_cols)})", article)
        if rows:
            for row in rows:
                row.update((c, article[c]) for c in copied)
            quote_cols = quote_cols or list(rows[0])
            conn.executemany(
                f"INSERT OR IGNORE INTO quotes ({', '.join(f'[{c}]' for c in quote_cols)}) "
                f"VALUES ({', '.join(':' + c for c in quote_cols)})", rows)
        if number % 20000 == 19999:
            print(f"  {number + 1:,} articles, {made:,} quotes ({time.perf_counter() - t0:.0f} s)",
                  flush=True)


def derive(conn: sqlite3.Connection) -> None:
    """What store.refresh() would derive: speaker counts and dates, groups of more than one quote."""
    conn.execute("""
        UPDATE speakers SET quote_count = c.n, first_seen = c.first, last_seen = c.last
        FROM (SELECT q.speaker_id, count(*) AS n, min(a.published) AS first,
                     max(a.published) AS last
              FROM quotes q JOIN articles a ON a.id = q.article_id
              WHERE q.speaker_id IS NOT NULL GROUP BY q.speaker_id) AS c
        WHERE c.speaker_id = speakers.id""")
    conn.execute("""
        INSERT INTO quote_groups (id, speaker_id, quote_count, outlet_count, outlets,
                                  first_published, label)
        SELECT q.group_id, min(q.speaker_id), count(*), count(DISTINCT a.outlet_id),
               json_group_array(DISTINCT o.name), min(a.published), max(q.quote)
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN outlets o ON o.id = a.outlet_id
        WHERE q.group_id IS NOT NULL GROUP BY q.group_id HAVING count(*) > 1""")
    conn.execute("UPDATE quotes SET group_id = NULL WHERE group_id IS NOT NULL AND group_id "
                 "NOT IN (SELECT id FROM quote_groups)")
    conn.execute("INSERT INTO meta (key, value) VALUES ('extractor_version', '1') "
                 "ON CONFLICT(key) DO NOTHING")


def upgrade(db_path: Path) -> None:
    """Bring a database built by an earlier version of this script up to date, as opening
    it and refreshing would: ``open_db`` replaces old indexes, and the facet counts that
    ``refresh`` writes are made if missing."""
    from quotes import store

    db = store.open_db(db_path)
    if not db.execute("SELECT 1 FROM meta WHERE key = 'facet_counts'").fetchone():
        with db.conn:
            store.count_facets(db)
    db.close()


def existing(db_path: Path) -> dict | None:
    if not db_path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        row = conn.execute("SELECT value FROM meta WHERE key = ?", [BUILD_MARK]).fetchone()
        conn.close()
    except sqlite3.Error:
        return None
    return json.loads(row[0]) if row else None


# -- measuring ---------------------------------------------------------------------------------

def pick_examples(db_path: Path, words: list[str] | None) -> dict:
    """Speakers (most quoted, median) and search words (frequent to rare) to request."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    speakers = conn.execute("SELECT id, name, quote_count FROM speakers ORDER BY quote_count DESC, id").fetchall()
    top, median = speakers[0], speakers[len(speakers) // 2]
    if not words:
        # The index holds porter stems ("offici"): map each back to a word that gives it, by
        # indexing the vocabulary with the same tokenizer.
        conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, quotes_fts, row)")
        conn.execute("CREATE VIRTUAL TABLE temp.words USING fts5(word, tokenize='porter')")
        conn.executemany("INSERT INTO temp.words (word) VALUES (?)",
                         [(w.lower(),) for w in vocabulary() if "'" not in w and "’" not in w])
        conn.execute("CREATE VIRTUAL TABLE temp.stems USING fts5vocab(temp, words, instance)")
        spelled = dict(conn.execute(
            "SELECT s.term, min(w.word) FROM temp.stems s JOIN temp.words w ON w.rowid = s.doc "
            "WHERE length(w.word) > 3 GROUP BY s.term").fetchall())
        candidates = [(term, doc) for term, doc in conn.execute(
            "SELECT term, doc FROM temp.vocab ORDER BY term") if term in spelled]
        words = []
        quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        for share in (0.1, 0.01, 0.001, 0.0001):  # from 1 quote in 10 to 1 in 10,000
            term = min(candidates, key=lambda c: (abs(c[1] - share * quotes), c[0]))[0]
            if spelled[term] not in words:
                words.append(spelled[term])
        words.append("minister statement")  # two words: both must appear
    group = conn.execute("SELECT id, quote_count FROM quote_groups ORDER BY quote_count DESC, id LIMIT 1").fetchone()
    outlet = conn.execute("SELECT outlet_id, count(*) FROM quotes WHERE outlet_id IS NOT NULL "
                          "GROUP BY outlet_id ORDER BY 2 DESC, 1 LIMIT 1").fetchone()
    # The article with the most quotes, read through the index on (article_id, start).
    article = conn.execute("SELECT article_id, count(*) FROM quotes GROUP BY article_id "
                           "ORDER BY 2 DESC, 1 LIMIT 1").fetchone()
    conn.close()
    return {"top": top, "median": median, "words": words, "group": group, "outlet": outlet,
            "article": article}


def pages(ex: dict) -> list[tuple[str, str]]:
    from quotes.datasette.serve import DATABASE

    base = f"/{DATABASE}"
    top, median = ex["top"], ex["median"]
    found = []
    for word in ex["words"]:
        found.append((f"search {word!r} (quotes.json)",
                      f"{base}/quotes.json?{urlencode({'_search': word, '_shape': 'array'})}"))
    # The same search as a reader does it: the HTML page also counts matches and runs facets.
    found.append((f"search {ex['words'][0]!r} (HTML page)",
                  f"{base}/quotes?{urlencode({'_search': ex['words'][0]})}"))
    for label, (sid, name, count) in (("top", top), ("median", median)):
        found.append((f"speaker row page, {label} ({count:,} quotes)", f"{base}/speakers/{urlquote(sid)}"))
        found.append((f"quotes_view?speaker_id=, {label}", f"{base}/quotes_view?{urlencode({'speaker_id': sid})}"))
        found.append((f"speaker_timeline canned, {label}",
                      f"{base}/speaker_timeline?{urlencode({'speaker': name})}"))
    found.append(("quotes_view facets speaker,outlet,type",
                  f"{base}/quotes_view?_facet=speaker&_facet=outlet&_facet=type"))
    found.append(("quotes_view (default facets)", f"{base}/quotes_view"))
    # The quotes table: its facets and sort come from metadata.yml.
    found.append(("quotes table (default facets)", f"{base}/quotes"))
    found.append(("quotes table ?speaker_id=, top", f"{base}/quotes?{urlencode({'speaker_id': top[0]})}"))
    found.append(("quotes table facets speaker_id,outlet_id,type",
                  f"{base}/quotes?_facet=speaker_id&_facet=outlet_id&_facet=type"))
    found.append(("quotes table facets cue,role,published",
                  f"{base}/quotes?_facet=cue&_facet=role&_facet=published"))
    found.append(("quotes table _facet_date=published", f"{base}/quotes?_facet_date=published"))
    # Where a default facet leads: one type, the most common outlet.
    found.append(("quotes table ?type=direct", f"{base}/quotes?type=direct"))
    if ex.get("outlet"):
        oid, count = ex["outlet"]
        found.append((f"quotes table ?outlet_id=, top ({count:,} quotes)",
                      f"{base}/quotes?{urlencode({'outlet_id': oid})}"))
    for word in ex["words"][1:3]:
        found.append((f"search {word!r} (HTML page)", f"{base}/quotes?{urlencode({'_search': word})}"))
    # The reader pages of the plugin (quotes.datasette.pages).
    found.append(("home page /", "/"))
    for word in ex["words"][:2]:
        found.append((f"/-/search?q={word}", f"/-/search?{urlencode({'q': word})}"))
    for label, (sid, _, count) in (("top", top), ("median", median)):
        found.append((f"/-/speaker/ID, {label} ({count:,} quotes)", f"/-/speaker/{urlquote(sid)}"))
    if ex.get("group"):
        gid, count = ex["group"]
        found.append((f"/-/group/ID, largest ({count} quotes)", f"/-/group/{urlquote(gid)}"))
    found.append(("/-/speaker/ID.atom, top", f"/-/speaker/{urlquote(top[0])}.atom"))
    found.append((f"/-/search.atom?q={ex['words'][0]}", f"/-/search.atom?{urlencode({'q': ex['words'][0]})}"))
    found += reading_pages(ex)
    return found


def reading_pages(ex: dict) -> list[tuple[str, str]]:
    """The article page, the search for a person and a topic, and the reader pages as JSON."""
    from quotes.datasette.serve import DATABASE

    top, median, words = ex["top"], ex["median"], ex["words"]
    found = []
    if ex.get("article"):
        aid, count = ex["article"]
        found.append((f"article page, most quoted ({count} quotes)", f"/{DATABASE}/articles/{urlquote(aid)}"))
    for label, (_, name, _), word in (("top", top, words[0]), ("median", median, words[-2])):
        q = f"{name} {word}"
        found.append((f"/-/search person and topic, {label} + {word!r}", f"/-/search?{urlencode({'q': q})}"))
    found.append((f"/-/search.json?q={words[0]}", f"/-/search.json?{urlencode({'q': words[0]})}"))
    # Datasette's own search of the view and of the speakers (their search indexes in metadata.yml).
    for word in words[:2]:
        found.append((f"quotes_view.json?_search={word}",
                      f"/{DATABASE}/quotes_view.json?{urlencode({'_search': word, '_shape': 'array'})}"))
    surname = top[1].split()[-1]
    found.append((f"speakers.json?_search={surname}",
                  f"/{DATABASE}/speakers.json?{urlencode({'_search': surname, '_shape': 'array'})}"))
    found.append(("/-/speaker/ID.json, top", f"/-/speaker/{urlquote(top[0])}.json"))
    if ex.get("group"):
        found.append(("/-/group/ID.json, largest", f"/-/group/{urlquote(ex['group'][0])}.json"))
    return found


def json_url(url: str) -> str:
    path, _, query = url.partition("?")
    if not path.endswith(".json"):
        path += ".json"
    return f"{path}?{query}" if query else path


async def get(ds, url: str):
    """One request; Datasette's traceback of a failed page goes to a sink, not the output."""
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        return await ds.client.get(url)


def error_of(response) -> str | None:
    """The reason Datasette gives on an error page, in a few words."""
    if response.status_code == 200:
        return None
    text = re.sub(r"<[^>]+>", " ", response.text)
    for reason in ("SQL query took too long", "interrupted", "Cannot sort"):
        if reason in text:
            return reason
    return " ".join(text.split())[:80]


async def time_page(ds, url: str, requests: int, warmups: int, budget: float) -> dict:
    first = None
    for _ in range(warmups):
        t = time.perf_counter()
        response = await get(ds, url)
        first = time.perf_counter() - t if first is None else first
    # Bounded: a page that takes seconds gets fewer timed requests (at least 5).
    n = requests if first is None or first * requests <= budget else max(5, int(budget / first))
    times, statuses = [], []
    for _ in range(n):
        t = time.perf_counter()
        response = await get(ds, url)
        times.append((time.perf_counter() - t) * 1000)
        statuses.append(response.status_code)
    times.sort()
    return {"status": max(statuses, key=lambda s: (s != 200, s)), "errors": sum(s != 200 for s in statuses),
            "error": error_of(response), "n": n, "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], 1),
            "min_ms": round(times[0], 1), "bytes": len(response.content),
            "not_counted": not_counted(response)}


def not_counted(response) -> list[str]:
    """The facets an HTML table page says it did not count (quotes.datasette.facets)."""
    found = re.search(r'class="facets-not-counted">Not counted on this page: ([^.]*)\.', response.text)
    return found.group(1).split(", ") if found else []


async def diagnose(ds, url: str) -> dict:
    """Row count and facet time-outs of a table or view page, from its JSON."""
    if "/speakers/" in url or "/articles/" in url or "speaker_timeline" in url or url.startswith("/-/") or url == "/":
        return {}
    response = await get(ds, json_url(url.replace("&_shape=array", "")))
    try:
        data = response.json()
    except ValueError:
        return {"status": response.status_code}
    if not isinstance(data, dict):
        return {}
    return {"rows": data.get("filtered_table_rows_count"),
            "facets_timed_out": data.get("facets_timed_out") or [],
            "suggested_facets": len(data.get("suggested_facets") or [])}


async def run_mode(db_path: Path, immutable: bool, inspect_file: Path | None, ex: dict,
                   args) -> list[dict]:
    from datasette.app import Datasette

    from quotes.datasette.serve import DATABASE, SETTINGS, load_metadata, serve_args

    args_seen = serve_args(db_path, immutable=immutable, inspect_file=inspect_file)
    settings = dict(SETTINGS)
    for name, value in args.setting or []:  # --setting: try a change before making it
        settings[name] = int(value) if value.isdigit() else value.lower() in ("1", "on", "true")
    metadata = load_metadata()
    for table, changes in json.loads(args.patch_metadata or "{}").items():  # to test a fix
        metadata["databases"][DATABASE]["tables"].setdefault(table, {}).update(changes)
    ds = Datasette(files=[] if immutable else [str(db_path)],
                   immutables=[str(db_path)] if immutable else [],
                   inspect_data=json.loads(inspect_file.read_text()) if inspect_file else None,
                   metadata=metadata, settings=settings)
    await ds.invoke_startup()
    mode = "immutable" if immutable else "mutable"
    print(f"\n[{mode}] as `datasette {' '.join(args_seen[:3])} ...` with settings {settings}")
    results = []
    for label, url in pages(ex):
        if args.only and not re.search(args.only, label):
            continue
        r = await time_page(ds, url, args.requests, args.warmups, args.budget)
        r.update(await diagnose(ds, url))
        r.update(label=label, url=url, mode=mode)
        verdict = "ok" if r["median_ms"] < TARGET_MS and r["status"] == 200 else "MISSES target"
        notes = []
        if r.get("rows") is None and "rows" in r:
            notes.append("count timed out")
        elif r.get("rows") is not None:
            notes.append(f"{r['rows']:,} rows")
        if r.get("not_counted") or r.get("facets_timed_out"):
            notes.append("facets not counted: " + ", ".join(r.get("not_counted") or r["facets_timed_out"]))
        if r["status"] != 200:
            notes.append(f"HTTP {r['status']} on {r['errors']} of {r['n']}: {r['error']}")
        print(f"  {label:48} median {r['median_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
              f"(n={r['n']})  {verdict}" + (f"  [{'; '.join(notes)}]" if notes else ""), flush=True)
        results.append(r)
    return results


EXPLAIN = {
    "quotes_view first page (sorted by published desc)":
        "select * from quotes_view order by published desc limit 26",
    "quotes_view count": "select count(*) from quotes_view",
    "quotes_view facet speaker":
        "select speaker as value, count(*) as count from (select * from quotes_view) "
        "where speaker is not null group by speaker order by count desc, value limit 31",
    "quotes_view filtered by speaker_id, sorted":
        "select * from quotes_view where speaker_id = :sid order by published desc limit 26",
    "quotes table first page (sorted by published desc)":
        "select * from quotes order by published desc limit 26",
    "quotes table facet speaker_id":
        "select speaker_id as value, count(*) as count from (select * from quotes) "
        "where speaker_id is not null group by speaker_id order by count desc, value limit 31",
    "quotes table facet type, filtered by speaker_id":
        "select type as value, count(*) as count from (select * from quotes where speaker_id = :sid) "
        "where type is not null group by type order by count desc, value limit 31",
    "search page (quotes table, sorted by id)":
        "select * from quotes where rowid in (select rowid from quotes_fts where quotes_fts "
        "match :q) order by id limit 26",
    "search count":
        "select count(*) from quotes where rowid in (select rowid from quotes_fts where "
        "quotes_fts match :q)",
}


def explain(db_path: Path, ex: dict) -> dict:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    params = {"sid": ex["top"][0], "q": json.dumps(ex["words"][0])}
    found = {}
    print("\nquery plans and single-run times (sqlite3, no Datasette):")
    for label, sql in EXPLAIN.items():
        plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
        t = time.perf_counter()
        conn.execute(sql, params).fetchall()
        ms = (time.perf_counter() - t) * 1000
        found[label] = {"ms": round(ms, 1), "plan": plan}
        print(f"  {label}: {ms:.0f} ms\n    " + "\n    ".join(plan))
    conn.close()
    return found


def main(argv: list[str] | None = None) -> dict:
    parser = harness.parser(__doc__)
    parser.add_argument("--db", type=Path, default=DEFAULT_DIR / "quotes.db",
                        help=f"database file, must be called quotes.db (default {DEFAULT_DIR}/quotes.db)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database even if it exists")
    parser.add_argument("--quotes", type=int, default=1_000_000, help="quotes (default 1,000,000)")
    parser.add_argument("--articles", type=int, help="articles (default quotes / 10)")
    parser.add_argument("--speakers", type=int, help="speakers (default quotes / 50)")
    parser.add_argument("--outlets", type=int, default=50, help="outlets (default 50)")
    parser.add_argument("--mode", choices=("mutable", "immutable", "both"), default="mutable",
                        help="serve as `quotes serve` (mutable) or `quotes serve --immutable`")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page (default 20)")
    parser.add_argument("--warmups", type=int, default=2, help="untimed requests first (default 2)")
    parser.add_argument("--budget", type=float, default=20.0,
                        help="seconds per page at most: slow pages get fewer requests, >= 5 (default 20)")
    parser.add_argument("--words", nargs="+", help="search words (default: picked by frequency)")
    parser.add_argument("--setting", nargs=2, action="append", metavar=("NAME", "VALUE"),
                        help="override a Datasette setting of quotes.datasette.serve.SETTINGS (to test a fix)")
    parser.add_argument("--patch-metadata", metavar="JSON",
                        help='merge into metadata.yml tables, e.g. \'{"quotes_view": {"facets": []}}\'')
    parser.add_argument("--only", metavar="REGEX", help="time only the pages whose label matches")
    parser.add_argument("--explain", action="store_true", help="print query plans of the heavy queries")
    args = parser.parse_args(argv)
    from quotes.datasette.serve import DATABASE

    if args.db.stem != DATABASE:
        parser.error(f"--db must be called {DATABASE}.db: metadata.yml describes that database")
    info = harness.machine()
    print(harness.describe_machine(info, harness.other_cpu_load()))
    built = build_or_reuse(args)
    size = args.db.stat().st_size
    ex = pick_examples(args.db, args.words)
    print(f"database: {size / 2**20:,.0f} MB; most quoted speaker {ex['top'][1]!r} "
          f"({ex['top'][2]:,} quotes), median speaker {ex['median'][1]!r} ({ex['median'][2]:,})")
    results = serve_and_time(args, ex)
    plans = explain(args.db, ex) if args.explain else None

    missed = [r for r in results if r["median_ms"] >= TARGET_MS or r["status"] != 200]
    print(f"\n{len(results) - len(missed)} of {len(results)} pages meet the target "
          f"(median < {TARGET_MS} ms)" + ("; missing: " if missed else "") +
          "; ".join(f"{r['label']} [{r['mode']}] {r['median_ms']:.0f} ms" for r in missed))
    summary = {"db": str(args.db), "db_bytes": size, "built": built, "machine": info,
               "target_ms": TARGET_MS, "examples": {"top": ex["top"], "median": ex["median"],
                                                     "words": ex["words"], "group": ex.get("group"),
                                                     "outlet": ex.get("outlet")},
               "pages": results, "plans": plans}
    harness.summary(summary, args)
    return summary


def build_or_reuse(args: argparse.Namespace) -> dict | None:
    """Build the database, unless one built with the same sizes, seed and schema is there;
    the build's timings, or None."""
    from quotes.store import SCHEMA_VERSION

    n_articles = args.articles or max(1, args.quotes // 10)
    n_speakers = args.speakers or max(10, args.quotes // 50)
    wanted = {"quotes": args.quotes, "articles": n_articles, "speakers": n_speakers,
              "seed": args.seed, "schema_version": SCHEMA_VERSION}
    have = existing(args.db)
    if args.rebuild or have != wanted:
        print(f"building {args.db}: {args.quotes:,} quotes, {n_articles:,} articles, "
              f"{n_speakers:,} speakers, {args.outlets} outlets", flush=True)
        args.db.parent.mkdir(parents=True, exist_ok=True)
        built = build(args.db, args.quotes, n_articles, n_speakers, args.outlets, args.seed)
        print(f"built in {built['total']:.0f} s (rows {built['rows']:.0f} s, derived "
              f"{built['derived']:.0f} s, FTS rebuild {built['fts']:.0f} s, facet counts {built['facets']:.0f} s)")
        return built
    print(f"reusing {args.db} ({have['quotes']:,} quotes, schema version "
          f"{have['schema_version']}; --rebuild to build it again)")
    upgrade(args.db)
    return None


def serve_and_time(args: argparse.Namespace, ex: dict) -> list[dict]:
    """The timings of every page, in each mode asked for."""
    from quotes.datasette.serve import inspect_file_for

    modes = {"mutable": [False], "immutable": [True], "both": [False, True]}[args.mode]
    results = []
    for immutable in modes:
        # `quotes serve --immutable` inspects the database first; outside the event loop,
        # as Datasette's own command runs one.
        with tempfile.TemporaryDirectory(prefix="quotes-bench-") as workdir:
            inspect_file = inspect_file_for(args.db, Path(workdir)) if immutable else None
            results += asyncio.run(run_mode(args.db, immutable, inspect_file, ex, args))
    return results


if __name__ == "__main__":
    main()
