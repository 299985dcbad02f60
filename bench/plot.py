"""Draw bench/last-results.json (written by bench/run.py): time against N, log-log.

    python bench/plot.py [--results bench/last-results.json] [--output docs/_static/performance.png]

One panel per scenario group (export, read, and formatting as text and as HTML); a colour per
tool, a line style per task. Needs matplotlib (``pip install -e ".[bench]"``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STYLES = ["-", "--", ":", "-."]
MARKERS = ["o", "s", "^", "D"]

Row = dict[str, Any]
#: (panel title, which rows it shows)
PANELS: list[tuple[str, Callable[[Row], bool]]] = [
    ("export N records", lambda row: row["group"] == "export"),
    ("read a .bib of N entries", lambda row: row["group"] == "read"),
    ("format N records (text)", lambda row: row["subject"].endswith(" text")),
    ("format N records (HTML)", lambda row: row["subject"].endswith(" html")),
]


def _tool(row: Row) -> str:
    return str(row["name"][len(row["subject"]) + 2 : -1])


def _task(row: Row) -> str:
    return str(row["subject"]).removeprefix("format ").removesuffix(" text").removesuffix(" html")


def plot(document: dict[str, Any], output: Path) -> None:
    rows = [row for row in document["results"] if row["median"] and row["size"]]
    tools = sorted({_tool(row) for row in rows}, key=lambda t: (not t.startswith("pantucci"), t))
    colours = {tool: f"C{index}" for index, tool in enumerate(tools)}
    figure, axes = plt.subplots(2, 2, figsize=(12, 9), constrained_layout=True)
    for axis, (title, wanted) in zip(axes.flat, PANELS, strict=True):
        shown = [row for row in rows if wanted(row)]
        tasks = sorted({_task(row) for row in shown})
        for name in sorted({row["name"] for row in shown}):
            series = sorted((row for row in shown if row["name"] == name), key=lambda r: r["size"])
            first = series[0]
            index = tasks.index(_task(first)) % len(STYLES)
            axis.plot(
                [row["size"] for row in series],
                [row["median"] for row in series],
                color=colours[_tool(first)],
                linestyle=STYLES[index],
                marker=MARKERS[index],
                label=f"{_task(first)} ({_tool(first)})",
            )
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_title(title)
        axis.set_xlabel("N")
        axis.set_ylabel("median wall time, whole process (s)")
        axis.grid(True, which="both", alpha=0.3)
        if shown:
            axis.legend(fontsize="x-small")
    info = document["machine"]
    figure.suptitle(
        f"pantucci_bib {info['pantucci_bib']} ({info['git']}) — {info['cpu']}, "
        f"Python {info['python']}, node {info['node']}, pandoc {info['pandoc']}",
        fontsize="small",
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(output, dpi=100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--results", type=Path, default=HERE / "last-results.json")
    parser.add_argument(
        "--output", type=Path, default=ROOT / "docs" / "_static" / "performance.png"
    )
    args = parser.parse_args()
    plot(json.loads(args.results.read_text(encoding="utf-8")), args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
