"""`datapackage.json`: a valid Tabular Data Package that matches the CSVs beside it, cell by cell."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import shutil

import jsonschema
import pytest

from conftest import DRAFT_2012
from natprog.emit.serialize import ACTIVITY_COLUMNS

# The parts of the Frictionless Data Package / Table Schema (v1) specs natprog relies on.
PACKAGE_SCHEMA = {
    "type": "object",
    "required": ["name", "profile", "resources", "licenses", "title"],
    "properties": {
        "name": {"type": "string", "pattern": r"^[a-z0-9._-]+$"},
        "profile": {"const": "tabular-data-package"},
        "licenses": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "object", "required": ["name", "title"]},
        },
        "resources": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "path", "profile", "schema", "encoding", "dialect"],
                "properties": {
                    "name": {"type": "string", "pattern": r"^[a-z0-9._-]+$"},
                    "path": {"type": "string", "not": {"pattern": r"^(/|[a-zA-Z]:|\.\.)"}},
                    "profile": {"const": "tabular-data-resource"},
                    "hash": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
                    "schema": {
                        "type": "object",
                        "required": ["fields"],
                        "properties": {
                            "fields": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["name", "type", "title"],
                                    "properties": {"type": {"enum": ["string", "integer", "date"]}},
                                },
                            }
                        },
                    },
                },
            },
        },
    },
}


@pytest.fixture
def extracted(tmp_path, run_cli):
    result = run_cli("extract", DRAFT_2012["docx"], "-o", tmp_path)
    assert result.code == 0, result.err
    return tmp_path


def _package(folder):
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def test_package_is_valid_and_describes_the_csv(extracted):
    package = _package(extracted)
    jsonschema.validate(package, PACKAGE_SCHEMA)
    (resource,) = package["resources"]
    path = extracted / resource["path"]
    raw = path.read_bytes()
    assert resource["bytes"] == len(raw)
    assert resource["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest()
    assert resource["encoding"] == "utf-8-sig" and raw.startswith(b"\xef\xbb\xbf")
    fields = resource["schema"]["fields"]
    assert [field["name"] for field in fields] == list(ACTIVITY_COLUMNS)
    assert all(re.search("[а-я]", field["title"], re.I) for field in fields)  # Bulgarian titles
    rows = list(csv.reader(raw.decode(resource["encoding"]).splitlines()))
    assert rows[0] == [field["name"] for field in fields]
    missing = set(resource["schema"]["missingValues"])
    for row in rows[1:]:
        for value, field in zip(row, fields, strict=True):
            if value in missing:
                assert not field.get("constraints", {}).get("required"), field["name"]
            elif field["type"] == "integer":
                int(value)
            elif field["type"] == "date":
                dt.date.fromisoformat(value)


def test_licence_and_types(extracted):
    package = _package(extracted)
    assert "ЗАПСП" in package["licenses"][0]["title"]
    types = {f["name"]: f["type"] for f in package["resources"][0]["schema"]["fields"]}
    assert types["№"] == "integer" and types["Срок от"] == types["Срок до"] == "date"


def test_drafts_in_one_folder_share_the_package(extracted, run_cli, tmp_path):
    other = tmp_path / "src" / "проект 2013.docx"
    other.parent.mkdir()
    shutil.copyfile(DRAFT_2012["docx"], other)
    assert run_cli("extract", other, "-o", extracted).code == 0
    package = _package(extracted)
    names = [resource["name"] for resource in package["resources"]]
    assert names == ["np2012-draft-activities", "proekt-2013-activities"]
    jsonschema.validate(package, PACKAGE_SCHEMA)
    # re-extracting the first draft keeps the second one's resource, and the bytes are stable
    before = (extracted / "datapackage.json").read_bytes()
    assert run_cli("extract", DRAFT_2012["docx"], "-o", extracted).code == 0
    assert (extracted / "datapackage.json").read_bytes() == before
