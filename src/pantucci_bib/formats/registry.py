"""Every file format, by name: its reader, its writer and its file suffix, in one table each.

Adding a format means one module (or folder) under :mod:`pantucci_bib.formats` and one line
in each table below. Readers and writers are imported on first use, so that
``import pantucci_bib`` stays light.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Generic, TypeVar

from pantucci_bib.errors import UnknownFormatError
from pantucci_bib.model import Record
from pantucci_bib.problems import ParseResult

Reader = Callable[[str, str], ParseResult]
Writer = Callable[[Iterable[Record]], str]
Emitter = Writer  # the name used before the formats/ layout

_F = TypeVar("_F")


class _Lazy(Mapping[str, _F], Generic[_F]):
    """name → function, each module imported when the name is first looked up."""

    def __init__(self, paths: dict[str, str]) -> None:
        self._paths = paths
        self._loaded: dict[str, _F] = {}

    def __getitem__(self, name: str) -> _F:
        if name not in self._loaded:
            module, _, function = self._paths[name].partition(":")
            self._loaded[name] = getattr(importlib.import_module(module), function)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


#: name → reader ("module:function").
READERS: Mapping[str, Reader] = _Lazy(
    {
        "bibtex": "pantucci_bib.formats.bibtex.read:read_bibtex",
        "biblatex": "pantucci_bib.formats.bibtex.read:read_biblatex",
        "csl-json": "pantucci_bib.formats.csl_json.read:read_csl_json",
        "ris": "pantucci_bib.formats.ris.read:read_ris",
        "archive": "pantucci_bib.pages:read_archive",
    }
)

#: name → writer ("module:function").
WRITERS: Mapping[str, Writer] = _Lazy(
    {
        "bibtex": "pantucci_bib.formats.bibtex.write:emit_bibtex",
        "biblatex": "pantucci_bib.formats.bibtex.write:emit_biblatex",
        "csl-json": "pantucci_bib.formats.csl_json.write:emit_csl_json",
        "json": "pantucci_bib.formats.native:dumps",
        "ris": "pantucci_bib.formats.ris.write:emit_ris",
    }
)
EMITTERS = WRITERS  # the name used before the formats/ layout

#: File suffixes that pick a format (to read or to write) when none is named.
SUFFIXES: dict[str, str] = {".bib": "bibtex", ".json": "csl-json", ".ris": "ris"}


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a whole file is read or written.

    Records are acyclic frozen values, freed by reference counting; the collector only
    rescans the growing heap, so reading 100,000 records took ~1.5× as long with it, and
    time grew faster than the number of records. (Process-wide, so another thread
    reading at the same time may resume it early: that costs speed, never correctness.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def emit(records: Iterable[Record], format: str) -> str:
    """Render ``records`` in the output format named ``format``."""
    try:
        writer = WRITERS[format]
    except KeyError:
        raise UnknownFormatError(
            f"unknown output format {format!r}; known: {', '.join(sorted(WRITERS))}"
        ) from None
    with collection_paused():
        return writer(records)
