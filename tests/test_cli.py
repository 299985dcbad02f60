"""The command line, run as a user runs it: a real process, real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
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


# --- issue 15: an -o suffix that names no output is refused before anything is read --------

PAGES = Path(__file__).parent / "fixtures" / "pages"
BIB_KNOWN = ".bib, .json, .ris"


@pytest.mark.parametrize("name", ["refs.docx", "x.yaml", "REFS.TXT"])
def test_export_unknown_output_suffix_is_refused(tmp_path, name):
    out = tmp_path / name
    result = run("export", "-o", str(out))
    suffix = Path(name).suffix.lower()
    assert result.returncode == 2
    assert result.stderr == (
        f'pantucci-bib: error: -o {out}: unknown output suffix "{suffix}"; '
        f"known: {BIB_KNOWN} (or name the format with --to)\n"
    )
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_output_without_a_suffix_is_refused(tmp_path):
    out = tmp_path / "refs"
    result = run("export", "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith(f"pantucci-bib: error: -o {out}: no output suffix; known: ")
    assert not out.exists()


def test_a_named_format_accepts_any_suffix(tmp_path):
    out = tmp_path / "refs.txt"
    result = run("export", "--to", "bibtex", "--year", "2011", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == emit(corpus().filter(year="2011"), "bibtex")


def test_the_suffix_is_case_insensitive(tmp_path):
    out = tmp_path / "REFS.JSON"
    assert run("export", "--year", "2011", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == emit(corpus().filter(year="2011"), "csl-json")


@pytest.mark.parametrize(
    "argv",
    [
        ["import", str(PAGES / "tag_frontier.txt")],
        ["convert", str(ROOT / "tests" / "fixtures" / "realworld" / "endnote.ris")],
        ["merge", str(ROOT / "tests" / "fixtures" / "realworld" / "endnote.ris")],
    ],
    ids=["import", "convert", "merge"],
)
def test_every_verb_with_o_refuses_an_unknown_suffix(tmp_path, argv):
    out = tmp_path / "out.yaml"
    result = run(*argv, "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f'pantucci-bib: error: -o {out}: unknown output suffix ".yaml"; '
        f"known: {BIB_KNOWN} (or name the format with --to)"
    )
    assert len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_parse_refs_suffix_is_checked_unless_citations_are_listed(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Notes\n1. Jane Doe, “A Title,” Le Monde, 2 May 2012.\n", "utf-8")
    tsv = tmp_path / "cites.tsv"
    refused = run("parse-refs", str(notes), "-o", str(tsv))
    assert refused.returncode == 2
    assert refused.stderr.startswith(f'pantucci-bib: error: -o {tsv}: unknown output suffix ".tsv"')
    assert not tsv.exists()
    listed = run("parse-refs", str(notes), "--citations", "-o", str(tsv))
    assert listed.returncode == 0, listed.stderr
    assert tsv.read_text("utf-8").startswith("1\t")


# --- issue 15: flags named after the API's keywords, the old ones kept as aliases -------------


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            ["export", "--format", "ris", "--year", "2011"],
            ["export", "--to", "ris", "--year", "2011"],
        ),
        (["keys", "--include-cited"], ["keys", "--with-cited"]),
        (
            ["import", str(PAGES / "tag_frontier.txt"), "--no-curated", "--format", "csl-json"],
            ["import", str(PAGES / "tag_frontier.txt"), "--uncurated", "--to", "csl-json"],
        ),
    ],
    ids=["format-to", "include-cited", "no-curated"],
)
def test_api_named_flag_and_its_alias_agree(new, old):
    first, second = run(*new), run(*old)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout and first.stdout


def test_format_flag_mirrors_emit():
    result = run("export", "--format", "biblatex", "--author", "Petersen")
    assert result.returncode == 0
    assert result.stdout == emit(corpus().filter(author="Petersen"), "biblatex")


@pytest.mark.parametrize(
    ("argv", "name", "value"),
    [
        (["import", "p.txt"], "curated", True),
        (["import", "p.txt", "--no-curated"], "curated", False),
        (["import", "p.txt", "--uncurated"], "curated", False),
        (["keys", "--include-cited"], "include_cited", True),
        (["keys", "--with-cited"], "include_cited", True),
        (["export", "--to", "ris"], "format", "ris"),
        (["export", "--format", "ris"], "format", "ris"),
        (["export", "--from", "ris"], "input_format", "ris"),
        (["export", "--input-format", "ris"], "input_format", "ris"),
    ],
)
def test_flag_and_alias_set_the_api_keyword(argv, name, value):
    from pantucci_bib.cli import build_parser

    assert getattr(build_parser().parse_args(argv), name) == value


def test_input_format_and_from_read_stdin_alike():
    import subprocess
    import sys

    text = (ROOT / "tests" / "fixtures" / "realworld" / "endnote.ris").read_text("utf-8")

    def keys(flag: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pantucci_bib.cli", "keys", flag, "ris", "-"],
            input=text,
            capture_output=True,
            text=True,
            check=False,
        )

    new, old = keys("--input-format"), keys("--from")
    assert new.returncode == old.returncode == 0, new.stderr
    assert new.stdout == old.stdout and new.stdout


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ("export", "--format FORMAT, --to FORMAT"),
        ("export", "--input-format FORMAT, --from FORMAT"),
        ("export", "--include-cited, --with-cited"),
        ("keys", "--include-cited, --with-cited"),
        ("import", "--no-curated, --uncurated"),
        ("import", "--format FORMAT, --to FORMAT"),
        ("parse-refs", "--format FORMAT, --to FORMAT"),
        ("format", "--input-format FORMAT, --from FORMAT"),
    ],
)
def test_help_shows_the_flag_and_its_alias(command, shown):
    result = run(command, "--help")
    assert result.returncode == 0
    assert shown in " ".join(result.stdout.split())


def test_help_epilog_is_the_vocabulary_and_names_real_flags():
    import argparse

    from pantucci_bib.cli import VOCABULARY, build_parser

    text = run("--help").stdout
    assert "flags and the Python keywords they stand for (one vocabulary):" in text
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    flags = {
        option
        for command in sub.choices.values()
        for action in command._actions
        for option in action.option_strings
    }
    for row, python in VOCABULARY:
        assert f"  {row}\n      {python}\n" in text
        named = [word.strip("()") for word in row.split() if word.strip("()").startswith("--")]
        assert named and set(named) <= flags, row
