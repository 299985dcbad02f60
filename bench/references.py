"""Parsing 10,000 reference strings with parse_references (issue 19; run by hand).

    python bench/references.py                 # N = 10000, best of 3, pinned to one core
    python bench/references.py --n 2000 --runs 1
    python bench/references.py --below 0.85    # the second pass's threshold (SECOND_BELOW)

The strings are AnyStyle's labelled references (``../shared/anystyle``, or
``$PANTUCCI_BIB_ANYSTYLE``), every one in file order, repeated until there are N. Each run
is one call of ``parse_references`` on the list (records, keys, per-field confidence from
the CRF marginals) and one on the same references as one newline-separated text (the list
splitter too), in this process, after a first call that loads the model. The process is
pinned to one CPU where the platform allows it; wall and CPU time are both reported (on a
shared machine the CPU time is the steadier figure). The per-token feature caches are emptied
before each call; within a call, a string seen again (N > the 5,873 distinct strings) hits
them, so the run on the distinct strings alone is reported too. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from pantucci_bib.endnotes import anystyle, features, labeller
from pantucci_bib.endnotes.references import parse_references


def _cold() -> None:
    """Empty the per-token feature caches, so that a run starts as a new process would."""
    for cached in (features.word, features._shape, features._own, features._token):
        cached.cache_clear()
    features._ends_chunk.cache_clear()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--below", type=float, help="second pass below this marginal (labeller.SECOND_BELOW)"
    )
    args = parser.parse_args()
    if args.below is not None:
        labeller.SECOND_BELOW = args.below
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    folder = anystyle.data_dir()
    if folder is None:
        print("AnyStyle data not found (set PANTUCCI_BIB_ANYSTYLE)", file=sys.stderr)
        return 2
    strings = [r.text for r in anystyle.read(folder)]
    refs = [strings[i % len(strings)] for i in range(args.n)]
    tokens = sum(len(r.split()) for r in refs)
    parse_references(refs[:10])  # loads the model
    best_list = best_text = best_distinct = float("inf")
    cpu_list = cpu_text = cpu_distinct = float("inf")
    for _ in range(args.runs):
        _cold()
        start, cpu = time.perf_counter(), time.process_time()
        result = parse_references(refs)
        best_list = min(best_list, time.perf_counter() - start)
        cpu_list = min(cpu_list, time.process_time() - cpu)
        _cold()
        start, cpu = time.perf_counter(), time.process_time()
        joined = parse_references("\n".join(refs))
        best_text = min(best_text, time.perf_counter() - start)
        cpu_text = min(cpu_text, time.process_time() - cpu)
        _cold()
        start, cpu = time.perf_counter(), time.process_time()
        parse_references(strings)
        best_distinct = min(best_distinct, time.perf_counter() - start)
        cpu_distinct = min(cpu_distinct, time.process_time() - cpu)
    assert len(result.records) == len(joined.records) == args.n
    print(f"python {platform.python_version()}, {platform.machine()}, one core")
    print(f"{args.n} references, {tokens} tokens; best of {args.runs}")
    print("wall time (CPU time of the process)")
    print(f"list of strings: {best_list:.2f} s ({cpu_list:.2f} s)")
    print(f"one text:        {best_text:.2f} s ({cpu_text:.2f} s)")
    print(f"{len(strings)} distinct strings: {best_distinct:.2f} s ({cpu_distinct:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
