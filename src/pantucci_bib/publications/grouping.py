"""A body of work by year and by kind: the year a record is listed under, the kind of piece
it is, and the outlet it appeared in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from pantucci_bib.model import Record, RecordType

#: The heading of the records without a year (no date, or a date that is only text).
UNDATED = "Undated"

#: Kinds of piece as a publication list names them; a type not here is named by its CSL name.
KIND_LABELS: dict[str, str] = {
    RecordType.ARTICLE_NEWSPAPER: "newspaper",
    RecordType.ARTICLE_MAGAZINE: "magazine",
    RecordType.ARTICLE_JOURNAL: "journal",
    RecordType.REPORT: "report",
    RecordType.POST_WEBLOG: "blog",
    RecordType.POST: "online",
    RecordType.WEBPAGE: "online",
    RecordType.INTERVIEW: "interview",
    RecordType.BOOK: "book",
    RecordType.CHAPTER: "chapter",
    RecordType.PAPER_CONFERENCE: "conference paper",
    RecordType.SPEECH: "talk",
    RecordType.BROADCAST: "broadcast",
    RecordType.REVIEW_BOOK: "review",
    RecordType.REVIEW: "review",
    RecordType.THESIS: "thesis",
}

_T = TypeVar("_T")


def kind(record: Record) -> str:
    """The kind of piece ``record`` is: ``newspaper``, ``journal``, ``blog`` …"""
    return KIND_LABELS.get(record.type, record.type.value.replace("-", " ").replace("_", " "))


def outlet(record: Record) -> str:
    """Where ``record`` appeared: its newspaper, journal or blog, else its publisher."""
    return record.container_title or record.publisher


def year_of(record: Record) -> int | None:
    """The year ``record`` is listed under (a range's first year), or None when undated."""
    return record.issued.year if record.issued is not None else None


def approximate(record: Record) -> bool:
    """Whether the date of ``record`` is approximate (inferred, "c. 2015")."""
    return record.issued is not None and record.issued.circa


def by_year(items: Iterable[_T], years: Sequence[int | None]) -> list[tuple[int | None, list[_T]]]:
    """``items`` grouped by their year (``years``, item by item): newest year first, the
    undated last, each group in the order the items came (the style's order)."""
    groups: dict[int | None, list[_T]] = {}
    for item, year in zip(items, years, strict=True):
        groups.setdefault(year, []).append(item)
    dated = sorted((y for y in groups if y is not None), reverse=True)
    order: list[int | None] = [*dated, *([None] if None in groups else [])]
    return [(year, groups[year]) for year in order]


def heading(year: int | None) -> str:
    """The heading of a year's group."""
    return UNDATED if year is None else str(year)
