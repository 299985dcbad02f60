"""Stage 6: approximate dates for undated posts, from their dated neighbours in archive order
and the years the text refers to, marked circa with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from pantucci_bib.model import (
    FieldSource,
    PartialDate,
    Provenance,
    Record,
    Sureness,
    with_field_source,
)
from pantucci_bib.pages.fields import Draft
from pantucci_bib.problems import Problem

_YEAR = re.compile(r"(?<![\d/-])(?:19[5-9]\d|20\d\d)(?![\d/-])")


def years_mentioned(text: str) -> list[int]:
    """The years a text refers to (1950–2099), in order of appearance."""
    return [int(y) for y in _YEAR.findall(text)]


def infer_dates(
    records: Sequence[Record], drafts: Sequence[Draft]
) -> tuple[list[Record], list[Problem]]:
    """Give each undated record an approximate year, marked circa, with the reason.

    Archive pages list posts newest first. An undated post is no older than the nearest
    dated post below it and no newer than the nearest dated post above it; it was written
    no earlier than the latest year its text refers to (within those bounds). A post date
    the saved HTML gives beats both.
    """
    out = list(records)
    problems: list[Problem] = []
    dated = [r.issued if r.issued and not r.issued.circa else None for r in records]
    for index, record in enumerate(records):
        if record.issued is not None:
            continue
        draft = drafts[index]
        if draft.posted is not None:
            year = draft.posted.year
            reason = (
                f"No date in the article; the blog post is dated {draft.posted.iso()}, "
                "so the article is taken to be from that year."
            )
            out[index] = _inferred(record, PartialDate(year, circa=True, reason=reason))
            continue
        newer = _neighbour(records, dated, range(index - 1, -1, -1))
        older = _neighbour(records, dated, range(index + 1, len(records)))
        upper = newer[1].year if newer else None
        lower = older[1].year if older else None
        mentioned = [
            y
            for y in years_mentioned("\n".join((draft.standfirst, draft.body)))
            if upper is None or y <= upper
        ]
        latest = max(mentioned) if mentioned else None
        if lower is not None:
            year = lower
        elif upper is not None:
            year = upper
        elif latest is not None:
            year = latest
        else:
            problems.append(
                Problem(
                    record.appearances[0] if record.appearances else Provenance("?"),
                    "no date on the page and none could be inferred",
                )
            )
            continue
        if latest is not None and latest > year:
            year = latest
        parts = ["No readable date on the page." if draft.bad_dates else "No date on the page."]
        if newer or older:
            around = []
            if newer:
                around.append(f"below {_label(newer[0])} ({newer[1].iso()})")
            if older:
                around.append(f"above {_label(older[0])} ({older[1].iso()})")
            parts.append("In archive order it sits " + " and ".join(around) + ".")
        if latest is not None:
            parts.append(f"The latest year the text refers to is {latest}.")
        parts.append(f"Estimated year: {year}.")
        out[index] = _inferred(record, PartialDate(year, circa=True, reason=" ".join(parts)))
    return out, problems


def _inferred(record: Record, issued: PartialDate) -> Record:
    where = record.appearances[0] if record.appearances else Provenance("?")
    source = FieldSource("issued", Sureness.INFERRED, where, issued.reason)
    return with_field_source(attrs.evolve(record, issued=issued), source)


def _neighbour(
    records: Sequence[Record], dated: Sequence[PartialDate | None], indexes: Iterable[int]
) -> tuple[Record, PartialDate] | None:
    for index in indexes:
        date = dated[index]
        if date is not None:
            return records[index], date
    return None


def _label(record: Record) -> str:
    if record.title:
        return f"'{record.title}'"
    return f"the {record.container_title or 'untitled'} piece"
