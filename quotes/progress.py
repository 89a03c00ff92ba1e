"""Ingest progress: done of total, articles/s and time left.

On a terminal one line is rewritten in place; when stderr is a file or a pipe (a job under a
scheduler, a container log) a full line is written every ``interval`` seconds instead.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO


def duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    def __init__(self, stream: TextIO | None = None, terminal: bool | None = None,
                 interval: float = 30.0, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.interval, self.clock = interval, clock
        self.done_count = 0
        self.total = 0
        self.total_known = False
        self.started = clock()
        self.last = self.started
        self.written = 0  # the count the last log line showed

    def set_total(self, total: int, final: bool) -> None:
        self.total, self.total_known = max(total, self.total), final

    def update(self, n: int) -> None:
        self.done_count += n
        now = self.clock()
        if self.terminal:
            self.stream.write("\r" + self.line(now) + "\033[K")
            self.stream.flush()
        elif now - self.last >= self.interval:
            self.last, self.written = now, self.done_count
            self.stream.write(time.strftime("%H:%M:%S ") + self.line(now) + "\n")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        now = self.clock() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        rate = self.done_count / elapsed
        total = max(self.total, self.done_count)
        text = f"Ingesting: {self.done_count:,}"
        if total:
            text += f" of {total:,}{'' if self.total_known else '+'} articles"
            text += f" ({100 * self.done_count / total:.0f}%)" if self.total_known else ""
        else:
            text += " articles"
        text += f", {rate:.1f} articles/s"
        if self.total_known and rate > 0 and total > self.done_count:
            text += f", {duration((total - self.done_count) / rate)} left"
        return text

    def done(self) -> None:
        if self.done_count:
            if self.terminal:
                self.stream.write("\n")
            elif self.written != self.done_count:
                self.stream.write(time.strftime("%H:%M:%S ") + self.line() + "\n")
            self.stream.flush()
