"""``pantucci-bib convert`` and ``pantucci-bib merge``: a user's own bibliography files.

Problems met while reading (an entry skipped, a date not understood) are printed to
standard error, one line each, naming file and line, then one summary line saying how many
records were written and how many entries skipped. With ``--strict`` any problem, a warning
as much as a skipped entry, is fatal: nothing is written and the exit code is 3
(``EXIT_STRICT``; the one rule of :func:`~pantucci_bib.cli_library.strict_failed`). A file
that yields no record at all (empty, or every entry skipped) is a user error (exit 2):
nothing is written, so an existing output file is never replaced by an empty one.

``merge`` also prints one line per duplicate and one per field it folds into the record kept
(``--prefer`` decides a conflict: the user's value by default, the corpus's with
``--prefer corpus``).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from pantucci_bib.cli import (
    EXIT_OK,
    EXIT_STRICT,
    PROG,
    add_input_format,
    add_output,
    count,
    pick_format,
    write_output,
)
from pantucci_bib.cli_library import STRICT_HELP, strict_failed

if TYPE_CHECKING:
    from pantucci_bib.merge import Prefer
    from pantucci_bib.problems import ParseResult

#: Exit code when ``--strict`` is given and reading met a problem (a warning or an error).
EXIT_PARTIAL = EXIT_STRICT
#: ``--prefer`` → the ``prefer`` of :func:`pantucci_bib.merge.merge`.
PREFER: dict[str, Prefer] = {"user": "user", "corpus": "library"}


def register(commands: Any) -> None:
    """Add the ``convert`` and ``merge`` subcommands."""
    convert = commands.add_parser(
        "convert",
        help="convert a bibliography file between BibTeX, BibLaTeX, CSL-JSON and RIS",
        description="Read FILE and write its records in another format. "
        "In Python: pantucci_bib.emit(pantucci_bib.load(FILE).records, FORMAT).",
    )
    merge = commands.add_parser(
        "merge",
        help="merge a bibliography file into the corpus, folding in duplicates",
        description="Write the corpus followed by the records of FILE that it does not "
        "already hold. A duplicate (same DOI, URL, or title + first author + year) is "
        "folded into the record kept: the fields that record lacks are taken, a conflict "
        "goes to --prefer, and each field is reported; the duplicate's key becomes an alias "
        "(BibLaTeX ids). Taken keys are replaced. In Python: "
        "pantucci_bib.merge(pantucci_bib.load(FILE).records, prefer='user' or 'library').",
    )
    merge.add_argument(
        "--prefer",
        choices=sorted(PREFER),
        default="user",
        help="whose value a field keeps when a duplicate and the corpus differ: the user's "
        "(FILE's, the default) or the corpus's; either way the change is reported",
    )
    for parser in (convert, merge):
        parser.add_argument("file", metavar="FILE", help="the bibliography file to read")
        add_input_format(parser)
        add_output(parser, "bibtex")
        parser.add_argument("--strict", action="store_true", help=STRICT_HELP)
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
    if strict_failed(args.strict, result.problems, where=args.file):
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
    merged = merge(result.records, prefer=PREFER[args.prefer])
    for duplicate in merged.duplicates:
        print(f"{PROG}: duplicate: {duplicate}", file=sys.stderr)
        for field in duplicate.fields:
            print(f"{PROG}: merged field: {field}", file=sys.stderr)
    for rekeyed in merged.rekeyed:
        print(f"{PROG}: new key: {rekeyed}", file=sys.stderr)
    write_output(emit(merged.library, fmt), args.output)
    fields = merged.merged_fields
    left_out = sum(field.won == "library" for field in fields)
    added = len(result.records) - len(merged.duplicates)
    print(
        f"{PROG}: merged {count(len(result.records), 'record')}: {added} new, "
        f"{count(len(merged.duplicates), 'duplicate')} folded into the records kept "
        f"({count(len(fields), 'field')} merged"
        + (f", {left_out} of the user's values left out: --prefer corpus" if left_out else "")
        + ")"
        + _skipped(skipped)
        + (
            f"; wrote {count(len(merged.library), 'record')} to {args.output}"
            if args.output
            else ""
        ),
        file=sys.stderr,
    )
    return EXIT_OK
