"""CSL 1.0.2 § Disambiguation of cites: add names, add given names, the ``disambiguate``
condition, then year suffixes — in that order, as citeproc-js tries them.

Each cited item's first cite is rendered; items whose cites render the same are ambiguous.
For each group of them the methods the style enables are tried in turn, each kept only where
it tells some of them apart; what is left ambiguous gets year suffixes (in bibliography
order). The result is per item (more names shown, given names, the condition taken) and
applies to all of the item's cites, never to its bibliography entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from citeproc.source import Citation as EngineCitation

from pantucci_bib.formatting.engine.disambiguation import year_suffixes
from pantucci_bib.formatting.engine.renderer import Renderer, _CitationItem
from pantucci_bib.formatting.engine.state import ENGINE_ERRORS, _new_entry

_FIRST = frozenset({"first"})
_NAME_VARIABLES = ("author", "editor", "translator", "composer", "director")


class Added:
    """What disambiguation added to one item's cites."""

    __slots__ = ("condition", "expand", "options")

    def __init__(self) -> None:
        self.options: dict[str, Any] = {}  # name options: et-al-use-first, initialize-with …
        self.condition = False  # cs:if disambiguate="true" holds
        self.expand: dict[tuple[str, str], int] = {}  # (family, given) -> 1 initials, 2 given


def disambiguate(
    renderer: Renderer,
    order: Sequence[int],
    share: Callable[[Callable[[int], str], int], list[str]] | None = None,
) -> tuple[dict[str, Added], list[str] | None]:
    """The additions per item key (lower case, as the engine keys items), and the year suffix of
    each bibliography position (None when the style adds none).

    ``share(text, count)``, when given, returns ``[text(i) for i in range(count)]`` its own way
    (shared between forked workers): the first rendering of every item's cite, most of the
    work, depends on nothing but the item."""
    style = renderer.style
    citation = style.root.citation
    if citation is None or citation.layout is None:
        return {}, None
    option = citation.get
    add_names = option("disambiguate-add-names", "false") == "true"
    add_given = option("disambiguate-add-givenname", "false") == "true"
    add_suffix = option("disambiguate-add-year-suffix", "false") == "true"
    rule = option("givenname-disambiguation-rule", "by-cite")
    condition = bool(style.root.xpath_search(".//cs:*[@disambiguate='true']"))
    layout = citation.layout
    engine_citation = EngineCitation([_CitationItem.of(key) for key in renderer.ids])
    engine_citation.bibliography = renderer._bib
    items = engine_citation.cites
    added = {item.key: Added() for item in items}

    def text(index: int) -> str:
        item = items[index]
        extra = added[item.key]
        item["pb_positions"] = _FIRST
        item["pb_disambiguation"] = extra.options
        item["pb_disambiguate"] = extra.condition
        item["pb_expand"] = extra.expand
        layout.repressed = {}
        _new_entry(layout)
        try:
            return str(layout.render_children(item) or "")
        except ENGINE_ERRORS:
            return "\0" + str(item.key)  # unrenderable: never ambiguous
        finally:
            citation.cites = []

    if not (add_names or add_given or add_suffix or condition):
        return added, None  # the style disambiguates nothing: no cite need be rendered here
    if add_given and rule != "by-cite":
        _expand_names(items, added, rule)
    if share is None:
        texts = [text(index) for index in range(len(items))]
    else:
        texts = share(text, len(items))
    steps: list[Callable[[list[int]], list[list[int]]]] = []
    if add_names:
        steps.append(lambda group: _add_names(group, items, added, texts, text))
    if add_given and rule == "by-cite":
        steps.append(lambda group: _add_given(group, items, added, texts, text, rule))
    if condition:
        steps.append(lambda group: _take_condition(group, items, added, texts, text))
    for group in _ambiguous(texts):
        pending = [group]
        for step in steps:
            pending = [part for members in pending for part in step(members)]
            pending = [members for members in pending if len(members) > 1]
            if not pending:
                break
    if not add_suffix:
        return added, None
    return added, year_suffixes([texts[index] for index in order])


def _ambiguous(texts: Sequence[str]) -> list[list[int]]:
    groups: dict[str, list[int]] = {}
    for index, rendered in enumerate(texts):
        groups.setdefault(rendered, []).append(index)
    return [members for members in groups.values() if len(members) > 1]


def _split(group: list[int], texts: Sequence[str]) -> list[list[int]]:
    parts: dict[str, list[int]] = {}
    for index in group:
        parts.setdefault(texts[index], []).append(index)
    return list(parts.values())


def _try(
    group: list[int],
    items: Sequence[Any],
    added: dict[str, Added],
    texts: list[str],
    text: Callable[[int], str],
    change: Callable[[Added], None],
) -> bool:
    """Apply ``change`` to the group's items and re-render them; undo it unless it told any
    of them apart. True if kept."""
    extras = {index: added[items[index].key] for index in group}
    saved = {index: (dict(extra.options), extra.condition) for index, extra in extras.items()}
    before = {index: texts[index] for index in group}
    for index in group:
        change(added[items[index].key])
    for index in group:
        texts[index] = text(index)
    if len(set(texts[index] for index in group)) > len(set(before.values())):
        return True
    for index in group:
        extras[index].options, extras[index].condition = saved[index]
        texts[index] = before[index]
    return False


def _names_count(item: Any) -> int:
    reference = item.reference
    for variable in _NAME_VARIABLES:
        names = reference.get(variable)
        if names:
            return len(names)
    return 0


def _add_names(
    group: list[int],
    items: Sequence[Any],
    added: dict[str, Added],
    texts: list[str],
    text: Callable[[int], str],
) -> list[list[int]]:
    """``disambiguate-add-names``: one more name at a time, while it tells cites apart."""
    most = max(_names_count(items[index]) for index in group)
    pending = [group]
    for shown in range(2, most + 1):
        still: list[list[int]] = []
        for members in pending:

            def more(extra: Added, shown: int = shown) -> None:
                extra.options["et-al-use-first"] = str(shown)

            _try(members, items, added, texts, text, more)
            still += [part for part in _split(members, texts) if len(part) > 1]
        pending = still
        if not pending:
            break
    return pending


def _add_given(
    group: list[int],
    items: Sequence[Any],
    added: dict[str, Added],
    texts: list[str],
    text: Callable[[int], str],
    rule: str,
) -> list[list[int]]:
    """``disambiguate-add-givenname``: names in their long form, first with initials, then
    (unless the rule stops at initials) with full given names."""

    def initials(extra: Added) -> None:
        extra.options["form"] = "long"

    def full(extra: Added) -> None:
        extra.options["form"] = "long"
        extra.options["initialize-with"] = None

    _try(group, items, added, texts, text, initials)
    pending = [part for part in _split(group, texts) if len(part) > 1]
    if rule.endswith("with-initials"):
        return pending
    still: list[list[int]] = []
    for members in pending:
        _try(members, items, added, texts, text, full)
        still += [part for part in _split(members, texts) if len(part) > 1]
    return still


def _take_condition(
    group: list[int],
    items: Sequence[Any],
    added: dict[str, Added],
    texts: list[str],
    text: Callable[[int], str],
) -> list[list[int]]:
    """The ``disambiguate="true"`` branches, for cites still ambiguous."""

    def take(extra: Added) -> None:
        extra.condition = True

    _try(group, items, added, texts, text, take)
    return [part for part in _split(group, texts) if len(part) > 1]


def _initials(given: str) -> str:
    return "".join(part[:1] for part in given.replace("-", " ").split())


def _expand_names(items: Sequence[Any], added: dict[str, Added], rule: str) -> None:
    """``all-names``, ``primary-name`` (``-with-initials``): a family name that stands for more
    than one person anywhere in the document is shown with initials, or with the given name
    where initials do not tell the people apart (never past initials for ``-with-initials``);
    ``primary-name`` looks at the first name of each cite only."""
    primary = rule.startswith("primary-name")
    people: dict[str, dict[str, str]] = {}  # family -> person (given, compared loosely) -> given
    names_of: list[list[tuple[str, str, str]]] = []
    for item in items:
        found: list[tuple[str, str, str]] = []
        for variable in _NAME_VARIABLES:
            names = item.reference.get(variable)
            if names:
                for name in names:
                    parts = (name.get("non-dropping-particle"), name.get("family"))
                    family = " ".join(str(part) for part in parts if part)
                    given = str(name.get("given") or "")
                    found.append((family, given, _person(given)))
                break
        if primary:
            found = found[:1]
        names_of.append(found)
        for family, given, person in found:
            if family:
                people.setdefault(family, {})[person] = given
    levels: dict[tuple[str, str], int] = {}  # (family, person) -> level
    for family, persons in people.items():
        if len(persons) < 2:
            continue
        initials: dict[str, int] = {}
        for given in persons.values():
            initials[_initials(given)] = initials.get(_initials(given), 0) + 1
        for person, given in persons.items():
            if initials[_initials(given)] == 1:
                levels[(family, person)] = 1
            elif not rule.endswith("with-initials"):  # initials would not tell them apart
                levels[(family, person)] = 2
    for item, found in zip(items, names_of, strict=True):
        expand: dict[tuple[str, str], int] = {}
        for family, given, person in found:
            level = levels.get((family, person))
            if level:
                expand[(family, given)] = level
        if expand:
            added[item.key].expand = expand


def _person(given: str) -> str:
    """A given name compared loosely: "J.J." and "J. J." are the same person."""
    return "".join(given.replace(".", " ").split()).lower()
