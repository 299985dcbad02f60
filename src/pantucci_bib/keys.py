"""Citation keys: readable, stable, and unique within a library.

The scheme is Better BibTeX's default, ``[auth:lower][shorttitle3_3][year]``:
first author's family name in lower case, the first three significant title words
capitalised, the year — ``pantucciChinaRussiaLocked2015``. Collisions get ``a``, ``b`` …
in the order the records are given. The bundled corpus stores its keys, so a later
change to this scheme never changes a published key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from pantucci_bib.model import Person, Record

_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "for",
        "so",
        "yet",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "from",
        "with",
        "into",
        "onto",
        "upon",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "its",
        "it",
        "this",
        "that",
        "these",
        "those",
        "how",
        "why",
        "what",
        "when",
        "where",
        "who",
        "whom",
        "which",
        "than",
        "then",
        "via",
        "vs",
        "versus",
        "over",
        "under",
        "about",
        "against",
        "between",
        "through",
    ]
)


def ascii_fold(text: str) -> str:
    """Strip accents and drop anything that is not an ASCII letter or digit."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^A-Za-z0-9]", "", decomposed.encode("ascii", "ignore").decode())


def _author_part(people: Iterable[Person]) -> str:
    for person in people:
        name = person.family or (person.literal.split() or [""])[0]
        folded = ascii_fold(name).lower()
        if folded:
            return folded
    return "anon"


def _title_part(title: str, words: int = 3) -> str:
    tokens = re.findall(r"[^\W_]+(?:['’][^\W_]+)?", title)
    picked: list[str] = []
    for token in tokens:
        bare = re.sub(r"['’]s$", "", token).replace("'", "").replace("’", "")
        if bare.lower() in _FUNCTION_WORDS:
            continue
        folded = ascii_fold(bare)
        if folded:
            picked.append(folded[0].upper() + folded[1:])
        if len(picked) == words:
            break
    return "".join(picked)


def base_key(record: Record) -> str:
    """The key a record would get before collisions are resolved."""
    year = str(record.year) if record.year is not None else ""
    people = record.author or record.editor or record.interviewer
    return f"{_author_part(people)}{_title_part(record.title)}{year}" or "anon"


def assign_keys(records: Iterable[Record], taken: Iterable[str] = ()) -> list[str]:
    """Keys for ``records`` in order, unique among themselves and against ``taken``.

    Linear in records: each base key remembers the next suffix to try, so many records
    sharing one base (one author's many untitled pieces of a year) do not probe from ``a``.
    """
    used = taken if isinstance(taken, (set, frozenset)) else set(taken)
    added: set[str] = set()  # ``taken`` itself is never copied or changed
    next_suffix: dict[str, int] = {}
    keys: list[str] = []
    for record in records:
        base = base_key(record)
        candidate = base
        suffix = next_suffix.get(base, 0)
        if base in next_suffix or candidate in used or candidate in added:
            candidate = base + _letters(suffix)
            while candidate in used or candidate in added:
                suffix += 1
                candidate = base + _letters(suffix)
            suffix += 1
        next_suffix[base] = suffix
        added.add(candidate)
        keys.append(candidate)
    return keys


def _letters(index: int) -> str:
    """0 → a, 25 → z, 26 → aa …"""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(ord("a") + rem) + out
    return out
