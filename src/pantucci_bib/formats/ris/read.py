"""RIS reader: exports of EndNote, Mendeley, Zotero, RefWorks and our RIS writer.

A small reader of our own rather than rispy: RIS is one ``TAG  - value`` per line, and
reading it here keeps the line of every record and every problem (rispy returns neither),
and maps tags the way Zotero's RIS translator does (``A2`` is an interview's interviewer,
an editor elsewhere; ``T2`` the outlet; ``DA`` over ``PY``).

A record runs from ``TY`` to ``ER``. Lines outside a record are reported and skipped;
a record that never reaches ``ER`` is read with a warning; a record that cannot make a
valid Record (no usable date, bad key …) is reported with its line and skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

from pantucci_bib.dates import parse_iso, parse_written
from pantucci_bib.formats.bibtex.read import parse_original_sentence
from pantucci_bib.formats.mapping import TYPES
from pantucci_bib.keys import assign_keys
from pantucci_bib.model import PartialDate, Person, Provenance, Record, RecordType
from pantucci_bib.problems import ParseResult, Problem

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$")
_KEY_LIKE = re.compile(r"[^\s,{}\"#%'()=\\~]+")

#: RIS reference types → RecordType: ours first (from the mapping table), then common others.
RIS_TYPES: dict[str, RecordType] = {
    "ABST": RecordType.ARTICLE_JOURNAL,
    "EJOUR": RecordType.ARTICLE_JOURNAL,
    "INPR": RecordType.ARTICLE_JOURNAL,
    "JFULL": RecordType.ARTICLE_JOURNAL,
    "EBOOK": RecordType.BOOK,
    "EDBOOK": RecordType.BOOK,
    "ECHAP": RecordType.CHAPTER,
    "CONF": RecordType.CHAPTER,
    "CPAPER": RecordType.CHAPTER,
    "ENCYC": RecordType.CHAPTER,
    "DICT": RecordType.CHAPTER,
    "THES": RecordType.REPORT,
    "GOVDOC": RecordType.REPORT,
    "ICOMM": RecordType.WEBPAGE,
    "WEB": RecordType.WEBPAGE,
    "SLIDE": RecordType.SPEECH,
    "PCOMM": RecordType.DOCUMENT,
    "UNPB": RecordType.DOCUMENT,
    "MANSCPT": RecordType.DOCUMENT,
}
RIS_TYPES.update({mapping.ris: record_type for record_type, mapping in TYPES.items()})
RIS_TYPES["GEN"] = RecordType.DOCUMENT  # interviews share it: A2 (interviewer) tells them apart
_INTERVIEW_TYPES = frozenset({"GEN", "PCOMM"})  # where A2 names the interviewer


@attrs.define
class _Raw:
    line: int
    tags: list[tuple[str, str, int]] = attrs.field(factory=list)

    def values(self, *tags: str) -> list[str]:
        return [value for tag, value, _ in self.tags if tag in tags and value]

    def first(self, *tags: str) -> str:
        for wanted in tags:  # in order of preference
            for tag, value, _ in self.tags:
                if tag == wanted and value:
                    return value
        return ""


def read_ris(text: str, source: str) -> ParseResult:
    """Records from a RIS file."""
    problems: list[Problem] = []

    def problem(line: int, message: str, severity: str = "error") -> None:
        problems.append(Problem(Provenance(source, line), message, severity))

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

    records: list[Record] = []
    unkeyed: list[int] = []
    for raw in raws:
        record = _record(raw, source, problem)
        if record is None:
            continue
        if record.key == _PLACEHOLDER:
            unkeyed.append(len(records))
        records.append(record)
    if unkeyed:
        taken = {r.key for r in records if r.key != _PLACEHOLDER}
        keys = assign_keys([records[i] for i in unkeyed], taken)
        for index, key in zip(unkeyed, keys, strict=True):
            records[index] = attrs.evolve(records[index], key=key)
    return ParseResult(records, sorted(problems, key=lambda p: p.where.line))


_PLACEHOLDER = "unkeyed"


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


def date_from_ris(text: str) -> PartialDate:
    """``YYYY/MM/DD/other`` (EDTF in *other* wins), or ISO, or a written date."""
    text = text.strip()
    if "/" in text and re.match(r"\d{4}/", text):
        year, month, day, other = [*text.split("/", 3), "", "", ""][:4]
        other = other.strip()
        if other:
            try:
                return parse_iso(other)
            except ValueError:
                pass
        return PartialDate(
            int(year),
            int(month) if month.strip().isdigit() and int(month) else None,
            int(day) if day.strip().isdigit() and int(day) and month.strip() else None,
            circa="circa" in other.lower(),
        )
    try:
        return parse_iso(text.replace(" ", "T", 1)[:16] if len(text) > 10 else text)
    except ValueError:
        return parse_written(text)


def _record(raw: _Raw, source: str, problem: Callable[..., None]) -> Record | None:
    where = Provenance(source, raw.line)
    ris_type = raw.first("TY")
    key = raw.first("ID")

    def warn(message: str) -> None:
        problem(raw.line, f"{key or ris_type}: {message}", "warning")

    record_type = RIS_TYPES.get(ris_type)
    if record_type is None:
        warn(f"unknown RIS type {ris_type!r}, read as a document")
        record_type = RecordType.DOCUMENT
    kwargs: dict[str, Any] = {}
    try:
        people = {tag: tuple(person_from_ris(v) for v in raw.values(tag)) for tag in _NAME_TAGS}
        if ris_type in _INTERVIEW_TYPES and people["A2"]:
            kwargs["interviewer"] = people["A2"]
            if record_type is RecordType.DOCUMENT:
                record_type = RecordType.INTERVIEW
            editors = people["ED"] + people["A3"]
        else:
            editors = people["ED"] + people["A2"] + people["A3"]
        kwargs["author"] = people["AU"] + people["A1"]
        kwargs["editor"] = editors
        kwargs["translator"] = people["A4"]
    except ValueError as exc:
        problem(raw.line, f"record {key or '?'} skipped: {exc}")
        return None
    kwargs["title"] = raw.first("TI", "T1", "CT", "ST")
    kwargs["container_title"] = raw.first("T2", "JF", "JO", "JA", "BT", "J2")
    for attr, tag in (
        ("section", "SE"),
        ("genre", "M3"),
        ("publisher", "PB"),
        ("publisher_place", "CY"),
        ("volume", "VL"),
        ("issue", "IS"),
        ("language", "LA"),
        ("doi", "DO"),
        ("isbn", "SN"),
    ):
        kwargs[attr] = raw.first(tag)
    kwargs["url"] = raw.first("UR", "L2")
    kwargs["standfirst"] = raw.first("AB", "N2")
    start, end = raw.first("SP"), raw.first("EP")
    kwargs["page"] = f"{start}-{end}" if start and end else start or end
    date_text = raw.first("DA", "PY", "Y1")
    if date_text:
        try:
            kwargs["issued"] = date_from_ris(date_text)
        except ValueError:
            warn(f"date {date_text!r} not read")
    if accessed := raw.first("Y2"):
        try:
            kwargs["accessed"] = date_from_ris(accessed)
        except ValueError:
            warn(f"access date {accessed!r} not read")
    notes = raw.values("N1")
    if original_text := raw.first("OP"):
        original = parse_original_sentence(original_text)
        if original is None:
            warn("original publication (OP) not understood; kept in the note")
            notes.insert(0, original_text)
        else:
            kwargs["original"] = original
    kwargs["note"] = "\n".join(notes)
    kwargs["keywords"] = tuple(
        k for value in raw.values("KW") for k in re.split(r"\s*;\s*", value) if k
    )
    kwargs["key"] = key if key and _KEY_LIKE.fullmatch(key) else _PLACEHOLDER
    if key and kwargs["key"] == _PLACEHOLDER:
        warn(f"ID {key!r} cannot be a citation key; a new key is made")
    try:
        return Record(type=record_type, appearances=(where,), **kwargs)
    except ValueError as exc:
        problem(raw.line, f"record {key or '?'} skipped: {exc}")
        return None


_NAME_TAGS = ("AU", "A1", "A2", "A3", "A4", "ED")
