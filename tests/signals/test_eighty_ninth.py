"""General mechanisms drawn from the eighty-eighth and eighty-ninth held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2017-03-03\n---\n"


def test_exports_told_as_suspended_are_a_ban_not_a_suspension() -> None:
    halted = (
        HEAD + "The exports of molybdenum from Musan and cobalt from Hoeryong are completely suspended.\n"
    )
    assert measures("a.md", halted) == [("ban", 1, ("Co", "Mo"))]
    measure = HEAD + "China suspended its export ban on gallium and germanium.\n"
    assert measures("b.md", measure) == [("suspension", -1, ("Ga", "Ge"))]


def test_a_decision_still_to_be_taken_is_undecided() -> None:
    later = "---\npublished: 2016-09-21\n---\n环境及自然资源部部长将决定关闭哪些镍矿场。\n"
    assert measures("a.txt", later) == []
    decided = "---\npublished: 2016-09-21\n---\n环境及自然资源部部长决定关闭十家镍矿场。\n"
    assert [m for m, _, _ in measures("b.txt", decided)] == ["production_cut"]


def test_a_figure_credited_to_an_expansion_is_no_investment() -> None:
    record = (
        "---\npublished: 2017-02-15\n---\nPeru's copper production reached a record high in 2016, boosted by "
        "the expansion of the Cerro Verde mine.\n"
    )
    assert measures("a.md", record) == []
    expansion = (
        "---\npublished: 2017-02-15\n---\nFreeport completed the expansion of the Cerro Verde copper mine.\n"
    )
    assert [m for m, _, _ in measures("b.md", expansion)] == ["investment"]


def test_investments_put_off_are_not_committed() -> None:
    off = "---\npublished: 2020-08-27\n---\nThe slump led lithium miners to put off near-term investments.\n"
    assert measures("a.md", off) == []


def test_an_area_opened_to_mining_has_its_bar_lifted() -> None:
    opened = (
        "---\npublished: 2017-08-25\n---\nA decree abolished a nature reserve rich in gold and manganese, "
        "opening it up to mining.\n"
    )
    assert measures("a.md", opened) == [("ban", -1, ("Au", "Mn"))]
    zh = "---\npublished: 2017-08-30\n---\n巴西总统宣布,开放亚马逊雨林内一座铜矿保留区供私人开采。\n"
    assert measures("b.txt", zh) == [("ban", -1, ("Cu",))]
    shop = "---\npublished: 2017-08-25\n---\nThe gold miner opened a new office in Brasilia.\n"
    assert measures("c.md", shop) == []
