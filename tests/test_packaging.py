"""The library installs as `natprog` from the `pipeline/` folder: every sub-package is listed."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_source_folder_is_a_listed_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    assert config["package-dir"] == {"natprog": "pipeline"}
    on_disk = {
        ".".join(("natprog", *init.parent.relative_to(ROOT / "pipeline").parts))
        for init in (ROOT / "pipeline").rglob("__init__.py")
    }
    assert set(config["packages"]) == on_disk


def test_the_import_package_is_natprog_not_pipeline() -> None:
    import natprog

    assert Path(natprog.__file__).resolve().parent == ROOT / "pipeline"
