"""Text generated into the docs by cog: the corpus table and the CLI reference."""

from __future__ import annotations

import argparse
import io
import os
from contextlib import redirect_stdout


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
