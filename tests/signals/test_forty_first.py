"""General mechanisms drawn from the fortieth and forty-first held-out sets' misses, each on a hand-written
text with a counter-example."""

from __future__ import annotations

from .reading import measures, signals

HEAD = "---\npublished: 2026-01-02\n---\n"


def test_capacity_construction_advanced_with_an_expected_start_is_an_investment() -> None:
    text = HEAD + (
        "公司将在印尼推进首期电解铝产能建设,设计年产能25万吨,总投资4.37亿美元,建设期24个月,预计2026年启动。\n"
    )
    assert measures("a.txt", text) == [("investment", -1, ("Al",))]
    # a second phase planned after the first is a plan
    planned = HEAD + "公司还计划在首期投产后启动二期50万吨电解铝产能建设。\n"
    assert measures("b.txt", planned) == []


def test_a_strike_at_a_mine_and_operations_scaled_down_are_production_cuts() -> None:
    strike = "---\npublished: 2026-01-01\n---\n智利的Mantoverde铜矿第二工会将于2026年1月2日正式展开罢工。\n"
    (sig,) = signals("a.txt", strike)
    assert (sig["measure"], sig["direction"], sig["elements"]) == ("production_cut", 1, ["Cu"])
    assert sig["effective"] == "2026-01-02"
    scaled = HEAD + "Capstone表示，将以安全方式逐步缩减铜矿营运规模。\n"
    assert measures("b.txt", scaled) == [("production_cut", 1, ("Cu",))]
    # a strike the union only warned of is none
    assert measures("c.txt", HEAD + "铜矿工会曾警告可能罢工。\n") == []
    workers = HEAD + "Workers at the copper mine went on strike on Friday.\n"
    assert measures("d.md", workers) == [("production_cut", 1, ("Cu",))]


def test_what_a_measure_does_not_affect_is_no_act() -> None:
    head = "---\npublished: 2026-01-16\n---\n"
    said = head + "Sigma声明表示，限制措施不影响其锂矿的营运能力或复工时间表。\n"
    assert measures("a.txt", said) == []
    restart = head + "Sigma锂业表示，锂矿已于1月15日复工。\n"
    assert measures("b.txt", restart) == [("production_cut", -1, ("Li",))]


def test_price_data_in_the_second_sentence_makes_a_price_report() -> None:
    report = (
        "---\npublished: 2026-01-29\n---\n"
        "2026年初，国内稀土市场迎来强势上涨行情，价格涨幅持续刷新阶段性纪录。"
        "据中国稀土行业协会最新数据，截至1月28日，氧化镨价格较2025年末暴涨12.3万元/吨，报67.25万元/吨。\n"
        "部分环保不达标稀土矿山被迫停产，进一步压缩供给空间。\n"
    )
    assert measures("a.txt", report) == []
    # the same halt in a text that opens on it is news
    news = "---\npublished: 2026-01-29\n---\n部分环保不达标稀土矿山被迫停产，进一步压缩供给空间。\n"
    assert measures("b.txt", news) != []
