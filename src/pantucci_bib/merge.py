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

import re
import unicodedata
from collections.abc import Iterable

import attrs

from pantucci_bib.keys import assign_keys
from pantucci_bib.library import (
    Library,
    record_aliases,
)
from pantucci_bib.merge_fold import (
    PREFER,
    FieldMerged,
    Prefer,
    Won,
    fold_record,
)
from pantucci_bib.model import (
    Provenance,
    Record,
)

__all__ = [
    "PREFER",
    "Duplicate",
    "FieldMerged",
    "MergeResult",
    "Prefer",
    "Rekeyed",
    "Won",
    "fold_record",
    "identities",
    "merge",
    "normalise_doi",
    "normalise_url",
]


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
