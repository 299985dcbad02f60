"""The chart's colours: contrast against the background and how far apart they stay (issue 18;
run by hand, needs ``coloraide`` from the ``bench`` extra).

    PYTHONPATH=src python bench/chart_palette.py             # the palette in use, and Okabe–Ito
    PYTHONPATH=src python bench/chart_palette.py --search    # the search that chose the last three

For each palette: each colour's WCAG 2.1 contrast ratio against the chart's background, and the
smallest CIEDE2000 difference between any two of its colours, with normal vision and with
simulated protanopia, deuteranopia and tritanopia (coloraide's Brettel/Viénot filters at full
severity). ``--search`` keeps the five Okabe–Ito colours that reach 3:1 (black among them) and
adds, one at a time, the colour of an OKLCh grid (L 0.25–0.64, C 0–0.18, every 15°) at 3.1:1
or more that is farthest from those chosen (max-min, over the four visions). Results go to
standard output; docs/publications.md quotes them. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import itertools
from typing import Any

from coloraide import Color

from pantucci_bib.publications.chart import BACKGROUND, PALETTE

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
VISIONS = ("normal", "protan", "deutan", "tritan")


def views(colour: str) -> list[Any]:
    base = Color(colour)
    return [base] + [base.filter(name).convert("srgb") for name in VISIONS[1:]]


def closest(palette: list[str]) -> tuple[float, str, str, str]:
    """The smallest difference of two colours of ``palette``, which two, in which vision."""
    seen = {colour: views(colour) for colour in palette}
    return min(
        (seen[a][k].delta_e(seen[b][k], method="2000"), a, b, VISIONS[k])
        for a, b in itertools.combinations(palette, 2)
        for k in range(len(VISIONS))
    )


def report(name: str, palette: list[str]) -> None:
    ratios = ", ".join(f"{c} {Color(c).contrast(BACKGROUND, method='wcag21'):.2f}" for c in palette)
    distance, a, b, vision = closest(palette)
    print(f"{name}: contrast against {BACKGROUND}: {ratios}")
    print(f"  closest pair: {a} and {b}, CIEDE2000 {distance:.1f} ({vision})")


def search() -> list[str]:
    grid = set()
    for lightness in range(25, 66, 3):
        for chroma in (0.0, 0.06, 0.10, 0.14, 0.18):
            for hue in range(0, 360, 15):
                colour = Color("oklch", [lightness / 100, chroma, hue]).convert("srgb")
                if colour.in_gamut() and colour.contrast(BACKGROUND, method="wcag21") >= 3.1:
                    grid.add(colour.to_string(hex=True).upper())
    seen = {colour: views(colour) for colour in grid}
    chosen = [c for c in OKABE_ITO if Color(c).contrast(BACKGROUND, method="wcag21") >= 3]
    seen.update({colour: views(colour) for colour in chosen})

    def apart(a: str, b: str) -> float:
        return float(min(seen[a][k].delta_e(seen[b][k], method="2000") for k in range(4)))

    while len(chosen) < len(OKABE_ITO):
        chosen.append(max(sorted(grid), key=lambda c: min(apart(c, o) for o in chosen)))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search", action="store_true", help="run the search as well")
    args = parser.parse_args()
    report("in use", list(PALETTE))
    report("Okabe-Ito", list(OKABE_ITO))
    if args.search:
        report("search", search())


if __name__ == "__main__":
    main()
