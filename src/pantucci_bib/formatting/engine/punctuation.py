"""CSL 1.0.2 \u00a7 Punctuation and affixes: quotes, punctuation-in-quote, merged marks."""

from __future__ import annotations

import re

from pantucci_bib.formatting.reserved import restore

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
# a run of closing quotes (an inner one right before an outer one, each with the closing tags
# of the rich formats after it) and the period or comma after the run, which moves inside
_QUOTED_PUNCT = re.compile(
    "(["
    + re.escape(_PUNCT)
    + "]?)((?:"
    + _MARK_OPEN
    + "[^"
    + _MARK_CLOSE
    + "]*"
    + _MARK_CLOSE
    + r"(?:</[a-z]+>)*)+)([.,]?)"
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
        before, quotes, after = match.groups()
        return merge_punctuation(before, after) + quotes

    if _MARK_OPEN in text:  # (each pattern is tried only where it can match: it is faster)
        text = _QUOTED_PUNCT.sub(move_inside, text)
    text = text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
    if "?" in text or "!" in text:
        text = _DOUBLED_STOP.sub(r"\1\2", text)
    if _PAIR.search(text):
        # an ellipsis is text, and the semicolon of an entity (&amp;) no punctuation
        protected = _ENTITY.sub(lambda m: "\ue004" + m.group(1) + "\ue005", text)
        merged = _merge_marks(protected.replace("...", _ELLIPSIS)).replace(_ELLIPSIS, "...")
        text = re.sub("\ue004([^\ue005]*)\ue005", r"&\1;", merged)
    return text.strip()


def _merge_marks(text: str) -> str:
    """Each two marks that meet merged by :func:`merge_punctuation`, left to right."""
    position = 0
    while match := _PAIR.search(text, position):
        left, tags, right = match.groups()
        merged = merge_punctuation(left, right)
        if merged == left + right:  # both kept: go on from the second
            position = match.start() + 1
            continue
        text = text[: match.start()] + merged + tags + text[match.end() :]
        position = match.start()
    return text


# ``merged-punctuation``: two marks meeting where one rendered piece ends and the next begins
# (possibly across closing or opening tags); an ellipsis is text
_PAIR = re.compile(r"([.,;:!?])((?:</?[a-z][^>]*>)*)([.,;:!?])")
_ENTITY = re.compile(r"&(#?\w+);")
_ELLIPSIS = "\ue003"


def split_fields(entry: str) -> tuple[str, str] | None:
    """(first field, rest) of an entry of a second-field-align style, else None; the text
    as finished (the record's own reserved characters given back)."""
    head, mark, rest = entry.partition(_MARK_FIELD)
    return (restore(head.strip()), restore(rest.strip())) if mark else None
