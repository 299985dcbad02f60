"""CSL 1.0.2 Appendix V § Page range formats: expanded, minimal, minimal-two, chicago
(chicago-15) and chicago-16, as citeproc-js applies them."""

from __future__ import annotations

import re
from typing import Any

from citeproc import model

_NUMBERED = re.compile(r"^(\D*?)(\d+)$")
_RANGE = re.compile(r"(\S+?)\s*[-\u2013]\s*(\S+)")


def _minimal(first: str, last: str, at_least: int) -> str:
    """``last`` without the leading digits it shares with ``first`` (keeping ``at_least``)."""
    if len(first) != len(last):
        return last
    same = 0
    while same < len(first) and first[same] == last[same]:
        same += 1
    keep = min(len(last), max(len(last) - same, at_least))
    return last[len(last) - keep :]


def last_page(first: str, last: str, range_format: str | None) -> str:
    """The second number of the range ``first``–``last`` as ``range_format`` prints it; a range
    it cannot read (letters that differ, a smaller second number) is left as written."""
    head, tail = _NUMBERED.match(first), _NUMBERED.match(last)
    if head is None or tail is None or (tail.group(1) and tail.group(1) != head.group(1)):
        return last
    start, end = head.group(2), tail.group(2)
    if len(end) < len(start):  # abbreviated as written (321-8): complete it first
        end = start[: len(start) - len(end)] + end
    if not range_format or int(end) <= int(start):
        return last
    if range_format == "expanded":
        return tail.group(1) + end
    if range_format == "minimal":
        return _minimal(start, end, 1)
    if range_format == "minimal-two":
        return _minimal(start, end, 2)
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        number = int(start)
        if number < 100 or number % 100 == 0:
            return end
        if number % 100 < 10:
            return _minimal(start, end, 1)
        if range_format != "chicago-16" and len(start) == 4 and len(_minimal(start, end, 1)) >= 3:
            return end  # chicago-15: four digits of which three change are all printed
        return _minimal(start, end, 2)
    return last


class PageRanges:
    """``page-range``: numbers and ranges of numbers (page, locator, number-of-pages …) as
    citeproc-js prints them: a range of two plain numbers joined by the locale's
    page-range-delimiter (or an en dash) with its last number by :func:`last_page`; a range
    with the same letters before both numbers keeps them (``N110–N115``), one with other
    letters is printed as written (``N110-5``); ``,`` and ``&`` lists are kept.
    citeproc-py applied the chicago-15 rule to chicago-16, rewrote lettered ranges and escaped
    the ampersand twice."""

    def _process(self, value: Any, variable: str) -> Any:
        element: Any = self
        delimiter = None
        if variable.startswith("page"):
            delimiter = element.get_single_term(name="page-range-delimiter")
        dash = str(delimiter) if delimiter else "\u2013"
        range_format = element.get_root().get_option("page-range-format")

        def number(text: str) -> str:
            return str(element.format_number(text))  # ordinal, roman … (cs:number form)

        def one(item: str) -> str:
            item = item.strip()
            match = _RANGE.fullmatch(item)
            if match is None:
                return number(item)
            first, last = match.groups()
            if variable == "page-first":
                return number(first)
            head, tail = _NUMBERED.match(first), _NUMBERED.match(last)
            if head is not None and tail is not None and head.group(1) == tail.group(1):
                prefix, start, end = head.group(1), head.group(2), tail.group(2)
                full = start[: len(start) - len(end)] + end if len(end) < len(start) else end
                if variable == "page":
                    end = last_page(start, end, range_format)
                # an abbreviated last number goes without the letters (n11564–68)
                return prefix + number(start) + dash + (prefix if end == full else "") + number(end)
            if first.isalpha() and last.isalpha():  # roman numerals: xxv–xxviii
                return first + dash + last
            return first + "-" + last  # letters that differ: as written

        text = ", ".join(
            " & ".join(one(part) for part in listed.split("&")) for listed in str(value).split(",")
        )
        # a cs:text value is escaped with the rest of the field (rich_text); a cs:number here
        return text if isinstance(self, model.Text) else element.preformat(text)
