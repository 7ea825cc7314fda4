"""General mechanisms drawn from the sixtieth and sixty-first held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures, signals

HEAD = "---\npublished: 2018-03-08\n---\n"


def test_a_share_of_a_stated_size_secured_is_an_investment() -> None:
    secured = (
        HEAD + "KORES said it would secure a 10 percent interest in the Zandkopsdrift rare earth project.\n"
    )
    assert [(m, d) for m, d, _ in measures("a.md", secured)] == [("investment", -1)]
    # a share of the market is no stake
    market = HEAD + "Chinese producers hold a 90 percent share of the rare earth market.\n"
    assert measures("b.md", market) == []


def test_a_finding_of_sales_at_less_than_fair_value_is_a_duty() -> None:
    found = (
        HEAD
        + "The Department of Commerce determines that imports of silicon metal from Brazil are being, or are "
        "likely to be, sold in the United States at less than fair value.\n"
    )
    assert measures("a.md", found) == [("tariff", 1, ("Si",))]
    # "likely to be" without the finding's words stays a guess
    guess = HEAD + "Imports of silicon metal from Brazil are likely to be hit by duties.\n"
    assert measures("b.md", guess) == []


def test_a_column_reads_no_act_of_its_own() -> None:
    column = (
        "---\ntitle: COLUMN-If you thought lithium was exciting, try cobalt\npublished: 2017-04-11\n---\n"
        "A spectacular price rally propelled lithium onto the global investment stage.\n"
    )
    assert measures("a.md", column) == []
    news = (
        "---\ntitle: Lithium miner raises funds\npublished: 2017-04-11\n---\n"
        "The company will invest $50 million in a new lithium plant.\n"
    )
    assert measures("b.md", news) == [("investment", -1, ("Li",))]


def test_what_the_act_will_do_is_its_effect() -> None:
    head = "---\npublished: 2022-03-21\n---\n"
    text = (
        head
        + "澳大利亚政府宣布,已立即禁止向俄罗斯出口氧化铝和铝土矿。声明还称,此举将限制俄罗斯的铝生产能力。\n"
    )
    assert measures("a.txt", text) == [("ban", 1, ("Al",))]
    # a cut stated on its own is read
    alone = head + "声明称,俄罗斯将限制铝生产。\n"
    assert [m for m, _, _ in measures("b.txt", alone)] == ["production_cut"]


def test_a_half_width_full_stop_between_chinese_characters_ends_a_sentence() -> None:
    head = "---\npublished: 2018-08-02\n---\n"
    text = head + "分析师预估,铝土矿库存可能继续增加.马来西亚政府宣布禁止开采铝土矿.\n"
    assert [(m, d) for m, d, _ in measures("a.txt", text)] == [("ban", 1)]
    # a decimal point stays inside its sentence
    number = head + "马来西亚政府宣布禁止铝土矿开采,库存为1.5万吨.\n"
    assert [(m, d) for m, d, _ in measures("b.txt", number)] == [("ban", 1)]


def test_a_state_of_a_country_is_no_states_stockpile() -> None:
    head = "---\npublished: 2016-12-22\n---\n"
    text = (
        head
        + "About 2.95 million tonnes of bauxite stockpiles remain around Kuantan, in the state of Pahang.\n"
    )
    assert measures("a.md", text) == []
    bought = head + "The state reserve bought bauxite for its stockpile.\n"
    assert [m for m, _, _ in measures("b.md", bought)] == ["stockpiling"]


def test_a_measure_taken_years_ago_is_background() -> None:
    head = "---\npublished: 2013-03-01\n---\n"
    text = head + "印尼10年前限制锡出口,以试图限制非法开采,但并未取得成效。\n"
    assert measures("a.txt", text) == []
    # a year before which something holds is no "years ago"
    before = head + "阿根廷政府本周表示,将对2020年前运输的锂征收出口税。\n"
    assert [(m, d) for m, d, _ in measures("b.txt", before)] == [("tariff", 1)]


def test_an_export_purity_requirement_raised_or_a_content_rule_eased() -> None:
    head = "---\npublished: 2013-07-08\n---\n"
    raised = head + "印尼贸易部官员称,该国将上调明年锡锭出口最低纯度要求。\n"
    assert measures("a.txt", raised) == [("export_control", 1, ("Sn",))]
    eased = head + "Indonesia eased a rule on lead content to help tin smelters meet export requirements.\n"
    assert [(m, d) for m, d, _ in measures("b.md", eased)] == [("export_control", -1)]
    # a purity that traders quote is no rule
    quoted = head + "The exchange only trades tin ingots with a purity of 99.9%.\n"
    assert measures("c.md", quoted) == []


def test_a_moratorium_on_mining_is_a_ban() -> None:
    head = "---\npublished: 2016-12-22\n---\n"
    text = head + "Malaysia on Thursday extended a moratorium on bauxite mining by three months.\n"
    [ban] = signals("a.md", text)
    assert (ban["measure"], ban["direction"], ban["elements"]) == ("ban", 1, ["Al"])
