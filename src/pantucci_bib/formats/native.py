"""The project's own JSON form of a Record: the bundled corpus is stored in it.

It is the model written out field by field (nothing is lost, provenance included), in a
fixed key order so that the file diffs cleanly.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from pantucci_bib.dates import parse_iso
from pantucci_bib.errors import ParseError
from pantucci_bib.formats.people import PERSON
from pantucci_bib.model import (
    OriginalPublication,
    PartialDate,
    Person,
    Provenance,
    Record,
    RecordType,
    Relation,
    Verbatim,
)
from pantucci_bib.model_build import builder
from pantucci_bib.vocabulary import DATE_FIELDS, NAME_FIELDS, TEXT_FIELDS

_PEOPLE = ("author", "interviewer", "editor", "translator")
_STRINGS = (
    "standfirst",
    "genre",
    "container_title",
    "section",
    "publisher",
    "publisher_place",
    "volume",
    "issue",
    "page",
    "language",
    "url",
    "doi",
    "isbn",
    "note",
)
_DATES = ("issued", "updated", "accessed")
# the fields the first corpus files held keep their place; every other CSL field follows them
_MORE_PEOPLE = tuple(name for name in NAME_FIELDS if name not in _PEOPLE)
_MORE_DATES = tuple(name for name in DATE_FIELDS if name not in _DATES)
_MORE_STRINGS = tuple(name for name in TEXT_FIELDS if name not in (*_STRINGS, "title"))
# what record_from_dict looks for (a set: only the fields a record has are visited)
_PEOPLE_SET = frozenset((*_PEOPLE, *_MORE_PEOPLE))
_STRINGS_SET = frozenset((*_STRINGS, *_MORE_STRINGS))
_DATES_SET = frozenset((*_DATES, *_MORE_DATES))


def person_to_dict(person: Person) -> dict[str, Any]:
    if person.literal:
        return {"literal": person.literal}
    out: dict[str, Any] = {"family": person.family}
    if not person.family:
        del out["family"]
    for name in ("given", "particle", "suffix", "dropping_particle"):
        if value := getattr(person, name):
            out[name] = value
    if person.family_first:
        out["family_first"] = True
    if person.comma_suffix:
        out["comma_suffix"] = True
    return out


def person_from_dict(data: Mapping[str, Any]) -> Person:
    return _person(
        data.get("family", ""),
        data.get("given", ""),
        data.get("particle", ""),
        data.get("suffix", ""),
        data.get("literal", ""),
        bool(data.get("family_first", False)),
        data.get("dropping_particle", ""),
        bool(data.get("comma_suffix", False)),
    )


# People and dates recur across a library (one author in every record): each distinct value
# is built once and shared, which is safe since the model's classes are frozen.
@functools.lru_cache(maxsize=4096)
def _person(
    family: str,
    given: str,
    particle: str,
    suffix: str,
    literal: str,
    family_first: bool,
    dropping_particle: str,
    comma_suffix: bool,
) -> Person:
    return PERSON.build(
        [family, given, particle, suffix, literal, family_first, dropping_particle, comma_suffix]
    )


def date_to_dict(date: PartialDate) -> dict[str, Any]:
    out: dict[str, Any] = {"value": date.iso()} if date.year is not None else {}
    if date.season:
        out["season"] = date.season
    if date.literal:
        out["literal"] = date.literal
    if date.circa:
        out["approximate"] = True
    if date.as_written:
        out["as_written"] = date.as_written
    if date.reason:
        out["reason"] = date.reason
    return out


def date_from_dict(data: Mapping[str, Any]) -> PartialDate:
    return _date(
        str(data.get("value", "")),
        bool(data.get("approximate", False)),
        data.get("as_written", ""),
        data.get("reason", ""),
        str(data.get("season", "")),
        data.get("literal", ""),
    )


@functools.lru_cache(maxsize=4096)
def _date(
    value: str, circa: bool, as_written: str, reason: str, season: str, literal: str
) -> PartialDate:
    if not value:
        return PartialDate(literal=literal, circa=circa, as_written=as_written, reason=reason)
    date = parse_iso(value, circa=circa, as_written=as_written, reason=reason)
    if season or literal:
        date = attrs.evolve(date, season=season, literal=literal)
    return date


def record_to_dict(record: Record) -> dict[str, Any]:
    """A Record as plain JSON-able data, in a fixed key order."""
    out: dict[str, Any] = {"key": record.key, "type": record.type.value, "title": record.title}
    for name in _PEOPLE:
        if people := getattr(record, name):
            out[name] = [person_to_dict(p) for p in people]
    for name in _STRINGS[:5]:
        if value := getattr(record, name):
            out[name] = value
    for name in _DATES:
        if value := getattr(record, name):
            out[name] = date_to_dict(value)
    for name in _STRINGS[5:]:
        if value := getattr(record, name):
            out[name] = value
    for name in _MORE_PEOPLE:
        if people := getattr(record, name):
            out[name] = [person_to_dict(p) for p in people]
    for name in _MORE_DATES:
        if value := getattr(record, name):
            out[name] = date_to_dict(value)
    for name in _MORE_STRINGS:
        if value := getattr(record, name):
            out[name] = value
    if record.original:
        out["original"] = _original_to_dict(record.original)
    if record.keywords:
        out["keywords"] = list(record.keywords)
    if record.relations:
        out["relations"] = [_relation_to_dict(r) for r in record.relations]
    if record.extra:
        out["extra"] = [_verbatim_to_dict(v) for v in record.extra]
    if record.appearances:
        out["appearances"] = [_provenance_to_dict(p) for p in record.appearances]
    return out


def record_from_dict(data: Mapping[str, Any], *, where: str = "") -> Record:
    """Build a Record from :func:`record_to_dict` output; raise ParseError naming ``where``."""
    try:
        return _read_record(data)
    except Exception:  # the checked reading gives the same record, or the error to report
        return _read_record_checked(data, where)


def _read_record_checked(data: Mapping[str, Any], where: str) -> Record:
    """:func:`record_from_dict` through Record's own constructor (which converts, validates)."""
    try:
        kwargs: dict[str, Any] = {
            "key": data["key"],
            "type": data["type"],
            "title": data["title"],
        }
        present = data.keys()
        for name in _PEOPLE_SET & present:
            kwargs[name] = tuple(person_from_dict(p) for p in data[name])
        for name in _STRINGS_SET & present:
            kwargs[name] = data[name]
        for name in _DATES_SET & present:
            kwargs[name] = date_from_dict(data[name])
        if "original" in data:
            kwargs["original"] = _original_from_dict(data["original"])
        kwargs["keywords"] = tuple(data.get("keywords", ()))
        kwargs["relations"] = tuple(
            Relation(r["kind"], r["key"], tuple(r.get("note_numbers", ())))
            for r in data.get("relations", ())
        )
        kwargs["extra"] = tuple(
            Verbatim(v["format"], v["name"], v.get("value"), v.get("rendered"))
            for v in data.get("extra", ())
        )
        kwargs["appearances"] = tuple(
            Provenance(p["source"], int(p.get("line", 0)), p.get("note_number"))
            for p in data.get("appearances", ())
        )
        return Record(**kwargs)
    except (KeyError, TypeError, ValueError) as exc:
        key = data.get("key", "?") if isinstance(data, Mapping) else "?"
        raise ParseError(f"record {key!r}: {exc}", where=where) from exc


#: Record's fields by place; the loader hands over tuples and a RecordType (see _read_record).
_RECORD = builder(
    Record,
    converted=(
        "type",
        *_PEOPLE_SET,
        "keywords",
        "relations",
        "extra",
        "appearances",
        "field_sources",
    ),
)
_TYPES = {member.value: member for member in RecordType}
_KEY, _TYPE, _TITLE = (_RECORD.index[name] for name in ("key", "type", "title"))
_TEXT, _NAMES, _DATE, _OTHER = range(4)
#: what _read_record does with each key of a record it knows: (what it holds, field's place)
_PLACES: dict[str, tuple[int, int]] = {
    **{name: (_TEXT, _RECORD.index[name]) for name in _STRINGS_SET},
    **{name: (_NAMES, _RECORD.index[name]) for name in _PEOPLE_SET},
    **{name: (_DATE, _RECORD.index[name]) for name in _DATES_SET},
    **{
        name: (_OTHER, _RECORD.index[name])
        for name in ("original", "keywords", "relations", "extra", "appearances")
    },
}


def _read_record(data: Mapping[str, Any]) -> Record:
    """:func:`_read_record_checked`'s record, built from values already in the form Record's
    converters give (tuples, a RecordType) and without a keyword argument per field: reading
    10,000 records took about half the time. Any error is left to the checked reading."""
    values = list(_RECORD.defaults)
    values[_KEY] = data["key"]
    values[_TYPE] = _TYPES[data["type"]]
    values[_TITLE] = data["title"]
    for name, value in data.items():
        if (place := _PLACES.get(name)) is None:
            continue
        what, index = place
        if what == _TEXT:
            values[index] = value
        elif what == _NAMES:
            values[index] = tuple(map(person_from_dict, value))
        elif what == _DATE:
            values[index] = date_from_dict(value)
        elif name == "original":
            values[index] = _original_from_dict(value)
        elif name == "keywords":
            values[index] = tuple(value)
        elif name == "relations":
            values[index] = tuple(
                Relation(r["kind"], r["key"], tuple(r.get("note_numbers", ()))) for r in value
            )
        elif name == "extra":
            values[index] = tuple(
                Verbatim(v["format"], v["name"], v.get("value"), v.get("rendered")) for v in value
            )
        else:
            values[index] = tuple(
                Provenance(p["source"], int(p.get("line", 0)), p.get("note_number")) for p in value
            )
    return _RECORD.build(values)


def _original_to_dict(original: OriginalPublication) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": original.kind.value}
    for name in (
        "title",
        "container_title",
        "publisher",
        "language",
        "related_key",
        "publisher_place",
    ):
        if value := getattr(original, name):
            out[name] = value
    if original.author:
        out["author"] = [person_to_dict(p) for p in original.author]
    if original.issued:
        out["issued"] = date_to_dict(original.issued)
    return out


def _original_from_dict(data: Mapping[str, Any]) -> OriginalPublication:
    return OriginalPublication(
        kind=data["kind"],
        title=data.get("title", ""),
        container_title=data.get("container_title", ""),
        publisher=data.get("publisher", ""),
        issued=date_from_dict(data["issued"]) if "issued" in data else None,
        language=data.get("language", ""),
        author=tuple(person_from_dict(p) for p in data.get("author", ())),
        related_key=data.get("related_key", ""),
        publisher_place=data.get("publisher_place", ""),
    )


def _verbatim_to_dict(field: Verbatim) -> dict[str, Any]:
    out: dict[str, Any] = {"format": field.format, "name": field.name, "value": field.value}
    if field.rendered is not None:
        out["rendered"] = field.rendered
    return out


def _relation_to_dict(relation: Relation) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": relation.kind.value, "key": relation.key}
    if relation.note_numbers:
        out["note_numbers"] = list(relation.note_numbers)
    return out


def _provenance_to_dict(provenance: Provenance) -> dict[str, Any]:
    out: dict[str, Any] = {"source": provenance.source, "line": provenance.line}
    if provenance.note_number is not None:
        out["note_number"] = provenance.note_number
    return out


def dumps(records: Iterable[Record]) -> str:
    """Records as the project's JSON text (deterministic, UTF-8, newline-terminated)."""
    data = [record_to_dict(r) for r in records]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def loads(text: str, *, where: str = "") -> list[Record]:
    """Records from the project's JSON text."""
    from pantucci_bib.formats.registry import collection_paused

    with collection_paused():
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ParseError(f"invalid JSON: {exc.msg}", where=f"{where}:{exc.lineno}") from exc
        if not isinstance(data, list):
            raise ParseError("expected a JSON list of records", where=where)
        records = _read_records(data, where)
        del data  # freed now, the JSON values are not scanned by the collector when it resumes
    return records


def _read_records(data: list[Any], where: str) -> list[Record]:
    records = []
    for i, item in enumerate(data):
        try:
            records.append(_read_record(item))
        except Exception:  # as in record_from_dict; ``where`` is only made when needed
            records.append(_read_record_checked(item, f"{where}[{i}]"))
    return records
