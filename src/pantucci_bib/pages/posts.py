"""Stages 2 and 3: cut a page's blocks into :class:`Post` objects (intro, title, everything up to
the next post), then give each line of a post a :class:`Kind` (intro, title, standfirst, byline,
dateline, caption, body, bio, "Continue reading", endnotes ...).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence

import attrs

from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.intro import _SAYS, is_intro, opens_like_intro
from pantucci_bib.pages.lines import (
    _TERMINAL,
    _VOICE,
    _sentences,
    bare_names,
    ends_with_more,
    is_bio,
    is_caption,
    is_cjk,
    is_more,
    is_print_edition,
    is_titlelike,
    looks_like_alt_text,
    looks_like_name,
)
from pantucci_bib.pages.phrasings import PHOTO_POST, POSTED_LINE
from pantucci_bib.pages.spans import repost_line
from pantucci_bib.pages.zone import _ZONE_SIGNALS, _signal_follows, zone_kind


def _block_tuple(items: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(items)


@attrs.frozen
class Post:
    """The blocks of one post; ``title_index`` points at the headline (None: untitled)."""

    blocks: tuple[Block, ...] = attrs.field(converter=_block_tuple)
    title_index: int | None = None
    #: an untitled photo post: its first block introduces the pictures that follow
    photo: bool = False

    @property
    def title(self) -> Block | None:
        return None if self.title_index is None else self.blocks[self.title_index]

    @property
    def first_line(self) -> int:
        return self.blocks[0].line


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
    if (
        is_cjk(block.text)
        and len(block.text) <= 40
        and not block.text.endswith(_TERMINAL)
        and nxt + 1 < len(blocks)
        and zone_kind(blocks[nxt + 1].text) in ("byline", "dateline")
    ):
        return True, nxt  # a headline in Chinese (or Japanese, Korean) over its date or byline
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
        from pantucci_bib.pages.marked import split_marked  # it splits unmarked runs here

        return split_marked(blocks)
    starts: list[tuple[int, int | None]] = []
    photos: set[int] = set()
    zone_end = -1
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if starts and index > starts[-1][0] + 1 and _photo_post(blocks, index):
            # pictures only, even where the zone under the last headline seemed to run on
            starts.append((index, None))
            photos.add(index)
            zone_end = index
            index += 1
            continue
        if index > zone_end:
            after_more = index > 0 and (
                is_more(blocks[index - 1].text) or ends_with_more(blocks[index - 1].text)
            )
            closes_post = (
                index > 0 and not after_more and starts and repost_line(block.text) is not None
            )  # "This article is republished from the X": the end of the post above
            known_intro = is_intro(block.text) or (
                (index == 0 or after_more) and opens_like_intro(block.text)
            )
            # anywhere else: a paragraph naming an outlet strongly, over a headline and its date
            strong = not known_intro and not closes_post and opens_like_intro(block.text, 5)
            if not closes_post and (known_intro or strong):
                opens, title = _title_after_intro(blocks, index)
                if strong and (title is None or not _signal_follows(blocks, title)):
                    opens = False
                if opens:
                    starts.append((index, title))
                    zone_end = _zone_end(blocks, title if title is not None else index)
                    index = zone_end + 1
                    continue
            if after_more and zone_kind(block.text) in ("byline", "published"):
                starts.append((index, None))  # an untitled post: a byline, no headline
                zone_end = _zone_end(blocks, index)
                index = zone_end + 1
                continue
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
        posts.append(
            Post(blocks[start:end], None if title is None else title - start, start in photos)
        )
    return posts


def _photo_post(blocks: Sequence[Block], index: int) -> bool:
    """A short paragraph introducing pictures ("a few pictures from the market"), then only
    captions up to the next post or the end of the page: an untitled photo post."""
    text = blocks[index].text
    if len(text) > 400 or len(text.split()) < 6 or is_titlelike(text):
        return False
    if not PHOTO_POST.search(text) or PHOTO_POST.match(text) or "©" in text:
        return False  # "Photo: …" / "Pictures by …" is itself a caption
    after = index + 1
    while after < len(blocks) and (
        blocks[after].hint == "caption" or is_caption(blocks[after].text)
    ):
        after += 1
    if after == index + 1:
        return False
    if after == len(blocks):
        return True
    nxt = blocks[after]
    return is_intro(nxt.text) or (is_titlelike(nxt.text) and _signal_follows(blocks, after))


def _zone_end(blocks: Sequence[Block], title: int) -> int:
    """Index of the last line of the header zone under a headline (bylines, dates, captions)."""
    last = min(len(blocks) - 1, title + 12)
    for index in range(title + 1, last + 1):
        if blocks[index].hint == "post":
            last = index - 1
            break
    _lines, body_from = _classify_zone(blocks, title + 1, last, after_title=True)
    photo = next((i for i in range(title + 2, body_from) if _photo_post(blocks, i)), None)
    return (photo if photo is not None else body_from) - 1


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
    AUTHOR = "author"  # the theme's author link of the post (saved HTML)
    BODY = "body"
    HEADING = "heading"
    BIO = "bio"
    MORE = "more"
    ENDNOTE = "endnote"
    CONTRIBUTOR = "contributor"
    ORIGINAL = "original"  # the other-language version printed above a translation
    TRANSLATOR = "translator"  # "Translated by X"

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
    intro_only = 1 if blocks and (post.photo or is_intro(blocks[0].text)) else 0
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
        if (index == 0 and (post.photo or is_intro(block.text) or title is not None)) or (
            second and not zone_kind(block.text)
        ):
            out.append(Classified(block, Kind.INTRO))
        elif block.hint == "posted":
            out.append(Classified(block, Kind.POSTED))
        elif block.hint == "author":
            out.append(Classified(block, Kind.AUTHOR))
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
        if not kind and block.marks and repost_line(text, marks=block.marks) is not None:
            kind = "published"  # the page marks the outlet's name (italics, a link)
        first_line = all(blocks[j].hint in ("posted", "author") for j in range(start, index))
        if not kind and after_title and first_line and bare_names(text):
            kind = "byline"  # names alone right under the headline
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.hint == "post" or (index > start and not kind and is_intro(text)):
            return out, index
        if (
            any(
                c.kind in (Kind.BYLINE, Kind.PUBLISHED, Kind.DATELINE)
                or (c.kind is Kind.POSTED and POSTED_LINE.match(c.block.text))
                for c in out
            )
            and not kind
            and is_titlelike(text)
            and _signal_follows(blocks, index)
        ):
            return out, index  # the next post's headline: this post had no "Continue reading"
        if block.hint == "posted":
            out.append(Classified(block, Kind.POSTED))
        elif block.hint == "author":
            out.append(Classified(block, Kind.AUTHOR))
        elif block.hint == "caption" or kind == "caption":
            out.append(Classified(block, Kind.CAPTION))
        elif kind == "published":
            out.append(Classified(block, Kind.PUBLISHED))
        elif kind == "byline":
            out.append(Classified(block, Kind.BYLINE))
        elif kind == "translator":
            out.append(Classified(block, Kind.TRANSLATOR))
        elif kind == "dateline":
            out.append(Classified(block, Kind.DATELINE))
        elif is_bio(text):
            out.append(Classified(block, Kind.BIO))
        elif standfirst_open and (
            block.hint == "bullet"
            or _is_standfirst(text, first=after_title and index == start, next_block=nxt)
            or (after_title and not out_has(out, Kind.STANDFIRST) and _SAYS.match(text))
        ):
            out.append(Classified(block, Kind.STANDFIRST))
        elif len(text.split()) < 8 and not text.endswith((".", "!", "?")) and not is_more(text):
            out.append(Classified(block, Kind.CAPTION))
        else:
            return out, index
        if out[-1].kind is not Kind.STANDFIRST and any(c.kind is Kind.STANDFIRST for c in out):
            standfirst_open = False
    return out, end + 1


def out_has(out: Sequence[Classified], kind: Kind) -> bool:
    """Whether a line of ``kind`` was already classified."""
    return any(c.kind is kind for c in out)


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
    # the post's last paragraph (before its links) may be a repost line in any wording
    last = next(
        (
            i
            for i in range(len(blocks) - 1, -1, -1)
            if not (blocks[i].hint or is_more(blocks[i].text))
        ),
        None,
    )
    for number, block in enumerate(blocks):
        text = block.text
        if number == last and (
            zone_kind(text) == "published" or repost_line(text, marks=block.marks) is not None
        ):  # "Source: X", "— X, DATE" closing the post: where it first ran
            out.append(Classified(block, Kind.PUBLISHED))
            continue
        if block.hint == "posted":
            out.append(Classified(block, Kind.POSTED))
        elif block.hint == "author":
            out.append(Classified(block, Kind.AUTHOR))
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
