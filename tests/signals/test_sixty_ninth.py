"""General mechanisms drawn from the sixty-eighth and sixty-ninth held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2020-09-16\n---\n"


def test_producing_stopped_or_production_wound_down() -> None:
    stopped = (
        HEAD + "Samancor Chrome has stopped producing medium- and low-carbon ferrochrome at its furnaces.\n"
    )
    assert measures("a.md", stopped) == [("production_cut", 1, ("Cr",))]
    wound = HEAD + "Timet has wound down its titanium sponge production in Henderson.\n"
    assert measures("b.md", wound) == [("production_cut", 1, ("Ti",))]
    # producing, not stopped
    going = HEAD + "Samancor Chrome keeps producing ferrochrome at its furnaces.\n"
    assert measures("c.md", going) == []


def test_zircon_is_zirconium() -> None:
    assert measures("a.md", HEAD + "Iluka halted zircon production at its mine.\n") == [
        ("production_cut", 1, ("Zr",))
    ]
    # the word alone, not inside another
    assert measures("b.md", HEAD + "Iluka halted production at its Zirconia Street office.\n") == []


def test_equipment_suspended_is_no_measure_suspended() -> None:
    head = "---\npublished: 2017-10-23\n---\n"
    text = (
        head + "Shanxi asked cities to require their aluminium plants to limit their production by 30%, "
        "calculated by number of suspended electrolyzers.\n"
    )
    assert measures("a.md", text) == [("production_cut", 1, ("Al",))]
    # a measure suspended is still one
    measure = head + "Indonesia suspended its ban on bauxite exports.\n"
    assert [(m, d) for m, d, _ in measures("b.md", measure)] == [("suspension", -1)]


def test_a_cap_on_energy_in_tonnes_of_coal_is_no_quota() -> None:
    head = "---\npublished: 2021-01-08\n---\n"
    energy = (
        head + "抓好锰硅合金企业能耗双控工作,是实现全市单位GDP能耗下降3.2%,"
        "能源消增量控制在44万吨标准煤以内约束性指标的重要支撑和保证。\n"
    )
    assert [m for m, _, _ in measures("a.txt", energy) if m == "quota"] == []
    tonnes = head + "全市锰矿开采量控制在44万吨以内。\n"
    assert [m for m, _, _ in measures("b.txt", tonnes)] == ["quota"]


def test_a_periodic_market_report_is_an_analysis() -> None:
    head = "---\ntitle: 2020年天风期货铝年报\npublished: 2020-12-31\n---\n"
    report = head + "年初疫情爆发,部分电解铝厂减产。\n"
    assert measures("a.txt", report) == []
    news = "---\ntitle: 电解铝厂减产\npublished: 2020-12-31\n---\n年初疫情爆发,部分电解铝厂减产。\n"
    assert [m for m, _, _ in measures("b.txt", news)] == ["production_cut"]
