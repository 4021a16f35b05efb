"""The organisation chart drawn on the server as SVG: a tree, one unit a row, linked.

The nested lists of the page are the accessible chart; the drawing repeats them
for those who read a diagram more easily, as a labelled group of links.
Presentation attributes only (no `style`): the CSP allows no inline styles.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.organisation import Node

ROW = 30
INDENT = 28
LEFT = 12
WIDTH = 960
BOX_HEIGHT = 22
COLOURS = {
    "general_directorate": "#003476",
    "directorate": "#0065b3",
    "independent": "#00703c",
    "department": "#4c6272",
    "office": "#6f777b",
}


def organisation_svg(roots: list[Node], *, label: str) -> SafeString:
    """Draw the trees as indented boxes joined by elbow lines; each box links to the unit."""
    rows: list[tuple[Node, int]] = []
    stack: list[tuple[Node, int | None]] = [(node, None) for node in reversed(roots)]
    lines: list[str] = []
    while stack:
        node, parent_row = stack.pop()
        row = len(rows)
        rows.append((node, row))
        if parent_row is not None:
            x_parent = LEFT + node.depth * INDENT - INDENT + 8
            y_parent = parent_row * ROW + BOX_HEIGHT + 4
            y = row * ROW + 4 + BOX_HEIGHT // 2
            x = LEFT + node.depth * INDENT
            lines.append(
                f'<path d="M{x_parent} {y_parent} V{y} H{x}" fill="none" stroke="#b1b4b6"/>'
            )
        stack.extend((child, row) for child in reversed(node.children))
    boxes = []
    for node, row in rows:
        unit = node.unit
        x = LEFT + node.depth * INDENT
        y = row * ROW + 4
        colour = COLOURS.get(unit.kind, "#4c6272")
        name = escape(unit.name)
        boxes.append(
            f'<a href="{escape(unit.get_absolute_url())}">'
            f'<rect x="{x}" y="{y}" width="{WIDTH - x - 4}" height="{BOX_HEIGHT}" rx="3" '
            f'fill="#ffffff" stroke="{colour}" stroke-width="2"/>'
            f'<rect x="{x}" y="{y}" width="6" height="{BOX_HEIGHT}" fill="{colour}"/>'
            f'<text x="{x + 12}" y="{y + 16}" font-size="14" fill="#0b0c0c">{name}</text></a>'
        )
    height = len(rows) * ROW + 8
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" class="portal-org-svg" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="group" aria-label="{escape(label)}">' + "".join(lines) + "".join(boxes) + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - built from escaped names and numbers only
