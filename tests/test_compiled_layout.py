"""The compiled layout (formatting/engine/compiled.py) renders what the interpreter renders.

Each element's closure is checked against the element's own ``render`` on the 1,000 generated
CSL-JSON items of tests/test_user_library.py and the corpus, in the styles the project
compares with citeproc-js, as text and HTML, bibliography and citations.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import pantucci_bib
from pantucci_bib import Citation, Cite
from pantucci_bib.formatting import format_citations, format_entries
from pantucci_bib.formatting.common import parse_style, parsed_style
from pantucci_bib.formatting.engine import compiled
from pantucci_bib.formatting.engine.compiled_dates import compile_date
from pantucci_bib.styles import resolve_style
from test_citeproc_js import STYLES as CORPUS_STYLES
from test_user_library import synthetic_library

STYLE_DIR = Path(__file__).resolve().parents[1] / "styles"
STYLES = sorted({*CORPUS_STYLES, "apa", "ieee", "chicago-author-date"})


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[pantucci_bib.Record]:
    path = tmp_path_factory.mktemp("compiled") / "library.json"
    path.write_text(json.dumps(synthetic_library(), ensure_ascii=False), "utf-8")
    loaded = list(pantucci_bib.load(path).records)
    return loaded + list(pantucci_bib.corpus())


def _interpreted() -> Iterator[None]:
    compiled.ENABLED = False
    try:
        yield
    finally:
        compiled.ENABLED = True


@pytest.mark.parametrize("output", ["text", "html"])
@pytest.mark.parametrize("style", STYLES)
def test_bibliography_as_interpreted(
    records: list[pantucci_bib.Record], style: str, output: str
) -> None:
    fast = format_entries(records, style, output=output, cache=False, workers=1)
    for _ in _interpreted():
        slow = format_entries(records, style, output=output, cache=False, workers=1)
    assert len(fast) == len(records) > 1000
    differing = [(a, b) for a, b in zip(fast, slow, strict=True) if a != b]
    assert not differing, differing[:3]


@pytest.mark.parametrize("style", STYLES)
def test_citations_as_interpreted(records: list[pantucci_bib.Record], style: str) -> None:
    keys = [record.key for record in records[:300]]
    citations = [Citation([Cite(key)]) for key in keys]
    citations += [Citation([Cite(a, locator="12", label="page"), Cite(b, prefix="see ")])
                  for a, b in zip(keys[::2], keys[1::2], strict=False)]  # fmt: skip
    fast = format_citations(records, citations, style, output="text")
    for _ in _interpreted():
        slow = format_citations(records, citations, style, output="text")
    assert fast == slow


def test_closures_are_what_renders(
    records: list[pantucci_bib.Record], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A closure that renders nothing empties the entries and the cites: the comparisons above
    compare the closures, not the interpreter with itself (for citations too, which once went
    through an element's own ``render_children`` and never reached the closures)."""
    parse_style.cache_clear()  # a style parsed before holds its closures
    monkeypatch.setattr(compiled, "_compile", lambda element, delimiter: lambda item, context: None)
    citations = [Citation([Cite(record.key)]) for record in records[:5]]
    try:
        entries = format_entries(records[:5], "ieee", output="text", cache=False, workers=1)
        cites = {
            style: format_citations(records, citations, style, output="text", workers=1)
            for style in ("ieee", "apa")
        }
    finally:
        monkeypatch.undo()
        parse_style.cache_clear()
    assert entries == [], entries
    assert cites == {"ieee": [""] * 5, "apa": ["()"] * 5}, cites  # (apa: its layout affixes)


def _dates(style: str, tmp_path: Path | None = None, text: str | None = None) -> list[Any]:
    """The cs:date elements of a style's layouts (a project or repository style, or ``text``)."""
    if text is not None and tmp_path is not None:
        path = tmp_path / "style.csl"
        path.write_text(text, encoding="utf-8")
        resolved = resolve_style(path)
    else:
        resolved = resolve_style(style)
    root = parsed_style(resolved, None).root
    return list(root.xpath_search(".//cs:date[not(ancestor::cs:locale)]"))


def test_plain_dates_are_compiled_and_locale_date_overrides_are_not(tmp_path: Path) -> None:
    """IEEE's dates (its own parts, and the localized "text" form) get their closure; in a
    style that overrides a localized date's parts every date is left to the interpreter
    (citeproc-py copies the override onto the locale's parts while rendering)."""
    ieee = _dates("ieee")
    assert ieee and all(compile_date(date, _marker) is not _marker for date in ieee)
    style = (STYLE_DIR / "publication-list.csl").read_text(encoding="utf-8")
    overriding = style.replace(
        '<layout suffix=".">',
        '<layout suffix="."><date variable="accessed" form="text">'
        '<date-part name="month" form="long"/></date>',
        1,
    )
    assert overriding != style
    dates = _dates("", tmp_path, overriding)
    assert dates and all(compile_date(date, _marker) is _marker for date in dates)


def _marker(item: Any, context: Any) -> Any:
    raise AssertionError("the interpreted fallback is a marker here")
