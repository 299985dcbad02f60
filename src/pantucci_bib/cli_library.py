"""The user's own library for ``format``, ``export`` and ``keys`` (issue 15).

``FILE…`` and ``--bibliography FILE`` are read in order into one library (``-`` is standard
input, which needs ``--from``); with none, the bundled corpus. ``--keys`` and ``--aux``
select records in the order given. Read problems are reported as ``convert`` reports them.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING

from pantucci_bib.cli import PROG

if TYPE_CHECKING:
    from pantucci_bib.library import Library
    from pantucci_bib.model import Record
    from pantucci_bib.problems import ParseResult

_AUX_CITE = re.compile(r"\\citation\{([^}]*)\}|\\abx@aux@cite\{[^}]*\}\{([^}]*)\}")


def add_inputs(parser: argparse.ArgumentParser) -> None:
    """Add ``FILE…``, ``--bibliography``, ``--from``, ``--strict``, ``--keys`` and ``--aux``."""
    from pantucci_bib.formats.registry import READERS

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
    group.add_argument(
        "--from",
        dest="input_format",
        help=f"input format: {', '.join(sorted(READERS))} (default: from each file suffix)",
    )
    group.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 3, no output) if any entry cannot be read",
    )
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


def read_inputs(args: argparse.Namespace) -> Library | None:
    """The records of every input file as one Library, problems printed on stderr; None
    when ``--strict`` and an entry was skipped (the caller exits 3 and writes nothing)."""
    from pantucci_bib.cli_convert import _entries
    from pantucci_bib.errors import DataError
    from pantucci_bib.library import Library
    from pantucci_bib.loading import errors

    records: list[Record] = []
    seen: dict[str, str] = {}
    skipped = 0
    for path in input_files(args):
        result = _read_one(path, args.input_format)
        for problem in result.problems:
            print(f"{PROG}: {problem}", file=sys.stderr)
        skipped += len(errors(result))
        name = "<stdin>" if path == "-" else path
        for record in result.records:
            if record.key in seen:
                raise DataError(
                    f"duplicate citation key {record.key!r}: in {seen[record.key]} and {name}"
                )
            seen[record.key] = name
            records.append(record)
    if args.strict and skipped:
        print(
            f"{PROG}: error: {_entries(skipped)} skipped in strict mode; nothing written",
            file=sys.stderr,
        )
        return None
    return Library(records)


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


def warn_if_empty(library: Library, args: argparse.Namespace) -> bool:
    """Print a warning naming the filters when ``library`` is empty; True if it is."""
    if len(library):
        return False
    names = ("author", "outlet", "year", "record_type", "keyword", "keys", "aux")
    given = [
        f"--{'type' if name == 'record_type' else name} {getattr(args, name)}"
        for name in names
        if getattr(args, name, None)
    ]
    what = " ".join(given) if given else "the input"
    print(f"{PROG}: warning: no records match {what}", file=sys.stderr)
    return True
