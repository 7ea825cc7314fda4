"""General mechanisms drawn from the thirty-fifth held-out set's misses (subsidised imports and a
trade-defence investigation begun), on hand-written texts with counter-examples."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2024-08-07\n---\n"


def test_subsidised_imports_are_no_public_money_for_supply() -> None:
    text = HEAD + "The petitions allege that dumped and subsidized tungsten shot imports hurt the industry.\n"
    assert [m for m, _, _ in measures("s.md", text)] != ["investment"]
    subsidy = HEAD + "The government will pay a production subsidy to tungsten mines from next year.\n"
    assert measures("s.md", subsidy) == [("investment", -1, ("W",))]


def test_a_trade_defence_investigation_begun_imposes_no_duty() -> None:
    text = (
        HEAD + "Commerce initiated a countervailing duty (CVD) investigation into tungsten shot from China.\n"
    )
    assert measures("i.md", text) == []
    imposed = HEAD + "Commerce imposed a countervailing duty on imports of tungsten shot from China.\n"
    assert measures("i.md", imposed) == [("tariff", 1, ("W",))]
