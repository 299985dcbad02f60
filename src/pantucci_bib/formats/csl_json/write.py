"""CSL-JSON writer: the input of citeproc-py, citeproc-js, pandoc and Zotero."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from typing import Any

from pantucci_bib.formats.mapping import CSL_DATE_FIELDS, CSL_NAME_FIELDS, CSL_STRING_FIELDS
from pantucci_bib.model import PartialDate, Person, Record, RelationKind


def csl_name(person: Person) -> dict[str, Any]:
    """A CSL name object; family-first names get ``static-ordering``."""
    if person.literal:
        return {"literal": person.literal}
    name: dict[str, Any] = {"family": person.family}
    if person.given:
        name["given"] = person.given
    if person.particle:
        name["non-dropping-particle"] = person.particle
    if person.suffix:
        name["suffix"] = person.suffix
    if person.family_first:
        name["static-ordering"] = True
    return name


def csl_date(date: PartialDate) -> dict[str, Any]:
    """A CSL date object (``date-parts``; a year range as two parts; ``circa``)."""
    parts: list[int] = [date.year]
    if date.month is not None:
        parts.append(date.month)
        if date.day is not None:
            parts.append(date.day)
    value: dict[str, Any] = {"date-parts": [parts]}
    if date.end_year is not None:
        end = [date.end_year] if date.end_month is None else [date.end_year, date.end_month]
        value["date-parts"].append(end)
    if date.circa:
        value["circa"] = True
    return value


def csl_item(record: Record, present: Collection[str] | None = None) -> dict[str, Any]:
    """One record as a CSL-JSON item, keys in a fixed order.

    ``references`` lists the keys of the cited records, those in ``present`` (the keys
    written alongside) when it is given.
    """
    item: dict[str, Any] = {"id": record.key, "type": record.type.value}
    for attr, variable in CSL_NAME_FIELDS.items():
        if people := getattr(record, attr):
            item[variable] = [csl_name(p) for p in people]
    for attr, variable in CSL_STRING_FIELDS.items():
        if value := getattr(record, attr):
            item[variable] = value
    for attr, variable in CSL_DATE_FIELDS.items():
        if date := getattr(record, attr):
            item[variable] = csl_date(date)
    if original := record.original:
        if original.title:
            item["original-title"] = original.title
        if original.author:
            item["original-author"] = [csl_name(p) for p in original.author]
        if original.issued:
            item["original-date"] = csl_date(original.issued)
        if publisher := original.publisher or original.container_title:
            item["original-publisher"] = publisher
    if record.keywords:
        item["keyword"] = ", ".join(record.keywords)
    cited = [k for k in record.related(RelationKind.CITES) if present is None or k in present]
    if cited:
        item["references"] = "; ".join(cited)
    return item


def emit_csl_json(records: Iterable[Record]) -> str:
    """Records as a CSL-JSON array (UTF-8, two-space indent, newline-terminated)."""
    records = list(records)
    present = {r.key for r in records}
    items = [csl_item(r, present) for r in records]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
