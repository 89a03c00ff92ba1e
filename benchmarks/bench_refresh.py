"""The refresh after an ingest: incremental (what the new articles reach) against full.

1. Builds a large database without running spaCy: ``--articles`` synthetic articles (default
   170,000: about a million quotes), each with 3-9 quote records made as extraction makes
   them (``QuoteRecord``) and stored with ``quotes.store.save_articles``, the ingest's own
   write path, then one full refresh. Speakers are drawn on a Zipf-like curve from
   ``--speakers`` people and organisations (default 20,000; a few quoted thousands of
   times), people's surnames from a pool of ``--surnames``, named the ways articles name
   them ("President Ada Abe", "Ada Abe", "Abe", "the Northfield City Council", "City Council"),
   some quotes are the same statement again (quote groups), some name only a role, some are
   relayed by an organisation. Quote words come from the sample and development articles.
2. Copies that database twice and stores the same ``--added`` new articles (default 1,000)
   in both copies, then times ``store.refresh(db)`` (incremental) on one and
   ``store.refresh(db, full=True)`` on the other, alternating which goes first over the
   repetitions, best of N; then checks that both copies hold the same speakers, aliases,
   groups and quote assignments. Target: incremental <= 0.1 x full.

    .venv/bin/python -m benchmarks.bench_refresh                      # ~35 min
    .venv/bin/python -m benchmarks.bench_refresh --articles 20000 --speakers 5000   # ~3 min

With ``--workdir DIR`` the base database stays in DIR and a later run with the same settings
reuses it.
"""
from __future__ import annotations

import argparse
import bisect
import itertools
import os
import pickle
import random
import shutil
import sqlite3
import time
from pathlib import Path

from . import corpus, harness
from .names import FIRST, INSTITUTIONS, LAST, PLACES, ROLES

TARGET = 0.1
# Surnames: the 155 of names.LAST, then those with endings added ("Abe", "Abeson", ...).
# A name written as a surname alone may be any quoted person of that surname, so the
# incremental refresh looks at all of them: with 155 surnames for 20,000 speakers, every
# surname names about 130 people and a thousand articles reach nearly every person.
ENDINGS = ["", "son", "sen", "ova", "ez", "man", "berg", "stein", "ski", "ard", "ino", "ow", "ley", "ton",
           "ford", "wood", "er", "ini", "escu", "opoulos", "yan", "idze", "oglu", "ek", "ic", "ovic",
           "ssen", "quist", "dottir", "ell", "ham", "ay"]
SURNAMES = [last + ending for ending in ENDINGS for last in LAST]


class Maker:
    """Synthetic articles with quote records; every choice comes from one seeded generator."""

    def __init__(self, seed: int, n_speakers: int, zipf: float = 0.8, surnames: int = len(SURNAMES)):
        self.rng = rng = random.Random(seed)
        self.sentences = [s for s in corpus.sentences() if 6 <= len(s.split()) <= 40]
        people = [f"{f} {last}" for f, last in itertools.product(FIRST, SURNAMES[:surnames])]
        orgs = [f"{p} {i}" for p, i in itertools.product(PLACES, INSTITUTIONS)]
        rng.shuffle(people)
        rng.shuffle(orgs)
        self.speakers: list[tuple[str, str, str | None]] = []
        for i in range(n_speakers):
            if i % 8 == 7 and orgs:
                self.speakers.append((orgs.pop(), "organisation", None))
            else:
                self.speakers.append((people.pop(), "person", rng.choice(ROLES)))
        self.cum = list(itertools.accumulate((k + 1) ** -zipf for k in range(n_speakers)))
        self.said: dict[int, list[str]] = {}

    def mention(self, name: str, kind: str, role: str | None) -> tuple[str, str]:
        """(name as resolved by extraction, as written)."""
        rng = self.rng
        roll = rng.random()
        if kind == "organisation":
            return (name, f"the {name}") if roll < 0.7 else (name.split(" ", 1)[1], name.split(" ", 1)[1])
        if roll < 0.6:
            return name, name
        if roll < 0.85 and role:
            return f"{role} {name}", f"{role} {name}"
        return name.split()[-1], name.split()[-1]

    def article(self, number: int) -> tuple:
        from quotes.readers import make_article
        from quotes.records import Attribution, QuoteRecord

        rng = self.rng
        parts, records, offset = [], [], 0
        title = " ".join(rng.choice(self.sentences).split()[:8])
        parts.append(title + "\n\n")
        offset += len(title) + 2
        for _ in range(rng.randint(3, 9)):
            who = bisect.bisect(self.cum, rng.random() * self.cum[-1])
            name, kind, role = self.speakers[who]
            if who in self.said and rng.random() < 0.3:
                text = rng.choice(self.said[who])  # the same statement in another article
            else:
                text = rng.choice(self.sentences).rstrip(".")
                self.said.setdefault(who, []).append(text)
            resolved, written = self.mention(name, kind, role)
            speaker = Attribution(resolved, kind, role if resolved != name or rng.random() < 0.3 else None)
            if kind == "person" and rng.random() < 0.05:  # only the office is named
                speaker, written = Attribution(None, None, role), f"the {role}"
            via = rng.choice(self.speakers[7::8])[0] if rng.random() < 0.03 else None
            paragraph = f"“{text},” {written} said.\n\n"
            start = offset + 1
            records.append(QuoteRecord(quote=text, type="direct", start=start, end=start + len(text),
                                       sentence_start=offset, sentence_end=offset + len(paragraph) - 2,
                                       cue="said", cue_lemma="say", speaker_mention=written,
                                       speaker=speaker, via=via))
            parts.append(paragraph)
            offset += len(paragraph)
        published = (corpus.START_DATE + corpus.dt.timedelta(days=rng.randrange(corpus.DAYS))).isoformat()
        article = make_article(f"bench-{number:07d}", "".join(parts), title=title,
                               url=f"https://news.example.org/refresh/{number:07d}",
                               outlet=rng.choice(corpus.OUTLETS), published=published)
        return article, records


def store_articles(db, maker: Maker, first: int, count: int, batch: int = 500) -> float:
    from quotes import store
    from quotes.extract import EXTRACTOR_VERSION

    t0 = time.perf_counter()
    for start in range(first, first + count, batch):
        items = [maker.article(n) for n in range(start, min(first + count, start + batch))]
        store.save_articles(db, items, EXTRACTOR_VERSION)
    return time.perf_counter() - t0


def derived(path: Path) -> dict:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(sql).fetchall() for t, sql in {
            "speakers": "SELECT * FROM speakers ORDER BY id",
            "aliases": "SELECT * FROM speaker_aliases ORDER BY 1, 2",
            "groups": "SELECT * FROM quote_groups ORDER BY id",
            "quotes": "SELECT id, speaker_id, via_speaker_id, group_id FROM quotes ORDER BY id",
        }.items()}


def main(argv: list[str] | None = None) -> dict:
    parser = harness.parser(__doc__, repeats=2, workdir="the databases")
    parser.add_argument("--articles", type=int, default=170_000,
                        help="articles in the database (default 170,000: about a million quotes)")
    parser.add_argument("--added", type=int, default=1_000, help="articles added before the refresh (default 1,000)")
    parser.add_argument("--speakers", type=int, default=20_000, help="distinct speakers (default 20,000)")
    parser.add_argument("--zipf", type=float, default=0.8,
                        help="the k-th most quoted speaker is drawn with weight k ** -ZIPF (default 0.8)")
    parser.add_argument("--surnames", type=int, default=len(SURNAMES),
                        help=f"surnames people are drawn from (default {len(SURNAMES):,}; 155: about 130 "
                             "people share each surname at 20,000 speakers)")
    args = parser.parse_args(argv)
    return harness.run(args, "bench-refresh-", measure)


def measure(args: argparse.Namespace, workdir: Path) -> dict:
    info = harness.machine()
    print(harness.describe_machine(info, harness.other_cpu_load()))
    maker = Maker(args.seed, args.speakers, args.zipf, args.surnames)
    base = workdir / "base.db"
    state, built, first_refresh = base_database(args, maker, base)
    with sqlite3.connect(base) as conn:
        size = {k: conn.execute(f"SELECT count(*) FROM {k}").fetchone()[0] for k in ("articles", "quotes", "speakers")}
    print(f"database: {size['articles']:,} articles, {size['quotes']:,} quotes, {size['speakers']:,} speakers "
          f"(stored in {built:.1f} s, first full refresh {first_refresh:.1f} s)")
    runs, figures = refresh_in_turns(args, maker, state, base, workdir)
    best = {mode: min(times) for mode, times in runs.items()}
    ratio = best["incremental"] / best["full"]
    verdict = "ok" if ratio <= TARGET else "MISSES target"
    share, total = figures["share"], figures["total"]
    print(f"\nafter adding {args.added:,} articles ({figures['reached']:,} names queued) to {size['articles']:,} "
          f"({size['quotes']:,} quotes, {figures['touched']:,} speakers after):")
    print(f"the {share[1]:,} speakers the new articles quote hold {share[0]:,} of the {total:,} quotes "
          f"({100 * share[0] / total:.0f} %)")
    print(f"incremental refresh {best['incremental']:.2f} s, full refresh {best['full']:.2f} s: "
          f"{ratio:.3f}x   target <= {TARGET}x  {verdict}")
    return {"articles": size["articles"], "quotes": size["quotes"], "speakers": size["speakers"],
            "added": args.added, "incremental_s": round(best["incremental"], 3), "full_s": round(best["full"], 3),
            "ratio": round(ratio, 4), "target": TARGET, "zipf": args.zipf, "surnames": args.surnames,
            "regrouped_speakers": share[1], "regrouped_quotes": share[0], "machine": info,
            "all": {k: [round(t, 3) for t in v] for k, v in runs.items()}}


def base_database(args: argparse.Namespace, maker: Maker, base: Path) -> tuple[tuple, float, float]:
    """Build the base database, or reuse the one an earlier run built with the same settings and
    name rules (with --workdir: building a million quotes takes about twenty minutes). Returns
    the maker's state after it, and the seconds taken to store it and to refresh it."""
    from quotes import store

    settings = [args.articles, args.speakers, args.zipf, args.surnames, args.seed,
                store.canon_fingerprint()]
    saved = base.with_name("base.state.pickle")
    if base.exists() and saved.exists() and (kept := pickle.loads(saved.read_bytes()))[0] == settings:
        print(f"database: reusing {base}")
        return kept[1], float("nan"), float("nan")
    saved.unlink(missing_ok=True)
    harness.remove_db(base)
    db = store.open_db(base)
    built = store_articles(db, maker, 0, args.articles)
    t0 = time.perf_counter()
    store.refresh(db, full=True)
    first_refresh = time.perf_counter() - t0
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    state = maker.rng.getstate(), {k: list(v) for k, v in maker.said.items()}
    saved.write_bytes(pickle.dumps((settings, state)))
    return state, built, first_refresh


def refresh_in_turns(args: argparse.Namespace, maker: Maker, state: tuple, base: Path,
                     workdir: Path) -> tuple[dict[str, list[float]], dict]:
    """Times of the incremental and the full refresh of two copies of the base with the same
    new articles, taking turns; and what the incremental one reached."""
    from quotes import store

    runs: dict[str, list[float]] = {"incremental": [], "full": []}
    figures: dict = {}
    for rep in range(args.repeats):
        paths = {}
        for mode in runs:
            paths[mode] = workdir / f"{mode}.db"
            for suffix in ("-wal", "-shm"):
                Path(f"{paths[mode]}{suffix}").unlink(missing_ok=True)
            shutil.copy(base, paths[mode])
            maker.rng.setstate(state[0])
            maker.said = {k: list(v) for k, v in state[1].items()}
            db = store.open_db(paths[mode])
            store_articles(db, maker, args.articles, args.added)
            db.close()
        # The copies' pages reach the disk before either refresh is timed, not during it.
        os.sync()
        order = list(runs) if rep % 2 == 0 else list(runs)[::-1]
        for mode in order:
            db = store.open_db(paths[mode])
            if mode == "incremental":
                figures["reached"] = db.execute(
                    "SELECT count(*) FROM refresh_queue WHERE kind = 'name'").fetchone()[0]
            t0 = time.perf_counter()
            store.refresh(db, full=mode == "full")
            runs[mode].append(time.perf_counter() - t0)
            figures["touched"] = db.execute("SELECT count(*) FROM speakers").fetchone()[0]
            if mode == "incremental":
                # How much of the database the speakers the new articles quote hold.
                figures["share"] = db.execute(
                    "SELECT sum(quote_count), count(*) FROM speakers WHERE id IN (SELECT speaker_id FROM quotes "
                    "WHERE article_id IN (SELECT id FROM articles WHERE name >= ?))",
                    [f"bench-{args.articles:07d}"]).fetchone()
                figures["total"] = db.execute("SELECT count(*) FROM quotes").fetchone()[0]
            db.close()
            print(f"  run {rep + 1}, {mode:11}: {runs[mode][-1]:6.2f} s", flush=True)
        same = derived(paths["incremental"]) == derived(paths["full"])
        print(f"  same speakers, aliases, groups and quotes: {same}")
        if not same:
            raise SystemExit("incremental and full refresh differ")
    return runs, figures


if __name__ == "__main__":
    main()
