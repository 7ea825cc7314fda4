"""General mechanisms drawn from the twenty-eighth and twenty-ninth held-out sets' misses (licences received
or promised to compliant applicants, an end date, permits revoked, projects launched, a price service's
report), on hand-written texts with counter-examples."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.domain.elements import ELEMENT_SYMBOLS

from .reading import measures, signals

HEAD = "---\npublished: 2025-10-31\n---\n"
REE = tuple(sorted(ELEMENT_SYMBOLS))


def test_licences_received_from_the_exporting_country_are_licences_granted() -> None:
    text = HEAD + "Four Indian companies have received licences from China to import rare-earth magnets.\n"
    assert measures("l.md", text) == [("export_licence", -1, REE)]
    other = HEAD + "Four Indian companies have received licences to purchase rare-earth magnets from China.\n"
    assert measures("l.md", other) == [("export_licence", -1, REE)]
    # a licence of one's own government to import is no licence of the exporting country's
    own = HEAD + "Four Indian companies have received licences to import rare-earth magnets.\n"
    assert measures("l.md", own) == []


def test_compliant_applications_to_be_approved_are_licences_flowing() -> None:
    text = HEAD + "商务部12日表示，只要是用于民用用途的、合规的稀土出口申请，都可以获得批准。\n"
    assert measures("c.txt", text) == [("export_licence", -1, REE)]
    english = HEAD + "The ministry said compliant applications for rare earth exports will be approved.\n"
    assert measures("c.md", english) == [("export_licence", -1, REE)]
    # applications that must be approved are the licence requirement, not licences flowing
    required = HEAD + "商务部12日宣布，稀土出口须向商务部提出申请，经批准后方可出口。\n"
    assert ("export_licence", -1, REE) not in measures("c.txt", required)


def test_a_threat_later_in_the_first_sentence_does_not_make_the_document_undecided() -> None:
    text = (
        HEAD
        + "中国9日宣布对稀土物项实施出口管制，引起美国强烈不满，扬言加征100%关税反制。\n"
        + "商务部12日说，中国的出口管制不是禁止出口，对符合规定的稀土出口申请将予以许可。\n"
    )
    assert ("export_licence", -1, REE) in measures("t.txt", text)
    # a threat that leads to the measure's clause still makes it undecided
    threat = HEAD + "美国扬言，将对中国稀土产品加征100%关税。\n美方表示，关税将对稀土产品加征。\n"
    assert measures("t.txt", threat) == []


def test_the_act_the_news_follows_is_background() -> None:
    text = (
        HEAD
        + "Four Indian companies have received licences from China to import rare-earth magnets.\n\n"
        + "The move follows China's October 9 announcement of new export restrictions on rare earths.\n"
    )
    assert measures("f.md", text) == [("export_licence", -1, REE)]
    own = HEAD + "China on October 9 announced new export restrictions on rare earths.\n"
    assert [m for m, _, _ in measures("f.md", own)] == ["export_control"]


def test_a_day_after_until_ends_the_measure_and_does_not_start_it() -> None:
    text = (
        "---\npublished: 2025-07-14\n---\n"
        "The commission approved a ban on the export of copper ingots from Kazakhstan until Dec. 31, 2025.\n"
    )
    [ban] = [s for s in signals("k.md", text) if s["measure"] == "ban"]
    assert ban["effective"] is None and ban["until"] == "2025-12-31"
    start = text.replace("until Dec. 31, 2025", "from Aug. 1, 2025")
    [ban] = [s for s in signals("k.md", start) if s["measure"] == "ban"]
    assert ban["effective"] == "2025-08-01"


def test_revocation_of_mining_business_permits_is_a_production_cut() -> None:
    text = (
        HEAD
        + "The government announced the revocation of nickel mining business permits for four companies.\n"
    )
    assert measures("r.md", text) == [("production_cut", 1, ("Ni",))]
    granted = text.replace("the revocation of", "the issuance of")
    assert measures("r.md", granted) == []


def test_blocks_of_graphite_are_no_blocking() -> None:
    text = (
        HEAD
        + "The Commission made imports of artificial graphite in blocks or cylinders from China subject to"
        + " registration.\n"
    )
    assert "ban" not in [m for m, _, _ in measures("b.md", text)]
    blocked = HEAD + "Customs blocked imports of artificial graphite from China.\n"
    assert "ban" in [m for m, _, _ in measures("b.md", blocked)]


def test_projects_launched_or_ground_broken_are_investments() -> None:
    text = (
        "---\npublished: 2025-03-01\n---\n"
        "2月28日，中国稀土集团重点项目启动大会在赣州召开，三大稀土冶炼分离项目同时按下“启动键”。\n"
    )
    [s] = signals("p.txt", text)
    assert (s["measure"], s["direction"], tuple(s["elements"])) == ("investment", -1, REE)
    assert s["announced"] == "2025-02-28"  # the launch meeting's day, not the page's
    english = HEAD + "The company broke ground on its new lithium refinery on Thursday.\n"
    assert measures("g.md", english) == [("investment", -1, ("Li",))]
    # a forum or a conference commits nothing
    forum = HEAD + "2025稀土产业论坛在赣州召开，与会代表讨论了稀土冶炼分离项目的投资。\n"
    assert measures("f.txt", forum) == []


def test_a_price_services_daily_report_is_a_price_report() -> None:
    text = (
        "长江有色金属网数据显示，2025年10月16日，长江综合1#钨粉均价报612500元/吨，与前一交易日持平。\n"
        "国内资源管控力度持续加码，2025年度第一批钨矿开采总量控制指标为58000吨，同比下降6.45%。\n"
    )
    assert measures("w.txt", text) == []
    # the same quota told in a text that does not open on the day's prices is a quota
    news = text.split("\n", 1)[1]
    assert [m for m, _, _ in measures("w.txt", news)] == ["quota"]


def test_a_start_on_the_day_just_named_is_that_day() -> None:
    text = (
        "---\npublished: 2024-07-02\n---\n"
        "西藏矿业6月30日晚发布公告称，公司扎布耶二期碳酸锂项目于当日开始试生产，待项目全面投产后，公司将新增电池级碳酸锂9600吨/年。\n"
    )
    [s] = signals("z.txt", text)
    assert s["measure"] == "investment" and s["effective"] == "2024-06-30"


def test_a_statement_is_dated_on_the_day_its_speaker_spoke() -> None:
    text = (
        "---\npublished: 2025-10-12\n---\n"
        "中国大陆9日宣布对稀土物项实施出口管制，引起美国强烈不满，扬言加征100%关税反制。\n"
        "对此，大陆商务部12日解释，只要是用于民用用途的、合规的出口申请，都可以获得批准。\n"
    )
    [s] = [x for x in signals("s.txt", text) if x["measure"] == "export_licence"]
    assert s["direction"] == -1 and s["announced"] == "2025-10-12"


@settings(max_examples=40, deadline=None)
@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2029, 12, 31)),
    days=st.integers(min_value=1, max_value=900),
)
def test_a_ban_from_one_day_until_another_starts_on_the_first_and_ends_on_the_second(
    start: date, days: int
) -> None:
    end = start + timedelta(days=days)

    def written(d: date) -> str:
        return f"{d.day} {d.strftime('%B')} {d.year}"

    text = (
        f"---\npublished: {start.isoformat()}\n---\n"
        f"The government banned the export of copper ingots from {written(start)} until {written(end)}.\n"
    )
    [ban] = [s for s in signals("k.md", text) if s["measure"] == "ban"]
    assert (ban["effective"], ban["until"]) == (start.isoformat(), end.isoformat())
