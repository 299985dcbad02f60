"""citeproc-py, corrected to agree with citeproc-js: the engine under the formatting API.

citeproc-js (the engine in Zotero) is the reference CSL processor; citeproc-py 0.11.1 (pinned in
pyproject.toml: these corrections are written against its internals) differs from it in the ways
listed in :data:`FIXES`. Each correction is a subclass of one citeproc-py element class, wired in
through the XML class lookup of :func:`load_style`: nothing in citeproc-py is patched, so styles
that other code in the process parses with citeproc-py's own loader behave as before. The
corrections are grouped by the section of the CSL 1.0.2 specification they implement
(:mod:`.layout`, :mod:`.rendering`, :mod:`.names`, :mod:`.name_parts`, :mod:`.dates`,
:mod:`.text_case`, :mod:`.punctuation`, :mod:`.conditions`, :mod:`.sorting`,
:mod:`.disambiguation`);
:mod:`.style` assembles them and :mod:`.renderer` runs a bibliography phase by phase.
``tests/test_citeproc_fixes.py`` and ``tests/test_citeproc_fixes_text.py`` have one test per
entry of :data:`FIXES`; ``tests/test_citeproc_js.py`` measures the agreement.

This package imports citeproc-py and lxml at the top: :mod:`pantucci_bib.formatting` imports it
only when it formats, so ``import pantucci_bib`` stays light.
"""

from pantucci_bib.formatting.engine.catalogue import CITEPROC_PY_VERSION, FIXES
from pantucci_bib.formatting.engine.dates import date_sort_key
from pantucci_bib.formatting.engine.disambiguation import year_suffixes
from pantucci_bib.formatting.engine.punctuation import finish_entry, merge_punctuation, split_fields
from pantucci_bib.formatting.engine.renderer import Renderer
from pantucci_bib.formatting.engine.sorting import collation_key, sort_order
from pantucci_bib.formatting.engine.state import ENGINE_ERRORS, EntryError
from pantucci_bib.formatting.engine.style import FixedStyle, load_style
from pantucci_bib.formatting.engine.text_case import title_case

__all__ = [
    "CITEPROC_PY_VERSION",
    "ENGINE_ERRORS",
    "FIXES",
    "EntryError",
    "FixedStyle",
    "Renderer",
    "collation_key",
    "date_sort_key",
    "finish_entry",
    "load_style",
    "merge_punctuation",
    "sort_order",
    "split_fields",
    "title_case",
    "year_suffixes",
]
