"""Small typed readers for raw file data that collect every problem instead of stopping at the first.

Each reader takes the raw mapping, the key and the field path used in messages (``feeds[0].composition``) and
returns a typed value, or a harmless default after recording a :class:`Problem`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from reechain.domain.errors import Problem


class Checker:
    def __init__(self, lines: Mapping[str, int] | None = None) -> None:
        self.problems: list[Problem] = []
        self._lines = lines or {}

    def fail(self, path: str, reason: str) -> None:
        line = self._lines.get(path)
        if line is None:  # fall back to the nearest enclosing item that has a line
            parent = path
            while line is None and ("." in parent or "[" in parent):
                cut = max(parent.rfind("."), parent.rfind("["))
                parent = parent[:cut]
                line = self._lines.get(parent)
        self.problems.append(Problem(reason=reason, field=path, line=line))

    def mapping(self, raw: Any, path: str) -> dict[str, Any]:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.fail(path, f"expected a mapping, got {type(raw).__name__}")
            return {}
        return {str(k): v for k, v in raw.items()}

    def items(self, raw: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> list[Any]:
        value = raw.get(key)
        if value is None:
            if required:
                self.fail(path, "is required")
            return []
        if not isinstance(value, list):
            self.fail(path, f"expected a list, got {type(value).__name__}")
            return []
        return value

    def text(self, raw: Mapping[str, Any], key: str, path: str, *, default: str | None = None) -> str:
        value = raw.get(key)
        if value is None or value == "":
            if default is None:
                self.fail(path, "is required")
                return ""
            return default
        if isinstance(value, (dict, list, bool)):
            self.fail(path, f"expected a text, got {type(value).__name__}")
            return ""
        return str(value)

    def optional_text(self, raw: Mapping[str, Any], key: str, path: str) -> str | None:
        if raw.get(key) in (None, ""):
            return None
        return self.text(raw, key, path)

    def choice(
        self, raw: Mapping[str, Any], key: str, path: str, allowed: tuple[str, ...], default: str
    ) -> str:
        value = self.text(raw, key, path, default=default)
        if value and value not in allowed:
            self.fail(path, f"must be one of {', '.join(allowed)}, got {value!r}")
        return value

    def flag(self, raw: Mapping[str, Any], key: str, path: str) -> bool:
        value = raw.get(key, False)
        if value in (None, ""):
            return False
        if isinstance(value, str) and value.lower() in ("true", "yes", "1", "false", "no", "0"):
            return value.lower() in ("true", "yes", "1")
        if not isinstance(value, (bool, int)):
            self.fail(path, f"expected true or false, got {value!r}")
            return False
        return bool(value)

    def number_value(
        self, value: Any, path: str, *, low: float | None = 0.0, high: float | None = None
    ) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.fail(path, f"expected a number, got {value!r}")
            return 0.0
        try:
            number = float(value)
        except ValueError:
            self.fail(path, f"expected a number, got {value!r}")
            return 0.0
        if not math.isfinite(number):
            self.fail(path, f"must be a finite number, got {value!r}")
            return 0.0
        if low is not None and number < low:
            self.fail(path, f"must be at least {low:g}, got {number:g}")
        if high is not None and number > high:
            self.fail(path, f"must be at most {high:g}, got {number:g}")
        return number

    def number(
        self,
        raw: Mapping[str, Any],
        key: str,
        path: str,
        *,
        default: float | None = None,
        low: float | None = 0.0,
        high: float | None = None,
    ) -> float:
        value = raw.get(key)
        if value is None or value == "":
            if default is None:
                self.fail(path, "is required")
                return 0.0
            return default
        return self.number_value(value, path, low=low, high=high)

    def optional_number(
        self, raw: Mapping[str, Any], key: str, path: str, *, low: float | None = 0.0
    ) -> float | None:
        if raw.get(key) in (None, ""):
            return None
        return self.number(raw, key, path, low=low)

    def ids(self, raw: Mapping[str, Any], key: str, path: str, known: set[str], what: str) -> tuple[str, ...]:
        """A list of references to ``known`` ids (a list, or one id)."""
        value = raw.get(key)
        if value is None or value == "":
            return ()
        values = value if isinstance(value, list) else [value]
        out = []
        for i, v in enumerate(values):
            ref = str(v)
            if ref not in known:
                self.fail(f"{path}[{i}]", f"unknown {what} {ref!r}")
            else:
                out.append(ref)
        return tuple(out)

    def fractions(
        self, raw: Mapping[str, Any], key: str, path: str, elements: set[str], *, required: bool
    ) -> dict[str, float]:
        """An element → fraction mapping whose fractions sum to 1."""
        value = raw.get(key)
        if value is None:
            if required:
                self.fail(path, "is required")
            return {}
        table = self.mapping(value, path)
        out: dict[str, float] = {}
        for element, share in table.items():
            if element not in elements:
                self.fail(f"{path}.{element}", f"unknown element {element!r} (not in `elements`)")
                continue
            out[element] = self.number_value(share, f"{path}.{element}", low=0.0, high=1.0)
        total = sum(out.values())
        if out and abs(total - 1.0) > 1e-6:
            self.fail(path, f"fractions sum to {total:.6g}, not 1")
        if not out and table == {} and required:
            self.fail(path, "must name at least one element")
        return out

    def unique(self, ids: list[str], path: str, what: str) -> None:
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident and ident in seen:
                self.fail(f"{path}[{i}]", f"duplicate {what} {ident!r}")
            seen.add(ident)
