"""The one data model: frozen value classes for bibliographic records.

A :class:`Record` has a field for every CSL 1.0.2 variable (snake_case: ``container-title`` →
``container_title``; see :mod:`pantucci_bib.vocabulary`) and a :class:`RecordType` for every
CSL item type, so any bibliography fits. What a file format carries beyond CSL (BibLaTeX's
``file``, a JabRef ``owner``, a RIS ``DB``) is kept per record as :class:`Verbatim` and written
back by that format; format knowledge itself lives in :mod:`pantucci_bib.formats`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable

import attrs


class RecordType(str, enum.Enum):
    """Every CSL 1.0.2 item type, named as CSL names it."""

    ARTICLE = "article"
    ARTICLE_JOURNAL = "article-journal"
    ARTICLE_MAGAZINE = "article-magazine"
    ARTICLE_NEWSPAPER = "article-newspaper"
    BILL = "bill"
    BOOK = "book"
    BROADCAST = "broadcast"
    CHAPTER = "chapter"
    CLASSIC = "classic"
    COLLECTION = "collection"
    DATASET = "dataset"
    DOCUMENT = "document"
    ENTRY = "entry"
    ENTRY_DICTIONARY = "entry-dictionary"
    ENTRY_ENCYCLOPEDIA = "entry-encyclopedia"
    EVENT = "event"
    FIGURE = "figure"
    GRAPHIC = "graphic"
    HEARING = "hearing"
    INTERVIEW = "interview"
    LEGAL_CASE = "legal_case"
    LEGISLATION = "legislation"
    MANUSCRIPT = "manuscript"
    MAP = "map"
    MOTION_PICTURE = "motion_picture"
    MUSICAL_SCORE = "musical_score"
    PAMPHLET = "pamphlet"
    PAPER_CONFERENCE = "paper-conference"
    PATENT = "patent"
    PERFORMANCE = "performance"
    PERIODICAL = "periodical"
    PERSONAL_COMMUNICATION = "personal_communication"
    POST = "post"
    POST_WEBLOG = "post-weblog"
    REGULATION = "regulation"
    REPORT = "report"
    REVIEW = "review"
    REVIEW_BOOK = "review-book"
    SOFTWARE = "software"
    SONG = "song"
    SPEECH = "speech"
    STANDARD = "standard"
    THESIS = "thesis"
    TREATY = "treaty"
    WEBPAGE = "webpage"

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
    """A personal or corporate name, with every part a CSL name has.

    ``particle`` is the non-dropping particle ("van" in "van Gogh"), ``dropping_particle``
    the one a style may drop ("de" in "Charles de Gaulle", family "Gaulle"). ``family_first``
    marks names written family name first, as Chinese names are ("Li Lifan"; CSL's
    ``static-ordering``); ``comma_suffix`` puts a comma before the suffix ("Read, Jr.").
    ``literal`` holds a corporate or unparsed name and excludes the other parts.
    """

    family: str = attrs.field(default="", converter=_strip)
    given: str = attrs.field(default="", converter=_strip)
    particle: str = attrs.field(default="", converter=_strip)  # non-dropping: "van", "de"
    suffix: str = attrs.field(default="", converter=_strip)
    literal: str = attrs.field(default="", converter=_strip)
    family_first: bool = False
    dropping_particle: str = attrs.field(default="", converter=_strip)
    comma_suffix: bool = False

    def __attrs_post_init__(self) -> None:
        if self.literal and (self.family or self.given or self.particle or self.dropping_particle):
            raise ValueError("a literal name cannot also have family/given parts")
        if not (self.literal or self.family or self.given):
            raise ValueError("a name needs a family name, a given name or a literal")

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
        parts = [self.given, self.dropping_particle, self.full_family]
        name = " ".join(p for p in parts if p)
        return f"{name}, {self.suffix}" if self.suffix else name


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    if month == 2 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 28
    return _DAYS_IN_MONTH[month - 1]


def _year_text(year: int) -> str:
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


@attrs.frozen
class PartialDate:
    """A date known to year, month, day or minute; maybe a range, a season, approximate.

    Years may be negative (BCE, astronomical numbering as EDTF has it). A range runs from
    the start to ``end_year``/``end_month``/``end_day``, given to the same precision as the
    start. ``season`` is CSL's (``"1"``–``"4"`` or a word such as ``"Spring"``). A date that
    is only text ("Ramadan 1420", "forthcoming") has ``literal`` and no year. ``as_written``
    keeps the source's own wording and ``reason`` explains an inferred date; neither takes
    part in equality, which is about the date itself.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    circa: bool = False
    as_written: str = attrs.field(default="", eq=False)
    reason: str = attrs.field(default="", eq=False)
    end_day: int | None = None
    season: str = ""
    literal: str = ""

    def __attrs_post_init__(self) -> None:
        if self.year is None:
            if not self.literal:
                raise ValueError("a date needs a year or a literal text")
            if any(
                part is not None
                for part in (self.month, self.day, self.hour, self.end_year, self.end_month)
            ):
                raise ValueError("a literal date has no date parts")
            return
        if not -9999 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")
        _check_day(self.year, self.month, self.day)
        if (self.hour is None) != (self.minute is None) or (
            self.hour is not None and (self.day is None or not 0 <= self.hour <= 23)
        ):
            raise ValueError("a time needs hour, minute and a full date")
        if self.minute is not None and not 0 <= self.minute <= 59:
            raise ValueError(f"minute out of range: {self.minute}")
        if self.end_year is not None:
            if (
                (self.month is None) != (self.end_month is None)
                or (self.day is None) != (self.end_day is None)
                or self.hour is not None
            ):
                raise ValueError("a range ends at the precision it starts with")
            if not -9999 <= self.end_year <= 9999:
                raise ValueError(f"year out of range: {self.end_year}")
            _check_day(self.end_year, self.end_month, self.end_day)
            if self.end_key <= self.start_key:
                raise ValueError("a range must end after it starts")
        elif self.end_month is not None or self.end_day is not None:
            raise ValueError("an end month or day needs an end year")

    @property
    def start_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)

    @property
    def end_key(self) -> tuple[int, int, int]:
        return (self.end_year or 0, self.end_month or 0, self.end_day or 0)

    def iso(self) -> str:
        """ISO 8601 / EDTF text: ``2015``, ``2015-11``, ``2016-02-16T14:00``, ``2013/2014``,
        ``-0044-03-15``; empty for a literal date."""
        if self.year is None:
            return ""
        text = _year_text(self.year)
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}"
        if self.end_year is not None:
            text += "/" + _year_text(self.end_year)
            if self.end_month is not None:
                text += f"-{self.end_month:02d}"
            if self.end_day is not None:
                text += f"-{self.end_day:02d}"
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
        return (self.year or 0, self.month or 0, self.day or 0, self.hour or 0, self.minute or 0)


def _check_day(year: int, month: int | None, day: int | None) -> None:
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    if day is not None and (month is None or not 1 <= day <= _days_in(year, month)):
        raise ValueError(f"day out of range or without month: {day}")


@attrs.frozen(order=True)
class Provenance:
    """Where a record was read: a file (or seed page) and a 1-based line number."""

    source: str
    line: int = 0
    note_number: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where} (note {self.note_number})" if self.note_number is not None else where


class Sureness(str, enum.Enum):
    """How a record's field was obtained: written on the page, inferred from it, or curated."""

    FOUND = "found"  # the page states it (a byline, a dateline, a headline)
    INFERRED = "inferred"  # reasoned from the page (archive order, the blog's owner)
    CURATED = "curated"  # a reviewed override (data/overrides.json)

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class FieldSource:
    """Where one field of a record came from: how sure, the page line, and the rule that read
    it ("byline", "intro names the outlet", "archive order" …)."""

    field: str
    sureness: Sureness = attrs.field(converter=Sureness)
    where: Provenance
    rule: str

    def __str__(self) -> str:
        return f"{self.field}: {self.sureness} at {self.where} ({self.rule})"


def with_field_source(record: Record, source: FieldSource) -> Record:
    """``record`` with ``source`` as the account of its field (replacing an earlier one)."""
    kept = tuple(s for s in record.field_sources if s.field != source.field)
    return attrs.evolve(record, field_sources=(*kept, source))


@attrs.frozen
class OriginalPublication:
    """The original of a record: print-edition title, book extracted from, translation source …

    Holds CSL's ``original-*`` variables (title, publisher, publisher place, date, author).
    """

    kind: OriginKind = attrs.field(converter=OriginKind)
    title: str = ""
    container_title: str = ""
    publisher: str = ""
    issued: PartialDate | None = None
    language: str = ""
    author: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    related_key: str = ""  # the record of the original, where the library holds one
    publisher_place: str = ""


@attrs.frozen
class Relation:
    """A typed link from a record to another record, by citation key."""

    kind: RelationKind = attrs.field(converter=RelationKind)
    key: str
    note_numbers: tuple[int, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen
class Verbatim:
    """A field exactly as a file format wrote it, kept so that the format writes it back.

    Two cases. ``rendered is None``: a field the model has no place for (BibLaTeX's ``file``,
    JabRef's ``owner``, a CSL-JSON ``custom`` object) — the format writes it back as it was.
    Otherwise the model did read the field, but its own writer would spell it differently
    (``{\\"u}`` for ü, a year given as ``"2001"`` in CSL-JSON): ``rendered`` is what the
    writer made of the record when it was read, and ``value`` replaces it for as long as the
    record still renders so — a record changed since keeps the writer's rendering. ``value``
    None means the source had no such field. ``format`` names the format that wrote it
    (``bibtex``, ``biblatex``, ``csl-json``, ``ris``); for CSL-JSON, ``value`` is JSON text.
    """

    format: str
    name: str
    value: str | None
    rendered: str | None = None


#: What a citation key may not hold (BibTeX and biber reject it, or it breaks \cite).
_KEY_FORBIDDEN = re.compile(r"[\s,{}\"#%()=\\~]")


@attrs.frozen
class Record:
    """One work, of any CSL type: an article, book, thesis, dataset, film, law …

    Every CSL variable has a field (see :mod:`pantucci_bib.vocabulary` for the names);
    ``extra`` keeps what a file format carried beyond them. ``appearances`` (every file or
    page and line where the work was found) and ``field_sources`` (for a record read from an
    archive page: how each field was obtained) are provenance and take no part in equality.
    """

    key: str
    type: RecordType = attrs.field(converter=RecordType)
    title: str = ""  # empty for an untitled piece (an op-ed the page gives no headline)
    author: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    interviewer: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    editor: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    translator: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    standfirst: str = ""  # CSL abstract: the dek under a headline, or an abstract
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
    # the other CSL name variables
    chair: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    collection_editor: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    compiler: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    composer: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    container_author: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    contributor: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    curator: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    director: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    editorial_director: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    editor_translator: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    executive_producer: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    guest: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    host: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    illustrator: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    narrator: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    organizer: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    performer: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    producer: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    recipient: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    reviewed_author: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    script_writer: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    series_creator: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    # the other CSL date variables
    available_date: PartialDate | None = None
    event_date: PartialDate | None = None
    submitted: PartialDate | None = None
    # the other CSL standard and number variables
    annote: str = ""
    archive: str = ""
    archive_collection: str = ""
    archive_location: str = ""
    archive_place: str = ""
    authority: str = ""
    call_number: str = ""
    chapter_number: str = ""
    citation_label: str = ""
    collection_number: str = ""
    collection_title: str = ""
    container_title_short: str = ""
    dimensions: str = ""
    division: str = ""
    edition: str = ""
    event: str = ""
    event_place: str = ""
    event_title: str = ""
    issn: str = ""
    jurisdiction: str = ""
    medium: str = ""
    number: str = ""
    number_of_pages: str = ""
    number_of_volumes: str = ""
    page_first: str = ""
    part: str = ""
    part_title: str = ""
    pmcid: str = ""
    pmid: str = ""
    printing: str = ""
    reviewed_genre: str = ""
    reviewed_title: str = ""
    scale: str = ""
    source: str = ""
    status: str = ""
    supplement: str = ""
    title_short: str = ""
    version: str = ""
    volume_title: str = ""
    volume_title_short: str = ""
    extra: tuple[Verbatim, ...] = attrs.field(default=(), converter=_tuple)
    appearances: tuple[Provenance, ...] = attrs.field(
        default=(),
        converter=_tuple,
        eq=False,
    )
    #: How each field read from an archive page was obtained (provenance: not in equality).
    field_sources: tuple[FieldSource, ...] = attrs.field(
        default=(), converter=_tuple, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        if not self.key or _KEY_FORBIDDEN.search(self.key):
            raise ValueError(f"invalid citation key: {self.key!r}")

    @property
    def year(self) -> int | None:
        return self.issued.year if self.issued else None

    @property
    def abstract(self) -> str:
        """CSL's name for :attr:`standfirst`."""
        return self.standfirst

    def related(self, kind: RelationKind) -> tuple[str, ...]:
        """Keys of the records this one links to with ``kind``."""
        return tuple(rel.key for rel in self.relations if rel.kind is kind)

    def verbatim(self, *formats: str) -> tuple[Verbatim, ...]:
        """The fields kept as written by any of ``formats``."""
        return tuple(field for field in self.extra if field.format in formats)
