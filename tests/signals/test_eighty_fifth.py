"""General mechanisms drawn from the eighty-fourth and eighty-fifth held-out sets' misses, each on a
hand-written text with a counter-example."""

from __future__ import annotations

from .reading import measures

HEAD = "---\npublished: 2016-12-20\n---\n"


def test_goods_no_longer_subject_to_a_duty_have_it_lifted() -> None:
    lifted = HEAD + "Cobalt ores and non-alloy tin are no longer subject to export customs duty.\n"
    assert measures("a.md", lifted) == [("tariff", -1, ("Co", "Sn"))]
    imposed = HEAD + "China imposed an export customs duty on cobalt ores and non-alloy tin.\n"
    assert measures("b.md", imposed) == [("tariff", 1, ("Co", "Sn"))]


def test_a_tariff_adjustment_takes_its_way_from_the_sentence_that_gives_one() -> None:
    plan = (
        HEAD + "The State Council issued the 2017 Tariff Adjustment Plan for cobalt and tin.\n\n"
        "Cobalt ores and non-alloy tin are no longer subject to export customs duty.\n"
    )
    assert measures("a.md", plan) == [("tariff", -1, ("Co", "Sn"))]
    alone = HEAD + "The State Council issued the 2017 Tariff Adjustment Plan for cobalt and tin.\n"
    assert measures("b.md", alone) == [("tariff", 0, ("Co", "Sn"))]


def test_an_import_duty_cut_and_an_export_duty_raised_are_two_acts() -> None:
    both = (
        "---\npublished: 2021-04-28\n---\n"
        "Starting on May 1, China will cut the import tariff on ferrochrome to zero.\n\n"
        "Export tariffs on ferrosilicon and ferrochrome will be raised to 25 percent.\n"
    )
    assert measures("a.md", both) == [("tariff", -1, ("Cr",)), ("tariff", 1, ("Cr", "Si"))]
    one_way = (
        "---\npublished: 2021-04-28\n---\n"
        "Starting on May 1, China will raise the import tariff on ferrochrome.\n\n"
        "Export tariffs on ferrochrome will be raised to 25 percent.\n"
    )
    assert measures("b.md", one_way) == [("tariff", 1, ("Cr",))]


def test_would_in_a_sentence_citing_a_published_list_is_the_reports_tense() -> None:
    listed = (
        "---\npublished: 2009-12-29\n---\n"
        "Export taxes on indium would be reduced to 5 percent next year, the list showed.\n"
    )
    assert measures("a.md", listed) == [("tariff", -1, ("In",))]
    guessed = (
        "---\npublished: 2009-12-29\n---\nExport taxes on indium would be reduced to 5 percent next year.\n"
    )
    assert measures("b.md", guessed) == []


def test_what_an_act_is_aimed_at_is_no_second_act() -> None:
    aimed = (
        "---\npublished: 2021-04-28\n---\nChina will cut the import tariff on ferrochrome from May 1. "
        "The adjustment is aimed at supporting producers to cut ferrochrome output.\n"
    )
    assert measures("a.md", aimed) == [("tariff", -1, ("Cr",))]


def test_pig_iron_is_iron_but_nickel_pig_iron_is_nickel() -> None:
    pig = "---\npublished: 2021-07-29\n---\nChina will raise the export duty on high-purity pig iron.\n"
    assert measures("a.md", pig) == [("tariff", 1, ("Fe",))]
    npi = (
        "---\npublished: 2021-07-29\n---\nIndonesia will impose a tax on nickel pig iron exports from 2025.\n"
    )
    assert measures("b.md", npi) == [("tariff", 1, ("Ni",))]
    zh = "---\npublished: 2021-07-29\n---\n印尼将对镍生铁出口征收出口税。\n"
    assert measures("c.txt", zh) == [("tariff", 1, ("Ni",))]


def test_how_much_of_a_quota_was_used_sets_none() -> None:
    used = "---\npublished: 2013-02-19\n---\n出口配额钨品15863吨,完成全年配额量的103.01%。\n"
    assert measures("a.txt", used) == []
    cut = "---\npublished: 2013-02-19\n---\n商务部下达2013年钨品出口配额15400吨,比上年减少5%。\n"
    assert [m for m, _, _ in measures("b.txt", cut)] == ["quota"]


def test_a_tariff_lifted_before_and_told_with_a_contracted_had_is_history() -> None:
    story = (
        "---\npublished: 2020-08-07\n---\n"
        "Trump said on Thursday he has reimposed a 10 per cent tariff on Canadian aluminium imports.\n\n"
        "Trump said that he'd previously lifted the tariff on Canada on condition that exports stayed low.\n"
    )
    assert measures("a.md", story) == [("tariff", 1, ("Al",))]
    alone = HEAD + "He said he'd previously lifted the tariff on Canadian aluminium.\n"
    assert measures("b.md", alone) == []


def test_energy_prices_in_a_title_make_no_price_report() -> None:
    cut = "The aluminium smelter announced a cut of its production.\n"
    energy = "---\ntitle: Europe and soaring electricity prices\npublished: 2022-09-08\n---\n" + cut
    assert measures("a.md", energy) == [("production_cut", 1, ("Al",))]
    metal = "---\ntitle: Aluminium prices weekly\npublished: 2022-09-08\n---\n" + cut
    assert measures("b.md", metal) == []


def test_a_restart_named_as_a_noun_is_one_and_a_restart_left_for_later_is_not() -> None:
    restart = (
        "---\npublished: 2022-05-19\n---\nAlcoa signed a power contract for the planned 2024 restart of "
        "aluminum smelting at its San Ciprian plant.\n"
    )
    assert measures("a.md", restart) == [("production_cut", -1, ("Al",))]
    later = (
        "---\npublished: 2022-08-16\n---\n"
        "Nyrstar发布声明称,将从9月1日起关闭锌冶炼厂,并对其进行检修,重启生产时间将另行通知。\n"
    )
    assert measures("b.txt", later) == [("production_cut", 1, ("Zn",))]


def test_a_gas_pipeline_suspended_is_no_measure() -> None:
    gas = (
        "---\npublished: 2022-09-08\n---\nWith the indefinite suspension of the Nord Stream gas pipeline, "
        "power prices for aluminium smelters rose.\n"
    )
    assert measures("a.md", gas) == []
    measure = "---\npublished: 2022-09-08\n---\nChina announced the suspension of its gallium export ban.\n"
    assert measures("b.md", measure) == [("suspension", -1, ("Ga",))]
