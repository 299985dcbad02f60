"""The CRF that labels a reference string's tokens, its training and its shipped model.

The models (``data/labeller.crfsuite``, the first pass, and ``data/labeller2.crfsuite``, the
second) and the lexicon (``data/lexicon.json``) ship with the package; they are trained on
the training split of AnyStyle's labelled references (never on the held-out split, see
:mod:`.anystyle`) by :func:`build`, deterministically: the same data, features, word
clusters (``data/clusters.json``, a committed input, see :mod:`.clusters`) and
:data:`PARAMS` give the same bytes. ``python3 -m pantucci_bib.endnotes.labeller`` rebuilds
them. python-crfsuite is imported only here, on first use.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from pantucci_bib.endnotes import anystyle
from pantucci_bib.endnotes.features import Lexicon, features, second_pass

Table = dict[str, tuple[int, ...]]

DATA = Path(__file__).parent / "data"
MODEL = "labeller.crfsuite"
SECOND = "labeller2.crfsuite"
LEXICON = "lexicon.json"
CLUSTERS_FILE = "clusters.json"
#: A second pass (a CRF whose features add the first pass's labels, see
#: :func:`.features.second_pass`) is trained on first-pass labels of the training references
#: from models trained without them: reference ``i`` is labelled by the model of the others
#: of fold ``i % INNER_FOLDS``. 0: no second pass.
INNER_FOLDS = 5
#: Out-of-fold lexicon: each training reference's features use the lexicon of the other
#: folds' references (see :func:`train`). 0: off.
LEXICON_FOLDS = 5
#: Unsupervised word clusters as features (:mod:`.clusters`; the shipped table is the
#: committed ``data/clusters.json``, building one needs numpy). By 5-fold cross-validation
#: the three together give 88.5 % against 87.1 % for the first pass alone with the plain
#: lexicon (better in every fold; docs/endnotes.md), 88.6 % with the second pass re-tagging
#: only the references below :data:`SECOND_BELOW`.
CLUSTERS = True
#: The second pass re-tags only the references the first pass is unsure of: those with a
#: token whose first-pass marginal is under this (above 1: every reference; about 30 % of
#: references not trained on at 0.9); the others keep the first pass's labels. Chosen by
#: cross-validation (docs/endnotes.md, ``bench/references_selective.py``): 88.6 % against
#: 88.5 % re-tagging all, at about a third of the second pass's cost.
SECOND_BELOW = 0.9
#: L-BFGS with elastic-net regularisation; fixed, so that training is repeatable.
PARAMS: dict[str, Any] = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 100,
    "feature.possible_transitions": True,
}


@attrs.frozen
class Labelled:
    """A reference's tokens, a label per token, and the CRF's marginal probability of each."""

    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    confidence: tuple[float, ...]


def _fit(
    items: Sequence[list[list[str]]],
    labels: Sequence[Sequence[str]],
    params: dict[str, Any],
    path: Path,
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, these in zip(items, labels, strict=True):
        trainer.append(feats, list(these))
    trainer.set_params(params)
    trainer.train(str(path))


def _first_pass(tagger: Any, feats: list[list[str]]) -> tuple[tuple[str, ...], tuple[float, ...]]:
    labels = tuple(tagger.tag(feats))
    return labels, tuple(tagger.marginal(lab, i) for i, lab in enumerate(labels))


def _lexicons(
    references: Sequence[anystyle.Labelled], folds: int, clusters: Table
) -> list[Lexicon]:
    """The lexicon each of ``references`` gets its training features from: the lexicon of
    all of them (``folds`` 0), or that of the others of its fold (reference ``i`` in fold
    ``i % folds``), so that training sees the lexicon as it is on unseen references."""
    if not folds:
        whole = Lexicon.build((r.tokens, r.labels) for r in references)
        return [attrs.evolve(whole, clusters=clusters)] * len(references)
    per_fold = [
        Lexicon.build((r.tokens, r.labels) for i, r in enumerate(references) if i % folds != fold)
        for fold in range(folds)
    ]
    return [attrs.evolve(per_fold[i % folds], clusters=clusters) for i in range(len(references))]


def _inner_fold(
    rest: Sequence[anystyle.Labelled],
    held: Sequence[anystyle.Labelled],
    lexicon_folds: int,
    table: Table,
    params: dict[str, Any],
) -> list[tuple[tuple[str, ...], tuple[float, ...]]]:
    """First-pass labels and marginals of ``held`` from a model (and lexicon) trained on
    ``rest``: one inner fold of the second pass's training data. Self-contained (its
    arguments in, its labels out), so that folds can run in separate processes."""
    import tempfile

    import pycrfsuite

    sub = attrs.evolve(Lexicon.build((r.tokens, r.labels) for r in rest), clusters=table)
    subs = _lexicons(rest, lexicon_folds, table)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / MODEL
        feats = [features(r.tokens, lex) for r, lex in zip(rest, subs, strict=True)]
        _fit(feats, [r.labels for r in rest], params, path)
        del feats
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        found = [_first_pass(tagger, features(r.tokens, sub)) for r in held]
        tagger.close()
    return found


def _first_model(
    references: Sequence[anystyle.Labelled],
    lexicon_folds: int,
    table: Table,
    params: dict[str, Any],
    path: Path,
) -> None:
    """Train the first pass on ``references`` into ``path`` (a job of its own, like
    :func:`_inner_fold`)."""
    lexicons = _lexicons(references, lexicon_folds, table)
    first = [features(r.tokens, lex) for r, lex in zip(references, lexicons, strict=True)]
    _fit(first, [r.labels for r in references], params, path)


def train(
    references: Sequence[anystyle.Labelled],
    folder: Path,
    *,
    params: dict[str, Any] | None = None,
    inner: int = INNER_FOLDS,
    lexicon_folds: int = LEXICON_FOLDS,
    clusters: bool = CLUSTERS,
    table: Table | None = None,
    workers: int = 1,
) -> None:
    """Train on ``references`` (in their order) and write the models and lexicon to ``folder``.

    The first pass is trained on every reference; with ``inner`` folds (0: no second pass),
    the second pass on the first-pass labels each reference gets from a model (and lexicon)
    trained on the other folds' references. With ``lexicon_folds`` (0: off), each training
    reference's features use the lexicon of the other folds' references (the lexicon saved
    is built on all); with ``clusters``, word clusters are features too, and saved beside
    the lexicon: ``table`` if given (the shipped model's, a committed file, see
    :func:`build`), else built from ``references`` (:mod:`.clusters`, needs numpy).

    ``workers`` > 1 trains the inner folds' models and the first pass in that many
    processes. Each is trained from its own inputs alone and the results are put together
    in fold order, so the files written are the same bytes whatever ``workers`` is.
    """
    params = params or PARAMS
    folder.mkdir(parents=True, exist_ok=True)
    if not clusters:
        table = {}
    elif table is None:
        from pantucci_bib.endnotes.clusters import build as build_clusters

        table = build_clusters(r.tokens for r in references)
    lexicon = Lexicon.build((r.tokens, r.labels) for r in references)
    text = json.dumps(lexicon.classes, ensure_ascii=False, sort_keys=True, indent=0)
    (folder / LEXICON).write_text(text + "\n", encoding="utf-8")
    (folder / CLUSTERS_FILE).unlink(missing_ok=True)
    if clusters:
        text = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        (folder / CLUSTERS_FILE).write_text(text + "\n", encoding="utf-8")
    (folder / SECOND).unlink(missing_ok=True)
    folds = [
        (
            [r for i, r in enumerate(references) if i % inner != fold],
            references[fold::inner],
        )
        for fold in range(inner)
    ]
    found: list[list[tuple[tuple[str, ...], tuple[float, ...]]]]
    if workers > 1 and inner:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: a fresh interpreter per worker, safe in a threaded parent.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            jobs = [
                pool.submit(_inner_fold, rest, held, lexicon_folds, table, params)
                for rest, held in folds
            ]
            # the first pass does not feed the second: it runs beside the inner folds
            whole = pool.submit(
                _first_model, references, lexicon_folds, table, params, folder / MODEL
            )
            found = [job.result() for job in jobs]
            second = _second_features(references, lexicon_folds, table, found, inner)
            _fit(second, [r.labels for r in references], params, folder / SECOND)
            whole.result()
        return
    _first_model(references, lexicon_folds, table, params, folder / MODEL)
    if not inner:
        return
    found = [_inner_fold(rest, held, lexicon_folds, table, params) for rest, held in folds]
    second = _second_features(references, lexicon_folds, table, found, inner)
    _fit(second, [r.labels for r in references], params, folder / SECOND)


def _second_features(
    references: Sequence[anystyle.Labelled],
    lexicon_folds: int,
    table: Table,
    found: Sequence[Sequence[tuple[tuple[str, ...], tuple[float, ...]]]],
    inner: int,
) -> list[list[list[str]]]:
    """The second pass's training features: each reference's first-pass features (as the
    first pass was trained on them) and its out-of-fold first-pass labels (``found``, per
    inner fold, the fold's references in order)."""
    lexicons = _lexicons(references, lexicon_folds, table)
    second: list[list[list[str]]] = []
    for i, (reference, lex) in enumerate(zip(references, lexicons, strict=True)):
        labels, marginals = found[i % inner][i // inner]
        first = features(reference.tokens, lex)
        second.append(second_pass(reference.tokens, first, labels, marginals))
    return second


def build(folder: Path = DATA, data: Path | None = None, *, workers: int | None = None) -> None:
    """Train the shipped model from the AnyStyle data's training split into ``folder``.

    The word clusters are not rebuilt: they are the committed ``data/clusters.json``
    (written by ``python3 -m pantucci_bib.endnotes.clusters``, see there for why). The
    training runs in ``workers`` processes (default: one per CPU, at most 6); the bytes
    written do not depend on it.
    """
    import os

    data = data or anystyle.data_dir()
    if data is None:
        raise FileNotFoundError("AnyStyle data not found (set PANTUCCI_BIB_ANYSTYLE)")
    training, _ = anystyle.split(anystyle.read(data))
    table: Table | None = None
    if CLUSTERS:
        table = read_clusters(DATA / CLUSTERS_FILE)
    if workers is None:
        workers = min(os.cpu_count() or 1, INNER_FOLDS + 1)
    train(training, folder, table=table, workers=workers)


def read_clusters(path: Path) -> Table:
    """A saved cluster table (word → cluster ids)."""
    found = json.loads(path.read_text(encoding="utf-8"))
    return {w: tuple(ids) for w, ids in found.items()}


class Labeller:
    """Labels tokens with a trained model (taggers per thread: crfsuite's are not shared)."""

    def __init__(self, folder: Path = DATA, *, below: float | None = None) -> None:
        classes = json.loads((folder / LEXICON).read_text(encoding="utf-8"))
        table: Table = {}
        if (folder / CLUSTERS_FILE).is_file():
            table = read_clusters(folder / CLUSTERS_FILE)
        self.lexicon = Lexicon({w: tuple(g) for w, g in classes.items()}, table)
        self._models = [str(folder / MODEL)]
        if (folder / SECOND).is_file():
            self._models.append(str(folder / SECOND))
        #: With a second pass: it re-tags the references whose smallest first-pass
        #: marginal is under this (:data:`SECOND_BELOW` unless given; above 1: all).
        self.below = SECOND_BELOW if below is None else below
        self._local = threading.local()

    def _taggers(self) -> list[Any]:
        taggers = getattr(self._local, "taggers", None)
        if taggers is None:
            import pycrfsuite

            taggers = []
            for model in self._models:
                tagger = pycrfsuite.Tagger()
                tagger.open(model)
                taggers.append(tagger)
            self._local.taggers = taggers
        return taggers

    def label(self, tokens: Sequence[str], *, confidence: bool = True) -> Labelled:
        """The most likely label sequence for ``tokens`` and each label's marginal: the first
        pass's, or, when a second pass is there and a first-pass marginal is under
        :attr:`below`, the second pass's."""
        if not tokens:
            return Labelled((), (), ())
        taggers = self._taggers()
        feats = features(tokens, self.lexicon)
        tagger = taggers[0]
        if len(taggers) > 1:
            labels, marginals = _first_pass(tagger, feats)
            if min(marginals) >= self.below:  # sure enough: the first pass's labels stand
                return Labelled(tuple(tokens), labels, marginals if confidence else ())
            feats = second_pass(tokens, feats, labels, marginals)
            tagger = taggers[1]
        labels = tuple(tagger.tag(feats))
        marginals = ()
        if confidence:
            marginals = tuple(tagger.marginal(lab, i) for i, lab in enumerate(labels))
        return Labelled(tuple(tokens), labels, marginals)


@cache
def shipped() -> Labeller:
    """The labeller of the shipped model (loaded once per process)."""
    return Labeller(DATA)


if __name__ == "__main__":
    build()
    print(
        f"wrote {DATA / MODEL}, {DATA / SECOND} and {DATA / LEXICON} (from {DATA / CLUSTERS_FILE})"
    )
