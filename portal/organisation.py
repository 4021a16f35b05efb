"""The organisation (ΟΕΥ): what each app adds to a unit's public page, and the unit tree.

An app lists its blocks as `unit_sections = (UnitSection(...),)` on its
AppConfig, as it lists `datasets`: the template of the block and the dotted
path of a function that returns the unit's items (in one query). The portal
core never imports the app; a unit's page shows every non-empty block, by
`position`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class UnitSection:
    """A block of a unit's page: its procedures, its appointment desks, its categories."""

    template: str
    items: str
    position: int = 100


def unit_section_apps() -> tuple[str, ...]:
    """The labels of the apps that add blocks to a unit's page (its page cache follows them)."""
    return tuple(
        config.label for config in apps.get_app_configs() if getattr(config, "unit_sections", ())
    )


def unit_sections(department) -> list[tuple[str, list]]:
    """Return (template, items) of every block the installed apps add, non-empty ones only."""
    sections = sorted(
        (
            section
            for config in apps.get_app_configs()
            for section in getattr(config, "unit_sections", ())
        ),
        key=lambda section: section.position,
    )
    found = []
    for section in sections:
        items = list(import_string(section.items)(department))
        if items:
            found.append((section.template, items))
    return found


@dataclass
class Node:
    """A unit in the tree, with its depth (0 for a top unit) and its children."""

    unit: Any
    depth: int
    children: list["Node"]


def build_tree(units: Iterable) -> list[Node]:
    """Arrange units (each with `pk` and `parent_id`) into trees, keeping their order.

    A unit whose parent is not among them (inactive, say) starts a tree of its own.
    """
    units = list(units)
    nodes = {unit.pk: Node(unit, 0, []) for unit in units}
    roots: list[Node] = []
    for unit in units:
        parent = nodes.get(unit.parent_id)
        (parent.children if parent else roots).append(nodes[unit.pk])
    stack = [(node, 0) for node in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        node.depth = depth
        stack.extend((child, depth + 1) for child in reversed(node.children))
    return roots


def walk(roots: list[Node]) -> list[tuple[Node, bool, range]]:
    """Flatten trees in reading order: (node, opens a list before it, lists to close after).

    Lets a template write nested lists in one loop, without a recursive include
    per unit (300 units render in milliseconds): before a first child comes
    `<ul>`; after a unit without children comes `</li>`, then `</ul></li>` once
    for every level the next unit climbs back.
    """
    order: list[Node] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(node.children))
    flat = []
    for index, node in enumerate(order):
        opens = index > 0 and node.depth > order[index - 1].depth
        next_depth = order[index + 1].depth if index + 1 < len(order) else 0
        closes = range(node.depth - next_depth) if not node.children else range(0)
        flat.append((node, opens, closes))
    return flat
