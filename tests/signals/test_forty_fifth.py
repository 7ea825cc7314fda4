"""General mechanisms drawn from the forty-fourth and forty-fifth held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from reechain.signals.vocabulary import REE

from .reading import measures

ALL_REE = tuple(sorted(REE))


def test_a_plant_priced_in_chinese_is_an_investment() -> None:
    text = (
        "---\npublished: 2026-02-27\n---\n"
        "MP材料公司于周四透露，已选定德克萨斯州Northlake作为其新的12.5亿美元稀土磁铁制造园区的选址。\n"
    )
    assert measures("a.txt", text) == [("investment", -1, ALL_REE)]
    # a plant the company proposes to build is a plan
    planned = "---\npublished: 2026-02-27\n---\nMP材料公司拟投资12.5亿美元建设稀土磁铁厂。\n"
    assert measures("b.txt", planned) == []


def test_a_halt_given_as_what_moved_a_price_is_no_act() -> None:
    head = "---\npublished: 2025-12-24\n---\n"
    cause = head + "受全球铜矿停产致供应短缺、美国潜在关税政策扰动，伦敦铜价已突破12000美元/吨大关。\n"
    assert measures("a.txt", cause) == []
    assert measures("b.txt", head + "全球多座铜矿停产。\n") == [("production_cut", 1, ("Cu",))]
