"""``pantucci-bib cite``: in-text citations of the corpus or the user's own library.

Each KEY argument is one citation (keys joined by commas are cited together), printed one a
line in document order; ``--with-bibliography`` then prints the reference list of what was
cited, with the same numbers and year suffixes. A key may carry a locator after ``@``
(``smith2020@12``, ``smith2020@12-15``; the label is ``page``). Without ``--bibliography``
the keys are the corpus's. The Python equivalent is :func:`pantucci_bib.format_document`.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pantucci_bib.cli import EXIT_OK, EXIT_STRICT, PROG, add_input_format, add_output_file
from pantucci_bib.cli_format import OUTPUT_SUFFIXES, output_format
from pantucci_bib.cli_library import STRICT_HELP, left_out_entries, read_inputs


def register(commands: Any) -> None:
    """Add the ``cite`` subcommand."""
    from pantucci_bib.formatting import OUTPUTS

    cite = commands.add_parser(
        "cite",
        help="in-text citations of keys, in document order, in a CSL style",
        description="Format citations: each KEY argument is one citation (KEY1,KEY2 cites "
        "both together; KEY@12 adds the locator 12), one a line in document order, so that "
        "positions (ibid, subsequent) and year suffixes follow the document. Keys are the "
        "corpus's unless --bibliography names files. In Python: pantucci_bib.format_citations("
        "records, [Citation([Cite(KEY, locator=...)])], STYLE) or format_document(...) for the "
        "bibliography too.",
    )
    cite.add_argument(
        "citations",
        metavar="KEY[,KEY…]",
        nargs="+",
        help="one citation: keys joined by commas, each optionally KEY@LOCATOR",
    )
    cite.add_argument("--style", required=True, help="style id (any case), project style or .csl")
    cite.add_argument(
        "--to",
        "--output-format",
        dest="output_format",
        metavar="OUTPUT",
        choices=OUTPUTS,
        default=None,
        help=f"output: {', '.join(OUTPUTS)} (Python: output=; default: from the -o suffix, "
        "else text)",
    )
    cite.add_argument("--locale", help="locale overriding the style's, e.g. en-GB or de")
    cite.add_argument(
        "--with-bibliography",
        action="store_true",
        help="after the citations, a blank line and the bibliography of the cited records",
    )
    cite.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes that share a long document's citations (default: one per core; "
        "1: this process only)",
    )
    group = cite.add_argument_group("input (your own bibliography)")
    group.add_argument(
        "--bibliography",
        metavar="FILE",
        action="append",
        default=[],
        help="a bibliography file the keys come from (repeatable; default: the corpus)",
    )
    add_input_format(cite, group=group)
    group.add_argument("--strict", action="store_true", help=STRICT_HELP)
    add_output_file(cite, OUTPUT_SUFFIXES, ("output_format",))
    cite.set_defaults(handler=cmd_cite)


def parse_citation(argument: str, note_index: int) -> Any:
    """``a,b@12`` as a Citation of ``Cite("a")`` and ``Cite("b", locator="12")``."""
    from pantucci_bib.errors import FilterError
    from pantucci_bib.formatting import Citation, Cite

    cites = []
    for part in argument.split(","):
        key, at, locator = part.strip().partition("@")
        if not key:
            raise FilterError(f"empty key in citation {argument!r}")
        cites.append(Cite(key, locator=locator.strip() if at else None))
    return Citation(cites, note_index=note_index)


def cmd_cite(args: argparse.Namespace) -> int:
    from pantucci_bib.cli import write_output
    from pantucci_bib.formatting import format_document
    from pantucci_bib.styles import resolve_style

    resolve_style(args.style)  # a broken style fails before any input is read
    citations = [parse_citation(arg, index) for index, arg in enumerate(args.citations, 1)]
    if args.bibliography:
        library = read_inputs(args)
        if library is None:
            return EXIT_STRICT
    else:
        from pantucci_bib.corpus import corpus

        library = corpus()
    output = output_format(args)
    with left_out_entries(args.strict) as left_out:
        document = format_document(
            library, citations, args.style, output=output, locale=args.locale, workers=args.workers
        )
    if left_out and args.strict:
        return EXIT_STRICT
    separator = "\n" if output == "text" else "\n\n"
    text = separator.join(document.citations) + "\n"
    if args.with_bibliography and document.bibliography:
        text += "\n" + document.bibliography
    write_output(text, args.output)
    if args.output:
        print(f"{PROG}: wrote {len(citations)} citation(s) to {args.output}", file=sys.stderr)
    return EXIT_OK
