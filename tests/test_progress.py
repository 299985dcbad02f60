"""The progress bar (pantucci_bib.progress): drawn on a terminal for a long job, else silent.

No test depends on the wall clock: every bar gets a fake clock, moved by hand.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from pantucci_bib import cli, progress
from pantucci_bib.progress import Progress

PAGES = Path(__file__).parent / "fixtures" / "pages"
CLEAR = "\r\x1b[K"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _bar(total: int | None, stream: io.StringIO, clock: Clock, **options: object) -> Progress:
    return Progress(total, "job", stream=stream, clock=clock, width=200, **options)  # type: ignore[arg-type]


def test_silent_when_not_a_terminal_even_for_a_long_job():
    stream, clock = io.StringIO(), Clock()
    with _bar(5000, stream, clock) as bar:
        clock.now += 60
        bar.advance(4000)
        bar.advance(1000)
    assert stream.getvalue() == ""
    assert not bar.shown and bar.done == 5000


def test_silent_on_a_terminal_for_a_short_job():
    stream, clock = Terminal(), Clock()
    with _bar(10, stream, clock) as bar:
        for _ in range(10):
            clock.now += 0.1  # 1 s in all: under the 2 s delay
            bar.advance()
    assert stream.getvalue() == ""


def test_drawn_once_the_job_has_run_for_the_delay():
    stream, clock = Terminal(), Clock()
    bar = _bar(10, stream, clock)
    bar.advance(2)
    assert stream.getvalue() == ""
    clock.now += 2.0
    bar.advance(1)
    assert stream.getvalue() == f"{CLEAR}job [######..............] 3/10  30%"
    bar.close()
    assert stream.getvalue().endswith(CLEAR)


def test_many_items_draw_at_once():
    stream, clock = Terminal(), Clock()
    bar = _bar(2000, stream, clock)
    bar.advance(500)
    assert stream.getvalue() == f"{CLEAR}job [#####...............] 500/2000  25%"


def test_redraws_are_throttled_and_the_last_item_always_draws():
    stream, clock = Terminal(), Clock()
    bar = _bar(2000, stream, clock)
    for _ in range(1999):
        bar.advance()  # the clock stands still: only the first draw
    assert stream.getvalue().count(CLEAR) == 1
    clock.now += 0.5
    bar.advance(0)
    assert stream.getvalue().count(CLEAR) == 2
    bar.advance()  # 2000/2000, within the interval, drawn all the same
    assert stream.getvalue().count(CLEAR) == 3
    assert stream.getvalue().endswith("2000/2000 100%")


def test_close_clears_the_line_and_later_calls_draw_nothing():
    stream, clock = Terminal(), Clock()
    bar = _bar(2000, stream, clock)
    bar.advance(1)
    bar.close()
    drawn = stream.getvalue()
    assert drawn.endswith(CLEAR)
    bar.close()
    clock.now += 10
    bar.advance(5)
    assert stream.getvalue() == drawn


def test_cleared_when_the_job_fails():
    stream, clock = Terminal(), Clock()
    with pytest.raises(KeyboardInterrupt), _bar(2000, stream, clock) as bar:
        bar.advance(1)
        raise KeyboardInterrupt
    assert stream.getvalue().endswith(CLEAR)


def test_a_bar_never_drawn_writes_nothing_when_closed():
    stream, clock = Terminal(), Clock()
    with _bar(3, stream, clock) as bar:
        bar.advance(3)
    assert stream.getvalue() == ""


def test_the_extract_many_callback_names_the_item():
    stream, clock = Terminal(), Clock()
    bar = _bar(None, stream, clock, delay=0)
    bar(1, 4, "tag_frontier.txt")
    assert stream.getvalue() == f"{CLEAR}job [#####...............] 1/4  25% tag_frontier.txt"
    assert bar.total == 4


def test_unknown_total_counts():
    stream, clock = Terminal(), Clock()
    bar = _bar(None, stream, clock, delay=0)
    bar.advance(7, "x")
    assert stream.getvalue() == f"{CLEAR}job 7 x"


def test_never_wider_than_the_terminal():
    stream, clock = Terminal(), Clock()
    bar = Progress(10, "job", stream=stream, clock=clock, width=20, delay=0)
    bar.advance(1, "a-very-long-page-name.html")
    assert stream.getvalue() == CLEAR + "job [##............"
    assert len(bar.line()) == 19


def test_enabled_overrides_the_terminal_test():
    stream, clock = io.StringIO(), Clock()
    bar = _bar(10, stream, clock, enabled=True, delay=0)
    bar.advance(1)
    assert stream.getvalue().startswith(CLEAR + "job [")
    quiet = Terminal()
    off = _bar(10, quiet, clock, enabled=False, delay=0)
    off.advance(1)
    assert quiet.getvalue() == ""


def test_a_stream_without_isatty_is_not_a_terminal():
    class Bare:
        def write(self, text: str) -> int:
            raise AssertionError("nothing may be written")

        def flush(self) -> None:
            pass

    bar = Progress(5000, "job", stream=Bare(), delay=0)  # type: ignore[arg-type]
    bar.advance(5000)
    bar.close()
    assert not bar.enabled


def _import(stderr: io.StringIO, tmp_path: Path) -> int:
    pages = [str(PAGES / "tag_frontier.txt"), str(PAGES / "tag_xinjiang.html")]
    with contextlib.redirect_stderr(stderr):
        return cli.main(["import", *pages, "-o", str(tmp_path / "new.bib")])


def test_import_draws_on_a_terminal_and_clears_the_line(tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)  # every job counts as long
    stderr = Terminal()
    assert _import(stderr, tmp_path) == 0
    err = stderr.getvalue()
    assert f"{CLEAR}pantucci-bib: import [##########..........] 1/2  50% tag_frontier.txt" in err
    assert "2/2 100% tag_xinjiang.html" in err
    # the bar's line is cleared before the problems and the summary are printed
    last_bar = err.rindex("100% tag_xinjiang.html")
    assert err[last_bar:].startswith(f"100% tag_xinjiang.html{CLEAR}pantucci-bib: ")
    assert err.endswith("wrote 9 records from 2 pages to " + str(tmp_path / "new.bib") + "\n")


def test_import_is_quiet_when_piped(tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    stderr = io.StringIO()
    assert _import(stderr, tmp_path) == 0
    assert "\r" not in stderr.getvalue() and "\x1b" not in stderr.getvalue()
