"""Emit: a `Result` to files. Each output format is one small module registered here.

`emit` writes the chosen formats of one input all or nothing: into a staging folder first, then
moved into place as one unit only when every writer has succeeded; it returns the paths written.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import staging
from .atomic import fsync_dir
from .original import Original

if TYPE_CHECKING:
    from ..models import Result
    from .sidecar import Sidecar

# format name -> (file name pattern, writer module:function). Writers take (data, path, original):
# the serialized result, where to write, and the input file (read only by the annotated copy).
# Order matters: the data package describes the CSVs, so it comes after them.
OUTPUTS: dict[str, tuple[str, str]] = {
    "json": ("{stem}.json", "jsonout:write_json"),
    "xlsx": ("{stem}.xlsx", "workbook:write_xlsx"),
    "csv": ("{stem}.activities.csv", "csvout:write_activities_csv"),
    "institutions": ("{stem}.institutions.csv", "institutions_table:write_institutions_csv"),
    "datapackage": ("datapackage.json", "datapackage:write_datapackage"),
    "html": ("{stem}.report.html", "html_report:write_report"),
    "annotated": ("{stem}.annotated.docx", "annotate:write_annotated_docx"),
}
DEFAULT_FORMATS: tuple[str, ...] = tuple(OUTPUTS)
# Outputs that describe the whole folder, not one input: staged with the rest, told which folder
# they describe (`described`), so the set moves in as one.
FOLDER_OUTPUTS: frozenset[str] = frozenset({"datapackage"})
# The outputs `emit(..., parallel=True)` writes in a forked child beside the others (sidecar.py):
# the workbook and the report take about as long as the rest with the annotated copy.
SIDECAR_OUTPUTS: tuple[str, ...] = ("xlsx", "html")
_SPOOL = ".sidecar-input.pickle"  # the data handed to the child, in the staging folder


def _writer(spec: str) -> Callable:
    from importlib import import_module

    module, function = spec.split(":")
    return getattr(import_module(f"{__name__}.{module}"), function)


def output_paths(
    stem: str, outdir: Path, formats: tuple[str, ...] | None = None
) -> dict[str, Path]:
    return {
        name: outdir / OUTPUTS[name][0].format(stem=stem) for name in formats or DEFAULT_FORMATS
    }


def refuse_colliding_outputs(files: tuple[Path, ...] | list[Path], outdir: Path) -> list[Path]:
    """The inputs of one `extract` run, each once; refused when two would write the same outputs.

    Outputs are named after the input's stem, so `x.docx` and `x.pdf` (or `x.odt` and `x.doc`)
    would overwrite each other's files in one folder. Stems are compared regardless of case,
    which is how Windows and macOS compare file names. Nothing has been written at this point.
    """
    from ..errors import UsageError

    unique: list[Path] = []
    seen: set[Path] = set()
    claimed: dict[str, Path] = {}
    for path in files:
        resolved = Path(os.path.abspath(path))
        if resolved in seen:  # the same file named twice is one input
            continue
        seen.add(resolved)
        other = claimed.setdefault(path.stem.casefold(), path)
        if other is not path:
            raise UsageError(
                f"{other} and {path} would both write their outputs to "
                f"{Path(outdir) / path.stem}.*: extract them into separate folders (-o), or put "
                "them in one folder and run `natprog batch FOLDER`, which gives each draft its own "
                "<stem>-<ext> folder"
            )
        unique.append(path)
    return unique


def emit(
    result: Result,
    outdir: Path,
    formats: tuple[str, ...] | None = None,
    *,
    own_folder: bool = False,
    parallel: bool = False,
    sidecar: Sidecar | None = None,
) -> list[Path]:
    """Write the outputs of one input as one unit; on any failure none of them is touched.

    The whole set (the folder's `datapackage.json` included) is written into a staging folder
    on the same file system first. With `own_folder` (a batch: the folder holds this input's
    outputs only) the staged folder then replaces `outdir` in one atomic swap; otherwise its
    files are moved in with Ctrl-C/SIGTERM held, and a run killed outright mid-move is finished
    by the next run (`staging.clean_stale`). Either way a reader sees the old set or the new.

    With `parallel` (or a `sidecar` from `start_sidecar`, started before the draft was read) the
    SIDECAR_OUTPUTS are written by a forked child while this process writes the others.
    """
    from ..errors import OutputError

    if sidecar is None and parallel:
        sidecar = start_sidecar()
    try:
        data = result.to_dict()
        original = Original(Path(result.document.path), result.options.revisions)
        outdir = Path(outdir)
        home = outdir.parent if own_folder else outdir
        try:
            home.mkdir(parents=True, exist_ok=True)
            staging.clean_stale(home)
            stage = staging.make(home)
        except OSError as exc:
            raise OutputError(cannot_write(outdir, exc)) from None
        paths = output_paths(result.stem, stage, formats or DEFAULT_FORMATS)
        described = None if own_folder else outdir
        try:
            side = {n: p for n, p in paths.items() if n in SIDECAR_OUTPUTS} if sidecar else {}
            if side and len(side) < len(paths):
                sidecar.send((data, side, original, described), stage / _SPOOL)  # type: ignore[union-attr]
            else:
                side = {}
            made = {
                n: _write(n, data, p, original, described)
                for n, p in paths.items()
                if n not in side
            }
            if side:
                made.update(sidecar.result())  # type: ignore[union-attr, arg-type]
                (stage / _SPOOL).unlink()
            # a writer may decline (e.g. the annotated copy of a PDF)
            produced = [outdir / Path(made[n]).relative_to(stage) for n in paths if made[n]]
            if own_folder:
                staging.swap_folder(stage, outdir)
            else:
                staging.move_in(stage, outdir)
            fsync_dir(home)
            return produced
        except OSError as exc:
            raise OutputError(cannot_write(outdir, exc)) from None
        finally:
            if sidecar is not None:
                sidecar.stop()  # first: a child still writing would refill the folder removed next
            shutil.rmtree(stage, ignore_errors=True)
    finally:
        if sidecar is not None:
            sidecar.stop()


def _write(
    name: str, data: dict, path: Path, original: Original, described: Path | None
) -> Path | None:
    writer = _writer(OUTPUTS[name][1])
    if name in FOLDER_OUTPUTS and described is not None:
        return writer(data, path, original, described=described)
    return writer(data, path, original)


def start_sidecar() -> Sidecar | None:
    """Fork the child that will write SIDECAR_OUTPUTS (importing their libraries meanwhile), or
    None where forking is not worth it (`sidecar.can_fork`). Hand it to `emit`, and `stop()` it
    if the draft turns out unreadable."""
    from .sidecar import Sidecar, can_fork

    return Sidecar(_prepare_sidecar, _write_sidecar) if can_fork() else None


def _prepare_sidecar() -> None:
    """In the child, before the data exists: import its writers and what they will use."""
    from importlib import import_module

    for name in SIDECAR_OUTPUTS:
        module = import_module(f"{__name__}.{OUTPUTS[name][1].split(':')[0]}")
        getattr(module, "prepare", lambda: None)()


def _write_sidecar(payload: tuple) -> dict[str, Path | None]:
    data, paths, original, described = payload
    return {name: _write(name, data, path, original, described) for name, path in paths.items()}


def cannot_write(outdir: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return (
        f"cannot write the outputs to {outdir} ({reason}): free some space, check the "
        "folder's permissions, or choose another folder with -o"
    )
