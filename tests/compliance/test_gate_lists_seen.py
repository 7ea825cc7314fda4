"""A check screens under the lists its process saw last and confirms them inside its decision's transaction:
a list import in between is noticed and the parties are screened again under the new lists. A repeated check
costs one transaction of a few statements, and a server process warms up before its first check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event

from reechain.bootstrap import Container
from reechain.services import compliance as svc
from reechain.services import screening
from reechain.services.compliance import party_screening
from reechain.services.compliance.warm_up import warm_up

LISTED = "Zhou Xiaoming Rare Metals Trading Co., Ltd."


def _own_list(tmp_path: Path, version: int, names: list[str]) -> Path:
    path = tmp_path / f"own-v{version}.csv"
    rows = ["entry_id,name,schema,country,aliases"]
    rows += [f'OWN-{i},"{n}",Company,CN,' for i, n in enumerate(names)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _end_user(result: dict[str, Any]) -> dict[str, Any]:
    return next(p for p in result["parties"] if p["role"] == "end_user")


def test_a_list_import_between_two_checks_is_seen_by_the_second(
    container: Container, example_order, tmp_path: Path
) -> None:
    c = container
    screening.import_list(c, _own_list(tmp_path, 1, ["Northern Lights Shipping Ltd."]), "csv", "own")
    first = svc.check_order(c, example_order(end_user=LISTED), actor="t")
    assert first["list_versions"] == {"own": 1} and _end_user(first)["decision"] == "clear"
    assert party_screening.lists_seen(c) is not None  # the next check screens under these without a read

    screening.import_list(c, _own_list(tmp_path, 2, ["Northern Lights Shipping Ltd.", LISTED]), "csv", "own")
    second = svc.check_order(c, example_order(end_user=LISTED), actor="t")
    assert second["list_versions"] == {"own": 2}
    party = _end_user(second)
    # a group's own list holds for review (only the block lists of the policy block)
    assert second["decision"] == "hold" and party["decision"] == "hold"
    assert party["hits"][0]["entry_id"] == "OWN-1" and party["hits"][0]["score"] == 1.0
    assert party_screening.lists_seen(c)[0][:2] == ("own", 2)


def test_a_repeated_check_is_one_transaction_of_few_statements(
    container: Container, example_order, tmp_path: Path
) -> None:
    c = container
    screening.import_list(c, _own_list(tmp_path, 1, ["Northern Lights Shipping Ltd."]), "csv", "own")
    svc.check_order(c, example_order(), actor="t")
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *rest: object) -> None:
        statements.append(statement)

    event.listen(c.engine, "before_cursor_execute", count)
    try:
        result = svc.check_order(c, example_order(), actor="t")
    finally:
        event.remove(c.engine, "before_cursor_execute", count)
    assert result["decision"] in ("clear", "licence_required")
    body = [s for s in statements if not s.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]
    # lists in force, licences, allow-list, holds, check row, audit head, head update, audit record, result
    assert len(body) <= 9, body
    assert not any("screening_list_entries" in s for s in body)  # the parties' hits came from the cache
    assert sum("screening_list_versions" in s for s in body) == 1


def test_warm_up_loads_the_screener_and_survives_a_database_that_does_not_answer(
    container: Container, tmp_path: Path
) -> None:
    screening.forget_screeners()
    screening.import_list(container, _own_list(tmp_path, 1, [LISTED]), "csv", "own")
    assert warm_up(container) >= 0.0
    lists = party_screening.lists_seen(container)
    assert lists is not None and lists[0][:2] == ("own", 1)
    assert screening.screener(container, lists).name_count >= 1

    def broken() -> Any:
        raise RuntimeError("database down")

    dead = Container(settings=container.settings, engine=container.engine, session_factory=broken)  # type: ignore[arg-type]
    assert warm_up(dead) >= 0.0  # logged, not raised
