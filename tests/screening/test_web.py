"""The screening page and REST endpoints through the test client (both databases)."""

from __future__ import annotations

from pathlib import Path

from reechain.bootstrap import Container
from reechain.domain.roles import Role
from reechain.services import screening

from .helpers import api_client, csrf, page_client

OWN = (
    "entry_id,name,schema,country,aliases\n"
    "G-1,武汉晓睿智科技有限责任公司,Company,CN,WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY LIMITED\n"
    "G-2,Example Shipping Co. Ltd.,Company,HK,\n"
)


def test_page_screens_a_party_and_shows_the_evidence(container: Container, tmp_path: Path) -> None:
    f = tmp_path / "own.csv"
    f.write_text(OWN, encoding="utf-8")
    screening.import_list(container, f, "csv", "own")
    client = page_client(container, Role.TRADER)
    html = client.get("/screening").text
    assert 'data-testid="list-versions"' in html and "own" in html
    r = client.post(
        "/screening/screen",
        data={
            "name": "武漢曉睿智科技有限責任公司",
            "schema": "Company",
            "country": "",
            "csrf_token": csrf(client, "/screening"),
        },
    )
    assert r.status_code == 200
    assert 'data-testid="hits"' in r.text and "G-1" in r.text and "transliteration" in r.text
    # a trader may screen but not import
    r = client.post(
        "/screening/import",
        data={"format": "csv", "list_name": "own", "csrf_token": csrf(client, "/screening")},
        files={"file": ("own.csv", OWN.encode(), "text/csv")},
    )
    assert r.status_code == 403


def test_officer_imports_in_the_browser_form_and_sees_the_diff(container: Container) -> None:
    client = page_client(container, Role.COMPLIANCE_OFFICER)
    token = csrf(client, "/screening")
    r = client.post(
        "/screening/import",
        data={"format": "csv", "list_name": "own", "csrf_token": token},
        files={"file": ("own.csv", OWN.encode(), "text/csv")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    bad = OWN.replace("G-2,Example Shipping Co. Ltd.,Company,HK", "G-2,,Company,HK")
    r = client.post(
        "/screening/import",
        data={"format": "csv", "list_name": "own", "csrf_token": token},
        files={"file": ("bad.csv", bad.encode(), "text/csv")},
    )
    assert r.status_code == 422 and "line 3" in r.text
    v2 = OWN.replace("G-2,Example Shipping Co. Ltd.,Company,HK,\n", "G-3,Other GmbH,Company,DE,\n")
    client.post(
        "/screening/import",
        data={"format": "csv", "list_name": "own", "csrf_token": token},
        files={"file": ("v2.csv", v2.encode(), "text/csv")},
    )
    assert screening.active_list_versions(container) == {"own": 2}
    html = client.get("/screening?list=own&from=1&to=2").text
    assert "1 added, 1 removed, 0 changed" in html


def test_api_screen_score_versions_and_diff(container: Container) -> None:
    officer = api_client(container, Role.COMPLIANCE_OFFICER)
    r = officer.post(
        "/api/screening/lists/own/import", data={"format": "csv"}, files={"file": ("own.csv", OWN.encode())}
    )
    assert r.status_code == 201 and r.json()["version"] == 1
    r = officer.post("/api/screening/screen", json={"name": "Wuhan Xiaoruizhi Technology Co Ltd"})
    body = r.json()
    assert body["list_versions"] == {"own": 1}
    assert [h["entry_id"] for h in body["hits"]] == ["G-1"]
    assert {"name", "score", "detail"} <= set(body["hits"][0]["features"][0])
    r = officer.post(
        "/api/screening/score", json={"left": "赵光宗", "right": "Guangzong ZHAO", "schema": "Person"}
    )
    assert r.json()["score"] == 1.0
    assert officer.get("/api/screening/lists").json()["active"] == {"own": 1}
    r = officer.get("/api/screening/lists/own/diff")
    assert r.status_code == 422  # only one version
    r = officer.get("/api/screening/lists/nope/diff")
    assert r.status_code == 404
    auditor = api_client(container, Role.AUDITOR)
    r = auditor.post(
        "/api/screening/lists/own/import", data={"format": "csv"}, files={"file": ("o.csv", b"x")}
    )
    assert r.status_code == 403
