"""Issue 15: ``format``, ``export`` and ``keys`` on the user's own files, through the real CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pantucci_bib
from conftest import ROOT, run_cli
from pantucci_bib import format_bibliography, load, loads

FIXTURES = ROOT / "tests" / "fixtures" / "realworld"
BIB = FIXTURES / "zotero-bbt-biblatex.bib"
JSON = FIXTURES / "zotero.json"
RIS = FIXTURES / "endnote.ris"


def _keys(stdout: str) -> list[str]:
    return [line.split("\t")[0] for line in stdout.splitlines()]


def test_format_file_matches_python_api() -> None:
    # endnote.ris: apa cannot yet format every record of the .bib and .json fixtures
    expected = format_bibliography(load(RIS).records, "apa", cache=False)
    result = run_cli("format", str(RIS), "--style", "apa", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected
    assert result.stdout != run_cli("format", "--style", "apa", "--no-cache").stdout


def test_bibliography_option_is_a_file_argument() -> None:
    positional = run_cli("keys", str(RIS))
    option = run_cli("keys", "--bibliography", str(RIS))
    assert positional.returncode == option.returncode == 0
    assert option.stdout == positional.stdout
    assert _keys(option.stdout) == [r.key for r in load(RIS).records]


def test_stdin_needs_from() -> None:
    text = JSON.read_text(encoding="utf-8")
    ok = subprocess.run(
        [sys.executable, "-m", "pantucci_bib.cli", "keys", "--from", "csl-json", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert _keys(ok.stdout) == [r.key for r in loads(text, "csl-json").records]
    missing = run_cli("keys", "-")
    assert missing.returncode == 2
    assert "--from" in missing.stderr


def test_two_files_are_read_in_order() -> None:
    result = run_cli("keys", str(BIB), str(RIS))
    assert result.returncode == 0, result.stderr
    expected = [r.key for r in load(BIB).records] + [r.key for r in load(RIS).records]
    assert _keys(result.stdout) == expected


def test_repeated_key_across_files_names_both() -> None:
    result = run_cli("keys", str(BIB), "--bibliography", str(BIB))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "duplicate citation key" in result.stderr
    assert result.stderr.count(str(BIB)) == 2


def test_export_file_filtered_by_year(tmp_path: Path) -> None:
    out = tmp_path / "out.bib"
    result = run_cli("export", str(BIB), "--to", "biblatex", "--year", "2015-", "-o", str(out))
    assert result.returncode == 0, result.stderr
    written = load(out, "biblatex").records
    expected = [r.key for r in load(BIB).records if r.year is not None and r.year >= 2015]
    assert expected and len(expected) < len(load(BIB).records)
    assert [r.key for r in written] == expected


def test_keys_select_in_order_given() -> None:
    all_keys = [r.key for r in load(BIB).records]
    wanted = [all_keys[2], all_keys[0]]
    result = run_cli("keys", str(BIB), "--keys", ",".join(wanted))
    assert result.returncode == 0, result.stderr
    assert _keys(result.stdout) == wanted
    star = run_cli("keys", str(BIB), "--keys", "*")
    assert _keys(star.stdout) == all_keys


def test_aux_selects_bibtex_and_biblatex_citations(tmp_path: Path) -> None:
    all_keys = [r.key for r in load(BIB).records]
    aux = tmp_path / "paper.aux"
    aux.write_text(
        "\\relax\n"
        f"\\citation{{{all_keys[3]},{all_keys[1]}}}\n"
        f"\\abx@aux@cite{{0}}{{{all_keys[0]}}}\n"
        f"\\citation{{{all_keys[1]}}}\n",
        encoding="utf-8",
    )
    result = run_cli("keys", str(BIB), "--aux", str(aux))
    assert result.returncode == 0, result.stderr
    assert _keys(result.stdout) == [all_keys[3], all_keys[1], all_keys[0]]


def test_unknown_key_names_a_close_key(tmp_path: Path) -> None:
    known = load(BIB).records[0].key
    out = tmp_path / "out.bib"
    result = run_cli("export", str(BIB), "--keys", known[:-1] + "x", "-o", str(out))
    assert result.returncode == 2
    assert known in result.stderr
    assert not out.exists()


def test_filter_matching_nothing_warns_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.bib"
    result = run_cli("export", str(BIB), "--author", "Nobody-At-All", "-o", str(out))
    assert result.returncode == 2
    assert "warning" in result.stderr
    assert "--author Nobody-At-All" in result.stderr
    assert not out.exists()
    keys = run_cli("keys", str(BIB), "--year", "1900")
    assert keys.returncode == 0
    assert keys.stdout == ""
    assert "--year 1900" in keys.stderr


def test_no_file_is_still_the_corpus() -> None:
    result = run_cli("keys")
    assert result.returncode == 0
    assert _keys(result.stdout) == pantucci_bib.corpus().keys()


def test_python_m_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pantucci_bib", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"pantucci-bib {pantucci_bib.__version__}"


def test_read_problems_reported_and_strict_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bib"
    bad.write_text("@article{good, title={T}, year=2020}\n@article{bad, title={T\n", "utf-8")
    lenient = run_cli("keys", str(bad))
    assert lenient.returncode == 0
    assert _keys(lenient.stdout) == ["good"]
    assert f"{bad}:2: error" in lenient.stderr
    strict = run_cli("keys", str(bad), "--strict")
    assert strict.returncode == 3
    assert strict.stdout == ""
