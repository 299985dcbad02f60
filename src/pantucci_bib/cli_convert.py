"""``pantucci-bib convert`` and ``pantucci-bib merge``: a user's own bibliography files.

Problems met while reading (an entry skipped, a date not understood) are printed to
standard error, one line each, naming file and line, then one summary line saying how many
records were written and how many entries skipped. With ``--strict`` a skipped entry
is fatal: nothing is written and the exit code is 3 (``EXIT_PARTIAL``). A file that yields
no record at all (empty, or every entry skipped) is a user error (exit 2): nothing is
written, so an existing output file is never replaced by an empty one.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from pantucci_bib.cli import EXIT_OK, PROG, add_output, count, pick_format, write_output

if TYPE_CHECKING:
    from pantucci_bib.problems import ParseResult

#: Exit code when ``--strict`` is given and an entry had to be skipped.
EXIT_PARTIAL = 3


def register(commands: Any) -> None:
    """Add the ``convert`` and ``merge`` subcommands."""
    from pantucci_bib.formats.registry import READERS

    known = ", ".join(sorted(READERS))
    convert = commands.add_parser(
        "convert",
        help="convert a bibliography file between BibTeX, BibLaTeX, CSL-JSON and RIS",
        description="Read FILE and write its records in another format. "
        "In Python: pantucci_bib.emit(pantucci_bib.load(FILE).records, FORMAT).",
    )
    merge = commands.add_parser(
        "merge",
        help="merge a bibliography file into the corpus, reporting duplicates",
        description="Write the corpus followed by the records of FILE that it does not "
        "already hold; duplicates (same DOI, URL, or title + first author + year) are "
        "reported and left out, taken keys are replaced. "
        "In Python: pantucci_bib.merge(pantucci_bib.load(FILE).records).",
    )
    for parser in (convert, merge):
        parser.add_argument("file", metavar="FILE", help="the bibliography file to read")
        parser.add_argument(
            "--from",
            dest="input_format",
            help=f"input format: {known} (default: from the file suffix)",
        )
        add_output(parser, "bibtex")
        parser.add_argument(
            "--strict",
            action="store_true",
            help=f"fail (exit {EXIT_PARTIAL}, no output) if any entry cannot be read",
        )
    convert.set_defaults(handler=cmd_convert)
    merge.set_defaults(handler=cmd_merge)


def _output_format(args: argparse.Namespace) -> str:
    """The output format, checked before anything is read."""
    from pantucci_bib.errors import UnknownFormatError
    from pantucci_bib.formats.registry import EMITTERS

    fmt = pick_format(args.format, args.output, "bibtex")
    if fmt not in EMITTERS:
        known = ", ".join(sorted(EMITTERS))
        raise UnknownFormatError(f"unknown output format {fmt!r}; known: {known}")
    return fmt


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _read(args: argparse.Namespace) -> tuple[ParseResult, int, bool]:
    """The ParseResult of FILE, with its problems printed; how many entries were skipped; and
    whether to stop (strict). ParseError when no record could be read at all."""
    from pantucci_bib.errors import ParseError
    from pantucci_bib.loading import errors, load

    result = load(args.file, args.input_format)
    for problem in result.problems:
        print(f"{PROG}: {problem}", file=sys.stderr)
    skipped = len(errors(result))
    if args.strict and skipped:
        print(
            f"{PROG}: error: {args.file}: {_entries(skipped)} skipped in strict mode; "
            "nothing written",
            file=sys.stderr,
        )
        return result, skipped, True
    if not result.records:
        why = f"every entry skipped ({_entries(skipped)})" if skipped else "no entries found"
        raise ParseError(f"no records read: {why}; nothing written", where=args.file)
    return result, skipped, False


def _skipped(skipped: int) -> str:
    return f"; {_entries(skipped)} skipped" if skipped else ""


def cmd_convert(args: argparse.Namespace) -> int:
    from pantucci_bib.formats.registry import emit

    fmt = _output_format(args)
    result, skipped, stop = _read(args)
    if stop:
        return EXIT_PARTIAL
    write_output(emit(result.records, fmt), args.output)
    if args.output or result.problems:
        print(
            f"{PROG}: wrote {count(len(result.records), 'record')} to "
            f"{args.output or 'standard output'}{_skipped(skipped)}",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from pantucci_bib.formats.registry import emit
    from pantucci_bib.merge import merge

    fmt = _output_format(args)
    result, skipped, stop = _read(args)
    if stop:
        return EXIT_PARTIAL
    merged = merge(result.records)
    for duplicate in merged.duplicates:
        print(f"{PROG}: duplicate: {duplicate}", file=sys.stderr)
    for rekeyed in merged.rekeyed:
        print(f"{PROG}: new key: {rekeyed}", file=sys.stderr)
    write_output(emit(merged.library, fmt), args.output)
    added = len(result.records) - len(merged.duplicates)
    print(
        f"{PROG}: merged {added} of {len(result.records)} records "
        f"({len(merged.duplicates)} duplicates left out)"
        + _skipped(skipped)
        + (
            f"; wrote {count(len(merged.library), 'record')} to {args.output}"
            if args.output
            else ""
        ),
        file=sys.stderr,
    )
    return EXIT_OK
