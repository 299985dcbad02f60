"""Whose name is whose: the author a list belongs to, their co-authors, and marking names in
formatted entries.

A style may print a name as "Raffaello Pantucci", "Pantucci, Raffaello", "Pantucci, R." or
"R. Pantucci"; :func:`name_pattern` matches every such form of the people it is given, so a
name is found in an entry whatever the style, without touching the engine.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from pantucci_bib.model import Person, Record

#: The name roles whose people made a piece: its authors, else (an edited volume) its editors.
#: A chapter's or a paper's editor edited the book or the proceedings, not the piece.
AUTHOR_ROLES = ("author", "editor")

_SPACE = r"[\s\u00a0]+"
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def fold(text: str) -> str:
    """``text`` lower-cased and without accents, for matching ("Zuenko" ~ "zuenko")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s.,\u00a0-]+", fold(text)) if t]


def is_person(person: Person, name: str) -> bool:
    """Whether ``person`` is the one ``name`` names: every word of ``name`` is one of the
    person's name words, an initial ("R." or "R"), on either side, standing for any word it
    begins ("Ann Roe" names "A. M. Roe").

    >>> is_person(Person(family="Pantucci", given="Raffaello"), "R. Pantucci")
    True
    >>> is_person(Person(family="Petersen", given="Alexandros"), "Pantucci")
    False
    """
    own = _tokens(" ".join((person.given, person.full_family, person.literal)))
    wanted = _tokens(name)
    if not wanted:
        return False
    return all(
        word in own
        or any(
            (len(word) == 1 and token.startswith(word))
            or (len(token) == 1 and word.startswith(token))
            for token in own
        )
        for word in wanted
    )


def people(record: Record, roles: Iterable[str] | None = None) -> list[Person]:
    """The people of ``record`` in ``roles``, in order, each once; by default those who made
    the piece: the first of :data:`AUTHOR_ROLES` that has anyone."""
    if roles is None:
        roles = next(([role] for role in AUTHOR_ROLES if getattr(record, role)), [])
    found: list[Person] = []
    for role in roles:
        for person in getattr(record, role):
            if person not in found:
                found.append(person)
    return found


def everyone(record: Record) -> list[Person]:
    """Every person ``record`` names, in any role, and the authors of its original."""
    found = people(record, ("author", "editor", "translator", "interviewer"))
    if record.original is not None:
        found += [p for p in record.original.author if p not in found]
    return found


def _given_forms(given: str) -> list[str]:
    words = [w for w in re.split(r"[\s\u00a0]+", given) if w]
    if not words:
        return []
    initials = [w[0] for w in words]
    forms = [
        _SPACE.join(re.escape(w) for w in words),
        r"\.?[\s\u00a0]?".join(re.escape(i) for i in initials) + r"\.?",
        re.escape(words[0]),
    ]
    return forms


def _forms(person: Person) -> list[str]:
    """Regular expressions for the ways a style may write ``person``, longest first."""
    if person.literal:
        return [_SPACE.join(re.escape(w) for w in person.literal.split())]
    family = _SPACE.join(re.escape(w) for w in person.full_family.split())
    if not family:
        return [_SPACE.join(re.escape(w) for w in person.given.split())]
    given = "(?:" + "|".join(_given_forms(person.given)) + ")" if person.given else ""
    if not given:
        return [family]
    return [
        f"{given}{_SPACE}{family}",  # Raffaello Pantucci, R. Pantucci
        f"{family},?{_SPACE}{given}",  # Pantucci, Raffaello; Pantucci R; Li Lifan
        family,
    ]


def name_pattern(persons: Iterable[Person]) -> re.Pattern[str] | None:
    """A pattern matching any form of any of ``persons`` as a whole name, or None for none."""
    forms = sorted({form for person in persons for form in _forms(person)}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(forms) + r")(?![\w])")


def mark(
    entry: str, pattern: re.Pattern[str] | None, wrap: Callable[[re.Match[str]], str], *, html: bool
) -> str:
    """``entry`` with every match of ``pattern`` replaced by ``wrap(match)``; in HTML only the
    text between tags is searched, so markup and links are left whole."""
    if pattern is None:
        return entry
    if not html:
        return pattern.sub(wrap, entry)
    parts = _TAG_OR_TEXT.split(entry)
    inside_link = False
    for index, part in enumerate(parts):
        if part.startswith("<"):
            inside_link = part.startswith("<a ") or (inside_link and part != "</a>")
            continue
        if not inside_link:
            parts[index] = pattern.sub(wrap, part)
    return "".join(parts)


def owner_people(records: Iterable[Record], author: str) -> list[Person]:
    """The people across ``records`` (any role) whom ``author`` names, each once."""
    found: dict[Person, None] = {}
    for record in records:
        for person in everyone(record):
            if person not in found and is_person(person, author):
                found[person] = None
    return list(found)
