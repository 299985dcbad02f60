"""Partial, approximate and ranged dates, and the written forms the archive pages use.

``parse_iso`` reads the project's own notation (``2015``, ``2015-11``, ``2016-02-16T14:00``,
``2013/2014``, a trailing ``~`` for circa); ``parse_written`` reads dates as pages print
them ("August 28, 2015", "Tuesday, 16 February, 2016, 2:00pm", "2012-12-17 19:25:05" …).
"""

from __future__ import annotations

import re

from pantucci_bib.model import PartialDate

#: The English month names, January first.
MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    MONTHS[_name] = _number
    MONTHS[_name[:3]] = _number
MONTHS["sept"] = 9

_MONTH_RE = (
    r"(?<![^\W\d_])(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY_RE = (
    r"(?:(?<![^\W\d_])(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
)
_TIME_RE = (
    r"(?:,?\s*(?:[–—-]\s*|at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::\d{2})?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
_DAY_RE = r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>\d{4})"

_WRITTEN_FORMS = [
    # 2012-12-17 19:25:05 / 2012-12-17T19:25
    re.compile(
        r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})"
        r"(?:[ T](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2})?)?",
    ),
    # Wednesday, November 16, 2011 – 1:59 PM / August 28, 2015 / July 17 2015 / Dec. 30, 2022
    re.compile(_WEEKDAY_RE + _MONTH_RE + r"\s+" + _DAY_RE + r",?\s+" + _YEAR_RE + _TIME_RE, re.I),
    # Tuesday, 16 February, 2016, 2:00pm / 23 March 2015
    re.compile(_WEEKDAY_RE + _DAY_RE + r"\s+" + _MONTH_RE + r",?\s+" + _YEAR_RE + _TIME_RE, re.I),
    # November 2015
    re.compile(_MONTH_RE + r",?\s+" + _YEAR_RE, re.I),
]
_ISO = re.compile(
    r"^(?P<year>-?\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2}))?)?)?(?P<circa>~)?"
    r"(?:/(?P<end>-?\d{4})(?:-(?P<endmonth>\d{2})(?:-(?P<endday>\d{2}))?)?~?)?$"
)


def parse_iso(
    text: str, *, circa: bool = False, as_written: str = "", reason: str = ""
) -> PartialDate:
    """Parse the project's ISO/EDTF-like notation; raise ``ValueError`` when it is not one."""
    match = _ISO.match(text.strip())
    if not match:
        raise ValueError(f"not a date: {text!r}")

    def num(name: str) -> int | None:
        value = match.group(name)
        return int(value) if value else None

    return PartialDate(
        year=int(match.group("year")),
        month=num("month"),
        day=num("day"),
        hour=num("hour"),
        minute=num("minute"),
        end_year=num("end"),
        end_month=num("endmonth"),
        end_day=num("endday"),
        circa=circa or bool(match.group("circa")),
        as_written=as_written,
        reason=reason,
    )


def find_written(text: str) -> tuple[PartialDate, tuple[int, int]] | None:
    """Find the first written date in ``text``; return it with its span, or ``None``."""
    best: tuple[PartialDate, tuple[int, int]] | None = None
    for pattern in _WRITTEN_FORMS:
        for match in pattern.finditer(text):
            try:
                found = _from_match(match)
            except ValueError:
                continue
            span = match.span()
            # earliest wins; at the same start the longer (more precise) match wins
            if (
                best is None
                or span[0] < best[1][0]
                or (span[0] == best[1][0] and span[1] > best[1][1])
            ):
                best = (found, span)
            break
    return best


def parse_written(text: str) -> PartialDate:
    """Parse a date as a page writes it; raise ``ValueError`` if there is none."""
    found = find_written(text)
    if found is None:
        raise ValueError(f"no date in {text!r}")
    return found[0]


def _from_match(match: re.Match[str]) -> PartialDate:
    groups = match.groupdict()
    if groups.get("mnum"):
        month: int | None = int(groups["mnum"])
    else:
        month = MONTHS[_month_key(groups["month"])]
    day = int(groups["day"]) if groups.get("day") else None
    hour = minute = None
    if groups.get("hour"):
        hour, minute = int(groups["hour"]), int(groups["minute"])
        ampm = (groups.get("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    return PartialDate(
        year=int(groups["year"]),
        month=month,
        day=day,
        hour=hour,
        minute=minute,
        as_written=match.group(0).strip(" ,"),
    )


def _month_key(word: str) -> str:
    word = word.lower().rstrip(".")
    return word if word in MONTHS else word[:3]
