"""Peak memory and time of `quotes ingest` on each hostile input, beside one good article.

Each input is ingested by a fresh `quotes ingest INPUT good.txt --db DIR/quotes.db
--processes 1` (a single file is parsed in the ingesting process itself). The memory of the
process tree is sampled with psutil every 0.1 s. Every run must end with the input either
stored or refused by a named one-line error, and the good article stored.

Then each command that takes ``--db`` (ingest, export, refresh, serve) is run on each file
that is not a quotes database: another application's SQLite file, random bytes, a truncated
quotes database. Each must exit 1 with one line, and leave the folder byte for byte as it was.

    .venv/bin/python -m benchmarks.bench_hostile            # every input, ~6 min
    .venv/bin/python -m benchmarks.bench_hostile --only prose999k sentence200k --json
    .venv/bin/python -m benchmarks.bench_hostile --only title1m --databases users random
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from . import harness
from .corpus import one_sentence, prose

QUOTES = Path(sys.executable).parent / "quotes"
GOOD = 'Bridge repairs\n\n"We will rebuild the bridge by spring," Mayor Anna Berg told reporters on Monday.\n'


def text(name: str, content: Callable[[], str]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_text(content(), encoding="utf-8")
        return path
    return make


def link(name: str, target: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        (folder / name).symlink_to(target)
        return folder / name
    return make


def jsonl_field(name: str, size: int) -> Callable[[Path], Path]:
    """A JSONL article whose ``name`` field is ``size`` characters long."""
    record = {"title": "Bridge repairs", "url": "https://example.com/bridge", "author": "Staff", "text": GOOD}
    return text(f"{name}.jsonl", lambda: json.dumps({**record, name: "x" * size}) + "\n")


def fifo(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.txt")
    return folder / "pipe.txt"


INPUTS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "spaces": ("1,000,000 spaces", text("spaces.txt", lambda: " " * 1_000_000)),
    "marks": ('\" \" repeated: 1,000,000 characters of spaced quotation marks',
              text("marks.txt", lambda: '" ' * 500_000)),
    "prose999k": ("999,000 characters of the sample articles' paragraphs", text("long.txt", lambda: prose(999_000))),
    "sentence200k": ("one sentence of 200,000 words, no full stop",
                     text("sentence.txt", lambda: one_sentence(200_000))),
    "letters": ("499,000 one-letter words (the most tokens 1 MB holds)", text("letters.txt", lambda: "a " * 499_000)),
    "nested": ("quotation marks nested 5,000 deep", text("nested.txt", lambda: (
        "He said, \u201cShe said, \u2018" * 5_000 + "stop" + "\u2019 \u201d " * 5_000))),
    "surrogate": ('a JSONL line holding "\\ud800"',
                  text("feed.jsonl", lambda: '{"text": "Bad \\ud800 text, the minister said."}\n')),
    "zero": ("a .txt link to /dev/zero", link("zero.txt", "/dev/zero")),
    "urandom": ("a .txt link to /dev/urandom", link("urandom.txt", "/dev/urandom")),
    "fifo": ("a FIFO named .txt", fifo),
    "title1m": ("a JSONL article whose title is 1,000,000 characters", jsonl_field("title", 1_000_000)),
    "url5m": ("a JSONL article whose url is 5,000,000 characters", jsonl_field("url", 5_000_000)),
    "author5m": ("a JSONL article whose author is 5,000,000 characters", jsonl_field("author", 5_000_000)),
}


def sqlite_file(sql: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        with sqlite3.connect(path) as conn:
            conn.executescript(sql)
        conn.close()
        return path
    return make


def random_bytes(path: Path) -> Path:
    path.write_bytes(os.urandom(1_000_000))
    return path


def truncated(path: Path) -> Path:
    """Half of a quotes database holding the good article."""
    whole = path.with_name("whole.db")
    subprocess.run([str(QUOTES), "ingest", str(path.with_name("good.txt")), "--db", str(whole), "--processes", "1"],
                   check=True, stdin=subprocess.DEVNULL, capture_output=True)
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    whole.unlink()
    return path


DATABASES: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "users": ("another application's file: a users table", sqlite_file(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO users VALUES (1, 'a@b.c');")),
    "articles": ("another application's articles table", sqlite_file(
        "CREATE TABLE articles (slug TEXT PRIMARY KEY, body TEXT); INSERT INTO articles VALUES ('x', 'y');")),
    "random": ("1,000,000 random bytes", random_bytes),
    "truncated": ("the first half of a quotes database", truncated),
}
COMMANDS = {"ingest": ["ingest", "good.txt", "--processes", "1"], "export": ["export"], "refresh": ["refresh"],
            "serve": ["serve", "--port", "0"]}


def run(key: str, timeout: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        hostile = INPUTS[key][1](folder)
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        db = folder / "quotes.db"
        started = time.monotonic()
        process = subprocess.Popen([str(QUOTES), "ingest", str(hostile), str(folder / "good.txt"), "--db", str(db),
                                    "--processes", "1"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
        tree, peak = psutil.Process(process.pid), 0
        while process.poll() is None:
            if time.monotonic() - started > timeout:
                process.kill()
                break
            try:
                peak = max(peak, sum(p.memory_info().rss for p in [tree, *tree.children(recursive=True)]))
            except psutil.Error:
                pass
            time.sleep(0.1)
        seconds = time.monotonic() - started
        stderr = process.communicate()[1]
        with sqlite3.connect(db) as conn:
            stored = {name for (name,) in conn.execute("SELECT name FROM articles")}
        errors = [line for line in stderr.splitlines() if line.startswith("error:")]
        named = bool(errors) and all(str(hostile) in line for line in errors)
        stored_it = hostile.name in stored or any(name.startswith(hostile.name + ":") for name in stored)
        outcome = "stored" if stored_it and not errors else errors[0].split(": ", 2)[-1] if named else "FAILED"
        ok = "good.txt" in stored and "Traceback" not in stderr and (stored_it or named)
        return {"input": key, "what": INPUTS[key][0], "peak_mb": round(peak / 2**20), "seconds": round(seconds, 1),
                "status": process.returncode, "outcome": outcome, "ok": ok}


def run_database(key: str, command: str, timeout: float) -> dict:
    """``quotes COMMAND --db FILE`` on the file ``key`` makes: one line, exit 1, nothing changed."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        db = DATABASES[key][1](folder / "other.db")
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        started = time.monotonic()
        try:
            done = subprocess.run([str(QUOTES), *COMMANDS[command], "--db", str(db)], cwd=folder, timeout=timeout,
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True)
            status, stderr = done.returncode, done.stderr
        except subprocess.TimeoutExpired:
            status, stderr = None, "timed out"
        seconds = time.monotonic() - started
        same = {p.name: p.read_bytes() for p in folder.iterdir()} == before
        lines = stderr.strip().splitlines()
        ok = status == 1 and len(lines) == 1 and same
        outcome = lines[-1].replace(str(db), "FILE") if lines else "(nothing)"
        return {"database": key, "command": command, "what": DATABASES[key][0], "seconds": round(seconds, 1),
                "status": status, "unchanged": same, "outcome": outcome, "ok": ok}


def main(argv: list[str] | None = None) -> None:
    parser = harness.parser(__doc__, seed=False)
    parser.add_argument("--only", nargs="+", choices=list(INPUTS), help="run these inputs only")
    parser.add_argument("--databases", nargs="+", choices=list(DATABASES),
                        help="run the commands on these databases only  [default: all; none with --only]")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per input")
    args = parser.parse_args(argv)
    print(harness.describe_machine(harness.machine(), harness.other_cpu_load()), flush=True)
    print(f"{'input':<13} {'peak MB':>8} {'seconds':>8}  outcome", flush=True)
    results = []
    for key in args.only or INPUTS:
        result = run(key, args.timeout)
        results.append(result)
        flag = "" if result["ok"] else "  <-- NOT OK"
        print(f"{key:<13} {result['peak_mb']:>8} {result['seconds']:>8}  {result['outcome']}{flag}", flush=True)
    print(f"\n{'database':<10} {'command':<8} {'seconds':>8} {'status':>6}  {'unchanged':<9}  outcome", flush=True)
    for key in args.databases or ([] if args.only else DATABASES):
        for command in COMMANDS:
            result = run_database(key, command, args.timeout)
            results.append(result)
            flag = "" if result["ok"] else "  <-- NOT OK"
            print(f"{key:<10} {command:<8} {result['seconds']:>8} {result['status']!s:>6}  "
                  f"{'yes' if result['unchanged'] else 'NO':<9}  {result['outcome']}{flag}", flush=True)
    harness.summary(results, args)
    if not all(r["ok"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
