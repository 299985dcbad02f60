"""``pantucci-bib import``: records from saved archive pages, in any output format.

A progress bar (:class:`pantucci_bib.progress.Progress`) is drawn on standard error while
many pages are read, only when standard error is a terminal; ``--strict`` fails on any
problem (exit 3, nothing written), as for every verb.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from pantucci_bib.cli import (
    EXIT_OK,
    EXIT_STRICT,
    PROG,
    add_output,
    count,
    pick_format,
    write_output,
)
from pantucci_bib.cli_library import STRICT_HELP, strict_failed

if TYPE_CHECKING:
    from pantucci_bib.progress import Progress

#: Exit code when --strict is given and the pages had problems (kept for old imports).
EXIT_PROBLEMS = EXIT_STRICT


def register(commands: Any) -> None:
    """Add the ``import`` subcommand."""
    parser = commands.add_parser(
        "import",
        help="extract records from saved archive pages (plain text or HTML) of the two blogs",
        description="Extract records from saved archive pages of the two blogs (a tag, "
        "category or month page, as plain text or saved HTML); an article reposted on "
        "several pages becomes one record. Problems (a post that cannot be attributed, a date "
        "that cannot be read) go to standard error; --strict makes them fail the import. "
        "In Python: pantucci_bib.extract_many(paths, strict=..., curated=...).",
    )
    parser.add_argument("pages", nargs="+", metavar="PAGE", help="saved archive page(s)")
    add_output(parser, "bibtex")
    parser.add_argument("--strict", action="store_true", help=STRICT_HELP)
    parser.add_argument(
        "--people", metavar="JSON", help="extra known people (same shape as data/people.json)"
    )
    parser.add_argument(
        "--outlets", metavar="JSON", help="extra known outlets (same shape as data/outlets.json)"
    )
    parser.add_argument(
        "--no-curated",
        "--uncurated",
        dest="curated",
        action="store_false",
        help="do not apply the reviewed overrides of data/overrides.json (Python: curated=False)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print on standard error, per record, where each field came from (found on the "
        "page, inferred or curated; page line and rule)",
    )
    parser.set_defaults(handler=cmd_import)


def _progress(total: int) -> Progress:
    """The bar of an import of ``total`` pages (drawn only on a terminal, for a long job)."""
    from pantucci_bib.progress import Progress

    return Progress(total, f"{PROG}: import", many=50)


def cmd_import(args: argparse.Namespace) -> int:
    from pantucci_bib.extract import extract_many
    from pantucci_bib.formats.registry import emit
    from pantucci_bib.pages import Directory

    fmt = pick_format(args.format, args.output, "bibtex")
    directory = None
    if args.people or args.outlets:
        directory = Directory.load(people=args.people, outlets=args.outlets)
    with _progress(len(args.pages)) as progress:
        result = extract_many(
            args.pages, curated=args.curated, directory=directory, progress=progress
        )
    for problem in result.problems:
        print(f"{PROG}: {problem}", file=sys.stderr)
    if args.explain:
        from pantucci_bib.pages.explain import explain_records

        print(explain_records(result.records), end="", file=sys.stderr)
    if strict_failed(args.strict, result.problems, skipped=False):
        return EXIT_STRICT
    text = emit(result.records, fmt)
    write_output(text, args.output)
    if args.output:
        print(
            f"{PROG}: wrote {count(len(result.records), 'record')} from "
            f"{count(len(args.pages), 'page')} "
            f"to {args.output}",
            file=sys.stderr,
        )
    return EXIT_OK
