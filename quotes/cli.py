"""The ``quotes`` command line: ingest, export, serve, evaluate."""
from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import DEFAULT_MODEL
from .guard import DEFAULT_MEMORY_LIMIT_MB, Terminated, terminate_as_interrupt
from .progress import Progress

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .lexicon import Lexicon
    from .sources import Crawl
    from .summary import Summary

DEFAULT_DB = "db/quotes.db"
EXPORT_FIELDS = ["article", "quote", "speaker", "speaker_mention", "type", "cue", "outlet",
                 "start", "end", "role", "channel", "via", "published", "url", "group_id",
                 "confidence", "speaker_rule", "antecedent_start", "antecedent_end", "cue_start", "cue_end"]

db_option = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                         type=click.Path(dir_okay=False), help="SQLite database file")


@click.group()
@click.version_option()
def cli() -> None:
    """Extract quotes and their speakers from news articles into SQLite."""


class ListsFormats(click.Command):
    """A command whose help names, as {formats}, the input formats registered when it is shown."""

    @property
    def help(self) -> str | None:
        from .readers import formats  # loaded only when shown: reading HTML pulls in trafilatura

        return None if self._help is None else self._help.format(formats=formats())

    @help.setter
    def help(self, text: str | None) -> None:
        self._help = text


def report(message: str) -> None:
    """One line on stderr for an input that failed, or that was skipped on purpose."""
    from .summary import SKIPPED

    click.echo(message if message.startswith(SKIPPED) else f"error: {message}", err=True)


def fetch_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of commands that fetch from the web: politeness and bounds."""
    for option in reversed([
        click.option("--since", metavar="DATE", help="Skip feed and sitemap entries dated before DATE (YYYY-MM-DD)"),
        click.option("--user-agent", metavar="TEXT", help="User-Agent to fetch with  [default: quotes/VERSION ...]"),
        click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
                     help="Seconds between two requests to one host"),
        click.option("--fetchers", type=click.IntRange(min=1), default=4, show_default=True,
                     help="Hosts fetched in parallel"),
        click.option("--timeout", type=click.FloatRange(min=0.01), default=20.0, show_default=True,
                     help="Connect and read timeout, seconds"),
    ]):
        command = option(command)
    return command


def make_crawl(since: str | None, user_agent: str | None, delay: float, fetchers: int, timeout: float) -> Crawl:
    from .readers.article import iso_date
    from .sources import USER_AGENT, Crawl, Options

    if since and not iso_date(since):
        raise click.BadParameter(f"{since!r} is not a date", param_hint="--since")
    options = Options(user_agent=user_agent or USER_AGENT, delay=delay, fetchers=fetchers, timeout=timeout)
    return Crawl(options, since=iso_date(since) if since else None)


@cli.command(cls=ListsFormats)
@click.argument("paths", nargs=-1, required=False)
@db_option
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to parse with")
@click.option("--lexicon", metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help='Word lists for the rules, JSON: {"extra_words": {"reporting_verbs": ["tout"]}} adds '
                   'to a list, "words" replaces one')
@click.option("--processes", "-p", type=click.IntRange(min=1), default=None,
              help="Worker processes  [default: all cores]")
@click.option("--batch-size", type=click.IntRange(min=1), default=50, show_default=True,
              help="Articles committed per transaction")
@click.option("--reextract", is_flag=True,
              help="Re-extract articles stored by an older extractor (all stored ones if no PATH)")
@click.option("--cluster", metavar="ADDRESS",
              help="Parse on a Dask cluster: a scheduler address (tcp://host:8786), or local:N "
                   "to start N worker processes here")
@click.option("--worker-paths", is_flag=True,
              help="With --cluster: the workers read the PATHS themselves (a filesystem they all "
                   "mount); fsspec URLs (s3://..., file://...) always are")
@click.option("--shards", metavar="DIR", type=click.Path(file_okay=False),
              help="With --cluster: workers write one SQLite shard each into DIR, for quotes merge")
@click.option("--memory-limit", type=click.IntRange(min=0), default=DEFAULT_MEMORY_LIMIT_MB,
              show_default=True, metavar="MB",
              help="Address space each parsing process may use; an article needing more fails "
                   "alone (0: no limit)")
@click.option("--language", default="en", show_default=True, metavar="CODE",
              help="Pages of web archives (.warc) in other languages are skipped (ISO 639-1; 'any' keeps all)")
@click.option("--outlet", metavar="NAME", help="Outlet of the articles that neither carry nor name one")
@click.option("--published", metavar="DATE", help="Publication date of the articles that carry none")
@fetch_options
def ingest(paths: tuple[str, ...], db_path: str, model: str, lexicon: str | None, processes: int | None,
           batch_size: int, reextract: bool, cluster: str | None, worker_paths: bool,
           shards: str | None, memory_limit: int, language: str, outlet: str | None, published: str | None,
           since: str | None, user_agent: str | None, delay: float, fetchers: int, timeout: float) -> None:
    """Read articles from PATHS ({formats} files or directories; - for stdin;
    http(s) URLs of pages, RSS/Atom feeds and sitemaps; text files listing such URLs),
    extract their quotes and store everything in the database.

    Running it again skips unchanged articles, so it is safe to re-run after an interruption.
    An articles.csv in a folder gives the outlet, url, date, title and author of its files.
    """
    from .extract import Extractor
    from .ingest import ingest as run

    check_options(paths, reextract, model, cluster, worker_paths, shards, lexicon)
    defaults = given_defaults(outlet, published)
    if defaults and shards:
        raise click.UsageError("--outlet and --published do not go with --shards")
    extractor = Extractor(model, read_lexicon(lexicon)) if lexicon else model
    processes = processes or os.cpu_count() or 1
    crawl = make_crawl(since, user_agent, delay, fetchers, timeout)
    files, urls = web_sources(paths, language, shards)
    # Workers read fsspec URLs and --worker-paths; without --cluster such an argument names nothing.
    remote = [p for p in files if cluster and (worker_paths and p != "-" or "://" in p)]
    if not urls:
        check_readable([p for p in files if p not in remote])
    progress = Progress()
    try:
        with terminate_as_interrupt():
            if shards:
                from .shards import ingest_shards

                summary = ingest_shards(shards, [p for p in files if p not in remote], remote,
                                        cluster=cluster or "", model=model, reextract=reextract, on_error=report,
                                        on_progress=progress.update, on_total=progress.set_total)
            else:
                summary = run(db_path, [p for p in files if p not in remote], model=extractor,
                              processes=processes, batch_size=batch_size, reextract=reextract, on_error=report,
                              on_progress=progress.update, cluster=cluster, worker_paths=remote,
                              on_total=progress.set_total, memory_limit=memory_limit, defaults=defaults,
                              urls=urls, crawl=crawl)
    except KeyboardInterrupt as stop:
        click.echo("\nInterrupted: finished batches are saved; run the same command to go on.",
                   err=True)
        # 128 + the signal, as a shell reports a process the signal ended: 143 for SIGTERM
        # tells a supervisor its stop request was honoured, 130 is Ctrl-C (SIGINT).
        sys.exit(128 + (signal.SIGTERM if isinstance(stop, Terminated) else signal.SIGINT))
    except (ValueError, sqlite3.DatabaseError) as error:  # not our database, or not a database
        raise database_error(db_path, error) from None
    except (OSError, TimeoutError) as error:
        if not cluster:
            raise
        raise click.ClickException(f"--cluster {cluster}: cannot reach the scheduler ({error})") from error
    progress.done()
    tell_summary(summary, db_path, shards)


def web_sources(paths: tuple[str, ...], language: str, shards: str | None) -> tuple[list[str], list[str]]:
    """(files, URLs) of the PATHS, text files listing URLs counted as their URLs; the language
    web archives are read in is set for this run."""
    from .readers import warc
    from .sources import split_sources

    warc.LANGUAGES["language"] = language.lower()
    files, urls = split_sources(paths)
    if urls and shards:
        raise click.UsageError("URLs do not go with --shards")
    return files, urls


def tell_summary(summary: Summary, db_path: str, shards: str | None) -> None:
    """What the run did, where it went, and exit status 1 if anything failed."""
    click.echo(f"This run: {summary.new} new, {summary.updated} updated, {summary.unchanged} unchanged, "
               f"{summary.failed} failed articles; {summary.quotes} quotes extracted"
               + (f"; {summary.skipped} skipped" if summary.skipped else ""), err=True)
    if shards:
        click.echo(f"Shards: {shards} (combine them with: quotes merge {shards}/*.db --db {db_path})", err=True)
    else:
        click.echo(f"Database: {db_path} now holds {totals(db_path)} "
                   f"(browse it with: quotes serve --db {db_path})", err=True)
    if summary.failed:
        sys.exit(1)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--every", default="15m", show_default=True, help="Time between two rounds: 90s, 15m, 1h")
@click.option("--rounds", type=click.IntRange(min=1), default=None, help="Stop after this many rounds")
@fetch_options
def watch(sources: tuple[str, ...], db_path: str, every: str, rounds: int | None, since: str | None,
          user_agent: str | None, delay: float, fetchers: int, timeout: float) -> None:
    """Follow feeds and sitemaps (URLs, or text files listing them): ingest what is new every
    interval, one line per round, until stopped (Ctrl-C, SIGTERM). Started again, it goes on
    where it was."""
    from .sources import split_sources
    from .sources.watch import seconds, watch as run

    try:
        interval = seconds(every)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--every") from None
    files, urls = split_sources(sources)
    if files:
        raise click.BadParameter(f"{files[0]}: neither a URL nor a text file listing URLs", param_hint="SOURCES")
    crawl = make_crawl(since, user_agent, delay, fetchers, timeout)
    try:
        with terminate_as_interrupt():
            run(db_path, urls, interval, crawl, DEFAULT_MODEL, say=lambda line: click.echo(line, err=True),
                on_error=report, rounds=rounds)
    except KeyboardInterrupt as stop:
        click.echo("Stopped: what was stored is kept; run the same command to go on.", err=True)
        sys.exit(128 + (signal.SIGTERM if isinstance(stop, Terminated) else signal.SIGINT))
    except (ValueError, sqlite3.DatabaseError) as error:
        raise database_error(db_path, error) from None


def check_options(paths: tuple[str, ...], reextract: bool, model: str, cluster: str | None,
                  worker_paths: bool, shards: str | None, lexicon: str | None) -> None:
    """Refuse, before anything is read or made, options that do not go together."""
    if not paths and not reextract:
        raise click.UsageError("give at least one PATH (or --reextract)")
    if model != DEFAULT_MODEL:
        check_model(model)
    if (worker_paths or shards) and not cluster:
        raise click.UsageError("--worker-paths and --shards need --cluster")
    if lexicon and shards:
        raise click.UsageError("--lexicon does not go with --shards: shards are written with the default word lists")


def given_defaults(outlet: str | None, published: str | None) -> dict[str, str]:
    """The --outlet and --published given, the date checked before anything is read."""
    from .readers.article import iso_date

    if published is not None and not iso_date(published):
        raise click.BadParameter(f"{published!r} is not a date (e.g. 2024-10-29)", param_hint="--published")
    return {k: v.strip() for k, v in (("outlet", outlet), ("published", published)) if v and v.strip()}


def check_readable(paths: list[str]) -> None:
    """Refuse, before the database is made or opened, a run whose every argument names
    nothing to read (a missing path, an s3:// or file:// URL without --cluster): it would only
    end "0 new"."""
    from .readers import files_in, iter_articles

    if not paths or any(path == "-" or Path(path).is_file() or files_in(path) for path in paths):
        return  # a file is read, or refused, in the run, each on its own line
    raise click.ClickException("nothing to read: " + "; ".join(str(next(iter_articles([path]))) for path in paths))


def database_error(db_path: str, error: Exception) -> click.ClickException:
    """One line for a database we cannot use; store errors already name the file."""
    return click.ClickException(str(error) if isinstance(error, ValueError) else f"{db_path}: {error}")


def read_lexicon(path: str) -> Lexicon:
    from .lexicon import Lexicon

    try:
        return Lexicon.from_file(path)
    except (ValueError, UnicodeDecodeError) as error:  # not JSON, or an unknown word list
        raise click.BadParameter(str(error), param_hint="--lexicon") from None


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
    from . import store

    db = _reading_db(db_path)
    rows = store.export_rows(db)
    try:
        if fmt == "jsonl":
            for row in rows:
                output.write(json.dumps({k: row.get(k) for k in EXPORT_FIELDS}, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(output, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        output.flush()
    except sqlite3.DatabaseError as error:  # damaged past the pages its schema is on
        raise database_error(db_path, error) from None
    except BrokenPipeError:
        # The reader stopped (``quotes export | head``): that is not an error. Point stdout at
        # nothing so that Python's own flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        db.close()


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default serves this machine only")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on")
@click.option("--immutable", is_flag=True,
              help="Serve a database no ingest is writing to: faster counts and caching")
@click.option("--metadata", "metadata", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Datasette metadata (YAML or JSON) to serve with, e.g. an edited copy of "
                   "metadata.yml  [default: the metadata.yml installed with quotes]")
@click.option("--cors", is_flag=True,
              help="Let web pages of other sites call the JSON API (Access-Control-Allow-Origin: *)")
def serve(db_path: str, host: str, port: int, immutable: bool, metadata: str | None, cors: bool) -> None:
    """Publish the database with Datasette (read-only)."""
    from .datasette.serve import load_metadata, serve as run

    _reading_db(db_path, current=True).close()
    if metadata:
        try:
            load_metadata(metadata)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--metadata") from error
    from .datasette.serve import PortBusy

    try:
        run(db_path, host=host, port=port, immutable=immutable, metadata=metadata, cors=cors)
    except PortBusy as error:
        raise click.ClickException(str(error)) from None


@cli.command()
@db_option
@click.option("--full", is_flag=True,
              help="Recompute every speaker, alias and quote group, not only those that changed")
def refresh(db_path: str, full: bool) -> None:
    """Re-derive speakers, aliases and quote groups from the stored quotes.

    An ingest does this itself for what its articles reach; run it with --full after
    changing how speakers are matched, or to check that nothing is left over.
    """
    from . import store

    store.refresh(_existing_db(db_path), full=full)
    click.echo(f"Refreshed {db_path}", err=True)


@cli.command()
@click.argument("shards", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@db_option
def merge(shards: tuple[str, ...], db_path: str) -> None:
    """Merge SHARDS written by quotes ingest --shards into the database, then refresh it.

    An article in several shards, or already in the database, is kept once: the version
    ingested last. Merging the same shard twice changes nothing.
    """
    from .shards import merge as run

    try:
        summary = run(db_path, list(shards))
    except (ValueError, sqlite3.DatabaseError) as error:
        raise database_error(db_path, error) from error
    click.echo(f"{summary.new} new, {summary.updated} updated, {summary.unchanged} unchanged articles "
               f"from {len(shards)} shards; {summary.quotes} quotes", err=True)


def totals(db_path: str) -> str:
    """What the whole database holds, for the end of a run that may have added nothing."""
    db = _reading_db(db_path)
    counts = {table: db.execute(f"select count(*) from [{table}]").fetchone()[0]
              for table in ("articles", "quotes", "speakers")}
    db.close()
    return ", ".join(f"{n:,} {table}" for table, n in counts.items())


def _existing_db(db_path: str) -> Database:
    """The database at ``db_path``, to write, or a one-line error: missing, not ours, not
    SQLite, read-only."""
    from . import store

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database (run quotes ingest first)")
    try:
        store.check_writable(db_path)
        return store.open_db(db_path, create=False)
    except (ValueError, sqlite3.DatabaseError) as error:
        raise database_error(db_path, error) from error


def _reading_db(db_path: str, current: bool = False) -> Database:
    """The database at ``db_path``, opened only to read (see ``store.open_readonly``), or a
    one-line error: missing, not ours, not SQLite, newer (or, with ``current``, older)."""
    from . import store

    try:
        return store.open_readonly(db_path, current=current)
    except (ValueError, sqlite3.DatabaseError) as error:
        raise database_error(db_path, error) from error


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("articles_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to parse with")
@click.option("--show", is_flag=True, help="List misses, extras and wrong speakers")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON too")
@click.option("--overlap", is_flag=True,
              help="Match quotes by character offsets rather than words: splitting a quote is not punished")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
              help="Score only the quotes with at least this confidence, as a site showing those would")
@click.option("--calibration", is_flag=True,
              help="Print confidence bands against the share right end to end, and the calibration error")
def evaluate(gold: str, articles_dir: str, model: str, show: bool, as_json: bool, overlap: bool,
             min_confidence: float | None, calibration: bool) -> None:
    """Score extraction on ARTICLES_DIR against a GOLD annotation (JSON lines)."""
    from .evaluate import GoldError, evaluate as run, report

    try:
        result = run(gold, articles_dir, model=model, overlap=overlap, min_confidence=min_confidence)
    except GoldError as error:
        raise click.ClickException(str(error)) from None
    click.echo(report(result, show=show, as_json=as_json, calibrated=calibration))


@cli.command()
@click.option("--set", "sets", nargs=2, multiple=True, required=True, metavar="GOLD ARTICLES_DIR",
              type=(click.Path(exists=True, dir_okay=False), click.Path(exists=True, file_okay=False)),
              help="An annotated set: a gold file and the folder of its articles (repeat for each set)")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Installed spaCy pipeline to parse with")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Where to write the weights  [default: the confidence.json installed with quotes]")
def calibrate(sets: tuple[tuple[str, str], ...], model: str, output: str | None) -> None:
    """Fit the confidence model on annotated sets and write its weights.

    One article in four of every set is held back from fitting; the calibration table and the
    precision at each threshold printed at the end are measured on those.
    """
    from .calibrate import fit, labelled, report
    from .evaluate import calibration_table
    from .extract.confidence import WEIGHTS

    rows = labelled([(Path(gold), Path(articles)) for gold, articles in sets], model=model)
    if all(r["held_back"] for r in rows) or not any(r["held_back"] for r in rows):
        raise click.ClickException("too few annotated articles to fit on some and measure on the others")
    fitting = [r for r in rows if not r["held_back"]]
    if len({bool(r["_ok"]) for r in fitting}) < 2:
        raise click.ClickException(f"all {len(fitting)} quotes found in the fitting articles are "
                                   f"{'right' if fitting and fitting[0]['_ok'] else 'wrong'}: a model "
                                   "needs both; add annotated sets")
    model_fitted = fit(fitting)
    result = report(rows, model_fitted)
    model_fitted.save(Path(output or WEIGHTS), {
        "sets": [gold for gold, _ in sets], "fitted_on": result["fitted_on"], "held_back": result["held_back"],
        "ece_held_back": result["calibration"]["ece"]})
    click.echo(f"Fitted on {result['fitted_on']} quotes; measured on {result['held_back']} held back:")
    click.echo(calibration_table(result["calibration"]))
    click.echo("threshold  shown  precision  recall kept")
    for row in result["thresholds"]:
        click.echo(f"{row['threshold']:.2f}       {row['shown']:.3f}  {row['precision']:.3f}      "
                   f"{row['recall_kept']:.3f}")
