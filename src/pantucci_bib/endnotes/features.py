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
from typing import NamedTuple

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


class _Token(NamedTuple):
    """What :func:`features` needs of one token, computed once per distinct token (and
    lexicon): its own features, the features it gives its neighbours, and its flags."""

    own: tuple[str, ...]
    as_before2: str  # seen from two tokens on: "-2:w=…"
    as_before: tuple[str, ...]  # from the next token: "-1:w=…", shape, last character, marks
    as_after: tuple[str, ...]  # from the previous token: "1:w=…", …
    as_after2: str  # "2:w=…"
    word_last: str  # "-1:w+last=…|…", given to the next token
    caps: str  # "after_stop_caps=…", when the previous token ends a sentence
    stop: bool  # ends in "." or ":" and is not an initial: a segment ends here
    year: bool
    opens_quote: bool
    closes_quote: bool
    opens_paren: bool
    closes_paren: bool


@lru_cache(maxsize=1 << 16)
def _token(token: str, lexicon: Lexicon) -> _Token:
    own = _own(token, lexicon)
    bare = word(token)
    marks = [f for f in own if f[:3] in ("kw=", "dic", "cl0")]
    shape, last = _shape(token), token[-1]
    return _Token(
        own=own,
        as_before2=f"-2:w={bare}",
        as_before=(
            f"-1:w={bare}",
            f"-1:shape={shape}",
            f"-1:last={last}",
            *[f"-1:{f}" for f in marks],
        ),
        as_after=(f"1:w={bare}", f"1:shape={shape}", f"1:last={last}", *[f"1:{f}" for f in marks]),
        as_after2=f"2:w={bare}",
        word_last=f"-1:w+last={bare}|{last}",
        caps=f"after_stop_caps={token[:1].isupper()}",
        stop=last in ".:" and not _INITIAL.match(token),
        year=bool(_YEAR.match(token)),
        opens_quote=token[0] in _OPEN_QUOTES,
        closes_quote=token.rstrip(".,;:")[-1:] in _CLOSE_QUOTES and len(token) > 1,
        opens_paren="(" in token or "[" in token,
        closes_paren=")" in token or "]" in token,
    )


_POS = tuple(f"pos={i}" for i in range(10))
_SEGMENT = tuple(f"segment={i}" for i in range(7))
_YEARS_BEFORE = tuple(f"years_before={i}" for i in range(3))


def features(tokens: Sequence[str], lexicon: Lexicon) -> list[list[str]]:
    """One list of feature strings per token of one reference.

    Everything that depends on a token alone (its features, those it gives its neighbours,
    its flags) is computed once per distinct token (:func:`_token`, cached); the loop only
    puts those strings in order and adds the ones that depend on the place in the reference.
    """
    info = [_token(token, lexicon) for token in tokens]
    count = len(info)
    result: list[list[str]] = []
    in_quote = in_paren = False
    years = segment = 0
    first_year = next((i for i, t in enumerate(info) if t.year), count)
    for index, this in enumerate(info):
        feats = ["bias", _POS[10 * index // count], *this.own, _SEGMENT[min(segment, 6)]]
        feats.append(
            "year=before"
            if index < first_year
            else "year=at"
            if index == first_year
            else "year=after"
        )
        if index:
            previous = info[index - 1]
            if previous.stop:
                feats.append("after_stop")
                feats.append(this.caps)
            feats.append(previous.word_last)
        else:
            feats.append("start")
        if index == count - 1:
            feats.append("end")
        if in_quote:
            feats.append("inside=quote")
        if in_paren:
            feats.append("inside=paren")
        feats.append(_YEARS_BEFORE[min(years, 2)])
        if index >= 2:
            feats.append(info[index - 2].as_before2)
        else:
            feats.append("-2:none")
        if index:
            feats.extend(info[index - 1].as_before)
        else:
            feats.append("-1:none")
        if index + 1 < count:
            feats.extend(info[index + 1].as_after)
            feats.append(info[index + 2].as_after2 if index + 2 < count else "2:none")
        else:
            feats.append("1:none")
            feats.append("2:none")
        result.append(feats)
        if this.opens_quote and not in_quote:
            in_quote = True
        if in_quote and this.closes_quote:
            in_quote = False
        if this.opens_paren:
            in_paren = True
        if this.closes_paren:
            in_paren = False
        if this.year:
            years += 1
        if this.stop:
            segment += 1
    return result


@lru_cache(maxsize=1 << 16)
def _ends_chunk(token: str) -> bool:
    end = token.rstrip("\"'”’»")
    return (end[-1:] in ",;:)]" or (end.endswith(".") and not _INITIAL.match(token))) or (
        end != token
    )


def _chunks(tokens: Sequence[str]) -> list[int]:
    """The punctuation chunk of each token: a chunk ends at a token ending in ``.,;:`` (not
    an initial) or in a closing bracket or quotation mark."""
    chunk, found = 0, []
    for token in tokens:
        found.append(chunk)
        if _ends_chunk(token):
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
    chunk_of = _chunks(tokens)
    members: dict[int, dict[str, int]] = {}
    for chunk, label in zip(chunk_of, labels, strict=True):
        counts = members.get(chunk)
        if counts is None:
            members[chunk] = {label: 1}
        else:
            counts[label] = counts.get(label, 0) + 1
    # The most frequent label of the chunk, the first seen of those tied (as Counter's
    # most_common(1) gives it).
    majority = {chunk: max(counts, key=counts.__getitem__) for chunk, counts in members.items()}
    padded = ["none", "none", *labels, "none", "none"]
    per_chunk: dict[int, tuple[str, ...]] = {}
    for chunk, major in majority.items():
        made = [f"C0={major}"]
        if len(members[chunk]) > 1:
            made.append("C0=mixed")
        made.append(f"C-1={majority.get(chunk - 1, 'none')}")
        made.append(f"C+1={majority.get(chunk + 1, 'none')}")
        per_chunk[chunk] = tuple(made)
    result: list[list[str]] = []
    seen: set[str] = set()
    seen_feats: list[str] = []
    for index, label in enumerate(labels):
        chunk = chunk_of[index]
        fixed = per_chunk[chunk]
        before, after = padded[index + 1], padded[index + 3]
        feats = [
            *first[index],
            f"L0={label}",
            f"L0m={label}|{min(int(marginals[index] * 5), 4)}",
            f"L-2={padded[index]}",
            f"L-1={before}",
            f"L1={after}",
            f"L2={padded[index + 4]}",
            f"L-1|L0={before}|{label}",
            f"L0|L+1={label}|{after}",
            fixed[0],
            f"C0|L0={majority[chunk]}|{label}",
            *fixed[1:],
            *seen_feats,
        ]
        result.append(feats)
        if label not in seen:
            seen.add(label)
            seen_feats = [f"seen={other}" for other in sorted(seen)]
    return result
