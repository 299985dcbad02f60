"""The one data model: frozen value classes for bibliographic records.

Field names follow CSL variables (snake_case) so that CSL-JSON is nearly one-to-one;
everything format-specific lives in :mod:`pantucci_bib.formats.mapping`.
"""

from __future__ import annotations

import calendar
import enum
import re
from collections.abc import Iterable

import attrs


class RecordType(str, enum.Enum):
    """The kinds of work the corpus holds, named by their CSL type."""

    ARTICLE_NEWSPAPER = "article-newspaper"
    ARTICLE_MAGAZINE = "article-magazine"
    ARTICLE_JOURNAL = "article-journal"
    REPORT = "report"
    INTERVIEW = "interview"
    POST_WEBLOG = "post-weblog"
    WEBPAGE = "webpage"
    BOOK = "book"
    CHAPTER = "chapter"
    SPEECH = "speech"
    DOCUMENT = "document"

    def __str__(self) -> str:
        return self.value


class OriginKind(str, enum.Enum):
    """How a record relates to its original publication."""

    PRINT_TITLE = "print-title"  # same article, printed under another title
    EXTRACT = "extract"  # an (edited) extract of a longer work, usually a book
    TRANSLATION = "translation"  # published in translation; the original is in another language
    EXPANDED = "expanded"  # an expanded version of an earlier, shorter piece
    REPRINT = "reprint"  # republished unchanged elsewhere first

    def __str__(self) -> str:
        return self.value


class RelationKind(str, enum.Enum):
    """Typed links between records of one library."""

    EXTRACT_OF = "extract-of"
    TRANSLATION_OF = "translation-of"
    EXPANDED_FROM = "expanded-from"
    REPRINT_OF = "reprint-of"
    CITES = "cites"

    def __str__(self) -> str:
        return self.value


def _strip(value: str) -> str:
    return value.strip()


def _tuple(value: Iterable[object]) -> tuple[object, ...]:
    return tuple(value)


@attrs.frozen(order=True)
class Person:
    """A personal or corporate name.

    ``family_first`` marks names written family name first, as Chinese names are
    ("Li Lifan"); ``literal`` holds a corporate or unparsed name and excludes the others.
    """

    family: str = attrs.field(default="", converter=_strip)
    given: str = attrs.field(default="", converter=_strip)
    particle: str = attrs.field(default="", converter=_strip)  # non-dropping: "van", "de"
    suffix: str = attrs.field(default="", converter=_strip)
    literal: str = attrs.field(default="", converter=_strip)
    family_first: bool = False

    def __attrs_post_init__(self) -> None:
        if self.literal and (self.family or self.given):
            raise ValueError("a literal name cannot also have family/given parts")
        if not self.literal and not self.family:
            raise ValueError("a name needs a family name or a literal")

    @property
    def full_family(self) -> str:
        """Family name with its non-dropping particle ("van Gogh")."""
        return f"{self.particle} {self.family}".strip()

    def display(self) -> str:
        """The name as it is written in running text."""
        if self.literal:
            return self.literal
        if self.family_first:
            return f"{self.full_family} {self.given}".strip()
        parts = [self.given, self.full_family]
        name = " ".join(p for p in parts if p)
        return f"{name}, {self.suffix}" if self.suffix else name


@attrs.frozen
class PartialDate:
    """A date known to year, month, day or minute; optionally a year range; maybe approximate.

    ``as_written`` keeps the page's own wording and ``reason`` explains an inferred date;
    neither takes part in equality, which is about the date itself.
    """

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    circa: bool = False
    as_written: str = attrs.field(default="", eq=False)
    reason: str = attrs.field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and (
            self.month is None or not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]
        ):
            raise ValueError(f"day out of range or without month: {self.day}")
        if (self.hour is None) != (self.minute is None) or (
            self.hour is not None and (self.day is None or not 0 <= self.hour <= 23)
        ):
            raise ValueError("a time needs hour, minute and a full date")
        if self.minute is not None and not 0 <= self.minute <= 59:
            raise ValueError(f"minute out of range: {self.minute}")
        if self.end_year is not None:
            if (self.month is None) != (self.end_month is None) or self.day is not None:
                raise ValueError("a range joins two years or two year-months")
            if (self.end_year, self.end_month or 0) <= (self.year, self.month or 0):
                raise ValueError("a range must end after it starts")
            if self.end_month is not None and not 1 <= self.end_month <= 12:
                raise ValueError(f"month out of range: {self.end_month}")
        elif self.end_month is not None:
            raise ValueError("an end month needs an end year")

    def iso(self) -> str:
        """ISO 8601 / EDTF text: ``2015``, ``2015-11``, ``2016-02-16T14:00``, ``2013/2014``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}"
        if self.end_year is not None:
            text += f"/{self.end_year:04d}"
            if self.end_month is not None:
                text += f"-{self.end_month:02d}"
        return text

    def edtf(self) -> str:
        """EDTF level-1 text, with ``~`` marking an approximate date (as biber reads it)."""
        if not self.circa:
            return self.iso()
        if self.end_year is not None:
            start, end = self.iso().split("/")
            return f"{start}~/{end}~"
        return self.iso() + "~"

    @property
    def sort_key(self) -> tuple[int, int, int, int, int]:
        return (self.year, self.month or 0, self.day or 0, self.hour or 0, self.minute or 0)


@attrs.frozen(order=True)
class Provenance:
    """Where a record was read: a file (or seed page) and a 1-based line number."""

    source: str
    line: int = 0
    note_number: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where} (note {self.note_number})" if self.note_number is not None else where


@attrs.frozen
class OriginalPublication:
    """The original of a record: print-edition title, book extracted from, translation source …"""

    kind: OriginKind = attrs.field(converter=OriginKind)
    title: str = ""
    container_title: str = ""
    publisher: str = ""
    issued: PartialDate | None = None
    language: str = ""
    author: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    related_key: str = ""  # the record of the original, where the library holds one


@attrs.frozen
class Relation:
    """A typed link from a record to another record, by citation key."""

    kind: RelationKind = attrs.field(converter=RelationKind)
    key: str
    note_numbers: tuple[int, ...] = attrs.field(default=(), converter=_tuple)


#: What a citation key may not hold (BibTeX and biber reject it, or it breaks \cite).
_KEY_FORBIDDEN = re.compile(r"[\s,{}\"#%'()=\\~]")


@attrs.frozen
class Record:
    """One work: an article, report, interview, blog post, book, or a work an article cites.

    ``appearances`` (every page and line where the work was found) is provenance and takes
    no part in equality.
    """

    key: str
    type: RecordType = attrs.field(converter=RecordType)
    title: str = ""  # empty for an untitled piece (an op-ed the page gives no headline)
    author: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    interviewer: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    editor: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    translator: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    standfirst: str = ""
    genre: str = ""
    container_title: str = ""
    section: str = ""
    publisher: str = ""
    publisher_place: str = ""
    volume: str = ""
    issue: str = ""
    page: str = ""
    issued: PartialDate | None = None
    updated: PartialDate | None = None
    accessed: PartialDate | None = None
    original: OriginalPublication | None = None
    language: str = ""
    url: str = ""
    doi: str = ""
    isbn: str = ""
    keywords: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    note: str = ""
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_tuple)
    appearances: tuple[Provenance, ...] = attrs.field(
        default=(),
        converter=_tuple,
        eq=False,
    )

    def __attrs_post_init__(self) -> None:
        if not self.key or _KEY_FORBIDDEN.search(self.key):
            raise ValueError(f"invalid citation key: {self.key!r}")

    @property
    def year(self) -> int | None:
        return self.issued.year if self.issued else None

    def related(self, kind: RelationKind) -> tuple[str, ...]:
        """Keys of the records this one links to with ``kind``."""
        return tuple(rel.key for rel in self.relations if rel.kind is kind)
