"""The publication page, and publication lists grouped by year (design.md: "publications/").

:func:`publications` writes one self-contained HTML page for an author's body of work
(:mod:`.page`, with :mod:`.chart` for the SVG chart and ``assets/`` for the template, CSS and
JavaScript); :mod:`.listing` writes the same grouping as a document for ``format --style
publication-list``; :mod:`.word` writes a reference list as a Word file; :mod:`.people`
finds and marks names, :mod:`.grouping` says which year, kind and outlet a piece has.
"""

from pantucci_bib.publications.page import publications

__all__ = ["publications"]
