"""``pantucci-bib convert`` and ``merge``, run as a user runs them: a real process, real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli as run
from pantucci_bib import Library, corpus, emit, load, loads, merge

FIXTURES = Path(__file__).parent / "fixtures" / "bib"


def test_convert_bib_to_csl_json_matches_the_api(tmp_path):
    out = tmp_path / "my.json"
    result = run("convert", str(FIXTURES / "zotero.bib"), "--to", "csl-json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == emit(
        load(FIXTURES / "zotero.bib").records, "csl-json"
    )
    assert "wrote 3 records" in result.stderr


def test_convert_csl_json_to_biblatex_on_stdout_and_back(tmp_path):
    source = tmp_path / "corpus.json"
    source.write_text(emit(corpus(), "csl-json"), encoding="utf-8")
    result = run("convert", str(source), "--to", "biblatex")
    assert result.returncode == 0, result.stderr
    records = loads(result.stdout, "biblatex").records
    assert [r.key for r in records] == corpus().keys()


def test_output_suffix_picks_the_format_and_from_overrides_the_input_suffix(tmp_path):
    source = tmp_path / "export.txt"
    shutil.copy(FIXTURES / "betterbiblatex.bib", source)
    out = tmp_path / "out.ris"
    result = run("convert", str(source), "--from", "biblatex", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("TY  - NEWS\nID  - pantucciRussiaHoldsDoor2015\n")


def test_export_to_ris_goes_through_the_registry(tmp_path):
    out = tmp_path / "pantucci.ris"
    result = run("export", "--to", "ris", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == emit(corpus(), "ris")
    assert run("export", "-o", str(tmp_path / "x.ris")).returncode == 0  # by the suffix too


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "endnote"], "unknown input format 'endnote'; known: "),
        (["--to", "docx"], "unknown output format 'docx'; known: "),
    ],
)
def test_unknown_formats_are_one_line_listing_the_known_ones(args, message):
    result = run("convert", str(FIXTURES / "zotero.bib"), *args)
    assert result.returncode == 2
    assert message in result.stderr and "bibtex" in result.stderr and "ris" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_an_unknown_suffix_asks_for_from(tmp_path):
    source = tmp_path / "refs.txt"
    source.write_text("@misc{a, title={T}}", encoding="utf-8")
    result = run("convert", str(source), "--to", "ris")
    assert result.returncode == 2
    assert "cannot tell the input format" in result.stderr and "--from" in result.stderr


def test_a_missing_file_is_a_user_error(tmp_path):
    result = run("convert", str(tmp_path / "nope.bib"), "--to", "ris")
    assert result.returncode == 2
    assert "nope.bib: cannot read" in result.stderr and "Traceback" not in result.stderr


def test_malformed_entries_are_reported_and_the_rest_converted(tmp_path):
    out = tmp_path / "out.json"
    result = run("convert", str(FIXTURES / "malformed.bib"), "--to", "csl-json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"{FIXTURES / 'malformed.bib'}:8: error: malformed entry skipped" in result.stderr
    assert "wrote 4 records" in result.stderr
    assert len(loads(out.read_text(encoding="utf-8"), "csl-json").records) == 4


def test_strict_exits_3_and_leaves_no_output(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("previous contents\n", encoding="utf-8")
    result = run(
        "convert", str(FIXTURES / "malformed.bib"), "--to", "csl-json", "-o", str(out), "--strict"
    )
    assert result.returncode == 3
    assert result.stderr.splitlines()[-1] == (
        f"pantucci-bib: error: {FIXTURES / 'malformed.bib'}: 3 entries skipped and 1 warning "
        "in strict mode; nothing written"
    )
    assert out.read_text(encoding="utf-8") == "previous contents\n"  # untouched
    assert not [p for p in tmp_path.iterdir() if p.name != "out.json"]  # no temporary left


def test_strict_with_clean_input_succeeds(tmp_path):
    result = run("convert", str(FIXTURES / "zotero.bib"), "--to", "ris", "--strict")
    assert result.returncode == 0 and result.stdout.count("ER  - ") == 3


def test_a_json_syntax_error_is_one_line_with_its_line(tmp_path):
    source = tmp_path / "broken.json"
    source.write_text('[\n  {"id": "a"},\n  {"id": }\n]\n', encoding="utf-8")
    out = tmp_path / "out.bib"
    result = run("convert", str(source), "-o", str(out))
    assert result.returncode == 2
    assert f"{source}:3: invalid JSON" in result.stderr
    assert not out.exists()


def test_merge_reports_duplicates_and_writes_corpus_plus_mine(tmp_path):
    mine = tmp_path / "my.bib"
    mine.write_text(
        (FIXTURES / "jabref.bib").read_text(encoding="utf-8")
        + "\n@article{mySilkRoad,\n  author = {Pantucci, Raffaello and Lain, Sarah},\n"
        "  title = {Silk Road: China's project could transform Eurasia},\n"
        "  journal = {EU Observer},\n  year = {2015},\n}\n",
        encoding="utf-8",
    )
    out = tmp_path / "merged.bib"
    result = run("merge", str(mine), "--to", "bibtex", "-o", str(out))
    assert result.returncode == 0, result.stderr
    duplicates = [line for line in result.stderr.splitlines() if "duplicate:" in line]
    assert duplicates[-1] == (
        f"pantucci-bib: duplicate: {mine}:63: mySilkRoad duplicates pantucciSilkRoadChina2015 "
        "(same title, first author and year); kept pantucciSilkRoadChina2015, "
        "with mySilkRoad as an alias"
    )
    assert len(duplicates) == 4  # the JabRef file holds three corpus articles as well
    expected = merge(load(mine).records)
    assert out.read_text(encoding="utf-8") == emit(expected.library, "bibtex")
    assert len(expected.library) == len(corpus()) + 3
    fields = len(expected.merged_fields)
    assert result.stderr.splitlines()[-1] == (
        "pantucci-bib: merged 7 records: 3 new, 4 duplicates folded into the records kept "
        f"({fields} fields merged); wrote {len(corpus()) + 3} records to {out}"
    )
    assert result.stderr.count("pantucci-bib: merged field: ") == fields > 0


MY_SILK_ROAD = """@article{mySilkRoad,
  author  = {Pantucci, Raffaello and Lain, Sarah},
  title   = {Silk Road: China's project could transform Eurasia},
  journal = {EU Observer Weekly},
  year    = {2015},
  volume  = {7},
  file    = {silk-road.pdf},
}
"""


def _merged_fields(stderr: str) -> list[str]:
    return [
        line.removeprefix("pantucci-bib: merged field: ")
        for line in stderr.splitlines()
        if line.startswith("pantucci-bib: merged field: ")
    ]


@pytest.mark.parametrize(
    ("prefer", "container", "reports"),
    [
        (
            [],
            "EU Observer Weekly",
            [
                "type: 'article-journal' replaces 'article-newspaper'",
                'title: "Silk Road: China\'s project could transform Eurasia" replaces '
                "'Silk Road: China’s project could transform Eurasia'",
                "container_title: 'EU Observer Weekly' replaces 'EU Observer'",
                "volume added: '7'",
                "bibtex:file added: '{silk-road.pdf}'",
            ],
        ),
        (
            ["--prefer", "corpus"],
            "EU Observer",
            [
                "type: kept 'article-newspaper'; 'article-journal' left out",
                "title: kept 'Silk Road: China’s project could transform Eurasia'; "
                '"Silk Road: China\'s project could transform Eurasia" left out',
                "container_title: kept 'EU Observer'; 'EU Observer Weekly' left out",
                "volume added: '7'",
                "bibtex:file added: '{silk-road.pdf}'",
            ],
        ),
    ],
    ids=["user", "corpus"],
)
def test_merge_folds_a_duplicate_field_by_field(tmp_path, prefer, container, reports):
    mine = tmp_path / "my.bib"
    mine.write_text(MY_SILK_ROAD, encoding="utf-8")
    out = tmp_path / "merged.bib"
    result = run("merge", str(mine), "--to", "biblatex", "-o", str(out), *prefer)
    assert result.returncode == 0, result.stderr
    where = f"{mine}:1: mySilkRoad into pantucciSilkRoadChina2015: "
    assert _merged_fields(result.stderr) == [where + line for line in reports]
    left_out = ", 3 of the user's values left out: --prefer corpus" if prefer else ""
    assert result.stderr.splitlines()[-1] == (
        "pantucci-bib: merged 1 record: 0 new, 1 duplicate folded into the records kept "
        f"(5 fields merged{left_out}); wrote {len(corpus())} records to {out}"
    )
    merged = Library(loads(out.read_text(encoding="utf-8"), "biblatex").records)
    kept = merged.get("mySilkRoad")  # the user's key finds the kept record: biblatex ids
    assert (kept.key, kept.container_title, kept.volume) == (
        "pantucciSilkRoadChina2015",
        container,
        "7",
    )
    assert [f.value for f in kept.extra if f.name in ("file", "ids")] == [
        "{silk-road.pdf}",
        "{mySilkRoad}",
    ]


def test_merge_output_with_ids_parses_with_pybtex(tmp_path):
    from pybtex.database import parse_file

    mine = tmp_path / "my.bib"
    mine.write_text(MY_SILK_ROAD, encoding="utf-8")
    for fmt in ("biblatex", "bibtex"):
        out = tmp_path / f"merged-{fmt}.bib"
        assert run("merge", str(mine), "--to", fmt, "-o", str(out)).returncode == 0
        entries = parse_file(str(out), "bibtex").entries
        assert list(entries) == corpus().keys()
        fields = entries["pantucciSilkRoadChina2015"].fields
        assert fields.get("ids") == ("mySilkRoad" if fmt == "biblatex" else None)
        assert fields["file"] == "silk-road.pdf" and fields["volume"] == "7"


def test_merge_rejects_an_unknown_prefer():
    result = run("merge", str(FIXTURES / "zotero.bib"), "--prefer", "mine")
    assert result.returncode == 2
    assert "argument --prefer: invalid choice: 'mine'" in result.stderr  # quoting: by version
    assert "corpus" in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("command", ["convert", "merge"])
def test_strict_fails_on_a_warning_too(tmp_path, command):
    source = tmp_path / "my.bib"
    source.write_text("@article{k, author={Smith, Ann}, title={T}, year={sometime}}\n")
    out = tmp_path / "out.bib"
    lenient = run(command, str(source), "-o", str(out))
    assert lenient.returncode == 0 and out.exists()
    out.unlink()
    result = run(command, str(source), "-o", str(out), "--strict")
    assert result.returncode == 3 and not out.exists()
    assert result.stderr.splitlines() == [
        f"pantucci-bib: {source}:1: warning: k: year 'sometime' not read",
        f"pantucci-bib: error: {source}: 1 warning in strict mode; nothing written",
    ]


def test_help_lists_the_new_commands():
    result = run("--help")
    assert "convert" in result.stdout and "merge" in result.stdout
