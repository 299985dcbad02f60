"""CSL 1.0.2 \u00a7 Sorting: cs:sort and cs:key, compared as citeproc-js's collator."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from citeproc import model

from pantucci_bib.formatting.engine.dates import date_sort_key
from pantucci_bib.formatting.engine.name_parts import parsed_name
from pantucci_bib.formatting.engine.state import _macro, _new_entry, _state

# letters Unicode does not decompose that the collator sorts with their base letter
_BASE_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "ss", "æ": "ae", "œ": "oe"}
)


_SPACE = (0, 0, " ")
_MARKUP = re.compile(r"(?:<|&lt;)/?(?:i|b|sc|sup|sub|span)\b.*?(?:>|&gt;)", re.I)
_RUNS = re.compile(r"\d+|\s+|[^\w\s]+|[^\W\d_]+|_+")


def collation_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key of citeproc-js's comparison: case, accents and punctuation ignored, runs of
    digits compared as numbers; but words stay apart (a space sorts before any letter:
    ``da Costa`` before ``Dąbrowski``, ``Abbott, J. R.`` before ``Abbott, Jean-Luc``) and so
    does "&" (``Carbon & Soil`` before ``Carbon Energy``), as citeproc-js orders them (measured
    on the user library of tests/test_user_library.py). Markup tags (``<i>``) are no part of
    the key."""
    if "<" in text or "&lt;" in text:  # as written, or as the output format escaped it
        text = _MARKUP.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_BASE_LETTERS))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    key: list[tuple[int, int, str]] = []
    for run in _RUNS.findall(folded):
        if run[0].isdigit():
            key.append((1, int(run), ""))
        elif run[0].isspace():
            if not key or key[-1] != _SPACE:
                key.append(_SPACE)
        elif unicodedata.category(run[0])[0] in "PS":
            # punctuation is ignored (Jean-Luc is jeanluc), but "&" (a symbol to the
            # collator) sorts before letters
            key.extend((0, 1, char) for char in run if char == "&")
        elif unicodedata.category(run[0])[0] != "C":
            key.append((2, 0, run))
    return tuple(key)


class Sort(model.Sort):  # type: ignore[misc]
    """``sort-keys``: keys compared with :func:`collation_key`; missing keys last; ties keep
    the input order.

    A key is rendered only for the items that tie on every key before it (most entries differ
    by author or year, so the title and source macros are rendered for few of them); the order
    is the one comparing all keys would give.
    """

    def sort(self, items: Any, context: Any) -> list[Any]:
        keys = self.findall("cs:key", self.nsmap)
        descending = [key.get("sort", "ascending").lower() == "descending" for key in keys]

        def column(depth: int, indices: list[int]) -> list[str | None]:
            values = keys[depth].sort_keys([items[i] for i in indices], context)
            return [None if value is None else str(value) for value in values]

        return [items[i] for i in sort_order(len(items), descending, column)]


class Key(model.Key):  # type: ignore[misc]
    """``sort-keys``: a date variable key sorts as citeproc-js's (ranges after single dates)."""

    def get_macro(self, name: str) -> Any:
        return _macro(self, name)

    def _format_name(self, item: Any, variable: str) -> str | None:
        """A name variable's key: each name parsed as it prints (``parse-names``), family
        first; the particle demoted unless the style says never."""
        names = item.reference.get(variable)
        if names is None:
            return None
        demote = self.get_root().get("demote-non-dropping-particle", "display-and-sort").lower()
        keys = []
        for name in names:
            given, family, dropping, particle, suffix = parsed_name(name, joined="").parts()
            if demote in ("sort-only", "display-and-sort"):
                given = " ".join(n for n in (given, dropping, particle) if n)
            else:
                family = " ".join(n for n in (particle, family) if n)
                given = " ".join(n for n in (given, dropping) if n)
            keys.append(", ".join(n for n in (family, given, suffix) if n))
        return ";".join(keys)

    def sort_keys(self, items: Any, context: Any) -> Any:
        variable = (self.get("variable") or "").replace("-", "_")
        if variable in (
            "issued",
            "accessed",
            "original_date",
            "event_date",
            "submitted",
            "container",
        ):
            return [date_sort_key(item.reference.get(variable)) or None for item in items]
        state = _state(self)
        options: dict[str, Any] = {"name-as-sort-order": "all"}
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in self.attrib:
                options[option.replace("names", "et-al")] = self.get(option)
        state.sort_options = options  # citeproc-py passes them one macro deep only
        try:
            if "macro" not in self.attrib:
                return super().sort_keys(items, context)
            keys = []
            for item in items:  # one at a time, so that each is a new entry
                _new_entry(self)
                keys.extend(super().sort_keys([item], context))
            return keys
        finally:
            state.sort_options = None


def sort_order(
    count: int,
    descending: Sequence[bool],
    column: Callable[[int, list[int]], Sequence[str | None]],
) -> list[int]:
    """Indices of ``count`` items in the order of a CSL ``cs:sort`` (see :class:`Sort`).

    ``column(depth, indices)`` gives the values of sort key ``depth`` for those items (None or
    "" when missing). It is asked once per key, and only for the items that tie on every key
    before it: all of them in one call, so that the work can be shared between processes.
    """
    runs = [list(range(count))]  # consecutive runs of the order; items in a run tie so far
    for depth, reverse in enumerate(descending):
        tied = [index for run in runs if len(run) > 1 for index in run]
        if not tied:
            break
        values = dict(zip(tied, column(depth, tied), strict=True))
        refined: list[list[int]] = []
        for run in runs:
            if len(run) < 2:
                refined.append(run)
                continue
            groups: dict[Any, list[int]] = {}
            for index in run:  # in input order, which ties keep
                value = values[index]
                groups.setdefault(collation_key(value) if value else None, []).append(index)
            present = sorted((k for k in groups if k is not None), reverse=reverse)
            refined.extend(groups[k] for k in present)
            if None in groups:  # missing values last, whatever the direction
                refined.append(groups[None])
        runs = refined
    return [index for run in runs for index in run]
