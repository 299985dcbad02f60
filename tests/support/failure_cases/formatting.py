"""Styles, locales and output formats of ``format``."""

from __future__ import annotations

from support.failure_cases.base import Case

_NOT_CSL = b'<?xml version="1.0"?>\n<html><body>not a style</body></html>\n'
_BAD_ATTRIBUTE_CSL = (
    b'<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" '
    b'version="1.0"><info><title>T</title><id>t</id></info><citation><layout><text '
    b'variable="title"/></layout></citation><bibliography><layout><names variable="author">'
    b'<name and="sideways"/></names></layout></bibliography></style>\n'
)

FORMATTING: tuple[Case, ...] = (
    Case(
        "style-not-xml",
        "a .csl style that is not XML",
        ("format", "--style", "mine.csl", "--year", "2012"),
        2,
        "malformed CSL style",
        "mine.csl:1",
        (("mine.csl", b"this is not XML\n"),),
        "out.txt",
    ),
    Case(
        "style-xml-not-csl",
        "a .csl style that is XML but not CSL",
        ("format", "--style", "mine.csl", "--year", "2012"),
        2,
        "not a CSL style (root element 'html')",
        "mine.csl:1",
        (("mine.csl", _NOT_CSL),),
        "out.txt",
    ),
    Case(
        "style-missing-file",
        "a .csl style path that does not exist",
        ("format", "--style", "gone.csl", "--year", "2012"),
        2,
        "no such style file: gone.csl",
        "gone.csl",
        (),
        "out.txt",
    ),
    Case(
        "unknown-style",
        "unknown style name",
        ("format", "--style", "nosuchstyle", "--year", "2012"),
        2,
        "unknown style 'nosuchstyle'",
        "nosuchstyle",
        (),
        "out.txt",
    ),
    Case(
        "unknown-locale",
        "unknown locale",
        ("format", "--style", "apa", "--locale", "xx-YY", "--year", "2012"),
        2,
        "unknown locale 'xx-YY'",
        "xx-YY",
        (),
        "out.txt",
    ),
    Case(
        "unknown-format-output",
        "unknown output format of format (--to)",
        ("format", "--style", "apa", "--to", "pdf"),  # docx until issue 18 made it an output
        2,
        "argument --to: invalid choice: 'pdf'",
        "--to",
        (),
        "out.txt",
    ),
    Case(
        "missing-required-option",
        "format without --style",
        ("format",),
        2,
        "the following arguments are required: --style",
        "--style",
        (),
        "out.txt",
    ),
)

#: Comes after :data:`support.failure_cases.commands.PAGES` in the table (it was added later).
STYLE_BAD_ATTRIBUTE = Case(
    "style-bad-attribute",
    'a CSL style with an invalid attribute value (and="sideways")',
    ("format", "--style", "mine.csl", "--year", "2012"),
    2,
    "cannot format",
    "mine",
    (("mine.csl", _BAD_ATTRIBUTE_CSL),),
    "out.txt",
)
