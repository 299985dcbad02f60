"""CSL-JSON reader (stdlib ``json``): exports of Zotero, Mendeley, pandoc, citeproc-js.

Items are read one by one with :meth:`json.JSONDecoder.raw_decode`, so each record and each
problem carries the line its item starts on (lines are counted once, as the reader moves
on: the whole file is read in linear time). An item that is not a CSL item is reported and
skipped, and the rest still load; a file that is not JSON at all raises ParseError.

Nothing an item holds is lost: each variable is read into the record's field of that name
(:mod:`.mapping`), and wherever the writer would not give back the same JSON — a number
written as a string, a variable no CSL version has, a date the model cannot hold — the value
is kept as written (:class:`~pantucci_bib.model.Verbatim`) and the writer returns it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from pantucci_bib.dates import parse_iso, parse_written
from pantucci_bib.errors import ParseError
from pantucci_bib.formats.csl_json.mapping import (
    DATES,
    NAMES,
    READ_ALIASES,
    SEASON_MONTHS,
    TEXT,
)
from pantucci_bib.formats.csl_json.write import FORMAT, canonical, own_item
from pantucci_bib.formats.people import PERSON
from pantucci_bib.formats.verbatim import keep_as_written
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
from pantucci_bib.model_build import builder
from pantucci_bib.problems import ParseResult, Problem

_KEY_LIKE = re.compile(r"[^\s,{}\"#%()=\\~]+")
_PLACEHOLDER = "unkeyed"
_CSL_TYPES = {t.value: t for t in RecordType}


def read_csl_json(text: str, source: str) -> ParseResult:
    """Records from a CSL-JSON array (or a single item object, with a warning)."""
    records: list[Record] = []
    items: list[Mapping[str, Any]] = []
    problems: list[Problem] = []
    unkeyed: list[int] = []
    for line, item in _items(text.removeprefix("\ufeff"), source, problems):
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
            unkeyed.append(len(records))
        records.append(record)
        items.append(item)
    if unkeyed:
        taken = {r.key for r in records if r.key != _PLACEHOLDER}
        keys = assign_keys([records[index] for index in unkeyed], taken)
        for index, key in zip(unkeyed, keys, strict=True):
            record = records[index]
            records[index] = attrs.evolve(record, key=key)
            problems.append(
                Problem(record.appearances[0], f"item has no usable id; keyed {key!r}", "warning")
            )
    records = [_with_verbatim(record, item) for record, item in zip(records, items, strict=True)]
    return ParseResult(records, sorted(problems, key=lambda p: p.where.line))


def _with_verbatim(record: Record, item: Mapping[str, Any]) -> Record:
    """``record``, keeping as written every variable of ``item`` the writer would change."""
    own = own_item(record)
    # a variable whose value is the same JSON on both sides keeps nothing: only the others are
    # compared as canonical text (writing every value out was most of the time of a read)
    get = own.get
    differ = {name for name, value in item.items() if not same_json(value, get(name, _ABSENT))}
    if not differ and len(own) == len(item):  # (the same variables, each the same)
        return record
    written = {
        name: canonical(value) for name, value in own.items() if name in differ or name not in item
    }
    read = {name: canonical(value) for name, value in item.items() if name in differ}
    compared = keep_as_written(FORMAT, read, written)
    # kept with the item's own spelling (key order, spacing), not the canonical one
    kept = [
        attrs.evolve(field, value=_json(item[field.name])) if field.value is not None else field
        for field in compared
    ]
    return attrs.evolve(record, extra=(*record.extra, *kept)) if kept else record


def same_json(one: Any, other: Any) -> bool:
    """Whether two parsed JSON values are written the same by :func:`canonical` (a quick
    test: False may still be the same text, as for two NaNs; floats are never called same,
    since ``0.0 == -0.0``)."""
    kind = type(one)
    if kind is not type(other):
        return False
    if kind is str or kind is int or kind is bool or one is None:
        return bool(one == other)
    if kind is dict:
        if one.keys() != other.keys():
            return False
        for name, value in one.items():
            theirs = other[name]
            inner = type(value)
            if inner is not type(theirs):
                return False
            if inner is str or inner is int or inner is bool or value is None:  # (at once)
                if value != theirs:
                    return False
            elif not same_json(value, theirs):
                return False
        return True
    if kind is list:
        return len(one) == len(other) and all(map(same_json, one, other))
    return False  # (a float, or not JSON)


_ABSENT = object()  # what same_json is given for a variable the writer does not write


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _items(text: str, source: str, problems: list[Problem]) -> Iterator[tuple[int, Any]]:
    """(line, item) for each element of the top-level array, parsed one at a time."""
    decoder = json.JSONDecoder()
    lines = _LineCounter(text)
    index = _skip_space(text, 0)
    try:
        if text.startswith("{", index):
            item, _ = decoder.raw_decode(text, index)
            if isinstance(item, Mapping) and ("id" in item or "type" in item):
                problems.append(
                    Problem(
                        Provenance(source, 1),
                        "one CSL item, not a list of items; read as a list of one",
                        "warning",
                    )
                )
            yield lines.at(index), item
            return
        if not text.startswith("[", index):
            raise ParseError("expected a JSON array of CSL items", where=f"{source}:1")
        index = _skip_space(text, index + 1)
        if text.startswith("]", index):
            return
        while True:
            start = index
            item, index = decoder.raw_decode(text, index)
            yield lines.at(start), item
            index = _skip_space(text, index)
            if text.startswith(",", index):
                index = _skip_space(text, index + 1)
            elif text.startswith("]", index):
                return
            else:
                raise ParseError(
                    "expected ',' or ']' after an item", where=f"{source}:{lines.at(index)}"
                )
    except json.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc.msg}", where=f"{source}:{exc.lineno}") from exc
    except RecursionError:  # json's decoder recurses once per nested array or object
        raise ParseError(
            "JSON nested too deeply to be CSL-JSON", where=f"{source}:{lines.at(index)}"
        ) from None


class _LineCounter:
    """Line numbers of increasing offsets, counting each newline once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._offset = 0
        self._line = 1

    def at(self, index: int) -> int:
        if index < self._offset:  # not expected: offsets only grow
            return self._text.count("\n", 0, index) + 1
        self._line += self._text.count("\n", self._offset, index)
        self._offset = index
        return self._line


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _string(value: Any) -> str:
    if type(value) is str and value.isascii():  # (nearly every value: at once)
        return value
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
    """A Person from a CSL name object (every CSL name part)."""
    if not isinstance(name, Mapping):
        raise TypeError(f"expected a name object, got {name!r}")
    if name.get("literal"):
        return Person(literal=_string(name["literal"]))
    get = name.get
    return PERSON.build(
        [
            _string(get("family", "")),
            _string(get("given", "")),
            _string(get("non-dropping-particle", "")),
            _string(get("suffix", "")),
            "",
            bool(get("static-ordering", False)),
            _string(get("dropping-particle", "")),
            bool(get("comma-suffix", False)),
        ]
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


def _given(parts: list[Any]) -> list[Any]:
    """The parts of one date of ``date-parts`` up to the first empty one: ``["2000", "", ""]``
    (as Zotero and citeproc-js write an unknown month and day) is the year 2000."""
    given: list[Any] = []
    for part in parts[:3]:
        if part is None or (isinstance(part, str) and not part.strip()):
            break
        given.append(part)
    return given


def date_from_csl(value: Any) -> PartialDate:
    """A PartialDate from a CSL date object (``date-parts`` with ranges of years, months or
    days, ``season``, ``circa``, ``literal``, ``raw``)."""
    if type(value) is dict and len(value) == 1 and type(parts := value.get("date-parts")) is list:
        # (nearly every date: [[year, month, day]] of whole numbers, at once)
        first = parts[0] if len(parts) == 1 else None
        if (
            type(first) is list
            and 0 < len(first) <= 3
            and all(type(part) is int for part in first)
            and (len(first) < 2 or first[1] not in SEASON_MONTHS)
        ):
            return PartialDate(*_padded(first))
    if isinstance(value, str):
        value = {"raw": value}
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a date object, got {value!r}")
    circa = value.get("circa") not in (None, False, 0, "", "false")
    season = value.get("season")
    season_text = "" if season in (None, "") else _string(season)
    literal = _string(value.get("literal") or "")
    parts = value.get("date-parts")
    if parts:
        if not isinstance(parts, list) or not all(isinstance(part, list) for part in parts):
            raise TypeError(f"date-parts: expected a list of lists of numbers, got {parts!r}")
        start = [_date_part(p) for p in _given(parts[0])]
        end = [_date_part(p) for p in _given(parts[1])] if len(parts) > 1 else []
        if not start:
            raise ValueError("a date without a year")
        if len(start) > 1 and start[1] in SEASON_MONTHS:
            season_text = season_text or SEASON_MONTHS[start[1]]
            start = start[:1]
            end = end[:1]
        if end and end != start[: len(end)]:
            end += start[len(end) :]  # [[2000, 3, 1], [2000, 4]]: the end's day as the start's
            return PartialDate(
                *_padded(start),
                end_year=end[0],
                end_month=end[1] if len(start) > 1 else None,
                end_day=end[2] if len(start) > 2 else None,
                circa=circa,
                season=season_text,
                literal=literal,
            )
        year, month, day = _padded(start)
        return PartialDate(year, month, day, circa=circa, season=season_text, literal=literal)
    raw = _string(value.get("raw") or "")
    if not raw:
        if literal:
            return PartialDate(literal=literal)
        raise ValueError("a date object without date-parts, raw or literal")
    try:
        return parse_iso(raw, circa=circa)
    except ValueError:
        pass
    try:
        found = parse_written(raw)
    except ValueError:
        return PartialDate(literal=raw)  # kept as text: what the processor would print
    return PartialDate(found.year, found.month, found.day, circa=circa, as_written=raw)


def _padded(parts: list[int]) -> tuple[int, int | None, int | None]:
    return (parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)


def _record(item: Mapping[str, Any], where: Provenance, messages: list[str]) -> tuple[Record, bool]:
    """The record of one item, and whether its id could serve as the key."""
    kwargs: dict[str, Any] = {}
    raw_id = item.get("citation-key") or item.get("id")
    key = str(raw_id) if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else ""
    keyed = bool(key) and bool(_KEY_LIKE.fullmatch(key)) and _encodable(key)
    kwargs["key"] = key if keyed else _PLACEHOLDER

    csl_type = item.get("type")
    if isinstance(csl_type, str) and csl_type in _CSL_TYPES:
        kwargs["type"] = _CSL_TYPES[csl_type]
    else:
        kwargs["type"] = RecordType.DOCUMENT
        what = "no type" if csl_type in (None, "") else f"unknown CSL type {csl_type!r}"
        messages.append(f"{what}, read as a document (the item's type is kept as written)")
    for alias, variable in READ_ALIASES.items():
        if alias in item and variable not in item and isinstance(item[alias], str):
            kwargs[TEXT[variable]] = _string(item[alias])
    # the item's own variables, looked up in one table; the messages (and the error of text
    # that cannot be encoded) in the table's order, as if the table had been walked
    noted: list[tuple[int, str]] = []
    failed: tuple[int, ValueError] | None = None
    for variable, value in item.items():
        place = _PLACES.get(variable)
        if place is None:
            continue
        kind, attr, rank = place
        try:
            if kind == _NAME:
                kwargs[attr] = _people(value, variable)
            elif kind == _TEXT:
                kwargs[attr] = _string(value)
            else:
                kwargs[attr] = date_from_csl(value)
        except ValueError as exc:
            if kind != _TEXT:
                noted.append((rank, f"{variable} not read: {exc}; kept as written"))
            elif failed is None or rank < failed[0]:
                failed = (rank, exc)
        except TypeError as exc:
            noted.append((rank, f"{variable} not read: {exc}; kept as written"))
    if failed is not None:
        raise failed[1]
    messages.extend(message for _, message in sorted(noted))
    original = _original(item, messages) if not _ORIGINAL.isdisjoint(item) else None
    if original is not None:
        kwargs["original"] = original
    if isinstance(keyword := item.get("keyword"), str):
        kwargs["keywords"] = tuple(k.strip() for k in re.split(r"[,;]", keyword) if k.strip())
    if isinstance(references := item.get("references"), str):
        cited = [k.strip() for k in references.split(";") if k.strip()]
        if all(_KEY_LIKE.fullmatch(k) for k in cited):
            kwargs["relations"] = tuple(Relation(RelationKind.CITES, k) for k in cited)
    kwargs["appearances"] = (where,)
    values = list(_RECORD.defaults)
    for name, value in kwargs.items():
        values[_RECORD.index[name]] = value
    return _RECORD.build(values), keyed


_NAME, _TEXT, _DATE = range(3)
#: What _record does with each variable it reads: (what it holds, field, place in the tables).
_PLACES: dict[str, tuple[int, str, int]] = {
    variable: (kind, attr, rank)
    for rank, (kind, variable, attr) in enumerate(
        [
            *((_NAME, v, a) for v, a in NAMES.items()),
            *((_TEXT, v, a) for v, a in TEXT.items()),
            *((_DATE, v, a) for v, a in DATES.items()),
        ]
    )
}

#: Record's constructor by field place, for the values _record hands over converted (tuples,
#: a RecordType); the converters of the other fields run (text is stripped).
_RECORD = builder(
    Record, converted=("type", *NAMES.values(), "keywords", "relations", "appearances")
)


#: The variables _original reads.
_ORIGINAL = frozenset(
    (
        "original-title",
        "original-publisher",
        "original-publisher-place",
        "original-author",
        "original-date",
    )
)


def _original(item: Mapping[str, Any], messages: list[str]) -> OriginalPublication | None:
    found: dict[str, Any] = {}
    for variable, attr in (
        ("original-title", "title"),
        ("original-publisher", "publisher"),
        ("original-publisher-place", "publisher_place"),
    ):
        if variable in item:
            try:
                found[attr] = _string(item[variable])
            except TypeError as exc:
                messages.append(f"{variable} not read: {exc}; kept as written")
    if "original-author" in item:
        try:
            found["author"] = _people(item["original-author"], "original-author")
        except (ValueError, TypeError) as exc:
            messages.append(f"original-author not read: {exc}; kept as written")
    if "original-date" in item:
        try:
            found["issued"] = date_from_csl(item["original-date"])
        except (ValueError, TypeError) as exc:
            messages.append(f"original-date not read: {exc}; kept as written")
    if not any(found.values()):
        return None
    only_title = set(found) == {"title"}
    kind = OriginKind.PRINT_TITLE if only_title else OriginKind.REPRINT
    return OriginalPublication(kind, **found)
