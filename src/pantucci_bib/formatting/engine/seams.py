"""citeproc-py's ``join`` of rendered pieces, without re-reading the whole text at each seam.

citeproc-py normalises every seam (a doubled space or ``..``/``,,`` where two pieces meet
loses one character). It finds the character before the seam with ``str(left)``, which joins
every segment of the text built so far, and its ``MixedString.__add__`` does so again: joining
``n`` pieces reads the text about ``2n`` times. :func:`join` gives the same object, segment for
segment, reading only the last character of the text and the first of the piece; where a
piece's type is one it does not model it uses citeproc-py's own ``+``, which is always right.
``tests/test_seams.py`` compares it with citeproc-py's on generated pieces.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from citeproc.string import SEAM_PUNCTUATION, MixedString, NoCase, String, _strip_first_char

#: Piece types whose ``+`` this module does itself (other str subclasses use their own ``+``).
_STRINGS = (String, NoCase)


def _last(text: Any) -> str:
    """The last character of ``str(text)``."""
    if isinstance(text, MixedString):
        for segment in reversed(text):
            character = _last(segment)
            if character:
                return character
        return ""
    return str(text)[-1:]


def _first(text: Any) -> str:
    """The first character of ``str(text)``."""
    if isinstance(text, MixedString):
        for segment in text:
            character = _first(segment)
            if character:
                return character
        return ""
    return str(text)[:1]


def _seamed(last: str, other: Any) -> Any:
    """citeproc-py's ``normalize_seam`` with the left side's last character given."""
    if not last:
        return other
    first = _first(other)
    if first and (first == last == " " or (first == last and first in SEAM_PUNCTUATION)):
        return _strip_first_char(other)
    return other


def _mixed_add(left: MixedString, other: Any) -> Any:
    """``MixedString.__add__``."""
    if other == "":
        return left
    other = _seamed(_last(left), other)
    if other == "" or other == []:
        return left
    if isinstance(other, list):
        return MixedString(list.__add__(left, other))
    return MixedString([*left, other])


def add(left: Any, other: Any) -> Any:
    """``left + other`` as citeproc-py's string types compute it."""
    left_type, other_type = type(left), type(other)
    if left_type is MixedString:
        return _mixed_add(left, other)
    if left_type in _STRINGS and (other_type in _STRINGS or other_type in (str, MixedString)):
        # String.__add__ (NoCase inherits it and overrides no reflected method)
        return left if other == "" else _mixed_add(MixedString([left]), other)
    if left_type is str and (other_type in _STRINGS or other_type is MixedString):
        # str has no __add__ for a list, and a String subclass's __radd__ goes first
        return other if left == "" else _mixed_add(MixedString([left]), other)
    return left + other  # str + str, or any other type: its own operators (citeproc-py's)


def join(items: Iterable[Any], delimiter: str = "") -> Any:
    """``citeproc.string.join(items, delimiter)``, the same object segment for segment."""
    pieces = iter(items)
    try:
        output = next(pieces)
    except StopIteration:
        return String("")
    for item in pieces:
        output = add(output, _seamed(_last(output), delimiter))
        output = add(output, _seamed(_last(output), item))
    return output


def affixed(prefix: str, text: Any, suffix: str) -> Any:
    """citeproc-py's ``Affixed.wrap``: ``prefix + text + suffix``, each seam normalised."""
    text = add(prefix, _seamed(prefix[-1:], text))
    return add(text, _seamed(_last(text), suffix))
