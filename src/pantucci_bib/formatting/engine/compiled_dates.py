"""cs:date compiled: a closure for a date with a year, month and day (nearly every date).

Interpreting a cs:date costs a chain of calls per entry (``Date.render`` → ``process`` →
``render_single_date`` → ``parts`` → each ``Date_Part.render`` → ``process`` → ``markup``),
an XPath per part and a ``VariableError`` raised for every part the date lacks. The closure
reads the element's and its parts' attributes once and does the same steps for a plain
date: the same term lookups, the parts' own ``markup`` (text case, formatting, affixes), the
same join and the element's ``wrap``. Anything else (a range, a literal, a season, a value
that is not a number, sort keys, a variable already substituted) goes to the element's
``render``, so the output is the interpreter's by construction; ``tests/test_compiled_layout.py``
compares the two on the CSL test suite and generated libraries.

Not compiled: a style in which a localized date (``form``) has cs:date-part children, since
citeproc-py then copies their attributes onto the locale's date parts while rendering (later
renderings see the copy), and a day as an ordinal (gendered ordinals, day-1-only ordinals).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc.source import Date as SourceDate

from pantucci_bib.formatting.engine.dates import _joined
from pantucci_bib.formatting.engine.state import _counted, _state

Run = Callable[[Any, Any], Any]
#: what one date part gives for a date: its text, or None where the date lacks the part
PartRun = Callable[[Any, Any], Any]

_ALL_PARTS = ("year", "month", "day")


def compile_date(element: Any, interpreted: Run) -> Run:
    """The closure rendering the cs:date ``element``, or ``interpreted`` where it cannot."""
    root = element.get_root()
    if root.__dict__.get("_pb_dates_fixed") is None:
        root.__dict__["_pb_dates_fixed"] = not root.xpath_search(
            ".//cs:date[@form][cs:date-part][not(ancestor::cs:locale)]"
        )
    variable = element.get("variable")
    if not root.__dict__["_pb_dates_fixed"] or not variable or element.is_locale_date():
        return interpreted
    form = element.get("form")
    if form is not None:
        source = element.get_date(form)  # the locale's date of that form
        if source is None:
            return interpreted
        wanted = element.get("date-parts")
        show = wanted.split("-") if wanted is not None else list(_ALL_PARTS)
    else:
        source, show = element, list(_ALL_PARTS)
    parts = [p for p in source.iterchildren() if p.get("name") in show]
    runs = [_part(p) for p in parts]
    if any(run is None for run in runs):
        return interpreted
    part_runs: list[PartRun] = [run for run in runs if run is not None]
    state = _state(element)
    key = variable.replace("-", "_")
    localized = form is not None
    delimiters: dict[Any, str] = {}

    def delimiter_of(context: Any) -> str:
        """``Date._delimiter``: the calling element's delimiter, else the parts' date's."""
        found = delimiters.get(context)
        if found is None:
            given = context.get("delimiter") if context is not source else None
            if given is None:
                given = source.get("delimiter", "")
            found = delimiters[context] = str(given)
        return found

    def single(date: Any, context: Any) -> Any:
        # a localized date's parts look up terms from the style's cs:date, a date's own
        # parts from the element that called it (as Date.process passes them on)
        term_context = element if localized else context
        texts = []
        for run in part_runs:
            text = run(date, term_context)
            if text is not None:
                texts.append(text)
        if not texts:
            return None
        return _joined(texts, delimiter_of(term_context))

    def rendered(date: Any, context: Any) -> Any:
        text = single(date, context if context is not None else element)
        return element.wrap(text) if text is not None else None

    def run(item: Any, context: Any) -> Any:
        if state.sorting or variable in state.substituted:
            return interpreted(item, context)
        reference = item.reference
        if key not in reference:  # the interpreter counts the call, then raises VariableError
            state.called += 1
            return None
        try:
            date = reference[key]
        except Exception:  # the interpreter raises it, or reports it, as it does
            return interpreted(item, context)
        if type(date) is not SourceDate or not _plain(date):
            return interpreted(item, context)
        text = element._with_suffix(item, _counted(element, rendered, date, context))
        if text and state.substituting:
            state.substituted.add(variable)
        return text

    return run


def _plain(date: Any) -> bool:
    """A date of whole-number parts with a month where it has a day, and no season."""
    if "season" in date:
        return False
    return all(type(date.get(part, 0)) is int for part in _ALL_PARTS)


def _part(part: Any) -> PartRun | None:
    """``Date_Part.render`` for a plain date; None for a part this module leaves alone."""
    name, form, markup = part.get("name"), part.get("form"), part.markup
    if name == "year":
        short = form == "short"
        if form not in (None, "long", "short"):
            return None

        def year(date: Any, context: Any) -> Any:
            value = date["year"]
            if short:
                return markup(str(value)[-2:])
            text = str(abs(value))
            if value < 0:
                text += context.get_single_term(name="bc")
            elif value < 1000:
                text += context.get_single_term(name="ad")
            return markup(text)

        return year
    if name == "month":
        if form not in (None, "long", "short", "numeric", "numeric-leading-zeros"):
            return None
        term_form = "short" if form == "short" else None

        def month(date: Any, context: Any) -> Any:
            index = date.get("month")
            if index is None:
                return None
            if form in (None, "long", "short"):
                return markup(context.get_single_term(name=f"month-{index:02}", form=term_form))
            return markup(f"{index:02}" if form == "numeric-leading-zeros" else f"{index}")

        return month
    if name == "day":
        if form not in (None, "numeric", "numeric-leading-zeros"):
            return None  # ordinals: gendered and day-1-only rules, left to the interpreter
        zeros = form == "numeric-leading-zeros"

        def day(date: Any, context: Any) -> Any:
            value = date.get("day")
            if value is None:
                return None
            return markup(f"{value:02}" if zeros else value)

        return day
    return None
