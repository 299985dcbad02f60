"""Issue 17, sixth pass: what the blind heldout13 pages missed, each as a generic rule on a
small page of its own (the blog named by its site title, a contributor note that carries the
repost line, an intro under the headline and its date, relative dates), and two weak spots of
the person and credit recognisers."""

from __future__ import annotations

import pytest

from pantucci_bib.model import PartialDate
from pantucci_bib.pages.blocks import page_header, text_blocks
from pantucci_bib.pages.credits import credit
from pantucci_bib.pages.dateorder import past_date
from pantucci_bib.pages.directory import bundled_directory
from pantucci_bib.pages.html import html_blocks
from pantucci_bib.pages.page import blog_evidence, detect_blog, read_archive
from pantucci_bib.pages.persons import is_person
from test_page_spans import _row, _rows

BLOGS = ["Raffaello Pantucci", "China in Central Asia"]


def _html_rows(page: str) -> list[tuple[str, list[str], str, str | None]]:
    return [_row(r) for r in read_archive(page, "page.html").records]


def _blog(blocks: list[object]) -> str:
    directory = bundled_directory()
    return detect_blog(blocks, [], directory).name  # type: ignore[arg-type]


def test_a_text_page_under_the_bare_site_title_is_that_blogs() -> None:
    blocks = text_blocks("Raffaello Pantucci\n\nMonth: April 2018\n\nA Headline\n\nApril 2, 2018\n")
    assert _blog(blocks) == "Raffaello Pantucci"
    blocks = text_blocks("China in Central Asia | Tajikistan\n\nA Headline\n\nApril 2, 2018\n")
    assert _blog(blocks) == "China in Central Asia"


def test_the_html_site_title_names_the_blog_when_no_address_does() -> None:
    page = (
        "<html><head><title>Kazakhstan &#8211; China in Central Asia</title></head><body>"
        '<header><p class="site-title"><a href="/">China in Central Asia</a></p></header>'
        '<article class="post"><h2 class="entry-title">A Headline</h2>'
        '<div class="entry-content"><p>Some text about the railway.</p></div></article>'
        "</body></html>"
    )
    blocks = html_blocks(page)
    assert _blog(blocks) == "China in Central Asia"
    # a page about the analyst on the group blog is still the group blog's: the name that
    # ends the <title> (the site's) beats one inside it
    page = page.replace("Kazakhstan", "Raffaello Pantucci").replace("site-title", "x")
    directory = bundled_directory()
    scores = [blog_evidence(html_blocks(page), blog) for blog in directory.blogs]
    assert scores == [1, 2]
    assert _blog(html_blocks(page)) == "China in Central Asia"


def test_the_analysts_month_page_intros_under_the_headline() -> None:
    page = (
        "Raffaello Pantucci\n\nMonth: April 2018\n\n"
        "Ports and Patience\n\n19/04/2018\n\n"
        "Written with Aigerim Bekova of the Almaty Policy Institute, this piece appeared in the "
        "Caspian Harbour Review last week.\n\n"
        "The port is ready and the ferries are not.\nRead more\n\n"
        "Debt and Dams\n\n12 April 2018\n\n"
        "A policy brief for the Geneva Centre for Water Security, co-authored with Lars Holm "
        "(published 10 April 2018).\n\n"
        "Half of the debt is owed to one bank.\nRead more\n\n"
        "A Walk in Khujand\n\nApril 6th, 2018\n\n"
        "A week of meetings and a great deal of cotton.\n"
    )
    assert _rows(page) == [
        ("Ports and Patience", ["Pantucci", "Bekova"], "Caspian Harbour Review", "2018-04"),
        ("Debt and Dams", ["Pantucci", "Holm"], "Geneva Centre for Water Security", "2018-04-10"),
        ("A Walk in Khujand", ["Pantucci"], "Raffaello Pantucci", "2018-04-06"),
    ]


def test_a_repost_lines_date_beats_the_blogs_date_line() -> None:
    page = (
        "Raffaello Pantucci\n\nMonth: April 2018\n\n"
        "Caspian Calculus\n\nApril 26, 2018\n\n"
        "First published in the Steppe Strategy Quarterly on 23 April 2018.\n\n"
        "The port is ready.\n\n"
        "Succession\n\nApril 1, 2018\n\n"
        "This first appeared in the March 2018 issue of Eurasian Affairs Monthly.\n\n"
        "Nobody talks about who comes next.\n"
    )
    assert [row[3] for row in _rows(page)] == ["2018-04-23", "2018-03"]


def test_a_contributor_note_that_carries_the_repost_line_and_the_translator() -> None:
    page = (
        "<html><head><title>Guests &#8211; China in Central Asia</title></head><body>"
        '<article class="post"><h2 class="entry-title">Border Markets</h2>'
        '<div class="entry-content"><p><em>Aigerim Bekova is a researcher at the Almaty '
        "Policy Institute. This post was first published in Russian in the Steppe Review on "
        "20 May 2021; translated by Tao Xie.</em></p>"
        "<p>At the market the traders price everything in three currencies.</p></div>"
        '<footer><time class="entry-date published" datetime="2021-05-22T15:00:00+06:00">'
        'May 22, 2021</time><span class="byline">By <a rel="author" href="/author/tao/">'
        "Tao Xie</a></span></footer></article>"
        '<article class="post"><h2 class="entry-title">Students in Wuhan</h2>'
        '<div class="entry-content"><p>Few of the students have gone back.</p>'
        "<p>&#8212; Dr. Lars Holm (Uppsala University)</p></div>"
        '<footer><time class="entry-date published" datetime="2021-05-17T11:00:00+06:00">'
        'May 17, 2021</time><span class="byline">By <a rel="author" href="/author/tao/">'
        "Tao Xie</a></span></footer></article>"
        '<article class="post"><h2 class="entry-title">Cotton Prices</h2>'
        '<div class="entry-content"><p><em>Hanna Lind is a researcher at Uppsala University.'
        "</em></p><p>Cotton prices in the Ferghana valley doubled in two years.</p></div>"
        '<footer><time class="entry-date published" datetime="2021-05-10T11:00:00+06:00">'
        'May 10, 2021</time><span class="byline">By <a rel="author" href="/author/tao/">'
        "Tao Xie</a></span></footer></article>"
        "</body></html>"
    )
    assert _html_rows(page) == [
        ("Border Markets", ["Bekova"], "Steppe Review", "2021-05-20"),
        ("Students in Wuhan", ["Holm"], "China in Central Asia", "2021-05-17"),
        # a contributor note opening the post names the guest, not the theme's poster
        ("Cotton Prices", ["Lind"], "China in Central Asia", "2021-05-10"),
    ]


def test_relative_dates_before_the_post() -> None:
    posted = PartialDate(2018, 4, 19)
    assert past_date("it appeared in the X last week", posted) == PartialDate(2018, 4)
    assert past_date("it ran in the X last month", posted) == PartialDate(2018, 3)
    assert past_date("it ran in the X last month", PartialDate(2018, 1, 5)) == PartialDate(2017, 12)
    # the week before 3 April may be in March: the page's own date stands
    assert past_date("it appeared in the X last week", PartialDate(2018, 4, 3)) is None
    assert past_date("it appeared in the X", posted) is None


@pytest.mark.parametrize("name", ["Hanna Lind", "Ingrid Austin", "Nurlan Zhakupov"])
def test_given_names_neither_the_lexicon_nor_the_project_data_hold(name: str) -> None:
    assert is_person(name, bundled_directory())


@pytest.mark.parametrize("name", ["Victoria Station", "Elena Street", "Silk Road"])
def test_a_given_name_before_a_place_word_is_no_person(name: str) -> None:
    assert not is_person(name, bundled_directory())


def test_a_body_sentence_is_by_a_b_is_no_credit() -> None:
    directory = bundled_directory()
    body = [
        "The mines changed hands last year. The best map of them is by Anna Smith.",
        "The best study of the mines near Talas is by Anna Smith.",
        "Prices rose. The survey was by Tom Brown and Anna Smith.",
    ]
    for text in body:
        assert credit(text, directory, exclude=BLOGS) is None, text
    for text in ("This essay is by Anna Smith.", "Guest post by Hanna Lind, a researcher."):
        found = credit(text, directory, exclude=BLOGS)
        assert found is not None and len(found.names) == 1, text


def test_a_body_credit_far_into_a_post_leaves_the_theme_poster() -> None:
    page = (
        "China in Central Asia\n\nMonthly Archives: May 2020\n\n"
        "Melons and Money\n\nPosted by Tao Xie on 12 May 2020\n\n"
        "Melons cross three borders. The best account is by Olzhas Temirov.\n\n"
        "Prices doubled in a year.\n"
    )
    assert _rows(page) == [("Melons and Money", ["Xie"], "China in Central Asia", "2020-05-12")]


def test_the_sites_description_under_its_name_is_no_post() -> None:
    page = (
        "China in Central Asia\n\nChinese economic, political and security activity in Central "
        "Asia\n\nTag: Uzbekistan\n\nMelons and Money\n\nPosted by Tao Xie on 12 May 2020\n\n"
        "The melon trade crosses three borders and pays at each.\n"
    )
    assert _rows(page) == [("Melons and Money", ["Xie"], "China in Central Asia", "2020-05-12")]
    blocks = text_blocks(page)
    assert _blog(blocks) == "China in Central Asia"


@pytest.mark.parametrize(
    ("line", "subject"),
    [
        ("Raffaello Pantucci — Month: April 2018", None),
        ("Raffaello Pantucci | Tag: SCO", "SCO"),
        ("China in Central Asia — Kazakhstan", "Kazakhstan"),
    ],
)
def test_what_the_blogs_name_line_says_after_the_name(line: str, subject: str | None) -> None:
    found, rest = page_header(text_blocks(f"{line}\n\nA Headline\n\nMay 3, 2020\n"), BLOGS)
    assert found == subject
    assert [b.text for b in rest] == ["A Headline", "May 3, 2020"]
