"""CSL 1.0.2 § Names and § Name: a cs:names' variables, and each list of names joined —
order, "and", delimiters, et-al.

citeproc-py's ``Name.process`` looks up fifteen options on every list it renders (each an
XPath search of the ancestors, or a dictionary lookup where
:meth:`.names.Name.get_option` has it). :func:`list_options` reads the twelve the list needs
once per cs:name and context, then overlays the options a call overrides (sorting,
``after-inverted-name``, disambiguation); :func:`format_name_list` does what citeproc-py's
``Name.process`` does with them, the same calls for the same text (names in display or sort
order, ``name-part`` formatting, et-al and et-al-use-last, "and" and the delimiters before the
last name and before et-al). :func:`render_names` is citeproc-py's ``Names.process`` (each
variable's list and label, joined; else the cs:substitute) without the three exceptions it
raised and caught on every call (a missing label, the sum of the lists' texts, an item
without an editor). The CSL test suite and the citeproc-js comparisons run through both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from citeproc.source import VariableError

#: The options a name list is rendered with (citeproc-py's ``Name.process`` also reads the two
#: ``et-al-subsequent`` ones, and uses neither: :meth:`.names.Name._cite_options` does).
LIST_OPTIONS = (
    "and",
    "delimiter",
    "delimiter-precedes-et-al",
    "delimiter-precedes-last",
    "et-al-min",
    "et-al-use-first",
    "et-al-use-last",
    "initialize-with",
    "name-as-sort-order",
    "sort-separator",
    "form",
    "demote-non-dropping-particle",
)


#: The options that may be ``after-inverted-name``, whose value then depends on the names.
INVERSION_OPTIONS = ("delimiter-precedes-last", "delimiter-precedes-et-al")


def list_options(element: Any, context: Any, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """The options of ``element`` (a cs:name) in ``context``, with ``overrides`` (citeproc-py's
    ``sort_options``) taking precedence, each value converted as ``get_option`` converts it."""
    held: dict[Any, dict[str, Any]] = element.__dict__.setdefault("_pb_list_options", {})
    key = None if context is None or context is element else id(context)
    base = held.get(key)
    if base is None:
        base = held[key] = {name: element.get_option(name, context, None) for name in LIST_OPTIONS}
    if not overrides:
        return base
    changed = {
        name: element.get_option(name, context, overrides)
        for name in LIST_OPTIONS
        if name in overrides
    }
    return {**base, **changed} if changed else base


@attrs.frozen
class PlainPlan:
    """What a cs:name's list needs in one context where no option is overridden."""

    options: dict[str, Any]  #: :func:`list_options` without overrides
    use_first_set: bool  #: whether et-al-use-first is set (here, above, or on the style)
    least: int  #: et-al-min
    use_first: int  #: et-al-use-first


def plain_plan(element: Any, context: Any) -> PlainPlan | None:
    """The :class:`PlainPlan` of ``element`` (a cs:name) in ``context``, found once; None
    where its lists need the general path (``form="count"``, or ``after-inverted-name``, which
    depends on the names)."""
    held: dict[Any, PlainPlan | None] = element.__dict__.setdefault("_pb_plain_plan", {})
    key = None if context is None or context is element else id(context)
    if key in held:
        return held[key]
    options = list_options(element, context, None)
    inverted = any(
        element.get_option(option, context, None) == "after-inverted-name"
        for option in INVERSION_OPTIONS
    )
    plan = None
    if options["form"] != "count" and not inverted:
        plan = PlainPlan(
            options,
            bool(element._inherited("et-al-use-first", "", context, None)),
            options["et-al-min"],
            options["et-al-use-first"],
        )
    held[key] = plan
    return plan


def format_name_list(element: Any, names: list[Any], context: Any, options: dict[str, Any]) -> Any:
    """The list ``names`` (each with citeproc-py's ``parts()``) as ``element`` renders it."""
    and_ = options["and"]
    delimiter = options["delimiter"]
    form = options["form"]
    et_al_min = options["et-al-min"]
    et_al_use_first = options["et-al-use-first"]
    and_term = None
    if and_ == "text":
        and_term = element.get_single_term(name="and")
    elif and_ == "symbol":
        and_term = element.preformat("&")
    et_al = element.et_al()
    if form == "count":
        return min(len(names), et_al_use_first)
    truncate = len(names) > 1 and et_al_min and len(names) >= et_al_min
    et_al_last = options["et-al-use-last"] and et_al_use_first <= et_al_min - 2
    if truncate:
        names = names[:et_al_use_first] + ([names[-1]] if et_al_last else [])
    output = [_one_name(element, name, index, context, options) for index, name in enumerate(names)]
    if truncate and et_al:
        if et_al_last:
            ellipsis = element.unicode_character("horizontal ellipsis")
            output[-1] = ellipsis + " " + output[-1]
            return element.join(output, delimiter)
        precedes = options["delimiter-precedes-et-al"]
        if precedes == "always" or (precedes == "contextual" and len(output) >= 2):
            output.append(et_al)
            return element.join(output, delimiter)
        return element.join(output, delimiter) + " " + et_al
    if and_ is not None and len(output) > 1:
        if and_term is None:  # (citeproc-py failed here too, on an unbound name)
            raise ValueError(f'cs:name and="{and_}": CSL allows "text" or "symbol"')
        text = element.join(output[:-1], ", ")
        precedes = options["delimiter-precedes-last"]
        if precedes == "always" or (precedes == "contextual" and len(output) > 2):
            text = element.join([text, ""], ", ")
        else:
            text += " "
        text += f"{and_term} " + output[-1]  # (grouped so, as citeproc-py adds its strings)
        return text
    return element.join(output, delimiter)


def _one_name(element: Any, name: Any, index: int, context: Any, options: dict[str, Any]) -> Any:
    """One name of the list: initialised, in display or sort order, its parts formatted."""
    given, family, dropping, particle, suffix = name.parts()
    mark = options["initialize-with"]
    if given is not None and mark is not None:
        given = element.initialize(given, mark, context)
    form = options["form"]
    if form == "long":
        order = options["name-as-sort-order"]
        if order == "all" or (order == "first" and index == 0):
            if options["demote-non-dropping-particle"] in ("never", "sort-only"):
                family = " ".join([n for n in (particle, family) if n])
                given = " ".join([n for n in (given, dropping) if n])
            else:
                given = " ".join([n for n in (given, dropping, particle) if n])
            given, family = _formatted_parts(element, given, family)
            return options["sort-separator"].join([n for n in (family, given, suffix) if n])
        family = " ".join([n for n in (dropping, particle, family) if n])
        given, family = _formatted_parts(element, given, family)
        return " ".join([n for n in (given, family, suffix) if n])
    if form == "short":
        family = " ".join([n for n in (particle, family) if n])
        _, family = _formatted_parts(element, given, family)
        return family
    raise ValueError(f'cs:name form="{form}": CSL allows "long", "short" or "count"')


def _formatted_parts(element: Any, given: Any, family: Any) -> tuple[Any, Any]:
    for part in element.findall("cs:name-part", element.nsmap):
        given, family = part.format_part(given, family)
    return given, family


@attrs.frozen
class _NamesFacts:
    """What a cs:names is, read once (a style never changes while it renders)."""

    roles: list[str]  #: its variables
    editor_translator: bool  #: whether they are editor and translator (one list if equal)
    first_child: Any  #: its first child element (a cs:label there goes before the names)
    counting: bool  #: whether its cs:name counts the names (``form="count"``)


def names_facts(element: Any) -> _NamesFacts:
    """The :class:`_NamesFacts` of ``element`` (a cs:names), read once."""
    facts: _NamesFacts | None = element.__dict__.get("_pb_names_facts")
    if facts is None:
        roles = str(element.get("variable", "")).split()
        first = next(iter(element.iterchildren()), None)
        name = element.name
        counting = name is not None and name.get("form") == "count"
        facts = _NamesFacts(roles, set(roles) == {"editor", "translator"}, first, counting)
        element.__dict__["_pb_names_facts"] = facts
    return facts


def _parent_delimiter(element: Any, context: Any) -> Any:
    """citeproc-py's ``get_parent_delimiter``, found once per context."""
    held: dict[Any, Any] = element.__dict__.setdefault("_pb_parent_delimiter", {})
    key = None if context is None or context is element else id(context)
    if key not in held:
        held[key] = element.get_parent_delimiter(context)
    return held[key]


def render_names(
    element: Any, item: Any, names_context: Any, context: Any, options: dict[str, Any]
) -> Any:
    """citeproc-py's ``Names.process`` of ``element`` (a cs:names) for ``item``: the names of
    each of its variables the item has, by ``names_context``'s cs:name and cs:label (the
    element, or the cs:names a bare one in a cs:substitute stands for), joined by the
    names-delimiter; else what its cs:substitute renders. ``options``: the keyword arguments
    passed on. Raises VariableError where it renders nothing at all, as citeproc-py does."""
    if context is None:
        context = element
    if names_context is None:
        names_context = element
    facts = names_facts(element)
    roles = facts.roles
    ed_trans: Any = False
    if facts.editor_translator:
        reference = item.reference
        if "editor" in reference and "translator" in reference:
            ed_trans = (
                reference.editor == reference.translator
                and element.get_term("editortranslator").getchildren()
            )
            if ed_trans:
                roles = ["editor"]
    output = []
    reference = item.reference
    for role in roles:
        if role not in reference:
            continue
        text = names_context.name.render(item, role, context=context, **options)
        plural = len(reference[role]) > 1
        label_element = names_context.label
        if label_element is not None:
            try:
                label = label_element.render(
                    item, "editortranslator" if ed_trans else role, plural, **options
                )
            except AttributeError:  # (citeproc-py leaves the label out then)
                label = None
            if label is not None:
                if label_element is names_facts(names_context).first_child:
                    text = label + text
                else:
                    text = text + label
        output.append(text)
    if output:
        if all(isinstance(text, int) for text in output):  # (name-count)
            total = sum(output)
            return str(total) if total > 0 else None
        return element.join(output, _parent_delimiter(element, context))
    substitute = element.substitute()
    if substitute is None:
        raise VariableError
    return substitute.render(item, context=context, **options)
