"""The register's CSV files: every bad field is named with its file, row and field."""

from __future__ import annotations

import pytest

from reechain.domain.errors import InvalidInput
from reechain.risk.register_file import read_documents, read_ownership, read_parties

PARTIES = "id,name,schema,country\nP1,Alpha Ltd,Company,DE\nP2,Beta GmbH,,de\n"


def test_parties_read_with_optional_columns() -> None:
    text = (
        "id,name,schema,country,roles,other_names,registration_ids,transit_countries,red_flags,late_payments,x\n"
        "P1,Alpha Ltd,Company,CN,customer;bank,阿尔法有限公司,USCC:9111,AE;SG,circumstance_cash,2,ignored\n"
    )
    [p] = read_parties(text, "p.csv", {"circumstance_cash"})
    assert p.roles == ("customer", "bank") and p.transit_countries == ("AE", "SG")
    assert [(n.name, n.script) for n in p.names()] == [("Alpha Ltd", "Latin"), ("阿尔法有限公司", "Han")]
    assert p.registration_ids == (("USCC", "9111"),) and p.late_payments == 2
    assert read_parties(PARTIES, "p.csv")[1].schema is None  # empty: screened both ways


def _problems(e: pytest.ExceptionInfo[InvalidInput]) -> list[tuple[str | None, int | None]]:
    return [(p.field, p.line) for p in e.value.problems]


def test_missing_column_names_the_file_and_column() -> None:
    with pytest.raises(InvalidInput) as e:
        read_parties("id,name,country\nP1,A,DE\n", "parties.csv")
    assert "parties.csv" in e.value.message and _problems(e) == [("schema", 1)]


def test_bad_party_rows_are_all_reported() -> None:
    text = "id,name,schema,country,roles\nP1,A,Robot,DEU,\nP1,,Company,,seller\n"
    with pytest.raises(InvalidInput) as e:
        read_parties(text, "parties.csv")
    assert _problems(e) == [("schema", 2), ("country", 2), ("id", 3), ("name", 3), ("roles", 3)]


def test_ownership_errors_unknown_owner_share_above_one_nan_and_totals() -> None:
    text = "owner_id,owned_id,share\nP9,P1,0.5\nP2,P1,1.5\nP2,P1,nan\nP1,P1,0.1\nP1,P2,0.7\nP2x,P2,x\n"
    with pytest.raises(InvalidInput) as e:
        read_ownership(text, "own.csv", {"P1", "P2"})
    assert "own.csv" in e.value.message
    got = _problems(e)
    assert ("owner_id", 2) in got  # unknown owner P9
    assert ("share", 3) in got  # 1.5 above 1
    assert ("share", 4) in got  # nan
    assert ("owned_id", 5) in got  # owns itself
    assert ("owner_id", 7) in got and ("share", 7) in got


def test_shares_of_one_entity_may_not_exceed_one() -> None:
    with pytest.raises(InvalidInput) as e:
        read_ownership("owner_id,owned_id,share\nA,C,0.6\nB,C,0.5\n", "o.csv", {"A", "B", "C"})
    assert _problems(e) == [("share", 3)] and "1.1" in e.value.problems[0].reason


def test_documents_bad_kind_and_date() -> None:
    text = "party_id,kind,reference,expires_on\nP1,passport,X,2027-01-01\nP1,business_licence,Y,31/12/2026\n"
    with pytest.raises(InvalidInput) as e:
        read_documents(text, "docs.csv", {"P1"})
    assert _problems(e) == [("kind", 2), ("expires_on", 3)]
