"""The CRF that labels a reference string's tokens, its training and its shipped model.

The model (``data/labeller.crfsuite``) and its lexicon (``data/lexicon.json``) ship with the
package; they are trained on the training split of AnyStyle's labelled references (never
on the held-out split, see :mod:`.anystyle`) by :func:`build`, deterministically: the same
data, features and :data:`PARAMS` give the same bytes. ``python3 -m
pantucci_bib.endnotes.labeller`` rebuilds them. python-crfsuite is imported only here, on
first use.
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
#: of fold ``i % INNER_FOLDS``. 0: no second pass, as shipped.
INNER_FOLDS = 0
#: Out-of-fold lexicon: each training reference's features use the lexicon of the other
#: folds' references (see :func:`train`). 0: off, as shipped.
LEXICON_FOLDS = 0
#: Unsupervised word clusters as features (:mod:`.clusters`; training needs numpy, a built
#: table is JSON). Off, as shipped. By 5-fold cross-validation the three together give
#: 88.5 % against 87.1 % (past the 1-point margin), but labelling with them takes about
#: 1.5 times as long, over the 10 s per 10,000 references of issue 19 here
#: (docs/endnotes.md), so they are not shipped.
CLUSTERS = False
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


def train(
    references: Sequence[anystyle.Labelled],
    folder: Path,
    *,
    params: dict[str, Any] | None = None,
    inner: int = INNER_FOLDS,
    lexicon_folds: int = LEXICON_FOLDS,
    clusters: bool = CLUSTERS,
) -> None:
    """Train on ``references`` (in their order) and write the models and lexicon to ``folder``.

    The first pass is trained on every reference; with ``inner`` folds (0: no second pass),
    the second pass on the first-pass labels each reference gets from a model (and lexicon)
    trained on the other folds' references. With ``lexicon_folds`` (0: off), each training
    reference's features use the lexicon of the other folds' references (the lexicon saved
    is built on all); with ``clusters``, word clusters of the references' tokens
    (:mod:`.clusters`, needs numpy) are features too, and saved beside the lexicon.
    """
    import tempfile

    import pycrfsuite

    params = params or PARAMS
    folder.mkdir(parents=True, exist_ok=True)
    table: Table = {}
    if clusters:
        from pantucci_bib.endnotes.clusters import build as build_clusters

        table = build_clusters(r.tokens for r in references)
    lexicon = Lexicon.build((r.tokens, r.labels) for r in references)
    lexicons = _lexicons(references, lexicon_folds, table)
    first = [features(r.tokens, lex) for r, lex in zip(references, lexicons, strict=True)]
    gold = [r.labels for r in references]
    _fit(first, gold, params, folder / MODEL)
    text = json.dumps(lexicon.classes, ensure_ascii=False, sort_keys=True, indent=0)
    (folder / LEXICON).write_text(text + "\n", encoding="utf-8")
    (folder / CLUSTERS_FILE).unlink(missing_ok=True)
    if clusters:
        text = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        (folder / CLUSTERS_FILE).write_text(text + "\n", encoding="utf-8")
    (folder / SECOND).unlink(missing_ok=True)
    if not inner:
        return
    second: list[list[list[str]]] = [[] for _ in references]
    for fold in range(inner):
        rest = [r for i, r in enumerate(references) if i % inner != fold]
        sub = attrs.evolve(Lexicon.build((r.tokens, r.labels) for r in rest), clusters=table)
        subs = _lexicons(rest, lexicon_folds, table)
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / MODEL
            feats = [features(r.tokens, lex) for r, lex in zip(rest, subs, strict=True)]
            _fit(feats, [r.labels for r in rest], params, path)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            for i in range(fold, len(references), inner):
                tokens = references[i].tokens
                labels, marginals = _first_pass(tagger, features(tokens, sub))
                second[i] = second_pass(tokens, first[i], labels, marginals)
            tagger.close()
    _fit(second, gold, params, folder / SECOND)


def build(folder: Path = DATA, data: Path | None = None) -> None:
    """Train the shipped model from the AnyStyle data's training split into ``folder``."""
    data = data or anystyle.data_dir()
    if data is None:
        raise FileNotFoundError("AnyStyle data not found (set PANTUCCI_BIB_ANYSTYLE)")
    training, _ = anystyle.split(anystyle.read(data))
    train(training, folder)


class Labeller:
    """Labels tokens with a trained model (taggers per thread: crfsuite's are not shared)."""

    def __init__(self, folder: Path = DATA) -> None:
        classes = json.loads((folder / LEXICON).read_text(encoding="utf-8"))
        table: Table = {}
        if (folder / CLUSTERS_FILE).is_file():
            found = json.loads((folder / CLUSTERS_FILE).read_text(encoding="utf-8"))
            table = {w: tuple(ids) for w, ids in found.items()}
        self.lexicon = Lexicon({w: tuple(g) for w, g in classes.items()}, table)
        self._models = [str(folder / MODEL)]
        if (folder / SECOND).is_file():
            self._models.append(str(folder / SECOND))
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
        """The most likely label sequence for ``tokens`` and each label's marginal."""
        if not tokens:
            return Labelled((), (), ())
        taggers = self._taggers()
        feats = features(tokens, self.lexicon)
        if len(taggers) > 1:
            labels, marginals = _first_pass(taggers[0], feats)
            feats = second_pass(tokens, feats, labels, marginals)
        tagger = taggers[-1]
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
    print(f"wrote {DATA / MODEL} and {DATA / LEXICON}")
