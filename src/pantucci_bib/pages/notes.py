"""Repost notes: the line that says where a piece first ran, under the headline or as the
post's last line ("First published in the X, 3 May 2020", "Source: X", "— X, DATE",
"(Originally published in the May 2020 issue of X, co-written with A B.)").
"""

from __future__ import annotations

import re
from typing import Any

from pantucci_bib.dates import find_written
from pantucci_bib.model import PartialDate
from pantucci_bib.names import split_name_list
from pantucci_bib.pages.credits import citation_tail
from pantucci_bib.pages.directory import _strip_the
from pantucci_bib.pages.lines import (
    _FIRST_PUBLISHED,
    _PRINT_EDITION,
    _PUBLICATION,
    PAST_YEAR,
    looks_like_name,
)
from pantucci_bib.pages.phrasings import COAUTHOR_OPENER
from pantucci_bib.pages.spans import repost_line

_DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{4}\b", re.I
)
#: Where a note's clauses part: "…, co-written with A B", "…; written with A B".
_CLAUSE = re.compile(r"[,;(]\s*")


def note_coauthors(text: str) -> list[str]:
    """The co-authors a clause of a repost note names after its opener ("…, co-written with
    A B.", "…; reported with A B and C D"; ``coauthor_openers`` in ``data/phrasings.json``)."""
    for cut in _CLAUSE.finditer(text):
        if match := COAUTHOR_OPENER.match(text[cut.end() :]):
            names = [n.strip(" .,)") for n in split_name_list(match["names"].rstrip(" .)"))]
            return [n for n in names if 2 <= len(n.split()) <= 3 and looks_like_name(n)]
    return []


def read_published(
    text: str,
    line: int,
    fields: dict[str, Any],
    bad: list[tuple[int, str]],
    item_marks: tuple[str, ...] = (),
) -> None:
    """Read a repost note (header line or the post's closing line) into ``fields``: a print
    edition, an outlet label with its citation ("Source: X, No. 4 (2018)"), "First published
    in X, DATE" or the same in any wording (the span scorer), and the co-authors it names
    after a comma ("…, co-written with A B": ``coauthor_openers``)."""
    if names := note_coauthors(text):
        fields.setdefault("note_coauthors", tuple(names))
    if match := _PRINT_EDITION.match(text):
        fields["print_outlet"] = _strip_the(match.group("outlet"))
        fields["print_title"] = match.group("title").strip()
        return
    if match := _PUBLICATION.match(text):
        outlet, volume, issue, date = citation_tail(match.group("outlet").strip())
        fields.setdefault("outlet", outlet)
        if volume:
            fields.setdefault("volume", volume)
        if issue:
            fields.setdefault("issue", issue)
        if date is not None:
            fields.setdefault("date", date)
            fields.setdefault("repost_date", (date, line))
        if match.group("volume"):
            fields["volume"] = match.group("volume")
        if match.group("issue"):
            fields["issue"] = match.group("issue")
        return
    match = _FIRST_PUBLISHED.match(text)
    if match is None:
        if (span := repost_line(text, marks=item_marks)) is not None:  # in other words
            fields.setdefault("outlet", span.name)
            found = find_written(text)
            if found is None and (year := PAST_YEAR.search(text)):
                found = (PartialDate(int(year["year"])), year.span())  # "… back in 2014"
            if found is not None:
                fields.setdefault("date", found[0])
                fields.setdefault("repost_date", (found[0], line))
        return
    rest = match.group("rest").strip()
    found = find_written(rest)
    if found is not None:
        fields.setdefault("date", found[0])
        fields.setdefault("repost_date", (found[0], line))
        outlet = rest[: found[1][0]]
    elif (cited := citation_tail(rest.rstrip(" ."))) and (cited[1] or cited[2]) and cited[3]:
        outlet = re.sub(r"^(?:from|in|by)\s+", "", cited[0])  # "…from X, No. 3 (2021)"
        for name, value in (("volume", cited[1]), ("issue", cited[2])):
            if value:
                fields.setdefault(name, value)
        fields.setdefault("date", cited[3])
        fields.setdefault("repost_date", (cited[3], line))
    elif "," in rest:
        outlet, _sep, tail = rest.rpartition(",")
        if _DATE_WORDS.search(tail) or tail.strip():
            bad.append((line, tail.strip()))
    else:
        outlet = rest
    outlet = re.sub(r"\s+(?:on|at|in|dated)$", "", outlet.strip(" ,;:–—-("))
    outlet = re.sub(r"(?<=[a-z]{2})\.$", "", outlet)  # "… by the Astana Business Daily."
    if not re.search(r"[A-Z]", outlet) and (span := repost_line(text, marks=item_marks)):
        outlet = span.name  # "in the January 2020 issue of X": the date came before the name
    fields.setdefault("outlet", _strip_the(outlet))


#: A headline ending in a credit in brackets: "… (with A B)", "… (written with A B and C D)".
_TITLE_CREDIT = re.compile(r"^(?P<title>.+?)\s*\((?P<credit>[^()]+)\)\s*$")


def title_coauthors(title: str) -> tuple[str, list[str]]:
    """A headline without its closing co-author credit, and the names that credit gives
    ("Ports and Ferries (with Anna Smith)" → "Ports and Ferries", ["Anna Smith"]); the credit
    opens with "with" or a ``coauthor_openers`` phrase. Any other bracket stays in the title."""
    match = _TITLE_CREDIT.match(title)
    if not match:
        return title, []
    credit = match["credit"].strip()
    opened = COAUTHOR_OPENER.match(credit) or COAUTHOR_OPENER.match(f"written {credit}")
    if not opened or opened.end() < len(credit.rstrip(" .")):
        return title, []
    names = [n.strip(" .,") for n in split_name_list(opened["names"])]
    if not names or not all(2 <= len(n.split()) <= 3 and looks_like_name(n) for n in names):
        return title, []
    return match["title"], names
