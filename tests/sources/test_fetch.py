"""The fetcher against a local server: politeness, bounds and retries, one failure at a time."""
from __future__ import annotations

import gzip
import time

from werkzeug import Response as WResponse

from quotes.sources.fetch import USER_AGENT, Fetcher, Options


def fetcher(**options) -> Fetcher:
    return Fetcher(Options(**{"delay": 0.0, "timeout": 2.0, **options}))


def test_user_agent_names_the_tool_and_its_version(server):
    from quotes import __version__

    server.expect_request("/a").respond_with_data("<html></html>", content_type="text/html")
    got = fetcher().fetch(server.url_for("/a"))
    assert got.status == 200 and got.body == b"<html></html>"
    request = server.log[-1][0]
    assert request.headers["User-Agent"] == USER_AGENT and f"quotes/{__version__}" in USER_AGENT


def test_robots_txt_is_honoured_and_read_once_per_host(server):
    server.expect_request("/private/x").respond_with_data("secret", content_type="text/html")
    server.expect_request("/open").respond_with_data("<p>hi</p>", content_type="text/html")
    f = fetcher()
    assert f.fetch(server.url_for("/private/x")).error == "disallowed by robots.txt"
    assert f.fetch(server.url_for("/open")).body == b"<p>hi</p>"
    paths = [request.path for request, _ in server.log]
    assert paths == ["/robots.txt", "/open"]


def test_requests_to_one_host_are_spaced_by_the_delay(server):
    server.expect_request("/a").respond_with_data("a", content_type="text/html")
    f = fetcher(delay=0.3)
    f.fetch(server.url_for("/a"))
    started = time.monotonic()
    f.fetch(server.url_for("/a"))
    f.fetch(server.url_for("/a"))
    assert time.monotonic() - started >= 0.55


def test_429_is_retried_after_the_time_retry_after_asks(server):
    replies = iter([WResponse("busy", status=429, headers={"Retry-After": "1"}),
                    WResponse("<p>ok</p>", content_type="text/html")])
    server.expect_request("/busy").respond_with_handler(lambda request: next(replies))
    started = time.monotonic()
    got = fetcher().fetch(server.url_for("/busy"))
    assert got.body == b"<p>ok</p>" and time.monotonic() - started >= 0.95


def test_a_server_error_that_persists_fails_after_the_retries(server):
    server.expect_request("/down").respond_with_data("no", status=503)
    got = fetcher(retries=2).fetch(server.url_for("/down"))
    assert got.error == "HTTP 503 after 3 tries"
    assert sum(request.path == "/down" for request, _ in server.log) == 3


def test_a_retry_after_longer_than_allowed_fails_at_once(server):
    server.expect_request("/later").respond_with_data("no", status=429, headers={"Retry-After": "3600"})
    started = time.monotonic()
    assert "Retry-After" in fetcher(max_wait=5).fetch(server.url_for("/later")).error
    assert time.monotonic() - started < 1


def test_slow_response_times_out(server):
    def slow(request):
        time.sleep(0.6)
        return WResponse("late", content_type="text/html")

    server.expect_request("/slow").respond_with_handler(slow)
    assert fetcher(timeout=0.2).fetch(server.url_for("/slow")).error == "timed out after 0.2 s"


def test_redirect_loop_is_bounded(server):
    server.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    got = fetcher(max_redirects=3).fetch(server.url_for("/loop"))
    assert got.error == "more than 3 redirects"
    assert sum(request.path == "/loop" for request, _ in server.log) == 4


def test_redirect_is_followed_to_the_final_url(server):
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data("<p>new</p>", content_type="text/html")
    got = fetcher().fetch(server.url_for("/old"))
    assert got.final_url == server.url_for("/new") and got.body == b"<p>new</p>"


def test_huge_body_is_refused_by_its_length_and_by_what_arrives(server):
    server.expect_request("/huge").respond_with_data("x" * 5000, content_type="text/html")

    def chunked(request):
        return WResponse((b"x" * 1000 for _ in range(50)), content_type="text/html")

    server.expect_request("/stream").respond_with_handler(chunked)
    f = fetcher(max_bytes=4000)
    assert f.fetch(server.url_for("/huge")).error == "response is bigger than 4,000 bytes"
    assert "bigger than 4,000 bytes" in f.fetch(server.url_for("/stream")).error


def test_compressed_bomb_is_refused_once_it_inflates_past_the_cap(server):
    bomb = gzip.compress(b"\0" * 20_000_000)  # 20 MB of zeros in about 20 kB
    server.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    got = fetcher(max_bytes=1_000_000).fetch(server.url_for("/bomb"))
    assert got.body is None and "after decompression" in got.error


def test_conditional_request_gets_not_modified(server):
    def etagged(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return WResponse(status=304)
        return WResponse("<p>v1</p>", content_type="text/html", headers={"ETag": '"v1"'})

    server.expect_request("/e").respond_with_handler(etagged)
    f = fetcher()
    first = f.fetch(server.url_for("/e"))
    assert first.etag == '"v1"' and first.body
    again = f.fetch(server.url_for("/e"), etag=first.etag)
    assert again.status == 304 and again.body is None and again.error is None
