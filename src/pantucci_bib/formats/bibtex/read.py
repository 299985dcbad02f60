"""BibTeX and BibLaTeX reader: ``.bib`` files as Zotero, Better BibTeX, JabRef and we write them.

Which libraries, and why:

* **bibtexparser v2** splits the file into blocks. Its splitter keeps the line of every
  entry, and after a malformed entry it resynchronises at the next ``@`` that starts a line
  and hands the broken text back as a *failed block* with its line. That is exactly "report
  the entry with file:line, skip it, read the rest". Only the splitter is used
  (``parse_stack=[]``): field values come back raw, and ``@string`` macros, ``#``
  concatenation and month macros are evaluated here, so that concatenation works too.
* **pybtex** parses names. Its ``Person`` implements BibTeX's own name rules (``von Last,
  Jr, First``, ``First von Last``, brace-protected parts); pybtex's bibliography *parser* is
  not used, because it reports syntax errors through a process-wide strict switch and keeps
  no line numbers.
* LaTeX → Unicode decoding is this module's own, because it must invert
  :func:`pantucci_bib.latex.escape` exactly: emitting a file, reading it and emitting again
  gives the same bytes (the round-trip tests check it for the corpus and for generated
  records).

The two dialects differ in two places only. ``bibtex`` (ASCII files for plain.bst) decodes
TeX typography (````` `` ````` → “, ``--`` → –) and reads back the sentences the BibTeX writer
puts into ``note`` ("Interview by …", :func:`~pantucci_bib.formats.bibtex.write.original_sentence`).
``biblatex`` (UTF-8 files for biber) keeps ``--`` and quotes as written, except for the
en dash of page ranges, and takes ``note`` as it is. Both accept either dialect's fields
(``journal``/``journaltitle``, ``year``+``month``/``date``, ``address``/``location`` …).

Fields the model has no place for (``file``, ``timestamp``, ``shorttitle`` …) are ignored.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from pantucci_bib.dates import MONTH_NAMES
from pantucci_bib.formats.bibtex.latex_decode import decode_latex
from pantucci_bib.formats.bibtex.mapping import (
    ALIAS_GENRES,
    BLOCK_FIELDS,
    EDITOR_TYPES,
    ENTRY_TYPES,
    EPRINT_TYPES,
    GENRE_KEYS,
    ISSUE_NUMBERED,
    PUBSTATES,
    SERIES_NUMBERED,
    TEXT_FIELDS,
)
from pantucci_bib.formats.bibtex.names import parse_people, split_bibtex_names
from pantucci_bib.formats.bibtex.notes import (
    LANGUAGE_CODES,
    parse_original_sentence,
    split_bibtex_note,
)
from pantucci_bib.formats.bibtex.related import (
    ORIGIN_RELATIONS,
    biblatex_original,
    resolve_crossrefs,
)
from pantucci_bib.formats.bibtex.types import TYPES
from pantucci_bib.formats.bibtex.values import (
    MalformedValue,
    evaluate,
    parse_edtf,
    read_issued,
    split_concatenation,
)
from pantucci_bib.formats.bibtex.verbatim import with_verbatim
from pantucci_bib.formats.bibtex.write import UNTITLED
from pantucci_bib.latex import protect_title
from pantucci_bib.model import (
    Person,
    Provenance,
    Record,
    RecordType,
    Relation,
    RelationKind,
)
from pantucci_bib.problems import ParseResult, Problem

__all__ = [  # the reader, and the helpers other formats and the tests use
    "decode_latex",
    "parse_original_sentence",
    "read_biblatex",
    "read_bibtex",
    "split_bibtex_names",
    "split_bibtex_note",
]

_SPACES = re.compile(r"[ \t\r\n]+")

#: BibTeX's predefined month macros (``month = nov``).
MONTH_MACROS: dict[str, str] = {name[:3]: name.capitalize() for name in MONTH_NAMES}


_CSL_TYPES = frozenset(t.value for t in RecordType)
#: Fields that may hold the outlet, after the one the mapping table names for the type.
_CONTAINER_FIELDS = ("journaltitle", "journal", "booktitle", "titleaddon", "howpublished")


# ---------------------------------------------------------------------------------------
# Reading


@attrs.define
class _Entry:
    entry_type: str  # lower case
    key: str
    line: int
    fields: dict[str, str]  # evaluated values, inherited ones included
    written_type: str = ""  # the entry type as the file spells it ("Article")
    raw: dict[str, str] = attrs.field(factory=dict)  # the entry's own values as written
    blocks: list[tuple[str, str]] = attrs.field(factory=list)  # @preamble/@comment before it
    strings: list[str] = attrs.field(factory=list)  # the @string blocks its values use


def read_bibtex(text: str, source: str) -> ParseResult:
    """Records from a BibTeX file (TeX typography decoded, ``note`` sentences read back)."""
    return _read(text, source, bibtex=True)


def read_biblatex(text: str, source: str) -> ParseResult:
    """Records from a BibLaTeX file (UTF-8 taken as written, BibLaTeX fields preferred)."""
    return _read(text, source, bibtex=False)


def _read(text: str, source: str, *, bibtex: bool) -> ParseResult:
    from bibtexparser import model as bib
    from bibtexparser.entrypoint import parse_string

    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # failed blocks are reported as Problems instead
    try:
        library = parse_string(text.removeprefix("\ufeff"), parse_stack=[])
    finally:
        logger.setLevel(level)

    problems: list[Problem] = []

    def problem(line: int, message: str, severity: str = "error") -> None:
        problems.append(Problem(Provenance(source, line), message, severity))

    macros: dict[str, str] = dict(MONTH_MACROS)
    definitions: dict[str, list[str]] = {}  # macro → its @string block and those it uses
    entries: list[_Entry] = []
    first_line: dict[str, int] = {}
    pending: list[tuple[str, str]] = []  # @preamble and @comment blocks, kept with the next entry
    block: Any
    for block in library.blocks:
        line = (block.start_line or 0) + 1

        def undefined(name: str, line: int = line) -> None:
            problem(line, f"undefined macro {name!r} (read as empty)", "warning")

        entry: _Entry | None = None
        if isinstance(block, bib.String):
            try:
                name = block.key.lower()
                macros[name] = evaluate(str(block.value), macros, undefined)
                used = _used_macros(str(block.value), definitions)
                definitions[name] = [
                    *used,
                    str(block.raw or f"@string{{{block.key} = {block.value}}}"),
                ]
            except MalformedValue as exc:
                problem(line, f"@string {block.key}: {exc}; skipped")
        elif isinstance(block, (bib.Preamble, bib.ExplicitComment)):
            pending.append(
                (BLOCK_FIELDS[isinstance(block, bib.ExplicitComment)], str(block.raw or ""))
            )
        elif isinstance(block, bib.DuplicateBlockKeyBlock):
            key = block.key
            problem(
                line, f"duplicate key {key!r} (first at line {first_line.get(key, '?')}); skipped"
            )
        elif isinstance(block, bib.DuplicateFieldKeyBlock):
            kept: Any = block.ignore_error_block
            names = sorted(block.duplicate_keys)
            problem(
                line,
                f"{kept.key}: repeated field(s) {', '.join(names)}; the first is kept",
                "warning",
            )
            entry = _collect(kept, line, macros, definitions, problem)
        elif isinstance(block, bib.ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", "") or str(block.error)
            raw = str(block.raw or "").strip()
            head = raw.splitlines()[0][:60] if raw else ""
            problem(line, f"malformed entry skipped: {reason.strip()} ({head})")
        elif isinstance(block, bib.Entry):
            entry = _collect(block, line, macros, definitions, problem)
        if entry is not None:
            first_line.setdefault(entry.key, line)
            entry.blocks, pending = pending, []
            entries.append(entry)
    if pending and entries:  # blocks after the last entry stay with it
        entries[-1].blocks.extend(pending)
    elif pending:
        problem(1, f"{len(pending)} @preamble/@comment block(s) and no entry: nothing kept")

    resolve_crossrefs(entries, problem)
    records: list[Record] = []
    for entry in entries:
        record = _record(entry, source, bibtex=bibtex, problem=problem)
        if record is not None:
            records.append(
                with_verbatim(
                    record,
                    entry.written_type,
                    entry.raw,
                    [*(("@string", text) for text in entry.strings), *entry.blocks],
                    bibtex=bibtex,
                )
            )
    return ParseResult(records, sorted(problems, key=lambda p: p.where.line))


def _used_macros(raw: str, definitions: Mapping[str, list[str]]) -> list[str]:
    """The @string blocks a raw value needs, those they need first, each once."""
    blocks: list[str] = []
    for part in split_concatenation(raw):
        for text in definitions.get(part.lower(), ()):
            if text not in blocks:
                blocks.append(text)
    return blocks


def _collect(
    block: Any,
    line: int,
    macros: Mapping[str, str],
    definitions: Mapping[str, list[str]],
    problem: Callable[..., None],
) -> _Entry | None:
    fields: dict[str, str] = {}
    raw_fields: dict[str, str] = {}
    strings: list[str] = []
    for field in block.fields:
        name = str(field.key).strip().lower()
        if name in fields:
            continue

        def undefined(macro: str, field_line: int = field.start_line + 1) -> None:
            problem(
                field_line,
                f"{block.key}: undefined macro {macro!r} (read as empty; kept as written)",
                "warning",
            )

        raw = str(field.value).strip()
        try:
            fields[name] = evaluate(raw, macros, undefined)
        except MalformedValue as exc:
            problem(field.start_line + 1, f"entry {block.key!r} skipped: field {name!r}: {exc}")
            return None
        # a value that uses @string macros is kept as written, with the @string blocks
        strings.extend(text for text in _used_macros(raw, definitions) if text not in strings)
        raw_fields[name] = raw
    written = str(block.entry_type)
    return _Entry(
        written.lower(), str(block.key), line, fields, written, raw_fields, strings=strings
    )


def _record_type(entry: _Entry, fields: Mapping[str, str]) -> tuple[RecordType, str]:
    """The record type, and a message when the entry type had to be guessed."""
    kind = entry.entry_type
    subtype = fields.get("entrysubtype", "").strip().lower()
    type_field = fields.get("type", "").strip().lower()
    if kind == "article":
        if subtype == "newspaper":
            return RecordType.ARTICLE_NEWSPAPER, ""
        if subtype == "magazine":
            return RecordType.ARTICLE_MAGAZINE, ""
        if subtype in ("review", "review-book"):
            return RecordType(subtype), ""
        return RecordType.ARTICLE_JOURNAL, ""
    if kind in ("online", "misc") and subtype == "blog":
        return RecordType.POST_WEBLOG, ""
    if kind == "misc" and subtype in _CSL_TYPES:  # how the writer keeps a type
        return RecordType(subtype), ""
    if kind == "misc" and (
        type_field == "interview" or fields.get("editortype", "").lower() == "interviewer"
    ):
        return RecordType.INTERVIEW, ""
    if kind in ENTRY_TYPES:
        return ENTRY_TYPES[kind], ""
    return RecordType.DOCUMENT, f"unknown entry type @{kind}, read as a document (kept as written)"


def _record(
    entry: _Entry, source: str, *, bibtex: bool, problem: Callable[..., None]
) -> Record | None:
    fields = entry.fields
    line = entry.line

    undecoded: list[str] = []  # TeX kept as written, reported once for the entry

    def text(name: str) -> str:
        raw = fields.get(name, "")
        if name in _PROTECTABLE and "{" in raw:
            plain = decode_latex(raw, typography=bibtex).strip()
            if name != "title" or protect_title(plain, ascii_only=bibtex) != raw.strip():
                # the file's own case protection (not what our writer would add): kept
                return decode_latex(raw, typography=bibtex, nocase=True, kept=undecoded).strip()
            return plain
        return decode_latex(raw, typography=bibtex, kept=undecoded).strip()

    def verbatim(name: str) -> str:
        return decode_latex(fields.get(name, ""), typography=False, tilde=False).strip()

    def warn(message: str) -> None:
        problem(line, f"{entry.key}: {message}", "warning")

    def decode(raw: str) -> str:
        return decode_latex(raw, typography=bibtex, kept=undecoded)

    record_type, guessed = _record_type(entry, fields)
    if guessed:
        warn(guessed)
    people: dict[str, tuple[Person, ...]] = {}
    for role in ("author", "editor", "translator"):
        if role in fields:
            found, messages, et_al = parse_people(fields[role], decode)
            people[role] = found
            for message in messages:
                warn(message)
            if et_al:
                warn(f"{role} list ends in 'and others'; only the named {role}s are kept")
    interviewer: tuple[Person, ...] = ()
    if fields.get("editortype", "").strip().lower() == "interviewer":
        interviewer = people.pop("editor", ())
    more: dict[str, Any] = {}  # the fields beyond the corpus's
    for role, variable in (("bookauthor", "container_author"), *_EDITORS):
        if role not in fields:
            continue
        if role.startswith("editor"):
            variable = EDITOR_TYPES.get(fields.get(role + "type", "").strip().lower(), "")
            if not variable:
                continue  # kept as written: the model has no role for it
        found, messages, _ = parse_people(fields[role], decode)
        more[variable] = more.get(variable, ()) + found
        for message in messages:
            warn(message)
    for name, attr in TEXT_FIELDS.items():
        if name in fields and attr not in more:
            more[attr] = text(name)

    title = _joined(text("title"), text("subtitle"), ": ")
    if title == UNTITLED:
        title = ""
    main = _joined(text("maintitle"), text("mainsubtitle"), ": ")
    in_book = "booktitle" in fields
    if main and not in_book:  # one volume of a multi-volume work, as pandoc reads it
        more["volume_title"], title = title, main
    # the outlet is where the mapping table puts it for this type, else any outlet field
    mapping = TYPES[record_type]
    container_field = mapping.bibtex_container if bibtex else mapping.biblatex_container
    container = ""
    for name in (container_field, *_CONTAINER_FIELDS):
        if name and name in fields:
            container = text(name)
            if name == "type" and container == mapping.biblatex_type_field:
                container = ""  # BibLaTeX's generic type ("Report"), not a series
            if name == "booktitle":
                container = _joined(container, text("booksubtitle"), ": ")
            break
    if main and in_book:  # a part of one volume of a multi-volume work
        more["volume_title"], container = container, main
    section = text("journalsubtitle")
    url = verbatim("url")
    if not url and container.startswith(("http://", "https://")):  # old-style howpublished
        url, container = container, ""
    publisher = ""
    for name in ("publisher", "organization", "institution", "school"):
        if name in fields:
            publisher = text(name)
            break
    genre = ""
    type_field = text("type")
    if container_field != "type" and type_field and type_field != mapping.biblatex_type_field:
        genre = GENRE_KEYS.get(type_field.lower(), type_field)
    elif entry.entry_type in ALIAS_GENRES:
        genre = ALIAS_GENRES[entry.entry_type]
    number = text("number")
    issue = text("issue")
    if entry.entry_type in ISSUE_NUMBERED:
        issue, number = number or issue, text("eid")
    elif entry.entry_type in SERIES_NUMBERED and "series" in fields:
        more["collection_number"], number = number, ""
    eprint_type = (fields.get("eprinttype") or fields.get("archiveprefix") or "").strip().lower()
    if eprint_type in EPRINT_TYPES and (eprint := verbatim("eprint")):
        attr = EPRINT_TYPES[eprint_type]
        if attr == "number" and not number:
            number = f"arXiv:{eprint}"
        elif attr != "number":
            more.setdefault(attr, eprint)
    if pubstate := text("pubstate"):
        more["status"] = PUBSTATES.get(pubstate.lower(), pubstate)
    if fields.get("eventdate"):
        try:
            more["event_date"] = parse_edtf(fields["eventdate"])
        except ValueError:
            warn(f"eventdate {fields['eventdate']!r} not read; kept as written")
    page = text("pages")
    if not bibtex:
        page = re.sub(r"(?<!-)--(?!-)", "–", page)

    issued = read_issued(fields, warn)
    accessed = None
    if fields.get("urldate"):
        try:
            accessed = parse_edtf(fields["urldate"])
        except ValueError:
            warn(f"urldate {fields['urldate']!r} not read")

    note = _joined(text("note"), text("addendum"), ". ")
    original = biblatex_original(fields, text, warn)
    relations: list[Relation] = []
    if bibtex and fields.get("note"):  # the writer's sentences, down to its trailing space
        note_people, note_original, rest = split_bibtex_note(decode(fields["note"]))
        note = _joined(rest.strip(), text("addendum"), ". ")
        interviewer = interviewer or note_people
        original = original or note_original
    if interviewer and record_type is RecordType.DOCUMENT:
        record_type = RecordType.INTERVIEW
    related_type = fields.get("relatedtype", "").strip().lower()
    related = [key.strip() for key in fields.get("related", "").split(",") if key.strip()]
    if related_type == "cites":
        relations.extend(Relation(RelationKind.CITES, key) for key in related)
    if original and original.related_key and original.kind in ORIGIN_RELATIONS:
        relations.append(Relation(ORIGIN_RELATIONS[original.kind], original.related_key))

    language = text("langid") or text("language")
    language = LANGUAGE_CODES.get(language.lower(), language)
    keywords = tuple(k.strip() for k in re.split(r"[,;]", text("keywords")) if k.strip())
    if undecoded:
        warn("TeX kept as written (no Unicode reading): " + ", ".join(dict.fromkeys(undecoded)))
    try:
        return Record(
            key=entry.key,
            type=record_type,
            title=title,
            author=people.get("author", ()),
            interviewer=interviewer,
            editor=people.get("editor", ()),
            translator=people.get("translator", ()),
            standfirst=text("abstract"),
            genre=genre,
            container_title=container,
            section=section,
            publisher=publisher,
            publisher_place=text("location") or text("address"),
            volume=text("volume"),
            issue=issue,
            number=number,
            page=page,
            issued=issued,
            accessed=accessed,
            original=original,
            language=language,
            url=url,
            doi=verbatim("doi"),
            isbn=text("isbn"),
            keywords=keywords,
            note=note,
            relations=relations,
            appearances=(Provenance(source, line),),
            **{attr: value for attr, value in more.items() if value},
        )
    except ValueError as exc:
        problem(line, f"entry {entry.key!r} skipped: {exc}")
        return None


#: Fields whose braces protect case from a style (kept as ``<span class="nocase">``).
_PROTECTABLE = frozenset(
    {"title", "subtitle", "booktitle", "booksubtitle", "maintitle", "shorttitle", "origtitle"}
)
_EDITORS = (("editora", ""), ("editorb", ""), ("editorc", ""))


def _joined(head: str, tail: str, separator: str) -> str:
    """``Title: Subtitle`` (no colon after a title ending in ? or !)."""
    if not (head and tail):
        return head or tail
    if head.endswith(("?", "!", ":", ".")):
        return f"{head} {tail}"
    return f"{head}{separator}{tail}"
