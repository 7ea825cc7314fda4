"""General mechanisms drawn from the ninety-second and ninety-third held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2021-02-25\n---\n"


def test_operations_partially_suspended_are_a_halt() -> None:
    partial = HEAD + "Operations at the Taimyrsky nickel mine have also been partially suspended.\n"
    assert measures("a.md", partial) == [("production_cut", 1, ("Ni",))]
    measure = HEAD + "The export ban on nickel ore has been partially suspended.\n"
    assert [m for m, _, _ in measures("b.md", measure)] == ["suspension"]


def test_a_suspension_named_for_its_impact_is_the_halt_told_already() -> None:
    impact = (
        HEAD
        + "The nickel miner will assess the impact of the partial suspension on its production guidance.\n"
    )
    assert "suspension" not in [m for m, _, _ in measures("a.md", impact)]
    act = HEAD + "China announced the suspension of its nickel export controls.\n"
    assert measures("b.md", act) == [("suspension", -1, ("Ni",))]
