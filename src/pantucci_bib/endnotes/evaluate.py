"""How well the labeller does on references it was not trained on.

Two measures, on the held-out split of the AnyStyle data (:func:`.anystyle.split`) or on
any labelled references: per-label token accuracy (of the tokens a label belongs to, the
share labelled so), and whole-reference accuracy: the share of references whose title,
first author's family name, year and container all come out as the hand labels give them
(both empty counts as right), read by the same :func:`.fields.record_fields` on both sides.
The first author is the first name of the first of :data:`CREATORS` the reference has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import attrs

from pantucci_bib.endnotes.anystyle import Labelled
from pantucci_bib.endnotes.features import word
from pantucci_bib.endnotes.fields import record_fields
from pantucci_bib.endnotes.labeller import Labeller

#: The fields of whole-reference accuracy.
KEY_FIELDS = ("title", "first_author", "year", "container")
#: Whose name is the first author, in this order: the first author, else the first editor,
#: else the first director or producer (a film's maker: AnyStyle labels "Davidson, J.
#: (Director)." director, not author, so a reference read right would have no first author).
CREATORS = ("author", "editor", "director", "producer")


@attrs.frozen
class Evaluation:
    """Figures of one evaluation run."""

    references: int
    tokens: int
    token_accuracy: float
    per_label: dict[str, tuple[float, int]]  # label → (accuracy, tokens)
    per_field: dict[str, float]  # KEY_FIELDS → share right
    whole: float  # share with every key field right
    wrong: tuple[str, ...] = ()  # where of the references not wholly right


def _words(text: str) -> str:
    """``text``'s words normalised by :func:`.features.word`, a token of punctuation alone
    ("–", "),") dropped rather than left as an empty word."""
    return " ".join(bare for bare in map(word, text.split()) if bare)


def key_fields(fields: dict[str, Any]) -> dict[str, str]:
    """The values whole-reference accuracy compares, normalised (case, accents, punctuation)."""
    authors = next((fields[role] for role in CREATORS if fields.get(role)), ())
    first = authors[0].family or authors[0].literal if authors else ""
    issued = fields.get("issued")
    return {
        "title": _words(str(fields.get("title", ""))),
        "first_author": word(first),
        "year": str(issued.year) if issued is not None and issued.year else "",
        "container": _words(str(fields.get("container_title", ""))),
    }


def expected(title: str, first_author: str, year: str, container: str) -> dict[str, str]:
    """Key fields written by hand, normalised as :func:`key_fields` normalises parsed ones."""
    return {
        "title": _words(title),
        "first_author": word(first_author),
        "year": year,
        "container": _words(container),
    }


def evaluate(references: Sequence[Labelled], labeller: Labeller) -> Evaluation:
    """Label ``references`` with ``labeller`` and compare with their hand labels."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    field_right: Counter[str] = Counter()
    wholly = 0
    wrong: list[str] = []
    for reference in references:
        predicted = labeller.label(reference.tokens, confidence=False).labels
        for gold, guess in zip(reference.labels, predicted, strict=True):
            total[gold] += 1
            right[gold] += gold == guess
        want = key_fields(record_fields(reference.tokens, reference.labels))
        got = key_fields(record_fields(reference.tokens, predicted))
        for name in KEY_FIELDS:
            field_right[name] += want[name] == got[name]
        if want == got:
            wholly += 1
        else:
            wrong.append(reference.where)
    count = len(references) or 1
    tokens = sum(total.values()) or 1
    return Evaluation(
        references=len(references),
        tokens=sum(total.values()),
        token_accuracy=sum(right.values()) / tokens,
        per_label={k: (right[k] / total[k], total[k]) for k in sorted(total)},
        per_field={k: field_right[k] / count for k in KEY_FIELDS},
        whole=wholly / count,
        wrong=tuple(wrong),
    )


def cross_validate(
    references: Sequence[Labelled],
    folds: int = 5,
    *,
    params: dict[str, Any] | None = None,
    inner: int | None = None,
    lexicon_folds: int | None = None,
    clusters: bool | None = None,
) -> list[Evaluation]:
    """k-fold cross-validation on ``references`` (meant for the training split only).

    Reference ``i`` is in fold ``i % folds``; each fold is labelled by a model trained (with
    :func:`.labeller.train`, lexicon and second pass included; ``inner``: its inner folds, 0 for
    no second pass; ``lexicon_folds`` and ``clusters``: see :func:`.labeller.train`, ``None``
    for the shipped setting) on the other folds. One evaluation per fold.
    """
    import tempfile
    from pathlib import Path

    from pantucci_bib.endnotes import labeller

    options: dict[str, Any] = {
        "inner": labeller.INNER_FOLDS if inner is None else inner,
        "lexicon_folds": labeller.LEXICON_FOLDS if lexicon_folds is None else lexicon_folds,
        "clusters": labeller.CLUSTERS if clusters is None else clusters,
    }

    results: list[Evaluation] = []
    for fold in range(folds):
        rest = [r for i, r in enumerate(references) if i % folds != fold]
        test = [r for i, r in enumerate(references) if i % folds == fold]
        with tempfile.TemporaryDirectory() as scratch:
            labeller.train(rest, Path(scratch), params=params, **options)
            results.append(evaluate(test, Labeller(Path(scratch))))
    return results


def pooled(results: Sequence[Evaluation]) -> dict[str, float]:
    """Token accuracy, key-field and whole-reference shares over folds, weighted by size."""
    refs = sum(r.references for r in results) or 1
    tokens = sum(r.tokens for r in results) or 1
    figures = {"token_accuracy": sum(r.token_accuracy * r.tokens for r in results) / tokens}
    for name in KEY_FIELDS:
        figures[name] = sum(r.per_field[name] * r.references for r in results) / refs
    figures["whole"] = sum(r.whole * r.references for r in results) / refs
    return figures
