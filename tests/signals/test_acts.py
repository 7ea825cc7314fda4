"""One act, one signal, and the direction and dates of that act: materials that are forms of an element,
investment only where money or capacity is committed, a duty's direction from its verb, one act where several
measure words describe it, price reports, and the day of the act in a report. Each on hand-written text with
counter-examples."""

from __future__ import annotations

from .reading import measures, signals

P = "---\npublished: 2025-03-02\n---\n"
Q = "---\npublished: 2024-02-01\n---\n"
R = "---\npublished: 2025-06-12\n---\n"
S = "---\npublished: 2023-06-17\n---\n"
"""Headers of hand-written documents published on those days."""


# materials that are forms of an element


def test_superhard_materials_and_synthetic_diamond_are_carbon() -> None:
    zh = P + "商务部决定对人造金刚石单晶和超硬材料实施出口管制。\n"
    assert measures("d.txt", zh) == [("export_control", 1, ("C",))]
    en = P + "The ministry will impose export controls on synthetic diamond powder.\n"
    assert measures("d.md", en) == [("export_control", 1, ("C",))]


def test_a_diamond_that_is_no_material_names_no_element() -> None:
    en = P + "The Diamond League will impose export controls on its broadcasts.\n"
    assert measures("l.md", en) == []


# investment


def test_investment_committed_by_a_government_is_a_signal() -> None:
    text = P + "The government will provide a loan to build a lithium refinery.\n"
    assert measures("i.md", text) == [("investment", -1, ("Li",))]


def test_deferred_or_uncommitted_investment_is_no_signal() -> None:
    deferred = P + "The miner postponed the expansion of its lithium concentrator.\n"
    assert measures("d.md", deferred) == []
    negated = P + "No investor has committed to building a cobalt refinery yet.\n"
    assert measures("n.md", negated) == []


def test_results_and_research_report_no_investment() -> None:
    results = (
        "---\ntitle: Nickel miner posts annual loss\npublished: 2025-03-02\n---\n"
        "The nickel miner reported a net loss for the year. "
        "It will invest $200 million in a new nickel plant.\n"
    )
    assert measures("r.md", results) == []
    research = (
        "---\ntitle: Researchers extract germanium from fly ash\npublished: 2025-03-02\n---\n"
        "Researchers said a germanium plant could be built with an investment of $5 million.\n"
    )
    assert measures("s.md", research) == []


def test_investment_after_a_government_ban_is_the_ban_s_context() -> None:
    text = (
        P + ""
        "The government will ban exports of raw cobalt ore from 1 July 2026.\n\n"
        "Miners will have to make investments in cobalt refining, and a state fund will finance new plants.\n"
    )
    assert measures("b.md", text) == [("ban", 1, ("Co",))]


# tariffs


def test_a_duty_cut_or_exemption_lowers_the_tariff_and_a_rise_raises_it() -> None:
    cut = Q + "对锂和钴免征进口关税。\n"
    assert measures("c.txt", cut) == [("tariff", -1, ("Co", "Li"))]
    lowered = Q + "The import duty on nickel is reduced to 2.5%.\n"
    assert measures("l.md", lowered) == [("tariff", -1, ("Ni",))]
    raised = Q + "The import duty on nickel is raised to 25%.\n"
    assert measures("r.md", raised) == [("tariff", 1, ("Ni",))]


def test_an_exemption_and_a_rate_change_are_two_acts_but_a_rate_change_alone_is_one() -> None:
    both = Q + "对锂和钴免征进口关税。石墨的进口关税由10%降至5%。\n"
    assert measures("b.txt", both) == [("tariff", -1, ("C",)), ("tariff", -1, ("Co", "Li"))]
    rates = (
        Q + ""
        "The government will raise the import tariff on graphite. "
        "The graphite tariff rises from 10% to 25%.\n"
    )
    assert measures("r.md", rates) == [("tariff", 1, ("C",))]


# one act, one signal


def test_a_prohibition_naming_the_quota_in_a_quota_notice_is_the_quota() -> None:
    text = (
        "---\ntitle: 关于下达2025年度锑矿开采总量控制指标的通知\npublished: 2025-03-02\n---\n"
        "2025年度锑矿开采总量控制指标为30000吨。\n\n严禁超指标生产锑矿。\n"
    )
    assert [m for m, _, _ in measures("q.txt", text)] == ["quota"]
    # outside a quota notice, a prohibition stays a ban
    ban = P + "禁止锑出口。\n"
    assert measures("b.txt", ban) == [("ban", 1, ("Sb",))]


def test_a_ban_without_elements_of_its_own_is_one_act_with_the_control() -> None:
    text = (
        P + "决定加强两用物项对某国出口管制，清单涵盖镓、锗。\n\n"
        "禁止两用物项对该国军事用户出口。\n\n本公告自公布之日起实施。\n"
    )
    assert measures("o.txt", text) == [("ban", 1, ("Ga", "Ge"))]


def test_a_ban_on_named_elements_beside_a_control_on_others_is_two_acts() -> None:
    text = (
        P + "决定加强相关两用物项对某国出口管制。\n\n"
        "一、原则上不予许可镓、锗对该国出口；对石墨出口实施更严格的审查。\n\n本公告自公布之日起实施。\n"
    )
    got = measures("t.txt", text)
    assert ("ban", 1, ("Ga", "Ge")) in got
    assert any(m == "export_control" and "C" in els for m, _, els in got)  # type: ignore[operator]


# price reports


def test_a_price_report_names_measures_the_market_watches() -> None:
    text = (
        "---\ntitle: 锑价周评：价格继续上涨\npublished: 2025-03-02\n---\n"
        "本周锑锭报价上涨。市场关注锑出口配额的执行情况。\n"
    )
    assert measures("p.txt", text) == []
    cause = P + "Analysts said tight tungsten quotas were driving prices higher.\n"
    assert measures("c.md", cause) == []


def test_a_price_report_that_announces_a_dated_measure_still_counts() -> None:
    text = (
        "---\ntitle: Antimony prices weekly\npublished: 2025-03-02\n---\n"
        "The government will ban antimony exports from 1 May 2025.\n"
    )
    assert measures("p.md", text) == [("ban", 1, ("Sb",))]


# dates


def test_a_future_dated_halt_of_exporting_is_a_ban_from_that_day() -> None:
    text = P + "The country will stop exporting raw cobalt from January 1, 2028.\n"
    (s,) = signals("f.md", text)
    assert (s["measure"], s["direction"], s["effective"]) == ("ban", 1, "2028-01-01")


def test_a_start_given_by_month_is_the_first_or_the_dated_day_of_that_month() -> None:
    month = P + "The country will ban exports of lithium ore from March 2027.\n"
    (s,) = signals("m.md", month)
    assert s["effective"] == "2027-03-01"
    dated = (
        P + "The country will ban exports of lithium ore from March 2027.\n\n"
        "Miners have until 15 March 2027 to comply.\n"
    )
    (d,) = signals("d.md", dated)
    assert d["effective"] == "2027-03-15"
    past = P + "The country banned exports of lithium ore from March 2020.\n"
    assert all(x["effective"] != "2020-03-01" for x in signals("p.md", past))


def test_the_announced_day_is_the_act_s_only_when_the_text_dates_the_act() -> None:
    official = (
        R + ""
        "The country will ban exports of lithium ore, "
        "the mines minister said at a briefing on 10 June 2025.\n"
    )
    assert signals("o.md", official)[0]["announced"] == "2025-06-10"
    weekday = R + "The country will ban exports of lithium ore, the mines minister said on Tuesday.\n"
    assert signals("w.md", weekday)[0]["announced"] == "2025-06-12"
    company = (
        R + ""
        "The government will lend $50 million to build a lithium refinery, "
        "the company said on 10 June 2025.\n"
    )
    assert signals("c.md", company)[0]["announced"] == "2025-06-12"
    announced = S + "该国政府6月8日宣布，禁止锂原矿出口。\n"
    assert signals("a.txt", announced)[0]["announced"] == "2023-06-08"
