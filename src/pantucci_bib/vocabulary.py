"""The CSL 1.0.2 vocabulary: every item type and every variable, by kind.

The record model names its fields after these variables (snake_case, ``container-title`` →
``container_title``); the few fields named otherwise are listed in :data:`RENAMED`. The
lists follow the CSL-JSON schema (``csl-data.json``), which the tests check them against.
"""

from __future__ import annotations

#: Every CSL 1.0.2 item type.
ITEM_TYPES: tuple[str, ...] = (
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
)

#: Name variables (lists of names).
NAME_VARIABLES: tuple[str, ...] = (
    "author",
    "chair",
    "collection-editor",
    "compiler",
    "composer",
    "container-author",
    "contributor",
    "curator",
    "director",
    "editor",
    "editorial-director",
    "editor-translator",
    "executive-producer",
    "guest",
    "host",
    "illustrator",
    "interviewer",
    "narrator",
    "organizer",
    "original-author",
    "performer",
    "producer",
    "recipient",
    "reviewed-author",
    "script-writer",
    "series-creator",
    "translator",
)

#: Date variables.
DATE_VARIABLES: tuple[str, ...] = (
    "accessed",
    "available-date",
    "event-date",
    "issued",
    "original-date",
    "submitted",
)

#: Standard and number variables (text; a number variable may be written as a JSON number).
TEXT_VARIABLES: tuple[str, ...] = (
    "abstract",
    "annote",
    "archive",
    "archive_collection",
    "archive_location",
    "archive-place",
    "authority",
    "call-number",
    "chapter-number",
    "citation-key",
    "citation-label",
    "collection-number",
    "collection-title",
    "container-title",
    "container-title-short",
    "dimensions",
    "division",
    "DOI",
    "edition",
    "event",
    "event-place",
    "event-title",
    "genre",
    "ISBN",
    "ISSN",
    "issue",
    "jurisdiction",
    "keyword",
    "language",
    "medium",
    "note",
    "number",
    "number-of-pages",
    "number-of-volumes",
    "original-publisher",
    "original-publisher-place",
    "original-title",
    "page",
    "page-first",
    "part",
    "part-title",
    "PMCID",
    "PMID",
    "printing",
    "publisher",
    "publisher-place",
    "references",
    "reviewed-genre",
    "reviewed-title",
    "scale",
    "section",
    "source",
    "status",
    "supplement",
    "title",
    "title-short",
    "URL",
    "version",
    "volume",
    "volume-title",
    "volume-title-short",
    "year-suffix",
)

#: Variables a CSL processor sets while it renders; a record never holds them.
PROCESSOR_VARIABLES: frozenset[str] = frozenset(
    {"citation-number", "first-reference-note-number", "locator", "year-suffix"}
)

#: Record fields that hold a CSL variable under another name (the rest are snake_case).
RENAMED: dict[str, str] = {
    "abstract": "standfirst",
    "keyword": "keywords",
    "references": "relations",
    "citation-key": "key",
}

#: Variables the record keeps inside :class:`~pantucci_bib.model.OriginalPublication`.
ORIGINAL_VARIABLES: dict[str, str] = {
    "original-title": "title",
    "original-publisher": "publisher",
    "original-publisher-place": "publisher_place",
    "original-date": "issued",
    "original-author": "author",
}


def attribute(variable: str) -> str:
    """The Record field of a CSL variable: ``container-title`` → ``container_title``."""
    return RENAMED.get(variable) or variable.replace("-", "_").lower()


def _fields(variables: tuple[str, ...]) -> tuple[str, ...]:
    skip = set(ORIGINAL_VARIABLES) | PROCESSOR_VARIABLES | {"keyword", "references", "citation-key"}
    return tuple(attribute(v) for v in variables if v not in skip)


#: Record fields holding names (tuples of Person), one per CSL name variable.
NAME_FIELDS: tuple[str, ...] = _fields(NAME_VARIABLES)
#: Record fields holding dates (PartialDate or None); ``updated`` is the model's own.
DATE_FIELDS: tuple[str, ...] = (*_fields(DATE_VARIABLES), "updated")
#: Record fields holding text, one per CSL standard or number variable.
TEXT_FIELDS: tuple[str, ...] = _fields(TEXT_VARIABLES)
