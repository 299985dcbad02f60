"""pantucci_bib: bibliographic records for published commentary, as BibTeX, BibLaTeX and CSL-JSON.

>>> import pantucci_bib
>>> library = pantucci_bib.corpus()
>>> len(library.filter(author="Petersen", year=2012))
4
>>> print(pantucci_bib.emit(library.filter(year="2011"), "bibtex").splitlines()[0])
@article{pantucciLimitsRegionalCooperation2011,
"""

from pantucci_bib.corpus import corpus
from pantucci_bib.emit import EMITTERS, emit
from pantucci_bib.errors import (
    DataError,
    FilterError,
    OutputError,
    PantucciBibError,
    ParseError,
    UnknownFormatError,
)
from pantucci_bib.keys import assign_keys, base_key
from pantucci_bib.library import Library
from pantucci_bib.model import (
    OriginalPublication,
    OriginKind,
    PartialDate,
    Person,
    Provenance,
    Record,
    RecordType,
    Relation,
    RelationKind,
)
from pantucci_bib.output import write_atomic
from pantucci_bib.sources import ParseResult, Problem

# issue 4 API imports here
# issue 5 API imports here
# issue 9 API imports here
# issue 10 API imports here

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
    "UnknownFormatError",
    "__version__",
    "assign_keys",
    "base_key",
    "corpus",
    "emit",
    "write_atomic",
    # issue 4 names here
    # issue 5 names here
    # issue 9 names here
    # issue 10 names here
]
