"""Text generated into the docs by cog: the corpus table and the CLI reference. (The table of
failure modes is made by the tests' own cases: ``tests/support/failure_cases/docs.py``.)"""

from __future__ import annotations

import argparse
import io
import os
import re
from contextlib import redirect_stdout


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def corpus_table() -> str:
    """A Markdown table of every record of the bundled corpus."""
    from pantucci_bib.corpus import corpus

    rows = [
        "",
        "| key | date | authors | title | outlet | type |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for record in corpus():
        date = record.issued.edtf() if record.issued else "n.d."
        authors = "; ".join(p.display() for p in record.author)
        outlet = record.container_title or record.publisher
        if record.section:
            outlet += f" ({record.section})"
        rows.append(
            f"| `{record.key}` | {date} | {_cell(authors)} | {_cell(record.title or '[untitled]')} "
            f"| {_cell(outlet)} | {record.type.value} |"
        )
    return "\n".join(rows) + "\n\n"


#: The Python a verb of ``pantucci-bib`` stands for, shown in its section of docs/cli.md. The
#: file names are examples (``my.bib``, ``page.html``, ``notes.txt``); tests/test_docs.py runs
#: every entry and checks that each verb of the real parser has one.
CLI_PYTHON: dict[str, str] = {
    "export": """\
records = pantucci_bib.corpus().filter(author="Petersen", year="2012")  # or load("my.bib").records
pantucci_bib.emit(records, "biblatex")""",
    "keys": """pantucci_bib.corpus().filter(year="2022-").keys()""",
    "import": """pantucci_bib.extract_many(["page.html"], strict=False, curated=True).records""",
    "convert": """pantucci_bib.emit(pantucci_bib.load("my.bib").records, "csl-json")""",
    "merge": """\
result = pantucci_bib.merge(pantucci_bib.load("my.bib").records, prefer="user")
pantucci_bib.emit(result.library, "bibtex")  # result.duplicates, result.rekeyed: the report""",
    "format": """\
pantucci_bib.format_bibliography(pantucci_bib.load("my.bib").records, "apa", output="html")""",
    "styles": """\
pantucci_bib.available_styles()  # without WORDS
pantucci_bib.style_search.search_styles("chicago author")  # with WORDS: (id, title) pairs""",
    "cite": """\
from pantucci_bib import Citation, Cite

citations = [Citation(["pantucci2011"]), Citation([Cite("pantucci2011", locator="12")])]
pantucci_bib.format_citations(pantucci_bib.corpus(), citations, "apa")
pantucci_bib.format_document(pantucci_bib.corpus(), citations, "apa")  # --with-bibliography""",
    "parse-refs": """\
import pathlib

notes = pantucci_bib.parse_notes(pathlib.Path("notes.txt").read_text("utf-8"), "notes.txt")
pantucci_bib.emit(notes.records, "json")  # --citations: notes.citations""",
    "publications": """\
html = pantucci_bib.publications(pantucci_bib.load("my.bib").records, author="Roe", style="apa")
pantucci_bib.write_atomic("index.html", html)  # -o index.html""",
}


def _python_names(code: str) -> list[str]:
    """The public names of ``pantucci_bib`` that ``code`` uses, each once, in order."""
    import pantucci_bib

    used = re.findall(r"\b(?:pantucci_bib\.)?([A-Za-z_]\w*)", code)
    return [name for name in dict.fromkeys(used) if name in pantucci_bib.__all__]


def cli_reference() -> str:
    """``--help`` of the program and of every subcommand, as Markdown sections; each
    subcommand's section starts with its Python equivalent (:data:`CLI_PYTHON`)."""
    from pantucci_bib.cli import build_parser

    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal; fix it for stable output
    parser = build_parser()
    out = ["", "## pantucci-bib", "", "```text", parser.format_help().rstrip(), "```", ""]
    for action in parser._actions:  # argparse offers no public way to list subparsers
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                buffer = io.StringIO()
                with redirect_stdout(buffer):
                    sub.print_help()
                out += [f"## pantucci-bib {name}", ""]
                if name in CLI_PYTHON:  # a verb without one fails tests/test_docs.py
                    links = ", ".join(
                        f"{{py:obj}}`~pantucci_bib.{used}`"
                        for used in _python_names(CLI_PYTHON[name])
                    )
                    out += [
                        f"In Python ([API reference](api.md): {links}):",
                        "",
                        "```python",
                        CLI_PYTHON[name],
                        "```",
                        "",
                    ]
                out += ["```text", buffer.getvalue().rstrip(), "```", ""]
    return "\n".join(out) + "\n"
