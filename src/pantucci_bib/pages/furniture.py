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
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pantucci_bib.dates import find_written
from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.phrasings import LISTING_FURNITURE
from pantucci_bib.pages.posts import _CONTRIBUTORS_HEADING

#: How many packed lines make a list, and how short each of them is (in words).
_MIN_LIST = 3
_MAX_WORDS = 8
_SENTENCE_END = re.compile(r"[.!;,]$")


def _list_item(block: Block) -> bool:
    """Whether ``block`` can be a line of a widget's or a menu's list: a short line, not a
    sentence, no date finer than a month ("March 2020" is an archive link, "2 March 2020" a
    post's date)."""
    text = block.text
    if block.hint or not text or len(text.split()) > _MAX_WORDS or _SENTENCE_END.search(text):
        return False
    found = find_written(text)
    return found is None or found[0].day is None


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
    return drop


def drop_furniture(blocks: Sequence[Block]) -> list[Block]:
    """``blocks`` without the page's furniture (:func:`furniture_lines`)."""
    drop = furniture_lines(blocks)
    return [block for number, block in enumerate(blocks) if number not in drop]
