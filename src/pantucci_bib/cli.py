"""The ``pantucci-bib`` command: thin wrappers over the Python API, one verb per function.

Exit codes: 0 success; 2 a user error (bad option, unknown format or filter value, unreadable
input, unwritable output) — one line on stderr, no traceback; 3 partial success under
``--strict`` (see the verbs); 130 interrupted (Ctrl-C). docs/failures.md lists every case.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from pantucci_bib.errors import PantucciBibError

if TYPE_CHECKING:
    from pantucci_bib.library import Library

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130

PROG = "pantucci-bib"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (like every other user error), not the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"{PROG}: error: {message} (see: {self.prog} --help)\n")


def count(number: int, noun: str) -> str:
    """``1 record``, ``3 records``: a number and a regular noun that agree."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (all must match)")
    group.add_argument("--author", help="any part of an author's name, e.g. Petersen")
    group.add_argument("--outlet", help="any part of the outlet, section or publisher")
    group.add_argument("--year", help="a year or range: 2012, 2012-2015, 2015-")
    group.add_argument(
        "--type", dest="record_type", help="CSL type or alias: newspaper, magazine, journal, …"
    )
    group.add_argument("--keyword", help="a page subject, e.g. SCO")


def add_output(parser: argparse.ArgumentParser, default_format: str) -> None:
    from pantucci_bib.formats.registry import EMITTERS

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


#: Modules that add subcommands; each defines ``register(commands)`` and sets ``handler``.
#: One line per module, so that adding a command touches no other command.
COMMAND_MODULES = [
    "pantucci_bib.cli_export",  # export, keys
    "pantucci_bib.cli_import",  # import
    "pantucci_bib.cli_convert",  # convert, merge (issue 5)
    "pantucci_bib.cli_format",  # format, styles
    "pantucci_bib.cli_refs",  # parse-refs (issue 10)
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference)."""
    parser = _Parser(
        prog=PROG,
        description="Bibliographic records for the published commentary of Raffaello "
        "Pantucci and the China in Central Asia blog.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def _version() -> str:
    from pantucci_bib import __version__

    return __version__


def pick_format(requested: str | None, output: str | None, default: str) -> str:
    """The format named with --to, else the one the -o suffix implies, else ``default``."""
    if requested:
        return requested
    if output:
        from pathlib import Path

        from pantucci_bib.formats.registry import SUFFIXES

        return SUFFIXES.get(Path(output).suffix.lower(), default)
    return default


def filtered(args: argparse.Namespace) -> Library:
    """The corpus narrowed by the filter options of :func:`add_filters`."""
    from pantucci_bib.corpus import corpus

    return corpus().filter(
        author=args.author,
        outlet=args.outlet,
        year=args.year,
        type=args.record_type,
        keyword=args.keyword,
    )


def write_output(text: str, output: str | None) -> None:
    """Write to ``output`` atomically, or to standard output when it is None; UTF-8 either
    way, whatever the locale (so that the bytes never depend on LANG or PYTHONIOENCODING)."""
    from pantucci_bib.output import encode, write_atomic

    if output:
        write_atomic(output, text)
        return
    data = encode(text, "<stdout>")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (io.StringIO in a test)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if getattr(args, "output", None):  # an unwritable -o fails before any work is done
            from pantucci_bib.output import check_writable

            check_writable(args.output)
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
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
