"""The ``pantucci-bib`` command: thin wrappers over the Python API, one verb per function.

Exit codes: 0 success; 2 a user error (bad option, unknown format or filter value, unreadable
input, unwritable output) — one line on stderr, no traceback; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pantucci_bib.errors import PantucciBibError

if TYPE_CHECKING:
    from pantucci_bib.library import Library

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130

PROG = "pantucci-bib"


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (all must match)")
    group.add_argument("--author", help="any part of an author's name, e.g. Petersen")
    group.add_argument("--outlet", help="any part of the outlet, section or publisher")
    group.add_argument("--year", help="a year or range: 2012, 2012-2015, 2015-")
    group.add_argument(
        "--type", dest="record_type", help="CSL type or alias: newspaper, magazine, journal, …"
    )
    group.add_argument("--keyword", help="a page subject, e.g. SCO")


def _add_output(parser: argparse.ArgumentParser, default_format: str) -> None:
    from pantucci_bib.emit import EMITTERS

    parser.add_argument(
        "--to",
        dest="format",
        default=None,
        help=f"output format: {', '.join(sorted(EMITTERS))} "
        f"(default: from the -o suffix, else {default_format})",
    )
    parser.add_argument(
        "-o", "--output", help="write to this file (atomically) instead of standard output"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Bibliographic records for the published commentary of Raffaello "
        "Pantucci and the China in Central Asia blog.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    export = commands.add_parser(
        "export",
        help="write the bundled corpus (or a filtered part) as BibTeX, BibLaTeX or CSL-JSON",
        description="Write the bundled corpus, or the records matching the filters. "
        "In Python: pantucci_bib.emit(pantucci_bib.corpus().filter(...), FORMAT).",
    )
    _add_output(export, "bibtex")
    _add_filters(export)

    keys = commands.add_parser(
        "keys",
        help="list citation keys with year and title",
        description="List the citation keys of the corpus (or the filtered part). "
        "In Python: pantucci_bib.corpus().filter(...).keys().",
    )
    _add_filters(keys)
    return parser


def _version() -> str:
    from pantucci_bib import __version__

    return __version__


def _pick_format(requested: str | None, output: str | None, default: str) -> str:
    if requested:
        return requested
    if output:
        from pathlib import Path

        from pantucci_bib.emit import SUFFIXES

        return SUFFIXES.get(Path(output).suffix.lower(), default)
    return default


def _filtered(args: argparse.Namespace) -> Library:
    from pantucci_bib.corpus import corpus

    return corpus().filter(
        author=args.author,
        outlet=args.outlet,
        year=args.year,
        type=args.record_type,
        keyword=args.keyword,
    )


def _write(text: str, output: str | None) -> None:
    if output:
        from pantucci_bib.output import write_atomic

        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def cmd_export(args: argparse.Namespace) -> int:
    from pantucci_bib.emit import emit

    fmt = _pick_format(args.format, args.output, "bibtex")
    records = _filtered(args)
    text = emit(records, fmt)
    _write(text, args.output)
    if args.output:
        print(f"{PROG}: wrote {len(records)} records to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_keys(args: argparse.Namespace) -> int:
    lines = []
    for record in _filtered(args):
        year = record.issued.edtf() if record.issued else "n.d."
        lines.append(f"{record.key}\t{year}\t{record.title or '[untitled]'}\n")
    _write("".join(lines), None)
    return EXIT_OK


COMMANDS = {"export": cmd_export, "keys": cmd_keys}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except PantucciBibError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (e.g. `| head`); not an error of ours
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
