"""Scenarios: ``--set PATH=VALUE`` overrides applied to the raw planning data before validation.

Path syntax (documented in ``docs/planning.md``): dot-separated; a list section is followed by the
item's key —
its ``id`` (quotas, feeds, plants, products, processes, licences), its ``product`` (inventory), its
``product/channel`` or ``product/channel/destination`` (demand), a position ``[0]``, or ``*`` for every item —
then the field, possibly nested (``cumulative_limits.2026-Q2``). The value is read as YAML (``50000``,
``[a, b]``); a value ``*1.1`` multiplies the current number.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

from reechain.domain.errors import InvalidInput, Problem


def _key_of(section: str, item: dict[str, Any]) -> str:
    if section == "inventory":
        return str(item.get("product"))
    if section == "demand":
        base = f"{item.get('product')}/{item.get('channel', 'sales')}"
        return f"{base}/{item['destination']}" if item.get("destination") else base
    return str(item.get("id"))


def apply_overrides(data: Any, overrides: list[str]) -> Any:
    """Return a copy of ``data`` with every override applied; all bad overrides are reported together."""
    out = copy.deepcopy(data)
    problems: list[Problem] = []
    for text in overrides:
        try:
            _apply(out, text)
        except _Bad as e:
            problems.append(Problem(str(e), field=f"--set {text}"))
    if problems:
        raise InvalidInput("cannot apply scenario overrides", problems)
    return out


class _Bad(Exception):
    pass


def _apply(data: Any, text: str) -> None:
    if "=" not in text:
        raise _Bad("expected PATH=VALUE")
    path, raw_value = text.split("=", 1)
    parts = [p for p in path.strip().split(".") if p]
    if not parts or not isinstance(data, dict):
        raise _Bad("empty path")
    value_text = raw_value.strip()
    if parts[0] in data and isinstance(data[parts[0]], list) and len(parts) >= 3:
        targets = _select(parts[0], data[parts[0]], parts[1])
        for item in targets:
            _set(item, parts[2:], value_text)
    else:
        _set(data, parts, value_text)


def _select(section: str, items: list[Any], key: str) -> list[dict[str, Any]]:
    dicts = [i for i in items if isinstance(i, dict)]
    if key == "*":
        return dicts
    if key.startswith("[") and key.endswith("]"):
        try:
            return [dicts[int(key[1:-1])]]
        except (ValueError, IndexError):
            raise _Bad(f"no item {key} in {section}") from None
    found = [i for i in dicts if _key_of(section, i) == key]
    if not found:
        known = ", ".join(_key_of(section, i) for i in dicts)
        raise _Bad(f"no {section} item {key!r} (known: {known})")
    return found


def _set(target: dict[str, Any], fields: list[str], value_text: str) -> None:
    for name in fields[:-1]:
        child = target.get(name)
        if child is None:
            child = target[name] = {}
        if not isinstance(child, dict):
            raise _Bad(f"{name!r} is not a mapping")
        target = child
    last = fields[-1]
    if value_text.startswith("*"):
        current = target.get(last)
        if isinstance(current, bool) or not isinstance(current, (int, float)):
            raise _Bad(f"cannot scale {last!r}: current value {current!r} is not a number")
        try:
            target[last] = current * float(value_text[1:])
        except ValueError:
            raise _Bad(f"bad factor {value_text!r}") from None
        return
    try:
        target[last] = yaml.safe_load(value_text)
    except yaml.YAMLError:
        raise _Bad(f"cannot read value {value_text!r}") from None
