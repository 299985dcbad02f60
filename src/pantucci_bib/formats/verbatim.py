"""The one rule by which every format keeps what it read as written, and writes it back.

A reader compares the fields of what it read with what its writer makes of the record
(:func:`keep_as_written`); a writer asks, for each kept field, whether it still stands in
for its own rendering (:func:`stands_for`). The formats differ only in how a field's value
is written as text (JSON text for CSL-JSON, a JSON list of tag values for RIS, the raw value
for .bib), which they do before calling these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pantucci_bib.model import Verbatim


def keep_as_written(
    format: str,
    read: Mapping[str, str],
    written: Mapping[str, str],
    *,
    same: Callable[[str, str], bool] = str.__eq__,
    known: Callable[[str], bool] = lambda name: True,
) -> list[Verbatim]:
    """The Verbatim fields that make the writer give back ``read`` (name → text as read).

    ``written`` is the writer's own rendering of the record; ``same`` compares a read value
    with a written one; ``known`` tells a field the model reads (its writer may write it
    under another name) from one it has no place for (kept whatever happens).
    """
    kept: list[Verbatim] = []
    for name, value in read.items():
        rendered = written.get(name)
        if rendered is None:
            kept.append(Verbatim(format, name, value, "" if known(name) else None))
        elif not same(value, rendered):
            kept.append(Verbatim(format, name, value, rendered))
    kept.extend(
        Verbatim(format, name, None, rendered)
        for name, rendered in written.items()
        if name not in read
    )
    return kept


def stands_for(field: Verbatim, current: str | None) -> bool:
    """Whether ``field`` is written in place of the writer's ``current`` rendering of it
    (None: the writer writes nothing under that name): always for a field the model has no
    place for, else while the writer still renders what it did when the file was read."""
    return field.rendered is None or (current or "") == field.rendered
