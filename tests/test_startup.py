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


def test_the_installed_command_exits_fast_with_its_code_and_all_its_output(tmp_path):
    """`natprog` leaves through `os._exit` (cli.entry): its exit code, and every byte it wrote
    to a pipe, must be what `main()` gives in-process."""
    import json
    import shutil
    from pathlib import Path

    from conftest import DRAFT_2012
    from natprog.cli import main

    command = shutil.which("natprog", path=str(Path(sys.executable).parent))
    assert command is not None
    args = ["check", str(DRAFT_2012["docx"]), "--format", "json"]
    done = subprocess.run([command, *args], capture_output=True, text=True)
    report = json.loads(done.stdout)  # the whole JSON arrived, not a truncated buffer
    assert report and done.returncode == 1  # the 2012 draft has errors: check fails on them
    code = main(args)
    assert done.returncode == code
    module = subprocess.run(
        [sys.executable, "-m", "natprog", "extract", "missing.docx", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert module.returncode == main(["extract", "missing.docx", "-o", str(tmp_path)]) != 0
    assert module.stderr.startswith("natprog: missing.docx")
