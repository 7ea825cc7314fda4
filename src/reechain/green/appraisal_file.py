"""The upgrade project file (YAML): ``projects: [...]`` or a single project; every bad field is named."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import yaml

from reechain.domain.errors import InvalidInput, Problem
from reechain.green.appraisal import UpgradeProject

FIELDS = {
    "id",
    "capex",
    "annual_savings",
    "annual_opex_change",
    "life_years",
    "discount_rate",
    "tax_rate",
    "construction_years",
    "name",
    "plant",
    "note",
    "source",
}


def _finite(value: Any, field: str, problems: list[Problem]) -> float:
    if value is None:
        problems.append(Problem("required", field=field))
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(Problem(f"a number, got {value!r}", field=field))
        return 0.0
    if not math.isfinite(value):
        problems.append(Problem("NaN and infinity are refused", field=field))
        return 0.0
    return float(value)


def _number(
    raw: Mapping[str, Any], key: str, where: str, problems: list[Problem], default: float | None = None
) -> float:
    return _finite(raw.get(key, default), f"{where}.{key}", problems)


def _whole(raw: Mapping[str, Any], key: str, where: str, problems: list[Problem], default: int | None) -> int:
    value = raw.get(key, default)
    if value is None:
        problems.append(Problem("required", field=f"{where}.{key}"))
        return 1
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append(Problem(f"a whole number ≥ 1, got {value!r}", field=f"{where}.{key}"))
        return 1
    return value


def _project(raw: Any, where: str, fallback_id: str, problems: list[Problem]) -> UpgradeProject | None:
    if not isinstance(raw, Mapping):
        problems.append(Problem("a mapping of the project's fields", field=where))
        return None
    start = len(problems)
    for key in sorted(set(raw) - FIELDS):
        problems.append(
            Problem(f"unknown field (known: {', '.join(sorted(FIELDS))})", field=f"{where}.{key}")
        )
    capex_raw = raw.get("capex")
    capex: list[float] = []
    if not isinstance(capex_raw, list) or not capex_raw:
        problems.append(
            Problem("a non-empty list of amounts by year, e.g. [120, 80]", field=f"{where}.capex")
        )
    else:
        for i, value in enumerate(capex_raw):
            amount = _finite(value, f"{where}.capex[{i}]", problems)
            if amount < 0:
                problems.append(Problem("capex is paid: ≥ 0", field=f"{where}.capex[{i}]"))
            capex.append(amount)
    savings = _number(raw, "annual_savings", where, problems)
    opex = _number(raw, "annual_opex_change", where, problems, default=0.0)
    life = _whole(raw, "life_years", where, problems, None)
    rate = _number(raw, "discount_rate", where, problems)
    if rate <= -1:
        problems.append(Problem("must be > -1", field=f"{where}.discount_rate"))
    tax = _number(raw, "tax_rate", where, problems, default=0.0)
    if not 0 <= tax < 1:
        problems.append(Problem("a fraction in [0, 1)", field=f"{where}.tax_rate"))
    construction = _whole(raw, "construction_years", where, problems, len(capex) or 1)
    if capex and construction < len(capex):
        problems.append(
            Problem(
                f"capex lists {len(capex)} years; construction_years must be ≥ that",
                field=f"{where}.construction_years",
            )
        )
    project_id = raw.get("id", fallback_id)
    if not isinstance(project_id, str | int) or isinstance(project_id, bool) or not str(project_id).strip():
        problems.append(Problem("a non-empty text", field=f"{where}.id"))
    if len(problems) > start:
        return None
    return UpgradeProject(str(project_id), tuple(capex), savings, opex, life, rate, tax, construction)


def parse_projects(text: str, name: str) -> list[UpgradeProject]:
    """Projects of a YAML file NAME with content TEXT; all or nothing."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise InvalidInput(
            f"{name}: not valid YAML",
            [Problem(str(getattr(e, "problem", e)), line=mark.line + 1 if mark else None)],
        ) from None
    problems: list[Problem] = []
    if isinstance(data, Mapping) and "projects" in data:
        raws = data["projects"]
        if not isinstance(raws, list) or not raws:
            raise InvalidInput(
                f"{name} is not valid", [Problem("a non-empty list of projects", field="projects")]
            )
        items = [(raw, f"projects[{i}]", f"project-{i + 1}") for i, raw in enumerate(raws)]
    elif isinstance(data, Mapping):
        items = [(data, "project", name.rsplit("/", 1)[-1].rsplit(".", 1)[0])]
    else:
        raise InvalidInput(
            f"{name} is not valid", [Problem("a mapping with `projects:` or one project", field=name)]
        )
    projects = [_project(raw, where, fallback, problems) for raw, where, fallback in items]
    ids = [p.id for p in projects if p is not None]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(f"id {dup!r} appears more than once", field="projects.id"))
    if problems:
        raise InvalidInput(f"{name} is not valid", problems)
    return [p for p in projects if p is not None]
