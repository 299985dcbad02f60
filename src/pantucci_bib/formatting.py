"""Formatted reference lists in any CSL style: citeproc-py, corrected to agree with citeproc-js.

>>> import pantucci_bib
>>> library = pantucci_bib.corpus().filter(author="Petersen", year="2011")
>>> print(pantucci_bib.format_bibliography(library, "chicago-author-date"), end="")
Pantucci, Raffaello, and Alexandros Petersen. 2011a. “China Hasn’t yet Grown into Its Role.” …
Pantucci, Raffaello, and Alexandros Petersen. 2011b. Op-ed. International Herald Tribune, …

Records become CSL-JSON items (:func:`pantucci_bib.emit.csl_json.csl_item`), which citeproc-py
formats with the corrections of :mod:`pantucci_bib.citeproc_fixes`. A style is parsed once per
process and locale (cached); citeproc-py and lxml are imported on the first call only; the cost
grows linearly with the number of records.
"""

from __future__ import annotations

import functools
import html
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from pantucci_bib.errors import DataError, ParseError, UnknownFormatError
from pantucci_bib.styles import ResolvedStyle, available_styles, resolve_style

if TYPE_CHECKING:
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
) -> str:
    """The bibliography of ``records`` in ``style``, sorted as the style says.

    ``style`` is a ``.csl`` path, a project style (``publication-list``) or an id of the
    official CSL repository (``apa``, ``chicago-author-date`` …; see :func:`available_styles`).
    ``output`` is one of :data:`OUTPUTS`: text has one entry a line, HTML the ``csl-bib-body``
    markup of citeproc-js, Markdown, reStructuredText and LaTeX one paragraph an entry.
    ``locale`` (``en-GB``, ``de``) overrides the style's. Raises
    :class:`~pantucci_bib.errors.UnknownFormatError` for an unknown style, output or locale,
    :class:`~pantucci_bib.errors.ParseError` for a malformed style and
    :class:`~pantucci_bib.errors.DataError` naming a record the style cannot format.
    """
    entries = _entries(records, style, output, locale)
    return _assemble([fields for _, fields in entries], output)


def format_entries(
    records: Iterable[Record],
    style: str | os.PathLike[str],
    *,
    output: str = "text",
    locale: str | None = None,
) -> list[tuple[str, str]]:
    """(citation key, formatted entry) for each record, in the style's bibliography order.

    Same arguments and errors as :func:`format_bibliography`; an entry of a style with
    ``second-field-align`` (``[1]`` of IEEE) is its two fields joined by a space.
    """
    return [
        (key, " ".join(fields) if isinstance(fields, tuple) else fields)
        for key, fields in _entries(records, style, output, locale)
    ]


def _entries(
    records: Iterable[Record], style: str | os.PathLike[str], output: str, locale: str | None
) -> list[tuple[str, tuple[str, str] | str]]:
    from pantucci_bib.emit.csl_json import csl_item

    if output not in OUTPUTS:
        raise UnknownFormatError(f"unknown output {output!r}; known: {', '.join(OUTPUTS)}")
    resolved = resolve_style(style)
    language = _check_locale(locale) if locale else resolved.default_locale
    items = [csl_item(record) for record in records]
    _check_keys(items)
    with _LOCK:
        parsed = _load(resolved, language)
        return _render(parsed, resolved, items, output)


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


def _render(
    style: Any, resolved: ResolvedStyle, items: list[dict[str, Any]], output: str
) -> list[tuple[str, tuple[str, str] | str]]:
    from pantucci_bib import citeproc_fixes

    formatter = _FORMATTERS[output]()
    out: list[tuple[str, tuple[str, str] | str]] = []
    try:
        rendered = list(citeproc_fixes.bibliography(style, items, formatter))
    except citeproc_fixes.EntryError as exc:
        raise DataError(
            f"style {resolved.name!r} cannot format this record: {exc}", where=exc.key
        ) from None
    except citeproc_fixes.ENGINE_ERRORS as exc:  # while sorting: no single record to name
        raise DataError(
            f"style {resolved.name!r} cannot sort these records: {type(exc).__name__}: {exc}",
            where=str(resolved.path),
        ) from None
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
