"""The citation fixtures of the official CSL processor test suite (``../shared/csl-test-suite/``).

Every fixture whose MODE is ``citation`` is one test. Its citations are formatted with
:func:`pantucci_bib.format_citations` (``output="html"``: the suite's results are citeproc-js
HTML) and compared, one normalised string per citation, with its RESULT.

What a fixture means follows citeproc-js's own test runner (``StdRhinoTest.run`` in
citeproc-js's ``tests/`` runners), which made the RESULTs:

- **CITATION-ITEMS** (a list of citations, each a list of cite objects): the runner registers
  every INPUT item (``updateItems``), then renders each citation with ``makeCitationCluster``,
  one RESULT line each. We format the list as one document. Two differences follow from that
  runner, not from CSL: ``makeCitationCluster`` works out no positions (a cite is ``first``
  unless its cite object says otherwise), where we work them out in document order; and cite
  numbers follow INPUT order there, first-cite order here. Neither changes a result in this
  copy of the suite: every CITATION-ITEMS fixture cites every INPUT item, none numbers its
  cites in an order other than INPUT order, and the five that repeat an item under a style
  with position tests pass, or fail for another reason.
- **CITATIONS** (a list of ``[citation, citationsPre, citationsPost]``): the runner calls
  ``processCitationCluster`` for each in turn, then prints every citation of the *final*
  document (``registry.citationreg.citationByIndex``: the last call's pre-list, its citation,
  its post-list), each rendered in the final state: ``>>[i] text`` for one the last call
  returned as changed, ``..[i] text`` for the others (the markers say nothing about the text;
  the runner's ``indexMap`` test is even falsy for the first changed one). So what is expected
  is the final text of every citation of the final document, in order, and we build that
  document at once: each ``[citationID, noteIndex]`` of the last pre- and post-list is the
  latest definition of that citationID with that noteIndex (citeproc-js takes note numbers from
  these lists: seven citations differ from their ``properties.noteIndex``); the last citation
  has its own ``properties.noteIndex``. A citation the final lists leave out is gone
  (``bugreports_ikeyOne``), and only the records the final document cites are passed
  (citeproc-js registers no others).
- **neither**: the runner registers every INPUT item and cites ``registry.reflist`` in one
  citation: INPUT order, *sorted by the bibliography's sort* when the style has one (then the
  citation's own sort, if any). For a style with a bibliography sort and no citation sort (six
  fixtures, e.g. ``bugreports_ChicagoAuthorDateLooping``) the cites are put in the order of
  :func:`pantucci_bib.formatting.format_entries`; otherwise they are in INPUT order.

Cite objects: ``id``, ``locator``, ``label``, ``prefix``, ``suffix``, ``suppress-author`` and
``author-only`` become :class:`pantucci_bib.Cite` arguments; any other field is ignored
(``position`` in 6 citation fixtures, ``near-note`` in 1: :data:`IGNORED_FIELDS`). An item id
maps to the key :func:`pantucci_bib.loads` gave its record (the id, or a made-up key for an item
without one).

Expected strings: the RESULT cut at the ``..[i] `` / ``>>[i] `` markers for CITATIONS, its
lines for CITATION-ITEMS (one per citation), all of it for a single citation (which may span
lines: a layout delimiter of ``&#x0A;``). Normalisation, both sides, as the bibliography
runner's: runs of whitespace (newlines included) become one space, whitespace next to a
``<div>``/``</div>`` tag is dropped, a link whose text is its own address, or whose address is
``https://doi.org/`` and its text, is reduced to its text (our HTML links URLs and DOIs;
citeproc-js's runner does not), character references are decoded (``&#38;`` and ``&amp;`` are
both ``&``), and the ends are stripped. Inline markup is compared as written. An exception is a
failure.

``tests/data/csl_suite_citation_expected_failures.txt`` lists the fixtures known to fail, one
``name  # cause: detail`` a line under a comment header per cause (:func:`classify`); the test
is a strict xfail (a listed fixture that passes fails the run). Run this file as a script to
print the current failures in that format (``--all`` classifies every failure afresh instead of
keeping the listed reasons). ``tests/data/csl_suite_citeproc_py_passes.txt`` lists the fixtures
plain citeproc-py 0.11.1 passes with its own API; none of them may fail here
(:func:`test_no_regression_from_citeproc_py`).
:func:`docs_figures` makes the tables of docs/formatting.md from these lists.
"""

from __future__ import annotations

import difflib
import functools
import html
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

SUITE = Path(__file__).resolve().parents[2] / "shared" / "csl-test-suite"
HUMANS = SUITE / "processor-tests" / "humans"
DATA = Path(__file__).resolve().parent / "data"
EXPECTED_FAILURES = DATA / "csl_suite_citation_expected_failures.txt"
BIBLIOGRAPHY_FAILURES = DATA / "csl_suite_expected_failures.txt"
CITEPROC_PY_PASSES = DATA / "csl_suite_citeproc_py_passes.txt"

pytestmark = pytest.mark.skipif(not HUMANS.is_dir(), reason=f"CSL test suite not found at {SUITE}")

_SECTION = re.compile(r">>=+ ([A-Z0-9-]+) =+>>\n(.*?)\n?<<=+ \1 =+<<", re.S)
_MARKER = re.compile(r"^(?:\.\.|>>)\[\d+\] ", re.M)
_LINK = re.compile(r'<a href="([^"]*)">([^<]*)</a>')
_DOI = "https://doi.org/"
_TAG = re.compile(r"<[^>]+>")

#: Cite-object fields of the fixtures and the :class:`pantucci_bib.Cite` argument each becomes.
CITE_FIELDS = {
    "locator": "locator",
    "label": "label",
    "prefix": "prefix",
    "suffix": "suffix",
    "suppress-author": "suppress_author",
    "author-only": "author_only",
}
_FLAGS = frozenset({"suppress-author", "author-only"})


# -- reading fixtures (shared with tests/test_csl_suite_bibliography.py) ----------------------


@functools.cache
def sections(path: Path) -> dict[str, str]:
    return {name: body for name, body in _SECTION.findall(path.read_text("utf-8"))}


def mode(path: Path) -> str:
    return sections(path).get("MODE", "").strip()


def group(stem: str) -> str:
    return stem.partition("_")[0]


def _unlink(match: re.Match[str]) -> str:
    """A link to its own text (a URL) or to its DOI becomes its text; any other link stays."""
    address, text = html.unescape(match[1]), html.unescape(match[2])
    return match[2] if address in (text, _DOI + text) else match[0]


def normalise(fragment: str) -> str:
    text = re.sub(r"\s+", " ", fragment)
    text = re.sub(r" ?(<div\b[^>]*>|</div>) ?", r"\1", text)
    text = _LINK.sub(_unlink, text)
    return html.unescape(text).strip()


def read_list(path: Path) -> dict[str, str]:
    """``name  # reason`` lines (comments and blank lines skipped): name -> reason."""
    listed: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text("utf-8").splitlines():
            name, _, reason = line.partition("#")
            if name.strip():
                listed[name.strip()] = reason.strip()
    return listed


@dataclass
class Plan:
    """A fixture's document: each citation's cite objects (as in the fixture, ids as given),
    each citation's note number, and the INPUT ids of the records it cites."""

    citations: list[list[dict[str, Any]]]
    notes: list[int]
    source: str  # "CITATIONS", "CITATION-ITEMS" or "INPUT"
    cited: set[str] = field(default_factory=set)


def plan(path: Path) -> Plan:
    parts = sections(path)
    if "CITATIONS" in parts:
        steps = json.loads(parts["CITATIONS"])
        latest = {step[0]["citationID"]: step[0] for step in steps}
        last, pre, post = steps[-1]
        document = [(latest[cid], int(note or 0)) for cid, note in pre]
        document.append((last, int(last.get("properties", {}).get("noteIndex") or 0)))
        document += [(latest[cid], int(note or 0)) for cid, note in post]
        found = Plan(
            [list(c["citationItems"]) for c, _ in document], [n for _, n in document], "CITATIONS"
        )
    elif "CITATION-ITEMS" in parts:
        items = json.loads(parts["CITATION-ITEMS"])
        found = Plan([list(c) for c in items], [0] * len(items), "CITATION-ITEMS")
    else:
        inputs = json.loads(parts["INPUT"])
        found = Plan([[{"id": item.get("id")} for item in inputs]], [0], "INPUT")
    found.cited = {str(cite.get("id")) for citation in found.citations for cite in citation}
    return found


def ignored_fields(path: Path) -> set[str]:
    """The cite-object fields of a fixture this runner ignores (``position``, ``near-note``)."""
    return {
        name
        for citation in plan(path).citations
        for cite in citation
        for name in cite
        if name != "id" and name not in CITE_FIELDS
    }


def expected(path: Path) -> list[str]:
    result = sections(path)["RESULT"]
    found = plan(path)
    if found.source == "CITATIONS":
        pieces = _MARKER.split(result)[1:]
    elif len(found.citations) == 1:
        pieces = [result]
    else:
        pieces = result.split("\n")
    return [normalise(piece) for piece in pieces]


def bibliography_sort_only(csl: str) -> bool:
    """Whether the style sorts its bibliography and not its citations."""
    from lxml import etree

    root = etree.fromstring(csl.strip().encode("utf-8"))
    ns = {"cs": "http://purl.org/net/xbiblio/csl"}
    return bool(root.findall("cs:bibliography/cs:sort/cs:key", ns)) and not root.findall(
        "cs:citation/cs:sort/cs:key", ns
    )


def document(path: Path, tmp_dir: Path) -> tuple[list[Any], list[Any], Path]:
    """The records (those the document cites, in INPUT order), the Citations and the style
    file of a fixture."""
    from pantucci_bib import Citation, Cite, loads
    from pantucci_bib.formatting import format_entries

    parts = sections(path)
    style = tmp_dir / f"{path.stem}.csl"
    style.write_text(parts["CSL"], "utf-8")
    records = loads(parts["INPUT"], "csl-json", source=path.name).records
    inputs = json.loads(parts["INPUT"])
    keys = {str(item.get("id")): record.key for item, record in zip(inputs, records, strict=False)}
    found = plan(path)
    if found.source == "INPUT":
        order = [record.key for record in records]
        if len(records) > 1 and bibliography_sort_only(parts["CSL"]):
            try:
                sorted_keys = [
                    key for key, _ in format_entries(records, str(style), cache=False, workers=1)
                ]
            except Exception:
                sorted_keys = []
            order = sorted_keys + [key for key in order if key not in sorted_keys]
        citations = [Citation([Cite(key) for key in order])]
        return records, citations, style
    citations = []
    for cites, note in zip(found.citations, found.notes, strict=True):
        made = []
        for cite in cites:
            options: dict[str, Any] = {}
            for name, argument in CITE_FIELDS.items():
                value = cite.get(name)
                if value is not None and value != "":
                    options[argument] = bool(value) if name in _FLAGS else str(value)
            made.append(Cite(keys.get(str(cite.get("id")), str(cite.get("id"))), **options))
        citations.append(Citation(made, note_index=note))
    cited = {keys.get(i, i) for i in found.cited}
    return [record for record in records if record.key in cited], citations, style


def render(path: Path, tmp_dir: Path) -> list[str]:
    from pantucci_bib import format_citations

    records, citations, style = document(path, tmp_dir)
    out = format_citations(records, citations, str(style), output="html")
    return [normalise(text) for text in out]


# -- classifying failures ---------------------------------------------------------------------

_QUOTES = str.maketrans(dict.fromkeys("'\"‘’“”«»‹›„‚", "'"))
_PUNCTUATION = re.compile(r"[\s.,;:!?()\[\]'\"‘’“”«»\-–—/]+")
_YEAR_SUFFIX = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)[a-z]\b|\bn\.d\.-[a-z]\b")
_ET_AL = re.compile(r"et al|and others|u\. a\.", re.I)
_IBID = re.compile(r"\b(?:ibid|id\.|op\. cit|loc\. cit|supra)", re.I)

#: Causes, in the order they are tried and listed.
CAUSES = (
    "exception",
    "count",
    "sort order",
    "quotes/apostrophe",
    "capitalisation",
    "markup",
    "punctuation",
    "disambiguation (year-suffix)",
    "disambiguation (names/givenname)",
    "disambiguation (condition)",
    "et-al",
    "ibid/position",
    "collapsing",
    "locator/label",
    "prefix/suffix",
    "output differs",
)


def _excerpt(got: str, want: str, width: int = 36) -> str:
    """The first differing stretch: what we print and what the suite expects."""
    matcher = difflib.SequenceMatcher(None, got, want, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":

            def cut(text: str, start: int, end: int) -> str:
                begin = max(0, start - 12)
                piece = text[begin : max(end, start) + 12][:width]
                more = begin + len(piece) < len(text)
                return ("…" if begin else "") + piece + ("…" if more else "")

            return f"we print {cut(got, i1, i2)!r}, expected {cut(want, j1, j2)!r}"
    return ""


def _exception(exc: BaseException) -> str:
    message = str(exc).splitlines()[0] if str(exc) else ""
    message = re.sub(r"\S+\.csl: |style '[^']*' ", "", message)  # no temporary paths
    return f"exception: {type(exc).__name__}" + (f" ({message[:80]})" if message else "")


def classify(
    got: Sequence[str] | None,
    want: Sequence[str],
    path: Path | None = None,
    exc: BaseException | None = None,
    *,
    bibliography: bool = False,
) -> str:
    """``cause: detail`` for a failing fixture, by cheap heuristics tried in the order of
    :data:`CAUSES`: the exception's type; the same strings in another order; then a difference
    that vanishes when quotes, case, tags or punctuation are ignored; then a changed count of
    year suffixes, et al. or ibid;
    then what the style (``path``'s CSL) and the cites use: a ``disambiguate="true"`` test
    (when we print less), disambiguation options, position tests, collapsing, locators,
    affixes (in ``bibliography`` mode only the first three of those, which a bibliography
    can show)."""
    if exc is not None:
        return _exception(exc)
    assert got is not None
    if len(got) != len(want):
        return f"count: {len(got)} citations or entries rendered, {len(want)} expected"
    if sorted(got) == sorted(want):
        return "sort order: " + _excerpt(" | ".join(got), " | ".join(want))
    csl = sections(path)["CSL"] if path is not None else ""
    cites = [c for citation in plan(path).citations for c in citation] if path is not None else []
    pairs = [(g, w) for g, w in zip(got, want, strict=True) if g != w]
    g = " | ".join(pair[0] for pair in pairs)
    w = " | ".join(pair[1] for pair in pairs)
    detail = _excerpt(g, w)

    def same(transform: Callable[[str], str]) -> bool:
        return transform(g) == transform(w)

    def plain(text: str) -> str:
        return _TAG.sub("", text)

    def count(pattern: re.Pattern[str]) -> bool:
        return len(pattern.findall(plain(g))) != len(pattern.findall(plain(w)))

    disambiguates = re.search(r"disambiguate-add-(?:names|givenname)=\"true\"", csl)
    if same(lambda s: s.translate(_QUOTES)):
        cause = "quotes/apostrophe"
    elif same(str.lower):
        cause = "capitalisation"
    elif same(lambda s: re.sub(r"\s", "", plain(s))) or ("<sup>" in w) != ("<sup>" in g):
        cause = "markup"
    elif same(lambda s: _PUNCTUATION.sub("", plain(s).translate(_QUOTES))):
        cause = "punctuation"
    elif count(_YEAR_SUFFIX):
        cause = "disambiguation (year-suffix)"
    elif re.search(r'disambiguate="true"', csl) and len(plain(w)) > len(plain(g)):
        cause = "disambiguation (condition)"
    elif disambiguates and (count(_ET_AL) or re.search(r"disambiguate_", str(path))):
        cause = "disambiguation (names/givenname)"
    elif count(_ET_AL):
        cause = "et-al"
    elif count(_IBID) or (not bibliography and re.search(r"\bposition=", csl)):
        cause = "ibid/position"
    elif not bibliography and re.search(r"<citation\b[^>]*\bcollapse=", csl):
        cause = "collapsing"
    elif not bibliography and (
        any("locator" in c or "label" in c for c in cites) or re.search(r"<label\b", csl)
    ):
        cause = "locator/label"
    elif not bibliography and any("prefix" in c or "suffix" in c for c in cites):
        cause = "prefix/suffix"
    else:
        cause = "output differs"
    return f"{cause}: {detail}" if detail else cause


def cause_of(reason: str) -> str:
    head = reason.partition(":")[0].strip()
    return head if head in CAUSES else "output differs"


def failure_lines(failures: dict[str, tuple[str, str]], mode_name: str, runner: str) -> list[str]:
    """The expected-failures list of a runner: a header, then one block per cause."""
    lines = [
        f"# CSL test suite {mode_name} fixtures known to fail ({runner}).",
        "# One fixture a line: name  # cause: detail (we print …, expected …), grouped by cause",
        "# (cheap heuristics: classify() in tests/test_csl_suite_citations.py). A listed fixture",
        "# that passes fails the test: delete its line. Print the current list with",
        f"# `python3 {runner}` (listed reasons kept;",
        "# `--all` classifies every failure afresh).",
    ]
    by_cause: dict[str, list[str]] = {}
    for name, (reason, cause) in failures.items():
        by_cause.setdefault(cause, []).append(f"{name}  # {reason}")
    for cause in CAUSES:
        if cause in by_cause:
            lines += ["", f"# {cause} ({len(by_cause[cause])})", *sorted(by_cause[cause])]
    return lines


def run_all(
    fixtures: Sequence[Path],
    render_one: Callable[[Path, Path], list[str]],
    expect_one: Callable[[Path], list[str]],
    listed: dict[str, str],
    *,
    fresh: bool = False,
    bibliography: bool = False,
) -> dict[str, tuple[str, str]]:
    """Every failing fixture: (its reason, its cause). The reason is the listed one unless
    ``fresh``; the cause is the reason's own when it starts with one of :data:`CAUSES`, else
    the heuristic's (so hand-written reasons keep their words and get a header)."""
    import tempfile
    import warnings

    failures: dict[str, tuple[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for fixture in fixtures:
            want = expect_one(fixture)
            try:
                got = render_one(fixture, Path(tmp))
                reason = (
                    "" if got == want else classify(got, want, fixture, bibliography=bibliography)
                )
            except Exception as exc:
                reason = classify(None, want, exc=exc)
            if reason:
                kept = listed.get(fixture.stem)
                if kept and not fresh:
                    own = kept.partition(":")[0].strip()
                    failures[fixture.stem] = (kept, own if own in CAUSES else cause_of(reason))
                else:
                    failures[fixture.stem] = (reason, cause_of(reason))
    return failures


# -- figures (docs/formatting.md) -------------------------------------------------------------

_HEADER = re.compile(r"^# (.+) \(\d+\)$")


def causes(path: Path) -> Counter[str]:
    """Fixtures per cause header of an expected-failures list."""
    found: Counter[str] = Counter()
    cause = "unclassified"
    for line in path.read_text("utf-8").splitlines() if path.is_file() else []:
        if header := _HEADER.match(line):
            cause = header[1]
        elif line.strip() and not line.startswith("#"):
            found[cause] += 1
    return found


def docs_figures() -> str:
    """Markdown for docs/formatting.md: passes per fixture group in each mode, here and with
    plain citeproc-py, and failures per cause. Counted from the fixture directory and the
    lists in tests/data (nothing is rendered), so ``cog --check`` keeps it true."""
    import test_csl_suite_bibliography as bibliography

    if not FIXTURES:
        raise RuntimeError(f"CSL test suite not found at {SUITE}")
    baseline = set(read_list(CITEPROC_PY_PASSES))
    runs = {
        "citation": ({p.stem for p in FIXTURES}, set(XFAIL)),
        "bibliography": ({p.stem for p in bibliography.FIXTURES}, set(bibliography.XFAIL)),
    }

    def counts(name: str | None) -> list[str]:
        cells = []
        for run, failing in runs.values():
            stems = {s for s in run if name is None or group(s) == name}
            if stems:
                cells += [str(len(stems)), str(len(stems - failing)), str(len(stems & baseline))]
            else:
                cells += ["", "", ""]
        return cells

    total = counts(None)
    lines = [
        f"**Citation fixtures: {total[1]} of {total[0]} pass** (plain citeproc-py 0.11.1:"
        f" {total[2]}). **Bibliography fixtures: {total[4]} of {total[3]} pass** (plain"
        f" citeproc-py: {total[5]}). Fixtures plain citeproc-py passes that fail here:"
        f" {len(_regressions())}.",
        "",
        "| Group | citation fixtures | pass | citeproc-py | bibliography fixtures | pass"
        " | citeproc-py |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in sorted({group(stem) for run, _ in runs.values() for stem in run}):
        lines.append(f"| `{name}` | " + " | ".join(counts(name)) + " |")
    lines.append("| **all** | " + " | ".join(f"**{cell}**" for cell in total) + " |")
    by_cause = {
        "citation": causes(EXPECTED_FAILURES),
        "bibliography": causes(BIBLIOGRAPHY_FAILURES),
    }
    lines += ["", "| Failures by cause | citation | bibliography |", "| --- | --- | --- |"]
    for cause in [*CAUSES, "unclassified"]:
        cells = [str(by_cause[m][cause] or "") for m in by_cause]
        if any(cells):
            lines.append(f"| {cause} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines) + "\n"


# -- the tests --------------------------------------------------------------------------------

FIXTURES = (
    [path for path in sorted(HUMANS.glob("*.txt")) if mode(path) == "citation"]
    if HUMANS.is_dir()
    else []
)
XFAIL = read_list(EXPECTED_FAILURES)
#: The fixtures carrying cite fields this runner ignores, by field.
IGNORED_FIELDS = Counter(name for path in FIXTURES for name in ignored_fields(path))


def _regressions() -> set[str]:
    """Fixtures plain citeproc-py passes that either expected-failures list holds (read from
    the files: importing the bibliography runner here would be circular)."""
    failing = set(XFAIL) | set(read_list(BIBLIOGRAPHY_FAILURES))
    return set(read_list(CITEPROC_PY_PASSES)) & failing


def test_the_selection_is_all_there():
    assert len(FIXTURES) >= 600
    assert set(XFAIL) <= {path.stem for path in FIXTURES}, "listed fixtures that do not exist"
    assert IGNORED_FIELDS == {"position": 6, "near-note": 1}


def test_citeproc_py_passes_are_run_here():
    import test_csl_suite_bibliography as bibliography

    passes = read_list(CITEPROC_PY_PASSES)
    known = {path.stem for path in FIXTURES} | {path.stem for path in bibliography.FIXTURES}
    assert len(passes) >= 400, f"{CITEPROC_PY_PASSES.name} is (nearly) empty"
    assert set(passes) <= known, "listed fixtures that do not exist or are not run"


def test_no_regression_from_citeproc_py():
    """The issue's requirement: no fixture plain citeproc-py 0.11.1 passes fails here."""
    assert sorted(_regressions()) == []


@pytest.mark.parametrize("path", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_citation_fixture(path, tmp_path):
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
    found = run_all(FIXTURES, render, expected, XFAIL, fresh="--all" in sys.argv)
    print("\n".join(failure_lines(found, "citation", "tests/test_csl_suite_citations.py")))
    print(f"# {len(FIXTURES) - len(found)}/{len(FIXTURES)} pass", file=sys.stderr)
