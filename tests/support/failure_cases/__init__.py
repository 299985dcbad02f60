"""Issue 8's table of bad inputs: each a tiny file made on the spot and a command line.

One table serves two masters: ``tests/test_bad_input.py`` runs every case through the real
command and checks the exit code, the standard-error lines and the output file, and
:func:`support.failure_cases.docs.failures_table` runs the same cases to write the table of
``docs/failures.md`` — so the page shows what the program really prints.

Every case is run in a directory of its own (paths in messages are relative to it). When a
case has ``output``, that file is created first holding :data:`PREVIOUS`, so each case also
checks that a failed run leaves an existing output file as it was.

The cases, in the order of the table: :mod:`.reading` (``convert``), :mod:`.formatting`
(``format``), :mod:`.commands` (``export``'s filters, ``import``, ``parse-refs``) and
:mod:`.library` (issue 15's own-library inputs); :mod:`.writing` has the machine failures
simulated in-process, :mod:`.known` the cases not passing yet, :mod:`.base` the runner.
"""

from __future__ import annotations

from support.failure_cases.base import PREVIOUS, Case, prepare, run
from support.failure_cases.commands import FILTERS, PAGES
from support.failure_cases.formatting import FORMATTING, STYLE_BAD_ATTRIBUTE
from support.failure_cases.known import KNOWN_FAILURES
from support.failure_cases.library import LIBRARY
from support.failure_cases.reading import READING
from support.failure_cases.writing import SIMULATED, Simulated, run_simulated

CASES: tuple[Case, ...] = (*READING, *FORMATTING, *FILTERS, *PAGES, STYLE_BAD_ATTRIBUTE, *LIBRARY)

__all__ = [
    "CASES",
    "KNOWN_FAILURES",
    "LIBRARY",
    "PREVIOUS",
    "SIMULATED",
    "Case",
    "Simulated",
    "prepare",
    "run",
    "run_simulated",
]
