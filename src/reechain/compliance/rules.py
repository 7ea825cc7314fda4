"""Export-control measures as dated data, and the question "which of them apply on day D?".

The measures themselves live in YAML files (``reechain/data/rules/*.yaml`` or ``Settings.rules_dir``); this
module only reads them and answers questions about dates. See docs/compliance.md, "Rule files".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

from reechain.domain.errors import InvalidInput, Problem

PACKAGED_RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "rules"

FORMS = frozenset(
    {
        "metal",
        "alloy",
        "target",
        "magnet",
        "oxide",
        "compound",
        "ore",
        "concentrate",
        "equipment",
        "technology",
    }
)
LICENCE_KINDS = frozenset({"dual_use", "export"})


class _Loader(yaml.SafeLoader):
    """Dates stay text so that a wrong one is reported with its field, not as a YAML crash."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class Status(StrEnum):
    NOT_YET_EFFECTIVE = "not_yet_effective"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    LAPSED = "lapsed"


@dataclass(frozen=True)
class ControlCode:
    code: str | None
    verified: bool
    note: str = ""


@dataclass(frozen=True)
class Suspension:
    measures: tuple[str, ...]
    start: date
    until: date
    """Last day (inclusive) on which the suspended measures do not apply."""


@dataclass(frozen=True)
class Scope:
    elements: frozenset[str] = frozenset()
    min_element_fraction: float = 0.0
    forms: frozenset[str] = frozenset()
    hs_codes: tuple[str, ...] = ()
    hs_names: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.elements or self.forms or self.hs_codes)


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    issuer: tuple[str, ...]
    effective: date
    lapses: date | None
    satisfied_by: frozenset[str]
    scope: Scope
    control_codes: dict[str, ControlCode]
    control_code_suffix: dict[str, str]
    suspends: Suspension | None
    source: tuple[str, ...]
    note: str = ""
    file: str = ""


@dataclass(frozen=True)
class ListRule:
    match: str
    action: str
    program: str | None = None
    """Shell-style pattern on the entry's programs (for MOFCOM's export-control list, the sub-list:
    ``export_control_watch_list`` or ``export_control_control_list``); ``None`` = any entry of the list."""

    def applies(self, list_name: str, programs: tuple[str, ...] = ()) -> bool:
        if not fnmatchcase(list_name.lower(), self.match.lower()):
            return False
        return self.program is None or any(fnmatchcase(p.lower(), self.program.lower()) for p in programs)


@dataclass(frozen=True)
class Policy:
    id: str
    review_threshold: float
    block_threshold: float
    lists: tuple[ListRule, ...]
    default_action: str = "hold"
    no_lists_action: str = "hold"


@dataclass(frozen=True)
class RuleBook:
    measures: tuple[Measure, ...]
    policy: Policy
    version: str
    """sha256 (first 16 hex digits) over the rule files' bytes: recorded with every decision."""

    def by_id(self, measure_id: str) -> Measure:
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise KeyError(measure_id)

    def status(self, measure: Measure, on: date) -> tuple[Status, str]:
        """The status of one measure on day ``on`` and why."""
        if on < measure.effective:
            return Status.NOT_YET_EFFECTIVE, f"effective from {measure.effective}"
        if measure.lapses is not None and on >= measure.lapses:
            return Status.LAPSED, f"lapsed on {measure.lapses}"
        ended = ""
        for other in self.measures:
            s = other.suspends
            if s is None or measure.id not in s.measures:
                continue
            if other.effective <= on and s.start <= on <= s.until:
                return Status.SUSPENDED, f"suspended by {other.id} from {s.start} until {s.until}"
            if on > s.until:
                ended += f"; its suspension by {other.id} ended on {s.until}"
        return Status.IN_FORCE, f"in force since {measure.effective}{ended}"

    def in_force(self, on: date) -> list[Measure]:
        return [m for m in self.measures if self.status(m, on)[0] is Status.IN_FORCE]


def _date(value: Any, where: str, problems: list[Problem], *, required: bool = True) -> date | None:
    if value is None:
        if required:
            problems.append(Problem("a date (YYYY-MM-DD) is required", field=where))
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(Problem(f"not a date (YYYY-MM-DD): {value!r}", field=where))
        return None


def _measure(raw: Any, file: str, problems: list[Problem]) -> Measure | None:
    if not isinstance(raw, dict) or not raw.get("id"):
        problems.append(Problem("each measure needs a mapping with an `id`", field=file))
        return None
    mid = str(raw["id"])
    where = f"{file}: {mid}"
    effective = _date(raw.get("effective"), f"{where}.effective", problems)
    lapses = _date(raw.get("lapses"), f"{where}.lapses", problems, required=False)
    satisfied_by = frozenset(str(k) for k in raw.get("satisfied_by") or [])
    for k in satisfied_by - LICENCE_KINDS:
        problems.append(Problem(f"unknown licence kind {k!r} (use {sorted(LICENCE_KINDS)})", field=where))
    sc = raw.get("scope") or {}
    hs: list[str] = []
    hs_names: dict[str, str] = {}
    for item in sc.get("hs_codes") or []:
        code = str(item["code"] if isinstance(item, dict) else item)
        if not code.isdigit():
            problems.append(Problem(f"HS code must be digits: {code!r}", field=f"{where}.scope.hs_codes"))
        hs.append(code)
        if isinstance(item, dict) and item.get("name"):
            hs_names[code] = str(item["name"])
    forms = frozenset(str(f) for f in sc.get("forms") or [])
    for f in forms - FORMS:
        problems.append(Problem(f"unknown form {f!r} (use {sorted(FORMS)})", field=f"{where}.scope.forms"))
    scope = Scope(
        elements=frozenset(str(e) for e in sc.get("elements") or []),
        min_element_fraction=float(sc.get("min_element_fraction") or 0.0),
        forms=forms,
        hs_codes=tuple(hs),
        hs_names=hs_names,
    )
    suspends = None
    if raw.get("suspends"):
        s = raw["suspends"]
        start = _date(s.get("from", raw.get("effective")), f"{where}.suspends.from", problems)
        until = _date(s.get("until"), f"{where}.suspends.until", problems)
        if start and until:
            suspends = Suspension(tuple(str(x) for x in s.get("measures") or []), start, until)
    codes = {
        str(el): ControlCode(
            code=(str(v["code"]) if v.get("code") else None),
            verified=bool(v.get("verified", False)),
            note=str(v.get("note") or ""),
        )
        for el, v in (raw.get("control_codes") or {}).items()
    }
    if effective is None:
        return None
    if lapses is not None and lapses <= effective:
        problems.append(Problem("`lapses` must come after `effective`", field=where))
    src = raw.get("source") or []
    return Measure(
        id=mid,
        title=str(raw.get("title") or mid),
        issuer=tuple(str(i) for i in raw.get("issuer") or []),
        effective=effective,
        lapses=lapses,
        satisfied_by=satisfied_by,
        scope=scope,
        control_codes=codes,
        control_code_suffix={str(k): str(v) for k, v in (raw.get("control_code_suffix") or {}).items()},
        suspends=suspends,
        source=tuple(str(x) for x in (src if isinstance(src, list) else [src])),
        note=str(raw.get("note") or "").strip(),
        file=file,
    )


def _policy(raw: Any, file: str, problems: list[Problem]) -> Policy | None:
    try:
        review = float(raw["review_threshold"])
        block = float(raw["block_threshold"])
        rules = tuple(
            ListRule(str(r["match"]), str(r["action"]), str(r["program"]) if r.get("program") else None)
            for r in raw.get("lists") or []
        )
    except (KeyError, TypeError, ValueError) as e:
        problems.append(Problem(f"policy needs review_threshold, block_threshold and lists: {e}", field=file))
        return None
    actions = {"block", "hold", "ignore"}
    for r in rules:
        if r.action not in actions:
            problems.append(Problem(f"unknown action {r.action!r} for {r.match!r}", field=f"{file}: lists"))
    if not 0 <= review <= block <= 1:
        problems.append(Problem("need 0 <= review_threshold <= block_threshold <= 1", field=file))
    return Policy(
        id=str(raw.get("id") or "policy"),
        review_threshold=review,
        block_threshold=block,
        lists=rules,
        default_action=str(raw.get("default_action") or "hold"),
        no_lists_action=str(raw.get("no_lists_action") or "hold"),
    )


def load_rules(folder: Path | None = None) -> RuleBook:
    """Read every ``*.yaml`` file of ``folder`` (default: the packaged rules). All or nothing."""
    folder = folder or PACKAGED_RULES_DIR
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    if not files:
        raise InvalidInput(f"no rule files (*.yaml) in {folder}")
    problems: list[Problem] = []
    measures: list[Measure] = []
    policy: Policy | None = None
    digest = hashlib.sha256()
    for path in files:
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data + b"\0")
        try:
            doc = yaml.load(data, Loader=_Loader) or {}  # a SafeLoader subclass
        except yaml.YAMLError as e:
            problems.append(Problem(f"not valid YAML: {e}", field=path.name))
            continue
        for raw in doc.get("measures") or []:
            m = _measure(raw, path.name, problems)
            if m is not None:
                measures.append(m)
        if "policy" in doc:
            if policy is not None:
                problems.append(Problem("a second `policy` section; keep exactly one", field=path.name))
            policy = _policy(doc["policy"], path.name, problems)
    ids = [m.id for m in measures]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(f"measure id {dup!r} appears more than once"))
    known = set(ids)
    for m in measures:
        for target in m.suspends.measures if m.suspends else ():
            if target not in known:
                problems.append(Problem(f"suspends unknown measure {target!r}", field=f"{m.file}: {m.id}"))
    if policy is None:
        problems.append(Problem("no `policy` section found in any rule file"))
    if problems or policy is None:
        raise InvalidInput(f"the rule files in {folder} are not valid", problems)
    return RuleBook(measures=tuple(measures), policy=policy, version=digest.hexdigest()[:16])
