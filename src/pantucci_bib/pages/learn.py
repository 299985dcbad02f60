"""Experimental: train the block-role CRF of :mod:`.roles` and measure it leave-one-folder-out.

``python3 -m pantucci_bib.pages.learn --lofo`` (from a source checkout: it reads the labelled
pages of ``tests/fixtures/unseen`` and scores with ``tests/support/page_accuracy.py``) trains,
for each fixture folder (the top level, ``heldout``, ``heldout2`` …), a model on the pages
of every *other* folder, extracts the held-out folder's pages with it and scores them with
the scorer's own :func:`measure_page`; the table it prints puts the rules' one-time blind
figures (``bench/results/page_accuracy_heldout*_blind.json``) and their current (tuned, so
not held-out) figures beside each folder.

Variants (``--variant``): ``learned`` (the learned roles cut the posts and give the line
kinds), ``split`` (learned posts, the rules' :func:`~.posts.classify_post` inside them),
``kinds`` (the rules' posts, learned line kinds in them), ``gold`` (no model: the aligned
gold roles, as a perfect role labeller would give them — the ceiling of the field readers
over roles, not a held-out figure), ``gold-split`` (the gold posts, the rules' kinds in them).
Training is deterministic: pages in
sorted order, fixed L-BFGS parameters (:data:`PARAMS`).
"""

from __future__ import annotations

import importlib
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from pantucci_bib.errors import ParseError
from pantucci_bib.model import Record
from pantucci_bib.pages.align import Alignment, align_expected
from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.page import page_blocks, parse_blocks
from pantucci_bib.pages.posts import Classified, Kind, Post, classify_post, split_posts
from pantucci_bib.pages.roles import RoleModel, kind_of, page_features, posts_from_roles

ROOT = Path(__file__).resolve().parents[3]
TESTS = ROOT / "tests"
UNSEEN = TESTS / "fixtures" / "unseen"
RESULTS = ROOT / "bench" / "results"
VARIANTS = ("learned", "split", "kinds", "gold", "gold-split")
#: L-BFGS with elastic-net regularisation; fixed, so that training is repeatable.
PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}


@attrs.frozen
class Labelled:
    """The aligned pages of one expectation file, and the fixture folder it is in."""

    folder: str
    expected_file: Path
    pages: tuple[Alignment, ...]


def folders(unseen: Path = UNSEEN) -> list[str]:
    """The fixture folders: "" (the top level), then heldout, heldout2 … in number order."""
    found = [p.name for p in unseen.iterdir() if p.is_dir() and p.name.startswith("heldout")]
    return ["", *sorted(found, key=lambda n: int(n[len("heldout") :] or 1))]


def labelled_pages(unseen: Path = UNSEEN) -> list[Labelled]:
    """Every labelled page of ``unseen``, aligned (:func:`.align.align_expected`), sorted."""
    out = []
    for folder in folders(unseen):
        for path in sorted((unseen / folder).glob("*.expected.json")):
            out.append(Labelled(folder, path, tuple(align_expected(path))))
    return out


def training_set(pages: Sequence[Labelled], held_out: str) -> list[Labelled]:
    """The pages a model for ``held_out`` is trained on: those of every other folder."""
    chosen = [p for p in pages if p.folder != held_out]
    assert all(p.folder != held_out for p in chosen)
    return chosen


def train(pages: Sequence[Labelled], path: Path, features: str = "cues") -> None:
    """Train a role CRF on ``pages`` (in their order) and write it to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for item in pages:
        for page in item.pages:
            if page.blocks:
                trainer.append(page_features(page.blocks, features=features), list(page.roles))
    trainer.set_params(PARAMS)
    trainer.train(str(path))


def learned_records(
    page: Path,
    model: RoleModel | None,
    variant: str = "learned",
    gold: Alignment | None = None,
) -> list[Record]:
    """The records of ``page`` by a variant of the pipeline, merged and curated as
    :func:`pantucci_bib.extract` does (none for a page that raises ParseError); ``gold``
    (variant ``gold``, no model) gives the roles."""
    from pantucci_bib.extract import apply_overrides, load_overrides, merge_records, read_page

    kinds: dict[int, Kind] = {}

    def predict(rest: Sequence[Block]) -> list[str]:
        if gold is not None:
            assert tuple(rest) == gold.blocks, "the gold roles are of other blocks"
            roles = list(gold.roles)
        else:
            assert model is not None
            roles = model.roles(rest)
        kinds.update((id(b), kind_of(b, r)) for b, r in zip(rest, roles, strict=True))
        return roles

    def split(rest: Sequence[Block]) -> list[Post]:
        roles = predict(rest)
        return split_posts(rest) if variant == "kinds" else posts_from_roles(rest, roles)

    def classify(post: Post) -> list[Classified]:
        if variant in ("split", "gold-split"):
            return classify_post(post)
        return [Classified(b, kinds.get(id(b), Kind.BODY)) for b in post.blocks]

    try:
        blocks = page_blocks(read_page(page), page.name)
        result = parse_blocks(blocks, page.name, split=split, classify=classify)
    except ParseError:
        return []
    return list(apply_overrides(merge_records(result.records), load_overrides()))


def _scorer(tests: Path) -> Any:
    if str(tests) not in sys.path:
        sys.path.insert(0, str(tests))
    return importlib.import_module("support.page_accuracy")


def lofo(
    pages: Sequence[Labelled],
    *,
    features: str = "cues",
    variant: str = "learned",
    tests: Path = TESTS,
    only: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Leave-one-folder-out figures: for each folder, a model trained on the others scores it.

    Returns ``{folder: Figures}`` (the scorer's :class:`Figures`) and ``"all"`` (their total).
    """
    scorer = _scorer(tests)
    result: dict[str, Any] = {}
    names = sorted({p.folder for p in pages}, key=folders_key)
    with tempfile.TemporaryDirectory() as tmp:
        for folder in names:
            if only is not None and folder not in only:
                continue
            model = None
            if not variant.startswith("gold"):
                model_path = Path(tmp) / f"roles_{folder or 'top'}.crfsuite"
                train(training_set(pages, folder), model_path, features)
                model = RoleModel(model_path, features)
            figures = []
            for item in (p for p in pages if p.folder == folder):
                gold = {a.page: a for a in item.pages}
                for page in scorer.pages_of(item.expected_file):
                    oracle = gold[page.name] if variant.startswith("gold") else None
                    records = learned_records(page, model, variant, oracle)
                    figures.append(scorer.measure_page(item.expected_file, records, page.name))
            result[folder] = scorer.total(figures)
    result["all"] = scorer.total(v for v in result.values())
    return result


def folders_key(name: str) -> int:
    """Sort key of a fixture folder ("" first, then by number)."""
    return -1 if not name else int(name[len("heldout") :] or 1)


def rule_figures(tests: Path = TESTS, unseen: Path = UNSEEN) -> dict[str, Any]:
    """The current (tuned) rules' figures of every folder, by the scorer's :func:`measure`."""
    scorer = _scorer(tests)
    result = {f: scorer.measure(unseen / f if f else unseen) for f in folders(unseen)}
    result["all"] = scorer.total(result.values())
    return result


def blind_figures(results: Path = RESULTS) -> dict[str, dict[str, Any]]:
    """The rules' one-time blind figures, by folder, from ``page_accuracy_heldout*_blind.json``
    (only each file's own set(s): ``heldoutN`` of ``..._heldoutN_blind.json``)."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(results.glob("page_accuracy_heldout*_blind.json")):
        numbers = path.name[len("page_accuracy_heldout") : -len("_blind.json")].split("_")
        data = json.loads(path.read_text(encoding="utf-8"))
        for number in numbers:
            folder = f"heldout{number}" if number != "1" else "heldout"
            for key, figures in data.items():
                if key.endswith(f"(tests/fixtures/unseen/{folder})"):
                    out[folder] = figures
    return out


def _row(name: str, fig: Any) -> str:
    d = fig.as_dict() if hasattr(fig, "as_dict") else fig
    cells = [
        d["recall"],
        d["title"],
        d["authors"],
        d["outlet"],
        d["date"],
        d["every field right"],
        d["invented records"],
    ]
    return f"| {name} | {d['expected records']} | " + " | ".join(str(c) for c in cells) + " |"


def table(learned: dict[str, Any], rules: dict[str, Any], blind: dict[str, Any]) -> str:
    """A markdown table: per folder, the learned LOFO figures, the blind and tuned rules'."""
    head = (
        "| folder | records | recall | title | authors | outlet | date | every field | "
        "invented | rules blind: every field (invented) | rules tuned: every field "
        "(invented) |\n|" + "---|" * 11
    )
    lines = [head]
    for folder, fig in learned.items():
        b = blind.get(folder)
        b_cell = f"{b['every field right']} ({b['invented records']})" if b else "–"
        t = rules[folder].as_dict()
        t_cell = f"{t['every field right']} ({t['invented records']})"
        lines.append(_row(folder or "top level", fig) + f" {b_cell} | {t_cell} |")
    return "\n".join(lines)


def alignment_report(pages: Sequence[Labelled]) -> str:
    """How many pages and records align cleanly, and what did not."""
    aligned = [a for p in pages for a in p.pages]
    clean = [a for a in aligned if a.clean]
    lines = [
        f"{len(aligned)} pages ({len(pages)} expectation files), {len(clean)} align cleanly; "
        f"{sum(a.records for a in aligned)} records, "
        f"{sum(a.records - len(a.missing) for a in aligned)} without a missing piece"
    ]
    lines.extend(f"  {a.page}: {', '.join(a.missing)}" for a in aligned if a.missing)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``--align`` (alignment report), ``--lofo`` (the LOFO table)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--align", action="store_true")
    parser.add_argument("--lofo", action="store_true")
    parser.add_argument("--features", choices=("generic", "cues"), default="cues")
    parser.add_argument("--variant", choices=VARIANTS, default="learned")
    parser.add_argument("--folder", action="append", help="only these held-out folders")
    parser.add_argument("--write", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pages = labelled_pages()
    print(f"aligned in {time.perf_counter() - started:.1f} s")
    if args.align or not args.lofo:
        print(alignment_report(pages))
    if args.lofo:
        started = time.perf_counter()
        only = [("" if f == "top" else f) for f in args.folder] if args.folder else None
        learned = lofo(pages, features=args.features, variant=args.variant, only=only)
        print(f"LOFO ({args.variant}, {args.features}) in {time.perf_counter() - started:.1f} s")
        rules = rule_figures()
        scorer = _scorer(TESTS)
        rules["all"] = scorer.total(rules[f] for f in learned if f != "all")
        print(table(learned, rules, blind_figures()))
        if args.write:
            data = {
                "variant": args.variant,
                "features": args.features,
                "learned": {k or "top": v.as_dict() for k, v in learned.items()},
                "rules tuned": {k or "top": v.as_dict() for k, v in rules.items()},
            }
            args.write.write_text(
                json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
