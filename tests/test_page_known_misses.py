"""The misses the blind pages of issue 17 showed, each on a small page of its own."""

from __future__ import annotations

from pantucci_bib import extract
from pantucci_bib.dates import find_written
from pantucci_bib.model import Record
from pantucci_bib.pages.intro import looks_like_outlet_name
from pantucci_bib.problems import Problem


def _page(intro: str, title: str, date_line: str, body: str = "The body says little.") -> str:
    return f"Posts Tagged ‘Roads’\n\n{intro}\n\n{title}\n\n{date_line}\n\n{body}\n"


def _sources(record: Record) -> dict[str, tuple[int | None, str]]:
    return {s.field: (s.where.line, s.rule) for s in record.field_sources}


def _one(text: str) -> tuple[Record, list[Problem]]:
    result = extract(text, curated=False)
    (record,) = result.records
    return record, list(result.problems)


def test_a_dateline_with_a_dash_time_and_zone_keeps_the_outlet_of_the_intro():
    record, problems = _one(
        _page(
            "Latest column for the Meridian Weekly, on the reforms.",
            "Reform on Credit",
            "Tashkent, 05.11.2019 — 09:30 (UZT)",
        )
    )
    assert record.container_title == "Meridian Weekly"
    assert record.issued is not None and record.issued.edtf() == "2019-11-05T09:30"
    assert not [p for p in problems if "ambiguous" in p.message]
    assert "by convention" in _sources(record)["issued"][1]


def test_a_slashed_date_has_no_convention_and_stays_a_reported_problem():
    record, problems = _one(
        _page("Latest column for the Meridian Weekly, on the reforms.", "Reform", "05/11/2019")
    )
    assert record.issued is not None and record.issued.edtf() == "2019"
    (problem,) = [p for p in problems if "ambiguous" in p.message]
    assert problem.where.line == 7


def test_published_on_is_the_pieces_date_and_posted_on_the_blogs():
    record, _ = _one(
        _page(
            "A new op-ed for the Pacific Ledger, on factories.",
            "Factories",
            "Published on 12 March 2020",
        )
    )
    assert record.issued is not None and record.issued.edtf() == "2020-03-12"
    assert record.container_title == "Pacific Ledger"
    reposted, _ = _one(
        _page(
            "A new op-ed for the Pacific Ledger, on factories.",
            "Factories",
            "Posted on 12 March 2020 by admin",
        )
    )
    assert reposted.issued is None or reposted.issued.circa  # the blog's date is not the piece's


def test_an_outlet_named_after_a_description():
    intro = (
        "Some quick thoughts for a radio programme I was on yesterday, written up for the "
        "station’s website, the Caspian Broadcast. A short one."
    )
    record, _ = _one(_page(intro, "What the Border Deal Means", "March 2020"))
    assert record.container_title == "Caspian Broadcast"


def test_outlet_names_that_start_with_new():
    record, _ = _one(
        _page(
            "A new piece for New Eastern Outlook, on the railway.", "The Railway", "12 March 2020"
        )
    )
    assert record.container_title == "New Eastern Outlook"
    assert looks_like_outlet_name("New York Times") and looks_like_outlet_name("New Steppe")
    assert not looks_like_outlet_name("New York") and not looks_like_outlet_name("New Year")


def test_an_untitled_photo_post_is_a_record_of_its_own():
    page = (
        "Posts Tagged ‘Osh’\n\nA new op-ed for the Pacific Ledger, on markets.\n\nMarkets\n\n"
        "12 March 2020\n\nThe market is old.\n\n"
        "Quick post as the photos are the point: a few pictures from the market this week.\n\n"
        "Fruit sellers at the market. Photo: the author\n\n"
        "An op-ed for the Gulf Courier on the summit.\n\nThe Summit\n\n2 March 2020\n\nIt met.\n"
    )
    result = extract(page, curated=False)
    assert [r.title for r in result.records] == ["Markets", "", "The Summit"]
    photo = result.records[1]
    assert photo.container_title == "Raffaello Pantucci"  # a post on the blog
    assert photo.appearances[0].line == 11


def test_other_languages_months_in_plain_ascii():
    def edtf(text: str) -> str | None:
        found = find_written(text)
        return found[0].edtf() if found else None

    assert edtf("Publié le 3 mars 2019") == "2019-03-03"
    assert edtf("14 Mai 2018") == "2018-05-14"
    assert edtf("12 marzo 2019") == "2019-03-12"
    assert edtf("mars 2019") == "2019-03"
    assert edtf("Mars 2020 landed") is None  # capitalised without a day: the planet
    assert edtf("Since 2019") is None
