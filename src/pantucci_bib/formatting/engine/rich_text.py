"""CSL 1.0.2 § Rich text in field values, and typographic quotes, as citeproc-js renders them.

A field value may hold the HTML-like markup CSL-JSON allows (``<i>``, ``<b>``, ``<sc>``,
``<sup>``, ``<sub>``, ``<span style="font-variant:small-caps;">``; ``<span class="nocase">``
is read as :class:`~citeproc.string.NoCase` by citeproc-py itself). The markup becomes the
output format's own (``<i>`` in HTML, ``\\emph{…}`` in LaTeX, nothing in text); the tags are
kept as NoCase segments, so that text-case never touches them. Straight quotes become
typographic (:func:`typographic`): a quoted ``'word'`` or ``"word"`` takes the outer marks (which
a quoted title then flips to the inner ones), an apostrophe is ``’``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from citeproc.string import MixedString, NoCase, String

_TAG = re.compile(
    r"<(/?)(i|b|sc|sup|sub)>|<span style=\"font-variant:\s*small-caps;?\">|</span>"
    r"|<span class=\"(nodecor)\">",
    re.I,
)
_NODECOR = '<span class="nodecor">'  # in HTML until finish_html makes it the upright spans
_WRAPPER = {"i": "Italic", "b": "Bold", "sc": "SmallCaps", "sup": "Superscript", "sub": "Subscript"}
_OPENS_AFTER = frozenset(" \t\n\u00a0([{\u2014\u2013-/\u201c\u2018\"'")


_QUOTE_KIND = {"'": "'", "\u2018": "'", "\u2019": "'", '"': '"', "\u201c": '"', "\u201d": '"'}
_STRAIGHT_KIND = {"'": "'", '"': '"'}
_QUOTES = re.compile("['\"\u2018\u2019\u201c\u201d]")


def typographic(text: str, marks: tuple[str, str] = ("", ""), *, retype: bool = True) -> str:
    """Quotes paired and marked by nesting, as citeproc-js does: a pair at the top level takes
    the outer marks (“…”, whether written ``'…'``, ``"…"``, ``‘…’`` or ``“…”``), a pair inside
    it the inner ones (‘…’), and so on alternating; an apostrophe (or an unpaired ``'``) is
    ``’``, another unpaired mark stays as written. A closing mark is put between ``marks``.
    Without ``retype`` (a cite's prefix and suffix, in citeproc-js), typographic marks are
    kept as written and only straight ones paired."""
    if not _QUOTES.search(text):
        return text
    return "".join(_typographic_chars(text, marks, retype))


def _typographic_chars(text: str, marks: tuple[str, str], retype: bool) -> list[str]:
    """:func:`typographic`, as one output string per character of ``text``."""
    kinds = _QUOTE_KIND if retype else _STRAIGHT_KIND
    out: list[str] = []
    stack: list[tuple[str, int]] = []  # (kind of mark, index in out) of each open quote
    for index, char in enumerate(text):
        kind = kinds.get(char)
        if kind is None:
            out.append(char)
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if kind == "'" and char != "\u2018" and before.isalnum() and after.isalnum():
            out.append("\u2019")
        elif stack and stack[-1][0] == kind and char not in "\u201c\u2018" and not before.isspace():
            _, at = stack.pop()
            outer = len(stack) % 2 == 0
            out[at] = "\u201c" if outer else "\u2018"
            out.append("\u201d" if outer else marks[0] + "\u2019" + marks[1])
        elif (
            char not in "\u201d\u2019"
            and (before in _OPENS_AFTER or char in "\u201c\u2018")
            and not after.isspace()
            and after != char
        ):
            stack.append((kind, len(out)))
            out.append(char)
        else:
            out.append("\u2019" if char == "'" else char)
    for _, at in stack:
        if out[at] == "'":
            out[at] = "\u2019"
    return out


def _marks(formatter: Any, tag: str) -> tuple[str, str]:
    wrap: Callable[[str], str] | None = getattr(formatter, _WRAPPER[tag], None)
    if wrap is None:
        return "", ""
    opening, _, closing = str(wrap("\x00")).partition("\x00")
    return opening, closing


def _tag_name(match: re.Match[str]) -> str:
    return (match.group(2) or match.group(3) or "sc").lower()


def _pieces(value: Any, formatter: Any) -> list[tuple[type[Any], str, bool]]:
    """A field value as (segment class, text, is markup) pieces: its MixedString parts, each
    split at the markup tags, which become the output format's own markup."""
    parts = list(value) if isinstance(value, MixedString) else [value]
    pieces: list[tuple[type[Any], str, bool]] = []
    for part in parts:
        text = str(part)
        kind = type(part) if isinstance(part, String) else String
        if isinstance(part, NoCase) or "<" not in text or not _TAG.search(text):
            pieces.append((kind, text, False))
            continue
        closers: list[str] = []
        nodecor: list[bool] = []  # per open tag: whether it is a nodecor span
        position = 0
        for match in _TAG.finditer(text):
            if match.start() > position:  # text in a nodecor span is nocase too
                pieces.append(
                    (NoCase if any(nodecor) else String, text[position : match.start()], False)
                )
            position = match.end()
            if not match.group(0).startswith("</"):
                name = _tag_name(match)
                if name == "nodecor":
                    html = getattr(formatter, "markup", None) == "html"
                    opening, closer = (_NODECOR, "</span>") if html else ("", "")
                else:
                    opening, closer = _marks(formatter, name)
                closers.append(closer)
                nodecor.append(name == "nodecor")
                pieces.append((NoCase, opening, True))
            elif closers:
                nodecor.pop()
                pieces.append((NoCase, closers.pop(), True))
            else:  # a closing tag that closes nothing: text
                pieces.append((String, match.group(0), False))
        if position < len(text):
            pieces.append((NoCase if any(nodecor) else String, text[position:], False))
        pieces.extend((NoCase, closer, True) for closer in reversed(closers))
    return pieces


def rich(
    value: Any, formatter: Any, *, quote_marks: tuple[str, str] | None = None, retype: bool = True
) -> Any:
    """A field value (str, String or MixedString) ready for the output ``formatter``: quotes
    typographic (paired across the markup), text escaped, markup converted. Other values are
    returned unchanged. With ``quote_marks`` (the locale puts punctuation inside quotes), each
    closing double quote is put between them, so that a period after it moves inside
    (``field-quotes``). ``retype``: see :func:`typographic`."""
    if not isinstance(value, str | MixedString):
        return value
    preformat, marks = _preformat(formatter, quote_marks)
    parts = list(value) if isinstance(value, MixedString) else [value]
    if len(parts) == 1:  # one segment without markup or quotes (most fields): escaped alone
        part = parts[0]
        text = str(part)
        if ("<" not in text or isinstance(part, NoCase)) and not _QUOTES.search(text):
            kind = type(part) if isinstance(part, String) else String
            segment = kind(preformat(text))
            return MixedString([segment]) if isinstance(value, MixedString) else segment
    return _rich_pieces(value, formatter, preformat, marks, retype)


def _preformat(
    formatter: Any, quote_marks: tuple[str, str] | None
) -> tuple[Callable[[str], Any], tuple[str, str]]:
    """The escape of :func:`rich` (with ``quote_marks``, around each closing double quote)
    and the marks :func:`typographic` puts around a closing quote."""
    escape = formatter.preformat
    if quote_marks is None:
        return escape, ("", "")
    opening, closing = quote_marks

    def preformat(text: str) -> str:
        return str(escape(text)).replace("\u201d", opening + "\u201d" + closing)

    return preformat, quote_marks


def _rich_pieces(
    value: Any,
    formatter: Any,
    preformat: Callable[[str], Any],
    marks: tuple[str, str],
    retype: bool,
) -> Any:
    """:func:`rich` of any value: split at its markup, quotes paired across the pieces."""
    pieces = _pieces(value, formatter)
    whole = "".join(text for _, text, markup in pieces if not markup)
    chars = _typographic_chars(whole, marks, retype) if _QUOTES.search(whole) else list(whole)
    segments: list[Any] = []
    offset = 0
    for kind, text, markup in pieces:
        if markup:
            if text:
                segments.append(NoCase(text))
            continue
        segments.append(kind(preformat("".join(chars[offset : offset + len(text)]))))
        offset += len(text)
    if isinstance(value, MixedString) or len(segments) != 1:
        return MixedString(segments)
    return segments[0]


_FLIPS = {
    "<i>": ("font-style", "</i>"),
    "<b>": ("font-weight", "</b>"),
    '<span style="font-variant:small-caps;">': ("font-variant", "</span>"),
}
_HTML_TAG = re.compile(r"<(/?)([a-z]+)\b[^>]*>")


def _superscripts() -> dict[str, str]:
    import unicodedata

    table = {}
    for code in range(0x00A0, 0x3200):
        char = chr(code)
        decomposition = unicodedata.decomposition(char)
        if decomposition.startswith("<super> "):
            table[char] = "".join(chr(int(part, 16)) for part in decomposition.split()[1:])
    # raised letters Unicode gives no <super> decomposition, which citeproc-js also lifts
    table.update({"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"})
    return table


_SUPERSCRIPTS = _superscripts()
_SUPERSCRIPT = re.compile("[" + re.escape("".join(_SUPERSCRIPTS)) + "]")


def finish_html(text: str) -> str:
    """``flip-flop`` and ``superscript-characters`` on an HTML entry or citation: an italic (bold,
    small-caps) run inside another becomes an upright (normal) span, as citeproc-js flips them,
    and superscript characters (ª, ², ʳᵉ) become ``<sup>`` elements."""
    if "<" in text:
        text = _flip(text)
        if "doi.org/<a " in text:
            text = _DOI_LINK.sub(_whole_doi_link, text)
    if _SUPERSCRIPT.search(text):
        text = _SUPERSCRIPT.sub(lambda m: f"<sup>{_SUPERSCRIPTS[m.group()]}</sup>", text)
    return text


def _flip(text: str) -> str:
    out: list[str] = []
    position = 0
    active: dict[str, int] = {}  # decoration -> depth of runs that set it
    stack: list[tuple[str, str | None]] = []  # per open element: its closer as written, flip
    for match in _HTML_TAG.finditer(text):
        out.append(text[position : match.start()])
        position = match.end()
        tag = match.group(0)
        if match.group(1):  # a closing tag
            if stack and stack[-1][0] == tag:
                closer, decoration = stack.pop()
                if decoration == "":  # a nodecor span with nothing to undo
                    continue
                if decoration is not None:
                    active[decoration] -= 1
                    out.append("</span>" if active[decoration] % 2 else closer)
                    continue
            out.append(tag)
            continue
        if tag == _NODECOR:  # ``nodecor``: upright spans for the decorations in effect
            normal = "".join(f"{d}:normal;" for d, depth in active.items() if depth % 2)
            stack.append(("</span>", None if normal else ""))
            if normal:
                out.append(f'<span style="{normal}">')
            continue
        flip = _FLIPS.get(tag)
        if flip is None:
            if match.group(2) in ("i", "b", "span", "sup", "sub", "a", "div"):
                stack.append((f"</{match.group(2)}>", None))
            out.append(tag)
            continue
        decoration, closer = flip
        depth = active.get(decoration, 0)
        active[decoration] = depth + 1
        stack.append((closer, decoration))
        if depth % 2:  # inside a run of the same decoration: upright
            out.append(f'<span style="{decoration}:normal;">')
        else:
            out.append(tag)
    out.append(text[position:])
    return "".join(out)


def punctuation_into_div(text: str) -> str:
    """The layout's closing punctuation inside the last display div, as citeproc-js puts it."""
    return (
        re.sub(r"</div>([.,;:!?]+)$", r"\1</div>", text) if text.endswith(tuple(".,;:!?")) else text
    )


# ``doi-link``: a style printing "https://doi.org/" before the DOI variable gets one link over
# both, as citeproc-js links it, not the prefix outside the link
_DOI_LINK = re.compile(r'(https?://(?:dx\.)?doi\.org/)<a href="([^"]*)">([^<]*)</a>')


def _whole_doi_link(match: re.Match[str]) -> str:
    prefix, href, text = match.groups()
    if href != prefix + text and not href.endswith("/" + text):
        return match.group(0)
    return f'<a href="{href}">{prefix}{text}</a>'
