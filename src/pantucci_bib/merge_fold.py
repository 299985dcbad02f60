"""Folding a duplicate into the record kept, field by field (see :mod:`pantucci_bib.merge`)."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Any, Literal

import attrs

from pantucci_bib.formats.bibtex.mapping import BLOCK_FIELDS
from pantucci_bib.formats.bibtex.verbatim import STRING_FIELD
from pantucci_bib.library import (
    ALIAS_FIELD,
    is_alias_field,
    record_aliases,
    with_aliases,
)
from pantucci_bib.model import (
    OriginalPublication,
    PartialDate,
    Person,
    Provenance,
    Record,
    Relation,
    Verbatim,
)

#: Whose value wins when a duplicate and the record kept both have a field and differ:
#: ``"user"``, the duplicate's (the incoming record's), or ``"library"``, the kept record's.
Prefer = Literal["user", "library"]
PREFER: tuple[Prefer, ...] = ("user", "library")
#: Whose value a folded field holds: the duplicate's, the kept record's, or both combined.
Won = Literal["user", "library", "both"]


def _empty(value: object) -> bool:
    return value is None or value == "" or value == ()


def _show(value: object, limit: int = 70) -> str:
    """A field value as one short line for a report."""
    if _empty(value):
        return "(none)"
    if isinstance(value, enum.Enum):
        text = str(value.value)
    elif isinstance(value, PartialDate):
        text = value.edtf() or value.literal
    elif isinstance(value, OriginalPublication):
        text = f"{value.kind}: {value.title or value.container_title}".rstrip(": ")
    elif isinstance(value, tuple):
        people = [p.display() for p in value if isinstance(p, Person)]
        others = [f"{p.kind} {p.key}" if isinstance(p, Relation) else str(p) for p in value]
        text = "; ".join(people) if people else ", ".join(others)
    else:
        text = str(value)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return repr(text)


@attrs.frozen
class FieldMerged:
    """One field of an incoming duplicate folded into the record kept.

    ``key`` is the kept record's key and ``user_key`` the duplicate's. ``field`` is a
    :class:`~pantucci_bib.model.Record` attribute (``doi``, ``author``), or ``format:name``
    for a field kept verbatim (``biblatex:file``), or ``ids`` for the duplicate's own
    aliases. ``old`` is the kept record's value before (empty: it had none), ``new`` the
    duplicate's, ``value`` what the kept record holds now. ``won`` says whose value that is:
    ``"user"`` (a field the kept record lacked, or a conflict under ``prefer="user"``),
    ``"library"`` (a conflict under ``prefer="library"``: ``new`` is left out, and only
    reported here) or ``"both"`` (keywords, relations and aliases are combined).
    """

    where: Provenance | None
    key: str
    user_key: str
    field: str
    old: object
    new: object
    value: object
    won: Won

    @property
    def conflict(self) -> bool:
        """Whether the kept record had a value of its own for the field."""
        return not _empty(self.old)

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        head = f"{where}{self.user_key} into {self.key}: {self.field}"
        if not self.conflict:
            return f"{head} added: {_show(self.new)}"
        if self.won == "both":
            return f"{head}: {_show(self.old)} and {_show(self.new)} combined"
        if self.won == "user":
            return f"{head}: {_show(self.new)} replaces {_show(self.old)}"
        return f"{head}: kept {_show(self.old)}; {_show(self.new)} left out"


#: Record attributes folded value by value (the key stays the kept record's; ``extra`` is
#: folded field by field; ``appearances``, provenance, are combined).
FOLDED = tuple(
    field.name
    for field in attrs.fields(Record)
    if field.name not in ("key", "extra", "appearances", "field_sources")
)
#: Attributes that are sets more than values: the duplicate's items are added to the kept.
COMBINED = frozenset({"keywords", "relations"})
#: Verbatim names that a record may hold several of: kept from both records.
_REPEATED = frozenset({*BLOCK_FIELDS, STRING_FIELD})


#: How the folding of ``extra`` reports a field: (field, old, new, value, won).
_Note = Callable[[str, object, object, object, Won], None]


def _data(record: Record) -> tuple[object, ...]:
    return tuple(getattr(record, name) for name in FOLDED)


def _combine(name: str, old: tuple[object, ...], new: tuple[object, ...], key: str) -> object:
    if name == "relations":
        have = {(r.kind, r.key) for r in old if isinstance(r, Relation)}
        more = []
        for relation in new:
            pair = (relation.kind, relation.key) if isinstance(relation, Relation) else None
            if pair is not None and pair[1] != key and pair not in have:
                have.add(pair)
                more.append(relation)
        return (*old, *more)
    return (*old, *dict.fromkeys(item for item in new if item not in old))


def _refines(fine: PartialDate, coarse: PartialDate) -> bool:
    """Whether ``fine`` is ``coarse`` told more precisely (2015-07-15 of 2015-07)."""
    if fine.end_year is not None or coarse.end_year is not None or coarse.year is None:
        return False
    if (fine.circa, fine.season, fine.literal) != (coarse.circa, coarse.season, coarse.literal):
        return False
    parts = zip(
        (coarse.year, coarse.month, coarse.day, coarse.hour, coarse.minute),
        (fine.year, fine.month, fine.day, fine.hour, fine.minute),
        strict=True,
    )
    return all(mine is None or mine == theirs for mine, theirs in parts)


def _within(part: OriginalPublication, whole: OriginalPublication) -> bool:
    """Whether every part ``part`` has is the same in ``whole``."""
    names = [f.name for f in attrs.fields(OriginalPublication)]
    return all(_empty(getattr(part, n)) or getattr(part, n) == getattr(whole, n) for n in names)


def _fold_value(
    name: str, old: Any, new: Any, prefer: Prefer, key: str
) -> tuple[object, Won] | None:
    """The value of a field both records have, differently, and who won (see
    :class:`FieldMerged`); None when ``new`` brings nothing ``old`` lacks.

    Keywords and relations are combined; a date that tells the other more precisely wins
    whatever ``prefer`` says (2015-07-15 over 2015-07); the original publications of the
    same kind are folded part by part; else ``prefer`` decides.
    """
    if name in COMBINED:
        value = _combine(name, old, new, key)
        return None if value == old else (value, "both")
    if isinstance(old, PartialDate) and isinstance(new, PartialDate):
        if _refines(old, new):
            return None
        if _refines(new, old):
            return new, "user"
    if (
        isinstance(old, OriginalPublication)
        and isinstance(new, OriginalPublication)
        and (old.kind is new.kind)
    ):
        first, second = (new, old) if prefer == "user" else (old, new)
        empty = [
            f.name for f in attrs.fields(OriginalPublication) if _empty(getattr(first, f.name))
        ]
        value = attrs.evolve(first, **{part: getattr(second, part) for part in empty})
        if value == old:
            return None if _within(new, old) else (old, "library")
        return value, "user" if value == new else "both"
    return (new, "user") if prefer == "user" else (old, "library")


def fold_record(
    kept: Record, user: Record, prefer: Prefer = "user", *, aliases: Sequence[str] = ()
) -> tuple[Record, tuple[FieldMerged, ...]]:
    """``kept`` with the fields of ``user`` (the same work) folded in, and each field folded.

    See :func:`merge` for ``prefer``. ``aliases`` are added to the kept record's ``ids``
    (written by the ``biblatex`` writer only, unless the kept record already had an ``ids``
    field of its own). ``user``'s relations should already point at keys of the library.
    """
    where = user.appearances[0] if user.appearances else None
    report: list[FieldMerged] = []

    def note(field: str, old: object, new: object, value: object, won: Won) -> None:
        report.append(FieldMerged(where, kept.key, user.key, field, old, new, value, won))

    changes: dict[str, Any] = {}
    for name in FOLDED:
        new, old = getattr(user, name), getattr(kept, name)
        if _empty(new) or new == old:
            continue
        folded: tuple[object, Won] | None = (new, "user")
        if not _empty(old):
            folded = _fold_value(name, old, new, prefer, kept.key)
        if folded is None:
            continue
        value, won = folded
        note(name, old, new, value, won)
        if value != old:
            changes[name] = value
    merged = attrs.evolve(kept, **changes) if changes else kept
    extra = _fold_extra(kept, user, merged, prefer, note)
    extra += [field for field in kept.extra if is_alias_field(field)]
    appearances = (*kept.appearances, *(p for p in user.appearances if p not in kept.appearances))
    merged = attrs.evolve(merged, extra=extra, appearances=appearances)
    both = any(is_alias_field(field) and field.rendered is None for field in user.extra)
    merged = with_aliases(merged, aliases, both_dialects=both)
    had, theirs = record_aliases(kept), record_aliases(user)
    if not set(theirs) <= set(had):  # the duplicate's own ids: reported with what is kept
        note(ALIAS_FIELD, had, theirs, record_aliases(merged), "both" if had else "user")
    return merged, tuple(report)


def _fold_extra(
    kept: Record,
    user: Record,
    merged: Record,
    prefer: Prefer,
    note: _Note,
) -> list[Verbatim]:
    """The Verbatim fields of the merged record (its aliases aside).

    A field the model has no place for (``rendered`` None) is folded like a model field.
    A spelling (``rendered`` set: how one record's own values were written) is kept only
    from a record whose values the merged record still has all of; else the writers give
    their own spelling of the merged values, never a stale one.
    """
    data = _data(merged)
    spelt = [data == _data(kept), data == _data(user)]
    mine, theirs = (
        [f for f in record.extra if not is_alias_field(f) and (f.rendered is None or keep)]
        for record, keep in zip((kept, user), spelt, strict=True)
    )
    out = list(mine)
    present = set(out)
    slot: dict[tuple[str, str], int] = {}
    for index, field in enumerate(out):
        if field.name not in _REPEATED:
            slot.setdefault((field.format, field.name), index)
    for field in theirs:
        if field in present:
            continue
        present.add(field)
        name = f"{field.format}:{field.name}"
        reported = field.rendered is None and not field.name.startswith("@") and field.value
        at = None if field.name in _REPEATED else slot.get((field.format, field.name))
        if at is None:  # new to the kept record (or one more block): taken
            slot.setdefault((field.format, field.name), len(out))
            out.append(field)
            if reported:
                note(name, None, field.value, field.value, "user")
            continue
        old = out[at]
        won: Won = "user" if prefer == "user" else "library"
        out[at] = field if won == "user" else old
        if reported:
            note(name, old.value, field.value, out[at].value, won)
    return out
