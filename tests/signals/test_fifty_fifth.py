"""General mechanisms drawn from the fifty-fourth and fifty-fifth held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2016-05-10\n---\n"


def test_a_mine_bought_for_money_is_an_investment() -> None:
    bought = (
        HEAD + "China Molybdenum has agreed to buy a copper mine in Congo from Freeport for $2.65 billion.\n"
    )
    assert measures("a.md", bought) == [("investment", -1, ("Cu",))]
    # buying the metal a mine produces is no investment
    metal = HEAD + "Traders agreed to buy copper from the mine at a discount of 2 percent.\n"
    assert measures("b.md", metal) == []


def test_a_controlling_stake_taken_is_an_investment() -> None:
    stake = HEAD + "Ganfeng will take a controlling stake in the Cauchari-Olaroz lithium project.\n"
    assert measures("a.md", stake) == [("investment", -1, ("Li",))]
    over = HEAD + "The deal involves taking over Freeport's 56 percent stake in the Tenke cobalt mine.\n"
    assert measures("b.md", over) == [("investment", -1, ("Co",))]
    minority = HEAD + "Ganfeng holds a minority stake in the Cauchari-Olaroz lithium project.\n"
    assert measures("c.md", minority) == []


def test_an_opening_ceremony_of_a_plant_and_a_speakers_hopes_for_it() -> None:
    opened = (
        HEAD + "The minister was on hand today for the opening ceremony of Northern Minerals' Browns Range "
        "pilot processing plant, saying the operation would be a major job-creator; it makes dysprosium.\n"
    )
    assert measures("a.md", opened) == [("investment", -1, ("Dy",))]
    hoped = HEAD + "The minister said a dysprosium processing plant would be a major job-creator.\n"
    assert measures("b.md", hoped) == []


def test_a_holding_bought_for_money_in_chinese() -> None:
    head = "---\npublished: 2014-08-25\n---\n"
    bought = head + "天齐锂业将以1.22亿美元收购一家锂盐企业100%股权。\n"
    assert measures("a.txt", bought) == [("investment", -1, ("Li",))]
    # a holding sold is no investment in supply
    sold = head + "天齐锂业将出售一家锂盐企业的部分股权。\n"
    assert measures("b.txt", sold) == []
