"""The sentences the BibTeX writer puts into ``note``, read back.

plain.bst has no field for an interviewer or an original publication, so the BibTeX writer
says them in ``note``; reading a file it wrote gives the record back only if the sentences
are understood exactly (a reading is accepted only when the writer would write it again).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pantucci_bib.dates import MONTHS
from pantucci_bib.formats.bibtex.types import LANGUAGE_NAMES
from pantucci_bib.formats.bibtex.write import bibtex_fields, original_sentence
from pantucci_bib.latex import escape
from pantucci_bib.model import (
    OriginalPublication,
    OriginKind,
    PartialDate,
    Person,
    Record,
    RecordType,
)
from pantucci_bib.names import parse_name, split_name_list

#: Language names (``langid``, ``language = {English}``) → ISO 639-1 codes.
LANGUAGE_CODES: dict[str, str] = {name: code for code, name in LANGUAGE_NAMES.items()}

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
