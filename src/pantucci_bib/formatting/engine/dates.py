"""CSL 1.0.2 \u00a7 Date: date ranges, and dates as citeproc-js sorts them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from citeproc import model
from citeproc.string import String

from pantucci_bib.formatting.engine.state import _counted, _state
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
            key += f"1{number:04d}" if part == "year" else f"{number:02d}"
    return key


class Date(model.Date):  # type: ignore[misc]
    """``date-range-year``, ``sort-keys``; counts the date variable for group suppression."""

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        if self.is_locale_date():
            return super().render(item, *args, **kwargs)
        if _state(self).sorting:
            return _counted(self, self._sort_key, item)
        return _counted(self, super().render, item, *args, **kwargs)

    def _sort_key(self, item: Any) -> Any:
        date = item.reference.get(self.get("variable").replace("-", "_"))
        if self.get("form") is not None:
            parts: Sequence[str] = self.get("date-parts", "year-month-day").split("-")
        else:
            parts = [p.get("name") for p in self.iterchildren()] or ["year", "month", "day"]
        return String(date_sort_key(date, parts)) or None

    def render_date_range(
        self, date_range: Any, show_parts: Any = None, context: Any = None
    ) -> Any:
        end = date_range.get("end")
        if end is not None and not end.is_nil() and show_parts is not None:
            begin = date_range.begin
            shown = {child.get("name") for child in self.iterchildren()} & set(show_parts)
            differs = any(begin.get(part) != end.get(part) for part in shown)
            if not differs:
                return self.render_single_date(begin, list(show_parts), context)
        return super().render_date_range(date_range, show_parts, context)


class Date_Part(_TitleCased, model.Date_Part):  # type: ignore[misc]
    """Title case as citeproc-js on date parts (month names)."""
