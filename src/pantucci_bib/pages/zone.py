"""What the lines right under a headline are (byline, dateline, repost line, translator,
caption), and whether a line is a headline by what follows it: :func:`zone_kind` and
:func:`_signal_follows`, used to cut posts (:mod:`pantucci_bib.pages.posts`) and to tell a
home page's tagline from its first headline (:mod:`pantucci_bib.pages.blocks`).
"""

from __future__ import annotations

from collections.abc import Sequence

from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.intro import is_intro
from pantucci_bib.pages.lines import (
    _FIRST_PUBLISHED,
    _PUBLICATION,
    _STAMP,
    byline_names,
    dateline,
    is_caption,
    is_more,
    is_print_edition,
    is_titlelike,
)
from pantucci_bib.pages.phrasings import TRANSLATOR
from pantucci_bib.pages.spans import repost_line

_ZONE_SIGNALS = ("byline", "dateline", "published")


def zone_kind(text: str) -> str:
    """What a line right under a headline is: byline, dateline, published, translator,
    caption or ""."""
    if _FIRST_PUBLISHED.match(text) or _PUBLICATION.match(text) or is_print_edition(text):
        return "published"
    if repost_line(text) is not None:
        return "published"  # a repost line in other words, read by the span scorer
    if _STAMP.match(text):
        return "dateline"
    if TRANSLATOR.match(text) and len(text) <= 200:
        return "translator"
    if byline_names(text) is not None:
        return "byline"
    if dateline(text) is not None:
        return "dateline"
    if is_caption(text):
        return "caption"
    return ""


def _signal_follows(blocks: Sequence[Block], index: int, *, limit: int = 6) -> bool:
    """A byline, dateline or 'First published' line soon after ``index``, before any body,
    the post's footer or — for a line in a run of title-like lines, as a widget lists its
    links (under another such line, or with another between it and the headline) — a later
    headline over its own date."""
    listed = index > 0 and _list_line(blocks[index - 1])
    for position in range(index + 1, min(len(blocks), index + 1 + limit)):
        block = blocks[position]
        if block.hint == "post" or (block.hint != "posted" and is_more(block.text)):
            return False  # the next post, or this one's footer ("Posted in X | 2 Comments")
        if _month_list(blocks, position):
            return False  # "May 2021", "April 2021": an archive widget's links, no post's date
        kind = zone_kind(block.text)
        if kind in _ZONE_SIGNALS and not is_print_edition(block.text):
            return True
        if block.hint == "posted" and position == index + 1:
            return True  # "Posted by A" right under a headline, with or without a date
        if kind == "caption" or block.hint in ("caption", "bullet"):
            continue
        if len(block.text) > 320 or is_intro(block.text):
            return False
        if not kind and is_titlelike(block.text):
            if listed and _signal_under(blocks, position):
                return False
            listed = True  # a title-like line between ours and a later headline: a list
    return False


def _list_line(block: Block) -> bool:
    """A short title-like line of its own: a heading or one link of a list ("Recent Posts",
    a headline in it), not a footer, "Continue reading" or a header line."""
    return (
        not block.hint
        and is_titlelike(block.text)
        and not is_more(block.text)
        and not zone_kind(block.text)
    )


def _signal_under(blocks: Sequence[Block], index: int) -> bool:
    """Whether the block right after ``index`` is the blog's date, a dateline, byline or
    repost line (not the first of an archive widget's month links)."""
    if index + 1 >= len(blocks):
        return False
    if blocks[index + 1].hint == "posted":
        return True
    return zone_kind(blocks[index + 1].text) in _ZONE_SIGNALS and not _month_list(blocks, index + 1)


def _month_list(blocks: Sequence[Block], index: int) -> bool:
    """Whether ``blocks[index]`` and the block after it are each only a month and year ("May
    2021", "April 2021"): the links of an archive widget."""
    for i in (index, index + 1):
        found = dateline(blocks[i].text) if i < len(blocks) else None
        if found is None or found[1] or found[0].day is not None or found[0].month is None:
            return False
    return True
