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
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from pantucci_bib.dates import MONTH_NAMES, MONTHS, parse_iso
from pantucci_bib.formats.bibtex.write import UNTITLED, bibtex_fields, original_sentence
from pantucci_bib.formats.mapping import BIBLATEX_RELATED, LANGUAGE_NAMES, TYPES, UNKNOWN_DATE
from pantucci_bib.latex import escape
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
from pantucci_bib.names import parse_name, split_name_list
from pantucci_bib.problems import ParseResult, Problem

#: BibTeX's predefined month macros (``month = nov``).
MONTH_MACROS: dict[str, str] = {name[:3]: name.capitalize() for name in MONTH_NAMES}

#: Language names (``langid``, ``language = {English}``) → ISO 639-1 codes.
LANGUAGE_CODES: dict[str, str] = {name: code for code, name in LANGUAGE_NAMES.items()}

#: BibLaTeX ``relatedtype`` → the kind of original it names, and the matching relation.
RELATED_KINDS: dict[str, OriginKind] = {
    related_type: kind for kind, (related_type, _) in BIBLATEX_RELATED.items() if related_type
}
ORIGIN_RELATIONS: dict[OriginKind, RelationKind] = {
    OriginKind.EXTRACT: RelationKind.EXTRACT_OF,
    OriginKind.TRANSLATION: RelationKind.TRANSLATION_OF,
    OriginKind.EXPANDED: RelationKind.EXPANDED_FROM,
    OriginKind.REPRINT: RelationKind.REPRINT_OF,
}

#: Entry types other than the ones our writers use, read as the nearest RecordType.
ENTRY_TYPES: dict[str, RecordType] = {
    "article": RecordType.ARTICLE_JOURNAL,
    "periodical": RecordType.ARTICLE_JOURNAL,
    "suppperiodical": RecordType.ARTICLE_JOURNAL,
    "book": RecordType.BOOK,
    "mvbook": RecordType.BOOK,
    "collection": RecordType.BOOK,
    "mvcollection": RecordType.BOOK,
    "proceedings": RecordType.BOOK,
    "mvproceedings": RecordType.BOOK,
    "reference": RecordType.BOOK,
    "incollection": RecordType.CHAPTER,
    "inbook": RecordType.CHAPTER,
    "bookinbook": RecordType.CHAPTER,
    "suppbook": RecordType.CHAPTER,
    "suppcollection": RecordType.CHAPTER,
    "inproceedings": RecordType.CHAPTER,
    "conference": RecordType.CHAPTER,
    "inreference": RecordType.CHAPTER,
    "techreport": RecordType.REPORT,
    "report": RecordType.REPORT,
    "thesis": RecordType.REPORT,
    "phdthesis": RecordType.REPORT,
    "mastersthesis": RecordType.REPORT,
    "online": RecordType.WEBPAGE,
    "electronic": RecordType.WEBPAGE,
    "www": RecordType.WEBPAGE,
    "misc": RecordType.DOCUMENT,
    "booklet": RecordType.DOCUMENT,
    "manual": RecordType.DOCUMENT,
    "unpublished": RecordType.DOCUMENT,
    "software": RecordType.DOCUMENT,
    "dataset": RecordType.DOCUMENT,
}
#: Fields that may hold the outlet, after the one the mapping table names for the type.
_CONTAINER_FIELDS = ("journaltitle", "journal", "booktitle", "titleaddon", "howpublished")
_THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}

#: Fields a crossref child never inherits from its parent.
_NOT_INHERITED = frozenset(
    {
        "crossref",
        "xref",
        "xdata",
        "ids",
        "entryset",
        "title",
        "subtitle",
        "titleaddon",
        "shorttitle",
        "sorttitle",
        "indextitle",
        "indexsorttitle",
        "label",
        "related",
        "relatedtype",
        "relatedstring",
        "entrysubtype",
    }
)

# ---------------------------------------------------------------------------------------
# LaTeX → Unicode

_ACCENTS: dict[str, str] = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    '"': "\u0308",
    "=": "\u0304",
    ".": "\u0307",
    "r": "\u030a",
    "H": "\u030b",
    "v": "\u030c",
    "u": "\u0306",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
    "d": "\u0323",
}
_SYMBOLS: dict[str, str] = {
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "guillemotleft": "«",
    "guillemotright": "»",
    "guillemetleft": "«",
    "guillemetright": "»",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "ss": "ß",
    "ae": "æ",
    "AE": "Æ",
    "o": "ø",
    "O": "Ø",
    "l": "ł",
    "L": "Ł",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "i": "ı",
    "j": "ȷ",
    "S": "§",
    "P": "¶",
    "copyright": "©",
    "textcopyright": "©",
    "pounds": "£",
    "textsterling": "£",
    "euro": "€",
    "texteuro": "€",
    "textregistered": "®",
    "texttrademark": "™",
    "textdegree": "°",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
}
_DOTLESS_BASE = {"i": "i", "j": "j"}  # \'\i is an accented i
_COMMAND = re.compile(r"[A-Za-z]+")
_LATEX_MARKUP = re.compile(r"[\\{}$~`'-]")  # every character decode_latex reads specially
_SPACES = re.compile(r"[ \t\r\n]+")


def _group_end(text: str, start: int) -> int:
    """Index just past the ``}`` matching the ``{`` at ``start`` (or the end of text)."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(text)


def decode_latex(text: str, *, typography: bool = True, tilde: bool = True) -> str:
    """Turn BibTeX field text into Unicode.

    Undoes :func:`pantucci_bib.latex.escape` exactly; also reads accents in every spelling
    (``{\\"u}``, ``\\"u``, ``\\"{u}``), letter macros, formatting commands (their argument
    is kept) and case-protecting braces (dropped). ``typography`` reads TeX's ASCII
    ligatures (````` `` ````` ``''`` ``--`` ``---``); ``tilde`` reads ``~`` as a no-break
    space (off for URLs).
    """
    if not _LATEX_MARKUP.search(text):
        return text  # most field text: nothing for the loop below to read
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\\":
            piece, index = _command(text, index, typography=typography, tilde=tilde)
            out.append(piece)
            continue
        if char in "{}$":
            index += 1
            continue
        if char == "~" and tilde:
            out.append("\u00a0")
        elif typography and char == "-" and text.startswith("--", index):
            if text.startswith("---", index):
                out.append("—")
                index += 3
            else:
                out.append("–")
                index += 2
            continue
        elif typography and char == "`":
            if text.startswith("``", index):
                out.append("“")
                index += 2
                continue
            out.append("‘")
        elif typography and char == "'" and text.startswith("''", index):
            out.append("”")
            index += 2
            continue
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _command(text: str, index: int, *, typography: bool, tilde: bool) -> tuple[str, int]:
    """Decode the control sequence starting at ``text[index] == "\\"``."""
    if index + 1 >= len(text):
        return "\\", index + 1
    nxt = text[index + 1]
    if nxt in "{}&%$#_":
        return nxt, index + 2
    if nxt in " ,;:!":
        return " ", index + 2
    if nxt == "\\":
        return " ", index + 2
    if nxt in _ACCENTS and not nxt.isalpha():
        return _accent(text, index + 2, _ACCENTS[nxt], typography=typography, tilde=tilde)
    match = _COMMAND.match(text, index + 1)
    if not match:
        return nxt, index + 2
    name, end = match.group(0), match.end()
    after = text[end : end + 1]
    if name in _ACCENTS and after in ("{", " ", "\\"):
        return _accent(text, end, _ACCENTS[name], typography=typography, tilde=tilde)
    if name in _SYMBOLS:
        return _SYMBOLS[name], _skip_after_word(text, end)
    if after == "{":
        close = _group_end(text, end)
        if name == "href":  # \href{url}{text}: keep the text
            second = close
            if text[second : second + 1] == "{":
                end2 = _group_end(text, second)
                inner = text[second + 1 : end2 - 1]
                return decode_latex(inner, typography=typography, tilde=tilde), end2
        inner = text[end + 1 : close - 1]
        if name in ("url", "nolinkurl", "path"):
            return decode_latex(inner, typography=False, tilde=False), close
        return decode_latex(inner, typography=typography, tilde=tilde), close
    return "", _skip_after_word(text, end)


def _skip_after_word(text: str, index: int) -> int:
    """After a control word TeX drops one ``{}`` or the spaces that follow."""
    if text.startswith("{}", index):
        return index + 2
    while index < len(text) and text[index] in " \t\n":
        index += 1
    return index


def _accent(text: str, index: int, mark: str, *, typography: bool, tilde: bool) -> tuple[str, int]:
    while index < len(text) and text[index] == " ":
        index += 1
    if index >= len(text):
        return "", index
    if text[index] == "{":
        close = _group_end(text, index)
        inner = text[index + 1 : close - 1]
        if inner.strip() in ("\\i", "\\j"):
            base = _DOTLESS_BASE[inner.strip()[1]]
        else:
            base = decode_latex(inner, typography=typography, tilde=tilde)
        end = close
    elif text[index] == "\\":
        match = _COMMAND.match(text, index + 1)
        name = match.group(0) if match else ""
        base = _DOTLESS_BASE.get(name) or _SYMBOLS.get(name, "")
        end = _skip_after_word(text, match.end()) if match else index + 1
    else:
        base, end = text[index], index + 1
    if not base:
        return "", end
    return unicodedata.normalize("NFC", base[0] + mark) + base[1:], end


# ---------------------------------------------------------------------------------------
# Field values: macros, concatenation, whitespace


def _split_concatenation(raw: str) -> list[str]:
    """Split a raw field value at the top-level ``#`` operators."""
    if "#" not in raw:
        return [raw.strip()]
    parts: list[str] = []
    depth = 0
    in_quotes = False
    start = 0
    escaped = False
    for index, char in enumerate(raw):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            in_quotes = not in_quotes
        elif char == "#" and depth == 0 and not in_quotes:
            parts.append(raw[start:index].strip())
            start = index + 1
    parts.append(raw[start:].strip())
    return parts


def evaluate(raw: str, macros: Mapping[str, str], undefined: Callable[[str], None]) -> str:
    """The text of a raw field value: braces or quotes removed, macros and ``#`` resolved."""
    pieces: list[str] = []
    for part in _split_concatenation(raw):
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            pieces.append(part[1:-1])
        elif part.isdigit():
            pieces.append(part)
        elif part.lower() in macros:
            pieces.append(macros[part.lower()])
        elif part:
            undefined(part)
    return _SPACES.sub(" ", "".join(pieces)).lstrip()  # a trailing space may be meant


# ---------------------------------------------------------------------------------------
# Names


def _fully_braced(raw: str) -> bool:
    """``{World Bank}``: one brace group around the whole name (not an accent like ``{\\"U}``)."""
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    if _group_end(raw, 0) != len(raw):
        return False
    return not re.fullmatch(r"\{\\[^{}]*\}", raw)


def split_bibtex_names(raw: str) -> list[str]:
    """Split a name list at the ``and`` that stand outside braces (``\\{`` is no brace)."""
    names: list[str] = []
    current: list[str] = []
    depth = 0
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "\\":
            current.append(raw[index : index + 2])
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char.isspace():
            match = re.match(r"\s+and\s+", raw[index:], flags=re.IGNORECASE)
            if match:
                names.append("".join(current))
                current = []
                index += match.end()
                continue
        current.append(char)
        index += 1
    names.append("".join(current))
    return [name.strip() for name in names if name.strip()]


def parse_people(
    raw: str, decode: Callable[[str], str]
) -> tuple[tuple[Person, ...], list[str], bool]:
    """Names of a BibTeX name list: the people, messages for unreadable names, "and others"."""
    from pybtex.database import Person as PybtexPerson
    from pybtex.exceptions import PybtexError

    people: list[Person] = []
    problems: list[str] = []
    et_al = False
    for name in split_bibtex_names(raw):
        name = name.strip()
        if name.lower() == "others":
            et_al = True
            continue
        try:
            if _fully_braced(name):
                people.append(Person(literal=_name_text(decode(name[1:-1]))))
                continue
            parsed: Any = PybtexPerson(name)
            last = list(parsed.last_names)
            von = list(parsed.prelast_names)
            if len(last) > 1:  # an unbraced multi-word family name: all but the last are a particle
                von += last[:-1]
                last = last[-1:]
            given = [*parsed.first_names, *parsed.middle_names]
            people.append(
                Person(
                    family=_name_text(decode(" ".join(last))),
                    given=_name_text(decode(" ".join(given))),
                    particle=_name_text(decode(" ".join(von))),
                    suffix=_name_text(decode(" ".join(parsed.lineage_names))),
                )
            )
        except (PybtexError, ValueError) as exc:
            problems.append(f"name {name!r} not read: {exc}")
    return tuple(people), problems, et_al


def _name_text(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# ---------------------------------------------------------------------------------------
# The sentences the BibTeX writer puts into ``note``

_DATE_TEXT = re.compile(r"(?:(?P<day>\d{1,2}) )?(?:(?P<month>[A-Z][a-z]+) )?(?P<year>\d{4})")


def _date_from_text(text: str) -> PartialDate | None:
    """The inverse of the writer's ``_date_text``: "24 June 2022", "June 2022", "2022"."""
    match = _DATE_TEXT.fullmatch(text)
    if not match:
        return None
    month_name = match.group("month")
    month = MONTHS.get(month_name.lower()) if month_name else None
    if month_name and (month is None or len(month_name) < 3 or month_name.lower() == "sept"):
        return None
    if match.group("day") and month is None:
        return None
    try:
        return PartialDate(
            int(match.group("year")),
            month,
            int(match.group("day")) if match.group("day") else None,
        )
    except ValueError:
        return None


def _where_candidates(where: str, *, publisher_first: bool) -> Iterator[dict[str, Any]]:
    """Ways to read "container, publisher, date" back (the writer joins the non-empty ones)."""
    parts = where.split(", ") if where else []
    options: list[tuple[PartialDate | None, list[str]]] = []
    if parts and (date := _date_from_text(parts[-1])) is not None:
        options.append((date, parts[:-1]))
    options.append((None, parts))
    for issued, rest in options:
        splits = range(len(rest) + 1)
        for cut in splits if publisher_first else reversed(splits):
            yield {
                "container_title": ", ".join(rest[:cut]),
                "publisher": ", ".join(rest[cut:]),
                "issued": issued,
            }


def _people_from_sentence(text: str) -> tuple[Person, ...] | None:
    try:
        return tuple(parse_name(name) for name in split_name_list(text))
    except ValueError:
        return None


def _quoted(text: str) -> str | None:
    if len(text) >= 2 and text.startswith("“") and text.endswith("”"):
        return text[1:-1]
    return None


def _original_candidates(text: str) -> Iterator[OriginalPublication]:
    if text == "Print edition":
        yield OriginalPublication(OriginKind.PRINT_TITLE)
    if (
        text.startswith("Print edition title: ")
        and (title := _quoted(text[len("Print edition title: ") :])) is not None
    ):
        yield OriginalPublication(OriginKind.PRINT_TITLE, title=title)
    if text.startswith("Extract from "):
        yield from _extract_candidates(text[len("Extract from ") :])
    if match := re.fullmatch(r"Translated from the (?:(.+?) )?original(?:, (.*))?", text):
        language = ""
        if match.group(1):
            name = match.group(1).lower()
            language = LANGUAGE_CODES.get(name, name)
        title = _quoted(match.group(2)) if match.group(2) else ""
        if title is not None:
            yield OriginalPublication(OriginKind.TRANSLATION, title=title, language=language)
    for prefix, kind in (
        ("Expanded version of ", OriginKind.EXPANDED),
        ("Reprinted from ", OriginKind.REPRINT),
    ):
        if (text + " ").startswith(prefix):  # "Reprinted from " of an empty original
            yield from _titled_candidates((text + " ")[len(prefix) :].rstrip(" "), kind)


def _extract_candidates(rest: str) -> Iterator[OriginalPublication]:
    heads: list[tuple[str, str]] = [(rest, "")]
    if rest.endswith(")"):
        for found in re.finditer(r" \(", rest):
            heads.append((rest[: found.start()], rest[found.end() : -1]))
    for head, where in heads:
        bys: list[tuple[str, tuple[Person, ...]]] = [(head, ())]
        for found in re.finditer(" by ", head):
            people = _people_from_sentence(head[found.end() :])
            if people:
                bys.append((head[: found.start()], people))
        for book, author in bys:
            title = "" if book == "a longer work" else book
            for parts in _where_candidates(where, publisher_first=True):
                yield OriginalPublication(OriginKind.EXTRACT, title=title, author=author, **parts)


def _titled_candidates(rest: str, kind: OriginKind) -> Iterator[OriginalPublication]:
    heads: list[tuple[str, str]] = [("", rest)]
    if kind is OriginKind.EXPANDED and rest.startswith("an earlier piece"):
        heads.append(("", rest[len("an earlier piece") :].removeprefix(", ")))
    if rest.startswith("“"):
        for found in re.finditer("”", rest):
            tail = rest[found.end() :]
            if tail == "" or tail.startswith(", "):
                heads.append((rest[1 : found.start()], tail.removeprefix(", ")))
    for title, where in heads:
        for parts in _where_candidates(where, publisher_first=False):
            yield OriginalPublication(kind, title=title, **parts)


def _suspicion(original: OriginalPublication | None) -> int:
    """How many of an original's parts look misread (quotes or sentences in an outlet)."""
    if original is None:
        return 0
    return sum(
        1
        for value in (original.container_title, original.publisher)
        if any(mark in value for mark in ("“", "”", ". ", "(", ")"))
    )


def _richness(original: OriginalPublication | None) -> int:
    if original is None:
        return 0
    parts = (original.title, original.container_title, original.publisher, original.language)
    return sum(1 for part in parts if part) + bool(original.issued) + bool(original.author)


def _without_stops(text: str) -> str:
    return text.rstrip(".")


def _without_stops_or_spaces(text: str) -> str:
    return text.rstrip(". ")


def parse_original_sentence(text: str) -> OriginalPublication | None:
    """Read a sentence of :func:`~pantucci_bib.formats.bibtex.write.original_sentence` back.

    Only a reading that writes the same sentence again is returned (trailing full stops
    and spaces aside, which the BibTeX note and RIS lines drop); of several, the one that
    reads most parts without putting quotes or sentences into an outlet. None if none.
    """
    candidates = list(_original_candidates(text))
    for normal in (_without_stops, _without_stops_or_spaces):
        wanted = normal(text)
        found = [c for c in candidates if normal(original_sentence(c)) == wanted]
        if found:
            return min(found, key=lambda c: (_suspicion(c), -_richness(c)))
    return None


_ORIGINAL_PREFIXES = (
    "Print edition",
    "Extract from ",
    "Translated from the ",
    "Expanded version of ",
    "Reprinted from",
)


def _splits(text: str) -> Iterator[tuple[str, str]]:
    """(head, tail) for every ``". "`` boundary of text, then (text, "")."""
    for found in re.finditer(r"\. ", text):
        yield text[: found.start()], text[found.end() :]
    yield text, ""


def _note_candidates(
    note: str,
) -> Iterator[tuple[tuple[Person, ...], OriginalPublication | None, str]]:
    interviews: list[tuple[tuple[Person, ...], str]] = []
    if note.startswith("Interview by "):
        for head, tail in _splits(note):
            people = _people_from_sentence(head[len("Interview by ") :])
            if people:
                interviews.append((people, tail))
    interviews.append(((), note))
    for people, rest in interviews:
        if rest.startswith(_ORIGINAL_PREFIXES):
            for head, tail in _splits(rest):
                if original := parse_original_sentence(head):
                    yield people, original, tail
        yield people, None, rest


def split_bibtex_note(note: str) -> tuple[tuple[Person, ...], OriginalPublication | None, str]:
    """Interviewers, original publication and the note proper, from a BibTeX ``note``.

    The BibTeX writer joins "Interview by …", the original-publication sentence and the
    record's note into one field; a reading is accepted only if the writer would join it
    into the same text again, so nothing is ever lost by guessing.
    """
    wanted = escape(note)
    readings = list(_note_candidates(note))
    for same in (str.__eq__, lambda written, wanted: written.rstrip() == wanted.rstrip()):
        verified = []
        for order, (people, original, rest) in enumerate(readings):
            probe = Record(
                key="probe",
                type=RecordType.DOCUMENT,
                interviewer=people,
                original=original,
                note=rest,
            )
            written = [value for name, value, _ in bibtex_fields(probe)[1] if name == "note"]
            if len(written) == 1 and same(written[0], wanted):
                score = (_suspicion(original), -bool(people) - bool(original), order)
                verified.append((score, (people, original, rest)))
        if verified:
            return min(verified, key=lambda item: item[0])[1]
    return (), None, note


# ---------------------------------------------------------------------------------------
# Dates

_BIBTEX_YEAR = re.compile(
    r"\[?(?P<year>\d{4})(?:\s*(?:--?|–|/)\s*(?P<end>\d{4}))?(?P<circa>\?)?\]?"
)
_EDTF_TIME = re.compile(r"T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def parse_edtf(text: str) -> PartialDate:
    """A BibLaTeX date: EDTF level 1 as biber reads it (``2016-02-16T14:00:00``, ``2015~``)."""
    text = _EDTF_TIME.sub(lambda m: f"T{m.group(1)}:{m.group(2)}", text.strip())
    circa = False
    if "?" in text or "%" in text:
        circa = True
        text = text.replace("?", "").replace("%", "")
    if "~" in text:
        circa = True
    return parse_iso(text, circa=circa)


def _month_number(text: str) -> int | None:
    text = text.strip().rstrip(".").lower()
    if text.isdigit():
        return int(text)
    return MONTHS.get(text) or MONTHS.get(text[:3])


# ---------------------------------------------------------------------------------------
# Reading


@attrs.frozen
class _Entry:
    entry_type: str
    key: str
    line: int
    fields: dict[str, str]


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
    entries: list[_Entry] = []
    first_line: dict[str, int] = {}
    block: Any
    for block in library.blocks:
        line = (block.start_line or 0) + 1

        def undefined(name: str, line: int = line) -> None:
            problem(line, f"undefined macro {name!r} (read as empty)", "warning")

        if isinstance(block, bib.String):
            macros[block.key.lower()] = evaluate(str(block.value), macros, undefined)
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
            entries.append(_collect(kept, line, macros, problem))
            first_line.setdefault(kept.key, line)
        elif isinstance(block, bib.ParsingFailedBlock):
            reason = getattr(block.error, "abort_reason", "") or str(block.error)
            raw = str(block.raw or "").strip()
            head = raw.splitlines()[0][:60] if raw else ""
            problem(line, f"malformed entry skipped: {reason.strip()} ({head})")
        elif isinstance(block, bib.Entry):
            entries.append(_collect(block, line, macros, problem))
            first_line.setdefault(block.key, line)

    _resolve_crossrefs(entries, problem)
    records: list[Record] = []
    for entry in entries:
        record = _record(entry, source, bibtex=bibtex, problem=problem)
        if record is not None:
            records.append(record)
    return ParseResult(records, sorted(problems, key=lambda p: p.where.line))


def _collect(
    block: Any, line: int, macros: Mapping[str, str], problem: Callable[..., None]
) -> _Entry:
    fields: dict[str, str] = {}
    for field in block.fields:
        name = str(field.key).strip().lower()
        if name in fields:
            continue

        def undefined(macro: str, field_line: int = field.start_line + 1) -> None:
            problem(
                field_line, f"{block.key}: undefined macro {macro!r} (read as empty)", "warning"
            )

        fields[name] = evaluate(str(field.value), macros, undefined)
    return _Entry(str(block.entry_type).lower(), str(block.key), line, fields)


def _resolve_crossrefs(entries: list[_Entry], problem: Callable[..., None]) -> None:
    by_key = {entry.key.lower(): entry for entry in entries}
    for entry in entries:
        target = entry.fields.get("crossref")
        if not target:
            continue
        parent = by_key.get(target.lower())
        if parent is None:
            problem(entry.line, f"{entry.key}: crossref {target!r} is not in the file", "warning")
            continue
        for name, value in parent.fields.items():
            if name not in _NOT_INHERITED:
                entry.fields.setdefault(name, value)
        if "title" in parent.fields:
            entry.fields.setdefault("booktitle", parent.fields["title"])


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
        return RecordType.ARTICLE_JOURNAL, ""
    if kind in ("online", "misc") and subtype == "blog":
        return RecordType.POST_WEBLOG, ""
    if kind == "misc" and (
        type_field == "interview" or fields.get("editortype", "").lower() == "interviewer"
    ):
        return RecordType.INTERVIEW, ""
    if kind in ENTRY_TYPES:
        return ENTRY_TYPES[kind], ""
    return RecordType.DOCUMENT, f"unknown entry type @{kind}, read as a document"


def _record(
    entry: _Entry, source: str, *, bibtex: bool, problem: Callable[..., None]
) -> Record | None:
    fields = entry.fields
    line = entry.line

    def text(name: str) -> str:
        return decode_latex(fields.get(name, ""), typography=bibtex).strip()

    def verbatim(name: str) -> str:
        return decode_latex(fields.get(name, ""), typography=False, tilde=False).strip()

    def warn(message: str) -> None:
        problem(line, f"{entry.key}: {message}", "warning")

    def decode(raw: str) -> str:
        return decode_latex(raw, typography=bibtex)

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

    title = text("title")
    if title == UNTITLED:
        title = ""
    # the outlet is where the mapping table puts it for this type, else any outlet field
    mapping = TYPES[record_type]
    container_field = mapping.bibtex_container if bibtex else mapping.biblatex_container
    container = ""
    for name in (container_field, *_CONTAINER_FIELDS):
        if name and name in fields:
            container = text(name)
            if name == "type" and container == mapping.biblatex_type_field:
                container = ""  # BibLaTeX's generic type ("Report"), not a series
            break
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
        genre = type_field
    elif entry.entry_type in _THESIS_GENRES:
        genre = _THESIS_GENRES[entry.entry_type]
    page = text("pages")
    if not bibtex:
        page = re.sub(r"(?<!-)--(?!-)", "–", page)

    issued = _issued(fields, warn)
    accessed = None
    if fields.get("urldate"):
        try:
            accessed = parse_edtf(fields["urldate"])
        except ValueError:
            warn(f"urldate {fields['urldate']!r} not read")

    note = text("note")
    original = _biblatex_original(fields, text, warn)
    relations: list[Relation] = []
    if bibtex and note:  # the writer's sentences, down to its trailing space
        note_people, note_original, note = split_bibtex_note(decode(fields["note"]))
        note = note.strip()
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
            issue=text("number") or text("issue"),
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
        )
    except ValueError as exc:
        problem(line, f"entry {entry.key!r} skipped: {exc}")
        return None


def _issued(fields: Mapping[str, str], warn: Callable[[str], None]) -> PartialDate | None:
    if fields.get("date") and fields["date"].strip() != UNKNOWN_DATE:
        try:
            return parse_edtf(fields["date"])
        except ValueError:
            warn(f"date {fields['date']!r} not read; trying year and month")
    year_text = fields.get("year", "").strip()
    if not year_text:
        return None
    match = _BIBTEX_YEAR.fullmatch(year_text.replace("{", "").replace("}", ""))
    if not match:
        warn(f"year {year_text!r} not read")
        return None
    month = None
    if fields.get("month"):
        month = _month_number(fields["month"].replace("{", "").replace("}", ""))
        if month is None:
            warn(f"month {fields['month']!r} not read")
    day = None
    if fields.get("day", "").strip().isdigit():
        day = int(fields["day"])
    end = int(match.group("end")) if match.group("end") else None
    try:
        if end is not None and end != int(match.group("year")):
            return PartialDate(
                int(match.group("year")), end_year=end, circa=bool(match.group("circa"))
            )
        return PartialDate(int(match.group("year")), month, day, circa=bool(match.group("circa")))
    except ValueError as exc:
        warn(f"date not read: {exc}")
        return None


def _biblatex_original(
    fields: Mapping[str, str], text: Callable[[str], str], warn: Callable[[str], None]
) -> OriginalPublication | None:
    title = text("origtitle")
    publisher = text("origpublisher")
    language = text("origlanguage")
    language = LANGUAGE_CODES.get(language.lower(), language)
    issued = None
    if fields.get("origdate"):
        try:
            issued = parse_edtf(fields["origdate"])
        except ValueError:
            warn(f"origdate {fields['origdate']!r} not read")
    related_type = fields.get("relatedtype", "").strip().lower()
    kind = RELATED_KINDS.get(related_type)
    related_key = fields.get("related", "").strip() if kind else ""
    if not (title or publisher or language or issued or kind):
        return None
    if kind is None:
        if language:
            kind = OriginKind.TRANSLATION
        elif title and not (publisher or issued):
            kind = OriginKind.PRINT_TITLE
        else:
            kind = OriginKind.REPRINT
    return OriginalPublication(
        kind,
        title=title,
        publisher=publisher,
        issued=issued,
        language=language,
        related_key=related_key,
    )
