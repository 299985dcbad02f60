"""``pantucci-bib format`` and ``pantucci-bib styles``, run as a user runs them."""

from __future__ import annotations

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
    result = run("format", "--style", "publication-list", "--author", "Pantucci", "--year", "2014")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(pantucci_bib.corpus().filter(author="Pantucci", year="2014"))
    assert all(line.startswith("2014 ") for line in lines)


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
