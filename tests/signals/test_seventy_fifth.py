"""General mechanisms drawn from the seventy-fourth and seventy-fifth held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2018-12-19\n---\n"


def test_sanctions_on_a_producer_imposed_or_lifted() -> None:
    lifted = HEAD + "The Treasury lifted sanctions on Rusal, the second-largest aluminium producer.\n"
    assert measures("a.md", lifted) == [("ban", -1, ("Al",))]
    sector = HEAD + "The United States imposed sanctions targeting Iran's aluminium and copper sectors.\n"
    assert measures("b.md", sector) == [("ban", 1, ("Al", "Cu"))]
    # sanctions named as the background of a price move are no act
    background = HEAD + "Aluminium prices rose amid talk of sanctions.\n"
    assert measures("c.md", background) == []


def test_a_package_of_sanctions_that_would_hedges_nothing_of_the_tariff() -> None:
    head = "---\npublished: 2022-05-09\n---\n"
    text = (
        head
        + "The UK announced it would raise tariffs on imports of platinum and palladium from Russia as part "
        "of a new package of sanctions that would hit Russian trade.\n"
    )
    assert [(m, d) for m, d, _ in measures("a.md", text)] == [("tariff", 1)]


def test_a_companys_breach_of_environmental_rules_is_no_trade_ruling() -> None:
    head = "---\npublished: 2018-07-02\n---\n"
    halted = (
        head
        + "Chinalco said on Monday it told its rare earth unit to suspend operations after inspectors found "
        "the company breached environmental rules.\n"
    )
    assert [(m, d) for m, d, _ in measures("a.md", halted)] == [("production_cut", 1)]
    ruling = head + "The panel found that China's rare earth export duties breached its WTO obligations.\n"
    assert measures("b.md", ruling) == []


def test_weekly_surveys_and_habits_of_an_industry_are_no_acts() -> None:
    survey = (
        "---\ntitle: SMM Rare Earth Weekly Survey\npublished: 2013-12-03\n---\n"
        "Some rare earth metals producers cut production due to sluggishness.\n"
    )
    assert measures("a.md", survey) == []
    habit = "---\npublished: 2012-09-04\n---\n国家加大整治力度,稀土企业频繁陷入减产停产。\n"
    assert measures("b.txt", habit) == []
    news = (
        "---\ntitle: Producers cut output\npublished: 2013-12-03\n---\nRare earth producers cut production.\n"
    )
    assert [m for m, _, _ in measures("c.md", news)] == ["production_cut"]
