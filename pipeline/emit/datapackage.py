"""`datapackage.json`: a Frictionless (Tabular) Data Package describing the CSVs beside it.

Fields come from the same column definitions the CSV writer uses, so the two cannot drift.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .atomic import write_text
from .original import Original
from .serialize import ACTIVITY_FIELDS, Column

NAME = "datapackage.json"
# (resource suffix, CSV file pattern, columns): one entry per CSV that extract writes.
TABLES: tuple[tuple[str, str, tuple[Column, ...]], ...] = (
    ("activities", "{stem}.activities.csv", ACTIVITY_FIELDS),
)
LICENSE = {
    "name": "other-pd",
    "title": (
        "Официален документ на държавен орган: не е обект на авторско право "
        "(чл. 4, т. 1 ЗАПСП). Проверете условията преди публикуване на портала за отворени данни."
    ),
}
DIALECT = {"delimiter": ",", "doubleQuote": True, "header": True, "lineTerminator": "\r\n"}
_GENERIC_TITLE = (
    "Национална програма за предотвратяване и противодействие на трафика на хора "
    "и закрила на жертвите: дейности"
)
# Bulgarian Streamlined System (the official transliteration), for resource names.
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht",
    "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
}  # fmt: skip


def slug(text: str) -> str:
    """A Data Package name: lower-case ASCII letters, digits and `-._` only."""
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())
    return re.sub(r"[^a-z0-9._]+", "-", latin).strip("-._") or "data"


def _resource(stem: str, suffix: str, csv_path: Path, columns: tuple[Column, ...], data: dict):
    raw = csv_path.read_bytes()
    programme = data.get("programme") or {}
    title = programme.get("title") or data["source"]["file"]
    return {
        "name": f"{slug(stem)}-{suffix}",
        "path": csv_path.name,
        "title": f"{title}: дейности",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "bytes": len(raw),
        "hash": "sha256:" + hashlib.sha256(raw).hexdigest(),
        "dialect": DIALECT,
        "sources": [{"title": data["source"]["file"]}],
        "x-natprog": {"stem": stem, "year": programme.get("year")},
        "schema": {
            "fields": [_field(column) for column in columns],
            "missingValues": [""],
        },
    }


def _field(column: Column) -> dict:
    out = {
        "name": column.name,
        "title": column.title,
        "type": column.type,
        "description": column.description,
    }
    if column.required:
        out["constraints"] = {"required": True}
    return out


def _kept_resources(path: Path, stem: str) -> list[dict]:
    """Resources of the other drafts already described in this folder, still on disk."""
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
        resources = existing["resources"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [
        resource
        for resource in resources
        if isinstance(resource, dict)
        and (resource.get("x-natprog") or {}).get("stem") not in (None, stem)
        and (path.parent / str(resource.get("path", ""))).is_file()
    ]


def build_package(resources: list[dict]) -> dict:
    years = sorted({r["x-natprog"]["year"] for r in resources if r["x-natprog"].get("year")})
    titles = sorted({r["title"] for r in resources})
    return {
        "profile": "tabular-data-package",
        "name": "natprog-programme" + (f"-{years[0]}" if len(years) == 1 else ""),
        "title": titles[0] if len(titles) == 1 else _GENERIC_TITLE,
        "description": (
            "Дейностите от проекта на Националната програма, извлечени с natprog: по един ред "
            "за всяка дейност, с отговорните институции, сроковете и мястото в проекта."
        ),
        "licenses": [LICENSE],
        "keywords": ["трафик на хора", "национална програма", "НКБТХ"],
        "resources": sorted(resources, key=lambda r: r["name"]),
    }


def write_datapackage(
    data: dict, path: Path, original: Original, described: Path | None = None
) -> Path | None:
    """Describe this draft's CSVs (those present beside `path`) and keep the other drafts' in
    the folder `described` (default: `path`'s own; a staged package describes its destination)."""
    stem = original.stem
    mine = []
    for suffix, pattern, columns in TABLES:
        csv_path = path.parent / pattern.format(stem=stem)
        if csv_path.is_file():
            mine.append(_resource(stem, suffix, csv_path, columns, data))
    if not mine:
        return None
    folder = described or path.parent
    resources = _kept_resources(folder / path.name, stem) + mine
    text = json.dumps(build_package(resources), ensure_ascii=False, indent=2, sort_keys=True)
    return write_text(path, text + "\n")
