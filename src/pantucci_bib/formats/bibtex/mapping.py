"""BibTeX/BibLaTeX ↔ Record: the entry-type and field tables the reader and writer share.

The writer's per-type table (``TYPES``, one row per CSL type) lives in
:mod:`pantucci_bib.formats.bibtex.types`; this module holds the reading direction of entry types
(every entry type of the biblatex data model, its BibTeX aliases and the "unsupported" types
biber knows) and the fields that map one to one. Where the mapping differs from
citation-js, Better BibTeX or pandoc, docs/converting.md says so.
"""

from __future__ import annotations

from pantucci_bib.model import RecordType

#: Entry type → the CSL type it is read as (``article`` is refined by ``entrysubtype``).
ENTRY_TYPES: dict[str, RecordType] = {
    "article": RecordType.ARTICLE_JOURNAL,
    "periodical": RecordType.PERIODICAL,
    "suppperiodical": RecordType.ARTICLE_JOURNAL,
    "book": RecordType.BOOK,
    "mvbook": RecordType.BOOK,
    "collection": RecordType.BOOK,
    "mvcollection": RecordType.BOOK,
    "proceedings": RecordType.BOOK,
    "mvproceedings": RecordType.BOOK,
    "reference": RecordType.BOOK,
    "mvreference": RecordType.BOOK,
    "incollection": RecordType.CHAPTER,
    "inbook": RecordType.CHAPTER,
    "bookinbook": RecordType.CHAPTER,
    "suppbook": RecordType.CHAPTER,
    "suppcollection": RecordType.CHAPTER,
    "inproceedings": RecordType.PAPER_CONFERENCE,
    "conference": RecordType.PAPER_CONFERENCE,
    "inreference": RecordType.ENTRY,
    "techreport": RecordType.REPORT,
    "report": RecordType.REPORT,
    "manual": RecordType.REPORT,
    "thesis": RecordType.THESIS,
    "phdthesis": RecordType.THESIS,
    "mastersthesis": RecordType.THESIS,
    "online": RecordType.WEBPAGE,
    "electronic": RecordType.WEBPAGE,
    "www": RecordType.WEBPAGE,
    "misc": RecordType.DOCUMENT,
    "booklet": RecordType.PAMPHLET,
    "unpublished": RecordType.MANUSCRIPT,
    "software": RecordType.SOFTWARE,
    "dataset": RecordType.DATASET,
    "patent": RecordType.PATENT,
    "set": RecordType.DOCUMENT,
    "xdata": RecordType.DOCUMENT,
    # the biblatex data model's "unsupported" types: biber reads them, styles print @misc
    "artwork": RecordType.GRAPHIC,
    "image": RecordType.GRAPHIC,
    "audio": RecordType.SONG,
    "music": RecordType.MUSICAL_SCORE,
    "movie": RecordType.MOTION_PICTURE,
    "video": RecordType.BROADCAST,
    "legislation": RecordType.LEGISLATION,
    "jurisdiction": RecordType.LEGAL_CASE,
    "legal": RecordType.TREATY,
    "letter": RecordType.PERSONAL_COMMUNICATION,
    "review": RecordType.REVIEW,
    "standard": RecordType.STANDARD,
    "performance": RecordType.PERFORMANCE,
    "commentary": RecordType.BOOK,
    "bibnote": RecordType.DOCUMENT,
}

#: Entry types whose ``number`` is the issue of a periodical.
ISSUE_NUMBERED = frozenset({"article", "periodical", "suppperiodical", "review"})
#: Entry types whose ``number`` is the number in a ``series``.
SERIES_NUMBERED = frozenset(
    {
        "book",
        "mvbook",
        "collection",
        "mvcollection",
        "proceedings",
        "mvproceedings",
        "reference",
        "mvreference",
        "incollection",
        "inbook",
        "bookinbook",
        "suppbook",
        "suppcollection",
        "inproceedings",
        "conference",
        "inreference",
    }
)

#: biblatex's localisation keys in ``type`` → the genre CSL prints (and back).
GENRE_KEYS: dict[str, str] = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master's thesis",
    "mastersthesis": "Master's thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
    "software": "Computer software",
    "datacd": "CD-ROM",
    "audiocd": "Audio CD",
}
#: The genre of a BibTeX thesis alias that has no ``type``.
ALIAS_GENRES: dict[str, str] = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}

#: biblatex ``pubstate`` keys → CSL ``status`` text.
PUBSTATES: dict[str, str] = {
    "inpress": "in press",
    "inpreparation": "in preparation",
    "forthcoming": "forthcoming",
    "submitted": "submitted",
    "prepublished": "prepublished",
}

#: Plain text fields read one to one: field → Record attribute (aliases listed after the
#: name biblatex uses; the first present wins).
TEXT_FIELDS: dict[str, str] = {
    "edition": "edition",
    "series": "collection_title",
    "issn": "issn",
    "shorttitle": "title_short",
    "shortjournal": "container_title_short",
    "journalabbreviation": "container_title_short",
    "eventtitle": "event_title",
    "venue": "event_place",
    "pagetotal": "number_of_pages",
    "volumes": "number_of_volumes",
    "chapter": "chapter_number",
    "version": "version",
    "annotation": "annote",
    "annote": "annote",
    "part": "part",
    "pmid": "pmid",
    "pmcid": "pmcid",
}

#: ``editora``/``editorb``/``editorc`` with an ``editor?type`` → the CSL name variable.
EDITOR_TYPES: dict[str, str] = {
    "compiler": "compiler",
    "director": "director",
    "organizer": "organizer",
    "collaborator": "contributor",
    "redactor": "editorial_director",
    "founder": "series_creator",
    "translator": "translator",
}

#: ``eprinttype`` (or BibTeX's ``archiveprefix``) values read into a CSL variable.
EPRINT_TYPES: dict[str, str] = {"pubmed": "pmid", "pmcid": "pmcid", "arxiv": "number"}

#: The pseudo-field name under which a record keeps its entry type as written.
ENTRY_TYPE_FIELD = "@entrytype"
#: The pseudo-field under which a record keeps the order of its entry's fields as written.
FIELD_ORDER = "@fields"
#: The pseudo-field names of the blocks that are not entries, kept with the next entry.
BLOCK_FIELDS = ("@preamble", "@comment")
