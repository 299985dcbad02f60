"""Scores and error analysis of saved cross-validation predictions (issue 19).

    python bench/references_misses.py BASE.json [OTHER.json] [--show N] [--field container]

Reads what ``bench/references_cv_dump.py`` wrote (training split only, never the held-out
one): whole-reference and per-field shares (pooled and per fold) under the evaluation's
comparison (:func:`.evaluate.key_fields`); with OTHER, the references it fixed and broke;
``--show`` prints misses (hand labels against predicted, per field). Run by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from pantucci_bib.endnotes.evaluate import KEY_FIELDS, key_fields
from pantucci_bib.endnotes.fields import record_fields


def score(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Figures of one saved run and, per reference, its key fields both ways."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data["rows"]
    folds = data["meta"]["folds"]
    per_fold_right = Counter[int]()
    per_fold_total = Counter[int]()
    field_right = Counter[str]()
    out = []
    for row in rows:
        want = key_fields(record_fields(row["tokens"], row["gold"]))
        got = key_fields(record_fields(row["tokens"], row["got"]))
        ok = want == got
        per_fold_total[row["fold"]] += 1
        per_fold_right[row["fold"]] += ok
        for name in KEY_FIELDS:
            field_right[name] += want[name] == got[name]
        out.append({**row, "want": want, "gotf": got, "ok": ok})
    count = len(rows)
    tokens = sum(len(row["gold"]) for row in rows)
    same = sum(g == p for row in rows for g, p in zip(row["gold"], row["got"], strict=True))
    figures = {
        "tokens": same / tokens,
        "whole": sum(per_fold_right.values()) / count,
        **{name: field_right[name] / count for name in KEY_FIELDS},
        "folds": [per_fold_right[f] / per_fold_total[f] for f in range(folds)],
        "misses": count - sum(per_fold_right.values()),
    }
    return figures, out


def _print(name: str, figures: dict[str, Any]) -> None:
    fields = " / ".join(f"{100 * figures[k]:.1f}" for k in KEY_FIELDS)
    folds = " ".join(f"{100 * v:.1f}" for v in figures["folds"])
    whole = 100 * figures["whole"]
    print(f"{name}: {whole:.2f} % ({fields}; folds {folds}); misses {figures['misses']}", end="")
    print(f"; token accuracy {100 * figures['tokens']:.2f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path)
    parser.add_argument("other", type=Path, nargs="?")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--field", choices=KEY_FIELDS)
    args = parser.parse_args()
    figures, rows = score(args.base)
    _print(args.base.name, figures)
    wrong_fields = Counter(
        tuple(k for k in KEY_FIELDS if r["want"][k] != r["gotf"][k]) for r in rows if not r["ok"]
    )
    for combination, n in wrong_fields.most_common():
        print(f"  {n:4} wrong: {' + '.join(combination)}")
    if args.other:
        other, rows2 = score(args.other)
        _print(args.other.name, other)
        fixed = sum(not a["ok"] and b["ok"] for a, b in zip(rows, rows2, strict=True))
        broken = sum(a["ok"] and not b["ok"] for a, b in zip(rows, rows2, strict=True))
        print(f"  {fixed} fixed, {broken} broken")
    shown = 0
    for r in rows:
        if r["ok"] or shown >= args.show:
            continue
        if args.field and r["want"][args.field] == r["gotf"][args.field]:
            continue
        shown += 1
        print(f"\n{r['where']}: {' '.join(r['tokens'])}")
        for k in KEY_FIELDS:
            if r["want"][k] != r["gotf"][k]:
                print(f"  {k}: want {r['want'][k]!r}\n  {' ' * len(k)}   got {r['gotf'][k]!r}")
        spans = []
        for tok, g, p in zip(r["tokens"], r["gold"], r["got"], strict=True):
            spans.append(tok if g == p else f"{tok}[{g}>{p}]")
        print("  " + " ".join(spans))


if __name__ == "__main__":
    main()
