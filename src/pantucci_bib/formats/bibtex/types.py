"""BibTeX and BibLaTeX writing: one row per CSL type (entry types, outlet fields), fields.

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
        biblatex_subtype="newspaper",
        biblatex_publisher="",
        needs_author=True,
    ),
    RecordType.ARTICLE_MAGAZINE: TypeMap(
        "article",
        "journal",
        "article",
        "journaltitle",
        biblatex_subtype="magazine",
        biblatex_publisher="",
        needs_author=True,
    ),
    RecordType.ARTICLE_JOURNAL: TypeMap(
        "article",
        "journal",
        "article",
        "journaltitle",
        biblatex_publisher="",
        needs_author=True,
    ),
    RecordType.REPORT: TypeMap(  # the series ("Policy Briefs") is the report's type
        "techreport",
        "type",
        "report",
        "type",
        biblatex_type_field="Report",
        biblatex_publisher="institution",
    ),
    RecordType.INTERVIEW: TypeMap(
        "misc",
        "howpublished",
        "misc",
        "howpublished",
        biblatex_type_field="Interview",
        biblatex_publisher="organization",
    ),
    RecordType.POST_WEBLOG: TypeMap(
        "misc",
        "howpublished",
        "online",
        "titleaddon",
        biblatex_subtype="blog",
        biblatex_publisher="organization",
        biblatex_needs_url=True,
    ),
    RecordType.WEBPAGE: TypeMap(
        "misc",
        "howpublished",
        "online",
        "titleaddon",
        biblatex_publisher="organization",
        biblatex_needs_url=True,
    ),
    RecordType.BOOK: TypeMap(
        "book",
        "",
        "book",
        "",
    ),
    RecordType.CHAPTER: TypeMap(
        "incollection",
        "booktitle",
        "incollection",
        "booktitle",
        biblatex_no_editor="inbook",  # a part of a one-author book ("Selected Works of …")
    ),
    RecordType.SPEECH: TypeMap(
        "misc", "howpublished", "misc", "howpublished", biblatex_publisher="organization"
    ),
    RecordType.DOCUMENT: TypeMap(
        "misc", "howpublished", "misc", "howpublished", biblatex_publisher="organization"
    ),
}


def _other(bibtex: str, biblatex: str, container: str = "", **more: str | bool) -> TypeMap:
    """A type beyond the corpus's: the outlet (if any) in ``container`` for both dialects
    (``journal``/``journaltitle`` for articles, ``booktitle`` for parts, else
    ``howpublished``)."""
    bibtex_container = {"journaltitle": "journal"}.get(container, container)
    if biblatex in ("misc", "software") or more.get("biblatex_needs_url"):  # as @misc has it
        more.setdefault("biblatex_publisher", "organization")
    return TypeMap(bibtex, bibtex_container, biblatex, container, **more)  # type: ignore[arg-type]


#: The other CSL types: BibLaTeX's own type where it has one, else @misc with the CSL type
#: as ``entrysubtype`` (biber's default data model defines @legislation, @movie, @standard …
#: as "unsupported" types that allow neither title nor author: biber --validate-datamodel
#: rejects them); classic BibTeX's nearest type.
TYPES.update(
    {
        RecordType.BILL: _other("misc", "misc", "howpublished", biblatex_subtype="bill"),
        RecordType.BROADCAST: _other("misc", "misc", "howpublished", biblatex_subtype="broadcast"),
        RecordType.CLASSIC: _other(
            "book",
            "book",
        ),
        RecordType.COLLECTION: _other("misc", "misc", "howpublished"),
        RecordType.DATASET: _other("misc", "dataset", "howpublished"),
        RecordType.ENTRY: _other("incollection", "inreference", "booktitle"),
        RecordType.ENTRY_DICTIONARY: _other("incollection", "inreference", "booktitle"),
        RecordType.ENTRY_ENCYCLOPEDIA: _other("incollection", "inreference", "booktitle"),
        RecordType.EVENT: _other("misc", "misc", "howpublished"),
        RecordType.FIGURE: _other("misc", "misc", "howpublished", biblatex_subtype="figure"),
        RecordType.GRAPHIC: _other("misc", "misc", "howpublished", biblatex_subtype="graphic"),
        RecordType.HEARING: _other("misc", "misc", "howpublished", biblatex_subtype="hearing"),
        RecordType.LEGAL_CASE: _other(
            "misc", "misc", "howpublished", biblatex_subtype="legal_case"
        ),
        RecordType.LEGISLATION: _other(
            "misc", "misc", "howpublished", biblatex_subtype="legislation"
        ),
        RecordType.MANUSCRIPT: _other("unpublished", "unpublished", "howpublished"),
        RecordType.MAP: _other("misc", "misc", "howpublished", biblatex_subtype="map"),
        RecordType.MOTION_PICTURE: _other(
            "misc", "misc", "howpublished", biblatex_subtype="motion_picture"
        ),
        RecordType.MUSICAL_SCORE: _other(
            "misc", "misc", "howpublished", biblatex_subtype="musical_score"
        ),
        RecordType.PAMPHLET: _other("booklet", "booklet", "howpublished"),
        RecordType.PAPER_CONFERENCE: _other("inproceedings", "inproceedings", "booktitle"),
        RecordType.PATENT: _other("misc", "patent", "howpublished"),
        RecordType.PERFORMANCE: _other(
            "misc", "misc", "howpublished", biblatex_subtype="performance"
        ),
        RecordType.PERIODICAL: _other("misc", "periodical", "howpublished"),
        RecordType.PERSONAL_COMMUNICATION: _other(
            "misc", "misc", "howpublished", biblatex_subtype="personal_communication"
        ),
        RecordType.REGULATION: _other(
            "misc", "misc", "howpublished", biblatex_subtype="regulation"
        ),
        RecordType.REVIEW: _other(
            "article",
            "article",
            "journaltitle",
            needs_author=True,
            biblatex_subtype="review",
        ),
        RecordType.REVIEW_BOOK: _other(
            "article",
            "article",
            "journaltitle",
            needs_author=True,
            biblatex_subtype="review-book",
        ),
        RecordType.SOFTWARE: _other("misc", "software", "howpublished"),
        RecordType.SONG: _other("misc", "misc", "howpublished", biblatex_subtype="song"),
        RecordType.STANDARD: _other("misc", "misc", "howpublished", biblatex_subtype="standard"),
        RecordType.THESIS: _other("phdthesis", "thesis", biblatex_publisher="institution"),
        RecordType.TREATY: _other("misc", "misc", "howpublished", biblatex_subtype="treaty"),
    }
)


# a preprint or a post is written as a web page is (the same fields of @online and @misc)
TYPES[RecordType.ARTICLE] = TYPES[RecordType.WEBPAGE]
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
