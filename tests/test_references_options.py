"""The labeller's training variants (issue 19): out-of-fold lexicon, word clusters, the
second pass, training in several processes, and the evaluation's first-author rule. All
three variants are on in the shipped model (chosen by cross-validation,
``bench/references_cv.py``, docs/endnotes.md); each can be turned off in ``train``."""

from __future__ import annotations

import json

import pytest

from pantucci_bib.endnotes import anystyle, clusters
from pantucci_bib.endnotes.evaluate import cross_validate, key_fields
from pantucci_bib.endnotes.features import Lexicon, features
from pantucci_bib.endnotes.fields import record_fields
from pantucci_bib.endnotes.labeller import (
    CLUSTERS_FILE,
    DATA,
    LEXICON,
    MODEL,
    SECOND,
    Labeller,
    _lexicons,
    read_clusters,
    train,
)

DATA_DIR = anystyle.data_dir()
needs_data = pytest.mark.skipif(DATA_DIR is None, reason="AnyStyle data not found")
QUICK = {"c1": 0.1, "c2": 0.01, "max_iterations": 20}


def _refs() -> list[anystyle.Labelled]:
    base = [
        (
            ["Smith,", "J.", "(2001).", "A", "title.", "Journal", "of", "Things,", "3."],
            [
                "author",
                "author",
                "date",
                "title",
                "title",
                "journal",
                "journal",
                "journal",
                "volume",
            ],
        ),
        (
            ["Roe,", "R.", "(1999).", "Other", "words.", "Review", "of", "Stuff,", "7."],
            [
                "author",
                "author",
                "date",
                "title",
                "title",
                "journal",
                "journal",
                "journal",
                "volume",
            ],
        ),
        (
            ["Doe,", "A.", "2010.", "A", "book.", "London:", "Penguin."],
            ["author", "author", "date", "title", "title", "location", "publisher"],
        ),
    ]
    return [
        anystyle.Labelled(tuple(t), tuple(lab), f"x#{i}") for i, (t, lab) in enumerate(base * 4)
    ]


def test_clusters_are_deterministic_and_cover_the_frequent_words():
    pytest.importorskip("numpy")
    tokens = [r.tokens for r in _refs()]
    table = clusters.build(tokens, sizes=(2, 3), dimensions=3, least=3)
    assert table == clusters.build(tokens, sizes=(2, 3), dimensions=3, least=3)
    assert {"smith", "journal", "of"} <= set(table)
    assert all(len(ids) == 2 and 0 <= ids[0] < 2 and 0 <= ids[1] < 3 for ids in table.values())
    assert clusters.build(tokens[:1], sizes=(50,), least=3) == {}  # too few words


@needs_data
def test_the_committed_clusters_are_what_the_build_gives():
    """data/clusters.json is an input of the shipped model, not rebuilt with it: rebuilt from
    the training split (python3 -m pantucci_bib.endnotes.clusters), it must have the same
    words (counted exactly) and the same clusters, up to the few words that floating-point
    last bits on another CPU may move (on the machine that wrote it: all of them). The build
    is repeatable: twice on the same tokens, the same table."""
    pytest.importorskip("numpy")
    assert DATA_DIR is not None
    training, _ = anystyle.split(anystyle.read(DATA_DIR))
    committed = read_clusters(DATA / CLUSTERS_FILE)
    rebuilt = clusters.build(r.tokens for r in training)
    assert set(rebuilt) == set(committed) and len(committed) > 4000
    assert all(len(ids) == len(clusters.SIZES) for ids in committed.values())
    assert clusters.agreement(rebuilt, committed) >= 0.98
    assert clusters.agreement(committed, rebuilt) >= 0.98
    part = [r.tokens for r in training[::4]]
    assert clusters.build(part) == clusters.build(part)


def test_agreement_ignores_renumbering_and_counts_moved_words():
    table = {"a": (0,), "b": (0,), "c": (1,), "d": (1,)}
    assert clusters.agreement(table, {"a": (5,), "b": (5,), "c": (2,), "d": (2,)}) == 1.0
    assert clusters.agreement(table, {"a": (5,), "b": (2,), "c": (2,), "d": (2,)}) == 0.75


@needs_data
def test_training_in_processes_writes_the_same_bytes(tmp_path):
    """The inner folds and the first pass trained in two processes give the files one
    process gives (each job depends on its own inputs only)."""
    assert DATA_DIR is not None
    training, _ = anystyle.split(anystyle.read(DATA_DIR))
    table = read_clusters(DATA / CLUSTERS_FILE)
    options = {"params": QUICK, "inner": 3, "lexicon_folds": 2, "clusters": True, "table": table}
    train(training[::20], tmp_path / "one", workers=1, **options)
    train(training[::20], tmp_path / "two", workers=2, **options)
    for name in (LEXICON, CLUSTERS_FILE, MODEL, SECOND):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_cluster_features_reach_the_token_and_its_neighbours():
    lexicon = Lexicon({}, {"title": (4, 9), "a": (1, 2)})
    feats = features(["A", "title."], lexicon)
    assert {"cl0=4", "cl1=9", "-1:cl0=1"} <= set(feats[1])
    assert "1:cl0=4" in feats[0] and not any(
        f.startswith("cl") for f in features(["A"], Lexicon())[0]
    )


def test_out_of_fold_lexicons_leave_each_reference_out_of_its_own():
    refs = _refs()
    once = anystyle.Labelled(("Zed,", "Q.", "Zed,", "Q."), ("author",) * 4, "y#0")
    refs = [once, *refs]
    lexicons = _lexicons(refs, 3, {"zed": (1,)})
    assert "zed" not in lexicons[0].classes  # only reference 0 has "Zed"
    assert "zed" in lexicons[1].classes and lexicons[1].clusters == {"zed": (1,)}
    whole = _lexicons(refs, 0, {})
    assert all(lex is whole[0] for lex in whole) and "zed" in whole[0].classes


@needs_data
def test_lexicon_folds_and_clusters_train_and_label(tmp_path):
    pytest.importorskip("numpy")
    assert DATA_DIR is not None
    training, held = anystyle.split(anystyle.read(DATA_DIR))
    train(training[::10], tmp_path, params=QUICK, lexicon_folds=3, clusters=True, inner=2)
    table = json.loads((tmp_path / CLUSTERS_FILE).read_text(encoding="utf-8"))
    assert len(table) > 300 and (tmp_path / SECOND).is_file()
    labeller = Labeller(tmp_path)
    assert labeller.lexicon.clusters
    result = labeller.label(held[0].tokens, confidence=False)
    assert len(result.labels) == len(held[0].tokens)
    train(training[::10], tmp_path, params=QUICK, inner=0, lexicon_folds=0, clusters=False)
    assert not (tmp_path / CLUSTERS_FILE).exists() and not Labeller(tmp_path).lexicon.clusters


@needs_data
def test_cross_validation_passes_the_options_on():
    assert DATA_DIR is not None
    training, _ = anystyle.split(anystyle.read(DATA_DIR))
    results = cross_validate(training[:300:2], 2, params=QUICK, inner=0, lexicon_folds=2)
    assert len(results) == 2 and all(r.references == 75 for r in results)


def test_first_author_falls_back_to_editor_then_director():
    tokens = ["Davidson,", "J.", "(Director).", "(1999).", "A", "film."]
    labels = ["director"] * 3 + ["date", "title", "title"]
    assert key_fields(record_fields(tokens, labels))["first_author"] == "davidson"
    both = ["Roe,", "R.", "(ed.)", "Smith,", "J.", "(Director)."]
    fields = record_fields(both, ["editor"] * 3 + ["director"] * 3)
    assert key_fields(fields)["first_author"] == "roe"
    assert key_fields(record_fields(["A", "title."], ["title", "title"]))["first_author"] == ""


def test_a_model_with_clusters_labels_without_numpy(tmp_path):
    """Only training needs numpy: a model with a cluster table and a second pass labels in a
    process where numpy cannot be imported."""
    import subprocess
    import sys

    pytest.importorskip("numpy")
    refs = _refs()
    train(refs, tmp_path, params=QUICK, inner=2, lexicon_folds=2, clusters=True)
    assert (tmp_path / CLUSTERS_FILE).is_file()  # empty here: too few words to cluster
    (tmp_path / CLUSTERS_FILE).write_text('{"smith": [1, 2], "title": [0, 3]}\n', encoding="utf-8")
    script = (
        "import sys; sys.modules['numpy'] = None\n"
        "from pathlib import Path\n"
        "from pantucci_bib.endnotes.labeller import Labeller\n"
        f"labeller = Labeller(Path({str(tmp_path)!r}))\n"
        "print(' '.join(labeller.label('Smith, J. (2001). A title.'.split()).labels))"
    )
    run = [sys.executable, "-c", script]
    done = subprocess.run(run, capture_output=True, text=True, check=True)
    assert done.stdout.split()[:3] == ["author", "author", "date"], done.stdout


def test_a_token_of_punctuation_alone_is_not_a_word_of_the_compared_field():
    """ "Title. -" against "Title.": the same words; "Title" against "Title two" still differ."""
    tokens = ["Koeva,", "S.", "Verb", "aspect.", "-", "Cognitive", "Studies,", "11."]
    gold = ["author", "author", "title", "title", "title", "journal", "journal", "volume"]
    got = ["author", "author", "title", "title", "journal", "journal", "journal", "volume"]
    want, found = (key_fields(record_fields(tokens, labels)) for labels in (gold, got))
    assert want == found and want["title"] == "verb aspect"
    wrong = ["author", "author", "title", "title", "title", "title", "journal", "volume"]
    assert key_fields(record_fields(tokens, wrong))["title"] != want["title"]
