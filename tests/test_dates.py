import pytest

from pantucci_bib.dates import parse_iso, parse_written


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("November 2015", "2015-11"),
        ("August 28, 2015", "2015-08-28"),
        ("July 17 2015", "2015-07-17"),
        ("Tuesday, 16 February, 2016, 2:00pm", "2016-02-16T14:00"),
        ("2012-12-17 19:25:05", "2012-12-17T19:25"),
        ("July 19, 2012 03:30 PM", "2012-07-19T15:30"),
        ("Wednesday, November 16, 2011 – 1:59 PM", "2011-11-16T13:59"),
        ("PUBLISHED : Monday, 19 May, 2014, 9:12pm", "2014-05-19T21:12"),
        ("23 March 2015", "2015-03-23"),
        ("Dec. 30, 2022", "2022-12-30"),
        ("RUSI Analysis, 11 Apr 2014", "2014-04-11"),
        ("12:30am, January 1, 2020", "2020-01-01"),
    ],
)
def test_written_forms(written, iso):
    assert parse_written(written).iso() == iso


def test_as_written_keeps_the_page_wording():
    date = parse_written("First published in The Interpreter, July 17 2015")
    assert date.as_written == "July 17 2015"


def test_midnight_and_noon():
    assert parse_written("May 1, 2020 12:05 AM").hour == 0
    assert parse_written("May 1, 2020 12:05 PM").hour == 12


@pytest.mark.parametrize("text", ["no date here", "February 30, 2015x", ""])
def test_no_date_raises(text):
    with pytest.raises(ValueError):
        parse_written(text)


def test_parse_iso_round_trip():
    for text in [
        "2015",
        "2015-11",
        "2015-08-28",
        "2016-02-16T14:00",
        "2013/2014",
        "2022-03/2022-04",
    ]:
        assert parse_iso(text).iso() == text
    assert parse_iso("2015~").circa
    with pytest.raises(ValueError):
        parse_iso("15-11-2015")
