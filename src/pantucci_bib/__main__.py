"""``python -m pantucci_bib``: the ``pantucci-bib`` command."""

from __future__ import annotations

import sys

from pantucci_bib.cli import main

if __name__ == "__main__":
    sys.exit(main())
