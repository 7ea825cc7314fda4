"""Scenario files: the starter example parses; each bad field is named in the error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reechain.domain.errors import InvalidInput
from reechain.market.scenario import load_scenario, month_index, month_text, parse_scenario, parse_shock

GOOD: dict[str, Any] = {
    "start": "2026-01",
    "months": 24,
    "runs": 10,
    "seed": 3,
    "shocks": [
        {
            "kind": "export_licensing",
            "country": "CN",
            "elements": ["Tb"],
            "start": "2026-03",
            "end": "2026-08",
            "export_share_allowed": 0.5,
        },
    ],
}


def _fields(e: InvalidInput) -> set[str | None]:
    return {p.field for p in e.problems}


def test_the_starter_example_parses(shared_dir: Path) -> None:
    sc = load_scenario(shared_dir / "examples" / "scenario.yaml")
    assert (sc.months, sc.runs, sc.seed) == (24, 500, 3)
    assert [s.kind for s in sc.shocks] == ["export_licensing", "mine_outage"]
    assert sc.shocks[1].elements == ("Tb", "Dy") or sc.shocks[1].elements == ("Tb", "Dy")[::-1]
    assert month_text(sc.base_month) == "2026-02"  # the month before the first shock (2026-03)
    assert load_scenario(shared_dir / "examples" / "scenario.yaml", runs=7, seed=9).runs == 7


def test_months_round_trip() -> None:
    assert month_index("2026-03") == 2026 * 12 + 2
    assert month_text(month_index("1999-12")) == "1999-12"


@given(st.integers(min_value=0, max_value=9999 * 12 + 11))
def test_month_text_inverts_month_index(i: int) -> None:
    assert month_index(month_text(i)) == i


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"elements": ["Xx"]}, "shocks[0].elements"),
        ({"end": "2026-02"}, "shocks[0].end"),
        ({"export_share_allowed": 1.5}, "shocks[0].export_share_allowed"),
        ({"export_share_allowed": -0.1}, "shocks[0].export_share_allowed"),
        ({"kind": "embargo"}, "shocks[0].kind"),
        ({"start": "2026-13"}, "shocks[0].start"),
        ({"country": "US"}, "shocks[0].country"),
        ({"colour": "red"}, "shocks[0].colour"),
    ],
)
def test_a_bad_shock_field_is_named(change: dict[str, object], field: str) -> None:
    d = {**GOOD, "shocks": [{**GOOD["shocks"][0], **change}]}
    with pytest.raises(InvalidInput) as e:
        parse_scenario(d)
    assert field in _fields(e.value)


def test_every_bad_field_is_reported_at_once() -> None:
    d = {
        **GOOD,
        "months": 0,
        "shocks": [
            {
                "kind": "mine_outage",
                "elements": ["Nd", "Qq"],
                "start": "2026-05",
                "end": "2026-01",
                "change": 0.2,
                "country": "MM",
            }
        ],
    }
    with pytest.raises(InvalidInput) as e:
        parse_scenario(d)
    assert {"months", "shocks[0].elements", "shocks[0].end", "shocks[0].change"} <= _fields(e.value)
    assert "Qq" in str(e.value)


def test_parse_shock_is_public_and_checks_each_kind_has_its_size() -> None:
    s = parse_shock(
        {
            "kind": "stockpile",
            "country": "US",
            "elements": "all",
            "start": "2027-01",
            "end": "2027-06",
            "tonnes_per_month": 20,
        }
    )
    assert len(s.elements) == 17 and s.tonnes_per_month == 20.0
    with pytest.raises(InvalidInput) as e:
        parse_shock(
            {"kind": "export_quota", "elements": ["Dy"], "start": "2027-01", "end": "2027-06"}, "signal"
        )
    assert _fields(e.value) == {"signal.change"}
    assert parse_shock(s.as_dict()) == s
