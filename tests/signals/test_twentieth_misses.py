"""General mechanisms drawn from the twentieth set's remaining misses, on hand-written texts with
counter-examples: an export tax rebate cut, the members of a class named in the next sentence, producers as
the subject of a passive halt, a halt named by its noun, what a measure does not touch, a crackdown on illegal
digging, "is not a ban", approvals under a control in force, an earlier act on other elements, interim
results, a headline above a dateline, the day of a restart."""

from __future__ import annotations

from .reading import measures, signals


def test_cutting_an_export_tax_rebate_raises_what_exports_bear() -> None:
    said = "The finance ministry said on Friday it would {} on aluminium products from Dec. 1."
    assert measures("a.md", said.format("cancel export tax rebates")) == [("tariff", 1, ("Al",))]
    assert measures("a.md", said.format("raise export tax rebates")) == [("tariff", -1, ("Al",))]
    assert measures("a.md", said.format("cut export duties")) == [("tariff", -1, ("Al",))]  # still a cut
    zh = "2024年11月15日，财政部公告，自2024年12月1日起取消铝材出口退税。"
    assert measures("a.txt", zh) == [("tariff", 1, ("Al",))]


RESERVE = (
    "China plans to add to its strategic reserves of key industrial metals this year.\n\n"
    "Cobalt, nickel and lithium are among the {} the government plans to purchase.\n\n"
    "China's national reserves will also buy copper."
)


def test_the_next_sentence_may_name_the_members_of_the_class() -> None:
    # before: the reserve took only the copper of a later sentence
    assert measures("r.md", RESERVE.format("metals")) == [("stockpiling", 1, ("Co", "Cu", "Li", "Ni"))]
    # a sentence that does not go on about the reserve's class lends it nothing
    assert measures("r.md", RESERVE.format("buyers' favourites")) == [("stockpiling", 1, ("Cu",))]


def test_producers_halted_in_the_passive_are_a_production_cut() -> None:
    text = (
        "A large number of antimony smelters have suspended production since 18 June 2025. "
        "Antimony smelters in Guizhou are almost all suspended."
    )
    # before: the second sentence read as the suspension of a measure, which left no signal at all
    assert measures("s.md", text) == [("production_cut", 1, ("Sb",))]
    # the suspension of a measure stays a suspension
    lifted = "The export ban on antimony ores is suspended from 18 June 2025 until 30 June 2026."
    assert [m for m, _, _ in measures("s.md", lifted)] == ["suspension"]


def test_a_halt_named_by_its_noun_in_a_market_report_title() -> None:
    title = "---\ntitle: Recent Increase in Antimony Smelter Shutdowns [Antimony Market Report]\n---\n"
    body = "Around 20 of 30 antimony smelters have halted production in June 2025."
    assert measures("m.md", title + body) == [("production_cut", 1, ("Sb",))]
    prices = "---\ntitle: Weekly Antimony Market Report\n---\n"
    # a market report whose title names no measure reads measures only when announced with a date
    assert measures("m.md", prices + "Prices rose as some antimony smelters halted production.") == []


def test_what_a_measure_does_not_touch_is_no_act() -> None:
    text = (
        "2023年2月24日，宜春市人民政府发布通告，依法严厉打击在全市范围内非法偷采盗采锂矿行为。"
        "某锂业公司表示，本次调查与公司投资的项目并没有太大关系。"
    )
    assert measures("y.txt", text) == [("production_cut", 1, ("Li",))]
    invested = "2023年2月24日，某锂业公司宣布投资20亿元新建锂盐冶炼厂。"
    assert measures("y.txt", invested) == [("investment", -1, ("Li",))]


def test_is_not_a_ban_leaves_the_licences_granted() -> None:
    text = (
        "---\npublished: 2024-01-18\n---\n"
        "1月18日，商务部发言人表示，商务部对石墨出口管制政策进行了优化调整，并于2023年12月1日起正式实施。"
        "中国对石墨物项实施出口管制不是禁止出口，商务部已收到多家企业的许可申请，已批准了符合规定的出口申请，有关企业已获得出口许可证。"
    )
    got = signals("g.txt", text)
    assert [(s["measure"], s["direction"], s["elements"]) for s in got] == [("export_licence", -1, ["C"])]
    assert got[0]["effective"] is None  # licences take effect as granted, not from the control's start
    ban = "2023年12月1日，商务部宣布禁止出口石墨。"
    assert measures("g.txt", ban) == [("ban", 1, ("C",))]


def test_an_earlier_act_on_other_elements_is_not_this_one() -> None:
    text = (
        "China approves first graphite export permits\n\n"
        "The commerce ministry said on 14 December 2023 it has approved a number of export permits "
        "for graphite.\n\n"
        "Beijing has also introduced export licences on gallium and germanium from Aug. 1."
    )
    assert measures("p.md", text) == [("export_licence", -1, ("C",))]


def test_interim_results_are_a_report() -> None:
    text = (
        "---\ntitle: Miner Releases 2025 Interim Results\npublished: 2025-08-24\n---\n"
        "Miner Releases 2025 Interim Results\n\n"
        "Capacity expansion projects are progressing, to support the goal of a copper capacity of 800,000 "
        "tonnes by 2028."
    )
    assert measures("i.md", text) == []


def test_a_headline_repeated_above_a_dateline_is_apart() -> None:
    text = (
        "---\ntitle: 消息称某公司宜春锂矿停产\npublished: 2024-09-13\n---\n"
        "消息称某公司宜春锂矿停产\n"
        "每日经济新闻9月11日消息，某公司位于江西宜春的锂云母选矿将全部停产。"
    )
    assert [(s["measure"], s["announced"]) for s in signals("h.txt", text)] == [
        ("production_cut", "2024-09-11")
    ]


def test_the_day_production_started_again_is_the_restarts_start() -> None:
    text = (
        "10月14日，某公司发布公告称，子公司收到同意恢复锂资源开发利用活动的批复；"
        "子公司于2025年10月11日正式复产。"
    )
    got = signals("r.txt", text)
    assert [(s["measure"], s["direction"], s["effective"]) for s in got] == [
        ("production_cut", -1, "2025-10-11")
    ]


def test_a_text_without_any_year_says_its_year_is_assumed() -> None:
    yearless = "藏格钾肥因违规开采锂资源，7月16日收到自然资源局通知，要求立即停止开采并整改。"
    got = signals("y.txt", yearless)
    assert [(s["measure"], s["year_assumed"]) for s in got] == [("production_cut", True)]
    dated = "---\npublished: 2025-07-17\n---\n" + yearless
    assert [s["year_assumed"] for s in signals("y.txt", dated)] == [False]
    with_year = yearless.replace("7月16日", "2025年7月16日")
    assert [s["year_assumed"] for s in signals("y.txt", with_year)] == [False]
