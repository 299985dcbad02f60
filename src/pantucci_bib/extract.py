"""Extract records from saved archive pages: one page, or many with reposts merged.

``extract(path_or_text)`` reads one page (the plain-text form or saved HTML) with
:mod:`pantucci_bib.pages`; ``extract_many(paths)`` reads several and merges an article
reposted on several pages into one record that lists every appearance. Both then apply the
reviewed overrides of ``data/overrides.json`` — what curation adds that no page states (an
approximate date's month and reason, a record the pages only mention) — and assign citation
keys with :func:`pantucci_bib.keys.assign_keys` (an overridden record keeps its curated key).
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from pantucci_bib.errors import DataError, ParseError
from pantucci_bib.formats.native import record_from_dict, record_to_dict
from pantucci_bib.keys import assign_keys
from pantucci_bib.model import (
    FieldSource,
    PartialDate,
    Provenance,
    Record,
    Sureness,
    with_field_source,
)
from pantucci_bib.pages import Directory, read_archive
from pantucci_bib.problems import ParseResult, Problem

OVERRIDES_FILE = "overrides.json"

PathOrText = str | os.PathLike[str]


def read_page(path: str | os.PathLike[str]) -> str:
    """The text of a saved page; ParseError naming the file if it is unreadable or binary."""
    where = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", where=where) from exc
    if b"\x00" in data[:65536]:
        raise ParseError("binary file, not an archive page", where=where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if not re.search(r"<(?:html|body)\b", text[:4000], re.I):
            raise ParseError("not a UTF-8 text or HTML file", where=where) from None
    if not text.strip():
        raise ParseError("empty file", where=where)
    return text


def _is_path(value: PathOrText) -> bool:
    """A path object, or a string of one line (a page's text always has many)."""
    return isinstance(value, os.PathLike) or "\n" not in value


def extract(
    path_or_text: PathOrText,
    *,
    source: str | None = None,
    strict: bool = False,
    curated: bool = True,
    directory: Directory | None = None,
) -> ParseResult:
    """Records (and problems, as data) from one archive page.

    ``path_or_text`` is a path to a saved page (plain text or HTML) or the page's text itself
    (a string of more than one line);
    ``source`` names it in provenance (default: the file name, or ``"<text>"``). With
    ``strict=True`` any problem raises :class:`~pantucci_bib.errors.ParseError`;
    ``curated=False`` skips the reviewed overrides of ``data/overrides.json``.
    Bad input (empty, binary, unreadable, not an archive page) raises ParseError naming it.
    """
    return extract_many(
        [path_or_text], sources=[source], strict=strict, curated=curated, directory=directory
    )


def extract_many(
    paths: Iterable[PathOrText],
    *,
    sources: Sequence[str | None] | None = None,
    strict: bool = False,
    curated: bool = True,
    directory: Directory | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> ParseResult:
    """Records from several pages, an article reposted on several pages merged into one.

    The merged record lists every appearance (page and line) and every page's subject among
    its keywords; where the pages differ it keeps the most precise date and the first page's
    other fields, filling what that page lacks from the others. ``progress(done, total, name)``
    is called after each page.
    """
    items = list(paths)
    names = list(sources) if sources is not None else [None] * len(items)
    records: list[Record] = []
    problems: list[Problem] = []
    for number, (item, name) in enumerate(zip(items, names, strict=True), 1):
        if _is_path(item):
            text = read_page(item)
            label = name or Path(item).name
        else:
            text = str(item)
            label = name or "<text>"
        result = read_archive(text, label, directory=directory)
        records.extend(result.records)
        problems.extend(result.problems)
        if progress is not None:
            progress(number, len(items), label)
    merged = merge_records(records)
    if curated:
        merged = apply_overrides(merged, load_overrides())
    else:
        keys = assign_keys(merged)
        merged = [attrs.evolve(r, key=k) for r, k in zip(merged, keys, strict=True)]
    result = ParseResult(merged, problems)
    if strict and result.problems:
        errors = [p for p in result.problems if p.severity == "error"]
        first = (errors or list(result.problems))[0]
        more = f" (and {len(result.problems) - 1} more)" if len(result.problems) > 1 else ""
        raise ParseError(f"{first.severity}: {first.message}{more}", where=str(first.where))
    return result


# --------------------------------------------------------------------------------------------
# Reposts
# --------------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return re.sub(r"\W", "", text.casefold())


def same_work(a: Record, b: Record) -> bool:
    """Whether two records read from pages are the same article (a repost)."""
    if a.title or b.title:
        return bool(a.title) and _fold(a.title) == _fold(b.title)
    return (
        a.container_title == b.container_title
        and a.issued is not None
        and b.issued is not None
        and a.issued.iso() == b.issued.iso()
    )


def _better_date(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    if a is None or b is None:
        return a or b
    if a.circa != b.circa:
        return b if a.circa else a
    return b if len(b.iso()) > len(a.iso()) else a


def merge_two(a: Record, b: Record) -> Record:
    """One record from two readings of the same article (``a`` read first)."""
    changes: dict[str, Any] = {}
    for field in attrs.fields(Record):
        name = field.name
        if name in ("key", "appearances", "keywords", "issued", "updated", "field_sources"):
            continue
        if not getattr(a, name) and getattr(b, name):
            changes[name] = getattr(b, name)
    issued = _better_date(a.issued, b.issued)
    changes["issued"] = issued
    if issued is b.issued and b.updated is not None:
        changes["updated"] = b.updated
    changes["keywords"] = tuple(dict.fromkeys(a.keywords + b.keywords))
    changes["appearances"] = tuple(dict.fromkeys(a.appearances + b.appearances))
    from_b = {name for name in changes if name not in ("keywords", "appearances")}
    if issued is not b.issued:
        from_b.discard("issued")
    changes["field_sources"] = (
        *(s for s in a.field_sources if s.field not in from_b),
        *(s for s in b.field_sources if s.field in from_b),
    )
    return attrs.evolve(a, **changes)


def merge_records(records: Iterable[Record]) -> list[Record]:
    """Merge the records of the same article, keeping the order of first appearance."""
    merged: list[Record] = []
    by_title: dict[str, int] = {}
    for record in records:
        if record.title:
            index = by_title.get(_fold(record.title))
        else:
            index = next((i for i, m in enumerate(merged) if same_work(m, record)), None)
        if index is None:
            if record.title:
                by_title[_fold(record.title)] = len(merged)
            merged.append(record)
        else:
            merged[index] = merge_two(merged[index], record)
    return merged


# --------------------------------------------------------------------------------------------
# Reviewed overrides
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Override:
    """A reviewed correction: records matching ``match`` get ``key`` and the ``set`` fields."""

    key: str
    match: dict[str, str]
    set: dict[str, Any]
    why: str


@attrs.frozen
class Addition:
    """A record no page states as an article (a book the pages mention), added when a record
    links to it; ``record`` is in the project's JSON form."""

    key: str
    record: dict[str, Any]
    why: str


@attrs.frozen
class Overrides:
    """The reviewed overrides: corrections to extracted records, and additional records."""

    corrections: tuple[Override, ...] = ()
    additions: tuple[Addition, ...] = ()


@functools.lru_cache(maxsize=1)
def load_overrides() -> Overrides:
    """The bundled ``data/overrides.json``."""
    where = f"pantucci_bib/data/{OVERRIDES_FILE}"
    text = resources.files("pantucci_bib.data").joinpath(OVERRIDES_FILE).read_text("utf-8")
    return parse_overrides(json.loads(text), where=where)


def parse_overrides(data: Any, *, where: str = "") -> Overrides:
    """Overrides from their JSON form; DataError naming ``where`` if malformed."""
    try:
        corrections = tuple(
            Override(key, dict(entry["match"]), dict(entry.get("set", {})), entry["why"])
            for key, entry in data.get("records", {}).items()
        )
        additions = tuple(
            Addition(key, dict(entry["record"], key=key), entry["why"])
            for key, entry in data.get("add", {}).items()
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"malformed overrides: {exc}", where=where) from exc
    return Overrides(corrections, additions)


def matches(record: Record, match: dict[str, str]) -> bool:
    """Whether ``record`` is the one an override's ``match`` describes."""
    for name, value in match.items():
        if name == "title":
            if _fold(record.title) != _fold(value):
                return False
        elif name == "issued":
            if record.issued is None or record.issued.iso() != value:
                return False
        elif str(getattr(record, name, "")) != value:
            return False
    return True


def is_corpus_article(record: Record, article: Record) -> bool:
    """Whether an extracted record is the corpus ``article`` on more than its title: the same
    outlet and an author in common (a user's post of the same title is not)."""
    families = {_fold(p.family or p.literal) for p in article.author}
    return _fold(record.container_title) == _fold(article.container_title) and any(
        _fold(p.family or p.literal) in families for p in record.author
    )


def apply_overrides(
    records: Sequence[Record],
    overrides: Overrides,
    articles: Mapping[str, Record] | None = None,
) -> list[Record]:
    """Apply the corrections, add the records linked to, and assign keys.

    A correction applies to a record its ``match`` picks that is also the corpus article of
    the correction's key (:func:`is_corpus_article`); ``articles`` (key → record) defaults to
    the bundled corpus.
    """
    if articles is None:
        from pantucci_bib.corpus import corpus

        articles = {r.key: r for r in corpus()}
    pinned: dict[int, str] = {}
    out = list(records)
    for index, record in enumerate(out):
        for override in overrides.corrections:
            if override.key in pinned.values() or not matches(record, override.match):
                continue
            article = articles.get(override.key)
            if article is not None and not is_corpus_article(record, article):
                continue
            data = record_to_dict(record)
            data.update(override.set)
            data["key"] = override.key
            curated = record_from_dict(data, where=f"{OVERRIDES_FILE}: {override.key}")
            curated = attrs.evolve(curated, field_sources=record.field_sources)
            for name in override.set:
                where = Provenance(f"data/{OVERRIDES_FILE}", 0)
                source = FieldSource(name, Sureness.CURATED, where, override.why)
                curated = with_field_source(curated, source)
            out[index] = curated
            pinned[index] = override.key
            break
    free = [i for i in range(len(out)) if i not in pinned]
    keys = assign_keys([out[i] for i in free], taken=pinned.values())
    for index, key in zip(free, keys, strict=True):
        out[index] = attrs.evolve(out[index], key=key)
    return _with_additions(out, overrides.additions)


def _with_additions(records: list[Record], additions: Sequence[Addition]) -> list[Record]:
    sources = {where.source for record in records for where in record.appearances}
    taken = {record.key for record in records}
    out: list[Record] = []
    for record in records:
        out.append(record)
        linked = {rel.key for rel in record.relations}
        if record.original and record.original.related_key:
            linked.add(record.original.related_key)
        for addition in additions:
            if addition.key in linked and addition.key not in taken:
                book = record_from_dict(addition.record, where=f"{OVERRIDES_FILE}: {addition.key}")
                seen = tuple(p for p in book.appearances if p.source in sources)
                out.append(attrs.evolve(book, appearances=seen))
                taken.add(addition.key)
    return out


__all__ = [
    "Addition",
    "Override",
    "Overrides",
    "apply_overrides",
    "extract",
    "extract_many",
    "is_corpus_article",
    "load_overrides",
    "merge_records",
    "read_page",
]
