"""A general mechanism drawn from the thirty-sixth held-out set's misses (smelting suspended is production
halted, not a measure suspended), on a hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2023-03-20\n---\n"


def test_smelting_suspended_is_a_production_cut() -> None:
    text = (
        HEAD
        + "The magnesium smelter is set to suspend smelting on 26 March and the date of resumption is open.\n"
    )
    assert measures("s.md", text) == [("production_cut", 1, ("Mg",))]
    # a measure suspended is still a suspension
    measure = HEAD + "The ministry will suspend the magnesium export ban on 26 March.\n"
    assert [m for m, _, _ in measures("s.md", measure)] == ["suspension"]
