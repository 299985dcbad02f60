"""CSL 1.0.2 \u00a7 Punctuation and affixes: quotes, punctuation-in-quote, merged marks."""

from __future__ import annotations

import re

_MARK_OPEN = "\ue000"  # precedes a closing quote into which punctuation may move
_MARK_CLOSE = "\ue001"  # follows it
_MARK_FIELD = "\ue002"  # separates the first field of second-field-align from the rest
_PUNCT = ".,;:!?"
# citeproc-js's table (CSL.Output.Queue.adjust LtoR_MAP): left mark + right mark -> result.
_MERGE: dict[str, dict[str, str]] = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}
_QUOTED_PUNCT = re.compile(
    "(["
    + re.escape(_PUNCT)
    + "]?)"
    + _MARK_OPEN
    + "([^"
    + _MARK_CLOSE
    + "]*)"
    + _MARK_CLOSE
    # closing tags of the rich formats may sit between the quote and the punctuation
    + r"((?:</[a-z]+>)*)([.,]?)"
)
_DOUBLED_STOP = re.compile(r"([?!])((?:</[a-z]+>|[*}`])*)\.(?=\s|$|<)")


def merge_punctuation(left: str, right: str) -> str:
    """Two adjacent punctuation marks as citeproc-js merges them (``?`` + ``.`` → ``?``)."""
    if not left:
        return right
    if not right or left == right:
        return left
    return _MERGE.get(left, {}).get(right, left + right)


def finish_entry(text: str) -> str:
    """Resolve the quote marks of :class:`Text` and merge doubled punctuation; trim."""

    def move_inside(match: re.Match[str]) -> str:
        before, quote, tags, after = match.groups()
        return merge_punctuation(before, after) + quote + tags

    text = _QUOTED_PUNCT.sub(move_inside, text)
    text = text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
    text = _DOUBLED_STOP.sub(r"\1\2", text)
    return text.strip()


def split_fields(entry: str) -> tuple[str, str] | None:
    """(first field, rest) of an entry of a second-field-align style, else None."""
    head, mark, rest = entry.partition(_MARK_FIELD)
    return (head.strip(), rest.strip()) if mark else None
