"""The ``pantucci-bib`` command: thin wrappers over the Python API, one verb per function.

Exit codes: 0 success; 2 a user error (bad option, unknown format or filter value, unreadable
input, unwritable output, an ``-o`` suffix that names no known output) — one line on stderr, no
traceback; 3 ``--strict`` met a problem (any error or warning: each printed, nothing written);
130 interrupted (Ctrl-C). docs/failures.md lists every case.

``-o FILE`` picks the output format from its suffix when the format is not named; a suffix
that names no known output of the verb (``-o refs.docx``, ``-o x.yaml``) is refused before
anything is read. Naming the format (``--format``/``--to``) makes any suffix acceptable
(``-o refs.txt --format bibtex``).

One vocabulary (:data:`VOCABULARY`): where the Python API has a keyword for a thing, the flag
has its name, and the older flag stays as an alias.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from pantucci_bib.errors import PantucciBibError

if TYPE_CHECKING:
    from pantucci_bib.library import Library

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_STRICT = 3  #: ``--strict`` met a problem (an error or a warning); nothing was written
EXIT_INTERRUPTED = 130

PROG = "pantucci-bib"

#: (flags, Python) for the epilog of ``pantucci-bib --help``: one name for one thing.
VOCABULARY: tuple[tuple[str, str], ...] = (
    ("--format FORMAT (alias --to)", "emit(records, format=FORMAT)"),
    ("--input-format FORMAT (alias --from)", "load(path, format=FORMAT)"),
    ("--strict", "load(path, strict=True); extract_many(paths, strict=True)"),
    (
        "--author --outlet --year --type --keyword",
        "Library.filter(author=, outlet=, year=, type=, keyword=)",
    ),
    ("--cited-by KEY", "corpus(include_cited=True).cited_by(KEY)"),
    ("--include-cited (alias --with-cited)", "corpus(include_cited=True)"),
    ("--style STYLE --locale --workers", "format_bibliography(records, STYLE, locale=, workers=)"),
    ("--no-cache", "format_bibliography(..., cache=False)"),
    ("format --to OUTPUT", "format_bibliography(..., output=OUTPUT) (-o/--output: the file)"),
    ("--people --outlets", "Directory.load(people=, outlets=)"),
    ("--no-curated (alias --uncurated)", "extract_many(paths, curated=False)"),
)


def vocabulary_epilog() -> str:
    """The table of :data:`VOCABULARY`, as the epilog of ``--help``: each flag, then its
    Python spelling."""
    rows = "".join(f"  {flag}\n      {python}\n" for flag, python in VOCABULARY)
    return f"flags and the Python keywords they stand for (one vocabulary):\n{rows}"


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, but a text that holds line breaks (the epilog's table) is kept
    as written; a paragraph without any is wrapped as usual."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (like every other user error), not the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"{PROG}: error: {message} (see: {self.prog} --help)\n")


def count(number: int, noun: str) -> str:
    """``1 record``, ``3 records``: a number and a regular noun that agree."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def add_filters(parser: argparse.ArgumentParser) -> None:
    """Add the filters of :meth:`Library.filter <pantucci_bib.library.Library.filter>`, one
    flag per keyword (read by :func:`filter_args`)."""
    group = parser.add_argument_group("filters (all must match)")
    group.add_argument("--author", help="any part of an author's name, e.g. Petersen")
    group.add_argument("--outlet", help="any part of the outlet, section or publisher")
    group.add_argument("--year", help="a year or range: 2012, 2012-2015, 2015-")
    group.add_argument(
        "--type", dest="record_type", help="CSL type or alias: newspaper, magazine, journal, …"
    )
    group.add_argument("--keyword", help="a page subject, e.g. SCO")


def add_output(
    parser: argparse.ArgumentParser, default_format: str, named_by: Sequence[str] = ("format",)
) -> None:
    """Add ``--format`` (alias ``--to``; Python: ``emit(records, format=…)``) and ``-o``,
    whose suffix must be one of :data:`~pantucci_bib.formats.registry.SUFFIXES` unless one
    of the options stored in ``named_by`` is given (checked by :func:`main`)."""
    from pantucci_bib.formats.registry import EMITTERS, SUFFIXES

    parser.add_argument(
        "--format",
        "--to",
        dest="format",
        metavar="FORMAT",
        default=None,
        help=f"output format: {', '.join(sorted(EMITTERS))} "
        f"(default: from the -o suffix, else {default_format})",
    )
    add_output_file(parser, SUFFIXES, named_by)


def add_output_file(
    parser: argparse.ArgumentParser,
    suffixes: Mapping[str, str],
    named_by: Sequence[str] = ("format",),
) -> None:
    """Add ``-o/--output``; ``suffixes`` are the ones it may end in when none of the options
    stored in ``named_by`` (those that name the output) is given."""
    known = ", ".join(sorted(suffixes))
    parser.add_argument(
        "-o",
        "--output",
        help=f"write to this file (atomically) instead of standard output; its suffix "
        f"({known}) picks the format unless one is named",
    )
    parser.set_defaults(output_suffixes=dict(suffixes), output_named_by=tuple(named_by))


def add_input_format(parser: argparse.ArgumentParser, *, group: Any = None) -> None:
    """Add ``--input-format`` (alias ``--from``; Python: ``load(path, format=…)``)."""
    from pantucci_bib.formats.registry import READERS

    (group or parser).add_argument(
        "--input-format",
        "--from",
        dest="input_format",
        metavar="FORMAT",
        help=f"input format: {', '.join(sorted(READERS))} (default: from each file suffix)",
    )


def check_output_suffix(args: argparse.Namespace) -> None:
    """UnknownFormatError naming ``-o FILE`` when its suffix names no output of the verb and
    no format is named (``--format``/``--to``): then nothing has been read or written yet."""
    output = getattr(args, "output", None)
    suffixes: Mapping[str, str] | None = getattr(args, "output_suffixes", None)
    if not output or suffixes is None:
        return
    if any(getattr(args, name, None) for name in args.output_named_by):
        return
    from pathlib import Path

    from pantucci_bib.errors import UnknownFormatError

    suffix = Path(output).suffix.lower()
    if suffix in suffixes:
        return
    what = f'unknown output suffix "{suffix}"' if suffix else "no output suffix"
    raise UnknownFormatError(
        f"{what}; known: {', '.join(sorted(suffixes))} (or name the format with --to)",
        where=f"-o {output}",
    )


#: Modules that add subcommands; each defines ``register(commands)`` and sets ``handler``.
#: One line per module, so that adding a command touches no other command.
COMMAND_MODULES = [
    "pantucci_bib.cli_export",  # export, keys
    "pantucci_bib.cli_import",  # import
    "pantucci_bib.cli_convert",  # convert, merge (issue 5)
    "pantucci_bib.cli_format",  # format, styles
    "pantucci_bib.cli_cite",  # cite (issue 16)
    "pantucci_bib.cli_refs",  # parse-refs (issue 10)
    "pantucci_bib.cli_publications",  # publications (issue 18)
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference)."""
    parser = _Parser(
        prog=PROG,
        description="Bibliographic records for the published commentary of Raffaello "
        "Pantucci and the China in Central Asia blog.",
        epilog=vocabulary_epilog(),
        formatter_class=_Formatter,
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


def filter_args(args: argparse.Namespace) -> dict[str, Any]:
    """The keywords of :meth:`Library.filter <pantucci_bib.library.Library.filter>` that the
    options of :func:`add_filters` give."""
    return {
        "author": args.author,
        "outlet": args.outlet,
        "year": args.year,
        "type": args.record_type,
        "keyword": args.keyword,
    }


def filtered(args: argparse.Namespace) -> Library:
    """The corpus narrowed by the filter options of :func:`add_filters`."""
    from pantucci_bib.corpus import corpus

    return corpus().filter(**filter_args(args))


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
        if getattr(args, "output", None):  # a bad -o fails before any work is done
            from pantucci_bib.output import check_writable

            check_writable(args.output)
            check_output_suffix(args)
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
