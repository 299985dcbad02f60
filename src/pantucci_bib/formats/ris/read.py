"""RIS reader: exports of EndNote, Mendeley, Zotero, RefWorks and our RIS writer.

A small reader of our own rather than rispy: RIS is one ``TAG  - value`` per line, and
reading it here keeps the line of every record and every problem (rispy returns neither).
Tags are read into the record's fields as :mod:`.mapping` says, the table the writer follows
too (``A2`` is an interview's interviewer, an editor elsewhere; ``T2`` the outlet; ``DA``
over ``PY``; ``SN`` an ISBN or an ISSN by its shape …).

A record runs from ``TY`` to ``ER``. Lines outside a record are reported and skipped;
a record that never reaches ``ER`` is read with a warning; a record that cannot make a
valid Record (a name of nothing but commas, bad key …) is reported with its line and
skipped. A line that is not a tag continues the value before it (joined with a space).

Nothing a record holds is lost: after the record is made, its tag lines are compared with
what the writer makes of it, and every tag whose lines differ is kept as written
(:class:`~pantucci_bib.model.Verbatim` of format ``ris``; ``value`` and ``rendered`` are the
tag's values as a JSON list of strings), so RIS → records → RIS gives back every tag line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

from pantucci_bib.dates import MONTHS, parse_iso, parse_written
from pantucci_bib.formats.bibtex.read import parse_original_sentence
from pantucci_bib.formats.ris.mapping import (
    COUNTED_TYPES,
    EDITED_TYPES,
    FORMAT,
    GENERIC_FIELDS,
    INTERVIEW_TYPES,
    READ_TYPES,
    read_tags,
    rule_for,
)
from pantucci_bib.formats.ris.write import own_tags, render_values
from pantucci_bib.formats.verbatim import keep_as_written
from pantucci_bib.keys import assign_keys
from pantucci_bib.model import PartialDate, Person, Provenance, Record, RecordType
from pantucci_bib.problems import ParseResult, Problem
from pantucci_bib.vocabulary import NAME_FIELDS

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$")
_KEY_LIKE = re.compile(r"[^\s,{}\"#%'()=\\~]+")
_PLACEHOLDER = "unkeyed"
_NAMES = frozenset(NAME_FIELDS)

#: CSL types whose standard number (``SN``) is an ISSN unless it has an ISBN's shape.
_ISSN_TYPES = frozenset(
    {
        RecordType.ARTICLE_JOURNAL,
        RecordType.ARTICLE_MAGAZINE,
        RecordType.ARTICLE_NEWSPAPER,
        RecordType.PERIODICAL,
        RecordType.REVIEW,
        RecordType.REVIEW_BOOK,
    }
)
#: CSL types whose ``SN`` is the work's own number unless shaped as an ISBN or ISSN
#: (Zotero's report number and patent number).
_NUMBER_TYPES = frozenset({RecordType.REPORT, RecordType.PATENT, RecordType.STANDARD})
_ISSN = re.compile(r"\d{4}-?\d{3}[\dX]", re.I)
_ISBN_DIGITS = re.compile(r"\d{9}[\dX]|\d{13}", re.I)
_SN_QUALIFIER = re.compile(r"\s*\([^()]*\)$")  # EndNote's "2049-3630 (Print)"
_COUNT = re.compile(r"[0-9]+")
_SN_LABEL = re.compile(r"^(ISBN|ISSN)(?:-1[03])?:?\s*", re.I)


@attrs.define
class _Raw:
    line: int
    tags: list[tuple[str, str, int]] = attrs.field(factory=list)

    def values(self, *tags: str) -> list[str]:
        """The non-empty values of ``tags``, tag by tag in the order given."""
        return [value for wanted in tags for tag, value, _ in self.tags if tag == wanted and value]

    def first(self, *tags: str) -> str:
        """The first non-empty value of the first of ``tags`` that has one."""
        found = self.values(*tags)
        return found[0] if found else ""


def read_ris(text: str, source: str) -> ParseResult:
    """Records from a RIS file."""
    problems: list[Problem] = []

    def problem(line: int, message: str, severity: str = "error") -> None:
        problems.append(Problem(Provenance(source, line), message, severity))

    raws = _raw_records(text, problem)
    records: list[Record] = []
    read: list[_Raw] = []
    unkeyed: list[int] = []
    for raw in raws:
        record = _record(raw, source, problem)
        if record is None:
            continue
        if record.key == _PLACEHOLDER:
            unkeyed.append(len(records))
        records.append(record)
        read.append(raw)
    if unkeyed:
        taken = {r.key for r in records if r.key != _PLACEHOLDER}
        keys = assign_keys([records[i] for i in unkeyed], taken)
        for index, key in zip(unkeyed, keys, strict=True):
            records[index] = attrs.evolve(records[index], key=key)
    records = [_with_verbatim(record, raw) for record, raw in zip(records, read, strict=True)]
    return ParseResult(records, sorted(problems, key=lambda p: p.where.line))


def _raw_records(text: str, problem: Callable[..., None]) -> list[_Raw]:
    """The tag lines of each record, wrapped lines joined, with the lines they start on."""
    raws: list[_Raw] = []
    current: _Raw | None = None
    stray_from: int | None = None
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        match = _TAG_LINE.match(line.rstrip())
        if match is None:
            if not line.strip():
                continue
            if current is not None and current.tags:  # a wrapped value continues
                tag, value, at = current.tags[-1]
                current.tags[-1] = (tag, f"{value} {line.strip()}".strip(), at)
            elif stray_from is None:
                stray_from = number
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            if stray_from is not None:
                problem(stray_from, "lines outside a record (no TY) skipped")
            if current is not None:
                problem(current.line, "record not closed by ER before the next TY", "warning")
                raws.append(current)
            current = _Raw(number, [(tag, value, number)])
            stray_from = None
        elif current is None:
            if stray_from is None:
                stray_from = number
            if tag == "ER":
                problem(stray_from, "lines outside a record (no TY) skipped")
                stray_from = None
        elif tag == "ER":
            raws.append(current)
            current = None
        else:
            current.tags.append((tag, value, number))
    if stray_from is not None:
        problem(stray_from, "lines outside a record (no TY) skipped")
    if current is not None:
        problem(current.line, "last record not closed by ER", "warning")
        raws.append(current)
    return raws


def _with_verbatim(record: Record, raw: _Raw) -> Record:
    """``record``, keeping as written every tag of ``raw`` whose lines the writer would
    change (one Verbatim per tag, the tags in the order they first appear, then the tags
    the writer would add)."""
    written = own_tags(record)
    read: dict[str, list[str]] = {}
    for tag, value, _ in raw.tags:
        read.setdefault(tag, []).append(value)
    # compared as the reader reads the writer's lines: stripped
    stripped = {tag: render_values([v.strip() for v in values]) for tag, values in written.items()}
    kept = keep_as_written(
        FORMAT,
        {tag: render_values(values) for tag, values in read.items()},
        stripped,
        known=lambda tag: rule_for(tag, record.type) is not None,
    )
    # what the writer would write, unstripped, is what it compares against when writing
    kept = [
        attrs.evolve(field, rendered=render_values(written[field.name]))
        if field.rendered and field.name in written
        else field
        for field in kept
    ]
    return attrs.evolve(record, extra=(*record.extra, *kept)) if kept else record


def person_from_ris(text: str) -> Person:
    """``Family, Given, Suffix``; a name without a comma is a family name if one word, else a
    corporate (literal) name."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) == 1:
        return Person(literal=text) if " " in text.strip() else Person(family=text)
    family_tokens = parts[0].split()
    particle: list[str] = []
    while len(family_tokens) > 1 and family_tokens[0].islower():
        particle.append(family_tokens.pop(0))
    return Person(
        family=" ".join(family_tokens),
        given=parts[1],
        particle=" ".join(particle),
        suffix=", ".join(parts[2:]),
    )


_SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?")
_MONTH_WORD = r"([A-Za-z]{3,9})\.?"
_DAY_RANGE = re.compile(r"(\d{1,2})\s*[-–]\s*(\d{1,2})\s+" + _MONTH_WORD + r",?\s+(\d{4})")
_DAY_RANGE_US = re.compile(_MONTH_WORD + r"\s+(\d{1,2})\s*[-–]\s*(\d{1,2}),?\s+(\d{4})")
_MONTH_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/?")


def _month(word: str) -> int:
    word = word.lower()
    number = MONTHS.get(word) or MONTHS.get(word[:3])
    if number is None:
        raise ValueError(f"not a month: {word!r}")
    return number


def date_from_ris(text: str) -> PartialDate:
    """``YYYY/MM/DD/other`` (EDTF in *other* wins; a time or a season there is read), or
    ISO, or a range of days ("8-12 July 2019"), or a written date."""
    text = text.strip()
    if "/" in text and re.match(r"-?\d{3,4}/", text):
        year, month, day, other = [*text.split("/", 3), "", "", ""][:4]
        other = other.strip()
        if other:
            try:
                return parse_iso(other)
            except ValueError:
                pass
        month_number = int(month) if month.strip().isdigit() and int(month) else None
        day_number = int(day) if day.strip().isdigit() and int(day) and month_number else None
        hour = minute = None
        time = _TIME.fullmatch(other)
        if time and day_number and int(time.group(1)) < 24 and int(time.group(2)) < 60:
            hour, minute = int(time.group(1)), int(time.group(2))
        season = other if month_number is None and other.lower() in _SEASONS else ""
        return PartialDate(
            int(year),
            month_number,
            day_number,
            hour,
            minute,
            circa="circa" in other.lower(),
            season=season,
        )
    if match := _DAY_RANGE.fullmatch(text):
        first, last, month, year = match.groups()
        return _day_range(int(year), _month(month), int(first), int(last))
    if match := _DAY_RANGE_US.fullmatch(text):
        month, first, last, year = match.groups()
        return _day_range(int(year), _month(month), int(first), int(last))
    try:
        return parse_iso(text.replace(" ", "T", 1)[:16] if len(text) > 10 else text)
    except ValueError:
        return parse_written(text)


def _day_range(year: int, month: int, first: int, last: int) -> PartialDate:
    if first == last:
        return PartialDate(year, month, first)
    return PartialDate(year, month, first, end_year=year, end_month=month, end_day=last)


def _in_year(text: str, year: int) -> PartialDate | None:
    """A ``DA`` without a year ("Jun", "July 1", "03/17", "Winter") in the year of ``PY``."""
    text = text.strip()
    if match := _MONTH_DAY.fullmatch(text):
        return PartialDate(year, int(match.group(1)), int(match.group(2)))
    if text.lower() in _SEASONS:
        return PartialDate(year, season=text)
    found = parse_written(f"{text} {year}")
    return found if found.year == year else None


def _issued(raw: _Raw, warn: Callable[[str], None]) -> PartialDate | None:
    """The date: ``DA``, read with the year of ``PY`` (or ``Y1``) when it has none."""
    written, year_text = raw.first("DA"), raw.first("PY", "Y1")
    year: PartialDate | None = None
    if year_text:
        try:
            year = date_from_ris(year_text)
        except ValueError:
            if not written:
                warn(f"date {year_text!r} not read")
    if written:
        try:
            return date_from_ris(written)
        except ValueError:
            pass
        if year is not None and year.year is not None:
            try:
                found = _in_year(written, year.year)
            except ValueError:
                found = None
            if found is not None:
                return found
            warn(f"date {written!r} not read; the year of PY kept")
            return year
        warn(f"date {written!r} not read")
    return year


def _standard_number(value: str, record_type: RecordType) -> tuple[str, str]:
    """The field an ``SN`` value belongs to (isbn, issn or number) and the number itself."""
    number = _SN_QUALIFIER.sub("", value).strip() or value
    label = _SN_LABEL.match(number)
    if label:
        number = number[label.end() :].strip() or number
        return label.group(1).lower(), number
    digits = re.sub(r"[\s-]", "", number)
    if _ISSN.fullmatch(number):
        return "issn", number
    if _ISBN_DIGITS.fullmatch(digits):
        return "isbn", number
    if record_type in _NUMBER_TYPES:
        return "number", number
    return ("issn" if record_type in _ISSN_TYPES else "isbn"), number


def _record_type(raw: _Raw, warn: Callable[[str], None]) -> RecordType:
    ris_type = raw.first("TY")
    record_type = READ_TYPES.get(ris_type)
    if record_type is None:
        warn(f"unknown RIS type {ris_type!r}, read as a document")
        return RecordType.DOCUMENT
    if ris_type in INTERVIEW_TYPES and raw.values("A2"):
        return RecordType.INTERVIEW
    return record_type


def _fields(raw: _Raw, record_type: RecordType, warn: Callable[[str], None]) -> dict[str, Any]:
    """The record's fields from the tags of ``raw`` (a ValueError for an impossible name)."""
    kwargs: dict[str, Any] = {}
    for field in GENERIC_FIELDS:
        tags = read_tags(field, record_type)
        if not tags:
            continue
        if field in _NAMES:
            if people := tuple(person_from_ris(v) for v in raw.values(*tags)):
                kwargs[field] = people
        elif value := raw.first(*tags):
            kwargs[field] = value
    if raw.first("TY") in EDITED_TYPES and "author" in kwargs:  # an edited book's AU: editors
        kwargs["editor"] = kwargs.pop("author") + kwargs.get("editor", ())
    if not kwargs.get("title") and kwargs.get("title_short"):
        kwargs["title"] = kwargs["title_short"]  # as Zotero: EndNote may give only ST
    if not kwargs.get("container_title") and kwargs.get("container_title_short"):
        kwargs["container_title"] = kwargs["container_title_short"]  # only an abbreviation
    for value in raw.values("SN"):
        field, number = _standard_number(value, record_type)
        kwargs.setdefault(field, number)
    start, end = raw.first("SP"), raw.first("EP")
    if record_type in COUNTED_TYPES and not end and _COUNT.fullmatch(start):
        kwargs["number_of_pages"] = start  # a book's lone SP counts its pages (Zotero)
    elif page := f"{start}-{end}" if start and end else start or end:
        kwargs["page"] = page
    if issued := _issued(raw, warn):
        kwargs["issued"] = issued
    if accessed := raw.first("Y2"):
        try:
            date = date_from_ris(accessed)
        except ValueError:
            warn(f"access date {accessed!r} not read")
        else:  # an access date is a moment: a range of days is an event's (a conference's)
            kwargs["event_date" if date.end_year is not None else "accessed"] = date
    notes = raw.values("N1")
    if original_text := raw.first("OP"):
        original = parse_original_sentence(original_text)
        if original is None:
            warn("original publication (OP) not understood; kept in the note")
            notes.insert(0, original_text)
        else:
            kwargs["original"] = original
    if notes:
        kwargs["note"] = "\n".join(notes)
    kwargs["keywords"] = tuple(
        k for value in raw.values("KW") for k in re.split(r"\s*;\s*", value) if k
    )
    return kwargs


def _record(raw: _Raw, source: str, problem: Callable[..., None]) -> Record | None:
    where = Provenance(source, raw.line)
    key = raw.first("ID")

    def warn(message: str) -> None:
        problem(raw.line, f"{key or raw.first('TY')}: {message}", "warning")

    record_type = _record_type(raw, warn)
    try:
        kwargs = _fields(raw, record_type, warn)
    except ValueError as exc:
        problem(raw.line, f"record {key or '?'} skipped: {exc}")
        return None
    kwargs["key"] = key if key and _KEY_LIKE.fullmatch(key) else _PLACEHOLDER
    if key and kwargs["key"] == _PLACEHOLDER:
        warn(f"ID {key!r} cannot be a citation key; a new key is made")
    try:
        return Record(type=record_type, appearances=(where,), **kwargs)
    except ValueError as exc:
        problem(raw.line, f"record {key or '?'} skipped: {exc}")
        return None
