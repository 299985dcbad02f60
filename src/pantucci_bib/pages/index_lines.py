"""A text archive that lists its posts one line each, without excerpts (pass 17i).

A yearly or monthly archive saved as text may give no post paragraphs at all, only a run of
index lines under month sub-headings::

    March
    14th — Ferries on the Caspian — Anna Smith (guest)
    2nd — A Week in Osh — Ben Jones, tr. Cara Lee

Each such line becomes the blocks a saved HTML post gives (a ``post`` marker, its ``title``,
the day it was ``posted`` and a byline), so the ordinary stages read it. The day takes its
month from the sub-heading above it and its year from the page's own period ("Archive for
2021"); brackets inside the line are notes: a repost line ("first published in X, DATE")
is kept as a line of the post, an update stamp or a guest marker is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pantucci_bib.dates import MONTH_NAMES, find_written
from pantucci_bib.model import PartialDate
from pantucci_bib.pages.blocks import _PERIOD_FORMS, Block, period_of
from pantucci_bib.pages.lines import looks_like_name
from pantucci_bib.pages.phrasings import FIRST_PUBLISHED, INLINE_TRANSLATOR

_MONTHS = [name.capitalize() for name in MONTH_NAMES]
#: A month sub-heading ("December", "December 2021").
_MONTH_HEADING = re.compile(rf"^(?P<month>{'|'.join(_MONTHS)})(?:\s+(?P<year>\d{{4}}))?\s*:?$")
#: An index line: a day (ordinal or not, perhaps with its month), a dash, the rest.
_INDEX_LINE = re.compile(
    rf"^(?P<day>(?:(?:{'|'.join(_MONTHS)})\s+)?\d{{1,2}}(?:st|nd|rd|th)?"
    rf"(?:\s+(?:{'|'.join(_MONTHS)}))?)\s+[—–]\s+(?P<rest>\S.*)$"
)
#: Where the title and the credit part: a spaced dash.
_PART = re.compile(r"\s+[—–]\s+")
_BRACKET = re.compile(r"\s*\((?P<note>[^()]+)\)")
#: How many index lines make a page an index (one stray line is a body paragraph).
_MIN_LINES = 3


def index_posts(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with a run of index lines turned into posts (unchanged without such a run).

    Whatever follows the last index line (a "Most read" box, a newsletter form, the footer)
    is the page's furniture and is left out; what precedes the first one is the site's
    header, read as saved HTML's is (:func:`_lead`)."""
    hits = [i for i, b in enumerate(blocks) if not b.hint and _INDEX_LINE.match(b.text)]
    if len(hits) < _MIN_LINES:
        return list(blocks)
    first, last = hits[0], hits[-1]
    year = _page_year(blocks[:first])
    start = first
    while start > 0 and _MONTH_HEADING.match(blocks[start - 1].text):
        start -= 1  # the first month heading belongs to the index
    out = _lead(blocks[:start])
    month: PartialDate | None = None
    for block in blocks[start : last + 1]:
        if heading := _MONTH_HEADING.match(block.text):
            number = _MONTHS.index(heading["month"]) + 1
            month = PartialDate(int(heading["year"] or 0) or (year or 0), number)
            continue
        if match := _INDEX_LINE.match(block.text):
            out.extend(_post(block, match["day"], match["rest"], month, year))
    return out


def _lead(blocks: Sequence[Block]) -> list[Block]:
    """The lines above an index as saved HTML gives its header: the site's name, menu and
    description in one ``site`` block, the archive's own period line ("Archive for 2021")
    as it is (no post is made of either)."""
    period = [b for b in blocks if any(form.match(b.text) for form in _PERIOD_FORMS)]
    rest = [b.text for b in blocks if b not in period and b.text.strip()]
    site = [Block(blocks[0].line, " | ".join(rest), "site")] if rest else []
    return site + period[:1]


def _page_year(blocks: Sequence[Block]) -> int | None:
    """The year the page's own header lists ("Archive for 2021", "Yearly Archives: 2021")."""
    for block in blocks:
        for form in _PERIOD_FORMS:
            if (match := form.match(block.text)) and (period := period_of(match["period"])):
                return period.year
    return None


def _day(day: str, month: PartialDate | None, year: int | None) -> str:
    """The day as a date the date reader takes ("20 December 2021"), or "" if unknown."""
    if year and re.search(r"[A-Za-z]{3}", day) and find_written(f"{day} {year}"):
        return f"{day} {year}"  # the line gives its month ("14 March — …")
    if month is None or not month.year or not month.month:
        return ""
    number = re.match(r"\d+", day)
    return f"{number.group(0)} {_MONTHS[month.month - 1]} {month.year}" if number else ""


def _post(
    block: Block, day: str, rest: str, month: PartialDate | None, year: int | None
) -> list[Block]:
    """The blocks of one index line: marker, headline, post date, byline, notes."""
    parts = _PART.split(rest)
    credit = parts[-1] if len(parts) > 1 else ""
    title = " — ".join(parts[:-1]) if len(parts) > 1 else rest
    notes: list[str] = []

    def take(match: re.Match[str]) -> str:
        notes.append(match["note"].strip())
        return ""

    title = _BRACKET.sub(take, title).strip()
    credit = _BRACKET.sub(take, credit).strip()
    line = block.line
    out = [Block(line, "", "post", gap=block.gap), Block(line, title, "title")]
    if posted := _day(day, month, year):
        out.append(Block(line, posted, "posted"))
    names, translator = _credit(credit)
    if names:
        out.append(Block(line, "By " + " and ".join(names)))
    if translator:
        out.append(Block(line, f"Translated by {translator}"))
    for note in notes:
        if FIRST_PUBLISHED.match(note):  # a repost: kept; "(updated DATE)", "(guest)" are not
            out.append(Block(line, note[0].upper() + note[1:].rstrip(".") + "."))
    return out


def _credit(credit: str) -> tuple[list[str], str]:
    """The people an index line's credit names ("A with B", "A and B (guests)", "A, tr. B"),
    and its translator; nothing for a team or a desk ("CiCA team")."""
    credit = credit.strip(" ,")
    translator = ""
    if match := INLINE_TRANSLATOR.search(credit):
        translator = match["names"].strip(" .,")
        credit = credit[: match.start()].strip(" ,")
    names = [n.strip(" .,") for n in re.split(r"\s*,\s*|\s+(?:and|with|&)\s+", credit) if n]
    if not names or not all(2 <= len(n.split()) <= 3 and looks_like_name(n) for n in names):
        return [], translator if looks_like_name(translator) else ""
    return names, translator if looks_like_name(translator) else ""
