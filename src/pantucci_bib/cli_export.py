"""``pantucci-bib export`` and ``pantucci-bib keys``: the bundled corpus, filtered.

Given FILEs, they read those instead (:mod:`pantucci_bib.cli_library`); ``export -o``'s
summary line then counts the entries skipped, as ``convert``'s does.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from pantucci_bib.cli import (
    EXIT_OK,
    EXIT_STRICT,
    EXIT_USER_ERROR,
    PROG,
    add_filters,
    add_output,
    count,
    filter_args,
    filtered,
    pick_format,
    write_output,
)
from pantucci_bib.cli_library import (
    add_inputs,
    input_files,
    read_library,
    select_keys,
    skipped_note,
    warn_if_empty,
)

if TYPE_CHECKING:
    from pantucci_bib.cli_library import Inputs
    from pantucci_bib.library import Library


def register(commands: Any) -> None:
    """Add the ``export`` and ``keys`` subcommands."""
    export = commands.add_parser(
        "export",
        help="write the bundled corpus (or a filtered part) as BibTeX, BibLaTeX or CSL-JSON",
        description="Write the bundled corpus (or the FILEs given), or the records matching "
        "the filters. "
        "In Python: pantucci_bib.emit(pantucci_bib.corpus().filter(...), FORMAT).",
    )
    add_output(export, "bibtex")
    add_inputs(export)
    add_filters(export)
    add_cited_options(export)
    export.set_defaults(handler=cmd_export)

    keys = commands.add_parser(
        "keys",
        help="list citation keys with year and title",
        description="List the citation keys of the corpus (or the filtered part). "
        "In Python: pantucci_bib.corpus().filter(...).keys().",
    )
    add_inputs(keys)
    add_filters(keys)
    add_cited_options(keys)
    keys.set_defaults(handler=cmd_keys)


def add_cited_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--cited-by KEY`` and ``--include-cited`` (alias ``--with-cited``; read by
    :func:`selected`)."""
    group = parser.add_argument_group("cited works (from the articles' endnotes)")
    choice = group.add_mutually_exclusive_group()
    choice.add_argument(
        "--cited-by",
        metavar="KEY",
        help="the works the record KEY cites, instead of the corpus "
        "(Python: corpus(include_cited=True).cited_by(KEY))",
    )
    choice.add_argument(
        "--include-cited",
        "--with-cited",
        dest="include_cited",
        action="store_true",
        help="the corpus followed by every work its articles cite "
        "(Python: corpus(include_cited=True))",
    )


def selected(args: argparse.Namespace) -> Library | None:
    """The records the options ask for: the input files, the corpus, or cited works,
    narrowed by the filters and ``--keys``/``--aux``; None if ``--strict`` stops the run."""
    selection = _selection(args)
    return None if selection is None else selection[0]


def _selection(args: argparse.Namespace) -> tuple[Library, Inputs | None] | None:
    """:func:`selected`, with what was read from the input files (None: the corpus)."""
    if input_files(args):
        if args.cited_by or args.include_cited:
            from pantucci_bib.errors import FilterError

            raise FilterError("--cited-by and --include-cited apply to the corpus, not to FILE")
        inputs = read_library(args)
        if inputs is None:
            return None
        library = inputs.library
    elif not (args.cited_by or args.include_cited):
        return select_keys(filtered(args), args), None
    else:
        from pantucci_bib.corpus import corpus

        inputs = None
        library = corpus(include_cited=True)
        if args.cited_by:
            library = library.cited_by(args.cited_by)
    return select_keys(library.filter(**filter_args(args)), args), inputs


def cmd_export(args: argparse.Namespace) -> int:
    from pantucci_bib.formats.registry import emit

    fmt = pick_format(args.format, args.output, "bibtex")
    selection = _selection(args)
    if selection is None:
        return EXIT_STRICT
    records, inputs = selection
    if warn_if_empty(records, args, read=inputs) and args.output:
        print(f"{PROG}: error: nothing written to {args.output}", file=sys.stderr)
        return EXIT_USER_ERROR
    text = emit(records, fmt)
    write_output(text, args.output)
    if args.output:
        skipped = skipped_note(inputs.skipped if inputs else 0)
        print(
            f"{PROG}: wrote {count(len(records), 'record')} to {args.output}{skipped}",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_keys(args: argparse.Namespace) -> int:
    selection = _selection(args)
    if selection is None:
        return EXIT_STRICT
    records, inputs = selection
    warn_if_empty(records, args, read=inputs)
    lines = []
    for record in records:
        year = record.issued.edtf() if record.issued else "n.d."
        lines.append(f"{record.key}\t{year}\t{record.title or '[untitled]'}\n")
    write_output("".join(lines), None)
    return EXIT_OK
