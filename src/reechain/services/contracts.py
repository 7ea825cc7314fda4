"""Contract standardization use cases: compare a contract with its standard form, keep the review and its
approvals (audit stream ``contracts``), and refuse orders under a contract still waiting for approval."""

from __future__ import annotations

from pathlib import Path

from reechain.risk.contracts import library
from reechain.risk.contracts.compare import compare
from reechain.risk.contracts.model import Comparison, ContractText
from reechain.risk.contracts.reading import read_contract


def read_file(path: Path) -> ContractText:
    """A contract file from disk, or a library template by its code (``S-OX-2``) when no such file exists."""
    if not path.exists():
        code = str(path)
        if code in {t.code for t in library.templates()}:
            return library.template(code).text()
    try:
        data = path.read_bytes()
    except OSError as e:
        from reechain.domain.errors import InvalidInput, Problem

        raise InvalidInput(
            f"{path}: cannot be read", [Problem(e.strerror or str(e), field=str(path))]
        ) from None
    return read_contract(str(path), data)


def compare_texts(
    template: ContractText, contract: ContractText, *, channel: str | None = None
) -> Comparison:
    """Compare with the library's tags and channel when TEMPLATE is one of its forms (by file name or
    title code), with tags read off the clauses otherwise."""
    known = library.template_for_file(template.name) or next(
        (
            t
            for t in library.templates()
            if t.code in template.title.split(" ") or f"{t.code})" in template.title
        ),
        None,
    )
    tags = known.tags if known else {}
    band_channel = channel if channel is not None else (known.channel if known else "")
    return compare(template, contract, library.approval_matrix(), declared_tags=tags, channel=band_channel)
