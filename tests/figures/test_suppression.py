"""Small cells stay hidden: no "<10" cell can be worked out from what a table shows.

The checker here is independent of the module's interval reasoning: it tries every value of
every hidden leaf (a "<10" cell from 0 to 9, any other hidden cell from 10 to the cap) and keeps
the tables that agree with every shown cell, then asks whether each "<10" cell still has more than
one possible value.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from app.figures.suppression import THRESHOLD, Shown, Tree, flat, suppress

CAP = 20  # the largest leaf the examples hold; the onlooker knows it too


def _leaves(tree: Tree) -> list:
    return [k for k in tree.order() if not tree.children.get(k)]


def _complete(tree: Tree, leaves: dict) -> dict:
    values = dict(leaves)
    for key in reversed(tree.order()):
        if tree.children.get(key):
            values[key] = sum(values[kid] for kid in tree.children[key])
    return values


def _solutions(tree: Tree, shown: dict[object, Shown]) -> list[dict]:
    """Every complete table (leaves up to CAP) that agrees with what is shown."""
    leaves = _leaves(tree)
    ranges = []
    for leaf in leaves:
        cell = shown[leaf]
        if cell.value is not None:
            ranges.append([cell.value])
        elif cell.small:
            ranges.append(range(THRESHOLD))
        else:
            ranges.append(range(THRESHOLD, CAP + 1))
    found = []
    for combo in itertools.product(*ranges):
        values = _complete(tree, dict(zip(leaves, combo, strict=True)))
        if all(_agrees(shown[k], values[k]) for k in tree.order()):
            found.append(values)
    return found


def _agrees(cell: Shown, value: int) -> bool:
    if cell.value is not None:
        return cell.value == value
    return value < THRESHOLD if cell.small else value >= THRESHOLD


def _assert_safe(tree: Tree, values: dict) -> dict[object, Shown]:
    shown = suppress(tree, values, leaf_cap=CAP)
    solutions = _solutions(tree, shown)
    assert values in solutions
    for key, cell in shown.items():
        assert cell.hidden or cell.value == values[key]
        if values[key] < THRESHOLD:
            assert cell.hidden and cell.small and cell.text() == "<10"
            assert len({s[key] for s in solutions}) >= 2, (key, values, shown)
    return shown


leaf = st.integers(min_value=0, max_value=CAP)


@settings(max_examples=150, deadline=None)
@given(st.lists(leaf, min_size=1, max_size=4))
def test_a_total_and_its_parts_never_give_a_small_cell_away(parts):
    tree = flat("total", [f"p{i}" for i in range(len(parts))])
    values = _complete(tree, {f"p{i}": v for i, v in enumerate(parts)})
    _assert_safe(tree, values)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(leaf, min_size=1, max_size=2), min_size=1, max_size=2))
def test_subtotals_and_total_never_give_a_small_cell_away(groups):
    children: dict[object, list] = {"total": []}
    leaves = {}
    for g, parts in enumerate(groups):
        children["total"].append(f"g{g}")
        children[f"g{g}"] = [f"g{g}p{i}" for i in range(len(parts))]
        leaves.update({f"g{g}p{i}": v for i, v in enumerate(parts)})
    tree = Tree("total", children)
    _assert_safe(tree, _complete(tree, leaves))


def test_one_small_cell_takes_the_smallest_other_cell_with_it():
    tree = flat("total", ["a", "b", "c"])
    shown = suppress(tree, {"total": 60, "a": 4, "b": 25, "c": 31})
    assert [shown[k].text() for k in ("total", "a", "b", "c")] == ["60", "<10", "x", "31"]


def test_two_small_cells_that_add_up_to_18_are_both_nine_so_more_is_hidden():
    tree = flat("total", ["a", "b", "c"])
    shown = suppress(tree, {"total": 40, "a": 9, "b": 9, "c": 22})
    assert shown["a"].hidden and shown["b"].hidden
    assert shown["c"].hidden or shown["total"].hidden


def test_a_total_kept_for_other_tables_stays_when_a_part_can_go_instead():
    tree = flat("total", ["a", "b"])
    shown = suppress(tree, {"total": 30, "a": 3, "b": 27}, keep=frozenset({"total"}))
    assert shown["total"].value == 30 and shown["b"].hidden


def test_nothing_small_hides_nothing():
    tree = flat("total", ["a", "b"])
    shown = suppress(tree, {"total": 30, "a": 10, "b": 20})
    assert [c.text() for c in shown.values()] == ["30", "10", "20"]
