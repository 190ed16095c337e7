"""`natprog batch`: a folder of good, corrupt and unsupported files, per-file results, summaries,
the content-hash cache, and workers that hang, crash or hit a bug."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
from badfiles import expected_outputs

from conftest import DRAFT_2012
from natprog.errors import ExitCode


@pytest.fixture
def drafts(tmp_path) -> Path:
    """good (docx, txt, a txt in a subfolder), corrupt (docx, pdf), unsupported (content, type)."""
    folder = tmp_path / "drafts"
    (folder / "2013").mkdir(parents=True)
    shutil.copyfile(DRAFT_2012["docx"], folder / "проект 2012.docx")
    shutil.copyfile(DRAFT_2012["txt"], folder / "np2012-draft.txt")
    shutil.copyfile(DRAFT_2012["txt"], folder / "2013" / "np2013-draft.txt")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip archive")
    (folder / "truncated.pdf").write_bytes(DRAFT_2012["pdf"].read_bytes()[:900])
    (folder / "image.doc").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (folder / "notes.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet")
    return folder


def _summary(out: Path) -> tuple[dict, list[dict]]:
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return data, rows


def test_batch_reports_every_file_and_goes_on_after_bad_ones(run_cli, drafts, tmp_path):
    out = tmp_path / "out"
    result = run_cli("batch", drafts, "-o", out, "--jobs", "2")

    # the first failed file (in name order) decides the exit code: broken.docx is unreadable
    assert result.code == ExitCode.UNREADABLE, result.err
    lines = {line.split(":", 1)[0]: line for line in result.out.splitlines()}
    assert lines["проект 2012.docx"].startswith("проект 2012.docx: ok, 48 activities")
    assert "ok, 48 activities" in lines["np2012-draft.txt"]
    assert "ok, 48 activities" in lines["2013/np2013-draft.txt"]
    assert lines["broken.docx"].startswith("broken.docx: error (exit 3): ")
    assert "damaged" in lines["broken.docx"]
    assert lines["truncated.pdf"].startswith("truncated.pdf: error (exit 3): ")
    assert lines["image.doc"].startswith("image.doc: error (exit 4): ")
    assert lines["notes.xlsx"] == "notes.xlsx: skipped (unsupported file type .xlsx)"
    assert "7 files: 3 ok (0 cached), 3 failed, 1 skipped" in result.out

    # outputs per file, named like the Makefile's; nothing for the failed ones
    for folder, stem in [
        ("проект 2012-docx", "проект 2012"),
        ("np2012-draft-txt", "np2012-draft"),
        ("2013/np2013-draft-txt", "np2013-draft"),
    ]:
        for suffix in (".json", ".xlsx", ".activities.csv"):
            assert (out / folder / f"{stem}{suffix}").is_file()
    assert not (out / "broken-docx").exists() and not (out / "truncated-pdf").exists()

    data, rows = _summary(out)
    assert data["counts"] == {"files": 7, "ok": 3, "cached": 0, "error": 3, "skipped": 1}
    by_file = {row["file"]: row for row in rows}
    assert [row["file"] for row in rows] == [entry["file"] for entry in data["files"]]
    assert by_file["проект 2012.docx"]["status"] == "ok"
    assert by_file["проект 2012.docx"]["activities"] == "48"
    assert by_file["проект 2012.docx"]["output_dir"] == "проект 2012-docx"
    json_row = next(e for e in data["files"] if e["file"] == "проект 2012.docx")
    assert json_row["findings"] == json_row["errors"] + json_row["warnings"] + json_row["infos"]
    assert sorted(json_row["outputs"]) == expected_outputs("проект 2012", "docx")
    assert by_file["broken.docx"]["status"] == "error"
    assert by_file["broken.docx"]["exit_code"] == "3"
    assert by_file["image.doc"]["exit_code"] == "4"
    assert by_file["broken.docx"]["message"] and "\n" not in by_file["broken.docx"]["message"]
    assert by_file["notes.xlsx"]["status"] == "skipped"


def test_findings_decide_the_exit_code_only_with_fail_on(run_cli, tmp_path, draft_copy):
    draft_copy("txt")
    out = tmp_path / "out"
    assert run_cli("batch", tmp_path, "-o", out).code == 0
    assert run_cli("batch", tmp_path, "-o", out, "--fail-on", "never").code == 0
    # the 2012 draft has findings of severity error (e.g. script.mixed)
    assert run_cli("batch", tmp_path, "-o", out, "--fail-on", "error").code == ExitCode.FINDINGS


def _mtimes(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()
    }


def test_cache_skips_unchanged_and_recomputes_changed(run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copyfile(DRAFT_2012["txt"], drafts / "a.txt")
    shutil.copyfile(DRAFT_2012["txt"], drafts / "b.txt")
    out = tmp_path / "out"
    first = run_cli("batch", drafts, "-o", out, "--jobs", "1")
    assert first.code == 0 and first.out.count(": ok,") == 2
    before = _mtimes(out / "a-txt")

    second = run_cli("batch", drafts, "-o", out, "--jobs", "1")
    assert second.out.count(": cached,") == 2, second.out
    assert _mtimes(out / "a-txt") == before  # nothing rewritten
    assert _summary(out)[0]["counts"]["cached"] == 2

    # a changed input is recomputed, the other one is not
    with open(drafts / "b.txt", "a", encoding="utf-8") as handle:
        handle.write("\nРедакция от 2 май.\n")
    third = run_cli("batch", drafts, "-o", out, "--jobs", "1")
    assert "a.txt: cached," in third.out and "b.txt: ok," in third.out

    # a changed project file recomputes everything
    config = tmp_path / "natprog.toml"
    config.write_text('[severity]\n"script.mixed" = "warning"\n', encoding="utf-8")
    fourth = run_cli("batch", drafts, "-o", out, "--config", config)
    assert fourth.out.count(": ok,") == 2, fourth.out
    assert _mtimes(out / "a-txt") != before

    # --no-cache recomputes; a deleted output makes its file be recomputed
    assert (
        run_cli("batch", drafts, "-o", out, "--config", config, "--no-cache").out.count(": ok,")
        == 2
    )
    (out / "a-txt" / "a.json").unlink()
    sixth = run_cli("batch", drafts, "-o", out, "--config", config)
    assert "a.txt: ok," in sixth.out and "b.txt: cached," in sixth.out


def test_cache_key_follows_the_master_glossary(tmp_path, monkeypatch):
    from natprog.batch_cache import run_fingerprint
    from natprog.options import Options

    monkeypatch.chdir(tmp_path)
    glossary = tmp_path / "glossary.csv"
    glossary.write_text("abbreviation,expansion\nМВР,Министерство на вътрешните работи\n")
    options = Options(glossary_path=glossary)
    before = run_fingerprint(options)
    assert run_fingerprint(options) == before
    glossary.write_text("abbreviation,expansion\nМВР,Министерство на вътрешните работи\nЕС,ЕС\n")
    assert run_fingerprint(options) != before
    assert run_fingerprint(options.with_(revisions="original")) != run_fingerprint(options)


def test_a_file_that_now_fails_loses_its_old_outputs(run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copyfile(DRAFT_2012["docx"], drafts / "a.docx")
    out = tmp_path / "out"
    assert run_cli("batch", drafts, "-o", out).code == 0
    (drafts / "a.docx").write_bytes(b"PK\x03\x04 damaged now")
    result = run_cli("batch", drafts, "-o", out)
    assert result.code == ExitCode.UNREADABLE
    assert not (out / "a-docx").exists()


def _slow_or_broken_extract(real):
    def fake(path, outdir, options=None, formats=None, **kwargs):
        name = Path(path).name
        if name.startswith("hang"):
            import signal
            import time

            # Hang deterministically: the worker's own alarm fires now, whatever the machine's
            # load, while the good drafts keep the full --timeout (no clock they could miss).
            signal.setitimer(signal.ITIMER_REAL, 0.001)
            time.sleep(60)
        if name.startswith("crash"):
            os._exit(9)  # a worker killed by a C-level crash
        if name.startswith("bug"):
            raise ZeroDivisionError("division by zero")
        return real(path, outdir, options, formats, **kwargs)

    return fake


def test_hung_crashing_and_buggy_files_do_not_stop_the_batch(run_cli, tmp_path, monkeypatch):
    import natprog.run

    # workers are forked from this process, so they see the patched stage
    monkeypatch.setattr(natprog.run, "extract", _slow_or_broken_extract(natprog.run.extract))
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for name in ("a-good.txt", "bug.txt", "crash.txt", "hang.txt", "z-good.txt"):
        shutil.copyfile(DRAFT_2012["txt"], drafts / name)
    out = tmp_path / "out"
    result = run_cli("batch", drafts, "-o", out, "--jobs", "2", "--timeout", "600")
    lines = {line.split(":", 1)[0]: line for line in result.out.splitlines()}
    assert "ok, 48 activities" in lines["a-good.txt"]
    assert "ok, 48 activities" in lines["z-good.txt"]
    assert lines["bug.txt"].startswith(
        "bug.txt: error (exit 70): internal error (ZeroDivisionError"
    )
    assert lines["crash.txt"].startswith("crash.txt: error (exit 70): internal error (the worker")
    assert lines["hang.txt"].startswith("hang.txt: error (exit 7): still running after 600 s")
    assert result.code == ExitCode.INTERNAL  # bug.txt is the first failure by name


def test_symlinks_are_followed_only_when_asked(run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copyfile(DRAFT_2012["txt"], drafts / "real.txt")
    (drafts / "link.txt").symlink_to(drafts / "real.txt")
    outside = tmp_path / "outside.txt"
    shutil.copyfile(DRAFT_2012["txt"], outside)
    (drafts / "escape.txt").symlink_to(outside)
    out = tmp_path / "out"
    result = run_cli("batch", drafts, "-o", out)
    assert "link.txt: skipped (symlink not followed" in result.out
    followed = run_cli("batch", drafts, "-o", out, "--follow-symlinks")
    assert "link.txt: ok," in followed.out
    assert "escape.txt: skipped (symlink points outside the folder)" in followed.out


def test_not_a_folder_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("batch", tmp_path / "missing", "-o", tmp_path / "out")
    assert result.code == ExitCode.USAGE


def test_a_worker_deaf_to_its_alarm_is_killed(run_cli, tmp_path, monkeypatch):
    """Code stuck in a C library never sees the worker's own alarm: the batch kills the worker.

    No draft is on a clock it could miss under load: the batch's clock jumps past the timeout
    only once the stuck draft says it is stuck, and with one job at a time the good drafts run
    before and after it, each with the full --timeout.
    """
    import signal
    import time as real_time

    import natprog.batch
    import natprog.run

    real = natprog.run.extract
    stuck_now = tmp_path / "stuck-now"

    def stuck(path, outdir, options=None, formats=None, **kwargs):
        if Path(path).name.startswith("stuck"):
            signal.signal(signal.SIGALRM, signal.SIG_IGN)
            stuck_now.touch()
            real_time.sleep(600)
        return real(path, outdir, options, formats, **kwargs)

    class Clock:  # the batch's `time`: an hour later once the stuck draft is stuck
        @staticmethod
        def monotonic() -> float:
            return real_time.monotonic() + (3600 if stuck_now.exists() else 0)

    monkeypatch.setattr(natprog.run, "extract", stuck)
    monkeypatch.setattr(natprog.batch, "time", Clock)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for name in ("a.txt", "stuck.txt", "z.txt"):
        shutil.copyfile(DRAFT_2012["txt"], drafts / name)
    result = run_cli("batch", drafts, "-o", tmp_path / "out", "--jobs", "1", "--timeout", "600")
    assert result.code == ExitCode.LIMIT
    assert "a.txt: ok," in result.out and "z.txt: ok," in result.out
    assert "stuck.txt: error (exit 7): still running after 600 s" in result.out


def test_an_output_folder_inside_the_input_folder_is_not_read(run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copyfile(DRAFT_2012["txt"], drafts / "a.txt")
    assert run_cli("batch", drafts, "-o", drafts / "out").code == 0
    again = run_cli("batch", drafts, "-o", drafts / "out")
    assert again.code == 0
    assert again.out.splitlines()[0].startswith("a.txt: cached,")
    assert "1 file: 1 ok (1 cached), 0 failed, 0 skipped" in again.out


def test_two_files_with_one_output_folder_are_not_overwritten_silently(run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copyfile(DRAFT_2012["txt"], drafts / "x.txt")
    shutil.copyfile(DRAFT_2012["txt"], drafts / "x.TXT")
    result = run_cli("batch", drafts, "-o", tmp_path / "out")
    lines = {line.split(":", 1)[0]: line for line in result.out.splitlines()}
    assert lines["x.TXT"].startswith("x.TXT: ok,")
    assert lines["x.txt"] == (
        "x.txt: skipped (its outputs would overwrite those of x.TXT in x-txt/: rename one of the two)"
    )


def test_prune_removes_the_outputs_of_drafts_no_longer_there(run_cli, tmp_path):
    drafts = tmp_path / "drafts"
    (drafts / "2013").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "2013/c.txt"):
        shutil.copyfile(DRAFT_2012["txt"], drafts / name)
    out = tmp_path / "out"
    assert run_cli("batch", drafts, "-o", out).code == 0
    (out / "2013" / "c-txt" / "mine.txt").write_text("a note of the user's", encoding="utf-8")
    (drafts / "b.txt").unlink()
    (drafts / "2013" / "c.txt").unlink()
    kept = run_cli("batch", drafts, "-o", out)  # without --prune nothing is removed
    assert (out / "b-txt").is_dir() and "removed" not in kept.out
    result = run_cli("batch", drafts, "-o", out, "--prune")
    assert result.code == 0
    assert "2013/c-txt/: removed (2013/c.txt is no longer in the folder)" in result.out
    assert "b-txt/: removed (b.txt is no longer in the folder)" in result.out
    assert "1 file: 1 ok (1 cached), 0 failed, 0 skipped, outputs of 2 removed" in result.out
    assert not (out / "b-txt").exists()
    assert sorted(p.name for p in (out / "2013" / "c-txt").iterdir()) == ["mine.txt"]
    assert (out / "a-txt" / "a.json").exists()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["removed"] == [
        {"file": "2013/c.txt", "output_dir": "2013/c-txt"},
        {"file": "b.txt", "output_dir": "b-txt"},
    ]
