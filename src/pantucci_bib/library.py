"""Library: an ordered, keyed collection of Records, with filters.

A record may also be found under its aliases: the keys its BibLaTeX ``ids`` field names
(kept on the record as a :class:`~pantucci_bib.model.Verbatim`, as read from a .bib file or
added by :func:`pantucci_bib.merge.merge` for a duplicate's key).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

import attrs

from pantucci_bib.errors import DataError, FilterError
from pantucci_bib.model import Record, RecordType, RelationKind, Verbatim

#: Friendly names accepted by the ``type`` filter, besides the CSL type names.
TYPE_ALIASES: dict[str, RecordType] = {
    "newspaper": RecordType.ARTICLE_NEWSPAPER,
    "op-ed": RecordType.ARTICLE_NEWSPAPER,
    "magazine": RecordType.ARTICLE_MAGAZINE,
    "journal": RecordType.ARTICLE_JOURNAL,
    "blog": RecordType.POST_WEBLOG,
    "blog-post": RecordType.POST_WEBLOG,
}


#: The BibLaTeX field that lists a record's other keys, and the formats that keep it.
ALIAS_FIELD = "ids"
ALIAS_FORMATS = ("bibtex", "biblatex")


def record_aliases(record: Record) -> tuple[str, ...]:
    """The other keys of ``record``: those of its kept ``ids`` field(s), in order, each once.

    ``ids = {a, b}`` or ``ids = "a,b"`` as written in a .bib file gives ``("a", "b")``.
    """
    found: dict[str, None] = {}
    for kept in record.extra:
        if is_alias_field(kept) and kept.value:
            for alias in parse_aliases(kept.value):
                if alias != record.key:
                    found.setdefault(alias)
    return tuple(found)


def is_alias_field(field: Verbatim) -> bool:
    """Whether ``field`` is an ``ids`` field of a .bib dialect."""
    return field.name == ALIAS_FIELD and field.format in ALIAS_FORMATS


def with_aliases(record: Record, aliases: Iterable[str], *, both_dialects: bool = False) -> Record:
    """``record`` with ``aliases`` added to its ``ids``, after those it has (its own key and
    the aliases it already has are left out; none left: ``record`` itself).

    The new ``ids`` is written by the ``biblatex`` writer only, unless ``both_dialects`` or
    the record's ``ids`` was read from a file (then the ``bibtex`` writer writes it, as before).
    """
    had = record_aliases(record)
    new = [alias for alias in dict.fromkeys(aliases) if alias not in had and alias != record.key]
    if not new:
        return record
    fields = [field for field in record.extra if is_alias_field(field)]
    value = "{" + ",".join((*had, *new)) + "}"
    read = next((field.format for field in fields if field.rendered is None), None)
    if read is not None or both_dialects:
        ids = Verbatim(read or "biblatex", ALIAS_FIELD, value, None)
    else:
        # rendered "": the biblatex writer writes nothing under ids, so this always stands
        # for it; the bibtex writer skips another dialect's spelling (BibTeX output unchanged)
        ids = Verbatim("biblatex", ALIAS_FIELD, value, "")
    kept = [field for field in record.extra if not is_alias_field(field)]
    return attrs.evolve(record, extra=(*kept, ids))


def parse_aliases(text: str) -> list[str]:
    """The keys of an ``ids`` value as written: ``{a, b}``, ``"a,b"`` or ``a``."""
    text = text.strip()
    if len(text) >= 2 and (text[0], text[-1]) in (("{", "}"), ('"', '"')):
        text = text[1:-1]
    return [alias.strip() for alias in text.split(",") if alias.strip()]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def parse_year_range(text: str | int) -> tuple[int, int]:
    """``2012`` → (2012, 2012); ``"2012-2015"`` / ``"2012..2015"`` → (2012, 2015)."""
    if isinstance(text, int):
        return text, text
    match = re.fullmatch(r"\s*(\d{4})\s*(?:(-|–|\.\.)\s*(\d{4})?)?\s*", text)
    if not match:
        raise FilterError(f"not a year or year range: {text!r} (use 2012, 2012-2015 or 2015-)")
    start = int(match.group(1))
    end = start  # a single year
    if match.group(2) is not None:  # a range; an open end means "to date"
        end = int(match.group(3)) if match.group(3) else 9999
    if end < start:
        raise FilterError(f"year range runs backwards: {text!r}")
    return start, end


def parse_type(text: str | RecordType) -> RecordType:
    """A RecordType from its CSL name or a friendly alias; FilterError lists the valid ones."""
    if isinstance(text, RecordType):
        return text
    name = text.strip().lower()
    if name in TYPE_ALIASES:
        return TYPE_ALIASES[name]
    try:
        return RecordType(name)
    except ValueError:
        known = sorted({t.value for t in RecordType} | set(TYPE_ALIASES))
        raise FilterError(f"unknown type {text!r}; known: {', '.join(known)}") from None


class Library(Sequence[Record]):
    """Records in a fixed order, looked up by citation key.

    Keys are unique; the order is the order given (the corpus is stored newest first
    within each source page). A Library never changes: filters return a new one.
    :meth:`get` and ``in`` also accept an alias (see :func:`record_aliases`); an alias that
    is the key of another record, or an alias of an earlier one, names that record instead.
    """

    __slots__ = ("_aliases", "_by_key", "_records")

    def __init__(self, records: Iterable[Record] = ()) -> None:
        self._records: tuple[Record, ...] = tuple(records)
        self._by_key: dict[str, Record] = {}
        for record in self._records:
            if record.key in self._by_key:
                raise DataError(f"duplicate citation key {record.key!r}")
            self._by_key[record.key] = record
        self._aliases: dict[str, str] = {}  # alias → key
        for record in self._records:
            if record.extra:
                for alias in record_aliases(record):
                    if alias not in self._by_key:
                        self._aliases.setdefault(alias, record.key)

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[Record]:
        return iter(self._records)

    def __getitem__(self, index: int) -> Record:  # type: ignore[override]
        return self._records[index]

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_key or item in self._aliases
        return item in self._records

    def __repr__(self) -> str:
        return f"Library({len(self)} records)"

    def get(self, key: str) -> Record:
        """The record with citation key (or alias) ``key``; DataError naming close keys if
        absent."""
        try:
            return self._by_key[self._aliases.get(key, key)]
        except KeyError:
            import difflib

            close = difflib.get_close_matches(key, self._by_key, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise DataError(f"no record with key {key!r}{hint}") from None

    def keys(self) -> list[str]:
        return [r.key for r in self._records]

    def aliases(self) -> dict[str, str]:
        """Every alias this library resolves, and the key of the record it names."""
        return dict(self._aliases)

    def filter(
        self,
        *,
        author: str | None = None,
        outlet: str | None = None,
        year: str | int | None = None,
        type: str | RecordType | None = None,
        keyword: str | None = None,
    ) -> Library:
        """Records matching every given criterion.

        ``author`` matches any part of an author's (or interviewee's, editor's) name,
        ignoring case and accents; ``outlet`` any part of the container title, section
        or publisher; ``year`` a year or range ("2012-2015", "2015-"); ``type`` a CSL type
        or alias ("newspaper", "magazine", "journal", "blog").
        """
        selected: Iterable[Record] = self._records
        if author is not None:
            wanted = _fold(author)
            selected = [
                r
                for r in selected
                if any(wanted in _fold(p.display()) for p in (*r.author, *r.editor))
            ]
        if outlet is not None:
            wanted = _fold(outlet)
            selected = [
                r
                for r in selected
                if wanted in _fold(f"{r.container_title}\n{r.section}\n{r.publisher}")
            ]
        if year is not None:
            start, end = parse_year_range(year)
            selected = [r for r in selected if r.year is not None and start <= r.year <= end]
        if type is not None:
            wanted_type = parse_type(type)
            selected = [r for r in selected if r.type is wanted_type]
        if keyword is not None:
            wanted = _fold(keyword)
            selected = [r for r in selected if any(wanted == _fold(k) for k in r.keywords)]
        return Library(selected)

    def cited_by(self, key: str) -> Library:
        """The records that the record ``key`` cites, in note order."""
        record = self.get(key)
        return Library(self.get(k) for k in record.related(RelationKind.CITES))

    def check_relations(self) -> list[str]:
        """Messages for relations that point at keys this library does not hold."""
        problems = []
        for record in self._records:
            for relation in record.relations:
                if relation.key not in self._by_key:
                    kind = relation.kind.value
                    problems.append(f"{record.key}: {kind} {relation.key!r} is not in the library")
        return problems
