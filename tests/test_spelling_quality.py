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


def test_administrative_prose_draws_at_most_half_a_false_alarm_per_thousand_words():
    from spelling_bench import clean_texts, false_alarms

    words, codes = false_alarms(clean_texts())
    assert 1000 * sum(codes.values()) / words <= 0.5, codes
    assert 1000 * codes["grammar.agreement"] / words <= 0.1, codes


@pytest.mark.slow
def test_every_planted_error_class_is_found():
    from spelling_bench import CLASSES, measure_classes

    measured = measure_classes()
    for kind in CLASSES:
        assert measured.planted[kind] >= 50, kind
        share = measured.found[kind] / measured.planted[kind]
        assert share >= (0.98 if kind in ("nonword", "softsign", "capitalised") else 0.8), (
            kind,
            measured.missed,
        )
    assert measured.top1 >= 0.85 * measured.nonword
