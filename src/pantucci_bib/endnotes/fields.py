"""Labelled tokens → a Record's fields and a CSL type.

Each run of tokens with one label is a span; a span's text is cleaned of the punctuation
that separates it from the next ("(2011).", "In:", "pp.") and goes to its field. The first
span of a label wins, except for names (every author span adds authors) and dates (a date
after "accessed"/"retrieved" is the accessed date).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pantucci_bib.dates import find_written
from pantucci_bib.endnotes.anystyle import iter_spans
from pantucci_bib.endnotes.people import parse_people
from pantucci_bib.model import PartialDate, RecordType

#: Labels whose spans are names, and the Record field each goes to.
PEOPLE = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "director": "director",
    "producer": "producer",
}
#: Labels whose spans are plain text, and the Record field each goes to.
TEXT = {
    "title": "title",
    "journal": "container_title",
    "container-title": "container_title",
    "collection-title": "collection_title",
    "publisher": "publisher",
    "location": "publisher_place",
    "edition": "edition",
    "genre": "genre",
    "medium": "medium",
    "note": "note",
    "source": "archive",
    "citation-number": "citation_label",
}
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_PAGES = re.compile(r"\d+[a-z]?(?:\s*[-–—]+\s*\d+[a-z]?)?|[ivxlc]+(?:\s*[-–—]+\s*[ivxlc]+)?", re.I)
_VOLUME = re.compile(
    r"(?:vol(?:ume)?\.?\s*)?(?P<v>\d+[A-Z]?|[IVXLC]+)\b(?:\s*\((?P<i>[^()]+)\)|"
    r"[\s,]*(?:no\.?|nr\.?|issue|heft)\s*(?P<n>[\w-]+))?",
    re.I,
)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ISBN = re.compile(r"(?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dX]", re.I)
_ACCESS = re.compile(
    r"\b(?:accessed|retrieved|viewed|consulted|abgerufen|consulté|last\s+modified)\b", re.I
)
_NUMBERED = re.compile(
    r"^(?P<genre>.*?[A-Za-z].*?)[\s,]+(?:no\.?\s*|number\s+|nr\.?\s*)?"
    r"(?P<number>(?=[\w./-]*\d)[\w./-]+)$",
    re.I,
)
_QUOTES = "\"“”‘’«»„'"


def clean(text: str) -> str:
    """A span's text without the punctuation around it ("(2011)." → "2011", "“Title,”")."""
    text = text.strip()
    text = re.sub(r"^(?:in:?\s+)(?=\S)", "", text, flags=re.I)
    for _ in range(3):
        before = text
        text = text.strip(" ,;:").strip(_QUOTES)
        if text[:1] in "([" and text[-1:] in ")]":
            text = text[1:-1]
        elif text[:1] in "([" and not re.search(r"[)\]]", text):
            text = text[1:]
        elif text[-1:] in ")]" and not re.search(r"[(\[]", text):
            text = text[:-1]
        if text.endswith(".") and not re.search(r"(?:\b[A-Z]|\b(?:ed|eds|al|Inc|Co|Ltd))\.$", text):
            text = text[:-1]
        if text == before:
            break
    return text.strip()


def _date(text: str) -> PartialDate | None:
    found = find_written(text)
    if found is not None:
        return found[0]
    years = _YEAR.findall(text)
    if not years:
        return None
    return PartialDate(int(years[0]), as_written=clean(text))


def record_fields(tokens: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Keyword arguments for :class:`~pantucci_bib.model.Record` (no key) from labelled tokens."""
    fields: dict[str, Any] = {}
    people: dict[str, list[Any]] = {}
    after_access = False
    seen: set[str] = set()
    for label, text in iter_spans(tokens, labels):
        seen.add(label)
        if label in PEOPLE:
            people.setdefault(PEOPLE[label], []).extend(parse_people(text))
        elif label == "date":
            date = _date(text)
            target = "accessed" if after_access or _ACCESS.search(text) else "issued"
            if date is not None and target not in fields:
                fields[target] = date
        elif label == "pages":
            ranges = _PAGES.findall(text.replace("pp.", "").replace("p.", ""))
            if ranges and "page" not in fields:
                fields["page"] = re.sub(r"\s*[-—]+\s*|\s*–\s*", "–", ranges[0])
        elif label == "volume":
            if "issued" not in fields and (year := _YEAR.match(text.strip("([ "))):
                fields["issued"] = PartialDate(int(year.group(1)))  # Vancouver: 2016;12(4):301-9
                text = text.strip("([ ")[year.end() :].lstrip(";:., ")
            match = _VOLUME.search(text)
            if match and "volume" not in fields:
                fields["volume"] = match.group("v")
                issue = match.group("i") or match.group("n")
                if issue:
                    fields["issue"] = issue
        elif label == "doi":
            doi = _DOI.search(text)
            fields.setdefault("doi", doi.group().rstrip(".,;") if doi else clean(text))
        elif label == "url":
            fields.setdefault("url", clean(text).strip("<>"))
        elif label == "isbn":
            isbn = _ISBN.search(text)
            fields.setdefault("isbn", isbn.group() if isbn else clean(text))
        elif label in TEXT:
            value = clean(text)
            field = TEXT[label]
            if field == "container_title" and _ACCESS.match(value):
                field = "note"  # "Accessed 14 February 2024": the access date's lead-in
            if field == "genre" and (numbered := _NUMBERED.match(value)):
                value = numbered.group("genre")  # "Technical Report GWO-TR-18-3"
                fields.setdefault("number", numbered.group("number"))
            if field == "note" and field in fields:
                fields[field] = f"{fields[field]}; {value}"
            elif value:
                fields.setdefault(field, value)
        after_access = label == "note" and bool(_ACCESS.search(text))
    for field, persons in people.items():
        fields[field] = tuple(persons)
    fields["type"] = record_type(seen, fields)
    return fields


def record_type(labels: set[str], fields: dict[str, Any]) -> RecordType:
    """The CSL type the labels and fields point to."""
    genre = str(fields.get("genre", "")).casefold()
    container = str(fields.get("container_title", "")).casefold()
    if re.search(r"thes[ie]s|dissert|diss\.|doktor|doctora|mémoire", genre):
        return RecordType.THESIS
    if re.search(r"report|paper|note|bericht|rapport", genre):
        return RecordType.REPORT
    if "journal" in labels:
        return RecordType.ARTICLE_JOURNAL
    if "container-title" in labels:
        if re.search(r"proceedings|conference|symposium|workshop|congress|meeting", container):
            return RecordType.PAPER_CONFERENCE
        return RecordType.CHAPTER
    if "medium" in labels or "director" in labels:
        return RecordType.MOTION_PICTURE
    if "publisher" in labels or "location" in labels or "edition" in labels:
        return RecordType.BOOK
    if "url" in labels:
        return RecordType.WEBPAGE
    return RecordType.DOCUMENT
