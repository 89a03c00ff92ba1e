"""The ingest progress line: done of total, rate and time left; log lines off a terminal."""
from __future__ import annotations

import io

from quotes.progress import Progress, duration


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_terminal_line_shows_done_of_total_rate_and_time_left():
    clock, out = Clock(), io.StringIO()
    progress = Progress(out, terminal=True, clock=clock)
    progress.set_total(100, final=True)
    clock.now = 10
    progress.update(25)
    assert out.getvalue().endswith("\rIngesting: 25 of 100 articles (25%), 2.5 articles/s, 30s left\033[K")


def test_total_still_growing_is_marked_and_gives_no_time_left():
    clock, out = Clock(), io.StringIO()
    progress = Progress(out, terminal=True, clock=clock)
    progress.set_total(40, final=False)
    clock.now = 4
    progress.update(8)
    assert "8 of 40+ articles, 2.0 articles/s" in out.getvalue() and "left" not in out.getvalue()


def test_off_a_terminal_a_line_every_interval_and_a_last_one():
    clock, out = Clock(), io.StringIO()
    progress = Progress(out, terminal=False, interval=30, clock=clock)
    progress.set_total(1000, final=True)
    for second in range(1, 100):
        clock.now = second
        progress.update(5)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 and all("articles/s" in line for line in lines)
    progress.done()
    assert out.getvalue().splitlines()[-1].endswith("495 of 1,000 articles (50%), 5.0 articles/s, 1m41s left")


def test_durations():
    assert [duration(s) for s in (5, 75, 3725)] == ["5s", "1m15s", "1h02m"]
