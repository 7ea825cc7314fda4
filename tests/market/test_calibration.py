"""Calibration: targets read from market_history.yaml, the packaged parameters are the fitted ones and give
the figures docs/market.md states; the fit improves on the starting values."""

from __future__ import annotations

from pathlib import Path

import pytest

from reechain.market import calibration as cal
from reechain.market.baseline import Parameters, load_parameters

DOCS = Path(__file__).resolve().parents[2] / "docs" / "market.md"


def test_targets_are_read_from_the_history_file() -> None:
    t = cal.targets()
    assert t.peak_index == pytest.approx(12.0)  # +1,100 %
    # USGS year-end 2012 / 2011, mean of Nd (77.5/195), Dy (615/1410), Tb (1250/2810)
    assert t.year_end_ratio[2012] == pytest.approx((77.5 / 195 + 615 / 1410 + 1250 / 2810) / 3)
    assert cal.quota_cut() == pytest.approx(30258 / 50145 - 1)
    assert t.quota_use_2012 == 0.4


def test_packaged_parameters_reproduce_the_documented_fit() -> None:
    p = load_parameters()
    m = cal.misfit(p)
    text = DOCS.read_text(encoding="utf-8")
    assert f"{m['peak_index']:.1f} ×" in text
    for year in (2012, 2013, 2014):
        observed, model = cal.targets().year_end_ratio[year], m[f"year_end_{year}"]
        assert f"| year-end {year} / 2011 | {observed:.2f} | {model:.2f} |" in text
    assert cal.loss(p) < cal.loss(Parameters())


def test_the_2010_replay_moves_the_way_the_episode_did() -> None:
    path = cal.replay(load_parameters())
    sc = cal.episode()
    base = sc.base_month - sc.start
    assert path[base] == pytest.approx(1.0)
    assert path.max() > 5  # a multiple of the 2009 price
    assert path[-1] < path.max() / 3  # and most of it gone by 2015
