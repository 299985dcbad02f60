"""BibTeX field values: macros and ``#`` concatenation evaluated, dates read (BibLaTeX's
EDTF ``date``, BibTeX's ``year``/``month``/``day``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from pantucci_bib.dates import MONTHS, parse_iso
from pantucci_bib.formats.bibtex.latex_decode import group_end
from pantucci_bib.formats.bibtex.types import UNKNOWN_DATE
from pantucci_bib.model import PartialDate

_SPACES = re.compile(r"[ \t\r\n]+")


def split_concatenation(raw: str) -> list[str]:
    """Split a raw field value at the top-level ``#`` operators."""
    if "#" not in raw:
        return [raw.strip()]
    parts: list[str] = []
    depth = 0
    in_quotes = False
    start = 0
    escaped = False
    for index, char in enumerate(raw):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            in_quotes = not in_quotes
        elif char == "#" and depth == 0 and not in_quotes:
            parts.append(raw[start:index].strip())
            start = index + 1
    parts.append(raw[start:].strip())
    return parts


class MalformedValue(ValueError):
    """A field value BibTeX would not read as one value (a missing comma, a stray brace)."""


def evaluate(raw: str, macros: Mapping[str, str], undefined: Callable[[str], None]) -> str:
    """The text of a raw field value: braces or quotes removed, macros and ``#`` resolved.

    Raises MalformedValue for a part that is neither one braced or quoted group, a number
    nor a macro name: ``{Asia Policy} author = {…}`` is two fields without a comma between.
    """
    pieces: list[str] = []
    for part in split_concatenation(raw):
        if part.startswith("{"):
            if group_end(part, 0) != len(part):
                raise MalformedValue(f"text after the closing brace: {_head(part)}")
            pieces.append(part[1:-1])
        elif part.startswith('"'):
            if len(part) < 2 or not part.endswith('"') or _inner_quote(part[1:-1]):
                raise MalformedValue(f"text after the closing quote: {_head(part)}")
            pieces.append(part[1:-1])
        elif part.isdigit():
            pieces.append(part)
        elif part.lower() in macros:
            pieces.append(macros[part.lower()])
        elif _MACRO_NAME.fullmatch(part):
            undefined(part)
        elif part:
            raise MalformedValue(f"a value without braces or quotes: {_head(part)}")
        else:
            raise MalformedValue("an empty part of a value (a stray '#'?)")
    return _SPACES.sub(" ", "".join(pieces)).lstrip()  # a trailing space may be meant


_MACRO_NAME = re.compile(r"[^\s\d\"#%'(),={}][^\s\"#%'(),={}]*")


def _head(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 50 else text[:47] + "...")


def _inner_quote(text: str) -> bool:
    """A ``"`` outside braces inside a quoted value: the value ended earlier."""
    depth = 0
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            return True
    return False


_BIBTEX_YEAR = re.compile(
    r"\[?(?P<year>\d{4})(?:\s*(?:--?|–|/)\s*(?P<end>\d{4}))?(?P<circa>\?)?\]?"
)
_EDTF_TIME = re.compile(r"T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def parse_edtf(text: str) -> PartialDate:
    """A BibLaTeX date: EDTF level 1 as biber reads it (``2016-02-16T14:00:00``, ``2015~``)."""
    text = _EDTF_TIME.sub(lambda m: f"T{m.group(1)}:{m.group(2)}", text.strip())
    circa = False
    if "?" in text or "%" in text:
        circa = True
        text = text.replace("?", "").replace("%", "")
    if "~" in text:
        circa = True
    return parse_iso(text, circa=circa)


def _month_number(text: str) -> int | None:
    text = text.strip().rstrip(".").lower()
    if text.isdigit():
        return int(text)
    return MONTHS.get(text) or MONTHS.get(text[:3])


def read_issued(fields: Mapping[str, str], warn: Callable[[str], None]) -> PartialDate | None:
    if fields.get("date") and fields["date"].strip() != UNKNOWN_DATE:
        try:
            return parse_edtf(fields["date"])
        except ValueError:
            warn(f"date {fields['date']!r} not read; trying year and month")
    year_text = fields.get("year", "").strip()
    if not year_text:
        return None
    match = _BIBTEX_YEAR.fullmatch(year_text.replace("{", "").replace("}", ""))
    if not match:
        warn(f"year {year_text!r} not read")
        return None
    month = None
    if fields.get("month"):
        month = _month_number(fields["month"].replace("{", "").replace("}", ""))
        if month is None:
            warn(f"month {fields['month']!r} not read")
    day = None
    if fields.get("day", "").strip().isdigit():
        day = int(fields["day"])
    end = int(match.group("end")) if match.group("end") else None
    try:
        if end is not None and end != int(match.group("year")):
            return PartialDate(
                int(match.group("year")), end_year=end, circa=bool(match.group("circa"))
            )
        return PartialDate(int(match.group("year")), month, day, circa=bool(match.group("circa")))
    except ValueError as exc:
        warn(f"date not read: {exc}")
        return None
