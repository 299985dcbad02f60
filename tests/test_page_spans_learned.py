"""The experimental token-span labeller of authors, outlets and dates (issue 17).

The figures are in docs/importing.md ("Learned field spans: an experiment"); these tests
check that the alignment labels the words a fixture's expectation names, and that training on
the other folders and labelling a held-out one is repeatable.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pantucci_bib.pages import learn, span_learn
from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.span_tokens import SpanModel, label_block

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"

pytest.importorskip("pycrfsuite")


def _astra() -> list[span_learn.SpanPage]:
    pages = [
        p
        for p in learn.labelled_pages()
        if p.expected_file.name == "category_security_astra.expected.json"
    ]
    assert [p.folder for p in pages] == ["heldout18"]
    return span_learn.span_pages(pages)


def test_alignment_labels_a_fixture_page() -> None:
    (page,) = _astra()
    by_title = {p.want["title"]: p for p in page.posts if p.want}
    post = by_title["After the Bishkek Embassy Attack, Three Years On"]
    assert post.found == {"authors", "outlet", "date"}
    labelled = {
        (t.text, label) for tb in post.blocks for t, label in zip(tb.tokens, tb.labels, strict=True)
    }
    assert {("Madina", "AUTHOR"), ("Tokhtarova", "AUTHOR"), ("Feb", "DATE")} <= labelled
    credit = by_title["Private Guards on the Pamir Highway"]
    outlet = [
        t.text
        for tb in credit.blocks
        for t, label in zip(tb.tokens, tb.labels, strict=True)
        if label == "OUTLET"
    ]
    assert outlet == ["Meridian", "Security", "Review"]


def test_label_block_keeps_punctuation_outside_names() -> None:
    want = {"title": "T", "authors": [["Doe", "Jane"]], "outlet": "The Daily Star", "date": None}
    block = Block(1, "By Jane Doe, for The Daily Star.")
    labelled, found = label_block(block, "byline", want, span_learn.bundled_directory())
    pairs = [(t.text, label) for t, label in zip(labelled.tokens, labelled.labels, strict=True)]
    assert pairs[:4] == [("By", "O"), ("Jane", "AUTHOR"), ("Doe", "AUTHOR"), (",", "O")]
    assert ("Star", "OUTLET") in pairs and pairs[-1] == (".", "O")
    assert found == {"author Doe", "outlet"}


def test_lofo_training_and_labelling_repeat(tmp_path: Path) -> None:
    everything = span_learn.span_pages()
    (held,) = _astra()
    training = [p for p in everything if p.folder != "heldout18"]
    assert training and all(p.folder != "heldout18" for p in training)
    runs = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.crfsuite"
        span_learn.train(training, path)
        model = SpanModel(path)
        runs.append([model.tag(post)[0] for post in held.posts])
    assert runs[0] == runs[1]
    assert any("AUTHOR" in tags for tags in runs[0])
    page = UNSEEN / "heldout18" / held.expected_file.name.replace(".expected.json", ".html")
    records = span_learn.span_records(page, model, "fill")
    assert records == span_learn.span_records(page, model, "fill")
    assert span_learn.span_records(page, None, "rules") == span_learn.span_records(
        page, model, "rules"
    )
