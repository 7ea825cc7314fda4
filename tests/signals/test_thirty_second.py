"""General mechanisms drawn from the thirty-second and thirty-third held-out sets' misses (an inauguration,
an output target lowered, the cause given for an act, a lifting only in a condition, a price move's cause, a
title whose hedge follows the act, a restart told in the past, construction kicked off, the reserve body's
name, an expansion slowing), on hand-written texts with counter-examples."""

from __future__ import annotations

from .reading import measures, signals

HEAD = "---\npublished: 2024-10-16\n---\n"


def test_an_inauguration_ceremony_is_an_investment_on_its_day() -> None:
    text = (
        "---\npublished: 2024-09-19\n---\n"
        "柏林2024年9月19日电，9月18日，AMG在德国Bitterfeld为欧洲首家锂精炼厂举行了落成典礼。\n"
    )
    [s] = signals("a.txt", text)
    assert (s["measure"], s["direction"], s["elements"]) == ("investment", -1, ["Li"])
    assert s["announced"] == "2024-09-18"


def test_an_output_target_lowered_with_words_between_is_a_cut() -> None:
    text = HEAD + "法国埃赫曼公司已大幅下调其在印尼 WedaBay 镍矿 2024 年的产量目标。\n"
    assert measures("e.txt", text) == [("production_cut", 1, ("Ni",))]
    # the cause the next sentence gives names no act of its own
    cause = text + "这主要是因为印尼政府发放的镍矿开采配额低于预期。\n"
    assert measures("e.txt", cause) == [("production_cut", 1, ("Ni",))]


def test_a_lifting_only_in_a_condition_lifts_nothing() -> None:
    text = (
        "---\npublished: 2023-06-08\n---\n"
        "6月6日，美国商务部发布公告称，对进口自中国的颗粒状纯镁作出反倾销快速日落复审终裁：若取消本案现行反倾销税，"
        "将导致中国涉案产品的倾销以305.56%的倾销幅度继续或再度发生。\n"
    )
    assert measures("m.txt", text) == [("tariff", 1, ("Mg",))]
    lifted = text.replace(
        "若取消本案现行反倾销税，将导致中国涉案产品的倾销以305.56%的倾销幅度继续或再度发生",
        "决定取消本案现行反倾销税",
    )
    assert measures("m.txt", lifted) == [("tariff", -1, ("Mg",))]


def test_a_measure_given_as_the_cause_of_a_price_rise_is_no_act() -> None:
    text = HEAD + "镍价格迅速攀升，主要归因于印尼宣布削减镍矿石产量的消息。\n"
    assert measures("p.txt", text) == []
    told = HEAD + "印尼宣布削减镍矿石产量。\n"
    assert measures("p.txt", told) == [("production_cut", 1, ("Ni",))]


def test_a_restart_told_in_the_past_and_a_title_hedged_after_it() -> None:
    text = (
        "---\ntitle: Lithium production resumes in Yichun, unlikely to affect supply chain, analysts say\n"
        "published: 2023-03-01\n---\n"
        "Lithium production has resumed in Yichun after a government investigation last week temporarily"
        " halted production.\n"
    )
    assert measures("y.md", text) == [("production_cut", -1, ("Li",))]


def test_construction_kicked_off_is_an_investment() -> None:
    text = (
        HEAD + "On February 26, a lithium salts factory run by Xinjiang Nonferrous kicked off construction.\n"
    )
    assert measures("x.md", text) == [("investment", -1, ("Li",))]


def test_the_reserve_bodys_name_and_an_expansion_slowing_are_no_acts() -> None:
    text = (
        HEAD
        + "China's National Food and Strategic Reserves Administration did not respond on cobalt.\n"
        + "Slowdown in gallium production expansion: the expansion has encountered significant hurdles.\n"
    )
    assert measures("r.md", text) == []
    bought = HEAD + "China's state reserve bought cobalt for its strategic reserve this week.\n"
    assert measures("r.md", bought) == [("stockpiling", 1, ("Co",))]
