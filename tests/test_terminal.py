"""The terminal summary: a short table of counts on stderr, colour only on a terminal."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DRAFT_2012
from natprog.emit.terminal import MAX_CODES, print_summary
from natprog.emit.titles import rule_titles
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


def _rich_text(summaries) -> str:
    from rich.console import Console

    from natprog.emit.terminal import summary_tables

    out = io.StringIO()
    console = Console(file=out, highlight=False, soft_wrap=False)
    for table in summary_tables(summaries):
        console.print(table)
    return out.getvalue()


_LABEL = st.text(
    st.sampled_from("abcxyzАБВабвгдежщъюя0123456789 ._-()№[]漢😀"), min_size=1, max_size=40
)
_SUMMARY = st.fixed_dictionaries(
    {
        "activities": st.integers(0, 5000),
        "findings": st.integers(0, 99999),
        "by_severity": st.dictionaries(st.sampled_from(SEVERITIES), st.integers(0, 9999)),
        "by_code": st.dictionaries(
            st.sampled_from(sorted(rule_titles())) | st.text("abc.", min_size=1, max_size=30),
            st.integers(1, 500),
            max_size=16,
        ),
    }
)


@given(summaries=st.lists(st.tuples(_LABEL, _SUMMARY), min_size=1, max_size=4))
@settings(max_examples=150, deadline=None)
def test_the_plain_summary_is_what_rich_prints_off_a_terminal(summaries):
    """Off a terminal the summary is printed without rich; it must be rich's text to the byte,
    and rich must take over whenever it would print something else (wide, folded, markup)."""
    from natprog.emit.terminal import _tables, plain_text

    plain = plain_text(_tables(summaries), io.StringIO())
    printed = io.StringIO()
    print_summary(summaries, file=printed)
    assert printed.getvalue() == _rich_text(summaries)
    if plain is not None:
        assert plain == printed.getvalue()


def test_the_usual_summary_needs_no_rich():
    from natprog.emit.terminal import _tables, plain_text

    assert plain_text(_tables([("np2012-draft.docx", SUMMARY)]), io.StringIO()) is not None


def test_extract_off_a_terminal_does_not_import_rich(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys\nfrom natprog.cli import main\n"
        f"main(['extract', {str(DRAFT_2012['txt'])!r}, '-o', {str(tmp_path)!r}])\n"
        "print('rich' in sys.modules, file=sys.__stdout__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
    assert "activities" in done.stderr  # the table was printed, as plain text
