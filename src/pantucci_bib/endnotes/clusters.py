"""Unsupervised word clusters of the training references, an optional labeller feature.

Each frequent word (see :func:`.features.word`) is described by the words seen just before
and just after it in the training references (counts of the most frequent context words,
log-scaled, rows scaled to unit length), reduced by SVD to :data:`DIMENSIONS` dimensions and
clustered by k-means (k-means++ seeding with a fixed seed, a fixed number of Lloyd rounds)
into each of :data:`SIZES` clusters. Only the tokens are read, never the labels.

Building needs numpy (the ``training`` extra); a built table is plain JSON (word → cluster
ids) and labelling with it needs nothing. The computation is deterministic: the same tokens
give the same table (coordinates are rounded before clustering, so that the last bits of
the linear algebra do not move a word).
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
