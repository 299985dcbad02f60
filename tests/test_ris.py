"""RIS out and in: the writer's lines, and a file in EndNote's shape (CRLF, BOM, T1/A1/Y1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantucci_bib import (
    OriginalPublication,
    ParseError,
    PartialDate,
    Person,
    Record,
    RecordType,
    corpus,
    emit,
    load,
    loads,
)
from pantucci_bib.formats.registry import EMITTERS
from pantucci_bib.formats.ris.read import date_from_ris, person_from_ris

FIXTURES = Path(__file__).parent / "fixtures" / "bib"


def test_ris_is_registered_as_an_output_format():
    assert "ris" in EMITTERS
    text = emit(corpus(), "ris")
    assert text.count("TY  - ") == text.count("ER  - ") == len(corpus())


def test_ris_lines_of_a_corpus_record():
    record = corpus().get("pantucciRisingTensionChina2022")
    lines = emit([record], "ris").splitlines()
    assert lines[:4] == [
        "TY  - MGZN",
        "ID  - pantucciRisingTensionChina2022",
        "AU  - Pantucci, Raffaello",
        "AU  - Petersen, Alexandros",
    ]
    assert "T2  - Prospect" in lines
    assert "DA  - 2022/06/24/" in lines and "PY  - 2022" in lines
    assert lines[-1] == "ER  - "
    op = next(line for line in lines if line.startswith("OP  - "))
    assert op.startswith("OP  - Extract from Sinostan")


def test_dates_that_need_more_than_year_month_day_carry_edtf():
    record = Record(
        key="k",
        type="interview",
        title="T",
        author=[Person(family="Pantucci", given="Raffaello", suffix="Jr.")],
        interviewer=[Person(literal="CABAR.asia")],
        issued=PartialDate(2022, 3, end_year=2022, end_month=4, circa=True),
        accessed=PartialDate(2023, 1, 2, 9, 30),
        page="12–15",
    )
    text = emit([record], "ris")
    assert "DA  - 2022/03//2022-03~/2022-04~" in text
    assert "Y2  - 2023/01/02/2023-01-02T09:30" in text
    assert "AU  - Pantucci, Raffaello, Jr." in text
    assert "A2  - CABAR.asia" in text
    assert "SP  - 12\nEP  - 15" in text
    back = loads(text, "ris").records[0]
    assert back.type is RecordType.INTERVIEW
    assert [p.display() for p in back.interviewer] == ["CABAR.asia"]  # one word: a family name
    assert (back.issued, back.accessed) == (record.issued, record.accessed)
    assert back.author == record.author and back.page == "12-15"


def test_original_publication_travels_as_op():
    record = Record(
        key="k",
        type="article-newspaper",
        original=OriginalPublication("print-title", title="Old headline"),
    )
    back = loads(emit([record], "ris"), "ris").records[0]
    assert back.original == OriginalPublication("print-title", title="Old headline")


@pytest.fixture(scope="module")
def endnote():
    return load(FIXTURES / "endnote.ris")


def test_endnote_shaped_file(endnote):
    first = endnote.records[0]
    assert first.type is RecordType.ARTICLE_JOURNAL
    assert first.title == "China and Russia's Soft Competition in Central Asia"  # T1
    assert first.author == (Person(family="Pantucci", given="Raffaello"),)  # A1
    assert first.container_title == "Current History"  # JO
    assert first.issued == PartialDate(2015, 10, 1)  # Y1 2015/10/01/
    assert (first.volume, first.issue, first.page) == ("114", "774", "272-277")
    assert first.keywords == ("China", "Russia", "Central Asia")
    assert first.doi == "10.1525/curh.2015.114.774.272" and first.note == "Imported from EndNote"
    assert first.key == "pantucciChinaRussiaSoft2015"  # no ID: a key is made


def test_endnote_names_and_sections(endnote):
    news = endnote.records[1]
    assert news.author == (
        Person(family="Gogh", given="Vincent", particle="van"),
        Person(family="King", given="Martin Luther", suffix="Jr."),
        Person(literal="World Health Organization"),
    )
    assert (news.section, news.issued) == ("Commentary", PartialDate(2015, 5, 14))
    interview = endnote.records[2]
    assert interview.key == "cabarInterview2022" and interview.type is RecordType.INTERVIEW
    assert interview.accessed == PartialDate(2022, 4, 10, 9, 30)


def test_endnote_problems_name_their_lines(endnote):
    source = str(FIXTURES / "endnote.ris")
    assert [str(p) for p in endnote.problems] == [
        f"{source}:29: error: lines outside a record (no TY) skipped",
        f"{source}:41: warning: WHAT: unknown RIS type 'WHAT', read as a document",
        f"{source}:46: warning: bad key: date '2015/02/30/' not read",
        f"{source}:46: warning: bad key: ID 'bad key' cannot be a citation key; a new key is made",
        f"{source}:52: warning: last record not closed by ER",
    ]
    assert [r.type for r in endnote.records[3:]] == [
        RecordType.DOCUMENT,
        RecordType.BOOK,
        RecordType.REPORT,
    ]
    with pytest.raises(ParseError) as caught:
        load(FIXTURES / "endnote.ris", strict=True)
    assert caught.value.where == f"{source}:29"


def test_a_record_that_cannot_be_a_record_is_skipped():
    result = loads(
        "TY  - JOUR\nID  - ok\nER  - \n\nTY  - JOUR\nDA  - 2015/13/01\nID  - x\nER  -\n", "ris"
    )
    assert [r.key for r in result.records] == ["ok", "x"]
    assert result.problems[0].message == "x: date '2015/13/01' not read"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015", PartialDate(2015)),
        ("2015///", PartialDate(2015)),
        ("2015/07/", PartialDate(2015, 7)),
        ("2015/07/15/Summer", PartialDate(2015, 7, 15)),
        ("2015///2015~", PartialDate(2015, circa=True)),
        ("2013///2013/2014", PartialDate(2013, end_year=2014)),
        ("2015-07-15", PartialDate(2015, 7, 15)),
        ("2022-04-10 09:30:00", PartialDate(2022, 4, 10, 9, 30)),
    ],
)
def test_ris_dates(text, expected):
    assert date_from_ris(text) == expected


def test_ris_names():
    assert person_from_ris("Plato") == Person(family="Plato")
    assert person_from_ris("van der Berg, Jan") == Person(
        family="Berg", given="Jan", particle="van der"
    )
    assert person_from_ris("Li, Lifan") == Person(family="Li", given="Lifan")
