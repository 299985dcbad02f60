"""Scored outlet spans: the generic reading of "which publication does this sentence name".

Instead of one pattern per phrasing ("a piece for X", "over at X", "which X carried"), every
capitalised name span of a sentence is a candidate and gets a score from what surrounds it:

* it is an outlet the table knows (``data/outlets.json``), or the page marks it (italics,
  a link in saved HTML);
* its words say it is a publication (``outlet_words`` and the ``outlet_types`` words:
  "Review", "Courier", "Weekly" …);
* a cue stands right before it (``outlet_cues``: "for", "in", "at", "by", "on", "over at",
  "carried by", "courtesy of" …, with "the" and a description such as "the Kazakh weekly"
  allowed between), or a description follows it (", a newsletter out of Almaty");
* "the" stands before it, it has more than one word, a piece word is near;
* and against it: it is a person the page or the people table knows, it looks like a
  personal name without an outlet word (more so after "with"/"and"), it is one plain word,
  it opens the sentence with no cue.

The best span scoring :data:`THRESHOLD` or more is the outlet. The cue words and the words
that describe an outlet are data (``data/phrasings.json``); the weights are here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from pantucci_bib.dates import find_written
from pantucci_bib.pages.directory import Directory
from pantucci_bib.pages.lines import _NOT_NAMES, _PIECE_WORD, _words, looks_like_name
from pantucci_bib.pages.persons import PERSON, person_score
from pantucci_bib.pages.phrasings import (
    OUTLET_APPOSITION,
    OUTLET_CUE,
    OUTLET_DESCRIPTOR,
    OUTLET_OPENERS,
    OUTLET_THEN_VERB,
    OUTLET_WORD,
    PERSON_CUE,
    PUBLICATION_VERB,
)

#: The score a span needs to be taken as the outlet.
THRESHOLD = 3

_CONNECTOR = r"(?:of|and|for|on|the|&|de|du|des|la|le|al|el|di|da)"
_CAP = r"(?:[A-Z][\w’'.&-]*|[A-Z]\.)"
_SPAN = re.compile(rf"{_CAP}(?:\s+(?:{_CONNECTOR}\s+)*{_CAP})*")
_BEFORE_THE = re.compile(
    rf"(?:\b[Tt]he\s+(?:(?:[\w’'-]+\s+){{0,2}}?{OUTLET_DESCRIPTOR}(?:,\s+(?:the\s+)?|\s+))?|"
    rf"\b[\w’'-]+[’']s\s+(?:[\w’'-]+\s+){{0,2}}?{OUTLET_DESCRIPTOR}(?:,\s+(?:the\s+)?|\s+))$"
)
_CUE_BEFORE = re.compile(rf"(?:^|\W)(?:{OUTLET_CUE})\s+$", re.I)
_DATE_AFTER = re.compile(
    r"\s*(?:,|\bon\b|\(|\bin\b)\s*(?:\d{1,2}[\s./-]|\d{4}\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|"
    r"Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
)
_INNER_CUE = re.compile(rf"\s(?:{OUTLET_CUE})\s+the\s", re.I)
_THEN_VERB = re.compile(rf"\s+{OUTLET_THEN_VERB}\b")
_PERSON_CUE_BEFORE = re.compile(rf"(?:^|\W)(?:{PERSON_CUE})\s+$", re.I)
_PRONOUNS = frozenset({"I", "I’m", "I'm", "I’ve", "I've", "I’d", "I'd", "We", "Our", "My"})
#: Capitalised small words that open a sentence before a name ("For the X", "Via X"): not
#: part of the name, and a cue before it.
_LEADING_CUES = frozenset({"For", "In", "At", "On", "Via", "From", "Over", "To", "By", "With"})
_CALENDAR = _words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday spring summer autumn winter"""
)


@attrs.frozen
class Span:
    """A candidate outlet name in a sentence, its score and why."""

    start: int
    end: int
    name: str
    score: int
    reasons: tuple[str, ...] = ()


def _trim(text: str, start: int) -> tuple[int, str]:
    """A span without leading pronouns or connectors and without trailing small words or a
    possessive ("the X’s opinion pages" → "X")."""
    words = text.split(" ")
    while words and (
        words[0] in _PRONOUNS
        or words[0].lower() in ("the", "and", "of", "&")
        or (len(words) > 1 and words[0] in _LEADING_CUES)  # "For X Magazine, a look at …"
    ):
        start += len(words[0]) + 1
        words = words[1:]
    name = " ".join(words)
    cut = re.split(r"\s+(?:(?:and|&)\s+)?(?=(?:I|I[’']\w+)(?:\s|$))", name)[0]
    name = re.sub(rf"(?:\s+{_CONNECTOR})+$", "", cut).rstrip(" .,")
    name = re.sub(r"[’']s$", "", name)
    if len(name) > 1 and name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
        name = name[:-1]
    return start, name


def candidates(sentence: str) -> Iterable[tuple[int, int, str]]:
    """Every capitalised name span of ``sentence`` (start, end, name), and each part of it
    that starts after a small word ("Temir for the Silk Gazette" → "Silk Gazette" too)."""
    seen: set[tuple[int, int]] = set()
    for match in _SPAN.finditer(sentence):
        start, name = _trim(match.group(0), match.start())
        # a span split by a pronoun ("Alex and I"): the part before it
        if not name or name in _PRONOUNS:
            continue
        parts = [(start, name)]
        for small in re.finditer(rf"\s+(?:{_CONNECTOR}\s+)+(?=[A-Z])", name):
            parts.append((start + small.end(), name[small.end() :]))
            parts.append((start, name[: small.start()]))
        for begin, part in parts:
            begin, part = _trim(part, begin)
            if part and part not in _PRONOUNS and (begin, len(part)) not in seen:
                seen.add((begin, len(part)))
                yield begin, begin + len(part), part


def score_span(
    sentence: str,
    start: int,
    end: int,
    name: str,
    directory: Directory,
    *,
    marks: Sequence[str] = (),
    people: Sequence[str] = (),
) -> Span:
    """The score of the span ``sentence[start:end]`` as an outlet's name (see module doc)."""
    score = 0
    why: list[str] = []
    words = name.split()
    first = words[0].lower().strip("’'s.")
    if first in _CALENDAR or (len(words) == 1 and first in _NOT_NAMES):
        return Span(start, end, name, -9, ("a calendar or common word",))
    if first in OUTLET_OPENERS and (
        len(words) == 1 or " ".join(words[1:]) in OUTLET_OPENERS[first]
    ):
        return Span(start, end, name, -9, ("a place or season, not an outlet",))
    known = directory.outlet(name) is not None
    before = sentence[:start]
    if known and re.search(r"[A-Z][\w’'.&-]*\s+(?:of|and|&)\s+$", before):
        known = False  # "Asian Affairs" in "Helsinki Review of Asian Affairs": a longer name
    if known:
        score += 5
        why.append("a known outlet")
    if _INNER_CUE.search(name):
        score -= 2  # "Bishkek for the Pamir Policy Review": two names, the second after a cue
        why.append("a cue inside it")
    if any(_fold(name) == _fold(mark) for mark in marks):
        score += 3
        why.append("marked on the page (italics or a link)")
    has_word = bool(OUTLET_WORD.search(name))
    if has_word:
        score += 2
        why.append("an outlet word in the name")
    lead = _BEFORE_THE.search(before)
    bare_before = before[: lead.start()] if lead else before
    if lead:
        score += 1
        why.append("'the' before it")
    cue = bool(_CUE_BEFORE.search(bare_before))
    if cue:
        score += 2
        why.append("a cue before it")
    after = bool(OUTLET_APPOSITION.match(sentence[end:]) or _THEN_VERB.match(sentence[end:]))
    if after:
        score += 2
        why.append("a description or what it did with the piece after it")
    if len(words) >= 2:
        score += 1
    if _DATE_AFTER.match(sentence[end:]):
        score += 1
        why.append("a date after it")
    piece = _PIECE_WORD.search(sentence)
    if piece is not None and 0 <= len(sentence[piece.end() : start].split()) <= 6:
        score += 1
        why.append("a piece word near")
    person = directory.person(name) is not None or name in people
    if person and not known:
        score -= 9
        why.append("a person")
    elif (
        looks_like_name(name)
        and person_score(name) >= PERSON - 1  # no word of it says it is not a person's
        and not has_word
        and not known
        and name not in marks
    ):
        if _PERSON_CUE_BEFORE.search(bare_before):
            score -= 4
        elif not cue and not after:
            score -= 2
        why.append("looks like a personal name")
    if len(words) == 1 and not has_word and not known:
        score -= 1
    if not before.strip() and not known and not has_word:
        score -= 1  # a capitalised word opening the sentence
    return Span(start, end, name, score, tuple(why))


def outlet_spans(
    sentence: str,
    directory: Directory,
    *,
    marks: Sequence[str] = (),
    people: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> list[Span]:
    """The candidate outlets of ``sentence``, best first (ties: leftmost)."""
    spans = [
        score_span(sentence, start, end, name, directory, marks=marks, people=people)
        for start, end, name in candidates(sentence)
        if _fold(name) not in {_fold(e) for e in exclude}
    ]
    return sorted(spans, key=lambda s: (-s.score, s.start))


def best_outlet(
    sentence: str,
    directory: Directory,
    *,
    marks: Sequence[str] = (),
    people: Sequence[str] = (),
    exclude: Sequence[str] = (),
    threshold: int = THRESHOLD,
) -> Span | None:
    """The best-scoring outlet span of ``sentence`` if it reaches ``threshold``."""
    spans = outlet_spans(sentence, directory, marks=marks, people=people, exclude=exclude)
    return spans[0] if spans and spans[0].score >= threshold else None


def _fold(text: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(text.split()).casefold())


#: The dash of an attribution opening a line ("— The X, 3 May 2020").
_ATTRIBUTION = re.compile(r"^\s*[–—]\s*(?:the\s+)?", re.I)


def repost_line(
    text: str, directory: Directory | None = None, *, marks: Sequence[str] = ()
) -> Span | None:
    """The outlet of a repost line in any wording ("This piece ran in X on DATE", "A version
    of this article appeared in the X", "Courtesy of the X, where it was published …"), or None.

    A repost line is short (two sentences at most), has a publication word
    (``publication_verbs``) among its first eight words, is not in the blogger's voice, and
    names an outlet whose span scores one more than :data:`THRESHOLD`; or it is one dated
    sentence naming an outlet that scores two more (one more right after an attribution's
    dash: "— The X, 3 May 2020").
    """
    from pantucci_bib.pages.directory import bundled_directory
    from pantucci_bib.pages.lines import _VOICE, _sentences

    if len(text) > 220 or len(_sentences(text)) > 2 or _VOICE.search(text):
        return None
    verb = PUBLICATION_VERB.search(text)
    directory = directory or bundled_directory()
    blogs = [name for blog in directory.blogs for name in (blog.name, *blog.names)]
    if verb is None or len(text[: verb.start()].split()) > 8:
        # no publication word: one sentence with a date and a strongly scored outlet
        if len(_sentences(text)) > 1 or find_written(text) is None or text[:1] in "“\"‘'(":
            return None
        # "— X, DATE" (an attribution's dash right before the name) needs less
        span = best_outlet(text, directory, marks=marks, exclude=blogs, threshold=THRESHOLD + 1)
        dash = _ATTRIBUTION.match(text)
        if span is None or (span.score < THRESHOLD + 2 and not (dash and span.start == dash.end())):
            return None
        return span if len(text[: span.start].split()) <= 8 else None
    return best_outlet(text, directory, marks=marks, exclude=blogs, threshold=THRESHOLD + 1)
