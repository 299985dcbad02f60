"""``pantucci-bib format`` and ``pantucci-bib styles``: formatted references in any CSL style."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pantucci_bib.cli import EXIT_OK, PROG, add_filters, count, filtered, write_output
from pantucci_bib.cli_convert import EXIT_PARTIAL
from pantucci_bib.cli_library import (
    add_inputs,
    input_files,
    read_inputs,
    select_keys,
    warn_if_empty,
)

#: -o suffixes that pick the output format when --to is not given.
_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".rst": "rst",
    ".tex": "latex",
    ".txt": "text",
}


def register(commands: Any) -> None:
    """Add the ``format`` and ``styles`` subcommands."""
    from pantucci_bib.formatting import OUTPUTS

    fmt = commands.add_parser(
        "format",
        help="format the corpus (or a filtered part) as a reference list in a CSL style",
        description="Format the bundled corpus, or the records matching the filters, as a "
        "bibliography in a CSL style: an id of the official CSL repository (apa, "
        "chicago-author-date …), a project style (publication-list) or a .csl file. "
        "In Python: pantucci_bib.format_bibliography(pantucci_bib.corpus().filter(...), STYLE).",
    )
    fmt.add_argument(
        "--style", required=True, help="style id, project style name or path to a .csl file"
    )
    fmt.add_argument(
        "--to",
        dest="output_format",
        choices=OUTPUTS,
        default=None,
        help="output format (default: from the -o suffix, else text)",
    )
    fmt.add_argument("--locale", help="locale overriding the style's, e.g. en-GB or de")
    fmt.add_argument(
        "-o", "--output", help="write to this file (atomically) instead of standard output"
    )
    fmt.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="neither read nor write the cache of formatted entries "
        "($PANTUCCI_BIB_CACHE_DIR, else ~/.cache/pantucci_bib)",
    )
    fmt.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes that share the rendering (default: one per core; 1: this process only)",
    )
    add_inputs(fmt)
    add_filters(fmt)
    fmt.set_defaults(handler=cmd_format)

    styles = commands.add_parser(
        "styles",
        help="list the style names --style accepts",
        description="List the project's styles and the ids of the official CSL repository "
        "that --style accepts, one a line. In Python: pantucci_bib.available_styles().",
    )
    styles.set_defaults(handler=cmd_styles)


def _output_format(args: argparse.Namespace) -> str:
    if args.output_format:
        return str(args.output_format)
    if args.output:
        from pathlib import Path

        return _SUFFIXES.get(Path(args.output).suffix.lower(), "text")
    return "text"


def cmd_format(args: argparse.Namespace) -> int:
    from pantucci_bib.formatting import format_bibliography

    if input_files(args):
        loaded = read_inputs(args)
        if loaded is None:
            return EXIT_PARTIAL
        records = loaded.filter(
            author=args.author,
            outlet=args.outlet,
            year=args.year,
            type=args.record_type,
            keyword=args.keyword,
        )
    else:
        records = filtered(args)
    records = select_keys(records, args)
    warn_if_empty(records, args)
    text = format_bibliography(
        records,
        args.style,
        output=_output_format(args),
        locale=args.locale,
        cache=args.cache,
        workers=args.workers,
    )
    write_output(text, args.output)
    if args.output:
        wrote = count(len(records), "reference")
        print(f"{PROG}: wrote {wrote} to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_styles(args: argparse.Namespace) -> int:
    from pantucci_bib.formatting import available_styles

    write_output("".join(f"{name}\n" for name in available_styles()), None)
    return EXIT_OK
