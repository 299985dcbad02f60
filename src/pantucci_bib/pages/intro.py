"""The blogger's intro paragraphs: recognising them, and reading from their sentences the
outlet ("a new piece for X"), the genre and co-authors ("with Alex").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from pantucci_bib.pages.directory import Directory, OutletMatch, bundled_directory, guess_outlet
from pantucci_bib.pages.lines import (
    _GENRES,
    _NAME,
    _NAME_LIST,
    _NOT_NAMES,
    _PIECE_WORD,
    _VOICE,
    _sentences,
    _words,
    byline_names,
    is_bio,
    is_caption,
    is_more,
    is_print_edition,
    is_titlelike,
    looks_like_name,
)
from pantucci_bib.pages.phrasings import (
    CITING,
    FIRST_PUBLISHED,
    INTRO_OUTLET_VERB,
    OUTLET_DESCRIPTOR,
    OUTLET_OPENERS,
    OUTLET_THEN_VERB,
    OUTLET_WORD,
    PERSON_VERB,
)


def is_intro(text: str, directory: Directory | None = None, *, marks: Sequence[str] = ()) -> bool:
    """The blogger's own paragraph introducing a post ("A new piece for X with Tom …").

    It must name the piece ("piece", "op-ed", "column", "posting" …) and score two of: the
    piece word among its first dozen words, the blogger's own voice ("I", "my", "here"),
    an outlet from the table (which counts twice), an unknown "piece for Capitalised Name".
    """
    if not 25 <= len(text) <= 2000 or is_titlelike(text) or is_print_edition(text):
        return False
    # "As A B argued in the X, …": another person's piece, no outlet of the post's
    text = " ".join(s for s in _sentences(text) if not CITING.search(s)) or text
    if is_bio(text) or is_more(text) or byline_names(text) is not None:
        return False
    if FIRST_PUBLISHED.match(text):
        return False  # "Reprinted with permission from X (date)": the repost line itself
    # "Reproduced here courtesy of the X", "Over at the X, …": a verb that names the outlet
    verb_names_outlet = any(
        INTRO_OUTLET_VERB.search(sentence) and unknown_outlet(sentence)
        for sentence in _sentences(text)
    )
    if is_caption(text) and not verb_names_outlet:
        return False
    match = _PIECE_WORD.search(text)
    if not match:
        if verb_names_outlet and len(text) <= 600:
            return True
        # any wording: the blogger's voice and a sentence naming an outlet (scored spans)
        return len(text) <= 600 and bool(_VOICE.search(text)) and _scored_outlet(text, 4, marks)
    score = 1 if len(text[: match.start()].split()) < 12 else 0
    score += 1 if _VOICE.search(text) else 0
    if (directory or bundled_directory()).find_outlets(text) or _scored_outlet(text, 6, marks):
        score += 2  # a known outlet, or a name that scores as strongly as one
    elif verb_names_outlet:
        score += 2  # "first published by X": an outlet the sentence says published the piece
    elif any(unknown_outlet(s) or native_outlet(s) for s in _sentences(text)) or _scored_outlet(
        text, 4, marks
    ):
        score += 1
    return score >= 2


def opens_like_intro(text: str, threshold: int = 4) -> bool:
    """A paragraph where a post must start (first on the page, or after "Continue reading")
    that names an outlet by the generic span score, in any wording and any voice ("Delighted
    that the X took this one")."""
    if not 25 <= len(text) <= 600 or is_titlelike(text) or byline_names(text) is not None:
        return False
    if is_bio(text) or is_more(text):
        return False  # "A B is a researcher at the X Centre": a contributor note
    return not FIRST_PUBLISHED.match(text) and _scored_outlet(text, threshold)


def _scored_outlet(text: str, threshold: int, marks: Sequence[str] = ()) -> bool:
    """Whether a sentence of ``text`` names an outlet by the generic span score."""
    from pantucci_bib.pages.spans import best_outlet

    directory = bundled_directory()
    blogs = [name for blog in directory.blogs for name in (blog.name, *blog.names)]
    return any(
        best_outlet(s, directory, marks=marks, exclude=blogs, threshold=threshold)
        for s in _sentences(text)
    )


_COAUTHOR = re.compile(
    r"\b(?:with|alongside|and|co-?authors?|co-?written with|co-?authored\s+(?:by|with))\s+"
    r"(?:(?:my|the|our|his|her|a|an)\s+)?"
    r"(?:(?:excellent|wonderful|good|great|old|dear|friend|colleague|and|co-?authors?|"
    r"long-?time|regular|fellow|brilliant|esteemed|frequent)\s+)*"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)
_SOLO = re.compile(r"\bsolo\b|\bby myself\b|\bon my own\b", re.I)
_SAYS = re.compile(
    rf"^(?P<names>{_NAME_LIST})\s+(?:says?|argues?|writes?|stud(?:y|ies)|examines?|looks?|"
    r"explains?|asks?|considers?|warns?|believes?|suggests?|contends?|explores?|assess(?:es)?|"
    r"analy[sz]es?|discuss(?:es)?|outlines?|reflects?|urges?)\b"
)
_SPOKE = re.compile(
    rf"(?P<who>[\w.’'-]+(?:\s+[\w.’'-]+){{0,3}})\s+(?:spoke|talked|speaks|talks)\s+(?:to|with)\s+"
    rf"(?P<whom>{_NAME})"
)
_INTERVIEW_WITH = re.compile(rf"\binterview(?:ed)?\s+with\s+(?P<name>{_NAME})", re.I)
_EXPANDED = re.compile(
    r"\b(?:earlier|shorter|original|first)\s+version\s+of\s+this\s+(?:piece|article|op-?ed)\s+"
    r"(?:appeared|was published|ran|came out)\s+(?:in|on|by|at)\s+(?P<rest>.+)",
    re.I,
)
_REPOSTED = re.compile(r"\b(?:re-?posted|cross-?posted|republished)\s+(?:on|at|in)\s+", re.I)
_BOOK_OF = re.compile(
    r"\bauthors?\s+of\s+(?:the\s+forthcoming\s+)?[“\"]?(?P<title>[A-Z][^(“”\"]+?)[”\"]?\s*"
    r"(?:\((?P<pub>[^),]+)|[.”\"]|$)"
)
_OUTLET_AFTER = re.compile(
    r"\b(?:(?:[Ff]or|by|[Aa]t|in|(?:gave|given|spoke|talked)\s+to)\s+"
    r"(?:the|today[’']s|this week[’']s|this month[’']s|this year[’']s)"
    r"|[Ff]or|by|published by|published in|appeared in|in|(?:gave|given|spoke|talked)\s+to)\s+"
    # "the Kazakh weekly X", "the station's website, the X": a description before the name
    rf"(?:(?<=\bthe )(?:[\w’'-]+\s+){{0,2}}?{OUTLET_DESCRIPTOR}(?:,\s+(?:the\s+)?|\s+))?"
    r"(?P<name>[A-Z][\w’'.&-]*(?:\s+(?:of|and|for|on|the|&|[A-Z][\w’'.&-]*))*)"
)


def unknown_outlet(sentence: str) -> tuple[int, int, str] | None:
    """A capitalised name after "piece for / in the / at the …" (or after "first published
    by", with no piece word before it) that no table knows."""
    piece = _PIECE_WORD.search(sentence)
    verb = INTRO_OUTLET_VERB.search(sentence)
    if verb is not None and (here := _NAME_HERE.match(sentence, verb.end())):
        name = _trim_name(here.group("name"))
        if _person_not_outlet(verb.group(0), name):
            pass  # "spoke to Alex Brown": a person
        elif name and looks_like_outlet_name(name):  # "courtesy of the X", "over at the X"
            return here.start("name"), here.start("name") + len(name), name
    if piece is not None and (did := _OUTLET_DID.search(sentence)):
        name = _trim_name(did.group("name"))
        if name and looks_like_outlet_name(name):  # "which X carried in Russian"
            return did.start("name"), did.start("name") + len(name), name
    if piece is None and verb is None:
        return None
    starts = sorted({m.end() if m is piece else m.start() for m in (piece, verb) if m})
    for start in starts:
        found = _outlet_after(sentence, start)
        if found is not None:
            return found
    if piece is not None:
        # the outlet before the piece word: "For the good folks at the X, a short paper …"
        found = _outlet_after(sentence, 0)
        if found is not None and found[1] <= piece.start():
            return found
    return None


_CAPITALISED_NAME = r"[A-Z][\w’'.&-]*(?:\s+(?:of|and|for|on|the|&|[A-Z][\w’'.&-]*))*"
#: An outlet's name right where a verb ending in a preposition leaves off.
_NAME_HERE = re.compile(
    rf"\s*(?:[Tt]he\s+(?:(?:[\w’'-]+\s+){{0,2}}?{OUTLET_DESCRIPTOR}(?:,\s+(?:the\s+)?|\s+))?)?"
    rf"(?P<name>{_CAPITALISED_NAME})"
)
#: "which (the) X carried": the outlet named before what it did with the piece.
_OUTLET_DID = re.compile(
    rf"\b(?:which|that)\s+(?:the\s+)?(?P<name>{_CAPITALISED_NAME})\s+{OUTLET_THEN_VERB}\b"
)


def _person_not_outlet(lead: str, name: str) -> bool:
    """After a verb whose object may be a person ("spoke to"), a name without an outlet word
    is a person's."""
    return bool(PERSON_VERB.match(lead.strip())) and not OUTLET_WORD.search(name)


def _trim_name(name: str) -> str:
    """A name without trailing small words or a possessive ("the X’s opinion pages")."""
    name = re.sub(r"(?:\s+(?:and|of|for|on|the|&))+$", "", name).strip(" .,")
    return re.sub(r"[’']s$", "", name)


def _outlet_after(sentence: str, start: int) -> tuple[int, int, str] | None:
    for match in _OUTLET_AFTER.finditer(sentence, start):
        if len(sentence[start : match.start()].split()) > 8:
            break
        name = _trim_name(match.group("name"))
        bare = not re.match(r"(?:for|by|at|in)\s+\S+\s", match.group(0)) and match.group(
            0
        ).startswith("in ")
        if bare and len(name.split()) < 2:
            continue  # "in Beijing": a place, not a paper
        if _person_not_outlet(match.group(0), name):
            continue  # "spoke to Alex Brown": a person
        if name and looks_like_outlet_name(name):
            return match.start("name"), match.start("name") + len(name), name
    return None


#: A name in another script with its English name in brackets: "环球视野 (Global Outlook)".
_NATIVE_NAMED = re.compile(
    r"(?P<native>[^\W\d_A-Za-z\u00c0-\u024f][^\W\d_]*(?:[\s-]+[^\W\d_A-Za-z\u00c0-\u024f]"
    r"[^\W\d_]*){0,5})\s*[（(](?P<english>[A-Z][^()（）]{2,80})[)）]"
)


def native_outlet(sentence: str) -> tuple[int, int, str] | None:
    """An outlet named in its own script with the English name in brackets ("the weekly
    Жаңа Дала (New Steppe)"); the English name is returned, a person's name never is."""
    for match in _NATIVE_NAMED.finditer(sentence):
        english = match.group("english").strip()
        if (
            looks_like_name(english)
            and len(english.split()) <= 3
            and not OUTLET_WORD.search(english)
        ):
            continue  # "潘睿凡（Raffaello Pantucci）": a person
        if OUTLET_WORD.search(english) or looks_like_outlet_name(english):
            return match.start("english"), match.end("english"), english
    return None


def intro_sentences(text: str) -> list[str]:
    """The sentences of an intro paragraph."""
    return _sentences(text)


def intro_outlet(
    intro: str,
    directory: Directory,
    *,
    people: Sequence[str] = (),
    marks: Sequence[str] = (),
) -> tuple[OutletMatch | None, str]:
    """The outlet the intro says the piece was written for, and the sentence that says it.

    The first sentence that names a known outlet decides; an outlet the intro only says an
    earlier version appeared in, or that the post was re-posted on, does not count. Failing
    those, the best-scoring name span of any sentence (:mod:`pantucci_bib.pages.spans`;
    ``people`` are names that are not outlets, ``marks`` the page's italic or linked text).
    """
    for sentence in intro_sentences(intro):
        cut = sentence
        if match := _EXPANDED.search(cut):
            cut = cut[: match.start()] + " " * (len(cut) - match.start())
            later = re.search(
                r"\b(?:this|the)\s+(?:expanded|longer|new|updated)\s+version", sentence
            )
            if later:
                cut = " " * later.start() + sentence[later.start() :]
        for reposted in _REPOSTED.finditer(cut):
            end = reposted.end()
            cut = (
                cut[:end]
                + re.sub(r"[^,]", " ", cut[end:].split(",")[0])
                + cut[end + len(cut[end:].split(",")[0]) :]
            )
        found = directory.find_outlets(cut)
        if found:
            first = found[0]
            for other in found[1:]:
                if other.outlet == first.outlet and other.section and not first.section:
                    first = attrs.evolve(first, section=other.section)
            return first, sentence
    for sentence in intro_sentences(intro):
        if native := native_outlet(sentence):
            start, end, name = native
            known = directory.outlet(name)
            return OutletMatch(start, end, known or guess_outlet(name)), sentence
    from pantucci_bib.pages.spans import best_outlet

    blogs = [name for blog in directory.blogs for name in (blog.name, *blog.names)]
    scored = [
        (span, sentence)
        for sentence in intro_sentences(intro)
        if (
            span := best_outlet(
                _before_reposted(sentence), directory, people=people, marks=marks, exclude=blogs
            )
        )
    ]
    if scored:
        span, sentence = max(scored, key=lambda item: item[0].score)
        known = directory.outlet(span.name)
        return OutletMatch(span.start, span.end, known or guess_outlet(span.name)), sentence
    return None, ""


def _before_reposted(sentence: str) -> str:
    """A sentence up to where it says an earlier version appeared (not the piece's outlet)."""
    if match := _EXPANDED.search(sentence):
        return sentence[: match.start()]
    return sentence


def looks_like_outlet_name(name: str) -> bool:
    """A capitalised phrase that could name a publication (not a month, weekday or place word)."""
    words = name.split()
    first = words[0].lower().strip("’'s")
    if first in OUTLET_OPENERS and len(words) >= 2 and words[1][:1].isupper():
        rest = " ".join(words[1:])
        # "New Eastern Outlook", "New York Times"; not "New Year" or "New York"
        return rest not in OUTLET_OPENERS[first]
    return first not in _NOT_NAMES and first not in _CALENDAR_WORDS


_CALENDAR_WORDS = _words(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday"""
)


def _up_to(intro: str, sentence: str) -> str:
    """The intro up to and including ``sentence`` (the one naming the outlet)."""
    sentences = intro_sentences(intro)
    if sentence in sentences:
        return " ".join(sentences[: sentences.index(sentence) + 1])
    return sentences[0] if sentences else intro


def genre_of(intro: str) -> str:
    """The kind of piece the intro announces: op-ed, column, extract, report, interview or ""."""
    first: tuple[int, str] | None = None
    for pattern, genre in _GENRES:
        match = pattern.search(intro)
        if match and (first is None or match.start() < first[0]):
            first = (match.start(), genre)
    return first[1] if first else ""
