"""The ``quotes`` command line: ingest, export, serve, evaluate."""
from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import sys
from pathlib import Path

import click

from . import DEFAULT_MODEL, store
from .guard import DEFAULT_MEMORY_LIMIT_MB, Terminated, terminate_as_interrupt

DEFAULT_DB = "db/quotes.db"
EXPORT_FIELDS = ["article", "quote", "speaker", "speaker_mention", "type", "cue", "outlet",
                 "start", "end", "role", "channel", "via", "published", "url", "group_id"]

db_option = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                         type=click.Path(dir_okay=False), help="SQLite database file")


@click.group()
@click.version_option()
def cli() -> None:
    """Extract quotes and their speakers from news articles into SQLite."""


@cli.command()
@click.argument("paths", nargs=-1, required=False)
@db_option
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to parse with")
@click.option("--processes", "-p", type=click.IntRange(min=1), default=None,
              help="Worker processes  [default: all cores]")
@click.option("--batch-size", type=click.IntRange(min=1), default=50, show_default=True,
              help="Articles committed per transaction")
@click.option("--reextract", is_flag=True,
              help="Re-extract articles stored by an older extractor (all stored ones if no PATH)")
@click.option("--memory-limit", type=click.IntRange(min=0), default=DEFAULT_MEMORY_LIMIT_MB,
              show_default=True, metavar="MB",
              help="Address space each parsing process may use; an article needing more fails "
                   "alone (0: no limit)")
def ingest(paths: tuple[str, ...], db_path: str, model: str, processes: int | None,
           batch_size: int, reextract: bool, memory_limit: int) -> None:
    """Read articles from PATHS (.txt, .html, .jsonl files or directories; - for stdin),
    extract their quotes and store everything in the database.

    Running it again skips unchanged articles, so it is safe to re-run after an interruption.
    """
    from .ingest import ingest as run

    if not paths and not reextract:
        raise click.UsageError("give at least one PATH (or --reextract)")
    if model != DEFAULT_MODEL:
        check_model(model)
    processes = processes or os.cpu_count() or 1
    progress = Progress(sys.stderr.isatty())
    try:
        with terminate_as_interrupt():
            summary = run(db_path, list(paths), model=model, processes=processes,
                          batch_size=batch_size, reextract=reextract,
                          on_error=lambda message: click.echo(f"error: {message}", err=True),
                          on_progress=progress.update, memory_limit=memory_limit)
    except KeyboardInterrupt as stop:
        click.echo("\nInterrupted: finished batches are saved; run the same command to go on.",
                   err=True)
        # 128 + the signal, as a shell reports a process the signal ended: 143 for SIGTERM
        # tells a supervisor its stop request was honoured, 130 is Ctrl-C (SIGINT).
        sys.exit(128 + (signal.SIGTERM if isinstance(stop, Terminated) else signal.SIGINT))
    except (ValueError, sqlite3.DatabaseError) as error:  # not our database, or not a database
        raise database_error(db_path, error) from None
    progress.done()
    click.echo(f"{summary.new} new, {summary.updated} updated, {summary.unchanged} unchanged, "
               f"{summary.failed} failed articles; {summary.quotes} quotes extracted", err=True)
    click.echo(f"Database: {db_path} (browse it with: quotes serve --db {db_path})", err=True)
    if summary.failed:
        sys.exit(1)


class Progress:
    """A running count of articles on the terminal; silent when stderr is a file or pipe."""

    def __init__(self, enabled: bool):
        self.enabled, self.count = enabled, 0

    def update(self, n: int) -> None:
        self.count += n
        if self.enabled:
            click.echo(f"\rIngesting: {self.count} articles", err=True, nl=False)

    def done(self) -> None:
        if self.enabled and self.count:
            click.echo("", err=True)


def database_error(db_path: str, error: Exception) -> click.ClickException:
    """One line for a database we cannot use; store errors already name the file."""
    return click.ClickException(str(error) if isinstance(error, ValueError) else f"{db_path}: {error}")


def check_model(model: str) -> None:
    import spacy.util

    if not spacy.util.is_package(model) and not Path(model).exists():
        raise click.BadParameter(f"spaCy pipeline {model!r} is not installed", param_hint="--model")


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True, help="JSON lines or CSV with a header row")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write to this file instead of stdout")
def export(db_path: str, fmt: str, output) -> None:
    """Write every quote, one per line, with its speaker, article and outlet."""
    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database (run quotes ingest first)")
    try:
        db = store.open_db(db_path)
    except (ValueError, sqlite3.DatabaseError) as error:
        raise database_error(db_path, error) from None
    rows = store.export_rows(db)
    if fmt == "jsonl":
        for row in rows:
            output.write(json.dumps({k: row.get(k) for k in EXPORT_FIELDS}, ensure_ascii=False) + "\n")
    else:
        writer = csv.DictWriter(output, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default serves this machine only")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on")
@click.option("--immutable", is_flag=True,
              help="Serve a database no ingest is writing to: faster counts and caching")
def serve(db_path: str, host: str, port: int, immutable: bool) -> None:
    """Publish the database with Datasette (read-only)."""
    from .publish import serve as run

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database (run quotes ingest first)")
    run(db_path, host=host, port=port, immutable=immutable)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("articles_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to parse with")
@click.option("--show", is_flag=True, help="List misses, extras and wrong speakers")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON too")
def evaluate(gold: str, articles_dir: str, model: str, show: bool, as_json: bool) -> None:
    """Score extraction on ARTICLES_DIR against a GOLD annotation (JSON lines)."""
    from .evaluate import evaluate as run, report

    result = run(gold, articles_dir, model=model)
    click.echo(report(result, show=show, as_json=as_json))
