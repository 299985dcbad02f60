"""The model adds no loss to the CSL test suite: every fixture's input items read into records
and written back as CSL-JSON are the same JSON (``../shared/csl-test-suite/``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pantucci_bib import emit, loads

SUITE = Path(__file__).resolve().parents[2] / "shared" / "csl-test-suite" / "processor-tests"
FIXTURES = sorted((SUITE / "humans").glob("*.txt")) if SUITE.is_dir() else []
_INPUT = re.compile(r">>=+ INPUT =+>>\n(.*?)\n<<=+ INPUT =+<<", re.S)

pytestmark = pytest.mark.skipif(not FIXTURES, reason=f"CSL test suite not found at {SUITE}")


def _inputs() -> list[tuple[str, str]]:
    found = []
    for path in FIXTURES:
        match = _INPUT.search(path.read_text("utf-8"))
        if match:
            found.append((path.stem, match.group(1)))
    return found


def test_the_suite_is_all_there():
    assert len(_inputs()) >= 800


def test_every_fixture_input_comes_back_identical():
    differing = []
    for name, text in _inputs():
        result = loads(text, "csl-json", source=name)
        assert not [p for p in result.problems if p.severity == "error"], name
        if json.loads(emit(result.records, "csl-json")) != json.loads(text):
            differing.append(name)
    assert differing == []


def test_the_model_holds_the_variables_not_only_the_verbatim_copy():
    """Standard CSL variables land in the record's own fields (not only in ``extra``)."""
    records = []
    for name, text in _inputs():
        records.extend(loads(text, "csl-json", source=name).records)
    kept_aside = {field.name for record in records for field in record.extra if not field.rendered}
    for standard in (
        "status",
        "event",
        "archive",
        "collection-title",
        "container-title-short",
        "authority",
        "reviewed-author",
        "reviewed-title",
        "edition",
        "ISSN",
    ):
        assert standard not in kept_aside, standard
