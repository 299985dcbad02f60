"""Deterministic synthetic records shaped like the corpus, for benchmarks.

    python bench/generate.py 10000 > /tmp/records-10000.json   # the project's native JSON

Op-eds, magazine and journal articles, reports, interviews and blog posts; co-authors,
family-first and particle names, partial and approximate dates, original publications, and
many same-author same-year pieces. The same N always gives the same records.
"""

from __future__ import annotations

import random
import sys

from pantucci_bib import (
    OriginalPublication,
    PartialDate,
    Person,
    Record,
    RecordType,
    assign_keys,
)
from pantucci_bib.formats.native import dumps

PEOPLE = [
    Person(family="Pantucci", given="Raffaello"),
    Person(family="Petersen", given="Alexandros"),
    Person(family="Li", given="Lifan", family_first=True),
    Person(family="Yau", given="Niva"),
    Person(family="Lain", given="Sarah"),
    Person(family="Beethoven", given="Ludwig", particle="van"),
    Person(family="Zhang", given="Wei", family_first=True),
    Person(family="Müller", given="José"),
]
OUTLETS = [
    (RecordType.ARTICLE_NEWSPAPER, "South China Morning Post"),
    (RecordType.ARTICLE_NEWSPAPER, "Global Times"),
    (RecordType.ARTICLE_MAGAZINE, "The Diplomat"),
    (RecordType.ARTICLE_MAGAZINE, "Foreign Policy"),
    (RecordType.ARTICLE_JOURNAL, "Survival"),
    (RecordType.REPORT, ""),
    (RecordType.INTERVIEW, "CABAR.asia"),
    (RecordType.POST_WEBLOG, "China in Central Asia"),
]
WORDS = [
    "China",
    "Russia",
    "Central",
    "Asia",
    "SCO",
    "silk",
    "road",
    "belt",
    "influence",
    "security",
    "trade",
    "rivalry",
    "Kazakhstan",
    "Beijing",
    "Moscow",
    "limits",
    "embrace",
    "partnership",
    "balancing",
    "act",
    "view",
    "ground",
    "new",
    "era",
    "tensions",
]


def generate(count: int, seed: int = 20261124) -> list[Record]:
    """``count`` synthetic records; identical for identical arguments."""
    rng = random.Random(seed)
    drafts = []
    for index in range(count):
        record_type, outlet = OUTLETS[index % len(OUTLETS)]
        authors = rng.sample(PEOPLE[:4], k=1) if index % 3 else rng.sample(PEOPLE, k=2)
        year = 2011 + index % 12
        shape = index % 5
        if shape == 0:
            issued = PartialDate(year, as_written=str(year))
        elif shape == 1:
            issued = PartialDate(year, 1 + index % 12, as_written="month")
        elif shape == 2:
            issued = PartialDate(year, 1 + index % 12, 1 + index % 28, 9, 30)
        elif shape == 3:
            issued = PartialDate(year, circa=True, reason="archive order")
        else:
            issued = PartialDate(year, 1 + index % 12, 1 + index % 28)
        title = " ".join(rng.choice(WORDS) for _ in range(4 + index % 6)).capitalize()
        original = None
        if index % 17 == 0:
            original = OriginalPublication(kind="print-title", title=title + " (print)")
        elif index % 23 == 0:
            original = OriginalPublication(
                kind="extract",
                title="Sinostan",
                publisher="Oxford University Press",
                issued=PartialDate(2022, 4),
            )
        drafts.append(
            Record(
                key="tmp",
                type=record_type,
                title=title,
                author=authors,
                interviewer=[Person(literal="CABAR.asia")]
                if record_type is RecordType.INTERVIEW
                else [],
                container_title=outlet,
                publisher="Royal United Services Institute"
                if record_type is RecordType.REPORT
                else "",
                issued=issued,
                original=original,
                language="en",
                keywords=["SCO"] if index % 2 else ["China-Russia"],
            )
        )
    keys = assign_keys(drafts)
    import attrs

    return [attrs.evolve(record, key=key) for record, key in zip(drafts, keys, strict=True)]


if __name__ == "__main__":
    sys.stdout.write(dumps(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)))
