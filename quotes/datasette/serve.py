"""Serve the quotes database with Datasette, as ``quotes serve`` does.

The metadata (titles, descriptions, facets, canned queries) is ``metadata.yml``, shipped in
this package. In a checkout the packaged file is a symlink to the ``metadata.yml`` at the top
of the repository, the one copy to edit; ``python -m build`` puts its content in the wheel.
``quotes serve --metadata FILE`` serves another copy.
"""

from __future__ import annotations

import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

# Datasette names a database after its file, and metadata.yml describes "quotes".
DATABASE = "quotes"

SETTINGS: dict[str, int | bool] = {
    # Tables and canned queries; arbitrary SQL gets less time and fewer threads (budgets.py).
    "sql_time_limit_ms": 3000,
    "num_sql_threads": 4,
    "default_page_size": 50,
    "facet_time_limit_ms": 1000,
    "max_returned_rows": 1000,
    # Suggesting facets runs a query per column over the whole table: seconds on a
    # million quotes. The useful facets are set in metadata.yml instead.
    "suggest_facets": False,
}


def metadata_path() -> Path:
    """The packaged metadata.yml; in a checkout, the repository's top-level file it links to."""
    path = Path(__file__).with_name("metadata.yml")
    if not path.is_file():  # e.g. a checkout made without symlinks
        raise FileNotFoundError(f"{path} is missing or not a link to the repository's metadata.yml")
    return path.resolve()


def load_metadata(path: str | Path | None = None) -> dict[str, Any]:
    """Datasette metadata as a dict, for ``Datasette(metadata=...)``: the packaged file or ``path``."""
    path = Path(path or metadata_path())
    try:
        metadata = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: not YAML or JSON: {error}") from error
    if not isinstance(metadata, dict):
        raise ValueError(f"{path}: not Datasette metadata (a YAML or JSON mapping)")
    return metadata


def metadata_for(db_path: str | Path, source: str | Path | None, directory: Path) -> Path:
    """The metadata file to serve ``db_path`` with: ``source`` (default: the packaged file).

    metadata.yml describes a database named "quotes", as Datasette names db/quotes.db. For a
    file of another name, a copy describing that name is written to ``directory``, which should
    be private to this process (see ``serve``).
    """
    source = Path(source or metadata_path())
    name = Path(db_path).stem
    if name == DATABASE:
        return source
    metadata = load_metadata(source)
    databases = metadata.get("databases") or {}
    if DATABASE not in databases:  # a file of the user's own that names the database already
        return source
    metadata["databases"] = {**{k: v for k, v in databases.items() if k != DATABASE},
                             name: databases[DATABASE]}
    for key in ("source_url", "license_url", "about_url"):  # links into the database
        if str(metadata.get(key, "")).startswith(f"/{DATABASE}/"):
            metadata[key] = f"/{name}/" + metadata[key][len(DATABASE) + 2:]
    target = directory / f"metadata-{name}.yml"
    target.write_text(yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def inspect_file_for(db_path: str | Path, directory: Path) -> Path:
    """Write what ``datasette inspect`` reports of a finished database (its tables' row
    counts) to a file in ``directory``: served with it, an immutable database's pages take
    their counts from the file instead of counting a million quotes on every view."""
    from datasette.cli import cli  # see serve()

    target = directory / f"inspect-{Path(db_path).stem}.json"
    cli.main(args=["inspect", str(db_path), "--inspect-file", str(target)],
             prog_name="datasette", standalone_mode=False)
    return target


def serve_args(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    immutable: bool = False,
    inspect_file: Path | None = None,
    metadata_file: Path | None = None,
    cors: bool = False,
) -> list[str]:
    """Arguments for ``datasette`` that serve the database read-only with our metadata
    (``metadata_file`` as ``metadata_for`` gives it; default: the packaged file).

    Use ``immutable`` only for a finished database: Datasette then caches row
    counts (from ``inspect_file``, if given) and never sees later writes. A
    database an ingest is still writing to must be served in the normal mode. ``cors`` lets
    pages of other sites call the JSON API (Datasette's ``--cors``).
    """
    db_path = Path(db_path)
    args = ["serve", *(["-i", str(db_path)] if immutable else [str(db_path)])]
    args += ["--metadata", str(metadata_file or metadata_path()), "--host", host, "--port", str(port)]
    if immutable and inspect_file is not None:
        args += ["--inspect-file", str(inspect_file)]
    for name, value in SETTINGS.items():
        args += ["--setting", name, str(value)]
    return args + (["--cors"] if cors else [])


class PortBusy(OSError):
    """The port ``quotes serve`` was asked for is taken by another program."""


def check_port(host: str, port: int) -> None:
    """Raise PortBusy, naming a free port to try, if nothing could listen on ``host:port``:
    found before Datasette starts, instead of a traceback from inside uvicorn."""
    if _free(host, port):
        return
    free = next((p for p in range(port + 1, port + 100) if _free(host, p)), None)
    hint = f"; try --port {free}" if free else "; try another --port"
    raise PortBusy(f"port {port} on {host} is busy (another program is listening on it){hint}")


def _free(host: str, port: int) -> bool:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return True  # let uvicorn report the bad host
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError:
            return False
    return True


def published_path(db_path: str | Path, directory: Path) -> Path:
    """The path to serve ``db_path`` from so that Datasette publishes it as "quotes" (it names
    a database after its file): the file itself, or a link named quotes.db in ``directory``.
    SQLite follows the link, so the WAL and locks stay beside the real file."""
    db_path = Path(db_path)
    if db_path.stem == DATABASE:
        return db_path
    link = directory / f"{DATABASE}.db"
    try:
        link.symlink_to(db_path.resolve())
    except OSError:  # no symbolic links here (Windows without Developer Mode): its own name
        return db_path
    return link


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    immutable: bool = False,
    metadata: str | Path | None = None,
    cors: bool = False,
) -> None:
    """Run Datasette in the foreground until interrupted, with ``metadata`` (a YAML or JSON
    file; default: the packaged metadata.yml); ``cors`` as in ``serve_args``."""
    # Imported here: datasette.cli imports the plugin machinery that imports our hooks.
    from datasette.cli import cli

    from ..guard import terminate_as_interrupt
    from .errors import server_log

    # The files made for this run go to a directory only this user can write to, with a
    # name no one can guess beforehand, and are removed when the server stops.
    # uvicorn stops on SIGTERM as on Ctrl-C, then raises the signal again: as an interrupt,
    # not the default that ends the process at once, so that the directory is removed.
    check_port(host, port)
    with terminate_as_interrupt(), server_log(), tempfile.TemporaryDirectory(prefix="quotes-serve-") as workdir:
        db_path = published_path(db_path, Path(workdir))
        name = Path(db_path).stem
        shown = "localhost" if host in ("0.0.0.0", "::") else host
        print(f"Publishing {name} at http://{shown}:{port}/{name} (search: http://{shown}:{port}/-/search)",
              file=sys.stderr)
        metadata_file = metadata_for(db_path, metadata, Path(workdir))
        inspect_file = inspect_file_for(db_path, Path(workdir)) if immutable else None
        cli.main(
            args=serve_args(db_path, host, port, immutable, inspect_file, metadata_file, cors),
            prog_name="datasette",
            standalone_mode=False,
        )
