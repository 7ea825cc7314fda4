"""`reechain risk contract compare` and the review commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app
from reechain.domain.roles import Role
from reechain.risk.contracts import library
from reechain.services.auth import create_user

from .contract_docs import docx_bytes

GROUP = ["risk", "contract"]
"""The command prefix: the one line to change when the commands move under `reechain risk contract`."""
runner = CliRunner()

PW = "pw-123456789"


def cli(*args: str, password: str | None = None) -> tuple[int, str]:
    """Exit code and standard output; ``password`` is typed at the prompt of a write."""
    res = runner.invoke(app, [*GROUP, *args], input=None if password is None else password + "\n")
    return res.exit_code, res.stdout if password is not None else res.output


def compare(*args: str) -> tuple[int, str]:
    return cli("compare", *args)


def test_compare_writes_the_json_of_the_interface(shared_dir: Path, tmp_path: Path) -> None:
    folder = shared_dir / "examples" / "contract"
    out = tmp_path / "edited.json"
    code, log = compare(str(folder / "template.md"), str(folder / "variant_edited.md"), "--json", str(out))
    assert code == 0, log
    data = json.loads(out.read_text())
    assert data["decision"] == "needs_approval"
    assert [(d["clause"], d["kind"]) for d in data["deviations"]] == [("3.2", "changed"), ("5.1", "changed")]
    assert set(data["deviations"][0]) >= {
        "clause", "kind", "category", "template_text", "contract_text", "severity", "approver_role"
    }  # fmt: skip
    assert data["deviations"][0]["template_text"].endswith(
        "USD 1,020.00 per kg, CIF Rotterdam (Incoterms 2020)."
    )
    assert "decision: needs_approval" in log and "sales_head" in log

    out = tmp_path / "formatting.json"
    code, log = compare(
        str(folder / "template.md"), str(folder / "variant_formatting.md"), "--json", str(out)
    )
    assert code == 0, log
    assert json.loads(out.read_text()) | {"template": "", "contract": ""} == {
        "template": "",
        "contract": "",
        "decision": "standard",
        "required_approvals": [],
        "deviations": [],
    }


def test_a_library_code_and_a_word_contract(tmp_path: Path) -> None:
    contract = tmp_path / "signed.docx"
    text = "\n".join(f"{c.label} {c.text}" for c in library.template("TOL-1").text().clauses)
    contract.write_bytes(docx_bytes(text.replace("CNY 8,500 per tonne", "CNY 7,900 per tonne")))
    code, log = compare("TOL-1", str(contract), "--json", "-")
    assert code == 0, log
    data = json.loads(log)
    assert [(d["clause"], d["category"], d["approver_role"]) for d in data["deviations"]] == [
        ("4.1", "number", "sales_head")
    ]


def test_bad_files_exit_2_naming_the_file(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("1. Parties\n1.1 The Seller is X.\n")
    for name, data in (
        ("corrupt.docx", b"PK\x03\x04xx"),
        ("empty.md", b""),
        ("prose.txt", b"No clause here."),
    ):
        bad = tmp_path / name
        bad.write_bytes(data)
        code, log = compare(str(good), str(bad), "--json", str(tmp_path / "out.json"))
        assert code == 2, log
        assert name in log.replace("\n", "")  # the terminal may wrap a long path
        assert not (tmp_path / "out.json").exists()


def test_review_and_decide_from_the_cli(
    sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    create_user(sqlite_file_container, "rita", [Role.RISK_MANAGER], PW)
    create_user(sqlite_file_container, "cleo", [Role.COMPLIANCE_OFFICER], PW)
    text = "\n".join(f"{c.label} {c.text}" for c in library.template("S-OX-2").text().clauses)
    contract = tmp_path / "k.md"
    contract.write_text(text.replace("for any military end use", "for any purpose"))
    code, out = cli("review", "K-1", "S-OX-2", str(contract), "--json", "-", "-u", "rita")
    assert code == 6 and "password" in out  # a name alone does not act
    code, out = cli("review", "K-1", "S-OX-2", str(contract), "-u", "rita", password="wrong-password-1")
    assert code == 6
    code, out = cli("review", "K-1", "S-OX-2", str(contract), "--json", "-", "-u", "rita", password=PW)
    assert code == 0, out
    review = json.loads(out)
    assert review["waiting_for"] == ["compliance_officer"]
    assert [(d["clause"], d["category"]) for d in review["deviations"]] == [("7.2", "text")]
    res = runner.invoke(
        app,
        [*GROUP, "decide", str(review["id"]), "--role", "compliance_officer", "-u", "rita"],
        input=PW + "\n",
    )
    assert res.exit_code == 6 and "compliance_officer" in res.output
    code, out = cli("decide", str(review["id"]), "--role", "compliance_officer", "-u", "cleo", password=PW)
    assert code == 0 and "approved" in out
    code, out = cli("reviews", "--contract", "K-1", "--json", "-")
    assert [r["status"] for r in json.loads(out)] == ["approved"]
