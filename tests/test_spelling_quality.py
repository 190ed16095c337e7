"""The quality bar of the spelling check, measured on our own test set (tests/spelling_bench.py).

Clean text (tests/data/clean/, origins in its README) must draw at most one false alarm per
2,000 words; typos planted into it with a fixed seed must be found at least 95% of the time.
"""

from __future__ import annotations

import pytest
from spelling_bench import KINDS, measure


@pytest.fixture(scope="module")
def measured():
    return measure()


def test_clean_text_draws_almost_no_false_alarms(measured):
    assert measured.words >= 7000
    assert measured.false_alarms_per_2000 <= 1.0, measured.false_alarms


def test_planted_typos_are_found(measured):
    assert measured.planted >= 300
    assert set(measured.by_kind) == set(KINDS)
    assert measured.recall >= 0.95, measured.missed
    for kind in KINDS:  # no kind of slip may be left behind
        assert measured.detected_by_kind[kind] >= 0.9 * measured.by_kind[kind], kind


def test_the_meant_word_is_suggested(measured):
    assert measured.top3 >= 0.9 * measured.planted
