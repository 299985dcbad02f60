"""CSL 1.0.2 \u00a7 Text-case: title case as citeproc-js applies it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from citeproc import model
from citeproc.string import MixedString, NoCase

# citeproc-js CSL.SKIP_WORDS: words title case leaves in lower case.
_STOP_WORDS = frozenset(
    """about above across afore after against al along alongside amid amidst among amongst
    anenst apropos apud around as aside astride at athwart atop barring before behind below
    beneath beside besides between beyond but by circa despite down during et except for
    forenenst from given in inside into lest like modulo near next notwithstanding of off on
    onto out over per plus pro qua sans since than through throughout thruout till to toward
    towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with within
    without or yet so and nor a an the de d' von van c ca""".split()  # noqa: SIM905
)
# the separators citeproc-js's title case splits on (quotes, dashes, slash, punctuation, brackets)
_CASE_TAGS = re.compile(
    "(\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]|\\(|\\))"
)


def title_case(text: str) -> str:
    """Title case as citeproc-js applies it to one string (see ``title-case`` in FIXES)."""
    return "".join(_title_case_parts([(text, False)]))


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:] if word else word


_SPACES = re.compile("([\u0020\u00a0\u2000-\u200b\u205f\u3000]+)")
_OPENERS = {"\u2018": "\u2019", "\u201c": "\u201d", ' "': '"', " '": "'"}
_CLOSERS = frozenset({"\u2019", "\u201d", '"', "'"})


def _title_case_parts(parts: Sequence[tuple[str, bool]]) -> list[str]:
    """citeproc-js's title case over the segments of one string (nocase segments kept).

    The text is split at citeproc-js's separators; each word of more than one letter that is
    not a stop word, and the first word, a word after ``: ? !`` and the last word, is
    capitalised if it has no capital yet. After a closing quote that opens nothing (an
    apostrophe: "Don’t") the next letter keeps its case.
    """
    first, after_punct = True, False
    last: tuple[int, int, int] | None = None
    quotes: list[str] = []  # closers expected, innermost last
    pieces: list[list[list[str]]] = []  # segment -> token -> words and spaces (tags: [tag])
    for index, (segment, nocase) in enumerate(parts):
        tokens = _CASE_TAGS.split(segment)  # even: text between separators; odd: separators
        split = [_SPACES.split(tok) if t % 2 == 0 else [tok] for t, tok in enumerate(tokens)]
        pieces.append(split)
        if nocase:
            if segment.strip():  # a nocase word is a word: the next one is no longer first
                first, last, after_punct = False, None, False
            continue
        for t in range(0, len(split), 2):
            words = split[t]
            following = tokens[t + 1] if t + 1 < len(tokens) else ""
            positions = [w for w in range(0, len(words), 2) if words[w]]
            for w in positions:
                word = words[w]
                lower = word.lower()
                capitalise = (
                    (len(word) > 1 and lower not in _STOP_WORDS)
                    # citeproc-js passes this test's tag to its first text chunk only
                    or (
                        index == t == 0
                        and w == positions[-1]
                        and following == "-"
                        and word.isascii()
                    )
                    or first
                    or after_punct
                )
                if capitalise and word == lower:
                    words[w] = _capitalise(word)
                first = after_punct = False
                last = (index, t, w)
            if t and _unmatched_closer(tokens[t - 1], quotes):
                _restore_first(words, tokens[t])
            if following[-1:] in ("!", "?", ":"):
                after_punct = True
            if following in _OPENERS:
                quotes.append(_OPENERS[following])
    if last is not None:
        index, t, w = last
        word = pieces[index][t][w]
        if len(word) > 1 and word.lower() in _STOP_WORDS:
            pieces[index][t][w] = _capitalise(word)
    return ["".join("".join(token) for token in segment) for segment in pieces]


def _unmatched_closer(separator: str, quotes: list[str]) -> bool:
    """True for a closing quote that closes nothing open (popping the one it closes)."""
    if separator in _OPENERS or separator[:1] not in _CLOSERS:
        return False
    if quotes and quotes[-1] == separator:
        quotes.pop()
        return False
    return True


def _restore_first(words: list[str], original: str) -> None:
    """Give the first character of a text token back its original case."""
    for w, word in enumerate(words):
        if word:
            words[w] = original[:1] + word[1:] if original[:1].strip() else word
            return


_WORD_START = re.compile(r"(^|\s)(\w)")


def _capitalise_all(text: Any) -> Any:
    """``capitalize-all`` segment by segment: the first letter of each word upper case, nocase
    segments (and the markup tags kept as nocase) left alone; citeproc-py joined the words of
    all segments into one plain string, tags and all."""
    rebuilt: list[Any] = []
    word_may_start = True  # the text so far ends in a space (or nothing)
    for segment in _segments(text):
        value = str(segment)
        if not isinstance(segment, NoCase) and value:
            starts = word_may_start
            value = _WORD_START.sub(
                lambda m, starts=starts: (  # type: ignore[misc]
                    m.group(1) + m.group(2).upper()
                    if m.start() or m.group(1) or starts
                    else m.group(0)
                ),
                value,
            )
        rebuilt.append(type(segment)(value) if isinstance(segment, str) else value)
        if value and not (isinstance(segment, NoCase) and value.startswith("<")):
            word_may_start = value[-1].isspace()
    return MixedString(rebuilt) if isinstance(text, MixedString) else rebuilt[0]


def _segments(text: Any) -> list[Any]:
    return list(text) if isinstance(text, MixedString) else [text]


# -- the corrected element classes -------------------------------------------------------------


class _TitleCased(model.TextCased):  # type: ignore[misc]
    """``title-case``: citeproc-js's title case; other text-case values unchanged."""

    def case(self, text: Any, language: str | None = None) -> Any:
        text_case = self.get("text-case")
        if text_case in ("lowercase", "uppercase") and isinstance(text, MixedString):
            change = str.lower if text_case == "lowercase" else str.upper
            return MixedString(  # a nocase span keeps its case
                [s if isinstance(s, NoCase) else type(s)(change(str(s))) for s in text]
            )
        if text_case == "capitalize-all":
            return _capitalise_all(text)
        if text_case != "title":
            return super().case(text, language)
        if language not in (None, "en"):
            return text
        segments = _segments(text)
        parts = [(str(s), isinstance(s, NoCase)) for s in segments]
        cased = _title_case_parts(parts)
        rebuilt = [type(s)(c) for s, c in zip(segments, cased, strict=True)]
        return MixedString(rebuilt) if isinstance(text, MixedString) else rebuilt[0]
