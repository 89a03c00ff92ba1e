"""Keep an ingest's processes within bounds: workers end with their parent, parsing has a
memory ceiling, and SIGTERM stops a run the way Ctrl-C does."""
from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# Address space a parsing process may use: the loaded model takes about 0.55 GB of it, the
# parse of the longest piece of text (see quotes.extract.chunks) a few hundred MB more.
DEFAULT_MEMORY_LIMIT_MB = 2048
PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0
HEADROOM_MB = 256  # the least a ceiling leaves a process above what it uses: a short article's parse


class Terminated(KeyboardInterrupt):
    """SIGTERM: stops a run as Ctrl-C does, keeping every finished batch."""


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Turn the first SIGTERM into `Terminated` in the main thread; a second one kills."""

    def handler(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise Terminated()

    if threading.current_thread() is not threading.main_thread():  # only it may set handlers
        yield
        return
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def die_with_parent() -> None:
    """End this (worker) process when its parent dies, even by SIGKILL.

    The kernel sends SIGKILL on the parent's death (Linux ``PR_SET_PDEATHSIG``); a thread
    watching for a new parent pid is the fallback where that is not available.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if parent == 1 or os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watchdog", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (0: no cap): an allocation past it raises MemoryError.

    Never below what the process already uses plus `HEADROOM_MB`: a worker forked from a
    large process starts with all of its address space.
    """
    if megabytes <= 0:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = max(megabytes, (address_space() >> 20) + HEADROOM_MB) * 2**20
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


@contextmanager
def memory_ceiling(megabytes: int) -> Iterator[None]:
    """`limit_memory` for a while, in a process that also does other work: lifted afterwards."""
    if megabytes <= 0:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit_memory(megabytes)
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def address_space() -> int:
    """Bytes of address space this process uses now (VmSize), 0 when unknown."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
