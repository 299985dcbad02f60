"""The cases of the table that the program does not pass yet, each with the reason:
``pending: FEATURE`` for a feature being added, ``bug: …`` for a bug. ``tests/test_bad_input.py``
marks them ``xfail(strict=True)``, so each one fails the suite the day it starts to pass, and
its line here must then go. docs/failures.md leaves them out of its table and lists the bugs.
"""

from __future__ import annotations

#: Case id → reason, e.g. ``"format-matches-nothing": "pending: format -o with empty selection
#: writing nothing (exit 2)"``.
KNOWN_FAILURES: dict[str, str] = {}
