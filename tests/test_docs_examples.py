"""The LaTeX examples of docs/jobs.md compile with bibtex and with biber."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, require_tool
from pantucci_bib import corpus, emit

JOBS = ROOT / "docs" / "jobs.md"


def _latex_examples() -> list[str]:
    return re.findall(r"```latex\n(.*?)```", JOBS.read_text(encoding="utf-8"), flags=re.S)


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False, timeout=300)


def test_docs_have_both_examples():
    examples = _latex_examples()
    assert len(examples) == 2
    assert "bibliographystyle" in examples[0] and "biblatex" in examples[1]


@pytest.mark.parametrize("which", ["bibtex", "biber"])
def test_worked_example_compiles(tmp_path, which):
    pdflatex = require_tool("pdflatex")
    tool = require_tool(which)
    bibtex_doc, biblatex_doc = _latex_examples()
    # the Chinese-language record needs a CJK-capable engine; pdflatex gets the rest
    latin = [r for r in corpus() if r.container_title != "东方早报"]
    (tmp_path / "pantucci.bib").write_text(emit(latin, "bibtex"), encoding="utf-8")
    (tmp_path / "pantucci-biblatex.bib").write_text(emit(latin, "biblatex"), encoding="utf-8")
    doc = bibtex_doc if which == "bibtex" else biblatex_doc
    (tmp_path / "paper.tex").write_text(doc, encoding="utf-8")
    _run([pdflatex, "-interaction=nonstopmode", "paper.tex"], tmp_path)
    step = _run([tool, "paper"], tmp_path)
    assert step.returncode == 0, step.stdout[-3000:]
    _run([pdflatex, "-interaction=nonstopmode", "paper.tex"], tmp_path)
    final = _run([pdflatex, "-interaction=nonstopmode", "paper.tex"], tmp_path)
    assert final.returncode == 0, final.stdout[-3000:]
    assert (tmp_path / "paper.pdf").is_file()
    log = (tmp_path / "paper.log").read_text(encoding="latin-1")
    assert "undefined" not in log.lower(), re.findall(r".*undefined.*", log)
