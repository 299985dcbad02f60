"""``pantucci-bib import``: records from saved archive pages, in any output format."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pantucci_bib.cli import EXIT_OK, PROG, add_output, count, pick_format, write_output

#: Exit code when --strict is given and the pages had problems ("partial success").
EXIT_PROBLEMS = 3


def register(commands: Any) -> None:
    """Add the ``import`` subcommand."""
    parser = commands.add_parser(
        "import",
        help="extract records from saved archive pages (plain text or HTML) of the two blogs",
        description="Extract records from saved archive pages of the two blogs (a tag, "
        "category or month page, as plain text or saved HTML); an article reposted on "
        "several pages becomes one record. Problems (a post that cannot be attributed, a date "
        "that cannot be read) go to standard error; --strict makes them fail the import. "
        "In Python: pantucci_bib.extract_many(paths).",
    )
    parser.add_argument("pages", nargs="+", metavar="PAGE", help="saved archive page(s)")
    add_output(parser, "bibtex")
    parser.add_argument(
        "--strict",
        action="store_true",
        help=f"fail (exit {EXIT_PROBLEMS}, no output) if any page had a problem",
    )
    parser.add_argument(
        "--people", metavar="JSON", help="extra known people (same shape as data/people.json)"
    )
    parser.add_argument(
        "--outlets", metavar="JSON", help="extra known outlets (same shape as data/outlets.json)"
    )
    parser.add_argument(
        "--uncurated",
        action="store_true",
        help="do not apply the reviewed overrides of data/overrides.json",
    )
    parser.set_defaults(handler=cmd_import)


class _Progress:
    """Progress on standard error, only when it is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled:
            return
        sys.stderr.write(f"\r\x1b[K{PROG}: [{done}/{total}] {name}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def cmd_import(args: argparse.Namespace) -> int:
    from pantucci_bib.extract import extract_many
    from pantucci_bib.formats.registry import emit
    from pantucci_bib.sources.archive import Directory

    fmt = pick_format(args.format, args.output, "bibtex")
    directory = None
    if args.people or args.outlets:
        directory = Directory.load(people=args.people, outlets=args.outlets)
    result = extract_many(
        args.pages,
        curated=not args.uncurated,
        directory=directory,
        progress=_Progress(),
    )
    for problem in result.problems:
        print(f"{PROG}: {problem}", file=sys.stderr)
    if args.strict and result.problems:
        print(
            f"{PROG}: {len(result.problems)} problem(s); nothing written (--strict)",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
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
