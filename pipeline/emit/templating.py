"""The one Jinja2 environment for natprog's HTML pages (the report and the diff).

Jinja2 is imported on first use: only runs that write a page pay for it. The templates are
compiled to Python ahead of time (`python -m natprog.emit.templating`, run by the Makefile, writes
pipeline/templates/compiled/, a build artefact), since lexing, parsing and compiling them cost
~20 ms of every run that writes a report. Correctness never depends on it: the compiled set is
used only while its `sources.json` holds the digests of the templates as they are now and the
running Jinja2's version; otherwise (a template edited since, Jinja2 upgraded, no set at all)
the templates are read from source (tests/test_templating.py).
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
COMPILED = TEMPLATES / "compiled"
DIGESTS = COMPILED / "sources.json"
SOURCES = ("base.css", "diff.html.j2", "report.css", "report.html.j2", "report.js")


@lru_cache(maxsize=1)
def environment():
    from jinja2 import FileSystemLoader, ModuleLoader

    loader = ModuleLoader(str(COMPILED)) if compiled_is_current() else FileSystemLoader(TEMPLATES)
    return _environment(loader)


def _environment(loader):
    from jinja2 import Environment, StrictUndefined

    return Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,  # a typo in the template fails the tests, not the reader
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def source_digests() -> dict[str, str]:
    """What the compiled set was made from: each template's digest, and Jinja2's version (its
    generated code is only meant for the Jinja2 that wrote it)."""
    from jinja2 import __version__

    digests = {
        name: hashlib.sha256((TEMPLATES / name).read_bytes()).hexdigest() for name in SOURCES
    }
    return {"jinja2": __version__, **digests}


def compiled_is_current() -> bool:
    try:
        return json.loads(DIGESTS.read_text(encoding="utf-8")) == source_digests()
    except (OSError, ValueError):
        return False


def compile_templates() -> None:
    """Rewrite pipeline/templates/compiled/ from the templates."""
    from jinja2 import FileSystemLoader

    COMPILED.mkdir(exist_ok=True)
    for old in COMPILED.glob("tmpl_*.py"):
        old.unlink()
    _environment(FileSystemLoader(TEMPLATES)).compile_templates(
        str(COMPILED), zip=None, filter_func=lambda name: name in SOURCES, ignore_errors=False
    )
    DIGESTS.write_text(json.dumps(source_digests(), indent=1, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    compile_templates()
    sys.stderr.write(f"wrote {COMPILED}\n")
