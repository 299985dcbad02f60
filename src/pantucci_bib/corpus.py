"""The bundled, curated corpus: every article of the seed archive pages, as Records.

The works the articles cite (read from their endnotes, then checked by hand) are kept
apart in ``cited.json``: :func:`corpus` is the articles and the book one is extracted
from; ``corpus(include_cited=True)`` adds the cited works, so that every ``cites``
relation resolves; :func:`cited_works` is the cited works alone.
"""

from __future__ import annotations

import functools
from importlib import resources

from pantucci_bib.formats import native
from pantucci_bib.library import Library

CORPUS_FILE = "corpus.json"
CITED_FILE = "cited.json"


def _load(name: str) -> Library:
    text = resources.files("pantucci_bib.data").joinpath(name).read_text("utf-8")
    return Library(native.loads(text, where=f"pantucci_bib/data/{name}"))


@functools.lru_cache(maxsize=2)
def corpus(*, include_cited: bool = False) -> Library:
    """The whole curated corpus (articles and the books they were extracted from).

    With ``include_cited=True``, followed by the works the articles cite (see
    :func:`cited_works`), so that ``corpus(include_cited=True).cited_by(key)`` lists an
    article's sources. Loaded once per process from ``pantucci_bib/data/``; the Library
    is immutable, so sharing it is safe.
    """
    articles = _load(CORPUS_FILE)
    if not include_cited:
        return articles
    return Library([*articles, *cited_works()])


@functools.lru_cache(maxsize=1)
def cited_works() -> Library:
    """The works cited in the articles' endnotes, one record per work, in note order.

    Each has an appearance (page, line, note number) for every note that cites it. A
    cited work that is itself in the corpus (an article citing an earlier article) is not
    repeated here: the citing record's ``cites`` relation points at the corpus record.
    """
    return _load(CITED_FILE)
