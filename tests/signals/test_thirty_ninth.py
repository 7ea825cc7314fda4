"""General mechanisms drawn from the thirty-ninth held-out set's misses, each on a hand-written text with a
counter-example."""

from __future__ import annotations

from datetime import date

from reechain.signals.dates import dates_in

from .reading import measures, signals


def test_a_vow_to_answer_a_measure_taken_leaves_that_measure_decided() -> None:
    text = (
        '---\ntitle: "Trump vows to respond to Europe\'s retaliatory metal tariffs"\n'
        "published: 2025-03-12\n---\n"
        "President Donald Trump said the U.S. will respond to the European Union's countermeasures against"
        " his new 25 percent tariffs on steel and aluminum.\n"
    )
    assert measures("a.md", text) == [("tariff", 1, ("Al",))]
    # a vow against tariffs not yet imposed is a threat: nothing decided
    threat = (
        '---\ntitle: "China vows to retaliate against any new US tariffs"\npublished: 2025-03-12\n---\n'
        "China said it would retaliate against any new 25 percent tariffs on aluminum.\n"
    )
    assert measures("b.md", threat) == []


def test_advice_taken_is_decided_and_trade_defence_measures_are_duties() -> None:
    head = "---\npublished: 2025-10-17\n---\n"
    adopted = head + (
        "10月16日，澳州工业与科技部长通过了反倾销委员会对进口自中国的铝型材作出的日落复审终裁建议，"
        "决定自2025年10月29日起继续对中国的涉案产品实施反倾销和反补贴措施。\n"
    )
    (sig,) = signals("a.txt", adopted)
    assert (sig["measure"], sig["direction"], sig["elements"]) == ("tariff", 1, ["Al"])
    assert (sig["announced"], sig["effective"]) == ("2025-10-16", "2025-10-29")
    # the recommendation alone is advice, not a decision
    advised = head + "澳州反倾销委员会建议继续对进口自中国的铝型材实施反倾销和反补贴措施。\n"
    assert measures("b.txt", advised) == []


def test_days_in_chinese_numerals_and_the_day_an_actor_acted_on() -> None:
    text = (
        "---\npublished: 2025-08-20\n---\n"
        "美国总统川普十五日扩大进口钢铝百分之五十关税的征收范围，加入四百多个内含钢铝原料的消费商品，"
        "税率在十八日生效。\n"
    )
    (sig,) = signals("a.txt", text)
    assert (sig["measure"], sig["elements"]) == ("tariff", ["Al"])
    assert (sig["announced"], sig["effective"]) == ("2025-08-15", "2025-08-18")
    # a start is no act's day (a day alone before 起 is read as 18日起 is: not at all), and words that hold
    # numerals are no days
    start = "---\npublished: 2025-08-20\n---\n美国自十八日起对进口钢铝加征百分之五十关税。\n"
    (sig,) = signals("b.txt", start)
    assert sig["announced"] == "2025-08-20"
    assert dates_in("每日公布，十日内完成", date(2025, 8, 20)) == []


def test_a_measure_considered_avoided_or_counted_is_no_act() -> None:
    head = "---\npublished: 2025-07-08\n---\n"
    assert measures("a.txt", head + "印尼考虑禁止镍矿出口。\n") == []
    assert measures("a.txt", head + "印尼考虑到地方经济，决定禁止镍矿出口。\n") == [("ban", 1, ("Ni",))]
    avoided = (
        head + "Manufacturers are relocating copper-intensive production outside the US to avoid tariffs.\n"
    )
    assert measures("a.md", avoided) == []
    assert measures("a.md", head + "The US imposed tariffs of 50% on copper imports.\n") == [
        ("tariff", 1, ("Cu",))
    ]
    counted = head + "Export restrictions on cobalt more than quintupled from 2009 to 2020, the OECD said.\n"
    assert measures("a.md", counted) == []
    assert measures("a.md", head + "Congo imposed export restrictions on cobalt.\n") != []


def test_a_banks_price_forecast_opening_is_a_price_report() -> None:
    forecast = (
        "---\npublished: 2025-05-15\n---\n"
        "摩根大通最新报告预测，2025年下半年铜均价为9,225美元/吨。\n"
        "美国对进口铜加征25%关税导致过剩库存转向亚洲市场。\n"
    )
    assert measures("a.txt", forecast) == []
    news = "---\npublished: 2025-05-15\n---\n美国对进口铜加征25%关税导致过剩库存转向亚洲市场。\n"
    assert measures("b.txt", news) == [("tariff", 1, ("Cu",))]


def test_a_duty_free_quota_cancelled_is_part_of_the_tariff() -> None:
    text = (
        "---\npublished: 2025-03-12\n---\n"
        "美国总统特朗普宣布对所有进口至美国的钢铁和铝产品加征25%关税，并取消对部分贸易伙伴的钢铝免税配额。\n"
    )
    assert measures("a.txt", text) == [("tariff", 1, ("Al",))]
    # an import quota cancelled is a quota lifted
    quota = "---\npublished: 2025-03-12\n---\n印尼宣布取消铝土矿进口配额。\n"
    assert measures("b.txt", quota) == [("quota", -1, ("Al",))]
