"""General mechanisms drawn from the sixty-fourth and sixty-fifth held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures, signals

HEAD = "---\npublished: 2015-06-05\n---\n"


def test_an_act_of_a_month_well_before_the_report_is_background() -> None:
    earlier = HEAD + "In January Zambia raised royalties for open pit copper mines to 20 percent.\n"
    assert measures("a.md", earlier) == []
    zh = "---\npublished: 2020-08-28\n---\n1月份,一家铜冶炼厂在民主刚果投产。\n"
    assert measures("b.txt", zh) == []
    # last month is news still, and so is an act dated to the day
    recent = HEAD + "In May Zambia raised royalties for open pit copper mines to 20 percent.\n"
    assert [(m, d) for m, d, _ in measures("c.md", recent)] == [("tariff", 1)]
    dated = (
        "---\npublished: 2023-06-20\n---\n"
        "6月20日,宁德时代证实将投资14亿美元开发锂资源,巩固今年1月建立的合作关系。\n"
    )
    assert [(m, d) for m, d, _ in measures("d.txt", dated)] == [("investment", -1)]


def test_a_lifting_that_waits_on_a_condition_lifts_nothing() -> None:
    head = "---\npublished: 2016-04-14\n---\n"
    waits = head + "马来西亚将铝土矿开采禁令再延长三个月。部长称,现有库存必须要出口,之后禁令才能取消。\n"
    assert measures("a.txt", waits) == [("ban", 1, ("Al",))]
    lifted = head + "马来西亚宣布取消铝土矿开采禁令。\n"
    assert [(m, d) for m, d, _ in measures("b.txt", lifted)] == [("ban", -1)]


def test_a_baseline_or_an_effect_told_beside_the_act_hedges_nothing() -> None:
    cut = (
        HEAD
        + "Zambia's government will cut copper mineral royalties for underground mines to 6 percent, lower "
        "than the 9 percent expected to take effect on July 1.\n"
    )
    assert measures("a.md", cut) == [("tariff", -1, ("Cu",))]
    zh = "---\npublished: 2016-04-14\n---\n马来西亚宣布禁止铝土矿出口,这一举动可能削减中国的进口。\n"
    assert measures("b.txt", zh) == [("ban", 1, ("Al",))]
    # the act itself only expected stays hedged
    expected = HEAD + "Zambia's copper royalties are expected to be cut to 6 percent.\n"
    assert measures("c.md", expected) == []


def test_a_quota_tripled_is_raised() -> None:
    head = "---\npublished: 2018-01-17\n---\n"
    tripled = head + "The agreement has tripled the lithium extraction quota for the mining company.\n"
    assert [(m, d) for m, d, _ in measures("a.md", tripled)] == [("quota", -1)]
    halved = head + "The agreement has cut the lithium extraction quota for the mining company.\n"
    assert [(m, d) for m, d, _ in measures("b.md", halved)] == [("quota", 1)]


def test_a_process_not_yet_concluded_or_a_risk_faced_is_no_act() -> None:
    head = "---\npublished: 2022-05-09\n---\n"
    open_ = head + "目前,智利铜矿和锂矿的国有化进程尚未完全确定结论。\n"
    assert measures("a.txt", open_) == []
    facing = head + "去年稀土全行业亏损,一大部分企业面临减产甚至关停。\n"
    assert measures("b.txt", facing) == []
    decided = head + "智利宣布将锂矿资源国有化。\n"
    assert [m for m, _, _ in measures("c.txt", decided)] == ["ban"]


def test_one_analysts_words_are_a_hedge() -> None:
    head = "---\npublished: 2014-08-06\n---\n"
    said = head + 'Du Shuaibing, an analyst at Baichuan, said "the rare earth mining quota will be cut."\n'
    assert measures("a.md", said) == []
    ministry = head + 'The ministry said "the rare earth mining quota will be cut."\n'
    assert [(m, d) for m, d, _ in measures("b.md", ministry)] == [("quota", 1)]


def test_a_mining_ban_by_name() -> None:
    head = "---\npublished: 2016-04-14\n---\n"
    [ban] = signals("a.txt", head + "马来西亚宣布实施铝土矿开采禁令。\n")
    assert (ban["measure"], ban["direction"]) == ("ban", 1)
