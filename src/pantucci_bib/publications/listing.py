"""A publication list as a document: the year as a heading over its entries (not a column
repeated on each line) and the author's own name marked. ``format --style publication-list``
writes this in every output (text, HTML, Markdown, reStructuredText, LaTeX)."""

from __future__ import annotations

import html as html_module
import os
import re
from collections.abc import Callable, Iterable
from typing import Any

from pantucci_bib.model import Record
from pantucci_bib.publications import grouping, people

#: How each output marks the author's own name (plain text cannot, and is left as it is).
MARKS: dict[str, Callable[[re.Match[str]], str]] = {
    "html": lambda m: f"<strong>{m.group(0)}</strong>",
    "markdown": lambda m: f"**{m.group(0)}**",
    "rst": lambda m: f"**{m.group(0)}**",
    "latex": lambda m: f"\\textbf{{{m.group(0)}}}",
}


def fields_by_year(
    records: Iterable[Record],
    style: str | os.PathLike[str],
    *,
    output: str = "text",
    locale: str | None = None,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[int | None, list[tuple[str, str, str]]]]:
    """(year, its entries' (key, first field, rest)) per year group of ``records``, newest
    first (:func:`~pantucci_bib.publications.grouping.by_year`), each year formatted as a
    bibliography of its own, in the style's order within it. A record the style renders
    empty is left out, with a warning, as by ``format_entry_fields``.

    Formatting the groups apart keeps what a style says about an entry's neighbours within
    its year: MLA's "———" for the same author(s) as the entry before, a year suffix. Formatted
    as one list and then regrouped, the first entry of a year could get the dash of an author
    listed under another year, or of the other author an author-sorted list put before it.
    """
    from pantucci_bib.formatting.bibliography import format_entry_fields

    records = list(records)
    groups = grouping.by_year(records, [grouping.year_of(record) for record in records])
    formatted = [
        (
            year,
            format_entry_fields(
                group,
                style,
                output=output,
                locale=locale,
                cache=cache,
                workers=workers,
                progress=progress,
            ),
        )
        for year, group in groups
    ]
    return [(year, fields) for year, fields in formatted if fields]  # all left out: no heading


def year_groups(
    records: Iterable[Record],
    style: str | os.PathLike[str],
    *,
    output: str = "text",
    author: str | None = None,
    locale: str | None = None,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[str, list[str]]]:
    """(heading, entries) in the style's order, the author's name marked in ``output``'s way.

    The heading is the style's first field (the year column of ``publication-list``) where the
    style has one, else the record's year (:func:`~pantucci_bib.publications.grouping.by_year`).
    Each year is formatted on its own (:func:`fields_by_year`).
    """
    records = list(records)
    years = fields_by_year(
        records,
        style,
        output=output,
        locale=locale,
        cache=cache,
        workers=workers,
        progress=progress,
    )
    pattern = people.name_pattern(people.owner_people(records, author)) if author else None
    wrap = MARKS.get(output)

    def marked(entry: str) -> str:
        if wrap is None:
            return entry
        return people.mark(entry, pattern, wrap, html=output == "html")

    fields = [entry for _, entries in years for entry in entries]
    if all(margin for _, margin, _ in fields):
        groups: dict[str, list[str]] = {}
        for _, margin, body in fields:
            groups.setdefault(margin, []).append(marked(body))
        return list(groups.items())
    return [
        (grouping.heading(year), [marked(f"{margin} {body}".strip()) for _, margin, body in group])
        for year, group in years
    ]


def render(groups: list[tuple[str, list[str]]], output: str) -> str:
    """The document of ``groups`` in ``output``: a heading per year, then its entries."""
    if not groups:
        return ""
    if output == "html":
        return "".join(
            f'<section class="csl-year">\n<h2>{html_module.escape(heading)}</h2>\n'
            '<div class="csl-bib-body">\n'
            + "".join(f'  <div class="csl-entry">{entry}</div>\n' for entry in entries)
            + "</div>\n</section>\n"
            for heading, entries in groups
        )
    if output == "text":
        return "\n".join(f"{heading}\n" + "".join(f"{e}\n" for e in es) for heading, es in groups)
    title: Callable[[str], str] = {
        "markdown": lambda h: f"## {h}",
        "rst": lambda h: f"{h}\n{'-' * len(h)}",
        "latex": lambda h: f"\\subsection*{{{h}}}",
    }[output]
    return "\n".join(
        f"{title(heading)}\n\n" + "\n\n".join(entries) + "\n" for heading, entries in groups
    )


def publication_list(
    records: Iterable[Record],
    style: str | os.PathLike[str] = "publication-list",
    *,
    output: str = "text",
    author: str | None = None,
    locale: str | None = None,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> str:
    """``records`` as a publication list in ``style``: grouped under year headings, newest
    first, with ``author``'s name marked (bold in HTML, Markdown, reStructuredText, LaTeX).

    >>> import pantucci_bib
    >>> from pantucci_bib.publications.listing import publication_list
    >>> two = pantucci_bib.corpus().filter(author="Petersen", year="2013-2014")
    >>> heading, _, entry = publication_list(two, output="markdown", author="Pantucci").splitlines()
    >>> print(heading); print(entry[:46])
    ## 2013
    **Raffaello Pantucci** and Alexandros Petersen
    """
    groups = year_groups(
        records,
        style,
        output=output,
        author=author,
        locale=locale,
        cache=cache,
        workers=workers,
        progress=progress,
    )
    return render(groups, output)


def formatted_list(
    records: Iterable[Record],
    style: str | os.PathLike[str],
    *,
    output: str,
    author: str | None = None,
    grouped: bool = True,
    **options: Any,
) -> str | bytes:
    """What ``format`` writes: a grouped :func:`publication_list` (``grouped``) or the plain
    bibliography, in ``output``; for ``docx`` the bytes of a Word file
    (:func:`~pantucci_bib.publications.word.docx_bytes`). ``options`` are those of
    :func:`~pantucci_bib.formatting.format_bibliography` (locale, cache, workers, progress)."""
    if output != "docx":
        if grouped:
            return render(
                year_groups(records, style, output=output, author=author, **options), output
            )
        from pantucci_bib.formatting import format_bibliography

        return format_bibliography(records, style, output=output, **options)
    from pantucci_bib.publications.word import docx_bytes

    if grouped:
        sections: list[tuple[str | None, list[str]]] = list(
            year_groups(records, style, output="html", author=author, **options)
        )
    else:
        from pantucci_bib.formatting import format_entries

        entries = format_entries(records, style, output="html", **options)
        sections = [(None, [entry for _, entry in entries])]
    return docx_bytes(sections)
