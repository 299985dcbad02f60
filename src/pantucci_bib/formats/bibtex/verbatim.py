"""What a .bib entry held beyond what the writers would write: kept, and written back.

The reader builds a record, asks the writer of the same dialect for its entry, and keeps as
:class:`~pantucci_bib.model.Verbatim` every field (and the entry type) the writer would spell
otherwise, every field the model has no place for, and the ``@preamble``/``@comment`` blocks
before the entry. The writers apply them (:func:`apply_verbatim`): a .bib file read and
written again keeps every field of every entry, as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from pantucci_bib.formats.bibtex.mapping import (
    BLOCK_FIELDS,
    ENTRY_TYPE_FIELD,
    FIELD_ORDER,
    TEXT_FIELDS,
)
from pantucci_bib.formats.verbatim import keep_as_written, stands_for
from pantucci_bib.model import Record, Verbatim

Field = tuple[str, str, bool]  # name, value, braced (False: written as it is)
DIALECTS = ("bibtex", "biblatex")

#: Fields the reader reads into the model. A field outside this set (``file``, ``owner``,
#: ``crossref`` …) has no place in the model and is written back by both dialects.
READ_FIELDS = frozenset(
    {
        *TEXT_FIELDS,
        "abstract",
        "addendum",
        "address",
        "archiveprefix",
        "author",
        "bookauthor",
        "booksubtitle",
        "booktitle",
        "date",
        "day",
        "doi",
        "editor",
        "editortype",
        "eid",
        "entrysubtype",
        "eprint",
        "eprinttype",
        "eventdate",
        "howpublished",
        "institution",
        "isbn",
        "issue",
        "journal",
        "journalsubtitle",
        "journaltitle",
        "keywords",
        "langid",
        "language",
        "location",
        "mainsubtitle",
        "maintitle",
        "month",
        "note",
        "number",
        "organization",
        "origdate",
        "origlanguage",
        "origlocation",
        "origpublisher",
        "origtitle",
        "pages",
        "publisher",
        "pubstate",
        "related",
        "relatedstring",
        "relatedtype",
        "school",
        "subtitle",
        "title",
        "titleaddon",
        "translator",
        "type",
        "url",
        "urldate",
        "volume",
        "year",
    }
)


def _written(value: str, braced: bool) -> str:
    return "{" + value + "}" if braced else value


def _writer_entry(record: Record, dialect: str) -> tuple[str, list[Field]]:
    from pantucci_bib.formats.bibtex.write import biblatex_fields, bibtex_fields

    return bibtex_fields(record) if dialect == "bibtex" else biblatex_fields(record, None)


def with_verbatim(
    record: Record,
    written_type: str,
    raw: dict[str, str],
    blocks: Iterable[tuple[str, str]],
    *,
    bibtex: bool,
) -> Record:
    """``record`` keeping, as written, whatever of its entry the writer would not give back."""
    import attrs

    dialect = DIALECTS[not bibtex]
    entry_type, fields = _writer_entry(record, dialect)
    written = {name: _written(value, braced) for name, value, braced in fields}
    kept = [Verbatim(dialect, name, text, None) for name, text in blocks]
    if written_type != entry_type:
        kept.append(Verbatim(dialect, ENTRY_TYPE_FIELD, written_type, entry_type))
    kept.extend(keep_as_written(dialect, raw, written, known=READ_FIELDS.__contains__))
    order = list(raw)
    if kept or order != [name for name in written if name in raw]:
        kept.append(Verbatim(dialect, FIELD_ORDER, " ".join(order), None))
    return attrs.evolve(record, extra=(*record.extra, *kept)) if kept else record


STRING_FIELD = "@string"


def string_blocks(records: Iterable[Record]) -> list[str]:
    """The @string blocks the records' kept values use, each once, in the order first met."""
    seen: dict[str, None] = {}
    for record in records:
        for kept in record.extra:
            if kept.name == STRING_FIELD and kept.format in DIALECTS and kept.value:
                seen.setdefault(kept.value)
    return list(seen)


def apply_verbatim(
    record: Record, entry_type: str, fields: list[Field], dialect: str
) -> tuple[str, list[Field], list[str]]:
    """The writer's entry with the record's kept fields applied: (type, fields, blocks).

    A field kept by this dialect replaces the writer's own while the writer still renders
    what it rendered when the file was read; a field the model has no place for is written
    by either dialect; ``blocks`` are the @preamble/@comment blocks to write before it.
    """
    if not record.extra:
        return entry_type, fields, []
    current = {name: (value, braced) for name, value, braced in fields}
    blocks: list[str] = []
    order: list[str] = []
    for kept in record.extra:
        if kept.format not in DIALECTS or (kept.format != dialect and kept.rendered is not None):
            continue
        if kept.name == FIELD_ORDER:
            if kept.format == dialect and kept.value:
                order = kept.value.split(" ")
            continue
        if kept.name == STRING_FIELD:
            continue  # written once, at the head of the file (string_blocks)
        if kept.name in BLOCK_FIELDS:
            if kept.value is not None:
                blocks.append(kept.value)
            continue
        if kept.name == ENTRY_TYPE_FIELD:
            if kept.value is not None and kept.rendered == entry_type:
                entry_type = kept.value
            continue
        now = current.get(kept.name)
        if not stands_for(kept, _written(*now) if now else None):
            continue  # the record changed since it was read: the writer's own wins
        if kept.value is None:
            current.pop(kept.name, None)
        else:
            current[kept.name] = (kept.value, False)
    out = [(name, value, braced) for name, (value, braced) in current.items()]
    if order:  # the fields in the order the file had them, new ones after
        place = {name: index for index, name in enumerate(order)}
        out.sort(key=lambda field: place.get(field[0], len(place)))
    return entry_type, out, blocks
