"""CSL 1.0.2 § Citations: cites in document order, their positions, grouping and collapsing.

A document's citations are rendered in order over one :class:`Renderer`, whose bibliography
order gives the citation numbers and whose year suffixes are the bibliography's. Positions
(first, subsequent, ibid, ibid-with-locator, near-note) are worked out for the whole document
before anything renders (:func:`positions`) and held by each cite, which the ``position``
condition of :mod:`.conditions` reads.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any, Protocol

from citeproc.source import Citation as EngineCitation
from citeproc.source import Locator

from pantucci_bib.formatting.engine.cite_disambiguation import Added
from pantucci_bib.formatting.engine.layout import finish
from pantucci_bib.formatting.engine.renderer import Renderer, _CitationItem
from pantucci_bib.formatting.engine.rich_text import rich
from pantucci_bib.formatting.engine.sorting import collation_key, sort_order
from pantucci_bib.formatting.engine.state import ENGINE_ERRORS, EntryError, _new_entry, _state

#: The default of the style option ``near-note-distance`` (CSL 1.0.2).
NEAR_NOTE_DISTANCE = 5


_LOCATOR_RANGE = re.compile(r"(?<=\w)\s*[-\u2013]\s*(?=\w)")


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

    def __init__(self, renderer: Renderer, added: dict[str, Added] | None = None) -> None:
        self._renderer = renderer
        self._added = added or {}
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
        self._note = self._style.root.get("class") == "note"  # terms capitalised in notes
        self._grouped = self._collapse is not None or "cite-group-delimiter" in citation.attrib
        option = self._style.root.get("near-note-distance") or citation.get("near-note-distance")
        self.distance = int(option) if option and option.isdigit() else NEAR_NOTE_DISTANCE
        self._prepared: list[tuple[Sequence[CiteLike], Sequence[tuple[frozenset[str], int]]]] = []

    def render(self, citations: Sequence[Sequence[CiteLike]], notes: Sequence[int]) -> list[str]:
        """Each citation's text, in document order. Raises :class:`EntryError`."""
        return self.render_part(0, self.prepare(citations, notes))

    def prepare(self, citations: Sequence[Sequence[CiteLike]], notes: Sequence[int]) -> int:
        """Take the document's citations and work out the positions of their cites over the
        whole of it; then any run of them can be rendered on its own (:meth:`render_part`),
        here or in a forked worker. Returns how many there are."""
        held = positions(citations, notes, self.distance)
        self._prepared = list(zip(citations, held, strict=True))
        return len(self._prepared)

    def render_part(self, start: int, stop: int) -> list[str]:
        """The texts of the prepared citations ``start`` to ``stop``."""
        return [self._render_one(cites, marks) for cites, marks in self._prepared[start:stop]]

    def _item(self, cite: CiteLike, held: frozenset[str], first_note: int) -> Any:
        # _CitationItem(key, locator=…) and its attributes set, without the argument checks
        # and the attribute hook of citeproc-py's dictionary (a cite is made per citation)
        item = _CitationItem.of(cite.key)
        put = dict.__setitem__
        if cite.locator:
            # ``locator-range``: "100 - 103" is a range, as citeproc-js reads it
            locator = _LOCATOR_RANGE.sub("-", cite.locator)
            put(item, "locator", Locator(cite.label or "page", locator))
        put(item, "pb_positions", held)
        put(item, "pb_first_note", first_note)
        put(item, "pb_cite", cite)
        extra = self._added.get(dict.__getitem__(item, "key"))
        if extra is not None:
            put(item, "pb_disambiguation", extra.options)
            put(item, "pb_disambiguate", extra.condition)
            put(item, "pb_expand", extra.expand)
        return item

    def _render_one(
        self, cites: Sequence[CiteLike], marks: Sequence[tuple[frozenset[str], int]]
    ) -> str:
        pairs = zip(cites, marks, strict=True)
        items = [self._item(cite, held, note) for cite, (held, note) in pairs]
        # EngineCitation(items) with its bibliography, without the argument checks of
        # citeproc-py's dictionary: each cite knows its citation, which knows its cites
        engine_citation = EngineCitation.__new__(EngineCitation)
        for item in items:
            dict.__setitem__(item, "citation", engine_citation)
        dict.__setitem__(engine_citation, "cites", items)
        dict.__setitem__(engine_citation, "bibliography", self._renderer._bib)
        items = self._sorted(items)
        rendered = [self._render_cite(item, item.pb_cite.suppress_author) for item in items]
        if self._grouped and self._keys and len(items) > 1:
            items, rendered = self._grouped_sort(items, rendered)
        pieces = self._group(items, rendered)
        formatter = self._style.root.formatter
        out = ""
        after_punctuation = False
        for index, (text, delimiter, item) in enumerate(pieces):
            cite = item.pb_cite
            if self._note and item.pb_leading_term and _starts_sentence(index, cite.prefix):
                text = _capitalise_first(text)
            if cite.prefix:
                prefix = str(
                    rich(cite.prefix, formatter, retype=False)
                )  # rich text, as citeproc-js reads it
                text = prefix + ("" if prefix[-1:].isspace() else " ") + text
            if cite.suffix:
                suffix = str(rich(cite.suffix, formatter, retype=False))
                text += ("" if suffix[:1] in ",.;:!?)]" or suffix[:1].isspace() else " ") + suffix
            if index and cite.prefix and cite.prefix[:1] in ",;:.":
                delimiter = ""  # ``prefix-punctuation``: the prefix takes the delimiter's place
            elif index and after_punctuation and delimiter and delimiter[0] in ",;:.":
                delimiter = " "  # and a suffix ending in punctuation: "one source, Jones"
            out += (delimiter if index else "") + text
            after_punctuation = bool(cite.suffix) and cite.suffix.rstrip()[-1:] in ",;:."
        if items and all(item.pb_cite.author_only for item in items):
            return finish(self._layout, out)
        return finish(self._layout, str(self._layout.format(self._layout.wrap(out))))

    def _render_cite(self, item: Any, suppress_author: bool) -> str:
        """One cite through the citation layout; with its names left out, or only them."""
        state = _state(self._layout)
        state.cite_names = "suppress" if suppress_author else "capture"
        state.cite_names_done = False
        state.captured_names = None
        state.cite_started = state.leading_term = False
        self._layout.repressed = {}
        _new_entry(self._layout)
        try:
            text = self._layout.render_children(item)
        except ENGINE_ERRORS as exc:
            raise EntryError(item.key, f"{type(exc).__name__}: {exc}") from exc
        finally:
            state.cite_names = None
        item.pb_names = state.captured_names
        item.pb_leading_term = state.leading_term
        if item.pb_cite.author_only:
            return state.captured_names or ""
        return "" if text is None else str(text)

    def _sorted(self, items: list[Any]) -> list[Any]:
        """The cites in the order of the citation's cs:sort; ties keep the citation's order."""
        if not self._keys or len(items) < 2:
            return items
        descending = [k.get("sort", "ascending").lower() == "descending" for k in self._keys]
        order = sort_order(len(items), descending, lambda depth, at: self._values(items, depth, at))
        return [items[i] for i in order]

    def _values(self, items: list[Any], depth: int, indices: list[int]) -> list[str | None]:
        """The values of sort key ``depth`` for ``items[i]`` of each index (None: missing)."""
        state = _state(self._layout)
        root = self._style.root
        formatter, root.formatter = root.formatter, self._renderer._key_formatter
        state.sorting = True
        try:
            values = self._keys[depth].sort_keys([items[i] for i in indices], self._layout)
        finally:
            state.sorting = False
            root.formatter = formatter
        return [None if value is None or str(value) == "" else str(value) for value in values]

    def _base_names(self, item: Any) -> str:
        """The cite's names as rendered before disambiguation added to them: citeproc-js sorts
        an incrementally built citation on those (``disambiguate_ByCiteIncremental2``)."""
        if item.key not in self._added:
            return str(item.pb_names or "")
        added = ("pb_disambiguation", "pb_disambiguate", "pb_expand")
        kept = {name: item.get(name) for name in (*added, "pb_names", "pb_leading_term")}
        for name in added:
            item[name] = None
        try:
            self._render_cite(item, suppress_author=False)
            return str(item.pb_names or "")
        finally:
            for name, value in kept.items():
                item[name] = value

    def _grouped_sort(self, items: list[Any], rendered: list[str]) -> tuple[list[Any], list[str]]:
        """``cite-grouping`` in a sorted citation, as citeproc-js does it: the cites sorted by
        their names, then each takes as its first key the first key of its names' first cite,
        and all are sorted again on that and their own keys. One author's cites come together
        unless another's fall between them on the first key (``Carlson 2015; Pantucci 2015a,
        2015b; Pantucci and Luo 2015; Pantucci 2023``)."""
        count = len(items)
        descending = [k.get("sort", "ascending").lower() == "descending" for k in self._keys]
        everyone = list(range(count))
        columns = [self._values(items, depth, everyone) for depth in range(len(self._keys))]
        names = [self._base_names(item) for item in items]
        by_names = sorted(everyone, key=lambda i: collation_key(names[i]))
        first_key: dict[str, str | None] = {}
        for index in by_names:
            first_key.setdefault(names[index], columns[0][index])
        keyed = [[first_key[names[i]], *(column[i] for column in columns)] for i in everyone]
        directions = [descending[0], *descending]

        def compare(a: int, b: int) -> int:
            for value_a, value_b, reverse in zip(keyed[a], keyed[b], directions, strict=True):
                if value_a == value_b:
                    continue
                if value_a is None or value_b is None:  # missing values last
                    return 1 if value_a is None else -1
                key_a, key_b = collation_key(value_a), collation_key(value_b)
                if key_a != key_b:
                    return (1 if key_a > key_b else -1) * (-1 if reverse else 1)
            return 0

        order = sorted(by_names, key=functools.cmp_to_key(compare))
        return [items[i] for i in order], [rendered[i] for i in order]

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
        previous_collapsed = False
        for group in order:
            if len(group) > 1 and self._collapse in ("year-suffix", "year-suffix-ranged"):
                done = self._collapse_suffixes(items, rendered, group)
            else:
                done = []
                for position, index in enumerate(group):
                    item = items[index]
                    text = rendered[index]
                    if position and self._collapse == "year":
                        text = self._render_cite(item, suppress_author=True)
                        if not text:
                            continue  # ``collapse-empty``: nothing left of it, no delimiter
                    delimiter = self._group_delimiter if position else self._delimiter
                    done.append((text, delimiter, item))
            if previous_collapsed:  # the delimiter after a collapsed group
                text, _, item = done[0]
                done[0] = (text, self._after_collapse, item)
            pieces += done
            previous_collapsed = len(group) > 1 and self._collapse is not None
        return pieces

    def _collapse_suffixes(
        self, items: list[Any], rendered: list[str], group: list[int]
    ) -> list[tuple[str, str, Any]]:
        """``collapse="year-suffix"``: in a group of one author's cites, a cite of the same
        year as the one before prints only its suffix (``2000a, b``); ``-ranged`` turns runs of
        three or more letters into ``a–c``."""
        citation = self._citation
        grouping = citation.get("cite-group-delimiter")
        between_years = grouping if grouping is not None else self._delimiter
        between_suffixes = citation.get("year-suffix-delimiter", grouping or self._delimiter)
        pieces: list[tuple[str, str, Any]] = []
        runs: list[list[str]] = []  # suffixes printed alone after each piece, by piece
        previous_base: str | None = None
        for position, index in enumerate(group):
            item = items[index]
            cite = item.pb_cite
            suffix = str(item.reference.get("year_suffix") or "")
            alone = self._render_cite(item, suppress_author=True)
            base = alone.replace(suffix, "", 1) if suffix and suffix in alone else None
            plain = not (cite.prefix or cite.suffix or cite.locator)
            if position and base is not None and base == previous_base and plain and runs[-1]:
                runs[-1].append(suffix)
                continue
            text = rendered[index] if position == 0 else alone
            pieces.append((text, self._delimiter if position == 0 else between_years, item))
            runs.append([suffix] if base is not None and plain else [])
            previous_base = base if plain else None
        out: list[tuple[str, str, Any]] = []
        for (text, delimiter, item), suffixes in zip(pieces, runs, strict=True):
            parts = self._suffix_parts(suffixes)
            if parts:
                text = (
                    text[: len(text) - len(suffixes[0])] + parts[0]
                    if text.endswith(suffixes[0])
                    else text
                )
            out.append(
                (text + "".join(between_suffixes + part for part in parts[1:]), delimiter, item)
            )
        return out

    def _suffix_parts(self, suffixes: list[str]) -> list[str]:
        """The suffixes as printed: each, or for ``year-suffix-ranged`` runs of three or more
        consecutive letters as ``first–last``."""
        if self._collapse != "year-suffix-ranged" or len(suffixes) < 3:
            return suffixes
        parts: list[str] = []
        run: list[str] = []
        for suffix in [*suffixes, ""]:
            if run and len(suffix) == 1 == len(run[-1]) and ord(suffix) == ord(run[-1]) + 1:
                run.append(suffix)
                continue
            if len(run) >= 3:
                parts.append(run[0] + "\u2013" + run[-1])
            else:
                parts += run
            run = [suffix] if suffix else []
        return parts

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

        def template(index: int) -> str | None:
            # the cite with its number taken out ("[#]"), if the number is all it holds
            number, text = str(items[index].number), rendered[index]
            if number not in text or re.search(r"[^\W\d_]", text.replace(number, "", 1)):
                return None
            return text.replace(number, "\0", 1)

        for index, item in enumerate(items):
            cite = item.pb_cite
            shape = template(index)
            if shape is None or cite.prefix or cite.suffix or cite.locator:
                flush()
                delimiter = self._after_collapse if previous_collapsed else self._delimiter
                pieces.append((rendered[index], delimiter, item))
                previous_collapsed = False
                continue
            if run and (items[run[-1]].number + 1 != item.number or template(run[-1]) != shape):
                flush()
            run.append(index)
        flush()
        return pieces


def _starts_sentence(index: int, prefix: str | None) -> bool:
    """Whether a cite starts a sentence: the first of its citation without a prefix, or after a
    prefix ending a sentence (``See above.``, ``He said “Please work.”``)."""
    if prefix:  # a one-word prefix ending in a period is an abbreviation ("cf.")
        stripped = prefix.strip().rstrip("\"'\u201d\u2019)")  # a sentence may end in a quote
        return stripped[-1:] in (".", "!", "?") and " " in stripped
    return index == 0


def _capitalise_first(text: str) -> str:
    """``leading-term``: the first letter capitalised, past any markup."""
    match = re.match(r"(?:<[^>]*>|[^\w<])*", text)
    at = match.end() if match else 0
    return text[:at] + text[at : at + 1].upper() + text[at + 1 :]
