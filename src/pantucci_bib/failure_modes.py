"""Issue 8's table of bad inputs: each a tiny file made on the spot and a command line.

One table serves two masters: ``tests/test_bad_input.py`` runs every case through the real
command and checks the exit code, the standard-error lines and the output file, and
:func:`pantucci_bib.docs_tables.failures_table` runs the same cases to write the table of
``docs/failures.md`` — so the page shows what the program really prints.

Every case is run in a directory of its own (paths in messages are relative to it). When a
case has ``output``, that file is created first holding :data:`PREVIOUS`, so each case also
checks that a failed run leaves an existing output file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from unittest import mock

import attrs

#: What an existing -o file holds before a case runs; a failed run must leave it so.
PREVIOUS = "previous output, which a failed run must not replace\n"


def _bib(*entries: str) -> bytes:
    return "\n".join(entries).encode("utf-8")


def _entry(key: str, title: str, year: str = "2020") -> str:
    return (
        f"@article{{{key},\n  author = {{Doe, Jane}},\n  title = {{{title}}},\n"
        f"  year = {year},\n}}\n"
    )


_GOOD_ITEM = '{"id": "good", "type": "book", "title": "Fine", "issued": {"date-parts": [[2020]]}}'


def _json(*items: str) -> bytes:
    return ("[\n" + ",\n".join(f"  {item}" for item in items) + "\n]\n").encode("utf-8")


_LATIN_1_BIB = "@article{cafe,\n  title = {Café culture},\n  year = 2020,\n}\n"
_THREE_GOOD_TWO_BAD = _bib(
    _entry("one", "First"),
    "@article{broken,\n  title = {No closing brace,\n  year = 2020,\n",
    _entry("two", "Second"),
    _entry("one", "Same key as the first"),
    _entry("three", "Third"),
)
_NOT_CSL = b'<?xml version="1.0"?>\n<html><body>not a style</body></html>\n'
_BAD_ATTRIBUTE_CSL = (
    b'<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" '
    b'version="1.0"><info><title>T</title><id>t</id></info><citation><layout><text '
    b'variable="title"/></layout></citation><bibliography><layout><names variable="author">'
    b'<name and="sideways"/></names></layout></bibliography></style>\n'
)


@attrs.frozen
class Case:
    """One failure mode: files to make, a command line, and what must follow."""

    id: str  #: the test id, naming the failure mode
    what: str  #: the failure mode in words (docs)
    argv: tuple[str, ...]  #: arguments after ``pantucci-bib``; -o OUTPUT is added
    exit: int  #: the documented exit code
    says: str  #: text the last line of standard error holds
    where: str = ""  #: the place (file, file:line, key) standard error must name
    files: tuple[tuple[str, bytes], ...] = ()  #: (name, content); a name ending in / is a folder
    output: str | None = None  #: the -o file, made beforehand holding PREVIOUS
    lines: int = 1  #: lines on standard error: one, or one per problem plus a summary
    written: bool = False  #: whether the -o file is replaced (lenient success)

    def command(self) -> list[str]:
        """The arguments after ``pantucci-bib``, -o included."""
        return [*self.argv, *(["-o", self.output] if self.output else [])]


def prepare(case: Case, directory: Path) -> list[str]:
    """Make the files of ``case`` in ``directory``; return its arguments."""
    for name, content in case.files:
        path = directory / name
        if name.endswith("/"):
            path.mkdir()
        else:
            path.write_bytes(content)
    if case.output:
        (directory / case.output).write_text(PREVIOUS, encoding="utf-8")
    return case.command()


def run(case: Case, directory: Path) -> subprocess.CompletedProcess[str]:
    """Run ``pantucci-bib`` on ``case`` in ``directory``, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "pantucci_bib.cli", *prepare(case, directory)],
        capture_output=True,
        text=True,
        cwd=directory,
        check=False,
        timeout=300,
    )


def _convert(
    id: str,
    what: str,
    name: str,
    content: bytes | None,
    *,
    exit: int,
    says: str,
    where: str = "",
    lines: int = 1,
    extra: Sequence[str] = (),
    output: str | None = "out.json",
) -> Case:
    files = ((name, content),) if content is not None else ()
    written = exit == 0
    return Case(
        id,
        what,
        ("convert", name, *extra),
        exit,
        says,
        where or name,
        files,
        output,
        lines,
        written,
    )


CASES: tuple[Case, ...] = (
    # ---- reading a file: convert (the same reader and loading code serve merge and the API)
    _convert(
        "empty-bib", "empty .bib file", "in.bib", b"", exit=2, says="no records read: no entries"
    ),
    _convert(
        "empty-ris", "empty .ris file", "in.ris", b"", exit=2, says="no records read: no entries"
    ),
    _convert(
        "empty-csl-json",
        "empty .json file",
        "in.json",
        b"",
        exit=2,
        says="expected a JSON array of CSL items",
        where="in.json:1",
        output="out.bib",
    ),
    _convert(
        "binary-garbage",
        "binary file (a PNG image renamed .bib)",
        "in.bib",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        exit=2,
        says="not UTF-8 text: byte 0x89 at column 1",
        where="in.bib:1",
    ),
    _convert(
        "nul-bytes",
        "text with NUL bytes",
        "in.bib",
        b"@article{a,\n  title = {T\x00\x00},\n}\n",
        exit=2,
        says="binary data (a NUL byte)",
        where="in.bib:2",
    ),
    _convert(
        "latin-1",
        "Latin-1 encoded .bib",
        "in.bib",
        _LATIN_1_BIB.encode("latin-1"),
        exit=2,
        says="not UTF-8 text: byte 0xE9 at column 15",
        where="in.bib:2",
    ),
    _convert(
        "utf-16-bom",
        "UTF-16 .bib with a byte order mark",
        "in.bib",
        _LATIN_1_BIB.encode("utf-16"),
        exit=2,
        says="UTF-16 text",
        where="in.bib:1",
    ),
    _convert(
        "truncated-bib",
        ".bib cut off inside its only entry",
        "in.bib",
        b"@article{a,\n  title = {T},\n  year = 20",
        exit=2,
        says="no records read: every entry skipped (1 entry)",
        lines=2,
    ),
    _convert(
        "truncated-csl-json",
        "CSL-JSON cut off inside an item",
        "in.json",
        _json(_GOOD_ITEM)[:-8],
        exit=2,
        says="invalid JSON",
        where="in.json:2",
        output="out.bib",
    ),
    _convert(
        "unclosed-brace",
        ".bib entry missing its closing brace, then a good one",
        "in.bib",
        b"@article{a,\n  title = {T},\n  year = 2020\n\n" + _bib(_entry("b", "Good")),
        exit=0,
        says="wrote 1 record to out.json; 1 entry skipped",
        where="in.bib:1",
        lines=2,
    ),
    _convert(
        "duplicate-key",
        ".bib with a duplicate key",
        "in.bib",
        _bib(_entry("doe2020", "First"), _entry("doe2020", "Second")),
        exit=0,
        says="wrote 1 record to out.json; 1 entry skipped",
        where="in.bib:7: error: duplicate key 'doe2020'",
        lines=2,
    ),
    _convert(
        "lenient-3-good-2-bad",
        ".bib with 3 good and 2 bad entries (lenient, the default)",
        "in.bib",
        _THREE_GOOD_TWO_BAD,
        exit=0,
        says="wrote 3 records to out.json; 2 entries skipped",
        where="in.bib:7",
        lines=3,
    ),
    _convert(
        "strict-3-good-2-bad",
        "the same with --strict",
        "in.bib",
        _THREE_GOOD_TWO_BAD,
        exit=3,
        says="2 entries skipped in strict mode; nothing written",
        where="in.bib:7",
        lines=3,
        extra=("--strict",),
    ),
    _convert(
        "csl-json-object-not-list",
        "CSL-JSON that is an object, not a list of items",
        "in.json",
        b'{"items": [1, 2]}\n',
        exit=2,
        says="no records read: every entry skipped (1 entry)",
        where="in.json:1: error: item skipped: not a CSL item",
        lines=2,
        output="out.bib",
    ),
    _convert(
        "csl-json-scalar",
        "CSL-JSON that is a bare string",
        "in.json",
        b'"hello"\n',
        exit=2,
        says="expected a JSON array of CSL items",
        where="in.json:1",
        output="out.bib",
    ),
    _convert(
        "csl-json-author-is-a-string",
        "CSL-JSON item whose author is a string",
        "in.json",
        _json(_GOOD_ITEM, '{"id": "bad", "type": "book", "title": "T", "author": "Doe"}'),
        exit=0,
        says="wrote 2 records to out.bib",
        where="in.json:3: warning: author not read: author: expected a list of name objects",
        lines=2,
        output="out.bib",
    ),
    _convert(
        "csl-json-issued-is-a-number",
        "CSL-JSON item whose issued is a number",
        "in.json",
        _json('{"id": "odd", "type": "book", "title": "T", "issued": 2020}'),
        exit=0,
        says="wrote 1 record to out.bib",
        where="in.json:2: warning: issued not read",
        lines=2,
        output="out.bib",
    ),
    _convert(
        "csl-json-infinite-date-part",
        "CSL-JSON date-parts holding 1e999",
        "in.json",
        _json('{"id": "odd", "type": "book", "title": "T", "issued": {"date-parts": [[1e999]]}}'),
        exit=0,
        says="wrote 1 record to out.bib",
        where="in.json:2: warning: issued not read",
        lines=2,
        output="out.bib",
    ),
    _convert(
        "csl-json-unpaired-surrogate",
        'CSL-JSON title holding "\\ud800"',
        "in.json",
        _json(_GOOD_ITEM, '{"id": "bad", "type": "book", "title": "A \\ud800 B"}'),
        exit=0,
        says="wrote 1 record to out.bib; 1 entry skipped",
        where="in.json:3: error: item 'bad' skipped: text with an unpaired surrogate",
        lines=2,
        output="out.bib",
    ),
    _convert(
        "csl-json-deeply-nested",
        "CSL-JSON nested 100,000 deep",
        "in.json",
        b"[" * 100_000,
        exit=2,
        says="JSON nested too deeply",
        where="in.json:1",
        output="out.bib",
    ),
    _convert(
        "ris-without-er",
        "RIS record without ER",
        "in.ris",
        b"TY  - JOUR\nTI  - A title\nPY  - 2020\n",
        exit=0,
        says="wrote 1 record to out.json",
        where="in.ris:1: warning: last record not closed by ER",
        lines=2,
    ),
    _convert(
        "ris-not-ris",
        "a .ris file that is plain prose",
        "in.ris",
        b"Just a paragraph of text,\nnot a RIS record.\n",
        exit=2,
        says="no records read: every entry skipped (1 entry)",
        where="in.ris:1: error: lines outside a record",
        lines=2,
    ),
    _convert(
        "unknown-suffix",
        "input suffix that names no format",
        "in.txt",
        _bib(_entry("a", "T")),
        exit=2,
        says="cannot tell the input format from the suffix '.txt'",
        where="in.txt",
    ),
    _convert(
        "unknown-from",
        "unknown input format (--from)",
        "in.bib",
        _bib(_entry("a", "T")),
        exit=2,
        says="unknown input format 'endnote'; known: ",
        where="endnote",
        extra=("--from", "endnote"),
    ),
    _convert(
        "unknown-to",
        "unknown output format (--to)",
        "in.bib",
        _bib(_entry("a", "T")),
        exit=2,
        says="unknown output format 'docx'; known: ",
        where="docx",
        extra=("--to", "docx"),
    ),
    _convert(
        "missing-input",
        "input file that does not exist",
        "missing.bib",
        None,
        exit=2,
        says="cannot read: No such file or directory",
    ),
    _convert(
        "directory-as-input",
        "a directory given as the input file",
        "folder.bib/",
        b"",
        exit=2,
        says="cannot read: Is a directory",
        where="folder.bib",
    ),
    Case(
        "directory-as-output",
        "a directory given as -o",
        ("convert", "in.bib", "-o", "folder"),
        2,
        "is a directory",
        "folder",
        (("in.bib", _bib(_entry("a", "T"))), ("folder/", b"")),
    ),
    _convert(
        "output-directory-missing",
        "-o in a directory that does not exist",
        "in.bib",
        _bib(_entry("a", "T")),
        exit=2,
        says="cannot write: no directory 'nowhere'",
        where="nowhere/out.json",
        extra=("-o", "nowhere/out.json"),
        output=None,
    ),
    _convert(
        "unknown-option",
        "an option no command has",
        "in.bib",
        _bib(_entry("a", "T")),
        exit=2,
        says="unrecognized arguments: --frobnicate",
        where="--frobnicate",
        extra=("--frobnicate",),
    ),
    Case(
        "merge-empty",
        "merge of an empty .bib",
        ("merge", "in.bib"),
        2,
        "no records read: no entries found",
        "in.bib",
        (("in.bib", b"\n\n"),),
        "merged.bib",
    ),
    # ---- styles, locales and formats: format
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
        ("format", "--style", "apa", "--to", "docx"),
        2,
        "argument --to: invalid choice: 'docx'",
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
    # ---- filters: export
    Case(
        "year-not-a-year",
        "--year abc",
        ("export", "--year", "abc"),
        2,
        "not a year or year range: 'abc'",
        "abc",
        (),
        "out.bib",
    ),
    Case(
        "year-backwards",
        "--year 2015-2012",
        ("export", "--year", "2015-2012"),
        2,
        "year range runs backwards: '2015-2012'",
        "2015-2012",
        (),
        "out.bib",
    ),
    Case(
        "type-unknown",
        "--type nonsense",
        ("export", "--type", "nonsense"),
        2,
        "unknown type 'nonsense'; known: ",
        "nonsense",
        (),
        "out.bib",
    ),
    Case(
        "export-unknown-to",
        "unknown output format of export (--to)",
        ("export", "--to", "endnote"),
        2,
        "unknown output format 'endnote'",
        "endnote",
        (),
        "out.bib",
    ),
    Case(
        "cited-by-unknown-key",
        "--cited-by a key nobody has",
        ("export", "--cited-by", "nobodyNothing2020"),
        2,
        "no record with key 'nobodyNothing2020'",
        "nobodyNothing2020",
        (),
        "out.bib",
    ),
    # ---- archive pages and notes: import, parse-refs
    Case(
        "import-empty-page",
        "empty archive page",
        ("import", "page.txt"),
        2,
        "empty file",
        "page.txt",
        (("page.txt", b""),),
        "out.bib",
    ),
    Case(
        "import-binary-page",
        "binary archive page",
        ("import", "page.html"),
        2,
        "binary file, not an archive page",
        "page.html",
        (("page.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),),
        "out.bib",
    ),
    Case(
        "import-latin-1-page",
        "Latin-1 archive page",
        ("import", "page.txt"),
        2,
        "not a UTF-8 text or HTML file",
        "page.txt",
        (("page.txt", "Posts Tagged ‘Café’\n".encode("cp1252")),),
        "out.bib",
    ),
    Case(
        "import-not-an-archive-page",
        "a page with no posts",
        ("import", "page.txt"),
        2,
        "not an archive page: no posts found",
        "page.txt",
        (("page.txt", b"Just a paragraph.\n"),),
        "out.bib",
    ),
    Case(
        "notes-latin-1",
        "Latin-1 notes for parse-refs",
        ("parse-refs", "notes.txt"),
        2,
        "not UTF-8 text: byte 0xE9",
        "notes.txt:2",
        (("notes.txt", "Notes\n1. Café society, Le Monde, 2 May 2012.\n".encode("latin-1")),),
        "out.json",
    ),
    Case(
        "notes-without-notes",
        "parse-refs on text with no numbered notes",
        ("parse-refs", "notes.txt"),
        2,
        "no numbered notes found",
        "notes.txt",
        (("notes.txt", b"Just a paragraph.\n"),),
        "out.json",
    ),
    Case(
        "style-bad-attribute",
        'a CSL style with an invalid attribute value (and="sideways")',
        ("format", "--style", "mine.csl", "--year", "2012"),
        2,
        "cannot format",
        "mine",
        (("mine.csl", _BAD_ATTRIBUTE_CSL),),
        "out.txt",
    ),
)


def _no_space(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _interrupt(*args: object) -> None:
    raise KeyboardInterrupt


def _read_only(*args: object, **kwargs: object) -> bool:
    return False


@attrs.frozen
class Simulated:
    """A failure of the machine rather than the input, simulated in-process by replacing one
    function :mod:`pantucci_bib.output` calls; the run is ``convert in.bib -o out.json``."""

    id: str
    what: str
    target: str  #: the attribute of pantucci_bib.output replaced, e.g. "os.fsync"
    replacement: Callable[..., object]
    exit: int
    says: str


SIMULATED: tuple[Simulated, ...] = (
    Simulated(
        "read-only-directory",
        "-o in a read-only directory (simulated: root ignores chmod)",
        "os.access",
        _read_only,
        2,
        "cannot write: the directory '.' is not writable",
    ),
    Simulated(
        "full-disk",
        "disk full while writing -o (simulated ENOSPC)",
        "os.fsync",
        _no_space,
        2,
        "cannot write: No space left on device",
    ),
    Simulated(
        "ctrl-c-while-writing",
        "Ctrl-C while writing -o (simulated)",
        "os.fsync",
        _interrupt,
        130,
        "interrupted",
    ),
)


def run_simulated(case: Simulated, directory: Path) -> tuple[int, str]:
    """Exit code and standard error of ``convert in.bib -o out.json`` in ``directory`` with
    ``case.target`` replaced; paths in the message are relative to ``directory``."""
    from pantucci_bib import cli

    (directory / "in.bib").write_bytes(_bib(_entry("a", "T")))
    (directory / "out.json").write_text(PREVIOUS, encoding="utf-8")
    stderr = io.StringIO()
    cwd = Path.cwd()
    os.chdir(directory)
    try:
        with (
            mock.patch(f"pantucci_bib.output.{case.target}", case.replacement),
            contextlib.redirect_stderr(stderr),
        ):
            code = cli.main(["convert", "in.bib", "-o", "out.json"])
    finally:
        os.chdir(cwd)
    return code, stderr.getvalue()
