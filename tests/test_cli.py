"""The command line, run as a user runs it: a real process, real files."""

from __future__ import annotations

import pytest

from conftest import run_cli as run
from pantucci_bib import corpus, emit


def test_export_bibtex_to_file_matches_the_api(tmp_path):
    out = tmp_path / "pantucci.bib"
    result = run("export", "--to", "bibtex", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == emit(corpus(), "bibtex")
    assert "wrote 48 records" in result.stderr


def test_export_csl_json_to_stdout_and_suffix_picks_format(tmp_path):
    result = run("export", "--to", "csl-json")
    assert result.returncode == 0
    assert result.stdout == emit(corpus(), "csl-json")
    out = tmp_path / "refs.json"
    assert run("export", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == emit(corpus(), "csl-json")


def test_filters_mirror_the_api():
    result = run("export", "--to", "biblatex", "--author", "Petersen", "--year", "2012")
    expected = emit(corpus().filter(author="Petersen", year="2012"), "biblatex")
    assert result.returncode == 0 and result.stdout == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--to", "endnote"], "unknown output format 'endnote'"),
        (["export", "--year", "soon"], "not a year or year range"),
        (["export", "--type", "podcast"], "unknown type 'podcast'"),
    ],
)
def test_user_errors_are_one_line_without_traceback(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_unwritable_output_leaves_no_file(tmp_path):
    missing_dir = tmp_path / "no" / "such" / "dir" / "out.bib"
    result = run("export", "-o", str(missing_dir))
    assert result.returncode == 2
    assert str(missing_dir) in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "no").exists()


def test_existing_output_is_replaced_whole_or_not_at_all(tmp_path):
    out = tmp_path / "out.bib"
    out.write_text("previous contents\n", encoding="utf-8")
    result = run("export", "--to", "nonsense", "-o", str(out))
    assert result.returncode == 2
    assert out.read_text(encoding="utf-8") == "previous contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bib"]


def test_output_to_a_directory_is_refused(tmp_path):
    result = run("export", "-o", str(tmp_path))
    assert result.returncode == 2 and "is a directory" in result.stderr


def test_keys_lists_every_key():
    result = run("keys")
    assert result.returncode == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == corpus().keys()


def test_help_and_version():
    assert run("--help").returncode == 0
    assert run("--version").stdout.startswith("pantucci-bib ")
