"""CSL 1.0.2 \u00a7 Date: date ranges, and dates as citeproc-js sorts them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String

from pantucci_bib.formatting.engine.state import (
    _counted,
    _state,
    _substituted,
    implicit_suffix,
)
from pantucci_bib.formatting.engine.text_case import _TitleCased


def date_sort_key(date: Any, parts: Sequence[str] = ("year", "month", "day")) -> str:
    """A date as citeproc-js sorts it: begin and end, each year (1-prefixed), month, day."""
    if date is None or not hasattr(date, "get"):
        return ""
    begin, end = (date.get("begin"), date.get("end")) if "begin" in date else (date, None)
    if begin is None or not begin.get("year"):
        return ""
    key = ""
    for which in (begin, end):
        for part in ("year", "month", "day"):
            value = which.get(part) if which is not None and part in parts else None
            number = int(value) if isinstance(value, int) else 0
            if part != "year":
                key += f"{number:02d}"
            elif number < 0:  # BCE before CE, the older first
                key += f"0{9999 + number:04d}"
            else:
                key += f"1{number:04d}"
    return key


class Date(model.Date):  # type: ignore[misc]
    """``date-range-year``, ``sort-keys``; counts the date variable for group suppression."""

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        if self.is_locale_date():
            return self._with_suffix(item, super().render(item, *args, **kwargs))
        if _state(self).sorting:
            return _counted(self, self._sort_key, item)
        variable = self.get("variable")
        if _substituted(self, variable):
            return None  # ``substitute-date``: printed in place of the names already
        text = self._with_suffix(item, _counted(self, super().render, item, *args, **kwargs))
        if text and _state(self).substituting:
            _state(self).substituted.add(variable)
        return text

    def _with_suffix(self, item: Any, text: Any) -> Any:
        """``implicit-year-suffix``: the year suffix after the first year of ``issued`` an
        entry or cite prints, when the style asks for suffixes but never prints the variable."""
        state = _state(self)
        if not text or state.suffix_shown or self.get("variable") != "issued":
            return text
        if not implicit_suffix(self):
            return text
        suffix = item.reference.get("year_suffix")
        date = item.reference.get("issued")
        if not suffix or date is None:
            return text
        begin = date.get("begin", date) if hasattr(date, "get") else date
        year = str(begin.get("year", "")) if hasattr(begin, "get") else ""
        rendered = str(text)
        at = rendered.rfind(year) if year else -1
        if at < 0:
            return text
        state.suffix_shown = True
        end = at + len(year)
        return String(rendered[:end] + str(suffix) + rendered[end:])

    def _sort_key(self, item: Any) -> Any:
        date = item.reference.get(self.get("variable").replace("-", "_"))
        if self.get("form") is not None:
            parts: Sequence[str] = self.get("date-parts", "year-month-day").split("-")
        else:
            parts = [p.get("name") for p in self.iterchildren()] or ["year", "month", "day"]
        return String(date_sort_key(date, parts)) or None

    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        parts = self.parts(date, show_parts, context) if context is not self else None
        if context is self or context is None:
            parts = self.parts(date, show_parts)
        return _joined(parts or [], self._delimiter(context)) if parts else None

    def _delimiter(self, context: Any) -> str:
        """Between date parts: the calling cs:date's delimiter, else a localized date's own."""
        if context is not None and context is not self and context.get("delimiter") is not None:
            return str(context.get("delimiter"))
        return str(self.get("delimiter", ""))

    def render_date_range(
        self, date_range: Any, show_parts: Any = None, context: Any = None
    ) -> Any:
        """``date-ranges``: the parts from the largest that differs down are given for both
        ends, apart by that part's range-delimiter (default an en dash), the parts they share
        once (January 2–4, 2020; 2 January – 4 March 2020 as the locale orders them); an open
        range ends in the delimiter (1987–)."""
        context = context if context is not None else self
        show = list(show_parts) if show_parts is not None else ["year", "month", "day"]
        begin, end = date_range.begin, date_range.get("end")
        if end is None or end.is_nil():
            text = self.render_single_date(begin, show, context)
            return None if text is None else text + "\u2013"
        names = [c.get("name") for c in self.iterchildren() if c.get("name") in show]
        differing = [p for p in _GRANULARITY if p in names and begin.get(p) != end.get(p)]
        if not differing:
            return self.render_single_date(begin, show, context)
        ranged = _GRANULARITY[_GRANULARITY.index(differing[0]) :]
        positions = [i for i, name in enumerate(names) if name in ranged]
        before, middle = names[: positions[0]], names[positions[0] : positions[-1] + 1]
        after = names[positions[-1] + 1 :]
        first = self.render_single_date(begin, middle, context)
        last = self.render_single_date(end, middle, context)
        if first is None or last is None:
            return None
        delimiter = self._range_delimiter(differing[0], context)
        span = String(str(first).rstrip().rstrip(",") + delimiter + str(last).lstrip())
        pieces = [
            self.render_single_date(begin, before, context) if before else None,
            span,
            self.render_single_date(end, after, context) if after else None,
        ]
        return _joined([piece for piece in pieces if piece], self._delimiter(context))

    def _range_delimiter(self, part: str, context: Any) -> str:
        for element in (context, self):
            found = (
                element.xpath_search(f'./cs:date-part[@name="{part}"]')
                if element is not None
                else []
            )
            if found and found[0].get("range-delimiter") is not None:
                return str(found[0].get("range-delimiter"))
        return "\u2013"


_GRANULARITY = ["year", "month", "day"]


def _joined(parts: Sequence[Any], delimiter: str) -> Any:
    text = parts[0]
    for part in parts[1:]:
        text = text + delimiter + part
    return text


class Date_Part(_TitleCased, model.Date_Part):  # type: ignore[misc]
    """Title case as citeproc-js on date parts (month names); ``gendered-ordinals``."""

    def process(self, date: Any, context: Any = None) -> Any:
        text = super().process(date, context)
        if self.get("name") != "day" or self.get("form") != "ordinal" or str(text).isdigit():
            return text
        # ``gendered-ordinals``: a day takes the ordinal of its month's gender (1er octobre)
        locales = _locales(context if context is not None else self)
        try:
            month = f"month-{int(date.month):02d}"
        except (AttributeError, TypeError, ValueError, VariableError):
            return text
        gender = _first_attribute(locales, f"./cs:term[@name='{month}' and @gender]", "gender")
        if gender is None:
            return text
        day = int(date.day)
        for name in (f"ordinal-{day:02d}", f"ordinal-{day % 10:02d}", "ordinal"):
            expression = f"./cs:term[@name='{name}' and @gender-form='{gender}']"
            for locale in locales:
                found = locale.terms.xpath_search(expression) if locale.terms is not None else []
                if found:
                    return str(day) + str(found[0].single)
        return text


def _locales(element: Any) -> list[Any]:
    root = element.get_root()
    if isinstance(root, model.Locale):
        root = root.style
    return list(getattr(root, "locales", None) or [])


def _first_attribute(locales: Sequence[Any], expression: str, attribute: str) -> str | None:
    for locale in locales:
        terms = getattr(locale, "terms", None)
        found = terms.xpath_search(expression) if terms is not None else []
        if found:
            return str(found[0].get(attribute))
    return None
