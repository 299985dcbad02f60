"""A progress bar on standard error for long jobs, silent when standard error is not a terminal.

>>> import io
>>> with Progress(3, "format", stream=io.StringIO()) as bar:  # not a terminal: draws nothing
...     bar.advance(3)
>>> bar.done
3

Nothing is drawn unless the stream is a terminal *and* the job is long: it has run for
``delay`` seconds, or it has at least ``many`` items. Redraws are throttled to one every
``interval`` seconds (the last item always draws), and the line is cleared at the end, so a
finished job leaves standard error as it found it. The clock is injectable (``clock=``), so
that tests never depend on the wall clock.

Two ways in: ``Progress(total, label)`` with ``.advance(n)`` per chunk (the formatting
engine), or the instance itself as the ``progress(done, total, name)`` callback of
:func:`pantucci_bib.extract.extract_many`.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

__all__ = ["Progress"]

#: Seconds a job runs before its bar appears.
DELAY = 2.0
#: A job of at least this many items shows its bar at once.
MANY = 1000
#: Seconds between two redraws.
INTERVAL = 0.1

_CLEAR = "\r\x1b[K"  # carriage return, erase to the end of the line
_BAR = 20  # cells of the bar


class Progress:
    """How far a job of ``total`` items (None: unknown) has come, drawn on ``stream``.

    ``stream`` defaults to :data:`sys.stderr` (looked up when the bar is made); ``enabled``
    overrides the terminal test (None: draw only when ``stream.isatty()``); ``width`` the
    terminal width (None: :func:`shutil.get_terminal_size`). ``delay``, ``many`` and
    ``interval`` default to :data:`DELAY`, :data:`MANY` and :data:`INTERVAL`, read when the
    bar is made.
    """

    def __init__(
        self,
        total: int | None,
        label: str,
        *,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
        delay: float | None = None,
        many: int | None = None,
        interval: float | None = None,
        enabled: bool | None = None,
        width: int | None = None,
    ) -> None:
        self.total = total
        self.label = label
        self.stream: TextIO = stream if stream is not None else sys.stderr
        self.clock = clock
        self.delay = DELAY if delay is None else delay
        self.many = MANY if many is None else many
        self.interval = INTERVAL if interval is None else interval
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.width = width
        self.done = 0
        self.item = ""
        self._start = clock()
        self._drawn_at: float | None = None  # when the bar was last drawn; None: never
        self._closed = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def advance(self, n: int = 1, item: str = "") -> None:
        """``n`` more items are done (``item``: the name of the last one, shown after the
        count)."""
        self.update(self.done + n, item)

    def update(self, done: int, item: str = "") -> None:
        """``done`` items are done in all."""
        self.done = done
        if item:
            self.item = item
        self._maybe_draw()

    def __call__(self, done: int, total: int, name: str) -> None:
        """The ``progress(done, total, name)`` callback of :func:`~pantucci_bib.extract.
        extract_many`: ``done`` of ``total`` pages read, the last one ``name``."""
        self.total = total
        self.update(done, name)

    def close(self) -> None:
        """Clear the bar's line, if it was drawn; later calls draw nothing."""
        if self._closed:
            return
        self._closed = True
        if self._drawn_at is not None:
            self.stream.write(_CLEAR)
            self.stream.flush()

    @property
    def shown(self) -> bool:
        """Whether the bar has been drawn at least once."""
        return self._drawn_at is not None

    def line(self) -> str:
        """The bar's text, without the control characters that place it."""
        if self.total:
            share = min(self.done / self.total, 1.0)
            cells = int(share * _BAR)
            text = (
                f"{self.label} [{'#' * cells}{'.' * (_BAR - cells)}] "
                f"{self.done}/{self.total} {int(share * 100):3d}%"
            )
        else:
            text = f"{self.label} {self.done}"
        if self.item:
            text += f" {self.item}"
        width = self.width or shutil.get_terminal_size((80, 24)).columns
        return text[: max(width - 1, 0)]  # never wrap: \r could not return to the start

    def _maybe_draw(self) -> None:
        if self._closed or not self.enabled:
            return
        now = self.clock()
        if self._drawn_at is None:
            long = now - self._start >= self.delay or (self.total or 0) >= self.many
            if not long:
                return
        else:
            last = self.total is not None and self.done >= self.total
            if now - self._drawn_at < self.interval and not last:
                return
        self._drawn_at = now
        self.stream.write(_CLEAR + self.line())
        self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
