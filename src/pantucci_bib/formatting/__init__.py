"""Formatted reference lists in any CSL style: citeproc-py, corrected to agree with citeproc-js.

>>> import pantucci_bib
>>> library = pantucci_bib.corpus().filter(author="Petersen", year="2011")
>>> print(pantucci_bib.format_bibliography(library, "chicago-author-date"), end="")
Pantucci, Raffaello, and Alexandros Petersen. 2011a. “China Hasn’t yet Grown into Its Role.” …
Pantucci, Raffaello, and Alexandros Petersen. 2011b. Op-ed. International Herald Tribune, …

Records become CSL-JSON items (:func:`pantucci_bib.formats.csl_json.write.csl_item`), which
format with the corrections of :mod:`pantucci_bib.formatting.engine`. A style is parsed once per
process and locale (cached); citeproc-py and lxml are imported on the first call only; the cost
grows linearly with the number of records.

The package: :mod:`.bibliography` (reference lists), :mod:`.citations` (in-text
citations), :mod:`.common` (what they share), :mod:`.job` (one bibliography through the cache
and the workers), :mod:`.backends` (output formats), :mod:`.cache` (the on-disk entry cache),
:mod:`.workers` (processes), :mod:`.engine` (citeproc-py's corrections).
"""

from pantucci_bib.formatting.backends import OUTPUTS
from pantucci_bib.formatting.bibliography import format_bibliography, format_entries
from pantucci_bib.formatting.citations import (
    Citation,
    Cite,
    Document,
    format_citations,
    format_document,
)
from pantucci_bib.styles import available_styles

__all__ = [
    "OUTPUTS",
    "Cite",
    "Citation",
    "Document",
    "available_styles",
    "format_bibliography",
    "format_citations",
    "format_document",
    "format_entries",
]
