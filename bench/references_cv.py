"""k-fold cross-validation of the reference labeller on AnyStyle's *training* split (issue 19).

    python bench/references_cv.py              # 5 folds
    python bench/references_cv.py --folds 3 --wrong 20
    python bench/references_cv.py --inner 0        # the first pass alone
    python bench/references_cv.py --lexicon-folds 5 --clusters --inner 5

Model and feature choices are made on these figures; the held-out split is never read here
(``anystyle.split`` keeps it apart, and only the training part is passed on). Run by hand.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from pantucci_bib.endnotes import anystyle
from pantucci_bib.endnotes.evaluate import cross_validate, pooled
from pantucci_bib.endnotes.labeller import INNER_FOLDS, PARAMS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--iterations", type=int, help="L-BFGS iterations (default: PARAMS)")
    parser.add_argument(
        "--inner", type=int, help="second pass's inner folds, 0: none (default: INNER_FOLDS)"
    )
    parser.add_argument(
        "--lexicon-folds", type=int, help="out-of-fold lexicon's folds, 0: off (LEXICON_FOLDS)"
    )
    parser.add_argument(
        "--clusters", action=argparse.BooleanOptionalAction, help="word clusters (CLUSTERS)"
    )
    parser.add_argument("--wrong", type=int, default=0, help="list this many misses per fold")
    args = parser.parse_args()
    folder = anystyle.data_dir()
    if folder is None:
        sys.exit("AnyStyle data not found (../shared/anystyle or $PANTUCCI_BIB_ANYSTYLE)")
    training, _ = anystyle.split(anystyle.read(folder))
    start = time.perf_counter()
    params = dict(PARAMS)
    if args.iterations:
        params["max_iterations"] = args.iterations
    results = cross_validate(
        training,
        args.folds,
        params=params,
        inner=args.inner,
        lexicon_folds=args.lexicon_folds,
        clusters=args.clusters,
    )
    figures = pooled(results)
    print(f"{params}, inner folds {INNER_FOLDS if args.inner is None else args.inner}", end="")
    print(f", lexicon folds {args.lexicon_folds}, clusters {args.clusters} (None: shipped)")
    print(
        f"{args.folds}-fold CV on {len(training)} training references "
        f"({time.perf_counter() - start:.0f} s)"
    )
    for name, value in figures.items():
        print(f"  {name:15} {100 * value:6.2f} %")
    print("  whole per fold: " + " ".join(f"{100 * r.whole:.1f}" for r in results))
    for result in results:
        for where in result.wrong[: args.wrong]:
            print("  wrong:", where)


if __name__ == "__main__":
    main()
