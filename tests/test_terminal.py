"""The terminal summary: a short table of counts on stderr, colour only on a terminal."""

from __future__ import annotations

import io
import json

from conftest import DRAFT_2012
from natprog.emit.terminal import MAX_CODES, print_summary
from natprog.models import SEVERITIES

SUMMARY = {
    "activities": 48,
    "findings": 9,
    "by_severity": {"error": 3, "warning": 2, "info": 4},
    "by_code": {"label.variant": 4, "numbering.gap": 2, "label.misspelled": 2, "script.mixed": 1},
}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_extract_prints_the_table_on_stderr_without_colour(run_cli, tmp_path):
    result = run_cli("extract", DRAFT_2012["docx"], "-o", tmp_path)
    assert result.code == 0, result.err
    assert result.out == ""  # data to files, messages to stderr
    summary = json.loads((tmp_path / "np2012-draft.json").read_text(encoding="utf-8"))["summary"]
    lines = [line.split() for line in result.err.splitlines()]
    assert ["file", "activities", "findings", "errors", "warnings", "info"] in lines
    severities = [summary["by_severity"][s] for s in SEVERITIES]
    counts = [summary["activities"], summary["findings"], *severities]
    assert [DRAFT_2012["docx"].name, *map(str, counts)] in lines
    ranked = sorted(summary["by_code"].items(), key=lambda item: (-item[1], item[0]))
    for code, count in ranked[:MAX_CODES]:
        assert [code, str(count)] in [line[:2] for line in lines]
    assert "\x1b[" not in result.err


def test_colour_only_on_a_terminal(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    plain, terminal = io.StringIO(), _Terminal()
    print_summary([("a.docx", SUMMARY)], file=plain)
    print_summary([("a.docx", SUMMARY)], file=terminal)
    assert "\x1b[" not in plain.getvalue()
    assert "\x1b[" in terminal.getvalue()


def test_several_files_get_a_total_and_codes_are_capped():
    many = dict(SUMMARY, by_code={f"family.code{i:02}": 1 for i in range(MAX_CODES + 3)})
    out = io.StringIO()
    print_summary([("a.docx", SUMMARY), ("b.pdf", many)], file=out)
    lines = [line.split() for line in out.getvalue().splitlines()]
    assert ["total", "96", "18", "6", "4", "8"] in lines
    assert ["…", "7", "more", "codes", "7"] in lines  # 19 codes: the 7 smallest folded together
