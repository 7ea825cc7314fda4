"""Rules as dated data: effective, suspended, lapsed, and edits without code changes."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reechain.compliance.rules import PACKAGED_RULES_DIR, Status, load_rules
from reechain.domain.errors import InvalidInput

BOOK = load_rules()


@pytest.mark.parametrize(
    ("measure", "day", "status"),
    [
        ("MOFCOM_GAC_2025_18", date(2025, 4, 3), Status.NOT_YET_EFFECTIVE),
        ("MOFCOM_GAC_2025_18", date(2025, 4, 4), Status.IN_FORCE),
        ("MOFCOM_GAC_2025_18", date(2026, 1, 15), Status.IN_FORCE),  # No. 70 does not suspend No. 18
        ("MOFCOM_GAC_2025_57", date(2025, 11, 6), Status.NOT_YET_EFFECTIVE),
        ("MOFCOM_GAC_2025_57", date(2025, 11, 8), Status.SUSPENDED),
        ("MOFCOM_GAC_2025_57", date(2026, 11, 10), Status.SUSPENDED),  # last day of the suspension
        ("MOFCOM_GAC_2025_57", date(2026, 11, 11), Status.IN_FORCE),  # the suspension has ended
        ("MOFCOM_2025_61", date(2025, 10, 9), Status.IN_FORCE),
        ("MOFCOM_2025_61", date(2025, 11, 6), Status.IN_FORCE),
        ("MOFCOM_2025_61", date(2025, 11, 7), Status.SUSPENDED),
        ("MOFCOM_2025_62", date(2026, 6, 1), Status.SUSPENDED),
        ("MOFCOM_EXPORT_LICENCE_GOODS_2026", date(2025, 12, 31), Status.NOT_YET_EFFECTIVE),
        ("MOFCOM_EXPORT_LICENCE_GOODS_2026", date(2026, 12, 31), Status.IN_FORCE),
        ("MOFCOM_EXPORT_LICENCE_GOODS_2026", date(2027, 1, 1), Status.LAPSED),
        ("MOFCOM_GAC_2025_70", date(2026, 11, 10), Status.IN_FORCE),
        ("MOFCOM_GAC_2025_70", date(2026, 11, 11), Status.LAPSED),
    ],
)
def test_status_as_of(measure: str, day: date, status: Status) -> None:
    assert BOOK.status(BOOK.by_id(measure), day)[0] is status


def test_the_suspension_names_its_source() -> None:
    status, why = BOOK.status(BOOK.by_id("MOFCOM_GAC_2025_56"), date(2026, 3, 2))
    assert status is Status.SUSPENDED
    assert "MOFCOM_GAC_2025_70" in why and "2026-11-10" in why


def test_after_the_suspension_the_reason_says_it_ended() -> None:
    status, why = BOOK.status(BOOK.by_id("MOFCOM_GAC_2025_57"), date(2026, 11, 11))
    assert status is Status.IN_FORCE and "suspension by MOFCOM_GAC_2025_70 ended on 2026-11-10" in why


def test_no_18_lists_the_seven_elements_and_their_codes() -> None:
    m = BOOK.by_id("MOFCOM_GAC_2025_18")
    assert m.scope.elements == {"Sm", "Gd", "Tb", "Dy", "Lu", "Sc", "Y"}
    assert m.control_codes["Sm"].code == "1C902" and m.control_codes["Sm"].verified
    assert m.control_codes["Dy"].code == "1C905" and not m.control_codes["Dy"].verified
    assert {"metal", "alloy", "magnet", "oxide", "compound"} <= m.scope.forms


def test_the_licence_catalogue_holds_the_rare_earth_hs_lines() -> None:
    m = BOOK.by_id("MOFCOM_EXPORT_LICENCE_GOODS_2026")
    assert "2846901500" in m.scope.hs_codes  # dysprosium oxide
    assert "2805301200" in m.scope.hs_codes  # dysprosium metal
    assert all(code[:4] in {"2530", "2805", "2846", "7202"} for code in m.scope.hs_codes)


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)))
def test_each_measure_has_exactly_one_status_and_in_force_agrees(day: date) -> None:
    in_force = {m.id for m in BOOK.in_force(day)}
    for m in BOOK.measures:
        status, why = BOOK.status(m, day)
        assert (m.id in in_force) == (status is Status.IN_FORCE)
        assert why
        if day < m.effective:
            assert status is Status.NOT_YET_EFFECTIVE


def _copy_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(PACKAGED_RULES_DIR, folder)
    return folder


def test_a_user_adds_a_measure_by_editing_yaml(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    (folder / "group_extra.yaml").write_text(
        """
measures:
  - id: GROUP_POLICY_PR_2026
    title: Group policy - PrNd oxide exports need an export licence
    issuer: [Group compliance]
    effective: 2026-05-01
    lapses: 2026-06-01
    satisfied_by: [export]
    scope: {elements: [Pr, Nd], forms: [oxide]}
    source: [internal memo]
""",
        encoding="utf-8",
    )
    book = load_rules(folder)
    assert book.version != BOOK.version
    m = book.by_id("GROUP_POLICY_PR_2026")
    assert book.status(m, date(2026, 4, 30))[0] is Status.NOT_YET_EFFECTIVE
    assert book.status(m, date(2026, 5, 31))[0] is Status.IN_FORCE
    assert book.status(m, date(2026, 6, 1))[0] is Status.LAPSED


def test_extending_the_suspension_is_a_data_change(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    p = folder / "measures_2025.yaml"
    p.write_text(
        p.read_text(encoding="utf-8").replace("until: 2026-11-10", "until: 2027-11-10"), encoding="utf-8"
    )
    book = load_rules(folder)
    day = date(2026, 11, 11)
    assert book.status(book.by_id("MOFCOM_GAC_2025_57"), day)[0] is Status.SUSPENDED
    assert book.status(book.by_id("MOFCOM_GAC_2025_57"), day + timedelta(days=366))[0] is Status.IN_FORCE


def test_bad_rule_files_are_refused_with_every_problem_named(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    (folder / "broken.yaml").write_text(
        """
measures:
  - id: BAD_ONE
    effective: 2026-13-01
    satisfied_by: [permit]
    scope: {forms: [powder]}
  - id: MOFCOM_GAC_2025_18
    effective: 2025-01-01
""",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as e:
        load_rules(folder)
    text = str(e.value)
    assert "BAD_ONE.effective" in text
    assert "permit" in text and "powder" in text
    assert "MOFCOM_GAC_2025_18" in text and "more than once" in text
