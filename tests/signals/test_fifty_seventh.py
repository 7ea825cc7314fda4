"""General mechanisms drawn from the fifty-sixth and fifty-seventh held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures, signals

HEAD = "---\npublished: 2016-01-12\n---\n"
ZH_HEAD = "---\npublished: 2020-08-28\n---\n"


def test_a_ban_put_off_again_loosens() -> None:
    delayed = HEAD + "Congo has again delayed a ban on exports of copper and cobalt concentrate.\n"
    assert measures("a.md", delayed) == [("ban", -1, ("Co", "Cu"))]
    # a ban that delays shipments is still a ban
    delaying = HEAD + "Congo has banned exports of cobalt concentrate, which delayed shipments.\n"
    assert measures("b.md", delaying) == [("ban", 1, ("Co",))]


def test_a_ban_exempted_from_in_chinese_loosens() -> None:
    exempted = ZH_HEAD + "民主刚果宣布,将无限期豁免对锡、钨和钽精矿的出口禁令。\n"
    assert measures("a.txt", exempted) == [("ban", -1, ("Sn", "Ta", "W"))]
    after = ZH_HEAD + "民主刚果决定对锡、钨和钽精矿出口禁令进行豁免。\n"
    assert measures("b.txt", after) == [("ban", -1, ("Sn", "Ta", "W"))]
    # a ban named as what an exemption expires under lifts nothing of its own
    imposed = ZH_HEAD + "民主刚果宣布禁止钴精矿出口。\n"
    assert measures("c.txt", imposed) == [("ban", 1, ("Co",))]


def test_an_orders_own_date_is_the_acts_day() -> None:
    text = (
        "---\npublished: 2013-04-18\n---\n"
        "Congo has banned exports of copper and cobalt concentrates, according to an order from the "
        "Mines Ministry.\n\nThe order, seen by Reuters on Wednesday, gives companies 90 days to clear "
        "stocks. It is dated April 5 and signed by the Mines Minister.\n"
    )
    [ban] = signals("a.md", text)
    assert (ban["measure"], ban["announced"]) == ("ban", "2013-04-05")
    # a date that only says when a report was dated is not the order's
    report = text.replace(
        "It is dated April 5 and signed by the Mines Minister.", "Its report is due on April 5."
    )
    [ban] = signals("b.md", report)
    assert ban["announced"] == "2013-04-18"


def test_an_export_duty_and_an_import_duty_on_other_goods_are_two_acts() -> None:
    text = (
        "---\npublished: 2012-03-22\n---\n"
        "The Indian government announced on March 16 that it altered the export duty of chrome ore to "
        "30% of the ore value.\n\nThe government also announced that the import duties for nickel ore "
        "would be removed.\n"
    )
    assert measures("a.md", text) == [("tariff", -1, ("Ni",)), ("tariff", 1, ("Cr",))]
    # import duties on two goods, one cut and one not said, stay one act
    both = text.replace("the export duty of chrome ore", "the import duty of chrome ore")
    assert [m for m, _, _ in measures("b.md", both)] == ["tariff"]


def test_a_decision_reported_with_would_is_no_hedge() -> None:
    decided = (
        HEAD + "The government announced that the import duties for nickel ore and nickel oxide would be "
        "removed.\n"
    )
    assert measures("a.md", decided) == [("tariff", -1, ("Ni",))]
    # what an analyst thinks would happen is still a hedge
    guessed = HEAD + "Analysts think that the import duties for nickel ore would be removed.\n"
    assert measures("b.md", guessed) == []


def test_environmental_permits_of_mining_projects_revoked_cut_production() -> None:
    head = "---\npublished: 2017-02-03\n---\n"
    zh = head + "菲律宾撤销了四个采矿项目的环境许可证,其中包括一计划中的镍矿项目。\n"
    assert measures("a.txt", zh) == [("production_cut", 1, ("Ni",))]
    en = (
        head + "The Philippines cancelled the environmental compliance certificates of four nickel mining "
        "projects.\n"
    )
    assert measures("b.md", en) == [("production_cut", 1, ("Ni",))]
    # a permit granted is no cut
    granted = head + "菲律宾向一个镍矿采矿项目发放了环境许可证。\n"
    assert [m for m, d, _ in measures("c.txt", granted) if m == "production_cut" and d == 1] == []


def test_a_count_of_plants_closed_with_their_product_between() -> None:
    head = "---\npublished: 2011-10-28\n---\n"
    closed = head + "到目前为止,鹤壁市已关闭49家年产1000吨以下的金属镁企业。\n"
    assert measures("a.txt", closed) == [("production_cut", 1, ("Mg",))]
    # a count of plants that run is no closure
    running = head + "到目前为止,鹤壁市共有49家年产1000吨以下的金属镁企业。\n"
    assert measures("b.txt", running) == []


def test_an_english_crackdown_at_an_illegal_mine() -> None:
    head = "---\npublished: 2012-08-02\n---\n"
    crackdown = (
        head + "His team supervised the crackdown at an illegal rare earth mining site in Potou town.\n"
    )
    assert [m for m, _, _ in measures("a.md", crackdown)] == ["production_cut"]
    busted = head + "The county government busted nine outlets illegally mining rare earth.\n"
    assert [m for m, _, _ in measures("b.md", busted)] == ["production_cut"]
    # a legal mine visited is not a crackdown
    visited = head + "His team visited a licensed rare earth mining site in Potou town.\n"
    assert measures("c.md", visited) == []


def test_filing_of_new_projects_paused_is_a_ban() -> None:
    head = "---\npublished: 2016-12-26\n---\n"
    paused = head + "市发改、工信部门都暂停了稀土资源回收利用项目的备案工作。\n"
    assert [(m, d) for m, d, _ in measures("a.txt", paused)] == [("ban", 1)]
    en = head + "The province suspended approvals of new rare earth smelting projects.\n"
    assert [(m, d) for m, d, _ in measures("b.md", en)] == [("ban", 1)]
    # a project filed is no ban
    filed = head + "市发改部门完成了稀土资源回收利用项目的备案工作。\n"
    assert [m for m, _, _ in measures("c.txt", filed) if m == "ban"] == []
