"""Contracts through the API (bearer tokens) and the pages (session, CSRF): upload, compare, approve."""

from __future__ import annotations

from fastapi.testclient import TestClient

from reechain.api.app import create_app
from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.risk.contracts import library
from reechain.services import sales
from reechain.services.auth import create_user, issue_token

PASSWORD = "correct-horse-1"


def form_text(code: str = "S-MT-1") -> str:
    return "\n".join(f"{c.label} {c.text}" for c in library.template(code).text().clauses)


def client_for(c: Container, name: str, *roles: Role) -> TestClient:
    create_user(c, name, roles, PASSWORD)
    client = TestClient(create_app(c), raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {issue_token(c, name)}"
    return client


def test_api_compare_review_and_decide(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    rita = client_for(c, "rita", Role.RISK_MANAGER)
    lee = client_for(c, "lee", Role.LEGAL)
    analyst = client_for(c, "ann", Role.ANALYST)

    forms = rita.get("/api/contracts/templates").json()
    assert [f["code"] for f in forms] == ["S-OX-2", "S-MT-1", "LTO-1", "TOL-1", "P-CC-1"]

    text = form_text().replace("shall not exceed 50 %", "shall not exceed 150 %")
    files = {"file": ("mt.md", text.encode(), "text/markdown")}
    r = analyst.post("/api/contracts/compare", data={"template_code": "S-MT-1"}, files=files)
    assert r.status_code == 200, r.text
    assert r.json()["deviations"][0] | {"template_text": "", "contract_text": "", "reason": ""} == {
        "clause": "8.1",
        "contract_clause": "8.1",
        "kind": "changed",
        "category": "number",
        "template_text": "",
        "contract_text": "",
        "severity": "major",
        "approver_role": "legal",
        "reason": "",
    }
    assert (
        analyst.post(
            "/api/contracts/reviews", data={"contract_code": "K1", "template_code": "S-MT-1"}, files=files
        ).status_code
        == 403
    )

    r = rita.post(
        "/api/contracts/reviews", data={"contract_code": "K1", "template_code": "S-MT-1"}, files=files
    )
    assert r.status_code == 201, r.text
    review = r.json()
    assert review["status"] == "pending" and review["waiting_for"] == ["legal"]
    marked = [row for row in review["rows"] if row["deviation"] is not None]
    assert len(marked) == 1 and ["replace", "50", "150"] in marked[0]["changes"]

    assert (
        rita.post(
            f"/api/contracts/reviews/{review['id']}/decisions", json={"role": "legal", "approve": True}
        ).status_code
        == 403
    )
    r = lee.post(
        f"/api/contracts/reviews/{review['id']}/decisions",
        json={"role": "legal", "approve": True, "note": "ok"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "approved" and r.json()["approvals"][0]["username"] == "lee"
    assert [
        x["id"] for x in analyst.get("/api/contracts/reviews", params={"contract_code": "K1"}).json()
    ] == [review["id"]]

    bad = rita.post(
        "/api/contracts/reviews",
        data={"contract_code": "K2", "template_code": "S-MT-1"},
        files={"file": ("broken.docx", b"PK\x03\x04", "application/octet-stream")},
    )
    assert bad.status_code == 422 and "broken.docx" in bad.text
    assert rita.get("/api/contracts/reviews", params={"contract_code": "K2"}).json() == []
    assert rita.get("/api/contracts/reviews/999").status_code == 404


def test_openapi_has_response_models(sqlite_file_container: Container) -> None:
    spec = TestClient(create_app(sqlite_file_container)).get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        if path.startswith("/api/contracts"):
            for method, op in methods.items():
                ok = next(k for k in op["responses"] if k.startswith("2"))
                schema = op["responses"][ok]["content"]["application/json"]["schema"]
                assert "$ref" in schema or "$ref" in schema.get("items", {}), (method, path, schema)


def test_review_page_marks_deviations_and_takes_approvals(sqlite_file_container: Container) -> None:
    c = sqlite_file_container
    from reechain.services import contracts as svc

    review = svc.submit_review(
        c,
        contract_code="K9",
        template_code="S-MT-1",
        file_name="k9.md",
        data=form_text().replace("FCA Baotou", "DAP Rotterdam").encode(),
        actor="rita",
        roles={Role.RISK_MANAGER},
    )
    create_user(c, "sam", [Role.SALES_HEAD], PASSWORD)
    client = TestClient(create_app(c), raise_server_exceptions=False)
    page = client.get("/login").text
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"username": "sam", "password": PASSWORD, "next": "/", "csrf_token": token})
    html = client.get(f"/contracts/reviews/{review['id']}").text
    assert 'data-testid="marked-4.1"' in html
    assert "<del>FCA Baotou</del>" in html and "<ins>DAP Rotterdam</ins>" in html
    token = html.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post(
        f"/contracts/reviews/{review['id']}/decide",
        data={"role": "sales_head", "verdict": "approve", "note": "", "csrf_token": token},
        follow_redirects=True,
    )
    assert "is approved" in r.text
    assert sales.list_orders(c) == []  # the page only decided the review
