"""Golden files: the JSON and CSV of each embedded input, byte for byte.

After an intended change, regenerate with `UPDATE_GOLDEN=1 make test` and review the diff.
"""

from __future__ import annotations

import difflib

import pytest

from conftest import DRAFT_2012, GOLDEN, UPDATE_GOLDEN


def _compare(actual: str, expected_path) -> None:
    if UPDATE_GOLDEN or not expected_path.exists():
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(actual, encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(
                f"golden file {expected_path.name} was missing and has been written; review and commit it"
            )
        return
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{expected_path.parent.name}/{expected_path.name}",
                tofile="actual",
                n=2,
            )
        )
        pytest.fail(
            f"output differs from the golden file (UPDATE_GOLDEN=1 to accept):\n{diff[:6000]}"
        )


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_json_matches_golden(fmt, tmp_path, run_cli):
    result = run_cli("extract", DRAFT_2012[fmt], "-o", tmp_path)
    assert result.code == 0, result.err
    actual = (tmp_path / "np2012-draft.json").read_text(encoding="utf-8")
    _compare(actual, GOLDEN / f"np2012-{fmt}" / "np2012-draft.json")


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_csv_matches_golden(fmt, tmp_path, run_cli):
    result = run_cli("extract", DRAFT_2012[fmt], "-o", tmp_path)
    assert result.code == 0, result.err
    actual = (tmp_path / "np2012-draft.activities.csv").read_text(encoding="utf-8-sig")
    _compare(actual, GOLDEN / f"np2012-{fmt}" / "np2012-draft.activities.csv")


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_institutions_csv_matches_golden(fmt, tmp_path, run_cli):
    result = run_cli("extract", DRAFT_2012[fmt], "-o", tmp_path)
    assert result.code == 0, result.err
    actual = (tmp_path / "np2012-draft.institutions.csv").read_text(encoding="utf-8-sig")
    _compare(actual, GOLDEN / f"np2012-{fmt}" / "np2012-draft.institutions.csv")
