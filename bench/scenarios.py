"""The scenarios of bench/run.py: what each child process runs, and against which anchor.

A scenario is one whole process: a command line built from the input files of one size
(:class:`Inputs`) and the file it must write. Scenarios measuring the same thing share a
``subject`` (``export bibtex``); the ``pantucci_bib`` one is the baseline every other tool's
time is divided by. The table :data:`SCENARIOS` is the whole benchmark; bench/run.py only
prepares inputs, runs, times and reports.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
JS_DIR = HERE / "js"

#: The tool every subject's other figures are divided by.
BASELINE = "pantucci_bib"
#: Styles and outputs of the formatting scenarios.
STYLES = ("chicago-author-date", "apa", "ieee")
FORMAT_OUTPUTS = ("text", "html")


@dataclass(frozen=True)
class Inputs:
    """The files of one benchmark size, written by bench/run.py before the scenarios run."""

    size: int
    native: Path  #: the records in the project's native JSON (what pantucci_bib reads)
    items: Path  #: the same records as CSL-JSON (what citation-js, citeproc-js and pandoc read)
    bib: Path  #: the same records as BibLaTeX (what pybtex and bibtexparser read)
    pages: tuple[Path, ...]  #: archive pages (import scenarios only)
    nocite: Path  #: a Markdown file citing every item, for pandoc
    locales: Path  #: citeproc-py's CSL locale files, also given to citeproc-js
    styles: dict[str, Path]  #: style id → .csl file, as pantucci_bib resolves it


Command = Callable[[Inputs, Path], list[str]]


@dataclass(frozen=True)
class Scenario:
    """One timed process. ``command(inputs, out)`` is its argv; it writes ``out``."""

    group: str  #: startup, export, read, import or format
    subject: str  #: what is measured; shared by the baseline and its anchors
    tool: str  #: pantucci_bib, pybtex, bibtexparser, citation-js, citeproc-js, pandoc …
    command: Command
    #: True when the command prints its result rather than writing ``out`` itself.
    stdout: bool = False
    #: For pantucci_bib formatting: ``first run`` (PANTUCCI_BIB_CACHE_DIR fresh and empty at
    #: each run) or ``warm`` (the directory a first run filled).
    cache: str | None = None
    #: How to read ``out`` as formatted entries to compare: ``entries`` (JSON [{id, text}]) or
    #: ``pandoc`` (plain text, one paragraph an entry).
    entries: str | None = None
    #: What must exist for the scenario to run: ``node`` (node and bench/js/node_modules),
    #: ``pandoc`` or ``seeds``.
    needs: str | None = None

    @property
    def name(self) -> str:
        label = f"{self.tool}, {self.cache}" if self.cache else self.tool
        return f"{self.subject} ({label})"


def _python(code: str, *args: Callable[[Inputs, Path], str]) -> Command:
    """A ``python -c`` child running ``code``; ``args`` become its sys.argv[1:]."""
    return lambda inputs, out: [sys.executable, "-c", code, *(arg(inputs, out) for arg in args)]


def _native(inputs: Inputs, out: Path) -> str:
    return str(inputs.native)


def _items(inputs: Inputs, out: Path) -> str:
    return str(inputs.items)


def _bib(inputs: Inputs, out: Path) -> str:
    return str(inputs.bib)


def _out(inputs: Inputs, out: Path) -> str:
    return str(out)


def _const(value: str) -> Callable[[Inputs, Path], str]:
    return lambda inputs, out: value


_EMIT = (
    "import sys\nfrom pathlib import Path\nfrom pantucci_bib import emit, native\n"
    "records = native.loads(Path(sys.argv[1]).read_text(encoding='utf-8'))\n"
    "Path(sys.argv[3]).write_text(emit(records, sys.argv[2]), encoding='utf-8')\n"
)
_PYBTEX_WRITE = (
    "import sys\nfrom pathlib import Path\nfrom pybtex.database import parse_file\n"
    "Path(sys.argv[2]).write_text(parse_file(sys.argv[1]).to_string('bibtex'), encoding='utf-8')\n"
)
_BIBTEXPARSER_WRITE = (
    "import sys\nfrom pathlib import Path\nimport bibtexparser\n"
    "library = bibtexparser.parse_file(sys.argv[1])\n"
    "Path(sys.argv[2]).write_text(bibtexparser.write_string(library), encoding='utf-8')\n"
)
_LOAD = (
    "import sys\nimport pantucci_bib\n"
    "result = pantucci_bib.load(sys.argv[1], 'biblatex')\n"
    "assert result.records, 'nothing read'\n"
)
_FORMAT = (
    "import json, sys\nfrom pathlib import Path\nfrom pantucci_bib.formats import native\n"
    "from pantucci_bib.formatting import format_entries\n"
    "records = native.loads(Path(sys.argv[1]).read_text(encoding='utf-8'))\n"
    "entries = format_entries(records, sys.argv[2], output=sys.argv[3])\n"
    "Path(sys.argv[4]).write_text(json.dumps([{'id': key, 'text': text} "
    "for key, text in entries], ensure_ascii=False), encoding='utf-8')\n"
)


def _citation_js(target: str) -> Command:
    return lambda inputs, out: [
        "node",
        str(JS_DIR / "export.js"),
        str(inputs.items),
        target,
        str(out),
    ]


def _citeproc_js(style: str, output: str) -> Command:
    return lambda inputs, out: [
        "node",
        str(JS_DIR / "format.js"),
        str(inputs.items),
        str(inputs.styles[style]),
        str(inputs.locales),
        "",  # the style's default locale, as pantucci_bib uses
        output,
    ]


def _pandoc(style: str, output: str) -> Command:
    return lambda inputs, out: [
        "pandoc",
        str(inputs.nocite),
        "--citeproc",
        f"--bibliography={inputs.items}",
        f"--csl={inputs.styles[style]}",
        "--to",
        "plain" if output == "text" else "html",
        "--wrap=none",
        "--output",
        str(out),
    ]


def _pantucci_bib_cli(*args: str) -> Command:
    script = Path(sys.executable).with_name("pantucci-bib")
    return lambda inputs, out: [str(script), *args]


def _import_pages(inputs: Inputs, out: Path) -> list[str]:
    script = Path(sys.executable).with_name("pantucci-bib")
    return [str(script), "import", *map(str, inputs.pages), "--output", str(out)]


def _scenarios() -> list[Scenario]:
    table = [
        Scenario("startup", "import pantucci_bib", BASELINE, _python("import pantucci_bib")),
        Scenario("startup", "import pantucci_bib", "bare interpreter", _python("pass")),
        Scenario("startup", "pantucci-bib --help", BASELINE, _pantucci_bib_cli("--help")),
    ]
    for target in ("bibtex", "biblatex", "csl-json", "ris"):
        subject = f"export {target}"
        table.append(
            Scenario("export", subject, BASELINE, _python(_EMIT, _native, _const(target), _out))
        )
        if target == "bibtex":
            table.append(Scenario("export", subject, "pybtex", _python(_PYBTEX_WRITE, _bib, _out)))
            table.append(
                Scenario(
                    "export", subject, "bibtexparser", _python(_BIBTEXPARSER_WRITE, _bib, _out)
                )
            )
        if target != "ris":
            table.append(
                Scenario("export", subject, "citation-js", _citation_js(target), needs="node")
            )
    table += [
        Scenario("read", "read .bib", BASELINE, _python(_LOAD, _bib)),
        Scenario(
            "read",
            "read .bib",
            "pybtex",
            _python(
                "import sys\nfrom pybtex.database import parse_file\nparse_file(sys.argv[1])", _bib
            ),
        ),
        Scenario(
            "read",
            "read .bib",
            "bibtexparser",
            _python("import sys\nimport bibtexparser\nbibtexparser.parse_file(sys.argv[1])", _bib),
        ),
        Scenario("import", "import archive pages", BASELINE, _import_pages, needs="seeds"),
    ]
    for style in STYLES:
        for output in FORMAT_OUTPUTS:
            subject = f"format {style} {output}"
            ours = _python(_FORMAT, _native, _const(style), _const(output), _out)
            table += [
                Scenario("format", subject, BASELINE, ours, cache="first run", entries="entries"),
                Scenario("format", subject, BASELINE, ours, cache="warm", entries="entries"),
                Scenario(
                    "format",
                    subject,
                    "citeproc-js",
                    _citeproc_js(style, output),
                    stdout=True,
                    entries="entries",
                    needs="node",
                ),
                Scenario(
                    "format",
                    subject,
                    "pandoc",
                    _pandoc(style, output),
                    entries="pandoc" if output == "text" else None,
                    needs="pandoc",
                ),
            ]
    return table


#: Every scenario, in the order they run and are reported.
SCENARIOS: list[Scenario] = _scenarios()
#: Groups in the order they run; formatting, the slow one, last.
GROUPS = ("startup", "export", "read", "import", "format")
