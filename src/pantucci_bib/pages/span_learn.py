"""Experimental: train the token-span CRF of :mod:`.span_tokens`, measure it leave-one-folder-out.

``python3 -m pantucci_bib.pages.span_learn --lofo`` (from a source checkout: it reads the
labelled pages of ``tests/fixtures/unseen`` and scores with ``tests/support/page_accuracy.py``)
trains, for each fixture folder, a token CRF on the gold-aligned posts of every *other*
folder (:func:`.span_tokens.align_tokens`) and measures the held-out folder twice:

* *spans on gold blocks*: the model tags the held-out posts' gold field blocks; token
  precision and recall of each label against the aligned labels, and how often the value read
  from the tags (authors other than the blog's owner, outlet, date) is the expected one, over
  the records whose value the blocks write;
* *records*: the shipped rules read the page (their posts and line kinds), then the model tags
  each post's intro, title, byline, dateline and credit lines and its values replace the
  rules' (``replace``: wherever the model found one; ``fill``: only where the rules found
  none; ``confident``: where the rules found none or the model's span has a marginal
  probability of at least :data:`CONFIDENT`); the scorer's :func:`measure_page` scores each.

Training is deterministic: posts in sorted page order, fixed L-BFGS parameters
(:data:`PARAMS`).
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from pantucci_bib.errors import ParseError
from pantucci_bib.model import Person, Record, RecordType
from pantucci_bib.pages.align import ZONE, fold
from pantucci_bib.pages.directory import Directory, bundled_directory
from pantucci_bib.pages.learn import TESTS, Labelled, _scorer, blind_figures, folders_key
from pantucci_bib.pages.learn import labelled_pages as aligned_pages
from pantucci_bib.pages.page import page_blocks, parse_blocks
from pantucci_bib.pages.posts import Classified, Kind, Post, classify_post
from pantucci_bib.pages.span_tokens import (
    LABELS,
    PostSpans,
    SpanModel,
    Spans,
    TokenBlock,
    align_tokens,
    is_short,
    label_block,
    post_features,
    post_labels,
    read_spans,
    tokens_of,
    with_common,
)

PARAMS: dict[str, Any] = {
    "c1": 0.1,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}
#: The least marginal probability of a span the ``confident`` hybrid takes over the rules'.
CONFIDENT = 0.9
MODES = ("rules", "replace", "fill", "confident")
_KIND_ROLES = {
    kind: role
    for name, role in (
        ("INTRO", "intro"),
        ("TITLE", "title"),
        ("DATELINE", "date"),
        ("POSTED", "date"),
        ("BYLINE", "byline"),
        ("AUTHOR", "byline"),
        ("CONTRIBUTOR", "byline"),
        ("PUBLISHED", "published"),
    )
    # an older tree (bench/roles_at_blind_commit.py) may lack some kinds
    if (kind := getattr(Kind, name, None)) is not None
}


@attrs.frozen
class SpanPage:
    """The token-aligned posts of one labelled expectation file."""

    folder: str
    expected_file: Path
    posts: tuple[PostSpans, ...]


def span_pages(pages: Sequence[Labelled] | None = None, source: str = "gold") -> list[SpanPage]:
    """Every labelled page, its posts' field blocks labelled token by token: the blocks of
    the gold roles (``source="gold"``, :func:`.span_tokens.align_tokens`) or of the rules'
    posts and line kinds (``"rules"``, :func:`rules_aligned`)."""
    directory = bundled_directory()
    out = []
    for item in pages if pages is not None else aligned_pages():
        spec = json.loads(item.expected_file.read_text(encoding="utf-8"))
        if source == "gold":
            posts = [p for a in item.pages for p in align_tokens(a, spec["records"], directory)]
        else:
            posts = [
                p
                for name in [spec["page"], *([spec["same_as"]] if "same_as" in spec else [])]
                for p in rules_aligned(item.expected_file.parent / name, spec["records"], directory)
            ]
        out.append(SpanPage(item.folder, item.expected_file, tuple(posts)))
    return out


def rules_aligned(
    page: Path, expected: Sequence[dict[str, Any]], directory: Directory
) -> list[PostSpans]:
    """The rules' posts of ``page`` matched to expected records (by title, untitled ones in
    order), their field blocks labelled from the record."""
    owners = _owners(directory)
    records, posts = rules_posts(page)
    titled = {fold(w["title"]): w for w in expected if w["title"]}
    untitled = [w for w in expected if not w["title"]]
    out = []
    for record, post in zip(records, posts, strict=True):
        want = titled.pop(fold(record.title), None) if record.title else None
        if want is None and not record.title and untitled:
            want = untitled.pop(0)
        if want is None:
            continue
        blocks, found = [], set()
        for tb in post.blocks:
            labelled, hits = label_block(tb.block, tb.role, want, directory)
            blocks.append(labelled)
            found |= hits
        needed = {f"author {a[0]}" for a in want["authors"] if a[0] not in owners}
        have = {"authors"} if needed <= found else set()
        if "outlet" in found or not want["outlet"]:
            have.add("outlet")
        if "date" in found or not want["date"]:
            have.add("date")
        out.append(PostSpans(page.name, tuple(blocks), want, frozenset(have), post.common))
    return out


def train(pages: Sequence[SpanPage], path: Path) -> None:
    """Train a token CRF on the posts of ``pages`` (in their order), written to ``path``."""
    import pycrfsuite

    directory = bundled_directory()
    trainer = pycrfsuite.Trainer(verbose=False)
    for page in pages:
        for post in page.posts:
            labels = post_labels(post)
            if labels:
                trainer.append(post_features(post, directory), labels)
    trainer.set_params(PARAMS)
    trainer.train(str(path))


def rules_posts(page: Path) -> tuple[list[Record], list[PostSpans]]:
    """The rules' records of ``page`` before merging (one per post) and each post's field
    blocks (by the rules' line kinds), in the same order; nothing for a refused page."""
    from pantucci_bib.extract import read_page

    seen: list[PostSpans] = []

    def classify(post: Post) -> list[Classified]:
        lines = classify_post(post)
        title = next((i for i, c in enumerate(lines) if c.kind is Kind.TITLE), 0)
        blocks = [
            TokenBlock(c.block, _KIND_ROLES.get(c.kind, "other"), tokens_of(c.block.text))
            for i, c in enumerate(lines)
            if c.kind in _KIND_ROLES or (title < i <= title + ZONE and is_short(c.block.text))
        ]
        seen.append(PostSpans(page.name, tuple(blocks)))
        return lines

    try:
        result = parse_blocks(page_blocks(read_page(page), page.name), page.name, classify=classify)
    except ParseError:
        return [], []
    records = list(result.records)
    assert len(records) == len(seen), "one record a post"
    return records, with_common(seen)


def _owners(directory: Directory) -> set[str]:
    return {b.owner.family for b in directory.blogs if b.owner}


def _with_owner(found: Sequence[Person], rules: Sequence[Person], owners: set[str]) -> list[Person]:
    """The model's authors, with the blog's owner where the rules had them (a post need not
    write its own blogger's name)."""
    out = list(found)
    for index, person in enumerate(rules):
        if person.family in owners and all(p.family != person.family for p in out):
            out.insert(min(index, len(out)), person)
    return out


def _empty(field: str, record: Record) -> bool:
    if field == "authors":
        return not record.author
    if field == "outlet":
        return not (record.container_title or record.publisher)
    return record.issued is None or record.issued.circa


def combine(record: Record, spans: Spans, mode: str, owners: set[str]) -> Record:
    """``record`` with the model's values where ``mode`` takes them."""
    if mode == "rules":
        return record
    values: dict[str, Any] = {
        "authors": spans.authors,
        "outlet": spans.outlet,
        "date": spans.date,
    }
    changes: dict[str, Any] = {}
    for field, value in values.items():
        if not value:
            continue
        take = (
            mode == "replace"
            or _empty(field, record)
            or (mode == "confident" and spans.confidence.get(field, 0.0) >= CONFIDENT)
        )
        if not take:
            continue
        if field == "authors":
            changes["author"] = tuple(_with_owner(value, record.author, owners))
        elif field == "outlet":
            changes["container_title"] = value
            if record.type is RecordType.REPORT:
                changes["publisher"] = value
        else:
            changes["issued"] = value
    return attrs.evolve(record, **changes) if changes else record


def span_records(page: Path, model: SpanModel | None, mode: str) -> list[Record]:
    """The records of ``page``: the rules', the model's values put in by ``mode``, merged and
    curated as :func:`pantucci_bib.extract` does."""
    from pantucci_bib.extract import apply_overrides, load_overrides, merge_records

    records, posts = rules_posts(page)
    if model is not None and mode != "rules":
        owners = _owners(model.directory)
        records = [
            combine(r, model.spans(p), mode, owners) for r, p in zip(records, posts, strict=True)
        ]
    return list(apply_overrides(merge_records(records), load_overrides()))


@attrs.frozen
class SpanFigures:
    """Token and value counts of the gold-block measurement of some posts."""

    tokens: dict[str, list[int]] = attrs.field(factory=lambda: {k: [0, 0, 0] for k in LABELS[:3]})
    values: dict[str, list[int]] = attrs.field(
        factory=lambda: {k: [0, 0] for k in ("authors", "outlet", "date")}
    )

    def add(self, other: SpanFigures) -> None:
        for key, counts in other.tokens.items():
            self.tokens[key] = [a + b for a, b in zip(self.tokens[key], counts, strict=True)]
        for key, counts in other.values.items():
            self.values[key] = [a + b for a, b in zip(self.values[key], counts, strict=True)]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for label, (tp, fp, fn) in self.tokens.items():
            out[f"{label} P"] = round(tp / (tp + fp), 3) if tp + fp else None
            out[f"{label} R"] = round(tp / (tp + fn), 3) if tp + fn else None
        for field, (right, total) in self.values.items():
            out[field] = round(right / total, 3) if total else None
            out[f"{field} n"] = total
        return out


def _fold_outlet(text: str | None) -> str:
    return re.sub(r"^the\s+", "", " ".join((text or "").split()).casefold())


def gold_spans(posts: Sequence[PostSpans], model: SpanModel) -> SpanFigures:
    """The model on gold field blocks: token counts and value accuracy (see the module doc)."""
    figures = SpanFigures()
    owners = _owners(model.directory)
    for post in posts:
        gold = post_labels(post)
        if not gold or post.want is None:
            continue
        tags, probs = model.tag(post)
        for label in LABELS[:3]:
            counts = figures.tokens[label]
            for gold_tag, tag in zip(gold, tags, strict=True):
                counts[0] += gold_tag == label and tag == label
                counts[1] += gold_tag != label and tag == label
                counts[2] += gold_tag == label and tag != label
        spans = read_spans(post, tags, probs, model.directory, person_filter=model.person_filter)
        want = post.want
        if "authors" in post.found and any(a[0] not in owners for a in want["authors"]):
            expected = [list(a) for a in want["authors"] if a[0] not in owners]
            got_names = [[p.family, p.given] for p in spans.authors if p.family not in owners]
            figures.values["authors"][0] += expected == got_names
            figures.values["authors"][1] += 1
        if "outlet" in post.found and want["outlet"] and "OUTLET" in gold:
            figures.values["outlet"][0] += _fold_outlet(spans.outlet) == _fold_outlet(
                want["outlet"]
            )
            figures.values["outlet"][1] += 1
        if "date" in post.found and want["date"] and "DATE" in gold:
            got = spans.date.edtf().split("T", 1)[0] if spans.date else None
            figures.values["date"][0] += got == want["date"]
            figures.values["date"][1] += 1
    return figures


def lofo(
    pages: Sequence[SpanPage],
    trained: Sequence[SpanPage] | None = None,
    *,
    tests: Path = TESTS,
    only: Sequence[str] | None = None,
    person_filter: bool = False,
) -> dict[str, dict[str, Any]]:
    """Leave-one-folder-out: ``{folder: {"spans": SpanFigures, mode: Figures …}}`` and ``"all"``.

    The model for a folder is trained on the posts of ``trained`` (``pages`` by default) of
    every other folder; ``pages`` gives the held-out gold blocks the spans are measured on."""
    trained = pages if trained is None else trained
    scorer = _scorer(tests)
    result: dict[str, dict[str, Any]] = {}
    names = sorted({p.folder for p in pages}, key=folders_key)
    with tempfile.TemporaryDirectory() as tmp:
        for folder in names:
            if only is not None and folder not in only:
                continue
            path = Path(tmp) / f"spans_{folder or 'top'}.crfsuite"
            train([p for p in trained if p.folder != folder], path)
            model = SpanModel(path, person_filter=person_filter)
            held = [p for p in pages if p.folder == folder]
            entry: dict[str, Any] = {"spans": gold_spans([q for p in held for q in p.posts], model)}
            for mode in MODES:
                figures = []
                for item in held:
                    for page in scorer.pages_of(item.expected_file):
                        records = span_records(page, model, mode)
                        figures.append(scorer.measure_page(item.expected_file, records, page.name))
                entry[mode] = scorer.total(figures)
            result[folder] = entry
    total: dict[str, Any] = {"spans": SpanFigures()}
    for entry in result.values():
        total["spans"].add(entry["spans"])
    for mode in MODES:
        total[mode] = scorer.total(e[mode] for e in result.values())
    result["all"] = total
    return result


def alignment_report(pages: Sequence[SpanPage]) -> str:
    """How many records' authors, outlet and date were found in their field blocks."""
    posts = [p for page in pages for p in page.posts]
    expected = sum(
        len(json.loads(page.expected_file.read_text(encoding="utf-8"))["records"]) for page in pages
    )
    counts = {f: sum(f in p.found for p in posts) for f in ("authors", "outlet", "date")}
    clean = sum(len(p.found) == 3 for p in posts)
    tokens = [label for p in posts for label in post_labels(p)]
    return (
        f"{len(posts)} posts aligned to an expected record ({expected} expected records, "
        f"pages' other saved forms counted again); {clean} cleanly (every author other than "
        f"the blog's owner, the outlet and the date found in its field blocks, or not needed); "
        f"authors {counts['authors']}, outlet {counts['outlet']}, date {counts['date']}; "
        f"{len(tokens)} tokens: " + ", ".join(f"{label} {tokens.count(label)}" for label in LABELS)
    )


def _cell(fig: Any) -> str:
    d = fig.as_dict()
    return f"{d['every field right']} ({d['invented records']})"


def table(result: dict[str, dict[str, Any]], blind: dict[str, Any]) -> str:
    """Markdown tables: spans on gold blocks, then every field right by mode."""
    head = (
        "| folder | AUTHOR P/R | OUTLET P/R | DATE P/R | authors | outlet | date |\n"
        + "|---" * 7
        + "|"
    )
    lines = [head]
    for folder, entry in result.items():
        d = entry["spans"].as_dict()
        cells = [f"{d[f'{x} P']}/{d[f'{x} R']}" for x in LABELS[:3]]
        cells += [f"{d[f]} of {d[f + ' n']}" for f in ("authors", "outlet", "date")]
        lines.append(f"| {folder or 'top level'} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "| folder | records | rules blind | rules (current) | authors | outlet | date "
        "| replace | fill | confident | replace authors | replace outlet | replace date |"
    )
    lines.append("|---" * 13 + "|")
    for folder, entry in result.items():
        rules, rep = entry["rules"].as_dict(), entry["replace"].as_dict()
        b = blind.get(folder)
        b_cell = f"{b['every field right']} ({b['invented records']})" if b else "–"
        cells = [
            str(rules["expected records"]),
            b_cell,
            _cell(entry["rules"]),
            *(str(rules[f]) for f in ("authors", "outlet", "date")),
            *(_cell(entry[m]) for m in ("replace", "fill", "confident")),
            *(str(rep[f]) for f in ("authors", "outlet", "date")),
        ]
        lines.append(f"| {folder or 'top level'} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``--align`` (alignment report), ``--lofo`` (the LOFO tables)."""
    import argparse

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--align", action="store_true")
    parser.add_argument("--lofo", action="store_true")
    parser.add_argument("--folder", action="append", help="only these held-out folders")
    parser.add_argument(
        "--train", choices=("gold", "rules"), default="gold", help="blocks trained on"
    )
    parser.add_argument("--write", type=Path, help="also write the figures as JSON")
    parser.add_argument(
        "--person-filter",
        action="store_true",
        help="keep only the author spans the person recogniser takes for names",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pages = span_pages()
    print(f"aligned in {time.perf_counter() - started:.1f} s")
    print("gold blocks:", alignment_report(pages))
    trained = pages if args.train == "gold" else span_pages(source="rules")
    if args.train == "rules":
        print("rules' blocks:", alignment_report(trained))
    if args.lofo:
        started = time.perf_counter()
        only = [("" if f == "top" else f) for f in args.folder] if args.folder else None
        result = lofo(pages, trained, only=only, person_filter=args.person_filter)
        print(f"LOFO in {time.perf_counter() - started:.1f} s")
        print(table(result, blind_figures()))
        if args.write:
            data = {k or "top": {m: v.as_dict() for m, v in e.items()} for k, e in result.items()}
            for entry in data.values():
                for value in entry.values():
                    value.pop("misses", None)
            args.write.write_text(
                json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
    return 0


def folder_posts(pages: Sequence[SpanPage], folder: str) -> list[PostSpans]:
    """The aligned posts of one folder."""
    return [q for p in pages if p.folder == folder for q in p.posts]


if __name__ == "__main__":
    raise SystemExit(main())
