"""Text generated into the docs by cog: the corpus table, the CLI reference and the table
of failure modes (made by running each one)."""

from __future__ import annotations

import argparse
import io
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stdout
from pathlib import Path


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def corpus_table() -> str:
    """A Markdown table of every record of the bundled corpus."""
    from pantucci_bib.corpus import corpus

    rows = [
        "",
        "| key | date | authors | title | outlet | type |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for record in corpus():
        date = record.issued.edtf() if record.issued else "n.d."
        authors = "; ".join(p.display() for p in record.author)
        outlet = record.container_title or record.publisher
        if record.section:
            outlet += f" ({record.section})"
        rows.append(
            f"| `{record.key}` | {date} | {_cell(authors)} | {_cell(record.title or '[untitled]')} "
            f"| {_cell(outlet)} | {record.type.value} |"
        )
    return "\n".join(rows) + "\n\n"


def cli_reference() -> str:
    """``--help`` of the program and of every subcommand, as Markdown sections."""
    from pantucci_bib.cli import build_parser

    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal; fix it for stable output
    parser = build_parser()
    out = ["", "## pantucci-bib", "", "```text", parser.format_help().rstrip(), "```", ""]
    for action in parser._actions:  # argparse offers no public way to list subparsers
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                buffer = io.StringIO()
                with redirect_stdout(buffer):
                    sub.print_help()
                out += [
                    f"## pantucci-bib {name}",
                    "",
                    "```text",
                    buffer.getvalue().rstrip(),
                    "```",
                    "",
                ]
    return "\n".join(out) + "\n"


def _stderr_cell(stderr: str) -> str:
    """Standard error as one table cell: each line in code, lines separated by <br>."""
    return "<br>".join(f"`` {_cell(line)} ``" for line in stderr.splitlines()) or "(nothing)"


def failures_table() -> str:
    """A Markdown table of every failure mode of :mod:`pantucci_bib.failure_modes`, each run
    for real: the command, its exit code, what it prints on standard error and what becomes
    of the output file."""
    from pantucci_bib.failure_modes import CASES, SIMULATED, Case, run, run_simulated

    def outcome(case: Case) -> tuple[int, str]:
        with tempfile.TemporaryDirectory() as directory:
            done = run(case, Path(directory))
            return done.returncode, done.stderr

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(outcome, CASES))
    rows = [
        "",
        "| failure mode | command | exit | standard error | output file |",
        "| --- | --- | --- | --- | --- |",
    ]
    for case, (code, stderr) in zip(CASES, results, strict=True):
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
