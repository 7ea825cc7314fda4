"""General mechanisms drawn from the thirtieth held-out set's misses (a project's expected completion and its
proposal are no hedge of its start or approval, a news source named after a metal, a plant's first day of
production, the occasion a move coincides with, an association's call), on hand-written texts with
counter-examples."""

from __future__ import annotations

from .reading import measures, signals

HEAD = "---\npublished: 2023-05-31\n---\n"


def test_an_expected_completion_does_not_hedge_the_start_of_a_project() -> None:
    text = HEAD + "该钨冶炼项目于2023年5月24日举行开工仪式，总投资约2.05亿元，预计2024年10月竣工。\n"
    assert measures("k.txt", text) == [("investment", -1, ("W",))]
    # an expected start is still a hedge
    expected = HEAD + "该钨冶炼项目预计2023年10月举行开工仪式，总投资约2.05亿元。\n"
    assert measures("k.txt", expected) == []


def test_a_proposed_project_approved_is_an_act() -> None:
    text = HEAD + "公司申报拟投资建设的年产3000吨钨冶炼项目，获得自治区工业和信息化厅核准同意。\n"
    assert measures("a.txt", text) == [("investment", -1, ("W",))]
    proposed = HEAD + "公司拟投资建设年产3000吨钨冶炼项目。\n"
    assert measures("a.txt", proposed) == []


def test_a_news_source_named_after_a_metal_names_no_element() -> None:
    text = HEAD + "据中钨在线了解，该稀土冶炼分离项目于2023年5月24日举行开工仪式。\n"
    assert [e for _, _, els in measures("s.txt", text) for e in els if e == "W"] == []
    tungsten = HEAD + "据了解，该钨冶炼项目于2023年5月24日举行开工仪式。\n"
    assert measures("s.txt", tungsten) == [("investment", -1, ("W",))]


def test_a_plants_first_day_of_production_starts_the_investment() -> None:
    text = (
        "---\npublished: 2026-01-05\n---\n"
        "中矿资源1月4日公告，公司投资建设的年产3万吨锂盐项目已完成建设，于2026年1月2日点火投料试生产运营。\n"
    )
    [s] = signals("z.txt", text)
    assert s["measure"] == "investment" and s["effective"] == "2026-01-02"


def test_the_halt_a_move_coincides_with_and_an_associations_call_are_no_acts() -> None:
    text = (
        "---\npublished: 2025-08-12\n---\n"
        "锂业分会12日呼吁锂企业加强协同，合理布局新建锂盐产能。\n"
        "此举正值宁德时代江西宜春锂矿停产。\n"
    )
    assert measures("a.txt", text) == []
    # a company's own plan to build is still an investment, and the halt told for itself still a halt
    own = "---\npublished: 2025-08-12\n---\n宁德时代12日宣布，江西宜春锂矿于9日起停产。\n"
    assert measures("a.txt", own) == [("production_cut", 1, ("Li",))]


def test_a_magnet_alloy_beside_rare_earths_at_large_does_not_narrow_them() -> None:
    text = HEAD + "该年产3000吨稀土精矿冶炼分离及钕铁硼废料回收项目于2023年5月24日举行开工仪式。\n"
    [(_, _, elements)] = measures("m.txt", text)
    assert len(elements) == 17  # the rare earths at large, the magnet alloy's Nd among them
    alone = HEAD + "该年产2000吨钕铁硼废料回收项目于2023年5月24日举行开工仪式。\n"
    assert measures("m.txt", alone) == [("investment", -1, ("Nd",))]
