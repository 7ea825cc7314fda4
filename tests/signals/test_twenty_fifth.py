"""General mechanisms drawn from the twenty-fifth held-out set's misses (a price review headed by its first
line, operations resumed, a wire report's day, a control in force since last year, rutile), on hand-written
texts with counter-examples."""

from __future__ import annotations

from .reading import measures, signals

REVIEW = (
    "一、2025年上半年钨制品价格走势\n"
    "2月初至3月上旬:出口管制冲击,价格承压下行。\n"
    "一是2025年第一批钨矿开采总量控制指标下达,同比减少4,000吨,强化了市场对原料紧缺的预期。\n"
)


def test_a_first_line_heading_a_price_review_makes_it_one() -> None:
    # no title: the heading names prices, so the measures are what the market watched, undated here
    assert measures("r.txt", REVIEW) == []
    # a heading that names no prices leaves the measures read
    policy = REVIEW.replace("价格走势", "政策回顾")
    assert [m for m, _, _ in measures("r.txt", policy)] == ["export_control", "quota"]


def test_operations_resumed_or_stopped_are_a_restart_or_a_halt() -> None:
    head = "---\npublished: 2024-05-31\n---\n"
    resumed = head + "中国黄金国际发布公告,公司所属甲玛铜矿二期选厂于2024年5月30日开始恢复运营。\n"
    assert measures("j.txt", resumed) == [("production_cut", -1, ("Cu",))]
    stopped = head + "中国黄金国际发布公告,公司所属甲玛铜矿二期选厂于2024年5月30日停止运营。\n"
    assert measures("j.txt", stopped) == [("production_cut", 1, ("Cu",))]
    # the costs of operation are no halt or restart
    costs = head + "中国黄金国际发布公告,公司所属甲玛铜矿二期选厂运营成本下降。\n"
    assert measures("j.txt", costs) == []


def test_a_wire_reports_day_dates_the_news() -> None:
    head = "---\npublished: 2023-07-08\n---\n"
    body = "据美联社7月5日报道,华友钴业7月5日在津巴布韦投资3亿美元新建的锂矿加工厂投产。\n"
    assert [s["announced"] for s in signals("h.txt", head + body)] == ["2023-07-05"]
    # a report named without its day leaves the page's date
    undated = head + body.replace("据美联社7月5日报道", "据美联社报道").replace("7月5日在", "在")
    assert [s["announced"] for s in signals("h.txt", undated)] == ["2023-07-08"]


def test_a_control_in_force_since_last_year_is_background() -> None:
    head = "---\npublished: 2023-07-08\n---\n"
    assert measures("z.txt", head + "津巴布韦去年起收紧了原锂矿出口管制。\n") == []
    # tightened from this year on, it is the text's news
    this_year = head + "津巴布韦今年起收紧了原锂矿出口管制。\n"
    assert measures("z.txt", this_year) == [("export_control", 1, ("Li",))]


def test_rutile_is_titanium() -> None:
    text = "---\npublished: 2025-02-19\n---\n马拉维政府下令暂停金红石出口。\n"
    assert measures("m.txt", text) == [("ban", 1, ("Ti",))]
    english = "---\npublished: 2025-02-19\n---\nMalawi ordered a halt to rutile and ilmenite exports.\n"
    assert measures("m.md", english) == [("ban", 1, ("Ti",))]


FUNDING = (
    "---\npublished: 2025-08-18\n---\n"
    "The Department of Energy will provide $975 million of funding for rare earth processing projects.\n\n"
    "The department said applications open next month.\n\n"
    "The core objective of this funding notice is to bolster supplies of gallium and germanium.\n"
)


def test_the_measure_named_again_says_what_it_is_on() -> None:
    got = measures("f.md", FUNDING)
    assert [(m, d) for m, d, _ in got] == [("investment", -1)]
    assert {"Ga", "Ge", "Nd", "Dy"} <= set(got[0][2])
    # a sentence about other things names no element of the measure
    other = FUNDING.replace("The core objective of this funding notice is to bolster", "Traders watch")
    assert not {"Ga", "Ge"} & set(measures("f.md", other)[0][2])
    # nor does one that only speculates about the measure
    hedged = FUNDING.replace("The core objective of this funding notice is", "This funding might later")
    assert not {"Ga", "Ge"} & set(measures("f.md", hedged)[0][2])
