"""General mechanisms drawn from the twenty-first held-out set's misses (mostly acts outside China), on
hand-written texts with counter-examples."""

from __future__ import annotations

from .reading import measures, signals


def test_mining_licences_taken_back_are_a_production_cut() -> None:
    zh = "2025年5月15日，某国政府宣布收回了51份矿业许可，包括铝土矿和石墨。"
    assert measures("l.txt", zh) == [("production_cut", 1, ("Al", "C"))]
    en = "On 15 May 2025 the government revoked 51 mining licences, including bauxite and graphite."
    assert measures("l.md", en) == [("production_cut", 1, ("Al", "C"))]
    # an exploration right deregistered once the survey is done is paperwork, not a halt
    survey = "2015年12月14日，国土资源部通知：稀土矿普查项目结束应办理查明登记后注销探矿权。"
    assert [m for m, _, _ in measures("l.txt", survey)] != ["production_cut"]


def test_a_quota_extended_loosens() -> None:
    extended = "2025年12月28日，监管机构发布声明称，原定用于第四季度的钴出口配额，可在3月31日前继续执行。"
    assert measures("q.txt", extended) == [("quota", -1, ("Co",))]
    en = "On 28 December 2025 the regulator extended the fourth-quarter cobalt export quotas to March 31."
    assert measures("q.md", en) == [("quota", -1, ("Co",))]
    issued = "2025年12月28日，监管机构发布第四季度钴出口配额。"
    assert measures("q.txt", issued) == [("quota", 0, ("Co",))]


def test_underground_work_halted_and_resumed() -> None:
    halted = "2025年5月24日，公司旗下铜矿东区发生矿震，管理层决定，该区域的井下作业已暂停。"
    assert measures("h.txt", halted) == [("production_cut", 1, ("Cu",))]
    words_between = "2025年5月24日，某公司公告称，铜矿东区发生矿震，决定暂停部分井下采矿。"
    assert measures("h.txt", words_between) == [("production_cut", 1, ("Cu",))]
    resumed = (
        "6月12日，公司公布铜矿因矿震暂停井下作业的相关进展情况。\n\n"
        "根据公告，铜矿西区井下工作于2025年6月7日恢复。"
    )
    got = signals("r.txt", resumed)
    # before: the update on the halt read as a new halt, and the resumption gave no day
    assert [(s["measure"], s["direction"], s["effective"]) for s in got] == [
        ("production_cut", -1, "2025-06-07")
    ]


def test_answers_to_investors_commit_no_money() -> None:
    answer = (
        "1月12日，某公司在互动平台回答投资者提问时表示，子公司已取得锂矿采矿许可证，"
        "未来将努力在2027年上半年建成投产。"
    )
    assert measures("a.txt", answer) == []
    built = "2025年1月12日，某公司公告，投资20亿元新建锂盐工厂。"
    assert measures("a.txt", built) == [("investment", -1, ("Li",))]


SAFEGUARD = (
    "---\npublished: 2025-11-19\n---\n"
    "The European Commission has imposed definitive safeguard measures on imports of ferromanganese and "
    "ferrosilicon.\n\n"
    "The safeguard introduces country-specific tariff-rate quotas, limiting duty-free import volumes.\n\n"
    "Imports within the quota enter the EU duty-free."
)


def test_a_safeguard_with_tariff_rate_quotas_is_one_tariff() -> None:
    # before: no signal at all (neither the safeguard nor the ferroalloys were read)
    assert measures("s.md", SAFEGUARD) == [("tariff", 1, ("Mn", "Si"))]
    quota = (
        "---\npublished: 2025-11-19\n---\nThe ministry set an export quota of 10,000 tonnes for ferrosilicon."
    )
    assert [m for m, _, _ in measures("s.md", quota)] == ["quota"]


def test_mount_is_no_sentence_end_and_suspended_spending_commits_nothing() -> None:
    text = (
        "Arcadium Lithium announced it will place the Mt Cattlin lithium mine on care and maintenance "
        "in 2025. "
        "It will suspend waste stripping and other preparational work for its stage 4 operations at the Mt. "
        "Cattlin mine, along with any expenditure related to expansion."
    )
    assert measures("m.md", text) == [("production_cut", 1, ("Li",))]


BISMUTH = (
    "The U.S. Defense Logistics Agency is planning to buy five million pounds of bismuth metal for the "
    "national stockpile over the next five years, it said on 15 September 2025.\n"
    "China has increasingly used export restrictions to tighten control over exports of critical minerals "
    "including gallium and germanium.\n"
    "Its restrictions typically take the form of licensing requirements, quotas and outright bans on certain "
    "exports."
)


def test_a_text_written_one_paragraph_to_a_line() -> None:
    # before: one paragraph, so the background on China's controls was read as the text's acts, and the
    # planned purchase as a hedge
    assert measures("b.md", BISMUTH) == [("stockpiling", 1, ("Bi",))]
    ban = "The government is planning to introduce a ban on the export of bismuth from 1 January 2026."
    assert measures("b.md", ban) == []


def test_a_list_under_its_opener_stays_one_paragraph() -> None:
    text = (
        "On 31 October 2025 the minister announced 26 new investments and measures to unlock $6.4 billion of "
        "critical minerals projects. These include:\n"
        "  • Mobilizing public and private capital for graphite and scandium production.\n"
        "  • Entering offtake arrangements between the Government of Canada and producers for graphite and "
        "scandium for the national reserve."
    )
    assert sorted(m for m, _, _ in measures("c.md", text)) == ["investment", "stockpiling"]


def test_a_call_to_work_together_is_no_act() -> None:
    speech = (
        "---\npublished: 2023-02-23\n---\n"
        "“We have to work with like-minded economies to invest in our lithium and cobalt development,” "
        "she said."
    )
    assert measures("k.md", speech) == []
    invested = (
        "---\npublished: 2023-02-23\n---\nThe government will invest A$500 million in a lithium refinery."
    )
    assert measures("k.md", invested) == [("investment", -1, ("Li",))]


def test_a_suspicion_is_a_hedge() -> None:
    text = "2025年5月17日，某投资银行主管怀疑政府正在迫使铝土矿企业投资本地的氧化铝厂。"
    assert measures("s.txt", text) == []
