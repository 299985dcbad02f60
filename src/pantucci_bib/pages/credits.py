"""Credit lines in any wording: who wrote a reposted piece, where and when it first ran.

A group blog credits a guest or a reprinted article's author in many shapes the line
predicates do not know: "— A B, for the X, DATE" after a quotation, "This essay is by A B and
was first published by X on DATE", "A B & C D, *X*", "Our guest this week, A B, is …",
"Author: A B", "A B, writing in the X (DATE):". Instead of a pattern per shape,
:func:`credit` finds the run of personal names in a short paragraph (each name scored by
:mod:`pantucci_bib.pages.persons`) that has a credit cue next to it — "by" early in the
paragraph, a dash or a label before it, "writes"/"writing" after it, an outlet right after it
at the start of the paragraph, or a guest word before it in the same sentence — and, with
:mod:`pantucci_bib.pages.spans`, the outlet and the date the paragraph names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from pantucci_bib.dates import find_written
from pantucci_bib.model import PartialDate
from pantucci_bib.pages.directory import Directory, _strip_the
from pantucci_bib.pages.lines import _ROLE_WORDS, _sentences, bio_names
from pantucci_bib.pages.persons import PERSON, is_person
from pantucci_bib.pages.phrasings import (
    CREDIT_AFTER,
    CREDIT_BY_WORD,
    CREDIT_DESCRIPTOR,
    CREDIT_FROM,
    CREDIT_INVERTED,
    CREDIT_LABEL,
    CREDIT_VERB,
    GUEST_LABEL,
    HONORIFIC,
    HONORIFIC_BEFORE,
    PIECE_WORD,
)
from pantucci_bib.pages.posts import Classified, Kind
from pantucci_bib.pages.spans import THRESHOLD, outlet_spans

_WORD = r"[A-Z](?:[\w’'-]+|\.)"
_NAME = rf"{_WORD}(?:\s+(?:(?:van|von|de|al|el|bin|ibn)\s+)?{_WORD}){{1,3}}"
_LIST = re.compile(rf"{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*")
_SEP = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
#: "by" that credits: opening the paragraph, or after a writing word or a piece's name
#: ("This essay is by", "a guest post by", "Written by", "Research by"; ``credit_by_words``);
#: not "opened by".
_BY = re.compile(
    rf"(?:^\s*|\b(?:is|are|was|were|{CREDIT_BY_WORD})\s+)by\s+{CREDIT_DESCRIPTOR}$", re.I
)
#: "by" after a writing verb earlier in its clause ("Originally written for the X (DATE) by").
_VERB_BY = re.compile(rf"\b(?:{CREDIT_VERB})\b[^.;:!?]{{0,90}}\s+by\s+{CREDIT_DESCRIPTOR}$", re.I)
_NOT_AUTHOR_BY = re.compile(
    r"\b(?:translat\w*|photo\w*|image|pictures?|edited|interview\w*|illustrat\w*|read|"
    r"narrated|chaired|hosted|moderated|introduced)\b[^.;]{0,40}$",
    re.I,
)
_DASH = re.compile(r"^\s*[–—-]+\s*$")
_LABEL = CREDIT_LABEL  # "Words and pictures: A B" (``credit_labels``)
_GUEST = re.compile(r"\b(?:guest|author|writer|contributor)s?\b[^.;]{0,40}$", re.I)
_APPOSITION = re.compile(r"\s*,\s*(?:a|an|the|is|was|who|based)\b")
_WRITES = re.compile(r"^\s*,?\s+(?:writes|writing|wrote|reports|reporting|argues)\b")
_OUTLET_AFTER = re.compile(r"^(?:\s*[,|]\s*(?:(?:for|in)\s+)?|\s+(?:for|in|at)\s+)(?:the\s+)?[A-Z]")


@attrs.frozen
class Credit:
    """The authors a credit paragraph names, and the outlet and date it gives (if any)."""

    names: tuple[str, ...]
    outlet: str = ""
    date: PartialDate | None = None
    #: an organisation credited instead of people ("prepared by the X Initiative")
    organisation: str = ""


def _names_at(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The names of the list ``text[start:end]`` with their positions."""
    out: list[tuple[str, int, int]] = []
    position = start
    for sep in [*_SEP.finditer(text, start, end), None]:
        stop = sep.start() if sep is not None else end
        out.append((text[position:stop], position, stop))
        if sep is None:
            break
        position = sep.end()
    return out


#: A sentence's end before a credit's "by": the credit is then no line's opening.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=\S)")
#: "is by", "was by": a credit only when its subject is the piece ("This essay is by A").
_IS_BY = re.compile(r"\b(?:is|are|was|were)\s+by\s+$", re.I)
_THIS = re.compile(r"^\s*(?:this|it|the\s+following)\b", re.I)


def _opens(before: str, by: re.Match[str]) -> bool:
    """Whether a "by" credits as a credit line does: in the paragraph's first sentence,
    among its first ten words, and — for "is by" — about the piece ("This essay is by A B",
    not "The best account of the road is by A B", a reference in the body)."""
    if len(before.split()) > 10 or _SENTENCE_END.search(before):
        return False
    if _IS_BY.search(before):
        subject = before[: by.start()]
        return bool(_THIS.match(subject) or PIECE_WORD.search(subject))
    return True


def _first(before: str) -> bool:
    """Whether a credit's names come in the paragraph's first sentence (a clause of up to
    twenty words: a credit is a line's opening, not a reference in the body)."""
    return len(before.split()) <= 20 and not _SENTENCE_END.search(before)


def _cue(before: str, after: str, sentence_before: str) -> float | None:
    """What the text around a run of names says: a strong credit cue (1.0), a weak one (0.0),
    or none (None)."""
    if (by := _BY.search(before)) and not _NOT_AUTHOR_BY.search(before) and _opens(before, by):
        return 1.0
    if (by := _VERB_BY.search(before)) and not _NOT_AUTHOR_BY.search(before) and _first(before):
        return 1.0  # "Originally written for the X (DATE) by A B"
    if (CREDIT_FROM.search(before) or GUEST_LABEL.search(before)) and _first(before):
        return 1.0  # "A guest contribution from A B", "Guest author A B, of the X, …"
    if _DASH.match(before) or _LABEL.search(before) or _WRITES.match(after):
        return 1.0
    if not before.strip() and CREDIT_AFTER.match(after):
        return 1.0  # "A B and C D report from …" opening the paragraph
    if CREDIT_INVERTED.search(before) and _first(before):
        return 1.0  # "The bazaar has moved, writes A B, and …"
    if re.search(r",\s+by\s+$", before) and PIECE_WORD.search(before) and _first(before):
        return 1.0  # "Our article in the May issue of the X, by A and B"
    if not before.strip() and _OUTLET_AFTER.match(after):
        return 0.0
    if _GUEST.search(sentence_before) and (
        re.search(r"\b(?:is|are)\s+$", before) or _APPOSITION.match(after)
    ):
        return 0.0  # "Our guest, A B, is …", "Today's guest contributor is A B"
    return None


def credit(
    text: str,
    directory: Directory,
    *,
    marks: Sequence[str] = (),
    known: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Credit | None:
    """The credit ``text`` gives (see the module doc), or None.

    ``known``: names the page or the people table already knows as people (they need no
    score); ``exclude``: names never credited (the blogs).
    """
    if len(text) > _LONGEST_CREDIT:
        return None
    for match in _LIST.finditer(text):
        pieces = _names_at(text, match.start(), match.end())
        before = HONORIFIC_BEFORE.sub("", text[: match.start()])
        sentence_before = re.split(r"[.!?]\s+", before)[-1]
        strong = 1.0 if _cue(before, "", sentence_before) == 1.0 else 0.0
        names: list[str] = []
        end = match.start()
        for piece, _start, stop in pieces:
            name = HONORIFIC.sub("", piece.strip(" .,;:"))
            # a name listed with a person ("A B and C D") needs only not to be ruled out
            listed = bool(names) and len(name.split()) >= 2
            bonus = strong + (PERSON if listed else 0.0)
            if name in exclude or not (name in known or is_person(name, directory, bonus=bonus)):
                break
            names.append(name)
            end = stop
        if not names:
            continue
        cue = _cue(before, text[end:], sentence_before)
        if len(names) >= 2 and not before.strip() and not text[end:].strip(" ."):
            cue = 1.0  # a paragraph that is only a list of people: the post's authors
        if cue is None:
            continue
        spans = outlet_spans(text, directory, marks=marks, people=names, exclude=[*exclude, *names])
        about = _ABOUT.match(text, end)  # "A B (X University), who taught at the Y": theirs
        outlet = next(
            (
                s.name
                for s in spans
                if s.score >= THRESHOLD
                and not any(name in s.name for name in names)
                and not (about and end <= s.start < about.end())
            ),
            "",
        )  # not "A B for the X": the name is the author's, the rest the outlet
        found = find_written(text) if outlet else None
        return Credit(tuple(names), outlet, found[0] if found else None)
    return _closing_bio(text, directory, known) or _organisation(text)


def _closing_bio(text: str, directory: Directory, known: Sequence[str]) -> Credit | None:
    """The person a paragraph's closing contributor note is about ("… A B is a doctoral
    candidate at the X."), when the paragraph opens otherwise (a note of its own is a bio)."""
    sentences = _sentences(text)
    if len(sentences) < 2:
        return None
    names = [n for n in bio_names(sentences[-1]) if n in known or is_person(n, directory)]
    return Credit(tuple(names)) if names else None


#: What a credit says about its people right after their names (an affiliation in brackets,
#: "who …", "of the X"): where they work or study, not where the piece ran.
_ABOUT = re.compile(r"\s*(?:\([^)]*\))?\s*(?:,\s*(?:who|of|from|at|based)\b[^.;:]*)?")
#: "prepared by the X Initiative": a crediting "by" before an organisation's name.
_ORGANISATION = re.compile(r"^the\s+(?P<name>[A-Z][\w’'-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w’'-]*)+)")


def _organisation(text: str) -> Credit | None:
    """An organisation a credit line names as the piece's maker ("This data note was
    prepared by the X Initiative"): no person wrote it, so no poster is its author."""
    for by in re.finditer(r"\bby\s+", text):
        before = text[: by.start() + 2] + " "
        if not ((_BY.search(before) or _VERB_BY.search(before)) and _first(before)):
            continue
        if (match := _ORGANISATION.match(text[by.end() :])) and not is_person(match["name"]):
            return Credit((), organisation=match["name"])
    return None


#: The kinds of line a credit paragraph can hide in (the first and last two of a post).
_CREDIT_KINDS = (
    Kind.BODY,
    Kind.STANDFIRST,
    Kind.CAPTION,
    Kind.PUBLISHED,
    Kind.HEADING,
    Kind.BIO,
    Kind.INTRO,
)


def credit_of(classified: Sequence[Classified], marks: Sequence[str]) -> tuple[Credit, int] | None:
    """The first credit (:func:`pantucci_bib.pages.credits.credit`) among the first two and
    the last two paragraphs of a post, with its line."""
    from pantucci_bib.pages.directory import bundled_directory

    items = [item for item in classified if item.kind in _CREDIT_KINDS]
    picked = items if len(items) <= 4 else [*items[:2], *items[-2:]]
    directory = bundled_directory()
    blogs = [name for blog in directory.blogs for name in (blog.name, *blog.names)]
    for item in picked:
        texts = _credit_texts(item.block.text)
        found = [c for t in texts if (c := credit(t, directory, marks=marks, exclude=blogs))]
        if found:  # the reading that names the most people
            return max(found, key=lambda c: len(c.names)), item.block.line
    return None


def _credit_texts(text: str) -> list[str]:
    """A paragraph, and its closing sentence (the credit of a paragraph too long to be one,
    or one whose names carry places in brackets): an excerpt ending in "About the guest
    author: A B is …" or "Text and research: A B (City) and C D (City)."."""
    sentences = _sentences(text)
    if len(sentences) < 2:
        return [text]
    # "A B (Tashkent) and C D (Urumqi)": the places in brackets are no part of the list
    return [text, re.sub(r"\s+\([A-Z][\w’'-]+\)", "", sentences[-1])]


#: The longest paragraph :func:`credit` reads as a whole.
_LONGEST_CREDIT = 320


_VOLUME = re.compile(r",?\s*\b(?:vol\.|vol\b|volume\b)\s*(?P<n>\d[\w.-]*)", re.I)
_ISSUE = re.compile(r",?\s*\b(?:no\.|no\b|issue\b|number\b|nr\.)\s*(?P<n>\d[\w.-]*)", re.I)


def citation_tail(text: str) -> tuple[str, str, str, PartialDate | None]:
    """An outlet label's name without the volume, issue and date a citation gives after it
    ("Some Quarterly, No. 4 (2018)" → "Some Quarterly", "", "4", 2018)."""
    date = None
    if (found := find_written(text)) is not None and found[1][0] > 0:
        date = found[0]
        text = (text[: found[1][0]] + text[found[1][1] :]).strip()
    elif year := re.search(r"\((?P<y>1[89]\d\d|20\d\d)\)\s*$", text):
        date = PartialDate(int(year["y"]), as_written=year["y"])
        text = text[: year.start()]
    text = re.sub(r"\(\s*\)", "", text).strip(" ,;:")
    volume = issue = ""
    if (match := _VOLUME.search(text)) and match.start() > 0:
        volume = match["n"].strip(".,")
        text = text[: match.start()] + text[match.end() :]
    if (match := _ISSUE.search(text)) and match.start() > 0:
        issue = match["n"].strip(".,")
        text = text[: match.start()] + text[match.end() :]
    return text.strip(" ,;:"), volume, issue, date


def after_names(text: str, names: Sequence[str]) -> str:
    """What a byline names after its people when the recogniser rules it out as a person's
    name: the outlet of "By A and B, Some Trade Monitor" (a date after it left out)."""
    from pantucci_bib.pages.persons import person_score

    if not names or (end := text.rfind(names[-1])) < 0:
        return ""
    rest = text[end + len(names[-1]) :]
    if not re.match(r"\s*[,|–—]\s*[A-Z]", rest):
        return ""
    rest = rest.strip(" ,;:|–—-")
    if (found := find_written(rest)) is not None:
        rest = rest[: found[1][0]].strip(" ,;:|–—-(")
    if any(word.lower().strip(".,") in _ROLE_WORDS for word in rest.split()):
        return ""  # "By A, Senior Fellow, Some Institute": an affiliation, not the outlet
    return _strip_the(rest) if rest and person_score(rest) <= -2 else ""


def is_person_line(text: str) -> bool:
    """Whether ``text`` (what a dateline says besides its date) is one person's name."""
    from pantucci_bib.pages.directory import bundled_directory
    from pantucci_bib.pages.persons import is_person

    directory = bundled_directory()
    if directory.outlet(text) is not None:
        return False
    return len(text.split()) >= 2 and is_person(text, directory)
