"""Reference strings of any style → records: :func:`parse_references`.

A reference list (numbered, bulleted, hanging or one a line, see :mod:`.lists`) or one
string is cut into references; each is labelled token by token by the CRF
(:mod:`.labeller`) and its labels read into a record (:mod:`.fields`). Notes ("1. …" after
a "Notes" heading, or numbered notes with "Ibid." / "op. cit.") go to the notes parser
(:func:`.notes.parse_notes`), which splits them, resolves the back-references and keeps the
pin-cites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from pantucci_bib.endnotes.features import tokenize
from pantucci_bib.endnotes.fields import PEOPLE, TEXT, record_fields
from pantucci_bib.endnotes.lists import Entry, split_list
from pantucci_bib.endnotes.notes import Note, NoteCitation, find_notes, parse_notes
from pantucci_bib.errors import ParseError
from pantucci_bib.keys import assign_keys
from pantucci_bib.model import Provenance, Record
from pantucci_bib.problems import ParseResult, Problem

#: Labels → the Record field their confidence is reported under.
FIELD_OF: dict[str, str] = {
    **PEOPLE,
    **TEXT,
    "date": "issued",
    "pages": "page",
    "volume": "volume",
    "doi": "doi",
    "url": "url",
    "isbn": "isbn",
}
_NOTES_HINT = re.compile(r"\b(?:ibid|op\.\s*cit|loc\.\s*cit|see\s+note)\b", re.I)
_NOTES_HEADING = re.compile(r"^\s*(?:end|foot)?notes\s*:?\s*$", re.I | re.M)


@attrs.frozen
class Token:
    """One token of a reference, its label and the CRF's marginal probability of that label."""

    text: str
    label: str
    confidence: float


def _tokens(items: Iterable[Token]) -> tuple[Token, ...]:
    return tuple(items)


@attrs.frozen
class ParsedReference:
    """One reference string as the labeller read it, and the key of the record made of it.

    ``confidence`` maps each field the reference gave to the mean marginal probability of
    its tokens' labels (1.0: the CRF had no doubt).
    """

    text: str
    line: int
    key: str
    tokens: tuple[Token, ...] = attrs.field(default=(), converter=_tokens)
    confidence: dict[str, float] = attrs.Factory(dict)

    def explain(self) -> str:
        """The tokens one a line: label, confidence and token, tab-separated."""
        return "".join(f"{t.label}\t{t.confidence:.2f}\t{t.text}\n" for t in self.tokens)


def _references(items: Iterable[ParsedReference]) -> tuple[ParsedReference, ...]:
    return tuple(items)


def _citations(items: Iterable[NoteCitation]) -> tuple[NoteCitation, ...]:
    return tuple(items)


def _notes_of(items: Iterable[Note]) -> tuple[Note, ...]:
    return tuple(items)


@attrs.frozen
class ReferencesResult(ParseResult):
    """What :func:`parse_references` read: a :class:`~pantucci_bib.problems.ParseResult`
    (records, problems) with the labelled ``references`` behind the records and, for notes,
    the ``notes`` and their ``citations`` of the records."""

    references: tuple[ParsedReference, ...] = attrs.field(default=(), converter=_references)
    citations: tuple[NoteCitation, ...] = attrs.field(default=(), converter=_citations)
    notes: tuple[Note, ...] = attrs.field(default=(), converter=_notes_of)


def looks_like_notes(text: str) -> bool:
    """True for numbered notes rather than a reference list: a "Notes" heading, or numbered
    entries with "Ibid.", "op. cit." or "see note"."""
    if _NOTES_HEADING.search(text):
        return bool(find_notes(text))
    return bool(_NOTES_HINT.search(text)) and bool(find_notes(text))


def parse_references(
    text: str | Sequence[str],
    source: str = "<string>",
    *,
    taken: Iterable[str] = (),
    strict: bool = False,
) -> ReferencesResult:
    """Parse reference strings of any style into records, one per reference.

    ``text`` is one string (a reference, a reference list, or numbered notes) or a
    sequence of reference strings. ``source`` names the input in provenance and problems;
    new keys are unique against ``taken``. A reference with neither title nor author is
    kept, with a warning; ``strict=True`` raises :class:`~pantucci_bib.errors.ParseError`
    on it instead (and, for notes, on a note that cannot be read).

    >>> import pantucci_bib
    >>> parsed = pantucci_bib.parse_references(
    ...     "Doe, J., & Roe, R. (2019). Rail freight and power. Journal of Transport, 12(3), 45-67."
    ... )
    >>> work = parsed.records[0]
    >>> work.type.value, work.title, work.container_title, work.issued.year
    ('article-journal', 'Rail freight and power', 'Journal of Transport', 2019)
    >>> [p.family for p in work.author], work.volume, work.issue, work.page
    (['Doe', 'Roe'], '12', '3', '45–67')
    """
    if isinstance(text, str) and looks_like_notes(text):
        return _notes(text, source, taken, strict)
    if isinstance(text, str):
        entries = split_list(text)
    else:
        entries = [Entry(" ".join(t.split()), i + 1) for i, t in enumerate(text)]
    return _parse_entries(entries, source, taken, strict)


def _parse_entries(
    entries: Sequence[Entry], source: str, taken: Iterable[str], strict: bool
) -> ReferencesResult:
    from pantucci_bib.endnotes.labeller import shipped

    labeller = shipped()
    drafts: list[Record] = []
    parsed: list[tuple[Entry, tuple[Token, ...], dict[str, float]]] = []
    problems: list[Problem] = []
    for entry in entries:
        words = [t for t, _, _ in tokenize(entry.text)]
        labelled = labeller.label(words)
        fields = record_fields(labelled.tokens, labelled.labels)
        if entry.label and "citation_label" not in fields:
            fields["citation_label"] = entry.label
        where = Provenance(source, entry.line)
        if not fields.get("title") and not fields.get("author"):
            message = "no title or author found in the reference"
            if strict:
                raise ParseError(message, where=str(where))
            problems.append(Problem(where, message, "warning"))
        drafts.append(Record(key="x", appearances=(where,), **fields))
        tokens = tuple(
            Token(t, lab, c)
            for t, lab, c in zip(labelled.tokens, labelled.labels, labelled.confidence, strict=True)
        )
        parsed.append((entry, tokens, _confidence(tokens)))
    keys = assign_keys(drafts, taken=taken)
    records = [attrs.evolve(d, key=k) for d, k in zip(drafts, keys, strict=True)]
    references = [
        ParsedReference(entry.text, entry.line, key, tokens, confidence)
        for (entry, tokens, confidence), key in zip(parsed, keys, strict=True)
    ]
    return ReferencesResult(records, problems, references)


def _confidence(tokens: Sequence[Token]) -> dict[str, float]:
    sums: dict[str, list[float]] = {}
    for token in tokens:
        field = FIELD_OF.get(token.label)
        if field:
            sums.setdefault(field, []).append(token.confidence)
    return {field: round(sum(v) / len(v), 4) for field, v in sums.items()}


def _notes(text: str, source: str, taken: Iterable[str], strict: bool) -> ReferencesResult:
    """Numbered notes: the notes parser's works, citations and problems."""
    notes = parse_notes(text, source, taken=taken, strict=strict)
    return ReferencesResult(notes.records, notes.problems, (), notes.citations, notes.notes)
