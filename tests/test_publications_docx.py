"""Issue 18: ``format -o refs.docx`` writes a Word file that Word's readers open: read back
with python-docx and converted to text by LibreOffice (headless), as a user's tools would."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
from pathlib import Path

import pytest

import pantucci_bib
from conftest import require_tool
from conftest import run_cli as run
from pantucci_bib.formatting import format_entries
from pantucci_bib.publications import word
from pantucci_bib.publications.listing import year_groups

try:
    import docx
except ImportError:  # CI installs the test extra, so there a missing python-docx fails
    if os.environ.get("CI"):
        raise
    pytest.skip("python-docx is in the test extra (pip install .[test])", allow_module_level=True)

ROE = Path(__file__).parent / "fixtures" / "publications" / "zotero-roe.bib"


def _plain(html_entry):
    return "".join(text for text, _ in word.runs(html_entry))


def _italics(html_entry):
    return re.findall(r"<i>(.*?)</i>", html_entry)


@pytest.fixture(scope="module")
def apa_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx") / "refs.docx"
    result = run("format", "--style", "apa", "--author", "Petersen", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_entries_italics_and_hanging_indent_read_back(apa_docx):
    records = pantucci_bib.corpus().filter(author="Petersen")
    expected = format_entries(records, "apa", output="html")
    document = docx.Document(str(apa_docx))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert [p.text for p in paragraphs] == [_plain(e) for _, e in expected]
    for paragraph, (_, entry) in zip(paragraphs, expected, strict=True):
        italic = [r.text for r in paragraph.runs if r.italic]
        assert italic == [_plain(i) for i in _italics(entry)]
        layout = paragraph.style.paragraph_format
        assert layout.first_line_indent < 0 and layout.left_indent == -layout.first_line_indent
    assert any(r.italic for p in paragraphs for r in p.runs)


def test_publication_list_docx_has_year_headings_and_bold_name(tmp_path):
    out = tmp_path / "pubs.docx"
    result = run(
        "format", "--style", "publication-list", "--author", "Pantucci", "--year", "2013-2015",
        "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["2015", "2014", "2013"]
    records = pantucci_bib.corpus().filter(author="Pantucci", year="2013-2015")
    entries = [p for p in document.paragraphs if p.style.name == "Bibliography"]
    assert len(entries) == len(records)
    for paragraph in entries:
        bold = "".join(r.text for r in paragraph.runs if r.bold)
        assert "Pantucci" in bold, paragraph.text


def test_small_caps_bold_and_links_become_word_properties(tmp_path):
    entry = (
        'Roe, <span style="font-variant:small-caps;">ann</span>, <b>7</b>, <i>A <span '
        'style="font-style:normal;">B</span> C</i>, <a href="https://example.org/x">x</a>'
    )
    document = docx.Document(__import__("io").BytesIO(word.docx_bytes([(None, [entry])])))
    (paragraph,) = [p for p in document.paragraphs if p.text]
    runs = {r.text: r for r in paragraph.runs}
    assert runs["ann"].font.small_caps and runs["7"].bold
    assert runs["A "].italic and not runs["B"].italic and runs[" C"].italic
    links = paragraph._p.xpath(".//w:hyperlink")
    assert len(links) == 1
    target = document.part.rels[links[0].get(docx.oxml.ns.qn("r:id"))].target_ref
    assert target == "https://example.org/x" and paragraph.text.endswith("x")


def test_libreoffice_opens_it(apa_docx, tmp_path):
    soffice = require_tool("soffice")
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(apa_docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = (tmp_path / "refs.txt").read_text("utf-8-sig")
    records = pantucci_bib.corpus().filter(author="Petersen")
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines == [_plain(e) for _, e in format_entries(records, "apa", output="html")]


def test_roe_library_to_docx(tmp_path):
    out = tmp_path / "roe.docx"
    result = run(
        "format", str(ROE), "--style", "publication-list", "--author", "Roe", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    records = pantucci_bib.Library(pantucci_bib.load(str(ROE)).records).filter(author="Roe")
    groups = year_groups(records, "publication-list", output="html", author="Roe")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [heading for heading, _ in groups]
    entries = [p.text for p in document.paragraphs if p.style.name == "Bibliography"]
    assert entries == [_plain(e) for _, group in groups for e in group]


def test_docx_needs_a_file(tmp_path):
    result = run("format", "--style", "apa", "--to", "docx")
    assert result.returncode == 2
    assert (
        result.stderr == "pantucci-bib: error: docx is a binary file: name it with -o FILE.docx\n"
    )


def test_missing_python_docx_is_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "docx" else real(name, *a)
    )
    out = tmp_path / "refs.docx"
    from pantucci_bib.cli import main

    assert main(["format", "--style", "apa", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (
        "pantucci-bib: error: writing .docx needs python-docx: "
        "pip install 'pantucci-bib[docx]' (or python-docx)\n"
    )
    assert list(tmp_path.iterdir()) == []
