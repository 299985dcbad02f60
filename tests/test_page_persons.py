"""Issue 17e: the person-name recogniser (pantucci_bib.pages.persons), credit paragraphs in any
wording (pantucci_bib.pages.credits) and what uses them. Small pages of their own, written for
these tests (not the held-out pages); every name and outlet here is invented."""

from __future__ import annotations

import pytest

from pantucci_bib.pages.blocks import page_header, text_blocks
from pantucci_bib.pages.credits import citation_tail, credit
from pantucci_bib.pages.directory import bundled_directory
from pantucci_bib.pages.lines import byline_names
from pantucci_bib.pages.persons import is_person, person_score
from test_page_spans import _rows

BLOG = ["China in Central Asia"]


@pytest.mark.parametrize(
    "name", ["Aigerim Bekova", "Timur Ospanov", "Lars Holm", "Wang Wei", "Zarina Abdullayeva"]
)
def test_personal_names_no_table_lists_are_recognised(name: str) -> None:
    assert is_person(name, bundled_directory())


@pytest.mark.parametrize(
    "name",
    ["the Diplomat", "RUSI Newsbrief", "Steppe Economic Review", "Uzbekistan", "March Notes"],
)
def test_outlets_places_and_acronyms_are_not_persons(name: str) -> None:
    assert not is_person(name, bundled_directory())


def test_a_known_person_scores_highest() -> None:
    assert person_score("Raffaello Pantucci", bundled_directory()) > person_score("Aigerim Bekova")


@pytest.mark.parametrize(
    ("text", "names", "outlet", "date"),
    [
        (
            "— Olzhas Temirov, for the Semey Courier, 4 May 2020",
            ["Olzhas Temirov"],
            "Semey Courier",
            "2020-05-04",
        ),
        (
            "This essay is by Dana Ermekova and first ran in Vostok Weekly on 2 June 2020.",
            ["Dana Ermekova"],
            "Vostok Weekly",
            "2020-06-02",
        ),
        (
            "Ruslan Abenov & Mira Saidova, Ferghana Trade Review",
            ["Ruslan Abenov", "Mira Saidova"],
            "Ferghana Trade Review",
            None,
        ),
        (
            "Our guest this week, Aliya Temirova, is a reporter in Osh.",
            ["Aliya Temirova"],
            "",
            None,
        ),
        (
            "Nurlan Bekov, writing in the Aral Monitor (3 March 2020):",
            ["Nurlan Bekov"],
            "Aral Monitor",
            "2020-03-03",
        ),
    ],
)
def test_credit_paragraphs_in_other_wordings(
    text: str, names: list[str], outlet: str, date: str | None
) -> None:
    found = credit(text, bundled_directory(), exclude=BLOG)
    assert found is not None
    assert list(found.names) == names
    assert found.outlet == outlet
    assert (found.date.edtf() if found.date else None) == date


@pytest.mark.parametrize(
    "text",
    [
        "The bridge was opened by Kassym Ospanov in 2019 and nobody uses it.",
        "Translated from the Russian by Yerlan Abishev.",
        "The author of the report, Timur Ospanov, disagreed with the ministry.",
        "We spoke to Aliya Temirova about the elections.",
    ],
)
def test_names_without_a_credit_cue_are_no_credit(text: str) -> None:
    assert credit(text, bundled_directory(), exclude=BLOG) is None


def test_byline_names_end_where_an_outlet_begins() -> None:
    assert byline_names("By Ruslan Abenov and Mira Saidova, Ferghana Trade Monitor") == [
        "Ruslan Abenov",
        "Mira Saidova",
    ]
    assert byline_names("Weekend Reading: Uzbekistan") is None


def test_citation_tail_of_an_outlet_label() -> None:
    outlet, volume, issue, date = citation_tail("Steppe Studies Bulletin, vol. 3, issue 2 (2017)")
    assert (outlet, volume, issue) == ("Steppe Studies Bulletin", "3", "2")
    assert date is not None and date.edtf() == "2017" and not date.circa


def test_the_blogs_own_name_line_is_the_site_header() -> None:
    blocks = text_blocks("China in Central Asia — Kazakhstan\n\nSome Headline\n\nMay 3, 2020\n")
    subject, rest = page_header(blocks, BLOG)
    assert subject == "Kazakhstan"
    assert [b.text for b in rest] == ["Some Headline", "May 3, 2020"]


def test_group_blog_credits_beat_the_poster_and_dated_bylines_name_the_poster() -> None:
    page = (
        "China in Central Asia\n\nMonthly Archives: May 2020\n\n"
        "Melons and Money\n\nPosted by Tao Xie on 12 May 2020\n\n"
        "The melon trade crosses three borders and pays at each.\n\n"
        "— Olzhas Temirov, for the Semey Courier, 4 May 2020\n\n"
        "Notes From Osh\n\nMay 2, 2020 · Tao Xie\n\n"
        "A week in the south, in no particular order.\n"
    )
    assert _rows(page) == [
        ("Melons and Money", ["Temirov"], "Semey Courier", "2020-05-04"),
        ("Notes From Osh", ["Xie"], "China in Central Asia", "2020-05-02"),
    ]


def test_intro_co_authors_the_recogniser_accepts() -> None:
    page = (
        "Raffaello Pantucci\n\nYear: 2020\n\n"
        "Something new for the Caspian Strategy Letter, written jointly with Zarina "
        "Abdullayeva.\n\nThe Price of Gas\n\nMarch 11, 2020\n\nThe price is a secret.\n\n"
        "More »\n\n"
        "Timur Ospanov, Lars Holm and I wrote this report for the Steppe Policy Institute.\n\n"
        "Mapping the Border\n\nMarch 2, 2020\n\nThe border is longer than the map says.\n"
    )
    rows = _rows(page)
    assert rows[0][1] == ["Pantucci", "Abdullayeva"]
    assert rows[1][1] == ["Pantucci", "Ospanov", "Holm"]
