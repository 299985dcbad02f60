"""BibLaTeX's links between entries: ``crossref`` and ``xdata`` inheritance, and the
original publication an entry names (``orig*`` fields, ``related``/``relatedtype``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from pantucci_bib.formats.bibtex.notes import LANGUAGE_CODES
from pantucci_bib.formats.bibtex.types import BIBLATEX_RELATED
from pantucci_bib.formats.bibtex.values import parse_edtf
from pantucci_bib.model import OriginalPublication, OriginKind, RelationKind


class Linked(Protocol):
    """An entry as the links see it: its key, line and (mutable) fields."""

    key: str
    line: int
    fields: dict[str, str]


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


def resolve_crossrefs(entries: Sequence[Linked], problem: Callable[..., None]) -> None:
    """Fill each entry's fields from its ``crossref`` parent and ``xdata`` entries (the
    links themselves stay in the entry, and so in the file written back)."""
    by_key = {entry.key.lower(): entry for entry in entries}
    for entry in entries:
        for target in (t.strip() for t in entry.fields.get("xdata", "").split(",")):
            if not target:
                continue
            data = by_key.get(target.lower())
            if data is None:
                problem(entry.line, f"{entry.key}: xdata {target!r} is not in the file", "warning")
                continue
            for name, value in data.fields.items():
                entry.fields.setdefault(name, value)
        target = entry.fields.get("crossref", "").strip()
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


def biblatex_original(
    fields: Mapping[str, str], text: Callable[[str], str], warn: Callable[[str], None]
) -> OriginalPublication | None:
    title = text("origtitle")
    publisher = text("origpublisher")
    place = text("origlocation")
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
    if not (title or publisher or language or issued or kind or place):
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
        publisher_place=place,
    )
