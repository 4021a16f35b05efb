"""Server-rendered SVG geometry: a squarified treemap and a month-by-month line chart.

Only numbers leave here; the templates draw them with SVG attributes (no style=,
the CSP forbids inline style).
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

WIDTH, HEIGHT = 960, 540
CHART_WIDTH, CHART_HEIGHT, MARGIN = 720, 300, 48


@dataclass
class Tile:
    item: Any
    x: float
    y: float
    w: float
    h: float
    share: Decimal

    @property
    def shows_label(self) -> bool:
        return self.w > 90 and self.h > 36


def _worst(row: list[float], side: float) -> float:
    total = sum(row)
    if total <= 0 or side <= 0:
        return float("inf")
    return max(
        max(side * side * r / (total * total), (total * total) / (side * side * r)) for r in row
    )


def treemap(items: list, value=lambda item: item.revised, width=WIDTH, height=HEIGHT) -> list[Tile]:
    """Squarified treemap (Bruls et al.) of the items with a positive value, largest first."""
    positive = [(item, Decimal(value(item))) for item in items if value(item) > 0]
    positive.sort(key=lambda pair: pair[1], reverse=True)
    total = sum((v for _item, v in positive), Decimal(0))
    if not total:
        return []
    scale = width * height / float(total)
    areas = [(item, float(v) * scale, v / total) for item, v in positive]
    tiles: list[Tile] = []
    x, y, w, h = 0.0, 0.0, float(width), float(height)
    row: list[tuple] = []
    index = 0
    while index < len(areas):
        side = min(w, h)
        candidate = [*row, areas[index]]
        if not row or _worst([a for _i, a, _s in candidate], side) <= _worst(
            [a for _i, a, _s in row], side
        ):
            row = candidate
            index += 1
            continue
        x, y, w, h = _lay_row(row, x, y, w, h, tiles)
        row = []
    if row:
        _lay_row(row, x, y, w, h, tiles)
    return tiles


def _lay_row(row, x, y, w, h, tiles):
    area = sum(a for _i, a, _s in row)
    if w >= h:
        thickness = area / h if h else 0
        offset = y
        for item, a, share in row:
            length = a / thickness if thickness else 0
            tiles.append(
                Tile(
                    item,
                    round(x, 2),
                    round(offset, 2),
                    round(thickness, 2),
                    round(length, 2),
                    share,
                )
            )
            offset += length
        return x + thickness, y, w - thickness, h
    thickness = area / w if w else 0
    offset = x
    for item, a, share in row:
        length = a / thickness if thickness else 0
        tiles.append(
            Tile(item, round(offset, 2), round(y, 2), round(length, 2), round(thickness, 2), share)
        )
        offset += length
    return x, y + thickness, w, h - thickness


@dataclass
class Series:
    stage: str
    label: str
    points: str
    css: str


def month_chart(rows: list, stages: list[tuple[str, str]], ceiling: Decimal) -> dict:
    """Polylines of the cumulative stages by month, scaled to the larger of ceiling and data."""
    top = max(
        [ceiling, *(getattr(row, stage) for row in rows for stage, _label in stages)], default=0
    )
    top = top or Decimal(1)
    inner_w, inner_h = CHART_WIDTH - 2 * MARGIN, CHART_HEIGHT - 2 * MARGIN

    def point(month: int, amount: Decimal) -> str:
        px = MARGIN + inner_w * (month - 1) / 11
        py = MARGIN + inner_h * (1 - float(amount / top))
        return f"{px:.1f},{py:.1f}"

    series = [
        Series(
            stage,
            label,
            " ".join(point(row.month, getattr(row, stage)) for row in rows),
            f"budget-chart__{stage}",
        )
        for stage, label in stages
    ]
    ceiling_y = MARGIN + inner_h * (1 - float(ceiling / top))
    months = [(m, MARGIN + inner_w * (m - 1) / 11) for m in range(1, 13)]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "series": series,
        "ceiling_y": round(ceiling_y, 1),
        "months": months,
        "left": MARGIN,
        "right": CHART_WIDTH - MARGIN,
        "bottom": CHART_HEIGHT - MARGIN,
        "top_amount": top,
    }
