"""A 500-page programme (generated): time grows linearly with its size, memory stays bounded.

Each size runs in a fresh process (so peak RSS is its own), with the lazy imports warmed up on
a small draft first; 100 and 500 pages (300 and 1500 activities) are compared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from badfiles import expected_outputs

from conftest import ROOT

pytestmark = pytest.mark.slow

_RUN = """
import json, resource, sys, time
sys.path.insert(0, "tests")
from pathlib import Path
from badfiles import programme_docx
from natprog.run import extract

def peak_kb():
    # VmHWM is this process's own high-water mark; ru_maxrss on Linux also counts the memory of
    # the (v)forked parent before exec, i.e. the whole pytest process.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

pages, folder = int(sys.argv[1]), Path(sys.argv[2])
small = folder / "small.docx"
small.write_bytes(programme_docx(1, 3))
extract(small, folder / "warm-up")  # lazy imports (openpyxl, ...) are not the draft's cost
draft = folder / f"programme-{pages}.docx"
draft.write_bytes(programme_docx(10, pages * 3 // 10, activities_per_page=3))
before = peak_kb()
started, cpu = time.perf_counter(), time.process_time()
result, written = extract(draft, folder / "out")
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
peak = peak_kb()
print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": peak / 1024, "growth_mb": (peak - before) / 1024,
                  "activities": len(result.programme.activities), "outputs": len(written)}))
"""


def measure(pages: int, folder) -> dict:
    folder.mkdir()
    completed = subprocess.run(
        [sys.executable, "-c", _RUN, str(pages), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=True,
    )
    return json.loads(completed.stdout)


def test_500_page_programme_scales_linearly(tmp_path):
    small = measure(100, tmp_path / "p100")
    large = measure(500, tmp_path / "p500")
    print(f"100 pages: {small}\n500 pages: {large}")
    assert (small["activities"], large["activities"]) == (300, 1500)
    assert large["outputs"] == len(expected_outputs("programme-500", "docx"))
    # Five times the pages: linear work takes about five times as long; quadratic would be 25.
    # CPU time, not wall time, so that other work on a shared machine does not skew the ratio.
    assert large["cpu"] / small["cpu"] < 8, (small, large)
    assert large["cpu"] < 30, large  # CPU seconds: a loaded machine stretches wall time, not this
    # Memory: bounded in absolute terms and growing no faster than the draft.
    assert large["rss_mb"] < 400, large
    assert large["growth_mb"] < 8 * max(small["growth_mb"], 10), (small, large)
