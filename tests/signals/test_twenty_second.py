"""General mechanisms drawn from the twenty-second and twenty-third held-out sets' misses (acts outside China;
Chinese provinces, companies and regulators), on hand-written texts with counter-examples."""

from __future__ import annotations

from datetime import date

from reechain.signals.extract import extract
from reechain.signals.reading import read_document

from .reading import measures, signals


def test_scrap_metal_is_not_the_verb_scrap() -> None:
    extended = "Kazakhstan has extended the ban on the export of copper and aluminium scrap from 5 May 2024."
    assert measures("k.md", extended) == [("ban", 1, ("Al", "Cu"))]
    scrapped = "On 5 May 2024 Indonesia said it will scrap the ban on copper concentrate exports."
    assert measures("k.md", scrapped) == [("ban", -1, ("Cu",))]


def test_a_dividend_suspended_is_no_measure_suspended() -> None:
    text = (
        "First Quantum temporarily halts Ravensthorpe nickel mine operations, suspends dividend, "
        "it said on 16 January 2024."
    )
    assert measures("f.md", text) == [("production_cut", 1, ("Ni",))]


HALT_THEN_RESTART = (
    "---\npublished: 2025-04-17\n---\n"
    "Operations at the Bisie tin mine were temporarily halted on March 13 as rebels advanced.\n\n"
    "Alphamin resumed processing stockpiled ore on April 15."
)


def test_of_a_dated_halt_and_restart_the_later_stands() -> None:
    got = signals("b.md", HALT_THEN_RESTART)
    assert [(s["measure"], s["direction"], s["effective"]) for s in got] == [
        ("production_cut", -1, "2025-04-15")
    ]
    halted_only = HALT_THEN_RESTART.replace("Alphamin resumed processing stockpiled ore on April 15.", "")
    assert [(s["measure"], s["direction"]) for s in signals("b.md", halted_only)] == [("production_cut", 1)]


def test_a_restart_that_waits_on_a_condition_leaves_the_halt() -> None:
    en = (
        "On 16 January 2024 the company halted mining at its nickel mine; "
        "mining will resume once the stockpiles are depleted."
    )
    assert measures("c.md", en) == [("production_cut", 1, ("Ni",))]
    zh = "8月11日，公司回应称，锂矿采矿许可证于8月9日到期后已暂停开采作业，待获得批复后将尽早恢复生产。"
    assert measures("c.txt", zh) == [("production_cut", 1, ("Li",))]
    when = (
        zh + "\n\n业内人士指出，自然资源部门要求企业在9月30日前提交报告，该矿何时复产仍取决于采矿证续期进展。"
    )
    assert measures("c.txt", when) == [("production_cut", 1, ("Li",))]


def test_output_curbed_by_agreement() -> None:
    said = "BEIJING, March 14 (Reuters) - Major Chinese copper smelters {}, Antaike said."
    assert measures("a.md", said.format("have agreed to curb output")) == [("production_cut", 1, ("Cu",))]
    assert measures("a.md", said.format("plan to cut production costs")) == []


def test_smelters_restarting_factories() -> None:
    text = (
        "On 15 April 2024 aluminium smelters in Yunnan are restarting factories due to improved power supply."
    )
    assert measures("y.md", text) == [("production_cut", -1, ("Al",))]


def test_quarterly_reports_and_conferences_commit_no_money() -> None:
    quarter = (
        "Pilbara Minerals has reported a strong June quarter.\n\n"
        "PLS completed its P1000 expansion project, raising the lithium processing capacity of its plant."
    )
    assert measures("q.md", quarter) == []
    conference = (
        "4月11日，2023锂电产业生态及供应链大会在四川省遂宁市举办。\n\n"
        "四川依托矿业资源优势，投资建设了多家锂电企业。"
    )
    assert measures("c.txt", conference) == []
    committed = "4月11日，某公司宣布投资20亿元建设锂盐工厂。"
    assert measures("c.txt", committed) == [("investment", -1, ("Li",))]


def test_producers_cut_down_to_a_number() -> None:
    text = "2024年4月28日，生态环境部介绍，电解锰企业已由24家调整压减至3家，产能由59万吨降至18万吨。"
    assert measures("m.txt", text) == [("production_cut", 1, ("Mn",))]


CODELCO = (
    "SANTIAGO, July 1 (Reuters) - Codelco said on Tuesday it has secured regulatory approval for a new "
    "lithium quota.\n"
    "The nuclear energy regulator has approved extraction of 2.5 million tons of lithium from 2031 to 2060."
)


def test_a_new_quota_secured_and_years_to_come() -> None:
    doc = read_document("c.md", CODELCO.encode("utf-8"))
    got = [s.as_json() for s in extract(doc, today=date(2026, 11, 28))]
    # before: dated 2031 by the years to come, a quota unchanged, and "regulator" read as a verb that
    # restricts
    assert [(s["measure"], s["direction"], s["announced"]) for s in got] == [("quota", -1, "2025-07-01")]
    batch = "On 1 July 2025 the ministry issued the first batch of rare earth mining quotas."
    assert [m[:2] for m in measures("c.md", batch)] == [("quota", 0)]


def test_a_companys_metal_is_not_the_measures_when_another_is_named() -> None:
    other = "On 1 July 2025 the state-run copper producer Codelco secured approval for a new lithium quota."
    assert measures("c.md", other) == [("quota", -1, ("Li",))]
    own = "On 1 July 2025 the copper producer Codelco halted its Chuquicamata smelter."
    assert measures("c.md", own) == [("production_cut", 1, ("Cu",))]
