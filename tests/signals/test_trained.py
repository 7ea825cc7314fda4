"""The trained reader: it learns a separable case, labels sentences from document labels, never crashes on bad
input, and writes the same output as the rules reader."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from reechain.cli import app
from reechain.domain.errors import InvalidInput
from reechain.services.signals import extract_json, read_files
from reechain.signals.extract import extract
from reechain.signals.reading import read_document
from reechain.signals.trained import (
    NONE,
    SentenceClassifier,
    align,
    extract_trained,
    fit,
    read,
    read_units,
    rows_of,
)

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
KEYS = {
    "file",
    "announced",
    "effective",
    "issuer",
    "doc_ref",
    "elements",
    "segment",
    "measure",
    "direction",
    "evidence",
    "until",
    "suspends",
    "year_assumed",
}


def doc(name: str, text: str) -> object:
    return read_document(name, text.encode("utf-8"))


BANS = [
    "The government banned exports of {x} ore from 1 March.",
    "China will ban exports of {x} to the United States.",
    "禁止出口{y}原矿。",
    "商务部决定禁止{y}出口。",
]
NEUTRAL = [
    "Prices of {x} rose slightly in quiet trading.",
    "The company reported higher {x} sales for the quarter.",
    "{y}价格小幅上涨。",
    "公司{y}产品销量增加。",
]
METALS = [("gallium", "镓"), ("tungsten", "钨"), ("antimony", "锑"), ("nickel", "镍"), ("lithium", "锂")]


def _rows(templates: list[str], metals: list[tuple[str, str]]) -> list[tuple[object, str]]:
    rows = []
    for x, y in metals:
        for t in templates:
            reading = read_units(doc("t.txt", t.format(x=x, y=y)))  # type: ignore[arg-type]
            rows += rows_of(reading)
    return rows


def test_classifier_learns_a_separable_case_and_says_why() -> None:
    train = METALS[:3]
    rows = _rows(BANS, train) + _rows(NEUTRAL, train)
    labels = ["ban:+1"] * (len(rows) // 2) + [NONE] * (len(rows) // 2)
    model = SentenceClassifier(c=3.0).fit(rows, labels)  # type: ignore[arg-type]
    unseen = METALS[3:]  # metals it never saw
    predicted = model.predict(_rows(BANS, unseen) + _rows(NEUTRAL, unseen))  # type: ignore[arg-type]
    half = len(predicted) // 2
    assert [label for label, _ in predicted[:half]] == ["ban:+1"] * half
    assert [label for label, _ in predicted[half:]] == [NONE] * half
    # what it learned is readable: ban phrases or the lexicon's ban reading favour the class
    top = model.top_features("ban:+1", 25)
    assert any("ban" in f or "禁" in f for f in top), top


def test_align_labels_the_sentence_that_states_the_signal() -> None:
    reading = read_units(
        doc(  # type: ignore[arg-type]
            "a.md",
            "Prices of gallium rose in May.\n\nChina banned exports of gallium on 3 July 2023.\n\n"
            "Analysts said a ban on germanium could follow.",
        )
    )
    truth = [{"measure": "ban", "direction": 1, "elements": ["Ga"]}]
    labels = align(reading, truth)
    by_sentence = {u.sentence: lab for u, lab in zip(reading.units, labels, strict=True)}
    assert by_sentence["China banned exports of gallium on 3 July 2023."] == "ban:+1"
    assert by_sentence["Prices of gallium rose in May."] == NONE
    assert by_sentence["Analysts said a ban on germanium could follow."] == NONE  # a hedge is not the act
    assert align(reading, []) == [NONE] * len(reading.units)  # a distractor: every sentence none


@pytest.fixture(scope="module")
def small_model() -> SentenceClassifier:
    """A model fitted on the development set only (quick; the packaged one learns from every set)."""
    import yaml

    from reechain.signals.trained import expand

    raw = yaml.safe_load((DATA / "notices" / "labels.yaml").read_text(encoding="utf-8"))
    readings, truths = [], []
    for name, sigs in raw.items():
        readings.append(read_units(read_document(name, (DATA / "notices" / name).read_bytes())))
        truths.append([{**s, "elements": expand(s["elements"])} for s in sigs or []])
    return fit(readings, truths)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_reader_never_crashes_on_any_text(small_model: SentenceClassifier, text: str) -> None:
    try:
        document = read_document("x.md", text.encode("utf-8"))
    except InvalidInput:
        return  # refused with a clear error (NUL bytes, front matter not YAML): not the reader's input
    for s in read(read_units(document), small_model):
        assert s.direction in (-1, 0, 1) and s.elements and s.measure


@pytest.mark.parametrize(
    "raw",
    [b"", b"   \n\n  ", b"<html><script>x</script></html>", "。。。；；".encode(), b"---\ntitle: x\n---\n"],
)
def test_reader_gives_no_signal_on_empty_documents(small_model: SentenceClassifier, raw: bytes) -> None:
    name = "x.html" if raw.startswith(b"<") else "x.md"
    assert read(read_units(read_document(name, raw)), small_model) == []


def test_bad_files_are_errors_not_crashes_with_the_trained_reader() -> None:
    results = read_files(
        [("bin.txt", b"\x00\x01\x02binary"), ("empty.txt", b""), ("odd.pdf", b"%PDF-1.4")], "trained"
    )
    assert [bool(r.error) for r in results] == [True, False, True]
    assert results[1].signals == []
    with pytest.raises(InvalidInput, match="unknown reader"):
        read_files([("a.txt", b"x")], "neural")


def test_trained_output_has_the_design_format() -> None:
    p = DATA / "notices" / "en_2024_46.md"
    out = extract_json(read_files([(p.name, p.read_bytes())], "trained"))
    assert out["documents"][0]["error"] is None
    assert out["signals"], "the December 2024 notice to the US announces a ban"
    for s in out["signals"]:
        assert set(s) == KEYS
        assert s["measure"] in {
            "export_control",
            "export_licence",
            "quota",
            "ban",
            "suspension",
            "stockpiling",
            "production_cut",
            "tariff",
            "investment",
        }
        assert s["direction"] in (-1, 0, 1)
        assert s["elements"] == sorted(s["elements"]) and all(isinstance(e, str) for e in s["elements"])
        assert s["announced"] is None or len(s["announced"]) == 10
        assert isinstance(s["evidence"], str) and s["evidence"]
    assert extract_trained(read_document("e.txt", b"")) == []


def test_cli_reader_option(tmp_path: Path) -> None:
    f = tmp_path / "n.txt"
    f.write_text("商务部 海关总署公告2023年第23号\n\n对镓、锗相关物项实施出口管制。\n", encoding="utf-8")
    out = tmp_path / "o.json"
    r = CliRunner().invoke(app, ["signals", "extract", str(f), "--reader", "trained", "--json", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"][0]["file"] == "n.txt"
    assert all(set(s) == KEYS for s in data["signals"])
    bad = CliRunner().invoke(app, ["signals", "extract", str(f), "--reader", "neural"])
    assert bad.exit_code != 0


def test_trained_reader_dates_a_yearless_notice_by_the_day_of_reading_as_the_rules_do() -> None:
    # no year anywhere: "6月26日" is the last 26 June on or before the day of reading, for both readers
    doc = read_document(
        "a.txt",
        "6月26日，商务部、海关总署发布公告，决定对镓、锗相关物项实施出口管制，自公布之日起正式实施。".encode(),
    )
    for today, year in ((date(2020, 3, 1), 2019), (date(2026, 11, 28), 2026)):
        trained = {(s.measure, s.announced) for s in extract_trained(doc, today=today)}
        assert trained == {("export_control", date(year, 6, 26))}
        assert trained == {(s.measure, s.announced) for s in extract(doc, today)}


def test_a_labels_rare_earths_are_the_seventeen_however_written() -> None:
    from reechain.signals.trained import expand
    from reechain.signals.vocabulary import REE

    assert expand("REE") == expand(["REE"]) == sorted(REE)
    assert expand("REE+C") == expand(["REE", "C"]) == sorted([*REE, "C"])
    assert expand(["Nd", "Pr"]) == ["Nd", "Pr"]
    assert expand(["REE", "W"]) == sorted([*REE, "W"])
