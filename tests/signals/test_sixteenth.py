"""The mechanisms drawn from the sixteenth held-out set's misses, each on hand-written texts with
counter-examples: government money in any currency and Chinese grants as investment."""

from __future__ import annotations

from .reading import measures, signals

# government money: backing of an amount, spending in any currency, Chinese grants


def test_backing_of_a_stated_amount_is_investment() -> None:
    text = (
        "---\npublished: 2023-05-10\n---\n"
        "The project won state backing of $80 million for its lithium mine.\n"
    )
    assert measures("en.md", text) == [("investment", -1, ("Li",))]


def test_a_government_spending_yen_on_a_purpose_is_investment() -> None:
    text = (
        "---\npublished: 2024-03-01\n---\n"
        "The government said Friday that it will spend 12 billion yen to support cobalt refining abroad.\n"
    )
    assert measures("en.md", text) == [("investment", -1, ("Co",))]


def test_spending_without_a_purpose_clause_is_no_investment() -> None:
    text = "---\npublished: 2024-03-01\n---\nHouseholds spend 12 billion yen a year on cobalt jewellery.\n"
    assert measures("en.md", text) == []


def test_a_chinese_grant_of_an_amount_is_investment() -> None:
    text = "---\npublished: 2021-05-20\n---\n国防部5月18日表示，已向该公司拨款500万美元，以帮助其加工镓。\n"
    assert measures("zh.txt", text) == [("investment", -1, ("Ga",))]


def test_a_suspension_of_other_goods_does_not_withhold_a_grant() -> None:
    text = (
        "---\npublished: 2024-03-01\n---\n"
        "The government said Friday that it will spend 12 billion yen to support cobalt refining abroad.\n\n"
        "It will also help fishermen hurt by the suspension of imports of their catch.\n"
    )
    assert measures("en.md", text) == [("investment", -1, ("Co",))]


# money not committed: a negated commitment, a hedge, a policy of courting investment, a restated stance


def test_a_document_that_commits_no_loan_is_no_investment() -> None:
    text = "---\npublished: 2019-07-16\n---\n报道称，这份文件没有直接承诺向稀土开采项目提供贷款。\n"
    assert measures("zh.txt", text) == []


def test_money_perhaps_invested_is_no_investment() -> None:
    text = "---\npublished: 2019-07-16\n---\n军方或许可以通过投资来解决稀土生产的短板。\n"
    assert measures("zh.txt", text) == []


def test_a_reaffirmed_policy_of_encouraging_foreign_investment_is_no_investment() -> None:
    text = "---\npublished: 2025-10-29\n---\n他重申，该国将鼓励外国投资，以进行稀土原料的开采和加工。\n"
    assert measures("zh.txt", text) == []
    english = (
        "---\npublished: 2025-10-29\n---\n"
        "The minister said the country will encourage foreign investment in lithium mining and processing.\n"
    )
    assert measures("en.md", english) == []


def test_a_committed_investment_beside_them_is_still_investment() -> None:
    text = "---\npublished: 2025-10-29\n---\n该公司宣布投资10亿元新建稀土分离厂。\n"
    assert measures("zh.txt", text) and measures("zh.txt", text)[0][0] == "investment"


# the rare earths a plant financed will produce


def test_an_award_for_a_rare_earth_plant_takes_the_elements_it_will_produce() -> None:
    text = (
        "---\npublished: 2021-10-06\n---\n"
        "The department awarded US$20 million for a rare earth separation demonstration plant.\n\n"
        "The company is a subrecipient in the project.\n\n"
        "The planned demonstration plant will produce neodymium and praseodymium oxide for magnets.\n"
    )
    assert measures("en.md", text) == [("investment", -1, ("Nd", "Pr"))]


def test_an_award_for_a_rare_earth_plant_with_no_product_named_stays_rare_earths() -> None:
    text = (
        "---\npublished: 2021-10-06\n---\n"
        "The department awarded US$20 million for a rare earth separation demonstration plant.\n\n"
        "Neodymium prices rose this week.\n"
    )
    assert len(measures("en.md", text)[0][2]) == 17


# one quota cut, others kept unchanged


def test_a_quota_cut_beside_quotas_kept_unchanged_is_two_signals() -> None:
    text = (
        "---\npublished: 2012-11-02\n---\n"
        "商务部调降明年锡出口配额5.6%至17,000吨。\n\n"
        "商务部维持钨、钼和锑出口配额不变。\n"
    )
    assert measures("zh.txt", text) == [("quota", 0, ("Mo", "Sb", "W")), ("quota", 1, ("Sn",))]


def test_quotas_only_kept_unchanged_are_one_signal() -> None:
    text = (
        "---\npublished: 2012-11-02\n---\n"
        "商务部下达2013年第一批钨出口配额15000吨。\n\n"
        "商务部维持钼出口配额不变。\n"
    )
    assert measures("zh.txt", text) == [("quota", 0, ("Mo", "W"))]


# dates: a notice's own issue date over a repost's


def test_an_issue_date_field_dates_a_reposted_notice() -> None:
    text = (
        "---\npublished: 2012-12-26\n---\n"
        "【发布单位】中华人民共和国商务部\n【发布日期】2012-12-21\n\n"
        "现下达2013年第一批钨出口配额15000吨。\n"
    )
    assert [x["announced"] for x in signals("zh.txt", text)] == ["2012-12-21"]


def test_an_issue_date_field_after_the_page_date_is_ignored() -> None:
    text = (
        "---\npublished: 2012-12-26\n---\n【发布日期】2013-01-05\n\n现下达2013年第一批钨出口配额15000吨。\n"
    )
    assert [x["announced"] for x in signals("zh.txt", text)] == ["2012-12-26"]


# dates: a Chinese newswire dateline


def test_a_newswire_dateline_dates_the_news() -> None:
    text = (
        "---\npublished: 2012-11-02\n---\n"
        "据北京11月1日消息，中国商务部在一份声明中称，中国调降2013年锡出口配额。\n"
    )
    assert [x["announced"] for x in signals("zh.txt", text)] == ["2012-11-01"]


def test_a_dateline_of_the_year_before_is_read_across_new_year() -> None:
    text = "---\npublished: 2013-01-02\n---\n据北京12月30日消息，中国商务部称，中国调降2013年锡出口配额。\n"
    assert [x["announced"] for x in signals("zh.txt", text)] == ["2012-12-30"]


# dates: a weekday next to the report's own


def test_a_statement_of_the_day_before_dates_the_news() -> None:
    text = (
        "---\npublished: 2025-01-08\n---\n"
        "The government said in a Tuesday statement it will invest $800 million in lithium projects.\n"
    )
    assert [x["announced"] for x in signals("en.md", text)] == ["2025-01-07"]


def test_said_on_the_day_after_a_report_dated_behind_it() -> None:
    text = (
        "---\npublished: 2021-07-21\n---\n"
        "The company said on Thursday it got a A$14.8 million grant to refine cobalt.\n"
    )
    assert [x["announced"] for x in signals("en.md", text)] == ["2021-07-22"]


def test_a_weekday_further_off_leaves_the_report_date() -> None:
    text = (
        "---\npublished: 2021-07-21\n---\n"
        "The company said on Saturday it got a A$14.8 million grant to refine cobalt.\n"
    )
    assert [x["announced"] for x in signals("en.md", text)] == ["2021-07-21"]
