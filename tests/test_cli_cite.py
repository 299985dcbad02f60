"""``pantucci-bib cite`` through the real command line (issue 16)."""

from __future__ import annotations

from conftest import run_cli

A, B = "pantucciTurkeyAbandoningEU2013", "pantucciLimitsRegionalCooperation2011"


def test_cite_verb_prints_citations_then_bibliography(tmp_path):
    result = run_cli("cite", f"{A}@12", f"{A},{B}", "--style", "APA", "--with-bibliography")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "(Pantucci & Petersen, 2013, p. 12)",
        "(Pantucci, 2011; Pantucci & Petersen, 2013)",
    ]
    assert lines[2] == "" and len(lines) == 5 and lines[3].startswith("Pantucci, R. (2011")
    bad = run_cli("cite", "nokey", "--style", "apa", "-o", str(tmp_path / "out.txt"))
    assert bad.returncode == 2 and bad.stderr.startswith("pantucci-bib: error: nokey: no record")
    assert not (tmp_path / "out.txt").exists()
