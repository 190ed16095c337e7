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
# The output `emit(..., parallel=True)` writes in a forked child beside the others (sidecar.py).
SIDECAR_OUTPUT = "xlsx"


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
) -> list[Path]:
    """Write the outputs of one input as one unit; on any failure none of them is touched.

    The whole set (the folder's `datapackage.json` included) is written into a staging folder
    on the same file system first. With `own_folder` (a batch: the folder holds this input's
    outputs only) the staged folder then replaces `outdir` in one atomic swap; otherwise its
    files are moved in with Ctrl-C/SIGTERM held, and a run killed outright mid-move is finished
    by the next run (`staging.clean_stale`). Either way a reader sees the old set or the new.
    """
    from ..errors import OutputError

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
    chosen = formats or DEFAULT_FORMATS
    paths = output_paths(result.stem, stage, chosen)
    described = {} if own_folder else {"described": outdir}

    def write(name: str) -> Path | None:
        writer = _writer(OUTPUTS[name][1])
        if name in FOLDER_OUTPUTS:
            return writer(data, paths[name], original, **described)
        return writer(data, paths[name], original)

    sidecar = None
    try:
        made: dict[str, Path | None] = {}
        if parallel and SIDECAR_OUTPUT in paths and len(paths) > 1:
            from .sidecar import Sidecar, can_fork

            if can_fork():
                sidecar = Sidecar(lambda: write(SIDECAR_OUTPUT))
        for name in paths:
            if sidecar is None or name != SIDECAR_OUTPUT:
                made[name] = write(name)
        if sidecar is not None:
            made[SIDECAR_OUTPUT] = sidecar.result()  # type: ignore[assignment]
            sidecar = None
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
            sidecar.stop()
        shutil.rmtree(stage, ignore_errors=True)


def cannot_write(outdir: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return (
        f"cannot write the outputs to {outdir} ({reason}): free some space, check the "
        "folder's permissions, or choose another folder with -o"
    )
