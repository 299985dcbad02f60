"""BibTeX name lists: split at ``and``, each name read by BibTeX's rules (pybtex's ``Person``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pantucci_bib.formats.bibtex.latex_decode import group_end
from pantucci_bib.model import Person


def _fully_braced(raw: str) -> bool:
    """``{World Bank}``: one brace group around the whole name (not an accent like ``{\\"U}``)."""
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    if group_end(raw, 0) != len(raw):
        return False
    return not re.fullmatch(r"\{\\[^{}]*\}", raw)


def split_bibtex_names(raw: str) -> list[str]:
    """Split a name list at the ``and`` that stand outside braces (``\\{`` is no brace)."""
    names: list[str] = []
    current: list[str] = []
    depth = 0
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "\\":
            current.append(raw[index : index + 2])
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char.isspace():
            match = re.match(r"\s+and\s+", raw[index:], flags=re.IGNORECASE)
            if match:
                names.append("".join(current))
                current = []
                index += match.end()
                continue
        current.append(char)
        index += 1
    names.append("".join(current))
    return [name.strip() for name in names if name.strip()]


def parse_people(
    raw: str, decode: Callable[[str], str]
) -> tuple[tuple[Person, ...], list[str], bool]:
    """Names of a BibTeX name list: the people, messages for unreadable names, "and others"."""
    from pybtex.database import Person as PybtexPerson
    from pybtex.exceptions import PybtexError

    people: list[Person] = []
    problems: list[str] = []
    et_al = False
    for name in split_bibtex_names(raw):
        name = name.strip()
        if name.lower() == "others":
            et_al = True
            continue
        try:
            if _fully_braced(name):
                people.append(Person(literal=_name_text(decode(name[1:-1]))))
                continue
            parsed: Any = PybtexPerson(name)
            # BibTeX's rules, as pybtex implements them: in "Last, First" everything before
            # the comma is the last name, and only its lower-case words are a particle
            last = list(parsed.last_names)
            von = list(parsed.prelast_names)
            given = [*parsed.first_names, *parsed.middle_names]
            people.append(
                Person(
                    family=_name_text(decode(" ".join(last))),
                    given=_name_text(decode(" ".join(given))),
                    particle=_name_text(decode(" ".join(von))),
                    suffix=_name_text(decode(" ".join(parsed.lineage_names))),
                )
            )
        except (PybtexError, ValueError) as exc:
            problems.append(f"name {name!r} not read: {exc}")
    return tuple(people), problems, et_al


def _name_text(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())
