"""RIS writer: the tagged format EndNote, Zotero, Mendeley and RefWorks import.

Tags follow the RIS specification as Zotero's RIS translator reads it: ``AU`` authors,
``A2`` interviewers (Zotero's tag for an interview's interviewer), ``ED`` editors, ``A4``
translators, ``T2`` the outlet, ``SE`` its section, ``M3`` the genre, ``DA`` the date as
``YYYY/MM/DD/other``, ``Y2`` the access date, ``OP`` the original publication (the same
sentence the BibTeX writer puts into ``note``). Where a date says more than year, month and
day (a time, a range, *circa*), the *other* part holds it in EDTF, so that reading the file
back loses nothing. RIS has no place for relations between records or for the update date.

Written without a library: the format is a line per tag, and writing it ourselves keeps
the output byte-for-byte under our control (and :mod:`pantucci_bib.formats.ris.read` reads it
back with line numbers for every problem).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pantucci_bib.formats.bibtex.write import original_sentence
from pantucci_bib.formats.mapping import TYPES
from pantucci_bib.model import PartialDate, Person, Record

_PAGE_RANGE = re.compile(r"([^-–]+)[-–]([^-–]+)")


def ris_name(person: Person) -> str:
    """``Family, Given, Suffix`` (a corporate name as it is)."""
    if person.literal:
        return person.literal
    if person.suffix:
        return f"{person.full_family}, {person.given}, {person.suffix}"
    if person.given:
        return f"{person.full_family}, {person.given}"
    return person.full_family


def ris_date(date: PartialDate) -> str:
    """``YYYY/MM/DD/other``: empty month or day when unknown; *other* is EDTF when needed."""
    month = f"{date.month:02d}" if date.month is not None else ""
    day = f"{date.day:02d}" if date.day is not None else ""
    plain = date.hour is None and date.end_year is None and not date.circa
    return f"{date.year:04d}/{month}/{day}/" + ("" if plain else date.edtf())


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.splitlines())}"


def ris_lines(record: Record) -> list[str]:
    """The tagged lines of one record, from ``TY`` to ``ER``."""
    lines = [_line("TY", TYPES[record.type].ris), _line("ID", record.key)]
    for tag, people in (
        ("AU", record.author),
        ("A2", record.interviewer),
        ("ED", record.editor),
        ("A4", record.translator),
    ):
        lines.extend(_line(tag, ris_name(p)) for p in people)
    for tag, value in (
        ("TI", record.title),
        ("T2", record.container_title),
        ("SE", record.section),
        ("M3", record.genre),
        ("PB", record.publisher),
        ("CY", record.publisher_place),
        ("VL", record.volume),
        ("IS", record.issue),
    ):
        if value:
            lines.append(_line(tag, value))
    if record.page:
        match = _PAGE_RANGE.fullmatch(record.page)
        if match:
            lines += [_line("SP", match.group(1)), _line("EP", match.group(2))]
        else:
            lines.append(_line("SP", record.page))
    if record.issued:
        lines.append(_line("PY", f"{record.issued.year:04d}"))
        lines.append(_line("DA", ris_date(record.issued)))
    if record.accessed:
        lines.append(_line("Y2", ris_date(record.accessed)))
    for tag, value in (
        ("LA", record.language),
        ("UR", record.url),
        ("DO", record.doi),
        ("SN", record.isbn),
        ("AB", record.standfirst),
        ("OP", original_sentence(record.original) if record.original else ""),
        ("N1", record.note),
    ):
        if value:
            lines.append(_line(tag, value))
    lines.extend(_line("KW", keyword) for keyword in record.keywords)
    lines.append("ER  - ")
    return lines


def emit_ris(records: Iterable[Record]) -> str:
    """Records as a RIS file (UTF-8, one blank line between records)."""
    return "\n\n".join("\n".join(ris_lines(r)) for r in records) + "\n"
