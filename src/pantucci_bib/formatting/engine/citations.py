"""CSL 1.0.2 § Citations: cites in document order, their positions, grouping and collapsing.

A document's citations are rendered in order over one :class:`Renderer`, whose bibliography
order gives the citation numbers and whose year suffixes are the bibliography's. Positions
(first, subsequent, ibid, ibid-with-locator, near-note) are worked out for the whole document
before anything renders (:func:`positions`) and held by each cite, which the ``position``
condition of :mod:`.conditions` reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from citeproc.source import Citation as EngineCitation
from citeproc.source import Locator

from pantucci_bib.formatting.engine.punctuation import finish_entry
from pantucci_bib.formatting.engine.renderer import Renderer, _CitationItem
from pantucci_bib.formatting.engine.sorting import sort_order
from pantucci_bib.formatting.engine.state import ENGINE_ERRORS, EntryError, _new_entry, _state

#: The default of the style option ``near-note-distance`` (CSL 1.0.2).
NEAR_NOTE_DISTANCE = 5


class CiteLike(Protocol):
    """What the engine reads of a cite (:class:`pantucci_bib.Cite`)."""

    @property
    def key(self) -> str: ...
    @property
    def locator(self) -> str | None: ...
    @property
    def label(self) -> str | None: ...
    @property
    def prefix(self) -> str | None: ...
    @property
    def suffix(self) -> str | None: ...
    @property
    def suppress_author(self) -> bool: ...
    @property
    def author_only(self) -> bool: ...


def positions(
    citations: Sequence[Sequence[CiteLike]], notes: Sequence[int], distance: int
) -> list[list[tuple[frozenset[str], int]]]:
    """For each cite of each citation: the positions it holds, and the note number of the
    first citation of its item (0 in in-text citations).

    ``ibid`` holds for a cite of the item the preceding cite referenced, in the same citation
    or as the only cite of the preceding citation; it is ``ibid-with-locator`` when the cite
    has a locator the preceding one lacks or differs from; a cite without a locator after one
    with a locator is only ``subsequent``. ``near-note``: a footnote citation within
    ``distance`` notes of the last one of the same item. Every position but ``first`` is also
    ``subsequent``, and ``ibid-with-locator`` also ``ibid``, as the ``position`` test asks.
    """
    first_note: dict[str, int] = {}
    last_note: dict[str, int] = {}
    previous: Sequence[CiteLike] = ()
    found: list[list[tuple[frozenset[str], int]]] = []
    for cites, note in zip(citations, notes, strict=True):
        row: list[tuple[frozenset[str], int]] = []
        for index, cite in enumerate(cites):
            key = cite.key
            if key not in first_note:
                first_note[key] = note
                held = {"first"}
            else:
                held = {"subsequent"}
                before = (
                    cites[index - 1] if index else (previous[0] if len(previous) == 1 else None)
                )
                if before is not None and before.key == key:
                    here = (cite.locator, cite.label or "page") if cite.locator else None
                    there = (before.locator, before.label or "page") if before.locator else None
                    if here == there:
                        held.add("ibid")
                    elif here is not None:
                        held |= {"ibid", "ibid-with-locator"}
                if note and last_note.get(key) and note - last_note[key] <= distance:
                    held.add("near-note")
            last_note[key] = note
            row.append((frozenset(held), first_note[key]))
        found.append(row)
        previous = cites
    return found


class CitationRenderer:
    """The citations of one document over a :class:`Renderer` of the items they cite (set in
    bibliography order, with year suffixes, before :meth:`render` is called)."""

    def __init__(self, renderer: Renderer) -> None:
        self._renderer = renderer
        self._style = renderer.style
        citation = renderer.style.root.citation
        if citation is None or citation.layout is None:
            raise ValueError("the style has no citation layout")
        self._citation = citation
        self._layout = citation.layout
        self._index = {key.lower(): i for i, key in enumerate(renderer.ids)}
        sort = citation.find("cs:sort", citation.nsmap)
        self._keys = [] if sort is None else sort.findall("cs:key", sort.nsmap)
        self._collapse = citation.get("collapse")
        delimiter = self._layout.get("delimiter", "")
        self._delimiter = delimiter
        self._group_delimiter = citation.get("cite-group-delimiter", ", ")
        self._after_collapse = citation.get("after-collapse-delimiter", delimiter)
        self._grouped = self._collapse is not None or "cite-group-delimiter" in citation.attrib
        option = self._style.root.get("near-note-distance") or citation.get("near-note-distance")
        self.distance = int(option) if option and option.isdigit() else NEAR_NOTE_DISTANCE

    def render(self, citations: Sequence[Sequence[CiteLike]], notes: Sequence[int]) -> list[str]:
        """Each citation's text, in document order. Raises :class:`EntryError`."""
        held = positions(citations, notes, self.distance)
        return [
            self._render_one(cites, marks) for cites, marks in zip(citations, held, strict=True)
        ]

    def _item(self, cite: CiteLike, held: frozenset[str], first_note: int) -> Any:
        options: dict[str, Any] = {}
        if cite.locator:
            options["locator"] = Locator(cite.label or "page", cite.locator)
        item = _CitationItem(cite.key, **options)
        item.pb_positions = held
        item.pb_first_note = first_note
        item.pb_cite = cite
        return item

    def _render_one(
        self, cites: Sequence[CiteLike], marks: Sequence[tuple[frozenset[str], int]]
    ) -> str:
        pairs = zip(cites, marks, strict=True)
        items = [self._item(cite, held, note) for cite, (held, note) in pairs]
        engine_citation = EngineCitation(items)
        engine_citation.bibliography = self._renderer._bib
        items = self._sorted(items)
        rendered = [self._render_cite(item, item.pb_cite.suppress_author) for item in items]
        pieces = self._group(items, rendered)
        preformat = self._style.root.formatter.preformat
        out = ""
        for index, (text, delimiter, item) in enumerate(pieces):
            cite = item.pb_cite
            if cite.prefix:
                prefix = str(preformat(cite.prefix))
                text = prefix + ("" if prefix[-1:].isspace() else " ") + text
            if cite.suffix:
                suffix = str(preformat(cite.suffix))
                text += ("" if suffix[:1] in ",.;:!?)]" or suffix[:1].isspace() else " ") + suffix
            out += (delimiter if index else "") + text
        if items and all(item.pb_cite.author_only for item in items):
            return finish_entry(out)
        return finish_entry(str(self._layout.format(self._layout.wrap(out))))

    def _render_cite(self, item: Any, suppress_author: bool) -> str:
        """One cite through the citation layout; with its names left out, or only them."""
        state = _state(self._layout)
        state.cite_names = "suppress" if suppress_author else "capture"
        state.cite_names_done = False
        state.captured_names = None
        self._layout.repressed = {}
        _new_entry(self._layout)
        try:
            text = self._layout.render_children(item)
        except ENGINE_ERRORS as exc:
            raise EntryError(item.key, f"{type(exc).__name__}: {exc}") from exc
        finally:
            state.cite_names = None
        item.pb_names = state.captured_names
        if item.pb_cite.author_only:
            return state.captured_names or ""
        return "" if text is None else str(text)

    def _sorted(self, items: list[Any]) -> list[Any]:
        if not self._keys or len(items) < 2:
            return items
        state = _state(self._layout)
        descending = [k.get("sort", "ascending").lower() == "descending" for k in self._keys]
        root = self._style.root
        formatter, root.formatter = root.formatter, self._renderer._key_formatter

        def column(depth: int, indices: list[int]) -> list[str | None]:
            state.sorting = True
            try:
                values = self._keys[depth].sort_keys([items[i] for i in indices], self._layout)
            finally:
                state.sorting = False
            return [None if value is None or str(value) == "" else str(value) for value in values]

        try:
            order = sort_order(len(items), descending, column)
        finally:
            root.formatter = formatter
        return [items[i] for i in order]

    def _group(self, items: list[Any], rendered: list[str]) -> list[tuple[str, str, Any]]:
        """(text, delimiter before it, item) for each cite, after cite grouping and collapsing."""
        if self._collapse == "citation-number":
            return self._collapse_numbers(items, rendered)
        if not self._grouped:
            return [
                (text, self._delimiter, item) for text, item in zip(rendered, items, strict=True)
            ]
        order: list[list[int]] = []  # runs of adjacent cites whose names render the same
        for index, item in enumerate(items):
            names = item.pb_names
            joins = (
                order
                and names
                and not item.pb_cite.author_only
                and items[order[-1][-1]].pb_names == names
            )
            if joins:
                order[-1].append(index)
            else:
                order.append([index])
        pieces: list[tuple[str, str, Any]] = []
        for group in order:
            for position, index in enumerate(group):
                item = items[index]
                if position == 0:
                    pieces.append((rendered[index], self._delimiter, item))
                    continue
                text = rendered[index]
                if self._collapse in ("year", "year-suffix", "year-suffix-ranged"):
                    text = self._render_cite(item, suppress_author=True)
                pieces.append((text, self._group_delimiter, item))
        return self._after_collapse_delimiters(order, pieces)

    def _after_collapse_delimiters(
        self, order: list[list[int]], pieces: list[tuple[str, str, Any]]
    ) -> list[tuple[str, str, Any]]:
        """The delimiter after a collapsed group is ``after-collapse-delimiter``."""
        fixed: list[tuple[str, str, Any]] = []
        cursor = 0
        previous_collapsed = False
        for group in order:
            for position in range(len(group)):
                text, delimiter, item = pieces[cursor]
                if position == 0 and previous_collapsed:
                    delimiter = self._after_collapse
                fixed.append((text, delimiter, item))
                cursor += 1
            previous_collapsed = len(group) > 1 and self._collapse is not None
        return fixed

    def _collapse_numbers(
        self, items: list[Any], rendered: list[str]
    ) -> list[tuple[str, str, Any]]:
        """Runs of three or more consecutive citation numbers become ``first–last``."""
        pieces: list[tuple[str, str, Any]] = []
        run: list[int] = []
        previous_collapsed = False

        def flush() -> None:
            nonlocal previous_collapsed
            if not run:
                return
            delimiter = self._after_collapse if previous_collapsed else self._delimiter
            if len(run) >= 3:
                text = rendered[run[0]] + "\u2013" + rendered[run[-1]]
                pieces.append((text, delimiter, items[run[0]]))
                previous_collapsed = True
            else:
                for index in run:
                    pieces.append((rendered[index], delimiter, items[index]))
                    delimiter = self._delimiter
                previous_collapsed = False
            run.clear()

        for index, item in enumerate(items):
            cite = item.pb_cite
            plain = rendered[index] == str(item.number) and not (
                cite.prefix or cite.suffix or cite.locator
            )
            if not plain:
                flush()
                delimiter = self._after_collapse if previous_collapsed else self._delimiter
                pieces.append((rendered[index], delimiter, item))
                previous_collapsed = False
                continue
            if run and items[run[-1]].number + 1 != item.number:
                flush()
            run.append(index)
        flush()
        return pieces
