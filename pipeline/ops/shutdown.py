"""Graceful stop on SIGTERM/SIGINT: finish the current source's transaction, then exit cleanly.

The CLI wraps a run in `stop_on_signals()`. The first SIGTERM or SIGINT only raises a flag; the
scrape run checks it after each stored target (`StopFlag.check`) and raises `Interrupted`, which
`collect` lets propagate (it is not a `ScraperError`), the run is marked `interrupted` in the run
log, and the CLI exits with 128 + the signal number (130 for SIGINT, 143 for SIGTERM). A second
signal while stopping restores the default action and re-sends itself, so the process dies at
once; SQLite's WAL keeps the database consistent even then.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Interrupted(Exception):
    """A stop was requested by a signal; raised at the next safe point between transactions."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.exit_code = 128 + signum
        name = signal.Signals(signum).name
        super().__init__(f"stopped by {name} after finishing the current source's transaction")


class StopFlag:
    """A stop request, set from a signal handler and checked between transactions."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.signum: int | None = None

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def request(self, signum: int) -> None:
        self.signum = signum
        self._event.set()

    def clear(self) -> None:
        self.signum = None
        self._event.clear()

    def check(self) -> None:
        """Raise `Interrupted` when a stop was requested; otherwise do nothing."""
        if self.signum is not None and self._event.is_set():
            raise Interrupted(self.signum)

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`, waking early on a stop request; True when one came."""
        return self._event.wait(max(0.0, seconds))


STOP = StopFlag()
"""The process-wide flag the signal handlers set and the runs check."""
_depth = 0


def _handle(signum: int, frame: FrameType | None) -> None:
    if STOP.requested:
        # Second signal: stop waiting for the current source and die the default way.
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    STOP.request(signum)


@contextmanager
def stop_on_signals() -> Iterator[StopFlag]:
    """Install the SIGTERM/SIGINT handlers for the block (main thread only), then restore them.

    Nested blocks share the outer block's handlers and flag (a scheduled run inside
    `jobtrends schedule`). Outside the main thread, where Python cannot install handlers, the block
    runs unguarded.
    """
    global _depth
    if _depth or threading.current_thread() is not threading.main_thread():
        yield STOP
        return
    _depth += 1
    STOP.clear()
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    for signum in STOP_SIGNALS:
        signal.signal(signum, _handle)
    try:
        yield STOP
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        STOP.clear()
        _depth -= 1
