"""Site furniture of a plain-text page, found by its shape rather than its words.

A theme puts the same things around the posts of every page: a navigation menu under the
site's name ("Home", "About", "Contact" on lines of their own), sidebar widgets ("Recent
Posts" over five headlines, "Archives" over month names, "Categories", "Meta") and a footer
("Proudly powered by …"). Read as text, a widget's headlines look like posts and its heading
like a headline. What sets furniture apart is structure: a **list** — three or more short
lines with no blank line between them, none a sentence, none carrying a day's date, most
not persons' names — and the short line over it (the widget's heading). A post's headline is
followed by a blank line and a date, byline or paragraph, never by a packed list of more
headlines. :func:`drop_furniture` removes such lists and their headings, and the whole lines of
``listing_furniture`` in ``data/phrasings.json`` ("Search for:", "← Older posts", a footer).
Once the page is cut into posts, :func:`drop_repeated` removes what the theme repeats in most
of them (an author box, a share prompt): the same paragraph in every post is the site's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import attrs

from pantucci_bib.dates import find_written
from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.lines import is_more
from pantucci_bib.pages.phrasings import LISTING_FURNITURE
from pantucci_bib.pages.posts import _CONTRIBUTORS_HEADING, Post
from pantucci_bib.pages.zone import zone_kind

#: How many packed lines make a list, and how short each of them is (in words).
_MIN_LIST = 3
_MAX_WORDS = 8
_SENTENCE_END = re.compile(r"[.!;,:]$")


def _list_item(block: Block) -> bool:
    """Whether ``block`` can be a line of a widget's or a menu's list: a short line, not a
    sentence or an intro's opening (no closing stop or colon), no date finer than a month
    ("March 2020" is an archive link, "2 March 2020" a post's date), no byline or repost
    line."""
    text = block.text
    if block.hint or not text or len(text.split()) > _MAX_WORDS or _SENTENCE_END.search(text):
        return False
    found = find_written(text)
    if found is not None and found[0].day is not None:
        return False
    return not zone_kind(text) or found is not None  # a byline or repost line is a post's


def _people_list(blocks: Sequence[Block]) -> bool:
    """Whether most lines of a list are persons' names (a list of contributors is kept)."""
    from pantucci_bib.pages.credits import is_person_line

    return 2 * sum(1 for block in blocks if is_person_line(block.text)) > len(blocks)


def _heading(block: Block) -> bool:
    """Whether ``block`` can head a widget: a short line of its own, not a sentence, no date."""
    text = block.text
    return (
        not block.hint
        and 0 < len(text.split()) <= 4
        and not text.endswith((".", "!", "?"))
        and find_written(text) is None
    )


def furniture_lines(blocks: Sequence[Block]) -> set[int]:
    """The indexes of ``blocks`` that are furniture (see the module doc)."""
    drop: set[int] = set()
    index = 0
    while index < len(blocks):
        end = index
        while (
            end < len(blocks) and _list_item(blocks[end]) and (end == index or not blocks[end].gap)
        ):
            end += 1
        if end - index >= _MIN_LIST and not _people_list(blocks[index:end]):
            heading = index > 0 and blocks[index].gap and _heading(blocks[index - 1])
            if heading and _CONTRIBUTORS_HEADING.match(blocks[index - 1].text):
                index = end  # "About the authors" over their names: the post's, kept
                continue
            drop.update(range(index, end))
            if heading:
                drop.add(index - 1)  # "Recent Posts", "Categories": the widget's heading
            index = end
            continue
        if not blocks[index].hint and LISTING_FURNITURE.match(blocks[index].text):
            drop.add(index)  # "Search for:", "← Older posts", "Proudly powered by …"
        index += 1
    return drop | _tail(blocks)


def _tail(blocks: Sequence[Block]) -> set[int]:
    """The widgets after a page's last footer or pagination link ("Posted in X | 1 Comment",
    "← Older posts"): when every line after it could be a list's (blank lines between them
    or not), two or more of them, they are the sidebar's."""
    last = max((i for i, b in enumerate(blocks) if not b.hint and is_more(b.text)), default=None)
    if last is None:
        return set()
    rest = range(last + 1, len(blocks))
    if _PAGER.search(blocks[last].text) and not any(_dated(blocks[i]) for i in rest):
        return set(rest)  # under the page's "Older posts" button, nothing dated: the footer
    if len(rest) < 2 or not all(_list_item(blocks[i]) or _heading(blocks[i]) for i in rest):
        return set()
    return set(rest)


#: The listing's own pagination button ("Older posts", "Next entries →").
_PAGER = re.compile(r"\b(?:older|newer|previous|next)\s+(?:posts|entries|articles)\b", re.I)


def _dated(block: Block) -> bool:
    """Whether a line carries a date to the day (a post's date line, not a footer's "© 2024")."""
    found = find_written(block.text)
    return found is not None and found[0].day is not None


def drop_furniture(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` without the page's furniture (:func:`furniture_lines`)."""
    drop = furniture_lines(blocks)
    return [block for number, block in enumerate(blocks) if number not in drop]


def repeated_lines(posts: Sequence[Post]) -> set[str]:
    """Paragraphs a theme repeats in most posts (three or more, and more than half of them):
    a site-wide author box ("Tao Xie edits this blog …"), a share prompt, a newsletter
    pitch. They are the site's, so no post's credit, note or intro. Kept: a post's own header
    lines (a byline, date or repost line may well be the same on every post of a tag page),
    its footer links ("Posted in …") and a name alone (the theme's author link)."""
    from pantucci_bib.pages.credits import is_person_line

    counts: Counter[str] = Counter()
    for post in posts:
        counts.update({block.text for block in post.blocks if not block.hint and block.text})
    return {
        text
        for text, count in counts.items()
        if count >= _MIN_LIST
        and 2 * count > len(posts)
        and not is_more(text)
        and not zone_kind(text)
        and not is_person_line(text)
    }


def drop_repeated(posts: Sequence[Post]) -> list[Post]:
    """``posts`` without the paragraphs :func:`repeated_lines` finds (headlines are kept)."""
    repeated = repeated_lines(posts)
    if not repeated:
        return list(posts)
    out = []
    for post in posts:
        keep = [
            i
            for i, block in enumerate(post.blocks)
            if i == post.title_index or block.hint or block.text not in repeated
        ]
        title = None if post.title_index is None else keep.index(post.title_index)
        out.append(attrs.evolve(post, blocks=[post.blocks[i] for i in keep], title_index=title))
    return out


def drop_reshown(posts: Sequence[Post]) -> list[Post]:
    """``posts`` without a post shown again word for word (a sticky post at the head of every
    batch an infinite-scroll home page loads): the same headline over the same lines."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for post in posts:
        shown = tuple(block.text for block in post.blocks)
        if post.title is not None and shown in seen:
            continue
        seen.add(shown)
        out.append(post)
    return out
