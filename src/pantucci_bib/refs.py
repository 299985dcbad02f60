"""The notes parser's old home: :mod:`pantucci_bib.endnotes` holds it now (re-exported here)."""

from pantucci_bib.endnotes.notes import (
    TRANSLATED_TITLE,
    Note,
    NoteCitation,
    NotesResult,
    find_notes,
    parse_notes,
)
from pantucci_bib.endnotes.recognise import fold
from pantucci_bib.endnotes.split import split_citations

__all__ = [
    "TRANSLATED_TITLE",
    "Note",
    "NoteCitation",
    "NotesResult",
    "find_notes",
    "fold",
    "parse_notes",
    "split_citations",
]
