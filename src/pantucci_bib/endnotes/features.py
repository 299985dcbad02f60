"""Tokens of a reference string and the features the labeller sees for each.

A token is a run of non-space characters, punctuation attached ("(2011).", "Smith,"). Its
features: the word itself (case-folded, punctuation stripped), its shape, the punctuation
before and after it, capitals, numbers (years, page ranges, ordinals), keywords (``pp.``,
``vol.``, ``ed.``, ``in``, ``doi``), whether it is inside quotation marks or brackets, its
place in the reference, the :class:`Lexicon` classes its word belongs to, and the words and
shapes of its neighbours.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import attrs

_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_YEAR = re.compile(r"^\(?\[?(1[5-9]\d\d|20\d\d)[a-z]?\]?\)?[.,;:]?\)?$")
_RANGE = re.compile(r"^\(?\d+\s*[-–—]+\s*\d+\)?[.,;:]?\)?$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|e|er|ème|\.)$", re.I)
_INITIAL = re.compile(r"^[A-ZÀ-Þ]\.(?:-?[A-ZÀ-Þ]\.)*,?$")
_OPEN_QUOTES = "“‘«„\"'"
_CLOSE_QUOTES = "”’»\"'"
_KEYWORDS: dict[str, str] = {
    **dict.fromkeys(("ed", "eds", "edited", "editor", "editors", "hrsg", "hg"), "editor"),
    **dict.fromkeys(("trans", "transl", "translated", "translator", "tr"), "translator"),
    **dict.fromkeys(("vol", "vols", "volume", "bd", "t", "tome"), "volume"),
    **dict.fromkeys(("no", "nos", "number", "issue", "nr", "heft"), "number"),
    **dict.fromkeys(("p", "pp", "pages", "page", "s", "pg"), "page"),
    **dict.fromkeys(("in", "dans", "en"), "in"),
    **dict.fromkeys(("and", "&", "und", "et", "y"), "and"),
    **dict.fromkeys(("retrieved", "accessed", "available", "viewed", "consulted"), "access"),
    **dict.fromkeys(("doi",), "doi"),
    **dict.fromkeys(("isbn", "issn"), "isbn"),
    **dict.fromkeys(("thesis", "dissertation", "phd", "ma", "msc", "diss"), "thesis"),
    **dict.fromkeys(("press", "publishers", "publisher", "publishing", "verlag"), "press"),
    **dict.fromkeys(("university", "univ", "universität", "université"), "university"),
    **dict.fromkeys(("report", "paper", "working", "technical", "tech"), "report"),
    **dict.fromkeys(("edn", "edition", "ed.", "aufl", "éd"), "edition"),
    **dict.fromkeys(("journal", "proceedings", "review", "quarterly", "annals"), "journal"),
    **dict.fromkeys(("conference", "symposium", "workshop", "congress", "meeting"), "event"),
    **dict.fromkeys(("al", "others"), "etal"),
}
_MONTHS = frozenset(
    """jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december spring summer autumn fall winter janvier
    février mars avril mai juin juillet août septembre octobre novembre décembre januar
    februar märz juni juli oktober dezember""".split()  # noqa: SIM905
)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """The tokens of ``text`` with their start and end offsets."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1 << 16)
def word(token: str) -> str:
    """The token case-folded, accents and the punctuation at its edges removed."""
    bare = unicodedata.normalize("NFKD", _EDGE.sub("", token))
    return "".join(ch for ch in bare if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1 << 16)
def _shape(token: str) -> str:
    shape: list[str] = []
    for ch in token:
        kind = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not shape or shape[-1] != kind:
            shape.append(kind)
    return "".join(shape)[:8]


@attrs.frozen(eq=False)  # hashed by identity: _own's cache is per lexicon
class Lexicon:
    """Words seen mostly in one kind of span of the training split: names, journals, ….

    ``classes`` maps a word (see :func:`word`) to the span classes it belongs to;
    ``clusters``, optional, a word to its unsupervised cluster ids (:mod:`.clusters`), given
    to the token as ``cl0=…``, ``cl1=…`` and the first to its neighbours.
    """

    classes: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    clusters: dict[str, tuple[int, ...]] = attrs.Factory(dict)

    #: Span labels → the lexicon class their words go in.
    GROUPS = {  # noqa: RUF012
        "author": "name",
        "editor": "name",
        "translator": "name",
        "journal": "journal",
        "container-title": "container",
        "publisher": "publisher",
        "location": "place",
    }

    @classmethod
    def build(
        cls, sequences: Iterable[tuple[Sequence[str], Sequence[str]]], *, least: int = 2
    ) -> Lexicon:
        """The lexicon of ``(tokens, labels)`` sequences: a word joins a class when it was
        seen there at least ``least`` times and in at least half of its occurrences."""
        total: Counter[str] = Counter()
        per_class: Counter[tuple[str, str]] = Counter()
        for tokens, labels in sequences:
            for token, label in zip(tokens, labels, strict=True):
                bare = word(token)
                if len(bare) < 2 or bare.isdigit():
                    continue
                total[bare] += 1
                if label in cls.GROUPS:
                    per_class[(bare, cls.GROUPS[label])] += 1
        classes: dict[str, list[str]] = {}
        for (bare, group), count in sorted(per_class.items()):
            if count >= least and 2 * count >= total[bare]:
                classes.setdefault(bare, []).append(group)
        return cls({w: tuple(gs) for w, gs in sorted(classes.items())})


@lru_cache(maxsize=1 << 16)
def _own(token: str, lexicon: Lexicon) -> tuple[str, ...]:
    bare = word(token)
    low = token.casefold()
    feats = [f"w={bare}", f"shape={_shape(token)}", f"last={token[-1]}", f"first={token[0]}"]
    if len(bare) > 3:
        feats += [f"suf={bare[-3:]}", f"pre={bare[:3]}"]
    letters = [ch for ch in token if ch.isalpha()]
    if letters:
        if all(ch.isupper() for ch in letters):
            feats.append("caps=all")
        elif letters[0].isupper():
            feats.append("caps=init")
        elif all(ch.islower() for ch in letters):
            feats.append("caps=lower")
        else:
            feats.append("caps=mixed")
    if _YEAR.match(token):
        feats.append("num=year")
    elif _RANGE.match(token):
        feats.append("num=range")
    elif _ORDINAL.match(token):
        feats.append("num=ordinal")
    elif any(ch.isdigit() for ch in token):
        feats.append("num=digits" if bare.isdigit() else "num=mixed")
    if _INITIAL.match(token):
        feats.append("initial")
    if keyword := _KEYWORDS.get(bare):
        feats.append(f"kw={keyword}")
    if bare in _MONTHS:
        feats.append("kw=month")
    if low.startswith(("http", "www.")) or "://" in low:
        feats.append("kw=url")
    elif (low.startswith("10.") and "/" in low) or low.startswith("doi:"):
        feats.append("kw=doi")
    if token[0] in _OPEN_QUOTES:
        feats.append("quote=open")
    if token.rstrip(".,;:")[-1:] in _CLOSE_QUOTES:
        feats.append("quote=close")
    if token[0] in "([":
        feats.append("bracket=open")
    if token.rstrip(".,;:")[-1:] in ")]":
        feats.append("bracket=close")
    feats.extend(f"dict={group}" for group in lexicon.classes.get(bare, ()))
    feats.extend(f"cl{i}={c}" for i, c in enumerate(lexicon.clusters.get(bare, ())))
    return tuple(feats)


def features(tokens: Sequence[str], lexicon: Lexicon) -> list[list[str]]:
    """One list of feature strings per token of one reference."""
    own = [_own(token, lexicon) for token in tokens]
    words = [word(token) for token in tokens]
    marks = [[f for f in feats if f[:3] in ("kw=", "dic", "cl0")] for feats in own]
    count = len(tokens)
    result: list[list[str]] = []
    in_quote = in_paren = False
    years = segment = 0
    first_year = next((i for i, t in enumerate(tokens) if _YEAR.match(t)), count)
    for index, token in enumerate(tokens):
        feats = ["bias", f"pos={10 * index // count}", *own[index]]
        feats.append(f"segment={min(segment, 6)}")
        place = "before" if index < first_year else "at" if index == first_year else "after"
        feats.append(f"year={place}")
        if index:
            previous = tokens[index - 1]
            if previous[-1] in ".:" and not _INITIAL.match(previous):
                feats.append("after_stop")
                feats.append(f"after_stop_caps={token[:1].isupper()}")
            feats.append(f"-1:w+last={words[index - 1]}|{previous[-1]}")
        if index == 0:
            feats.append("start")
        if index == count - 1:
            feats.append("end")
        if in_quote:
            feats.append("inside=quote")
        if in_paren:
            feats.append("inside=paren")
        feats.append(f"years_before={min(years, 2)}")
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if 0 <= other < count:
                feats.append(f"{offset}:w={words[other]}")
                if offset in (-1, 1):
                    feats.append(f"{offset}:shape={_shape(tokens[other])}")
                    feats.append(f"{offset}:last={tokens[other][-1]}")
                    feats.extend(f"{offset}:{f}" for f in marks[other])
            else:
                feats.append(f"{offset}:none")
        result.append(feats)
        if token[0] in _OPEN_QUOTES and not in_quote:
            in_quote = True
        if in_quote and token.rstrip(".,;:")[-1:] in _CLOSE_QUOTES and len(token) > 1:
            in_quote = False
        if "(" in token or "[" in token:
            in_paren = True
        if ")" in token or "]" in token:
            in_paren = False
        if _YEAR.match(token):
            years += 1
        if token[-1] in ".:" and not _INITIAL.match(token):
            segment += 1
    return result


def _chunks(tokens: Sequence[str]) -> list[int]:
    """The punctuation chunk of each token: a chunk ends at a token ending in ``.,;:`` (not
    an initial) or in a closing bracket or quotation mark."""
    chunk, found = 0, []
    for token in tokens:
        found.append(chunk)
        end = token.rstrip("\"'”’»")
        if (end[-1:] in ",;:)]" or (end.endswith(".") and not _INITIAL.match(token))) or (
            end != token
        ):
            chunk += 1
    return found


def second_pass(
    tokens: Sequence[str],
    first: Sequence[Sequence[str]],
    labels: Sequence[str],
    marginals: Sequence[float],
) -> list[list[str]]:
    """The second pass's features: the first pass's (``first``) and what the first pass
    labelled (``labels``, with their ``marginals``): the labels of the token and of its
    neighbours, of its punctuation chunk and the chunks either side, and the labels seen
    before it."""
    count = len(tokens)
    chunk_of = _chunks(tokens)
    majority: dict[int, str] = {}
    mixed: set[int] = set()
    members: dict[int, Counter[str]] = {}
    for chunk, label in zip(chunk_of, labels, strict=True):
        members.setdefault(chunk, Counter())[label] += 1
    for chunk, counter in members.items():
        majority[chunk] = counter.most_common(1)[0][0]
        if len(counter) > 1:
            mixed.add(chunk)
    padded = ["none", "none", *labels, "none", "none"]
    around = [
        [f"L-2={padded[i]}", f"L-1={padded[i + 1]}", f"L1={padded[i + 3]}", f"L2={padded[i + 4]}"]
        for i in range(count)
    ]
    per_chunk: dict[int, tuple[str, ...]] = {}
    for chunk, major in majority.items():
        made = [f"C0={major}"]
        if chunk in mixed:
            made.append("C0=mixed")
        made.append(f"C-1={majority.get(chunk - 1, 'none')}")
        made.append(f"C+1={majority.get(chunk + 1, 'none')}")
        per_chunk[chunk] = tuple(made)
    result: list[list[str]] = []
    seen: set[str] = set()
    seen_feats: list[str] = []
    for index, label in enumerate(labels):
        chunk = chunk_of[index]
        major = majority[chunk]
        fixed = per_chunk[chunk]
        feats = [*first[index], f"L0={label}", f"L0m={label}|{min(int(marginals[index] * 5), 4)}"]
        feats += around[index]
        feats += [
            f"L-1|L0={padded[index + 1]}|{label}",
            f"L0|L+1={label}|{padded[index + 3]}",
            fixed[0],
            f"C0|L0={major}|{label}",
        ]
        feats += fixed[1:]
        feats += seen_feats
        result.append(feats)
        if label not in seen:
            seen.add(label)
            seen_feats = [f"seen={other}" for other in sorted(seen)]
    return result
