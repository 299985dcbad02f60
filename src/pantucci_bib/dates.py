"""Partial, approximate and ranged dates, and the written forms the archive pages use.

``parse_iso`` reads the project's own notation (``2015``, ``2015-11``, ``2016-02-16T14:00``,
``2013/2014``, a trailing ``~`` for circa); ``parse_written`` reads dates as pages print
them ("August 28, 2015", "Tuesday, 16 February, 2016, 2:00pm", "2012-12-17 19:25:05",
"24.04.2019", "2018/06/03 14:20", "Aug 9, 2017 10:15 AM EDT", "2017年5月15日" …); month names
in other languages ("15 мая 2017", "3 mars 2019") are read by ``dateparser``, imported only
when such a date is met.

A numeric date whose first two numbers can both be a month ("03/04/2018") has no order of its
own: ``find_written`` reads it with the ``orders`` it is given (separator → ``"dmy"`` or
``"mdy"``, decided per page from the page's unambiguous dates, see :func:`numeric_votes`) and
otherwise returns the year alone, marked :data:`AMBIGUOUS_ORDER`, so that the caller reports
it instead of guessing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from pantucci_bib.model import PartialDate
from pantucci_bib.model_build import builder

#: The ``reason`` of a date whose day/month order is not known (only its year is kept).
AMBIGUOUS_ORDER = "ambiguous day/month order"

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
#: A time zone after a time: "EDT", "ALMT", "MSK", "UTC+6", "GMT", "+06:00".
_ZONE_RE = (
    r"(?:\s*\(?(?:(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{1,4}T|MSK|[+-]\d{2}:?\d{2})\)?"
    r"(?![\w]))?"
)
_TIME_RE = (
    r"(?:,?\s*(?:[–—-]\s*|at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::\d{2})?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?" + _ZONE_RE + ")?"
)
_NUMERIC_TIME_RE = (
    r"(?:,?\s+(?:[–—-]\s*|at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?" + _ZONE_RE + ")?"
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
    # 2018/06/03 14:20 / 2018.06.03
    re.compile(
        r"(?<![\d/.])(?P<year>\d{4})(?P<sep>[/.])(?P<mnum>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
        r"(?![\d/.])" + _NUMERIC_TIME_RE
    ),
    # 24.04.2019 / 03/04/2018 / 5-9-2017: day-first or month-first, see find_written
    re.compile(
        r"(?<![\d/.-])(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})"
        r"(?![\d/-])" + _NUMERIC_TIME_RE
    ),
    # 2017年5月15日 / 2017年5月
    re.compile(r"(?P<year>\d{4})\s*年\s*(?P<mnum>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?"),
]
#: Where a date with another language's month name may be: a day, a word, a year.
_FOREIGN = re.compile(
    r"(?<!\d)(?:(?P<day>\d{1,2})\.?\s+)?(?P<word>[^\W\d_]{3,})\.?,?\s+(?:\d{1,2},?\s+)?\d{4}(?!\d)"
)
#: The languages whose month names dateparser is asked to read (English is read without it).
FOREIGN_LANGUAGES = ("ru", "uk", "kk", "fr", "de", "es", "it", "pt", "tr", "zh", "ja")
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
    year, month, day, hour, minute, end, end_month, end_day, approximate = match.group(
        "year", "month", "day", "hour", "minute", "end", "endmonth", "endday", "circa"
    )
    return _DATE.build(
        [
            int(year),
            int(month) if month else None,
            int(day) if day else None,
            int(hour) if hour else None,
            int(minute) if minute else None,
            int(end) if end else None,
            int(end_month) if end_month else None,
            circa or bool(approximate),
            as_written,
            reason,
            int(end_day) if end_day else None,
            "",  # season
            "",  # literal
        ]
    )


#: PartialDate's constructor without keyword arguments (each date read pays for them).
_DATE = builder(
    PartialDate,
    order=(
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "end_year",
        "end_month",
        "circa",
        "as_written",
        "reason",
        "end_day",
        "season",
        "literal",
    ),
)


def find_written(
    text: str, orders: Mapping[str, str] | None = None
) -> tuple[PartialDate, tuple[int, int]] | None:
    """Find the first written date in ``text``; return it with its span, or ``None``.

    ``orders`` maps a numeric date's separator (``"/"``, ``"."``, ``"-"``) to ``"dmy"`` or
    ``"mdy"`` (``""``: any other separator); a numeric date it cannot order is returned as its
    year alone, with the reason :data:`AMBIGUOUS_ORDER` and the date as written.
    """
    best: tuple[PartialDate, tuple[int, int]] | None = None
    for pattern in _WRITTEN_FORMS:
        for match in pattern.finditer(text):
            try:
                found = _from_match(match, orders or {})
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
    if best is None:
        return _foreign(text)
    return best


def numeric_votes(text: str) -> list[tuple[str, str]]:
    """The (separator, order) that the unambiguous numeric dates of ``text`` show.

    "24.04.2019" shows ``(".", "dmy")``, "5/19/2017" ``("/", "mdy")``; "03/04/2018" shows
    nothing.
    """
    votes = []
    for match in _WRITTEN_FORMS[-2].finditer(text):
        first, second = int(match.group("first")), int(match.group("second"))
        if first > 12 >= second:
            votes.append((match.group("sep"), "dmy"))
        elif second > 12 >= first:
            votes.append((match.group("sep"), "mdy"))
    return votes


def month_votes(text: str, year: int, month: int) -> list[tuple[str, str]]:
    """Orders shown by numeric dates of ``text`` in a page that lists ``year``-``month``.

    In the archive of May 2017, "5/9/2017" is read month-first and "03.05.2017" day-first;
    a date whose two numbers are both 5, or neither, shows nothing.
    """
    votes = []
    for match in _WRITTEN_FORMS[-2].finditer(text):
        first, second = int(match.group("first")), int(match.group("second"))
        if int(match.group("year")) != year or (first == month) == (second == month):
            continue
        votes.append((match.group("sep"), "mdy" if first == month else "dmy"))
    return votes


def _foreign(text: str) -> tuple[PartialDate, tuple[int, int]] | None:
    """A date with a month name in another language, read by dateparser."""
    for match in _FOREIGN.finditer(text):
        word = match.group("word")
        if word.isascii() and not _ascii_foreign_month(word, has_day=bool(match.group("day"))):
            continue  # an English month, or an ASCII word that is no month elsewhere either
        data = _foreign_parser().get_date_data(match.group(0))
        when = data.date_obj
        if when is None:
            continue
        period = data.period or "day"
        return (
            PartialDate(
                year=when.year,
                month=when.month if period in ("month", "day", "time") else None,
                day=when.day if period in ("day", "time") else None,
                hour=when.hour if period == "time" else None,
                minute=when.minute if period == "time" else None,
                as_written=match.group(0).strip(" ,"),
            ),
            match.span(),
        )
    return None


@functools.lru_cache(maxsize=1)
def _ascii_month_words() -> frozenset[str]:
    """Other languages' month names written in plain ASCII ("mars", "Mai", "marzo"), from
    ``ascii_month_names`` in data/phrasings.json."""
    import json
    from importlib import resources

    text = resources.files("pantucci_bib.data").joinpath("phrasings.json").read_text("utf-8")
    return frozenset(word.casefold() for word in json.loads(text)["ascii_month_names"])


def _ascii_foreign_month(word: str, *, has_day: bool) -> bool:
    """Whether an ASCII ``word`` before a year is another language's month name.

    Capitalised, it must follow a day ("14 Mai 2018"): "Mars 2020" alone is as likely the
    planet; lower-case month names ("mars 2019", "marzo 2019") are read without one.
    """
    if word.casefold() not in _ascii_month_words():
        return False
    return has_day or word.islower()


@functools.lru_cache(maxsize=1)
def _foreign_parser() -> Any:
    from dateparser.date import DateDataParser  # heavy: only when a page needs it

    return DateDataParser(
        languages=list(FOREIGN_LANGUAGES),
        settings={"REQUIRE_PARTS": ["year"], "RETURN_TIME_AS_PERIOD": True},
    )


def parse_written(text: str) -> PartialDate:
    """Parse a date as a page writes it; raise ``ValueError`` if there is none."""
    found = find_written(text)
    if found is None:
        raise ValueError(f"no date in {text!r}")
    return found[0]


def _from_match(match: re.Match[str], orders: Mapping[str, str]) -> PartialDate:
    groups = match.groupdict()
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        order = orders.get(groups["sep"], orders.get(""))
        if first > 12 >= second or first == second:
            order = "dmy"
        elif second > 12 >= first:
            order = "mdy"
        elif order is None:
            return PartialDate(
                year=int(groups["year"]),
                as_written=match.group(0).strip(" ,"),
                reason=AMBIGUOUS_ORDER,
            )
        day_first, month_first = (first, second) if order == "dmy" else (second, first)
        groups = {**groups, "day": str(day_first)}
        month_number: int | None = month_first
    elif groups.get("mnum"):
        month_number = int(groups["mnum"])
    else:
        month_number = MONTHS[_month_key(groups["month"])]
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
        month=month_number,
        day=day,
        hour=hour,
        minute=minute,
        as_written=match.group(0).strip(" ,"),
    )


def _month_key(word: str) -> str:
    word = word.lower().rstrip(".")
    return word if word in MONTHS else word[:3]
