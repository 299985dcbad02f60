"""The one declarative table of Record ↔ BibTeX / BibLaTeX / CSL / RIS types and fields.

Emitters and readers consult these tables; BibTeX-vs-BibLaTeX differences live here,
not in if-chains.
"""

from __future__ import annotations

import attrs

from pantucci_bib.model import OriginKind, RecordType


@attrs.frozen
class TypeMap:
    """How one RecordType is written in each target format."""

    bibtex: str  # entry type for classic BibTeX (plain.bst)
    bibtex_container: str  # field holding the outlet in BibTeX
    biblatex: str
    biblatex_container: str
    ris: str
    biblatex_subtype: str = ""  # entrysubtype
    biblatex_type_field: str = ""  # value of BibLaTeX's `type` field, where the type wants one
    biblatex_publisher: str = "publisher"  # field for the publisher ("" = the type has none)
    biblatex_needs_url: bool = False  # @online: without a URL, write biblatex_no_url instead
    biblatex_no_url: str = "misc"
    needs_author: bool = False  # the entry type requires an author: without one (an unsigned
    # news item), the record is written as NO_AUTHOR_TYPE is (@online, else @misc)
    biblatex_no_editor: str = ""  # entry type for a record with no editor ("" = no change)


TYPES: dict[RecordType, TypeMap] = {
    RecordType.ARTICLE_NEWSPAPER: TypeMap(
        "article",
        "journal",
        "article",
        "journaltitle",
        "NEWS",
        biblatex_subtype="newspaper",
        biblatex_publisher="",
        needs_author=True,
    ),
    RecordType.ARTICLE_MAGAZINE: TypeMap(
        "article",
        "journal",
        "article",
        "journaltitle",
        "MGZN",
        biblatex_subtype="magazine",
        biblatex_publisher="",
        needs_author=True,
    ),
    RecordType.ARTICLE_JOURNAL: TypeMap(
        "article",
        "journal",
        "article",
        "journaltitle",
        "JOUR",
        biblatex_publisher="",
        needs_author=True,
    ),
    RecordType.REPORT: TypeMap(  # the series ("Policy Briefs") is the report's type
        "techreport",
        "type",
        "report",
        "type",
        "RPRT",
        biblatex_type_field="Report",
        biblatex_publisher="institution",
    ),
    RecordType.INTERVIEW: TypeMap(
        "misc",
        "howpublished",
        "misc",
        "howpublished",
        "GEN",
        biblatex_type_field="Interview",
        biblatex_publisher="organization",
    ),
    RecordType.POST_WEBLOG: TypeMap(
        "misc",
        "howpublished",
        "online",
        "titleaddon",
        "BLOG",
        biblatex_subtype="blog",
        biblatex_publisher="organization",
        biblatex_needs_url=True,
    ),
    RecordType.WEBPAGE: TypeMap(
        "misc",
        "howpublished",
        "online",
        "titleaddon",
        "ELEC",
        biblatex_publisher="organization",
        biblatex_needs_url=True,
    ),
    RecordType.BOOK: TypeMap("book", "", "book", "", "BOOK"),
    RecordType.CHAPTER: TypeMap(
        "incollection",
        "booktitle",
        "incollection",
        "booktitle",
        "CHAP",
        biblatex_no_editor="inbook",  # a part of a one-author book ("Selected Works of …")
    ),
    RecordType.SPEECH: TypeMap(
        "misc", "howpublished", "misc", "howpublished", "SPEECH", biblatex_publisher="organization"
    ),
    RecordType.DOCUMENT: TypeMap(
        "misc", "howpublished", "misc", "howpublished", "GEN", biblatex_publisher="organization"
    ),
}


def _other(
    bibtex: str, biblatex: str, ris: str, container: str = "", **more: str | bool
) -> TypeMap:
    """A type beyond the corpus's: the outlet (if any) in ``container`` for both dialects
    (``journal``/``journaltitle`` for articles, ``booktitle`` for parts, else
    ``howpublished``)."""
    bibtex_container = {"journaltitle": "journal"}.get(container, container)
    if biblatex == "misc" or more.get("biblatex_needs_url"):  # as @misc writes it
        more.setdefault("biblatex_publisher", "organization")
    return TypeMap(bibtex, bibtex_container, biblatex, container, ris, **more)  # type: ignore[arg-type]


#: The other CSL types: BibLaTeX's own type where it has one (its data model also defines
#: the "unsupported" types legislation, jurisdiction, movie, music, image, standard …, which
#: biber reads and the standard styles print as @misc), else @misc; classic BibTeX's nearest.
TYPES.update(
    {
        RecordType.BILL: _other("misc", "legislation", "BILL", "howpublished"),
        RecordType.BROADCAST: _other("misc", "video", "MPCT", "howpublished"),
        RecordType.CLASSIC: _other("book", "book", "CLSWK"),
        RecordType.COLLECTION: _other("misc", "misc", "GEN", "howpublished"),
        RecordType.DATASET: _other("misc", "dataset", "DATA", "howpublished"),
        RecordType.ENTRY: _other("incollection", "inreference", "ENCYC", "booktitle"),
        RecordType.ENTRY_DICTIONARY: _other("incollection", "inreference", "DICT", "booktitle"),
        RecordType.ENTRY_ENCYCLOPEDIA: _other("incollection", "inreference", "ENCYC", "booktitle"),
        RecordType.EVENT: _other("misc", "misc", "GEN", "howpublished"),
        RecordType.FIGURE: _other("misc", "image", "FIGURE", "howpublished"),
        RecordType.GRAPHIC: _other("misc", "image", "ART", "howpublished"),
        RecordType.HEARING: _other("misc", "legal", "HEAR", "howpublished"),
        RecordType.LEGAL_CASE: _other("misc", "jurisdiction", "CASE", "howpublished"),
        RecordType.LEGISLATION: _other("misc", "legislation", "STAT", "howpublished"),
        RecordType.MANUSCRIPT: _other("unpublished", "unpublished", "MANSCPT", "howpublished"),
        RecordType.MAP: _other("misc", "image", "MAP", "howpublished"),
        RecordType.MOTION_PICTURE: _other("misc", "movie", "MPCT", "howpublished"),
        RecordType.MUSICAL_SCORE: _other("misc", "music", "MUSIC", "howpublished"),
        RecordType.PAMPHLET: _other("booklet", "booklet", "PAMP", "howpublished"),
        RecordType.PAPER_CONFERENCE: _other(
            "inproceedings", "inproceedings", "CPAPER", "booktitle"
        ),
        RecordType.PATENT: _other("misc", "patent", "PAT", "howpublished"),
        RecordType.PERFORMANCE: _other("misc", "performance", "GEN", "howpublished"),
        RecordType.PERIODICAL: _other("misc", "periodical", "JFULL", "howpublished"),
        RecordType.PERSONAL_COMMUNICATION: _other("misc", "letter", "PCOMM", "howpublished"),
        RecordType.REGULATION: _other("misc", "legislation", "STAT", "howpublished"),
        RecordType.REVIEW: _other("article", "review", "JOUR", "journaltitle", needs_author=True),
        RecordType.REVIEW_BOOK: _other(
            "article", "review", "JOUR", "journaltitle", needs_author=True
        ),
        RecordType.SOFTWARE: _other("misc", "software", "COMP", "howpublished"),
        RecordType.SONG: _other("misc", "audio", "SOUND", "howpublished"),
        RecordType.STANDARD: _other("misc", "standard", "STAND", "howpublished"),
        RecordType.THESIS: _other("phdthesis", "thesis", "THES", biblatex_publisher="institution"),
        RecordType.TREATY: _other("misc", "legal", "GEN", "howpublished"),
    }
)


# a preprint or a post is written as a web page is (the same fields of @online and @misc)
TYPES[RecordType.ARTICLE] = attrs.evolve(TYPES[RecordType.WEBPAGE], ris="GEN")
TYPES[RecordType.POST] = TYPES[RecordType.WEBPAGE]

#: How a record whose type ``needs_author`` is written when it names no author.
NO_AUTHOR_TYPE = RecordType.WEBPAGE

#: BibLaTeX ``date`` of an undated work: EDTF "year unspecified" (biber requires a date;
#: this one says it is unknown, and the styles print none).
UNKNOWN_DATE = "XXXX"

#: Plain string fields copied as they are (after escaping): Record attribute → field name.
BIBTEX_FIELDS: dict[str, str] = {
    "volume": "volume",
    "issue": "number",
    "page": "pages",
    "publisher": "publisher",
    "publisher_place": "address",
    "doi": "doi",
    "isbn": "isbn",
    "url": "url",
    "language": "language",
    "standfirst": "abstract",
}
BIBLATEX_FIELDS: dict[str, str] = {
    "volume": "volume",
    "issue": "number",
    "page": "pages",
    "publisher_place": "location",
    "doi": "doi",
    "isbn": "isbn",
    "url": "url",
    "standfirst": "abstract",
}
CSL_STRING_FIELDS: dict[str, str] = {
    "title": "title",
    "container_title": "container-title",
    "section": "section",
    "publisher": "publisher",
    "publisher_place": "publisher-place",
    "volume": "volume",
    "issue": "issue",
    "page": "page",
    "genre": "genre",
    "standfirst": "abstract",
    "language": "language",
    "url": "URL",
    "doi": "DOI",
    "isbn": "ISBN",
    "note": "note",
}
CSL_NAME_FIELDS: dict[str, str] = {
    "author": "author",
    "interviewer": "interviewer",
    "editor": "editor",
    "translator": "translator",
}
CSL_DATE_FIELDS: dict[str, str] = {"issued": "issued", "accessed": "accessed"}

#: BibLaTeX `relatedtype` (with an optional `relatedstring`) for each kind of original.
BIBLATEX_RELATED: dict[OriginKind, tuple[str, str]] = {
    OriginKind.EXTRACT: ("origpubin", "Extract from"),
    OriginKind.TRANSLATION: ("translationof", ""),
    OriginKind.EXPANDED: ("origpubas", "Expanded from"),
    OriginKind.REPRINT: ("reprintof", ""),
    OriginKind.PRINT_TITLE: ("", ""),
}

#: ISO 639-1 codes → BibLaTeX/babel language names.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "english",
    "zh": "chinese",
    "ru": "russian",
    "fr": "french",
    "de": "german",
    "it": "italian",
    "es": "spanish",
    "tr": "turkish",
    "ar": "arabic",
    "ja": "japanese",
    "uk": "ukrainian",
}

BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
