"""A record made into citeproc-py's ``Reference`` at once, without the CSL-JSON item between.

The general path makes the record's CSL-JSON item (:func:`~pantucci_bib.formats.csl_json.
write.csl_item`), the engine item from it (:func:`~pantucci_bib.formatting.common.
engine_item`: reserved characters escaped, note variables read, a citation label made) and
then parses that item (``renderer._Source._parse``). For most records none of the engine
item's steps changes anything, and :func:`direct_reference` builds the same Reference from
the record's fields, parsing each value as ``_parse`` does (the source's own
``parse_names``, ``parse_date`` and ``parse_string``), in the same order. It gives up
(returns None, and the general path is taken) wherever a step could change something: a
value holding a reserved character, a note with a ``name: value`` line, a CSL-JSON field
kept as written, a citation label to make, a variable citeproc-py does not take, a name
variable it reads as text. ``tests/test_engine_items.py`` compares the two paths.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from citeproc.source import Reference

from pantucci_bib.formats.csl_json.mapping import DATES, NAMES, TEXT
from pantucci_bib.formats.csl_json.write import FORMAT, csl_date, csl_name
from pantucci_bib.formatting.common import _NOTE_LINE
from pantucci_bib.formatting.reserved import RESERVED
from pantucci_bib.model import RelationKind

if TYPE_CHECKING:
    from pantucci_bib.model import Record


class _GiveUp(Exception):
    """Raised inside the builder where only the general path gives the right Reference."""


def direct_reference(record: Record, source: Any) -> Any:
    """The Reference the general path gives for ``record`` (its key, lower case, the
    reference's ``key``), or None where it must be taken. ``source`` is the
    ``renderer._Source`` whose parsers are used."""
    note = record.note
    if note and ":" in note and any(map(_NOTE_LINE.match, note.splitlines())):
        return None  # note variables (``original-date: 1850``) may be read from it
    if any(field.format == FORMAT for field in record.extra):
        return None
    data: dict[str, Any] = {}
    try:
        _filler()(record, data, source)
        original = record.original
        if original is not None:
            _original(original, data, source)
        if record.keywords:
            data["keyword"] = _text(", ".join(record.keywords), source)
        cited = record.related(RelationKind.CITES)
        if cited:
            data["references"] = _text("; ".join(cited), source)
    except _GiveUp:
        return None
    reference = Reference.__new__(Reference)
    dict.update(reference, key=record.key.lower(), type=record.type.value)
    dict.update(reference, data)
    return reference


def _text(value: str, source: Any) -> Any:
    if RESERVED.search(value):
        raise _GiveUp
    return source.parse_string(value)


def _as_given(value: str, source: Any) -> str:
    if RESERVED.search(value):
        raise _GiveUp
    return value


def _names(people: Any, source: Any) -> list[Any]:
    names = [csl_name(person) for person in people]
    for name in names:
        for value in name.values():
            if type(value) is str and RESERVED.search(value):
                raise _GiveUp
    parsed: list[Any] = source.parse_names(names)
    return parsed


def _date(date: Any, source: Any) -> Any:
    if (date.literal and RESERVED.search(date.literal)) or (
        date.season and RESERVED.search(date.season)
    ):
        raise _GiveUp
    return source.parse_date(csl_date(date))


def _original(original: Any, data: dict[str, Any], source: Any) -> None:
    """``original-*`` as :func:`~pantucci_bib.formats.csl_json.write.own_item` writes them."""
    if original.title:
        data["original_title"] = _text(original.title, source)
    if original.author:
        data["original_author"] = _names(original.author, source)
    if original.issued:
        data["original_date"] = _date(original.issued, source)
    if publisher := original.publisher or original.container_title:
        data["original_publisher"] = _text(publisher, source)
    if original.publisher_place:
        data["original_publisher_place"] = _text(original.publisher_place, source)


@functools.cache
def _filler() -> Callable[[Record, dict[str, Any], Any], None]:
    """``fill(record, data, source)``: each name, text and date field the record has, parsed
    into ``data`` under citeproc-py's name for it, in the writer's order; written out as code
    from the tables (as the writer's walk is). A field whose variable the general path would
    treat otherwise (a name variable citeproc-py reads as text, a variable it does not take)
    gives up."""
    from pantucci_bib.formatting.engine.renderer import (
        _AS_GIVEN,
        _DATE,
        _NAMES,
        _REFERENCE_VARIABLES,
        _STRING,
        _kind,
    )

    lines = ["def fill(record, data, source):"]
    tables = (
        (NAMES, (_NAMES,), "names"),
        (TEXT, (_STRING, _AS_GIVEN), ""),
        (DATES, (_DATE,), "date"),
    )
    for table, natural, parser in tables:
        for variable, attr in table.items():
            target, how = _kind(variable)
            if how not in natural or target not in _REFERENCE_VARIABLES:
                lines += [f"    if record.{attr}:", "        raise GiveUp"]
                continue
            call = parser or ("given" if how == _AS_GIVEN else "text")
            lines += [
                f"    if v := record.{attr}:",
                f"        data[{target!r}] = {call}(v, source)",
            ]
    namespace: dict[str, Any] = {
        "names": _names,
        "date": _date,
        "text": _text,
        "given": _as_given,
        "GiveUp": _GiveUp,
    }
    exec("\n".join(lines), namespace)
    fill: Callable[[Record, dict[str, Any], Any], None] = namespace["fill"]
    return fill
