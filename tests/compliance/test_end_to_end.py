"""The compliance gate with the real screening service and lists imported from the fixtures."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from reechain.bootstrap import Container
from reechain.services import audit, screening
from reechain.services import compliance as svc

from .support import OFFICER, ce_licence, dy_licence

UEL = "data/screening/cn_mofcom/compliance_hub/china-unreliable-entity.json"
WATCH_CSV = "entry_id,name,schema,country,aliases\nGW-7,Example Magnetics Kyushu Plant,Company,JP,{aliases}\n"


def _end_user(result: dict[str, Any]) -> dict[str, Any]:
    return next(p for p in result["parties"] if p["role"] == "end_user")


def test_dy_oxide_to_a_uel_entity_is_blocked_with_the_entry(
    container: Container, example_order, shared_dir: Path
) -> None:
    screening.import_list(container, shared_dir / UEL, "mofcom-uel", "mofcom-uel")
    r = svc.check_order(container, example_order(end_user="Epirus, Inc."), actor="t")
    assert r["decision"] == "blocked"
    eu = _end_user(r)
    hit = eu["hits"][0]
    assert hit["list"] == "mofcom-uel" and hit["outcome"] == "blocked"
    assert hit["entry_id"] == "不可靠实体清单工作机制〔2025〕10号-4"
    assert hit["score"] >= 0.9 and hit["features"] and hit["entry_fingerprint"]
    assert r["list_versions"] == {"mofcom-uel": 1}
    # the Chinese name of the same entity is blocked too
    r_zh = svc.check_order(container, example_order(end_user="伊比鲁斯公司"), actor="t")
    assert _end_user(r_zh)["hits"][0]["entry_id"] == hit["entry_id"] and r_zh["decision"] == "blocked"


def test_clean_end_user_is_licence_required_until_licensed(
    container: Container, example_order, shared_dir: Path
) -> None:
    screening.import_list(container, shared_dir / UEL, "mofcom-uel", "mofcom-uel")
    r = svc.check_order(container, example_order(), actor="t")
    assert r["decision"] == "licence_required"
    assert all(p["decision"] == "clear" for p in r["parties"])
    svc.add_licence(container, dy_licence(), actor="o", roles=OFFICER)
    svc.add_licence(container, ce_licence(), actor="o", roles=OFFICER)
    assert svc.check_order(container, example_order(), actor="t")["decision"] == "clear"


def test_group_watch_list_hold_and_allow_list_until_the_entry_changes(
    container: Container, example_order, tmp_path: Path
) -> None:
    svc.add_licence(container, dy_licence(), actor="o", roles=OFFICER)
    svc.add_licence(container, ce_licence(), actor="o", roles=OFFICER)
    csv = tmp_path / "watch.csv"
    csv.write_text(WATCH_CSV.format(aliases=""), encoding="utf-8")
    screening.import_list(container, csv, "csv", "group-watch")
    r = svc.check_order(container, example_order(), actor="t")
    assert r["decision"] == "hold" and r["hold_id"]
    hit = _end_user(r)["hits"][0]
    assert hit["entry_id"] == "GW-7" and hit["outcome"] == "hold"
    svc.add_allow_entry(
        container,
        party_name="Example Magnetics Kyushu Plant",
        list_name="group-watch",
        entry_id="GW-7",
        entry_fingerprint=hit["entry_fingerprint"],
        expires_on=date.today() + timedelta(days=365),
        reason="our own customer's plant, reviewed",
        actor="alice",
        roles=OFFICER,
    )
    # the example order is dated 2026-03-02: move it to today so the allow-list entry is in force
    today = date.today().isoformat()
    assert svc.check_order(container, example_order(date=today), actor="t")["decision"] in {
        "clear",
        "licence_required",
    }
    # the list entry changes (an alias is added): the allow-list entry no longer silences it
    csv.write_text(WATCH_CSV.format(aliases="EM Kyushu"), encoding="utf-8")
    screening.import_list(container, csv, "csv", "group-watch")
    r3 = svc.check_order(container, example_order(date=today), actor="t")
    assert r3["decision"] == "hold" and _end_user(r3)["hits"][0]["outcome"] == "hold"
    assert '"group-watch":2' in audit.records(container)[-1].payload
    assert audit.verify(container).ok


def test_documented_example_order_is_held_for_its_end_user_written_in_traditional_chinese(
    container: Container,
) -> None:
    """docs/examples/order_dy_held.json (the README's tour): the end user 日本電磁測器株式會社 is the
    watch-list entry 日本电磁测器株式会社 written in traditional characters; the order is held for review."""
    import json

    docs = Path(__file__).resolve().parents[2] / "docs" / "examples" / "order_dy_held.json"
    control = screening.SAMPLE_LISTS_DIR / "mofcom_control_2026-07-24.json"
    screening.import_list(container, control, "mofcom-control", "mofcom-control")
    r = svc.check_order(container, json.loads(docs.read_text(encoding="utf-8")), actor="t")
    assert r["decision"] == "hold" and r["hold_id"]
    hit = _end_user(r)["hits"][0]
    assert hit["entry_id"] == "商务部公告2026年第28号-17" and hit["outcome"] == "hold"
    assert hit["entry_name"] == "日本电磁测器株式会社" and hit["score"] >= 0.95
    assert hit["features"]  # the evidence behind the score is shown
    assert r["lines"][0]["decision"] == "licence_required"
