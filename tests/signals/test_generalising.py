"""The reader's general mechanisms, each on hand-written sentences with counter-examples: symbols used as
symbols, licences and closures by their object, border closures and trade permitted again, caps as quotas,
the document's own measure against background ones, and reference dates of prices."""

from __future__ import annotations

from reechain.signals.context import _once
from reechain.signals.extract import extract
from reechain.signals.reading import read_document
from reechain.signals.vocabulary import REE, symbols_in

from .reading import measures, signals

# symbols


def test_a_symbol_opening_a_place_or_person_name_is_not_an_element() -> None:
    assert symbols_in("Solvay expands its La Rochelle plant to separate rare earths.") == set()
    assert symbols_in("La Paz and Ce Zhang were named in the rare earth report.") == set()
    assert symbols_in("Mr. Ce said the smelter would reopen.") == set()


def test_a_symbol_counts_in_a_list_with_a_formula_or_in_a_sentence_about_chemistry() -> None:
    assert symbols_in("Nd, Pr and Dy rose this week.") == {"Nd", "Pr", "Dy"}
    assert symbols_in("Dy2O3 traded higher.") == {"Dy"}
    assert symbols_in("The Tb metal price doubled.") == {"Tb"}
    assert symbols_in("Exports of rare earths such as Sm fell.") == {"Sm"}
    assert symbols_in("Atlanta, Ga is a city.") == set()  # no list, formula or chemistry


def test_la_rochelle_does_not_add_lanthanum_to_an_investment() -> None:
    text = (
        "---\npublished: 2025-04-11\n---\n"
        "Solvay will invest EUR 20 million to build a separation line at its La Rochelle plant "
        "for neodymium and praseodymium.\n"
    )
    assert measures("s.md", text) == [("investment", -1, ("Nd", "Pr"))]


# licences and closures by their object


def test_an_operating_licence_is_not_an_export_licence() -> None:
    text = (
        "---\npublished: 2023-02-14\n---\n"
        "The regulator renewed Acme's operating licence for its neodymium processing plant, "
        "which exports concentrate to Japan.\n"
    )
    assert measures("l.md", text) == []
    text = (
        "---\npublished: 2023-02-14\n---\n"
        "From 1 March exporters of dysprosium must apply to the commerce ministry for a licence.\n"
    )
    assert measures("e.md", text) == [("export_licence", 1, ("Dy",))]


def test_a_mining_licence_in_chinese_is_not_an_export_licence() -> None:
    # a mining licence granted is new supply allowed (an investment, as a revoked one is a production cut;
    # tests/signals/test_thirty_eighth.py), never an export licence
    assert measures(
        "c.txt",
        "---\npublished: 2023-02-14\n---\n自然资源部向该企业颁发稀土采矿许可证，用于出口原料开采。\n",
    ) == [("investment", -1, tuple(sorted(REE)))]


def test_a_border_closure_halts_trade_and_its_reopening_resumes_it() -> None:
    text = (
        "---\npublished: 2024-11-04\n---\n"
        "The militia closed the main border crossing to trucks carrying dysprosium and terbium ore.\n"
    )
    assert measures("b.md", text) == [("ban", 1, ("Dy", "Tb"))]
    text = (
        "---\npublished: 2024-12-04\n---\nAuthorities reopened the border gate for terbium ore on Monday.\n"
    )
    assert measures("r.md", text) == [("ban", -1, ("Tb",))]
    text = "---\npublished: 2024-12-04\n---\n云南关闭猴桥口岸，中重稀土矿进口中断。\n"
    assert [m for m, _, _ in measures("z.txt", text)] == ["ban"]


def test_a_closure_is_a_production_cut_only_of_production_within_its_clause() -> None:
    text = (
        "---\npublished: 2024-12-04\n---\n"
        "The border will remain closed until mining operations for terbium are rectified.\n"
    )
    assert measures("u.md", text) == [("ban", 1, ("Tb",))]
    text = "---\npublished: 2024-12-04\n---\nThe closure of three terbium mines cut supply.\n"
    assert measures("m.md", text) == [("production_cut", 1, ("Tb",))]


def test_importing_and_processing_forbidden_is_a_ban_and_allowed_again_lifts_it() -> None:
    text = (
        "---\npublished: 2023-02-14\n---\n"
        "Acme will not be allowed to import and process rare earth concentrate from 1 July 2026.\n"
    )
    (s,) = signals("i.md", text)
    assert (s["measure"], s["direction"], s["effective"]) == ("ban", 1, "2026-07-01")
    text = (
        "---\npublished: 2023-10-16\n---\n"
        "The government is allowing Acme to import neodymium concentrate until March 2027.\n"
    )
    assert measures("a.md", text) == [("ban", -1, ("Nd",))]
    text = "---\npublished: 2023-10-16\n---\nAcme is not allowed to import neodymium concentrate.\n"
    assert measures("n.md", text) == [("ban", 1, ("Nd",))]


# caps as quotas


def test_a_cap_without_a_quota_word_is_a_quota() -> None:
    assert (
        measures("q.txt", "---\npublished: 2016-10-18\n---\n到2020年，稀土开采量控制在14万吨以内。\n")[0][0]
        == "quota"
    )
    assert (
        measures("t.txt", "---\npublished: 2019-02-18\n---\n下达2019年稀土开采总量控制计划。\n")[0][0]
        == "quota"
    )
    text = (
        "---\npublished: 2019-02-18\n---\nThe ministry capped terbium mining at 2,000 tonnes for the year.\n"
    )
    assert measures("e.md", text) == [("quota", 0, ("Tb",))]


def test_a_price_per_tonne_or_a_capacity_is_no_cap() -> None:
    text = (
        "---\npublished: 2019-02-18\n---\n"
        "Terbium oxide rose to 6,000 yuan per tonne; capacity reached 500 tonnes.\n"
    )
    assert measures("p.md", text) == []


# the document's own measure and background ones


def test_a_governments_measure_in_a_story_about_a_plant_is_background() -> None:
    text = (
        "---\npublished: 2025-04-11\n---\n"
        "Acme will invest $50 million to build a neodymium magnet plant in Ohio.\n\n"
        "On Friday, China implemented export restrictions on dysprosium and terbium.\n"
    )
    assert measures("bg.md", text) == [("investment", -1, ("Nd",))]


def test_a_measure_of_the_same_kind_dated_after_the_lead_is_the_documents_own() -> None:
    text = (
        "---\npublished: 2025-04-14\n---\n"
        "China has suspended exports of terbium magnets.\n\n"
        "On April 4, the government ordered restrictions on the export of dysprosium and terbium.\n"
    )
    assert [m for m, _, _ in measures("own.md", text)] == ["ban", "export_control"]


def test_a_measure_recalled_in_the_perfect_or_after_following_is_background() -> None:
    text = (
        "---\npublished: 2011-09-06\n---\n"
        "China will halt rare earth production at three mines.\n\n"
        "It has capped production at 93,800 tonnes and exports at 30,184 tonnes.\n"
    )
    assert [m for m, _, _ in measures("p.md", text)] == ["production_cut"]
    text = (
        "---\npublished: 2011-09-06\n---\n"
        "China will halt rare earth production at three mines.\n\n"
        "It will also cap production at 93,800 tonnes.\n"
    )
    assert [m for m, _, _ in measures("f.md", text)] == ["production_cut", "quota"]


def test_once_is_told_from_a_surname_by_part_of_speech() -> None:
    assert _once("越南曾于2023年禁止稀土矿出口")
    assert _once("该国此前曾限制稀土出口")
    assert not _once("曾华表示中国限制稀土出口")
    text = (
        "---\npublished: 2025-04-11\n---\n"
        "某公司宣布投资5亿元新建钕铁硼磁材工厂。\n\n越南曾于2023年禁止稀土矿出口。\n"
    )
    assert [m for m, _, _ in measures("v.txt", text)] == ["investment"]


# dates


def test_the_date_of_a_price_is_no_effective_date() -> None:
    text = (
        "---\npublished: 2019-12-20\n---\n"
        "Myanmar banned exports of terbium ore from 1 January 2020. "
        "Terbium oxide was assessed at $600/kg as of December 16.\n"
    )
    (s,) = signals("d.md", text)
    assert s["effective"] == "2020-01-01"
    text = (
        "---\npublished: 2019-12-20\n---\n"
        "Myanmar banned exports of terbium ore. Terbium oxide was assessed at $600/kg as of December 16.\n"
    )
    (s,) = signals("d.md", text)
    assert s["effective"] is None  # "as of December 16" dates the price, not the ban


# measures from a verb class and an object class


def test_a_control_verb_and_a_trade_or_production_object_state_a_measure_in_any_order() -> None:
    def one(text: str) -> tuple[object, object, object]:
        (m,) = measures("c.md", "---\npublished: 2024-06-03\n---\n" + text + "\n")
        return m

    assert one("The junta throttled terbium shipments to China on Monday.") == ("export_control", 1, ("Tb",))
    assert one("Terbium exports were frozen by the authorities on Monday.") == ("ban", 1, ("Tb",))
    assert one("镝矿出口被叫停。") == ("ban", 1, ("Dy",))
    assert one("The smelter restored neodymium output on Monday.") == ("production_cut", -1, ("Nd",))


def test_a_negated_or_unknown_control_states_nothing() -> None:
    text = "---\npublished: 2024-06-03\n---\nThe ministry did not throttle terbium shipments.\n"
    assert measures("n.md", text) == []
    text = "---\npublished: 2024-06-03\n---\nIt is unknown when neodymium output will be restored.\n"
    assert measures("u.md", text) == []
    text = "---\npublished: 2024-06-03\n---\nTerbium exports rose 5% as shipments to Japan recovered.\n"
    assert measures("r.md", text) == []


# days written without a month, reserves released, operations suspended (round of the tenth set)


def test_a_chinese_day_without_its_month_dates_the_act_before_the_report() -> None:
    from datetime import date

    from reechain.signals.dates import dates_in

    base = date(2024, 12, 12)  # a Thursday
    assert dates_in("当地时间11日，美国贸易代表办公室发布声明。", base) == [(4, date(2024, 12, 11))]
    assert dates_in("欧盟28日通过决定。", base)[0][1] == date(2024, 11, 28)  # a day after today: last month
    assert dates_in("自12月1日起施行。", base) == [(1, date(2024, 12, 1))]  # a full date read once
    assert [d for _, d in dates_in("外交官星期三（12月11日）说。", base)] == [date(2024, 12, 11)]
    assert dates_in("部长周一表示。", base)[0][1] == date(2024, 12, 9)
    assert dates_in("将于下周一实施。", base)[0][1] == date(2024, 12, 16)
    assert dates_in("11日起实施。", base) == []  # a start is named with its month
    assert dates_in("当地时间11日。", None) == []  # no publication date, no day


def test_a_measure_from_a_day_on_said_with_kaishi_is_effective_that_day() -> None:
    text = (
        "---\npublished: 2024-12-12\n---\n"
        "当地时间11日，美国贸易代表办公室发布声明称，美国将从2025年1月1日开始提高对从中国进口的钨产品的关税。"
    )
    [sig] = signals("zh_t.txt", text)
    assert (sig["measure"], sig["direction"], sig["elements"]) == ("tariff", 1, ["W"])
    assert (sig["announced"], sig["effective"]) == ("2024-12-11", "2025-01-01")


def test_a_reserve_released_to_the_market_loosens_supply() -> None:
    assert measures("zh_r.txt", "---\npublished: 2021-07-22\n---\n国家储备铜铝锌再投放17万吨。") == [
        ("stockpiling", -1, ("Al", "Cu", "Zn"))
    ]
    head = "---\npublished: 2023-07-04\n---\n"
    bought = head + "China's state reserve plans to buy 5,000 tonnes of cobalt for its stockpile."
    assert measures("en_b.md", bought) == [("stockpiling", 1, ("Co",))]
    issued = (
        head + "The state reserve released a statement: it will buy 5,000 tonnes of cobalt for its stockpile."
    )
    assert measures("en_s.md", issued) == [("stockpiling", 1, ("Co",))]


def test_suspended_operations_are_a_production_cut_and_a_suspended_ban_is_not() -> None:
    head = "---\npublished: 2024-07-11\n---\n"
    assert measures("en_o.md", head + "BHP will temporarily suspend the Nickel West nickel operations.") == [
        ("production_cut", 1, ("Ni",))
    ]
    passive = head + "Operations at the Mt Keith nickel mine and its concentrator will also be suspended."
    assert "suspension" not in [m[0] for m in measures("en_p.md", passive)]  # production halted, no measure
    lifted = head + "Indonesia will suspend the nickel ore export ban until further notice."
    assert [m[0] for m in measures("en_l.md", lifted)] != ["production_cut"]


# relative years, starts given by month, regional names, "on or after" (round of the eleventh set)


def test_a_year_named_relative_to_the_text_dates_its_day() -> None:
    from datetime import date

    from reechain.signals.dates import dates_in

    base = date(2024, 5, 6)
    assert dates_in("该国将自今年9月1日起禁止出口钴矿。", base) == [(4, date(2024, 9, 1))]
    assert dates_in("新规明年1月1日起施行。", base)[0][1] == date(2025, 1, 1)
    assert dates_in("去年11月3日该矿停产。", base)[0][1] == date(2023, 11, 3)
    assert dates_in("The levy rises on 1 March next year.", base)[0][1] == date(2025, 3, 1)
    text = "---\npublished: 2024-05-06\n---\n某国政府宣布，将自今年9月1日起禁止钴矿出口。\n"
    [sig] = signals("zh_y.txt", text)
    assert (sig["measure"], sig["effective"]) == ("ban", "2024-09-01")


def test_a_start_given_by_its_month_alone_is_the_first_of_that_month() -> None:
    head = "---\npublished: 2019-03-12\n---\n"
    [sig] = signals("zh_m.txt", head + "该省决定全省钨矿山从3月起停产整顿。\n")
    assert (sig["measure"], sig["effective"]) == ("production_cut", "2019-03-01")
    [sig] = signals("zh_r.txt", head + "该省要求钨冶炼企业4-6月份月均产量削减三成。\n")
    assert (sig["measure"], sig["effective"]) == ("production_cut", "2019-04-01")
    [sig] = signals("en_s.md", head + "The province will halt tungsten mining starting in April.\n")
    assert (sig["measure"], sig["effective"]) == ("production_cut", "2019-04-01")
    late = "---\npublished: 2019-12-20\n---\n该省决定全省钨矿山自1月份开始停产。\n"
    assert signals("zh_l.txt", late)[0]["effective"] == "2020-01-01"  # the nearest January
    compared = head + "The province halted tungsten mining; output fell 20% from January.\n"
    assert signals("en_c.md", compared)[0]["effective"] is None  # "from January" compares figures


def test_an_element_s_regional_name_reads_as_the_mainland_one() -> None:
    text = "---\npublished: 2021-09-14\n---\n該省要求工業矽企業減產九成，並暫停鎦礦開採。\n"
    [sig] = signals("zh_tw.txt", text)
    assert (sig["measure"], sig["elements"]) == ("production_cut", ["Lu", "Si"])


def test_goods_entered_on_or_after_a_day_pay_the_duty_from_that_day() -> None:
    text = (
        "---\npublished: 2025-06-02\n---\nThe President imposes a tariff of 25 percent on imports of "
        "nickel products. It applies to goods entered on or after 12:01 a.m. eastern time on June 9, 2025.\n"
    )
    [sig] = signals("en_o.md", text)
    assert (sig["measure"], sig["direction"], sig["effective"]) == ("tariff", 1, "2025-06-09")


def test_closing_producers_is_a_production_cut_from_the_day_it_started() -> None:
    head = "---\npublished: 2012-05-20\n---\n"
    assert measures("zh_c.txt", head + "该市已关闭20家非法钨冶炼企业。") == [("production_cut", 1, ("W",))]
    assert measures("en_c.md", head + "The province shut two antimony smelters after an inquiry.") == [
        ("production_cut", 1, ("Sb",))
    ]
    [sig] = signals("zh_s.txt", head + "从5月8日以来，该县已取缔30家稀土冶炼厂。")
    assert (sig["measure"], sig["effective"]) == ("production_cut", "2012-05-08")
    assert measures("en_n.md", head + "The antimony smelter is close to the plant's new port.") == []
    assert [m[0] for m in measures("zh_b.txt", head + "缅甸关闭了稀土矿石进口口岸。")] == ["ban"]


def test_a_reserve_s_stock_targets_raised_or_lowered_are_stockpiling_each_way() -> None:
    head = "---\npublished: 2024-03-05\n---\n"
    text = (
        head + "The state procurement agency said in a statement it would raise its stock targets for "
        "copper and tin to 70 days of imports.\n\n"
        "It will lower its stock targets for aluminium and zinc to 40 days.\n"
    )
    assert measures("en_t.md", text) == [("stockpiling", -1, ("Al", "Zn")), ("stockpiling", 1, ("Cu", "Sn"))]
    assert measures("zh_t.txt", head + "国家物资储备局将下调铝储备目标。") == [("stockpiling", -1, ("Al",))]
    hedged = head + "Analysts expect the agency to raise its stock targets for copper.\n"
    assert measures("en_h.md", hedged) == []


# what is proposed, requested or named, not decided (round of the eleventh set)


def test_a_bill_not_yet_enacted_proposes_and_a_signed_one_decides() -> None:
    head = "---\npublished: 2025-03-10\n---\n"
    bill = head + "The lower house passed a bill which will prohibit the export of unprocessed cobalt ore.\n"
    assert measures("en_b.md", bill) == []
    signed = head + "The President signed the bill, which bans the export of unprocessed cobalt ore.\n"
    assert measures("en_s.md", signed) == [("ban", 1, ("Co",))]
    assert measures("zh_d.txt", head + "该国公布矿产法草案，将禁止钴原矿出口。") == []


def test_a_request_to_a_government_is_no_measure_but_a_government_s_request_is() -> None:
    head = "---\npublished: 2025-03-10\n---\n"
    lobby = head + "Nickel miners are lobbying the government to delay a 10% export tax on nickel ore.\n"
    assert measures("en_l.md", lobby) == []
    assert measures("zh_l.txt", head + "行业协会呼吁政府暂停镍矿出口。") == []
    ordered = head + "The ministry asked smelters to halt antimony production from 1 April.\n"
    assert measures("en_o.md", ordered) == [("production_cut", 1, ("Sb",))]


def test_a_measure_on_other_metals_is_not_on_the_document_s_metal() -> None:
    head = "---\npublished: 2025-03-10\n---\n"
    text = head + "该国是最大的钴出口国，政府已停止部分其他金属的出口。\n"
    assert measures("zh_o.txt", text) == []
    open_list = head + "政府决定禁止钴和其他关键矿产原矿出口。\n"
    assert [m[:2] for m in measures("zh_l.txt", open_list)] == [("ban", 1)]


def test_an_investment_word_inside_a_company_name_is_no_investment() -> None:
    head = "---\npublished: 2025-03-10\n---\n"
    named = head + "The tungsten mine is run by a unit of Jinlong Mineral Investment, a private group.\n"
    assert measures("en_n.md", named) == []
    real = head + "The state fund made an investment of $40 million in the tungsten mine.\n"
    assert measures("en_r.md", real) == [("investment", -1, ("W",))]


def test_the_act_s_day_is_read_below_a_repeated_headline_and_a_byline() -> None:
    text = (
        "---\npublished: 2019-05-08\n---\n某省暂停钨矿开采\n\n2019-05-08 10:20 某某网\n\n"
        "7日，该省政府宣布，决定暂停全省钨矿开采。\n"
    )
    [sig] = signals("zh_h.txt", text)
    assert (sig["measure"], sig["announced"]) == ("production_cut", "2019-05-07")


def test_a_day_learned_from_the_authorities_dates_the_act() -> None:
    text = (
        "---\npublished: 2012-06-15\n---\n14日从有关部门获悉，受价格持续下滑影响，"
        "该市全部钨矿山从6月起停产整顿。\n"
    )
    [sig] = signals("zh_g.txt", text)
    assert (sig["measure"], sig["announced"], sig["effective"]) == (
        "production_cut",
        "2012-06-14",
        "2012-06-01",
    )
    company = "---\npublished: 2012-06-15\n---\n14日，某公司表示，其钨矿山从6月起停产。\n"
    assert signals("zh_c.txt", company)[0]["announced"] == "2012-06-15"  # a company's word moves nothing


def test_the_terms_of_a_halt_and_the_policy_it_implements_are_no_measures_of_their_own() -> None:
    head = "---\npublished: 2015-04-02\n---\n"
    halt = head + (
        "该县决定全县钨矿山从4月起停产。\n\n停产期间，全面禁止钨精矿外运，并严禁私挖滥采。\n\n"
        "此次停产是该县贯彻落实国家对钨矿实施总量控制的重要举措。\n"
    )
    assert measures("zh_t.txt", halt) == [("production_cut", 1, ("W",))]
    moratorium = head + (
        "The state will halt all tungsten mining for three months.\n\n"
        "During the moratorium, miners are banned from shipping tungsten concentrate.\n"
    )
    assert measures("en_t.md", moratorium) == [("production_cut", 1, ("W",))]
    own = head + "为贯彻落实国家有关政策，该省决定对钨矿实行开采总量控制。\n"
    assert [m[0] for m in measures("zh_o.txt", own)] == ["quota"]  # the implementing measure stands


def test_a_would_that_goes_on_with_reported_speech_is_no_hedge() -> None:
    head = "---\npublished: 2024-03-05\n---\n"
    text = head + (
        "Japan said on Tuesday it would raise its stock targets for nickel to 70 days of imports.\n"
        "Japan would lower its stock targets for zinc to 40 days, the ministry added.\n"
    )
    assert measures("en_r.md", text) == [("stockpiling", -1, ("Zn",)), ("stockpiling", 1, ("Ni",))]
    alone = head + "Japan would lower its stock targets for zinc to 40 days.\n"
    assert measures("en_a.md", alone) == []  # no report it goes on with: a hedge


def test_easing_or_reversing_a_ban_lifts_it_and_the_ban_it_recalls_brings_in_nothing() -> None:
    head = "---\npublished: 2017-02-01\n---\n"
    eases = head + "The Philippines eases its ban on nickel ore exports for two miners.\n"
    assert measures("en_e.md", eases) == [("ban", -1, ("Ni",))]
    reverses = head + (
        "New rules allow cobalt ore to be shipped again, reversing the export ban it imposed in 2015 "
        "to push miners into building refineries.\n"
    )
    assert measures("en_r.md", reverses) == [("ban", -1, ("Co",))]  # no investment brought in


def test_power_cut_to_producers_is_a_production_cut() -> None:
    head = "---\npublished: 2022-08-20\n---\n"
    [sig] = signals("zh_p.txt", head + "该省电解铝企业自8月15日起压减30%用电负荷。")
    assert (sig["measure"], sig["elements"], sig["effective"]) == ("production_cut", ["Al"], "2022-08-15")
    assert measures("en_p.md", head + "Power rationing forced silicon smelters in the province to idle.") == [
        ("production_cut", 1, ("Si",))
    ]


def test_a_government_planning_a_measure_has_not_decided_it() -> None:
    head = "---\npublished: 2023-08-18\n---\n"
    planning = head + "The government is planning to introduce a ban on the export of lithium ore.\n"
    assert measures("en_p.md", planning) == []


def test_an_official_s_dated_statement_dates_the_act() -> None:
    text = (
        "---\npublished: 2025-03-06\n---\n欧盟再禁进口镍\n\n"
        "外交官星期三（3月5日）说，欧盟决定禁止进口俄罗斯的镍。\n"
    )
    [sig] = signals("zh_d.txt", text)
    assert (sig["measure"], sig["announced"]) == ("ban", "2025-03-05")
    said = (
        "---\npublished: 2025-03-06\n---\n"
        "EU officials said on Wednesday, March 5, that the bloc will ban imports of Russian nickel.\n"
    )
    assert signals("en_d.md", said)[0]["announced"] == "2025-03-05"


# undecided measures and the stories about them (the twelfth and thirteenth sets' round)


def test_a_threatened_advised_or_studied_measure_is_not_one() -> None:
    threat = (
        "---\npublished: 2024-03-05\n---\n"
        "The president said on Monday he will soon announce a halt to nickel mining.\n"
    )
    assert measures("threat.md", threat) == []
    advice = "---\npublished: 2024-03-05\n---\n锡业分会已建议冶炼企业减产百分之十。\n"
    assert measures("advice.txt", advice) == []
    study = "---\npublished: 2024-03-05\n---\n有关部门正在开展钴和镍国家收储的研究工作。\n"
    assert measures("study.txt", study) == []
    plan = "---\npublished: 2024-03-05\n---\n该国政府计划明年限制钴矿出口。\n"
    assert measures("plan.txt", plan) == []
    # decided: an order that halts mining
    order = (
        "---\npublished: 2024-03-05\n---\n"
        "The ministry ordered all nickel mines to halt production on 4 March.\n"
    )
    assert measures("order.md", order) == [("production_cut", 1, ("Ni",))]


def test_a_proposed_chinese_bill_is_no_measure_but_a_law_cited_by_title_is_enacted() -> None:
    bill = "---\npublished: 2024-03-05\n---\n众议院3月4日提出一项法案，将禁止进口俄罗斯钯。\n"
    assert measures("bill.txt", bill) == []
    enacted = "---\npublished: 2024-03-05\n---\n根据《通胀削减法案》，能源部将向该锂加工厂提供2亿美元贷款。\n"
    assert measures("act.txt", enacted) == [("investment", -1, ("Li",))]


def test_a_story_led_by_an_undecided_measure_reads_its_later_restatements_as_the_same() -> None:
    advice = (
        "---\npublished: 2024-03-05\n---\n"
        "The zinc association recommended that smelters halt production for a month.\n\n"
        "Smelters should shut older lines and curb production of zinc, its chairman said.\n"
    )
    assert measures("advice.md", advice) == []
    denial = (
        "---\ntitle: Ministry rejects calls to ban tin exports\npublished: 2024-03-05\n---\n"
        "A blanket ban on tin exports is not in the country's interest, the ministry said.\n"
    )
    assert measures("denial.md", denial) == []
    # a later sentence that dates an act of its own is still read
    acted = (
        "---\npublished: 2024-03-05\n---\n"
        "The zinc association recommended that smelters halt production for a month.\n\n"
        "On 4 March the ministry ordered a ban on zinc concentrate exports.\n"
    )
    assert measures("acted.md", acted) == [("ban", 1, ("Zn",))]


def test_an_explainer_asking_why_a_measure_was_taken_announces_none() -> None:
    text = "---\ntitle: 为何限制钨的出口\npublished: 2024-03-05\n---\n我国限制钨的出口后，国际钨价上涨。\n"
    assert measures("why.txt", text) == []


def test_a_day_with_its_weekday_dates_a_text_that_names_no_year() -> None:
    from datetime import date

    text = (
        "Cobalt prices jumped in the week to Wednesday March 14 after the notice.\n\n"
        "On March 10 the provincial government announced that cobalt refineries must halt production.\n"
    )
    got = [s.as_json() for s in extract(read_document("w.md", text.encode()), today=date(2026, 11, 28))]
    assert [(s["measure"], s["announced"]) for s in got] == [("production_cut", "2018-03-10")]
    dateline = (
        "PERTH, Aug 6 (Reuters) - The state government said on Tuesday it will provide a A$50 million loan "
        "for a nickel refinery.\n"
    )
    got = [s.as_json() for s in extract(read_document("d.md", dateline.encode()), today=date(2026, 11, 28))]
    assert [s["announced"] for s in got] == ["2024-08-06"]
    # no weekday: the last such day before reading, as before
    plain = (
        "PERTH, Aug 6 (Reuters) - The state government will provide a A$50 million loan "
        "for a nickel refinery.\n"
    )
    got = [s.as_json() for s in extract(read_document("p.md", plain.encode()), today=date(2026, 11, 28))]
    assert [s["announced"] for s in got] == ["2026-08-06"]


def test_an_effective_period_given_by_months_starts_the_measure() -> None:
    text = (
        "---\npublished: 2023-05-20\n---\n"
        "The city ordered 12 antimony smelters to suspend operations, officials said on May 18.\n\n"
        "The effective period runs from June to August, according to the order.\n"
    )
    got = signals("p.md", text)
    assert [(s["measure"], s["effective"]) for s in got] == [("production_cut", "2023-06-01")]


def test_a_licence_regime_is_one_export_control_and_its_quota_licence_no_quota() -> None:
    text = (
        "---\npublished: 2024-03-05\n---\n"
        "自2024年4月1日起，对锗及锗制品出口实行出口配额许可证管理。锗出口配额总量另行下达。\n"
    )
    assert measures("regime.txt", text) == [("export_control", 1, ("Ge",))]
    english = (
        "---\npublished: 2024-03-05\n---\n"
        "From 1 April, tungsten exports will be subjected to an export licensing regime, the ministry said.\n"
    )
    assert measures("regime.md", english) == [("export_control", 1, ("W",))]
    # a quota handed down is still a quota
    quota = "---\npublished: 2024-03-05\n---\n商务部下达2024年锗出口配额总量为50吨。\n"
    assert [m for m, _, _ in measures("quota.txt", quota)] == ["quota"]


def test_a_lifting_word_is_a_whole_word_and_a_start_in_the_perfect_is_past() -> None:
    text = (
        "---\npublished: 2022-01-04\n---\n"
        "The miner said it had ceased exports of cobalt concentrate after the ministry's directive.\n\n"
        "Cobalt exports have been banned with effect from January 3, the ministry said.\n"
    )
    got = signals("ceased.md", text)
    assert [(s["measure"], s["direction"], s["effective"]) for s in got] == [("ban", 1, "2022-01-03")]
    eased = "---\npublished: 2022-01-04\n---\nThe ministry eased its ban on cobalt exports.\n"
    assert measures("eased.md", eased) == [("ban", -1, ("Co",))]
    ahead = "---\npublished: 2022-01-04\n---\nCobalt exports will be banned with effect from January 3.\n"
    assert [s["effective"] for s in signals("ahead.md", ahead)] == ["2023-01-03"]


def test_chrome_ore_is_chromium_and_a_lithium_ion_battery_names_no_lithium() -> None:
    ban = (
        "---\npublished: 2023-06-02\n---\n"
        "The cabinet banned exports of raw chrome ore with immediate effect on 1 June.\n"
    )
    assert measures("chrome.md", ban) == [("ban", 1, ("Cr",))]
    browser = "---\npublished: 2023-06-02\n---\nThe Chrome browser update was banned on office laptops.\n"
    assert measures("browser.md", browser) == []
    loan = (
        "---\npublished: 2023-06-02\n---\n"
        "The bank will provide a $90 million loan to build a graphite anode plant "
        "for lithium-ion batteries.\n"
    )
    assert measures("anode.md", loan) == [("investment", -1, ("C",))]
    mulled = "---\npublished: 2023-06-02\n---\nThe government is mulling a ban on chrome ore exports.\n"
    assert measures("mulled.md", mulled) == []


def test_a_dateline_day_is_the_act_s_when_the_official_spoke_on_its_weekday() -> None:
    text = (
        "---\npublished: 2021-08-04\n---\n"
        "LUSAKA, Aug 3 (Reuters) - Zambia has banned manganese ore exports, "
        "the mines minister said on Tuesday.\n"
    )
    assert [s["announced"] for s in signals("dateline.md", text)] == ["2021-08-03"]
    other = text.replace("on Tuesday", "on Monday")  # Aug 3 2021 was no Monday: the report's day stays
    assert [s["announced"] for s in signals("dateline.md", other)] == ["2021-08-04"]


def test_a_headline_over_an_undecided_lead_and_what_threatens_supplies() -> None:
    mulled = (
        "---\ntitle: Government moves to ban chrome exports\npublished: 2023-06-02\n---\n"
        "The government is mulling a ban on chrome ore exports, the minister said.\n\n"
        "The ban will affect exports to China.\n"
    )
    assert measures("moves.md", mulled) == []
    halted = (
        "---\npublished: 2023-06-02\n---\n"
        "The country has suspended exports of cobalt, threatening supplies to battery makers.\n"
    )
    assert measures("halted.md", halted) == [("ban", 1, ("Co",))]


def test_a_year_named_far_from_an_undated_day_leaves_it_undated() -> None:
    from datetime import date

    text = (
        "OSLO, Oct 14 (Reuters) - The defence agency will buy up to 3 tons of germanium for the national "
        "stockpile.\n\nIt intends to complete the purchase within five years.\n\n"
        "The agency declined to comment.\n\nPrices rose sharply this month.\n\n"
        "In 2019, the refiner became the first to recover germanium from fly ash.\n"
    )
    got = [s.as_json() for s in extract(read_document("far.md", text.encode()), today=date(2026, 11, 28))]
    assert [(s["measure"], s["announced"]) for s in got] == [("stockpiling", None)]
    near = text.replace("Prices rose sharply this month.\n\n", "")
    near = near.replace("The agency declined to comment.\n\n", "")
    got = [s.as_json() for s in extract(read_document("near.md", near.encode()), today=date(2026, 11, 28))]
    assert [s["announced"] for s in got] == ["2019-10-14"]  # a year close by still dates it
