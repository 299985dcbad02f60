"""Merging a user's records into a library (by default the corpus): nothing the user had is lost.

Two records are the same work when they share a DOI, or a URL, or the same normalised
title with the same first author and year (case, accents, punctuation and a leading
article ignored). A duplicate is folded into the record kept (the library's, or the
first incoming record of that work) and reported as a :class:`Duplicate`:

- every field the kept record lacks is taken from the duplicate; where both have a field
  and they differ, the duplicate's value (the user's) wins, or the kept one with
  ``prefer="library"``; keywords and relations are combined. Fields the model has no place
  for (:class:`~pantucci_bib.model.Verbatim`: BibLaTeX's ``file``, JabRef's ``owner`` …)
  are folded the same way. Each field taken, replaced or left out is a
  :class:`FieldMerged` of the duplicate.
- the duplicate's key stays resolvable: it becomes an alias of the kept record (BibLaTeX's
  ``ids``, written by the ``biblatex`` writer), so ``library.get(user_key)`` finds the kept
  record, as ``\\cite{user_key}`` does with biber. A key that names another record of the
  merged library cannot be an alias; the Duplicate says so.

A record whose key is already taken by a different work gets a new key from
:func:`pantucci_bib.keys.assign_keys` (deterministic: the same inputs give the same keys)
and is reported as a :class:`Rekeyed`; relations of the incoming records follow their
renamed or deduplicated targets. Merging is linear in the number of records.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

import attrs

from pantucci_bib.formats.bibtex.mapping import BLOCK_FIELDS
from pantucci_bib.formats.bibtex.verbatim import STRING_FIELD
from pantucci_bib.keys import assign_keys
from pantucci_bib.library import (
    ALIAS_FIELD,
    Library,
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


@attrs.frozen
class Duplicate:
    """An incoming record folded into ``kept``, the key of the same work in the merged library.

    ``fields`` are the fields it brought (see :class:`FieldMerged`); ``alias`` is true when
    its key is now an alias of ``kept``. Its key is no alias when it equals ``kept`` or
    names another record of the merged library.
    """

    record: Record
    kept: str
    reason: str  # "same DOI", "same URL", "same title, first author and year"
    fields: tuple[FieldMerged, ...] = attrs.field(default=(), kw_only=True)
    alias: bool = attrs.field(default=False, kw_only=True)

    @property
    def where(self) -> Provenance | None:
        return self.record.appearances[0] if self.record.appearances else None

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        text = f"{where}{self.record.key} duplicates {self.kept} ({self.reason}); kept {self.kept}"
        if self.alias:
            return f"{text}, with {self.record.key} as an alias"
        if self.record.key != self.kept:
            return f"{text}; {self.record.key} names another record, so it is no alias"
        return text


@attrs.frozen
class Rekeyed:
    """An incoming record whose key was taken by a different work, and its new key."""

    record: Record  # with its new key
    old_key: str

    def __str__(self) -> str:
        where = f"{self.record.appearances[0]}: " if self.record.appearances else ""
        return f"{where}key {self.old_key} is taken by another work; now {self.record.key}"


@attrs.frozen
class MergeResult:
    """The merged library, and what happened to the incoming records on the way."""

    library: Library
    duplicates: tuple[Duplicate, ...] = ()
    rekeyed: tuple[Rekeyed, ...] = ()

    @property
    def merged_fields(self) -> tuple[FieldMerged, ...]:
        """Every field the duplicates brought, in the order of :attr:`duplicates`."""
        return tuple(field for duplicate in self.duplicates for field in duplicate.fields)


_ARTICLES = re.compile(r"^(?:the|a|an) ")


_MARKUP = re.compile(r"</?(?:span|i|b|sup|sub|sc)\b[^>]*>")  # CSL's rich text in a title


def _fold(text: str) -> str:
    text = _MARKUP.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = " ".join(re.sub(r"[^\w]+", " ", bare).split())
    return _ARTICLES.sub("", words)


def normalise_doi(doi: str) -> str:
    """``https://doi.org/10.1/X`` and ``doi:10.1/x`` → ``10.1/x``."""
    doi = doi.strip().lower()
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi)


def normalise_url(url: str) -> str:
    """Scheme, ``www.``, a trailing slash and the case of the host ignored."""
    url = re.sub(r"^https?://(?:www\.)?", "", url.strip())
    host, _, path = url.partition("/")
    return (host.lower() + "/" + path).rstrip("/")


def identities(record: Record) -> list[tuple[str, str]]:
    """The (reason, value) pairs by which two records are recognised as one work."""
    found: list[tuple[str, str]] = []
    if record.doi:
        found.append(("same DOI", normalise_doi(record.doi)))
    if record.url:
        found.append(("same URL", normalise_url(record.url)))
    people = record.author or record.editor
    if record.title and people and record.issued:
        first = people[0]
        name = _fold(first.literal or first.family)
        title = _fold(record.title)
        if title and name:
            found.append(
                ("same title, first author and year", f"{title}|{name}|{record.issued.year}")
            )
    return found


def merge(
    incoming: Iterable[Record],
    base: Iterable[Record] | None = None,
    *,
    prefer: Prefer = "user",
) -> MergeResult:
    """Add ``incoming`` records to ``base`` (default: the corpus), in order, after it.

    An incoming record that is the same work as one already kept (in ``base`` or earlier
    in ``incoming``) is folded into it, not added (see the module documentation): where
    both have a field and differ, ``prefer="user"`` (the default) keeps the incoming
    record's value, ``prefer="library"`` the kept record's. Other records of ``base`` are
    kept as they are. ValueError for any other ``prefer``.
    """
    if prefer not in PREFER:
        raise ValueError(f"prefer must be one of {', '.join(PREFER)}, not {prefer!r}")
    if base is None:
        from pantucci_bib.corpus import corpus

        base = corpus()
    kept: list[Record] = list(base)
    seen: dict[tuple[str, str], str | int] = {}  # identity → kept key, or index into added
    for record in kept:
        for identity in identities(record):
            seen.setdefault(identity, record.key)
    taken = {record.key for record in kept}

    # one pass decides what is a duplicate and which keys are taken; the records that need
    # a new key then get theirs in one call, so merging is linear however many collide
    found: list[tuple[Record, str, str | int]] = []  # duplicate, reason, what it duplicates
    added: list[Record] = []
    collided: list[int] = []  # indices into added of records whose key is taken
    unchanged: set[str] = set()  # incoming keys that stay as they were
    for record in incoming:
        match = _first_match(record, seen)
        if match is not None:
            found.append((record, *match))
            continue
        if record.key in taken:
            collided.append(len(added))
        else:
            unchanged.add(record.key)
            taken.add(record.key)
        for identity in identities(record):
            seen.setdefault(identity, len(added))
        added.append(record)
    old_keys: dict[str, str] = {}  # new key → the incoming key it replaces
    new_keys = assign_keys([added[index] for index in collided], taken)
    for index, new_key in zip(collided, new_keys, strict=True):
        old_keys[new_key] = added[index].key
        added[index] = attrs.evolve(added[index], key=new_key)

    def key_of(target: str | int) -> str:
        return added[target].key if isinstance(target, int) else target

    renames: dict[str, str] = {}  # an incoming key → the key its work has in the result
    for new_key, old_key in old_keys.items():
        renames.setdefault(old_key, new_key)
    for record, _, target in found:
        renames.setdefault(record.key, key_of(target))
    targets = {old: new for old, new in renames.items() if old not in unchanged}
    added = [_follow(record, targets) for record in added]
    duplicates = _fold_duplicates(found, kept, added, targets, prefer)
    rekeyed = tuple(Rekeyed(r, old_keys[r.key]) for r in added if r.key in old_keys)
    return MergeResult(Library([*kept, *added]), duplicates, rekeyed)


def _fold_duplicates(
    found: list[tuple[Record, str, str | int]],
    kept: list[Record],
    added: list[Record],
    renames: dict[str, str],
    prefer: Prefer,
) -> tuple[Duplicate, ...]:
    """Fold each duplicate into the record it duplicates (in ``kept`` or ``added``, which
    are updated in place); one dict look-up per duplicate, so linear."""
    keys = {record.key for record in kept} | {record.key for record in added}
    position = {record.key: index for index, record in enumerate(kept)}
    owner: dict[str, str] = {}  # alias → the key of the record it names
    for record in (*kept, *added):
        if record.extra:
            for name in record_aliases(record):
                if name not in keys:
                    owner.setdefault(name, record.key)

    def claim(alias: str, key: str) -> bool:
        """Whether ``alias`` may name the record ``key`` (and now does)."""
        return alias != key and alias not in keys and owner.setdefault(alias, key) == key

    duplicates: list[Duplicate] = []
    for record, reason, target in found:
        into, at = (added, target) if isinstance(target, int) else (kept, position[target])
        current = into[at]
        user = _follow(record, renames)
        alias = claim(record.key, current.key)
        aliases = [record.key] if alias else []
        aliases += [a for a in record_aliases(user) if claim(a, current.key)]
        into[at], fields = fold_record(current, user, prefer, aliases=aliases)
        duplicates.append(Duplicate(record, current.key, reason, fields=fields, alias=alias))
    return tuple(duplicates)


#: Record attributes folded value by value (the key stays the kept record's; ``extra`` is
#: folded field by field; ``appearances``, provenance, are combined).
FOLDED = tuple(
    field.name
    for field in attrs.fields(Record)
    if field.name not in ("key", "extra", "appearances")
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


def _first_match(
    record: Record, seen: dict[tuple[str, str], str | int]
) -> tuple[str, str | int] | None:
    """(reason, key) of the first kept record that is the same work as ``record``."""
    for identity in identities(record):
        if identity in seen:
            return identity[0], seen[identity]
    return None


def _follow(record: Record, renames: dict[str, str]) -> Record:
    """``record`` with relations (and its original's key) pointing at renamed keys."""
    if not renames:
        return record
    relations = tuple(
        attrs.evolve(rel, key=renames.get(rel.key, rel.key)) for rel in record.relations
    )
    original = record.original
    if original is not None and original.related_key in renames:
        original = attrs.evolve(original, related_key=renames[original.related_key])
    if relations == record.relations and original is record.original:
        return record
    return attrs.evolve(record, relations=relations, original=original)
