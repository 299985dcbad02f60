"""Unsupervised word clusters of the training references, an optional labeller feature.

Each frequent word (see :func:`.features.word`) is described by the words seen just before
and just after it in the training references (counts of the most frequent context words,
log-scaled, rows scaled to unit length), reduced by SVD to :data:`DIMENSIONS` dimensions and
clustered by k-means (k-means++ seeding with a fixed seed, a fixed number of Lloyd rounds)
into each of :data:`SIZES` clusters. Only the tokens are read, never the labels.

Building needs numpy (the ``training`` extra); a built table is plain JSON (word → cluster
ids) and labelling with it needs nothing.

On one machine the build is repeatable: the same tokens give the same table. Across
machines it is not guaranteed: the SVD and the k-means distances are floating point in
numpy's BLAS and LAPACK (OpenBLAS picks its kernels by CPU at run time), whose last bits can
differ between CPUs, and a word near the boundary of two clusters can then change cluster
(rounding the coordinates makes that rarer but cannot rule it out: a rounding boundary is a
boundary too). So the shipped model's table is not rebuilt when the model is: it is a
committed input, ``data/clusters.json``, written by ``python3 -m
pantucci_bib.endnotes.clusters`` from the training split, like a word list; the model's
byte-for-byte retrain starts from it (:func:`.labeller.build`), and the tests check that the
build is repeatable and that the committed table is what the build gives, up to such words
(:func:`agreement`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from pantucci_bib.endnotes.features import word

#: Cluster counts: a token gets one cluster id per size.
SIZES = (32, 128)
#: SVD dimensions the context vectors are reduced to.
DIMENSIONS = 60
#: Context words kept (the most frequent) on each side.
CONTEXTS = 1000
#: A word is clustered when seen at least this often.
LEAST = 3
SEED = 19
ROUNDS = 30

Table = dict[str, tuple[int, ...]]


def build(
    sequences: Iterable[Sequence[str]],
    *,
    sizes: Sequence[int] = SIZES,
    dimensions: int = DIMENSIONS,
    least: int = LEAST,
    seed: int = SEED,
) -> Table:
    """Cluster ids (one per entry of ``sizes``) of every word seen ``least`` times or more."""
    import numpy as np

    bare = [["<s>", *(word(t) or "<p>" for t in tokens), "</s>"] for tokens in sequences]
    counts: Counter[str] = Counter(w for seq in bare for w in seq[1:-1])
    vocabulary = sorted(w for w, n in counts.items() if n >= least)
    if len(vocabulary) < max(sizes, default=1):
        return {}
    row = {w: i for i, w in enumerate(vocabulary)}
    everything = Counter(w for seq in bare for w in seq)
    ranked = sorted(everything, key=lambda w: (-everything[w], w))[:CONTEXTS]
    column = {w: i for i, w in enumerate(ranked)}
    matrix = np.zeros((len(vocabulary), 2 * len(ranked)))
    for seq in bare:
        for index in range(1, len(seq) - 1):
            at = row.get(seq[index])
            if at is None:
                continue
            left, right = column.get(seq[index - 1]), column.get(seq[index + 1])
            if left is not None:
                matrix[at, left] += 1
            if right is not None:
                matrix[at, len(ranked) + right] += 1
    matrix = np.log1p(matrix)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    left_vectors, values, _ = np.linalg.svd(matrix, full_matrices=False)
    points = left_vectors[:, :dimensions] * values[:dimensions]
    points /= np.maximum(np.linalg.norm(points, axis=1, keepdims=True), 1e-12)
    # SVD fixes each column up to its sign: make the largest entry positive, then round.
    signs = np.sign(points[np.abs(points).argmax(axis=0), np.arange(points.shape[1])])
    points = np.round(points * np.where(signs == 0, 1, signs), 6)
    ids = [_kmeans(points, size, seed) for size in sizes]
    return {w: tuple(int(a[i]) for a in ids) for i, w in enumerate(vocabulary)}


def _kmeans(points: object, size: int, seed: int) -> list[int]:
    """Cluster of each row of ``points`` (k-means++ seeding, then :data:`ROUNDS` rounds)."""
    import numpy as np

    data = np.asarray(points)
    generator = np.random.default_rng(seed)
    centres = [data[int(generator.integers(len(data)))]]
    nearest = ((data - centres[0]) ** 2).sum(axis=1)
    for _ in range(1, size):
        chosen = int(generator.choice(len(data), p=nearest / nearest.sum()))
        centres.append(data[chosen])
        nearest = np.minimum(nearest, ((data - data[chosen]) ** 2).sum(axis=1))
    centre = np.array(centres)
    assignment = np.zeros(len(data), dtype=int)
    for _ in range(ROUNDS):
        distances = (data**2).sum(axis=1)[:, None] - 2 * data @ centre.T + (centre**2).sum(axis=1)
        assignment = distances.argmin(axis=1)
        for k in range(size):
            members = data[assignment == k]
            if len(members):
                centre[k] = members.mean(axis=0)
    # Number the clusters by their first word (alphabetical), so ids do not depend on seeding.
    order: dict[int, int] = {}
    for k in assignment.tolist():
        order.setdefault(int(k), len(order))
    return [order[int(k)] for k in assignment.tolist()]


def agreement(table: Table, other: Table) -> float:
    """The share of words in both tables whose clusters match, the worst of the sizes: each
    cluster of ``table`` is matched to the cluster of ``other`` holding most of its words
    (so a renumbering does not count, a word that moved does)."""
    shared = sorted(set(table) & set(other))
    if not shared:
        return 0.0
    worst = 1.0
    for size in range(len(table[shared[0]])):
        pairs = Counter((table[w][size], other[w][size]) for w in shared)
        best: dict[int, int] = {}
        for (mine, _), n in pairs.items():
            best[mine] = max(best.get(mine, 0), n)
        worst = min(worst, sum(best.values()) / len(shared))
    return worst


def main() -> None:
    """Build the shipped table from the AnyStyle training split into ``data/clusters.json``."""
    import json

    from pantucci_bib.endnotes import anystyle
    from pantucci_bib.endnotes.labeller import CLUSTERS_FILE, DATA

    data = anystyle.data_dir()
    if data is None:
        raise SystemExit("AnyStyle data not found (set PANTUCCI_BIB_ANYSTYLE)")
    training, _ = anystyle.split(anystyle.read(data))
    table = build(r.tokens for r in training)
    text = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (DATA / CLUSTERS_FILE).write_text(text + "\n", encoding="utf-8")
    print(f"wrote {DATA / CLUSTERS_FILE} ({len(table)} words)")


if __name__ == "__main__":
    main()
