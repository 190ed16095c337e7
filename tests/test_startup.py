"""Start-up stays light: `natprog --help` and the CLI module import no heavy library.

Heavy libraries are imported inside the functions that need them (see the README's speed
targets); a module-level import of one of them on the start-up path fails this test.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "spacy",
    "pandas",
    "numpy",
    "openpyxl",
    "pdfplumber",
    "pdfminer",
    "pypdfium2",
    "docx",
    "jinja2",
    "rich",
    "lxml",
    "hunspell",
    "rapidfuzz",
    "jsonschema",
)


def _modules_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return {line.split(".")[0] for line in done.stdout.splitlines()}


def test_cli_start_up_imports_no_heavy_library():
    loaded = _modules_after("import natprog.cli")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_help_imports_no_heavy_library():
    code = "from natprog.cli import main\nimport contextlib, io\n"
    code += "with contextlib.redirect_stdout(io.StringIO()):\n    main(['--help'])"
    loaded = _modules_after(code)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_batch_help_imports_no_heavy_library():
    code = "from natprog.cli import main\nimport contextlib, io\n"
    code += "with contextlib.redirect_stdout(io.StringIO()):\n    main(['batch', '--help'])"
    loaded = _modules_after(code)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
