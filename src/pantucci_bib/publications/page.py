"""The publication page: one self-contained HTML file for a body of work.

Everything is inline (CSS, a little plain JavaScript, the SVG chart, each entry's BibTeX, RIS
and CSL-JSON as ``data:`` links), so the file works from ``file://`` with nothing fetched.
Without JavaScript the page is the whole list under its year headings, the chart and the
download links; the script adds the search box, the filters and the copy buttons.
"""

from __future__ import annotations

import html
import os
import re
import urllib.parse
from collections.abc import Callable, Iterable
from importlib import resources

from pantucci_bib.model import Person, Record
from pantucci_bib.publications import chart, grouping, people

#: The downloads offered for each entry and for the whole list: (format, label, suffix, MIME).
DOWNLOADS = (
    ("bibtex", "BibTeX", ".bib", "application/x-bibtex"),
    ("ris", "RIS", ".ris", "application/x-research-info-systems"),
    ("csl-json", "CSL-JSON", ".json", "application/vnd.citationstyles.csl+json"),
)

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def publications(
    records: Iterable[Record],
    author: str,
    style: str | os.PathLike[str] = "publication-list",
    *,
    title: str | None = None,
    locale: str | None = None,
    cache: bool = True,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> str:
    """The publication page of ``author`` for ``records``: one self-contained HTML file.

    Entries are grouped under year headings (newest first, the undated last, an approximate
    date said so) and formatted in ``style`` (any style :func:`format_bibliography` takes;
    a style's first field, such as the year column of ``publication-list``, gives way to the
    headings). ``author``'s name is marked ``<strong>`` wherever it appears; their co-authors
    link to a filter of the joint work. The page has a search box (title, outlet,
    co-authors), filters by kind and outlet, each entry's BibTeX, RIS and CSL-JSON, the whole
    list in each format, a chart of pieces per year stacked by kind and a line of counts.
    Every record is listed, those that do not name ``author`` included.

    >>> import pantucci_bib
    >>> page = pantucci_bib.publications(pantucci_bib.corpus().filter(year="2011"), "Pantucci")
    >>> page.count('<li class="entry"'), page.count("<strong>Raffaello Pantucci</strong>") >= 3
    (3, True)
    >>> print(page.split('id="counts">')[1].split("<")[0])
    3 pieces · 3 outlets · 1 co-author · 1 year (2011)
    """
    from pantucci_bib.publications.listing import fields_by_year

    records = list(records)
    by_key = {record.key: record for record in records}
    formatted = fields_by_year(
        records,
        style,
        output="html",
        locale=locale,
        cache=cache,
        workers=workers,
        progress=progress,
    )
    owners = people.owner_people(records, author)
    owner_pattern = people.name_pattern(owners)
    groups = [(year, [by_key[key] for key, _, _ in fields]) for year, fields in formatted]
    ordered = [record for _, group in groups for record in group]
    bodies = {
        key: people.mark(body, owner_pattern, _strong, html=True)
        for _, fields in formatted
        for key, _, body in fields
    }
    coauthors = {record.key: _coauthors(record, owners) for record in ordered}
    years = [grouping.year_of(record) for record in ordered]
    name = _usual_name(ordered, owners) or author
    parts = {
        "title": html.escape(title or f"Publications of {name}"),
        "css": _asset("page.css"),
        "js": _asset("page.js"),
        "counts": html.escape(counts_line(ordered, coauthors)),
        "chart": chart.svg([(y, grouping.kind(r)) for r, y in zip(ordered, years, strict=True)]),
        "controls": _controls(ordered, coauthors),
        "downloads": _whole_list(ordered),
        "list": "\n".join(_year_section(year, group, bodies, coauthors) for year, group in groups),
        "generator": html.escape(_generator()),
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("page.html"))


def _usual_name(records: list[Record], owners: list[Person]) -> str:
    """The owner's name as their records give it most often (the fullest form on a tie)."""
    from collections import Counter

    seen = Counter(p.display() for r in records for p in people.people(r) if p in owners)
    if not seen:
        return owners[0].display() if owners else ""
    return max(seen, key=lambda name: (seen[name], len(name), name))


def _strong(match: re.Match[str]) -> str:
    return f"<strong>{match.group(0)}</strong>"


def _asset(name: str) -> str:
    return (resources.files("pantucci_bib.publications") / "assets" / name).read_text("utf-8")


def _generator() -> str:
    from pantucci_bib import __version__

    return f"pantucci_bib {__version__}"


def _coauthors(record: Record, owners: list[Person]) -> list[Person]:
    """The co-authors of the owner in ``record``: its other authors, if the owner is one."""
    authors = people.people(record)
    if not any(person in owners for person in authors):
        return []
    return [person for person in authors if person not in owners]


def counts_line(records: list[Record], coauthors: dict[str, list[Person]]) -> str:
    """ "48 pieces · 27 outlets · 9 co-authors · 8 years (2011–2023)"."""
    from pantucci_bib.cli import count

    outlets = {grouping.outlet(r) for r in records} - {""}
    partners = {people.fold(p.display()) for group in coauthors.values() for p in group}
    years = sorted({y for y in map(grouping.year_of, records) if y is not None})
    span = ""
    if years:
        span = f" ({years[0]})" if len(years) == 1 else f" ({years[0]}–{years[-1]})"
    undated = sum(1 for r in records if grouping.year_of(r) is None)
    extra = f", {undated} undated" if undated else ""
    return (
        f"{count(len(records), 'piece')} · {count(len(outlets), 'outlet')} · "
        f"{count(len(partners), 'co-author')} · {count(len(years), 'year')}{span}{extra}"
    )


def _data_uri(text: str, mime: str) -> str:
    """``text`` as a ``data:`` URI; base64, the smallest encoding of these (percent-encoding
    is 1.5-2 times the text, base64 1.33 times)."""
    import base64

    return f"data:{mime};charset=utf-8;base64," + base64.b64encode(text.encode()).decode()


def _download_links(records: list[Record], stem: str, what: str, *, copy: bool = False) -> str:
    """A download link per format of :data:`DOWNLOADS`; with ``copy``, each followed by a
    button that copies the same text (read by the script from the link, so the text is in the
    page once). The buttons are ``hidden`` until the script shows them: without JavaScript
    they could do nothing."""
    from pantucci_bib.formats.registry import emit

    links = []
    for name, label, suffix, mime in DOWNLOADS:
        uri = _data_uri(emit(records, name), mime)
        links.append(
            f'<a class="download" data-format="{name}" href="{uri}" '
            f'download="{html.escape(stem + suffix)}" '
            f'aria-label="{html.escape(f"{label} of {what}")}">{label}</a>'
        )
        if copy:
            links[-1] += (
                f' <button type="button" class="copy" data-format="{name}" '
                f'aria-label="{html.escape(f"Copy {label} of {what}")}" hidden>copy</button>'
            )
    return " ".join(links)


def _whole_list(records: list[Record]) -> str:
    return _download_links(records, "publications", "the whole list")


def _controls(records: list[Record], coauthors: dict[str, list[Person]]) -> str:
    from collections import Counter

    kinds = Counter(grouping.kind(r) for r in records)
    outlets = Counter(grouping.outlet(r) for r in records if grouping.outlet(r))
    # one option per name as written: two records' Person values of one name are one co-author
    partners = Counter(p.display() for group in coauthors.values() for p in group)
    buttons = [
        '<button type="button" class="kind-filter" data-kind="" aria-pressed="true">'
        f"all ({len(records)})</button>"
    ]
    buttons += [
        f'<button type="button" class="kind-filter" data-kind="{html.escape(k)}" '
        f'aria-pressed="false">{html.escape(k)} ({kinds[k]})</button>'
        for k in chart.kind_order([grouping.kind(r) for r in records])
    ]
    outlet_options = "".join(
        f'<option value="{html.escape(o)}">{html.escape(o)} ({n})</option>'
        for o, n in sorted(outlets.items(), key=lambda item: (people.fold(item[0]), item[0]))
    )
    partner_options = "".join(
        f'<option value="{html.escape(people.fold(name))}">{html.escape(name)} ({n})</option>'
        for name, n in sorted(partners.items(), key=lambda item: (people.fold(item[0]), item[0]))
    )
    return (
        '<div class="field"><label for="search">Search titles, outlets and co-authors</label>'
        '<input type="search" id="search" autocomplete="off"></div>\n'
        '<fieldset class="kinds"><legend>Kind</legend>' + "".join(buttons) + "</fieldset>\n"
        '<div class="field"><label for="outlet">Outlet</label><select id="outlet">'
        f'<option value="">all outlets</option>{outlet_options}</select></div>\n'
        '<div class="field"><label for="coauthor">Co-author</label><select id="coauthor">'
        f'<option value="">anyone</option>{partner_options}</select></div>\n'
        '<button type="button" id="reset">Show all</button>'
    )


def _year_section(
    year: int | None,
    records: list[Record],
    bodies: dict[str, str],
    coauthors: dict[str, list[Person]],
) -> str:
    label = grouping.heading(year)
    ident = "undated" if year is None else f"year-{year}"
    items = "\n".join(
        _entry(record, bodies[record.key], coauthors[record.key]) for record in records
    )
    return (
        f'<section class="year" id="{ident}" data-year="{"" if year is None else year}" '
        f'aria-labelledby="{ident}-h">\n<h3 id="{ident}-h">{label}</h3>\n'
        f'<ol class="entries">\n{items}\n</ol>\n</section>'
    )


def _entry(record: Record, body: str, coauthors: list[Person]) -> str:
    partner_pattern = people.name_pattern(coauthors)
    each = [(person, people.name_pattern([person])) for person in coauthors]

    def link(match: re.Match[str]) -> str:
        person = next(
            (p for p, one in each if one is not None and one.fullmatch(match.group(0))),
            coauthors[0],
        )
        value = html.escape(people.fold(person.display()))
        return (
            f'<a class="coauthor" href="#coauthor={urllib.parse.quote(value)}" '
            f'data-coauthor="{value}" title="Joint work with {html.escape(person.display())}">'
            f"{match.group(0)}</a>"
        )

    body = people.mark(body, partner_pattern, link, html=True)
    others = [p for p in people.people(record) if p not in coauthors]
    search = " ".join(
        [record.title, grouping.outlet(record), *(p.display() for p in coauthors + others)]
    )
    meta = [f'<span class="kind">{html.escape(grouping.kind(record))}</span>']
    if grouping.approximate(record):
        meta.append('<span class="approx">date approximate</span>')
    if grouping.year_of(record) is None:
        meta.append('<span class="approx">undated</span>')
    original = record.url or (f"https://doi.org/{record.doi}" if record.doi else "")
    if original:
        meta.append(f'<a class="original" href="{html.escape(original)}">original</a>')
    links = _download_links([record], record.key, f"this entry ({record.key})", copy=True)
    return (
        f'<li class="entry" id="{html.escape(record.key)}" '
        f'data-kind="{html.escape(grouping.kind(record))}" '
        f'data-outlet="{html.escape(grouping.outlet(record))}" '
        f'data-coauthors="{html.escape("|".join(people.fold(p.display()) for p in coauthors))}" '
        f'data-search="{html.escape(people.fold(search))}">'
        f'<div class="csl-entry">{body}</div>'
        f'<p class="meta">{" ".join(meta)} <span class="exports">{links}</span></p></li>'
    )
