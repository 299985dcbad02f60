"""BibTeX (for bibtex + plain.bst and friends) and BibLaTeX (for biber) writers."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from pantucci_bib.dates import MONTH_NAMES
from pantucci_bib.formats.bibtex.types import (
    BIBLATEX_FIELDS,
    BIBLATEX_RELATED,
    BIBTEX_FIELDS,
    BIBTEX_MONTHS,
    LANGUAGE_NAMES,
    NO_AUTHOR_TYPE,
    TYPES,
    UNKNOWN_DATE,
    TypeMap,
)
from pantucci_bib.latex import escape, protect_title
from pantucci_bib.model import (
    OriginalPublication,
    OriginKind,
    PartialDate,
    Person,
    Record,
    RecordType,
    RelationKind,
)

#: Devised title for untitled pieces; square brackets mark it as supplied by the cataloguer.
UNTITLED = "[Untitled]"

Field = tuple[str, str, bool]  # name, value, braced (False for month macros)


def format_name(person: Person, *, ascii_only: bool) -> str:
    """One name in BibTeX's ``von Last, Jr, First`` form; corporate names braced."""
    if person.literal:
        return "{" + escape(person.literal, ascii_only=ascii_only) + "}"
    family = escape(person.full_family, ascii_only=ascii_only)
    if " " in person.family:  # a multi-word family name must stay one unit
        family = (
            (person.particle + " " if person.particle else "")
            + "{"
            + escape(person.family, ascii_only=ascii_only)
            + "}"
        )
    parts = [family]
    if person.suffix:
        parts.append(escape(person.suffix, ascii_only=ascii_only))
    if person.given:
        parts.append(escape(person.given, ascii_only=ascii_only))
    return ", ".join(parts)


def format_names(people: Iterable[Person], *, ascii_only: bool) -> str:
    return " and ".join(format_name(p, ascii_only=ascii_only) for p in people)


def _names_sentence(people: Iterable[Person]) -> str:
    names = [p.display() for p in people]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _bibtex_year(date: PartialDate) -> str:
    if date.year is None:
        return escape(date.literal)
    same_year = date.end_year is None or date.end_year == date.year
    year = str(date.year) if same_year else f"{date.year}--{date.end_year}"
    return f"[{year}?]" if date.circa else year


def _date_text(date: PartialDate) -> str:
    if date.year is None:
        return date.literal
    if date.month is None:
        return str(date.year)
    month = MONTH_NAMES[date.month - 1].capitalize()
    return f"{date.day} {month} {date.year}" if date.day else f"{month} {date.year}"


def _biblatex_date(date: PartialDate) -> str:
    """EDTF as biber reads it: times need seconds (``2016-02-16T14:00:00``); a date only in
    words is unknown to EDTF (``XXXX``)."""
    if date.year is None:
        return UNKNOWN_DATE
    text = date.edtf()
    if date.hour is not None:
        text = text.replace(
            f"T{date.hour:02d}:{date.minute:02d}", f"T{date.hour:02d}:{date.minute:02d}:00"
        )
    return text


def original_sentence(original: OriginalPublication) -> str:
    """A short English sentence describing the original publication (for BibTeX's note)."""
    where = ", ".join(
        p
        for p in (
            original.container_title,
            original.publisher,
            _date_text(original.issued) if original.issued else "",
        )
        if p
    )
    title = f"“{original.title}”" if original.title else ""
    if original.kind is OriginKind.PRINT_TITLE:
        return f"Print edition title: {title}" if title else "Print edition"
    if original.kind is OriginKind.EXTRACT:
        book = original.title or "a longer work"
        by = f" by {_names_sentence(original.author)}" if original.author else ""
        return f"Extract from {book}{by}" + (f" ({where})" if where else "")
    if original.kind is OriginKind.TRANSLATION:
        lang = LANGUAGE_NAMES.get(original.language, original.language).capitalize()
        source = f"{lang} original" if lang else "original"
        return f"Translated from the {source}" + (f", {title}" if title else "")
    if original.kind is OriginKind.EXPANDED:
        return "Expanded version of " + ", ".join(
            p for p in (title or "an earlier piece", where) if p
        )
    return "Reprinted from " + ", ".join(p for p in (title, where) if p)


def _container(record: Record) -> str:
    if record.section and record.container_title:
        return f"{record.container_title}, {record.section}"
    return record.container_title or record.section


def _type_map(record: Record) -> TypeMap:
    """The record type's mapping; an unsigned piece of a type that needs an author is
    written the way NO_AUTHOR_TYPE is."""
    mapping = TYPES[record.type]
    if mapping.needs_author and not record.author:
        return TYPES[NO_AUTHOR_TYPE]
    return mapping


def bibtex_fields(record: Record) -> tuple[str, list[Field]]:
    """Entry type and ordered fields of ``record`` for classic BibTeX."""
    mapping = _type_map(record)
    fields: list[Field] = []
    people = record.author or record.editor
    if record.author:
        fields.append(("author", format_names(record.author, ascii_only=True), True))
    elif record.editor:
        fields.append(("editor", format_names(record.editor, ascii_only=True), True))
    fields.append(("title", protect_title(record.title) if record.title else UNTITLED, True))
    container = _container(record)
    if mapping.bibtex_container and container:
        fields.append((mapping.bibtex_container, escape(container), True))
    if record.type is RecordType.REPORT and record.publisher:
        fields.append(("institution", escape(record.publisher), True))
    if record.issued:
        fields.append(("year", _bibtex_year(record.issued), True))
        if record.issued.month and record.issued.end_year is None:
            fields.append(("month", BIBTEX_MONTHS[record.issued.month - 1], False))
    for attr, name in BIBTEX_FIELDS.items():
        if record.type is RecordType.REPORT and attr == "publisher":
            continue
        if value := getattr(record, attr):
            fields.append((name, escape(value), True))
    notes = []
    if record.interviewer:
        notes.append(f"Interview by {_names_sentence(record.interviewer)}")
    if record.original:
        notes.append(original_sentence(record.original))
    if record.note:
        notes.append(record.note)
    if notes:
        fields.append(("note", escape(". ".join(n.rstrip(".") for n in notes)), True))
    if record.keywords:
        fields.append(("keywords", escape(", ".join(record.keywords)), True))
    fields.extend(_more_fields(record, BIBTEX_MORE, fields, ascii_only=True))
    if not people:  # plain.bst sorts an entry with no author or editor by its `key`
        fields.append(("key", escape(container or record.title or UNTITLED), True))
    return mapping.bibtex, fields


def biblatex_fields(
    record: Record, present: Collection[str] | None = None
) -> tuple[str, list[Field]]:
    """Entry type and ordered fields of ``record`` for BibLaTeX/biber.

    ``present`` holds the keys written in the same file: a ``cites`` relation to a record
    outside it is left out, since biber cannot resolve it.
    """
    mapping = _type_map(record)
    entry_type = mapping.biblatex
    container_field = mapping.biblatex_container
    if mapping.biblatex_needs_url and not record.url:
        entry_type, container_field = mapping.biblatex_no_url, "howpublished"
    if mapping.biblatex_no_editor and not record.editor:
        entry_type = mapping.biblatex_no_editor
    fields: list[Field] = []

    def add(name: str, value: str) -> None:
        # a field is written once: the first value wins (a report's series is its `type`)
        if value and all(name != existing for existing, _, _ in fields):
            fields.append((name, value, True))

    add("author", format_names(record.author, ascii_only=False))
    if record.editor:
        add("editor", format_names(record.editor, ascii_only=False))
    elif record.interviewer:
        add("editor", format_names(record.interviewer, ascii_only=False))
        add("editortype", "interviewer")
    add("translator", format_names(record.translator, ascii_only=False))
    add("title", protect_title(record.title, ascii_only=False) if record.title else UNTITLED)
    if container_field == "journaltitle":
        add("journaltitle", escape(record.container_title, ascii_only=False))
        add("journalsubtitle", escape(record.section, ascii_only=False))
    elif container_field:
        add(container_field, escape(_container(record), ascii_only=False))
    add("entrysubtype", mapping.biblatex_subtype)
    add("type", mapping.biblatex_type_field)
    if record.issued and record.issued.year is None:  # a date only in words: biber keeps it
        add("year", escape(record.issued.literal, ascii_only=False))
    else:
        add("date", _biblatex_date(record.issued) if record.issued else UNKNOWN_DATE)
    if record.accessed:
        add("urldate", _biblatex_date(record.accessed))
    if mapping.biblatex_publisher:
        add(mapping.biblatex_publisher, escape(record.publisher, ascii_only=False))
    for attr, name in BIBLATEX_FIELDS.items():
        add(name, escape(getattr(record, attr), ascii_only=False))
    if record.language:
        add("langid", LANGUAGE_NAMES.get(record.language, record.language))
    if record.original:
        original = record.original
        add("origtitle", escape(original.title, ascii_only=False))
        if original.issued:
            add("origdate", _biblatex_date(original.issued))
        add(
            "origpublisher",
            escape(original.publisher or original.container_title, ascii_only=False),
        )
        if original.language:
            add("origlanguage", LANGUAGE_NAMES.get(original.language, original.language))
        related_type, related_string = BIBLATEX_RELATED[original.kind]
        if original.related_key and related_type:
            add("related", original.related_key)
            add("relatedtype", related_type)
            add("relatedstring", related_string)
    cited = [k for k in record.related(RelationKind.CITES) if present is None or k in present]
    if cited and not (record.original and record.original.related_key):
        add("related", ",".join(cited))
        add("relatedtype", "cites")
        add("relatedstring", "Cites")
    add("note", escape(record.note, ascii_only=False))
    add("keywords", escape(", ".join(record.keywords), ascii_only=False))
    more = _more_fields(record, BIBLATEX_MORE, fields, ascii_only=False)
    if entry_type not in _EVENT_TYPES:  # biber's data model has events only for proceedings
        more = [field for field in more if field[0] not in ("eventtitle", "venue")]
    fields.extend(more)
    if entry_type == "thesis":  # biblatex requires a type: the genre, by its key if it has one
        add("type", _GENRE_KEYS.get(record.genre, escape(record.genre, ascii_only=False)))
        add("type", "Thesis")
    if entry_type == "article":  # no place of publication for an article in biber's model
        fields[:] = [field for field in fields if field[0] != "location"]
    if record.event_date and entry_type in _EVENT_TYPES:
        add("eventdate", _biblatex_date(record.event_date))
    if record.original and record.original.publisher_place:
        add("origlocation", escape(record.original.publisher_place, ascii_only=False))
    return entry_type, fields


#: Fields beyond the corpus's, written one to one where the record has them: attribute →
#: field. The first field of a name wins (``number`` holds the issue of an article).
BIBTEX_MORE: tuple[tuple[str, str], ...] = (
    ("edition", "edition"),
    ("collection_title", "series"),
    ("number", "number"),
    ("collection_number", "number"),
    ("issn", "issn"),
    ("chapter_number", "chapter"),
    ("title_short", "shorttitle"),
    ("annote", "annote"),
)
_GENRE_KEYS = {"PhD thesis": "phdthesis", "Master's thesis": "mathesis"}
_EVENT_TYPES = frozenset({"inproceedings", "proceedings", "mvproceedings"})
BIBLATEX_MORE: tuple[tuple[str, str], ...] = (
    ("edition", "edition"),
    ("collection_title", "series"),
    ("number", "number"),
    ("collection_number", "number"),
    ("issn", "issn"),
    ("chapter_number", "chapter"),
    ("title_short", "shorttitle"),
    ("container_title_short", "shortjournal"),
    ("event_title", "eventtitle"),
    ("event", "eventtitle"),
    ("event_place", "venue"),
    ("number_of_pages", "pagetotal"),
    ("number_of_volumes", "volumes"),
    ("version", "version"),
    ("status", "pubstate"),
    ("annote", "annotation"),
    ("part", "part"),
    ("volume_title", "maintitle"),
)


def _more_fields(
    record: Record, table: tuple[tuple[str, str], ...], fields: list[Field], *, ascii_only: bool
) -> list[Field]:
    taken = {name for name, _, _ in fields}
    out: list[Field] = []
    for attr, name in table:
        value = getattr(record, attr)
        if value and name not in taken:
            out.append((name, escape(value, ascii_only=ascii_only), True))
            taken.add(name)
    return out


def _entry(key: str, entry_type: str, fields: list[Field]) -> str:
    width = max((len(name) for name, _, _ in fields), default=0)
    lines = [f"@{entry_type}{{{key},"]
    for name, value, braced in fields:
        rendered = f"{{{value}}}" if braced else value
        lines.append(f"  {name.ljust(width)} = {rendered},")
    lines.append("}")
    return "\n".join(lines)


def _write(record: Record, dialect: str, present: Collection[str] | None) -> str:
    from pantucci_bib.formats.bibtex.verbatim import apply_verbatim

    if dialect == "bibtex":
        entry_type, fields = bibtex_fields(record)
    else:
        entry_type, fields = biblatex_fields(record, present)
    entry_type, fields, blocks = apply_verbatim(record, entry_type, fields, dialect)
    return "".join(block.rstrip() + "\n\n" for block in blocks) + _entry(
        record.key, entry_type, fields
    )


def _file(records: list[Record], dialect: str, present: Collection[str] | None) -> str:
    from pantucci_bib.formats.bibtex.verbatim import string_blocks

    parts = [block.rstrip() for block in string_blocks(records)]
    parts.extend(_write(r, dialect, present) for r in records)
    return "\n\n".join(parts) + "\n"


def emit_bibtex(records: Iterable[Record]) -> str:
    """Records as a classic BibTeX file (ASCII with LaTeX accents where a macro exists)."""
    return _file(list(records), "bibtex", None)


def emit_biblatex(records: Iterable[Record]) -> str:
    """Records as a BibLaTeX file for biber (UTF-8, EDTF dates, BibLaTeX's own fields)."""
    records = list(records)
    return _file(records, "biblatex", {r.key for r in records})
