"""CSL 1.0.2 \u00a7 Names: cs:names, cs:name, name parts, cs:substitute."""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.string import String

from pantucci_bib.formatting.engine.hidden import _ReferenceProxy
from pantucci_bib.formatting.engine.name_list import (
    INVERSION_OPTIONS,
    PlainPlan,
    format_name_list,
    list_options,
    names_facts,
    plain_plan,
    render_names,
)
from pantucci_bib.formatting.engine.name_parts import (
    _COMMA_SUFFIX,
    comma_suffixed,
    initials,
    parsed_name,
)
from pantucci_bib.formatting.engine.rich_text import typographic
from pantucci_bib.formatting.engine.state import CSL_NS, _counted, _state
from pantucci_bib.formatting.engine.text_case import _TitleCased

_ROMANESQUE = re.compile(
    "[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e]"
)
_STARTS_ROMANESQUE = re.compile(
    "^[&a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e]"
)


#: the options ``after-inverted-name`` is a value of


def _romanesque(name: Any, language: str) -> int:
    """0: non-Latin script; 1: romanised name in a Chinese/Japanese item; 2: Western."""
    family = str(name.get("family") or "").replace('"', "")
    if not _ROMANESQUE.search(family):
        given = str(name.get("given") or "")
        return 1 if given and _STARTS_ROMANESQUE.match(given) else 0
    return 1 if language[:2] in ("zh", "ja") else 2


def _item_language(item: Any) -> str:
    try:
        reference = item.reference
    except AttributeError:
        return ""
    return str(reference["language"]) if "language" in reference else ""


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
            target.__dict__.get("_pb_children", {}).pop("name", None)  # forget the lookups
            target.__dict__.pop("_pb_names_facts", None)
        if names_facts(target).counting:
            # ``name-count``: the counts of the variables added up (citeproc-py joined them)
            total = 0
            for role in self.get("variable", "").split():
                if role in item.reference:
                    counted = target.name.render(item, role, context=context, **kw)
                    total += int(str(counted)) if counted else 0
            if total:
                return String(str(total))
        return render_names(self, item, names_context, context, kw)

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        state = _state(self)
        if not state.sorting and self._absent(item):
            # what citeproc-py's render gives, without raising VariableError (every caller
            # takes None alike): the call counted, the entry's first names taken
            state.called += 1
            if state.substitute is not None:
                state.first_names_done = True
            return None
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

    def _absent(self, item: Any) -> bool:
        """Whether the item has none of the variables and there is no cs:substitute to try."""
        roles: tuple[str, ...] | None = self.__dict__.get("_pb_roles")
        if roles is None:
            substitutes = self.substitute() is not None
            listed = () if substitutes else tuple(self.get("variable", "").split())
            roles = self.__dict__["_pb_roles"] = listed
        if not roles:
            return False
        reference = item.reference
        return not any(role in reference for role in roles)

    def _render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        state = _state(self)
        first = state.substitute is not None and not state.first_names_done
        roles: list[str] | None = self.__dict__.get("_pb_role_list")
        if roles is None:
            roles = self.__dict__["_pb_role_list"] = self.get("variable", "").split()
        substituted = state.substituted
        hidden = frozenset(r for r in roles if r in substituted) if substituted else frozenset()
        if hidden:
            item = _ReferenceProxy(item, hidden)
        if not first:
            text = _counted(self, self.process, item, *args, **kwargs)
            if text and state.substituting:
                reference = item.reference
                state.substituted.update(r for r in roles if r not in hidden and r in reference)
            return self.markup(text)
        present = [r for r in roles if r not in hidden and r in item.reference]
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

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        """citeproc-py's, answered once per option and context where no override applies (it
        searches the ancestors with an XPath on every call)."""
        if sort_options and name in sort_options:
            return super().get_option(name, context, sort_options)
        options: dict[Any, Any] = self.__dict__.setdefault("_pb_options", {})
        key = (name, None if context is None or context is self else id(context))
        if key not in options:
            options[key] = super().get_option(name, context, None)
        return options[key]

    def et_al(self) -> Any:
        """citeproc-py's, rendered once per output format: it depends on the term, the
        cs:et-al element and the formatter only, and citeproc-py renders it for every list."""
        formatter = self.get_formatter()
        held: tuple[Any, Any] | None = self.__dict__.get("_pb_et_al")
        if held is None or held[0] is not formatter:
            held = self.__dict__["_pb_et_al"] = (formatter, super().et_al())
        return held[1]

    def findall(self, path: str, namespaces: Any = None) -> Any:
        """The cs:name-part children found once (citeproc-py looks for them for every name;
        a cs:name never gains children while rendering)."""
        if path != "cs:name-part":
            return super().findall(path, namespaces)
        parts: list[Any] | None = self.__dict__.get("_pb_name_parts")
        if parts is None:
            parts = self.__dict__["_pb_name_parts"] = super().findall(path, namespaces)
        return parts

    def _inherited(self, name: str, default: str, context: Any, sort_options: Any) -> str:
        if sort_options and name in sort_options:
            return str(sort_options[name])
        held: dict[Any, str] | None = self.__dict__.get("_pb_inherited")
        if held is None:
            held = self.__dict__["_pb_inherited"] = {}
        key = (name, default, None if context is None or context is self else id(context))
        found = held.get(key)
        if found is None:  # (a style never changes: searched once per option and context)
            if name in self.attrib:
                found = held[key] = str(self.get(name))
                return found
            scope = (context if context is not None else self).xpath_search(
                "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
            )
            owners = [element for element in (*scope, self.get_root()) if name in element.attrib]
            found = held[key] = str(owners[0].get(name)) if owners else default
        return found

    def process(
        self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kwargs: Any
    ) -> Any:
        state = _state(self)
        if (
            sort_options is None
            and state.sort_options is None
            and not state.sorting
            and state.rendered_names is None
            and not item.get("pb_positions")
            and not item.get("pb_disambiguation")
            and not item.get("pb_expand")
        ):
            plan = plain_plan(self, context)
            if plan is not None:
                return self._plain(item, variable, context, plan)
        if sort_options is None:
            sort_options = state.sort_options
        if state.sorting:
            # ``sort-names``: a sort key holds the name parts, family first, apart by spaces,
            # without "and" or the rendered punctuation between them
            sort_options = {
                **(sort_options or {}),
                "and": None,
                "sort-separator": " ",
                "delimiter": " ",
            }
        if state.sorting and self.get_root().get("demote-non-dropping-particle") == "sort-only":
            # ``sort-keys``: "sort-only" demotes the particle when sorting (van Gogh by G)
            sort_options = {
                **(sort_options or {}),
                "demote-non-dropping-particle": "display-and-sort",
            }
        if not state.sorting:
            overrides = self._cite_options(item, context)
            if overrides:
                sort_options = {**(sort_options or {}), **overrides}
        names = item.reference.get(variable, [])
        if self.get_option("form", context, sort_options) == "count":
            # ``name-count``: the names the list would show (citeproc-py counted et-al-use-first
            # even where the list is not cut)
            least = self.get_option("et-al-min", context, sort_options)
            if least and len(names) >= least:
                return min(len(names), self.get_option("et-al-use-first", context, sort_options))
            return len(names)
        if not self._inherited("et-al-use-first", "", context, sort_options):
            # ``et-al-needs-use-first``: without et-al-use-first set (here, on the citation or
            # bibliography, or the style) no list is cut; citeproc-py defaulted it to 1
            sort_options = {**(sort_options or {}), "et-al-min": str(len(names) + 1)}
        least = self.get_option("et-al-min", context, sort_options)
        if (
            least
            and len(names) >= least
            and not self.get_option("et-al-use-first", context, sort_options)
        ):
            return None  # ``et-al-use-first-zero``: no names shown, so no "et al." either
        inverted = self._after_inverted(names, context, sort_options)
        if inverted:
            sort_options = {**(sort_options or {}), **inverted}
        if names and self.get_option("et-al-use-first", context, sort_options) >= len(names):
            # ``et-al-all-shown``: no "et al." when every name is shown (citeproc-py added it)
            sort_options = {**(sort_options or {}), "et-al-min": str(len(names) + 1)}
        if state.rendered_names is not None:
            shown = list(names)
            least = self.get_option("et-al-min", context, sort_options)
            if least and len(names) >= least:  # the names printed: those before "et al."
                first = self.get_option("et-al-use-first", context, sort_options)
                last = self.get_option("et-al-use-last", context, sort_options)
                shown = names[:first] + (names[-1:] if last and first <= least - 2 else [])
                shown.append({"literal": "et al."})
            state.rendered_names.extend(  # a literal name is the family name written alone
                (str(name.get("family") or name.get("literal") or ""), str(name.get("given") or ""))
                for name in shown
            )
        language = _item_language(item)
        preformat = self.get_formatter().preformat
        views = [
            _NameView(name, self, context, sort_options, language, preformat) for name in names
        ]
        expand = item.get("pb_expand") if not state.sorting else None
        if expand:
            self._expand(views, expand, context, sort_options)
        options = list_options(self, context, sort_options)
        return comma_suffixed(format_name_list(self, views, context, options))

    def _plain(self, item: Any, variable: str, context: Any, plan: PlainPlan) -> Any:
        """:meth:`process` where nothing overrides an option (no sorting, no cite's own
        options, no first names to collect): the same steps, the options read once."""
        names = item.reference.get(variable, [])
        count = len(names)
        options = plan.options
        if not plan.use_first_set or (count and plan.use_first >= count):
            options = {**options, "et-al-min": count + 1}  # (no list is cut)
        elif plan.least and count >= plan.least and not plan.use_first:
            return None  # ``et-al-use-first-zero``
        language = _item_language(item)
        preformat = self.get_formatter().preformat
        views = [_NameView(name, self, context, None, language, preformat) for name in names]
        return comma_suffixed(format_name_list(self, views, context, options))

    def _expand(
        self, views: list[_NameView], expand: dict[tuple[str, str], int], context: Any, options: Any
    ) -> None:
        """``disambiguate-givenname``: the names disambiguation expanded, with their initials
        (level 1, when the style initialises) or their given names (level 2), family last."""
        if self.get_option("form", context, options) != "short":
            return
        mark = self.get_option("initialize-with", context, options)
        preformat = self.get_formatter().preformat
        for view in views:
            parts = (view.get("non-dropping-particle"), view.get("family"))
            key = (" ".join(str(p) for p in parts if p), str(view.get("given") or ""))
            level = expand.get(key)
            if not level or not key[1]:
                continue
            given = key[1]
            if level == 1 and mark is not None:
                given = self.initialize(given, mark, context)
            view._parts = (None, preformat(typographic(f"{given} {key[0]}")), None, None, None)

    def _after_inverted(self, names: Any, context: Any, sort_options: Any) -> dict[str, str]:
        """``after-inverted-name``: delimiter-precedes-last and -et-al of that value, as
        always or never, by whether the name before the last (or before et al.) is inverted."""
        if sort_options and any(option in sort_options for option in INVERSION_OPTIONS):
            wanted = {
                option: self.get_option(option, context, sort_options)
                for option in INVERSION_OPTIONS
            }
        else:  # the same for every list rendered in this context: found once
            held: dict[Any, dict[str, Any]] = self.__dict__.setdefault("_pb_inversion", {})
            key = None if context is None or context is self else id(context)
            found = held.get(key)
            if found is None:
                found = held[key] = {
                    option: self.get_option(option, context, None) for option in INVERSION_OPTIONS
                }
            wanted = found
        if "after-inverted-name" not in wanted.values():
            return {}
        order = self.get_option("name-as-sort-order", context, sort_options)
        least = self.get_option("et-al-min", context, sort_options)
        cut = bool(least) and len(names) >= least and len(names) > 1
        shown = self.get_option("et-al-use-first", context, sort_options) if cut else len(names)
        options: dict[str, str] = {}
        for option, value in wanted.items():
            if value != "after-inverted-name":
                continue
            before = shown if option.endswith("et-al") else shown - 1  # the name before it
            name = names[before - 1] if 0 < before <= len(names) else None
            personal = name is not None and "literal" not in name and bool(name.get("given"))
            inverted = personal and (order == "all" or (order == "first" and before == 1))
            options[option] = "always" if inverted else "never"
        return options

    def _cite_options(self, item: Any, context: Any) -> dict[str, Any]:
        """Name options of this cite: ``et-al-subsequent-*`` for a subsequent cite (citeproc-py
        ignored them), and what disambiguation added for the item (more names, given names)."""
        options: dict[str, Any] = {}
        held = item.get("pb_positions")
        if held and "subsequent" in held:
            for option in ("min", "use-first"):
                value = self._inherited(f"et-al-subsequent-{option}", "", context, None)
                if value:
                    options[f"et-al-{option}"] = value
        added = item.get("pb_disambiguation")
        if added:
            options.update(added)
        return options

    def initialize(self, given: str, mark: str, context: Any) -> str:
        held: dict[Any, tuple[bool, bool]] = self.__dict__.setdefault("_pb_initialize", {})
        key = None if context is None or context is self else id(context)
        flags = held.get(key)
        if flags is None:  # (the same for every name in this context: found once)
            flags = held[key] = (
                self._inherited("initialize", "true", context, None) != "true",
                bool(self.get_option("initialize-with-hyphen", context)),
            )
        return initials(str(given), str(mark), spelled_out=flags[0], hyphen=flags[1])


class _NameView:
    """A name as the name list renders it: its parts escaped for the output format, and a
    name in fixed order (``static-ordering``) as one ready-made literal; ``get`` reads the
    parsed name."""

    __slots__ = ("_name", "_parts")

    def __init__(
        self,
        name: Any,
        element: Name,
        context: Any,
        sort_options: Any,
        language: str,
        preformat: Any,
    ) -> None:
        name = self._name = parsed_name(name)
        if not name.get("family") and name.get("given") and "literal" not in name:
            # ``given-only``: a name with only a given name (Banksy) prints as written
            self._parts = (None, preformat(typographic(str(name["given"]))), None, None, None)
            return
        fixed = "literal" not in name and (
            bool(name.get("static-ordering")) or _romanesque(name, language) < 2
        )
        if not fixed:
            given, family, dropping, *rest = name.parts()
            if dropping and element.find("cs:name-part", element.nsmap) is not None:
                # ``name-part-particles``: the dropping particle goes with the given name, so
                # a family name-part's formatting leaves it alone (in every order it follows
                # the given name)
                given, dropping = " ".join(p for p in (given, dropping) if p), None
            particle, suffix = rest
            if suffix and name.get("comma-suffix"):
                suffix = _COMMA_SUFFIX + suffix
            self._parts = tuple(
                preformat(typographic(p)) if p else p
                for p in (given, family, dropping, particle, suffix)
            )
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
        self._parts = (None, preformat(typographic(text)), None, None, None)

    def parts(self) -> tuple[Any, ...]:
        return self._parts

    def get(self, key: str, default: Any = None) -> Any:
        return self._name.get(key, default)


class Substitute(model.Substitute):  # type: ignore[misc]
    """``substitute-suppression``: what a cs:substitute rendered is not repeated later."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        state = _state(self)
        state.substituting += 1
        try:
            return super().render(item, context=context, **kwargs)
        finally:
            state.substituting -= 1
