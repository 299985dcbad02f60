"""A labelled span of names → Persons: "Romero, C., Paunesku, D., & Dweck, C.", "Han SE, Chen G"."""

from __future__ import annotations

import re

from pantucci_bib.endnotes.recognise import is_org_name
from pantucci_bib.model import Person
from pantucci_bib.names import parse_name

_ROLE_BEFORE = re.compile(
    r"^(?:(?:edited|translated|compiled|directed|produced)\s+(?:and\s+\w+\s+)?by"
    r"|eds?\.|hrsg\.|hg\.|trans\.|transl\.|tr\.|by)\s+",
    re.I,
)
_ROLE_AFTER = re.compile(
    r"[\s,]*[(\[]?\s*(?:eds?|editors?|hrsg|hg|trans|transl|translators?|dirs?|directors?"
    r"|writer/director|producers?|comps?|coords?)\.?\s*[)\]]?[\s.,;:]*$",
    re.I,
)
_ET_AL = re.compile(r"[\s,]*(?:et\s*al\.?|and\s+others|u\.\s*a\.)[\s.,;:]*", re.I)
_AND = re.compile(r"\s*(?:,\s*)?(?:\s&\s*|\band\b|\bund\b|\bet\b(?!\s*al)|\by\b|\bwith\b)\s*", re.I)
_INITIALS = re.compile(r"(?:[A-ZÀ-ÞĀ-Ž][a-z]?\.-?){1,4}|[A-ZÀ-ÞĀ-Ž](?:\.-?[A-ZÀ-ÞĀ-Ž]){0,3}\.?")
_BARE_INITIALS = re.compile(r"^[A-ZÀ-ÞĀ-Ž]{1,3}$")
_PARTICLES = frozenset("van von der den de del della di da dos du la le ter ten bin ibn al".split())  # noqa: SIM905


#: Words that make a name without commas an organisation, beyond the notes parser's list.
_BODIES = frozenset(
    """agency board network observatory service trust union alliance coalition league
    partnership consortium laboratory museum library hospital ministerio""".split()  # noqa: SIM905
)


def _corporate(text: str) -> bool:
    tokens = text.split()
    if "," in text or any(_initial(t) for t in tokens):
        return False
    return is_org_name(text) or any(word.casefold().strip(".") in _BODIES for word in tokens)


def _initial(token: str) -> bool:
    return bool(_INITIALS.fullmatch(token))


def _given_like(piece: str) -> bool:
    """True for what follows an inverted family name: "C.", "J.-P.", "Nicholson B.", "Mary"."""
    tokens = piece.split()
    if not tokens or len(tokens) > 3:
        return False
    if all(_initial(t) or _BARE_INITIALS.match(t) for t in tokens):
        return True
    return all((t[:1].isupper() and t.rstrip(".").isalpha()) or _initial(t) for t in tokens) and (
        len(tokens) == 1 or _initial(tokens[-1]) or _initial(tokens[0])
    )


def _family_only(piece: str) -> bool:
    tokens = piece.split()
    if not tokens or not tokens[-1][:1].isupper() or _initial(tokens[-1].rstrip(".")):
        return False
    return all(t.casefold() in _PARTICLES for t in tokens[:-1])


def _one(piece: str) -> Person:
    piece = piece if _initial(piece.split()[-1]) else piece.rstrip(".")
    tokens = piece.split()
    if len(tokens) >= 2 and _BARE_INITIALS.match(tokens[-1]) and not _initial(tokens[0]):
        return Person(family=" ".join(tokens[:-1]), given=tokens[-1])  # Vancouver: Han SE
    if len(tokens) >= 2 and _initial(tokens[-1]) and not _initial(tokens[0]):
        cut = next(i for i in range(len(tokens)) if all(_initial(t) for t in tokens[i:]))
        return Person(family=" ".join(tokens[:cut]), given=" ".join(tokens[cut:]))  # Smith J.
    try:
        return parse_name(piece)
    except ValueError:
        return Person(literal=piece)


def parse_people(text: str) -> list[Person]:
    """The persons named in ``text``, role words ("ed.", "Translated by") and "et al." left out."""
    text = " ".join(text.split()).strip(" ,;:")
    text = re.sub(r"^(?:in:?\s+)+", "", text, flags=re.I)
    text = _ROLE_BEFORE.sub("", text)
    text = _ROLE_AFTER.sub("", text)
    text = _ET_AL.sub(" ", text).strip(" ,;:")
    if text.endswith(".") and not _initial(text.split()[-1]):
        text = text[:-1]
    if not text:
        return []
    if _corporate(text):
        return [Person(literal=text)]
    pieces: list[str] = []
    for part in _AND.split(text):
        pieces.extend(p.strip(" ;:") for p in re.split(r"[,;]", part))
    pieces = [p for p in pieces if any(ch.isalpha() for ch in p)]
    people: list[Person] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        following = pieces[index + 1] if index + 1 < len(pieces) else ""
        if _family_only(piece) and following and _given_like(following):
            family = piece.rstrip(".").split()
            particle = " ".join(family[:-1])
            people.append(Person(family=family[-1], given=following, particle=particle))
            index += 2
            continue
        people.append(_one(piece))
        index += 1
    return people
