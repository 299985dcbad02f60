"""RIS writer: the tagged format EndNote, Zotero, Mendeley and RefWorks import.

Every field is written under the tag :mod:`.mapping` gives it for the record's type
(``AU`` authors, ``A2`` an interview's interviewers, ``ED`` editors, ``A4`` translators,
``T2`` the outlet, ``T3`` the series, ``SE`` the section, ``M3`` the genre …), tags in the
table's order. ``DA`` is the date as ``YYYY/MM/DD/other``, ``Y2`` the access date, ``OP``
the original publication (the same sentence the BibTeX writer puts into ``note``). Where a
date says more than year, month and day (a time, a range, *circa*, a year before 1), the
*other* part holds it in EDTF, and a season stands there as a word, so that reading the file
back loses nothing. RIS has no place for relations between records or for the update date.

Then what a RIS file carried as written (:class:`~pantucci_bib.model.Verbatim` of format
``ris``, one per tag: ``value`` the tag's values as a JSON list of strings) replaces the
writer's own lines for that tag, as long as the record still renders them as it did when it
was read (``rendered``, the same JSON list; ``""`` for no line at all); tags the table does
not know come after the table's, in the order they were read. So RIS → records → RIS gives
back every tag line of the input.

Written without a library: the format is a line per tag, and writing it ourselves keeps
the output byte-for-byte under our control (and :mod:`pantucci_bib.formats.ris.read` reads it
back with line numbers for every problem).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from pantucci_bib.formats.bibtex.write import original_sentence
from pantucci_bib.formats.ris.mapping import (
    COUNTED_TYPES,
    FORMAT,
    GENERIC_FIELDS,
    TAG_ORDER,
    WRITE_TYPES,
    write_tag,
)
from pantucci_bib.formats.verbatim import stands_for
from pantucci_bib.model import PartialDate, Person, Record
from pantucci_bib.vocabulary import NAME_FIELDS

_PAGE_RANGE = re.compile(r"([^-–]+)[-–]([^-–]+)")
_TAG = re.compile(r"[A-Z][A-Z0-9]")
_NAMES = frozenset(NAME_FIELDS)


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
    """``YYYY/MM/DD/other``: empty month or day when unknown; *other* is EDTF when needed,
    or the season; a date that is only text is that text."""
    if date.year is None:
        return date.literal
    month = f"{date.month:02d}" if date.month is not None else ""
    day = f"{date.day:02d}" if date.day is not None else ""
    plain = date.hour is None and date.end_year is None and not date.circa and date.year >= 0
    other = date.edtf() if not plain else date.season if date.month is None else ""
    return f"{date.year:04d}/{month}/{day}/{other}"


def render_values(values: Sequence[str]) -> str:
    """The text a tag's values are kept and compared by: a JSON list of strings."""
    return json.dumps(list(values), ensure_ascii=False)


def _values(text: str) -> list[str]:
    """A tag's values from their kept text (a JSON list; plain text is one value)."""
    try:
        loaded = json.loads(text)
    except ValueError:
        return [text]
    if isinstance(loaded, list):
        return [item if isinstance(item, str) else json.dumps(item) for item in loaded]
    return [loaded if isinstance(loaded, str) else text]


def _one_line(value: str) -> str:
    return " ".join(value.splitlines())


def own_tags(record: Record) -> dict[str, list[str]]:
    """The tags the model itself writes for ``record`` (no verbatim fields), in order."""
    tags: dict[str, list[str]] = {}

    def add(tag: str | None, *values: str) -> None:
        kept = [_one_line(value) for value in values if value]
        if tag is not None and kept:
            tags.setdefault(tag, []).extend(kept)

    add("TY", WRITE_TYPES[record.type])
    add("ID", record.key)
    for field in GENERIC_FIELDS:
        value = getattr(record, field)
        if not value:
            continue
        tag = write_tag(field, record.type)
        if field in _NAMES:
            add(tag, *(ris_name(p) for p in value))
        else:
            add(tag, value)
    if record.page:
        match = _PAGE_RANGE.fullmatch(record.page)
        if match:
            add("SP", match.group(1))
            add("EP", match.group(2))
        else:
            add("SP", record.page)
    elif record.type in COUNTED_TYPES:
        add("SP", record.number_of_pages)
    if issued := record.issued:
        if issued.year is not None:
            add("PY", f"{issued.year:04d}")
        add("DA", ris_date(issued))
    if record.accessed:
        add("Y2", ris_date(record.accessed))
    add("SN", record.isbn, record.issn)
    add("OP", original_sentence(record.original) if record.original else "")
    add("N1", record.note)
    add("KW", *record.keywords)
    return dict(sorted(tags.items(), key=lambda item: TAG_ORDER[item[0]]))


def ris_tags(record: Record) -> dict[str, list[str]]:
    """Every tag of ``record`` with its values: the model's, then what the file it came
    from held as written (Verbatim of format ``ris``), in the order they are written."""
    tags = own_tags(record)
    for field in record.extra:
        if field.format != FORMAT or field.name == "ER" or not _TAG.fullmatch(field.name):
            continue
        if not stands_for(field, render_values(tags[field.name]) if field.name in tags else None):
            continue
        if field.value is None:
            tags.pop(field.name, None)
        else:
            tags[field.name] = [_one_line(value) for value in _values(field.value)]
    if not tags.get("TY"):
        tags["TY"] = [WRITE_TYPES[record.type]]
    last = len(TAG_ORDER)
    return dict(sorted(tags.items(), key=lambda item: TAG_ORDER.get(item[0], last)))


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {value}"


def ris_lines(record: Record) -> list[str]:
    """The tagged lines of one record, from ``TY`` to ``ER``."""
    lines = [_line(tag, value) for tag, values in ris_tags(record).items() for value in values]
    lines.append("ER  - ")
    return lines


def emit_ris(records: Iterable[Record]) -> str:
    """Records as a RIS file (UTF-8, one blank line between records)."""
    return "\n\n".join("\n".join(ris_lines(r)) for r in records) + "\n"
