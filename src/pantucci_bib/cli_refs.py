"""``pantucci-bib parse-refs``: the works a page's numbered notes cite, as records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pantucci_bib.cli import EXIT_OK, PROG, add_output, pick_format, write_output
from pantucci_bib.errors import ParseError

#: Exit code when --strict is given and some notes could not be read (the rest is written).
EXIT_STRICT_PARTIAL = 3


def register(commands: Any) -> None:
    """Add the ``parse-refs`` subcommand."""
    parse_refs = commands.add_parser(
        "parse-refs",
        help="read a page's numbered notes into records of the works they cite",
        description="Read the numbered notes of FILE (a page with a 'Notes' section, or just "
        "the notes) into one record per cited work, with the numbers of the notes that cite "
        "it. Problems go to standard error, one line each. "
        "In Python: pantucci_bib.parse_notes(text, source).",
    )
    parse_refs.add_argument("file", metavar="FILE", help="text file holding the notes")
    add_output(parse_refs, "json")
    parse_refs.add_argument(
        "--citations",
        action="store_true",
        help="list the citations (note, key, form, pin-cite) as tab-separated lines instead",
    )
    parse_refs.add_argument(
        "--strict",
        action="store_true",
        help=f"exit with {EXIT_STRICT_PARTIAL} if any note could not be read",
    )
    parse_refs.set_defaults(handler=cmd_parse_refs)


def cmd_parse_refs(args: argparse.Namespace) -> int:
    from pantucci_bib.formats.registry import emit
    from pantucci_bib.loading import read_text
    from pantucci_bib.refs import parse_notes

    path = Path(args.file)
    text = read_text(path)
    result = parse_notes(text, path.name)
    if not result.notes:
        raise ParseError("no numbered notes found (expected lines like '1. …')", where=args.file)
    if args.citations:
        output = "".join(
            f"{c.note_number}\t{c.key}\t{c.form}\t{c.pinpoint}\n" for c in result.citations
        )
    else:
        output = emit(result.records, pick_format(args.format, args.output, "json"))
    write_output(output, args.output)
    for problem in result.problems:
        print(f"{PROG}: {problem}", file=sys.stderr)
    errors = sum(1 for p in result.problems if p.severity == "error")
    print(
        f"{PROG}: {len(result.notes)} notes, {len(result.records)} works, "
        f"{len(result.citations)} citations, {errors} unread"
        + (f"; wrote {args.output}" if args.output else ""),
        file=sys.stderr,
    )
    if args.strict and errors:
        return EXIT_STRICT_PARTIAL
    return EXIT_OK
