"""General mechanisms drawn from the twenty-sixth held-out set's misses (a paused smelter, an abbreviated
weekday, a quantity read as a year, fluorine, a measure named only as the occasion of the news), on
hand-written texts with counter-examples."""

from __future__ import annotations

from .reading import measures, signals


def test_operations_paused_are_a_halt() -> None:
    head = "---\npublished: 2025-06-06\n---\n"
    paused = head + "Sinomine said on Friday it has paused copper smelting operations at a plant.\n"
    assert measures("p.md", paused) == [("production_cut", 1, ("Cu",))]
    # talks paused halt nothing
    talks = head + "Sinomine said on Friday it has paused talks on its copper smelting operations.\n"
    assert measures("p.md", talks) == []


TARIFFS = (
    "Critical minerals appear to be exempt from the reciprocal tariffs introduced by the US on Wed 2 Apr.\n"
    "The exempt minerals include copper, cobalt and lithium.\n"
    "The Energy Act of 2020 defines a critical mineral.\n"
)


def test_an_abbreviated_weekday_beside_its_day_picks_the_year() -> None:
    # the only year named is 2020, in which 2 April was a Thursday: the latest year before reading with a
    # Wednesday 2 April is 2025
    assert [s["announced"] for s in signals("t.md", TARIFFS)] == ["2025-04-02"]
    # without the weekday the year named nearest stands
    assert [s["announced"] for s in signals("t.md", TARIFFS.replace("Wed 2 Apr", "2 Apr"))] == ["2020-04-02"]


def test_a_dateline_weekday_said_is_not_moved_beyond_the_years_named() -> None:
    # "周一表示" in a report of 2月28日 may be a day or two before the dateline: with 2024 named and no
    # Monday 28 February near it, the named year stands (and the Monday before 28 February 2024 is the 26th)
    text = (
        "外媒2月28日消息,印尼能源和矿产资源部的一名官员周一表示,该部已批准1.45亿吨镍矿的开采配额。\n"
        "迄今为止批准的数量仅为2024年。\n"
    )
    assert [s["announced"] for s in signals("r.txt", text)] == ["2024-02-26"]


def test_a_quantity_is_not_a_year() -> None:
    text = (
        "财联社6月18日电,大中矿业公告称,公司与临武高新区管委会签署《投资协议书》,"
        "投资10亿元建设年产3000吨金属锂电池新材料项目。\n"
        "二期和三期分别规划建设年产1000吨和2000吨金属锂电池新材料生产线。\n"
        "项目合作期限为2025年6月至2030年5月。\n"
    )
    assert [s["announced"] for s in signals("d.txt", text)] == ["2025-06-18"]
    # a year written as one is still read
    dated = text.replace("年产1000吨和2000吨", "2024年规划的")
    assert [s["announced"] for s in signals("d.txt", dated)] == ["2024-06-18"]


def test_fluorine_is_fluorine() -> None:
    text = "---\npublished: 2025-04-03\n---\nThe US exempted fluorine and gallium from new import tariffs.\n"
    assert measures("f.md", text) == [("tariff", -1, ("F", "Ga"))]


def test_a_measure_named_only_as_the_occasion_is_no_act() -> None:
    head = "---\npublished: 2023-07-06\n---\n"
    occasion = head + (
        "The Pentagon holds a germanium stockpile, a spokesperson said on Thursday after China announced "
        "export restrictions on gallium and germanium.\n"
    )
    assert [m for m, _, _ in measures("o.md", occasion)] == []
    # the measure as the sentence's own act, with "after" telling its occasion, is read
    own = head + "China announced export restrictions on gallium and germanium after talks failed.\n"
    assert [m for m, _, _ in measures("o.md", own)] == ["export_control"]
