"""CSL 1.0.2 \u00a7 Names: cs:names, cs:name, name parts, cs:substitute."""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String

from pantucci_bib.formatting.engine.state import CSL_NS, _counted, _state, _substituted
from pantucci_bib.formatting.engine.text_case import _TitleCased

_ROMANESQUE = re.compile(
    "[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e]"
)
_STARTS_ROMANESQUE = re.compile(
    "^[&a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e]"
)


def _romanesque(name: Any, language: str) -> int:
    """0: non-Latin script; 1: romanised name in a Chinese/Japanese item; 2: Western."""
    family = str(name.get("family") or "").replace('"', "")
    if not _ROMANESQUE.search(family):
        given = str(name.get("given") or "")
        return 1 if given and _STARTS_ROMANESQUE.match(given) else 0
    return 1 if language[:2] in ("zh", "ja") else 2


def _item_language(item: Any) -> str:
    try:
        return str(item.reference.language)
    except (VariableError, AttributeError):
        return ""


class Name_Part(_TitleCased, model.Name_Part):  # type: ignore[misc]
    """Title case as citeproc-js on name parts."""


class Names(model.Names):  # type: ignore[misc]
    """``subsequent-author-substitute`` on the first names of an entry; counts for groups."""

    def process(self, item: Any, names_context: Any = None, context: Any = None, **kw: Any) -> Any:
        if names_context is None and self.name is None:
            # ``substitute-inherits``: a bare cs:names anywhere inside cs:substitute (also in a
            # cs:choose) takes its name, label and et-al from the cs:names substituted for
            outer = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names")
            names_context = outer[0] if outer else None
        target = names_context if names_context is not None else self
        if target.name is None:  # citeproc-py would add an uncorrected cs:name on every call
            target.insert(0, target.makeelement(f"{{{CSL_NS}}}name"))
        return super().process(item, names_context=names_context, context=context, **kw)

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        state = _state(self)
        if state.cite_names is None or state.cite_names_done or state.names_depth:
            state.names_depth += 1
            try:
                return self._render(item, *args, **kwargs)
            finally:
                state.names_depth -= 1
        state.names_depth += 1
        try:
            text = self._render(item, *args, **kwargs)
        finally:
            state.names_depth -= 1
        if text:
            # ``suppress-author`` / ``author-only``: the first names a cite renders
            state.cite_names_done = True
            state.captured_names = str(text)
            if state.cite_names == "suppress":
                state.rendered -= 1
                return None
        return text

    def _render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        state = _state(self)
        first = state.substitute is not None and not state.first_names_done
        roles = self.get("variable", "").split()
        hidden = frozenset(r for r in roles if _substituted(self, r))
        if hidden:
            item = _ReferenceProxy(item, hide=hidden)
        present = [r for r in roles if r not in hidden and r in item.reference]
        if not first:
            text = _counted(self, self.process, item, *args, **kwargs)
            if text and state.substituting:
                state.substituted.update(present)
            return self.markup(text)
        state.first_names_done = True
        state.rendered_names = []
        try:
            text = _counted(self, self.process, item, *args, **kwargs)
        finally:
            collected, state.rendered_names = state.rendered_names, None
        if text and state.substituting:
            state.substituted.update(present)
        if text:
            # compared by name parts, as citeproc-js does: "Pantucci Raffaello" in a Chinese
            # item is the same author as "Pantucci, Raffaello"
            signature = tuple(collected) if collected else (str(text),)
            if signature == state.previous_names and state.substitute is not None:
                text = String(state.substitute)
            state.previous_names = signature
        return self.markup(text)


class Name(model.Name):  # type: ignore[misc]
    """``initialize-false`` and ``static-ordering``."""

    def _inherited(self, name: str, default: str, context: Any, sort_options: Any) -> str:
        if sort_options and name in sort_options:
            return str(sort_options[name])
        if name in self.attrib:
            return str(self.get(name))
        scope = (context if context is not None else self).xpath_search(
            "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
        )
        for element in (*scope, self.get_root()):
            if name in element.attrib:
                return str(element.get(name))
        return default

    def process(
        self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kwargs: Any
    ) -> Any:
        state = _state(self)
        if sort_options is None:
            sort_options = state.sort_options
        if state.sorting and self.get_root().get("demote-non-dropping-particle") == "sort-only":
            # ``sort-keys``: "sort-only" demotes the particle when sorting (van Gogh by G)
            sort_options = {
                **(sort_options or {}),
                "demote-non-dropping-particle": "display-and-sort",
            }
        names = item.reference.get(variable, [])
        if state.rendered_names is not None:
            state.rendered_names.extend(
                tuple(str(name.get(part) or "") for part in ("family", "given", "literal"))
                for name in names
            )
        language = _item_language(item)
        views = [_NameView(name, self, context, sort_options, language) for name in names]
        proxy = _ReferenceProxy(item, variable, views)
        return super().process(proxy, variable, context, sort_options, **kwargs)

    def initialize(self, given: str, mark: str, context: Any) -> str:
        if self._inherited("initialize", "true", context, None) != "true":
            return self._normalise_initials(given, mark, context)
        return str(super().initialize(given, mark, context))

    def _normalise_initials(self, given: str, mark: str, context: Any) -> str:
        out: list[str] = []
        for token in given.split():
            if re.fullmatch(r"[A-Z]\.?", token):
                out.append(token[0] + mark)
            else:
                out.append(token + " ")
        return " ".join("".join(out).split())


class _NameView(dict):  # type: ignore[type-arg]
    """A name as citeproc-py's Name.process should see it: its parts escaped for the output
    format, and a name in fixed order (``static-ordering``) as one ready-made literal."""

    def __init__(
        self, name: Any, element: Name, context: Any, sort_options: Any, language: str
    ) -> None:
        super().__init__(name)
        preformat = element.get_formatter().preformat
        fixed = "literal" not in name and (
            bool(name.get("static-ordering")) or _romanesque(name, language) < 2
        )
        if not fixed:
            self._parts = tuple(preformat(p) if p else p for p in name.parts())
            return
        particle_family = (name.get("non-dropping-particle"), name.get("family"))
        family = " ".join(str(p) for p in particle_family if p)
        given = str(name.get("given") or "")
        form = element._inherited(
            "form", element.get_option("form", context, sort_options), context, sort_options
        )
        if _romanesque(name, language) == 0:
            text = family + given if form != "short" else family
        elif form == "short":
            text = family
        else:
            mark = element.get_option("initialize-with", context, sort_options)
            if given and mark is not None:
                given = element.initialize(given, mark, context)
            text = " ".join(p for p in (family, given) if p)
        self._parts = (None, preformat(text), None, None, None)

    def parts(self) -> tuple[Any, ...]:
        return self._parts


class _ReferenceProxy:
    """An item whose reference hides some variables and may answer one with other names."""

    def __init__(
        self,
        item: Any,
        variable: str | None = None,
        names: list[Any] | None = None,
        hide: frozenset[str] = frozenset(),
    ) -> None:
        self._item = item
        self.reference = _ReferenceView(item.reference, variable, names, hide)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)


class _ReferenceView:
    def __init__(
        self, reference: Any, variable: str | None, names: list[Any] | None, hide: frozenset[str]
    ) -> None:
        self._reference = reference
        self._variable = variable
        self._names = names
        self._hide = hide | {h.replace("-", "_") for h in hide}

    def __contains__(self, key: str) -> bool:
        return key not in self._hide and key in self._reference

    def __getitem__(self, key: str) -> Any:
        if key in self._hide:
            raise VariableError
        return self._reference[key]

    def get(self, key: str, default: Any = None) -> Any:
        if self._variable is not None and key == self._variable:
            return self._names
        return default if key in self._hide else self._reference.get(key, default)

    def __getattr__(self, name: str) -> Any:
        if name in self._hide:
            raise VariableError
        return getattr(self._reference, name)


class Substitute(model.Substitute):  # type: ignore[misc]
    """``substitute-suppression``: what a cs:substitute rendered is not repeated later."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        state = _state(self)
        state.substituting += 1
        try:
            return super().render(item, context=context, **kwargs)
        finally:
            state.substituting -= 1
