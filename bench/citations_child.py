"""One pantucci_bib process of bench/citations.py: what a user's script does, and no more.

    python bench/citations_child.py bibliography RECORDS STYLE OUT
    python bench/citations_child.py citations RECORDS DOCUMENT STYLE OUT

A script of its own, importing only what it uses: run as ``citations.py --child`` (until
run 15) it imported the whole bench (argparse, subprocess, hashlib …, about 0.03 s), which
citeproc-js's and pandoc's processes do not pay.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def _child_records(path: str) -> list[Any]:
    """The records of a bench file: the CSL-JSON every tool reads (read as a user's library
    is, ``pantucci_bib.load``), or with ``--input native`` the project's own format."""
    if path.endswith(".native.json"):
        from pantucci_bib.formats import native as native_json

        return native_json.loads(Path(path).read_text(encoding="utf-8"))
    from pantucci_bib import load

    return load(path, "csl-json").records


def _child_bibliography(source: str, style: str, out: str) -> None:
    from pantucci_bib.formatting import format_entries

    records = _child_records(source)
    start = time.perf_counter()
    entries = format_entries(records, style, output="text", cache=False)
    seconds = time.perf_counter() - start
    listed = [{"id": key, "text": text} for key, text in entries]
    _write(out, {"entries": listed, "seconds": seconds})


def _child_citations(source: str, document: str, style: str, out: str) -> None:
    from pantucci_bib import Citation, Cite, format_citations

    records = _child_records(source)
    listed = json.loads(Path(document).read_text(encoding="utf-8"))
    fields = ("locator", "label", "prefix")
    citations = [
        Citation([Cite(c["id"], **{f: c.get(f) for f in fields}) for c in citation["cites"]],
                 note_index=citation["noteIndex"])
        for citation in listed
    ]  # fmt: skip
    start = time.perf_counter()
    texts = format_citations(records, citations, style, output="text")
    _write(out, {"citations": texts, "seconds": time.perf_counter() - start})


def _write(path: str, value: Any) -> None:
    Path(path).write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    task, *rest = sys.argv[1:]
    if task == "bibliography":
        _child_bibliography(*rest)
    else:
        _child_citations(*rest)
