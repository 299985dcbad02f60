"""The user's own library for ``format``, ``export`` and ``keys`` (issue 15).

``FILE…`` and ``--bibliography FILE`` are read in order into one library (``-`` is standard
input, which needs ``--from``); with none, the bundled corpus. ``--keys`` and ``--aux``
select records in the order given. Read problems are reported as ``convert`` reports them:
one line each, and a lenient run's summary line counts the entries skipped
(:func:`skipped_note`); with ``--strict``, the summary names the file the problems are in.

``--strict`` means one thing for every verb: any problem, an error or a warning, makes the
run fail with exit 3 (:data:`~pantucci_bib.cli.EXIT_STRICT`) and write nothing; each problem
is one line on standard error, then :func:`strict_failed` prints one summary line.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import warnings
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from pantucci_bib.cli import PROG, add_input_format, count

if TYPE_CHECKING:
    from pantucci_bib.library import Library
    from pantucci_bib.model import Record
    from pantucci_bib.problems import ParseResult, Problem

#: The help of every verb's ``--strict``.
STRICT_HELP = "fail (exit 3, nothing written) on any problem, error or warning"

_AUX_CITE = re.compile(r"\\citation\{([^}]*)\}|\\abx@aux@cite\{[^}]*\}\{([^}]*)\}")


def add_inputs(parser: argparse.ArgumentParser) -> None:
    """Add ``FILE…``, ``--bibliography``, ``--input-format``/``--from``, ``--strict``,
    ``--keys`` and ``--aux``."""
    parser.add_argument(
        "files",
        metavar="FILE",
        nargs="*",
        help="bibliography files to read, in order (- is standard input; default: the corpus)",
    )
    group = parser.add_argument_group("input (your own bibliography)")
    group.add_argument(
        "--bibliography",
        metavar="FILE",
        action="append",
        default=[],
        help="a bibliography file to read, as a FILE argument (repeatable)",
    )
    add_input_format(parser, group=group)
    group.add_argument("--strict", action="store_true", help=STRICT_HELP)
    group.add_argument("--keys", help="only these keys, in this order: K1,K2,… (* means all)")
    group.add_argument(
        "--aux", metavar="FILE", help="only the keys a LaTeX .aux file cites, in citation order"
    )


def input_files(args: argparse.Namespace) -> list[str]:
    """The files to read: the positional FILEs, then every ``--bibliography``."""
    return [*getattr(args, "files", []), *getattr(args, "bibliography", [])]


def _read_one(path: str, input_format: str | None) -> ParseResult:
    from pantucci_bib.errors import UnknownFormatError
    from pantucci_bib.loading import load, loads

    if path != "-":
        return load(path, input_format)
    if not input_format:
        raise UnknownFormatError("standard input (-) needs --from FORMAT")
    return loads(sys.stdin.read(), input_format, source="<stdin>")


def entries(number: int) -> str:
    """``1 entry``, ``3 entries``."""
    return f"{number} entr{'y' if number == 1 else 'ies'}"


def skipped_note(skipped: int) -> str:
    """What a lenient run's summary line ends with, as ``convert``'s does: ``; 1 entry
    skipped`` (nothing when no entry was skipped)."""
    return f"; {entries(skipped)} skipped" if skipped else ""


def strict_summary(problems: Sequence[Problem], *, skipped: bool = True) -> str:
    """What ``--strict`` met, in words: ``2 entries skipped``, ``1 warning``, ``1 entry
    skipped and 2 warnings``; with ``skipped=False`` errors are counted as ``errors``."""
    n_errors = sum(1 for problem in problems if problem.severity == "error")
    n_warnings = len(problems) - n_errors
    parts = []
    if n_errors:
        parts.append(f"{entries(n_errors)} skipped" if skipped else count(n_errors, "error"))
    if n_warnings:
        parts.append(count(n_warnings, "warning"))
    return " and ".join(parts)


def strict_failed(
    strict: bool, problems: Sequence[Problem], *, where: str = "", skipped: bool = True
) -> bool:
    """The one rule of ``--strict``: True (stop, exit 3, write nothing) when ``strict`` and
    there is any problem at all, after printing one line ``pantucci-bib: error: [WHERE: ]…
    in strict mode; nothing written``. The problems themselves are printed by the caller,
    one line each, before."""
    if not (strict and problems):
        return False
    place = f"{where}: " if where else ""
    print(
        f"{PROG}: error: {place}{strict_summary(problems, skipped=skipped)} in strict mode; "
        "nothing written",
        file=sys.stderr,
    )
    return True


@contextlib.contextmanager
def left_out_entries(strict: bool) -> Iterator[list[str]]:
    """Around a formatting job: each :class:`~pantucci_bib.errors.FormattingWarning` (an entry
    the style renders nothing for, left out) is printed as one ``pantucci-bib: warning:`` line
    and its message added to the list yielded, so that the caller can count what it wrote;
    when ``strict`` and there were any, one error line follows and the caller writes nothing
    and exits 3. Other warnings pass through."""
    from pantucci_bib.errors import FormattingWarning

    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FormattingWarning)
        yield messages
    for warning in caught:
        if issubclass(warning.category, FormattingWarning):
            messages.append(str(warning.message))
            print(f"{PROG}: warning: {warning.message}", file=sys.stderr)
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    if strict and messages:
        print(
            f"{PROG}: error: {count(len(messages), 'record')} left out (the style renders "
            "nothing for them) in strict mode; nothing written",
            file=sys.stderr,
        )


@attrs.frozen
class Inputs:
    """What :func:`read_library` read: the records of every input file as one Library, how
    many entries were skipped (errors), and the names of the files (``<stdin>`` for ``-``)."""

    library: Library
    skipped: int
    files: tuple[str, ...]


def _strict_where(by_file: dict[str, list[Problem]]) -> str:
    """The place a strict summary names: the file, when every problem is in one file."""
    with_problems = [name for name, problems in by_file.items() if problems]
    return with_problems[0] if len(with_problems) == 1 else ""


def read_library(args: argparse.Namespace) -> Inputs | None:
    """Every input file read as :class:`Inputs`, problems printed on stderr; None when
    ``--strict`` met any problem (the caller exits 3 and writes nothing; the summary line
    names the file when the problems are all in one)."""
    from pantucci_bib.errors import DataError
    from pantucci_bib.library import Library

    records: list[Record] = []
    seen: dict[str, str] = {}
    by_file: dict[str, list[Problem]] = {}
    for path in input_files(args):
        result = _read_one(path, args.input_format)
        for problem in result.problems:
            print(f"{PROG}: {problem}", file=sys.stderr)
        name = "<stdin>" if path == "-" else path
        by_file.setdefault(name, []).extend(result.problems)
        for record in result.records:
            if record.key in seen:
                raise DataError(
                    f"duplicate citation key {record.key!r}: in {seen[record.key]} and {name}"
                )
            seen[record.key] = name
            records.append(record)
    problems = [problem for file_problems in by_file.values() for problem in file_problems]
    if strict_failed(args.strict, problems, where=_strict_where(by_file)):
        return None
    skipped = sum(1 for problem in problems if problem.severity == "error")
    return Inputs(Library(records), skipped, tuple(by_file))


def read_inputs(args: argparse.Namespace) -> Library | None:
    """The records of every input file as one Library, problems printed on stderr; None
    when ``--strict`` met any problem (the caller exits 3 and writes nothing). The Library
    of :func:`read_library`, for a caller that needs no count."""
    inputs = read_library(args)
    return None if inputs is None else inputs.library


def aux_keys(path: str) -> list[str]:
    """Citation keys of a LaTeX .aux file (bibtex ``\\citation``, biblatex
    ``\\abx@aux@cite``), in order, each once."""
    from pantucci_bib.loading import read_text

    keys: list[str] = []
    for match in _AUX_CITE.finditer(read_text(path)):
        for key in (match.group(1) or match.group(2) or "").split(","):
            key = key.strip()
            if key and key not in keys:
                keys.append(key)
    return keys


def select_keys(library: Library, args: argparse.Namespace) -> Library:
    """``library`` narrowed to ``--keys`` / ``--aux`` in the order given (``*``: all);
    DataError naming close keys for an unknown key."""
    from pantucci_bib.library import Library

    wanted: list[str] = []
    if getattr(args, "keys", None):
        wanted += [k.strip() for k in args.keys.split(",") if k.strip()]
    if getattr(args, "aux", None):
        wanted += aux_keys(args.aux)
    if not (getattr(args, "keys", None) or getattr(args, "aux", None)) or "*" in wanted:
        return library
    unique = list(dict.fromkeys(wanted))
    return Library(library.get(key) for key in unique)


def warn_if_empty(
    library: Library, args: argparse.Namespace, *, read: Inputs | None = None
) -> bool:
    """Print a warning when ``library`` is empty; True if it is. The warning names the
    filters, or, when the input files ``read`` gave no record at all (each one empty, or
    every entry skipped), those files: ``no records read from in.bib``."""
    if len(library):
        return False
    if read is not None and not len(read.library):
        print(f"{PROG}: warning: no records read from {', '.join(read.files)}", file=sys.stderr)
        return True
    names = ("author", "outlet", "year", "record_type", "keyword", "keys", "aux")
    given = [
        f"--{'type' if name == 'record_type' else name} {getattr(args, name)}"
        for name in names
        if getattr(args, name, None)
    ]
    what = " ".join(given) if given else "the input"
    print(f"{PROG}: warning: no records match {what}", file=sys.stderr)
    return True
