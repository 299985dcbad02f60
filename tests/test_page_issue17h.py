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


def _home(*posts: str) -> str:
    return "Raffaello Pantucci\n\n" + "".join(
        f"{post}\n\nFiled under Writing | 1 Comment\n\n" for post in posts
    )


def test_an_outlet_label_closing_a_post_names_the_outlet_not_the_date() -> None:
    rows = _rows(
        _home(
            "Ferries Across the Caspian\n\nMarch 3, 2021\n\n"
            "The boats leave Aktau when they are full and not before, which can take a week.\n\n"
            "Publication: Turan Quarterly Monitor"
        )
    )
    assert rows == [("Ferries Across the Caspian", ["Pantucci"], "Turan Quarterly Monitor", None)]


def test_an_attribution_dash_closing_a_post_gives_the_outlet_and_its_date() -> None:
    rows = _rows(
        _home(
            "Ferries Across the Caspian\n\nMarch 3, 2021\n\n"
            "The boats leave Aktau when they are full and not before, which can take a week.\n\n"
            "— The Baku Evening Courier, 24 February 2021"
        )
    )
    assert rows == [
        ("Ferries Across the Caspian", ["Pantucci"], "Baku Evening Courier", "2021-02-24")
    ]


def test_a_closing_note_with_a_month_issue_and_a_co_author() -> None:
    rows = _rows(
        _home(
            "Ferries Across the Caspian\n\nMarch 3, 2021\n\n"
            "The boats leave Aktau when they are full and not before, which can take a week.\n\n"
            "(First appeared in the February 2021 issue of Caspian Trade Review; "
            "written with Dilnoza Yusupova and Arman Serikbayev.)"
        )
    )
    assert rows == [
        (
            "Ferries Across the Caspian",
            ["Pantucci", "Yusupova", "Serikbayev"],
            "Caspian Trade Review",
            "2021-02",
        )
    ]


def test_a_headline_naming_its_genre_is_no_labelled_byline() -> None:
    from pantucci_bib.pages.lines import byline_names

    assert byline_names("Op-ed: Water Before Oil") is None
    assert byline_names("Interview: Kamal Yusupov") is None
    assert byline_names("Words: Kamal Yusupov") == ["Kamal Yusupov"]


def test_a_posts_footer_ends_the_search_for_the_next_headlines_date() -> None:
    from pantucci_bib.pages.zone import _signal_follows

    blocks = text_blocks(
        "Some closing remark\n\nPosted in News | Leave a comment\n\nNext Headline\n\nMay 2, 2021\n"
    )
    assert not _signal_follows(blocks, 0)
    assert _signal_follows(blocks, 2)


def _credit(text: str) -> tuple[tuple[str, ...], str, str] | None:
    from pantucci_bib.pages.credits import credit
    from pantucci_bib.pages.directory import bundled_directory

    found = credit(text, bundled_directory())
    return None if found is None else (found.names, found.outlet, found.organisation)


def test_credit_cues_in_new_wordings() -> None:
    assert _credit("Fieldwork by Aigerim Sadykova, Rustam Nazarov and Elif Demir.") == (
        ("Aigerim Sadykova", "Rustam Nazarov", "Elif Demir"),
        "",
        "",
    )
    assert _credit(
        "Guest writer Bakhyt Serikova, of the Turan Institute, looks at the new bus lines."
    ) == (("Bakhyt Serikova",), "", "")
    assert _credit(
        "Today's piece is from Rustam Nazarov and Aigerim Sadykova, who drove the route twice."
    ) == (("Rustam Nazarov", "Aigerim Sadykova"), "", "")
    assert _credit(
        "First penned for the Steppe Evening Ledger (2 May 2021) by Rustam Nazarov and shared "
        "with his agreement: a ride on the night train."
    ) == (("Rustam Nazarov",), "Steppe Evening Ledger", "")


def test_an_affiliation_after_the_names_is_not_the_outlet() -> None:
    assert _credit(
        "A short contribution from Li Wenjing (Lanzhou University), who lectured at the "
        "Silk Road Institute in Osh for a year, on her students."
    ) == (("Li Wenjing",), "", "")


def test_a_paragraph_that_is_only_names_and_a_closing_note_credit_people() -> None:
    assert _credit("Aigerim Sadykova, Rustam Nazarov, Elif Demir and Otabek Rakhimov") == (
        ("Aigerim Sadykova", "Rustam Nazarov", "Elif Demir", "Otabek Rakhimov"),
        "",
        "",
    )
    assert _credit(
        "The buses are new and the drivers are not. Aigerim Sadykova is a researcher at the "
        "Almaty Transport Lab."
    ) == (("Aigerim Sadykova",), "", "")
    assert _credit("The buses are new. Aigerim Sadykova said so at the depot.") is None


def test_an_organisations_credit_leaves_the_post_without_a_personal_author() -> None:
    assert _credit(
        "These tables were compiled by the Osh Water Data Project and are reused with thanks."
    ) == ((), "", "Osh Water Data Project")
    page = (
        "China in Central Asia\n\nTag: water\n\nCanal Levels, 2015–2020\n\n"
        "Posted on June 4, 2021 by Jonas Berg\n\n"
        "These tables were compiled by the Osh Water Data Project and are reused with thanks.\n\n"
        "Every canal in the valley, by month, with the gaps marked.\n\n"
        "Posted in Data | Leave a comment\n"
    )
    assert _rows(page) == [("Canal Levels, 2015–2020", [], "China in Central Asia", "2021-06-04")]


def test_a_guest_credit_in_an_excerpt_beats_the_themes_author() -> None:
    page = (
        "China in Central Asia\n\nTag: rail\n\nNight Train to Urumqi\n\n"
        "Posted on June 4, 2021 by Jonas Berg\n\n"
        "Guest writer Bakhyt Serikova, of the Turan Institute, rides the night train east and "
        "counts the empty berths.\n\nContinue reading\n"
    )
    assert _rows(page) == [
        ("Night Train to Urumqi", ["Serikova"], "China in Central Asia", "2021-06-04")
    ]


def test_a_hat_tip_is_no_co_author() -> None:
    rows = _rows(
        _home(
            "Ferries Across the Caspian\n\nMarch 3, 2021\n\n"
            "The boats leave Aktau when they are full and not before, which can take a week.\n\n"
            "h/t Dilnoza Yusupova for the timetable."
        )
    )
    assert rows[0][1] == ["Pantucci"]


def test_an_author_box_repeated_on_every_post_is_the_sites_not_a_credit() -> None:
    box = "Notes from the roads desk. Tao Xie is a researcher in Lanzhou and edits this blog."
    posts = "".join(
        f"{title}\n\nPosted on June {day}, 2021 by Jonas Berg\n\n"
        "The road is new and the lorries are old, which tells its own story.\n\n"
        f"{box}\n\nPosted in News | Leave a comment\n\n"
        for title, day in (("Road One", 9), ("Road Two", 6), ("Road Three", 3))
    )
    rows = _rows(f"China in Central Asia\n\nTag: roads\n\n{posts}")
    assert [r[1] for r in rows] == [["Berg"], ["Berg"], ["Berg"]]
    # the same note on one post only credits that post's author
    rows = _rows(
        "China in Central Asia\n\nTag: roads\n\nRoad One\n\nPosted on June 9, 2021 by Jonas Berg"
        "\n\nThe road is new and the lorries are old, which tells its own story.\n\n"
        f"{box}\n\nPosted in News | Leave a comment\n"
    )
    assert rows[0][1] == ["Xie"]


def test_a_post_written_without_blank_lines_is_no_list() -> None:
    blocks = text_blocks(
        "My new column for the Steppe Ledger:\nGrain Trains to Lianyungang\nBy Jonas Berg\n"
        "Published 4 June 2021\nThe wagons are Kazakh, the grain is Kazakh.\n"
    )
    assert drop_furniture(blocks) == blocks


def test_a_closing_repost_line_may_end_in_a_citation() -> None:
    rows = _rows(
        _home(
            "Ferries Across the Caspian\n\nMarch 3, 2021\n\n"
            "The boats leave Aktau when they are full and not before, which can take a week.\n\n"
            "Reprinted from Caspian Trade Review, Vol. 7 (2020)."
        )
    )
    assert rows == [("Ferries Across the Caspian", ["Pantucci"], "Caspian Trade Review", "2020")]


def test_more_credit_openings_of_an_excerpt() -> None:
    assert _credit("Our guest this month, Elif Demir, walks the old bazaar in Osh.") == (
        ("Elif Demir",),
        "",
        "",
    )
    assert _credit("In a guest essay Rustam Nazarov wonders who pays for the canal.") == (
        ("Rustam Nazarov",),
        "",
        "",
    )
    assert _credit("Elif Demir and Rustam Nazarov investigate the price of cement.") == (
        ("Elif Demir", "Rustam Nazarov"),
        "",
        "",
    )
    assert _credit("The survey was the work of Elif Demir and Rustam Nazarov.") == (
        ("Elif Demir", "Rustam Nazarov"),
        "",
        "",
    )
    # a name later in the body is no credit
    assert _credit("The canal is old. Rustam Nazarov investigates its cost.") is None


def test_widgets_with_blank_lines_between_their_links_are_no_posts() -> None:
    page = (
        "Raffaello Pantucci\n\nLatest\n\nDams on the Vakhsh\n\nA Day at the Bazaar\n\n"
        "Pipelines Again\n\nGrain Trains East\n\nMay 9, 2021\n\n"
        "The wagons are Kazakh and the grain is Kazakh but the port is Chinese.\n\n"
        "Posted in Articles | Leave a comment\n\nLatest comments\n\n"
        "Anna Smith on Grain Trains East\n\nBo Chen on Dams\n\nBy month\n\nMay 2021\n\n"
        "April 2021\n"
    )
    assert _rows(page) == [("Grain Trains East", ["Pantucci"], "Raffaello Pantucci", "2021-05-09")]


def test_a_month_headline_date_is_still_a_date_but_month_links_are_not() -> None:
    from pantucci_bib.pages.zone import _signal_follows

    assert _signal_follows(text_blocks("Reading List\n\nMarch 2021\n\nSome books.\n"), 0)
    assert not _signal_follows(text_blocks("By month\n\nMarch 2021\n\nFebruary 2021\n"), 0)


def test_a_headline_over_an_image_line_and_its_byline_is_still_the_headline() -> None:
    page = (
        "China in Central Asia\n\nTag: rail\n\nSome earlier post\n\nBy Jonas Berg\n\n"
        "The earlier post's only paragraph, which ends with a link.\n\nContinue reading\n\n"
        "How the Gauge Was Chosen\n\nWagons Dostyk Border\n\nBy Aliya Seitova\n\n"
        "The gauge was chosen in another century, by other people, for other reasons.\n"
    )
    assert [r[0] for r in _rows(page)] == ["Some earlier post", "How the Gauge Was Chosen"]


def test_inverted_labelled_and_described_credits() -> None:
    assert _credit("The canal silts up every spring, writes Rustam Nazarov, and nobody pays.") == (
        ("Rustam Nazarov",),
        "",
        "",
    )
    assert _credit("Text and photographs: Elif Demir") == (("Elif Demir",), "", "")
    assert _credit("A dispatch by our own correspondent Elif Demir, from Osh.") == (
        ("Elif Demir",),
        "",
        "",
    )
    # a verb after a comma deep in the body is no credit
    assert (
        _credit(
            "The canal is old and the pumps are older. In the spring the water rises and the "
            "fields flood, writes nobody, since Rustam Nazarov left."
        )
        is None
    )


def test_a_group_blog_credit_after_a_comma_gives_authors_outlet_and_month() -> None:
    page = (
        "China in Central Asia\n\nTag: cotton\n\nCotton Without Forced Labour?\n\n"
        "Friday, 12 March 2021 · Aliya Seitova\n\n"
        "Our paper in the March 2021 issue of the Review of Aral Basin Studies, by Aliya "
        "Seitova and Dilnoza Yusupova; a summary follows.\n\n"
        "The harvest is mechanising faster than the ministry admits.\n\nContinue reading →\n"
    )
    assert _rows(page) == [
        (
            "Cotton Without Forced Labour?",
            ["Seitova", "Yusupova"],
            "Review of Aral Basin Studies",
            "2021-03",
        )
    ]


def test_a_lead_opening_with_a_co_author_and_saying_where_it_came_out_is_the_intro() -> None:
    page = (
        "Raffaello Pantucci\n\nTag: Afghanistan\n\nThe Pass Nobody Uses\n\n"
        "Posted on 9 May 2021 by Raffaello Pantucci\n\n"
        "Written with Li Wenjing, who also drew the maps; it appeared in Chinese in the March 2021 "
        "issue of the Lanzhou Review of Frontier Studies.\n\n"
        "The pass is high, narrow and closed for half the year.\n\nContinue reading\n"
    )
    rows = _rows(page)
    assert rows == [
        (
            "The Pass Nobody Uses",
            ["Pantucci", "Li"],
            "Lanzhou Review of Frontier Studies",
            "2021-03",
        )
    ]


def test_an_undated_note_under_the_blogs_date_line_leaves_the_piece_undated() -> None:
    rows = _rows(
        _home(
            "Ferries Across the Caspian\n\nMarch 3, 2021\n\n"
            "(Cross-posted from the Baku Evening Courier.)\n\n"
            "The boats leave Aktau when they are full and not before, which can take a week."
        )
    )
    assert rows == [("Ferries Across the Caspian", ["Pantucci"], "Baku Evening Courier", None)]
