"""LaTeX → Unicode for BibTeX field text: the inverse of :func:`pantucci_bib.latex.escape`.

Emitting a file, reading it and emitting again gives the same bytes (the round-trip tests
check it for the corpus and for generated records).
"""

from __future__ import annotations

import re
import unicodedata

_ACCENTS: dict[str, str] = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    '"': "\u0308",
    "=": "\u0304",
    ".": "\u0307",
    "r": "\u030a",
    "H": "\u030b",
    "v": "\u030c",
    "u": "\u0306",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
    "d": "\u0323",
}
_SYMBOLS: dict[str, str] = {
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "guillemotleft": "«",
    "guillemotright": "»",
    "guillemetleft": "«",
    "guillemetright": "»",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "ss": "ß",
    "ae": "æ",
    "AE": "Æ",
    "o": "ø",
    "O": "Ø",
    "l": "ł",
    "L": "Ł",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "i": "ı",
    "j": "ȷ",
    "S": "§",
    "P": "¶",
    "copyright": "©",
    "textcopyright": "©",
    "pounds": "£",
    "textsterling": "£",
    "euro": "€",
    "texteuro": "€",
    "textregistered": "®",
    "texttrademark": "™",
    "textdegree": "°",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
}
_DOTLESS_BASE = {"i": "i", "j": "j"}  # \'\i is an accented i
_COMMAND = re.compile(r"[A-Za-z]+")
_LATEX_MARKUP = re.compile(r"[\\{}$~`'-]")  # every character decode_latex reads specially


def group_end(text: str, start: int) -> int:
    """Index just past the ``}`` matching the ``{`` at ``start`` (or the end of text)."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(text)


def decode_latex(
    text: str,
    *,
    typography: bool = True,
    tilde: bool = True,
    nocase: bool = False,
    kept: list[str] | None = None,
) -> str:
    """Turn BibTeX field text into Unicode.

    Undoes :func:`pantucci_bib.latex.escape` exactly; also reads accents in every spelling
    (``{\\"u}``, ``\\"u``, ``\\"{u}``), letter macros, formatting commands (their argument
    is kept) and case-protecting braces (dropped, or with ``nocase`` kept as CSL's
    ``<span class="nocase">``). ``typography`` reads TeX's ASCII ligatures (````` `` `````
    ``''`` ``--`` ``---``); ``tilde`` reads ``~`` as a no-break space (off for URLs). What it
    cannot decode — an unknown command, ``$math$`` — stays as TeX, and is listed in ``kept``.
    """
    if not _LATEX_MARKUP.search(text):
        return text  # most field text: nothing for the loop below to read
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\\":
            piece, index = _command(text, index, typography=typography, tilde=tilde, kept=kept)
            out.append(piece)
            continue
        if char == "$":
            close = _math_end(text, index)
            if close > index:  # math stays TeX: Unicode has no reading of it
                out.append(text[index : close + 1])
                if kept is not None:
                    kept.append(text[index : close + 1])
                index = close + 1
                continue
        if char == "{" and nocase and not text.startswith("{\\", index):
            close = group_end(text, index)
            inner = decode_latex(
                text[index + 1 : close - 1], typography=typography, tilde=tilde, kept=kept
            )
            out.append(f'<span class="nocase">{inner}</span>' if inner else "")
            index = close
            continue
        if char in "{}$":
            index += 1
            continue
        if char == "~" and tilde:
            out.append("\u00a0")
        elif typography and char == "-" and text.startswith("--", index):
            if text.startswith("---", index):
                out.append("—")
                index += 3
            else:
                out.append("–")
                index += 2
            continue
        elif typography and char == "`":
            if text.startswith("``", index):
                out.append("“")
                index += 2
                continue
            out.append("‘")
        elif typography and char == "'" and text.startswith("''", index):
            out.append("”")
            index += 2
            continue
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _math_end(text: str, start: int) -> int:
    """Index of the ``$`` closing the math that opens at ``start`` (``start`` if none)."""
    index = start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text[index] == "$":
            return index if index > start + 1 else start
        index += 1
    return start


#: Commands whose argument is the text (the formatting itself is not kept).
_TEXT_COMMANDS = frozenset(
    {
        "emph", "textit", "textbf", "textsc", "textsl", "textup", "textmd", "textrm",
        "textsf", "texttt", "textnormal", "textsuperscript", "textsubscript", "mbox",
        "hbox", "text", "mkbibemph", "mkbibitalic", "mkbibbold", "mkbibquote", "enquote",
        "mkbibacro", "uppercase", "lowercase", "MakeUppercase", "MakeLowercase", "NoCaseChange",
        "ensuremath", "protect", "url", "nolinkurl", "path", "href", "bibstring",
    }
)  # fmt: skip
#: Commands that print nothing.
_SILENT = frozenset({"relax", "unskip", "ignorespaces"})


def _command(
    text: str, index: int, *, typography: bool, tilde: bool, kept: list[str] | None = None
) -> tuple[str, int]:
    """Decode the control sequence starting at ``text[index] == "\\"``."""
    if index + 1 >= len(text):
        return "\\", index + 1
    nxt = text[index + 1]
    if nxt in "-/@":  # a hyphenation point, an italic correction, a spacing hint
        return "", index + 2
    if nxt in "{}&%$#_":
        return nxt, index + 2
    if nxt in " ,;:!":
        return " ", index + 2
    if nxt == "\\":
        return " ", index + 2
    if nxt in _ACCENTS and not nxt.isalpha():
        return _accent(text, index + 2, _ACCENTS[nxt], typography=typography, tilde=tilde)
    match = _COMMAND.match(text, index + 1)
    if not match:
        return nxt, index + 2
    name, end = match.group(0), match.end()
    after = text[end : end + 1]
    if name in _ACCENTS and after in ("{", " ", "\\"):
        return _accent(text, end, _ACCENTS[name], typography=typography, tilde=tilde)
    if name in _SYMBOLS:
        return _SYMBOLS[name], _skip_after_word(text, end)
    if name in _SILENT:
        return "", _skip_after_word(text, end)
    if name not in _TEXT_COMMANDS:  # unknown: kept as TeX, with its argument
        close = group_end(text, end) if after == "{" else end
        if kept is not None:
            kept.append(text[index:close])
        return text[index:close], close
    if after == "{":
        close = group_end(text, end)
        if name == "href":  # \href{url}{text}: keep the text
            second = close
            if text[second : second + 1] == "{":
                end2 = group_end(text, second)
                inner = text[second + 1 : end2 - 1]
                return decode_latex(inner, typography=typography, tilde=tilde), end2
        inner = text[end + 1 : close - 1]
        if name in ("url", "nolinkurl", "path"):
            return decode_latex(inner, typography=False, tilde=False), close
        return decode_latex(inner, typography=typography, tilde=tilde, kept=kept), close
    return "", _skip_after_word(text, end)


def _skip_after_word(text: str, index: int) -> int:
    """After a control word TeX drops one ``{}`` or the spaces that follow."""
    if text.startswith("{}", index):
        return index + 2
    while index < len(text) and text[index] in " \t\n":
        index += 1
    return index


def _accent(text: str, index: int, mark: str, *, typography: bool, tilde: bool) -> tuple[str, int]:
    while index < len(text) and text[index] == " ":
        index += 1
    if index >= len(text):
        return "", index
    if text[index] == "{":
        close = group_end(text, index)
        inner = text[index + 1 : close - 1]
        if inner.strip() in ("\\i", "\\j"):
            base = _DOTLESS_BASE[inner.strip()[1]]
        else:
            base = decode_latex(inner, typography=typography, tilde=tilde)
        end = close
    elif text[index] == "\\":
        match = _COMMAND.match(text, index + 1)
        name = match.group(0) if match else ""
        base = _DOTLESS_BASE.get(name) or _SYMBOLS.get(name, "")
        end = _skip_after_word(text, match.end()) if match else index + 1
    else:
        base, end = text[index], index + 1
    if not base:
        return "", end
    return unicodedata.normalize("NFC", base[0] + mark) + base[1:], end
