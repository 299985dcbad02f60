"""The bundled, curated corpus: every article of the seed archive pages, as Records."""

from __future__ import annotations

import functools
from importlib import resources

from pantucci_bib import native
from pantucci_bib.library import Library

CORPUS_FILE = "corpus.json"


@functools.lru_cache(maxsize=1)
def corpus() -> Library:
    """The whole curated corpus (articles and the books they were extracted from).

    Loaded once per process from ``pantucci_bib/data/corpus.json``; the Library is
    immutable, so sharing it is safe.
    """
    text = resources.files("pantucci_bib.data").joinpath(CORPUS_FILE).read_text("utf-8")
    return Library(native.loads(text, where=f"pantucci_bib/data/{CORPUS_FILE}"))
