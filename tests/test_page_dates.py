"""Day-first or month-first, decided per page (pantucci_bib.pages.dateorder)."""

from __future__ import annotations

from pantucci_bib import extract

PAGE = """Category Archives: Roads

A Road Through the Hills

By Ann Smith

First published in the Valley Times, {first}

Body text about the road and who pays for it.


A Bridge Over the River

By Ben Jones

First published in the River Post, 03/04/2018

Body text about the bridge and who pays for that.
"""


def _dates(text: str) -> list[str | None]:
    result = extract(text, curated=False)
    return [r.issued.edtf() if r.issued else None for r in result.records]


def test_an_unambiguous_date_on_the_page_decides_the_order():
    assert _dates(PAGE.format(first="24/04/2019")) == ["2019-04-24", "2018-04-03"]
    assert _dates(PAGE.format(first="4/24/2019")) == ["2019-04-24", "2018-03-04"]


def test_an_undecided_date_is_a_problem_with_its_line_and_keeps_the_year():
    result = extract(PAGE.format(first="March 1, 2019"), curated=False)
    assert [r.issued.edtf() for r in result.records] == ["2019-03-01", "2018"]
    (problem,) = [p for p in result.problems if "ambiguous" in p.message]
    assert problem.where.line == 16  # "First published in the River Post, 03/04/2018"
    assert "03/04/2018" in problem.message and problem.severity == "warning"


def test_conflicting_evidence_decides_nothing():
    page = PAGE.format(first="24/04/2019") + (
        "\n\nA Third Piece\n\nBy Cy Lee\n\nFirst published in the Hill News, 4/24/2019\n\n"
        "Body text about a third thing entirely.\n"
    )
    assert _dates(page) == ["2019-04-24", "2018", "2019-04-24"]


def test_a_month_archive_decides_by_its_month():
    page = (
        "Archive for May, 2017\n\nA Road Through the Hills\n\nBy Ann Smith\n\n"
        "First published in the Valley Times, 5/9/2017\n\nBody text about the road.\n"
    )
    assert _dates(page) == ["2017-05-09"]


def test_the_blogs_post_date_orders_a_date_before_it():
    page = (
        "<html><body>\n<h1 class='page-title'>Roads</h1>\n"
        "<article class='post hentry'><h2 class='entry-title'><a rel='bookmark' href='/a'>"
        "A Road Through the Hills</a></h2>"
        "<time class='entry-date published' datetime='2022-02-20T10:00:00'>20 Feb</time>"
        "<div class='entry-content'><p>By Ann Smith</p>"
        "<p>First published in the Valley Times, 11/02/2022</p>"
        "<p>Body text about the road and who pays for it.</p></div></article></body></html>"
    )
    result = extract(page, curated=False)
    (record,) = result.records
    assert record.issued.edtf() == "2022-02-11"  # 2 November would be after the post
    assert not [p for p in result.problems if "ambiguous" in p.message]
    (source,) = [s for s in record.field_sources if s.field == "issued"]
    assert "not after the blog's post date" in source.rule
