"""The party register on SQLite and PostgreSQL: import all or nothing, scores, the review queue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reechain.bootstrap import Container
from reechain.domain.errors import Forbidden, InvalidInput
from reechain.domain.roles import Role
from reechain.risk.review import add_months
from reechain.services import parties

from .diligence_support import EXAMPLE, RISK, fresh_caches, import_example_register, load_example_list


@pytest.fixture(autouse=True)
def _clean() -> None:
    fresh_caches()


def test_import_screens_applies_the_rule_and_scores(container: Container, tmp_path: Path) -> None:
    load_example_list(container, tmp_path)
    docs = (
        "party_id,kind,reference,expires_on\n"
        "P5,business_licence,SG-1,2020-01-31\n"
        "P6,kyc_questionnaire,Q,2999-01-01\n"
    )
    r = import_example_register(container, docs)
    assert (r.added, r.updated, r.holdings, r.documents) == (6, 0, 5, 2)
    assert (r.listed, r.blocked_by_ownership) == (2, 2)
    p5 = parties.get_party(container, "P5")
    assert p5.summary.band in {"medium", "high"}
    codes = {f["code"]: f["points"] for f in p5.factors}
    assert codes == {"owned_by_listed", "expired_document"} | set() or codes.keys() == {
        "owned_by_listed",
        "expired_document",
    }
    assert codes["owned_by_listed"] == 36 and codes["expired_document"] == 10
    assert [(o.party_id, o.share, o.blocked) for o in p5.owners] == [("P1", 0.4, True)]
    assert [(o.party_id, o.blocked) for o in p5.owned] == [("P6", False)]
    p3 = parties.get_party(container, "P3")
    assert p3.summary.band == "prohibited" and not p3.summary.listed
    assert {e.owned_id for e in p3.graph_edges} >= {"P3", "P4"}
    assert p3.graph_nodes["P1"][1] is True and p3.graph_nodes["P5"][1] is False
    # importing again updates, adds nothing
    assert import_example_register(container).updated == 6


def test_names_in_every_script_are_kept_with_their_script(container: Container) -> None:
    text = (
        "id,name,schema,country,other_names\n"
        "C1,Baotou Example Rare Earth Co.,Company,CN,包头示例稀土有限公司\n"
    )
    parties.import_register(container, text, "p.csv", actor="rita", roles=RISK)
    names = parties.get_party(container, "C1").record.names()
    assert [(n.name, n.script) for n in names] == [
        ("Baotou Example Rare Earth Co.", "Latin"),
        ("包头示例稀土有限公司", "Han"),
    ]


def test_bad_ownership_stores_nothing(container: Container) -> None:
    bad = "owner_id,owned_id,share\nP1,P3,0.30\nP9,P3,0.25\nP3,P4,1.5\n"
    with pytest.raises(InvalidInput) as e:
        parties.import_register(
            container,
            (EXAMPLE / "parties.csv").read_text(encoding="utf-8"),
            "parties.csv",
            actor="rita",
            roles=RISK,
            ownership_text=bad,
            ownership_file="ownership.csv",
        )
    assert "ownership.csv" in e.value.message
    assert [(p.field, p.line) for p in e.value.problems] == [("owner_id", 3), ("share", 4)]
    assert parties.register_size(container) == 0


def test_only_a_risk_manager_imports_or_reviews(container: Container) -> None:
    with pytest.raises(Forbidden):
        parties.import_register(
            container, "id,name,schema,country\nA,B,,\n", "p.csv", actor="t", roles={Role.TRADER}
        )
    with pytest.raises(Forbidden):
        parties.import_register(
            container, "id,name,schema,country\nA,B,,\n", "p.csv", actor="a", roles={Role.AUDITOR}
        )


def test_review_queue_and_review(container: Container, tmp_path: Path) -> None:
    load_example_list(container, tmp_path)
    import_example_register(container)
    today = date.today()
    due = parties.due_reviews(container, today)
    assert [p.party_id for p in due][:4] == ["P1", "P2", "P3", "P4"]  # prohibited first
    assert {p.party_id for p in due} == {f"P{i}" for i in range(1, 7)}
    r = parties.review_party(container, "P5", note="UBO checked", actor="rita", roles=RISK, on=today)
    assert (r.band, r.score) == ("medium", 36)  # 40 % held by P1: round(45 × 0.4 / 0.5)
    assert "P5" not in {p.party_id for p in parties.due_reviews(container, today)}
    view = parties.get_party(container, "P5")
    assert view.reviewed_by == "rita" and view.reviews[0].note == "UBO checked"
    assert view.summary.review_due_on == add_months(today, 12)  # medium: every 12 months


def test_a_register_screened_by_worker_processes_scores_as_one_process_does(
    container: Container, tmp_path: Path
) -> None:
    load_example_list(container, tmp_path)
    rows = ["id,name,schema,country"] + [f"R{i},Harbour {i} Freight GmbH,Company,DE" for i in range(700)]
    rows[601] = "R600,Crescent Alloy Trading FZE,Company,AE"  # a listed name in the second chunk of 500
    text = "\n".join(rows) + "\n"
    one = parties.import_register(container, text, "r.csv", actor="rita", roles=RISK)
    before = {p.party_id: (p.band, p.listed, p.score) for p in parties.list_parties(container, limit=1000)}
    two = parties.import_register(container, text, "r.csv", actor="rita", roles=RISK, processes=2)
    after = {p.party_id: (p.band, p.listed, p.score) for p in parties.list_parties(container, limit=1000)}
    assert (one.added, two.updated, one.listed, two.listed) == (700, 700, 1, 1)
    assert after == before and before["R600"][1] is True
