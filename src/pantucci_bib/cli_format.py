"""``pantucci-bib format`` and ``pantucci-bib styles``: formatted references in any CSL style.

The style is resolved and checked (:func:`pantucci_bib.styles.resolve_style`) before any
input is read, so a broken style is reported naming its file and line, not a record. With
``-o``, an empty selection writes nothing (exit 2), as ``export -o`` does, and the summary
line counts the entries of the FILEs skipped, as ``convert``'s does.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pantucci_bib.cli import (
    EXIT_OK,
    EXIT_STRICT,
    EXIT_USER_ERROR,
    PROG,
    add_filters,
    add_output_file,
    count,
    filter_args,
    filtered,
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

#: -o suffixes that pick the output format when --to is not given.
OUTPUT_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".rst": "rst",
    ".tex": "latex",
    ".txt": "text",
}

#: ``format`` also writes Word (issue 18); ``cite`` shares :data:`OUTPUT_SUFFIXES` but not this.
FORMAT_SUFFIXES = {**OUTPUT_SUFFIXES, ".docx": "docx"}

#: The style whose entries ``format`` groups under year headings (issue 18).
PUBLICATION_LIST = "publication-list"


def register(commands: Any) -> None:
    """Add the ``format`` and ``styles`` subcommands."""
    from pantucci_bib.formatting import OUTPUTS

    fmt = commands.add_parser(
        "format",
        help="format the corpus (or a filtered part) as a reference list in a CSL style",
        description="Format the bundled corpus, or the records matching the filters, as a "
        "bibliography in a CSL style: an id of the official CSL repository (apa, "
        "chicago-author-date …, any case), a project style (publication-list) or a .csl file. "
        "In Python: pantucci_bib.format_bibliography(pantucci_bib.corpus().filter(...), STYLE, "
        "output=..., locale=...).",
    )
    fmt.add_argument(
        "--style",
        required=True,
        help="style id (any case; `pantucci-bib styles WORD` searches them), project style "
        "name or path to a .csl file",
    )
    fmt.add_argument(
        "--to",
        dest="output_format",
        metavar="OUTPUT",
        choices=(*OUTPUTS, "docx"),
        default=None,
        help=f"output: {', '.join(OUTPUTS)}, docx (Python: output=; docx: a Word file, needs "
        "-o and python-docx; default: from the -o suffix, else text); with the "
        "publication-list style, the entries are grouped under year headings and the --author "
        "name is marked",
    )
    fmt.add_argument("--locale", help="locale overriding the style's, e.g. en-GB or de")
    add_output_file(fmt, FORMAT_SUFFIXES, ("output_format",))
    fmt.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="neither read nor write the cache of formatted entries "
        "($PANTUCCI_BIB_CACHE_DIR, else ~/.cache/pantucci_bib; Python: cache=False)",
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
        help="list or search the style names --style accepts",
        description="Without WORDS: the project's styles and the ids of the official CSL "
        "repository that --style accepts, one a line. With WORDS: the styles whose id or "
        "title holds every word (or the start of one), best first, as id<TAB>title. In Python: "
        "pantucci_bib.available_styles(), pantucci_bib.style_search.search_styles(QUERY).",
    )
    styles.add_argument(
        "query", nargs="*", metavar="WORD", help="words of the id or title, e.g. chicago author"
    )
    styles.set_defaults(handler=cmd_styles)


def output_format(args: argparse.Namespace) -> str:
    """The output of ``--to``, else of the ``-o`` suffix, else text (``format`` and ``cite``)."""
    if args.output_format:
        return str(args.output_format)
    if args.output:
        from pathlib import Path

        return OUTPUT_SUFFIXES.get(Path(args.output).suffix.lower(), "text")
    return "text"


def cmd_format(args: argparse.Namespace) -> int:
    from pantucci_bib.formatting import format_bibliography
    from pantucci_bib.styles import resolve_style

    resolved = resolve_style(args.style)  # a broken style fails here, naming its file and line
    output = args.output_format or (
        "docx" if args.output and args.output.lower().endswith(".docx") else output_format(args)
    )
    if output == "docx":
        from pantucci_bib.publications.word import require_docx

        if not args.output:
            print(
                f"{PROG}: error: docx is a binary file: name it with -o FILE.docx", file=sys.stderr
            )
            return EXIT_USER_ERROR
        require_docx()
    grouped = resolved.origin == "project" and resolved.name == PUBLICATION_LIST
    inputs = None
    if input_files(args):
        inputs = read_library(args)
        if inputs is None:
            return EXIT_STRICT
        records = inputs.library.filter(**filter_args(args))
    else:
        records = filtered(args)
    records = select_keys(records, args)
    if warn_if_empty(records, args, read=inputs) and args.output:
        print(f"{PROG}: error: nothing written to {args.output}", file=sys.stderr)
        return EXIT_USER_ERROR
    from pantucci_bib.progress import Progress

    # a bar on stderr when it is a terminal and the job is long; nothing when piped
    with (
        left_out_entries(args.strict) as left_out,
        Progress(len(records), f"{PROG}: format") as bar,
    ):
        options: dict[str, Any] = {
            "locale": args.locale,
            "cache": args.cache,
            "workers": args.workers,
            "progress": bar.advance,
        }
        result: str | bytes
        if output == "docx" or grouped:
            from pantucci_bib.publications.listing import formatted_list

            result = formatted_list(
                records, args.style, output=output, author=args.author, grouped=grouped, **options
            )
        else:
            result = format_bibliography(records, args.style, output=output, **options)
    if left_out and args.strict:
        return EXIT_STRICT
    if isinstance(result, bytes):
        from pantucci_bib.output import write_atomic

        write_atomic(args.output, result)
    else:
        write_output(result, args.output)
    if args.output:
        wrote = count(len(records) - len(left_out), "reference")
        skipped = skipped_note(inputs.skipped if inputs else 0)
        print(f"{PROG}: wrote {wrote} to {args.output}{skipped}", file=sys.stderr)
    return EXIT_OK


def cmd_styles(args: argparse.Namespace) -> int:
    from pantucci_bib.formatting import available_styles

    if not args.query:
        write_output("".join(f"{name}\n" for name in available_styles()), None)
        return EXIT_OK
    from pantucci_bib.style_search import search_styles, suggest_styles

    query = " ".join(args.query)
    found = search_styles(query)
    if not found:
        close = suggest_styles(query)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        print(f"{PROG}: warning: no style matches {query!r}{hint}", file=sys.stderr)
    write_output("".join(f"{name}\t{title}\n" for name, title in found), None)
    return EXIT_OK
