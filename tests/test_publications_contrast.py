"""Issue 18: the colours of the publication page, read from the page itself: every colour
its chart draws with against the chart's background, every text colour of its stylesheet
against its background (WCAG 2.1 1.4.11 and 1.4.3). The colours as a browser draws them are
checked in test_publications_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

import pantucci_bib
from pantucci_bib.publications import chart, grouping
from support import contrast

ROE = Path(__file__).parent / "fixtures" / "publications" / "zotero-roe.bib"


@pytest.fixture(scope="module")
def corpus_page():
    records = list(pantucci_bib.corpus())
    return records, lxml_html.fromstring(pantucci_bib.publications(records, "Pantucci"))


@pytest.fixture(scope="module")
def roe_page():
    records = list(pantucci_bib.load(str(ROE)).records)
    return records, lxml_html.fromstring(pantucci_bib.publications(records, "Ann Roe"))


def _css_rules(tree):
    """(selector, {property: value}) of the page's stylesheet, var(--x) resolved."""
    (style,) = tree.xpath("//style")
    css = re.sub(r"/\*.*?\*/", "", style.text_content(), flags=re.S)
    rules = [
        (selector.strip(), dict(re.findall(r"([\w-]+)\s*:\s*([^;]+?)\s*(?:;|$)", body)))
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    ]
    variables = {k: v for _, decls in rules for k, v in decls.items() if k.startswith("--")}
    resolve = lambda value: re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m[1]], value)  # noqa: E731
    return [(sel, {k: resolve(v) for k, v in decls.items()}) for sel, decls in rules]


def _background(decls, paper):
    for name in ("background-color", "background"):
        if name in decls:
            return decls[name].split()[0]
    return paper


def _colours(elements, attribute):
    return [(e.get("class"), e.get(attribute)) for e in elements]


@pytest.mark.parametrize("page", ["corpus_page", "roe_page", "many_kinds"])
def test_chart_and_text_contrast(page, request):
    """Every colour the chart draws with is at least 3:1 against the chart's background
    (WCAG 2.1 1.4.11), segments are parted by a line of the background colour, and every text
    colour of the stylesheet is at least 4.5:1 against its background (1.4.3)."""
    if page == "many_kinds":  # one piece of every kind the page knows, and more than colours
        kinds = sorted({*grouping.KIND_LABELS.values(), "dataset", "map", "song"})
        points = [(2020 + i % 3, kind) for i, kind in enumerate(kinds)]
        tree = lxml_html.fromstring(
            pantucci_bib.publications(pantucci_bib.corpus().filter(year="2011"), "Pantucci")
        )
        (old,) = tree.xpath("//svg")
        old.getparent().replace(old, lxml_html.fragment_fromstring(chart.svg(points)))
    else:
        _, tree = request.getfixturevalue(page)
    rules = _css_rules(tree)
    paper = next(d["--paper"] for sel, d in rules if sel == ":root")
    (svg,) = tree.xpath("//svg")
    (background,) = svg.xpath("./rect[@class='background']")
    assert background.get("fill").lower() == paper.lower()  # the chart is on the page's paper
    bars = svg.xpath(".//rect[@class='bar']")
    keys = svg.xpath(".//rect[@class='key']")
    assert bars and keys
    fills = {fill for _, fill in _colours(bars + keys, "fill")}
    kinds = {bar.get("data-kind") for bar in bars}
    assert len(fills) == len(kinds)  # no two kinds alike
    colours = set()
    for fill in fills:  # a colour, or past the palette the colour striped with the background
        if fill.startswith("url(#"):
            (pattern,) = svg.xpath(f".//pattern[@id='{fill[5:-1]}']")
            (base,) = pattern.xpath("./rect")
            stripes = pattern.xpath("./path")
            assert stripes and all(p.get("stroke") == background.get("fill") for p in stripes)
            fill = base.get("fill")
        colours.add(fill)
    if page == "many_kinds":
        assert len(kinds) > len(chart.PALETTE)
        assert len(colours) == len(chart.PALETTE)  # every colour of the palette is drawn
    low = {colour: contrast.ratio(colour, background.get("fill")) for colour in colours}
    assert all(value >= 3 for value in low.values()), low
    for bar in bars:
        assert bar.get("stroke") == background.get("fill") and float(bar.get("stroke-width")) >= 1
    texts = []
    for selector, decls in rules:
        colour = decls.get("color") or (decls.get("fill") if selector.endswith("text") else None)
        if colour and colour not in {"inherit", "currentColor"}:
            texts.append((selector, contrast.ratio(colour, _background(decls, paper))))
    body = dict(texts)["body"]
    assert body >= 4.5 and "svg.chart text" in dict(texts)
    assert all(value >= 4.5 for _, value in texts), texts
    edges = [  # the edges of the buttons the stylesheet draws: 3:1 (1.4.11)
        (selector, next(part for part in decls["border"].split() if part.startswith("#")))
        for selector, decls in rules
        if "border" in decls and ("button" in selector or "kind-filter" in selector)
    ]
    assert {".kind-filter", "button.copy"} <= {selector for selector, _ in edges}
    for selector, edge in edges:
        assert contrast.ratio(edge, _background(dict(rules)[selector], paper)) >= 3, selector
