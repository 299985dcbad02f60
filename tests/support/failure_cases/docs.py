"""What docs/failures.md's cog blocks print: the table of failure modes, each run for real,
and the list of known bugs. (It was ``pantucci_bib.docs_tables.failures_table``; the cases
live with the tests, so the code that runs them for the docs does too.)"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from support.failure_cases import CASES, KNOWN_FAILURES, SIMULATED, Case, run, run_simulated


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _stderr_cell(stderr: str) -> str:
    """Standard error as one table cell: each line in code, lines separated by <br>."""
    return "<br>".join(f"`` {_cell(line)} ``" for line in stderr.splitlines()) or "(nothing)"


@contextmanager
def _fresh_cache() -> Iterator[None]:
    """A formatting cache for these runs only, never the user's (as tests/conftest.py does)."""
    name = "PANTUCCI_BIB_CACHE_DIR"
    before = os.environ.get(name)
    with tempfile.TemporaryDirectory(prefix="pantucci-bib-cache-") as directory:
        os.environ[name] = directory
        try:
            yield
        finally:
            if before is None:
                del os.environ[name]
            else:
                os.environ[name] = before


def failures_table() -> str:
    """A Markdown table of every failure mode of :mod:`support.failure_cases` but those of
    :data:`~support.failure_cases.known.KNOWN_FAILURES`, each run for real: the command, its
    exit code, what it prints on standard error and what becomes of the output file."""

    def outcome(case: Case) -> tuple[int, str]:
        with tempfile.TemporaryDirectory() as directory:
            done = run(case, Path(directory))
            return done.returncode, done.stderr

    cases = [case for case in CASES if case.id not in KNOWN_FAILURES]
    with _fresh_cache(), ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(outcome, cases))
    rows = [
        "",
        "| failure mode | command | exit | standard error | output file |",
        "| --- | --- | --- | --- | --- |",
    ]
    for case, (code, stderr) in zip(cases, results, strict=True):
        if case.output is None:
            output = "none written"
        elif case.written:
            output = "written"
        else:
            output = "not written; an existing file is kept as it was"
        command = " ".join(["pantucci-bib", *case.command()])
        rows.append(
            f"| {_cell(case.what)} (`{case.id}`) | `` {_cell(command)} `` | {code} "
            f"| {_stderr_cell(stderr)} | {output} |"
        )
    for simulated in SIMULATED:
        with tempfile.TemporaryDirectory() as directory:
            code, stderr = run_simulated(simulated, Path(directory))
        rows.append(
            f"| {_cell(simulated.what)} (`{simulated.id}`) "
            f"| ``pantucci-bib convert in.bib -o out.json`` | {code} | {_stderr_cell(stderr)} "
            "| not written; an existing file is kept as it was, no temporary file is left |"
        )
    return "\n".join(rows) + "\n\n"


def known_bugs() -> str:
    """A Markdown list of the cases :data:`~support.failure_cases.known.KNOWN_FAILURES` marks
    as bugs (not the pending features): what, the command, and the reason."""
    items = [
        f"- {_cell(case.what)} (`{case.id}`, "
        f"`` {_cell(' '.join(['pantucci-bib', *case.command()]))} ``): "
        f"{_cell(KNOWN_FAILURES[case.id].removeprefix('bug: '))}."
        for case in CASES
        if KNOWN_FAILURES.get(case.id, "").startswith("bug: ")
    ]
    return "\n" + ("\n".join(items) if items else "None known.") + "\n\n"
