"""One test per correction of pantucci_bib.formatting.engine (see its FIXES table).

Expected entries of official styles are citeproc-js's (tests/test_citeproc_js.py checks the same
records against it); where plain citeproc-py 0.11.1 gets a case wrong, the test shows that too,
so each test fails without its correction.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

import pantucci_bib
from pantucci_bib import OriginalPublication, PartialDate, Person, Record
from pantucci_bib.formatting import engine as fixes
from pantucci_bib.formatting import format_bibliography, format_entries
from pantucci_bib.styles import resolve_style

COVERED: set[str] = set()


def covers(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    assert name in fixes.FIXES, name
    COVERED.add(name)
    return lambda test: test


def corpus_entry(style: str, key: str) -> str:
    return dict(format_entries(pantucci_bib.corpus(), style))[key]


def plain_citeproc(records: list[Record], style: str) -> dict[str, str]:
    """What citeproc-py 0.11.1 itself makes of the records (the uncorrected engine)."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    from pantucci_bib.formats.csl_json.write import csl_item

    items = [csl_item(r) for r in records]
    for item in items:
        for variable in ("author", "translator", "editor"):
            for name in item.get(variable, []):
                name.pop("static-ordering", None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style_obj = CitationStylesStyle(str(resolve_style(style).path), validate=False)
        bib = CitationStylesBibliography(style_obj, CiteProcJSON(items), formatter.plain)
        bib.register(Citation([CitationItem(r.key) for r in records]))
        entries = bib.bibliography()
    return {item.key: str(text) for item, text in zip(bib.items, entries, strict=True)}


def inline_style(tmp_path: Path, layout: str, *, bibliography: str = "", macros: str = "") -> Path:
    """A minimal CSL style with the given bibliography layout, written to tmp_path."""
    path = tmp_path / "inline.csl"
    path.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Inline</title><id>inline</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  {macros}
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography {bibliography}><layout>{layout}</layout></bibliography>
</style>
""",
        encoding="utf-8",
    )
    return path


ARTICLE = Record(
    key="roeOver2019",
    type="article-magazine",
    title="Is it over?",
    author=[Person(family="Roe", given="Rick")],
    container_title="Mag",
    issued=PartialDate(2019, 3, 2),
)
EDITED = Record(
    key="greenEssays2010",
    type="book",
    title="Collected essays",
    editor=[Person(family="Green", given="Gina")],
    publisher="OUP",
    issued=PartialDate(2010),
)


@covers("punctuation-in-quote")
def test_punctuation_moves_inside_closing_quotes():
    carlson = corpus_entry("chicago-author-date", "carlsonDontWakeUp2015")
    assert "Mention of a Tiger.” China in Central Asia." in carlson
    assert "”." not in format_bibliography(pantucci_bib.corpus(), "chicago-author-date")
    # a question mark absorbs the period but keeps a comma (citeproc-js's merge table)
    assert format_entries([ARTICLE], "chicago-author-date")[0][1].startswith(
        "Roe, Rick. 2019. “Is It Over?” Mag"
    )
    assert "“Is it over?,” Mag" in format_entries([ARTICLE], "harvard-cite-them-right")[0][1]
    # British English keeps punctuation outside (no punctuation-in-quote in en-GB)
    assert (
        "‘Is It Over?’." in format_entries([ARTICLE], "chicago-author-date", locale="en-GB")[0][1]
    )
    assert (
        "“Is it over?”, Mag" in plain_citeproc([ARTICLE], "harvard-cite-them-right")["roeover2019"]
    )


@covers("nested-quotes")
def test_quotes_inside_a_quoted_title_become_inner_quotes():
    record = Record(
        key="aTale",
        type="article-journal",
        title="a tale of “two cities” and more",
        author=[Person(family="Ames", given="B")],
        container_title="J",
        issued=PartialDate(2000),
    )
    assert "“A Tale of ‘Two Cities’ and More.”" in format_bibliography(
        [record], "chicago-author-date"
    )
    # an apostrophe is not a closing quote, even where the outer quotes are single ones
    apostrophe = corpus_entry("publication-list", "pantucciChinaEmbraceRussia2023")
    assert "‘China’s embrace of Russia is mostly for show’" in apostrophe


@covers("merged-punctuation")
def test_period_after_question_mark_is_dropped():
    entry = corpus_entry("apa", "pantucciTensionsUkraineDoes2014")
    assert "Where Does China Sit? RUSI Analysis." in entry
    assert fixes.merge_punctuation("?", ".") == "?"
    assert fixes.merge_punctuation("?", ",") == "?,"
    assert fixes.merge_punctuation(".", ".") == "."
    plain = plain_citeproc(list(pantucci_bib.corpus()), "apa")
    assert "Sit?. RUSI" in plain["pantuccitensionsukrainedoes2014"]


@covers("initialize-false")
def test_given_names_stay_spelled_out_where_the_style_says_so():
    assert corpus_entry("chicago-author-date", "carlsonDontWakeUp2015").startswith(
        "Carlson, Brian G. [2015?]."
    )
    assert corpus_entry("apa", "carlsonDontWakeUp2015").startswith("Carlson, B. G. (ca. 2015).")
    plain = plain_citeproc(list(pantucci_bib.corpus()), "chicago-author-date")
    assert plain["carlsondontwakeup2015"].startswith("Carlson, B. G.")


@covers("static-ordering")
def test_family_first_and_non_latin_names():
    assert corpus_entry("chicago-author-date", "liClashingInterestsCentral2012").startswith(
        "Li Lifan, and Raffaello Pantucci. 2012."
    )
    assert corpus_entry("apa", "liClashingInterestsCentral2012").startswith(
        "Li L., & Pantucci, R. (2012, June 6)."
    )
    # a romanised name in a Chinese-language item; a translator written in Chinese characters
    translated = corpus_entry("apa", "pantucciCorporateChinaChallenges2012")
    assert translated.startswith("Pantucci R. (2012b, November 14).")
    assert "(李鸣燕, Trans.)" in translated


@covers("empty-label")
def test_no_label_for_an_empty_variable():
    text = format_bibliography(pantucci_bib.corpus(), "chicago-author-date")
    assert "Edition" not in text
    assert corpus_entry("chicago-author-date", "pantucciRussiaHoldsDoor2015").startswith(
        "Pantucci, Raffaello. 2015e. “Russia Holds the Door to Central Asia Open for China.” "
        "South China Morning Post, July 15. Originally"
    )
    plain = plain_citeproc(list(pantucci_bib.corpus()), "chicago-author-date")
    assert "Edition." in plain["pantuccirussiaholdsdoor2015"]


@covers("group-suppression")
def test_group_with_only_empty_variables_is_suppressed(tmp_path):
    style = inline_style(
        tmp_path,
        '<group delimiter=" "><text variable="title"/></group>'
        '<group delimiter=" " prefix=" ["  suffix="]"><text term="edition"/>'
        '<choose><if type="book"><text variable="edition"/></if>'
        '<else><text variable="volume"/></else></choose></group>',
    )
    assert format_bibliography([ARTICLE], style) == "Is it over?\n"
    assert format_bibliography(
        [ARTICLE.__class__(**{**_fields(ARTICLE), "volume": "3"})], style
    ) == ("Is it over? [edition 3]\n")


def _fields(record: Record) -> dict[str, object]:
    import attrs

    return attrs.asdict(record, recurse=False)


@covers("year-suffix")
def test_year_suffixes_for_same_author_same_year():
    undated = [
        Record(
            key=f"doe{n}",
            type="article-newspaper",
            title=f"{n} undated piece",
            author=[Person(family="Doe", given="Jane")],
            container_title="The Paper",
        )
        for n in ("First", "Second")
    ]
    assert [text for _, text in format_entries(undated, "apa")] == [
        "Doe, J. (n.d.-a). First undated piece. The Paper.",
        "Doe, J. (n.d.-b). Second undated piece. The Paper.",
    ]
    chicago = format_bibliography(pantucci_bib.corpus().filter(year="2015"), "chicago-author-date")
    assert [f"2015{c}." in chicago for c in "abcdefg"] == [True] * 7
    # by-cite given-name disambiguation (Harvard) tells the family-first "Pantucci R." apart
    harvard = corpus_entry("harvard-cite-them-right", "pantucciCorporateChinaChallenges2012")
    assert harvard.startswith("Pantucci R. (2012) ")
    # only the style's request: IEEE numbers its entries and asks for no suffix
    assert "2015a" not in format_bibliography(pantucci_bib.corpus(), "ieee")


@covers("disambiguate-condition")
def test_disambiguate_condition_is_false(tmp_path):
    style = inline_style(
        tmp_path,
        '<text variable="title"/>'
        '<choose><if disambiguate="true"><text value=" DISAMBIGUATED"/></if></choose>'
        '<choose><if disambiguate="true" type="article-magazine" match="any">'
        '<text value=" (magazine)"/></if></choose>',
    )
    assert format_bibliography([ARTICLE], style) == "Is it over? (magazine)\n"


@covers("date-range-year")
def test_month_range_keeps_its_year():
    assert corpus_entry("apa", "pantucciChinaSoftShoe2022").startswith(
        "Pantucci, R. (ca. 2022c, February–March)."
    )
    assert corpus_entry("harvard-cite-them-right", "pantucciChinaSoftShoe2022").startswith(
        "Pantucci, R. (2022d) "
    )


@covers("title-case")
@pytest.mark.parametrize(
    ("title", "expected"),  # citeproc-js's results
    [
        ("Sino-Russian Co-operation", "Sino-Russian Co-Operation"),
        ("CABAR.asia", "CABAR.Asia"),
        (
            "China And Russia: Locked In Reluctant Embrace",
            "China And Russia: Locked In Reluctant Embrace",
        ),
        ("cut russia out of eurasian trade", "Cut Russia out of Eurasian Trade"),
        ("no more than allies", "No More than Allies"),
        ("rock’n’roll", "Rock’n’roll"),
        ("Don’t wake up evil", "Don’t Wake up Evil"),
        ("what it is for", "What It Is For"),
        ("up-to-date report", "Up-to-Date Report"),
        ("it’s a ‘small’ world", "It’s a ‘Small’ World"),
    ],
)
def test_title_case_as_citeproc_js(title, expected):
    assert fixes.title_case(title) == expected


@covers("sort-keys")
def test_sorting_as_citeproc_js():
    assert fixes.collation_key("Pantucci Raffaello") == fixes.collation_key("Pantucci, Raffaello")
    assert fixes.collation_key("da Costa") < fixes.collation_key("Dąbrowski")
    assert fixes.collation_key("Abbott, J. R.") < fixes.collation_key("Abbott, Jean-Luc")
    assert fixes.collation_key("Carbon & Soil") < fixes.collation_key("Carbon Energy")
    assert fixes.collation_key("item 9") < fixes.collation_key("item 10")
    # a range sorts after a single date of the same start
    assert fixes.date_sort_key(None) == ""
    order = [key for key, _ in format_entries(pantucci_bib.corpus().filter(year="2022"), "apa")]
    assert order.index("pantucciEurasiaTurmoilChina2022") < order.index(
        "pantucciDoesWarUkraine2022"
    )
    # names in nested macros sort family first: co-authors by family name (Chen before Lain)
    chicago = [key for key, _ in format_entries(pantucci_bib.corpus(), "chicago-author-date")]
    assert chicago.index("pantucciGeopoliticalRoadblocks2015") < chicago.index(
        "pantucciSilkRoadChina2015"
    )
    # sort-only particle demotion: van Gogh files under G
    gogh = Record(
        key="gogh",
        type="book",
        title="Letters",
        author=[Person(family="Gogh", given="Vincent", particle="van")],
        issued=PartialDate(1996),
    )
    harvard = [key for key, _ in format_entries([EDITED, gogh], "harvard-cite-them-right")]
    assert harvard == ["gogh", "greenEssays2010"]


@covers("escape")
def test_variables_are_escaped_for_the_output_format():
    record = Record(
        key="tom",
        type="book",
        title="Tom & Jerry <3",
        author=[Person(family="Smith & Co", given="A")],
        publisher="P&Q",
        issued=PartialDate(2020),
    )
    html = format_bibliography([record], "apa", output="html")
    assert "Smith &amp; Co, A." in html and "<i>Tom &amp; Jerry &lt;3</i>" in html
    assert "P&amp;Q" in html and "& " not in html.replace("&amp; ", "")
    latex = format_bibliography([record], "apa", output="latex")
    assert r"Smith \& Co" in latex and r"\emph{Tom \& Jerry <3}" in latex


@covers("substitute-suppression")
def test_substituted_editor_is_not_repeated(tmp_path):
    import test_citeproc_fixes_text as text_fixes

    for name in ("bugreports_LegislationCrash", "substitute_SuppressOrdinaryVariable"):
        assert text_fixes.suite_fixture_passes(name, tmp_path), name
    assert format_entries([EDITED], "apa") == [
        ("greenEssays2010", "Green, G. (Ed.). (2010). Collected essays. OUP.")
    ]
    assert "Edited by" not in format_bibliography([EDITED], "harvard-cite-them-right")


@covers("group-success")
def test_group_rendering_only_a_term_counts_for_its_parent():
    report = Record(
        key="who",
        type="report",
        title="Annual report 2020",
        author=[Person(literal="World Health Organization")],
        publisher="WHO",
        issued=PartialDate(2020),
        url="https://who.int/report",
    )
    assert format_entries([report], "ieee")[0][1] == (
        "[1] World Health Organization, “Annual report 2020,” WHO, 2020. [Online]. "
        "Available: https://who.int/report"
    )


@covers("substitute-inherits")
def test_bare_names_in_substitute_format_like_the_names_they_replace():
    assert format_entries([EDITED], "chicago-author-date")[0][1] == (
        "Green, Gina, ed. 2010. Collected Essays. OUP."
    )
    # and the style is not changed by rendering: the same twice
    assert format_entries([EDITED], "chicago-author-date") == format_entries(
        [EDITED], "chicago-author-date"
    )


@covers("hyphenated-names")
def test_original_author_renders():
    extract = Record(
        key="extract",
        type="article-magazine",
        title="A chapter",
        author=[Person(family="Doe", given="Jane")],
        container_title="Prospect",
        issued=PartialDate(2022, 6, 24),
        original=OriginalPublication(
            "extract",
            title="The Book",
            author=[Person(family="Doe", given="Jane")],
            publisher="OUP",
            issued=PartialDate(2022, 4),
        ),
    )
    assert "Originally published as Jane Doe, The Book (OUP, April)." in format_bibliography(
        [extract], "chicago-author-date"
    )


@covers("linear")
def test_no_quadratic_registration_and_macros_found_once(monkeypatch):
    from citeproc import model
    from citeproc.frontend import CitationStylesBibliography

    def refuse(*args, **kwargs):
        raise AssertionError("register() searches a list per item")

    monkeypatch.setattr(CitationStylesBibliography, "register", refuse)
    lookups = []
    original = model.CitationStylesElement.get_macro
    monkeypatch.setattr(
        model.CitationStylesElement,
        "get_macro",
        lambda self, name: lookups.append(name) or original(self, name),
    )
    records = [
        Record(
            key=f"k{i}",
            type="article-journal",
            title=f"Paper {i}",
            author=[Person(family=f"Author{i}", given="A")],
            container_title="J",
            issued=PartialDate(2000 + i % 7),
        )
        for i in range(40)
    ]
    entries = format_entries(records, "ieee")
    assert [text.split(" ")[0] for _, text in entries] == [f"[{i}]" for i in range(1, 41)]
    from pantucci_bib.formatting import common

    def lookups_for(count: int) -> int:
        common.parse_style.cache_clear()  # a fresh parse: macros found anew
        before = len(lookups)
        format_entries(records[:count], "chicago-author-date")
        return len(lookups) - before

    assert lookups_for(5) == lookups_for(40) > 0  # once per macro, not once per entry


@covers("second-field-align")
def test_first_field_is_followed_by_a_space():
    entries = format_entries(pantucci_bib.corpus(), "ieee")
    assert all(text.startswith(f"[{n}] ") for n, (_, text) in enumerate(entries, start=1))
    html = format_bibliography(pantucci_bib.corpus().filter(year="2011"), "ieee", output="html")
    assert '<div class="csl-left-margin">[1]</div><div class="csl-right-inline">R. ' in html


@covers("subsequent-author-substitute")
def test_repeated_authors_are_substituted():
    entries = format_entries(pantucci_bib.corpus(), "modern-language-association")
    keys = [key for key, _ in entries]
    text = dict(entries)
    first = keys.index("pantucciChinaRussiaNo2012")
    assert text[keys[first]].startswith("Pantucci, Raffaello. “China and Russia")
    assert text[keys[first + 1]].startswith("———. ")
    # the family-first form of the same author (a Chinese-language item) counts as the same
    assert text["pantucciCorporateChinaChallenges2012"].startswith("———. ")
    assert not text["carlsonDontWakeUp2015"].startswith("———")


def test_every_fix_has_a_test():
    covered = set(COVERED)
    for other in Path(__file__).parent.glob("test_citeproc_fixes_*.py"):  # the other modules
        covered |= set(re.findall(r'^@covers\("([^"]+)"\)', other.read_text(), re.M))
    assert set(fixes.FIXES) == covered


def test_pinned_citeproc_py_version():
    import citeproc

    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8")
    assert f'"citeproc-py=={fixes.CITEPROC_PY_VERSION}"' in pyproject
    assert citeproc.__version__ == fixes.CITEPROC_PY_VERSION


def test_plain_citeproc_py_is_untouched():
    """The corrections apply to the styles this project parses, not to citeproc-py's own."""
    plain = plain_citeproc(list(pantucci_bib.corpus()), "chicago-author-date")
    assert plain["carlsondontwakeup2015"].startswith("Carlson, B. G.")
    assert json.dumps(fixes.FIXES)  # documented, serialisable table


@covers("rich-text")
def test_markup_in_fields_and_typographic_quotes():
    record = Record(
        key="obrien2001",
        type="book",
        title="The <i>Origin</i> of O'Brien's \"best\" <sc>idea</sc> H<sub>2</sub>O",
        author=[Person(family="O'Brien", given="Pat")],
        issued=PartialDate(2001),
        publisher="P & Q",
    )
    text = format_bibliography([record], "apa", cache=False)
    assert text == "O’Brien, P. (2001). The Origin of O’Brien’s “best” idea H2O. P & Q.\n"
    html = format_bibliography([record], "apa", output="html", cache=False)
    assert (
        '<i>The <span style="font-style:normal;">Origin</span> of O’Brien’s “best” '
        '<span style="font-variant:small-caps;">idea</span> H<sub>2</sub>O</i>. P &amp; Q.'
    ) in html
    latex = format_bibliography([record], "apa", output="latex", cache=False)
    assert "\\emph{Origin}" in latex and "\\textsc{idea}" in latex


@covers("sort-without-suffix")
def test_sort_keys_leave_year_suffixes_out(tmp_path):
    from pantucci_bib import Citation, format_citations

    style = tmp_path / "suffix-sort.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>s</title><id>s</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        '<macro name="year"><date variable="issued"><date-part name="year"/></date>'
        '<text variable="year-suffix"/></macro>'
        '<citation disambiguate-add-year-suffix="true"><sort><key macro="year"/></sort>'
        '<layout delimiter="; "><text variable="title"/><text macro="year" prefix=" "/></layout>'
        '</citation><bibliography><sort><key variable="title"/></sort>'
        '<layout><text variable="title"/></layout></bibliography></style>',
        "utf-8",
    )
    same = [Record(key=k, type="book", title="T", issued=PartialDate(2001)) for k in ("x", "y")]
    # a sort key with the suffix would put "T 2001a" before "T 2001b"; ties keep the
    # bibliography's order, whatever the suffix
    assert format_citations(same, [Citation(["y", "x"])], style) == ["T 2001a; T 2001b"]


@covers("et-al-subsequent")
def test_subsequent_cites_use_et_al_subsequent(tmp_path):
    from pantucci_bib import Citation, format_citations

    style = tmp_path / "etal.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note">'
        "<info><title>e</title><id>e</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        '<citation et-al-min="5" et-al-use-first="5" et-al-subsequent-min="2" '
        'et-al-subsequent-use-first="1"><layout><names variable="author"><name form="short"/>'
        "</names></layout></citation></style>",
        "utf-8",
    )
    record = Record(
        key="many",
        type="book",
        title="M",
        author=[Person(family=f, given="A") for f in ("Ash", "Birch", "Cedar")],
    )
    texts = format_citations([record], [Citation(["many"], 1), Citation(["many"], 2)], style)
    assert texts == ["Ash, Birch, Cedar", "Ash et al."]


@covers("disambiguate-names")
@covers("et-al-all-shown")
def test_cites_disambiguated_by_names_then_given_names(tmp_path):
    from pantucci_bib import Citation, format_citations

    style = tmp_path / "dis.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>d</title><id>d</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        '<citation et-al-min="2" et-al-use-first="1" disambiguate-add-names="true" '
        'disambiguate-add-givenname="true"><layout delimiter="; "><group delimiter=" ">'
        '<names variable="author"><name form="short" initialize-with=". "/></names>'
        '<date variable="issued"><date-part name="year"/></date>'
        '<choose><if disambiguate="true"><text variable="title" prefix="“" suffix="”"/>'
        "</if></choose></group></layout></citation></style>",
        "utf-8",
    )

    def book(key: str, *names: tuple[str, str], title: str = "T") -> Record:
        people = [Person(family=f, given=g) for f, g in names]
        return Record(key=key, type="book", title=title, author=people, issued=PartialDate(2001))

    records = [
        book("a", ("Lee", "Ann"), ("Park", "Bo")),
        book("b", ("Lee", "Ann"), ("Kim", "Cy")),  # told apart by a second name
        book("c", ("Roe", "Dan")),
        book("d", ("Roe", "Eve")),  # by the initial
        book("e", ("Poe", "Ed"), title="One"),
        book("f", ("Poe", "Ed"), title="Two"),  # by the disambiguate="true" branch
    ]
    texts = format_citations(records, [Citation(list("abcdef"))], style)
    assert texts == [
        "Lee, Park 2001; Lee, Kim 2001; D. Roe 2001; E. Roe 2001; Poe 2001 “One”; Poe 2001 “Two”"
    ]


@covers("untyped")
def test_an_item_without_a_type_renders(tmp_path):
    records = pantucci_bib.loads('[{"id": "u", "title": "Untyped"}]', "csl-json").records
    assert format_bibliography(records, "apa", cache=False) == "Untyped. (n.d.).\n"


@covers("numbers-before-order")
def test_sort_by_citation_number(tmp_path):
    style = tmp_path / "numbers.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>n</title><id>n</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="citation-number"/></layout></citation>'
        '<bibliography><sort><key variable="citation-number" sort="descending"/></sort>'
        '<layout><text variable="citation-number" suffix=". "/><text variable="title"/>'
        "</layout></bibliography></style>",
        "utf-8",
    )
    records = [Record(key=k, type="book", title=k.upper()) for k in ("a", "b", "c")]
    assert format_bibliography(records, style, cache=False) == "3. C\n2. B\n1. A\n"


def _citation_style(
    tmp_path: Path, citation: str, layout: str, bibliography: str = "", kind: str = "in-text"
) -> Path:
    style = tmp_path / "cites.csl"
    style.write_text(
        f'<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="{kind}">'
        "<info><title>c</title><id>c</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        f"<citation {citation}><layout {layout}</layout></citation>{bibliography}</style>",
        "utf-8",
    )
    return style


def _smiths(*years: int) -> list[Record]:
    return [
        Record(
            key=f"s{i}",
            type="book",
            title=f"T{i}",
            author=[Person(family="Smith", given="A")],
            issued=PartialDate(year),
        )
        for i, year in enumerate(years)
    ]


@covers("leading-term")
def test_a_term_starting_a_citation_is_capitalised(tmp_path):
    from pantucci_bib import Citation, Cite, format_citations
    from test_citeproc_fixes_text import suite_fixture_passes

    # after a prefix whose sentence ends inside a quotation: “Please work.” Ibid.
    assert suite_fixture_passes("position_IbidWithPrefixFullStop", tmp_path)

    style = _citation_style(
        tmp_path,
        "",
        '><choose><if position="ibid"><text term="ibid"/></if>'
        '<else><text variable="title"/></else></choose>',
        kind="note",
    )
    records = _smiths(2000)
    document = [
        Citation(["s0"]),
        Citation(["s0"]),
        Citation([Cite("s0", prefix="As said.")]),
        Citation([Cite("s0", prefix="see")]),
    ]
    assert format_citations(records, document, style) == [
        "T0",
        "Ibid.",
        "As said. Ibid.",
        "see ibid.",
    ]


@covers("implicit-year-suffix")
def test_year_suffix_after_the_first_year_when_the_style_prints_none(tmp_path):
    from pantucci_bib import Citation, format_citations

    style = _citation_style(
        tmp_path,
        'disambiguate-add-year-suffix="true"',
        'delimiter="; "><names variable="author"><name form="short"/></names>'
        '<date variable="issued" prefix=" "><date-part name="year"/></date>',
    )
    texts = format_citations(_smiths(2000, 2000), [Citation(["s0", "s1"])], style)
    assert texts == ["Smith 2000a; Smith 2000b"]


@covers("year-suffix-collapse")
def test_year_suffixes_collapse(tmp_path):
    from pantucci_bib import Citation, format_citations

    for collapse, expected in (
        ("year-suffix", "Smith 2000a,b,c,d, 2001"),
        ("year-suffix-ranged", "Smith 2000a–d, 2001"),
    ):
        style = _citation_style(
            tmp_path,
            f'disambiguate-add-year-suffix="true" collapse="{collapse}" year-suffix-delimiter=","',
            'delimiter=", "><group delimiter=" "><names variable="author"><name form="short"/>'
            '</names><group><date variable="issued"><date-part name="year"/></date>'
            '<text variable="year-suffix"/></group></group>',
        )
        records = _smiths(2000, 2000, 2000, 2000, 2001)
        cites = Citation([r.key for r in records])
        assert format_citations(records, [cites], style) == [expected]


@covers("flip-flop")
def test_nested_decorations_flip_and_superscripts(tmp_path):
    record = Record(
        key="f", type="book", title="One <i>Two</i> Three", edition="1ʳᵉ", issued=PartialDate(2000)
    )
    style = _citation_style(
        tmp_path,
        "",
        '><text variable="title" font-style="italic"/><text variable="edition" prefix=" "/>',
    )
    from pantucci_bib import Citation, format_citations

    html = format_citations([record], [Citation(["f"])], style, output="html")
    assert html == [
        '<i>One <span style="font-style:normal;">Two</span> Three</i> 1<sup>r</sup><sup>e</sup>'
    ]
    assert format_citations([record], [Citation(["f"])], style) == ["One Two Three 1ʳᵉ"]


@covers("name-count")
def test_name_count_adds_up_variables(tmp_path):
    from pantucci_bib import Citation, format_citations

    style = _citation_style(
        tmp_path, "", '><names variable="author editor"><name form="count"/></names>'
    )
    record = Record(
        key="n",
        type="book",
        title="N",
        author=[Person(family=f) for f in ("A", "B", "C")],
        editor=[Person(family=f) for f in ("D", "E")],
    )
    assert format_citations([record], [Citation(["n"])], style) == ["5"]


@covers("locator-range")
@covers("prefix-punctuation")
def test_locator_ranges_and_prefix_punctuation(tmp_path):
    from pantucci_bib import Citation, Cite, format_citations

    style = _citation_style(
        tmp_path,
        "",
        'delimiter="; "><text variable="title"/>'
        '<group prefix=", "><label variable="locator" form="short" suffix=" "/>'
        '<text variable="locator"/></group>',
    )
    records = _smiths(2000, 2001)
    document = [Citation([Cite("s0", locator="100 - 103"), Cite("s1", prefix=", cited in")])]
    assert format_citations(records, document, style) == ["T0, pp. 100–103, cited in T1"]


@covers("after-inverted-name")
def test_delimiter_after_inverted_name(tmp_path):
    from pantucci_bib import Citation, format_citations

    style = _citation_style(
        tmp_path,
        "",
        '><names variable="author"><name and="symbol" delimiter=", " '
        'delimiter-precedes-last="after-inverted-name" name-as-sort-order="first"/></names>',
    )
    two = Record(
        key="two", type="book", title="T", author=[Person("Doe", "Jo"), Person("Roe", "Al")]
    )
    three = Record(
        key="three",
        type="book",
        title="T",
        author=[Person("Doe", "Jo"), Person("Roe", "Al"), Person("Poe", "Ed")],
    )
    texts = format_citations([two, three], [Citation(["two"]), Citation(["three"])], style)
    assert texts == ["Doe, Jo, & Al Roe", "Doe, Jo, Al Roe & Ed Poe"]


@covers("merged-punctuation")
def test_punctuation_meeting_across_markup_is_merged(tmp_path):
    from pantucci_bib import Citation, format_citations

    style = _citation_style(
        tmp_path,
        "",
        '><text variable="title" font-weight="bold" suffix="."/>'
        '<text variable="publisher" prefix="; " suffix=":"/><text value=" end"/>',
    )
    record = Record(key="m", type="book", title="Doe Co.", publisher="Press?")
    html = format_citations([record], [Citation(["m"])], style, output="html")
    assert html == ["<b>Doe Co.</b>; Press? end"]


@covers("display")
def test_display_renders_divs_in_html(tmp_path):
    from pantucci_bib import Citation, format_document

    style = tmp_path / "display.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>d</title><id>d</id><updated>2026-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout suffix="."><text variable="title" display="block"/>'
        '<text variable="publisher" display="indent"/></layout></bibliography></style>',
        "utf-8",
    )
    record = Record(key="d", type="book", title="Title", publisher="Press")
    html = format_document([record], [Citation(["d"])], style, output="html").bibliography
    assert (
        '<div class="csl-entry"><div class="csl-block">Title</div>'
        '<div class="csl-indent">Press.</div></div>'
    ) in html
    text = format_document([record], [Citation(["d"])], style).bibliography
    assert text == "TitlePress.\n"


@covers("initials")
def test_initials_as_citeproc_js():
    from pantucci_bib.formatting.engine.name_parts import initials

    assert initials("Ph. M.E.", ". ") == "Ph. M. E."
    assert initials("John M.E.", " ", spelled_out=True) == "John M E"
    assert initials("Jean-Paul", ".") == "J.-P."
    assert initials("Jean-Paul", ".", hyphen=False) == "J.P."
    assert initials("Ts.", ". ") == "Ts."
    assert initials("Raffaello", ". ") == "R."
    assert initials("TSerendorjiin", ".") == "Ts."  # a digraph (name_LongAbbreviation)
    assert initials("ThOmas", ".") == "T."
    assert initials("<b>John</b>-Quiggly", ". ") == "<b>J.</b>-Q."


@covers("page-range")
def test_page_ranges_as_citeproc_js():
    from pantucci_bib.formatting.engine.page_ranges import last_page

    assert last_page("1394", "1408", "chicago-16") == "408"
    assert last_page("1496", "1504", "chicago") == "1504"
    assert last_page("321", "28", "chicago") == "28"
    assert last_page("107", "108", "chicago-15") == "8"
    assert last_page("42", "45", "minimal-two") == "45"
    assert last_page("110", "5", "expanded") == "115"
    assert last_page("12", "10", "minimal") == "10"  # not a range: as written


@covers("field-quotes")
def test_punctuation_moves_inside_quotes_from_the_field(tmp_path):
    from pantucci_bib import Citation, format_citations

    style = _citation_style(tmp_path, "", '><text variable="title" suffix="."/>')
    records = [
        Record(key="q", type="book", title='Soil "policy"'),
        Record(key="n", type="book", title="A \"Tale of 'Two'\""),
    ]
    texts = format_citations(records, [Citation(["q"]), Citation(["n"])], style)
    assert texts == ["Soil “policy.”", "A “Tale of ‘Two.’”"]


@covers("doi-link")
def test_one_link_over_a_doi_and_its_prefix():
    record = Record(
        key="d",
        type="article-journal",
        title="T",
        author=[Person("Doe", "Jo")],
        container_title="J",
        issued=PartialDate(2020),
        doi="10.5555/abc",
    )
    html = format_bibliography([record], "apa", output="html", cache=False)
    assert '<a href="https://doi.org/10.5555/abc">https://doi.org/10.5555/abc</a>' in html


@covers("sort-names")
def test_names_in_sort_keys():
    assert fixes.collation_key("Ashford Łukasz") < fixes.collation_key("Ashford Rosa")
    records = [
        Record(
            key="two",
            type="book",
            title="B",
            author=[Person("Bradwell", "Ulla"), Person("Marby", "Mei")],
            issued=PartialDate(2001),
        ),
        Record(
            key="three",
            type="book",
            title="A",
            author=[Person("Bradwell", "Ulla"), Person("Ashton", "Mei"), Person("Fairham", "Q")],
            issued=PartialDate(1997),
        ),
    ]
    # "and" is no part of the sort key: Ashton sorts before Marby
    assert [key for key, _ in format_entries(records, "chicago-author-date")] == ["three", "two"]
