"""Sharing rendering work between processes: forked workers that inherit the parsed style.

citeproc-py is pure Python, so threads do not help; a forked child starts with the parent's
parsed style and renderer already in memory, and only the call arguments and the results (short
strings) cross between processes. Forking is used only where it is safe and pays: on platforms
that have it, in a process without other threads, and for enough work.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any

__all__ = ["MIN_CALLS", "run"]

#: Fewer calls than this are made in this process (a fork costs more than they save).
MIN_CALLS = 4

_renderer: Any = None  # the renderer forked children call (set only while a pool runs)


def _call(method: str, args: tuple[Any, ...]) -> Any:
    return getattr(_renderer, method)(*args)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def run(renderer: Any, method: str, calls: list[tuple[Any, ...]], workers: int) -> list[Any]:
    """``getattr(renderer, method)(*call)`` for each call, in call order.

    With ``workers`` > 1 the calls are shared among that many forked processes; if a worker
    fails in any way, every call is made again here, so that the error raised is the one a
    single process would raise, with its own type and message.
    """
    global _renderer
    if workers < 2 or len(calls) < MIN_CALLS or not _can_fork():
        return [getattr(renderer, method)(*args) for args in calls]
    _renderer = renderer
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(calls)), mp_context=context) as pool:
            futures = [pool.submit(_call, method, args) for args in calls]
            return [future.result() for future in futures]
    except KeyboardInterrupt:
        raise
    except Exception:  # redone in this process, which raises the real error
        return [getattr(renderer, method)(*args) for args in calls]
    finally:
        _renderer = None
