"""Notes and reference lists → citations → works.

:mod:`.notes` finds a page's numbered notes, resolves repeats and "Ibid." and keeps the
pin-cites; :mod:`.split`, :mod:`.citation`, :mod:`.recognise` and :mod:`.repeats` read one
note's citations.
"""

from pantucci_bib.endnotes.notes import (
    TRANSLATED_TITLE,
    Note,
    NoteCitation,
    NotesResult,
    find_notes,
    parse_notes,
)
from pantucci_bib.endnotes.split import split_citations

__all__ = [
    "TRANSLATED_TITLE",
    "Note",
    "NoteCitation",
    "NotesResult",
    "find_notes",
    "parse_notes",
    "split_citations",
]
