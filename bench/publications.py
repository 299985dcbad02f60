"""The publication page and the Word output at growing sizes (issue 18; run by hand).

    PYTHONPATH=src python bench/publications.py                 # N = 48 (corpus), 1000, 5000
    PYTHONPATH=src python bench/publications.py --sizes 1000

For each N (the corpus, then ``bench/generate.py``'s records), one cold run in this process
(``cache=False``, ``workers=1``) of ``pantucci_bib.publications(records, "Pantucci")`` and of
the Word bytes of ``format --style publication-list`` (``listing.formatted_list``), best of
``--runs``; the page's size and the time per record, so that a path that is not linear in
records shows as a growing per-record figure. Results go to standard output (Markdown);
docs/publications.md quotes them. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pantucci_bib
from generate import generate
from pantucci_bib.publications.listing import formatted_list


def _best(runs: int, call) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    print(f"python {platform.python_version()}, {platform.machine()}, pantucci_bib "
          f"{pantucci_bib.__version__}; best of {args.runs}; cache=False, workers=1\n")
    print("| records | page s | page ms/record | page MB | docx s | docx ms/record |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    sets = [("corpus", list(pantucci_bib.corpus()))]
    sets += [(str(n), generate(n)) for n in args.sizes]
    for name, records in sets:
        page_s, page = _best(args.runs, lambda r=records: pantucci_bib.publications(
            r, "Pantucci", cache=False, workers=1))
        docx_s, _ = _best(args.runs, lambda r=records: formatted_list(
            r, "publication-list", output="docx", author="Pantucci", cache=False, workers=1))
        n = len(records)
        size = len(str(page).encode()) / 1e6
        label = f"{n} ({name})" if name == "corpus" else str(n)
        print(f"| {label} | {page_s:.2f} | {1000 * page_s / n:.2f} | {size:.2f} | "
              f"{docx_s:.2f} | {1000 * docx_s / n:.2f} |")


if __name__ == "__main__":
    main()
