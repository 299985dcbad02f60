"""Provenance per field (found / inferred / curated) and ``import --explain`` (issue 17)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pantucci_bib import Sureness, extract
from pantucci_bib.pages.explain import explain_record

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


def _sources(record):
    return {s.field: (s.sureness, s.where.line, s.rule) for s in record.field_sources}


def test_each_field_says_where_it_came_from():
    records = extract(UNSEEN / "category_corridors.txt").records
    dry_port = _sources(records[0])
    assert dry_port["title"] == (Sureness.FOUND, 3, "headline")
    assert dry_port["author"] == (Sureness.FOUND, 5, "byline")
    assert dry_port["translator"] == (Sureness.FOUND, 6, "translator line")
    assert dry_port["issued"][:2] == (Sureness.FOUND, 8)
    assert dry_port["container_title"][:2] == (Sureness.FOUND, 8)
    gauges = _sources(records[2])
    assert gauges["issued"][0] is Sureness.INFERRED and "archive order" in gauges["issued"][2]
    assert gauges["container_title"][0] is Sureness.INFERRED


def test_the_blogs_owner_is_inferred_and_the_intro_found():
    record = extract(UNSEEN / "tag_caspian.txt").records[1]
    sources = _sources(record)
    assert sources["author"] == (Sureness.INFERRED, 16, "the blog's owner")
    assert sources["container_title"][:2] == (Sureness.FOUND, 16)
    assert "Harwell Institute" in sources["container_title"][2]
    assert "day first" not in sources["issued"][2]
    transit = _sources(extract(UNSEEN / "tag_caspian.txt").records[2])
    assert "day first as the page's other numeric dates" in transit["issued"][2]


def test_curated_fields_say_so():
    page = (
        "Category Archives: Notes\n\nHow China rediscovered Central Asia\n\nBy Tao Xie\n\n"
        "A paragraph standing in for the article's text, about Central Asia.\n"
    )
    (record,) = extract(page).records
    assert _sources(record)["issued"][0] is Sureness.CURATED
    assert _sources(record)["title"] == (Sureness.FOUND, 3, "headline")
    (uncurated,) = extract(page, curated=False).records
    assert all(s[0] is not Sureness.CURATED for s in _sources(uncurated).values())
    assert "curated" in explain_record(record)


def test_import_explain_prints_every_record_on_stderr(tmp_path):
    out = tmp_path / "out.bib"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pantucci_bib",
            "import",
            str(UNSEEN / "month_2017_05.txt"),
            "--explain",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "title            found     month_2017_05.txt:5  headline" in run.stderr
    assert run.stderr.count("container_title") == 5  # one per record, the photo post too
    assert "explain" not in out.read_text(encoding="utf-8")
