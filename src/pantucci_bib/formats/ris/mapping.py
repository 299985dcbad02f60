"""RIS ↔ Record: the one table the RIS reader and the RIS writer both follow.

Two parts, each read in both directions:

* :data:`TYPES`, pairs of a RIS reference type and a CSL type. Reading takes the *first*
  pair of a RIS type; writing takes the *first* pair of a CSL type (its preferred RIS type).
* :data:`TAGS`, rules tying a RIS tag to a record field, as Zotero's RIS translator lays
  out its ``fieldMap``: a rule without types is the tag's default, a rule with types
  overrides the default for those CSL types, ``exclude`` takes types out of the default.
  The rules of one field, in table order, are the tags it is read from by preference; the
  first of them that ``writes`` is the tag the writer uses.

What the table maps, and where it parts from Zotero's RIS translator (``RIS.js``):

* Types. CSL has types Zotero lacks, so ``ANCIENT``/``CLSWK`` read as ``classic``,
  ``MUSIC`` as ``musical_score``, ``PAMP`` as ``pamphlet``, ``JFULL`` as ``periodical``,
  ``STAND`` as ``standard``, ``DATA``/``DBASE``/``AGGR`` as ``dataset``, ``LEGAL`` as
  ``regulation`` (the RIS spec's "legal rule or regulation"; Zotero reads a case),
  ``UNBILL`` as ``bill``, ``CHART`` as ``graphic``, ``CTLG`` as ``book`` (Zotero: a
  magazine article). ``INPR`` stays a journal article (Zotero: manuscript), ``GEN`` a
  document (Zotero: journal article). ``GEN`` or ``PCOMM`` with an ``A2`` is an interview
  and ``A2`` its interviewer (``INTV`` always is one); Zotero reads ``PCOMM``'s ``A2`` as a
  letter's recipient. ``EDBOOK``'s ``AU`` names editors (the RIS spec), where Zotero reads
  authors. The writer keeps the project's corpus choices (interview and document ``GEN``,
  speech ``SPEECH``, a type of ours the reader knows) and writes ``CPAPER`` for a
  conference paper (Zotero writes ``CONF``, which EndNote reads as whole proceedings).
* Names. ``AU`` author for every type (Zotero has its own creator types — director,
  composer … — where CSL mostly says author); ``A2`` editor, but interviewer of an
  interview, performer of a song, director of a film or broadcast (Zotero: ``AU``), series
  editor (``collection_editor``, read only) of a book or a report, the issuing authority of
  a patent and the court (``authority``) of a case (Zotero: the reporter); ``A3`` series
  editor (``collection_editor``) for every type — Zotero reads a book's ``A3`` as its
  editor — but producer of a film or broadcast; ``A4`` translator; ``C2`` a chapter's book
  author (``container_author``). Editors are written as ``ED`` (the project's output since
  its first export).
* Text. ``TI`` title (``T1``, ``CT``, a book's ``BT`` read too; ``ST`` when there is no
  other, as Zotero); ``ST`` short title; ``T2`` the container for every type (Zotero: the
  series of a book, report, map or program), ``JF``, ``JO`` (as the RIS spec has it; Zotero:
  an abbreviation) and ``BT`` read too; ``T3`` series (``collection_title``); ``J2`` the
  container's abbreviation (``JA``, ``J1`` read too, and taken as the container when there
  is no other); ``ET`` edition, a program's or data set's version; ``NV`` number of
  volumes; ``M3`` genre; ``CN`` call number; ``C1`` a conference paper's event place, a
  map's scale (a map's ``SE`` read too); ``C3`` a conference paper's event title (Zotero:
  the proceedings title, with the conference name in ``T2``); ``DB`` the archive and ``DP``
  the source (library catalogue), as Zotero has them, so that both round-trip (EndNote's
  ``DB`` "name of database" lands in ``archive``); ``AN`` archive location; ``RN`` research
  notes as ``annote`` and ``LB`` as ``citation_label`` (Zotero makes notes of both); ``RI``
  the reviewed title.
* Numbers. ``VL`` volume; ``IS`` issue, but a report's or a patent's number (EndNote's
  "Number" field; Zotero writes both in ``SN``); ``M1`` the number, but a book's number in
  its series (``collection_number``, Zotero's series number; a chapter's is ``SV``), and a
  journal, magazine or newspaper article's issue when ``IS`` is absent (EndNote's habit),
  with the article number in ``C7`` (EndNote's "article number"); ``C2`` a journal
  article's PMCID (EndNote); ``SN`` an ISBN or an ISSN by its shape, else by type (the
  number of a report, patent or standard; an ISSN for periodicals; an ISBN elsewhere);
  ``SP``–``EP`` pages, but a lone ``SP`` of a book, thesis or manuscript the number of
  pages (Zotero).
* Dates. ``DA`` the date (``PY``'s year completes a ``DA`` without one: ``Jun``, ``July 1``,
  ``03/17``, ``Winter``), else ``PY`` or ``Y1``; ``Y2`` the access date, and a ``Y2`` range
  of days (a conference's: ``8-12 July 2019``) the event date, since an access date is a
  moment.
* Kept only as written (no field): ``L1``, ``L3``, ``L4`` (attachments), ``RP``, ``M2``,
  ``AD``, ``CA``, ``C4``–``C6``, ``C8``, ``U1``–``U5``, ``Y3``, ``CR``, ``TA``, ``TT``
  and any tag the table does not know: the reader keeps them
  (:class:`~pantucci_bib.model.Verbatim`) and the writer gives them back after its own tags.
* Not written, for want of a tag: the other CSL names (chair, curator, host …), the dates
  other than issued and accessed, a personal communication's recipient (read from ``A2``
  of ``ICOMM``; in ``PCOMM``, ``A2`` makes an interview), relations between records, and
  the update date.
"""

from __future__ import annotations

import functools

import attrs

from pantucci_bib.model import RecordType as T

#: The format name of the :class:`~pantucci_bib.model.Verbatim` fields RIS keeps.
FORMAT = "ris"

#: RIS type ↔ CSL type. The first pair of a RIS type is how it is read; the first pair of
#: a CSL type is the RIS type it is written as. Grouped by CSL type, preferred pair first.
TYPES: tuple[tuple[str, T], ...] = (
    ("JOUR", T.ARTICLE_JOURNAL),
    ("EJOUR", T.ARTICLE_JOURNAL),
    ("ABST", T.ARTICLE_JOURNAL),
    ("INPR", T.ARTICLE_JOURNAL),
    ("MGZN", T.ARTICLE_MAGAZINE),
    ("NEWS", T.ARTICLE_NEWSPAPER),
    ("RPRT", T.REPORT),
    ("GOVDOC", T.REPORT),
    ("GEN", T.DOCUMENT),
    ("GRANT", T.DOCUMENT),
    ("GRNT", T.DOCUMENT),
    ("EQUA", T.DOCUMENT),
    ("GEN", T.INTERVIEW),  # an interviewer (A2) makes a GEN an interview
    ("INTV", T.INTERVIEW),  # not in the RIS spec, but written by some tools
    ("BLOG", T.POST_WEBLOG),
    ("ELEC", T.WEBPAGE),
    ("WEB", T.WEBPAGE),  # not in the RIS spec; EndNote
    ("BOOK", T.BOOK),
    ("EBOOK", T.BOOK),
    ("EDBOOK", T.BOOK),
    ("SER", T.BOOK),
    ("CTLG", T.BOOK),
    ("CHAP", T.CHAPTER),
    ("ECHAP", T.CHAPTER),
    ("SPEECH", T.SPEECH),  # not in the RIS spec: the project's own, read back as written
    ("SLIDE", T.SPEECH),
    ("GEN", T.ARTICLE),
    ("BILL", T.BILL),
    ("UNBILL", T.BILL),
    ("MPCT", T.MOTION_PICTURE),
    ("VIDEO", T.MOTION_PICTURE),
    ("ADVS", T.MOTION_PICTURE),
    ("MULTI", T.MOTION_PICTURE),
    ("MPCT", T.BROADCAST),  # after the films: MPCT reads as a film
    ("CLSWK", T.CLASSIC),
    ("ANCIENT", T.CLASSIC),
    ("GEN", T.COLLECTION),
    ("DATA", T.DATASET),
    ("DBASE", T.DATASET),
    ("AGGR", T.DATASET),
    ("ENCYC", T.ENTRY_ENCYCLOPEDIA),
    ("DICT", T.ENTRY_DICTIONARY),
    ("ENCYC", T.ENTRY),
    ("GEN", T.EVENT),
    ("FIGURE", T.FIGURE),
    ("ART", T.GRAPHIC),
    ("CHART", T.GRAPHIC),
    ("HEAR", T.HEARING),
    ("CASE", T.LEGAL_CASE),
    ("STAT", T.LEGISLATION),
    ("MANSCPT", T.MANUSCRIPT),
    ("UNPB", T.MANUSCRIPT),
    ("UNPD", T.MANUSCRIPT),
    ("MAP", T.MAP),
    ("MUSIC", T.MUSICAL_SCORE),
    ("PAMP", T.PAMPHLET),
    ("CPAPER", T.PAPER_CONFERENCE),
    ("CONF", T.PAPER_CONFERENCE),
    ("PAT", T.PATENT),
    ("GEN", T.PERFORMANCE),
    ("JFULL", T.PERIODICAL),
    ("PCOMM", T.PERSONAL_COMMUNICATION),
    ("ICOMM", T.PERSONAL_COMMUNICATION),
    ("ELEC", T.POST),
    ("LEGAL", T.REGULATION),
    ("JOUR", T.REVIEW),
    ("JOUR", T.REVIEW_BOOK),
    ("COMP", T.SOFTWARE),
    ("SOUND", T.SONG),
    ("STAND", T.STANDARD),
    ("THES", T.THESIS),
    ("GEN", T.TREATY),
)

#: RIS type → the CSL type it is read as.
READ_TYPES: dict[str, T] = {}
#: CSL type → the RIS type it is written as.
WRITE_TYPES: dict[T, str] = {}
for _ris, _csl in TYPES:
    READ_TYPES.setdefault(_ris, _csl)
    WRITE_TYPES.setdefault(_csl, _ris)

#: RIS types whose ``A2`` (when present) makes the record an interview.
INTERVIEW_TYPES = frozenset({"GEN", "PCOMM"})
#: RIS types whose ``AU`` names the editors (an edited book).
EDITED_TYPES = frozenset({"EDBOOK"})


@attrs.frozen
class TagRule:
    """One RIS tag read into one record field (and written from it, where ``writes``).

    No ``types``: the tag's default, for every CSL type not in ``exclude``. With
    ``types``: the tag's meaning for those types, over its default.
    """

    tag: str
    field: str
    types: frozenset[T] = frozenset()
    exclude: frozenset[T] = frozenset()
    writes: bool = True


def _rule(
    tag: str, field: str, *types: T, exclude: tuple[T, ...] = (), writes: bool = True
) -> TagRule:
    return TagRule(tag, field, frozenset(types), frozenset(exclude), writes)


_ARTICLES = (T.ARTICLE_JOURNAL, T.ARTICLE_MAGAZINE, T.ARTICLE_NEWSPAPER, T.REVIEW, T.REVIEW_BOOK)
_BOOKS = (T.BOOK, T.MANUSCRIPT, T.CLASSIC, T.PAMPHLET)
_FILMS = (T.MOTION_PICTURE, T.BROADCAST)
#: Types whose lone ``SP`` (a number, no ``EP``) is the number of pages, as Zotero has it.
_COUNTED = (T.BOOK, T.THESIS, T.MANUSCRIPT)
COUNTED_TYPES = frozenset(_COUNTED)

#: Tag ↔ field rules. Fields in :data:`SPECIAL_FIELDS` are read and written by code of
#: their own (dates, pages, keywords …); the table still says which tags hold them.
TAGS: tuple[TagRule, ...] = (
    _rule("TY", "type"),
    _rule("ID", "key"),
    # names
    _rule("AU", "author"),
    _rule("A1", "author", writes=False),
    _rule("A2", "interviewer", T.INTERVIEW),
    _rule("A2", "performer", T.SONG),
    _rule("A2", "director", *_FILMS),
    _rule("A2", "collection_editor", T.BOOK, T.REPORT, writes=False),
    _rule("A2", "authority", T.PATENT, T.LEGAL_CASE),
    _rule("A2", "recipient", T.PERSONAL_COMMUNICATION, writes=False),
    _rule("ED", "editor"),
    _rule("A2", "editor", writes=False),
    _rule("A4", "translator"),
    _rule("A3", "producer", *_FILMS),
    _rule("A3", "collection_editor"),
    _rule("C2", "container_author", T.CHAPTER),
    # titles
    _rule("TI", "title"),
    _rule("T1", "title", writes=False),
    _rule("CT", "title", writes=False),
    _rule("BT", "title", *_BOOKS, writes=False),
    _rule("T2", "container_title"),
    _rule("JF", "container_title", writes=False),
    _rule("JO", "container_title", writes=False),
    _rule("BT", "container_title", writes=False),
    _rule("T3", "collection_title"),
    _rule("ST", "title_short"),
    _rule("J2", "container_title_short"),
    _rule("JA", "container_title_short", writes=False),
    _rule("J1", "container_title_short", writes=False),
    _rule("SE", "section"),
    _rule("M3", "genre"),
    _rule("PB", "publisher"),
    _rule("CY", "publisher_place"),
    _rule("C1", "event_place", T.PAPER_CONFERENCE),
    _rule("C1", "scale", T.MAP),
    _rule("SE", "scale", T.MAP, writes=False),
    _rule("C3", "event_title", T.PAPER_CONFERENCE),
    _rule("VL", "volume"),
    _rule("IS", "number", T.PATENT, T.REPORT),
    _rule("IS", "issue"),
    _rule("M1", "issue", *_ARTICLES, writes=False),
    _rule("NV", "number_of_volumes"),
    _rule("ET", "version", T.SOFTWARE, T.DATASET),
    _rule("ET", "edition"),
    _rule("C7", "number", *_ARTICLES),
    _rule("M1", "collection_number", T.BOOK),
    _rule("SV", "collection_number", T.CHAPTER),
    _rule("M1", "number"),
    _rule("SV", "number", T.LEGAL_CASE, writes=False),
    _rule("C2", "pmcid", T.ARTICLE_JOURNAL),
    # pages and dates
    _rule("SP", "number_of_pages", *_COUNTED),
    _rule("SP", "page"),
    _rule("EP", "page"),
    _rule("PY", "issued"),
    _rule("Y1", "issued", writes=False),
    _rule("DA", "issued"),
    _rule("Y2", "accessed"),
    # the rest
    _rule("LA", "language"),
    _rule("UR", "url"),
    _rule("L2", "url", writes=False),
    _rule("DO", "doi"),
    _rule("SN", "isbn"),
    _rule("SN", "issn"),
    _rule("AB", "standfirst"),
    _rule("N2", "standfirst", writes=False),
    _rule("OP", "original"),
    _rule("N1", "note"),
    _rule("KW", "keywords"),
    _rule("RI", "reviewed_title"),
    _rule("CN", "call_number"),
    _rule("AN", "archive_location"),
    _rule("AV", "archive_location", writes=False),
    _rule("DB", "archive"),
    _rule("DP", "source"),
    _rule("LB", "citation_label"),
    _rule("RN", "annote"),
)

#: Fields the reader and the writer handle with code of their own.
SPECIAL_FIELDS = frozenset(
    {
        "type",
        "key",
        "page",
        "number_of_pages",
        "issued",
        "accessed",
        "original",
        "note",
        "keywords",
        "isbn",
        "issn",
    }
)

#: The order tags are written in: the table's, which keeps the order of the project's
#: first exports (TY ID AU A2 ED A4 TI T2 SE M3 PB CY VL IS SP EP PY DA Y2 LA UR DO SN AB
#: OP N1 KW). Tags the table does not know follow, in the order they were read.
TAG_ORDER: dict[str, int] = {}
_WRITTEN_ORDER = (
    "TY ID AU A1 A2 ED A4 A3 C2 TI T1 CT BT T2 JF JO T3 ST J2 JA J1 SE M3 PB CY C1 C3 "
    "VL IS NV ET C7 M1 SV SP EP PY Y1 DA Y2 LA UR L2 DO SN AB N2 OP N1 KW RI CN AN AV DB "
    "DP LB RN"
)
for _tag in _WRITTEN_ORDER.split():
    TAG_ORDER.setdefault(_tag, len(TAG_ORDER))
assert set(TAG_ORDER) == {rule.tag for rule in TAGS}, "every tag of TAGS has a place"


@functools.cache
def rule_for(tag: str, record_type: T) -> TagRule | None:
    """The rule that reads ``tag`` for ``record_type``: its own, else the tag's default."""
    default: TagRule | None = None
    for rule in TAGS:
        if rule.tag != tag:
            continue
        if record_type in rule.types:
            return rule
        if not rule.types and default is None and record_type not in rule.exclude:
            default = rule
    return default


@functools.cache
def read_tags(field: str, record_type: T) -> tuple[str, ...]:
    """The tags ``field`` is read from for ``record_type``, most preferred first."""
    return tuple(
        rule.tag for rule in TAGS if rule.field == field and rule_for(rule.tag, record_type) is rule
    )


@functools.cache
def write_tag(field: str, record_type: T) -> str | None:
    """The tag ``field`` is written as for ``record_type`` (None: RIS has no place)."""
    for rule in TAGS:
        if rule.field == field and rule.writes and rule_for(rule.tag, record_type) is rule:
            return rule.tag
    return None


#: Fields read with the generic rule (first value, or every name), in table order.
GENERIC_FIELDS: tuple[str, ...] = tuple(
    dict.fromkeys(rule.field for rule in TAGS if rule.field not in SPECIAL_FIELDS)
)
