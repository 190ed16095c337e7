"""openpyxl, imported without NumPy when nothing else has imported NumPy yet.

openpyxl imports NumPy if it is installed (pandas, for the dataset API, installs it) only to
accept NumPy numbers in cells; natprog writes Python strings, ints and dates. Skipping NumPy
saves about 0.12 s of a 0.6 s `extract`. When NumPy is already loaded (a pandas user calling
the library), openpyxl imports normally. tests/test_speed_paths.py checks both give the same
workbook bytes.
"""

from __future__ import annotations

import sys
from types import ModuleType


def load_openpyxl() -> ModuleType:
    if "openpyxl" in sys.modules:
        return sys.modules["openpyxl"]
    blocked = "numpy" not in sys.modules
    if blocked:
        sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError
    try:
        import openpyxl
    finally:
        if blocked and sys.modules.get("numpy", False) is None:
            del sys.modules["numpy"]
    return openpyxl
