"""Reviews and approvals on SQLite and PostgreSQL: a contract with material deviations waits for each
required role, in the audit trail, before an order can be placed under it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import Forbidden, InvalidInput, RuleViolation
from reechain.domain.roles import Role
from reechain.services import audit, sales
from reechain.services import contracts as svc
from reechain.trade.channels import Channel
from reechain.trade.orders import OrderInput
from trade.world import define_trade_world

RISK = frozenset({Role.RISK_MANAGER})
TODAY = date.today()


def form_text() -> str:
    return "\n".join(f"{c.label} {c.text}" for c in svc.library.template("LTO-1").text().clauses)


def edited() -> bytes:
    """LTO-1 with the take-or-pay share cut (→ sales head) and no end-user certificate (→ compliance)."""
    text = form_text().replace("at least 90 % of the annual", "at least 60 % of the annual")
    return text.replace(
        "shall provide an end-user certificate", "shall not provide an end-user certificate"
    ).encode()


def world(c: Container) -> None:
    define_trade_world(c)
    sales.add_contract(
        c,
        sales.ContractInput(
            "LT-7",
            "CUST-CN",
            "LA-OX",
            40.0,
            TODAY - timedelta(days=10),
            TODAY + timedelta(days=300),
            "fixed",
            4000.0,
        ),
    )


def order(code: str) -> OrderInput:
    return OrderInput(code, Channel.LONG_TERM, "CUST-CN", "LA-OX", 1.0, TODAY, contract="LT-7")


def submit(c: Container, data: bytes, *, actor: str = "rita", name: str = "lt7.md") -> dict[str, object]:
    return svc.submit_review(
        c, contract_code="LT-7", template_code="LTO-1", file_name=name, data=data, actor=actor, roles=RISK
    )


def test_orders_wait_for_every_required_approval(container: Container) -> None:
    c = container
    world(c)
    review = submit(c, edited())
    assert review["status"] == "pending" and review["decision"] == "needs_approval"
    assert review["waiting_for"] == ["compliance_officer", "sales_head"]
    assert {(d["clause"], d["category"]) for d in review["deviations"]} == {
        ("3.3", "number"),
        ("9.1", "negation"),
    }  # type: ignore[union-attr]

    with pytest.raises(RuleViolation, match="waits for approval by compliance_officer, sales_head"):
        sales.add_order(c, order("O-1"))

    svc.decide_review(c, review["id"], role="sales_head", approve=True, actor="sam", roles={Role.SALES_HEAD})  # type: ignore[arg-type]
    with pytest.raises(RuleViolation, match="waits for approval by compliance_officer"):
        sales.add_order(c, order("O-1"))

    done = svc.decide_review(
        c,
        review["id"],
        role="compliance_officer",
        approve=True,
        actor="cleo",
        roles={Role.COMPLIANCE_OFFICER},
        note="EUC on file",  # type: ignore[arg-type]
    )
    assert done["status"] == "approved" and done["waiting_for"] == []
    assert sales.add_order(c, order("O-1"))["contract"] == "LT-7"

    actions = [r.action for r in svc.review_trail(c, review["id"])]  # type: ignore[arg-type]
    assert actions == ["contract.reviewed", "contract.approved", "contract.released"]
    v = audit.verify(c, stream=svc.AUDIT_STREAM)
    assert v.ok and v.records == 3


def test_who_may_decide(container: Container) -> None:
    c = container
    world(c)
    review_id = int(submit(c, edited())["id"])  # type: ignore[call-overload]
    with pytest.raises(Forbidden):
        svc.decide_review(c, review_id, role="sales_head", approve=True, actor="rita", roles=RISK)
    with pytest.raises(Forbidden):  # an admin does not stand in for the role
        svc.decide_review(c, review_id, role="sales_head", approve=True, actor="ada", roles={Role.ADMIN})
    with pytest.raises(RuleViolation, match="needs no legal approval"):
        svc.decide_review(c, review_id, role="legal", approve=True, actor="lee", roles={Role.LEGAL})
    both = {Role.SALES_HEAD, Role.RISK_MANAGER}
    own = svc.submit_review(
        c,
        contract_code="LT-7",
        template_code="LTO-1",
        file_name="x.md",
        data=edited(),
        actor="sam",
        roles=both,
    )
    with pytest.raises(RuleViolation, match="another sales_head must decide"):
        svc.decide_review(c, int(own["id"]), role="sales_head", approve=True, actor="sam", roles=both)
    svc.decide_review(
        c, int(own["id"]), role="sales_head", approve=True, actor="sue", roles={Role.SALES_HEAD}
    )
    with pytest.raises(RuleViolation, match="already recorded"):
        svc.decide_review(
            c, int(own["id"]), role="sales_head", approve=True, actor="sid", roles={Role.SALES_HEAD}
        )


def test_rejection_blocks_until_a_standard_contract_is_reviewed(container: Container) -> None:
    c = container
    world(c)
    review_id = int(submit(c, edited())["id"])  # type: ignore[call-overload]
    out = svc.decide_review(
        c, review_id, role="compliance_officer", approve=False, actor="cleo", roles={Role.COMPLIANCE_OFFICER}
    )
    assert out["status"] == "rejected"
    with pytest.raises(RuleViolation, match="was rejected"):
        sales.add_order(c, order("O-2"))
    with pytest.raises(RuleViolation, match="is rejected, not pending"):
        svc.decide_review(c, review_id, role="sales_head", approve=True, actor="sam", roles={Role.SALES_HEAD})
    corrected = submit(c, form_text().replace("\n", "\n\n").encode(), name="lt7-v2.md")  # spacing only
    assert corrected["status"] == "standard" and corrected["deviations"] == []
    assert sales.add_order(c, order("O-2"))["code"] == "O-2"


def test_a_contract_never_reviewed_is_usable(container: Container) -> None:
    world(container)
    assert sales.add_order(container, order("O-3"))["code"] == "O-3"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("bad.docx", b"PK\x03\x04garbage", "bad.docx: not a readable Word"),
        ("e.txt", b"", "e.txt: the file is empty"),
    ],
)
def test_a_bad_file_stores_nothing(container: Container, name: str, data: bytes, says: str) -> None:
    with pytest.raises(InvalidInput, match=says):
        submit(container, data, name=name)
    assert svc.list_reviews(container) == []
    assert audit.records(container, stream=svc.AUDIT_STREAM) == []


def test_only_submitting_roles_may_submit(container: Container, shared_dir: Path) -> None:
    with pytest.raises(Forbidden):
        svc.submit_review(
            container,
            contract_code="LT-7",
            template_code="LTO-1",
            file_name="a.md",
            data=form_text().encode(),
            actor="al",
            roles={Role.ANALYST},
        )
