"""``pantucci-bib export`` and ``pantucci-bib keys``: the bundled corpus, filtered."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pantucci_bib.cli import (
    EXIT_OK,
    PROG,
    add_filters,
    add_output,
    filtered,
    pick_format,
    write_output,
)


def register(commands: Any) -> None:
    """Add the ``export`` and ``keys`` subcommands."""
    export = commands.add_parser(
        "export",
        help="write the bundled corpus (or a filtered part) as BibTeX, BibLaTeX or CSL-JSON",
        description="Write the bundled corpus, or the records matching the filters. "
        "In Python: pantucci_bib.emit(pantucci_bib.corpus().filter(...), FORMAT).",
    )
    add_output(export, "bibtex")
    add_filters(export)
    export.set_defaults(handler=cmd_export)

    keys = commands.add_parser(
        "keys",
        help="list citation keys with year and title",
        description="List the citation keys of the corpus (or the filtered part). "
        "In Python: pantucci_bib.corpus().filter(...).keys().",
    )
    add_filters(keys)
    keys.set_defaults(handler=cmd_keys)


def cmd_export(args: argparse.Namespace) -> int:
    from pantucci_bib.emit import emit

    fmt = pick_format(args.format, args.output, "bibtex")
    records = filtered(args)
    text = emit(records, fmt)
    write_output(text, args.output)
    if args.output:
        print(f"{PROG}: wrote {len(records)} records to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_keys(args: argparse.Namespace) -> int:
    lines = []
    for record in filtered(args):
        year = record.issued.edtf() if record.issued else "n.d."
        lines.append(f"{record.key}\t{year}\t{record.title or '[untitled]'}\n")
    write_output("".join(lines), None)
    return EXIT_OK
