"""Time whole-process scenarios against the tools users would pick instead (run by hand).

    python bench/run.py [--sizes 100,1000,10000] [--runs 5] > docs/performance-results.md

Each scenario runs as a fresh Python process, ``--runs`` times; min and median wall time and the
peak RSS of the child are reported, and each anchor runs in the same invocation on the same data,
so every ratio is taken in one run on one machine. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

SCENARIOS: dict[str, str] = {
    "import pantucci_bib": "import pantucci_bib",
    "pantucci-bib --help": (
        "import sys; sys.argv=['pantucci-bib','--help']\n"
        "from pantucci_bib.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
    ),
    "export bibtex (pantucci_bib)": (
        "from pantucci_bib import native, emit\n"
        "records = native.loads(open(DATA).read())\nOUT.write_text(emit(records, 'bibtex'))"
    ),
    "export biblatex (pantucci_bib)": (
        "from pantucci_bib import native, emit\n"
        "records = native.loads(open(DATA).read())\nOUT.write_text(emit(records, 'biblatex'))"
    ),
    "export csl-json (pantucci_bib)": (
        "from pantucci_bib import native, emit\n"
        "records = native.loads(open(DATA).read())\nOUT.write_text(emit(records, 'csl-json'))"
    ),
    "export bibtex (pybtex writer)": (
        "from pybtex.database import parse_file\n"
        "data = parse_file(str(BIB))\nOUT.write_text(data.to_string('bibtex'))"
    ),
    "export bibtex (bibtexparser writer)": (
        "import bibtexparser\nlib = bibtexparser.parse_file(str(BIB))\n"
        "OUT.write_text(bibtexparser.write_string(lib))"
    ),
    "read .bib (pybtex)": "from pybtex.database import parse_file\nparse_file(str(BIB))",
    "read .bib (bibtexparser)": "import bibtexparser\nbibtexparser.parse_file(str(BIB))",
}


# the child reports its own peak RSS (kB on Linux) as its last line on stderr
_REPORT_RSS = (
    "\nimport resource, sys\n"
    "sys.stderr.write(f'RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')\n"
)


def _time_child(code: str, env_code: str, runs: int) -> tuple[float, float, int]:
    timings: list[float] = []
    peak_kb = 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", env_code + code + _REPORT_RSS],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        timings.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"scenario failed: {code!r}\n{proc.stderr}")
        peak_kb = max(peak_kb, int(proc.stderr.rsplit("RSS ", 1)[1]))
    return min(timings), statistics.median(timings), peak_kb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import generate

    from pantucci_bib import emit
    from pantucci_bib.native import dumps

    print(
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{args.runs} runs per scenario; times in seconds (min / median), peak RSS in MB.\n"
    )
    print("| scenario | N | min | median | peak RSS |")
    print("| --- | --- | --- | --- | --- |")
    results: dict[str, dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            records = generate(size)
            data = Path(tmp) / f"records-{size}.json"
            bib = Path(tmp) / f"records-{size}.bib"
            data.write_text(dumps(records), encoding="utf-8")
            bib.write_text(emit(records, "biblatex"), encoding="utf-8")
            env = (
                "from pathlib import Path\n"
                f"DATA = {str(data)!r}\nBIB = Path({str(bib)!r})\n"
                f"OUT = Path({str(Path(tmp) / 'out.txt')!r})\n"
            )
            for name, code in SCENARIOS.items():
                if name.startswith(("import", "pantucci-bib --help")) and size != 100:
                    continue
                low, median, peak = _time_child(code, env, args.runs)
                results.setdefault(name, {})[size] = median
                print(f"| {name} | {size} | {low:.3f} | {median:.3f} | {peak / 1024:.0f} |")
    print("\nGrowth time(10k)/time(1k):")
    for name, by_size in results.items():
        if 1000 in by_size and 10000 in by_size:
            print(f"- {name}: {by_size[10000] / by_size[1000]:.1f}")
    (HERE / "last-results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
