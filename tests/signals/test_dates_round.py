"""The dates round (2026-11-28 evening): general mechanisms for the dates of signals that are otherwise right,
each on hand-written texts with a counter-example."""

from __future__ import annotations

from reechain.signals.extract import extract
from reechain.signals.reading import read_document


def dates(name: str, text: str) -> list[tuple[object, object]]:
    return [
        (s["announced"], s["effective"])
        for s in (x.as_json() for x in extract(read_document(name, text.encode("utf-8"))))
    ]


# a verb of the act written right after its day, and a decision reported on a day


def test_a_notice_of_the_evening_before_dates_the_act() -> None:
    text = (
        "---\npublished: 2022-03-09\n---\n"
        "【某财经网】国家储备局将于近日投放今年第一批国家储备铜。\n\n"
        "国储局3月8日晚间公告，将投放第一批国家储备，投放铜2万吨。\n"
    )
    assert dates("zh.txt", text) == [("2022-03-08", None)]


def test_a_final_determination_on_a_day_dates_the_act() -> None:
    text = "---\npublished: 2026-02-14\n---\n美国商务部11日最终确认，对进口石墨加征反倾销关税。\n"
    assert dates("zh.txt", text) == [("2026-02-11", None)]


def test_a_decision_reported_on_a_day_dates_the_act() -> None:
    text = (
        "---\npublished: 2007-05-30\n---\n"
        "China will raise export taxes on tungsten products, the state newspaper reported on May 29.\n"
    )
    assert dates("en.md", text)[0][0] == "2007-05-29"


def test_a_notice_named_in_the_sentence_dates_nothing() -> None:
    # 公告 as the name of a notice, not a verb after a day: the report's date stays
    text = (
        "---\npublished: 2022-03-09\n---\n"
        "根据3月2日的商务部公告第5号所列，国家储备局近日将投放国家储备铜2万吨。\n"
    )
    assert dates("zh.txt", text) == [("2022-03-09", None)]


# the weekday of the news in a report's first paragraph, told in a letter; a start "from" that weekday


def test_a_letter_told_on_the_day_before_dates_the_act_and_its_start() -> None:
    text = (
        "---\npublished: 2019-11-26\n---\n"
        "The Kamoto mine has suspended operations due to a shortage of acid, its operator told employees "
        "in a letter on Monday.\n\n"
        "The suspension, effective from Monday, comes a month before the mine was to close for copper and "
        "cobalt.\n"
    )
    assert dates("en.md", text) == [("2019-11-25", "2019-11-25")]


def test_a_weekday_told_later_in_the_report_leaves_the_reports_date() -> None:
    text = (
        "---\npublished: 2019-11-26\n---\n"
        "The Kamoto mine has suspended operations due to a shortage of acid.\n\n"
        "A director of the city's mining bureau told reporters on Monday that another county has also "
        "suspended cobalt production.\n"
    )
    assert {a for a, _ in dates("en.md", text)} == {"2019-11-26"}


def test_a_weekday_said_without_on_dates_the_act() -> None:
    text = (
        "---\npublished: 2024-05-18\n---\n"
        "The company secured a $20 million award to expand manganese production, the ministry said Friday.\n"
    )
    assert dates("en.md", text) == [("2024-05-17", None)]


# a measure said to act at once (立即) is in force from its announcement, unless the sentence gives a start


def test_an_immediate_halt_is_effective_on_its_announcement() -> None:
    text = "---\npublished: 2019-10-29\n---\n(雅加达29日讯)某国矿业部长周一披露，将立即停止镍矿出口。\n"
    assert dates("zh.txt", text) == [("2019-10-28", "2019-10-28")]


def test_an_immediate_halt_with_a_start_keeps_the_start() -> None:
    text = "---\npublished: 2019-10-29\n---\n某国政府宣布，将自2019年11月1日起立即停止镍矿出口。\n"
    assert dates("zh.txt", text) == [("2019-10-29", "2019-11-01")]


def test_an_immediate_halt_with_a_start_elsewhere_keeps_that_start() -> None:
    text = (
        "---\npublished: 2011-09-06\n---\n"
        "某省自2011年8月1日起停止全省稀土开采。\n"
        "对不符合要求的稀土企业责令立即停产。\n"
    )
    assert {e for _, e in dates("zh.txt", text)} == {"2011-08-01"}


# a reposted Chinese notice is dated by its signature, a body's line and the full date on the last line


def test_a_notices_signature_dates_the_act() -> None:
    text = (
        "---\npublished: 2016-08-30\n---\n"
        "各盟市国土资源局：\n"
        "现将2016年度钨矿开采总量控制指标下达你们，全年控制指标1500吨，请一并组织实施。\n"
        "内蒙古自治区国土资源厅\n"
        "2016年8月22日\n"
    )
    assert dates("zh.txt", text) == [("2016-08-22", None)]


def test_a_signature_far_before_the_page_leaves_the_pages_date() -> None:
    text = (
        "---\npublished: 2016-08-30\n---\n"
        "各盟市国土资源局：\n"
        "现将2016年度钨矿开采总量控制指标下达你们，全年控制指标1500吨，请一并组织实施。\n"
        "内蒙古自治区国土资源厅\n"
        "2015年8月22日\n"
    )
    assert dates("zh.txt", text) == [("2016-08-30", None)]


# a Chinese start given by a weekday of this week or the next


def test_a_start_from_this_weeks_weekday_is_effective() -> None:
    text = "---\npublished: 2011-10-20\n---\n包钢稀土从本周三起停产一个月。\n"
    assert dates("zh.txt", text) == [("2011-10-20", "2011-10-19")]


def test_a_start_from_next_weeks_weekday_is_effective() -> None:
    text = "---\npublished: 2011-10-20\n---\n包钢稀土宣布，自下周一起停产一个月。\n"
    assert dates("zh.txt", text) == [("2011-10-20", "2011-10-24")]


# a measure said to take hold in a later month and year starts on the first of that month


def test_operations_to_be_suspended_in_a_later_month_start_on_its_first() -> None:
    text = (
        "---\npublished: 2024-07-11\n---\n"
        "The company has announced a decision to temporarily suspend its nickel operations. "
        "The transition period will commence from July 2024. Operations will be suspended in October 2024.\n"
    )
    assert dates("en.md", text) == [("2024-07-11", "2024-10-01")]


def test_a_month_already_past_is_no_start() -> None:
    text = (
        "---\npublished: 2024-07-11\n---\n"
        "The company has announced a decision to temporarily suspend its nickel operations; output "
        "will be halted in March 2024 figures.\n"
    )
    assert dates("en.md", text) == [("2024-07-11", None)]


def test_a_report_opening_on_the_day_a_document_was_issued_is_dated_that_day() -> None:
    # the convention settled between sets 6 and 15: announced is the day the act was issued when the text
    # says it, up to a month before the report
    head = "---\npublished: 2015-02-27\n---\n"
    issued = head + (
        "2月13日，工信部会同七部门联合下发《关于进一步查处稀土违法违规行为的函》，要求查处稀土违法违规行为。"
    )
    assert [a for a, _ in dates("i.txt", issued)] == ["2015-02-13"]
    # a day that opens on something other than issuing a document leaves the report's date
    visited = head + "2月13日，工信部负责人在赣州调研，要求查处稀土违法违规行为。"
    assert [a for a, _ in dates("i.txt", visited)] == ["2015-02-27"]
    # an issuing day more than a month before the report is history, not the report's act
    old = "---\npublished: 2015-04-27\n---\n" + issued.removeprefix(head)
    assert [a for a, _ in dates("i.txt", old)] == ["2015-04-27"]


def test_said_in_a_post_on_the_day_after_a_report_dated_behind_it() -> None:
    # "BEIJING, March 14 (Reuters) - … the research house said in a post on Thursday" on a page dated the day
    # before in US time: the news is Thursday's
    head = "---\npublished: 2024-03-13\n---\n"
    post = head + (
        "Major copper smelters agreed to cut output in a meeting, "
        "the research house said in a post on Thursday.\n"
    )
    assert [a for a, _ in dates("en.md", post)] == ["2024-03-14"]
    # a weekday two days off is another day's news: the page's date stands
    later = post.replace("Thursday", "Friday")
    assert [a for a, _ in dates("en.md", later)] == ["2024-03-13"]
    # a post named without a weekday dates nothing
    undated = post.replace(" on Thursday", "")
    assert [a for a, _ in dates("en.md", undated)] == ["2024-03-13"]


def test_a_datelines_weekday_picks_its_year_among_the_years_named() -> None:
    # no publication date; the year named nearest the dateline is the plant's first year, not the report's:
    # 9 January was a Tuesday in 2024 (beside 2023 and 2025), not in 1963
    body = (
        "美国铝业:今年将关闭旗下Kwinana氧化铝精炼厂\n\n"
        "据外电1月9日消息,美国铝业周二称,计划今年停止旗下Kwinana氧化铝精炼厂的生产。\n"
        "该氧化铝精炼厂在1963年投产,预计今年第三季度将停产。\n"
        "在2025年第三季度,该厂的雇员将进一步削减。\n"
        "该氧化铝精炼厂2023年净亏损约1.3亿美元。\n"
        "美国铝业执行副总裁称,上述关停决定是在考虑到设备使用年限和运营成本之后做出的。\n"
    )
    assert [a for a, _ in dates("a.txt", body)] == ["2024-01-09"]
    # a weekday that fits the year named nearest leaves that year (9 January 1963 was a Wednesday)
    assert [a for a, _ in dates("a.txt", body.replace("周二称", "周三称"))] == ["1963-01-09"]
    # without the weekday nothing says the nearest year is wrong
    assert [a for a, _ in dates("a.txt", body.replace("周二称", "称"))] == ["1963-01-09"]
    # a weekday said elsewhere than in the dateline's sentence dates nothing
    later = body.replace("周二称", "称").replace("预计今年", "公司周二表示,预计今年")
    assert [a for a, _ in dates("a.txt", later)] == ["1963-01-09"]


def test_a_day_far_from_any_year_takes_the_year_named_with_its_month() -> None:
    # no publication date; the years named are four sentences off, but one of them is named with the month
    # of the day: 1 November is of 2024
    text = (
        "11月1日,金石资源公告称,子公司金昌矿业收到应急管理局决定书,要求停产整顿,萤石矿停止生产。\n"
        "金石资源表示,公司积极配合调查。\n"
        "公告显示,金昌矿业总资产为2.51亿元。\n"
        "金昌矿业净资产7750.04万元。\n"
        "金昌矿业2023年度营业收入2.07亿元。\n"
        "本次停产将对金昌矿业近期的产量造成一定的影响(金昌矿业2024年11月份原计划生产萤石精矿约220吨/天)。\n"
    )
    assert [a for a, _ in dates("j.txt", text)] == ["2024-11-01"]
    # a year named with another month says nothing of November: the day stays undated
    other = text.replace("2024年11月份", "2024年12月份")
    assert [a for a, _ in dates("j.txt", other)] == [None]
    # two years named with November leave it undated too
    both = text.replace("金昌矿业2023年度营业收入", "金昌矿业2023年11月营业收入")
    assert [a for a, _ in dates("j.txt", both)] == [None]
