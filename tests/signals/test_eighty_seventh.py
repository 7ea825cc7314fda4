"""General mechanisms drawn from the eighty-sixth and eighty-seventh held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2013-08-14\n---\n"


def test_a_strike_begun_at_a_mine_cuts_output() -> None:
    strike = HEAD + "Workers began a surprise strike at Chile's Escondida copper mine on Wednesday.\n"
    assert measures("a.md", strike) == [("production_cut", 1, ("Cu",))]
    threat = HEAD + "Workers at Chile's Escondida copper mine may strike next month.\n"
    assert measures("b.md", threat) == []


def test_operations_suspended_with_a_long_subject_are_a_halt() -> None:
    halted = (
        HEAD + "Operations at a chrome mine in South Africa owned by chemicals group LANXESS have been "
        "suspended since Thursday.\n"
    )
    assert measures("a.md", halted) == [("production_cut", 1, ("Cr",))]


def test_an_associations_cut_put_to_its_members_with_a_figure_is_decided() -> None:
    members = (
        "---\npublished: 2022-05-14\n---\n"
        "铁合金工业协会锰系专业委员会号召参会的40家锰系会员单位,全面开展行业自救,严格执行限、减产50%。\n"
    )
    assert measures("a.txt", members) == [("production_cut", 1, ("Mn",))]
    # advice to members without a figure stays advice
    advice = "---\npublished: 2022-05-14\n---\n铁合金工业协会锰系专业委员会号召锰系会员单位减产。\n"
    assert measures("b.txt", advice) == []


def test_producers_said_to_be_closed_are_a_production_cut() -> None:
    closed = "---\npublished: 2014-12-29\n---\n平罗县16家锰冶炼企业已全部关闭。\n"
    assert measures("a.txt", closed) == [("production_cut", 1, ("Mn",))]
    working = "---\npublished: 2014-12-29\n---\n平罗县16家锰冶炼企业仍在生产。\n"
    assert measures("b.txt", working) == []


def test_a_restart_guessed_at_neither_hedges_nor_turns_the_halt() -> None:
    halt = (
        "---\npublished: 2021-11-01\n---\nChongqing Wuling Manganese suspended production of 200 tons/day of "
        "manganese on October 25 and is unlikely to resume production before the end of the year.\n"
    )
    assert measures("a.md", halt) == [("production_cut", 1, ("Mn",))]
    tons = (
        "---\npublished: 2021-11-01\n---\n"
        "Songtao Manganese suspended 160 tons/day production of manganese last week, although it may resume "
        "production sooner.\n"
    )
    assert measures("b.md", tons) == [("production_cut", 1, ("Mn",))]
