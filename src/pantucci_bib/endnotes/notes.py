"""Numbered notes (RUSI / Chicago notes style) → the works they cite, as Records.

A page's notes section ("Notes" heading, then ``1. …``, ``2. …``) is split into notes; each
note into citations (at ``;`` and at sentence ends outside quotes and brackets); each
citation into its parts: authors or a corporate author, the quoted title, a translated
title in square brackets, container, series and number, date, URL in angle brackets and
"accessed" date. Explanatory prose yields nothing; author interviews become ``interview``
records.

Repeats are resolved to the work they repeat, so that there is one record per work with
the numbers of every note that cites it: a full citation repeated word for word, a short
form (author and short title), "see note 41" / "As highlighted in note 41", and "Ibid.".
Page numbers are pin-cites and stay with the :class:`NoteCitation`, not the work.

Notes the parser cannot read are :class:`~pantucci_bib.problems.Problem` s with the
note's number; ``strict=True`` raises on them instead.

>>> result = parse_notes('''Notes
...
... 1. Jane Doe, ‘A Title of Some Length’, Example Times, 2 May 2019, accessed 3 June 2020.
...
... 2. Doe, ‘A Title’, p. 4.
... ''', "page.txt")
>>> [(r.key, r.container_title, r.issued.iso()) for r in result.records]
[('doeTitleSomeLength2019', 'Example Times', '2019-05-02')]
>>> [(c.note_number, c.form, c.pinpoint) for c in result.citations]
[(1, 'full', ''), (2, 'short', 'p. 4')]
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from pantucci_bib.endnotes.citation import _PINPOINT, _parse_piece, _Work
from pantucci_bib.endnotes.repeats import _known_match, _name_matches, _same_work, _title_matches
from pantucci_bib.endnotes.split import split_citations
from pantucci_bib.errors import ParseError
from pantucci_bib.keys import assign_keys
from pantucci_bib.model import Provenance, Record, RecordType, Relation, RelationKind
from pantucci_bib.problems import ParseResult, Problem

__all__ = [
    "NoteCitation",
    "Note",
    "NotesResult",
    "find_notes",
    "parse_notes",
    "split_citations",
]

CitationForm = Literal["full", "repeat", "short", "note", "ibid", "op-cit"]

#: Prefix of the ``note`` field that carries a title's translation ("[‘…’]" in the note).
TRANSLATED_TITLE = "Translated title: "


@attrs.frozen
class Note:
    """One numbered note: its number, the 1-based line it starts on, and its text."""

    number: int
    line: int
    text: str


@attrs.frozen
class NoteCitation:
    """One note's reference to one work.

    ``form`` says how the note refers to it: ``full`` (first full citation), ``repeat`` (a
    later full citation of the same work), ``short`` (author and short title), ``note``
    ("see note 41"), ``ibid`` or ``op-cit`` ("Doe, op. cit., p. 4": the last work by that
    author cited before). ``pinpoint`` is the page or range the note points at.
    """

    note_number: int
    key: str
    form: CitationForm = "full"
    pinpoint: str = ""
    line: int = 0


def _records(items: Iterable[Record]) -> tuple[Record, ...]:
    return tuple(items)


def _notes(items: Iterable[Note]) -> tuple[Note, ...]:
    return tuple(items)


def _citations(items: Iterable[NoteCitation]) -> tuple[NoteCitation, ...]:
    return tuple(items)


def _problems(items: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(items)


@attrs.frozen
class NotesResult:
    """What :func:`parse_notes` read: the notes, one record per cited work, every citation.

    ``records`` holds the works not already in the ``known`` records passed to the parser;
    ``citations`` refer to works by key, known or new.
    """

    source: str
    notes: tuple[Note, ...] = attrs.field(default=(), converter=_notes)
    records: tuple[Record, ...] = attrs.field(default=(), converter=_records)
    citations: tuple[NoteCitation, ...] = attrs.field(default=(), converter=_citations)
    problems: tuple[Problem, ...] = attrs.field(default=(), converter=_problems)

    def relations(self) -> tuple[Relation, ...]:
        """A ``cites`` relation per work, in order of first citation, with its note numbers."""
        numbers: dict[str, list[int]] = {}
        for citation in self.citations:
            seen = numbers.setdefault(citation.key, [])
            if citation.note_number not in seen:
                seen.append(citation.note_number)
        return tuple(
            Relation(RelationKind.CITES, key, tuple(sorted(nums))) for key, nums in numbers.items()
        )

    def parse_result(self) -> ParseResult:
        """The records and problems as a reader's :class:`ParseResult`."""
        return ParseResult(self.records, self.problems)


# --------------------------------------------------------------------------- finding notes

_HEADING = re.compile(
    r"^\s*(?:(?:end|foot)?notes(?:\s+and\s+references)?|references|sources)\s*:?\s*$", re.I
)
_NOTE_START = re.compile(r"^\s*(?:\[(?P<b>\d{1,4})\]|(?P<n>\d{1,4})[.)])\s+(?=\S)")


def find_notes(text: str) -> tuple[Note, ...]:
    """The numbered notes of ``text``: after a "Notes" heading, else every run from "1.".

    A note runs on over following lines until a blank line; a paragraph that is not
    numbered, or a number that does not go up, ends the run.
    """
    notes, _ = _find_notes(text, "")
    return notes


def _find_notes(text: str, source: str) -> tuple[tuple[Note, ...], list[Problem]]:
    lines = text.splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if _HEADING.match(line)]
    if not starts:
        starts = [i for i, line in enumerate(lines) if _note_number(line) == 1]
    notes: list[Note] = []
    problems: list[Problem] = []
    done_until = -1
    for start in starts:
        if start <= done_until:
            continue
        run, done_until = _collect_run(lines, start)
        for previous, note in itertools.pairwise(run):
            expected = previous.number + 1
            if note.number != expected:
                missing = f"{expected}" if note.number == expected + 1 else ""
                missing = missing or f"{expected}–{note.number - 1}"
                problems.append(
                    Problem(
                        Provenance(source, note.line, note.number),
                        f"note {missing} missing from the numbering",
                        "warning",
                    )
                )
        notes.extend(run)
    return tuple(notes), problems


def _note_number(line: str) -> int | None:
    match = _NOTE_START.match(line)
    if not match:
        return None
    return int(match.group("b") or match.group("n"))


def _collect_run(lines: Sequence[str], start: int) -> tuple[list[Note], int]:
    """The notes from line index ``start`` on, and the index where the run ended."""
    run: list[Note] = []
    parts: list[str] = []
    blank_since_note = False
    index = start
    while index < len(lines):
        line = lines[index]
        match = _NOTE_START.match(line)
        if match:
            number = int(match.group("b") or match.group("n"))
            if run and number <= run[-1].number:
                break  # numbering starts again: another section
            if run:
                run[-1] = attrs.evolve(run[-1], text=" ".join(parts))
            run.append(Note(number, index + 1, ""))
            parts = [line[match.end() :].strip()]
            blank_since_note = False
        elif not line.strip():
            blank_since_note = True
        elif run and not blank_since_note:
            parts.append(line.strip())  # a note wrapped over several lines
        else:
            break  # prose after the notes, or a heading that leads to no notes
        index += 1
    if run:
        run[-1] = attrs.evolve(run[-1], text=" ".join(parts))
    return run, index


# ------------------------------------------------------------------ the whole section


def parse_notes(
    text: str,
    source: str = "<string>",
    *,
    known: Iterable[Record] = (),
    taken: Iterable[str] = (),
    strict: bool = False,
) -> NotesResult:
    """Read the numbered notes of ``text`` (a page or a notes file) into cited works.

    ``source`` names the input in provenance and problems. Works that match a ``known``
    record (same title, same author) are cited by that record's key and not repeated in
    ``records``; new records get keys unique against ``taken`` and the known keys.
    ``strict=True`` raises :class:`~pantucci_bib.errors.ParseError` on the first note that
    cannot be read instead of returning it as a problem.
    """
    known = tuple(known)
    notes, problems = _find_notes(text, source)
    works: list[_Work] = []
    by_note: dict[int, list[int]] = {}
    raw: list[tuple[Note, int, CitationForm, str]] = []  # note, work index, form, pinpoint

    def cite(note: Note, index: int, form: CitationForm, pinpoint: str) -> None:
        raw.append((note, index, form, pinpoint))
        by_note.setdefault(note.number, [])
        if index not in by_note[note.number]:
            by_note[note.number].append(index)
        if (note.number, note.line) not in works[index].notes:
            works[index].notes.append((note.number, note.line))

    def problem(note: Note, message: str, severity: str = "error") -> None:
        where = Provenance(source, note.line, note.number)
        if strict and severity == "error":
            raise ParseError(message, where=str(where))
        problems.append(Problem(where, message, severity))

    previous: Note | None = None
    for note in notes:
        pieces = [_parse_piece(p) for p in split_citations(note.text)]
        for piece in pieces:
            for warning in piece.warnings:
                problem(note, warning, "warning")
            if piece.kind in ("note", "ibid"):
                targets = piece.note_refs if piece.kind == "note" else ()
                if piece.kind == "ibid":
                    targets = (previous.number,) if previous else ()
                form: CitationForm = "note" if piece.kind == "note" else "ibid"
                for target in targets:
                    if target >= note.number or not by_note.get(target):
                        problem(note, f"note {target} cites no work this note could repeat")
                        continue
                    pin = piece.pinpoint if _PINPOINT.match(piece.pinpoint) else ""
                    for index in by_note[target]:
                        cite(note, index, form, pin)
                if not targets:
                    problem(note, "'Ibid.' with no note before it")
            elif piece.kind == "opcit" and piece.short_name is not None:
                name = piece.short_name
                match = next(
                    (i for i in reversed(range(len(works))) if _name_matches(name, works[i])),
                    None,
                )
                if match is None:
                    problem(note, f"'op. cit.' after {name!r}, who has no work cited before")
                    continue
                pin = piece.pinpoint if _PINPOINT.match(piece.pinpoint) else ""
                cite(note, match, "op-cit", pin)
            elif piece.kind == "work" and piece.work is not None:
                work = piece.work
                if piece.short_name is not None:
                    match = next(
                        (
                            i
                            for i in reversed(range(len(works)))
                            if _title_matches(work.title, works[i].title)
                            and _name_matches(piece.short_name, works[i])
                        ),
                        None,
                    )
                    if match is not None:
                        cite(note, match, "short", piece.pinpoint)
                        continue
                    problem(note, "no date, outlet or URL: read as a full citation", "warning")
                same = next((i for i, old in enumerate(works) if _same_work(work, old)), None)
                if same is not None:
                    cite(note, same, "repeat", piece.pinpoint)
                    continue
                works.append(work)
                cite(note, len(works) - 1, "full", piece.pinpoint)
        kinds = {p.kind for p in pieces}
        if note.number not in by_note and "unknown" in kinds:
            problem(note, "no quoted title, URL or note reference found: not read")
        elif "unknown" in kinds:
            problem(note, "part of the note is neither a citation nor prose: skipped", "warning")
        previous = note

    for work in works:
        work.known_key = _known_match(work, known)
    new = [w for w in works if not w.known_key]
    drafts = [_record(w, source, "x") for w in new]
    keys = assign_keys(drafts, taken=[*taken, *(r.key for r in known)])
    for work, key in zip(new, keys, strict=True):
        work.known_key = key
    records = [attrs.evolve(d, key=k) for d, k in zip(drafts, keys, strict=True)]
    citations = [
        NoteCitation(note.number, works[index].known_key, form, pin, note.line)
        for note, index, form, pin in raw
    ]
    return NotesResult(source, notes, records, citations, problems)


def _record(work: _Work, source: str, key: str) -> Record:
    appearances = [Provenance(source, line, number) for number, line in sorted(work.notes)]
    return Record(
        key=key,
        type=work.type,
        title=work.title,
        author=work.author,
        editor=work.editor,
        genre=work.genre,
        container_title=work.container,
        publisher=work.publisher,
        publisher_place=work.place,
        volume=work.volume,
        # a report's "No. 14" is its number (CSL number); a periodical's is its issue
        issue="" if work.type is RecordType.REPORT else work.issue,
        number=work.issue if work.type is RecordType.REPORT else "",
        issued=work.issued,
        accessed=work.accessed,
        language=work.language,
        url=work.url,
        note=TRANSLATED_TITLE + work.translated if work.translated else "",
        appearances=appearances,
    )
