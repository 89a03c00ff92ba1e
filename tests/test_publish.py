"""The container image's path to a public site, tested without a container engine: the
Dockerfile's command, run as the image would run it (on a copy of the database where the
image puts it), serves the site with the packaged metadata; the build context keeps what
``pip install`` of the project needs."""
from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import yaml
from conftest import QUOTES, ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def instruction(name: str) -> str:
    [line] = [line.split(None, 1)[1] for line in DOCKERFILE.splitlines() if line.startswith(name + " ")]
    return line


def test_the_image_command_serves_the_database_it_copies(sample_db, tmp_path):
    command = json.loads(instruction("CMD"))
    copied_to = instruction("COPY ${DB}").split()[-1]
    assert command[:2] == ["quotes", "serve"] and command[command.index("--db") + 1] == copied_to
    data = tmp_path / copied_to.lstrip("/")
    data.parent.mkdir(parents=True)
    shutil.copy(sample_db, data)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = [str(QUOTES), *(str(data) if a == copied_to else a for a in command[1:])]
    args[args.index("--port") + 1] = str(port)
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT,
                                   env=dict(os.environ, TMPDIR=str(tmp_path)))
    try:
        home = _get(f"http://127.0.0.1:{port}/", process, log)
        title = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))["title"]
        assert title in home
        found = json.loads(_get(f"http://127.0.0.1:{port}/quotes/quotes_view.json?_search=troops&_shape=array",
                                process, log))
        assert found and all("troop" in (row["quote"] + (row["speaker_mention"] or "")).lower() for row in found)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)


def _get(url: str, process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode("utf-8")
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)


def test_the_build_context_holds_what_pip_install_needs():
    ignored = [line.strip() for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    needed = ["pyproject.toml", "README.md", "metadata.yml", "quotes/__init__.py", "quotes/datasette/metadata.yml",
              "quotes/datasette/templates/index.html", "quotes/extract/confidence.json", "db/quotes.db"]
    for path in needed:
        assert not any(fnmatch.fnmatch(path, pattern) or path.startswith(pattern.rstrip("/") + "/")
                       for pattern in ignored), path
    assert re.search(r"^ARG DB=db/quotes\.db$", DOCKERFILE, re.M)
