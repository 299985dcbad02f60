"""The engine's corrections to text (quotes, text-case, name parts), one test each (see FIXES
in pantucci_bib.formatting.engine), on records written here and on the CSL test-suite fixtures
that motivated them. The suite's fixtures are citeproc-js's expected output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import test_csl_suite_bibliography as bibliography_suite
import test_csl_suite_citations as citation_suite
from pantucci_bib import Person, Record
from pantucci_bib.formatting import engine as fixes
from pantucci_bib.formatting import format_bibliography
from pantucci_bib.formatting.engine.rich_text import typographic


def covers(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Marks a test as the one for correction ``name`` (tests/test_citeproc_fixes.py counts)."""
    assert name in fixes.FIXES, name
    return lambda test: test


def suite_fixture_passes(name: str, tmp_path: Path) -> bool:
    """True when the CSL test-suite fixture ``name`` renders as citeproc-js expects."""
    if not citation_suite.HUMANS.is_dir():
        pytest.skip(f"CSL test suite not found at {citation_suite.SUITE}")
    path = citation_suite.HUMANS / f"{name}.txt"
    if citation_suite.mode(path) == "bibliography" and path in bibliography_suite.eligible():
        return bibliography_suite.render(path, tmp_path) == bibliography_suite.expected(path)
    return citation_suite.render(path, tmp_path) == citation_suite.expected(path)


def _book(title: str, **fields: object) -> Record:
    return Record(key="k", type="book", title=title, author=[Person("Doe", "Jo")], **fields)


def _inline(tmp_path: Path, layout: str, name: str = "") -> Path:
    path = tmp_path / f"inline{name}.csl"
    path.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><title>t</title><id>t</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        "<citation><layout><text variable='title'/></layout></citation>"
        f"<bibliography><layout>{layout}</layout></bibliography></style>",
        encoding="utf-8",
    )
    return path


@covers("quote-pairing")
def test_quotes_are_paired_by_nesting(tmp_path):
    assert typographic("'Nobody Knows You're a Dog': a cartoon") == (
        "“Nobody Knows You’re a Dog”: a cartoon"
    )
    assert typographic("He said \"a 'b' c\" d") == "He said “a ‘b’ c” d"
    assert typographic('of "Positive Obligations " of') == 'of "Positive Obligations " of'
    assert typographic("the '80s") == "the ’80s"
    # paired across markup: the quotes sit outside the italics
    style = _inline(tmp_path, '<text variable="title"/>')
    html = format_bibliography([_book('Official ("<i>My Title</i>") now')], style, output="html")
    assert "Official (“<i>My Title</i>”) now" in html
    for name in (
        "affix_CommaAfterQuote",
        "flipflop_SingleBeforeColon",
        "flipflop_OrphanQuote",
        "flipflop_SingleQuotesOnItalics",
        "flipflop_LeadingMarkupWithApostrophe",
        "flipflop_ApostropheInsideTag",
    ):
        assert suite_fixture_passes(name, tmp_path), name


@covers("nested-quotes")
def test_inner_marks_inside_a_quoted_title_become_outer_ones(tmp_path):
    style = _inline(tmp_path, '<text variable="title" quotes="true"/>')
    text = format_bibliography([_book("My “‘Amazing’ and Bogus” Title")], style)
    assert text == "“My ‘“Amazing” and Bogus’ Title”\n"
    for name in ("decorations_NestedQuotesInnerReverse", "flipflop_LeadingSingleQuote"):
        assert suite_fixture_passes(name, tmp_path), name


@covers("value-rich-text")
def test_a_text_value_is_rich_text(tmp_path):
    style = _inline(tmp_path, '<text value="&#34;friend&#34; of &lt;i&gt;mine&lt;/i&gt;"/>')
    assert format_bibliography([_book("T")], style) == "“friend” of mine\n"
    html = format_bibliography([_book("T")], style, output="html")
    assert "“friend” of <i>mine</i>" in html
    for name in ("flipflop_QuotesNodeLevelMarkup", "flipflop_BoldfaceNodeLevelMarkup"):
        assert suite_fixture_passes(name, tmp_path), name


@covers("text-case-nocase")
def test_text_case_keeps_nocase_spans(tmp_path):
    title = 'A pen that is a <span class="nocase">Smith</span> pencil'
    lower = _inline(tmp_path, '<text variable="title" text-case="lowercase"/>')
    assert format_bibliography([_book(title)], lower) == "a pen that is a Smith pencil\n"
    upper = _inline(tmp_path, '<text variable="title" text-case="uppercase"/>')
    assert format_bibliography([_book(title)], upper) == "A PEN THAT IS A Smith PENCIL\n"
    titled = _inline(tmp_path, '<text variable="title" text-case="title"/>')
    assert format_bibliography([_book("saline of β-carotine")], titled) == (
        "Saline of β-Carotine\n"
    )
    for name in ("textcase_Lowercase", "textcase_Uppercase", "textcase_NonEnglishChars"):
        assert suite_fixture_passes(name, tmp_path), name


@covers("name-part-particles")
def test_family_name_part_leaves_the_dropping_particle(tmp_path):
    style = _inline(
        tmp_path,
        '<names variable="author"><name><name-part name="family" text-case="uppercase"/>'
        "</name></names>",
    )
    record = Record(
        key="k",
        type="book",
        title="T",
        author=[Person("Meer", "Gerard", particle="der", dropping_particle="van")],
    )
    assert format_bibliography([record], style) == "Gerard van DER MEER\n"
    assert suite_fixture_passes("name_FormattingOfParticles", tmp_path)


@covers("name-suffix")
def test_name_suffixes_and_given_only_names(tmp_path):
    style = _inline(tmp_path, '<names variable="author"><name initialize-with=". "/></names>')
    inverted = _inline(
        tmp_path, '<names variable="author"><name name-as-sort-order="all"/></names>', "-inv"
    )

    def name(**parts: object) -> Record:
        return Record(key="k", type="book", title="T", author=[Person(**parts)])  # type: ignore[arg-type]

    comma = name(family="Doe", given="Jeffrey", suffix="Jr.", comma_suffix=True)
    assert format_bibliography([comma], style) == "J. Doe, Jr.\n"
    assert format_bibliography([comma], inverted) == "Doe, Jeffrey, Jr.\n"
    assert format_bibliography([name(family="Doe", given="John, III")], style) == "J. Doe III\n"
    assert format_bibliography([name(given="Banksy")], style) == "Banksy\n"
    for fixture in (
        "magic_NameSuffixNoComma",
        "magic_NameSuffixWithComma",
        "name_ArticularWithComma",
        "name_OnlyGivenname",
    ):
        assert suite_fixture_passes(fixture, tmp_path), fixture


@covers("cite-grouping")
def test_cite_grouping_gathers_an_authors_cites_in_sorted_citations(tmp_path):
    # tests/test_citations.py compares the grouped sort with citeproc-js on whole documents
    # (harvard-cite-them-right, and ties in apa), which fail without it
    assert suite_fixture_passes("sort_AuthorDateWithYearSuffix", tmp_path)
    assert suite_fixture_passes("name_CiteGroupDelimiterWithYearSuffixCollapse2", tmp_path)
    assert suite_fixture_passes("disambiguate_ByCiteIncremental2", tmp_path)


@covers("collapse-empty")
def test_a_collapsed_cite_with_nothing_left_is_left_out(tmp_path):
    assert suite_fixture_passes("collapse_AuthorCollapseNoDateSorted", tmp_path)


@covers("nodecor")
def test_nodecor_spans_are_upright(tmp_path):
    style = _inline(tmp_path, '<text variable="title" font-style="italic"/>')
    html = format_bibliography(
        [_book('Lessard <span class="nodecor">v.</span> Schmidt')], style, output="html"
    )
    assert '<i>Lessard <span style="font-style:normal;">v.</span> Schmidt</i>' in html
    assert format_bibliography([_book('A <span class="nodecor">v.</span> B')], style) == (
        "A v. B\n"
    )
    assert suite_fixture_passes("flipflop_ItalicsWithOk", tmp_path)


@covers("capitalize-all")
def test_capitalize_all_by_segment(tmp_path):
    style = _inline(tmp_path, '<text variable="title" text-case="capitalize-all"/>')
    html = format_bibliography(
        [_book('lessard <span class="nodecor">v.</span> <i>schmidt</i> case')], style, output="html"
    )
    assert "Lessard v. <i>Schmidt</i> Case" in html
    assert suite_fixture_passes("flipflop_ItalicsWithOkAndTextcase", tmp_path)


@covers("baseline")
def test_baseline_span(tmp_path):
    style = _inline(
        tmp_path,
        '<group vertical-align="sup"><text value="x"/>'
        '<text variable="title" vertical-align="baseline"/></group>',
    )
    html = format_bibliography([_book("T")], style, output="html")
    assert '<sup>x<span style="baseline">T</span></sup>' in html
    assert suite_fixture_passes("decorations_Baseline", tmp_path)


@covers("et-al-use-first")
def test_et_al_use_first(tmp_path):
    two = Record(key="k", type="book", title="T", author=[Person("Doe", "J"), Person("Roe", "K")])
    zero = _inline(
        tmp_path,
        '<names variable="author"><name et-al-min="2" et-al-use-first="0"/></names>'
        '<text value="!"/>',
    )
    assert format_bibliography([two], zero) == "!\n"
    unset = _inline(tmp_path, '<names variable="author"><name et-al-min="2"/></names>', "-u")
    assert format_bibliography([two], unset) == "J Doe, K Roe\n"
    for name in ("etal_UseZeroFirst", "nameattr_EtAlUseFirstOnCitationInBibliography"):
        assert suite_fixture_passes(name, tmp_path), name


@covers("parse-names")
def test_names_are_parsed_as_citeproc_js_parses_them(tmp_path):
    style = _inline(tmp_path, '<names variable="author"><name name-as-sort-order="all"/></names>')

    def book(key: str, family: str, given: str) -> Record:
        return Record(key=key, type="book", title="T", author=[Person(family, given)])

    records = [
        book("a", "van Gogh", "Vincent"),
        book("b", "Humboldt", "Alexander von"),
        book("c", "al-One", "Alan"),
        book("d", '"van Dyke"', "Dick"),
    ]
    entries = format_bibliography(records, style).splitlines()
    # the style demotes particles (the default, display-and-sort); a quoted name is one word
    assert entries == [
        "Gogh, Vincent van",
        "Humboldt, Alexander von",
        "One, Alan al-",
        "van Dyke, Dick",
    ]
    for name in (
        "name_HyphenatedNonDroppingParticle1",
        "name_HyphenatedNonDroppingParticle2",
        "bugreports_parseName",
        "name_ParticleCaps3",
        "name_ParseNames",
        "bugreports_ApostropheOnParticle",
    ):
        assert suite_fixture_passes(name, tmp_path), name


@covers("citation-label")
def test_citation_labels(tmp_path):
    from pantucci_bib.formatting.common import citation_label

    def item(*families: str, year: str = "1978") -> dict[str, object]:
        return {"author": [{"family": f} for f in families], "issued": {"date-parts": [[year]]}}

    assert citation_label(item("Doe", year="1965")) == "Doe65"
    assert citation_label(item("Roe", "Noakes")) == "RoNo78"
    assert citation_label(item("Bronchitis", "Cholera", "Asthma")) == "BrCA78"
    assert citation_label(item("von Dipheria", "Eczema", "Flatulence", "Goiter", "Hiccups")) == (
        "DEFG78"
    )
    for name in (
        "magic_CitationLabelInBibliography",
        "magic_CitationLabelInCitation",
        "disambiguate_CitationLabelDefault",
        "disambiguate_CitationLabelInData",
        "disambiguate_Trigraph",
    ):
        assert suite_fixture_passes(name, tmp_path), name


@covers("number-range")
def test_number_ranges_take_an_en_dash(tmp_path):
    style = _inline(tmp_path, '<text variable="issue" prefix="n. "/>')
    assert format_bibliography([_book("T", issue="3-4")], style) == "n. 3–4\n"
    assert format_bibliography([_book("T", issue="Spring")], style) == "n. Spring\n"
    assert suite_fixture_passes("fullstyles_ABdNT", tmp_path)


@covers("same-names")
def test_literal_and_family_only_names_are_the_same(tmp_path):
    for name in (
        "sort_ChicagoYearSuffix1",
        "sort_ChicagoYearSuffix2",
        "fullstyles_ChicagoAuthorDateSimple",
    ):
        assert suite_fixture_passes(name, tmp_path), name


@covers("date-ranges")
def test_date_ranges(tmp_path):
    from pantucci_bib import PartialDate

    def dated(start: tuple[int, int, int], end: tuple[int, int, int]) -> Record:
        return Record(
            key="k",
            type="article-newspaper",
            title="T",
            author=[Person("Doe", "Jo")],
            container_title="P",
            issued=PartialDate(*start, end_year=end[0], end_month=end[1], end_day=end[2]),
        )

    day = dated((2020, 1, 2), (2020, 1, 4))
    assert "P, January 2–4." in format_bibliography([day], "chicago-author-date")
    assert "(2020, January 2–4)" in format_bibliography([day], "apa")
    months = dated((2020, 1, 2), (2020, 3, 4))
    assert "2 Jan.–4 Mar. 2020" in format_bibliography([months], "modern-language-association")
    assert suite_fixture_passes("date_RangeDelimiter", tmp_path)


@covers("note-variables")
def test_note_variables(tmp_path):
    from pantucci_bib import PartialDate

    style = _inline(
        tmp_path,
        '<group delimiter=" / "><text variable="title"/><date variable="original-date">'
        '<date-part name="year"/></date><names variable="reviewed-author"/>'
        '<text variable="note"/></group>',
    )
    record = _book(
        "T",
        issued=PartialDate(2001),
        note="original-date: 1850\nreviewed-author: Hall || Wanda\nkept as a note",
    )
    assert format_bibliography([record], style) == "T / 1850 / Wanda Hall / kept as a note\n"
    for name in ("label_NameLabelThroughSubstitute", "variables_ContainerTitleShort2"):
        assert suite_fixture_passes(name, tmp_path), name


@covers("new-name-variables")
def test_new_name_variables(tmp_path):
    style = _inline(
        tmp_path,
        '<names variable="director"><name/><label prefix=", " form="short"/></names>',
    )
    record = Record(key="k", type="motion_picture", title="T", director=[Person("Varda", "Agnès")])
    assert format_bibliography([record], style) == "Agnès Varda, dir.\n"
    assert suite_fixture_passes("bugreports_ByBy", tmp_path)


@covers("term-form-fallback")
def test_term_forms_fall_back(tmp_path):
    style = _inline(
        tmp_path,
        '<names variable="reviewed-author"><label form="verb-short" suffix=" "/><name/></names>',
    )
    record = Record(key="k", type="review", title="T", reviewed_author=[Person("Hall", "W")])
    assert format_bibliography([record], style) == "by W Hall\n"


@covers("gendered-ordinals")
def test_day_ordinals_take_the_month_gender(tmp_path):
    assert suite_fixture_passes("number_LimitOrdinalsToDayOne", tmp_path)


@covers("locator-suppression")
def test_a_group_of_an_absent_locator_is_empty(tmp_path):
    for name in (
        "position_NearNoteWithPlugin",
        "collapse_CitationNumberRangesWithAffixesGrouped",
    ):
        assert suite_fixture_passes(name, tmp_path), name


@covers("sort-keys")
def test_sort_keys_leave_markup_out(tmp_path):
    from pantucci_bib.formatting.engine.sorting import collation_key

    assert collation_key("A <i>Full</i> Life") == collation_key("A Full Life")
    assert collation_key("A &lt;i&gt;Full&lt;/i&gt; Life") == collation_key("A Full Life")
    assert suite_fixture_passes("sort_StripMarkup", tmp_path)


@covers("flip-flop")
def test_raised_modifier_letters_become_superscripts(tmp_path):
    from pantucci_bib.formatting.engine.rich_text import finish_html

    assert finish_html("x\u02c0") == "x<sup>\u0294</sup>"
    assert suite_fixture_passes("magic_SuperscriptChars", tmp_path)


@covers("number-of-plural")
def test_number_of_volumes_labels(tmp_path):
    assert suite_fixture_passes("label_PluralNumberOfVolumes", tmp_path)


@covers("prefix-punctuation")
def test_a_suffix_ending_in_punctuation_takes_the_delimiters_place(tmp_path):
    for name in ("affix_WithCommas", "bugreports_MissingItemInJoin"):
        assert suite_fixture_passes(name, tmp_path), name
