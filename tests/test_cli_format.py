"""``pantucci-bib format`` and ``pantucci-bib styles``, run as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

import pantucci_bib
from conftest import run_cli as run
from pantucci_bib import format_bibliography


def test_format_to_stdout_matches_the_api():
    result = run("format", "--style", "chicago-author-date")
    assert result.returncode == 0, result.stderr
    assert result.stdout == format_bibliography(pantucci_bib.corpus(), "chicago-author-date")


def test_format_html_to_file(tmp_path):
    out = tmp_path / "refs.html"
    result = run("format", "--style", "apa", "--to", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text("utf-8") == format_bibliography(
        pantucci_bib.corpus(), "apa", output="html"
    )
    assert "wrote 48 references" in result.stderr


def test_an_entry_left_out_is_one_warning_line_and_not_counted(tmp_path):
    source = tmp_path / "in.json"
    source.write_text(
        '[{"id": "good", "type": "book", "title": "Fine", "issued": {"date-parts": [[2020]]}},'
        ' {"id": "yau2021", "type": "interview", "title": "Ports", "author": [{"family": "Yau"}]}]',
        "utf-8",
    )
    out = tmp_path / "refs.txt"
    result = run("format", str(source), "--style", "apa", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "pantucci-bib: warning: yau2021: style 'apa' renders nothing for this record (it "
        "lacks every variable the style prints); left out",
        f"pantucci-bib: wrote 1 reference to {out}",
    ]
    assert out.read_text("utf-8") == "Fine. (2020).\n"


@pytest.mark.parametrize(
    ("suffix", "output"),
    [(".md", "markdown"), (".html", "html"), (".tex", "latex"), (".rst", "rst")],
)
def test_output_suffix_picks_the_format(tmp_path, suffix, output):
    out = tmp_path / f"refs{suffix}"
    assert run("format", "--style", "ieee", "--year", "2011", "-o", str(out)).returncode == 0
    records = pantucci_bib.corpus().filter(year="2011")
    assert out.read_text("utf-8") == format_bibliography(records, "ieee", output=output)


def test_style_file_and_markdown(tmp_path):
    style = tmp_path / "my-journal.csl"
    style.write_bytes(pantucci_bib.styles.resolve_style("apa").path.read_bytes())
    result = run("format", "--style", str(style), "--to", "markdown", "--author", "Petersen")
    assert result.returncode == 0, result.stderr
    assert "*International Herald Tribune*" in result.stdout


def test_publication_list_with_filters():
    # issue 18: the year is a heading over its entries, no longer a column on each line
    result = run("format", "--style", "publication-list", "--author", "Pantucci", "--year", "2014")
    assert result.returncode == 0, result.stderr
    heading, *lines = result.stdout.splitlines()
    assert heading == "2014"
    assert len(lines) == len(pantucci_bib.corpus().filter(author="Pantucci", year="2014"))
    assert not any(line.startswith("2014") for line in lines)


def test_locale_option():
    result = run("format", "--style", "apa", "--locale", "de", "--year", "2011")
    assert result.returncode == 0 and "Oktober" in result.stdout


def test_styles_lists_names():
    result = run("styles")
    assert result.returncode == 0
    names = result.stdout.splitlines()
    assert names[0] == "publication-list"
    assert {"apa", "ieee", "modern-language-association"} <= set(names)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--style", "chicgo-author-date"], "did you mean chicago-author-date"),
        (["--style", "apa", "--locale", "xx-YY"], "unknown locale 'xx-YY'"),
        (["--style", "no/such.csl"], "no such style file"),
        (["--style", "apa", "--year", "20x1"], ""),
    ],
)
def test_bad_input_is_one_line_exit_2_and_no_file(tmp_path, args, message):
    out = tmp_path / "refs.txt"
    result = run("format", *args, "-o", str(out))
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert result.stdout == ""


def test_malformed_style_file(tmp_path):
    bad = tmp_path / "bad.csl"
    bad.write_text(
        '<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl">\n', "utf-8"
    )
    out = tmp_path / "refs.txt"
    result = run("format", "--style", str(bad), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith(f"pantucci-bib: error: {bad}:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_style_is_required():
    result = run("format")
    assert result.returncode == 2
    assert "--style" in result.stderr


# --- issue 15 ------------------------------------------------------------------------------

FORMAT_KNOWN = ".docx, .htm, .html, .markdown, .md, .rst, .tex, .txt"  # .docx: issue 18
RIS = Path(__file__).parent / "fixtures" / "realworld" / "endnote.ris"


def test_unknown_output_suffix_is_refused(tmp_path):
    out = tmp_path / "refs.pdf"  # .docx until issue 18, which made it a Word file
    result = run("format", "--style", "apa", "-o", str(out))
    assert result.returncode == 2
    assert result.stderr == (
        f'pantucci-bib: error: -o {out}: unknown output suffix ".pdf"; '
        f"known: {FORMAT_KNOWN} (or name the format with --to)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_bibliography_suffix_is_not_a_format_output(tmp_path):
    out = tmp_path / "refs.bib"
    result = run("format", "--style", "apa", "-o", str(out))
    assert result.returncode == 2
    assert 'unknown output suffix ".bib"' in result.stderr and not out.exists()


def test_to_makes_any_suffix_acceptable(tmp_path):
    out = tmp_path / "refs.out"
    result = run("format", "--style", "apa", "--year", "2011", "--to", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    records = pantucci_bib.corpus().filter(year="2011")
    assert out.read_text("utf-8") == format_bibliography(records, "apa", output="html")


def test_empty_selection_with_o_writes_nothing(tmp_path):
    out = tmp_path / "refs.txt"
    result = run("format", str(RIS), "--style", "apa", "--author", "Nobody-At-All", "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-2:] == [  # after the file's own read warnings
        "pantucci-bib: warning: no records match --author Nobody-At-All",
        f"pantucci-bib: error: nothing written to {out}",
    ]
    assert not out.exists()


def test_empty_selection_with_o_keeps_an_existing_file(tmp_path):
    out = tmp_path / "refs.txt"
    out.write_text("before\n", "utf-8")
    result = run("format", "--style", "apa", "--year", "1900", "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith("pantucci-bib: warning: no records match --year 1900\n")
    assert out.read_text("utf-8") == "before\n"


def test_empty_selection_to_stdout_warns_and_succeeds():
    result = run("format", "--style", "apa", "--year", "1900")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr == "pantucci-bib: warning: no records match --year 1900\n"


@pytest.mark.parametrize("name", ["APA", "Apa", "PUBLICATION-LIST", "Nature-Digest"])
def test_style_names_ignore_case(name):
    result = run("format", "--style", name, "--year", "2011", "--no-cache")
    assert result.returncode == 0, result.stderr
    expected = run("format", "--style", name.lower(), "--year", "2011", "--no-cache")
    assert result.stdout == expected.stdout and result.stdout


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("chicago", "chicago-author-date"),
        ("harvard", "harvard-cite-them-right"),
        ("mla", "modern-language-association"),
        ("apa7", "apa"),
        ("ieee-style", "ieee"),
        ("chicgo-author-date", "chicago-author-date"),
        ("author-date-chicago", "chicago-author-date"),
    ],
)
def test_unknown_style_suggests_what_was_meant_first(tmp_path, typed, first):
    out = tmp_path / "refs.txt"
    result = run("format", "--style", typed, "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"pantucci-bib: error: unknown style {typed!r}; did you mean {first}, "
    )
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_styles_query_lists_ids_with_titles():
    result = run("styles", "apa")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "apa\tAPA Style 7th edition"
    assert all("\t" in line for line in lines)
    ids = [line.split("\t")[0] for line in lines]
    assert "apa-6th-edition" in ids and "chicago-author-date" not in ids


def test_styles_query_ranks_the_common_style_first_and_searches_titles():
    harvard = run("styles", "harvard").stdout.splitlines()
    assert harvard[0].startswith("harvard-cite-them-right\tCite Them Right")
    by_title = run("styles", "cite", "them", "right").stdout.splitlines()
    assert by_title[0].startswith("harvard-cite-them-right\t")
    both = run("styles", "Chicago", "author").stdout.splitlines()
    assert both[0].startswith("chicago-author-date\tChicago Manual of Style")


def test_styles_query_matching_nothing_warns():
    result = run("styles", "zzzzqqqq")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr == "pantucci-bib: warning: no style matches 'zzzzqqqq'\n"


def _apa_with(tmp_path: Path, old: str, new: str) -> Path:
    text = pantucci_bib.styles.resolve_style("apa").path.read_text("utf-8")
    assert old in text
    broken = tmp_path / "broken.csl"
    broken.write_text(text.replace(old, new, 1), "utf-8")
    return broken


def test_a_style_calling_an_undefined_macro_names_file_line_and_macro(tmp_path):
    broken = _apa_with(tmp_path, '<text macro="title"', '<text macro="titel"')
    line = broken.read_text("utf-8")[: broken.read_text("utf-8").index('macro="titel"')]
    out = tmp_path / "refs.txt"
    result = run("format", str(RIS), "--style", str(broken), "-o", str(out), "--no-cache")
    assert result.returncode == 2
    assert result.stderr == (
        f"pantucci-bib: error: {broken}:{line.count(chr(10)) + 1}: "
        "the style calls the undefined macro 'titel'\n"
    )
    assert not out.exists()


def test_a_broken_style_is_reported_before_the_input_is_read(tmp_path):
    broken = _apa_with(tmp_path, '<text macro="title"', '<text macro="titel"')
    result = run("format", str(tmp_path / "missing.bib"), "--style", str(broken))
    assert result.returncode == 2
    assert "undefined macro 'titel'" in result.stderr and "missing.bib" not in result.stderr


def test_strict_fails_on_a_warning_and_writes_nothing(tmp_path):
    ris = tmp_path / "in.ris"
    ris.write_text("TY  - JOUR\nTI  - A Title\nAU  - Doe, Jane\nPY  - 2020\n", "utf-8")
    out = tmp_path / "refs.txt"
    result = run("format", str(ris), "--style", "apa", "--strict", "-o", str(out))
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        f"pantucci-bib: {ris}:1: warning: last record not closed by ER",
        f"pantucci-bib: error: {ris}: 1 warning in strict mode; nothing written",
    ]
    assert not out.exists() and result.stdout == ""
    lenient = run("format", str(ris), "--style", "apa", "-o", str(out))
    assert lenient.returncode == 0 and out.read_text("utf-8").startswith("Doe, J. (2020)")
