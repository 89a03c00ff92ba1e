"""quotes watch: one line per round, a clean stop on SIGTERM, and a restart that fetches nothing it stored."""
from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from tests.conftest import QUOTES, query, run

from .conftest import article, rss

pytestmark = pytest.mark.usefixtures("pipeline_loaded_once")


def served(server, path: str) -> int:
    return sum(request.path == path and response.status_code == 200 for request, response in server.log)


def test_a_stopped_watch_goes_on_without_fetching_what_it_stored(server, db_path):
    for name in ("bridge", "tunnel"):
        server.expect_request(f"/news/{name}").respond_with_data(article(name), content_type="text/html")
    feed = rss((server.url_for("/news/bridge"), "Mon, 30 Nov 2026 10:00:00 GMT"),
               (server.url_for("/news/tunnel"), "Tue, 01 Dec 2026 10:00:00 GMT"))
    server.expect_request("/feed.xml").respond_with_data(feed, content_type="application/rss+xml")
    command = [str(QUOTES), "watch", server.url_for("/feed.xml"), "--db", str(db_path), "--every", "1h",
               "--delay", "0"]
    watcher = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"})
    try:
        line = watcher.stderr.readline() if watcher.stderr else ""
        assert " round 1: fetched 3, unchanged 0, new 2, updated 0, failed 0" in line
        time.sleep(0.2)  # now waiting for the next round
        watcher.send_signal(signal.SIGTERM)
        assert watcher.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        watcher.kill()
    assert len(query(db_path, "SELECT id FROM articles")) == 2
    result = run("watch", server.url_for("/feed.xml"), "--db", str(db_path), "--rounds", "1", "--delay", "0")
    assert result.exit_code == 0, result.stderr
    assert "round 1: fetched 1, unchanged 0, new 0, updated 0, failed 0" in result.stderr
    assert served(server, "/news/bridge") == 1 and served(server, "/news/tunnel") == 1


def test_watch_refuses_a_bad_interval_and_a_source_that_is_no_url(tmp_path, db_path):
    bad = run("watch", "http://127.0.0.1:1/feed", "--db", str(db_path), "--every", "soon")
    assert bad.exit_code == 2 and "'soon' is not an interval" in bad.output
    article_file = tmp_path / "story.txt"
    article_file.write_text("Not a list of URLs\n", encoding="utf-8")
    nolist = run("watch", str(article_file), "--db", str(db_path))
    assert nolist.exit_code == 2 and "neither a URL nor a text file listing URLs" in nolist.output
