"""Per-field accuracy of the archive-page extractor on pages it was not written against.

Each page under ``tests/fixtures/unseen/`` (and its ``heldout``, ``heldout2`` … folders) has a
hand-made ``<page>.expected.json``: the records a careful reader takes from the page, in page
order, each with ``title`` (``null`` for an untitled post),
``authors`` (``[family, given]`` pairs, in order), ``outlet`` (the container title) and
``date`` (EDTF, day precision at most; ``null`` for a post the page does not date).

Matching: an expected record is matched to the first unused extracted record with the same
title (case- and punctuation-blind); an untitled one to the first unused extracted record with
no title. Extracted records left unmatched are *invented*. A field is right when:

* title: equal after Unicode and white-space normalisation;
* authors: the same (family, given) pairs in the same order;
* outlet: equal, case-blind, a leading "The" optional, to the container title — or, for a
  record of type ``report``, to its publisher (CSL's place for the institution that issues a
  report; this rule was added after the first held-out measurement, see docs/importing.md);
* date: the record's EDTF without the time of day equals the expected one; an expected
  ``null`` is right when the record has no date or an approximate (circa) one, since an
  inferred circa year is what the extractor is meant to give an undated post.

An expected record that was not extracted counts as wrong on every field.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from pantucci_bib.model import Record, RecordType

FIELDS = ("title", "authors", "outlet", "date")
UNSEEN = Path(__file__).resolve().parent.parent / "fixtures" / "unseen"


@attrs.frozen
class Figures:
    """Counts for a set of pages; ``right[field]`` of ``expected`` records."""

    pages: int
    expected: int
    extracted: int
    matched: int
    invented: int
    right: dict[str, int]
    all_right: int
    misses: tuple[str, ...] = ()

    def rate(self, count: int) -> float:
        return count / self.expected if self.expected else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "expected records": self.expected,
            "extracted records": self.extracted,
            "recall": round(self.rate(self.matched), 3),
            "invented records": self.invented,
            **{field: round(self.rate(self.right[field]), 3) for field in FIELDS},
            "every field right": round(self.rate(self.all_right), 3),
            "misses": list(self.misses),
        }


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def _fold_title(text: str | None) -> str:
    return re.sub(r"\W", "", _norm(text).casefold())


def _fold_outlet(text: str | None) -> str:
    return re.sub(r"^the\s+", "", _norm(text).casefold())


def _date_of(record: Record) -> str | None:
    if record.issued is None:
        return None
    return record.issued.edtf().split("T", 1)[0]


def field_right(field: str, want: dict[str, Any], record: Record) -> bool:
    """Whether ``record`` has the expected value of ``field`` (rules in the module doc)."""
    if field == "title":
        return _norm(want["title"]) == _norm(record.title)
    if field == "authors":
        return [list(pair) for pair in want["authors"]] == [
            [person.family, person.given] for person in record.author
        ]
    if field == "outlet":
        outlet = record.container_title
        if record.type is RecordType.REPORT and not outlet:
            outlet = record.publisher
        return _fold_outlet(want["outlet"]) == _fold_outlet(outlet)
    if field == "date":
        if want["date"] is None:
            return record.issued is None or record.issued.circa
        return bool(want["date"] == _date_of(record) and not record.issued.circa)  # type: ignore[union-attr]
    raise ValueError(field)


def match(
    expected: Sequence[dict[str, Any]], records: Sequence[Record]
) -> tuple[list[Record | None], list[Record]]:
    """Expected records paired with extracted ones (or None), and the extracted left over."""
    used: set[int] = set()
    paired: list[Record | None] = []
    for want in expected:
        key = _fold_title(want["title"])
        found = None
        for index, record in enumerate(records):
            if index not in used and _fold_title(record.title) == key:
                found = index
                break
        if found is not None:
            used.add(found)
        paired.append(records[found] if found is not None else None)
    left = [record for index, record in enumerate(records) if index not in used]
    return paired, left


def _describe(record: Record | None, field: str) -> str:
    if record is None:
        return "missing"
    if field == "authors":
        return repr([(p.family, p.given) for p in record.author])
    if field == "outlet":
        return repr(record.container_title or record.publisher)
    if field == "date":
        return repr(record.issued.edtf() if record.issued else None)
    return repr(record.title)


def measure_page(expected_file: Path, records: Sequence[Record], name: str = "") -> Figures:
    """The figures of one page, given the records the extractor gave for it."""
    spec = json.loads(expected_file.read_text(encoding="utf-8"))
    expected = spec["records"]
    name = name or spec["page"]
    paired, left = match(expected, records)
    right = dict.fromkeys(FIELDS, 0)
    all_right = 0
    misses: list[str] = []
    for want, record in zip(expected, paired, strict=True):
        ok = {f: record is not None and field_right(f, want, record) for f in FIELDS}
        for field, good in ok.items():
            right[field] += good
            if not good:
                misses.append(
                    f"{name}: {want['title']!r} {field}: want {want[field]!r}, "
                    f"got {_describe(record, field)}"
                )
        all_right += all(ok.values())
    misses.extend(f"{name}: invented {r.title!r}" for r in left)
    return Figures(
        pages=1,
        expected=len(expected),
        extracted=len(records),
        matched=sum(r is not None for r in paired),
        invented=len(left),
        right=right,
        all_right=all_right,
        misses=tuple(misses),
    )


def total(figures: Iterable[Figures]) -> Figures:
    """The figures of several pages together."""
    items = list(figures)
    return Figures(
        pages=sum(f.pages for f in items),
        expected=sum(f.expected for f in items),
        extracted=sum(f.extracted for f in items),
        matched=sum(f.matched for f in items),
        invented=sum(f.invented for f in items),
        right={field: sum(f.right[field] for f in items) for field in FIELDS},
        all_right=sum(f.all_right for f in items),
        misses=tuple(m for f in items for m in f.misses),
    )


def expected_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.expected.json"))


def pages_of(expected_file: Path) -> list[Path]:
    """The page an expectation is for, and the other saved form of it (``same_as``) if any."""
    spec = json.loads(expected_file.read_text(encoding="utf-8"))
    names = [spec["page"], *([spec["same_as"]] if "same_as" in spec else [])]
    return [expected_file.parent / str(name) for name in names]


def measure(folder: Path, *, curated: bool = True) -> Figures:
    """Extract every page of ``folder`` (each on its own) and measure it against its expectation."""
    return total(
        measure_page(path, _records(page, curated), page.name)
        for path in expected_files(folder)
        for page in pages_of(path)
    )


def _records(page: Path, curated: bool) -> list[Any]:
    """The records extracted from ``page``; none for a page the extractor refuses (a
    ParseError such as "no posts found" is a page it could not read: every record missed)."""
    from pantucci_bib import extract
    from pantucci_bib.errors import ParseError

    try:
        return list(extract(page, curated=curated).records)
    except ParseError:
        return []


def held_out_folders() -> list[str]:
    """The held-out folders of unseen/ (heldout, heldout2, …), in the order they were written."""
    found = [p.name for p in UNSEEN.iterdir() if p.is_dir() and p.name.startswith("heldout")]
    return sorted(found, key=lambda name: int(name[len("heldout") :] or 1))


def _label(folder: str) -> str:
    if not folder:
        return "tuned pages"
    number = int(folder[len("heldout") :] or 1)
    return "held-out pages" if number == 1 else f"held-out pages, set {number}"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures of the tuned and the held-out pages (``--write FILE``: also as JSON)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument(
        "--folder", action="append", help="only these folders of unseen/ (e.g. heldout14)"
    )
    args = parser.parse_args(argv)
    folders = args.folder or ["", *held_out_folders()]
    result = {
        f"{_label(name)} (tests/fixtures/unseen{'/' + name if name else ''})": measure(
            UNSEEN / name if name else UNSEEN
        ).as_dict()
        for name in folders
    }
    for name, figures in result.items():
        misses = figures.pop("misses")
        print(name)
        for key, val in figures.items():
            print(f"  {key}: {val}")
        if args.misses:
            for line in misses:
                print("   ", line)
        figures["misses"] = misses
    if args.write:
        args.write.write_text(
            json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
