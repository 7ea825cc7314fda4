"""The mechanisms drawn from the fourteenth held-out set's misses, each on hand-written texts with
counter-examples: a pause on new mining rights as a ban and its end, a suspended mine as a halt of
production, the past perfect of reported speech."""

from __future__ import annotations

from reechain.signals.extract import extract
from reechain.signals.reading import read_document


def signals(name: str, text: str) -> list[dict[str, object]]:
    return [s.as_json() for s in extract(read_document(name, text.encode("utf-8")))]


def measures(name: str, text: str) -> list[tuple[object, object, object]]:
    return sorted((s["measure"], s["direction"], tuple(s["elements"])) for s in signals(name, text))  # type: ignore[arg-type]


# a pause on new mining or exploration rights


def test_a_pause_on_accepting_mining_right_applications_is_a_ban() -> None:
    text = "---\npublished: 2019-03-02\n---\n自然资源部通知，2020年底前继续暂停受理新的锑矿勘查、开采登记申请。\n"
    assert measures("zh.txt", text) == [("ban", 1, ("Sb",))]
    granting = "---\npublished: 2019-03-02\n---\n该部决定暂停出让登记钼矿矿业权。\n"
    assert measures("zh.txt", granting) == [("ban", 1, ("Mo",))]


def test_a_freeze_on_new_mining_licences_is_a_ban_but_a_pause_of_a_meeting_is_nothing() -> None:
    text = "---\npublished: 2022-05-10\n---\nThe ministry froze the granting of new mining licences for lithium.\n"
    assert measures("en.md", text) == [("ban", 1, ("Li",))]
    other = "---\npublished: 2022-05-10\n---\nThe lithium committee paused its meeting on new rules.\n"
    assert all(m[0] != "ban" for m in measures("en.md", other))


def test_mining_rights_no_longer_paused_lift_the_ban() -> None:
    text = "---\npublished: 2016-07-01\n---\n根据通知，锑矿的勘查、开采登记不再暂停，可按规定程序办理。\n"
    assert measures("zh.txt", text) == [("ban", -1, ("Sb",))]


# a suspended mine halts production


def test_a_government_suspending_a_mine_halts_production_and_its_order_to_halt_exports_is_a_ban() -> None:
    text = (
        "---\ntitle: Government suspends the country's only producing cobalt mine\npublished: 2021-07-26\n---\n"
        "Government suspends the country's only producing cobalt mine\n\n"
        "The minister said the government had ordered the company to halt exports of cobalt concentrate until "
        "the dispute was settled.\n"
    )
    assert measures("en.md", text) == [("ban", 1, ("Co",)), ("production_cut", 1, ("Co",))]


def test_a_recalled_order_keeps_its_recall_cue_in_reported_speech() -> None:
    text = (
        "---\ntitle: Government suspends the country's only producing cobalt mine\npublished: 2021-07-26\n---\n"
        "Government suspends the country's only producing cobalt mine\n\n"
        "The minister said the government had previously ordered the company to halt exports of cobalt.\n"
    )
    assert measures("en.md", text) == [("production_cut", 1, ("Co",))]
