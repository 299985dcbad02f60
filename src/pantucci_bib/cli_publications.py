"""``pantucci-bib publications``: an author's publication page, one self-contained HTML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pantucci_bib.cli import (
    EXIT_OK,
    EXIT_STRICT,
    EXIT_USER_ERROR,
    PROG,
    add_output_file,
    count,
    write_output,
)
from pantucci_bib.cli_library import (
    add_inputs,
    input_files,
    left_out_entries,
    read_library,
    select_keys,
    skipped_note,
    warn_if_empty,
)

#: -o suffixes the page may be written under.
PAGE_SUFFIXES = {".html": "html", ".htm": "html"}


def register(commands: Any) -> None:
    """Add the ``publications`` subcommand."""
    page = commands.add_parser(
        "publications",
        help="an author's publication page: one self-contained HTML file",
        description="Write the publication page of --author for the bundled corpus or the "
        "FILEs: one HTML file (inline CSS, a little JavaScript, nothing fetched; it works "
        "from file://) with the entries under year headings in a CSL style, the author's name "
        "in bold, co-authors linked to their joint work, a search box, filters by kind and "
        "outlet, each entry's BibTeX/RIS/CSL-JSON, whole-list downloads and a chart of pieces "
        "per year. Every record read is listed. In Python: "
        "pantucci_bib.publications(records, author=NAME, style=STYLE).",
    )
    page.add_argument(
        "--author",
        required=True,
        metavar="NAME",
        help="whose page it is: their name as the records give it, or part of it "
        "(Pantucci, R. Pantucci); marked wherever it appears",
    )
    page.add_argument(
        "--style",
        default="publication-list",
        help="CSL style of the entries (default: publication-list; any --style of format)",
    )
    page.add_argument("--title", help="the page's title (default: Publications of NAME)")
    page.add_argument("--locale", help="locale overriding the style's, e.g. en-GB or de")
    add_output_file(page, PAGE_SUFFIXES, ())
    page.set_defaults(output_suffixes=None)  # checked by cmd_publications: there is no --to
    page.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="neither read nor write the cache of formatted entries (Python: cache=False)",
    )
    add_inputs(page)
    page.set_defaults(handler=cmd_publications)


def cmd_publications(args: argparse.Namespace) -> int:
    from pantucci_bib.errors import UnknownFormatError
    from pantucci_bib.publications import publications
    from pantucci_bib.publications.people import everyone, is_person
    from pantucci_bib.styles import resolve_style

    if args.output and Path(args.output).suffix.lower() not in PAGE_SUFFIXES:
        raise UnknownFormatError(
            "the page is HTML: name it .html or .htm", where=f"-o {args.output}"
        )
    resolve_style(args.style)  # a broken style fails before any input is read
    inputs = None
    if input_files(args):
        inputs = read_library(args)
        if inputs is None:
            return EXIT_STRICT
        records = inputs.library
    else:
        from pantucci_bib.corpus import corpus

        records = corpus()
    records = select_keys(records, args)
    if warn_if_empty(records, args, read=inputs) and args.output:
        print(f"{PROG}: error: nothing written to {args.output}", file=sys.stderr)
        return EXIT_USER_ERROR
    others = [r.key for r in records if not any(is_person(p, args.author) for p in everyone(r))]
    if others:
        shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
        print(
            f"{PROG}: note: {len(others)} of {count(len(records), 'record')} do not name "
            f"{args.author} (listed all the same): {shown}",
            file=sys.stderr,
        )
    with left_out_entries(args.strict) as left_out:
        html = publications(
            records,
            args.author,
            args.style,
            title=args.title,
            locale=args.locale,
            cache=args.cache,
        )
    if left_out and args.strict:
        return EXIT_STRICT
    write_output(html, args.output)
    if args.output:
        skipped = skipped_note(inputs.skipped if inputs else 0)
        print(
            f"{PROG}: wrote the page of {count(len(records) - len(left_out), 'piece')} to "
            f"{args.output}{skipped}",
            file=sys.stderr,
        )
    return EXIT_OK
