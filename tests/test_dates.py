import subprocess
import sys

import pytest

from pantucci_bib.dates import (
    AMBIGUOUS_ORDER,
    find_written,
    month_votes,
    numeric_votes,
    parse_iso,
    parse_written,
)


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


# issue 17: numeric orders, times with zones, other languages' month names


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("Aktau, 24.04.2019", "2019-04-24"),
        ("24/04/2019", "2019-04-24"),
        ("5/19/2017", "2017-05-19"),
        ("2018/06/03 14:20", "2018-06-03T14:20"),
        ("2018.06.03", "2018-06-03"),
        ("Aug 9, 2017 10:15 AM EDT", "2017-08-09T10:15"),
        ("2017年5月15日", "2017-05-15"),
        ("2017年5月", "2017-05"),
        ("Алматы, 15 мая 2017", "2017-05-15"),
        ("мая 2017", "2017-05"),
        ("4/4/2016", "2016-04-04"),
    ],
)
def test_more_written_forms(written, iso):
    assert parse_written(written).edtf() == iso


def test_zone_is_part_of_the_date_not_left_over():
    text = "Aug 9, 2017 10:15 AM EDT"
    _date, (start, end) = find_written(text)
    assert (start, end) == (0, len(text))


def test_ambiguous_numeric_date_keeps_only_the_year_unless_ordered():
    date = parse_written("Almaty, 03/04/2018")
    assert (date.edtf(), date.reason, date.as_written) == ("2018", AMBIGUOUS_ORDER, "03/04/2018")
    assert find_written("03/04/2018", {"/": "dmy"})[0].edtf() == "2018-04-03"
    assert find_written("03/04/2018", {"/": "mdy"})[0].edtf() == "2018-03-04"
    assert find_written("03/04/2018", {"": "dmy"})[0].edtf() == "2018-04-03"
    assert find_written("03/04/2018", {".": "mdy"})[0].reason == AMBIGUOUS_ORDER


def test_votes():
    assert numeric_votes("24.04.2019, 5/19/2017 and 03/04/2018") == [(".", "dmy"), ("/", "mdy")]
    assert month_votes("5/9/2017, 03.05.2017, 5/5/2017, 6/9/2017", 2017, 5) == [
        ("/", "mdy"),
        (".", "dmy"),
    ]


def test_dateparser_is_imported_only_for_other_languages():
    code = (
        "import sys, pantucci_bib\n"
        "from pantucci_bib.dates import parse_written\n"
        "pantucci_bib.extract('Posts Tagged ‘x’\\n\\nA Title Here\\n\\nBy Ann Smith\\n\\n"
        "First published in the Daily Example, 3 March 2015\\n\\nSome body text here.\\n')\n"
        "assert 'dateparser' not in sys.modules\n"
        "assert parse_written('15 мая 2017').edtf() == '2017-05-15'\n"
        "assert 'dateparser' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
