"""Stage 1: a page's text as a stream of :class:`Block` (one line or paragraph each, with its
line number), and the page header ("Posts Tagged ‘SCO’") that gives every record its keyword.

Saved HTML becomes the same stream in :mod:`pantucci_bib.pages.html`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from pantucci_bib.dates import find_written
from pantucci_bib.model import PartialDate
from pantucci_bib.pages.phrasings import (
    AUTHOR_HEADER,
    LISTING_FURNITURE,
    POSTED_LINE,
    SEARCH_HEADER,
)


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
    #: text the HTML sets apart inside the paragraph (italics, citations, links): the way a
    #: page marks a publication's name, a clue for the outlet span scorer
    marks: tuple[str, ...] = ()


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
        elif _POSTED.match(stripped) and (find_written(stripped) or _POSTED_BY.match(stripped)):
            hint = "posted"  # "Posted on March 3, 2014 by admin": the blog's date
        blocks.append(Block(number, stripped, hint, gap))
        gap = 0
    return blocks


_Q_OPEN = "‘'\"“«"
_Q_CLOSE = "’'\"”»"
_SUBJECT_FORMS = [
    re.compile(rf"^Posts Tagged\s+[{_Q_OPEN}](?P<subject>.+?)[{_Q_CLOSE}]$", re.I),
    re.compile(rf"^Archive for the\s+[{_Q_OPEN}](?P<subject>.+?)[{_Q_CLOSE}]\s+Category$", re.I),
    re.compile(r"^(?:Category|Tag)(?:\s+Archives?)?\s*:\s*(?P<subject>.+)$", re.I),
    re.compile(r"^Posts (?:in|filed under)\s+(?:category\s+)?(?P<subject>.+)$", re.I),
    # "Showing posts tagged: X", "Everything we have filed under X", "Articles tagged X"
    re.compile(
        r"^(?:showing\s+)?(?:all\s+)?(?:posts|articles|entries|everything)\b[^:]{0,30}?"
        r"\b(?:tagged(?:\s+with)?|filed\s+under|in\s+(?:the\s+)?category)\s*:?\s+(?P<subject>[^.]+)$",
        re.I,
    ),
]
_PERIOD_FORMS = [
    re.compile(r"^Archive for\s+(?P<period>.+)$", re.I),
    re.compile(r"^(?:Monthly|Daily|Yearly)\s+Archives?\s*:\s*(?P<period>.+)$", re.I),
    re.compile(r"^(?:Year|Month|Day)\s*:\s*(?P<period>.+)$", re.I),
]
_SEPS = "|:·•–—-"
#: A separator between a blog's name and the page's subject in a header ("X | Blog").
_NAME_SEP = re.compile(r"^\s*(?:[|:·•–—-]\s*)?(?P<rest>.*?)\s*(?:[|:·•–—-])?\s*$")


def _blog_line(text: str, blog_names: Sequence[str]) -> str | None:
    """What a line naming the blog says besides the name ("Turkmenistan | Blog" →
    "Turkmenistan", the name alone → ""), or None when the line does not open or end with a
    blog's name."""
    for name in blog_names:
        for rest in (
            text[len(name) :] if text.casefold().startswith(name.casefold()) else None,
            text[: -len(name)] if text.casefold().endswith(name.casefold()) else None,
        ):
            if rest is None:
                continue
            bare = rest.strip()
            match = _NAME_SEP.match(rest)
            if match and (not bare or bare[:1] in _SEPS or bare[-1:] in _SEPS):
                return match["rest"]
    return None


def page_header(
    blocks: Sequence[Block], blog_names: Sequence[str] = ()
) -> tuple[str | None, list[Block]]:
    """The page's subject (a tag or category; None for a month page) and the blocks after it.

    A first line that is a blog's name (``blog_names``), alone or with the subject after a
    separator ("China in Central Asia — Uzbekistan"), is the site's header and no post.
    Raises nothing: a page without a recognised header simply has no subject.
    """
    for index, block in enumerate(blocks[:3]):
        if block.hint == "site":
            continue
        if not block.hint and (rest := _blog_line(block.text, blog_names)) is not None:
            after_name = _without(blocks, index)
            if _tagline(after_name, index):
                after_name = _without(after_name, index)  # the site's description line
            subject, after = page_header(after_name)
            return subject or _subject_of(rest) or None, after
        if SEARCH_HEADER.match(block.text) or page_author([block]):
            return None, _after_listing_header(blocks, index)  # no subject: search or author
        for form in _SUBJECT_FORMS:
            if match := form.match(block.text):
                subject = match.group("subject").strip().strip(_Q_OPEN + _Q_CLOSE).strip()
                return subject, _without(blocks, index)
        for form in _PERIOD_FORMS:
            if (match := form.match(block.text)) and period_of(match.group("period")):
                return None, _without(blocks, index)
        if block.hint == "header":
            return block.text, _without(blocks, index)
        if block.hint != "posted":
            break
    return None, list(blocks)


def _subject_of(rest: str) -> str:
    """The subject a blog's name line gives after its name: "Kazakhstan" of "X — Kazakhstan",
    "SCO" of "X | Tag: SCO", nothing of "X — Month: April 2018"."""
    for form in _SUBJECT_FORMS:
        if match := form.match(rest):
            return match.group("subject").strip().strip(_Q_OPEN + _Q_CLOSE).strip()
    if any((m := f.match(rest)) and period_of(m.group("period")) for f in _PERIOD_FORMS):
        return ""
    return rest


def _tagline(blocks: Sequence[Block], index: int) -> bool:
    """Whether ``blocks[index]``, right under the blog's name, is the site's description
    ("Thoughts on China and Central Asia"): a short line without a closing stop, followed by
    the archive's own header ("Month: April 2018", "Posts Tagged ‘SCO’") or, on a home page,
    by the first post's headline."""
    if index + 1 >= len(blocks):
        return False
    line, nxt = blocks[index], blocks[index + 1]
    if line.hint or nxt.hint or len(line.text.split()) > 15 or line.text.endswith((".", "!", "?")):
        return False
    if any(f.match(nxt.text) for f in _SUBJECT_FORMS) or any(
        (m := f.match(nxt.text)) is not None and period_of(m.group("period")) is not None
        for f in _PERIOD_FORMS
    ):
        return True
    from pantucci_bib.pages.zone import _ZONE_SIGNALS, _signal_follows, zone_kind

    # (zone reads blocks: imported late) a home page has no archive header: the line is the
    # site's when the next line is the first post's headline, over its date or byline
    return zone_kind(nxt.text) not in _ZONE_SIGNALS and _signal_follows(blocks, index + 1)


def period_of(text: str) -> PartialDate | None:
    """The month or year an archive header lists ("May 2017", "2013"), if it is one."""
    if re.fullmatch(r"\s*(\d{4})\s*", text):
        return PartialDate(year=int(text))
    found = find_written(text)
    return found[0] if found else None


#: A personal name as an author archive's header gives it: two to four capitalised words.
_HEADER_NAME = re.compile(r"^[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'.-]*|van|von|de|al|el)){1,3}$")


def page_author(blocks: Sequence[Block]) -> str | None:
    """The author an author archive lists ("Author: A B", "Posts by A B", "Author Archives:
    A B", labels from ``author_headers`` in ``data/phrasings.json``) in its first lines, or
    None for any other page."""
    for block in blocks[:4]:
        match = AUTHOR_HEADER.match(block.text)
        if match and not block.hint.startswith("post") and _HEADER_NAME.match(match["name"]):
            return match["name"]
    return None


def _after_listing_header(blocks: Sequence[Block], index: int) -> list[Block]:
    """The blocks after a listing's header, without the listing furniture right under it
    ("6 results found", ``listing_furniture`` in ``data/phrasings.json``)."""
    rest = _without(blocks, index)
    while index < len(rest) and LISTING_FURNITURE.match(rest[index].text):
        rest = _without(rest, index)
    return rest


def _without(blocks: Sequence[Block], index: int) -> list[Block]:
    return [b for i, b in enumerate(blocks) if i != index]


_POSTED = POSTED_LINE
#: "Posted by A B" with no date: the blog's poster alone.
_POSTED_BY = re.compile(r"^Posted\s+by\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}$")
