"""Reading contracts: clause numbering as legal teams write it, Word files, bad input."""

from __future__ import annotations

import io

import docx
import pytest

from reechain.domain.errors import InvalidInput
from reechain.domain.roles import Role
from reechain.risk.contracts import library
from reechain.risk.contracts.model import Category, Kind
from reechain.risk.contracts.reading import chinese_number, parse_lines, read_contract

from .contract_docs import docx_bytes


def numbers(text: str) -> list[str]:
    return [c.number for c in parse_lines("t.md", text.splitlines()).clauses]


@pytest.mark.parametrize(
    ("text", "value"),
    [("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("一百零五", 105), ("7", 7)],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_number(text) == value


def test_every_numbering_style() -> None:
    text = "\n".join(
        [
            "# Title",
            "1. Parties",
            "1.1 The Seller is X.",
            "1.2. The Buyer is Y.",
            "Article 2 Goods",
            "2.1 Oxide.",
            "Clause 3: Price",
            "3.1 USD 5 per kg.",
            "Section 4 - Payment",
            "第五条 适用法律",
            "第十二条 仲裁",
        ]
    )
    assert numbers(text) == ["1", "1.1", "1.2", "2", "2.1", "3", "3.1", "4", "5", "12"]
    doc = parse_lines("t.md", text.splitlines())
    assert doc.title == "Title"
    assert doc.clause("3").text == "Price"  # type: ignore[union-attr]
    assert doc.clause("4").label == "Section 4"  # type: ignore[union-attr]
    assert doc.clause("5").text == "适用法律"  # type: ignore[union-attr]


def test_wrapped_lines_starting_with_figures_continue_the_clause() -> None:
    text = (
        "1. Price\n1.1 The price is USD 62.50 per kg, payable within\n10 days of signature, less\n"
        "0.5 % discount and\n2,500 t at most.\n1.2 Next clause."
    )
    doc = parse_lines("t.md", text.splitlines())
    assert [c.number for c in doc.clauses] == ["1", "1.1", "1.2"]
    assert doc.clauses[1].text.endswith("less 0.5 % discount and 2,500 t at most.")


def test_word_file_reads_like_its_text() -> None:
    text = (
        "# Contract\n\n1. Parties\n1.1 The Seller is X.\n\nArticle 2 Price\n2.1 USD 5 per kg, CIF Rotterdam."
    )
    from_docx = read_contract("c.docx", docx_bytes(text))
    from_md = read_contract("c.md", text.encode())
    assert [(c.number, c.text) for c in from_docx.clauses] == [(c.number, c.text) for c in from_md.clauses]


def test_word_automatic_numbering_is_read() -> None:
    document = docx.Document()
    for level, text in [
        (0, "Parties"),
        (1, "The Seller is X."),
        (1, "The Buyer is Y."),
        (0, "Price"),
        (1, "USD 5."),
    ]:
        p = document.add_paragraph(text)
        num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = 1
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_contract("auto.docx", buffer.getvalue())
    assert [(c.number, c.text) for c in doc.clauses] == [
        ("1", "Parties"),
        ("1.1", "The Seller is X."),
        ("1.2", "The Buyer is Y."),
        ("2", "Price"),
        ("2.1", "USD 5."),
    ]


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("broken.docx", b"PK\x03\x04 this is not a zip archive", "not a readable Word (.docx) file"),
        ("plain.docx", b"just text, not a Word file", "not a readable Word (.docx) file"),
        ("empty.md", b"", "the file is empty"),
        ("blank.txt", b"  \n\n ", "the file is empty"),
        ("prose.md", b"# Heading\nSome text without any numbered clause.\n", "no numbered clauses"),
        ("latin1.txt", "1. Prix payé".encode("latin-1"), "not UTF-8"),
        ("contract.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_bad_input_is_refused_naming_the_file(name: str, data: bytes, says: str) -> None:
    with pytest.raises(InvalidInput) as e:
        read_contract(name, data)
    assert e.value.message.startswith(f"{name}: ")
    assert says in e.value.message
    assert e.value.problems and e.value.problems[0].field == name


def test_library_forms_are_readable_numbered_and_tagged() -> None:
    matrix = library.approval_matrix()
    vocabulary = set(matrix.keywords)
    forms = library.templates()
    assert {t.code for t in forms} == {"S-OX-2", "S-MT-1", "LTO-1", "TOL-1", "P-CC-1"}
    assert {t.file.rsplit(".", 1)[1] for t in forms} == {"docx", "md", "txt"}
    for t in forms:
        doc = t.text()
        assert len(doc.clauses) >= 25
        assert [c.number for c in doc.clauses] == list(t.tags), t.code  # every clause tagged, in order
        for number, tags in t.tags.items():
            assert tags and set(tags) <= vocabulary, (t.code, number, tags)
        for needed in (
            "price",
            "payment",
            "export_control",
            "liability_cap",
            "governing_law",
            "force_majeure",
        ):
            assert any(needed in tags for tags in t.tags.values()), (t.code, needed)


def test_matrix_routes_to_real_roles() -> None:
    matrix = library.approval_matrix()
    roles = {r.value for r in Role}
    routes = [rule.route for rule in matrix.rules] + [matrix.default, matrix.price_outside_band]
    assert {r.approver_role for r in routes if r.approver_role} <= roles
    assert all(r.approver_role for r in routes if r.severity.material)
    assert (
        matrix.route(["export_control"], Category.TEXT, Kind.CHANGED)[0].approver_role == "compliance_officer"
    )
