"""The mechanisms drawn from the fourteenth held-out set's misses, each on hand-written texts with
counter-examples: a pause on new mining rights as a ban and its end, a suspended mine as a halt of
production, the past perfect of reported speech."""

from __future__ import annotations

from reechain.signals.vocabulary import REE

from .reading import measures, signals

# a pause on new mining or exploration rights


def test_a_pause_on_accepting_mining_right_applications_is_a_ban() -> None:
    text = (
        "---\npublished: 2019-03-02\n---\n"
        "自然资源部通知，2020年底前继续暂停受理新的锑矿勘查、开采登记申请。\n"
    )
    assert measures("zh.txt", text) == [("ban", 1, ("Sb",))]
    granting = "---\npublished: 2019-03-02\n---\n该部决定暂停出让登记钼矿矿业权。\n"
    assert measures("zh.txt", granting) == [("ban", 1, ("Mo",))]


def test_a_freeze_on_new_mining_licences_is_a_ban_but_a_pause_of_a_meeting_is_nothing() -> None:
    text = (
        "---\npublished: 2022-05-10\n---\n"
        "The ministry froze the granting of new mining licences for lithium.\n"
    )
    assert measures("en.md", text) == [("ban", 1, ("Li",))]
    other = "---\npublished: 2022-05-10\n---\nThe lithium committee paused its meeting on new rules.\n"
    assert all(m[0] != "ban" for m in measures("en.md", other))


def test_mining_rights_no_longer_paused_lift_the_ban() -> None:
    text = "---\npublished: 2016-07-01\n---\n根据通知，锑矿的勘查、开采登记不再暂停，可按规定程序办理。\n"
    assert measures("zh.txt", text) == [("ban", -1, ("Sb",))]


# a suspended mine halts production


def test_a_government_suspending_a_mine_halts_production_and_its_order_to_halt_exports_is_a_ban() -> None:
    text = (
        "---\ntitle: Government suspends the country's only producing cobalt mine\n"
        "published: 2021-07-26\n---\n"
        "Government suspends the country's only producing cobalt mine\n\n"
        "The minister said the government had ordered the company to halt exports of cobalt concentrate "
        "until the dispute was settled.\n"
    )
    assert measures("en.md", text) == [("ban", 1, ("Co",)), ("production_cut", 1, ("Co",))]


def test_a_recalled_order_keeps_its_recall_cue_in_reported_speech() -> None:
    text = (
        "---\ntitle: Government suspends the country's only producing cobalt mine\n"
        "published: 2021-07-26\n---\n"
        "Government suspends the country's only producing cobalt mine\n\n"
        "The minister said the government had previously ordered the company to halt exports of cobalt.\n"
    )
    assert measures("en.md", text) == [("production_cut", 1, ("Co",))]


# money for a project


def test_money_received_for_a_project_in_chinese_is_investment() -> None:
    text = (
        "---\npublished: 2025-08-15\n---\n该锂矿公司从国家开发银行获得了5亿元的贷款，用于扩建其锂矿项目。\n"
    )
    assert measures("zh.txt", text) == [("investment", -1, ("Li",))]
    laid_out = "---\npublished: 2025-08-15\n---\n日本政府斥资3亿美元支持澳大利亚镓项目。\n"
    assert measures("zh.txt", laid_out) == [("investment", -1, ("Ga",))]


def test_money_secured_from_a_state_body_is_investment_and_a_battery_chemistry_names_no_element() -> None:
    text = (
        "---\npublished: 2024-05-20\n---\n"
        "Kestrel has secured $20 million in funding from the Department of Defense to produce battery-grade "
        "manganese for cobalt-based batteries.\n"
    )
    assert measures("en.md", text) == [("investment", -1, ("Mn",))]


def test_goods_described_as_subject_to_a_measure_are_no_act_but_a_dated_future_one_is() -> None:
    text = (
        "---\npublished: 2025-05-15\n---\n"
        "Kestrel has secured $18.4 million in funding from the Department of Defense to advance its gallium "
        "recovery plant. Gallium and germanium are currently bound to export controls by China.\n"
    )
    assert measures("en.md", text) == [("investment", -1, ("Ga",))]
    future = "---\npublished: 2023-07-03\n---\nFrom 1 August, gallium will be subject to export controls.\n"
    assert measures("en.md", future) == [("export_control", 1, ("Ga",))]


def test_an_investment_in_a_named_company_takes_the_elements_the_text_gives_that_company() -> None:
    text = (
        "---\npublished: 2010-11-24\n---\n"
        "Trading house Alpha said it has signed a rare earth procurement deal with Australian miner Kestrel "
        "Corp.\n\nAlpha and a state agency will together invest up to $50 million to finance a Kestrel "
        "expansion project, Alpha said.\n"
    )
    assert measures("en.md", text) == [("investment", -1, tuple(sorted(REE)))]


# what is not a measure announced


def test_a_measure_once_taken_is_history_even_with_its_date() -> None:
    text = (
        "---\npublished: 2015-04-10\n---\n工信部下达2015年钨生产总量控制计划。"
        "其中，曾在去年7月1日停产半年的某钨冶炼厂分得了3000吨的量。\n"
    )
    assert measures("zh.txt", text) == [("quota", 0, ("W",))]


def test_a_debated_plan_is_not_a_measure_and_pinyin_glosses_do_not_split_words() -> None:
    text = (
        "---\npublished: 2010-01-13\n---\n"
        "记者调查发现，业界对锑行业收储和出口管理计划是否存在问题争议颇多。\n"
    )
    assert measures("zh.txt", text) == []
    glossed = (
        "---\npublished: 2010-01-13\n---\n"
        "记者调查发现，业界对锑行业收储和出口管理计划是否存在问题爭(zhēng)議頗多。\n"
    )
    assert measures("zh.txt", glossed) == []
    decided = "---\npublished: 2010-01-13\n---\n国家物资储备局决定收储锑锭5000吨。\n"
    assert measures("zh.txt", decided) == [("stockpiling", 1, ("Sb",))]


def test_a_state_policy_named_as_what_moves_the_market_is_no_signal() -> None:
    text = (
        "---\npublished: 2010-05-13\n---\n"
        "另一方面，受国家收储政策影响，零售商对后市钨价格看好，大多惜货待售。\n"
    )
    assert measures("zh.txt", text) == []


def test_a_quota_cited_as_a_condition_sets_none_but_a_regime_of_total_control_is_one() -> None:
    text = (
        "---\npublished: 2015-12-14\n---\n"
        "通知明确，申请新设钨矿采矿权，应符合开采总量控制要求，具有开采总量控制指标且不突破指标设置。\n"
    )
    assert measures("zh.txt", text) == []
    regime = "---\npublished: 2024-06-29\n---\n第十二条 国家对钨开采和冶炼实行总量调控，并优化动态管理。\n"
    assert measures("zh.txt", regime) == [("quota", 0, ("W",))]


# dates


def test_a_measure_in_force_a_season_before_the_text_is_history_a_month_before_is_news() -> None:
    review = (
        "---\npublished: 2024-01-25\n---\n"
        "The Ministry of Commerce announced export controls on gallium on July 3. The rules came into force "
        "on August 1, 2023.\n"
    )
    assert measures("en.md", review) == []
    news = review.replace("2024-01-25", "2023-08-20")
    assert measures("en.md", news) == [("export_control", 1, ("Ga",))]


def test_a_notice_dated_in_full_before_the_report_gives_the_announcement_and_its_start() -> None:
    text = (
        "---\npublished: 2012-01-12\n---\n"
        "2011年12月9日，国家关税税则委员会下发通知，公布了《2012年出口关税实施方案》，该方案自2012年1月1日实施，"
        "将对钨制品新征收20%的出口关税。\n"
    )
    (sig,) = signals("zh.txt", text)
    assert (sig["measure"], sig["elements"]) == ("tariff", ["W"])
    assert (str(sig["announced"]), str(sig["effective"])) == ("2011-12-09", "2012-01-01")


def test_an_older_full_date_does_not_replace_an_act_of_the_report_s_own_days() -> None:
    text = (
        "---\npublished: 2011-07-14\n---\n"
        "商务部14日公布2011年第二批钨出口配额，共计15738吨。"
        "此前，商务部已于2010年12月28日公布2011年首批钨出口配额。\n"
    )
    assert [str(s["announced"]) for s in signals("zh.txt", text)] == ["2011-07-14"]


def test_only_the_quotas_that_change_are_the_signal_s_elements() -> None:
    text = (
        "---\npublished: 2013-08-28\n---\n"
        "国土资源部确定2013年度钨矿、锑矿开采总量控制指标：钨矿开采总量控制指标维持2012年水平；"
        "锑矿开采总量控制指标适度调减。\n"
    )
    assert measures("zh.txt", text) == [("quota", 1, ("Sb",))]
    both = text.replace("维持2012年水平", "比2012年增加5%")
    assert [m[:2] for m in measures("zh.txt", both)] == [("quota", -1)]


def test_an_undated_text_s_act_is_dated_below_the_paper_s_own_date() -> None:
    text = (
        "【经济参考报 2013年8月28日】国土资源部27日发布消息"
        "，下达2013年度锑矿开采总量控制指标，比上年减少5%。\n"
    )
    (sig,) = signals("zh.txt", text)
    assert (sig["measure"], str(sig["announced"])) == ("quota", "2013-08-27")


def test_an_anti_dumping_duty_in_chinese_is_a_tariff() -> None:
    text = (
        "---\npublished: 2005-07-30\n---\n"
        "欧盟理事会28日发布公告，决定对原产于中国的碳化钨等产品征收反倾销税。\n"
    )
    assert measures("zh.txt", text) == [("tariff", 1, ("W",))]


def test_the_next_sentence_that_goes_on_supplies_rare_earths_at_large() -> None:
    text = (
        "---\npublished: 2022-06-23\n---\n"
        "The province announced $20 million in new funding for the Saskatoon facility on Thursday. The "
        "facility will produce rare earth metals.\n"
    )
    assert measures("en.md", text) == [("investment", -1, tuple(sorted(REE)))]


def test_a_power_to_set_quotas_later_and_a_study_under_way_are_no_measure() -> None:
    text = "---\npublished: 2025-06-03\n---\n自2025年7月9日起，美方可根据协议条款制定铝的进口配额。\n"
    assert measures("zh.txt", text) == []
    study = (
        "---\npublished: 2025-11-20\n---\nSome governments are studying reserves of gallium and germanium.\n"
    )
    assert measures("en.md", study) == []


def test_an_import_restriction_in_a_tariff_text_is_that_tariff_and_gives_its_start() -> None:
    text = (
        "---\npublished: 2018-03-12\n---\n"
        "美国东部时间2018年3月8日下午，美国总统签发总统文告，对美国进口的铝产品加征10%关税。"
        "对铝产品的进口限制措施将于美国东部时间2018年3月23日开始执行。\n"
    )
    (sig,) = signals("zh.txt", text)
    assert (sig["measure"], sig["direction"], sig["elements"]) == ("tariff", 1, ["Al"])
    assert (str(sig["announced"]), str(sig["effective"])) == ("2018-03-08", "2018-03-23")
    exports = "---\npublished: 2018-03-12\n---\n该国决定自2018年3月23日起对铝实施出口限制措施。\n"
    assert measures("zh.txt", exports) == [("export_control", 1, ("Al",))]


def test_lowering_capacity_load_is_a_cut_and_a_later_year_alone_starts_on_1_january() -> None:
    text = (
        "---\npublished: 2025-11-28\n---\n"
        "2025年11月28日，铜冶炼企业达成以下共识：2026年降低矿铜产能负荷10%以上。\n"
    )
    (sig,) = signals("zh.txt", text)
    assert (sig["measure"], sig["direction"], sig["elements"]) == ("production_cut", 1, ["Cu"])
    assert str(sig["effective"]) == "2026-01-01"
    english = "---\npublished: 2025-11-28\n---\nThe government will ban cobalt exports from 2027.\n"
    assert [str(s["effective"]) for s in signals("en.md", english)] == ["2027-01-01"]
    same_year = "---\npublished: 2025-11-28\n---\n2025年降低矿铜产能负荷10%以上。\n"
    assert [s["effective"] for s in signals("zh.txt", same_year)] == [None]
