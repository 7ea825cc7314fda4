"""The mechanisms drawn from the nineteenth held-out set's misses (a representative rare-earth inbox), each on
hand-written texts with counter-examples."""

from __future__ import annotations

from reechain.signals.text import paragraph_sentences

from .reading import measures

# background measures: export licences approved are export_licence -1, and China's controls named beside
# the document's own act (judged, talked about, listed, the cause or circumstance of it) are not its signal


def test_applications_approved_are_licences_loosened_not_a_control() -> None:
    text = (
        "---\npublished: 2025-06-13\n---\n"
        "Ruritania has approved a number of export license applications for gallium, the ministry said.\n\n"
        "Gallium has dual-use attributes, the spokesman said, noting that imposing export controls on such "
        "items "
        "is in line with international practice.\n\n"
        "Ruritania stands ready to enhance communication and dialogue on export controls with relevant "
        "countries, he said.\n"
    )
    assert measures("en.md", text) == [("export_licence", -1, ("Ga",))]


def test_a_licence_requirement_imposed_is_still_tightening() -> None:
    text = (
        "---\npublished: 2025-06-13\n---\n"
        "From July 1, exporters of gallium must apply for an export licence, the ministry said.\n"
    )
    found = [(m, d) for m, d, _ in measures("en.md", text)]
    assert found in ([("export_control", 1)], [("export_licence", 1)])


def test_a_question_and_its_answer_are_two_sentences() -> None:
    question = "请问商务部能否介绍一下镓出口许可审批的情况?"
    answer = "商务部新闻发言人表示,已经依法批准一定数量的合规申请。"
    assert [s for _, s in paragraph_sentences(question + answer + "\n")] == [question, answer]


def test_an_answer_after_a_question_approving_licences_is_read() -> None:
    text = (
        "---\npublished: 2025-06-26\n---\n"
        "6月26日,商务部举行例行新闻发布会。有媒体提问,请问商务部能否介绍一下对欧盟镓出口许可审批的情况?"
        "商务部新闻发言人表示,依法依规不断加快对镓相关出口许可申请的审查,已经依法批准一定数量的合规申请。"
        "中方愿就此进一步加强与相关国家的出口管制沟通对话,积极促进便利合规贸易。\n"
    )
    assert measures("zh.txt", text) == [("export_licence", -1, ("Ga",))]


def test_a_control_agreed_in_talks_is_still_read() -> None:
    text = (
        "---\npublished: 2025-06-13\n---\n"
        "After talks with Freedonia, Ruritania will impose export controls on gallium from August 1.\n"
    )
    assert measures("en.md", text) == [("export_control", 1, ("Ga",))]


def test_a_companys_halt_is_one_ban_not_the_tariffs_and_controls_it_answers() -> None:
    text = (
        "---\npublished: 2025-04-17\n---\n"
        "在甲国对乙国加征额外关税后,乙国最大的锑生产商宣布停止对甲国出口锑。\n\n"
        "该公司在一份声明中表示:“在125%的关税下出售我们宝贵的锑,不符合商业理性。\n\n"
        "锑是甲国对乙国加征关税的对象之一。\n\n"
        "此外,甲国还有一系列报复乙国企业的行动,包括对锑实施出口管制,以及将乙国公司列入不可靠实体清单。\n"
    )
    assert measures("zh.txt", text) == [("ban", 1, ("Sb",))]


def test_a_quota_story_does_not_take_the_controls_retaliating_for_tariffs() -> None:
    text = (
        "---\npublished: 2025-07-18\n---\n"
        "Ruritania has quietly issued its first 2025 tungsten mining quotas, sources said this week.\n\n"
        "Ruritania added tungsten to its export restriction list in retaliation for Freedonian tariff hikes, "
        "cutting off supply.\n"
    )
    assert [m for m, _, _ in measures("en.md", text)] == ["quota"]


def test_a_dated_control_beside_a_quota_is_still_its_own_signal() -> None:
    text = (
        "---\npublished: 2025-07-18\n---\n"
        "Ruritania has issued its first 2025 tungsten mining quotas, the ministry said.\n\n"
        "Ruritania will also impose export controls on antimony from August 1.\n"
    )
    assert sorted(m for m, _, _ in measures("en.md", text)) == ["export_control", "quota"]


def test_a_reserve_programme_is_stockpiling_not_the_controls_it_answers() -> None:
    text = (
        "---\npublished: 2026-02-03\n---\n"
        "美国总统2月2日宣布，启动一项关键矿产储备计划，旨在采购及储存钴。\n\n"
        "他在讲话中提及去年与甲国发生的贸易战，暗示甲国限制钴出口。\n"
    )
    assert measures("zh.txt", text) == [("stockpiling", 1, ("Co",))]


# one act, one signal: licences approved under a control the text only names are the approvals; an act named
# again by a demonstrative (此项限产措施, "the move") is not a second measure


def test_licences_approved_under_a_named_control_are_one_signal() -> None:
    text = (
        "---\npublished: 2025-06-12\n---\n"
        "中方依法对镓相关物项实施出口管制，旨在更好维护国家安全和利益。\n\n"
        "中方依法依规对镓相关物项出口许可申请进行审查，已依法批准一定数量的合规申请。\n"
    )
    assert measures("zh.txt", text) == [("export_licence", -1, ("Ga",))]


def test_a_control_announced_beside_approvals_stays_its_own_signal() -> None:
    text = (
        "---\npublished: 2025-06-12\n---\n"
        "商务部已依法批准一定数量的镓出口许可申请。\n\n"
        "商务部决定自2025年8月1日起对锑实施出口管制。\n"
    )
    assert sorted(m for m, _, _ in measures("zh.txt", text)) == ["export_control", "export_licence"]


def test_a_quota_cut_named_again_as_a_production_limit_is_one_signal() -> None:
    text = (
        "---\npublished: 2026-02-12\n---\n"
        "甲国政府宣布大幅削减乙矿的年度镍矿生产配额，减幅高达71%。此项限产措施震惊市场。\n\n"
        "甲国政府此次通过年度许可证发放实施减产，旨在扭转价格低迷趋势。\n\n"
        "过去两年的低价已迫使其他地区的竞争对手停产。\n"
    )
    assert [m for m, _, _ in measures("zh.txt", text)] == ["quota"]


def test_a_second_act_without_a_demonstrative_is_still_read() -> None:
    text = (
        "---\npublished: 2026-02-12\n---\n"
        "甲国政府宣布削减乙矿的年度镍矿生产配额。\n\n"
        "甲国政府还决定自3月1日起暂停丙矿的镍矿生产。\n"
    )
    assert sorted(m for m, _, _ in measures("zh.txt", text)) == ["production_cut", "quota"]


# elements and money: a paragraph that speaks of rare earths in general stands in for a measure that names no
# element, before the document's other elements; a plant developed jointly is investment


def test_a_loans_paragraph_of_rare_earths_stands_in_before_the_documents_other_elements() -> None:
    text = (
        "---\npublished: 2026-06-19\n---\n"
        "If you want to guide a missile, you need gallium arsenide chips.\n\n"
        "On June 18, the Department of Defense announced $1.2 billion in conditional loans to two companies. "
        "The company's increased production will feed a rare earth separation facility.\n\n"
        "Without germanium and gallium, it is a pipe dream, he said.\n"
    )
    found = measures("en.md", text)
    assert len(found) == 1 and found[0][:2] == ("investment", -1)
    assert "Ga" not in found[0][2] and "Nd" in found[0][2]


def test_a_paragraph_naming_an_element_still_stands_in_with_it() -> None:
    text = (
        "---\npublished: 2026-06-19\n---\n"
        "On June 18, the agency announced $1.2 billion in conditional loans to two companies. "
        "The company's increased production will feed a gallium refinery.\n\n"
        "Rare earths matter too, he said.\n"
    )
    assert measures("en.md", text) == [("investment", -1, ("Ga",))]


def test_a_refinery_developed_jointly_is_investment() -> None:
    text = (
        "---\npublished: 2025-11-20\n---\n"
        "甲公司宣布与乙国矿业公司签署具约束力协议，将在乙国共同开发稀土精炼设施。\n"
    )
    found = measures("zh.txt", text)
    assert len(found) == 1 and found[0][:2] == ("investment", -1) and "Nd" in found[0][2]


def test_a_plan_to_fund_a_plant_is_still_no_investment() -> None:
    text = "---\npublished: 2019-12-12\n---\n文件显示，甲国军方计划为建设稀土加工设施提供资金。\n"
    assert measures("zh.txt", text) == []


# a lead's list: bullets are items of their own, a lead ending on a colon opens the document's own acts, the
# rare-earth group listed beside scandium is the group, and a government's offtake is stockpiling


CANADA = (
    "---\npublished: 2025-10-31\n---\n"
    "The Minister announced 26 new investments and measures to unlock $6.4 billion of critical minerals "
    "projects. These include:\n\n"
    "  • Mobilizing public and private capital to accelerate projects, including for graphite, rare earth "
    "elements and scandium production.\n"
    "  • Entering offtake arrangements between the Government of Canada and two miners for graphite and "
    "scandium, respectively.\n"
)


def test_bullets_are_sentences_of_their_own() -> None:
    text = "These include:\n\n • Mobilizing capital for graphite.\n • Entering offtake arrangements.\n"
    assert [s for _, s in paragraph_sentences(text)] == [
        "These include:",
        "• Mobilizing capital for graphite.",
        "• Entering offtake arrangements.",
    ]


def test_a_governments_offtake_in_the_leads_list_is_stockpiling() -> None:
    found = measures("en.md", CANADA)
    assert [(m, d) for m, d, _ in found] == [("investment", -1), ("stockpiling", 1)]
    assert found[1][2] == ("C", "Sc")


def test_the_rare_earth_group_listed_beside_scandium_is_the_group() -> None:
    found = measures("en.md", CANADA)
    assert "Nd" in found[0][2] and "C" in found[0][2] and "Sc" in found[0][2]


def test_a_counted_group_before_its_members_is_only_the_members() -> None:
    text = (
        "---\npublished: 2025-04-04\n---\n"
        "China on Friday imposed export restrictions on two rare earth elements, samarium and scandium.\n"
    )
    assert measures("en.md", text) == [("export_control", 1, ("Sc", "Sm"))]


def test_other_rare_earths_after_named_ones_are_only_the_named_ones() -> None:
    text = (
        "---\npublished: 2025-04-04\n---\n"
        "China will restrict exports of neodymium, praseodymium and other rare earths from May 1.\n"
    )
    assert measures("en.md", text) == [("export_control", 1, ("Nd", "Pr"))]


def test_an_offtake_between_companies_is_no_stockpile() -> None:
    text = (
        "---\npublished: 2025-10-31\n---\n"
        "Acme signed an offtake agreement with a magnet maker for its neodymium oxide.\n"
    )
    assert [m for m, _, _ in measures("en.md", text)] != ["stockpiling"]
