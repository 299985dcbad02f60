"""A layout's rendering elements compiled once into Python closures.

Interpreting the parsed style element by element costs a dozen method calls per element and
entry (``render`` → ``process`` → ``markup`` → ``format`` → ``wrap`` through citeproc-py's
mixins, with an attribute lookup at each step). :func:`compile_element` reads an element's
attributes once and returns a closure ``run(item, context)`` that does what the element's
``render`` does — the same calls into the corrected classes for the work itself (variable
lookup, escaping, text case, affixes, group suppression) — without the dispatch. A cs:date
is compiled in :mod:`.compiled_dates`. What it does not specialise (cs:names, cs:label, a
cs:number of an item that has its variable, a cs:text of a special variable, a date other
than a plain one) it calls as the interpreter would, so the output is the interpreter's by
construction; ``tests/test_compiled_layout.py`` checks that on the CSL test suite and
generated libraries.

A closure returns the element's text or None, or raises citeproc-py's ``VariableError`` as
the element's ``render`` does — except that a group, text or number compiled here returns
None where ``render`` raises for a missing variable (raising costs more, and every caller,
:func:`_texts` and the layout, takes both as nothing; cs:names does the same). Closures are
made per element and delimiter, once per parsed style, and read the render state
(:class:`.state._State`) as the interpreter does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc.source import VariableError

from pantucci_bib.formatting.engine.compiled_dates import compile_date
from pantucci_bib.formatting.engine.conditions import If
from pantucci_bib.formatting.engine.dates import Date
from pantucci_bib.formatting.engine.rendering import (
    _NOT_COUNTED,
    Group,
    Number,
    Text,
    _escaped,
    _language,
    variable_keys,
)
from pantucci_bib.formatting.engine.seams import join
from pantucci_bib.formatting.engine.state import _macro, _state

#: ``run(item, context)``: an element's text for ``item``, None, or a raised VariableError.
Run = Callable[[Any, Any], Any]

_TEXT_SPECIAL = frozenset({"citation-label", "first-reference-note-number"})

#: False: every element is rendered by its ``render`` (the interpreter), for comparison.
ENABLED = True


def compile_element(element: Any, delimiter: str = "") -> Run:
    """The closure rendering ``element`` (``delimiter``: the one a cs:choose passes on)."""
    if not ENABLED:
        return _interpreted(element, delimiter if isinstance(element, model.Choose) else None)
    cache: dict[str, Run] = element.__dict__.setdefault("_pb_compiled", {})
    run = cache.get(delimiter)
    if run is None:
        run = cache[delimiter] = _compile(element, delimiter)
    return run


def compile_children(element: Any, delimiter: str = "") -> Callable[[Any, Any], Any]:
    """``render_children``: the children's texts joined with ``delimiter``, or None."""
    if not ENABLED:
        return _children(element, delimiter)
    cache: dict[str, Run] = element.__dict__.setdefault("_pb_compiled_children", {})
    run = cache.get(delimiter)
    if run is None:
        run = cache[delimiter] = _children(element, delimiter)
    return run


def _children(element: Any, delimiter: str) -> Run:
    runs = [compile_element(child, delimiter) for child in element.iterchildren()]

    def run(item: Any, context: Any) -> Any:
        output = _texts(runs, item, context)
        return join(output, delimiter) if output else None

    return run


def _texts(runs: list[Run], item: Any, context: Any) -> list[Any]:
    """The texts the children render, leaving out those that render nothing or raise."""
    output = []
    for child in runs:
        try:
            text = child(item, context)
        except VariableError:
            continue
        if text is not None:
            output.append(text)
    return output


def _compile(element: Any, delimiter: str) -> Run:
    if isinstance(element, Text):
        return _text(element)
    if isinstance(element, Group):
        return _group(element)
    if isinstance(element, model.Choose):
        return _choose(element, delimiter)
    if isinstance(element, Date):
        return compile_date(element, _interpreted(element, None))
    if isinstance(element, Number):
        return _number(element)
    return _interpreted(element, None)


def _interpreted(element: Any, delimiter: str | None) -> Run:
    render = element.render
    if delimiter is None:
        return lambda item, context: render(item, context=context)
    return lambda item, context: render(item, context=context, delimiter=delimiter)


def _number(element: Any) -> Run:
    """A cs:number: its render, or at once nothing (counted as called) for an item without
    the variable, where citeproc-py's lookup raises."""
    variable = element.get("variable")
    render = _interpreted(element, None)
    if variable is None or variable in ("locator", "page-first"):
        return render
    state = _state(element)

    def run(item: Any, context: Any) -> Any:
        if variable not in item.reference:
            state.called += 1
            return None
        return render(item, context)

    return run


def _markup(element: Any) -> Callable[[Any, Any], Any] | None:
    """The text's ``markup`` step as ``markup(text, item)``, or None where it gives the text
    unchanged (see :meth:`.rendering.Text.markup`). Of citeproc-py's steps (strip periods,
    text case, formatting, quotes, affixes) only those the element's attributes ask for are
    taken, and the item's language is read only for a text case."""
    element.markup(None, None)  # fills the element's "bare" flag
    if element.__dict__["_pb_bare"]:
        return None
    attributes = element.attrib
    strip = element.strip_periods if "strip-periods" in attributes else None
    case = element.case if "text-case" in attributes else None
    quote = element.quote if "quotes" in attributes else None
    form, wrap = element.format, element.wrap

    def markup(text: Any, item: Any) -> Any:
        if not text:
            return None
        if strip is not None:
            text = strip(text)
        if case is not None:
            text = case(text, _language(item, element))
        text = form(text)
        if quote is not None:
            text = quote(text)
        return wrap(text)

    return markup


def _text(element: Any) -> Run:
    attributes = element.attrib
    variable = attributes.get("variable")
    if "macro" in attributes:
        return _macro_text(element)
    if variable is None and ("term" in attributes or "value" in attributes):
        return _constant_text(element)
    if variable is None or variable in _TEXT_SPECIAL or variable == "year-suffix":
        return _interpreted(element, None)
    state = _state(element)
    markup = _markup(element)
    lookup = element._variable
    if variable == "citation-number" and attributes.get("form") != "short":
        lookup = _citation_number(element)
    # citation-number and locator are counted for group suppression, never substituted
    substitutable = variable not in _NOT_COUNTED
    # the reference's keys that hold the variable: an item with none of them renders nothing
    # (the lookup would raise VariableError, which every caller takes as nothing)
    keys = variable_keys(variable, attributes.get("form"))
    held_as = keys[0] if keys else None
    short_as = keys[1] if len(keys) > 1 else None

    def run(item: Any, context: Any) -> Any:
        if substitutable and variable in state.substituted:
            return None
        state.called += 1
        if held_as is not None:
            reference = item.reference
            if held_as not in reference and (short_as is None or short_as not in reference):
                return None
        text = lookup(item, context if context is not None else element)
        if markup is not None:
            text = markup(text, item)
        elif not text:
            text = None
        elif isinstance(text, int | float):
            text = str(text)
        if text:
            state.rendered += 1
            state.cite_started = True
            if substitutable and state.substituting:
                state.substituted.add(variable)
        return text

    return run


def _citation_number(element: Any) -> Run:
    """``Text._variable`` for ``citation-number``: the item's number, unless the layout
    represses it (a number needs no escaping; no number, as there, is nothing)."""
    tag = element.tag

    def lookup(item: Any, context: Any) -> Any:
        repressed = context.get_layout().repressed
        if tag in repressed and "citation-number" in repressed[tag]:
            return None
        try:
            return item.number
        except VariableError:
            return None

    return lookup


def _constant_text(element: Any) -> Run:
    """A cs:text of a term or a value (its text depends on the output format only)."""
    state = _state(element)
    markup = _markup(element)
    is_term = "term" in element.attrib
    term = element._term
    value = element.get("value")

    def run(item: Any, context: Any) -> Any:
        text = term(item) if is_term else _escaped(element, value)
        if markup is not None:
            text = markup(text, item)
        elif not text:
            text = None
        if text and not state.cite_started:
            state.cite_started = True
            state.leading_term = is_term
        return text

    return run


def _macro_text(element: Any) -> Run:
    """A cs:text calling a macro: a group, as in citeproc-js (see :meth:`.Text.render`)."""
    state = _state(element)
    markup = _markup(element)
    holder: list[Run] = []  # compiled on first use: a macro may (wrongly) call itself

    def run(item: Any, context: Any) -> Any:
        if not holder:
            holder.append(compile_children(_macro(element, element.get("macro"))))
        called, rendered = state.called, state.rendered
        text = holder[0](item, context if context is not None else element)
        if markup is not None:
            text = markup(text, item)
        elif not text:
            text = None
        if state.called > called and state.rendered == rendered:
            return None
        if text:
            state.rendered += 1
        return text

    return run


def _group(element: Any) -> Run:
    state = _state(element)
    delimiter = element.get("delimiter", "")
    runs = [compile_element(child, delimiter) for child in element.iterchildren()]
    markup = element.markup

    def run(item: Any, context: Any) -> Any:
        called, rendered = state.called, state.rendered
        output = _texts(runs, item, context)
        if output and (state.called == called or state.rendered > rendered):
            state.rendered += 1
            return markup(join(output, delimiter))
        return None  # (the element's render raises VariableError: every caller skips both)

    return run


def _choose(element: Any, delimiter: str) -> Run:
    # a branch testing the type alone is a set lookup on the type, read once per cs:choose
    # (an IEEE entry passes through a dozen of them)
    branches: list[tuple[tuple[frozenset[str], bool] | None, Any, Run]] = []
    for branch in element.iterchildren():
        if isinstance(branch, If):
            by_type = branch.type_test()
            test = None if by_type is not None else branch.predicate()
        else:
            by_type = test = None
        branches.append((by_type, test, compile_children(branch, delimiter)))

    def run(item: Any, context: Any) -> Any:
        item_type = None
        for by_type, test, render in branches:
            if by_type is not None:
                if item_type is None:
                    item_type = item.reference.type
                types, negated = by_type
                if (item_type in types) != negated:
                    return render(item, context)
            elif test is None or test(item, context):
                return render(item, context)
        return None

    return run
