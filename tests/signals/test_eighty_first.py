"""General mechanisms drawn from the eightieth and eighty-first held-out sets' misses, each on a hand-written
text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2022-03-09\n---\n"


def test_an_exchange_halting_trading_in_a_metal_is_a_neutral_suspension() -> None:
    halt = HEAD + "The London Metal Exchange has suspended nickel trading after the price doubled.\n"
    assert measures("a.md", halt) == [("suspension", 0, ("Ni",))]
    zh = "---\npublished: 2022-03-16\n---\n伦敦金属交易所(LME)再度暂停了镍交易。\n"
    assert measures("b.txt", zh) == [("suspension", 0, ("Ni",))]
    # a company's shares halted on a stock exchange are no market act on the metal
    shares = HEAD + "The Shanghai Stock Exchange suspended trading in the nickel miner's shares.\n"
    assert measures("c.md", shares) == []


def test_a_company_named_for_investing_invests_nothing() -> None:
    accident = (
        "---\npublished: 2019-10-29\n---\n"
        "南丹县庆达矿业投资有限公司的锡矿发生冒顶事故。\n全县地采矿山企业停产整顿。\n"
    )
    assert measures("a.txt", accident) == [("production_cut", 1, ("Sn",))]
    invests = "---\npublished: 2019-10-29\n---\n公司宣布投资10亿元建设锡冶炼厂。\n"
    assert [m for m, _, _ in measures("b.txt", invests)] == ["investment"]


def test_a_measure_someone_fears_is_no_act() -> None:
    feared = "---\npublished: 2019-07-23\n---\n美国开始生产稀土磁铁,主因于担心中国将限制稀土的出口。\n"
    assert measures("a.txt", feared) == []
    en = HEAD + "Prices of gallium rose amid fears that China will restrict exports of gallium.\n"
    assert measures("b.md", en) == []
    # the same measure stated as the act itself
    done = "---\npublished: 2019-07-23\n---\n中国宣布将限制稀土的出口,市场担心供应紧张。\n"
    assert [m for m, d, _ in measures("c.txt", done)] == ["export_control"]


def test_a_state_reserve_put_on_the_market_loosens_stockpiling() -> None:
    release = "---\npublished: 2021-09-16\n---\n发改委表示,已经投放三批铜铝锌,市场各方对投放储备反应热烈。\n"
    assert measures("a.txt", release) == [("stockpiling", -1, ("Al", "Cu", "Zn"))]
    bureau = "---\npublished: 2021-09-16\n---\n国家物资储备局表示,铜价仍保持高位运行。\n"
    assert measures("b.txt", bureau) == []


def test_expanding_production_capability_is_investment() -> None:
    dpa = (
        HEAD + "The Department of Defense will take actions to develop and purchase equipment needed for "
        "expanding production capability for samarium cobalt magnets.\n"
    )
    assert measures("a.md", dpa) == [("investment", -1, ("Co", "Sm"))]
    shortfall = HEAD + "There is a shortfall in production capability for samarium cobalt magnets.\n"
    assert measures("b.md", shortfall) == []


def test_a_safety_inspection_campaign_launched_tightens_output() -> None:
    launched = (
        HEAD + "The government has launched a round of safety inspections at tungsten mines in Ganzhou.\n"
    )
    assert measures("a.md", launched) == [("production_cut", 1, ("W",))]
    zh = "---\npublished: 2019-03-19\n---\n赣州市开展钨矿安全生产大检查。\n"
    assert measures("b.txt", zh) == [("production_cut", 1, ("W",))]
    passed = HEAD + "The tungsten mine passed a safety inspection last year and kept producing.\n"
    assert measures("c.md", passed) == []
