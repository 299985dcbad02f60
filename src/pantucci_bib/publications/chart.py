"""The shape of a body of work: pieces per year, stacked by kind, as an inline SVG.

Drawn here rather than by a plotting library, so that the page stays one small file with no
dependency. It reads without JavaScript or colour: each column carries its total, each
segment a ``<title>`` ("2015, blog: 4"), and the legend names the kinds in stacking order.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from pantucci_bib.publications.grouping import UNDATED

#: The segment colours, each at least 3:1 against the white :data:`BACKGROUND` (WCAG 2.1's
#: 1.4.11 for graphics): the four Okabe–Ito colours that reach it (blue, vermillion, bluish
#: green, reddish purple), black, and a brown, an indigo and a grey found by a max-min search
#: in OKLCh (``bench/chart_palette.py``) so that any two stay apart with normal vision and with
#: simulated protanopia, deuteranopia and tritanopia (CIEDE2000 ≥ 10.9; Okabe–Ito's own eight
#: were 7.9). Okabe–Ito's orange, sky blue and yellow are 2.3, 2.3 and 1.3:1, too light.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#692A06",
    "#161489",
    "#505050",
    "#000000",
)
#: The chart's own background (drawn, so the SVG is readable on its own) and the thin line
#: between stacked segments, which keeps two segments apart whatever their colours.
BACKGROUND = "#ffffff"
_BAR, _GAP, _LEFT, _TOP, _PLOT, _BOTTOM = 22, 8, 34, 18, 160, 40


def kind_order(kinds: Sequence[str]) -> list[str]:
    """The kinds, most frequent first (ties by name): the stacking and legend order."""
    counts = Counter(kinds)
    return sorted(counts, key=lambda k: (-counts[k], k))


def _step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 5:
            return step
    return int(10 ** len(str(top)))


def colour(index: int) -> str:
    """The colour of the kind at ``index`` of :func:`kind_order` (repeating past the palette)."""
    return PALETTE[index % len(PALETTE)]


#: How a colour's second, third … use past the palette is striped: the stripes' angle and
#: whether they are crossed ("/", "\\", crossed).
_STRIPES = ((45, False), (-45, False), (45, True))


def fill(index: int) -> str:
    """The fill of the kind at ``index``: its colour, or past the palette its colour striped
    with the background (a ``<pattern>`` of :func:`patterns`), so that no two kinds look alike
    (up to four times the palette)."""
    return colour(index) if index < len(PALETTE) else f"url(#kind-{index})"


def patterns(count: int) -> str:
    """The ``<defs>`` of the striped fills of ``count`` kinds (empty when the palette suffices)."""
    out = []
    for index in range(len(PALETTE), count):
        angle, crossed = _STRIPES[min(index // len(PALETTE), len(_STRIPES)) - 1]
        line = f'stroke="{BACKGROUND}" stroke-width="2"'
        lines = f'<path d="M3 0V6" {line}/>' + (f'<path d="M0 3H6" {line}/>' if crossed else "")
        out.append(
            f'<pattern id="kind-{index}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate({angle})">'
            f'<rect width="6" height="6" fill="{colour(index)}"/>{lines}</pattern>'
        )
    return f"<defs>{''.join(out)}</defs>" if out else ""


def svg(points: Sequence[tuple[int | None, str]]) -> str:
    """The chart of ``points`` (one ``(year, kind)`` per piece; None for an undated one).

    Every year from the first to the last has a column, an empty one included, so that gaps
    show; the undated pieces, if any, have a last column of their own.
    """
    if not points:
        return '<p class="chart-empty">No pieces.</p>'
    kinds = kind_order([k for _, k in points])
    per: Counter[tuple[int | None, str]] = Counter(points)
    dated = sorted({y for y, _ in points if y is not None})
    columns: list[int | None] = list(range(dated[0], dated[-1] + 1)) if dated else []
    if any(y is None for y, _ in points):
        columns.append(None)
    totals = {c: sum(per[(c, k)] for k in kinds) for c in columns}
    top = max(totals.values())
    step = _step(top)
    ceiling = -(-top // step) * step
    scale = _PLOT / ceiling
    width = _LEFT + len(columns) * (_BAR + _GAP) + _GAP
    legend_y = _TOP + _PLOT + _BOTTOM
    height = legend_y + 18 * (-(-len(kinds) // 4)) + 4
    summary = "; ".join(
        f"{'undated' if c is None else c}: {totals[c]}" for c in columns if totals[c]
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {max(width, _LEFT + 440)} {height}" '
        'aria-labelledby="chart-title chart-desc">',
        '<title id="chart-title">Pieces per year, stacked by kind</title>',
        f'<desc id="chart-desc">{html.escape(summary)}</desc>',
        f'<rect class="background" width="100%" height="100%" fill="{BACKGROUND}"/>',
    ]
    if len(kinds) > len(PALETTE):
        out.append(patterns(len(kinds)))
    for tick in range(0, ceiling + 1, step):
        y = _TOP + _PLOT - tick * scale
        out.append(
            f'<line class="grid" x1="{_LEFT}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{_LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for index, column in enumerate(columns):
        x = _LEFT + _GAP + index * (_BAR + _GAP)
        label = UNDATED if column is None else str(column)
        data_year = "" if column is None else str(column)
        base: float = _TOP + _PLOT
        for number, kind in enumerate(kinds):
            n = per[(column, kind)]
            if not n:
                continue
            h = n * scale
            base -= h
            out.append(
                f'<rect class="bar" x="{x}" y="{base:.1f}" width="{_BAR}" height="{h:.1f}" '
                f'fill="{fill(number)}" stroke="{BACKGROUND}" stroke-width="1" '
                f'data-year="{data_year}" data-kind="{html.escape(kind)}" data-count="{n}">'
                f"<title>{label}, {html.escape(kind)}: {n}</title></rect>"
            )
        if totals[column]:
            out.append(
                f'<text class="total" x="{x + _BAR / 2}" y="{base - 3:.1f}" text-anchor="middle" '
                f'data-year="{data_year}">{totals[column]}</text>'
            )
        short = "n.d." if column is None else f"’{column % 100:02d}" if len(columns) > 14 else label
        out.append(
            f'<text class="year" x="{x + _BAR / 2}" y="{_TOP + _PLOT + 14}" '
            f'text-anchor="middle">{short}</text>'
        )
    for number, kind in enumerate(kinds):
        x = _LEFT + (number % 4) * 110
        y = legend_y + 18 * (number // 4)
        out.append(
            f'<rect class="key" x="{x}" y="{y - 10}" width="10" height="10" '
            f'fill="{fill(number)}"/><text class="legend" x="{x + 14}" y="{y}">'
            f"{html.escape(kind)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)
