"""The bibliography fixtures of the official CSL processor test suite
(``../shared/csl-test-suite/``).

Each fixture whose MODE is ``bibliography`` and that has no BIBENTRIES, BIBSECTION,
CITATION-ITEMS or CITATIONS section (features this library lacks) is formatted with
:func:`pantucci_bib.format_bibliography` (``output="html"``) and compared with its RESULT.

Comparison: both sides are cut into their ``csl-entry`` divs (in order) and each entry's inner
HTML is normalised: runs of whitespace become one space, whitespace next to a ``<div>`` or
``</div>`` tag (layout indentation around ``csl-left-margin`` / ``csl-right-inline``) is
dropped, a link whose text is its own address (our HTML links URLs and DOIs; the suite's
results were made without links) is reduced to its text, character references are decoded
(citeproc-js writes ``&#38;``, we write ``&amp;``), and the ends are stripped. Inline markup
(``<i>``, ``<b>``, ``<span style=…>``) is compared as written.
An exception while reading or formatting is a failure.

``tests/data/csl_suite_expected_failures.txt`` lists the fixtures known to fail; the test is a
strict xfail: a listed fixture that passes fails the run, so the list must be trimmed. Run this
file as a script to print the current failures in the list's format.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

SUITE = Path(__file__).resolve().parents[2] / "shared" / "csl-test-suite"
HUMANS = SUITE / "processor-tests" / "humans"
EXPECTED_FAILURES = Path(__file__).resolve().parent / "data" / "csl_suite_expected_failures.txt"
UNSUPPORTED = ("BIBENTRIES", "BIBSECTION", "CITATION-ITEMS", "CITATIONS")

pytestmark = pytest.mark.skipif(not HUMANS.is_dir(), reason=f"CSL test suite not found at {SUITE}")

_SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n(.*?)\n?<<=+ \1 =+<<", re.S)
_DIV = re.compile(r"<div\b[^>]*>|</div>")
_ENTRY = re.compile(r'<div class="csl-entry"[^>]*>')
_LINK = re.compile(r'<a href="([^"]*)">([^<]*)</a>')


def sections(path: Path) -> dict[str, str]:
    return {name: body for name, body in _SECTION.findall(path.read_text("utf-8"))}


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


def normalise(fragment: str) -> str:
    text = re.sub(r"\s+", " ", fragment)
    text = re.sub(r" ?(<div\b[^>]*>|</div>) ?", r"\1", text)
    text = _LINK.sub(lambda m: m[2] if html.unescape(m[1]) == html.unescape(m[2]) else m[0], text)
    return html.unescape(text).strip()


def render(path: Path, tmp_dir: Path) -> list[str]:
    from pantucci_bib import format_bibliography, loads

    parts = sections(path)
    style = tmp_dir / f"{path.stem}.csl"
    style.write_text(parts["CSL"], "utf-8")
    result = loads(parts["INPUT"], "csl-json", source=path.name)
    out = format_bibliography(result.records, str(style), output="html", cache=False, workers=1)
    return entries(out)


def expected(path: Path) -> list[str]:
    return entries(sections(path)["RESULT"])


def expected_failures() -> dict[str, str]:
    listed: dict[str, str] = {}
    if EXPECTED_FAILURES.is_file():
        for line in EXPECTED_FAILURES.read_text("utf-8").splitlines():
            name, _, reason = line.partition("#")
            if name.strip():
                listed[name.strip()] = reason.strip()
    return listed


FIXTURES = eligible()
XFAIL = expected_failures()


def test_the_selection_is_all_there():
    assert len(FIXTURES) >= 150
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


if __name__ == "__main__":  # print current failures, as lines for the expected-failures list
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        failing = 0
        for fixture in FIXTURES:
            try:
                got, want = render(fixture, Path(tmp)), expected(fixture)
                reason = "" if got == want else "output differs"
            except Exception as exc:
                reason = f"exception: {type(exc).__name__}"
            if reason:
                failing += 1
                print(f"{fixture.stem}  # {XFAIL.get(fixture.stem) or reason}")
        print(f"# {len(FIXTURES) - failing}/{len(FIXTURES)} pass", file=sys.stderr)
