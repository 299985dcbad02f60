"""The directory of known people, outlets and blogs: ``data/people.json`` and ``data/outlets.json``.

Everything the extractor knows about particular people, outlets and the two blogs is read from
these tables (extendable with a user's own files); nothing of the kind is written in code.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from pantucci_bib.errors import DataError
from pantucci_bib.model import (
    Person,
    RecordType,
)
from pantucci_bib.pages.phrasings import OUTLET_TYPES


@attrs.frozen
class Outlet:
    """Where a piece appeared: the container title records get, its CSL type and publisher."""

    name: str
    type: RecordType = attrs.field(converter=RecordType)
    publisher: str = ""
    known: bool = True  # False: read from a page, not in the table (type guessed)


@attrs.frozen
class OutletMatch:
    """An outlet named in a piece of text, with the section the text names, if any."""

    start: int
    end: int
    outlet: Outlet
    section: str = ""


@attrs.frozen
class Blog:
    """One of the archives the extractor reads (see the ``blogs`` table of outlets.json)."""

    name: str
    style: str  # "intro" or "repost"
    owner: Person | None = None
    hosts: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


@attrs.frozen
class Directory:
    """Known people (with aliases) and outlets (with aliases and sections), and the two blogs."""

    people: tuple[tuple[Person, tuple[str, ...]], ...] = ()
    outlets: tuple[tuple[str, Outlet, str], ...] = ()  # (alias, outlet, section)
    blogs: tuple[Blog, ...] = ()

    @classmethod
    def load(
        cls,
        people: str | Path | None = None,
        outlets: str | Path | None = None,
    ) -> Directory:
        """The bundled tables, extended by the user's own files of the same shape."""
        base = bundled_directory()
        if people is None and outlets is None:
            return base
        extra_people = _read_table(Path(people), "people") if people is not None else {}
        extra_outlets = _read_table(Path(outlets), "outlets") if outlets is not None else {}
        more = _directory_from(extra_people, extra_outlets, where=str(people or outlets))
        return cls(
            people=more.people + base.people,
            outlets=_sorted_aliases(more.outlets + base.outlets),
            blogs=more.blogs + base.blogs,
        )

    def person(self, text: str) -> Person | None:
        """The known person ``text`` names: an alias, or the full name in any letter case."""
        folded = _fold_name(text)
        for person, aliases in self.people:
            if text in aliases or folded == _fold_name(person.display()):
                return person
        return None

    def outlet(self, text: str) -> Outlet | None:
        """The known outlet named exactly by ``text`` (a leading "the" ignored)."""
        bare = _strip_the(text.strip(" ,.;:"))
        for alias, outlet, _section in self.outlets:
            if alias == bare or alias.casefold() == bare.casefold():
                return outlet
        return None

    def find_outlets(self, text: str) -> list[OutletMatch]:
        """Every known outlet named in ``text``, leftmost-longest, in order."""
        pattern = self._pattern()
        if pattern is None:
            return []
        found: list[OutletMatch] = []
        lookup = _alias_lookup(self.outlets)
        for match in pattern.finditer(text):
            alias = " ".join(_strip_the(match.group(0)).split())
            if alias not in lookup:
                continue
            if _LONGER_NAME.search(text, 0, match.start()):
                continue  # "Times" in "Dala Times": part of a longer name no table knows
            outlet, section = lookup[alias]
            found.append(OutletMatch(match.start(), match.end(), outlet, section))
        return found

    def _pattern(self) -> re.Pattern[str] | None:
        return _alias_pattern(tuple(alias for alias, _o, _s in self.outlets))


#: A capitalised word (not "The", not a possessive), perhaps with "of", right before a match:
#: the match is the end of a longer name ("Dala Times", "Helsinki Review of Asian Affairs").
_LONGER_NAME = re.compile(
    r"(?<![\w’'-])(?!(?:The|THE|A|An)\s)[A-Z][\w-]*[a-z][\w-]*\s+(?:(?:of|&)\s+)?$"
)


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", text.strip())


def _fold_name(text: str) -> str:
    return " ".join(text.casefold().split())


@functools.lru_cache(maxsize=8)
def _alias_lookup(
    outlets: tuple[tuple[str, Outlet, str], ...],
) -> dict[str, tuple[Outlet, str]]:
    return {alias: (outlet, section) for alias, outlet, section in outlets}


@functools.lru_cache(maxsize=8)
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not aliases:
        return None
    parts = []
    for alias in sorted(set(aliases), key=len, reverse=True):
        body = re.escape(alias).replace(r"\ ", r"\s+")
        left = r"(?<![\w.])" if alias[:1].isascii() and alias[:1].isalnum() else ""
        right = r"(?![\w])" if alias[-1:].isascii() and alias[-1:].isalnum() else ""
        parts.append(f"{left}(?:[Tt]he\\s+)?{body}{right}")
    return re.compile("|".join(parts))


def _sorted_aliases(
    outlets: Iterable[tuple[str, Outlet, str]],
) -> tuple[tuple[str, Outlet, str], ...]:
    seen: dict[str, tuple[str, Outlet, str]] = {}
    for entry in outlets:
        seen.setdefault(entry[0], entry)  # the first table that names an alias wins
    return tuple(sorted(seen.values(), key=lambda e: (-len(e[0]), e[0])))


def _read_table(path: Path, name: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"cannot read the {name} table: {exc}", where=str(path)) from exc
    if not isinstance(data, dict):
        raise DataError(f"the {name} table must be a JSON object", where=str(path))
    return data


def _directory_from(
    people_data: Mapping[str, Any], outlet_data: Mapping[str, Any], *, where: str
) -> Directory:
    try:
        people = []
        for entry in people_data.get("people", ()):
            person = Person(
                family=entry["family"],
                given=entry.get("given", ""),
                particle=entry.get("particle", ""),
                family_first=bool(entry.get("family_first", False)),
            )
            people.append((person, tuple(entry.get("aliases", ()))))
        outlets: list[tuple[str, Outlet, str]] = []
        for entry in outlet_data.get("outlets", ()):
            outlet = Outlet(entry["name"], entry["type"], entry.get("publisher", ""))
            for alias in (entry["name"], *entry.get("aliases", ())):
                outlets.append((_strip_the(alias), outlet, ""))
            for section, aliases in entry.get("sections", {}).items():
                for alias in (section, *aliases):
                    outlets.append((_strip_the(alias), outlet, section))
        blogs = []
        for entry in outlet_data.get("blogs", ()):
            owner = entry.get("owner")
            blogs.append(
                Blog(
                    name=entry["name"],
                    style=entry.get("style", "intro"),
                    owner=Person(family=owner["family"], given=owner.get("given", ""))
                    if owner
                    else None,
                    hosts=tuple(entry.get("hosts", ())),
                    names=tuple(entry.get("names", ())),
                )
            )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(f"malformed people/outlets table: {exc}", where=where) from exc
    return Directory(tuple(people), _sorted_aliases(outlets), tuple(blogs))


@functools.lru_cache(maxsize=1)
def bundled_directory() -> Directory:
    """The bundled tables ``data/people.json`` and ``data/outlets.json``."""
    data = resources.files("pantucci_bib.data")
    people = json.loads(data.joinpath("people.json").read_text("utf-8"))
    outlets = json.loads(data.joinpath("outlets.json").read_text("utf-8"))
    return _directory_from(people, outlets, where="pantucci_bib/data")


def guess_outlet(name: str) -> Outlet:
    """An outlet no table knows: its CSL type guessed from the words of its name (the
    ``outlet_types`` of data/phrasings.json)."""
    kind = next(
        (RecordType(k) for k, pattern in OUTLET_TYPES if pattern.search(name)),
        RecordType.ARTICLE_MAGAZINE,
    )
    return Outlet(name, kind, known=False)
