"""Posts of saved HTML, where the page marks its entries (``<article>``, ``.hentry``): each
entry is a post, its headline the one the theme marks; runs without a headline are split by
the text rules of :mod:`pantucci_bib.pages.posts`, and an entry with no headline at all (an
aside) is an untitled post rather than nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.intro import is_intro
from pantucci_bib.pages.posts import Post, split_posts
from pantucci_bib.pages.zone import zone_kind


def split_marked(blocks: Sequence[Block]) -> list[Post]:
    """Cut saved HTML's blocks into posts at its entries (``hint="post"``); an entry's
    blogger intro goes first, its headline next, its theme lines (date, author) after it."""
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
        lead = next(
            (
                b
                for b in group
                if b.hint not in ("posted", "author", "caption", "site", "header", "terms")
            ),
            None,
        )
        if not titles and lead is not None and zone_kind(lead.text) in ("byline", "published"):
            posts.append(_untitled_entry(group))  # an untitled entry: its byline comes first
            continue
        if not titles:
            found = split_posts(
                [attrs.evolve(b, hint="") if b.hint == "post" else b for b in group]
            )
            if any(p.title is not None and p.title.hint in _META for p in found):
                found = []  # the theme's author or date line is no headline
            if not found and lead is not None:
                found = [_untitled_entry(group)]  # an aside or status post: no headline at all
            posts.extend(found)
            continue
        title_at = titles[0]
        title = group[title_at]
        before = [b for b in group[:title_at] if b.hint in _META]
        rest = [b for b in group[title_at + 1 :] if b.hint != "title"]
        intro: list[Block] = []
        # the blogger's intro is the first paragraph of the entry; the headline may repeat
        content = [b for b in rest if b.hint not in _META]
        posted = [b for b in rest if b.hint in _META]
        for position, block in enumerate(content[:3]):
            if block.hint == "caption":
                continue
            if is_intro(block.text, marks=block.marks) and _fold(block.text) != _fold(title.text):
                intro = [content.pop(position)]
            break
        content = [b for b in content if _fold(b.text) != _fold(title.text)]
        ordered = [*intro, title, *before, *posted, *content]
        posts.append(Post(ordered, len(intro)))
    return posts


#: The theme's lines about an HTML entry: its post date and its author link.
_META = ("posted", "author")


def _untitled_entry(group: Sequence[Block]) -> Post:
    """An HTML entry without a headline, its intro (if any) first."""
    intro = next(
        (
            b
            for b in group
            if b.hint not in ("posted", "caption") and is_intro(b.text, marks=b.marks)
        ),
        None,
    )
    if intro is None:
        return Post(group, None)
    return Post([intro, *(b for b in group if b is not intro)], None)


def _fold(text: str) -> str:
    return re.sub(r"\W", "", text.casefold())
