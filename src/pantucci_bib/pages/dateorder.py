"""Day-first or month-first: decided per page, for each way of separating numbers.

A numeric date such as "03/04/2018" does not say which number is the month. The page usually
does: another date on it with a number above 12 ("24/04/2019"), or, on a month archive, the
month the page lists. :func:`page_orders` collects that evidence for each separator
("/", ".", "-") and keeps an order only when the evidence agrees; :func:`settle_dates` then
reads a post's ambiguous dates with it — or, failing that, with the one reading not after the
blog's post date, or the order the separator has by convention (dotted dates are day first,
``numeric_conventions`` in data/phrasings.json) — and reports the ones still open as problems
(only the year is kept), never guessing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from pantucci_bib.dates import AMBIGUOUS_ORDER, find_written, month_votes, numeric_votes
from pantucci_bib.model import PartialDate, Provenance
from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.fields import Draft
from pantucci_bib.pages.phrasings import NUMERIC_CONVENTIONS, PHRASINGS
from pantucci_bib.pages.posts import Post
from pantucci_bib.problems import Problem


def page_orders(blocks: Sequence[Block], period: PartialDate | None = None) -> dict[str, str]:
    """Separator → ``"dmy"`` or ``"mdy"``, where the page's unambiguous dates agree; under
    ``""`` the order all of them agree on, for separators without evidence of their own.

        ``period`` is the month a month archive lists; its numeric dates count as evidence only
        for a separator that no unambiguous date settles.
    """
    votes: dict[str, set[str]] = {}
    for block in blocks:
        for sep, order in numeric_votes(block.text):
            votes.setdefault(sep, set()).add(order)
    if period is not None and period.year is not None and period.month is not None:
        by_month: dict[str, set[str]] = {}
        for block in blocks:
            for sep, order in month_votes(block.text, period.year, period.month):
                by_month.setdefault(sep, set()).add(order)
        for sep, orders in by_month.items():
            votes.setdefault(sep, orders)
    settled = {sep: next(iter(orders)) for sep, orders in votes.items() if len(orders) == 1}
    everywhere = {order for orders in votes.values() for order in orders}
    if len(everywhere) == 1:
        settled[""] = next(iter(everywhere))  # for separators the page shows nothing about
    return settled


def _leading(written: str) -> tuple[int, int]:
    """The first two numbers of a numeric date as written."""
    numbers = [int(n) for n in re.findall(r"\d+", written)[:2]]
    return numbers[0], numbers[1]


def _before_posting(date: PartialDate, posted: PartialDate | None) -> PartialDate | None:
    """The one reading of an ambiguous date that is not after the blog's post date, if only
    one is: a piece is published before the blog reposts it."""
    if posted is None or posted.month is None or posted.day is None:
        return None
    readings = []
    for order in ("dmy", "mdy"):
        found = find_written(date.as_written, {"": order})
        if found is None or found[0].month is None or found[0].day is None:
            continue
        reading = found[0]
        if (reading.year, reading.month, reading.day) <= (posted.year, posted.month, posted.day):
            readings.append(reading)
    return readings[0] if len(readings) == 1 else None


def _by_convention(date: PartialDate) -> tuple[PartialDate, str] | None:
    """An ambiguous date read in the order its separator has by convention (data/phrasings.json
    ``numeric_conventions``: "05.11.2019" is day first), with that order's first field."""
    sep = re.search(r"\d([/.-])\d", date.as_written)
    order = NUMERIC_CONVENTIONS.get(sep.group(1)) if sep else None
    if order is None:
        return None
    found = find_written(date.as_written, {"": order})
    if found is None or found[0].reason == AMBIGUOUS_ORDER:
        return None
    return found[0], "day" if order == "dmy" else "month"


def settle_dates(
    draft: Draft, post: Post, orders: Mapping[str, str], source: str
) -> tuple[Draft, list[Problem]]:
    """The draft with its ambiguous numeric dates read in the page's order, and a problem
    (with the page line) for each one the page's order does not settle."""
    changes: dict[str, Any] = {}
    problems: list[Problem] = []
    for name in ("date", "updated", "posted"):
        date: PartialDate | None = getattr(draft, name)
        if date is None or date.reason != AMBIGUOUS_ORDER:
            continue
        found = find_written(date.as_written, orders)
        if found is not None and found[0].reason != AMBIGUOUS_ORDER:
            changes[name] = found[0]
            first = (
                "day" if (found[0].day, found[0].month) == _leading(date.as_written) else "month"
            )
            changes["origins"] = tuple(
                (field, line, f"{rule}, {first} first as the page's other numeric dates")
                if field == name
                else (field, line, rule)
                for field, line, rule in changes.get("origins", draft.origins)
            )
            continue
        if name != "posted" and (settled := _before_posting(date, draft.posted)) is not None:
            changes[name] = settled
            changes["origins"] = tuple(
                (field, line, f"{rule}, read as the only order not after the blog's post date")
                if field == name
                else (field, line, rule)
                for field, line, rule in changes.get("origins", draft.origins)
            )
            continue
        if name != "posted" and (by_convention := _by_convention(date)) is not None:
            changes[name], first = by_convention
            changes["origins"] = tuple(
                (field, line, f"{rule}, {first} first as such dates are written by convention")
                if field == name
                else (field, line, rule)
                for field, line, rule in changes.get("origins", draft.origins)
            )
            continue
        line = next((b.line for b in post.blocks if date.as_written in b.text), draft.line)
        problems.append(
            Problem(
                Provenance(source, line),
                f"ambiguous date {date.as_written!r}: no other date on the page shows whether "
                "the day or the month comes first; only the year is kept",
                "warning",
            )
        )
    return (attrs.evolve(draft, **changes) if changes else draft), problems


#: (pattern, days): an intro's words saying the piece came out before the post, and the most
#: days before it may be (0: the post's month; -1: the month before): ``past_words``.
_PAST = [
    (re.compile(rf"\b(?:{'|'.join(words)})\b", re.I), int(days))
    for days, words in PHRASINGS.get("past_words", {}).items()
]


def past_date(sentence: str, posted: PartialDate | None) -> PartialDate | None:
    """The piece's date when the intro says only that it came out a little before the post
    ("appeared in the X last week"): the post's month when the whole window before the post
    falls in it (the month before for "last month"); None when the window reaches into the
    month before, the sentence says nothing of the kind or the post is undated."""
    if posted is None or posted.year is None or posted.month is None:
        return None
    for pattern, days in _PAST:
        if not pattern.search(sentence):
            continue
        if days < 0:  # "last month"
            if posted.month == 1:
                return PartialDate(posted.year - 1, 12)
            return PartialDate(posted.year, posted.month - 1)
        if days == 0 or (posted.day is not None and posted.day > days):
            return PartialDate(posted.year, posted.month)
        return None  # the window reaches into the month before: the page's date line stands
    return None
