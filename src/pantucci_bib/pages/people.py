"""Who a post's names are: a name as written resolved against the page and the tables, and
the co-authors a blogger's intro names ("written jointly with A B", "A B, C D and I").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from pantucci_bib.model import Person
from pantucci_bib.names import parse_name, split_name_list
from pantucci_bib.pages.directory import Blog, Directory, _fold_name
from pantucci_bib.pages.intro import _COAUTHOR, _SAYS
from pantucci_bib.pages.lines import _PIECE_WORD, is_cjk, looks_like_name
from pantucci_bib.pages.persons import is_person
from pantucci_bib.pages.phrasings import COAUTHOR_OPENER


@attrs.frozen
class PageContext:
    """What resolving one post needs from the rest of its page."""

    source: str
    directory: Directory
    blog: Blog
    subject: str | None = None
    people: tuple[Person, ...] = ()  # everyone the page names in full


def resolve_person(text: str, ctx: PageContext) -> Person:
    """A name as written → a Person: the directory, then the page's people, then parsing."""
    text = " ".join(text.split()).strip(" ,.;:")
    if text.isupper() and not is_cjk(text):
        text = text.title()
    if person := _listed(text, ctx):
        return person
    if (
        len(text.split()) == 1
        and not is_cjk(text)
        and (match := _first_name_match(text, ctx.people))
    ):
        return match
    if is_cjk(text):
        compact = text.replace(" ", "")
        return Person(family=compact[0], given=compact[1:], family_first=True)
    return parse_name(text)


def _listed(text: str, ctx: PageContext) -> Person | None:
    """The person the directory or the page's people name ``text`` (accents and case aside)."""
    if person := ctx.directory.person(text):
        return person
    folded = _fold_name(text)
    return next((p for p in ctx.people if folded == _fold_name(p.display())), None)


def _first_name_match(token: str, people: Iterable[Person]) -> Person | None:
    """The page's person whose first name ``token`` is (or begins: "Tom" → "Tomasz")."""
    candidates = []
    for person in people:
        given = person.given.split()[0] if person.given else ""
        if not given:
            continue
        if given == token or (len(token) >= 3 and given.startswith(token)):
            candidates.append(person)
    unique = {p.display(): p for p in candidates}
    return next(iter(unique.values())) if len(unique) == 1 else None


def known_person(text: str, ctx: PageContext) -> Person | None:
    """The person a first name or full name refers to, only if the page or table knows them."""
    text = text.strip()
    if person := _listed(text, ctx):
        return person
    if len(text.split()) == 1:
        return _first_name_match(text, ctx.people)
    return None


def intro_coauthors(sentence: str, ctx: PageContext) -> list[Person]:
    """Co-authors the intro names ("with Tom", "with my co-author Wang Wei")."""
    found: list[Person] = []
    for match in _AND_I.finditer(sentence):  # "Maria Lopez and I wrote …", "Alex and I"
        name = match.group("name") or match.group("after")
        if match.group("name"):  # "A B, C D and I": the names listed before too
            for earlier in _listed_before(sentence[: match.start("name")], ctx):
                if earlier not in found:
                    found.append(earlier)
        person = known_person(name, ctx) or (
            parse_name(name) if len(name.split()) >= 2 and looks_like_name(name) else None
        )
        if person is not None and person not in found:
            found.append(person)
    for match in _COAUTHOR.finditer(sentence):
        name = match.group("name")
        words = name.split()
        # "with Tom for The Review": try the longest run of words that is a known person
        for size in range(len(words), 0, -1):
            person = known_person(" ".join(words[:size]), ctx)
            if person is not None:
                if person not in found:
                    found.append(person)
                break
        else:
            piece = _PIECE_WORD.search(sentence)
            near = piece is not None and len(sentence[piece.end() : match.start()].split()) <= 3
            cue = re.search(r"co-?author", match.group(0))
            candidate = " ".join(w for w in words if w[0].isupper())
            recognised = is_person(candidate, ctx.directory) and not _NOT_COAUTHOR.search(
                sentence[: match.start()]
            )  # "written jointly with A B": a name by the recogniser, not a conversation
            if (
                (near or cue or recognised)
                and len(candidate.split()) >= 2
                and looks_like_name(candidate)
                and not ctx.directory.find_outlets(candidate)
            ):
                person = parse_name(candidate)
                if person not in found:
                    found.append(person)
    return found


def opening_coauthors(paragraph: str, ctx: PageContext) -> list[Person]:
    """Co-authors a post's first paragraph names as it opens ("Written with A B, who …",
    "Reported with A B and C D over …"; ``coauthor_openers`` in ``data/phrasings.json``): the
    opener is the cue, so every name of two or three words after it counts."""
    match = COAUTHOR_OPENER.match(paragraph.strip())
    if match is None:
        return []
    found: list[Person] = []
    for name in split_name_list(match["names"]):
        name = name.strip(" ,.")
        if 2 <= len(name.split()) <= 3 and looks_like_name(name):
            person = known_person(name, ctx) or parse_name(name)
            if person not in found:
                found.append(person)
    return found


#: "with" after these is not a co-author's: "a conversation with A B", "I spoke with A B".
_NOT_COAUTHOR = re.compile(
    r"\b(?:conversations?|interview\w*|chats?|talks?|talked|spoke|speaking|discussions?|"
    r"debates?|panels?|met|meetings?|dinner|lunch|podcast)\b(?:\s+\S+){0,3}\s*$",
    re.I,
)
#: A co-author named with the blogger's "I": "Maria Lopez and I", "by Anna Berg and me",
#: "I and Alex".
_AND_I = re.compile(
    r"(?:^|(?<=[\s,;(]))(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
    r"\s+(?:and|&)\s+(?:I|me|myself)\b"
    r"|\bI\s+and\s+(?P<after>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)


def _listed_before(text: str, ctx: PageContext) -> list[Person]:
    """The people a list names right before its last name ("A B, C D and I": A B), each one
    the recogniser (or the page) knows as a person."""
    match = re.search(r"((?:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}\s*,\s*)+)$", text)
    if match is None:
        return []
    people = []
    for name in (n.strip() for n in match.group(1).split(",")):
        if not name:
            continue
        person = known_person(name, ctx)
        if person is None and is_person(name, ctx.directory):
            person = parse_name(name)
        if person is None:
            return []
        people.append(person)
    return people


def standfirst_authors(standfirst: str) -> list[str]:
    """Authors a standfirst names ("Wang Wei and Anna Smith study …")."""
    match = _SAYS.match(standfirst)
    if not match:
        return []
    names = split_name_list(match.group("names"))
    if names and all(looks_like_name(n) and len(n.split()) >= 2 for n in names):
        return names
    return []
