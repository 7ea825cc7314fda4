"""General mechanisms drawn from the sixty-second and sixty-third held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2020-07-21\n---\n"


def test_an_investment_bank_invests_in_nothing() -> None:
    bank = HEAD + "Investment banking group Roth Capital issued an advisory note on the polysilicon market.\n"
    assert measures("a.md", bank) == []
    money = HEAD + "The company announced an investment of $200 million in a new polysilicon plant.\n"
    assert [(m, d) for m, d, _ in measures("b.md", money)] == [("investment", -1)]


def test_capacity_taken_offline_is_cut() -> None:
    offline = (
        HEAD + "Explosions at a polysilicon plant have taken more than 10% of global production capacity "
        "offline.\n"
    )
    assert measures("a.md", offline) == [("production_cut", 1, ("Si",))]
    # an offline sale is no cut
    sales = HEAD + "The polysilicon maker sells most of its output offline through long-term contracts.\n"
    assert measures("b.md", sales) == []


def test_producers_own_pledge_to_cut_is_decided() -> None:
    head = "---\npublished: 2015-11-23\n---\n"
    pledge = head + "上周五,10家中国锌冶炼企业发布倡议书,计划明年减产50万吨。\n"
    assert measures("a.txt", pledge) == [("production_cut", 1, ("Zn",))]
    # an association's advice to producers stays advice
    advice = head + "有色金属工业协会建议锌冶炼企业明年减产50万吨。\n"
    assert measures("b.txt", advice) == []


def test_a_mine_restarting_as_the_sentences_pronoun() -> None:
    head = "---\npublished: 2017-12-12\n---\n"
    restart = (
        head + "Glencore said its Katanga mine produced its first copper cathodes on Monday as it restarts "
        "after output was suspended in 2015.\n"
    )
    assert [(m, d) for m, d, _ in measures("a.md", restart)] == [("production_cut", -1)]
    talks = head + "Glencore said the copper miners' union stopped talks in 2015 and it restarts talks now.\n"
    assert [m for m, _, _ in measures("b.md", talks) if m == "production_cut"] == []


def test_a_plant_described_as_banned_capacity_is_no_new_ban() -> None:
    head = "---\npublished: 2014-12-26\n---\n"
    text = head + "现场核实,该锑冶炼厂生产设施属于国家明令禁止的淘汰落后产能,擅自组织生产。\n"
    assert [m for m, _, _ in measures("a.txt", text) if m == "ban"] == []
    banned = head + "国家决定禁止新建锑冶炼厂。\n"
    assert [m for m, _, _ in measures("b.txt", banned) if m == "ban"] == ["ban"]
