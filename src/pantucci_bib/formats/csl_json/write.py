"""CSL-JSON writer: the input of citeproc-py, citeproc-js, pandoc and Zotero.

Every record field is written under its CSL variable (:mod:`.mapping`); fields a CSL-JSON
file carried beyond what the model reads are written back as they were
(:class:`~pantucci_bib.model.Verbatim`), so CSL-JSON → records → CSL-JSON loses nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable
from typing import Any

from pantucci_bib.formats.csl_json.mapping import DATES, NAMES, TEXT
from pantucci_bib.formats.verbatim import stands_for
from pantucci_bib.model import PartialDate, Person, Record, RelationKind

FORMAT = "csl-json"


def csl_name(person: Person) -> dict[str, Any]:
    """A CSL name object; family-first names get ``static-ordering``."""
    if person.literal:
        return {"literal": person.literal}
    name: dict[str, Any] = {}
    if person.family:
        name["family"] = person.family
    if person.given:
        name["given"] = person.given
    if person.dropping_particle:
        name["dropping-particle"] = person.dropping_particle
    if person.particle:
        name["non-dropping-particle"] = person.particle
    if person.suffix:
        name["suffix"] = person.suffix
    if person.comma_suffix:
        name["comma-suffix"] = True
    if person.family_first:
        name["static-ordering"] = True
    return name


def csl_date(date: PartialDate) -> dict[str, Any]:
    """A CSL date object (``date-parts``, a range as two parts, ``season``, ``circa``,
    ``literal``)."""
    if date.year is None:
        return {"literal": date.literal}
    parts: list[int] = [date.year]
    if date.month is not None:
        parts.append(date.month)
        if date.day is not None:
            parts.append(date.day)
    value: dict[str, Any] = {"date-parts": [parts]}
    if date.end_year is not None:
        end = [date.end_year]
        if date.end_month is not None:
            end.append(date.end_month)
            if date.end_day is not None:
                end.append(date.end_day)
        value["date-parts"].append(end)
    if date.season:
        value["season"] = date.season
    if date.circa:
        value["circa"] = True
    if date.literal:
        value["literal"] = date.literal
    return value


def own_item(record: Record, present: Collection[str] | None = None) -> dict[str, Any]:
    """The CSL-JSON item the model itself makes of ``record`` (no verbatim fields)."""
    item: dict[str, Any] = {"id": record.key, "type": record.type.value}
    _own_fields(record, item)
    if original := record.original:
        if original.title:
            item["original-title"] = original.title
        if original.author:
            item["original-author"] = [csl_name(p) for p in original.author]
        if original.issued:
            item["original-date"] = csl_date(original.issued)
        if publisher := original.publisher or original.container_title:
            item["original-publisher"] = publisher
        if original.publisher_place:
            item["original-publisher-place"] = original.publisher_place
    if record.keywords:
        item["keyword"] = ", ".join(record.keywords)
    cited = [k for k in record.related(RelationKind.CITES) if present is None or k in present]
    if cited:
        item["references"] = "; ".join(cited)
    return item


def _fields_writer() -> Callable[[Record, dict[str, Any]], None]:
    """``own_fields(record, item)``, which puts each name, text and date variable the record
    has into ``item``, in the table's order. Written out as code, one attribute read a field:
    a loop of ``getattr`` over the ~90 fields was most of the time of :func:`own_item`, which
    every export and every formatted entry calls."""
    lines = ["def own_fields(record, item):"]
    for variable, attr in NAMES.items():
        lines += [f"    if v := record.{attr}:", f"        item[{variable!r}] = list(map(name, v))"]
    for variable, attr in TEXT.items():
        lines += [f"    if v := record.{attr}:", f"        item[{variable!r}] = v"]
    for variable, attr in DATES.items():
        lines += [f"    if v := record.{attr}:", f"        item[{variable!r}] = date(v)"]
    namespace: dict[str, Any] = {"name": csl_name, "date": csl_date}
    exec("\n".join(lines), namespace)
    writer: Callable[[Record, dict[str, Any]], None] = namespace["own_fields"]
    return writer


_own_fields = _fields_writer()


def canonical(value: Any) -> str:
    """The JSON text two values are compared by (keys sorted, no spaces)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def csl_item(
    record: Record, present: Collection[str] | None = None, *, decoded: bool = False
) -> dict[str, Any]:
    """One record as a CSL-JSON item: the model's variables in a fixed order, then what the
    file it came from held as written.

    ``references`` lists the keys of the cited records, those in ``present`` (the keys
    written alongside) when it is given. With ``decoded`` (the item a CSL processor renders),
    a variable the model holds is the model's reading of it, not the text as written
    (``["2000", "", ""]`` is the year 2000); variables the model has no place for, or could
    not read, are still given as written.
    """
    item = own_item(record, present)
    for field in record.extra:
        if field.format != FORMAT or (decoded and field.name in item):
            continue
        if not stands_for(field, canonical(item[field.name]) if field.name in item else None):
            continue
        if field.value is None:
            item.pop(field.name, None)
        else:
            item[field.name] = json.loads(field.value)
    return item


def emit_csl_json(records: Iterable[Record]) -> str:
    """Records as a CSL-JSON array (UTF-8, two-space indent, newline-terminated)."""
    records = list(records)
    present = {r.key for r in records}
    items = [csl_item(r, present) for r in records]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
