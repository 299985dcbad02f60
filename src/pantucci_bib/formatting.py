"""Formatted reference lists in any CSL style: citeproc-py, corrected to agree with citeproc-js.

>>> import pantucci_bib
>>> library = pantucci_bib.corpus().filter(author="Petersen", year="2011")
>>> print(pantucci_bib.format_bibliography(library, "chicago-author-date"), end="")
Pantucci, Raffaello, and Alexandros Petersen. 2011a. “China Hasn’t yet Grown into Its Role.” …
Pantucci, Raffaello, and Alexandros Petersen. 2011b. Op-ed. International Herald Tribune, …

Records become CSL-JSON items (:func:`pantucci_bib.formats.csl_json.write.csl_item`), which
formats with the corrections of :mod:`pantucci_bib.citeproc_fixes`. A style is parsed once per
process and locale (cached); citeproc-py and lxml are imported on the first call only; the cost
grows linearly with the number of records.
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from pantucci_bib.errors import DataError, PantucciBibError, ParseError, UnknownFormatError
from pantucci_bib.styles import ResolvedStyle, available_styles, resolve_style
from pantucci_bib.vocabulary import NAME_VARIABLES

if TYPE_CHECKING:
    from pantucci_bib import citeproc_fixes, format_workers
    from pantucci_bib.format_cache import EntryCache
    from pantucci_bib.model import Record

__all__ = ["OUTPUTS", "available_styles", "format_bibliography", "format_entries"]

#: Output formats of :func:`format_bibliography`.
OUTPUTS = ("text", "html", "markdown", "rst", "latex")

_LOCK = threading.Lock()  # a parsed style keeps per-render state: one render at a time


def format_bibliography(
    records: Iterable[Record],
    style: str | os.PathLike[str],
    *,
    output: str = "text",
    locale: str | None = None,
    cache: bool = True,
    workers: int | None = None,
) -> str:
    """The bibliography of ``records`` in ``style``, sorted as the style says.

    ``style`` is a ``.csl`` path, a project style (``publication-list``) or an id of the
    official CSL repository (``apa``, ``chicago-author-date`` …; see :func:`available_styles`).
    ``output`` is one of :data:`OUTPUTS`: text has one entry a line, HTML the ``csl-bib-body``
    markup of citeproc-js, Markdown, reStructuredText and LaTeX one paragraph an entry.
    ``locale`` (``en-GB``, ``de``) overrides the style's.

    Results are kept in an on-disk cache (:mod:`pantucci_bib.format_cache`; ``cache=False``
    neither reads nor writes it), so formatting an unchanged library again is immediate and a
    changed one renders only what changed. ``workers`` processes share what is left to render
    (default: one per available core; 1 renders in this process; more than one needs ``fork``
    and a process without other threads, else one is used).

    Raises :class:`~pantucci_bib.errors.UnknownFormatError` for an unknown style, output or
    locale, :class:`~pantucci_bib.errors.ParseError` for a malformed style and
    :class:`~pantucci_bib.errors.DataError` naming a record the style cannot format.
    """
    entries = _entries(records, style, output, locale, cache, workers)
    return _assemble([fields for _, fields in entries], output)


def format_entries(
    records: Iterable[Record],
    style: str | os.PathLike[str],
    *,
    output: str = "text",
    locale: str | None = None,
    cache: bool = True,
    workers: int | None = None,
) -> list[tuple[str, str]]:
    """(citation key, formatted entry) for each record, in the style's bibliography order.

    Same arguments and errors as :func:`format_bibliography`; an entry of a style with
    ``second-field-align`` (``[1]`` of IEEE) is its two fields joined by a space.
    """
    return [
        (key, " ".join(fields) if isinstance(fields, tuple) else fields)
        for key, fields in _entries(records, style, output, locale, cache, workers)
    ]


def _entries(
    records: Iterable[Record],
    style: str | os.PathLike[str],
    output: str,
    locale: str | None,
    cache: bool,
    workers: int | None,
) -> list[tuple[str, tuple[str, str] | str]]:
    from pantucci_bib.format_cache import EntryCache, cache_dir
    from pantucci_bib.formats.csl_json.write import csl_item

    if output not in OUTPUTS:
        raise UnknownFormatError(f"unknown output {output!r}; known: {', '.join(OUTPUTS)}")
    if workers is not None and workers < 1:
        raise UnknownFormatError(f"workers must be 1 or more, not {workers}")
    resolved = resolve_style(style)
    language = _check_locale(locale) if locale else resolved.default_locale
    items = [_engine_item(csl_item(record), record.key) for record in records]
    _check_keys(items)
    store = EntryCache(cache_dir() if cache else None)
    try:
        with _LOCK:
            rendered = _Job(resolved, language, items, output, store, workers or _cores()).run()
    except Exception as exc:
        raise _engine_error(exc, resolved) from None
    finally:
        store.close()
    return _checked(rendered, resolved)


def _engine_item(item: dict[str, Any], key: str) -> dict[str, Any]:
    """The CSL-JSON item as the engine takes it: cited by its key; the name variables
    citeproc-py does not know (director, host, …; CSL 1.0.2 added them) left out, since
    citeproc-py reads them as text and fails on the record."""
    unknown = _unknown_names()
    item = {name: value for name, value in item.items() if name not in unknown}
    item["id"] = key
    return item


@functools.lru_cache(maxsize=1)
def _unknown_names() -> frozenset[str]:
    from citeproc import NAMES

    known = {name.replace("_", "-") for name in NAMES}
    return frozenset(name for name in NAME_VARIABLES if name not in known)


def _engine_error(exc: Exception, resolved: ResolvedStyle) -> Exception:
    """What citeproc-py raised, as the library's own error naming the record or the style."""
    if isinstance(exc, PantucciBibError) or "pantucci_bib.citeproc_fixes" not in sys.modules:
        return exc
    from pantucci_bib import citeproc_fixes

    if isinstance(exc, citeproc_fixes.EntryError):
        return DataError(f"style {resolved.name!r} cannot format this record: {exc}", where=exc.key)
    if isinstance(exc, citeproc_fixes.ENGINE_ERRORS):  # while sorting: no single record to name
        return DataError(
            f"style {resolved.name!r} cannot sort these records: {type(exc).__name__}: {exc}",
            where=str(resolved.path),
        )
    return exc


def _check_keys(items: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    for item in items:
        key = str(item["id"])
        if key.lower() in seen:
            other = seen[key.lower()]
            raise DataError(
                f"duplicate citation key (citeproc compares keys ignoring case: {other})",
                where=key,
            )
        seen[key.lower()] = key


@functools.cache
def _locales() -> tuple[frozenset[str], dict[str, str]]:
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

    return frozenset(LANGUAGE_NAMES), dict(PRIMARY_DIALECTS)


def _check_locale(locale: str) -> str:
    """``locale`` as citeproc names it (``en-GB``), or UnknownFormatError."""
    names, primary = _locales()
    if locale in names:
        return locale
    if locale in primary:
        return primary[locale]
    import difflib

    close = difflib.get_close_matches(locale, sorted(names | set(primary)), n=4, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownFormatError(f"unknown locale {locale!r}{hint}")


def _load(resolved: ResolvedStyle, locale: str | None) -> Any:
    try:
        stamp = resolved.path.stat().st_mtime_ns
    except OSError as exc:
        raise ParseError(f"cannot read style: {exc.strerror}", where=str(resolved.path)) from None
    return _parse(resolved.path, stamp, locale)


@functools.lru_cache(maxsize=32)
def _parse(path: Path, stamp: int, locale: str | None) -> Any:
    """A style parsed with the corrected citeproc-py classes, once per (file version, locale)."""
    from lxml import etree

    from pantucci_bib import citeproc_fixes

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        if locale is None:
            root = etree.parse(str(path), parser).getroot()
            locale = root.get("default-locale") or "en-US"
        style = citeproc_fixes.load_style(path, locale)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"malformed CSL style: {exc.msg}", where=f"{path}:{exc.lineno}") from None
    except (ValueError, OSError) as exc:
        raise ParseError(f"not a usable CSL style: {exc}", where=str(path)) from None
    if style.root.bibliography is None or style.root.bibliography.layout is None:
        raise ParseError("the style has no bibliography layout", where=str(path))
    return style


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _checked(
    rendered: list[tuple[str, str | None]], resolved: ResolvedStyle
) -> list[tuple[str, tuple[str, str] | str]]:
    from pantucci_bib import citeproc_fixes

    out: list[tuple[str, tuple[str, str] | str]] = []
    for key, entry in rendered:
        if entry is None:
            raise DataError(
                f"style {resolved.name!r} renders nothing for this record "
                "(it lacks every variable the style prints)",
                where=key,
            )
        fields = citeproc_fixes.split_fields(entry)
        out.append((key, fields if fields is not None else entry))
    return out


class _Job:
    """One bibliography: each result taken from the cache, or rendered (in parallel when it
    pays) and then stored. The phases are those of :class:`citeproc_fixes.Renderer`."""

    def __init__(
        self,
        resolved: ResolvedStyle,
        locale: str | None,
        items: list[dict[str, Any]],
        output: str,
        store: EntryCache,
        workers: int,
    ) -> None:
        from pantucci_bib.format_cache import digest, item_digest

        self._resolved = resolved
        self._locale = locale
        self._items = items
        self._output = output
        self._store = store
        self._workers = workers
        self._renderer: citeproc_fixes.Renderer | None = None
        self._pool: format_workers.Pool | None = None
        self._new: dict[str, Any] = {}  # results to store
        style = _read_style(resolved)
        self._numbered = b"citation-number" in style  # entries depend on their position
        self._namespace = digest(_code_version(), hashlib.sha256(style).hexdigest(), locale, output)
        self._digests = [item_digest(item) for item in items] if store.enabled else []

    def _key(self, *parts: object) -> str:
        from pantucci_bib.format_cache import digest

        return digest(self._namespace, *parts)

    def run(self) -> list[tuple[str, str | None]]:
        meta_key = self._key("meta")
        meta = self._store.get_many([meta_key]).get(meta_key)
        if meta is None:
            renderer = self._engine()
            meta = self._new[meta_key] = {
                "descending": renderer.descending,
                "suffixes": renderer.suffixes,
                "chained": renderer.chained,
            }
        try:
            order = self._sort(meta["descending"])
            suffixes = self._suffixes(order) if meta["suffixes"] else [""] * len(order)
            entries = self._render(order, suffixes, chained=meta["chained"])
        finally:
            if self._pool is not None:
                self._pool.close()
        self._store.put_many(self._new)
        ids = [str(item["id"]) for item in self._items]
        return [(ids[index], entry) for index, entry in zip(order, entries, strict=True)]

    def _engine(self) -> citeproc_fixes.Renderer:
        """The citeproc-py renderer of these items, built on first need (never when cached)."""
        if self._renderer is None:
            from pantucci_bib import citeproc_fixes

            style = _load(self._resolved, self._locale)
            formatter = _FORMATTERS[self._output]()
            self._renderer = citeproc_fixes.Renderer(
                style, self._items, formatter, key_formatter=_FORMATTERS["text"]()
            )
        return self._renderer

    def _cached(
        self,
        count: int,
        key_of: Callable[[int], str],
        compute: Callable[[list[int]], list[Any]],
    ) -> list[Any]:
        """The value for each of ``count`` positions: from the cache (under ``key_of(position)``),
        else computed for the missing positions."""
        if not self._store.enabled:
            return compute(list(range(count)))
        keys = [key_of(position) for position in range(count)]
        found = self._store.get_many(keys)
        missing = [position for position, key in enumerate(keys) if key not in found]
        if missing:
            for position, value in zip(missing, compute(missing), strict=True):
                found[keys[position]] = self._new[keys[position]] = value
        return [found[key] for key in keys]

    def _parallel(
        self,
        method: str,
        calls: list[tuple[Any, ...]],
        arrangement: tuple[list[int], list[str]] | None = None,
    ) -> list[Any]:
        """The results of ``renderer.method(*call)`` for each call, concatenated in order;
        the renderer first put in ``arrangement`` (order, year suffixes) when one is given."""
        if self._pool is None:
            from pantucci_bib import format_workers

            self._pool = format_workers.Pool(self._engine(), self._workers)
        results = self._pool.run(method, calls, arrangement)
        return [value for part in results for value in part]

    def _sort(self, descending: list[bool]) -> list[int]:
        from pantucci_bib import citeproc_fixes

        def column(depth: int, indices: list[int]) -> list[Any]:
            def key_of(position: int) -> str:
                return self._key("sort", depth, self._digests[indices[position]])

            def compute(missing: list[int]) -> list[Any]:
                wanted = [indices[m] for m in missing]
                calls = [(depth, part) for part in _parts(wanted, self._workers)]
                return self._parallel("sort_column", calls)

            return self._cached(len(indices), key_of, compute)

        return citeproc_fixes.sort_order(len(self._items), descending, column)

    def _suffixes(self, order: list[int]) -> list[str]:
        from pantucci_bib import citeproc_fixes

        def key_of(position: int) -> str:
            number = position if self._numbered else 0
            return self._key("ambiguity", self._digests[order[position]], number)

        def compute(missing: list[int]) -> list[Any]:
            wanted = [order[m] for m in missing]
            calls = [(part,) for part in _parts(wanted, self._workers)]
            return self._parallel("ambiguity_keys", calls, (order, [""] * len(order)))

        found = self._cached(len(order), key_of, compute)
        return citeproc_fixes.year_suffixes([tuple(key) for key in found])

    def _render(self, order: list[int], suffixes: list[str], *, chained: bool) -> list[Any]:
        def key_of(position: int) -> str:
            return self._key(
                "entry",
                self._digests[order[position]],
                suffixes[position],
                position if self._numbered else 0,
                self._digests[order[position - 1]] if chained and position else "",
            )

        def compute(missing: list[int]) -> list[Any]:
            spans = [
                (part[0], part[-1] + 1)
                for run in _runs(missing)
                for part in _parts(run, self._workers, total=len(missing))
            ]
            return self._parallel("entries", spans, (order, suffixes))

        return self._cached(len(order), key_of, compute)


def _parts(values: list[int], workers: int, total: int | None = None) -> list[list[int]]:
    """``values`` cut into consecutive parts: about four per worker of ``total`` values (so
    that a slow part does not keep the others waiting), none shorter than 16."""
    size = max(16, -(-(total or len(values)) // (4 * workers)))
    return [values[start : start + size] for start in range(0, len(values), size)]


def _runs(positions: list[int]) -> list[list[int]]:
    """Ascending ``positions`` split where they stop being consecutive."""
    runs: list[list[int]] = []
    for position in positions:
        if runs and runs[-1][-1] == position - 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    return runs


def _read_style(resolved: ResolvedStyle) -> bytes:
    try:
        return resolved.path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read style: {exc.strerror}", where=str(resolved.path)) from None


@functools.cache
def _code_version() -> str:
    """What decides how a record renders, besides the record, style, locale and output."""
    from importlib.metadata import version

    from pantucci_bib import __version__

    here = Path(__file__)  # read, not imported: citeproc and lxml stay unloaded on a warm run
    sources = [here, here.with_name("citeproc_fixes.py")]
    code = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()
    return f"{__version__}/{version('citeproc-py')}/{code}"


def _assemble(entries: list[tuple[str, str] | str], output: str) -> str:
    if output == "html":
        rows = []
        for entry in entries:
            if isinstance(entry, tuple):
                body = (
                    f'<div class="csl-left-margin">{entry[0]}</div>'
                    f'<div class="csl-right-inline">{entry[1]}</div>'
                )
            else:
                body = entry
            rows.append(f'  <div class="csl-entry">{body}</div>\n')
        return '<div class="csl-bib-body">\n' + "".join(rows) + "</div>\n"
    lines = [" ".join(entry) if isinstance(entry, tuple) else entry for entry in entries]
    if not lines:
        return ""
    separator = "\n" if output == "text" else "\n\n"
    return separator.join(lines) + "\n"


# -- output formats: citeproc-py formatter modules (preformat + one wrapper per decoration) ------


def _wrapper(template: str) -> Callable[[str], str]:
    def wrap(text: str) -> str:
        return template.format(str(text))

    return wrap


def _identity(text: str) -> str:
    return str(text)


def _plain() -> Any:
    from citeproc.formatter import plain

    return SimpleNamespace(**vars(plain), Link=lambda text, url: text)


def _html() -> Any:
    from citeproc.formatter import html as html_formatter

    def link(text: str, url: str) -> str:
        return f'<a href="{html.escape(url, quote=True)}">{text}</a>'

    return SimpleNamespace(**vars(html_formatter), Link=link)


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>"})


def _markdown() -> Any:
    def link(text: str, url: str) -> str:
        return f"<{url}>" if str(text) == url.translate(_MD_SPECIAL) else f"[{text}](<{url}>)"

    return SimpleNamespace(
        preformat=lambda text: str(text).translate(_MD_SPECIAL),
        Italic=_wrapper("*{}*"),
        Oblique=_wrapper("*{}*"),
        Bold=_wrapper("**{}**"),
        Light=_identity,
        Underline=_wrapper("<u>{}</u>"),
        Superscript=_wrapper("<sup>{}</sup>"),
        Subscript=_wrapper("<sub>{}</sub>"),
        SmallCaps=_wrapper('<span style="font-variant:small-caps">{}</span>'),
        Link=link,
    )


def _rst() -> Any:
    from citeproc.formatter import rst

    def link(text: str, url: str) -> str:
        return url if str(text) == url else f"`{text} <{url}>`__"

    return SimpleNamespace(**vars(rst), Link=link)


def _latex() -> Any:
    from pantucci_bib.latex import escape

    def link(text: str, url: str) -> str:
        return (
            f"\\url{{{url}}}"
            if str(text) == escape(url, ascii_only=False)
            else f"\\href{{{url}}}{{{text}}}"
        )

    return SimpleNamespace(
        preformat=lambda text: escape(str(text), ascii_only=False),
        Italic=_wrapper("\\emph{{{}}}"),
        Oblique=_wrapper("\\textsl{{{}}}"),
        Bold=_wrapper("\\textbf{{{}}}"),
        Light=_identity,
        Underline=_wrapper("\\underline{{{}}}"),
        Superscript=_wrapper("\\textsuperscript{{{}}}"),
        Subscript=_wrapper("\\textsubscript{{{}}}"),
        SmallCaps=_wrapper("\\textsc{{{}}}"),
        Link=link,
    )


_FORMATTERS: dict[str, Callable[[], Any]] = {
    "text": _plain,
    "html": _html,
    "markdown": _markdown,
    "rst": _rst,
    "latex": _latex,
}
