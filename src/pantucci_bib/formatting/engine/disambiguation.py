"""CSL 1.0.2 \u00a7 Disambiguation: year suffixes."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from pantucci_bib.formatting.engine.names import _item_language, _romanesque
from pantucci_bib.formatting.engine.state import ENGINE_ERRORS, _new_entry
from pantucci_bib.formatting.engine.style import FixedStyle

_FIRST = frozenset({"first"})


def _suffix(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _ambiguity_key(style: FixedStyle, item: Any, names_rule: str | None) -> tuple[Any, ...]:
    citation = style.root.citation
    layout = citation.layout
    citation.cites = []
    layout.repressed = {}
    _new_entry(layout)
    item.pb_positions = _FIRST  # the first citation of the item is what must differ
    try:
        text = str(layout.render_children(item) or "")
    except ENGINE_ERRORS:
        return (item.key,)  # unrenderable: never ambiguous
    finally:
        item.pop("pb_positions", None)
    key: tuple[Any, ...] = (text,)
    if names_rule is None:
        return key
    language = _item_language(item)
    for name in item.reference.get("author") or item.reference.get("editor") or []:
        family, given = str(name.get("family") or name.get("literal")), str(name.get("given") or "")
        if names_rule == "names":
            key += (family,)
        elif names_rule.endswith("with-initials"):
            key += (family, given[:1])
        elif names_rule == "by-cite":  # expanded in the cite as rendered: order matters
            static = "literal" not in name and (
                bool(name.get("static-ordering")) or _romanesque(name, language) < 2
            )
            key += (family, given, static)
        else:  # all-names, primary-name: the same person, whatever the order
            key += (family, given)
    return key


def _suffix_rule(style: FixedStyle) -> tuple[bool, str | None]:
    """Whether the style asks for year suffixes, and the names rule that may make them moot."""
    citation = style.root.citation
    if citation is None or citation.get("disambiguate-add-year-suffix", "false") != "true":
        return False, None
    if citation.get("disambiguate-add-givenname", "false") == "true":
        return True, citation.get("givenname-disambiguation-rule", "by-cite")
    if citation.get("disambiguate-add-names", "false") == "true":
        return True, "names"
    return True, None


def year_suffixes(ambiguity_keys: Sequence[Hashable]) -> list[str]:
    """``year-suffix``: a, b, c … for entries (in bibliography order) whose keys are equal.

    Entries are ambiguous when their first citations render identically and, where the style
    disambiguates by names or given names, adding those would not tell them apart: the same
    family names (add-names); the same given names, or initials for the ``*-with-initials``
    rules; under ``by-cite`` also the same name order, since the expanded cite shows it.
    """
    groups: dict[Hashable, list[int]] = {}
    for position, key in enumerate(ambiguity_keys):
        groups.setdefault(key, []).append(position)
    suffixes = [""] * len(ambiguity_keys)
    for members in groups.values():
        if len(members) > 1:
            for index, position in enumerate(members):
                suffixes[position] = _suffix(index)
    return suffixes
