"""Matching and word diffs: properties that hold for any input, and the threshold's calibration."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DRAFT_2012
from natprog.diff.compare import word_diff
from natprog.diff.load import load_draft
from natprog.diff.match import DEFAULT_THRESHOLD, match_activities, normalized, similarity_matrix


@pytest.fixture(scope="module")
def activities():
    return load_draft(DRAFT_2012["txt"]).activities


_words = st.lists(
    st.sampled_from(["срок", "дейност", "НКБТХ", "2012", "2013", ",", ".", "и", "на", "МВР", " "]),
    max_size=25,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_words, _words)
def test_word_diff_rebuilds_both_texts(old, new):
    spans = word_diff(old, new)
    assert "".join(s.text for s in spans if s.op != "insert") == normalized(old)
    assert "".join(s.text for s in spans if s.op != "delete") == normalized(new)
    assert all(s.text for s in spans)
    if normalized(old) == normalized(new):
        assert all(s.op == "equal" for s in spans)
    # no two kept runs in a row, no change split by a lone space
    for left, right in zip(spans, spans[1:], strict=False):
        assert not (left.op == right.op == "equal")


def test_word_diff_folds_a_space_between_two_changes():
    spans = word_diff("Май 2012 г.", "Юни 2013 г.")
    assert [(s.op, s.text) for s in spans] == [
        ("delete", "Май 2012"),
        ("insert", "Юни 2013"),
        ("equal", " г."),
    ]


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_shuffled_and_renumbered_activities_are_all_found(activities, data):
    """Any order, any numbering: every activity is paired with itself and nothing else."""
    order = data.draw(st.permutations(range(len(activities))))
    shuffled = [
        dataclasses.replace(activities[i], number=position + 1, id=f"I.{position + 1}")
        for position, i in enumerate(order)
    ]
    matching = match_activities(activities, shuffled)
    assert not matching.unmatched_old and not matching.unmatched_new
    assert {(pair.old, order[pair.new]) for pair in matching.pairs} == {
        (i, i) for i in range(len(activities))
    }


def test_the_threshold_keeps_different_activities_apart(activities):
    """The README's calibration: on the 2012 draft, under 1.5% of pairs of different activities
    reach the threshold, while every activity scores 100 against itself."""
    scores = similarity_matrix(activities, activities)
    n = len(activities)
    others = [scores[i][j] for i in range(n) for j in range(n) if i != j]
    assert all(scores[i][i] == pytest.approx(100) for i in range(n))
    assert sum(score >= DEFAULT_THRESHOLD for score in others) / len(others) < 0.015


def test_a_dropped_activity_is_not_forced_onto_an_unrelated_new_one(activities):
    """Greedy best-first never pairs below the threshold, however few activities are left."""
    old = [activities[0]]  # I.1, the Благоевград commission
    new = [activities[-1]]  # VII.3, amendments to the Criminal Code
    matching = match_activities(old, new)
    assert matching.pairs == () and matching.unmatched_old == (0,)
    assert matching.nearest_new(0)[1] < DEFAULT_THRESHOLD


def test_same_id_wins_a_tie(activities):
    twin = activities[5]
    old = [twin, dataclasses.replace(twin, id="II.9", number=9)]
    new = [dataclasses.replace(twin, title=twin.title + " (актуализирано)")]
    matching = match_activities(old, new)
    assert [(p.old, p.new) for p in matching.pairs] == [(0, 0)]
