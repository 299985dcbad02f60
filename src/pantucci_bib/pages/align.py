"""Gold block roles for the experimental learned classifier (:mod:`.roles`), derived by code.

A labelled page is a saved archive page and its hand-made ``<page>.expected.json`` (the records
a careful reader takes from it, see ``tests/support/page_accuracy.py``). :func:`align_page`
turns the page into the blocks the rules read (:func:`~pantucci_bib.pages.page.page_blocks`
and :func:`~pantucci_bib.pages.blocks.page_header`) and gives each block a role by finding the
expected values in it: the block that *is* a record's title, the short block nearest the
title that gives its date, the blocks naming its authors or its outlet, and so on. No label
is written by hand; what cannot be found is counted in :attr:`Alignment.missing`.

Roles (:data:`ROLES`): ``intro`` (the blogger's sentence opening a post), ``lone`` (the
first block of an untitled post), ``title``,
``date``, ``byline``, ``published`` (a line naming the outlet under the headline), ``bio``,
``more`` (noise: "Continue reading", share and tag lines, anything before the first post),
``body`` (everything else).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from pantucci_bib.dates import find_written
from pantucci_bib.model import PartialDate
from pantucci_bib.pages.blocks import Block, page_header
from pantucci_bib.pages.directory import Directory, bundled_directory
from pantucci_bib.pages.lines import ends_with_more, is_more
from pantucci_bib.pages.page import page_blocks

ROLES = ("intro", "lone", "title", "date", "byline", "published", "bio", "more", "body")

#: The longest block (in words) taken as a date or byline line rather than a paragraph.
SHORT = 16
#: How many blocks after a headline its date, byline and outlet line are looked for.
ZONE = 8


@attrs.frozen
class Alignment:
    """A page's blocks (after its header), a role for each, and what could not be found."""

    page: str
    blocks: tuple[Block, ...]
    roles: tuple[str, ...]
    subject: str | None
    records: int
    missing: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        """Whether every expected record's title (or untitled post), date and outlet were
        found in the page's blocks."""
        return not self.missing


def fold(text: str | None) -> str:
    """Case-, accent-spacing- and punctuation-blind form of ``text`` (the scorer's title key)."""
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()
    return re.sub(r"\W", "", norm.casefold())


def _outlet_key(outlet: str | None) -> str:
    return fold(re.sub(r"^the\s+", "", (outlet or "").strip(), flags=re.I))


_ORDERS: tuple[dict[str, str], ...] = (
    {"/": "dmy", ".": "dmy", "-": "dmy", "": "dmy"},
    {"/": "mdy", ".": "mdy", "-": "mdy", "": "mdy"},
)


def dates_in(text: str) -> list[PartialDate]:
    """Every written date of ``text`` (numeric ones read both ways)."""
    found: list[PartialDate] = []
    for orders in _ORDERS:
        rest = text
        for _ in range(6):
            hit = find_written(rest, orders)
            if hit is None:
                break
            found.append(hit[0])
            rest = rest[hit[1][1] :]
    return found


def _gives_date(text: str, want: str) -> bool:
    return any(d.edtf().split("T", 1)[0] == want for d in dates_in(text))


def _short(block: Block) -> bool:
    return len(block.text.split()) <= SHORT


def _names_author(text: str, authors: Sequence[Sequence[str]], owners: set[str]) -> bool:
    """Whether ``text`` names one of ``authors`` other than the blog's owner (family name)."""
    folded = text.casefold()
    return any(
        family and family.casefold() in folded and family.casefold() not in owners
        for family, *_ in authors
    )


def _bio_of(text: str, authors: Sequence[Sequence[str]]) -> bool:
    for family, given, *_ in [(*a, "") for a in authors]:
        full = f"{given} {family}".strip()
        if full and text.startswith(full) and re.match(r"\s*(?:is|was|,|\()", text[len(full) :]):
            return True
    return False


def align_page(
    page: Path, expected: Sequence[dict[str, Any]], directory: Directory | None = None
) -> Alignment:
    """The gold roles of ``page``'s blocks, given its expected records (in page order)."""
    directory = directory or bundled_directory()
    blog_names = [name for blog in directory.blogs for name in (blog.name, *blog.names)]
    owners = {b.owner.family.casefold() for b in directory.blogs if b.owner and b.owner.family}
    blog_outlets = {_outlet_key(n) for n in blog_names}
    text = page.read_text(encoding="utf-8", errors="replace")
    subject, rest = page_header(page_blocks(text, page.name), blog_names)
    roles = ["body"] * len(rest)
    keys = [fold(b.text) for b in rest]
    missing: list[str] = []
    # 1. headlines, in page order
    anchors: list[int | None] = []
    cursor = 0
    for want in expected:
        found = None
        if want["title"]:
            key = fold(want["title"])
            found = next((i for i in range(cursor, len(rest)) if keys[i] == key), None)
            if found is None:
                found = next(
                    (i for i in range(cursor, len(rest)) if key and keys[i].startswith(key)),
                    None,
                )
            if found is None:
                missing.append(f"title {want['title']!r}")
            else:
                roles[found] = "title"
                cursor = found + 1
        anchors.append(found)
    # 2. untitled posts: the first block after the previous post naming the outlet
    for number, want in enumerate(expected):
        if anchors[number] is not None or want["title"]:
            continue
        low = max((a for a in anchors[:number] if a is not None), default=-1) + 1
        high = next((a for a in anchors[number + 1 :] if a is not None), len(rest))
        key = _outlet_key(want["outlet"])
        hit = next((i for i in range(low, high) if key and key in keys[i]), None)
        if hit is None:
            hit = next(
                (
                    i
                    for i in range(low, high)
                    if want["date"] and _gives_date(rest[i].text, want["date"])
                ),
                None,
            )
        if hit is None:
            missing.append(f"untitled post #{number + 1}")
        else:
            roles[hit] = "lone"
            anchors[number] = hit
    # 3. around each post's anchor: intro above, date, byline, outlet line, bio below
    for number, want in enumerate(expected):
        anchor = anchors[number]
        if anchor is None:
            continue
        previous = max((a for a in anchors[:number] if a is not None and a < anchor), default=-1)
        following = next(
            (a for a in sorted(a for a in anchors if a is not None) if a > anchor), len(rest)
        )
        key = _outlet_key(want["outlet"])
        outlet_found = not key or key in blog_outlets or key in keys[anchor]
        if roles[anchor] == "title":  # the blogger's intro right above the headline
            for i in range(anchor - 1, max(previous, anchor - 3), -1):
                if roles[i] != "body" or is_more(rest[i].text):
                    break
                if (key and key in keys[i]) or (
                    i == anchor - 1
                    and not _short(rest[i])
                    and rest[i].hint != "caption"
                    and _after_post_end(rest, i, previous)
                ):
                    roles[i] = "intro"
                    outlet_found = outlet_found or bool(key and key in keys[i])
        end = min(following, anchor + 1 + ZONE)
        date_found = want["date"] is None
        for i in range(max(previous + 1, anchor - 2), end):
            if roles[i] != "body" or i == anchor:
                continue
            block, has_outlet = rest[i], bool(key and key in keys[i])
            if _short(block) and _names_author(block.text, want["authors"], owners):
                roles[i] = "byline"
            elif i > anchor and has_outlet and len(block.text) < 400:
                roles[i] = "published"
            elif not date_found and _short(block) and _gives_date(block.text, want["date"]):
                roles[i] = "date"
            else:
                continue
            outlet_found = outlet_found or has_outlet
            date_found = date_found or _gives_date(block.text, want["date"] or "-")
        for i in range(anchor + 1, following):
            if roles[i] == "body" and _bio_of(rest[i].text, want["authors"]):
                roles[i] = "bio"
            elif not outlet_found and roles[i] == "body" and key and key in keys[i]:
                roles[i] = "published"
                outlet_found = True
        if not date_found and not any(
            _gives_date(rest[i].text, want["date"]) for i in range(max(0, previous), following)
        ):
            missing.append(f"date {want['date']!r} of post #{number + 1}")
        if not outlet_found:
            missing.append(f"outlet {want['outlet']!r} of post #{number + 1}")
    # 4. noise: before the first post, and "Continue reading"-like lines
    first = min((a for a in anchors if a is not None), default=len(rest))
    first_intro = next((i for i in range(first) if roles[i] in ("intro", "lone")), first)
    for i, block in enumerate(rest):
        if roles[i] == "body" and (
            i < first_intro or is_more(block.text) or block.hint in ("more", "posted", "author")
        ):
            roles[i] = "more"
    return Alignment(page.name, tuple(rest), tuple(roles), subject, len(expected), tuple(missing))


def _after_post_end(rest: Sequence[Block], i: int, previous: int) -> bool:
    """Whether the paragraph at ``i`` follows the end of the post above (its "Continue
    reading"), or there is no post above."""
    return previous < 0 or i == 0 or is_more(rest[i - 1].text) or ends_with_more(rest[i - 1].text)


def align_expected(expected_file: Path, directory: Directory | None = None) -> list[Alignment]:
    """The alignments of the page(s) an expectation is for (its ``page`` and ``same_as``)."""
    spec = json.loads(expected_file.read_text(encoding="utf-8"))
    names = [spec["page"], *([spec["same_as"]] if "same_as" in spec else [])]
    return [align_page(expected_file.parent / n, spec["records"], directory) for n in names]
