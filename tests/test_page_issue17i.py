"""Issue 17, ninth pass: what the blind heldout17 pages missed, each as a generic rule on a
small page of its own in other wordings (a Blogger-hosted copy of a blog, a yearly archive of
one line per post, a home page's stamps and repeats, a page builder's author box)."""

from __future__ import annotations

from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.index_lines import index_posts
from pantucci_bib.pages.notes import title_coauthors
from test_page_spans import _rows

_BLOGGER_POST = """
<div class='post-outer'><div class='post hentry'>
<h3 class='post-title entry-title'><a href='https://copy.blogspot.com/{slug}.html'>{title}</a></h3>
<div class='post-body entry-content'>{body}</div>
<div class='post-footer'><span class='post-author vcard'>Posted by
<span class='fn'><a class='g-profile' rel='author' href='https://www.blogger.com/profile/1'>
<span>Ines Moreau</span></a></span></span>
<span class='post-timestamp'>at <a class='timestamp-link' rel='bookmark' href='#'>
<abbr class='published' title='{iso}'>9:15 AM</abbr></a></span></div>
</div></div>
"""


def _blogger(posts: list[dict[str, str]]) -> str:
    body = "".join(_BLOGGER_POST.format(**p) for p in posts)
    return (
        "<!DOCTYPE html><html><head><meta content='blogger' name='generator'/>"
        "<title>Raffaello Pantucci (copy): June 2016</title></head><body>"
        "<div class='header'><h1 class='title'>Raffaello Pantucci (copy)</h1>"
        "<p class='description'>His posts, maintained by Ines Moreau while the old host is down."
        "</p></div>"
        "<div class='main section'><div class='widget Blog' id='Blog1'>"
        "<div class='blog-posts hfeed'><div class='date-outer'>"
        "<h2 class='date-header'><span>Monday, June 20, 2016</span></h2>"
        f"<div class='date-posts'>{body}</div></div></div></div></div>"
        "<div class='sidebar section'><div class='widget BlogArchive'><h2>Blog Archive</h2>"
        "<ul><li><a href='#'>Dams on the Naryn</a></li></ul></div></div></body></html>"
    )


def test_a_blogger_page_is_read_like_a_wordpress_one() -> None:
    page = _blogger(
        [
            {
                "slug": "dams",
                "title": "Dams on the Naryn",
                "body": "<p>A short note on the dam cascade and who pays for it.</p>",
                "iso": "2016-06-20T09:15:00Z",
            },
            {
                "slug": "grain",
                "title": "Grain and the Khorgos Gate (with Selim Ozturk)",
                "body": "<p>Selim and I looked at the grain trade through the gate.</p>",
                "iso": "2016-06-20T07:00:00Z",
            },
        ]
    )
    rows = _rows(page)
    assert rows == [
        ("Dams on the Naryn", ["Pantucci"], "Raffaello Pantucci", "2016-06-20"),
        ("Grain and the Khorgos Gate", ["Pantucci", "Ozturk"], "Raffaello Pantucci", "2016-06-20"),
    ]


def test_a_headline_keeps_a_bracket_that_is_no_credit() -> None:
    assert title_coauthors("Ports and Ferries (Part Two)") == ("Ports and Ferries (Part Two)", [])
    assert title_coauthors("Ports (written with Omar Sadik and Lena Vogt)") == (
        "Ports",
        ["Omar Sadik", "Lena Vogt"],
    )
    assert title_coauthors("Ports (with the editors)") == ("Ports (with the editors)", [])


def _lines(text: str) -> list[Block]:
    return [Block(i + 1, t) for i, t in enumerate(text.split("\n")) if t]


def test_index_lines_become_posts_with_the_month_and_year_they_sit_under() -> None:
    blocks = index_posts(
        _lines(
            "China in Central Asia\nYearly Archives: 2018\nJune\n"
            "21st — Cotton Prices in Khujand — Rustam Aliev, tr. Olga Petrova\n"
            "2nd — Desk Notes for May — Research desk\n"
            "May\n"
            "30th — A Road to Kashgar (first appeared in the Pamir Herald, 28th May 2018)"
            " — Bakyt Osmonov and Dana Kim (guests)\n"
            "Popular this year\n1. Cotton Prices in Khujand\n"
        )
    )
    texts = [(b.hint, b.text) for b in blocks if b.hint != "post"]
    assert texts == [
        ("site", "China in Central Asia"),
        ("", "Yearly Archives: 2018"),
        ("title", "Cotton Prices in Khujand"),
        ("posted", "21 June 2018"),
        ("", "By Rustam Aliev"),
        ("", "Translated by Olga Petrova"),
        ("title", "Desk Notes for May"),
        ("posted", "2 June 2018"),
        ("title", "A Road to Kashgar"),
        ("posted", "30 May 2018"),
        ("", "By Bakyt Osmonov and Dana Kim"),
        ("", "First appeared in the Pamir Herald, 28th May 2018."),
    ]


def test_two_dashed_lines_are_no_index() -> None:
    blocks = _lines("3rd — one thing — A B\n4th — another — C D\n")
    assert index_posts(blocks) == blocks


def test_a_home_page_with_a_pinned_post_shown_twice_and_two_stamps() -> None:
    pinned = (
        "Pinned\n\nA Map of the Wakhan\n\nPublished: 2 February 2019\n\n"
        "The map took a year to draw and is now online for anyone to use.\n\n"
    )
    page = (
        "Raffaello Pantucci\n\n"
        + pinned
        + "Rail Gauges at Dostyk\n\nPublished: 9 March 2019 · Last updated: 1 April 2019\n\n"
        "Trains change bogies at the border, and the wait can take a day.\n\n"
        "An earlier version ran in the Ural Gazette on 4 March 2019, with fewer figures.\n\n"
        "The rest of the post is about who pays for the delay.\n\n"
        + pinned
        + "Older posts\n\nRaffaello Pantucci\n\nA site about China in Central Asia\n"
    )
    assert _rows(page) == [
        ("A Map of the Wakhan", ["Pantucci"], "Raffaello Pantucci", "2019-02-02"),
        ("Rail Gauges at Dostyk", ["Pantucci"], "Ural Gazette", "2019-03-04"),
    ]


def test_a_barred_credit_gives_people_outlet_and_date() -> None:
    page = (
        "Raffaello Pantucci\n\n"
        "Kyrgyz Gold and Chinese Buyers\n\nPublished: 12 June 2020\n\n"
        "By Raffaello Pantucci and Omar Sadik | Highland Monitor | 8 June 2020\n\n"
        "Gold leaves the mountains by road and arrives in Urumqi by air.\n"
    )
    assert _rows(page) == [
        ("Kyrgyz Gold and Chinese Buyers", ["Pantucci", "Sadik"], "Highland Monitor", "2020-06-08")
    ]


_CARD = (
    "<article class='elementor-post type-post'><h3 class='elementor-post__title'>"
    "<a href='#'>{title}</a></h3><div class='elementor-post__excerpt'><p>{body}</p></div>"
    "<div class='elementor-post__meta-data'><span class='elementor-post-author'>{poster}</span>"
    "<time datetime='{iso}'>2 days ago</time></div></article>"
)


def _cards(cards: list[dict[str, str]]) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Tag: Grain - China in Central Asia</title></head>"
        "<body>"
        "<h1 class='page-title'>Tag: Grain</h1>"
        + "\n".join(_CARD.format(**c) for c in cards)
        + "</body></html>"
    )


def test_a_card_excerpt_closing_credit_beats_the_poster_account() -> None:
    filler = "Grain moves east by rail and west by road, and the prices differ at every stop. " * 3
    page = _cards(
        [
            {
                "title": "Wheat at the Border",
                "body": filler + "About the guest writer: Omar Sadik is a trader in Osh.",
                "poster": "Grain Desk",
                "iso": "2021-05-04T10:00:00+06:00",
            },
            {
                "title": "Silos in Kostanay",
                "body": filler + "Words and data: Lena Vogt (Kostanay) and Dana Kim (Almaty).",
                "poster": "Ines Moreau",
                "iso": "2021-05-02T10:00:00+06:00",
            },
            {
                "title": "Grain Round-up",
                "body": filler + "As Marat Esenov argued in the Harvest Quarterly, it is back.",
                "poster": "Grain Desk",
                "iso": "2021-05-01T10:00:00+06:00",
            },
        ]
    )
    assert _rows(page) == [
        ("Wheat at the Border", ["Sadik"], "China in Central Asia", "2021-05-04"),
        ("Silos in Kostanay", ["Vogt", "Kim"], "China in Central Asia", "2021-05-02"),
        ("Grain Round-up", [], "China in Central Asia", "2021-05-01"),
    ]


def test_two_surname_tokens_read_family_first_after_a_commonest_surname() -> None:
    from pantucci_bib.names import parse_name

    assert parse_name("Zhou Lin").family == "Zhou"
    assert parse_name("Lin Zhou").family == "Zhou"  # the commonest surname last: Western order
    assert parse_name("Wang Lifan").family == "Wang"
