"""Shortcuts taken for speed change no output: the same bytes with and without them."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings

from conftest import DRAFT_2012

_WORKBOOK = """
import sys, hashlib
{prelude}
from natprog.run import process
from natprog.emit.workbook import build_workbook, workbook_bytes
data = process(sys.argv[1]).to_dict()
print(hashlib.sha256(workbook_bytes(build_workbook(data))).hexdigest(), "numpy" in sys.modules)
"""


def _workbook(prelude: str) -> list[str]:
    code = _WORKBOOK.format(prelude=prelude)
    completed = subprocess.run(
        [sys.executable, "-c", code, str(DRAFT_2012["txt"])],
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout.split()


def test_the_workbook_is_the_same_whether_openpyxl_loaded_numpy_or_not():
    without = _workbook("")
    with_numpy = _workbook("import numpy")
    assert without[1] == "False" and with_numpy[1] == "True"
    assert without[0] == with_numpy[0]


def _adverb_texts():
    from hypothesis import strategies as st

    from natprog.checks.joined_words import _split_forms

    words = sorted({w for form, _, _ in _split_forms() for w in form} | {"Там", "ДО", "-", "к"})
    piece = st.one_of(st.sampled_from(words), st.sampled_from([" ", "\u00a0", "  ", "-", ", "]))
    return st.lists(piece, max_size=12).map("".join)


@given(text=_adverb_texts())
@settings(max_examples=300, deadline=None)
def test_the_split_adverb_prefilter_misses_no_block(text):
    """The one pattern that lets a block skip the split-adverb patterns finds something in every
    text any of them finds something in."""
    from natprog.checks.joined_words import any_split_adverb, split_adverbs

    if any(pattern.search(text) for pattern, _, _ in split_adverbs()):
        assert any_split_adverb().search(text)
