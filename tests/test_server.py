"""The published database under requests that should not hurt it: refused requests, SQL that
asks for too much memory or time, many slow queries at once.

Most tests go through Datasette's client (the ``client`` fixture); the log and the
concurrency are checked on a real ``quotes serve`` on 127.0.0.1 (the ``server`` fixture),
with a bounded number of requests."""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from datasette.app import Datasette

import quotes.datasette as plugin
import quotes.datasette.serve as serving
from quotes.datasette import budgets
from quotes.datasette.errors import WithoutSqlErrorLines
from quotes.datasette.serve import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
# Counts to the end of time, unless the time limit stops it.
ENDLESS = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"


def sql(query: str, database: str = "quotes") -> str:
    return f"/{database}.json?sql={quote(query)}"


# ---- Refused requests get 4xx, not 500 ----

def test_an_unknown_sort_column_is_a_bad_request(client):
    for path in ("/quotes/quotes.json?_sort=nope", "/quotes/quotes.json?_sort_desc=nope",
                 "/quotes/quotes.json?_sort=type&_sort_desc=type"):
        response = client.get(path)
        assert response.status_code == 400, path
        assert response.json()["ok"] is False
    page = client.get("/quotes/quotes?_sort=nope")
    assert page.status_code == 400 and "Cannot sort table by nope" in page.text


def test_a_post_to_a_canned_query_or_a_table_is_not_allowed(client):
    for path in ("/quotes/quotes_by_speaker?speaker=Yoon", "/quotes/quotes_by_speaker.json",
                 "/quotes/quotes", "/quotes/quotes.json"):
        response = client.post(path, data={"speaker": "Yoon"})
        assert response.status_code == 405, path
        assert response.headers["allow"] == "GET, HEAD"
    assert "read-only" in client.post("/quotes/quotes.json").json()["error"]
    assert client.post("/quotes/no_such_page").status_code == 405


def test_a_time_limit_that_is_not_a_number_is_a_bad_request(client):
    response = client.get("/quotes/quotes.json?_timelimit=soon")
    assert response.status_code == 400 and "_timelimit" in response.json()["error"]
    assert client.get("/quotes/quotes.json?_timelimit=500").status_code == 200


def test_error_pages_are_still_rendered(client):
    page = client.get("/no-such-database")
    assert page.status_code == 404 and "<title>Error 404</title>" in page.text
    assert client.get(sql("delete from quotes")).json()["error"] == "Statement must be a SELECT"


def test_refused_requests_log_nothing_and_a_fault_logs_one_line(client, capfd, caplog, monkeypatch):
    for path in ("/quotes/quotes.json?_sort=nope", "/no-such-database", sql("delete from quotes"),
                 sql("with x as (select 1) delete from quotes")):
        assert 400 <= client.get(path).status_code < 500
    assert client.post("/quotes/top_speakers").status_code == 405
    out, err = capfd.readouterr()
    # Datasette's own line for an SQL error is left out by `quotes serve` (server_log).
    assert [line for line in (out + err).splitlines() if not line.startswith(WithoutSqlErrorLines.PREFIX)] == []
    assert not caplog.records

    def broken(*args):
        raise RuntimeError("the link\nis broken")

    monkeypatch.setattr(plugin, "_link", broken)
    assert client.get("/quotes/speakers").status_code == 500
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "│" not in out + err
    assert [r.getMessage() for r in caplog.records] == [
        "GET /quotes/speakers: RuntimeError: the link is broken"]


# ---- Memory: the length of a value, of a result, of a response ----

def test_values_are_capped_in_length(client):
    response = client.get(sql("select length(randomblob(1000000000))"))
    assert response.status_code == 400 and "too big" in response.json()["error"]
    assert client.get(sql("select printf('%.*c', 200000000, 'x') as s")).json()["rows"] == [[None]]
    assert client.get(sql("select length(randomblob(100000)) as n")).json()["rows"] == [[100000]]


@pytest.mark.parametrize("call", ["fts3_tokenizer('simple')", "fts3_tokenizer('simple', x'0000000000000000')",
                                  "FTS3_Tokenizer('porter')", "load_extension('/tmp/x.so')"])
def test_functions_that_reach_outside_the_database_are_denied(client, call):
    response = client.get(sql(f"select {call}"))
    assert response.status_code == 400 and "not authorized" in response.json()["error"]
    assert client.get(sql("select lower('A'), count(*) from quotes_fts")).status_code == 200


@pytest.mark.parametrize("query", ["_facet=nope", "_facet_date=nope", "_facet_array=nope", "_facet=type&_facet=nope"])
def test_a_facet_of_no_column_is_refused_and_leaves_no_coroutine_behind(client, query):
    import gc
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.get(f"/quotes/quotes.json?{query}")
        gc.collect()
    assert response.status_code == 400 and "nope" in response.json()["error"]
    assert not [w for w in caught if "never awaited" in str(w.message)]
    assert client.get("/quotes/quotes.json?_facet=type&_facet_date=published").status_code == 200


def test_a_url_over_the_limit_gets_414_and_a_short_page(client):
    long = "/quotes/quotes.json?_search=" + "a" * (budgets.MAX_TARGET_BYTES + 1)
    response = client.get(long)
    assert response.status_code == 414 and len(response.content) < 1000
    assert "a" * 1000 not in response.headers.get("link", "")
    assert client.get("/quotes/quotes.json?_search=" + "a" * 1000).status_code == 200


def test_the_longest_article_text_fits_under_the_cap():
    from quotes.readers import limits as read_limits

    assert read_limits.MAX_TEXT_CHARS * 4 < budgets.MAX_VALUE_BYTES  # 4 bytes a character at most


def test_a_result_over_the_budget_is_refused(client, monkeypatch):
    monkeypatch.setattr(budgets, "MAX_RESULT_BYTES", 10_000)  # the sample articles have 16,000 characters
    response = client.get(sql("select zeroblob(4000) from articles"))
    assert response.status_code == 400 and "over 10,000 bytes" in response.json()["error"]
    assert client.get(sql("select zeroblob(4000) from articles limit 2")).status_code == 200
    # Table pages too, and with the same message in an error page of their own.
    table = client.get("/quotes/articles.json")
    assert table.status_code == 400 and table.json()["title"] == "Result too large"
    assert "over 10,000 bytes" in table.json()["error"]
    assert client.get("/quotes/articles?_col=title").status_code == 200


def test_a_response_over_the_cap_is_refused_but_a_streamed_csv_is_not(client, monkeypatch):
    monkeypatch.setattr(budgets, "MAX_RESPONSE_BYTES", 8000)
    assert len(client.get("/quotes/outlets.json?_shape=array").content) < budgets.MAX_RESPONSE_BYTES
    refused = client.get("/quotes/articles.json")
    assert refused.status_code == 400 and "The response is over 8,000 bytes" in refused.json()["error"]
    page = client.get("/quotes/articles")  # HTML: the error page
    assert page.status_code == 400 and "Result too large" in page.text
    streamed = client.get("/quotes/articles.csv?_stream=on&_size=max")
    assert streamed.status_code == 200 and len(streamed.content) > budgets.MAX_RESPONSE_BYTES


# ---- Time and threads: arbitrary SQL ----

def test_arbitrary_sql_gets_the_shorter_time_limit(client, monkeypatch):
    monkeypatch.setattr(budgets, "ARBITRARY_SQL_TIME_LIMIT_MS", 200)
    start = time.perf_counter()
    response = client.get(sql(ENDLESS))
    assert response.status_code == 400 and "SQL query took too long" in response.json()["error"]
    assert time.perf_counter() - start < SETTINGS["sql_time_limit_ms"] / 1000 / 2


def test_time_limit_of_arbitrary_sql_in_the_query_string():
    assert budgets._with_time_limit(b"sql=select+1", 1000) == b"sql=select+1&_timelimit=1000"
    assert budgets._with_time_limit(b"sql=x&_timelimit=5000&_shape=array", 1000) == (
        b"sql=x&_shape=array&_timelimit=1000")
    assert budgets._with_time_limit(b"_timelimit=20&_timelimit=x&sql=x", 1000) == b"sql=x&_timelimit=20"


def run_wrapped(requests: list[bytes], gate: asyncio.Event | None = None) -> tuple[list[bytes], list[int]]:
    """The query strings that reach the app behind ``limit_requests`` and the status of each
    response, for ``requests`` (query strings) sent at once; the app waits for ``gate``."""
    seen: list[bytes] = []
    statuses: list[int] = []
    ds = Datasette(memory=True)

    async def app(scope, receive, send):
        seen.append(scope["query_string"])
        if gate is not None:
            await gate.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def main():
        wrapped = budgets.limit_requests(ds)(app)

        async def request(query: bytes):
            async def send(message):
                if message["type"] == "http.response.start":
                    statuses.append(message["status"])

            await wrapped({"type": "http", "method": "GET", "path": "/_memory.json", "query_string": query},
                          None, send)

        tasks = [asyncio.ensure_future(request(q)) for q in requests]
        await asyncio.sleep(0.3)
        if gate is not None:
            gate.set()
        await asyncio.gather(*tasks)

    asyncio.run(main())
    return seen, statuses


def test_only_arbitrary_sql_is_limited():
    seen, statuses = run_wrapped([b"speaker=Yoon", b"sql=select+1", b"_where=1", b"_search=x"])
    assert sorted(seen) == sorted([b"speaker=Yoon", b"sql=select+1&_timelimit=1000",
                                   b"_where=1&_timelimit=1000", b"_search=x"])
    assert statuses == [200] * 4


def test_few_arbitrary_queries_run_at_once_and_the_rest_wait_or_get_503(monkeypatch):
    monkeypatch.setattr(budgets, "ARBITRARY_SQL_WAIT_S", 0.1)
    seen, statuses = run_wrapped([b"sql=select+1"] * 5 + [b"speaker=Yoon"] * 3, asyncio.Event())
    # Two queries ran, the other three waited longer than they may and were sent away;
    # the canned page never waited.
    assert len([q for q in seen if q.startswith(b"sql=")]) == budgets.ARBITRARY_SQL_CONCURRENCY == 2
    assert sorted(statuses) == [200] * 5 + [503] * 3


def test_sql_threads_outnumber_the_arbitrary_queries_run_at_once():
    assert SETTINGS["num_sql_threads"] >= budgets.ARBITRARY_SQL_CONCURRENCY + 2
    assert budgets.ARBITRARY_SQL_TIME_LIMIT_MS < SETTINGS["sql_time_limit_ms"]


# ---- Temporary files ----

def test_serve_does_not_follow_links_planted_at_the_old_temporary_names(sample_db, tmp_path, monkeypatch):
    """``quotes serve`` once wrote its metadata copy and inspect file to fixed names in /tmp,
    where another user could plant a link to a file of ours to have it overwritten."""
    from datasette.cli import cli as datasette_cli

    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared_tmp))
    news = tmp_path / "news.db"
    news.write_bytes(sample_db.read_bytes())
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me", encoding="utf-8")
    key = hashlib.sha1(str(news.resolve()).encode()).hexdigest()[:8]
    planted = [shared_tmp / "quotes-metadata-news.yml", shared_tmp / f"quotes-inspect-news-{key}.json"]
    for link in planted:
        link.symlink_to(victim)
    real_main, used = datasette_cli.main, []

    def main(args, **kwargs):
        if args[0] != "serve":
            return real_main(args=args, **kwargs)
        used.extend(Path(args[args.index(flag) + 1]) for flag in ("--metadata", "--inspect-file"))
        # news.db is published as "quotes" (a link in the private directory): the packaged
        # metadata describes it as it is
        assert used[0] == serving.metadata_path()
        assert json.loads(used[1].read_text(encoding="utf-8"))["quotes"]["tables"]["quotes"]["count"] > 0

    monkeypatch.setattr(datasette_cli, "main", main)
    serving.serve(news, immutable=True)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert all(link.is_symlink() and link.resolve() == victim for link in planted)
    assert len(used) == 2 and not set(used) & set(planted)
    inspect_file = used[1]
    assert inspect_file.parent.parent == shared_tmp and inspect_file.parent.name.startswith("quotes-serve-")


# ---- A real server ----

class Server:
    def __init__(self, process: subprocess.Popen, url: str, log: Path, database: str) -> None:
        self.process, self.url, self.log, self.database = process, url, log, database

    def get(self, path: str, method: str = "GET", timeout: float = 30) -> tuple[int, float]:
        start = time.perf_counter()
        request = urllib.request.Request(self.url + path, method=method, data=b"" if method == "POST" else None)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            error.read()
            status = error.code
        return status, time.perf_counter() - start

    def log_lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8", errors="replace").splitlines()

    def memory_kb(self, field: str = "VmHWM") -> int | None:
        status = Path(f"/proc/{self.process.pid}/status")
        if not status.exists():
            return None
        found = re.search(rf"^{field}:\s+(\d+) kB", status.read_text(), re.M)
        return int(found.group(1)) if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory) -> Iterator[Server]:
    """``quotes serve`` of the sample database on 127.0.0.1, its output in a file."""
    directory = tmp_path_factory.mktemp("server")
    log = directory / "server.log"
    port = free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", "from quotes.cli import cli; cli()", "serve", "--db", str(sample_db),
             "--port", str(port)], stdout=out, stderr=subprocess.STDOUT, env=env, cwd=directory)
    served = Server(process, f"http://127.0.0.1:{port}", log, "quotes")
    deadline = time.monotonic() + 60
    while True:
        try:
            if served.get("/-/versions.json", timeout=2)[0] == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"quotes serve did not start:\n{log.read_text()}")
        time.sleep(0.3)
    yield served
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def in_parallel(server: Server, paths: list[tuple[str, str]], then: str | None = None,
                delay: float = 0.3) -> tuple[list[tuple[int, float]], tuple[int, float] | None]:
    """Send ``paths`` (method, path) at once, and ``then`` ``delay`` seconds later while they
    are in flight: the status and time of each."""
    results: list[tuple[int, float]] = []

    def send(method: str, path: str) -> None:
        results.append(server.get(path, method))

    threads = [threading.Thread(target=send, args=p) for p in paths]
    for thread in threads:
        thread.start()
    time.sleep(delay)
    last = server.get(then) if then else None
    for thread in threads:
        thread.join(60)
    return results, last


def test_refused_requests_take_a_short_line_each_and_hold_nothing_up(server):
    before = len(server.log_lines())
    refused = [("GET", sql("delete from quotes")), ("GET", sql("with x as (select 1) delete from quotes")),
               ("GET", "/quotes/quotes.json?_sort=nope"), ("POST", "/quotes/quotes_by_speaker"),
               ("GET", "/no-such-database")] * 4
    results, page = in_parallel(server, refused, then="/quotes/quotes", delay=0.05)
    assert sorted(status for status, _ in results) == [400] * 12 + [404] * 4 + [405] * 4
    assert page is not None and page[0] == 200 and page[1] < 2
    lines = server.log_lines()[before:]
    assert len(lines) <= 21  # the twenty refused requests and the page
    assert all(len(line) < 300 for line in lines), lines
    assert not [line for line in lines if "Traceback" in line or "ERROR" in line or "│" in line]


def test_a_100_kb_url_is_refused_in_one_short_log_line(server):
    before = len(server.log_lines())
    assert server.get("/quotes/quotes?q=" + "x" * 100_000)[0] == 414
    lines = server.log_lines()[before:]
    assert lines and all(len(line) < 400 for line in lines), [line[:100] for line in lines]


def test_six_endless_queries_do_not_hold_up_a_canned_page(server):
    heavy = [("GET", sql(ENDLESS))] * 6
    results, page = in_parallel(server, heavy, then="/quotes/top_speakers.json?_shape=array")
    assert page is not None and page[0] == 200 and page[1] < 1.0, page
    assert [status for status, _ in results] == [400] * 6
    limit = budgets.ARBITRARY_SQL_TIME_LIMIT_MS / 1000
    assert max(seconds for _, seconds in results) < 6 * limit / budgets.ARBITRARY_SQL_CONCURRENCY + 2


def test_a_huge_value_takes_no_memory(server):
    before = server.memory_kb()
    if before is None:
        pytest.skip("no /proc to read the server's memory from")
    assert server.get(sql("select length(randomblob(1000000000))"))[0] == 400
    assert server.get(sql("select printf('%.*c', 200000000, 'x')"))[0] == 200
    grown = server.memory_kb() - before
    assert grown < 100_000, f"the server grew by {grown} kB"


def test_server_log_leaves_out_datasettes_sql_error_lines(capsys):
    from quotes.datasette.errors import server_log

    with server_log():
        sys.stderr.write("ERROR: conn=<sqlite3.Connection object at 0x1>, sql = 'select 1/', params = {}: x\n")
        sys.stderr.write("INFO:     kept\n")
    sys.stderr.write("ERROR: conn=<sqlite3.Connection object at 0x2>, after serving\n")
    assert capsys.readouterr().err.splitlines() == [
        "INFO:     kept", "ERROR: conn=<sqlite3.Connection object at 0x2>, after serving"]
