"""What a failure case is, and how one is run: the files it makes, its command line, and what
must follow. The tables of cases are the other modules of this package."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs

#: What an existing -o file holds before a case runs; a failed run must leave it so.
PREVIOUS = "previous output, which a failed run must not replace\n"


def bib(*entries: str) -> bytes:
    """A .bib file of ``entries`` (each made by :func:`entry` or written out)."""
    return "\n".join(entries).encode("utf-8")


def entry(key: str, title: str, year: str = "2020") -> str:
    """One good BibTeX entry by Jane Doe."""
    return (
        f"@article{{{key},\n  author = {{Doe, Jane}},\n  title = {{{title}}},\n"
        f"  year = {year},\n}}\n"
    )


#: A good CSL-JSON item.
GOOD_ITEM = '{"id": "good", "type": "book", "title": "Fine", "issued": {"date-parts": [[2020]]}}'


def csl_json(*items: str) -> bytes:
    """A CSL-JSON file: a list of ``items``, one a line."""
    return ("[\n" + ",\n".join(f"  {item}" for item in items) + "\n]\n").encode("utf-8")


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


def convert(
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
    """A case of ``convert NAME EXTRA… -o OUTPUT`` reading ``content`` (None: no file)."""
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
