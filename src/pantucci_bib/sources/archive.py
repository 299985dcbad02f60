"""Extract records from blog archive pages (tag, category and month pages of the two blogs).

The extractor is a pipeline of small steps, each a function that can be tested alone:

1. :func:`text_blocks` (or :func:`pantucci_bib.sources.html_page.html_blocks` for saved HTML)
   turns a page into a stream of :class:`Block` (one per line or paragraph, with its line number).
2. :func:`page_header` reads the page's subject ("Posts Tagged ‘SCO’") — every record's keyword.
3. :func:`split_posts` cuts the stream into :class:`Post` objects: the blogger's intro, the
   reposted article's title, and everything up to the next post.
4. :func:`classify_post` gives each line of a post a :class:`Kind` (intro, title, standfirst,
   byline, dateline, caption, body, bio, "Continue reading", endnotes …).
5. :func:`extract_fields` reads the classified lines into a :class:`Draft` (words as written).
6. :func:`resolve` turns a Draft into a :class:`~pantucci_bib.model.Record`: names against the
   people the page names in full and the :class:`Directory` of known people and outlets
   (``data/people.json``, ``data/outlets.json``), outlets to container titles and CSL types.
7. :func:`infer_dates` gives undated posts an approximate year from archive order and from the
   years the text refers to, marked circa with the reason.

No title, name or outlet of any particular page is written into this code: everything
page-specific is in the two data tables, which users can extend.
"""

from __future__ import annotations

import enum
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from pantucci_bib.dates import find_written
from pantucci_bib.errors import DataError, ParseError
from pantucci_bib.keys import assign_keys
from pantucci_bib.model import (
    OriginalPublication,
    OriginKind,
    PartialDate,
    Person,
    Provenance,
    Record,
    RecordType,
)
from pantucci_bib.names import parse_name, split_name_list
from pantucci_bib.problems import ParseResult, Problem

# --------------------------------------------------------------------------------------------
# The directory of known people and outlets
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Outlet:
    """Where a piece appeared: the container title records get, its CSL type and publisher."""

    name: str
    type: RecordType = attrs.field(converter=RecordType)
    publisher: str = ""
    known: bool = True  # False: read from a page, not in the table (type guessed)


@attrs.frozen
class OutletMatch:
    """An outlet named in a piece of text, with the section the text names, if any."""

    start: int
    end: int
    outlet: Outlet
    section: str = ""


@attrs.frozen
class Blog:
    """One of the archives the extractor reads (see the ``blogs`` table of outlets.json)."""

    name: str
    style: str  # "intro" or "repost"
    owner: Person | None = None
    hosts: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


@attrs.frozen
class Directory:
    """Known people (with aliases) and outlets (with aliases and sections), and the two blogs."""

    people: tuple[tuple[Person, tuple[str, ...]], ...] = ()
    outlets: tuple[tuple[str, Outlet, str], ...] = ()  # (alias, outlet, section)
    blogs: tuple[Blog, ...] = ()

    @classmethod
    def load(
        cls,
        people: str | Path | None = None,
        outlets: str | Path | None = None,
    ) -> Directory:
        """The bundled tables, extended by the user's own files of the same shape."""
        base = bundled_directory()
        if people is None and outlets is None:
            return base
        extra_people = _read_table(Path(people), "people") if people is not None else {}
        extra_outlets = _read_table(Path(outlets), "outlets") if outlets is not None else {}
        more = _directory_from(extra_people, extra_outlets, where=str(people or outlets))
        return cls(
            people=more.people + base.people,
            outlets=_sorted_aliases(more.outlets + base.outlets),
            blogs=more.blogs + base.blogs,
        )

    def person(self, text: str) -> Person | None:
        """The known person ``text`` names: an alias, or the full name in any letter case."""
        folded = _fold_name(text)
        for person, aliases in self.people:
            if text in aliases or folded == _fold_name(person.display()):
                return person
        return None

    def outlet(self, text: str) -> Outlet | None:
        """The known outlet named exactly by ``text`` (a leading "the" ignored)."""
        bare = _strip_the(text.strip(" ,.;:"))
        for alias, outlet, _section in self.outlets:
            if alias == bare or alias.casefold() == bare.casefold():
                return outlet
        return None

    def find_outlets(self, text: str) -> list[OutletMatch]:
        """Every known outlet named in ``text``, leftmost-longest, in order."""
        pattern = self._pattern()
        if pattern is None:
            return []
        found: list[OutletMatch] = []
        lookup = _alias_lookup(self.outlets)
        for match in pattern.finditer(text):
            alias = " ".join(_strip_the(match.group(0)).split())
            if alias not in lookup:
                continue
            outlet, section = lookup[alias]
            found.append(OutletMatch(match.start(), match.end(), outlet, section))
        return found

    def _pattern(self) -> re.Pattern[str] | None:
        return _alias_pattern(tuple(alias for alias, _o, _s in self.outlets))


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", text.strip())


def _fold_name(text: str) -> str:
    return " ".join(text.casefold().split())


@functools.lru_cache(maxsize=8)
def _alias_lookup(
    outlets: tuple[tuple[str, Outlet, str], ...],
) -> dict[str, tuple[Outlet, str]]:
    return {alias: (outlet, section) for alias, outlet, section in outlets}


@functools.lru_cache(maxsize=8)
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not aliases:
        return None
    parts = []
    for alias in sorted(set(aliases), key=len, reverse=True):
        body = re.escape(alias).replace(r"\ ", r"\s+")
        left = r"(?<![\w.])" if alias[:1].isascii() and alias[:1].isalnum() else ""
        right = r"(?![\w])" if alias[-1:].isascii() and alias[-1:].isalnum() else ""
        parts.append(f"{left}(?:[Tt]he\\s+)?{body}{right}")
    return re.compile("|".join(parts))


def _sorted_aliases(
    outlets: Iterable[tuple[str, Outlet, str]],
) -> tuple[tuple[str, Outlet, str], ...]:
    seen: dict[str, tuple[str, Outlet, str]] = {}
    for entry in outlets:
        seen.setdefault(entry[0], entry)  # the first table that names an alias wins
    return tuple(sorted(seen.values(), key=lambda e: (-len(e[0]), e[0])))


def _read_table(path: Path, name: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"cannot read the {name} table: {exc}", where=str(path)) from exc
    if not isinstance(data, dict):
        raise DataError(f"the {name} table must be a JSON object", where=str(path))
    return data


def _directory_from(
    people_data: Mapping[str, Any], outlet_data: Mapping[str, Any], *, where: str
) -> Directory:
    try:
        people = []
        for entry in people_data.get("people", ()):
            person = Person(
                family=entry["family"],
                given=entry.get("given", ""),
                particle=entry.get("particle", ""),
                family_first=bool(entry.get("family_first", False)),
            )
            people.append((person, tuple(entry.get("aliases", ()))))
        outlets: list[tuple[str, Outlet, str]] = []
        for entry in outlet_data.get("outlets", ()):
            outlet = Outlet(entry["name"], entry["type"], entry.get("publisher", ""))
            for alias in (entry["name"], *entry.get("aliases", ())):
                outlets.append((_strip_the(alias), outlet, ""))
            for section, aliases in entry.get("sections", {}).items():
                for alias in (section, *aliases):
                    outlets.append((_strip_the(alias), outlet, section))
        blogs = []
        for entry in outlet_data.get("blogs", ()):
            owner = entry.get("owner")
            blogs.append(
                Blog(
                    name=entry["name"],
                    style=entry.get("style", "intro"),
                    owner=Person(family=owner["family"], given=owner.get("given", ""))
                    if owner
                    else None,
                    hosts=tuple(entry.get("hosts", ())),
                    names=tuple(entry.get("names", ())),
                )
            )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(f"malformed people/outlets table: {exc}", where=where) from exc
    return Directory(tuple(people), _sorted_aliases(outlets), tuple(blogs))


@functools.lru_cache(maxsize=1)
def bundled_directory() -> Directory:
    """The bundled tables ``data/people.json`` and ``data/outlets.json``."""
    data = resources.files("pantucci_bib.data")
    people = json.loads(data.joinpath("people.json").read_text("utf-8"))
    outlets = json.loads(data.joinpath("outlets.json").read_text("utf-8"))
    return _directory_from(people, outlets, where="pantucci_bib/data")


def guess_outlet(name: str) -> Outlet:
    """An outlet no table knows: its CSL type guessed from the words of its name."""
    if re.search(
        r"\b(?:Post|Times|Tribune|Herald|News|Daily|Gazette|Observer|Telegraph|Guardian|"
        r"Standard|Mail|Express|Chronicle|Star|Sun|Mirror|Reuters|Press)\b",
        name,
    ):
        kind = RecordType.ARTICLE_NEWSPAPER
    elif re.search(
        r"\b(?:Journal|Quarterly|Studies|Affairs|History|Bulletin|Review of)\b",
        name,
    ):
        kind = RecordType.ARTICLE_JOURNAL
    elif re.search(r"\b(?:blog|Blog|Channel)\b", name):
        kind = RecordType.POST_WEBLOG
    else:
        kind = RecordType.ARTICLE_MAGAZINE
    return Outlet(name, kind, known=False)


# --------------------------------------------------------------------------------------------
# Step 1: the line stream
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Block:
    """One line (text pages) or paragraph (HTML) of a page, with its 1-based line number.

    ``hint`` carries what the HTML structure says ("post" starts a post, "title", "caption",
    "more", "posted", "bullet", "header", "site"); plain text has only "bullet". ``gap`` is the
    number of blank lines before the block.
    """

    line: int
    text: str
    hint: str = ""
    gap: int = 1


_BULLETS = "•●▪◦‣"


def text_blocks(text: str) -> list[Block]:
    """The plain-text form of a page as blocks: one per non-empty line."""
    blocks: list[Block] = []
    gap = 0
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = " ".join(raw.split())
        if not stripped:
            gap += 1
            continue
        hint = ""
        if stripped[0] in _BULLETS:
            hint = "bullet"
            stripped = stripped.lstrip(_BULLETS + " ")
            if not stripped:
                continue
        elif _POSTED.match(stripped) and find_written(stripped):
            hint = "posted"  # "Posted on March 3, 2014 by admin": the blog's date
        blocks.append(Block(number, stripped, hint, gap))
        gap = 0
    return blocks


# --------------------------------------------------------------------------------------------
# Step 2: the page header
# --------------------------------------------------------------------------------------------

_Q_OPEN = "‘'\"“«"
_Q_CLOSE = "’'\"”»"
_SUBJECT_FORMS = [
    re.compile(rf"^Posts Tagged\s+[{_Q_OPEN}](?P<subject>.+?)[{_Q_CLOSE}]$", re.I),
    re.compile(rf"^Archive for the\s+[{_Q_OPEN}](?P<subject>.+?)[{_Q_CLOSE}]\s+Category$", re.I),
    re.compile(r"^(?:Category|Tag)(?:\s+Archives?)?\s*:\s*(?P<subject>.+)$", re.I),
    re.compile(r"^Posts (?:in|filed under)\s+(?:category\s+)?(?P<subject>.+)$", re.I),
]
_PERIOD_FORMS = [
    re.compile(r"^Archive for\s+(?P<period>.+)$", re.I),
    re.compile(r"^(?:Monthly|Daily|Yearly)\s+Archives?\s*:\s*(?P<period>.+)$", re.I),
]


def page_header(blocks: Sequence[Block]) -> tuple[str | None, list[Block]]:
    """The page's subject (a tag or category; None for a month page) and the blocks after it.

    Raises nothing: a page without a recognised header simply has no subject.
    """
    for index, block in enumerate(blocks[:3]):
        if block.hint == "site":
            continue
        for form in _SUBJECT_FORMS:
            if match := form.match(block.text):
                subject = match.group("subject").strip().strip(_Q_OPEN + _Q_CLOSE).strip()
                return subject, _without(blocks, index)
        for form in _PERIOD_FORMS:
            if form.match(block.text) and find_written(block.text):
                return None, _without(blocks, index)
        if block.hint == "header":
            return block.text, _without(blocks, index)
        if block.hint != "posted":
            break
    return None, list(blocks)


def _without(blocks: Sequence[Block], index: int) -> list[Block]:
    return [b for i, b in enumerate(blocks) if i != index]


# --------------------------------------------------------------------------------------------
# Line predicates: what one line looks like on its own
# --------------------------------------------------------------------------------------------

_PIECE_WORD = re.compile(
    r"\b(?:pieces?|op-?eds?|posts?|posting|columns?|articles?|reports?|interviews?|"
    r"extracts?|essays?|commentary|commentaries|updates?|updating|papers?|chapters?|"
    r"latest|contributions?|book reviews?)\b",
    re.I,
)
_VOICE = re.compile(r"\b(?:I|I[’']m|I[’']ve|I[’']d|[Mm]y|me|Am|am|here)\b")
_GENRES = [
    (re.compile(r"\bop-?eds?\b", re.I), "op-ed"),
    (re.compile(r"\bcolumns?\b", re.I), "column"),
    (re.compile(r"\bextracts?\b|\bexcerpts?\b", re.I), "extract"),
    (re.compile(r"\breports?\b", re.I), "report"),
    (re.compile(r"\binterview(?:ed)?\b", re.I), "interview"),
]
_TERMINAL = (".", ",", ";", ":", "。", "，", "；")
_CAPTION = re.compile(
    r"(?:\b(?:photo(?:graph)?|image|illustration|picture|pic|credit|graphic)s?\b\s*"
    r"(?:by\b|:|credit\b|from\b|courtesy\b|source\b)"
    r"|\bcourtesy\s+of\b|©|\bgetty images\b|/(?:AFP|AP|Reuters|Getty|EPA)\b"
    r"|\(pic from here\)|\bpic from here\b|\bvia (?:AP|AFP|Reuters|Getty)\b)",
    re.I,
)
_MORE = re.compile(
    r"^(?:continue reading|read more|more|\(more\W*\)|read the rest(?: of this entry)?|"
    r"keep reading|full article)\W*$",
    re.I,
)
_FULL_ARTICLE_LINK = re.compile(
    r"^(?:please\s+)?(?:follow|click|see|read|go)\b.{0,40}\b(?:full|entire|whole|rest of)\b"
    r".{0,30}\b(?:article|piece|text|paper)\b",
    re.I,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ROLE_WORDS = _words(
    """senior junior fellow research researcher director editor professor correspondent analyst
    associate staff writer reporter contributor chief head deputy lecturer visiting scholar
    programme program institute university centre center department share published updated
    photo credit illustration publication"""
)
_NOT_NAMES = _words(
    """china chinese russia russian us u.s. uk eu europe european beijing moscow the a an this
    that president minister government council organization organisation union bank summit
    central asia asian west western east eastern new my our his her their its it if in on at
    for of from with by and or but why how what when where who notes note conclusion
    introduction"""
)
_PARTICLES = _words("van von der den de del della di da dos du la le ter ten al el bin ibn")
_NAME = r"[A-Z][\w’'.-]*(?:\s+(?:(?:van|von|de|der|da|di|del|la|le|bin|al)\s+)?[A-Z][\w’'.-]*){1,3}"
_NAME_LIST = rf"{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*"


def is_cjk(text: str) -> bool:
    """True when most of ``text`` is written in Chinese, Japanese or Korean characters."""
    letters = [ch for ch in text if not ch.isspace()]
    if not letters:
        return False
    cjk = sum(1 for ch in letters if "\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    return cjk / len(letters) > 0.3


def looks_like_name(text: str) -> bool:
    """True when ``text`` could be one personal name ("Anna B. Smith", "Wang Wei", "王小明")."""
    text = text.strip()
    if is_cjk(text):
        return 2 <= len(text.replace(" ", "")) <= 4
    tokens = text.split()
    if not 1 <= len(tokens) <= 5:
        return False
    if any(t.lower().strip(".,") in _ROLE_WORDS | _NOT_NAMES for t in tokens):
        return False
    if all(t.lower() in _PARTICLES for t in tokens):
        return False
    return all(t[0].isupper() or t.lower() in _PARTICLES for t in tokens if t) and not any(
        ch.isdigit() for ch in text
    )


_FURNITURE = re.compile(
    r"^(?:Posted in\b|Filed under\b|Tags?:|Tagged\b|Categories:|Leave a (?:comment|reply)\b|"
    r"\d+ (?:Comments?|Responses?)\b|No (?:Comments|Responses)\b|Comments? (?:\(\d+\)|Off\b|"
    r"are closed)|Share this:|Like this:|Permalink\b|«\s*(?:Older|Newer|Previous)|"
    r"(?:Older|Newer|Previous|Next) (?:Entries|Posts)\b)",
    re.I,
)
_POSTED = re.compile(r"^(?:Posted|Published)\s+(?:on|by)\b", re.I)


def is_more(text: str) -> bool:
    """A "Continue reading" / "More" link, a pointer to the full article elsewhere, or the
    blog's own furniture that ends a post ("Posted in …", "3 Comments", "Tags: …")."""
    return bool(_MORE.match(text) or _FULL_ARTICLE_LINK.match(text) or _FURNITURE.match(text))


def ends_with_more(text: str) -> bool:
    """A paragraph that ends with an inline "Continue reading" link."""
    return bool(re.search(r"\s(?:Continue reading|Read more)\W*$", text)) and not is_more(text)


def is_caption(text: str) -> bool:
    """An image caption, credit or alt text that says so ("Photo: …", "© …", a file name)."""
    if len(text) < 400 and _CAPTION.search(text):
        return True
    if " " not in text and re.search(r"[\d_-]", text) and not re.match(r"^\d+\.", text):
        return True
    return bool(re.search(r"\.(?:jpe?g|png|gif|webp)\b", text, re.I))


def is_titlelike(text: str) -> bool:
    """A line that could be a headline: short, no closing full stop, not a known line form."""
    if not text or len(text) > 200 or len(text.split()) > 30:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in _Q_OPEN):
        return False
    if text.endswith(_TERMINAL) or re.match(r"^\d{1,3}[.)]\s", text):
        return False
    if is_cjk(text) or is_caption(text) or is_more(text) or is_bio(text):
        return False
    if byline_names(text) is not None or dateline(text) is not None:
        return False
    return not (len(text.split()) > 1 and text.isupper())


def looks_like_alt_text(text: str) -> bool:
    """A short lower-case label of an image ("station platform photo"), or a caption."""
    return is_caption(text) or (
        text[:1].islower() and len(text.split()) <= 8 and not text.endswith(".")
    )


def is_intro(text: str, directory: Directory | None = None) -> bool:
    """The blogger's own paragraph introducing a post ("A new piece for X with Tom …").

    It must name the piece ("piece", "op-ed", "column", "posting" …) and score two of: the
    piece word among its first dozen words, the blogger's own voice ("I", "my", "here"),
    an outlet from the table (which counts twice), an unknown "piece for Capitalised Name".
    """
    if not 25 <= len(text) <= 2000 or is_titlelike(text) or is_print_edition(text):
        return False
    if is_caption(text) or is_bio(text) or is_more(text) or byline_names(text) is not None:
        return False
    match = _PIECE_WORD.search(text)
    if not match:
        return False
    score = 1 if len(text[: match.start()].split()) < 12 else 0
    score += 1 if _VOICE.search(text) else 0
    if (directory or bundled_directory()).find_outlets(text):
        score += 2
    elif any(unknown_outlet(sentence) for sentence in _sentences(text)):
        score += 1
    return score >= 2


_BYLINE = re.compile(r"^(?:written\s+)?by\s*:?\s+(?P<names>.+)$", re.I)
_TRAILING_BYLINE = re.compile(r"(?:^|[,;|–—-]\s*)by\s+(?P<names>[A-Z][^,;|]*)$")


def byline_names(text: str) -> list[str] | None:
    """The names of a byline ("By A and B", "By: AB", "… – 1:32pm, by A"), or None."""
    if len(text) > 250:
        return None
    match = _BYLINE.match(text)
    if match is None:
        found = find_written(text)
        if found is None:
            return None
        match = _TRAILING_BYLINE.search(text[found[1][1] :])
        if match is None:
            return None
    names = match.group("names")
    found = find_written(names)
    if found is not None:
        names = names[: found[1][0]]
    names = re.split(r"\s+[–—|]\s*|\s+-\s+|\bShare\b", names)[0].strip(" ,;:–—-")
    if not names:
        return None
    if names.upper() == names:
        names = names.title()
    names = re.sub(r"\s+(?:And|AND)\s+", " and ", names)
    # run-together names: "SmithJones" → "Smith and Jones"
    names = re.sub(r"(?<=[a-z]{3})(?=[A-Z][a-z])", " and ", names)
    people: list[str] = []
    for name in split_name_list(names):
        name = re.sub(r"^(?:Dr|Prof|Professor|Mr|Ms|Mrs)\.?\s+", "", name).strip(" .")
        if any(w.lower().strip(".,") in _ROLE_WORDS for w in name.split()) and people:
            break  # "By A, Senior Research Fellow, Some Institute"
        if looks_like_name(name):
            people.append(name)
        else:
            return None
    return people or None


def dateline(text: str) -> tuple[PartialDate, str] | None:
    """A line that is (mostly) a date; returns the date and what else the line says.

    "June 24, 2022", "PUBLISHED : Tuesday, 16 February, 2016, 2:00pm", "Global Times |
    2012-12-17 19:25:05", "Policy Notes, 11 Apr 2014", "July 19, 2012 03:30 PM Age: 2 days".
    """
    if len(text) > 160 or _CAPTION.search(text):
        return None
    found = find_written(text)
    if found is None:
        return None
    date, (start, end) = found
    residue = f"{text[:start]} {text[end:]}"
    residue = re.sub(
        r"\bAge:\s*\d+\s*\w+|\bShare\b|^\s*(?:PUBLISHED|UPDATED)\s*:|发表于", " ", residue
    )
    residue = residue.strip(" ,;:|–—-\u3000")
    if _BYLINE.match(residue) or _TRAILING_BYLINE.search(" " + residue):
        return date, residue
    if len(residue.split()) <= 5 and not residue.endswith("."):
        return date, residue
    return None


_FIRST_PUBLISHED = re.compile(
    r"^(?:this\s+(?:article|piece|op-?ed)\s+(?:was\s+)?)?(?:first|originally)\s+"
    r"(?:published|appeared|posted|ran)\s+(?:in|by|on|at|with|for)\s+(?P<rest>.+)$",
    re.I,
)
_STAMP = re.compile(r"^(?P<which>PUBLISHED|UPDATED)\s*:\s*(?P<rest>.+)$", re.I)
_PUBLICATION = re.compile(
    r"^Publication:\s*(?P<outlet>.+?)(?:\s+Volume:\s*(?P<volume>\S+))?"
    r"(?:\s+Issue:\s*(?P<issue>\S+))?\s*$",
    re.I,
)
_PRINT_EDITION = re.compile(
    r"^This (?:article|piece|story|op-?ed) (?:appeared|was published|ran) in (?:the )?"
    r"(?P<outlet>.+?)\s+print edition\s+(?:as|under the (?:title|headline))\s*:?\s+"
    r"(?P<title>.+?)\.?$",
    re.I,
)
_BIO = re.compile(
    rf"^(?:(?:The|This)\s+(?:author|writer)s?\s+(?:is|are|was)\b"
    rf"|(?:Dr\.?\s+)?(?P<names>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)\s+(?:is|are|was|were)\s+"
    r"(?i:(?:(?:now|currently|also|a|an|the|both)\s+)*"
    r"(?:senior|junior|visiting|associate|non-?resident|research|director|deputy|secretary|"
    r"head|professor|lecturer|editor|co-?editor|authors?|co-?authors?|fellow|founder|chair|"
    r"analyst|researcher|adviser|advisor|consultant|journalist|correspondent|writer|"
    r"contributor|programme|program|doctoral|phd|post-?doctoral|former|assistant|"
    r"based|working)\b))"
)


def is_print_edition(text: str) -> bool:
    """ "This article appeared in the X print edition as TITLE"."""
    return bool(_PRINT_EDITION.match(text))


def is_bio(text: str) -> bool:
    """A contributor note: "X is a senior fellow at …", "The author is …"."""
    return len(text) <= 800 and bool(_BIO.match(text))


def bio_names(text: str) -> list[str]:
    """The people a contributor note is about, as written."""
    found: list[str] = []
    for sentence in _sentences(text):
        match = _BIO.match(sentence)
        if match and match.group("names"):
            found.extend(n for n in split_name_list(match.group("names")) if looks_like_name(n))
    return found


def _sentences(text: str) -> list[str]:
    # a full stop followed by a capital ends a sentence, and so does a run-together bio
    # ("… of StudiesAnna Smith is …")
    return [
        s
        for s in re.split(
            r"(?<=[.!?])\s+(?=[A-Z“\"‘(])|(?<=[a-z.])(?=[A-Z][a-z]+ [A-Z][a-z]+ is )", text
        )
        if s
    ]


# --------------------------------------------------------------------------------------------
# Step 3: posts
# --------------------------------------------------------------------------------------------


def _block_tuple(items: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(items)


@attrs.frozen
class Post:
    """The blocks of one post; ``title_index`` points at the headline (None: untitled)."""

    blocks: tuple[Block, ...] = attrs.field(converter=_block_tuple)
    title_index: int | None = None

    @property
    def title(self) -> Block | None:
        return None if self.title_index is None else self.blocks[self.title_index]

    @property
    def first_line(self) -> int:
        return self.blocks[0].line


_ZONE_SIGNALS = ("byline", "dateline", "published")


def zone_kind(text: str) -> str:
    """What a line right under a headline is: byline, dateline, published, caption or ""."""
    if _FIRST_PUBLISHED.match(text) or _PUBLICATION.match(text) or is_print_edition(text):
        return "published"
    if _STAMP.match(text):
        return "dateline"
    if byline_names(text) is not None:
        return "byline"
    if dateline(text) is not None:
        return "dateline"
    if is_caption(text):
        return "caption"
    return ""


def _signal_follows(blocks: Sequence[Block], index: int, *, limit: int = 6) -> bool:
    """A byline, dateline or 'First published' line soon after ``index``, before any body."""
    for block in blocks[index + 1 : index + 1 + limit]:
        if block.hint == "post":
            return False
        kind = zone_kind(block.text)
        if kind in _ZONE_SIGNALS and not is_print_edition(block.text):
            return True
        if kind == "caption" or block.hint in ("caption", "bullet"):
            continue
        if len(block.text) > 320 or is_intro(block.text):
            return False
    return False


def _title_after_intro(blocks: Sequence[Block], index: int) -> tuple[bool, int | None]:
    """Whether the intro at ``index`` opens a post, and where its headline is."""
    nxt = index + 1
    if nxt >= len(blocks):
        return False, None
    block = blocks[nxt]
    if is_titlelike(block.text) and block.hint not in ("caption", "bullet"):
        return True, nxt
    later = nxt
    while later < min(len(blocks), nxt + 2) and (
        blocks[later].hint == "caption"
        or is_caption(blocks[later].text)
        or (looks_like_alt_text(blocks[later].text) and not is_titlelike(blocks[later].text))
    ):
        later += 1
    if nxt < later < len(blocks) and is_titlelike(blocks[later].text):
        return True, later  # an image (caption, alt text) between the intro and the headline
    after = nxt + 1
    if (
        after < len(blocks)
        and len(block.text) <= 600
        and _VOICE.search(block.text)
        and not zone_kind(block.text)
        and not is_bio(block.text)
        and is_titlelike(blocks[after].text)
        and _signal_follows(blocks, after)
    ):
        return True, after  # the intro runs on for a second paragraph
    if is_cjk(block.text) or zone_kind(block.text) in ("byline", "dateline"):
        # an untitled post, or a translation printed above the English original
        for later in range(nxt, min(len(blocks), nxt + 60)):
            text = blocks[later].text
            if is_cjk(text) or zone_kind(text) in ("dateline", "byline", "caption"):
                continue
            if is_titlelike(text) and any(is_cjk(b.text) for b in blocks[nxt:later]):
                return True, later
            break
        return True, None
    return False, None


def split_posts(blocks: Sequence[Block]) -> list[Post]:
    """Cut a page (without its header) into posts.

    Saved HTML marks posts (``hint="post"``) and headlines; plain text is cut where a blogger's
    intro is followed by a headline (or directly by a date or byline: an untitled post), and
    where a headline-like line is followed by a byline, a date or a 'First published' line.
    """
    if any(b.hint == "post" for b in blocks):
        return _split_marked(blocks)
    starts: list[tuple[int, int | None]] = []
    zone_end = -1
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if index > zone_end:
            if is_intro(block.text):
                opens, title = _title_after_intro(blocks, index)
                if opens:
                    starts.append((index, title))
                    zone_end = _zone_end(blocks, title if title is not None else index)
                    index = zone_end + 1
                    continue
            after_more = index > 0 and (
                is_more(blocks[index - 1].text) or ends_with_more(blocks[index - 1].text)
            )
            if is_titlelike(block.text) and (
                _signal_follows(blocks, index)
                or (
                    after_more
                    and index + 1 < len(blocks)
                    and not is_titlelike(blocks[index + 1].text)
                )
            ):
                starts.append((index, index))
                zone_end = _zone_end(blocks, index)
                index = zone_end + 1
                continue
        index += 1
    posts = []
    for number, (start, title) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(blocks)
        posts.append(Post(blocks[start:end], None if title is None else title - start))
    return posts


def _split_marked(blocks: Sequence[Block]) -> list[Post]:
    posts = []
    current: list[Block] = []
    groups: list[list[Block]] = []
    for block in blocks:
        if block.hint == "post":
            if current:
                groups.append(current)
            current = []
            continue
        current.append(block)
    if current:
        groups.append(current)
    for group in groups:
        titles = [i for i, b in enumerate(group) if b.hint == "title"]
        if not titles:
            posts.extend(
                split_posts([attrs.evolve(b, hint="") if b.hint == "post" else b for b in group])
            )
            continue
        title_at = titles[0]
        title = group[title_at]
        before = [b for b in group[:title_at] if b.hint in ("posted",)]
        rest = [b for b in group[title_at + 1 :] if b.hint != "title"]
        intro: list[Block] = []
        # the blogger's intro is the first paragraph of the entry; the headline may repeat
        content = [b for b in rest if b.hint not in ("posted",)]
        posted = [b for b in rest if b.hint == "posted"]
        for position, block in enumerate(content[:3]):
            if block.hint == "caption":
                continue
            if is_intro(block.text) and _fold(block.text) != _fold(title.text):
                intro = [content.pop(position)]
            break
        content = [b for b in content if _fold(b.text) != _fold(title.text)]
        ordered = [*intro, title, *before, *posted, *content]
        posts.append(Post(ordered, len(intro)))
    return posts


def _fold(text: str) -> str:
    return re.sub(r"\W", "", text.casefold())


def _zone_end(blocks: Sequence[Block], title: int) -> int:
    """Index of the last line of the header zone under a headline (bylines, dates, captions)."""
    last = min(len(blocks) - 1, title + 12)
    for index in range(title + 1, last + 1):
        if blocks[index].hint == "post":
            last = index - 1
            break
    _lines, body_from = _classify_zone(blocks, title + 1, last, after_title=True)
    return body_from - 1


# --------------------------------------------------------------------------------------------
# Step 4: classify the lines of a post
# --------------------------------------------------------------------------------------------


class Kind(str, enum.Enum):
    """What a line of a post is."""

    INTRO = "intro"
    TITLE = "title"
    STANDFIRST = "standfirst"
    BYLINE = "byline"
    DATELINE = "dateline"
    PUBLISHED = "published"  # 'First published in …', 'Publication: …', print-edition note
    CAPTION = "caption"
    POSTED = "posted"  # the blog's own post date (saved HTML)
    BODY = "body"
    HEADING = "heading"
    BIO = "bio"
    MORE = "more"
    ENDNOTE = "endnote"
    CONTRIBUTOR = "contributor"
    ORIGINAL = "original"  # the other-language version printed above a translation

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Classified:
    """One block of a post and its kind."""

    block: Block
    kind: Kind


_NOTES_HEADING = re.compile(
    r"^(?:Notes|Endnotes|End notes|References|Footnotes|Sources|Bibliography)\s*:?$", re.I
)
_CONTRIBUTORS_HEADING = re.compile(
    r"^(?:Notes on contributors?|About the authors?|Contributors?|About the contributors?)\s*:?$",
    re.I,
)


def classify_post(post: Post) -> list[Classified]:
    """Give every block of ``post`` a :class:`Kind`."""
    blocks = post.blocks
    out: list[Classified] = []
    title = post.title_index
    intro_only = 1 if blocks and is_intro(blocks[0].text) else 0
    before = intro_only if title is None else title
    # before the headline: the intro, then (translations) the other-language version
    for index in range(before):
        block = blocks[index]
        second = (
            index == 1
            and title == 2
            and not is_cjk(block.text)
            and not is_titlelike(block.text)
            and not looks_like_alt_text(block.text)
            and block.hint != "caption"
        )
        if (index == 0 and (is_intro(block.text) or title is not None)) or (
            second and not zone_kind(block.text)
        ):
            out.append(Classified(block, Kind.INTRO))
        elif block.hint == "posted":
            out.append(Classified(block, Kind.POSTED))
        elif zone_kind(block.text) in ("dateline", "byline"):
            out.append(Classified(block, Kind.DATELINE))
        elif not is_cjk(block.text) and (
            block.hint == "caption"
            or is_caption(block.text)
            or is_titlelike(block.text)
            or looks_like_alt_text(block.text)
        ):
            out.append(Classified(block, Kind.CAPTION))
        else:
            out.append(Classified(block, Kind.ORIGINAL))
    start = before
    if title is not None:
        out.append(Classified(blocks[title], Kind.TITLE))
        start = title + 1
    last = min(len(blocks) - 1, start + 11)
    zone, body_from = _classify_zone(blocks, start, last, after_title=title is not None)
    out.extend(zone)
    out.extend(_classify_body(blocks[body_from:]))
    return out


def _classify_zone(
    blocks: Sequence[Block], start: int, end: int, *, after_title: bool
) -> tuple[list[Classified], int]:
    """Classify the header zone; return the lines and the index where the body begins."""
    out: list[Classified] = []
    standfirst_open = True
    for index in range(start, end + 1):
        block = blocks[index]
        text = block.text
        kind = zone_kind(text)
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.hint == "post" or (index > start and is_intro(text)):
            return out, index
        if block.hint == "posted":
            out.append(Classified(block, Kind.POSTED))
        elif block.hint == "caption" or kind == "caption":
            out.append(Classified(block, Kind.CAPTION))
        elif kind == "published":
            out.append(Classified(block, Kind.PUBLISHED))
        elif kind == "byline":
            out.append(Classified(block, Kind.BYLINE))
        elif kind == "dateline":
            out.append(Classified(block, Kind.DATELINE))
        elif is_bio(text):
            out.append(Classified(block, Kind.BIO))
        elif standfirst_open and (
            block.hint == "bullet"
            or _is_standfirst(text, first=after_title and index == start, next_block=nxt)
        ):
            out.append(Classified(block, Kind.STANDFIRST))
        elif len(text.split()) < 8 and not text.endswith((".", "!", "?")) and not is_more(text):
            out.append(Classified(block, Kind.CAPTION))
        else:
            return out, index
        if out[-1].kind is not Kind.STANDFIRST and any(c.kind is Kind.STANDFIRST for c in out):
            standfirst_open = False
    return out, end + 1


def _is_standfirst(text: str, *, first: bool, next_block: Block | None) -> bool:
    words = len(text.split())
    if words < 6 or len(text) > 320:
        return False
    if not text.endswith((".", "!", "?", "”", "’", '"')):
        return words >= 8
    if first and len(text) <= 150:
        return True
    if len(_sentences(text)) > 2:
        return False
    if next_block is None:
        return False
    nxt = next_block.text
    return (
        next_block.hint == "caption"
        or zone_kind(nxt) in ("caption", *_ZONE_SIGNALS)
        or (len(nxt.split()) < 8 and not nxt.endswith((".", "!", "?")) and not is_more(nxt))
    )


def _classify_body(blocks: Sequence[Block]) -> list[Classified]:
    out: list[Classified] = []
    section = ""  # "", "notes", "contributors"
    for block in blocks:
        text = block.text
        if block.hint == "posted":
            out.append(Classified(block, Kind.POSTED))
        elif block.hint == "more" or is_more(text):
            out.append(Classified(block, Kind.MORE))
        elif _CONTRIBUTORS_HEADING.match(text):
            section = "contributors"
            out.append(Classified(block, Kind.HEADING))
        elif _NOTES_HEADING.match(text):
            section = "notes"
            out.append(Classified(block, Kind.HEADING))
        elif section == "notes":
            out.append(Classified(block, Kind.ENDNOTE))
        elif section == "contributors" and looks_like_name(text):
            out.append(Classified(block, Kind.CONTRIBUTOR))
        elif is_bio(text):
            out.append(Classified(block, Kind.BIO))
        elif is_print_edition(text):
            out.append(Classified(block, Kind.PUBLISHED))
        elif block.hint == "caption" or is_caption(text):
            out.append(Classified(block, Kind.CAPTION))
        elif is_titlelike(text) and len(text) <= 120:
            out.append(Classified(block, Kind.HEADING))
        else:
            out.append(Classified(block, Kind.BODY))
    return out


# --------------------------------------------------------------------------------------------
# Step 5: fields, as the page writes them
# --------------------------------------------------------------------------------------------


@attrs.frozen
class Draft:
    """What one post says about its article, as written (names and outlets unresolved)."""

    line: int
    title: str = ""
    intro: str = ""
    standfirst: str = ""
    byline: tuple[str, ...] = ()
    date: PartialDate | None = None
    updated: PartialDate | None = None
    posted: PartialDate | None = None
    outlet: str = ""  # from 'First published in X', an outlet|date stamp, 'Publication: X'
    volume: str = ""
    issue: str = ""
    print_title: str = ""
    print_outlet: str = ""
    bios: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # interview speaker labels ("Q", "Anna Smith")
    body: str = ""  # body, headings, endnotes, captions: read only for the years they mention
    original_text: str = ""  # the other-language version above a translation
    translator: str = ""
    dateline_names: tuple[str, ...] = ()
    bad_dates: tuple[tuple[int, str], ...] = ()


_LABEL = re.compile(r"^(?P<label>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}):\s+\S")
_TRANSLATOR = re.compile(r"[（(]\s*(?P<name>[\u4e00-\u9fff]{2,4})\s*译\s*[）)]")
_DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{4}\b", re.I
)


def extract_fields(classified: Sequence[Classified]) -> Draft:
    """Read the classified lines of one post into a :class:`Draft`."""
    fields: dict[str, Any] = {"line": classified[0].block.line if classified else 0}
    standfirst: list[str] = []
    bios: list[str] = []
    body: list[str] = []
    original: list[str] = []
    contributors: list[str] = []
    labels: list[str] = []
    bad: list[tuple[int, str]] = []
    byline: list[str] = []
    dateline_names: list[str] = []
    for item in classified:
        text, line = item.block.text, item.block.line
        kind = item.kind
        if kind is Kind.INTRO:
            fields["intro"] = f"{fields['intro']} {text}" if "intro" in fields else text
        elif kind is Kind.TITLE:
            fields["title"] = text.strip()
            fields["line"] = line
        elif kind is Kind.STANDFIRST:
            standfirst.append(text)
        elif kind is Kind.BYLINE:
            byline.extend(byline_names(text) or ())
            found = find_written(text)
            if found and "date" not in fields:
                fields["date"] = found[0]
        elif kind is Kind.DATELINE:
            _read_dateline(text, line, fields, bad, dateline_names, byline)
        elif kind is Kind.PUBLISHED:
            _read_published(text, line, fields, bad)
        elif kind is Kind.POSTED:
            found = find_written(text)
            if found:
                fields.setdefault("posted", found[0])
        elif kind is Kind.BIO:
            bios.append(text)
        elif kind is Kind.CONTRIBUTOR:
            contributors.append(text)
        elif kind is Kind.ORIGINAL:
            original.append(text)
            if match := _TRANSLATOR.search(text):
                fields["translator"] = match.group("name")
        elif kind in (Kind.BODY, Kind.HEADING, Kind.ENDNOTE, Kind.CAPTION):
            body.append(text)
            if kind is Kind.BODY and (match := _LABEL.match(text)):
                labels.append(match.group("label"))
    if "title" not in fields:
        fields["line"] = classified[0].block.line if classified else 0
    return Draft(
        **fields,
        standfirst=" ".join(standfirst),
        byline=tuple(byline),
        bios=tuple(bios),
        contributors=tuple(contributors),
        labels=tuple(labels),
        body="\n".join(body),
        original_text="\n".join(original),
        dateline_names=tuple(dateline_names),
        bad_dates=tuple(bad),
    )


def _read_dateline(
    text: str,
    line: int,
    fields: dict[str, Any],
    bad: list[tuple[int, str]],
    names: list[str],
    byline: list[str],
) -> None:
    for part in re.split(r"(?=\bUPDATED\s*:)", text):
        part = part.strip()
        if not part:
            continue
        stamp = _STAMP.match(part)
        found = find_written(part)
        if found is None:
            bad.append((line, part))
            continue
        which = "updated" if stamp and stamp.group("which").upper() == "UPDATED" else "date"
        fields.setdefault(which, found[0])
        parsed = dateline(part)
        residue = parsed[1] if parsed else ""
        if not residue:
            continue
        if trailing := byline_names(residue if _BYLINE.match(residue) else f"x, {residue}"):
            byline.extend(trailing)
        elif is_cjk(residue) and looks_like_name(residue):
            names.append(residue)
        elif "outlet" not in fields and not is_cjk(residue):
            fields["outlet"] = residue


def _read_published(
    text: str, line: int, fields: dict[str, Any], bad: list[tuple[int, str]]
) -> None:
    if match := _PRINT_EDITION.match(text):
        fields["print_outlet"] = _strip_the(match.group("outlet"))
        fields["print_title"] = match.group("title").strip()
        return
    if match := _PUBLICATION.match(text):
        fields.setdefault("outlet", match.group("outlet").strip())
        if match.group("volume"):
            fields["volume"] = match.group("volume")
        if match.group("issue"):
            fields["issue"] = match.group("issue")
        return
    match = _FIRST_PUBLISHED.match(text)
    if match is None:
        return
    rest = match.group("rest").strip()
    found = find_written(rest)
    if found is not None:
        fields.setdefault("date", found[0])
        outlet = rest[: found[1][0]]
    elif "," in rest:
        outlet, _sep, tail = rest.rpartition(",")
        if _DATE_WORDS.search(tail) or tail.strip():
            bad.append((line, tail.strip()))
    else:
        outlet = rest
    outlet = re.sub(r"\s+(?:on|at|in|dated)$", "", outlet.strip(" ,;:–—-"))
    fields.setdefault("outlet", _strip_the(outlet))


# --------------------------------------------------------------------------------------------
# Step 6: resolve names, outlets and kinds into a Record
# --------------------------------------------------------------------------------------------


@attrs.frozen
class PageContext:
    """What resolving one post needs from the rest of its page."""

    source: str
    directory: Directory
    blog: Blog
    subject: str | None = None
    people: tuple[Person, ...] = ()  # everyone the page names in full


_COAUTHOR = re.compile(
    r"\b(?:with|alongside|and|co-?authors?|co-?written with)\s+"
    r"(?:(?:my|the|our|his|her|a|an)\s+)?"
    r"(?:(?:excellent|wonderful|good|great|old|dear|friend|colleague|and|co-?authors?|"
    r"long-?time|regular|fellow|brilliant|esteemed|frequent)\s+)*"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)
_SOLO = re.compile(r"\bsolo\b|\bby myself\b|\bon my own\b", re.I)
_SAYS = re.compile(
    rf"^(?P<names>{_NAME_LIST})\s+(?:says?|argues?|writes?|stud(?:y|ies)|examines?|looks?|"
    r"explains?|asks?|considers?|warns?|believes?|suggests?|contends?|explores?|assess(?:es)?|"
    r"analy[sz]es?|discuss(?:es)?|outlines?|reflects?|urges?)\b"
)
_SPOKE = re.compile(
    rf"(?P<who>[\w.’'-]+(?:\s+[\w.’'-]+){{0,3}})\s+(?:spoke|talked|speaks|talks)\s+(?:to|with)\s+"
    rf"(?P<whom>{_NAME})"
)
_INTERVIEW_WITH = re.compile(rf"\binterview(?:ed)?\s+with\s+(?P<name>{_NAME})", re.I)
_EXPANDED = re.compile(
    r"\b(?:earlier|shorter|original|first)\s+version\s+of\s+this\s+(?:piece|article|op-?ed)\s+"
    r"(?:appeared|was published|ran|came out)\s+(?:in|on|by|at)\s+(?P<rest>.+)",
    re.I,
)
_REPOSTED = re.compile(r"\b(?:re-?posted|cross-?posted|republished)\s+(?:on|at|in)\s+", re.I)
_BOOK_OF = re.compile(
    r"\bauthors?\s+of\s+(?:the\s+forthcoming\s+)?[“\"]?(?P<title>[A-Z][^(“”\"]+?)[”\"]?\s*"
    r"(?:\((?P<pub>[^),]+)|[.”\"]|$)"
)
_OUTLET_AFTER = re.compile(
    r"\b(?:(?:for|by|at|in)\s+(?:the|today[’']s|this week[’']s|this month[’']s|this year[’']s)"
    r"|for|by|published by|published in|appeared in|in)\s+"
    r"(?P<name>[A-Z][\w’'.&-]*(?:\s+(?:of|and|for|on|the|&|[A-Z][\w’'.&-]*))*)"
)


def unknown_outlet(sentence: str) -> tuple[int, int, str] | None:
    """A capitalised name after "piece for / in the / at the …" that no table knows."""
    piece = _PIECE_WORD.search(sentence)
    if piece is None:
        return None
    for match in _OUTLET_AFTER.finditer(sentence, piece.end()):
        if len(sentence[piece.end() : match.start()].split()) > 8:
            break
        name = re.sub(r"(?:\s+(?:and|of|for|on|the|&))+$", "", match.group("name")).strip(" .,")
        bare = not re.match(r"(?:for|by|at|in)\s+\S+\s", match.group(0)) and match.group(
            0
        ).startswith("in ")
        if bare and len(name.split()) < 2:
            continue  # "in Beijing": a place, not a paper
        if name and looks_like_outlet_name(name):
            return match.start("name"), match.start("name") + len(name), name
    return None


def intro_sentences(text: str) -> list[str]:
    """The sentences of an intro paragraph."""
    return _sentences(text)


def intro_outlet(intro: str, directory: Directory) -> tuple[OutletMatch | None, str]:
    """The outlet the intro says the piece was written for, and the sentence that says it.

    The first sentence that names a known outlet decides; an outlet the intro only says an
    earlier version appeared in, or that the post was re-posted on, does not count.
    """
    for sentence in intro_sentences(intro):
        cut = sentence
        if match := _EXPANDED.search(cut):
            cut = cut[: match.start()] + " " * (len(cut) - match.start())
            later = re.search(
                r"\b(?:this|the)\s+(?:expanded|longer|new|updated)\s+version", sentence
            )
            if later:
                cut = " " * later.start() + sentence[later.start() :]
        for reposted in _REPOSTED.finditer(cut):
            end = reposted.end()
            cut = (
                cut[:end]
                + re.sub(r"[^,]", " ", cut[end:].split(",")[0])
                + cut[end + len(cut[end:].split(",")[0]) :]
            )
        found = directory.find_outlets(cut)
        if found:
            first = found[0]
            for other in found[1:]:
                if other.outlet == first.outlet and other.section and not first.section:
                    first = attrs.evolve(first, section=other.section)
            return first, sentence
    for sentence in intro_sentences(intro):
        if found_unknown := unknown_outlet(sentence):
            start, end, name = found_unknown
            return OutletMatch(start, end, guess_outlet(name)), sentence
    return None, ""


def looks_like_outlet_name(name: str) -> bool:
    """A capitalised phrase that could name a publication (not a month, weekday or place word)."""
    first = name.split()[0].lower().strip("’'s")
    return first not in _NOT_NAMES and first not in _CALENDAR_WORDS


_CALENDAR_WORDS = _words(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday"""
)


def _up_to(intro: str, sentence: str) -> str:
    """The intro up to and including ``sentence`` (the one naming the outlet)."""
    sentences = intro_sentences(intro)
    if sentence in sentences:
        return " ".join(sentences[: sentences.index(sentence) + 1])
    return sentences[0] if sentences else intro


def genre_of(intro: str) -> str:
    """The kind of piece the intro announces: op-ed, column, extract, report, interview or ""."""
    first: tuple[int, str] | None = None
    for pattern, genre in _GENRES:
        match = pattern.search(intro)
        if match and (first is None or match.start() < first[0]):
            first = (match.start(), genre)
    return first[1] if first else ""


def resolve_person(text: str, ctx: PageContext) -> Person:
    """A name as written → a Person: the directory, then the page's people, then parsing."""
    text = " ".join(text.split()).strip(" ,.;:")
    if text.isupper() and not is_cjk(text):
        text = text.title()
    if person := ctx.directory.person(text):
        return person
    folded = _fold_name(text)
    for person in ctx.people:
        if folded == _fold_name(person.display()):
            return person
    if (
        len(text.split()) == 1
        and not is_cjk(text)
        and (match := _first_name_match(text, ctx.people))
    ):
        return match
    if is_cjk(text):
        compact = text.replace(" ", "")
        return Person(family=compact[0], given=compact[1:], family_first=True)
    return parse_name(text)


def _first_name_match(token: str, people: Iterable[Person]) -> Person | None:
    """The page's person whose first name ``token`` is (or begins: "Tom" → "Tomasz")."""
    candidates = []
    for person in people:
        given = person.given.split()[0] if person.given else ""
        if not given:
            continue
        if given == token or (len(token) >= 3 and given.startswith(token)):
            candidates.append(person)
    unique = {p.display(): p for p in candidates}
    return next(iter(unique.values())) if len(unique) == 1 else None


def known_person(text: str, ctx: PageContext) -> Person | None:
    """The person a first name or full name refers to, only if the page or table knows them."""
    text = text.strip()
    if person := ctx.directory.person(text):
        return person
    folded = _fold_name(text)
    for person in ctx.people:
        if folded == _fold_name(person.display()):
            return person
    if len(text.split()) == 1:
        return _first_name_match(text, ctx.people)
    return None


def intro_coauthors(sentence: str, ctx: PageContext) -> list[Person]:
    """Co-authors the intro names ("with Tom", "with my co-author Wang Wei")."""
    found: list[Person] = []
    for match in _COAUTHOR.finditer(sentence):
        name = match.group("name")
        words = name.split()
        # "with Tom for The Review": try the longest run of words that is a known person
        for size in range(len(words), 0, -1):
            person = known_person(" ".join(words[:size]), ctx)
            if person is not None:
                if person not in found:
                    found.append(person)
                break
        else:
            piece = _PIECE_WORD.search(sentence)
            near = piece is not None and len(sentence[piece.end() : match.start()].split()) <= 3
            cue = re.search(r"co-?author", match.group(0))
            candidate = " ".join(w for w in words if w[0].isupper())
            if (
                (near or cue)
                and len(candidate.split()) >= 2
                and looks_like_name(candidate)
                and not ctx.directory.find_outlets(candidate)
            ):
                person = parse_name(candidate)
                if person not in found:
                    found.append(person)
    return found


def standfirst_authors(standfirst: str) -> list[str]:
    """Authors a standfirst names ("Wang Wei and Anna Smith study …")."""
    match = _SAYS.match(standfirst)
    if not match:
        return []
    names = split_name_list(match.group("names"))
    if names and all(looks_like_name(n) and len(n.split()) >= 2 for n in names):
        return names
    return []


def resolve(draft: Draft, ctx: PageContext) -> tuple[Record, list[Problem]]:
    """Turn one post's :class:`Draft` into a Record (with a provisional key) and problems."""
    where = Provenance(ctx.source, draft.line)
    problems = [
        Problem(Provenance(ctx.source, line), f"cannot read the date {text!r}")
        for line, text in draft.bad_dates
    ]
    match, sentence = intro_outlet(draft.intro, ctx.directory) if draft.intro else (None, "")
    genre = genre_of(_up_to(draft.intro, sentence)) if draft.intro else ""
    interview = genre == "interview" or bool(re.search(r"\binterview\b", draft.title, re.I))

    # the outlet: what the article's own header lines say, else the intro, else the blog
    outlet: Outlet | None = None
    section = ""
    if draft.outlet:
        outlet = ctx.directory.outlet(draft.outlet)
        if outlet is None and match is not None and match.outlet.name.startswith(draft.outlet):
            outlet = match.outlet
        if outlet is None:
            outlet = guess_outlet(draft.outlet)
    if outlet is None and match is not None:
        outlet, section = match.outlet, match.section
    elif outlet is not None and match is not None and match.outlet == outlet:
        section = match.section
    if outlet is None:
        outlet = ctx.directory.outlet(ctx.blog.name) or Outlet(
            ctx.blog.name, RecordType.POST_WEBLOG
        )
        if ctx.blog.style == "intro":
            problems.append(
                Problem(
                    where, "the post names no outlet; recorded as a post on the blog", "warning"
                )
            )
    if not outlet.known:
        problems.append(
            Problem(
                where,
                f"outlet {outlet.name!r} is not in the outlets table; "
                f"type guessed as {outlet.type}",
                "warning",
            )
        )

    # people
    authors, interviewer = _people(draft, ctx, sentence, interview)
    if not authors:
        problems.append(Problem(where, "cannot attribute the post: no author found"))

    record_type = outlet.type
    container, publisher = outlet.name, outlet.publisher
    if interview:
        record_type = RecordType.INTERVIEW
    elif genre == "report":
        record_type = RecordType.REPORT
        container, publisher = "", outlet.publisher or outlet.name
    original = _original(draft, ctx, authors, genre)
    language = "zh" if draft.original_text and is_cjk(draft.original_text) else "en"
    if not draft.title and not draft.intro:
        problems.append(Problem(where, "cannot attribute the post: no title and no intro"))
    record = Record(
        key="draft",
        type=record_type,
        title=draft.title,
        author=tuple(authors),
        interviewer=tuple(interviewer),
        translator=(resolve_person(draft.translator, ctx),) if draft.translator else (),
        standfirst=draft.standfirst,
        genre={"op-ed": "op-ed", "column": "column"}.get(genre, "")
        or (
            "book extract"
            if genre == "extract" and re.search(r"\bbook\b", draft.intro, re.I)
            else ""
        ),
        container_title=container,
        section=section,
        publisher=publisher,
        volume=draft.volume,
        issue=draft.issue,
        issued=draft.date,
        updated=draft.updated,
        original=original,
        language=language,
        note=""
        if draft.title
        else "Untitled on the archive page: the post names the outlet and date only",
        keywords=(ctx.subject,) if ctx.subject else (),
        appearances=(where,),
    )
    return record, problems


def _people(
    draft: Draft, ctx: PageContext, sentence: str, interview: bool
) -> tuple[list[Person], list[Person]]:
    byline = [resolve_person(n, ctx) for n in draft.byline]
    named = [resolve_person(n, ctx) for n in standfirst_authors(draft.standfirst)]
    contributors = [resolve_person(n, ctx) for n in draft.contributors]
    cjk_names = [p for n in draft.dateline_names if (p := ctx.directory.person(n))]
    owner = [ctx.blog.owner] if ctx.blog.owner else []
    if interview:
        interviewee = _interviewee(draft, ctx) or named or cjk_names or owner
        interviewer = byline or _interviewer(draft, ctx)
        return _unique(interviewee), _unique(p for p in interviewer if p not in interviewee)
    if byline:
        return _unique(byline), []
    if named:
        return _unique(named), []
    if contributors:
        return _unique(contributors), []
    if cjk_names:
        return _unique(cjk_names), []
    if ctx.blog.style == "intro" and draft.intro:
        coauthors = (
            [] if _SOLO.search(draft.intro) else intro_coauthors(sentence or draft.intro, ctx)
        )
        return _unique(owner + coauthors), []
    return [], []


def _unique(people: Iterable[Person]) -> list[Person]:
    out: list[Person] = []
    for person in people:
        if person not in out:
            out.append(person)
    return out


def _interviewee(draft: Draft, ctx: PageContext) -> list[Person]:
    if match := _INTERVIEW_WITH.search(draft.title):
        return [resolve_person(match.group("name"), ctx)]
    for text in (draft.body, draft.standfirst):
        if match := _SPOKE.search(text):
            return [resolve_person(match.group("whom"), ctx)]
    for label in draft.labels:
        if person := known_person(label, ctx):
            return [person]
    return []


def _interviewer(draft: Draft, ctx: PageContext) -> list[Person]:
    for text in (draft.body, draft.standfirst):
        if match := _SPOKE.search(text):
            who = match.group("who")
            found = ctx.directory.find_outlets(who)
            if found:
                return [Person(literal=found[-1].outlet.name)]
            words = who.split()
            for size in (3, 2):
                candidate = " ".join(words[-size:])
                if looks_like_name(candidate):
                    return [resolve_person(candidate, ctx)]
            return [Person(literal=words[-1])]
    return []


def _original(
    draft: Draft, ctx: PageContext, authors: Sequence[Person], genre: str
) -> OriginalPublication | None:
    if draft.print_title:
        outlet = ctx.directory.outlet(draft.print_outlet)
        return OriginalPublication(
            OriginKind.PRINT_TITLE,
            title=draft.print_title,
            container_title=outlet.name if outlet else draft.print_outlet,
        )
    if draft.original_text and is_cjk(draft.original_text) and draft.title:
        return OriginalPublication(
            OriginKind.TRANSLATION, title=draft.title, language="en", author=tuple(authors)
        )
    if match := _EXPANDED.search(draft.intro):
        found = ctx.directory.find_outlets(match.group("rest"))
        container = found[0].outlet.name if found else ""
        return OriginalPublication(OriginKind.EXPANDED, container_title=container)
    if genre == "extract":
        title = publisher = ""
        for bio in draft.bios:
            if book := _BOOK_OF.search(bio):
                title = book.group("title").strip(" .")
                publisher = (book.group("pub") or "").strip()
                break
        return OriginalPublication(OriginKind.EXTRACT, title=title, publisher=publisher)
    return None


# --------------------------------------------------------------------------------------------
# Step 7: approximate dates for undated posts
# --------------------------------------------------------------------------------------------

_YEAR = re.compile(r"(?<![\d/-])(?:19[5-9]\d|20\d\d)(?![\d/-])")


def years_mentioned(text: str) -> list[int]:
    """The years a text refers to (1950–2099), in order of appearance."""
    return [int(y) for y in _YEAR.findall(text)]


def infer_dates(
    records: Sequence[Record], drafts: Sequence[Draft]
) -> tuple[list[Record], list[Problem]]:
    """Give each undated record an approximate year, marked circa, with the reason.

    Archive pages list posts newest first. An undated post is no older than the nearest
    dated post below it and no newer than the nearest dated post above it; it was written
    no earlier than the latest year its text refers to (within those bounds). A post date
    the saved HTML gives beats both.
    """
    out = list(records)
    problems: list[Problem] = []
    dated = [r.issued if r.issued and not r.issued.circa else None for r in records]
    for index, record in enumerate(records):
        if record.issued is not None:
            continue
        draft = drafts[index]
        if draft.posted is not None:
            year = draft.posted.year
            reason = (
                f"No date in the article; the blog post is dated {draft.posted.iso()}, "
                "so the article is taken to be from that year."
            )
            out[index] = attrs.evolve(record, issued=PartialDate(year, circa=True, reason=reason))
            continue
        newer = _neighbour(records, dated, range(index - 1, -1, -1))
        older = _neighbour(records, dated, range(index + 1, len(records)))
        upper = newer[1].year if newer else None
        lower = older[1].year if older else None
        mentioned = [
            y
            for y in years_mentioned("\n".join((draft.standfirst, draft.body)))
            if upper is None or y <= upper
        ]
        latest = max(mentioned) if mentioned else None
        if lower is not None:
            year = lower
        elif upper is not None:
            year = upper
        elif latest is not None:
            year = latest
        else:
            problems.append(
                Problem(
                    record.appearances[0] if record.appearances else Provenance("?"),
                    "no date on the page and none could be inferred",
                )
            )
            continue
        if latest is not None and latest > year:
            year = latest
        parts = ["No readable date on the page." if draft.bad_dates else "No date on the page."]
        if newer or older:
            around = []
            if newer:
                around.append(f"below {_label(newer[0])} ({newer[1].iso()})")
            if older:
                around.append(f"above {_label(older[0])} ({older[1].iso()})")
            parts.append("In archive order it sits " + " and ".join(around) + ".")
        if latest is not None:
            parts.append(f"The latest year the text refers to is {latest}.")
        parts.append(f"Estimated year: {year}.")
        out[index] = attrs.evolve(
            record, issued=PartialDate(year, circa=True, reason=" ".join(parts))
        )
    return out, problems


def _neighbour(
    records: Sequence[Record], dated: Sequence[PartialDate | None], indexes: Iterable[int]
) -> tuple[Record, PartialDate] | None:
    for index in indexes:
        date = dated[index]
        if date is not None:
            return records[index], date
    return None


def _label(record: Record) -> str:
    if record.title:
        return f"'{record.title}'"
    return f"the {record.container_title or 'untitled'} piece"


# --------------------------------------------------------------------------------------------
# The whole page
# --------------------------------------------------------------------------------------------


def detect_blog(blocks: Sequence[Block], posts: Sequence[Post], directory: Directory) -> Blog:
    """Which blog a page is from: what the saved HTML says, else the shape of its posts."""
    site = " ".join(b.text for b in blocks if b.hint == "site").casefold()
    if site:
        for blog in directory.blogs:
            if any(h.casefold() in site for h in blog.hosts) or any(
                n.casefold() in site for n in blog.names
            ):
                return blog
    intro_led = sum(1 for p in posts if p.blocks and p.title_index != 0)
    style = "intro" if 2 * intro_led >= len(posts) else "repost"
    for blog in directory.blogs:
        if blog.style == style:
            return blog
    return Blog("", style)


def page_people(drafts: Iterable[Draft], directory: Directory) -> tuple[Person, ...]:
    """Everyone a page names in full: bylines, standfirsts, bios, contributor notes."""
    names: list[str] = []
    for draft in drafts:
        names.extend(n for n in draft.byline if len(n.split()) >= 2)
        names.extend(standfirst_authors(draft.standfirst))
        names.extend(n for n in draft.contributors if len(n.split()) >= 2)
        for bio in draft.bios:
            names.extend(n for n in bio_names(bio) if len(n.split()) >= 2)
    people: list[Person] = []
    for name in names:
        if name.isupper():
            name = name.title()
        person = directory.person(name)
        if person is None:
            try:
                person = parse_name(name)
            except ValueError:
                continue
        if person not in people:
            people.append(person)
    return tuple(people)


def parse_blocks(
    blocks: Sequence[Block], source: str, directory: Directory | None = None
) -> ParseResult:
    """Run the whole pipeline over a page's blocks.

    Raises :class:`~pantucci_bib.errors.ParseError` when the page has no posts at all (it is
    not an archive page); everything odd inside a post is a :class:`Problem`.
    """
    directory = directory or bundled_directory()
    subject, rest = page_header(blocks)
    posts = split_posts(rest)
    if not posts:
        raise ParseError("not an archive page: no posts found", where=source)
    blog = detect_blog(blocks, posts, directory)
    drafts = [extract_fields(classify_post(post)) for post in posts]
    ctx = PageContext(source, directory, blog, subject, page_people(drafts, directory))
    records: list[Record] = []
    problems: list[Problem] = []
    for draft in drafts:
        record, found = resolve(draft, ctx)
        records.append(record)
        problems.extend(found)
    records, found = infer_dates(records, drafts)
    problems.extend(found)
    keys = assign_keys(records)
    records = [attrs.evolve(r, key=k) for r, k in zip(records, keys, strict=True)]
    return ParseResult(records, problems)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is an HTML document rather than the plain-text form of a page."""
    head = text[:2000].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.search(r"<(?:html|body|head)\b", head)
    )


def read_archive(text: str, source: str, *, directory: Directory | None = None) -> ParseResult:
    """Read one archive page (plain text or saved HTML) into records and problems.

    This is the reader registered as ``"archive"``: it does not apply the curated overrides
    or merge reposts across pages; :func:`pantucci_bib.extract` does both.
    """
    if not text.strip():
        raise ParseError("empty page", where=source)
    if looks_like_html(text):
        from pantucci_bib.sources.html_page import html_blocks

        try:
            blocks = html_blocks(text)
        except ParseError as exc:
            raise ParseError(exc.message, where=exc.where or source) from exc
    else:
        blocks = text_blocks(text)
    return parse_blocks(blocks, source, directory)
