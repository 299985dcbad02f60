"""``pantucci-bib parse-refs``: the works a page's numbered notes cite, as records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pantucci_bib.cli import EXIT_OK, EXIT_STRICT, PROG, add_output, pick_format, write_output
from pantucci_bib.cli_library import STRICT_HELP, strict_failed
from pantucci_bib.errors import ParseError

#: Exit code when --strict is given and a note had a problem (nothing is written).
EXIT_STRICT_PARTIAL = EXIT_STRICT


def register(commands: Any) -> None:
    """Add the ``parse-refs`` subcommand."""
    parse_refs = commands.add_parser(
        "parse-refs",
        help="read a page's numbered notes into records of the works they cite",
        description="Read the numbered notes of FILE (a page with a 'Notes' section, or just "
        "the notes) into one record per cited work, with the numbers of the notes that cite "
        "it. Problems go to standard error, one line each; --strict makes any of them fail "
        "the run (nothing written). "
        "In Python: pantucci_bib.parse_notes(text, source).",
    )
    parse_refs.add_argument("file", metavar="FILE", help="text file holding the notes")
    add_output(parse_refs, "json", named_by=("format", "citations"))
    parse_refs.add_argument(
        "--citations",
        action="store_true",
        help="list the citations (note, key, form, pin-cite) as tab-separated lines instead "
        "(-o then takes any suffix)",
    )
    parse_refs.add_argument("--strict", action="store_true", help=STRICT_HELP)
    parse_refs.set_defaults(handler=cmd_parse_refs)


def cmd_parse_refs(args: argparse.Namespace) -> int:
    from pantucci_bib.endnotes import parse_notes
    from pantucci_bib.formats.registry import emit
    from pantucci_bib.loading import read_text

    path = Path(args.file)
    text = read_text(path)
    result = parse_notes(text, path.name)
    if not result.notes:
        raise ParseError("no numbered notes found (expected lines like '1. …')", where=args.file)
    if args.citations:
        output = "".join(
            f"{c.note_number}\t{c.key}\t{c.form}\t{c.pinpoint}\n" for c in result.citations
        )
    else:  # an unknown --format fails here, before the problems are listed
        output = emit(result.records, pick_format(args.format, args.output, "json"))
    for problem in result.problems:
        print(f"{PROG}: {problem}", file=sys.stderr)
    if strict_failed(args.strict, result.problems, where=args.file, skipped=False):
        return EXIT_STRICT
    write_output(output, args.output)
    errors = sum(1 for p in result.problems if p.severity == "error")
    print(
        f"{PROG}: {len(result.notes)} notes, {len(result.records)} works, "
        f"{len(result.citations)} citations, {errors} unread"
        + (f"; wrote {args.output}" if args.output else ""),
        file=sys.stderr,
    )
    return EXIT_OK
