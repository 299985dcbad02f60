"""A reference list cut into its references: numbered, bulleted, hanging, paragraphs or lines.

Numbered ("1.", "[1]", "(1)", "1)") and bulleted ("•", "-", "*", "–") entries start at
their marker and run on over the lines that follow; with a hanging indent an entry starts
at each line that is not indented; paragraphs are separated by blank lines; otherwise each
line is a reference. A heading line ("References", "Bibliography", "Works cited") is not one.
"""

from __future__ import annotations

import re

import attrs

_MARKER = re.compile(
    r"^\s*(?:\[(?P<b>\d{1,4})\]|\((?P<p>\d{1,4})\)|(?P<n>\d{1,4})[.)]|[•\-*–·▪])\s+"
)
_HEADING = re.compile(
    r"^\s*(?:references?|bibliography|works\s+cited|literature(?:\s+cited)?|sources|"
    r"further\s+reading|literatur|bibliographie|références)\s*:?\s*$",
    re.I,
)


@attrs.frozen
class Entry:
    """One reference of a list: its text (lines joined), 1-based first line, and its number."""

    text: str
    line: int
    label: str = ""  # the number a numbered list gives it


def split_list(text: str) -> list[Entry]:
    """The references of ``text``, in order."""
    lines = [(i + 1, line.rstrip()) for i, line in enumerate(text.splitlines())]
    lines = [(n, line) for n, line in lines if not _HEADING.match(line)]
    filled = [(n, line) for n, line in lines if line.strip()]
    if not filled:
        return []
    marked = sum(1 for _, line in filled if _MARKER.match(line))
    indented = sum(1 for _, line in filled[1:] if line[:1].isspace())
    if _MARKER.match(filled[0][1]) and marked >= max(1, len(filled) // 4):
        return _runs(lines, lambda line: bool(_MARKER.match(line)))
    if 0 < indented < len(filled) - 1 and not filled[0][1][:1].isspace():
        return _runs(lines, lambda line: not line[:1].isspace())
    blocks = _paragraphs(lines)
    if len(blocks) > 1 and any(len(block) > 1 for block in blocks):
        return [_entry(block) for block in blocks]
    return [_entry([(n, line)]) for n, line in filled]


def _runs(lines: list[tuple[int, str]], starts: object) -> list[Entry]:
    assert callable(starts)
    entries: list[list[tuple[int, str]]] = []
    for number, line in lines:
        if not line.strip():
            continue
        if starts(line) or not entries:
            entries.append([(number, line)])
        else:
            entries[-1].append((number, line))
    return [_entry(block) for block in entries]


def _paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in lines:
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _entry(block: list[tuple[int, str]]) -> Entry:
    first = block[0][1]
    label = ""
    marker = _MARKER.match(first)
    if marker:
        label = marker.group("b") or marker.group("p") or marker.group("n") or ""
        first = first[marker.end() :]
    parts = [first.strip(), *(line.strip() for _, line in block[1:])]
    text = ""
    for part in parts:
        if text.endswith("-") and part[:1].islower() and not text.endswith(" -"):
            text = text[:-1] + part  # a word hyphenated across lines
        else:
            text = f"{text} {part}" if text else part
    return Entry(text, block[0][0], label)
