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
        return self._with_suffix(item, _counted(self, super().render, item, *args, **kwargs))

    def _with_suffix(self, item: Any, text: Any) -> Any:
        """``implicit-year-suffix``: the year suffix after the first year of ``issued`` an
        entry or cite prints, when the style asks for suffixes but never prints the variable."""
        state = _state(self)
        if not text or state.suffix_shown or self.get("variable") != "issued":
            return text
        if state.implicit_suffix is None:
            root = self.get_root()
            if isinstance(root, model.Locale):
                root = root.style
            citation = root.citation
            state.implicit_suffix = (
                citation is not None
                and citation.get("disambiguate-add-year-suffix", "false") == "true"
                and not root.xpath_search(".//cs:text[@variable='year-suffix']")
            )
        if not state.implicit_suffix:
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
