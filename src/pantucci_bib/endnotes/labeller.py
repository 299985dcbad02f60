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
from pantucci_bib.endnotes.features import Lexicon, features

DATA = Path(__file__).parent / "data"
MODEL = "labeller.crfsuite"
LEXICON = "lexicon.json"
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


def train(
    references: Sequence[anystyle.Labelled], folder: Path, *, params: dict[str, Any] | None = None
) -> None:
    """Train on ``references`` (in their order) and write the model and lexicon to ``folder``."""
    import pycrfsuite

    lexicon = Lexicon.build((r.tokens, r.labels) for r in references)
    trainer = pycrfsuite.Trainer(verbose=False)
    for reference in references:
        trainer.append(features(reference.tokens, lexicon), list(reference.labels))
    trainer.set_params(params or PARAMS)
    folder.mkdir(parents=True, exist_ok=True)
    trainer.train(str(folder / MODEL))
    text = json.dumps(lexicon.classes, ensure_ascii=False, sort_keys=True, indent=0)
    (folder / LEXICON).write_text(text + "\n", encoding="utf-8")


def build(folder: Path = DATA, data: Path | None = None) -> None:
    """Train the shipped model from the AnyStyle data's training split into ``folder``."""
    data = data or anystyle.data_dir()
    if data is None:
        raise FileNotFoundError("AnyStyle data not found (set PANTUCCI_BIB_ANYSTYLE)")
    training, _ = anystyle.split(anystyle.read(data))
    train(training, folder)


class Labeller:
    """Labels tokens with a trained model (one tagger per thread: crfsuite's is not shared)."""

    def __init__(self, folder: Path = DATA) -> None:
        classes = json.loads((folder / LEXICON).read_text(encoding="utf-8"))
        self.lexicon = Lexicon({w: tuple(g) for w, g in classes.items()})
        self._model = str(folder / MODEL)
        self._local = threading.local()

    def _tagger(self) -> Any:
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open(self._model)
            self._local.tagger = tagger
        return tagger

    def label(self, tokens: Sequence[str], *, confidence: bool = True) -> Labelled:
        """The most likely label sequence for ``tokens`` and each label's marginal."""
        if not tokens:
            return Labelled((), (), ())
        tagger = self._tagger()
        labels = tuple(tagger.tag(features(tokens, self.lexicon)))
        marginals: tuple[float, ...] = ()
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
