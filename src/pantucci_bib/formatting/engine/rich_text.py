"""CSL 1.0.2 § Rich text in field values, and typographic quotes, as citeproc-js renders them.

A field value may hold the HTML-like markup CSL-JSON allows (``<i>``, ``<b>``, ``<sc>``,
``<sup>``, ``<sub>``, ``<span style="font-variant:small-caps;">``; ``<span class="nocase">``
is read as :class:`~citeproc.string.NoCase` by citeproc-py itself). The markup becomes the
output format's own (``<i>`` in HTML, ``\\emph{…}`` in LaTeX, nothing in text); the tags are
kept as NoCase segments, so that text-case never touches them. Straight quotes become
typographic: an apostrophe ``’``, a quoted ``'word'`` ``‘word’``, a quoted ``"word"`` the
locale's marks (which a quoted title then flips to the inner ones).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from citeproc.string import MixedString, NoCase, String

_TAG = re.compile(
    r"<(/?)(i|b|sc|sup|sub)>|<span style=\"font-variant:\s*small-caps;?\">|</span>", re.I
)
_WRAPPER = {"i": "Italic", "b": "Bold", "sc": "SmallCaps", "sup": "Superscript", "sub": "Subscript"}
_OPENS_AFTER = frozenset(" \t\n\u00a0([{\u2014\u2013-/\u201c\u2018\"'")


def typographic(text: str, marks: tuple[str, str] = ("", "")) -> str:
    """Straight quotes made typographic (see the module docstring); a single quote that closes
    a quote (not an apostrophe) is put between ``marks``."""
    if "'" not in text and '"' not in text:
        return text
    out: list[str] = []
    open_single = 0
    for index, char in enumerate(text):
        if char not in "'\"":
            out.append(char)
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        opens = (before in _OPENS_AFTER) and not after.isspace()
        if char == '"':
            out.append("\u201c" if opens else "\u201d")
        elif opens and after.isalpha() and "'" in text[index + 1 :]:
            open_single += 1
            out.append("\u2018")
        elif open_single and not (before.isalnum() and after.isalnum()):
            open_single -= 1
            out.append(marks[0] + "\u2019" + marks[1])
        else:
            out.append("\u2019")
    return "".join(out)


def _marks(formatter: Any, tag: str) -> tuple[str, str]:
    wrap: Callable[[str], str] | None = getattr(formatter, _WRAPPER[tag], None)
    if wrap is None:
        return "", ""
    opening, _, closing = str(wrap("\x00")).partition("\x00")
    return opening, closing


def _tag_name(match: re.Match[str]) -> str:
    return (match.group(2) or "sc").lower()


def _rich_part(
    text: str, preformat: Callable[[str], str], formatter: Any, marks: tuple[str, str]
) -> list[Any]:
    """One segment's text as segments: text preformatted, tags as the output's markup."""
    segments: list[Any] = []
    closers: list[str] = []
    position = 0
    for match in _TAG.finditer(text):
        if match.start() > position:
            segments.append(String(preformat(typographic(text[position : match.start()], marks))))
        position = match.end()
        closing = match.group(0).startswith("</")
        if not closing:
            opening, closer = _marks(formatter, _tag_name(match))
            closers.append(closer)
            if opening:
                segments.append(NoCase(opening))
        elif closers:
            closer = closers.pop()
            if closer:
                segments.append(NoCase(closer))
        else:  # a closing tag that closes nothing: text
            segments.append(String(preformat(match.group(0))))
    if position < len(text):
        segments.append(String(preformat(typographic(text[position:], marks))))
    segments.extend(NoCase(closer) for closer in reversed(closers) if closer)
    return segments


def rich(value: Any, formatter: Any, *, quote_marks: tuple[str, str] | None = None) -> Any:
    """A field value (str, String or MixedString) ready for the output ``formatter``: quotes
    typographic, text escaped, markup converted. Other values are returned unchanged. With
    ``quote_marks`` (the locale puts punctuation inside quotes), each closing double quote is
    put between them, so that a period after it moves inside (``field-quotes``)."""
    if not isinstance(value, str | MixedString):
        return value
    escape = formatter.preformat
    marks = quote_marks or ("", "")
    if quote_marks is None:
        preformat = escape
    else:
        opening, closing = quote_marks

        def preformat(text: str) -> str:
            return str(escape(text)).replace("\u201d", opening + "\u201d" + closing)

    parts = list(value) if isinstance(value, MixedString) else [value]
    segments: list[Any] = []
    for part in parts:
        text = str(part)
        if isinstance(part, NoCase):
            segments.append(NoCase(preformat(typographic(text, marks))))
        elif "<" in text and _TAG.search(text):
            segments.extend(_rich_part(text, preformat, formatter, marks))
        else:
            kind = type(part) if isinstance(part, String) else String
            segments.append(kind(preformat(typographic(text, marks))))
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
                if decoration is not None:
                    active[decoration] -= 1
                    out.append("</span>" if active[decoration] % 2 else closer)
                    continue
            out.append(tag)
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
