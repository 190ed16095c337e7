"""Build the spelling check's ready tables (`ready.py`): `python -m natprog.spelling.ready_build`.

Run by the Makefile; apart from `ready.py`, which only loads them, so that the modules building
the tables can read it without an import cycle.
"""

from __future__ import annotations

import sys

from . import affixes, ready, vocabulary


def build() -> dict:
    """The tables as the word lists give them now, with their sources' stamp."""
    return {
        "stamp": ready.stamp(),
        "settlements": vocabulary.build_settlements(),
        "frequencies": vocabulary.build_frequencies(),
        "capitalised": list(affixes.build_capitalised_stems()),
    }


if __name__ == "__main__":
    ready.write(build())
    sys.stderr.write(f"wrote {ready.READY_PATH}\n")
