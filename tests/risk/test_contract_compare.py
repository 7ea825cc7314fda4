"""Comparing a contract with its standard form: alignment, categories, severities, formatting blindness."""

from __future__ import annotations

import io
import re
import textwrap
from importlib import resources
from pathlib import Path

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.risk.contracts import library
from reechain.risk.contracts.model import Comparison, Decision
from reechain.risk.contracts.reading import parse_lines, read_contract
from reechain.services.contracts import compare_texts

OXIDE = library.template("S-OX-2")
_OXIDE_DOCX = resources.files("reechain.data.contracts").joinpath(OXIDE.file).read_bytes()
OXIDE_LINES = [p.text for p in docx.Document(io.BytesIO(_OXIDE_DOCX)).paragraphs if p.text.strip()]


def against_oxide(lines: list[str]) -> Comparison:
    return compare_texts(OXIDE.text(), parse_lines("contract.md", lines))


def replace_in(lines: list[str], old: str, new: str) -> list[str]:
    hits = [i for i, ln in enumerate(lines) if old in ln]
    assert len(hits) == 1, (old, hits)
    return [ln.replace(old, new) if i == hits[0] else ln for i, ln in enumerate(lines)]


def only(result: Comparison) -> tuple[str, str, str, str, str | None]:
    assert len(result.deviations) == 1, [d.as_json() for d in result.deviations]
    d = result.deviations[0]
    return d.clause, d.kind.value, d.category.value, d.severity.value, d.approver_role


def test_shared_examples(shared_dir: Path) -> None:
    folder = shared_dir / "examples" / "contract"
    template = read_contract("template.md", (folder / "template.md").read_bytes())
    edited = compare_texts(template, read_contract("e.md", (folder / "variant_edited.md").read_bytes()))
    assert edited.decision is Decision.NEEDS_APPROVAL
    got = {d.clause: (d.kind.value, d.category.value) for d in edited.deviations}
    assert got == {"3.2": ("changed", "number"), "5.1": ("changed", "negation")}
    by_clause = {d.clause: d for d in edited.deviations}
    assert (
        by_clause["5.1"].approver_role == "compliance_officer"
    )  # tags read off "Export Control and End Use"
    assert by_clause["3.2"].approver_role == "sales_head"
    formatting = compare_texts(
        template, read_contract("f.md", (folder / "variant_formatting.md").read_bytes())
    )
    assert formatting.deviations == () and formatting.decision is Decision.STANDARD


def test_the_form_against_itself_and_as_another_file_type() -> None:
    assert against_oxide(OXIDE_LINES).deviations == ()
    assert (
        compare_texts(OXIDE.text(), read_contract("c.txt", "\n".join(OXIDE_LINES).encode())).deviations == ()
    )


def test_each_category_with_its_route() -> None:
    cases = [
        (("CIF Rotterdam", "FOB Rotterdam"), ("4.1", "changed", "incoterm", "major", "sales_head")),
        (("CIF Rotterdam", "CIF Hamburg"), ("4.1", "changed", "incoterm", "major", "sales_head")),
        (("USD 62.50", "EUR 62.50"), ("4.1", "changed", "currency", "major", "sales_head")),
        (("31 March 2027", "30 June 2027"), ("4.2", "changed", "date", "major", "sales_head")),
        (
            ("laws of England and Wales", "laws of the State of New York"),
            ("11.1", "changed", "governing_law", "critical", "legal"),
        ),
        (
            ("(SIAC) in Singapore", "(SIAC) in Kuala Lumpur"),
            ("11.2", "changed", "governing_law", "critical", "legal"),
        ),
        (
            ("shall not re-export", "may re-export"),
            ("7.2", "changed", "negation", "critical", "compliance_officer"),
        ),
        (
            ("shall provide an end-user", "shall not provide an end-user"),
            ("7.1", "changed", "negation", "critical", "compliance_officer"),
        ),
        (
            ("International Trade Co., Ltd.", "Overseas Holdings Co., Ltd."),
            ("1.1", "changed", "party", "critical", "risk_manager"),
        ),
        (
            ("100 % of the contract value.", "200 % of the contract value."),
            ("8.1", "changed", "number", "major", "legal"),
        ),
        (
            ("within 30 days of arrival", "within 60 days of arrival"),
            ("6.2", "changed", "number", "major", "risk_manager"),
        ),
        (
            ("epidemic, flood or war", "epidemic, flood, strikes or war"),
            ("10.1", "changed", "text", "major", "legal"),
        ),
        (("double plastic bags", "single plastic bags"), ("3.2", "changed", "text", "major", "sales_head")),
    ]
    for (old, new), want in cases:
        assert only(against_oxide(replace_in(OXIDE_LINES, old, new))) == want, (old, new)


def test_price_inside_the_channel_band_is_minor() -> None:
    # S-OX-2 is a spot form: band ±3 %. 62.50 → 63.75 is +2 %, → 65.00 is +4 %.
    inside = against_oxide(replace_in(OXIDE_LINES, "USD 62.50", "USD 63.75"))
    assert only(inside) == ("4.1", "changed", "number", "minor", None)
    assert inside.decision is Decision.STANDARD
    outside = against_oxide(replace_in(OXIDE_LINES, "USD 62.50", "USD 65.00"))
    assert only(outside) == ("4.1", "changed", "number", "major", "sales_head")
    assert outside.decision is Decision.NEEDS_APPROVAL and outside.required_approvals == ("sales_head",)


def test_missing_and_added_clauses_after_renumbering() -> None:
    lines = [ln for ln in OXIDE_LINES if not ln.startswith("7.1 ")]
    lines = [
        re.sub(r"^7\.(\d)", lambda m: f"7.{int(m.group(1)) - 1}", ln) for ln in lines
    ]  # 7.2 → 7.1, 7.3 → 7.2
    assert only(against_oxide(lines)) == ("7.1", "missing", "text", "critical", "compliance_officer")
    at = next(i for i, ln in enumerate(OXIDE_LINES) if ln.startswith("5.2 "))
    added = [
        *OXIDE_LINES[: at + 1],
        "5.3 The Buyer may pay by a 90-day bill of exchange instead.",
        *OXIDE_LINES[at + 1 :],
    ]
    assert only(against_oxide(added)) == ("5.3", "added", "text", "major", "risk_manager")
    result = against_oxide(added)
    rows = [
        (r.template.number if r.template else None, r.contract.number if r.contract else None)
        for r in result.rows
    ]
    assert rows[rows.index(("5.2", "5.2")) + 1] == (None, "5.3")  # shown where it stands in the contract


def test_reordered_and_renumbered_sections_are_matched_by_content() -> None:
    text = "\n".join(OXIDE_LINES)
    sections = re.split(r"\n(?=\d+\. )", text)
    title, body = sections[0], sections[1:]
    body[4], body[7] = body[7], body[4]  # payment ↔ liability
    renumbered = []
    for n, block in enumerate(body, start=1):
        old = block.split(".", 1)[0]
        renumbered.append(
            re.sub(rf"(?m)^{old}\.", f"{n}.", block).replace(
                "Seller's total liability", "Seller's entire liability"
            )
        )
    result = against_oxide("\n".join([title, *renumbered]).splitlines())
    assert only(result) == ("8.1", "changed", "text", "major", "legal")
    assert result.deviations[0].contract_clause == "5.1"


FORMATTING = st.sampled_from(["wrap", "spaces", "quotes", "upper", "article", "markdown", "chinese"])


def reformat(lines: list[str], how: str, width: int) -> list[str]:
    if how == "wrap":
        return [w for ln in lines for w in textwrap.wrap(ln, width=width, break_on_hyphens=False)]
    if how == "spaces":
        return ["   " + ln.replace(" ", " " * (1 + width % 3)) + "  " for ln in lines]
    if how == "quotes":
        return [ln.replace("'", "’") for ln in lines]
    if how == "upper":
        return [ln.upper() if re.match(r"^\d+\. ", ln) else ln for ln in lines]
    if how == "article":
        return [re.sub(r"^(\d+)\. ", r"Article \1 ", ln) for ln in lines]
    if how == "markdown":
        return [re.sub(r"^(\d+\.\d+) ", r"**\1** ", re.sub(r"^(\d+\. )", r"## \1", ln)) for ln in lines]
    return [re.sub(r"^(\d+)\. ", lambda m: f"第{chinese(int(m.group(1)))}条 ", ln) for ln in lines]


def chinese(n: int) -> str:
    digits = "零一二三四五六七八九十"
    return digits[n] if n <= 10 else "十" + digits[n - 10]


@settings(max_examples=40, deadline=None)
@given(st.lists(FORMATTING, min_size=1, max_size=3, unique=True), st.integers(min_value=25, max_value=90))
def test_formatting_alone_is_no_deviation(hows: list[str], width: int) -> None:
    lines = OXIDE_LINES
    for how in hows:
        lines = reformat(lines, how, width)
    result = against_oxide(lines)
    assert result.deviations == (), [d.as_json() for d in result.deviations]
