"""Input readers, registered by name in one explicit table.

A reader turns text into a :class:`ParseResult` (records plus problems as data). Adding a
format means writing a module with a ``read_*(text, source) -> ParseResult`` function and
adding one line to :data:`READERS`; no other format is touched.
"""

from __future__ import annotations

from collections.abc import Callable

from pantucci_bib.sources.base import ParseResult, Problem

Reader = Callable[[str, str], ParseResult]

#: name → reader. One line per format.
READERS: dict[str, Reader] = {
    # issue 5 readers (bibtex, biblatex, csl-json, ris) register here
    # issue 4 reader (archive pages) registers here
}

#: File suffixes that pick an input format when none is named.
SUFFIXES: dict[str, str] = {}

__all__ = ["READERS", "SUFFIXES", "ParseResult", "Problem", "Reader"]
