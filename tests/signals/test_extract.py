"""Reading notices and extracting signals: hand-checked examples in both languages, and bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.cli import app
from reechain.domain.errors import InvalidInput
from reechain.signals.extract import extract
from reechain.signals.reading import read_document
from reechain.signals.shocks import as_shock

SHARED = Path(__file__).resolve().parents[3] / "shared"


def signals(name: str, text: str) -> list[dict[str, object]]:
    return [s.as_json() for s in extract(read_document(name, text.encode("utf-8")))]


def test_public_example_gallium_germanium() -> None:
    p = SHARED / "examples" / "notices" / "gallium_germanium_2023.md"
    (s,) = [s.as_json() for s in extract(read_document(p.name, p.read_bytes()))]
    assert (s["announced"], s["effective"], s["elements"], s["measure"], s["direction"]) == (
        "2023-07-03",
        "2023-08-01",
        ["Ga", "Ge"],
        "export_control",
        1,
    )
    assert s["doc_ref"] == "MOFCOM/GAC 2023 No. 23" and s["issuer"] == "MOFCOM/GAC"
    assert "gallium" in str(s["evidence"])


def test_chinese_notice_in_force_from_publication() -> None:
    (s,) = signals(
        "n18.txt",
        "商务部 海关总署公告2025年第18号\n\n经国务院批准，"
        "决定对钐、钆、铽、镝、镥、钪、钇等7类中重稀土相关物项实施出口管制。"
        "\n\n本公告自公布之日起正式实施。\n\n商务部 海关总署\n2025年4月4日\n",
    )
    assert s["issuer"] == "MOFCOM/GAC" and s["doc_ref"] == "MOFCOM/GAC 2025 No. 18"
    assert s["announced"] == s["effective"] == "2025-04-04"
    assert s["elements"] == ["Dy", "Gd", "Lu", "Sc", "Sm", "Tb", "Y"]


def test_traditional_characters_read_as_simplified() -> None:
    (s,) = signals(
        "t.md", "---\npublished: 2025-04-04\n---\n商務部宣布對鏑、鋱實施出口管制，自公布之日起實施。"
    )
    assert s["elements"] == ["Dy", "Tb"] and s["effective"] == "2025-04-04"


def test_a_date_without_year_is_the_next_one_after_publication() -> None:
    (s,) = signals(
        "g.md",
        "---\npublished: 2023-10-20\n---\nChina will require export permits for graphite "
        "products. The export control takes effect from 1 December.",
    )
    assert s["effective"] == "2023-12-01" and s["elements"] == ["C"]


def test_suspension_links_what_it_suspends_and_until_when() -> None:
    (s,) = signals(
        "n70.txt",
        "商务部 海关总署公告2025年第70号\n\n"
        "决定暂停实施2025年第57号、第61号公告中关于中重稀土的出口管制措施，"
        "暂停实施至2026年11月10日。\n\n本公告自公布之日起执行。\n\n2025年11月7日",
    )
    assert (s["measure"], s["direction"], s["until"]) == ("suspension", -1, "2026-11-10")
    assert s["suspends"] == ["MOFCOM/GAC 2025 No. 57", "MOFCOM/GAC 2025 No. 61"]
    assert len(s["elements"]) == 17  # rare earths in general


def test_control_and_hs_codes_name_elements() -> None:
    (s,) = signals(
        "c.md",
        "---\npublished: 2025-04-04\n---\nItems under control code 1C902 (HS 2805301910) need "
        "an export licence.",
    )
    assert s["elements"] == ["Sm"] and s["measure"] == "export_licence" and s["direction"] == 1


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("China raised its rare earth mining quota by 10% to 270,000 tonnes.", -1),
        ("China cut its rare earth export quota by 40%.", 1),
        ("稀土开采总量控制指标同比增长5.9%。", -1),
        ("Growth of the rare earth mining quota slowed to 6% this year.", -1),
        ("今年稀土开采配额增速放缓至6%。", -1),
        ("The government abolished its export quotas on tungsten.", -1),
        ("China set its rare earth mining quota at 270,000 tonnes.", 0),
    ],
)
def test_quota_direction(text: str, direction: int) -> None:
    (s,) = signals("q.md", f"---\npublished: 2024-02-06\n---\n{text}")
    assert (s["measure"], s["direction"]) == ("quota", direction)


@pytest.mark.parametrize(
    "text",
    [
        "Analysts said China could expand export controls to other rare earths.",
        "业内人士认为，中国可能进一步加强对稀土出口的管制。",
        "Prices of dysprosium oxide fell 3% this week.",
        "The US announced new export controls on advanced semiconductors.",
        "",
    ],
)
def test_nothing_from_hedges_prices_other_goods_or_empty_files(text: str) -> None:
    assert signals("x.md", text) == []


def test_bad_files_are_refused_with_a_reason() -> None:
    with pytest.raises(InvalidInput, match="binary"):
        read_document("a.txt", b"\x00\x01PNG")
    with pytest.raises(InvalidInput, match="unknown text encoding"):
        read_document("a.txt", b"abc\x80")
    with pytest.raises(InvalidInput, match=r"not a \.txt"):
        read_document("a.pdf", b"%PDF")
    with pytest.raises(InvalidInput, match="front matter"):
        read_document("a.md", b"---\npublished: yesterday\n---\ntext")
    doc = read_document(
        "a.html",
        b"<html><head><title>T</title><script>var x='export control of dysprosium'</script>"
        b"</head><body><p>Nothing here.</p></body></html>",
    )
    assert doc.title == "T" and "dysprosium" not in doc.text and extract(doc) == []


def test_signal_as_scenario_shock() -> None:
    p = SHARED / "examples" / "notices" / "gallium_germanium_2023.md"
    (sig,) = extract(read_document(p.name, p.read_bytes()))
    shock, note = as_shock(sig)
    assert shock == {
        "kind": "export_licensing",
        "start": "2023-08",
        "end": "2024-07",
        "elements": ["Ga", "Ge"],
        "export_share_allowed": 0.5,
        "country": "CN",
    }
    assert "assumption" in note


def test_cli_extract_writes_json_and_names_refused_files(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x00\x00")
    r = CliRunner().invoke(
        app,
        [
            "signals",
            "extract",
            str(SHARED / "examples/notices/gallium_germanium_2023.md"),
            str(bad),
            "--json",
            str(out),
        ],
    )
    assert r.exit_code == 2 and "binary" in r.output
    data = json.loads(out.read_text())
    assert [s["measure"] for s in data["signals"]] == ["export_control"]
    assert [d["error"] is None for d in data["documents"]] == [True, False]
    assert date.fromisoformat(data["signals"][0]["announced"]) == date(2023, 7, 3)


@pytest.mark.parametrize(
    ("sentence", "is_hedged"),
    [
        ("beijing said on monday it would control exports of gallium", False),
        ("the ministry said that it would impose licences on dysprosium exports", False),
        ("analysts said beijing would control exports of gallium", True),  # the analysts' guess
        ("the ministry said it would consider controls on terbium", True),  # "consider" still hedges
        ("china could restrict exports of terbium", True),
        ("exports of dysprosium would be restricted, traders expect", True),
    ],
)
def test_reported_speech_is_not_a_hedge(sentence: str, is_hedged: bool) -> None:
    from reechain.signals.context import hedged

    assert hedged(sentence) is is_hedged


def test_from_a_date_on_in_chinese() -> None:
    """自2011年1月1日起，… — the measure applies from that day; the publication date is not it."""
    (s,) = signals(
        "tariff.txt",
        "---\npublished: 2010-12-15\n---\n"
        "国务院关税税则委员会决定，自2011年1月1日起，提高部分稀土产品的出口关税。\n",
    )
    assert (s["measure"], s["direction"], s["announced"], s["effective"]) == (
        "tariff",
        1,
        "2010-12-15",
        "2011-01-01",
    )


def test_reported_speech_announces_a_control() -> None:
    (s,) = signals(
        "news.md",
        "---\npublished: 2023-07-03\n---\n"
        "Beijing said on Monday it would control exports of gallium and germanium "
        "from August 1, requiring exporters to seek licences.\n",
    )
    assert (s["measure"], s["elements"], s["effective"]) == ("export_control", ["Ga", "Ge"], "2023-08-01")


def test_a_lifted_measure_is_the_signal_not_the_one_that_remains() -> None:
    """取消…配额, then how exports go on (a licence on the contract alone): the quota is lifted."""
    (s,) = signals(
        "quota.txt",
        "---\npublished: 2014-12-31\n---\n"
        "自2015年1月1日起，取消钨出口配额管理，企业凭出口合同即可申领出口许可证。\n",
    )
    assert (s["measure"], s["direction"], s["elements"], s["effective"]) == ("quota", -1, ["W"], "2015-01-01")


@pytest.mark.parametrize(
    "text",
    [
        "The agency awarded the company $20 million to expand dysprosium separation.",
        "The company will design and build a separation plant for terbium in Texas.",
        "A loan will help it construct a heavy rare earth processing facility for dysprosium.",
    ],
)
def test_money_awarded_or_a_plant_built_is_investment(text: str) -> None:
    (s,) = signals("inv.md", f"---\npublished: 2022-02-22\n---\n{text}")
    assert (s["measure"], s["direction"]) == ("investment", -1)


def test_building_something_other_than_a_plant_is_no_investment() -> None:
    assert (
        signals("x.md", "Producers of dysprosium will build a traceability system for their products.") == []
    )


@pytest.mark.parametrize(
    ("text", "measure", "direction", "elements"),
    [
        ("Customs officers are halting shipments of terbium to Korea, traders said.", "ban", 1, ["Tb"]),
        ("Exporters were told they are not allowed to ship dysprosium oxide abroad.", "ban", 1, ["Dy"]),
        ("The government imposed an embargo on antimony sales to the two countries.", "ban", 1, ["Sb"]),
        ("The ministry stopped exports of tungsten concentrate on Monday.", "ban", 1, ["W"]),
        ("Vietnam resumed exports of cerium to Japan after three months.", "ban", -1, ["Ce"]),
        ("即日起暂停对日本出口镝、铽。", "ban", 1, ["Dy", "Tb"]),
        ("海关恢复对日本出口镝产品。", "ban", -1, ["Dy"]),
        ("The mine operator halted mining of samarium ore at its two pits.", "production_cut", 1, ["Sm"]),
        ("China restricted exports of germanium products.", "export_control", 1, ["Ge"]),
    ],
)
def test_inflected_verbs_of_halting_and_resuming_trade(
    text: str, measure: str, direction: int, elements: list[str]
) -> None:
    (s,) = signals("t.md", f"---\npublished: 2025-06-02\n---\n{text}")
    assert (s["measure"], s["direction"], s["elements"]) == (measure, direction, elements)


def test_suspending_trade_is_a_ban_and_suspending_a_ban_is_a_suspension() -> None:
    (s,) = signals(
        "a.md", "---\npublished: 2025-06-13\n---\nThe miner will suspend its deal on yttrium exports."
    )
    assert (s["measure"], s["direction"]) == ("ban", 1)
    (s,) = signals(
        "b.md", "---\npublished: 2025-06-13\n---\nThe ministry suspended its ban on yttrium exports."
    )
    assert (s["measure"], s["direction"]) == ("suspension", -1)


def test_a_suspension_takes_the_elements_of_what_it_suspends() -> None:
    (s,) = signals(
        "s.txt",
        "商务部公告2025年第90号\n\n自本公告公布之日起至2026年3月1日，暂停执行商务部公告2024年第12号。\n\n"
        "原第12号公告对钨、铋实施出口管制。\n\n商务部\n2025年9月1日",
    )
    assert (s["measure"], s["elements"], s["effective"], s["until"]) == (
        "suspension",
        ["Bi", "W"],
        "2025-09-01",
        "2026-03-01",
    )
    assert s["suspends"] == ["MOFCOM 2024 No. 12"]  # the reference's year, not the until date's


def test_the_next_sentence_about_the_same_thing_names_the_elements() -> None:
    (s,) = signals(
        "i.md",
        "---\npublished: 2024-05-01\n---\nThe bank approved a loan for a rare earths smelter in Texas. "
        "The smelter will produce terbium and dysprosium metal.",
    )
    assert (s["measure"], s["elements"]) == ("investment", ["Dy", "Tb"])


def test_a_weekday_is_read_against_the_publication_date() -> None:
    # 2025-06-04 is a Wednesday: "from Saturday" is 2025-06-07
    (s,) = signals(
        "w.md",
        "---\npublished: 2025-06-04\n---\nThe commerce ministry said on Wednesday it will control exports of "
        "holmium. The control takes effect from Saturday.",
    )
    assert s["effective"] == "2025-06-07"


def test_a_decree_is_in_force_from_its_own_publication_date() -> None:
    (s,) = signals(
        "d.txt",
        "---\npublished: 2025-03-10\n---\n（2025年2月20日工业和信息化部令第9号公布，自公布之日起施行。）\n\n"
        "第二条 国家对稀土开采实行总量控制指标管理。",
    )
    assert (s["measure"], s["announced"], s["effective"]) == ("quota", "2025-03-10", "2025-02-20")


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("下达2024年第二批稀土开采总量控制指标。", -1),
        ("商务部下达第二批稀土出口配额，全年配额比上年减少10%。", 1),
    ],
)
def test_a_further_batch_raises_the_quota_unless_it_says_it_fell(text: str, direction: int) -> None:
    (s,) = signals("q.txt", f"---\npublished: 2024-08-20\n---\n{text}")
    assert (s["measure"], s["direction"]) == ("quota", direction)


@pytest.mark.parametrize(
    "text",
    [
        "A WTO panel found that China's export duties on tungsten breached its commitments.",
        "The arbitration tribunal ruled that the quotas on lanthanum were unlawful.",
        "The ministry had imposed export controls on gallium in 2023.",
    ],
)
def test_rulings_and_past_measures_are_not_announcements(text: str) -> None:
    assert signals("r.md", f"---\npublished: 2014-03-26\n---\n{text}") == []


def test_a_change_word_acts_on_the_quota_only_in_its_own_clause() -> None:
    text = (
        "---\npublished: 2011-12-28\n---\n商务部公布了2012年第一批稀土出口配额。为尽量减少对市场供应的影响，"
        "首批配额按全年应得配额量的80%下达。\n"
    )
    (s,) = signals("q.txt", text)
    assert (s["measure"], s["direction"]) == ("quota", 0)  # the impact is reduced, not the quota
    (cut,) = signals("c.txt", "---\npublished: 2011-12-28\n---\n商务部公布稀土出口配额，比去年减少10%。\n")
    assert cut["direction"] == 1


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        (
            "Production of rare earths in one of the three counties has already been suspended.",
            "production_cut",
        ),
        ("A rare earth refinery in Baotou suspended production near the end of March.", "production_cut"),
        ("China suspended its ban on gallium exports to the United States.", "suspension"),
    ],
)
def test_what_a_suspension_acts_on_decides_its_measure(text: str, measure: str) -> None:
    got = [s["measure"] for s in signals("s.md", f"---\npublished: 2021-04-08\n---\n{text}\n")]
    assert got == [measure]


@pytest.mark.parametrize(
    ("sentence", "is_hedged"),
    [
        ("The tariffs proposed in May 2024 on graphite were finalized.", False),  # the month
        ("China may restrict exports of graphite.", True),  # the modal
        ("China will halt production of rare earths, a move which could tighten supply.", False),
        ("China could halt production of rare earths, a move which would tighten supply.", True),
    ],
)
def test_the_month_may_and_a_hedged_effect_are_no_hedge(sentence: str, is_hedged: bool) -> None:
    from reechain.signals.context import hedged

    assert hedged(sentence) is is_hedged


@pytest.mark.parametrize(
    "text",
    [
        "督察期间，赣县红金稀土有限公司负责人谎称已经停产，被督察组揭穿。",
        "The company denied that rare earth production had been halted at its mine.",
    ],
)
def test_a_false_claim_or_a_denial_is_no_measure(text: str) -> None:
    assert signals("c.md", f"---\npublished: 2019-08-15\n---\n{text}\n") == []


def test_a_company_named_rare_earths_is_no_mention_of_rare_earths() -> None:
    from reechain.signals.elements import _elements

    assert _elements("Arafura Rare Earths' Nolans project will get funding.") == (set(), False)
    assert _elements("五矿稀土集团有限公司的子公司") == (set(), False)
    assert _elements("China will control exports of rare earths.") == (set(), True)
    assert _elements("Heavy Rare Earths exports fell.") == (set(), True)  # a heading, not a name
    assert _elements("Arafura Rare Earths' Nolans project", organisations=False) == (set(), True)
    text = (
        "---\npublished: 2024-03-15\n---\nThe government will provide funding for "
        "Arafura Rare Earths' Nolans "
        "project.\n\nThe mine will make NdPr oxide.\n"
    )
    (s,) = signals("a.md", text)
    assert (s["measure"], s["direction"], s["elements"]) == ("investment", -1, ["Nd", "Pr"])


def test_a_day_without_a_year_is_the_nearest_to_the_publication_date() -> None:
    from reechain.signals.dates import dates_in

    assert dates_in("9月5日从四川省经信委获悉", date(2011, 9, 6)) == [(0, date(2011, 9, 5))]
    assert dates_in("自1月1日起施行", date(2011, 12, 28)) == [(1, date(2012, 1, 1))]
    assert dates_in("On April 4, the government ordered", date(2025, 4, 14))[0][1] == date(2025, 4, 4)
    assert dates_in("effective from April 4", date(2025, 4, 14))[0][1] == date(2026, 4, 4)


def test_a_dateline_without_a_year_takes_the_year_nearest_the_texts_first_date() -> None:
    (s,) = signals("v.txt", "12月11日，越南国会通过法律，自2026年1月1日起全面禁止稀土原矿出口。\n")
    assert (s["measure"], s["announced"], s["effective"]) == ("ban", "2025-12-11", "2026-01-01")


def test_the_start_of_a_period_and_the_day_of_an_order_are_effective_dates() -> None:
    text = (
        "---\npublished: 2011-09-06\n---\n"
        "从8月1日至年底，四川开展稀土生产秩序专项整治，对不符合要求的稀土企业责令立即停产。\n"
    )
    (s,) = signals("p.txt", text)
    assert (s["measure"], s["effective"]) == ("production_cut", "2011-08-01")
    text = (
        "---\npublished: 2025-04-14\n---\n"
        "On April 4, the Chinese government ordered restrictions on the export "
        "of dysprosium and terbium.\n"
    )
    (c,) = signals("o.md", text)
    assert (c["measure"], c["elements"], c["effective"]) == ("export_control", ["Dy", "Tb"], "2025-04-04")


def test_a_total_that_includes_the_first_batch_adds_to_it() -> None:
    text = (
        "---\npublished: 2021-10-03\n---\n"
        "2021年度稀土开采总量控制指标为168000吨，上述指标均含已下达的第一批指标。\n"
    )
    (s,) = signals("t.txt", text)
    assert (s["measure"], s["direction"]) == ("quota", -1)


# a day and month without a year, in a document without a publication date


def _undated(name: str, text: str, today: date) -> list[dict[str, object]]:
    return [s.as_json() for s in extract(read_document(name, text.encode("utf-8")), today=today)]


def test_an_undated_day_takes_the_year_the_text_names_near_it() -> None:
    text = (
        "In a notice released on March 12, the ministry said it will ban exports of nickel ore.\n\n"
        "The ban follows a review that the cabinet ordered on Jan. 20, 2024.\n"
    )
    (s,) = _undated("n.md", text, date(2026, 11, 28))
    assert (s["measure"], s["announced"]) == ("ban", "2024-03-12")
    (z,) = _undated(
        "z.txt", "据悉，3月3日该国宣布禁止镍矿出口。此前该国曾于2019年调整政策。", date(2026, 11, 28)
    )
    assert z["announced"] == "2019-03-03"


def test_an_undated_day_in_a_text_naming_no_year_is_never_in_a_later_year() -> None:
    today = date(2026, 11, 28)
    text = "The province ordered a halt of tungsten mining on Dec. 3, after a landslide.\n"
    (s,) = _undated("h.md", text, today)
    assert s["announced"] == "2025-12-03"  # the last 3 December before the day of reading
    (s,) = _undated("k.md", "The province ordered a halt of tungsten mining on Nov. 2.\n", today)
    assert s["announced"] == "2026-11-02"
    (z,) = _undated("z.txt", "12月3日，该省宣布全面停止钨矿开采。\n", today)
    assert z["announced"] == "2025-12-03"
    start = "On Nov. 20 the ministry announced that the country will ban exports of tin ore from 5 January.\n"
    (b,) = _undated("b.md", start, today)
    assert (b["announced"], b["effective"]) == (
        "2026-11-20",
        "2027-01-05",
    )  # a start follows its announcement


def test_in_a_text_naming_no_year_a_day_is_the_last_before_the_announcement() -> None:
    from reechain.signals.dates import dates_in

    said = date(2026, 11, 20)
    assert dates_in("The ban was first ordered on Jan. 3.", said, "undated")[0][1] == date(2026, 1, 3)
    assert dates_in("The ban was first ordered on Jan. 3.", said)[0][1] == date(2027, 1, 3)  # nearest
    assert dates_in("It applies from Jan. 3.", said, "undated")[0][1] == date(2027, 1, 3)
    assert dates_in("It applies from Jan. 3.", date(2026, 11, 28), "reading")[0][1] == date(2026, 1, 3)


def test_a_day_without_a_year_is_no_date_without_a_base() -> None:
    from reechain.signals.dates import dates_in, has_date

    assert dates_in("On April 11, the WTO said", None) == []
    assert has_date("On April 11, the WTO said")  # a dated statement, though its year is unknown
