"""The one thing a writer may need beyond the serialized data: the input file it came from.

Only the annotated copy reads it (it annotates the original bytes); every other writer works from
the data alone, so outputs cannot depend on anything the JSON does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Original:
    path: Path  # the input as given
    revisions: str = "accepted"  # how tracked changes were read: the same view for anchoring

    @property
    def stem(self) -> str:
        return self.path.stem
