"""General mechanisms drawn from the thirty-eighth held-out set's misses (money in funding, a product's
production begun, a mining licence or approval granted, the day a later statement was made), each on a
hand-written text with a counter-example."""

from __future__ import annotations

from reechain.signals.vocabulary import REE

from .reading import measures, signals

HEAD = "---\npublished: 2025-10-06\n---\n"
ALL_REE = tuple(sorted(REE))


def test_money_in_funding_for_a_project_is_an_investment() -> None:
    text = HEAD + (
        "Australia's VHM said on Monday it has received a letter of interest from the US Export-Import Bank"
        " for up to $200 million in funding to support development of its Goschen rare earths project.\n"
    )
    assert measures("a.md", text) == [("investment", -1, ALL_REE)]
    # money a company could need is no money found
    could = (
        HEAD + "VHM said it could need up to $200 million in funding for its Goschen rare earths project.\n"
    )
    assert measures("a.md", could) == []


def test_a_products_production_begun_is_an_investment_and_a_restart_is_not() -> None:
    text = (
        HEAD
        + "Lynas Rare Earths has announced the start of dysprosium oxide production at its Malaysian"
        + " facility.\n"
    )
    assert measures("a.md", text) == [("investment", -1, ("Dy",))]
    restart = HEAD + "Lynas Rare Earths restarted dysprosium oxide production at its Malaysian facility.\n"
    assert measures("a.md", restart) == [("production_cut", -1, ("Dy",))]


def test_a_mining_licence_granted_is_an_investment_and_one_revoked_or_applied_for_is_not() -> None:
    text = HEAD + (
        "Ionic Rare Earths secured on Friday a large-scale mining licence for its Makuutu rare earths"
        " project in Uganda.\n"
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


def test_money_received_in_chinese_and_the_day_a_later_statement_was_made() -> None:
    lead = "据路透社报道，美国首次资助澳大利亚稀土项目，初步投资6亿美元。\n\n"
    statement = "ASM周四透露，已经收到美国进出口银行提供6亿美元支持其建设杜博稀土项目的债务资金意向书。\n"
    (sig,) = signals("a.txt", "---\npublished: 2024-03-22\n---\n" + lead + statement)
    assert (sig["measure"], sig["direction"], sig["announced"]) == ("investment", -1, "2024-03-21")
    # the statement alone states the money received
    assert measures("a.txt", "---\npublished: 2024-03-22\n---\n" + statement) == [("investment", -1, ALL_REE)]
    # a statement far down the text, after other paragraphs, dates nothing of the lead's
    filler = "西方国家正在构建稀土供应链。\n\n美国和澳大利亚已经成立了关键矿产工作组。\n\n"
    (late,) = signals("a.txt", "---\npublished: 2024-03-22\n---\n" + lead + filler + statement)
    assert late["announced"] == "2024-03-22"


def test_a_day_of_the_month_spoken_in_the_next_paragraph_dates_the_lead() -> None:
    text = (
        "---\npublished: 2025-08-29\n---\n"
        "最大稀土矿商、澳洲的莱纳斯（Lynas）正筹资5亿多美元以扩充产能并投资下游供应链。\n\n"
        "莱纳斯28日表示，将增资8.25亿澳币来增加库存与产能，并投资马来西亚与美国的下游磁铁制造商。\n"
    )
    (sig,) = signals("a.txt", text)
    assert (sig["measure"], sig["announced"]) == ("investment", "2025-08-28")


def test_an_essay_opening_reads_only_acts_it_dates() -> None:
    head = "---\npublished: 2025-07-06\n---\n"
    recalled = "2025年春，中国临时收紧稀土磁体出口许可，短时间内波及美国汽车与国防供应链。"
    essay = head + "引言\n" + recalled + "本文将依次评析双轨模式的项目进展。\n"
    assert measures("a.txt", essay) == []
    # the same sentence opening a news report is its news
    assert measures("a.txt", head + recalled + "\n") == [("export_licence", 1, ALL_REE)]
    # an essay still reads an act it dates
    dated = head + "引言\n商务部2025年7月4日宣布收紧稀土磁体出口许可。本文将依次评析其影响。\n"
    assert measures("a.txt", dated) == [("export_licence", 1, ALL_REE)]
    english = (
        head + "This paper examines how China tightened export licences for rare earth magnets in April.\n"
    )
    assert measures("a.md", english) == []


def test_a_bar_on_people_travelling_abroad_is_no_ban_on_goods() -> None:
    head = "---\npublished: 2025-09-23\n---\n"
    assert measures("a.txt", head + "中国同时禁止多数稀土炼厂技术人员出国。\n") == []
    assert measures("a.txt", head + "中国同时禁止稀土冶炼分离技术出口。\n") == [("ban", 1, ALL_REE)]
    assert measures("a.md", head + "China barred its rare earth engineers from travelling abroad.\n") == []
    goods = head + "China banned exports of rare earth processing technology.\n"
    assert measures("a.md", goods) == [("ban", 1, ALL_REE)]
