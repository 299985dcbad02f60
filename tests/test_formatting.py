"""pantucci_bib.format_bibliography: outputs, locales, the publication list, errors, caching."""

from __future__ import annotations

import subprocess
import sys

import pytest

import pantucci_bib
from pantucci_bib import PartialDate, Person, Record
from pantucci_bib.errors import DataError, ParseError, UnknownFormatError
from pantucci_bib.formatting import OUTPUTS, format_bibliography, format_entries

PETERSEN_2011 = pantucci_bib.corpus().filter(author="Petersen", year="2011")


def test_text_is_one_entry_a_line_in_style_order():
    assert format_bibliography(PETERSEN_2011, "apa") == (
        "Pantucci, R., & Petersen, A. (2011a, October 17). [Op-ed]. International Herald Tribune.\n"
        "Pantucci, R., & Petersen, A. (2011b, November 7). China hasn’t yet grown into its role. "
        "The Interpreter.\n"
    )


def test_exported_from_the_package():
    assert pantucci_bib.format_bibliography is format_bibliography
    assert "publication-list" in pantucci_bib.available_styles()


def test_entries_carry_their_keys():
    assert [key for key, _ in format_entries(PETERSEN_2011, "apa")] == [
        "pantucci2011",
        "pantucciChinaHasntGrown2011",
    ]


def test_no_records_no_text():
    assert format_bibliography([], "apa") == ""


@pytest.mark.parametrize("output", OUTPUTS)
def test_deterministic(output):
    first = format_bibliography(pantucci_bib.corpus(), "chicago-author-date", output=output)
    assert first == format_bibliography(pantucci_bib.corpus(), "chicago-author-date", output=output)


def test_html_keeps_italics_and_wraps_entries():
    html = format_bibliography(PETERSEN_2011, "apa", output="html")
    assert html.startswith('<div class="csl-bib-body">\n  <div class="csl-entry">')
    assert "<i>International Herald Tribune</i>" in html
    assert html.endswith("</div>\n</div>\n")


@pytest.mark.parametrize(
    ("output", "italic", "separator"),
    [
        ("markdown", "*International Herald Tribune*", "\n\n"),
        ("rst", ":emphasis:`International Herald Tribune`", "\n\n"),
        ("latex", r"\emph{International Herald Tribune}", "\n\n"),
        ("text", "International Herald Tribune.", "\n"),
    ],
)
def test_rich_formats_keep_italics(output, italic, separator):
    text = format_bibliography(PETERSEN_2011, "apa", output=output)
    assert italic in text
    assert text.count(separator) >= 1 and text.endswith("\n")


def _small_caps_style(tmp_path):
    path = tmp_path / "caps.csl"
    path.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Caps</title><id>caps</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <names variable="author"><name font-variant="small-caps" form="short"/></names>
    <text variable="URL" prefix=", "/>
  </layout></bibliography>
</style>
""",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("output", "caps", "link"),
    [
        (
            "html",
            '<span style="font-variant:small-caps;">Doe</span>',
            '<a href="https://e.org/a?b=1&amp;c=2">',
        ),
        (
            "markdown",
            '<span style="font-variant:small-caps">Doe</span>',
            "<https://e.org/a?b=1&c=2>",
        ),
        ("latex", r"\textsc{Doe}", r"\url{https://e.org/a?b=1&c=2}"),
        ("rst", "Doe", "https://e.org/a?b=1&c=2"),
    ],
)
def test_small_caps_and_links_survive(tmp_path, output, caps, link):
    record = Record(
        key="doe",
        type="webpage",
        title="T",
        author=[Person(family="Doe", given="J")],
        url="https://e.org/a?b=1&c=2",
    )
    text = format_bibliography([record], _small_caps_style(tmp_path), output=output)
    assert caps in text and link in text


def test_doi_becomes_a_link():
    record = Record(
        key="s",
        type="article-journal",
        title="A study",
        author=[Person(family="Smith", given="A")],
        container_title="J",
        issued=PartialDate(2018),
        doi="10.1000/xyz123",
    )
    html = format_bibliography([record], "apa", output="html")
    # one link over the style's https://doi.org/ prefix and the DOI, as citeproc-js links it
    link = "https://doi.org/10.1000/xyz123"
    assert f'<a href="{link}">{link}</a>' in html


def test_locale_overrides_the_style():
    german = format_bibliography(PETERSEN_2011, "apa", locale="de")
    assert "Oktober" in german
    assert format_bibliography(PETERSEN_2011, "apa", locale="de-DE") == german


def test_dependent_style_uses_its_own_locale():
    text = format_bibliography(PETERSEN_2011, "berliner-journal-fur-soziologie")
    assert "Oktober" in text  # German, though its parent (a Springer style) is English
    assert "Oktober" not in format_bibliography(PETERSEN_2011, "springer-socpsych-author-date")


def test_publication_list_groups_by_year_newest_first():
    entries = format_entries(pantucci_bib.corpus(), "publication-list")
    years = [text[:4] for _, text in entries]
    assert years == sorted(years, reverse=True)
    text = dict(entries)
    assert text["pantucciTensionsUkraineDoes2014"].endswith(
        "First published in South China Morning Post."
    )
    assert "Print title: ‘Russia holding the door" in text["pantucciRussiaHoldsDoor2015"]
    assert (
        "Extract from Raffaello Pantucci and Alexandros Petersen, Sinostan"
        in text["pantucciRisingTensionChina2022"]
    )
    # family name first: the original author's name in a Chinese-language item
    assert (
        "Translation of Pantucci Raffaello, ‘Corporate China"
        in text["pantucciCorporateChinaChallenges2012"]
    )


def test_publication_list_works_for_any_author():
    record = Record(
        key="x",
        type="article-newspaper",
        title="On gardens",
        author=[Person(family="Roe", given="Ann")],
        container_title="Daily",
        issued=PartialDate(1999, 5, 1),
    )
    html = format_bibliography([record], "publication-list", output="html")
    assert '<div class="csl-left-margin">1999</div>' in html
    assert "Ann Roe, ‘On gardens’, <i>Daily</i>, 1 May 1999." in html


def test_unknown_output():
    with pytest.raises(UnknownFormatError, match="unknown output 'pdf'"):
        format_bibliography(PETERSEN_2011, "apa", output="pdf")


def test_unknown_locale_suggests():
    with pytest.raises(UnknownFormatError, match=r"unknown locale 'en-XX'.*en-"):
        format_bibliography(PETERSEN_2011, "apa", locale="en-XX")


def test_malformed_style_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.csl"
    text = pantucci_bib.styles.resolve_style("apa").path.read_text("utf-8")
    bad.write_text(text.replace("</macro>", "</macr>", 1), "utf-8")
    with pytest.raises(ParseError) as caught:
        format_bibliography(PETERSEN_2011, bad)
    assert str(caught.value).startswith(f"{bad}:")
    assert "malformed CSL style" in str(caught.value)


def test_style_without_bibliography(tmp_path):
    path = tmp_path / "cites-only.csl"
    path.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">'
        "<info><title>x</title><id>x</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="title"/></layout></citation></style>',
        "utf-8",
    )
    with pytest.raises(ParseError, match="no bibliography"):
        format_bibliography(PETERSEN_2011, path)


def test_record_the_style_renders_empty_is_left_out_and_named(tmp_path):
    path = tmp_path / "titles.csl"
    path.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">'
        "<info><title>x</title><id>x</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout><text variable="title"/></layout></bibliography></style>',
        "utf-8",
    )
    untitled = pantucci_bib.corpus().get("pantucci2011")
    titled = pantucci_bib.corpus().get("pantucciTurkeyAbandoningEU2013")
    with pytest.warns(pantucci_bib.FormattingWarning) as caught:
        text = format_bibliography([untitled, titled], path, cache=False)
    assert text == titled.title + "\n"  # the empty entry left out, as citeproc-js does
    assert [w.message.where for w in caught] == ["pantucci2011"]  # type: ignore[union-attr]
    assert "'titles'" in str(caught[0].message) and "renders nothing" in str(caught[0].message)


def test_keys_differing_only_in_case_are_refused():
    a = Record(key="smith2020", type="book", title="A")
    b = Record(key="Smith2020", type="book", title="B")
    with pytest.raises(DataError, match="duplicate citation key"):
        format_bibliography([a, b], "apa")


def test_style_is_parsed_once_per_process(monkeypatch):
    from pantucci_bib.formatting import common, engine

    common.parse_style.cache_clear()
    calls = []
    original = engine.load_style
    monkeypatch.setattr(engine, "load_style", lambda *a: calls.append(a) or original(*a))
    for _ in range(3):
        format_bibliography(pantucci_bib.corpus(), "ieee", cache=False)
    format_bibliography(PETERSEN_2011, "ieee", output="html", cache=False)
    assert len(calls) == 1
    format_bibliography(PETERSEN_2011, "ieee", locale="fr", cache=False)
    assert len(calls) == 2  # another locale is another parse


def test_citeproc_is_imported_only_when_formatting():
    code = (
        "import sys, pantucci_bib\n"
        "heavy = {'citeproc', 'lxml', 'pybtex', 'bibtexparser', 'sqlite3', 'multiprocessing'}\n"
        "assert not heavy & set(sys.modules), f'eager import: {heavy & set(sys.modules)}'\n"
        "library = pantucci_bib.corpus().filter(year='2011')\n"
        "pantucci_bib.format_bibliography(library, 'apa', cache=False)\n"
        "assert 'citeproc' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_progress_counts_every_entry_once(tmp_path, monkeypatch):
    monkeypatch.setenv("PANTUCCI_BIB_CACHE_DIR", str(tmp_path))
    records = list(pantucci_bib.corpus())
    for _ in range(2):  # rendered, then every entry from the cache
        steps: list[int] = []
        text = format_bibliography(records, "apa", workers=1, progress=steps.append)
        assert sum(steps) == len(records) == len(text.splitlines())
    steps = []
    format_bibliography(records, "ieee", cache=False, workers=1, progress=steps.append)
    assert sum(steps) == len(records) and len(steps) > 1  # one call per rendered part


def test_two_threads_format_at_once():
    """A parsed style holds the render state of its call: each thread has its own, so threads
    formatting at once give what one at a time gives (there is no process-wide lock)."""
    import threading

    records = list(pantucci_bib.corpus())
    styles = ["apa", "chicago-author-date", "ieee", "apa", "modern-language-association"]
    alone = {s: format_bibliography(records, s, cache=False, workers=1) for s in set(styles)}
    results: dict[int, str] = {}
    start = threading.Barrier(len(styles))

    def run(index: int, style: str) -> None:
        start.wait()
        results[index] = format_bibliography(records, style, cache=False, workers=1)

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(styles)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[i] for i in range(len(styles))] == [alone[s] for s in styles]


def test_any_character_renders_as_itself():
    """The engine marks places in text with private-use characters; a record's own (the
    marks included, and the rest of the private-use planes) come out as written."""
    from pantucci_bib import Citation, Cite, format_citations

    odd = "".join(chr(c) for c in range(0xE000, 0xE020)) + "\U000f0001\U0010fffd\x7f\u200b"
    record = Record(
        key="odd",
        type="book",
        title=f"Title {odd} End",
        author=[Person(family=f"Fam{odd}", given="Jo")],
        issued=PartialDate(2000),
    )
    for style in ("apa", "ieee", "chicago-author-date"):
        for output in ("text", "html"):
            entry = format_bibliography([record], style, output=output, cache=False)
            assert f"Title {odd} End" in entry, (style, output)
            assert f"Fam{odd}" in entry, (style, output)
        citation = format_citations([record], [Citation([Cite("odd")])], "apa")
        assert citation == [f"(Fam{odd}, 2000)"]
