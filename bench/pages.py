"""Time ``import`` of many archive pages, and of one page with many posts (run by hand).

    python bench/pages.py                     # pages 10..200, posts 25..800: about a minute
    python bench/pages.py --sizes 10,100 --runs 1

The pages are the hand-written fixtures of tests/fixtures/unseen (text and HTML), copied with
every headline made unique (``"<title> <n>"``), so that no two posts merge as reposts. Series
*pages*: ``extract_many`` of N such pages; series *posts*: ``extract`` of one category page made
of N posts (the text fixture's posts repeated, headlines unique). Each measurement is a fresh
child process that imports pantucci_bib, reads the files (outside the timing) and times the
extraction with ``time.perf_counter``; best of ``--runs`` (3). Linear means the time per page
(per post) stays flat as N grows. Results: Markdown on standard output and in
``bench/results/pages-<date>.md``. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {src!r})
import pantucci_bib
paths = [Path(p) for p in {paths!r}]
texts = [p.read_text(encoding="utf-8") for p in paths]
start = time.perf_counter()
if {one!r}:
    result = pantucci_bib.extract(paths[0])
else:
    result = pantucci_bib.extract_many(paths)
print(time.perf_counter() - start, len(result.records))
"""


def _pages() -> list[tuple[str, str, list[str]]]:
    """(file name, text, titles) of every fixture page with expectations."""
    out = []
    for spec_file in sorted(UNSEEN.glob("*.expected.json")):
        spec = json.loads(spec_file.read_text(encoding="utf-8"))
        titles = [r["title"] for r in spec["records"] if r["title"]]
        for name in [spec["page"], *([spec["same_as"]] if "same_as" in spec else [])]:
            out.append((name, (UNSEEN / name).read_text(encoding="utf-8"), titles))
    return out


def _unique(text: str, titles: list[str], number: int) -> str:
    for title in titles:
        text = text.replace(title, f"{title} {number}")
    return text


def write_pages(folder: Path, count: int) -> list[str]:
    pages = _pages()
    paths = []
    for number in range(count):
        name, text, titles = pages[number % len(pages)]
        path = folder / f"{number:04d}_{name}"
        path.write_text(_unique(text, titles, number), encoding="utf-8")
        paths.append(str(path))
    return paths


def write_long_page(folder: Path, posts: int) -> str:
    text = (UNSEEN / "category_corridors.txt").read_text(encoding="utf-8")
    spec = json.loads((UNSEEN / "category_corridors.expected.json").read_text(encoding="utf-8"))
    titles = [r["title"] for r in spec["records"] if r["title"]]
    header, _sep, body = text.partition("\n\n")
    per = len(spec["records"])
    parts = [header]
    parts.extend(_unique(body, titles, n) for n in range(max(1, posts // per)))
    path = folder / f"long_{posts}.txt"
    path.write_text("\n\n\n".join(parts), encoding="utf-8")
    return str(path)


def measure(paths: list[str], *, one: bool, runs: int) -> tuple[float, int]:
    code = CHILD.format(src=str(ROOT / "src"), paths=paths, one=one)
    best = float("inf")
    records = 0
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        seconds, count = done.stdout.split()
        best = min(best, float(seconds))
        records = int(count)
    return best, records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,25,50,100,200", help="page counts")
    parser.add_argument("--posts", default="25,100,200,400,800", help="posts on one page")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    lines = [
        f"# import of archive pages, {datetime.date.today().isoformat()}",
        "",
        f"python {sys.version.split()[0]}; best of {args.runs}; `python bench/pages.py`",
        "",
        "| series | N | records | seconds | ms per page or post |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            seconds, records = measure(write_pages(folder, size), one=False, runs=args.runs)
            lines.append(
                f"| pages | {size} | {records} | {seconds:.3f} | {1000 * seconds / size:.1f} |"
            )
            print(lines[-1], flush=True)
        for posts in (int(s) for s in args.posts.split(",")):
            path = write_long_page(folder, posts)
            seconds, records = measure([path], one=True, runs=args.runs)
            lines.append(
                f"| posts on one page | {records} | {records} | {seconds:.3f} | "
                f"{1000 * seconds / max(records, 1):.2f} |"
            )
            print(lines[-1], flush=True)
    report = "\n".join(lines) + "\n"
    out = ROOT / "bench" / "results" / f"pages-{datetime.date.today().isoformat()}.md"
    out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
