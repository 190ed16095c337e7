"""The dataset from the outside: `natprog db` and `natprog browse` in-process, the Python API
(`natprog.read`, `natprog.open_db`) and the README's example, which runs as written."""

from __future__ import annotations

import re
import shutil
import sqlite3

import pytest
from programme_text import Act, Sec, programme

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def small_draft(year: int, title: str = "Провеждане на обучения на служители.") -> str:
    """A two-activity programme for `year`: cheap to process."""
    deadline = {"deadline": f"Декември {year}"}
    return programme(
        [Sec("I", activities=[Act(1, title, deadline), Act(2, "Издаване на наръчник.", deadline)])],
        year=year,
    )


@pytest.fixture
def folder(tmp_path):
    drafts = tmp_path / "inputs"
    drafts.mkdir()
    (drafts / "np2012.txt").write_text(small_draft(2012), encoding="utf-8")
    (drafts / "np2013.txt").write_text(small_draft(2013), encoding="utf-8")
    return drafts


def test_db_loads_a_folder_then_only_what_changed(run_cli, folder, tmp_path):
    database = tmp_path / "programmes.sqlite"
    first = run_cli("db", folder, "-o", database, "--jobs", "2")  # two worker processes
    assert first.code == 0, first.err
    assert f"{folder / 'np2012.txt'}: loaded 2012 v1, 2 activities" in first.out
    assert "2 loaded, 0 unchanged" in first.out

    again = run_cli("db", folder, "-o", database)
    assert again.code == 0 and "0 loaded, 2 unchanged" in again.out

    (folder / "np2013.txt").write_text(
        small_draft(2013, "Провеждане на обучения на съдии."), encoding="utf-8"
    )
    changed = run_cli("db", folder, "-o", database)
    assert f"{folder / 'np2013.txt'}: loaded 2013 v1" in changed.out
    assert "1 loaded, 1 unchanged" in changed.out
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT a.title, p.title, l.changed_fields FROM lineage AS l "
            "JOIN activities AS a USING (activity_id) "
            "JOIN activities AS p ON p.activity_id = l.previous_activity_id ORDER BY a.id"
        ).fetchall()
        assert rows == [
            (
                "Провеждане на обучения на съдии.",
                "Провеждане на обучения на служители.",
                "title,deadline",
            ),
            ("Издаване на наръчник.", "Издаване на наръчник.", "deadline"),
        ]
        assert connection.execute("SELECT count(*) FROM programmes").fetchone()[0] == 2


def test_db_goes_on_after_a_bad_file(run_cli, folder, tmp_path):
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    database = tmp_path / "programmes.sqlite"
    result = run_cli("db", folder, "-o", database, "--jobs", "1")
    assert result.code == 3
    assert f"natprog: {folder / 'broken.docx'}: error (exit 3): " in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "2 loaded, 0 unchanged, 0 removed, 1 failed" in result.out


def test_db_refuses_a_file_that_is_not_a_dataset(run_cli, folder, tmp_path):
    other = tmp_path / "notes.sqlite"
    other.write_text("not a database", encoding="utf-8")
    result = run_cli("db", folder, "-o", other)
    assert result.code == 3
    assert result.err.startswith(f"natprog: {other}: not an SQLite database")
    assert other.read_text(encoding="utf-8") == "not a database"

    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (x)")
    result = run_cli("db", folder, "-o", foreign)
    assert result.code == 3 and "not a natprog dataset" in result.err


def test_browse_needs_a_database(run_cli, tmp_path):
    result = run_cli("browse", tmp_path / "missing.sqlite")
    assert result.code == 3
    assert "no such database: run `natprog db` first" in result.err


def test_frames_carry_the_json_field_names(generated_series):
    import natprog

    _generator, drafts, extractions, _database = generated_series
    from_json = natprog.read(extractions / "np2013-v1.json")
    from_draft = natprog.read(drafts / "np2013-v1.txt")
    activities = from_json.activities_frame()
    assert list(activities.columns[:4]) == ["id", "section", "number", "title"]
    assert {"responsible", "deadline", "deadline_start", "deadline_end", "indicators"} <= set(
        activities.columns
    )
    assert len(activities) == len(from_json.data["activities"]) == 49
    assert str(activities["deadline_end"].dtype).startswith("datetime64")
    for name in ("activities_frame", "findings_frame", "institutions_frame"):
        assert getattr(from_json, name)().equals(getattr(from_draft, name)()), name
    findings = from_json.findings_frame()
    assert list(findings.columns) == [
        "code",
        "severity",
        "message",
        "text",
        "suggestion",
        "section",
        "activity",
        "field",
        "page",
        "paragraph",
        "line",
    ]
    institutions = from_json.institutions_frame().set_index("name")
    assert institutions.loc["ДАНС", "responsible"] == ["IV.4"]


def test_open_db_gives_every_table_and_view(generated_series):
    import natprog

    frames = natprog.open_db(generated_series[3])
    for name in (
        "programmes",
        "activities",
        "lineage",
        "findings",
        "recurring_activities",
        "dropped_activities",
        "carried_over_deadlines",
        "changes",
    ):
        assert name in frames, name
    assert len(frames["programmes"]) == 10
    assert "activities_fts" not in frames


def test_the_readme_example_runs(generated_series, tmp_path, monkeypatch, capsys):
    code = re.search(r"#### Python API\n\n```python\n(.*?)```", README, re.S).group(1)
    (tmp_path / "outputs").mkdir()
    shutil.copy(generated_series[3], tmp_path / "outputs" / "programmes.sqlite")
    (tmp_path / "inputs").symlink_to(ROOT / "inputs")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    shown = capsys.readouterr().out
    assert "I.1" in shown and "np2016-v2.txt" in shown and "2012" in shown


def test_the_readme_links_the_schema_doc():
    assert "[`docs/schema.md`](docs/schema.md)" in README
    assert (ROOT / "docs" / "schema.md").is_file()


def test_a_damaged_extraction_is_refused_and_leaves_nothing(run_cli, generated_series, tmp_path):
    import json

    data = json.loads((generated_series[2] / "np2012-v1.json").read_text(encoding="utf-8"))
    del data["activities"][5]["title"]
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    database = tmp_path / "programmes.sqlite"
    result = run_cli("db", damaged, "-o", database)
    assert result.code == 3
    assert "damaged natprog extraction (KeyError: 'title')" in result.err
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM activities").fetchone() == (0,)


def test_browse_without_datasette_says_how_to_install_it(run_cli, generated_series, monkeypatch):
    import natprog.dataset.site as site

    monkeypatch.setattr(site, "find_spec", lambda name: None)
    result = run_cli("browse", generated_series[3])
    assert result.code == 2
    assert "pip install 'natprog[web]'" in result.err


def test_db_into_a_missing_folder_says_so(run_cli, folder, tmp_path):
    result = run_cli("db", folder, "-o", tmp_path / "no" / "such" / "programmes.sqlite")
    assert result.code == 73
    assert "cannot open the database (unable to open database file)" in result.err
    assert not (tmp_path / "no").exists()


def test_db_over_an_outputs_folder_loads_the_extractions_only(run_cli, tmp_path):
    from natprog.run import extract

    outputs = tmp_path / "outputs"
    draft = tmp_path / "np2012.txt"
    draft.write_text(small_draft(2012), encoding="utf-8")
    extract(draft, outputs / "np2012-txt")
    (outputs / "np2012-txt" / "np2012.annotated.docx").write_bytes(b"natprog's own copy")
    (outputs / "summary.json").write_text('{"files": []}', encoding="utf-8")
    result = run_cli("db", outputs, "-o", tmp_path / "programmes.sqlite")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].startswith(
        f"{outputs / 'np2012-txt' / 'np2012.json'}: loaded"
    )
    assert "1 loaded, 0 unchanged, 0 removed, 0 failed" in result.out
