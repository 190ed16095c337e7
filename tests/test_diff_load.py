"""Loading the JSON `natprog extract` wrote gives the same comparable draft as processing the file.

Property: `draft_from_json(loads(dumps(result.to_dict()))) == from_result(result)`, on the 2012
draft in its three formats and on random programmes; and clear errors for JSON that is not one.
"""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DRAFT_2012
from natprog.diff.load import draft_from_json, load_draft
from natprog.diff.model import from_result
from natprog.emit.jsonout import dumps
from natprog.errors import NotAProgrammeError, UnreadableFileError, UsageError
from natprog.models import (
    FIELD_KEYS,
    Activity,
    Block,
    Document,
    Field,
    GlossaryEntry,
    Programme,
    Provenance,
    Result,
    Section,
    to_roman,
)
from natprog.normalize import normalize
from natprog.options import Options


def _round_trip(result: Result):
    return draft_from_json(json.loads(dumps(result.to_dict())))


@pytest.mark.parametrize("fmt", sorted(DRAFT_2012))
def test_extraction_json_loads_back_to_the_same_draft(results_2012, fmt):
    result = results_2012[fmt]
    loaded = _round_trip(result)
    assert loaded == from_result(result)
    assert loaded.origin == "json" and len(loaded.activities) == 48
    deadline = loaded.activities[0].field("deadline").deadline
    assert (deadline.kind, str(deadline.start), str(deadline.end)) == (
        "month",
        "2012-05-01",
        "2012-05-31",
    )


# -- random programmes ----------------------------------------------------------------------------

_ALPHABET = (
    "абвгдежзийклмнопрстуфхцчшщъьюяАБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЪЮЯabcXYZ0123456789 .,;:-–„”()\n"
)
_text = st.text(alphabet=_ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip())
_maybe = st.one_of(st.none(), st.integers(1, 400))
_bbox = st.one_of(
    st.none(),
    st.tuples(*[st.floats(0, 1000, allow_nan=False, allow_infinity=False)] * 4),
)
_prov = st.builds(Provenance, page=_maybe, paragraph=_maybe, line=_maybe, bbox=_bbox)
_deadline = st.one_of(
    st.none(),
    st.sampled_from(
        ["Май 2012", "Постоянен", "III тримесечие 2013", "31.05.2012", "2014 г.", "Декември, 2012"]
    ),
    _text,
)


@st.composite
def _field(draw, key: str) -> Field:
    text = draw(_deadline if key == "deadline" else st.one_of(st.none(), _text))
    blocks = [Block(text, draw(_prov))] if text is not None else []
    return Field(key, draw(st.one_of(st.none(), _text)), text, blocks)


@st.composite
def _activity(draw, section: int) -> Activity:
    title = draw(_text)
    return Activity(
        section=section,
        number=draw(st.one_of(st.none(), st.integers(0, 99))),
        number_text="Дейност",
        title=title,
        fields={key: draw(_field(key)) for key in FIELD_KEYS},
        heading_block=Block(title, draw(_prov)),
    )


@st.composite
def _result(draw) -> Result:
    sections = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        title = draw(_text)
        sections.append(
            Section(
                number=number,
                numeral=to_roman(number),
                title=title,
                heading_block=Block(title, draw(_prov)),
                activities=draw(st.lists(_activity(number), min_size=1, max_size=4)),
            )
        )
    glossary = [
        GlossaryEntry(draw(_text), draw(st.one_of(st.none(), _text)), [Block("x", draw(_prov))])
        for _ in range(draw(st.integers(0, 3)))
    ]
    programme = Programme(
        title=draw(st.one_of(st.none(), _text)),
        year=draw(st.one_of(st.none(), st.integers(1990, 2100))),
        draft=draw(st.booleans()),
        sections=sections,
        glossary=glossary,
    )
    document = Document(path="draft.txt", format="txt", sha256="0" * 64, blocks=[])
    return Result(document, normalize(programme), [], Options())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_result())
def test_any_extraction_loads_back_to_the_same_draft(result):
    assert _round_trip(result) == from_result(result)


# -- what is not an extraction ----------------------------------------------------------------------


def _write(tmp_path, name: str, content) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


@pytest.fixture(scope="module")
def extraction(results_2012) -> dict:
    return json.loads(dumps(results_2012["txt"].to_dict()))


def test_a_json_that_is_not_an_extraction_is_a_usage_error(tmp_path):
    path = _write(tmp_path, "diff.json", {"kind": "natprog-diff", "added": []})
    with pytest.raises(UsageError, match="not a natprog extraction .*`natprog extract`"):
        load_draft(path)


def test_a_truncated_json_is_unreadable(tmp_path, extraction):
    path = _write(tmp_path, "cut.json", dumps(extraction)[:5000])
    with pytest.raises(UnreadableFileError, match=r"damaged JSON \(line \d+"):
        load_draft(path)


def test_an_extraction_from_another_schema_version_is_refused(tmp_path, extraction):
    path = _write(tmp_path, "v2.json", {**extraction, "schema_version": "2.0"})
    with pytest.raises(UsageError, match="schema 2.0 is not supported"):
        load_draft(path)


def test_an_extraction_that_breaks_the_schema_is_damaged(tmp_path, extraction):
    broken = json.loads(json.dumps(extraction))
    del broken["activities"][3]["title"]
    with pytest.raises(UnreadableFileError, match="damaged natprog extraction.*activities/3"):
        load_draft(_write(tmp_path, "broken.json", broken))


def test_an_impossible_deadline_is_damaged_not_a_crash(tmp_path, extraction):
    broken = json.loads(json.dumps(extraction))
    broken["activities"][0]["deadline"].update(start="2012-05-31", end="2012-05-01")
    with pytest.raises(UnreadableFileError, match="damaged natprog extraction"):
        load_draft(_write(tmp_path, "backwards.json", broken))


def test_an_extraction_without_activities_is_not_a_programme(tmp_path, extraction):
    empty = {**extraction, "programme": None, "sections": [], "activities": [], "glossary": []}
    with pytest.raises(NotAProgrammeError, match="no activities"):
        load_draft(_write(tmp_path, "text-only.json", empty))


def test_json_is_recognised_by_content_not_name(tmp_path, extraction):
    path = _write(tmp_path, "extraction.txt", b"\xef\xbb\xbf\n  " + dumps(extraction).encode())
    assert load_draft(path).origin == "json"


_json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.text(max_size=8)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value, prefix=()):
    """Every place in a JSON value, skipping long lists past their first two items."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            yield from _paths(item, (*prefix, index))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_tampered_extraction_raises_only_declared_errors(extraction, data):
    """Any one value replaced by any JSON value: the draft loads, or a NatprogError says why."""
    from natprog.errors import NatprogError

    section = {**extraction["sections"][0], "activities": extraction["activities"][:2]}
    small = {**extraction, "sections": [section], "activities": extraction["activities"][:2]}
    tampered = json.loads(json.dumps({**small, "findings": small["findings"][:2]}))
    paths = [path for path in _paths(tampered) if path]
    path = data.draw(st.sampled_from(paths))
    target = tampered
    for step in path[:-1]:
        target = target[step]
    if data.draw(st.booleans()) and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = data.draw(_json_value)
    with contextlib.suppress(NatprogError):
        draft_from_json(tampered)
