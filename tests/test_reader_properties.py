"""Issue 8: every reader, given any text, returns a ParseResult or raises a PantucciBibError.

Hypothesis feeds each reader of READERS arbitrary text, bytes decoded two ways (UTF-8 with
``surrogateescape``, so lone surrogates too, and Latin-1), and text spliced from fragments
of each format's syntax, which reaches far deeper into the readers than random characters.
The files under tests/fixtures/fuzz/ (seeds, and inputs that once crashed a reader, some
found by fuzz/fuzz_readers.py) are replayed the same way, and what they yield must emit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pantucci_bib.errors import PantucciBibError
from pantucci_bib.formats.registry import EMITTERS, READERS, emit
from pantucci_bib.problems import ParseResult

SOURCE = "fuzzed.txt"
FUZZ_FIXTURES = Path(__file__).parent / "fixtures" / "fuzz"

_BIBTEX = [
    "@article{", "@book{", "@online{", "@misc{", "@incollection{", "@string{", "@comment{",
    "@preamble{", "k1,", "k2,", "}", "{", "(", ")", "=", ",", '"', "#", "\n", " ", "%",
    "author = ", "editor = ", "title = ", "year = ", "date = ", "month = ", "urldate = ",
    "crossref = ", "related = ", "origdate = ", "note = ", "pages = ", "entrysubtype = ",
    "keywords = ", "Doe, Jane", " and ", "others", "{World Bank}", "von ", "Jr.", "2020",
    "2020-13-45", "2019/2020", "2020-01/..", "jan", "\\'e", '{\\"u}', "\\", "~", "--", "``",
    "$x^2$", "\\textit{", "Originally published in ", "Translated by ", "\ufeff", "\x00",
]  # fmt: skip
_RIS = [
    "TY  - ", "ER  - ", "ER  -", "\n", "\r\n", "JOUR", "NEWS", "GEN", "BLOG", "AU  - ",
    "A2  - ", "ED  - ", "TI  - ", "T2  - ", "ID  - ", "PY  - ", "DA  - ", "Y2  - ", "OP  - ",
    "N1  - ", "KW  - ", "SP  - ", "EP  - ", "UR  - ", "Doe, Jane", "Doe, Jane, Jr.", ",",
    "2020", "2020/01/02/", "2020///circa", "2020/13/", "/", "-", "x", " ",
]  # fmt: skip
_CSL_JSON = [
    "[", "]", "{", "}", ",", ":", " ", "\n", '{"id":', '"id"', '"type"', '"title"',
    '"author"', '"editor"', '"issued"', '"accessed"', '"date-parts"', '"raw"', '"literal"',
    '"circa"', '"family"', '"given"', '"original-date"', '"original-author"', '"references"',
    '"keyword"', '"book"', '"article-newspaper"', '"x"', '""', '"a;b"', '"2020-05-04"',
    "2020", "13", "-1", "0", "1e999", "1.5", "null", "true", "false", '"\\ud800"', '"\\u00e9"',
]  # fmt: skip
_ARCHIVE = [
    "Posts Tagged ‘Rail’\n", "Archive for March, 2014\n", "Cargo Is Not a Strategy\n",
    "A new piece for a weekly paper about trains.\n", "Continue reading →\n",
    "March 3, 2019 – 4:15pm, by Jane Doe\n", "Posted on March 3, 2014 by admin\n",
    "Jane Doe is a fellow at an institute.\n", "PUBLISHED : Monday, 14 January, 2019\n",
    "By Jane Doe and Richard Roe\n", "First published in Paper, 3 March 2013.\n",
    "Q: Who pays?\n", "• a bullet\n", "\n", "\n\n", "<html><body>", "<h2 class=\"entry-title\">",
    "<p>", "</p>", "<div class=\"entry\">", "</div>", "&amp;", "&#xD800;", "2019", " ",
]  # fmt: skip
FRAGMENTS = {"bibtex": _BIBTEX, "biblatex": _BIBTEX, "ris": _RIS, "csl-json": _CSL_JSON}
FRAGMENTS["archive"] = _ARCHIVE


def check_reader(name: str, text: str) -> ParseResult | None:
    """The contract: a ParseResult whose problems name SOURCE, or a PantucciBibError that does."""
    try:
        result = READERS[name](text, SOURCE)
    except PantucciBibError as exc:
        assert exc.where.startswith(SOURCE), exc
        return None
    assert isinstance(result, ParseResult)
    assert all(problem.where.source == SOURCE for problem in result.problems)
    return result


def _structured(name: str) -> st.SearchStrategy[str]:
    pieces = st.one_of(st.sampled_from(FRAGMENTS[name]), st.text(max_size=3))
    return st.lists(pieces, max_size=60).map("".join)


ANY_TEXT = st.one_of(
    st.text(),
    st.binary().map(lambda data: data.decode("utf-8", "surrogateescape")),
    st.binary().map(lambda data: data.decode("latin-1")),
)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(text=ANY_TEXT)
def test_any_text_is_read_or_refused(name, text):
    check_reader(name, text)


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(data=st.data())
def test_text_made_of_the_formats_fragments_is_read_or_refused(name, data):
    result = check_reader(name, data.draw(_structured(name)))
    if result is not None:  # what was read can be written in every format
        for fmt in EMITTERS:
            assert isinstance(emit(result.records, fmt), str)


_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # inf and nan included: json writes them as Infinity and NaN
    st.text(max_size=6),
    st.sampled_from(["2020", "2020-05-04", "circa 1990", "\ud800", "a;b", "book", ""]),
)
_TEXT = st.text(max_size=6)
_NASTY_NUMBERS = [float("inf"), float("-inf"), float("nan"), 1e300, -0.0, 2020.5, 10**30, True]
_NUMBER = st.integers(-3, 3000) | st.sampled_from(_NASTY_NUMBERS) | st.text(max_size=4)
_DATE = st.one_of(
    st.fixed_dictionaries(
        {"date-parts": st.lists(st.lists(_NUMBER, min_size=1, max_size=3), min_size=1, max_size=2)},
        optional={"circa": _SCALAR},
    ),
    st.fixed_dictionaries(
        {}, optional={"date-parts": _SCALAR, "raw": _TEXT | _SCALAR, "literal": _SCALAR}
    ),
    _SCALAR,
)
_NAME = st.fixed_dictionaries(
    {}, optional=dict.fromkeys(["family", "given", "literal", "static-ordering"], _TEXT | _SCALAR)
)
_NAMES = st.lists(_NAME | _SCALAR, max_size=3) | _SCALAR
#: One CSL variable at a time, any value, in an otherwise valid item: each example reaches the
#: code that reads that variable (a random item mostly fails on its first ill-typed field).
_VARIABLES: dict[str, st.SearchStrategy[Any]] = {
    "id": _TEXT | _SCALAR,
    "type": st.sampled_from(["book", "article-journal", "thesis", "nonsense"]) | _SCALAR,
    "title": _TEXT | _SCALAR,
    "author": _NAMES,
    "issued": _DATE,
    "original-date": _DATE,
    "original-author": _NAMES,
    "keyword": _TEXT | _SCALAR,
    "references": _TEXT | _SCALAR,
}
_ITEM = st.fixed_dictionaries({}, optional=_VARIABLES)


@pytest.mark.parametrize("variable", sorted(_VARIABLES))
@FUZZ
@given(data=st.data())
def test_any_value_of_a_csl_variable_is_read_or_refused(variable, data):
    item = {"id": "a", "type": "book", "title": "T", variable: data.draw(_VARIABLES[variable])}
    result = check_reader("csl-json", json.dumps([item]))
    assert result is not None  # a bad item is skipped, never the whole file
    for fmt in EMITTERS:
        assert isinstance(emit(result.records, fmt), str)


@pytest.mark.parametrize("top", ["list", "object"])
@FUZZ
@given(items=st.lists(_ITEM | _SCALAR, max_size=4))
def test_csl_json_of_any_shape_is_read_or_refused(top, items):
    """Items built as JSON values under CSL's own variable names (every type where another is
    expected, Infinity in date-parts, a string where a list of names belongs …)."""
    document = items if top == "list" else (items[0] if items else {})
    result = check_reader("csl-json", json.dumps(document, indent=1))
    if result is not None:
        for fmt in EMITTERS:
            assert isinstance(emit(result.records, fmt), str)


def _fixtures() -> list[Path]:
    return sorted(path for path in FUZZ_FIXTURES.iterdir() if "__" in path.name)


@pytest.mark.parametrize("path", _fixtures(), ids=lambda path: path.name)
def test_fuzz_fixture_replays(path):
    """READER__NAME: a seed, or an input that crashed READER once (a ParseError now)."""
    name = path.name.split("__", 1)[0]
    assert name in READERS, f"{path.name}: no reader {name!r}"
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # only the API can pass such text (load() refuses the file)
        check_reader(name, data.decode("utf-8", "surrogateescape"))
        return
    result = check_reader(name, text)
    if result is not None:  # output of valid UTF-8 input is valid UTF-8, in every format
        for fmt in EMITTERS:
            emit(result.records, fmt).encode("utf-8")


def test_there_are_fixtures_for_every_reader():
    assert {path.name.split("__", 1)[0] for path in _fixtures()} == set(READERS)
