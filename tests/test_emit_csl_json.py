"""CSL-JSON output: valid against the official schema, rendered by pandoc's citeproc."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import require_tool
from pantucci_bib import RelationKind, corpus, emit


@pytest.fixture(scope="module")
def items() -> list[dict[str, object]]:
    return json.loads(emit(corpus(), "csl-json"))


def test_validates_against_the_csl_schema(items, csl_data_schema):
    import jsonschema

    jsonschema.validate(items, csl_data_schema)
    assert [item["id"] for item in items] == corpus().keys()


def test_deterministic():
    assert emit(corpus(), "csl-json") == emit(corpus(), "csl-json")


def test_csl_variables(items):
    by_id = {item["id"]: item for item in items}
    li = by_id["liClashingInterestsCentral2012"]["author"][0]
    assert li == {"family": "Li", "given": "Lifan", "static-ordering": True}
    extract = by_id["pantucciRisingTensionChina2022"]
    assert extract["original-title"].startswith("Sinostan")
    assert extract["original-publisher"] == "Oxford University Press"
    assert extract["original-date"] == {"date-parts": [[2022, 4]]}
    printed = by_id["pantucciRussiaHoldsDoor2015"]
    assert printed["original-title"] == "Russia holding the door to Central Asia open for China"
    approx = by_id["xieChinaRediscoveredCentral2015"]
    assert approx["issued"] == {"date-parts": [[2015]], "circa": True}
    assert by_id["pantucciRussiaChinaMay2013"]["interviewer"] == [
        {"family": "Kucera", "given": "Joshua"}
    ]


def _render_with_pandoc(tmp_path, records) -> None:
    pandoc = require_tool("pandoc")
    (tmp_path / "refs.json").write_text(emit(records, "csl-json"), encoding="utf-8")
    (tmp_path / "doc.md").write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    result = subprocess.run(
        [pandoc, "doc.md", "--citeproc", "--bibliography=refs.json", "-t", "html", "--verbose"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line.upper()]
    assert not warnings, warnings
    for key in records.keys():
        assert f'id="ref-{key}"' in result.stdout, key


def test_pandoc_citeproc_renders_every_item_without_warnings(tmp_path):
    _render_with_pandoc(tmp_path, corpus())


# The works an article cites (issue 10): exported on request, valid, rendered.

CITING = "pantucciPavingDigitalSilk2022"


@pytest.fixture(scope="module")
def cited_items() -> list[dict[str, object]]:
    return json.loads(emit(corpus(include_cited=True).cited_by(CITING), "csl-json"))


def test_cited_works_validate_against_the_csl_schema(cited_items, csl_data_schema):
    import jsonschema

    jsonschema.validate(cited_items, csl_data_schema)
    assert len(cited_items) == 86


def test_web_pages_carry_url_and_accessed_date(cited_items):
    pages = [i for i in cited_items if i["type"] == "webpage" and "URL" in i]
    assert pages and all("accessed" in i for i in pages)
    first = next(i for i in cited_items if i["id"] == "peoplesZhongEHa2000")
    assert first["accessed"] == {"date-parts": [[2022, 8, 14]]}
    ministry = "People’s Republic of China Ministry of Foreign Affairs"
    assert first["author"] == [{"literal": ministry}]


def test_references_only_to_items_in_the_same_file():
    plain = {i["id"]: i for i in json.loads(emit(corpus(), "csl-json"))}
    # a plain export holds one of the works it cites: an earlier article of the corpus
    assert plain[CITING]["references"] == "pantucciUzbekistanBalancingAct2012"
    full = {i["id"]: i for i in json.loads(emit(corpus(include_cited=True), "csl-json"))}
    keys = full[CITING]["references"].split("; ")
    assert keys == list(corpus().get(CITING).related(RelationKind.CITES)) and set(keys) <= set(full)


def test_pandoc_citeproc_renders_every_cited_work_without_warnings(tmp_path):
    _render_with_pandoc(tmp_path, corpus(include_cited=True).cited_by(CITING))
