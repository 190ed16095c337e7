"""Shortcuts taken for speed change no output: the same bytes with and without them."""

from __future__ import annotations

import subprocess
import sys

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
