"""Loading drafts (or their extraction JSON) into the dataset: one transaction per programme.

A programme is replaced when its path or its draft is loaded again; an unchanged file is
skipped without being read twice; lineage is brought up to date at the end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NatprogError, NotAProgrammeError, UnreadableFileError, internal_error
from ..options import Options
from .write import insert_findings, insert_programme

Status = str  # "loaded", "unchanged", "removed", "error"
# natprog's own annotated copy of a draft, found beside its JSON in an outputs folder: not a draft.
ANNOTATED_SUFFIX = ".annotated.docx"


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    kind: str  # "draft" or "json"


@dataclass(slots=True)
class Outcome:
    """What happened to one file."""

    path: str
    status: Status
    activities: int = 0
    year: int | None = None
    version: int | None = None
    error: NatprogError | None = None

    def line(self) -> str:
        if self.error is not None:
            return f"{self.path}: error (exit {int(self.error.exit_code)}): {self.error.message}"
        if self.status == "loaded":
            return f"{self.path}: loaded {self.year} v{self.version}, {self.activities} activities"
        return f"{self.path}: {self.status}"


@dataclass(slots=True)
class LoadReport:
    outcomes: list[Outcome] = field(default_factory=list)
    relinked: int = 0

    def count(self, status: Status) -> int:
        return sum(outcome.status == status for outcome in self.outcomes)

    def total_line(self) -> str:
        return (
            f"{self.count('loaded')} loaded, {self.count('unchanged')} unchanged, "
            f"{self.count('removed')} removed, {self.count('error')} failed; "
            f"lineage updated for {self.relinked} programme(s)"
        )

    def exit_code(self) -> int:
        failed = sorted((o for o in self.outcomes if o.error is not None), key=lambda o: o.path)
        return int(failed[0].error.exit_code) if failed else 0


def load(
    paths: Iterable[Path | str],
    database: Path | str,
    options: Options | None = None,
    *,
    jobs: int | None = None,
    threshold: float | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> LoadReport:
    """Load drafts, extraction JSON files and folders of them into the dataset at `database`."""
    from .lineage import relink
    from .schema import connect

    options = options or Options()
    paths = [Path(p) for p in paths]
    sources = find_sources(paths)
    report = LoadReport()
    tell = on_outcome or (lambda outcome: None)
    connection = connect(database)
    # One transaction per programme; in WAL mode with NORMAL sync a commit costs no fsync, and a
    # crash still loses at most the last programmes, never the file.
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    try:
        stored = dict(connection.execute("SELECT path, loaded_sha256 FROM programmes"))
        fingerprint = _fingerprint(options, any(s.kind == "draft" for s in sources))
        pending: list[tuple[Source, str]] = []
        for source in sources:
            key = _loaded_key(source, fingerprint)
            if key is None or stored.get(str(source.path)) != key:
                pending.append((source, key))
            else:
                report.outcomes.append(Outcome(str(source.path), "unchanged"))
                tell(report.outcomes[-1])
        for source, key, extraction, error in _extractions(pending, options, jobs):
            if extraction is None:
                outcome = Outcome(str(source.path), "error", error=error)
            else:
                outcome = _store_or_refuse(connection, source, key, *extraction)
            if outcome.error is not None and outcome.error.path is None:
                outcome.error.path = str(source.path)
            report.outcomes.append(outcome)
            tell(outcome)
        for path in _vanished(connection, sources, paths):
            with connection:
                connection.execute("DELETE FROM programmes WHERE path = ?", (path,))
            report.outcomes.append(Outcome(path, "removed"))
            tell(report.outcomes[-1])
        report.relinked = len(relink(connection, options, threshold))
    finally:
        connection.close()
    return report


# -- finding the files --------------------------------------------------------------------------


def find_sources(paths: list[Path]) -> list[Source]:
    """Every draft and extraction JSON named or under a named folder, each once."""
    from ..discover import discover
    from ..errors import UsageError

    found: dict[Path, Source] = {}
    for path in paths:
        if path.is_dir():
            drafts, _skipped = discover(path)
            for draft in drafts:
                if not draft.name.endswith(ANNOTATED_SUFFIX):
                    found.setdefault(draft, Source(draft, "draft"))
            for candidate in _json_files(path):
                if _is_extraction(candidate):  # not summary.json, datapackage.json, diff.json
                    found.setdefault(candidate, Source(candidate, "json"))
        elif path.is_file():
            kind = "json" if _starts_like_json(path) else "draft"
            found.setdefault(path, Source(path, kind))
        else:
            raise UsageError(f"no such file or folder: {path}")
    return list(found.values())


def _json_files(folder: Path) -> list[Path]:
    """The .json files under `folder`, walked as `discover` walks (no links, no hidden names)."""
    import os

    found = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(current) / name
            if name.endswith(".json") and not name.startswith(".") and not path.is_symlink():
                found.append(path)
    return sorted(found)


def _starts_like_json(path: Path) -> bool:
    from ..diff.load import looks_like_json

    with path.open("rb") as handle:
        return looks_like_json(handle.read(64))


# `natprog extract` writes its keys sorted: an extraction opens with one of these; summary.json,
# datapackage.json and diff.json do not.
_EXTRACTION_HEAD = re.compile(rb'^(?:\xef\xbb\xbf)?\s*\{\s*"(?:abbreviations|activities)"')


def _is_extraction(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return _EXTRACTION_HEAD.match(handle.read(64)) is not None
    except OSError:
        return False


# -- reading ------------------------------------------------------------------------------------


def _fingerprint(options: Options, needed: bool) -> str:
    """What besides a draft's bytes decides its extraction (natprog's code, options, config)."""
    if not needed:
        return ""
    from ..batch_cache import run_fingerprint

    return run_fingerprint(options)


def _loaded_key(source: Source, fingerprint: str) -> str | None:
    from .. import __version__

    try:
        digest = hashlib.sha256(source.path.read_bytes())
    except OSError:
        return None  # reported when it is read
    digest.update(f"\n{source.kind} natprog {__version__}\n".encode())
    if source.kind == "draft":
        digest.update(fingerprint.encode())
    return digest.hexdigest()


def _extractions(pending: list[tuple[Source, str]], options: Options, jobs: int | None):
    """(source, key, (extraction, extracted_at) or None, error) for each pending source, in order;
    drafts are processed `jobs` at a time in worker processes."""
    import os

    drafts = [source for source, _ in pending if source.kind == "draft"]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(drafts)))
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs)
        try:
            futures = {
                source.path: pool.submit(_extract_draft, source.path, options) for source in drafts
            }
            for source, key in pending:
                if source.kind == "draft":
                    extraction, error = futures[source.path].result()
                else:
                    extraction, error = _read_json(source.path)
                yield source, key, extraction, error
        finally:  # on Ctrl-C, drafts not started yet are not processed
            pool.shutdown(cancel_futures=True)
        return
    for source, key in pending:
        reader = _extract_draft if source.kind == "draft" else _read_json
        args = (source.path, options) if source.kind == "draft" else (source.path,)
        extraction, error = reader(*args)
        yield source, key, extraction, error


def _extract_draft(path: Path, options: Options):
    from ..run import process

    try:
        extracted_at = _now()
        return (process(path, options).to_dict(), extracted_at), None
    except NatprogError as error:
        return None, error
    except Exception as error:  # a bug with one draft never stops the others
        return None, internal_error(error, str(path))


def _read_json(path: Path):
    """An extraction JSON, its version checked. The full JSON Schema check is left out: it took
    most of a load's time, and a damaged file is caught while it is stored (rolled back)."""
    from ..diff.load import parse_json, validate_extraction

    try:
        data = parse_json(path.read_bytes(), str(path))
        validate_extraction(data, str(path), full=False)
        stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        return (data, stamp.isoformat(timespec="seconds")), None
    except NatprogError as error:
        return None, error
    except OSError as error:
        return None, UnreadableFileError(f"cannot read the file ({error.strerror})", path=str(path))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# -- writing ------------------------------------------------------------------------------------


def _store_or_refuse(
    connection: sqlite3.Connection, source: Source, key: str, data: dict, extracted_at: str
) -> Outcome:
    try:
        return _store(connection, source, key, data, extracted_at)
    except NatprogError as failure:
        return Outcome(str(source.path), "error", error=failure)
    except (KeyError, TypeError, ValueError, AttributeError) as failure:
        # the JSON Schema is not checked on load (see _read_json): a damaged file shows here
        damaged = UnreadableFileError(
            f"damaged natprog extraction ({type(failure).__name__}: {failure}); "
            "write it again with `natprog extract`"
        )
        return Outcome(str(source.path), "error", error=damaged)


def _store(
    connection: sqlite3.Connection, source: Source, key: str, data: dict, extracted_at: str
) -> Outcome:
    """Replace the programme of this path (or of this draft) by `data`, in one transaction."""
    from .lineage import version_of

    programme = data.get("programme")
    if programme is None or not data.get("activities"):
        raise NotAProgrammeError(
            "no activities (was it extracted with --text-only?): nothing to load",
            path=str(source.path),
        )
    version = version_of(data["source"]["file"] if source.kind == "json" else source.path.name)
    year = programme.get("year")
    with connection:
        connection.execute(
            "DELETE FROM programmes WHERE path = ? OR sha256 = ?",
            (str(source.path), data["source"]["sha256"]),
        )
        programme_id = connection.execute(
            "INSERT INTO programmes (path, file, format, sha256, title, year, version, draft,"
            " activities, findings, extracted_at, loaded_from, loaded_sha256)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(source.path),
                data["source"]["file"],
                data["source"]["format"],
                data["source"]["sha256"],
                programme.get("title"),
                year,
                version,
                int(bool(programme.get("draft"))),
                len(data["activities"]),
                len(data.get("findings", [])),
                extracted_at,
                source.kind,
                key,
            ),
        ).lastrowid
        activity_ids = insert_programme(connection, programme_id, year, version, data)
        insert_findings(connection, programme_id, data.get("findings", []), activity_ids)
    return Outcome(str(source.path), "loaded", len(data["activities"]), year, version)


def _vanished(
    connection: sqlite3.Connection, sources: list[Source], paths: list[Path]
) -> list[str]:
    """Programmes once loaded from a folder given now that the folder no longer holds."""
    folders = [path for path in paths if path.is_dir()]
    present = {str(source.path) for source in sources}
    return [
        path
        for (path,) in connection.execute("SELECT path FROM programmes ORDER BY path")
        if path not in present and any(Path(path).is_relative_to(f) for f in folders)
    ]
