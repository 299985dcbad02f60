"""Input readers, registered by name in one explicit table.

A reader turns text into a :class:`ParseResult` (records plus problems as data). Adding a
format means writing a module with a ``read_*(text, source) -> ParseResult`` function and
adding one line to :data:`READERS`; no other format is touched.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from pantucci_bib.sources.base import ParseResult, Problem

Reader = Callable[[str, str], ParseResult]


class _LazyReaders(Mapping[str, Reader]):
    """name → reader, each module imported on first use so ``import pantucci_bib`` stays light."""

    def __init__(self, paths: dict[str, str]) -> None:
        self._paths = paths
        self._loaded: dict[str, Reader] = {}

    def __getitem__(self, name: str) -> Reader:
        if name not in self._loaded:
            module, _, function = self._paths[name].partition(":")
            self._loaded[name] = getattr(importlib.import_module(module), function)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


#: name → reader. One line per format ("module:function", imported when first used).
READERS: Mapping[str, Reader] = _LazyReaders(
    {
        "bibtex": "pantucci_bib.sources.bibtex:read_bibtex",
        "biblatex": "pantucci_bib.sources.bibtex:read_biblatex",
        "csl-json": "pantucci_bib.sources.csl_json:read_csl_json",
        "ris": "pantucci_bib.sources.ris:read_ris",
        "archive": "pantucci_bib.sources.archive:read_archive",
    }
)

#: File suffixes that pick an input format when none is named.
SUFFIXES: dict[str, str] = {".bib": "bibtex", ".json": "csl-json", ".ris": "ris"}

__all__ = ["READERS", "SUFFIXES", "ParseResult", "Problem", "Reader"]
