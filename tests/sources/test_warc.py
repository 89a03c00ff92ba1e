"""quotes ingest FILE.warc(.gz): HTML responses only, their URL and date, other languages skipped by name."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotes.readers import ReadError
from tests.conftest import errors, ingest, query, summary

from .conftest import article

pytestmark = pytest.mark.usefixtures("pipeline_loaded_once")

GERMAN = ("<html><head><title>Brücke</title></head><body><article><p>„Wir werden die Brücke bis zum Frühjahr "
          "wieder aufbauen“, sagte Bürgermeisterin Anna Berg am Montag vor Journalisten in der Hafenstadt.</p>"
          "<p>Ratsmitglied Piet Vos sagte, die Reparaturen würden mehr kosten, als die Stadt geplant hatte.</p>"
          "</article></body></html>")


def response(writer: WARCWriter, url: str, body: bytes, content_type: str, date: str) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                  warc_headers_dict={"WARC-Date": date}))


def write_warc(path: Path, gzip: bool) -> Path:
    """An archive as a crawl writes it: a request, an English and a German page, an image, a PDF."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warc_record("https://news.example/a", "request",
                                                      payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))
        response(writer, "https://news.example/a", article("bridge").encode(), "text/html; charset=utf-8",
                 "2026-11-30T08:00:00Z")
        response(writer, "https://news.example/de", GERMAN.encode(), "text/html", "2026-11-30T09:00:00Z")
        response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png",
                 "2026-11-30T09:00:00Z")
        response(writer, "https://news.example/r.pdf", b"%PDF-1.7", "application/pdf", "2026-11-30T09:00:00Z")
    return path


@pytest.mark.parametrize("name, gzip", [("news.warc", False), ("CC-NEWS-20261130.warc.gz", True)])
def test_html_responses_become_articles_and_other_languages_are_skipped(tmp_path, db_path, name, gzip):
    warc = write_warc(tmp_path / name, gzip)
    result = ingest(db_path, warc)
    assert result.exit_code == 0, result.stderr
    assert summary(result.stderr)["new"] == 1 and "1 skipped" in result.stderr
    assert errors(result.stderr) == []
    assert f"skipped: {warc}:3: https://news.example/de: in another language (de), not en" in result.stderr
    rows = query(db_path, "SELECT a.url, a.published, o.name FROM articles a JOIN outlets o ON o.id = a.outlet_id")
    assert rows == [("https://news.example/a", "2026-11-30", "Harbour Gazette")]
    again = ingest(db_path, warc)
    assert summary(again.stderr) == {**summary(result.stderr), "new": 0, "unchanged": 1, "quotes": 0}


def test_language_any_keeps_every_page(tmp_path, db_path):
    warc = write_warc(tmp_path / "news.warc.gz", True)
    result = ingest(db_path, warc, extra=("--language", "any"))
    assert summary(result.stderr)["new"] == 2 and "skipped" not in result.stderr


def test_a_damaged_archive_names_the_file_and_record(tmp_path, db_path):
    whole = write_warc(tmp_path / "whole.warc", False).read_bytes()
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(whole + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort")
    other = tmp_path / "other.warc"
    other.write_bytes(b"hello, this is not an archive\r\n\r\n")
    result = ingest(db_path, damaged, other)
    assert result.exit_code == 1 and summary(result.stderr)["new"] == 1
    first, second = errors(result.stderr)
    assert first.startswith(f"error: {damaged}:6: not a readable WARC record")
    assert second == f"error: {other}:1: not a WARC record"


def test_on_a_cluster_the_workers_read_the_archive_and_skip_other_languages(tmp_path, db_path):
    pytest.importorskip("distributed")
    from quotes.ingest import ingest as run

    warc = write_warc(tmp_path / "news.warc.gz", True)
    summary_ = run(str(db_path), [], cluster="local:1", worker_paths=[f"file://{warc}"])
    assert (summary_.new, summary_.skipped, summary_.failed) == (1, 1, 0)
    assert summary_.errors == []
    assert query(db_path, "SELECT url, published FROM articles") == [("https://news.example/a", "2026-11-30")]


def many_pages(path: Path, gzip: bool = True) -> Path:
    """An archive of eight English pages (each after its request record) and a German one."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for i, thing in enumerate(["bridge", "ferry", "school", "library", "museum", "pier", "market", "station"]):
            url = f"https://news.example/{i}"
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
            response(writer, url, article(thing).encode(), "text/html", "2026-11-30T08:00:00Z")
            if i == 4:
                response(writer, "https://news.example/de", GERMAN.encode(), "text/html", "2026-11-30T09:00:00Z")
    return path


def read_in_ranges(path: Path, step: int) -> list:
    from quotes.readers import warc

    size, found = path.stat().st_size, []
    with open(path, "rb") as fh:
        for start in range(0, size, step):
            found += list(warc.read(str(path), fh, start, min(start + step, size)))
    return found


def test_ranges_of_a_gzipped_archive_read_each_record_once(tmp_path):
    """Cut anywhere, even inside a record or its gzip header, the ranges give what the whole file gives."""
    from quotes.readers import warc

    path = many_pages(tmp_path / "news.warc.gz")
    with open(path, "rb") as fh:
        whole = list(warc.read(str(path), fh))
    assert [type(x).__name__ for x in whole] == ["Article"] * 5 + ["Skipped"] + ["Article"] * 3
    for step in (1_000, 777, 5_000, 10**9):
        parts = read_in_ranges(path, step)
        assert [(a.id, a.text) for a in parts if not isinstance(a, ReadError)] == \
            [(a.id, a.text) for a in whole if not isinstance(a, ReadError)]
        skipped, = [str(x) for x in parts if isinstance(x, ReadError)]
        assert re.fullmatch(rf"{re.escape(str(path))}@\d+: https://news.example/de: in another language.*", skipped)


def test_an_archive_that_is_not_gzipped_is_read_whole_by_its_first_range(tmp_path):
    path = many_pages(tmp_path / "news.warc", gzip=False)
    assert len(read_in_ranges(path, path.stat().st_size // 3 + 1)) == 9
    assert len(read_in_ranges(path, 10**9)) == 9


def test_a_page_in_another_language_is_skipped_before_its_metadata_are_looked_for(tmp_path, monkeypatch):
    """Most of a multilingual archive is left out: its pages cost the text and the language only."""
    from quotes.readers import html, warc

    looked_up = []
    metadata = html.page_metadata
    monkeypatch.setattr(html, "page_metadata", lambda tree, params: looked_up.append(1) or metadata(tree, params))
    path = write_warc(tmp_path / "news.warc.gz", True)
    with open(path, "rb") as fh:
        found = [type(x).__name__ for x in warc.read(str(path), fh)]
    assert found == ["Article", "Skipped"] and len(looked_up) == 1
