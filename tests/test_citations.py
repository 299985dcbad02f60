"""In-text citations (issue 16): the API, positions, and agreement with citeproc-js.

citeproc-js runs through tests/js/citations.js, one ``processCitationCluster`` call per
citation in document order (as Zotero's word processor plugin does), on the same CSL-JSON,
style and locale files; its final text of every citation is compared with
:func:`pantucci_bib.format_document`'s, and so is the bibliography of what was cited.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import pantucci_bib
from pantucci_bib import Citation, Cite, DataError, format_citations, format_document
from pantucci_bib.formats.csl_json.write import csl_item
from pantucci_bib.formatting.engine.citations import positions
from pantucci_bib.styles import resolve_style
from test_citeproc_js import EDGE_RECORDS, JS_DIR, _locales_dir, citeproc_js  # noqa: F401

A, B, C = "pantucciTurkeyAbandoningEU2013", "pantucciLimitsRegionalCooperation2011", "doeFirst"


def test_cite_and_citation_are_frozen_values():
    citation = Citation(["a", Cite("b", locator="12", prefix="see")], note_index=3)
    assert citation.items == (Cite("a"), Cite("b", locator="12", prefix="see"))
    assert Cite("a", locator="") == Cite("a")  # an empty locator is no locator
    assert Cite("a", locator=" 12 ").locator == "12"  # nor are spaces around one (citeproc-js)
    assert Cite("a", locator="  ") == Cite("a")
    with pytest.raises(AttributeError):
        citation.note_index = 4  # type: ignore[misc]


def test_positions_follow_the_document():
    document = [
        [Cite("a")],
        [Cite("a")],  # alone after a citation of a alone: ibid
        [Cite("a", locator="3")],  # ibid with a locator the one before lacks
        [Cite("a", locator="3")],  # the same locator: ibid
        [Cite("a")],  # no locator after one with a locator: only subsequent
        [Cite("b"), Cite("a")],
        [Cite("a")],  # the previous citation holds two cites: not ibid
    ]
    held = positions(document, [1, 2, 3, 4, 5, 6, 20], distance=5)
    names = [[sorted(h) for h, _ in row] for row in held]
    assert names == [
        [["first"]],
        [["ibid", "near-note", "subsequent"]],
        [["ibid", "ibid-with-locator", "near-note", "subsequent"]],
        [["ibid", "near-note", "subsequent"]],
        [["near-note", "subsequent"]],
        [["first"], ["near-note", "subsequent"]],
        [["subsequent"]],  # note 20 is more than 5 notes after note 6
    ]
    assert [n for row in held for _, n in row] == [1, 1, 1, 1, 1, 6, 1, 1]


def test_unknown_key_names_the_closest():
    with pytest.raises(DataError) as caught:
        format_citations(pantucci_bib.corpus(), [Citation([A[:-1] + "4"])], "apa")
    assert caught.value.where == A[:-1] + "4" and A in str(caught.value)


def test_no_citations_no_output():
    assert format_citations(pantucci_bib.corpus(), [], "apa") == []
    assert format_document(pantucci_bib.corpus(), [], "apa").bibliography == ""


def test_suppress_author_and_author_only():
    library = pantucci_bib.corpus()
    texts = format_citations(
        library,
        [Citation([Cite(B, suppress_author=True)]), Citation([Cite(B, author_only=True)])],
        "apa",
    )
    assert texts == ["(2011)", "Pantucci"]


STYLES = [
    "chicago-author-date",
    "apa",
    "modern-language-association",
    "harvard-cite-them-right",
    "ieee",
    "chicago-notes-bibliography",
]


def _document() -> tuple[list[pantucci_bib.Record], list[Citation]]:
    corpus = list(pantucci_bib.corpus())
    records = corpus + list(EDGE_RECORDS)
    keys = [r.key for r in records]
    document = [
        Citation([Cite(A, locator="12")], note_index=1),
        Citation([Cite(A, locator="12")], note_index=2),
        Citation([Cite(A, locator="14")], note_index=3),
        Citation([Cite(A)], note_index=4),
        Citation([Cite(B, prefix="see"), Cite(C, suffix="for a summary")], note_index=5),
        Citation([Cite(k) for k in keys[10:16]], note_index=6),
        Citation([Cite(k) for k in keys[-len(EDGE_RECORDS) :]], note_index=7),
        Citation([Cite(keys[20], label="chapter", locator="3")], note_index=8),
        Citation([Cite(k) for k in keys[:5]], note_index=9),
        Citation([Cite(B)], note_index=30),
    ]
    return records, document


def _reference(script: Path, records, document, style: str, tmp: Path):
    items = tmp / "items.json"
    items.write_text(json.dumps([csl_item(r) for r in records], ensure_ascii=False), "utf-8")
    cites = [
        {
            "noteIndex": citation.note_index,
            "cites": [
                {
                    "id": cite.key,
                    **(
                        {"locator": cite.locator, "label": cite.label or "page"}
                        if cite.locator
                        else {}
                    ),
                    **({"prefix": cite.prefix} if cite.prefix else {}),
                    **({"suffix": cite.suffix} if cite.suffix else {}),
                }
                for cite in citation.items
            ],
        }
        for citation in document
    ]
    doc = tmp / "citations.json"
    doc.write_text(json.dumps(cites, ensure_ascii=False), "utf-8")
    result = subprocess.run(
        [
            "node",
            str(JS_DIR / "citations.js"),
            str(items),
            str(resolve_style(style).path),
            _locales_dir(),
            str(doc),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("style", STYLES)
def test_document_citations_match_citeproc_js(citeproc_js, tmp_path, style):  # noqa: F811
    records, document = _document()
    expected = _reference(citeproc_js, records, document, style, tmp_path)
    ours = format_document(records, document, style)
    differences = [
        f"[{i}] citeproc-js: {want}\n    ours:        {got}"
        for i, (want, got) in enumerate(zip(expected["citations"], ours.citations, strict=True))
        if want != got
    ]
    assert not differences, "\n".join(differences)
    assert [e["id"] for e in expected["bibliography"]] == list(ours.keys)


def _grouping_document() -> tuple[list[pantucci_bib.Record], list[Citation]]:
    """Same-author cites apart in a citation, with ties on every sort key (two interviews of
    one author, both ``ca. 2021``): the cases of cite grouping and tie order."""
    from pantucci_bib import PartialDate, Person, Record, RecordType

    yau = Person(family="Yau", given="Niva")
    lain = Person(family="Lain", given="Sarah")
    records = [
        Record(
            key=key,
            type=RecordType.INTERVIEW,
            title=title,
            author=(person,),
            container_title="Steppe Review",
            issued=PartialDate(year=year, circa=circa),
        )
        for key, title, person, year, circa in [
            ("yauSilk", "Silk roads revisited", yau, 2021, True),
            ("yauPorts", "Ports and pipelines", yau, 2021, True),
            ("lainBorders", "Borders at dusk", lain, 2019, False),
            ("yauEarly", "An early view", yau, 2015, False),
        ]
    ]
    document = [
        Citation([Cite("yauSilk", prefix="see"), Cite("yauPorts")], note_index=1),
        Citation([Cite("yauPorts"), Cite("yauSilk")], note_index=2),
        Citation([Cite("yauSilk"), Cite("lainBorders"), Cite("yauEarly")], note_index=3),
        Citation([Cite("lainBorders"), Cite("yauPorts"), Cite("yauEarly")], note_index=4),
    ]
    return records, document


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "ieee"])
def test_cite_grouping_and_ties_match_citeproc_js(citeproc_js, tmp_path, style):  # noqa: F811
    """A sorted citation gathers one author's cites as citeproc-js's grouped sort does; ties on
    the sort keys keep the citation's order, not the bibliography's (``bench/citations.py``
    found one apa citation in 10,000 that differed)."""
    records, document = _grouping_document()
    expected = _reference(citeproc_js, records, document, style, tmp_path)
    ours = format_document(records, document, style)
    assert list(ours.citations) == expected["citations"]


@pytest.mark.parametrize("style", ["chicago-author-date", "chicago-notes-bibliography", "ieee"])
def test_a_long_document_shared_between_workers_is_the_same(style, monkeypatch):
    """Past PARALLEL_CITATIONS the citations are rendered by forked workers, each a run of
    them: positions (ibid across a part's edge), disambiguation and numbers come out as one
    process makes them, and the work really leaves this process."""
    import os

    from conftest import synthetic_records
    from pantucci_bib.formatting import citations as formatting_citations
    from pantucci_bib.formatting.engine.citations import CitationRenderer

    records = synthetic_records(120)
    keys = [record.key for record in records]
    document = [
        Citation(
            [Cite(keys[(i * 7) % len(keys)], locator=str(i % 5) if i % 3 else None)]
            + ([Cite(keys[(i * 11) % len(keys)], prefix="see")] if i % 4 == 0 else []),
            note_index=i + 1,
        )
        for i in range(formatting_citations.PARALLEL_CITATIONS + 40)
    ]
    document[300] = document[299]  # an ibid where a part may end
    alone = format_document(records, document, style, workers=1)
    original = CitationRenderer.render_part
    seen: set[int] = set()

    def noting(self: CitationRenderer, start: int, stop: int) -> list[str]:
        seen.add(os.getpid())
        return original(self, start, stop)

    monkeypatch.setattr(CitationRenderer, "render_part", noting)
    shared = format_document(records, document, style, workers=2)
    assert shared == alone
    from pantucci_bib.formatting import workers as format_workers

    if format_workers._can_fork():  # every part rendered in a child (its `seen` is its own)
        assert not seen
    else:
        assert seen == {os.getpid()}
