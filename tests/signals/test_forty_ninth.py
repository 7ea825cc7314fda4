"""General mechanisms drawn from the forty-sixth to forty-ninth held-out sets' misses, each on a hand-written
text with a counter-example."""

from __future__ import annotations

from .reading import measures, signals

HEAD = "---\npublished: 2019-03-12\n---\n"


def test_a_royalty_raised_or_relieved_is_a_duty_on_production() -> None:
    raised = HEAD + "Zambia raised the royalty rate on copper to 8 percent, the mines ministry said.\n"
    assert measures("a.md", raised) == [("tariff", 1, ("Cu",))]
    relieved = HEAD + "Zambia will offer royalty relief to its copper mines, the mines ministry said.\n"
    assert measures("b.md", relieved) == [("tariff", -1, ("Cu",))]
    # royalties paid are no change of the levy
    paid = HEAD + "Copper mines in Zambia paid royalties on their sales last year.\n"
    assert measures("c.md", paid) == []


def test_coltan_is_the_ore_of_niobium_and_tantalum() -> None:
    text = HEAD + "Rwanda banned exports of coltan, the ministry said.\n"
    assert measures("a.md", text) == [("ban", 1, ("Nb", "Ta"))]


def test_licences_revoked_for_exploration_halt_the_project() -> None:
    en = HEAD + "The state will revoke all licences to Acme Mining for lithium exploration.\n"
    assert measures("a.md", en) == [("production_cut", 1, ("Li",))]
    zh = "---\npublished: 2019-03-12\n---\n该国政府撤销了某矿业公司的锂矿勘探许可证。\n"
    assert measures("b.txt", zh) == [("production_cut", 1, ("Li",))]
    # licences granted for exploration add supply to come, not a cut
    granted = HEAD + "The government granted licences to Acme Mining for lithium exploration.\n"
    assert ("production_cut", 1, ("Li",)) not in measures("c.md", granted)


def test_a_weekday_before_a_verb_of_decision_dates_the_act() -> None:
    # published on a Friday; "周四否决" is the Thursday before
    text = "---\npublished: 2022-01-21\n---\n塞尔维亚周四否决了锂矿计划,并撤销了力拓的锂矿勘探许可证。\n"
    (sig,) = signals("a.txt", text)
    assert sig["announced"] == "2022-01-20"


def test_a_mineral_reserved_to_the_state_is_a_ban() -> None:
    en = HEAD + "Bolivia has nationalised its lithium industry.\n"
    assert measures("a.md", en) == [("ban", 1, ("Li",))]
    zh = HEAD + "该国正式开始将锂产业国有化。\n"
    assert measures("b.txt", zh) == [("ban", 1, ("Li",))]


def test_a_bill_the_text_says_is_in_force_is_enacted() -> None:
    bill = HEAD + "参议院通过了国家专营锂开发的法案。\n"
    assert measures("a.txt", bill) == []
    in_force = bill + "此项已于周四开始施行的法律批准之快创下纪录。\n"
    assert measures("b.txt", in_force) == [("ban", 1, ("Li",))]


def test_a_measure_on_the_energy_sectors_is_not_on_the_minerals() -> None:
    text = HEAD + "该国将锂产业国有化。此前的改革向私营投资打开了石油和电力行业的大门。\n"
    assert measures("a.txt", text) == [("ban", 1, ("Li",))]
    mine = HEAD + "该国将锂产业国有化。此前的改革向私营投资打开了锂矿开发的大门。\n"
    assert ("investment", -1, ("Li",)) in measures("b.txt", mine)


def test_an_agreement_signed_to_develop_a_resource_is_an_investment() -> None:
    text = HEAD + "该国总统宣布,该国当天同中国企业签署涉及锂资源开发的重要协议。\n"
    assert measures("a.txt", text) == [("investment", -1, ("Li",))]
    # an agreement to sell what is mined adds no supply
    offtake = HEAD + "该国当天同中国企业签署锂精矿销售协议。\n"
    assert measures("b.txt", offtake) == []


def test_a_price_that_reacted_to_the_news_of_a_halt_is_no_act() -> None:
    reacted = (
        HEAD + "Lithium prices instantly reacted to the news that CATL was halting operations at a mine.\n"
    )
    assert measures("a.md", reacted) == []
    halted = HEAD + "CATL was halting operations at a lithium mine, the company said.\n"
    assert measures("b.md", halted) == [("production_cut", 1, ("Li",))]


def test_a_forecast_names_measures_as_its_subject() -> None:
    body = "The US responded with tariffs on Chinese EVs and critical minerals such as graphite.\n"
    forecast = (
        '---\ntitle: "Graphite Market Forecast: Top Trends in 2025"\npublished: 2025-01-14\n---\n' + body
    )
    assert measures("a.md", forecast) == []
    news = "---\ntitle: US sets new tariffs\npublished: 2025-01-14\n---\n" + body
    assert measures("b.md", news) == [("tariff", 1, ("C",))]


def test_the_measure_an_act_responds_to_is_its_background() -> None:
    text = (
        HEAD + "India will build a national stockpile of rare earth elements, officials said.\n\n"
        "The measure is a response to China's restrictions on the exports of rare earth magnets.\n"
    )
    assert [m for m, _, _ in measures("a.md", text)] == ["stockpiling"]


def test_duties_on_goods_counted_in_money_are_not_on_the_minerals() -> None:
    trade = (
        HEAD + "The trade war brought tariffs on $200 billion worth of goods, hurting rare earth buyers.\n"
    )
    assert measures("a.md", trade) == []
    named = HEAD + "The US imposed punitive tariffs on rare earth imports from China.\n"
    assert [m for m, _, _ in measures("b.md", named)] == ["tariff"]


def test_a_ban_in_a_clause_of_its_own_beside_a_quota_is_another_act() -> None:
    head = "---\npublished: 2017-12-14\n---\n"
    own = (
        head + "Jiangxi set a rare earth mining quota of 9,000 tonnes.\n\n"
        "The plan bans the mining of rare earths without a permit, and the enforcement of the quota.\n"
    )
    assert ("ban", 1) in [(m, d) for m, d, _ in measures("a.md", own)]
    terms = head + "江西下达稀土开采总量控制指标9000吨。\n\n严格禁止超指标开采稀土。\n"
    assert [m for m, _, _ in measures("b.txt", terms)] == ["quota"]


def test_a_span_told_in_the_past_starts_no_measure() -> None:
    text = (
        "---\npublished: 2017-12-14\n---\n"
        "Inspections of rare earth companies lasted from September 27 to October 13.\n\n"
        "Jiangxi banned the mining of rare earths without a permit.\n"
    )
    (sig,) = signals("a.md", text)
    assert sig["effective"] is None
    ahead = text.replace("lasted from September 27 to October 13", "will run from December 27")
    assert signals("b.md", ahead)[0]["effective"] == "2017-12-27"


def test_recovering_trade_figures_are_no_trade_resumed() -> None:
    head = "---\npublished: 2019-08-28\n---\n"
    assert measures("a.txt", head + "进出口钨品恢复性增长,出口产品结构改善。\n") == []
    assert measures("b.txt", head + "缅甸恢复稀土出口。\n") == [
        (
            "ban",
            -1,
            (
                "Ce",
                "Dy",
                "Er",
                "Eu",
                "Gd",
                "Ho",
                "La",
                "Lu",
                "Nd",
                "Pm",
                "Pr",
                "Sc",
                "Sm",
                "Tb",
                "Tm",
                "Y",
                "Yb",
            ),
        )
    ]
