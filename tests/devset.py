"""Rebuilds the newspaper-style part of the spelling dev set from UD_Bulgarian-BTB (not committed).

BTB's licence (CC BY-NC-SA 4.0) does not allow copying its text into this repository, so this
script writes the `# text =` lines of a split into build/devset/btb-<split>.txt, one sentence a
line and a blank line between BTB's documents. Get the treebank with
`git clone https://github.com/UniversalDependencies/UD_Bulgarian-BTB` (or any git mirror of it):

    python tests/devset.py PATH-TO-UD_Bulgarian-BTB            # the train split (tune on this)
    python tests/devset.py PATH-TO-UD_Bulgarian-BTB --split dev   # held out: measure only

Never tune on the dev or test splits: an outside evaluation uses texts like those.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "build" / "devset"


def conllu_text(repo: Path, split: str) -> str:
    """The split's .conllu, from a checkout or (a bare mirror) from its HEAD commit."""
    name = f"bg_btb-ud-{split}.conllu"
    if (repo / name).exists():
        return (repo / name).read_text("utf-8")
    shown = subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{name}"], capture_output=True, text=True
    )
    if shown.returncode != 0:
        raise SystemExit(f"{repo}: no {name} (a mirror without its large files?)")
    return shown.stdout


def sentences(conllu: str) -> list[str]:
    """`# text =` lines, with an empty string where a new document starts."""
    out: list[str] = []
    for line in conllu.splitlines():
        if line.startswith("# newdoc") and out and out[-1]:
            out.append("")
        elif line.startswith("# text = "):
            out.append(line[len("# text = ") :].strip())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--split", default="train", choices=("train", "dev", "test"))
    args = parser.parse_args()
    lines = sentences(conllu_text(args.repo, args.split))
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"btb-{args.split}.txt"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    words = sum(len(line.split()) for line in lines)
    sys.stderr.write(f"wrote {target}: {sum(1 for x in lines if x)} sentences, {words} words\n")


if __name__ == "__main__":
    main()
