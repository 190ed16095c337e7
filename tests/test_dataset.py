"""The dataset of every programme: ten generated drafts (five years × two versions) in one SQLite
database; lineage, views and canned queries checked against what the generator made."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from natprog.dataset.lineage import version_of
from natprog.dataset.site import metadata

QUERIES = metadata("programmes.sqlite")["databases"]["programmes"]["queries"]


@pytest.fixture(scope="module")
def series(generated_series):
    return generated_series


@pytest.fixture(scope="module")
def db(series):
    connection = sqlite3.connect(series[3])
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def programme_ids(db) -> list[int]:
    """The programmes in generation order (year, version)."""
    return [
        row[0] for row in db.execute("SELECT programme_id FROM programmes ORDER BY year, version")
    ]


def ids(db, sql: str, *args) -> set[str]:
    return {row[0] for row in db.execute(sql, args)}


def test_ten_programmes_each_after_its_predecessor(series, db):
    generator = series[0]
    rows = db.execute(
        "SELECT p.year, p.version, p.file, p.activities, q.year, q.version FROM programmes AS p "
        "LEFT JOIN programmes AS q ON q.programme_id = p.predecessor_id ORDER BY p.year, p.version"
    ).fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (s.year, s.version, s.name) for s in generator.snapshots
    ]
    assert [r[3] for r in rows] == [len(s.ids) for s in generator.snapshots]
    assert [tuple(r)[4:] for r in rows] == [
        (None, None),
        *[(s.year, s.version) for s in generator.snapshots[:-1]],
    ]


def test_lineage_is_exactly_what_the_generator_made(series, db):
    generator = series[0]
    for index, programme_id in enumerate(programme_ids(db)):
        expected = generator.expected(index)
        pairs = dict(
            db.execute(
                "SELECT a.id, p.id FROM lineage AS l JOIN activities AS a USING (activity_id) "
                "JOIN activities AS p ON p.activity_id = l.previous_activity_id "
                "WHERE a.programme_id = ?",
                (programme_id,),
            ).fetchall()
        )
        name = generator.snapshots[index].name
        assert pairs == expected.pairs, name
        added = ids(db, "SELECT id FROM added_activities WHERE programme_id = ?", programme_id)
        assert added == expected.added, name
        dropped = ids(
            db, "SELECT previous_id FROM dropped_activities WHERE programme_id = ?", programme_id
        )
        assert dropped == expected.dropped, name
        changed = {
            row[0]: set(row[1].split(","))
            for row in db.execute(
                "SELECT a.id, l.changed_fields FROM lineage AS l JOIN activities AS a "
                "USING (activity_id) WHERE a.programme_id = ? AND l.changed_fields <> ''",
                (programme_id,),
            )
        }
        assert changed == expected.changed, name


def test_every_match_has_a_score_above_the_threshold(db):
    from natprog.diff import DEFAULT_THRESHOLD

    scores = [row[0] for row in db.execute("SELECT score FROM lineage")]
    assert scores and min(scores) >= DEFAULT_THRESHOLD and max(scores) <= 100


def test_canned_query_recurring_gives_since_when(series, db):
    generator = series[0]
    last = len(generator.snapshots) - 1
    rows = db.execute(QUERIES["recurring"]["sql"]).fetchall()
    assert {row["id"]: row["since_year"] for row in rows} == generator.expected(last).since
    # an activity of the 2012 draft still there in 2016 has been in all five years
    assert {row["years"] for row in rows if row["since_year"] == 2012} == {5}


def test_canned_query_dropped(series, db):
    generator = series[0]
    rows = db.execute(QUERIES["dropped"]["sql"]).fetchall()
    expected = {
        (s.year, s.version, old_id)
        for index, s in enumerate(generator.snapshots)
        for old_id in generator.expected(index).dropped
    }
    assert {(r["year"], r["version"], r["previous_id"]) for r in rows} == expected
    assert len(rows) == len(expected)


def test_canned_query_led_per_institution(series, db):
    from dataset_fixtures import NEW_INSTITUTION

    generator = series[0]
    rows = db.execute(QUERIES["led_per_institution"]["sql"]).fetchall()
    led = {r["year"]: r["led"] for r in rows if r["institution"] == NEW_INSTITUTION}
    latest = {s.year: i for i, s in enumerate(generator.snapshots)}  # the last version wins
    expected = {year: generator.led(i, NEW_INSTITUTION) for year, i in latest.items()}
    # in 2012 it is only a partner
    assert led == expected == {2012: 0, 2013: 1, 2014: 3, 2015: 2, 2016: 2}
    # every institution appears once per year
    assert len({(r["institution"], r["year"]) for r in rows}) == len(rows)


def test_canned_query_carried_over_deadlines(series, db):
    generator = series[0]
    rows = db.execute(QUERIES["carried_over_deadlines"]["sql"]).fetchall()
    expected = {
        (s.year, s.version, new_id)
        for index, s in enumerate(generator.snapshots)
        for new_id in generator.expected(index).stale_deadlines
    }
    assert {(r["year"], r["version"], r["id"]) for r in rows} == expected
    assert (2013, 1, "I.3") in expected  # I.4 of 2012, left at `Декември 2012`


def test_canned_query_version_changes(series, db):
    generator = series[0]
    rows = db.execute(QUERIES["version_changes"]["sql"]).fetchall()
    expected = set()
    for index, s in enumerate(generator.snapshots):
        if s.version == 1:
            continue
        e = generator.expected(index)
        expected |= {(s.year, "changed", new_id, None) for new_id in e.changed}
        expected |= {(s.year, "added", new_id, None) for new_id in e.added}
        expected |= {(s.year, "dropped", None, old_id) for old_id in e.dropped}
    got = {
        (
            r["year"],
            r["change"],
            r["id"] if r["change"] != "dropped" else None,
            r["previous_id"] if r["change"] == "dropped" else None,
        )
        for r in rows
    }
    assert got == expected


def test_canned_full_text_search(series, db):
    generator = series[0]
    rows = db.execute(QUERIES["search"]["sql"], {"text": "мобилно приложение"}).fetchall()
    expected = {
        (s.year, s.version, new_id)
        for s in generator.snapshots
        for key, new_id in s.ids.items()
        if "мобилно приложение" in s.values[key]["title"]
    }
    assert (
        {(r["year"], r["version"], r["id"]) for r in rows}
        == expected
        == {
            (2012, 2, "IV.6"),
            (2013, 1, "IV.6"),
        }
    )
    # case and prefix: the tokenizer folds Cyrillic case
    assert db.execute(QUERIES["search"]["sql"], {"text": "МОБИЛН*"}).fetchall()


def test_integrity(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("INSERT INTO activities_fts(activities_fts) VALUES ('integrity-check')")


def test_reloading_one_changed_draft_reloads_only_it(series, tmp_path):
    from natprog.dataset import load

    _generator, _drafts, extractions, database = series
    folder = shutil.copytree(extractions, tmp_path / "json")
    copy = shutil.copy(database, tmp_path / "programmes.sqlite")
    # the copies have other paths: the first load replaces every programme, nothing duplicated
    first = load([folder], copy)
    assert first.count("loaded") == 10 and first.exit_code() == 0
    again = load([folder], copy)
    assert again.count("unchanged") == 10 and again.count("loaded") == 0 and again.relinked == 0

    changed = folder / "np2014-v2.json"
    data = json.loads(changed.read_text(encoding="utf-8"))
    data["activities"][0]["title"] += " Допълнено."
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = load([folder], copy)
    assert [o.path for o in report.outcomes if o.status == "loaded"] == [str(changed)]
    assert report.count("unchanged") == 9
    assert report.relinked == 2  # itself and the draft after it

    with sqlite3.connect(copy) as connection:
        counts = connection.execute(
            "SELECT (SELECT count(*) FROM programmes), (SELECT count(*) FROM activities),"
            " (SELECT count(*) FROM activities_fts)"
        ).fetchone()
        assert counts == (10, sum(len(s.ids) for s in series[0].snapshots), counts[1])
        fields = connection.execute(
            "SELECT changed_fields FROM lineage JOIN activities USING (activity_id) "
            "WHERE year = 2014 AND version = 2 AND id = 'I.1'"
        ).fetchone()[0]
        assert fields == "title"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []

    changed.unlink()  # a draft taken out of the folder leaves the database too
    report = load([folder], copy)
    assert report.count("removed") == 1
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT count(*) FROM programmes").fetchone()[0] == 9
        # 2015 v1 now follows 2014 v1
        assert connection.execute(
            "SELECT q.year, q.version FROM programmes AS p JOIN programmes AS q "
            "ON q.programme_id = p.predecessor_id WHERE p.year = 2015 AND p.version = 1"
        ).fetchone() == (2014, 1)


def test_a_draft_and_its_json_are_one_programme(series, tmp_path):
    from natprog.dataset import load

    _generator, drafts, extractions, _database = series
    database = tmp_path / "two.sqlite"
    load([drafts / "np2012-v1.txt"], database, jobs=1)
    load([extractions / "np2012-v1.json"], database)
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT loaded_from FROM programmes").fetchall() == [("json",)]


@pytest.mark.parametrize(
    ("name", "version"),
    [
        ("np2013-v2.docx", 2),
        ("np2013-draft.docx", 1),
        ("НП 2014 редакция 3.pdf", 3),
        ("проект-версия2.txt", 2),
        ("np2014-final.docx", 1),
        ("2014-v12.txt", 12),
    ],
)
def test_version_from_the_file_name(name, version):
    assert version_of(name) == version


def test_schema_doc_is_generated_from_the_database(series):
    from conftest import ROOT
    from natprog.dataset.schema import connect, schema_doc

    connection = connect(series[3], create=False)
    connection.row_factory = sqlite3.Row
    doc = schema_doc(connection)
    connection.close()
    path = ROOT / "docs" / "schema.md"
    from conftest import UPDATE_GOLDEN

    if UPDATE_GOLDEN:
        path.write_text(doc, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == doc, (
        "docs/schema.md is out of date: UPDATE_GOLDEN=1 make test, or "
        ".venv/bin/python -m natprog.dataset.schema > docs/schema.md"
    )
    for table in ("programmes", "activities", "lineage", "activities_fts", "recurring_activities"):
        assert f"`{table}`" in doc


def test_metadata_labels_every_column_of_every_table(db):
    tables = metadata("programmes.sqlite")["databases"]["programmes"]["tables"]
    from natprog.dataset.schema import objects

    for kind, name, sql in objects(db):
        if "VIRTUAL" in sql.upper():
            continue
        assert name in tables and tables[name].get("title"), f"{name} has no Bulgarian title"
        if kind == "table":
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({name})")]
            assert set(tables[name]["columns"]) == set(columns), name


@pytest.mark.slow
def test_loading_the_drafts_gives_the_same_dataset_as_their_json(series, tmp_path):
    """The drafts processed by `natprog db` itself (two workers) and their extraction JSON give
    the same programmes, activities and lineage."""
    from natprog.dataset import load

    _generator, drafts, _extractions, from_json = series
    from_drafts = tmp_path / "drafts.sqlite"
    report = load([drafts], from_drafts, jobs=2)
    assert report.count("loaded") == 10 and report.exit_code() == 0
    query = (
        "SELECT p.year, p.version, a.id, a.title, a.deadline_end, pa.id, l.score, l.changed_fields "
        "FROM activities AS a JOIN programmes AS p USING (programme_id) "
        "LEFT JOIN lineage AS l USING (activity_id) "
        "LEFT JOIN activities AS pa ON pa.activity_id = l.previous_activity_id "
        "ORDER BY p.year, p.version, a.activity_id"
    )
    with sqlite3.connect(from_drafts) as left, sqlite3.connect(from_json) as right:
        assert left.execute(query).fetchall() == right.execute(query).fetchall()
        loaded = {row[0] for row in left.execute("SELECT DISTINCT loaded_from FROM programmes")}
        assert loaded == {"draft"}


@pytest.mark.slow
def test_another_threshold_recomputes_the_lineage(series, tmp_path):
    from natprog.dataset import load

    database = shutil.copy(series[3], tmp_path / "programmes.sqlite")
    strict = load([series[2]], database, threshold=99.5)
    with sqlite3.connect(database) as connection:
        assert strict.relinked == 9
        similar = connection.execute("SELECT count(*) FROM lineage WHERE method = 'similar'")
        assert similar.fetchone() == (0,)  # the reworded ones no longer reach it
    assert load([series[2]], database, threshold=99.5).relinked == 0
    assert load([series[2]], database).relinked == 9  # back to the default
