"""The whole page: blocks → posts → fields → records, and :func:`read_archive`, the reader
registered as ``"archive"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from pantucci_bib.errors import ParseError
from pantucci_bib.keys import assign_keys
from pantucci_bib.model import (
    PartialDate,
    Person,
    Provenance,
    Record,
)
from pantucci_bib.names import parse_name
from pantucci_bib.pages.blocks import (
    _PERIOD_FORMS,
    Block,
    _blog_line,
    page_header,
    period_of,
    text_blocks,
)
from pantucci_bib.pages.dateorder import page_orders, settle_dates
from pantucci_bib.pages.directory import Blog, Directory, bundled_directory
from pantucci_bib.pages.fields import Draft, extract_fields
from pantucci_bib.pages.furniture import drop_furniture, drop_repeated, drop_reshown
from pantucci_bib.pages.index_lines import index_posts
from pantucci_bib.pages.lines import bio_names
from pantucci_bib.pages.posts import Classified, Post, classify_post, split_posts
from pantucci_bib.pages.resolve import PageContext, resolve, standfirst_authors
from pantucci_bib.pages.undated import infer_dates
from pantucci_bib.problems import ParseResult, Problem


def detect_blog(blocks: Sequence[Block], posts: Sequence[Post], directory: Directory) -> Blog:
    """Which blog a page is from: what the saved HTML or the text page's site-title line says
    (:func:`blog_evidence`), else the shape of its posts."""
    best: tuple[int, Blog] | None = None
    for blog in directory.blogs:
        score = blog_evidence(blocks, blog)
        if score and (best is None or score > best[0]):
            best = (score, blog)
    if best is not None:
        return best[1]
    intro_led = sum(1 for p in posts if p.blocks and p.title_index != 0)
    style = "intro" if 2 * intro_led >= len(posts) else "repost"
    for blog in directory.blogs:
        if blog.style == style:
            return blog
    return Blog("", style)


def blog_evidence(blocks: Sequence[Block], blog: Blog) -> int:
    """How strongly a page says it is ``blog``'s: 3 for its host in the saved HTML's address
    or a text page's opening site-title line naming it ("Raffaello Pantucci", "China in
    Central Asia — Uzbekistan"); 2 for the HTML's ``<title>`` or site title being or ending
    with its name ("Guest Contributors – China in Central Asia"); 1 for the name anywhere in
    them; 0 for nothing."""
    names = [n for n in (blog.name, *blog.names) if n]
    site = " | ".join(b.text for b in blocks if b.hint == "site")
    if not site:
        lines = (b.text for b in blocks[:3] if not b.hint)
        return 3 if any(_blog_line(line, names) is not None for line in lines) else 0
    score = 0
    folded = site.casefold()
    if any(h.casefold() in folded for h in blog.hosts):
        return 3
    for part in (p.strip().casefold() for p in folded.split(" | ")):
        for name in (n.casefold() for n in names):
            if part == name or (
                part.endswith(name) and part[: -len(name)].rstrip()[-1:] in _SITE_SEPS
            ):
                score = max(score, 2)
            elif name in part:
                score = max(score, 1)
    return score


#: What separates a page's own title from the site's name in a ``<title>``.
_SITE_SEPS = "|–—-:·•»"


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
    blocks: Sequence[Block],
    source: str,
    directory: Directory | None = None,
    *,
    split: Callable[[Sequence[Block]], list[Post]] = split_posts,
    classify: Callable[[Post], list[Classified]] = classify_post,
) -> ParseResult:
    """Run the whole pipeline over a page's blocks.

    ``split`` and ``classify`` are stages 2 and 3 (the rules by default; the experimental
    learned roles of :mod:`~pantucci_bib.pages.roles` pass their own).
    Raises :class:`~pantucci_bib.errors.ParseError` when the page has no posts at all (it is
    not an archive page); everything odd inside a post is a :class:`Problem`.
    """
    directory = directory or bundled_directory()
    blog_names = [name for blog in directory.blogs for name in (blog.name, *blog.names)]
    subject, rest = page_header(blocks, blog_names)
    # a sticky post shown again, an author box on every post: the site's, not the posts'
    posts = drop_repeated(drop_reshown(split(rest)))
    if not posts:
        raise ParseError("not an archive page: no posts found", where=source)
    blog = detect_blog(blocks, posts, directory)
    problems: list[Problem] = list(_unread_lead(rest, posts, source))
    orders = page_orders(blocks, archive_period(blocks))
    records: list[Record] = []
    drafts = []
    for post in posts:
        draft, found = settle_dates(extract_fields(classify(post)), post, orders, source)
        drafts.append(draft)
        problems.extend(found)
    ctx = PageContext(source, directory, blog, subject, page_people(drafts, directory))
    for draft in drafts:
        record, found = resolve(draft, ctx)
        records.append(record)
        problems.extend(found)
    records, found = infer_dates(records, drafts)
    problems.extend(found)
    keys = assign_keys(records)
    records = [attrs.evolve(r, key=k) for r, k in zip(records, keys, strict=True)]
    return ParseResult(records, problems)


def _unread_lead(rest: Sequence[Block], posts: Sequence[Post], source: str) -> list[Problem]:
    """A problem for paragraphs before the first post that no post took in (never dropped
    silently)."""
    first = posts[0].blocks[0] if posts and posts[0].blocks else None
    taken = {id(block) for post in posts for block in post.blocks}
    lead = []
    for block in rest:
        if block is first:
            break
        if id(block) not in taken and not block.hint and block.text.strip():
            lead.append(block)
    if not lead:
        return []
    return [
        Problem(
            Provenance(source, lead[0].line),
            f"{len(lead)} paragraph(s) before the first post belong to no post and were not "
            f"read: {lead[0].text[:60]!r}",
            "warning",
        )
    ]


def archive_period(blocks: Sequence[Block]) -> PartialDate | None:
    """The month or year a month/year archive lists ("Monthly Archives: May 2017"), if any."""
    for block in blocks[:3]:
        for form in _PERIOD_FORMS:
            if match := form.match(block.text):
                return period_of(match.group("period"))
    return None


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
    return parse_blocks(page_blocks(text, source), source, directory)


def page_blocks(text: str, source: str) -> list[Block]:
    """Stage 1 of :func:`read_archive`: a page's text (plain or saved HTML) as blocks."""
    if not text.strip():
        raise ParseError("empty page", where=source)
    if looks_like_html(text):
        from pantucci_bib.pages.html import html_blocks

        try:
            blocks = html_blocks(text)
        except ParseError as exc:
            raise ParseError(exc.message, where=exc.where or source) from exc
    else:
        blocks = drop_furniture(text_blocks(text))  # menus and sidebar widgets: no posts
        blocks = index_posts(blocks)  # a yearly archive of one line per post
    return blocks
