"""One bibliography rendered phase by phase (sort keys, ambiguity keys, entries)."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from citeproc import DATES, NAMES, VARIABLES
from citeproc.frontend import CitationStylesBibliography
from citeproc.source import Citation, CitationItem, Reference
from citeproc.source import Date as SourceDate
from citeproc.source import Name as SourceName
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, String

from pantucci_bib.formatting.common import item_ids
from pantucci_bib.formatting.engine.disambiguation import _ambiguity_key, _suffix_rule
from pantucci_bib.formatting.engine.references import direct_reference
from pantucci_bib.formatting.engine.state import EntryError, _state
from pantucci_bib.formatting.engine.style import FixedStyle

#: The parts of a name citeproc-py's Name takes without a warning (a literal name: alone).
_NAME_PARTS = frozenset({"family", "given", "dropping-particle", "non-dropping-particle", "suffix"})
#: The variables citeproc-py's Reference takes without a warning.
_REFERENCE_VARIABLES = frozenset({"uri", "container_uri", "contributor", "date", *VARIABLES})


_SKIP, _NAMES, _DATE, _STRING, _AS_GIVEN = range(5)
#: CSL-JSON name → (the Reference's variable, how its value is parsed), found once per name
_KINDS: dict[str, tuple[str, int]] = {}


def _kind(name: str) -> tuple[str, int]:
    variable = name.replace("-", "_")
    if variable in ("id", "type", "key"):  # ("key" would clash with the reference's)
        return variable, _SKIP
    if variable == "shortTitle":
        variable = "title_short"
    if variable in NAMES:
        return variable, _NAMES
    if variable in DATES:
        return variable, _DATE
    return variable, _AS_GIVEN if name == "language" else _STRING


class _Source(CiteProcJSON):  # type: ignore[misc]
    """CSL-JSON input that keeps ``static-ordering`` on names without citeproc-py's warning.

    Each item is parsed into citeproc-py's ``Reference`` when it is first looked up, not all
    at once: a forked worker parses only the entries it renders (with two workers, half the
    parsing leaves the serial part of a job). ``hyphenated-names``: name variables are also
    stored under their CSL spelling (``original-author``), which is what cs:names looks up.
    ``new-name-variables``: the name variables CSL 1.0.2 added (reviewed-author, director, host
    …), which citeproc-py would read as text, are read as names.
    """

    def __init__(self, json_data: Sequence[dict[str, Any]], ids: Sequence[str]) -> None:
        self._items = json_data  # (an EngineItems converts each record when first asked for)
        self._index = {key.lower(): position for position, key in enumerate(ids)}

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def raw(self, key: str) -> dict[str, Any]:
        """The CSL-JSON item ``key`` as given, before citeproc-py parses it."""
        return self._items[self._index[key]]

    def parsed(self, key: str) -> bool:
        """Whether the item ``key`` has been looked up (and so parsed) yet."""
        return dict.__contains__(self, key)

    def __missing__(self, key: str) -> Any:
        from pantucci_bib.formatting.common import unknown_names

        position = self._index[key]  # a KeyError for an unknown key, as a dict gives
        record_of = getattr(self._items, "record_for_reference", None)
        record = record_of(position) if record_of is not None else None
        reference = direct_reference(record, self) if record is not None else None
        if reference is not None:  # (the same Reference, without the CSL-JSON item between)
            dict.__setitem__(self, key, reference)
            _hyphenated(reference)
            return reference
        item = self._items[position]
        extra = {name: item[name] for name in unknown_names() if name in item}
        if extra:
            item = {name: value for name, value in item.items() if name not in extra}
        reference = self._parse(item)
        dict.__setitem__(self, key, reference)
        _hyphenated(reference)
        for name, value in extra.items():  # CSL 1.0.2's name variables citeproc-py does not know
            names = self.parse_names(value)
            reference[name] = names
            reference[name.replace("-", "_")] = names
        return reference

    def _parse(self, item: dict[str, Any]) -> Any:
        """``CiteProcJSON.__init__`` for one item: the same Reference, built without the
        argument sets citeproc-py makes afresh for every reference."""
        data: dict[str, Any] = {}
        for name, value in item.items():
            kind = _KINDS.get(name)
            if kind is None:
                kind = _KINDS[name] = _kind(name)
            variable, how = kind
            if how == _SKIP:
                continue
            if how == _NAMES:
                value = self.parse_names(value)
            elif how == _DATE:
                value = self.parse_date(value)
            elif how == _STRING:
                value = self.parse_string(value)
            data[variable] = value
        unsupported = data.keys() - _REFERENCE_VARIABLES
        if unsupported:  # citeproc-py's warning, as its Reference gives it
            warnings.warn(
                "The following arguments for Reference are unsupported: " + ", ".join(unsupported),
                stacklevel=2,
            )
        reference = Reference.__new__(Reference)
        dict.update(reference, key=str(item["id"]).lower(), type=item["type"])
        dict.update(reference, data)
        return reference

    def parse_string(self, string: Any) -> Any:
        """citeproc-py's, at once for text without a nocase span (nearly all of it)."""
        text = str(string)
        if self.start_tag not in text.lower():
            return MixedString([String(text)]) if text else MixedString()
        return super().parse_string(text)

    def parse_names(self, json_data: list[dict[str, Any]]) -> list[Any]:
        names = []
        for data in json_data:
            fields = {k: v for k, v in data.items() if k != "static-ordering"}
            if fields.keys() <= _NAME_PARTS or fields.keys() == {"literal"}:
                # what SourceName(**fields) makes of parts it takes without a warning
                name = SourceName.__new__(SourceName)
                dict.update(name, fields)
            else:
                name = SourceName(**fields)
            if data.get("static-ordering"):
                name["static-ordering"] = True
            names.append(name)
        return names

    def parse_date(self, json_data: Any) -> Any:
        """citeproc-py's, built at once for a single date of whole numbers (nearly all)."""
        parts = json_data.get("date-parts") if isinstance(json_data, dict) else None
        if (
            isinstance(parts, list)
            and len(parts) == 1
            and isinstance(parts[0], list)
            and parts[0]
            and "season" not in json_data
            and all(type(value) is int for value in parts[0][:3])
        ):
            # Date(circa=…, year=…, month=…, day=…): every value made an int, circa too
            date = SourceDate.__new__(SourceDate)
            dict.update(date, circa=int(json_data.get("circa", 0) != 0))
            dict.update(date, zip(("year", "month", "day"), parts[0][:3], strict=False))
            return date
        return super().parse_date(json_data)


#: citeproc-py's name variables spelled with an underscore (``original_author``).
_UNDERSCORED_NAMES = tuple(variable for variable in NAMES if "_" in variable)


def _hyphenated(reference: Any) -> None:
    """``hyphenated-names``: each name variable also under its CSL spelling."""
    for variable in _UNDERSCORED_NAMES:
        if variable in reference:
            reference[variable.replace("_", "-")] = reference[variable]


class _CitationItem(CitationItem):  # type: ignore[misc]
    """A cite whose reference is looked up once (citeproc-py follows three properties and two
    dictionary lookups each time a variable is read)."""

    @functools.cached_property
    def reference(self) -> Any:
        return self.citation.bibliography.source[self.key]

    @classmethod
    def of(cls, key: str) -> _CitationItem:
        """``_CitationItem(key)``: the same item, without the argument sets citeproc-py's
        constructor checks (a bibliography makes one per entry, before its workers start)."""
        item = cls.__new__(cls)
        dict.__setitem__(item, "key", key.lower())
        return item


class _Keys(list):  # type: ignore[type-arg]
    """The bibliography's keys with a constant-time ``index`` (citation numbers)."""

    def __init__(self, keys: Iterable[str]) -> None:
        super().__init__(keys)
        self._position = {key: i for i, key in enumerate(self)}

    def index(self, key: Any, *args: Any) -> int:
        return self._position[key]


class Renderer:
    """One bibliography of CSL-JSON ``items`` in one parsed style, rendered phase by phase.

    The phases (sort keys, ambiguity keys, entries) each work on any subset of the items, so
    that :mod:`pantucci_bib.formatting` can take some results from its cache and share the
    rest between processes: :func:`sort_order`, :meth:`set_order` with
    :func:`year_suffixes`, then :meth:`entries`.
    """

    def __init__(
        self,
        style: FixedStyle,
        items: Sequence[dict[str, Any]],
        formatter: Any,
        key_formatter: Any = None,
    ) -> None:
        self.style = style
        self._formatter = formatter
        # sort and ambiguity keys are compared as plain text, as citeproc-js does: markup of
        # the output format (an HTML <i>) must not change the order or the year suffixes
        self._key_formatter = key_formatter or formatter
        self.ids = item_ids(items)
        self._bib = CitationStylesBibliography(style, _Source(items, self.ids), formatter)
        citation = Citation([_CitationItem.of(key) for key in self.ids])
        citation.bibliography = self._bib
        self._cites = list(citation.cites)
        bibliography = style.root.bibliography
        self._layout = bibliography.layout if bibliography is not None else style.root
        sort = None if bibliography is None else bibliography.find("cs:sort", bibliography.nsmap)
        self._keys = [] if sort is None else sort.findall("cs:key", sort.nsmap)
        #: Per sort key: whether it sorts descending.
        self.descending = [k.get("sort", "ascending").lower() == "descending" for k in self._keys]
        self.suffixes, self._names_rule = _suffix_rule(style)
        #: Whether an entry depends on the one before it (subsequent-author-substitute).
        self.chained = (
            bibliography is not None
            and bibliography.get("subsequent-author-substitute") is not None
        )
        self._order: list[int] = list(range(len(items)))
        # until set_order, citation numbers follow the input (the order of first citation), so
        # that a sort by citation-number has numbers to sort by (``numbers-before-order``)
        self._bib.keys = _Keys(cite.key for cite in self._cites)
        # sorted by citation-number, the numbers stay those of first citation (a descending
        # sort lists the entries in reverse, numbered as cited)
        self._numbered_by_citation = bool(self._keys) and (
            self._keys[0].get("variable") == "citation-number"
        )

    def sort_column(self, depth: int, indices: Sequence[int]) -> list[str | None]:
        """The values of sort key ``depth`` for the items at ``indices`` (None if missing)."""
        state = _state(self._layout)
        state.sorting = True
        self.style.root.formatter = self._key_formatter
        try:
            values = self._keys[depth].sort_keys([self._cites[i] for i in indices], self._layout)
        finally:
            state.sorting = False
            self.style.root.formatter = self._formatter
        return [None if value is None or str(value) == "" else str(value) for value in values]

    def set_order(self, order: Sequence[int], suffixes: Sequence[str] = ()) -> None:
        """Put the items in bibliography ``order`` (citation numbers follow it); give the item
        at each position its year suffix."""
        self._order = list(order)
        self._bib.items = [self._cites[i] for i in order]
        if not self._numbered_by_citation:
            self._bib.keys = _Keys(item.key for item in self._bib.items)
        source = self._bib.source
        for item, suffix in zip(self._bib.items, suffixes, strict=False):
            if suffix:
                item.reference["year_suffix"] = String(suffix)
            elif source.parsed(item.key):  # an item parsed later has no suffix to take away
                item.reference.pop("year_suffix", None)

    def ambiguity_keys(self, indices: Sequence[int]) -> list[tuple[Any, ...]]:
        """The key telling apart the first citations of the items at ``indices``."""
        self.style.root.formatter = self._key_formatter
        try:
            return [_ambiguity_key(self.style, self._cites[i], self._names_rule) for i in indices]
        finally:
            self.style.root.formatter = self._formatter

    def entries(self, start: int, stop: int) -> list[str | None]:
        """The entries at bibliography positions ``start`` to ``stop`` (after :meth:`set_order`);
        None for an entry that renders nothing. Raises :class:`EntryError`."""
        warm_up = 1 if self.chained and start > 0 else 0  # the entry it may repeat names of
        items = self._bib.items[start - warm_up : stop]
        try:
            entries: list[str | None] = self._layout.render_bibliography(items)
        except EntryError as exc:
            key = self.ids[next(i for i in self._order if self._cites[i].key == exc.key)]
            raise EntryError(key, str(exc)) from exc
        return entries[warm_up:]
