"""Cross-validation of a *selective* second pass of the reference labeller (issue 19).

    python bench/references_selective.py CACHE first           # outer folds' first passes
    python bench/references_selective.py CACHE second full     # a second CRF per outer fold
    python bench/references_selective.py CACHE second lean     # the cheaper second pass
    python bench/references_selective.py CACHE score full [lean ...]

Same folds as ``bench/references_cv.py`` (reference i of the training split in outer fold
i mod 5; the held-out split is never read), variant (b)'s training per outer fold (word
clusters of the fold's training references, out-of-fold lexicon, inner folds for the second
pass's training labels). ``first`` trains, per outer fold, the first pass and the five
inner-fold models (in two processes) and keeps in ``CACHE`` the first pass's labels,
marginals and sequence probability of the fold's test references and the inner folds'
labels of its training references. ``second VARIANT`` trains the second CRF of each outer
fold from those (``full``: :func:`.features.second_pass`; ``lean``: the label features with
only a few of the first pass's; ``chunks``: ``full`` and punctuation-chunk features;
``full-unsure``/``lean-unsure``: trained on the references
the inner folds' first pass was unsure of only) and keeps its labels of the test
references (with their marginals and sequence probability). ``score`` reads the cache and
prints, per gate and threshold, the share of references re-tagged and the CV accuracy when
the second pass's labels replace the first's on those references only (and, where the
second pass's marginals are kept, when the surer pass's labels are kept). Run by hand.
"""

from __future__ import annotations

import argparse
import multiprocessing
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import attrs

from pantucci_bib.endnotes import anystyle, features, labeller
from pantucci_bib.endnotes.evaluate import key_fields
from pantucci_bib.endnotes.fields import record_fields

FOLDS = 5
INNER = 5
LEXICON_FOLDS = 5
Found = tuple[tuple[str, ...], tuple[float, ...], float]


def _training() -> list[anystyle.Labelled]:
    folder = anystyle.data_dir()
    if folder is None:
        sys.exit("AnyStyle data not found")
    return anystyle.split(anystyle.read(folder))[0]


def _tag(tagger: Any, feats: list[list[str]]) -> Found:
    labels = tuple(tagger.tag(feats))
    marginals = tuple(tagger.marginal(lab, i) for i, lab in enumerate(labels))
    return labels, marginals, tagger.probability(list(labels))


def _first_job(
    rest: Sequence[anystyle.Labelled],
    test: Sequence[anystyle.Labelled],
    table: labeller.Table,
) -> list[Found]:
    """Train the first pass (out-of-fold lexicon, clusters) on ``rest``; tag ``test``."""
    import pycrfsuite

    lexicon = attrs.evolve(
        features.Lexicon.build((r.tokens, r.labels) for r in rest), clusters=table
    )
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "first.crfsuite"
        labeller._first_model(rest, LEXICON_FOLDS, table, dict(labeller.PARAMS), path)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        found = [_tag(tagger, features.features(r.tokens, lexicon)) for r in test]
        tagger.close()
    return found


def first(cache: Path) -> None:
    """The outer folds' first passes and inner folds, into ``cache``."""
    from pantucci_bib.endnotes.clusters import build as build_clusters

    training = _training()
    cache.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        for fold in range(FOLDS):
            if (cache / f"first{fold}.pickle").exists():
                continue
            rest = [r for i, r in enumerate(training) if i % FOLDS != fold]
            test = training[fold::FOLDS]
            table = build_clusters(r.tokens for r in rest)
            inner = [
                pool.submit(
                    labeller._inner_fold,
                    [r for i, r in enumerate(rest) if i % INNER != k],
                    rest[k::INNER],
                    LEXICON_FOLDS,
                    table,
                    dict(labeller.PARAMS),
                )
                for k in range(INNER)
            ]
            outer = pool.submit(_first_job, rest, test, table)
            saved = {
                "table": table,
                "inner": [job.result() for job in inner],
                "test": outer.result(),
            }
            (cache / f"first{fold}.pickle").write_bytes(pickle.dumps(saved))
            print(f"fold {fold} first pass done ({time.perf_counter() - start:.0f} s)", flush=True)


def lean_pass(
    tokens: Sequence[str],
    first: Sequence[Sequence[str]],
    labels: Sequence[str],
    marginals: Sequence[float],
) -> list[list[str]]:
    """The cheaper second pass: :func:`.features.second_pass`'s label features, and of the
    first pass's only the bias, the word and the neighbours' words."""
    full = features.second_pass(tokens, [[] for _ in tokens], labels, marginals)
    keep = ("bias", "w=", "-1:w=", "1:w=", "shape=")
    return [
        [f for f in own if f.startswith(keep)] + extra
        for own, extra in zip(first, full, strict=True)
    ]


def chunk_pass(
    tokens: Sequence[str],
    first: Sequence[Sequence[str]],
    labels: Sequence[str],
    marginals: Sequence[float],
) -> list[list[str]]:
    """:func:`.features.second_pass` and features of the token's punctuation chunk: its index,
    length, capitals, year or digits, quotation, leading "In"/"//", the place in the chunk,
    the neighbouring chunks' length and capitals."""
    full = features.second_pass(tokens, first, labels, marginals)
    chunk_of = features._chunks(tokens)
    members: dict[int, list[str]] = {}
    for chunk, token in zip(chunk_of, tokens, strict=True):
        members.setdefault(chunk, []).append(token)
    described: dict[int, list[str]] = {}
    for chunk, words in members.items():
        caps = sum(w[:1].isupper() for w in words) / len(words)
        made = [f"K={min(chunk, 8)}", f"Klen={min(len(words), 8)}", f"Kcaps={round(caps * 4)}"]
        if any(features._YEAR.match(w) for w in words):
            made.append("Kyear")
        elif any(ch.isdigit() for w in words for ch in w):
            made.append("Kdigits")
        if words[0][:1] in features._OPEN_QUOTES:
            made.append("Kquoted")
        lead = features.word(words[0])
        if lead in ("in", "//", "retrieved", "available", "accessed"):
            made.append(f"Klead={lead}")
        described[chunk] = made
    result = []
    place = 0
    for index, feats in enumerate(full):
        chunk = chunk_of[index]
        place = place + 1 if index and chunk_of[index - 1] == chunk else 0
        extra = [*described[chunk], f"Kplace={min(place, 3)}"]
        for side, other in (("-", chunk - 1), ("+", chunk + 1)):
            near = members.get(other)
            if near is None:
                extra.append(f"K{side}none")
            else:
                extra.append(f"K{side}len={min(len(near), 8)}")
                extra.append(
                    f"K{side}caps={round(sum(w[:1].isupper() for w in near) / len(near) * 4)}"
                )
        result.append(feats + extra)
    return result


VARIANTS: dict[str, Callable[..., list[list[str]]]] = {
    "full": features.second_pass,
    "lean": lean_pass,
    "chunks": chunk_pass,
}


def _unsure(marginals: Sequence[float], least: float = 0.9) -> bool:
    return min(marginals) < least


def _second_job(
    fold: int, variant: str, training: Sequence[anystyle.Labelled], cache: Path
) -> list[Found]:
    import pycrfsuite

    kind, _, only = variant.partition("-")
    make = VARIANTS[kind]
    saved = pickle.loads((cache / f"first{fold}.pickle").read_bytes())
    table = saved["table"]
    rest = [r for i, r in enumerate(training) if i % FOLDS != fold]
    test = training[fold::FOLDS]
    lexicons = labeller._lexicons(rest, LEXICON_FOLDS, table)
    items, gold = [], []
    for i, (ref, lex) in enumerate(zip(rest, lexicons, strict=True)):
        labels, marginals = saved["inner"][i % INNER][i // INNER][:2]
        if only and not _unsure(marginals):
            continue
        items.append(make(ref.tokens, features.features(ref.tokens, lex), labels, marginals))
        gold.append(ref.labels)
    lexicon = attrs.evolve(
        features.Lexicon.build((r.tokens, r.labels) for r in rest), clusters=table
    )
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "second.crfsuite"
        labeller._fit(items, gold, dict(labeller.PARAMS), path)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        got = []
        for ref, (labels, marginals, _) in zip(test, saved["test"], strict=True):
            feats = make(ref.tokens, features.features(ref.tokens, lexicon), labels, marginals)
            got.append(_tag(tagger, feats))
        tagger.close()
    print(f"fold {fold} {variant}: trained on {len(items)}", flush=True)
    return got


def second(cache: Path, variant: str) -> None:
    """The second CRF of each outer fold (``variant``), its labels of the test references."""
    training = _training()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        jobs = [pool.submit(_second_job, f, variant, training, cache) for f in range(FOLDS)]
        got = [job.result() for job in jobs]
    (cache / f"second-{variant}.pickle").write_bytes(pickle.dumps(got))


#: Labels at the boundaries most misses are at (title, container, publisher, place).
BOUNDARY = frozenset(
    ("title", "journal", "container-title", "publisher", "location", "collection-title", "note")
)
#: A reference's confidence by each gate (larger: surer); re-tagged when under a threshold.
GATES: dict[str, Callable[[Sequence[str], Sequence[float], float], float]] = {
    "min marginal": lambda lab, m, p: min(m),
    "mean marginal": lambda lab, m, p: sum(m) / len(m),
    "sequence probability": lambda lab, m, p: p,
    "min marginal at boundary labels": lambda lab, m, p: min(
        (x for x, y in zip(m, lab, strict=True) if y in BOUNDARY), default=1.0
    ),
}
THRESHOLDS = (0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1.01)


def score(cache: Path, variants: Sequence[str]) -> None:
    """CV accuracy per gate and threshold (share re-tagged, all four right, fixed/broken)."""
    training = _training()
    firsts = [pickle.loads((cache / f"first{f}.pickle").read_bytes())["test"] for f in range(5)]
    seconds = {v: pickle.loads((cache / f"second-{v}.pickle").read_bytes()) for v in variants}
    rows = []  # (fold, reference, first found, second labels per variant)
    for fold in range(FOLDS):
        for k, ref in enumerate(training[fold::FOLDS]):
            rows.append((fold, ref, firsts[fold][k], {v: seconds[v][fold][k] for v in variants}))
    # older caches kept the second pass's labels only, newer ones its marginals too
    found2 = {v: [got[v] for _, _, _, got in rows] for v in variants}
    for row in rows:
        for v in variants:
            if isinstance(row[3][v][0], tuple):
                row[3][v] = row[3][v][0]

    def right(ref: anystyle.Labelled, labels: Sequence[str]) -> bool:
        want = key_fields(record_fields(ref.tokens, ref.labels))
        return want == key_fields(record_fields(ref.tokens, labels))

    def per_fold(ok: Sequence[bool]) -> str:
        shares = []
        for f in range(FOLDS):
            mine = [o for o, r in zip(ok, rows, strict=True) if r[0] == f]
            shares.append(f"{100 * sum(mine) / len(mine):.1f}")
        return " ".join(shares)

    base = [right(ref, found[0]) for _, ref, found, _ in rows]
    total = len(rows)
    print(
        f"{total} CV references; first pass alone {100 * sum(base) / total:.2f} %"
        f" (folds {per_fold(base)})"
    )
    for variant in variants:
        alt = [right(ref, got[variant]) for _, ref, _, got in rows]
        print(
            f"\n{variant}: second pass on every reference {100 * sum(alt) / total:.2f} %"
            f" (folds {per_fold(alt)})"
        )
        if isinstance(found2[variant][0][0], tuple):
            _surer(rows, base, alt, found2[variant], per_fold)
        for gate, measure in GATES.items():
            values = [measure(*found) for _, _, found, _ in rows]
            print(f"  gate {gate}:")
            for threshold in THRESHOLDS:
                chosen = [v < threshold for v in values]
                ok = [a if c else b for a, b, c in zip(alt, base, chosen, strict=True)]
                fixed = sum(o and not b for o, b in zip(ok, base, strict=True))
                broken = sum(b and not o for o, b in zip(ok, base, strict=True))
                print(
                    f"    < {threshold:.2f}: re-tagged {100 * sum(chosen) / total:5.1f} %"
                    f"  all four right {100 * sum(ok) / total:6.2f} %  (+{fixed} -{broken};"
                    f" folds {per_fold(ok)})"
                )


def _surer(
    rows: Sequence[Any],
    base: Sequence[bool],
    alt: Sequence[bool],
    second: Sequence[Found],
    per_fold: Callable[[Sequence[bool]], str],
) -> None:
    """Re-tag under a threshold, then keep the labels of whichever pass is surer of them."""
    for name, measure in (("min marginal", 1), ("sequence probability", 2)):
        for threshold in (0.85, 0.9, 0.95, 1.01):
            ok = []
            for (_, _, found, _), b, a, s2 in zip(rows, base, alt, second, strict=True):
                if min(found[1]) >= threshold:
                    ok.append(b)
                    continue
                one = min(found[1]) if measure == 1 else found[2]
                two = min(s2[1]) if measure == 1 else s2[2]
                ok.append(a if two >= one else b)
            total = len(ok)
            print(
                f"  re-tag under {threshold:.2f}, keep the surer pass by {name}:"
                f" {100 * sum(ok) / total:.2f} % (folds {per_fold(ok)})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", type=Path)
    parser.add_argument("stage", choices=("first", "second", "score"))
    parser.add_argument("variants", nargs="*")
    args = parser.parse_args()
    if args.stage == "first":
        first(args.cache)
    elif args.stage == "second":
        for variant in args.variants:
            second(args.cache, variant)
    else:
        score(args.cache, args.variants)


if __name__ == "__main__":
    main()
