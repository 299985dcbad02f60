"""CSL-JSON ↔ Record: the one table both the reader and the writer follow.

Record fields are CSL variables, so the table is mostly the identity (``container-title`` ↔
``container_title``). What it spells out: the order the writer writes variables in (the
project's exports kept their order when the model grew), the variables held elsewhere in the
record (``original-*``, ``keyword``, ``references``), and the non-standard names that other
tools write for standard variables.
"""

from __future__ import annotations

from pantucci_bib.vocabulary import (
    DATE_VARIABLES,
    NAME_VARIABLES,
    ORIGINAL_VARIABLES,
    PROCESSOR_VARIABLES,
    TEXT_VARIABLES,
    attribute,
)

#: Variables with a field of their own in the record, and the writer's order: the variables
#: the first exports held, in their order, then every other CSL variable.
_FIRST_NAMES = ("author", "interviewer", "editor", "translator")
_FIRST_TEXT = (
    "title",
    "container-title",
    "section",
    "publisher",
    "publisher-place",
    "volume",
    "issue",
    "page",
    "genre",
    "abstract",
    "language",
    "URL",
    "DOI",
    "ISBN",
    "note",
)
_FIRST_DATES = ("issued", "accessed")
_ELSEWHERE = {*ORIGINAL_VARIABLES, *PROCESSOR_VARIABLES, "keyword", "references", "citation-key"}

NAMES: dict[str, str] = {
    v: attribute(v) for v in (*_FIRST_NAMES, *NAME_VARIABLES) if v not in _ELSEWHERE
}
TEXT: dict[str, str] = {
    v: attribute(v) for v in (*_FIRST_TEXT, *TEXT_VARIABLES) if v not in _ELSEWHERE
}
DATES: dict[str, str] = {
    v: attribute(v) for v in (*_FIRST_DATES, *DATE_VARIABLES) if v not in _ELSEWHERE
}

#: Names other tools write for a standard variable (citeproc-js and Zotero read them):
#: read into the standard variable's field when that variable itself is absent.
READ_ALIASES: dict[str, str] = {
    "journalAbbreviation": "container-title-short",
    "shortTitle": "title-short",
}

#: ``season`` numbers, and the month numbers 13–16 and 21–24 that stand for seasons in
#: ``date-parts`` (citeproc-js reads both).
SEASON_MONTHS: dict[int, str] = {
    13: "1",
    14: "2",
    15: "3",
    16: "4",
    21: "1",
    22: "2",
    23: "3",
    24: "4",
}
