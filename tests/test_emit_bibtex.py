"""BibTeX and BibLaTeX output, checked by the programs that read it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import require_tool
from pantucci_bib import PartialDate, Person, Record, RelationKind, corpus, emit

LATEX_DOC = r"""\documentclass{article}
\begin{document}
\nocite{*}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""
BIBLATEX_DOC = r"""\documentclass{article}
\usepackage[backend=biber]{biblatex}
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""


@pytest.fixture(scope="module")
def bibtex_text() -> str:
    return emit(corpus(), "bibtex")


@pytest.fixture(scope="module")
def biblatex_text() -> str:
    return emit(corpus(), "biblatex")


def test_output_is_deterministic():
    assert emit(corpus(), "bibtex") == emit(corpus(), "bibtex")
    assert emit(corpus(), "biblatex") == emit(corpus(), "biblatex")


@pytest.mark.parametrize("fixture", ["bibtex_text", "biblatex_text"])
def test_pybtex_parses_every_entry(fixture, request):
    from pybtex.database import parse_string

    text = request.getfixturevalue(fixture)
    data = parse_string(text, "bibtex")
    assert list(data.entries) == corpus().keys()
    entry = data.entries["liClashingInterestsCentral2012"]
    assert [str(p) for p in entry.persons["author"]] == ["Li, Lifan", "Pantucci, Raffaello"]


@pytest.mark.parametrize("fixture", ["bibtex_text", "biblatex_text"])
def test_bibtexparser_parses_every_entry(fixture, request):
    import bibtexparser

    library = bibtexparser.parse_string(request.getfixturevalue(fixture))
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == corpus().keys()


def test_bibtex_fields(bibtex_text):
    assert "@article{pantucciChinaRussiaLocked2015," in bibtex_text
    assert "  month    = nov," in bibtex_text  # month macro, not a braced string
    assert "year         = {[2015?]}" in bibtex_text  # approximate date marked
    # the print-edition title travels in the note, the only field plain.bst prints for it
    assert "Print edition title: ``Russia holding the door" in bibtex_text


def test_bibtex_escapes_and_protects():
    record = Record(
        key="x2020",
        type="article-newspaper",
        title="R&D at 100% in the SCO",
        author=[Person(family="Müller", given="José")],
        container_title="Foo & Bar",
        issued=PartialDate(2020, 5),
    )
    text = emit([record], "bibtex")
    assert r"title   = {{R\&D} at 100\% in the {SCO}}" in text
    assert "M{\\\"u}ller, Jos{\\'e}" in text
    assert r"journal = {Foo \& Bar}" in text


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False, timeout=300)


def test_bibtex_compiles_with_plain_bst_without_warnings(tmp_path, bibtex_text):
    pdflatex = require_tool("pdflatex")
    bibtex = require_tool("bibtex")
    (tmp_path / "refs.bib").write_text(bibtex_text, encoding="utf-8")
    (tmp_path / "doc.tex").write_text(LATEX_DOC, encoding="utf-8")
    _run([pdflatex, "-interaction=nonstopmode", "doc.tex"], tmp_path)  # writes doc.aux
    result = _run([bibtex, "doc"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert "Warning" not in result.stdout and "error" not in result.stdout.lower(), result.stdout
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert sorted(re.findall(r"\\bibitem\{([^}]+)\}", bbl)) == sorted(corpus().keys())


def _validate_with_biber(tmp_path: Path, text: str, keys: list[str]) -> None:
    pdflatex = require_tool("pdflatex")
    biber = require_tool("biber")
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    (tmp_path / "doc.tex").write_text(BIBLATEX_DOC, encoding="utf-8")
    first = _run([pdflatex, "-interaction=nonstopmode", "doc.tex"], tmp_path)
    assert (tmp_path / "doc.bcf").is_file(), first.stdout[-2000:]
    result = _run([biber, "--validate-datamodel", "doc"], tmp_path)
    problems = [line for line in result.stdout.splitlines() if line.startswith(("WARN", "ERROR"))]
    assert result.returncode == 0 and not problems, "\n".join(problems) or result.stdout[-2000:]
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert set(keys) <= set(re.findall(r"\\entry\{([^}]+)\}", bbl))


def test_biblatex_validates_with_biber(tmp_path, biblatex_text):
    _validate_with_biber(tmp_path, biblatex_text, corpus().keys())


def test_biblatex_uses_its_own_fields_for_originals(biblatex_text):
    def fields(key: str) -> dict[str, str]:
        return _fields_of(biblatex_text, key)[1]

    extract = fields("pantucciRisingTensionChina2022")
    assert extract["related"] == "pantucciSinostanChinaInadvertent2022"
    assert extract["relatedtype"] == "origpubin"
    assert extract["origtitle"].startswith("Sinostan") and "note" not in extract
    translated = fields("pantucciCorporateChinaChallenges2012")
    assert translated["origlanguage"] == "english"
    assert translated["langid"] == "chinese"
    assert translated["date"] == "2012-11-14T05:13:00"
    assert fields("xieChinaRediscoveredCentral2015")["date"] == "2015~"  # circa, in EDTF


# The works an article cites (issue 10): BibLaTeX for biber, classic BibTeX for plain.bst.

CITING = "pantucciPavingDigitalSilk2022"


def _fields_of(text: str, key: str) -> tuple[str, dict[str, str]]:
    head, entry = text.split("{" + key + ",\n")
    entry_type = head.rsplit("@", 1)[1]
    entry = entry.split("\n}")[0]
    return entry_type, dict(re.findall(r"^  (\w+)\s+= \{(.*)\},$", entry, flags=re.M))


@pytest.fixture(scope="module")
def with_cited_biblatex() -> str:
    return emit(corpus(include_cited=True), "biblatex")


def test_corpus_with_cited_works_validates_with_biber(tmp_path, with_cited_biblatex):
    _validate_with_biber(tmp_path, with_cited_biblatex, corpus(include_cited=True).keys())


def test_cited_works_in_biblatex(with_cited_biblatex):
    text = with_cited_biblatex
    entry_type, article = _fields_of(text, CITING)
    assert article["relatedtype"] == "cites"
    assert article["related"].split(",") == list(corpus().get(CITING).related(RelationKind.CITES))
    entry_type, page = _fields_of(text, "peoplesZhongEHa2000")  # a web page with URL + access date
    assert entry_type == "online" and page["urldate"] == "2022-08-14" and page["url"]
    entry_type, undated = _fields_of(text, "kazakhstanHistory")
    assert entry_type == "online" and undated["date"] == "XXXX"  # EDTF: year unspecified
    entry_type, unsigned = _fields_of(text, "anonSCOPlansEnhance2020")  # news with no byline
    assert entry_type == "online" and unsigned["titleaddon"] == "Xinhua"
    entry_type, report = _fields_of(text, "erokhinComparativeAnalysisDigital2020")
    assert entry_type == "report"
    assert (report["type"], report["number"], report["institution"]) == (
        "Policy Briefs",
        "63",
        "OSCE and NUPI",
    )
    entry_type, _ = _fields_of(text, "jiangBushishijiDiShishi1999")
    assert entry_type == "inbook"  # a part of a one-author book: no editor to name
    # a plain export relates only entries the file holds: the one cited corpus article
    _, plain = _fields_of(emit(corpus(), "biblatex"), CITING)
    assert plain["related"] == "pantucciUzbekistanBalancingAct2012"
    assert plain["relatedtype"] == "cites"


def test_cited_works_sort_in_plain_bst(tmp_path):
    pdflatex = require_tool("pdflatex")
    bibtex = require_tool("bibtex")
    cited = corpus(include_cited=True).cited_by(CITING)
    (tmp_path / "refs.bib").write_text(emit(cited, "bibtex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(LATEX_DOC, encoding="utf-8")
    _run([pdflatex, "-interaction=nonstopmode", "doc.tex"], tmp_path)
    result = _run([bibtex, "doc"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert "need author or key" not in result.stdout  # unsigned items sort by their `key`
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert sorted(re.findall(r"\\bibitem\{([^}]+)\}", bbl)) == sorted(cited.keys())
