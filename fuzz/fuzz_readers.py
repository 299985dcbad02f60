"""Coverage-guided fuzzing of every input reader with atheris (``pip install -e .[fuzz]``).

The contract under test: a reader given any text returns a ParseResult or raises a
PantucciBibError; any other exception is a crash, and libFuzzer saves the input.

    python fuzz/fuzz_readers.py CORPUS_DIR -max_total_time=300        # reader = first byte
    python fuzz/fuzz_readers.py --reader ris CORPUS_DIR -max_total_time=120   # one reader

With ``--reader`` the whole input is the text; without it the first byte picks the reader
(``READER_NAMES[byte % 5]``) and the rest is the text. Bytes are decoded as UTF-8 with
``surrogateescape``, so the readers also meet lone surrogates, which ``loads`` accepts.
``fuzz/run_all.py`` runs every reader for a fixed budget and files crashes as fixtures.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

import atheris

with atheris.instrument_imports():
    import bibtexparser  # noqa: F401  (instrumented: the BibTeX reader's splitter)

    # the readers are imported lazily by READERS; import them here so they are instrumented
    import pantucci_bib.formats.bibtex.read
    import pantucci_bib.formats.csl_json.read
    import pantucci_bib.formats.ris.read
    import pantucci_bib.pages
    import pantucci_bib.pages.html  # noqa: F401
    from pantucci_bib.errors import PantucciBibError
    from pantucci_bib.formats.registry import READERS

READER_NAMES: list[str] = sorted(READERS)


def read(name: str, data: bytes) -> None:
    """Run the reader ``name`` on ``data``; only a PantucciBibError may escape as handled."""
    text = data.decode("utf-8", "surrogateescape")
    with contextlib.suppress(PantucciBibError):
        READERS[name](text, "fuzz-input")


def one_reader(name: str) -> Callable[[bytes], None]:
    def test_one_input(data: bytes) -> None:
        read(name, data)

    return test_one_input


def any_reader(data: bytes) -> None:
    if data:
        read(READER_NAMES[data[0] % len(READER_NAMES)], data[1:])


def main(argv: list[str]) -> None:
    target: Callable[[bytes], None] = any_reader
    if "--reader" in argv:
        at = argv.index("--reader")
        name = argv[at + 1]
        if name not in READERS:
            sys.exit(f"unknown reader {name!r}; known: {', '.join(READER_NAMES)}")
        target = one_reader(name)
        del argv[at : at + 2]
    atheris.Setup(argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
