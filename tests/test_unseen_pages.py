"""Per-field accuracy on archive pages the extractor was not written against (issue 17).

The pages and their hand-made expectations are in tests/fixtures/unseen (``heldout/`` holds
two pages written before any change and never tuned on; ``heldout2/`` two more written after
the changes and measured before any tuning on them); the rules of the measurement are in
tests/support/page_accuracy.py. ``cd tests && python3 -m support.page_accuracy --misses``
prints the figures and every miss. The floors below are the figures reached so far: a change
that makes the extractor worse on these pages fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from pantucci_bib.model import PartialDate, Person, Record, RecordType
from support.page_accuracy import FIELDS, UNSEEN, measure, measure_page

#: folder → field → the lowest accepted rate (and "invented": the most invented records).
FLOORS: dict[str, dict[str, float]] = {
    "": {
        "recall": 0.95,
        "title": 0.95,
        "authors": 0.95,
        "outlet": 0.95,
        "date": 0.95,
        "invented": 0,
    },
    # written before any change; tuned on after its first figures (see docs/importing.md)
    "heldout": {"recall": 1, "title": 1, "authors": 1, "outlet": 1, "date": 1, "invented": 0},
    # heldout2 … heldout6: each written after the changes before it and measured once blind
    # (bench/results/page_accuracy_heldoutN_blind.json), then tuned on; the floors are the
    # figures after tuning, so a regression fails here
    **{
        name: {"recall": 1, "title": 1, "authors": 1, "outlet": 1, "date": 1, "invented": 0}
        for name in ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6")
    },
    # heldout7: written before the issue-17d changes, measured once blind (every field 0.05),
    # never tuned on phrase by phrase; its figures after the generic changes (every field 0.85)
    "heldout7": {
        "recall": 1,
        "title": 1,
        "authors": 0.9,
        "outlet": 0.95,
        "date": 1,
        "invented": 0,
    },
    # heldout8: written after the first issue-17d changes and measured once, blind (every
    # field 0.389), then tuned on with generic rules; the floors are the tuned figures
    "heldout8": {
        "recall": 0.944,
        "title": 0.944,
        "authors": 0.944,
        "outlet": 0.944,
        "date": 0.944,
        "invented": 0,
    },
    # heldout9: written after the heldout8 tuning, measured once, blind (every field 0.562),
    # then tuned on with generic rules; the floors are the tuned figures
    "heldout9": {"recall": 1, "title": 1, "authors": 1, "outlet": 1, "date": 1, "invented": 0},
    # heldout10: written after all the issue-17d changes and tuning, measured once, blind
    # (every field 0.4), never tuned on — the floors are its blind figures
    "heldout10": {
        "recall": 1,
        "title": 1,
        "authors": 0.466,
        "outlet": 0.8,
        "date": 0.933,
        "invented": 0,
    },
    # heldout11, heldout12: written by the issue-17e helper before its changes, measured once,
    # blind (every field 0.267 and 0.333; bench/results/page_accuracy_heldout1{1,2}_blind*.json),
    # then tuned on with generic rules; the floors are the TUNED figures, not blind ones
    **{
        name: {"recall": 1, "title": 1, "authors": 1, "outlet": 1, "date": 1, "invented": 0}
        for name in ("heldout11", "heldout12")
    },
    # heldout13: written after the issue-17e pass, measured once blind at every field 0.333
    # (bench/results/page_accuracy_heldout13_blind.json), then tuned on in issue-17f with
    # generic rules; the floors are the TUNED figures, not blind ones
    "heldout13": {"recall": 1, "title": 1, "authors": 1, "outlet": 1, "date": 1, "invented": 0},
    # heldout14, heldout15: written blind (no page rules read) while the issue-17f pass was
    # made, measured once blind at every field 0.412 / 0.5 after 17f, then tuned on in 17g
    # (generic rules only; blind figures in bench/results/page_accuracy_heldout14_15_blind.json);
    # the floors are the TUNED figures (17h fixed the misses 17g left on them, generic rules)
    "heldout14": {
        "recall": 1,
        "title": 1,
        "authors": 1,  # 17h: "Compiled by A B: …", "Our article in the X, by A and B; …"
        "outlet": 1,
        "date": 1,
        "invented": 0,
    },
    "heldout15": {
        "recall": 1,
        "title": 1,
        "authors": 1,
        "outlet": 1,  # 17h: "Written with A B, who …; it came out in … the X" an intro
        "date": 1,
        "invented": 0,
    },
    # heldout16: written blind while the issue-17g pass was made, measured once after it,
    # blind (every field 0.235, 5 invented; bench/results/page_accuracy_heldout16_blind.json),
    # then tuned on in 17h (generic rules only; bench/results/page_accuracy_heldout16_tuned.json);
    # the floors are the TUNED figures, not blind ones
    "heldout16": {
        "recall": 1,
        "title": 1,
        "authors": 1,
        "outlet": 1,
        "date": 1,
        "invented": 0,
    },
    # heldout17: written blind while the issue-17h pass was made, measured once after it,
    # blind (every field 0.154, recall 0.5, 4 invented; one page read as "no posts found";
    # bench/results/page_accuracy_heldout17_blind.json), then TUNED on in 17i (generic rules
    # only; bench/results/page_accuracy_heldout17_tuned.json): the floors are the TUNED
    # figures, not blind ones
    "heldout17": {
        "recall": 1,
        "title": 1,
        "authors": 0.962,
        "outlet": 0.885,
        "date": 0.962,
        "invented": 0,
    },
    # heldout18: written blind while the issue-17i pass was made (two pages, not the four
    # asked for), measured once after it, blind (every field 0.222, recall 0.556, 7 invented;
    # bench/results/page_accuracy_heldout18_blind.json); the floors are those BLIND figures
    "heldout18": {
        "recall": 0.556,
        "title": 0.556,
        "authors": 0.222,
        "outlet": 0.556,
        "date": 0.556,
        "invented": 7,
    },
}


def test_every_held_out_folder_has_a_floor() -> None:
    from support.page_accuracy import held_out_folders

    assert set(held_out_folders()) <= set(FLOORS)


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_accuracy_not_below_floor(folder: str) -> None:
    figures = measure(UNSEEN / folder if folder else UNSEEN).as_dict()
    floor = FLOORS[folder]
    assert figures["invented records"] <= floor["invented"], figures["misses"]
    for field in ("recall", *FIELDS):
        assert figures[field] >= floor[field], (field, figures["misses"])


def test_measurement_counts_misses_and_inventions(tmp_path: Path) -> None:
    spec = {
        "page": "p.txt",
        "records": [
            {"title": "A", "authors": [["Doe", "Jo"]], "outlet": "The X", "date": "2020-01-02"},
            {"title": None, "authors": [], "outlet": "Y", "date": None},
        ],
    }
    path = tmp_path / "p.expected.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    got = [
        Record(
            key="a",
            type=RecordType.ARTICLE_NEWSPAPER,
            title="A",
            author=(Person(family="Doe", given="Jo"),),
            container_title="x",
            issued=PartialDate(2020, 1, 2, 9, 30),
        ),
        Record(key="b", type=RecordType.POST_WEBLOG, title="Invented"),
    ]
    figures = measure_page(path, got)
    assert (figures.matched, figures.invented) == (1, 1)
    assert figures.right == {"title": 1, "authors": 1, "outlet": 1, "date": 1}
    assert figures.all_right == 1
    wrong_date = [attrs.evolve(got[0], issued=PartialDate(2020, circa=True))]
    assert measure_page(path, wrong_date).right["date"] == 0


def test_html_and_text_of_the_same_page_give_the_same_records():
    from pantucci_bib import extract

    def fields(name: str) -> list[tuple[object, ...]]:
        return [
            (
                r.title,
                r.author,
                r.translator,
                r.container_title,
                r.type,
                r.issued.edtf() if r.issued else None,
                r.keywords,
            )
            for r in extract(UNSEEN / name).records
        ]

    text = fields("category_corridors.txt")
    assert len(text) == 5
    assert fields("category_corridors.html") == text
