"""The fast indented JSON writer gives the text of ``json.dumps(..., indent=2, ensure_ascii=False,
default=str)``."""

from __future__ import annotations

import enum
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reechain.jsontext import dumps_indented
from reechain.planning.run import solve_problem
from reechain.planning.validation import problem_from_data

from .cases import TINY


def reference(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


class Level(enum.IntEnum):
    LOW = 1


scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
)
keys = st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.lists(children, max_size=3).map(tuple)
        | st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(documents)
def test_same_text_as_json_dumps(data: Any) -> None:
    assert dumps_indented(data) == reference(data)


def test_special_values_and_types() -> None:
    data = {
        "nan": float("nan"),
        "inf": [float("inf"), -float("inf")],
        "small": [1e-7, 5e-05, -0.0, 0.1 + 0.2, 1e16, 123456789.123456],
        "text": 'quote " backslash \\ tab \t newline \n nul \x00 é 稀土 \u2028',
        "numpy": [np.float64(2.5), np.float64("nan")],
        "enum": Level.LOW,
        "other": [date(2026, 1, 2), Path("a/b"), Decimal("1.10"), {1, 2} - {1, 2}],
        "empty": [{}, [], (), ""],
        7: {2.5: True, None: False, True: None},
        "deep": [[[[{"a": [1, {"b": ()}]}]]]],
    }
    assert dumps_indented(data) == reference(data)


def test_plan_document_as_written() -> None:
    doc = solve_problem(problem_from_data(TINY), with_explanation=True)
    assert dumps_indented(doc) == reference(doc)


def test_key_of_another_type_is_refused_like_json() -> None:
    with pytest.raises(TypeError):
        reference({(1, 2): 1})
    with pytest.raises(TypeError):
        dumps_indented({(1, 2): 1})
