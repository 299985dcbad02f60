"""Stage 5: a :class:`~pantucci_bib.pages.fields.Draft` resolved into a
:class:`~pantucci_bib.model.Record`: names against the people the page names in full and the
:class:`~pantucci_bib.pages.directory.Directory`, outlets to container titles and CSL types,
the original publication and its kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from pantucci_bib.dates import MONTH_NAMES, find_written
from pantucci_bib.model import (
    FieldSource,
    OriginalPublication,
    OriginKind,
    PartialDate,
    Person,
    Provenance,
    Record,
    RecordType,
    Sureness,
)
from pantucci_bib.pages.dateorder import past_date
from pantucci_bib.pages.directory import Outlet, guess_outlet
from pantucci_bib.pages.fields import Draft, _order
from pantucci_bib.pages.intro import (
    _BOOK_OF,
    _EXPANDED,
    _INTERVIEW_WITH,
    _SOLO,
    _SPOKE,
    _up_to,
    genre_of,
    intro_outlet,
    is_intro,
)
from pantucci_bib.pages.lines import _PIECE_WORD, PAST_YEAR, bio_names, is_cjk, looks_like_name
from pantucci_bib.pages.people import (
    PageContext,
    intro_coauthors,
    known_person,
    opening_coauthors,
    resolve_person,
    standfirst_authors,
)
from pantucci_bib.pages.phrasings import COAUTHOR_OPENER, RECENT, RELEASE_VERB
from pantucci_bib.problems import Problem

__all__ = [
    "PageContext",
    "intro_coauthors",
    "known_person",
    "resolve",
    "resolve_person",
    "standfirst_authors",
]


def resolve(draft: Draft, ctx: PageContext) -> tuple[Record, list[Problem]]:
    """Turn one post's :class:`Draft` into a Record (with a provisional key) and problems."""
    where = Provenance(ctx.source, draft.line)
    if ctx.blog.style != "intro":
        draft = _with_credit(draft)
    problems = [
        Problem(Provenance(ctx.source, line), f"cannot read the date {text!r}")
        for line, text in draft.bad_dates
    ]
    if not draft.intro and ctx.blog.style == "intro" and _piece_first(draft.standfirst):
        # "An older essay for the X, posted here …" under the headline: the intro, placed after
        draft = attrs.evolve(draft, intro=draft.standfirst, standfirst="")
    elif not draft.intro and ctx.blog.style == "intro" and _lead_intro(draft.lead, ctx):
        # "My op-ed in the X, originally run on …" under the headline and its date
        line = (draft.origin("lead") or (draft.line, ""))[0]
        origins = (("intro", line, "the blogger's intro under the headline"), *draft.origins)
        standfirst = "" if draft.standfirst == draft.lead else draft.standfirst
        draft = attrs.evolve(draft, intro=draft.lead, standfirst=standfirst, origins=origins)
    match, sentence = (
        intro_outlet(
            draft.intro,
            ctx.directory,
            people=[p.display() for p in ctx.people],
            marks=draft.marks,
        )
        if draft.intro
        else (None, "")
    )
    genre = genre_of(_up_to(draft.intro, sentence)) if draft.intro else ""
    interview = genre == "interview" or bool(re.search(r"\binterview\b", draft.title, re.I))

    # the outlet: what the article's own header lines say, else the intro, else the blog
    outlet: Outlet | None = None
    section = ""
    outlet_from: tuple[Sureness, int, str] | None = None
    if not draft.outlet and draft.place:
        outlet = ctx.directory.outlet(draft.place)  # "Eurasianet, 3 March": a known outlet
        if outlet is not None:
            outlet_from = _found(draft, "place", "a known outlet before the date")
    if draft.outlet:
        outlet_from = _found(draft, "outlet")
        outlet = ctx.directory.outlet(draft.outlet)
        if outlet is None and match is not None and match.outlet.name.startswith(draft.outlet):
            outlet = match.outlet
        if outlet is None:
            outlet = guess_outlet(draft.outlet)
    if outlet is None and match is not None:
        outlet, section = match.outlet, match.section
        outlet_from = _found(draft, "intro", f"the intro names the outlet: {_clip(sentence)!r}")
    elif outlet is not None and match is not None and match.outlet == outlet:
        section = match.section
    on_blog = outlet is None
    if outlet is None:
        outlet_from = (Sureness.INFERRED, draft.line, "no outlet named: a post on the blog")
        outlet = ctx.directory.outlet(ctx.blog.name) or Outlet(
            ctx.blog.name, RecordType.POST_WEBLOG
        )
        if ctx.blog.style == "intro":
            problems.append(
                Problem(
                    where, "the post names no outlet; recorded as a post on the blog", "warning"
                )
            )
    if not outlet.known:
        problems.append(
            Problem(
                where,
                f"outlet {outlet.name!r} is not in the outlets table; "
                f"type guessed as {outlet.type}",
                "warning",
            )
        )

    # people
    authors, interviewer, authors_from = _people(draft, ctx, sentence, interview)
    if not authors and draft.credit_org:
        message = f"credited to an organisation ({draft.credit_org!r}): no personal author"
        problems.append(Problem(where, message, "warning"))
    elif not authors:
        problems.append(Problem(where, "cannot attribute the post: no author found"))

    record_type = outlet.type
    container, publisher = outlet.name, outlet.publisher
    if interview:
        record_type = RecordType.INTERVIEW
    elif genre == "report":
        record_type = RecordType.REPORT
        container, publisher = "", outlet.publisher or outlet.name
    original = _original(draft, ctx, authors, genre)
    language = "zh" if draft.original_text and is_cjk(draft.original_text) else "en"
    if not draft.title and not draft.intro:
        if draft.byline:
            problems.append(Problem(where, "the post has no title; recorded untitled", "warning"))
        else:
            problems.append(Problem(where, "cannot attribute the post: no title and no intro"))
    recent = not on_blog and bool(RECENT.search(sentence or draft.intro))
    # a date line under the headline of an intro's post is the blog's date: the date the
    # intro gives the piece ("which ran on 14 February") comes first
    under_headline = draft.date is not None and _rule_of(draft, "date") == "dateline"
    said = (
        None
        if on_blog or (draft.date and not under_headline)
        else intro_date(sentence, draft.posted or draft.date)
        or _later_intro_date(draft.intro, sentence, draft.posted or draft.date)
    )
    issued = (said[0] if said else None) or draft.date
    if not said and under_headline and ctx.blog.style == "intro" and _undated_note(draft):
        issued = None  # an undated "Source: X" on the blogger's blog: the date line is his
    issued = issued or (draft.posted if on_blog or recent else None)
    issued_from = _found(draft, "date" if draft.date else "posted")
    if said and issued is said[0]:
        intro_line = (draft.origin("intro") or (draft.line, ""))[0]
        issued_from = (said[1], intro_line, said[2])
    elif issued and not draft.date and recent:
        line = issued_from[1]
        issued_from = (Sureness.INFERRED, line, "the blog's post date: the intro says it is new")
    sources = [
        _source(ctx, "title", _found(draft, "title")) if draft.title else None,
        _source(ctx, "author", authors_from) if authors else None,
        _source(ctx, "container_title", outlet_from),
        _source(ctx, "issued", issued_from) if issued else None,
        _source(ctx, "translator", _found(draft, "translator")) if draft.translator else None,
    ]
    record = Record(
        key="draft",
        type=record_type,
        title=draft.title,
        author=tuple(authors),
        interviewer=tuple(interviewer),
        translator=(resolve_person(draft.translator, ctx),) if draft.translator else (),
        standfirst=draft.standfirst,
        genre={"op-ed": "op-ed", "column": "column"}.get(genre, "")
        or (
            "book extract"
            if genre == "extract" and re.search(r"\bbook\b", draft.intro, re.I)
            else ""
        ),
        container_title=container,
        section=section,
        publisher=publisher,
        volume=draft.volume,
        issue=draft.issue,
        # a post of the blog's own is published when the blog dates it (<time datetime>)
        issued=issued,
        updated=draft.updated,
        original=original,
        language=language,
        note=""
        if draft.title
        else "Untitled on the archive page: the post names the outlet and date only",
        keywords=_keywords(ctx.subject, draft.terms),
        appearances=(where,),
        field_sources=tuple(source for source in sources if source is not None),
    )
    return record, problems


def _later_intro_date(
    intro: str, sentence: str, posted: PartialDate | None
) -> tuple[PartialDate, Sureness, str] | None:
    """The piece's date from the intro's sentence right after the one naming the outlet,
    when it says what the piece did when it came out ("The piece went up on 14 May.",
    ``release_verbs`` in ``data/phrasings.json``)."""
    if not intro or not sentence or sentence not in intro:
        return None
    from pantucci_bib.pages.lines import _sentences

    after = _sentences(intro[intro.index(sentence) + len(sentence) :])
    if not after or not RELEASE_VERB.search(after[0]):
        return None
    said = intro_date(after[0], posted)
    if said is None:
        return None
    return said[0], said[1], "the intro's next sentence dates the piece"


_MONTHS = [name.capitalize() for name in MONTH_NAMES]
_MONTH = "|".join(_MONTHS)
#: "on 28 April", "April 28th" without a year; "their June issue".
_DAY_MONTH = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?)\b(?!,?\s*\d{{4}})"
)
_MONTH_ISSUE = re.compile(rf"\b(?P<m>{_MONTH})\s+(?:issue|edition|number|number's)\b")


def _key(date: PartialDate) -> tuple[int, int, int]:
    return (date.year or 0, date.month or 0, date.day or 0)


def intro_date(
    sentence: str, posted: PartialDate | None
) -> tuple[PartialDate, Sureness, str] | None:
    """The piece's date as the intro sentence that names its outlet gives it: a full date
    (found), or a day and month or "the June issue" with the year of the blog's post
    (inferred); never one after the post."""
    if not sentence:
        return None
    found = find_written(sentence)
    if found is not None and found[0].year and (posted is None or _key(found[0]) <= _key(posted)):
        return found[0], Sureness.FOUND, "a date in the intro sentence naming the outlet"
    if posted is None or posted.year is None:
        return None
    year = PAST_YEAR.search(sentence)
    if found is None and year and int(year["year"]) < posted.year and RELEASE_VERB.search(sentence):
        # "this ran in the X back in 2014": a bare year, before the post's
        return PartialDate(int(year["year"])), Sureness.FOUND, "a year in the intro sentence"
    date = None
    if match := _DAY_MONTH.search(sentence):
        month = _MONTHS.index(match["m1"] or match["m2"]) + 1
        date = PartialDate(posted.year, month, int(match["d1"] or match["d2"]))
    elif match := _MONTH_ISSUE.search(sentence):
        date = PartialDate(posted.year, _MONTHS.index(match["m"]) + 1)
    if date is None and (date := past_date(sentence, posted)) is not None:
        return date, Sureness.INFERRED, "the intro dates the piece just before the blog's post"
    if date is None or _key(date) > _key(posted):
        return None
    return date, Sureness.INFERRED, "a day or month in the intro, the year of the blog's post"


def _keywords(subject: str | None, terms: Sequence[str]) -> tuple[str, ...]:
    """The page's subject, then the post's own categories and tags, each once (case-blind)."""
    out: dict[str, str] = {}
    for term in (subject, *terms) if subject else terms:
        out.setdefault(term.casefold(), term)
    return tuple(out.values())


def _clip(text: str, size: int = 70) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _found(draft: Draft, name: str, rule: str = "") -> tuple[Sureness, int, str]:
    """The draft field ``name`` as found on the page: its line and the rule that read it."""
    line, how = draft.origin(name) or (draft.line, name)
    return Sureness.FOUND, line, rule or how


def _source(
    ctx: PageContext, field: str, how: tuple[Sureness, int, str] | None
) -> FieldSource | None:
    if how is None:
        return None
    sureness, line, rule = how
    return FieldSource(field, sureness, Provenance(ctx.source, line), rule)


def _people(
    draft: Draft, ctx: PageContext, sentence: str, interview: bool
) -> tuple[list[Person], list[Person], tuple[Sureness, int, str] | None]:
    """The authors, the interviewer(s), and how the authors were found."""
    byline = [resolve_person(n, ctx) for n in draft.byline]
    named = [resolve_person(n, ctx) for n in standfirst_authors(draft.standfirst)]
    contributors = [resolve_person(n, ctx) for n in draft.contributors]
    cjk_names = [p for n in draft.dateline_names if (p := ctx.directory.person(n))]
    owner = [ctx.blog.owner] if ctx.blog.owner else []
    if draft.site_author:  # the theme names the post's author: it, not the blog's owner
        owner = [resolve_person(draft.site_author, ctx)]
    if interview:
        interviewee = _interviewee(draft, ctx) or named or cjk_names or owner
        interviewer = byline or _interviewer(draft, ctx)
        how = (Sureness.INFERRED, draft.line, "interview: the person interviewed")
        return _unique(interviewee), _unique(p for p in interviewer if p not in interviewee), how
    if byline:
        return _unique(byline), [], _found(draft, "byline")
    if named:
        return _unique(named), [], _found(draft, "standfirst", "the standfirst names them")
    if contributors:
        return _unique(contributors), [], _found(draft, "contributors")
    if draft.credit_names and ctx.blog.style != "intro":
        credited = [resolve_person(n, ctx) for n in draft.credit_names]
        return _unique(credited), [], _found(draft, "credit_names")
    if draft.credit_org and ctx.blog.style != "intro":
        return [], [], None  # "prepared by the X Initiative": no person, not the poster
    if cjk_names:
        return _unique(cjk_names), [], _found(draft, "date", "a known name in the dateline")
    bio_people = [
        resolve_person(n, ctx) for bio in draft.bios for n in bio_names(bio) if len(n.split()) >= 2
    ]
    poster = resolve_person(draft.site_author, ctx) if draft.site_author else None
    translated = (
        poster is not None
        and bool(draft.translator)
        and (resolve_person(draft.translator, ctx) == poster)
    )
    opening = bool(draft.bios) and draft.lead == draft.bios[0] and poster not in bio_people
    if bio_people and ctx.blog.style != "intro" and (poster is None or translated or opening):
        # a reposted article whose only author is the one its note is about (not the theme's
        # poster when the poster is only its translator, or the note opens the post)
        return _unique(bio_people), [], _found(draft, "bios", "the contributor note names them")
    if ctx.blog.style == "intro" or draft.site_author:
        # the blogger's own blog (or the author the theme names): his, with whom the intro names
        coauthors = (
            [] if _SOLO.search(draft.intro) else intro_coauthors(sentence or draft.intro, ctx)
        )
        for paragraph in (draft.intro, draft.lead or ""):  # "Written with A B, who …"
            coauthors += [p for p in opening_coauthors(paragraph, ctx) if p not in coauthors]
        noted = [resolve_person(name, ctx) for name in draft.note_coauthors]
        coauthors += [
            p for p in noted if p not in coauthors
        ]  # "(First ran in X, written with A B)"
        line = (draft.origin("site_author" if draft.site_author else "intro") or (draft.line, ""))[
            0
        ]
        who = "the theme's author link" if draft.site_author else "the blog's owner"
        rule = who + (", with co-authors the intro names" if coauthors else "")
        return _unique(owner + coauthors), [], (Sureness.INFERRED, line, rule)
    return [], [], None


def _with_credit(draft: Draft) -> Draft:
    """The draft with the outlet (and then the date) its credit paragraph gives, where its
    header lines gave none."""
    if not draft.credit_names or not draft.credit_outlet or draft.outlet:
        return draft
    line = (draft.origin("credit_names") or (draft.line, ""))[0]
    origins = [("outlet", line, "a credit paragraph names the outlet")]
    date, credited = draft.date, draft.credit_date
    under_headline = date is not None and _rule_of(draft, "date") == "dateline"
    if credited is not None and (
        date is None or (under_headline and _order(credited, date) <= _order(date))
    ):  # the credit dates the piece; a date line under the headline is the blog's
        date = credited
        origins.append(("date", line, "the date of the credit paragraph"))
    return attrs.evolve(
        draft, outlet=draft.credit_outlet, date=date, origins=(*origins, *draft.origins)
    )


def _lead_intro(text: str, ctx: PageContext) -> bool:
    """Whether the paragraph under a post's headline is the blogger's intro: it names the
    piece among its first words, reads as an intro (:func:`is_intro`), or opens with how the
    piece was written ("Written with A B, …", ``coauthor_openers``) and says where it came out
    (a ``release_verbs`` verb and an outlet the intro rules read)."""
    if not text:
        return False
    if _piece_first(text) or is_intro(text, ctx.directory):
        return True
    return bool(
        COAUTHOR_OPENER.match(text)
        and RELEASE_VERB.search(text)
        and intro_outlet(text, ctx.directory)[0] is not None
    )


def _piece_first(text: str) -> bool:
    """A paragraph that names the piece among its first words ("An older essay for …")."""
    piece = _PIECE_WORD.search(text)
    return piece is not None and len(text[: piece.start()].split()) <= 3


def _undated_note(draft: Draft) -> bool:
    """Whether the post's outlet comes from an undated repost note below its date line (a
    "Source: X" or "(Cross-posted from X.)" opening or closing the post): the piece's date is
    then not on the page."""
    outlet, date = draft.origin("outlet"), draft.origin("date")
    return (
        outlet is not None
        and date is not None
        and outlet[0] > date[0]
        and outlet[1].startswith(("repost line", "outlet label"))
    )


def _rule_of(draft: Draft, name: str) -> str:
    """The rule that read the draft's ``name`` field ("" when none did)."""
    found = draft.origin(name)
    return found[1] if found else ""


def _unique(people: Iterable[Person]) -> list[Person]:
    out: list[Person] = []
    for person in people:
        if person not in out:
            out.append(person)
    return out


def _interviewee(draft: Draft, ctx: PageContext) -> list[Person]:
    if match := _INTERVIEW_WITH.search(draft.title):
        return [resolve_person(match.group("name"), ctx)]
    for text in (draft.body, draft.standfirst):
        if match := _SPOKE.search(text):
            return [resolve_person(match.group("whom"), ctx)]
    for label in draft.labels:
        if person := known_person(label, ctx):
            return [person]
    return []


def _interviewer(draft: Draft, ctx: PageContext) -> list[Person]:
    for text in (draft.body, draft.standfirst):
        if match := _SPOKE.search(text):
            who = match.group("who")
            found = ctx.directory.find_outlets(who)
            if found:
                return [Person(literal=found[-1].outlet.name)]
            words = who.split()
            for size in (3, 2):
                candidate = " ".join(words[-size:])
                if looks_like_name(candidate):
                    return [resolve_person(candidate, ctx)]
            return [Person(literal=words[-1])]
    return []


def _original(
    draft: Draft, ctx: PageContext, authors: Sequence[Person], genre: str
) -> OriginalPublication | None:
    if draft.print_title:
        outlet = ctx.directory.outlet(draft.print_outlet)
        return OriginalPublication(
            OriginKind.PRINT_TITLE,
            title=draft.print_title,
            container_title=outlet.name if outlet else draft.print_outlet,
        )
    if draft.original_text and is_cjk(draft.original_text) and draft.title:
        return OriginalPublication(
            OriginKind.TRANSLATION, title=draft.title, language="en", author=tuple(authors)
        )
    if match := _EXPANDED.search(draft.intro):
        found = ctx.directory.find_outlets(match.group("rest"))
        container = found[0].outlet.name if found else ""
        return OriginalPublication(OriginKind.EXPANDED, container_title=container)
    if genre == "extract":
        title = publisher = ""
        for bio in draft.bios:
            if book := _BOOK_OF.search(bio):
                title = book.group("title").strip(" .")
                publisher = (book.group("pub") or "").strip()
                break
        return OriginalPublication(OriginKind.EXTRACT, title=title, publisher=publisher)
    return None
