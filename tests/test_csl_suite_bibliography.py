"""The bibliography fixtures of the official CSL processor test suite
(``../shared/csl-test-suite/``).

Each fixture whose MODE is ``bibliography`` and that has no BIBENTRIES or BIBSECTION section is
formatted and compared with its RESULT:

- without CITATION-ITEMS or CITATIONS, all its INPUT records with
  :func:`pantucci_bib.format_bibliography` (``output="html"``);
- with CITATION-ITEMS or CITATIONS, the document those describe (built as
  ``tests/test_csl_suite_citations.py`` builds it: CITATION-ITEMS as given, CITATIONS as the
  final document of citeproc-js's ``processCitationCluster`` calls) with
  :func:`pantucci_bib.format_document`, whose ``bibliography`` holds the cited records only.
  That is what citeproc-js's runner prints: for CITATIONS it registers only the cited items;
  for CITATION-ITEMS it registers every INPUT item, and every such fixture cites them all.

Left out, and why: BIBENTRIES (the runner registers several successive sets of item ids,
uncited, with ``updateItems``, and prints the last state: this library has no way to register a
record without citing it, nor an incremental registry) and BIBSECTION (a bibliography
selected by field values, ``makeBibliography(bibsection)``: no such selection here). The copy
of the suite in ``../shared`` has neither section, so every bibliography fixture runs.

Comparison: both sides are cut into their ``csl-entry`` divs (in order) and each entry's inner
HTML is normalised: runs of whitespace become one space, whitespace next to a ``<div>`` or
``</div>`` tag (layout indentation around ``csl-left-margin`` / ``csl-right-inline``) is
dropped, a link whose text is its own address or whose address is ``https://doi.org/`` and its
text (our HTML links URLs and DOIs; the suite's results were made without links) is reduced to
its text, character references are decoded
(citeproc-js writes ``&#38;``, we write ``&amp;``), and the ends are stripped. Inline markup
(``<i>``, ``<b>``, ``<span style=…>``) is compared as written.
An exception while reading or formatting is a failure.

``tests/data/csl_suite_expected_failures.txt`` lists the fixtures known to fail; the test is a
strict xfail: a listed fixture that passes fails the run, so the list must be trimmed. Run this
file as a script to print the current failures in the list's format (``--all`` to classify
every failure afresh, ignoring the listed reasons).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from test_csl_suite_citations import (
    HUMANS,
    SUITE,
    document,
    failure_lines,
    normalise,
    read_list,
    run_all,
    sections,
)

EXPECTED_FAILURES = Path(__file__).resolve().parent / "data" / "csl_suite_expected_failures.txt"
UNSUPPORTED = ("BIBENTRIES", "BIBSECTION")
CITING = ("CITATION-ITEMS", "CITATIONS")

pytestmark = pytest.mark.skipif(not HUMANS.is_dir(), reason=f"CSL test suite not found at {SUITE}")

_DIV = re.compile(r"<div\b[^>]*>|</div>")
_ENTRY = re.compile(r'<div class="csl-entry"[^>]*>')


def eligible() -> list[Path]:
    if not HUMANS.is_dir():
        return []
    found = []
    for path in sorted(HUMANS.glob("*.txt")):
        parts = sections(path)
        if parts.get("MODE", "").strip() == "bibliography" and not any(
            name in parts for name in UNSUPPORTED
        ):
            found.append(path)
    return found


def entries(markup: str) -> list[str]:
    """The normalised inner HTML of each top-level ``csl-entry`` div, in order."""
    found = []
    position = 0
    while match := _ENTRY.search(markup, position):
        depth, cursor = 1, match.end()
        while depth:
            tag = _DIV.search(markup, cursor)
            if tag is None:  # unclosed: take the rest
                cursor = len(markup)
                inner_end = cursor
                break
            depth += -1 if tag.group() == "</div>" else 1
            inner_end, cursor = tag.start(), tag.end()
        found.append(normalise(markup[match.end() : inner_end]))
        position = cursor
    return found


def render(path: Path, tmp_dir: Path) -> list[str]:
    from pantucci_bib import format_bibliography, format_document, loads

    parts = sections(path)
    if any(name in parts for name in CITING):
        records, citations, style = document(path, tmp_dir)
        out = format_document(records, citations, str(style), output="html").bibliography
        return entries(out)
    style = tmp_dir / f"{path.stem}.csl"
    style.write_text(parts["CSL"], "utf-8")
    result = loads(parts["INPUT"], "csl-json", source=path.name)
    out = format_bibliography(result.records, str(style), output="html", cache=False, workers=1)
    return entries(out)


def expected(path: Path) -> list[str]:
    return entries(sections(path)["RESULT"])


def expected_failures() -> dict[str, str]:
    return read_list(EXPECTED_FAILURES)


FIXTURES = eligible()
XFAIL = expected_failures()


def test_the_selection_is_all_there():
    assert len(FIXTURES) >= 190
    assert sum(any(name in sections(p) for name in CITING) for p in FIXTURES) >= 40
    assert set(XFAIL) <= {path.stem for path in FIXTURES}, "listed fixtures that do not exist"


@pytest.mark.parametrize("path", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_bibliography_fixture(path, tmp_path):
    if path.stem in XFAIL:
        try:
            passed = render(path, tmp_path) == expected(path)
        except Exception:
            passed = False
        if passed:
            pytest.fail(f"{path.stem} now passes: remove it from {EXPECTED_FAILURES.name}")
        pytest.xfail(XFAIL[path.stem] or "listed as failing")
    assert render(path, tmp_path) == expected(path)


if __name__ == "__main__":  # print the expected-failures list for the current failures
    found = run_all(FIXTURES, render, expected, XFAIL, fresh="--all" in sys.argv, bibliography=True)
    print("\n".join(failure_lines(found, "bibliography", "tests/test_csl_suite_bibliography.py")))
    print(f"# {len(FIXTURES) - len(found)}/{len(FIXTURES)} pass", file=sys.stderr)
