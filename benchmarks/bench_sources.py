"""How fast web archives are read and pages fetched, against the per-core extraction rate.

Writes a gzipped WARC of ``--records`` generated news pages (with a request record before
each response, as crawls write them), then reads it with the WARC reader (trafilatura's
extraction and the language check included) while sampling this process's memory; parses
``--articles`` of the same articles with the pipeline on one core; and fetches ``--pages``
pages from a local server (127.0.0.1) through the fetcher with no delay. Reading must be at
least 20 times faster than extraction per core, so that it is never the bottleneck, and its
memory flat from the first tenth of the file to the last. Rates are per CPU second of this
process, so that other work on the machine changes them little.

    .venv/bin/python -m benchmarks.bench_sources
    .venv/bin/python -m benchmarks.bench_sources --records 10000 --filler 100   # a WARC of about 1 GB

``--filler KB`` puts that much incompressible text in an HTML comment of each page (archived
news pages are about 100 KB of HTML, the generated ones 4 KB), so that a file of a gigabyte
takes thousands of pages rather than hundreds of thousands: memory over a large file in minutes.
"""
from __future__ import annotations

import base64
import http.server
import io
import random
import threading
from pathlib import Path

import psutil
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotes.extract.pipeline import load
from quotes.readers import ReadError, make_article, warc
from quotes.sources.fetch import Fetcher, Options

from . import corpus, harness

NAV = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(40))
PAGE = ("<!DOCTYPE html><html><head><title>{title}</title><meta property='og:site_name' content='{outlet}'>"
        "<meta property='article:published_time' content='{published}'>{filler}</head><body><nav><ul>" + NAV +
        "</ul></nav><article><h1>{title}</h1>{paragraphs}</article><footer>" + NAV + "</footer></body></html>")


def page(record: dict, filler: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in record["text"].split("\n\n")[1:] if p.strip())
    return PAGE.format(paragraphs=paragraphs, filler=f"<!-- {filler} -->" if filler else "", **record).encode("utf-8")


def write_warc(path: Path, records: int, seed: int, filler_kb: int = 0) -> None:
    """A gzipped WARC of generated pages, ``filler_kb`` of random base64 in each (compressed to about 3/4)."""
    rng = random.Random(seed)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = [("Content-Type", "text/html; charset=utf-8")]
        for record in corpus.generate(records, seed):
            filler = base64.b64encode(rng.randbytes(filler_kb * 768)).decode("ascii")
            writer.write_record(writer.create_warc_record(record["url"], "request",
                                                          payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            writer.write_record(writer.create_warc_record(
                record["url"], "response", payload=io.BytesIO(page(record, filler)),
                http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")))


def read_warc(path: Path) -> dict:
    """Records/s and MB/s of the reader, and the largest RSS seen in each tenth of the file."""
    size = path.stat().st_size
    process, tenths, read, failed = psutil.Process(), [0.0] * 10, 0, 0
    with harness.Timer() as t, open(path, "rb") as fh:
        for item in warc.read(str(path), fh):
            read += 1
            failed += isinstance(item, ReadError)
            if read % 200 == 0:
                tenth = min(9, int(10 * fh.tell() / size))
                tenths[tenth] = max(tenths[tenth], process.memory_info().rss / 2**20)
    return {"records": read, "failed": failed, "seconds": round(t.wall, 2), "cpu_seconds": round(t.cpu, 2),
            "records_per_s": round(read / t.cpu, 1), "mb_per_s": round(size / 2**20 / t.cpu, 2),
            "file_mb": round(size / 2**20, 1),
            "rss_mb_by_tenth": [round(mb) for mb in tenths if mb]}


def extraction_rate(model: str, articles: int, seed: int) -> float:
    """Articles per CPU second of the pipeline on one core."""
    nlp = load(model)
    found = [make_article(r["name"], r["text"], title=r["title"], url=r["url"])
             for r in corpus.generate(articles, seed)]
    t, _ = harness.timed_extract(nlp, found, batch_size=8)
    return articles / t.cpu


def fetch_overhead(pages: int) -> float:
    """Milliseconds the fetcher spends on one page served by a local server, delay 0."""
    body = page(next(corpus.generate(1, 0)))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetcher = Fetcher(Options(delay=0.0))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        fetcher.fetch(f"{base}/warm-up")
        with harness.Timer() as t:
            for i in range(pages):
                assert fetcher.fetch(f"{base}/news/{i}").body == body
    finally:
        fetcher.close()
        server.shutdown()
    return 1000 * t.wall / pages


def main() -> None:
    parser = harness.parser(__doc__, articles=40, model=True, workdir="the WARC file")
    parser.add_argument("--records", type=int, default=20_000, help="pages in the WARC file (default 20,000)")
    parser.add_argument("--pages", type=int, default=500, help="pages fetched from the local server (default 500)")
    parser.add_argument("--filler", type=int, default=0, metavar="KB",
                        help="incompressible KB in an HTML comment of each page of the WARC (default 0)")
    args = parser.parse_args()
    print(harness.describe_machine(harness.machine(), harness.other_cpu_load()))
    with harness.scratch(args.workdir, "bench-sources-") as folder:
        path = folder / f"news-{args.records}-{args.seed}-{args.filler}.warc.gz"
        if not path.exists():
            write_warc(path, args.records, args.seed, args.filler)
        reading = read_warc(path)
    per_core = extraction_rate(args.model, args.articles, args.seed)
    fetch_ms = fetch_overhead(args.pages)
    rss = reading["rss_mb_by_tenth"]
    print(f"WARC read: {reading['records']:,} records of {reading['file_mb']} MB in {reading['seconds']} s "
          f"({reading['cpu_seconds']} CPU s): {reading['records_per_s']:,} records/s, {reading['mb_per_s']} MB/s "
          f"per CPU second")
    print(f"extraction: {per_core:.2f} articles per CPU second; reading is {reading['records_per_s'] / per_core:.1f}x "
          f"faster (target >= 20x)")
    print(f"memory (RSS, MB) at each tenth of the file: {rss}; last minus first {rss[-1] - rss[0]:+d} MB")
    print(f"fetcher: {fetch_ms:.2f} ms per page from a local server (delay 0), "
          f"{fetch_ms / (1000 / per_core) * 100:.2f} % of a page's extraction time")
    harness.summary({**reading, "extraction_per_core": round(per_core, 2),
                     "ratio": round(reading["records_per_s"] / per_core, 1), "fetch_ms": round(fetch_ms, 2)}, args)


if __name__ == "__main__":
    main()
