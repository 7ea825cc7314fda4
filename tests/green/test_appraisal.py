"""Upgrade appraisal against hand-computed values and numpy-financial."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from reechain.cli import app
from reechain.domain.errors import InvalidInput
from reechain.green.appraisal import UpgradeProject, appraise, irr, payback
from reechain.green.appraisal_file import parse_projects

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plants.md"


def project(**kw: object) -> UpgradeProject:
    base: dict[str, object] = dict(
        id="p",
        capex=(120.0, 80.0),
        annual_savings=65.0,
        annual_opex_change=10.0,
        life_years=10,
        discount_rate=0.08,
        tax_rate=0.25,
        construction_years=2,
    )
    base.update(kw)
    return UpgradeProject(**base)  # type: ignore[arg-type]


def test_the_shared_example_by_hand(shared_dir: Path) -> None:
    (p,) = parse_projects((shared_dir / "examples" / "appraisal.yaml").read_text(), "appraisal.yaml")
    a = appraise(p)
    # operating flow: (65 - 10)(1 - 0.25) + 0.25 * 200 / 10 = 41.25 + 5 = 46.25, at t = 2 … 11
    assert a.cash_flows == (-120.0, -80.0, *([46.25] * 10))
    # cumulative: -120, -200, -153.75, -107.5, -61.25, -15, +31.25 (t = 6): payback 5 + 15 / 46.25
    assert a.payback_years == pytest.approx(5 + 15 / 46.25, rel=1e-12)
    annuity = sum(1.08**-t for t in range(2, 12))
    assert a.npv == pytest.approx(-120 - 80 / 1.08 + 46.25 * annuity, rel=1e-12)
    assert a.npv == pytest.approx(93.2789487972608, rel=1e-9)
    assert a.irr == pytest.approx(0.1646099879823747, rel=1e-9)
    assert a.discounted_payback_years == pytest.approx(6.855613840801352, rel=1e-9)


def test_edges_by_hand() -> None:
    # capex 100 at t=0, then 50 a year for 4 years (no tax): payback 2.0 exactly; IRR solves 100 = 50 a(4, r)
    simple = project(capex=(100.0,), annual_savings=50.0, annual_opex_change=0.0, life_years=4, tax_rate=0.0,
                     construction_years=1, discount_rate=0.0)  # fmt: skip
    a = appraise(simple)
    assert a.payback_years == 2.0 and a.discounted_payback_years == 2.0 and a.npv == 100.0
    assert a.irr is not None and 2 * a.irr == pytest.approx(1 - (1 + a.irr) ** -4, abs=1e-12)
    assert a.irr == pytest.approx(0.349034, abs=1e-6)
    never = appraise(project(annual_savings=12.0, annual_opex_change=10.0))
    assert never.payback_years is None and never.discounted_payback_years is None and never.npv < 0
    # a three-year build with capex only in its first year: operation starts at t = 3
    late = appraise(
        project(capex=(90.0,), construction_years=3, tax_rate=0.0, annual_opex_change=0.0, life_years=2)
    )
    assert late.cash_flows == (-90.0, 0.0, 0.0, 65.0, 65.0)
    assert late.payback_years == pytest.approx(3 + 25 / 65)
    assert payback([5.0, -1.0]) == 0.0
    assert irr([1.0, 2.0]) is None and irr([-1.0, -2.0]) is None


@settings(max_examples=150, deadline=None)
@given(
    capex=st.lists(st.floats(0, 500, allow_subnormal=False), min_size=1, max_size=4),
    savings=st.floats(-50, 200, allow_subnormal=False),
    opex=st.floats(-20, 50, allow_subnormal=False),
    life=st.integers(1, 30),
    rate=st.floats(0, 0.3, allow_subnormal=False),
    tax=st.floats(0, 0.45, allow_subnormal=False),
    extra=st.integers(0, 2),
)
def test_against_numpy_financial(
    capex: list[float], savings: float, opex: float, life: int, rate: float, tax: float, extra: int
) -> None:
    p = project(capex=tuple(capex), annual_savings=savings, annual_opex_change=opex, life_years=life,
                discount_rate=rate, tax_rate=tax, construction_years=len(capex) + extra)  # fmt: skip
    a = appraise(p)
    flows = list(a.cash_flows)
    assert a.npv == pytest.approx(float(npf.npv(rate, flows)), rel=1e-9, abs=1e-9)
    signs = [f > 0 for f in flows if f != 0]
    conventional = sum(1 for x, y in itertools.pairwise(signs) if x != y) == 1 and not signs[0]
    try:
        reference = float(npf.irr(flows))
    except np.linalg.LinAlgError:
        # numpy-financial finds the rate from the roots of the flows' polynomial; a flow that is tiny beside
        # the others (a last flow of 1e-300) overflows its companion matrix and it raises: no reference then
        reference = math.nan
    if conventional and math.isfinite(reference) and -0.9 < reference < 50:
        assume(abs(sum(flows)) > 1e-6)
        # numpy-financial can answer a rate that is no root when the positive flows are vanishingly small
        # ([-1, -1, -1, -2, 5.9e-38] gives 0.5037, where the NPV is -2.7): only a real root is a reference
        assume(abs(float(npf.npv(reference, flows))) <= 1e-6 * max(map(abs, flows)))
        assert a.irr == pytest.approx(reference, rel=1e-6, abs=1e-9), flows
        assert npf.npv(a.irr, flows) == pytest.approx(0, abs=1e-6 * max(map(abs, flows)))
    if a.payback_years is not None and a.discounted_payback_years is not None and rate > 0:
        assert a.discounted_payback_years >= a.payback_years - 1e-9
    if a.payback_years is not None:
        whole = math.floor(a.payback_years)
        assert sum(flows[: whole + 1]) <= 1e-9 * max(1.0, sum(map(abs, flows))) or a.payback_years == whole


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("projects:\n  - {id: a, capex: [.nan], annual_savings: 1, life_years: 2, discount_rate: 0.1}",
         ["projects[0].capex[0]"]),
        ("projects:\n  - {id: a, capex: [-5], annual_savings: .inf, life_years: 0, discount_rate: true}",
         ["projects[0].capex[0]", "projects[0].annual_savings", "projects[0].life_years",
          "projects[0].discount_rate"]),
        ("projects:\n  - {id: a, capex: [1, 2], annual_savings: 1, life_years: 2, discount_rate: 0.1,"
         " tax_rate: 1, construction_years: 1, colour: red}",
         ["projects[0].colour", "projects[0].tax_rate", "projects[0].construction_years"]),
        ("projects:\n  - {id: a, capex: [], life_years: 2, discount_rate: -1}",
         ["projects[0].capex", "projects[0].annual_savings", "projects[0].discount_rate"]),
        ("projects:\n  - {id: a, capex: [1], annual_savings: 1, life_years: 2, discount_rate: 0}\n"
         "  - {id: a, capex: [1], annual_savings: 1, life_years: 2, discount_rate: 0}", ["projects.id"]),
        ("projects: []", ["projects"]),
    ],
)  # fmt: skip
def test_every_bad_field_is_named(text: str, fields: list[str]) -> None:
    with pytest.raises(InvalidInput) as e:
        parse_projects(text, "up.yaml")
    assert e.value.message == "up.yaml is not valid"
    assert [p.field for p in e.value.problems] == fields


def test_bad_yaml_names_the_line() -> None:
    with pytest.raises(InvalidInput) as e:
        parse_projects("projects:\n  - id: a\n    capex: [1, 2\n", "broken.yaml")
    assert e.value.message == "broken.yaml: not valid YAML" and e.value.problems[0].line is not None


def test_one_project_without_a_list_takes_the_file_name() -> None:
    (p,) = parse_projects(
        "capex: [10]\nannual_savings: 5\nlife_years: 4\ndiscount_rate: 0.05\n", "dir/kiln.yaml"
    )
    assert p.id == "kiln" and p.tax_rate == 0.0 and p.annual_opex_change == 0.0 and p.construction_years == 1


def test_cli(shared_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "a.json"
    res = runner.invoke(
        app, ["green", "appraise", str(shared_dir / "examples" / "appraisal.yaml"), "--json", str(out)]
    )
    assert res.exit_code == 0, res.output
    (got,) = json.loads(out.read_text())["projects"]
    assert got["id"] == "ammonia-recovery" and got["npv"] == pytest.approx(93.2789487972608, rel=1e-9)
    assert "ammonia-recovery" in res.output and "16.46%" in res.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "projects:\n  - {id: x, capex: [1], annual_savings: .nan, life_years: 1, discount_rate: 0}\n"
    )
    res = runner.invoke(app, ["green", "appraise", str(bad)])
    flat = res.output.replace("\n", "")  # the terminal may wrap a long path
    assert res.exit_code == 2 and "projects[0].annual_savings" in flat and "bad.yaml" in flat


def test_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Upgrade appraisal") :]
    for word in ("capex", "annual_savings", "annual_opex_change", "life_years", "discount_rate", "tax_rate",
                 "construction_years", "npv", "irr", "payback_years", "discounted_payback_years",
                 "reechain green appraise"):  # fmt: skip
        assert word in section, word
