"""Saved WordPress archive pages (HTML) → the block stream the archive extractor reads.

A real HTML parser (lxml) reads the page; the WordPress structure supplies what plain text
has to guess: where each post starts (``article`` / ``div.post`` / ``.hentry``), its headline
(``.entry-title`` or the heading linking to the post), the blog's post date (``time`` /
``.entry-date`` / the classic theme's ``small``), image captions and alt text, bullet lists,
"Continue reading" links. Site furniture (navigation, sidebars, comments, post footers) is
left out. lxml is imported only when a page is HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pantucci_bib.errors import ParseError
from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.lines import byline_names
from pantucci_bib.pages.phrasings import ACCOUNT, KEEPER

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "form", "nav", "iframe", "svg", "button", "select", "input"}
)
_SKIP_CLASSES = frozenset(
    {
        "postmetadata",
        "entry-utility",
        "entry-footer",
        "sharedaddy",
        "sd-sharing-enabled",
        "jp-relatedposts",
        "navigation",
        "nav-links",
        "post-navigation",
        "comments",
        "comment-respond",
        "screen-reader-text",
        "widget",
        "wp-block-buttons",
        "tags-links",
        "cat-links",
        "comments-link",
        "edit-link",
        "byline",  # the theme's "by admin" (article bylines are in the content)
    }
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "figcaption",
        "dd",
        "dt",
        "td",
        "th",
        "address",
    }
)
_CONTAINER_TAGS = frozenset({"div", "section", "article", "figure", "header", "main", "aside"})
_CONTENT_CLASSES = ("entry-content", "entry", "post-content", "entry-summary", "storycontent")
_TITLE_CLASSES = ("entry-title", "post-title", "posttitle", "storytitle")
_HEADER_CLASSES = ("page-title", "pagetitle", "archive-title", "page-header")
#: The theme's site title or logo (the blog's name and home address, whatever the <title>).
_SITE_CLASSES = ("site-title", "site-name", "site-logo", "custom-logo-link", "blog-title")


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _is_post(element: Any) -> bool:
    classes = _classes(element)
    if element.tag == "article":
        return True
    return bool(classes & {"post", "hentry", "type-post"}) or (
        element.tag == "div" and (element.get("id") or "").startswith("post-")
    )


def _skipped(element: Any) -> bool:
    if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
        return True
    classes = _classes(element)
    if classes & _SKIP_CLASSES and not _holds_feed(element):
        return True
    ident = (element.get("id") or "").lower()
    return ident in {"comments", "respond", "sidebar", "footer", "nav", "navigation"}


#: The class of the element holding a blog's list of posts (the hAtom ``hfeed``, Blogger's
#: ``blog-posts``): a "widget" that holds one is the page's main column, not a sidebar box.
_FEED_CLASSES = ("hfeed", "blog-posts")


def _holds_feed(element: Any) -> bool:
    """Whether a widget-like element is the one holding the page's feed of posts."""
    if "widget" not in _classes(element):
        return False
    return any(isinstance(e.tag, str) and _classes(e) & set(_FEED_CLASSES) for e in element.iter())


def parse_html(text: str) -> Any:
    """The page as an lxml element tree (ParseError if it cannot be parsed at all)."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ParseError(f"cannot parse the HTML: {exc}") from exc
    return root


def html_blocks(text: str) -> list[Block]:
    """The blocks of a saved WordPress archive page, with hints from its structure."""
    root = parse_html(text)
    blocks: list[Block] = []
    site = _site(root)
    if site:
        blocks.append(Block(1, site, "site"))
    posts = _outermost_posts(root)
    header = _page_header(root, posts)
    if header is not None:
        blocks.append(Block(_line(header), _text(header), "header"))
    if not posts:
        main = root.find(".//body")
        if main is not None:
            blocks.extend(_content_blocks(main))
        return blocks
    keepers = _keepers(root)
    for post in posts:
        blocks.append(Block(_line(post), "", "post"))
        blocks.extend(b for b in _post_blocks(post) if b.hint != "author" or b.text not in keepers)
    return blocks


def _keepers(root: Any) -> set[str]:
    """The people the page says keep a copy of the site ("a mirror … kept by Anna Smith"):
    the account that posts there, never an author of what it posts."""
    body = root.find(".//body")
    return {m.group("name") for m in KEEPER.finditer(_text(body))} if body is not None else set()


def _line(element: Any) -> int:
    return int(element.sourceline or 0)


def _site(root: Any) -> str:
    parts = []
    title = root.find(".//title")
    if title is not None and title.text:
        parts.append(" ".join(title.text.split()))
    for meta in root.iter("meta"):
        if meta.get("property") in ("og:site_name", "og:url") and meta.get("content"):
            parts.append(meta.get("content"))
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "") and link.get("href"):
            parts.append(link.get("href"))
    for element in root.iter():
        if isinstance(element.tag, str) and _classes(element) & set(_SITE_CLASSES):
            if text := _text(element):
                parts.append(text)
            parts.extend(a.get("href") for a in element.iter("a") if a.get("href"))
            parts.extend(i.get("alt") for i in element.iter("img") if i.get("alt"))
    return " | ".join(dict.fromkeys(parts))


def _outermost_posts(root: Any) -> list[Any]:
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or not _is_post(element):
            continue
        if any(_is_post(a) for a in element.iterancestors()):
            continue
        if any(_skipped(a) for a in element.iterancestors()) or _skipped(element):
            continue
        found.append(element)
    return found


def _page_header(root: Any, posts: list[Any]) -> Any | None:
    for element in root.iter("h1", "h2", "h3", "div", "header"):
        classes = _classes(element)
        if not classes & set(_HEADER_CLASSES):
            continue
        if any(p in element.iterancestors() for p in posts):
            continue
        if element.tag in ("div", "header"):
            heading = next(iter(element.iter("h1", "h2", "h3")), None)
            if heading is None:
                continue
            element = heading
        if _text(element):
            return element
    for element in root.iter("h1", "h2"):
        if re.match(
            r"^(?:Posts Tagged|Archive for|Category Archives|Tag Archives)", _text(element)
        ):
            return element
    return None


def _post_title(post: Any) -> Any | None:
    for element in post.iter("h1", "h2", "h3", "h4"):
        if _classes(element) & set(_TITLE_CLASSES):
            return element
    for element in post.iter("h1", "h2", "h3", "h4"):
        if element.find(".//a[@rel='bookmark']") is not None:
            return element
    for element in post.iter("h1", "h2", "h3"):
        return element
    return None


def _posted(post: Any, title: Any | None) -> Any | None:
    """The element giving the post's date: its first ``<time>`` that is not only the date it
    was edited (``time.updated``, ``itemprop=dateModified`` before the published one), else an
    element whose class names a post date, else a ``<small>`` under the headline."""
    times = list(post.iter("time"))
    for element in times:
        modified = "updated" in _classes(element) and "published" not in _classes(element)
        if not modified and (element.get("itemprop") or "") != "dateModified":
            return element
    if times:
        return times[0]
    for element in post.iter():
        if not isinstance(element.tag, str):
            continue
        classes = _classes(element)
        if classes & {"entry-date", "posted-on", "post-date", "date", "published"} or any(
            c.endswith(("-date", "_date")) and "update" not in c for c in classes
        ):
            return element
    if title is not None:
        nxt = title.getnext()
        if nxt is not None and nxt.tag == "small":
            return nxt
    return None


def _post_author(post: Any) -> Any | None:
    """The theme's author link of a post (``rel="author"``, ``.author .fn``, else any element
    whose class names the author: ``.elementor-post-author``, ``.meta-author``,
    ``.author-name``) if it is a person's full name (not "admin" or "editor")."""
    for element in post.iter("a", "span"):
        rel = set((element.get("rel") or "").lower().split())
        if "author" in rel or ({"fn", "n"} & _classes(element) and element.tag == "a"):
            return element if _author_name(element) else None
    for element in post.iter("a", "span", "div", "li", "p"):
        if any("author" in c.lower() for c in _classes(element)) and _author_name(element):
            return element
    return None


def _visible_text(element: Any) -> str:
    """An element's text without its screen-reader labels ("Post published: May 3, 2020")."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node.tag, str) and "screen-reader-text" in _classes(node):
            parts.append(node.tail or "")
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
        if node is not element:
            parts.append(node.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


def _author_name(element: Any) -> str:
    """The one person's full name an author element shows ("By Anna Smith", "Anna Smith")."""
    texts = [
        " ".join(t.split()) for t in element.itertext() if t.strip()
    ]  # "Post author:" and the like in a screen-reader span of their own
    name = texts[-1] if texts else ""
    found = byline_names(name) or byline_names(f"By {name}")
    if found and len(found) == 1 and len(found[0].split()) >= 2 and not ACCOUNT.search(found[0]):
        return found[0]  # not a group's account ("CiCA Editors", "News Desk")
    return ""


def _content_root(post: Any) -> Any:
    """The element holding a post's text: the most specific content class inside the post
    (``entry-content`` before the generic ``entry``, which some themes give the post itself)."""
    for wanted in _CONTENT_CLASSES:
        for element in post.iterdescendants():
            if isinstance(element.tag, str) and wanted in _classes(element):
                return element
    for element in post.iterdescendants():  # a page builder's "elementor-post__excerpt"
        if isinstance(element.tag, str) and any(
            part in c.lower() for c in _classes(element) for part in ("excerpt", "summary")
        ):
            return element
    return post


def _post_blocks(post: Any) -> list[Block]:
    title = _post_title(post)
    blocks: list[Block] = []
    if title is not None:
        blocks.append(Block(_line(title), _text(title), "title"))
    posted = _posted(post, title)
    if posted is not None:
        # the machine-readable datetime="2016-03-20T09:00:00+00:00" before the shown words
        # (or a microformat <abbr class="published" title="2019-03-29T17:52:00Z">5:52 PM</abbr>)
        text = (posted.get("datetime") or "").strip() or _visible_text(posted)
        if posted.tag == "abbr" and re.match(r"\d{4}-\d\d-\d\d", posted.get("title") or ""):
            text = posted.get("title").strip()
        blocks.append(Block(_line(posted), text, "posted"))
    content = _content_root(post)
    author = _post_author(post)
    exclude = {id(e) for e in (title, posted, author) if e is not None}
    if author is not None:  # the theme's "by NAME" (rel="author", .author .fn)
        blocks.append(Block(_line(author), _author_name(author), "author"))
    blocks.extend(_content_blocks(content, exclude))
    terms = [
        (link, _text(link))
        for link in post.iter("a")
        if {"tag", "category"} & set((link.get("rel") or "").lower().split())
    ]
    if terms:  # the post's categories and tags (rel="category tag", rel="tag")
        names = "; ".join(dict.fromkeys(name for _link, name in terms if name))
        blocks.append(Block(_line(terms[0][0]), f"Tags: {names}", "terms"))
    return blocks


def _content_blocks(root: Any, exclude: set[int] | None = None) -> list[Block]:
    return list(_walk(root, exclude or set(), bullet=False))


def _walk(element: Any, exclude: set[int], *, bullet: bool) -> Iterator[Block]:
    for child in element:
        if not isinstance(child.tag, str) or id(child) in exclude or _skipped(child):
            continue
        if child.tag == "img":
            if alt := " ".join((child.get("alt") or "").split()):
                yield Block(_line(child), alt, "caption")
            continue
        if _is_more_link(child):
            yield Block(_line(child), "Continue reading", "more")
            continue
        classes = _classes(child)
        if child.tag == "figcaption" or classes & {"wp-caption-text", "caption"}:
            if text := _text(child):
                yield Block(_line(child), text, "caption")
            continue
        if child.tag in ("ul", "ol"):
            yield from _walk(child, exclude, bullet=True)
            continue
        if child.tag in _BLOCK_TAGS and not _has_block_children(child):
            yield from _paragraph(child, bullet=bullet and child.tag == "li")
            continue
        if child.tag in _CONTAINER_TAGS or child.tag in _BLOCK_TAGS or _has_block_children(child):
            yield from _walk(child, exclude, bullet=bullet)
            continue
        # inline element directly in a container: its own line
        yield from _paragraph(child, bullet=False)


def _has_block_children(element: Any) -> bool:
    return any(
        isinstance(c.tag, str)
        and (c.tag in _BLOCK_TAGS or c.tag in _CONTAINER_TAGS or c.tag in ("ul", "ol"))
        for c in element
    )


def _is_more_link(element: Any) -> bool:
    if element.tag != "a":
        return False
    return "more-link" in _classes(element) or bool(
        re.fullmatch(r"(?:Continue reading|Read more|\(more…\)|More)\W*", _text(element))
    )


#: Inline tags whose text a page sets apart, as it does a publication's name.
_MARK_TAGS = frozenset({"em", "i", "cite", "a"})


def _paragraph(element: Any, *, bullet: bool) -> Iterator[Block]:
    """One block per line of a paragraph (``<br>`` breaks it); images become captions."""
    line = _line(element)
    pieces: list[str] = [element.text or ""]
    extra: list[Block] = []
    marks: list[str] = []
    for child in element:
        if not isinstance(child.tag, str):
            pieces.append(child.tail or "")
            continue
        if child.tag == "br":
            pieces.append("\n")
        elif child.tag == "img":
            if alt := " ".join((child.get("alt") or "").split()):
                extra.append(Block(_line(child), alt, "caption"))
        elif _is_more_link(child):
            extra.append(Block(_line(child), "Continue reading", "more"))
        elif child.tag not in _SKIP_TAGS:
            pieces.append("".join(child.itertext()))
            if child.tag in _MARK_TAGS and (mark := " ".join("".join(child.itertext()).split())):
                marks.append(mark)
        pieces.append(child.tail or "")
    hint = "bullet" if bullet else ""
    yield from (b for b in extra if b.hint == "caption")
    for part in "".join(pieces).split("\n"):
        text = " ".join(part.split())
        if text:
            yield Block(line, text, hint, marks=tuple(m for m in marks if m in text))
    yield from (b for b in extra if b.hint == "more")
