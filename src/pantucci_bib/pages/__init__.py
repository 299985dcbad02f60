"""Extract records from blog archive pages (tag, category and month pages of the two blogs).

The extractor is a pipeline of small stages, one module each, every function testable alone:

1. :mod:`~pantucci_bib.pages.blocks` — :func:`text_blocks` (or
   :func:`pantucci_bib.pages.html.html_blocks` for saved HTML) turns a page into a stream of
   :class:`Block` (one per line or paragraph, with its line number); :func:`page_header` reads
   the page's subject ("Posts Tagged ‘SCO’") — every record's keyword;
   :mod:`~pantucci_bib.pages.furniture` drops a text page's menus and sidebar widgets, and
   what the theme repeats in every post.
2. :mod:`~pantucci_bib.pages.posts` — :func:`split_posts` cuts the stream into :class:`Post`
   objects (the blogger's intro, the reposted article's title, everything up to the next post);
   :func:`classify_post` gives each line of a post a :class:`Kind` (intro, title, standfirst,
   byline, dateline, caption, body, bio, "Continue reading", endnotes …). What single lines
   look like is in :mod:`~pantucci_bib.pages.lines`, the blogger's intros in
   :mod:`~pantucci_bib.pages.intro`; which name in a sentence is an outlet's (intros, repost
   lines in any wording) is scored by :mod:`~pantucci_bib.pages.spans`.
   Repost notes are read by :mod:`~pantucci_bib.pages.notes`, credit paragraphs in any
   wording by :mod:`~pantucci_bib.pages.credits`; what the lines under a headline are, by
   :mod:`~pantucci_bib.pages.zone`.
3. :mod:`~pantucci_bib.pages.fields` — :func:`extract_fields` reads the classified lines into a
   :class:`Draft` (words as written).
4. :mod:`~pantucci_bib.pages.resolve` — :func:`resolve` turns a Draft into a
   :class:`~pantucci_bib.model.Record`: names against the people the page names in full and the
   :class:`Directory` of known people and outlets (:mod:`~pantucci_bib.pages.directory`:
   ``data/people.json``, ``data/outlets.json``), outlets to container titles and CSL types.
5. :mod:`~pantucci_bib.pages.undated` — :func:`infer_dates` gives undated posts an approximate
   year from archive order and from the years the text refers to, marked circa with the reason.
6. :mod:`~pantucci_bib.pages.page` — :func:`parse_blocks` runs the stages over one page;
   :func:`read_archive` is the registered ``"archive"`` reader.

Experimental and opt-in (not used by ``import``): :mod:`~pantucci_bib.pages.roles` learns
stages 2 and 3 as block roles (a CRF), from gold roles :mod:`~pantucci_bib.pages.align` derives
from the fixtures' expected records; :mod:`~pantucci_bib.pages.learn` trains it and measures
it leave one folder out (docs/importing.md, "Learned block roles");
:mod:`~pantucci_bib.pages.span_tokens` labels the authors, outlet and date of a post token by
token (a CRF) and :mod:`~pantucci_bib.pages.span_learn` measures it the same way
(docs/importing.md, "Learned field spans").

No title, name or outlet of any particular page is written into this code: everything
page-specific is in the two data tables, which users can extend.
"""

from __future__ import annotations

from pantucci_bib.pages.blocks import (
    Block,
    page_header,
    text_blocks,
)
from pantucci_bib.pages.directory import (
    Blog,
    Directory,
    Outlet,
    OutletMatch,
    bundled_directory,
    guess_outlet,
)
from pantucci_bib.pages.fields import (
    Draft,
    extract_fields,
)
from pantucci_bib.pages.intro import (
    genre_of,
    intro_outlet,
    intro_sentences,
    is_intro,
    looks_like_outlet_name,
    unknown_outlet,
)
from pantucci_bib.pages.lines import (
    bio_names,
    byline_names,
    dateline,
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
from pantucci_bib.pages.page import (
    detect_blog,
    looks_like_html,
    page_people,
    parse_blocks,
    read_archive,
)
from pantucci_bib.pages.posts import (
    Classified,
    Kind,
    Post,
    classify_post,
    split_posts,
)
from pantucci_bib.pages.resolve import (
    PageContext,
    intro_coauthors,
    known_person,
    resolve,
    resolve_person,
    standfirst_authors,
)
from pantucci_bib.pages.undated import (
    infer_dates,
    years_mentioned,
)
from pantucci_bib.pages.zone import zone_kind

__all__ = [
    "Blog",
    "Directory",
    "Outlet",
    "OutletMatch",
    "bundled_directory",
    "guess_outlet",
    "Block",
    "page_header",
    "text_blocks",
    "bio_names",
    "byline_names",
    "dateline",
    "ends_with_more",
    "is_bio",
    "is_caption",
    "is_cjk",
    "is_more",
    "is_print_edition",
    "is_titlelike",
    "looks_like_alt_text",
    "looks_like_name",
    "genre_of",
    "intro_outlet",
    "intro_sentences",
    "is_intro",
    "looks_like_outlet_name",
    "unknown_outlet",
    "Classified",
    "Kind",
    "Post",
    "classify_post",
    "split_posts",
    "zone_kind",
    "Draft",
    "extract_fields",
    "PageContext",
    "intro_coauthors",
    "known_person",
    "resolve",
    "resolve_person",
    "standfirst_authors",
    "infer_dates",
    "years_mentioned",
    "detect_blog",
    "looks_like_html",
    "page_people",
    "parse_blocks",
    "read_archive",
]
