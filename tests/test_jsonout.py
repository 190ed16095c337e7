"""natprog's JSON writer gives exactly the standard library's bytes (sorted keys, indent 2, UTF-8)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DRAFT_2012
from natprog.emit.jsonout import dumps
from natprog.run import process


def _reference(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), _values, max_size=6))
def test_same_bytes_as_the_standard_library(data):
    assert dumps(data) == _reference(data)


def test_same_bytes_for_a_whole_draft():
    data = process(DRAFT_2012["docx"]).to_dict()
    assert dumps(data) == _reference(data)


def test_unusual_values_fall_back_to_the_standard_library():
    data = {"by_number": {1: "one", 2: "two"}, "tuple": (1, 2)}
    assert dumps(data) == _reference(data)
