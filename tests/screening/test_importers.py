"""Each importer on the fixtures of ../shared/data/screening (counts from its SOURCES.md)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reechain.compliance.lists import read_list
from reechain.domain.errors import InvalidInput

CASES = [
    # (file, format, entries, note)
    ("us_ofac/sdn_2024-05-01.csv.gz", "ofac-sdn-csv", 14966),
    ("us_ofac/sdn_2024-05-03.csv.gz", "ofac-sdn-csv", 14965),
    ("us_ofac/legacy_csv_2021-07/sdn.csv.gz", "ofac-sdn-csv", 8976),
    # 19,680 records; 93 persons and firms appear both on the SDN and the Non-SDN list: one entry each
    ("us_ofac/ofac_sdn_normalized_2026-08-07.json.gz", "ofac-sdn-json", 19680 - 93),
    ("us_bis/dpl_2022-09.txt", "bis-dpl", 581),
    ("us_csl/csl_sample_2019-12.csv", "csl-csv", 115),
    ("us_csl/csl_sample_current_format.csv", "csl-csv", 13),
    ("uk/uk_sanctions_list_normalized_2026-08-06.json.gz", "uk", 6334),
    # 44 records, 10 of them the announcement itself with no entity
    ("cn_mofcom/compliance_hub/china-unreliable-entity.json", "mofcom-uel", 34),
    # 206 records, 13 of them announcements with no entity
    ("cn_mofcom/compliance_hub/china-control-entities.json", "mofcom-control", 193),
    ("cn_mofcom/ammitto_data_cn/sources/sanction-lists/unrealiable-entity-list", "mofcom-uel", 83),
    ("cn_mofcom/ammitto_data_cn/sources/sanction-lists/import-export-control-list", "mofcom-control", 102),
]


@pytest.mark.parametrize(("rel", "fmt", "count"), CASES)
def test_fixture_entry_counts(screening_dir: Path, rel: str, fmt: str, count: int) -> None:
    entries = read_list(screening_dir / rel, fmt)
    assert len(entries) == count
    assert len({e.entry_id for e in entries}) == count
    assert all(e.name.strip() for e in entries)


def test_ofac_legacy_csv_joins_aliases_and_addresses(screening_dir: Path) -> None:
    entries = {
        e.entry_id: e
        for e in read_list(screening_dir / "us_ofac/legacy_csv_2021-07/sdn.csv.gz", "ofac-sdn-csv")
    }
    assert entries["36"].aliases == ("AERO-CARIBBEAN",)
    assert entries["306"].aliases[0] == "NATIONAL BANK OF CUBA"
    assert sum(len(e.aliases) for e in entries.values()) == 11910  # every row of alt.csv
    assert entries["36"].programs == ("CUBA",)


def test_ofac_sdn_xml(local_data: Path) -> None:
    entries = {e.entry_id: e for e in read_list(local_data / "sdn_sample.xml", "ofac-sdn-xml")}
    assert set(entries) == {"36", "48325", "47800"}
    assert entries["48325"].name == "MOUKALLED, Firas Hasan"
    assert entries["48325"].schema == "Person"
    assert entries["48325"].aliases == ("MUKALLID, Firas",)
    assert entries["36"].aliases == ("AERO-CARIBBEAN",)
    assert entries["47800"].programs == ("CYBER2",)


def test_uk_keeps_chinese_script_names(screening_dir: Path) -> None:
    entries = {
        e.entry_id: e
        for e in read_list(screening_dir / "uk/uk_sanctions_list_normalized_2026-08-06.json.gz", "uk")
    }
    assert "武汉晓睿智科技有限责任公司" in entries["CYB0044"].aliases


def test_mofcom_has_chinese_and_english_names(screening_dir: Path) -> None:
    entries = read_list(
        screening_dir / "cn_mofcom/compliance_hub/china-control-entities.json", "mofcom-control"
    )
    lafert = next(e for e in entries if e.name == "拉法特集团")
    assert lafert.aliases == ("Lafert S.p.A.",)
    assert lafert.country == "IT"


def test_plain_csv(tmp_path: Path) -> None:
    f = tmp_path / "own.csv"
    f.write_text(
        "entry_id,name,schema,country,aliases\n"
        "G-1,Example Trading Co. Ltd.,Company,HK,Example Trading; 例子贸易有限公司\n"
        "G-2,Zhang San,Person,,\n",
        encoding="utf-8",
    )
    entries = read_list(f, "csv")
    assert [e.entry_id for e in entries] == ["G-1", "G-2"]
    assert entries[0].aliases == ("Example Trading", "例子贸易有限公司")
    assert entries[0].country == "HK" and entries[1].country is None


@pytest.mark.parametrize(
    ("content", "line", "needle"),
    [
        ("entry_id,name,schema,country,aliases\nG-1,,Company,,\n", 2, "name is empty"),
        ("entry_id,name,schema,country,aliases\nG-1,A,Robot,,\n", 2, "schema"),
        ("entry_id,name,schema,country,aliases\nG-1,A,Company,China,\n", 2, "country"),
        ("entry_id,name,schema,country,aliases\nG-1,A,Company,,\nG-1,B,Company,,\n", 3, "twice"),
        ("entry_id,name,schema,country,aliases\nG-1,A,Company\n", 2, "columns"),
        ("id,name\n1,A\n", 1, "header"),
    ],
)
def test_malformed_plain_csv_is_refused_with_line(
    tmp_path: Path, content: str, line: int, needle: str
) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        read_list(f, "csv")
    problem = err.value.problems[0]
    assert problem.line == line
    assert needle in problem.reason


def test_malformed_ofac_csv_names_the_line(tmp_path: Path, screening_dir: Path) -> None:
    with gzip.open(screening_dir / "us_ofac/sdn_2024-05-01.csv.gz", "rt", encoding="latin-1") as fh:
        lines = fh.read().splitlines()
    lines[99] = 'not-a-number,"BROKEN"'
    f = tmp_path / "sdn.csv"
    f.write_text("\n".join(lines), encoding="latin-1")
    with pytest.raises(InvalidInput) as err:
        read_list(f, "ofac-sdn-csv")
    assert err.value.problems[0].line == 100


def test_broken_xml_and_json_are_refused(tmp_path: Path) -> None:
    x = tmp_path / "sdn.xml"
    x.write_text("<sdnList><sdnEntry><uid>1</uid>", encoding="utf-8")
    with pytest.raises(InvalidInput, match="refused"):
        read_list(x, "ofac-sdn-xml")
    j = tmp_path / "uk.json"
    j.write_text('{"records": [{"recordId": "X1"}]}', encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        read_list(j, "uk")
    assert "entityName" in str(err.value)


def test_xml_record_count_is_checked(tmp_path: Path, local_data: Path) -> None:
    f = tmp_path / "sdn.xml"
    f.write_text((local_data / "sdn_sample.xml").read_text().replace("<Record_Count>3", "<Record_Count>4"))
    with pytest.raises(InvalidInput, match="refused"):
        read_list(f, "ofac-sdn-xml")


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="unknown list format"):
        read_list(tmp_path / "x.csv", "pdf")


def test_packaged_sample_lists_read_with_their_formats() -> None:
    import yaml

    from reechain.services.screening import SAMPLE_LISTS_DIR

    manifest = yaml.safe_load((SAMPLE_LISTS_DIR / "manifest.yaml").read_text(encoding="utf-8"))
    for item in manifest["lists"]:
        assert read_list(SAMPLE_LISTS_DIR / item["file"], item["format"]), item
    assert "Open Government Licence v3.0" in (SAMPLE_LISTS_DIR / "SOURCES.md").read_text(encoding="utf-8")
