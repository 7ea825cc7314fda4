"""General mechanisms drawn from the eighty-second and eighty-third held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2013-07-25\n---\n"


def test_capacity_ordered_closed_is_a_production_cut() -> None:
    ordered = HEAD + "China has ordered smelters to close 654,400 tonnes of outdated copper capacity.\n"
    assert measures("a.md", ordered) == [("production_cut", 1, ("Cu",))]
    passive = HEAD + "The ministry ordered 807,000 tonnes of lead capacity and zinc capacity to be closed.\n"
    assert measures("b.md", passive) == [("production_cut", 1, ("Pb", "Zn"))]
    full = HEAD + "The copper smelter is running close to full capacity this year.\n"
    assert measures("c.md", full) == []


def test_industry_access_conditions_tighten_output_and_their_terms_are_no_investment() -> None:
    conditions = (
        "---\npublished: 2011-03-11\n---\n"
        "工信部日前发布了镁行业准入条件,现有镁冶炼企业生产能力应不低于1.5万吨/年。\n"
        "新建镁及镁合金项目,生产能力应不低于5万吨/年。\n"
    )
    assert measures("a.txt", conditions) == [("production_cut", 1, ("Mg",))]
    built = "---\npublished: 2011-03-11\n---\n公司新建镁合金项目,年产5万吨,已于本月投产。\n"
    assert [m for m, _, _ in measures("b.txt", built)] == ["investment"]


def test_a_firm_without_a_quota_sets_no_quota() -> None:
    lacking = "---\npublished: 2014-08-29\n---\n陈军介绍说,进入名单的企业没有稀土配额证。\n"
    assert measures("a.txt", lacking) == []
    set_one = "---\npublished: 2014-08-29\n---\n工信部下达2014年稀土开采总量控制指标10.5万吨。\n"
    assert [m for m, _, _ in measures("b.txt", set_one)] == ["quota"]


def test_rare_earths_named_loosely_before_other_minerals_are_those_minerals() -> None:
    loose = HEAD + "The state government suspended mining of rare earth minerals like ilmenite and rutile.\n"
    assert measures("a.md", loose) == [("production_cut", 1, ("Ti",))]
    # rare earths named beside another mineral, not exemplified by it, stay the group
    beside = HEAD + "The state government suspended mining of rare earths and ilmenite.\n"
    [(_, _, elements)] = measures("b.md", beside)
    assert "Ti" in elements and {"Nd", "Dy", "La"} <= set(elements)


def test_a_ban_extended_is_the_act_and_what_had_been_done_is_background() -> None:
    extended = (
        HEAD + "The government, which had suspended mining of ilmenite last month, on Tuesday extended the "
        "ban to four more districts.\n"
    )
    assert measures("a.md", extended) == [("ban", 1, ("Ti",))]


def test_a_change_told_over_past_years_is_no_act() -> None:
    history = HEAD + "China has cut its rare earth export quota by 40 percent in the past two years.\n"
    assert measures("a.md", history) == []
    now = HEAD + "China has cut its rare earth export quota by 40 percent.\n"
    assert [m for m, _, _ in measures("b.md", now)] == ["quota"]


def test_gold_silver_and_iron_ore_are_read_but_a_company_named_for_gold_is_not() -> None:
    ban = HEAD + "Tanzania banned exports of gold, copper and silver concentrates.\n"
    assert measures("a.md", ban) == [("ban", 1, ("Ag", "Au", "Cu"))]
    iron = HEAD + "India raised the export duty on iron ore to 30 percent.\n"
    assert measures("b.md", iron) == [("tariff", 1, ("Fe",))]
    company = "---\npublished: 2025-09-12\n---\n西部黄金发布公告称,其子公司的硅锰合金电炉停产检修。\n"
    assert measures("c.txt", company) == [("production_cut", 1, ("Mn", "Si"))]
    medal = HEAD + "The gold medal winner said tin exports were banned.\n"
    assert measures("d.md", medal) == [("ban", 1, ("Sn",))]
    city = "---\npublished: 2025-09-12\n---\n白银市宣布关停三家锌冶炼厂。\n"
    assert measures("e.txt", city) == [("production_cut", 1, ("Zn",))]
