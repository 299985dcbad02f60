"""Shapes the third held-out pages of issue 17 showed (fixed after their blind figures were
recorded), each on a small page of its own."""

from __future__ import annotations

from pantucci_bib import extract
from pantucci_bib.model import Record
from pantucci_bib.pages.directory import bundled_directory
from pantucci_bib.pages.phrasings import TRANSLATOR


def _records(text: str) -> list[Record]:
    return list(extract(text, curated=False).records)


def _row(record: Record) -> tuple[str, list[str], str, str | None]:
    return (
        record.title,
        [p.family for p in record.author],
        record.container_title or record.publisher,
        record.issued.edtf().split("T")[0] if record.issued else None,
    )


def _page(*posts: str) -> str:
    return "Posts Tagged ‘Gas’\n\n" + "\n\n".join(posts) + "\n"


def test_intros_that_name_the_outlet_in_other_words():
    page = _page(
        "Reproduced here courtesy of the Tbilisi Energy Observer, who commissioned it.",
        "Gas and Leverage",
        "December 2015",
        "Transit fees are small money for the producer.",
        "An opinion piece with Alisher Nazarov, which Novaya Gazeta Kazakhstan carried in "
        "Russian last week. Here is the English original.",
        "Who Owns the Pipe",
        "January 10th, 2016",
        "By Alisher Nazarov and Raffaello Pantucci",
        "Ownership of the pipe is split three ways.",
        "For the good folks at the Geneva Transit Forum, a short paper on customs unions.",
        "Customs Unions",
        "4 March 2019",
        "The union removed the customs posts.",
        "An interview I gave to the Kazakh weekly Dala Times on the railway.",
        "Talking Railways",
        "12 Mar 2019",
        "The interview ran over two pages.",
    )
    assert [_row(r) for r in _records(page)] == [
        ("Gas and Leverage", ["Pantucci"], "Tbilisi Energy Observer", "2015-12"),
        ("Who Owns the Pipe", ["Nazarov", "Pantucci"], "Novaya Gazeta Kazakhstan", "2016-01-10"),
        ("Customs Unions", ["Pantucci"], "Geneva Transit Forum", "2019-03-04"),
        ("Talking Railways", ["Pantucci"], "Dala Times", "2019-03-12"),
    ]


def test_a_known_outlet_inside_a_longer_name_is_not_that_outlet():
    directory = bundled_directory()
    assert [m.outlet.name for m in directory.find_outlets("a piece for The Times")] == ["The Times"]
    assert directory.find_outlets("an interview with the weekly Dala Times") == []


def test_a_datelines_place_before_a_bar_or_with_its_country():
    page = _page(
        "My latest for the Ankara Energy Letter, on the line.",
        "The Pipeline",
        "Ashgabat | 17 February 2016",
        "Every few years a minister promises the line.",
        "A column for the Nordic Asia Quarterly on the railway.",
        "The Towns",
        "Almaty (Kazakhstan), 2019-03-28",
        "The new line runs straight.",
    )
    assert [r.container_title for r in _records(page)] == [
        "Ankara Energy Letter",
        "Nordic Asia Quarterly",
    ]


def test_html_reposts_asides_authors_and_wire_datelines():
    def article(title: str, posted: str, author: str, *paras: str) -> str:
        head = (
            f"<header><h1 class='entry-title'><a rel='bookmark' href='/x'>{title}</a></h1></header>"
            if title
            else ""
        )
        body = "".join(f"<p>{p}</p>" for p in paras)
        return (
            f"<article class='post hentry'>{head}<div class='entry-content'>{body}</div>"
            f"<footer class='entry-meta'><time class='entry-date' datetime='{posted}'>x</time>"
            f"<span class='author vcard'><a class='url fn n' rel='author' href='/a'>{author}</a>"
            "</span></footer></article>\n"
        )

    page = (
        "<html><head><title>Security | China in Central Asia</title></head><body>\n"
        "<h1 class='archive-title'>Category Archives: Security</h1>\n"
        + article(
            "The Garrison Towns",
            "2015-10-08T09:00:00",
            "editor",
            "By Aziz Karimov",
            "Reprinted with permission from the Kabul Observer (6 October 2015).",
            "North of the river the towns are filling up again.",
        )
        + article(
            "",
            "2015-09-21T08:00:00",
            "Raffaello Pantucci",
            "A short note of mine went up at the Baltic Transit Review this week, on ferries.",
        )
        + article(
            "Rails and Roubles",
            "2015-09-14T11:00:00",
            "Raffaello Pantucci",
            "Tao and I wrote this for the Harbin Economic Herald.",
            "By Raffaello Pantucci and Tao Xie",
            "HARBIN, Sept. 11, 2015 — The freight yards handle more containers every month.",
        )
        + article(
            "Le corridor du Nord",
            "2015-06-10T07:00:00",
            "Raffaello Pantucci",
            "Publié dans Le Courrier d’Asie centrale, 4 juin 2015.",
            "Par Raffaello Pantucci",
            "Le corridor traverse trois pays.",
        )
        + "</body></html>\n"
    )
    assert [_row(r) for r in _records(page)] == [
        ("The Garrison Towns", ["Karimov"], "Kabul Observer", "2015-10-06"),
        ("", ["Pantucci"], "Baltic Transit Review", "2015-09-21"),
        ("Rails and Roubles", ["Pantucci", "Xie"], "Harbin Economic Herald", "2015-09-11"),
        ("Le corridor du Nord", ["Pantucci"], "Le Courrier d’Asie centrale", "2015-06-04"),
    ]


def test_a_paragraph_before_the_first_post_is_reported_not_dropped():
    page = _page(
        "The road season is nearly over, and the passes will close soon enough.",
        "The Last Convoy",
        "By Ann Smith",
        "First published in the Valley Times, 3 March 2020",
        "The convoy left at dawn.",
    )
    result = extract(page, curated=False)
    assert [r.title for r in result.records] == ["The Last Convoy"]
    (problem,) = [p for p in result.problems if "before the first post" in p.message]
    assert problem.where.line == 3 and problem.severity == "warning"


def test_a_translator_line_naming_the_language():
    match = TRANSLATOR.match("Translated from the Kazakh by Aigerim Sultan")
    assert match is not None and match["names"] == "Aigerim Sultan"


def test_a_year_archive_header_is_no_post():
    page = (
        "Yearly Archives: 2013\n\n"
        "Cross-posted from the Bosphorus Eurasia Blog, where I have a short take on the talks.\n\n"
        "Talks About Talks\n\n2013.11.20\n\nThe talks resumed after a year.\n\n"
        "My contribution to a symposium run by the Helsinki Review of Asian Affairs on trade.\n\n"
        "The Union\n\n14-07-2013\n\nThe union was meant to become a single market.\n"
    )
    assert [_row(r) for r in _records(page)] == [
        ("Talks About Talks", ["Pantucci"], "Bosphorus Eurasia Blog", "2013-11-20"),
        ("The Union", ["Pantucci"], "Helsinki Review of Asian Affairs", "2013-07-14"),
    ]


def test_the_themes_author_with_the_co_authors_an_intro_names():
    def article(title: str, *paras: str) -> str:
        body = "".join(f"<p>{p}</p>" for p in paras)
        return (
            f"<article class='et_pb_post post hentry'><h2 class='entry-title'><a href='/x'>{title}"
            "</a></h2><p class='post-meta'> by <span class='author vcard'><a rel='author' "
            "href='/a'>Raffaello Pantucci</a></span> | <span class='published'>Feb 19, 2018"
            f"</span></p><div class='post-content'>{body}</div></article>\n"
        )

    page = (
        "<html><head><title>Analysis | Raffaello Pantucci</title></head><body>\n"
        "<h1 class='page-title'>Category: Analysis</h1>\n"
        + article(
            "Water and Power",
            "This one originally appeared on the Eurasia Water Monitor on 2 March 2018, and "
            "grew out of a week in Osh.",
            "The reservoirs upstream fill in winter.",
        )
        + article(
            "A Question of Gauge",
            "A longer paper with Sanjar Umarov for the Vilnius Institute of Eastern Studies.",
            "Two gauges meet at the border.",
        )
        + article(
            "The Dam",
            "Co-written with Farrukh Nazarov for the Helsinki Review of Asian Affairs.",
            "By Farrukh Nazarov and Raffaello Pantucci",
            "The dam has been under construction for forty years.",
        )
        + "</body></html>\n"
    )
    assert [_row(r) for r in _records(page)] == [
        ("Water and Power", ["Pantucci"], "Eurasia Water Monitor", "2018-03-02"),
        # no date of the piece's own: a circa year from the neighbours (the blog's date is
        # only the day it was reposted)
        (
            "A Question of Gauge",
            ["Pantucci", "Umarov"],
            "Vilnius Institute of Eastern Studies",
            "2018~",
        ),
        ("The Dam", ["Nazarov", "Pantucci"], "Helsinki Review of Asian Affairs", "2018~"),
    ]


def test_stamps_without_a_colon_and_outlets_an_intro_names_after_up_on_or_spoke_to():
    page = (
        "Archive for the ‘Xinjiang’ Category\n\n"
        "I have a new commentary up on the Canberra Interpreter, looking at the white paper.\n\n"
        "What the White Paper Leaves Out\n\nPublished 21 Sep 2019\n\nThe paper is long.\n"
        "Continue reading\n\n"
        "Spoke to Radio Free Steppe about the new visa rules; the transcript is below.\n\n"
        "Visa Rules Explained\n\nAugust 28th 2019\n\nQ: What has changed?\n\nA: Less.\n"
    )
    assert [_row(r) for r in _records(page)] == [
        ("What the White Paper Leaves Out", ["Pantucci"], "Canberra Interpreter", "2019-09-21"),
        ("Visa Rules Explained", ["Pantucci"], "Radio Free Steppe", "2019-08-28"),
    ]


def test_guest_posts_and_languages_in_repost_lines():
    page = (
        "Archive for the ‘Trade’ Category\n\n"
        "Border Trade Slows\n\nBy Meruyert Abenova | 3 September 2019\n\n"
        "Originally published by the Astana Business Daily.\n\nTraders say the queues are long.\n\n"
        "Silk Road Finance\n\nBy Lei Wang\n\n"
        "First published in Chinese by Caixin Weekly on 1 March 2021.\n\nThe fund is small.\n\n"
        "Cotton Contracts\n\nGuest post by Dilnoza Yusupova\n\n"
        "First published in the Khorezm Herald, 20 February 2021\n\nThe contracts are signed.\n"
    )
    assert [_row(r) for r in _records(page)] == [
        ("Border Trade Slows", ["Abenova"], "Astana Business Daily", "2019-09-03"),
        ("Silk Road Finance", ["Wang"], "Caixin Weekly", "2021-03-01"),
        ("Cotton Contracts", ["Yusupova"], "Khorezm Herald", "2021-02-20"),
    ]


def test_a_person_spoken_to_is_not_the_outlet():
    page = (
        "Posts Tagged ‘Visas’\n\n"
        "Spoke to Alex Brown about the new visa rules for a piece in the Steppe Observer.\n\n"
        "Visa Rules Explained\n\nAugust 28th 2019\n\nThe rules changed.\n"
    )
    assert [r.container_title for r in _records(page)] == ["Steppe Observer"]


def test_last_modified_stamps_words_by_podcasts_and_possessive_outlets():
    page = (
        "Posts Tagged ‘ports’\n\n"
        "Here is a piece I did for the Baltic Herald’s opinion pages, on the new port.\n\n"
        "Anaklia, Again\n\nMon 4 Nov 2019 09.30 GMT\n\n"
        "Last modified on Mon 4 Nov 2019 11.05 GMT\n\n"
        "The port has been announced three times.\nContinue reading\n\n"
        "I joined the Caravanserai Podcast to talk about ports and railways.\n\n"
        "Ports and Railways\n\nOctober 22, 2019\n\nThe episode runs an hour.\n\n"
        "Something shorter than usual for the Riga Strategic Letter, written with Ilze.\n\n"
        "Before the Conference\n\nWords by Ilze Kalnina and Raffaello Pantucci\n\n"
        "Riga, 10.10.2019\n\nThe conference will talk about connectivity.\n"
    )
    assert [_row(r) for r in _records(page)] == [
        ("Anaklia, Again", ["Pantucci"], "Baltic Herald", "2019-11-04"),
        ("Ports and Railways", ["Pantucci"], "Caravanserai Podcast", "2019-10-22"),
        ("Before the Conference", ["Kalnina", "Pantucci"], "Riga Strategic Letter", "2019-10-10"),
    ]


def test_a_bracketed_repost_line_with_a_colon():
    from pantucci_bib.pages.phrasings import FIRST_PUBLISHED

    match = FIRST_PUBLISHED.match("(Originally published: Tokyo Asia Review, 30/04/2020)")
    assert match is not None and match["rest"] == "Tokyo Asia Review, 30/04/2020"
