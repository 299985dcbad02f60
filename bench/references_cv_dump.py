"""Cross-validation of the reference labeller that keeps every prediction (issue 19).

    python bench/references_cv_dump.py OUT.json [--inner N] [--lexicon-folds N] [--clusters]

Like ``bench/references_cv.py`` (same folds: reference i of the training split in fold
i mod K; the held-out split is never read) but writes, per training reference, its fold,
tokens, hand labels and the labels predicted by the model of the other folds, so that
scorer changes and error analyses can be run on the saved predictions without retraining
(``bench/references_misses.py``). Run by hand.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from pantucci_bib.endnotes import anystyle
from pantucci_bib.endnotes.labeller import PARAMS, Labeller, train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--inner", type=int, default=0, help="second pass's inner folds")
    parser.add_argument("--lexicon-folds", type=int, default=0, help="out-of-fold lexicon")
    parser.add_argument("--clusters", action="store_true", help="word-cluster features")
    args = parser.parse_args()
    folder = anystyle.data_dir()
    if folder is None:
        sys.exit("AnyStyle data not found")
    training, _ = anystyle.split(anystyle.read(folder))
    options: dict[str, object] = {"inner": args.inner}
    accepted = inspect.signature(train).parameters
    if "lexicon_folds" in accepted:
        options["lexicon_folds"] = args.lexicon_folds
    elif args.lexicon_folds:
        sys.exit("this train() has no lexicon_folds")
    if "clusters" in accepted:
        options["clusters"] = args.clusters
    elif args.clusters:
        sys.exit("this train() has no clusters")
    start = time.perf_counter()
    rows = []
    for fold in range(args.folds):
        rest = [r for i, r in enumerate(training) if i % args.folds != fold]
        with tempfile.TemporaryDirectory() as scratch:
            train(rest, Path(scratch), params=dict(PARAMS), **options)  # type: ignore[arg-type]
            labeller = Labeller(Path(scratch))
            for i in range(fold, len(training), args.folds):
                ref = training[i]
                got = labeller.label(ref.tokens, confidence=False).labels
                rows.append(
                    {
                        "i": i,
                        "fold": fold,
                        "where": ref.where,
                        "tokens": ref.tokens,
                        "gold": ref.labels,
                        "got": got,
                    }
                )
        print(f"fold {fold} done ({time.perf_counter() - start:.0f} s)", flush=True)
    rows.sort(key=lambda r: r["i"])
    meta = {"options": options, "folds": args.folds, "params": PARAMS}
    args.out.write_text(json.dumps({"meta": meta, "rows": rows}) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
