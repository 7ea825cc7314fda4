"""General mechanisms drawn from the seventy-second and seventy-third held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2016-07-21\n---\n"


def test_a_trade_remedy_final_determination_is_a_duty() -> None:
    final = HEAD + "7月20日,美国商务部对华金属硅作出反倾销行政复审肯定性终裁,维持初裁税率。\n"
    assert measures("a.txt", final) == [("tariff", 1, ("Si",))]
    # a WTO panel's ruling stays a ruling on a measure, no act
    wto = HEAD + "世贸组织专家组裁定,中国对金属硅的出口限制违反世贸规则。\n"
    assert measures("b.txt", wto) == []


def test_duties_a_determination_will_not_impose_loosen() -> None:
    head = "---\npublished: 2026-03-13\n---\n"
    none = head + "基于此裁决,美国商务部将不会针对此类石墨进口产品发布反倾销或反补贴税令。\n"
    assert measures("a.txt", none) == [("tariff", -1, ("C",))]
    en = head + "Commerce will not issue antidumping duty orders on graphite anode material from China.\n"
    assert measures("b.md", en) == [("tariff", -1, ("C",))]
    imposed = head + "美国商务部将针对此类石墨进口产品发布反倾销税令。\n"
    assert measures("c.txt", imposed) == [("tariff", 1, ("C",))]


def test_new_registrations_paused_without_a_verb_between() -> None:
    head = "---\npublished: 2010-10-20\n---\n"
    paused = head + "湖北省暂停新的萤石的勘查、开采登记申请。\n"
    assert [(m, d) for m, d, _ in measures("a.txt", paused)] == [("ban", 1)]
    # registrations resumed are no pause
    resumed = head + "湖北省恢复受理新的萤石的勘查、开采登记申请。\n"
    assert [(m, d) for m, d, _ in measures("b.txt", resumed) if (m, d) == ("ban", 1)] == []


def test_silicomanganese_is_silicon_and_manganese() -> None:
    text = HEAD + "Korea imposed final anti-dumping duties on ferro-silico-manganese from China.\n"
    assert measures("a.md", text) == [("tariff", 1, ("Mn", "Si"))]
