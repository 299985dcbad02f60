"""One bibliography rendered: each result from the cache, or rendered (in parallel when it pays)."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pantucci_bib.errors import ParseError
from pantucci_bib.formatting.backends import FORMATTERS
from pantucci_bib.formatting.common import item_ids, parsed_style
from pantucci_bib.styles import ResolvedStyle

if TYPE_CHECKING:
    from pantucci_bib.formatting import engine
    from pantucci_bib.formatting import workers as format_workers
    from pantucci_bib.formatting.cache import EntryCache


class Job:
    """One bibliography: each result taken from the cache, or rendered (in parallel when it
    pays) and then stored. The phases are those of :class:`engine.Renderer`."""

    def __init__(
        self,
        resolved: ResolvedStyle,
        locale: str | None,
        items: Sequence[dict[str, Any]],
        output: str,
        store: EntryCache,
        workers: int,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        from pantucci_bib.formatting.cache import digest

        self._resolved = resolved
        self._progress = progress  # told how many entries each step finished
        self._locale = locale
        self._items = items
        self._output = output
        self._store = store
        self._workers = workers
        self._renderer: engine.Renderer | None = None
        self._pool: format_workers.Pool | None = None
        self._new: dict[str, Any] = {}  # results to store
        style = read_style(resolved)
        self._numbered = b"citation-number" in style  # entries depend on their position
        # without a cache no key is looked up: the code digest (reading every module) is skipped
        self._namespace = (
            digest(code_version(), hashlib.sha256(style).hexdigest(), locale, output)
            if store.enabled
            else ""
        )
        # each item's digest (its CSL-JSON made first) shared by forked workers for a large
        # library: in this process it was the serial part of a cached run
        self._digests = _digests(items, workers) if store.enabled else []

    def _key(self, *parts: object) -> str:
        from pantucci_bib.formatting.cache import digest

        return digest(self._namespace, *parts)

    def run(self) -> list[tuple[str, str | None]]:
        meta_key = self._key("meta")
        meta = self._store.get_many([meta_key]).get(meta_key)
        if meta is None:
            renderer = self._engine()
            meta = self._new[meta_key] = {
                "descending": renderer.descending,
                "suffixes": renderer.suffixes,
                "chained": renderer.chained,
            }
        try:
            order = self._sort(meta["descending"])
            suffixes = self._suffixes(order) if meta["suffixes"] else [""] * len(order)
            entries = self._render(order, suffixes, chained=meta["chained"])
        finally:
            if self._pool is not None:
                self._pool.close()
        self._store.put_many(self._new)
        ids = item_ids(self._items)
        return [(ids[index], entry) for index, entry in zip(order, entries, strict=True)]

    def _engine(self) -> engine.Renderer:
        """The citeproc-py renderer of these items, built on first need (never when cached)."""
        if self._renderer is None:
            from pantucci_bib.formatting import engine

            style = parsed_style(self._resolved, self._locale)
            if style.root.bibliography is None or style.root.bibliography.layout is None:
                raise ParseError(
                    "the style has no bibliography layout", where=str(self._resolved.path)
                )
            formatter = FORMATTERS[self._output]()
            self._renderer = engine.Renderer(
                style, self._items, formatter, key_formatter=FORMATTERS["text"]()
            )
        return self._renderer

    def _cached(
        self,
        count: int,
        key_of: Callable[[int], str],
        compute: Callable[[list[int]], list[Any]],
    ) -> list[Any]:
        """The value for each of ``count`` positions: from the cache (under ``key_of(position)``),
        else computed for the missing positions."""
        if not self._store.enabled:
            return compute(list(range(count)))
        keys = [key_of(position) for position in range(count)]
        found = self._store.get_many(keys)
        missing = [position for position, key in enumerate(keys) if key not in found]
        if missing:
            for position, value in zip(missing, compute(missing), strict=True):
                found[keys[position]] = self._new[keys[position]] = value
        return [found[key] for key in keys]

    def _parallel(
        self,
        method: str,
        calls: list[tuple[Any, ...]],
        arrangement: tuple[list[int], list[str]] | None = None,
        done: Callable[[Any], None] | None = None,
    ) -> list[Any]:
        """The results of ``renderer.method(*call)`` for each call, concatenated in order;
        the renderer first put in ``arrangement`` (order, year suffixes) when one is given."""
        if self._pool is None:
            from pantucci_bib.formatting import workers as format_workers

            self._pool = format_workers.Pool(self._engine(), self._workers)
        results = self._pool.run(method, calls, arrangement, done)
        return [value for part in results for value in part]

    def _sort(self, descending: list[bool]) -> list[int]:
        from pantucci_bib.formatting import engine

        def column(depth: int, indices: list[int]) -> list[Any]:
            def key_of(position: int) -> str:
                return self._key("sort", depth, self._digests[indices[position]])

            def compute(missing: list[int]) -> list[Any]:
                wanted = [indices[m] for m in missing]
                calls = [(depth, part) for part in parts(wanted, self._workers)]
                return self._parallel("sort_column", calls)

            return self._cached(len(indices), key_of, compute)

        return engine.sort_order(len(self._items), descending, column)

    def _suffixes(self, order: list[int]) -> list[str]:
        from pantucci_bib.formatting import engine

        def key_of(position: int) -> str:
            return self._key(
                "ambiguity", self._digests[order[position]], self._number(order, position)
            )

        def compute(missing: list[int]) -> list[Any]:
            wanted = [order[m] for m in missing]
            calls = [(part,) for part in parts(wanted, self._workers)]
            return self._parallel("ambiguity_keys", calls, (order, [""] * len(order)))

        found = self._cached(len(order), key_of, compute)
        return engine.year_suffixes([tuple(key) for key in found])

    def _number(self, order: list[int], position: int) -> str:
        """What an entry's citation number depends on: its position, or (sorted by
        citation-number) its place in the input; nothing for a style that prints none."""
        return f"{position}/{order[position]}" if self._numbered else ""

    def _render(self, order: list[int], suffixes: list[str], *, chained: bool) -> list[Any]:
        def key_of(position: int) -> str:
            return self._key(
                "entry",
                self._digests[order[position]],
                suffixes[position],
                self._number(order, position),
                self._digests[order[position - 1]] if chained and position else "",
            )

        progress = self._progress
        computed = [0]

        def compute(missing: list[int]) -> list[Any]:
            computed[0] = len(missing)
            if progress is not None and len(order) > len(missing):
                progress(len(order) - len(missing))  # the entries the cache held
            spans = [
                (part[0], part[-1] + 1)
                for run in runs(missing)
                for part in parts(run, self._workers, total=len(missing))
            ]

            def done(entries: Any) -> None:
                if progress is not None:
                    progress(len(entries))

            return self._parallel("entries", spans, (order, suffixes), done)

        found = self._cached(len(order), key_of, compute)
        if progress is not None and not computed[0]:
            progress(len(order))  # every entry came from the cache
        return found


def _digests(items: Sequence[dict[str, Any]], workers: int) -> list[str]:
    from pantucci_bib.formatting.cache import item_digest
    from pantucci_bib.formatting.workers import forked_map

    return forked_map(item_digest, items, workers)


def parts(values: list[int], workers: int, total: int | None = None) -> list[list[int]]:
    """``values`` cut into consecutive parts: about four per worker of ``total`` values (so
    that a slow part does not keep the others waiting), none shorter than 16."""
    size = max(16, -(-(total or len(values)) // (4 * workers)))
    return [values[start : start + size] for start in range(0, len(values), size)]


def runs(positions: list[int]) -> list[list[int]]:
    """Ascending ``positions`` split where they stop being consecutive."""
    runs: list[list[int]] = []
    for position in positions:
        if runs and runs[-1][-1] == position - 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    return runs


def read_style(resolved: ResolvedStyle) -> bytes:
    try:
        return resolved.path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read style: {exc.strerror}", where=str(resolved.path)) from None


@functools.cache
def code_version() -> str:
    """What decides how a record renders, besides the record, style, locale and output."""
    from importlib.metadata import version

    from pantucci_bib import __version__

    # read, not imported: citeproc and lxml stay unloaded on a warm run
    sources = sorted(Path(__file__).parent.rglob("*.py"))
    code = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()
    return f"{__version__}/{version('citeproc-py')}/{code}"
