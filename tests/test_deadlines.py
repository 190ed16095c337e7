"""Deadline normalization: every form seen in drafts, and never a crash on anything else."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natprog.parse.deadlines import parse_deadline

D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("Май 2012", "month", D(2012, 5, 1), D(2012, 5, 31)),
        ("Декември, 2012", "month", D(2012, 12, 1), D(2012, 12, 31)),
        ("декември 2012 г.", "month", D(2012, 12, 1), D(2012, 12, 31)),
        ("Февруари 2012", "month", D(2012, 2, 1), D(2012, 2, 29)),
        ("Май – Юни 2012", "month", D(2012, 5, 1), D(2012, 6, 30)),
        ("2012 г.", "year", D(2012, 1, 1), D(2012, 12, 31)),
        ("до края на 2013 г.", "year", D(2013, 1, 1), D(2013, 12, 31)),
        ("Постоянен", "permanent", None, None),
        ("постоянно", "permanent", None, None),
        ("III тримесечие 2013", "quarter", D(2013, 7, 1), D(2013, 9, 30)),
        ("ІІІ тримесечие 2013 г.", "quarter", D(2013, 7, 1), D(2013, 9, 30)),
        ("първо тримесечие на 2012 г.", "quarter", D(2012, 1, 1), D(2012, 3, 31)),
        ("31.05.2012", "date", D(2012, 5, 31), D(2012, 5, 31)),
        ("31.05.2012 г.", "date", D(2012, 5, 31), D(2012, 5, 31)),
        ("31.06.2013", "unknown", None, None),
        ("след приемане на закона", "unknown", None, None),
        ("", "unknown", None, None),
    ],
)
def test_forms(text, kind, start, end):
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.start, deadline.end) == (kind, start, end)
    assert deadline.text == text


def test_absent_deadline():
    deadline = parse_deadline(None)
    assert deadline.text is None and deadline.kind == "unknown"


@given(st.text(max_size=60))
def test_any_text_gives_a_deadline(text):
    deadline = parse_deadline(text)
    assert deadline.kind in ("date", "month", "quarter", "year", "permanent", "unknown")
    if deadline.start and deadline.end:
        assert deadline.start <= deadline.end


@given(st.integers(0, 40), st.integers(0, 14), st.integers(1990, 2099))
def test_any_numeric_date(day, month, year):
    deadline = parse_deadline(f"{day:02d}.{month:02d}.{year}")
    try:
        expected = dt.date(year, month, day)
    except ValueError:
        assert deadline.kind == "unknown"
    else:
        assert (deadline.kind, deadline.start) == ("date", expected)
