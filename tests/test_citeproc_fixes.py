"""One test per correction of pantucci_bib.formatting.engine (see its FIXES table).

Expected entries of official styles are citeproc-js's (tests/test_citeproc_js.py checks the same
records against it); where plain citeproc-py 0.11.1 gets a case wrong, the test shows that too,
so each test fails without its correction.
"""

from __future__ import annotations

import json
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
    assert fixes.collation_key("van Gogh") == fixes.collation_key("Van-Gogh")
    assert fixes.collation_key("Pantucci Raffaello") == fixes.collation_key("Pantucci, Raffaello")
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
def test_substituted_editor_is_not_repeated():
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
    assert set(fixes.FIXES) == COVERED


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
