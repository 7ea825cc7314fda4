"""Order decisions end to end on both backends (screening replaced by a fake with known hits)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from reechain.bootstrap import Container
from reechain.domain.errors import Conflict, Forbidden, NotFound, RuleViolation
from reechain.domain.roles import Role
from reechain.services import audit
from reechain.services import compliance as svc
from reechain.store.tables.compliance import AllowEntryRow

from .support import OFFICER, FakeScreening, ce_licence, dy_licence, uel_hit

LISTED = "Sample Defence Systems Inc."


def check(c: Container, order: dict[str, Any], fake: FakeScreening) -> dict[str, Any]:
    return svc.check_order(c, order, actor="tester", screening=fake.as_service())


def test_clean_end_user_needs_licences_until_they_exist(
    container: Container, example_order, fake_screening
) -> None:
    r = check(container, example_order(), fake_screening)
    assert r["decision"] == "licence_required"
    assert [ln["decision"] for ln in r["lines"]] == ["licence_required", "licence_required"]
    assert {p["decision"] for p in r["parties"]} == {"clear"}
    dy = r["lines"][0]
    assert {m["id"] for m in dy["measures"]} == {"MOFCOM_GAC_2025_18", "MOFCOM_EXPORT_LICENCE_GOODS_2026"}
    assert (
        "1C905.b"
        in dy["measures"][[m["id"] for m in dy["measures"]].index("MOFCOM_GAC_2025_18")]["control_codes"]
    )

    svc.add_licence(container, dy_licence(), actor="officer1", roles=OFFICER)
    r = check(container, example_order(), fake_screening)
    assert r["lines"][0]["decision"] == "clear" and r["lines"][0]["licence"]["licence_no"] == "DU-2026-001"
    assert r["decision"] == "licence_required"  # the CeO2 line still needs its export licence

    svc.add_licence(container, ce_licence(), actor="officer1", roles=OFFICER)
    r = check(container, example_order(), fake_screening)
    assert r["decision"] == "clear"
    assert audit.verify(container).ok


def test_a_licence_for_another_destination_or_end_user_does_not_count(
    container: Container, example_order, fake_screening
) -> None:
    svc.add_licence(container, dy_licence("DU-KR", destination_country="KR"), actor="o", roles=OFFICER)
    svc.add_licence(container, dy_licence("DU-OTHER", end_user="Another Plant"), actor="o", roles=OFFICER)
    svc.add_licence(container, dy_licence("DU-SMALL", quantity_kg=400.0), actor="o", roles=OFFICER)
    svc.add_licence(container, dy_licence("DU-OLD", valid_until=date(2026, 3, 1)), actor="o", roles=OFFICER)
    r = check(container, example_order(), fake_screening)
    reason = r["lines"][0]["reasons"][-1]
    assert r["lines"][0]["decision"] == "licence_required"
    assert "DU-KR: destination KR" in reason
    assert "DU-OTHER: end user 'Another Plant'" in reason
    assert "DU-SMALL: only 400 kg left" in reason
    assert "DU-OLD: not valid on 2026-03-02" in reason


def test_listed_end_user_is_blocked_with_the_entry_shown(
    container: Container, example_order, fake_screening
) -> None:
    fake_screening.hits[LISTED] = [uel_hit(0.97)]
    svc.add_licence(container, dy_licence(end_user=None), actor="o", roles=OFFICER)
    r = check(container, example_order(end_user=LISTED), fake_screening)
    assert r["decision"] == "blocked"
    eu = next(p for p in r["parties"] if p["role"] == "end_user")
    assert eu["decision"] == "blocked"
    (hit,) = eu["hits"]
    assert hit["list"] == "mofcom-uel" and hit["entry_id"] == "UEL-2025-10-01" and hit["score"] == 0.97
    assert hit["features"][0]["name"] == "name_tokens" and hit["outcome"] == "blocked"
    assert "UEL-2025-10-01" in eu["reasons"][0]
    assert r["hold_id"] is None
    rec = audit.records(container)[-1]
    assert (
        rec.action == "order.checked"
        and "UEL-2025-10-01" in rec.payload
        and r["rules_version"] in rec.payload
    )


def test_no_lists_loaded_means_hold_with_that_reason(container: Container, example_order) -> None:
    r = check(container, example_order(), FakeScreening(lists={}))
    assert r["decision"] == "hold"
    assert all("no restricted-party list is loaded" in p["reasons"][0] for p in r["parties"])


def _held_order(c: Container, example_order, fake: FakeScreening) -> dict[str, Any]:
    fake.hits[LISTED] = [uel_hit(0.8)]  # between review (0.70) and block (0.90): review
    far = date(2099, 12, 31)  # the allow-list test moves orders to today's date
    svc.add_licence(c, dy_licence(end_user=None, valid_until=far), actor="o", roles=OFFICER)
    svc.add_licence(c, ce_licence(end_user=None, valid_until=far), actor="o", roles=OFFICER)
    r = check(c, example_order(end_user=LISTED), fake)
    assert r["decision"] == "hold" and r["hold_id"] is not None
    return r


def test_hold_needs_two_different_compliance_officers(
    container: Container, example_order, fake_screening
) -> None:
    r = _held_order(container, example_order, fake_screening)
    hold = r["hold_id"]
    assert [h["hold_id"] for h in svc.list_holds(container)] == [hold]
    # checking again does not queue the same hold twice
    assert check(container, example_order(end_user=LISTED), fake_screening)["hold_id"] == hold
    with pytest.raises(Forbidden):
        svc.approve_hold(container, hold, actor="trader1", roles={Role.TRADER}, note="")
    with pytest.raises(Forbidden):
        svc.approve_hold(container, hold, actor="boss", roles={Role.ADMIN}, note="")
    assert svc.approve_hold(container, hold, actor="alice", roles=OFFICER)["status"] == "pending"
    with pytest.raises(RuleViolation, match="already approved"):
        svc.approve_hold(container, hold, actor="alice", roles=OFFICER)
    assert check(container, example_order(end_user=LISTED), fake_screening)["decision"] == "hold"
    h = svc.approve_hold(container, hold, actor="bob", roles=OFFICER)
    assert h["status"] == "released" and [a["username"] for a in h["approvals"]] == ["alice", "bob"]
    r2 = check(container, example_order(end_user=LISTED), fake_screening)
    assert r2["decision"] == "clear"
    eu = next(p for p in r2["parties"] if p["role"] == "end_user")
    assert eu["hits"][0]["outcome"] == "released" and "alice and bob" in eu["reasons"][0]
    # the release covers that hit as seen: a changed list entry needs a new review
    fake_screening.hits[LISTED] = [uel_hit(0.8, fingerprint="fp-2")]
    assert check(container, example_order(end_user=LISTED), fake_screening)["decision"] == "hold"
    actions = [rec.action for rec in audit.records(container)]
    assert "hold.approved" in actions and "hold.released" in actions
    assert audit.verify(container).ok


def test_a_rejected_hold_blocks_the_order(container: Container, example_order, fake_screening) -> None:
    r = _held_order(container, example_order, fake_screening)
    svc.reject_hold(container, r["hold_id"], actor="alice", roles=OFFICER, note="confirmed match")
    with pytest.raises(RuleViolation, match="already rejected"):
        svc.approve_hold(container, r["hold_id"], actor="bob", roles=OFFICER)
    r2 = check(container, example_order(end_user=LISTED), fake_screening)
    assert r2["decision"] == "blocked" and "rejected by alice" in r2["reasons"][0]


def test_allow_list_silences_only_the_exact_hit_until_it_changes_or_expires(
    container: Container, example_order, fake_screening
) -> None:
    r = _held_order(container, example_order, fake_screening)
    hit = next(p for p in r["parties"] if p["role"] == "end_user")["hits"][0]
    today = date.today()
    with pytest.raises(Forbidden):
        svc.add_allow_entry(
            container,
            party_name=LISTED,
            list_name="mofcom-uel",
            entry_id=hit["entry_id"],
            entry_fingerprint=hit["entry_fingerprint"],
            expires_on=date(today.year + 1, 1, 1),
            reason="different company",
            actor="t",
            roles={Role.TRADER},
        )
    expiry = today + timedelta(days=30)
    e = svc.add_allow_entry(
        container,
        party_name=LISTED,
        list_name="mofcom-uel",
        entry_id=hit["entry_id"],
        entry_fingerprint=hit["entry_fingerprint"],
        expires_on=expiry,
        reason="different company",
        actor="alice",
        roles=OFFICER,
    )
    now = today.isoformat()
    r1 = check(container, example_order(end_user=LISTED, date=now), fake_screening)
    assert r1["decision"] == "clear"
    eu = next(p for p in r1["parties"] if p["role"] == "end_user")
    assert eu["hits"][0]["outcome"] == "allowed" and f"allow-list entry {e['id']}" in eu["reasons"][0]
    # another entry of the same list, same party: not silenced
    fake_screening.hits[LISTED] = [uel_hit(0.8), uel_hit(0.8, entry_id="UEL-OTHER")]
    assert check(container, example_order(end_user=LISTED, date=now), fake_screening)["decision"] == "hold"
    # the same entry, changed on the list (new fingerprint): not silenced
    fake_screening.hits[LISTED] = [uel_hit(0.8, fingerprint="fp-changed")]
    assert check(container, example_order(end_user=LISTED, date=now), fake_screening)["decision"] == "hold"
    # another party with the same hit: not silenced
    fake_screening.hits = {"Other Buyer Ltd": [uel_hit(0.8)]}
    o = example_order(end_user="Other Buyer Ltd", date=now)
    assert check(container, o, fake_screening)["decision"] == "hold"
    # the original hit on an order dated after the expiry: not silenced
    fake_screening.hits = {LISTED: [uel_hit(0.8)]}
    later = example_order(end_user=LISTED, date=(expiry + timedelta(days=1)).isoformat())
    assert check(container, later, fake_screening)["decision"] == "hold"
    # nor, once the entry has expired, on an order dated before the expiry
    with container.uow() as uow:
        uow.session.execute(update(AllowEntryRow).values(expires_on=today - timedelta(days=1)))
        uow.commit()
    assert check(container, example_order(end_user=LISTED, date=now), fake_screening)["decision"] == "hold"


def test_a_checked_document_does_not_ship(container: Container, example_order, fake_screening) -> None:
    """Only a sales order ships (tests/compliance/test_shipping.py); a document checked under an id is a
    decision, and shipping under that id draws nothing down."""
    svc.add_licence(container, dy_licence(quantity_kg=800.0), actor="o", roles=OFFICER)
    svc.add_licence(container, ce_licence(), actor="o", roles=OFFICER)
    assert check(container, example_order(), fake_screening)["decision"] == "clear"
    with pytest.raises(NotFound, match="no sales order 'EX-2026-0042'"):
        svc.ship_order(
            container, "EX-2026-0042", actor="t", on=date(2026, 3, 5), screening=fake_screening.as_service()
        )
    assert [x.drawn_kg for x in svc.list_licences(container)] == [0.0, 0.0]


def test_draw_down_refuses_expired_and_exhausted_licences(container: Container) -> None:
    svc.add_licence(container, dy_licence(quantity_kg=600.0), actor="o", roles=OFFICER)
    lic = svc.draw_down(container, "DU-2026-001", 400.0, order_id="A", line=1, on=date(2026, 5, 1), actor="t")
    assert lic.remaining_kg == 200.0
    with pytest.raises(RuleViolation, match="200 kg left"):
        svc.draw_down(container, "DU-2026-001", 250.0, order_id="B", line=1, on=date(2026, 5, 2), actor="t")
    with pytest.raises(RuleViolation, match="expired on 2026-12-31"):
        svc.draw_down(container, "DU-2026-001", 10.0, order_id="C", line=1, on=date(2027, 1, 1), actor="t")
    svc.draw_down(container, "DU-2026-001", 200.0, order_id="D", line=1, on=date(2026, 5, 3), actor="t")
    with pytest.raises(RuleViolation, match="exhausted"):
        svc.draw_down(container, "DU-2026-001", 1.0, order_id="E", line=1, on=date(2026, 5, 4), actor="t")
    assert [x.remaining_kg for x in svc.list_licences(container)] == [0.0]


def test_adding_licences_needs_the_role_and_unique_numbers(container: Container) -> None:
    with pytest.raises(Forbidden):
        svc.add_licence(container, dy_licence(), actor="t", roles={Role.TRADER})
    svc.add_licence(container, dy_licence(), actor="o", roles=OFFICER)
    with pytest.raises(Conflict):
        svc.add_licence(container, dy_licence(), actor="o", roles=OFFICER)


@pytest.mark.postgres
def test_concurrent_draw_downs_never_overdraw(pg_committing_container: Container) -> None:
    import threading

    c = pg_committing_container
    svc.add_licence(c, dy_licence(quantity_kg=1000.0), actor="o", roles=OFFICER)
    results: list[str] = []
    barrier = threading.Barrier(4)

    def worker(i: int) -> None:
        barrier.wait()
        try:
            svc.draw_down(c, "DU-2026-001", 400.0, order_id=f"O{i}", line=1, on=date(2026, 5, 1), actor="t")
            results.append("ok")
        except (RuleViolation, Conflict):
            results.append("refused")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 2
    (lic,) = svc.list_licences(c)
    assert lic.drawn_kg == 800.0
    assert audit.verify(c).ok
