"""What bibliographies and citations share: engine items, locales, parsed styles, errors."""

from __future__ import annotations

import functools
import os
import re
import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from pantucci_bib.errors import DataError, PantucciBibError, ParseError, UnknownFormatError
from pantucci_bib.formats.csl_json.write import csl_item
from pantucci_bib.formatting.reserved import may_hold_reserved, protect
from pantucci_bib.styles import ResolvedStyle
from pantucci_bib.vocabulary import NAME_VARIABLES

if TYPE_CHECKING:
    from pantucci_bib.model import Record


class EngineItems(Sequence[dict[str, Any]]):
    """The records as engine items (:func:`engine_item` of their CSL-JSON), each converted
    when it is first asked for: a forked worker converts only the records it renders, so the
    conversion leaves the serial part of a job. ``ids`` are the records' keys, known at once."""

    def __init__(self, records: Iterable[Record], *, labels: bool = True) -> None:
        self._records = list(records)
        self._labels = labels
        self._items: list[dict[str, Any] | None] = [None] * len(self._records)
        #: The citation key of each record, in input order.
        self.ids = [record.key for record in self._records]

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        item = self._items[index]
        if item is None:
            record = self._records[index]
            item = engine_item(csl_item(record, decoded=True), record.key, label=self._labels)
            self._items[index] = item
        return item

    def record_for_reference(self, index: int) -> Record | None:
        """The record at ``index``, for the engine to make its Reference from directly
        (:mod:`.engine.references`); None where the items make citation labels, which only
        the engine item has."""
        return None if self._labels else self._records[index]


def prints_citation_label(resolved: ResolvedStyle) -> bool:
    """Whether the style names ``citation-label`` (only then is each item's trigraph made)."""
    try:
        return b"citation-label" in resolved.path.read_bytes()
    except OSError:
        return True  # (the job reports the style it cannot read)


def item_ids(items: Sequence[dict[str, Any]]) -> list[str]:
    """The citation key of each engine item (from :attr:`EngineItems.ids`, converting none)."""
    if isinstance(items, EngineItems):
        return list(items.ids)
    return [str(item["id"]) for item in items]


def engine_item(item: dict[str, Any], key: str, *, label: bool = True) -> dict[str, Any]:
    """The CSL-JSON item as the engine takes it: cited by its key; a name variable that is not
    a list of names (kept as written by a reader, which warned) left out; with ``label``, a
    ``citation-label`` made where it has none (:func:`citation_label`). Text holding the
    engine's reserved characters is escaped (:mod:`.reserved`)."""
    escape = may_hold_reserved(item)
    item = {
        name: protect(value) if escape else value
        for name, value in item.items()
        if not (name in NAME_VARIABLES and not _is_name_list(value))
    }
    item["id"] = key
    if isinstance(item.get("note"), str) and ":" in item["note"]:
        item = _note_variables(item)
    if label and "citation-label" not in item:
        trigraph = citation_label(item)
        if trigraph:
            item["citation-label"] = trigraph
    if not item.get("type"):
        item["type"] = "article"  # CSL requires one; citeproc-py fails without (``untyped``)
    return item


_NOTE_LINE = re.compile(r"^\s*\{?:?([a-z][a-z-]*):\s*(.+?)\}?\s*$")


def _note_variables(item: dict[str, Any]) -> dict[str, Any]:
    """``note-variables``: CSL variables written as lines of the note (Zotero's Extra field:
    ``original-date: 1850``, ``event-date: 2004-10-01/2004-10-14``, ``{:publisher-place: X}``,
    ``reviewed-author: Hall || W.C.``, a line per name) are read as citeproc-js reads them,
    where the item lacks them; the lines it read leave the note."""
    from pantucci_bib.dates import parse_iso
    from pantucci_bib.formats.csl_json.write import csl_date
    from pantucci_bib.vocabulary import DATE_VARIABLES, TEXT_VARIABLES

    kept: list[str] = []
    found: dict[str, Any] = {}
    for line in str(item["note"]).splitlines():
        match = _NOTE_LINE.match(line)
        name = match.group(1) if match else ""
        if match and name in NAME_VARIABLES and name not in item:
            family, bars, given = match.group(2).partition("||")  # Hall || W.C.
            person = {"family": family.strip(), "given": given.strip()} if bars else None
            found.setdefault(name, []).append(person or {"literal": family.strip()})
        elif not match or name in item or name in found:
            kept.append(line)
        elif name in DATE_VARIABLES:
            try:
                found[name] = csl_date(parse_iso(match.group(2)))
            except ValueError:
                found[name] = {"raw": match.group(2)}
        elif name in TEXT_VARIABLES and name != "note":
            found[name] = match.group(2)
        else:
            kept.append(line)
    if not found:
        return item
    item = {**item, **found}
    note = "\n".join(kept).strip()
    if note:
        item["note"] = note
    else:
        del item["note"]
    return item


def citation_label(item: dict[str, Any]) -> str:
    """``citation-label`` where the item has none: citeproc-js's default trigraph, from the
    family names of the first name variable (author, else editor, translator) and the year of
    ``issued``: Doe65 (one name: four letters), RoNo78 (two: two each), AbCD90 (three),
    DEFG26 (four or more: one each); particles are left out."""
    names: list[str] = []
    for variable in ("author", "editor", "translator"):
        value = item.get(variable)
        if _is_name_list(value) and value:
            for name in value:
                family = str(name.get("family") or name.get("literal") or "").strip('"')
                words = family.split()
                while len(words) > 1 and words[0][:1].islower():  # a particle: "von Dipheria"
                    words = words[1:]
                family = " ".join(words)
                if family:
                    names.append(family)
            break
    issued = item.get("issued")
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    year = ""
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        text = str(parts[0][0]).strip()
        year = text[-2:] if text.lstrip("-").isdigit() else ""
    if not names:
        return ""
    if len(names) == 1:
        letters = names[0][:4]
    elif len(names) == 2:
        letters = names[0][:2] + names[1][:2]
    elif len(names) == 3:
        letters = names[0][:2] + names[1][:1] + names[2][:1]
    else:
        letters = "".join(name[:1] for name in names[:4])
    return letters + year


def _is_name_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(name, dict) for name in value)


@functools.lru_cache(maxsize=1)
def unknown_names() -> frozenset[str]:
    from citeproc import NAMES

    known = {name.replace("_", "-") for name in NAMES}
    return frozenset(name for name in NAME_VARIABLES if name not in known)


def engine_error(exc: Exception, resolved: ResolvedStyle) -> Exception:
    """What citeproc-py raised, as the library's own error naming the record or the style."""
    if isinstance(exc, PantucciBibError) or "pantucci_bib.formatting.engine" not in sys.modules:
        return exc
    from pantucci_bib.formatting import engine

    if isinstance(exc, engine.EntryError):
        return DataError(f"style {resolved.name!r} cannot format this record: {exc}", where=exc.key)
    if isinstance(exc, engine.ENGINE_ERRORS):  # while sorting: no single record to name
        return DataError(
            f"style {resolved.name!r} cannot sort these records: {type(exc).__name__}: {exc}",
            where=str(resolved.path),
        )
    return exc


def check_keys(keys: Iterable[str]) -> None:
    """A DataError for the second of two keys that differ only in case (or not at all)."""
    seen: dict[str, str] = {}
    for key in keys:
        if key.lower() in seen:
            other = seen[key.lower()]
            raise DataError(
                f"duplicate citation key (citeproc compares keys ignoring case: {other})",
                where=key,
            )
        seen[key.lower()] = key


@functools.cache
def known_locales() -> tuple[frozenset[str], dict[str, str]]:
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

    return frozenset(LANGUAGE_NAMES), dict(PRIMARY_DIALECTS)


def check_locale(locale: str) -> str:
    """``locale`` as citeproc names it (``en-GB``), or UnknownFormatError."""
    names, primary = known_locales()
    if locale in names:
        return locale
    if locale in primary:
        return primary[locale]
    import difflib

    close = difflib.get_close_matches(locale, sorted(names | set(primary)), n=4, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownFormatError(f"unknown locale {locale!r}{hint}")


def parsed_style(resolved: ResolvedStyle, locale: str | None) -> Any:
    try:
        stamp = resolved.path.stat().st_mtime_ns
    except OSError as exc:
        raise ParseError(f"cannot read style: {exc.strerror}", where=str(resolved.path)) from None
    return parse_style(resolved.path, stamp, locale, threading.get_ident())


@functools.lru_cache(maxsize=32)
def parse_style(path: Path, stamp: int, locale: str | None, thread: int) -> Any:
    """A style parsed with the corrected citeproc-py classes, once per (file version, locale)
    and thread: a parsed style holds the render state of the call using it, so two threads
    formatting at once each have their own."""
    from lxml import etree

    from pantucci_bib.formatting import engine

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        if locale is None:
            root = etree.parse(str(path), parser).getroot()
            locale = root.get("default-locale") or "en-US"
        style = engine.load_style(path, locale)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"malformed CSL style: {exc.msg}", where=f"{path}:{exc.lineno}") from None
    except (ValueError, OSError) as exc:
        raise ParseError(f"not a usable CSL style: {exc}", where=str(path)) from None
    return style


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
