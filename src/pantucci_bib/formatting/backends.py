"""Output formats (text, HTML, Markdown, reStructuredText, LaTeX) as citeproc-py formatters."""

from __future__ import annotations

import html
from collections.abc import Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

#: Output formats of :func:`~pantucci_bib.formatting.format_bibliography`.
OUTPUTS = ("text", "html", "markdown", "rst", "latex")


def assemble(entries: list[tuple[str, str] | str], output: str) -> str:
    if output == "html":
        rows = []
        for entry in entries:
            if isinstance(entry, tuple):
                body = (
                    f'<div class="csl-left-margin">{entry[0]}</div>'
                    f'<div class="csl-right-inline">{entry[1]}</div>'
                )
            else:
                body = entry
            rows.append(f'  <div class="csl-entry">{body}</div>\n')
        return '<div class="csl-bib-body">\n' + "".join(rows) + "</div>\n"
    lines = [" ".join(entry) if isinstance(entry, tuple) else entry for entry in entries]
    if not lines:
        return ""
    separator = "\n" if output == "text" else "\n\n"
    return separator.join(lines) + "\n"


# -- output formats: citeproc-py formatter modules (preformat + one wrapper per decoration) ------


def _wrapper(template: str) -> Callable[[str], str]:
    def wrap(text: str) -> str:
        return template.format(str(text))

    return wrap


def _identity(text: str) -> str:
    return str(text)


def _plain() -> Any:
    from citeproc.formatter import plain

    return SimpleNamespace(**vars(plain), Link=lambda text, url: text)


def _html() -> Any:
    from citeproc.formatter import html as html_formatter

    def link(text: str, url: str) -> str:
        return f'<a href="{html.escape(url, quote=True)}">{text}</a>'

    # ``markup``: the engine's last pass for HTML (engine.rich_text.finish_html) looks for it
    return SimpleNamespace(**vars(html_formatter), Link=link, markup="html")


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>"})


def _markdown() -> Any:
    def link(text: str, url: str) -> str:
        return f"<{url}>" if str(text) == url.translate(_MD_SPECIAL) else f"[{text}](<{url}>)"

    return SimpleNamespace(
        preformat=lambda text: str(text).translate(_MD_SPECIAL),
        Italic=_wrapper("*{}*"),
        Oblique=_wrapper("*{}*"),
        Bold=_wrapper("**{}**"),
        Light=_identity,
        Underline=_wrapper("<u>{}</u>"),
        Superscript=_wrapper("<sup>{}</sup>"),
        Subscript=_wrapper("<sub>{}</sub>"),
        SmallCaps=_wrapper('<span style="font-variant:small-caps">{}</span>'),
        Link=link,
    )


def _rst() -> Any:
    from citeproc.formatter import rst

    def link(text: str, url: str) -> str:
        return url if str(text) == url else f"`{text} <{url}>`__"

    return SimpleNamespace(**vars(rst), Link=link)


def _latex() -> Any:
    from pantucci_bib.latex import escape

    def link(text: str, url: str) -> str:
        return (
            f"\\url{{{url}}}"
            if str(text) == escape(url, ascii_only=False)
            else f"\\href{{{url}}}{{{text}}}"
        )

    return SimpleNamespace(
        preformat=lambda text: escape(str(text), ascii_only=False),
        Italic=_wrapper("\\emph{{{}}}"),
        Oblique=_wrapper("\\textsl{{{}}}"),
        Bold=_wrapper("\\textbf{{{}}}"),
        Light=_identity,
        Underline=_wrapper("\\underline{{{}}}"),
        Superscript=_wrapper("\\textsuperscript{{{}}}"),
        Subscript=_wrapper("\\textsubscript{{{}}}"),
        SmallCaps=_wrapper("\\textsc{{{}}}"),
        Link=link,
    )


FORMATTERS: dict[str, Callable[[], Any]] = {
    "text": _plain,
    "html": _html,
    "markdown": _markdown,
    "rst": _rst,
    "latex": _latex,
}
