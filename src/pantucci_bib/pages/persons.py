"""Does a span name a person? A recogniser that is not a list of the pages' people.

:func:`person_score` weighs the words of a capitalised span ("Aigerim Bekova", "the Diplomat",
"RUSI Newsbrief") with evidence the project already has:

* the lexicon the reference labeller ships (``endnotes/data/lexicon.json``, built from AnyStyle's
  labelled references): a word labelled ``name`` there is a personal name's word; a word labelled
  only as a journal, container, publisher or place is not;
* the given and family names of the people and records in ``data/people.json`` and
  ``data/corpus.json``, and the common given names of ``data/given_names.txt`` (after one of
  those, a family name that is also a town's, "Lind", is not held against the span);
* the endings family names have in the languages of the region and beyond (``-ov``, ``-eva``,
  ``-uly``, ``-enko`` …: ``family_name_endings`` in ``data/phrasings.json``);
* and against it: an outlet's word ("Review", "Radio"), a known outlet, an acronym, a common
  or calendar word, a digit, one word alone.

The score is the span's alone; the callers add what surrounds it (a "by" before it, "and I"
after it). :data:`PERSON` is the score a span needs to be read as a person with no context.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from pantucci_bib.pages.directory import Directory
from pantucci_bib.pages.lines import _NOT_NAMES, _PARTICLES, _ROLE_WORDS, _words
from pantucci_bib.pages.phrasings import OUTLET_WORD, PHRASINGS

#: The score a span needs, on its own, to be taken as a personal name.
PERSON = 2.0

_LEXICON = Path(__file__).resolve().parent.parent / "endnotes" / "data" / "lexicon.json"
_DATA = Path(__file__).resolve().parent.parent / "data"
_ENDINGS = tuple(sorted(PHRASINGS.get("family_name_endings", ()), key=len, reverse=True))
_NOT_PERSON_WORDS = _words(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today spring summer autumn winter
    weekend week reading notes links news daily times post journal
    street road avenue square station bridge river lake valley airport port university college
    school hospital park hotel market"""
)


@functools.cache
def _lexicon() -> dict[str, frozenset[str]]:
    try:
        data = json.loads(_LEXICON.read_text(encoding="utf-8"))
    except OSError:
        return {}
    return {word: frozenset(classes) for word, classes in data.items()}


@functools.cache
def _known_names() -> tuple[frozenset[str], frozenset[str]]:
    """Given names and family names of the people and records the project ships."""
    given: set[str] = set()
    family: set[str] = set()
    people: list[dict[str, str]] = []
    try:
        table = json.loads((_DATA / "people.json").read_text(encoding="utf-8"))
        people.extend(p for p in table.get("people", ()) if isinstance(p, dict))
        corpus = json.loads((_DATA / "corpus.json").read_text(encoding="utf-8"))
        people.extend(a for r in corpus for a in r.get("author", ()) if isinstance(a, dict))
    except (OSError, AttributeError):
        pass
    for person in people:
        given.update(w.casefold() for w in str(person.get("given", "")).split())
        family.update(w.casefold() for w in str(person.get("family", "")).split())
    given.update(_given_names())
    return frozenset(given), frozenset(family)


def _given_names() -> set[str]:
    """The common given names of ``data/given_names.txt`` (casefolded; none if it is missing)."""
    try:
        text = (_DATA / "given_names.txt").read_text(encoding="utf-8")
    except OSError:
        return set()
    return {
        line.strip().casefold() for line in text.splitlines() if line.strip()[:1] not in ("", "#")
    }


def _word_score(word: str, *, last: bool, after_given: bool = False) -> float:
    """The evidence one word gives that its span is a personal name."""
    bare = word.strip(".,;:’'()")
    key = bare.casefold()
    if not bare:
        return 0.0
    if key in _NOT_NAMES or key in _ROLE_WORDS or key in _NOT_PERSON_WORDS:
        return -5.0
    if key in _PARTICLES:
        return 0.0
    if len(bare) >= 2 and bare.isupper() and not re.fullmatch(r"(?:[A-Z]\.)+", bare):
        return -2.0  # an acronym: "RUSI", "CSIS"
    if re.fullmatch(r"[A-Z]\.?", bare):
        return 0.3  # an initial
    score = 0.0
    classes = _lexicon().get(key, frozenset())
    if "name" in classes:
        score += 1.0
    elif classes == {"place"}:
        # a family name may be a town's too ("Lind", "Austin"): after a given name it is one
        score -= 0.0 if after_given else 1.0
    elif classes:
        score -= 2.0
    given, family = _known_names()
    if key in (family if last else given):
        score += 1.0
    if last and key.endswith(_ENDINGS) and len(key) > 4:
        score += 1.5
    return score


def person_score(text: str, directory: Directory | None = None) -> float:
    """How much ``text`` looks like one personal name (see the module doc)."""
    text = " ".join(text.split()).strip(" ,;:.")
    if directory is not None and directory.person(text) is not None:
        return 9.0
    words = text.split()
    if not 1 <= len(words) <= 4 or any(ch.isdigit() for ch in text):
        return -9.0
    if not all(w[:1].isupper() or w.casefold() in _PARTICLES for w in words):
        return -9.0
    if any(OUTLET_WORD.fullmatch(word.strip(".,;:’'")) for word in words):
        return -6.0  # "Review", "Radio" ("Sun-hee" is not "Sun")
    if directory is not None and directory.outlet(text) is not None:
        return -9.0
    score = 1.0 if len(words) >= 2 else -1.0
    given = _known_names()[0]
    opens_given = len(words) >= 2 and words[0].strip(".,;:’'()").casefold() in given
    for index, word in enumerate(words):
        last = index == len(words) - 1 and len(words) > 1
        score += _word_score(word, last=last, after_given=opens_given and index > 0)
    return score


def is_person(text: str, directory: Directory | None = None, *, bonus: float = 0.0) -> bool:
    """Whether ``text`` scores as a personal name (``bonus``: what its context adds)."""
    return person_score(text, directory) + bonus >= PERSON
