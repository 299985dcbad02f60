"""The CSL-JSON reader, on an export in Zotero's shape and on our own output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pantucci_bib import ParseError, PartialDate, Person, RecordType, corpus, emit, load, loads
from pantucci_bib.formats.csl_json.read import date_from_csl, person_from_csl

FIXTURES = Path(__file__).parent / "fixtures" / "bib"


@pytest.fixture(scope="module")
def zotero():
    return load(FIXTURES / "zotero-export.json")


def test_zotero_items(zotero):
    records = {r.title: r for r in zotero.records}
    news = records["Russia holds the door to Central Asia open for China"]
    assert news.key == "http://zotero.org/users/1234567/items/ABCD2345"  # Zotero's item URI
    assert news.type is RecordType.ARTICLE_NEWSPAPER
    assert news.issued == PartialDate(2015, 7, 15)  # date-parts given as strings
    assert news.accessed == PartialDate(2021, 3, 4)
    assert (news.section, news.language) == ("Opinion", "en")
    paper = records["The Eurasian neighbourhood"]
    assert paper.type is RecordType.PAPER_CONFERENCE
    assert paper.author == (
        Person(family="Beethoven", given="Ludwig", particle="van"),
        Person(literal="World Bank"),
    )
    assert paper.issued == PartialDate(2012, 6)  # "raw"
    li = records["China relishes new role"]
    assert li.author[0].family_first  # static-ordering
    assert li.issued == PartialDate(2014, 5, end_year=2014, end_month=6, circa=True)
    assert li.keywords == ("China", "SCO")


def test_item_without_id_gets_a_key_and_a_warning(zotero):
    book = next(r for r in zotero.records if r.type is RecordType.BOOK)
    assert book.key == "pantucciSinostanChinaInadvertent2022"
    assert book.isbn == "978-0-19-005802-3" and book.publisher_place == "Oxford"
    warning = next(p for p in zotero.problems if "no usable id" in p.message)
    assert warning.severity == "warning" and warning.where.line == 55


def test_what_the_model_cannot_read_is_reported_and_kept(zotero):
    problems = [(p.where.line, p.severity, p.message) for p in zotero.problems]
    assert (
        93,
        "warning",
        "author not read: a name needs a family name, a given name or a literal; kept as written",
    ) in problems
    nameless = next(r for r in zotero.records if r.key == "nameless")
    assert not nameless.author
    assert '"author": [' in emit([nameless], "csl-json")  # written back as it was
    season = next(r for r in zotero.records if r.key == "bad-date")
    assert season.issued == PartialDate(2015, season="1")  # month 13: spring, as citeproc-js
    assert [p.where.source for p in zotero.problems] == [str(FIXTURES / "zotero-export.json")] * 2


def test_strict_raises_for_a_skipped_item():
    with pytest.raises(ParseError) as caught:
        loads(
            '[\n  {"id": "a", "type": "book"},\n  42\n]', "csl-json", source="s.json", strict=True
        )
    assert caught.value.where == "s.json:3"


@pytest.mark.parametrize(
    ("text", "line"),
    [('[\n  {"id": "a",}\n]', 2), ('[\n {"id": "a"}\n {"id": "b"}]', 3), ("", 1)],
)
def test_a_file_that_is_not_json_raises_with_its_line(text, line):
    with pytest.raises(ParseError) as caught:
        loads(text, "csl-json", source="broken.json")
    assert caught.value.where == f"broken.json:{line}"


def test_a_single_item_object_and_an_empty_array():
    one = loads('{"id": "x", "type": "book", "title": "T"}', "csl-json")
    assert [r.key for r in one.records] == ["x"]
    assert loads("[]", "csl-json").records == ()


def test_a_top_level_string_is_not_csl():
    with pytest.raises(ParseError, match="expected a JSON array"):
        loads('"hello"', "csl-json", source="s.json")


def test_unknown_type_is_a_warning_and_prose_references_are_kept():
    text = json.dumps(
        [{"id": "a", "type": "chart", "title": "Map", "references": "see the atlas, p. 4"}]
    )
    result = loads(text, "csl-json")
    assert result.records[0].type is RecordType.DOCUMENT
    assert not result.records[0].relations
    assert [p.message for p in result.problems] == [
        "unknown CSL type 'chart', read as a document (the item's type is kept as written)",
    ]
    assert json.loads(emit(result.records, "csl-json")) == json.loads(text)


def test_names_and_dates():
    assert person_from_csl({"family": "Gaulle", "given": "Charles", "dropping-particle": "de"}) == (
        Person(family="Gaulle", given="Charles", dropping_particle="de")
    )
    assert person_from_csl({"given": "Madonna"}) == Person(given="Madonna")
    assert date_from_csl({"date-parts": [[2013], [2014]]}) == PartialDate(2013, end_year=2014)
    assert date_from_csl({"raw": "August 28, 2015"}) == PartialDate(2015, 8, 28)
    assert date_from_csl("2016-02-16T14:00") == PartialDate(2016, 2, 16, 14, 0)
    assert date_from_csl({"date-parts": [[2015, 3, 1], [2015, 3, 5]]}) == PartialDate(
        2015, 3, 1, end_year=2015, end_month=3, end_day=5
    )
    assert date_from_csl({"date-parts": [[-44, 3, 15]]}) == PartialDate(-44, 3, 15)
    assert date_from_csl({"literal": "Ramadan 1420"}) == PartialDate(literal="Ramadan 1420")


def test_our_csl_json_reads_back_record_for_record():
    records = list(corpus())
    read = loads(emit(records, "csl-json"), "csl-json")
    assert not read.problems
    assert [r.key for r in read.records] == [r.key for r in records]
    for before, after in zip(records, read.records, strict=True):
        assert after.author == before.author and after.title == before.title
        assert (after.issued is None) == (before.issued is None)


def test_empty_date_parts_are_not_given_and_the_item_keeps_them():
    """Zotero writes an unknown month and day as "": the date is the year, it formats as the
    year, and the file's own spelling is what CSL-JSON output writes back."""
    text = (
        '[{"id": "a", "type": "book", "title": "T", "author": [{"family": "Doe", "given": "J"}],'
        ' "issued": {"date-parts": [["2000", "", ""]]}}]'
    )
    result = loads(text, format="csl-json")
    assert result.problems == ()
    (record,) = result.records
    assert record.issued == PartialDate(2000)
    from pantucci_bib import format_bibliography

    assert "(2000)" in format_bibliography([record], "apa")
    assert json.loads(emit([record], "csl-json"))[0]["issued"] == {"date-parts": [["2000", "", ""]]}
