"""The screen and lists commands, end to end on a committing SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app

from .helpers import list_csv

runner = CliRunner()


@pytest.fixture
def env(sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch) -> Container:
    monkeypatch.setenv("REECHAIN_DATABASE_URL", sqlite_file_container.settings.database_url)
    return sqlite_file_container


def test_screen_score_prints_a_number() -> None:
    r = runner.invoke(app, ["screen", "score", "赵光宗", "Guangzong ZHAO", "--schema", "Person"])
    assert r.exit_code == 0, r.output
    assert float(r.output.strip()) == 1.0
    r = runner.invoke(app, ["screen", "score", "Zhang Wei", "Wang Fang", "--schema", "Person", "--explain"])
    assert float(r.output.splitlines()[0]) < 0.5
    assert "core_name" in r.output


def test_screen_pairs_and_calibrate(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "left,right,schema,is_match\n"
        "武汉晓睿智科技有限责任公司,WUHAN XIAORUIZHI SCIENCE AND TECHNOLOGY COMPANY LIMITED,Company,1\n"
        "MOUKALLED Firas Hasan,Firas Hasan MOUKALLED,Person,1\n"
        "Beijing Zhongke Sanhuan Co Ltd,Beijing Tianyi Technology Co Ltd,Company,0\n",
        encoding="utf-8",
    )
    out = tmp_path / "scored.csv"
    r = runner.invoke(app, ["screen", "pairs", str(pairs), "--out", str(out)])
    assert r.exit_code == 0, r.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "left,right,schema,is_match,score"
    assert [float(x.rsplit(",", 1)[1]) >= 0.85 for x in lines[1:]] == [True, True, False]
    j = tmp_path / "cal.json"
    r = runner.invoke(app, ["screen", "calibrate", str(pairs), "--json", str(j)])
    assert r.exit_code == 0, r.output
    table = {row["threshold"]: row for row in json.loads(j.read_text())}
    assert table[0.85]["precision"] == 1.0 and table[0.85]["recall"] == 1.0
    bad = tmp_path / "bad.csv"
    bad.write_text("left,right\na,b\n", encoding="utf-8")
    r = runner.invoke(app, ["screen", "pairs", str(bad)])
    assert r.exit_code == 2 and "schema" in r.output


def test_lists_import_versions_diff_and_parties(env: Container, tmp_path: Path) -> None:
    v1 = list_csv(tmp_path / "v1.csv", "G-1,Example Shipping Co. Ltd.,Company,HK,", "G-2,Zhang San,Person,,")
    v2 = list_csv(tmp_path / "v2.csv", "G-1,Example Shipping Co. Ltd.,Company,HK,", "G-3,Li Si,Person,,")
    r = runner.invoke(app, ["lists", "import", str(v1), "--format", "csv", "--list", "own"])
    assert r.exit_code == 0 and "own v1: 2 entries" in r.output, r.output
    r = runner.invoke(app, ["lists", "import", str(v2), "--format", "csv", "--list", "own"])
    assert "own v2: 2 entries (+1 -1 ~0 since v1)" in r.output, r.output
    bad = list_csv(tmp_path / "bad.csv", "G-9,X,Robot,,")
    r = runner.invoke(app, ["lists", "import", str(bad), "--format", "csv", "--list", "own"])
    assert r.exit_code == 2 and "line 2" in r.output
    r = runner.invoke(app, ["lists", "versions"])
    assert r.exit_code == 0 and "own" in r.output
    r = runner.invoke(app, ["lists", "diff", "own", "--json", "-"])
    assert r.exit_code == 0, r.output
    assert "1 added, 1 removed, 0 changed" in r.output

    parties = tmp_path / "parties.csv"
    parties.write_text(
        "id,name,schema,country\n"
        "p1,EXAMPLE SHIPPING COMPANY LIMITED,Company,HK\np2,Unrelated GmbH,Company,\n",
        encoding="utf-8",
    )
    out = tmp_path / "hits.json"
    r = runner.invoke(app, ["screen", "parties", str(parties), "--json", str(out)])
    assert r.exit_code == 0, r.output
    assert "parties/s" in r.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["list_versions"] == {"own": 2}
    hits = {p["id"]: p["hits"] for p in doc["parties"]}
    assert [h["entry_id"] for h in hits["p1"]] == ["G-1"] and hits["p2"] == []
    assert {"name", "score", "detail"} <= set(hits["p1"][0]["features"][0])


def test_screen_parties_on_worker_processes_writes_what_one_process_writes(
    env: Container, tmp_path: Path
) -> None:
    own = list_csv(
        tmp_path / "own.csv", "G-1,Example Shipping Co. Ltd.,Company,HK,", "G-2,LI Fangwei,Person,,"
    )
    r = runner.invoke(app, ["lists", "import", str(own), "--format", "csv", "--list", "own"])
    assert r.exit_code == 0, r.output
    rows = ["id,name,schema,country"] + [f"p{i},Harbour {i} Trading GmbH,Company," for i in range(1200)]
    rows[700] = "p699,Fangwei LI,Person,"  # in the second chunk of 500
    parties = tmp_path / "parties.csv"
    parties.write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs = []
    for processes in ("1", "2"):
        out = tmp_path / f"hits{processes}.json"
        r = runner.invoke(
            app, ["screen", "parties", str(parties), "--processes", processes, "--json", str(out)]
        )
        assert r.exit_code == 0, r.output
        docs.append(json.loads(out.read_text(encoding="utf-8"))["parties"])
    assert docs[0] == docs[1]
    assert [p["id"] for p in docs[1] if p["hits"]] == ["p699"]
    r = runner.invoke(app, ["screen", "parties", str(parties), "--processes", "0"])
    assert r.exit_code == 2 and "processes" in r.output.casefold()
