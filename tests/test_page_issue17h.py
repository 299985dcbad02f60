"""Issue 17, eighth pass: what the blind heldout16 pages missed, each as a generic rule on a
small page of its own in other wordings (a home page's menu and sidebar widgets, repost notes
on a post's last line, credits inside an excerpt, lists of several authors)."""

from __future__ import annotations

from pantucci_bib.pages.blocks import page_header, text_blocks
from pantucci_bib.pages.furniture import drop_furniture
from test_page_spans import _rows

BLOGS = ["Raffaello Pantucci", "China in Central Asia"]


def test_a_menu_and_sidebar_widgets_are_furniture_not_posts() -> None:
    page = (
        "China in Central Asia\n\nNews and analysis from the region\n\n"
        "Start\nTeam\nPitch a piece\nNewsletter\n\n"
        "Latest entries\n\nDams on the Vakhsh\nA Day at the Bazaar\nPipelines Again\n\n"
        "Grain Trains to Lianyungang\n\nPosted on June 4, 2021 by Jonas Berg\n\n"
        "The wagons are Kazakh, the grain is Kazakh, the port is Chinese.\n\n"
        "Posted in News | Leave a comment\n\n"
        "Blogroll\n\nSilk Road Notes\nPamir Diaries\nSteppe Watch\n\n"
        "Proudly powered by WordPress\n"
    )
    rows = _rows(page)
    assert rows == [
        ("Grain Trains to Lianyungang", ["Berg"], "China in Central Asia", "2021-06-04")
    ]


def test_a_widget_of_month_links_is_furniture_but_dated_lines_are_kept() -> None:
    blocks = text_blocks(
        "Past months\n\nMay 2021\nApril 2021\nMarch 2021\n\nA Headline\n2 May 2021\nBy Jonas Berg\n"
    )
    assert [b.text for b in drop_furniture(blocks)] == ["A Headline", "2 May 2021", "By Jonas Berg"]


def test_a_packed_list_of_people_is_not_furniture() -> None:
    blocks = text_blocks("About the authors\n\nAliya Seitova\nJonas Berg\nMarta Kowal\n")
    assert len(drop_furniture(blocks)) == 4
    blocks = text_blocks("With thanks to\n\nAliya Seitova\nDaniyar Omarov\nMarta Kowalska\n")
    assert len(drop_furniture(blocks)) == 4


def test_a_home_pages_tagline_over_the_first_headline_is_the_sites() -> None:
    blocks = text_blocks(
        "Raffaello Pantucci\n\nNotes on security and the Silk Road\n\n"
        "Grain Trains to Lianyungang\n\nJune 4, 2021\n\nThe wagons are Kazakh.\n"
    )
    subject, rest = page_header(blocks, BLOGS)
    assert subject is None
    assert rest[0].text == "Grain Trains to Lianyungang"
