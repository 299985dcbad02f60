"""In-text citations and bibliographies against citeproc-js and pandoc (issue 16; run by hand).

    python bench/citations.py                                  # N = 1000, 10000; 3 styles
    python bench/citations.py --sizes 1000 --styles apa        # quick iteration
    python bench/citations.py --sizes 10000 --tasks bibliography
    python bench/citations.py --raw /tmp/c.json                # keep the raw figures
    python bench/citations.py --from-json /tmp/c.json          # the report again, no runs
    python bench/citations.py --js-paths make                  # only citeproc-js's fastest path

Per style and N (``bench/generate.py``'s records), the wall time of one fresh process (best of
``--runs``; killed at ``--timeout``), every pantucci_bib child on a copy of src/ taken at the
start, reading the records from the CSL-JSON file the other tools read (``--input native``:
the project's own format): a cold bibliography (``format_entries(cache=False)``, empty cache
directory) against
citeproc-js (bench/js/format.js) and ``pandoc --citeproc``; a document of N citations
(:func:`make_document`) with ``format_citations`` against citeproc-js by three paths
(bench/js/citations_bench.js: process, rebuild, make) and pandoc. Outputs are compared with
pantucci_bib's. Report: standard output and ``bench/results/citations-<date>.md``; the method is
described in docs/performance.md. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # (run as a script or imported)
from citations_report import JS_PATHS, SHOWN, Measure, markdown

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
CITEPROC_DIRS = (HERE / "js" / "node_modules", ROOT / "tests" / "js" / "node_modules")
STYLES = ("chicago-author-date", "apa", "ieee")
CACHE_VARIABLE = "PANTUCCI_BIB_CACHE_DIR"


# --- inputs ------------------------------------------------------------------------------------


def make_document(keys: list[str], count: int) -> list[dict[str, Any]]:
    """``count`` citations in CSL citation-item form; in every ten: four first cites, a repeat
    of the citation before (ibid), its key with a locator (ibid-with-locator), a new and an
    earlier cite with a prefix, an earlier cite with a locator range, an earlier cite
    (subsequent) and a first cite with a locator."""
    fresh = iter(keys)
    used: list[str] = []

    def new() -> str:
        key = next(fresh, None)
        if key is None:  # more citations than records: cite again
            return earlier(len(used))
        used.append(key)
        return key

    def earlier(i: int) -> str:
        return used[(i * 7919) % len(used)]

    document: list[dict[str, Any]] = []
    previous: list[dict[str, str]] = []
    for i in range(count):
        kind = i % 10 if used else 0
        if kind == 4:
            cites = [dict(cite) for cite in previous]
        elif kind == 5:
            cites = [{"id": previous[-1]["id"], "locator": str(10 + i % 90), "label": "page"}]
        elif kind == 6:
            other = earlier(i)
            cites = [{"id": new(), "prefix": "see"}, {"id": other}]
        elif kind == 7:
            page = 1 + i % 50
            cites = [{"id": earlier(i), "locator": f"{page}-{page + 3}", "label": "page"}]
        elif kind == 8:
            cites = [{"id": earlier(i)}]
        elif kind == 9:
            cites = [{"id": new(), "locator": "12", "label": "page"}]
        else:
            cites = [{"id": new()}]
        document.append({"noteIndex": i + 1, "cites": cites})
        previous = cites
    return document


def _pandoc_cite(cite: dict[str, str]) -> str:
    prefix, locator = cite.get("prefix"), cite.get("locator")
    return (f"{prefix} " if prefix else "") + f"@{cite['id']}" + (f", {locator}" if locator else "")


def pandoc_markdown(document: list[dict[str, Any]]) -> str:
    """The document for pandoc: one paragraph a citation, no bibliography."""
    body = "\n\n".join(
        "[" + "; ".join(_pandoc_cite(c) for c in citation["cites"]) + "]" for citation in document
    )
    return "---\nsuppress-bibliography: true\n---\n\n" + body + "\n"


@dataclass(frozen=True)
class Inputs:
    size: int
    native: Path
    items: Path
    document: Path
    markdown: Path
    nocite: Path


def prepare(tmp: Path, size: int) -> Inputs:
    sys.path.insert(0, str(HERE))
    from generate import generate

    from pantucci_bib import emit
    from pantucci_bib.formats.native import dumps

    records = generate(size)
    stem = tmp / f"n{size}"
    native, items, document_path, markdown = (
        Path(f"{stem}.{s}") for s in ("native.json", "csl.json", "citations.json", "md")
    )
    inputs = Inputs(size, native, items, document_path, markdown, tmp / "nocite.md")
    inputs.native.write_text(dumps(records), encoding="utf-8")
    inputs.items.write_text(emit(records, "csl-json"), encoding="utf-8")
    document = make_document([record.key for record in records], size)
    inputs.document.write_text(json.dumps(document), encoding="utf-8")
    inputs.markdown.write_text(pandoc_markdown(document), encoding="utf-8")
    inputs.nocite.write_text('---\nnocite: "[@*]"\n---\n', encoding="utf-8")
    return inputs


def snapshot(tmp: Path) -> str:
    """Run on a copy of src/ (other work may edit the tree during a long run): copied into
    ``tmp``, byte-compiled, put first on this process's and the children's path; the digest of
    its source files."""
    target = tmp / "src"
    shutil.copytree(ROOT / "src", target, ignore=shutil.ignore_patterns("__pycache__"))
    digest = hashlib.sha256()
    for path in sorted(f for f in target.rglob("*") if f.is_file()):
        digest.update(f"{path.relative_to(target)}\0".encode() + path.read_bytes())
    # byte-compiled as an install is (pip compiles on install): a child must not pay for
    # compiling every module it imports
    compileall.compile_dir(target, quiet=1)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(target), os.environ.get("PYTHONPATH")])
    )
    sys.path.insert(0, str(target))
    return digest.hexdigest()[:16]


# --- running -----------------------------------------------------------------------------------


def measure(
    m: Measure, argv: list[str], out: Path, tmp: Path, args: argparse.Namespace, stdout: bool
) -> Any:
    """Run ``argv`` ``args.runs`` times into ``m``; the output read from ``out`` (or None)."""
    env = {k: v for k, v in os.environ.items() if k != CACHE_VARIABLE}
    env["NODE_PATH"] = os.pathsep.join(str(d) for d in CITEPROC_DIRS)
    m.load = os.getloadavg()[0]
    print(f"{m.task} {m.style} N={m.size} {m.tool} (load {m.load:.1f}) …", file=sys.stderr)
    for _ in range(args.runs):
        cache = Path(tempfile.mkdtemp(prefix="cache-", dir=tmp))  # fresh and empty: cold
        env[CACHE_VARIABLE] = str(cache)
        start = time.perf_counter()
        try:
            with open(out if stdout else os.devnull, "wb") as sink:  # noqa: PTH123
                done = subprocess.run(argv, stdout=sink, stderr=subprocess.PIPE, env=env,
                                      timeout=args.timeout, check=False)  # fmt: skip
        except subprocess.TimeoutExpired:
            m.error = f"> {args.timeout:.0f} s"
            return None
        finally:
            shutil.rmtree(cache, ignore_errors=True)
        wall = time.perf_counter() - start
        if done.returncode:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            m.error = f"exit {done.returncode}: " + " / ".join(tail)
            return None
        m.wall = wall if m.wall is None else min(m.wall, wall)
    print(f"  {m.wall:.2f} s", file=sys.stderr)
    if out.suffix == ".txt":  # pandoc: one paragraph an entry or a citation
        text = out.read_text(encoding="utf-8")
        return [block for block in re.split(r"\n\s*\n", text) if block.strip()]
    value = json.loads(out.read_text(encoding="utf-8"))
    if isinstance(value, list):  # bench/js/format.js: [{id, text}]
        return {entry["id"]: entry["text"] for entry in value}
    m.inner = value.get("seconds")
    if "entries" in value:
        return {entry["id"]: entry["text"] for entry in value["entries"]}
    return value["citations"]


def _norm(text: str) -> str:
    return " ".join(str(text).split())


def compare(m: Measure, ours: Any, theirs: Any, name: str) -> None:
    """Count in ``m`` how many of ``ours`` ``theirs`` has identical: by key (two dicts), by
    position (two lists), anywhere in the list (pandoc's bibliography: no keys)."""
    if ours is None or theirs is None:
        return
    if isinstance(ours, dict) and isinstance(theirs, list):
        matched = Counter(map(_norm, ours.values())) & Counter(map(_norm, theirs))
        m.same[name] = [sum(matched.values()), max(len(ours), len(theirs))]
        return
    if isinstance(ours, dict):
        pairs = [(k, _norm(v), _norm(theirs.get(k, "(missing)"))) for k, v in ours.items()]
    else:
        pairs = [
            (str(i), _norm(a), _norm(b)) for i, (a, b) in enumerate(zip(ours, theirs, strict=False))
        ]
    differing = [pair for pair in pairs if pair[1] != pair[2]]
    m.same[name] = [len(pairs) - len(differing), max(len(ours), len(theirs))]
    m.differences += [
        f"{name} [{k}]\n  ours:   {a}\n  theirs: {b}" for k, a, b in differing[:SHOWN]
    ]


def bench_style(inputs: Inputs, style: str, tmp: Path, args: argparse.Namespace) -> list[Measure]:
    """Every process of one style and size, and the comparisons with pantucci_bib's output."""
    from citeproc import LOCALES_PATH

    from pantucci_bib.styles import resolve_style

    csl, locales = str(resolve_style(style).path), str(LOCALES_PATH)
    items, document = str(inputs.items), str(inputs.document)
    native = str(inputs.native) if args.input == "native" else items  # what pantucci_bib reads
    out = f"{tmp / style}-{inputs.size}"
    me = [sys.executable, str(HERE / "citations_child.py")]
    bench_js = ["node", str(HERE / "js" / "citations_bench.js")]

    def pandoc(source: Path, target: str) -> list[str]:
        return ["pandoc", str(source), "--citeproc", f"--bibliography={items}", f"--csl={csl}",
                "-t", "plain", "--wrap=none", "-o", target]  # fmt: skip

    # (task, tool, argv, output file, whether the output is the process's stdout)
    plan = [
        ("bibliography", "pantucci_bib", [*me, "bibliography", native, style, f"{out}.b.json"],
         f"{out}.b.json", False),
        ("bibliography", "citeproc-js", ["node", str(HERE / "js" / "format.js"), items, csl,
         locales, "", "text"], f"{out}.bjs.json", True),
        ("bibliography", "pandoc", pandoc(inputs.nocite, f"{out}.bpd.txt"), f"{out}.bpd.txt",
         False),
        ("citations", "pantucci_bib", [*me, "citations", native, document, style,
         f"{out}.c.json"], f"{out}.c.json", False),
        *(("citations", f"citeproc-js {p}", [*bench_js, p, items, csl, locales, document,
           f"{out}.c{p}.json"], f"{out}.c{p}.json", False) for p in JS_PATHS),
        ("citations", "pandoc", pandoc(inputs.markdown, f"{out}.cpd.txt"), f"{out}.cpd.txt",
         False),
    ]  # fmt: skip
    found: list[Measure] = []
    outputs: dict[tuple[str, str], Any] = {}
    skipped = {f"citeproc-js {p}" for p in JS_PATHS if p not in args.js_paths.split(",")}
    for task, tool, argv, target, stdout in plan:
        if task not in args.tasks.split(",") or tool in skipped:
            continue
        m = Measure(task, style, inputs.size, tool)
        outputs[(task, tool)] = measure(m, argv, Path(target), tmp, args, stdout)
        found.append(m)
    for m in found:
        if m.tool != "pantucci_bib":
            ours = next(o for o in found if o.task == m.task and o.tool == "pantucci_bib")
            compare(ours, outputs[(m.task, "pantucci_bib")], outputs[(m.task, m.tool)], m.tool)
    return found


# --- report ------------------------------------------------------------------------------------


def _version(argv: list[str]) -> str:
    try:
        text = subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "absent"
    return text.splitlines()[0] if text else "?"


def machine() -> dict[str, Any]:
    import citeproc

    import pantucci_bib

    cpu = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), flags=re.M)
    manifests = [d / "citeproc" / "package.json" for d in CITEPROC_DIRS]
    found = [json.loads(f.read_text(encoding="utf-8"))["version"] for f in manifests if f.is_file()]
    return {
        "date": datetime.date.today().isoformat(),
        "started": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "node": _version(["node", "--version"]),
        "pandoc": _version(["pandoc", "--version"]).removeprefix("pandoc "),
        "pantucci_bib": pantucci_bib.__version__,
        "citeproc-py": getattr(citeproc, "__version__", "?"),
        "citeproc-js": found[0] if found else "absent",
        "uptime before": _version(["uptime"]),
    }


def _dump(path: Path | None, info: Any, settings: Any, results: list[Measure]) -> None:
    if path is not None:
        raw = {"machine": info, "settings": settings, "results": [asdict(m) for m in results]}
        path.write_text(json.dumps(raw, indent=1, ensure_ascii=False), encoding="utf-8")


# --- main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--styles", default=",".join(STYLES))
    parser.add_argument("--tasks", default="bibliography,citations")
    parser.add_argument(
        "--js-paths",
        default=",".join(JS_PATHS),
        help="citeproc-js citation paths to run (the bar is the fastest; 'make' so far)",
    )
    parser.add_argument(
        "--input",
        choices=("csl-json", "native"),
        default="csl-json",
        help="what pantucci_bib reads: the CSL-JSON file the other tools read (default; runs "
        "before 15 read the native file, about 0.6 s less for 10,000 records)",
    )
    parser.add_argument("--runs", type=int, default=1, help="processes per cell (best is kept)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per process")
    parser.add_argument("--out-dir", type=Path, default=RESULTS)
    parser.add_argument("--raw", type=Path, help="also write the raw figures (JSON) here")
    parser.add_argument("--from-json", type=Path, help="report a --raw file again; no runs")
    args = parser.parse_args(argv)
    if args.from_json:
        raw = json.loads(args.from_json.read_text(encoding="utf-8"))
        print(markdown(raw["machine"], raw["settings"], [Measure(**m) for m in raw["results"]]))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    styles = [s.strip() for s in args.styles.split(",") if s.strip()]
    for tool in ("node", "pandoc"):
        if shutil.which(tool) is None:
            print(f"missing: {tool} (its figures will be failures)", file=sys.stderr)
    settings = {
        "sizes": sizes,
        "styles": styles,
        "runs": args.runs,
        "timeout": args.timeout,
        "js_paths": args.js_paths,
        "input": args.input,
    }
    results: list[Measure] = []
    if args.raw:
        args.raw.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pantucci-citations-") as name:
        tmp = Path(name)
        digest = snapshot(tmp)
        info = {**machine(), "src": f"a copy of src/ taken at the start, sha256 {digest}…"}
        for size in sizes:
            inputs = prepare(tmp, size)
            for style in styles:
                results += bench_style(inputs, style, tmp, args)
                _dump(args.raw, info, settings, results)  # as it goes: an interrupted run
    info["uptime after"] = _version(["uptime"])
    report = markdown(info, settings, results)
    print(report)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / f"citations-{info['date']}.md").write_text(report, encoding="utf-8")
    _dump(args.raw, info, settings, results)


if __name__ == "__main__":
    main()
