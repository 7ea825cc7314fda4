"""The mechanisms drawn from the seventeenth and eighteenth held-out sets' misses, each on hand-written texts
with counter-examples."""

from __future__ import annotations

from .reading import measures

# investment words that commit no money: a body's name, a project's size described


def test_an_investment_board_named_beside_a_ban_is_no_investment() -> None:
    text = "---\npublished: 2019-10-29\n---\n某国投资协调委员会主席周一表示，将立即停止钴矿出口。\n"
    assert measures("zh.txt", text) == [("ban", 1, ("Co",))]


def test_a_projects_total_investment_beside_its_halt_is_no_investment() -> None:
    text = (
        "---\npublished: 2025-09-28\n---\n"
        "某锂盐厂近期已暂停部分生产。\n"
        "据悉，该厂一期项目总投资超过25亿元，建成后可年产4万吨碳酸锂。\n"
    )
    assert measures("zh.txt", text) == [("production_cut", 1, ("Li",))]


def test_money_committed_by_a_verb_is_still_investment() -> None:
    text = "---\npublished: 2025-09-28\n---\n某公司宣布投资建设碳酸锂工厂，项目总投资超过25亿元。\n"
    assert measures("zh.txt", text) == [("investment", -1, ("Li",))]


# restarts: a halted plant or its lines started again is production_cut -1; care and maintenance is +1


def test_restarting_potlines_is_a_production_cut_loosened() -> None:
    text = (
        "---\npublished: 2017-07-11\n---\n"
        "Acme today announced plans to restart three of five potlines at its aluminum smelter.\n"
    )
    assert measures("en.md", text) == [("production_cut", -1, ("Al",))]


def test_care_and_maintenance_is_a_production_cut() -> None:
    text = (
        "---\npublished: 2024-02-12\n---\n"
        "The owners decided to transition the nickel smelter into care and maintenance.\n"
    )
    assert measures("en.md", text) == [("production_cut", 1, ("Ni",))]


def test_halted_capacity_started_again_is_a_restart_without_investment() -> None:
    text = (
        "---\npublished: 2022-03-22\n---\n"
        "电网对省内电解铝企业恢复供电，公司原停产的22万吨产能已陆续启动。\n"
        "剩余15万吨产能也已通电启动，90万吨产能将于4月底全部投产。\n"
    )
    assert measures("zh.txt", text) == [("production_cut", -1, ("Al",))]


def test_money_for_new_capacity_beside_a_restart_is_still_investment() -> None:
    text = (
        "---\npublished: 2022-03-22\n---\n"
        "公司原停产的22万吨铝产能已陆续启动。\n"
        "公司另将投资30亿元新建铝冶炼厂。\n"
    )
    assert measures("zh.txt", text) == [("investment", -1, ("Al",)), ("production_cut", -1, ("Al",))]


# a question asks, it announces nothing


def test_a_journalists_question_names_no_measure() -> None:
    text = (
        "---\npublished: 2023-09-21\n---\n"
        "请问发言人，从8月1日中国开始对镓进行出口管制开始，是否有公司拿到了出口许可证？\n"
        "发言人回应称，我们已批准了符合规定的若干出口申请，有关企业已获得两用物项出口许可证。\n"
    )
    assert measures("zh.txt", text) == [("export_licence", -1, ("Ga",))]


def test_the_statement_without_the_question_still_names_the_control() -> None:
    text = "---\npublished: 2023-07-03\n---\n商务部决定自8月1日起对镓实施出口管制。\n"
    assert measures("zh.txt", text) == [("export_control", 1, ("Ga",))]


# a reserve made larger is stockpiling +1, whatever it says of how releases will work


def test_doubling_stockpiles_is_stockpiling_up_despite_release_terms() -> None:
    text = (
        "---\npublished: 2022-12-30\n---\n"
        "The ministry said it will double the government's stockpiles of cobalt and halve their time until "
        "release.\n"
    )
    assert measures("en.md", text) == [("stockpiling", 1, ("Co",))]


def test_a_release_from_the_reserve_is_still_stockpiling_down() -> None:
    text = (
        "---\npublished: 2021-06-22\n---\n"
        "The strategic reserve will release 20,000 tonnes of cobalt to the market.\n"
    )
    assert measures("en.md", text) == [("stockpiling", -1, ("Co",))]


# an order overturned or repealed lifts the measure it set


def test_an_order_overturned_lifts_its_ban() -> None:
    text = (
        "---\npublished: 2021-12-28\n---\n"
        "在12月23日发布的行政命令中，部长推翻了前任的第2017-10号行政命令，该命令在全国范围内禁止露天开采铜矿。\n"
    )
    assert measures("zh.txt", text) == [("ban", -1, ("Cu",))]


def test_a_repealed_export_ban_is_ban_down() -> None:
    text = "---\npublished: 2021-12-28\n---\nParliament repealed the law that banned nickel ore exports.\n"
    assert measures("en.md", text) == [("ban", -1, ("Ni",))]


def test_a_ban_imposed_is_still_ban_up() -> None:
    text = "---\npublished: 2017-04-27\n---\n部长签发命令，在全国范围内禁止露天开采铜矿。\n"
    assert measures("zh.txt", text) == [("ban", 1, ("Cu",))]


# not decided: judged (un)likely, a measure kept in place, information sought before buying


def test_unlikely_to_relax_a_ban_is_no_signal() -> None:
    text = "---\npublished: 2016-10-12\n---\nIndonesia unlikely to relax ban on nickel ore exports.\n"
    assert measures("en.md", text) == []


def test_a_ban_kept_in_place_is_no_new_signal() -> None:
    text = (
        "---\npublished: 2016-10-12\n---\n"
        "Indonesia will keep in place a ban on nickel ore exports, the minister said.\n"
    )
    assert measures("en.md", text) == []


def test_information_sought_before_stockpiling_is_no_signal() -> None:
    text = (
        "---\npublished: 2026-03-05\n---\n"
        "The Defense Logistics Agency seeks information to expand stockpiles of nickel and tin.\n"
    )
    assert measures("en.md", text) == []


def test_a_ban_imposed_outright_is_still_a_ban() -> None:
    text = "---\npublished: 2019-10-29\n---\nIndonesia will ban nickel ore exports from January 1, 2020.\n"
    assert measures("en.md", text) == [("ban", 1, ("Ni",))]


# ", and" that closes a list of names does not end the clause


def test_a_serial_list_keeps_its_last_element() -> None:
    text = (
        "---\npublished: 2007-05-30\n---\n"
        "The commission decided to levy a 15 percent export tax on tungsten, antimony, and molybdenum.\n"
    )
    assert measures("en.md", text) == [("tariff", 1, ("Mo", "Sb", "W"))]


def test_and_before_another_clause_still_ends_the_clause() -> None:
    text = (
        "---\npublished: 2007-05-30\n---\n"
        "The commission decided to levy a 15 percent export tax on tungsten, and nickel prices rose.\n"
    )
    assert measures("en.md", text) == [("tariff", 1, ("W",))]
