"""Issue 17, seventh pass: what the blind heldout14/15 pages missed, each as a generic rule on
a small page of its own in other wordings (a search page's and an author archive's header and
furniture, bylines that open with another verb, a theme's meta line, a time-zone offset and a
"posted by" phrase left over after a date)."""

from __future__ import annotations

from pantucci_bib.pages.blocks import page_author, page_header, text_blocks
from pantucci_bib.pages.lines import byline_names, dateline, is_more, meta_names
from test_page_spans import _rows

BLOGS = ["Raffaello Pantucci", "China in Central Asia"]


def test_a_search_pages_header_and_count_are_no_post() -> None:
    for header in ("Search Results for: dams", "You searched for “dams”", "Results for dams"):
        blocks = text_blocks(f"Raffaello Pantucci\n\n{header}\n\n12 results found\n\nA Headline\n")
        subject, rest = page_header(blocks, BLOGS)
        assert subject is None
        assert [b.text for b in rest] == ["A Headline"]


def test_listing_furniture_ends_a_post_and_is_never_one() -> None:
    for line in ("Search again:", "No more results", "Page 2 of 7", "Showing 1–10 of 34 results"):
        assert is_more(line)
    assert not is_more("Search for the missing engineers")
    page = (
        "China in Central Asia\n\nSearch Results for: rail\n\n3 results found\n\n"
        "Gauges at the Border\n\nMarch 3, 2021 · Aliya Seitova · Kazakhstan\n\n"
        "Every wagon changes wheels at the border.\n\nNew search\n"
    )
    rows = _rows(page)
    assert [r[0] for r in rows] == ["Gauges at the Border"]


def test_an_author_archives_header_names_the_author_not_a_subject() -> None:
    for header in (
        "Author: Aliya Seitova",
        "Posts by Aliya Seitova",
        "Author Archives: Aliya Seitova",
    ):
        blocks = text_blocks(f"China in Central Asia\n\n{header}\n\nA Headline\n")
        assert page_author(blocks) == "Aliya Seitova"
        subject, rest = page_header(blocks, BLOGS)
        assert subject is None and [b.text for b in rest] == ["A Headline"]
    assert page_author(text_blocks("Author: the editors of this blog say hello.\n")) is None


def test_a_byline_may_open_with_filed_compiled_or_reported_by() -> None:
    assert byline_names("Filed by Aliya Seitova") == ["Aliya Seitova"]
    assert byline_names("Reported by Jonas Berg and Aliya Seitova") == [
        "Jonas Berg",
        "Aliya Seitova",
    ]
    rows = _rows(
        "China in Central Asia\n\nTag: rail\n\nGauges at the Border\n\n"
        "2021-03-03T08:00:00+05:00\n\nFiled by Aliya Seitova\n\n"
        "Every wagon changes wheels at the border.\n\nContinue reading →\n"
    )
    assert rows == [("Gauges at the Border", ["Seitova"], "China in Central Asia", "2021-03-03")]


def test_a_time_zone_offset_after_a_date_is_the_dates_not_an_outlet() -> None:
    for text in ("2021-03-03T08:00:00+05:00", "2021-03-03 08:00 UTC", "3 March 2021, 08:00 GMT"):
        found = dateline(text)
        assert found is not None and found[1] == "", text


def test_posted_by_after_a_date_is_the_poster_not_an_outlet() -> None:
    rows = _rows(
        "China in Central Asia\n\nTag: rail\n\nGauges at the Border\n\n"
        "5th March 2021 — uploaded by Jonas Berg\n\n"
        "Every wagon changes wheels at the border.\n\nContinue reading →\n"
    )
    assert rows == [("Gauges at the Border", ["Berg"], "China in Central Asia", "2021-03-05")]


def test_a_themes_meta_line_gives_the_poster_and_its_terms_are_no_outlet() -> None:
    assert meta_names("Aliya Seitova · Kazakhstan, Rail") == ["Aliya Seitova"]
    assert meta_names("Aliya Seitova | Reading lists") == ["Aliya Seitova"]
    assert meta_names("Aliya Seitova | Steppe Weekly | 3 March 2021") is None  # a credit line
    assert meta_names("Kazakhstan · Rail") is None
    page = (
        "China in Central Asia\n\nAuthor: Aliya Seitova\n\n"
        "Gauges at the Border\n\nMarch 3, 2021 · Aliya Seitova · Kazakhstan, Rail\n\n"
        "Every wagon changes wheels at the border.\n\nContinue reading →\n\n"
        "Weekend Reading: Spring Edition\n\nAliya Seitova · Reading lists\n\n"
        "Four things worth your evening.\n\nContinue reading →\n"
    )
    rows = _rows(page)
    assert rows[0] == ("Gauges at the Border", ["Seitova"], "China in Central Asia", "2021-03-03")
    assert [r[:3] for r in rows[1:]] == [
        ("Weekend Reading: Spring Edition", ["Seitova"], "China in Central Asia")
    ]


def test_a_title_case_label_before_a_non_name_is_a_headline_not_a_byline() -> None:
    assert byline_names("Reading List: Spring Edition") is None
    assert byline_names("Words: Sun-hee Park") == ["Sun-hee Park"]
    assert byline_names("Guest contributor: Aliya Seitova") == ["Aliya Seitova"]


def test_a_first_paragraph_opening_with_written_with_names_co_authors() -> None:
    page = (
        "China in Central Asia\n\nTag: rail\n\nGauges at the Border\n\n"
        "March 3, 2021 · Aliya Seitova · Kazakhstan\n\n"
        "Co-written with Jonas Berg and Marta Kowalczyk, who crossed at Dostyk the same week.\n\n"
        "Every wagon changes wheels at the border.\n\nContinue reading →\n"
    )
    assert _rows(page)[0][1] == ["Seitova", "Berg", "Kowalczyk"]
    page = page.replace("Co-written with", "Jonas Berg and Marta Kowalczyk spent a week")
    assert _rows(page)[0][1] == ["Seitova"]  # no opener: no co-author


def test_the_intros_next_sentence_may_date_the_piece() -> None:
    page = (
        "Raffaello Pantucci\n\nMonth: May 2021\n\nDams and Money\n\n"
        "Posted on May 21, 2021 by Raffaello Pantucci\n\n"
        "Over at the Steppe Policy Digest, I look at who pays for the new dams. "
        "It was published on 12 May.\n\nThe rivers run downstream.\nContinue reading\n"
    )
    assert _rows(page) == [("Dams and Money", ["Pantucci"], "Steppe Policy Digest", "2021-05-12")]


def test_a_repost_line_with_only_a_bare_past_year_dates_the_piece_to_it() -> None:
    page = (
        "Raffaello Pantucci\n\nMonth: May 2021\n\nAn Old Essay\n\n"
        "Posted on May 21, 2021 by Raffaello Pantucci\n\n"
        "A version of this appeared in the Steppe Policy Digest in 2016, before the dams.\n\n"
        "The rivers run downstream.\nContinue reading\n"
    )
    assert _rows(page)[0][2:] == ("Steppe Policy Digest", "2016")


def _html_page(meta: str, body: str) -> str:
    return (
        "<html><head><title>Rail – China in Central Asia</title></head><body>"
        '<article class="post"><header><h2 class="entry-title">'
        '<a href="https://chinaincentralasia.com/2021/03/gauges/" rel="bookmark">'
        "Gauges at the Border</a>"
        f'</h2><div class="entry-meta">{meta} <span class="byline">by <span class="author vcard">'
        '<a class="url fn n" href="/author/tao/" rel="author">Tao Xie</a></span></span></div>'
        f'</header>\n<div class="entry-summary">\n{body}\n</div></article></body></html>'
    ).replace("<p>", "\n<p>")


def test_an_edited_posts_published_time_is_its_date_not_the_updated_one() -> None:
    from pantucci_bib.pages.page import read_archive
    from test_page_spans import _row

    meta = (
        '<time class="updated" datetime="2021-03-20T10:00:00+05:00">March 20, 2021</time>'
        '<time class="entry-date published" datetime="2021-03-03T10:00:00+05:00">March 3</time>'
    )
    page = _html_page(meta, "<p>Every wagon changes wheels at the border.</p>")
    rows = [_row(r) for r in read_archive(page, "p.html").records]
    assert rows == [("Gauges at the Border", ["Xie"], "China in Central Asia", "2021-03-03")]


def test_a_translators_line_naming_the_draft_s_author_gives_the_author() -> None:
    from pantucci_bib.pages.page import read_archive

    meta = '<time class="entry-date published" datetime="2021-03-03T10:00:00+05:00">x</time>'
    body = (
        "<p><em>Translated by Tao Xie from the Kazakh original by Aliya Seitova.</em></p>"
        "<p>Every wagon changes wheels at the border.</p>"
    )
    record = read_archive(_html_page(meta, body), "p.html").records[0]
    assert [p.family for p in record.author] == ["Seitova"]
    assert [p.family for p in record.translator] == ["Xie"]


def test_a_byline_sentence_after_a_repost_line_names_the_authors_not_the_poster() -> None:
    from pantucci_bib.pages.page import read_archive
    from test_page_spans import _row

    meta = '<time class="entry-date published" datetime="2021-03-03T10:00:00+05:00">x</time>'
    body = (
        "<p>This article first ran in the <em>Steppe Rail Gazette</em> on 1 March 2021 "
        "and is reposted with thanks. "
        "By Aliya Seitova and Jonas Berg.</p><p>Every wagon changes wheels at the border.</p>"
    )
    rows = [_row(r) for r in read_archive(_html_page(meta, body), "p.html").records]
    assert rows == [
        ("Gauges at the Border", ["Seitova", "Berg"], "Steppe Rail Gazette", "2021-03-01")
    ]


def test_a_by_line_under_a_date_and_posters_name_is_the_author() -> None:
    page = (
        "China in Central Asia\n\nTag: rail\n\nGauges at the Border\n\n"
        "03.03.2021 | Tao Xie\n\nby Aliya Seitova\n\n"
        "Every wagon changes wheels at the border.\n\nContinue reading →\n"
    )
    assert _rows(page)[0][1] == ["Seitova"]
    assert _rows(page.replace("by Aliya Seitova\n\n", ""))[0][1] == ["Xie"]
