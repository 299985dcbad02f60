"""LaTeX-safe text for .bib files: escaping, accents, and case protection in titles."""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# Typography plain BibTeX + pdflatex understand without extra packages.
_ASCII_TYPOGRAPHY = {
    "‘": "`",
    "’": "'",
    "′": "'",
    "“": "``",
    "”": "''",
    "–": "--",
    "—": "---",
    "…": r"\ldots{}",
    "\u00a0": "~",
    "«": r"\guillemotleft{}",
    "»": r"\guillemotright{}",
}
_LETTERS = {
    "ß": r"{\ss}",
    "æ": r"{\ae}",
    "Æ": r"{\AE}",
    "ø": r"{\o}",
    "Ø": r"{\O}",
    "ł": r"{\l}",
    "Ł": r"{\L}",
    "œ": r"{\oe}",
    "Œ": r"{\OE}",
    "å": r"{\aa}",
    "Å": r"{\AA}",
    "ı": r"{\i}",
}
_COMBINING = {
    "\u0300": "`",
    "\u0301": "'",
    "\u0302": "^",
    "\u0303": "~",
    "\u0308": '"',
    "\u0304": "=",
    "\u0307": ".",
    "\u030a": "r",
    "\u030b": "H",
    "\u030c": "v",
    "\u0306": "u",
    "\u0327": "c",
    "\u0328": "k",
}


_SPECIALS_TABLE = str.maketrans(_SPECIALS)
_ASCII_TABLE = str.maketrans({**_SPECIALS, **_ASCII_TYPOGRAPHY, **_LETTERS})


NOCASE_OPEN, NOCASE_CLOSE = '<span class="nocase">', "</span>"


def escape(text: str, *, ascii_only: bool = True) -> str:
    """Escape LaTeX specials; with ``ascii_only`` also turn accents and typography into macros.

    Characters with no LaTeX macro (CJK, Cyrillic …) stay as UTF-8. CSL's
    ``<span class="nocase">…</span>`` (case protection read from a .bib file) becomes braces.
    """
    if NOCASE_OPEN in text:
        return _escape_nocase(text, ascii_only=ascii_only)
    return _escape_plain(text, ascii_only=ascii_only)


def _escape_plain(text: str, *, ascii_only: bool) -> str:
    if not ascii_only:
        return text.translate(_SPECIALS_TABLE)
    text = text.translate(_ASCII_TABLE)
    if text.isascii():
        return text
    return "".join(char if char.isascii() else _accented(char) for char in text)


def _escape_nocase(text: str, *, ascii_only: bool) -> str:
    pieces: list[str] = []
    rest = text
    while NOCASE_OPEN in rest:
        head, _, rest = rest.partition(NOCASE_OPEN)
        inner, found, tail = rest.partition(NOCASE_CLOSE)
        pieces.append(_escape_plain(head, ascii_only=ascii_only))
        if not found:  # an unclosed span: the rest is text
            rest = NOCASE_OPEN + rest
            break
        pieces.append("{" + _escape_plain(inner, ascii_only=ascii_only) + "}")
        rest = tail
    pieces.append(_escape_plain(rest, ascii_only=ascii_only))
    return "".join(pieces)


def _accented(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if len(marks) != 1 or marks not in _COMBINING or ord(base) >= 128:
        return char
    if base == "i":
        base = r"\i"
    accent = _COMBINING[marks]
    sep = " " if accent.isalpha() else ""
    return "{\\" + accent + sep + base + "}"


_PROTECTED_WORDS_FILE = "proper_nouns.txt"
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
        "its",
        "it",
        "this",
        "that",
        "than",
        "then",
        "via",
        "vs",
        "over",
        "under",
        "about",
        "off",
        "out",
        "up",
        "down",
    ]
)
_TOKEN = re.compile(r"[^\s]+")


@functools.lru_cache(maxsize=1)
def proper_nouns() -> frozenset[str]:
    """Proper nouns kept capitalised in titles (data/proper_nouns.txt, one per line).

    An entry may be a phrase ("Eurasian Economic Union"): all its capitalised words are kept.
    """
    text = resources.files("pantucci_bib.data").joinpath(_PROTECTED_WORDS_FILE).read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _core(token: str) -> str:
    return token.strip("“”‘’'\"()[],.;:!?")


def _is_sentence_case(words: list[str]) -> bool:
    """A title is in sentence case when some content word after the first is lower case."""
    for word in words[1:]:
        core = _core(word)
        if len(core) > 3 and core.lower() not in _FUNCTION_WORDS and core[:1].islower():
            return True
    return False


@functools.lru_cache(maxsize=1)
def _phrase_pattern() -> re.Pattern[str] | None:
    """One alternation of the lexicon's multi-word entries, longest first."""
    phrases = sorted((p for p in proper_nouns() if " " in p), key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)")


def _phrase_tokens(title: str, starts: list[int]) -> set[int]:
    """Indices of the words (by start offset) in a multi-word proper noun of the lexicon."""
    pattern = _phrase_pattern()
    covered: set[int] = set()
    if pattern is None or " " not in title:
        return covered
    for found in pattern.finditer(title):
        covered.update(i for i, start in enumerate(starts) if found.start() <= start < found.end())
    return covered


def _has_capital(text: str) -> bool:
    return text != text.lower()  # SCO, US, McDonald, EU-China: a letter lower() changes


def _must_protect(core: str, *, sentence_case: bool, lexicon: frozenset[str]) -> bool:
    if not core or not core[:1].isalpha():
        return False
    if _has_capital(core[1:]):
        return True
    if not core[:1].isupper():
        return False
    if sentence_case:
        return True
    parts = re.split(r"[-–/]", re.sub(r"['’]s$", "", core))
    return any(part in lexicon for part in parts)


def protect_title(title: str, *, ascii_only: bool = True) -> str:
    """Escape a title and brace the words whose capitals a style must not lower-case.

    Acronyms and mixed-case words are always protected. In a sentence-case title every
    capitalised word after the first is a proper noun; in a headline-case title only words
    in the proper-noun list are (so "China And Russia" can become "China and Russia").
    """
    if NOCASE_OPEN in title:  # the title's own protection, read from a .bib file, decides
        return escape(title, ascii_only=ascii_only)
    matches = list(_TOKEN.finditer(title))
    words = [match.group(0) for match in matches]
    sentence_case = _is_sentence_case(words)
    lexicon = proper_nouns()
    in_phrase = _phrase_tokens(title, [match.start() for match in matches])
    pieces: list[str] = []  # escaped text, with braces around the protected cores
    last = 0  # end of the text already in pieces
    previous = ""
    for index, (match, word) in enumerate(zip(matches, words, strict=True)):
        core = _core(word)
        if index == 0 or previous.endswith((":", "?", "!")):
            # the style keeps this capital; only inner capitals need braces
            protect = bool(core) and _has_capital(core[1:])
        else:
            protect = (index in in_phrase and core[:1].isupper()) or _must_protect(
                core, sentence_case=sentence_case, lexicon=lexicon
            )
        previous = word
        if protect:
            start = match.start() + word.index(core)
            pieces.append(escape(title[last:start], ascii_only=ascii_only))
            pieces.append("{" + escape(core, ascii_only=ascii_only) + "}")
            last = start + len(core)
    pieces.append(escape(title[last:], ascii_only=ascii_only))
    return "".join(pieces)
