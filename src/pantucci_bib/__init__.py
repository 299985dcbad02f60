"""pantucci_bib: bibliographic records for published commentary, as BibTeX, BibLaTeX and CSL-JSON.

>>> import pantucci_bib
>>> library = pantucci_bib.corpus()
>>> len(library.filter(author="Petersen", year=2012))
4
>>> print(pantucci_bib.emit(library.filter(year="2011"), "bibtex").splitlines()[0])
@article{pantucciLimitsRegionalCooperation2011,
"""

import sys
import types
from typing import TYPE_CHECKING, Any

from pantucci_bib.errors import (
    DataError,
    FilterError,
    FormattingWarning,
    OutputError,
    PantucciBibError,
    ParseError,
    UnknownFormatError,
)
from pantucci_bib.model import (
    FieldSource,
    OriginalPublication,
    OriginKind,
    PartialDate,
    Person,
    Provenance,
    Record,
    RecordType,
    Relation,
    RelationKind,
    Sureness,
)

if TYPE_CHECKING:
    from pantucci_bib.corpus import cited_works, corpus
    from pantucci_bib.endnotes import NoteCitation, NotesResult, parse_notes
    from pantucci_bib.endnotes.references import ParsedReference, ReferencesResult, parse_references
    from pantucci_bib.extract import extract, extract_many
    from pantucci_bib.formats.registry import EMITTERS, emit
    from pantucci_bib.formatting import (
        Citation,
        Cite,
        Document,
        available_styles,
        format_bibliography,
        format_citations,
        format_document,
    )
    from pantucci_bib.keys import assign_keys, base_key
    from pantucci_bib.library import Library
    from pantucci_bib.loading import load, loads
    from pantucci_bib.merge import Duplicate, FieldMerged, MergeResult, Rekeyed, merge
    from pantucci_bib.output import write_atomic
    from pantucci_bib.problems import ParseResult, Problem
    from pantucci_bib.publications import publications

# Public names beyond the model and the errors: imported on first use (PEP 562), so that
# `import pantucci_bib` loads only the value classes (parsers compile many patterns at import,
# the corpus reads its data).
_LAZY: dict[str, str] = {
    "corpus": "pantucci_bib.corpus",
    "cited_works": "pantucci_bib.corpus",
    "EMITTERS": "pantucci_bib.formats.registry",
    "emit": "pantucci_bib.formats.registry",
    "assign_keys": "pantucci_bib.keys",
    "base_key": "pantucci_bib.keys",
    "Library": "pantucci_bib.library",
    "write_atomic": "pantucci_bib.output",
    "ParseResult": "pantucci_bib.problems",
    "Problem": "pantucci_bib.problems",
    "extract": "pantucci_bib.extract",
    "extract_many": "pantucci_bib.extract",
    "available_styles": "pantucci_bib.formatting",
    "format_bibliography": "pantucci_bib.formatting",
    "format_citations": "pantucci_bib.formatting",
    "format_document": "pantucci_bib.formatting",
    "Cite": "pantucci_bib.formatting",
    "Citation": "pantucci_bib.formatting",
    "Document": "pantucci_bib.formatting",
    "load": "pantucci_bib.loading",
    "loads": "pantucci_bib.loading",
    "Duplicate": "pantucci_bib.merge",
    "FieldMerged": "pantucci_bib.merge",
    "MergeResult": "pantucci_bib.merge",
    "Rekeyed": "pantucci_bib.merge",
    "merge": "pantucci_bib.merge",
    "publications": "pantucci_bib.publications",
    "NoteCitation": "pantucci_bib.endnotes",
    "NotesResult": "pantucci_bib.endnotes",
    "parse_notes": "pantucci_bib.endnotes",
    "parse_references": "pantucci_bib.endnotes.references",
    "ReferencesResult": "pantucci_bib.endnotes.references",
    "ParsedReference": "pantucci_bib.endnotes.references",
}


#: Submodules the documentation names as ``pantucci_bib.<module>.<function>`` (imported on
#: first use, so that ``import pantucci_bib`` alone is enough to call them).
_SUBMODULES = frozenset({"style_search"})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'pantucci_bib' has no attribute {name!r}")


# Functions named like their module (corpus, emit, extract): importing the module records it on
# the package under that name (``import pantucci_bib.extract`` anywhere), which would hide the
# function; the package keeps the function instead.
_SHADOWED = frozenset(name for name, module in _LAZY.items() if module == f"{__name__}.{name}")


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__version__ = "0.1.0"

__all__ = [
    "EMITTERS",
    "DataError",
    "FilterError",
    "Library",
    "OriginKind",
    "OriginalPublication",
    "OutputError",
    "ParseResult",
    "PantucciBibError",
    "ParseError",
    "PartialDate",
    "Problem",
    "Person",
    "Provenance",
    "Record",
    "RecordType",
    "Relation",
    "RelationKind",
    "FieldSource",
    "Sureness",
    "UnknownFormatError",
    "__version__",
    "assign_keys",
    "base_key",
    "corpus",
    "emit",
    "write_atomic",
    "extract",
    "extract_many",
    "Duplicate",
    "FieldMerged",
    "MergeResult",
    "Rekeyed",
    "load",
    "loads",
    "merge",
    "available_styles",
    "format_bibliography",
    "format_citations",
    "format_document",
    "Cite",
    "Citation",
    "Document",
    "FormattingWarning",
    "NoteCitation",
    "NotesResult",
    "cited_works",
    "parse_notes",
    "publications",
    "parse_references",
    "ReferencesResult",
    "ParsedReference",
]
