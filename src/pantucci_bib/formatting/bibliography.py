"""Reference lists: :func:`format_bibliography` and :func:`format_entries`."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from pantucci_bib.errors import FormattingWarning, UnknownFormatError
from pantucci_bib.formatting.backends import OUTPUTS, assemble
from pantucci_bib.formatting.common import (
    EngineItems,
    check_keys,
    check_locale,
    cores,
    engine_error,
    prints_citation_label,
)
from pantucci_bib.formatting.job import Job
from pantucci_bib.formatting.reserved import restore
from pantucci_bib.styles import ResolvedStyle, resolve_style

if TYPE_CHECKING:
    from pantucci_bib.model import Record


def format_bibliography(
    records: Iterable[Record],
    style: str | os.PathLike[str],
    *,
    output: str = "text",
    locale: str | None = None,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> str:
    """The bibliography of ``records`` in ``style``, sorted as the style says.

    ``style`` is a ``.csl`` path, a project style (``publication-list``) or an id of the
    official CSL repository (``apa``, ``chicago-author-date`` …; see :func:`available_styles`).
    ``output`` is one of :data:`OUTPUTS`: text has one entry a line, HTML the ``csl-bib-body``
    markup of citeproc-js, Markdown, reStructuredText and LaTeX one paragraph an entry.
    ``locale`` (``en-GB``, ``de``) overrides the style's.

    Results are kept in an on-disk cache (:mod:`pantucci_bib.formatting.cache`; ``cache=False``
    neither reads nor writes it), so formatting an unchanged library again is immediate and a
    changed one renders only what changed. ``workers`` processes share what is left to render
    (default: one per available core; 1 renders in this process; more than one needs ``fork``
    and a process without other threads, else one is used). ``progress``, if given, is
    called with the number of entries each step has finished (a progress bar's ``advance``).

    Raises :class:`~pantucci_bib.errors.UnknownFormatError` for an unknown style, output or
    locale, :class:`~pantucci_bib.errors.ParseError` for a malformed style and
    :class:`~pantucci_bib.errors.DataError` naming a record the style cannot format.
    """
    entries = _entries(records, style, output, locale, cache, workers, progress)
    return assemble([fields for _, fields in entries], output)


def format_entries(
    records: Iterable[Record],
    style: str | os.PathLike[str],
    *,
    output: str = "text",
    locale: str | None = None,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[str, str]]:
    """(citation key, formatted entry) for each record, in the style's bibliography order.

    Same arguments and errors as :func:`format_bibliography`; an entry of a style with
    ``second-field-align`` (``[1]`` of IEEE) is its two fields joined by a space.
    """
    return [
        (key, " ".join(fields) if isinstance(fields, tuple) else fields)
        for key, fields in _entries(records, style, output, locale, cache, workers, progress)
    ]


def _entries(
    records: Iterable[Record],
    style: str | os.PathLike[str],
    output: str,
    locale: str | None,
    cache: bool,
    workers: int | None,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[str, tuple[str, str] | str]]:
    from pantucci_bib.formatting.cache import EntryCache, cache_dir

    if output not in OUTPUTS:
        raise UnknownFormatError(f"unknown output {output!r}; known: {', '.join(OUTPUTS)}")
    if workers is not None and workers < 1:
        raise UnknownFormatError(f"workers must be 1 or more, not {workers}")
    resolved = resolve_style(style)
    language = check_locale(locale) if locale else resolved.default_locale
    items = EngineItems(records, labels=prints_citation_label(resolved))
    check_keys(items.ids)
    store = EntryCache(cache_dir() if cache else None)
    try:
        job = Job(resolved, language, items, output, store, workers or cores(), progress)
        rendered = job.run()
    except Exception as exc:
        raise engine_error(exc, resolved) from None
    finally:
        store.close()
    return _checked(rendered, resolved)


def _checked(
    rendered: list[tuple[str, str | None]], resolved: ResolvedStyle
) -> list[tuple[str, tuple[str, str] | str]]:
    """The entries split into their fields; an entry the style renders empty is left out with
    a :class:`~pantucci_bib.errors.FormattingWarning` naming its key, as citeproc-js omits it."""
    from pantucci_bib.formatting import engine

    out: list[tuple[str, tuple[str, str] | str]] = []
    for key, entry in rendered:
        if not entry:
            warn_empty(key, resolved)
            continue
        fields = engine.split_fields(entry)
        out.append((key, fields if fields is not None else restore(entry)))
    return out


def warn_empty(key: str, resolved: ResolvedStyle) -> None:
    """Say that the record ``key`` is left out: ``style`` renders nothing for it."""
    message = (
        f"style {resolved.name!r} renders nothing for this record "
        "(it lacks every variable the style prints); left out"
    )
    warnings.warn(FormattingWarning(message, where=key), stacklevel=4)


def format_entry_fields(
    records: Iterable[Record],
    style: str | os.PathLike[str],
    *,
    output: str = "text",
    locale: str | None = None,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[str, str, str]]:
    """(citation key, first field, rest) for each record, in the style's bibliography order.

    As :func:`format_entries`, but an entry of a style with ``second-field-align`` keeps its
    two fields apart (the year column of ``publication-list``, the ``[1]`` of IEEE); for any
    other style the first field is empty. Used by :mod:`pantucci_bib.publications` to put
    that column in a heading instead.
    """
    return [
        (key, *fields) if isinstance(fields, tuple) else (key, "", fields)
        for key, fields in _entries(records, style, output, locale, cache, workers, progress)
    ]
