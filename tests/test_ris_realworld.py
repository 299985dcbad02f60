"""RIS as EndNote and Zotero export it (tests/fixtures/realworld/endnote.ris, zotero.ris).

Read → write gives back the input's tag lines; the output is a fixed point; typed tags land
in the fields they mean; no record is lost without a problem. The tag lines are counted by
a small parser of this file's own, not the reader's, so that a reader fault shows.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from pantucci_bib import PartialDate, Person, RecordType, emit, load, loads
from pantucci_bib.model import Record

REALWORLD = Path(__file__).parent / "fixtures" / "realworld"
FILES = {"endnote.ris": 23, "zotero.ris": 15}  # records in each file (its README)
_TAG = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$")


def tag_lines(text: str) -> list[Counter[tuple[str, str]]]:
    """Each record's tag lines as a multiset of (tag, value): values whitespace-normalised,
    a line that is not a tag joined to the value before it."""
    records: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] | None = None
    for line in text.removeprefix("\ufeff").splitlines():
        match = _TAG.match(line.rstrip())
        if match is None:
            if line.strip() and current:
                tag, value = current[-1]
                current[-1] = (tag, f"{value} {line}")
            continue
        tag, value = match.group(1), match.group(2) or ""
        if tag == "TY":
            current = []
            records.append(current)
        if current is not None:
            current.append((tag, value))
        if tag == "ER":
            current = None
    return [Counter((tag, " ".join(value.split())) for tag, value in r) for r in records]


def kept_share(name: str) -> tuple[int, int]:
    """(records whose every tag line comes back after read → write, records)."""
    text = (REALWORLD / name).read_text(encoding="utf-8")
    before = tag_lines(text)
    after = tag_lines(emit(load(REALWORLD / name).records, "ris"))
    assert len(after) == len(before)
    return sum(a == b for a, b in zip(before, after, strict=True)), len(before)


@pytest.fixture(scope="module", params=sorted(FILES))
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_the_parser_of_this_file_sees_every_record_and_its_wrapped_lines():
    text = (REALWORLD / "endnote.ris").read_text(encoding="utf-8")
    records = tag_lines(text)
    assert len(records) == FILES["endnote.ris"]
    notes = [value for (tag, value) in records[0] if tag == "N1"]
    assert notes == [
        "Nakamura, Yui Fischer, Lena Adeyemi, Tunde eng Research Support, Non-U.S. Gov't"
    ]
    assert records[0][("SN", "2049-3630 (Print)")] == 1 and records[0][("KW", "Female")] == 1


def test_every_input_tag_line_comes_back(name):
    kept, total = kept_share(name)
    assert total == FILES[name]
    assert kept / total >= 0.98, f"{kept} of {total} records keep every tag line"


def test_the_share_kept_is_all_of_them(name):
    """The figure reported for the brief: every record of both files, today."""
    assert kept_share(name) == (FILES[name], FILES[name])


def test_a_lost_line_would_be_seen():
    """The comparison can fail: a record whose writer drops a tag line counts as changed."""
    text = (REALWORLD / "zotero.ris").read_text(encoding="utf-8")
    records = load(REALWORLD / "zotero.ris").records
    first = records[0]
    stripped = Record(key=first.key, type=first.type, title=first.title)  # no verbatim fields
    after = tag_lines(emit([stripped, *records[1:]], "ris"))
    before = tag_lines(text)
    assert after[0] != before[0] and after[1:] == before[1:]


def test_the_output_is_a_fixed_point(name):
    first = emit(load(REALWORLD / name).records, "ris")
    again = loads(first, "ris", source="again.ris")
    assert not [p for p in again.problems if p.severity == "error"]
    assert emit(again.records, "ris") == first
    assert emit(loads(emit(again.records, "ris"), "ris").records, "ris") == first


def test_every_record_is_read_or_reported(name):
    text = (REALWORLD / name).read_text(encoding="utf-8")
    result = load(REALWORLD / name)
    skipped = [p for p in result.problems if "skipped" in p.message]
    assert len(result.records) + len(skipped) == text.count("TY  - ") == FILES[name]
    assert len(result.records) == FILES[name]


def test_a_record_that_cannot_be_read_is_reported_not_lost(tmp_path):
    text = (REALWORLD / "zotero.ris").read_text(encoding="utf-8")
    broken = text + "TY  - JOUR\r\nTI  - Bad name\r\nAU  - ,\r\nER  - \r\n"
    (tmp_path / "broken.ris").write_text(broken, encoding="utf-8")
    result = load(tmp_path / "broken.ris")
    skipped = [p for p in result.problems if "skipped" in p.message]
    assert len(result.records) == FILES["zotero.ris"] and len(skipped) == 1
    assert skipped[0].where.line == broken.count("\n") - 3


@pytest.fixture(scope="module")
def endnote() -> dict[str, Record]:
    return {r.key: r for r in load(REALWORLD / "endnote.ris").records}  # EndNote's IDs: 12 …


@pytest.fixture(scope="module")
def zotero() -> list[Record]:
    return list(load(REALWORLD / "zotero.ris").records)


def test_endnote_journal_article(endnote):
    first, second = endnote["12"], endnote["13"]
    assert first.type is RecordType.ARTICLE_JOURNAL
    assert first.issn == "2049-3630"  # SN, EndNote's "(Print)" dropped; the line is kept
    assert first.container_title_short == "Clin Chronobiol"  # J2
    assert first.issued == PartialDate(2017, 6)  # DA "Jun" in the year of PY
    assert (first.call_number, first.annote, first.pmcid) == (
        "WB 100 N163c 2017",
        "Key paper for chapter 2.",
        "PMC5500001",
    )
    assert (first.archive, first.source, first.archive_location) == ("PubMed", "NLM", "28012345")
    assert second.container_title == "Journal of Sleep Research Methods"  # JF over JO
    assert second.container_title_short == "J. Sleep Res. Methods"  # JA
    assert second.standfirst.startswith("Spindle density")  # N2
    assert second.issued == PartialDate(2015)  # Y1


def test_endnote_books_chapters_and_theses(endnote):
    book = endnote["14"]
    assert book.type is RecordType.BOOK and book.isbn == "978-1-5555-0101-3"
    assert (book.edition, book.collection_title, book.number_of_volumes) == (
        "2nd",
        "Upland Studies",
        "1",
    )
    assert book.collection_number == "17"  # M1 of a book: its number in the series
    chapter = endnote["15"]
    assert chapter.type is RecordType.CHAPTER and chapter.title_short == "Salons"
    assert [p.family for p in chapter.editor] == ["Lefèvre", "Brunel"]  # A2
    edited = endnote["16"]
    assert edited.type is RecordType.BOOK and not edited.author
    assert [p.family for p in edited.editor] == ["Lefèvre", "Brunel"]  # EDBOOK: AU edits
    thesis = endnote["18"]
    assert thesis.type is RecordType.THESIS
    assert (thesis.publisher, thesis.genre) == ("University of Somewhere", "Ph.D.")
    assert thesis.collection_editor == (Person(family="Hartmann", given="Lotte"),)  # A3


def test_endnote_conference_paper(endnote):
    paper = endnote["17"]
    assert paper.type is RecordType.PAPER_CONFERENCE
    assert paper.container_title == "Proceedings of the 11th Colloquium on Curious Ciphers"
    assert (paper.event_place, paper.event_title) == ("Trondheim, Norway", "CCC '19")  # C1, C3
    assert paper.event_date == PartialDate(2019, 7, 8, end_year=2019, end_month=7, end_day=12)
    assert paper.accessed is None  # Y2 here is the conference's days, not an access date
    assert paper.author[1] == Person(family="Berg", given="Jan", particle="van der")


def test_endnote_other_types(endnote):
    types = {key: record.type for key, record in endnote.items()}
    assert [types[str(n)] for n in range(19, 35)] == [
        RecordType.REPORT,
        RecordType.WEBPAGE,
        RecordType.ARTICLE_NEWSPAPER,
        RecordType.ARTICLE_MAGAZINE,
        RecordType.DOCUMENT,
        RecordType.PATENT,
        RecordType.SOFTWARE,
        RecordType.DATASET,
        RecordType.LEGISLATION,
        RecordType.LEGAL_CASE,
        RecordType.BILL,
        RecordType.HEARING,
        RecordType.MAP,
        RecordType.FIGURE,
        RecordType.MANUSCRIPT,
        RecordType.MANUSCRIPT,
    ]
    assert endnote["19"].number == "HB-TR-2015-07"  # SN of a report: its number
    assert endnote["22"].issued == PartialDate(1997, season="Winter")
    assert endnote["23"].issued == PartialDate(1911, 3, 17)  # DA "03/17"
    assert (endnote["24"].number, endnote["24"].authority) == (
        "US9999001B2",
        "Harbour Instruments Ltd.",
    )
    assert (endnote["25"].version, endnote["26"].version) == ("0.9.3", "2.0")  # ET
    assert endnote["28"].authority == "Court of Appeal"  # A2 of a case: the court
    assert endnote["29"].number == "H.R. 9999"  # M1
    assert endnote["31"].scale == "1:2,500"
    assert endnote["32"].citation_label == "Fig. 7"  # LB


def test_zotero_typed_fields(zotero):
    by_type = {r.type: r for r in zotero}
    article = zotero[0]
    assert article.type is RecordType.ARTICLE_JOURNAL
    assert (article.issn, article.container_title_short) == ("2214-8795", "J. Sleep Res. Methods")
    assert (article.title_short, article.source) == (
        "Sleep spindles and memory",
        "DOI.org (Crossref)",
    )
    assert article.accessed == PartialDate(2020, 1, 15, 9, 41)  # Y2 with Zotero's time
    assert article.page == "e12745"
    assert zotero[1].page == "612-620"  # SP + EP
    book = by_type[RecordType.BOOK]
    assert (book.isbn, book.edition, book.collection_title) == (
        "978-1-5555-0101-3",
        "2",
        "Upland studies",
    )
    assert (book.number_of_pages, book.page) == ("301", "")  # a book's lone SP (Zotero)
    paper = by_type[RecordType.PAPER_CONFERENCE]
    assert paper.container_title.startswith("Proceedings of the 11th")
    assert (paper.collection_title, paper.event_place) == ("CCC '19", "Trondheim, Norway")
    thesis = by_type[RecordType.THESIS]
    assert (thesis.publisher, thesis.genre) == ("University of Somewhere", "PhD Thesis")
    assert by_type[RecordType.REPORT].number == "HB-TR-2015-07"
    assert by_type[RecordType.POST_WEBLOG].container_title == "Engineering Notes"
    assert by_type[RecordType.SOFTWARE].version == "0.9.3"
    film = by_type[RecordType.MOTION_PICTURE]
    assert film.director == (Person(family="Fontaine", given="Jean", particle="de la"),)
    assert film.title_short == "Tides"
    letter = by_type[RecordType.MANUSCRIPT]
    assert (letter.call_number, letter.archive, letter.archive_location) == (
        "HBA/14/3",
        "Harbour Board Archive",
        "Box 14, folder 3",
    )


def test_the_fields_a_file_carried_beyond_the_model_are_kept_by_tag(zotero):
    first = zotero[0]
    kept = {field.name: field for field in first.verbatim("ris")}
    assert kept["L1"].rendered is None  # no field for an attachment: written back as it was
    assert kept["L1"].value == (
        '["files/12/Smith et al. - 2019 - Sleep spindles and memory in REM-deprived adults.pdf"]'
    )
    assert kept["ID"].value is None  # Zotero writes no ID, and the output has none either
    assert "ID  - " not in emit([first], "ris")
