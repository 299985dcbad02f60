"""The engine's input: records converted when first asked for, and parsed as citeproc-py would.

:class:`~pantucci_bib.formatting.common.EngineItems` converts a record to its engine item only
when a renderer asks for it (in a forked worker, the records that worker renders), and
``_Source._parse`` builds citeproc-py's ``Reference`` without the argument sets citeproc-py
makes for every item; both must give what the eager path gave.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest
from citeproc.source.json import CiteProcJSON

import pantucci_bib
from pantucci_bib.formats.csl_json.write import csl_item
from pantucci_bib.formatting.common import EngineItems, engine_item, item_ids, unknown_names
from pantucci_bib.formatting.engine.renderer import _Source
from test_user_library import synthetic_library


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[pantucci_bib.Record]:
    path = tmp_path_factory.mktemp("items") / "library.json"
    path.write_text(json.dumps(synthetic_library(300), ensure_ascii=False), "utf-8")
    return list(pantucci_bib.load(path).records) + list(pantucci_bib.corpus())


def _eager(record: pantucci_bib.Record) -> dict[str, Any]:
    return engine_item(csl_item(record, decoded=True), record.key)


def test_items_are_converted_when_asked_for(records: list[pantucci_bib.Record]) -> None:
    items = EngineItems(records)
    assert item_ids(items) == [record.key for record in records]
    assert items._items.count(None) == len(records)  # nothing converted for the keys
    assert items[7] == _eager(records[7])
    assert [i for i, item in enumerate(items._items) if item is not None] == [7]
    assert items[7] is items[7]  # converted once
    assert items[2:4] == [_eager(records[2]), _eager(records[3])]
    assert list(items) == [_eager(record) for record in records]


def _shape(value: Any) -> Any:
    """A parsed value with the type of every part, so that String and NoCase differ."""
    if isinstance(value, dict):
        return (type(value).__name__, {k: _shape(v) for k, v in value.items()})
    if isinstance(value, list):
        return (type(value).__name__, [_shape(v) for v in value])
    return (type(value).__name__, str(value))


def test_references_parse_as_citeproc_py_parses_them(records: list[pantucci_bib.Record]) -> None:
    items = [_eager(record) for record in records]
    items.append({"id": "X", "type": "book", "title": 'A <span class="nocase">iPod</span> b'})
    items.append({"id": "Y", "type": "book", "title": "", "language": "de", "shortTitle": "S"})
    # dates and names at the edges of the parser's quick paths
    dates = {
        "issued": {"date-parts": [[2001, 2, 3, 4]], "circa": 1},
        "accessed": {"date-parts": [["2001", 2]]},
        "submitted": {"date-parts": [[2001]], "season": 2},
        "event-date": {"date-parts": [[2001], [2002, 5]]},
        "original-date": {"literal": "Spring"},
    }
    items.append({"id": "D1", "type": "book", **dates})
    names = [{"literal": "WHO"}, {}, {"family": "Doe", "given": "J", "parse-names": "false"}]
    items.append({"id": "N1", "type": "book", "author": names})
    source = _Source(items, [str(item["id"]) for item in items])
    for item in items:
        own = source[str(item["id"]).lower()]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (the same warnings; checked below)
            theirs = dict.__getitem__(CiteProcJSON([item]), str(item["id"]).lower())
        # the source adds the hyphenated spelling of name variables and reads CSL 1.0.2's
        # name variables as names (which citeproc-py reads as text): the rest is the same
        newer = {name.replace("-", "_") for name in unknown_names()}
        shared = (theirs.keys() & own.keys()) - newer
        assert shared == theirs.keys() - newer
        assert {k: _shape(own[k]) for k in shared} == {k: _shape(theirs[k]) for k in shared}
        assert list(own)[:2] == ["key", "type"]


def test_an_unknown_variable_warns_as_citeproc_py_warns() -> None:
    item = {"id": "Z", "type": "book", "title": "T", "colour": "blue"}
    source = _Source([item], ["Z"])
    with pytest.warns(UserWarning, match="unsupported: colour"):
        reference = source["z"]
    assert str(reference["colour"]) == "blue"  # kept, as citeproc-py keeps it


def test_a_numeric_citation_converts_no_record(monkeypatch: pytest.MonkeyPatch) -> None:
    """A numeric cite reads no variable of its item, so its record is never converted."""
    from pantucci_bib import Citation, Cite
    from pantucci_bib.formatting import citations as formatting_citations

    corpus = list(pantucci_bib.corpus())[:3]
    seen: list[EngineItems] = []

    def spy(cited: Any, **options: Any) -> EngineItems:
        seen.append(EngineItems(cited, **options))
        return seen[-1]

    monkeypatch.setattr(formatting_citations, "EngineItems", spy)
    texts = pantucci_bib.format_citations(
        corpus, [Citation([Cite(r.key)]) for r in corpus], "ieee", workers=1
    )
    assert texts == ["[1]", "[2]", "[3]"]
    assert seen and seen[0]._items == [None, None, None]


def test_the_trigraph_is_made_only_for_a_style_that_prints_it(
    records: list[pantucci_bib.Record], tmp_path: Any
) -> None:
    """``citation-label``: made for every item of a style that names the variable, for none
    of another (the trigraph is per-item work a style like IEEE never reads)."""
    from pantucci_bib.formatting.common import prints_citation_label
    from pantucci_bib.styles import resolve_style

    assert not prints_citation_label(resolve_style("ieee"))
    labelled = tmp_path / "labels.csl"
    labelled.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Labels</title><id>labels</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="citation-label"/></layout></citation>
  <bibliography><layout>
    <text variable="citation-label" prefix="[" suffix="] "/><text variable="title"/>
  </layout></bibliography>
</style>
""",
        "utf-8",
    )
    assert prints_citation_label(resolve_style(str(labelled)))
    keyed = [r for r in records if r.author][:5]
    assert all("citation-label" in item for item in EngineItems(keyed, labels=True)[:])
    assert not any("citation-label" in item for item in EngineItems(keyed, labels=False)[:])
    from pantucci_bib.formatting import format_entries

    labels = {item["id"]: item["citation-label"] for item in EngineItems(keyed)[:]}
    entries = format_entries(keyed, str(labelled), cache=False, workers=1)
    assert len(entries) == len(keyed)
    assert all(labels[key] in text for key, text in entries), entries


def _general(source: _Source, key: str) -> Any:
    """The Reference of ``key`` by the general path (the engine item parsed)."""
    items = source._items
    keep = items.record_for_reference
    items.record_for_reference = lambda index: None  # type: ignore[method-assign]
    try:
        return source[key]
    finally:
        items.record_for_reference = keep  # type: ignore[method-assign]


def _edge_records() -> list[pantucci_bib.Record]:
    from pantucci_bib.model import OriginalPublication, PartialDate, Person, Relation, Verbatim

    person = Person(family="Gaulle", given="Charles", dropping_particle="de", comma_suffix=True)
    return [
        pantucci_bib.Record(
            key="Every1",
            type="chapter",
            title='T <i>it</i> and <span class="nocase">iPod</span>',
            author=[
                person,
                Person(literal="WHO"),
                Person(family="Mao", given="Z", family_first=True),
            ],
            editor=[Person(family="Roe")],
            issued=PartialDate(2001, 2, end_year=2001, end_month=4, circa=True),
            accessed=PartialDate(2020, season="2"),
            language="de",
            keywords=["a", "b"],
            relations=[Relation("cites", "Other")],
            original=OriginalPublication(
                kind="translation", title="O", author=[person], issued=PartialDate(1990)
            ),
        ),
        pantucci_bib.Record(key="lit", type="book", title="L", issued=PartialDate(literal="n.d.")),
        pantucci_bib.Record(key="res", type="book", title="x\ue001y"),  # a reserved character
        pantucci_bib.Record(key="note", type="book", title="N", note="original-date: 1850"),
        pantucci_bib.Record(key="chair", type="book", title="C", chair=[Person(family="Ch")]),
        pantucci_bib.Record(
            key="kept", type="book", title="K", extra=[Verbatim("csl-json", "volume", '"3a"', "")]
        ),
    ]


def test_a_reference_made_from_the_record_is_the_engine_items(
    records: list[pantucci_bib.Record],
) -> None:
    """``references.direct_reference`` gives the Reference the general path gives, key for
    key and part for part, or gives way to it."""
    from pantucci_bib.formatting.engine.references import direct_reference

    every = [*records, *_edge_records()]
    items = EngineItems(every, labels=False)
    source = _Source(items, items.ids)
    direct = 0
    for record in every:
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            made = direct_reference(record, source)
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            general = _general(
                _Source(EngineItems([record], labels=False), [record.key]), record.key.lower()
            )
        if made is None:
            # given way: a reserved character, note variables, a name variable read as text,
            # a field kept as written, a variable citeproc-py does not take (and warns of)
            unsupported = any("unsupported" in str(w.message) for w in said)
            assert record.key in ("res", "note", "chair", "kept") or unsupported or record.extra
            continue
        assert [str(w.message) for w in warned] == [str(w.message) for w in said], record.key
        direct += 1
        assert list(made) == list(general)[: len(made)], record.key
        assert {k: _shape(v) for k, v in made.items()} == {
            k: _shape(v) for k, v in general.items() if k in made
        }, record.key
        # what the general path adds beyond: the hyphenated spellings (added to both)
        assert set(general) - set(made) <= {
            "original-author",
            "container-author",
            "collection-editor",
            "editorial-director",
        }
    assert direct > len(records) * 0.9
    edges = {r.key: direct_reference(r, source) is not None for r in _edge_records()}
    assert edges == {"Every1": True, "lit": True, "res": False, "note": False, "chair": False,
                     "kept": False}  # fmt: skip
    with_labels = EngineItems(every[:3], labels=True)
    assert with_labels.record_for_reference(0) is None  # a citation label needs the item
