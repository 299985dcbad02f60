"""Matching a citation to a work cited before (a repeat, a short form) or to a known record."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pantucci_bib.endnotes.citation import _Work
from pantucci_bib.endnotes.recognise import _acronym, _is_person, fold
from pantucci_bib.model import Record, RecordType


def _title_matches(short: str, full: str) -> bool:
    a, b = fold(short), fold(full)
    if not a:
        return False
    if a == b or b.startswith(a + " "):
        return True
    strip = re.compile(r"^(?:the|a|an) ")
    return strip.sub("", b).startswith(strip.sub("", a))


def _names_of(work: _Work) -> set[str]:
    names: set[str] = set()
    for person in work.author + work.editor:
        if person.literal:
            names |= {fold(person.literal), fold(_acronym(person.literal))}
        else:
            names |= {fold(person.display()), fold(person.family)}
    names |= {fold(a) for a in work.aliases}
    if work.container:
        names.add(fold(work.container))
    names.discard("")
    return names


def _name_matches(name: str, work: _Work) -> bool:
    if not name:
        return True
    first = re.split(r",|\s+and\s+|\s*&\s*", name)[0].strip()
    candidates = {fold(name), fold(first)}
    if _is_person(first):
        candidates.add(fold(first.split()[-1]))
    return bool(candidates & _names_of(work))


def _same_work(new: _Work, old: _Work) -> bool:
    def norm_url(url: str) -> str:
        return re.sub(r"^https?://(?:www\.)?", "", url).rstrip("/").casefold()

    if new.url and old.url:
        return norm_url(new.url) == norm_url(old.url)
    if new.type is RecordType.INTERVIEW or old.type is RecordType.INTERVIEW:
        return (
            new.type is old.type
            and _names_of(new) == _names_of(old)
            and new.issued == old.issued
            and new.place == old.place
        )
    if not new.title or fold(new.title) != fold(old.title):
        return False
    new_names, old_names = _names_of(new), _names_of(old)
    return not new_names or not old_names or bool(new_names & old_names)


def _known_match(work: _Work, known: Sequence[Record]) -> str:
    if not work.title:
        return ""
    for record in known:
        if fold(record.title) != fold(work.title):
            continue
        families = {fold(p.family or p.literal) for p in record.author}
        mine = {fold(p.family or p.literal) for p in work.author}
        if not families or not mine or families & mine:
            return record.key
    return ""
