"""Stage 4: the classified lines of a post read into a :class:`Draft`: the fields as the page
writes them (title, names, outlet phrase, dates as written), nothing resolved yet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from pantucci_bib.dates import find_written
from pantucci_bib.model import (
    PartialDate,
)
from pantucci_bib.names import split_name_list
from pantucci_bib.pages.credits import (
    after_names,
    credit_of,
    is_person_line,
)
from pantucci_bib.pages.directory import _strip_the
from pantucci_bib.pages.lines import (
    _BYLINE,
    _FIRST_PUBLISHED,
    _PUBLICATION,
    _STAMP,
    POSTED_BY_PHRASE,
    _sentences,
    bare_names,
    byline_names,
    dateline,
    is_cjk,
    looks_like_name,
    meta_names,
)
from pantucci_bib.pages.notes import read_published, title_coauthors
from pantucci_bib.pages.phrasings import (
    DRAFT_BY,
    INLINE_TRANSLATOR,
    POSTED_LINE,
    TRANSLATOR,
    UPDATED_STAMP,
    terms_of,
)
from pantucci_bib.pages.posts import Classified, Kind
from pantucci_bib.pages.spans import repost_line


@attrs.frozen
class Draft:
    """What one post says about its article, as written (names and outlets unresolved)."""

    line: int
    title: str = ""
    intro: str = ""
    standfirst: str = ""
    byline: tuple[str, ...] = ()
    date: PartialDate | None = None
    updated: PartialDate | None = None
    posted: PartialDate | None = None
    outlet: str = ""  # from 'First published in X', an outlet|date stamp, 'Publication: X'
    volume: str = ""
    issue: str = ""
    print_title: str = ""
    print_outlet: str = ""
    bios: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # interview speaker labels ("Q", "Anna Smith")
    body: str = ""  # body, headings, endnotes, captions: read only for the years they mention
    original_text: str = ""  # the other-language version above a translation
    translator: str = ""
    terms: tuple[str, ...] = ()  # the post's own categories and tags (footer, rel="tag")
    site_author: str = ""  # the theme's author link (saved HTML): the author if nothing else says
    marks: tuple[str, ...] = ()  # italic, cited or linked text of the post (saved HTML)
    #: the first paragraph after the headline and its date lines (a repost line, standfirst,
    #: contributor note or body paragraph): on the blogger's blog, an intro placed under the
    #: headline; on the group blog, a note opening the post names its guest author
    lead: str = ""
    place: str = ""  # a dateline's place ("Almaty, 03/04/2018"); an outlet only if the table says
    dateline_names: tuple[str, ...] = ()
    #: a credit paragraph in any wording ("— A, for the X, DATE"): who, where, when
    credit_names: tuple[str, ...] = ()
    credit_outlet: str = ""
    credit_date: PartialDate | None = None
    credit_org: str = ""  # an organisation credited instead of people ("prepared by the X")
    #: co-authors a repost note names ("…, co-written with A B")
    note_coauthors: tuple[str, ...] = ()
    bad_dates: tuple[tuple[int, str], ...] = ()
    #: (field, line, rule): the line each field was first read from, and what read it
    origins: tuple[tuple[str, int, str], ...] = ()

    def origin(self, name: str) -> tuple[int, str] | None:
        """The line and rule that gave the draft's ``name`` field, if it was read."""
        for field, line, rule in self.origins:
            if field == name:
                return line, rule
        return None


#: A dateline that starts with one word (and perhaps its country in brackets) and a comma, bar
#: or dash: the place it was filed from ("Almaty, …", "Ashgabat | …", "Almaty (Kazakhstan), …").
_PLACE = re.compile(
    r"^(?P<place>[A-Z][^\W\d_]+(?:\s+\([A-Z][^\W\d_]+(?:\s+[A-Z][^\W\d_]+)?\))?)"
    r"\s*(?:,|\||\s[–—-])\s*\S"
)
_LABEL = re.compile(r"^(?P<label>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}):\s+\S")
_TRANSLATOR = re.compile(r"[（(]\s*(?P<name>[\u4e00-\u9fff]{2,4})\s*译\s*[）)]")


#: The draft fields whose origin is kept, and what reads them from each kind of line.
_TRACKED = (
    "title",
    "intro",
    "date",
    "updated",
    "posted",
    "outlet",
    "translator",
    "place",
    "site_author",
)
#: The kinds of the first paragraph under a headline (the blogger's intro, a note opening the
#: post).
_LEAD_KINDS = (Kind.PUBLISHED, Kind.STANDFIRST, Kind.BODY, Kind.BIO)
_RULES = {
    Kind.INTRO: "the blogger's intro",
    Kind.TITLE: "headline",
    Kind.STANDFIRST: "standfirst",
    Kind.BYLINE: "byline",
    Kind.DATELINE: "dateline",
    Kind.PUBLISHED: "repost line ('First published in …')",
    Kind.POSTED: "the blog's post date",
    Kind.AUTHOR: "the theme's author link",
    Kind.TRANSLATOR: "translator line",
    Kind.BIO: "contributor note",
    Kind.CONTRIBUTOR: "contributors list",
    Kind.ORIGINAL: "the other-language version",
}


def _rule(kind: Kind, text: str) -> str:
    if kind is Kind.DATELINE and _STAMP.match(text):
        return "date stamp"
    if kind is Kind.PUBLISHED and _PUBLICATION.match(text):
        return "outlet label"
    return _RULES.get(kind, str(kind))


def extract_fields(classified: Sequence[Classified]) -> Draft:
    """Read the classified lines of one post into a :class:`Draft`."""
    fields: dict[str, Any] = {"line": classified[0].block.line if classified else 0}
    standfirst: list[str] = []
    bios: list[str] = []
    body: list[str] = []
    original: list[str] = []
    contributors: list[str] = []
    labels: list[str] = []
    bad: list[tuple[int, str]] = []
    byline: list[str] = []
    dateline_names: list[str] = []
    origins: dict[str, tuple[int, str]] = {}
    titled = False
    for item in classified:
        text, line = item.block.text, item.block.line
        kind = item.kind
        titled = titled or kind is Kind.TITLE
        if titled and "lead" not in fields and kind in _LEAD_KINDS:
            fields["lead"] = text
            origins["lead"] = (line, "a paragraph under the headline")
        seen = {name: fields.get(name) for name in _TRACKED}
        lists = (len(byline), len(standfirst), len(bios), len(contributors))
        _read_line(
            item,
            fields,
            standfirst,
            bios,
            body,
            original,
            contributors,
            labels,
            bad,
            byline,
            dateline_names,
        )
        for name in _TRACKED:
            changed = fields.get(name) is not None and fields.get(name) != seen[name]
            if changed and (name not in origins or name == "title"):
                origins[name] = (line, _rule(kind, text))
        for name, before, now in zip(
            ("byline", "standfirst", "bios", "contributors"),
            lists,
            (len(byline), len(standfirst), len(bios), len(contributors)),
            strict=True,
        ):
            if now > before:
                origins.setdefault(name, (line, _rule(kind, text)))
    if (poster := fields.pop("dated_by", None)) and len(set(byline)) > 1:
        byline[:] = [n for n in byline if n != poster]  # "DATE | A B", then "by C D": C D's
    elif poster and set(byline) == {poster}:
        fields.setdefault("site_author", poster)  # "DATE · A B" alone: the poster, as a theme
        byline.clear()
    if "title" not in fields:
        fields["line"] = classified[0].block.line if classified else 0
    _prefer_repost_date(fields, origins)
    marks = tuple(dict.fromkeys(m for item in classified for m in item.block.marks))
    found = credit_of(classified, marks)
    if found is not None:
        line = found[1]
        fields["credit_names"], fields["credit_outlet"] = found[0].names, found[0].outlet
        fields["credit_date"] = found[0].date
        fields["credit_org"] = found[0].organisation
        origins.setdefault("credit_names", (line, "a credit paragraph names the authors"))
    return Draft(
        **fields,
        marks=marks,
        standfirst=" ".join(standfirst),
        byline=tuple(byline),
        bios=tuple(bios),
        contributors=tuple(contributors),
        labels=tuple(labels),
        body="\n".join(body),
        original_text="\n".join(original),
        dateline_names=tuple(dateline_names),
        bad_dates=tuple(bad),
        origins=tuple((name, line, rule) for name, (line, rule) in origins.items()),
    )


#: The rules that read a blog's own date line under a headline ("12 May 2020", "Published:
#: 12 May 2020"): a repost line's earlier date replaces what they read.
_POST_DATES = ("dateline", "date stamp")


def _prefer_repost_date(fields: dict[str, Any], origins: dict[str, tuple[int, str]]) -> None:
    """A date the repost line gives ("First published in the X on 23 April 2018") is the
    piece's: it replaces a bare date line under the headline (the blog's) that is later."""
    repost = fields.pop("repost_date", None)
    date = fields.get("date")
    if repost is None or date is None or origins.get("date", (0, ""))[1] not in _POST_DATES:
        return
    piece, line = repost
    if piece != date and _order(piece, date) <= _order(date):  # "January 2020": not after
        fields["date"] = piece
        origins["date"] = (line, "the repost line's date (the piece's, not the post's)")


def _order(date: PartialDate, within: PartialDate | None = None) -> tuple[int, int, int]:
    """A date's sort key; parts it leaves out are ``within``'s (a month is not after a day
    in it) or else last."""
    month = date.month or (within.month if within and date.year == within.year else None)
    day = date.day or (within.day if within and month == within.month else None)
    return (date.year or 0, month or 99, day or 99)


def _read_line(
    item: Classified,
    fields: dict[str, Any],
    standfirst: list[str],
    bios: list[str],
    body: list[str],
    original: list[str],
    contributors: list[str],
    labels: list[str],
    bad: list[tuple[int, str]],
    byline: list[str],
    dateline_names: list[str],
) -> None:
    """Read one classified line into the draft's fields and lists."""
    text, line = item.block.text, item.block.line
    kind = item.kind
    if kind is Kind.INTRO:
        fields["intro"] = f"{fields['intro']} {text}" if "intro" in fields else text
    elif kind is Kind.TITLE:
        title, coauthors = title_coauthors(text.strip())  # "… (with A B)": a credit, not title
        fields["title"] = title
        fields["line"] = line
        if coauthors:
            fields.setdefault("note_coauthors", tuple(coauthors))
    elif kind is Kind.STANDFIRST:
        standfirst.append(text)
    elif kind is Kind.BYLINE:
        names = byline_names(text) or bare_names(text) or []
        byline.extend(names)
        if outlet := outlet_in(text, item.block.marks, people=names) or after_names(text, names):
            fields.setdefault("outlet", outlet)  # "By A for the X, DATE", "From X (issue), by A"
        if (match := INLINE_TRANSLATOR.search(text)) and (names := split_name_list(match["names"])):
            fields.setdefault("translator", names[0].strip(" .,"))
        found = find_written(text)
        if found and "date" not in fields:
            fields["date"] = found[0]
        if found and outlet:  # "By A | X | DATE": the piece's date, before the blog's
            fields.setdefault("repost_date", (found[0], line))
    elif kind is Kind.DATELINE:
        _read_dateline(text, line, fields, bad, dateline_names, byline)
    elif kind is Kind.PUBLISHED and _pipe_credit(text, line, fields, byline):
        pass  # "By A and B | X | DATE": who, where, when
    elif kind is Kind.PUBLISHED:
        read_published(text, line, fields, bad, item.block.marks)
        for sentence in _sentences(text)[1:]:  # "This first ran in the X on DATE. By A and B."
            if sentence.lower().startswith("by ") and (credited := byline_names(sentence)):
                byline.extend(credited)
    elif kind is Kind.AUTHOR:
        fields.setdefault("site_author", text.strip())
    elif kind is Kind.POSTED:
        found = find_written(text)
        if found:
            fields.setdefault("posted", found[0])
        poster = _POSTER.search(text) if POSTED_LINE.match(text) else None
        if poster and looks_like_name(poster["name"]):
            fields.setdefault("site_author", poster["name"])  # "Posted on DATE by A B"
    elif kind is Kind.MORE:
        if found_terms := terms_of(text):
            fields["terms"] = (*fields.get("terms", ()), *found_terms)
    elif kind is Kind.TRANSLATOR:
        if (match := TRANSLATOR.match(text)) and (names := split_name_list(match["names"])):
            fields.setdefault("translator", DRAFT_BY.split(names[0])[0].strip(" .,"))
        if draft := DRAFT_BY.search(text):  # "Translated by A from a Russian draft by C D"
            byline.extend(n.strip(" .,") for n in split_name_list(draft["names"]))
        if outlet := outlet_in(text, item.block.marks):
            fields.setdefault("outlet", outlet)  # "Translated by B. The original appeared in X."
            if (found := find_written(text)) is not None:
                fields.setdefault("date", found[0])
    elif kind is Kind.BIO:
        bios.append(text)
        _read_note_tail(text, line, fields, bad, item.block.marks)
    elif kind is Kind.CONTRIBUTOR:
        contributors.append(text)
    elif kind is Kind.ORIGINAL:
        original.append(text)
        if match := _TRANSLATOR.search(text):
            fields["translator"] = match.group("name")
    elif kind in (Kind.BODY, Kind.HEADING, Kind.ENDNOTE, Kind.CAPTION):
        first_body = kind is Kind.BODY and not body and "date" not in fields
        if first_body and (wire := _wire_dateline(text)) is not None:
            fields["date"], fields["place"] = wire  # "HARBIN, Sept. 11, 2015 — The …"
        body.append(text)
        if kind is Kind.BODY and (match := _LABEL.match(text)):
            labels.append(match.group("label"))


def _read_note_tail(
    text: str, line: int, fields: dict[str, Any], bad: list[tuple[int, str]], marks: tuple[str, ...]
) -> None:
    """The sentences after a contributor note's first: a repost line ("A B is a researcher
    at the Y. This post first appeared in the X on DATE") and a translator ("; translated by
    C") the note carries."""
    for sentence in _sentences(text)[1:]:
        if _FIRST_PUBLISHED.match(sentence) or repost_line(sentence, marks=marks) is not None:
            head, _sep, _tail = sentence.partition(";")
            read_published(head.strip(), line, fields, bad, marks)
        match = INLINE_TRANSLATOR.search(sentence)
        if match and (names := split_name_list(match["names"])):
            fields.setdefault("translator", names[0].strip(" .,"))


#: The poster's full name at the end of a "Posted on DATE by A B" line.
_POSTER = re.compile(
    r"\bby\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})(?:\s+on\b.*|\s+at\b.*)?\s*$"
)


def _pipe_credit(text: str, line: int, fields: dict[str, Any], byline: list[str]) -> bool:
    """Read a credit whose parts a bar divides, "By A and B | X | DATE" (the people, the
    outlet, the original's date) into ``fields``; False when the line is not one."""
    found = find_written(text) if "|" in text else None
    if found is None:
        return False
    start, end = found[1]
    rest = f"{text[:start]} {text[end:]}".strip(" |,")
    credit = _credit_line(rest)
    if credit is None or not credit[1]:
        return False
    byline.extend(credit[0])
    fields.setdefault("outlet", credit[1])
    fields.setdefault("date", found[0])
    fields.setdefault("repost_date", (found[0], line))
    return True


def _credit_line(residue: str) -> tuple[list[str], str] | None:
    """The names and the outlet of a credit line's parts ("A and B | X"), or None when no part
    is a list of names."""
    names: list[str] = []
    outlets: list[str] = []
    for part in (p.strip(" ,;") for p in re.split(r"\||,", residue)):
        if not part:
            continue
        found = byline_names(part) or byline_names(f"By {part}")
        if found and not names and all(len(n.split()) >= 2 for n in found):
            names = found
        else:
            outlets.append(part)
    if not names or len(outlets) > 1:
        return None
    return names, _strip_the(outlets[0]) if outlets else ""


def outlet_in(text: str, marks: Sequence[str] = (), *, people: Sequence[str] = ()) -> str:
    """The outlet a byline or translator line also names: a sentence of it that is a repost
    line, or a strongly scored span ("By A and B for the X, 2 March 2020"), or ""."""
    from pantucci_bib.pages.directory import bundled_directory
    from pantucci_bib.pages.lines import _sentences
    from pantucci_bib.pages.spans import THRESHOLD, best_outlet

    for sentence in _sentences(text):
        if (span := repost_line(sentence, marks=marks)) is not None:
            return span.name
    directory = bundled_directory()
    blogs = [name for blog in directory.blogs for name in (blog.name, *blog.names)]
    span = best_outlet(
        text, directory, marks=marks, people=people, exclude=blogs, threshold=THRESHOLD + 2
    )
    return span.name if span is not None else ""


#: A wire-service dateline opening the body: a place, the date, a dash, then the story.
_WIRE = re.compile(r"^(?P<place>[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?)(?:\s*\([^()]{1,30}\))?,\s")


def _wire_dateline(text: str) -> tuple[PartialDate, str] | None:
    """The date and place of a body paragraph that opens like a wire story ("HARBIN, Sept.
    11, 2015 — …"), or None."""
    match = _WIRE.match(text)
    if match is None:
        return None
    found = find_written(text[: match.end() + 40])
    if found is None or found[1][0] != match.end():
        return None
    if not re.match(r"\s*(?:[–—]|--?)\s+\S", text[found[1][1] :]):
        return None
    return found[0], match.group("place").title()


def _read_dateline(
    text: str,
    line: int,
    fields: dict[str, Any],
    bad: list[tuple[int, str]],
    names: list[str],
    byline: list[str],
) -> None:
    # "Published: DATE · Updated: DATE": each stamp read on its own
    for part in re.split(r"(?=\b(?:UPDATED|(?i:(?:last\s+)?(?:updated|modified)))\s*:)", text):
        part = part.strip(" ·|•")
        if not part:
            continue
        stamp = _STAMP.match(part)
        found = find_written(part)
        if found is None:
            bad.append((line, part))
            continue
        which = "updated" if stamp and UPDATED_STAMP.match(stamp.group("which")) else "date"
        fields.setdefault(which, found[0])
        parsed = dateline(part)
        residue = parsed[1] if parsed else ""
        if not residue:
            continue
        if meta := meta_names(residue):
            fields.setdefault("site_author", meta[0])  # "DATE · A B · Tags": the theme's poster
        elif poster := POSTED_BY_PHRASE.match(residue):
            fields.setdefault("site_author", poster["name"])  # "DATE — posted by A B"
        elif trailing := byline_names(residue if _BYLINE.match(residue) else f"x, {residue}"):
            byline.extend(trailing)
        elif ("|" in residue or "," in residue) and (credit := _credit_line(residue)):
            names_found, outlet = credit  # "A and B | X | DATE": who, where, when
            byline.extend(names_found)
            if outlet:
                fields.setdefault("outlet", outlet)
        elif is_cjk(residue) and looks_like_name(residue):
            names.append(residue)
        elif (place := _PLACE.match(part)) and residue == place.group("place"):
            fields.setdefault("place", residue)  # "Almaty, 03/04/2018": where, not who
        elif is_person_line(residue):
            byline.append(residue)  # "DATE | A B", "DATE · A B": who posted it
            fields.setdefault("dated_by", residue)
        elif "outlet" not in fields and not is_cjk(residue):
            fields["outlet"] = residue
