"""Cutting a note into citations, and a citation into its comma-separated parts.

Quoted titles, brackets and parentheses are never cut.
"""

from __future__ import annotations

import re

import attrs

_OPENERS = {"‘": "’", "“": "”", '"': '"'}
_ABBREVIATIONS = frozenset(
    """no nos vol vols pp p ed eds trans comp rev cf eg ie jr sr dr mr mrs ms st mt co inc ltd
    corp dept univ fig ch chap sec para n nn op cit art al""".split()  # noqa: SIM905
)


@attrs.frozen
class _Quote:
    start: int  # the opening mark
    body_start: int
    body_end: int
    end: int  # after the closing mark
    closed: bool


def _quote_at(text: str, pos: int) -> _Quote | None:
    """A title in quotation marks opening at ``pos``, if it opens in a citation position."""
    opener = text[pos]
    if opener not in _OPENERS or pos + 1 >= len(text) or text[pos + 1].isspace():
        return None
    before = text[:pos].rstrip()
    if (
        before
        and before[-1] not in ",;:[(."
        and not re.search(r"(?:^|\s)(?:see|in)$", before, re.I)
    ):
        return None
    closer = _OPENERS[opener]
    for k in range(pos + 1, len(text)):
        if text[k] == closer and _closes(text, k):
            return _Quote(pos, pos + 1, k, k + 1, True)
    return _Quote(pos, pos + 1, len(text), len(text), False)


def _closes(text: str, k: int) -> bool:
    after = text[k + 1 :]
    if not after:
        return True
    if after[0] in ",.;:)]":
        return True
    if after[0].isspace():
        if re.match(r"\s*[\[<(]", after) or not after.strip():
            return True
        return text[k - 1] in ",."  # “Title,” Journal (US style: the comma inside)
    return False


def _quotes(text: str) -> list[_Quote]:
    found: list[_Quote] = []
    pos = 0
    while pos < len(text):
        quote = _quote_at(text, pos) if text[pos] in _OPENERS else None
        if quote is not None and quote.closed:
            found.append(quote)
            pos = quote.end
        else:
            pos += 1
    return found


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans a split must not cut: closed quoted titles and bracketed text."""
    spans = [(q.start, q.end) for q in _quotes(text)]
    pairs = {"<": ">", "[": "]", "(": ")"}
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if any(a <= i < b for a, b in spans):
            continue
        if ch in pairs:
            stack.append((pairs[ch], i))
        elif stack and ch == stack[-1][0]:
            _, opened = stack.pop()
            if not stack:
                spans.append((opened, i + 1))
    return spans


def split_citations(text: str) -> list[str]:
    """A note's text cut into its citations and sentences.

    Cuts at ``;`` and at a full stop that ends a sentence (not an abbreviation or an
    initial), never inside quoted titles, square or angle brackets, or parentheses.
    """
    spans = _protected(text)

    def inside(i: int) -> bool:
        return any(a <= i < b for a, b in spans)

    pieces: list[str] = []
    begin = 0
    for i, ch in enumerate(text):
        if inside(i):
            continue
        cut = ch == ";"
        if ch == "." and text[i + 1 : i + 2].isspace():
            rest = text[i + 1 :].lstrip()
            word = re.search(r"([\w’'.]+)$", text[begin:i])
            token = word.group(1) if word else ""
            cut = bool(rest) and (rest[0].isupper() or rest[0] in '‘“"<')
            if token.lower().strip(".") in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", token):
                cut = False
            if "." in token:  # U.S., e.g.
                cut = False
        if cut:
            pieces.append(text[begin:i])
            begin = i + 1
    pieces.append(text[begin:])
    return [p for p in (_clean(piece) for piece in pieces) if p]


def _clean(piece: str) -> str:
    piece = " ".join(piece.split())
    while piece.endswith((".", ";", ",")) and not re.search(
        r"(?:\b(?:[A-Z]|ed|eds|al|Jr|Sr|Co|Ltd|Inc)|\.\w)\.$", piece
    ):
        piece = piece[:-1].rstrip()
    return piece


def _split_top(text: str, sep: str = ",") -> list[str]:
    """Split at ``sep`` outside quotes, brackets and parentheses."""
    spans = _protected(text)
    parts: list[str] = []
    begin = 0
    for i, ch in enumerate(text):
        if ch == sep and not any(a <= i < b for a, b in spans):
            parts.append(text[begin:i])
            begin = i + 1
    parts.append(text[begin:])
    return [p.strip() for p in parts if p.strip()]
