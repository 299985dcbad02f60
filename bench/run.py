"""Time whole-process scenarios against the tools users would pick instead (run by hand).

    python bench/run.py [--sizes 100,1000,10000] [--runs 5]
                        [--format-sizes 100,1000,10000] [--format-runs 1]
                        [--import-pages 10,100] [--only SUBSTRING ...] [--list]

Each scenario of bench/scenarios.py runs as a fresh process, ``--runs`` times (formatting:
``--format-runs``); min and median wall time and the child's own peak RSS (``wait4``) are
reported. Every anchor (pybtex, bibtexparser, citation-js, citeproc-js, pandoc) runs in the same
invocation on the same data, so every ratio is taken in one run on one machine. Formatted entries
are compared with citeproc-js's and pandoc's; the count of identical entries is reported, and the
first differing pairs go to bench/last-results.disagreements.txt. Results: the Markdown report on
standard output and in bench/last-results.md, the figures in bench/last-results.json (read by
bench/plot.py). Never part of the test suite.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scenarios import BASELINE, GROUPS, JS_DIR, SCENARIOS, STYLES, Inputs, Scenario

HERE = Path(__file__).resolve().parent
CACHE_VARIABLE = "PANTUCCI_BIB_CACHE_DIR"
DEFAULT_SEEDS = Path(os.environ.get("PANTUCCI_BIB_SEEDS", "/work/shared/seeds"))
SHOWN_DIFFERENCES = 5  # differing entry pairs written per comparison


@dataclass
class Result:
    """The timings of one scenario at one size (seconds; peak RSS in MB)."""

    name: str
    group: str
    subject: str
    tool: str
    size: int
    runs: int
    min: float | None = None
    median: float | None = None
    rss_mb: float | None = None
    ratio: float | None = None  #: median / the baseline's median for the same subject and size
    error: str | None = None


@dataclass
class Agreement:
    """How many of pantucci_bib's formatted entries another engine formats identically."""

    subject: str
    size: int
    tool: str
    same: int
    total: int
    same_order: bool
    differences: list[tuple[str, str, str]] = field(default_factory=list)


class ScenarioFailed(Exception):
    pass


# --- running ---------------------------------------------------------------------------------


# The child is started by a small launcher process, not by this one: Linux carries the peak RSS
# of the memory a process had before exec() into its own figure, so a child forked from this
# process (which holds the generated records) would report at least this process's RSS. The
# launcher's own footprint (about 8 MB, measured on /bin/true) is below any real child's.
_LAUNCHER = """\
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(sys.argv[1], "w") as report:
    report.write(f"{elapsed} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def _run_once(
    argv: list[str], env: dict[str, str], stdout: Path | None, report: Path
) -> tuple[float, int]:
    """Wall time and peak RSS (kB) of one child process, as its launcher measured them."""
    launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(report), *argv]
    with (
        open(stdout or os.devnull, "wb") as out,  # noqa: PTH123 (os.devnull is a str)
        tempfile.TemporaryFile() as err,
    ):
        launched = subprocess.run(launcher, stdout=out, stderr=err, env=env, check=False)
        elapsed, rss, code = (
            report.read_text(encoding="utf-8").split() if launched.returncode == 0 else (0, 0, -1)
        )
        report.unlink(missing_ok=True)
        if int(code) != 0:
            err.seek(0)
            message = err.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise ScenarioFailed(f"exit {code}: " + " / ".join(message))
    return float(elapsed), int(rss)


class Runner:
    """Runs scenarios, keeping the cache directories a warm run needs and the outputs to compare."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.env = {k: v for k, v in os.environ.items() if k != CACHE_VARIABLE}
        self.warm_dirs: dict[tuple[str, int], Path] = {}
        self.outputs: dict[tuple[str, int], Path] = {}
        self._count = 0

    def _fresh(self, stem: str) -> Path:
        self._count += 1
        return self.tmp / f"{stem}-{self._count}"

    def run(self, scenario: Scenario, inputs: Inputs, runs: int) -> Result:
        result = Result(
            scenario.name, scenario.group, scenario.subject, scenario.tool, inputs.size, runs
        )
        out = self._fresh("out")
        argv = scenario.command(inputs, out)
        timings: list[float] = []
        peak_kb = 0
        try:
            for _ in range(runs):
                env = self._env(scenario, inputs, argv)
                elapsed, rss = _run_once(
                    argv, env, out if scenario.stdout else None, self.tmp / "report"
                )
                timings.append(elapsed)
                peak_kb = max(peak_kb, rss)
                if scenario.cache == "first run":
                    self.warm_dirs[(scenario.subject, inputs.size)] = Path(env[CACHE_VARIABLE])
        except ScenarioFailed as exc:
            result.error = str(exc)
            return result
        result.min, result.median = min(timings), statistics.median(timings)
        result.rss_mb = peak_kb / 1024
        self.outputs[(scenario.name, inputs.size)] = out
        return result

    def _env(self, scenario: Scenario, inputs: Inputs, argv: list[str]) -> dict[str, str]:
        if scenario.cache is None:
            return self.env
        if scenario.cache == "first run":
            directory = self._fresh("cache")
            directory.mkdir()
            return {**self.env, CACHE_VARIABLE: str(directory)}
        key = (scenario.subject, inputs.size)
        if key not in self.warm_dirs:  # the first-run scenario was not selected: fill one now
            directory = self._fresh("cache")
            directory.mkdir()
            _run_once(argv, {**self.env, CACHE_VARIABLE: str(directory)}, None, self.tmp / "report")
            self.warm_dirs[key] = directory
        return {**self.env, CACHE_VARIABLE: str(self.warm_dirs[key])}


# --- inputs ----------------------------------------------------------------------------------


def _locales() -> Path:
    from citeproc import LOCALES_PATH

    return Path(LOCALES_PATH)


def _styles() -> dict[str, Path]:
    from pantucci_bib.styles import resolve_style

    return {style: resolve_style(style).path for style in STYLES}


def _inputs(tmp: Path, size: int, pages: tuple[Path, ...] = ()) -> Inputs:
    """The files of ``size`` synthetic records (and the given archive pages)."""
    from generate import generate

    from pantucci_bib import emit
    from pantucci_bib.formats.native import dumps

    records = [] if pages else generate(size)
    stem = tmp / (f"pages-{size}" if pages else f"records-{size}")
    native, items, bib = (stem.with_suffix(suffix) for suffix in (".native.json", ".json", ".bib"))
    native.write_text(dumps(records), encoding="utf-8")
    items.write_text(emit(records, "csl-json"), encoding="utf-8")
    bib.write_text(emit(records, "biblatex"), encoding="utf-8")
    nocite = tmp / "nocite.md"
    nocite.write_text('---\nnocite: "[@*]"\n---\n', encoding="utf-8")
    return Inputs(size, native, items, bib, pages, nocite, _locales(), _styles())


def _pages(tmp: Path, seeds: list[Path], count: int) -> tuple[Path, ...]:
    """``count`` archive pages: the seed pages repeated, copied into a temporary directory."""
    directory = tmp / f"pages-{count}"
    directory.mkdir()  # the files of _inputs are pages-M.*, never this directory
    pages = []
    for index in range(count):
        seed = seeds[index % len(seeds)]
        page = directory / f"{index:04d}-{seed.name}"
        shutil.copyfile(seed, page)
        pages.append(page)
    return tuple(pages)


# --- agreement -------------------------------------------------------------------------------


def _normal(text: str, markup: bool) -> str:
    """``text`` with whitespace collapsed; HTML also without the block ``<div>`` wrappers
    (citeproc-js wraps each entry, and IEEE's two fields, in one) and with entities resolved
    (``&#38;`` and ``&amp;``), so that only the inline markup (``<i>``, ``<b>`` …) is compared."""
    if markup:
        text = html.unescape(re.sub(r"</?div[^>]*>", " ", text))
    return " ".join(text.split())


def _read_entries(path: Path, kind: str, markup: bool) -> list[tuple[str | None, str]]:
    text = path.read_text(encoding="utf-8")
    if kind == "entries":
        return [(entry["id"], _normal(entry["text"], markup)) for entry in json.loads(text)]
    # pandoc --to plain --wrap=none: one paragraph an entry
    return [(None, _normal(block, markup)) for block in re.split(r"\n\s*\n", text) if block.strip()]


def _agreement(
    subject: str, size: int, tool: str, ours: list[tuple[str | None, str]], theirs: list[Any]
) -> Agreement:
    total = max(len(ours), len(theirs))
    same_order = [text for _, text in ours] == [text for _, text in theirs]
    if theirs and theirs[0][0] is not None:  # keyed: compare entry by entry
        by_key = dict(theirs)
        pairs = [(key or "", text, by_key.get(key, "(missing)")) for key, text in ours]
        differences = [pair for pair in pairs if pair[1] != pair[2]]
        return Agreement(
            subject, size, tool, total - len(differences), total, same_order, differences
        )
    # pandoc's plain text has no keys: count the entries both have, wherever they are, and
    # pair the rest in order for the side file
    matched = Counter(text for _, text in ours) & Counter(text for _, text in theirs)
    same = sum(matched.values())
    left, right = Counter(matched), Counter(matched)
    only_ours = [(key or "", text) for key, text in ours if not _take(left, text)]
    only_theirs = [text for _, text in theirs if not _take(right, text)]
    differences = [(key, a, b) for (key, a), b in zip(only_ours, only_theirs, strict=False)]
    return Agreement(subject, size, tool, same, total, same_order, differences)


def _take(counter: Counter[str], text: str) -> bool:
    """Whether ``text`` is still in ``counter`` (and take it out)."""
    if counter[text] > 0:
        counter[text] -= 1
        return True
    return False


def _compare(runner: Runner, scenarios: list[Scenario], size: int) -> list[Agreement]:
    """pantucci_bib's first-run entries against every other output of the same subject."""
    found: list[Agreement] = []
    for base in scenarios:
        if base.cache != "first run" or (base.name, size) not in runner.outputs:
            continue
        markup = base.subject.endswith(" html")
        ours = _read_entries(runner.outputs[(base.name, size)], "entries", markup)
        for other in scenarios:
            path = runner.outputs.get((other.name, size))
            if other.subject != base.subject or other is base or not other.entries or not path:
                continue
            tool = f"{other.tool}, {other.cache}" if other.cache else other.tool
            theirs = _read_entries(path, other.entries, markup)
            found.append(_agreement(base.subject, size, tool, ours, theirs))
    return found


# --- machine ---------------------------------------------------------------------------------


def _version(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "absent"
    return out.strip().splitlines()[0] if out.strip() else "?"


def _cpu_model() -> str:
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, flags=re.M)
    return match.group(1).strip() if match else "unknown"


def _npm_versions() -> dict[str, str]:
    versions = {}
    wanted = json.loads((JS_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]
    for name in wanted:
        manifest = JS_DIR / "node_modules" / name / "package.json"
        if manifest.is_file():
            versions[name] = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    return versions


def machine() -> dict[str, Any]:
    import bibtexparser
    import citeproc
    import pybtex

    import pantucci_bib

    return {
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "node": _version(["node", "--version"]),
        "pandoc": _version(["pandoc", "--version"]).removeprefix("pandoc "),
        "pantucci_bib": pantucci_bib.__version__,
        "git": _version(["git", "-C", str(HERE), "describe", "--always", "--dirty"]),
        "pybtex": pybtex.__version__,
        "bibtexparser": bibtexparser.__version__,
        "citeproc-py": getattr(citeproc, "__version__", "?"),
        "npm": _npm_versions(),
    }


# --- report ----------------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def _ratios(results: list[Result]) -> None:
    baseline = {
        (r.subject, r.size): r.median
        for r in results
        if r.tool == BASELINE and r.median and not r.name.endswith(", warm)")
    }
    for r in results:
        base = baseline.get((r.subject, r.size))
        if r.median and base:
            r.ratio = r.median / base


def growth(results: list[Result]) -> dict[str, float]:
    """time(10k) / time(1k) per scenario measured at both sizes."""
    by_name: dict[str, dict[int, float]] = {}
    for r in results:
        if r.median:
            by_name.setdefault(r.name, {})[r.size] = r.median
    return {
        name: sizes[10000] / sizes[1000]
        for name, sizes in by_name.items()
        if 1000 in sizes and 10000 in sizes
    }


def _find(results: list[Result], name: str, size: int | None = None) -> Result | None:
    found = [r for r in results if r.name == name and r.median and size in (None, r.size)]
    return max(found, key=lambda r: r.size) if found else None


def targets(results: list[Result], agreements: list[Agreement]) -> list[tuple[str, str, str]]:
    """(target, measured, met / not met / not measured) for the targets of issue 6."""
    rows: list[tuple[str, str, str]] = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "not met"

    imported = _find(results, "import pantucci_bib (pantucci_bib)")
    bare = _find(results, "import pantucci_bib (bare interpreter)")
    if imported and bare:  # the import itself: the process less the interpreter's start-up
        cost = imported.median - bare.median
        rows.append(
            (
                "import ≤ 50 ms",
                f"{cost * 1000:.0f} ms ({imported.median * 1000:.0f} ms process, "
                f"{bare.median * 1000:.0f} ms bare interpreter)",
                verdict(cost <= 0.05),
            )
        )
    for target in ("bibtex", "csl-json"):
        ours = _find(results, f"export {target} (pantucci_bib)", 10000)
        if not ours or ours.median is None:
            rows.append((f"export 10k to {target} ≤ 0.5 s", "—", "not measured"))
            continue
        anchors = [
            _find(results, f"export bibtex ({tool})", 10000) for tool in ("pybtex", "bibtexparser")
        ]
        slowest_anchor = min((a.median for a in anchors if a and a.median), default=None)
        faster = slowest_anchor is None or ours.median < slowest_anchor
        measured = f"{ours.median:.2f} s" + (
            f"; pybtex/bibtexparser writers ≥ {slowest_anchor:.2f} s" if slowest_anchor else ""
        )
        rows.append(
            (
                f"export 10k to {target} ≤ 0.5 s, faster than pybtex and bibtexparser",
                measured,
                verdict(ours.median <= 0.5 and faster),
            )
        )
    subject = "format chicago-author-date text"
    ours = _find(results, f"{subject} (pantucci_bib, first run)")
    if ours and ours.median:
        others = [
            _find(results, f"{subject} ({tool})", ours.size) for tool in ("citeproc-js", "pandoc")
        ]
        fastest = min((o.median for o in others if o and o.median), default=None)
        same = [a for a in agreements if a.subject == subject and a.size == ours.size]
        identical = all(a.same == a.total for a in same if a.tool == "citeproc-js")
        measured = f"N={ours.size}: {ours.median:.2f} s" + (
            f" vs {fastest:.2f} s (×{fastest / ours.median:.2f})" if fastest else ""
        )
        status = verdict(bool(fastest) and fastest / ours.median >= 2 and identical)
        if ours.size != 10000:
            status = f"not measured at 10k ({status} at {ours.size})"
        rows.append(
            (
                "format 10k chicago-author-date ≥ 2× faster than citeproc-js/pandoc, identical",
                measured,
                status,
            )
        )
    ours_growth = {n: g for n, g in growth(results).items() if f"({BASELINE}" in n}
    if ours_growth:
        worst = max(ours_growth, key=ours_growth.__getitem__)
        rows.append(
            (
                "growth time(10k)/time(1k) ≤ 11",
                f"worst {ours_growth[worst]:.1f} ({worst})",
                verdict(ours_growth[worst] <= 11),
            )
        )
    at_10k = [r for r in results if r.size == 10000 and r.tool == BASELINE and r.rss_mb]
    if at_10k:
        worst_rss = max(at_10k, key=lambda r: r.rss_mb or 0)
        rows.append(
            (
                "peak RSS ≤ 200 MB at 10k",
                f"worst {worst_rss.rss_mb:.0f} MB ({worst_rss.name})",
                verdict((worst_rss.rss_mb or 0) <= 200),
            )
        )
    return rows


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def markdown(
    info: dict[str, Any],
    settings: dict[str, Any],
    results: list[Result],
    agreements: list[Agreement],
) -> str:
    lines = [
        "| machine | |",
        "| --- | --- |",
        f"| platform | {info['platform']} |",
        f"| CPU | {info['cpu']} ({info['cores']} cores) |",
        f"| Python | {info['python']} |",
        f"| node | {info['node']} |",
        f"| pandoc | {info['pandoc']} |",
        "| libraries | "
        + ", ".join(
            [f"pantucci_bib {info['pantucci_bib']} ({info['git']})"]
            + [f"{name} {info[name]}" for name in ("pybtex", "bibtexparser", "citeproc-py")]
            + [f"{name} {version}" for name, version in info["npm"].items()]
        )
        + " |",
        "",
        f"Runs per scenario: {settings['runs']} (formatting: {settings['format_runs']}). "
        "Times in seconds (min and median of the runs, whole process); × is the median "
        "divided by pantucci_bib's (first run) for the same task and N; peak RSS of the "
        "process in MB.",
    ]
    for group in GROUPS:
        rows = [r for r in results if r.group == group]
        if not rows:
            continue
        unit = {"import": "pages", "startup": ""}.get(group, "records")
        lines += ["", f"**{group}**", ""]
        lines += [f"| task | tool | N {unit} | min | median | × | peak RSS |".replace("  ", " ")]
        lines += ["| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        for r in sorted(rows, key=lambda r: (r.subject, r.size)):
            tool = r.name[len(r.subject) + 2 : -1]
            if r.error:
                lines.append(
                    f"| {r.subject} | {tool} | {r.size or '—'} | failed: {r.error} | | | |"
                )
                continue
            ratio = "—" if r.ratio is None else f"{r.ratio:.2f}"
            lines.append(
                f"| {r.subject} | {tool} | {r.size or '—'} | {_seconds(r.min)} "
                f"| {_seconds(r.median)} | {ratio} | {r.rss_mb:.0f} |"
            )
    if agreements:
        lines += ["", "**identical formatted entries** (pantucci_bib first run against)", ""]
        lines += [
            "| task | N | against | identical | same order |",
            "| --- | ---: | --- | ---: | --- |",
        ]
        for a in agreements:
            order = "yes" if a.same_order else "no"
            lines.append(f"| {a.subject} | {a.size} | {a.tool} | {a.same}/{a.total} | {order} |")
    grown = growth(results)
    if grown:
        lines += ["", "**growth** time(10k) / time(1k)", ""]
        lines += ["| scenario | growth |", "| --- | ---: |"]
        lines += [f"| {name} | {value:.1f} |" for name, value in grown.items()]
    rows = targets(results, agreements)
    if rows:
        lines += [
            "",
            "**targets of issue 6**",
            "",
            "| target | measured | |",
            "| --- | --- | --- |",
        ]
        lines += [f"| {target} | {measured} | {status} |" for target, measured, status in rows]
    return "\n".join(lines) + "\n"


def _differences(agreements: list[Agreement]) -> str:
    out = []
    for a in agreements:
        if not a.differences:
            continue
        out.append(f"## {a.subject}, N={a.size}: pantucci_bib vs {a.tool} ({a.same}/{a.total})\n")
        for key, ours, theirs in a.differences[:SHOWN_DIFFERENCES]:
            out.append(f"{key}\n  pantucci_bib: {ours}\n  {a.tool + ':':13} {theirs}\n")
    return "\n".join(out) or "No differences.\n"


# --- main ------------------------------------------------------------------------------------


def _available(scenario: Scenario, seeds: list[Path]) -> str | None:
    """Why ``scenario`` cannot run here, or None."""
    if scenario.needs == "node":
        if not shutil.which("node"):
            return "node not found"
        if not (JS_DIR / "node_modules").is_dir():
            return "bench/js/node_modules missing: npm install --prefix bench/js"
    if scenario.needs == "pandoc" and not shutil.which("pandoc"):
        return "pandoc not found"
    if scenario.needs == "seeds" and not seeds:
        return "no seed pages (--seeds)"
    return None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100,1000,10000", help="N for export and read")
    parser.add_argument("--runs", type=int, default=5, help="runs of each scenario")
    parser.add_argument("--format-sizes", default="100,1000,10000", help="N for formatting")
    parser.add_argument("--format-runs", type=int, default=1, help="runs of each format scenario")
    parser.add_argument("--import-pages", default="10,100", help="synthetic page counts M")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="seed archive pages")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="SUBSTRING",
        help="run only scenarios whose name contains SUBSTRING (repeatable)",
    )
    parser.add_argument("--list", action="store_true", help="list the scenario names and exit")
    parser.add_argument(
        "--results",
        type=Path,
        default=HERE / "last-results.json",
        help="the JSON figures; the report (.md) and differences (.disagreements.txt) go beside",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    selected = [s for s in SCENARIOS if not args.only or any(o in s.name for o in args.only)]
    if args.list:
        print("\n".join(s.name for s in selected))
        return
    seeds = sorted(p for p in args.seeds.glob("*") if p.is_file()) if args.seeds.is_dir() else []
    runnable = []
    for scenario in selected:
        reason = _available(scenario, seeds)
        if reason:
            print(f"skipped: {scenario.name}: {reason}", file=sys.stderr)
        else:
            runnable.append(scenario)
    sizes = {
        "startup": [0],
        "export": _sizes(args.sizes),
        "read": _sizes(args.sizes),
        "import": [len(seeds), *_sizes(args.import_pages)] if seeds else [],
        "format": _sizes(args.format_sizes),
    }
    settings = {**{k: str(v) for k, v in vars(args).items()}, "runs": args.runs}
    settings["format_runs"] = args.format_runs
    info = machine()
    results: list[Result] = []
    agreements: list[Agreement] = []
    with tempfile.TemporaryDirectory(prefix="pantucci-bench-") as name:
        tmp = Path(name)
        runner = Runner(tmp)
        inputs: dict[int, Inputs] = {}
        for group in GROUPS:
            scenarios = [s for s in runnable if s.group == group]
            if not scenarios:
                continue
            runs = args.format_runs if group == "format" else args.runs
            for size in sizes[group]:
                if group == "import":
                    pages = tuple(seeds) if size == len(seeds) else _pages(tmp, seeds, size)
                    data = _inputs(tmp, size, pages)
                else:
                    if size not in inputs:
                        inputs[size] = _inputs(tmp, size)
                    data = inputs[size]
                for scenario in scenarios:
                    result = runner.run(scenario, data, runs)
                    results.append(result)
                    status = result.error or f"median {result.median:.3f} s, {result.rss_mb:.0f} MB"
                    print(f"{scenario.name} N={size}: {status}", file=sys.stderr, flush=True)
                if group == "format":
                    agreements += _compare(runner, scenarios, size)
    _ratios(results)
    report = markdown(info, settings, results, agreements)
    print(report)
    for name, value in growth(results).items():
        print(f"growth {name}: {value:.1f}", file=sys.stderr)
    for r in results:
        if r.size == 10000 and r.rss_mb:
            print(f"peak RSS at 10k {r.name}: {r.rss_mb:.0f} MB", file=sys.stderr)
    args.results.with_suffix(".md").write_text(report, encoding="utf-8")
    args.results.with_suffix(".disagreements.txt").write_text(
        _differences(agreements), encoding="utf-8"
    )
    document = {
        "machine": info,
        "settings": settings,
        "results": [asdict(r) for r in results],
        "agreement": [
            {k: v for k, v in asdict(a).items() if k != "differences"} for a in agreements
        ],
        "growth": growth(results),
        "targets": [list(row) for row in targets(results, agreements)],
    }
    args.results.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
