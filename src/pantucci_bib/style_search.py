"""Finding styles by what people type: suggestions for a misspelt name, and a search of ids
and titles (``pantucci-bib styles QUERY``).

:func:`suggest_styles` ranks the way people misspell style names: a common short name
(``mla``, ``harvard``), then a prefix (``chicago``), then the words of the id in any order,
then edit distance. :func:`search_styles` finds styles by id or title; titles are read from
the first lines of each file, once per process.
"""

from __future__ import annotations

import difflib
import functools
import html
import re
from collections.abc import Iterable
from pathlib import Path

from pantucci_bib.styles import ALIASES, available_styles, style_file

__all__ = ["POPULAR", "search_styles", "style_title", "style_titles", "suggest_styles"]

#: Styles most people mean: first among equally good suggestions.
POPULAR = (
    "apa",
    "chicago-author-date",
    "chicago-notes-bibliography",
    "modern-language-association",
    "harvard-cite-them-right",
    "ieee",
    "nature",
    "american-medical-association",
    "turabian-notes-bibliography",
    "vancouver",
)

#: Words that name no style ("ieee-style", "apa csl").
_NOISE = frozenset({"style", "styles", "csl", "the", "citation", "citations", "format"})


def _words(text: str) -> list[str]:
    """The words of a style name or title, folded: ``APA7 style`` → ``["apa", "7"]``."""
    words = re.findall(r"[^\W\d_]+|\d+", text.casefold())
    return [word for word in words if word not in _NOISE]


@functools.cache
def _name_words() -> dict[str, tuple[str, ...]]:
    return {name: tuple(_words(name)) for name in available_styles()}


def _match_words(wanted: str, vocabulary: Iterable[str], fuzzy: bool) -> dict[str, int]:
    """The words of ``vocabulary`` that match ``wanted``: 3 the same word, 2 a word it starts
    (``chic`` of ``chicago``), 1 (when ``fuzzy``) a likely misspelling of it (``chicgo``)."""
    matcher = difflib.SequenceMatcher(None, "", wanted)  # the second sequence is indexed once
    found = {}
    for word in vocabulary:
        if wanted == word:
            found[word] = 3
        elif len(wanted) >= 2 and word.startswith(wanted):
            found[word] = 2
        elif fuzzy and min(len(wanted), len(word)) >= 4 and abs(len(wanted) - len(word)) <= 2:
            matcher.set_seq1(word)
            if (
                matcher.real_quick_ratio() >= 0.8
                and matcher.quick_ratio() >= 0.8
                and matcher.ratio() >= 0.8
            ):
                found[word] = 1
    return found


def _rank(
    query: str, names: Iterable[str], words_of: dict[str, tuple[str, ...]], *, search: bool
) -> list[str]:
    """``names`` that share something with ``query``, best first: an alias of it, the same
    name, a name starting with it, then by the share of its words found (exactly, as a
    prefix, misspelt), then the popular styles, fewer other words, shorter.

    A suggestion (``search=False``) must hold more than half the words of ``query``, perhaps
    misspelt; a search result every word, as written or as the start of a word."""
    wanted = _words(query)
    if not wanted:
        return []
    joined = "-".join(wanted)
    alias = ALIASES.get(query.casefold().strip()) or ALIASES.get(joined)
    names = list(names)
    vocabulary = {word for name in names for word in words_of[name]}
    # word → how well it matches each wanted word (only the words that match one)
    quality: dict[str, list[int]] = {}
    for index, w in enumerate(wanted):
        for word, score in _match_words(w, vocabulary, fuzzy=not search).items():
            scores = quality.setdefault(word, [0] * len(wanted))
            scores[index] = max(scores[index], score)
    popular = {name: rank for rank, name in enumerate(POPULAR)}
    scored: list[tuple[tuple[object, ...], str]] = []
    for name in names:
        own = words_of[name]
        best = [0] * len(wanted)
        for word in own:
            for index, score in enumerate(quality.get(word, ())):
                best[index] = max(best[index], score)
        found = sum(1 for b in best if b)
        enough = found == len(wanted) if search else found * 2 > len(wanted)
        prefix = name.startswith(joined)
        if not (enough or (prefix and not search) or name == alias):
            continue
        key = (
            name != alias,
            list(own) != wanted,
            not prefix,
            -found / len(wanted),
            -sum(best),
            popular.get(name, len(popular)),
            len(own) - found,
            len(name),
            name,
        )
        scored.append((key, name))
    return [name for _, name in sorted(scored)]


def suggest_styles(query: str, n: int = 5) -> list[str]:
    """Up to ``n`` style ids ``query`` may have meant, best first (see :func:`_rank`), then,
    when fewer match by words, the names closest by edit distance."""
    names = available_styles()
    ranked = _rank(query, names, _name_words(), search=False)
    if len(ranked) < n:
        close = difflib.get_close_matches(query.casefold(), names, n=n, cutoff=0.6)
        ranked += [name for name in close if name not in ranked]
    return ranked[:n]


_TITLE = re.compile(rb"<title>(.*?)</title>", re.DOTALL)


def _read_title(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
            while b"</title>" not in head and b"</info>" not in head:
                more = handle.read(16384)
                if not more:
                    break
                head += more
    except OSError:
        return ""
    match = _TITLE.search(head)
    if match is None:
        return ""
    return " ".join(html.unescape(match.group(1).decode("utf-8", "replace")).split())


@functools.cache
def style_titles() -> dict[str, str]:
    """Every style id → the ``<title>`` of its file (read once per process, from the first
    lines of each file only)."""
    titles = {}
    for name in available_styles():
        path = style_file(name)
        titles[name] = _read_title(path) if path is not None else ""
    return titles


def style_title(name: str) -> str:
    """The ``<title>`` of the style named ``name`` (any case); "" if it has none."""
    path = style_file(name)
    return _read_title(path) if path is not None else ""


def search_styles(query: str) -> list[tuple[str, str]]:
    """(id, title) of every style whose id or title holds every word of ``query`` (as
    written or as the start of a word), best first: an alias of the query, the same id, ids
    holding its words, then titles holding them. [] when nothing matches."""
    ids = _name_words()
    by_id = _rank(query, ids, ids, search=True)
    seen = set(by_id)
    titles = style_titles()
    title_words = {name: tuple(_words(titles[name])) for name in ids if name not in seen}
    by_title = _rank(query, title_words, title_words, search=True)
    return [(name, titles[name]) for name in (*by_id, *by_title)]
