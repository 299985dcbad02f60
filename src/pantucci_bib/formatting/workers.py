"""Sharing rendering work between processes: forked workers that inherit the parsed style.

citeproc-py is pure Python, so threads do not help; a forked child starts with the parent's
parsed style and renderer already in memory, and only the call arguments and the results (short
strings) cross between processes. One :class:`Pool` serves every step of one bibliography, so
that each child pays its start (and the copy-on-write of the pages it touches) once. Forking is
used only where it is safe and pays: on platforms that have it, in a process without other
threads, and for enough work.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

__all__ = ["MIN_CALLS", "Pool", "forked_map"]

#: Fewer calls than this are made in this process (a fork costs more than they save).
MIN_CALLS = 4

#: An order of the bibliography and the year suffix at each position (``Renderer.set_order``).
Arrangement = tuple[Sequence[int], Sequence[str]]

_renderer: Any = None  # the renderer the forked children call (set while a pool lives)
_arranged: Arrangement | None = None  # in a child: the arrangement its renderer has


def _call(method: str, args: tuple[Any, ...], arrangement: Arrangement | None) -> Any:
    global _arranged
    if arrangement is not None and arrangement != _arranged:
        _renderer.set_order(*arrangement)
        _arranged = arrangement
    return getattr(_renderer, method)(*args)


#: A child's generation-0 threshold: rendering makes many short-lived lists and dicts, and
#: collecting every 700 allocations (the default) costs about 4 % of an entry's time.
CHILD_GC_THRESHOLD = 50_000


def _rare_collections() -> None:
    """In a forked child: collect less often (it lives for one job; its garbage is freed
    by reference counting nearly all of it)."""
    _, *older = gc.get_threshold()
    gc.set_threshold(CHILD_GC_THRESHOLD, *older)


_mapped: Any = None  # what forked_map's children call: (function, values), set while it runs


def _map_part(start: int, stop: int) -> list[Any]:
    function, values = _mapped
    return [function(values[index]) for index in range(start, stop)]


def forked_map(
    function: Callable[[Any], Any], values: Sequence[Any], workers: int, least: int = 2000
) -> list[Any]:
    """``[function(value) for value in values]``, shared by ``workers`` forked processes where
    there are at least ``least`` values and forking is possible (else in this process).
    ``function`` must be pure: its results cross back, anything else it does is lost. If a
    child fails, the whole list is made again here (the error raised is this process's)."""
    global _mapped
    if workers < 2 or len(values) < least or not _can_fork():
        return [function(value) for value in values]
    size = -(-len(values) // (2 * workers))
    spans = [(start, min(start + size, len(values))) for start in range(0, len(values), size)]
    _mapped = (function, values)
    gc.freeze()  # (as for a Pool: the children's collections leave the inherited objects)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_rare_collections
        ) as pool:
            parts = [pool.submit(_map_part, *span) for span in spans]
            return [value for part in parts for value in part.result()]
    except KeyboardInterrupt:
        raise
    except Exception:
        return [function(value) for value in values]
    finally:
        _mapped = None
        gc.unfreeze()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class Pool:
    """Up to ``workers`` forked processes calling methods of ``renderer``; a context manager.

    The children are forked at the first call that is worth sharing and live until the pool
    is closed; :func:`run` falls back to this process when forking is not possible.
    """

    def __init__(self, renderer: Any, workers: int) -> None:
        self._renderer = renderer
        self._workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def run(
        self,
        method: str,
        calls: list[tuple[Any, ...]],
        arrangement: Arrangement | None = None,
        done: Callable[[Any], None] | None = None,
    ) -> list[Any]:
        """``renderer.method(*call)`` for each call, in call order, after
        ``renderer.set_order(*arrangement)`` where one is given; ``done`` is called with each
        result as it is taken (progress).

        If a worker fails in any way, every call is made again here, so that the error raised
        is the one a single process would raise, with its own type and message.
        """
        if self._workers < 2 or len(calls) < MIN_CALLS:
            return self._here(method, calls, arrangement, done)
        if self._executor is None and not _can_fork():  # (the pool's own thread is fine)
            return self._here(method, calls, arrangement, done)
        try:
            executor = self._start()
            futures = [executor.submit(_call, method, args, arrangement) for args in calls]
            results = []
            for future in futures:
                results.append(future.result())
                if done is not None:
                    done(results[-1])
            return results
        except KeyboardInterrupt:
            raise
        except Exception:  # redone in this process, which raises the real error
            self.close()
            self._workers = 1
            return self._here(method, calls, arrangement)  # no progress: it was reported

    def _here(
        self,
        method: str,
        calls: list[tuple[Any, ...]],
        arrangement: Arrangement | None,
        done: Callable[[Any], None] | None = None,
    ) -> list[Any]:
        if arrangement is not None:
            self._renderer.set_order(*arrangement)
        results = []
        for args in calls:
            results.append(getattr(self._renderer, method)(*args))
            if done is not None:
                done(results[-1])
        return results

    def _start(self) -> ProcessPoolExecutor:
        global _renderer, _arranged
        if self._executor is None:
            _renderer, _arranged = self._renderer, None  # what the children inherit
            # the parsed style and items move out of the collector's reach: a child's
            # collections then do not walk them (nor copy their pages by touching them)
            gc.freeze()
            context = multiprocessing.get_context("fork")
            self._executor = ProcessPoolExecutor(
                self._workers, mp_context=context, initializer=_rare_collections
            )
        return self._executor

    def close(self) -> None:
        """Stop the children (a no-op when none were started)."""
        global _renderer, _arranged
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
            gc.unfreeze()
        _renderer, _arranged = None, None
