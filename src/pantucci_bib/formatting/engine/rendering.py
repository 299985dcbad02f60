"""CSL 1.0.2 \u00a7 Rendering elements: cs:layout, cs:text, cs:number, cs:label, cs:group."""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import MixedString, String

from pantucci_bib.formatting.engine.page_ranges import PageRanges
from pantucci_bib.formatting.engine.punctuation import (
    _MARK_CLOSE,
    _MARK_OPEN,
)
from pantucci_bib.formatting.engine.rich_text import rich
from pantucci_bib.formatting.engine.seams import add
from pantucci_bib.formatting.engine.state import (
    _counted,
    _macro,
    _state,
    _substituted,
    implicit_suffix,
)
from pantucci_bib.formatting.engine.text_case import _TitleCased

_QUOTE_MARKS = (_MARK_OPEN, _MARK_CLOSE)
# the number variables whose ranges citeproc-js prints with an en dash, also through cs:text
_RANGED = frozenset(
    {"issue", "volume", "number", "chapter-number", "collection-number", "number-of-volumes"}
)
_NUMBER_RANGE = re.compile(r"^\s*[A-Za-z]*\d+[A-Za-z]*\s*-\s*[A-Za-z]*\d+[A-Za-z]*\s*$")
_NOT_COUNTED = frozenset({"year-suffix", "citation-number", "locator"})


def variable_keys(variable: str, form: str | None) -> tuple[str, ...]:
    """The reference's keys a cs:text of ``variable`` reads (an item with none of them has
    nothing to print: citeproc-py's lookup raises VariableError), or () where that is not
    known beforehand (a variable of the cite)."""
    if variable in _NOT_COUNTED or variable == "first-reference-note-number":
        return ()
    if variable.startswith("page"):
        return ("page",)  # (every page variable is read from the page)
    key = variable.replace("-", "_")
    return (key, key + "_short") if form == "short" else (key,)


def _language(item: Any, element: Any) -> str:
    """The two-letter language of an item (else the style's default), read once per item."""
    cache = item.__dict__
    language: str | None = cache.get("_pb_language")
    if language is None:
        raw = _raw_language(item)
        if raw is not None:
            language = str(raw)[:2]
        else:
            try:
                language = str(item.reference.language)[:2]
            except VariableError:
                language = str(element.get_root().get("default-locale", "en"))[:2]
        cache["_pb_language"] = language
    return language


def _raw_language(item: Any) -> Any:
    """The item's ``language`` as given, read without parsing the item (which a numeric
    citation never needs); None where it has none or the item is not one of a source's."""
    try:
        source = item.citation.bibliography.source
        raw = source.raw
        key = item.key
    except (AttributeError, VariableError):
        return None
    try:
        return raw(key).get("language")
    except KeyError:
        return None


def _escaped(element: Any, value: Any) -> Any:
    """``escape`` and ``rich-text``: variable text through the output format's preformat
    (HTML: ``&amp;``), its markup made the output's, its quotes typographic."""
    inside = element.__dict__.get("_pb_inside")
    if inside is None:
        option = element.get_locale_option("punctuation-in-quote")
        inside = element.__dict__["_pb_inside"] = str(option).lower() == "true"
    return rich(value, element.get_formatter(), quote_marks=_QUOTE_MARKS if inside else None)


def _flip_quotes(text: Any, opening: str, closing: str, inner_open: str, inner_close: str) -> Any:
    """``nested-quotes``: each pair of outer marks inside quoted text becomes the inner marks
    and each pair of inner marks the outer ones (not an apostrophe: a closing mark after which
    a letter follows), also where the pair wraps a nocase span (the marks sit in other segments
    than the words)."""
    segments = list(text) if isinstance(text, MixedString) else [text]
    whole = "".join(str(segment) for segment in segments)
    if len(opening) != 1 or len(closing) != 1 or len(inner_open) != 1 or len(inner_close) != 1:
        return text
    flips: dict[int, str] = {}
    for marks, other in (
        ((opening, closing), (inner_open, inner_close)),
        ((inner_open, inner_close), (opening, closing)),
    ):
        pair = re.compile(
            re.escape(marks[0])
            + r"[^"
            + re.escape(marks[0])
            + r"]*?"
            + re.escape(marks[1])
            + r"(?!\w)",
            re.S,
        )
        for match in pair.finditer(whole):
            flips[match.start()] = other[0]
            flips[match.end() - 1] = other[1]
    if not flips:
        return text
    rebuilt, offset = [], 0
    for segment in segments:
        value = str(segment)
        chars = [flips.get(offset + index, char) for index, char in enumerate(value)]
        offset += len(value)
        rebuilt.append(type(segment)("".join(chars)) if isinstance(segment, str) else segment)
    return MixedString(rebuilt) if isinstance(text, MixedString) else rebuilt[0]


_FORM_FALLBACK = {"verb-short": "verb", "symbol": "short", "verb": None, "short": None}


class _TermForms:
    """``term-form-fallback``: a term missing in the form asked for is taken in the next
    one, as CSL says (verb-short → verb → long, symbol → short → long)."""

    def get_term(self, name: str, form: str | None = None, *args: Any, **kwargs: Any) -> Any:
        term = super().get_term(name, form, *args, **kwargs)  # type: ignore[misc]
        while term is None and form is not None:
            form = _FORM_FALLBACK.get(form)
            term = super().get_term(name, form, *args, **kwargs)  # type: ignore[misc]
        return term


#: The attributes of a cs:text that make its markup more than the text itself.
_MARKUP_ATTRIBUTES = (
    "strip-periods",
    "text-case",
    "quotes",
    "prefix",
    "suffix",
    "display",
    "font-style",
    "font-variant",
    "font-weight",
    "text-decoration",
    "vertical-align",
)


class Text(_TermForms, PageRanges, _TitleCased, model.Text):  # type: ignore[misc]
    """Quote marks for ``punctuation-in-quote``; counts variables for group suppression."""

    def get_macro(self, name: str) -> Any:
        return _macro(self, name)

    def vertical_align(self, text: Any) -> Any:
        """``baseline``: in HTML, vertical-align="baseline" is a span citeproc-js writes as
        ``<span style="baseline">`` (it undoes a sup or sub around it)."""
        formatter = self.get_formatter()
        if self.get("vertical-align") == "baseline" and getattr(formatter, "markup", "") == "html":
            return String('<span style="baseline">') + text + String("</span>")
        return super().vertical_align(text)

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        # citeproc-py's, without raising and catching an exception for every text of an item
        # that has no language
        if context is None:
            context = self
        attributes = self.attrib
        text: Any = None
        if "variable" in attributes:
            text = self._variable(item, context)
        elif "macro" in attributes:
            text = self.get_macro(self.get("macro")).render(item, context)
        elif "term" in attributes:
            text = self._term(item)
        elif "value" in attributes:
            text = _escaped(self, self.get("value"))  # a value is rich text, as a field is
        language = _language(item, self)
        if text and attributes.get("variable") == "citation-label":
            state = _state(self)
            suffix = item.reference.get("year_suffix")
            if suffix and not state.sorting and not state.suffix_shown and implicit_suffix(self):
                state.suffix_shown = True  # ``citation-label``: its year suffix, Doe65a
                text = text + String(str(suffix))
        return text, language

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        variable = self.get("variable")
        if "macro" in self.attrib:  # a macro is a group, as in citeproc-js
            state = _state(self)
            called, rendered = state.called, state.rendered
            text = super().render(item, *args, **kwargs)
            if state.called > called and state.rendered == rendered:
                return None
            if text:
                state.rendered += 1
            return text
        if variable == "year-suffix" and _state(self).sorting:
            return None  # sort keys are made before year suffixes exist (as in citeproc-js)
        if variable is None or variable in _NOT_COUNTED:
            render = super().render
            if variable in ("locator", "citation-number"):  # ``locator-suppression``: a
                # group whose locator is absent is empty, as in citeproc-js
                text = _counted(self, render, item, *args, **kwargs)
            else:
                text = render(item, *args, **kwargs)
            state = _state(self)
            if text and not state.cite_started:
                state.cite_started = True
                state.leading_term = "term" in self.attrib
            return text
        if _substituted(self, variable):
            return None
        keys = self.__dict__.get("_pb_keys")
        if keys is None:
            keys = self.__dict__["_pb_keys"] = variable_keys(variable, self.get("form"))
        if keys and not any(key in item.reference for key in keys):
            _state(self).called += 1  # what citeproc-py's render gives, without raising
            return None
        text = _counted(self, super().render, item, *args, **kwargs)
        if text and _state(self).substituting:
            _state(self).substituted.add(variable)
        return text

    def _variable(self, item: Any, context: Any) -> Any:
        variable = self.get("variable")
        if variable == "first-reference-note-number":
            note = item.get("pb_first_note")
            if not note:
                raise VariableError
            return String(str(note))
        try:
            value = super()._variable(item, context)
        except VariableError:
            if variable in _NOT_COUNTED:
                return None
            raise
        if variable in _RANGED and value and "-" in str(value) and _NUMBER_RANGE.match(str(value)):
            value = String(re.sub(r"\s*-\s*", "\u2013", str(value)))  # ``number-range``: 3–4
        if variable in ("URL", "DOI") and value:
            link = getattr(self.get_formatter(), "Link", None)
            if link is not None:
                raw = str(value)
                url = (
                    raw if variable == "URL" or raw.startswith("http") else "https://doi.org/" + raw
                )
                return String(link(_escaped(self, value), url))
        return _escaped(self, value)

    def markup(self, text: Any, language: Any) -> Any:
        bare = self.__dict__.get("_pb_bare")
        if bare is None:  # no attribute that changes the text: citeproc-py's steps are no-ops
            attributes = self.attrib
            bare = self.__dict__["_pb_bare"] = not any(a in attributes for a in _MARKUP_ATTRIBUTES)
        if not bare:
            return super().markup(text, language)
        if not text:
            return None
        return str(text) if isinstance(text, int | float) else text

    def quote(self, string: Any) -> Any:
        if self.get("quotes", "false").lower() != "true":
            return string
        terms = self.__dict__.get("_pb_quotes")
        if terms is None:  # (the locale's terms never change: read once per element)
            terms = self.__dict__["_pb_quotes"] = self._quote_terms()
        open_quote, close_quote, inner_open, inner_close, closing = terms
        if inner_open and inner_close:
            plain = str(string)
            if str(open_quote) in plain or inner_open in plain:
                string = _flip_quotes(
                    string, str(open_quote), str(close_quote), inner_open, inner_close
                )
        return add(add(open_quote, string), closing)

    def _quote_terms(self) -> tuple[Any, Any, str, str, Any]:
        """The quote terms, and the closing mark as placed (``punctuation-in-quote``)."""
        open_quote = self.get_single_term(name="open-quote")
        close_quote = self.get_single_term(name="close-quote")
        inner_open = str(self.get_single_term(name="open-inner-quote"))
        inner_close = str(self.get_single_term(name="close-inner-quote"))
        closing = close_quote
        if self.get_locale_option("punctuation-in-quote").lower() == "true":
            closing = String(_MARK_OPEN + str(close_quote) + _MARK_CLOSE)
        return open_quote, close_quote, inner_open, inner_close, closing


class Number(PageRanges, _TitleCased, model.Number):  # type: ignore[misc]
    """Counts its variable for group suppression."""

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        return _counted(self, super().render, item, *args, **kwargs)


class Label(_TermForms, _TitleCased, model.Label):  # type: ignore[misc]
    """``empty-label``: nothing for an empty variable."""

    def process(self, item: Any, variable: str | None = None, *args: Any, **kwargs: Any) -> Any:
        if variable is not None and _state(self).sorting:
            return None  # ``sort-names``: a names label (ed.) is no part of a sort key
        if variable is None:
            own = self.get("variable")
            if own == "locator":
                if not item.has_locator:
                    return None
            elif own is not None:
                key = own.replace("-", "_")
                if key not in item.reference or not str(item.reference[key]).strip():
                    return None
        return super().process(item, variable, *args, **kwargs)

    def _is_plural(self, item: Any) -> bool:
        # ``number-of-plural``: citeproc-py read number-of-volumes from the cite, not the item,
        # and failed; a count above one is plural
        variable = self.get("variable") or ""
        if variable.startswith("number-of"):
            value = str(item.reference.get(variable.replace("-", "_")) or "").strip()
            if value.isdigit():
                return int(value) > 1
        return bool(super()._is_plural(item))


class Group(model.Group):  # type: ignore[misc]
    """``group-suppression``: counts the variables its descendants call and render."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        state = _state(self)
        called, rendered = state.called, state.rendered
        output = []
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        if output and (state.called == called or state.rendered > rendered):
            state.rendered += 1  # a group that renders is a success for the groups around it
            return self.join(output)
        raise VariableError
