"""The report of bench/citations.py: its measurements and their Markdown tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JS_PATHS = ("process", "rebuild", "make")
SHOWN = 3  #: differing pairs shown per comparison


@dataclass
class Measure:
    task: str  #: bibliography or citations
    style: str
    size: int
    tool: str  #: pantucci_bib, citeproc-js process|rebuild|make, pandoc
    wall: float | None = None  #: best whole-process wall time
    inner: float | None = None  #: the formatting alone, as the process timed it
    load: float = 0.0  #: 1-minute load average when the process started
    error: str | None = None
    same: dict[str, list[int]] = field(default_factory=dict)  #: against → [identical, total]
    differences: list[str] = field(default_factory=list)


def _s(m: Measure | None) -> str:
    if m is None:
        return "—"
    if m.wall is None:
        return m.error or "failed"
    return f"{m.wall:.2f}" + (f" ({m.inner:.2f})" if m.inner is not None else "")


def _same(m: Measure | None, name: str) -> str:
    same, total = (m.same if m else {}).get(name, (None, None))
    return "—" if same is None else f"{same}/{total}"


def _fastest(ms: list[Measure | None]) -> Measure | None:
    return min((m for m in ms if m and m.wall), key=lambda m: m.wall or 0.0, default=None)


def _ratio(bar: Measure | None, ours: Measure | None) -> float | None:
    if bar is None or ours is None or not bar.wall or not ours.wall:
        return None
    return bar.wall / ours.wall


def _table(head: list[str], rows: list[list[str]], right: int = 1) -> list[str]:
    """A Markdown table; columns from ``right`` on aligned right."""
    rule = ["---" if i < right else "---:" for i in range(len(head))]
    return [f"| {' | '.join(line)} |" for line in (head, rule, *rows)] + [""]


ANCHORS = {
    "bibliography": ("citeproc-js", "pandoc"),
    "citations": (*(f"citeproc-js {p}" for p in JS_PATHS), "pandoc"),
}
TITLES = {  # the task's table of times, and of identical outputs
    "bibliography": ("bibliography, cold (N records)", "identical entries** (by key"),
    "citations": ("citations (N citations of the N records)", "identical citations** (by position"),
}


def markdown(info: dict[str, Any], settings: dict[str, Any], ms: list[Measure]) -> str:
    styles, sizes = settings["styles"], settings["sizes"]
    tasks = [task for task in ANCHORS if any(m.task == task for m in ms)]
    cell = {(m.task, m.style, m.size, m.tool): m for m in ms}

    def row(task: str, style: str, size: int) -> list[Measure | None]:
        return [cell.get((task, style, size, t)) for t in ("pantucci_bib", *ANCHORS[task])]

    def bar(task: str, style: str, size: int) -> Measure | None:
        # the bibliography's: the faster of citeproc-js and pandoc; citations': citeproc-js's
        return _fastest(row(task, style, size)[1 : 3 if task == "bibliography" else 4])

    chosen = settings.get("js_paths", ",".join(JS_PATHS))
    paths = "" if chosen == ",".join(JS_PATHS) else f" --js-paths {chosen}"
    read = settings.get("input", "native")  # (runs before the option read the native file)
    paths += f" --input {read}"
    lines = [f"# Citations and bibliographies against citeproc-js and pandoc ({info['date']})", ""]
    lines += [
        f"`python3 bench/citations.py --sizes {','.join(map(str, sizes))} --styles "
        f"{','.join(styles)} --tasks {','.join(tasks)} --runs {settings['runs']}{paths}`, "
        f"started {info['started']}. pantucci_bib read "
        + ("the same CSL-JSON file as the others." if read == "csl-json" else "the native file."),
        "",
    ]
    lines += ["| machine | |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in info.items() if k not in ("date", "started")]
    lines += [
        "",
        "Seconds, whole process, best of the runs (in parentheses: the formatting "
        "alone, as the process timed it). ×: the bar's time ÷ pantucci_bib's (bibliography: "
        "the faster of citeproc-js and pandoc; citations: the fastest citeproc-js path). "
        "Load: the 1-minute load average as each process started, on 2 cores.",
        "",
    ]
    for task in tasks:
        rows = []
        for size in sizes:
            for style in styles:
                found = row(task, style, size)
                ratio = _ratio(bar(task, style, size), found[0])
                loads = "/".join(f"{m.load:.0f}" for m in found if m)
                rows.append(
                    [style, str(size), *map(_s, found), f"×{ratio:.2f}" if ratio else "—", loads]
                )
        lines += [f"**{TITLES[task][0]}**", ""]
        lines += _table(["style", "N", "pantucci_bib", *ANCHORS[task], "×", "load"], rows)
        rows = [
            [style, str(size), *(_same(row(task, style, size)[0], t) for t in ANCHORS[task])]
            for size in sizes
            for style in styles
        ]
        lines += [f"**{TITLES[task][1]})", ""]
        lines += _table(["style", "N", *ANCHORS[task]], rows)
    lo, hi = min(sizes), max(sizes)
    if lo != hi and "citations" in tasks:
        lines += [f"**pantucci_bib, time per citation** (formatting alone), N={lo} → N={hi}", ""]
        for style in styles:
            a, b = (cell.get(("citations", style, n, "pantucci_bib")) for n in (lo, hi))
            if a and b and a.inner and b.inner:
                x, y = a.inner / lo * 1000, b.inner / hi * 1000
                lines.append(f"- {style}: {x:.2f} ms → {y:.2f} ms (×{y / x:.2f})")
        lines.append("")
    targets = []
    for style, task in ((style, task) for style in styles for task in tasks):
        ours, best = cell.get((task, style, hi, "pantucci_bib")), bar(task, style, hi)
        ratio, goal = _ratio(best, ours), 2.0 if task == "bibliography" else 1.0
        counts = [ours.same[t] for t in ANCHORS[task][:-1] if ours and t in ours.same]
        want = "≥ 2× faster than the faster anchor" if goal > 1 else "≤ citeproc-js's time"
        if ratio is None or best is None or not counts:
            targets.append([f"{task} {style}: {want}", "—", "not measured"])
            continue
        same, total = counts[0]
        targets.append([f"{task} {style}: {want}, identical to citeproc-js",
                        f"{_s(ours)} vs {best.tool} {_s(best)}: ×{ratio:.2f}; identical to "
                        f"citeproc-js {same}/{total}",
                        "met" if ratio >= goal and same == total else "not met"])  # fmt: skip
    lines += [f"**targets** (N={hi})", "", *_table(["target", "measured", ""], targets, 3)]
    if any(m.differences for m in ms):
        lines += [f"**first differences** (up to {SHOWN} per comparison)", "", "```"]
        lines += [f"{m.task} {m.style} N={m.size} against {d}" for m in ms for d in m.differences]
        lines += ["```"]
    return "\n".join(lines) + "\n"
