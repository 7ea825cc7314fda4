"""The packaged template library and approval matrix (``reechain/data/contracts``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from reechain.domain.errors import InvalidInput, NotFound, Problem
from reechain.risk.contracts.matrix import ApprovalMatrix, parse_matrix
from reechain.risk.contracts.model import ContractText
from reechain.risk.contracts.reading import read_contract

PACKAGE = "reechain.data.contracts"


@dataclass(frozen=True)
class Template:
    code: str
    title: str
    file: str
    channel: str
    tags: dict[str, tuple[str, ...]]

    def text(self) -> ContractText:
        return read_contract(self.file, resources.files(PACKAGE).joinpath(self.file).read_bytes())


def _yaml(name: str) -> Any:
    return yaml.safe_load(resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8"))


@cache
def approval_matrix() -> ApprovalMatrix:
    return parse_matrix(_yaml("approval_matrix.yaml"), "approval_matrix.yaml")


@cache
def templates() -> tuple[Template, ...]:
    data = _yaml("library.yaml")
    out = []
    for i, raw in enumerate(data.get("templates") or []):
        missing = [k for k in ("code", "title", "file") if not raw.get(k)]
        if missing:
            raise InvalidInput(
                "library.yaml is not valid",
                [Problem("required", field=f"templates[{i}].{m}") for m in missing],
            )
        out.append(
            Template(
                code=str(raw["code"]),
                title=str(raw["title"]),
                file=str(raw["file"]),
                channel=str(raw.get("channel") or ""),
                tags={str(k): tuple(v) for k, v in (raw.get("tags") or {}).items()},
            )
        )
    return tuple(out)


def template(code: str) -> Template:
    for t in templates():
        if t.code == code:
            return t
    raise NotFound(f"no standard contract {code!r}; known: {', '.join(t.code for t in templates())}")


def template_for_file(name: str) -> Template | None:
    """The library template whose file is NAME (compared by file name), if any."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return next((t for t in templates() if t.file == base), None)
