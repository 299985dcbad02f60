"""Issue 15: ``format``, ``export`` and ``keys`` on the user's own files, through the real CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import pantucci_bib
from conftest import ROOT, run_cli
from pantucci_bib import format_bibliography, load, loads
from pantucci_bib.errors import ParseError

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


# --- issue 15: --strict means any problem, a warning as much as an error ----------------------

STRING_LATE = "@article{k, title={T}, journal=jr, year=2020}\n@string{jr = {Journal}}\n"
RIS_NO_ER = "TY  - JOUR\nTI  - A Title\nAU  - Doe, Jane\nPY  - 2020\n"
PAGES = ROOT / "tests" / "fixtures" / "pages"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_string_used_before_its_definition_fails_strict(tmp_path):
    bib = _write(tmp_path, "late.bib", STRING_LATE)
    lenient = run_cli("keys", str(bib))
    assert lenient.returncode == 0 and _keys(lenient.stdout) == ["k"]
    warning = (
        f"pantucci-bib: {bib}:1: warning: k: undefined macro 'jr' (read as empty; kept as written)"
    )
    assert lenient.stderr.splitlines() == [warning]
    strict = run_cli("keys", str(bib), "--strict")
    assert strict.returncode == 3
    assert strict.stdout == ""
    assert strict.stderr.splitlines() == [
        warning,
        f"pantucci-bib: error: {bib}: 1 warning in strict mode; nothing written",
    ]


def test_ris_without_er_fails_strict_export_and_writes_nothing(tmp_path):
    ris = _write(tmp_path, "in.ris", RIS_NO_ER)
    out = tmp_path / "out.bib"
    out.write_text("before\n", "utf-8")
    strict = run_cli("export", str(ris), "--strict", "-o", str(out))
    assert strict.returncode == 3
    assert strict.stderr.splitlines() == [
        f"pantucci-bib: {ris}:1: warning: last record not closed by ER",
        f"pantucci-bib: error: {ris}: 1 warning in strict mode; nothing written",
    ]
    assert out.read_text("utf-8") == "before\n"
    lenient = run_cli("export", str(ris), "-o", str(out))
    assert lenient.returncode == 0 and out.read_text("utf-8").startswith("@article{")


def test_strict_counts_errors_and_warnings_over_every_file(tmp_path):
    bad = _write(
        tmp_path, "bad.bib", "@article{good, title={T}, year=2020}\n@article{x, title={T\n"
    )
    ris = _write(tmp_path, "in.ris", RIS_NO_ER)
    result = run_cli("keys", str(bad), str(ris), "--strict")
    assert result.returncode == 3 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1] == (
        "pantucci-bib: error: 1 entry skipped and 1 warning in strict mode; nothing written"
    )
    assert len(lines) == 3


def test_a_clean_file_passes_strict(tmp_path):
    bib = _write(tmp_path, "clean.bib", "@string{jr = {Journal}}\n" + STRING_LATE.splitlines()[0])
    result = run_cli("keys", str(bib), "--strict", "--input-format", "bibtex")
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and _keys(result.stdout) == ["k"]
    assert run_cli("keys", "--strict").returncode == 0  # the corpus has no problems


def test_python_strict_raises_on_a_warning_naming_place_and_count():
    with pytest.raises(ParseError) as caught:
        loads(STRING_LATE, "bibtex", source="late.bib", strict=True)
    assert str(caught.value) == (
        "late.bib:1: warning: k: undefined macro 'jr' (read as empty; kept as written); strict mode"
    )
    assert caught.value.where == "late.bib:1"
    two = RIS_NO_ER.replace("PY  - 2020\n", "PY  - 2020\nTY  - JOUR\nTI  - B\n")
    with pytest.raises(ParseError) as caught:
        loads(two, "ris", source="in.ris", strict=True)
    assert str(caught.value) == (
        "in.ris:1: warning: record not closed by ER before the next TY "
        "(and 1 more problem); strict mode"
    )
    assert loads(STRING_LATE, "bibtex").problems  # lenient: problems as data


def test_python_load_strict_from_a_file(tmp_path):
    ris = _write(tmp_path, "in.ris", RIS_NO_ER)
    with pytest.raises(ParseError, match="last record not closed by ER; strict mode") as caught:
        load(ris, strict=True)
    assert caught.value.where == f"{ris}:1"


def test_import_strict_fails_on_a_warning(tmp_path):
    out = tmp_path / "new.bib"
    page = PAGES / "tag_frontier.txt"
    lenient = run_cli("import", str(page), "-o", str(out))
    assert lenient.returncode == 0 and "warning: outlet 'Steppe Review'" in lenient.stderr
    out.unlink()
    strict = run_cli("import", str(page), "--strict", "-o", str(out))
    assert strict.returncode == 3
    assert not out.exists()
    lines = strict.stderr.splitlines()
    assert all(": warning: " in line for line in lines[:-1]) and lines[:-1]
    assert lines[-1] == (
        f"pantucci-bib: error: {len(lines) - 1} warning{'s' if len(lines) > 2 else ''} "
        "in strict mode; nothing written"
    )


def test_parse_refs_strict_writes_nothing(tmp_path):
    notes = _write(
        tmp_path,
        "notes.txt",
        "Notes\n1. Jane Doe, “A Title,” Le Monde, 2 May 2012.\n2. ???\n",
    )
    out = tmp_path / "works.json"
    lenient = run_cli("parse-refs", str(notes), "-o", str(out))
    assert lenient.returncode == 0, lenient.stderr
    problems = [
        line for line in lenient.stderr.splitlines() if ": error: " in line or ": warning: " in line
    ]
    assert problems
    out.unlink()
    strict = run_cli("parse-refs", str(notes), "--strict", "-o", str(out))
    assert strict.returncode == 3
    assert strict.stdout == "" and not out.exists()
    assert strict.stderr.splitlines()[:-1] == problems
    assert strict.stderr.splitlines()[-1].startswith(f"pantucci-bib: error: {notes}: ")
    assert strict.stderr.splitlines()[-1].endswith(" in strict mode; nothing written")
    to_stdout = run_cli("parse-refs", str(notes), "--strict")
    assert to_stdout.returncode == 3 and to_stdout.stdout == ""


def test_format_empty_selection_of_a_file_writes_nothing(tmp_path):
    out = tmp_path / "refs.txt"
    result = run_cli("format", str(RIS), "--style", "apa", "--year", "1900", "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-2:] == [
        "pantucci-bib: warning: no records match --year 1900",
        f"pantucci-bib: error: nothing written to {out}",
    ]
    assert not out.exists()
