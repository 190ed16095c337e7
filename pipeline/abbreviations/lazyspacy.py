"""Import spaCy without its command line: a third of its import time that natprog never uses.

`spacy/__init__.py` imports `spacy.cli` (typer, weasel, httpx, requests) only to re-export
`spacy.info`. While spaCy imports, a placeholder stands in for `spacy.cli`; afterwards it is
removed, so `import spacy.cli` later loads the real one, and `spacy.info` loads it on first call.
If anything about that goes wrong (another spaCy version), spaCy is imported the ordinary way.
"""

from __future__ import annotations

import sys
import types


def import_spacy() -> types.ModuleType:
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
