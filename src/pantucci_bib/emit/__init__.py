"""Output formats, registered by name in one explicit table.

Adding a format means writing a module with an ``emit_*(records) -> str`` function and
adding one line to :data:`EMITTERS`; no other format is touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pantucci_bib.emit.bibtex import emit_biblatex, emit_bibtex
from pantucci_bib.emit.csl_json import emit_csl_json
from pantucci_bib.emit.ris import emit_ris  # issue 5
from pantucci_bib.errors import UnknownFormatError
from pantucci_bib.model import Record
from pantucci_bib.native import dumps as emit_native

Emitter = Callable[[Iterable[Record]], str]

EMITTERS: dict[str, Emitter] = {
    "bibtex": emit_bibtex,
    "biblatex": emit_biblatex,
    "csl-json": emit_csl_json,
    "json": emit_native,
    "ris": emit_ris,  # issue 5
}

#: File suffixes that pick an output format when none is named.
SUFFIXES: dict[str, str] = {".bib": "bibtex", ".json": "csl-json", ".ris": "ris"}


def emit(records: Iterable[Record], format: str) -> str:
    """Render ``records`` in the output format named ``format``."""
    try:
        emitter = EMITTERS[format]
    except KeyError:
        raise UnknownFormatError(
            f"unknown output format {format!r}; known: {', '.join(sorted(EMITTERS))}"
        ) from None
    return emitter(records)
