"""Small-cell suppression: no count of fewer than 10 people shows, nor can be worked out.

A table is a tree of sums: the root (the total) is the sum of its children, each child the sum of
its own children (a pillar is the sum of its categories). Every cell under ``THRESHOLD`` is
hidden (primary suppression, shown as "<10"). Then, as long as some hidden cell can be worked
out exactly from what is shown — the sums, and what anyone knows: a "<10" cell lies between 0 and
9, any other hidden cell is at least 10 — one more cell of its sum is hidden as well
(complementary suppression, shown as "x"), the smallest first.

Whether a hidden cell can be worked out is decided exactly: for a tree of sums with each cell in
an interval, a set of values is possible when every node's interval meets the sum of its
children's intervals (:func:`_feasible`); a hidden cell is safe when at least two of its values
are possible. Pure Python, no database: property tests (tests/figures/test_suppression.py) check
it against brute force.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

THRESHOLD = 10
UNBOUNDED = 10**12

Key = Hashable


@dataclass(frozen=True)
class Shown:
    """What a table shows for one cell: the number, or that it is hidden (and why)."""

    value: int | None  # None: hidden
    small: bool = False  # hidden because it counts fewer than THRESHOLD ("<10")

    @property
    def hidden(self) -> bool:
        return self.value is None

    def text(self) -> str:
        """Return the cell as a table and the CSV show it."""
        if self.value is not None:
            return str(self.value)
        return f"<{THRESHOLD}" if self.small else "x"


@dataclass(frozen=True)
class Tree:
    """A tree of sums: ``children[k]`` are the keys whose values add up to the value of ``k``."""

    root: Key
    children: Mapping[Key, Sequence[Key]]

    def order(self) -> list[Key]:
        """Return every key, parents before their children."""
        order: list[Key] = []
        stack = [self.root]
        while stack:
            key = stack.pop()
            order.append(key)
            stack.extend(reversed(list(self.children.get(key, ()))))
        return order

    def parent_of(self) -> dict[Key, Key]:
        return {child: parent for parent, kids in self.children.items() for child in kids}


def _box(
    key: Key, values: Mapping[Key, int], hidden: set[Key], leaf_cap: int | None, is_leaf: bool
) -> tuple[int, int]:
    """Return what an onlooker knows of one cell: its interval."""
    if key not in hidden:
        return values[key], values[key]
    top = leaf_cap if (is_leaf and leaf_cap is not None) else UNBOUNDED
    if values[key] < THRESHOLD:
        return 0, min(THRESHOLD - 1, top)
    return THRESHOLD, top


def _feasible(tree: Tree, boxes: Mapping[Key, tuple[int, int]]) -> bool:
    """Tell whether some values within ``boxes`` make every sum of ``tree`` add up."""

    def span(key: Key) -> tuple[int, int] | None:
        low, high = boxes[key]
        kids = tree.children.get(key, ())
        if kids:
            sums = [span(kid) for kid in kids]
            if any(s is None for s in sums):
                return None
            low = max(low, sum(s[0] for s in sums if s is not None))
            high = min(high, sum(s[1] for s in sums if s is not None))
        return (low, high) if low <= high else None

    return span(tree.root) is not None


def possible_values(
    tree: Tree,
    values: Mapping[Key, int],
    hidden: set[Key],
    key: Key,
    leaf_cap: int | None = None,
) -> list[int]:
    """Return the values under ``THRESHOLD`` that the hidden small cell ``key`` could have."""
    keys = tree.order()
    boxes = {k: _box(k, values, hidden, leaf_cap, not tree.children.get(k)) for k in keys}
    low, high = boxes[key]
    found = []
    for candidate in range(low, min(high, THRESHOLD - 1) + 1):
        trial = dict(boxes)
        trial[key] = (candidate, candidate)
        if _feasible(tree, trial):
            found.append(candidate)
    return found


def _exposed(
    tree: Tree, values: Mapping[Key, int], hidden: set[Key], leaf_cap: int | None
) -> Key | None:
    """Return a hidden small cell that can be worked out exactly, or None."""
    for key in tree.order():
        small = key in hidden and values[key] < THRESHOLD
        if small and len(possible_values(tree, values, hidden, key, leaf_cap)) < 2:
            return key
    return None


def suppress(
    tree: Tree,
    values: Mapping[Key, int],
    *,
    keep: frozenset[Key] = frozenset(),
    hide: frozenset[Key] = frozenset(),
    leaf_cap: int | None = None,
) -> dict[Key, Shown]:
    """Hide the small cells of ``tree`` and as many others as it takes to keep them hidden.

    :param values: the true count of every key of the tree (the sums must add up).
    :param keep: keys not to hide for the sake of others (a total shown in another table too),
        unless nothing else protects a small cell.
    :param hide: keys to hide whatever they hold (a total another table had to hide).
    :param leaf_cap: the most a leaf can hold, as an onlooker would know it (tests only).
    """
    keys = tree.order()
    parent = tree.parent_of()
    hidden = {k for k in keys if values[k] < THRESHOLD} | set(hide)
    while (exposed := _exposed(tree, values, hidden, leaf_cap)) is not None:
        hidden.add(_partner(tree, values, hidden, keep, parent, exposed))
    return {k: Shown(None if k in hidden else values[k], small=values[k] < THRESHOLD) for k in keys}


def _partner(
    tree: Tree,
    values: Mapping[Key, int],
    hidden: set[Key],
    keep: frozenset[Key],
    parent: Mapping[Key, Key],
    exposed: Key,
) -> Key:
    """Choose the next cell to hide for ``exposed``: a sibling, else its sum, else its parts."""
    siblings = list(tree.children.get(parent[exposed], ())) if exposed in parent else []
    above = [parent[exposed]] if exposed in parent else []
    below = list(tree.children.get(exposed, ()))
    for group in (siblings, above, below, tree.order()):
        shown = [k for k in group if k not in hidden and k not in keep]
        if shown:
            return min(shown, key=lambda k: values[k])
    return min((k for k in tree.order() if k not in hidden), key=lambda k: values[k])


def flat(root: Key, parts: Sequence[Key]) -> Tree:
    """Return the tree of a total and its parts."""
    return Tree(root, {root: list(parts)})
