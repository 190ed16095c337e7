"""The report's templates compiled ahead of time render what the templates themselves render, and
are used only while they match the templates (a stale set falls back to the sources)."""

from __future__ import annotations

import json

import pytest

from natprog.emit import templating
from natprog.emit.html_report import render_report


@pytest.fixture
def compiled_in(tmp_path, monkeypatch):
    """A compiled set written into tmp_path, and the environment rebuilt around it."""
    monkeypatch.setattr(templating, "COMPILED", tmp_path / "compiled")
    monkeypatch.setattr(templating, "DIGESTS", tmp_path / "compiled" / "sources.json")
    templating.environment.cache_clear()
    templating.compile_templates()
    yield tmp_path / "compiled"
    templating.environment.cache_clear()


def _loader_name() -> str:
    return type(templating.environment().loader).__name__


def test_the_compiled_report_is_the_report_rendered_from_source(results_2012, compiled_in):
    data = results_2012["docx"].to_dict()
    assert _loader_name() == "ModuleLoader"
    compiled = render_report(data)
    templating.environment.cache_clear()
    (compiled_in / "sources.json").unlink()
    assert _loader_name() == "FileSystemLoader"
    assert render_report(data) == compiled
    assert "Дейност" in compiled


def test_a_compiled_set_older_than_a_template_is_not_used(compiled_in):
    digests = json.loads((compiled_in / "sources.json").read_text("utf-8"))
    digests["report.html.j2"] = "0" * 64  # as if the template had been edited since
    (compiled_in / "sources.json").write_text(json.dumps(digests), "utf-8")
    assert _loader_name() == "FileSystemLoader"


def test_a_set_compiled_by_another_jinja2_is_not_used(compiled_in):
    digests = json.loads((compiled_in / "sources.json").read_text("utf-8"))
    digests["jinja2"] = "0.0"
    (compiled_in / "sources.json").write_text(json.dumps(digests), "utf-8")
    assert _loader_name() == "FileSystemLoader"


def test_every_template_is_in_the_compiled_set():
    on_disk = sorted(p.name for p in templating.TEMPLATES.iterdir() if p.is_file())
    assert sorted(templating.SOURCES) == on_disk
