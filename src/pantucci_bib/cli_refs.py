"""``pantucci-bib parse-refs``: the works a page's notes or a reference list cite, as records."""

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
        help="read a page's numbered notes, or a list of reference strings, into records",
        description="Read FILE into one record per cited work. Numbered notes (after a "
        "'Notes' heading, or with 'Ibid.'/'op. cit.') are read by the notes parser, with the "
        "numbers of the notes that cite each work; anything else is a reference list "
        "(numbered, bulleted, hanging, or one reference a line) read by the reference "
        "labeller. Problems go to standard error, one line each; --strict makes any of them "
        "fail the run (nothing written). "
        "In Python: pantucci_bib.parse_references(text, source).",
    )
    parse_refs.add_argument("file", metavar="FILE", help="text file holding the notes")
    add_output(parse_refs, "json", named_by=("format", "citations", "explain"))
    parse_refs.add_argument(
        "--citations",
        action="store_true",
        help="list the citations (note, key, form, pin-cite) as tab-separated lines instead "
        "(-o then takes any suffix)",
    )
    parse_refs.add_argument(
        "--explain",
        action="store_true",
        help="list each reference's tokens with their label and its confidence instead, "
        "tab-separated (-o then takes any suffix)",
    )
    parse_refs.add_argument("--strict", action="store_true", help=STRICT_HELP)
    parse_refs.set_defaults(handler=cmd_parse_refs)


def cmd_parse_refs(args: argparse.Namespace) -> int:
    from pantucci_bib.endnotes.references import looks_like_notes, parse_references
    from pantucci_bib.formats.registry import emit
    from pantucci_bib.loading import read_text

    path = Path(args.file)
    text = read_text(path)
    notes = looks_like_notes(text)
    result = parse_references(text, path.name)
    if not notes and not any(_is_reference(r) for r in result.records):
        raise ParseError(
            "no numbered notes found, nor any reference with a title and an author, date or "
            "container (expected lines like '1. …' after 'Notes', or reference strings)",
            where=args.file,
        )
    if args.explain and notes:
        raise ParseError(
            "--explain shows how reference strings were labelled; this file holds notes",
            where=args.file,
        )
    if args.citations:
        output = "".join(
            f"{c.note_number}\t{c.key}\t{c.form}\t{c.pinpoint}\n" for c in result.citations
        )
    elif args.explain:
        output = "\n".join(
            f"# line {ref.line}: {ref.key}\n{ref.explain()}" for ref in result.references
        )
    else:  # an unknown --format fails here, before the problems are listed
        output = emit(result.records, pick_format(args.format, args.output, "json"))
    for problem in result.problems:
        print(f"{PROG}: {problem}", file=sys.stderr)
    if strict_failed(args.strict, result.problems, where=args.file, skipped=False):
        return EXIT_STRICT
    write_output(output, args.output)
    written = f"; wrote {args.output}" if args.output else ""
    if notes:
        errors = sum(1 for p in result.problems if p.severity == "error")
        print(
            f"{PROG}: {len(result.notes)} notes, {len(result.records)} works, "
            f"{len(result.citations)} citations, {errors} unread{written}",
            file=sys.stderr,
        )
    else:
        weak = sum(1 for r in result.records if not _is_reference(r))
        print(
            f"{PROG}: {len(result.references)} references, {weak} without a title and an "
            f"author, date or container{written}",
            file=sys.stderr,
        )
    return EXIT_OK


def _is_reference(record: Any) -> bool:
    """A title and an author, date or container: what a reference string has at least."""
    return bool(record.title) and bool(record.author or record.issued or record.container_title)
