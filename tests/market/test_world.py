"""World view: shares and HHI hand-checked against the packaged figures, analysts' figures (all or nothing,
fields named), the group's position against world market sizes from the packaged data, the CLI contract."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app
from reechain.domain.errors import InvalidInput, NotFound
from reechain.market import world
from reechain.services import market
from reechain.services.sample import load_sample_group


def test_mining_2025_shares_are_usgs_production_over_the_countries_listed() -> None:
    con = world.concentration("mining", year=2025)
    by = {s.country: s for s in con.shares}
    total = sum(s.value or 0 for s in con.shares)
    # USGS MCS 2026, 2025: China 270,000, United States 51,000, Australia 29,000, Burma 22,000 t REO
    assert by["China"].value == 270_000 and by["United States"].value == 51_000
    assert by["China"].share == pytest.approx(270_000 / total)
    assert con.hhi == pytest.approx(sum((100 * (s.value or 0) / total) ** 2 for s in con.shares))
    assert by["China"].vintage == "USGS MCS 2026"
    cnre = by["China"].companies[0]
    assert cnre.company == "China Northern Rare Earth Group"
    assert cnre.share_of_country == pytest.approx(178_650 / 255_000)  # 2023 full-year mining quota


def test_older_years_come_from_the_newest_vintage_that_has_them() -> None:
    assert world.concentration("mining", year=2023).shares[0].vintage == "USGS MCS 2025"
    assert world.concentration("mining", year=2020).shares[0].vintage == "USGS Minerals Yearbook 2022 (T8)"


def test_leader_only_stages_count_the_rest_as_one_bucket_with_both_bounds() -> None:
    mag = world.concentration("magnet")
    assert [s.country for s in mag.shares] == ["China", world.REST]
    assert mag.hhi == pytest.approx(94**2 + 6**2) and mag.hhi_min == pytest.approx(94**2)
    assert "one producer" in mag.rest_counting
    with pytest.raises(NotFound):
        world.concentration("metal")
    with pytest.raises(NotFound) as e:
        world.concentration("separation", year=2019)
    assert "2023" in str(e.value)


def test_bad_stage_element_and_year_are_named() -> None:
    with pytest.raises(InvalidInput) as e:
        world.concentration("smelting", element="Xx", year=10)
    assert {p.field for p in e.value.problems} == {"stage", "element", "year"}


@given(st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=20))
def test_hhi_is_between_the_largest_share_squared_and_10000(shares: list[float]) -> None:
    total = sum(shares)
    if total == 0:
        return
    fractions = [s / total for s in shares]
    assert (100 * max(fractions)) ** 2 - 1e-6 <= world.hhi(fractions) <= 10_000 + 1e-6


def test_imported_figures_fill_a_stage_all_rows_or_none(container: Container, tmp_path: Path) -> None:
    good = tmp_path / "metal.csv"
    good.write_text(
        "stage,element,country,company,year,value,unit,source,vintage,confidence\n"
        "metal,,China,,2025,90,t,desk,2026-Q1,low\nmetal,,Vietnam,,2025,5,t,desk,2026-Q1,low\n"
        "metal,,Japan,,2025,5,t,desk,2026-Q1,low\n",
        encoding="utf-8",
    )
    assert market.import_figures(container, good) == 3
    doc = market.concentration(container, "metal")
    assert doc["hhi"] == pytest.approx(90**2 + 5**2 + 5**2)
    assert [s["country"] for s in doc["shares"]] == ["China", "Vietnam", "Japan"]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "stage,element,country,company,year,value,unit,source,vintage,confidence\n"
        "metal,Xx,Laos,,2025,3,t,desk,2026-Q1,low\nfoundry,,Laos,,2025,-1,t,,2026-Q1,low\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput) as e:
        market.import_figures(container, bad)
    found = {(p.line, p.field) for p in e.value.problems}
    assert {(2, "element"), (3, "stage"), (3, "value"), (3, "source")} <= found
    assert len(market.imported_figures(container)) == 3  # nothing of the bad file


def test_group_position_uses_world_sizes_from_the_packaged_data(container: Container) -> None:
    load_sample_group(container)
    year = date.today().year
    rows = market.group_position(container, year)
    sizes = {s.key: s for s in market.world_market_sizes(year)}
    total_2025 = world.world_mine_production_t_reo(2025)
    assert total_2025 is not None and total_2025.value == 390_000
    if world.world_mine_production_t_reo(year) is None:
        assert sum(s.market_t_reo for s in sizes.values()) == pytest.approx(390_000)
        assert "2025" in next(iter(sizes.values())).source
    elements = {r.key: r for r in rows if r.scope == "element"}
    assert elements and all(r.basis == "world data" for r in elements.values())
    for el, r in elements.items():
        assert r.market_t_reo == pytest.approx(sizes[el].market_t_reo)
        assert r.share == pytest.approx(r.group_sales_t_reo / sizes[el].market_t_reo)
    assert sum(r.group_sales_t_reo for r in elements.values()) > 0


def test_cli_concentration_writes_the_contract_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", f"sqlite:///{tmp_path / 'c.db'}")
    out = tmp_path / "c.json"
    r = CliRunner().invoke(app, ["market", "concentration", "--stage", "separation", "--json", str(out)])
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text())
    assert doc["stage"] == "separation" and doc["hhi"] == pytest.approx(91**2 + 9**2)
    assert all(0 <= s["share"] <= 1 and s["source"] and s["vintage"] for s in doc["shares"])
    bad = CliRunner().invoke(app, ["market", "concentration", "--stage", "metal"])
    assert bad.exit_code == 3


def test_market_share_takes_world_sizes_and_refuses_unknown_ones(container: Container) -> None:
    from reechain.services.market_position import market_share

    load_sample_group(container)
    year = date.today().year
    world_rows = market_share(container, year, sizes="world")
    assert world_rows == market.group_position(container, year)
    with pytest.raises(InvalidInput) as e:
        market_share(container, year, sizes="typed")
    assert e.value.problems[0].field == "sizes"


def test_cli_simulate_names_the_bad_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "start: 2026-01\nmonths: 12\nruns: 10\nseed: 1\nshocks:\n"
        "  - {kind: export_licensing, country: CN, elements: [Tb, Qq], start: 2026-05, end: 2026-03,"
        " export_share_allowed: 1.5}\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(app, ["market", "simulate", str(bad)])
    assert r.exit_code == 2
    for field in ("shocks[0].elements", "shocks[0].end", "shocks[0].export_share_allowed"):
        assert field in r.output
