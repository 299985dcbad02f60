"""CSL-JSON reader (stdlib ``json``): exports of Zotero, Mendeley, pandoc, citeproc-js.

Items are read one by one with :meth:`json.JSONDecoder.raw_decode`, so each record and each
problem carries the line its item starts on; an item that is not a valid record is reported
and skipped, and the rest still load. A file that is not JSON at all raises ParseError.

CSL-JSON has no place for an original's kind, a BibLaTeX related type or a time of day;
``original-*`` variables are read as a print-edition title (title only) or a reprint.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from pantucci_bib.dates import parse_iso, parse_written
from pantucci_bib.errors import ParseError
from pantucci_bib.formats.mapping import CSL_DATE_FIELDS, CSL_NAME_FIELDS, CSL_STRING_FIELDS
from pantucci_bib.keys import assign_keys
from pantucci_bib.model import (
    OriginalPublication,
    OriginKind,
    PartialDate,
    Person,
    Provenance,
    Record,
    RecordType,
    Relation,
    RelationKind,
)
from pantucci_bib.problems import ParseResult, Problem

#: CSL types the model has no type for, read as the nearest one.
CSL_TYPE_ALIASES: dict[str, RecordType] = {
    "article": RecordType.DOCUMENT,
    "manuscript": RecordType.DOCUMENT,
    "paper-conference": RecordType.CHAPTER,
    "entry": RecordType.CHAPTER,
    "entry-dictionary": RecordType.CHAPTER,
    "entry-encyclopedia": RecordType.CHAPTER,
    "thesis": RecordType.REPORT,
    "post": RecordType.WEBPAGE,
    "periodical": RecordType.ARTICLE_JOURNAL,
    "review": RecordType.ARTICLE_JOURNAL,
    "review-book": RecordType.ARTICLE_JOURNAL,
    "personal_communication": RecordType.DOCUMENT,
    "broadcast": RecordType.DOCUMENT,
    "dataset": RecordType.DOCUMENT,
    "software": RecordType.DOCUMENT,
    "standard": RecordType.DOCUMENT,
    "legislation": RecordType.DOCUMENT,
    "legal_case": RecordType.DOCUMENT,
}

_KEY_LIKE = re.compile(r"[^\s,{}\"#%'()=\\~]+")


def read_csl_json(text: str, source: str) -> ParseResult:
    """Records from a CSL-JSON array (or a single item object)."""
    records: list[Record] = []
    problems: list[Problem] = []
    unkeyed: list[tuple[int, Record]] = []
    for line, item in _items(text.removeprefix("\ufeff"), source):
        where = Provenance(source, line)
        if not isinstance(item, Mapping):
            problems.append(Problem(where, "item skipped: not a JSON object"))
            continue
        if "id" not in item and "type" not in item:
            problems.append(Problem(where, "item skipped: not a CSL item (no 'id', no 'type')"))
            continue
        messages: list[str] = []
        try:
            record, keyed = _record(item, where, messages)
        except (ValueError, TypeError, KeyError) as exc:
            label = item.get("id", "?")
            problems.append(Problem(where, f"item {label!r} skipped: {exc}"))
            continue
        problems.extend(Problem(where, message, "warning") for message in messages)
        if not keyed:
            unkeyed.append((len(records), record))
        records.append(record)
    if unkeyed:
        taken = {r.key for r in records if r.key != _PLACEHOLDER}
        keys = assign_keys([record for _, record in unkeyed], taken)
        for (index, record), key in zip(unkeyed, keys, strict=True):
            records[index] = _rekey(record, key)
            problems.append(
                Problem(record.appearances[0], f"item has no usable id; keyed {key!r}", "warning")
            )
    return ParseResult(records, sorted(problems, key=lambda p: p.where.line))


_PLACEHOLDER = "unkeyed"


def _rekey(record: Record, key: str) -> Record:
    import attrs

    return attrs.evolve(record, key=key)


def _items(text: str, source: str) -> Iterator[tuple[int, Any]]:
    """(line, item) for each element of the top-level array, parsed one at a time."""
    decoder = json.JSONDecoder()
    index = _skip_space(text, 0)
    try:
        if text.startswith("{", index):
            item, _ = decoder.raw_decode(text, index)
            yield _line(text, index), item
            return
        if not text.startswith("[", index):
            raise ParseError("expected a JSON array of CSL items", where=f"{source}:1")
        index = _skip_space(text, index + 1)
        if text.startswith("]", index):
            return
        while True:
            start = index
            item, index = decoder.raw_decode(text, index)
            yield _line(text, start), item
            index = _skip_space(text, index)
            if text.startswith(",", index):
                index = _skip_space(text, index + 1)
            elif text.startswith("]", index):
                return
            else:
                raise ParseError(
                    "expected ',' or ']' after an item", where=f"{source}:{_line(text, index)}"
                )
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", where=f"{source}:{exc.lineno}") from exc
    except RecursionError:  # json's decoder recurses once per nested array or object
        raise ParseError(
            "JSON nested too deeply to be CSL-JSON", where=f"{source}:{_line(text, index)}"
        ) from None


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _string(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise TypeError(f"expected text, got {value!r}")
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    if not _encodable(value):
        raise ValueError(f"text with an unpaired surrogate escape: {value!r}")
    return value


def _encodable(text: str) -> bool:
    """False for text holding a lone surrogate (JSON's ``"\\ud800"``), which no output can
    encode."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def person_from_csl(name: Mapping[str, Any]) -> Person:
    """A Person from a CSL name object."""
    if not isinstance(name, Mapping):
        raise TypeError(f"expected a name object, got {name!r}")
    if name.get("literal"):
        return Person(literal=_string(name["literal"]))
    family = _string(name.get("family", ""))
    given = _string(name.get("given", ""))
    if not family:  # a name with only a given part ("Madonna") is a literal
        return Person(literal=given)
    particle = _string(name.get("non-dropping-particle", ""))
    particle = particle or _string(name.get("dropping-particle", ""))
    return Person(
        family=family,
        given=given,
        particle=particle,
        suffix=_string(name.get("suffix", "")),
        family_first=bool(name.get("static-ordering", False)),
    )


def _people(value: Any, variable: str) -> tuple[Person, ...]:
    """The people of a name variable, which must be a list of name objects."""
    if not isinstance(value, list):
        raise TypeError(f"{variable}: expected a list of name objects, got {value!r}")
    return tuple(person_from_csl(name) for name in value)


def _date_part(value: Any) -> int:
    """One number of ``date-parts``: an integer, or a string or float holding one."""
    if isinstance(value, bool):
        raise TypeError(f"expected a number in date-parts, got {value!r}")
    try:
        return int(value)
    except OverflowError:  # int(float("inf")): JSON's 1e999 or Infinity
        raise ValueError(f"not a number of a date: {value!r}") from None


def date_from_csl(value: Any) -> PartialDate:
    """A PartialDate from a CSL date object (``date-parts``, ``raw``/``literal``, ``circa``)."""
    if isinstance(value, str):
        value = {"raw": value}
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a date object, got {value!r}")
    circa = value.get("circa") not in (None, False, 0, "", "false")
    parts = value.get("date-parts")
    if parts:
        if not isinstance(parts, list) or not all(isinstance(part, list) for part in parts):
            raise TypeError(f"date-parts: expected a list of lists of numbers, got {parts!r}")
        start = [_date_part(p) for p in parts[0]]
        end = [_date_part(p) for p in parts[1]] if len(parts) > 1 else []
        if not start:
            raise ValueError("a date without a year")
        year = start[0]
        month = start[1] if len(start) > 1 else None
        day = start[2] if len(start) > 2 else None
        if end and end != start[: len(end)]:
            if day is not None or len(end) > 2:
                raise ValueError("a range of days (the model keeps ranges of years or months)")
            end_month = end[1] if len(end) > 1 and month is not None else None
            return PartialDate(year, month, end_year=end[0], end_month=end_month, circa=circa)
        return PartialDate(year, month, day, circa=circa)
    raw = _string(value.get("raw") or value.get("literal") or "")
    try:
        return parse_iso(raw, circa=circa)
    except ValueError:
        found = parse_written(raw)
        return PartialDate(found.year, found.month, found.day, circa=circa, as_written=raw)


def _record(item: Mapping[str, Any], where: Provenance, messages: list[str]) -> tuple[Record, bool]:
    """The record of one item, and whether its id could serve as the key."""
    kwargs: dict[str, Any] = {}
    raw_id = item.get("id")
    key = str(raw_id) if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else ""
    keyed = bool(key) and bool(_KEY_LIKE.fullmatch(key)) and _encodable(key)
    kwargs["key"] = key if keyed else _PLACEHOLDER

    csl_type = _string(item.get("type", ""))
    try:
        kwargs["type"] = RecordType(csl_type)
    except ValueError:
        kwargs["type"] = CSL_TYPE_ALIASES.get(csl_type, RecordType.DOCUMENT)
        if csl_type not in CSL_TYPE_ALIASES:
            messages.append(f"unknown CSL type {csl_type!r}, read as a document")
    for attr, variable in CSL_NAME_FIELDS.items():
        if variable in item:
            kwargs[attr] = _people(item[variable], variable)
    for attr, variable in CSL_STRING_FIELDS.items():
        if variable in item:
            kwargs[attr] = _string(item[variable])
    for attr, variable in CSL_DATE_FIELDS.items():
        if variable in item:
            try:
                kwargs[attr] = date_from_csl(item[variable])
            except (ValueError, TypeError) as exc:
                messages.append(f"{variable} not read: {exc}")
    original = _original(item, messages)
    if original is not None:
        kwargs["original"] = original
    if keyword := item.get("keyword"):
        kwargs["keywords"] = tuple(
            k.strip() for k in re.split(r"[,;]", _string(keyword)) if k.strip()
        )
    if references := item.get("references"):
        cited = [k.strip() for k in _string(references).split(";") if k.strip()]
        if all(_KEY_LIKE.fullmatch(k) for k in cited):
            kwargs["relations"] = tuple(Relation(RelationKind.CITES, k) for k in cited)
        else:
            messages.append("'references' is not a list of keys; not read")
    kwargs["appearances"] = (where,)
    return Record(**kwargs), keyed


def _original(item: Mapping[str, Any], messages: list[str]) -> OriginalPublication | None:
    title = _string(item.get("original-title", ""))
    publisher = _string(item.get("original-publisher", ""))
    author = _people(item.get("original-author", []), "original-author")
    issued = None
    if "original-date" in item:
        try:
            issued = date_from_csl(item["original-date"])
        except (ValueError, TypeError) as exc:
            messages.append(f"original-date not read: {exc}")
    if not (title or publisher or author or issued):
        return None
    only_title = not (publisher or author or issued)
    return OriginalPublication(
        OriginKind.PRINT_TITLE if only_title else OriginKind.REPRINT,
        title=title,
        publisher=publisher,
        issued=issued,
        author=author,
    )
