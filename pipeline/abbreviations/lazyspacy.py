"""Import spaCy without its command line: a third of its import time, and natprog never uses it.

A placeholder stands in for `spacy.cli` while spaCy imports; on any surprise, a plain import.
"""

from __future__ import annotations

import sys
import types


def import_spacy() -> types.ModuleType:
    """`import spacy`, minus `spacy.cli` (typer, weasel, httpx, requests).

    spaCy's `__init__` imports its command line only to re-export `spacy.info`. The placeholder
    is removed afterwards, so a later `import spacy.cli` loads the real one, and `spacy.info`
    loads it on its first call. If spaCy's layout differs (another version), spaCy is imported
    the ordinary way.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placeholders = {"spacy.cli": types.ModuleType("spacy.cli")}
    placeholders["spacy.cli"].__path__ = []  # a package, so `spacy.cli.info` can be a child
    placeholders["spacy.cli.info"] = info_module = types.ModuleType("spacy.cli.info")
    info_module.info = _info
    sys.modules.update(placeholders)
    try:
        import spacy
    except Exception:
        # Not the layout this expects: forget the half-imported package and import it plainly.
        for name in [name for name in sys.modules if name == "spacy" or name.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


def _info(*args, **kwargs):
    """`spacy.info`, loading spaCy's command line only when someone calls it."""
    from spacy.cli.info import info

    return info(*args, **kwargs)
