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


# --- the table: RIS types and tags ↔ CSL types and fields -------------------------------

#: How each RIS type of the RIS spec, EndNote and Zotero's translator is read.
RIS_TYPE_READS = {
    "ABST": "article-journal", "ADVS": "motion_picture", "AGGR": "dataset",
    "ANCIENT": "classic", "ART": "graphic", "BILL": "bill", "BLOG": "post-weblog",
    "BOOK": "book", "CASE": "legal_case", "CHAP": "chapter", "CHART": "graphic",
    "CLSWK": "classic", "COMP": "software", "CONF": "paper-conference",
    "CPAPER": "paper-conference", "CTLG": "book", "DATA": "dataset", "DBASE": "dataset",
    "DICT": "entry-dictionary", "EBOOK": "book", "ECHAP": "chapter", "EDBOOK": "book",
    "EJOUR": "article-journal", "ELEC": "webpage", "ENCYC": "entry-encyclopedia",
    "EQUA": "document", "FIGURE": "figure", "GEN": "document", "GOVDOC": "report",
    "GRANT": "document", "HEAR": "hearing", "ICOMM": "personal_communication",
    "INPR": "article-journal", "INTV": "interview", "JFULL": "periodical",
    "JOUR": "article-journal", "LEGAL": "regulation", "MANSCPT": "manuscript", "MAP": "map",
    "MGZN": "article-magazine", "MPCT": "motion_picture", "MULTI": "motion_picture",
    "MUSIC": "musical_score", "NEWS": "article-newspaper", "PAMP": "pamphlet",
    "PAT": "patent", "PCOMM": "personal_communication", "RPRT": "report", "SER": "book",
    "SLIDE": "speech", "SOUND": "song", "STAND": "standard", "STAT": "legislation",
    "THES": "thesis", "UNBILL": "bill", "UNPB": "manuscript", "VIDEO": "motion_picture",
    "SPEECH": "speech",
}  # fmt: skip

#: CSL types RIS has no type of their own for: written as the nearest, read back as that.
LOSSY_TYPES = {
    "article": "document",
    "collection": "document",
    "event": "document",
    "performance": "document",
    "treaty": "document",
    "interview": "document",  # without an interviewer (A2)
    "review": "article-journal",
    "review-book": "article-journal",
    "entry": "entry-encyclopedia",
    "post": "webpage",
    "broadcast": "motion_picture",
}


@pytest.mark.parametrize(("ris_type", "csl_type"), sorted(RIS_TYPE_READS.items()))
def test_every_ris_type_is_read(ris_type, csl_type):
    result = loads(f"TY  - {ris_type}\nTI  - T\nER  - \n", "ris")
    assert [r.type.value for r in result.records] == [csl_type]
    assert not result.problems


def test_the_corpus_types_keep_their_ris_types():
    from pantucci_bib.formats.ris.mapping import WRITE_TYPES

    assert set(WRITE_TYPES) == set(RecordType)
    assert {t.value: WRITE_TYPES[t] for t in WRITE_TYPES if t.value in _CORPUS_TYPES} == {
        "article-newspaper": "NEWS",
        "article-magazine": "MGZN",
        "article-journal": "JOUR",
        "report": "RPRT",
        "interview": "GEN",
        "post-weblog": "BLOG",
        "webpage": "ELEC",
        "book": "BOOK",
        "chapter": "CHAP",
        "speech": "SPEECH",
        "document": "GEN",
    }


_CORPUS_TYPES = {
    "article-newspaper", "article-magazine", "article-journal", "report", "interview",
    "post-weblog", "webpage", "book", "chapter", "speech", "document",
}  # fmt: skip


def _full_record(record_type: RecordType) -> Record:
    """A record of ``record_type`` with a distinct value in every field RIS can carry."""
    from pantucci_bib.formats.ris.mapping import GENERIC_FIELDS
    from pantucci_bib.vocabulary import NAME_FIELDS

    values: dict[str, object] = {}
    for index, field in enumerate(GENERIC_FIELDS):
        if field in NAME_FIELDS:
            values[field] = (Person(family=f"Family{index}", given="Ann"),)
        else:
            values[field] = f"{field} {index}"
    return Record(
        key="k",
        type=record_type,
        **values,
        page="12-15",
        issued=PartialDate(2020, 5, 4),
        accessed=PartialDate(2021, 1, 2),
        isbn="978-0-19-005802-3",
        issn="2049-3630",
        note="A note",
        keywords=("one", "two words"),
    )


@pytest.mark.parametrize("record_type", list(RecordType))
def test_every_field_written_is_read_back_into_the_same_field(record_type):
    from pantucci_bib.formats.ris.mapping import GENERIC_FIELDS, write_tag

    record = _full_record(record_type)
    text = emit([record], "ris")
    back = loads(text, "ris").records[0]
    assert back.type.value == LOSSY_TYPES.get(record_type.value, record_type.value) or (
        record_type is RecordType.INTERVIEW and back.type is RecordType.INTERVIEW
    )
    assert not back.verbatim("ris"), "the writer's own lines read back as they are"
    assert emit([back], "ris") == text
    if back.type is not record_type:
        return
    written = [f for f in GENERIC_FIELDS if write_tag(f, record_type) is not None]
    assert len(written) > 20
    for field in (*written, "page", "issued", "accessed", "isbn", "issn", "note", "keywords"):
        assert getattr(back, field) == getattr(record, field), field


def test_a_book_counts_its_pages_in_a_lone_sp():
    record = Record(key="k", type="book", title="T", number_of_pages="301")
    text = emit([record], "ris")
    assert "SP  - 301" in text
    assert loads(text, "ris").records[0].number_of_pages == "301"
    assert loads("TY  - JOUR\nSP  - 301\nER  - \n", "ris").records[0].page == "301"


@pytest.mark.parametrize(
    ("ris_type", "value", "field"),
    [
        ("BOOK", "978-1-5555-0101-3", "isbn"),
        ("BOOK", "2049-3630", "issn"),  # an ISSN's shape wins over the type
        ("JOUR", "2049-3630 (Print)", "issn"),
        ("JOUR", "0-19-005802-X", "isbn"),
        ("JOUR", "not a number", "issn"),  # no shape: by type
        ("CHAP", "not a number", "isbn"),
        ("RPRT", "HB-TR-2015-07", "number"),
        ("BOOK", "ISSN 1234-5679", "issn"),
    ],
)
def test_sn_is_an_isbn_or_an_issn_by_shape_then_by_type(ris_type, value, field):
    record = loads(f"TY  - {ris_type}\nSN  - {value}\nER  - \n", "ris").records[0]
    assert getattr(record, field) and getattr(record, field) in value
    others = {"isbn", "issn", "number"} - {field}
    assert not any(getattr(record, other) for other in others)


def test_tags_the_model_has_no_place_for_come_after_the_others_in_input_order():
    text = "TY  - JOUR\nZZ  - first\nTI  - Title\nC8  - second\nL1  - a.pdf\nZZ  - third\nER  - \n"
    back = loads(text, "ris").records[0]
    assert emit([back], "ris").splitlines() == [
        "TY  - JOUR",
        "TI  - Title",
        "ZZ  - first",
        "ZZ  - third",
        "C8  - second",
        "L1  - a.pdf",
        "ER  - ",
    ]


def test_a_changed_record_keeps_the_writers_output():
    import attrs

    text = "TY  - JOUR\nID  - k\nTI  - Old\nJF  - Journal\nY1  - 2015///\nRP  - IN FILE\nER  - \n"
    record = loads(text, "ris").records[0]
    assert emit([record], "ris") == (
        "TY  - JOUR\nID  - k\nTI  - Old\nJF  - Journal\nY1  - 2015///\nRP  - IN FILE\nER  - \n"
    )
    changed = attrs.evolve(record, container_title="Other", issued=PartialDate(2016, 2))
    lines = emit([changed], "ris").splitlines()
    assert "T2  - Other" in lines and "DA  - 2016/02//" in lines and "PY  - 2016" in lines
    assert "RP  - IN FILE" in lines  # no field in the model: always written back
    assert "TI  - Old" in lines and "ID  - k" in lines
    renamed = attrs.evolve(record, key="other")
    assert "ID  - other" in emit([renamed], "ris")


def test_a_date_that_is_only_text_is_written_as_it_is():
    record = Record(key="k", type="book", title="T", issued=PartialDate(literal="forthcoming"))
    lines = emit([record], "ris").splitlines()
    assert "DA  - forthcoming" in lines and not any(line.startswith("PY") for line in lines)


@pytest.mark.parametrize(
    ("da", "py", "expected"),
    [
        ("Jun", "2017", PartialDate(2017, 6)),
        ("July 1", "2021", PartialDate(2021, 7, 1)),
        ("03/17", "1911", PartialDate(1911, 3, 17)),
        ("Winter", "1997", PartialDate(1997, season="Winter")),
        ("2015/08/11", "2015", PartialDate(2015, 8, 11)),
        ("nonsense", "2015", PartialDate(2015)),
    ],
)
def test_a_da_without_a_year_takes_the_year_of_py(da, py, expected):
    result = loads(f"TY  - JOUR\nID  - k\nPY  - {py}\nDA  - {da}\nER  - \n", "ris")
    assert result.records[0].issued == expected
    warned = [p.message for p in result.problems]
    assert warned == (
        ["k: date 'nonsense' not read; the year of PY kept"] if da == "nonsense" else []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020/01/15/09:41:07", PartialDate(2020, 1, 15, 9, 41)),
        ("1997///Winter", PartialDate(1997, season="Winter")),
        ("8-12 July 2019", PartialDate(2019, 7, 8, end_year=2019, end_month=7, end_day=12)),
        ("July 8-12, 2019", PartialDate(2019, 7, 8, end_year=2019, end_month=7, end_day=12)),
        ("-044/03/15/-0044-03-15", PartialDate(-44, 3, 15)),
    ],
)
def test_more_ris_dates(text, expected):
    assert date_from_ris(text) == expected


def test_dates_the_writer_writes_read_back():
    from pantucci_bib.formats.ris.write import ris_date

    for date in (
        PartialDate(1997, season="Winter"),
        PartialDate(-44, 3, 15),
        PartialDate(2020, 1, 15, 9, 41),
        PartialDate(2013, end_year=2014, circa=True),
    ):
        assert date_from_ris(ris_date(date)) == date, date


#: Every tag of the RIS spec the brief lists: each is read into a field or kept as written.
_ALL_TAGS = (
    "ID AU A1 A2 A3 A4 ED TI T1 CT T2 BT JF JO JA J1 J2 T3 ST VL IS SP EP PY Y1 DA Y2 SN ET "
    "M1 M2 M3 NV SE CY PB LA AB N2 N1 KW UR L1 L2 L3 L4 DO CN AN DB DP OP RP C1 C2 C3 C4 C5 "
    "C6 C7 C8 CA LB RN AD U1 U2 U3 U4 U5 Y3"
)
ALL_TAGS = _ALL_TAGS.split()
_DATE_TAGS = {"PY", "Y1", "DA", "Y2"}
_NAME_TAGS = {"AU", "A1", "A2", "A3", "A4", "ED", "C2"}


@pytest.mark.parametrize("ris_type", ["JOUR", "BOOK", "CONF", "GEN", "RPRT", "WHAT"])
@pytest.mark.parametrize("tag", ALL_TAGS)
def test_every_tag_comes_back_after_read_and_write(tag, ris_type):
    value = "2015/01/02/" if tag in _DATE_TAGS else "Doe, Jane" if tag in _NAME_TAGS else "V 1"
    text = f"TY  - {ris_type}\nTI  - A title\n{tag}  - {value}\n{tag}  - {value}\nER  - \n"
    if tag == "TI":
        text = text.replace("TI  - A title\n", "")
    back = loads(text, "ris").records
    lines = emit(back, "ris").splitlines()
    assert lines.count(f"{tag}  - {value}") == 2
    assert sorted(lines) == sorted(text.splitlines()), "nothing added, nothing lost"


def test_a_value_the_writer_ends_with_a_space_reads_back_without_a_verbatim_field():
    """The reader strips values; the writer's own trailing space is not a difference."""
    record = Record(key="c", type="article", original=OriginalPublication("reprint"))
    text = emit([record], "ris")
    assert "OP  - Reprinted from \n" in text
    back = loads(text, "ris").records[0]
    assert not back.verbatim("ris") and emit([back], "ris") == text
