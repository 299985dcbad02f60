"""The package's public names: light to import, and the same objects however it was imported."""

from __future__ import annotations

import subprocess
import sys

import pantucci_bib


def test_every_public_name_resolves() -> None:
    missing = [name for name in pantucci_bib.__all__ if not hasattr(pantucci_bib, name)]
    assert missing == []


def test_functions_named_like_their_module_stay_functions() -> None:
    """``import pantucci_bib.extract`` (or .corpus, .emit.bibtex) before the package's own
    names are used must not replace the functions by the modules."""
    code = (
        "import pantucci_bib.extract, pantucci_bib.corpus, pantucci_bib.formats.bibtex.write\n"
        "import pantucci_bib, types\n"
        "for name in ('extract', 'corpus', 'emit'):\n"
        "    value = getattr(pantucci_bib, name)\n"
        "    assert callable(value) and not isinstance(value, types.ModuleType), (name, value)\n"
        "assert len(pantucci_bib.corpus()) > 40\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
