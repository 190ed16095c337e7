"""The master glossary `abbreviations.csv`: abbreviations a reader of these programmes meets.

Each row may be limited to years (`valid_from`/`valid_to`, both inclusive) and name the
abbreviation that replaced it (`successor`); `well_known` ones (ЕС, САЩ) need no definition.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError

FILE_NAME = "abbreviations.csv"
PACKAGE_COPY = Path(__file__).resolve().parent.parent / "data" / FILE_NAME
REQUIRED_COLUMNS = ("abbreviation", "expansion", "valid_from", "valid_to", "note")


@dataclass(frozen=True, slots=True)
class MasterEntry:
    abbreviation: str
    expansion: str
    valid_from: int | None = None
    valid_to: int | None = None
    note: str | None = None
    successor: str | None = None
    well_known: bool = False
    line: int = 0  # line in the CSV, for error messages

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None

    def to_dict(self) -> dict:
        return {
            "expansion": self.expansion,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "note": self.note,
            "successor": self.successor,
        }


class MasterGlossary:
    """The rows of the master list, grouped by abbreviation (an abbreviation may have several)."""

    def __init__(self, entries: list[MasterEntry], source: str = FILE_NAME) -> None:
        self.source = source
        self.by_abbreviation: dict[str, list[MasterEntry]] = {}
        for entry in entries:
            self.by_abbreviation.setdefault(entry.abbreviation, []).append(entry)

    def __contains__(self, abbreviation: str) -> bool:
        return abbreviation in self.by_abbreviation

    def entries(self, abbreviation: str) -> list[MasterEntry]:
        return self.by_abbreviation.get(abbreviation, [])

    def best(self, abbreviation: str, year: int | None) -> MasterEntry | None:
        """The row for `year` (the first valid one), else the first row."""
        rows = self.entries(abbreviation)
        valid = [row for row in rows if row.valid_in(year)]
        return (valid or rows or [None])[0]

    def outdated(self, abbreviation: str, year: int | None) -> bool:
        """Known, dated, and valid in none of its rows for `year`."""
        rows = self.entries(abbreviation)
        return (
            year is not None
            and bool(rows)
            and any(row.dated for row in rows)
            and not any(row.valid_in(year) for row in rows)
        )

    def current_name(self, abbreviation: str, year: int | None) -> str | None:
        """The name valid in `year`, following `successor` links from the rows that had ended."""
        if year is None:
            return None
        seen = {abbreviation}
        frontier = [abbreviation]
        while frontier:
            name = frontier.pop(0)
            for row in self.entries(name):
                nxt = row.successor
                if not nxt or nxt in seen:
                    continue
                if any(candidate.valid_in(year) for candidate in self.entries(nxt)):
                    return nxt
                seen.add(nxt)
                frontier.append(nxt)
        return None

    def well_known(self, abbreviation: str) -> bool:
        return any(row.well_known for row in self.entries(abbreviation))


def master_path(configured: Path | None, cwd: Path | None = None) -> Path:
    """`--glossary`/natprog.toml first, then ./abbreviations.csv, then the copy in the package."""
    if configured is not None:
        if not configured.is_file():
            raise ConfigError(
                f"master glossary not found: {configured} (set by --glossary or `glossary` in natprog.toml)"
            )
        return configured
    local = (cwd or Path.cwd()) / FILE_NAME
    return local if local.is_file() else PACKAGE_COPY


def load_master(configured: Path | None = None, cwd: Path | None = None) -> MasterGlossary:
    path = master_path(configured, cwd)
    try:
        stat = path.stat()
    except OSError as exc:
        raise ConfigError(f"master glossary {path} cannot be read ({exc.strerror})") from None
    return _load(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int, size: int) -> MasterGlossary:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return MasterGlossary(parse_master(handle.read(), path), Path(path).name)
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the master glossary must be UTF-8") from None


def parse_master(text: str, name: str = FILE_NAME) -> list[MasterEntry]:
    """Rows of the CSV; a missing column or a year that is not a number is a config error."""
    reader = csv.DictReader(text.splitlines())
    missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise ConfigError(f"{name}: missing column(s) {', '.join(missing)}")
    entries = []
    for line, row in enumerate(reader, start=2):
        abbreviation = " ".join((row.get("abbreviation") or "").split())
        expansion = " ".join((row.get("expansion") or "").split())
        if not abbreviation:
            continue
        if not expansion:
            raise ConfigError(f"{name}, line {line}: {abbreviation} has no expansion")
        entries.append(
            MasterEntry(
                abbreviation=abbreviation,
                expansion=expansion,
                valid_from=_year(row.get("valid_from"), name, line),
                valid_to=_year(row.get("valid_to"), name, line),
                note=(row.get("note") or "").strip() or None,
                successor=(row.get("successor") or "").strip() or None,
                well_known=(row.get("well_known") or "").strip().lower() in ("1", "yes", "да"),
                line=line,
            )
        )
    return entries


def _year(value: str | None, name: str, line: int) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) != 4:
        raise ConfigError(f"{name}, line {line}: year {value!r} is not a four-digit year")
    return int(value)
