"""A user's own library formatted by us and by citeproc-js, entry for entry and in order (issue 15).

Two ``.bib`` files shaped as Zotero + Better BibTeX (BibLaTeX) and JabRef (BibTeX) write them
(tests/fixtures/user-library/), and a 1,000-item CSL-JSON file generated here from seeded
templates, are formatted in chicago-author-date, APA and IEEE by
:func:`pantucci_bib.formatting.format_entries` and by citeproc-js (tests/js/bibliography.js, the
harness of tests/test_citeproc_js.py: same .csl file, same locale files).

* The ``.bib`` files: citeproc-js is fed the CSL-JSON of the records we read
  (:func:`~pantucci_bib.formats.csl_json.write.csl_item`), in text and in HTML. In HTML,
  citeproc-js runs with ``wrap_url_and_doi`` as Zotero does, since our HTML links URLs and DOIs;
  both sides are compared after :func:`html.unescape` (``&#38;`` is ``&amp;``), IEEE's two
  ``csl-left-margin``/``csl-right-inline`` fields joined by a space as ``format_entries`` does.
* The CSL-JSON file: citeproc-js is fed the file as written (what Zotero would read), and we
  :func:`pantucci_bib.load` it; text output.

Every entry that differs is listed, with its cause, in tests/data/user_library_mismatches.txt:
the test fails when an entry listed there becomes identical (strike it off) as well as when
one not listed differs. ``PB_UPDATE_USER_LIBRARY=1`` rewrites the list from a run, keeping the
causes written for entries that still differ and guessing one for new ones (check them).
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import subprocess
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import pantucci_bib
from conftest import ROOT, require_tool
from pantucci_bib.formats.csl_json.write import csl_item
from pantucci_bib.formatting import format_entries
from pantucci_bib.styles import resolve_style
from test_citeproc_js import JS_DIR, _locales_dir

FIXTURES = ROOT / "tests" / "fixtures" / "user-library"
MISMATCHES = ROOT / "tests" / "data" / "user_library_mismatches.txt"
STYLES = ("chicago-author-date", "apa", "ieee")
#: fixture → the input format a user loads it as (BBT's BibLaTeX export, JabRef's BibTeX mode)
LIBRARIES = {"zotero-bbt.bib": "biblatex", "jabref.bib": "bibtex"}
SYNTHETIC = "synthetic-1000.json"
SYNTHETIC_COUNT = 1000
OUTPUTS = {"zotero-bbt.bib": ("text", "html"), "jabref.bib": ("text", "html"), SYNTHETIC: ("text",)}
#: the pseudo-key of a line in the mismatch list saying the bibliography order differs
ORDER = "(order)"

Entries = list[tuple[str, str]]
Where = tuple[str, str, str]  # dataset, style, output


@pytest.fixture(scope="session")
def citeproc_js() -> Path:
    require_tool("node")
    if not (JS_DIR / "node_modules" / "citeproc").is_dir():
        reason = "citeproc-js missing: npm install --prefix tests/js (scripts/test.sh does)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return JS_DIR / "bibliography.js"


# -- running both engines ----------------------------------------------------------------------


class _CiteprocJs:
    """citeproc-js formatting several item lists in one style: one node process and one engine
    for all (building the engine of chicago-author-date takes seconds), started in the
    background so that node formats while we do."""

    def __init__(
        self, script: Path, style: str, tmp: Path, jobs: list[tuple[list[dict[str, Any]], str]]
    ) -> None:
        self._outputs = [output for _, output in jobs]
        described = []
        for number, (items, output) in enumerate(jobs):
            path = tmp / f"items-{style}-{number}.json"
            path.write_text(json.dumps(items, ensure_ascii=False), "utf-8")
            described.append({"items": str(path), "format": output, "links": output == "html"})
        batch = tmp / f"jobs-{style}.json"
        style_path = str(resolve_style(style).path)
        batch.write_text(
            json.dumps({"style": style_path, "locales": _locales_dir(), "jobs": described}),
            "utf-8",
        )
        self._process = subprocess.Popen(
            ["node", str(script), "--batch", str(batch)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def results(self) -> list[Entries]:
        """Each job's entries, in the order of the jobs."""
        stdout, stderr = self._process.communicate(timeout=600)
        assert self._process.returncode == 0, stderr
        return [
            [(entry["id"], _normalised(entry["text"], output)) for entry in entries]
            for entries, output in zip(json.loads(stdout), self._outputs, strict=True)
        ]


_FIELDS = re.compile(
    r'^\s*<div class="csl-left-margin">(.*?)</div><div class="csl-right-inline">(.*)</div>\s*$',
    flags=re.S,
)


def _normalised(text: str, output: str) -> str:
    """An entry as compared: HTML without the ``csl-entry`` wrapper, IEEE's two fields joined
    by a space (as format_entries joins them), entities resolved."""
    if output != "html":
        return text
    text = re.sub(r'^<div class="csl-entry">(.*)</div>$', r"\1", text, flags=re.S)
    if fields := _FIELDS.match(text):
        text = f"{fields[1]} {fields[2]}"
    return html.unescape(text)


def _ours(records: list[pantucci_bib.Record], style: str, output: str) -> Entries:
    entries = format_entries(records, style, output=output)
    return [(key, html.unescape(text) if output == "html" else text) for key, text in entries]


class Comparison(NamedTuple):
    dataset: str
    style: str
    output: str
    theirs: Entries  # citeproc-js
    ours: Entries

    @property
    def differing(self) -> dict[str, tuple[str, str]]:
        """key → (citeproc-js, ours) of each entry that differs; ORDER if the order does."""
        mine = dict(self.ours)
        found = {
            key: (text, mine.get(key, "")) for key, text in self.theirs if mine.get(key) != text
        }
        if [key for key, _ in self.theirs] != [key for key, _ in self.ours]:
            found[ORDER] = (
                " ".join(key for key, _ in self.theirs),
                " ".join(key for key, _ in self.ours),
            )
        return found

    @property
    def identical(self) -> int:
        """Entries (by key) that are the same text in both."""
        return len(self.theirs) - len(set(self.differing) - {ORDER})

    @property
    def in_place(self) -> int:
        """Positions of the bibliography holding the same entry, the same text, in both."""
        return sum(a == b for a, b in zip(self.theirs, self.ours, strict=False))

    def summary(self) -> str:
        total = len(self.theirs)
        return (
            f"{self.dataset} {self.style} {self.output}: {self.identical}/{total} identical, "
            f"{self.in_place}/{total} identical and in the same place"
        )


def _library(name: str) -> list[pantucci_bib.Record]:
    result = pantucci_bib.load(FIXTURES / name, LIBRARIES[name])
    assert not pantucci_bib.loading.errors(result), result.problems
    return list(result.records)


# -- the 1,000-item CSL-JSON file --------------------------------------------------------------

_GIVEN = [
    "Anna", "Ben", "Chidi", "Dagmar", "Élodie", "Farid", "Greta", "Hiroshi", "Ingrid",
    "Jonas", "Kateřina", "Luis", "Mei", "Nikolai", "Oluwaseun", "Priya", "Quentin", "Rosa",
    "Søren", "Tomás", "Ulla", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia", "Jean-Luc",
    "Anna Maria", "J. R.", "M.", "Ana-Sofía", "Łukasz", "Thị Lan",
]  # fmt: skip
_FAMILY = [
    "Abbott", "Bauer", "Castro", "Dąbrowski", "Eriksson", "Fontaine", "Gallagher", "Horvat",
    "Ibáñez", "Jovanović", "Kim", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quinn", "Rossi", "Schäfer", "Tanaka", "Ueda", "Varga", "Wójcik", "Xu", "Yilmaz",
    "Zimmermann", "O'Connor", "García-Lorca", "Müller", "Nguyễn", "Smith", "Lee", "Brown",
]  # fmt: skip
#: English-looking family names, so that a thousand items have about as many distinct authors
#: as a real library (citeproc-js's disambiguation slows down a lot with many namesakes)
_FAMILY += [
    start + end
    for start in ["Ash", "Brad", "Carl", "Dun", "Fair", "Glen", "Hart", "Kings", "Lind", "Mar",
                  "Nor", "Pem", "Red", "Stan", "Thorn", "Wal", "Win", "Yar"]
    for end in ["ford", "ley", "ton", "wood", "field", "well", "by", "ham", "ridge", "wick"]
]  # fmt: skip
_PARTICLES = [
    ("van der", "Berg"),
    ("de", "Vries"),
    ("von", "Hoff"),
    ("van", "Dijk"),
    ("da", "Costa"),
]
_SUFFIXES = ["Jr.", "III", "Sr."]
_CORPORATE = [
    "World Meteorological Organization",
    "National Institute of Example Studies",
    "European Example Agency",
    "Coastal Research Council",
]
_WORDS = [
    "soil", "carbon", "river", "flood", "urban", "heat", "model", "network", "migration",
    "policy", "health", "children", "trust", "memory", "governance", "energy", "transition",
    "water", "forest", "risk", "evidence", "market", "language", "learning", "survey",
    "households", "coastal", "drought", "labour", "housing",
]  # fmt: skip
_PROPER = ["Kenya", "Norway", "Chile", "Vietnam", "Europe", "Bayesian", "COVID-19", "DNA", "GIS"]
_JOURNALS = [
    ("Journal of Applied Ecology Studies", "J. Appl. Ecol. Stud."),
    ("Urban Studies Review", ""),
    ("Climate and Society", "Clim. Soc."),
    ("Public Health Reports Quarterly", "Public Health Rep. Q."),
    ("Computational Linguistics Letters", ""),
    ("Water Resources Research Letters", "Water Resour. Res. Lett."),
]
_PUBLISHERS = [
    ("Meridian University Press", "Leeds"),
    ("Lakeside Academic", "Nairobi"),
    ("Hollow Oak Press", "Ghent"),
    ("Northgate", "New York"),
    ("Calder & Finch", "Edinburgh"),
]
_UNIVERSITIES = [("University of Example", "Exeter"), ("Example Technical University", "Delft")]
_SITES = ["Data Stories", "The Field Notebook", "Open Climate Blog"]
_NEWSPAPERS = ["The Coastal Herald", "Daily Example", "The Morning Ledger"]
_MAGAZINES = ["Field & Stream Monthly", "The Example Review"]
_TYPES = [
    ("article-journal", 34),
    ("book", 11),
    ("chapter", 10),
    ("paper-conference", 9),
    ("report", 8),
    ("thesis", 5),
    ("webpage", 8),
    ("article-newspaper", 7),
    ("article-magazine", 5),
    ("dataset", 3),
]


def _person(rng: random.Random) -> dict[str, Any]:
    shape = rng.random()
    given = rng.choice(_GIVEN)
    if shape < 0.07:
        particle, family = rng.choice(_PARTICLES)
        return {"family": family, "given": given, "non-dropping-particle": particle}
    if shape < 0.10:
        return {"family": rng.choice(_FAMILY), "given": given, "suffix": rng.choice(_SUFFIXES)}
    return {"family": rng.choice(_FAMILY), "given": given}


def _people(rng: random.Random, *, corporate: float = 0.0) -> list[dict[str, Any]]:
    if rng.random() < corporate:
        return [{"literal": rng.choice(_CORPORATE)}]
    count = rng.choices([1, 2, 3, 4, 5, 6, 8, 12, 23], [20, 25, 18, 10, 8, 6, 6, 5, 2])[0]
    return [_person(rng) for _ in range(count)]


def _title(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(3, 9))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(_PROPER))
    if rng.random() < 0.1:
        words[0] = words[0] + "'s"
    if rng.random() < 0.05:
        index = rng.randrange(len(words))
        words[index] = f"“{words[index]}”" if rng.random() < 0.5 else f'"{words[index]}"'
    if rng.random() < 0.05:
        words.insert(1, "&")
    if rng.random() < 0.03:
        words.append("in <i>Salmo trutta</i>")
    title = " ".join(words)
    if rng.random() < 0.3:
        title += ": " + " ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 5)))
    if rng.random() < 0.4:  # title case, as some users type it; Zotero keeps what was typed
        return " ".join(_capitalised(word) for word in title.split(" "))
    return _capitalised(title)  # sentence case


def _capitalised(text: str) -> str:
    """``text`` with its first letter (after any opening quotation mark) upper-cased."""
    return re.sub(r"^([\"“]?)([a-z])", lambda m: m[1] + m[2].upper(), text)


def _date(rng: random.Random, missing: float = 0.05) -> dict[str, Any] | None:
    shape = rng.random()
    if shape < missing:
        return None
    year: int | str = rng.randint(1985, 2024)
    if rng.random() < 0.1:
        year = str(year)  # Zotero writes some years as strings
    if shape < 0.45:
        return {"date-parts": [[year, rng.randint(1, 12), rng.randint(1, 28)]]}
    if shape < 0.65:
        return {"date-parts": [[year, rng.randint(1, 12)]]}
    return {"date-parts": [[year]]}


def _pages(rng: random.Random) -> str:
    shape = rng.random()
    first = rng.randint(1, 2400)
    if shape < 0.7:
        return f"{first}-{first + rng.randint(1, 40)}"
    if shape < 0.8:
        return f"e{rng.randint(1000, 99999)}"
    if shape < 0.9:
        return str(first)
    return f"{first}–{first + rng.randint(1, 40)}"


def _doi(rng: random.Random) -> str:
    return f"10.5555/{rng.choice(['jaes', 'usr', 'cs', 'wrrl'])}.{rng.randint(1000, 99999)}"


def _key(item: dict[str, Any], taken: set[str]) -> str:
    """A Better BibTeX citation key (``family_word_year``), with a letter on a collision."""
    first = (item.get("author") or item.get("editor") or [{"literal": "anon"}])[0]
    name = first.get("family") or first.get("literal", "anon").split()[0]
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    name = re.sub(r"[^a-z]", "", name)
    word = next((w for w in re.findall(r"[a-z]+", item["title"].lower()) if len(w) > 3), "x")
    year = item.get("issued", {}).get("date-parts", [[""]])[0][0]
    base = key = f"{name}_{word}_{year}".rstrip("_")
    letters = iter("abcdefghijklmnopqrstuvwxyz")
    while key.lower() in taken:
        key = base + next(letters)
    taken.add(key.lower())
    return key


def synthetic_library(count: int = SYNTHETIC_COUNT, seed: int = 15) -> list[dict[str, Any]]:
    """``count`` CSL-JSON items as Zotero exports them, varied by type, names, dates, outlets;
    identical for identical arguments."""
    rng = random.Random(seed)
    kinds = [kind for kind, _ in _TYPES]
    weights = [weight for _, weight in _TYPES]
    taken: set[str] = set()
    items = []
    for _ in range(count):
        kind = rng.choices(kinds, weights)[0]
        item: dict[str, Any] = {"type": kind, "title": _title(rng)}
        if kind == "article-journal":
            journal, short = rng.choice(_JOURNALS)
            item |= {"author": _people(rng), "container-title": journal}
            if short and rng.random() < 0.5:
                item["container-title-short"] = short
            item["volume"] = str(rng.randint(1, 80))
            if rng.random() < 0.7:
                item["issue"] = str(rng.randint(1, 12))
            if rng.random() < 0.9:
                item["page"] = _pages(rng)
            if rng.random() < 0.7:
                item["DOI"] = _doi(rng)
        elif kind == "book":
            publisher, place = rng.choice(_PUBLISHERS)
            role = "editor" if rng.random() < 0.3 else "author"
            item |= {role: _people(rng, corporate=0.05), "publisher": publisher}
            if rng.random() < 0.8:
                item["publisher-place"] = place
            if rng.random() < 0.25:
                item["edition"] = str(rng.randint(2, 5))
            if rng.random() < 0.15:
                item |= {"collection-title": "Example Studies", "collection-number": "12"}
        elif kind == "chapter":
            publisher, place = rng.choice(_PUBLISHERS)
            item |= {
                "author": _people(rng),
                "editor": [_person(rng) for _ in range(rng.randint(1, 3))],
                "container-title": _title(rng),
                "publisher": publisher,
                "publisher-place": place,
                "page": _pages(rng),
            }
            if rng.random() < 0.15:
                item["edition"] = str(rng.randint(2, 4))
        elif kind == "paper-conference":
            publisher, place = rng.choice(_PUBLISHERS)
            item |= {
                "author": _people(rng),
                "container-title": f"Proceedings of the {rng.randint(2, 30)}th Example Conference",
                "publisher": publisher,
                "page": _pages(rng),
            }
            if rng.random() < 0.5:
                item |= {"event-title": "Example Conference", "event-place": place}
            if rng.random() < 0.5:
                item["DOI"] = _doi(rng)
        elif kind == "report":
            item |= {
                "author": _people(rng, corporate=0.4),
                "publisher": rng.choice(_CORPORATE),
                "number": f"TR-{rng.randint(1, 99):02d}",
            }
            if rng.random() < 0.5:
                item["genre"] = rng.choice(["Technical report", "Working paper"])
            if rng.random() < 0.5:
                item["URL"] = f"https://example.org/reports/{rng.randint(100, 999)}.pdf"
        elif kind == "thesis":
            university, place = rng.choice(_UNIVERSITIES)
            item |= {
                "author": [_person(rng)],
                "genre": rng.choice(["PhD thesis", "Master's thesis"]),
                "publisher": university,
                "publisher-place": place,
            }
        elif kind == "webpage":
            if rng.random() < 0.7:
                item["author"] = _people(rng, corporate=0.2)
            item |= {
                "container-title": rng.choice(_SITES),
                "URL": f"https://example.org/post/{rng.randint(1000, 9999)}",
                "accessed": {"date-parts": [[2024, rng.randint(1, 12), rng.randint(1, 28)]]},
            }
        elif kind in ("article-newspaper", "article-magazine"):
            outlets = _NEWSPAPERS if kind == "article-newspaper" else _MAGAZINES
            if rng.random() < 0.85:
                item["author"] = _people(rng)
            item["container-title"] = rng.choice(outlets)
            if rng.random() < 0.4:
                item["page"] = str(rng.randint(1, 40))
            if rng.random() < 0.5:
                item["URL"] = f"https://example.org/news/{rng.randint(1000, 9999)}"
        else:  # dataset
            item |= {
                "author": _people(rng, corporate=0.2),
                "publisher": "Example Data Repository",
                "DOI": _doi(rng),
                "version": f"{rng.randint(1, 3)}.{rng.randint(0, 9)}",
            }
        if (issued := _date(rng, 0.3 if kind == "webpage" else 0.05)) is not None:
            item["issued"] = issued
        item = {"id": _key(item, taken), **item}
        items.append(item)
    return items


def _synthetic(tmp: Path) -> tuple[list[dict[str, Any]], list[pantucci_bib.Record]]:
    """The generated items, written as a file and loaded as a user would."""
    path = tmp / SYNTHETIC
    items = synthetic_library()
    path.write_text(json.dumps(items, ensure_ascii=False, indent="\t"), "utf-8")
    result = pantucci_bib.load(path)
    assert not pantucci_bib.loading.errors(result), result.problems
    records = list(result.records)
    assert [record.key for record in records] == [item["id"] for item in items]
    return items, records


def compare_all(script: Path, tmp: Path) -> dict[Where, Comparison]:
    """Every (dataset, style, output) formatted by both engines; citeproc-js runs first."""
    items, records = _synthetic(tmp)
    datasets = [(SYNTHETIC, items, records)]
    for name in sorted(LIBRARIES):
        records = _library(name)
        datasets.append((name, [csl_item(record) for record in records], records))
    wheres: list[Where] = []
    jobs: list[tuple[list[dict[str, Any]], str]] = []
    for name, items, _ in datasets:
        for output in OUTPUTS[name]:
            wheres.append((name, "", output))
            jobs.append((items, output))
    runners = {style: _CiteprocJs(script, style, tmp, jobs) for style in STYLES}
    ours = {
        (name, style, output): _ours(records, style, output)
        for style in STYLES
        for name, _, records in datasets
        for output in OUTPUTS[name]
    }
    found = {}
    for style, runner in runners.items():
        for (name, _, output), theirs in zip(wheres, runner.results(), strict=True):
            where = (name, style, output)
            found[where] = Comparison(*where, theirs, ours[where])
    return found


# -- the list of known differences -------------------------------------------------------------


def _read_list(path: Path = MISMATCHES) -> dict[Where, dict[str, str]]:
    """(dataset, style, output) → {key: cause} from the mismatch list."""
    known: dict[Where, dict[str, str]] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        head, sep, cause = line.partition(" | ")
        fields = head.split()
        assert sep and len(fields) == 4 and cause.strip(), f"{path.name}:{number}: {line!r}"
        dataset, style, output, key = fields
        known.setdefault((dataset, style, output), {})[key] = cause.strip()
    return known


#: cause label → what it means; the labels are those of the mismatch list
CAUSES = {
    "apostrophe": "citeproc-js prints a straight ' as ’ (in titles, names and terms); we keep '",
    "straight-quotes": 'a straight "…" in a field: citeproc-js makes it “…” (‘…’ inside a quoted '
    "title); we print it as typed",
    "nested-quotes": "“…” inside a title the style quotes, around a nocase span ({{Word}} of "
    "BibTeX): citeproc-js flips them to ‘…’, we do not (we do flip them around plain words)",
    "punctuation-in-quote": "a title ending in a closing quotation mark: citeproc-js moves the "
    "following period or comma inside it (the locale's punctuation-in-quote); we leave it outside",
    "markup": "HTML-like rich text in a CSL-JSON field (<i>…</i>): citeproc-js reads it as "
    "formatting, we print the tags as text",
    "title-case": "a word cased differently by text-case=title",
    "page-range": 'page-range-format="chicago-16": citeproc-js shortens 1394–1408 to 1394–408, '
    "we keep 1394–1408 (citeproc-py applies the chicago-15 rule)",
    "year-suffix": "another year suffix (2019a/b, n.d.-b/c): it follows the bibliography order",
    "links": "HTML: citeproc-js (wrap_url_and_doi, as Zotero) links the whole https://doi.org/… "
    "text; we leave the https://doi.org/ prefix outside the <a>",
    "sorting": "the bibliography order differs. citeproc-js's sort key of a name list is the "
    "name parts joined by '|' (a character that sorts before letters), ours the rendered names "
    "with spaces and punctuation dropped: so we sort by 'and' and 'ed.' (Bradwell, Ulla, and Mei "
    "Marby before Bradwell, Ulla, Mei Ashton), lose word boundaries (Jean-Luc before J. R., "
    "Carbon Energy before Carbon & Soil, Dąbrowski before da Costa) and put ł after z",
    "other": "not classified yet: see the diff",
}

_QUOTES = "“”‘’"


def _segment_cause(theirs: str, ours: str, before: str, after: str) -> str:
    """The cause of one differing stretch: citeproc-js has ``theirs`` where we have ``ours``,
    between ``before`` and ``after`` (citeproc-js's text around it)."""
    if "doi.org/" in theirs + ours or "<a href" in theirs + ours:
        return "links"
    if not theirs and re.fullmatch(r"(</?[a-zA-Z]+>)+", ours):
        return "markup"
    if theirs and set(theirs) <= {"’"} and set(ours) == {"'"} and len(ours) == len(theirs):
        return "apostrophe"
    if theirs and set(theirs) <= set(_QUOTES) and ours and set(ours) == {'"'}:
        return "straight-quotes"
    if theirs and set(theirs) <= set("‘’") and ours and set(ours) <= set("“”"):
        return "nested-quotes"
    closing = {"”", "’", '"'}
    if (not theirs and ours and set(ours) <= closing and after[:1] in ".,") or (
        not ours and theirs and set(theirs) <= closing and before[-1:] in ".,"
    ):
        return "punctuation-in-quote"
    if (theirs + ours).isdigit() and re.search(r"\d–\d*$", before):
        return "page-range"
    suffixes = re.fullmatch(r"[a-z]?", theirs) and re.fullmatch(r"[a-z]?", ours)
    if suffixes and theirs + ours and re.search(r"(\d{4}|n\.d\.-)$", before):
        return "year-suffix"
    if theirs.lower() == ours.lower():
        return "title-case"
    return "other"


def guess_cause(theirs: str, ours: str) -> str:
    """The cause labels (:data:`CAUSES`) of an entry citeproc-js gives as ``theirs`` and we as
    ``ours``, from the stretches where the two differ; the list's are checked by hand."""
    import difflib

    matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
    causes: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            cause = _segment_cause(theirs[i1:i2], ours[j1:j2], theirs[:i1], theirs[i2:])
            if cause not in causes:
                causes.append(cause)
    return "; ".join(sorted(causes, key=list(CAUSES).index))


def _labels(cause: str) -> list[str]:
    """The labels of a cause of the list: "apostrophe (O'Neill); links" → apostrophe, links."""
    return [part.split(" (")[0] for part in re.split(r"; (?![^(]*\))", cause) if part]


def _write_list(comparisons: Iterable[Comparison], path: Path = MISMATCHES) -> None:
    """The mismatch list of a run: the header and the causes written by hand kept, new
    entries given :func:`guess_cause`'s."""
    old = _read_list(path) if path.exists() else {}
    text = path.read_text("utf-8") if path.exists() else ""
    header = [
        line for line in text.splitlines() if line.startswith("#") and not line.startswith("#=")
    ]
    legend = [f"#= {label}: {meaning}" for label, meaning in CAUSES.items()]
    lines = []
    for comparison in comparisons:
        where = (comparison.dataset, comparison.style, comparison.output)
        for key, (theirs, ours) in comparison.differing.items():
            guess = "sorting" if key == ORDER else guess_cause(theirs, ours)
            kept = old.get(where, {}).get(key, "")
            cause = kept if _labels(kept) == _labels(guess) else guess  # still the same causes
            lines.append(f"{' '.join(where)} {key} | {cause}")
    path.write_text("\n".join([*header, *legend, *lines]) + "\n", "utf-8")


# -- the tests ---------------------------------------------------------------------------------


def _report(comparison: Comparison, known: dict[str, str]) -> str:
    """What changed against the list: entries that differ and are not listed (with a guess at
    the cause), and listed ones that no longer differ."""
    differing = comparison.differing
    lines = [comparison.summary()]
    for key in sorted(set(differing) - set(known)):
        theirs, ours = differing[key]
        if key == ORDER:
            first = next(
                i
                for i, (a, b) in enumerate(zip(comparison.theirs, comparison.ours, strict=False))
                if a[0] != b[0]
            )
            theirs, ours = theirs.split()[first], ours.split()[first]
            lines.append(f"  NEW {key}: from position {first + 1} | sorting")
        else:
            lines.append(f"  NEW {key} | {guess_cause(theirs, ours)}")
        lines += [f"    citeproc-js: {theirs}", f"    ours:        {ours}"]
    lines += [
        f"  NOW IDENTICAL (strike it off the list): {key}"
        for key in sorted(set(known) - set(differing))
    ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def comparisons(
    citeproc_js: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[Where, Comparison]:
    """Both engines on every dataset, once for the module."""
    start = time.perf_counter()
    found = compare_all(citeproc_js, tmp_path_factory.mktemp("user-library"))
    print(f"both engines, every dataset: {time.perf_counter() - start:.1f} s")
    if os.environ.get("PB_UPDATE_USER_LIBRARY"):
        _write_list(found[where] for where in sorted(found))
    for where in sorted(found):
        print(found[where].summary())
    return found


def _check(comparison: Comparison) -> None:
    where = (comparison.dataset, comparison.style, comparison.output)
    known = _read_list().get(where, {})
    print(_report(comparison, known))
    assert len(comparison.ours) == len(comparison.theirs)
    assert set(comparison.differing) == set(known), _report(comparison, known)


@pytest.mark.slow
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("output", ["text", "html"])
@pytest.mark.parametrize("name", sorted(LIBRARIES))
def test_user_library_matches_citeproc_js(
    comparisons: dict[Where, Comparison], name: str, output: str, style: str
) -> None:
    _check(comparisons[name, style, output])


@pytest.mark.slow
@pytest.mark.parametrize("style", STYLES)
def test_synthetic_csl_json_matches_citeproc_js(
    comparisons: dict[Where, Comparison], style: str
) -> None:
    _check(comparisons[SYNTHETIC, style, "text"])


def test_synthetic_library_is_deterministic_and_varied() -> None:
    items = synthetic_library()
    assert items == synthetic_library()
    assert len({item["id"] for item in items}) == SYNTHETIC_COUNT
    kinds = Counter(item["type"] for item in items)
    assert set(kinds) == {kind for kind, _ in _TYPES}
    assert sum("issued" not in item for item in items) > 20  # undated items
    assert sum(len(item.get("author", [])) > 20 for item in items) > 5  # long author lists


def test_mismatch_list_is_well_formed() -> None:
    """Known datasets, styles and outputs; every cause a label of CAUSES; the legend is
    CAUSES."""
    known = _read_list()
    datasets = {*LIBRARIES, SYNTHETIC}
    for (dataset, style, output), causes in known.items():
        assert dataset in datasets and style in STYLES and output in OUTPUTS[dataset]
        for key, cause in causes.items():
            assert set(_labels(cause)) <= set(CAUSES), (dataset, style, output, key, cause)
    legend = [line for line in MISMATCHES.read_text("utf-8").splitlines() if line.startswith("#=")]
    assert legend == [f"#= {label}: {meaning}" for label, meaning in CAUSES.items()]
