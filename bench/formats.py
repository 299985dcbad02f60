"""Time reading and writing every file format, key assignment and merging (run by hand).

    python bench/formats.py                       # N = 1000, 10000, 100000: several minutes
    python bench/formats.py --sizes 1000,10000    # quick iteration
    python bench/formats.py --sizes 1000 --only read --out-dir /tmp/b
    python bench/formats.py --from-json bench/results/formats-DATE.json   # the report again

Every measurement is one fresh child process (``python bench/formats.py --child …``), started
through a small launcher as in bench/run.py so that the child's peak RSS (``wait4``) is its own
and not this process's. The child imports pantucci_bib (timed), prepares its input outside the
timing, then times one operation with ``time.perf_counter``:

* **read**: ``pantucci_bib.loads(text, fmt)`` for bibtex, biblatex, csl-json and ris, and
  ``pantucci_bib.formats.native.loads(text)`` for the native JSON (``loads`` has no ``json``
  reader); **write**: ``pantucci_bib.emit(records, fmt)`` for all five, from records read
  from the native JSON. Best of ``--runs`` children (default 3) for N ≤ 10000, one at larger N.
* **memory**: bytes per record held after ``loads`` of the CSL-JSON file at the largest N, by
  tracemalloc (objects allocated during ``loads`` and still alive) and, in another child, by the
  growth of the resident set across ``loads`` (an upper bound: freed arenas stay resident).
* **peers** at ``--peer-size`` (10000), where installed: ``pandoc -f csljson -t csljson`` and
  ``pandoc -f biblatex -t csljson`` (whole process), bibtexparser v2 ``parse_string`` and pybtex
  ``parse_string`` on the .bib files, and pantucci_bib's own read (and whole conversion) beside
  them.
* **keys and merge**: ``assign_keys`` on N records sharing one base key (same first author,
  title and year), and ``merge(incoming, base)`` of N incoming records whose keys all equal
  base keys (different works whose keys all share one base, so every one is rekeyed), at 1000
  and 10000.

Inputs: ``python bench/generate.py N`` writes the native JSON, converted once per size (outside
any timing) with ``pantucci_bib.formats.registry.emit`` to each format's file. Each child is
killed after ``--timeout`` seconds (600) and reported as a timeout. Results: a Markdown report on
standard output and in ``bench/results/formats-<date>.md``, the raw figures in
``bench/results/formats-<date>.json``. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
#: Formats read and written, and the suffix of each one's input file.
FORMATS = {
    "bibtex": ".bibtex.bib",
    "biblatex": ".biblatex.bib",
    "csl-json": ".csl.json",
    "ris": ".ris",
    "json": ".native.json",
}
GROWTH_TARGET = 11.0  #: at most this factor per tenfold N
MEMORY_TARGET = 3 * 1024  #: bytes per record held in the model
BIG = 10000  #: above this N, one run instead of ``--runs``


# --- children ----------------------------------------------------------------------------------
# Each prints one JSON object: {"seconds": the timed operation, "import": import pantucci_bib,
# and whatever else it checks}.


def _import() -> float:
    start = time.perf_counter()
    import pantucci_bib  # noqa: F401

    return time.perf_counter() - start


def _read_native(path: str) -> list[Any]:
    from pantucci_bib.formats import native

    return native.loads(Path(path).read_text(encoding="utf-8"))


def _child_read(fmt: str, path: str) -> dict[str, Any]:
    imported = _import()
    import pantucci_bib
    from pantucci_bib.formats import native

    text = Path(path).read_text(encoding="utf-8")
    start = time.perf_counter()
    if fmt == "json":
        records = native.loads(text)
        problems = 0
    else:
        result = pantucci_bib.loads(text, fmt)
        records, problems = list(result.records), len(result.problems)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "import": imported, "records": len(records), "problems": problems}


def _child_write(fmt: str, path: str) -> dict[str, Any]:
    imported = _import()
    import pantucci_bib

    records = _read_native(path)
    start = time.perf_counter()
    text = pantucci_bib.emit(records, fmt)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "import": imported, "records": len(records), "chars": len(text)}


def _child_convert(source: str, target: str, path: str) -> dict[str, Any]:
    """Read and write, as pandoc does: the pantucci_bib equivalent of a pandoc conversion."""
    imported = _import()
    import pantucci_bib

    text = Path(path).read_text(encoding="utf-8")
    start = time.perf_counter()
    records = pantucci_bib.loads(text, source).records
    out = pantucci_bib.emit(records, target)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "import": imported, "records": len(records), "chars": len(out)}


def _rss_bytes() -> int:
    pages = int(Path("/proc/self/statm").read_text(encoding="utf-8").split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def _child_memory(method: str, fmt: str, path: str) -> dict[str, Any]:
    import gc
    import tracemalloc

    imported = _import()
    import pantucci_bib

    text = Path(path).read_text(encoding="utf-8")
    first, _ = json.JSONDecoder().raw_decode(text, text.index("{"))  # CSL-JSON: one item
    pantucci_bib.loads(json.dumps([first]), fmt)
    del first
    gc.collect()  # the reader's own imports and caches are warmed on one record, not counted
    before = _rss_bytes()
    if method == "tracemalloc":
        tracemalloc.start()
    result = pantucci_bib.loads(text, fmt)
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] if method == "tracemalloc" else _rss_bytes() - before
    count = len(result.records)
    return {
        "seconds": 0.0,
        "import": imported,
        "records": count,
        "bytes": held,
        "bytes_per_record": held / count if count else None,
    }


def _same_base_records(count: int, title: str, year: int = 2020) -> list[Any]:
    from pantucci_bib import PartialDate, Person, Record, RecordType

    author = [Person(family="Pantucci", given="Raffaello")]
    return [
        Record(
            key="tmp",
            type=RecordType.ARTICLE_NEWSPAPER,
            title=title.format(index=index),
            author=author,
            container_title="South China Morning Post",
            issued=PartialDate(year),
        )
        for index in range(count)
    ]


def _child_keys(count: str) -> dict[str, Any]:
    imported = _import()
    from pantucci_bib import assign_keys

    records = _same_base_records(int(count), "China and Russia in Central Asia")
    start = time.perf_counter()
    keys = assign_keys(records)
    seconds = time.perf_counter() - start
    assert len(set(keys)) == len(records), "keys not unique"
    return {"seconds": seconds, "import": imported, "records": len(keys), "last": keys[-1]}


def _child_merge(count: str) -> dict[str, Any]:
    imported = _import()
    import attrs

    from pantucci_bib import assign_keys, merge

    # one base key for all (pantucciChinaRussiaCentral2020…), different works (full titles)
    base = _same_base_records(int(count), "China Russia Central Asia, base piece {index}")
    base = [attrs.evolve(r, key=k) for r, k in zip(base, assign_keys(base), strict=True)]
    incoming = _same_base_records(int(count), "China Russia Central Asia, new piece {index}")
    incoming = [attrs.evolve(r, key=b.key) for r, b in zip(incoming, base, strict=True)]
    start = time.perf_counter()
    result = merge(incoming, base)
    seconds = time.perf_counter() - start
    assert not result.duplicates, "incoming records taken for duplicates"
    return {
        "seconds": seconds,
        "import": imported,
        "records": len(result.library),
        "rekeyed": len(result.rekeyed),
    }


def _child_bibtexparser(path: str) -> dict[str, Any]:
    from bibtexparser.entrypoint import parse_string  # what bibtexparser.parse_string is

    text = Path(path).read_text(encoding="utf-8")
    start = time.perf_counter()
    library = parse_string(text)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "records": len(library.entries)}


def _child_pybtex(path: str) -> dict[str, Any]:
    from pybtex.database import parse_string

    text = Path(path).read_text(encoding="utf-8")
    start = time.perf_counter()
    data = parse_string(text, "bibtex")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "records": len(data.entries)}


def _child_prepare(native_path: str, stem: str) -> dict[str, Any]:
    """Write each format's file from the native JSON (not timed for the report)."""
    from pantucci_bib.formats.registry import emit

    records = _read_native(native_path)
    for fmt, suffix in FORMATS.items():
        if fmt != "json":
            Path(stem + suffix).write_text(emit(records, fmt), encoding="utf-8")
    return {"seconds": 0.0, "records": len(records)}


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "read": _child_read,
    "write": _child_write,
    "convert": _child_convert,
    "memory": _child_memory,
    "keys": _child_keys,
    "merge": _child_merge,
    "bibtexparser": _child_bibtexparser,
    "pybtex": _child_pybtex,
    "prepare": _child_prepare,
}


# --- running -----------------------------------------------------------------------------------

# A launcher, not this process, starts the child (as in bench/run.py): Linux carries the peak
# RSS a process had before exec() into its own figure. It also enforces the timeout: SIGALRM
# kills the child, and wait4 (retried after the handler) still reports its usage.
_LAUNCHER = """\
import os, signal, sys, time
timeout = float(sys.argv[2])
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[3], sys.argv[3:], os.environ)
timed_out = []
def kill(signum, frame):
    timed_out.append(1)
    os.kill(pid, signal.SIGKILL)
signal.signal(signal.SIGALRM, kill)
signal.setitimer(signal.ITIMER_REAL, timeout)
_, status, usage = os.wait4(pid, 0)
signal.setitimer(signal.ITIMER_REAL, 0)
elapsed = time.perf_counter() - start
with open(sys.argv[1], "w") as report:
    code = os.waitstatus_to_exitcode(status)
    report.write(f"{elapsed} {usage.ru_maxrss} {code} {len(timed_out)}")
"""


@dataclass
class Run:
    """One child process: what it printed, its wall time and peak RSS, or why it failed."""

    wall: float = 0.0
    rss_kb: int = 0
    output: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  #: "timeout" or the end of its standard error


def run_child(argv: list[str], tmp: Path, timeout: float) -> Run:
    report = tmp / "launcher-report"
    launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(report), str(timeout), *argv]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        done = subprocess.run(launcher, stdout=out, stderr=err, check=False, timeout=timeout + 60)
        if done.returncode != 0:
            return Run(error=f"launcher failed (exit {done.returncode})")
        elapsed, rss, code, timed_out = report.read_text(encoding="utf-8").split()
        report.unlink()
        run = Run(wall=float(elapsed), rss_kb=int(rss))
        if int(timed_out):
            run.error = f"timeout ({timeout:.0f} s)"
        elif int(code) != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            run.error = f"exit {code}: " + " / ".join(tail)
        else:
            out.seek(0)
            text = out.read().decode("utf-8").strip()
            if text:
                run.output = json.loads(text.splitlines()[-1])
    return run


def _ours(task: str, *args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", task, *args]


@dataclass
class Measure:
    """The best of several children for one cell of the report."""

    kind: str  #: read, write, memory, peer, keys, merge
    name: str  #: format, peer, or operation
    size: int
    runs: int
    seconds: float | None = None  #: the timed operation, best of runs
    wall: float | None = None  #: the whole process, best of runs
    import_s: float | None = None
    rss_mb: float | None = None  #: highest peak RSS of the runs
    output: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    all_seconds: list[float] = field(default_factory=list)
    all_walls: list[float] = field(default_factory=list)


def measure(
    kind: str, name: str, size: int, argv: list[str], runs: int, tmp: Path, timeout: float
) -> Measure:
    result = Measure(kind, name, size, runs)
    peak = 0
    for _ in range(runs):
        run = run_child(argv, tmp, timeout)
        peak = max(peak, run.rss_kb)
        if run.error:
            result.error = run.error
            break
        result.all_walls.append(run.wall)
        if "seconds" in run.output:
            result.all_seconds.append(run.output["seconds"])
        result.output = run.output
    result.rss_mb = peak / 1024 if peak else None
    if result.error is None:
        result.wall = min(result.all_walls)
        result.seconds = min(result.all_seconds) if result.all_seconds else None
        result.import_s = result.output.get("import")
    status = result.error or (
        f"{result.seconds:.3f} s" if result.seconds is not None else f"wall {result.wall:.3f} s"
    )
    print(f"{kind} {name} N={size}: {status}", file=sys.stderr, flush=True)
    return result


# --- inputs ------------------------------------------------------------------------------------


def prepare(tmp: Path, size: int, timeout: float) -> Path:
    """The stem of the files of ``size`` records: ``stem`` + each suffix of FORMATS."""
    stem = tmp / f"records-{size}"
    native = Path(str(stem) + FORMATS["json"])
    with native.open("wb") as out:
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(size)],
            stdout=out,
            check=True,
            timeout=timeout,
        )
    done = run_child(_ours("prepare", str(native), str(stem)), tmp, timeout)
    if done.error:
        raise SystemExit(f"could not write the files of N={size}: {done.error}")
    return stem


def _version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def peers() -> tuple[dict[str, str], list[str]]:
    """Installed peers and their versions; the missing ones, with why."""
    found: dict[str, str] = {}
    missing: list[str] = []
    if shutil.which("pandoc"):
        out = subprocess.run(["pandoc", "--version"], capture_output=True, text=True, check=False)
        found["pandoc"] = out.stdout.split("\n", 1)[0].removeprefix("pandoc ").strip()
    else:
        missing.append("pandoc (not on PATH)")
    version = _version("bibtexparser")
    if version and version.split(".")[0] == "2" and importlib.util.find_spec("bibtexparser"):
        found["bibtexparser"] = version
    else:
        missing.append(f"bibtexparser v2 ({'version ' + version if version else 'not installed'})")
    if _version("pybtex") and importlib.util.find_spec("pybtex"):
        found["pybtex"] = _version("pybtex") or "?"
    else:
        missing.append("pybtex (not installed)")
    return found, missing


def machine() -> dict[str, Any]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(encoding="utf-8"), re.M)
        cpu = match.group(1).strip() if match else cpu
    return {
        "date": datetime.date.today().isoformat(),
        "platform": platform.platform(),
        "cpu": cpu,
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "pantucci_bib": _version("pantucci-bib"),
    }


# --- report ------------------------------------------------------------------------------------


def _seconds(m: Measure | None) -> str:
    if m is None:
        return "—"
    if m.error:
        return m.error if m.error.startswith("timeout") else "failed"
    return "—" if m.seconds is None else f"{m.seconds:.3f}"


def _ratio(big: Measure | None, small: Measure | None) -> float | None:
    if big is None or small is None or big.seconds is None or small.seconds is None:
        return None
    return big.seconds / small.seconds if small.seconds > 0 else None


def _ratio_text(value: float | None) -> str:
    if value is None:
        return "—"
    flag = "" if value <= GROWTH_TARGET else " ✗"
    return f"{value:.2f}×{flag}"


def _find(results: list[Measure], kind: str, name: str, size: int) -> Measure | None:
    for m in results:
        if (m.kind, m.name, m.size) == (kind, name, size):
            return m
    return None


def growth_rows(
    results: list[Measure], kind: str, names: list[str], sizes: list[int]
) -> list[dict[str, Any]]:
    rows = []
    for name in names:
        cells = {size: _find(results, kind, name, size) for size in sizes}
        ratios = {f"{b}/{a}": _ratio(cells[b], cells[a]) for a, b in pairwise(sizes)}
        rows.append({"name": name, "cells": cells, "ratios": ratios})
    return rows


def _growth_table(title: str, rows: list[dict[str, Any]], sizes: list[int]) -> list[str]:
    pairs = [f"{b}/{a}" for a, b in pairwise(sizes)]
    head = ["", *[f"N={s} (s)" for s in sizes], *[f"t({p.replace('/', ')/t(')})" for p in pairs]]
    head.append(f"peak RSS at N={sizes[-1]} (MB)")
    lines = [f"**{title}**", "", "| " + " | ".join(head) + " |"]
    lines.append("| --- |" + " ---: |" * (len(head) - 1))
    for row in rows:
        last = row["cells"][sizes[-1]]
        rss = f"{last.rss_mb:.0f}" if last is not None and last.rss_mb else "—"
        cells = [_seconds(row["cells"][s]) for s in sizes]
        ratios = [_ratio_text(row["ratios"][p]) for p in pairs]
        lines.append("| " + " | ".join([row["name"], *cells, *ratios, rss]) + " |")
    return [*lines, ""]


def targets(
    results: list[Measure], sizes: list[int], key_sizes: list[int]
) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for kind, label in (("read", "reading"), ("write", "writing")):
        ratios: list[tuple[float, str]] = []
        unmeasured: list[str] = []
        for row in growth_rows(results, kind, list(FORMATS), sizes):
            for pair, value in row["ratios"].items():
                if value is None:
                    unmeasured.append(f"{row['name']} {pair}")
                else:
                    ratios.append((value, f"{row['name']} {pair}"))
        if not ratios:
            rows.append((f"{label} growth ≤ {GROWTH_TARGET:.0f}× per decade", "—", "not measured"))
            continue
        worst = max(ratios)
        over = [name for value, name in ratios if value > GROWTH_TARGET]
        text = f"worst {worst[0]:.2f}× ({worst[1]})"
        if over:
            text += "; over: " + ", ".join(over)
        if unmeasured:
            text += "; not measured (timeout/failure): " + ", ".join(unmeasured)
        met = "not met" if over or unmeasured else "met"
        rows.append((f"{label} growth ≤ {GROWTH_TARGET:.0f}× per decade", text, met))
    memory = [m for m in results if m.kind == "memory" and m.name == "tracemalloc"]
    if memory and memory[0].error is None:
        per = memory[0].output["bytes_per_record"]
        rss = next((m for m in results if m.kind == "memory" and m.name == "rss"), None)
        extra = (
            f" (RSS growth {rss.output['bytes_per_record']:.0f} B)"
            if rss is not None and rss.error is None
            else ""
        )
        rows.append(
            (
                "≤ 3 KB per record held after loads(csl-json)",
                f"{per:.0f} B per record at N={memory[0].size}, tracemalloc{extra}",
                "met" if per <= MEMORY_TARGET else "not met",
            )
        )
    else:
        error = memory[0].error if memory else "not run"
        rows.append(("≤ 3 KB per record held after loads(csl-json)", str(error), "not measured"))
    for kind in ("keys", "merge"):
        cells = [_find(results, kind, kind, s) for s in key_sizes]
        values = [_ratio(b, a) for a, b in pairwise(cells)]
        label = f"{'assign_keys' if kind == 'keys' else 'merge'} linear (≤ 11× per decade)"
        if not values or None in values:
            rows.append((label, "; ".join(_seconds(c) for c in cells), "not measured"))
            continue
        highest = max(v for v in values if v is not None)
        rows.append((label, f"{highest:.2f}×", "met" if highest <= GROWTH_TARGET else "not met"))
    return rows


def markdown(
    info: dict[str, Any],
    settings: dict[str, Any],
    results: list[Measure],
    found: dict[str, str],
    missing: list[str],
) -> str:
    sizes: list[int] = settings["sizes"]
    key_sizes: list[int] = settings["key_sizes"]
    lines = [
        f"# Reading and writing files ({info['date']})",
        "",
        f"{info['cpu']}, nproc {info['nproc']}, Python {info['python']}, {info['platform']}; "
        f"pantucci_bib {info['pantucci_bib']}. Peers: "
        + (", ".join(f"{k} {v}" for k, v in found.items()) or "none")
        + ("; missing: " + ", ".join(missing) if missing else "")
        + ".",
        "",
        f"Seconds of the operation alone, in a fresh process, best of {settings['runs']} for "
        f"N ≤ {BIG}, one run above; ✗ marks growth over {GROWTH_TARGET:.0f}× per decade.",
        "",
    ]
    if any(m.kind == "read" for m in results):
        title = "reading: loads(text, fmt) (json: formats.native.loads)"
        lines += _growth_table(title, growth_rows(results, "read", list(FORMATS), sizes), sizes)
    if any(m.kind == "write" for m in results):
        title = "writing: emit(records, fmt)"
        lines += _growth_table(title, growth_rows(results, "write", list(FORMATS), sizes), sizes)
    memory = [m for m in results if m.kind == "memory"]
    if memory:
        lines += [
            "**memory held after loads of the CSL-JSON file**",
            "",
            "| method | N | bytes | bytes per record |",
            "| --- | ---: | ---: | ---: |",
        ]
        for m in memory:
            if m.error:
                lines.append(f"| {m.name} | {m.size} | {m.error} | — |")
            else:
                per = m.output["bytes_per_record"]
                lines.append(f"| {m.name} | {m.size} | {m.output['bytes']:,} | {per:,.0f} |")
        lines.append("")
    peer_rows = [m for m in results if m.kind == "peer"]
    if peer_rows:
        lines += [
            f"**peers at N={settings['peer_size']}** (operation: inside the process; process: "
            "whole wall time, interpreter start-up and imports included)",
            "",
            "| tool | task | operation (s) | process (s) | peak RSS (MB) |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        for m in peer_rows:
            tool, _, task = m.name.partition(": ")
            wall = f"{m.wall:.3f}" if m.wall is not None else _seconds(m)
            rss = f"{m.rss_mb:.0f}" if m.rss_mb else "—"
            lines.append(f"| {tool} | {task} | {_seconds(m)} | {wall} | {rss} |")
        lines.append("")
        if missing:
            lines += ["Missing peers: " + ", ".join(missing) + ".", ""]
    key_rows = [m for m in results if m.kind in ("keys", "merge")]
    if key_rows:
        head = [*[f"N={s} (s)" for s in key_sizes], "growth"]
        lines += [
            "**key assignment and merge** (every record one base key)",
            "",
            "| operation | " + " | ".join(head) + " |",
            "| --- |" + " ---: |" * len(head),
        ]
        for kind, label in (
            ("keys", "assign_keys(N records, one base key)"),
            ("merge", "merge(N incoming, N base), every key taken"),
        ):
            cells = [_find(results, kind, kind, s) for s in key_sizes]
            ratios = [_ratio(b, a) for a, b in pairwise(cells)]
            texts = [_seconds(c) for c in cells]
            lines.append(
                f"| {label} | " + " | ".join([*texts, *map(_ratio_text, ratios[:1])]) + " |"
            )
        lines.append("")
    lines += ["**targets**", "", "| target | measured | |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in targets(results, sizes, key_sizes)]
    odd = [
        f"{m.kind} {m.name} N={m.size}: {m.output.get('records')} records, "
        f"{m.output.get('problems', 0)} problems"
        for m in results
        if m.kind == "read"
        and m.error is None
        and (m.output.get("records") != m.size or m.output.get("problems"))
    ]
    if odd:
        lines += ["", "**inputs not read back whole**: " + "; ".join(odd)]
    return "\n".join(lines) + "\n"


# --- main --------------------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3, help=f"children per cell for N ≤ {BIG}")
    parser.add_argument("--peer-size", type=int, default=10000)
    parser.add_argument("--key-sizes", default="1000,10000")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per child")
    parser.add_argument(
        "--only", nargs="*", default=[], help="read, write, memory, peers, keys (default: all)"
    )
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--no-keys", action="store_true")
    parser.add_argument("--out-dir", type=Path, default=RESULTS)
    parser.add_argument(
        "--from-json", type=Path, help="print (and rewrite) the report of a results file; no runs"
    )
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        task, *rest = args.child
        print(json.dumps(CHILDREN[task](*rest)))
        return
    if args.from_json:
        document = json.loads(args.from_json.read_text(encoding="utf-8"))
        loaded = [Measure(**fields) for fields in document["results"]]
        report = markdown(
            document["machine"],
            document["settings"],
            loaded,
            document["peers"],
            document["missing_peers"],
        )
        print(report)
        args.from_json.with_suffix(".md").write_text(report, encoding="utf-8")
        return
    groups = set(args.only or ["read", "write", "memory", "peers", "keys"])
    if args.no_peers:
        groups.discard("peers")
    if args.no_keys:
        groups.discard("keys")
    sizes, key_sizes = _sizes(args.sizes), _sizes(args.key_sizes)
    found, missing = peers() if "peers" in groups else ({}, [])
    for name in missing:
        print(f"missing peer: {name}", file=sys.stderr)
    info = machine()
    settings = {
        "sizes": sizes,
        "runs": args.runs,
        "peer_size": args.peer_size,
        "key_sizes": key_sizes,
        "timeout": args.timeout,
        "groups": sorted(groups),
    }
    results: list[Measure] = []
    timeout = args.timeout
    with tempfile.TemporaryDirectory(prefix="pantucci-formats-") as name:
        tmp = Path(name)
        wanted = set(sizes) if groups & {"read", "write"} else set()
        if "memory" in groups:
            wanted.add(max(sizes))
        if "peers" in groups:
            wanted.add(args.peer_size)
        stems = {size: prepare(tmp, size, timeout) for size in sorted(wanted)}

        def file(size: int, fmt: str) -> str:
            return str(stems[size]) + FORMATS[fmt]

        for size in sizes:
            runs = args.runs if size <= BIG else 1
            for fmt in FORMATS:
                if "read" in groups:
                    argv = _ours("read", fmt, file(size, fmt))
                    results.append(measure("read", fmt, size, argv, runs, tmp, timeout))
                if "write" in groups:
                    argv = _ours("write", fmt, file(size, "json"))
                    results.append(measure("write", fmt, size, argv, runs, tmp, timeout))
        if "memory" in groups:
            size = max(sizes)
            for method in ("tracemalloc", "rss"):
                argv = _ours("memory", method, "csl-json", file(size, "csl-json"))
                results.append(measure("memory", method, size, argv, 1, tmp, timeout))
        if "peers" in groups:
            size = args.peer_size
            runs = args.runs if size <= BIG else 1
            items, bib, bibtex = (
                file(size, "csl-json"),
                file(size, "biblatex"),
                file(size, "bibtex"),
            )
            table: list[tuple[str, list[str]]] = [
                ("pantucci_bib: read CSL-JSON", _ours("read", "csl-json", items)),
                (
                    "pantucci_bib: CSL-JSON → CSL-JSON",
                    _ours("convert", "csl-json", "csl-json", items),
                ),
                ("pantucci_bib: read BibLaTeX .bib", _ours("read", "biblatex", bib)),
                (
                    "pantucci_bib: BibLaTeX → CSL-JSON",
                    _ours("convert", "biblatex", "csl-json", bib),
                ),
                ("pantucci_bib: read BibTeX .bib", _ours("read", "bibtex", bibtex)),
            ]
            if "pandoc" in found:
                table += [
                    (
                        "pandoc: -f csljson -t csljson",
                        ["pandoc", "-f", "csljson", "-t", "csljson", items, "-o", os.devnull],
                    ),
                    (
                        "pandoc: -f biblatex -t csljson",
                        ["pandoc", "-f", "biblatex", "-t", "csljson", bib, "-o", os.devnull],
                    ),
                ]
            for peer in ("bibtexparser", "pybtex"):
                if peer in found:
                    table += [
                        (f"{peer}: parse_string BibLaTeX .bib", _ours(peer, bib)),
                        (f"{peer}: parse_string BibTeX .bib", _ours(peer, bibtex)),
                    ]
            for label, argv in table:
                results.append(measure("peer", label, size, argv, runs, tmp, timeout))
        if "keys" in groups:
            for kind in ("keys", "merge"):
                for size in key_sizes:
                    argv = _ours(kind, str(size))
                    results.append(measure(kind, kind, size, argv, args.runs, tmp, timeout))
    report = markdown(info, settings, results, found, missing)
    print(report)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = args.out_dir / f"formats-{info['date']}"
    stem.with_suffix(".md").write_text(report, encoding="utf-8")
    document = {
        "machine": info,
        "settings": settings,
        "peers": found,
        "missing_peers": missing,
        "results": [asdict(m) for m in results],
        "targets": [list(row) for row in targets(results, sizes, key_sizes)],
    }
    stem.with_suffix(".json").write_text(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"written: {stem}.md, {stem}.json", file=sys.stderr)


if __name__ == "__main__":
    main()
