"""General mechanisms drawn from the thirty-eighth held-out set's misses (money in funding, a product's
production begun, a mining licence or approval granted), each on a hand-written text with a counter-example."""

from __future__ import annotations

from reechain.signals.vocabulary import REE

from .reading import measures

HEAD = "---\npublished: 2025-10-06\n---\n"
ALL_REE = tuple(sorted(REE))


def test_money_in_funding_for_a_project_is_an_investment() -> None:
    text = HEAD + (
        "Australia's VHM said on Monday it has received a letter of interest from the US Export-Import Bank for up"
        " to $200 million in funding to support development of its Goschen rare earths project.\n"
    )
    assert measures("a.md", text) == [("investment", -1, ALL_REE)]
    # money a company could need is no money found
    could = HEAD + "VHM said it could need up to $200 million in funding for its Goschen rare earths project.\n"
    assert measures("a.md", could) == []


def test_a_products_production_begun_is_an_investment_and_a_restart_is_not() -> None:
    text = HEAD + "Lynas Rare Earths has announced the start of dysprosium oxide production at its Malaysian facility.\n"
    assert measures("a.md", text) == [("investment", -1, ("Dy",))]
    restart = HEAD + "Lynas Rare Earths restarted dysprosium oxide production at its Malaysian facility.\n"
    assert measures("a.md", restart) == [("production_cut", -1, ("Dy",))]


def test_a_mining_licence_granted_is_an_investment_and_one_revoked_or_applied_for_is_not() -> None:
    text = HEAD + (
        "Ionic Rare Earths secured on Friday a large-scale mining licence for its Makuutu rare earths project in"
        " Uganda.\n"
    )
    assert measures("a.md", text) == [("investment", -1, ALL_REE)]
    for other in (
        "The ministry revoked the mining licence of the Makuutu rare earths project in Uganda.\n",
        "Ionic Rare Earths has applied for a mining licence for its Makuutu rare earths project in Uganda.\n",
    ):
        assert ("investment", -1, ALL_REE) not in measures("a.md", HEAD + other)
    assert measures("a.txt", HEAD + "该公司获得了稀土矿采矿许可证。\n") == [("investment", -1, ALL_REE)]


def test_a_state_green_light_for_mining_is_an_investment_unless_not_yet_given() -> None:
    text = HEAD + "州政府已经对开采稀土“亮绿灯”,相关开采活动将会在两个地点进行。\n"
    assert measures("a.txt", text) == [("investment", -1, ALL_REE)]
    assert measures("a.txt", HEAD + "州政府尚未对开采稀土亮绿灯。\n") == []
