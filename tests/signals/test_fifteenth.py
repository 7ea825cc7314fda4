"""The mechanisms drawn from the fifteenth held-out set's misses, each on hand-written texts with
counter-examples: a government campaign against illegal mining as a production cut, mines closed or blown
up with the verb after them, grants and Defense Production Act awards as investment."""

from __future__ import annotations

from reechain.signals.reading import read_document

from .reading import measures, signals

# a campaign against illegal mining or production


def test_a_campaign_against_illegal_mining_is_a_production_cut() -> None:
    text = "---\npublished: 2018-03-05\n---\n自然资源部启动专项行动，严厉打击钨矿非法开采。\n"
    assert measures("zh.txt", text) == [("production_cut", 1, ("W",))]


def test_an_order_to_investigate_illegal_production_is_a_production_cut() -> None:
    text = "---\npublished: 2017-06-01\n---\n3月2日，六部门联合发函，要求有关地方进一步查处锑违法违规行为。\n"
    assert measures("zh.txt", text) == [("production_cut", 1, ("Sb",))]


def test_a_price_report_on_antimony_is_no_campaign() -> None:
    text = "---\npublished: 2017-06-01\n---\n本周锑价格小幅上涨，市场成交清淡。\n"
    assert measures("zh.txt", text) == []


# mines closed, the verb after them


def test_mines_blown_up_and_closed_are_a_production_cut() -> None:
    text = "---\npublished: 2015-05-07\n---\n4月30日，执法人员对两家民采钨矿进行炸毁关闭。\n"
    assert measures("zh.txt", text) == [("production_cut", 1, ("W",))]


# grants and Defense Production Act awards


def test_a_grant_of_an_amount_for_a_plant_is_investment() -> None:
    text = (
        "---\npublished: 2022-11-09\n---\n"
        "Grant of up to 18.7 million Euros will help accelerate the lithium plans of the company.\n"
    )
    assert measures("en.md", text) == [("investment", -1, ("Li",))]


def test_a_defense_production_act_award_of_an_amount_is_investment() -> None:
    text = (
        "---\npublished: 2026-01-05\n---\n"
        "The company said it will use a $12 million Pentagon award under the Defense Production Act to "
        "produce gallium metal.\n"
    )
    assert measures("en.md", text) == [("investment", -1, ("Ga",))]
    unnamed = (
        "---\npublished: 2026-01-05\n---\nThe company said it will use the money to produce gallium metal.\n"
    )
    assert measures("en.md", unnamed) == []


# a report's date from its address


def test_a_report_without_a_published_date_is_dated_from_its_address() -> None:
    text = (
        '---\nurl: "http://example.cn/news/20150507/117368.html"\n---\n'
        "5月7日讯，4月30日，执法人员对两家民采钨矿进行炸毁关闭。\n"
    )
    [sig] = signals("zh.txt", text)
    assert str(sig["announced"]).startswith("2015-")  # not the year the reader runs in
    slashed = read_document(
        "zh.txt", b'---\nurl: "http://example.cn/news/2016/0808/1437144.html"\n---\ntext\n'
    )
    assert slashed.published is not None and slashed.published.isoformat() == "2016-08-08"
    undated = read_document("zh.txt", b'---\nurl: "http://example.cn/news/view?id=4576"\n---\ntext\n')
    assert undated.published is None


# a continuation promised in a speech, a tally of past enforcement


def test_a_promise_to_continue_a_crackdown_is_no_signal() -> None:
    text = (
        "---\npublished: 2016-08-08\n---\n"
        "司长8日说，我国将综合施策，继续严厉打击各类违法违规开采钨矿的行为。\n"
    )
    assert measures("zh.txt", text) == []
    acting = "---\npublished: 2016-08-08\n---\n8日，国土资源部严厉打击各类违法违规开采钨矿的行为。\n"
    assert measures("zh.txt", acting) == [("production_cut", 1, ("W",))]


def test_a_tally_of_past_enforcement_is_no_signal() -> None:
    text = (
        "---\npublished: 2016-08-08\n---\n"
        "“十二五”期间，有关部门连续5年开展专项行动，共查处案件113起，关闭存在违法违规行为的钨矿企业28家。\n"
    )
    assert measures("zh.txt", text) == []


# an analysis, a policy awaited, the state production is in


def test_an_analysis_of_export_controls_is_no_signal() -> None:
    text = (
        "---\ntitle: 中国锑出口管制调整的影响及行业发展趋势\npublished: 2025-01-10\n---\n"
        "中国对锑出口管制的调整是应对全球供应链重构的重要举措。\n"
    )
    assert measures("zh.txt", text) == []
    news = (
        "---\ntitle: 中国调整锑出口管制\npublished: 2025-01-10\n---\n商务部宣布，自即日起对锑实施出口管制。\n"
    )
    assert [m[0] for m in measures("zh.txt", news)] == ["export_control"]
    english = (
        "---\ntitle: Analyzing China's Timing in Gallium Export Controls\npublished: 2025-01-10\n---\n"
        "China's export controls on gallium have long been a strategic concern.\n"
    )
    assert measures("en.md", english) == []


def test_a_policy_the_market_awaits_is_no_signal() -> None:
    text = "---\npublished: 2013-08-02\n---\n市场在观望钨收储政策的效果。\n"
    assert measures("zh.txt", text) == []


def test_the_state_production_is_in_is_no_signal() -> None:
    text = "---\npublished: 2021-06-04\n---\n中长期看，钨矿生产处于复产阶段，产量增加有限。\n"
    assert measures("zh.txt", text) == []


# a quota's elements: those whose quota the clause sets


def test_a_quota_clause_takes_its_own_elements_not_a_list_before_it() -> None:
    text = (
        "---\npublished: 2015-12-30\n---\n现公布2016年钼、锑出口企业名单，下达锑、铟2016年第一批出口配额。\n"
    )
    assert measures("zh.txt", text) == [("quota", 0, ("In", "Sb"))]
