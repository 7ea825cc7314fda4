"""List versions, diffs, screening and delta re-screening through the service (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reechain.bootstrap import Container
from reechain.compliance.lists import read_list
from reechain.domain.errors import InvalidInput, NotFound
from reechain.services import screening

OWN = (
    "entry_id,name,schema,country,aliases\n"
    "G-1,武汉晓睿智科技有限责任公司,Company,CN,WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY LIMITED\n"
    "G-2,Example Shipping Co. Ltd.,Company,HK,\n"
    "G-3,ZHAO Guangzong,Person,CN,赵光宗\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


def test_import_then_screen_with_explanation(container: Container, tmp_path: Path) -> None:
    report = screening.import_list(container, _write(tmp_path, "own.csv", OWN), "csv", "own")
    assert (report.version, report.entries, report.previous_version) == (1, 3, None)
    assert screening.active_list_versions(container) == {"own": 1}

    hits = screening.screen_party(container, "Wuhan Xiao Rui Zhi Technology Co., Ltd.", country="CN")
    assert [(h.list_name, h.list_version, h.entry_id) for h in hits] == [("own", 1, "G-1")]
    hit = hits[0]
    assert hit.score >= 0.85
    names = [f[0] for f in hit.features]
    # the listed Chinese name read in Mandarin ('wuhan xiao rui zhi technology') matches the party exactly,
    # better than the Latin alias (which adds "science"), so the hit is explained through that reading
    assert "core_name" in names and "cross_script" in names and "country" in names
    assert "alias" not in names
    expected = next(e for e in read_list(tmp_path / "own.csv", "csv") if e.entry_id == "G-1")
    assert hit.entry_fingerprint == expected.fingerprint()

    han = screening.screen_party(container, "武漢曉睿智科技有限責任公司")
    assert [h.entry_id for h in han] == ["G-1"]
    person = screening.screen_party(container, "Guang Zong Zhao", "Person")
    assert [h.entry_id for h in person] == ["G-3"]
    assert screening.screen_party(container, "Example Magnetics K.K.") == []


def test_malformed_file_is_refused_and_previous_version_stays(container: Container, tmp_path: Path) -> None:
    screening.import_list(container, _write(tmp_path, "own.csv", OWN), "csv", "own")
    bad = _write(
        tmp_path, "bad.csv", OWN.replace("G-2,Example Shipping Co. Ltd.,Company,HK", "G-2,,Company,HK")
    )
    with pytest.raises(InvalidInput) as err:
        screening.import_list(container, bad, "csv", "own")
    assert err.value.problems[0].line == 3
    assert screening.active_list_versions(container) == {"own": 1}
    assert [v.version for v in screening.list_versions(container, "own")] == [1]
    assert [h.entry_id for h in screening.screen_party(container, "Example Shipping Company Limited")] == [
        "G-2"
    ]


def test_new_version_changes_fingerprint_and_hits(container: Container, tmp_path: Path) -> None:
    screening.import_list(container, _write(tmp_path, "v1.csv", OWN), "csv", "own")
    before = screening.screen_party(container, "Example Shipping Co Ltd")[0]
    v2 = OWN.replace(
        "Example Shipping Co. Ltd.,Company,HK,", "Example Shipping Co. Ltd.,Company,HK,Sample Marine"
    )
    v2 = v2.replace("G-3,ZHAO Guangzong,Person,CN,赵光宗\n", "G-4,Other Party GmbH,Company,DE,\n")
    report = screening.import_list(container, _write(tmp_path, "v2.csv", v2), "csv", "own")
    assert (report.version, report.added, report.removed, report.changed) == (2, 1, 1, 1)
    after = screening.screen_party(container, "Example Shipping Co Ltd")[0]
    assert after.list_version == 2
    assert after.entry_fingerprint != before.entry_fingerprint
    d = screening.diff_versions(container, "own")
    assert [e.entry_id for e in d.added] == ["G-4"]
    assert [e.entry_id for e in d.removed] == ["G-3"]
    assert [(a.entry_id, b.aliases) for a, b in d.changed] == [("G-2", ("Sample Marine",))]


def test_ofac_daily_delta_and_affected_parties(container: Container, screening_dir: Path) -> None:
    day1 = screening.import_list(
        container, screening_dir / "us_ofac/sdn_2024-05-01.csv.gz", "ofac-sdn-csv", "ofac"
    )
    parties = [
        "TELEPORT COMPANY S.A.L.",
        "Emperor Aviation Limited",
        "Banco Nacional de Cuba",
        "Example Magnetics K.K.",
    ]
    before = {p: screening.screen_party(container, p) for p in parties}
    day2 = screening.import_list(
        container, screening_dir / "us_ofac/sdn_2024-05-03.csv.gz", "ofac-sdn-csv", "ofac"
    )
    assert (day1.entries, day2.entries) == (14966, 14965)
    assert (day2.added, day2.removed, day2.changed) == (7, 8, 0)
    d = screening.diff_versions(container, "ofac", 1, 2)
    assert (len(d.added), len(d.removed), len(d.changed)) == (7, 8, 0)
    assert "TELEPORT COMPANY SAL" in {e.name for e in d.added}

    affected = screening.parties_affected_by(container, "ofac", 2, parties)
    assert affected == ["TELEPORT COMPANY S.A.L.", "Emperor Aviation Limited"]
    after = {p: screening.screen_party(container, p) for p in parties}
    # The parties left out really keep their hits; the ones picked really changed.
    for p in parties:
        same = [(h.entry_id, h.score) for h in before[p]] == [(h.entry_id, h.score) for h in after[p]]
        assert same == (p not in affected), p


def test_unknown_list_and_version(container: Container) -> None:
    with pytest.raises(NotFound):
        screening.diff_versions(container, "nope")
    with pytest.raises(InvalidInput):
        screening.screen_party(container, "  ")
    with pytest.raises(InvalidInput):
        screening.screen_party(container, "ACME", threshold=1.5)
