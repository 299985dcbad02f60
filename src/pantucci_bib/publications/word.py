"""A reference list as a Word file (.docx), through python-docx (the ``docx`` extra).

The entries come from the engine's HTML output, whose markup is exactly the style's
decorations: ``<i>``, ``<b>``, small caps (``font-variant:small-caps``), ``<sup>``/``<sub>``,
``<u>`` and links. Each becomes the matching Word run property, so italics, bold and small
caps survive; every entry is a paragraph of a "Bibliography" style with a hanging indent,
and a publication list's years are headings.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any

from pantucci_bib.errors import UnknownFormatError

#: The hanging indent of an entry, in centimetres (half an inch, Word's own default).
HANGING_CM = 1.27

_STYLE = "Bibliography"


def require_docx() -> None:
    """UnknownFormatError, one line, when python-docx is not installed."""
    import importlib.util

    if importlib.util.find_spec("docx") is None:
        raise UnknownFormatError(
            "writing .docx needs python-docx: pip install 'pantucci-bib[docx]' (or python-docx)"
        )


class _Runs(HTMLParser):
    """(text, properties) runs and links of one entry's HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict[str, Any]] = [{}]
        self.tags: list[str] = []
        self.runs: list[tuple[str, dict[str, Any]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        properties = dict(self.stack[-1])
        attributes = {name: value or "" for name, value in attrs}
        style = attributes.get("style", "").replace(" ", "")
        if tag in ("i", "em"):
            properties["italic"] = not properties.get("italic", False)
        elif tag in ("b", "strong"):
            properties["bold"] = True
        elif tag == "u":
            properties["underline"] = True
        elif tag in ("sup", "sub"):
            properties["superscript" if tag == "sup" else "subscript"] = True
        elif tag == "a":
            properties["link"] = attributes.get("href", "")
        if "font-variant:small-caps" in style:
            properties["small_caps"] = True
        if "font-style:normal" in style:
            properties["italic"] = False
        if "font-style:italic" in style:
            properties["italic"] = True
        if "font-weight:bold" in style:
            properties["bold"] = True
        self.stack.append(properties)
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.tags:
            while self.tags:
                self.stack.pop()
                if self.tags.pop() == tag:
                    break

    def handle_data(self, data: str) -> None:
        if data:
            self.runs.append((data, self.stack[-1]))


def runs(entry_html: str) -> list[tuple[str, dict[str, Any]]]:
    """The runs of one formatted entry: its text, each piece with its decorations.

    >>> runs("Roe, <i>Gardens</i>, <span style=\\"font-variant:small-caps;\\">ny</span>")
    [('Roe, ', {}), ('Gardens', {'italic': True}), (', ', {}), ('ny', {'small_caps': True})]
    """
    parser = _Runs()
    parser.feed(entry_html)
    parser.close()
    return parser.runs


def docx_bytes(sections: Sequence[tuple[str | None, Sequence[str]]], title: str = "") -> bytes:
    """A .docx of ``sections``: (heading or None, the entries' HTML) each, in order."""
    require_docx()
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt

    document = docx.Document()
    style = document.styles.add_style(_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    layout = style.paragraph_format
    layout.left_indent = Cm(HANGING_CM)
    layout.first_line_indent = Cm(-HANGING_CM)
    layout.space_after = Pt(6)
    if title:
        document.add_heading(title, level=1)
    for heading, entries in sections:
        if heading is not None:
            document.add_heading(heading, level=2)
        for entry in entries:
            paragraph = document.add_paragraph(style=_STYLE)
            for text, properties in runs(entry):
                _add_run(paragraph, text, properties)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_run(paragraph: Any, text: str, properties: dict[str, Any]) -> None:
    url = properties.get("link")
    run = paragraph.add_run(text) if not url else _hyperlink_run(paragraph, text, url)
    font = run.font
    font.italic = properties.get("italic") or None
    font.bold = properties.get("bold") or None
    font.small_caps = properties.get("small_caps") or None
    font.underline = properties.get("underline") or None
    font.superscript = properties.get("superscript") or None
    font.subscript = properties.get("subscript") or None


def _hyperlink_run(paragraph: Any, text: str, url: str) -> Any:
    """A run inside a ``w:hyperlink`` to ``url`` (python-docx has no call for one)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.text.run import Run

    ident = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = paragraph._p.makeelement(qn("w:hyperlink"), {qn("r:id"): ident})
    paragraph._p.append(link)
    element = link.makeelement(qn("w:r"), {})
    link.append(element)
    run = Run(element, paragraph)
    run.text = text
    run.style = _link_style(paragraph.part.document)
    return run


def _link_style(document: Any) -> Any:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    styles = document.styles
    if "Hyperlink" in [s.name for s in styles]:
        return styles["Hyperlink"]
    style = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    style.font.color.rgb = RGBColor(0x0B, 0x4F, 0x9C)
    style.font.underline = True
    return style
