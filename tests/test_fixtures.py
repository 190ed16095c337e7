"""The committed DOCX fixtures are exactly what tests/fixtures/build_fixtures.py generates."""

from __future__ import annotations

import subprocess
import sys

from test_layouts import FIXTURES

GENERATED = sorted(p.name for p in FIXTURES.glob("*.docx")) + [
    "np2012-tracked.changes.txt",
    "scan.pdf",
]


def test_generator_reproduces_the_committed_fixtures(tmp_path):
    subprocess.run(
        [sys.executable, str(FIXTURES / "build_fixtures.py"), "--outdir", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert len(GENERATED) == 15
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (FIXTURES / name).read_bytes(), (
            f"{name} differs from the generator's output: rerun build_fixtures.py and commit"
        )


def test_fixtures_stay_small():
    for path in FIXTURES.iterdir():
        assert path.stat().st_size < 200_000, path.name
