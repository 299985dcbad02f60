"""In-text citations: :class:`Cite`, :class:`Citation`, :func:`format_citations`.

>>> import pantucci_bib
>>> from pantucci_bib import Cite, Citation
>>> library = pantucci_bib.corpus()
>>> pantucci_bib.format_citations(
...     library,
...     [
...         Citation([Cite("pantucciTurkeyAbandoningEU2013", locator="12")]),
...         Citation([Cite("pantucciTurkeyAbandoningEU2013", prefix="see")]),
...     ],
...     "chicago-author-date",
... )
['(Pantucci 2013, 12)', '(see Pantucci 2013)']

Citations are processed in document order: each cite's position (first, subsequent, ibid,
ibid-with-locator, near-note) follows from the ones before it; cite numbers and year suffixes
are those of the bibliography of the cited records, which :func:`format_document` gives with
them.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from pantucci_bib.errors import DataError, UnknownFormatError
from pantucci_bib.formatting.backends import FORMATTERS, OUTPUTS, assemble
from pantucci_bib.formatting.common import (
    EngineItems,
    check_keys,
    check_locale,
    cores,
    engine_error,
    parsed_style,
    prints_citation_label,
)
from pantucci_bib.formatting.reserved import restore
from pantucci_bib.styles import resolve_style

if TYPE_CHECKING:
    from pantucci_bib.model import Record

__all__ = ["Cite", "Citation", "Document", "format_citations", "format_document"]


def _optional_text(value: str | None) -> str | None:
    return None if value is None or value == "" else str(value)


def _locator_text(value: str | None) -> str | None:
    """A locator as citeproc-js takes it: without the spaces around it."""
    return None if value is None or not str(value).strip() else str(value).strip()


@attrs.frozen
class Cite:
    """One cited work in a citation: its key and what the author adds to it.

    ``locator`` is the pinpoint (``"12"``, ``"12-15"``) and ``label`` its kind (a CSL locator
    term: ``page`` when left out, ``chapter``, ``section`` …). ``prefix`` and ``suffix`` are
    text around the cite (``"see"``, ``"for a critique"``). ``suppress_author`` leaves the
    author out (*Pantucci argues (2013)*), ``author_only`` prints only the author.
    """

    key: str
    locator: str | None = attrs.field(default=None, converter=_locator_text)
    label: str | None = attrs.field(default=None, converter=_optional_text)
    prefix: str | None = attrs.field(default=None, converter=_optional_text)
    suffix: str | None = attrs.field(default=None, converter=_optional_text)
    suppress_author: bool = False
    author_only: bool = False


def _cites(items: Iterable[Cite | str]) -> tuple[Cite, ...]:
    return tuple(item if isinstance(item, Cite) else Cite(str(item)) for item in items)


@attrs.frozen
class Citation:
    """One citation in a document: the cites it groups (a key alone stands for ``Cite(key)``),
    and for note styles the number of the footnote it sits in (``note_index``; 0 in running
    text)."""

    items: tuple[Cite, ...] = attrs.field(converter=_cites)
    note_index: int = 0


@attrs.frozen
class Document:
    """A document's citations, each formatted, and the bibliography of what they cite."""

    citations: tuple[str, ...]
    bibliography: str
    #: The keys of the bibliography's entries, in its order.
    keys: tuple[str, ...] = ()


def format_citations(
    records: Iterable[Record],
    citations: Iterable[Citation],
    style: str | os.PathLike[str],
    *,
    output: str = "text",
    locale: str | None = None,
    workers: int | None = None,
) -> list[str]:
    """Each of ``citations`` formatted in ``style``, in document order.

    ``records`` is the library the keys come from (records not cited are ignored). ``output``,
    ``locale`` and ``workers`` are as for :func:`~pantucci_bib.format_bibliography` (a long
    document's citations are shared between forked workers, one per core by default). Raises
    :class:`~pantucci_bib.errors.DataError` for a key with no record (naming the closest keys)
    or a record the style cannot format, :class:`~pantucci_bib.errors.UnknownFormatError` and
    :class:`~pantucci_bib.errors.ParseError` for the style as ``format_bibliography`` does.
    """
    return list(
        _format(records, citations, style, output, locale, workers, bibliography=False).citations
    )


def format_document(
    records: Iterable[Record],
    citations: Iterable[Citation],
    style: str | os.PathLike[str],
    *,
    output: str = "text",
    locale: str | None = None,
    workers: int | None = None,
) -> Document:
    """The citations as :func:`format_citations` formats them, and the bibliography of the
    cited records (same numbering and year suffixes), as ``format_bibliography`` lays it out.
    A style without a bibliography gives an empty one."""
    return _format(records, citations, style, output, locale, workers, bibliography=True)


def _format(
    records: Iterable[Record],
    citations: Iterable[Citation],
    style: str | os.PathLike[str],
    output: str,
    locale: str | None,
    workers: int | None,
    *,
    bibliography: bool,
) -> Document:
    if output not in OUTPUTS:
        raise UnknownFormatError(f"unknown output {output!r}; known: {', '.join(OUTPUTS)}")
    if workers is not None and workers < 1:
        raise UnknownFormatError(f"workers must be 1 or more, not {workers}")
    document = list(citations)
    cited = _cited(records, document)
    resolved = resolve_style(style)
    language = check_locale(locale) if locale else resolved.default_locale
    items = EngineItems(cited, labels=prints_citation_label(resolved))
    check_keys(items.ids)
    try:
        parsed = parsed_style(resolved, language)
        texts, entries = _render(parsed, items, document, output, bibliography, workers or cores())
    except Exception as exc:
        raise engine_error(exc, resolved) from None
    from pantucci_bib.formatting.bibliography import warn_empty

    kept: list[tuple[str, str] | str] = []
    keys: list[str] = []
    from pantucci_bib.formatting import engine

    for key, entry in entries:
        if not entry:
            warn_empty(key, resolved)
            continue
        fields = engine.split_fields(entry)
        kept.append(fields if fields is not None else restore(entry))
        keys.append(key)
    return Document(tuple(texts), assemble(kept, output) if bibliography else "", tuple(keys))


def _cited(records: Iterable[Record], document: Sequence[Citation]) -> list[Record]:
    """The cited records, in the order they are first cited; an unknown key is a DataError."""
    by_key: dict[str, Record] = {}
    for record in records:
        by_key.setdefault(record.key, record)
    cited: dict[str, Record] = {}
    for citation in document:
        if not isinstance(citation, Citation):
            raise TypeError(f"expected a Citation, not {type(citation).__name__}")
        for cite in citation.items:
            if cite.key in cited:
                continue
            found = by_key.get(cite.key)
            if found is None:
                close = difflib.get_close_matches(cite.key, list(by_key), n=3, cutoff=0.6)
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                raise DataError(f"no record has this key{hint}", where=cite.key)
            cited[cite.key] = found
    return list(cited.values())


#: Fewer citations than this are rendered in this process (forking costs more).
PARALLEL_CITATIONS = 500


class _Calls:
    """A function of an index, called over a run of indices: what a forked worker is asked
    for (the function is inherited with the fork, only the bounds and the results cross)."""

    def __init__(self, function: Callable[[int], str]) -> None:
        self._function = function

    def run(self, start: int, stop: int) -> list[str]:
        return [self._function(index) for index in range(start, stop)]


def _bounds(count: int, workers: int) -> list[tuple[int, int]]:
    from pantucci_bib.formatting.job import parts

    return [(part[0], part[-1] + 1) for part in parts(list(range(count)), workers)]


def _share_texts(workers: int) -> Callable[[Callable[[int], str], int], list[str]]:
    """``[text(i) for i in range(count)]``, shared between forked workers when long."""
    from pantucci_bib.formatting.workers import Pool

    def share(text: Callable[[int], str], count: int) -> list[str]:
        if workers < 2 or count < PARALLEL_CITATIONS:
            return [text(index) for index in range(count)]
        with Pool(_Calls(text), workers) as pool:
            results = pool.run("run", _bounds(count, workers))
        return [rendered for texts in results for rendered in texts]

    return share


def _sorted_order(renderer: Any, workers: int) -> list[int]:
    """The bibliography order of the cited items, its sort keys shared between forked
    workers when there are many."""
    from pantucci_bib.formatting import engine
    from pantucci_bib.formatting.job import parts
    from pantucci_bib.formatting.workers import Pool

    count = len(renderer.ids)
    if workers < 2 or count < PARALLEL_CITATIONS or not renderer.descending:
        return list(engine.sort_order(count, renderer.descending, renderer.sort_column))
    with Pool(renderer, workers) as pool:

        def column(depth: int, indices: list[int]) -> list[str | None]:
            if len(indices) < PARALLEL_CITATIONS:
                return list(renderer.sort_column(depth, indices))
            calls = [(depth, part) for part in parts(indices, workers)]
            return [value for values in pool.run("sort_column", calls) for value in values]

        return list(engine.sort_order(count, renderer.descending, column))


def _shared(citer: Any, count: int, workers: int) -> list[str]:
    """The prepared citations rendered, shared between forked workers when there are enough
    (each citation is rendered on its own once positions and disambiguation are known)."""
    from pantucci_bib.formatting.workers import Pool

    if workers < 2 or count < PARALLEL_CITATIONS:
        return list(citer.render_part(0, count))
    with Pool(citer, workers) as pool:
        results = pool.run("render_part", _bounds(count, workers))
    return [text for texts in results for text in texts]


def _render(
    style: Any,
    items: Sequence[dict[str, Any]],
    document: list[Citation],
    output: str,
    bibliography: bool,
    workers: int,
) -> tuple[list[str], list[tuple[str, str | None]]]:
    from pantucci_bib.formatting import engine
    from pantucci_bib.formatting.engine.citations import CitationRenderer
    from pantucci_bib.formatting.engine.cite_disambiguation import disambiguate

    renderer = engine.Renderer(style, items, FORMATTERS[output](), FORMATTERS["text"]())
    count = len(items)
    order = _sorted_order(renderer, workers)
    renderer.set_order(order, [""] * count)
    added, suffixes = disambiguate(renderer, order, _share_texts(workers))
    if suffixes is not None:
        renderer.set_order(order, suffixes)
    citer = CitationRenderer(renderer, added)
    count_cited = citer.prepare(
        [citation.items for citation in document], [citation.note_index for citation in document]
    )
    texts = _shared(citer, count_cited, workers)
    entries: list[tuple[str, str | None]] = []
    if bibliography and style.root.bibliography is not None and count:
        rendered = renderer.entries(0, count)
        pairs = zip(order, rendered, strict=True)
        entries = [(renderer.ids[index], entry) for index, entry in pairs]
    return [restore(text) for text in texts], entries
