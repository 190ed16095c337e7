"""Load one side of a diff: a draft (any format natprog reads) or the JSON `natprog extract` wrote.

The JSON is recognised from its content, checked against `programme.schema.json`, and read back
into the same `Draft` a processed draft gives, so both kinds of input compare alike.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from ..errors import NotAProgrammeError, UnreadableFileError, UsageError
from ..models import FIELD_KEYS, ROMAN, Deadline, Provenance
from ..options import Options
from .model import Draft, DraftActivity, DraftField, DraftGlossaryEntry, DraftSection

SUPPORTED_SCHEMA = "1"  # major version of the extraction JSON this loader reads
_PROV_KEYS = ("page", "paragraph", "line", "table", "row", "cell")
_NOT_EXTRACTION = (
    "is JSON but not a natprog extraction ({why}): pass a draft (DOCX, PDF, TXT) "
    "or the .json written by `natprog extract`"
)


def load_draft(path: Path | str, options: Options | None = None) -> Draft:
    """A draft file or its extraction JSON, as a comparable `Draft`."""
    from ..ingest import read_input

    path = Path(path)
    options = options or Options()
    data, _kind = read_input(path, options)  # existence, size limit, emptiness
    if looks_like_json(data):
        return draft_from_json(parse_json(data, str(path)), str(path))
    from ..run import process
    from .model import from_result

    result = process(path, options)
    if result.programme is None or not result.programme.activities:
        raise NotAProgrammeError("no activities found: nothing to compare", path=str(path))
    return from_result(result)


def looks_like_json(data: bytes) -> bool:
    """A JSON object, told from its first byte; no draft natprog reads starts with `{`."""
    return data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"{"


def parse_json(data: bytes, path: str) -> dict:
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UnreadableFileError("the JSON is not UTF-8 text", path=path) from None
    except json.JSONDecodeError as exc:
        raise UnreadableFileError(
            f"damaged JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "write it again with `natprog extract`",
            path=path,
        ) from None
    if not isinstance(value, dict):
        raise UsageError(_NOT_EXTRACTION.format(why="not an object"), path=path)
    return value


@lru_cache(maxsize=1)
def _validator():
    # Imported here: jsonschema is needed only when a JSON is read back.
    import jsonschema

    schema = files("natprog").joinpath("data/programme.schema.json").read_text(encoding="utf-8")
    return jsonschema.Draft202012Validator(json.loads(schema))


def validate_extraction(data: dict, path: str, *, full: bool = True) -> None:
    """Raise a clear error unless `data` is an extraction this version can read (`full`: also
    check it against the JSON Schema)."""
    missing = [key for key in ("schema_version", "source", "activities") if key not in data]
    if missing:
        why = "no " + ", ".join(f"`{key}`" for key in missing)
        raise UsageError(_NOT_EXTRACTION.format(why=why), path=path)
    version = str(data["schema_version"])
    if version.split(".")[0] != SUPPORTED_SCHEMA:
        raise UsageError(
            f"extraction schema {version} is not supported (this natprog reads "
            f"{SUPPORTED_SCHEMA}.x): extract the draft again with this version",
            path=path,
        )
    if not full:
        return
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "top level"
        raise UnreadableFileError(
            f"damaged natprog extraction (at {where}: {error.message}); "
            "write it again with `natprog extract`",
            path=path,
        )


def draft_from_json(data: dict, path: str = "<json>") -> Draft:
    """The comparable `Draft` of an extraction JSON (as written by `natprog extract`)."""
    validate_extraction(data, path)
    programme = data.get("programme")
    if programme is None or not data["activities"]:
        raise NotAProgrammeError(
            "the extraction has no activities (was it made with --text-only?): nothing to compare",
            path=path,
        )
    try:
        return _draft(data)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        # the schema leaves a few things open (dates that do not exist, a start after the end)
        raise UnreadableFileError(
            f"damaged natprog extraction ({type(exc).__name__}: {exc}); "
            "write it again with `natprog extract`",
            path=path,
        ) from None


def _draft(data: dict) -> Draft:
    programme = data["programme"]
    source = data["source"]
    return Draft(
        file=source["file"],
        format=source["format"],
        sha256=source["sha256"],
        title=programme.get("title"),
        year=programme.get("year"),
        draft=bool(programme.get("draft")),
        sections=tuple(
            DraftSection(section["number"], section["numeral"], section["title"])
            for section in data.get("sections", [])
        ),
        activities=tuple(_activity(item) for item in data["activities"]),
        glossary=tuple(
            DraftGlossaryEntry(
                entry["abbreviation"], entry.get("expansion"), _provenance(entry.get("source"))
            )
            for entry in data.get("glossary", [])
        ),
        origin="json",
    )


def _activity(item: dict) -> DraftActivity:
    fields = []
    for key in FIELD_KEYS:
        value = item[key]
        items = value.get("items")
        fields.append(
            DraftField(
                key=key,
                text=value.get("text"),
                label=value.get("label"),
                items=tuple(entry["name"] for entry in items) if items is not None else None,
                deadline=_deadline(value) if key == "deadline" else None,
                source=_provenance(value.get("source")),
            )
        )
    section = item.get("section")
    if section is None:  # older extractions: the section is the Roman part of the id
        numeral = item["id"].split(".")[0]
        section = ROMAN.index(numeral) + 1 if numeral in ROMAN else None
    return DraftActivity(
        id=item["id"],
        section=section,
        number=item.get("number"),
        title=item["title"],
        fields=tuple(fields),
        source=_provenance(item.get("source")),
    )


def _deadline(value: dict) -> Deadline:
    return Deadline(
        value.get("text"),
        value.get("kind") or "unknown",
        _date(value.get("start")),
        _date(value.get("end")),
    )


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _provenance(source: dict | None) -> Provenance | None:
    if not source:
        return None
    bbox = source.get("bbox")
    return Provenance(
        **{key: source.get(key) for key in _PROV_KEYS},
        bbox=tuple(bbox) if bbox else None,
        part=source.get("part") or "body",
    )
