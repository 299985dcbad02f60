import pytest

from pantucci_bib import DataError, FilterError, RecordType, corpus
from pantucci_bib.library import parse_year_range


def test_filters_combine():
    lib = corpus()
    petersen = lib.filter(author="Petersen")
    assert petersen and all(any(p.family == "Petersen" for p in r.author) for r in petersen)
    both = lib.filter(author="petersen", year="2012")
    assert both and all(r.issued and r.issued.year == 2012 for r in both)
    assert len(both) < len(petersen)


def test_author_filter_ignores_case_and_accents():
    assert len(corpus().filter(author="PANTÜCCI")) == len(corpus().filter(author="pantucci"))


def test_outlet_type_keyword_filters():
    lib = corpus()
    scmp = lib.filter(outlet="south china morning post")
    assert scmp and all(r.container_title == "South China Morning Post" for r in scmp)
    assert all(r.type is RecordType.ARTICLE_NEWSPAPER for r in lib.filter(type="newspaper"))
    assert all("SCO" in r.keywords for r in lib.filter(keyword="sco"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012", (2012, 2012)),
        ("2012-2015", (2012, 2015)),
        ("2015-", (2015, 9999)),
        (2011, (2011, 2011)),
    ],
)
def test_year_ranges(text, expected):
    assert parse_year_range(text) == expected


@pytest.mark.parametrize("text", ["twenty", "2015-2012", "15"])
def test_bad_year_values(text):
    with pytest.raises(FilterError):
        corpus().filter(year=text)


def test_unknown_type_lists_known_ones():
    with pytest.raises(FilterError, match="article-newspaper"):
        corpus().filter(type="podcast")


def test_get_suggests_close_keys():
    with pytest.raises(DataError, match="pantucciChinaRussiaLocked2015"):
        corpus().get("pantucciChinaRussiaLocked2016")


def test_duplicate_keys_rejected():
    from pantucci_bib import Library

    record = corpus()[0]
    with pytest.raises(DataError):
        Library([record, record])
