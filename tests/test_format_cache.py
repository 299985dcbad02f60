"""The formatting cache and the forked workers: the same entries as a plain run, whatever is
cached, and only what changed is rendered again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

import pantucci_bib
from conftest import run_cli, synthetic_records
from pantucci_bib.errors import DataError
from pantucci_bib.formatting import engine
from pantucci_bib.formatting import workers as format_workers
from pantucci_bib.formatting.cache import CACHE_ENV, EntryCache, cache_dir

STYLES = ["chicago-author-date", "apa", "ieee", "modern-language-association"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(directory))
    return directory


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Bibliography positions citeproc-py renders an entry for (counted in this process)."""
    positions: list[int] = []
    original = engine.Renderer.entries

    def counting(self: engine.Renderer, start: int, stop: int) -> list[str | None]:
        positions.extend(range(start, stop))
        return original(self, start, stop)

    monkeypatch.setattr(engine.Renderer, "entries", counting)
    return positions


def _uncached(records: Any, style: str, **options: Any) -> str:
    return pantucci_bib.format_bibliography(records, style, cache=False, workers=1, **options)


@pytest.mark.parametrize("style", STYLES)
def test_warm_run_renders_nothing_and_gives_the_same_text(
    cache: Path, rendered: list[int], monkeypatch: pytest.MonkeyPatch, style: str
) -> None:
    library = pantucci_bib.corpus()
    expected = _uncached(library, style, output="html")
    assert pantucci_bib.format_bibliography(library, style, output="html", workers=1) == expected
    assert (cache / "format-cache-v1.sqlite3").is_file()

    def no_engine(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a warm run must not build a citeproc renderer")

    monkeypatch.setattr(engine, "Renderer", no_engine)
    rendered.clear()
    assert pantucci_bib.format_bibliography(library, style, output="html", workers=1) == expected
    assert rendered == []


def test_a_changed_record_alone_is_rendered_again(cache: Path, rendered: list[int]) -> None:
    records = list(pantucci_bib.corpus())
    pantucci_bib.format_bibliography(records, "chicago-author-date", workers=1)
    changed = [
        attrs.evolve(r, title=r.title + " (revised)") if r.key == records[10].key else r
        for r in records
    ]
    rendered.clear()
    text = pantucci_bib.format_bibliography(changed, "chicago-author-date", workers=1)
    assert len(rendered) == 1
    assert "(Revised)" in text or "(revised)" in text
    assert text == _uncached(changed, "chicago-author-date")


def test_numbered_style_re_renders_entries_whose_number_moved(
    cache: Path, rendered: list[int]
) -> None:
    records = list(pantucci_bib.corpus())
    pantucci_bib.format_bibliography(records, "ieee", workers=1)
    rendered.clear()
    fewer = records[1:]
    text = pantucci_bib.format_bibliography(fewer, "ieee", workers=1)
    assert rendered  # IEEE numbers entries in order: the numbers after the removed one moved
    assert text == _uncached(fewer, "ieee")


@pytest.mark.parametrize("style", ["chicago-author-date", "ieee"])
def test_workers_give_the_same_bibliography(cache: Path, style: str) -> None:
    records = synthetic_records(300)
    expected = _uncached(records, style)
    assert pantucci_bib.format_bibliography(records, style, cache=False, workers=2) == expected
    # a cold cached run with workers, then a warm one
    assert pantucci_bib.format_bibliography(records, style, workers=2) == expected
    assert pantucci_bib.format_bibliography(records, style, workers=2) == expected


def test_workers_really_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    if not format_workers._can_fork():
        pytest.skip("fork is not available here (or other threads run)")
    import os

    def pid(self: Any) -> list[int]:
        return [os.getpid()]

    monkeypatch.setattr(engine.Renderer, "process_id", pid, raising=False)
    renderer = engine.Renderer.__new__(engine.Renderer)
    with format_workers.Pool(renderer, workers=2) as pool:
        pids = pool.run("process_id", [()] * 8)
        assert pool.run("process_id", [()] * 8)  # the same children serve a second step
    assert {p for part in pids for p in part} - {os.getpid()}


def _pid_and_double(value: int) -> tuple[int, int]:
    import os

    return os.getpid(), value * 2


def test_forked_map_gives_the_list_in_order_from_children() -> None:
    """Item digests of a large library are taken by forked workers (``forked_map``)."""
    if not format_workers._can_fork():
        pytest.skip("fork is not available here (or other threads run)")
    import os

    values = list(range(3000))
    found = format_workers.forked_map(_pid_and_double, values, workers=2)
    assert [double for _, double in found] == [v * 2 for v in values]
    assert {pid for pid, _ in found} - {os.getpid()}  # computed in children
    few = format_workers.forked_map(_pid_and_double, values[:10], workers=2)
    assert {pid for pid, _ in few} == {os.getpid()}  # too few to fork for


def test_a_large_cached_bibliography_is_the_uncached_one(cache: Path) -> None:
    """A library large enough for its digests to be taken in forked workers: cold and warm
    cached runs give the uncached text."""
    records = [
        pantucci_bib.Record(key=f"k{i}", type="book", title=f"Title {i}", publisher="P")
        for i in range(2100)
    ]
    expected = pantucci_bib.format_bibliography(records, "apa", cache=False, workers=2)
    assert pantucci_bib.format_bibliography(records, "apa", workers=2) == expected
    assert pantucci_bib.format_bibliography(records, "apa", workers=2) == expected


def test_children_collect_rarely(monkeypatch: pytest.MonkeyPatch) -> None:
    if not format_workers._can_fork():
        pytest.skip("fork is not available here (or other threads run)")
    import gc

    def threshold(self: Any) -> list[int]:
        return [gc.get_threshold()[0]]

    monkeypatch.setattr(engine.Renderer, "gc_threshold", threshold, raising=False)
    renderer = engine.Renderer.__new__(engine.Renderer)
    before = gc.get_threshold()
    with format_workers.Pool(renderer, workers=2) as pool:
        seen = pool.run("gc_threshold", [()] * 8)
    assert {value for part in seen for value in part} == {format_workers.CHILD_GC_THRESHOLD}
    assert gc.get_threshold() == before  # the parent's is left alone


def test_a_worker_error_is_the_error_of_one_process(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = synthetic_records(300)
    original = engine.Renderer.entries

    def failing(self: engine.Renderer, start: int, stop: int) -> list[str | None]:
        if start <= 250 < stop:  # as citeproc-py fails on a record it cannot handle
            raise engine.EntryError(self.ids[0], "KeyError: 'bad'")
        return original(self, start, stop)

    monkeypatch.setattr(engine.Renderer, "entries", failing)  # forked workers inherit it
    with pytest.raises(DataError) as serial:
        _uncached(records, "chicago-author-date")
    with pytest.raises(DataError) as forked:
        pantucci_bib.format_bibliography(records, "chicago-author-date", workers=2)
    assert str(forked.value) == str(serial.value)
    assert "cannot format this record: KeyError: 'bad'" in str(forked.value)


def test_cache_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_dir() is None
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    pantucci_bib.format_bibliography(pantucci_bib.corpus(), "apa", workers=1)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.delenv(CACHE_ENV)
    assert cache_dir() == tmp_path / "xdg" / "pantucci_bib"


def test_cache_false_neither_reads_nor_writes(cache: Path) -> None:
    pantucci_bib.format_bibliography(pantucci_bib.corpus(), "apa", cache=False)
    assert not cache.exists()


def test_a_corrupt_cache_is_ignored(cache: Path) -> None:
    cache.mkdir()
    (cache / "format-cache-v1.sqlite3").write_bytes(b"\x00not a database\xff" * 100)
    library = pantucci_bib.corpus()
    assert pantucci_bib.format_bibliography(library, "apa", workers=1) == _uncached(library, "apa")


def test_an_unwritable_cache_location_is_ignored(cache: Path) -> None:
    cache.write_text("a file where the directory should be")
    library = pantucci_bib.corpus()
    assert pantucci_bib.format_bibliography(library, "apa", workers=1) == _uncached(library, "apa")


def test_entry_cache_round_trips_values(tmp_path: Path) -> None:
    store = EntryCache(tmp_path)
    store.put_many({"a": ["x", None], "b": "ß"})
    assert store.get_many(["a", "b", "c"]) == {"a": ["x", None], "b": "ß"}
    store.close()
    assert EntryCache(tmp_path).get_many(["b"]) == {"b": "ß"}
    assert not EntryCache(None).enabled


def test_bad_worker_count_is_a_user_error() -> None:
    with pytest.raises(pantucci_bib.PantucciBibError, match="workers"):
        pantucci_bib.format_bibliography(pantucci_bib.corpus(), "apa", workers=0)


def test_cli_options_mirror_the_api(cache: Path) -> None:
    result = run_cli("format", "--style", "apa", "--no-cache", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout == _uncached(pantucci_bib.corpus(), "apa")
    assert not cache.exists()
    result = run_cli("format", "--style", "apa", "--workers", "0")
    assert result.returncode == 2
    assert result.stderr.strip() == "pantucci-bib: error: workers must be 1 or more, not 0"
