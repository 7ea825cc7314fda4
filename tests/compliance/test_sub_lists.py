"""MOFCOM's export-control list holds two sub-lists: a watch-list hit holds, a control-list hit blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reechain.bootstrap import Container
from reechain.compliance.decisions import list_action
from reechain.compliance.lists import read_list
from reechain.compliance.rules import load_rules
from reechain.services import compliance as svc
from reechain.services import screening

CONTROL = "data/screening/cn_mofcom/compliance_hub/china-control-entities.json"
WATCHED = ("商务部公告2026年第28号-1", "三井E&S株式会社")  # announcement 2026 No. 28: 列入关注名单
CONTROLLED = ("商务部公告2026年第27号-1", "防卫研究所")  # announcement 2026 No. 27: 列入出口管制管控名单


def _end_user(result: dict[str, Any]) -> dict[str, Any]:
    return next(p for p in result["parties"] if p["role"] == "end_user")


def test_the_importer_records_the_sub_list_of_each_entry(shared_dir: Path) -> None:
    entries = {e.entry_id: e for e in read_list(shared_dir / CONTROL, "mofcom-control")}
    assert "export_control_watch_list" in entries[WATCHED[0]].programs
    assert "export_control_control_list" in entries[CONTROLLED[0]].programs
    kinds = [p for e in entries.values() for p in e.programs if p.startswith("export_control_")]
    assert kinds.count("export_control_watch_list") == 40  # two notices of 20 Japanese entities each


def test_policy_decides_per_sub_list() -> None:
    policy = load_rules().policy
    assert (
        list_action(policy, "mofcom-control", ("export_control_watch_list", "商务部公告2026年第28号"))
        == "hold"
    )
    assert list_action(policy, "mofcom-control", ("export_control_control_list",)) == "block"
    assert (
        list_action(policy, "mofcom-control", ("商务部公告X", "出口管制关注名单")) == "hold"
    )  # announcement YAML
    assert list_action(policy, "mofcom-control") == "block"  # sub-list unknown: the stricter rule


def test_watch_list_entry_holds_and_control_list_entry_blocks(
    container: Container, example_order, shared_dir: Path
) -> None:
    screening.import_list(container, shared_dir / CONTROL, "mofcom-control", "mofcom-control")
    watched = svc.check_order(container, example_order(end_user=WATCHED[1], order_id="W-1"), actor="t")
    hit = _end_user(watched)["hits"][0]
    assert (hit["entry_id"], hit["score"]) == (WATCHED[0], 1.0)
    assert "export_control_watch_list" in hit["programs"] and hit["outcome"] == "hold"
    assert watched["decision"] == "hold" and watched["hold_id"] is not None

    controlled = svc.check_order(container, example_order(end_user=CONTROLLED[1], order_id="C-1"), actor="t")
    hit = _end_user(controlled)["hits"][0]
    assert (hit["entry_id"], hit["score"]) == (CONTROLLED[0], 1.0)
    assert "export_control_control_list" in hit["programs"] and hit["outcome"] == "blocked"
    assert controlled["decision"] == "blocked" and controlled["hold_id"] is None
